"""CALCULAR: the engine run on the case as stored (siniestro, agent, the 12 months of salary, the
DH), kept as a new `Liquidacion` version with its input, its output and the parameters it used.
Earlier versions are never overwritten; two versions can be compared concept by concept."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer

from app.errors import ConflictoEdicion, DatosInvalidos, NoEncontrado, PermisoDenegado, ReglaIncumplida
from app.liquidacion import DatoInvalido, LiquidacionError, Opciones, caso_desde_dict, liquidar, resultado_a_dict
from app.liquidacion.dinero import texto_plano
from app.liquidacion.ingreso_base import ventana
from app.models import Derechohabiente, Liquidacion, Remuneracion, Siniestro

from .agentes import _filas_remuneracion as filas_remuneracion  # the same row checks as loading a file
from .entradas import leer_fecha
from .derechohabientes import porcentajes_manuales, traducir_campo_dh
from .nucleo import Contexto, marcar_modificado, traducir_error_liquidacion
from .parametros import parametros_vigentes
from .siniestros import cargar_siniestro, filas_de_la_ventana, hay_pagos

OPCIONES_POR_DEFECTO = asdict(Opciones())
ESTADOS_ANTERIORES = ("denunciado", "en_liquidacion")


def _opciones(opciones) -> dict:
    if opciones is None:
        return {}
    if not isinstance(opciones, dict):
        raise DatosInvalidos("opciones", "debe ser un diccionario de opciones")
    return dict(opciones)


def caso_del_siniestro(sesion, s: Siniestro, fecha_liquidacion: date, opciones: dict) -> dict:
    """The engine's JSON case built from the store (the contract of app/liquidacion/caso.py)."""
    a = s.agente
    caso: dict = {
        "tipo": s.tipo,
        "fecha_pmi": s.fecha_pmi.isoformat(),
        "fecha_nacimiento": a.fecha_nacimiento.isoformat(),
        "fecha_liquidacion": fecha_liquidacion.isoformat(),
        "in_itinere": bool(s.in_itinere),
        "remuneraciones": [
            {"periodo": f["periodo"], "remuneracion": texto_plano(f["remuneracion"]), "sac": texto_plano(f["sac"])}
            for f in filas_de_la_ventana(sesion, s) if f["cargada"]
        ],
        "derechohabientes": [],
    }
    if s.fecha_fallecimiento is not None:
        caso["fecha_fallecimiento"] = s.fecha_fallecimiento.isoformat()
    if s.tipo != "muerte" and s.porcentaje_incapacidad is not None:
        caso["porcentaje_incapacidad"] = texto_plano(s.porcentaje_incapacidad, 2)
    if a.fecha_inicio_actividad is not None:
        caso["fecha_inicio_actividad"] = a.fecha_inicio_actividad.isoformat()
    manuales = s.mortal and porcentajes_manuales(s)
    if s.mortal:
        for dh in s.derechohabientes:
            d = {"id": str(dh.id), "parentesco": dh.parentesco, "estudiante": dh.estudiante,
                 "incapacitado": dh.incapacitado, "casado": dh.casado}
            if dh.fecha_nacimiento is not None:
                d["fecha_nacimiento"] = dh.fecha_nacimiento.isoformat()
            if manuales and dh.porcentaje is not None:
                d["porcentaje"] = texto_plano(dh.porcentaje, 4)
            caso["derechohabientes"].append(d)
        if manuales:
            caso["motivo_porcentajes"] = next(dh.motivo_porcentaje for dh in s.derechohabientes if dh.motivo_porcentaje)
    if opciones:
        caso["opciones"] = opciones
    return caso


def _resumen(liq: Liquidacion) -> dict:
    return {
        "id": liq.id, "siniestro_id": liq.siniestro_id, "version": liq.version,
        "fecha_liquidacion": liq.fecha_liquidacion, "calculada_en": liq.calculada_en,
        "calculada_por": liq.calculada_por, "total": liq.total,
    }


def _completa(liq: Liquidacion) -> dict:
    return {**_resumen(liq), "entrada": liq.entrada, "resultado": liq.resultado}


def _liquidar_caso(sesion, s: Siniestro, caso: dict) -> dict:
    """The engine's result dict for `caso`; its errors become application errors."""
    try:
        caso_motor, _ = caso_desde_dict(caso)
        return resultado_a_dict(liquidar(caso_motor, parametros_vigentes(sesion)))
    except DatoInvalido as e:
        if e.campo.startswith("derechohabientes["):
            raise traducir_campo_dh(e, list(s.derechohabientes)) from None
        raise traducir_error_liquidacion(e) from None
    except LiquidacionError as e:
        raise traducir_error_liquidacion(e) from None


def calcular(ctx: Contexto, siniestro_id: int, fecha_liquidacion: date, opciones: dict | None = None) -> dict:
    """Liquidate the siniestro at `fecha_liquidacion` and store it as a new version.

    Options other than the defaults (`ripte_referencia`, `iapu_base`) need the supervisor's
    "override". After the DH are accredited only a supervisor may recalculate, and nobody once a
    payment is registered. Engine errors become application errors and nothing is stored."""
    with ctx.caso_de_uso("calcular", "calcular_liquidacion", "liquidacion") as (sesion, registro):
        fecha = leer_fecha(fecha_liquidacion, "fecha_liquidacion", requerido=True)
        opciones = _opciones(opciones)
        if any(OPCIONES_POR_DEFECTO.get(k, object()) != v for k, v in opciones.items()):
            if not ctx.actor.puede("override"):
                raise PermisoDenegado(
                    f"El usuario «{ctx.actor.usuario}» (rol {ctx.actor.rol}) no puede usar opciones de cálculo "
                    f"distintas de las por defecto ({', '.join(sorted(opciones))}): son del supervisor.")
        s = cargar_siniestro(sesion, siniestro_id, bloquear=True)
        if s.dh_acreditados:
            if hay_pagos(sesion, s.id):
                raise ReglaIncumplida(f"El siniestro {s.numero} ya tiene pagos registrados: no se puede recalcular.")
            if not ctx.actor.puede("override"):
                raise PermisoDenegado(
                    f"Los derechohabientes del siniestro {s.numero} ya fueron acreditados: solo un supervisor "
                    "puede recalcular.")
        caso = caso_del_siniestro(sesion, s, fecha, opciones)
        resultado = _liquidar_caso(sesion, s, caso)

        anterior = sesion.scalar(select(func.max(Liquidacion.version)).where(Liquidacion.siniestro_id == s.id))
        liq = Liquidacion(
            siniestro_id=s.id, version=(anterior or 0) + 1, fecha_liquidacion=fecha,
            calculada_por=ctx.actor.usuario, entrada=caso, resultado=resultado, total=Decimal(resultado["total"]),
        )
        sesion.add(liq)
        estado_antes = s.estado
        if s.estado in ESTADOS_ANTERIORES:
            s.estado = "liquidado"
            marcar_modificado(s, ctx.actor)
        sesion.flush()
        registro.entidad_id = liq.id
        registro.antes = {"estado_siniestro": estado_antes, "version_anterior": anterior}
        registro.despues = {
            "siniestro_id": s.id, "version": liq.version, "fecha_liquidacion": fecha, "total": liq.total,
            "opciones": opciones, "estado_siniestro": s.estado,
            "reparto": {p["id"]: p["importe"] for p in resultado["reparto"]},
        }
        return _completa(liq)


def versiones(ctx: Contexto, siniestro_id: int) -> list[dict]:
    """Every stored liquidation of the siniestro, oldest first (without the full input/output)."""
    with ctx.lectura() as sesion:
        cargar_siniestro(sesion, siniestro_id)
        # the rows without their (large) JSON input and output
        filas = sesion.scalars(
            select(Liquidacion).options(defer(Liquidacion.entrada), defer(Liquidacion.resultado))
            .where(Liquidacion.siniestro_id == siniestro_id).order_by(Liquidacion.version)
        )
        return [_resumen(liq) for liq in filas]


def ultima_liquidacion(sesion, siniestro_id: int) -> Liquidacion | None:
    return sesion.scalars(select(Liquidacion).where(Liquidacion.siniestro_id == siniestro_id)
                          .order_by(Liquidacion.version.desc()).limit(1)).first()


def _liquidacion(sesion, siniestro_id: int, version: int | None) -> Liquidacion:
    if version is None:
        liq = ultima_liquidacion(sesion, siniestro_id)
    else:
        liq = sesion.scalars(select(Liquidacion).where(
            Liquidacion.siniestro_id == siniestro_id, Liquidacion.version == version)).first()
    if liq is None:
        cual = "ninguna liquidación" if version is None else f"la liquidación versión {version}"
        raise NoEncontrado(f"El siniestro {siniestro_id} no tiene {cual}.")
    return liq


def obtener(ctx: Contexto, siniestro_id: int, version: int | None = None) -> dict:
    """One stored liquidation (the latest when `version` is None), with its input and output."""
    with ctx.lectura() as sesion:
        cargar_siniestro(sesion, siniestro_id)
        return _completa(_liquidacion(sesion, siniestro_id, version))


class FilaComparacion(NamedTuple):
    concepto: str
    v1: object
    v2: object
    diferencia: object


CONCEPTOS_COMPARADOS = (
    ("vib", "VIB con RIPTE"),
    ("total_salarios_actualizados", "Total de salarios actualizados por RIPTE"),
    ("dias_interes", "Días de interés"),
    ("factor_capitalizacion", "Factor de capitalización"),
    ("intereses", "Intereses"),
    ("vib_con_interes", "VIB con interés"),
    ("pago_mensual", "Pago MENSUAL"),
    ("pago_unico", "Pago ÚNICO"),
    ("pago_por_danio", "Pago POR DAÑO"),
    ("pago_adicional", "Pago ADICIONAL"),
    ("total", "TOTAL"),
)


PARENTESCOS = {"conyuge": "cónyuge", "conviviente": "conviviente", "hijo": "hijo/a", "padre": "padre",
               "madre": "madre", "familiar_a_cargo": "familiar a cargo"}


def etiqueta_dh(nombre: str | None, parentesco: str | None = None) -> str:
    """How a DH is named in a comparison row: «Gómez, María» (cónyuge)."""
    if nombre is None:
        return "«derechohabiente quitado»"
    return f"«{nombre}» ({PARENTESCOS.get(parentesco or '', parentesco or 'sin parentesco')})"


def _numero(valor):
    if valor is None or isinstance(valor, int):
        return valor
    return Decimal(valor)


def _fila(concepto: str, a, b) -> FilaComparacion:
    return FilaComparacion(concepto, a, b, None if a is None or b is None else b - a)


def comparar(ctx: Contexto, siniestro_id: int, v1: int, v2: int) -> list[FilaComparacion]:
    """Rows (concepto, v1, v2, diferencia = v2 − v1) of two versions, then each DH's amount."""
    with ctx.lectura() as sesion:
        s = cargar_siniestro(sesion, siniestro_id)
        a, b = _liquidacion(sesion, s.id, v1), _liquidacion(sesion, s.id, v2)
        ra, rb = a.resultado, b.resultado
        filas = [FilaComparacion("Fecha de liquidación", a.fecha_liquidacion, b.fecha_liquidacion,
                                 (b.fecha_liquidacion - a.fecha_liquidacion).days)]
        for clave, concepto in CONCEPTOS_COMPARADOS:
            filas.append(_fila(concepto, _numero(ra.get(clave)), _numero(rb.get(clave))))
        nombres = {str(dh.id): etiqueta_dh(dh.apellido_nombre, dh.parentesco) for dh in sesion.scalars(
            select(Derechohabiente).where(Derechohabiente.siniestro_id == s.id))}
        parte_a = {p["id"]: Decimal(p["importe"]) for p in ra.get("reparto", [])}
        parte_b = {p["id"]: Decimal(p["importe"]) for p in rb.get("reparto", [])}
        for ident in sorted(set(parte_a) | set(parte_b), key=lambda x: (len(x), x)):
            filas.append(_fila(nombres.get(ident, etiqueta_dh(None)), parte_a.get(ident), parte_b.get(ident)))
        return filas


# ------------------------------------------------------------------ REMUNERACIONES screen

def previsualizar(ctx: Contexto, siniestro_id: int, fecha_liquidacion: date, opciones: dict | None = None) -> dict:
    """What `calcular` would store for `fecha_liquidacion`, without storing anything.

    The same case (`caso_del_siniestro`) through the same engine and the same error translation,
    in a read-only session: the REMUNERACIONES / CALCULAR screens show it before a save, and
    «what if another liquidation date» compares it with a stored version. Returns the engine's
    result dict (`resultado_a_dict`)."""
    fecha = leer_fecha(fecha_liquidacion, "fecha_liquidacion", requerido=True)
    opciones = _opciones(opciones)
    with ctx.lectura() as sesion:
        s = cargar_siniestro(sesion, siniestro_id)
        return _liquidar_caso(sesion, s, caso_del_siniestro(sesion, s, fecha, opciones))


def _exigir_remuneraciones_editables(ctx: Contexto, sesion, s: Siniestro, periodos: set[str]) -> None:
    """The same rule as recalculating: the salaries of a siniestro whose DH were accredited are
    changed only by a supervisor, and by nobody once a payment is registered. Every siniestro of
    the agent whose 12-month window holds one of the periods is checked (they share the salary)."""
    otros = sesion.scalars(select(Siniestro).where(Siniestro.agente_id == s.agente_id).order_by(Siniestro.id))
    for otro in otros:
        if not otro.dh_acreditados or not periodos & {str(p) for p in ventana(otro.fecha_pmi)}:
            continue
        if hay_pagos(sesion, otro.id):
            raise ReglaIncumplida(
                f"El siniestro {otro.numero} ya tiene pagos registrados: no se pueden cambiar sus remuneraciones.")
        if not ctx.actor.puede("override"):
            raise ReglaIncumplida(
                f"Los derechohabientes del siniestro {otro.numero} ya fueron acreditados: cambiar sus "
                "remuneraciones requiere un supervisor.")


def guardar_remuneraciones(ctx: Contexto, siniestro_id: int, filas, leidas=None) -> dict:
    """Save edited months of the siniestro's REMUNERACIONES window (its agent's salary history):
    ONE transaction, ONE audit row.

    `filas`: [{periodo AAAA-MM, remuneracion, sac}], each one of the 12 months before the PMI.
    `leidas` (optional): {periodo: (remuneracion, sac) or None if it was not loaded} as the screen
    read them; if someone saved one of those months since, nothing is written (ConflictoEdicion).
    Refused after accreditation (except a supervisor) and once there are payments."""
    try:
        with ctx.caso_de_uso("cargar", "actualizar_remuneraciones", "agente") as (sesion, registro):
            s = cargar_siniestro(sesion, siniestro_id, bloquear=True)
            nuevas = filas_remuneracion(filas)
            meses = [str(p) for p in ventana(s.fecha_pmi)]
            for i, f in enumerate(nuevas):
                if f["periodo"] not in meses:
                    raise DatosInvalidos(
                        f"filas[{i}].periodo",
                        f"el período {f['periodo']} no es uno de los 12 meses anteriores a la PMI "
                        f"({meses[0]} a {meses[-1]})")
            periodos = {f["periodo"] for f in nuevas}
            _exigir_remuneraciones_editables(ctx, sesion, s, periodos)
            guardadas = {r.periodo: r for r in sesion.scalars(select(Remuneracion).where(
                Remuneracion.agente_id == s.agente_id, Remuneracion.periodo.in_(periodos)).with_for_update())}
            if leidas is not None:
                for p in sorted(periodos):
                    r = guardadas.get(p)
                    actual = None if r is None else (r.remuneracion, r.sac)
                    vista = leidas.get(p)
                    vista = None if vista is None else tuple(Decimal(str(v)) for v in vista)
                    if actual != vista:
                        raise ConflictoEdicion(
                            f"Otro usuario cambió la remuneración de {p} mientras usted la editaba; "
                            "no se guardó nada.",
                            "Vuelva a abrir REMUNERACIONES para ver los cambios y repita su edición.")
            antes = [{"periodo": p, "remuneracion": r.remuneracion, "sac": r.sac} for p, r in sorted(guardadas.items())]
            for f in nuevas:
                r = guardadas.get(f["periodo"])
                if r is None:
                    sesion.add(Remuneracion(agente_id=s.agente_id, **f))
                else:
                    r.remuneracion, r.sac = f["remuneracion"], f["sac"]
            sesion.flush()
            registro.entidad_id = s.agente_id
            registro.antes = {"siniestro_id": s.id, "remuneraciones": antes} if antes else None
            registro.despues = {"siniestro_id": s.id, "remuneraciones": sorted(nuevas, key=lambda f: f["periodo"])}
            return {"guardadas": len(nuevas), "reemplazadas": len(antes)}
    except IntegrityError:
        raise ConflictoEdicion(
            "Otro usuario cargó los mismos meses a la vez; no se guardó nada.",
            "Vuelva a abrir REMUNERACIONES para ver los cambios y repita su edición.") from None
