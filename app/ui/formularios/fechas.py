"""`CampoFecha`: a QDateEdit (dd/MM/yyyy, calendar popup) that can also hold «no date».

A QDateEdit always holds some date, so an unknown date would silently become 01/01/2000 or today.
Here «no date» is an explicit state: the editor shows a blank text and `valor()` is None.

- Optional dates (`opcional=True`) have a «sin fecha» check box beside the editor; while it is
  ticked the editor is disabled and blank. Unticking it starts from the `sugerida` date.
- Required dates start blank in a new form, so the user must give one. Entering the blank editor
  (Tab, click, calendar arrow) puts the `sugerida` date in it to edit from; leaving it again
  without changing anything takes it back to blank, so tabbing through never invents a date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget
from shiboken6 import isValid

FORMATO = "dd/MM/yyyy"
MINIMA = QDate(1900, 1, 1)  # the services refuse earlier dates
TEXTO_VACIO = "dd/mm/aaaa"  # shown by a required date not given yet
TEXTO_SIN_FECHA = "—"


class CampoFecha(QWidget):
    """A date or None; `cambiado` fires on every change of `valor()` made by the user or `poner`."""

    cambiado = Signal()

    def __init__(self, nombre: str, opcional: bool = False, sugerida: Callable[[], date] | None = None,
                 parent=None):
        super().__init__(parent)
        self.opcional = opcional
        self.sugerida = sugerida or date.today
        self._vacio = False
        self._automatica = False  # the date was put by entering the blank editor, not chosen

        caja = QHBoxLayout(self)
        caja.setContentsMargins(0, 0, 0, 0)
        self.editor = QDateEdit()
        self.editor.setObjectName(nombre)
        self.editor.setAccessibleName(nombre)
        self.editor.setCalendarPopup(True)
        self.editor.setDisplayFormat(FORMATO)
        self.editor.setMinimumDate(MINIMA)
        self.editor.setMinimumWidth(self.editor.fontMetrics().horizontalAdvance("00/00/00000") + 40)
        self.editor.installEventFilter(self)
        self.editor.dateChanged.connect(self._al_cambiar_fecha)
        self.editor.calendarWidget().clicked.connect(self._elegida)
        caja.addWidget(self.editor)
        self.sin_fecha: QCheckBox | None = None
        if opcional:
            self.sin_fecha = QCheckBox("sin fecha")
            self.sin_fecha.setObjectName(f"{nombre}_sin_fecha")
            self.sin_fecha.setAccessibleName(f"{nombre}: sin fecha")
            self.sin_fecha.toggled.connect(self._al_marcar_sin_fecha)
            caja.addWidget(self.sin_fecha)
        caja.addStretch(1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.poner(None)

    # --- value ------------------------------------------------------------------------------
    def valor(self) -> date | None:
        return None if self._vacio else self.editor.date().toPython()

    def vacia(self) -> bool:
        return self._vacio

    def poner(self, valor: date | None) -> None:
        """Show `valor` (None = blank / «sin fecha»); emits `cambiado` if the value changes."""
        antes = self.valor()
        if valor is None:
            self._vaciar()
        else:
            self._llenar(valor)
        if self.valor() != antes:
            self.cambiado.emit()

    def setEnabled(self, habilitado: bool) -> None:
        """Disabled: neither the editor nor «sin fecha» can be used (e.g. fallecimiento for an ILP)."""
        super().setEnabled(habilitado)
        self._ajustar_habilitado()

    # --- states -----------------------------------------------------------------------------
    def _vaciar(self) -> None:
        self._vacio = True
        self._automatica = False
        self.editor.blockSignals(True)
        self.editor.setSpecialValueText(TEXTO_SIN_FECHA if self.opcional else TEXTO_VACIO)
        self.editor.setDate(self.editor.minimumDate())
        self.editor.blockSignals(False)
        if self.sin_fecha is not None:
            self.sin_fecha.blockSignals(True)
            self.sin_fecha.setChecked(True)
            self.sin_fecha.blockSignals(False)
        self._ajustar_habilitado()

    def _llenar(self, valor: date) -> None:
        self._vacio = False
        self._automatica = False
        self.editor.blockSignals(True)
        self.editor.setSpecialValueText("")  # a real 01/01/1900 must not show as blank
        self.editor.setDate(QDate(valor.year, valor.month, valor.day))
        self.editor.blockSignals(False)
        if self.sin_fecha is not None:
            self.sin_fecha.blockSignals(True)
            self.sin_fecha.setChecked(False)
            self.sin_fecha.blockSignals(False)
        self._ajustar_habilitado()

    def _ajustar_habilitado(self) -> None:
        editable = not (self.opcional and self._vacio)
        self.editor.setEnabled(self.isEnabled() and editable)
        # the label's mnemonic (buddy = this widget) lands where the user can act
        self.setFocusProxy(self.editor if editable or self.sin_fecha is None else self.sin_fecha)

    def _sugerencia(self) -> date:
        try:
            return self.sugerida() or date.today()
        except Exception:  # noqa: BLE001 - a suggestion must never break the form
            return date.today()

    # --- user actions -------------------------------------------------------------------------
    def _al_marcar_sin_fecha(self, marcado: bool) -> None:
        if marcado:
            self._vaciar()
        else:
            self._llenar(self._sugerencia())
            self.editor.setFocus()
        self.cambiado.emit()

    def _al_cambiar_fecha(self, _fecha) -> None:
        self._automatica = False
        if self._vacio:  # typed into the blank editor of a required date
            self._vacio = False
            self.editor.setSpecialValueText("")
        self.cambiado.emit()

    def _elegida(self, _fecha) -> None:
        """A click on the calendar counts as choosing even the suggested day itself."""
        self._automatica = False

    def eventFilter(self, objeto, evento) -> bool:
        if objeto is self.editor and isValid(self) and isValid(self.editor):
            tipo = evento.type()
            if tipo == QEvent.Type.FocusIn and self._vacio and not self.opcional:
                self._llenar(self._sugerencia())
                self._automatica = True
                self.cambiado.emit()
            elif (tipo == QEvent.Type.FocusOut and self._automatica
                  and evento.reason() != Qt.FocusReason.PopupFocusReason):
                self._vaciar()
                self.cambiado.emit()
        return super().eventFilter(objeto, evento)
