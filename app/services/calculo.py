"""Headless liquidation use case: a case (JSON file or dict) → the result as plain data.

Shared by `python -m app liquidar` and the GUI. The parameter tables come from, in order: a
folder given by the caller, the user's `parametros` folder (updates), the bundled defaults.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from app import config
from app.liquidacion import (
    LiquidacionError,
    Parametros,
    caso_desde_dict,
    cargar_parametros,
    liquidar,
    resultado_a_dict,
)


class ArchivoInvalido(LiquidacionError):
    """The case file cannot be read or is not valid JSON."""


def carpetas_parametros(extra: Path | None = None) -> list[Path]:
    carpetas = [Path(extra)] if extra else []
    carpetas.append(config.datos_usuario_dir() / "parametros")
    carpetas.append(config.parametros_dir())
    return carpetas


def parametros_vigentes(extra: Path | None = None) -> Parametros:
    if extra is not None and not Path(extra).is_dir():
        raise ArchivoInvalido(f"La carpeta de parámetros «{extra}» no existe")
    return cargar_parametros(*carpetas_parametros(extra))


def leer_caso(ruta: Path) -> dict:
    ruta = Path(ruta)
    try:
        texto = ruta.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ArchivoInvalido(f"No se encontró el archivo «{ruta}»") from None
    except IsADirectoryError:
        raise ArchivoInvalido(f"«{ruta}» es una carpeta, no un archivo de caso") from None
    except UnicodeDecodeError:
        raise ArchivoInvalido(f"«{ruta}» no es un archivo de texto UTF-8") from None
    except OSError as e:
        raise ArchivoInvalido(f"No se pudo leer «{ruta}»: {e.strerror}") from None
    try:
        datos = json.loads(texto, parse_float=Decimal)
    except json.JSONDecodeError as e:
        raise ArchivoInvalido(
            f"«{ruta}» no es JSON válido (línea {e.lineno}, columna {e.colno}): {e.msg}"
        ) from None
    except RecursionError:
        raise ArchivoInvalido(f"«{ruta}» tiene demasiados niveles anidados") from None
    except ValueError:  # an integer longer than Python's int/str conversion limit
        raise ArchivoInvalido(f"«{ruta}» contiene un número con demasiados dígitos") from None
    try:
        # JSON escapes can carry unpaired surrogates (\ud800) that no output can print.
        json.dumps(datos, ensure_ascii=False, default=str).encode("utf-8")
    except UnicodeEncodeError:
        raise ArchivoInvalido(
            f"«{ruta}» contiene caracteres Unicode inválidos (un sustituto \\uD800–\\uDFFF sin pareja)"
        ) from None
    return datos


def liquidar_dict(datos: dict, parametros: Parametros) -> dict:
    caso, avisos = caso_desde_dict(datos)
    salida = resultado_a_dict(liquidar(caso, parametros))
    salida["advertencias"] = avisos + salida["advertencias"]
    return salida


def liquidar_archivo(ruta: Path, carpeta_parametros: Path | None = None) -> dict:
    datos = leer_caso(ruta)
    return liquidar_dict(datos, parametros_vigentes(carpeta_parametros))
