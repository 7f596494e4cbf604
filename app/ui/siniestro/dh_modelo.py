"""The DERECHOHABIENTE grid: one row per DH with its tick («Acreditar»), data, eligibility with
the reason of an exclusion, share and amount. Accredited DH are green, as in the Administración
grid; excluded ones grey.

Rows are formatted once per load, so `data()` is a tuple lookup. The ticks are kept here until the
window saves them (`marcados()` / `hay_cambios()`).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from .. import formato
from ..administracion.modelo import COLOR_DH, COLOR_TEXTO_DH
from ..detalle import parentesco as etiqueta_parentesco
from ..roles import (
    A_DERECHA,
    A_IZQUIERDA,
    HABILITADO,
    HORIZONTAL,
    ROL_ACCESIBLE,
    ROL_ALINEACION,
    ROL_AYUDA,
    ROL_FONDO,
    ROL_FUENTE,
    ROL_TEXTO,
    ROL_TINTA,
    SIN_FLAGS,
)
from .comun import cuil, fecha

ROL_TILDE = Qt.ItemDataRole.CheckStateRole
TILDADO, SIN_TILDAR = Qt.CheckState.Checked, Qt.CheckState.Unchecked
TILDABLE = HABILITADO | Qt.ItemFlag.ItemIsUserCheckable

# domicilio, CBU and letrado are in the row's tooltip and in the window's line about the chosen DH
COLUMNAS = ("Acreditar", "Apellido y Nombre", "Parentesco", "CUIL", "Fecha nac.", "Edad", "Condición", "%",
            "Importe", "Estado", "Derecho / motivo")
(COL_TILDE, COL_NOMBRE, COL_PARENTESCO, COL_CUIL, COL_NACIMIENTO, COL_EDAD, COL_CONDICION, COL_PORCENTAJE,
 COL_IMPORTE, COL_ESTADO, COL_DERECHO) = range(len(COLUMNAS))
_NUMERICAS = {COL_EDAD, COL_PORCENTAJE, COL_IMPORTE}
_ALINEACIONES = tuple(A_DERECHA if c in _NUMERICAS else A_IZQUIERDA for c in range(len(COLUMNAS)))

ACREDITADO, EXCLUIDO = "acreditado", "excluido"
_FONDOS = {ACREDITADO: QBrush(COLOR_DH), EXCLUIDO: QBrush(QColor("#e4e4e4"))}
_TINTAS = {ACREDITADO: QBrush(COLOR_TEXTO_DH), EXCLUIDO: QBrush(QColor("#5a5a5a"))}


def condicion(dh: dict) -> str:
    partes = [texto for clave, texto in (("estudiante", "Estudiante"), ("incapacitado", "Incapacitado/a"),
                                         ("casado", "Casado/a")) if dh.get(clave)]
    return " · ".join(partes) or formato.VACIO


def derecho(dh: dict) -> str:
    if dh.get("elegible") is None:
        return formato.VACIO
    motivo = dh.get("motivo") or ""
    if dh["elegible"]:
        return f"Sí: {motivo}" if motivo else "Sí"
    return f"No: {motivo}" if motivo else "No"


def estado(dh: dict, siniestro_acreditado: bool) -> str:
    if dh.get("acreditado"):
        return "Acreditado"
    return "No acreditado" if siniestro_acreditado else formato.VACIO


def porcentaje_mostrado(dh: dict):
    """The stored share; none stored means «by law», so the law's share is shown (in italics)."""
    return dh.get("porcentaje") if dh.get("porcentaje") is not None else dh.get("porcentaje_ley")


def por_ley_sin_aplicar(dh: dict) -> bool:
    return dh.get("porcentaje") is None and dh.get("porcentaje_ley") is not None


def _textos(dh: dict, siniestro_acreditado: bool) -> tuple[str, ...]:
    return (
        "",
        dh.get("apellido_nombre") or formato.VACIO,
        etiqueta_parentesco(dh.get("parentesco")),
        cuil(dh.get("cuil")),
        fecha(dh.get("fecha_nacimiento")),
        formato.entero(dh.get("edad")),
        condicion(dh),
        formato.porcentaje(porcentaje_mostrado(dh)),
        formato.monto(dh.get("importe")),
        estado(dh, siniestro_acreditado),
        derecho(dh),
    )


def _ayuda(dh: dict) -> str:
    lineas = [f"{etiqueta}: {texto}" for etiqueta, texto in datos_de_pago(dh)]
    if por_ley_sin_aplicar(dh):
        lineas.append(f"Porcentaje: el de ley ({formato.porcentaje(dh['porcentaje_ley'])} %), todavía no aplicado.")
    if dh.get("motivo_porcentaje"):
        lineas.append(f"Porcentaje cargado a mano: {dh['motivo_porcentaje']}")
    if dh.get("motivo"):
        lineas.append(f"Derecho: {derecho(dh)}")
    return "\n".join(lineas)


def datos_de_pago(dh: dict) -> list[tuple[str, str]]:
    """Domicilio, CBU and letrado of a DH (a dash for what is missing)."""
    return [("Domicilio", dh.get("domicilio") or formato.VACIO), ("CBU", dh.get("cbu") or formato.VACIO),
            ("Letrado/a", dh.get("letrado") or formato.VACIO)]


class ModeloDerechohabientes(QAbstractTableModel):
    """Rows of `situacion_derechohabientes(...)["derechohabientes"]`; column 0 is the tick."""

    seleccion_cambiada = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._dhs: list[dict] = []
        self._textos: list[tuple[str, ...]] = []
        self._estilos: list[str] = []
        self._ayudas: list[str] = []
        self._marcados: set[int] = set()
        self._guardados: set[int] = set()
        self._tildable = False
        self._cursiva = QFont()
        self._cursiva.setItalic(True)

    # --- Qt interface -------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._dhs)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNAS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = ROL_TEXTO):
        if not index.isValid():
            return None
        fila, col = index.row(), index.column()
        if not (0 <= fila < len(self._dhs) and 0 <= col < len(COLUMNAS)):
            return None
        if role == ROL_TEXTO:
            return self._textos[fila][col] if col != COL_TILDE else None
        if role == ROL_TILDE:
            if col != COL_TILDE:
                return None
            return TILDADO if self._dhs[fila]["id"] in self._marcados else SIN_TILDAR
        if role == ROL_ACCESIBLE:
            if col == COL_TILDE:
                return "Tildado" if self._dhs[fila]["id"] in self._marcados else "Sin tildar"
            return self._textos[fila][col]
        if role == ROL_ALINEACION:
            return _ALINEACIONES[col]
        if role == ROL_FONDO:
            return _FONDOS.get(self._estilos[fila])
        if role == ROL_TINTA:
            return _TINTAS.get(self._estilos[fila])
        if role == ROL_AYUDA:
            return self._ayudas[fila] or None
        if role == ROL_FUENTE:
            return self._cursiva if col == COL_PORCENTAJE and por_ley_sin_aplicar(self._dhs[fila]) else None
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = ROL_TILDE) -> bool:
        if role != ROL_TILDE or not index.isValid() or index.column() != COL_TILDE or not self._tildable:
            return False
        ident = self._dhs[index.row()]["id"]
        # the delegate hands the state over as an int, a test or a caller as Qt.CheckState
        if value == TILDADO or value == TILDADO.value:
            self._marcados.add(ident)
        else:
            self._marcados.discard(ident)
        self.dataChanged.emit(index, index, [ROL_TILDE, ROL_ACCESIBLE])
        self.seleccion_cambiada.emit()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = ROL_TEXTO):
        if orientation != HORIZONTAL or not 0 <= section < len(COLUMNAS):
            return None
        if role == ROL_TEXTO:
            return COLUMNAS[section]
        if role == ROL_ALINEACION:
            return _ALINEACIONES[section]
        if role == ROL_AYUDA and section == COL_TILDE:
            return "Tilde los derechohabientes que presentaron la documentación y serán acreditados."
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return SIN_FLAGS
        return TILDABLE if index.column() == COL_TILDE and self._tildable else HABILITADO

    # --- for the window and the tests ---------------------------------------------------------
    def cargar(self, dhs: list[dict], siniestro_acreditado: bool, tildable: bool) -> None:
        """New rows from the store; the ticks are those stored (unsaved ones are dropped)."""
        self.beginResetModel()
        self._dhs = list(dhs)
        self._textos = [_textos(dh, siniestro_acreditado) for dh in self._dhs]
        self._estilos = [ACREDITADO if dh.get("acreditado") else EXCLUIDO if dh.get("elegible") is False else ""
                         for dh in self._dhs]
        self._ayudas = [_ayuda(dh) for dh in self._dhs]
        self._guardados = {dh["id"] for dh in self._dhs if dh.get("seleccionado")}
        self._marcados = set(self._guardados)
        self._tildable = tildable
        self.endResetModel()
        self.seleccion_cambiada.emit()

    def tildar(self, fila: int, tildado: bool = True) -> bool:
        """Tick or untick a row as a click on its box would (False when ticks are locked)."""
        return self.setData(self.index(fila, COL_TILDE), TILDADO if tildado else SIN_TILDAR, ROL_TILDE)

    def tildable(self) -> bool:
        return self._tildable

    def tildado(self, fila: int) -> bool:
        return self._dhs[fila]["id"] in self._marcados

    def marcados(self) -> list[int]:
        """Ids of the ticked DH, in the grid's order."""
        return [dh["id"] for dh in self._dhs if dh["id"] in self._marcados]

    def hay_cambios(self) -> bool:
        return self._marcados != self._guardados

    def dh(self, fila: int) -> dict:
        return self._dhs[fila]

    def dhs(self) -> list[dict]:
        return list(self._dhs)

    def fila_de(self, dh_id: int) -> int:
        for n, dh in enumerate(self._dhs):
            if dh["id"] == dh_id:
                return n
        raise KeyError(dh_id)

    def texto(self, fila: int, columna: int) -> str:
        return self._textos[fila][columna]

    def estilo(self, fila: int) -> str:
        return self._estilos[fila]
