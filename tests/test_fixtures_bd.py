"""The database fixtures (tests/fixtures_bd.py) on SQLite and on the test PostgreSQL server."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import BigInteger, Column, Integer, MetaData, Numeric, Table, create_engine, inspect, select
from sqlalchemy.engine import make_url

from tests.fixtures_bd import ENV_URL_PG, borrar_bd, crear_bd, leer_url_postgres, parametros_psycopg

MONTO = Decimal("12345678901.23")
ENTERO_GRANDE = 1234567890123  # > 2**31


def _tabla(metadata: MetaData) -> Table:
    return Table(
        "montos",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("monto", Numeric(14, 2), nullable=False),
        Column("grande", BigInteger, nullable=False),
    )


# SQLite has no decimal type: SQLAlchemy stores a float and warns once. 14 significant digits are
# still exact after rounding to the column's scale, which is what the test checks.
@pytest.mark.filterwarnings(r"ignore:Dialect sqlite\+pysqlite does \*not\* support Decimal")
def test_numeric_y_bigint_ida_y_vuelta(url_bd):
    motor = create_engine(url_bd)
    try:
        metadata = MetaData()
        montos = _tabla(metadata)
        metadata.create_all(motor)
        with motor.begin() as conexion:
            conexion.execute(montos.insert().values(id=1, monto=MONTO, grande=ENTERO_GRANDE))
        with motor.connect() as conexion:
            monto, grande = conexion.execute(select(montos.c.monto, montos.c.grande)).one()
    finally:
        motor.dispose()
    assert type(monto) is Decimal
    assert monto == MONTO
    assert str(monto) == "12345678901.23"
    assert type(grande) is int
    assert grande == ENTERO_GRANDE


def test_url_bd_es_el_backend_pedido(url_bd, request):
    backend = request.node.callspec.params["url_bd"]
    assert make_url(url_bd).get_backend_name() == backend
    motor = create_engine(url_bd)
    try:
        assert inspect(motor).get_table_names() == []  # empty database
    finally:
        motor.dispose()


def test_dos_bases_postgres_son_independientes(crear_bd_postgres):
    url_a, url_b = crear_bd_postgres(), crear_bd_postgres()
    assert make_url(url_a).database != make_url(url_b).database

    motor_a, motor_b = create_engine(url_a), create_engine(url_b)
    try:
        metadata = MetaData()
        montos = _tabla(metadata)
        metadata.create_all(motor_a)
        with motor_a.begin() as conexion:
            conexion.execute(montos.insert().values(id=1, monto=MONTO, grande=ENTERO_GRANDE))
        assert inspect(motor_b).get_table_names() == []
        metadata.create_all(motor_b)
        with motor_b.connect() as conexion:
            assert conexion.execute(select(montos.c.id)).all() == []
        with motor_a.connect() as conexion:
            assert conexion.execute(select(montos.c.id)).all() == [(1,)]
    finally:
        motor_a.dispose()
        motor_b.dispose()


def test_borrar_bd_cierra_conexiones_abiertas_y_la_elimina(url_postgres):
    url = crear_bd(url_postgres)
    motor = create_engine(url)
    conexion = motor.connect()  # left open on purpose: borrar_bd must not wait for it
    try:
        borrar_bd(url)
    finally:
        conexion.invalidate()  # its server process is gone; don't try to roll it back
        conexion.close()
        motor.dispose()
    motor_servidor = create_engine(url_postgres)
    try:
        with motor_servidor.connect() as c:
            quedan = c.exec_driver_sql(
                "SELECT count(*) FROM pg_database WHERE datname = %(n)s", {"n": make_url(url).database}
            ).scalar_one()
    finally:
        motor_servidor.dispose()
    assert quedan == 0


def test_sin_variable_se_omite_fuera_de_ci():
    with pytest.raises(pytest.skip.Exception, match="PostgreSQL no disponible"):
        leer_url_postgres({})


def test_sin_variable_falla_en_ci():
    with pytest.raises(pytest.fail.Exception, match="PostgreSQL no disponible"):
        leer_url_postgres({"CI": "true"})


def test_con_variable_devuelve_la_url():
    url = "postgresql+psycopg://postgres@/x?host=/tmp/y"
    assert leer_url_postgres({ENV_URL_PG: f"  {url} "}) == url


def test_parametros_psycopg_por_socket_y_por_tcp():
    assert parametros_psycopg("postgresql+psycopg://postgres@/liquidador_pruebas?host=/tmp/pg", "postgres") == {
        "dbname": "postgres", "user": "postgres", "host": "/tmp/pg"}
    assert parametros_psycopg("postgresql+psycopg://yo:clave@127.0.0.1:5433/bd", "otra") == {
        "dbname": "otra", "user": "yo", "password": "clave", "host": "127.0.0.1", "port": 5433}
