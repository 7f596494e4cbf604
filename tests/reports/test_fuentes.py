"""The bundled Latin subset of DejaVu Sans: parsed once and shared (with a plain `add_font` as the
fallback giving the same document), the characters Spanish needs, and a regeneration that
reproduces the bundled files byte for byte."""

from __future__ import annotations

import importlib.util
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from app.reports import fuentes
from app.reports.convenio import propuesta_convenio

from .ejemplos import datos_convenio, texto_pdf

RAIZ = Path(__file__).resolve().parents[2]
MOMENTO = datetime(2019, 7, 15, 12, 0, tzinfo=UTC)
ESPANOL = "áéíóúüñÁÉÍÓÚÜÑ¿¡ºª°×÷–—‘’“”«»•…€№"


def test_la_fuente_se_lee_una_sola_vez_y_se_comparte():
    propuesta_convenio(datos_convenio())
    plantillas = dict(fuentes._plantillas)
    assert {"", "B"} <= set(plantillas)  # the convenio uses no oblique: it is neither read nor embedded
    propuesta_convenio(datos_convenio())
    assert all(fuentes._plantillas[k][0] is plantillas[k][0] for k in plantillas)


def test_clonada_y_add_font_dan_el_mismo_documento(monkeypatch):
    clonada = propuesta_convenio(datos_convenio(), creado=MOMENTO)
    monkeypatch.setattr(fuentes, "clonar_activo", False)
    con_add_font = propuesta_convenio(datos_convenio(), creado=MOMENTO)
    assert texto_pdf(clonada) == texto_pdf(con_add_font)
    # the same glyphs are embedded either way (only fontTools' bounding boxes may differ)
    assert abs(len(clonada) - len(con_add_font)) < 200


def test_si_fpdf2_cambia_sus_internos_se_usa_add_font(monkeypatch):
    def falla(*_args):
        raise AttributeError("slot desconocido")

    monkeypatch.setattr(fuentes, "_clonar", falla)
    monkeypatch.setattr(fuentes, "clonar_activo", True)
    t = " ".join(texto_pdf(propuesta_convenio(datos_convenio())))
    assert "PROPUESTA DE CONVENIO" in t and "Ñáñez" in t
    assert fuentes.clonar_activo is False


def test_el_pdf_lleva_la_fuente_incrustada():
    lector = PdfReader(io.BytesIO(propuesta_convenio(datos_convenio())))
    nombres = set()
    for pagina in lector.pages:
        for fuente in pagina["/Resources"]["/Font"].values():
            nombres.add(str(fuente.get_object()["/BaseFont"]))
    assert {n.split("+")[-1] for n in nombres} == {"DejaVuSansBook", "DejaVuSansBold"}


@pytest.mark.parametrize("estilo", ["", "B", "I"])
def test_el_subconjunto_tiene_los_caracteres_del_castellano(estilo):
    cmap = TTFont(fuentes.ruta(estilo)).getBestCmap()
    faltan = [c for c in ESPANOL if ord(c) not in cmap]
    assert not faltan
    assert all(ord(c) in cmap for c in map(chr, range(0x20, 0x7F)))
    assert fuentes.ruta(estilo).stat().st_size < 60_000  # a subset, not the 760 KB font


def test_la_licencia_acompania_a_las_fuentes():
    texto = (fuentes.carpeta() / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream Vera Fonts Copyright" in texto and "Arev Fonts Copyright" in texto


@pytest.mark.skipif(not Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").is_file(),
                    reason="sin fonts-dejavu-core")
def test_el_script_regenera_las_mismas_fuentes(tmp_path):
    spec = importlib.util.spec_from_file_location("subconjunto_fuentes", RAIZ / "scripts" / "subconjunto_fuentes.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    script.generar(Path("/usr/share/fonts/truetype/dejavu"), tmp_path)
    for _, nombre in script.FUENTES:
        assert (tmp_path / nombre).read_bytes() == (fuentes.carpeta() / nombre).read_bytes(), nombre
