"""Organismos, agentes, familiares and the salary history."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.errors import ConflictoEdicion, DatosInvalidos
from app.models import Agente, Remuneracion
from app.services import agentes

from .ayudas import (
    CBU_VALIDA,
    CUIL_AGENTE,
    CUIL_CONYUGE,
    crear_agente,
    cuil,
    datos_agente,
    sin_cambios,
    una_auditoria,
)

D = Decimal


def test_registrar_organismo_y_agente(fabrica, op):
    with una_auditoria(fabrica, "olga", "registrar_organismo", "organismo") as a:
        org = agentes.registrar_organismo(op, {"codigo": "MS", "nombre": "Ministerio de Salud",
                                               "cuit": cuil("30", 99999999)})
    assert a.auditoria.entidad_id == str(org)
    with una_auditoria(fabrica, "olga", "registrar_agente", "agente") as a:
        ag = agentes.registrar_agente(op, datos_agente(org))
    assert a.auditoria.entidad_id == str(ag) and a.auditoria.antes is None
    assert a.auditoria.despues["cuil"] == CUIL_AGENTE.replace("-", "")
    with fabrica() as s:
        agente = s.get(Agente, ag)
        assert agente.cuil == CUIL_AGENTE.replace("-", "")  # 11 digits, no dashes
        assert agente.apellido_nombre == "Pérez Núñez, Juan"
        assert agente.busqueda == "PEREZ NUNEZ, JUAN"
        assert agente.version == 1 and agente.modificado_por == "olga"
    datos = agentes.obtener_agente(op, ag)
    assert datos["organismo"] == "Ministerio de Salud" and datos["version"] == 1


def test_cuil_sin_guiones_se_acepta(fabrica, op):
    ids = crear_agente(op, cuil=CUIL_AGENTE.replace("-", ""))
    assert agentes.obtener_agente(op, ids["agente"])["cuil"] == CUIL_AGENTE.replace("-", "")


AGENTES_INVALIDOS = [
    ({"cuil": CUIL_AGENTE[:-1] + str((int(CUIL_AGENTE[-1]) + 1) % 10)}, "cuil", "verificador"),
    ({"cuil": "20-1234567-1"}, "cuil", "11 dígitos"),
    ({"cuil": "20-1234567A-1"}, "cuil", "dígitos"),
    ({"cuil": None}, "cuil", "falta"),
    ({"apellido_nombre": "   "}, "apellido_nombre", "vacío"),
    ({"fecha_nacimiento": date.today() + timedelta(days=1)}, "fecha_nacimiento", "pasada"),
    ({"fecha_nacimiento": "1978-02-30"}, "fecha_nacimiento", "fecha real"),
    ({"fecha_inicio_actividad": date(2010, 1, 1), "fecha_baja_actividad": date(2009, 12, 31)},
     "fecha_baja_actividad", "anterior al inicio"),
    ({"organismo_id": 999999}, "organismo_id", "no existe"),
    ({"sueldo": 1}, "sueldo", "desconocido"),
]


@pytest.mark.parametrize("cambios, campo, texto", AGENTES_INVALIDOS)
def test_agente_invalido_no_escribe_nada(fabrica, op, cambios, campo, texto):
    org = agentes.registrar_organismo(op, {"codigo": "MS", "nombre": "Ministerio de Salud"})
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as e:
        agentes.registrar_agente(op, {**datos_agente(org), **cambios})
    assert e.value.campo == campo
    assert texto in e.value.mensaje


def test_cuil_repetido_nombra_al_otro_agente(fabrica, op):
    ids = crear_agente(op)
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as e:
        agentes.registrar_agente(op, datos_agente(ids["organismo"], apellido_nombre="Otro"))
    assert e.value.campo == "cuil" and "Pérez Núñez, Juan" in e.value.mensaje


def test_organismo_con_codigo_repetido_o_cuit_invalido(fabrica, op):
    agentes.registrar_organismo(op, {"codigo": "MS", "nombre": "Ministerio de Salud"})
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos, match="código"):
        agentes.registrar_organismo(op, {"codigo": "MS", "nombre": "Otro"})
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as e:
        agentes.registrar_organismo(op, {"codigo": "ME", "nombre": "Otro", "cuit": "30-12345678-0"})
    assert e.value.campo == "cuit"


def test_editar_agente_con_version(fabrica, op, liq):
    ids = crear_agente(op)
    with una_auditoria(fabrica, "lucas", "editar_agente", "agente") as a:
        nueva = agentes.editar_agente(liq, ids["agente"], {"apellido_nombre": "Pérez, Juan Carlos"}, 1)
    assert nueva == 2
    assert a.auditoria.antes["apellido_nombre"] == "Pérez Núñez, Juan"
    assert a.auditoria.despues["apellido_nombre"] == "Pérez, Juan Carlos"
    with fabrica() as s:
        assert s.get(Agente, ids["agente"]).busqueda == "PEREZ, JUAN CARLOS"
    # someone still holding version 1 cannot save over it
    with sin_cambios(fabrica), pytest.raises(ConflictoEdicion) as e:
        agentes.editar_agente(op, ids["agente"], {"localidad": "La Plata"}, 1)
    assert "lucas" in e.value.mensaje and "a las" in e.value.mensaje


def test_editar_agente_valida_el_resultado(fabrica, op):
    ids = crear_agente(op)
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as e:
        agentes.editar_agente(op, ids["agente"], {"fecha_baja_actividad": date(2000, 1, 1)}, 1)
    assert e.value.campo == "fecha_baja_actividad"


def test_familiares(fabrica, op):
    ids = crear_agente(op)
    with una_auditoria(fabrica, "olga", "registrar_familiar", "familiar"):
        f = agentes.registrar_familiar(op, ids["agente"], {
            "parentesco": "conyuge", "apellido_nombre": "Gómez, María", "cuil": CUIL_CONYUGE,
            "cbu": "28505909 40090418135201"})
    with una_auditoria(fabrica, "olga", "editar_familiar", "familiar") as a:
        agentes.editar_familiar(op, f, {"domicilio": "Calle 7 N° 123"})
    assert a.auditoria.despues["domicilio"] == "Calle 7 N° 123"
    familia = agentes.obtener_agente(op, ids["agente"])["familiares"]
    assert familia[0]["cuil"] == CUIL_CONYUGE.replace("-", "") and familia[0]["cbu"] == CBU_VALIDA


@pytest.mark.parametrize("datos, campo", [
    ({"parentesco": "tio", "apellido_nombre": "X"}, "parentesco"),
    ({"parentesco": "hijo", "apellido_nombre": "X"}, "fecha_nacimiento"),
    ({"parentesco": "madre", "apellido_nombre": "X", "cuil": "27-11111111-0"}, "cuil"),
    ({"parentesco": "madre", "apellido_nombre": "X", "cbu": "2850590940090418135202"}, "cbu"),
    ({"parentesco": "madre", "apellido_nombre": "X", "estudiante": "si"}, "estudiante"),
    ({"parentesco": "madre", "apellido_nombre": ""}, "apellido_nombre"),
])
def test_familiar_invalido(fabrica, op, datos, campo):
    ids = crear_agente(op)
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as e:
        agentes.registrar_familiar(op, ids["agente"], datos)
    assert e.value.campo == campo


def test_familiar_con_cuil_repetido_en_la_familia(fabrica, op):
    ids = crear_agente(op)
    agentes.registrar_familiar(op, ids["agente"], {"parentesco": "madre", "apellido_nombre": "A", "cuil": CUIL_CONYUGE})
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos, match="ya figura"):
        agentes.registrar_familiar(op, ids["agente"], {"parentesco": "padre", "apellido_nombre": "B", "cuil": CUIL_CONYUGE})


def _remuneraciones(fabrica, agente_id):
    with fabrica() as s:
        return {r.periodo: (r.remuneracion, r.sac) for r in s.scalars(
            select(Remuneracion).where(Remuneracion.agente_id == agente_id))}


def test_cargar_remuneraciones_una_transaccion_una_auditoria(fabrica, op):
    ids = crear_agente(op)
    filas = [{"periodo": f"2017-{m:02d}", "remuneracion": D("30000.50"), "sac": "0"} for m in range(1, 13)]
    filas[5]["sac"] = "15000.25"
    with una_auditoria(fabrica, "olga", "cargar_remuneraciones", "agente") as a:
        assert agentes.cargar_remuneraciones(op, ids["agente"], filas) == {"cargadas": 12, "reemplazadas": 0}
    assert a.auditoria.entidad_id == str(ids["agente"]) and a.auditoria.antes is None
    assert len(a.auditoria.despues["remuneraciones"]) == 12
    guardadas = _remuneraciones(fabrica, ids["agente"])
    assert guardadas["2017-06"] == (D("30000.50"), D("15000.25"))
    assert len(guardadas) == 12


def test_periodo_ya_cargado_se_rechaza_salvo_reemplazar(fabrica, op):
    ids = crear_agente(op)
    agentes.cargar_remuneraciones(op, ids["agente"], [
        {"periodo": "2018-03", "remuneracion": "100"}, {"periodo": "2018-04", "remuneracion": "200"}])
    nuevas = [{"periodo": "2018-05", "remuneracion": "500"}, {"periodo": "2018-04", "remuneracion": "250"}]
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as e:
        agentes.cargar_remuneraciones(op, ids["agente"], nuevas)
    assert e.value.campo == "filas[1].periodo" and "2018-04" in e.value.mensaje
    with una_auditoria(fabrica, "olga", "cargar_remuneraciones", "agente") as a:
        assert agentes.cargar_remuneraciones(op, ids["agente"], nuevas, reemplazar=True) == {
            "cargadas": 2, "reemplazadas": 1}
    assert a.auditoria.antes == {"remuneraciones": [{"periodo": "2018-04", "remuneracion": "200.00", "sac": "0.00"}]}
    assert [f["periodo"] for f in a.auditoria.despues["remuneraciones"]] == ["2018-04", "2018-05"]
    assert _remuneraciones(fabrica, ids["agente"]) == {
        "2018-03": (D("100.00"), D("0.00")), "2018-04": (D("250.00"), D("0.00")), "2018-05": (D("500.00"), D("0.00"))}


BUENA = {"periodo": "2018-01", "remuneracion": "1000.00", "sac": "0"}


@pytest.mark.parametrize("mala, campo, texto", [
    ({"periodo": "2018-13", "remuneracion": "1"}, "filas[3].periodo", "mes real"),
    ({"periodo": "2018/04", "remuneracion": "1"}, "filas[3].periodo", "AAAA-MM"),
    ({"periodo": None, "remuneracion": "1"}, "filas[3].periodo", "falta"),
    ({"periodo": "2018-09", "remuneracion": "-1"}, "filas[3].remuneracion", "negativo"),
    ({"periodo": "2018-09", "remuneracion": "1", "sac": "1.234"}, "filas[3].sac", "2 decimales"),
    ({"periodo": "2018-09", "remuneracion": 1.5}, "filas[3].remuneracion", "exacto"),
    ({"periodo": "2018-09", "remuneracion": "1,5"}, "filas[3].remuneracion", "no es un número"),
    ({"periodo": "2018-09"}, "filas[3].remuneracion", "falta"),
    ({"periodo": "2018-02", "remuneracion": "1"}, "filas[3].periodo", "repetido"),
    ({"periodo": "2018-09", "remuneracion": "1", "extra": 1}, "filas[3].extra", "desconocido"),
])
def test_fila_mala_nombra_fila_y_campo_y_no_escribe_nada(fabrica, op, mala, campo, texto):
    ids = crear_agente(op)
    filas = [BUENA, {**BUENA, "periodo": "2018-02"}, {**BUENA, "periodo": "2018-03"}, mala]
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as e:
        agentes.cargar_remuneraciones(op, ids["agente"], filas)
    assert e.value.campo == campo
    assert texto in e.value.mensaje


def test_sin_filas(fabrica, op):
    ids = crear_agente(op)
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as e:
        agentes.cargar_remuneraciones(op, ids["agente"], [])
    assert e.value.campo == "filas"


def test_cuil_generado_es_valido():
    assert cuil("20", 12345678) == "20-12345678-6"
