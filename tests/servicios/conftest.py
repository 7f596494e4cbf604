"""A migrated store with the bundled parameter tables, on SQLite and on PostgreSQL, and one
service context per role.

`fabrica` is parametrized like the `url_bd` fixture of `tests/fixtures_bd.py` ("sqlite" /
"postgresql"), with the same PostgreSQL server and policy (`url_postgres`: skipped without
LIQUIDADOR_TEST_PG_URL, failing with CI=true). Creating, migrating and loading a PostgreSQL
database costs ~0.5 s, so each backend is prepared once per session and every test starts from it:
SQLite gets a fresh copy of a prepared file, PostgreSQL one database per session whose case tables
are emptied before each test. `test_flujo.py` also runs on `url_bd` itself, migrating a brand-new
empty database with the real migrations.
"""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select

from app.models import Base, ParametroVersion, TABLAS_PARAMETROS, migrar
from app.models.bd import crear_motor, fabrica_sesiones
from app.services import parametros as servicio_parametros
from app.services.nucleo import Actor, Contexto
from tests.fixtures_bd import borrar_bd, crear_bd

TABLAS_DE_CASOS = [t for t in reversed(Base.metadata.sorted_tables) if not t.name.startswith("parametro")]


def preparar(motor) -> None:
    """Migrate to head and load the bundled parameter tables if they are missing."""
    if migrar.revision_actual(motor) != migrar.revision_final():
        migrar.actualizar(motor)
    f = fabrica_sesiones(motor)
    with f() as s:
        tablas = set(s.scalars(select(ParametroVersion.tabla).distinct()))
    if tablas != set(TABLAS_PARAMETROS):
        servicio_parametros.cargar_incluidas(Contexto(f, Actor("admin", "administrador", usuario_so="pruebas")))


@pytest.fixture(scope="session")
def _plantilla_sqlite(tmp_path_factory) -> bytes:
    ruta = tmp_path_factory.mktemp("plantilla") / "plantilla.db"
    motor = crear_motor(f"sqlite+pysqlite:///{ruta}")
    preparar(motor)
    with motor.begin() as c:
        c.execute(delete(Base.metadata.tables["auditoria"]))
    motor.dispose()  # the last connection closed checkpoints the WAL into the file
    assert not ruta.with_name(ruta.name + "-wal").exists()
    return ruta.read_bytes()


@pytest.fixture(scope="session")
def _motor_postgresql(url_postgres):
    url = crear_bd(url_postgres)
    motor = crear_motor(url)
    try:
        preparar(motor)
        yield motor
    finally:
        motor.dispose()
        borrar_bd(url)


@pytest.fixture(params=["sqlite", "postgresql"], ids=["sqlite", "postgresql"])
def fabrica(request, tmp_path):
    """Session factory of a migrated store holding the bundled parameter tables and no cases."""
    if request.param == "sqlite":
        ruta = tmp_path / "servicios.db"
        ruta.write_bytes(request.getfixturevalue("_plantilla_sqlite"))
        motor = crear_motor(f"sqlite+pysqlite:///{ruta}")
        yield fabrica_sesiones(motor)
        motor.dispose()
    else:
        motor = request.getfixturevalue("_motor_postgresql")
        with motor.begin() as c:  # a few rows: DELETE is much faster than TRUNCATE
            for tabla in TABLAS_DE_CASOS:
                c.execute(delete(tabla))
        yield fabrica_sesiones(motor)


@pytest.fixture
def contexto(fabrica):
    def hacer(rol: str, usuario: str | None = None) -> Contexto:
        return Contexto(fabrica, Actor(usuario or f"{rol}_1", rol, usuario_so="pruebas"))
    return hacer


@pytest.fixture
def op(contexto):
    return contexto("operador", "olga")


@pytest.fixture
def liq(contexto):
    return contexto("liquidador", "lucas")


@pytest.fixture
def sup(contexto):
    return contexto("supervisor", "sofia")


@pytest.fixture
def adm(contexto):
    return contexto("administrador", "adrian")
