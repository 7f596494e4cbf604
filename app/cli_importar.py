"""`python -m app importar remuneraciones|familiares ARCHIVO`: a logged-in user imports a
spreadsheet (.xlsx, .xlsm, .xls, .ods) or CSV into the store.

The file is checked first (against the store too) and every problem listed; then, unless
--simular, imported in ONE transaction. Exit codes: 0 imported (or, with --simular, no errors),
1 the file has errors and nothing was written, 2 wrong usage (arguments, missing file, login,
database). The password is asked at the prompt, or read from LIQUIDADOR_CLAVE.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

SALIDA_ERRORES_ARCHIVO = 1
SALIDA_USO = 2
PROBLEMAS_MOSTRADOS = 20

AYUDA_COLUMNA = ("indica qué columna usar para un campo, por letra o por encabezado (p. ej. periodo=C o "
                 "\"remuneracion=Haberes brutos\"); se puede repetir")


def _mapeo(texto: str) -> tuple[str, str]:
    campo, signo, columna = texto.partition("=")
    if not signo or not campo.strip() or not columna.strip():
        raise argparse.ArgumentTypeError(f"«{texto}» debe tener la forma CAMPO=COLUMNA (p. ej. periodo=C)")
    return campo.strip(), columna.strip()


def agregar_parser(sub, comun) -> None:
    p = sub.add_parser(
        "importar", help="importa remuneraciones o familiares desde una planilla de Excel o un CSV",
        description="Importa una planilla (.xlsx, .xlsm, .xls, .ods) o un CSV. Primero la revisa (también contra "
                    "la base) y muestra los problemas; con errores no guarda nada. Códigos de salida: 0 importado, "
                    "1 el archivo tiene errores (no se guardó nada), 2 error de uso.",
    )
    tipos = p.add_subparsers(dest="tipo", metavar="TIPO", title="tipos", required=True, parser_class=type(p))
    for tipo, ayuda, descripcion in (
            ("remuneraciones", "historial de remuneraciones: CUIL, período, remuneración, SAC",
             "Importa el historial de remuneraciones de los agentes: una fila por agente y mes con CUIL, período, "
             "remuneración y, si hay, SAC. Los agentes deben estar cargados."),
            ("familiares", "familiares de los agentes: CUIL del agente, parentesco, apellido y nombre…",
             "Importa los familiares de los agentes: una fila por familiar con CUIL del agente, parentesco, apellido "
             "y nombre y, si hay, CUIL, fecha de nacimiento, estudiante, incapacitado, domicilio y CBU.")):
        t = tipos.add_parser(tipo, parents=[comun], help=ayuda, description=descripcion)
        t.add_argument("archivo", type=Path, metavar="ARCHIVO", help=".xlsx, .xlsm, .xls, .ods o .csv")
        t.add_argument("--usuario", required=True, help="usuario que hace la importación")
        t.add_argument("--hoja", metavar="H", help="hoja a leer, por nombre o número (1 = la primera); por omisión "
                                                    "la primera con datos")
        t.add_argument("--simular", action="store_true", help="solo revisa el archivo contra la base; no guarda nada")
        t.add_argument("--duplicados", choices=("reemplazar", "conservar"), default="reemplazar",
                       help="qué hacer con lo que ya está cargado: reemplazarlo (por omisión) o conservarlo")
        t.add_argument("--solo-validas", action="store_true",
                       help="importar las filas sin errores y omitir las demás (queda registrado en la auditoría)")
        t.add_argument("--informe", type=Path, metavar="INFORME.xlsx",
                       help="guarda todos los problemas en una planilla")
        t.add_argument("--columna", type=_mapeo, action="append", metavar="CAMPO=COLUMNA", help=AYUDA_COLUMNA)
        if tipo == "familiares":
            t.add_argument("--crear-agentes", action="store_true",
                           help="crea los agentes que no estén en la base con las columnas del archivo «Apellido y "
                                "nombre del agente», «Fecha de nacimiento del agente» y «Organismo»")


def _n(valor: int) -> str:
    return f"{valor:,}".replace(",", ".")


class _Avance:
    """Progress on stderr, at most once a second, only on a terminal."""

    def __init__(self):
        self.activo = sys.stderr.isatty()
        self.ultimo = 0.0

    def __call__(self, hechos, total, texto="") -> None:
        ahora = time.monotonic()
        if self.activo and ahora - self.ultimo >= 1:
            self.ultimo = ahora
            print(f"\r  {texto:<60}", end="", file=sys.stderr, flush=True)

    def cerrar(self) -> None:
        if self.activo and self.ultimo:
            print("\r" + " " * 64 + "\r", end="", file=sys.stderr, flush=True)


def _mostrar(vista, problemas=None) -> None:
    problemas = vista.problemas if problemas is None else problemas
    donde = vista.archivo + (f", hoja «{vista.hoja}»" if vista.hoja else "")
    if vista.fila_encabezado:
        donde += f" (encabezado en la fila {vista.fila_encabezado})"
    print(f"Archivo: {donde}")
    if vista.mapeo:
        print("Columnas: " + "; ".join(f"{campo} → {col}" for campo, col in vista.mapeo.items()))
    errores = [p for p in problemas if p.es_error]
    advertencias = len(problemas) - len(errores)
    con_error = len({p.fila for p in errores if p.fila is not None})
    print(f"Filas leídas: {_n(vista.filas_leidas)}; válidas: {_n(len(vista.filas))}; con errores: {_n(con_error)}; "
          f"errores: {_n(len(errores))}; advertencias: {_n(advertencias)}")
    for p in problemas[:PROBLEMAS_MOSTRADOS]:
        print(f"  {p}")
    if len(problemas) > PROBLEMAS_MOSTRADOS:
        print(f"  … y {_n(len(problemas) - PROBLEMAS_MOSTRADOS)} problema(s) más "
              "(guárdelos todos con --informe INFORME.xlsx)")


def _guardar_informe(ruta: Path | None, problemas) -> None:
    if ruta is None:
        return
    from app.importers import informe_xlsx

    ruta.write_bytes(informe_xlsx(problemas))
    print(f"Informe de problemas guardado en «{ruta}» ({_n(len(problemas))} fila(s)).")


def ejecutar(args) -> int:
    from app.cli_parametros import pedir_clave
    from app.importers import ImportacionRechazada
    from app.models.bd import fabrica_sesiones
    from app.services import base_datos, importacion, importacion_familiares, usuarios
    from app.services.nucleo import Contexto

    if not args.archivo.is_file():
        que = "no existe" if not args.archivo.exists() else "no es un archivo"
        print(f"Error: «{args.archivo}» {que}.", file=sys.stderr)
        return SALIDA_USO
    mapeo = dict(args.columna or [])
    opciones = {"hoja": args.hoja, "mapeo": mapeo or None, "duplicados": args.duplicados}
    if args.tipo == "familiares":
        opciones["crear_agentes"] = args.crear_agentes
        previsualizar, importar = importacion_familiares.previsualizar_familiares, importacion_familiares.importar_familiares
    else:
        previsualizar, importar = importacion.previsualizar_remuneraciones, importacion.importar_remuneraciones
    motor = base_datos.abrir(args.bd)
    avance = _Avance()
    try:
        base_datos.exigir_existente(motor)
        fabrica = fabrica_sesiones(motor)
        ctx = Contexto(fabrica, usuarios.iniciar_sesion(fabrica, args.usuario, pedir_clave(args.usuario)))
        vista = previsualizar(ctx, args.archivo, progreso=avance, **opciones)
        avance.cerrar()
        _mostrar(vista)
        _guardar_informe(args.informe, vista.problemas)
        if args.simular:
            print("Simulación: no se guardó nada." + (" El archivo tiene errores." if vista.hay_errores else ""))
            return SALIDA_ERRORES_ARCHIVO if vista.hay_errores else 0
        if vista.hay_errores and not (args.solo_validas and vista.filas):
            print("No se importó nada: corrija los errores, o use --solo-validas para importar solo las filas "
                  "válidas.", file=sys.stderr)
            return SALIDA_ERRORES_ARCHIVO
        try:
            resumen = importar(ctx, args.archivo, solo_validas=args.solo_validas, progreso=avance, previa=vista,
                               **opciones)
        except ImportacionRechazada as e:  # the store changed since the check above
            avance.cerrar()
            print("La base cambió durante la importación; estos son los problemas ahora:")
            for p in e.problemas[:PROBLEMAS_MOSTRADOS]:
                print(f"  {p}")
            print("No se importó nada.", file=sys.stderr)
            return SALIDA_ERRORES_ARCHIVO
        avance.cerrar()
        partes = [f"{_n(resumen.insertadas)} nueva(s)", f"{_n(resumen.reemplazadas)} reemplazada(s)",
                  f"{_n(resumen.iguales)} ya cargada(s) sin cambios", f"{_n(resumen.conservadas)} conservada(s)"]
        if resumen.agentes_creados:
            partes.append(f"{_n(resumen.agentes_creados)} agente(s) creado(s)")
        print(f"Importación completa ({args.tipo}): " + ", ".join(partes) + ".")
        if resumen.omitidas:
            lista = ", ".join(str(n) for n in resumen.omitidas[:50]) + (" …" if len(resumen.omitidas) > 50 else "")
            print(f"Filas con errores omitidas: {_n(len(resumen.omitidas))} (filas {lista}).")
        return 0
    finally:
        avance.cerrar()
        motor.dispose()
