"""Plain data → .xlsx: typed cells, es-AR headers, frozen header row, autofilter, column widths.

    escribir_xlsx("administracion.xlsx", [Hoja("Siniestros", columnas, filas), hoja_informacion(pares)])

`filas` may be any iterable (a generator streaming 100k rows from the store): the workbook is
written in openpyxl's write-only mode, so memory stays bounded whatever the number of rows.
No Qt, no database: the services and the windows hand plain values over.

Choices (how Excel shows what we write):
- Numbers are numbers, with invariant format codes that Excel shows with the PC's separators:
  `#,##0.00` is 1.234,56 on an es-AR Windows. A Decimal is written with 16 significant digits
  (exact for any amount with centavos below 10^13, which is also what Excel keeps: 15 digits);
  a float for an amount is refused (centavos would be lost before they reach the file).
- Percentages come in percent points, as the store keeps them (71.4286) and are written as the
  fraction (0.714286) with a `%` format: Excel shows 71,4286 % and formulas use it as a share.
- Dates are real dates (DD/MM/YYYY). A period (`2019-05`) is the date of its first day with the
  format MM/YYYY, not the text «05/2019»: it then sorts and filters by time (as text 01/2020 comes
  before 05/2019), and the importers read date cells as periods.
- CUIL as text NN-NNNNNNNN-N: as a number Excel would show 2,0172E+10 and lose the dashes.
- Text starting with «=» stays text (never a formula), control characters are dropped.
- The header is row 1 (bold, filled, frozen, with the autofilter): no title block above it, which
  would break re-importing the file. Who exported what, when and with which filters goes on a
  sheet of its own («Información», `hoja_informacion`).
- Column widths must be known before the first row is streamed: from the spec, or measured on the
  header and the first `MUESTRA_ANCHOS` rows, within `ANCHO_MINIMO`..`ANCHO_MAXIMO`.
- The file is written to a temporary file next to the destination and renamed over it at the
  end (`os.replace`): a failed or cancelled export never leaves half a file, and never destroys
  an earlier file of the same name.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from app.errors import DatosInvalidos, ErrorAplicacion

from .excel_valores import (  # noqa: F401 - the column types are part of this module's interface
    CONVERSORES,
    CUIL,
    DINERO,
    ENTERO,
    FECHA,
    FECHA_HORA,
    NUMERO,
    PERIODO,
    PORCENTAJE,
    TEXTO,
    TIPOS,
    texto,
)
from .excel_valores import largo as _largo

FORMATO_FECHA = "DD/MM/YYYY"
FORMATO_FECHA_HORA = "DD/MM/YYYY HH:MM"
FORMATO_PERIODO = "MM/YYYY"
FORMATO_DINERO = "#,##0.00"
FORMATO_ENTERO = "0"

MUESTRA_ANCHOS = 500  # rows looked at to size the columns (they are kept, then written)
ANCHO_MINIMO, ANCHO_MAXIMO = 6, 60  # in Excel character units
CADA = 1000  # rows between two progress reports
TITULO_INFORMACION = "Información"

_RELLENO_CABECERA = PatternFill("solid", fgColor="D9D9D9")
_FUENTE_CABECERA = Font(bold=True)
_BORDE_CABECERA = Border(bottom=Side(style="thin", color="808080"))
_ALINEACION_CABECERA = Alignment(vertical="center")
_TITULO_INVALIDO = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Columna:
    """One column: its header (es-AR), the type of its values, and optionally its width
    (Excel character units; measured when None) and decimals (NUMERO / PORCENTAJE)."""

    titulo: str
    tipo: str = TEXTO
    ancho: float | None = None
    decimales: int | None = None

    def __post_init__(self):
        if self.tipo not in TIPOS:
            raise ValueError(f"Columna «{self.titulo}»: tipo «{self.tipo}» desconocido (use uno de {TIPOS})")

    @property
    def formato(self) -> str | None:
        """Excel number format of the column (None: text, General)."""
        if self.tipo == DINERO:
            return FORMATO_DINERO
        if self.tipo == ENTERO:
            return FORMATO_ENTERO
        if self.tipo == NUMERO:
            d = 2 if self.decimales is None else self.decimales
            return "#,##0" + ("." + "0" * d if d else "")
        if self.tipo == PORCENTAJE:
            d = 2 if self.decimales is None else self.decimales
            return "0" + ("." + "0" * d if d else "") + "%"
        return {FECHA: FORMATO_FECHA, FECHA_HORA: FORMATO_FECHA_HORA, PERIODO: FORMATO_PERIODO}.get(self.tipo)


@dataclass
class Hoja:
    """A sheet: title (at most 31 characters, without []:*?/\\), columns and rows (one value per
    column, None or "" for an empty cell). `filas` is iterated once."""

    titulo: str
    columnas: Sequence[Columna]
    filas: Iterable[Sequence]


class Texto(str):
    """A value written as text whatever its column's type: a label in a typed column, such as
    «TOTAL PAGADO» in the first row under FECHA of a totals row."""

    __slots__ = ()


class ErrorExportacion(DatosInvalidos):
    """A value does not fit its column's type (names the sheet, row, column and value)."""


class ErrorArchivoExcel(ErrorAplicacion):
    """The file could not be written (folder missing, no permission, file open in Excel, disk full)."""


def hoja_informacion(pares: Iterable[tuple[str, object]], titulo: str = TITULO_INFORMACION) -> Hoja:
    """The metadata sheet: one row per (dato, valor); values are shown as text. `pares` is read
    when the sheet is written (after the sheets before it: it may count their rows)."""
    filas = ((str(k), _texto_informacion(v)) for k, v in pares)
    return Hoja(titulo, (Columna("Dato"), Columna("Valor")), filas)


def _texto_informacion(valor) -> str:
    if valor is None:
        return ""
    if isinstance(valor, bool):
        return "Sí" if valor else "No"
    if isinstance(valor, datetime):
        return valor.strftime("%d/%m/%Y %H:%M")
    if isinstance(valor, date):
        return valor.strftime("%d/%m/%Y")
    if isinstance(valor, int):
        return f"{valor:,}".replace(",", ".")
    return str(valor)


def titulo_valido(titulo: str, usados: set[str] | None = None) -> str:
    """A sheet title Excel accepts: no []:*?/\\, at most 31 characters, unique (case-insensitive)."""
    base = _TITULO_INVALIDO.sub("-", titulo).strip("' ") or "Hoja"
    base = base[:31]
    usados = usados if usados is not None else set()
    candidato, n = base, 2
    while candidato.lower() in usados:
        sufijo = f" ({n})"
        candidato = base[:31 - len(sufijo)] + sufijo
        n += 1
    usados.add(candidato.lower())
    return candidato


# --- the writer --------------------------------------------------------------------------------
class _Escritor:
    def __init__(self, libro: Workbook, al_avanzar: Callable[[int], None] | None, cada: int):
        self.libro = libro
        self.al_avanzar = al_avanzar
        self.cada = max(1, cada)
        self.escritas = 0  # data rows of every sheet so far

    def hoja(self, hoja: Hoja, titulo: str) -> int:
        columnas = list(hoja.columnas)
        if not columnas:
            raise ValueError(f"La hoja «{hoja.titulo}» no tiene columnas.")
        ws = self.libro.create_sheet(titulo)
        conversores = [CONVERSORES[c.tipo] for c in columnas]
        filas = iter(hoja.filas)
        muestra = [self._convertir(hoja, n, fila, columnas, conversores)
                   for n, fila in enumerate(itertools.islice(filas, MUESTRA_ANCHOS), start=2)]
        for i, columna in enumerate(columnas, start=1):
            ws.column_dimensions[get_column_letter(i)].width = self._ancho(columna, i - 1, muestra)
        ws.freeze_panes = "A2"

        cabecera = []
        for columna in columnas:
            celda = WriteOnlyCell(ws, value=texto(columna.titulo))
            celda.data_type = "s"
            celda.font, celda.fill = _FUENTE_CABECERA, _RELLENO_CABECERA
            celda.border, celda.alignment = _BORDE_CABECERA, _ALINEACION_CABECERA
            cabecera.append(celda)
        ws.append(cabecera)

        # one styled cell per typed column, reused: append() serialises the row at once
        plantillas = []
        for columna in columnas:
            if columna.formato is None:
                plantillas.append(None)
            else:
                celda = WriteOnlyCell(ws)
                celda.number_format = columna.formato
                plantillas.append(celda)
        n = 1
        for valores in itertools.chain(muestra, (self._convertir(hoja, m, fila, columnas, conversores)
                                                 for m, fila in enumerate(filas, start=len(muestra) + 2))):
            ws.append(self._celdas(ws, valores, plantillas))
            n += 1
            self.escritas += 1
            if self.al_avanzar is not None and self.escritas % self.cada == 0:
                self.al_avanzar(self.escritas)
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columnas))}{n}"
        return n - 1

    @staticmethod
    def _convertir(hoja: Hoja, n: int, fila: Sequence, columnas: list[Columna], conversores) -> list:
        if len(fila) != len(columnas):
            raise ErrorExportacion(f"Hoja «{hoja.titulo}», fila {n}",
                                   f"tiene {len(fila)} valores y la hoja {len(columnas)} columnas")
        salida = []
        for valor, columna, convertir in zip(fila, columnas, conversores):
            if valor is None or valor == "":
                salida.append(None)
                continue
            if isinstance(valor, Texto):
                salida.append(Texto(texto(valor)))
                continue
            try:
                salida.append(convertir(valor))
            except (ValueError, TypeError, ArithmeticError) as e:
                raise ErrorExportacion(f"Hoja «{hoja.titulo}», fila {n}, columna «{columna.titulo}»",
                                       f"el valor «{valor}» {e}") from None
        return salida

    @staticmethod
    def _celdas(ws, valores: list, plantillas: list) -> list:
        fila = []
        for valor, plantilla in zip(valores, plantillas):
            if valor is None:
                fila.append(None)
            elif not isinstance(valor, str):  # typed: the column's styled cell
                plantilla.value = valor
                fila.append(plantilla)
            elif valor[:1] == "=" or valor in ERROR_CODES:
                # openpyxl would take it for a formula or an error code: forced to text (rare, so
                # a new cell each time)
                texto = WriteOnlyCell(ws, value=valor)
                texto.data_type = "s"
                fila.append(texto)
            else:
                fila.append(valor)
        return fila

    @staticmethod
    def _ancho(columna: Columna, i: int, muestra: list[list]) -> float:
        if columna.ancho is not None:
            return float(columna.ancho)
        largo = max((_largo(columna.tipo, columna.decimales, fila[i]) for fila in muestra), default=0)
        titulo = len(columna.titulo) + 3  # bold, plus the autofilter's button
        return float(min(ANCHO_MAXIMO, max(ANCHO_MINIMO, largo + 2, titulo)))


def escribir_xlsx(destino: str | os.PathLike | None, hojas: Sequence[Hoja], *,
                  al_avanzar: Callable[[int], None] | None = None, cada: int = CADA) -> Path | bytes:
    """Write the sheets (in order) to `destino` and return its path; with `destino=None` return
    the bytes of the file instead.

    `al_avanzar(filas_escritas)` is called every `cada` data rows (of all sheets together) and at
    the end; if it raises (e.g. the user cancelled), the exception propagates and nothing is left
    on disk. A value that does not fit its column raises `ErrorExportacion`; a file that cannot be
    written raises `ErrorArchivoExcel` (both in Spanish)."""
    if not hojas:
        raise ValueError("No hay hojas para escribir.")
    if destino is None:
        memoria = io.BytesIO()
        _escribir(memoria, hojas, al_avanzar, cada)
        return memoria.getvalue()

    destino = Path(destino)
    temporal = destino.with_name(f".~{destino.stem}.{secrets.token_hex(4)}.tmp")
    try:
        archivo = open(temporal, "xb")  # noqa: SIM115 - closed below, before the rename
    except OSError as e:
        raise _error_archivo(destino, e) from None
    try:
        with archivo:
            _escribir(archivo, hojas, al_avanzar, cada)
        os.replace(temporal, destino)
    except BaseException as e:
        temporal.unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise _error_archivo(destino, e) from None
        raise
    return destino


def _escribir(archivo, hojas: Sequence[Hoja], al_avanzar, cada: int) -> None:
    libro = Workbook(write_only=True)
    escritor = _Escritor(libro, al_avanzar, cada)
    usados: set[str] = set()
    try:
        for hoja in hojas:
            escritor.hoja(hoja, titulo_valido(hoja.titulo, usados))
        if al_avanzar is not None:
            al_avanzar(escritor.escritas)
    except BaseException:
        _desechar(libro)
        raise
    libro.save(archivo)


def _desechar(libro: Workbook) -> None:
    """An abandoned write-only workbook: close each sheet's stream in order and remove the
    temporary file openpyxl streams it to (else left in the temp folder until the program ends)."""
    for ws in libro.worksheets:
        try:
            if getattr(ws, "_rows", None) is not None:
                ws._rows.close()
            if getattr(ws, "_writer", None) is not None:
                ws._writer.close()
                ws._writer.cleanup()
        except Exception:  # noqa: BLE001, S110 - best effort: the original error is what matters
            pass


def _error_archivo(destino: Path, error: OSError) -> ErrorArchivoExcel:
    nombre = f"«{destino.name}» en {destino.parent}"
    if isinstance(error, FileNotFoundError):
        return ErrorArchivoExcel(f"No se pudo guardar {nombre}: la carpeta no existe.",
                                 "Elija otra carpeta.")
    if isinstance(error, PermissionError):
        return ErrorArchivoExcel(
            f"No se pudo guardar {nombre}: no hay permiso para escribirlo o el archivo está abierto en "
            "otro programa (¿Excel?).", "Ciérrelo o elija otro nombre o carpeta y vuelva a exportar.")
    return ErrorArchivoExcel(f"No se pudo guardar {nombre}: {error.strerror or error}.",
                             "Compruebe el espacio libre en el disco y vuelva a exportar.")
