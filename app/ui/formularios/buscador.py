"""`BuscadorAgente`: find the agent of a new siniestro by CUIL or apellido, as you type.

A line edit and a short result table (`agentes.buscar_agentes`, an indexed prefix search, run
150 ms after the last key). Down goes from the text to the results; Enter or a double click on a
result chooses it (`elegido(dict)`) — Enter here never reaches the dialog's «Guardar».
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import ErrorAplicacion
from app.services import agentes

from ..modelos import Columna, Fila, ModeloTabla
from ..siniestro.comun import cuil, fecha

DEMORA_MS = 150
RESULTADOS = 8
FILAS_VISIBLES = 5
TECLAS_ELEGIR = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def descripcion_agente(a: dict) -> str:
    """One line naming the agent: «Pérez, Juan — CUIL 20-12345678-6 — Ministerio de Salud»."""
    partes = [a["apellido_nombre"], f"CUIL {cuil(a['cuil'])}"]
    if a.get("organismo"):
        partes.append(a["organismo"])
    return " — ".join(partes)


class ModeloAgentesEncontrados(ModeloTabla):
    COLUMNAS = (Columna("CUIL"), Columna("APELLIDO Y NOMBRE"), Columna("FECHA NAC."), Columna("ORGANISMO"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.agentes: list[dict] = []

    def cargar(self, encontrados: list[dict]) -> None:
        self.agentes = list(encontrados)
        self.poner_filas([Fila((cuil(a["cuil"]), a["apellido_nombre"], fecha(a.get("fecha_nacimiento")),
                                a.get("organismo") or "")) for a in self.agentes])


class BuscadorAgente(QWidget):
    elegido = Signal(dict)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        caja = QVBoxLayout(self)
        caja.setContentsMargins(0, 0, 0, 0)
        caja.setSpacing(2)
        self.campo = QLineEdit()
        self.campo.setObjectName("buscar_agente")
        self.campo.setAccessibleName("Buscar agente por CUIL o apellido")
        self.campo.setPlaceholderText("CUIL o apellido del agente")
        self.campo.setClearButtonEnabled(True)
        self.campo.installEventFilter(self)
        caja.addWidget(self.campo)
        self.modelo = ModeloAgentesEncontrados(self)
        self.tabla = QTableView()
        self.tabla.setObjectName("agentes_encontrados")
        self.tabla.setAccessibleName("Agentes encontrados")
        self.tabla.setModel(self.modelo)
        self.tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabla.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabla.verticalHeader().hide()
        cabecera = self.tabla.horizontalHeader()
        cabecera.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        cabecera.setStretchLastSection(True)
        alto = self.fontMetrics().height() + 8
        self.tabla.verticalHeader().setDefaultSectionSize(alto)
        self.tabla.setFixedHeight(cabecera.sizeHint().height() + alto * FILAS_VISIBLES + 4)
        self.tabla.doubleClicked.connect(lambda indice: self.elegir(indice.row()))
        self.tabla.installEventFilter(self)
        caja.addWidget(self.tabla)
        self.estado = QLabel()
        self.estado.setObjectName("estado_busqueda")
        self.estado.setStyleSheet("QLabel { color: #5a5a5a; }")
        caja.addWidget(self.estado)
        self.setFocusProxy(self.campo)

        self._reloj = QTimer(self)
        self._reloj.setSingleShot(True)
        self._reloj.setInterval(DEMORA_MS)
        self._reloj.timeout.connect(self.buscar)
        self.campo.textEdited.connect(lambda _t: self._reloj.start())

    def buscar(self, texto: str | None = None) -> int:
        """Search now (with `texto`, written into the field, or the field's text). Returns how many."""
        if texto is not None:
            self.campo.setText(texto)
        self._reloj.stop()
        try:
            encontrados = agentes.buscar_agentes(self.ctx, self.campo.text(), RESULTADOS)
        except ErrorAplicacion as e:
            self.modelo.cargar([])
            self.estado.setText(str(e.mensaje))
            return 0
        self.modelo.cargar(encontrados)
        if not self.campo.text().strip():
            self.estado.setText("")
        elif not encontrados:
            self.estado.setText("Ningún agente tiene ese CUIL o apellido. Cárguelo antes desde «Agente — nuevo».")
        else:
            mas = " (se muestran los primeros; escriba más para acotar)" if len(encontrados) == RESULTADOS else ""
            self.estado.setText(f"{len(encontrados)} agente{'s' if len(encontrados) != 1 else ''}{mas}. "
                                "Elija uno con Enter o doble clic.")
        return len(encontrados)

    def elegir(self, fila: int) -> None:
        if 0 <= fila < len(self.modelo.agentes):
            self.tabla.selectRow(fila)
            self.elegido.emit(self.modelo.agentes[fila])

    def eventFilter(self, objeto, evento) -> bool:
        if evento.type() == QEvent.Type.KeyPress:
            tecla = evento.key()
            if objeto is self.campo and tecla == Qt.Key.Key_Down and self.modelo.rowCount():
                self.tabla.setFocus()
                self.tabla.selectRow(0)
                return True
            if tecla in TECLAS_ELEGIR and objeto in (self.campo, self.tabla):
                if objeto is self.campo and self._reloj.isActive():
                    self.buscar()
                filas = self.tabla.selectionModel().selectedRows()
                if filas:
                    self.elegir(filas[0].row())
                elif self.modelo.rowCount():
                    self.elegir(0)
                return True
        return super().eventFilter(objeto, evento)
