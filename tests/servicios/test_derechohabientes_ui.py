"""`situacion_derechohabientes`: what the DERECHOHABIENTE screen reads — each DH's right and the
reason of an exclusion, the law's share, the amount of the latest liquidation and whether that
liquidation still matches the data, and which date the office records — without storing anything."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.errors import PermisoDenegado, ReglaIncumplida
from app.services import derechohabientes as dhs
from app.services import siniestros

from .ayudas import CUIL_HIJA_MAYOR, con_dh, crear_caso_muerte, datos_siniestro, importe_de, liquidado, sin_cambios

D = Decimal
HIJA_MAYOR = {"parentesco": "hijo", "apellido_nombre": "Pérez, Laura", "cuil": CUIL_HIJA_MAYOR,
              "fecha_nacimiento": date(1990, 1, 1)}  # 28 at the death (2018-05-03), not a student


def test_derecho_motivo_y_porcentaje_de_ley_sin_guardar_nada(fabrica, op, liq):
    ids = con_dh(op, crear_caso_muerte(op))
    excluida = dhs.agregar_derechohabiente(op, ids["siniestro"], HIJA_MAYOR)
    with sin_cambios(fabrica):
        s = dhs.situacion_derechohabientes(op, ids["siniestro"])
    assert s["liquidacion"] is None and s["error_elegibilidad"] is None and not s["acreditado"]
    por_id = {d["id"]: d for d in s["derechohabientes"]}
    assert list(por_id) == [ids["dh_conyuge"], ids["dh_hijo"], excluida]
    # spouse 50 + one child 20 (art. 98 Ley 24.241): 50/70 and 20/70 with 4 decimals; 28 years: out
    assert [(por_id[i]["elegible"], por_id[i]["edad"], por_id[i]["porcentaje_ley"]) for i in por_id] == [
        (True, 38, D("71.4286")), (True, 8, D("28.5714")), (False, 28, D("0.0000"))]
    assert "28 años: supera el límite de edad" in por_id[excluida]["motivo"]
    assert all(d["porcentaje"] is None and d["importe"] is None for d in s["derechohabientes"])
    assert s["fecha_fallecimiento"] == date(2018, 5, 3)


def test_importes_y_liquidacion_al_dia(fabrica, op, liq):
    ids = liquidado(op, liq, crear_caso_muerte(op))
    s = dhs.situacion_derechohabientes(op, ids["siniestro"])
    assert s["liquidacion"]["version"] == 1 and s["liquidacion"]["vigente"] is True
    assert s["liquidacion"]["total"] == D(ids["liquidacion"]["resultado"]["total"])
    assert [d["importe"] for d in s["derechohabientes"]] == [
        importe_de(ids["liquidacion"], ids["dh_conyuge"]), importe_de(ids["liquidacion"], ids["dh_hijo"])]
    # a DH added afterwards: the liquidation is stale and the new one has no amount yet
    nuevo = dhs.agregar_derechohabiente(op, ids["siniestro"], HIJA_MAYOR)
    s = dhs.situacion_derechohabientes(op, ids["siniestro"])
    assert s["liquidacion"]["vigente"] is False
    assert next(d for d in s["derechohabientes"] if d["id"] == nuevo)["importe"] is None


def test_porcentajes_a_mano_y_su_motivo(fabrica, op, liq):
    ids = con_dh(op, crear_caso_muerte(op))
    dhs.modificar_porcentajes(liq, ids["siniestro"], {ids["dh_conyuge"]: "60", ids["dh_hijo"]: "40"}, "acuerdo")
    s = dhs.situacion_derechohabientes(op, ids["siniestro"])
    assert s["porcentajes_manuales"] is True and s["motivo_porcentajes"] == "acuerdo"
    assert [d["porcentaje"] for d in s["derechohabientes"]] == [D("60.0000"), D("40.0000")]
    assert [d["porcentaje_ley"] for d in s["derechohabientes"]] == [D("71.4286"), D("28.5714")]


@pytest.mark.parametrize("pmi, campo, regimen", [
    (date(2018, 5, 3), "fecha_pre_acuerdo", "Ley 27.348"),
    (date(2017, 3, 5), "fecha_pre_acuerdo", "Ley 27.348"),  # the day the law applies from
    (date(2017, 3, 4), "fecha_puesta_disposicion", "Ley 26.773"),
])
def test_fecha_que_corresponde_segun_la_pmi(fabrica, op, pmi, campo, regimen):
    ids = crear_caso_muerte(op, familia=False)
    sid = siniestros.registrar_siniestro(op, datos_siniestro(
        ids["agente"], numero="S-OTRO", fecha_pmi=pmi, fecha_fallecimiento=pmi, fecha_denuncia=pmi,
        fecha_recepcion=pmi))
    s = dhs.situacion_derechohabientes(op, sid)
    assert (s["campo_fecha"], s["regimen"], s["derechohabientes"]) == (campo, regimen, [])


def test_reglas_que_no_se_pueden_aplicar(fabrica, op):
    ids = con_dh(op, crear_caso_muerte(op))
    dhs.agregar_derechohabiente(op, ids["siniestro"], {"parentesco": "conyuge", "apellido_nombre": "Otra, Esposa"})
    s = dhs.situacion_derechohabientes(op, ids["siniestro"])
    assert "más de un/a cónyuge" in s["error_elegibilidad"]
    assert {(d["elegible"], d["motivo"], d["porcentaje_ley"]) for d in s["derechohabientes"]} == {(None, None, None)}


def test_no_mortal_y_permisos(fabrica, op, contexto):
    ids = crear_caso_muerte(op)
    ilp = siniestros.registrar_siniestro(op, datos_siniestro(
        ids["agente"], numero="S-ILP", tipo="ilp", fecha_fallecimiento=None, porcentaje_incapacidad="20"))
    with pytest.raises(ReglaIncumplida, match="no es de tipo muerte: no tiene derechohabientes"):
        dhs.situacion_derechohabientes(op, ilp)
    # any role may read it (the administrator too); an unknown role may not
    assert dhs.situacion_derechohabientes(contexto("administrador"), ids["siniestro"])["derechohabientes"] == []
    with pytest.raises(PermisoDenegado):
        dhs.situacion_derechohabientes(contexto("invitado"), ids["siniestro"])
