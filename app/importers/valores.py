"""Cell values as real files carry them → typed values, or `ValorInvalido` with the reason in
Spanish. A cell comes from python-calamine (str, float, int, bool, date, datetime, '' for empty)
or from a CSV (always str)."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from stdnum.ar import cbu as stdnum_cbu
from stdnum.ar import cuit as stdnum_cuit
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength, ValidationError

from app.liquidacion.dinero import formato_ar

CENTAVO = Decimal("0.01")
MONTO_MAXIMO = Decimal("999999999999.99")
PRIMER_ANIO = 1990  # no salary history of a case under Ley 24.557 starts earlier


class ValorInvalido(ValueError):
    """A cell that cannot be read; the message says why (without repeating the value)."""


def vacia(valor) -> bool:
    return valor is None or valor == "" or (isinstance(valor, str) and not valor.strip())


def texto_celda(valor) -> str:
    """How the cell is shown in a message: «05/2019», «1234.56», «01/05/2019»."""
    if valor is None:
        return ""
    if isinstance(valor, bool):
        return "VERDADERO" if valor else "FALSO"
    if isinstance(valor, datetime):
        return f"{valor:%d/%m/%Y}" if valor.time() == time() else f"{valor:%d/%m/%Y %H:%M}"
    if isinstance(valor, date):
        return f"{valor:%d/%m/%Y}"
    if isinstance(valor, float):
        return str(int(valor)) if valor.is_integer() and abs(valor) < 1e15 else format(valor, ".15g")
    if isinstance(valor, timedelta):
        return str(valor)
    return " ".join(str(valor).split())


def normalizar(texto: str) -> str:
    """Lower case, no accents, letters and digits only: «Período (AAAA-MM)» → «periodoaaaamm»."""
    sin_acentos = unicodedata.normalize("NFKD", str(texto))
    return "".join(c for c in sin_acentos if c.isalnum() and not unicodedata.combining(c)).lower()


# ------------------------------------------------------------------ periods

MESES = {
    "enero": 1, "ene": 1, "jan": 1, "febrero": 2, "feb": 2, "marzo": 3, "mar": 3, "abril": 4, "abr": 4,
    "apr": 4, "mayo": 5, "may": 5, "junio": 6, "jun": 6, "julio": 7, "jul": 7, "agosto": 8, "ago": 8,
    "aug": 8, "septiembre": 9, "setiembre": 9, "sep": 9, "set": 9, "sept": 9, "octubre": 10, "oct": 10,
    "noviembre": 11, "nov": 11, "diciembre": 12, "dic": 12, "dec": 12,
}
_MES_ANIO = re.compile(r"^(\d{1,2})\s*[/\-.]\s*(\d{4})$")  # 05/2019, 5-2019, 05.2019
_ANIO_MES = re.compile(r"^(\d{4})\s*[/\-.]\s*(\d{1,2})$")  # 2019-05, 2019/5
_AAAAMM = re.compile(r"^(\d{4})(\d{2})$")  # 201905
_FECHA_DMA = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})$")  # 31/05/2019
_FECHA_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$")
_NOMBRE_ANIO = re.compile(r"^([a-z]+)\.?\s*(?:de\s+|del\s+)?[/\-.\s]?\s*'?(\d{2}|\d{4})$")  # may-19, mayo 2019

AYUDA_PERIODO = "escriba el mes como 05/2019, 2019-05, may-19 o mayo 2019"


def _anio_de_dos_cifras(aa: int, hoy: date) -> int:
    return 2000 + aa if 2000 + aa <= hoy.year else 1900 + aa


def _mes_real(anio: int, mes: int, hoy: date) -> str:
    if not 1 <= mes <= 12:
        raise ValorInvalido(f"el mes {mes} no existe (debe ser de 1 a 12)")
    if anio < PRIMER_ANIO:
        raise ValorInvalido(f"el período {mes:02d}/{anio} es anterior a {PRIMER_ANIO}")
    if (anio, mes) > (hoy.year, hoy.month):
        raise ValorInvalido(f"el período {mes:02d}/{anio} es posterior al mes actual ({hoy.month:02d}/{hoy.year})")
    return f"{anio:04d}-{mes:02d}"


def leer_periodo(valor, hoy: date) -> str:
    """A month as AAAA-MM. Excel date cells (any day: the month is taken), AAAAMM numbers and the
    texts 05/2019, 5/2019, 05-2019, 2019-05, 201905, may-19, mayo 2019, mayo de 2019 and whole
    dates (31/05/2019, 2019-05-31) are accepted. Not before 1990, not after `hoy`'s month."""
    if isinstance(valor, datetime):
        return _mes_real(valor.year, valor.month, hoy)
    if isinstance(valor, date):
        return _mes_real(valor.year, valor.month, hoy)
    if isinstance(valor, bool):
        raise ValorInvalido(f"no es un período: {AYUDA_PERIODO}")
    if isinstance(valor, (int, float)):
        if isinstance(valor, float) and not valor.is_integer():
            raise ValorInvalido(f"no es un período: {AYUDA_PERIODO}")
        m = _AAAAMM.match(str(int(valor)))
        if not m:
            raise ValorInvalido(f"es un número, no un período: dé a la celda formato de fecha o {AYUDA_PERIODO}")
        return _mes_real(int(m.group(1)), int(m.group(2)), hoy)
    texto = " ".join(str(valor).split()).lower()
    for patron, anio_g, mes_g in ((_MES_ANIO, 2, 1), (_ANIO_MES, 1, 2), (_AAAAMM, 1, 2)):
        m = patron.match(texto)
        if m:
            return _mes_real(int(m.group(anio_g)), int(m.group(mes_g)), hoy)
    m = _FECHA_DMA.match(texto) or _FECHA_ISO.match(texto)
    if m:
        d, mes, a = (m.group(1), m.group(2), m.group(3)) if m.re is _FECHA_DMA else (m.group(3), m.group(2), m.group(1))
        try:
            fecha = date(int(a), int(mes), int(d))
        except ValueError:
            raise ValorInvalido(f"no es una fecha real: {AYUDA_PERIODO}") from None
        return _mes_real(fecha.year, fecha.month, hoy)
    m = _NOMBRE_ANIO.match(normalizar_espacios(texto))
    if m and m.group(1) in MESES:
        anio = int(m.group(2))
        if len(m.group(2)) == 2:
            anio = _anio_de_dos_cifras(anio, hoy)
        return _mes_real(anio, MESES[m.group(1)], hoy)
    raise ValorInvalido(f"no es un período: {AYUDA_PERIODO}")


def normalizar_espacios(texto: str) -> str:
    sin_acentos = unicodedata.normalize("NFKD", texto)
    return "".join(c for c in sin_acentos if not unicodedata.combining(c))


# ------------------------------------------------------------------ amounts

_MILES_PUNTO = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.234.567,89 / 4.700
_MILES_COMA = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")  # 1,234,567.89 (only with a decimal point or 2+ groups)
_COMA_DECIMAL = re.compile(r"^\d+,\d+$")  # 1234,56
_PUNTO_DECIMAL = re.compile(r"^\d+(\.\d+)?$")  # 1234.56 / 1234


def _decimal_de_texto(original: str) -> Decimal:
    texto = original.replace("$", "").replace("\u00a0", "").replace(" ", "").strip()
    if texto.startswith("(") and texto.endswith(")"):
        texto = "-" + texto[1:-1]
    negativo = texto.startswith("-")
    cuerpo = texto[1:] if negativo else texto
    if _PUNTO_DECIMAL.match(cuerpo) and not _MILES_PUNTO.match(cuerpo):
        normal = cuerpo  # 1234.56, 1234
    elif _MILES_PUNTO.match(cuerpo):
        normal = cuerpo.replace(".", "").replace(",", ".")
    elif _COMA_DECIMAL.match(cuerpo):
        normal = cuerpo.replace(",", ".")
    elif _MILES_COMA.match(cuerpo) and (cuerpo.count(",") > 1 or "." in cuerpo):
        normal = cuerpo.replace(",", "")
    else:
        raise ValorInvalido("no es un importe (escriba 1234,56, 1.234,56 o 1234.56)")
    try:
        numero = Decimal(normal)
    except InvalidOperation:  # pragma: no cover - the patterns already filter
        raise ValorInvalido("no es un importe") from None
    return -numero if negativo else numero


def leer_importe(valor) -> Decimal:
    """An amount ≥ 0 with at most two decimals, as Decimal quantized to centavos. Excel numbers
    are read at the 15 significant digits Excel shows (a computed 1234.5600000000002 is 1234.56)."""
    if type(valor) is float and 0 <= valor < 1e7:
        # fast path for Excel numbers (most cells): exact centavos when within float noise of them
        centavos = round(valor * 100)
        if abs(valor * 100 - centavos) < 1e-6:
            return Decimal(centavos).scaleb(-2)
    if isinstance(valor, bool):
        raise ValorInvalido("no es un importe")
    if isinstance(valor, float):
        if not math.isfinite(valor):
            raise ValorInvalido("no es un importe")
        numero = Decimal(format(valor, ".15g"))
    elif isinstance(valor, int):
        numero = Decimal(valor)
    elif isinstance(valor, (date, timedelta)):
        raise ValorInvalido("es una fecha, no un importe")
    else:
        numero = _decimal_de_texto(str(valor))
    if numero < 0:
        raise ValorInvalido("el importe no puede ser negativo")
    if numero > MONTO_MAXIMO:
        raise ValorInvalido(f"excede el máximo admitido ({formato_ar(MONTO_MAXIMO)})")
    redondeado = numero.quantize(CENTAVO)
    if redondeado != numero:
        raise ValorInvalido("tiene más de 2 decimales")
    return redondeado


def centavos(valor) -> int:
    """leer_importe as integer centavos (the stored form of models.tipos.Dinero)."""
    if type(valor) is float and 0 <= valor < 1e7:
        x = valor * 100
        c = round(x)
        if -1e-6 < x - c < 1e-6:
            return c
    return int(leer_importe(valor).scaleb(2))


# ------------------------------------------------------------------ CUIL, CBU, dates, yes/no, texts

def digitos_de(valor, nombre: str) -> str:
    """A number cell or a text with dashes, dots or spaces → its digits."""
    if isinstance(valor, bool):
        raise ValorInvalido(f"no es un {nombre}")
    if isinstance(valor, float):
        if not valor.is_integer() or valor >= 2 ** 53:
            raise ValorInvalido(f"Excel guardó el {nombre} como número y lo redondeó: escríbalo como texto")
        return str(int(valor))
    if isinstance(valor, int):
        return str(valor)
    if isinstance(valor, (date, timedelta)):
        raise ValorInvalido(f"es una fecha, no un {nombre}")
    texto = "".join(c for c in str(valor) if c not in " -./\u00a0\u2010\u2011\u2012\u2013")
    if not texto.isdigit() or not texto.isascii():
        raise ValorInvalido(f"el {nombre} solo puede tener dígitos, guiones o espacios")
    return texto


def leer_cuil(valor) -> str:
    """CUIL/CUIT with or without dashes/spaces (or a number cell) → 11 digits, check digit verified."""
    digitos = digitos_de(valor, "CUIL")
    try:
        return stdnum_cuit.validate(digitos)
    except InvalidLength:
        raise ValorInvalido(f"el CUIL debe tener 11 dígitos (tiene {len(digitos)})") from None
    except InvalidFormat:  # pragma: no cover - digitos_de already filters
        raise ValorInvalido("el CUIL solo puede tener dígitos y guiones") from None
    except InvalidComponent:
        raise ValorInvalido("el CUIL empieza con un tipo inválido (20, 23, 24, 27, 30, 33, 34…)") from None
    except InvalidChecksum:
        raise ValorInvalido("el dígito verificador del CUIL es incorrecto") from None
    except ValidationError:  # pragma: no cover - any other stdnum refusal
        raise ValorInvalido("no es un CUIL válido") from None


def leer_cbu(valor) -> str:
    digitos = digitos_de(valor, "CBU")
    try:
        return stdnum_cbu.validate(digitos)
    except InvalidLength:
        raise ValorInvalido(f"la CBU debe tener 22 dígitos (tiene {len(digitos)})") from None
    except InvalidChecksum:
        raise ValorInvalido("un dígito verificador de la CBU es incorrecto") from None
    except ValidationError:
        raise ValorInvalido("no es una CBU válida") from None


def leer_fecha(valor, hoy: date) -> date:
    """An Excel date cell or a text dd/mm/aaaa, d/m/aaaa, dd-mm-aaaa or aaaa-mm-dd; not after `hoy`,
    not before 1900."""
    if isinstance(valor, datetime):
        fecha = valor.date()
    elif isinstance(valor, date):
        fecha = valor
    elif isinstance(valor, (int, float, bool, timedelta)):
        raise ValorInvalido("no es una fecha: dé a la celda formato de fecha o escriba dd/mm/aaaa")
    else:
        texto = str(valor).strip()
        m = _FECHA_DMA.match(texto)
        iso = _FECHA_ISO.match(texto)
        if not m and not iso:
            raise ValorInvalido("no es una fecha (escriba dd/mm/aaaa)")
        d, mes, a = (m.group(1), m.group(2), m.group(3)) if m else (iso.group(3), iso.group(2), iso.group(1))
        try:
            fecha = date(int(a), int(mes), int(d))
        except ValueError:
            raise ValorInvalido("no es una fecha real") from None
    if fecha.year < 1900:
        raise ValorInvalido("es anterior a 1900")
    if fecha > hoy:
        raise ValorInvalido(f"es posterior a hoy ({hoy:%d/%m/%Y})")
    return fecha


_SI = {"si", "s", "x", "1", "verdadero", "true", "v", "yes", "y"}
_NO = {"no", "n", "0", "falso", "false", "f", ""}


def leer_si_no(valor) -> bool:
    """Sí/No, S/N, X, 1/0, VERDADERO/FALSO; empty = no."""
    if isinstance(valor, bool):
        return valor
    if isinstance(valor, (int, float)) and valor in (0, 1):
        return bool(valor)
    clave = normalizar(texto_celda(valor))
    if clave in _SI:
        return True
    if clave in _NO:
        return False
    raise ValorInvalido("escriba Sí o No")


PARENTESCOS = {
    "conyuge": "conyuge", "esposo": "conyuge", "esposa": "conyuge", "esposoa": "conyuge",
    "conviviente": "conviviente", "concubino": "conviviente", "concubina": "conviviente",
    "concubinoa": "conviviente", "hijo": "hijo", "hija": "hijo", "hijoa": "hijo", "hijos": "hijo",
    "padre": "padre", "madre": "madre", "familiaracargo": "familiar_a_cargo", "acargo": "familiar_a_cargo",
    "familiar": "familiar_a_cargo",
}
NOMBRES_PARENTESCO = "cónyuge, conviviente, hijo/a, padre, madre o familiar a cargo"


def leer_parentesco(valor) -> str:
    clave = normalizar(texto_celda(valor))
    if clave in PARENTESCOS:
        return PARENTESCOS[clave]
    raise ValorInvalido(f"parentesco desconocido (debe ser {NOMBRES_PARENTESCO})")


def leer_texto(valor, largo: int) -> str:
    texto = texto_celda(valor)
    if len(texto) > largo:
        raise ValorInvalido(f"tiene {len(texto)} caracteres; el máximo es {largo}")
    return texto
