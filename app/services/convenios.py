"""Propuesta de Convenio: the data only the convenio needs (domicilio legal, opción de comisión,
asesor letrado, lugar y fecha, representante autoseguro, each DH's account), the printed data
taken from ONE stored liquidation version (so a reprint is identical), the PDF kept in the legajo,
and the siniestros of a batch.

Decisions: the DNI of a DH is digits 3–10 of its CUIL (the store keeps no DNI column); the PDF is
kept in the legajo under a name that says the siniestro, the liquidation version, the paper and a
fingerprint of what is printed (`convenio_<numero>_v<version>[_oficio]_<huella>.pdf`): printing the
same data again reuses that document (and returns its stored bytes, so the reprint is byte for byte
the one in the legajo) instead of adding a copy; a change of what is printed (e.g. the lawyer's
data) adds a new document."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict
from datetime import UTC, date, datetime, time
from decimal import Decimal

from sqlalchemy import exists, func, or_, select
from sqlalchemy.exc import IntegrityError

from app.errors import ConflictoEdicion, DatosInvalidos, ErrorBaseDatos, NoEncontrado, ReglaIncumplida
from app.liquidacion.derechohabientes import Parentesco
from app.liquidacion.fechas import ddmmaaaa
from app.models import Convenio, Derechohabiente, Documento, Liquidacion, Pago, Siniestro
from app.reports.datos import Accidentado, Beneficiario, Calculo, DatosConvenio, Letrado, Representante

from .convenios_campos import (CAMPOS, CAMPOS_DH, coherencia_letrado, dni_de_cuil, dni_de_cuit_persona, leer_campo,
                               leer_cuenta)
from .derechohabientes import exigir_mortal
from .entradas import como_dict, leer_cbu, leer_fecha, leer_texto, solo_campos
from .nucleo import Contexto, a_json, fila_a_dict, marcar_modificado, verificar_version
from .siniestros import cargar_siniestro

TIPO_DOCUMENTO = "Propuesta de convenio"  # as listed in documentos.TIPOS_DOCUMENTO
PAPELES = ("A4", "oficio")


# ------------------------------------------------------------------ reading and saving

def _convenio(sesion, siniestro_id: int) -> Convenio | None:
    return sesion.scalars(select(Convenio).where(Convenio.siniestro_id == siniestro_id)).first()


def _acreditados(s: Siniestro) -> list[Derechohabiente]:
    return sorted((dh for dh in s.derechohabientes if dh.acreditado),
                  key=lambda dh: (Parentesco(dh.parentesco).grupo, dh.id))


def _con_pagos(sesion, dh_ids) -> set[int]:
    if not dh_ids:
        return set()
    return set(sesion.scalars(select(Pago.derechohabiente_id).where(Pago.derechohabiente_id.in_(dh_ids)).distinct()))


def _cuentas(s: Siniestro) -> dict:
    return {str(dh.id): {"numero_cuenta": dh.numero_cuenta, "cbu": dh.cbu} for dh in _acreditados(s)}


def obtener_datos_convenio(ctx: Contexto, siniestro_id: int) -> dict:
    """What the convenio dialog shows: every field (None when not loaded), `version` (0 while never
    saved; give it back to `guardar_datos_convenio`), and the accredited DH with their account."""
    with ctx.lectura() as sesion:
        s = cargar_siniestro(sesion, siniestro_id)
        exigir_mortal(s)
        conv = _convenio(sesion, s.id)
        dhs = _acreditados(s)
        pagados = _con_pagos(sesion, [dh.id for dh in dhs])
        return {
            "siniestro_id": s.id, "numero": s.numero, "fecha_pmi": s.fecha_pmi, "acreditado": s.dh_acreditados,
            "version": conv.version if conv else 0,
            "modificado_por": conv.modificado_por if conv else None,
            "modificado_en": conv.modificado_en if conv else None,
            **{k: getattr(conv, k) if conv else None for k in CAMPOS},
            "derechohabientes": [{
                "id": dh.id, "apellido_nombre": dh.apellido_nombre, "parentesco": dh.parentesco,
                "parentesco_texto": Parentesco(dh.parentesco).etiqueta, "cuil": dh.cuil, "dni": dni_de_cuil(dh.cuil),
                "numero_cuenta": dh.numero_cuenta, "cbu": dh.cbu, "con_pagos": dh.id in pagados,
            } for dh in dhs],
        }


def _leer_cuentas(sesion, s: Siniestro, filas) -> dict[int, dict]:
    """The DH entries `[{id, numero_cuenta?, cbu?}]` checked: an accredited DH of this siniestro each,
    and no account change for a DH already paid."""
    if not isinstance(filas, (list, tuple)):
        raise DatosInvalidos("derechohabientes", "se esperaba una lista de derechohabientes")
    por_id = {dh.id: dh for dh in s.derechohabientes}
    nuevos: dict[int, dict] = {}
    for i, fila in enumerate(filas):
        campo = f"derechohabientes[{i}]"
        if not isinstance(fila, dict):
            raise DatosInvalidos(campo, "se esperaba un diccionario de campos")
        solo_campos(fila, ("id",) + CAMPOS_DH, f"{campo}.")
        ident = fila.get("id")
        dh = por_id.get(ident) if isinstance(ident, int) and not isinstance(ident, bool) else None
        if dh is None:
            raise DatosInvalidos(f"{campo}.id", f"{fila.get('id')!r} no es un derechohabiente del siniestro {s.numero}")
        if not dh.acreditado:
            raise DatosInvalidos(f"{campo}.id", f"«{dh.apellido_nombre}» no está acreditado/a: no figura en el convenio")
        valores = {}
        for clave in CAMPOS_DH:
            if clave in fila:
                try:
                    valores[clave] = (leer_cbu if clave == "cbu" else leer_cuenta)(fila[clave], f"{campo}.{clave}")
                except DatosInvalidos as e:
                    que = "CBU" if clave == "cbu" else "N° de cuenta"
                    raise DatosInvalidos(e.campo, f"{que} de «{dh.apellido_nombre}»: {e.mensaje[len(e.campo) + 2:]}") from None
        nuevos[dh.id] = valores
    cambian = [i for i, v in nuevos.items() if any(getattr(por_id[i], k) != x for k, x in v.items())]
    pagados = sorted(_con_pagos(sesion, cambian))
    if pagados:
        raise ReglaIncumplida(f"«{por_id[pagados[0]].apellido_nombre}» ya tiene pagos registrados: no se puede "
                              "cambiar su cuenta ni su CBU.")
    return nuevos


def guardar_datos_convenio(ctx: Contexto, siniestro_id: int, datos, version_leida: int | None = None) -> int:
    """Store the convenio's own data: the fields given in `datos` (absent ones stay as they are; None
    or blank clears one) and, under `derechohabientes`, `[{id, numero_cuenta, cbu}]` of accredited DH.
    `version_leida` as `obtener_datos_convenio` gave it (0: there was none): if someone saved since,
    nothing is written. Returns the new version."""
    d = como_dict(datos)
    try:
        with ctx.caso_de_uso("cargar", "guardar_datos_convenio", "convenio") as (sesion, registro):
            solo_campos(d, CAMPOS + ("derechohabientes",))
            s = cargar_siniestro(sesion, siniestro_id, bloquear=True)
            exigir_mortal(s)
            conv = _convenio(sesion, s.id)
            if version_leida is not None:
                if conv is not None:
                    verificar_version(conv, version_leida, f"La Propuesta de Convenio del siniestro {s.numero}")
                elif version_leida != 0:
                    raise ConflictoEdicion(f"Los datos del convenio del siniestro {s.numero} ya no están guardados; "
                                           "no se guardó nada.", "Vuelva a abrirlos.")
            valores = {k: leer_campo(k, d[k], s) for k in CAMPOS if k in d}
            coherencia_letrado({**{k: getattr(conv, k) for k in CAMPOS if conv is not None}, **valores})
            cuentas = _leer_cuentas(sesion, s, d.get("derechohabientes") or [])
            antes = None if conv is None else {**fila_a_dict(conv), "derechohabientes": _cuentas(s)}
            if conv is None:
                conv = Convenio(siniestro_id=s.id)
                sesion.add(conv)
            for k, v in valores.items():
                setattr(conv, k, v)
            por_id = {dh.id: dh for dh in s.derechohabientes}
            for dh_id, v in cuentas.items():
                for k, x in v.items():
                    setattr(por_id[dh_id], k, x)
            marcar_modificado(conv, ctx.actor)  # also a change of accounts only gives a new version
            sesion.flush()
            registro.entidad_id = conv.id
            registro.antes = antes
            registro.despues = {**fila_a_dict(conv), "derechohabientes": _cuentas(s)}
            return conv.version
    except IntegrityError:
        raise ConflictoEdicion("Otro usuario guardó a la vez los datos del convenio de este siniestro; no se "
                               "guardó nada.", "Vuelva a abrirlos para ver los cambios.") from None


# ------------------------------------------------------------------ the printed data

def _liquidacion(sesion, s: Siniestro, version: int | None) -> Liquidacion:
    consulta = select(Liquidacion).where(Liquidacion.siniestro_id == s.id)
    if version is None:
        liq = sesion.scalars(consulta.order_by(Liquidacion.version.desc()).limit(1)).first()
    else:
        liq = sesion.scalars(consulta.where(Liquidacion.version == version)).first()
    if liq is None:
        if version is None:
            raise ReglaIncumplida(f"El siniestro {s.numero} no tiene liquidación calculada.",
                                  "Calcule la liquidación antes de imprimir el convenio.")
        raise NoEncontrado(f"El siniestro {s.numero} no tiene la liquidación versión {version}.")
    return liq


def _exigir_acreditados(s: Siniestro) -> list[Derechohabiente]:
    if not s.mortal:
        raise ReglaIncumplida(f"El siniestro {s.numero} no es de tipo muerte: la Propuesta de Convenio es de los "
                              "derechohabientes de un fallecimiento.")
    dhs = _acreditados(s)
    if not s.dh_acreditados or not dhs:
        raise ReglaIncumplida(f"El siniestro {s.numero} no tiene derechohabientes acreditados: falta acreditarlos "
                              "para imprimir la Propuesta de Convenio.",
                              "Acredítelos en la pantalla DERECHOHABIENTE.")
    return dhs


def _dinero(resultado: dict, clave: str, liq: Liquidacion) -> Decimal:
    valor = resultado.get(clave)
    if valor is None:
        raise KeyError(clave)
    return Decimal(str(valor))


def _calculo(liq: Liquidacion) -> Calculo:
    r = liq.resultado
    montos = (r.get("parametros_usados") or {}).get("montos_srt")
    return Calculo(
        regimen=r["regimen"], version=liq.version, fecha_liquidacion=liq.fecha_liquidacion,
        vib=_dinero(r, "vib", liq), vib_con_interes=_dinero(r, "vib_con_interes", liq),
        dias_interes=int(r.get("dias_interes") or 0),
        factor_capitalizacion=Decimal(str(r.get("factor_capitalizacion") or "1")),
        formula_texto=r["formula"]["texto"], formula_importe=Decimal(str(r["formula"]["importe"])),
        piso_minimo=None if r.get("piso_minimo") is None else Decimal(str(r["piso_minimo"])),
        aplica_piso=bool(r.get("aplica_piso")), pago_unico=_dinero(r, "pago_unico", liq),
        capu=_dinero(r, "pago_adicional", liq), iapu=_dinero(r, "pago_por_danio", liq),
        pago_mensual=_dinero(r, "pago_mensual", liq), total=_dinero(r, "total", liq),
        norma_montos=montos.get("norma") if montos else None,
        semestre_montos=(f"{ddmmaaaa(date.fromisoformat(montos['vigencia_desde']))} – "
                         f"{ddmmaaaa(date.fromisoformat(montos['vigencia_hasta']))}") if montos else None,
        intereses=None if r.get("intereses") is None else Decimal(str(r["intereses"])),
        tope=None if r.get("tope") is None else Decimal(str(r["tope"])),
        aplica_tope=bool(r.get("aplica_tope")),
        in_itinere=bool((liq.entrada or {}).get("in_itinere")),  # as liquidated, not as edited since
    )


def _beneficiarios(dhs: list[Derechohabiente], liq: Liquidacion) -> tuple[Beneficiario, ...]:
    # the engine's reparto ids are the Derechohabiente ids as text (liquidaciones.caso_del_siniestro)
    reparto = {str(p["id"]): p for p in liq.resultado.get("reparto", [])}
    salida = []
    for dh in dhs:
        parte = reparto.get(str(dh.id))
        if parte is None:
            raise ReglaIncumplida(f"«{dh.apellido_nombre}» no figura en la liquidación versión {liq.version}.",
                                  "Imprima el convenio de una versión calculada con los derechohabientes acreditados.")
        if parte.get("excluido"):
            raise ReglaIncumplida(f"«{dh.apellido_nombre}» está excluido/a en la liquidación versión {liq.version}: "
                                  f"{parte.get('motivo') or 'sin porcentaje'}.")
        parentesco = Parentesco(dh.parentesco)
        salida.append(Beneficiario(
            grupo=parentesco.grupo, apellido_nombre=dh.apellido_nombre, cuil=dh.cuil, dni=dni_de_cuil(dh.cuil),
            fecha_nacimiento=dh.fecha_nacimiento, parentesco=parentesco.etiqueta,
            porcentaje=Decimal(str(parte["porcentaje"])), importe=Decimal(str(parte["importe"])),
            cbu=dh.cbu, numero_cuenta=dh.numero_cuenta, domicilio=dh.domicilio,
            conceptos={c: Decimal(str(v)) for c, v in (parte.get("conceptos") or {}).items() if v is not None},
        ))
    return tuple(salida)


def _datos(sesion, s: Siniestro, version: int | None) -> DatosConvenio:
    dhs = _exigir_acreditados(s)
    liq = _liquidacion(sesion, s, version)
    a, org = s.agente, s.agente.organismo
    conv = _convenio(sesion, s.id)
    c = {k: getattr(conv, k) if conv else None for k in CAMPOS}
    try:
        calculo, beneficiarios = _calculo(liq), _beneficiarios(dhs, liq)
    except (KeyError, TypeError, ValueError, ArithmeticError) as e:  # a stored result without the detail
        que = f"«{e.args[0]}»" if isinstance(e, KeyError) and e.args else "un importe"
        raise ReglaIncumplida(
            f"La liquidación versión {liq.version} del siniestro {s.numero} no tiene el detalle del cálculo que "
            f"imprime el convenio (falta o no es válido {que}).",
            "Calcule la liquidación de nuevo antes de imprimir el convenio.") from None
    return DatosConvenio(
        accidentado=Accidentado(
            apellido_nombre=a.apellido_nombre, siniestro=s.numero, cuil=a.cuil, fecha_nacimiento=a.fecha_nacimiento,
            domicilio=a.domicilio, localidad=a.localidad, empleador=org.nombre, cuit_empleador=org.cuit,
            fecha_accidente=s.fecha_pmi,
            tipo_accidente=s.tipo_accidente or ("Accidente in itinere" if s.in_itinere else "Accidente de trabajo"),
        ),
        calculo=calculo,
        beneficiarios=beneficiarios,
        domicilio_legal=c["domicilio_legal"], opcion_comision=c["opcion_comision"],
        letrado=Letrado(**{k: c[f"letrado_{k}"] for k in (
            "apellido_nombre", "matricula", "cuit", "localidad", "domicilio", "telefono", "email")},
            # a person's CUIT carries the DNI (digits 3-10): printed when no DNI was typed
            dni=c["letrado_dni"] or dni_de_cuit_persona(c["letrado_cuit"])),
        lugar=c["lugar"], fecha=c["fecha"],
        representante=Representante(apellido_nombre=c["representante_apellido_nombre"],
                                    dni=c["representante_dni"], cargo=c["representante_cargo"]),
        fecha_pre_acuerdo=s.fecha_pre_acuerdo, fecha_puesta_disposicion=s.fecha_puesta_disposicion,
    )


def datos_convenio(ctx: Contexto, siniestro_id: int, version: int | None = None) -> DatosConvenio:
    """What the Propuesta de Convenio prints, from ONE stored liquidation version (the latest when
    `version` is None): amounts and shares exactly as stored, only the accredited DH."""
    with ctx.lectura() as sesion:
        return _datos(sesion, cargar_siniestro(sesion, siniestro_id), version)


# ------------------------------------------------------------------ the PDF and the legajo

def nombre_archivo(datos: DatosConvenio, papel: str) -> str:
    """`convenio_<numero>_v<version>[_oficio]_<huella>.pdf`: the huella (8 hex digits of the SHA-256
    of what is printed) tells two prints of the same version with different convenio data apart."""
    contenido = json.dumps({"datos": a_json(asdict(datos)), "papel": papel}, sort_keys=True, ensure_ascii=False)
    huella = hashlib.sha256(contenido.encode("utf-8")).hexdigest()[:8]
    numero = re.sub(r"[^0-9A-Za-z._-]", "-", datos.accidentado.siniestro)
    return f"convenio_{numero}_v{datos.calculo.version}{'_oficio' if papel == 'oficio' else ''}_{huella}.pdf"


def _en_legajo(sesion, siniestro_id: int, nombre: str) -> bytes | None:
    doc = sesion.scalars(select(Documento).where(
        Documento.siniestro_id == siniestro_id, Documento.tipo == TIPO_DOCUMENTO,
        Documento.nombre_archivo == nombre).order_by(Documento.id).limit(1)).first()
    if doc is None:
        return None
    contenido = bytes(doc.contenido)
    if hashlib.sha256(contenido).hexdigest() != doc.sha256:
        raise ErrorBaseDatos(f"El documento «{doc.nombre_archivo}» (id {doc.id}) está dañado en la base de datos.",
                             "Restaure una copia de seguridad.")
    return contenido


def _pdf(datos: DatosConvenio, papel: str, creado: datetime) -> bytes:
    from app.reports.convenio import propuesta_convenio  # imported on use (fpdf2 and fonts)

    return propuesta_convenio(datos, papel=papel, creado=creado)


def _creado(sesion, siniestro_id: int, version: int) -> datetime:
    """The PDF's creation date: when the printed liquidation version was calculated (UTC), so the
    same data give the same bytes."""
    momento = sesion.scalar(select(Liquidacion.calculada_en).where(
        Liquidacion.siniestro_id == siniestro_id, Liquidacion.version == version))
    return momento.replace(tzinfo=UTC)


def generar_convenio(ctx: Contexto, siniestro_id: int, *, version: int | None = None, papel: str = "A4",
                     guardar_en_legajo: bool = True) -> bytes:
    """The Propuesta de Convenio PDF of a liquidation version (the latest by default), A4 or oficio.

    The same print already in the legajo is returned as stored (no copy added, no audit row);
    otherwise it is generated and, with `guardar_en_legajo`, kept in the legajo as a «Propuesta de
    convenio» document in one transaction with one audit row (permission «cargar»)."""
    if papel not in PAPELES:
        raise DatosInvalidos("papel", f"«{papel}» debe ser A4 u oficio")
    with ctx.lectura() as sesion:
        datos = _datos(sesion, cargar_siniestro(sesion, siniestro_id), version)
        guardado = _en_legajo(sesion, siniestro_id, nombre_archivo(datos, papel))
        creado = _creado(sesion, siniestro_id, datos.calculo.version)
    if guardado is not None:
        return guardado
    if not guardar_en_legajo:
        return _pdf(datos, papel, creado)
    with ctx.caso_de_uso("cargar", "guardar_convenio", "documento") as (sesion, registro):
        s = cargar_siniestro(sesion, siniestro_id, bloquear=True)
        datos = _datos(sesion, s, version)  # again under the lock: what is stored is what is printed
        nombre = nombre_archivo(datos, papel)
        guardado = _en_legajo(sesion, s.id, nombre)  # a print made meanwhile by someone else
        contenido = guardado if guardado is not None else _pdf(datos, papel, _creado(sesion, s.id, datos.calculo.version))
        registro.despues = {"liquidacion_version": datos.calculo.version, "papel": papel, "nombre_archivo": nombre}
        if guardado is None:
            doc = Documento(siniestro_id=s.id, tipo=TIPO_DOCUMENTO, nombre_archivo=nombre,
                            sha256=hashlib.sha256(contenido).hexdigest(), tamanio=len(contenido),
                            contenido=contenido, cargado_por=ctx.actor.usuario)
            sesion.add(doc)
            sesion.flush()
            registro.entidad_id = doc.id
            registro.despues = {**fila_a_dict(doc), **registro.despues}
        return contenido


# ------------------------------------------------------------------ batch and look-ups

def convenios_desde(ctx: Contexto, desde: date) -> list[int]:
    """Siniestros (ids, by numero) with accredited DH whose accreditation or latest liquidation is on
    or after `desde` (a local date; the store keeps UTC times)."""
    desde = leer_fecha(desde, "desde", requerido=True)
    limite = datetime.combine(desde, time()).astimezone(UTC).replace(tzinfo=None)
    with ctx.lectura() as sesion:
        liquidada = exists().where(Liquidacion.siniestro_id == Siniestro.id, Liquidacion.calculada_en >= limite)
        con_acreditados = exists().where(Derechohabiente.siniestro_id == Siniestro.id, Derechohabiente.acreditado)
        return list(sesion.scalars(
            select(Siniestro.id).where(Siniestro.tipo == "muerte", Siniestro.acreditado_en.is_not(None),
                                       con_acreditados, or_(Siniestro.acreditado_en >= limite, liquidada))
            .order_by(Siniestro.numero)))


def siniestro_por_numero(ctx: Contexto, numero: str) -> int:
    """The id of the siniestro numbered `numero` as users see it (case and blanks ignored)."""
    texto = leer_texto(numero, "siniestro", 30, requerido=True)
    with ctx.lectura() as sesion:
        ident = sesion.scalar(select(Siniestro.id).where(Siniestro.numero == texto))
        if ident is None:
            ident = sesion.scalar(select(Siniestro.id).where(func.upper(Siniestro.numero) == texto.upper()))
    if ident is None:
        raise NoEncontrado(f"No existe el siniestro número «{texto}».")
    return ident


def numeros_de_siniestros(ctx: Contexto, ids) -> dict[int, str]:
    """{id: numero} of the given siniestros, in one query (the batch names its files by number)."""
    ids = list(ids)
    with ctx.lectura() as sesion:
        return dict(sesion.execute(select(Siniestro.id, Siniestro.numero).where(Siniestro.id.in_(ids))).all()) if ids else {}
