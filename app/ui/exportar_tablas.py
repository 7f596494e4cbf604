"""A window's table (any QAbstractTableModel) as a typed sheet for `app.reports.excel`.

The small tables of the windows (REMUNERACIONES, DERECHOHABIENTE, PAGO, SIAPE, parámetros) hold
their rows already formatted as es-AR text and expose no raw values through a role, so the cells
are typed back from those texts: «1.234,56» → Decimal("1234.56"), «03/05/2018» → a date,
«05-2018» → a period, «20-17244867-5» → a CUIL, «71,4286» under «%» → a percentage. This is exact:
the texts show every decimal the store keeps (money and RIPTE 2, percentages 4; see
app/models/tipos.py). A column is typed only when every non-empty text of it reads as that type;
otherwise it stays text, as shown. A totals row (first text «TOTAL…», as SiAPe labels them) does
not count for that, and its label stays text in a typed column. The dash of a missing value («—»)
becomes an empty cell.

Read on the GUI thread (a model is not thread-safe); the result is plain data for the worker.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QAbstractItemModel, Qt

from app.reports.excel import (
    CUIL,
    DINERO,
    ENTERO,
    FECHA,
    FECHA_HORA,
    NUMERO,
    PERIODO,
    PORCENTAJE,
    TEXTO,
    Columna,
    Hoja,
    Texto,
)

from .formato import VACIO

_TEXTO_ROL = Qt.ItemDataRole.DisplayRole
_TILDE_ROL = Qt.ItemDataRole.CheckStateRole
_HORIZONTAL = Qt.Orientation.Horizontal
_TILDADO = Qt.CheckState.Checked

_FECHA = re.compile(r"(\d{2})/(\d{2})/(\d{4})")
_FECHA_HORA = re.compile(r"(\d{2})/(\d{2})/(\d{4}) (\d{2}):(\d{2})")
_PERIODO = re.compile(r"(\d{2})-(\d{4})")
_CUIL = re.compile(r"\d{2}-\d{8}-\d")
# es-AR number as app/ui/formato.py writes it, optionally with «$ » before or « %» after
_NUMERO = re.compile(r"(-?)(?:\$\s?)?(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(\s?%)?")


def _clase(texto: str):
    """(tipo, decimales, con_signo_de_porcentaje) of one text; None for plain text."""
    if _FECHA_HORA.fullmatch(texto):
        return FECHA_HORA, 0, False
    if _FECHA.fullmatch(texto):
        return FECHA, 0, False
    if _PERIODO.fullmatch(texto):
        return PERIODO, 0, False
    if _CUIL.fullmatch(texto):
        return CUIL, 0, False
    m = _NUMERO.fullmatch(texto)
    if m and not (m[1] and m[2]):
        return NUMERO, len(m[4] or ""), bool(m[5])
    return None


def _es_porcentaje(titulo: str) -> bool:
    t = titulo.strip().lower()
    return t == "%" or t.endswith(" %") or "porcentaje" in t


def tipo_de_columna(titulo: str, textos: list[str]) -> Columna:
    """The column spec that every non-empty text of the column reads as (else text)."""
    clases = [_clase(t) for t in textos if t and t != VACIO]
    if not clases or any(c is None for c in clases):
        return Columna(titulo, TEXTO)
    tipos = {c[0] for c in clases}
    if len(tipos) > 1:
        return Columna(titulo, TEXTO)
    tipo = tipos.pop()
    if tipo != NUMERO:
        return Columna(titulo, tipo)
    decimales = max(c[1] for c in clases)
    if any(c[2] for c in clases) or _es_porcentaje(titulo):
        return Columna(titulo, PORCENTAJE, decimales=decimales)
    if decimales == 0:
        return Columna(titulo, ENTERO)
    return Columna(titulo, DINERO if decimales == 2 else NUMERO, decimales=decimales)


def valor_de_texto(tipo: str, texto: str):
    """The typed value of a text shown in a column of type `tipo` (None for an empty cell; the
    text itself when it does not read as that type: the writer then says which cell is wrong)."""
    if not texto or texto == VACIO:
        return None
    if tipo == FECHA and (g := _FECHA.fullmatch(texto)):
        return date(int(g[3]), int(g[2]), int(g[1]))
    if tipo == FECHA_HORA and (g := _FECHA_HORA.fullmatch(texto)):
        return datetime(int(g[3]), int(g[2]), int(g[1]), int(g[4]), int(g[5]))
    if tipo == PERIODO and (g := _PERIODO.fullmatch(texto)):
        return date(int(g[2]), int(g[1]), 1)
    if tipo in (ENTERO, DINERO, NUMERO, PORCENTAJE) and (g := _NUMERO.fullmatch(texto)):
        numero = Decimal(g[3].replace(".", "") + ("." + g[4] if g[4] else ""))
        return -numero if (g[1] or g[2]) else numero
    return texto  # TEXTO, CUIL (the writer keeps NN-NNNNNNNN-N)


def textos_de_modelo(modelo: QAbstractItemModel) -> tuple[list[str], list[list[str]]]:
    """Headers and display texts of every loaded row; a tick column gives «Sí» / «No»."""
    columnas, filas = modelo.columnCount(), modelo.rowCount()
    titulos = []
    for c in range(columnas):
        titulo = modelo.headerData(c, _HORIZONTAL, _TEXTO_ROL)
        titulos.append(str(titulo) if titulo not in (None, "") else f"Columna {c + 1}")
    textos = []
    for f in range(filas):
        fila = []
        for c in range(columnas):
            indice = modelo.index(f, c)
            texto = modelo.data(indice, _TEXTO_ROL)
            if texto is None:
                tilde = modelo.data(indice, _TILDE_ROL)
                texto = "" if tilde is None else ("Sí" if tilde in (_TILDADO, _TILDADO.value) else "No")
            fila.append(str(texto))
        textos.append(fila)
    return titulos, textos


def es_fila_de_totales(textos: list[str]) -> bool:
    return bool(textos) and textos[0].startswith("TOTAL")


def _celda(tipo: str, texto: str):
    valor = valor_de_texto(tipo, texto)
    # what did not read as the column's type (a totals label) is written as text
    return Texto(valor) if isinstance(valor, str) and tipo not in (TEXTO, CUIL) else valor


def hoja_de_modelo(modelo: QAbstractItemModel, titulo: str, tipos: dict[int, str] | None = None) -> Hoja:
    """The model's rows as a typed sheet; `tipos` (column → type) overrides the guess."""
    titulos, textos = textos_de_modelo(modelo)
    datos = [fila for fila in textos if not es_fila_de_totales(fila)]
    columnas = []
    for c, encabezado in enumerate(titulos):
        if tipos and c in tipos:
            columnas.append(Columna(encabezado, tipos[c]))
        else:
            columnas.append(tipo_de_columna(encabezado, [fila[c] for fila in datos]))
    filas = [[_celda(col.tipo, texto) for col, texto in zip(columnas, fila)] for fila in textos]
    return Hoja(titulo, columnas, filas)
