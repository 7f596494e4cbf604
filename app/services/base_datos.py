"""The store as a whole: create it, migrate it (with a backup first) and check it.

These are what `python -m app db init|upgrade|check` run; the GUI uses the same functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from app.errors import ErrorBaseDatos
from app.models import TABLAS_PARAMETROS, Base, ParametroVersion, Usuario, bd, migrar

# Tables whose row counts `db check` shows (the main ones; the parameter rows are many and boring).
TABLAS_PRINCIPALES = (
    "organismo", "agente", "familiar", "remuneracion", "siniestro", "derechohabiente", "liquidacion",
    "pago", "documento", "usuario", "auditoria", "parametro_version",
)
ACTOR_SISTEMA = "sistema"


# ------------------------------------------------------------------ what and where

def abrir(url: str | None = None) -> Engine:
    """The engine of the configured store (argument > LIQUIDADOR_DB_URL > setting > SQLite)."""
    resolucion = "Revise la opción --bd, la variable LIQUIDADOR_DB_URL o configuracion.json."
    url = bd.url_configurada(url)
    try:
        motor_bd = make_url(url).get_backend_name()
    except SQLAlchemyError as e:
        raise ErrorBaseDatos(f"La dirección de la base de datos no es válida: {_una_linea(e)}.", resolucion) from None
    if motor_bd not in ("sqlite", "postgresql"):
        raise ErrorBaseDatos(f"La base de datos «{motor_bd}» no está soportada: use SQLite o PostgreSQL.", resolucion)
    try:
        return bd.crear_motor(url)
    except (SQLAlchemyError, ImportError) as e:  # unknown or missing driver
        raise ErrorBaseDatos(f"La dirección de la base de datos no es válida: {_una_linea(e)}.", resolucion) from None


def es_sqlite(motor: Engine) -> bool:
    return motor.dialect.name == "sqlite"


def ruta_sqlite(motor: Engine) -> Path | None:
    """The SQLite file of the engine (None for PostgreSQL or an in-memory base)."""
    if not es_sqlite(motor):
        return None
    base = motor.url.database
    return Path(base) if base and base != ":memory:" else None


def describir(motor: Engine) -> str:
    """One line naming the store, never with its password."""
    if es_sqlite(motor):
        ruta = ruta_sqlite(motor)
        return f"SQLite, archivo {ruta}" if ruta else "SQLite en memoria"
    url = motor.url.set(drivername=motor.url.get_backend_name())
    return f"PostgreSQL, {unquote(url.render_as_string(hide_password=True))}"


def existe(motor: Engine) -> bool:
    """For SQLite, whether the file is there (connecting would create an empty one)."""
    ruta = ruta_sqlite(motor)
    if ruta is None:
        return True
    return ruta.is_file() and ruta.stat().st_size > 0


def exigir_existente(motor: Engine) -> None:
    if not existe(motor):
        raise ErrorBaseDatos(f"No existe la base de datos ({describir(motor)}).",
                             "Ejecute «python -m app db init» para crearla.")


def _una_linea(error) -> str:
    texto = str(getattr(error, "orig", None) or error)
    return " ".join(texto.split())


# ------------------------------------------------------------------ revisions

def revisiones_conocidas() -> list[str]:
    """Every schema revision this program knows, oldest first."""
    return list(migrar.REVISIONES)


def revision_final() -> str:
    return migrar.revision_final()


def revision_actual(motor: Engine) -> str | None:
    try:
        return migrar.revision_actual(motor)
    except SQLAlchemyError as e:
        raise ErrorBaseDatos(f"No se pudo abrir la base de datos ({describir(motor)}): {_una_linea(e)}") from None


def _exigir_conocida(revision: str) -> None:
    if revision not in revisiones_conocidas():
        raise ErrorBaseDatos(
            f"La base de datos tiene la versión de esquema «{revision}», que este programa no conoce: "
            "la creó una versión más nueva del programa u otro programa.",
            "Instale la versión más nueva del programa; no se cambió nada.",
        )


# ------------------------------------------------------------------ init

@dataclass
class ResultadoInicializacion:
    revision: str
    esquema_creado: bool = False
    tablas_cargadas: list[str] = field(default_factory=list)
    clave_administrador: str | None = None
    usuario_administrador: str | None = None

    @property
    def sin_cambios(self) -> bool:
        return not (self.esquema_creado or self.tablas_cargadas or self.clave_administrador)


def inicializar(motor: Engine) -> ResultadoInicializacion:
    """Create the schema, load the bundled parameter tables and the first administrator.

    Idempotent: on a complete store it changes nothing; on one left half-done it completes what is
    missing. An existing store of an older version is not touched (that is `actualizar`'s job,
    which makes a backup first)."""
    from app.services import parametros, usuarios
    from app.services.nucleo import ADMINISTRADOR, Actor, Contexto

    final = revision_final()
    actual = revision_actual(motor)
    resultado = ResultadoInicializacion(revision=final)
    try:
        if actual is None:
            nuestras = sorted(set(inspect(motor).get_table_names()) & set(Base.metadata.tables))
            if nuestras:
                raise ErrorBaseDatos(
                    f"La base de datos ya tiene tablas del programa ({', '.join(nuestras[:4])}…) pero no "
                    "registra su versión de esquema: no se tocó.",
                    "Restaure un respaldo («python -m app db restore ARCHIVO») o use una base vacía.",
                )
            migrar.actualizar(motor)
            resultado.esquema_creado = True
        else:
            _exigir_conocida(actual)
            if actual != final:
                raise ErrorBaseDatos(
                    f"La base de datos ya existe con la versión de esquema {actual}; este programa usa la {final}.",
                    "Actualícela con «python -m app db upgrade», que antes hace un respaldo.",
                )
        fabrica = bd.fabrica_sesiones(motor)
        with fabrica() as sesion:
            existentes = set(sesion.scalars(select(ParametroVersion.tabla).distinct()))
        if set(TABLAS_PARAMETROS) - existentes:
            ctx = Contexto(fabrica, Actor(ACTOR_SISTEMA, ADMINISTRADOR))
            resultado.tablas_cargadas = parametros.cargar_incluidas(ctx)
        resultado.clave_administrador = usuarios.crear_administrador_inicial(fabrica)
        if resultado.clave_administrador:
            resultado.usuario_administrador = usuarios.USUARIO_INICIAL
    except SQLAlchemyError as e:
        raise ErrorBaseDatos(f"No se pudo inicializar la base de datos: {_una_linea(e)}") from None
    return resultado


# ------------------------------------------------------------------ upgrade

@dataclass
class ResultadoActualizacion:
    antes: str
    despues: str
    respaldo: Path | None = None

    @property
    def sin_cambios(self) -> bool:
        return self.antes == self.despues


def actualizar(motor: Engine, *, sin_respaldo: bool = False, carpeta_respaldos: Path | None = None) -> ResultadoActualizacion:
    """Migrate the schema to this program's version, after an automatic backup.

    Without a way to back up (PostgreSQL without pg_dump) it refuses, unless `sin_respaldo`."""
    from app.services import respaldo

    exigir_existente(motor)
    antes = revision_actual(motor)
    if antes is None:
        raise ErrorBaseDatos("La base de datos no está inicializada.", "Ejecute «python -m app db init».")
    _exigir_conocida(antes)
    final = revision_final()
    if antes == final:
        return ResultadoActualizacion(antes, antes)
    copia = None
    if not sin_respaldo and not es_sqlite(motor) and respaldo.herramienta_pg("pg_dump") is None:
        raise ErrorBaseDatos(
            "No se actualiza la base PostgreSQL sin un respaldo previo, y no se encontró pg_dump para hacerlo.",
            "Instale el cliente de PostgreSQL, o haga su propio respaldo y use «python -m app db upgrade "
            "--sin-respaldo».",
        )
    if not sin_respaldo:
        copia = respaldo.respaldo_automatico(motor, f"{respaldo.PREFIJO_MIGRACION}{antes}_", carpeta_respaldos)
    try:
        migrar.actualizar(motor)
    except SQLAlchemyError as e:
        donde = f" El respaldo previo está en «{copia}»." if copia else ""
        raise ErrorBaseDatos(f"Falló la actualización del esquema: {_una_linea(e)}.{donde}") from None
    return ResultadoActualizacion(antes, revision_actual(motor) or "", copia)


# ------------------------------------------------------------------ check

@dataclass
class Informe:
    descripcion: str
    revision: str | None = None
    revision_final: str | None = None
    filas: dict[str, int] = field(default_factory=dict)
    problemas: list[str] = field(default_factory=list)

    @property
    def correcto(self) -> bool:
        return not self.problemas


def _integridad_sqlite(conexion, informe: Informe) -> None:
    filas = [str(f[0]) for f in conexion.exec_driver_sql("PRAGMA integrity_check").fetchall()]
    if filas != ["ok"]:
        muestra = "; ".join(filas[:5]) + (f" (y {len(filas) - 5} más)" if len(filas) > 5 else "")
        informe.problemas.append(f"El archivo está dañado (PRAGMA integrity_check): {muestra}")
    rotas = conexion.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if rotas:
        tablas = sorted({str(f[0]) for f in rotas})
        informe.problemas.append(
            f"Hay {len(rotas)} filas que apuntan a registros inexistentes (PRAGMA foreign_key_check) "
            f"en: {', '.join(tablas)}")


def verificar(motor: Engine) -> Informe:
    """Read-only health check: file integrity (SQLite), schema version, rows per main table."""
    informe = Informe(descripcion=describir(motor), revision_final=revision_final())
    if not existe(motor):
        informe.problemas.append("No existe el archivo de la base de datos: ejecute «python -m app db init».")
        return informe
    try:
        with motor.connect() as conexion:
            if es_sqlite(motor):
                try:
                    _integridad_sqlite(conexion, informe)
                except SQLAlchemyError as e:
                    conexion.rollback()
                    informe.problemas.append(f"El archivo está dañado: {_una_linea(e)}")
            from alembic.runtime.migration import MigrationContext  # only for `db check`

            informe.revision = MigrationContext.configure(conexion).get_current_revision()
            tablas = set(inspect(conexion).get_table_names())
            for tabla in TABLAS_PRINCIPALES:
                if tabla not in tablas:
                    continue
                try:
                    informe.filas[tabla] = int(conexion.execute(text(f"SELECT count(*) FROM {tabla}")).scalar_one())
                except SQLAlchemyError as e:
                    conexion.rollback()
                    informe.problemas.append(f"No se pudo leer la tabla {tabla}: {_una_linea(e)}")
            if informe.revision is None:
                informe.problemas.append("La base no está inicializada (no tiene versión de esquema): "
                                         "ejecute «python -m app db init».")
            elif informe.revision not in revisiones_conocidas():
                informe.problemas.append(f"La versión de esquema «{informe.revision}» es desconocida para este "
                                         "programa (¿la creó una versión más nueva?).")
            elif informe.revision != informe.revision_final:
                informe.problemas.append(f"El esquema está desactualizado ({informe.revision}; la última es "
                                         f"{informe.revision_final}): ejecute «python -m app db upgrade».")
            else:
                faltan = [t for t in TABLAS_PRINCIPALES if t not in tablas]
                if faltan:
                    informe.problemas.append(f"Faltan tablas: {', '.join(faltan)}.")
                if "parametro_version" in tablas:
                    cargadas = set(conexion.execute(select(ParametroVersion.tabla)
                                                    .where(ParametroVersion.vigente).distinct()).scalars())
                    sin = [t for t in TABLAS_PARAMETROS if t not in cargadas]
                    if sin:
                        informe.problemas.append(f"Faltan tablas de parámetros vigentes: {', '.join(sin)} "
                                                 "(ejecute «python -m app db init»).")
                if "usuario" in tablas and not conexion.execute(
                        select(Usuario.id).where(Usuario.activo.is_(True)).limit(1)).first():
                    informe.problemas.append("No hay ningún usuario activo (ejecute «python -m app db init»).")
    except SQLAlchemyError as e:
        informe.problemas.append(f"No se pudo leer la base de datos: {_una_linea(e)}")
    return informe
