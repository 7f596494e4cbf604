"""Schema migrations (Alembic), run from the program: no alembic.ini needed on office PCs.

Alembic is imported only to migrate: start-up only needs to know the store's revision (one
SELECT) and this program's (`REVISIONES`, checked against the migration scripts by
tests/test_migraciones.py), which saves ~0.3 s of imports when the program opens.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

CARPETA = Path(__file__).resolve().parent / "migraciones"
# every revision of migraciones/versions, oldest first (the last one is the head)
REVISIONES = ("0001", "0002", "0003", "0004")
TABLA_VERSION = "alembic_version"


def _configuracion(conexion=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(CARPETA))
    cfg.attributes["conexion"] = conexion
    return cfg


def scripts():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_configuracion())


def revision_final() -> str:
    return REVISIONES[-1]


def revision_actual(motor: Engine) -> str | None:
    """The store's schema revision (None: never migrated), read as Alembic keeps it."""
    with motor.connect() as conexion:
        if not inspect(conexion).has_table(TABLA_VERSION):
            return None
        filas = conexion.execute(text(f"SELECT version_num FROM {TABLA_VERSION}")).scalars().all()
        return filas[0] if len(filas) == 1 else (None if not filas else ",".join(sorted(filas)))


def actualizar(motor: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision`, in one transaction per run (PostgreSQL rolls back DDL too)."""
    from alembic import command

    with motor.begin() as conexion:
        command.upgrade(_configuracion(conexion), revision)


def generar_revision(motor: Engine, mensaje: str) -> None:  # pragma: no cover - developer tool
    from alembic import command

    with motor.begin() as conexion:
        command.revision(_configuracion(conexion), message=mensaje, autogenerate=True)
