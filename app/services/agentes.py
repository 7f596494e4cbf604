"""Organismos, agentes, the family loaded for each agent and the agent's salary history.

SiAPe «trae por defecto los familiares cargados en la base» when a death is liquidated, and the
REMUNERACIONES screen shows the 12 months before the PMI from the salary history kept here.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from app.errors import DatosInvalidos, NoEncontrado
from app.liquidacion.fechas import Periodo, ddmmaaaa
from app.models import Agente, Derechohabiente, Familiar, Organismo, Remuneracion, normalizar_busqueda

from .entradas import (
    como_dict,
    cuil_con_guiones,
    hoy,
    leer_cuil,
    leer_fecha,
    leer_id,
    leer_importe,
    leer_texto,
    solo_campos,
    valores_persona,
)
from .nucleo import Contexto, fila_a_dict, marcar_modificado, verificar_version

CAMPOS_ORGANISMO = ("codigo", "nombre", "cuit")
CAMPOS_AGENTE = (
    "cuil", "apellido_nombre", "fecha_nacimiento", "organismo_id", "domicilio", "localidad",
    "fecha_inicio_actividad", "fecha_baja_actividad",
)
CAMPOS_REMUNERACION = ("periodo", "remuneracion", "sac")
CAMPOS_FAMILIAR = (
    "parentesco", "apellido_nombre", "cuil", "fecha_nacimiento", "estudiante", "incapacitado",
    "domicilio", "cbu",
)


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

def valores_agente(d: dict, sesion, agente_id: int | None) -> dict:
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
            agente = Agente(**valores_agente(d, sesion, None))
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
            for k, valor in valores_agente({**actuales, **c}, sesion, agente.id).items():
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


def contar_agentes(ctx: Contexto) -> int:
    with ctx.lectura() as sesion:
        return sesion.scalar(select(func.count(Agente.id)))


LIMITE_BUSQUEDA = 50


def _prefijo_siguiente(prefijo: str) -> str:
    """Smallest text greater than every text starting with `prefijo` (names and CUIL digits are
    plain upper-case letters, digits and punctuation: the last character always has a successor)."""
    return prefijo[:-1] + chr(ord(prefijo[-1]) + 1)


def _entre(columna, prefijo: str):
    return (columna >= prefijo) & (columna < _prefijo_siguiente(prefijo))


def buscar_agentes(ctx: Contexto, texto: str | None, limite: int = 20) -> list[dict]:
    """Agents whose CUIL (digits, dashes allowed) or apellido y nombre (accents and case ignored)
    starts with `texto`, by name: id, cuil, apellido_nombre, fecha_nacimiento, organismo.

    «perez juan» also finds «PEREZ, JUAN» (names are stored «Apellido, Nombres»). Empty text → []."""
    if isinstance(limite, bool) or not isinstance(limite, int) or not 1 <= limite <= LIMITE_BUSQUEDA:
        raise DatosInvalidos("limite", f"«{limite}» debe estar entre 1 y {LIMITE_BUSQUEDA}")
    crudo = (texto or "").strip()
    digitos = "".join(c for c in crudo if c not in " .-/")
    with ctx.lectura() as sesion:
        if digitos.isdigit():
            if len(digitos) > 11:
                return []
            condicion = _entre(Agente.cuil, digitos)
        else:
            clave = normalizar_busqueda(crudo)
            if not clave:
                return []
            palabras = clave.replace(",", " ").split()
            variantes = {clave, " ".join(palabras)}
            variantes.update(" ".join(palabras[:i]) + ", " + " ".join(palabras[i:]) for i in range(1, min(len(palabras), 5)))
            # PostgreSQL: compare by code point whatever the column's collation (as the grid does)
            columna = Agente.busqueda if sesion.get_bind().dialect.name == "sqlite" else Agente.busqueda.collate("C")
            condicion = or_(*(_entre(columna, v) for v in sorted(variantes)))
        filas = sesion.execute(
            select(Agente.id, Agente.cuil, Agente.apellido_nombre, Agente.fecha_nacimiento, Organismo.nombre)
            .join(Organismo, Organismo.id == Agente.organismo_id)
            .where(condicion).order_by(Agente.busqueda, Agente.id).limit(limite)
        ).all()
        return [{"id": f[0], "cuil": f[1], "apellido_nombre": f[2], "fecha_nacimiento": f[3], "organismo": f[4]}
                for f in filas]


# ------------------------------------------------------------------ familiares

def _familiar_a_dict(f: Familiar) -> dict:
    return {"id": f.id, "agente_id": f.agente_id, **{k: getattr(f, k) for k in CAMPOS_FAMILIAR}}


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


def listar_familiares(ctx: Contexto, agente_id: int) -> list[dict]:
    """The family loaded for an agent, in the order it was loaded."""
    with ctx.lectura() as sesion:
        _agente(sesion, agente_id)
        return [_familiar_a_dict(f) for f in sesion.scalars(
            select(Familiar).where(Familiar.agente_id == agente_id).order_by(Familiar.id))]


def quitar_familiar(ctx: Contexto, familiar_id: int) -> None:
    """Remove a family member. Derechohabientes already proposed from it keep their own copy of
    the data (their link to the family row is cleared), so no siniestro changes."""
    with ctx.caso_de_uso("cargar", "quitar_familiar", "familiar") as (sesion, registro):
        familiar = sesion.get(Familiar, familiar_id, with_for_update=True)
        if familiar is None:
            raise NoEncontrado(f"No existe el familiar {familiar_id}.")
        registro.entidad_id = familiar.id
        registro.antes = fila_a_dict(familiar)
        # explicit, not left to ON DELETE SET NULL: that needs SQLite's foreign_keys pragma
        sesion.execute(update(Derechohabiente).where(Derechohabiente.familiar_id == familiar.id)
                       .values(familiar_id=None))
        sesion.delete(familiar)


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
