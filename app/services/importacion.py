"""Importing salary histories from a spreadsheet: preview (every problem, nothing written) and
import (ONE transaction, ONE audit row). Family members: importacion_familiares.py.

On top of what the file alone tells (app/importers), the store says: the agent must exist (by
CUIL), a month already loaded is «ya cargada» (replaced or kept, as chosen), and the months in
the 12-month window of a siniestro whose DH were accredited are changed only by a supervisor and
by nobody once it has payments (the rule of liquidaciones._exigir_remuneraciones_editables).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.errors import ConflictoEdicion
from app.importers import ADVERTENCIA, leer_remuneraciones
from app.importers.lector import Control
from app.liquidacion.dinero import formato_ar
from app.liquidacion.ingreso_base import ventana
from app.models import Derechohabiente, Pago, Remuneracion, Siniestro, normalizar_busqueda

from .entradas import cuil_con_guiones
from .importacion_comun import (
    TROZO_CONSULTA,
    TROZO_ESCRITURA,
    Anotaciones,
    Previsualizacion,
    ResumenImportacion,
    YaCargada,
    agentes_por_cuil,
    ejecutar_muchos,
    exigir_duplicados,
    insertar_muchos,
    leer_archivo,
    rechazar,
    rechazar_antes,
    se_rechaza,
    trozos,
)
from .nucleo import Contexto

COLUMNAS = ("agente_id", "periodo", "remuneracion", "sac")


def _centavos(valor: Decimal) -> int:
    """The stored form of models.tipos.Dinero (integer centavos); the reader already quantized."""
    return int(valor.scaleb(2))


def previsualizar_remuneraciones(ctx: Contexto, ruta: str | Path, *, hoja=None,
                                 mapeo: Mapping[str, str | None] | None = None, duplicados: str = "reemplazar",
                                 progreso: Callable | None = None, cancelar=None) -> Previsualizacion:
    """Read the file and check it against the store; writes nothing. `progreso(hechos, total,
    texto)` (total 0 = unknown) and `cancelar` (threading.Event or callable → True) as in
    app.importers.lector.Control."""
    exigir_duplicados(duplicados)
    vista = leer_archivo(ctx, leer_remuneraciones, ruta, hoja, mapeo, progreso, cancelar)
    if vista.filas:
        with ctx.lectura("cargar") as sesion:
            _verificar(ctx, sesion, vista, duplicados, Control(vista.archivo, progreso, cancelar))
    return vista


def importar_remuneraciones(ctx: Contexto, ruta: str | Path, *, hoja=None,
                            mapeo: Mapping[str, str | None] | None = None, duplicados: str = "reemplazar",
                            solo_validas: bool = False, progreso: Callable | None = None,
                            cancelar=None, previa: Previsualizacion | None = None) -> ResumenImportacion:
    """Import the file in ONE transaction with ONE audit row.

    Any error and not `solo_validas` → ImportacionRechazada (carrying every problem) and nothing
    written. `solo_validas` → the rows without errors are imported and the audit records which
    rows were left out. `duplicados`: «reemplazar» the months already stored or «conservar»
    them. A cancellation (ImportacionCancelada) rolls everything back. `previa`: the preview the
    user just saw; if the file is unchanged it is not read again (the store is checked again)."""
    exigir_duplicados(duplicados)
    vista = leer_archivo(ctx, leer_remuneraciones, ruta, hoja, mapeo, progreso, cancelar, previa)
    control = Control(vista.archivo, progreso, cancelar)
    rechazar_antes(ctx, vista, solo_validas, lambda sesion: _verificar(ctx, sesion, vista, duplicados, control))
    try:
        with ctx.caso_de_uso("cargar", "importar_remuneraciones", "remuneracion") as (sesion, registro):
            plan = _verificar(ctx, sesion, vista, duplicados, control)
            if se_rechaza(vista, solo_validas):
                raise rechazar(vista)
            _escribir(sesion.connection(), plan, control)
            omitidas = sorted(vista.filas_con_error)
            registro.antes = {"reemplazadas": plan["antes"]} if plan["antes"] else None
            registro.despues = {
                "archivo": vista.archivo, "hoja": vista.hoja, "sha256": vista.sha256, "duplicados": duplicados,
                "filas_leidas": vista.filas_leidas, "insertadas": len(plan["insertar"]),
                "reemplazadas": len(plan["reemplazar"]), "iguales": vista.iguales, "conservadas": vista.conservadas,
                "agentes": len({t[0] for t in plan["insertar"]} | {t[2] for t in plan["reemplazar"]}),
                "periodos": [plan["desde"], plan["hasta"]],
                "filas_omitidas": len(omitidas), "filas_omitidas_numeros": omitidas,
            }
    except IntegrityError:
        raise ConflictoEdicion("Otro usuario cargó remuneraciones de los mismos agentes y meses a la vez; "
                               "no se guardó nada.", "Vuelva a importar el archivo.") from None
    return ResumenImportacion(
        "remuneraciones", vista.archivo, vista.hoja, vista.filas_leidas, insertadas=len(plan["insertar"]),
        reemplazadas=len(plan["reemplazar"]), iguales=vista.iguales, conservadas=vista.conservadas,
        omitidas=omitidas, advertencias=vista.advertencias)


# ------------------------------------------------------------------ checks against the store

def _existentes(sesion, agente_ids: list[int], periodos: list[str]) -> dict[tuple[int, str], tuple]:
    """(agent, month) → (remuneración, SAC) in centavos already stored, for the file's agents and months."""
    t = Remuneracion.__table__
    salida = {}
    filtro = t.c.periodo.in_(periodos) if len(periodos) <= 500 else t.c.periodo.between(periodos[0], periodos[-1])
    for parte in trozos(agente_ids, TROZO_CONSULTA):
        for aid, per, rem, sac in sesion.execute(
                select(t.c.agente_id, t.c.periodo, t.c.remuneracion, t.c.sac).where(t.c.agente_id.in_(parte), filtro)):
            salida[(aid, per)] = (_centavos(rem), _centavos(sac))
    return salida


def _bloqueos(ctx: Contexto, sesion, agente_ids: list[int]) -> dict[int, list[tuple[frozenset, str]]]:
    """agent → [(months of the window, why it cannot change)] of its siniestros with accredited DH."""
    acreditados = []
    for parte in trozos(agente_ids, TROZO_CONSULTA):
        acreditados += sesion.execute(select(Siniestro.id, Siniestro.numero, Siniestro.agente_id, Siniestro.fecha_pmi)
                                      .where(Siniestro.agente_id.in_(parte), Siniestro.acreditado_en.is_not(None))).all()
    if not acreditados:
        return {}
    con_pagos = set()
    for parte in trozos([s.id for s in acreditados], TROZO_CONSULTA):
        con_pagos.update(sesion.scalars(select(Derechohabiente.siniestro_id).join(Pago)
                                        .where(Derechohabiente.siniestro_id.in_(parte)).distinct()))
    supervisor = ctx.actor.puede("override")
    salida = defaultdict(list)
    for s in acreditados:
        if s.id in con_pagos:
            motivo = f"el siniestro {s.numero} ya tiene pagos registrados: no se pueden cambiar sus remuneraciones"
        elif not supervisor:
            motivo = (f"los derechohabientes del siniestro {s.numero} ya fueron acreditados: cambiar sus "
                      "remuneraciones requiere un supervisor")
        else:
            continue
        salida[s.agente_id].append((frozenset(str(p) for p in ventana(s.fecha_pmi)), motivo))
    return salida


def _nombre_distinto(archivo: str, base: str) -> bool:
    """No word in common between the file's name and the stored one (order and commas ignored)."""
    if archivo == base:  # the usual case, and 40 % of this check's time on big files
        return False
    palabras = set(normalizar_busqueda(archivo).replace(",", " ").split())
    return not palabras & set(normalizar_busqueda(base).replace(",", " ").split())


def _verificar(ctx: Contexto, sesion, vista: Previsualizacion, duplicados: str, control: Control) -> dict:
    """Adds the store's problems to `vista` and returns what to write: tuples to insert and to
    update, the replaced values for the audit. Rows with an error are left out of the plan."""
    control.avisar(0, 0, "Verificando en la base…")
    nota = Anotaciones(vista)
    filas = vista.filas
    agentes = agentes_por_cuil(sesion, set(filas.cuil))
    ids = {cuil: a[0] for cuil, a in agentes.items()}
    lista_ids = sorted(ids.values())
    periodos = sorted(set(filas.periodo))
    existentes = _existentes(sesion, lista_ids, periodos) if lista_ids else {}
    bloqueos = _bloqueos(ctx, sesion, lista_ids) if lista_ids else {}
    insertar, reemplazar, antes = [], [], []
    revisados: set[str] = set()
    conservar = duplicados == "conservar"
    validas = []
    total = len(filas)
    for i, (n, cuil, periodo, rem, sac, nombre) in enumerate(filas.columnas()):
        if i % 50_000 == 0 and i:
            control.avisar(i, total, f"Verificando en la base: {i:,} de {total:,} filas…".replace(",", "."))
        aid = ids.get(cuil)
        if aid is None:
            nota.agregar(n, "cuil", cuil_con_guiones(cuil),
                         "no hay un agente con ese CUIL en la base: cárguelo antes de importar sus remuneraciones")
            continue
        if nombre is not None and cuil not in revisados:
            revisados.add(cuil)
            en_base = agentes[cuil][1]
            if _nombre_distinto(nombre, en_base):
                nota.agregar(n, "apellido_nombre", nombre,
                             f"el agente con ese CUIL se llama «{en_base}» en la base: verifique el CUIL", ADVERTENCIA)
        previa = existentes.get((aid, periodo)) if existentes else None
        if previa is not None:
            if previa == (rem, sac):
                vista.iguales += 1
                validas.append(i)
                continue
            viejo = {"remuneracion": _decimal(previa[0]), "sac": _decimal(previa[1])}
            nuevo = {"remuneracion": _decimal(rem), "sac": _decimal(sac)}
            vista.ya_cargadas.append(YaCargada(n, cuil, periodo, viejo, nuevo))
            if conservar:
                vista.conservadas += 1
                nota.agregar(n, "periodo", periodo, _texto_ya_cargada(periodo, viejo, nuevo, "se conserva la cargada"),
                             ADVERTENCIA)
                validas.append(i)
                continue
        if bloqueos and aid in bloqueos:
            motivo = next((m for meses, m in bloqueos[aid] if periodo in meses), None)
            if motivo is not None:
                nota.agregar(n, "periodo", periodo, motivo)
                continue
        if previa is not None:
            nota.agregar(n, "periodo", periodo, _texto_ya_cargada(periodo, viejo, nuevo, "se reemplazará"), ADVERTENCIA)
            reemplazar.append((rem, sac, aid, periodo))
            antes.append([cuil, periodo, viejo["remuneracion"], viejo["sac"]])
        else:
            insertar.append((aid, periodo, rem, sac))
        validas.append(i)
    vista.nuevas, vista.reemplazos = len(insertar), len(reemplazar)
    vista.filas = filas if len(validas) == len(filas) else filas.seleccion(validas)
    vista.problemas.sort(key=lambda p: p.fila or 0)  # stable: the file's own problems first in each row
    return {"insertar": insertar, "reemplazar": reemplazar, "antes": antes,
            "desde": periodos[0] if periodos else None, "hasta": periodos[-1] if periodos else None}


def _decimal(centavos: int) -> Decimal:
    return Decimal(centavos).scaleb(-2)


def _texto_ya_cargada(periodo: str, viejo: dict, nuevo: dict, que: str) -> str:
    return (f"el período {periodo} ya está cargado para este agente (remuneración "
            f"{formato_ar(viejo['remuneracion'])}, SAC {formato_ar(viejo['sac'])}); el archivo trae "
            f"{formato_ar(nuevo['remuneracion'])} y SAC {formato_ar(nuevo['sac'])}: {que}")


def _escribir(conexion, plan: dict, control: Control) -> None:
    total = len(plan["insertar"]) + len(plan["reemplazar"])
    hechos = 0
    for parte in trozos(plan["reemplazar"], TROZO_ESCRITURA):
        control.avisar(hechos, total, f"Guardando {hechos:,} de {total:,} filas…".replace(",", "."))
        ejecutar_muchos(conexion, "UPDATE remuneracion SET remuneracion = ?, sac = ? WHERE agente_id = ? AND periodo = ?",
                        list(parte))
        hechos += len(parte)
    for parte in trozos(plan["insertar"], TROZO_ESCRITURA):
        control.avisar(hechos, total, f"Guardando {hechos:,} de {total:,} filas…".replace(",", "."))
        insertar_muchos(conexion, "remuneracion", COLUMNAS, list(parte))
        hechos += len(parte)
    control.avisar(total, total, "Confirmando…")
