"""Alembic environment: always driven from `app.models.migrar` with a live connection."""

from alembic import context

from app.models import Base

conexion = context.config.attributes["conexion"]
context.configure(
    connection=conexion,
    target_metadata=Base.metadata,
    render_as_batch=conexion.dialect.name == "sqlite",  # SQLite needs table copies to alter
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
