"""Backups and restores of the store.

SQLite: the sqlite3 online backup API, which gives a consistent copy even while the program is
open and the WAL has unsaved pages; the copy is a single self-contained file (journal DELETE).
PostgreSQL: `pg_dump -Fc` / `pg_restore` from the PostgreSQL client tools.

Automatic backups go to `<datos_usuario>/respaldos/`: one a day when the program starts
(`respaldo_diario`) and one before every migration; the newest 14 of each kind are kept.
"""

from __future__ import annotations

import glob
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine

from app import config
from app.errors import DatosInvalidos, ErrorBaseDatos

from .base_datos import describir, es_sqlite, existe, exigir_existente, revisiones_conocidas, ruta_sqlite

log = logging.getLogger(__name__)

CARPETA_RESPALDOS = "respaldos"
CONSERVAR = 14
PREFIJO_DIARIO = "diario_"
PREFIJO_MIGRACION = "antes_de_migrar_"
PREFIJO_RESTAURACION = "antes_de_restaurar_"
CABECERA_SQLITE = b"SQLite format 3\x00"
# Tables that any store of this program has, whatever its revision.
_TABLAS_PROPIAS = {"alembic_version", "usuario", "auditoria", "siniestro", "agente"}


def carpeta_respaldos() -> Path:
    return config.datos_usuario_dir() / CARPETA_RESPALDOS


def extension(motor: Engine) -> str:
    return ".db" if es_sqlite(motor) else ".dump"


def _temporal_junto_a(destino: Path) -> Path:
    return destino.with_name(f".{destino.name}.{os.getpid()}.tmp")


def _borrar(*rutas: Path) -> None:
    for ruta in rutas:
        try:
            ruta.unlink(missing_ok=True)
        except OSError:  # pragma: no cover - best effort cleanup
            pass


def _error_disco(accion: str, ruta: Path, e: OSError) -> ErrorBaseDatos:
    return ErrorBaseDatos(f"No se pudo {accion} «{ruta}»: {e.strerror or e}.",
                          "Revise que haya espacio libre y permiso de escritura en esa carpeta.")


# ------------------------------------------------------------------ PostgreSQL client tools

def herramienta_pg(nombre: str) -> str | None:
    """Path of a PostgreSQL client program (pg_dump, pg_restore), or None if not installed."""
    exe = nombre + (".exe" if sys.platform == "win32" else "")
    encontrada = shutil.which(exe)
    if encontrada:
        return encontrada
    patrones = ([r"C:\Program Files\PostgreSQL\*\bin", r"C:\Program Files (x86)\PostgreSQL\*\bin"]
                if sys.platform == "win32" else ["/usr/lib/postgresql/*/bin", "/usr/local/pgsql/bin",
                                                 "/opt/homebrew/opt/libpq/bin"])
    candidatos = []
    for patron in patrones:
        candidatos += [Path(c) / exe for c in glob.glob(patron)]

    def version(ruta: Path):
        numeros = re.findall(r"\d+", ruta.parent.parent.name)
        return int(numeros[0]) if numeros else 0

    for ruta in sorted(candidatos, key=version, reverse=True):
        if ruta.is_file() and os.access(ruta, os.X_OK):
            return str(ruta)
    return None


def _exigir_herramienta(nombre: str) -> str:
    ruta = herramienta_pg(nombre)
    if ruta is None:
        raise ErrorBaseDatos(
            f"No se encontró el programa {nombre} de PostgreSQL, necesario para respaldar o restaurar.",
            "Instale el cliente de PostgreSQL (Debian: «apt-get install postgresql-client»; Windows: "
            "el instalador de PostgreSQL, opción «Command Line Tools»).",
        )
    return ruta


def _conexion_pg(motor: Engine) -> tuple[str, dict]:
    """A libpq URI without the password, and the environment that carries the password."""
    url = motor.url
    entorno = dict(os.environ)
    if url.password:
        entorno["PGPASSWORD"] = str(url.password)
    uri = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return uri, entorno


def _correr(comando: list[str], entorno: dict, que: str) -> subprocess.CompletedProcess:
    try:
        r = subprocess.run(comando, env=entorno, capture_output=True, text=True, encoding="utf-8", errors="replace")
    except OSError as e:
        raise ErrorBaseDatos(f"No se pudo ejecutar {Path(comando[0]).name}: {e.strerror or e}.") from None
    if r.returncode != 0:
        detalle = " ".join((r.stderr or r.stdout or "").split())[:500]
        raise ErrorBaseDatos(f"Falló {que}: {detalle or f'código {r.returncode}'}")
    return r


# ------------------------------------------------------------------ backup

def _respaldar_sqlite(origen: Path, destino: Path) -> None:
    temporal = _temporal_junto_a(destino)
    _borrar(temporal)
    fuente = copia = None
    try:
        fuente = sqlite3.connect(str(origen), timeout=30)
        copia = sqlite3.connect(str(temporal))
        fuente.backup(copia)  # one step: a consistent snapshot, WAL pages included
        copia.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        resultado = copia.execute("PRAGMA quick_check").fetchone()
        if not resultado or resultado[0] != "ok":
            raise ErrorBaseDatos(f"El respaldo salió dañado ({resultado[0] if resultado else '?'}): "
                                 "la base de datos original puede estar dañada.",
                                 "Ejecute «python -m app db check».")
        copia.commit()
        copia.close()
        copia = None
        os.replace(temporal, destino)
    except sqlite3.DatabaseError as e:
        raise ErrorBaseDatos(f"No se pudo respaldar la base de datos «{origen}»: {e}.",
                             "Ejecute «python -m app db check».") from None
    except OSError as e:
        raise _error_disco("escribir el respaldo", destino, e) from None
    finally:
        for c in (copia, fuente):
            if c is not None:
                c.close()
        _borrar(temporal)


def _respaldar_pg(motor: Engine, destino: Path) -> None:
    pg_dump = _exigir_herramienta("pg_dump")
    uri, entorno = _conexion_pg(motor)
    temporal = _temporal_junto_a(destino)
    try:
        _correr([pg_dump, "--format=custom", "--no-owner", "--no-privileges", f"--file={temporal}",
                 f"--dbname={uri}"], entorno, "el respaldo con pg_dump")
        os.replace(temporal, destino)
    except OSError as e:
        raise _error_disco("escribir el respaldo", destino, e) from None
    finally:
        _borrar(temporal)


def respaldar(motor: Engine, destino: Path | str, *, reemplazar: bool = False) -> Path:
    """Write a consistent backup of the store to `destino` (written aside, then renamed in place)."""
    destino = Path(destino).expanduser().absolute()
    exigir_existente(motor)
    origen = ruta_sqlite(motor)
    if origen is not None and destino.exists() and destino.resolve() == origen.resolve():
        raise DatosInvalidos(str(destino), "es la misma base de datos en uso; elija otro archivo.")
    if destino.is_dir():
        raise DatosInvalidos(str(destino), "es una carpeta; indique el nombre del archivo de respaldo.")
    if destino.exists() and not reemplazar:
        raise DatosInvalidos(str(destino), "ya existe; elija otro nombre o bórrelo antes.")
    try:
        destino.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise _error_disco("crear la carpeta", destino.parent, e) from None
    if es_sqlite(motor):
        if origen is None:
            raise ErrorBaseDatos("Una base de datos en memoria no se puede respaldar.")
        _respaldar_sqlite(origen, destino)
    else:
        _respaldar_pg(motor, destino)
    log.info("Respaldo de %s en %s", describir(motor), destino)
    return destino


def podar(carpeta: Path, prefijo: str, conservar: int = CONSERVAR) -> list[Path]:
    """Delete all but the newest `conservar` backups named `prefijo…` (names sort by date)."""
    archivos = sorted((p for p in Path(carpeta).glob(f"{prefijo}*") if p.suffix in (".db", ".dump") and p.is_file()),
                      key=lambda p: p.name, reverse=True)
    borrados = []
    for viejo in archivos[conservar:]:
        try:
            viejo.unlink()
            borrados.append(viejo)
            _borrar(Path(f"{viejo}-wal"), Path(f"{viejo}-shm"))  # if someone opened it with SQLite
        except OSError as e:  # pragma: no cover - a locked file stays until next time
            log.warning("No se pudo borrar el respaldo viejo %s: %s", viejo, e)
    return borrados


def respaldo_automatico(motor: Engine, prefijo: str, carpeta: Path | None = None,
                        conservar: int = CONSERVAR) -> Path:
    """A backup named `<prefijo><fecha>_<hora>` in the backups folder (before a migration or a
    restore); keeps the newest `conservar` backups of the same kind."""
    carpeta = Path(carpeta) if carpeta else carpeta_respaldos()
    sello = datetime.now().strftime("%Y-%m-%d_%H%M%S")
    destino = carpeta / f"{prefijo}{sello}{extension(motor)}"
    n = 1
    while destino.exists():
        n += 1
        destino = carpeta / f"{prefijo}{sello}_{n}{extension(motor)}"
    respaldar(motor, destino)
    clase = next((p for p in (PREFIJO_MIGRACION, PREFIJO_RESTAURACION, PREFIJO_DIARIO) if prefijo.startswith(p)), prefijo)
    podar(carpeta, clase, conservar)
    return destino


def respaldo_diario(motor: Engine, *, hoy: date | None = None, carpeta: Path | None = None,
                    conservar: int = CONSERVAR) -> Path | None:
    """Once per calendar day (call it when the program starts): a backup named with the date in
    the backups folder; keeps the newest `conservar` daily backups and deletes older ones.

    Returns the new file, or None when there was nothing to do: already done today, no store yet,
    or PostgreSQL without pg_dump (logged as a warning). Other failures raise ErrorBaseDatos."""
    hoy = hoy or date.today()
    carpeta = Path(carpeta) if carpeta else carpeta_respaldos()
    if not existe(motor) or (es_sqlite(motor) and ruta_sqlite(motor) is None):
        return None
    if any(p.is_file() for p in carpeta.glob(f"{PREFIJO_DIARIO}{hoy.isoformat()}.*")):
        return None
    if not es_sqlite(motor) and herramienta_pg("pg_dump") is None:
        log.warning("Sin respaldo diario: no se encontró pg_dump (cliente de PostgreSQL).")
        return None
    destino = respaldar(motor, carpeta / f"{PREFIJO_DIARIO}{hoy.isoformat()}{extension(motor)}")
    podar(carpeta, PREFIJO_DIARIO, conservar)
    return destino


# ------------------------------------------------------------------ restore

@dataclass
class Restauracion:
    archivo: Path
    revision: str
    copia_seguridad: Path | None = None
    realizada: bool = False


def _verificar_sqlite(copia: Path, nombre: str) -> str:
    """Integrity and identity of a candidate SQLite file (a private copy). Returns its revision."""
    try:
        with open(copia, "rb") as f:
            cabecera = f.read(len(CABECERA_SQLITE))
    except OSError as e:
        raise _error_disco("leer", copia, e) from None
    if cabecera != CABECERA_SQLITE:
        raise DatosInvalidos(nombre, "no es una base de datos SQLite ni un respaldo de este programa; no se cambió nada.")
    conexion = sqlite3.connect(str(copia))
    try:
        filas = [str(f[0]) for f in conexion.execute("PRAGMA integrity_check").fetchall()]
        if filas != ["ok"]:
            raise DatosInvalidos(nombre, f"el archivo está dañado ({'; '.join(filas[:3])}); no se cambió nada.")
        tablas = {f[0] for f in conexion.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not _TABLAS_PROPIAS <= tablas:
            raise DatosInvalidos(nombre, "es una base de datos de otro programa, no un respaldo de Liquidador "
                                         "Autoseguro; no se cambió nada.")
        versiones = [f[0] for f in conexion.execute("SELECT version_num FROM alembic_version")]
        revision = _revision_valida(versiones, nombre)
        conexion.execute("PRAGMA journal_mode=DELETE")
        conexion.commit()
        return revision
    except sqlite3.DatabaseError as e:
        raise DatosInvalidos(nombre, f"no es una base de datos válida ({e}); no se cambió nada.") from None
    finally:
        conexion.close()


def _revision_valida(versiones: list[str], nombre: str) -> str:
    if len(versiones) != 1:
        raise DatosInvalidos(nombre, "no registra una versión de esquema única; no se cambió nada.")
    if versiones[0] not in revisiones_conocidas():
        raise DatosInvalidos(nombre, f"tiene la versión de esquema «{versiones[0]}», desconocida para este programa "
                                     "(¿de otro programa o de una versión más nueva?); no se cambió nada.")
    return versiones[0]


def _verificar_pg(archivo: Path, nombre: str) -> tuple[str, set[str]]:
    """Identity of a candidate pg_dump archive. Returns its revision and the tables it holds."""
    pg_restore = _exigir_herramienta("pg_restore")
    entorno = dict(os.environ)
    try:
        with open(archivo, "rb") as f:
            if f.read(5) != b"PGDMP":
                raise DatosInvalidos(nombre, "no es un respaldo de PostgreSQL hecho con «pg_dump -Fc» ni con este "
                                             "programa; no se cambió nada.")
    except OSError as e:
        raise _error_disco("leer", archivo, e) from None
    try:
        indice = _correr([pg_restore, "--list", str(archivo)], entorno, "la lectura del respaldo").stdout
    except ErrorBaseDatos as e:
        raise DatosInvalidos(nombre, f"el respaldo está dañado ({e.mensaje}); no se cambió nada.") from None
    if not re.search(r"TABLE DATA \S+ alembic_version ", indice) or not re.search(r"TABLE \S+ usuario ", indice):
        raise DatosInvalidos(nombre, "es un respaldo de otra base de datos, no de Liquidador Autoseguro; "
                                     "no se cambió nada.")
    datos = _correr([pg_restore, "--data-only", "--table=alembic_version", "--file=-", str(archivo)], entorno,
                    "la lectura del respaldo").stdout
    bloque = re.search(r"COPY \S*alembic_version \(version_num\) FROM stdin;\n(.*?)\n\\\.", datos, re.S)
    versiones = bloque.group(1).split("\n") if bloque and bloque.group(1) else []
    tablas = set(re.findall(r"^\d+; \d+ \d+ TABLE \S+ (\S+) ", indice, re.M))
    return _revision_valida([v.strip() for v in versiones if v.strip()], nombre), tablas


def _copia_de_seguridad(motor: Engine, carpeta: Path) -> Path | None:
    """Keep the current store before replacing it; a damaged SQLite file is copied as it is."""
    if not existe(motor):
        return None
    try:
        return respaldo_automatico(motor, PREFIJO_RESTAURACION, carpeta)
    except ErrorBaseDatos:
        origen = ruta_sqlite(motor)
        if origen is None:
            raise
    # The current SQLite file is damaged (often the reason to restore): copy its bytes as they are.
    destino = carpeta / f"{PREFIJO_RESTAURACION}{datetime.now():%Y-%m-%d_%H%M%S}_danada.db"
    try:
        carpeta.mkdir(parents=True, exist_ok=True)
        shutil.copy2(origen, destino)
        wal = Path(f"{origen}-wal")
        if wal.is_file():
            shutil.copy2(wal, Path(f"{destino}-wal"))
    except OSError as e:
        raise _error_disco("guardar una copia de la base actual en", destino, e) from None
    return destino


def _reemplazar_sqlite(motor: Engine, candidato: Path, destino: Path) -> None:
    motor.dispose()  # our own pooled connections must not hold the old file
    if destino.is_file():
        fuente = vivo = None
        try:
            # Through SQLite itself: other open connections see either the old or the new store.
            fuente = sqlite3.connect(str(candidato))
            vivo = sqlite3.connect(str(destino), timeout=30)
            fuente.backup(vivo)
            vivo.commit()
            return
        except sqlite3.DatabaseError as e:
            log.warning("Restauración por la API de respaldo imposible (%s): se reemplaza el archivo.", e)
        finally:
            for c in (vivo, fuente):
                if c is not None:
                    c.close()
    try:
        os.replace(candidato, destino)
    except OSError as e:
        raise _error_disco("reemplazar", destino, e) from None
    _borrar(Path(f"{destino}-wal"), Path(f"{destino}-shm"))


def _quitar_tablas_sobrantes(motor: Engine, tablas_respaldo: set[str]) -> None:
    """After restoring an older backup, drop this program's tables that the backup did not have
    (added by later migrations), so that `db upgrade` can create them again. Tables that are not
    this program's are never touched."""
    from sqlalchemy import inspect, text
    from sqlalchemy.exc import SQLAlchemyError

    from app.models import Base

    propias = set(Base.metadata.tables) | {"alembic_version"}
    try:
        sobrantes = sorted((set(inspect(motor).get_table_names()) & propias) - tablas_respaldo)
        if sobrantes:
            with motor.begin() as conexion:
                for tabla in sobrantes:
                    conexion.execute(text(f'DROP TABLE IF EXISTS "{tabla}" CASCADE'))
    except SQLAlchemyError as e:
        raise ErrorBaseDatos(f"Se restauró el respaldo, pero no se pudieron quitar tablas que no tenía: {e}",
                             "Ejecute «python -m app db check».") from None
    finally:
        motor.dispose()


def _soltar_claves_de_tablas_sobrantes(motor: Engine, tablas_respaldo: set[str]) -> None:
    """Before restoring an older backup, drop the foreign keys of this program's tables that the
    backup does not have (added by later migrations, e.g. `convenio` → `siniestro`): otherwise
    `pg_restore --clean` cannot drop the primary keys they point to. The tables themselves are
    dropped after the restore (`_quitar_tablas_sobrantes`)."""
    from sqlalchemy import inspect, text
    from sqlalchemy.exc import SQLAlchemyError

    from app.models import Base

    try:
        inspector = inspect(motor)
        sobrantes = sorted((set(inspector.get_table_names()) & set(Base.metadata.tables)) - tablas_respaldo)
        claves = [(t, fk["name"]) for t in sobrantes for fk in inspector.get_foreign_keys(t) if fk.get("name")]
        if claves:
            with motor.begin() as conexion:
                for tabla, nombre in claves:
                    conexion.execute(text(f'ALTER TABLE "{tabla}" DROP CONSTRAINT IF EXISTS "{nombre}"'))
    except SQLAlchemyError as e:
        raise ErrorBaseDatos(f"No se pudo preparar la base para restaurar el respaldo: {e}",
                             "No se restauró nada.") from None
    finally:
        motor.dispose()


def restaurar(motor: Engine, archivo: Path | str, *, confirmar: Callable[[Restauracion], bool] | None = None,
              carpeta_copias: Path | None = None) -> Restauracion:
    """Replace the store with a backup: verify the file first (integrity, this program's tables,
    a known schema revision), ask `confirmar` (None: go ahead), keep a safety copy of the current
    store in the backups folder, then replace. A refused or cancelled restore changes nothing."""
    archivo = Path(archivo).expanduser().absolute()
    nombre = str(archivo)
    if not archivo.is_file():
        raise DatosInvalidos(nombre, "no se encontró el archivo.")
    carpeta = Path(carpeta_copias) if carpeta_copias else carpeta_respaldos()
    if es_sqlite(motor):
        destino = ruta_sqlite(motor)
        if destino is None:
            raise ErrorBaseDatos("Una base de datos en memoria no se puede restaurar.")
        if destino.exists() and archivo.resolve() == destino.resolve():
            raise DatosInvalidos(nombre, "es la misma base de datos en uso.")
        destino.parent.mkdir(parents=True, exist_ok=True)
        candidato = _temporal_junto_a(destino)
        try:
            try:
                shutil.copyfile(archivo, candidato)  # checks run on a private copy: the user's file is untouched
            except OSError as e:
                raise _error_disco("copiar", archivo, e) from None
            resultado = Restauracion(archivo, _verificar_sqlite(candidato, nombre))
            if confirmar is not None and not confirmar(resultado):
                return resultado
            resultado.copia_seguridad = _copia_de_seguridad(motor, carpeta)
            _reemplazar_sqlite(motor, candidato, destino)
        finally:
            _borrar(candidato)
    else:
        revision, tablas_respaldo = _verificar_pg(archivo, nombre)
        resultado = Restauracion(archivo, revision)
        if confirmar is not None and not confirmar(resultado):
            return resultado
        resultado.copia_seguridad = _copia_de_seguridad(motor, carpeta)
        pg_restore = _exigir_herramienta("pg_restore")
        uri, entorno = _conexion_pg(motor)
        _soltar_claves_de_tablas_sobrantes(motor, tablas_respaldo)
        _correr([pg_restore, "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
                 "--exit-on-error", f"--dbname={uri}", str(archivo)], entorno, "la restauración con pg_restore")
        _quitar_tablas_sobrantes(motor, tablas_respaldo)
    resultado.realizada = True
    log.info("Restaurado %s desde %s (copia previa: %s)", describir(motor), archivo, resultado.copia_seguridad)
    return resultado

