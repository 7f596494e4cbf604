"""PDF pages as QImages (PDFium) and printing them on a QPrinter.

Our documents are made as PDF by app/reports; the screen preview and the system print dialog show
exactly those bytes, so what is printed is what is saved in the legajo.
"""

from __future__ import annotations

from collections.abc import Callable

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

PUNTOS_POR_PULGADA = 72


class PdfIlegible(Exception):
    """The bytes are not a PDF this program can show."""


def abrir(contenido: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(contenido)
    except pdfium.PdfiumError as e:
        raise PdfIlegible(f"El documento no es un PDF válido: {e}") from e


def cantidad_paginas(contenido: bytes) -> int:
    doc = abrir(contenido)
    try:
        return len(doc)
    finally:
        doc.close()


def tamanio_mm(contenido: bytes, indice: int = 0) -> tuple[float, float]:
    doc = abrir(contenido)
    try:
        ancho, alto = doc[indice].get_size()
    finally:
        doc.close()
    return ancho * 25.4 / PUNTOS_POR_PULGADA, alto * 25.4 / PUNTOS_POR_PULGADA


def _imagen(pagina, ppp: float) -> QImage:
    mapa = pagina.render(scale=ppp / PUNTOS_POR_PULGADA, rev_byteorder=True)  # RGB, 3 bytes a pixel
    try:
        imagen = QImage(mapa.buffer, mapa.width, mapa.height, mapa.stride, QImage.Format.Format_RGB888)
        return imagen.copy()  # the bitmap's memory is freed with `mapa`
    finally:
        mapa.close()


def imagenes(contenido: bytes, ppp: float = 96) -> list[QImage]:
    """Every page rendered at `ppp` dots per inch."""
    doc = abrir(contenido)
    try:
        return [_imagen(doc[i], ppp) for i in range(len(doc))]
    finally:
        doc.close()


def imprimir(contenido: bytes, impresora: QPrinter, avance: Callable[[int, int], None] | None = None) -> int:
    """Print the pages the dialog selected (all by default); returns how many were printed.

    Each page is rendered at the printer's resolution (capped at 300 dpi: enough for text and
    lines, and a page stays ~25 MB of memory) and fitted to the printable area keeping its shape.
    """
    doc = abrir(contenido)
    try:
        total = len(doc)
        desde, hasta = impresora.fromPage(), impresora.toPage()
        indices = list(range(total)) if desde == 0 else list(range(desde - 1, min(hasta, total)))
        ppp = min(impresora.resolution(), 300)
        pintor = QPainter()
        if not pintor.begin(impresora):
            raise OSError("No se pudo comenzar a imprimir (la impresora no respondió).")
        try:
            for n, i in enumerate(indices):
                if n:
                    impresora.newPage()
                imagen = _imagen(doc[i], ppp)
                area = QRectF(impresora.pageLayout().paintRectPixels(impresora.resolution()))
                area.moveTo(0, 0)
                escala = min(area.width() / imagen.width(), area.height() / imagen.height())
                destino = QRectF(0, 0, imagen.width() * escala, imagen.height() * escala)
                pintor.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                pintor.drawImage(destino, imagen)
                if avance:
                    avance(n + 1, len(indices))
        finally:
            pintor.end()
        return len(indices)
    finally:
        doc.close()


def imagen_en_blanco(imagen: QImage) -> bool:
    """True when no pixel differs from white (used to check a render really shows something)."""
    gris = imagen.convertToFormat(QImage.Format.Format_Grayscale8)
    for y in range(0, gris.height(), 2):
        linea = gris.constScanLine(y).tobytes()[: gris.width()]
        if min(linea) < 200:
            return False
    return True

