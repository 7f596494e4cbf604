"""UI test guards."""

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox


@pytest.fixture(autouse=True)
def _sin_dialogos_modales(monkeypatch):
    """A modal dialog offscreen waits forever for a click: fail loudly instead of hanging.
    Tests that expect a dialog patch `exec` themselves (their patch wins)."""

    def _falla(dialogo, *args, **kwargs):
        texto = dialogo.text() if isinstance(dialogo, QMessageBox) else dialogo.windowTitle()
        raise AssertionError(f"Diálogo modal inesperado en una prueba: {texto}")

    monkeypatch.setattr(QMessageBox, "exec", _falla)
    monkeypatch.setattr(QDialog, "exec", _falla)
