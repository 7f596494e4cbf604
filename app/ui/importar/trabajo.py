"""Work of the wizard off the GUI thread, with its progress shown inside the page.

app/ui/tareas.py runs work behind a progress dialog; in a wizard the bar belongs to the page
(the page says what it is reading, and «Cancelar» sits under it), so this is the same worker
without the dialog: `funcion(avance)` runs in a QThread, `avance(hechos, total, texto)` is
tareas.Avance (it raises tareas.Cancelada once cancelled), and `terminado(ok, valor)` fires once
on the GUI thread.

A job that cannot be cancelled (examining a large workbook) is abandoned instead: its result is
ignored and the job keeps itself alive until its thread ends, so closing the wizard never
destroys a running QThread nor waits for it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ..tareas import Trabajador

DEMORA_PANEL_MS = 250  # quick work shows no bar at all


class Trabajo(QObject):
    avance = Signal(int, int, str)
    terminado = Signal(bool, object)  # (ok, result or exception)

    _vivos: ClassVar[set[Trabajo]] = set()

    def __init__(self, funcion: Callable, *, cancelable: bool = True):
        super().__init__()  # no parent: an abandoned job may outlive its page
        self.cancelable = cancelable
        self.evento = threading.Event()
        self.hecho = False
        self.abandonado = False
        self._hilo = Trabajador(funcion, self.evento, self)
        self._hilo.avance.connect(self.avance)
        # bound methods of this GUI-thread object: queued to the GUI thread (a lambda would not be)
        self._hilo.listo.connect(self._al_terminar)
        self._hilo.fallo.connect(self._al_fallar)
        self._hilo.finished.connect(self._liberar)

    def iniciar(self) -> Trabajo:
        Trabajo._vivos.add(self)
        self._hilo.start()
        return self

    def cancelar(self) -> None:
        """Ask a cancellable job to stop (it raises at its next progress report)."""
        self.evento.set()

    def abandonar(self) -> None:
        """Ignore the result from now on (the thread ends on its own)."""
        self.abandonado = True
        self.evento.set()

    def esperar(self, ms: int = 120_000) -> bool:
        """Block until the thread ends and its result has been handed over; True if it ended."""
        if not self._hilo.wait(ms):
            return False
        QCoreApplication.sendPostedEvents(self)
        QCoreApplication.sendPostedEvents(self._hilo)
        return True

    def _al_terminar(self, valor) -> None:
        self._fin(True, valor)

    def _al_fallar(self, error) -> None:
        self._fin(False, error)

    def _fin(self, ok: bool, valor) -> None:
        if self.hecho:
            return
        self.hecho = True
        if not self.abandonado:
            self.terminado.emit(ok, valor)

    def _liberar(self) -> None:
        self._hilo.wait()
        Trabajo._vivos.discard(self)


class PanelAvance(QWidget):
    """What is being done, a progress bar and «Cancelar»; hidden while idle."""

    cancelado = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        caja = QVBoxLayout(self)
        caja.setContentsMargins(0, 4, 0, 4)
        self.etiqueta = QLabel()
        self.etiqueta.setObjectName("avance_texto")
        self.etiqueta.setWordWrap(True)
        fila = QHBoxLayout()
        self.barra = QProgressBar()
        self.barra.setObjectName("avance")
        self.barra.setAccessibleName("Avance")
        self.barra.setTextVisible(True)
        self.boton = QPushButton("Ca&ncelar")
        self.boton.setObjectName("cancelar_trabajo")
        self.boton.setToolTip("Detiene la lectura o la importación: no se guarda nada.")
        self.boton.clicked.connect(self._cancelar)
        fila.addWidget(self.barra, 1)
        fila.addWidget(self.boton)
        caja.addWidget(self.etiqueta)
        caja.addLayout(fila)
        self._temporizador = QTimer(self)
        self._temporizador.setSingleShot(True)
        self._temporizador.timeout.connect(self.show)
        self.hide()

    def iniciar(self, texto: str, cancelable: bool = True) -> None:
        self.etiqueta.setText(texto)
        self.barra.setRange(0, 0)  # busy until the first report with a total
        self.boton.setEnabled(True)
        self.boton.setText("Ca&ncelar")
        self.boton.setVisible(True)
        self.boton.setToolTip("Detiene la lectura o la importación: no se guarda nada." if cancelable else
                              "Deja de esperar este archivo (se puede elegir otro).")
        self._temporizador.start(DEMORA_PANEL_MS)

    def avanzar(self, hechos: int, total: int, texto: str) -> None:
        if total > 0:
            self.barra.setRange(0, total)
            self.barra.setValue(min(hechos, total))
        else:
            self.barra.setRange(0, 0)
        if texto:
            self.etiqueta.setText(texto)

    def terminar(self) -> None:
        self._temporizador.stop()
        self.hide()

    def _cancelar(self) -> None:
        self.boton.setEnabled(False)
        self.etiqueta.setText("Cancelando…")
        self.cancelado.emit()
