"""Reading a parameter table from a CSV or a spreadsheet (.xlsx, .xlsm, .xls, .ods) into the
bundled CSV format, so that the engine's own loaders validate it.

Cells are turned into the bundled CSV's texts first: es-AR numbers («1.234,56»), Excel numeric
cells, Excel date cells and dd/mm/aaaa dates are accepted. A cell that cannot be read becomes a
`Problema` (file, row, field, why) and its row is left blank for the loaders. The rows keep the
file's own numbers (a title above the header shifts nothing), so every message names the row the
user sees in the spreadsheet. Nothing here touches the store.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from app.errors import DatosInvalidos

EXTENSIONES_EXCEL = (".xlsx", ".xlsm", ".xls", ".ods")
FILAS_BUSCAR_ENCABEZADO = 20  # a title or notes above the header are allowed, within these rows
LIMITE_PROBLEMAS = 100  # enough to fix a file; past it the preview says there are more
DECIMALES = 2  # every amount, index and rate is stored with two decimals (models/tipos.py)

# Columns of each table, as in resources/parametros/*.csv: (name, kind, required in the header,
# value required). Kinds: periodo, fecha, numero, entero, valor (regímenes: a date or a number), texto.
COLUMNAS: dict[str, tuple[tuple[str, str, bool, bool], ...]] = {
    "ripte": (("periodo", "periodo", True, True), ("indice", "numero", True, True)),
    "tasas": (("desde", "fecha", True, True), ("hasta", "fecha", True, True), ("tna_pct", "numero", True, True),
              ("origen", "texto", False, False)),
    "montos": (("vigencia_desde", "fecha", True, True), ("vigencia_hasta", "fecha", True, True),
               ("norma", "texto", True, True), ("piso", "numero", True, True), ("capu_a", "numero", True, True),
               ("capu_b", "numero", True, True), ("capu_c", "numero", True, True),
               ("iapu_minimo", "numero", True, False), ("nota", "texto", False, False)),
    "gran_invalidez": (("desde", "fecha", True, True), ("hasta", "fecha", True, True),
                       ("monto_mensual", "numero", True, True), ("norma", "texto", True, False)),
    "regimenes": (("clave", "texto", True, True), ("valor", "valor", True, True), ("norma", "texto", True, False)),
    "feriados": (("fecha", "fecha", True, True), ("descripcion", "texto", True, True)),
    "plazos": (("clave", "texto", True, True), ("dias", "entero", True, True), ("habiles", "texto", True, True),
               ("norma", "texto", True, False)),
}

# What identifies a row when comparing two versions of a table.
CLAVES = {"ripte": "periodo", "tasas": "desde", "montos": "desde", "gran_invalidez": "desde",
          "regimenes": "clave", "feriados": "fecha", "plazos": "clave"}

_ISO = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_DMA = re.compile(r"^([0-9]{1,2})[/-]([0-9]{1,2})[/-]([0-9]{4})$")
_PERIODO_ISO = re.compile(r"^[0-9]{4}-[0-9]{2}$")
_PERIODO_MA = re.compile(r"^([0-9]{1,2})[/-]([0-9]{4})$")
# Every stored figure has at most two decimals, so a dot followed by exactly three digits can only
# separate thousands: «4.700» is 4700 and «1.234.567,89» is es-AR; «4676.25» is the bundled format.
_MILES = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?$")
_COMA = re.compile(r"^[0-9]+,[0-9]+$")
_PUNTO = re.compile(r"^[0-9]+(\.[0-9]+)?$")


@dataclass(frozen=True)
class Problema:
    """One reason why a file cannot be loaded; `fila` / `campo` are None when it is the whole file."""

    archivo: str
    fila: int | None
    campo: str | None
    motivo: str

    def __str__(self) -> str:
        donde = self.archivo
        if self.fila is not None:
            donde += f", fila {self.fila}"
        if self.campo:
            donde += f", campo «{self.campo}»"
        return f"{donde}: {self.motivo}"


@dataclass
class Lectura:
    """A file read into the bundled CSV text (`texto`, rows numbered as in the file)."""

    tabla: str
    ruta: str
    archivo: str  # what the messages call it: «ripte.xlsx, hoja «Datos»»
    hoja: str | None
    hojas: list[str]
    sha256: str
    texto: str = ""
    filas_leidas: int = 0
    problemas: list[Problema] = field(default_factory=list)


class _CeldaInvalida(Exception):
    pass


# ------------------------------------------------------------------ cells → bundled texts

def _texto_de(valor) -> str:
    if valor is None:
        return ""
    if isinstance(valor, bool):
        return "si" if valor else "no"
    if isinstance(valor, datetime):
        return valor.date().isoformat() if valor.time() == datetime.min.time() else valor.isoformat(sep=" ")
    if isinstance(valor, date):
        return valor.isoformat()
    if isinstance(valor, float) and valor.is_integer():
        return str(int(valor))
    # one line per record: the loaders count rows by lines
    return " ".join(str(valor).split())


def _fecha(valor) -> str:
    if isinstance(valor, datetime):
        if valor.time() != datetime.min.time():
            raise _CeldaInvalida(f"«{valor:%d/%m/%Y %H:%M}» tiene hora: debe ser solo una fecha")
        return valor.date().isoformat()
    if isinstance(valor, date):
        return valor.isoformat()
    if isinstance(valor, (int, float)) and not isinstance(valor, bool):
        raise _CeldaInvalida(f"«{_texto_de(valor)}» es un número, no una fecha (dé a la celda formato de fecha "
                             "o escriba dd/mm/aaaa)")
    texto = _texto_de(valor)
    if _ISO.match(texto):
        return texto  # the loader checks that it is a real date
    m = _DMA.match(texto)
    if not m:
        raise _CeldaInvalida(f"«{texto}» no es una fecha (escriba dd/mm/aaaa)")
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
    except ValueError:
        raise _CeldaInvalida(f"«{texto}» no es una fecha real") from None


def _periodo(valor) -> str:
    if isinstance(valor, date):  # an Excel date cell: the first day of the month
        dia = valor.date() if isinstance(valor, datetime) else valor
        if dia.day != 1 or (isinstance(valor, datetime) and valor.time() != datetime.min.time()):
            raise _CeldaInvalida(f"«{dia:%d/%m/%Y}» no es un mes: escriba el período como mm-aaaa (p. ej. 05-2019)")
        return f"{dia.year:04d}-{dia.month:02d}"
    if isinstance(valor, (int, float)) and not isinstance(valor, bool):
        raise _CeldaInvalida(f"«{_texto_de(valor)}» no es un período (escriba mm-aaaa, p. ej. 05-2019)")
    texto = _texto_de(valor)
    if _PERIODO_ISO.match(texto):
        return texto  # the loader checks the month
    m = _PERIODO_MA.match(texto)
    if not m:
        raise _CeldaInvalida(f"«{texto}» no es un período (escriba mm-aaaa, p. ej. 05-2019)")
    if not 1 <= int(m.group(1)) <= 12:
        raise _CeldaInvalida(f"«{texto}» no es un mes real")
    return f"{m.group(2)}-{int(m.group(1)):02d}"


def decimal_de(valor) -> Decimal:
    """An Excel numeric cell or a typed amount (es-AR «1.234,56», «4.700», or «4676.25») as an
    exact Decimal; raises ValueError with the reason."""
    if isinstance(valor, int) and not isinstance(valor, bool):  # a bool falls to the text: «si» is no number
        return Decimal(valor)
    if isinstance(valor, float):
        if not math.isfinite(valor):
            raise ValueError(f"«{valor}» no es un número")
        # repr() is the shortest text that is this float: what the spreadsheet shows for a typed value
        return Decimal(repr(valor))
    original = _texto_de(valor)
    texto = original.replace("$", "").replace("%", "").replace("\u00a0", "").replace(" ", "")
    negativo = texto.startswith("-")
    cuerpo = texto[1:] if negativo else texto
    if _MILES.match(cuerpo):
        cuerpo = cuerpo.replace(".", "").replace(",", ".")
    elif _COMA.match(cuerpo):
        cuerpo = cuerpo.replace(",", ".")
    elif not _PUNTO.match(cuerpo):
        raise ValueError(f"«{original}» no es un número (escriba 1234,56 o 1.234,56)")
    try:
        numero = Decimal(cuerpo)
    except InvalidOperation:  # pragma: no cover - the patterns already filter
        raise ValueError(f"«{original}» no es un número") from None
    return -numero if negativo else numero


def texto_numero(numero: Decimal) -> str:
    """The bundled CSV's way of writing a number: no thousands, dot decimal, no trailing zeros
    beyond what the value needs (180000, 4676.25)."""
    if numero == numero.to_integral_value():
        return str(int(numero))
    return format(numero.normalize(), "f")


def _numero(valor, entero: bool = False) -> str:
    try:
        numero = decimal_de(valor)
    except ValueError as e:
        raise _CeldaInvalida(str(e)) from None
    visto = _texto_de(valor) if not isinstance(valor, float) else texto_numero(numero)
    if numero < 0:
        raise _CeldaInvalida(f"«{visto}» es negativo: debe ser mayor que cero")
    if entero and numero != numero.to_integral_value():
        raise _CeldaInvalida(f"«{visto}» debe ser un número entero de días")
    if numero != numero.quantize(Decimal(1).scaleb(-DECIMALES)):
        raise _CeldaInvalida(f"«{visto}» tiene más de {DECIMALES} decimales: redondéelo en el archivo")
    return texto_numero(numero)


def _valor(valor) -> str:
    """regimen.csv's `valor`: a date for the fecha_* keys, an amount for the others."""
    if isinstance(valor, date):
        return _fecha(valor)
    if isinstance(valor, (int, float)) and not isinstance(valor, bool):
        return _numero(valor)
    texto = _texto_de(valor)
    if _DMA.match(texto):
        return _fecha(texto)
    try:
        return texto_numero(decimal_de(texto)) if texto and not _ISO.match(texto) else texto
    except ValueError:
        return texto  # the loader names what is wrong with it


_CONVERTIR: dict[str, Callable] = {
    "periodo": _periodo, "fecha": _fecha, "numero": _numero, "entero": lambda v: _numero(v, entero=True),
    "valor": _valor, "texto": _texto_de,
}


def _vacia(valor) -> bool:
    return valor is None or (isinstance(valor, str) and not valor.strip())


# ------------------------------------------------------------------ files → rows of cells

def _celdas_excel(ruta: Path, hoja: str | None, lectura: Lectura) -> list[list] | None:
    from python_calamine import CalamineWorkbook

    try:
        libro = CalamineWorkbook.from_path(str(ruta))
        lectura.hojas = list(libro.sheet_names)
        if not lectura.hojas:
            raise ValueError("no tiene hojas")
        if hoja is None:
            hoja = lectura.hojas[0]
        elif hoja not in lectura.hojas:
            lectura.problemas.append(Problema(lectura.archivo, None, None,
                                              f"no tiene una hoja «{hoja}» (tiene: {', '.join(lectura.hojas)})"))
            return None
        lectura.hoja = hoja
        # skip_empty_area=False keeps the empty rows above the data: row numbers stay the sheet's own
        celdas = libro.get_sheet_by_name(hoja).to_python(skip_empty_area=False)
    except Exception as e:  # noqa: BLE001 - calamine raises its own types for broken or foreign files
        lectura.problemas.append(Problema(lectura.archivo, None, None,
                                          f"no se pudo leer como planilla de Excel ({type(e).__name__}: {e})"))
        return None
    lectura.archivo = f"{ruta.name}, hoja «{hoja}»"
    return celdas


def _celdas_csv(datos: bytes, lectura: Lectura) -> list[list] | None:
    try:
        texto = datos.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            texto = datos.decode("cp1252")  # «CSV (delimitado por comas)» of a Spanish Excel
        except UnicodeDecodeError:
            lectura.problemas.append(Problema(lectura.archivo, None, None,
                                              "no es un archivo de texto CSV (guárdelo como «CSV UTF-8»)"))
            return None
    if "\x00" in texto:
        lectura.problemas.append(Problema(lectura.archivo, None, None, "no es un archivo de texto CSV"))
        return None
    primera = next((linea for linea in texto.splitlines() if linea.strip()), "")
    # a Spanish Excel writes «;» between fields because «,» is its decimal mark
    separador = max((",", ";", "\t"), key=primera.count)
    return [list(f) for f in csv.reader(io.StringIO(texto), delimiter=separador)]


def leer(tabla: str, ruta: Path | str, hoja: str | None = None, avance: Callable | None = None) -> Lectura:
    """Read a CSV or spreadsheet of `tabla` into the bundled CSV text plus the cell problems."""
    ruta = Path(ruta)
    lectura = Lectura(tabla, str(ruta), ruta.name, None, [], "")
    try:
        datos = ruta.read_bytes()
    except FileNotFoundError:
        lectura.problemas.append(Problema(ruta.name, None, None, "no se encontró el archivo"))
        return lectura
    except OSError as e:
        lectura.problemas.append(Problema(ruta.name, None, None, f"no se pudo leer el archivo ({e.strerror or e})"))
        return lectura
    lectura.sha256 = hashlib.sha256(datos).hexdigest()
    if not datos.strip():
        lectura.problemas.append(Problema(ruta.name, None, None, "el archivo está vacío"))
        return lectura
    es_excel = ruta.suffix.lower() in EXTENSIONES_EXCEL
    celdas = _celdas_excel(ruta, hoja, lectura) if es_excel else _celdas_csv(datos, lectura)
    if celdas is None:
        return lectura
    _convertir(tabla, celdas, lectura, avance)
    return lectura


def _convertir(tabla: str, celdas: list[list], lectura: Lectura, avance: Callable | None) -> None:
    columnas = COLUMNAS[tabla]
    if not any(not _vacia(v) for fila in celdas for v in fila):
        que = f"la hoja «{lectura.hoja}» está vacía" if lectura.hoja else "el archivo está vacío"
        lectura.problemas.append(Problema(lectura.archivo, None, None, que))
        return
    requeridas = [c[0] for c in columnas if c[2]]
    encabezado_n, posiciones = None, {}
    for n, fila in enumerate(celdas[:FILAS_BUSCAR_ENCABEZADO], start=1):
        nombres = [_texto_de(v).lower() for v in fila]
        if all(c in nombres for c in requeridas):
            encabezado_n = n
            posiciones = {c[0]: nombres.index(c[0]) for c in columnas if c[0] in nombres}
            break
    if encabezado_n is None:
        lectura.problemas.append(Problema(
            lectura.archivo, None, None,
            f"no se encontró la fila de encabezado con las columnas {', '.join(requeridas)} "
            f"(en las primeras {FILAS_BUSCAR_ENCABEZADO} filas)"))
        return
    usadas = [c for c in columnas if c[0] in posiciones]
    salida = io.StringIO()
    escritor = csv.writer(salida, lineterminator="\n")
    escritor.writerow([c[0] for c in usadas])
    blanco = [""] * len(usadas)
    # the loaders call the first line after the header «fila 2»: pad so they call it by its real number
    for _ in range(encabezado_n - 1):
        escritor.writerow(blanco)
    datos = celdas[encabezado_n:]
    for i, fila in enumerate(datos):
        n = encabezado_n + 1 + i
        if avance is not None and i % 250 == 0:
            avance(i, len(datos), f"Revisando la fila {n} de {len(celdas)}…")
        valores = [fila[posiciones[c[0]]] if posiciones[c[0]] < len(fila) else None for c in usadas]
        if all(_vacia(v) for v in valores):
            escritor.writerow(blanco)
            continue
        lectura.filas_leidas += 1
        textos, malas = [], []
        for (nombre, tipo, _, requerido), valor in zip(usadas, valores):
            if _vacia(valor):
                if requerido:
                    malas.append(Problema(lectura.archivo, n, nombre, "falta el dato"))
                textos.append("")
                continue
            try:
                textos.append(_CONVERTIR[tipo](valor))
            except _CeldaInvalida as e:
                malas.append(Problema(lectura.archivo, n, nombre, str(e)))
                textos.append("")
        lectura.problemas.extend(malas)
        escritor.writerow(blanco if malas else textos)  # a bad row is left out of the loaders' checks
    lectura.texto = salida.getvalue()


# ------------------------------------------------------------------ every problem, not only the first

def _problema_de(error: DatosInvalidos, archivo: str) -> Problema:
    """The file, row and field of a loader's message («x.csv, fila 5, campo «indice»: …»)."""
    motivo = error.mensaje[len(error.campo) + 2:] if error.mensaje.startswith(f"{error.campo}: ") else error.mensaje
    resto = error.campo[len(archivo):] if error.campo.startswith(archivo) else None
    m = re.fullmatch(r"(?:, fila (\d+))?(?:, campo «(.*)»)?", resto) if resto is not None else None
    if m is None:
        return Problema(archivo, None, None, f"{error.campo}: {motivo}")
    return Problema(archivo, int(m.group(1)) if m.group(1) else None, m.group(2), motivo)


def validar_todo(tabla: str, texto: str, archivo: str, validar: Callable) -> tuple[list[dict], list[Problema]]:
    """Every problem of a table's CSV text, not only the first. `validar(tabla, texto, archivo)`
    (services.parametros.filas_validadas: the engine's loaders) stops at the first bad row, so
    that row is blanked (the numbers of the others kept) and the text checked again."""
    lineas = texto.split("\n")
    blanco = "," * max(texto.split("\n", 1)[0].count(","), 1)
    problemas: list[Problema] = []
    while True:
        try:
            return validar(tabla, "\n".join(lineas), archivo), problemas
        except DatosInvalidos as e:
            problema = _problema_de(e, archivo)
        problemas.append(problema)
        n = problema.fila
        if n is None or not 2 <= n <= len(lineas) or lineas[n - 1] == blanco:
            return [], problemas
        if len(problemas) >= LIMITE_PROBLEMAS:
            problemas.append(Problema(archivo, None, None, f"hay más problemas: se muestran los primeros "
                                                           f"{LIMITE_PROBLEMAS}"))
            return [], problemas
        lineas[n - 1] = blanco



# ------------------------------------------------------------------ two versions compared

@dataclass(frozen=True)
class Cambio:
    tipo: str  # "agregada" | "cambiada" | "quitada"
    clave: object
    antes: dict | None
    ahora: dict | None
    campos: tuple[str, ...] = ()


def _comparable(fila: dict) -> dict:
    return {k: ("" if v is None else v) for k, v in fila.items()}


def comparar(tabla: str, actuales: list[dict], nuevas: list[dict]) -> list[Cambio]:
    """Rows added, changed (with the fields that differ) and removed, in key order."""
    clave = CLAVES[tabla]
    antes = {f[clave]: _comparable(f) for f in actuales}
    ahora = {f[clave]: _comparable(f) for f in nuevas}
    cambios = []
    for k in sorted(set(antes) | set(ahora), key=str):
        a, b = antes.get(k), ahora.get(k)
        if a is None:
            cambios.append(Cambio("agregada", k, None, b))
        elif b is None:
            cambios.append(Cambio("quitada", k, a, None))
        else:
            distintos = tuple(c for c in b if c in a and a[c] != b[c])
            if distintos:
                cambios.append(Cambio("cambiada", k, a, b, distintos))
    return cambios
