"""What every page of the import wizard shares: a coloured message bar, the inline progress
panel, and one background job at a time (while it runs, «Siguiente» / «Importar» and «< Atrás»
are disabled)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWizard, QWizardPage

from ..mensajes import texto_de
from ..parametros.vista_previa import ESTILO_AVISO, ESTILO_ERROR, ESTILO_OK
from . import textos
from .trabajo import PanelAvance, Trabajo

ESTILOS = {textos.OK: ESTILO_OK, textos.AVISO: ESTILO_AVISO, textos.ERROR: ESTILO_ERROR}
ATRAS = QWizard.WizardButton.BackButton


def barra_mensaje(nombre: str) -> QLabel:
    etiqueta = QLabel()
    etiqueta.setObjectName(nombre)
    etiqueta.setWordWrap(True)
    etiqueta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    etiqueta.hide()
    return etiqueta


def mostrar(etiqueta: QLabel, estilo: str, texto: BaseException | str) -> None:
    etiqueta.setStyleSheet(ESTILOS[estilo])
    etiqueta.setText(texto_de(texto))
    etiqueta.show()


class Pagina(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.trabajo: Trabajo | None = None
        self.panel = PanelAvance()
        self.panel.cancelado.connect(self.cancelar_trabajo)

    @property
    def asistente(self):
        return self.wizard()

    @property
    def ocupado(self) -> bool:
        return self.trabajo is not None and not self.trabajo.hecho and not self.trabajo.abandonado

    def ejecutar(self, texto: str, funcion: Callable, al_terminar: Callable, *, cancelable: bool = True) -> Trabajo:
        """Run `funcion(avance)` off the GUI thread; `al_terminar(ok, valor)` (a bound method of
        this page) runs on the GUI thread. A job still running is stopped first."""
        self.detener()
        self.trabajo = Trabajo(funcion, cancelable=cancelable)
        self.trabajo.avance.connect(self.panel.avanzar)
        self.trabajo.terminado.connect(self._terminado)
        self._al_terminar = al_terminar
        self.panel.iniciar(texto, cancelable)
        self.trabajo.iniciar()
        self.actualizar_botones()
        return self.trabajo

    def _terminado(self, ok: bool, valor) -> None:
        self.panel.terminar()
        funcion = self._al_terminar
        funcion(ok, valor)
        self.actualizar_botones()

    def cancelar_trabajo(self) -> None:
        """«Cancelar» under the bar: a cancellable job stops (its failure handler says so); an
        examination is abandoned at once."""
        t = self.trabajo
        if t is None or t.hecho:
            return
        if t.cancelable:
            t.cancelar()
        else:
            t.abandonar()
            self.panel.terminar()
            self.al_abandonar()
            self.actualizar_botones()

    def al_abandonar(self) -> None:
        """An uncancellable job was left behind (pages say what that means)."""

    def detener(self) -> None:
        """Stop the running job before leaving or closing: cancel and wait (quick: checked
        every few thousand rows), or abandon an examination."""
        t = self.trabajo
        if t is None or t.hecho:
            return
        if t.cancelable:
            t.cancelar()
            t.esperar()
        else:
            t.abandonar()
            self.panel.terminar()

    def actualizar_botones(self) -> None:
        """completeChanged makes the wizard re-enable its buttons; «< Atrás» waits for the job."""
        self.completeChanged.emit()
        self._bloquear_atras()
        # a job started by initializePage: the wizard enables its buttons after that, when the
        # page becomes current
        QTimer.singleShot(0, self, self._bloquear_atras)

    def _bloquear_atras(self) -> None:
        asistente = self.wizard()
        if asistente is not None and asistente.currentPage() is self and self.ocupado:
            asistente.button(ATRAS).setEnabled(False)
