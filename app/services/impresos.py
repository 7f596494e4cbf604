"""The plain data of the printed sheets other than the convenio — IMPRIMIR of REMUNERACIONES, the
SIAPE liquidation and the notification to one DH — always from ONE stored liquidation version
(the latest by default), so that a reprint shows the same figures. Read-only: no audit row.

The concept details of SIAPE are written here with the same wording as the screens (the screens
build theirs in `app/ui/detalle.py`, which a service may not import).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import select

from app.errors import NoEncontrado, ReglaIncumplida
from app.liquidacion.derechohabientes import Parentesco
from app.models import Convenio, Derechohabiente, Liquidacion, Siniestro
from app.reports.datos import (
    ConceptoImporte,
    ConceptoSiape,
    DatosHojaRemuneraciones,
    DatosLiquidacionSiape,
    DatosNotificacion,
    MesRemuneracion,
    ParteSiape,
)
from app.reports.formato import pesos
from app.reports.notificacion import documentos_requeridos

from .detalle_conceptos import (
    REGIMENES_CON_IAPU,
    detalle_adicional,
    detalle_danio,
    detalle_mensual,
    detalle_unico,
)
from .entradas import hoy
from .nucleo import Contexto
from .siniestros import cargar_siniestro

CONCEPTOS_DH = ("pago_unico", "pago_por_danio", "pago_adicional")
TRAMOS = {
    "muerte": "Fallecimiento", "ilp_hasta_50": "ILP hasta 50 %", "ilp_50_66": "ILP de más de 50 % y menos de 66 %",
    "ilp_total": "ILP total (66 % o más)", "gran_invalidez": "Gran invalidez",
}


# ------------------------------------------------------------------ shared

def _d(valor) -> Decimal | None:
    return None if valor is None else Decimal(str(valor))


def _d0(valor) -> Decimal:
    return Decimal("0.00") if valor is None else Decimal(str(valor))


def _liquidacion(sesion, s: Siniestro, version: int | None, que: str) -> Liquidacion:
    consulta = select(Liquidacion).where(Liquidacion.siniestro_id == s.id)
    if version is None:
        liq = sesion.scalars(consulta.order_by(Liquidacion.version.desc()).limit(1)).first()
        if liq is None:
            raise ReglaIncumplida(f"El siniestro {s.numero} no tiene ninguna liquidación guardada: no se puede "
                                  f"imprimir {que}.", "Calcule la liquidación primero (ventana CALCULAR).")
        return liq
    liq = sesion.scalars(consulta.where(Liquidacion.version == version)).first()
    if liq is None:
        raise NoEncontrado(f"El siniestro {s.numero} no tiene la liquidación versión {version}.")
    return liq


def _local(momento: datetime | None) -> str | None:
    """A UTC timestamp of the store as `dd/mm/aaaa HH:MM` in the PC's local time."""
    return None if momento is None else momento.replace(tzinfo=UTC).astimezone().strftime("%d/%m/%Y %H:%M")


def _dni(cuil: str | None) -> str | None:
    """Digits 3–10 of a CUIL (the DNI it was issued for), without leading zeros."""
    if not cuil or len(cuil) != 11 or not cuil.isdigit():
        return None
    return str(int(cuil[2:10]))


def _etiqueta(parentesco: str | None) -> str:
    try:
        return Parentesco(parentesco).etiqueta
    except ValueError:
        return parentesco or ""


# ------------------------------------------------------------------ REMUNERACIONES

GRADO_FALLECIMIENTO = "FAL (fallecimiento)"


def datos_hoja_remuneraciones(ctx: Contexto, siniestro_id: int, version: int | None = None) -> DatosHojaRemuneraciones:
    """IMPRIMIR of REMUNERACIONES for a stored liquidation version (the latest by default)."""
    with ctx.lectura() as sesion:
        s = cargar_siniestro(sesion, siniestro_id)
        liq = _liquidacion(sesion, s, version, "la hoja de remuneraciones")
        r, a = liq.resultado, s.agente
        return DatosHojaRemuneraciones(
            siniestro=s.numero, apellido_nombre=a.apellido_nombre, cuil=a.cuil, organismo=a.organismo.nombre,
            fecha_nacimiento=a.fecha_nacimiento, incapacidad_tipo=s.incapacidad_tipo,
            # SiAPe shows a death as grado FAL, 100 % (seed 003) when nothing else was loaded
            incapacidad_grado=s.incapacidad_grado or (GRADO_FALLECIMIENTO if s.mortal else None),
            incapacidad_caracter=s.incapacidad_caracter,
            porcentaje_incapacidad=s.porcentaje_incapacidad if s.porcentaje_incapacidad is not None
            else (Decimal(100) if s.mortal else None), fecha_pmi=s.fecha_pmi,
            fecha_inicio_actividad=a.fecha_inicio_actividad, fecha_baja_actividad=a.fecha_baja_actividad,
            version=liq.version, regimen=r["regimen"], metodo=r.get("metodo_ingreso_base") or "vib_informado",
            meses=tuple(MesRemuneracion(m["periodo"], _d0(m.get("remuneracion")), _d0(m.get("sac")),
                                        _d(m.get("ripte")), _d(m.get("coeficiente")), _d(m.get("actualizado")))
                        for m in r.get("meses") or []),
            ripte_pmi=_d(r.get("ripte_pmi")),
            ripte_pmi_periodo=(r.get("parametros_usados") or {}).get("ripte_referencia"),
            vib=_d0(r.get("vib")), fecha_liquidacion=liq.fecha_liquidacion,
            dias_interes=int(r.get("dias_interes") or 0), factor_capitalizacion=_d(r.get("factor_capitalizacion")),
            intereses=_d(r.get("intereses")), vib_con_interes=_d0(r.get("vib_con_interes")),
            total_salarios=_d(r.get("total_salarios_actualizados")),
            meses_con_remuneracion=int(r.get("meses_con_remuneracion") or 0), dias_periodo=r.get("dias_periodo"),
            advertencias=tuple(r.get("advertencias") or ()),
        )


# ------------------------------------------------------------------ SIAPE

def _estado_dh(s: Siniestro) -> str:
    if not s.mortal:
        return "No corresponde (incapacidad)"
    if s.dh_acreditados:
        n = sum(1 for dh in s.derechohabientes if dh.acreditado)
        return f"{n} acreditado/s el {_local(s.acreditado_en).split(' ')[0]}"
    return "Sin acreditar"


def _partes(r: dict, s: Siniestro) -> tuple[list[ParteSiape], list[str]]:
    por_id = {str(dh.id): dh for dh in s.derechohabientes}
    partes: list[ParteSiape] = []
    for p in r.get("reparto") or []:
        dh = por_id.get(str(p["id"]))
        c = p.get("conceptos") or {}
        if p.get("excluido"):
            estado = "No (excluido/a)"
        else:
            estado = "Sí" if dh is not None and dh.acreditado else "No"
        partes.append(ParteSiape(
            apellido_nombre=dh.apellido_nombre if dh else f"(quitado después de liquidar, id {p['id']})",
            cuil=dh.cuil if dh else None, parentesco=_etiqueta(p.get("parentesco")),
            porcentaje=_d0(p.get("porcentaje")), pago_unico=_d0(c.get("pago_unico")),
            pago_por_danio=_d0(c.get("pago_por_danio")), pago_adicional=_d0(c.get("pago_adicional")),
            importe=_d0(p.get("importe")), acreditado=estado, motivo=p.get("motivo") or None))
    avisos = []
    if partes:
        nombres = {"pago_unico": "Pago ÚNICO", "pago_por_danio": "Pago POR DAÑO", "pago_adicional": "Pago ADICIONAL",
                   "importe": "TOTAL"}
        for campo, nombre in nombres.items():
            suma = sum((getattr(p, campo) for p in partes), Decimal("0.00"))
            liquidado = _d0(r.get("total" if campo == "importe" else campo))
            if suma != liquidado:
                avisos.append(f"{nombre}: la liquidación dice {pesos(liquidado)} y el reparto suma {pesos(suma)}.")
        en_liquidacion = {str(p["id"]) for p in r.get("reparto") or []}
        nuevos = [dh.apellido_nombre for dh in s.derechohabientes if str(dh.id) not in en_liquidacion]
        if nuevos:
            avisos.append("No figuran en esta liquidación (se cargaron después de calcularla): "
                          + ", ".join(f"«{n}»" for n in nuevos) + ". Vuelva a calcular.")
    return partes, avisos


def datos_liquidacion_siape(ctx: Contexto, siniestro_id: int, version: int | None = None) -> DatosLiquidacionSiape:
    """SIAPE of a stored liquidation version (the latest by default): concepts and each DH's share."""
    with ctx.lectura() as sesion:
        s = cargar_siniestro(sesion, siniestro_id)
        liq = _liquidacion(sesion, s, version, "la liquidación SIAPE")
        r, entrada, a = liq.resultado, liq.entrada or {}, s.agente
        partes, avisos = _partes(r, s)
        tramo = TRAMOS.get(r.get("tramo", ""), r.get("tramo") or "")
        if r.get("tipo") == "ilp" and entrada.get("porcentaje_incapacidad") is not None:
            tramo += f" ({str(entrada['porcentaje_incapacidad']).replace('.', ',')} %)"
        return DatosLiquidacionSiape(
            siniestro=s.numero, apellido_nombre=a.apellido_nombre, cuil=a.cuil, organismo=a.organismo.nombre,
            prestacion=tramo, regimen=r["regimen"], version=liq.version, fecha_liquidacion=liq.fecha_liquidacion,
            calculada_por=liq.calculada_por, calculada_en=_local(liq.calculada_en),
            estado_derechohabientes=_estado_dh(s),
            conceptos=(
                ConceptoSiape("Pago MENSUAL", _d0(r.get("pago_mensual")), detalle_mensual(r)),
                ConceptoSiape("Pago ÚNICO", _d0(r.get("pago_unico")), detalle_unico(r)),
                ConceptoSiape("Pago POR DAÑO", _d0(r.get("pago_por_danio")), detalle_danio(r, entrada)),
                ConceptoSiape("Pago ADICIONAL", _d0(r.get("pago_adicional")), detalle_adicional(r)),
            ),
            total=_d0(r.get("total")), partes=tuple(partes), avisos=tuple(avisos),
        )


# ------------------------------------------------------------------ notification to one DH

def _edad(nacimiento: date | None, al: date) -> int | None:
    if nacimiento is None:
        return None
    return al.year - nacimiento.year - ((al.month, al.day) < (nacimiento.month, nacimiento.day))


def _conceptos_dh(parte: dict, regimen: str) -> tuple[ConceptoImporte, ...]:
    c = parte.get("conceptos") or {}
    salida = [ConceptoImporte("Capital (Pago ÚNICO)", _d0(c.get("pago_unico"))),
              ConceptoImporte("C.A.P.U. (Pago ADICIONAL)", _d0(c.get("pago_adicional")))]
    danio = _d0(c.get("pago_por_danio"))
    if regimen in REGIMENES_CON_IAPU or danio:
        salida.append(ConceptoImporte("I.A.P.U. 20 % (Pago POR DAÑO)", danio))
    return tuple(salida)


def _citacion_futura(el_dia: date, *candidatas: date | None) -> date | None:
    """A stored convenio or pre-acuerdo date is a citation only if it is still ahead of the
    letter's date; a past one would cite the DH to a day gone by (the letter then says the date
    will be communicated)."""
    return next((c for c in candidatas if c is not None and c >= el_dia), None)


def datos_notificacion(ctx: Contexto, dh_id: int, *, version: int | None = None, fecha: date | None = None,
                       lugar: str | None = None, fecha_citacion: date | None = None, hora_citacion: str | None = None,
                       lugar_citacion: str | None = None, firmante: str | None = None,
                       cargo_firmante: str | None = None) -> DatosNotificacion:
    """The letter to DH `dh_id` with their share of a stored liquidation version (the latest by
    default). Place, date of the signature and signer default to the convenio's data when stored
    (lugar, fecha, representante) and the citation date to the siniestro's «fecha de pre-acuerdo»."""
    with ctx.lectura() as sesion:
        dh = sesion.get(Derechohabiente, dh_id)
        if dh is None:
            raise NoEncontrado(f"No existe el derechohabiente {dh_id}.")
        s = dh.siniestro
        if not s.mortal:
            raise ReglaIncumplida(f"El siniestro {s.numero} no es de tipo muerte: no tiene derechohabientes.")
        liq = _liquidacion(sesion, s, version, "la notificación al derechohabiente")
        r = liq.resultado
        parte = next((p for p in r.get("reparto") or [] if str(p["id"]) == str(dh.id)), None)
        if parte is None:
            raise ReglaIncumplida(
                f"«{dh.apellido_nombre}» no figura en la liquidación versión {liq.version} del siniestro "
                f"{s.numero}.",
                "Vuelva a calcular la liquidación (CALCULAR) con este derechohabiente cargado.")
        if parte.get("excluido"):
            raise ReglaIncumplida(
                f"«{dh.apellido_nombre}» está excluido/a en la liquidación versión {liq.version} "
                f"({parte.get('motivo') or 'sin porcentaje'}): no hay importe que notificarle.")
        conv = sesion.scalars(select(Convenio).where(Convenio.siniestro_id == s.id)).first()
        el_dia = fecha or hoy()
        edad = _edad(dh.fecha_nacimiento, el_dia)
        a = s.agente
        return DatosNotificacion(
            siniestro=s.numero, destinatario=dh.apellido_nombre, dni=_dni(dh.cuil), cuil=dh.cuil,
            domicilio=dh.domicilio, parentesco=_etiqueta(dh.parentesco), causante=a.apellido_nombre,
            cuil_causante=a.cuil, organismo=a.organismo.nombre,
            fecha_fallecimiento=s.fecha_fallecimiento or s.fecha_pmi, regimen=r["regimen"], version=liq.version,
            fecha_liquidacion=liq.fecha_liquidacion, porcentaje=_d0(parte.get("porcentaje")),
            conceptos=_conceptos_dh(parte, r["regimen"]), importe=_d0(parte.get("importe")),
            total_prestacion=_d0(r.get("total")), fecha=el_dia,
            lugar=lugar or (conv.lugar if conv else None),
            fecha_citacion=fecha_citacion or _citacion_futura(el_dia, conv.fecha if conv else None,
                                                              s.fecha_pre_acuerdo),
            hora_citacion=hora_citacion,
            lugar_citacion=lugar_citacion or (conv.lugar if conv else None),
            documentos=documentos_requeridos(dh.parentesco, estudiante=dh.estudiante, incapacitado=dh.incapacitado,
                                             menor=edad is not None and edad < 18),
            firmante=firmante or (conv.representante_apellido_nombre if conv else None),
            cargo_firmante=cargo_firmante or (conv.representante_cargo if conv else None),
        )
