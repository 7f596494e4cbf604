"""The main window ties the grid to the siniestro windows: each row action opens its window (one
per kind and siniestro: asking again raises the same one), a window's «abrir_otra» opens its
sibling, a save in one window refreshes the grid and the other windows of that siniestro, and the
forms and the parameters screen open from the menus."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings

from app.services import liquidaciones
from app.ui.administracion.modelo import COL_LIQUIDACION, SINIESTRO
from app.ui.formularios import DialogoAgente, DialogoSiniestro
from app.ui.parametros import VentanaParametros
from app.ui.principal import VENTANAS_SINIESTRO, VentanaPrincipal, clase
from app.ui.siniestro.comun import VENTANAS
from tests.ui.conftest import contexto, siniestro_en


@pytest.fixture(autouse=True)
def _ajustes_temporales(tmp_path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ajustes"))


@pytest.fixture
def principal(qtbot, fabrica_demo):
    v = VentanaPrincipal(contexto(fabrica_demo, "supervisor"), "SQLite de prueba")
    qtbot.addWidget(v)
    v.show()
    yield v
    for ventana in list(v.ventanas.values()):
        ventana.close()


def test_cada_accion_abre_su_ventana_una_sola_vez(principal, fabrica_demo):
    assert set(VENTANAS_SINIESTRO) == set(VENTANAS)
    sid = siniestro_en(fabrica_demo, "acreditado")
    for nombre in VENTANAS:
        ventana = principal.abrir(nombre, sid)
        assert isinstance(ventana, clase(*VENTANAS_SINIESTRO[nombre]))
        assert ventana.isVisible() and ventana.siniestro_id == sid
        assert ventana.windowTitle().startswith(ventana.TITULO)
        assert principal.abrir(nombre, sid) is ventana  # raised, not duplicated
    assert len(principal.ventanas) == len(VENTANAS)


def test_la_grilla_pide_y_la_principal_abre(principal, fabrica_demo, qtbot):
    grilla = principal.administracion
    m = grilla.modelo
    n = next(i for i in range(m.rowCount()) if m.fila(i).tipo == SINIESTRO and m.fila(i).datos["tipo"] == "muerte")
    grilla.tabla.setCurrentIndex(m.index(n, 0))
    grilla.acciones["siape"].trigger()
    ventana = principal.ventanas[("siape", m.fila(n).siniestro_id)]
    assert ventana.isVisible()
    # a window asks for a sibling (SIAPE → «Pago…»)
    ventana.abrir_otra.emit("pago", ventana.siniestro_id)
    assert principal.ventanas[("pago", ventana.siniestro_id)].isVisible()


def test_guardar_en_una_ventana_refresca_la_grilla_y_las_demas(principal, fabrica_demo, qtbot):
    sid = siniestro_en(fabrica_demo, "liquidado")
    grilla = principal.administracion
    siape = principal.abrir("siape", sid)
    calcular = principal.abrir("calcular", sid)
    versiones = len(liquidaciones.versiones(principal.ctx, sid))
    # what CALCULAR's «Calcular y guardar» does, through the service, then its signal
    nueva = liquidaciones.calcular(principal.ctx, sid, date(2022, 6, 27))
    assert nueva["version"] == versiones + 1
    recargas = []
    siape.recargar = lambda: recargas.append(sid)
    calcular.cambiado.emit(sid)
    assert recargas == [sid]  # the other window of the same siniestro re-read the store
    fila = next(i for i in range(grilla.modelo.rowCount()) if grilla.modelo.fila(i).siniestro_id == sid)
    assert grilla.modelo.fila(fila).datos["liquidacion_version"] == versiones + 1
    assert grilla.modelo.texto(fila, COL_LIQUIDACION).startswith("27/06/2022")


def test_formularios_y_parametros_desde_los_menus(principal, monkeypatch, fabrica_demo):
    abiertos = []

    def exec_simulado(dialogo):
        abiertos.append(type(dialogo))
        return 0  # cancelled: nothing saved, nothing refreshed

    monkeypatch.setattr(DialogoAgente, "exec", exec_simulado)
    monkeypatch.setattr(DialogoSiniestro, "exec", exec_simulado)
    principal.accion_nuevo_agente.trigger()
    principal.accion_nuevo_siniestro.trigger()
    principal.abrir("siniestro", siniestro_en(fabrica_demo, "liquidado"))
    assert abiertos == [DialogoAgente, DialogoSiniestro, DialogoSiniestro]
    principal.accion_parametros.trigger()
    assert isinstance(principal.ventana_parametros, VentanaParametros) and principal.ventana_parametros.isVisible()
    principal.ventana_parametros.close()


def test_el_administrador_no_carga_agentes_ni_siniestros(qtbot, fabrica_demo):
    v = VentanaPrincipal(contexto(fabrica_demo, "administrador"), "")
    qtbot.addWidget(v)
    assert not v.accion_nuevo_agente.isEnabled() and not v.accion_nuevo_siniestro.isEnabled()
    assert "no puede cargar" in v.accion_nuevo_agente.toolTip()
