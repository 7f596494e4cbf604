"""The whole siniestro flow on a brand-new database of each backend (`url_bd`), migrated with
the real migrations: one audit row per use case, in order, by the user who did it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from app.models import Auditoria, migrar
from app.models.bd import crear_motor, fabrica_sesiones
from app.services import agentes, derechohabientes, documentos, liquidaciones, pagos, siniestros
from app.services import parametros as servicio_parametros
from app.services.nucleo import Actor, Contexto

from .ayudas import CUIL_AGENTE, datos_agente, datos_siniestro, importe_de


def test_flujo_completo_en_una_base_nueva(url_bd):
    motor = crear_motor(url_bd)
    try:
        migrar.actualizar(motor)
        f = fabrica_sesiones(motor)
        adm, op, liq, sup = (Contexto(f, Actor(u, r, usuario_so="pruebas")) for u, r in [
            ("adrian", "administrador"), ("olga", "operador"), ("lucas", "liquidador"), ("sofia", "supervisor")])
        servicio_parametros.cargar_incluidas(adm)

        org = agentes.registrar_organismo(op, {"codigo": "MS", "nombre": "Ministerio de Salud"})
        ag = agentes.registrar_agente(op, datos_agente(org, cuil=CUIL_AGENTE.replace("-", "")))
        agentes.cargar_remuneraciones(op, ag, [
            {"periodo": f"2017-{m:02d}", "remuneracion": "30000.00", "sac": "15000.00" if m == 6 else "0"}
            for m in range(5, 13)] + [{"periodo": f"2018-{m:02d}", "remuneracion": "32000.00"} for m in range(1, 5)])
        agentes.registrar_familiar(op, ag, {"parentesco": "conviviente", "apellido_nombre": "Ríos, Ana"})
        agentes.registrar_familiar(op, ag, {"parentesco": "hijo", "apellido_nombre": "Pérez, Leo",
                                            "fecha_nacimiento": date(2015, 3, 2)})
        sid = siniestros.registrar_siniestro(op, datos_siniestro(ag))
        dh = derechohabientes.proponer_desde_familia(op, sid)
        derechohabientes.aplicar_porcentajes_por_ley(liq, sid)
        r = liquidaciones.calcular(liq, sid, date(2018, 7, 2))
        assert r["resultado"]["meses_con_remuneracion"] == 12
        assert sum(Decimal(p["importe"]) for p in r["resultado"]["reparto"]) == r["total"]
        derechohabientes.seleccionar(liq, sid, dh)
        derechohabientes.acreditar_seleccionados(sup, sid)
        documentos.adjuntar_documento(op, sid, "Acreditación Derechohabientes", b"acta", "acta.pdf")
        for ident in dh:
            pagos.registrar_pago(sup, ident, date(2018, 7, 20), importe_de(r, ident), "transferencia", f"OP {ident}")
        assert siniestros.obtener_siniestro(op, sid)["estado"] == "pagado"
        assert all(pagos.saldo(op, i)["saldo"] == 0 for i in dh)

        with f() as s:
            filas = [(a.usuario, a.accion, a.entidad) for a in s.scalars(select(Auditoria).order_by(Auditoria.id))]
        assert filas == [
            ("adrian", "cargar_parametros_incluidos", "parametros"),
            ("olga", "registrar_organismo", "organismo"),
            ("olga", "registrar_agente", "agente"),
            ("olga", "cargar_remuneraciones", "agente"),
            ("olga", "registrar_familiar", "familiar"),
            ("olga", "registrar_familiar", "familiar"),
            ("olga", "registrar_siniestro", "siniestro"),
            ("olga", "proponer_derechohabientes", "siniestro"),
            ("lucas", "aplicar_porcentajes_por_ley", "siniestro"),
            ("lucas", "calcular_liquidacion", "liquidacion"),
            ("lucas", "seleccionar_derechohabientes", "siniestro"),
            ("sofia", "acreditar_derechohabientes", "siniestro"),
            ("olga", "adjuntar_documento", "documento"),
            ("sofia", "registrar_pago", "pago"),
            ("sofia", "registrar_pago", "pago"),
        ]
    finally:
        motor.dispose()
