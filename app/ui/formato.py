"""es-AR display of the result's plain data: `1234567.89` → `1.234.567,89`, `2018-05-03` → `03/05/2018`.

The services hand amounts over as decimal strings; they are shown through `Decimal`, never
through `float`. Nothing here imports Qt, so it is tested without a display.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from app.liquidacion.dinero import formato_ar

VACIO = "—"

def numero(valor: str | Decimal | int | None, decimales: int = 2) -> str:
    """`"1234567.891"` → `"1.234.567,89"` (the engine's own es-AR formatting, half-up).

    `None` (a value the result does not have) is shown as a dash; a value that is not a number is
    shown as it came, so a display helper never raises.
    """
    if valor is None:
        return VACIO
    try:
        d = valor if isinstance(valor, Decimal) else Decimal(str(valor))
    except (InvalidOperation, ValueError):
        return str(valor)
    if not d.is_finite():
        return str(valor)
    return formato_ar(d, decimales)


def monto(valor: str | Decimal | None) -> str:
    """Money with two decimals: `1.234.567,89`."""
    return numero(valor, 2)


def pesos(valor: str | Decimal | None) -> str:
    """Money with the currency sign, for sentences: `$ 1.234.567,89`."""
    return VACIO if valor is None else f"$ {monto(valor)}"


def porcentaje(valor: str | Decimal | None) -> str:
    """A share with four decimals, as the law's split is kept: `71,4286`."""
    return numero(valor, 4)


def factor(valor: str | Decimal | None) -> str:
    """A factor or coefficient with six decimals: `1,005835`."""
    return numero(valor, 6)


def fecha(iso: str | None) -> str:
    """`"2018-05-03"` → `"03/05/2018"`."""
    if not iso:
        return VACIO
    try:
        return date.fromisoformat(iso).strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return str(iso)


def periodo(texto: str | None) -> str:
    """`"2018-05"` → `"05-2018"`, as SiAPe shows the month of a salary."""
    if not texto:
        return VACIO
    anio, _, mes = str(texto).partition("-")
    if len(anio) == 4 and len(mes) == 2 and anio.isdigit() and mes.isdigit():
        return f"{mes}-{anio}"
    return str(texto)


def entero(valor: int | None) -> str:
    return VACIO if valor is None else formato_ar(Decimal(valor), 0)


def suma(valores) -> Decimal:
    """Exact sum of decimal strings (None counts as zero)."""
    total = Decimal("0.00")
    for v in valores:
        if v is not None:
            total += Decimal(str(v))
    return total
