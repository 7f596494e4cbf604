"""Two PCs on PostgreSQL at the same moment: the use cases on one siniestro take its row lock, so
the second one sees what the first saved (and is refused by the rules) instead of overwriting it.

PostgreSQL only. SQLite is the single-PC store, and through pysqlite's default transaction handling
a transaction only begins at its first write (the reads before it hold no lock and no snapshot),
so the same interleavings are not guarded there the same way."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.errors import ConflictoEdicion, ReglaIncumplida
from app.models import Pago, Siniestro, ahora
from app.services import derechohabientes, pagos, siniestros

from .ayudas import acreditado, crear_caso_muerte, importe_de, liquidado


@pytest.fixture
def fabrica_pg(fabrica):
    if fabrica.kw["bind"].dialect.name != "postgresql":
        pytest.skip("concurrencia entre PC: solo PostgreSQL")
    return fabrica


def _en_hilo(funcion):
    resultado = {}

    def correr():
        try:
            resultado["valor"] = funcion()
        except Exception as e:  # noqa: BLE001 - handed to the test
            resultado["error"] = e

    hilo = threading.Thread(target=correr, daemon=True)
    hilo.start()
    return hilo, resultado


def test_agregar_dh_mientras_se_acredita_espera_y_se_rechaza(fabrica_pg, op, liq):
    ids = liquidado(op, liq, crear_caso_muerte(op))
    with fabrica_pg.begin() as otra_pc:  # another PC is accrediting: holds the siniestro's row
        s = otra_pc.get(Siniestro, ids["siniestro"], with_for_update=True)
        hilo, resultado = _en_hilo(lambda: derechohabientes.agregar_derechohabiente(
            op, ids["siniestro"], {"parentesco": "madre", "apellido_nombre": "Tarde, Marta"}))
        hilo.join(0.5)
        assert hilo.is_alive(), "agregar_derechohabiente no esperó el bloqueo del siniestro"
        s.acreditado_en = ahora()
        s.estado = "acreditado"
    hilo.join(10)
    assert isinstance(resultado.get("error"), ReglaIncumplida), resultado
    assert len(derechohabientes.listar_derechohabientes(op, ids["siniestro"])) == 2


def test_dos_pagos_simultaneos_del_saldo_entero(fabrica_pg, op, liq, sup, contexto):
    ids = acreditado(op, liq, sup, crear_caso_muerte(op))
    corresponde = importe_de(ids["liquidacion"], ids["dh_hijo"])
    sup2 = contexto("supervisor", "sergio")
    barrera = threading.Barrier(2)

    def pagar(ctx):
        barrera.wait()
        return pagos.registrar_pago(ctx, ids["dh_hijo"], date(2018, 6, 1), corresponde, "transferencia")

    hilos = [_en_hilo(lambda c=c: pagar(c)) for c in (sup, sup2)]
    for hilo, _ in hilos:
        hilo.join(20)
    resultados = [r for _, r in hilos]
    assert sum("valor" in r for r in resultados) == 1
    assert sum(isinstance(r.get("error"), ReglaIncumplida) for r in resultados) == 1
    with fabrica_pg() as s:
        assert sum(p.importe for p in s.scalars(select(Pago))) == corresponde


def test_dos_ediciones_simultaneas_de_la_misma_version(fabrica_pg, op, contexto):
    ids = crear_caso_muerte(op, familia=False)
    pcs = [contexto("operador", "ana"), contexto("operador", "beto")]
    version = siniestros.obtener_siniestro(op, ids["siniestro"])["version"]
    barrera = threading.Barrier(2)

    def editar(ctx):
        barrera.wait()
        return siniestros.editar_siniestro(ctx, ids["siniestro"], {"tipo_accidente": ctx.actor.usuario}, version)

    hilos = [_en_hilo(lambda c=c: editar(c)) for c in pcs]
    for hilo, _ in hilos:
        hilo.join(20)
    resultados = [r for _, r in hilos]
    assert sum("valor" in r for r in resultados) == 1
    error = next(r["error"] for r in resultados if "error" in r)
    assert isinstance(error, ConflictoEdicion)
    ganador = siniestros.obtener_siniestro(op, ids["siniestro"])["tipo_accidente"]
    assert f"fue modificado por {ganador} a las" in error.mensaje
    assert Decimal(siniestros.obtener_siniestro(op, ids["siniestro"])["version"]) == version + 1
