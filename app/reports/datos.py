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
