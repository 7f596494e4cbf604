"""The preview of a liquidation (what CALCULAR would store, stored nowhere) and the save of the
edited months of REMUNERACIONES, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from app.errors import (
    ConflictoEdicion,
    DatosInvalidos,
    ErrorAplicacion,
    NoEncontrado,
    PermisoDenegado,
    ReglaIncumplida,
)
from app.services import agentes, liquidaciones, pagos, siniestros

from .ayudas import (
    acreditado,
    con_dh,
    crear_agente,
    crear_caso_muerte,
    datos_siniestro,
    sin_cambios,
    una_auditoria,
)

D = Decimal
# the bundled RIPTE table, read here on its own (not through the program's parameter loader)
RIPTE = {linea.split(",")[0]: D(linea.split(",")[1])
         for linea in (Path(__file__).resolve().parents[2] / "resources" / "parametros" / "ripte.csv")
         .read_text(encoding="utf-8").split()[1:]}


def _c(x: Decimal) -> Decimal:
    return x.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def test_la_vista_previa_es_lo_que_calcular_guarda_y_no_escribe_nada(fabrica, op, liq):
    ids = con_dh(op, crear_caso_muerte(op))
    with sin_cambios(fabrica):  # no Liquidacion row, no audit row, the siniestro's estado unchanged
        previa = liquidaciones.previsualizar(op, ids["siniestro"], date(2018, 5, 10))
        otra = liquidaciones.previsualizar(op, ids["siniestro"], "2018-06-10")
    # hand check of the VIB: the single month updated to the PMI month's RIPTE
    assert D(previa["vib"]) == _c(D("100000.00") * RIPTE["2018-05"] / RIPTE["2018-04"])
    assert previa["fecha_liquidacion"] == "2018-05-10" and previa["dias_interes"] == 7
    assert otra["dias_interes"] == 7 + 31  # a month more of interest, same VIB
    assert otra["vib"] == previa["vib"] and D(otra["total"]) > D(previa["total"])

    guardada = liquidaciones.calcular(liq, ids["siniestro"], date(2018, 5, 10))
    assert guardada["resultado"] == previa and guardada["total"] == D(previa["total"])
    # after the save the preview still equals the stored result (it reads the same case)
    assert liquidaciones.previsualizar(op, ids["siniestro"], date(2018, 5, 10)) == guardada["resultado"]
    assert siniestros.obtener_siniestro(op, ids["siniestro"])["estado"] == "liquidado"


def test_la_vista_previa_la_ve_cualquier_rol_que_consulta(fabrica, contexto, op):
    ids = crear_caso_muerte(op, familia=False)
    totales = {rol: liquidaciones.previsualizar(contexto(rol), ids["siniestro"], date(2018, 5, 10))["total"]
               for rol in ("operador", "liquidador", "supervisor", "administrador")}
    assert len(set(totales.values())) == 1


def test_sin_ripte_del_mes_de_la_pmi_lo_dice_y_no_guarda(fabrica, op):
    """A PMI in the month after the last RIPTE of the bundled table: the month is named, in Spanish."""
    ultimo = max(RIPTE)  # "AAAA-MM"
    anio, mes = int(ultimo[:4]) + int(ultimo[5:]) // 12, int(ultimo[5:]) % 12 + 1
    pmi = date(anio, mes, 20)
    if pmi >= date.today():
        pytest.skip("the bundled RIPTE table reaches the current month: no past PMI lacks its RIPTE")
    ids = crear_agente(op)
    agentes.cargar_remuneraciones(op, ids["agente"], [{"periodo": ultimo, "remuneracion": "900000.00"}])
    sid = siniestros.registrar_siniestro(op, datos_siniestro(
        ids["agente"], fecha_pmi=pmi, fecha_fallecimiento=pmi, fecha_denuncia=pmi, fecha_recepcion=pmi))
    with sin_cambios(fabrica), pytest.raises(ErrorAplicacion, match=f"Falta el RIPTE de {anio}-{mes:02d}"):
        liquidaciones.previsualizar(op, sid, pmi)


def test_sin_tasa_para_la_fecha_de_liquidacion_lo_dice(fabrica, op):
    ids = crear_caso_muerte(op, familia=False)
    with sin_cambios(fabrica), pytest.raises(ErrorAplicacion, match="Falta la tasa activa BNA"):
        liquidaciones.previsualizar(op, ids["siniestro"], date(2027, 3, 1))


def test_entradas_invalidas_de_la_vista_previa(fabrica, op):
    ids = crear_caso_muerte(op, familia=False)
    with sin_cambios(fabrica):
        with pytest.raises(DatosInvalidos, match="fecha_liquidacion"):
            liquidaciones.previsualizar(op, ids["siniestro"], "2018-13-01")
        with pytest.raises(DatosInvalidos, match="fecha_liquidacion"):
            liquidaciones.previsualizar(op, ids["siniestro"], None)
        with pytest.raises(NoEncontrado, match="No existe el siniestro 999999"):
            liquidaciones.previsualizar(op, 999999, date(2018, 5, 10))
        with pytest.raises(DatosInvalidos, match="opciones"):
            liquidaciones.previsualizar(op, ids["siniestro"], date(2018, 5, 10), opciones="mes_anterior")


# ------------------------------------------------------------------ guardar_remuneraciones

def test_guardar_remuneraciones_cambia_e_inserta_en_una_transaccion(fabrica, op):
    ids = crear_caso_muerte(op, familia=False)
    filas = [{"periodo": "2018-04", "remuneracion": "120000.00", "sac": "0"},
             {"periodo": "2018-03", "remuneracion": "80000.00", "sac": "40000.00"}]
    leidas = {"2018-04": ("100000.00", "0.00"), "2018-03": None}
    with una_auditoria(fabrica, "olga", "actualizar_remuneraciones", "agente") as a:
        r = liquidaciones.guardar_remuneraciones(op, ids["siniestro"], filas, leidas)
    assert r == {"guardadas": 2, "reemplazadas": 1}
    assert a.auditoria.entidad_id == str(ids["agente"])
    assert a.auditoria.antes["remuneraciones"] == [{"periodo": "2018-04", "remuneracion": "100000.00", "sac": "0.00"}]
    ventana = {f["periodo"]: f for f in siniestros.remuneraciones_del_siniestro(op, ids["siniestro"])}
    assert (ventana["2018-04"]["remuneracion"], ventana["2018-04"]["sac"]) == (D("120000.00"), D("0.00"))
    assert (ventana["2018-03"]["remuneracion"], ventana["2018-03"]["sac"]) == (D("80000.00"), D("40000.00"))
    assert ventana["2018-03"]["cargada"] and not ventana["2018-02"]["cargada"]
    # the preview follows the store: two months, each updated to the PMI month's RIPTE
    total = (_c(D("120000.00") * RIPTE["2018-05"] / RIPTE["2018-04"])
             + _c(D("120000.00") * RIPTE["2018-05"] / RIPTE["2018-03"]))
    previa = liquidaciones.previsualizar(op, ids["siniestro"], date(2018, 5, 10))
    assert D(previa["total_salarios_actualizados"]) == total
    assert D(previa["vib"]) == _c(total / 2)


@pytest.mark.parametrize("filas, campo", [
    ([{"periodo": "2018-05", "remuneracion": "1.00"}], "filas[0].periodo"),  # the PMI month itself
    ([{"periodo": "2017-04", "remuneracion": "1.00"}], "filas[0].periodo"),  # 13 months before
    ([{"periodo": "2018-04", "remuneracion": "-1.00"}], "filas[0].remuneracion"),
    ([{"periodo": "2018-04", "remuneracion": "1.00", "sac": "1.001"}], "filas[0].sac"),
    ([], "filas"),
])
def test_guardar_remuneraciones_rechaza_filas_invalidas(fabrica, op, filas, campo):
    ids = crear_caso_muerte(op, familia=False)
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as e:
        liquidaciones.guardar_remuneraciones(op, ids["siniestro"], filas)
    assert e.value.campo == campo


def test_guardar_remuneraciones_rechaza_si_otro_las_cambio(fabrica, op):
    ids = crear_caso_muerte(op, familia=False)
    leidas = {"2018-04": ("100000.00", "0.00")}
    agentes.cargar_remuneraciones(op, ids["agente"], [{"periodo": "2018-04", "remuneracion": "99.00"}], reemplazar=True)
    with sin_cambios(fabrica), pytest.raises(ConflictoEdicion, match="2018-04"):
        liquidaciones.guardar_remuneraciones(
            op, ids["siniestro"], [{"periodo": "2018-04", "remuneracion": "1.00"}], leidas)


def test_guardar_remuneraciones_permisos_acreditacion_y_pagos(fabrica, op, liq, sup, adm):
    ids = acreditado(op, liq, sup, crear_caso_muerte(op))
    fila = [{"periodo": "2018-04", "remuneracion": "110000.00", "sac": "0"}]
    with sin_cambios(fabrica):
        with pytest.raises(PermisoDenegado):
            liquidaciones.guardar_remuneraciones(adm, ids["siniestro"], fila)
        with pytest.raises(ReglaIncumplida, match="requiere un supervisor"):
            liquidaciones.guardar_remuneraciones(op, ids["siniestro"], fila)
    liquidaciones.guardar_remuneraciones(sup, ids["siniestro"], fila)  # the supervisor may
    assert siniestros.remuneraciones_del_siniestro(op, ids["siniestro"])[-1]["remuneracion"] == D("110000.00")

    pagos.registrar_pago(sup, ids["dh_hijo"], date(2018, 6, 1), "1000.00", "transferencia")
    with sin_cambios(fabrica), pytest.raises(ReglaIncumplida, match="pagos registrados"):
        liquidaciones.guardar_remuneraciones(sup, ids["siniestro"], fila)
