"""Readers of the Propuesta de Convenio's own fields: each turns a form value into the stored
value or refuses it with `DatosInvalidos` naming the field, in Spanish (as app/services/entradas.py)."""

from __future__ import annotations

import re
from datetime import timedelta

from app.errors import DatosInvalidos
from app.liquidacion.fechas import ddmmaaaa
from app.models import Siniestro

from .entradas import cuil_con_guiones, hoy, leer_cuil, leer_fecha, leer_texto

# text fields of the `convenio` row and their maximum length
TEXTOS = {
    "domicilio_legal": 300, "opcion_comision": 200, "letrado_apellido_nombre": 200, "letrado_matricula": 60,
    "letrado_localidad": 120, "letrado_domicilio": 300, "lugar": 120, "representante_apellido_nombre": 200,
    "representante_cargo": 120,
}
CAMPOS = (
    "domicilio_legal", "opcion_comision", "letrado_apellido_nombre", "letrado_dni", "letrado_matricula",
    "letrado_cuit", "letrado_localidad", "letrado_domicilio", "letrado_telefono", "letrado_email", "lugar", "fecha",
    "representante_apellido_nombre", "representante_dni", "representante_cargo",
)
CAMPOS_DH = ("numero_cuenta", "cbu")
PREFIJOS_PERSONA = ("20", "23", "24", "27")  # CUIT of a person: digits 3-10 are the DNI
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_TELEFONO = re.compile(r"[0-9 +()\-/]+")
_CUENTA = re.compile(r"[0-9A-Za-z /.\-]+")
DIAS_FUTURO = 366  # a convenio dated more than a year ahead is a typing error


def dni_de_cuil(cuil: str | None) -> str | None:
    """Digits 3–10 of a CUIL, without leading zeros (the DNI it was issued for)."""
    if not cuil or len(cuil) != 11 or not cuil.isdigit():
        return None
    return str(int(cuil[2:10]))


def dni_de_cuit_persona(cuit: str | None) -> str | None:
    """The DNI inside a person's CUIT (prefixes 20, 23, 24, 27); None for a company's CUIT."""
    return dni_de_cuil(cuit) if cuit and cuit[:2] in PREFIJOS_PERSONA else None


def leer_dni(valor, campo: str) -> str | None:
    texto = leer_texto(valor, campo, 20)
    if texto is None:
        return None
    digitos = texto.replace(".", "").replace(" ", "")
    if not digitos.isdigit():
        raise DatosInvalidos(campo, f"«{texto}» solo puede tener dígitos (y puntos de miles)")
    if not 6 <= len(digitos) <= 8:
        raise DatosInvalidos(campo, f"«{texto}» debe tener de 6 a 8 dígitos")
    return str(int(digitos))


def leer_email(valor, campo: str) -> str | None:
    texto = leer_texto(valor, campo, 254)
    if texto is not None and not _EMAIL.fullmatch(texto):
        raise DatosInvalidos(campo, f"«{texto}» no es una dirección de correo (nombre@dominio.com)")
    return texto


def leer_telefono(valor, campo: str) -> str | None:
    texto = leer_texto(valor, campo, 40)
    if texto is None:
        return None
    if not _TELEFONO.fullmatch(texto):
        raise DatosInvalidos(campo, f"«{texto}» solo puede tener dígitos, espacios, +, -, / y paréntesis")
    if sum(c.isdigit() for c in texto) < 6:
        raise DatosInvalidos(campo, f"«{texto}» tiene menos de 6 dígitos")
    return texto


def leer_cuenta(valor, campo: str) -> str | None:
    texto = leer_texto(valor, campo, 30)
    if texto is None:
        return None
    if not _CUENTA.fullmatch(texto) or not any(c.isdigit() for c in texto):
        raise DatosInvalidos(campo, f"«{texto}» no es un número de cuenta (dígitos, letras, espacios, -, / o .)")
    return texto


def leer_campo(clave: str, valor, s: Siniestro):
    if clave in TEXTOS:
        return leer_texto(valor, clave, TEXTOS[clave])
    if clave in ("letrado_dni", "representante_dni"):
        return leer_dni(valor, clave)
    if clave == "letrado_cuit":
        return leer_cuil(valor, clave, requerido=False)
    if clave == "letrado_email":
        return leer_email(valor, clave)
    if clave == "letrado_telefono":
        return leer_telefono(valor, clave)
    fecha = leer_fecha(valor, clave)  # "fecha"
    if fecha is not None and fecha < s.fecha_pmi:
        raise DatosInvalidos(clave, f"el {ddmmaaaa(fecha)} es anterior a la PMI ({ddmmaaaa(s.fecha_pmi)})")
    if fecha is not None and fecha > hoy() + timedelta(days=DIAS_FUTURO):
        raise DatosInvalidos(clave, f"el {ddmmaaaa(fecha)} es más de un año posterior a hoy")
    return fecha


def coherencia_letrado(valores: dict) -> None:
    dni, cuit = valores.get("letrado_dni"), valores.get("letrado_cuit")
    if dni and cuit and cuit[:2] in PREFIJOS_PERSONA and dni_de_cuil(cuit) != dni:
        raise DatosInvalidos("letrado_dni", f"«{dni}» no coincide con el CUIT {cuil_con_guiones(cuit)} del letrado "
                                            f"(sus dígitos 3 a 10 son {dni_de_cuil(cuit)})")
