"""Grid filters: `agente.busqueda` in the "C" collation on PostgreSQL (exact, indexed prefix range on
any server) and an index on `siniestro.tipo` ("Mostrar sólo: MORTALES").

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute('ALTER TABLE agente ALTER COLUMN busqueda TYPE varchar(200) COLLATE "C"')
    with op.batch_alter_table("siniestro", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_siniestro_tipo"), ["tipo"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("siniestro", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_siniestro_tipo"))
    if op.get_bind().dialect.name == "postgresql":
        op.execute('ALTER TABLE agente ALTER COLUMN busqueda TYPE varchar(200) COLLATE "default"')
