"""Schema migrations (Alembic), run from the program: no alembic.ini needed on office PCs."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

CARPETA = Path(__file__).resolve().parent / "migraciones"


def _configuracion(conexion=None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(CARPETA))
    cfg.attributes["conexion"] = conexion
    return cfg


def scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(_configuracion())


def revision_final() -> str:
    return scripts().get_current_head()


def revision_actual(motor: Engine) -> str | None:
    with motor.connect() as conexion:
        return MigrationContext.configure(conexion).get_current_revision()


def actualizar(motor: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision`, in one transaction per run (PostgreSQL rolls back DDL too)."""
    with motor.begin() as conexion:
        command.upgrade(_configuracion(conexion), revision)


def generar_revision(motor: Engine, mensaje: str) -> None:  # pragma: no cover - developer tool
    with motor.begin() as conexion:
        command.revision(_configuracion(conexion), message=mensaje, autogenerate=True)
