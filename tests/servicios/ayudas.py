"""Helpers of the service tests: a snapshot of the whole store, the audit rows a use case wrote,
valid CUILs and the scenario of a fatal siniestro built through the services themselves."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from stdnum.ar import cuit

from app.models import Auditoria, Base
from app.services import agentes, derechohabientes, liquidaciones, siniestros

D = Decimal


def cuil(prefijo: str, dni: int) -> str:
    """A valid CUIL «PP-DDDDDDDD-V» (check digit computed, as python-stdnum validates it)."""
    base = f"{prefijo}{dni:08d}"
    return f"{prefijo}-{dni:08d}-{cuit.calc_check_digit(base)}"


def instantanea(fabrica) -> dict:
    """Every row of every case table (the parameter tables, which no use case here writes, are
    only counted by `contar`): equal snapshots = nothing changed."""
    with fabrica() as s:
        return {t.name: sorted((tuple(f) for f in s.execute(select(t)).all()), key=repr)
                for t in Base.metadata.sorted_tables if not t.name.startswith("parametro")}


def contar(fabrica) -> dict:
    with fabrica() as s:
        return {t.name: s.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}


@contextmanager
def sin_cambios(fabrica):
    """The block must leave the store exactly as it was (rows and counts, audit included)."""
    antes, cuentas = instantanea(fabrica), contar(fabrica)
    yield
    assert contar(fabrica) == cuentas
    assert instantanea(fabrica) == antes


class _Fila:
    auditoria: Auditoria | None = None


@contextmanager
def una_auditoria(fabrica, usuario: str, accion: str, entidad: str):
    """The block must write exactly one audit row, by `usuario`, with `accion` and `entidad`."""
    with fabrica() as s:
        ultimo = s.scalar(select(func.max(Auditoria.id))) or 0
    fila = _Fila()
    yield fila
    with fabrica() as s:
        nuevas = s.scalars(select(Auditoria).where(Auditoria.id > ultimo)).all()
    assert len(nuevas) == 1, [(a.accion, a.entidad) for a in nuevas]
    a = nuevas[0]
    assert (a.usuario, a.accion, a.entidad) == (usuario, accion, entidad)
    assert a.usuario_so == "pruebas"
    fila.auditoria = a


CUIL_AGENTE = cuil("20", 12345678)
CUIL_CONYUGE = cuil("27", 23456789)
CUIL_HIJO = cuil("20", 45678901)
CUIL_HIJA_MAYOR = cuil("27", 34567890)
CBU_VALIDA = "2850590940090418135201"


def datos_agente(organismo_id: int, **cambios) -> dict:
    datos = {
        "cuil": CUIL_AGENTE,
        "apellido_nombre": "Pérez  Núñez, Juan",
        "fecha_nacimiento": date(1978, 5, 3),  # 40 years old at the PMI
        "organismo_id": organismo_id,
        "fecha_inicio_actividad": date(2005, 3, 1),
    }
    datos.update(cambios)
    return datos


def datos_siniestro(agente_id: int, **cambios) -> dict:
    datos = {
        "numero": "S-2018-001",
        "agente_id": agente_id,
        "tipo": "muerte",
        "fecha_pmi": date(2018, 5, 3),
        "fecha_fallecimiento": date(2018, 5, 3),
        "in_itinere": False,
        "fecha_denuncia": date(2018, 5, 4),
        "fecha_recepcion": date(2018, 5, 7),
    }
    datos.update(cambios)
    return datos


def crear_agente(op, **cambios) -> dict:
    org = agentes.registrar_organismo(op, {"codigo": "MS", "nombre": "Ministerio de Salud"})
    ag = agentes.registrar_agente(op, datos_agente(org, **cambios))
    return {"organismo": org, "agente": ag}


def crear_caso_muerte(op, remuneraciones=None, familia: bool = True) -> dict:
    """Agent (40 at the PMI), one month of salary 2018-04 = 100,000.00, spouse and a child of 8
    in the family, a death on 2018-05-03. Nothing liquidated yet."""
    ids = crear_agente(op)
    agentes.cargar_remuneraciones(
        op, ids["agente"], remuneraciones if remuneraciones is not None
        else [{"periodo": "2018-04", "remuneracion": "100000.00", "sac": "0"}])
    if familia:
        ids["familiar_conyuge"] = agentes.registrar_familiar(op, ids["agente"], {
            "parentesco": "conyuge", "apellido_nombre": "Gómez, María", "cuil": CUIL_CONYUGE,
            "fecha_nacimiento": date(1980, 1, 1), "cbu": CBU_VALIDA})
        ids["familiar_hijo"] = agentes.registrar_familiar(op, ids["agente"], {
            "parentesco": "hijo", "apellido_nombre": "Pérez, Tomás", "cuil": CUIL_HIJO,
            "fecha_nacimiento": date(2010, 2, 1)})
    ids["siniestro"] = siniestros.registrar_siniestro(op, datos_siniestro(ids["agente"]))
    return ids


def con_dh(op, ids: dict) -> dict:
    ids["dh"] = derechohabientes.proponer_desde_familia(op, ids["siniestro"])
    ids["dh_conyuge"], ids["dh_hijo"] = ids["dh"]
    return ids


def liquidado(op, liq, ids: dict, fecha: date = date(2018, 5, 10)) -> dict:
    con_dh(op, ids)
    ids["liquidacion"] = liquidaciones.calcular(liq, ids["siniestro"], fecha)
    return ids


def acreditado(op, liq, sup, ids: dict) -> dict:
    liquidado(op, liq, ids)
    derechohabientes.seleccionar(liq, ids["siniestro"], ids["dh"])
    derechohabientes.acreditar_seleccionados(sup, ids["siniestro"])
    return ids


def importe_de(liquidacion: dict, dh_id: int) -> Decimal:
    return next(Decimal(p["importe"]) for p in liquidacion["resultado"]["reparto"] if p["id"] == str(dh_id))
