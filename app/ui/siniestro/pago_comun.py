"""Pieces shared by the SIAPE, PAGO and LEGAJO DIGITAL windows: the grid factory, the
«no liquidation yet» panel, es-AR amount reading and small display helpers."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import DatosInvalidos
from app.services.entradas import leer_importe

from .. import formato
from ..modelos import ModeloTabla

ESTILO_TABLA = (
    "QTableView::item { padding: 3px 8px; }"
    " QHeaderView::section { padding: 4px 8px; border: none; border-right: 1px solid #c8c8c8;"
    " border-bottom: 1px solid #b0b0b0; background: #e9e9e9; font-weight: bold; }"
)
ESTILO_NOTA = "QLabel { color: #333333; }"

# es-AR amount: thousands grouped by dots (optional) and a decimal comma
_IMPORTE_AR = re.compile(r"^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")


def leer_importe_ar(texto: str | None, campo: str = "importe") -> Decimal:
    """A user-typed es-AR amount (`1.234.567,89`, `1234,5`, `$ 300`) as an exact Decimal with
    2 decimals; refuses anything ambiguous with `DatosInvalidos` (the services' own reader then
    checks sign, decimals and maximum, so the messages are the same as the store's)."""
    limpio = (texto or "").replace("$", "").replace(" ", "").replace("\u00a0", "")
    if not limpio:
        return leer_importe(None, campo, positivo=True)  # «falta el importe»
    if not _IMPORTE_AR.match(limpio):
        raise DatosInvalidos(
            campo, f"«{(texto or '').strip()}» no es un importe válido",
            "Escríbalo con coma decimal y, si quiere, punto de miles: por ejemplo 1.234.567,89.")
    return leer_importe(limpio.replace(".", "").replace(",", "."), campo, positivo=True)


def fecha_hora(momento: datetime | None) -> str:
    """A UTC timestamp from the store as the PC's local `dd/mm/aaaa hh:mm`."""
    if momento is None:
        return formato.VACIO
    return momento.replace(tzinfo=UTC).astimezone().strftime("%d/%m/%Y %H:%M")


def tamanio(n: int | None) -> str:
    """`512` → `512 bytes`, `3000` → `2,9 KB`, `5_000_000` → `4,8 MB` (binary units, as Windows shows)."""
    if n is None:
        return formato.VACIO
    if n < 1024:
        return f"{formato.entero(n)} bytes"
    if n < 1024 * 1024:
        return f"{formato.numero(Decimal(n) / 1024, 1)} KB"
    return f"{formato.numero(Decimal(n) / (1024 * 1024), 1)} MB"


def tabla(modelo: ModeloTabla, nombre: str, estirar: int | None = None) -> QTableView:
    """A read-only grid over `modelo`: whole-row selection, Tab leaves it, columns fit their text."""
    t = QTableView()
    t.setObjectName(nombre)
    t.setAccessibleName(nombre)
    t.setModel(modelo)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setTabKeyNavigation(False)
    t.setWordWrap(False)
    t.setAlternatingRowColors(False)
    t.setStyleSheet(ESTILO_TABLA)
    t.verticalHeader().setVisible(False)
    t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 10)
    cab = t.horizontalHeader()
    cab.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if estirar is not None:
        cab.setSectionResizeMode(estirar, QHeaderView.ResizeMode.Stretch)
    else:
        cab.setStretchLastSection(True)
    return t


def ajustar_alto(t: QTableView) -> None:
    """Fix a short grid's height to its rows, so it never shows a scroll bar for five lines."""
    alto = t.horizontalHeader().sizeHint().height() + 2 * t.frameWidth()
    alto += sum(t.rowHeight(n) for n in range(t.model().rowCount()))
    t.setFixedHeight(alto + 2)


def nota(texto: str = "", nombre: str = "") -> QLabel:
    et = QLabel(texto)
    if nombre:
        et.setObjectName(nombre)
    et.setWordWrap(True)
    et.setStyleSheet(ESTILO_NOTA)
    et.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return et


class PanelSinLiquidacion(QWidget):
    """What SIAPE and PAGO show while the siniestro has no stored liquidation."""

    calcular = Signal()

    def __init__(self, texto: str, parent=None):
        super().__init__(parent)
        caja = QVBoxLayout(self)
        caja.addStretch(1)
        self.texto = QLabel(texto)
        self.texto.setObjectName("sin_liquidacion")
        self.texto.setWordWrap(True)
        self.texto.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.texto.setStyleSheet("QLabel { font-size: 14px; padding: 8px; }")
        caja.addWidget(self.texto)
        fila = QHBoxLayout()
        fila.addStretch(1)
        self.boton = QPushButton("&Calcular la liquidación…")
        self.boton.setObjectName("boton_calcular")
        self.boton.clicked.connect(self.calcular)
        fila.addWidget(self.boton)
        fila.addStretch(1)
        caja.addLayout(fila)
        caja.addStretch(2)
