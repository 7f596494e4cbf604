"""Declarative base, constraint naming (stable names for Alembic on SQLite too) and helpers."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

CONVENCION_NOMBRES = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=CONVENCION_NOMBRES)


def ahora() -> datetime:
    """Current time in UTC without tzinfo: both engines store and compare it the same way."""
    return datetime.now(UTC).replace(tzinfo=None)


def normalizar_busqueda(texto: str) -> str:
    """Upper case without accents or repeated spaces: «Núñez  de la Peña» → «NUNEZ DE LA PENA».

    The grid filters on this column with an indexed prefix range, which works alike on SQLite
    (whose LIKE ignores case only for ASCII) and PostgreSQL."""
    sin_acentos = "".join(
        c for c in unicodedata.normalize("NFKD", texto) if not unicodedata.combining(c)
    )
    return " ".join(sin_acentos.upper().split())
