"""Column types that keep money and rates exact on SQLite and PostgreSQL alike.

Amounts are stored as integer hundredths (BIGINT): no float ever touches them and both engines
compare and sum them exactly.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import BigInteger, Integer
from sqlalchemy.types import TypeDecorator


class _Fijo(TypeDecorator):
    """Decimal with a fixed number of decimals, stored as an integer number of units."""

    impl = BigInteger
    cache_ok = True
    decimales = 2

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if not isinstance(value, Decimal):
            if isinstance(value, (int, str)) and not isinstance(value, bool):
                value = Decimal(value)
            else:
                raise TypeError(f"se esperaba Decimal, no {type(value).__name__}")
        escala = Decimal(1).scaleb(-self.decimales)
        if value != value.quantize(escala, rounding=ROUND_HALF_UP):
            raise ValueError(f"{value} tiene más de {self.decimales} decimales")
        return int(value.scaleb(self.decimales))

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return Decimal(int(value)).scaleb(-self.decimales).quantize(Decimal(1).scaleb(-self.decimales))


class Dinero(_Fijo):
    """Pesos with centavos (stored as integer centavos)."""

    cache_ok = True  # SQLAlchemy asks each subclass, not only the base
    decimales = 2


class Decimal2(_Fijo):
    """Index levels and rates in percent with two decimals (RIPTE 4676.25, TNA 63.05)."""

    cache_ok = True
    decimales = 2


class Porcentaje(_Fijo):
    """Shares with four decimals (71.4286 %), stored as integer ten-thousandths."""

    impl = Integer
    cache_ok = True
    decimales = 4
