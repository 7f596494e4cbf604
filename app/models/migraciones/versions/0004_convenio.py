"""Propuesta de Convenio: table `convenio` (one row per siniestro: domicilio legal, opción de
comisión, asesor letrado, lugar y fecha, representante autoseguro) and `derechohabiente.numero_cuenta`
(the account printed beside each DH's CBU).

The column is added and dropped with plain ALTER TABLE (SQLite ≥ 3.35 drops columns natively):
a batch copy of `derechohabiente` would have to drop a table that `pago` references.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "convenio",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("siniestro_id", sa.Integer(), nullable=False),
        sa.Column("domicilio_legal", sa.String(length=300), nullable=True),
        sa.Column("opcion_comision", sa.String(length=200), nullable=True),
        sa.Column("letrado_apellido_nombre", sa.String(length=200), nullable=True),
        sa.Column("letrado_dni", sa.String(length=8), nullable=True),
        sa.Column("letrado_matricula", sa.String(length=60), nullable=True),
        sa.Column("letrado_cuit", sa.String(length=11), nullable=True),
        sa.Column("letrado_localidad", sa.String(length=120), nullable=True),
        sa.Column("letrado_domicilio", sa.String(length=300), nullable=True),
        sa.Column("letrado_telefono", sa.String(length=40), nullable=True),
        sa.Column("letrado_email", sa.String(length=254), nullable=True),
        sa.Column("lugar", sa.String(length=120), nullable=True),
        sa.Column("fecha", sa.Date(), nullable=True),
        sa.Column("representante_apellido_nombre", sa.String(length=200), nullable=True),
        sa.Column("representante_dni", sa.String(length=8), nullable=True),
        sa.Column("representante_cargo", sa.String(length=120), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("modificado_por", sa.String(length=60), nullable=True),
        sa.Column("modificado_en", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["siniestro_id"], ["siniestro.id"], name=op.f("fk_convenio_siniestro_id_siniestro"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_convenio")),
        sa.UniqueConstraint("siniestro_id", name=op.f("uq_convenio_siniestro_id")),
    )
    op.add_column("derechohabiente", sa.Column("numero_cuenta", sa.String(length=30), nullable=True))


def downgrade() -> None:
    op.drop_column("derechohabiente", "numero_cuenta")
    op.drop_table("convenio")
