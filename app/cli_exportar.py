"""`python -m app exportar administracion --salida ARCHIVO.xlsx`: the Administración grid to Excel
from the command line, with the same filters and order as the window (every matching siniestro
and its accredited derechohabientes; the same service as «Exportar a Excel…»).

The file is written next to the destination and renamed, so a failure leaves nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.cli_parametros import pedir_clave

ORDENES = ("apellido", "cuil", "organismo", "siniestro", "pmi", "recepcion", "estado")


def agregar_parser(sub, comun) -> None:
    p = sub.add_parser(
        "exportar", help="exporta la grilla Administración a Excel (.xlsx)",
        description="Exporta a Excel todos los siniestros que cumplen los filtros (como la grilla "
                    "Prestaciones Dinerarias / Administración), cada uno seguido de sus derechohabientes "
                    "acreditados, y una hoja «Información» con quién, cuándo y qué filtros.",
    )
    tablas = p.add_subparsers(dest="tabla", metavar="TABLA", title="tablas", required=True, parser_class=type(p))
    t = tablas.add_parser("administracion", parents=[comun], help="la grilla de siniestros",
                          description="Exporta la grilla Administración con los filtros indicados.")
    t.add_argument("--salida", type=Path, required=True, metavar="ARCHIVO.xlsx", help="planilla a escribir")
    t.add_argument("--organismo", metavar="CÓDIGO", help="código (o nombre exacto) del organismo")
    t.add_argument("--apellido", metavar="TEXTO", help="comienzo del apellido y nombre")
    t.add_argument("--cuil", metavar="DÍGITOS", help="comienzo del CUIT-CUIL, con o sin guiones")
    t.add_argument("--mortales", action="store_true", help="sólo siniestros mortales")
    t.add_argument("--orden", choices=ORDENES, default="apellido", help="columna por la que ordenar")
    t.add_argument("--descendente", action="store_true", help="orden descendente")
    t.add_argument("--usuario", help="usuario del programa (por omisión, el del sistema operativo)")


def _organismo_id(ctx, texto: str | None) -> int | None:
    from app.errors import DatosInvalidos
    from app.services import grilla

    if not texto or not texto.strip():
        return None
    buscado = texto.strip().casefold()
    todos = grilla.organismos(ctx)
    for o in todos:
        if o["codigo"].casefold() == buscado or o["nombre"].casefold() == buscado:
            return o["id"]
    ejemplos = ", ".join(f"{o['codigo']} ({o['nombre']})" for o in todos[:5])
    raise DatosInvalidos("--organismo", f"no hay un organismo con código o nombre «{texto.strip()}»",
                         f"Por ejemplo: {ejemplos}." if ejemplos else None)


def ejecutar(args) -> int:
    from app.models.bd import fabrica_sesiones
    from app.services import base_datos, exportar, usuarios
    from app.services.nucleo import Contexto, usuario_sistema_operativo

    destino = args.salida if args.salida.suffix.lower() == ".xlsx" else args.salida.with_name(args.salida.name + ".xlsx")
    motor = base_datos.abrir(args.bd)
    try:
        base_datos.exigir_existente(motor)
        fabrica = fabrica_sesiones(motor)
        usuario = args.usuario or usuario_sistema_operativo()
        ctx = Contexto(fabrica, usuarios.iniciar_sesion(fabrica, usuario, pedir_clave(usuario)))
        filtros = {"organismo_id": _organismo_id(ctx, args.organismo), "apellido": args.apellido, "cuil": args.cuil,
                   "solo_mortales": args.mortales, "orden": args.orden, "descendente": args.descendente}
        avisado = [-1]

        def avance(hechos: int, total: int, texto: str) -> None:
            # one line per tenth, so a 100k export says it is alive without flooding a log
            decimo = hechos * 10 // total if total else 10
            if decimo != avisado[0]:
                avisado[0] = decimo
                print(f"  {texto}", flush=True)

        r = exportar.exportar_administracion(ctx, filtros, destino, avance=avance)
    finally:
        motor.dispose()
    print(f"Listo: {r.siniestros} siniestro(s) y {r.derechohabientes} derechohabiente(s) acreditado(s) "
          f"exportados a «{r.ruta}».", file=sys.stdout)
    return 0
