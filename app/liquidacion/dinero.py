"""Money helpers: half-up rounding to cents and es-AR display.

Every monetary step of the law rounds half-up to cents (spec §8); ratios and factors are never
rounded before use, only for display.
"""

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import get_decimal_symbol, get_group_symbol

CENTAVO = Decimal("0.01")
CERO = Decimal("0.00")
CIEN = Decimal(100)


def centavos(valor: Decimal) -> Decimal:
    """Round half-up to cents (the rounding SiAPe and the calculators show)."""
    return valor.quantize(CENTAVO, rounding=ROUND_HALF_UP)


def redondear(valor: Decimal, decimales: int) -> Decimal:
    return valor.quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP)


def a_centavos_int(valor: Decimal) -> int:
    """Exact integer cents of an amount that is already rounded to cents."""
    return int(centavos(valor) * 100)


def desde_centavos_int(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENTAVO)


# Separators from the es-AR locale data (Babel); formatting itself is str.format on the Decimal,
# which is exact and ~25× faster than Babel's pattern engine (it runs in every liquidation).
_SEPARADORES_AR = str.maketrans({",": get_group_symbol("es_AR"), ".": get_decimal_symbol("es_AR")})


def formato_ar(valor: Decimal, decimales: int = 2) -> str:
    """`1234567.891` → `1.234.567,89` (es-AR), rounding half-up first."""
    return f"{redondear(valor, decimales):,.{decimales}f}".translate(_SEPARADORES_AR)


def texto_plano(valor: Decimal, decimales: int = 2) -> str:
    """Plain decimal string with a fixed number of decimals, for JSON and storage."""
    return str(redondear(valor, decimales))
