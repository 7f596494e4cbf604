"""Users and the audit trail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, ahora

ROLES = ("operador", "liquidador", "supervisor", "administrador")


class Usuario(Base):
    __tablename__ = "usuario"

    id: Mapped[int] = mapped_column(primary_key=True)
    nombre: Mapped[str] = mapped_column(String(60), unique=True)  # login
    nombre_completo: Mapped[str] = mapped_column(String(200))
    rol: Mapped[str] = mapped_column(String(20))
    clave_hash: Mapped[str] = mapped_column(String(300))  # scrypt$n$r$p$salt$hash
    debe_cambiar_clave: Mapped[bool] = mapped_column(Boolean, default=True)
    intentos_fallidos: Mapped[int] = mapped_column(Integer, default=0)
    bloqueado_hasta: Mapped[datetime | None] = mapped_column(DateTime)
    activo: Mapped[bool] = mapped_column(Boolean, default=True)
    creado_en: Mapped[datetime] = mapped_column(DateTime, default=ahora)


class Auditoria(Base):
    """One row per use case: who, when, what, before → after."""

    __tablename__ = "auditoria"
    __table_args__ = (Index("ix_auditoria_entidad", "entidad", "entidad_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    momento: Mapped[datetime] = mapped_column(DateTime, default=ahora, index=True)
    usuario: Mapped[str] = mapped_column(String(60))
    usuario_so: Mapped[str | None] = mapped_column(String(120))  # OS user of the session
    accion: Mapped[str] = mapped_column(String(60))
    entidad: Mapped[str] = mapped_column(String(40))
    entidad_id: Mapped[str | None] = mapped_column(String(40))
    antes: Mapped[dict | None] = mapped_column(JSON)
    despues: Mapped[dict | None] = mapped_column(JSON)
