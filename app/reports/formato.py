"""es-AR texts of the printed documents: amounts, dates, CUIL/DNI, amounts in words.

The reports do not import `app/ui`; amounts go through the engine's own es-AR formatting
(`app.liquidacion.dinero.formato_ar`, Babel's separators), so a printed amount is the same text
the screens show. A value that is missing is `None` here and is printed by the layout as a line
to fill by hand, never as "None".
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words

from app.liquidacion.dinero import formato_ar

MESES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
         "octubre", "noviembre", "diciembre")


def monto(valor: Decimal | None) -> str | None:
    """`Decimal("1234567.891")` → `"1.234.567,89"` (half-up to cents)."""
    return None if valor is None else formato_ar(valor, 2)


def pesos(valor: Decimal | None) -> str | None:
    return None if valor is None else f"$ {formato_ar(valor, 2)}"


def numero(valor: Decimal | int | None, decimales: int) -> str | None:
    return None if valor is None else formato_ar(Decimal(valor), decimales)


def porcentaje(valor: Decimal | None) -> str | None:
    """A DH share with 4 decimals, as the law's split is kept: `71,4286`."""
    return numero(valor, 4)


def fecha(valor: date | datetime | None) -> str | None:
    return None if valor is None else valor.strftime("%d/%m/%Y")


def fecha_larga(valor: date | None) -> str | None:
    """`date(2024, 7, 5)` → `"5 de julio de 2024"`."""
    return None if valor is None else f"{valor.day} de {MESES[valor.month - 1]} de {valor.year}"


def periodo(texto: str | None) -> str | None:
    """`"2018-05"` → `"05-2018"`, as SiAPe shows a salary month."""
    if not texto:
        return None
    anio, _, mes = texto.partition("-")
    return f"{mes}-{anio}" if len(anio) == 4 and len(mes) == 2 else texto


def _digitos(texto: str | None) -> str:
    return "".join(c for c in str(texto or "") if c.isdigit())


def cuit(texto: str | None) -> str | None:
    """11 digits → `NN-NNNNNNNN-N`; anything else is printed as given."""
    if not texto:
        return None
    d = _digitos(texto)
    return f"{d[:2]}-{d[2:10]}-{d[10:]}" if len(d) == 11 else str(texto)


def dni(texto: str | None) -> str | None:
    """`"23456789"` → `"23.456.789"` (7 or 8 digits); anything else as given."""
    if not texto:
        return None
    d = _digitos(texto)
    if 7 <= len(d) <= 8 and d == str(texto).replace(".", "").strip():
        return f"{int(d):,}".replace(",", ".")
    return str(texto)


# num2words("es") keeps the full form before "mil"/"millones" («veintiuno mil»); Spanish drops
# the final -o there: «veintiún mil», «treinta y un mil», «ciento un millones».
_APOCOPE = re.compile(r"\b(veinti)?uno(?= (?:mil|millón|millones|billón|billones)\b)")


def _apocope(m: re.Match) -> str:
    return "veintiún" if m.group(1) else "un"


def cardinal(n: int) -> str:
    """The Spanish cardinal of `n` as written in amounts (`21001` → `veintiún mil uno`)."""
    return _APOCOPE.sub(_apocope, num2words(n, lang="es"))


def en_letras(valor: Decimal) -> str:
    """`Decimal("1000000")` → `"PESOS UN MILLÓN CON 00/100"` (cents as a fraction, half-up)."""
    centavos = int((abs(valor) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    enteros, resto = divmod(centavos, 100)
    signo = "MENOS " if valor < 0 else ""
    return f"PESOS {signo}{cardinal(enteros).upper()} CON {resto:02d}/100"


# the article a Spanish organismo name takes after «de»: «agente del Ministerio de Salud»,
# «agente de la Dirección General de Cultura y Educación», «agente de IOMA»
_FEMENINOS = ("dirección", "direccion", "secretaría", "secretaria", "subsecretaría", "subsecretaria",
              "universidad", "policía", "policia", "suprema", "contaduría", "contaduria", "tesorería",
              "tesoreria", "defensoría", "defensoria", "junta", "agencia", "comisión", "comision",
              "administración", "administracion", "caja", "autoridad", "escuela", "procuración",
              "procuracion", "asesoría", "asesoria", "cámara", "camara", "jefatura", "gobernación",
              "gobernacion", "vicegobernación", "vicegobernacion", "legislatura", "oficina", "fiscalía", "fiscalia")
_MASCULINOS = ("ministerio", "hospital", "instituto", "consejo", "organismo", "servicio", "registro",
               "tribunal", "poder", "honorable", "senado", "archivo", "patronato", "departamento",
               "ente", "comité", "comite", "banco", "teatro", "museo", "centro")


def con_articulo(nombre: str | None) -> str:
    """«el Ministerio de Salud», «la Dirección General…»; a name that starts with its own article
    or with a proper noun is left bare."""
    if not nombre:
        return ""
    primera = nombre.split()[0].lower().strip(".,")
    if primera in _MASCULINOS:
        return f"el {nombre}"
    if primera in _FEMENINOS:
        return f"la {nombre}"
    return nombre


def de_organismo(nombre: str | None) -> str:
    """«de» + the name with its article, contracted: «del Ministerio», «de la Dirección»."""
    texto = con_articulo(nombre)
    return "del " + texto[3:] if texto.startswith("el ") else f"de {texto}".rstrip()
