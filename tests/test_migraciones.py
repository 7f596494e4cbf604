"""Schema migrations with data in the store: from revision 0001 (with realistic rows written in
plain SQL) to the head on SQLite and PostgreSQL, the committed 0001 data file of tests/datos/, and
that the migrated schema is exactly the models' (no pending autogenerate differences)."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from app.models import TABLAS_PARAMETROS, Base, migrar
from app.models.bd import crear_motor

DATOS = Path(__file__).resolve().parent / "datos"



def _cargar_generador():
    spec = importlib.util.spec_from_file_location("generar_bd_0001", DATOS / "generar_bd_0001.py")
    modulo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modulo)
    return modulo


datos_0001 = _cargar_generador()

TABLAS_0001 = {"auditoria", "organismo", "usuario", "agente", "familiar", "remuneracion", "siniestro",
               "derechohabiente", "documento", "liquidacion", "pago"}
TABLAS_0002 = {"parametro_version", "parametro_ripte", "parametro_tasa", "parametro_monto_srt",
               "parametro_gran_invalidez", "parametro_regimen", "parametro_feriado", "parametro_plazo"}
TABLAS_0004 = {"convenio"}


@pytest.fixture
def motor(url_bd):
    m = crear_motor(url_bd)
    yield m
    m.dispose()


def _tablas(motor) -> set[str]:
    return set(inspect(motor).get_table_names()) - {"alembic_version"}


def _diferencias(motor) -> list:
    with motor.connect() as c:
        contexto = MigrationContext.configure(c, opts={"compare_type": True, "compare_server_default": True})
        return compare_metadata(contexto, Base.metadata)


def _crudo(motor, sql: str):
    with motor.connect() as c:
        return c.execute(text(sql)).all()


def test_de_0001_con_datos_a_la_ultima_revision(motor):
    migrar.actualizar(motor, "0001")
    assert migrar.revision_actual(motor) == "0001"
    assert _tablas(motor) == TABLAS_0001
    with motor.begin() as c:
        datos_0001.insertar_filas(c)
    datos_0001.verificar(motor)
    columnas = {t: [c["name"] for c in inspect(motor).get_columns(t)] for t in TABLAS_0001}
    antes = {t: _crudo(motor, f"SELECT {', '.join(columnas[t])} FROM {t} ORDER BY id") for t in sorted(TABLAS_0001)}

    migrar.actualizar(motor)

    assert migrar.revision_actual(motor) == migrar.revision_final()
    assert _tablas(motor) == TABLAS_0001 | TABLAS_0002 | TABLAS_0004
    assert len(TABLAS_0002) == len(TABLAS_PARAMETROS) + 1  # one per parameter table + their versions
    # the old rows are byte for byte what they were (centavos still integers) …
    assert {t: _crudo(motor, f"SELECT {', '.join(columnas[t])} FROM {t} ORDER BY id")
            for t in sorted(TABLAS_0001)} == antes
    assert _crudo(motor, "SELECT remuneracion, sac FROM remuneracion WHERE periodo = '2019-03'") == [(3922611, 649068)]
    # … and read through today's models as the same amounts, dates, texts and bytes
    datos_0001.verificar(motor)
    # the new tables are there and empty, and the DH of 0001 have no account number yet
    for tabla in TABLAS_0002 | TABLAS_0004:
        assert _crudo(motor, f"SELECT count(*) FROM {tabla}") == [(0,)]
    assert _crudo(motor, "SELECT count(*) FROM derechohabiente WHERE numero_cuenta IS NOT NULL") == [(0,)]
    assert _diferencias(motor) == []

    # running it again is a no-op; going back to 0001 and up again keeps the data
    migrar.actualizar(motor)
    assert migrar.revision_actual(motor) == migrar.revision_final()
    with motor.begin() as c:  # (migrar has no downgrade helper: Alembic with migrar's configuration)
        command.downgrade(migrar._configuracion(c), "0001")
    assert _tablas(motor) == TABLAS_0001
    migrar.actualizar(motor)
    datos_0001.verificar(motor)


def test_esquema_migrado_igual_a_los_modelos(motor):
    migrar.actualizar(motor)
    assert _diferencias(motor) == []
    # and the comparison does notice a real difference (it is not vacuous)
    with motor.begin() as c:
        c.execute(text("CREATE TABLE sobrante (id INTEGER PRIMARY KEY)"))
        c.execute(text("DROP INDEX ix_agente_busqueda"))
    cambios = {d[0] if isinstance(d, tuple) else d[0][0] for d in _diferencias(motor)}
    assert cambios == {"remove_table", "add_index"}


def test_archivo_real_de_la_revision_0001(tmp_path):
    """A copy of an SQLite file made by the program at revision 0001 (tests/datos/, committed)."""
    original = DATOS / "bd_revision_0001.sqlite"
    contenido_original = original.read_bytes()
    copia = tmp_path / "liquidador.db"
    shutil.copyfile(original, copia)
    motor = crear_motor(f"sqlite+pysqlite:///{copia}")
    try:
        assert migrar.revision_actual(motor) == "0001"
        assert _tablas(motor) == TABLAS_0001
        datos_0001.verificar(motor)

        migrar.actualizar(motor)

        assert migrar.revision_actual(motor) == migrar.revision_final()
        assert _tablas(motor) == TABLAS_0001 | TABLAS_0002 | TABLAS_0004
        datos_0001.verificar(motor)
        assert _diferencias(motor) == []
        with motor.connect() as c:
            assert c.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert c.execute(text("PRAGMA foreign_key_check")).all() == []
    finally:
        motor.dispose()
    assert original.read_bytes() == contenido_original  # the committed file is never touched


def test_revisiones_conocidas_son_las_de_los_scripts():
    """`migrar.REVISIONES` (read at start-up without importing Alembic) is exactly the scripts'
    chain, oldest first, and its last one is Alembic's head."""
    cadena = [s.revision for s in reversed(list(migrar.scripts().walk_revisions()))]
    assert list(migrar.REVISIONES) == cadena
    assert migrar.revision_final() == migrar.scripts().get_current_head()


def test_revision_actual_sin_alembic_igual_a_la_de_alembic(tmp_path):
    from alembic.runtime.migration import MigrationContext

    motor = crear_motor(f"sqlite:///{tmp_path / 'r.db'}")
    assert migrar.revision_actual(motor) is None
    migrar.actualizar(motor, "0002")
    with motor.connect() as c:
        assert migrar.revision_actual(motor) == MigrationContext.configure(c).get_current_revision() == "0002"
    motor.dispose()
