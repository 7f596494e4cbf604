"""Completed age at the PMI (spec §3.1) and monthly periods."""

from datetime import date

import pytest

from app.liquidacion.fechas import Periodo, edad_cumplida


@pytest.mark.parametrize(
    "nacimiento, fecha, edad",
    [
        (date(1979, 5, 7), date(2019, 5, 7), 40),  # birthday on the PMI day: the year is completed
        (date(1979, 5, 8), date(2019, 5, 7), 39),  # one day short
        (date(1979, 5, 6), date(2019, 5, 7), 40),
        (date(1979, 12, 31), date(2019, 1, 1), 39),
        (date(2000, 2, 29), date(2019, 2, 28), 19),  # CCyC art. 6: ends on the last day of February
        (date(2000, 2, 29), date(2019, 2, 27), 18),
        (date(2000, 2, 29), date(2020, 2, 28), 19),  # leap year: the birthday is 29 February
        (date(2000, 2, 29), date(2020, 2, 29), 20),
    ],
)
def test_edad_cumplida(nacimiento, fecha, edad):
    assert edad_cumplida(nacimiento, fecha) == edad


def test_periodo_desplazar_cruza_anios():
    assert str(Periodo(2019, 5).desplazar(-12)) == "2018-05"
    assert str(Periodo(2019, 1).desplazar(-1)) == "2018-12"
    assert str(Periodo(2019, 12).desplazar(1)) == "2020-01"
    assert Periodo(2020, 2).ultimo_dia == date(2020, 2, 29)


@pytest.mark.parametrize("texto", ["2019-13", "2019-00", "19-05", "2019/05", "", "1899-12"])
def test_periodo_invalido(texto):
    with pytest.raises(ValueError):
        Periodo.parse(texto)
