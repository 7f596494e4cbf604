"""Parameter tables in the store, versioned: RIPTE, tasas, montos SRT, gran invalidez, regímenes, feriados, plazos.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from alembic import op
import sqlalchemy as sa
import app.models.tipos

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('parametro_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tabla', sa.String(length=20), nullable=False),
    sa.Column('numero', sa.Integer(), nullable=False),
    sa.Column('cargado_en', sa.DateTime(), nullable=False),
    sa.Column('cargado_por', sa.String(length=60), nullable=False),
    sa.Column('origen', sa.String(length=300), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('vigente', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parametro_version')),
    sa.UniqueConstraint('tabla', 'numero', name=op.f('uq_parametro_version_tabla_numero'))
    )
    with op.batch_alter_table('parametro_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parametro_version_vigente'), ['vigente'], unique=False)

    op.create_table('parametro_feriado',
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('fecha', sa.Date(), nullable=False),
    sa.Column('descripcion', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['parametro_version.id'], name=op.f('fk_parametro_feriado_version_id_parametro_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parametro_feriado'))
    )
    with op.batch_alter_table('parametro_feriado', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parametro_feriado_version_id'), ['version_id'], unique=False)

    op.create_table('parametro_gran_invalidez',
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('desde', sa.Date(), nullable=False),
    sa.Column('hasta', sa.Date(), nullable=False),
    sa.Column('monto', app.models.tipos.Dinero(), nullable=False),
    sa.Column('norma', sa.String(length=120), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['parametro_version.id'], name=op.f('fk_parametro_gran_invalidez_version_id_parametro_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parametro_gran_invalidez'))
    )
    with op.batch_alter_table('parametro_gran_invalidez', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parametro_gran_invalidez_version_id'), ['version_id'], unique=False)

    op.create_table('parametro_monto_srt',
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('desde', sa.Date(), nullable=False),
    sa.Column('hasta', sa.Date(), nullable=False),
    sa.Column('norma', sa.String(length=120), nullable=False),
    sa.Column('piso', app.models.tipos.Dinero(), nullable=False),
    sa.Column('capu_a', app.models.tipos.Dinero(), nullable=False),
    sa.Column('capu_b', app.models.tipos.Dinero(), nullable=False),
    sa.Column('capu_c', app.models.tipos.Dinero(), nullable=False),
    sa.Column('iapu_minimo', app.models.tipos.Dinero(), nullable=True),
    sa.Column('nota', sa.String(length=300), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['parametro_version.id'], name=op.f('fk_parametro_monto_srt_version_id_parametro_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parametro_monto_srt'))
    )
    with op.batch_alter_table('parametro_monto_srt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parametro_monto_srt_version_id'), ['version_id'], unique=False)

    op.create_table('parametro_plazo',
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('clave', sa.String(length=40), nullable=False),
    sa.Column('dias', sa.Integer(), nullable=False),
    sa.Column('habiles', sa.Boolean(), nullable=False),
    sa.Column('norma', sa.String(length=300), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['parametro_version.id'], name=op.f('fk_parametro_plazo_version_id_parametro_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parametro_plazo'))
    )
    with op.batch_alter_table('parametro_plazo', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parametro_plazo_version_id'), ['version_id'], unique=False)

    op.create_table('parametro_regimen',
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('clave', sa.String(length=40), nullable=False),
    sa.Column('valor', sa.String(length=40), nullable=False),
    sa.Column('norma', sa.String(length=300), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['parametro_version.id'], name=op.f('fk_parametro_regimen_version_id_parametro_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parametro_regimen'))
    )
    with op.batch_alter_table('parametro_regimen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parametro_regimen_version_id'), ['version_id'], unique=False)

    op.create_table('parametro_ripte',
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('periodo', sa.String(length=7), nullable=False),
    sa.Column('indice', app.models.tipos.Decimal2(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['parametro_version.id'], name=op.f('fk_parametro_ripte_version_id_parametro_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parametro_ripte'))
    )
    with op.batch_alter_table('parametro_ripte', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parametro_ripte_version_id'), ['version_id'], unique=False)

    op.create_table('parametro_tasa',
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('desde', sa.Date(), nullable=False),
    sa.Column('hasta', sa.Date(), nullable=False),
    sa.Column('tna', app.models.tipos.Decimal2(), nullable=False),
    sa.Column('origen', sa.String(length=120), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['parametro_version.id'], name=op.f('fk_parametro_tasa_version_id_parametro_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parametro_tasa'))
    )
    with op.batch_alter_table('parametro_tasa', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parametro_tasa_version_id'), ['version_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('parametro_tasa', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parametro_tasa_version_id'))
    op.drop_table('parametro_tasa')

    with op.batch_alter_table('parametro_ripte', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parametro_ripte_version_id'))
    op.drop_table('parametro_ripte')

    with op.batch_alter_table('parametro_regimen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parametro_regimen_version_id'))
    op.drop_table('parametro_regimen')

    with op.batch_alter_table('parametro_plazo', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parametro_plazo_version_id'))
    op.drop_table('parametro_plazo')

    with op.batch_alter_table('parametro_monto_srt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parametro_monto_srt_version_id'))
    op.drop_table('parametro_monto_srt')

    with op.batch_alter_table('parametro_gran_invalidez', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parametro_gran_invalidez_version_id'))
    op.drop_table('parametro_gran_invalidez')

    with op.batch_alter_table('parametro_feriado', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parametro_feriado_version_id'))
    op.drop_table('parametro_feriado')

    with op.batch_alter_table('parametro_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parametro_version_vigente'))
    op.drop_table('parametro_version')
