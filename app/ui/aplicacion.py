"""GUI entry point: `python -m app` with no command → `main()`: the store check, the login and the
main window (app/ui/principal.py), or the case calculator directly when LIQUIDADOR_ABRIR names a case.

Spanish everywhere (Qt's own `qtbase_es` translation and the es-AR locale), and an unexpected
error opens a dialog with its text instead of a silent exit.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from .ventana_calculo import NOMBRE_APLICACION, VentanaCalculo

# Path of a case to open at start (handy for screenshots and demos).
ENV_ABRIR = "LIQUIDADOR_ABRIR"

log = logging.getLogger(__name__)

_mostrando_error = False


def configurar_idioma(app: QApplication) -> bool:
    """Default locale es-AR and Qt's Spanish texts (OK/Cancel, file dialog). True if loaded."""
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Argentina))
    traductor = QTranslator(app)
    carpeta = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not traductor.load("qtbase_es", carpeta):
        log.warning("No se encontró la traducción qtbase_es en %s", carpeta)
        return False
    app.installTranslator(traductor)
    return True


def mostrar_error_inesperado(tipo, valor, tb) -> None:
    """`sys.excepthook`: print the report and show it in a dialog; the program keeps running."""
    informe = "".join(traceback.format_exception(tipo, valor, tb))
    if sys.stderr is not None:
        print(informe, file=sys.stderr)
    global _mostrando_error
    app = QApplication.instance()
    if app is None or _mostrando_error or issubclass(tipo, KeyboardInterrupt):
        return
    _mostrando_error = True
    try:
        caja = QMessageBox(QApplication.activeWindow())
        caja.setIcon(QMessageBox.Icon.Critical)
        caja.setWindowTitle(f"Error inesperado — {NOMBRE_APLICACION}")
        caja.setText(f"Se produjo un error inesperado:\n\n{tipo.__name__}: {valor}")
        caja.setInformativeText(
            "El programa sigue abierto, pero conviene revisar el último resultado. "
            "Copie el detalle para informar el problema."
        )
        caja.setDetailedText(informe)
        caja.exec()
    finally:
        _mostrando_error = False


def crear_ventana() -> VentanaCalculo:
    ventana = VentanaCalculo()
    ventana.show()
    ruta = os.environ.get(ENV_ABRIR, "").strip()
    if ruta:
        ventana.abrir(Path(ruta).expanduser())
    return ventana


def respaldo_al_iniciar() -> Path | None:
    """Daily backup of the store, if one exists (issue: "once a day on start", last 14 kept).
    A failure is logged, never a reason not to open the program."""
    from app.errors import ErrorAplicacion
    from app.services import base_datos, respaldo

    try:
        motor = base_datos.abrir()
    except ErrorAplicacion as e:
        log.warning("Sin respaldo diario: %s", e)
        return None
    try:
        return respaldo.respaldo_diario(motor)
    except (ErrorAplicacion, OSError) as e:
        log.warning("No se pudo hacer el respaldo diario: %s", e)
        return None
    finally:
        motor.dispose()


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(NOMBRE_APLICACION)
    app.setOrganizationName("Provincia")
    configurar_idioma(app)
    sys.excepthook = mostrar_error_inesperado
    respaldo_al_iniciar()
    if os.environ.get(ENV_ABRIR, "").strip():  # a case to open: straight to the calculator
        ventana = crear_ventana()
    else:
        from .principal import iniciar

        ventana = iniciar(crear_ventana)  # store check → login → main window
        if ventana is None:  # the user quit (login cancelled, no store and no calculator)
            return 0
    return app.exec()
