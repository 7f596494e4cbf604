"""«Ingreso»: the login dialog (usuario, contraseña) and, on a first or temporary password, the step
that asks for a new one twice, as the portal does.

Errors (wrong password, lock-out, password policy) are shown inline in red inside the dialog, with
the service's own Spanish text; Enter submits. After `exec()`, `actor` holds the session's Actor
(None if cancelled).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import ErrorAplicacion
from app.services import usuarios
from app.services.usuarios import CambioDeClaveRequerido

from .ventana_calculo import NOMBRE_APLICACION

PASO_INGRESO, PASO_CAMBIO = 0, 1
ESTILO_ERROR = "QLabel { color: #c62828; font-weight: bold; }"
ESTILO_AVISO = "QLabel { color: #1a3d6d; }"
NO_COINCIDEN = "Las contraseñas nuevas no coinciden: escríbala igual en los dos campos."


def _texto(error: ErrorAplicacion) -> str:
    """The service's message as is, with its resolution on a second line."""
    return error.mensaje if not error.resolucion else f"{error.mensaje}\n{error.resolucion}"


class DialogoIngreso(QDialog):
    def __init__(self, fabrica, parent=None, descripcion_bd: str = ""):
        super().__init__(parent)
        self.fabrica = fabrica
        self.actor = None
        self._clave_actual = ""
        self.setWindowTitle(f"Ingreso — {NOMBRE_APLICACION}")
        self.setMinimumWidth(440)

        caja = QVBoxLayout(self)
        titulo = QLabel(NOMBRE_APLICACION)
        titulo.setStyleSheet("QLabel { font-size: 16px; font-weight: bold; }")
        caja.addWidget(titulo)
        if descripcion_bd:
            donde = QLabel(f"Base de datos: {descripcion_bd}")
            donde.setWordWrap(True)
            donde.setStyleSheet("QLabel { color: #555; }")
            caja.addWidget(donde)

        # step 1: user and password
        self.pagina_ingreso = ingreso = QWidget()
        formulario = QFormLayout(ingreso)
        self.campo_usuario = QLineEdit()
        self.campo_usuario.setObjectName("usuario")
        self.campo_usuario.setAccessibleName("Usuario")
        self.campo_clave = QLineEdit()
        self.campo_clave.setObjectName("clave")
        self.campo_clave.setAccessibleName("Contraseña")
        self.campo_clave.setEchoMode(QLineEdit.EchoMode.Password)
        formulario.addRow("&Usuario:", self.campo_usuario)
        formulario.addRow("&Contraseña:", self.campo_clave)
        caja.addWidget(ingreso)
        # step 2: new password, twice
        self.pagina_cambio = cambio = QWidget()
        formulario = QFormLayout(cambio)
        self.aviso_cambio = QLabel()
        self.aviso_cambio.setObjectName("aviso_cambio")
        self.aviso_cambio.setWordWrap(True)
        self.aviso_cambio.setStyleSheet(ESTILO_AVISO)
        formulario.addRow(self.aviso_cambio)
        self.campo_nueva = QLineEdit()
        self.campo_nueva.setObjectName("clave_nueva")
        self.campo_nueva.setAccessibleName("Contraseña nueva")
        self.campo_repetida = QLineEdit()
        self.campo_repetida.setObjectName("clave_repetida")
        self.campo_repetida.setAccessibleName("Repetir la contraseña nueva")
        for campo in (self.campo_nueva, self.campo_repetida):
            campo.setEchoMode(QLineEdit.EchoMode.Password)
        formulario.addRow("Contraseña &nueva:", self.campo_nueva)
        formulario.addRow("&Repetir la nueva:", self.campo_repetida)
        caja.addWidget(cambio)

        self.etiqueta_error = QLabel()
        self.etiqueta_error.setObjectName("error")
        self.etiqueta_error.setWordWrap(True)
        self.etiqueta_error.setStyleSheet(ESTILO_ERROR)
        self.etiqueta_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.etiqueta_error.hide()
        caja.addWidget(self.etiqueta_error)

        self.botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.boton_aceptar = self.botones.button(QDialogButtonBox.StandardButton.Ok)
        self.boton_aceptar.setText("&Ingresar")
        self.boton_aceptar.setDefault(True)
        self.botones.button(QDialogButtonBox.StandardButton.Cancel).setText("&Cancelar")
        self.botones.accepted.connect(self.enviar)
        self.botones.rejected.connect(self.reject)
        caja.addWidget(self.botones)
        # Enter in any field submits through the default button (QLineEdit passes Return on to the
        # dialog; connecting returnPressed as well would submit twice and count two attempts)
        self._mostrar_paso(PASO_INGRESO)

    # --- state --------------------------------------------------------------------------------
    @property
    def paso(self) -> int:
        return self._paso

    def _mostrar_paso(self, paso: int) -> None:
        """Show one step; the hidden one takes no room."""
        self._paso = paso
        mostrar, ocultar = ((self.pagina_ingreso, self.pagina_cambio) if paso == PASO_INGRESO
                            else (self.pagina_cambio, self.pagina_ingreso))
        mostrar.show()
        (self.campo_usuario if paso == PASO_INGRESO else self.campo_nueva).setFocus()
        ocultar.hide()  # hiding the focused field would hand the focus (and the default) to a button
        self.boton_aceptar.setDefault(True)  # Enter submits in either step
        self.adjustSize()

    def error(self) -> str:
        return self.etiqueta_error.text() if not self.etiqueta_error.isHidden() else ""

    def _mostrar_error(self, texto: str) -> None:
        self.etiqueta_error.setText(texto)
        self.etiqueta_error.show()

    def _limpiar_error(self) -> None:
        self.etiqueta_error.clear()
        self.etiqueta_error.hide()

    # --- submit -------------------------------------------------------------------------------
    def enviar(self) -> None:
        """What Enter and «Ingresar» do, in either step."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if self.paso == PASO_INGRESO:
                self._ingresar()
            else:
                self._cambiar()
        finally:
            QApplication.restoreOverrideCursor()

    def _ingresar(self) -> None:
        usuario, clave = self.campo_usuario.text(), self.campo_clave.text()
        if not usuario.strip():
            self._mostrar_error("Escriba su nombre de usuario.")
            self.campo_usuario.setFocus()
            return
        try:
            self.actor = usuarios.iniciar_sesion(self.fabrica, usuario, clave)
        except CambioDeClaveRequerido as e:
            self._clave_actual = clave
            self._limpiar_error()
            self.aviso_cambio.setText(_texto(e))
            self.campo_usuario.setReadOnly(True)
            self.boton_aceptar.setText("Cambiar e &ingresar")
            self._mostrar_paso(PASO_CAMBIO)
            return
        except ErrorAplicacion as e:  # wrong password, lock-out, store unreachable
            self._mostrar_error(_texto(e))
            self.campo_clave.clear()
            self.campo_clave.setFocus()
            return
        self._limpiar_error()
        self.accept()

    def _cambiar(self) -> None:
        nueva, repetida = self.campo_nueva.text(), self.campo_repetida.text()
        if nueva != repetida:
            self._mostrar_error(NO_COINCIDEN)
            self.campo_repetida.clear()
            self.campo_repetida.setFocus()
            return
        try:
            self.actor = usuarios.cambiar_clave(self.fabrica, self.campo_usuario.text(), self._clave_actual, nueva)
        except ErrorAplicacion as e:  # the service's password policy, lock-out…
            self._mostrar_error(_texto(e))
            self.campo_nueva.setFocus()
            self.campo_nueva.selectAll()
            return
        self._clave_actual = ""
        self._limpiar_error()
        self.accept()


def pedir_ingreso(fabrica, parent=None, descripcion_bd: str = ""):
    """Show the login dialog; the Actor of the session, or None if the user cancelled."""
    dialogo = DialogoIngreso(fabrica, parent, descripcion_bd)
    dialogo.exec()
    return dialogo.actor
