"""Parameter tables in the store: every load is a new version; the previous ones are kept."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, ahora
from .tipos import Decimal2, Dinero

TABLAS_PARAMETROS = ("ripte", "tasas", "montos", "gran_invalidez", "regimenes", "feriados", "plazos")


class ParametroVersion(Base):
    __tablename__ = "parametro_version"
    __table_args__ = (UniqueConstraint("tabla", "numero"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tabla: Mapped[str] = mapped_column(String(20))
    numero: Mapped[int] = mapped_column(Integer)
    cargado_en: Mapped[datetime] = mapped_column(DateTime, default=ahora)
    cargado_por: Mapped[str] = mapped_column(String(60))
    origen: Mapped[str] = mapped_column(String(300))  # file loaded, or "incluidas con el programa"
    sha256: Mapped[str] = mapped_column(String(64))
    vigente: Mapped[bool] = mapped_column(Boolean, default=True, index=True)


class _Fila:
    id: Mapped[int] = mapped_column(primary_key=True)


class RipteFila(_Fila, Base):
    __tablename__ = "parametro_ripte"
    version_id: Mapped[int] = mapped_column(ForeignKey("parametro_version.id", ondelete="CASCADE"), index=True)
    periodo: Mapped[str] = mapped_column(String(7))
    indice: Mapped[Decimal] = mapped_column(Decimal2)


class TasaFila(_Fila, Base):
    __tablename__ = "parametro_tasa"
    version_id: Mapped[int] = mapped_column(ForeignKey("parametro_version.id", ondelete="CASCADE"), index=True)
    desde: Mapped[date] = mapped_column(Date)
    hasta: Mapped[date] = mapped_column(Date)
    tna: Mapped[Decimal] = mapped_column(Decimal2)
    origen: Mapped[str | None] = mapped_column(String(120))


class MontoSRTFila(_Fila, Base):
    __tablename__ = "parametro_monto_srt"
    version_id: Mapped[int] = mapped_column(ForeignKey("parametro_version.id", ondelete="CASCADE"), index=True)
    desde: Mapped[date] = mapped_column(Date)
    hasta: Mapped[date] = mapped_column(Date)
    norma: Mapped[str] = mapped_column(String(120))
    piso: Mapped[Decimal] = mapped_column(Dinero)
    capu_a: Mapped[Decimal] = mapped_column(Dinero)
    capu_b: Mapped[Decimal] = mapped_column(Dinero)
    capu_c: Mapped[Decimal] = mapped_column(Dinero)
    iapu_minimo: Mapped[Decimal | None] = mapped_column(Dinero)
    nota: Mapped[str | None] = mapped_column(String(300))


class GranInvalidezFila(_Fila, Base):
    __tablename__ = "parametro_gran_invalidez"
    version_id: Mapped[int] = mapped_column(ForeignKey("parametro_version.id", ondelete="CASCADE"), index=True)
    desde: Mapped[date] = mapped_column(Date)
    hasta: Mapped[date] = mapped_column(Date)
    monto: Mapped[Decimal] = mapped_column(Dinero)
    norma: Mapped[str] = mapped_column(String(120))


class RegimenFila(_Fila, Base):
    __tablename__ = "parametro_regimen"
    version_id: Mapped[int] = mapped_column(ForeignKey("parametro_version.id", ondelete="CASCADE"), index=True)
    clave: Mapped[str] = mapped_column(String(40))
    valor: Mapped[str] = mapped_column(String(40))
    norma: Mapped[str | None] = mapped_column(String(300))


class FeriadoFila(_Fila, Base):
    """Administrative non-working days the office adds to the national holidays."""

    __tablename__ = "parametro_feriado"
    version_id: Mapped[int] = mapped_column(ForeignKey("parametro_version.id", ondelete="CASCADE"), index=True)
    fecha: Mapped[date] = mapped_column(Date)
    descripcion: Mapped[str] = mapped_column(String(200))


class PlazoFila(_Fila, Base):
    """Procedure deadlines (spec §6): length and whether business or calendar days."""

    __tablename__ = "parametro_plazo"
    version_id: Mapped[int] = mapped_column(ForeignKey("parametro_version.id", ondelete="CASCADE"), index=True)
    clave: Mapped[str] = mapped_column(String(40))
    dias: Mapped[int] = mapped_column(Integer)
    habiles: Mapped[bool] = mapped_column(Boolean)
    norma: Mapped[str | None] = mapped_column(String(300))
