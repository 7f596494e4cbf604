"""Permission matrix: each role × each use case it may not do → PermisoDenegado, nothing written.

Roles (issue): operador loads; liquidador calculates and proposes; supervisor accredits, pays and
overrides; administrador manages users and parameters only."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import PermisoDenegado
from app.services import agentes, derechohabientes, documentos, liquidaciones, pagos, siniestros
from app.services.nucleo import PERMISOS

from .ayudas import crear_caso_muerte, cuil, datos_agente, datos_siniestro, liquidado, sin_cambios

CASOS_DE_USO = {
    "registrar_organismo": ("cargar", lambda c, i: agentes.registrar_organismo(c, {"codigo": "X", "nombre": "X"})),
    "registrar_agente": ("cargar", lambda c, i: agentes.registrar_agente(
        c, datos_agente(i["organismo"], cuil=cuil("20", 11111111)))),
    "editar_agente": ("cargar", lambda c, i: agentes.editar_agente(c, i["agente"], {"localidad": "X"}, None)),
    "registrar_familiar": ("cargar", lambda c, i: agentes.registrar_familiar(
        c, i["agente"], {"parentesco": "madre", "apellido_nombre": "X"})),
    "editar_familiar": ("cargar", lambda c, i: agentes.editar_familiar(c, i["familiar_hijo"], {"estudiante": True})),
    "cargar_remuneraciones": ("cargar", lambda c, i: agentes.cargar_remuneraciones(
        c, i["agente"], [{"periodo": "2018-03", "remuneracion": "1"}])),
    "registrar_siniestro": ("cargar", lambda c, i: siniestros.registrar_siniestro(
        c, datos_siniestro(i["agente"], numero="S-2"))),
    "editar_siniestro": ("cargar", lambda c, i: siniestros.editar_siniestro(
        c, i["siniestro"], {"tipo_accidente": "X"}, None)),
    "proponer_desde_familia": ("cargar", lambda c, i: derechohabientes.proponer_desde_familia(c, i["siniestro"])),
    "agregar_derechohabiente": ("cargar", lambda c, i: derechohabientes.agregar_derechohabiente(
        c, i["siniestro"], {"parentesco": "madre", "apellido_nombre": "X"})),
    "editar_derechohabiente": ("cargar", lambda c, i: derechohabientes.editar_derechohabiente(
        c, i["dh_hijo"], {"estudiante": True})),
    "quitar_derechohabiente": ("cargar", lambda c, i: derechohabientes.quitar_derechohabiente(c, i["dh_hijo"])),
    "adjuntar_documento": ("cargar", lambda c, i: documentos.adjuntar_documento(c, i["siniestro"], "VIB", b"x", "a.pdf")),
    "calcular": ("calcular", lambda c, i: liquidaciones.calcular(c, i["siniestro"], date(2018, 5, 11))),
    "calcular_con_opciones": ("override", lambda c, i: liquidaciones.calcular(
        c, i["siniestro"], date(2018, 5, 11), {"ripte_referencia": "mes_anterior"})),
    "aplicar_porcentajes_por_ley": ("proponer", lambda c, i: derechohabientes.aplicar_porcentajes_por_ley(
        c, i["siniestro"])),
    "modificar_porcentajes": ("proponer", lambda c, i: derechohabientes.modificar_porcentajes(
        c, i["siniestro"], {i["dh_conyuge"]: "50", i["dh_hijo"]: "50"}, "motivo")),
    "seleccionar": ("proponer", lambda c, i: derechohabientes.seleccionar(c, i["siniestro"], i["dh"])),
    "acreditar_seleccionados": ("acreditar", lambda c, i: derechohabientes.acreditar_seleccionados(c, i["siniestro"])),
    "registrar_pago": ("pagar", lambda c, i: pagos.registrar_pago(c, i["dh_hijo"], date(2018, 6, 1), "1", "x")),
}

# what the issue asks, written out: a change to nucleo.PERMISOS that breaks it fails here
PUEDEN = {
    "cargar": {"operador", "liquidador", "supervisor"},
    "calcular": {"liquidador", "supervisor"},
    "proponer": {"liquidador", "supervisor"},
    "acreditar": {"supervisor"},
    "pagar": {"supervisor"},
    "override": {"supervisor"},
}


def test_la_matriz_de_permisos_es_la_del_issue():
    assert {p: set(PERMISOS[p]) for p in PUEDEN} == PUEDEN
    assert set(PERMISOS["usuarios"]) == set(PERMISOS["parametros"]) == {"administrador"}


@pytest.mark.parametrize("rol", ["operador", "liquidador", "supervisor", "administrador"])
def test_cada_rol_no_puede_lo_que_no_le_toca(fabrica, op, liq, contexto, rol):
    ids = liquidado(op, liq, crear_caso_muerte(op))
    ctx = contexto(rol, f"{rol}_2")
    negados = {n for n, (permiso, _) in CASOS_DE_USO.items()
               if rol not in PUEDEN[permiso] or (n == "calcular_con_opciones" and rol not in PUEDEN["calcular"])}
    for nombre in sorted(negados):
        _, caso = CASOS_DE_USO[nombre]
        with sin_cambios(fabrica), pytest.raises(PermisoDenegado) as e:
            caso(ctx, ids)
        assert rol in e.value.mensaje, nombre
    esperados = {
        "operador": set(CASOS_DE_USO) - {n for n, (p, _) in CASOS_DE_USO.items() if p == "cargar"},
        "liquidador": {"calcular_con_opciones", "acreditar_seleccionados", "registrar_pago"},
        "supervisor": set(),
        "administrador": set(CASOS_DE_USO),
    }
    assert negados == esperados[rol]
