"""Headless commands: `python -m app <comando>`. Without a command the GUI opens."""

from __future__ import annotations

import argparse
import json
import os
import sys
from functools import wraps
from pathlib import Path

from app import cli_convenio, cli_exportar, cli_importar, cli_parametros

SALIDA_ERROR_DATOS = 2
SALIDA_ERROR_INTERNO = 1


# argparse writes its own messages in English; these are the ones a user can meet.
_MENSAJES_ARGPARSE = (
    ("the following arguments are required: ", "faltan los argumentos: "),
    ("unrecognized arguments: ", "argumentos desconocidos: "),
    ("expected one argument", "falta el valor de la opción"),
    ("invalid choice: ", "comando desconocido: "),
    ("(choose from ", "(puede ser: "),
    ("argument ", "argumento "),
)


class _Formato(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="uso: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with Spanish messages, exiting with 2 and one line on usage errors."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formato)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumentos"
        self._optionals.title = "opciones"
        self.add_argument("-h", "--help", action="help", help="muestra esta ayuda y termina")

    def error(self, message: str):
        for ingles, castellano in _MENSAJES_ARGPARSE:
            message = message.replace(ingles, castellano)
        self.exit(SALIDA_ERROR_DATOS, f"Error en los argumentos: {message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m app", description="Liquidador Autoseguro")
    sub = p.add_subparsers(dest="comando", metavar="COMANDO", title="comandos", parser_class=_Parser)
    liq = sub.add_parser(
        "liquidar", help="liquida un caso JSON y muestra el resultado en JSON",
        description="Liquida un caso JSON y muestra el resultado en JSON (código 2 si hay un error en los datos).",
    )
    liq.add_argument("caso", type=Path, metavar="CASO.json", help="archivo del caso")
    liq.add_argument(
        "--parametros", type=Path, metavar="CARPETA",
        help="carpeta con tablas actualizadas (ripte.csv, tasa_activa_bna.csv, srt_montos.csv…)",
    )
    _parser_db(sub)
    _parser_demo(sub)
    cli_parametros.agregar_parser(sub, _opcion_bd())
    cli_importar.agregar_parser(sub, _opcion_bd())
    cli_convenio.agregar_parser(sub, _opcion_bd())
    cli_exportar.agregar_parser(sub, _opcion_bd())
    return p


def _opcion_bd() -> argparse.ArgumentParser:
    comun = argparse.ArgumentParser(add_help=False)
    comun.add_argument(
        "--bd", metavar="URL",
        help="base de datos a usar (p. ej. postgresql+psycopg://usuario@servidor/liquidador o "
             "sqlite:///ruta/liquidador.db); si falta: variable LIQUIDADOR_DB_URL, configuracion.json o "
             "el archivo SQLite de la carpeta de datos del usuario",
    )
    return comun


def _parser_db(sub) -> None:
    comun = _opcion_bd()
    db = sub.add_parser(
        "db", help="crea, actualiza, respalda, restaura o verifica la base de datos",
        description="Administración de la base de datos (SQLite por omisión, o PostgreSQL).",
    )
    acciones = db.add_subparsers(dest="accion", metavar="ACCION", title="acciones", parser_class=_Parser,
                                 required=True)
    acciones.add_parser(
        "init", parents=[comun], help="crea la base, carga los parámetros incluidos y el administrador inicial",
        description="Crea el esquema, carga las tablas de parámetros incluidas con el programa y crea el "
                    "usuario administrador inicial, cuya contraseña provisoria se muestra una sola vez. "
                    "Sobre una base ya inicializada no cambia nada.",
    )
    up = acciones.add_parser(
        "upgrade", parents=[comun], help="actualiza el esquema a esta versión del programa (antes respalda)",
        description="Hace un respaldo y actualiza el esquema de la base a la versión de este programa.",
    )
    up.add_argument("--sin-respaldo", action="store_true",
                    help="actualizar aunque no se pueda respaldar antes (PostgreSQL sin pg_dump)")
    bk = acciones.add_parser(
        "backup", parents=[comun], help="guarda un respaldo de la base en ARCHIVO",
        description="Guarda un respaldo consistente de la base (SQLite: copia del archivo; PostgreSQL: pg_dump -Fc).",
    )
    bk.add_argument("archivo", type=Path, metavar="ARCHIVO", help="archivo de respaldo a crear (no debe existir)")
    rs = acciones.add_parser(
        "restore", parents=[comun], help="reemplaza la base por un respaldo (verificado antes)",
        description="Verifica el respaldo, guarda una copia de seguridad de la base actual en la carpeta de "
                    "respaldos y reemplaza la base por el respaldo.",
    )
    rs.add_argument("archivo", type=Path, metavar="ARCHIVO", help="respaldo a restaurar")
    rs.add_argument("--si", action="store_true", help="no pedir confirmación")
    acciones.add_parser(
        "check", parents=[comun], help="verifica la integridad y la versión de la base",
        description="Verifica la base: integridad del archivo (SQLite), versión del esquema y cantidad de filas "
                    "por tabla. Termina con código 0 si está todo bien y 2 si hay problemas.",
    )


def _entero_positivo(texto: str) -> int:
    try:
        valor = int(texto)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{texto}» no es un número entero") from None
    if valor < 1:
        raise argparse.ArgumentTypeError("debe ser al menos 1")
    return valor


def _entero(texto: str) -> int:
    try:
        return int(texto)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{texto}» no es un número entero") from None


def _parser_demo(sub) -> None:
    demo = sub.add_parser(
        "demo", parents=[_opcion_bd()], help="carga datos ficticios de demostración en la base",
        description="Carga agentes, siniestros y liquidaciones ficticios para probar el programa.",
    )
    demo.add_argument("--agentes", type=_entero_positivo, required=True, metavar="N", help="cantidad de agentes")
    demo.add_argument("--semilla", type=_entero, default=None, metavar="S",
                      help="semilla del azar (misma semilla, mismos datos)")
    demo.add_argument("--calcular", action="store_true",
                      help="liquida cada siniestro con el motor real (más lento); si no, totales aproximados")


def _liquidar(args) -> int:
    from app.liquidacion import LiquidacionError
    from app.services.calculo import liquidar_archivo

    try:
        salida = liquidar_archivo(args.caso, args.parametros)
    except LiquidacionError as e:
        print(str(e), file=sys.stderr)
        return SALIDA_ERROR_DATOS
    try:
        json.dump(salida, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (e.g. `| head`) closed early: not an error of the liquidation.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


# ------------------------------------------------------------------ db and demo

def _una_linea(texto) -> str:
    from app.errors import en_una_linea

    return en_una_linea(texto)


def _errores_de_datos(funcion):
    """Expected errors (the application's, the engine's, the database's): one Spanish line on
    stderr and exit 2, never a traceback."""
    @wraps(funcion)
    def envoltura(args) -> int:
        from sqlalchemy.exc import SQLAlchemyError

        from app.errors import ErrorAplicacion
        from app.liquidacion import LiquidacionError

        try:
            return funcion(args)
        except (ErrorAplicacion, LiquidacionError) as e:
            print(f"Error: {_una_linea(e)}", file=sys.stderr)
        except SQLAlchemyError as e:
            print(f"Error de la base de datos: {_una_linea(getattr(e, 'orig', None) or e)}", file=sys.stderr)
        except OSError as e:
            nombre = f" «{e.filename}»" if getattr(e, "filename", None) else ""
            print(f"Error del sistema de archivos{nombre}: {e.strerror or e}", file=sys.stderr)
        return SALIDA_ERROR_DATOS

    return envoltura


def _decir(texto: str = "") -> None:
    print(texto, flush=True)


def _confirmar_restauracion(args, motor):
    from app.services.base_datos import describir, revision_final

    def confirmar(restauracion) -> bool:
        if args.si:
            return True
        _decir(f"El respaldo «{restauracion.archivo}» es válido (versión de esquema {restauracion.revision}).")
        _decir(f"Va a REEMPLAZAR todos los datos de la base actual ({describir(motor)}).")
        _decir("Antes se guardará una copia de la base actual en la carpeta de respaldos.")
        if restauracion.revision != revision_final():
            _decir(f"Después deberá actualizarla con «python -m app db upgrade» (este programa usa la versión "
                   f"{revision_final()}).")
        print("¿Continuar? Escriba «si» para confirmar: ", end="", flush=True)
        try:
            respuesta = input()
        except EOFError:
            respuesta = ""
            _decir()
        return respuesta.strip().lower() in ("si", "sí", "s")

    return confirmar


@_errores_de_datos
def _db(args) -> int:
    from app.services import base_datos, respaldo

    motor = base_datos.abrir(args.bd)
    try:
        if args.accion == "init":
            _decir(f"Base de datos: {base_datos.describir(motor)}")
            r = base_datos.inicializar(motor)
            if r.sin_cambios:
                _decir(f"La base de datos ya estaba inicializada (versión de esquema {r.revision}): no se cambió nada.")
                return 0
            if r.esquema_creado:
                _decir(f"Esquema creado (versión {r.revision}).")
            if r.tablas_cargadas:
                _decir(f"Tablas de parámetros cargadas: {', '.join(r.tablas_cargadas)}.")
            if r.clave_administrador:
                _decir(f"Usuario administrador inicial: {r.usuario_administrador}")
                _decir(f"Contraseña provisoria: {r.clave_administrador}")
                _decir("Anótela: no se vuelve a mostrar. Al ingresar por primera vez se pedirá cambiarla.")
            _decir("Listo.")
            return 0
        if args.accion == "upgrade":
            _decir(f"Base de datos: {base_datos.describir(motor)}")
            r = base_datos.actualizar(motor, sin_respaldo=args.sin_respaldo)
            if r.sin_cambios:
                _decir(f"El esquema ya está en la última versión ({r.despues}): no hay nada que actualizar.")
                return 0
            if r.respaldo:
                _decir(f"Respaldo previo: {r.respaldo}")
            else:
                _decir("Atención: se actualizó sin respaldo previo (--sin-respaldo).")
            _decir(f"Esquema actualizado: {r.antes} → {r.despues}.")
            return 0
        if args.accion == "backup":
            destino = respaldo.respaldar(motor, args.archivo)
            _decir(f"Respaldo guardado en «{destino}» ({destino.stat().st_size:,} bytes).".replace(",", "."))
            return 0
        if args.accion == "restore":
            r = respaldo.restaurar(motor, args.archivo, confirmar=_confirmar_restauracion(args, motor))
            if not r.realizada:
                print("Restauración cancelada: no se cambió nada.", file=sys.stderr)
                return SALIDA_ERROR_DATOS
            if r.copia_seguridad:
                _decir(f"Copia de la base anterior: {r.copia_seguridad}")
            _decir(f"Base de datos restaurada desde «{r.archivo}» (versión de esquema {r.revision}).")
            if r.revision != base_datos.revision_final():
                _decir("Ejecute «python -m app db upgrade» para llevarla a la versión de este programa.")
            return 0
        if args.accion == "check":
            informe = base_datos.verificar(motor)
            _decir(f"Base de datos: {informe.descripcion}")
            _decir(f"Versión de esquema: {informe.revision or 'ninguna'} (la de este programa: {informe.revision_final})")
            if informe.filas:
                _decir("Filas por tabla:")
                ancho = max(len(t) for t in informe.filas)
                for tabla, n in informe.filas.items():
                    _decir(f"  {tabla:<{ancho}}  {n:>10,}".replace(",", "."))
            if informe.correcto:
                _decir("Verificación correcta: no se encontraron problemas.")
                return 0
            _decir(f"Se encontraron {len(informe.problemas)} problema(s):")
            for problema in informe.problemas:
                _decir(f"  - {problema}")
            print(f"La verificación encontró {len(informe.problemas)} problema(s).", file=sys.stderr)
            return SALIDA_ERROR_DATOS
        raise AssertionError(args.accion)  # pragma: no cover - argparse allows only the above
    finally:
        motor.dispose()


@_errores_de_datos
def _demo(args) -> int:
    from app.errors import ErrorAplicacion
    from app.services import base_datos
    from app.services.demo import generar_demo

    motor = base_datos.abrir(args.bd)
    try:
        base_datos.exigir_existente(motor)
        revision = base_datos.revision_actual(motor)
        if revision != base_datos.revision_final():
            raise ErrorAplicacion(
                "La base de datos no está inicializada o está desactualizada.",
                "Ejecute «python -m app db init» (o «db upgrade») antes de cargar la demostración.",
            )

        def progreso(hechos, total=None) -> None:
            texto = f"{hechos:,} de {total:,}".replace(",", ".") if total is not None else str(hechos)
            print(f"  Agentes generados: {texto}", file=sys.stderr, flush=True)

        _decir(f"Base de datos: {base_datos.describir(motor)}")
        opciones = {"agentes": args.agentes, "progreso": progreso, "calcular": args.calcular}
        if args.semilla is not None:  # otherwise the generator's own default seed
            opciones["semilla"] = args.semilla
        resumen = generar_demo(motor, **opciones)
        _decir("Datos de demostración cargados:")
        for clave, valor in (resumen or {}).items():
            _decir(f"  {clave}: {valor}")
        return 0
    finally:
        motor.dispose()


def _sin_pantalla() -> bool:
    """On Linux without X/Wayland Qt aborts before any dialog can explain why."""
    if not sys.platform.startswith("linux"):
        return False
    return not any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    for flujo in (sys.stdout, sys.stderr):
        if hasattr(flujo, "reconfigure"):
            flujo.reconfigure(encoding="utf-8")
    args = _parser().parse_args(argv)
    if args.comando is None:
        if _sin_pantalla():
            print(
                "No hay una pantalla disponible (variable DISPLAY vacía): abra el programa desde el "
                "escritorio, o use los comandos sin pantalla, p. ej. «python -m app liquidar CASO.json».",
                file=sys.stderr,
            )
            return SALIDA_ERROR_DATOS
        from app.ui.aplicacion import main as gui

        return gui()
    try:
        acciones = {"liquidar": _liquidar, "db": _db, "demo": _demo,
                    "parametros": _errores_de_datos(cli_parametros.ejecutar),
                    "convenio": _errores_de_datos(cli_convenio.ejecutar),
                    "importar": _errores_de_datos(cli_importar.ejecutar),
                    "exportar": _errores_de_datos(cli_exportar.ejecutar)}
        return acciones[args.comando](args)
    except KeyboardInterrupt:
        print("Interrumpido.", file=sys.stderr)
        return 130
    except Exception as e:  # noqa: BLE001 - last resort: a message, never a traceback
        print(f"Error interno inesperado ({type(e).__name__}): {e}", file=sys.stderr)
        return SALIDA_ERROR_INTERNO
