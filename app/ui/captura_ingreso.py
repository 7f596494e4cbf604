"""Screenshots of the login dialog and the main window for the docs:
`python -m app.ui.captura_ingreso CARPETA [--agentes 200]` → ingreso.png, principal.png.

Runs offscreen over a throw-away SQLite store made as `python -m app db init` does (one-time admin
password) plus a demo (liquidations calculated); settings in a temp folder. The login capture shows
a wrong password with its inline red message; the main window is the administrator's after the
first password change. A capture of a single colour (a window never drawn) is an error, not a file.
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

ARCHIVO_INGRESO, ARCHIVO_PRINCIPAL = "ingreso.png", "principal.png"
TAMANIO_PRINCIPAL = (1500, 700)
CLAVE_NUEVA = "clave-de-muestra-2024"


def capturar(carpeta: Path, agentes: int = 200, semilla: int = 3) -> list[Path]:
    from app.models.bd import fabrica_sesiones
    from app.services import base_datos, usuarios
    from app.services.demo import generar_demo
    from app.services.nucleo import Contexto

    from .ingreso import DialogoIngreso
    from .principal import VentanaPrincipal

    carpeta.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(tmp) / "ajustes"))
        motor = base_datos.abrir(f"sqlite+pysqlite:///{Path(tmp) / 'liquidador.db'}")
        try:
            clave_inicial = base_datos.inicializar(motor).clave_administrador
            generar_demo(motor, agentes, semilla=semilla, calcular=True)
            app = QApplication.instance() or QApplication(sys.argv[:1])
            app.setApplicationName(NOMBRE_APLICACION)
            configurar_idioma(app)
            fabrica = fabrica_sesiones(motor)
            descripcion = base_datos.describir(motor)
            archivos = []

            dialogo = DialogoIngreso(fabrica, descripcion_bd=descripcion)
            dialogo.campo_usuario.setText("admin")
            dialogo.campo_clave.setText("equivocada")
            dialogo.show()
            dialogo.enviar()  # wrong password: the inline red message
            dialogo.adjustSize()
            archivos.append(guardar(dialogo, carpeta / ARCHIVO_INGRESO))
            dialogo.close()

            actor = usuarios.cambiar_clave(fabrica, "admin", clave_inicial, CLAVE_NUEVA)
            ventana = VentanaPrincipal(Contexto(fabrica, actor), descripcion)
            ventana.resize(*TAMANIO_PRINCIPAL)
            ventana.show()
            archivos.append(guardar(ventana, carpeta / ARCHIVO_PRINCIPAL))
            ventana.close()
            return archivos
        finally:
            motor.dispose()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m app.ui.captura_ingreso",
                                description="Capturas del ingreso y de la ventana principal")
    p.add_argument("carpeta", type=Path, help="carpeta donde guardar ingreso.png y principal.png")
    p.add_argument("--agentes", type=int, default=200, help="agentes de la demo (200)")
    args = p.parse_args(argv)
    try:
        for archivo in capturar(args.carpeta, args.agentes):
            print(archivo)
    except RuntimeError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
