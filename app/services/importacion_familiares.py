"""Importing family members of agents from a spreadsheet: preview and import (ONE transaction,
ONE audit row), with the same rules as loading one by hand (entradas.valores_persona: a child
needs a birth date, CUIL and CBU check digits…).

The agent must be in the store. With `crear_agentes=True` an agent that is not is created from
the row's own agent columns (Apellido y nombre del agente, Fecha de nacimiento del agente,
Organismo — by código or nombre), checked like the agent form (agentes.valores_agente); a file
without those columns gets an error on each such row. A family member already loaded for the
agent (same CUIL, or same parentesco and name when a CUIL is missing on either side) is «ya
cargado»: replaced or kept, as chosen."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from app.errors import ConflictoEdicion, DatosInvalidos
from app.importers import ADVERTENCIA, leer_familiares
from app.importers.lector import Control
from app.importers.valores import normalizar
from app.models import Agente, Familiar, Organismo

from .agentes import CAMPOS_FAMILIAR
from .agentes import valores_agente as valores_agente  # the agent form's own checks
from .entradas import cuil_con_guiones, valores_persona
from .importacion_comun import (
    TROZO_CONSULTA,
    Anotaciones,
    Previsualizacion,
    ResumenImportacion,
    YaCargada,
    agentes_por_cuil,
    exigir_duplicados,
    leer_archivo,
    rechazar,
    rechazar_antes,
    se_rechaza,
    trozos,
)
from .nucleo import Contexto, a_json, fila_a_dict, marcar_modificado

COLUMNAS_AGENTE = ("agente_apellido_nombre", "agente_fecha_nacimiento", "organismo")
# a field of the agent form → the file's field it came from
CAMPO_DEL_AGENTE = {"cuil": "cuil_agente", "apellido_nombre": "agente_apellido_nombre",
                    "fecha_nacimiento": "agente_fecha_nacimiento", "organismo_id": "organismo"}


def previsualizar_familiares(ctx: Contexto, ruta: str | Path, *, hoja=None,
                             mapeo: Mapping[str, str | None] | None = None, duplicados: str = "reemplazar",
                             crear_agentes: bool = False, progreso: Callable | None = None,
                             cancelar=None) -> Previsualizacion:
    """Read the file and check it against the store; writes nothing."""
    exigir_duplicados(duplicados)
    vista = leer_archivo(ctx, leer_familiares, ruta, hoja, mapeo, progreso, cancelar)
    if vista.filas:
        with ctx.lectura("cargar") as sesion:
            _verificar(sesion, vista, duplicados, crear_agentes, Control(vista.archivo, progreso, cancelar))
    return vista


def importar_familiares(ctx: Contexto, ruta: str | Path, *, hoja=None, mapeo: Mapping[str, str | None] | None = None,
                        duplicados: str = "reemplazar", solo_validas: bool = False, crear_agentes: bool = False,
                        progreso: Callable | None = None, cancelar=None,
                        previa: Previsualizacion | None = None) -> ResumenImportacion:
    """Import the file in ONE transaction with ONE audit row; same contract as
    importacion.importar_remuneraciones, plus `crear_agentes`."""
    exigir_duplicados(duplicados)
    vista = leer_archivo(ctx, leer_familiares, ruta, hoja, mapeo, progreso, cancelar, previa)
    control = Control(vista.archivo, progreso, cancelar)
    rechazar_antes(ctx, vista, solo_validas,
                   lambda sesion: _verificar(sesion, vista, duplicados, crear_agentes, control))
    try:
        with ctx.caso_de_uso("cargar", "importar_familiares", "familiar") as (sesion, registro):
            plan = _verificar(sesion, vista, duplicados, crear_agentes, control)
            if se_rechaza(vista, solo_validas):
                raise rechazar(vista)
            control.avisar(0, 0, "Guardando…")
            ids = {cuil: a[0] for cuil, a in plan["agentes"].items()}
            creados = []
            for cuil, valores in plan["crear"].items():
                agente = Agente(**valores)
                marcar_modificado(agente, ctx.actor)
                sesion.add(agente)
                creados.append(agente)
            sesion.flush()
            for agente in creados:
                ids[agente.cuil] = agente.id
            antes = []
            for familiar, valores in plan["reemplazar"]:
                antes.append(fila_a_dict(familiar))
                for k, v in valores.items():
                    setattr(familiar, k, v)
            filas = [dict(valores, agente_id=ids[cuil]) for cuil, valores in plan["insertar"]]
            for parte in trozos(filas, TROZO_CONSULTA):
                control.avisar(0, 0, "Guardando…")
                sesion.execute(insert(Familiar.__table__), list(parte))
            sesion.flush()
            control.avisar(1, 1, "Confirmando…")
            omitidas = sorted(vista.filas_con_error)
            registro.antes = {"reemplazados": antes} if antes else None
            registro.despues = {
                "archivo": vista.archivo, "hoja": vista.hoja, "sha256": vista.sha256, "duplicados": duplicados,
                "filas_leidas": vista.filas_leidas, "insertados": len(filas), "reemplazados": len(antes),
                "iguales": vista.iguales, "conservados": vista.conservadas,
                "agentes_creados": [fila_a_dict(a) for a in creados],
                "filas_omitidas": len(omitidas), "filas_omitidas_numeros": omitidas,
            }
    except IntegrityError:
        raise ConflictoEdicion("Otro usuario cargó los mismos agentes o familiares a la vez; no se guardó nada.",
                               "Vuelva a importar el archivo.") from None
    return ResumenImportacion(
        "familiares", vista.archivo, vista.hoja, vista.filas_leidas, insertadas=len(filas), reemplazadas=len(antes),
        iguales=vista.iguales, conservadas=vista.conservadas, agentes_creados=len(creados), omitidas=omitidas,
        advertencias=vista.advertencias)


# ------------------------------------------------------------------ checks against the store

def _motivo(e: DatosInvalidos) -> str:
    prefijo = f"{e.campo}: "
    texto = e.mensaje[len(prefijo):] if e.mensaje.startswith(prefijo) else e.mensaje
    return f"{texto} ({e.resolucion})" if e.resolucion else texto


def _claves(agente_id: int, cuil: str | None, parentesco: str, nombre: str) -> list[tuple]:
    por_nombre = (agente_id, "nombre", parentesco, normalizar(nombre))
    return [(agente_id, "cuil", cuil), por_nombre] if cuil else [por_nombre]


def _familiares_guardados(sesion, agente_ids: list[int]) -> dict[tuple, Familiar]:
    salida: dict[tuple, Familiar] = {}
    for parte in trozos(agente_ids, TROZO_CONSULTA):
        for f in sesion.scalars(select(Familiar).where(Familiar.agente_id.in_(parte))):
            for clave in _claves(f.agente_id, f.cuil, f.parentesco, f.apellido_nombre):
                salida.setdefault(clave, f)
    return salida


def _organismos(sesion) -> dict[str, int]:
    salida = {}
    for ident, codigo, nombre in sesion.execute(select(Organismo.id, Organismo.codigo, Organismo.nombre)):
        salida.setdefault(normalizar(nombre), ident)
        salida[normalizar(codigo)] = ident  # a code wins over a name that looks the same
    return salida


class _Creacion:
    """Agents to create, validated once per CUIL (the first row of each carries the data)."""

    def __init__(self, sesion, vista: Previsualizacion, nota: Anotaciones):
        self.sesion, self.vista, self.nota = sesion, vista, nota
        self.faltan_columnas = [c for c in COLUMNAS_AGENTE if c not in vista.mapeo]
        self.organismos = _organismos(sesion) if not self.faltan_columnas else {}
        self.validos: dict[str, dict] = {}
        self.primera: dict[str, int] = {}

    def agente(self, f) -> dict | None:
        """The validated agent of row `f`, or None (the row got an error)."""
        cuil = f.cuil_agente
        if cuil in self.primera:
            valores = self.validos.get(cuil)
            if valores is None:
                self.nota.agregar(f.fila, "cuil_agente", cuil_con_guiones(cuil),
                                  f"no se puede crear el agente (vea la fila {self.primera[cuil]})")
            return valores
        self.primera[cuil] = f.fila
        if self.faltan_columnas:
            faltan = ", ".join(f"«{c}»" for c in self.faltan_columnas)
            self.nota.agregar(f.fila, "cuil_agente", cuil_con_guiones(cuil),
                              f"el agente no está en la base y para crearlo el archivo debe tener las columnas "
                              f"Apellido y nombre del agente, Fecha de nacimiento del agente y Organismo (faltan: {faltan})")
            return None
        for campo in COLUMNAS_AGENTE:
            if getattr(f, campo) is None:
                self.nota.agregar(f.fila, campo, None, "falta el dato para crear el agente, que no está en la base")
                return None
        organismo = self.organismos.get(normalizar(f.organismo))
        if organismo is None:
            self.nota.agregar(f.fila, "organismo", f.organismo, "no hay un organismo con ese código o nombre")
            return None
        datos = {"cuil": cuil, "apellido_nombre": f.agente_apellido_nombre,
                 "fecha_nacimiento": f.agente_fecha_nacimiento, "organismo_id": organismo}
        try:
            valores = valores_agente(datos, self.sesion, None)
        except DatosInvalidos as e:
            campo = CAMPO_DEL_AGENTE.get(e.campo, "cuil_agente")
            self.nota.agregar(f.fila, campo, getattr(f, campo, None), _motivo(e))
            return None
        self.validos[cuil] = valores
        self.vista.agentes_a_crear.append(cuil)
        return valores


def _verificar(sesion, vista: Previsualizacion, duplicados: str, crear_agentes: bool, control: Control) -> dict:
    """Adds the store's problems to `vista`; returns the agents to create, the rows to insert
    and the stored family members to replace."""
    control.avisar(0, 0, "Verificando en la base…")
    nota = Anotaciones(vista)
    agentes = agentes_por_cuil(sesion, {f.cuil_agente for f in vista.filas})
    guardados = _familiares_guardados(sesion, sorted({a[0] for a in agentes.values()}))
    creacion = _Creacion(sesion, vista, nota) if crear_agentes else None
    plan = {"agentes": agentes, "crear": {}, "insertar": [], "reemplazar": []}
    tocados: dict[int, int] = {}  # stored family member → the row that matched it
    validas = []
    for f in vista.filas:
        try:
            valores = valores_persona({k: getattr(f, k) for k in CAMPOS_FAMILIAR}, CAMPOS_FAMILIAR)
        except DatosInvalidos as e:
            nota.agregar(f.fila, e.campo, getattr(f, e.campo, None), _motivo(e))
            continue
        agente = agentes.get(f.cuil_agente)
        if agente is None:
            if creacion is None:
                nota.agregar(f.fila, "cuil_agente", cuil_con_guiones(f.cuil_agente),
                             "no hay un agente con ese CUIL en la base: cárguelo antes, o elija crear los agentes "
                             "que falten (el archivo debe traer su nombre, nacimiento y organismo)")
                continue
            nuevo = creacion.agente(f)
            if nuevo is None:
                continue
            plan["crear"][f.cuil_agente] = nuevo
            plan["insertar"].append((f.cuil_agente, valores))
            vista.nuevas += 1
            validas.append(f)
            continue
        previo = next((guardados[c] for c in _claves(agente[0], valores["cuil"], valores["parentesco"],
                                                      valores["apellido_nombre"]) if c in guardados), None)
        if previo is None:
            plan["insertar"].append((f.cuil_agente, valores))
            vista.nuevas += 1
            validas.append(f)
            continue
        if previo.id in tocados:
            nota.agregar(f.fila, "apellido_nombre", valores["apellido_nombre"],
                         f"es el mismo familiar ya cargado que el de la fila {tocados[previo.id]}: deje una sola")
            continue
        tocados[previo.id] = f.fila
        antes = {k: getattr(previo, k) for k in CAMPOS_FAMILIAR}
        if antes == valores:
            vista.iguales += 1
            validas.append(f)
            continue
        vista.ya_cargadas.append(YaCargada(f.fila, f.cuil_agente, valores["apellido_nombre"], a_json(antes),
                                           a_json(valores)))
        distintos = ", ".join(k for k in CAMPOS_FAMILIAR if antes[k] != valores[k])
        if duplicados == "conservar":
            vista.conservadas += 1
            que = "se conserva el cargado"
        else:
            vista.reemplazos += 1
            plan["reemplazar"].append((previo, valores))
            que = "se reemplazará"
        nota.agregar(f.fila, "apellido_nombre", valores["apellido_nombre"],
                     f"el familiar ya está cargado para este agente con otros datos ({distintos}): {que}", ADVERTENCIA)
        validas.append(f)
    vista.filas = validas
    vista.problemas.sort(key=lambda p: p.fila or 0)
    return plan
