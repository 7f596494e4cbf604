"""The liquidation: case in, every concept out, with the parameter values it used (spec §0–§5)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from . import derechohabientes as dhs
from .dinero import CERO, a_centavos_int, desde_centavos_int
from .errores import DatoInvalido
from .fechas import Periodo, ddmmaaaa, edad_cumplida
from .ingreso_base import (
    RIPTE_REFERENCIA_PMI,
    IngresoBase,
    Remuneracion,
    ingreso_base_art12_original,
    ingreso_base_ley_27348,
)
from .intereses import Interes, calcular_intereses, calcular_mora
from .parametros import MontoGranInvalidez, MontosSRT, Parametros, Regimenes
from .prestaciones import IAPU_CON_CAPU, Prestacion, Tipo, calcular_prestacion, tramo_de
from .regimen import Regimen, regimen_por_pmi
from .reparto import repartir

EDAD_MINIMA_LABORAL = 16
CONCEPTOS = ("pago_unico", "pago_por_danio", "pago_adicional")


@dataclass(frozen=True)
class Opciones:
    """Choices the spec leaves to a supervisor; stored and printed with the liquidation."""

    ripte_referencia: str = RIPTE_REFERENCIA_PMI
    iapu_base: str = IAPU_CON_CAPU


@dataclass(frozen=True)
class Caso:
    tipo: Tipo
    fecha_pmi: date
    fecha_nacimiento: date
    fecha_liquidacion: date
    in_itinere: bool = False
    fecha_fallecimiento: date | None = None
    porcentaje_incapacidad: Decimal | None = None
    vib: Decimal | None = None
    remuneraciones: tuple[Remuneracion, ...] = ()
    derechohabientes: tuple[dhs.Derechohabiente, ...] = ()
    fecha_inicio_actividad: date | None = None
    motivo_porcentajes: str | None = None
    fecha_mora: date | None = None
    fecha_pago: date | None = None
    opciones: Opciones = field(default_factory=Opciones)


@dataclass(frozen=True)
class ParteDerechohabiente:
    id: str
    parentesco: dhs.Parentesco
    edad: int | None
    excluido: bool
    motivo: str
    porcentaje: Decimal
    conceptos: dict[str, Decimal]

    @property
    def importe(self) -> Decimal:
        return sum(self.conceptos.values(), CERO)


@dataclass(frozen=True)
class Resultado:
    caso: Caso
    regimen: Regimen
    ingreso_base: IngresoBase | None
    vib: Decimal
    interes: Interes | None
    vib_con_interes: Decimal
    edad: int
    montos: MontosSRT | None
    gran_invalidez: MontoGranInvalidez | None
    prestacion: Prestacion
    reparto: tuple[ParteDerechohabiente, ...]
    porcentajes_manuales: bool
    mora: Interes | None
    advertencias: tuple[str, ...]
    regimenes: Regimenes

    @property
    def dias_interes(self) -> int:
        return self.interes.dias if self.interes else 0

    @property
    def factor_capitalizacion(self) -> Decimal:
        return self.interes.factor_capitalizacion if self.interes else Decimal(1)

    @property
    def intereses(self) -> Decimal:
        return self.interes.intereses if self.interes else CERO

    @property
    def total(self) -> Decimal:
        return self.prestacion.total


def _validar_fechas(caso: Caso) -> date:
    if caso.fecha_nacimiento >= caso.fecha_pmi:
        raise DatoInvalido("fecha_nacimiento", f"el {ddmmaaaa(caso.fecha_nacimiento)} no es anterior a la PMI")
    if caso.fecha_liquidacion < caso.fecha_pmi:
        raise DatoInvalido(
            "fecha_liquidacion",
            f"el {ddmmaaaa(caso.fecha_liquidacion)} es anterior a la PMI ({ddmmaaaa(caso.fecha_pmi)})",
        )
    fallecimiento = caso.fecha_fallecimiento or caso.fecha_pmi
    if fallecimiento < caso.fecha_pmi:
        raise DatoInvalido(
            "fecha_fallecimiento",
            f"el {ddmmaaaa(fallecimiento)} es anterior a la PMI ({ddmmaaaa(caso.fecha_pmi)})",
        )
    if caso.fecha_mora is not None:
        if caso.fecha_pago is None:
            raise DatoInvalido("fecha_pago", "con fecha de mora hace falta la fecha de pago")
        if caso.fecha_mora < caso.fecha_liquidacion:
            raise DatoInvalido("fecha_mora", "la mora no puede empezar antes de la liquidación")
    elif caso.fecha_pago is not None:
        raise DatoInvalido("fecha_mora", "con fecha de pago hace falta la fecha de mora")
    return fallecimiento


def _validar_porcentaje(caso: Caso) -> None:
    p = caso.porcentaje_incapacidad
    if caso.tipo is Tipo.ILP:
        if p is None:
            raise DatoInvalido("porcentaje_incapacidad", "falta el porcentaje de incapacidad (ILP)")
        if not Decimal(0) < p <= Decimal(100):
            raise DatoInvalido("porcentaje_incapacidad", f"{p} % debe ser mayor que 0 y hasta 100")
    elif caso.tipo is Tipo.GRAN_INVALIDEZ and p is not None and p < Decimal(66):
        raise DatoInvalido("porcentaje_incapacidad", f"la gran invalidez requiere incapacidad total (≥ 66 %), no {p} %")


def _ingreso_base(caso: Caso, regimen: Regimen, parametros: Parametros, advertencias: list[str]) -> IngresoBase | None:
    if caso.vib is not None:
        if caso.remuneraciones:
            advertencias.append("Se informó el VIB: las remuneraciones cargadas no se usaron.")
        return None
    if not caso.remuneraciones:
        raise DatoInvalido("remuneraciones", "no hay remuneraciones cargadas (o informe el VIB)")
    if regimen.art12_nuevo:
        ib = ingreso_base_ley_27348(
            list(caso.remuneraciones), caso.fecha_pmi, parametros.ripte, caso.opciones.ripte_referencia
        )
    else:
        ib = ingreso_base_art12_original(list(caso.remuneraciones), caso.fecha_pmi, caso.fecha_inicio_actividad)
    advertencias.extend(ib.advertencias)
    return ib


def _reparto(caso: Caso, prestacion: Prestacion, fallecimiento: date, advertencias: list[str]):
    if caso.tipo is not Tipo.MUERTE:
        if caso.derechohabientes:
            advertencias.append("Los derechohabientes solo se usan en caso de fallecimiento: no se repartió.")
        return (), False
    if not caso.derechohabientes:
        advertencias.append("No se cargaron derechohabientes: el reparto queda pendiente.")
        return (), False
    candidatos = list(caso.derechohabientes)
    elegibilidades = dhs.evaluar(candidatos, fallecimiento)
    manuales = any(dh.porcentaje is not None for dh in candidatos)
    prioridad = dhs.orden_desempate(elegibilidades)
    if manuales:
        if not (caso.motivo_porcentajes or "").strip():
            raise DatoInvalido("motivo_porcentajes", "los porcentajes modificados requieren un motivo")
        pesos = dhs.pesos_manuales(elegibilidades)
        advertencias.append(f"Porcentajes modificados por el liquidador: {caso.motivo_porcentajes.strip()}")
    else:
        pesos = dhs.pesos_por_ley(elegibilidades)
    if sum(pesos) == 0:
        advertencias.append(
            "Ningún derechohabiente reúne los requisitos del art. 18 ap. 2 LRT: no hay a quién "
            "asignar la prestación (no pasa a los herederos). Revise los datos cargados."
        )
        partes_por_concepto = {c: [0] * len(candidatos) for c in CONCEPTOS}
    else:
        partes_por_concepto = {
            c: repartir(a_centavos_int(getattr(prestacion, c)), pesos, prioridad) for c in CONCEPTOS
        }
    porcentajes = dhs.porcentajes(pesos, prioridad)
    reparto = tuple(
        ParteDerechohabiente(
            id=e.dh.id,
            parentesco=e.dh.parentesco,
            edad=e.edad,
            excluido=not e.elegible,
            motivo=e.motivo,
            porcentaje=porcentajes[i],
            conceptos={c: desde_centavos_int(partes_por_concepto[c][i]) for c in CONCEPTOS},
        )
        for i, e in enumerate(elegibilidades)
    )
    return reparto, manuales


def liquidar(caso: Caso, parametros: Parametros) -> Resultado:
    """Compute the whole liquidation of a case. Raises LiquidacionError (with a Spanish message)
    on invalid input or a missing parameter."""
    advertencias: list[str] = []
    fallecimiento = _validar_fechas(caso)
    _validar_porcentaje(caso)
    regimen = regimen_por_pmi(caso.fecha_pmi, parametros.regimenes)

    ib = _ingreso_base(caso, regimen, parametros, advertencias)
    vib = caso.vib if caso.vib is not None else ib.vib

    interes = None
    if regimen.art12_nuevo:
        interes = calcular_intereses(vib, caso.fecha_pmi, caso.fecha_liquidacion, parametros.tasas)
    vib_con_interes = vib + (interes.intereses if interes else CERO)

    edad = edad_cumplida(caso.fecha_nacimiento, caso.fecha_pmi)
    if edad < EDAD_MINIMA_LABORAL:
        advertencias.append(f"La edad a la PMI es de {edad} años: verifique la fecha de nacimiento.")

    montos = None if regimen is Regimen.DEC_1278 else parametros.montos.vigente(caso.fecha_pmi)
    tramo = tramo_de(caso.tipo, caso.porcentaje_incapacidad)
    gi = parametros.gran_invalidez.vigente(caso.fecha_liquidacion) if caso.tipo is Tipo.GRAN_INVALIDEZ else None
    prestacion = calcular_prestacion(
        tramo=tramo,
        regimen=regimen,
        vib_con_interes=vib_con_interes,
        edad=edad,
        porcentaje=caso.porcentaje_incapacidad,
        in_itinere=caso.in_itinere,
        montos=montos,
        regimenes=parametros.regimenes,
        monto_gran_invalidez=gi.monto if gi else None,
        iapu_base=caso.opciones.iapu_base,
    )
    advertencias.extend(prestacion.advertencias)
    reparto, manuales = _reparto(caso, prestacion, fallecimiento, advertencias)

    mora = None
    if caso.fecha_mora is not None:
        mora = calcular_mora(prestacion.total, caso.fecha_mora, caso.fecha_pago, parametros.tasas)

    return Resultado(
        caso=caso,
        regimen=regimen,
        ingreso_base=ib,
        vib=vib,
        interes=interes,
        vib_con_interes=vib_con_interes,
        edad=edad,
        montos=montos,
        gran_invalidez=gi,
        prestacion=prestacion,
        reparto=reparto,
        porcentajes_manuales=manuales,
        mora=mora,
        advertencias=tuple(advertencias),
        regimenes=parametros.regimenes,
    )


def periodos_ripte_usados(resultado: Resultado) -> dict[Periodo, Decimal]:
    ib = resultado.ingreso_base
    if ib is None or ib.ripte_referencia is None:
        return {}
    usados = {ib.ripte_referencia_periodo: ib.ripte_referencia}
    for m in ib.meses:
        if m.ripte is not None and m.importe > 0:
            usados[m.periodo] = m.ripte
    return dict(sorted(usados.items()))
