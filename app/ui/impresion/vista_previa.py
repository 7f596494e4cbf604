"""The preview window every printed document goes through: see it, choose the paper, print it
with the system dialog or save it as PDF.

    VistaPrevia(parent, "Propuesta de Convenio", generar, "convenio_123.pdf").exec()

`generar(papel)` returns the PDF bytes for "A4" or "oficio"; it is called again when the paper
changes. What is shown, printed and saved are the same bytes. `al_emitir(contenido, papel)`, when
given, runs after a successful print or save (e.g. to keep the issued PDF in the legajo); an error
it raises is shown, and the print or the saved file stay done.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSizeF, QStandardPaths, Qt
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton,
                               QScrollArea, QVBoxLayout, QWidget)

from app.ui import mensajes
from app.ui.impresion import paginas

PAPELES = {"A4": "A4 (210 × 297 mm)", "oficio": "Oficio (216 × 356 mm)"}
ZOOMS = (50, 75, 100, 125, 150)
PPP_PANTALLA = 96


def elegir_archivo(parent: QWidget, titulo: str, sugerido: str) -> str:
    """Where to save; tests replace this function instead of driving the native dialog."""
    carpeta = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    ruta, _ = QFileDialog.getSaveFileName(parent, titulo, str(Path(carpeta) / sugerido), "Documentos PDF (*.pdf)")
    return ruta


def elegir_impresora(parent: QWidget, impresora: QPrinter) -> bool:
    """The system print dialog; tests replace it (an offscreen session has no printers)."""
    dialogo = QPrintDialog(impresora, parent)
    dialogo.setWindowTitle("Imprimir")
    return dialogo.exec() == QDialog.DialogCode.Accepted


def guardar_pdf(contenido: bytes, ruta: str | Path) -> Path:
    """Write next to the destination and rename, so a failure never leaves half a file."""
    destino = Path(ruta)
    if destino.suffix.lower() != ".pdf":
        destino = destino.with_name(destino.name + ".pdf")
    fd, temporal = tempfile.mkstemp(prefix=".guardando_", suffix=".pdf", dir=destino.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(contenido)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporal, destino)
    except BaseException:
        Path(temporal).unlink(missing_ok=True)
        raise
    return destino


def tamanio_de_pagina(contenido: bytes) -> QPageSize:
    ancho, alto = paginas.tamanio_mm(contenido)
    if abs(ancho - 210) < 1 and abs(alto - 297) < 1:
        return QPageSize(QPageSize.PageSizeId.A4)
    return QPageSize(QSizeF(ancho, alto), QPageSize.Unit.Millimeter, "Oficio" if abs(alto - 356) < 1 else "")


class VistaPrevia(QDialog):
    def __init__(self, parent: QWidget | None, titulo: str, generar: Callable[[str], bytes], nombre_archivo: str,
                 *, papel: str = "A4", con_papel: bool = True,
                 al_emitir: Callable[[bytes, str], None] | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Vista previa — {titulo}")
        self._titulo = titulo
        self._generar = generar
        self._nombre = nombre_archivo
        self._al_emitir = al_emitir
        self.emitido = False
        self.contenido: bytes | None = None
        self.guardado_en: Path | None = None

        self.combo_papel = QComboBox()
        for clave, texto in PAPELES.items():
            self.combo_papel.addItem(texto, clave)
        self.combo_papel.setCurrentIndex(max(0, self.combo_papel.findData(papel)))
        self.combo_papel.setVisible(con_papel)
        etiqueta_papel = QLabel("&Papel:")
        etiqueta_papel.setBuddy(self.combo_papel)
        etiqueta_papel.setVisible(con_papel)
        self.combo_zoom = QComboBox()
        for z in ZOOMS:
            self.combo_zoom.addItem(f"{z} %", z)
        self.combo_zoom.setCurrentIndex(ZOOMS.index(75))
        etiqueta_zoom = QLabel("&Zoom:")
        etiqueta_zoom.setBuddy(self.combo_zoom)
        self.etiqueta_paginas = QLabel()
        arriba = QHBoxLayout()
        for w in (etiqueta_papel, self.combo_papel, etiqueta_zoom, self.combo_zoom):
            arriba.addWidget(w)
        arriba.addStretch(1)
        arriba.addWidget(self.etiqueta_paginas)

        self.aviso = QLabel()
        self.aviso.setWordWrap(True)
        self.aviso.setStyleSheet("background:#fde2e1; color:#8a1c17; padding:6px; border:1px solid #e0a19d;")
        self.aviso.hide()

        self._hojas = QWidget()
        self._hojas.setStyleSheet("background:#8c8c8c;")
        self._columna = QVBoxLayout(self._hojas)
        self._columna.setSpacing(12)
        self._columna.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.desplazable = QScrollArea()
        self.desplazable.setWidget(self._hojas)
        self.desplazable.setWidgetResizable(True)
        self.desplazable.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        self.boton_imprimir = QPushButton("&Imprimir…")
        self.boton_guardar = QPushButton("&Guardar PDF…")
        self.boton_cerrar = QPushButton("&Cerrar")
        self.boton_imprimir.setToolTip("Imprimir con el diálogo del sistema (Ctrl+P)")
        self.boton_guardar.setToolTip("Guardar el documento como PDF (Ctrl+S)")
        abajo = QHBoxLayout()
        abajo.addStretch(1)
        for b in (self.boton_imprimir, self.boton_guardar, self.boton_cerrar):
            abajo.addWidget(b)

        capa = QVBoxLayout(self)
        capa.addLayout(arriba)
        capa.addWidget(self.aviso)
        capa.addWidget(self.desplazable, 1)
        capa.addLayout(abajo)
        self.resize(820, 900)

        self.boton_imprimir.clicked.connect(self.imprimir)
        self.boton_guardar.clicked.connect(self.guardar)
        self.boton_cerrar.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, self.imprimir)
        QShortcut(QKeySequence.StandardKey.Save, self, self.guardar)
        self.combo_papel.currentIndexChanged.connect(self.regenerar)
        self.combo_zoom.currentIndexChanged.connect(self._mostrar)
        self.regenerar()

    @property
    def papel(self) -> str:
        return self.combo_papel.currentData()

    def regenerar(self) -> None:
        """Make the document again (first time or another paper) and show it."""
        try:
            self.contenido = self._generar(self.papel)
            paginas.cantidad_paginas(self.contenido)
        except Exception as e:  # noqa: BLE001 - shown in the window: the user can fix the data and retry
            self.contenido = None
            self.aviso.setText(f"No se pudo generar el documento: {mensajes.texto_de(e)}")
            self.aviso.show()
        else:
            self.aviso.hide()
        self.boton_imprimir.setEnabled(self.contenido is not None)
        self.boton_guardar.setEnabled(self.contenido is not None)
        self._mostrar()

    def _mostrar(self) -> None:
        while self._columna.count():
            w = self._columna.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        if self.contenido is None:
            self.etiqueta_paginas.setText("")
            return
        zoom = self.combo_zoom.currentData() or 75
        escala = self.devicePixelRatioF()
        imagenes = paginas.imagenes(self.contenido, PPP_PANTALLA * zoom / 100 * escala)
        for imagen in imagenes:
            hoja = QLabel()
            mapa = QPixmap.fromImage(imagen)
            mapa.setDevicePixelRatio(escala)
            hoja.setPixmap(mapa)
            hoja.setStyleSheet("background:white; border:1px solid #555;")
            self._columna.addWidget(hoja)
        n = len(imagenes)
        self.etiqueta_paginas.setText("1 página" if n == 1 else f"{n} páginas")

    def guardar(self) -> None:
        if self.contenido is None:
            return
        ruta = elegir_archivo(self, f"Guardar {self._titulo}", self._nombre)
        if not ruta:
            return
        try:
            self.guardado_en = guardar_pdf(self.contenido, ruta)
        except OSError as e:
            mensajes.error(self, f"No se pudo guardar «{ruta}»: {e.strerror or e}")
            return
        mensajes.informar(self, f"Se guardó el documento en «{self.guardado_en}».", "PDF guardado")
        self._emitir()

    def imprimir(self) -> None:
        if self.contenido is None:
            return
        impresora = QPrinter(QPrinter.PrinterMode.HighResolution)
        impresora.setDocName(self._nombre)
        impresora.setPageSize(tamanio_de_pagina(self.contenido))
        impresora.setPageOrientation(QPageLayout.Orientation.Portrait)
        impresora.setFromTo(1, paginas.cantidad_paginas(self.contenido))
        impresora.setPrintRange(QPrinter.PrintRange.AllPages)
        if not elegir_impresora(self, impresora):
            return
        if impresora.printRange() == QPrinter.PrintRange.AllPages:
            impresora.setFromTo(0, 0)
        try:
            paginas.imprimir(self.contenido, impresora)
        except OSError as e:
            mensajes.error(self, str(e), "No se pudo imprimir")
            return
        self._emitir()

    def _emitir(self) -> None:
        if self._al_emitir is None or self.contenido is None:
            return
        try:
            self._al_emitir(self.contenido, self.papel)
        except Exception as e:  # noqa: BLE001 - the document is out already: say what was not recorded
            mensajes.error(self, e, "El documento salió, pero no se pudo registrar")
            return
        self.emitido = True
