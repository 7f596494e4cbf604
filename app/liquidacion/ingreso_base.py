"""Ingreso base (VIB): new art. 12 inc. 1 LRT (Ley 27.348 art. 11) and the original art. 12."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from datetime import date
from decimal import Decimal

from .dinero import CERO, centavos
from .errores import DatoInvalido, LiquidacionError
from .fechas import Periodo, ddmmaaaa
from .parametros import TablaRipte

TREINTA_Y_CUATRO = Decimal("30.4")  # original art. 12: daily average × 30.4

RIPTE_REFERENCIA_PMI = "pmi"
RIPTE_REFERENCIA_MES_ANTERIOR = "mes_anterior"

METODO_27348 = "art12_ley27348"
METODO_ORIGINAL = "art12_original"


@dataclass(frozen=True, slots=True)
class Remuneracion:
    periodo: Periodo
    remuneracion: Decimal
    sac: Decimal = CERO

    @property
    def importe(self) -> Decimal:
        return self.remuneracion + self.sac


@dataclass(frozen=True, slots=True)
class MesIngreso:
    """One row of the REMUNERACIONES screen."""

    periodo: Periodo
    remuneracion: Decimal
    sac: Decimal
    ripte: Decimal | None
    coeficiente: Decimal | None  # RIPTE[ref] / RIPTE[m], unrounded
    actualizado: Decimal  # rounded to cents

    @property
    def importe(self) -> Decimal:
        return self.remuneracion + self.sac


@dataclass(frozen=True, slots=True)
class IngresoBase:
    metodo: str
    vib: Decimal
    total: Decimal  # TOTAL DE SALARIOS ACTUALIZADOS (or plain sum, original art. 12)
    meses: tuple[MesIngreso, ...]
    meses_con_remuneracion: int
    ripte_referencia_periodo: Periodo | None = None
    ripte_referencia: Decimal | None = None
    periodo_desde: date | None = None  # original art. 12: the calendar-day period
    periodo_hasta: date | None = None
    dias_periodo: int | None = None
    advertencias: tuple[str, ...] = ()


def ventana(pmi: date) -> list[Periodo]:
    """The 12 calendar months M-12 … M-1 before the PMI month M (the PMI month excluded)."""
    return list(_ventana_del_mes(Periodo.de_fecha(pmi)))


@lru_cache(maxsize=256)
def _ventana_del_mes(m: Periodo) -> tuple[Periodo, ...]:
    return tuple(m.desplazar(k) for k in range(-12, 0))


def _por_periodo(remuneraciones: list[Remuneracion], pmi: date) -> dict[Periodo, Remuneracion]:
    meses = ventana(pmi)
    admitidos = set(meses)
    por_periodo: dict[Periodo, Remuneracion] = {}
    for i, r in enumerate(remuneraciones):
        campo = f"remuneraciones[{i}].periodo"
        if r.periodo not in admitidos:
            raise DatoInvalido(
                campo,
                f"el período {r.periodo} está fuera de los 12 meses anteriores a la PMI "
                f"({meses[0]} a {meses[-1]})",
            )
        if r.periodo in por_periodo:
            raise DatoInvalido(campo, f"el período {r.periodo} está cargado dos veces")
        por_periodo[r.periodo] = r
    return por_periodo


def ingreso_base_ley_27348(
    remuneraciones: list[Remuneracion],
    pmi: date,
    ripte: TablaRipte,
    referencia: str = RIPTE_REFERENCIA_PMI,
) -> IngresoBase:
    """Average of the months with salary, each updated by RIPTE[ref] / RIPTE[m] (spec §1)."""
    por_periodo = _por_periodo(remuneraciones, pmi)
    advertencias = []
    mes_pmi = Periodo.de_fecha(pmi)
    if referencia == RIPTE_REFERENCIA_MES_ANTERIOR:
        ref = mes_pmi.desplazar(-1)
        advertencias.append(
            f"Opción de supervisor: los salarios se actualizaron al RIPTE de {ref} "
            f"(mes anterior a la PMI) en lugar del RIPTE de {mes_pmi}."
        )
    elif referencia == RIPTE_REFERENCIA_PMI:
        ref = mes_pmi
    else:
        raise DatoInvalido("opciones.ripte_referencia", f"valor desconocido «{referencia}»")
    ripte_ref = ripte.indice(ref)

    meses = []
    total = CERO
    con_remuneracion = 0
    for periodo in ventana(pmi):
        r = por_periodo.get(periodo)
        rem = r.remuneracion if r else CERO
        sac = r.sac if r else CERO
        importe = rem + sac
        indice = ripte.get(periodo)
        if importe > 0:
            if indice is None:
                indice = ripte.indice(periodo)  # raises "Falta el RIPTE de …"
            coef = ripte_ref / indice
            actualizado = centavos(importe * coef)
            con_remuneracion += 1
        else:
            coef = ripte_ref / indice if indice is not None else None
            actualizado = CERO
        total += actualizado
        meses.append(MesIngreso(periodo, rem, sac, indice, coef, actualizado))

    if con_remuneracion == 0:
        raise LiquidacionError(
            "No hay remuneraciones mayores que cero en los 12 meses anteriores a la PMI "
            f"({meses[0].periodo} a {meses[-1].periodo}): no se puede calcular el ingreso base."
        )
    if con_remuneracion < 12:
        advertencias.append(
            f"El ingreso base promedia {con_remuneracion} meses con remuneración (de 12): "
            "correcto si la relación laboral duró menos de un año o hubo meses sin haberes."
        )
    return IngresoBase(
        metodo=METODO_27348,
        vib=centavos(total / con_remuneracion),
        total=total,
        meses=tuple(meses),
        meses_con_remuneracion=con_remuneracion,
        ripte_referencia_periodo=ref,
        ripte_referencia=ripte_ref,
        advertencias=tuple(advertencias),
    )


def ingreso_base_art12_original(
    remuneraciones: list[Remuneracion],
    pmi: date,
    fecha_inicio_actividad: date | None = None,
) -> IngresoBase:
    """Sum of the 12 months (or the service period) ÷ calendar days × 30.4 (original art. 12)."""
    por_periodo = _por_periodo(remuneraciones, pmi)
    meses_ventana = ventana(pmi)
    advertencias = []
    hasta = meses_ventana[-1].ultimo_dia
    desde = meses_ventana[0].primer_dia
    if fecha_inicio_actividad is not None:
        if fecha_inicio_actividad > hasta:
            raise DatoInvalido(
                "fecha_inicio_actividad",
                f"el {ddmmaaaa(fecha_inicio_actividad)} es posterior al último mes antes de la PMI",
            )
        desde = max(desde, fecha_inicio_actividad)
    elif por_periodo and min(por_periodo) > meses_ventana[0]:
        desde = min(por_periodo).primer_dia
        advertencias.append(
            f"Sin fecha de inicio de actividad: el período se contó desde el {ddmmaaaa(desde)} "
            "(primer mes cargado)."
        )
    meses = []
    total = CERO
    con_remuneracion = 0
    for periodo in meses_ventana:
        r = por_periodo.get(periodo)
        rem = r.remuneracion if r else CERO
        sac = r.sac if r else CERO
        if rem + sac > 0:
            con_remuneracion += 1
            if periodo.ultimo_dia < desde:
                raise DatoInvalido(
                    f"remuneraciones[{remuneraciones.index(r)}].periodo",
                    f"el período {periodo} es anterior al inicio de actividad ({ddmmaaaa(desde)})",
                )
        total += rem + sac
        meses.append(MesIngreso(periodo, rem, sac, None, None, rem + sac))
    if con_remuneracion == 0:
        raise LiquidacionError(
            "No hay remuneraciones mayores que cero en los 12 meses anteriores a la PMI "
            f"({meses_ventana[0]} a {meses_ventana[-1]}): no se puede calcular el ingreso base."
        )
    dias = (hasta - desde).days + 1
    return IngresoBase(
        metodo=METODO_ORIGINAL,
        vib=centavos(total / dias * TREINTA_Y_CUATRO),
        total=total,
        meses=tuple(meses),
        meses_con_remuneracion=con_remuneracion,
        periodo_desde=desde,
        periodo_hasta=hasta,
        dias_periodo=dias,
        advertencias=tuple(advertencias),
    )
