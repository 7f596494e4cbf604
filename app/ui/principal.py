"""The program's main window and how `python -m app` reaches it.

`iniciar()`: open the configured store; if it is missing or not at this program's schema, say in
Spanish what to run (`python -m app db init` / `db upgrade`) and offer the case calculator instead;
otherwise the login dialog, then `VentanaPrincipal`: the Administración grid of that session, menus
«Archivo» and «Herramientas» (the JSON case calculator) and the store in the status bar.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from app.errors import ErrorAplicacion
from app.services import base_datos

from .administracion import VentanaAdministracion
from .ventana_calculo import NOMBRE_APLICACION, VentanaCalculo

log = logging.getLogger(__name__)


def titulo_principal(actor) -> str:
    return f"{NOMBRE_APLICACION} — {actor.usuario} ({actor.rol})"


class VentanaPrincipal(QMainWindow):
    def __init__(self, ctx, descripcion_bd: str = "", parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.calculadoras: list[VentanaCalculo] = []
        self.setWindowTitle(titulo_principal(ctx.actor))

        # the grid is a QMainWindow of its own: embedded here as a plain widget
        self.administracion = VentanaAdministracion(ctx)
        self.administracion.setWindowFlags(Qt.WindowType.Widget)
        self.setCentralWidget(self.administracion)

        archivo = self.menuBar().addMenu("&Archivo")
        salir = QAction("&Salir", self)
        salir.setShortcut(QKeySequence("Ctrl+Q"))
        salir.setMenuRole(QAction.MenuRole.QuitRole)
        salir.triggered.connect(self.close)
        archivo.addAction(salir)
        self.accion_salir = salir

        herramientas = self.menuBar().addMenu("&Herramientas")
        calculadora = QAction("&Calculadora de casos (JSON)…", self)
        calculadora.triggered.connect(self.abrir_calculadora)
        herramientas.addAction(calculadora)
        self.accion_calculadora = calculadora

        self.etiqueta_bd = QLabel(descripcion_bd)
        self.etiqueta_bd.setObjectName("base_datos")
        self.statusBar().addPermanentWidget(self.etiqueta_bd, 1)
        self.resize(1400, 760)

    def abrir_calculadora(self) -> VentanaCalculo:
        """A new calculator window (independent of the store, as before)."""
        ventana = VentanaCalculo()
        ventana.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.calculadoras.append(ventana)
        ventana.destroyed.connect(lambda *_, v=ventana: self.calculadoras.remove(v) if v in self.calculadoras else None)
        ventana.show()
        return ventana

    def closeEvent(self, evento) -> None:
        self.administracion.guardar_anchos()
        for ventana in list(self.calculadoras):
            ventana.close()
        super().closeEvent(evento)


# ------------------------------------------------------------------ start-up


def problema_de_la_base(motor) -> str | None:
    """Why the store cannot be used yet, with what to run; None when it is ready."""
    descripcion = base_datos.describir(motor)
    if not base_datos.existe(motor):
        return (f"No existe la base de datos ({descripcion}).\n\n"
                "Para crearla, ejecute en una consola:\n    python -m app db init")
    try:
        actual = base_datos.revision_actual(motor)
    except ErrorAplicacion as e:
        return f"{e}\n\nCompruebe la base con:\n    python -m app db check"
    final = base_datos.revision_final()
    if actual is None:
        return (f"La base de datos ({descripcion}) no está inicializada.\n\n"
                "Para inicializarla, ejecute en una consola:\n    python -m app db init")
    if actual != final:
        if actual not in base_datos.revisiones_conocidas():
            return (f"La base de datos ({descripcion}) tiene la versión de esquema «{actual}», desconocida "
                    f"para este programa (usa la {final}): ¿la actualizó una versión más nueva del programa?")
        return (f"La base de datos ({descripcion}) tiene la versión de esquema {actual}; este programa usa "
                f"la {final}.\n\nPara actualizarla (antes hace un respaldo), ejecute en una consola:\n"
                "    python -m app db upgrade")
    return None


def ofrecer_calculadora(texto: str) -> bool:
    """Tell what is wrong with the store; True if the user chose to open the calculator instead."""
    caja = QMessageBox()
    caja.setIcon(QMessageBox.Icon.Warning)
    caja.setWindowTitle(f"Base de datos no disponible — {NOMBRE_APLICACION}")
    caja.setText(texto)
    caja.setInformativeText("Mientras tanto puede usar la calculadora de casos (archivos JSON), "
                            "que no necesita la base de datos.")
    caja.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    caja.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close)
    caja.button(QMessageBox.StandardButton.Open).setText("Abrir la &calculadora")
    caja.button(QMessageBox.StandardButton.Close).setText("&Salir")
    caja.setDefaultButton(QMessageBox.StandardButton.Open)
    caja.exec()
    return caja.clickedButton() is caja.button(QMessageBox.StandardButton.Open)


def iniciar(abrir_calculadora):
    """Store check → login → main window. `abrir_calculadora()` opens (and returns) the calculator
    when the store is not usable and the user asks for it. Returns the window to keep alive, or
    None when the user quits."""
    from app.models.bd import fabrica_sesiones
    from app.services.nucleo import Contexto

    from .ingreso import pedir_ingreso

    try:
        motor = base_datos.abrir()
    except ErrorAplicacion as e:
        motor, problema = None, f"{e}"
    else:
        problema = problema_de_la_base(motor)
    if problema is not None:
        log.warning("Base de datos no disponible: %s", problema)
        if motor is not None:
            motor.dispose()
        return abrir_calculadora() if ofrecer_calculadora(problema) else None

    descripcion = base_datos.describir(motor)
    fabrica = fabrica_sesiones(motor)
    actor = pedir_ingreso(fabrica, descripcion_bd=descripcion)
    if actor is None:
        motor.dispose()
        return None
    ventana = VentanaPrincipal(Contexto(fabrica, actor), descripcion)
    ventana.motor = motor  # kept alive with the window
    ventana.show()
    return ventana
