"""Siniestros: register, edit (optimistic version: a save over someone else's change is refused
naming who and when), read, and the 12 months of salary the REMUNERACIONES screen shows."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.errors import DatosInvalidos, NoEncontrado, ReglaIncumplida
from app.liquidacion.fechas import ddmmaaaa
from app.liquidacion.ingreso_base import ventana
from app.models import Agente, Derechohabiente, Liquidacion, Pago, Remuneracion, Siniestro

from .entradas import (
    MONTO_MAXIMO,
    como_dict,
    leer_bool,
    leer_fecha,
    leer_id,
    leer_importe,
    leer_texto,
    no_futura,
    solo_campos,
)
from .nucleo import Contexto, fila_a_dict, marcar_modificado, verificar_version

TIPOS_SINIESTRO = ("muerte", "ilp", "gran_invalidez")
CAMPOS_SINIESTRO = (
    "numero", "agente_id", "tipo", "fecha_pmi", "fecha_fallecimiento", "in_itinere", "tipo_accidente",
    "incapacidad_tipo", "incapacidad_grado", "incapacidad_caracter", "porcentaje_incapacidad",
    "fecha_denuncia", "fecha_recepcion", "fecha_pre_acuerdo", "fecha_puesta_disposicion",
)
# Fields the amounts depend on: after the DH are accredited only a supervisor may change them
# (and nobody once a payment is registered).
CAMPOS_DE_CALCULO = ("agente_id", "tipo", "fecha_pmi", "fecha_fallecimiento", "in_itinere", "porcentaje_incapacidad")
CAMPOS_DH = (
    "parentesco", "apellido_nombre", "cuil", "fecha_nacimiento", "estudiante", "incapacitado", "casado",
    "domicilio", "cbu", "letrado",
)


def descripcion(s: Siniestro) -> str:
    return f"El siniestro {s.numero}"


def cargar_siniestro(sesion, siniestro_id: int, bloquear: bool = False) -> Siniestro:
    """The siniestro row; `bloquear` takes its row lock (PostgreSQL) so that use cases on the same
    siniestro (add a DH / accredit, two payments) run one after the other."""
    s = sesion.get(Siniestro, siniestro_id, with_for_update=True if bloquear else None)
    if s is None:
        raise NoEncontrado(f"No existe el siniestro {siniestro_id}.")
    return s


def hay_pagos(sesion, siniestro_id: int) -> bool:
    return sesion.scalar(
        select(func.count(Pago.id)).join(Derechohabiente).where(Derechohabiente.siniestro_id == siniestro_id)
    ) > 0


def _valores(d: dict, sesion, siniestro_id: int | None) -> dict:
    v = {
        "numero": leer_texto(d.get("numero"), "numero", 30, requerido=True),
        "agente_id": leer_id(d.get("agente_id"), "agente_id"),
        "tipo": d.get("tipo"),
        "fecha_pmi": leer_fecha(d.get("fecha_pmi"), "fecha_pmi", requerido=True),
        "fecha_fallecimiento": leer_fecha(d.get("fecha_fallecimiento"), "fecha_fallecimiento"),
        "in_itinere": leer_bool(d.get("in_itinere"), "in_itinere"),
        "tipo_accidente": leer_texto(d.get("tipo_accidente"), "tipo_accidente", 60),
        "incapacidad_tipo": leer_texto(d.get("incapacidad_tipo"), "incapacidad_tipo", 20),
        "incapacidad_grado": leer_texto(d.get("incapacidad_grado"), "incapacidad_grado", 20),
        "incapacidad_caracter": leer_texto(d.get("incapacidad_caracter"), "incapacidad_caracter", 20),
        "porcentaje_incapacidad": leer_importe(d.get("porcentaje_incapacidad"), "porcentaje_incapacidad",
                                               2, MONTO_MAXIMO, requerido=False),
        "fecha_denuncia": leer_fecha(d.get("fecha_denuncia"), "fecha_denuncia"),
        "fecha_recepcion": leer_fecha(d.get("fecha_recepcion"), "fecha_recepcion"),
        "fecha_pre_acuerdo": leer_fecha(d.get("fecha_pre_acuerdo"), "fecha_pre_acuerdo"),
        "fecha_puesta_disposicion": leer_fecha(d.get("fecha_puesta_disposicion"), "fecha_puesta_disposicion"),
    }
    if v["tipo"] not in TIPOS_SINIESTRO:
        raise DatosInvalidos("tipo", f"«{v['tipo']}» debe ser muerte, ilp o gran_invalidez")
    pmi = v["fecha_pmi"]
    no_futura(pmi, "fecha_pmi")

    agente = sesion.get(Agente, v["agente_id"])
    if agente is None:
        raise DatosInvalidos("agente_id", f"no existe el agente {v['agente_id']}")
    if agente.fecha_nacimiento >= pmi:
        raise DatosInvalidos(
            "fecha_pmi",
            f"el {ddmmaaaa(pmi)} no es posterior al nacimiento del agente ({ddmmaaaa(agente.fecha_nacimiento)})",
        )

    if v["tipo"] == "muerte":
        if v["fecha_fallecimiento"] is None:
            v["fecha_fallecimiento"] = pmi
        if v["fecha_fallecimiento"] < pmi:
            raise DatosInvalidos(
                "fecha_fallecimiento", f"el {ddmmaaaa(v['fecha_fallecimiento'])} es anterior a la PMI ({ddmmaaaa(pmi)})")
        no_futura(v["fecha_fallecimiento"], "fecha_fallecimiento")
    elif v["fecha_fallecimiento"] is not None:
        raise DatosInvalidos("fecha_fallecimiento", "solo corresponde a un siniestro de tipo muerte")

    p = v["porcentaje_incapacidad"]
    if p is not None and p > 100:
        raise DatosInvalidos("porcentaje_incapacidad", f"{p} % debe estar entre 0 y 100")
    if v["tipo"] == "ilp" and (p is None or p == 0):
        raise DatosInvalidos("porcentaje_incapacidad", "falta el porcentaje de incapacidad (mayor que 0 y hasta 100)")
    if v["tipo"] == "gran_invalidez" and p is not None and p < 66:
        raise DatosInvalidos("porcentaje_incapacidad", f"la gran invalidez requiere incapacidad total (≥ 66 %), no {p} %")

    denuncia, recepcion = v["fecha_denuncia"], v["fecha_recepcion"]
    if denuncia is not None:
        if denuncia < pmi:
            raise DatosInvalidos("fecha_denuncia", f"el {ddmmaaaa(denuncia)} es anterior a la PMI ({ddmmaaaa(pmi)})")
        no_futura(denuncia, "fecha_denuncia")
    if recepcion is not None:
        if denuncia is not None and recepcion < denuncia:
            raise DatosInvalidos(
                "fecha_recepcion", f"el {ddmmaaaa(recepcion)} es anterior a la denuncia ({ddmmaaaa(denuncia)})")
        if recepcion < pmi:
            raise DatosInvalidos("fecha_recepcion", f"el {ddmmaaaa(recepcion)} es anterior a la PMI ({ddmmaaaa(pmi)})")
        no_futura(recepcion, "fecha_recepcion")
    for campo in ("fecha_pre_acuerdo", "fecha_puesta_disposicion"):
        if v[campo] is not None and v[campo] < pmi:
            raise DatosInvalidos(campo, f"el {ddmmaaaa(v[campo])} es anterior a la PMI ({ddmmaaaa(pmi)})")

    otro = sesion.scalar(select(Siniestro.id).where(Siniestro.numero == v["numero"]))
    if otro is not None and otro != siniestro_id:
        raise DatosInvalidos("numero", f"ya existe el siniestro número «{v['numero']}» (id {otro})")
    return v


def _numero_repetido() -> DatosInvalidos:
    return DatosInvalidos("numero", "otro usuario acaba de registrar el mismo número de siniestro; no se guardó nada")


def registrar_siniestro(ctx: Contexto, datos) -> int:
    d = como_dict(datos)
    try:
        with ctx.caso_de_uso("cargar", "registrar_siniestro", "siniestro") as (sesion, registro):
            solo_campos(d, CAMPOS_SINIESTRO)
            s = Siniestro(**_valores(d, sesion, None), estado="denunciado")
            marcar_modificado(s, ctx.actor)
            sesion.add(s)
            sesion.flush()
            registro.entidad_id = s.id
            registro.despues = fila_a_dict(s)
            return s.id
    except IntegrityError:
        raise _numero_repetido() from None


def editar_siniestro(ctx: Contexto, siniestro_id: int, cambios, version_esperada: int | None) -> int:
    """Change fields of a siniestro read at `version_esperada`; refused (ConflictoEdicion, «… fue
    modificado por X a las HH:MM») if someone saved it since. Returns the new version."""
    c = como_dict(cambios, "cambios")
    try:
        with ctx.caso_de_uso("cargar", "editar_siniestro", "siniestro") as (sesion, registro):
            solo_campos(c, CAMPOS_SINIESTRO)
            s = cargar_siniestro(sesion, siniestro_id, bloquear=True)
            verificar_version(s, version_esperada, descripcion(s))
            antes = fila_a_dict(s)
            v = _valores({**{k: getattr(s, k) for k in CAMPOS_SINIESTRO}, **c}, sesion, s.id)
            cambian = [k for k in CAMPOS_DE_CALCULO if v[k] != getattr(s, k)]
            if cambian and s.dh_acreditados:
                if hay_pagos(sesion, s.id):
                    raise ReglaIncumplida(
                        f"El siniestro {s.numero} ya tiene pagos registrados: no se pueden cambiar "
                        f"{', '.join(cambian)}.")
                if not ctx.actor.puede("override"):
                    raise ReglaIncumplida(
                        f"Los derechohabientes del siniestro {s.numero} ya fueron acreditados: cambiar "
                        f"{', '.join(cambian)} requiere un supervisor.")
            for k, valor in v.items():
                setattr(s, k, valor)
            marcar_modificado(s, ctx.actor)
            sesion.flush()
            registro.entidad_id = s.id
            registro.antes = antes
            registro.despues = fila_a_dict(s)
            return s.version
    except IntegrityError:
        raise _numero_repetido() from None


def dh_a_dict(dh: Derechohabiente) -> dict:
    return {
        "id": dh.id, "siniestro_id": dh.siniestro_id, "familiar_id": dh.familiar_id,
        **{k: getattr(dh, k) for k in CAMPOS_DH},
        "porcentaje": dh.porcentaje, "motivo_porcentaje": dh.motivo_porcentaje,
        "seleccionado": dh.seleccionado, "acreditado": dh.acreditado,
    }


def obtener_siniestro(ctx: Contexto, siniestro_id: int) -> dict:
    """Everything the siniestro screen shows, including `version` (give it back to editar_siniestro)."""
    with ctx.lectura() as sesion:
        s = cargar_siniestro(sesion, siniestro_id)
        datos = {k: getattr(s, k) for k in CAMPOS_SINIESTRO}
        a = s.agente
        ultima = sesion.scalar(select(func.max(Liquidacion.version)).where(Liquidacion.siniestro_id == s.id))
        datos.update(
            id=s.id, estado=s.estado, acreditado_en=s.acreditado_en, acreditado=s.dh_acreditados,
            version=s.version, modificado_por=s.modificado_por, modificado_en=s.modificado_en,
            agente={"id": a.id, "cuil": a.cuil, "apellido_nombre": a.apellido_nombre,
                    "fecha_nacimiento": a.fecha_nacimiento, "organismo": a.organismo.nombre,
                    "fecha_inicio_actividad": a.fecha_inicio_actividad},
            derechohabientes=[dh_a_dict(dh) for dh in s.derechohabientes],
            ultima_liquidacion=ultima,
        )
        return datos


def filas_de_la_ventana(sesion, s: Siniestro) -> list[dict]:
    """The 12 months M-12 … M-1 before the PMI month, from the agent's stored history."""
    meses = [str(p) for p in ventana(s.fecha_pmi)]
    guardadas = {
        r.periodo: r for r in sesion.scalars(select(Remuneracion).where(
            Remuneracion.agente_id == s.agente_id, Remuneracion.periodo.in_(meses)))
    }
    cero = Decimal("0.00")
    return [
        {"periodo": m,
         "remuneracion": guardadas[m].remuneracion if m in guardadas else cero,
         "sac": guardadas[m].sac if m in guardadas else cero,
         "cargada": m in guardadas}
        for m in meses
    ]


def remuneraciones_del_siniestro(ctx: Contexto, siniestro_id: int) -> list[dict]:
    """The 12 rows of REMUNERACIONES (oldest first); months not loaded come as zero, cargada=False."""
    with ctx.lectura() as sesion:
        return filas_de_la_ventana(sesion, cargar_siniestro(sesion, siniestro_id))
