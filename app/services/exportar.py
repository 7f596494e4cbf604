"""Excel export of the Administración grid: EVERY siniestro the filters find (not only the pages
the window has loaded), in the grid's order, each followed by its accredited derechohabientes
(the grid's green rows), plus a sheet «Información» with who exported what, when, and the filters.

    exportar_administracion(ctx, filtros, "administracion.xlsx", avance=avance)

How it stays bounded at 100k siniestros:
- one query for all the rows (`consultas.consulta_siniestros` without a limit: the same filters,
  order and look-ups as the grid's pages), read in blocks of `BLOQUE` rows (`yield_per`: a
  server-side cursor on PostgreSQL); the DH of each block in one more query
  (`grilla.derechohabientes_en_sesion`);
- the rows go straight into the streaming writer (`app.reports.excel`), never into a list.
Everything is read in one read transaction (REPEATABLE READ on PostgreSQL), so the count, the
siniestros and their DH are one consistent picture even if someone saves meanwhile.

`avance(hechos, total, texto)` (the `app.ui.tareas` protocol; any callable will do) is called as
siniestros are written; if it raises (the user cancelled), nothing is left on disk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from app.models import Organismo
from app.reports import excel
from app.reports.excel import CUIL, DINERO, ENTERO, FECHA, PORCENTAJE, Columna, Hoja

from .consultas import consulta_siniestros, contar_siniestros
from .grilla import argumentos_de_filtros, derechohabientes_en_sesion
from .nucleo import Contexto

BLOQUE = 2000
TITULO_HOJA = "Siniestros"
FILA_SINIESTRO, FILA_DH = "Siniestro", "Derechohabiente"

COLUMNAS = (
    Columna("Fila"),
    Columna("Organismo"),
    Columna("Siniestro"),
    Columna("Tipo"),
    Columna("Cuit-Cuil", CUIL),
    Columna("Apellido y Nombre"),
    Columna("Parentesco"),
    Columna("Fecha (PMI)", FECHA),
    Columna("Recepción", FECHA),
    Columna("Estado"),
    Columna("Versión de liquidación", ENTERO),
    Columna("Fecha de liquidación", FECHA),
    Columna("Porcentaje", PORCENTAJE, decimales=4),
    Columna("Importe liquidado", DINERO),
    Columna("Pagado", DINERO),
)

# the grid's words (app/ui/administracion/modelo.py), repeated here: a service does not import the UI
TIPOS = {"muerte": "Mortal", "ilp": "ILP", "gran_invalidez": "Gran invalidez"}
ESTADOS = {"denunciado": "Denunciado", "en_liquidacion": "En liquidación", "liquidado": "Liquidado",
           "acreditado": "Acreditado", "pagado": "Pagado", "cerrado": "Cerrado"}
PARENTESCOS = {"conyuge": "Cónyuge", "conviviente": "Conviviente", "hijo": "Hijo/a", "padre": "Padre",
               "madre": "Madre", "familiar_a_cargo": "Familiar a cargo"}
ORDENES = {"apellido": "Apellido y Nombre", "cuil": "Cuit-Cuil", "organismo": "Organismo", "siniestro": "Siniestro",
           "pmi": "Fecha (PMI)", "recepcion": "Recepción", "estado": "Estado"}
SIN_FILTRO = "(sin filtro)"


@dataclass(frozen=True)
class ResultadoExportacion:
    ruta: Path
    siniestros: int
    derechohabientes: int

    @property
    def filas(self) -> int:
        return self.siniestros + self.derechohabientes


def _etiqueta(tabla: dict, valor: str | None) -> str | None:
    if not valor:
        return None
    return tabla.get(valor) or valor.replace("_", " ").capitalize()


def fila_siniestro(s: dict) -> tuple:
    return (FILA_SINIESTRO, s["organismo"], s["numero"], _etiqueta(TIPOS, s["tipo"]), s["cuil"],
            s["apellido_nombre"], None, s["fecha_pmi"], s["fecha_recepcion"], _etiqueta(ESTADOS, s["estado"]),
            s["liquidacion_version"], s["fecha_liquidacion"], None, s["total_liquidacion"], s["pagado"])


def fila_derechohabiente(s: dict, d: dict) -> tuple:
    """A green row: the siniestro's organismo, number and tipo repeated, so a filter on them in
    Excel keeps the DH with their siniestro."""
    return (FILA_DH, s["organismo"], s["numero"], _etiqueta(TIPOS, s["tipo"]), d["cuil"], d["apellido_nombre"],
            _etiqueta(PARENTESCOS, d["parentesco"]), None, None, "Acreditado", None, None, d["porcentaje"],
            d["importe"], d["pagado"])


class _Cuenta:
    siniestros = 0
    derechohabientes = 0


def _consulta(sesion, filtros: dict | None):
    argumentos = argumentos_de_filtros(filtros)
    orden = (filtros or {}).get("orden") or "apellido"
    descendente = bool((filtros or {}).get("descendente"))
    return argumentos, consulta_siniestros(sesion, limite=None, orden=orden, descendente=descendente, **argumentos)


def _filas(sesion, consulta, cuenta: _Cuenta, bloque: int) -> Iterator[tuple]:
    resultado = sesion.execute(consulta.execution_options(yield_per=bloque))
    claves = tuple(resultado.keys())
    for parte in resultado.partitions():
        siniestros = [dict(zip(claves, f)) for f in parte]
        dhs = derechohabientes_en_sesion(sesion, [s["siniestro_id"] for s in siniestros])
        for s in siniestros:
            cuenta.siniestros += 1
            yield fila_siniestro(s)
            for d in dhs.get(s["siniestro_id"], ()):
                cuenta.derechohabientes += 1
                yield fila_derechohabiente(s, d)


def _instantanea(sesion) -> None:
    """PostgreSQL: every statement of this transaction sees the same snapshot (READ COMMITTED,
    the default, gives each statement its own). SQLite's read transaction already is one."""
    if sesion.get_bind().dialect.name == "postgresql":
        sesion.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def describir_filtros(sesion, filtros: dict | None) -> list[tuple[str, str]]:
    """The filters and the order in words, for the sheet «Información»."""
    argumentos = argumentos_de_filtros(filtros)
    organismo = "Todos"
    if argumentos["organismo_id"] is not None:
        nombre = sesion.scalar(select(Organismo.nombre).where(Organismo.id == argumentos["organismo_id"]))
        organismo = nombre or f"(organismo {argumentos['organismo_id']}, inexistente)"
    orden = (filtros or {}).get("orden") or "apellido"
    sentido = "descendente" if (filtros or {}).get("descendente") else "ascendente"
    return [
        ("Filtro: Organismo", organismo),
        ("Filtro: Apellido y Nombre", argumentos["apellido"] or SIN_FILTRO),
        ("Filtro: Cuit-Cuil", argumentos["cuil"] or SIN_FILTRO),
        ("Mostrar sólo", "MORTALES" if argumentos["solo_mortales"] else "Todos los tipos de siniestro"),
        ("Orden", f"{ORDENES.get(orden, orden)}, {sentido}"),
    ]


def exportar_administracion(ctx: Contexto, filtros: dict | None, destino, *,
                            avance: Callable[[int, int, str], None] | None = None,
                            bloque: int = BLOQUE, momento: datetime | None = None) -> ResultadoExportacion:
    """Write the grid with these filters (the window's `filtros()`: organismo_id, apellido, cuil,
    solo_mortales, orden, descendente) to the .xlsx `destino`. Needs the permission «consultar».

    Filter errors (a CUIL with letters) raise `DatosInvalidos` before anything is written."""
    momento = momento or datetime.now()
    cuenta = _Cuenta()
    with ctx.lectura() as sesion:
        _instantanea(sesion)
        argumentos, consulta = _consulta(sesion, filtros)
        total = contar_siniestros(sesion, **argumentos)
        descripcion = describir_filtros(sesion, filtros)
        if avance is not None:
            avance(0, total, f"Consultando {_numero(total)} siniestros…")

        def informacion() -> Iterator[tuple[str, object]]:  # read after the data sheet is written
            yield "Contenido", "Prestaciones Dinerarias — Administración: siniestros y derechohabientes acreditados"
            yield "Exportado por", f"{ctx.actor.usuario} ({ctx.actor.rol})"
            yield "Usuario del sistema", ctx.actor.usuario_so
            yield "Exportado el", momento
            yield from descripcion
            yield "Siniestros", cuenta.siniestros
            yield "Derechohabientes acreditados", cuenta.derechohabientes
            yield "Filas de la hoja «Siniestros»", cuenta.siniestros + cuenta.derechohabientes
            yield "Nota", ("Las filas «Derechohabiente» son los derechohabientes acreditados del siniestro de la "
                           "fila «Siniestro» anterior (las filas verdes de la grilla).")

        def al_avanzar(_filas: int) -> None:
            if avance is not None:
                avance(cuenta.siniestros, total,
                       f"Exportando: {_numero(cuenta.siniestros)} de {_numero(total)} siniestros…")

        filas = _filas(sesion, consulta, cuenta, bloque)
        try:
            ruta = excel.escribir_xlsx(destino, [Hoja(TITULO_HOJA, COLUMNAS, filas),
                                                 excel.hoja_informacion(informacion())],
                                       al_avanzar=al_avanzar)
        finally:
            filas.close()  # a cancelled export closes the cursor before the session ends
    return ResultadoExportacion(ruta, cuenta.siniestros, cuenta.derechohabientes)


def _numero(n: int) -> str:
    return f"{n:,}".replace(",", ".")
