"""Interest on the ingreso base, art. 12 inc. 2 LRT (text of Ley 27.348), and mora (inc. 3).

Simple interest at the BNA tasa activa TNA: factor = Σ TNA(d) / 365 over each day d in
(desde, hasta] — the start day excluded, the end day included (spec §2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .dinero import centavos
from .errores import DatoInvalido
from .fechas import ddmmaaaa
from .parametros import TablaTasas

BASE_DIAS = Decimal(36500)  # 365 days × 100 (rates are in percent)


@dataclass(frozen=True, slots=True)
class Tramo:
    desde: date
    hasta: date
    tna: Decimal
    dias: int


@dataclass(frozen=True, slots=True)
class Interes:
    desde: date
    hasta: date
    dias: int
    factor: Decimal  # Σ TNA/365, unrounded; the screen shows 1 + factor
    capital: Decimal
    intereses: Decimal  # round(capital × factor, 2)
    tasas: TablaTasas = field(repr=False, compare=False)

    @property
    def factor_capitalizacion(self) -> Decimal:
        return 1 + self.factor

    @property
    def total(self) -> Decimal:
        return self.capital + self.intereses

    @property
    def tramos(self) -> tuple[Tramo, ...]:
        """The rate ranges used, for the record of the liquidation (built only when asked)."""
        return tuple(Tramo(d, h, tna, (h - d).days + 1) for d, h, tna in self.tasas.tramos(self.desde, self.hasta))


def factor_interes(desde: date, hasta: date, tasas: TablaTasas) -> Decimal:
    if hasta < desde:
        raise DatoInvalido("fecha_liquidacion", f"el {ddmmaaaa(hasta)} es anterior al {ddmmaaaa(desde)}")
    # The sum of percent × days is exact; divide once.
    return tasas.suma_tasas(desde, hasta) / BASE_DIAS


def calcular_intereses(capital: Decimal, desde: date, hasta: date, tasas: TablaTasas) -> Interes:
    factor = factor_interes(desde, hasta, tasas)
    return Interes(desde, hasta, (hasta - desde).days, factor, capital, centavos(capital * factor), tasas)


def calcular_mora(total_adeudado: Decimal, fecha_mora: date, fecha_pago: date, tasas: TablaTasas) -> Interes:
    """Art. 12 inc. 3: the accrued amount (capital with its inc. 2 interest already in it) is the
    capital at the mora date; from then, simple interest at the same rate until payment."""
    if fecha_pago < fecha_mora:
        raise DatoInvalido("fecha_pago", f"el {ddmmaaaa(fecha_pago)} es anterior a la mora ({ddmmaaaa(fecha_mora)})")
    return calcular_intereses(total_adeudado, fecha_mora, fecha_pago, tasas)
