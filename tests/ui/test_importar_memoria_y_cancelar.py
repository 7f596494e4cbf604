"""The import wizard: the column mapping remembered per format, «Cancelar» during the preview and
during the import (the store stays as it was), closing the wizard while it works."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services import importacion
from app.ui.importar import memoria, textos
from tests.importers.planillas import xlsx
from tests.servicios.ayudas import sin_cambios
from tests.ui.conftest import contexto
from tests.ui.importar_ayudas import (
    ATRAS,
    CUIL_A,
    CUIL_B,
    ENCABEZADO,
    IMPORTAR,
    SIGUIENTE,
    Confirmaciones,
    abrir,
    ajustes_temporales,
    elegir,
    esperar,
    guardadas,
    hasta_vista_previa,
    pulsar,
    registrar_agentes,
)


@pytest.fixture(autouse=True)
def _ajustes(tmp_path):
    ajustes_temporales(tmp_path / "ajustes")


@pytest.fixture
def ctx(fabrica_demo):
    return contexto(fabrica_demo, "liquidador")


@pytest.fixture
def ids(ctx):
    return registrar_agentes(ctx)


RARO = ["Legajo", "CUIL", "Mes devengado", "Haberes brutos", "Importe SAC", "Haber neto"]


def _raro(tmp_path, nombre, encabezado=RARO):
    return xlsx(tmp_path / nombre, {"Liquidación": [encabezado, [1, CUIL_A, "01/2024", 100, 0, 80]]})


def test_la_asignacion_de_columnas_se_recuerda_para_el_mismo_formato(qtbot, ctx, tmp_path, monkeypatch):
    # the first file: «Mes devengado» is picked by hand and «Importe SAC» dropped
    primero = abrir(qtbot, ctx)
    elegir(qtbot, primero, monkeypatch, _raro(tmp_path, "enero.xlsx"))
    pulsar(qtbot, primero, SIGUIENTE)
    columnas = primero.pagina_columnas
    assert columnas.mapeo() == {"cuil": "B", "periodo": None, "remuneracion": "D", "sac": "E", "apellido_nombre": None}
    columnas.combos["periodo"].setCurrentIndex(columnas.combos["periodo"].findData("C"))
    columnas.combos["sac"].setCurrentIndex(0)  # — sin columna —
    pulsar(qtbot, primero, SIGUIENTE)
    esperar(qtbot, primero)
    primero.close()

    # another month, same headers: the same choice, and the page says so
    segundo = abrir(qtbot, ctx)
    elegir(qtbot, segundo, monkeypatch, _raro(tmp_path, "febrero.xlsx"))
    pulsar(qtbot, segundo, SIGUIENTE)
    columnas = segundo.pagina_columnas
    assert columnas.mapeo() == {"cuil": "B", "periodo": "C", "remuneracion": "D", "sac": None, "apellido_nombre": None}
    assert not columnas.aviso_recordada.isHidden() and columnas.aviso_recordada.text() == textos.RECORDADA
    assert segundo.button(SIGUIENTE).isEnabled()
    segundo.close()

    # a file whose columns moved is not given that mapping, nor is the other kind of import
    movido = abrir(qtbot, ctx)
    elegir(qtbot, movido, monkeypatch, _raro(tmp_path, "marzo.xlsx", ["CUIL", "Legajo"] + RARO[2:]))
    pulsar(qtbot, movido, SIGUIENTE)
    assert movido.pagina_columnas.mapeo()["periodo"] is None
    assert movido.pagina_columnas.aviso_recordada.isHidden()
    movido.close()
    columnas_archivo = segundo.examen.estructura.columnas
    assert memoria.recordada("familiares", columnas_archivo) is None


def test_volver_a_la_asignacion_detectada_la_olvida(qtbot, ctx, tmp_path, monkeypatch):
    ruta = xlsx(tmp_path / "h.xlsx", {"H": [ENCABEZADO, [CUIL_A, "Pérez, Ana", "01/2024", 5, 0]]})
    asistente = abrir(qtbot, ctx)
    elegir(qtbot, asistente, monkeypatch, ruta)
    columnas_archivo = asistente.pagina_archivo.examen.estructura.columnas
    pulsar(qtbot, asistente, SIGUIENTE)
    asistente.pagina_columnas.combos["apellido_nombre"].setCurrentIndex(0)
    assert asistente.pagina_columnas.validatePage()
    assert memoria.recordada("remuneraciones", columnas_archivo)["apellido_nombre"] is None
    asistente.pagina_columnas.combos["apellido_nombre"].setCurrentIndex(2)  # B, as detected
    assert asistente.pagina_columnas.validatePage()
    assert memoria.recordada("remuneraciones", columnas_archivo) is None


class Retenido:
    """Wraps a service so that its worker stops at its first progress report until the user
    cancels (the test then knows the work is under way when it presses «Cancelar»)."""

    def __init__(self, monkeypatch, nombre: str):
        self.empezo = threading.Event()
        real = getattr(importacion, nombre)

        def retenido(ctx, ruta, *, progreso, cancelar, **kw):
            def avance(hechos, total, texto=""):
                self.empezo.set()
                limite = time.monotonic() + 30
                while not cancelar() and time.monotonic() < limite:
                    time.sleep(0.005)
                return progreso(hechos, total, texto)

            return real(ctx, ruta, progreso=avance, cancelar=cancelar, **kw)

        monkeypatch.setattr(importacion, nombre, retenido)


FILAS = [ENCABEZADO, [CUIL_A, "Pérez, Ana", "01/2024", "100.000,00", 0],
         [CUIL_B, "Gómez, Luis", "02/2024", "200.000,00", 0]]


def test_cancelar_la_vista_previa(qtbot, ctx, ids, fabrica_demo, tmp_path, monkeypatch):
    ruta = xlsx(tmp_path / "h.xlsx", {"H": FILAS})
    retenido = Retenido(monkeypatch, "previsualizar_remuneraciones")
    asistente = abrir(qtbot, ctx)
    with sin_cambios(fabrica_demo):
        elegir(qtbot, asistente, monkeypatch, ruta)
        pulsar(qtbot, asistente, SIGUIENTE)
        pulsar(qtbot, asistente, SIGUIENTE)
        qtbot.waitUntil(retenido.empezo.is_set)
        QApplication.processEvents()  # the page became current: its buttons were updated
        vista = asistente.pagina_vista_previa
        assert vista.ocupado and not asistente.button(IMPORTAR).isEnabled()
        assert not asistente.button(ATRAS).isEnabled()  # «< Atrás» waits for the job
        qtbot.mouseClick(vista.panel.boton, Qt.MouseButton.LeftButton)
        esperar(qtbot, asistente)
    assert vista.barra.text() == textos.CANCELADA_VISTA_PREVIA
    assert vista.vista is None and not asistente.button(IMPORTAR).isEnabled()
    assert not vista.boton_releer.isHidden()
    monkeypatch.undo()  # the real service again, and the same settings
    ajustes_temporales(tmp_path / "ajustes")
    qtbot.mouseClick(vista.boton_releer, Qt.MouseButton.LeftButton)
    esperar(qtbot, asistente)
    assert vista.vista is not None and vista.vista.nuevas == 2 and asistente.button(IMPORTAR).isEnabled()


def test_cancelar_la_importacion_no_guarda_nada(qtbot, ctx, ids, fabrica_demo, tmp_path, monkeypatch):
    ruta = xlsx(tmp_path / "h.xlsx", {"H": FILAS})
    asistente = abrir(qtbot, ctx)
    Confirmaciones(monkeypatch)
    hasta_vista_previa(qtbot, asistente, monkeypatch, ruta)
    retenido = Retenido(monkeypatch, "importar_remuneraciones")
    importados = []
    asistente.importado.connect(importados.append)
    vista = asistente.pagina_vista_previa
    with sin_cambios(fabrica_demo):
        pulsar(qtbot, asistente, IMPORTAR)
        qtbot.waitUntil(retenido.empezo.is_set)
        qtbot.mouseClick(vista.panel.boton, Qt.MouseButton.LeftButton)
        esperar(qtbot, asistente)
    assert vista.aviso.text() == "No se importó nada: el archivo y la base quedaron como estaban."
    assert importados == [] and asistente.currentPage() is vista
    assert asistente.button(IMPORTAR).isEnabled()  # the preview still holds: it may be imported now
    assert guardadas(ctx, ids["A"]) == []


def test_cerrar_el_asistente_mientras_importa_cancela(qtbot, ctx, ids, fabrica_demo, tmp_path, monkeypatch):
    ruta = xlsx(tmp_path / "h.xlsx", {"H": FILAS})
    asistente = abrir(qtbot, ctx)
    Confirmaciones(monkeypatch)
    hasta_vista_previa(qtbot, asistente, monkeypatch, ruta)
    retenido = Retenido(monkeypatch, "importar_remuneraciones")
    with sin_cambios(fabrica_demo):
        pulsar(qtbot, asistente, IMPORTAR)
        qtbot.waitUntil(retenido.empezo.is_set)
        asistente.reject()  # «Cancelar» of the wizard, or Esc
        assert not asistente.isVisible() and not asistente.ocupado


def test_cerrar_mientras_examina_un_archivo_no_espera(qtbot, ctx, tmp_path, monkeypatch):
    """An examination cannot be cancelled: it is left behind and its result ignored."""
    from app.ui.importar import pagina_archivo

    soltar = threading.Event()
    monkeypatch.setattr(pagina_archivo, "examinar", lambda *a, **k: soltar.wait(30) and None)
    asistente = abrir(qtbot, ctx)
    monkeypatch.setattr(pagina_archivo, "elegir_archivo", lambda parent: str(tmp_path / "lento.xlsx"))
    qtbot.mouseClick(asistente.pagina_archivo.boton_examinar, Qt.MouseButton.LeftButton)
    trabajo = asistente.pagina_archivo.trabajo
    assert asistente.ocupado
    asistente.reject()
    assert not asistente.isVisible() and trabajo.abandonado
    soltar.set()
    qtbot.waitUntil(lambda: trabajo not in type(trabajo)._vivos)


def test_un_rol_sin_permiso_de_carga(qtbot, fabrica_demo, tmp_path, monkeypatch):
    ctx = contexto(fabrica_demo, "administrador")
    ruta = xlsx(tmp_path / "h.xlsx", {"H": FILAS})
    asistente = abrir(qtbot, ctx)
    elegir(qtbot, asistente, monkeypatch, ruta)
    pulsar(qtbot, asistente, SIGUIENTE)
    pulsar(qtbot, asistente, SIGUIENTE)
    esperar(qtbot, asistente)
    vista = asistente.pagina_vista_previa
    assert vista.barra.text().startswith("El usuario «administrador1» (rol administrador) no puede cargar")
    assert not asistente.button(IMPORTAR).isEnabled()



def test_cerrar_la_ventana_principal_cancela_la_importacion(qtbot, ctx, ids, fabrica_demo, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMainWindow

    from app.ui.importar import agregar_acciones

    ventana = QMainWindow()
    qtbot.addWidget(ventana)
    ventana.show()
    acciones = agregar_acciones(ventana.menuBar().addMenu("&Archivo"), ventana, lambda: ctx)
    acciones["remuneraciones"].trigger()
    asistente = ventana._asistente_importacion
    Confirmaciones(monkeypatch)
    hasta_vista_previa(qtbot, asistente, monkeypatch, xlsx(tmp_path / "h.xlsx", {"H": FILAS}))
    retenido = Retenido(monkeypatch, "importar_remuneraciones")
    with sin_cambios(fabrica_demo):
        pulsar(qtbot, asistente, IMPORTAR)
        qtbot.waitUntil(retenido.empezo.is_set)
        ventana.close()
        assert not asistente.ocupado and not asistente.isVisible()
