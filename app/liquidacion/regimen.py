"""Which legal regime applies, chosen by the PMI date (spec §0)."""

from __future__ import annotations

from datetime import date
from enum import Enum

from .parametros import Regimenes


class Regimen(Enum):
    DEC_1278 = "Decreto 1278/2000"  # PMI before Dec. 1694/09: capped capital
    DEC_1694 = "Decreto 1694/2009"  # fixed piso and CAPU, no IAPU
    LEY_26773 = "Ley 26.773"  # semester tables, IAPU 20 %, old art. 12
    LEY_27348 = "Ley 27.348"  # new art. 12 (RIPTE) and interest

    @property
    def art12_nuevo(self) -> bool:
        """New art. 12 ingreso base and art. 12 inc. 2 interest."""
        return self is Regimen.LEY_27348

    @property
    def tiene_iapu(self) -> bool:
        return self in (Regimen.LEY_26773, Regimen.LEY_27348)


def regimen_por_pmi(pmi: date, regimenes: Regimenes) -> Regimen:
    if pmi >= regimenes.fecha_ley_27348:
        return Regimen.LEY_27348
    if pmi >= regimenes.fecha_ley_26773:
        return Regimen.LEY_26773
    if pmi >= regimenes.fecha_dec_1694:
        return Regimen.DEC_1694
    return Regimen.DEC_1278
