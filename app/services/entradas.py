"""Small input readers shared by the use cases: each turns a form or file value into a typed
value, or refuses it with `DatosInvalidos` naming the field (dates, amounts, CUIL, CBU…)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from stdnum.ar import cbu as stdnum_cbu
from stdnum.ar import cuit as stdnum_cuit
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength, ValidationError

from app.errors import DatosInvalidos
from app.liquidacion.derechohabientes import Parentesco
from app.liquidacion.fechas import ddmmaaaa

MONTO_MAXIMO = Decimal("999999999999.99")
PARENTESCOS = tuple(p.value for p in Parentesco)



def hoy() -> date:
    return date.today()


# ------------------------------------------------------------------ input readers (shared)

def como_dict(datos, campo: str = "datos") -> dict:
    """A dataclass instance or a mapping as a plain dict."""
    if dataclasses.is_dataclass(datos) and not isinstance(datos, type):
        return dataclasses.asdict(datos)
    if isinstance(datos, Mapping):
        return dict(datos)
    raise DatosInvalidos(campo, "se esperaba un diccionario de campos")


def solo_campos(datos: dict, admitidos, prefijo: str = "") -> None:
    for clave in datos:
        if clave not in admitidos:
            raise DatosInvalidos(f"{prefijo}{clave}", "campo desconocido")


def leer_texto(valor, campo: str, largo: int, requerido: bool = False, colapsar: bool = True) -> str | None:
    """Text without surrounding blanks (and, with `colapsar`, without repeated inner blanks)."""
    if valor is None or (isinstance(valor, str) and not valor.strip()):
        if requerido:
            raise DatosInvalidos(campo, "no puede estar vacío")
        return None
    if not isinstance(valor, str):
        raise DatosInvalidos(campo, "debe ser un texto")
    texto = " ".join(valor.split()) if colapsar else valor.strip()
    if len(texto) > largo:
        raise DatosInvalidos(campo, f"tiene {len(texto)} caracteres; el máximo es {largo}")
    return texto


def leer_fecha(valor, campo: str, requerido: bool = False) -> date | None:
    """A `date` or an ISO text `AAAA-MM-DD`."""
    if valor is None or valor == "":
        if requerido:
            raise DatosInvalidos(campo, "falta la fecha")
        return None
    if isinstance(valor, datetime):
        raise DatosInvalidos(campo, "debe ser una fecha sin hora")
    if isinstance(valor, date):
        fecha = valor
    elif isinstance(valor, str):
        try:
            fecha = date.fromisoformat(valor.strip())
        except ValueError:
            raise DatosInvalidos(campo, f"«{valor}» no es una fecha real con formato AAAA-MM-DD") from None
        if len(valor.strip()) != 10:
            raise DatosInvalidos(campo, f"«{valor}» no es una fecha con formato AAAA-MM-DD")
    else:
        raise DatosInvalidos(campo, "debe ser una fecha")
    if fecha.year < 1900:
        raise DatosInvalidos(campo, f"el {ddmmaaaa(fecha)} es anterior a 1900")
    return fecha


def leer_importe(valor, campo: str, decimales: int = 2, maximo: Decimal = MONTO_MAXIMO,
                 requerido: bool = True, positivo: bool = False) -> Decimal | None:
    """An exact amount: Decimal, int or text (never a float), not negative, at most `decimales`."""
    if valor is None or (isinstance(valor, str) and not valor.strip()):
        if requerido:
            raise DatosInvalidos(campo, "falta el importe")
        return None
    if isinstance(valor, bool) or not isinstance(valor, (Decimal, int, str)):
        raise DatosInvalidos(campo, f"«{valor}» debe ser un número exacto (Decimal o texto como \"1234.56\")")
    try:
        numero = Decimal(valor.strip()) if isinstance(valor, str) else Decimal(valor)
    except (InvalidOperation, ValueError):
        raise DatosInvalidos(campo, f"«{valor}» no es un número (use punto decimal, sin separador de miles)") from None
    if not numero.is_finite():
        raise DatosInvalidos(campo, f"«{valor}» no es un número")
    if numero < 0:
        raise DatosInvalidos(campo, f"{numero} no puede ser negativo")
    if positivo and numero == 0:
        raise DatosInvalidos(campo, "debe ser mayor que cero")
    if numero > maximo:
        raise DatosInvalidos(campo, f"{numero} excede el máximo admitido ({maximo})")
    escala = Decimal(1).scaleb(-decimales)
    if numero != numero.quantize(escala):
        raise DatosInvalidos(campo, f"{numero} tiene más de {decimales} decimales")
    return numero.quantize(escala)


def leer_bool(valor, campo: str) -> bool:
    if valor is None:
        return False
    if not isinstance(valor, bool):
        raise DatosInvalidos(campo, "debe ser verdadero o falso")
    return valor


def leer_id(valor, campo: str) -> int:
    if isinstance(valor, bool) or not isinstance(valor, int):
        raise DatosInvalidos(campo, "falta el identificador (número entero)")
    return valor


def leer_cuil(valor, campo: str = "cuil", requerido: bool = True) -> str | None:
    """CUIL/CUIT with or without dashes → its 11 digits, check digit verified (python-stdnum)."""
    if valor is None or (isinstance(valor, str) and not valor.strip()):
        if requerido:
            raise DatosInvalidos(campo, "falta el CUIL")
        return None
    if not isinstance(valor, str):
        raise DatosInvalidos(campo, "el CUIL debe escribirse como texto, p. ej. 20-12345678-6")
    try:
        return stdnum_cuit.validate(valor)
    except InvalidLength:
        raise DatosInvalidos(campo, f"«{valor}» debe tener 11 dígitos") from None
    except InvalidFormat:
        raise DatosInvalidos(campo, f"«{valor}» solo puede tener dígitos y guiones") from None
    except InvalidComponent:
        raise DatosInvalidos(campo, f"«{valor}» empieza con un tipo inválido (20, 23, 24, 27, 30, 33, 34…)") from None
    except InvalidChecksum:
        raise DatosInvalidos(campo, f"«{valor}» tiene el dígito verificador incorrecto") from None
    except ValidationError:  # pragma: no cover - any other stdnum refusal
        raise DatosInvalidos(campo, f"«{valor}» no es un CUIL válido") from None


def leer_cbu(valor, campo: str = "cbu") -> str | None:
    if valor is None or (isinstance(valor, str) and not valor.strip()):
        return None
    if not isinstance(valor, str):
        raise DatosInvalidos(campo, "la CBU debe escribirse como texto")
    try:
        return stdnum_cbu.validate(valor)
    except InvalidLength:
        raise DatosInvalidos(campo, f"«{valor}» debe tener 22 dígitos") from None
    except InvalidFormat:
        raise DatosInvalidos(campo, f"«{valor}» solo puede tener dígitos") from None
    except InvalidChecksum:
        raise DatosInvalidos(campo, f"«{valor}» tiene un dígito verificador incorrecto") from None
    except ValidationError:  # pragma: no cover
        raise DatosInvalidos(campo, f"«{valor}» no es una CBU válida") from None


def leer_parentesco(valor, campo: str = "parentesco") -> str:
    if valor not in PARENTESCOS:
        raise DatosInvalidos(campo, f"«{valor}» no es uno de: {', '.join(PARENTESCOS)}")
    return valor


def cuil_con_guiones(cuil: str | None) -> str:
    return stdnum_cuit.format(cuil) if cuil else ""


def no_futura(fecha: date | None, campo: str) -> None:
    if fecha is not None and fecha > hoy():
        raise DatosInvalidos(campo, f"el {ddmmaaaa(fecha)} es posterior a hoy")


# ------------------------------------------------------------------ organismos


def valores_persona(d: dict, campos) -> dict:
    """Validated fields of a family member or a derechohabiente (same rules)."""
    v = {}
    for k in campos:
        valor = d.get(k)
        if k == "parentesco":
            v[k] = leer_parentesco(valor)
        elif k == "apellido_nombre":
            v[k] = leer_texto(valor, k, 200, requerido=True)
        elif k == "cuil":
            v[k] = leer_cuil(valor, k, requerido=False)
        elif k == "cbu":
            v[k] = leer_cbu(valor, k)
        elif k == "fecha_nacimiento":
            v[k] = leer_fecha(valor, k)
            no_futura(v[k], k)
        elif k in ("estudiante", "incapacitado", "casado"):
            v[k] = leer_bool(valor, k)
        elif k == "domicilio":
            v[k] = leer_texto(valor, k, 300)
        elif k == "letrado":
            v[k] = leer_texto(valor, k, 200)
    if v.get("parentesco") == Parentesco.HIJO.value and v.get("fecha_nacimiento") is None:
        raise DatosInvalidos("fecha_nacimiento", "falta la fecha de nacimiento del hijo/a (define si tiene derecho)")
    return v
