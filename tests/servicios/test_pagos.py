"""PAGO: only to accredited DH, never more than the DH's amount in the latest liquidation."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.errors import DatosInvalidos, PermisoDenegado, ReglaIncumplida
from app.services import derechohabientes as dhs
from app.services import pagos, siniestros

from .ayudas import acreditado, crear_caso_muerte, importe_de, liquidado, sin_cambios, una_auditoria

D = Decimal
FECHA = date(2018, 6, 1)


def test_pago_parcial_y_saldo(fabrica, op, liq, sup):
    ids = acreditado(op, liq, sup, crear_caso_muerte(op))
    corresponde = importe_de(ids["liquidacion"], ids["dh_hijo"])
    with una_auditoria(fabrica, "sofia", "registrar_pago", "pago") as a:
        pid = pagos.registrar_pago(sup, ids["dh_hijo"], FECHA, "1000000.00", "transferencia", "OP 123/2018")
    assert a.auditoria.entidad_id == str(pid)
    assert a.auditoria.despues["importe"] == "1000000.00"
    assert D(a.auditoria.despues["saldo"]) == corresponde - D("1000000.00")
    s = pagos.saldo(op, ids["dh_hijo"])
    assert (s["corresponde"], s["pagado"], s["saldo"]) == (corresponde, D("1000000.00"), corresponde - D("1000000.00"))
    assert s["pagos"][0]["comprobante"] == "OP 123/2018" and s["pagos"][0]["registrado_por"] == "sofia"
    assert siniestros.obtener_siniestro(op, ids["siniestro"])["estado"] == "acreditado"


def test_nunca_mas_que_lo_que_corresponde(fabrica, op, liq, sup):
    ids = acreditado(op, liq, sup, crear_caso_muerte(op))
    corresponde = importe_de(ids["liquidacion"], ids["dh_hijo"])
    pagos.registrar_pago(sup, ids["dh_hijo"], FECHA, corresponde - D("100.00"), "transferencia")
    with sin_cambios(fabrica), pytest.raises(ReglaIncumplida) as e:
        pagos.registrar_pago(sup, ids["dh_hijo"], FECHA, "100.01", "transferencia")
    assert "supera el saldo de «Pérez, Tomás»" in e.value.mensaje
    assert "el saldo es $ 100,00" in e.value.mensaje
    pagos.registrar_pago(sup, ids["dh_hijo"], FECHA, "100.00", "transferencia")
    assert pagos.saldo(op, ids["dh_hijo"])["saldo"] == D("0.00")
    with sin_cambios(fabrica), pytest.raises(ReglaIncumplida, match=r"el saldo es \$ 0,00"):
        pagos.registrar_pago(sup, ids["dh_hijo"], FECHA, "0.01", "transferencia")


def test_todos_pagados_pasa_a_pagado(fabrica, op, liq, sup):
    ids = acreditado(op, liq, sup, crear_caso_muerte(op))
    pagos.registrar_pago(sup, ids["dh_conyuge"], FECHA, importe_de(ids["liquidacion"], ids["dh_conyuge"]), "transferencia")
    assert siniestros.obtener_siniestro(op, ids["siniestro"])["estado"] == "acreditado"
    with una_auditoria(fabrica, "sofia", "registrar_pago", "pago") as a:
        pagos.registrar_pago(sup, ids["dh_hijo"], FECHA, importe_de(ids["liquidacion"], ids["dh_hijo"]), "cheque")
    assert a.auditoria.despues["estado_siniestro"] == "pagado"
    s = siniestros.obtener_siniestro(op, ids["siniestro"])
    assert s["estado"] == "pagado" and s["modificado_por"] == "sofia"


def test_solo_a_dh_acreditados(fabrica, op, liq, sup):
    ids = liquidado(op, liq, crear_caso_muerte(op))
    dhs.seleccionar(liq, ids["siniestro"], [ids["dh_conyuge"]])
    dhs.acreditar_seleccionados(sup, ids["siniestro"])
    with sin_cambios(fabrica), pytest.raises(ReglaIncumplida, match="no está acreditado"):
        pagos.registrar_pago(sup, ids["dh_hijo"], FECHA, "10.00", "transferencia")
    # the only accredited DH fully paid: the siniestro is paid
    pagos.registrar_pago(sup, ids["dh_conyuge"], FECHA, importe_de(ids["liquidacion"], ids["dh_conyuge"]), "transferencia")
    assert siniestros.obtener_siniestro(op, ids["siniestro"])["estado"] == "pagado"


@pytest.mark.parametrize("fecha, importe, medio, campo, texto", [
    (FECHA, "0", "transferencia", "importe", "mayor que cero"),
    (FECHA, "-5", "transferencia", "importe", "negativo"),
    (FECHA, "10.001", "transferencia", "importe", "2 decimales"),
    (FECHA, 10.5, "transferencia", "importe", "exacto"),
    (FECHA, "10", " ", "medio", "vacío"),
    (date(2018, 5, 9), "10", "transferencia", "fecha", "anterior a la fecha de liquidación"),
    (date.today() + timedelta(days=1), "10", "transferencia", "fecha", "posterior a hoy"),
    (None, "10", "transferencia", "fecha", "falta"),
])
def test_pago_invalido(fabrica, op, liq, sup, fecha, importe, medio, campo, texto):
    ids = acreditado(op, liq, sup, crear_caso_muerte(op))
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as e:
        pagos.registrar_pago(sup, ids["dh_hijo"], fecha, importe, medio)
    assert e.value.campo == campo and texto in e.value.mensaje


def test_pago_de_un_no_supervisor(fabrica, op, liq, sup):
    ids = acreditado(op, liq, sup, crear_caso_muerte(op))
    for ctx in (op, liq):
        with sin_cambios(fabrica), pytest.raises(PermisoDenegado):
            pagos.registrar_pago(ctx, ids["dh_hijo"], FECHA, "10.00", "transferencia")


def test_saldo_sin_liquidacion(fabrica, op):
    ids = crear_caso_muerte(op)
    dh = dhs.proponer_desde_familia(op, ids["siniestro"])[0]
    assert pagos.saldo(op, dh) == {"derechohabiente_id": dh, "acreditado": False, "liquidacion_version": None,
                                   "corresponde": None, "pagado": D("0.00"), "saldo": None, "pagos": []}
