"""Services added for the agent and siniestro forms: the family list, removing a family member
and the agent search of the new-siniestro form (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import DatosInvalidos, NoEncontrado, PermisoDenegado
from app.services import agentes, derechohabientes, siniestros

from .ayudas import (
    CUIL_AGENTE,
    cuil,
    crear_agente,
    crear_caso_muerte,
    datos_agente,
    sin_cambios,
    una_auditoria,
)


def test_listar_familiares_en_orden_de_carga(fabrica, op):
    ids = crear_caso_muerte(op)
    familia = agentes.listar_familiares(op, ids["agente"])
    assert [f["id"] for f in familia] == [ids["familiar_conyuge"], ids["familiar_hijo"]]
    assert [f["parentesco"] for f in familia] == ["conyuge", "hijo"]
    assert familia == agentes.obtener_agente(op, ids["agente"])["familiares"]
    with pytest.raises(NoEncontrado):
        agentes.listar_familiares(op, 987654)


def test_quitar_familiar_una_transaccion_y_una_auditoria(fabrica, op):
    ids = crear_caso_muerte(op)
    with una_auditoria(fabrica, "olga", "quitar_familiar", "familiar") as a:
        agentes.quitar_familiar(op, ids["familiar_hijo"])
    assert a.auditoria.entidad_id == str(ids["familiar_hijo"])
    assert a.auditoria.antes["apellido_nombre"] == "Pérez, Tomás" and a.auditoria.despues is None
    assert [f["id"] for f in agentes.listar_familiares(op, ids["agente"])] == [ids["familiar_conyuge"]]
    # the agent itself is not touched (its version stays)
    assert agentes.obtener_agente(op, ids["agente"])["version"] == 1


def test_quitar_familiar_ya_propuesto_como_dh_conserva_el_dh(fabrica, op):
    ids = crear_caso_muerte(op)
    dh_conyuge, _ = derechohabientes.proponer_desde_familia(op, ids["siniestro"])
    agentes.quitar_familiar(op, ids["familiar_conyuge"])
    dh = next(d for d in siniestros.obtener_siniestro(op, ids["siniestro"])["derechohabientes"]
              if d["id"] == dh_conyuge)
    assert dh["familiar_id"] is None and dh["apellido_nombre"] == "Gómez, María"


def test_quitar_familiar_inexistente_o_sin_permiso_no_cambia_nada(fabrica, op, adm):
    ids = crear_caso_muerte(op)
    with sin_cambios(fabrica):
        with pytest.raises(NoEncontrado, match="familiar 424242"):
            agentes.quitar_familiar(op, 424242)
        with pytest.raises(PermisoDenegado):
            agentes.quitar_familiar(adm, ids["familiar_hijo"])


def test_buscar_agentes_por_cuil_o_apellido(fabrica, op):
    ids = crear_agente(op)  # «Pérez Núñez, Juan», CUIL 20-12345678-?
    otro = agentes.registrar_agente(op, datos_agente(ids["organismo"], cuil=cuil("27", 30111222),
                                                     apellido_nombre="Peralta, Ana"))
    digitos = CUIL_AGENTE.replace("-", "")
    assert [a["id"] for a in agentes.buscar_agentes(op, CUIL_AGENTE)] == [ids["agente"]]
    assert [a["id"] for a in agentes.buscar_agentes(op, digitos[:6])] == [ids["agente"]]
    assert [a["id"] for a in agentes.buscar_agentes(op, "27-3011")] == [otro]
    # accents and case ignored, ordered by name
    assert [a["apellido_nombre"] for a in agentes.buscar_agentes(op, "pe")] == ["Peralta, Ana", "Pérez Núñez, Juan"]
    assert [a["id"] for a in agentes.buscar_agentes(op, "PEREZ nunez")] == [ids["agente"]]
    encontrado = agentes.buscar_agentes(op, "perez")[0]
    assert encontrado == {"id": ids["agente"], "cuil": digitos, "apellido_nombre": "Pérez Núñez, Juan",
                          "fecha_nacimiento": date(1978, 5, 3), "organismo": "Ministerio de Salud"}


def test_buscar_agentes_sin_coma_encuentra_apellido_y_nombre(fabrica, op):
    ids = crear_agente(op, apellido_nombre="Gómez, María Laura")
    assert [a["id"] for a in agentes.buscar_agentes(op, "gomez maria")] == [ids["agente"]]
    assert [a["id"] for a in agentes.buscar_agentes(op, "gomez, maria l")] == [ids["agente"]]
    assert agentes.buscar_agentes(op, "maria") == []


def test_buscar_agentes_vacio_limite_y_permiso(fabrica, op, adm):
    org = crear_agente(op)["organismo"]
    for n in range(3):
        agentes.registrar_agente(op, datos_agente(org, cuil=cuil("20", 40000000 + n), apellido_nombre=f"Zapata, {n}"))
    assert agentes.buscar_agentes(op, "  ") == [] and agentes.buscar_agentes(op, None) == []
    assert agentes.buscar_agentes(op, "201234567890") == []  # more than 11 digits: no CUIL
    assert len(agentes.buscar_agentes(op, "zapata", limite=2)) == 2
    with pytest.raises(DatosInvalidos, match="limite"):
        agentes.buscar_agentes(op, "zapata", limite=0)
    # consultar is every role's: the administrator may search too
    assert len(agentes.buscar_agentes(adm, "zapata")) == 3


def test_contar_agentes(fabrica, op):
    assert agentes.contar_agentes(op) == 0
    org = crear_agente(op)["organismo"]
    agentes.registrar_agente(op, datos_agente(org, cuil=cuil("27", 30111222)))
    assert agentes.contar_agentes(op) == 2
