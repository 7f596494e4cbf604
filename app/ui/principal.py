"""The program's main window and how `python -m app` reaches it.

`iniciar()`: open the configured store; if it is missing or not at this program's schema, say in
Spanish what to run (`python -m app db init` / `db upgrade`) and offer the case calculator instead;
otherwise the login dialog, then `VentanaPrincipal`: the Administración grid of that session, menus
«Archivo» (new agente / siniestro), «Siniestro» (the grid's row actions), «Herramientas»
(parameters, the JSON case calculator) and the store in the status bar.

The grid asks for a window of a siniestro (`accion_pedida`); one window per (kind, siniestro) is
kept: asking again raises it. When any of them saves (`cambiado`) the grid and the other open
windows of that siniestro are refreshed.
"""

from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from app.errors import ErrorAplicacion
from app.services import base_datos

from .administracion import VentanaAdministracion
from .administracion.acciones import ACCIONES
from .importar import agregar_acciones
from .ventana_calculo import NOMBRE_APLICACION, VentanaCalculo

log = logging.getLogger(__name__)


# window name → (module, class) of the per-siniestro windows, imported when first opened
VENTANAS_SINIESTRO = {
    "remuneraciones": ("app.ui.siniestro.remuneraciones", "VentanaRemuneraciones"),
    "calcular": ("app.ui.siniestro.calcular", "VentanaCalcular"),
    "derechohabiente": ("app.ui.siniestro.derechohabientes", "VentanaDerechohabientes"),
    "siape": ("app.ui.siniestro.siape", "VentanaSiape"),
    "pago": ("app.ui.siniestro.pago", "VentanaPago"),
    "legajo": ("app.ui.siniestro.legajo", "VentanaLegajo"),
}


def clase(modulo: str, nombre: str):
    return getattr(importlib.import_module(modulo), nombre)


def titulo_principal(actor) -> str:
    return f"{NOMBRE_APLICACION} — {actor.usuario} ({actor.rol})"


class VentanaPrincipal(QMainWindow):
    def __init__(self, ctx, descripcion_bd: str = "", parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.calculadoras: list[VentanaCalculo] = []
        self.ventanas: dict[tuple[str, int], QMainWindow] = {}
        self.ventana_parametros = None
        self.setWindowTitle(titulo_principal(ctx.actor))

        # the grid is a QMainWindow of its own: embedded here as a plain widget
        self.administracion = VentanaAdministracion(ctx)
        self.administracion.setWindowFlags(Qt.WindowType.Widget)
        self.administracion.accion_pedida.connect(self.abrir)
        self.setCentralWidget(self.administracion)

        archivo = self.menuBar().addMenu("&Archivo")
        self.accion_nuevo_agente = self._accion(archivo, "&Nuevo agente…", "Ctrl+N", self.nuevo_agente)
        self.accion_nuevo_siniestro = self._accion(archivo, "Nuevo &siniestro…", "Ctrl+Shift+N", self.nuevo_siniestro)
        puede_cargar = ctx.actor.puede("cargar")
        for accion in (self.accion_nuevo_agente, self.accion_nuevo_siniestro):
            accion.setEnabled(puede_cargar)
            if not puede_cargar:
                accion.setToolTip(f"El rol {ctx.actor.rol} no puede cargar agentes ni siniestros.")
        archivo.addSeparator()
        # «Importar remuneraciones…» / «Importar familiares…» (the wizard refreshes the grid)
        self.acciones_importar = agregar_acciones(archivo, self)
        archivo.addSeparator()
        archivo.addAction(self.administracion.accion_exportar)  # Ctrl+Shift+E: all rows of the filters
        archivo.addSeparator()
        salir = QAction("&Salir", self)
        salir.setShortcut(QKeySequence("Ctrl+Q"))
        salir.setMenuRole(QAction.MenuRole.QuitRole)
        salir.triggered.connect(self.close)
        archivo.addAction(salir)
        self.accion_salir = salir

        siniestro = self.menuBar().addMenu("S&iniestro")
        for definicion in ACCIONES:  # the same QActions as the grid's toolbar (same shortcuts)
            siniestro.addAction(self.administracion.acciones[definicion.nombre])
        siniestro.addSeparator()
        self.accion_actualizar = self._accion(siniestro, "Ac&tualizar la grilla", "F5", self.administracion.refrescar)

        herramientas = self.menuBar().addMenu("&Herramientas")
        self.accion_parametros = self._accion(herramientas, "&Parámetros (RIPTE, tasas, montos)…", "Ctrl+Shift+P",
                                              self.abrir_parametros)
        calculadora = QAction("&Calculadora de casos (JSON)…", self)
        calculadora.triggered.connect(self.abrir_calculadora)
        herramientas.addAction(calculadora)
        self.accion_calculadora = calculadora
        herramientas.addSeparator()
        self.accion_lote = QAction("&Generar convenios en lote…", self)
        self.accion_lote.setStatusTip("Una Propuesta de Convenio en PDF por cada siniestro acreditado o liquidado "
                                      "desde una fecha, en una carpeta")
        self.accion_lote.triggered.connect(lambda _=False: self.abrir_lote())
        herramientas.addAction(self.accion_lote)
        self.vista_previa = None
        self.dialogo_lote = None

        self.etiqueta_bd = QLabel(descripcion_bd)
        self.etiqueta_bd.setObjectName("base_datos")
        self.statusBar().addPermanentWidget(self.etiqueta_bd, 1)
        self.resize(1400, 760)

    def _accion(self, menu, texto: str, atajo: str, funcion) -> QAction:
        accion = QAction(texto, self)
        accion.setShortcut(QKeySequence(atajo))
        accion.triggered.connect(lambda _=False: funcion())
        menu.addAction(accion)
        return accion

    # --- windows of a siniestro -------------------------------------------------------------
    def abrir(self, nombre: str, ident: int):
        """Open (or raise) the window `nombre` of siniestro `ident` («agente»: agente id).
        Returns the window (None for the modal forms)."""
        if nombre == "siniestro":
            return self.editar_siniestro(ident)
        if nombre == "agente":
            return self.editar_agente(ident)
        if nombre == "convenio":  # a print preview, not a window of the siniestro
            from .impresion.documentos import abrir_convenio

            self.vista_previa = abrir_convenio(self, self.ctx, ident, lambda: self._siniestro_cambiado(ident))
            return self.vista_previa
        clave = (nombre, ident)
        ventana = self.ventanas.get(clave)
        if ventana is None:
            ventana = clase(*VENTANAS_SINIESTRO[nombre])(self.ctx, ident)
            ventana.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            ventana.cambiado.connect(self._siniestro_cambiado)
            ventana.abrir_otra.connect(self.abrir)
            ventana.destroyed.connect(lambda *_, c=clave: self.ventanas.pop(c, None))
            self.ventanas[clave] = ventana
        ventana.show()
        ventana.raise_()
        ventana.activateWindow()
        return ventana

    def _siniestro_cambiado(self, siniestro_id: int) -> None:
        self.administracion.refrescar()
        emisor = self.sender()
        for (_, sid), ventana in list(self.ventanas.items()):
            if sid == siniestro_id and ventana is not emisor:
                ventana.recargar()

    def _dialogo(self, dialogo) -> int | None:
        if dialogo.exec() and getattr(dialogo, "resultado_id", None) is not None:
            return dialogo.resultado_id
        return None

    def nuevo_agente(self) -> None:
        from .formularios import DialogoAgente

        self._dialogo(DialogoAgente(self.ctx, parent=self))

    def editar_agente(self, agente_id: int) -> None:
        from .formularios import DialogoAgente

        if self._dialogo(DialogoAgente(self.ctx, agente_id, parent=self)) is not None:
            self.administracion.refrescar()
            for ventana in list(self.ventanas.values()):
                ventana.recargar()

    def nuevo_siniestro(self) -> None:
        from .formularios import DialogoSiniestro

        nuevo = self._dialogo(DialogoSiniestro(self.ctx, parent=self))
        if nuevo is not None:
            self.administracion.refrescar()
            self.administracion.seleccionar_siniestro(nuevo)

    def editar_siniestro(self, siniestro_id: int) -> None:
        from .formularios import DialogoSiniestro

        if self._dialogo(DialogoSiniestro(self.ctx, siniestro_id, parent=self)) is not None:
            self._siniestro_cambiado(siniestro_id)

    def abrir_parametros(self):
        from .parametros import VentanaParametros

        if self.ventana_parametros is None:
            self.ventana_parametros = VentanaParametros(self.ctx)
            self.ventana_parametros.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.ventana_parametros.destroyed.connect(lambda *_: setattr(self, "ventana_parametros", None))
        self.ventana_parametros.show()
        self.ventana_parametros.raise_()
        return self.ventana_parametros

    def abrir_lote(self):
        """Herramientas → «Generar convenios en lote…» (window-modal, not blocking)."""
        from .impresion.lote import DialogoLote

        self.dialogo_lote = DialogoLote(self.ctx, self)
        self.dialogo_lote.open()
        return self.dialogo_lote

    def abrir_calculadora(self) -> VentanaCalculo:
        """A new calculator window (independent of the store, as before)."""
        ventana = VentanaCalculo()
        ventana.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.calculadoras.append(ventana)
        ventana.destroyed.connect(lambda *_, v=ventana: self.calculadoras.remove(v) if v in self.calculadoras else None)
        ventana.show()
        return ventana

    def closeEvent(self, evento) -> None:
        # each window may refuse to close (unsaved edits): then the program stays open
        for ventana in list(self.ventanas.values()):
            if not ventana.close():
                evento.ignore()
                return
        if self.ventana_parametros is not None and not self.ventana_parametros.close():
            evento.ignore()
            return
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
