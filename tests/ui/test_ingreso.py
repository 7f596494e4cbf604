"""`python -m app` as the real program (pytest-qt, offscreen): the store check with its Spanish
message and the calculator offered instead, the login dialog (inline red errors, lock-out text as
is, first-login password change asked twice), the main window over the Administración grid, and
the screenshots of the docs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from app.models import Usuario, migrar
from app.models.bd import fabrica_sesiones
from app.services import base_datos, usuarios
from app.services.nucleo import Actor, Contexto
from app.ui import aplicacion, captura_ingreso
from app.ui.administracion import VentanaAdministracion
from app.ui.capturas import uniforme
from app.ui.ingreso import NO_COINCIDEN, PASO_CAMBIO, PASO_INGRESO, DialogoIngreso
from app.ui.principal import VentanaPrincipal, iniciar, problema_de_la_base
from app.ui.ventana_calculo import VentanaCalculo

CLAVE_NUEVA = "una-clave-larga-1"


@pytest.fixture(autouse=True)
def _ajustes_temporales(tmp_path):
    """QSettings (grid column widths) in a temp folder, never the user's."""
    anterior = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "x", "y").fileName()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ajustes"))
    yield
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(anterior).parents[1]))


@pytest.fixture
def tienda(tmp_path, monkeypatch):
    """An initialised SQLite store, configured through LIQUIDADOR_DB_URL: (engine, one-time password)."""
    monkeypatch.setenv("LIQUIDADOR_DB_URL", f"sqlite+pysqlite:///{tmp_path / 'oficina.db'}")
    motor = base_datos.abrir()
    clave = base_datos.inicializar(motor).clave_administrador
    assert clave
    yield motor, clave
    motor.dispose()


@pytest.fixture
def fabrica(tienda):
    return fabrica_sesiones(tienda[0])


@pytest.fixture
def dialogo(qtbot, fabrica):
    d = DialogoIngreso(fabrica)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def intentos_fallidos(fabrica, nombre="admin") -> int:
    with fabrica() as sesion:
        return sesion.scalar(select(Usuario.intentos_fallidos).where(Usuario.nombre == nombre))


def ingresar(qtbot, dialogo, usuario, clave) -> None:
    """Type the user and password and press Enter in the password field (ASCII only here)."""
    dialogo.campo_usuario.setText(usuario)
    dialogo.campo_clave.setText(clave)
    dialogo.campo_clave.setFocus()
    qtbot.keyClick(dialogo.campo_clave, Qt.Key.Key_Return)


# ------------------------------------------------------------------ login dialog

def test_clave_incorrecta_error_en_rojo_en_el_dialogo(qtbot, dialogo, fabrica):
    ingresar(qtbot, dialogo, "admin", "equivocada")
    assert dialogo.actor is None
    assert dialogo.isVisible() and dialogo.result() != DialogoIngreso.DialogCode.Accepted
    assert dialogo.error() == "Usuario o contraseña incorrectos."
    assert dialogo.etiqueta_error.isVisible() and "#c62828" in dialogo.etiqueta_error.styleSheet()
    assert dialogo.campo_clave.text() == ""  # ready for another try
    assert intentos_fallidos(fabrica) == 1  # Enter submitted exactly once
    assert dialogo.paso == PASO_INGRESO


def test_usuario_vacio_no_llama_al_servicio(qtbot, dialogo, fabrica):
    ingresar(qtbot, dialogo, "  ", "x")
    assert dialogo.error() == "Escriba su nombre de usuario." and intentos_fallidos(fabrica) == 0


def test_bloqueo_muestra_el_mensaje_del_servicio_tal_cual(qtbot, dialogo):
    for _ in range(usuarios.MAX_INTENTOS):
        ingresar(qtbot, dialogo, "admin", "equivocada")
    assert "está bloqueado por 5 intentos fallidos seguidos" in dialogo.error()
    ingresar(qtbot, dialogo, "admin", "otra-mas")
    texto = dialogo.error()
    assert texto.startswith("El usuario «admin» está bloqueado") and "pida a un administrador" in texto
    assert dialogo.actor is None


def test_primer_ingreso_pide_la_clave_nueva_dos_veces(qtbot, dialogo, tienda, fabrica):
    _, clave_inicial = tienda
    ingresar(qtbot, dialogo, "Admin", clave_inicial)
    assert dialogo.paso == PASO_CAMBIO and dialogo.actor is None
    assert dialogo.pagina_cambio.isVisible() and not dialogo.pagina_ingreso.isVisible()
    assert "debe cambiar su contraseña" in dialogo.aviso_cambio.text()
    assert dialogo.error() == ""

    dialogo.campo_nueva.setText(CLAVE_NUEVA)
    dialogo.campo_repetida.setText(CLAVE_NUEVA + "x")
    qtbot.keyClick(dialogo.campo_repetida, Qt.Key.Key_Return)
    assert dialogo.error() == NO_COINCIDEN and dialogo.actor is None

    dialogo.campo_nueva.setText("corta")
    dialogo.campo_repetida.setText("corta")
    qtbot.keyClick(dialogo.campo_repetida, Qt.Key.Key_Return)
    assert dialogo.error() == "Contraseña nueva: debe tener al menos 10 caracteres." and dialogo.actor is None

    dialogo.campo_nueva.setText(CLAVE_NUEVA)
    dialogo.campo_repetida.setText(CLAVE_NUEVA)
    qtbot.keyClick(dialogo.campo_repetida, Qt.Key.Key_Return)
    assert dialogo.actor is not None
    assert (dialogo.actor.usuario, dialogo.actor.rol) == ("admin", "administrador")
    assert dialogo.result() == DialogoIngreso.DialogCode.Accepted and dialogo.error() == ""
    # the new password is the one that works now
    assert usuarios.iniciar_sesion(fabrica, "admin", CLAVE_NUEVA).rol == "administrador"


def test_ingreso_normal_devuelve_el_actor(qtbot, dialogo, tienda, fabrica):
    usuarios.cambiar_clave(fabrica, "admin", tienda[1], CLAVE_NUEVA)
    ingresar(qtbot, dialogo, "admin", CLAVE_NUEVA)
    assert dialogo.result() == DialogoIngreso.DialogCode.Accepted
    assert dialogo.actor.rol == "administrador" and dialogo.paso == PASO_INGRESO


# ------------------------------------------------------------------ main window

def test_ventana_principal(qtbot, tienda, fabrica):
    motor = tienda[0]
    ventana = VentanaPrincipal(Contexto(fabrica, Actor("admin", "administrador")), base_datos.describir(motor))
    qtbot.addWidget(ventana)
    ventana.show()
    qtbot.waitExposed(ventana)
    assert ventana.windowTitle() == "Liquidador Autoseguro — admin (administrador)"
    assert isinstance(ventana.centralWidget(), VentanaAdministracion)
    assert ventana.administracion.tabla.isVisible()
    assert ventana.administracion.etiqueta_total.text() == "0 siniestros"
    assert ventana.etiqueta_bd.text().startswith("SQLite, archivo ") and "oficina.db" in ventana.etiqueta_bd.text()
    menus = [a.text() for a in ventana.menuBar().actions()]
    assert menus == ["&Archivo", "S&iniestro", "&Herramientas"]
    assert ventana.accion_salir.shortcut().toString() == "Ctrl+Q"

    ventana.accion_calculadora.trigger()
    assert len(ventana.calculadoras) == 1
    calculadora = ventana.calculadoras[0]
    assert isinstance(calculadora, VentanaCalculo) and calculadora.isVisible()

    ventana.accion_salir.trigger()
    assert not ventana.isVisible() and not calculadora.isVisible()


# ------------------------------------------------------------------ start-up

@pytest.mark.bucle_principal
def test_main_ingreso_y_ventana_principal(qapp, tienda, fabrica, monkeypatch):
    """`python -m app` on a ready store: the login (driven instead of exec) and the main window."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.delenv(aplicacion.ENV_ABRIR, raising=False)
    usuarios.cambiar_clave(fabrica, "admin", tienda[1], CLAVE_NUEVA)

    def exec_simulado(dialogo):
        dialogo.campo_usuario.setText("admin")
        dialogo.campo_clave.setText(CLAVE_NUEVA)
        dialogo.enviar()
        return dialogo.result()

    monkeypatch.setattr(DialogoIngreso, "exec", exec_simulado)
    vistas = []

    def mirar_y_salir():
        for w in QApplication.topLevelWidgets():
            if isinstance(w, VentanaPrincipal) and w.isVisible():
                vistas.append((w.windowTitle(), type(w.centralWidget()), w.etiqueta_bd.text()))
                w.close()
        qapp.quit()

    QTimer.singleShot(0, mirar_y_salir)
    assert aplicacion.main() == 0
    assert vistas == [("Liquidador Autoseguro — admin (administrador)", VentanaAdministracion,
                       base_datos.describir(tienda[0]))]


@pytest.mark.bucle_principal
def test_main_ingreso_cancelado_termina_sin_ventana(qapp, tienda, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.delenv(aplicacion.ENV_ABRIR, raising=False)
    monkeypatch.setattr(DialogoIngreso, "exec", lambda d: d.reject() or 0)
    assert aplicacion.main() == 0
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, VentanaPrincipal) and w.isVisible()]


def _caja_que_elige(boton, textos):
    def exec_simulado(caja):
        textos.append((caja.windowTitle(), caja.text(), caja.informativeText()))
        caja.button(boton).click()
        return 0

    return exec_simulado


@pytest.mark.bucle_principal
def test_sin_base_dice_que_ejecutar_y_sale(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.delenv(aplicacion.ENV_ABRIR, raising=False)
    monkeypatch.setenv("LIQUIDADOR_DB_URL", f"sqlite+pysqlite:///{tmp_path / 'no_existe.db'}")
    textos = []
    monkeypatch.setattr(QMessageBox, "exec", _caja_que_elige(QMessageBox.StandardButton.Close, textos))
    assert aplicacion.main() == 0
    assert len(textos) == 1
    titulo, texto, informativo = textos[0]
    assert titulo.startswith("Base de datos no disponible")
    assert "No existe la base de datos" in texto and "python -m app db init" in texto
    assert "calculadora de casos" in informativo
    assert not (tmp_path / "no_existe.db").exists()  # nothing created by looking


def test_sin_base_abre_la_calculadora_si_se_pide(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("LIQUIDADOR_DB_URL", f"sqlite+pysqlite:///{tmp_path / 'no_existe.db'}")
    textos = []
    monkeypatch.setattr(QMessageBox, "exec", _caja_que_elige(QMessageBox.StandardButton.Open, textos))
    ventana = iniciar(aplicacion.crear_ventana)
    qtbot.addWidget(ventana)
    assert isinstance(ventana, VentanaCalculo) and ventana.isVisible()
    assert len(textos) == 1


def test_url_invalida_tambien_ofrece_la_calculadora(qapp, monkeypatch):
    monkeypatch.setenv("LIQUIDADOR_DB_URL", "mysql://x@y/z")
    textos = []
    monkeypatch.setattr(QMessageBox, "exec", _caja_que_elige(QMessageBox.StandardButton.Close, textos))
    assert iniciar(aplicacion.crear_ventana) is None
    assert "no está soportada" in textos[0][1]


def test_esquema_viejo_pide_db_upgrade(tmp_path):
    motor = base_datos.abrir(f"sqlite+pysqlite:///{tmp_path / 'vieja.db'}")
    try:
        migrar.actualizar(motor, base_datos.revisiones_conocidas()[0])
        texto = problema_de_la_base(motor)
        assert "python -m app db upgrade" in texto and base_datos.revision_final() in texto
    finally:
        motor.dispose()


def test_base_sin_inicializar_pide_db_init(tmp_path):
    import sqlite3

    ruta = tmp_path / "vacia.db"
    with sqlite3.connect(ruta) as conexion:
        conexion.execute("CREATE TABLE otra (x)")
    motor = base_datos.abrir(f"sqlite+pysqlite:///{ruta}")
    try:
        texto = problema_de_la_base(motor)
        assert "no está inicializada" in texto and "python -m app db init" in texto
    finally:
        motor.dispose()


def test_base_lista_no_tiene_problema(tienda):
    assert problema_de_la_base(tienda[0]) is None


# ------------------------------------------------------------------ screenshots

def test_capturas_del_ingreso_y_la_principal(qapp, tmp_path):
    archivos = captura_ingreso.capturar(tmp_path / "capturas", agentes=15)
    assert [a.name for a in archivos] == ["ingreso.png", "principal.png"]
    for archivo in archivos:
        from PySide6.QtGui import QImage

        imagen = QImage(str(archivo))
        assert not imagen.isNull() and not uniforme(imagen)
