"""Every dialog the windows open goes through here: errors, confirmations, information.

One place so that the texts and buttons are Spanish and consistent, and so that tests replace
`confirmar` / `error` / `informar` with a monkeypatch instead of clicking a modal box.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import ErrorAplicacion


def texto_de(error: BaseException | str) -> str:
    """The user's message of an application error (with how to fix it), or the text as given."""
    if isinstance(error, ErrorAplicacion):
        return error.mensaje if not error.resolucion else f"{error.mensaje}\n\n{error.resolucion}"
    return str(error)


def _caja(parent: QWidget | None, icono, titulo: str, texto: str, detalle: str = "") -> QMessageBox:
    caja = QMessageBox(parent)
    caja.setIcon(icono)
    caja.setWindowTitle(titulo)
    caja.setText(texto)
    if detalle:
        caja.setInformativeText(detalle)
    caja.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return caja


def error(parent: QWidget | None, problema: BaseException | str, titulo: str = "No se pudo completar") -> None:
    _caja(parent, QMessageBox.Icon.Warning, titulo, texto_de(problema)).exec()


def informar(parent: QWidget | None, texto: str, titulo: str = "Listo", detalle: str = "") -> None:
    _caja(parent, QMessageBox.Icon.Information, titulo, texto, detalle).exec()


def confirmar(parent: QWidget | None, titulo: str, texto: str, *, si: str = "&Sí", no: str = "&No",
              detalle: str = "", peligroso: bool = False) -> bool:
    """Ask before an action that cannot be undone. The safe answer («No») is the default
    button unless the action is harmless (`peligroso=False` keeps «Sí» as default)."""
    caja = _caja(parent, QMessageBox.Icon.Question, titulo, texto, detalle)
    boton_si = caja.addButton(si, QMessageBox.ButtonRole.YesRole)
    boton_no = caja.addButton(no, QMessageBox.ButtonRole.NoRole)
    caja.setEscapeButton(boton_no)
    caja.setDefaultButton(boton_no if peligroso else boton_si)
    caja.exec()
    return caja.clickedButton() is boton_si
