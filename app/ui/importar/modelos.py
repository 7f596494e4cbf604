"""Table models of the import preview: the problems (errors first, red / amber, sortable) and
the rows already loaded (stored value against the file's).

A file may bring a million rows, hence as many problems: the models keep the services' objects
and format a cell only when Qt asks for it (no preformatted copy of every row). Role enums are
module constants (STACK.md)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.importers import ERROR, Problema

from .. import formato
from ..roles import (
    A_DERECHA,
    A_IZQUIERDA,
    HABILITADO,
    HORIZONTAL,
    ROL_ACCESIBLE,
    ROL_ALINEACION,
    ROL_AYUDA,
    ROL_FONDO,
    ROL_TEXTO,
    ROL_TINTA,
    SIN_FLAGS,
)
from . import textos

DESCENDENTE = Qt.SortOrder.DescendingOrder
FONDO_ERROR, TINTA_ERROR = QBrush(QColor("#fbe0e0")), QBrush(QColor("#8b1010"))
FONDO_AVISO, TINTA_AVISO = QBrush(QColor("#fff1c9")), QBrush(QColor("#5c4400"))
GRAVEDAD = {ERROR: "Error", "advertencia": "Advertencia"}


def orden_inicial(p: Problema) -> tuple:
    """Errors first, then by row (file-wide problems, without a row, on top)."""
    return (p.gravedad != ERROR, p.fila or 0)


def _letras(columna: str | None) -> tuple[int, str]:
    letra = (columna or "").split(" ", 1)[0]
    return (len(letra), letra)


class _Modelo(QAbstractTableModel):
    TITULOS: tuple[str, ...] = ()
    NUMERICAS: frozenset[int] = frozenset()

    def __init__(self, parent=None, titulos: tuple[str, ...] | None = None, numericas: frozenset[int] | None = None):
        super().__init__(parent)
        if titulos is not None:
            self.TITULOS = titulos
        if numericas is not None:
            self.NUMERICAS = numericas
        self._filas: list = []
        self._alineaciones = tuple(A_DERECHA if i in self.NUMERICAS else A_IZQUIERDA for i in range(len(self.TITULOS)))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._filas)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.TITULOS)

    def headerData(self, section: int, orientation, role: int = ROL_TEXTO):  # noqa: N802
        if orientation != HORIZONTAL or not 0 <= section < len(self.TITULOS):
            return None
        if role == ROL_TEXTO:
            return self.TITULOS[section]
        if role == ROL_ALINEACION:
            return self._alineaciones[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return HABILITADO if index.isValid() else SIN_FLAGS

    def _poner(self, filas: list) -> None:
        self.beginResetModel()
        self._filas = filas
        self.endResetModel()

    def soltar(self) -> list:
        """Empty the model and return its rows (whoever frees them decides where)."""
        self.beginResetModel()
        filas, self._filas = self._filas, []
        self.endResetModel()
        return filas

    def texto(self, fila: int, columna: int) -> str:
        return self.data(self.index(fila, columna))

    def textos(self, fila: int) -> tuple[str, ...]:
        return tuple(self.texto(fila, c) for c in range(len(self.TITULOS)))


class ModeloProblemas(_Modelo):
    """Archivo, Hoja, Fila, Columna, Valor, Problema, Gravedad; errors in red, warnings in amber."""

    TITULOS = ("Archivo", "Hoja", "Fila", "Columna", "Valor", "Problema", "Gravedad")
    NUMERICAS = frozenset({2})
    COL_GRAVEDAD = 6
    _CLAVES = (
        lambda p: p.archivo, lambda p: p.hoja or "", lambda p: p.fila or 0, lambda p: _letras(p.columna),
        lambda p: p.valor or "", lambda p: p.motivo, lambda p: p.gravedad != ERROR,
    )

    def cargar(self, problemas: list[Problema], ordenados: bool = False) -> None:
        """`ordenados`: a list already in `orden_inicial` order (sorted in the worker thread),
        kept as it is (not copied)."""
        self._poner(problemas if ordenados else sorted(problemas, key=orden_inicial))

    @property
    def problemas(self) -> list[Problema]:
        """In the order shown."""
        return self._filas

    def problema(self, fila: int) -> Problema:
        return self._filas[fila]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = ROL_TEXTO):
        if not index.isValid():
            return None
        n, col = index.row(), index.column()
        if not 0 <= n < len(self._filas):
            return None
        p = self._filas[n]
        if role == ROL_TEXTO or role == ROL_ACCESIBLE:
            if col == 0:
                return p.archivo
            if col == 1:
                return p.hoja or ""
            if col == 2:
                return "" if p.fila is None else formato.entero(p.fila)
            if col == 3:
                return p.columna or ""
            if col == 4:
                return p.valor or ""
            if col == 5:
                return p.motivo
            if col == 6:
                return GRAVEDAD.get(p.gravedad, p.gravedad)
            return None
        if role == ROL_FONDO:
            return FONDO_ERROR if p.gravedad == ERROR else FONDO_AVISO
        if role == ROL_TINTA:
            return TINTA_ERROR if p.gravedad == ERROR else TINTA_AVISO
        if role == ROL_ALINEACION:
            return self._alineaciones[col] if 0 <= col < len(self._alineaciones) else None
        if role == ROL_AYUDA:
            return str(p)
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._CLAVES):
            return
        clave = self._CLAVES[column]
        self.layoutAboutToBeChanged.emit()
        # within equal keys: errors first, then by row (also when the column is sorted descending)
        self._filas.sort(key=orden_inicial)
        self._filas.sort(key=clave, reverse=order == DESCENDENTE)
        self.layoutChanged.emit()


class ModeloYaCargadas(_Modelo):
    """Rows whose agent and month (or family member) is already stored: what is stored, what the
    file brings, and what the import does with it."""

    TITULOS_REMUNERACIONES = ("Fila", "CUIL", "Período", "Remuneración cargada", "SAC cargado",
                              "Remuneración del archivo", "SAC del archivo", "Qué se hace")
    TITULOS_FAMILIARES = ("Fila", "CUIL del agente", "Familiar", "Datos cargados", "Datos del archivo", "Qué se hace")
    TITULOS = TITULOS_REMUNERACIONES

    def __init__(self, tipo: str = "remuneraciones", parent=None):
        super().__init__(parent)
        self._con_error: set[int] = set()
        self._conservar = False
        self._tipo(tipo)

    def _tipo(self, tipo: str) -> None:
        remuneraciones = tipo == "remuneraciones"
        self.tipo = tipo
        self.TITULOS = self.TITULOS_REMUNERACIONES if remuneraciones else self.TITULOS_FAMILIARES
        numericas = frozenset({0, 3, 4, 5, 6}) if remuneraciones else frozenset({0})
        self._alineaciones = tuple(A_DERECHA if i in numericas else A_IZQUIERDA for i in range(len(self.TITULOS)))

    def cargar(self, ya_cargadas: list, filas_con_error: set[int], duplicados: str, tipo: str | None = None) -> None:
        """The rows of a preview; `tipo` changes the columns (remuneraciones / familiares)."""
        self.beginResetModel()
        if tipo is not None:
            self._tipo(tipo)
        self._con_error = set(filas_con_error)
        self._conservar = duplicados == "conservar"
        self._filas = list(ya_cargadas)
        self.endResetModel()

    def que_se_hace(self, fila: int) -> str:
        if fila in self._con_error:
            return "No se importa (la fila tiene un error)"
        if self._conservar:
            return "Se conserva lo cargado"
        return "Se reemplaza"

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = ROL_TEXTO):
        if not index.isValid():
            return None
        n, col = index.row(), index.column()
        if not 0 <= n < len(self._filas) or not 0 <= col < len(self.TITULOS):
            return None
        y = self._filas[n]
        if role == ROL_TEXTO or role == ROL_ACCESIBLE:
            if col == 0:
                return formato.entero(y.fila)
            if col == 1:
                return textos.cuil(y.cuil)
            if col == len(self.TITULOS) - 1:
                return self.que_se_hace(y.fila)
            if self.tipo == "remuneraciones":
                if col == 2:
                    return formato.periodo(y.clave)
                datos, campo = ((y.antes, "remuneracion"), (y.antes, "sac"), (y.archivo, "remuneracion"),
                                (y.archivo, "sac"))[col - 3]
                return formato.monto(datos.get(campo))
            if col == 2:
                return y.clave
            viejo, nuevo = textos.diferencias(y.antes, y.archivo)
            return viejo if col == 3 else nuevo
        if role == ROL_ALINEACION:
            return self._alineaciones[col]
        if role == ROL_FONDO and y.fila in self._con_error:
            return FONDO_ERROR
        return None
