"""Opening an .xlsx/.xlsm/.xls/.ods (python-calamine) or a .csv (csv module), choosing the sheet,
finding the header row below any title block and handing the data rows over one by one, with
progress and cancellation. Whatever is wrong with the file as a whole becomes ONE `Problema`
naming the file (not Excel, damaged or truncated, empty sheet, no header, missing column)."""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .columnas import FILAS_BUSCAR_ENCABEZADO, Campo, Estructura, MapeoInvalido, es_encabezado, estructura, textos_explicitos
from .problemas import Columna, ImportacionCancelada, Problema

EXTENSIONES_EXCEL = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
EXTENSIONES_CSV = (".csv", ".txt")
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CADA_FILAS = 5000  # progress and cancellation are checked every this many rows


class ArchivoIlegible(Exception):
    """The file as a whole cannot be used; carries the one Problema that says why."""

    def __init__(self, problema: Problema, hojas: list[str] | None = None):
        self.problema = problema
        self.hojas = hojas or []
        super().__init__(str(problema))


class Control:
    """Progress and cancellation of a long import.

    `progreso(hechos, total, texto)` (total 0 = unknown; the signature of app/ui/tareas.Avance) may
    return False to cancel, or raise. `cancelar` is a threading.Event (set = cancel) or a callable
    returning True to cancel. A cancellation raises ImportacionCancelada."""

    def __init__(self, archivo: str, progreso: Callable | None = None, cancelar=None):
        self.archivo = archivo
        self._progreso = progreso
        self._cancelar = cancelar

    def cancelado(self) -> bool:
        c = self._cancelar
        if c is None:
            return False
        if isinstance(c, threading.Event):
            return c.is_set()
        return bool(c())

    def avisar(self, hechos: int, total: int, texto: str) -> None:
        if self.cancelado():
            raise ImportacionCancelada(self.archivo)
        if self._progreso is not None and self._progreso(hechos, total, texto) is False:
            raise ImportacionCancelada(self.archivo)


@dataclass
class Lectura:
    """An open sheet: where its data is and an iterator over the data rows (row number, cells)."""

    archivo: str  # the file name, as messages call it
    hoja: str | None  # None for a CSV
    hojas: list[str]
    total_filas: int  # rows of the sheet (0 = unknown: CSV)
    desplazamiento: int  # column index of cells[0]
    estructura: Estructura
    filas: Iterator[tuple[int, list]] = field(repr=False)  # the rows below the header
    control: Control = field(repr=False)

    def avance(self, n: int) -> None:
        """Progress after row `n` (call it every CADA_FILAS rows); raises if cancelled."""
        total = self.total_filas
        texto = f"Leyendo la fila {n:,}".replace(",", ".")
        self.control.avisar(n, total, texto + (f" de {total:,}…".replace(",", ".") if total else "…"))

    def celda(self, celdas: list, columna: Columna | None):
        if columna is None:
            return None
        i = columna.indice - self.desplazamiento
        return celdas[i] if 0 <= i < len(celdas) else None


def _problema(archivo: str, motivo: str, hoja: str | None = None) -> ArchivoIlegible:
    return ArchivoIlegible(Problema(archivo, hoja, None, None, None, motivo))


# ------------------------------------------------------------------ Excel

def _elegir_hoja(libro, nombres: list[str], hoja, archivo: str):
    if hoja is None:
        for nombre in nombres:
            h = libro.get_sheet_by_name(nombre)
            if h.end is not None:
                return nombre, h
        raise ArchivoIlegible(Problema(archivo, None, None, None, None, "todas las hojas del libro están vacías"),
                              nombres)
    texto = str(hoja).strip()
    nombre = next((n for n in nombres if n == texto), None) or next(
        (n for n in nombres if n.strip().lower() == texto.lower()), None)
    if nombre is None and texto.isdigit() and 1 <= int(texto) <= len(nombres):
        nombre = nombres[int(texto) - 1]  # --hoja 2: the second sheet, as the user counts them
    if nombre is None:
        raise ArchivoIlegible(Problema(archivo, None, None, None, None,
                                       f"no tiene una hoja «{texto}» (tiene: {', '.join(nombres)})"), nombres)
    h = libro.get_sheet_by_name(nombre)
    if h.end is None:
        raise ArchivoIlegible(Problema(archivo, nombre, None, None, None, f"la hoja «{nombre}» está vacía"), nombres)
    return nombre, h


def _abrir_excel(ruta: Path, hoja, archivo: str):
    from python_calamine import CalamineWorkbook

    with open(ruta, "rb") as f:
        cabecera = f.read(8)
    es_zip = cabecera.startswith(_ZIP)
    if ruta.suffix.lower() in (".xlsx", ".xlsm", ".xlsb", ".ods") and not es_zip:
        que = "es un archivo de texto" if _parece_texto(cabecera) else "su contenido no es el de un libro de Excel"
        raise _problema(archivo, f"no es una planilla de Excel {ruta.suffix.lower()}: {que} "
                                 "(ábralo y guárdelo como «Libro de Excel (.xlsx)», o use un CSV)")
    if ruta.suffix.lower() == ".xls" and not cabecera.startswith(_OLE) and not es_zip:
        raise _problema(archivo, "no es una planilla de Excel .xls (guárdela como «Libro de Excel (.xlsx)»)")
    try:
        libro = CalamineWorkbook.from_path(str(ruta))
        nombres = list(libro.sheet_names)
    except Exception as e:  # noqa: BLE001 - calamine raises its own types for broken files
        raise _problema(archivo, "el archivo de Excel está dañado o incompleto (¿se copió o descargó a medias?); "
                                 f"detalle: {type(e).__name__}: {e}") from None
    if not nombres:
        raise _problema(archivo, "el libro no tiene hojas")
    try:
        nombre, h = _elegir_hoja(libro, nombres, hoja, archivo)
    except ArchivoIlegible:
        raise
    except Exception as e:  # noqa: BLE001 - a sheet's XML broken or cut short
        raise _problema(archivo, f"no se pudo leer la hoja (archivo dañado o incompleto; detalle: {e})") from None
    total = h.end[0] + 1
    # iter_rows starts at the sheet's row 1 and at its first used column (h.start[1])
    return nombre, nombres, total, h.start[1], enumerate(h.iter_rows(), start=1)


def _parece_texto(datos: bytes) -> bool:
    return bool(datos) and all(b in (9, 10, 13) or 32 <= b < 127 or b >= 128 for b in datos)


# ------------------------------------------------------------------ CSV

def _abrir_csv(ruta: Path, archivo: str):
    datos = ruta.read_bytes()
    if datos.startswith(_ZIP) or datos.startswith(_OLE):
        raise _problema(archivo, "es una planilla de Excel con extensión de CSV: cámbiele la extensión a .xlsx")
    if b"\x00" in datos[:65536]:
        raise _problema(archivo, "no es un archivo de texto CSV")
    try:
        texto = datos.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            texto = datos.decode("cp1252")  # «CSV (delimitado por comas)» of a Spanish Excel
        except UnicodeDecodeError:
            texto = datos.decode("latin-1")
    del datos
    if not texto.strip():
        raise _problema(archivo, "el archivo está vacío")
    muestra = [linea for linea in texto[:200_000].splitlines()[:FILAS_BUSCAR_ENCABEZADO] if linea.strip()]
    # a Spanish Excel writes «;» between fields because «,» is its decimal mark
    separador = max((";", ",", "\t"), key=lambda s: max((linea.count(s) for linea in muestra), default=0))
    lector = csv.reader(io.StringIO(texto), delimiter=separador)
    return lector


# ------------------------------------------------------------------ open + header

def abrir(ruta: Path | str, campos: tuple[Campo, ...], *, hoja=None, mapeo: Mapping | None = None,
          control: Control | None = None, exigir_columnas: bool = True) -> Lectura:
    """The sheet with its header recognised. Raises ArchivoIlegible for a file that cannot be used
    (with `exigir_columnas`, also when a required column is missing)."""
    ruta = Path(ruta)
    archivo = ruta.name
    if not ruta.is_file():
        raise _problema(archivo, "no se encontró el archivo" if not ruta.exists() else "no es un archivo")
    try:
        if ruta.stat().st_size == 0:
            raise _problema(archivo, "el archivo está vacío")
        sufijo = ruta.suffix.lower()
        if sufijo in EXTENSIONES_EXCEL:
            nombre, hojas, total, desplazamiento, filas = _abrir_excel(ruta, hoja, archivo)
        elif sufijo in EXTENSIONES_CSV:
            nombre, hojas, total, desplazamiento = None, [], 0, 0
            filas = enumerate(_abrir_csv(ruta, archivo), start=1)
        else:
            raise _problema(archivo, f"formato no admitido «{ruta.suffix or 'sin extensión'}»: use .xlsx, .xlsm, "
                                     ".xls, .ods o .csv")
    except OSError as e:
        raise _problema(archivo, f"no se pudo leer el archivo ({e.strerror or e})") from None
    extra = textos_explicitos(mapeo)
    try:
        return _con_encabezado(archivo, nombre, hojas, total, desplazamiento, filas, campos, mapeo, extra, control,
                               exigir_columnas)
    except ArchivoIlegible as e:
        e.hojas = hojas
        raise


def _con_encabezado(archivo, nombre, hojas, total, desplazamiento, filas, campos, mapeo, extra, control,
                    exigir_columnas) -> Lectura:
    try:
        for n, celdas in filas:
            if n > FILAS_BUSCAR_ENCABEZADO:
                break
            if es_encabezado(celdas, campos, extra):
                est = estructura(n, celdas, desplazamiento, campos, mapeo)
                break
        else:
            est = None
    except csv.Error as e:
        raise _problema(archivo, f"el CSV está mal formado ({e})") from None
    except MapeoInvalido as e:
        raise _problema(archivo, str(e), nombre) from None
    if est is None:
        nombres = ", ".join(c.titulo for c in campos if c.requerido)
        raise _problema(archivo, f"no se encontró la fila de encabezado (con columnas como {nombres}) en las "
                                 f"primeras {FILAS_BUSCAR_ENCABEZADO} filas", nombre)
    if est.faltantes and exigir_columnas:
        raise _problema(archivo, columnas_faltantes(est), nombre)
    return Lectura(archivo, nombre, hojas, total, desplazamiento, est, filas, control or Control(archivo))


def columnas_faltantes(est: Estructura) -> str:
    """Why the required columns are missing, naming the ones there are."""
    faltan = ", ".join(f"«{c.titulo}»" for c in est.faltantes)
    hay = ", ".join(str(c) for c in est.columnas)
    return (f"falta la columna {faltan} en el encabezado de la fila {est.fila_encabezado} (hay: {hay}); indique "
            "qué columna usar")
