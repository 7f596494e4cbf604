"""The Administración grid model: one black row per siniestro, then its accredited DH in green.

Lazy and paged: `filtrar()` counts (for the label) and loads the first page of 200 siniestros;
the view asks for more as it scrolls (`canFetchMore` / `fetchMore`). Filtering happens in SQL
(`app.services.grilla`), never with a proxy model (STACK.md: 1.5–2.5 s per refilter at 100k).
Rows are formatted to text once, the first time they are shown, so `data()` is a tuple lookup; role
enums are module constants (each PySide6 enum lookup costs ~10 µs).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.services import grilla

from .. import formato

TAMANIO_PAGINA = 200

from ..roles import (  # noqa: F401 - shared enum constants, re-exported for the tests
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
_RAIZ = QModelIndex()  # default parent (a call in the signature is evaluated once anyway)

COLUMNAS = ("Organismo", "Cuit-Cuil", "Apellido y Nombre", "Siniestro", "Fecha (PMI)", "Recepción",
            "Liquidación", "Pago", "Estado")
(COL_ORGANISMO, COL_CUIL, COL_NOMBRE, COL_SINIESTRO, COL_PMI, COL_RECEPCION, COL_LIQUIDACION, COL_PAGO,
 COL_ESTADO) = range(len(COLUMNAS))
_NUMERICAS = {COL_LIQUIDACION, COL_PAGO}
# column → sort key of the grid query (app.services.consultas.ORDENES); Liquidación and Pago are
# computed per row and are not sortable over 100k siniestros
ORDEN_DE_COLUMNA = {COL_ORGANISMO: "organismo", COL_CUIL: "cuil", COL_NOMBRE: "apellido", COL_SINIESTRO: "siniestro",
                    COL_PMI: "pmi", COL_RECEPCION: "recepcion", COL_ESTADO: "estado"}
_ALINEACIONES = tuple(A_DERECHA if c in _NUMERICAS else A_IZQUIERDA for c in range(len(COLUMNAS)))

SINIESTRO, DERECHOHABIENTE = "siniestro", "derechohabiente"

# SiAPe: the siniestro in a black row, its accredited beneficiaries in green rows below it.
COLOR_SINIESTRO = QColor("#000000")
COLOR_TEXTO_SINIESTRO = QColor("#ffffff")
COLOR_DH = QColor("#d6f0d6")
COLOR_TEXTO_DH = QColor("#123d12")
_FONDOS = {SINIESTRO: QBrush(COLOR_SINIESTRO), DERECHOHABIENTE: QBrush(COLOR_DH)}
_TINTAS = {SINIESTRO: QBrush(COLOR_TEXTO_SINIESTRO), DERECHOHABIENTE: QBrush(COLOR_TEXTO_DH)}

TIPOS = {"muerte": "Mortal", "ilp": "ILP", "gran_invalidez": "Gran invalidez"}
ESTADOS = {"denunciado": "Denunciado", "en_liquidacion": "En liquidación", "liquidado": "Liquidado",
           "acreditado": "Acreditado", "pagado": "Pagado", "cerrado": "Cerrado"}
PARENTESCOS = {"conyuge": "Cónyuge", "conviviente": "Conviviente", "hijo": "Hijo/a", "padre": "Padre",
               "madre": "Madre", "familiar_a_cargo": "Familiar a cargo"}


def cuil(valor: str | None) -> str:
    """`20172448675` → `20-17244867-5` (as it came if it is not 11 digits)."""
    if not valor:
        return formato.VACIO
    return f"{valor[:2]}-{valor[2:10]}-{valor[10:]}" if len(valor) == 11 and valor.isdigit() else valor


def fecha(valor: date | str | None) -> str:
    """`date(2018, 5, 3)` → `03/05/2018` (without strftime: ~15 µs each, thousands per page)."""
    if isinstance(valor, date):
        return f"{valor.day:02d}/{valor.month:02d}/{valor.year:04d}"
    return formato.fecha(valor)


def _etiqueta(tabla: dict, valor: str | None) -> str:
    if not valor:
        return formato.VACIO
    return tabla.get(valor) or valor.replace("_", " ").capitalize()


class Fila:
    """One row of the grid: its kind, its siniestro and the service's data; the texts are made
    the first time the row is shown (a page of 200 siniestros is loaded, ~25 rows are seen)."""

    __slots__ = ("_ayuda", "_textos", "datos", "siniestro_id", "tipo")

    def __init__(self, tipo: str, siniestro_id: int, datos: dict):
        self.tipo, self.siniestro_id, self.datos = tipo, siniestro_id, datos
        self._textos: tuple[str, ...] | None = None
        self._ayuda = ""

    def _formatear(self) -> None:
        hacer = _textos_siniestro if self.tipo == SINIESTRO else _textos_derechohabiente
        self._textos, self._ayuda = hacer(self.datos)

    @property
    def textos(self) -> tuple[str, ...]:
        if self._textos is None:
            self._formatear()
        return self._textos

    @property
    def ayuda(self) -> str:
        if self._textos is None:
            self._formatear()
        return self._ayuda


def fila_siniestro(s: dict) -> Fila:
    return Fila(SINIESTRO, s["siniestro_id"], s)


def fila_derechohabiente(d: dict) -> Fila:
    return Fila(DERECHOHABIENTE, d["siniestro_id"], d)


def _textos_siniestro(s: dict) -> tuple[tuple[str, ...], str]:
    if s.get("fecha_liquidacion") is None and s.get("total_liquidacion") is None:
        liquidacion = formato.VACIO
    else:
        liquidacion = f"{fecha(s.get('fecha_liquidacion'))}  $ {formato.monto(s.get('total_liquidacion'))}"
    tipo = _etiqueta(TIPOS, s.get("tipo"))
    textos = (
        s.get("organismo") or formato.VACIO,
        cuil(s.get("cuil")),
        s.get("apellido_nombre") or formato.VACIO,
        f"{s.get('numero')} · {tipo}",
        fecha(s.get("fecha_pmi")),
        fecha(s.get("fecha_recepcion")),
        liquidacion,
        formato.monto(s.get("pagado")),
        _etiqueta(ESTADOS, s.get("estado")),
    )
    ayuda = f"Siniestro {s.get('numero')} ({tipo}) — {s.get('organismo_codigo') or ''} {s.get('organismo') or ''}"
    if s.get("liquidacion_version"):
        ayuda += f"\nLiquidación versión {s['liquidacion_version']}"
    ayuda += "\nDoble clic para abrir el siniestro."
    return textos, ayuda


def _textos_derechohabiente(d: dict) -> tuple[tuple[str, ...], str]:
    parentesco = _etiqueta(PARENTESCOS, d.get("parentesco"))
    if d.get("porcentaje") is not None:
        parentesco += f" · {formato.porcentaje(d['porcentaje'])} %"
    textos = (
        "Derechohabiente",
        cuil(d.get("cuil")),
        d.get("apellido_nombre") or formato.VACIO,
        parentesco,
        "",
        "",
        f"$ {formato.monto(d['importe'])}" if d.get("importe") is not None else formato.VACIO,
        formato.monto(d.get("pagado")),
        "Acreditado",
    )
    return textos, f"Derechohabiente acreditado: {d.get('apellido_nombre')} ({parentesco})"


class FuenteServicios:
    """What the model asks for, through the services (the UI never holds a session)."""

    def __init__(self, ctx):
        self.ctx = ctx

    def contar(self, filtros: dict) -> int:
        return grilla.contar(self.ctx, filtros)

    def buscar(self, filtros: dict, limite: int, desplazamiento: int) -> list[dict]:
        return grilla.buscar(self.ctx, filtros, limite=limite, desplazamiento=desplazamiento)

    def derechohabientes(self, siniestro_ids: list[int]) -> dict[int, list[dict]]:
        return grilla.derechohabientes_acreditados(self.ctx, siniestro_ids)

    def organismos(self) -> list[dict]:
        return grilla.organismos(self.ctx)


class ModeloAdministracion(QAbstractTableModel):
    """Read-only, paged: `total()` siniestros match, `cargados()` of them are in rows so far."""

    def __init__(self, fuente, parent=None, tamanio_pagina: int = TAMANIO_PAGINA):
        super().__init__(parent)
        self._fuente = fuente
        self._tamanio = tamanio_pagina
        self._filtros: dict = {}
        self._filas: list[Fila] = []
        self._total = 0
        self._cargados = 0
        self._ultima_cantidad = 0
        self._negrita = QFont()
        self._negrita.setBold(True)

    # --- loading ------------------------------------------------------------------------------
    def _pagina(self, desplazamiento: int) -> list[Fila]:
        siniestros = self._fuente.buscar(self._filtros, self._tamanio, desplazamiento)
        dhs = self._fuente.derechohabientes([s["siniestro_id"] for s in siniestros]) if siniestros else {}
        filas: list[Fila] = []
        for s in siniestros:
            filas.append(fila_siniestro(s))
            filas.extend(fila_derechohabiente(d) for d in dhs.get(s["siniestro_id"], ()))
        self._ultima_cantidad = len(siniestros)
        return filas

    def filtrar(self, filtros: dict) -> int:
        """Count and load the first page for these filters (queries first, then one reset).
        Errors of the filters (e.g. a CUIL with letters) propagate and leave the model as it was."""
        filtros = dict(filtros)
        anteriores = self._filtros
        self._filtros = filtros
        try:
            total = self._fuente.contar(filtros)
            filas = self._pagina(0) if total else []
        except Exception:
            self._filtros = anteriores
            raise
        self.beginResetModel()
        self._total = total
        self._filas = filas
        self._cargados = self._ultima_cantidad if total else 0
        self.endResetModel()
        return total

    def canFetchMore(self, parent=_RAIZ) -> bool:
        return not parent.isValid() and self._cargados < self._total

    def fetchMore(self, parent=_RAIZ) -> None:
        if parent.isValid() or self._cargados >= self._total:
            return
        filas = self._pagina(self._cargados)
        if not filas:  # the store changed under us: fewer rows than counted
            self._total = self._cargados
            return
        inicio = len(self._filas)
        self.beginInsertRows(QModelIndex(), inicio, inicio + len(filas) - 1)
        self._filas.extend(filas)
        self._cargados += self._ultima_cantidad
        self.endInsertRows()

    # --- Qt interface -------------------------------------------------------------------------
    def rowCount(self, parent=_RAIZ) -> int:
        return 0 if parent.isValid() else len(self._filas)

    def columnCount(self, parent=_RAIZ) -> int:
        return 0 if parent.isValid() else len(COLUMNAS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = ROL_TEXTO):
        if not index.isValid():
            return None
        n, col = index.row(), index.column()
        if not (0 <= n < len(self._filas) and 0 <= col < len(COLUMNAS)):
            return None
        fila = self._filas[n]
        if role == ROL_TEXTO or role == ROL_ACCESIBLE:
            return fila.textos[col]
        if role == ROL_FONDO:
            return _FONDOS[fila.tipo]
        if role == ROL_TINTA:
            return _TINTAS[fila.tipo]
        if role == ROL_ALINEACION:
            return _ALINEACIONES[col]
        if role == ROL_FUENTE:
            return self._negrita if fila.tipo == SINIESTRO else None
        if role == ROL_AYUDA:
            return fila.ayuda or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = ROL_TEXTO):
        if orientation != HORIZONTAL or not 0 <= section < len(COLUMNAS):
            return None
        if role == ROL_TEXTO:
            return COLUMNAS[section]
        if role == ROL_ALINEACION:
            return _ALINEACIONES[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return HABILITADO if index.isValid() else SIN_FLAGS

    # --- for the window and the tests ---------------------------------------------------------
    def total(self) -> int:
        return self._total

    def cargados(self) -> int:
        return self._cargados

    def filtros(self) -> dict:
        return dict(self._filtros)

    def fila(self, n: int) -> Fila:
        return self._filas[n]

    def texto(self, fila: int, columna: int) -> str:
        return self._filas[fila].textos[columna]
