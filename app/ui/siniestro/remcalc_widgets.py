"""Widgets shared by the REMUNERACIONES and CALCULAR windows: the «Fec. Liquidación» date edit
and the grids' look (the calculator's table style)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractItemView, QDateEdit, QHeaderView, QTableView

from ..mensajes import texto_de
from ..ventana_calculo import ESTILO_TABLA

PISTA_PARAMETROS = ("Elija otra «Fec. Liquidación» o pida al administrador que cargue las tablas de "
                    "parámetros actualizadas.")


def explicar_problema(error: BaseException) -> str:
    """Why a preview could not be computed; a missing parameter also says what to do."""
    texto = texto_de(error).rstrip(".")
    return f"{texto}. {PISTA_PARAMETROS}" if texto.startswith("Falta ") else f"{texto}."


def editor_fecha(nombre: str = "Fec. Liquidación", inicial: date | None = None) -> QDateEdit:
    """A dd/mm/aaaa date edit with a calendar, today unless told otherwise."""
    editor = QDateEdit()
    editor.setObjectName("fecha_liquidacion")
    editor.setAccessibleName(nombre)
    editor.setDisplayFormat("dd/MM/yyyy")
    editor.setCalendarPopup(True)
    editor.setMinimumDate(QDate(1900, 1, 1))
    editor.setMaximumDate(QDate(2999, 12, 31))
    poner_fecha(editor, inicial or date.today())
    editor.setToolTip("Fecha hasta la que se calculan los intereses del VIB (tasa activa BNA).")
    return editor


def poner_fecha(editor: QDateEdit, valor: date) -> None:
    editor.setDate(QDate(valor.year, valor.month, valor.day))


def fecha_del(editor: QDateEdit) -> date:
    q = editor.date()
    return date(q.year(), q.month(), q.day())


def tabla(modelo, nombre: str, estirar: int | None = None, editable: bool = False) -> QTableView:
    """A grid over `modelo`: whole-row selection, arrows inside and Tab out, numbers right-aligned
    by the model; `estirar` is the column that takes the spare width."""
    t = QTableView()
    t.setObjectName(nombre)
    t.setAccessibleName(nombre)
    t.setModel(modelo)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems if editable
                           else QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed if editable else QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setTabKeyNavigation(False)  # Tab leaves the table: arrows move inside it
    t.setWordWrap(True)
    t.setStyleSheet(ESTILO_TABLA)
    t.verticalHeader().setVisible(False)
    t.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    cab = t.horizontalHeader()
    cab.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # wrapped texts: row heights follow the column widths (a splitter or a resize changes them)
    cab.sectionResized.connect(lambda *_: t.resizeRowsToContents())
    t.setTextElideMode(Qt.TextElideMode.ElideNone)
    if estirar is None:
        cab.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    else:
        cab.setSectionResizeMode(estirar, QHeaderView.ResizeMode.Stretch)
    return t
