"""DERECHOHABIENTE: the family proposed, «Aplicar Porcentajes por Ley», manual shares, selection
and accreditation; afterwards no DH can be added, changed or removed (seed 003)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.errors import DatosInvalidos, ReglaIncumplida
from app.services import derechohabientes as dhs
from app.services import agentes, liquidaciones, siniestros

from .ayudas import (
    CUIL_CONYUGE,
    CUIL_HIJA_MAYOR,
    acreditado,
    con_dh,
    crear_caso_muerte,
    datos_siniestro,
    liquidado,
    sin_cambios,
    una_auditoria,
)

D = Decimal
HIJA_MAYOR = {"parentesco": "hijo", "apellido_nombre": "Pérez, Laura", "cuil": CUIL_HIJA_MAYOR,
              "fecha_nacimiento": date(1990, 1, 1)}  # 28 at the death, not a student: excluded


def test_proponer_desde_familia(fabrica, op):
    ids = crear_caso_muerte(op)
    with una_auditoria(fabrica, "olga", "proponer_derechohabientes", "siniestro") as a:
        nuevos = dhs.proponer_desde_familia(op, ids["siniestro"])
    assert len(nuevos) == 2 and len(a.auditoria.despues["agregados"]) == 2
    lista = dhs.listar_derechohabientes(op, ids["siniestro"])
    assert [(d["parentesco"], d["apellido_nombre"]) for d in lista] == [("conyuge", "Gómez, María"), ("hijo", "Pérez, Tomás")]
    assert lista[0]["cuil"] == CUIL_CONYUGE.replace("-", "") and lista[0]["familiar_id"] == ids["familiar_conyuge"]
    # again: nobody new, still one audit row for the use case
    with una_auditoria(fabrica, "olga", "proponer_derechohabientes", "siniestro"):
        assert dhs.proponer_desde_familia(op, ids["siniestro"]) == []
    assert len(dhs.listar_derechohabientes(op, ids["siniestro"])) == 2


def test_agregar_editar_quitar(fabrica, op):
    ids = con_dh(op, crear_caso_muerte(op))
    with una_auditoria(fabrica, "olga", "agregar_derechohabiente", "derechohabiente") as a:
        nuevo = dhs.agregar_derechohabiente(op, ids["siniestro"], HIJA_MAYOR)
    assert a.auditoria.entidad_id == str(nuevo)
    with una_auditoria(fabrica, "olga", "editar_derechohabiente", "derechohabiente") as a:
        dhs.editar_derechohabiente(op, nuevo, {"estudiante": True, "letrado": "Dra. Ruiz"})
    assert a.auditoria.antes["estudiante"] is False and a.auditoria.despues["estudiante"] is True
    with una_auditoria(fabrica, "olga", "quitar_derechohabiente", "derechohabiente") as a:
        dhs.quitar_derechohabiente(op, nuevo)
    assert a.auditoria.antes["apellido_nombre"] == "Pérez, Laura" and a.auditoria.despues is None
    assert [d["id"] for d in dhs.listar_derechohabientes(op, ids["siniestro"])] == ids["dh"]


@pytest.mark.parametrize("datos, campo", [
    ({**HIJA_MAYOR, "cuil": CUIL_CONYUGE}, "cuil"),  # already a DH of this siniestro
    ({**HIJA_MAYOR, "fecha_nacimiento": None}, "fecha_nacimiento"),
    ({**HIJA_MAYOR, "parentesco": "abuelo"}, "parentesco"),
    ({**HIJA_MAYOR, "cbu": "123"}, "cbu"),
    ({**HIJA_MAYOR, "porcentaje": "10"}, "porcentaje"),
])
def test_dh_invalido(fabrica, op, datos, campo):
    ids = con_dh(op, crear_caso_muerte(op))
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as e:
        dhs.agregar_derechohabiente(op, ids["siniestro"], datos)
    assert e.value.campo == campo


def test_un_siniestro_que_no_es_muerte_no_tiene_dh(fabrica, op):
    ids = crear_caso_muerte(op)
    sid = siniestros.registrar_siniestro(op, datos_siniestro(
        ids["agente"], numero="S-ILP", tipo="ilp", fecha_fallecimiento=None, porcentaje_incapacidad="20"))
    with sin_cambios(fabrica), pytest.raises(ReglaIncumplida, match="no es de tipo muerte"):
        dhs.agregar_derechohabiente(op, sid, HIJA_MAYOR)


def test_aplicar_porcentajes_por_ley(fabrica, op, liq):
    ids = con_dh(op, crear_caso_muerte(op))
    excluida = dhs.agregar_derechohabiente(op, ids["siniestro"], HIJA_MAYOR)
    with una_auditoria(fabrica, "lucas", "aplicar_porcentajes_por_ley", "siniestro") as a:
        filas = dhs.aplicar_porcentajes_por_ley(liq, ids["siniestro"])
    por_id = {f["id"]: f for f in filas}
    # art. 98 Ley 24.241: spouse 50, child 20 → 50/70 and 20/70 of 100 %, 4 decimals adding to 100
    assert por_id[ids["dh_conyuge"]]["porcentaje"] == D("71.4286")
    assert por_id[ids["dh_hijo"]]["porcentaje"] == D("28.5714")
    assert por_id[ids["dh_hijo"]]["edad"] == 8 and por_id[ids["dh_hijo"]]["elegible"]
    assert por_id[excluida]["porcentaje"] == D("0.0000") and not por_id[excluida]["elegible"]
    assert "28 años" in por_id[excluida]["motivo"]
    guardados = {d["id"]: d["porcentaje"] for d in dhs.listar_derechohabientes(op, ids["siniestro"])}
    assert guardados == {ids["dh_conyuge"]: D("71.4286"), ids["dh_hijo"]: D("28.5714"), excluida: D("0.0000")}
    assert a.auditoria.despues["porcentajes"][str(excluida)] == "0.0000"


def test_error_del_motor_nombra_al_dh(fabrica, op, liq):
    ids = con_dh(op, crear_caso_muerte(op))
    dhs.agregar_derechohabiente(op, ids["siniestro"], {"parentesco": "conyuge", "apellido_nombre": "Otra, Esposa"})
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as e:
        dhs.aplicar_porcentajes_por_ley(liq, ids["siniestro"])
    assert "«Otra, Esposa»" in e.value.campo and "más de un/a cónyuge" in e.value.mensaje


def test_modificar_porcentajes_con_motivo(fabrica, op, liq):
    ids = con_dh(op, crear_caso_muerte(op))
    nuevos = {ids["dh_conyuge"]: D("60"), ids["dh_hijo"]: "40.0000"}
    with una_auditoria(fabrica, "lucas", "modificar_porcentajes", "siniestro") as a:
        dhs.modificar_porcentajes(liq, ids["siniestro"], nuevos, "Convenio homologado con otra distribución")
    assert a.auditoria.despues["motivo"] == "Convenio homologado con otra distribución"
    lista = dhs.listar_derechohabientes(op, ids["siniestro"])
    assert [(d["porcentaje"], d["motivo_porcentaje"]) for d in lista] == [
        (D("60.0000"), "Convenio homologado con otra distribución"),
        (D("40.0000"), "Convenio homologado con otra distribución")]
    # the liquidation uses them
    r = liquidaciones.calcular(liq, ids["siniestro"], date(2018, 5, 10))["resultado"]
    assert r["porcentajes_manuales"] is True
    assert [p["porcentaje"] for p in r["reparto"]] == ["60.0000", "40.0000"]
    assert any("Convenio homologado" in adv for adv in r["advertencias"])
    # back to the law
    dhs.aplicar_porcentajes_por_ley(liq, ids["siniestro"])
    r = liquidaciones.calcular(liq, ids["siniestro"], date(2018, 5, 10))["resultado"]
    assert r["porcentajes_manuales"] is False and r["reparto"][0]["porcentaje"] == "71.4286"


@pytest.mark.parametrize("porcentajes, motivo, campo, texto", [
    ({"c": "60", "h": "39.9999"}, "x", "porcentajes", "99.9999"),
    ({"c": "120"}, "x", "porcentajes[c]", "máximo"),
    ({"c": "60", "h": "40"}, "  ", "motivo", "vacío"),
    ({"c": "60", "h": "40.00001"}, "x", "porcentajes[h]", "4 decimales"),
    ({"c": "50", "h": "30", "x": "20"}, "x", "porcentajes[x]", "no puede recibir"),
    ({"c": "50", 99999: "50"}, "x", "porcentajes[99999]", "no es un derechohabiente"),
])
def test_modificar_porcentajes_invalidos(fabrica, op, liq, porcentajes, motivo, campo, texto):
    ids = con_dh(op, crear_caso_muerte(op))
    ids["x"] = dhs.agregar_derechohabiente(op, ids["siniestro"], HIJA_MAYOR)
    claves = {"c": ids["dh_conyuge"], "h": ids["dh_hijo"], "x": ids["x"]}
    reales = {claves.get(k, k): v for k, v in porcentajes.items()}
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as e:
        dhs.modificar_porcentajes(liq, ids["siniestro"], reales, motivo)
    assert e.value.campo == campo.replace("[c]", f"[{claves['c']}]").replace("[h]", f"[{claves['h']}]").replace(
        "[x]", f"[{claves['x']}]")
    assert texto in e.value.mensaje


def test_seleccionar_y_acreditar(fabrica, op, liq, sup):
    ids = liquidado(op, liq, crear_caso_muerte(op))
    with una_auditoria(fabrica, "lucas", "seleccionar_derechohabientes", "siniestro"):
        assert dhs.seleccionar(liq, ids["siniestro"], ids["dh"]) == sorted(ids["dh"])
    with una_auditoria(fabrica, "sofia", "acreditar_derechohabientes", "siniestro") as a:
        assert dhs.acreditar_seleccionados(sup, ids["siniestro"]) == ids["dh"]
    assert a.auditoria.despues["liquidacion_version"] == 1
    s = siniestros.obtener_siniestro(op, ids["siniestro"])
    assert s["estado"] == "acreditado" and s["acreditado"] and s["acreditado_en"] is not None
    assert s["modificado_por"] == "sofia"
    assert all(d["acreditado"] for d in s["derechohabientes"])
    # a second time is refused
    with sin_cambios(fabrica), pytest.raises(ReglaIncumplida, match="ya fueron acreditados"):
        dhs.acreditar_seleccionados(sup, ids["siniestro"])


def test_solo_se_acreditan_los_seleccionados(fabrica, op, liq, sup):
    ids = liquidado(op, liq, crear_caso_muerte(op))
    dhs.seleccionar(liq, ids["siniestro"], [ids["dh_hijo"]])
    dhs.acreditar_seleccionados(sup, ids["siniestro"])
    lista = {d["id"]: d["acreditado"] for d in dhs.listar_derechohabientes(op, ids["siniestro"])}
    assert lista == {ids["dh_conyuge"]: False, ids["dh_hijo"]: True}


def test_acreditar_sin_seleccion_o_sin_liquidacion(fabrica, op, liq, sup):
    ids = con_dh(op, crear_caso_muerte(op))
    with sin_cambios(fabrica), pytest.raises(ReglaIncumplida, match="No hay derechohabientes seleccionados"):
        dhs.acreditar_seleccionados(sup, ids["siniestro"])
    dhs.seleccionar(liq, ids["siniestro"], ids["dh"])
    with sin_cambios(fabrica), pytest.raises(ReglaIncumplida, match="no tiene liquidación"):
        dhs.acreditar_seleccionados(sup, ids["siniestro"])


@pytest.mark.parametrize("cambio", ["dh_nuevo", "dh_editado", "porcentajes", "remuneraciones", "agente"])
def test_acreditar_exige_liquidar_con_los_datos_actuales(fabrica, op, liq, sup, cambio):
    ids = liquidado(op, liq, crear_caso_muerte(op))
    dhs.seleccionar(liq, ids["siniestro"], ids["dh"])
    if cambio == "dh_nuevo":
        dhs.agregar_derechohabiente(op, ids["siniestro"], HIJA_MAYOR)
    elif cambio == "dh_editado":
        dhs.editar_derechohabiente(op, ids["dh_hijo"], {"incapacitado": True})
    elif cambio == "porcentajes":
        dhs.modificar_porcentajes(liq, ids["siniestro"], {ids["dh_conyuge"]: "50", ids["dh_hijo"]: "50"}, "acuerdo")
    elif cambio == "remuneraciones":
        agentes.cargar_remuneraciones(op, ids["agente"], [{"periodo": "2018-03", "remuneracion": "90000"}])
    else:
        agentes.editar_agente(op, ids["agente"], {"fecha_nacimiento": date(1979, 5, 3)}, None)
    with sin_cambios(fabrica), pytest.raises(ReglaIncumplida, match="cambiaron después de la liquidación versión 1"):
        dhs.acreditar_seleccionados(sup, ids["siniestro"])
    liquidaciones.calcular(liq, ids["siniestro"], date(2018, 5, 10))
    assert dhs.acreditar_seleccionados(sup, ids["siniestro"]) == ids["dh"]


def test_no_se_acredita_un_dh_excluido(fabrica, op, liq, sup):
    ids = con_dh(op, crear_caso_muerte(op))
    excluida = dhs.agregar_derechohabiente(op, ids["siniestro"], HIJA_MAYOR)
    liquidaciones.calcular(liq, ids["siniestro"], date(2018, 5, 10))
    dhs.seleccionar(liq, ids["siniestro"], [*ids["dh"], excluida])
    with sin_cambios(fabrica), pytest.raises(ReglaIncumplida, match="«Pérez, Laura» no puede acreditarse"):
        dhs.acreditar_seleccionados(sup, ids["siniestro"])


def test_despues_de_acreditar_queda_vedado_tocar_los_dh(fabrica, op, liq, sup):
    ids = acreditado(op, liq, sup, crear_caso_muerte(op))
    cambios = [
        lambda: dhs.agregar_derechohabiente(op, ids["siniestro"], HIJA_MAYOR),
        lambda: dhs.proponer_desde_familia(op, ids["siniestro"]),
        lambda: dhs.editar_derechohabiente(op, ids["dh_hijo"], {"estudiante": True}),
        lambda: dhs.quitar_derechohabiente(op, ids["dh_hijo"]),
        lambda: dhs.aplicar_porcentajes_por_ley(liq, ids["siniestro"]),
        lambda: dhs.modificar_porcentajes(liq, ids["siniestro"], {ids["dh_conyuge"]: D(100)}, "x"),
        lambda: dhs.seleccionar(liq, ids["siniestro"], []),
    ]
    for cambio in cambios:
        with sin_cambios(fabrica), pytest.raises(ReglaIncumplida) as e:
            cambio()
        assert "queda vedada la posibilidad de incorporar nuevos/as derechohabientes" in e.value.mensaje
