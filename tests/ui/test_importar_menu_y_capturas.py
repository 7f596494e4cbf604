"""The wizard from the main window's menu (`agregar_acciones`), its keyboard (one mnemonic per
letter on each page), the problems model at a million-row scale, and the guide's screenshots
(app/ui/captura_importar.py)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QLabel, QMainWindow, QWizard

from app.importers import ADVERTENCIA, ERROR, Problema
from app.ui import captura_importar
from app.ui.capturas import uniforme
from app.ui.importar import agregar_acciones
from app.ui.importar.modelos import ModeloProblemas
from tests.importers.planillas import xlsx
from tests.ui.conftest import contexto
from tests.ui.importar_ayudas import (
    CUIL_A,
    ENCABEZADO,
    SIGUIENTE,
    abrir,
    ajustes_temporales,
    elegir,
    pulsar,
    registrar_agentes,
)


@pytest.fixture(autouse=True)
def _ajustes(tmp_path):
    ajustes_temporales(tmp_path / "ajustes")


def test_acciones_del_menu_archivo(qtbot, fabrica_demo):
    ctx = contexto(fabrica_demo, "operador")
    ventana = QMainWindow()
    qtbot.addWidget(ventana)
    menu = ventana.menuBar().addMenu("&Archivo")
    importados = []
    acciones = agregar_acciones(menu, ventana, lambda: ctx, al_importar=importados.append)
    assert [a.text() for a in menu.actions()] == ["Importar &remuneraciones…", "Importar &familiares…"]
    assert all(a.isEnabled() for a in acciones.values())
    acciones["familiares"].trigger()
    asistente = ventana._asistente_importacion
    assert asistente.isVisible() and asistente.tipo == "familiares" and asistente.windowTitle() == "Importar familiares"
    assert asistente.windowModality() == Qt.WindowModality.WindowModal  # over its window only
    acciones["remuneraciones"].trigger()  # one wizard per window: the open one is raised
    assert ventana._asistente_importacion is asistente
    asistente.importado.emit("resumen")
    assert importados == ["resumen"]

    sin_permiso = QMainWindow()
    qtbot.addWidget(sin_permiso)
    admin = contexto(fabrica_demo, "administrador")
    otras = agregar_acciones(sin_permiso.menuBar().addMenu("&Archivo"), sin_permiso, lambda: admin)
    assert not any(a.isEnabled() for a in otras.values())
    assert otras["remuneraciones"].toolTip() == "El rol administrador no puede importar datos."


def _atajos(widget, asistente) -> list[str]:
    """The mnemonic letters a user can press on the page shown (its buttons and labelled fields,
    the tabs, and the wizard's own buttons)."""
    textos = [b.text() for b in widget.findChildren(QAbstractButton) if b.isVisibleTo(widget)]
    textos += [e.text() for e in widget.findChildren(QLabel) if e.buddy() is not None and e.isVisibleTo(widget)]
    pestanias = getattr(widget, "pestanias", None)
    if pestanias is not None:
        textos += [pestanias.tabText(i) for i in range(pestanias.count())]
    textos += [asistente.button(b).text() for b in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                                                    QWizard.WizardButton.CommitButton, QWizard.WizardButton.CancelButton)
               if asistente.button(b).isVisible()]
    return [m.group(1).lower() for t in textos if (m := re.search(r"&(\w)", t))]


def test_cada_pagina_tiene_atajos_de_teclado_sin_repetir(qtbot, fabrica_demo, tmp_path, monkeypatch):
    ctx = contexto(fabrica_demo, "operador")
    registrar_agentes(ctx)
    ruta = xlsx(tmp_path / "h.xlsx", {"H": [ENCABEZADO, [CUIL_A, "Pérez, Ana", "01/2024", 5, 0]]})
    asistente = abrir(qtbot, ctx, "familiares")
    asistente.pagina_archivo.radios["remuneraciones"].click()
    elegir(qtbot, asistente, monkeypatch, ruta)
    vistos = []
    for pagina in (asistente.pagina_archivo, asistente.pagina_columnas, asistente.pagina_vista_previa):
        if pagina is asistente.pagina_vista_previa:
            hasta = asistente.pagina_vista_previa
            qtbot.waitUntil(lambda: not hasta.ocupado)
        atajos = _atajos(pagina, asistente)
        assert len(atajos) == len(set(atajos)), (pagina.title(), sorted(atajos))
        vistos.append(len(atajos))
        if pagina is not asistente.pagina_vista_previa:
            pulsar(qtbot, asistente, SIGUIENTE)
    assert min(vistos) >= 5
    # every combo of the columns page has its label pointing at it, in top-to-bottom tab order
    columnas = asistente.pagina_columnas
    primero = next(iter(columnas.combos.values()))
    orden, w = [], primero
    for _ in columnas.combos:
        orden.append(w)
        w = w.nextInFocusChain()
        while w is not None and w not in columnas.combos.values() and w is not primero:
            w = w.nextInFocusChain()
    assert orden == list(columnas.combos.values())


def test_el_modelo_de_problemas_con_muchas_filas():
    """A million-row file may bring as many problems: formatted on demand, sorted as asked."""
    problemas = [Problema("h.xlsx", "H", n, "C «Período»", f"{n % 13}/2024", "motivo", ERROR if n % 3 else ADVERTENCIA,
                          "periodo") for n in range(2, 200_002)]
    modelo = ModeloProblemas()
    modelo.cargar(problemas)
    assert modelo.rowCount() == 200_000
    primeras = [modelo.textos(n) for n in range(3)]
    assert primeras == [("h.xlsx", "H", "2", "C «Período»", "2/2024", "motivo", "Error"),
                        ("h.xlsx", "H", "4", "C «Período»", "4/2024", "motivo", "Error"),
                        ("h.xlsx", "H", "5", "C «Período»", "5/2024", "motivo", "Error")]
    ultima = modelo.textos(modelo.rowCount() - 1)
    assert ultima[2] == "200.001" and ultima[-1] == "Advertencia"  # es-AR thousands; warnings last
    for n in range(0, 200_000, 40):  # a long scroll's worth of data() calls, every role
        for col in range(7):
            indice = modelo.index(n, col)
            for rol in (0, 7, 8, 9, 3, 6):
                modelo.data(indice, rol)
    modelo.sort(2, Qt.SortOrder.DescendingOrder)
    assert [modelo.texto(n, 2) for n in range(2)] == ["200.001", "200.000"]


def test_capturas_para_la_guia(qtbot, fabrica_demo, tmp_path):
    hechas = captura_importar.capturar(tmp_path / "capturas", contexto(fabrica_demo, "supervisor"))
    assert [p.name for p in hechas] == list(captura_importar.ARCHIVOS)
    for ruta in hechas:
        imagen = QImage(str(ruta))
        assert imagen.width() >= 1000 and not uniforme(imagen)


def test_hasta_la_vista_previa_con_el_teclado(qtbot, fabrica_demo, tmp_path, monkeypatch):
    """Enter on each page presses the default button («Siguiente >»)."""
    ctx = contexto(fabrica_demo, "operador")
    registrar_agentes(ctx)
    ruta = xlsx(tmp_path / "h.xlsx", {"H": [ENCABEZADO, [CUIL_A, "Pérez, Ana", "01/2024", 5, 0]]})
    asistente = abrir(qtbot, ctx)
    elegir(qtbot, asistente, monkeypatch, ruta)
    qtbot.keyClick(asistente, Qt.Key.Key_Return)
    assert asistente.currentPage() is asistente.pagina_columnas
    qtbot.keyClick(asistente, Qt.Key.Key_Return)
    assert asistente.currentPage() is asistente.pagina_vista_previa
    qtbot.waitUntil(lambda: not asistente.ocupado)
    assert asistente.pagina_vista_previa.vista.nuevas == 1
