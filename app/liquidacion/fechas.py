"""Calendar helpers: monthly periods and completed age."""

from __future__ import annotations

import calendar
import re
from operator import itemgetter
from datetime import date, timedelta

_PERIODO_RE = re.compile(r"^([0-9]{4})-([0-9]{2})\Z")


class Periodo(tuple):
    """A calendar month, e.g. `2019-05`; the unit of salaries and of the RIPTE index.

    A tuple (year, month): hashing, equality and order run in C, which matters because every
    liquidation looks months up dozens of times."""

    __slots__ = ()

    def __new__(cls, anio: int, mes: int):
        if not 1 <= mes <= 12:
            raise ValueError(f"mes fuera de rango: {mes}")
        return tuple.__new__(cls, (anio, mes))

    def __getnewargs__(self):
        return tuple(self)

    anio = property(itemgetter(0))
    mes = property(itemgetter(1))

    def __repr__(self) -> str:
        return f"Periodo({self[0]}, {self[1]})"

    @classmethod
    def parse(cls, texto: str) -> Periodo:
        m = _PERIODO_RE.match(texto)
        if not m:
            raise ValueError(f"«{texto}» no es un período AAAA-MM")
        anio, mes = int(m.group(1)), int(m.group(2))
        if not 1 <= mes <= 12 or anio < 1900:
            raise ValueError(f"«{texto}» no es un mes real")
        return cls(anio, mes)

    @classmethod
    def de_fecha(cls, fecha: date) -> Periodo:
        return cls(fecha.year, fecha.month)

    def desplazar(self, meses: int) -> Periodo:
        indice = self.anio * 12 + (self.mes - 1) + meses
        return Periodo(indice // 12, indice % 12 + 1)

    @property
    def primer_dia(self) -> date:
        return date(self.anio, self.mes, 1)

    @property
    def ultimo_dia(self) -> date:
        return date(self.anio, self.mes, calendar.monthrange(self.anio, self.mes)[1])

    def __str__(self) -> str:
        return f"{self.anio:04d}-{self.mes:02d}"


def cumpleanios(nacimiento: date, anio: int) -> date:
    """Birthday in a given year. A 29 February birthday falls on 28 February in common years:
    CCyC art. 6 (a period of years without an equivalent day ends on the last day of that month)."""
    if nacimiento.month == 2 and nacimiento.day == 29 and not calendar.isleap(anio):
        return date(anio, 2, 28)
    return nacimiento.replace(year=anio)


def edad_cumplida(nacimiento: date, fecha: date) -> int:
    """Completed years at `fecha`; the birthday itself counts as completed."""
    anios = fecha.year - nacimiento.year
    if fecha < cumpleanios(nacimiento, fecha.year):
        anios -= 1
    return anios


def dias_entre(desde: date, hasta: date) -> int:
    return (hasta - desde).days


def ddmmaaaa(fecha: date) -> str:
    return fecha.strftime("%d/%m/%Y")


UN_DIA = timedelta(days=1)
