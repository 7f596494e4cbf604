"""Plain values → what `app.reports.excel` writes in a cell of each column type (see its docstring
for the choices): exact Decimals, dates, periods as the first day of the month, CUIL as text.

Each converter raises ValueError with the reason in Spanish («no es una fecha …»); the writer adds
the sheet, row, column and value."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

TEXTO, ENTERO, DINERO, NUMERO, PORCENTAJE, FECHA, FECHA_HORA, PERIODO, CUIL = (
    "texto", "entero", "dinero", "numero", "porcentaje", "fecha", "fecha_hora", "periodo", "cuil")
TIPOS = (TEXTO, ENTERO, DINERO, NUMERO, PORCENTAJE, FECHA, FECHA_HORA, PERIODO, CUIL)
MAX_TEXTO = 32767  # Excel's limit per cell


def _decimal(valor) -> Decimal:
    if isinstance(valor, bool):
        raise ValueError("es un valor lógico, no un número")
    if isinstance(valor, Decimal):
        d = valor
    elif isinstance(valor, int):
        d = Decimal(valor)
    elif isinstance(valor, float):
        raise ValueError("es un número de coma flotante: los importes se pasan como Decimal para no perder centavos")
    elif isinstance(valor, str):
        try:
            d = Decimal(valor.strip())
        except InvalidOperation:
            raise ValueError("no es un número (se espera, por ejemplo, 1234.56)") from None
    else:
        raise ValueError(f"es un {type(valor).__name__}, no un número")
    if not d.is_finite():
        raise ValueError("no es un número finito")
    return d


def _entero(valor) -> int:
    d = _decimal(valor)
    if d != d.to_integral_value():
        raise ValueError("no es un número entero")
    return int(d)


def _fecha(valor) -> date:
    if isinstance(valor, datetime):
        return valor.date()
    if isinstance(valor, date):
        return valor
    if isinstance(valor, str):
        try:
            return date.fromisoformat(valor.strip())
        except ValueError:
            raise ValueError("no es una fecha (se espera AAAA-MM-DD)") from None
    raise ValueError(f"es un {type(valor).__name__}, no una fecha")


def _fecha_hora(valor) -> datetime:
    if isinstance(valor, datetime):
        # Excel has no time zones: an aware moment is written in the PC's local time
        return valor.astimezone().replace(tzinfo=None) if valor.tzinfo is not None else valor
    if isinstance(valor, date):
        return datetime(valor.year, valor.month, valor.day)
    if isinstance(valor, str):
        try:
            return _fecha_hora(datetime.fromisoformat(valor.strip()))
        except ValueError:
            raise ValueError("no es una fecha y hora (se espera AAAA-MM-DD HH:MM)") from None
    raise ValueError(f"es un {type(valor).__name__}, no una fecha y hora")


_PERIODO_ISO = re.compile(r"(\d{4})-(\d{1,2})")
_PERIODO_AR = re.compile(r"(\d{1,2})[-/](\d{4})")


def _periodo(valor) -> date:
    if isinstance(valor, date):
        return date(valor.year, valor.month, 1)
    if isinstance(valor, str):
        texto = valor.strip()
        m = _PERIODO_ISO.fullmatch(texto)
        anio, mes = (int(m[1]), int(m[2])) if m else (None, None)
        if m is None and (m := _PERIODO_AR.fullmatch(texto)):
            anio, mes = int(m[2]), int(m[1])
        if anio is not None and 1 <= mes <= 12 and anio >= 1900:
            return date(anio, mes, 1)
        raise ValueError("no es un período (se espera AAAA-MM o MM/AAAA)")
    raise ValueError(f"es un {type(valor).__name__}, no un período")


def cuil(valor) -> str:
    """`20172448675` → `20-17244867-5`; anything else as it came (the export does not judge)."""
    tal_cual = str(valor).strip()
    digitos = re.sub(r"[\s.\-/]", "", tal_cual)
    if len(digitos) == 11 and digitos.isdigit():
        return f"{digitos[:2]}-{digitos[2:10]}-{digitos[10:]}"
    return texto(tal_cual)


def texto(valor) -> str:
    """Text Excel accepts: control characters dropped, at most 32,767 characters; bool in words."""
    if isinstance(valor, bool):
        return "Sí" if valor else "No"
    return ILLEGAL_CHARACTERS_RE.sub("", str(valor))[:MAX_TEXTO]


CONVERSORES: dict[str, Callable] = {
    TEXTO: texto, ENTERO: _entero, DINERO: _decimal, NUMERO: _decimal,
    # percent points (71.4286) → the fraction Excel's % format expects (0.714286), exactly
    PORCENTAJE: lambda v: _decimal(v) / 100, FECHA: _fecha, FECHA_HORA: _fecha_hora, PERIODO: _periodo, CUIL: cuil,
}


def largo(tipo: str, decimales: int | None, valor) -> int:
    """About how many characters the value takes on screen (to size the column)."""
    if valor is None:
        return 0
    if isinstance(valor, str):
        return max((len(linea) for linea in valor.split("\n")), default=0)
    if tipo in (FECHA, FECHA_HORA, PERIODO):
        return {FECHA: 10, FECHA_HORA: 16, PERIODO: 7}[tipo]
    if tipo in (DINERO, NUMERO, PORCENTAJE):
        d = 2 if decimales is None or tipo == DINERO else decimales
        entero = len(str(abs(int(valor * (100 if tipo == PORCENTAJE else 1)))))
        return entero + (entero - 1) // 3 + (d + 1 if d else 0) + (valor < 0) + (2 if tipo == PORCENTAJE else 0)
    if tipo == ENTERO:
        return len(str(valor))
    return max((len(linea) for linea in str(valor).split("\n")), default=0)
