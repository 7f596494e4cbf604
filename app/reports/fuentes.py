"""The bundled Latin subset of DejaVu Sans, parsed once per process and reused by every document.

`FPDF.add_font` parses the TTF (fontTools) and builds the width and glyph maps at every call; at
output, fpdf2 subsets the font *in place* and closes it, so a parsed font cannot simply be shared
between documents. What can be shared is everything `add_font` derives from the file (metrics,
cmap, widths, glyph ids, descriptor): `registrar` copies those from a template parsed once and
gives each document only a fresh, lazily-read fontTools object over the cached bytes and an empty
glyph subset. If a future fpdf2 changes those internals, it falls back to a plain `add_font`
(slower, same output); `tests/reports/test_fuentes.py` checks both paths. The subset files carry
no hinting and keep their bounding boxes, so fontTools is told not to recompute them at output.
"""

from __future__ import annotations

import threading
from io import BytesIO
from pathlib import Path

from fontTools import ttLib
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

from app.config import recursos_dir

FAMILIA = "dejavu"
ARCHIVOS = {
    "": "DejaVuSans-Latin.ttf",
    "B": "DejaVuSans-Bold-Latin.ttf",
    "I": "DejaVuSans-Oblique-Latin.ttf",
}

_bloqueo = threading.Lock()
_plantillas: dict[str, tuple[TTFFont, bytes]] = {}
# set to False when cloning failed once: every later document uses add_font
clonar_activo = True


def carpeta() -> Path:
    return recursos_dir() / "fonts"


def ruta(estilo: str) -> Path:
    return carpeta() / ARCHIVOS[estilo]


def _plantilla(estilo: str) -> tuple[TTFFont, bytes]:
    with _bloqueo:
        hecha = _plantillas.get(estilo)
        if hecha is None:
            archivo = ruta(estilo)
            if not archivo.is_file():
                raise FileNotFoundError(
                    f"Falta la fuente {archivo}: reinstale el programa o regenérela con "
                    "scripts/subconjunto_fuentes.py.")
            datos = archivo.read_bytes()
            auxiliar = FPDF()
            auxiliar.add_font(FAMILIA, estilo, archivo)
            hecha = _plantillas[estilo] = (auxiliar.fonts[f"{FAMILIA}{estilo}"], datos)
        return hecha


def _clonar(base: TTFFont, datos: bytes, pdf: FPDF) -> TTFFont:
    fuente = TTFFont.__new__(TTFFont)
    for nombre in TTFFont.__slots__:
        if hasattr(base, nombre):
            setattr(fuente, nombre, getattr(base, nombre))
    # per document: its index, a fontTools object to subset at output, the glyphs it uses
    fuente.i = len(pdf.fonts) + 1
    fuente.ttfont = ttLib.TTFont(BytesIO(datos), recalcTimestamp=False, recalcBBoxes=False, lazy=True)
    fuente.missing_glyphs = []
    fuente.biggest_size_pt = 0
    fuente._hbfont = None
    fuente.color_font = None
    fuente.subset = SubsetMap(fuente)
    return fuente


def registrar(pdf: FPDF, estilo: str = "") -> None:
    """Make style `estilo` ("", "B" or "I") of family `dejavu` available in `pdf`.

    Register only the styles a document uses: fpdf2 subsets and embeds every registered font at
    output (~8 ms each), used or not."""
    global clonar_activo
    clave = f"{FAMILIA}{estilo}"
    if clave in pdf.fonts:
        return
    if clonar_activo:
        try:
            base, datos = _plantilla(estilo)
            pdf.fonts[clave] = _clonar(base, datos, pdf)
            return
        except (AttributeError, TypeError):  # fpdf2 internals changed: use the public API
            clonar_activo = False
            pdf.fonts.pop(clave, None)
    pdf.add_font(FAMILIA, estilo, ruta(estilo))
