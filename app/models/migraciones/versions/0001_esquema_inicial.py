"""Initial schema: organismos, agentes, familia, siniestros, DH, liquidaciones, pagos, legajo, usuarios, auditoría.

Revision ID: 0001
Revises: None
Create Date: 2026-11-22
"""

from alembic import op
import sqlalchemy as sa
import app.models.tipos

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('auditoria',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('momento', sa.DateTime(), nullable=False),
    sa.Column('usuario', sa.String(length=60), nullable=False),
    sa.Column('usuario_so', sa.String(length=120), nullable=True),
    sa.Column('accion', sa.String(length=60), nullable=False),
    sa.Column('entidad', sa.String(length=40), nullable=False),
    sa.Column('entidad_id', sa.String(length=40), nullable=True),
    sa.Column('antes', sa.JSON(), nullable=True),
    sa.Column('despues', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_auditoria'))
    )
    with op.batch_alter_table('auditoria', schema=None) as batch_op:
        batch_op.create_index('ix_auditoria_entidad', ['entidad', 'entidad_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_auditoria_momento'), ['momento'], unique=False)

    op.create_table('organismo',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('codigo', sa.String(length=20), nullable=False),
    sa.Column('nombre', sa.String(length=200), nullable=False),
    sa.Column('cuit', sa.String(length=11), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organismo')),
    sa.UniqueConstraint('codigo', name=op.f('uq_organismo_codigo'))
    )

    op.create_table('usuario',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nombre', sa.String(length=60), nullable=False),
    sa.Column('nombre_completo', sa.String(length=200), nullable=False),
    sa.Column('rol', sa.String(length=20), nullable=False),
    sa.Column('clave_hash', sa.String(length=300), nullable=False),
    sa.Column('debe_cambiar_clave', sa.Boolean(), nullable=False),
    sa.Column('intentos_fallidos', sa.Integer(), nullable=False),
    sa.Column('bloqueado_hasta', sa.DateTime(), nullable=True),
    sa.Column('activo', sa.Boolean(), nullable=False),
    sa.Column('creado_en', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_usuario')),
    sa.UniqueConstraint('nombre', name=op.f('uq_usuario_nombre'))
    )

    op.create_table('agente',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cuil', sa.String(length=11), nullable=False),
    sa.Column('apellido_nombre', sa.String(length=200), nullable=False),
    sa.Column('busqueda', sa.String(length=200), nullable=False),
    sa.Column('fecha_nacimiento', sa.Date(), nullable=False),
    sa.Column('domicilio', sa.String(length=300), nullable=True),
    sa.Column('localidad', sa.String(length=120), nullable=True),
    sa.Column('organismo_id', sa.Integer(), nullable=False),
    sa.Column('fecha_inicio_actividad', sa.Date(), nullable=True),
    sa.Column('fecha_baja_actividad', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('modificado_por', sa.String(length=60), nullable=True),
    sa.Column('modificado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organismo_id'], ['organismo.id'], name=op.f('fk_agente_organismo_id_organismo')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agente')),
    sa.UniqueConstraint('cuil', name=op.f('uq_agente_cuil'))
    )
    with op.batch_alter_table('agente', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agente_busqueda'), ['busqueda'], unique=False)
        batch_op.create_index('ix_agente_organismo_busqueda', ['organismo_id', 'busqueda'], unique=False)
        batch_op.create_index(batch_op.f('ix_agente_organismo_id'), ['organismo_id'], unique=False)

    op.create_table('familiar',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agente_id', sa.Integer(), nullable=False),
    sa.Column('parentesco', sa.String(length=20), nullable=False),
    sa.Column('apellido_nombre', sa.String(length=200), nullable=False),
    sa.Column('cuil', sa.String(length=11), nullable=True),
    sa.Column('fecha_nacimiento', sa.Date(), nullable=True),
    sa.Column('estudiante', sa.Boolean(), nullable=False),
    sa.Column('incapacitado', sa.Boolean(), nullable=False),
    sa.Column('domicilio', sa.String(length=300), nullable=True),
    sa.Column('cbu', sa.String(length=22), nullable=True),
    sa.ForeignKeyConstraint(['agente_id'], ['agente.id'], name=op.f('fk_familiar_agente_id_agente'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_familiar')),
    sa.UniqueConstraint('agente_id', 'cuil', name=op.f('uq_familiar_agente_id_cuil'))
    )
    with op.batch_alter_table('familiar', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_familiar_agente_id'), ['agente_id'], unique=False)

    op.create_table('remuneracion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agente_id', sa.Integer(), nullable=False),
    sa.Column('periodo', sa.String(length=7), nullable=False),
    sa.Column('remuneracion', app.models.tipos.Dinero(), nullable=False),
    sa.Column('sac', app.models.tipos.Dinero(), nullable=False),
    sa.ForeignKeyConstraint(['agente_id'], ['agente.id'], name=op.f('fk_remuneracion_agente_id_agente'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_remuneracion')),
    sa.UniqueConstraint('agente_id', 'periodo', name=op.f('uq_remuneracion_agente_id_periodo'))
    )
    with op.batch_alter_table('remuneracion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_remuneracion_agente_id'), ['agente_id'], unique=False)

    op.create_table('siniestro',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('numero', sa.String(length=30), nullable=False),
    sa.Column('agente_id', sa.Integer(), nullable=False),
    sa.Column('tipo', sa.String(length=20), nullable=False),
    sa.Column('fecha_pmi', sa.Date(), nullable=False),
    sa.Column('fecha_fallecimiento', sa.Date(), nullable=True),
    sa.Column('in_itinere', sa.Boolean(), nullable=False),
    sa.Column('tipo_accidente', sa.String(length=60), nullable=True),
    sa.Column('incapacidad_tipo', sa.String(length=20), nullable=True),
    sa.Column('incapacidad_grado', sa.String(length=20), nullable=True),
    sa.Column('incapacidad_caracter', sa.String(length=20), nullable=True),
    sa.Column('porcentaje_incapacidad', app.models.tipos.Porcentaje(), nullable=True),
    sa.Column('fecha_denuncia', sa.Date(), nullable=True),
    sa.Column('fecha_recepcion', sa.Date(), nullable=True),
    sa.Column('estado', sa.String(length=20), nullable=False),
    sa.Column('fecha_pre_acuerdo', sa.Date(), nullable=True),
    sa.Column('fecha_puesta_disposicion', sa.Date(), nullable=True),
    sa.Column('acreditado_en', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('modificado_por', sa.String(length=60), nullable=True),
    sa.Column('modificado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['agente_id'], ['agente.id'], name=op.f('fk_siniestro_agente_id_agente')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_siniestro')),
    sa.UniqueConstraint('numero', name=op.f('uq_siniestro_numero'))
    )
    with op.batch_alter_table('siniestro', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_siniestro_agente_id'), ['agente_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_siniestro_estado'), ['estado'], unique=False)
        batch_op.create_index(batch_op.f('ix_siniestro_fecha_pmi'), ['fecha_pmi'], unique=False)

    op.create_table('derechohabiente',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('siniestro_id', sa.Integer(), nullable=False),
    sa.Column('familiar_id', sa.Integer(), nullable=True),
    sa.Column('parentesco', sa.String(length=20), nullable=False),
    sa.Column('apellido_nombre', sa.String(length=200), nullable=False),
    sa.Column('cuil', sa.String(length=11), nullable=True),
    sa.Column('fecha_nacimiento', sa.Date(), nullable=True),
    sa.Column('estudiante', sa.Boolean(), nullable=False),
    sa.Column('incapacitado', sa.Boolean(), nullable=False),
    sa.Column('casado', sa.Boolean(), nullable=False),
    sa.Column('domicilio', sa.String(length=300), nullable=True),
    sa.Column('cbu', sa.String(length=22), nullable=True),
    sa.Column('porcentaje', app.models.tipos.Porcentaje(), nullable=True),
    sa.Column('motivo_porcentaje', sa.Text(), nullable=True),
    sa.Column('seleccionado', sa.Boolean(), nullable=False),
    sa.Column('acreditado', sa.Boolean(), nullable=False),
    sa.Column('letrado', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['familiar_id'], ['familiar.id'], name=op.f('fk_derechohabiente_familiar_id_familiar'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['siniestro_id'], ['siniestro.id'], name=op.f('fk_derechohabiente_siniestro_id_siniestro'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_derechohabiente'))
    )
    with op.batch_alter_table('derechohabiente', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_derechohabiente_siniestro_id'), ['siniestro_id'], unique=False)

    op.create_table('documento',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('siniestro_id', sa.Integer(), nullable=False),
    sa.Column('tipo', sa.String(length=60), nullable=False),
    sa.Column('nombre_archivo', sa.String(length=255), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('tamanio', sa.Integer(), nullable=False),
    sa.Column('contenido', sa.LargeBinary(), nullable=False),
    sa.Column('cargado_por', sa.String(length=60), nullable=False),
    sa.Column('cargado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['siniestro_id'], ['siniestro.id'], name=op.f('fk_documento_siniestro_id_siniestro'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documento'))
    )
    with op.batch_alter_table('documento', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documento_siniestro_id'), ['siniestro_id'], unique=False)

    op.create_table('liquidacion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('siniestro_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('fecha_liquidacion', sa.Date(), nullable=False),
    sa.Column('calculada_en', sa.DateTime(), nullable=False),
    sa.Column('calculada_por', sa.String(length=60), nullable=False),
    sa.Column('entrada', sa.JSON(), nullable=False),
    sa.Column('resultado', sa.JSON(), nullable=False),
    sa.Column('total', app.models.tipos.Dinero(), nullable=False),
    sa.ForeignKeyConstraint(['siniestro_id'], ['siniestro.id'], name=op.f('fk_liquidacion_siniestro_id_siniestro'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_liquidacion')),
    sa.UniqueConstraint('siniestro_id', 'version', name=op.f('uq_liquidacion_siniestro_id_version'))
    )
    with op.batch_alter_table('liquidacion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_liquidacion_siniestro_id'), ['siniestro_id'], unique=False)

    op.create_table('pago',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('derechohabiente_id', sa.Integer(), nullable=False),
    sa.Column('liquidacion_id', sa.Integer(), nullable=False),
    sa.Column('fecha', sa.Date(), nullable=False),
    sa.Column('importe', app.models.tipos.Dinero(), nullable=False),
    sa.Column('medio', sa.String(length=40), nullable=False),
    sa.Column('comprobante', sa.String(length=100), nullable=True),
    sa.Column('registrado_por', sa.String(length=60), nullable=False),
    sa.Column('registrado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['derechohabiente_id'], ['derechohabiente.id'], name=op.f('fk_pago_derechohabiente_id_derechohabiente')),
    sa.ForeignKeyConstraint(['liquidacion_id'], ['liquidacion.id'], name=op.f('fk_pago_liquidacion_id_liquidacion')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pago'))
    )
    with op.batch_alter_table('pago', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pago_derechohabiente_id'), ['derechohabiente_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('pago', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pago_derechohabiente_id'))
    op.drop_table('pago')

    with op.batch_alter_table('liquidacion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_liquidacion_siniestro_id'))
    op.drop_table('liquidacion')

    with op.batch_alter_table('documento', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documento_siniestro_id'))
    op.drop_table('documento')

    with op.batch_alter_table('derechohabiente', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_derechohabiente_siniestro_id'))
    op.drop_table('derechohabiente')

    with op.batch_alter_table('siniestro', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_siniestro_fecha_pmi'))
        batch_op.drop_index(batch_op.f('ix_siniestro_estado'))
        batch_op.drop_index(batch_op.f('ix_siniestro_agente_id'))
    op.drop_table('siniestro')

    with op.batch_alter_table('remuneracion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_remuneracion_agente_id'))
    op.drop_table('remuneracion')

    with op.batch_alter_table('familiar', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_familiar_agente_id'))
    op.drop_table('familiar')

    with op.batch_alter_table('agente', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agente_organismo_id'))
        batch_op.drop_index('ix_agente_organismo_busqueda')
        batch_op.drop_index(batch_op.f('ix_agente_busqueda'))
    op.drop_table('agente')

    op.drop_table('usuario')

    op.drop_table('organismo')

    with op.batch_alter_table('auditoria', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auditoria_momento'))
        batch_op.drop_index('ix_auditoria_entidad')
    op.drop_table('auditoria')
