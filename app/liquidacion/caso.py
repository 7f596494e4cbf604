"""The case as plain data (the JSON contract of `python -m app liquidar`) → a validated `Caso`.

Every problem raises `DatoInvalido` naming the field path, e.g. `remuneraciones[3].periodo`.
Unknown fields are not an error (files carry names, CUILs…) but are reported as warnings.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from .derechohabientes import Derechohabiente, Parentesco
from .dinero import CERO
from .errores import DatoInvalido
from .fechas import Periodo
from .ingreso_base import RIPTE_REFERENCIA_MES_ANTERIOR, RIPTE_REFERENCIA_PMI, Remuneracion
from .motor import Caso, Opciones
from .prestaciones import IAPU_CON_CAPU, IAPU_SIN_CAPU, Tipo

MONTO_MAXIMO = Decimal("999999999999.99")
_FECHA_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_DECIMAL_RE = re.compile(r"^[0-9]+(\.[0-9]+)?\Z")

CAMPOS_CASO = {
    "tipo", "fecha_pmi", "fecha_nacimiento", "fecha_liquidacion", "fecha_fallecimiento",
    "in_itinere", "porcentaje_incapacidad", "vib", "remuneraciones", "derechohabientes",
    "fecha_inicio_actividad", "motivo_porcentajes", "fecha_mora", "fecha_pago", "opciones",
}
CAMPOS_REMUNERACION = {"periodo", "remuneracion", "sac"}
CAMPOS_DH = {
    "id", "parentesco", "fecha_nacimiento", "estudiante", "incapacitado", "casado",
    "anios_convivencia", "hijos_en_comun", "culpable_separacion", "porcentaje",
}
CAMPOS_OPCIONES = {"ripte_referencia", "iapu_base"}


def _fecha(valor, campo: str, requerido: bool = True) -> date | None:
    if valor is None:
        if requerido:
            raise DatoInvalido(campo, "falta la fecha (formato AAAA-MM-DD)")
        return None
    if not isinstance(valor, str) or not _FECHA_RE.match(valor):
        raise DatoInvalido(campo, f"«{valor}» no es una fecha AAAA-MM-DD")
    try:
        fecha = date.fromisoformat(valor)
    except ValueError:
        raise DatoInvalido(campo, f"«{valor}» no es una fecha real") from None
    if fecha.year < 1900:
        raise DatoInvalido(campo, f"«{valor}» es anterior a 1900")
    return fecha


def _decimal(valor, campo: str, decimales: int, maximo: Decimal, requerido: bool = True) -> Decimal | None:
    if valor is None:
        if requerido:
            raise DatoInvalido(campo, "falta el importe")
        return None
    if isinstance(valor, bool) or not isinstance(valor, (str, int, Decimal)):
        raise DatoInvalido(campo, f"«{valor}» debe ser un número escrito como texto, p. ej. \"1234.56\"")
    if isinstance(valor, int) and valor > 10**20:
        # before str(): an int of thousands of digits cannot even be converted to text
        raise DatoInvalido(campo, f"el número excede el máximo admitido ({maximo})")
    texto = str(valor).strip()
    if texto.startswith("-"):
        raise DatoInvalido(campo, f"«{texto}» no puede ser negativo")
    if not _DECIMAL_RE.match(texto):
        raise DatoInvalido(campo, f"«{texto}» no es un número (use punto decimal, sin separador de miles)")
    try:
        numero = Decimal(texto)
    except InvalidOperation:  # pragma: no cover - the regex already filters
        raise DatoInvalido(campo, f"«{texto}» no es un número") from None
    if numero > maximo:  # first: quantize() of a number with more than 28 digits would fail
        raise DatoInvalido(campo, f"«{_recortar(texto)}» excede el máximo admitido ({maximo})")
    if numero != numero.quantize(Decimal(1).scaleb(-decimales), rounding="ROUND_DOWN"):
        raise DatoInvalido(campo, f"«{_recortar(texto)}» tiene más de {decimales} decimales")
    return numero


def _recortar(texto: str, largo: int = 40) -> str:
    return texto if len(texto) <= largo else texto[:largo] + "…"


def _bool(valor, campo: str, defecto: bool | None = False) -> bool:
    if valor is None:
        if defecto is None:
            raise DatoInvalido(campo, "falta el dato (true o false)")
        return defecto
    if not isinstance(valor, bool):
        raise DatoInvalido(campo, f"«{valor}» debe ser true o false")
    return valor


def _objeto(valor, campo: str) -> dict:
    if not isinstance(valor, dict):
        raise DatoInvalido(campo, "debe ser un objeto JSON {…}")
    return valor


def _lista(valor, campo: str) -> list:
    if valor is None:
        return []
    if not isinstance(valor, list):
        raise DatoInvalido(campo, "debe ser una lista […]")
    return valor


def _desconocidos(d: dict, admitidos: set[str], prefijo: str, avisos: list[str]) -> None:
    for clave in d:
        if clave not in admitidos:
            avisos.append(f"Campo desconocido ignorado: {prefijo}{clave}")


def _remuneracion(d, campo: str, avisos: list[str]) -> Remuneracion:
    d = _objeto(d, campo)
    _desconocidos(d, CAMPOS_REMUNERACION, f"{campo}.", avisos)
    texto = d.get("periodo")
    try:
        periodo = Periodo.parse(texto) if isinstance(texto, str) else None
    except ValueError as e:
        raise DatoInvalido(f"{campo}.periodo", str(e)) from None
    if periodo is None:
        raise DatoInvalido(f"{campo}.periodo", "falta el período (AAAA-MM)")
    return Remuneracion(
        periodo,
        _decimal(d.get("remuneracion"), f"{campo}.remuneracion", 2, MONTO_MAXIMO),
        _decimal(d.get("sac"), f"{campo}.sac", 2, MONTO_MAXIMO, requerido=False) or CERO,
    )


def _derechohabiente(d, campo: str, avisos: list[str]) -> Derechohabiente:
    d = _objeto(d, campo)
    _desconocidos(d, CAMPOS_DH, f"{campo}.", avisos)
    ident = d.get("id")
    if isinstance(ident, int) and not isinstance(ident, bool) and abs(ident) >= 10**30:
        raise DatoInvalido(f"{campo}.id", "el identificador es demasiado largo")
    if isinstance(ident, bool) or not isinstance(ident, (str, int)) or str(ident).strip() == "":
        raise DatoInvalido(f"{campo}.id", "falta el identificador del derechohabiente")
    try:
        parentesco = Parentesco(d.get("parentesco"))
    except ValueError:
        validos = ", ".join(p.value for p in Parentesco)
        raise DatoInvalido(f"{campo}.parentesco", f"«{d.get('parentesco')}» no es uno de: {validos}") from None
    return Derechohabiente(
        id=str(ident).strip(),
        parentesco=parentesco,
        fecha_nacimiento=_fecha(d.get("fecha_nacimiento"), f"{campo}.fecha_nacimiento",
                                requerido=parentesco is Parentesco.HIJO),
        estudiante=_bool(d.get("estudiante"), f"{campo}.estudiante"),
        incapacitado=_bool(d.get("incapacitado"), f"{campo}.incapacitado"),
        casado=_bool(d.get("casado"), f"{campo}.casado"),
        anios_convivencia=_decimal(d.get("anios_convivencia"), f"{campo}.anios_convivencia", 2,
                                   Decimal(100), requerido=False),
        hijos_en_comun=_bool(d.get("hijos_en_comun"), f"{campo}.hijos_en_comun"),
        culpable_separacion=_bool(d.get("culpable_separacion"), f"{campo}.culpable_separacion"),
        porcentaje=_decimal(d.get("porcentaje"), f"{campo}.porcentaje", 4, Decimal(100), requerido=False),
    )


def _opciones(d) -> Opciones:
    if d is None:
        return Opciones()
    d = _objeto(d, "opciones")
    for clave in d:
        if clave not in CAMPOS_OPCIONES:
            raise DatoInvalido(f"opciones.{clave}", "opción desconocida")
    ref = d.get("ripte_referencia", RIPTE_REFERENCIA_PMI)
    if ref not in (RIPTE_REFERENCIA_PMI, RIPTE_REFERENCIA_MES_ANTERIOR):
        raise DatoInvalido("opciones.ripte_referencia", f"«{ref}» debe ser «pmi» o «mes_anterior»")
    base = d.get("iapu_base", IAPU_CON_CAPU)
    if base not in (IAPU_CON_CAPU, IAPU_SIN_CAPU):
        raise DatoInvalido("opciones.iapu_base", f"«{base}» debe ser «con_capu» o «sin_capu»")
    return Opciones(ripte_referencia=ref, iapu_base=base)


def caso_desde_dict(d) -> tuple[Caso, list[str]]:
    """Validate the JSON case; returns the case and the warnings about ignored fields."""
    d = _objeto(d, "caso")
    avisos: list[str] = []
    _desconocidos(d, CAMPOS_CASO, "", avisos)
    try:
        tipo = Tipo(d.get("tipo"))
    except ValueError:
        raise DatoInvalido("tipo", f"«{d.get('tipo')}» debe ser muerte, ilp o gran_invalidez") from None
    motivo = d.get("motivo_porcentajes")
    if motivo is not None and not isinstance(motivo, str):
        raise DatoInvalido("motivo_porcentajes", "debe ser un texto")
    caso = Caso(
        tipo=tipo,
        fecha_pmi=_fecha(d.get("fecha_pmi"), "fecha_pmi"),
        fecha_nacimiento=_fecha(d.get("fecha_nacimiento"), "fecha_nacimiento"),
        fecha_liquidacion=_fecha(d.get("fecha_liquidacion"), "fecha_liquidacion"),
        in_itinere=_bool(d.get("in_itinere"), "in_itinere", defecto=None),
        fecha_fallecimiento=_fecha(d.get("fecha_fallecimiento"), "fecha_fallecimiento", requerido=False),
        porcentaje_incapacidad=_decimal(d.get("porcentaje_incapacidad"), "porcentaje_incapacidad", 2,
                                        Decimal(100), requerido=False),
        vib=_decimal(d.get("vib"), "vib", 2, MONTO_MAXIMO, requerido=False),
        remuneraciones=tuple(
            _remuneracion(r, f"remuneraciones[{i}]", avisos)
            for i, r in enumerate(_lista(d.get("remuneraciones"), "remuneraciones"))
        ),
        derechohabientes=tuple(
            _derechohabiente(x, f"derechohabientes[{i}]", avisos)
            for i, x in enumerate(_lista(d.get("derechohabientes"), "derechohabientes"))
        ),
        fecha_inicio_actividad=_fecha(d.get("fecha_inicio_actividad"), "fecha_inicio_actividad", requerido=False),
        motivo_porcentajes=motivo,
        fecha_mora=_fecha(d.get("fecha_mora"), "fecha_mora", requerido=False),
        fecha_pago=_fecha(d.get("fecha_pago"), "fecha_pago", requerido=False),
        opciones=_opciones(d.get("opciones")),
    )
    return caso, avisos
