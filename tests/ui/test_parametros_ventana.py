"""«Tablas de parámetros»: what the window shows of the bundled tables (checked against the CSVs
themselves), and importing a spreadsheet through the preview (QFileDialog patched)."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal as D

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app import config
from app.services import parametros
from app.ui.parametros import VentanaParametros
from app.ui.roles import A_DERECHA, ROL_ALINEACION, ROL_AYUDA
from tests.ui.conftest import contexto


def _csv(nombre: str) -> list[list[str]]:
    with open(config.parametros_dir() / nombre, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))[1:]


RIPTE = [(p, D(v)) for p, v in _csv("ripte.csv")]
TASAS = _csv("tasa_activa_bna.csv")


def es_ar(valor: D) -> str:
    """1234567.891 → 1.234.567,89, written here independently of app.ui.formato."""
    return f"{valor.quantize(D('0.01')):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _fila(modelo, columna: int, texto: str) -> int:
    return next(n for n in range(modelo.rowCount()) if modelo.texto(n, columna) == texto)


@pytest.fixture
def ventana(qtbot, fabrica_demo):
    v = VentanaParametros(contexto(fabrica_demo, "administrador", "adrian"))
    qtbot.addWidget(v)
    v.show()
    return v


def _libro(ruta, filas, hojas=("RIPTE",)):
    libro = openpyxl.Workbook()
    libro.active.title = hojas[0]
    for otra in hojas[1:]:
        libro.create_sheet(otra)
    hoja = libro[hojas[-1]]
    hoja.append(["periodo", "indice"])
    for fila in filas:
        hoja.append(list(fila))
    libro.save(ruta)
    return ruta


def _elegir(monkeypatch, ruta):
    llamadas = []

    def elegir(parent, titulo, carpeta, filtro):
        llamadas.append((titulo, filtro))
        return str(ruta), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(elegir))
    return llamadas


def _esperar(qtbot, ventana, condicion):
    """The background task ends and its result is handed over (`Tarea.esperar`), then the screen."""
    if ventana.tarea is not None:
        assert ventana.tarea.esperar(15000)
    qtbot.waitUntil(condicion, timeout=15000)


def _vista_previa(qtbot, ventana):
    _esperar(qtbot, ventana, lambda: ventana.vista_previa is not None and ventana.vista_previa.isVisible())
    return ventana.vista_previa


# ------------------------------------------------------------------ viewing

def test_muestra_el_ripte_incluido_en_formato_es_ar(ventana):
    modelo = ventana.modelo_filas
    assert ventana.combo_tabla.currentText() == "RIPTE"
    assert modelo.rowCount() == len(RIPTE) == modelo.total
    assert f"{len(RIPTE)} filas" in ventana.etiqueta_version.text()
    assert "versión 1 (vigente)" in ventana.etiqueta_version.text()
    n = _fila(modelo, 0, "05-2019")
    assert modelo.texto(n, 1) == es_ar(dict(RIPTE)["2019-05"]) == "4.676,25"
    assert modelo.data(modelo.index(n, 1), ROL_ALINEACION) == A_DERECHA
    primero, ultimo = RIPTE[0], RIPTE[-1]
    assert modelo.texto(0, 0) == f"{primero[0][5:]}-{primero[0][:4]}" and modelo.texto(0, 1) == es_ar(primero[1])
    assert modelo.texto(len(RIPTE) - 1, 1) == es_ar(ultimo[1])
    # the origin of every row is the version it belongs to: the bundled file
    origen = modelo.columna("Origen")
    assert {modelo.texto(i, origen) for i in range(modelo.rowCount())} == {"incluidas con el programa (ripte.csv)"}
    assert "Versión 1 · cargada por admin" in modelo.data(modelo.index(n, 0), ROL_AYUDA)
    fuente = ventana.texto_fuente.toPlainText()
    assert "ripte.csv — índice RIPTE mensual" in fuente and "##" not in fuente  # FUENTES.md, Spanish
    versiones = ventana.modelo_versiones
    assert versiones.rowCount() == 1 and versiones.texto(0, 1) == "Vigente"
    assert versiones.texto(0, versiones.columna("SHA-256")) == parametros.versiones(ventana.ctx, "ripte")[0]["sha256"]


def test_buscar_filtra_las_filas(ventana, qtbot):
    qtbot.keyClicks(ventana.campo_buscar, "2019")
    modelo = ventana.modelo_filas
    esperados = [f"{p[5:]}-{p[:4]}" for p, _ in RIPTE if p.startswith("2019")]
    assert [modelo.texto(i, 0) for i in range(modelo.rowCount())] == esperados and len(esperados) == 12
    assert f"12 de {len(RIPTE)} filas" in ventana.etiqueta_version.text()
    ventana.campo_buscar.setText("4676")  # an amount without its thousands dot
    assert [modelo.texto(i, 0) for i in range(modelo.rowCount())] == ["05-2019"]
    ventana.campo_buscar.clear()
    assert modelo.rowCount() == len(RIPTE)


def test_tasas_fechas_y_porcentajes(ventana):
    ventana.combo_tabla.setCurrentIndex(ventana.combo_tabla.findData("tasas"))
    modelo = ventana.modelo_filas
    assert modelo.rowCount() == len(TASAS)
    desde, hasta, tna, origen = TASAS[-1]
    n = _fila(modelo, 0, date.fromisoformat(desde).strftime("%d/%m/%Y"))
    assert modelo.texto(n, 1) == date.fromisoformat(hasta).strftime("%d/%m/%Y")
    dias = (date.fromisoformat(hasta) - date.fromisoformat(desde)).days + 1
    assert modelo.texto(n, 2) == str(dias)
    assert modelo.texto(n, 3) == es_ar(D(tna)) + " %"
    assert modelo.texto(n, 4) == origen  # the row's own source, from the CSV
    assert "05/03/2025" in ventana.texto_fuente.toPlainText()  # FUENTES.md: the note about the gap


def test_todas_las_tablas_se_muestran(ventana):
    for i in range(ventana.combo_tabla.count()):
        ventana.combo_tabla.setCurrentIndex(i)
        tabla = ventana.tabla
        esperadas = len([f for f in _csv(parametros.ARCHIVOS[tabla]) if any(c.strip() for c in f)])
        assert ventana.modelo_filas.rowCount() == esperadas, tabla
        assert ventana.mensaje() == ""


# ------------------------------------------------------------------ importing

def test_importar_archivo_con_problemas_no_guarda(ventana, qtbot, monkeypatch, tmp_path):
    filas = [[p, float(v)] for p, v in RIPTE]
    filas[3][1] = -5.0
    filas.append(["2026-13", 1.0])
    llamadas = _elegir(monkeypatch, _libro(tmp_path / "ripte_malo.xlsx", filas))
    antes = parametros.versiones(ventana.ctx, "ripte")

    qtbot.mouseClick(ventana.boton_importar, Qt.MouseButton.LeftButton)
    dialogo = _vista_previa(qtbot, ventana)

    assert llamadas and "*.xlsx" in llamadas[0][1] and "*.csv" in llamadas[0][1]
    problemas = dialogo.modelo_problemas
    assert problemas.rowCount() == 2
    # header in row 1: data row i is row i + 2
    assert [(problemas.texto(i, 1), problemas.texto(i, 2)) for i in range(2)] == [
        ("5", "indice"), (str(len(RIPTE) + 2), "periodo")]
    assert problemas.texto(0, 0) == "ripte_malo.xlsx, hoja «RIPTE»"
    assert "negativo" in problemas.texto(0, 3) and "no es un mes real" in problemas.texto(1, 3)
    assert not dialogo.boton_confirmar.isEnabled()
    assert "2 problemas" in dialogo.etiqueta_resumen.text()
    dialogo.boton_confirmar.click()  # disabled: nothing happens
    dialogo.reject()
    assert parametros.versiones(ventana.ctx, "ripte") == antes
    assert ventana.modelo_versiones.rowCount() == len(antes)


def test_importar_y_confirmar_agrega_una_version(ventana, qtbot, monkeypatch, tmp_path):
    filas = [[p, float(v)] for p, v in RIPTE]
    i = [p for p, _ in RIPTE].index("2019-05")
    filas[i][1] = "4.700,00"
    filas.append([date(2026, 5, 1), "215.000,10"])
    _elegir(monkeypatch, _libro(tmp_path / "ripte_nuevo.xlsx", filas))
    versiones_antes = ventana.modelo_versiones.rowCount()

    ventana.boton_importar.click()
    dialogo = _vista_previa(qtbot, ventana)

    cambios = dialogo.modelo_cambios
    assert [cambios.fila(n).textos for n in range(cambios.rowCount())] == [
        ("Cambiada", "05-2019", f"Índice RIPTE: {es_ar(dict(RIPTE)['2019-05'])}", "Índice RIPTE: 4.700,00"),
        ("Agregada", "05-2026", "", "Índice RIPTE: 215.000,10"),
    ]
    assert "1 agregada, 1 cambiada, 0 quitadas" in dialogo.etiqueta_resumen.text()
    assert dialogo.modelo_filas.rowCount() == len(RIPTE) + 1
    assert dialogo.boton_confirmar.isEnabled() and dialogo.combo_hoja.isHidden()

    dialogo.boton_confirmar.click()
    _esperar(qtbot, ventana, lambda: ventana.vista_previa is None or not ventana.vista_previa.isVisible())
    _esperar(qtbot, ventana, lambda: ventana.modelo_versiones.rowCount() == versiones_antes + 1)

    assert ventana.modelo_versiones.texto(0, 1) == "Vigente" and ventana.modelo_versiones.texto(1, 1) == "Reemplazada"
    assert "ripte_nuevo.xlsx" in ventana.modelo_versiones.texto(0, ventana.modelo_versiones.columna("Origen / archivo"))
    modelo = ventana.modelo_filas
    assert modelo.rowCount() == len(RIPTE) + 1
    assert modelo.texto(_fila(modelo, 0, "05-2019"), 1) == "4.700,00"
    assert "ripte_nuevo.xlsx" in modelo.texto(0, modelo.columna("Origen"))
    assert "Se guardó la versión 2 de RIPTE" in ventana.mensaje()
    with ventana.ctx.fabrica() as s:  # the engine now uses the new value
        from app.liquidacion.fechas import Periodo

        assert parametros.parametros_vigentes(s).ripte.indice(Periodo(2019, 5)) == D("4700.00")

    # the previous version is still there, with the bundled value
    ventana.tabla_versiones.clicked.emit(ventana.modelo_versiones.index(1, 0))
    assert "versión 1 (reemplazada" in ventana.etiqueta_version.text()
    assert ventana.modelo_filas.texto(_fila(ventana.modelo_filas, 0, "05-2019"), 1) == "4.676,25"


def test_libro_con_varias_hojas_elige_la_hoja(ventana, qtbot, monkeypatch, tmp_path):
    ruta = _libro(tmp_path / "libro.xlsx", [[p, float(v)] for p, v in RIPTE], hojas=("Portada", "Datos"))
    _elegir(monkeypatch, ruta)
    ventana.boton_importar.click()
    primero = _vista_previa(qtbot, ventana)
    assert not primero.combo_hoja.isHidden() and primero.combo_hoja.currentText() == "Portada"
    assert "la hoja «Portada» está vacía" in primero.modelo_problemas.texto(0, 3)
    primero.combo_hoja.setCurrentText("Datos")
    _esperar(qtbot, ventana, lambda: ventana.vista_previa is not None and ventana.vista_previa is not primero
             and ventana.vista_previa.isVisible())
    segundo = ventana.vista_previa
    assert segundo.vista.hoja == "Datos" and segundo.modelo_problemas.rowCount() == 0
    assert segundo.modelo_cambios.rowCount() == 0 and "Sin diferencias" in segundo.etiqueta_resumen.text()


def test_rechazo_al_confirmar_se_muestra_en_el_dialogo(ventana, qtbot, monkeypatch, tmp_path):
    filas = [[p, float(v)] for p, v in RIPTE]
    filas[0][1] = 345.0
    ruta = _libro(tmp_path / "ripte.xlsx", filas)
    _elegir(monkeypatch, ruta)
    ventana.boton_importar.click()
    dialogo = _vista_previa(qtbot, ventana)
    filas[0][1] = 346.0
    _libro(ruta, filas)  # someone edits the file after the preview
    antes = parametros.versiones(ventana.ctx, "ripte")
    dialogo.boton_confirmar.click()
    _esperar(qtbot, ventana, lambda: dialogo.mensaje() != "")
    assert "cambió desde la vista previa" in dialogo.mensaje()
    assert not dialogo.boton_confirmar.isEnabled()
    assert parametros.versiones(ventana.ctx, "ripte") == antes


@pytest.mark.parametrize("rol", ["operador", "liquidador", "supervisor"])
def test_sin_permiso_no_puede_importar(qtbot, fabrica_demo, monkeypatch, rol):
    v = VentanaParametros(contexto(fabrica_demo, rol))
    qtbot.addWidget(v)
    v.show()
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a: pytest.fail("no debía abrirse el diálogo de archivos")))
    assert not v.boton_importar.isEnabled()
    assert f"Su rol ({rol}) no puede" in v.boton_importar.toolTip()
    v.importar()  # even if called directly
    assert v.vista_previa is None
    assert v.modelo_filas.rowCount() == len(RIPTE)  # but may look at the tables


def test_escape_cierra(ventana, qtbot):
    qtbot.keyClick(ventana, Qt.Key.Key_Escape)
    assert not ventana.isVisible()
