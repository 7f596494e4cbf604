"""What the import use cases share: the preview and summary they return, agents looked up by
CUIL in chunks, the file's SHA-256 for the audit, and the bulk writes (plain tuples through the
driver's executemany, or COPY on PostgreSQL)."""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from app.importers import ADVERTENCIA, ERROR, Columna, ImportacionRechazada, Problema, Resultado
from app.importers.valores import texto_celda
from app.models import Agente

TROZO_CONSULTA = 5000  # ids / CUILs per IN (...) query: under SQLite's 32,766 variables
TROZO_ESCRITURA = 20_000  # rows per executemany, with progress and cancellation between them
DUPLICADOS = ("reemplazar", "conservar")


@dataclass(slots=True)
class YaCargada:
    """A row whose agent and month (or family member) is already in the store."""

    fila: int
    cuil: str
    clave: str  # the período, or the family member's name
    antes: dict
    archivo: dict


@dataclass
class Previsualizacion:
    """What an import would do, with every problem; nothing was written."""

    tipo: str
    archivo: str
    hoja: str | None
    hojas: list[str]
    fila_encabezado: int | None
    columnas: list[Columna]  # every header column (to offer in a column-mapping step)
    mapeo: dict[str, Columna]  # field → column used
    filas_leidas: int
    filas: Sequence  # rows that pass every check (never changed in place: a check makes a new one)
    problemas: list[Problema]
    filas_con_error: set[int] = field(default_factory=set)
    nuevas: int = 0
    reemplazos: int = 0
    iguales: int = 0  # already stored with the same values: nothing to do
    conservadas: int = 0  # already stored and kept (duplicados="conservar")
    ya_cargadas: list[YaCargada] = field(default_factory=list)
    agentes_a_crear: list[str] = field(default_factory=list)  # CUILs (familiares, crear_agentes=True)
    sha256: str = ""
    # what was read, before the store's checks: an import given this preview does not read again
    resultado: Resultado | None = field(default=None, repr=False)
    clave_lectura: tuple = field(default=(), repr=False)

    @property
    def errores(self) -> list[Problema]:
        return [p for p in self.problemas if p.gravedad == ERROR]

    @property
    def advertencias(self) -> list[Problema]:
        return [p for p in self.problemas if p.gravedad == ADVERTENCIA]

    @property
    def hay_errores(self) -> bool:
        return any(p.gravedad == ERROR for p in self.problemas)


def previsualizacion_de(r: Resultado, sha256: str = "", clave: tuple = ()) -> Previsualizacion:
    est = r.estructura
    return Previsualizacion(
        r.tipo, r.archivo, r.hoja, r.hojas, est.fila_encabezado if est else None, list(est.columnas) if est else [],
        r.mapeo, r.filas_leidas, r.filas, list(r.problemas), set(r.filas_con_error), sha256=sha256,
        resultado=r, clave_lectura=clave)


def leer_archivo(ctx, lector: Callable, ruta, hoja, mapeo, progreso, cancelar,
                 previa: Previsualizacion | None = None) -> Previsualizacion:
    """The file read and checked by `lector` (app.importers), or — when `previa` is a preview of
    the same file, unchanged (same SHA-256), sheet and mapping — that preview's reading again."""
    from .entradas import hoy

    ctx.actor.exigir("cargar")
    clave = (str(Path(ruta).resolve()), None if hoja is None else str(hoja), tuple(sorted((mapeo or {}).items())))
    firma = sha256_de(ruta) if Path(ruta).is_file() else ""
    if previa is not None and previa.resultado is not None and previa.clave_lectura == clave \
            and previa.sha256 == firma and previa.resultado.tipo == previa.tipo:
        return previsualizacion_de(previa.resultado, firma, clave)
    r = lector(ruta, hoja=hoja, mapeo=mapeo, hoy=hoy(), progreso=progreso, cancelar=cancelar)
    return previsualizacion_de(r, firma, clave)


@dataclass
class ResumenImportacion:
    """What an import wrote (one transaction, one audit row)."""

    tipo: str
    archivo: str
    hoja: str | None
    filas_leidas: int
    insertadas: int = 0
    reemplazadas: int = 0
    iguales: int = 0
    conservadas: int = 0
    agentes_creados: int = 0
    omitidas: list[int] = field(default_factory=list)  # rows with errors left out (solo_validas)
    advertencias: list[Problema] = field(default_factory=list)


class Anotaciones:
    """Store-side problems of a preview, placed at the row and column of the field."""

    def __init__(self, vista: Previsualizacion):
        self.v = vista

    def agregar(self, fila: int, campo: str, valor, motivo: str, gravedad: str = ERROR) -> None:
        col = self.v.mapeo.get(campo)
        self.v.problemas.append(Problema(self.v.archivo, self.v.hoja, fila, None if col is None else str(col),
                                         texto_celda(valor), motivo, gravedad, campo))
        if gravedad == ERROR:
            self.v.filas_con_error.add(fila)


def exigir_duplicados(duplicados: str) -> None:
    from app.errors import DatosInvalidos

    if duplicados not in DUPLICADOS:
        raise DatosInvalidos("duplicados", f"«{duplicados}» no es una opción (puede ser: {', '.join(DUPLICADOS)})")


def trozos(valores: Sequence, n: int) -> Iterator[Sequence]:
    for i in range(0, len(valores), n):
        yield valores[i:i + n]


def agentes_por_cuil(sesion, cuils: Iterable[str]) -> dict[str, tuple[int, str]]:
    """CUIL → (agent id, apellido y nombre) of those in the store: chunked IN queries, or one
    scan of the whole table when the file names a good part of it (3× faster then)."""
    salida: dict[str, tuple[int, str]] = {}
    lista = sorted(set(cuils))
    if len(lista) > TROZO_CONSULTA and len(lista) * 4 >= sesion.scalar(select(func.count(Agente.id))):
        buscados = set(lista)
        for cuil, ident, nombre in sesion.execute(select(Agente.cuil, Agente.id, Agente.apellido_nombre)):
            if cuil in buscados:
                salida[cuil] = (ident, nombre)
        return salida
    for parte in trozos(lista, TROZO_CONSULTA):
        for cuil, ident, nombre in sesion.execute(
                select(Agente.cuil, Agente.id, Agente.apellido_nombre).where(Agente.cuil.in_(parte))):
            salida[cuil] = (ident, nombre)
    return salida


def sha256_de(ruta: str | Path) -> str:
    h = hashlib.sha256()
    with open(ruta, "rb") as f:
        for bloque in iter(lambda: f.read(1 << 20), b""):
            h.update(bloque)
    return h.hexdigest()


def rechazar(vista: Previsualizacion) -> ImportacionRechazada:
    return ImportacionRechazada(vista.archivo, vista.problemas)


def se_rechaza(vista: Previsualizacion, solo_validas: bool) -> bool:
    """Errors refuse the whole file, unless the user chose to import only the valid rows (and
    there is at least one)."""
    return vista.hay_errores and (not solo_validas or not vista.filas)


def rechazar_antes(ctx, vista: Previsualizacion, solo_validas: bool, verificar: Callable) -> None:
    """Refuse before opening the write transaction; the refusal also lists the store's problems
    (`verificar(sesion)` adds them to `vista` in a read transaction)."""
    if se_rechaza(vista, solo_validas):
        if vista.filas:
            with ctx.lectura("cargar") as sesion:
                verificar(sesion)
        raise rechazar(vista)


@contextmanager
def _errores_como_sqlalchemy(conexion, sql: str):
    """A driver error raised on the raw cursor, as SQLAlchemy would have raised it (IntegrityError,
    OperationalError…), so that the use case and nucleo translate it as usual."""
    dbapi = conexion.dialect.loaded_dbapi
    try:
        yield
    except dbapi.Error as e:
        raise DBAPIError.instance(sql, None, e, dbapi.Error) from None


def ejecutar_muchos(conexion, sql: str, tuplas: list[tuple]) -> None:
    """executemany of plain tuples on the driver (no per-row ORM/Core processing). `sql` uses
    «?» placeholders, rewritten to the driver's own style."""
    if conexion.dialect.paramstyle in ("format", "pyformat"):
        sql = sql.replace("?", "%s")
    # the DBAPI cursor of the use case's own connection (same transaction): SQLAlchemy's
    # exec_driver_sql would inspect every parameter tuple first
    with _errores_como_sqlalchemy(conexion, sql):
        cursor = conexion.connection.driver_connection.cursor()
        try:
            cursor.executemany(sql, tuplas)
        finally:
            cursor.close()


def insertar_muchos(conexion, tabla: str, columnas: Sequence[str], tuplas: list[tuple]) -> None:
    """Bulk INSERT inside the use case's transaction: COPY on PostgreSQL (about 3× faster than
    executemany there), executemany of tuples elsewhere."""
    if not tuplas:
        return
    if conexion.dialect.name == "postgresql":
        sql = f"COPY {tabla} ({', '.join(columnas)}) FROM STDIN"
        with _errores_como_sqlalchemy(conexion, sql):
            with conexion.connection.driver_connection.cursor() as cursor, cursor.copy(sql) as copia:
                for t in tuplas:
                    copia.write_row(t)
        return
    marcas = ", ".join("?" * len(columnas))
    ejecutar_muchos(conexion, f"INSERT INTO {tabla} ({', '.join(columnas)}) VALUES ({marcas})", tuplas)
