"""A field wrapped with its error line keeps the label's Alt+letter and the tab order."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFormLayout, QLineEdit

from app.ui.siniestro.dh_campos import CampoConError


def test_atajo_del_rotulo_y_orden_de_tabulacion(qtbot):
    dialogo = QDialog()
    qtbot.addWidget(dialogo)
    formulario = QFormLayout(dialogo)
    campos = [QLineEdit() for _ in range(3)]
    envoltorios = [CampoConError(c) for c in campos]
    for rotulo, envoltorio in zip(("&Apellido:", "C&UIL:", "&Domicilio:"), envoltorios):
        formulario.addRow(rotulo, envoltorio)
    dialogo.show()
    dialogo.activateWindow()
    qtbot.waitUntil(dialogo.isActiveWindow)
    campos[0].setFocus()
    qtbot.keyClick(dialogo, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is campos[1]
    qtbot.keyClick(dialogo, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is campos[2]
    campos[0].setFocus()
    vistos = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        vistos.append(campos.index(QApplication.focusWidget()))
    assert vistos == [1, 2, 0]  # each field once: the wrappers add no extra stop
    envoltorios[1].poner_error("no es un CUIL válido")
    assert envoltorios[1].error() == "no es un CUIL válido"
