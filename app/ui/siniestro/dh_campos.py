"""Small pieces of the DERECHOHABIENTE screens: es-AR readers for what the user types (dates
dd/mm/aaaa, percentages 22,2222), a field with its own error line, and how to tell a role or a
lock in a tooltip.

The readers raise `DatosInvalidos` like the services' readers (app/services/entradas.py), so a
window shows a typing error and a service refusal the same way.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.errors import DatosInvalidos, ErrorAplicacion
from app.services.entradas import leer_fecha
from app.services.nucleo import DESCRIPCION_PERMISO

from .. import formato

ESTILO_ERROR_CAMPO = "QLabel { color: #b71c1c; font-weight: bold; }"

_FECHA = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
# es-AR: comma decimal; dots only as thousands separators in groups of three
_NUMERO = re.compile(r"(\d{1,3}(\.\d{3})+|\d+)(,\d+)?")


def leer_fecha_ar(texto: str, campo: str) -> date | None:
    """`"05/07/2022"` → `date(2022, 7, 5)`; blank → None."""
    t = (texto or "").strip()
    if not t:
        return None
    m = _FECHA.fullmatch(t)
    if not m:
        raise DatosInvalidos(campo, f"«{t}» no tiene el formato dd/mm/aaaa")
    try:
        fecha = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        raise DatosInvalidos(campo, f"«{t}» no es una fecha real") from None
    return leer_fecha(fecha, campo)  # the services' own limits (e.g. not before 1900)


def leer_porcentaje_ar(texto: str, campo: str, decimales: int = 4, maximo: Decimal = Decimal(100)) -> Decimal:
    """`"22,2222"` → `Decimal("22.2222")`, exactly (never through float); 0 to `maximo`."""
    t = (texto or "").strip().rstrip("%").strip()
    if not t:
        raise DatosInvalidos(campo, "falta el porcentaje")
    if not _NUMERO.fullmatch(t):
        raise DatosInvalidos(campo, f"«{t}» no es un porcentaje (use coma decimal, p. ej. 22,2222)")
    try:
        valor = Decimal(t.replace(".", "").replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern already rules it out
        raise DatosInvalidos(campo, f"«{t}» no es un número") from None
    if valor > maximo:
        raise DatosInvalidos(campo, f"{formato.numero(valor, decimales)} % supera el máximo de "
                                    f"{formato.numero(maximo, decimales)} %")
    escala = Decimal(1).scaleb(-decimales)
    if valor != valor.quantize(escala):
        raise DatosInvalidos(campo, f"«{t}» tiene más de {decimales} decimales")
    return valor.quantize(escala)


def fecha_ar(valor: date | None) -> str:
    """A date as the user types it back (blank when there is none)."""
    return "" if valor is None else f"{valor.day:02d}/{valor.month:02d}/{valor.year:04d}"


def sin_campo(error: ErrorAplicacion) -> str:
    """The message of an error without its «campo: » prefix (shown next to the field itself)."""
    texto = error.mensaje
    if isinstance(error, DatosInvalidos) and texto.startswith(f"{error.campo}: "):
        texto = texto[len(error.campo) + 2:]
    texto = texto[:1].upper() + texto[1:]
    return f"{texto} {error.resolucion}" if error.resolucion else texto


def sin_permiso(actor, permiso: str) -> str:
    """Why a button is disabled for the user's role (empty when the role may)."""
    if actor.puede(permiso):
        return ""
    return f"Su rol ({actor.rol}) no puede {DESCRIPCION_PERMISO[permiso]}."


class CampoConError(QWidget):
    """A field with a red line under it for what is wrong with its value."""

    def __init__(self, campo: QWidget, parent=None):
        super().__init__(parent)
        self.campo = campo
        caja = QVBoxLayout(self)
        caja.setContentsMargins(0, 0, 0, 0)
        caja.setSpacing(1)
        caja.addWidget(campo)
        self.etiqueta = QLabel()  # no word wrap: a wrapped label in a form gets a wrong height
        self.etiqueta.setStyleSheet(ESTILO_ERROR_CAMPO)
        self.etiqueta.hide()
        caja.addWidget(self.etiqueta)
        self.setFocusProxy(campo)
        # a label's Alt+letter only moves focus to a buddy that accepts focus
        self.setFocusPolicy(campo.focusPolicy())

    def poner_error(self, texto: str) -> None:
        self.etiqueta.setText(texto)
        self.etiqueta.setVisible(bool(texto))

    def error(self) -> str:
        return self.etiqueta.text() if not self.etiqueta.isHidden() else ""
