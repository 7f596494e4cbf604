"""Database fixtures (pytest plugin, registered from tests/conftest.py).

- ``url_postgres`` (session): the URL of the test PostgreSQL server, from the environment variable
  LIQUIDADOR_TEST_PG_URL, which ``make test`` sets after ``scripts/postgres_pruebas.sh start``.
  Without it the PostgreSQL tests are skipped, except with CI=true, where they fail.
- ``crear_bd_postgres`` (function): a factory; each call creates a fresh, empty database and
  returns its SQLAlchemy URL. All of them are dropped when the test ends.
- ``url_bd`` (function, parametrized "sqlite" / "postgresql"): a URL of an empty database; a test
  that uses it runs once per backend.

Outside ``make test``:  scripts/postgres_pruebas.sh start
                        LIQUIDADOR_TEST_PG_URL=$(scripts/postgres_pruebas.sh url) .venv/bin/python -m pytest
"""

from __future__ import annotations

import os
import uuid

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import URL, make_url

ENV_URL_PG = "LIQUIDADOR_TEST_PG_URL"
BD_MANTENIMIENTO = "postgres"
PREFIJO_BD = "prueba_"


def leer_url_postgres(entorno=None) -> str:
    """The URL from the environment; ``pytest.skip`` if unset (``pytest.fail`` when CI=true)."""
    entorno = os.environ if entorno is None else entorno
    url = entorno.get(ENV_URL_PG, "").strip()
    if url:
        return url
    motivo = (
        f"PostgreSQL no disponible: la variable {ENV_URL_PG} no está definida "
        "(`make test` la define tras `scripts/postgres_pruebas.sh start`)."
    )
    if entorno.get("CI") == "true":
        pytest.fail(motivo + " Con CI=true las pruebas de PostgreSQL son obligatorias.", pytrace=False)
    pytest.skip(motivo)


def parametros_psycopg(url: str | URL, base: str) -> dict:
    """psycopg.connect() keyword arguments for the server of a SQLAlchemy URL, on database ``base``.
    Accepts both ``…@/bd?host=/socket/dir`` and ``…@host:port/bd``."""
    u = make_url(url)
    host = u.host or u.query.get("host")
    if isinstance(host, tuple):
        host = host[0]
    parametros = {"dbname": base, "user": u.username, "password": u.password, "host": host, "port": u.port}
    return {k: v for k, v in parametros.items() if v is not None}


def _conectar_mantenimiento(url: str | URL) -> psycopg.Connection:
    return psycopg.connect(**parametros_psycopg(url, BD_MANTENIMIENTO), autocommit=True, connect_timeout=10)


def crear_bd(url_servidor: str | URL) -> str:
    """Creates an empty database with a unique name on the server of ``url_servidor``; returns its URL."""
    nombre = f"{PREFIJO_BD}{os.getpid()}_{uuid.uuid4().hex[:12]}"
    with _conectar_mantenimiento(url_servidor) as conexion:
        # template0 + UTF8: no conflict with anyone connected to template1, same encoding everywhere.
        # FILE_COPY (PG 15+): ~13 ms instead of ~120 ms for the default WAL_LOG on the fsync=off cluster.
        estrategia = " STRATEGY FILE_COPY" if conexion.info.server_version >= 150000 else ""
        conexion.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'" + estrategia).format(
                sql.Identifier(nombre)
            )
        )
    return make_url(url_servidor).set(database=nombre).render_as_string(hide_password=False)


def borrar_bd(url_bd: str | URL) -> None:
    """Drops the database of ``url_bd``, closing any connection a test left open."""
    nombre = make_url(url_bd).database
    with _conectar_mantenimiento(url_bd) as conexion:
        conexion.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (nombre,),
        )
        forzar = sql.SQL(" WITH (FORCE)") if conexion.info.server_version >= 130000 else sql.SQL("")
        conexion.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(nombre)) + forzar)


@pytest.fixture(scope="session")
def url_postgres() -> str:
    url = leer_url_postgres()
    try:
        with _conectar_mantenimiento(url):
            pass
    except psycopg.Error as exc:
        # The variable says a server should be there: a dead one is a failure, not a skip.
        pytest.fail(
            f"{ENV_URL_PG}={url} está definida pero no se puede conectar ({exc}). "
            "¿Se ejecutó `scripts/postgres_pruebas.sh start`?",
            pytrace=False,
        )
    return url


@pytest.fixture
def crear_bd_postgres(url_postgres):
    """Factory: ``crear_bd_postgres()`` -> URL of a new empty database (dropped after the test)."""
    creadas: list[str] = []

    def _crear() -> str:
        url = crear_bd(url_postgres)
        creadas.append(url)
        return url

    yield _crear
    for url in creadas:
        borrar_bd(url)


@pytest.fixture(params=["sqlite", "postgresql"], ids=["sqlite", "postgresql"])
def url_bd(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite+pysqlite:///{tmp_path / 'prueba.db'}"
    # Requested lazily so that the sqlite half never needs (nor skips for lack of) PostgreSQL.
    return request.getfixturevalue("crear_bd_postgres")()
