"""DialogoConvenio alone: open, fill, accept → stored; what the service refuses is shown next to its
field (or, for a DH's account, in the red line with its cell selected) and nothing is stored; a
save over someone else's is refused; the keyboard alone is enough; roles."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog

from app.models import migrar
from app.models.bd import crear_motor, fabrica_sesiones
from app.services import convenios, pagos, parametros
from app.services.nucleo import Actor, Contexto
from app.ui.siniestro.convenio_dialogo import COL_CBU, COL_CUENTA, DialogoConvenio
from tests.servicios.ayudas import CBU_VALIDA, acreditado, crear_caso_muerte, cuil

CUIT_LETRADO = cuil("20", 17654321)
CBU_OTRA = "0110599520000001234569"


@pytest.fixture(scope="session")
def _plantilla(tmp_path_factory):
    """S-2018-001 (spouse and child accredited) and an ILP siniestro, built once through the services."""
    ruta = tmp_path_factory.mktemp("convenio_ui") / "convenio.db"
    motor = crear_motor(f"sqlite:///{ruta}")
    migrar.actualizar(motor)
    f = fabrica_sesiones(motor)
    op, liq, sup = (Contexto(f, Actor(u, r)) for u, r in [("olga", "operador"), ("lucas", "liquidador"),
                                                          ("sofia", "supervisor")])
    parametros.cargar_incluidas(Contexto(f, Actor("admin", "administrador")))
    ids = acreditado(op, liq, sup, crear_caso_muerte(op))
    from app.services import siniestros
    from tests.servicios.ayudas import datos_siniestro

    ids["ilp"] = siniestros.registrar_siniestro(op, datos_siniestro(
        ids["agente"], numero="S-ILP", tipo="ilp", fecha_fallecimiento=None, porcentaje_incapacidad="20"))
    motor.dispose()
    return ruta, ids


@pytest.fixture
def caso(_plantilla, tmp_path):
    ruta, ids = _plantilla
    copia = tmp_path / "convenio.db"
    shutil.copyfile(ruta, copia)
    motor = crear_motor(f"sqlite:///{copia}")
    f = fabrica_sesiones(motor)
    yield f, ids
    motor.dispose()


def ctx(fabrica, rol: str = "operador", usuario: str = "olga") -> Contexto:
    return Contexto(fabrica, Actor(usuario, rol))


@pytest.fixture
def abrir(qtbot, caso):
    def hacer(rol: str = "operador", siniestro: str = "siniestro") -> DialogoConvenio:
        f, ids = caso
        d = DialogoConvenio(ctx(f, rol), ids[siniestro])
        qtbot.addWidget(d)
        d.show()
        qtbot.waitExposed(d)
        d.activateWindow()
        qtbot.waitUntil(d.isActiveWindow)  # focus and shortcuts need the active window
        return d
    return hacer


def escribir(widget, texto: str) -> None:
    """Type key by key with QKeyEvents that carry the text (qtbot.keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    for caracter in texto:
        for tipo in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(widget, QKeyEvent(tipo, 0, Qt.KeyboardModifier.NoModifier, caracter))


LLENO = {
    "letrado_apellido_nombre": "Castaño, Inés", "letrado_dni": "17.654.321", "letrado_matricula": "T° 45 F° 123",
    "letrado_cuit": CUIT_LETRADO, "letrado_localidad": "La Plata", "letrado_domicilio": "Calle 48 N° 567",
    "letrado_telefono": "(0221) 423-4567", "letrado_email": "ines@estudio.com.ar",
    "domicilio_legal": "Calle 7 N° 1234, La Plata", "opcion_comision": "Comisión Médica N° 10 – La Plata",
    "lugar": "La Plata", "fecha": "01/06/2018", "representante_apellido_nombre": "Peña, Joaquín",
    "representante_dni": "20111222", "representante_cargo": "Director de Autoseguro",
}


def llenar(d: DialogoConvenio, valores: dict) -> None:
    for clave, texto in valores.items():
        d.editores[clave].clear()
        escribir(d.editores[clave], texto)


def celda(d: DialogoConvenio, fila: int, col: int, texto: str) -> None:
    d.tabla.item(fila, col).setText(texto)


def guardado(caso) -> dict:
    f, ids = caso
    return convenios.obtener_datos_convenio(ctx(f), ids["siniestro"])


def no_es_uniforme(imagen: QImage) -> bool:
    muestra = {imagen.pixel(x, y) for x in range(0, imagen.width(), 7) for y in range(0, imagen.height(), 7)}
    return len(muestra) > 10


def test_abre_vacio_con_los_derechohabientes(abrir):
    d = abrir()
    assert d.windowTitle() == "Propuesta de Convenio — Siniestro S-2018-001"
    assert all(e.text() == "" for e in d.editores.values()) and d.version == 0
    filas = [[d.tabla.item(r, c).text() for c in range(5)] for r in range(d.tabla.rowCount())]
    assert filas == [["Gómez, María", "cónyuge", "23.456.789", "", CBU_VALIDA],
                     ["Pérez, Tomás", "hijo/a", "45.678.901", "", ""]]
    # name, parentesco and DNI are not editable here; account and CBU are
    assert not d.tabla.item(0, 0).flags() & Qt.ItemFlag.ItemIsEditable
    assert d.tabla.item(0, COL_CBU).flags() & Qt.ItemFlag.ItemIsEditable
    assert QApplication.focusWidget() is d.editores["letrado_apellido_nombre"]


def test_llenar_y_aceptar_guarda(abrir, caso, qtbot):
    d = abrir()
    llenar(d, LLENO)
    celda(d, 0, COL_CUENTA, "4-123-0000012345-6")
    celda(d, 1, COL_CBU, CBU_OTRA)
    qtbot.mouseClick(d.boton_aceptar, Qt.MouseButton.LeftButton)
    assert d.result() == QDialog.DialogCode.Accepted and d.version == 1
    g = guardado(caso)
    assert (g["letrado_apellido_nombre"], g["letrado_dni"], g["letrado_cuit"]) == (
        "Castaño, Inés", "17654321", CUIT_LETRADO.replace("-", ""))
    assert (g["fecha"], g["opcion_comision"], g["representante_cargo"]) == (
        date(2018, 6, 1), "Comisión Médica N° 10 – La Plata", "Director de Autoseguro")
    assert [(x["numero_cuenta"], x["cbu"]) for x in g["derechohabientes"]] == [
        ("4-123-0000012345-6", CBU_VALIDA), (None, CBU_OTRA)]

    # opened again: what was stored, the CUIT with dashes and the date as typed
    otra = abrir()
    assert otra.editores["letrado_cuit"].text() == CUIT_LETRADO
    assert otra.editores["fecha"].text() == "01/06/2018" and otra.editores["letrado_dni"].text() == "17654321"
    assert otra.tabla.item(0, COL_CUENTA).text() == "4-123-0000012345-6" and otra.version == 1


@pytest.mark.parametrize("clave, texto, mensaje", [
    ("letrado_cuit", CUIT_LETRADO[:-1] + str((int(CUIT_LETRADO[-1]) + 1) % 10), "tiene el dígito verificador incorrecto"),
    ("letrado_email", "ines@estudio", "no es una dirección de correo"),
    ("fecha", "31/02/2018", "no es una fecha real"),
    ("fecha", "02/05/2018", "es anterior a la PMI (03/05/2018)"),
    ("letrado_dni", "17654322", "no coincide con el CUIT"),
])
def test_dato_malo_junto_al_campo_y_nada_guardado(abrir, caso, qtbot, clave, texto, mensaje):
    d = abrir()
    llenar(d, {**LLENO, clave: texto})
    qtbot.mouseClick(d.boton_aceptar, Qt.MouseButton.LeftButton)
    assert d.result() != QDialog.DialogCode.Accepted and d.isVisible()
    assert list(d.errores()) == [clave] and mensaje in d.errores()[clave]
    assert QApplication.focusWidget() is d.editores[clave]
    assert guardado(caso)["version"] == 0
    # corrected, it saves
    llenar(d, {clave: LLENO[clave]})
    qtbot.mouseClick(d.boton_aceptar, Qt.MouseButton.LeftButton)
    assert d.result() == QDialog.DialogCode.Accepted and not d.errores()


def test_cbu_mala_de_un_derechohabiente(abrir, caso, qtbot):
    d = abrir()
    celda(d, 1, COL_CBU, "2850590940090418135202")
    qtbot.mouseClick(d.boton_aceptar, Qt.MouseButton.LeftButton)
    assert d.result() != QDialog.DialogCode.Accepted
    assert "CBU de «Pérez, Tomás»" in d.error() and "dígito verificador" in d.error()
    assert (d.tabla.currentRow(), d.tabla.currentColumn()) == (1, COL_CBU)
    assert guardado(caso)["derechohabientes"][1]["cbu"] is None


def test_otro_usuario_guardo_antes(abrir, caso, qtbot):
    f, ids = caso
    d = abrir()
    convenios.guardar_datos_convenio(ctx(f, "liquidador", "lucas"), ids["siniestro"], {"lugar": "Ensenada"}, 0)
    llenar(d, {"lugar": "La Plata"})
    qtbot.mouseClick(d.boton_aceptar, Qt.MouseButton.LeftButton)
    assert d.result() != QDialog.DialogCode.Accepted
    assert "modificado por lucas" in d.error() and "Vuelva a abrirlo" in d.error()
    assert guardado(caso)["lugar"] == "Ensenada"


def test_solo_con_el_teclado(abrir, caso, qtbot):
    d = abrir()
    escribir(QApplication.focusWidget(), "Castaño, Inés")  # the first field has the focus
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # &Lugar
    assert QApplication.focusWidget() is d.editores["lugar"]
    escribir(QApplication.focusWidget(), "La Plata")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is d.editores["fecha"]
    escribir(QApplication.focusWidget(), "01/06/2018")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # «Aceptar» is the default button
    assert d.result() == QDialog.DialogCode.Accepted
    g = guardado(caso)
    assert (g["letrado_apellido_nombre"], g["lugar"], g["fecha"]) == ("Castaño, Inés", "La Plata", date(2018, 6, 1))

    # Esc closes without saving
    otra = abrir()
    escribir(otra.editores["lugar"], " y Ensenada")
    qtbot.keyClick(otra.editores["lugar"], Qt.Key.Key_Escape)
    assert otra.result() == QDialog.DialogCode.Rejected and guardado(caso)["lugar"] == "La Plata"


def test_roles_y_siniestro_no_mortal(abrir, caso):
    f, ids = caso
    d = abrir("administrador")
    assert not d.boton_aceptar.isEnabled() and "no puede cargar" in d.boton_aceptar.toolTip()
    assert abrir("liquidador").boton_aceptar.isEnabled()
    ilp = abrir(siniestro="ilp")
    assert not ilp.boton_aceptar.isEnabled() and "S-ILP no es de tipo muerte" in ilp.error()
    # a DH already paid: its account cannot be changed here
    pagos.registrar_pago(ctx(f, "supervisor", "sofia"), ids["dh_conyuge"], date(2018, 6, 1),
                         convenios.datos_convenio(ctx(f), ids["siniestro"]).beneficiarios[0].importe, "transferencia")
    pagado = abrir()
    assert not pagado.tabla.item(0, COL_CBU).flags() & Qt.ItemFlag.ItemIsEditable
    assert "pagos registrados" in pagado.tabla.item(0, COL_CBU).toolTip()


def test_captura_no_uniforme(abrir, tmp_path):
    d = abrir()
    llenar(d, LLENO)
    ruta = tmp_path / "dialogo_convenio.png"
    assert d.grab().save(str(ruta))
    imagen = QImage(str(ruta))
    assert imagen.width() >= 860 and no_es_uniforme(imagen)
