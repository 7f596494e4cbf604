"""Death, ILP and gran invalidez: formula, piso, CAPU, IAPU and totals (spec §3–§4), against
seed 003, the SRT's published amounts and public peer test cases (research-notes §9)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from app.liquidacion import DatoInvalido, LiquidacionError, ParametroFaltante, caso_desde_dict, liquidar
from app.liquidacion.parametros import MontoGranInvalidez, MontosSRT, TablaGranInvalidez, TablaMontos
from app.liquidacion.prestaciones import Tramo, formula
from tests.conftest import caso_base


def _liquidar(parametros, **cambios):
    caso, _ = caso_desde_dict(caso_base(**cambios))
    return liquidar(caso, parametros)


def test_texto_de_la_formula_del_spec():
    # liquidacion.md §3: "53 × 52.008,06 × 65 / 40 = 4.479.194,17" (4,479,194.1675 → .17)
    f = formula(D("52008.06"), 40, Tramo.MUERTE, None)
    assert f.texto == "53 × 52.008,06 × 65 / 40 = 4.479.194,17"
    assert f.importe == D("4479194.17")


def test_seed_003_calcular_in_itinere(parametros):
    """Seed 003 CALCULAR: pago único 8,902,541.10, adicional 1,654,707.00 (CAPU c of
    01/09/2019–29/02/2020, Nota SRT 76715123), por daño 0 (in itinere), TOTAL 10,557,248.10.
    The pago único is reached with VIB 258,419.19 and age 100: 53 × 258,419.19 × 65 / 100 =
    8,902,541.0955 → 8,902,541.10 (the only cent-exact VIB for any age 1–119)."""
    r = _liquidar(parametros, fecha_pmi="2019-10-15", fecha_liquidacion="2019-10-15",
                  fecha_nacimiento="1919-10-15", vib="258419.19", in_itinere=True)
    assert r.edad == 100
    assert r.prestacion.pago_mensual == D("0.00")
    assert r.prestacion.pago_unico == D("8902541.10")
    assert r.prestacion.pago_por_danio == D("0.00")
    assert r.prestacion.pago_adicional == D("1654707")
    assert r.total == D("10557248.10")
    assert r.montos.norma == "Nota SRT 76715123"


@pytest.mark.parametrize("pmi, piso, capu_c", [
    ("2019-08-31", D("2049647"), D("1366431")),  # Nota SRT 2727/2019
    ("2019-09-01", D("2482061"), D("1654707")),  # Nota SRT 76715123
    ("2017-02-28", D("1090945"), D("727297")),  # Res. SRT 387/2016, also on the SRT's own page
    ("2026-09-01", D("114354110"), D("76236060")),  # Res. SRT 39/2026
])
def test_piso_y_capu_del_semestre_de_la_pmi(parametros, pmi, piso, capu_c):
    # VIB 1 forces the piso: the pago único is the published piso of the PMI's semester.
    r = _liquidar(parametros, fecha_pmi=pmi, fecha_liquidacion=pmi, vib="1.00")
    assert r.prestacion.aplica_piso
    assert r.prestacion.pago_unico == piso
    assert r.prestacion.pago_adicional == capu_c


def test_piso_ilp_5_8_por_ciento(parametros):
    """Peer case (research-notes §9.2): PMI 22/05/2019, 5.80 %, IBM 1 → piso 2,049,647 × 5.8 % =
    118,879.526 → 118,879.53, Nota SRT 2727/2019."""
    r = _liquidar(parametros, tipo="ilp", porcentaje_incapacidad="5.80", fecha_pmi="2019-05-22",
                  fecha_liquidacion="2019-05-22", fecha_nacimiento="1965-03-10", vib="1.00")
    assert r.prestacion.piso_minimo == D("118879.53")
    assert r.prestacion.aplica_piso
    assert r.prestacion.pago_unico == D("118879.53")
    assert r.prestacion.pago_adicional == D("0")  # ≤ 50 %: no CAPU
    # IAPU 20 % × 118,879.53 = 23,775.906 → 23,775.91, no minimum for partial ILP
    assert r.prestacion.pago_por_danio == D("23775.91")
    assert r.montos.norma == "Nota SRT 2727/2019"


def test_ilp_60_por_ciento(parametros):
    """Peer case §9.3: IBM 100,000; age 50; PMI 15/04/2020 → F = 53 × 100,000 × 65/50 × 60 % =
    4,134,000; piso 2,958,970 × 60 % = 1,775,382 not applied; CAPU a 1,315,098;
    IAPU 20 % × 5,449,098 = 1,089,819.60; total 6,538,917.60."""
    r = _liquidar(parametros, tipo="ilp", porcentaje_incapacidad="60", fecha_pmi="2020-04-15",
                  fecha_liquidacion="2020-04-15", fecha_nacimiento="1970-01-01", vib="100000")
    p = r.prestacion
    assert r.edad == 50
    assert p.formula.importe == D("4134000.00")
    assert p.piso_minimo == D("1775382.00") and not p.aplica_piso
    assert p.capu_inciso == "a" and p.pago_adicional == D("1315098")
    assert p.pago_por_danio == D("1089819.60")
    assert r.total == D("6538917.60")


def test_ilp_total_70_por_ciento(parametros):
    """Peer case §9.4: F = 53 × 100,000 × 1.3 = 6,890,000 (no %); CAPU b 1,643,873;
    IAPU 20 % × 8,533,873 = 1,706,774.60 > minimum 560,365; total 10,240,647.60."""
    r = _liquidar(parametros, tipo="ilp", porcentaje_incapacidad="70", fecha_pmi="2020-04-15",
                  fecha_liquidacion="2020-04-15", fecha_nacimiento="1970-01-01", vib="100000")
    p = r.prestacion
    assert p.formula.importe == D("6890000.00")
    assert p.capu_inciso == "b" and p.pago_adicional == D("1643873")
    assert p.pago_por_danio == D("1706774.60") and not p.aplica_minimo_iapu
    assert r.total == D("10240647.60")


def test_ilp_total_70_por_ciento_vib_bajo(parametros):
    """§9.4 low-IBM variant: IBM 1,000 → F 68,900 < piso 2,958,970 (full, not × %);
    IAPU 20 % × (2,958,970 + 1,643,873) = 920,568.60 > 560,365; total 5,523,411.60."""
    r = _liquidar(parametros, tipo="ilp", porcentaje_incapacidad="70", fecha_pmi="2020-04-15",
                  fecha_liquidacion="2020-04-15", fecha_nacimiento="1970-01-01", vib="1000")
    p = r.prestacion
    assert p.piso_minimo == D("2958970") and p.aplica_piso
    assert p.pago_por_danio == D("920568.60") and not p.aplica_minimo_iapu
    assert r.total == D("5523411.60")


def test_piso_2026_ilp_5_por_ciento(parametros):
    # §9.5: "pisos SRT 03/2026: 97.502.420 × 5% = 4.875.121"
    r = _liquidar(parametros, tipo="ilp", porcentaje_incapacidad="5", fecha_pmi="2026-04-10",
                  fecha_liquidacion="2026-04-10", fecha_nacimiento="1980-01-01", vib="1")
    assert r.prestacion.pago_unico == D("4875121.00")


@pytest.mark.parametrize("porcentaje, tramo", [
    ("50", "ilp_hasta_50"), ("50.01", "ilp_50_66"), ("65.99", "ilp_50_66"), ("66", "ilp_total"),
])
def test_tramos_de_ilp_en_los_limites(parametros, porcentaje, tramo):
    r = _liquidar(parametros, tipo="ilp", porcentaje_incapacidad=porcentaje, fecha_pmi="2020-04-15",
                  fecha_liquidacion="2020-04-15", fecha_nacimiento="1970-01-01", vib="100000")
    assert r.prestacion.tramo.value == tramo


def test_muerte_neuquen_edad_65_y_opcion_iapu_sin_capu(parametros):
    """§9.6: death, IB 100,000, age 65 → 53 × 100,000 × 65/65 = 5,300,000. With PMI 15/04/2020
    (CAPU c 1,972,647): default IAPU 20 % × (5,300,000 + 1,972,647) = 1,454,529.40, total
    8,727,176.40; option "sin_capu" (the engine of §9.6): 20 % × 5,300,000 = 1,060,000, total
    8,332,647.00."""
    base = dict(fecha_pmi="2020-04-15", fecha_liquidacion="2020-04-15", fecha_nacimiento="1955-01-01",
                vib="100000")
    r = _liquidar(parametros, **base)
    assert r.prestacion.formula.importe == D("5300000.00")
    assert r.prestacion.pago_por_danio == D("1454529.40")
    assert r.total == D("8727176.40")
    r = _liquidar(parametros, opciones={"iapu_base": "sin_capu"}, **base)
    assert r.prestacion.pago_por_danio == D("1060000.00")
    assert r.total == D("8332647.00")


def test_minimo_de_iapu_en_muerte(parametros):
    # A semester whose IAPU minimum exceeds 20 %: piso 100 + CAPU 50 → 20 % = 30 < minimum 70.
    montos = TablaMontos([MontosSRT(date(2020, 1, 1), date(2020, 12, 31), "prueba", D(100), D(10),
                                    D(20), D(50), D(70))])
    r = liquidar(caso_desde_dict(caso_base(fecha_pmi="2020-04-15", fecha_liquidacion="2020-04-15",
                                           vib="0"))[0], replace(parametros, montos=montos))
    assert r.prestacion.pago_por_danio == D("70") and r.prestacion.aplica_minimo_iapu
    assert r.total == D("220")  # 100 + 70 + 50


def test_muerte_in_itinere_regimen_26773(parametros):
    """PMI 10/06/2015 (Res. SRT 6/2015), VIB 9,994.52, age 35: F = 53 × 9,994.52 × 65 / 35 =
    983,746.3257 → 983,746.33 > piso 713,476; CAPU c 475,651; in itinere: no IAPU."""
    r = _liquidar(parametros, fecha_pmi="2015-06-10", fecha_liquidacion="2016-06-10",
                  fecha_nacimiento="1980-01-01", vib="9994.52", in_itinere=True)
    assert r.regimen.value == "Ley 26.773" and r.dias_interes == 0
    assert r.prestacion.pago_unico == D("983746.33")
    assert r.prestacion.pago_por_danio == D("0.00")
    assert r.total == D("1459397.33")  # 983,746.33 + 475,651


def test_muerte_decreto_1694(parametros):
    # PMI 15/06/2010: F = 53 × 1,000 × 65 / 40 = 86,125 < piso 180,000; CAPU 120,000; no IAPU.
    r = _liquidar(parametros, fecha_pmi="2010-06-15", fecha_liquidacion="2011-01-10",
                  fecha_nacimiento="1970-01-01", vib="1000")
    assert r.regimen.value == "Decreto 1694/2009"
    assert r.prestacion.pago_unico == D("180000")
    assert r.prestacion.pago_adicional == D("120000")
    assert r.prestacion.pago_por_danio == D("0.00")
    assert r.total == D("300000")


def test_muerte_decreto_1278_tope(parametros):
    # PMI 15/06/2008: F = 53 × 5,000 × 65 / 30 = 574,166.67 capped at 180,000; + 50,000.
    r = _liquidar(parametros, fecha_pmi="2008-06-15", fecha_liquidacion="2008-06-15",
                  fecha_nacimiento="1978-01-01", vib="5000")
    assert r.prestacion.formula.importe == D("574166.67")
    assert r.prestacion.aplica_tope and r.prestacion.pago_unico == D("180000")
    assert r.total == D("230000")
    with pytest.raises(LiquidacionError, match="renta periódica"):
        _liquidar(parametros, tipo="ilp", porcentaje_incapacidad="30", fecha_pmi="2008-06-15",
                  fecha_liquidacion="2008-06-15", fecha_nacimiento="1978-01-01", vib="5000")


def test_gran_invalidez(parametros):
    # As total incapacity plus the monthly allowance in force at the liquidation date; the
    # monthly allowance is not part of the single-payment TOTAL.
    gi = TablaGranInvalidez([MontoGranInvalidez(date(2020, 4, 1), date(2020, 4, 30), D("50000.00"), "prueba")])
    caso, _ = caso_desde_dict(caso_base(tipo="gran_invalidez", fecha_pmi="2020-04-15", fecha_liquidacion="2020-04-15",
                                        fecha_nacimiento="1970-01-01", vib="100000"))
    r = liquidar(caso, replace(parametros, gran_invalidez=gi))
    assert r.prestacion.pago_mensual == D("50000.00")
    assert r.total == D("10240647.60")  # same single payments as ILP total 70 % above
    with pytest.raises(ParametroFaltante, match="gran invalidez vigente al 15/04/2020"):
        liquidar(caso, parametros)


def test_sin_semestre_para_la_pmi(parametros):
    with pytest.raises(ParametroFaltante, match="01/03/2027"):
        _liquidar(parametros, fecha_pmi="2027-03-01", fecha_liquidacion="2027-03-01")


@pytest.mark.parametrize("cambios, campo", [
    ({"tipo": "ilp"}, "porcentaje_incapacidad"),
    ({"tipo": "ilp", "porcentaje_incapacidad": "0"}, "porcentaje_incapacidad"),
    ({"fecha_nacimiento": "2019-05-07"}, "fecha_nacimiento"),
    ({"fecha_liquidacion": "2019-05-06"}, "fecha_liquidacion"),
    ({"fecha_fallecimiento": "2019-05-01"}, "fecha_fallecimiento"),
    ({"tipo": "gran_invalidez", "porcentaje_incapacidad": "60"}, "porcentaje_incapacidad"),
])
def test_datos_incoherentes(parametros, cambios, campo):
    with pytest.raises(DatoInvalido) as e:
        _liquidar(parametros, **cambios)
    assert e.value.campo == campo


def test_resultado_guarda_los_parametros_usados(parametros):
    from app.liquidacion import resultado_a_dict

    rem = [{"periodo": "2019-03", "remuneracion": "39226.11", "sac": "6490.68"}]
    r = resultado_a_dict(_liquidar(parametros, vib=None, remuneraciones=rem, fecha_liquidacion="2019-05-10"))
    usados = r["parametros_usados"]
    assert usados["ripte"] == {"2019-03": "4444.60", "2019-05": "4676.25"}
    assert usados["montos_srt"]["norma"] == "Nota SRT 2727/2019"
    assert usados["montos_srt"]["piso"] == "2049647.00"
    assert sum(t["dias"] for t in usados["tasas"]) == r["dias_interes"] == 3
    assert usados["fecha_ley_27348"] == "2017-03-05"
