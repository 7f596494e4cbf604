"""Siniestros: registration rules, optimistic locking between two PCs, the 12 salary months."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.errors import ConflictoEdicion, DatosInvalidos, NoEncontrado, ReglaIncumplida
from app.services import agentes, siniestros

from .ayudas import acreditado, crear_agente, crear_caso_muerte, datos_siniestro, sin_cambios, una_auditoria

D = Decimal


def test_registrar_y_obtener(fabrica, op):
    ids = crear_agente(op)
    with una_auditoria(fabrica, "olga", "registrar_siniestro", "siniestro") as a:
        sid = siniestros.registrar_siniestro(op, datos_siniestro(ids["agente"], fecha_fallecimiento=None))
    assert a.auditoria.entidad_id == str(sid) and a.auditoria.despues["numero"] == "S-2018-001"
    s = siniestros.obtener_siniestro(op, sid)
    assert s["version"] == 1 and s["estado"] == "denunciado" and s["modificado_por"] == "olga"
    assert s["fecha_fallecimiento"] == date(2018, 5, 3)  # a death without date of death: the PMI
    assert s["agente"]["apellido_nombre"] == "Pérez Núñez, Juan"
    assert s["derechohabientes"] == [] and s["acreditado"] is False and s["ultima_liquidacion"] is None


def test_registrar_ilp(fabrica, op):
    ids = crear_agente(op)
    sid = siniestros.registrar_siniestro(op, datos_siniestro(
        ids["agente"], tipo="ilp", fecha_fallecimiento=None, porcentaje_incapacidad="35.5"))
    assert siniestros.obtener_siniestro(op, sid)["porcentaje_incapacidad"] == D("35.5")


INVALIDOS = [
    ({"numero": ""}, "numero", "vacío"),
    ({"agente_id": 987654}, "agente_id", "no existe"),
    ({"tipo": "otro"}, "tipo", "muerte, ilp o gran_invalidez"),
    ({"fecha_pmi": date(1978, 5, 3)}, "fecha_pmi", "nacimiento"),
    ({"fecha_pmi": date.today() + timedelta(days=1), "fecha_fallecimiento": None, "fecha_denuncia": None,
      "fecha_recepcion": None}, "fecha_pmi", "posterior a hoy"),
    ({"fecha_fallecimiento": date(2018, 5, 2)}, "fecha_fallecimiento", "anterior a la PMI"),
    ({"fecha_denuncia": date(2018, 5, 2)}, "fecha_denuncia", "anterior a la PMI"),
    ({"fecha_recepcion": date(2018, 5, 3)}, "fecha_recepcion", "anterior a la denuncia"),
    ({"tipo": "ilp", "fecha_fallecimiento": None, "porcentaje_incapacidad": "120"}, "porcentaje_incapacidad", "entre 0 y 100"),
    ({"tipo": "ilp", "fecha_fallecimiento": None}, "porcentaje_incapacidad", "falta"),
    ({"tipo": "ilp", "fecha_fallecimiento": None, "porcentaje_incapacidad": "10.555"}, "porcentaje_incapacidad", "decimales"),
    ({"tipo": "gran_invalidez", "fecha_fallecimiento": None, "porcentaje_incapacidad": "50"},
     "porcentaje_incapacidad", "66"),
    ({"tipo": "ilp", "porcentaje_incapacidad": "50"}, "fecha_fallecimiento", "solo corresponde"),
    ({"in_itinere": "no"}, "in_itinere", "verdadero o falso"),
    ({"fecha_pmi": "03/05/2018"}, "fecha_pmi", "AAAA-MM-DD"),
    ({"estado": "pagado"}, "estado", "desconocido"),
]


@pytest.mark.parametrize("cambios, campo, texto", INVALIDOS)
def test_siniestro_invalido_no_escribe_nada(fabrica, op, cambios, campo, texto):
    ids = crear_agente(op)
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as e:
        siniestros.registrar_siniestro(op, {**datos_siniestro(ids["agente"]), **cambios})
    assert e.value.campo == campo
    assert texto in e.value.mensaje


def test_numero_repetido(fabrica, op):
    ids = crear_caso_muerte(op, familia=False)
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as e:
        siniestros.registrar_siniestro(op, datos_siniestro(ids["agente"]))
    assert e.value.campo == "numero" and "ya existe" in e.value.mensaje


def test_editar_con_la_version_leida(fabrica, op, liq):
    ids = crear_caso_muerte(op, familia=False)
    version = siniestros.obtener_siniestro(liq, ids["siniestro"])["version"]
    with una_auditoria(fabrica, "lucas", "editar_siniestro", "siniestro") as a:
        nueva = siniestros.editar_siniestro(liq, ids["siniestro"], {"tipo_accidente": "caída"}, version)
    assert nueva == version + 1
    assert a.auditoria.antes["tipo_accidente"] is None and a.auditoria.despues["tipo_accidente"] == "caída"
    s = siniestros.obtener_siniestro(op, ids["siniestro"])
    assert s["version"] == nueva and s["modificado_por"] == "lucas" and s["tipo_accidente"] == "caída"


def test_dos_pc_editan_el_mismo_siniestro_la_segunda_se_rechaza(fabrica, contexto):
    pc1 = contexto("operador", "ana")
    pc2 = contexto("liquidador", "bruno")
    ids = crear_caso_muerte(pc1, familia=False)
    leido1 = siniestros.obtener_siniestro(pc1, ids["siniestro"])
    leido2 = siniestros.obtener_siniestro(pc2, ids["siniestro"])
    assert leido1["version"] == leido2["version"]
    siniestros.editar_siniestro(pc1, ids["siniestro"], {"tipo_accidente": "caída"}, leido1["version"])
    with sin_cambios(fabrica), pytest.raises(ConflictoEdicion) as e:
        siniestros.editar_siniestro(pc2, ids["siniestro"], {"tipo_accidente": "choque"}, leido2["version"])
    assert "S-2018-001 fue modificado por ana a las" in e.value.mensaje
    assert "no se guardó nada" in e.value.mensaje
    assert siniestros.obtener_siniestro(pc2, ids["siniestro"])["tipo_accidente"] == "caída"


def test_editar_valida_fechas_del_resultado(fabrica, op):
    ids = crear_caso_muerte(op, familia=False)
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as e:
        siniestros.editar_siniestro(op, ids["siniestro"], {"fecha_pmi": date(2018, 5, 5)}, 1)
    assert e.value.campo == "fecha_fallecimiento"


def test_editar_siniestro_inexistente(fabrica, op):
    with sin_cambios(fabrica), pytest.raises(NoEncontrado):
        siniestros.editar_siniestro(op, 424242, {"tipo_accidente": "x"}, 1)


def test_remuneraciones_del_siniestro_son_los_12_meses_anteriores_a_la_pmi(fabrica, op):
    ids = crear_caso_muerte(op, familia=False, remuneraciones=[
        {"periodo": "2017-04", "remuneracion": "1.00"},  # M-13: outside
        {"periodo": "2017-05", "remuneracion": "500.00", "sac": "250.00"},  # M-12
        {"periodo": "2018-04", "remuneracion": "100000.00"},  # M-1
        {"periodo": "2018-05", "remuneracion": "7.00"},  # the PMI month: outside
    ])
    filas = siniestros.remuneraciones_del_siniestro(op, ids["siniestro"])
    assert [f["periodo"] for f in filas] == [f"2017-{m:02d}" for m in range(5, 13)] + [f"2018-{m:02d}" for m in range(1, 5)]
    assert filas[0] == {"periodo": "2017-05", "remuneracion": D("500.00"), "sac": D("250.00"), "cargada": True}
    assert filas[-1]["remuneracion"] == D("100000.00")
    assert filas[5] == {"periodo": "2017-10", "remuneracion": D("0.00"), "sac": D("0.00"), "cargada": False}
    assert sum(1 for f in filas if f["cargada"]) == 2


def test_tras_acreditar_los_datos_del_calculo_solo_los_cambia_un_supervisor(fabrica, op, liq, sup):
    ids = acreditado(op, liq, sup, crear_caso_muerte(op))
    version = siniestros.obtener_siniestro(op, ids["siniestro"])["version"]
    with sin_cambios(fabrica), pytest.raises(ReglaIncumplida, match="requiere un supervisor"):
        siniestros.editar_siniestro(liq, ids["siniestro"], {"in_itinere": True}, version)
    # fields that do not change the amounts stay editable
    version = siniestros.editar_siniestro(op, ids["siniestro"], {"fecha_pre_acuerdo": date(2018, 6, 1)}, version)
    siniestros.editar_siniestro(sup, ids["siniestro"], {"in_itinere": True}, version)
    assert siniestros.obtener_siniestro(op, ids["siniestro"])["in_itinere"] is True


def test_obtener_agente_inexistente(fabrica, op):
    with pytest.raises(NoEncontrado):
        agentes.obtener_agente(op, 5)
