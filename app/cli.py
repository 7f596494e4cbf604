"""Headless commands: `python -m app <comando>`. Without a command the GUI opens."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

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
    return p


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
        return {"liquidar": _liquidar}[args.comando](args)
    except KeyboardInterrupt:
        print("Interrumpido.", file=sys.stderr)
        return 130
    except Exception as e:  # noqa: BLE001 - last resort: a message, never a traceback
        print(f"Error interno inesperado ({type(e).__name__}): {e}", file=sys.stderr)
        return SALIDA_ERROR_INTERNO
