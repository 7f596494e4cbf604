"""Long work off the GUI thread, with a progress bar and (optionally) «Cancelar».

    tarea = ejecutar(ventana, "Importando RIPTE…", funcion, al_terminar=mostrar, al_fallar=avisar)

`funcion(avance)` runs in a worker thread and must not touch widgets; it may call
`avance(hechos, total, texto)` as often as it likes and `avance.cancelado()` to stop early (raise
`Cancelada`, and the use case's transaction rolls back). `al_terminar(resultado)` /
`al_fallar(error)` run back on the GUI thread. Services open their own session per call, so a
worker never shares one with the GUI.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QThread, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

# the dialog only shows when the work lasts longer than this (a quick save shows nothing)
DEMORA_DIALOGO_MS = 400


class Cancelada(Exception):
    """The user pressed «Cancelar»: nothing was written."""


class Avance:
    """What the worker is given to report progress; thread-safe (signals are queued)."""

    def __init__(self, senial, evento: threading.Event):
        self._senial = senial
        self._evento = evento

    def __call__(self, hechos: int, total: int, texto: str = "") -> None:
        if self._evento.is_set():
            raise Cancelada("Operación cancelada por el usuario: no se guardó nada.")
        self._senial.emit(int(hechos), int(total), texto)

    def cancelado(self) -> bool:
        return self._evento.is_set()


class Trabajador(QThread):
    """Runs `funcion(avance)` in a thread; the result or the exception comes back as a signal."""

    avance = Signal(int, int, str)
    listo = Signal(object)
    fallo = Signal(object)

    def __init__(self, funcion: Callable, evento: threading.Event, parent=None):
        super().__init__(parent)
        self._funcion = funcion
        self._evento = evento

    def run(self) -> None:  # worker thread
        try:
            resultado = self._funcion(Avance(self.avance, self._evento))
        except BaseException as e:  # noqa: BLE001 - handed to the GUI thread, which decides
            self.fallo.emit(e)
        else:
            self.listo.emit(resultado)


class Tarea(QObject):
    """One piece of background work; `terminada` fires once with (ok, resultado_o_error)."""

    terminada = Signal(bool, object)

    def __init__(self, parent: QWidget | None, titulo: str, funcion: Callable, *, cancelable: bool = False):
        super().__init__(parent)
        self._evento = threading.Event()
        self.resultado = None
        self.error: BaseException | None = None
        self.hecha = False
        self.dialogo = QProgressDialog(titulo, "&Cancelar" if cancelable else "", 0, 0, parent)
        self.dialogo.setWindowTitle(titulo.rstrip("…."))
        self.dialogo.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialogo.setMinimumDuration(DEMORA_DIALOGO_MS)
        self.dialogo.setAutoClose(False)
        self.dialogo.setAutoReset(False)
        if not cancelable:
            self.dialogo.setCancelButton(None)
        self.dialogo.canceled.connect(self.cancelar)
        self._hilo = Trabajador(funcion, self._evento, self)
        self._hilo.avance.connect(self._al_avanzar)
        self._hilo.listo.connect(self._al_terminar)
        self._hilo.fallo.connect(self._al_fallar)

    def iniciar(self) -> Tarea:
        self._hilo.start()
        return self

    def cancelar(self) -> None:
        self._evento.set()
        self.dialogo.setLabelText("Cancelando…")

    def esperar(self, ms: int = 60_000) -> bool:
        """Block until the worker ends and its result has been handed over (closing a window,
        tests); True if it ended."""
        if not self._hilo.wait(ms):
            return False
        QCoreApplication.sendPostedEvents(self)  # the queued avance/listo/fallo, now
        return True

    def _al_avanzar(self, hechos: int, total: int, texto: str) -> None:
        if total > 0:
            self.dialogo.setMaximum(total)
            self.dialogo.setValue(min(hechos, total))
        if texto:
            self.dialogo.setLabelText(texto)

    def _fin(self, ok: bool, valor) -> None:
        self.hecha = True
        self.dialogo.reset()
        self.dialogo.hide()
        self._hilo.wait()
        self.terminada.emit(ok, valor)

    def _al_terminar(self, resultado) -> None:
        self.resultado = resultado
        self._fin(True, resultado)

    def _al_fallar(self, error: BaseException) -> None:
        self.error = error
        self._fin(False, error)


def ejecutar(parent: QWidget | None, titulo: str, funcion: Callable, *,
             al_terminar: Callable | None = None, al_fallar: Callable | None = None,
             cancelable: bool = False) -> Tarea:
    """Start `funcion(avance)` in a worker thread; the callbacks run on the GUI thread."""
    tarea = Tarea(parent, titulo, funcion, cancelable=cancelable)

    def _despachar(ok: bool, valor) -> None:
        if ok and al_terminar is not None:
            al_terminar(valor)
        elif not ok:
            if al_fallar is not None:
                al_fallar(valor)
            elif not isinstance(valor, Cancelada):
                raise valor  # reaches the program's excepthook dialog

    tarea.terminada.connect(_despachar)
    return tarea.iniciar()
