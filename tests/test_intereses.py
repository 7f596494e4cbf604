"""Interest on the VIB, art. 12 inc. 2 LRT: Σ TNA(d)/365 over (PMI, liquidación] (spec §2)."""

import csv
from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from app.liquidacion import ParametroFaltante, caso_desde_dict, liquidar
from app.liquidacion.intereses import calcular_intereses, calcular_mora
from app.liquidacion.parametros import TablaTasas, TasaVigente
from tests.conftest import caso_base


def test_dos_tasas_en_el_periodo(parametros):
    """03/05/2018 → 10/05/2018: 7 days; 04–07/05 at 28.49 % (4 days), 08–10/05 at 33.00 % (3 days).
    factor = (4 × 28.49 + 3 × 33.00) / 36500 = 212.96 / 36500 = 0.0058345205…;
    100,000 × factor = 583.452… → 583.45."""
    i = calcular_intereses(D("100000.00"), date(2018, 5, 3), date(2018, 5, 10), parametros.tasas)
    assert i.dias == 7
    assert i.factor == D("212.96") / D(36500)
    assert i.intereses == D("583.45")
    assert [(t.tna, t.dias) for t in i.tramos] == [(D("28.49"), 4), (D("33.00"), 3)]


def test_anio_bisiesto_cuenta_el_29_de_febrero(parametros):
    """26/02/2020 → 02/03/2020: 27/02 39.44; 28/02, 29/02, 01/03 40.11; 02/03 39.59 → 5 days.
    (39.44 + 3 × 40.11 + 39.59) / 36500 = 199.36 / 36500; base 365 even in a leap year.
    40,063.10 × 199.36 / 36500 = 218.821… → 218.82."""
    i = calcular_intereses(D("40063.10"), date(2020, 2, 26), date(2020, 3, 2), parametros.tasas)
    assert i.dias == 5
    assert i.factor == D("199.36") / D(36500)
    assert i.intereses == D("218.82")


def test_liquidacion_el_mismo_dia_no_genera_intereses(parametros):
    i = calcular_intereses(D("52008.06"), date(2019, 5, 7), date(2019, 5, 7), parametros.tasas)
    assert (i.dias, i.factor, i.intereses) == (0, D(0), D("0.00"))
    assert i.factor_capitalizacion == D(1)


def test_suma_por_tramos_igual_a_suma_dia_por_dia(parametros, carpeta_parametros):
    """A whole year with many rate changes: the range walk equals a naive day-by-day sum
    read straight from the CSV (an independent computation)."""
    tasas_por_dia = {}
    with open(carpeta_parametros / "tasa_activa_bna.csv", encoding="utf-8") as f:
        for fila in csv.DictReader(f):
            d, h = date.fromisoformat(fila["desde"]), date.fromisoformat(fila["hasta"])
            while d <= h:
                tasas_por_dia[d] = D(fila["tna_pct"])
                d += timedelta(days=1)
    desde, hasta = date(2019, 1, 15), date(2020, 1, 15)
    suma = sum(tasas_por_dia[desde + timedelta(days=k)] for k in range(1, 366))
    i = calcular_intereses(D("1000000.00"), desde, hasta, parametros.tasas)
    assert i.dias == 365
    assert i.factor == suma / D(36500)
    assert len(i.tramos) > 50  # the period crosses many daily rates


def test_dia_sin_tasa_es_un_error_que_nombra_el_hueco():
    tasas = TablaTasas([
        TasaVigente(date(2020, 1, 1), date(2020, 1, 10), D("40")),
        TasaVigente(date(2020, 1, 13), date(2020, 1, 31), D("40")),
    ])
    with pytest.raises(ParametroFaltante, match="Falta la tasa activa BNA del 11/01/2020 al 12/01/2020"):
        calcular_intereses(D("1000"), date(2020, 1, 5), date(2020, 1, 20), tasas)
    with pytest.raises(ParametroFaltante, match="del 01/02/2020 al 05/02/2020"):
        calcular_intereses(D("1000"), date(2020, 1, 14), date(2020, 2, 5), tasas)
    with pytest.raises(ParametroFaltante, match="del 31/12/2019"):
        calcular_intereses(D("1000"), date(2019, 12, 30), date(2020, 1, 2), tasas)


def test_hueco_publicado_del_05_03_2025(parametros):
    # The bundled table has no rate for 05/03/2025 (the source row said "nan"): never taken as 0.
    with pytest.raises(ParametroFaltante, match="05/03/2025"):
        calcular_intereses(D("1000"), date(2025, 3, 1), date(2025, 3, 10), parametros.tasas)
    i = calcular_intereses(D("1000"), date(2025, 3, 5), date(2025, 3, 10), parametros.tasas)
    assert i.dias == 5  # starting on the gap day is fine: that day is excluded


def test_mora_interes_simple_desde_la_mora(parametros):
    # 1,000,000 owed, mora from 03/05/2018, paid 10/05/2018: 1,000,000 × 212.96 / 36500 = 5,834.52.
    m = calcular_mora(D("1000000.00"), date(2018, 5, 3), date(2018, 5, 10), parametros.tasas)
    assert m.intereses == D("5834.52")
    assert m.total == D("1005834.52")


def test_liquidacion_completa_con_intereses(parametros):
    """VIB 100,000; PMI 03/05/2018; liquidación 10/05/2018; born 01/01/1978 (40 at PMI).
    intereses 583.45 → VIB con interés 100,583.45;
    F = 53 × 100,583.45 × 65 / 40 = 8,662,749.63125 → 8,662,749.63 (> piso 1,569,865, Nota 6026/2018);
    CAPU c 1,046,577; IAPU = 20 % × (8,662,749.63 + 1,046,577) = 1,941,865.326 → 1,941,865.33;
    TOTAL = 11,651,191.96."""
    caso, _ = caso_desde_dict(caso_base(fecha_pmi="2018-05-03", fecha_liquidacion="2018-05-10",
                                        fecha_nacimiento="1978-01-01", vib="100000.00"))
    r = liquidar(caso, parametros)
    assert r.dias_interes == 7
    assert r.vib_con_interes == D("100583.45")
    assert r.prestacion.formula.importe == D("8662749.63")
    assert r.prestacion.pago_por_danio == D("1941865.33")
    assert r.total == D("11651191.96")
    assert round(r.factor_capitalizacion, 6) == D("1.005835")


def test_mora_en_la_liquidacion(parametros):
    caso, _ = caso_desde_dict(caso_base(fecha_pmi="2018-05-03", fecha_liquidacion="2018-05-03",
                                        fecha_mora="2018-05-03", fecha_pago="2018-05-10"))
    r = liquidar(caso, parametros)
    assert r.mora.capital == r.total
    assert r.mora.intereses == (r.total * D("212.96") / D(36500)).quantize(D("0.01"), rounding="ROUND_HALF_UP")
