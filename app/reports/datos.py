"""Plain data the printed documents are made from.

The services fill these from the store (always from one stored liquidation version, so that a
reprint is identical); `app/reports/` turns them into PDF bytes without touching the database.
Amounts are `Decimal` with two decimals; dates are `date`; texts are already in Spanish.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Accidentado:
    """DATOS DEL ACCIDENTADO of the Propuesta de Convenio."""

    apellido_nombre: str
    siniestro: str  # the siniestro number as SiAPe shows it
    cuil: str  # 11 digits, printed as NN-NNNNNNNN-N
    fecha_nacimiento: date | None
    domicilio: str | None  # según DNI
    localidad: str | None
    empleador: str  # organismo name
    cuit_empleador: str | None  # 11 digits
    fecha_accidente: date  # PMI
    tipo_accidente: str | None  # e.g. "Accidente de trabajo", "In itinere"
    organismo: str | None = None


@dataclass(frozen=True)
class Calculo:
    """CÁLCULO DE INDEMNIZACIÓN POR FALLECIMIENTO of the stored liquidation version."""

    regimen: str  # app.liquidacion.regimen.Regimen value, e.g. "Ley 27.348"
    version: int  # liquidation version printed
    fecha_liquidacion: date  # «Intereses calculados hasta el día»
    vib: Decimal  # VIB c/RIPTE
    vib_con_interes: Decimal  # VIB c/RIPTE e intereses
    dias_interes: int
    factor_capitalizacion: Decimal
    formula_texto: str  # FÓRMULA: the engine's formula text
    formula_importe: Decimal
    piso_minimo: Decimal | None  # piso of the semester (None where the regime has none)
    aplica_piso: bool
    pago_unico: Decimal  # Capital piso mínimo (PAGO ÚNICO of CALCULAR)
    capu: Decimal  # C.A.P.U. (PAGO ADICIONAL)
    iapu: Decimal  # I.A.P.U. 20 % (PAGO POR DAÑO)
    pago_mensual: Decimal
    total: Decimal
    norma_montos: str | None = None  # resolution of the SRT amounts used
    semestre_montos: str | None = None  # "01/03/2024 – 31/08/2024"
    # added for the printed convenio (optional: the convenio prints without them)
    intereses: Decimal | None = None  # VIB c/RIPTE e intereses − VIB c/RIPTE
    tope: Decimal | None = None  # Dec. 1278/00 cap of the capital
    aplica_tope: bool = False
    in_itinere: bool = False  # why the I.A.P.U. is 0 in a regime that has it


@dataclass(frozen=True)
class Beneficiario:
    """One accredited derechohabiente, with its share of the stored liquidation."""

    grupo: int  # 1 cónyuge/conviviente e hijos, 2 padres, 3 familiares a cargo
    apellido_nombre: str
    cuil: str | None
    dni: str | None  # from the CUIL (digits 3-10) when no DNI is stored
    fecha_nacimiento: date | None
    parentesco: str  # label, e.g. "cónyuge", "hijo/a"
    porcentaje: Decimal  # 4 decimals, e.g. 50.0000
    importe: Decimal
    cbu: str | None  # 22 digits
    numero_cuenta: str | None = None
    domicilio: str | None = None
    conceptos: dict[str, Decimal] = field(default_factory=dict)  # pago_unico, pago_por_danio, ...


@dataclass(frozen=True)
class Letrado:
    """ASESOR LETRADO DEL BENEFICIARIO."""

    apellido_nombre: str | None = None
    matricula: str | None = None
    cuit: str | None = None
    localidad: str | None = None
    domicilio: str | None = None
    telefono: str | None = None
    email: str | None = None
    dni: str | None = None


@dataclass(frozen=True)
class Representante:
    """REPRESENTANTE AUTOSEGURO signing for the Province."""

    apellido_nombre: str | None = None
    dni: str | None = None
    cargo: str | None = None


@dataclass(frozen=True)
class DatosConvenio:
    accidentado: Accidentado
    calculo: Calculo
    beneficiarios: tuple[Beneficiario, ...]
    domicilio_legal: str | None = None
    opcion_comision: str | None = None  # Comisión Médica chosen
    letrado: Letrado = Letrado()
    lugar: str | None = None
    fecha: date | None = None  # LUGAR Y FECHA
    representante: Representante = Representante()
    fecha_pre_acuerdo: date | None = None  # Ley 27.348 cases
    fecha_puesta_disposicion: date | None = None  # earlier cases


# ------------------------------------------------------------------ the other printed sheets

@dataclass(frozen=True)
class MesRemuneracion:
    """One of the 12 months of REMUNERACIONES, as the stored liquidation computed it."""

    periodo: str  # AAAA-MM
    remuneracion: Decimal
    sac: Decimal
    ripte: Decimal | None  # None before Ley 27.348 (no update by RIPTE)
    coeficiente: Decimal | None  # RIPTE período PMI / RIPTE of the month (6 decimals)
    actualizado: Decimal | None  # (REM + SAC) × RIPTE, or REM + SAC under the original art. 12


@dataclass(frozen=True)
class DatosHojaRemuneraciones:
    """IMPRIMIR of REMUNERACIONES: the header, the 12 months and the CÁLCULOS box."""

    siniestro: str
    apellido_nombre: str
    cuil: str
    organismo: str
    fecha_nacimiento: date | None
    incapacidad_tipo: str | None
    incapacidad_grado: str | None
    incapacidad_caracter: str | None
    porcentaje_incapacidad: Decimal | None
    fecha_pmi: date
    fecha_inicio_actividad: date | None
    fecha_baja_actividad: date | None
    version: int
    regimen: str
    metodo: str  # "art12_ley27348" | "art12_original" | "vib_informado"
    meses: tuple[MesRemuneracion, ...]
    ripte_pmi: Decimal | None
    ripte_pmi_periodo: str | None  # AAAA-MM of the reference RIPTE
    vib: Decimal
    fecha_liquidacion: date
    dias_interes: int
    factor_capitalizacion: Decimal | None
    intereses: Decimal | None
    vib_con_interes: Decimal
    total_salarios: Decimal | None
    meses_con_remuneracion: int
    dias_periodo: int | None = None  # original art. 12: calendar days of the period
    advertencias: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConceptoSiape:
    """One line of CONCEPTOS (Pago MENSUAL, ÚNICO, POR DAÑO, ADICIONAL) with its detail text."""

    concepto: str
    importe: Decimal
    detalle: str


@dataclass(frozen=True)
class ParteSiape:
    """One DH of the liquidation: share and amount of each concept."""

    apellido_nombre: str
    cuil: str | None
    parentesco: str
    porcentaje: Decimal
    pago_unico: Decimal
    pago_por_danio: Decimal
    pago_adicional: Decimal
    importe: Decimal
    acreditado: str  # "Sí", "No", "No (excluido/a)"
    motivo: str | None = None


@dataclass(frozen=True)
class DatosLiquidacionSiape:
    """SIAPE: the whole benefit, every concept and what corresponds to each DH."""

    siniestro: str
    apellido_nombre: str
    cuil: str
    organismo: str
    prestacion: str  # "Fallecimiento", "ILP total (66 % o más)" …
    regimen: str
    version: int
    fecha_liquidacion: date
    calculada_por: str | None
    calculada_en: str | None  # already in local time, "dd/mm/aaaa HH:MM"
    estado_derechohabientes: str  # "3 acreditado/s el 12/07/2019", "Sin acreditar" …
    conceptos: tuple[ConceptoSiape, ...]
    total: Decimal
    partes: tuple[ParteSiape, ...]
    avisos: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConceptoImporte:
    concepto: str
    importe: Decimal


@dataclass(frozen=True)
class DatosNotificacion:
    """The letter that tells one DH the amount that corresponds to them."""

    siniestro: str
    destinatario: str
    dni: str | None
    cuil: str | None
    domicilio: str | None
    parentesco: str  # label, e.g. "cónyuge"
    causante: str
    cuil_causante: str
    organismo: str
    fecha_fallecimiento: date | None
    regimen: str
    version: int
    fecha_liquidacion: date
    porcentaje: Decimal
    conceptos: tuple[ConceptoImporte, ...]  # this DH's share of each concept
    importe: Decimal  # this DH's total
    total_prestacion: Decimal
    fecha: date  # date of the letter
    lugar: str | None = None  # where the letter is issued
    fecha_citacion: date | None = None  # signature of the Propuesta de Convenio
    hora_citacion: str | None = None
    lugar_citacion: str | None = None
    documentos: tuple[str, ...] = ()  # to bring; empty: the report's list for a DH
    firmante: str | None = None
    cargo_firmante: str | None = None
