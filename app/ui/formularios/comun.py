"""What the agent, familiar and siniestro forms share.

`DialogoFormulario` is a QDialog with «&Guardar» (default button: Enter saves) and «&Cancelar»
(Esc; asks before discarding edits), a red bar for the message of a refused save, and one
`ConError` per field: the field with its own red line under it. Subclasses give `validar()`
(local checks while typing and before saving, each message naming the field in Spanish),
`estado()` (a snapshot of what the widgets show, to know whether something was edited) and
`_guardar()` (the service call). A `DatosInvalidos` from the service goes under the field it
names (`campo`), with the field's Spanish label instead of the internal name.
"""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QSizePolicy, QVBoxLayout, QWidget
from shiboken6 import isValid

from app.errors import DatosInvalidos, ErrorAplicacion
from app.services.nucleo import DESCRIPCION_PERMISO

from .. import mensajes
from ..siniestro.comun import ESTILO_AVISO, ESTILO_ERROR

ESTILO_ERROR_CAMPO = "QLabel { color: #c62828; }"
ESTILO_NOTA = "QLabel { color: #5a5a5a; }"


def detalle(error: DatosInvalidos) -> str:
    """The service's message without its internal field name (`cuil: «…» …` → `«…» …`)."""
    texto = error.mensaje.removeprefix(f"{error.campo}: ")
    return texto if not error.resolucion else f"{texto} {error.resolucion}"


def revisar(lector, *argumentos) -> str | None:
    """Run one of the services' input readers (app/services/entradas.py) on a field's text: the
    reason it refuses it, or None if it is valid."""
    try:
        lector(*argumentos)
    except DatosInvalidos as e:
        return detalle(e)
    return None


# --- es-AR decimals (porcentaje de incapacidad) -----------------------------------------------

_DECIMAL_AR = re.compile(r"^\d{1,3}(,\d{1,2})?$")
_DECIMAL_AR_PARCIAL = re.compile(r"^\d{0,3}(,\d{0,2})?$")


def leer_decimal_ar(texto: str, maximo: Decimal = Decimal(100)) -> tuple[Decimal | None, str | None]:
    """`"33,5"` → `(Decimal("33.50"), None)`; blank → `(None, None)`; a bad text → `(None, why)`.

    es-AR writes the decimals after a comma; a point is a thousands separator there, so «33.5»
    is refused rather than guessed."""
    texto = (texto or "").strip()
    if not texto:
        return None, None
    if "." in texto:
        return None, f"«{texto}»: escriba los decimales con coma (por ejemplo 33,5)"
    if not _DECIMAL_AR.match(texto):
        return None, f"«{texto}» no es un número con hasta 2 decimales (por ejemplo 33,5)"
    valor = Decimal(texto.replace(",", ".")).quantize(Decimal("0.01"))
    if valor > maximo:
        return None, f"{texto} debe estar entre 0 y {maximo}"
    return valor, None


def decimal_ar(valor: Decimal | None) -> str:
    """The inverse for showing a stored value in the field: `Decimal("33.50")` → `"33,50"`."""
    return "" if valor is None else f"{valor:.2f}".replace(".", ",")


class ValidadorDecimalAr(QValidator):
    """Lets through only what can become «ddd,dd»; the keypad's point is typed as a comma."""

    def validate(self, texto: str, pos: int):
        texto = texto.replace(".", ",")
        if _DECIMAL_AR_PARCIAL.match(texto):
            return QValidator.State.Acceptable, texto, pos
        return QValidator.State.Invalid, texto, pos


# --- one field with its error line -------------------------------------------------------------

class ConError(QWidget):
    """A field and, under it, a red line for its error (and an optional grey note)."""

    def __init__(self, campo: QWidget, nombre: str, nota: str = "", parent=None):
        super().__init__(parent)
        caja = QVBoxLayout(self)
        caja.setContentsMargins(0, 0, 0, 0)
        caja.setSpacing(1)
        caja.addWidget(campo)
        self.campo = campo
        if nota:
            texto = QLabel(nota)
            texto.setWordWrap(True)
            texto.setStyleSheet(ESTILO_NOTA)
            caja.addWidget(texto)
        self.etiqueta_error = QLabel()
        self.etiqueta_error.setObjectName(f"error_{nombre}")
        self.etiqueta_error.setWordWrap(True)
        self.etiqueta_error.setStyleSheet(ESTILO_ERROR_CAMPO)
        self.etiqueta_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.etiqueta_error.hide()
        caja.addWidget(self.etiqueta_error)
        self.setFocusProxy(campo)

    def mostrar(self, texto: str) -> None:
        self.etiqueta_error.setText(texto)
        self.etiqueta_error.show()

    def limpiar(self) -> None:
        self.etiqueta_error.clear()
        self.etiqueta_error.hide()

    def texto(self) -> str:
        return "" if self.etiqueta_error.isHidden() else self.etiqueta_error.text()


# --- the dialog base -----------------------------------------------------------------------------

class DialogoFormulario(QDialog):
    """Base of the forms (see the module docstring)."""

    # service field name → Spanish label, used in every message («Fecha de baja de actividad: …»)
    ETIQUETAS: dict[str, str] = {}
    PERMISO = "cargar"

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.resultado_id: int | None = None
        self.filas: dict[str, ConError] = {}
        self._tocados: set[str] = set()
        self._intentado = False  # after a refused save every error shows while fixing them
        self._error_servicio: tuple[str, str] | None = None
        self._inicial = None
        self.puede = ctx.actor.puede(self.PERMISO)

        self.caja = QVBoxLayout(self)
        self.barra = QLabel()
        self.barra.setObjectName("mensaje")
        self.barra.setWordWrap(True)
        self.barra.setStyleSheet(ESTILO_ERROR)
        self.barra.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.barra.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.barra.hide()
        self.botones = QDialogButtonBox()
        self.boton_guardar = self.botones.addButton("&Guardar", QDialogButtonBox.ButtonRole.AcceptRole)
        self.boton_guardar.setObjectName("guardar")
        self.boton_cancelar = self.botones.addButton("&Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        self.boton_cancelar.setObjectName("cancelar")
        self.boton_guardar.setDefault(True)
        self.botones.accepted.connect(self._al_guardar)
        self.botones.rejected.connect(self.reject)

    def terminar(self) -> None:
        """End of the subclass's constructor: bar and buttons at the bottom, role, snapshot."""
        self.caja.addWidget(self.barra)
        self.caja.addWidget(self.botones)
        if not self.puede:
            a = self.ctx.actor
            motivo = f"El usuario «{a.usuario}» (rol {a.rol}) no puede {DESCRIPCION_PERMISO[self.PERMISO]}."
            self.boton_guardar.setEnabled(False)
            self.boton_guardar.setToolTip(motivo)
            aviso = QLabel(f"Solo consulta. {motivo}")
            aviso.setObjectName("solo_consulta")
            aviso.setWordWrap(True)
            aviso.setStyleSheet(ESTILO_AVISO)
            self.caja.insertWidget(0, aviso)
        self.marcar_guardado()

    # --- for subclasses -------------------------------------------------------------------------
    def validar(self) -> list[tuple[str, str]]:
        """Local checks: (campo, message naming the field), in the order of the form."""
        return []

    def estado(self):
        """A comparable snapshot of what the widgets show."""
        return None

    def _guardar(self) -> int:
        """Call the service; return the id of what was saved. Raises ErrorAplicacion."""
        raise NotImplementedError

    def fila(self, campo: str, widget: QWidget, nota: str = "") -> ConError:
        fila = ConError(widget, campo, nota)
        self.filas[campo] = fila
        return fila

    def etiqueta(self, campo: str) -> str:
        return self.ETIQUETAS.get(campo, campo)

    def tocar(self, campo: str) -> None:
        """The user changed or left `campo`: check the form again, showing that field's errors."""
        if not isValid(self):  # a field losing focus while the dialog is being destroyed
            return
        self._tocados.add(campo)
        if self._error_servicio and self._error_servicio[0] == campo:
            self._error_servicio = None
        self._mostrar_errores(self.validar())

    # --- save -----------------------------------------------------------------------------------
    def guardar(self) -> bool:
        """Check, then save through the service. True if saved (`resultado_id` set)."""
        if not self.puede:
            self.mostrar_error(self.boton_guardar.toolTip())
            return False
        self._intentado = True
        self._error_servicio = None
        errores = self.validar()
        self._mostrar_errores(errores)
        if errores:
            extra = len(errores) - 1
            self.mostrar_error(errores[0][1] + (f"\n(Y {extra} dato{'s' if extra > 1 else ''} más para revisar.)"
                                                if extra else ""))
            if errores[0][0] in self.filas:
                self.filas[errores[0][0]].setFocus()
            return False
        try:
            self.resultado_id = self._guardar()
        except ErrorAplicacion as e:
            self.mostrar_error_servicio(e)
            return False
        self.limpiar_mensaje()
        self.marcar_guardado()
        return True

    def _al_guardar(self) -> None:
        if self.guardar():
            self.accept()

    def marcar_guardado(self) -> None:
        """What the widgets show now counts as not edited."""
        self._inicial = self.estado()

    def editado(self) -> bool:
        return self.estado() != self._inicial

    def reject(self) -> None:
        """Esc / «Cancelar» / closing the window: ask before throwing edits away."""
        if self.editado() and not mensajes.confirmar(
                self, "Descartar cambios", "Hay cambios sin guardar. ¿Cierra el formulario y los descarta?",
                si="&Descartar", no="&Seguir editando", peligroso=True):
            return
        super().reject()

    # --- messages -------------------------------------------------------------------------------
    def _mostrar_errores(self, errores: list[tuple[str, str]]) -> None:
        por_campo: dict[str, str] = {}
        for campo, texto in errores:
            if self._intentado or campo in self._tocados:  # no «falta …» on fields not reached yet
                por_campo.setdefault(campo, texto)
        if self._error_servicio:
            por_campo.setdefault(*self._error_servicio)
        for campo, fila in self.filas.items():
            if campo in por_campo:
                fila.mostrar(por_campo[campo])
            else:
                fila.limpiar()
        self._ajustar_alto()
        if not por_campo and self._intentado:
            self.limpiar_mensaje()

    def mostrar_error_servicio(self, error: ErrorAplicacion) -> None:
        if isinstance(error, DatosInvalidos):
            campo = error.campo if error.campo in self.filas else None
            texto = f"{self.etiqueta(error.campo)}: {detalle(error)}"
            if campo:
                self._error_servicio = (campo, texto)
                self._mostrar_errores(self.validar())
                self.filas[campo].setFocus()
            self.mostrar_error(texto)
            return
        self.mostrar_error(mensajes.texto_de(error))

    def mostrar_error(self, texto: str) -> None:
        self.barra.setText(texto)
        self.barra.show()
        self._ajustar_alto()

    def _ajustar_alto(self) -> None:
        """Grow (never shrink) so that error lines that appeared are not clipped: wrapped labels
        inside a form do not raise the dialog's minimum height by themselves."""
        if not self.isVisible():
            return
        self.layout().activate()
        # a QTabWidget page does not pass height-for-width on: fix each red line's height to
        # what its text needs at the width the form gives it
        for fila in self.filas.values():
            etiqueta = fila.etiqueta_error
            etiqueta.setMinimumHeight(0 if etiqueta.isHidden() else etiqueta.heightForWidth(etiqueta.width()))
        self.layout().activate()
        necesario = self.layout().minimumSize().height()
        if necesario > self.height():
            self.resize(self.width(), necesario)

    def limpiar_mensaje(self) -> None:
        self.barra.clear()
        self.barra.hide()

    def error(self) -> str:
        """The red bar's text ('' when hidden)."""
        return "" if self.barra.isHidden() else self.barra.text()

    def error_de(self, campo: str) -> str:
        """The red line under a field ('' when none)."""
        return self.filas[campo].texto()
