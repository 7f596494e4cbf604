"""`python -m app parametros cargar|versiones`: parameter tables in the store, by a logged-in user.

The password is asked at the prompt, or read from LIQUIDADOR_CLAVE for unattended scripts.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

ENV_CLAVE = "LIQUIDADOR_CLAVE"
TABLAS = "ripte, tasas, montos, gran_invalidez, regimenes, feriados o plazos (el servicio valida el nombre)"


def agregar_parser(sub, comun) -> None:
    p = sub.add_parser(
        "parametros", help="actualiza o lista las tablas de parámetros de la base",
        description="Tablas de parámetros de la base de datos (RIPTE, tasas, montos SRT, feriados, plazos…).",
    )
    acciones = p.add_subparsers(dest="accion", metavar="ACCION", title="acciones", required=True,
                                parser_class=type(p))
    cargar = acciones.add_parser("cargar", parents=[comun], help="carga una nueva versión de una tabla (CSV)")
    cargar.add_argument("tabla", metavar="TABLA", help=TABLAS)
    cargar.add_argument("archivo", type=Path, metavar="ARCHIVO.csv")
    cargar.add_argument("--usuario", required=True, help="usuario administrador que hace la carga")
    versiones = acciones.add_parser("versiones", parents=[comun], help="lista las versiones de una tabla")
    versiones.add_argument("tabla", metavar="TABLA", help=TABLAS)
    versiones.add_argument("--usuario", required=True)


def pedir_clave(usuario: str) -> str:
    """The password from LIQUIDADOR_CLAVE (scripts) or asked at the prompt."""
    clave = os.environ.get(ENV_CLAVE)
    if clave is None:
        clave = getpass.getpass(f"Contraseña de {usuario}: ")
    return clave


def ejecutar(args) -> int:
    from app.models.bd import fabrica_sesiones
    from app.services import base_datos, parametros, usuarios
    from app.services.nucleo import Contexto

    motor = base_datos.abrir(args.bd)
    try:
        base_datos.exigir_existente(motor)
        fabrica = fabrica_sesiones(motor)
        ctx = Contexto(fabrica, usuarios.iniciar_sesion(fabrica, args.usuario, pedir_clave(args.usuario)))
        if args.accion == "cargar":
            numero = parametros.actualizar_tabla(ctx, args.tabla, args.archivo)
            print(f"Tabla «{args.tabla}»: cargada la versión {numero} desde {args.archivo}; la anterior se conserva.")
            return 0
        for v in parametros.versiones(ctx, args.tabla):
            marca = "vigente" if v["vigente"] else "anterior"
            print(f"{v['numero']:>3}  {v['cargado_en']:%d/%m/%Y %H:%M} UTC  {v['cargado_por']:<12} {marca:<8} {v['origen']}")
        return 0
    finally:
        motor.dispose()
