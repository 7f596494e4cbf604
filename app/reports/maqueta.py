"""The layout every printed document shares: page, header and footer, section titles, bordered
tables whose header repeats on each page, label/value forms, lines to fill and signature blocks.

Drawing goes through `FPDF.text`/`rect`/`line` with our own alignment and word wrap (4–6× faster
than `cell`, which matters for batches of a thousand convenios); page breaks are decided here,
before each row, so a table row or a signature block is never split between two pages.
A value `None` or "" is never printed as text: the box stays empty or a line to fill is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from fpdf import FPDF

from app.errors import DatosInvalidos

from . import fuentes

PAPELES = {"A4": "A4", "oficio": (216, 356)}  # Oficio: 216 × 356 mm
MARGEN = 18.0  # left/right margins, mm
ARRIBA = 17.0  # content starts below the header rule
ABAJO = 15.0  # room kept for the footer
RELLENO = 1.3  # horizontal padding inside a box
GRIS_TITULO = 215
GRIS_ETIQUETA = 238
GRIS_TEXTO = 90
ALTO_CAPITAL = 0.729  # DejaVu Sans cap height, in em


@dataclass(frozen=True)
class Columna:
    titulo: str
    ancho: float  # relative; the table takes the whole width
    alinear: str = "L"  # L | C | R


class Documento(FPDF):
    """One document: `papel` "A4" or "oficio"; `siniestro` goes in every page header and `pie`
    (the document and the liquidation version) in every footer, with «Página n de m»."""

    def __init__(self, *, papel: str, titulo: str, siniestro: str, pie: str, creado: datetime | None = None,
                 apaisado: bool = False):
        if papel not in PAPELES:
            raise DatosInvalidos("papel", f"«{papel}» no es un tamaño de papel admitido: use «A4» u «oficio»")
        super().__init__(orientation="L" if apaisado else "P", unit="mm", format=PAPELES[papel])
        self.encabezado = f"Siniestro N° {siniestro}" if siniestro else ""
        self.pie = pie
        self.set_margins(MARGEN, ARRIBA, MARGEN)
        self.set_auto_page_break(True, margin=ABAJO)
        self.alias_nb_pages()
        self.set_creation_date(creado or datetime.now(UTC))
        self.set_title(titulo)
        self.set_subject(f"{titulo} — {self.encabezado}" if self.encabezado else titulo)
        self.set_creator("Liquidador Autoseguro")
        self.set_author("Autoseguro — Prestaciones dinerarias")
        self.set_line_width(0.2)
        self.set_draw_color(0)
        self.add_page()

    # --- page furniture ------------------------------------------------------------------------
    def header(self) -> None:
        self.fuente("", 7.5)
        self.set_text_color(GRIS_TEXTO)
        self.texto(MARGEN, 9.5, self.epw, 4, "Autoseguro — Prestaciones dinerarias")
        if self.encabezado:
            self.fuente("B", 8.5)
            self.set_text_color(0)
            self.texto(MARGEN, 9.5, self.epw, 4, self.encabezado, "R")
        self.set_text_color(0)
        self.set_draw_color(120)
        self.line(MARGEN, 14.2, self.w - MARGEN, 14.2)
        self.set_draw_color(0)
        self.set_y(ARRIBA)

    def footer(self) -> None:
        y = self.h - 11
        self.set_draw_color(120)
        self.line(MARGEN, y, self.w - MARGEN, y)
        self.set_draw_color(0)
        self.fuente("", 7.5)
        self.set_text_color(GRIS_TEXTO)
        self.texto(MARGEN, y + 0.8, self.epw - 32, 4, self.pie)
        # «{nb}» (the page count) is only replaced in text written by `cell`
        self.set_text_color(0)
        self.set_xy(self.w - MARGEN - 30, y + 0.8)
        self.cell(30, 4, f"Página {self.page_no()} de {{nb}}", align="R")

    # --- text primitives -----------------------------------------------------------------------
    def fuente(self, estilo: str = "", tamanio: float = 9) -> None:
        # set_font costs ~10 µs even when nothing changes; rows call this for every box
        if self.font_style == estilo and self.font_size_pt == tamanio and self.font_family == fuentes.FAMILIA:
            return
        if f"{fuentes.FAMILIA}{estilo}" not in self.fonts:
            fuentes.registrar(self, estilo)
        self.set_font(fuentes.FAMILIA, estilo, tamanio)

    def ancho(self, texto: str) -> float:
        """Width of `texto` in mm in the current font (the font's own width table)."""
        cw = self.current_font.cw
        return sum(cw[ord(c)] for c in texto) * self.font_size / 1000

    def texto(self, x: float, y: float, w: float, h: float, texto: str | None, alinear: str = "L") -> None:
        """One line inside the box (x, y, w, h), vertically centred; no border, no page break."""
        if not texto:
            return
        if alinear == "L":
            xt = x + RELLENO
        else:
            ancho = self.ancho(texto)
            xt = x + w - RELLENO - ancho if alinear == "R" else x + (w - ancho) / 2
        self.text(xt, y + (h + ALTO_CAPITAL * self.font_size) / 2, texto)

    def partir(self, texto: str | None, ancho: float) -> list[str]:
        """Greedy word wrap of `texto` into lines that fit `ancho` mm (a long word is cut)."""
        if not texto:
            return [""]
        lineas: list[str] = []
        for parrafo in str(texto).split("\n"):
            if self.ancho(parrafo) <= ancho:
                lineas.append(parrafo)
                continue
            actual = ""
            for palabra in parrafo.split(" "):
                prueba = f"{actual} {palabra}" if actual else palabra
                if self.ancho(prueba) <= ancho:
                    actual = prueba
                    continue
                if actual:
                    lineas.append(actual)
                while self.ancho(palabra) > ancho and len(palabra) > 1:
                    corte = len(palabra) - 1
                    while corte > 1 and self.ancho(palabra[:corte]) > ancho:
                        corte -= 1
                    lineas.append(palabra[:corte])
                    palabra = palabra[corte:]
                actual = palabra
            lineas.append(actual)
        return lineas

    # --- flow ------------------------------------------------------------------------------------
    def asegurar(self, alto: float) -> bool:
        """Start a new page if `alto` mm do not fit below the cursor; True if it did."""
        if self.get_y() + alto > self.page_break_trigger:
            self.add_page()
            return True
        return False

    def espacio(self, alto: float) -> None:
        if self.get_y() + alto <= self.page_break_trigger:
            self.set_y(self.get_y() + alto)

    def titulo(self, texto: str, subtitulo: str | None = None) -> None:
        self.fuente("B", 14)
        self.texto(MARGEN, self.get_y(), self.epw, 8, texto, "C")
        self.set_y(self.get_y() + 8)
        if subtitulo:
            self.fuente("", 8.5)
            self.set_text_color(GRIS_TEXTO)
            self.texto(MARGEN, self.get_y(), self.epw, 4.5, subtitulo, "C")
            self.set_text_color(0)
            self.set_y(self.get_y() + 4.5)
        self.set_y(self.get_y() + 2)

    def seccion(self, texto: str, minimo: float = 22) -> None:
        """A bold section title on a grey band; `minimo` mm (title + first rows) stay together."""
        self.espacio(2.5)
        self.asegurar(7 + minimo)
        y = self.get_y()
        self.set_fill_color(GRIS_TITULO)
        self.rect(MARGEN, y, self.epw, 6.2, style="DF")
        self.fuente("B", 9.5)
        self.texto(MARGEN, y, self.epw, 6.2, texto)
        self.set_y(y + 6.2)

    def parrafo(self, texto: str, tamanio: float = 9, estilo: str = "", alto: float = 4.4,
                sangria: float = 0.0) -> None:
        """Left-aligned wrapped text across the page (our wrap: fpdf2's `multi_cell` measures
        every line character by character, ~2 ms per paragraph); lines flow onto the next page."""
        self.fuente(estilo, tamanio)
        for linea in self.partir(texto, self.epw - 2 * RELLENO - sangria):
            self.asegurar(alto)
            self.texto(MARGEN - RELLENO + sangria, self.get_y(), self.epw, alto, linea)
            self.set_y(self.get_y() + alto)

    # --- boxes -----------------------------------------------------------------------------------
    def fila(self, anchos: list[float], textos: list[str | None], *, alinear: list[str] | str = "L",
             negrita: list[bool] | bool = False, fondo: list[int | None] | int | None = None,
             tamanio: float = 8.5, alto_linea: float = 4.0, minimo: float = 6.0,
             repetir=None) -> None:
        """One bordered row of boxes at the cursor; texts wrap inside their box. If the row does
        not fit, a new page starts and `repetir()` (the table header) is drawn first."""
        n = len(anchos)
        alinear = [alinear] * n if isinstance(alinear, str) else alinear
        negrita = [negrita] * n if isinstance(negrita, bool) else negrita
        fondo = [fondo] * n if not isinstance(fondo, list) else fondo
        lineas = []
        for w, t, b in zip(anchos, textos, negrita):
            self.fuente("B" if b else "", tamanio)
            lineas.append(self.partir(t, w - 2 * RELLENO))
        alto = max(minimo, max(len(ls) for ls in lineas) * alto_linea + 2)
        if self.get_y() + alto > self.page_break_trigger:
            self.add_page()
            if repetir is not None:
                repetir()
        y, x = self.get_y(), MARGEN
        for w, ls, a, b, f in zip(anchos, lineas, alinear, negrita, fondo):
            if f is not None:
                self.set_fill_color(f)
                self.rect(x, y, w, alto, style="DF")
            else:
                self.rect(x, y, w, alto)
            self.fuente("B" if b else "", tamanio)
            arriba = y + (alto - len(ls) * alto_linea) / 2
            for k, linea in enumerate(ls):
                self.texto(x, arriba + k * alto_linea, w, alto_linea, linea, a)
            x += w
        self.set_y(y + alto)

    def anchos(self, relativos: list[float]) -> list[float]:
        total = sum(relativos)
        return [self.epw * r / total for r in relativos]

    def tabla(self, columnas: list[Columna], filas: list[list[str | None]], *, total: list[str | None] | None = None,
              tamanio: float = 8.5) -> None:
        """A bordered table: bold grey header (repeated on every page it runs onto), the rows,
        and an optional bold total row."""
        anchos = self.anchos([c.ancho for c in columnas])
        alineaciones = [c.alinear for c in columnas]

        def cabecera() -> None:
            self.fila(anchos, [c.titulo for c in columnas], alinear="C", negrita=True, fondo=GRIS_ETIQUETA,
                      tamanio=tamanio - 0.5)

        # the header never stays alone at the bottom of a page
        self.asegurar(14)
        cabecera()
        for f in filas:
            self.fila(anchos, f, alinear=alineaciones, tamanio=tamanio, repetir=cabecera)
        if total is not None:
            self.fila(anchos, total, alinear=alineaciones, negrita=True, fondo=GRIS_ETIQUETA, tamanio=tamanio,
                      repetir=cabecera)

    def formulario(self, filas: list[tuple], relativos: tuple[float, ...] = (24, 28, 19, 29)) -> None:
        """Label/value boxes, two pairs per row as the SRT form: (etiqueta, valor, etiqueta, valor);
        a row with one pair spans the whole width."""
        anchos = self.anchos(list(relativos))
        for f in filas:
            if len(f) == 2:
                self.fila([anchos[0], sum(anchos[1:])], [f[0], f[1]], negrita=[True, False],
                          fondo=[GRIS_ETIQUETA, None], minimo=6.5)
            else:
                self.fila(anchos, list(f), negrita=[True, False, True, False],
                          fondo=[GRIS_ETIQUETA, None, GRIS_ETIQUETA, None], minimo=6.5)

    def linea_completar(self, etiqueta: str, valor: str | None = None, tamanio: float = 9) -> None:
        """«ETIQUETA: valor» over a line that runs to the right margin (a line to fill if no value)."""
        self.fuente("B", tamanio)
        w_etiqueta = self.ancho(etiqueta) + 2 * RELLENO
        ancho_valor = self.epw - w_etiqueta
        self.fuente("", tamanio)
        lineas = self.partir(valor, ancho_valor - 2 * RELLENO) if valor else [""]
        alto = 6.5 + (len(lineas) - 1) * 4.6
        self.asegurar(alto)
        y = self.get_y()
        self.fuente("B", tamanio)
        self.texto(MARGEN - RELLENO, y + alto - 6.5, w_etiqueta, 6.5, etiqueta)
        self.fuente("", tamanio)
        x = MARGEN - RELLENO + w_etiqueta
        for k, linea in enumerate(lineas):
            base = y + k * 4.6
            self.texto(x, base + 1.1, ancho_valor, 5.0, linea)
            self.set_draw_color(110)
            self.line(x, base + 5.9, self.w - MARGEN, base + 5.9)
            self.set_draw_color(0)
        self.set_y(y + alto + 1)

    def firmas(self, bloques: list[tuple[str, str | None, str | None]], por_fila: int = 2) -> None:
        """Signature blocks (leyenda, apellido y nombre, DNI): space to sign, the «Firma»,
        «Apellido y Nombre» and «DNI» lines (pre-filled when known) and the caption below.
        A row of blocks is never split between pages."""
        separacion = 10.0
        w = (self.epw - separacion * (por_fila - 1)) / por_fila
        alto = 40.0
        for inicio in range(0, len(bloques), por_fila):
            self.asegurar(alto)
            y = self.get_y()
            for k, (leyenda, nombre, documento) in enumerate(bloques[inicio:inicio + por_fila]):
                x = MARGEN + k * (w + separacion)
                self._bloque_firma(x, y, w, leyenda, nombre, documento)
            self.set_y(y + alto)

    def _bloque_firma(self, x: float, y: float, w: float, leyenda: str, nombre: str | None,
                      documento: str | None) -> None:
        filas = (("Firma", None, y + 14), ("Apellido y Nombre", nombre, y + 21), ("DNI", documento, y + 28))
        for etiqueta, valor, base in filas:
            self.fuente("", 8)
            self.texto(x - RELLENO, base - 4.5, w, 4.5, etiqueta)
            desde = x + self.ancho(etiqueta) + 1.5
            if valor:
                self.fuente("B", 8)
                ancho = w - (desde - x)
                lineas = self.partir(valor, ancho - 1)
                self.texto(desde - RELLENO, base - 4.5, ancho, 4.5, lineas[0])
            self.set_draw_color(110)
            self.line(desde, base, x + w, base)
            self.set_draw_color(0)
        self.fuente("B", 8.5)
        for n, linea in enumerate(self.partir(leyenda, w - 2 * RELLENO)[:2]):  # e.g. a long cargo wraps
            self.texto(x, y + 30.5 + 4 * n, w, 5, linea, "C")
