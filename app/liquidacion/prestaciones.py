"""Single-payment benefits: death (arts. 15 ap. 2 and 18 LRT), ILP (art. 14) and gran invalidez
(art. 17): formula, piso, CAPU (art. 11 ap. 4), IAPU (art. 3 Ley 26.773) and totals (spec §3–§4)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from .dinero import CERO, CIEN, centavos, formato_ar
from .errores import DatoInvalido, LiquidacionError
from .parametros import MontosSRT, Regimenes
from .regimen import Regimen

CINCUENTA_Y_TRES = Decimal(53)
SESENTA_Y_CINCO = Decimal(65)
VEINTE_POR_CIENTO = Decimal("0.20")
LIMITE_PARCIAL = Decimal(50)  # ≤ 50 %: no CAPU
LIMITE_TOTAL = Decimal(66)  # ≥ 66 %: total incapacity (art. 8 LRT)

IAPU_CON_CAPU = "con_capu"
IAPU_SIN_CAPU = "sin_capu"


class Tipo(Enum):
    MUERTE = "muerte"
    ILP = "ilp"
    GRAN_INVALIDEZ = "gran_invalidez"


class Tramo(Enum):
    MUERTE = "muerte"
    PARCIAL_HASTA_50 = "ilp_hasta_50"
    PARCIAL_50_66 = "ilp_50_66"
    TOTAL = "ilp_total"
    GRAN_INVALIDEZ = "gran_invalidez"


CAPU_INCISO = {
    Tramo.MUERTE: "c",
    Tramo.PARCIAL_HASTA_50: None,
    Tramo.PARCIAL_50_66: "a",
    Tramo.TOTAL: "b",
    Tramo.GRAN_INVALIDEZ: "b",
}


def tramo_de(tipo: Tipo, porcentaje: Decimal | None) -> Tramo:
    if tipo is Tipo.MUERTE:
        return Tramo.MUERTE
    if tipo is Tipo.GRAN_INVALIDEZ:
        return Tramo.GRAN_INVALIDEZ
    if porcentaje is None:
        raise DatoInvalido("porcentaje_incapacidad", "falta el porcentaje de incapacidad (ILP)")
    if porcentaje <= LIMITE_PARCIAL:
        return Tramo.PARCIAL_HASTA_50
    if porcentaje < LIMITE_TOTAL:
        return Tramo.PARCIAL_50_66
    return Tramo.TOTAL


@dataclass(frozen=True, slots=True)
class Formula:
    texto: str
    importe: Decimal


@dataclass(frozen=True, slots=True)
class Prestacion:
    tramo: Tramo
    formula: Formula
    piso_minimo: Decimal | None  # None where no piso exists (Dec. 1278/00)
    aplica_piso: bool
    tope: Decimal | None  # Dec. 1278/00 cap
    aplica_tope: bool
    pago_mensual: Decimal
    pago_unico: Decimal
    pago_por_danio: Decimal  # IAPU
    pago_adicional: Decimal  # CAPU
    capu_inciso: str | None
    iapu_base: Decimal | None
    aplica_minimo_iapu: bool
    advertencias: tuple[str, ...] = ()

    @property
    def total(self) -> Decimal:
        """Single payments only; the monthly allowance of gran invalidez is paid month by month."""
        return self.pago_unico + self.pago_por_danio + self.pago_adicional


def formula(vib_con_interes: Decimal, edad: int, tramo: Tramo, porcentaje: Decimal | None) -> Formula:
    """F = 53 × VIB × 65 / edad (× % for partial ILP), rounded once to cents."""
    if edad <= 0:
        raise DatoInvalido("fecha_nacimiento", "la edad a la fecha de PMI debe ser de al menos un año")
    valor = CINCUENTA_Y_TRES * vib_con_interes * SESENTA_Y_CINCO / edad
    texto = f"53 × {formato_ar(vib_con_interes)} × 65 / {edad}"
    if tramo in (Tramo.PARCIAL_HASTA_50, Tramo.PARCIAL_50_66):
        valor = valor * porcentaje / CIEN
        texto += f" × {formato_ar(porcentaje)} %"
    importe = centavos(valor)
    return Formula(f"{texto} = {formato_ar(importe)}", importe)


def _capu(montos: MontosSRT, inciso: str | None) -> Decimal:
    return {"a": montos.capu_a, "b": montos.capu_b, "c": montos.capu_c, None: CERO}[inciso]


def calcular_prestacion(
    *,
    tramo: Tramo,
    regimen: Regimen,
    vib_con_interes: Decimal,
    edad: int,
    porcentaje: Decimal | None,
    in_itinere: bool,
    montos: MontosSRT | None,
    regimenes: Regimenes,
    monto_gran_invalidez: Decimal | None = None,
    iapu_base: str = IAPU_CON_CAPU,
) -> Prestacion:
    if iapu_base not in (IAPU_CON_CAPU, IAPU_SIN_CAPU):
        raise DatoInvalido("opciones.iapu_base", f"valor desconocido «{iapu_base}»")
    f = formula(vib_con_interes, edad, tramo, porcentaje)
    inciso = CAPU_INCISO[tramo]
    parcial = tramo in (Tramo.PARCIAL_HASTA_50, Tramo.PARCIAL_50_66)
    advertencias = []

    if regimen is Regimen.DEC_1278:
        # Before Dec. 1694/09 the death capital was capped, and a fixed compensation added.
        if tramo is not Tramo.MUERTE:
            raise LiquidacionError(
                "Para PMI anteriores al 06/11/2009 (Decreto 1278/2000) el programa liquida solo "
                "fallecimientos: la ILP de ese régimen se pagaba en renta periódica."
            )
        tope = regimenes.tope_dec_1278
        pago_unico = min(f.importe, tope)
        return Prestacion(
            tramo, f, None, False, tope, f.importe > tope, CERO, pago_unico, CERO,
            regimenes.capu_c_dec_1278, inciso, None, False,
        )

    piso = centavos(montos.piso * porcentaje / CIEN) if parcial else montos.piso
    pago_unico = max(f.importe, piso)
    capu = _capu(montos, inciso)

    pago_por_danio = CERO
    base = None
    aplica_minimo = False
    if regimen.tiene_iapu and not in_itinere:
        base = pago_unico + (capu if iapu_base == IAPU_CON_CAPU else CERO)
        pago_por_danio = centavos(base * VEINTE_POR_CIENTO)
        if not parcial:
            if montos.iapu_minimo is None:
                raise LiquidacionError(
                    f"Falta el mínimo de IAPU en los montos SRT de {montos.norma}"
                )
            if pago_por_danio < montos.iapu_minimo:
                pago_por_danio = montos.iapu_minimo
                aplica_minimo = True
    elif in_itinere and regimen.tiene_iapu:
        advertencias.append("Accidente in itinere: no corresponde la IAPU (art. 3 Ley 26.773).")

    pago_mensual = CERO
    if tramo is Tramo.GRAN_INVALIDEZ:
        if monto_gran_invalidez is None:
            raise LiquidacionError("Falta el monto mensual de gran invalidez")
        pago_mensual = monto_gran_invalidez

    return Prestacion(
        tramo, f, piso, f.importe < piso, None, False, pago_mensual, pago_unico,
        pago_por_danio, capu, inciso, base, aplica_minimo, tuple(advertencias),
    )
