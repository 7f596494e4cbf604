"""Siniestros and everything hanging from one: salaries, DH, liquidations, payments, documents."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, ahora
from .personas import Agente, Familiar
from .tipos import Dinero, Porcentaje

ESTADOS_SINIESTRO = ("denunciado", "en_liquidacion", "liquidado", "acreditado", "pagado", "cerrado")


class Remuneracion(Base):
    """The agent's salary history; REMUNERACIONES shows the 12 months before the PMI from it."""

    __tablename__ = "remuneracion"
    __table_args__ = (UniqueConstraint("agente_id", "periodo"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agente_id: Mapped[int] = mapped_column(ForeignKey("agente.id", ondelete="CASCADE"), index=True)
    periodo: Mapped[str] = mapped_column(String(7))  # AAAA-MM
    remuneracion: Mapped[Decimal] = mapped_column(Dinero)
    sac: Mapped[Decimal] = mapped_column(Dinero, default=Decimal("0.00"))


class Siniestro(Base):
    __tablename__ = "siniestro"

    id: Mapped[int] = mapped_column(primary_key=True)
    numero: Mapped[str] = mapped_column(String(30), unique=True)
    agente_id: Mapped[int] = mapped_column(ForeignKey("agente.id"), index=True)
    tipo: Mapped[str] = mapped_column(String(20), index=True)  # muerte | ilp | gran_invalidez ("MORTALES")
    fecha_pmi: Mapped[date] = mapped_column(Date, index=True)  # accident date for a death
    fecha_fallecimiento: Mapped[date | None] = mapped_column(Date)
    in_itinere: Mapped[bool] = mapped_column(Boolean, default=False)
    tipo_accidente: Mapped[str | None] = mapped_column(String(60))
    incapacidad_tipo: Mapped[str | None] = mapped_column(String(20))
    incapacidad_grado: Mapped[str | None] = mapped_column(String(20))
    incapacidad_caracter: Mapped[str | None] = mapped_column(String(20))
    porcentaje_incapacidad: Mapped[Decimal | None] = mapped_column(Porcentaje)
    fecha_denuncia: Mapped[date | None] = mapped_column(Date)
    fecha_recepcion: Mapped[date | None] = mapped_column(Date)
    estado: Mapped[str] = mapped_column(String(20), default="denunciado", index=True)
    fecha_pre_acuerdo: Mapped[date | None] = mapped_column(Date)
    fecha_puesta_disposicion: Mapped[date | None] = mapped_column(Date)
    acreditado_en: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
    modificado_por: Mapped[str | None] = mapped_column(String(60))
    modificado_en: Mapped[datetime] = mapped_column(DateTime, default=ahora)

    agente: Mapped[Agente] = relationship()
    derechohabientes: Mapped[list[Derechohabiente]] = relationship(
        back_populates="siniestro", cascade="all, delete-orphan", order_by="Derechohabiente.id"
    )
    liquidaciones: Mapped[list[Liquidacion]] = relationship(
        back_populates="siniestro", cascade="all, delete-orphan", order_by="Liquidacion.version"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def mortal(self) -> bool:
        return self.tipo == "muerte"

    @property
    def dh_acreditados(self) -> bool:
        return self.acreditado_en is not None


class Derechohabiente(Base):
    __tablename__ = "derechohabiente"

    id: Mapped[int] = mapped_column(primary_key=True)
    siniestro_id: Mapped[int] = mapped_column(ForeignKey("siniestro.id", ondelete="CASCADE"), index=True)
    familiar_id: Mapped[int | None] = mapped_column(ForeignKey("familiar.id", ondelete="SET NULL"))
    parentesco: Mapped[str] = mapped_column(String(20))
    apellido_nombre: Mapped[str] = mapped_column(String(200))
    cuil: Mapped[str | None] = mapped_column(String(11))
    fecha_nacimiento: Mapped[date | None] = mapped_column(Date)
    estudiante: Mapped[bool] = mapped_column(Boolean, default=False)
    incapacitado: Mapped[bool] = mapped_column(Boolean, default=False)
    casado: Mapped[bool] = mapped_column(Boolean, default=False)
    domicilio: Mapped[str | None] = mapped_column(String(300))
    cbu: Mapped[str | None] = mapped_column(String(22))
    numero_cuenta: Mapped[str | None] = mapped_column(String(30))  # printed beside the CBU in the convenio
    porcentaje: Mapped[Decimal | None] = mapped_column(Porcentaje)  # None: share by law
    motivo_porcentaje: Mapped[str | None] = mapped_column(Text)
    seleccionado: Mapped[bool] = mapped_column(Boolean, default=False)  # ticked to accredit
    acreditado: Mapped[bool] = mapped_column(Boolean, default=False)
    letrado: Mapped[str | None] = mapped_column(String(200))

    siniestro: Mapped[Siniestro] = relationship(back_populates="derechohabientes")
    familiar: Mapped[Familiar | None] = relationship()
    pagos: Mapped[list[Pago]] = relationship(back_populates="derechohabiente", order_by="Pago.id")


class Liquidacion(Base):
    """One calculation of a siniestro. Recalculating adds a version; old ones stay as they were."""

    __tablename__ = "liquidacion"
    __table_args__ = (UniqueConstraint("siniestro_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    siniestro_id: Mapped[int] = mapped_column(ForeignKey("siniestro.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    fecha_liquidacion: Mapped[date] = mapped_column(Date)
    calculada_en: Mapped[datetime] = mapped_column(DateTime, default=ahora)
    calculada_por: Mapped[str] = mapped_column(String(60))
    entrada: Mapped[dict] = mapped_column(JSON)  # the case exactly as given to the engine
    resultado: Mapped[dict] = mapped_column(JSON)  # the engine's output, incl. parametros_usados
    total: Mapped[Decimal] = mapped_column(Dinero)

    siniestro: Mapped[Siniestro] = relationship(back_populates="liquidaciones")


class Pago(Base):
    __tablename__ = "pago"

    id: Mapped[int] = mapped_column(primary_key=True)
    derechohabiente_id: Mapped[int] = mapped_column(ForeignKey("derechohabiente.id"), index=True)
    liquidacion_id: Mapped[int] = mapped_column(ForeignKey("liquidacion.id"))
    fecha: Mapped[date] = mapped_column(Date)
    importe: Mapped[Decimal] = mapped_column(Dinero)
    medio: Mapped[str] = mapped_column(String(40))
    comprobante: Mapped[str | None] = mapped_column(String(100))
    registrado_por: Mapped[str] = mapped_column(String(60))
    registrado_en: Mapped[datetime] = mapped_column(DateTime, default=ahora)

    derechohabiente: Mapped[Derechohabiente] = relationship(back_populates="pagos")


class Documento(Base):
    """Legajo digital: the bytes are kept in the store with their SHA-256."""

    __tablename__ = "documento"

    id: Mapped[int] = mapped_column(primary_key=True)
    siniestro_id: Mapped[int] = mapped_column(ForeignKey("siniestro.id", ondelete="CASCADE"), index=True)
    tipo: Mapped[str] = mapped_column(String(60))
    nombre_archivo: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    tamanio: Mapped[int] = mapped_column(Integer)
    contenido: Mapped[bytes] = mapped_column(LargeBinary)
    cargado_por: Mapped[str] = mapped_column(String(60))
    cargado_en: Mapped[datetime] = mapped_column(DateTime, default=ahora)
