"""Ingreso base: new art. 12 (RIPTE average) and original art. 12 (÷ days × 30.4). Spec §1."""

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from app.liquidacion import DatoInvalido, LiquidacionError, ParametroFaltante, caso_desde_dict, liquidar
from app.liquidacion.fechas import Periodo
from app.liquidacion.ingreso_base import (
    Remuneracion,
    ingreso_base_art12_original,
    ingreso_base_ley_27348,
    ventana,
)
from app.liquidacion.parametros import TablaRipte
from tests.conftest import caso_base


def test_ventana_son_los_12_meses_anteriores_al_mes_de_la_pmi():
    meses = [str(p) for p in ventana(date(2019, 5, 7))]
    assert meses[0] == "2018-05" and meses[-1] == "2019-04" and len(meses) == 12
    assert "2019-05" not in meses


def test_ripte_publicado_de_mayo_2019(parametros):
    # Seed 003 "RIPTe Período PMI: 4676.25" for a PMI in May 2019.
    assert parametros.ripte.indice(Periodo(2019, 5)) == D("4676.25")


def test_seed_003_vib_total_sobre_meses_con_remuneracion():
    """Seed 003: TOTAL 397,028.14 over the 9 months with salary → VIB 44,114.24.

    A flat RIPTE (coefficient exactly 1) makes each updated month equal its salary, so the
    total is the seed's; 397,028.14 / 9 = 44,114.2378 → 44,114.24 (half-up), not / 12."""
    pmi = date(2019, 5, 7)
    plano = TablaRipte({p: D("100") for p in ventana(pmi) + [Periodo(2019, 5)]})
    importes = ["44114.24"] * 8 + ["44114.22"]  # 8 × 44,114.24 + 44,114.22 = 397,028.14
    meses_con_sueldo = [p for i, p in enumerate(ventana(pmi)) if i not in (0, 2, 4)]
    rems = [Remuneracion(p, D(x)) for p, x in zip(meses_con_sueldo, importes)]
    ib = ingreso_base_ley_27348(rems, pmi, plano)
    assert ib.total == D("397028.14")
    assert ib.meses_con_remuneracion == 9
    assert ib.vib == D("44114.24")


def test_actualizacion_por_ripte_mes_a_mes(parametros):
    """12 months of 30,000 (+ SAC 15,000 in June and December), PMI 2019-05-07.

    Each month = round(importe × 4676.25 / RIPTE[m], 2), e.g. 2018-05: 30,000 × 4676.25 / 3353.50
    = 41,833.159… → 41,833.16; 2018-06: 45,000 × 4676.25 / 3383.14 = 62,199.98; …
    total 480,757.17; VIB = 480,757.17 / 12 = 40,063.0975 → 40,063.10."""
    rems = []
    for p in ventana(date(2019, 5, 7)):
        sac = D("15000") if p.mes in (6, 12) else D("0")
        rems.append(Remuneracion(p, D("30000"), sac))
    ib = ingreso_base_ley_27348(rems, date(2019, 5, 7), parametros.ripte)
    por_mes = {str(m.periodo): m.actualizado for m in ib.meses}
    assert por_mes["2018-05"] == D("41833.16")
    assert por_mes["2018-06"] == D("62199.98")
    assert por_mes["2018-12"] == D("53611.55")
    assert por_mes["2019-04"] == D("30947.84")
    assert ib.total == D("480757.17")
    assert ib.vib == D("40063.10")
    assert ib.ripte_referencia == D("4676.25")
    # The coefficient is kept unrounded: 4676.25 / 3353.50 has more than 6 decimals.
    mayo = ib.meses[0]
    assert mayo.coeficiente == D("4676.25") / D("3353.50")


def test_sac_suma_al_numerador_no_al_divisor(parametros):
    # 2019-04 alone: (30,000 + 15,000) × 4676.25 / 4533.03 = 46,421.764… → 46,421.76 (divisor 1).
    ib = ingreso_base_ley_27348([Remuneracion(Periodo(2019, 4), D("30000"), D("15000"))],
                                date(2019, 5, 7), parametros.ripte)
    assert ib.meses_con_remuneracion == 1
    assert ib.vib == D("46421.76")


def test_falta_ripte_del_mes_pmi_se_rechaza(parametros):
    # The bundled RIPTE ends in 2026-04; a PMI in June 2026 needs RIPTE 2026-06.
    with pytest.raises(ParametroFaltante, match="Falta el RIPTE de 2026-06"):
        ingreso_base_ley_27348([Remuneracion(Periodo(2026, 4), D("1000000"))], date(2026, 6, 10), parametros.ripte)


def test_opcion_mes_anterior_usa_ripte_de_m_menos_1(parametros):
    # PMI 2026-05: RIPTE 2026-05 unpublished; option: reference 2026-04, so April's coefficient is 1
    # and March's is 210,043.70 / 202,963.20: 1,000,000 × 1.0348856344… = 1,034,885.634… → 1,034,885.63.
    rems = [Remuneracion(Periodo(2026, 4), D("1000000")), Remuneracion(Periodo(2026, 3), D("1000000"))]
    ib = ingreso_base_ley_27348(rems, date(2026, 5, 20), parametros.ripte, referencia="mes_anterior")
    assert ib.ripte_referencia_periodo == Periodo(2026, 4)
    actualizados = {str(m.periodo): m.actualizado for m in ib.meses}
    assert actualizados["2026-04"] == D("1000000.00")
    assert actualizados["2026-03"] == D("1034885.63")
    # (1,000,000 + 1,034,885.63) / 2 = 1,017,442.815 → 1,017,442.82 (half-up)
    assert ib.vib == D("1017442.82")
    assert any("mes anterior" in a for a in ib.advertencias)


def test_falta_ripte_de_un_mes_con_sueldo(parametros):
    sin_2019_01 = TablaRipte({p: D("100") for p in ventana(date(2019, 5, 7)) + [Periodo(2019, 5)]
                              if p != Periodo(2019, 1)})
    with pytest.raises(ParametroFaltante, match="Falta el RIPTE de 2019-01"):
        ingreso_base_ley_27348([Remuneracion(Periodo(2019, 1), D("10"))], date(2019, 5, 7), sin_2019_01)
    # A month without salary does not need its RIPTE.
    ib = ingreso_base_ley_27348([Remuneracion(Periodo(2019, 2), D("10"))], date(2019, 5, 7), sin_2019_01)
    assert ib.vib == D("10.00")


def test_periodo_fuera_de_la_ventana_y_repetido(parametros):
    with pytest.raises(DatoInvalido, match="2019-05 está fuera") as e:
        ingreso_base_ley_27348([Remuneracion(Periodo(2019, 5), D("1"))], date(2019, 5, 7), parametros.ripte)
    assert e.value.campo == "remuneraciones[0].periodo"
    with pytest.raises(DatoInvalido, match="dos veces"):
        ingreso_base_ley_27348([Remuneracion(Periodo(2019, 1), D("1")), Remuneracion(Periodo(2019, 1), D("2"))],
                               date(2019, 5, 7), parametros.ripte)


def test_sin_remuneraciones_positivas_es_un_error_claro(parametros):
    with pytest.raises(LiquidacionError, match="No hay remuneraciones mayores que cero"):
        ingreso_base_ley_27348([Remuneracion(Periodo(2019, 1), D("0"))], date(2019, 5, 7), parametros.ripte)


def test_art12_original_anio_completo():
    """PMI 2015-06-10: 12 × 10,000 from 2014-06 to 2015-05; 365 calendar days.
    120,000 / 365 × 30.4 = 9,994.5205… → 9,994.52."""
    pmi = date(2015, 6, 10)
    ib = ingreso_base_art12_original([Remuneracion(p, D("10000")) for p in ventana(pmi)], pmi)
    assert ib.dias_periodo == 365
    assert ib.vib == D("9994.52")


def test_art12_original_con_inicio_de_actividad():
    """Service from 2014-12-15: days 15/12/2014 … 31/05/2015 = 17 + 31 + 28 + 31 + 30 + 31 = 168.
    6 × 10,000 = 60,000 / 168 × 30.4 = 10,857.142… → 10,857.14."""
    pmi = date(2015, 6, 10)
    meses = [p for p in ventana(pmi) if p >= Periodo(2014, 12)]
    ib = ingreso_base_art12_original([Remuneracion(p, D("10000")) for p in meses], pmi, date(2014, 12, 15))
    assert ib.dias_periodo == 168
    assert ib.vib == D("10857.14")


def test_art12_original_sin_inicio_cuenta_desde_el_primer_mes_cargado():
    # Loaded 2015-03..2015-05 only: 01/03/2015 … 31/05/2015 = 92 days; 30,000 / 92 × 30.4 = 9,913.04.
    pmi = date(2015, 6, 10)
    meses = [Periodo(2015, 3), Periodo(2015, 4), Periodo(2015, 5)]
    ib = ingreso_base_art12_original([Remuneracion(p, D("10000")) for p in meses], pmi)
    assert ib.dias_periodo == 92
    assert ib.vib == D("9913.04")
    assert any("primer mes cargado" in a for a in ib.advertencias)


def test_regimen_elige_el_metodo_por_fecha_pmi(parametros):
    """2017-03-04 is still the original art. 12 (no RIPTE, no interest); 2017-03-05 is Ley 27.348."""
    rem = [{"periodo": "2017-02", "remuneracion": "10000.00", "sac": "0"}]
    antes, _ = caso_desde_dict(caso_base(fecha_pmi="2017-03-04", fecha_liquidacion="2017-06-30",
                                         vib=None, remuneraciones=rem))
    r = liquidar(antes, parametros)
    assert r.regimen.value == "Ley 26.773"
    assert r.ingreso_base.metodo == "art12_original"
    assert r.dias_interes == 0 and r.intereses == D("0.00")
    # 10,000 / 28 days (February 2017 alone, first loaded month) × 30.4 = 10,857.142… → 10,857.14
    assert r.vib == D("10857.14")
    despues, _ = caso_desde_dict(caso_base(fecha_pmi="2017-03-05", fecha_liquidacion="2017-03-05",
                                           vib=None, remuneraciones=rem))
    r = liquidar(despues, parametros)
    assert r.regimen.value == "Ley 27.348"
    assert r.ingreso_base.metodo == "art12_ley27348"
    # 10,000 × RIPTE 2017-03 / RIPTE 2017-02, one month with salary.
    coef = parametros.ripte.indice(Periodo(2017, 3)) / parametros.ripte.indice(Periodo(2017, 2))
    assert r.vib == (D("10000") * coef).quantize(D("0.01"), rounding="ROUND_HALF_UP")
    assert r.vib != D("10000.00")


def test_fecha_27348_es_un_parametro(parametros):
    # Moving the threshold to 2017-01-20 (DNU 54/2017) turns a 2017-02-01 PMI into the new regime.
    regimenes = replace(parametros.regimenes, fecha_ley_27348=date(2017, 1, 20))
    otros = replace(parametros, regimenes=regimenes)
    caso, _ = caso_desde_dict(caso_base(fecha_pmi="2017-02-01", fecha_liquidacion="2017-02-01"))
    assert liquidar(caso, parametros).regimen.value == "Ley 26.773"
    assert liquidar(caso, otros).regimen.value == "Ley 27.348"
