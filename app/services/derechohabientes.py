"""DERECHOHABIENTE screen of SiAPe: propose the family, add / edit / remove DH, «Aplicar
Porcentajes por Ley», manual percentages with a reason, tick the DH to accredit and «Acreditar
TODOS los derechohabientes seleccionados». Once accredited, «queda vedada la posibilidad de
incorporar nuevos/as derechohabientes» (seed 003): every change to the DH is refused."""

from __future__ import annotations

import re
from decimal import Decimal

from sqlalchemy import select

from app.errors import DatosInvalidos, NoEncontrado, ReglaIncumplida
from app.liquidacion import DatoInvalido
from app.liquidacion import derechohabientes as reglas
from app.liquidacion.fechas import ddmmaaaa
from app.liquidacion.regimen import Regimen, regimen_por_pmi
from app.models import Derechohabiente, Familiar, Liquidacion, Siniestro, ahora

from .entradas import como_dict, cuil_con_guiones, leer_importe, leer_texto, solo_campos, valores_persona
from .nucleo import Contexto, fila_a_dict, hora_local, local, marcar_modificado
from .siniestros import CAMPOS_DH, cargar_siniestro, dh_a_dict

CIEN = Decimal("100.0000")


# ------------------------------------------------------------------ shared checks

def exigir_mortal(s: Siniestro) -> None:
    if not s.mortal:
        raise ReglaIncumplida(f"El siniestro {s.numero} no es de tipo muerte: no tiene derechohabientes.")


def exigir_no_acreditado(s: Siniestro) -> None:
    if s.dh_acreditados:
        raise ReglaIncumplida(
            f"Los derechohabientes del siniestro {s.numero} ya fueron acreditados el "
            f"{ddmmaaaa(local(s.acreditado_en).date())} a las {hora_local(s.acreditado_en)}: queda vedada la "
            "posibilidad de incorporar nuevos/as derechohabientes o de modificarlos."
        )


def _abierto(sesion, siniestro_id: int) -> Siniestro:
    """The siniestro, row-locked, mortal and with its DH not yet accredited."""
    s = cargar_siniestro(sesion, siniestro_id, bloquear=True)
    exigir_mortal(s)
    exigir_no_acreditado(s)
    return s


def _dh(sesion, dh_id: int) -> Derechohabiente:
    dh = sesion.get(Derechohabiente, dh_id)
    if dh is None:
        raise NoEncontrado(f"No existe el derechohabiente {dh_id}.")
    return dh


def _siniestro_de(sesion, dh_id: int) -> int:
    """The DH's siniestro id, read without loading the DH (it is loaded after the siniestro's lock)."""
    siniestro_id = sesion.scalar(select(Derechohabiente.siniestro_id).where(Derechohabiente.id == dh_id))
    if siniestro_id is None:
        raise NoEncontrado(f"No existe el derechohabiente {dh_id}.")
    return siniestro_id


def _cuil_libre(s: Siniestro, cuil: str | None, dh_id: int | None) -> None:
    if cuil is None:
        return
    for otro in s.derechohabientes:
        if otro.cuil == cuil and otro.id != dh_id:
            raise DatosInvalidos(
                "cuil", f"el CUIL {cuil_con_guiones(cuil)} ya es del derechohabiente «{otro.apellido_nombre}»")


def nombre_dh(dh: Derechohabiente) -> str:
    return f"derechohabiente «{dh.apellido_nombre}» (id {dh.id})"


def traducir_campo_dh(error: DatoInvalido, dhs: list[Derechohabiente]) -> DatosInvalidos:
    """An engine error about `derechohabientes[i].x` named with the DH's name and id."""
    m = re.match(r"derechohabientes\[(\d+)\](.*)", error.campo)
    if m and int(m.group(1)) < len(dhs):
        return DatosInvalidos(f"{nombre_dh(dhs[int(m.group(1))])}{m.group(2)}", error.detalle)
    return DatosInvalidos(error.campo, error.detalle)


def dh_para_motor(dh: Derechohabiente) -> reglas.Derechohabiente:
    return reglas.Derechohabiente(
        id=str(dh.id),
        parentesco=reglas.Parentesco(dh.parentesco),
        fecha_nacimiento=dh.fecha_nacimiento,
        estudiante=dh.estudiante,
        incapacitado=dh.incapacitado,
        casado=dh.casado,
    )


def fecha_fallecimiento(s: Siniestro):
    return s.fecha_fallecimiento or s.fecha_pmi


def porcentajes_manuales(s: Siniestro) -> bool:
    """Percentages set by the liquidator (with a reason) instead of by law."""
    return any(dh.motivo_porcentaje for dh in s.derechohabientes)


def _evaluar(s: Siniestro) -> list[reglas.Elegibilidad]:
    dhs = list(s.derechohabientes)
    try:
        return reglas.evaluar([dh_para_motor(dh) for dh in dhs], fecha_fallecimiento(s))
    except DatoInvalido as e:
        raise traducir_campo_dh(e, dhs) from None


def _porcentajes_de(s: Siniestro) -> dict:
    return {str(dh.id): dh.porcentaje for dh in s.derechohabientes}


# ------------------------------------------------------------------ use cases

def listar_derechohabientes(ctx: Contexto, siniestro_id: int) -> list[dict]:
    with ctx.lectura() as sesion:
        return [dh_a_dict(dh) for dh in cargar_siniestro(sesion, siniestro_id).derechohabientes]


def proponer_desde_familia(ctx: Contexto, siniestro_id: int) -> list[int]:
    """Add as DH the agent's family members not yet added (by family row or CUIL). Returns the new ids."""
    with ctx.caso_de_uso("cargar", "proponer_derechohabientes", "siniestro") as (sesion, registro):
        s = _abierto(sesion, siniestro_id)
        ya_familia = {dh.familiar_id for dh in s.derechohabientes if dh.familiar_id is not None}
        ya_cuil = {dh.cuil for dh in s.derechohabientes if dh.cuil}
        nuevos = []
        for f in sesion.scalars(select(Familiar).where(Familiar.agente_id == s.agente_id).order_by(Familiar.id)):
            if f.id in ya_familia or (f.cuil and f.cuil in ya_cuil):
                continue
            dh = Derechohabiente(
                siniestro_id=s.id, familiar_id=f.id, parentesco=f.parentesco, apellido_nombre=f.apellido_nombre,
                cuil=f.cuil, fecha_nacimiento=f.fecha_nacimiento, estudiante=f.estudiante,
                incapacitado=f.incapacitado, casado=False, domicilio=f.domicilio, cbu=f.cbu,
            )
            s.derechohabientes.append(dh)
            nuevos.append(dh)
        sesion.flush()
        registro.entidad_id = s.id
        registro.despues = {"agregados": [fila_a_dict(dh) for dh in nuevos]}
        return [dh.id for dh in nuevos]


def agregar_derechohabiente(ctx: Contexto, siniestro_id: int, datos) -> int:
    d = como_dict(datos)
    with ctx.caso_de_uso("cargar", "agregar_derechohabiente", "derechohabiente") as (sesion, registro):
        solo_campos(d, CAMPOS_DH)
        s = _abierto(sesion, siniestro_id)
        v = valores_persona(d, CAMPOS_DH)
        _cuil_libre(s, v["cuil"], None)
        dh = Derechohabiente(siniestro_id=s.id, **v)
        s.derechohabientes.append(dh)
        sesion.flush()
        registro.entidad_id = dh.id
        registro.despues = fila_a_dict(dh)
        return dh.id


def editar_derechohabiente(ctx: Contexto, dh_id: int, cambios) -> None:
    c = como_dict(cambios, "cambios")
    with ctx.caso_de_uso("cargar", "editar_derechohabiente", "derechohabiente") as (sesion, registro):
        solo_campos(c, CAMPOS_DH)
        s = _abierto(sesion, _siniestro_de(sesion, dh_id))
        dh = _dh(sesion, dh_id)
        antes = fila_a_dict(dh)
        v = valores_persona({**{k: getattr(dh, k) for k in CAMPOS_DH}, **c}, CAMPOS_DH)
        _cuil_libre(s, v["cuil"], dh.id)
        for k, valor in v.items():
            setattr(dh, k, valor)
        sesion.flush()
        registro.entidad_id = dh.id
        registro.antes = antes
        registro.despues = fila_a_dict(dh)


def quitar_derechohabiente(ctx: Contexto, dh_id: int) -> None:
    with ctx.caso_de_uso("cargar", "quitar_derechohabiente", "derechohabiente") as (sesion, registro):
        s = _abierto(sesion, _siniestro_de(sesion, dh_id))
        dh = _dh(sesion, dh_id)
        registro.entidad_id = dh.id
        registro.antes = fila_a_dict(dh)
        s.derechohabientes.remove(dh)
        sesion.flush()


def aplicar_porcentajes_por_ley(ctx: Contexto, siniestro_id: int) -> list[dict]:
    """«Aplicar Porcentajes por Ley»: eligibility at the date of death and the legal shares
    (0 for the excluded), stored on each DH. Returns, per DH: elegible, motivo, edad, porcentaje."""
    with ctx.caso_de_uso("proponer", "aplicar_porcentajes_por_ley", "siniestro") as (sesion, registro):
        s = _abierto(sesion, siniestro_id)
        if not s.derechohabientes:
            raise ReglaIncumplida(f"El siniestro {s.numero} no tiene derechohabientes cargados.")
        antes = _porcentajes_de(s)
        elegibilidades = _evaluar(s)
        pcts = reglas.porcentajes(reglas.pesos_por_ley(elegibilidades), reglas.orden_desempate(elegibilidades))
        salida = []
        for dh, e, p in zip(s.derechohabientes, elegibilidades, pcts):
            dh.porcentaje = p
            dh.motivo_porcentaje = None
            salida.append({"id": dh.id, "apellido_nombre": dh.apellido_nombre, "parentesco": dh.parentesco,
                           "elegible": e.elegible, "motivo": e.motivo, "edad": e.edad, "porcentaje": p})
        sesion.flush()
        registro.entidad_id = s.id
        registro.antes = {"porcentajes": antes}
        registro.despues = {"porcentajes": _porcentajes_de(s), "por_ley": True}
        return salida


def modificar_porcentajes(ctx: Contexto, siniestro_id: int, porcentajes: dict, motivo: str) -> list[dict]:
    """The liquidator's own shares `{dh_id: Decimal}` (DH left out get 0), with a reason; they must
    add up to exactly 100.0000 and an excluded DH cannot get a share."""
    with ctx.caso_de_uso("proponer", "modificar_porcentajes", "siniestro") as (sesion, registro):
        s = _abierto(sesion, siniestro_id)
        motivo = leer_texto(motivo, "motivo", 2000, requerido=True, colapsar=False)
        if not isinstance(porcentajes, dict) or not porcentajes:
            raise DatosInvalidos("porcentajes", "indique el porcentaje de cada derechohabiente")
        por_id = {dh.id: dh for dh in s.derechohabientes}
        nuevos: dict[int, Decimal] = {}
        for clave, valor in porcentajes.items():
            if isinstance(clave, str) and clave.strip().isdigit():
                clave = int(clave)  # ids as text (from a form or JSON) are accepted too
            if clave not in por_id:
                raise DatosInvalidos(f"porcentajes[{clave}]", "no es un derechohabiente de este siniestro")
            p = leer_importe(valor, f"porcentajes[{clave}]", 4, Decimal(100))
            nuevos[clave] = p
        elegibilidades = _evaluar(s)
        for dh, e in zip(s.derechohabientes, elegibilidades):
            if not e.elegible and nuevos.get(dh.id, 0) != 0:
                raise DatosInvalidos(f"porcentajes[{dh.id}]", f"«{dh.apellido_nombre}» no puede recibir porcentaje: {e.motivo}")
        suma = sum(nuevos.values(), Decimal(0))
        if suma != CIEN:
            raise DatosInvalidos("porcentajes", f"suman {suma:.4f} %; deben sumar 100,0000 %")
        antes = _porcentajes_de(s)
        salida = []
        for dh, e in zip(s.derechohabientes, elegibilidades):
            dh.porcentaje = nuevos.get(dh.id, Decimal("0.0000"))
            dh.motivo_porcentaje = motivo
            salida.append({"id": dh.id, "apellido_nombre": dh.apellido_nombre, "parentesco": dh.parentesco,
                           "elegible": e.elegible, "motivo": e.motivo, "edad": e.edad, "porcentaje": dh.porcentaje})
        sesion.flush()
        registro.entidad_id = s.id
        registro.antes = {"porcentajes": antes}
        registro.despues = {"porcentajes": _porcentajes_de(s), "motivo": motivo}
        return salida


def seleccionar(ctx: Contexto, siniestro_id: int, dh_ids) -> list[int]:
    """Tick the DH that will be accredited (the others are unticked)."""
    with ctx.caso_de_uso("proponer", "seleccionar_derechohabientes", "siniestro") as (sesion, registro):
        s = _abierto(sesion, siniestro_id)
        ids = list(dh_ids or [])
        por_id = {dh.id: dh for dh in s.derechohabientes}
        for i, ident in enumerate(ids):
            if ident not in por_id:
                raise DatosInvalidos(f"dh_ids[{i}]", f"{ident} no es un derechohabiente de este siniestro")
        antes = sorted(dh.id for dh in s.derechohabientes if dh.seleccionado)
        for dh in s.derechohabientes:
            dh.seleccionado = dh.id in ids
        sesion.flush()
        registro.entidad_id = s.id
        registro.antes = {"seleccionados": antes}
        registro.despues = {"seleccionados": sorted(set(ids))}
        return sorted(set(ids))


def acreditar_seleccionados(ctx: Contexto, siniestro_id: int) -> list[int]:
    """«Acreditar TODOS los derechohabientes seleccionados»: needs a selection and a liquidation
    computed with the current DH; afterwards no DH can be added, edited or removed."""
    with ctx.caso_de_uso("acreditar", "acreditar_derechohabientes", "siniestro") as (sesion, registro):
        s = _abierto(sesion, siniestro_id)
        seleccionados = [dh for dh in s.derechohabientes if dh.seleccionado]
        if not seleccionados:
            raise ReglaIncumplida(f"No hay derechohabientes seleccionados en el siniestro {s.numero}.",
                                  "Tilde los que presentaron la documentación y guarde la selección.")
        ultima = sesion.scalars(select(Liquidacion).where(Liquidacion.siniestro_id == s.id)
                                .order_by(Liquidacion.version.desc()).limit(1)).first()
        if ultima is None:
            raise ReglaIncumplida(f"El siniestro {s.numero} no tiene liquidación calculada.",
                                  "Calcule la liquidación antes de acreditar.")
        from .liquidaciones import caso_del_siniestro  # (liquidaciones imports this module)

        # the amounts accredited must be those of the data as they are now
        if caso_del_siniestro(sesion, s, ultima.fecha_liquidacion, ultima.entrada.get("opciones") or {}) != ultima.entrada:
            raise ReglaIncumplida(
                f"Los datos del siniestro {s.numero}, del agente o de los derechohabientes cambiaron después "
                f"de la liquidación versión {ultima.version}.",
                "Calcule de nuevo antes de acreditar.")
        reparto = {p["id"]: p for p in ultima.resultado.get("reparto", [])}
        for dh in seleccionados:
            parte = reparto[str(dh.id)]
            if parte["excluido"]:
                raise ReglaIncumplida(
                    f"«{dh.apellido_nombre}» no puede acreditarse: {parte['motivo'] or 'excluido en la liquidación'}.")
        antes = fila_a_dict(s)
        for dh in seleccionados:
            dh.acreditado = True
        s.acreditado_en = ahora()
        s.estado = "acreditado"
        marcar_modificado(s, ctx.actor)
        sesion.flush()
        registro.entidad_id = s.id
        registro.antes = antes
        registro.despues = {**fila_a_dict(s), "acreditados": [dh.id for dh in seleccionados],
                            "liquidacion_version": ultima.version}
        return [dh.id for dh in seleccionados]


# ------------------------------------------------------------------ the screen's read

def situacion_derechohabientes(ctx: Contexto, siniestro_id: int) -> dict:
    """What the DERECHOHABIENTE screen shows, without storing anything.

    Each DH (as `listar_derechohabientes`) plus: `elegible`, `motivo` (why excluded, or the
    condition that keeps someone in), `edad` at the date of death — the engine's rules on the DH as
    they are now — `porcentaje_ley` (what «Aplicar Porcentajes por Ley» would give) and `importe`
    (the DH's amount in the latest liquidation, None if it has none). When the rules cannot be
    applied (two spouses, a child without birth date) `error_elegibilidad` says why and the
    per-DH fields are None. `liquidacion.vigente` is False when the data changed after the latest
    liquidation (accreditation would be refused). `campo_fecha` is the date the office records:
    `fecha_pre_acuerdo` (PMI under Ley 27.348) or `fecha_puesta_disposicion` (earlier PMI)."""
    from .liquidaciones import caso_del_siniestro, ultima_liquidacion  # (liquidaciones imports this module)
    from .parametros import parametros_vigentes

    with ctx.lectura() as sesion:
        s = cargar_siniestro(sesion, siniestro_id)
        exigir_mortal(s)
        dhs = list(s.derechohabientes)
        error = None
        elegibilidades: list[reglas.Elegibilidad | None] = [None] * len(dhs)
        por_ley: list[Decimal | None] = [None] * len(dhs)
        if dhs:
            try:
                evaluadas = _evaluar(s)
            except DatosInvalidos as e:
                error = e.mensaje
            else:
                elegibilidades = list(evaluadas)
                por_ley = reglas.porcentajes(reglas.pesos_por_ley(evaluadas), reglas.orden_desempate(evaluadas))

        ultima = ultima_liquidacion(sesion, s.id)
        liquidacion, reparto = None, {}
        if ultima is not None:
            vigente = caso_del_siniestro(
                sesion, s, ultima.fecha_liquidacion, ultima.entrada.get("opciones") or {}) == ultima.entrada
            liquidacion = {"version": ultima.version, "fecha_liquidacion": ultima.fecha_liquidacion,
                           "total": ultima.total, "vigente": vigente}
            reparto = {str(p.get("id")): p for p in (ultima.resultado or {}).get("reparto", [])}

        regimen = regimen_por_pmi(s.fecha_pmi, parametros_vigentes(sesion).regimenes)
        filas = []
        for dh, e, ley in zip(dhs, elegibilidades, por_ley):
            parte = reparto.get(str(dh.id))
            importe = parte.get("importe") if parte else None
            filas.append({
                **dh_a_dict(dh),
                "elegible": None if e is None else e.elegible,
                "motivo": None if e is None else e.motivo,
                "edad": None if e is None else e.edad,
                "porcentaje_ley": ley,
                "importe": None if importe is None else Decimal(str(importe)),
            })
        return {
            "siniestro_id": s.id, "numero": s.numero, "acreditado": s.dh_acreditados,
            "acreditado_en": s.acreditado_en, "fecha_fallecimiento": fecha_fallecimiento(s),
            "regimen": regimen.value,
            "campo_fecha": "fecha_pre_acuerdo" if regimen is Regimen.LEY_27348 else "fecha_puesta_disposicion",
            "porcentajes_manuales": porcentajes_manuales(s),
            "motivo_porcentajes": next((dh.motivo_porcentaje for dh in dhs if dh.motivo_porcentaje), None),
            "error_elegibilidad": error,
            "liquidacion": liquidacion,
            "derechohabientes": filas,
        }
