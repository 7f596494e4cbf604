"""Regenera las fuentes incluidas en resources/fonts/: un subconjunto latino de DejaVu Sans.

Uso:  .venv/bin/python scripts/subconjunto_fuentes.py [CARPETA_DEJAVU]

CARPETA_DEJAVU es donde están DejaVuSans.ttf, DejaVuSans-Bold.ttf y DejaVuSans-Oblique.ttf
(por defecto /usr/share/fonts/truetype/dejavu, paquete Debian `fonts-dejavu-core`).

Why a subset: fpdf2 parses the whole font at every `add_font` and subsets it again at every
output; the full DejaVu Sans (760 KB, ~6,000 glyphs) costs ~0.4 s per document, a Latin subset
(~400 glyphs, no hinting, no layout tables) a small fraction of that (STACK.md). The glyph list is
fixed here so that the files are reproducible; the name table is kept (the family stays "DejaVu
Sans", which the Bitstream Vera licence allows: only "Bitstream"/"Vera" names are reserved).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

RAIZ = Path(__file__).resolve().parent.parent
DESTINO = RAIZ / "resources" / "fonts"
ORIGEN_POR_DEFECTO = Path("/usr/share/fonts/truetype/dejavu")

# (source file, bundled file)
FUENTES = (
    ("DejaVuSans.ttf", "DejaVuSans-Latin.ttf"),
    ("DejaVuSans-Bold.ttf", "DejaVuSans-Bold-Latin.ttf"),
    ("DejaVuSans-Oblique.ttf", "DejaVuSans-Oblique-Latin.ttf"),
)

# Code points kept: Latin (Spanish, Portuguese, the rest of western/central Europe for names),
# punctuation and the few symbols the documents print (º ª × – — “ ” • … € ✓ ☐).
RANGOS = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement: á é í ó ú ñ ü ¿ ¡ º ª × ÷ ° § ·
    (0x0100, 0x017F),  # Latin Extended-A
    (0x0218, 0x021B),  # Ș ș Ț ț
    (0x02C6, 0x02C7), (0x02DA, 0x02DC),  # modifier accents
    (0x2010, 0x2027),  # dashes, quotes, bullet, ellipsis
    (0x2030, 0x203A),  # per mille, primes, angle quotes
    (0x20AC, 0x20AC),  # €
    (0x2116, 0x2116),  # №
    (0x2122, 0x2122),  # ™
    (0x2190, 0x2193),  # arrows
    (0x2212, 0x2212),  # minus
    (0x2248, 0x2248), (0x2260, 0x2265),  # ≈ ≠ ≤ ≥
    (0x25A0, 0x25A1), (0x25CF, 0x25CF),  # ■ □ ●
    (0x2610, 0x2612),  # ☐ ☑ ☒
    (0x2713, 0x2714),  # ✓ ✔
    (0x26A0, 0x26A0),  # ⚠
)


def codigos() -> list[int]:
    return [c for desde, hasta in RANGOS for c in range(desde, hasta + 1)]


def opciones() -> subset.Options:
    o = subset.Options()
    o.layout_features = []  # fpdf2 drops GSUB/GPOS/GDEF anyway (no shaping without harfbuzz)
    o.hinting = False  # PDF viewers and printers rasterise with their own hinting
    o.name_IDs = ["*"]  # keep copyright, licence and family names
    o.name_languages = ["*"]
    o.notdef_outline = True
    o.recommended_glyphs = True
    o.glyph_names = True  # fpdf2 picks glyphs by name when it subsets again
    o.drop_tables += ["FFTM", "GDEF", "GPOS", "GSUB", "hdmx", "LTSH", "VDMX", "kern", "MATH"]
    return o


def generar(origen: Path, destino: Path) -> list[tuple[str, int, int]]:
    destino.mkdir(parents=True, exist_ok=True)
    hechos = []
    for fuente, salida in FUENTES:
        ttf = TTFont(origen / fuente, recalcTimestamp=False)
        s = subset.Subsetter(opciones())
        s.populate(unicodes=codigos())
        s.subset(ttf)
        # one cmap subtable (Windows Unicode BMP) is enough; fontTools decodes each one at every
        # document output, and the duplicate Unicode-platform table cost ~2 ms per convenio
        ttf["cmap"].tables = [t for t in ttf["cmap"].tables if (t.platformID, t.platEncID) == (3, 1)]
        ruta = destino / salida
        ttf.save(ruta)
        hechos.append((salida, len(ttf.getGlyphOrder()), ruta.stat().st_size))
    return hechos


def main(argv: list[str]) -> int:
    origen = Path(argv[1]) if len(argv) > 1 else ORIGEN_POR_DEFECTO
    faltan = [f for f, _ in FUENTES if not (origen / f).is_file()]
    if faltan:
        print(f"Error: faltan en {origen}: {', '.join(faltan)} (instale fonts-dejavu-core).", file=sys.stderr)
        return 2
    for nombre, glifos, tamanio in generar(origen, DESTINO):
        print(f"{DESTINO / nombre}: {glifos} glifos, {tamanio / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
