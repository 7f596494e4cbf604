"""Where the store lives and how to open it: SQLite by default, PostgreSQL for a shared office.

The URL comes from, in order: an explicit argument, `LIQUIDADOR_DB_URL`, the `bd_url` setting in
`configuracion.json` of the user's data folder, or an SQLite file in that folder.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from app import config
from app.errors import ErrorBaseDatos

ENV_DB_URL = "LIQUIDADOR_DB_URL"
ARCHIVO_CONFIGURACION = "configuracion.json"
NOMBRE_SQLITE = "liquidador.db"
_FS_DE_RED = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "9p", "fuse.sshfs", "afs", "ncpfs"}


def url_configurada(url: str | None = None) -> str:
    if url:
        return url
    if os.environ.get(ENV_DB_URL, "").strip():
        return os.environ[ENV_DB_URL].strip()
    archivo = config.datos_usuario_dir() / ARCHIVO_CONFIGURACION
    if archivo.is_file():
        try:
            valor = json.loads(archivo.read_text(encoding="utf-8")).get("bd_url")
        except (OSError, ValueError) as e:
            raise ErrorBaseDatos(f"No se pudo leer {archivo}: {e}") from None
        if valor:
            return str(valor)
    return f"sqlite+pysqlite:///{config.datos_usuario_dir() / NOMBRE_SQLITE}"


def es_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def ruta_sqlite(url: str) -> Path | None:
    base = make_url(url).database
    return Path(base) if base and base != ":memory:" else None


def _en_unidad_de_red(ruta: Path) -> bool:
    texto = str(ruta)
    if texto.startswith(("\\\\", "//")):  # Windows UNC path
        return True
    if sys.platform == "win32":
        import ctypes

        raiz = os.path.splitdrive(str(ruta.resolve()))[0] + "\\"
        return ctypes.windll.kernel32.GetDriveTypeW(raiz) == 4  # DRIVE_REMOTE
    try:
        montajes = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return False
    carpeta = ruta.resolve().parent
    mejor, tipo = "", ""
    for linea in montajes:
        partes = linea.split()
        if len(partes) >= 3 and (str(carpeta) + "/").startswith(partes[1].rstrip("/") + "/") and len(partes[1]) > len(mejor):
            mejor, tipo = partes[1], partes[2]
    return tipo in _FS_DE_RED


def _pragmas_sqlite(conexion, _registro) -> None:
    # pysqlite would open transactions lazily at the first write, so a read-then-write use case
    # would hold no lock while it reads; we issue BEGIN ourselves (see _iniciar_sqlite).
    conexion.isolation_level = None
    cursor = conexion.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")  # a commit that returned is on disk
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


ESCRITURA = "escritura"  # execution option: the transaction will write (SQLite: BEGIN IMMEDIATE)


def _iniciar_sqlite(conexion) -> None:
    """Writers take SQLite's write lock at BEGIN, so what they read stays true until they commit;
    readers use a plain BEGIN and never block on each other (WAL)."""
    inmediato = conexion.get_execution_options().get(ESCRITURA, False)
    conexion.exec_driver_sql("BEGIN IMMEDIATE" if inmediato else "BEGIN")


def crear_motor(url: str | None = None, **opciones) -> Engine:
    url = url_configurada(url)
    if es_sqlite(url):
        ruta = ruta_sqlite(url)
        if ruta is not None:
            if _en_unidad_de_red(ruta):
                raise ErrorBaseDatos(
                    f"La base SQLite «{ruta}» está en una unidad de red, donde puede dañarse.",
                    "Para compartir datos entre varias PC use PostgreSQL (variable LIQUIDADOR_DB_URL).",
                )
            ruta.parent.mkdir(parents=True, exist_ok=True)
        motor = create_engine(url, **opciones)
        event.listen(motor, "connect", _pragmas_sqlite)
        event.listen(motor, "begin", _iniciar_sqlite)
        return motor
    return create_engine(url, pool_pre_ping=True, **opciones)


def fabrica_sesiones(motor: Engine) -> sessionmaker[Session]:
    return sessionmaker(motor, expire_on_commit=False)
