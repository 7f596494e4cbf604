"""Qt table models of the calculator: REMUNERACIONES, CALCULAR (conceptos) and DERECHOHABIENTES.

Each model holds rows already formatted as text (see `detalle.py`), so `data()` does no work
beyond a tuple lookup. Role enums are cached in module constants (STACK.md: each PySide6 enum
lookup costs ~10 µs); every role the model does not handle returns None.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from . import detalle
from .detalle import ELEGIBLE, EXCLUIDO, TOTAL

from .roles import (  # noqa: F401 - shared enum constants, re-exported for the tests
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

# Row styles (SiAPe shows accredited beneficiaries in green).
_FONDOS = {
    ELEGIBLE: QBrush(QColor("#d6f0d6")),
    EXCLUIDO: QBrush(QColor("#e4e4e4")),
    TOTAL: QBrush(QColor("#e8eef6")),
}
_TINTAS = {
    ELEGIBLE: QBrush(QColor("#123d12")),
    EXCLUIDO: QBrush(QColor("#5a5a5a")),
    TOTAL: QBrush(QColor("#000000")),
}


@dataclass(frozen=True, slots=True)
class Columna:
    titulo: str
    numerica: bool = False


@dataclass(frozen=True, slots=True)
class Fila:
    textos: tuple[str, ...]
    estilo: str = ""
    ayuda: str = ""


class ModeloTabla(QAbstractTableModel):
    """Read-only table of preformatted rows; numeric columns are right-aligned."""

    COLUMNAS: tuple[Columna, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._filas: list[Fila] = []
        self._alineaciones = tuple(A_DERECHA if c.numerica else A_IZQUIERDA for c in self.COLUMNAS)
        self._titulos = tuple(c.titulo for c in self.COLUMNAS)
        self._negrita = QFont()
        self._negrita.setBold(True)

    # --- Qt interface -------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._filas)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNAS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = ROL_TEXTO):
        if not index.isValid():
            return None
        fila_n, col = index.row(), index.column()
        if not (0 <= fila_n < len(self._filas) and 0 <= col < len(self._titulos)):
            return None
        fila = self._filas[fila_n]
        if role == ROL_TEXTO or role == ROL_ACCESIBLE:
            return fila.textos[col]
        if role == ROL_ALINEACION:
            return self._alineaciones[col]
        if role == ROL_FONDO:
            return _FONDOS.get(fila.estilo)
        if role == ROL_TINTA:
            return _TINTAS.get(fila.estilo)
        if role == ROL_FUENTE:
            return self._negrita if fila.estilo == TOTAL else None
        if role == ROL_AYUDA:
            return fila.ayuda or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = ROL_TEXTO):
        if orientation != HORIZONTAL or not 0 <= section < len(self._titulos):
            return None
        if role == ROL_TEXTO:
            return self._titulos[section]
        if role == ROL_ALINEACION:
            return self._alineaciones[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return HABILITADO if index.isValid() else SIN_FLAGS

    # --- for the window and the tests ---------------------------------------------------------
    def poner_filas(self, filas: list[Fila]) -> None:
        self.beginResetModel()
        self._filas = list(filas)
        self.endResetModel()

    def limpiar(self) -> None:
        self.poner_filas([])

    def fila(self, n: int) -> Fila:
        return self._filas[n]

    def texto(self, fila: int, columna: int) -> str:
        return self._filas[fila].textos[columna]

    def columna(self, titulo: str) -> int:
        return self._titulos.index(titulo)


class ModeloRemuneraciones(ModeloTabla):
    COLUMNAS = (
        Columna("PERÍODO"),
        Columna("REMUNERACIONES", True),
        Columna("SAC", True),
        Columna("RIPTE", True),
        Columna("COEFICIENTE", True),
        Columna("(REM + SAC) × RIPTE", True),
    )

    def cargar(self, resultado: dict) -> None:
        self.poner_filas([Fila(*f) for f in detalle.filas_remuneraciones(resultado)])


class ModeloConceptos(ModeloTabla):
    COLUMNAS = (Columna("Concepto"), Columna("Monto", True), Columna("Detalle"))

    def cargar(self, resultado: dict, datos: dict) -> None:
        self.poner_filas([Fila(*f) for f in detalle.filas_conceptos(resultado, datos)])

    def fila_de(self, concepto: str) -> int:
        for n, f in enumerate(self._filas):
            if f.textos[0] == concepto:
                return n
        raise KeyError(concepto)


class ModeloDerechohabientes(ModeloTabla):
    COLUMNAS = (
        Columna("ID"),
        Columna("PARENTESCO"),
        Columna("EDAD", True),
        Columna("%", True),
        Columna("PAGO ÚNICO", True),
        Columna("PAGO POR DAÑO", True),
        Columna("PAGO ADICIONAL", True),
        Columna("IMPORTE", True),
        Columna("EXCLUIDO / MOTIVO"),
    )

    def cargar(self, resultado: dict) -> None:
        self.poner_filas([Fila(*f) for f in detalle.filas_derechohabientes(resultado)])
