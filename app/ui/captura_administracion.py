"""Screenshot of the Administración window for the docs:
`python -m app.ui.captura_administracion CARPETA [--agentes 300] [--filtro TEXTO]`.

Runs offscreen over a throw-away SQLite demo store (liquidations calculated, so accredited DH
show as green rows under their black siniestro row) and settings in a temp folder. A capture
of a single colour (a window never drawn) is an error, not a file.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from .aplicacion import configurar_idioma
from .capturas import guardar
from .ventana_calculo import NOMBRE_APLICACION

ARCHIVO = "administracion.png"
TAMANIO = (1500, 660)


def capturar(carpeta: Path, agentes: int = 300, filtro: str = "", mortales: bool = True,
             semilla: int = 3) -> Path:
    from app.models import migrar
    from app.models.bd import crear_motor, fabrica_sesiones
    from app.services import parametros
    from app.services.demo import generar_demo
    from app.services.nucleo import Actor, Contexto

    from .administracion import VentanaAdministracion

    carpeta.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(tmp) / "ajustes"))
        motor = crear_motor(f"sqlite:///{Path(tmp) / 'demo.db'}")
        try:
            migrar.actualizar(motor)
            fabrica = fabrica_sesiones(motor)
            parametros.cargar_incluidas(Contexto(fabrica, Actor("admin", "administrador")))
            generar_demo(motor, agentes, semilla=semilla, calcular=True)
            app = QApplication.instance() or QApplication(sys.argv[:1])
            app.setApplicationName(NOMBRE_APLICACION)
            configurar_idioma(app)
            ventana = VentanaAdministracion(Contexto(fabrica, Actor("operador", "operador")))
            ventana.resize(*TAMANIO)
            ventana.show()
            ventana.casilla_mortales.setChecked(mortales)
            if filtro:
                ventana.campo_apellido.setText(filtro)
                ventana.filtrar_ahora()
            QApplication.processEvents()
            try:
                return guardar(ventana, carpeta / ARCHIVO)
            finally:
                ventana.close()
        finally:
            motor.dispose()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m app.ui.captura_administracion",
                                description="Captura de la ventana Prestaciones Dinerarias — Administración")
    p.add_argument("carpeta", type=Path, help="carpeta donde guardar administracion.png")
    p.add_argument("--agentes", type=int, default=300, help="agentes de la demo (300)")
    p.add_argument("--filtro", default="", help="texto en «Apellido y Nombre»")
    p.add_argument("--todos", action="store_true", help="sin «Mostrar sólo: MORTALES»")
    args = p.parse_args(argv)
    try:
        print(capturar(args.carpeta, args.agentes, args.filtro, not args.todos))
    except RuntimeError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
