"""Organismos, agentes, the family loaded for each agent and the agent's salary history.

SiAPe «trae por defecto los familiares cargados en la base» when a death is liquidated, and the
REMUNERACIONES screen shows the 12 months before the PMI from the salary history kept here.

Also holds the small input readers every service of the siniestro flow shares (dates, amounts,
CUIL, CBU): each refuses a bad value with `DatosInvalidos` naming the field.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError
from stdnum.ar import cbu as stdnum_cbu
from stdnum.ar import cuit as stdnum_cuit
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength, ValidationError

from app.errors import DatosInvalidos, NoEncontrado
from app.liquidacion.derechohabientes import Parentesco
from app.liquidacion.fechas import Periodo, ddmmaaaa
from app.models import Agente, Familiar, Organismo, Remuneracion, normalizar_busqueda

from .nucleo import Contexto, fila_a_dict, marcar_modificado, verificar_version

MONTO_MAXIMO = Decimal("999999999999.99")
PARENTESCOS = tuple(p.value for p in Parentesco)

CAMPOS_ORGANISMO = ("codigo", "nombre", "cuit")
CAMPOS_AGENTE = (
    "cuil", "apellido_nombre", "fecha_nacimiento", "organismo_id", "domicilio", "localidad",
    "fecha_inicio_actividad", "fecha_baja_actividad",
)
CAMPOS_FAMILIAR = (
    "parentesco", "apellido_nombre", "cuil", "fecha_nacimiento", "estudiante", "incapacitado",
    "domicilio", "cbu",
)
CAMPOS_REMUNERACION = ("periodo", "remuneracion", "sac")


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

def registrar_organismo(ctx: Contexto, datos) -> int:
    """A new organismo (código, nombre, CUIT optional). Returns its id."""
    d = como_dict(datos)
    with ctx.caso_de_uso("cargar", "registrar_organismo", "organismo") as (sesion, registro):
        solo_campos(d, CAMPOS_ORGANISMO)
        codigo = leer_texto(d.get("codigo"), "codigo", 20, requerido=True)
        nombre = leer_texto(d.get("nombre"), "nombre", 200, requerido=True)
        cuit = leer_cuil(d.get("cuit"), "cuit", requerido=False)
        if sesion.scalar(select(Organismo.id).where(Organismo.codigo == codigo)) is not None:
            raise DatosInvalidos("codigo", f"ya existe un organismo con el código «{codigo}»")
        organismo = Organismo(codigo=codigo, nombre=nombre, cuit=cuit)
        sesion.add(organismo)
        sesion.flush()
        registro.entidad_id = organismo.id
        registro.despues = fila_a_dict(organismo)
        return organismo.id


def listar_organismos(ctx: Contexto) -> list[dict]:
    with ctx.lectura() as sesion:
        return [{"id": o.id, "codigo": o.codigo, "nombre": o.nombre, "cuit": o.cuit}
                for o in sesion.scalars(select(Organismo).order_by(Organismo.nombre))]


# ------------------------------------------------------------------ agentes

def _valores_agente(d: dict, sesion, agente_id: int | None) -> dict:
    """Validated column values of an agent from the full set of fields."""
    v = {
        "cuil": leer_cuil(d.get("cuil")),
        "apellido_nombre": leer_texto(d.get("apellido_nombre"), "apellido_nombre", 200, requerido=True),
        "fecha_nacimiento": leer_fecha(d.get("fecha_nacimiento"), "fecha_nacimiento", requerido=True),
        "organismo_id": leer_id(d.get("organismo_id"), "organismo_id"),
        "domicilio": leer_texto(d.get("domicilio"), "domicilio", 300),
        "localidad": leer_texto(d.get("localidad"), "localidad", 120),
        "fecha_inicio_actividad": leer_fecha(d.get("fecha_inicio_actividad"), "fecha_inicio_actividad"),
        "fecha_baja_actividad": leer_fecha(d.get("fecha_baja_actividad"), "fecha_baja_actividad"),
    }
    if v["fecha_nacimiento"] >= hoy():
        raise DatosInvalidos("fecha_nacimiento", f"el {ddmmaaaa(v['fecha_nacimiento'])} no es una fecha pasada")
    inicio, baja = v["fecha_inicio_actividad"], v["fecha_baja_actividad"]
    if inicio is not None and inicio <= v["fecha_nacimiento"]:
        raise DatosInvalidos("fecha_inicio_actividad", f"el {ddmmaaaa(inicio)} no es posterior al nacimiento")
    if baja is not None and inicio is not None and baja < inicio:
        raise DatosInvalidos(
            "fecha_baja_actividad",
            f"el {ddmmaaaa(baja)} es anterior al inicio de actividad ({ddmmaaaa(inicio)})",
        )
    if sesion.get(Organismo, v["organismo_id"]) is None:
        raise DatosInvalidos("organismo_id", f"no existe el organismo {v['organismo_id']}")
    otro = sesion.execute(
        select(Agente.id, Agente.apellido_nombre).where(Agente.cuil == v["cuil"])
    ).first()
    if otro is not None and otro.id != agente_id:
        raise DatosInvalidos(
            "cuil", f"el CUIL {cuil_con_guiones(v['cuil'])} ya es del agente «{otro.apellido_nombre}» (id {otro.id})"
        )
    v["busqueda"] = normalizar_busqueda(v["apellido_nombre"])
    return v


def _cuil_repetido(campo: str = "cuil") -> DatosInvalidos:
    return DatosInvalidos(campo, "otro usuario acaba de registrar el mismo CUIL; no se guardó nada")


def registrar_agente(ctx: Contexto, datos) -> int:
    d = como_dict(datos)
    try:
        with ctx.caso_de_uso("cargar", "registrar_agente", "agente") as (sesion, registro):
            solo_campos(d, CAMPOS_AGENTE)
            agente = Agente(**_valores_agente(d, sesion, None))
            marcar_modificado(agente, ctx.actor)
            sesion.add(agente)
            sesion.flush()
            registro.entidad_id = agente.id
            registro.despues = fila_a_dict(agente)
            return agente.id
    except IntegrityError:
        raise _cuil_repetido() from None


def _agente(sesion, agente_id: int, bloquear: bool = False) -> Agente:
    agente = sesion.get(Agente, agente_id, with_for_update=bloquear or None)
    if agente is None:
        raise NoEncontrado(f"No existe el agente {agente_id}.")
    return agente


def editar_agente(ctx: Contexto, agente_id: int, cambios, version: int | None) -> int:
    """Change some fields of an agent read at `version`. Returns the new version."""
    c = como_dict(cambios, "cambios")
    try:
        with ctx.caso_de_uso("cargar", "editar_agente", "agente") as (sesion, registro):
            solo_campos(c, CAMPOS_AGENTE)
            agente = _agente(sesion, agente_id, bloquear=True)
            verificar_version(agente, version, f"El agente «{agente.apellido_nombre}»")
            antes = fila_a_dict(agente)
            actuales = {k: getattr(agente, k) for k in CAMPOS_AGENTE}
            for k, valor in _valores_agente({**actuales, **c}, sesion, agente.id).items():
                setattr(agente, k, valor)
            marcar_modificado(agente, ctx.actor)
            sesion.flush()
            registro.entidad_id = agente.id
            registro.antes = antes
            registro.despues = fila_a_dict(agente)
            return agente.version
    except IntegrityError:
        raise _cuil_repetido() from None


def obtener_agente(ctx: Contexto, agente_id: int) -> dict:
    with ctx.lectura() as sesion:
        agente = _agente(sesion, agente_id)
        datos = {k: getattr(agente, k) for k in CAMPOS_AGENTE}
        datos.update(id=agente.id, version=agente.version, modificado_por=agente.modificado_por,
                     modificado_en=agente.modificado_en, organismo=agente.organismo.nombre,
                     familiares=[_familiar_a_dict(f) for f in sorted(agente.familiares, key=lambda f: f.id)])
        return datos


# ------------------------------------------------------------------ familiares

def _familiar_a_dict(f: Familiar) -> dict:
    return {"id": f.id, "agente_id": f.agente_id, **{k: getattr(f, k) for k in CAMPOS_FAMILIAR}}


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


def _cuil_familiar_libre(sesion, agente_id: int, cuil: str | None, familiar_id: int | None) -> None:
    if cuil is None:
        return
    otro = sesion.scalar(select(Familiar.id).where(Familiar.agente_id == agente_id, Familiar.cuil == cuil))
    if otro is not None and otro != familiar_id:
        raise DatosInvalidos("cuil", f"el CUIL {cuil_con_guiones(cuil)} ya figura en la familia de este agente")


def registrar_familiar(ctx: Contexto, agente_id: int, datos) -> int:
    d = como_dict(datos)
    try:
        with ctx.caso_de_uso("cargar", "registrar_familiar", "familiar") as (sesion, registro):
            solo_campos(d, CAMPOS_FAMILIAR)
            agente = _agente(sesion, agente_id)
            v = valores_persona(d, CAMPOS_FAMILIAR)
            _cuil_familiar_libre(sesion, agente.id, v["cuil"], None)
            familiar = Familiar(agente_id=agente.id, **v)
            sesion.add(familiar)
            sesion.flush()
            registro.entidad_id = familiar.id
            registro.despues = fila_a_dict(familiar)
            return familiar.id
    except IntegrityError:
        raise _cuil_repetido() from None


def editar_familiar(ctx: Contexto, familiar_id: int, cambios) -> None:
    c = como_dict(cambios, "cambios")
    try:
        with ctx.caso_de_uso("cargar", "editar_familiar", "familiar") as (sesion, registro):
            solo_campos(c, CAMPOS_FAMILIAR)
            familiar = sesion.get(Familiar, familiar_id, with_for_update=True)
            if familiar is None:
                raise NoEncontrado(f"No existe el familiar {familiar_id}.")
            antes = fila_a_dict(familiar)
            v = valores_persona({**{k: getattr(familiar, k) for k in CAMPOS_FAMILIAR}, **c}, CAMPOS_FAMILIAR)
            _cuil_familiar_libre(sesion, familiar.agente_id, v["cuil"], familiar.id)
            for k, valor in v.items():
                setattr(familiar, k, valor)
            sesion.flush()
            registro.entidad_id = familiar.id
            registro.antes = antes
            registro.despues = fila_a_dict(familiar)
    except IntegrityError:
        raise _cuil_repetido() from None


# ------------------------------------------------------------------ remuneraciones

def _filas_remuneracion(filas) -> list[dict]:
    if not isinstance(filas, (list, tuple)):
        raise DatosInvalidos("filas", "se esperaba una lista de remuneraciones")
    if not filas:
        raise DatosInvalidos("filas", "no hay remuneraciones para cargar")
    validas, vistos = [], {}
    for i, fila in enumerate(filas):
        campo = f"filas[{i}]"
        f = como_dict(fila, campo)
        solo_campos(f, CAMPOS_REMUNERACION, f"{campo}.")
        texto = f.get("periodo")
        if not isinstance(texto, str):
            raise DatosInvalidos(f"{campo}.periodo", "falta el período (AAAA-MM)")
        try:
            periodo = str(Periodo.parse(texto.strip()))
        except ValueError as e:
            raise DatosInvalidos(f"{campo}.periodo", str(e)) from None
        if periodo in vistos:
            raise DatosInvalidos(f"{campo}.periodo", f"el período {periodo} está repetido (también en filas[{vistos[periodo]}])")
        vistos[periodo] = i
        validas.append({
            "periodo": periodo,
            "remuneracion": leer_importe(f.get("remuneracion"), f"{campo}.remuneracion"),
            "sac": leer_importe(f.get("sac"), f"{campo}.sac", requerido=False) or Decimal("0.00"),
        })
    return validas


def _rem_a_dict(r) -> dict:
    return {"periodo": r.periodo, "remuneracion": r.remuneracion, "sac": r.sac}


def cargar_remuneraciones(ctx: Contexto, agente_id: int, filas, reemplazar: bool = False) -> dict:
    """Load many months of an agent's salary in ONE transaction with ONE audit row.

    Each row: `periodo` (AAAA-MM), `remuneracion`, `sac` (optional). A period already stored is
    refused unless `reemplazar` is true; then the stored row is replaced and the audit keeps both.
    A bad row raises `DatosInvalidos` naming it (`filas[3].sac`) and nothing is written."""
    try:
        with ctx.caso_de_uso("cargar", "cargar_remuneraciones", "agente") as (sesion, registro):
            agente = _agente(sesion, agente_id, bloquear=True)
            nuevas = _filas_remuneracion(filas)
            periodos = [f["periodo"] for f in nuevas]
            existentes = {
                r.periodo: r
                for r in sesion.scalars(select(Remuneracion).where(
                    Remuneracion.agente_id == agente.id, Remuneracion.periodo.in_(periodos)))
            }
            if existentes and not reemplazar:
                i = next(i for i, p in enumerate(periodos) if p in existentes)
                raise DatosInvalidos(
                    f"filas[{i}].periodo",
                    f"el período {periodos[i]} ya está cargado para este agente "
                    f"({len(existentes)} período(s) ya cargado(s) en total)",
                    "Marque «reemplazar» para sobrescribirlos.",
                )
            reemplazadas = [_rem_a_dict(existentes[p]) for p in sorted(existentes)]
            if existentes:
                sesion.execute(delete(Remuneracion).where(
                    Remuneracion.agente_id == agente.id, Remuneracion.periodo.in_(list(existentes))))
            sesion.execute(insert(Remuneracion), [dict(f, agente_id=agente.id) for f in nuevas])
            registro.entidad_id = agente.id
            registro.antes = {"remuneraciones": reemplazadas} if reemplazadas else None
            registro.despues = {"remuneraciones": sorted(nuevas, key=lambda f: f["periodo"])}
            return {"cargadas": len(nuevas), "reemplazadas": len(reemplazadas)}
    except IntegrityError:
        raise DatosInvalidos("filas", "otro usuario cargó los mismos períodos a la vez; no se guardó nada") from None


def remuneraciones_del_agente(ctx: Contexto, agente_id: int) -> list[dict]:
    with ctx.lectura() as sesion:
        _agente(sesion, agente_id)
        return [_rem_a_dict(r) for r in sesion.scalars(
            select(Remuneracion).where(Remuneracion.agente_id == agente_id).order_by(Remuneracion.periodo))]
