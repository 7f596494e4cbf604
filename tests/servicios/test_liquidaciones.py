"""CALCULAR from the store: the hand-computed total, versions never overwritten, comparison,
supervisor options, engine errors storing nothing."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from sqlalchemy import select

from app.errors import DatosInvalidos, NoEncontrado, PermisoDenegado, ReglaIncumplida
from app.models import Liquidacion
from app.services import agentes, liquidaciones, pagos, siniestros

from .ayudas import acreditado, con_dh, crear_caso_muerte, datos_siniestro, liquidado, sin_cambios, una_auditoria

D = Decimal
C = D("0.01")


def _c(x: Decimal) -> Decimal:
    return x.quantize(C, rounding=ROUND_HALF_UP)


def test_total_calculado_a_mano(fabrica, op, liq):
    """Death on 2018-05-03 (Ley 27.348 regime), agent born 1978-05-03 (40 at the PMI), one salary
    in the window: 2018-04 = 100,000.00; liquidated on 2018-05-10. Bundled tables:
    RIPTE 2018-04 = 3298.55, 2018-05 = 3353.50; BNA TNA 28.49 % from 04/05 to 07/05/2018 and
    33.00 % from 08/05/2018; SRT amounts of Nota SRT 6026/2018: piso 1,569,865, CAPU (c) 1,046,577."""
    ids = con_dh(op, crear_caso_muerte(op))
    # VIB: the single month updated to the PMI month's RIPTE, divided by the 1 month with salary
    vib = _c(D("100000.00") * D("3353.50") / D("3298.55"))
    assert vib == D("101665.88")
    # interest on the VIB over the 7 days (03/05, 10/05]: 4 days at 28.49 % and 3 at 33.00 %, base 365
    factor = (4 * D("28.49") + 3 * D("33.00")) / D(100) / D(365)
    intereses = _c(vib * factor)
    assert intereses == D("593.17")
    vib_con_interes = vib + intereses  # 102,259.05
    pago_unico = _c(53 * vib_con_interes * D(65) / D(40))  # 8,807,060.68 > piso 1,569,865
    assert pago_unico == D("8807060.68")
    capu = D("1046577.00")
    iapu = _c((pago_unico + capu) * D("0.20"))  # 20 % of (capital + CAPU), not in itinere
    total = pago_unico + capu + iapu
    assert total == D("11824365.22")

    with una_auditoria(fabrica, "lucas", "calcular_liquidacion", "liquidacion") as a:
        r = liquidaciones.calcular(liq, ids["siniestro"], date(2018, 5, 10))
    assert r["version"] == 1 and r["total"] == total and r["calculada_por"] == "lucas"
    res = r["resultado"]
    assert (res["vib"], res["intereses"], res["pago_unico"], res["pago_adicional"], res["pago_por_danio"]) == (
        "101665.88", "593.17", "8807060.68", "1046577.00", str(iapu))
    assert res["parametros_usados"]["ripte"] == {"2018-04": "3298.55", "2018-05": "3353.50"}
    assert res["parametros_usados"]["montos_srt"]["norma"] == "Nota SRT 6026/2018"
    # the split adds up exactly to the total, and so does each concept
    assert sum((D(p["importe"]) for p in res["reparto"]), D(0)) == total
    for concepto in ("pago_unico", "pago_por_danio", "pago_adicional"):
        assert sum((D(p["conceptos"][concepto]) for p in res["reparto"]), D(0)) == D(res[concepto])
    assert [p["id"] for p in res["reparto"]] == [str(i) for i in ids["dh"]]
    # what is stored
    with fabrica() as s:
        guardada = s.scalars(select(Liquidacion)).one()
        assert guardada.total == total and guardada.fecha_liquidacion == date(2018, 5, 10)
        assert guardada.entrada["remuneraciones"] == [{"periodo": "2018-04", "remuneracion": "100000.00", "sac": "0.00"}]
        assert guardada.entrada["derechohabientes"][0]["id"] == str(ids["dh_conyuge"])
        assert guardada.resultado == res
    assert a.auditoria.despues["total"] == "11824365.22" and a.auditoria.despues["version"] == 1
    assert siniestros.obtener_siniestro(op, ids["siniestro"])["estado"] == "liquidado"


def test_calcular_dos_veces_guarda_dos_versiones_sin_tocar_la_primera(fabrica, op, liq):
    ids = liquidado(op, liq, crear_caso_muerte(op))
    with fabrica() as s:
        v1 = s.scalars(select(Liquidacion)).one()
        antes = (v1.id, v1.version, v1.fecha_liquidacion, v1.calculada_en, v1.entrada, v1.resultado, v1.total)
    r2 = liquidaciones.calcular(liq, ids["siniestro"], date(2018, 6, 10))
    assert r2["version"] == 2 and r2["total"] > ids["liquidacion"]["total"]  # a month more of interest
    with fabrica() as s:
        v1 = s.scalars(select(Liquidacion).where(Liquidacion.version == 1)).one()
        assert (v1.id, v1.version, v1.fecha_liquidacion, v1.calculada_en, v1.entrada, v1.resultado, v1.total) == antes
    lista = liquidaciones.versiones(op, ids["siniestro"])
    assert [(v["version"], v["fecha_liquidacion"]) for v in lista] == [(1, date(2018, 5, 10)), (2, date(2018, 6, 10))]
    assert liquidaciones.obtener(op, ids["siniestro"])["version"] == 2
    assert liquidaciones.obtener(op, ids["siniestro"], 1)["total"] == ids["liquidacion"]["total"]
    with pytest.raises(NoEncontrado):
        liquidaciones.obtener(op, ids["siniestro"], 3)

    filas = liquidaciones.comparar(op, ids["siniestro"], 1, 2)
    por_concepto = {f.concepto: f for f in filas}
    assert por_concepto["Fecha de liquidación"].diferencia == 31
    assert por_concepto["VIB con RIPTE"].diferencia == 0
    assert por_concepto["Días de interés"] == ("Días de interés", 7, 38, 31)
    total = por_concepto["TOTAL"]
    assert total.diferencia == r2["total"] - ids["liquidacion"]["total"] > 0
    filas_dh = [f for f in filas if f.concepto.startswith("«")]
    assert [f.concepto for f in filas_dh] == ["«Gómez, María» (cónyuge)", "«Pérez, Tomás» (hijo/a)"]
    assert sum(f.diferencia for f in filas_dh) == total.diferencia


def test_opciones_distintas_de_las_por_defecto_son_del_supervisor(fabrica, op, liq, sup):
    ids = con_dh(op, crear_caso_muerte(op))
    with sin_cambios(fabrica), pytest.raises(PermisoDenegado, match="opciones"):
        liquidaciones.calcular(liq, ids["siniestro"], date(2018, 5, 10), {"iapu_base": "sin_capu"})
    # the defaults written out are not an override
    liquidaciones.calcular(liq, ids["siniestro"], date(2018, 5, 10), {"iapu_base": "con_capu"})
    r = liquidaciones.calcular(sup, ids["siniestro"], date(2018, 5, 10), {"iapu_base": "sin_capu"})
    assert r["entrada"]["opciones"] == {"iapu_base": "sin_capu"}
    assert r["resultado"]["parametros_usados"]["opciones"]["iapu_base"] == "sin_capu"
    assert D(r["resultado"]["pago_por_danio"]) == _c(D("8807060.68") * D("0.20"))


def test_opcion_desconocida(fabrica, op, sup):
    ids = con_dh(op, crear_caso_muerte(op))
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as e:
        liquidaciones.calcular(sup, ids["siniestro"], date(2018, 5, 10), {"tasa": "otra"})
    assert e.value.campo == "opciones.tasa"


def test_errores_del_motor_no_guardan_nada(fabrica, op, liq):
    ids = con_dh(op, crear_caso_muerte(op, remuneraciones=[{"periodo": "2016-01", "remuneracion": "5"}]))
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as e:
        liquidaciones.calcular(liq, ids["siniestro"], date(2018, 5, 10))
    assert e.value.campo == "remuneraciones" and "no hay remuneraciones" in e.value.mensaje
    agentes.cargar_remuneraciones(op, ids["agente"], [{"periodo": "2018-04", "remuneracion": "100000"}])
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as e:
        liquidaciones.calcular(liq, ids["siniestro"], date(2018, 5, 1))
    assert e.value.campo == "fecha_liquidacion" and "anterior a la PMI" in e.value.mensaje
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as e:
        liquidaciones.calcular(liq, ids["siniestro"], "2018-02-30")
    assert e.value.campo == "fecha_liquidacion"


def test_falta_un_parametro(fabrica, op, liq):
    """A liquidation date past the bundled rate table: the engine names the missing day."""
    ids = con_dh(op, crear_caso_muerte(op))
    with sin_cambios(fabrica), pytest.raises(Exception) as e:
        liquidaciones.calcular(liq, ids["siniestro"], date(2099, 1, 1))
    assert "tasa" in str(e.value).lower()


def test_ilp_sin_derechohabientes(fabrica, op, liq):
    ids = crear_caso_muerte(op, familia=False)
    sid = siniestros.registrar_siniestro(op, datos_siniestro(
        ids["agente"], numero="S-ILP", tipo="ilp", fecha_fallecimiento=None, porcentaje_incapacidad="20"))
    r = liquidaciones.calcular(liq, sid, date(2018, 5, 10))
    assert r["entrada"]["porcentaje_incapacidad"] == "20.00" and r["resultado"]["tramo"]
    assert r["resultado"]["reparto"] == []


def test_recalcular_tras_acreditar(fabrica, op, liq, sup):
    ids = acreditado(op, liq, sup, crear_caso_muerte(op))
    with sin_cambios(fabrica), pytest.raises(PermisoDenegado, match="solo un supervisor"):
        liquidaciones.calcular(liq, ids["siniestro"], date(2018, 5, 20))
    assert liquidaciones.calcular(sup, ids["siniestro"], date(2018, 5, 20))["version"] == 2
    pagos.registrar_pago(sup, ids["dh_hijo"], date(2018, 6, 1), "1000.00", "transferencia")
    with sin_cambios(fabrica), pytest.raises(ReglaIncumplida, match="pagos registrados"):
        liquidaciones.calcular(sup, ids["siniestro"], date(2018, 5, 25))


def test_siniestro_inexistente(fabrica, liq):
    with sin_cambios(fabrica), pytest.raises(NoEncontrado):
        liquidaciones.calcular(liq, 777, date(2018, 5, 10))
