"""Table models of the REMUNERACIONES and CALCULAR windows of one siniestro.

`ModeloMeses` is the editable grid of the 12 months before the PMI: the stored salary of each
month, the user's unsaved edits (bold on amber) and the RIPTE columns of the engine's preview.
`ModeloVersiones` lists the stored liquidations (row 0 is the unsaved preview) and
`ModeloComparacion` shows two results side by side. `leer_monto_ar` reads an es-AR amount exactly.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from app.errors import DatosInvalidos
from app.services.entradas import leer_importe

from .. import detalle, formato
from ..modelos import Columna, Fila, ModeloTabla
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

ROL_EDICION = Qt.ItemDataRole.EditRole
EDITABLE = HABILITADO | Qt.ItemFlag.ItemIsEditable
CERO = Decimal("0.00")

# an es-AR amount: optional sign, digits with or without thousands dots, optional decimal comma
_MONTO_AR = re.compile(r"[-+]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?")


def leer_monto_ar(texto: str, campo: str) -> Decimal:
    """`"1.234,56"` or `"1234,56"` (or `"$ 1.234"`) → `Decimal("1234.56")`, exactly.

    The checks of the services' reader follow (not negative, at most 2 decimals, maximum);
    a refusal is a `DatosInvalidos` naming `campo`."""
    limpio = "".join(str(texto).replace("$", "").split())
    if not limpio:
        raise DatosInvalidos(campo, "falta el importe (escriba 0 si no hubo)")
    if not _MONTO_AR.fullmatch(limpio):
        raise DatosInvalidos(
            campo, f"«{str(texto).strip()}» no es un importe: escriba, por ejemplo, 1.234,56 o 1234,56")
    numero = leer_importe(limpio.replace(".", "").replace(",", "."), campo)
    return CERO if numero == 0 else numero  # "-0" is zero, shown without a sign


# --- REMUNERACIONES ------------------------------------------------------------------------------
COL_PERIODO, COL_REMUNERACION, COL_SAC, COL_RIPTE, COL_ACTUALIZADO = range(5)
CAMPOS_EDITABLES = {COL_REMUNERACION: "remuneracion", COL_SAC: "sac"}
_FONDO_EDITADO = QBrush(QColor("#ffe08a"))
_TINTA_PENDIENTE = QBrush(QColor("#8a8a8a"))


class ModeloMeses(QAbstractTableModel):
    """The 12 months (oldest first): REM and SAC editable, RIPTE and updated amount from the preview."""

    TITULOS = ("PERÍODO", "REMUNERACIONES", "SAC", "RIPTE", "(REM + SAC) × RIPTE")
    # a cell refused while editing: the message names the month and the field
    rechazado = Signal(str)
    # the set of unsaved edits changed
    editado = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._filas: list[dict] = []
        self._previa: dict[str, dict] = {}
        self._ayuda_previa: dict[str, str] = {}
        self._cambios: dict[str, dict[str, Decimal]] = {}
        self.editable = False
        self._titulos = self.TITULOS
        self._negrita = QFont()
        self._negrita.setBold(True)
        self._cursiva = QFont()
        self._cursiva.setItalic(True)

    # --- Qt interface -------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._filas)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.TITULOS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = ROL_TEXTO):
        if orientation != HORIZONTAL or not 0 <= section < len(self.TITULOS):
            return None
        if role == ROL_TEXTO:
            return self._titulos[section]
        if role == ROL_ALINEACION:
            return A_IZQUIERDA if section == COL_PERIODO else A_DERECHA
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return SIN_FLAGS
        return EDITABLE if self.editable and index.column() in CAMPOS_EDITABLES else HABILITADO

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = ROL_TEXTO):
        if not index.isValid() or not 0 <= index.row() < len(self._filas):
            return None
        periodo, col = self._filas[index.row()]["periodo"], index.column()
        if role == ROL_TEXTO or role == ROL_ACCESIBLE:
            return self.texto(index.row(), col)
        if role == ROL_EDICION:
            return formato.monto(self.valor(periodo, CAMPOS_EDITABLES[col])) if col in CAMPOS_EDITABLES else None
        if role == ROL_ALINEACION:
            return A_IZQUIERDA if col == COL_PERIODO else A_DERECHA
        editada = self.editada(periodo, col)
        if role == ROL_FONDO:
            return _FONDO_EDITADO if editada else None
        if role == ROL_FUENTE:
            if editada:
                return self._negrita
            return self._cursiva if col == COL_ACTUALIZADO and periodo in self._cambios else None
        if role == ROL_TINTA:
            return _TINTA_PENDIENTE if col == COL_ACTUALIZADO and periodo in self._cambios else None
        if role == ROL_AYUDA:
            if editada:
                return "Cambio sin guardar: pulse ACTUALIZAR para guardarlo y recalcular."
            if col == COL_ACTUALIZADO and periodo in self._cambios:
                return "Se recalcula al pulsar ACTUALIZAR."
            return self._ayuda_previa.get(periodo) if col in (COL_RIPTE, COL_ACTUALIZADO) else None
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = ROL_EDICION) -> bool:
        if role != ROL_EDICION or not index.isValid() or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        fila = self._filas[index.row()]
        campo = CAMPOS_EDITABLES[index.column()]
        try:
            nuevo = leer_monto_ar(value, f"{self.TITULOS[index.column()]} de {formato.periodo(fila['periodo'])}")
        except DatosInvalidos as e:
            self.rechazado.emit(e.mensaje)
            return False
        cambios = self._cambios.setdefault(fila["periodo"], {})
        if nuevo == fila[campo]:
            cambios.pop(campo, None)
        else:
            cambios[campo] = nuevo
        if not cambios:
            del self._cambios[fila["periodo"]]
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(self.TITULOS) - 1))
        self.editado.emit()
        return True

    # --- contents -----------------------------------------------------------------------------
    def poner_filas(self, filas: list[dict]) -> None:
        """`siniestros.remuneraciones_del_siniestro(...)`. An unsaved edit survives a reload unless
        the store now holds that same value (after ACTUALIZAR every saved edit disappears)."""
        anteriores = self._cambios
        self.beginResetModel()
        self._filas = list(filas)
        self._cambios = {}
        for fila in self._filas:
            quedan = {k: v for k, v in anteriores.get(fila["periodo"], {}).items() if v != fila[k]}
            if quedan:
                self._cambios[fila["periodo"]] = quedan
        self.endResetModel()
        self.editado.emit()

    def descartar_cambios(self) -> None:
        self.beginResetModel()
        self._cambios = {}
        self.endResetModel()
        self.editado.emit()

    def poner_previa(self, resultado: dict | None) -> None:
        """The preview's months (RIPTE, coefficient, updated amount); None when it failed."""
        self._previa = {m["periodo"]: m for m in (resultado or {}).get("meses", [])}
        # before Ley 27.348 the months are added as they are (original art. 12), not updated
        original = (resultado or {}).get("metodo_ingreso_base") == detalle.METODO_ORIGINAL
        ultima = ("REM + SAC (sin RIPTE)",) if original else self.TITULOS[COL_ACTUALIZADO:]
        titulos = self.TITULOS[:COL_ACTUALIZADO] + ultima
        if titulos != self._titulos:
            self._titulos = titulos
            self.headerDataChanged.emit(HORIZONTAL, COL_ACTUALIZADO, COL_ACTUALIZADO)
        self._ayuda_previa = {}
        if resultado:
            for m, (_, _, ayuda) in zip(resultado.get("meses", []), detalle.filas_remuneraciones(resultado)):
                self._ayuda_previa[m["periodo"]] = ayuda
        if self._filas:
            self.dataChanged.emit(self.index(0, COL_RIPTE), self.index(len(self._filas) - 1, COL_ACTUALIZADO))

    def poner_editable(self, editable: bool) -> None:
        self.beginResetModel()
        self.editable = editable
        self.endResetModel()

    # --- for the window and the tests ---------------------------------------------------------
    def periodos(self) -> list[str]:
        return [f["periodo"] for f in self._filas]

    def fila_de(self, periodo: str) -> int:
        return self.periodos().index(periodo)

    def valor(self, periodo: str, campo: str) -> Decimal:
        """The value shown: the unsaved edit if there is one, else the stored one."""
        fila = self._filas[self.fila_de(periodo)]
        return self._cambios.get(periodo, {}).get(campo, fila[campo])

    def editada(self, periodo: str, col: int) -> bool:
        return col in CAMPOS_EDITABLES and CAMPOS_EDITABLES[col] in self._cambios.get(periodo, {})

    def texto(self, fila: int, col: int) -> str:
        periodo = self._filas[fila]["periodo"]
        if col == COL_PERIODO:
            return formato.periodo(periodo)
        if col in CAMPOS_EDITABLES:
            return formato.monto(self.valor(periodo, CAMPOS_EDITABLES[col]))
        m = self._previa.get(periodo)
        if m is None:
            return formato.VACIO
        if col == COL_RIPTE:
            return formato.numero(m.get("ripte"))
        return formato.VACIO if periodo in self._cambios else formato.monto(m.get("actualizado"))

    def hay_cambios(self) -> bool:
        return bool(self._cambios)

    def cantidad_cambios(self) -> int:
        return len(self._cambios)

    def filas_a_guardar(self) -> list[dict]:
        """The edited months, whole (both amounts), for `liquidaciones.guardar_remuneraciones`."""
        return [{"periodo": p, "remuneracion": self.valor(p, "remuneracion"), "sac": self.valor(p, "sac")}
                for p in self.periodos() if p in self._cambios]

    def leidas(self) -> dict:
        """What the screen read of each edited month (None: not loaded), to detect a concurrent save."""
        por_periodo = {f["periodo"]: f for f in self._filas}
        return {p: (por_periodo[p]["remuneracion"], por_periodo[p]["sac"]) if por_periodo[p]["cargada"] else None
                for p in self._cambios}


# --- CALCULAR ------------------------------------------------------------------------------------
VISTA_PREVIA = "Vista previa"
_CURSIVA = QFont()
_CURSIVA.setItalic(True)
_TINTA_NEGATIVA = QBrush(QColor("#b71c1c"))


def momento_local(momento: datetime | None) -> str:
    """A UTC timestamp of the store as `dd/mm/aaaa HH:MM` in the PC's local time."""
    if momento is None:
        return formato.VACIO
    return momento.replace(tzinfo=UTC).astimezone().strftime("%d/%m/%Y %H:%M")


def fecha_de(valor: date | str | None) -> str:
    if valor is None:
        return formato.VACIO
    return formato.fecha(valor.isoformat() if isinstance(valor, date) else str(valor))


class ModeloVersiones(ModeloTabla):
    """Row 0: the unsaved preview at the chosen date; then every stored version, oldest first."""

    COLUMNAS = (Columna("Versión"), Columna("Fec. liquidación"), Columna("Calculada por"),
                Columna("Calculada en"), Columna("Total", True))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.versiones: list[dict] = []

    def cargar(self, versiones: list[dict], fecha_previa: date, total_previa: str | None) -> None:
        self.versiones = list(versiones)
        filas = [Fila((VISTA_PREVIA, fecha_de(fecha_previa), "(no guardada)", formato.VACIO,
                       formato.monto(total_previa)),
                      ayuda="Lo que se guardaría con «Calcular y guardar» a la fecha elegida.")]
        filas += [Fila((str(v["version"]), fecha_de(v["fecha_liquidacion"]), v["calculada_por"] or formato.VACIO,
                        momento_local(v["calculada_en"]), formato.monto(v["total"])))
                  for v in self.versiones]
        self.poner_filas(filas)

    def version_de(self, fila: int) -> int | None:
        """The stored version number of a row (None: the preview row)."""
        return None if fila == 0 else self.versiones[fila - 1]["version"]

    def fila_de_version(self, version: int) -> int:
        return 1 + [v["version"] for v in self.versiones].index(version)

    def data(self, index, role=ROL_TEXTO):
        if role == ROL_FUENTE and index.isValid() and index.row() == 0:
            return _CURSIVA
        return super().data(index, role)


def _valor_comparado(clave: str, valor) -> str:
    if valor is None:
        return formato.VACIO
    if isinstance(valor, date):
        return fecha_de(valor)
    if clave == "dias_interes":
        return formato.entero(valor)
    if clave == "factor_capitalizacion":
        return formato.factor(valor)
    return formato.monto(valor)


def _numero(valor):
    if valor is None or isinstance(valor, int):
        return valor
    return Decimal(str(valor))


def comparar_resultados(ra: dict, fa: date, rb: dict, fb: date, conceptos, nombres: dict[str, str]) -> list[tuple]:
    """Rows (clave, concepto, a, b, diferencia = b − a) of two engine results liquidated at `fa`
    and `fb`, as the service's `comparar` does for two stored versions: the date, each concept,
    then each DH's amount (exact Decimal differences). `nombres`: DH id → its row label."""
    filas = [("fecha", "Fecha de liquidación", fa, fb, (fb - fa).days)]
    for clave, concepto in conceptos:
        a, b = _numero(ra.get(clave)), _numero(rb.get(clave))
        filas.append((clave, concepto, a, b, None if a is None or b is None else b - a))
    parte_a = {p["id"]: Decimal(p["importe"]) for p in ra.get("reparto", [])}
    parte_b = {p["id"]: Decimal(p["importe"]) for p in rb.get("reparto", [])}
    for ident in sorted(set(parte_a) | set(parte_b), key=lambda x: (len(x), x)):
        a, b = parte_a.get(ident), parte_b.get(ident)
        etiqueta = nombres.get(ident, "«derechohabiente quitado»")
        filas.append(("dh", etiqueta, a, b, None if a is None or b is None else b - a))
    return filas


def filas_del_servicio(filas, conceptos) -> list[tuple]:
    """`liquidaciones.comparar(...)` rows (concepto, v1, v2, diferencia) with their key added."""
    claves = {concepto: clave for clave, concepto in conceptos}
    salida = []
    for n, f in enumerate(filas):
        clave = "fecha" if n == 0 else claves.get(f.concepto, "dh")
        salida.append((clave, f.concepto, f.v1, f.v2, f.diferencia))
    return salida


class ModeloComparacion(ModeloTabla):
    """Concepto | A | B | Diferencia (B − A); negative differences in red."""

    COLUMNAS = (Columna("Concepto"), Columna("A", True), Columna("B", True), Columna("Diferencia", True))

    def cargar(self, titulo_a: str, titulo_b: str, filas: list[tuple]) -> None:
        self._titulos = ("Concepto", titulo_a, titulo_b, "Diferencia")
        self.headerDataChanged.emit(HORIZONTAL, 0, 3)
        salida = []
        for clave, concepto, a, b, dif in filas:
            if clave == "fecha":
                diferencia = formato.VACIO if dif is None else f"{formato.entero(dif)} días"
            else:
                diferencia = _valor_comparado(clave, dif)
            salida.append(Fila((concepto, _valor_comparado(clave, a), _valor_comparado(clave, b), diferencia),
                               estilo=detalle.TOTAL if clave == "total" else ""))
        self.poner_filas(salida)

    def data(self, index, role=ROL_TEXTO):
        if (role == ROL_TINTA and index.isValid() and index.column() == 3
                and self.texto(index.row(), 3).startswith("-")):
            return _TINTA_NEGATIVA
        return super().data(index, role)
