"""Organismos, agentes and the family loaded for each agent."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, ahora


class Organismo(Base):
    __tablename__ = "organismo"

    id: Mapped[int] = mapped_column(primary_key=True)
    codigo: Mapped[str] = mapped_column(String(20), unique=True)
    nombre: Mapped[str] = mapped_column(String(200))
    cuit: Mapped[str | None] = mapped_column(String(11))

    agentes: Mapped[list[Agente]] = relationship(back_populates="organismo")


class Agente(Base):
    __tablename__ = "agente"
    __table_args__ = (Index("ix_agente_organismo_busqueda", "organismo_id", "busqueda"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cuil: Mapped[str] = mapped_column(String(11), unique=True)  # digits only, check digit valid
    apellido_nombre: Mapped[str] = mapped_column(String(200))
    # normalizar_busqueda(apellido_nombre); on PostgreSQL in the "C" collation so the prefix range
    # of the grid filter is exact and indexed whatever the server's default collation is.
    busqueda: Mapped[str] = mapped_column(
        String(200).with_variant(String(200, collation="C"), "postgresql"), index=True
    )
    fecha_nacimiento: Mapped[date] = mapped_column(Date)
    domicilio: Mapped[str | None] = mapped_column(String(300))
    localidad: Mapped[str | None] = mapped_column(String(120))
    organismo_id: Mapped[int] = mapped_column(ForeignKey("organismo.id"), index=True)
    fecha_inicio_actividad: Mapped[date | None] = mapped_column(Date)
    fecha_baja_actividad: Mapped[date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)
    modificado_por: Mapped[str | None] = mapped_column(String(60))
    modificado_en: Mapped[datetime] = mapped_column(DateTime, default=ahora)

    organismo: Mapped[Organismo] = relationship(back_populates="agentes")
    familiares: Mapped[list[Familiar]] = relationship(back_populates="agente", cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}


class Familiar(Base):
    """The family "cargados en la base" for an agent, proposed as DH when a siniestro is fatal."""

    __tablename__ = "familiar"
    __table_args__ = (UniqueConstraint("agente_id", "cuil"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agente_id: Mapped[int] = mapped_column(ForeignKey("agente.id", ondelete="CASCADE"), index=True)
    parentesco: Mapped[str] = mapped_column(String(20))  # values of liquidacion.Parentesco
    apellido_nombre: Mapped[str] = mapped_column(String(200))
    cuil: Mapped[str | None] = mapped_column(String(11))
    fecha_nacimiento: Mapped[date | None] = mapped_column(Date)
    estudiante: Mapped[bool] = mapped_column(Boolean, default=False)
    incapacitado: Mapped[bool] = mapped_column(Boolean, default=False)
    domicilio: Mapped[str | None] = mapped_column(String(300))
    cbu: Mapped[str | None] = mapped_column(String(22))

    agente: Mapped[Agente] = relationship(back_populates="familiares")
