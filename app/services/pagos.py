"""PAGO: payments to accredited DH. What a DH is owed is its `importe` in the latest liquidation's
split; the payments registered never add up to more than that. When every accredited DH is fully
paid the siniestro becomes «pagado»."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from app.errors import DatosInvalidos, NoEncontrado, ReglaIncumplida
from app.liquidacion.dinero import formato_ar
from app.liquidacion.fechas import ddmmaaaa
from app.models import Derechohabiente, Liquidacion, Pago

from .entradas import leer_fecha, leer_importe, leer_texto, no_futura
from .liquidaciones import ultima_liquidacion
from .nucleo import Contexto, fila_a_dict, marcar_modificado
from .siniestros import cargar_siniestro

CERO = Decimal("0.00")


def _pesos(valor: Decimal) -> str:
    return f"$ {formato_ar(valor)}"


def _pagado(sesion, dh_id: int) -> Decimal:
    # a handful of rows per DH: summed here, as exact Decimals
    return sum((p.importe for p in sesion.scalars(select(Pago).where(Pago.derechohabiente_id == dh_id))), CERO)


def _corresponde(liq, dh: Derechohabiente) -> Decimal | None:
    if liq is None:
        return None
    for parte in liq.resultado.get("reparto", []):
        if parte["id"] == str(dh.id):
            return Decimal(parte["importe"])
    return None


def _pago_a_dict(p: Pago) -> dict:
    return {"id": p.id, "derechohabiente_id": p.derechohabiente_id, "liquidacion_id": p.liquidacion_id,
            "fecha": p.fecha, "importe": p.importe, "medio": p.medio, "comprobante": p.comprobante,
            "registrado_por": p.registrado_por, "registrado_en": p.registrado_en}


def registrar_pago(ctx: Contexto, dh_id: int, fecha, importe, medio: str, comprobante: str | None = None) -> int:
    """Register a payment to an accredited DH. Refused when it would exceed what the DH is owed
    (the message says the balance left). Returns the payment's id."""
    with ctx.caso_de_uso("pagar", "registrar_pago", "pago") as (sesion, registro):
        siniestro_id = sesion.scalar(select(Derechohabiente.siniestro_id).where(Derechohabiente.id == dh_id))
        if siniestro_id is None:
            raise NoEncontrado(f"No existe el derechohabiente {dh_id}.")
        s = cargar_siniestro(sesion, siniestro_id, bloquear=True)  # one payment at a time per siniestro
        dh = sesion.get(Derechohabiente, dh_id)
        if not dh.acreditado:
            raise ReglaIncumplida(f"«{dh.apellido_nombre}» no está acreditado/a como derechohabiente: no se le puede pagar.")
        liq = ultima_liquidacion(sesion, s.id)
        corresponde = _corresponde(liq, dh)
        if corresponde is None:
            raise ReglaIncumplida(f"«{dh.apellido_nombre}» no figura en la última liquidación del siniestro {s.numero}.")
        fecha = leer_fecha(fecha, "fecha", requerido=True)
        if fecha < liq.fecha_liquidacion:
            raise DatosInvalidos(
                "fecha", f"el {ddmmaaaa(fecha)} es anterior a la fecha de liquidación ({ddmmaaaa(liq.fecha_liquidacion)})")
        no_futura(fecha, "fecha")
        importe = leer_importe(importe, "importe", positivo=True)
        medio = leer_texto(medio, "medio", 40, requerido=True)
        comprobante = leer_texto(comprobante, "comprobante", 100)
        pagado = _pagado(sesion, dh.id)
        saldo = corresponde - pagado
        if importe > saldo:
            raise ReglaIncumplida(
                f"El pago de {_pesos(importe)} supera el saldo de «{dh.apellido_nombre}»: le corresponden "
                f"{_pesos(corresponde)}, ya se pagaron {_pesos(pagado)} y el saldo es {_pesos(saldo)}."
            )
        pago = Pago(derechohabiente_id=dh.id, liquidacion_id=liq.id, fecha=fecha, importe=importe, medio=medio,
                    comprobante=comprobante, registrado_por=ctx.actor.usuario)
        sesion.add(pago)
        sesion.flush()

        estado_antes = s.estado
        acreditados = [x for x in s.derechohabientes if x.acreditado]
        if acreditados and all(_pagado(sesion, x.id) >= (_corresponde(liq, x) or CERO) for x in acreditados):
            s.estado = "pagado"
            marcar_modificado(s, ctx.actor)
            sesion.flush()
        registro.entidad_id = pago.id
        registro.antes = {"pagado": pagado, "saldo": saldo, "estado_siniestro": estado_antes}
        registro.despues = {**fila_a_dict(pago), "saldo": saldo - importe, "estado_siniestro": s.estado}
        return pago.id


def saldo(ctx: Contexto, dh_id: int) -> dict:
    """What the DH is owed by the latest liquidation, what was paid and what is left."""
    with ctx.lectura() as sesion:
        dh = sesion.get(Derechohabiente, dh_id)
        if dh is None:
            raise NoEncontrado(f"No existe el derechohabiente {dh_id}.")
        liq = ultima_liquidacion(sesion, dh.siniestro_id)
        corresponde = _corresponde(liq, dh)
        pagado = _pagado(sesion, dh.id)
        return {
            "derechohabiente_id": dh.id,
            "acreditado": dh.acreditado,
            "liquidacion_version": None if liq is None else liq.version,
            "corresponde": corresponde,
            "pagado": pagado,
            "saldo": None if corresponde is None else corresponde - pagado,
            "pagos": [_pago_a_dict(p) for p in dh.pagos],
        }


def listar_pagos(ctx: Contexto, siniestro_id: int) -> list[dict]:
    """Every payment registered for the siniestro's DH, oldest first, with the DH's name and the
    version of the liquidation it was paid against."""
    with ctx.lectura() as sesion:
        cargar_siniestro(sesion, siniestro_id)
        filas = sesion.execute(
            select(Pago, Derechohabiente.apellido_nombre, Liquidacion.version)
            .join(Derechohabiente, Pago.derechohabiente_id == Derechohabiente.id)
            .join(Liquidacion, Pago.liquidacion_id == Liquidacion.id)
            .where(Derechohabiente.siniestro_id == siniestro_id)
            .order_by(Pago.fecha, Pago.id)
        )
        return [{**_pago_a_dict(p), "derechohabiente": nombre, "liquidacion_version": version}
                for p, nombre, version in filas]
