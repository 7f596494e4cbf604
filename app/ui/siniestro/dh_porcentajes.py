"""«Modificar porcentajes»: the liquidator's own shares, with the reason the law requires.

A grid with one row per DH (name, parentesco, right, the law's share, the share typed as es-AR
«22,2222»), the running total, and the motivo. The shares are read exactly (Decimal) and checked
here (0 to 100, at most 4 decimals, total 100,0000, nothing for an excluded DH) before the service
`modificar_porcentajes` checks them again and stores them; any refusal stays in the dialog.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from app.errors import DatosInvalidos, ErrorAplicacion
from app.services import derechohabientes as servicio
from app.services.entradas import leer_texto

from .. import formato
from ..detalle import parentesco as etiqueta_parentesco
from ..roles import A_DERECHA, A_IZQUIERDA, HABILITADO, HORIZONTAL, ROL_ALINEACION, ROL_AYUDA, ROL_FONDO, ROL_TEXTO
from .comun import etiqueta_error
from .dh_campos import CampoConError, leer_porcentaje_ar, sin_campo

ROL_EDICION = Qt.ItemDataRole.EditRole
EDITABLE = HABILITADO | Qt.ItemFlag.ItemIsEditable
CIEN = Decimal("100.0000")
COLUMNAS = ("Apellido y Nombre", "Parentesco", "Derecho", "% por ley", "% a aplicar")
COL_PORCENTAJE = 4
_FONDO_ERROR = QBrush(QColor("#f8d7da"))
_FONDO_EXCLUIDO = QBrush(QColor("#e4e4e4"))


class ModeloPorcentajes(QAbstractTableModel):
    """The typed shares (text, as the user wrote them); only eligible DH can be edited."""

    def __init__(self, dhs: list[dict], parent=None):
        super().__init__(parent)
        self._dhs = list(dhs)
        self._textos = [formato.porcentaje(self._inicial(dh)) for dh in self._dhs]
        self._erroneas: set[int] = set()

    @staticmethod
    def _inicial(dh: dict) -> Decimal:
        if dh.get("elegible") is False:
            return Decimal(0)
        if dh.get("porcentaje") is not None:
            return dh["porcentaje"]
        return dh.get("porcentaje_ley") or Decimal(0)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._dhs)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNAS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = ROL_TEXTO):
        if not index.isValid():
            return None
        dh, col = self._dhs[index.row()], index.column()
        if role in (ROL_TEXTO, ROL_EDICION):
            if col == 0:
                return dh.get("apellido_nombre")
            if col == 1:
                return etiqueta_parentesco(dh.get("parentesco"))
            if col == 2:
                return {True: "Sí", False: "No"}.get(dh.get("elegible"), formato.VACIO)
            if col == 3:
                return formato.porcentaje(dh.get("porcentaje_ley"))
            return self._textos[index.row()]
        if role == ROL_ALINEACION:
            return A_DERECHA if col >= 3 else A_IZQUIERDA
        if role == ROL_FONDO:
            if index.row() in self._erroneas and col == COL_PORCENTAJE:
                return _FONDO_ERROR
            return _FONDO_EXCLUIDO if dh.get("elegible") is False else None
        if role == ROL_AYUDA:
            return dh.get("motivo") or None
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = ROL_EDICION) -> bool:
        if role != ROL_EDICION or not index.isValid() or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        self._textos[index.row()] = str(value).strip()
        self._erroneas.discard(index.row())
        self.dataChanged.emit(index, index)
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = ROL_TEXTO):
        if orientation != HORIZONTAL or not 0 <= section < len(COLUMNAS):
            return None
        if role == ROL_TEXTO:
            return COLUMNAS[section]
        if role == ROL_ALINEACION:
            return A_DERECHA if section >= 3 else A_IZQUIERDA
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() == COL_PORCENTAJE and self._dhs[index.row()].get("elegible") is not False:
            return EDITABLE
        return HABILITADO

    # --- for the dialog and the tests ---------------------------------------------------------
    def escribir(self, fila: int, texto: str) -> bool:
        """Type a share in a row, as the user does in the cell."""
        return self.setData(self.index(fila, COL_PORCENTAJE), texto, ROL_EDICION)

    def poner_los_de_ley(self) -> None:
        self.beginResetModel()
        self._textos = [formato.porcentaje(dh.get("porcentaje_ley") or Decimal(0)) for dh in self._dhs]
        self._erroneas.clear()
        self.endResetModel()

    def leer(self) -> dict[int, Decimal]:
        """`{dh_id: share}` read exactly; raises `DatosInvalidos` naming the first wrong row
        (every wrong row is painted red)."""
        self._erroneas.clear()
        valores, primero = {}, None
        for n, (dh, texto) in enumerate(zip(self._dhs, self._textos)):
            try:
                valores[dh["id"]] = leer_porcentaje_ar(texto, f"«{dh['apellido_nombre']}»")
            except DatosInvalidos as e:
                self._erroneas.add(n)
                primero = primero or e
        if self._erroneas:
            self.dataChanged.emit(self.index(0, COL_PORCENTAJE), self.index(len(self._dhs) - 1, COL_PORCENTAJE))
        if primero:
            raise primero
        return valores

    def total(self) -> Decimal | None:
        """The sum of the shares typed so far (None while one of them is not a number)."""
        try:
            return sum((leer_porcentaje_ar(t, "%") for t in self._textos), Decimal(0))
        except DatosInvalidos:
            return None

    def texto(self, fila: int, columna: int) -> str:
        return self.data(self.index(fila, columna))

    def fila_de(self, dh_id: int) -> int:
        return next(n for n, dh in enumerate(self._dhs) if dh["id"] == dh_id)


class DialogoPorcentajes(QDialog):
    """`dhs`: the rows of `situacion_derechohabientes`. Accepted once the service stored them."""

    def __init__(self, ctx, siniestro_id: int, dhs: list[dict], motivo: str | None = None, parent=None):
        super().__init__(parent)
        self.ctx, self.siniestro_id = ctx, siniestro_id
        self.setWindowTitle("Modificar porcentajes")
        self.setMinimumSize(720, 380)
        caja = QVBoxLayout(self)
        explicacion = QLabel("Escriba el porcentaje de cada derechohabiente (coma decimal, hasta 4 decimales). "
                             "Deben sumar 100,0000 %; quien no tiene derecho recibe 0. El motivo queda registrado.")
        explicacion.setWordWrap(True)
        caja.addWidget(explicacion)

        self.modelo = ModeloPorcentajes(dhs, self)
        self.tabla = QTableView()
        self.tabla.setObjectName("porcentajes")
        self.tabla.setAccessibleName("Porcentajes")
        self.tabla.setModel(self.modelo)
        self.tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.tabla.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tabla.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.tabla.setTabKeyNavigation(False)
        self.tabla.verticalHeader().setVisible(False)
        cabecera = self.tabla.horizontalHeader()
        cabecera.setHighlightSections(False)
        cabecera.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, len(COLUMNAS)):
            cabecera.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        rotulo = QLabel("&Porcentajes:")
        rotulo.setBuddy(self.tabla)
        caja.addWidget(rotulo)
        caja.addWidget(self.tabla, 1)

        fila = QHBoxLayout()
        self.etiqueta_total = QLabel()
        self.etiqueta_total.setObjectName("total")
        self.etiqueta_total.setStyleSheet("QLabel { font-weight: bold; }")
        fila.addWidget(self.etiqueta_total, 1)
        self.boton_ley = QPushButton("Poner los de &ley")
        self.boton_ley.clicked.connect(self.modelo.poner_los_de_ley)
        fila.addWidget(self.boton_ley)
        caja.addLayout(fila)

        self.campo_motivo = QLineEdit(motivo or "")
        self.campo_motivo.setAccessibleName("Motivo")
        self.campo_motivo.setPlaceholderText("p. ej. Convenio homologado con otra distribución")
        self.motivo = CampoConError(self.campo_motivo)
        fila_motivo = QHBoxLayout()
        rotulo = QLabel("&Motivo:")
        rotulo.setBuddy(self.campo_motivo)
        fila_motivo.addWidget(rotulo)
        fila_motivo.addWidget(self.motivo, 1)
        caja.addLayout(fila_motivo)

        self.etiqueta_error = etiqueta_error()
        caja.addWidget(self.etiqueta_error)

        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.boton_guardar = botones.button(QDialogButtonBox.StandardButton.Ok)
        self.boton_guardar.setText("&Guardar")
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText("&Cancelar")
        botones.accepted.connect(self.guardar)
        botones.rejected.connect(self.reject)
        caja.addWidget(botones)

        self.modelo.dataChanged.connect(self._total)
        self.modelo.modelReset.connect(self._total)
        self._total()
        self.tabla.setFocus()
        primera = next((n for n in range(self.modelo.rowCount())
                        if self.modelo.flags(self.modelo.index(n, COL_PORCENTAJE)) & Qt.ItemFlag.ItemIsEditable), 0)
        self.tabla.setCurrentIndex(self.modelo.index(primera, COL_PORCENTAJE))

    def _total(self, *_) -> None:
        total = self.modelo.total()
        if total is None:
            self.etiqueta_total.setText("Total: hay porcentajes que no son números")
        elif total == CIEN:
            self.etiqueta_total.setText("Total: 100,0000 %")
        else:
            falta = CIEN - total
            diferencia = f"faltan {formato.porcentaje(falta)}" if falta > 0 else f"sobran {formato.porcentaje(-falta)}"
            self.etiqueta_total.setText(f"Total: {formato.porcentaje(total)} % ({diferencia} %)")

    def error(self) -> str:
        return self.etiqueta_error.text() if not self.etiqueta_error.isHidden() else ""

    def _mostrar(self, texto: str) -> None:
        self.etiqueta_error.setText(texto)
        self.etiqueta_error.show()

    def guardar(self) -> None:
        """«Guardar»: check the shares and the motivo, store them, close; otherwise stay open."""
        self.etiqueta_error.hide()
        self.motivo.poner_error("")
        try:
            porcentajes = self.modelo.leer()
        except DatosInvalidos as e:
            self._mostrar(f"{e.campo}: {sin_campo(e)}")
            return
        try:
            motivo = leer_texto(self.campo_motivo.text(), "motivo", 2000, requerido=True, colapsar=False)
        except DatosInvalidos:
            self.motivo.poner_error("Escriba el motivo: la ley exige registrar por qué no se aplican los de ley.")
            self.campo_motivo.setFocus()
            return
        total = sum(porcentajes.values(), Decimal(0))
        if total != CIEN:
            self._mostrar(f"Los porcentajes suman {formato.porcentaje(total)} %; deben sumar 100,0000 %.")
            return
        try:
            servicio.modificar_porcentajes(self.ctx, self.siniestro_id, porcentajes, motivo)
        except ErrorAplicacion as e:
            self._mostrar(sin_campo(e))
            return
        self.accept()
