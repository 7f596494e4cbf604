"""Step 4 «Resultado»: what the import wrote (ResumenImportacion), in Spanish."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from . import textos
from .informe import guardar_informe
from .pagina import Pagina, barra_mensaje, mostrar


class PaginaResultado(Pagina):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle("Resultado")
        self.setSubTitle("La importación terminó.")
        self.setFinalPage(True)
        caja = QVBoxLayout(self)
        self.barra = barra_mensaje("resultado")
        caja.addWidget(self.barra)
        self.etiqueta = QLabel()
        self.etiqueta.setObjectName("resumen")
        self.etiqueta.setWordWrap(True)
        self.etiqueta.setTextFormat(Qt.TextFormat.RichText)
        self.etiqueta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        caja.addWidget(self.etiqueta)
        fila = QHBoxLayout()
        self.boton_informe = QPushButton("&Guardar informe de la vista previa…")
        self.boton_informe.setObjectName("guardar_informe_resultado")
        self.boton_informe.setToolTip("Guarda en una planilla los problemas y advertencias que mostró la vista previa")
        self.boton_informe.clicked.connect(lambda _=False: self.guardar_informe())
        fila.addWidget(self.boton_informe)
        fila.addStretch(1)
        caja.addLayout(fila)
        caja.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        r = self.wizard().resumen
        mostrar(self.barra, textos.OK, textos.titulo_resumen(r))
        self.etiqueta.setText("<ul>" + "".join(f"<li>{escape(linea)}</li>" for linea in textos.resumen(r)) + "</ul>")
        self.boton_informe.setVisible(bool(self._problemas()))

    def lineas(self) -> list[str]:
        return textos.resumen(self.wizard().resumen)

    def _problemas(self) -> list:
        pagina = self.wizard().pagina_vista_previa
        return pagina.modelo_problemas.problemas if pagina.vista is not None else []

    def guardar_informe(self, destino=None):
        self.tarea_informe = guardar_informe(self, self._problemas(), self.wizard().resumen.archivo, destino)
        return self.tarea_informe
