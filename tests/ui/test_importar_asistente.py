"""The import wizard driven through its buttons over a private copy of the demo store (pytest-qt,
offscreen): a good salary file end to end, a file with errors (Importar disabled, every problem
listed, the report saved), only the valid rows, replace vs keep, unusable files, a refused import."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from app.models import Auditoria
from app.services import agentes
from app.ui import mensajes
from app.ui.importar import textos
from app.ui.importar.modelos import ModeloProblemas
from tests.importers.planillas import digitos, xlsx
from tests.servicios.ayudas import sin_cambios
from tests.ui.conftest import contexto
from tests.ui.importar_ayudas import (
    ATRAS,
    CANCELAR,
    CERRAR,
    CUIL_A,
    CUIL_B,
    ENCABEZADO,
    IMPORTAR,
    SIGUIENTE,
    Confirmaciones,
    abrir,
    ajustes_temporales,
    cuentas,
    elegir,
    esperar,
    guardadas,
    hasta_vista_previa,
    pulsar,
    registrar_agentes,
)

D = Decimal


@pytest.fixture(autouse=True)
def _ajustes(tmp_path):
    ajustes_temporales(tmp_path / "ajustes")


@pytest.fixture
def ctx(fabrica_demo):
    return contexto(fabrica_demo, "operador")


@pytest.fixture
def ids(ctx):
    return registrar_agentes(ctx)


def _haberes(tmp_path, filas, nombre="haberes.xlsx"):
    """A title block (merged) above the header, as payroll exports come."""
    return xlsx(tmp_path / nombre, {"Haberes": [["Historial de haberes — Ministerio de Salud"], [], ENCABEZADO]
                                    + filas}, combinar={"Haberes": ["A1:E1"]})


BUENAS = [
    [CUIL_A, "Pérez, Ana", "01/2024", "1.234.567,89", None],
    [digitos(CUIL_A), "Pérez, Ana", date(2024, 2, 1), "250.000,50", 0],
    [CUIL_A, "Pérez, Ana", "2024-03", 250000, None],
    [CUIL_B, "Gómez, Luis", "06/2024", "300.000,00", "150.000,00"],
    [CUIL_B, "Gómez, Luis", "07/2024", 310000, 0],
]


def test_botones_en_castellano(qtbot, ctx):
    asistente = abrir(qtbot, ctx)
    assert [asistente.buttonText(b) for b in (ATRAS, SIGUIENTE, IMPORTAR, CERRAR, CANCELAR)] == [
        "< &Atrás", "&Siguiente >", "&Importar", "&Cerrar", "&Cancelar"]
    assert asistente.windowTitle() == "Importar remuneraciones"
    assert not asistente.button(SIGUIENTE).isEnabled()  # no file yet
    asistente.pagina_archivo.radios["familiares"].click()
    assert asistente.windowTitle() == "Importar familiares"


def test_un_buen_archivo_de_punta_a_punta(qtbot, ctx, ids, tmp_path, monkeypatch):
    ruta = _haberes(tmp_path, BUENAS)
    asistente = abrir(qtbot, ctx)
    importados = []
    asistente.importado.connect(importados.append)
    confirmar = Confirmaciones(monkeypatch)

    elegir(qtbot, asistente, monkeypatch, ruta)
    archivo = asistente.pagina_archivo
    assert archivo.etiqueta_estructura.text() == (
        "Hoja «Haberes»: encabezado en la fila 3; 5 columnas: A «CUIL», B «Apellido y Nombre», C «Período», "
        "D «Remuneración», E «SAC».")
    assert archivo.combo_hoja.currentText() == "Haberes"

    pulsar(qtbot, asistente, SIGUIENTE)
    columnas = asistente.pagina_columnas
    assert columnas.mapeo() == {"cuil": "A", "periodo": "C", "remuneracion": "D", "sac": "E", "apellido_nombre": "B"}
    assert columnas.combos["periodo"].currentText() == "C — Período"
    assert columnas.aviso_recordada.isHidden()

    pulsar(qtbot, asistente, SIGUIENTE)
    esperar(qtbot, asistente)
    vista = asistente.pagina_vista_previa
    assert cuentas(asistente) == {"leidas": "5", "validas": "5", "con_error": "0", "advertencias": "0",
                                  "nuevas": "5", "reemplazos": "0", "iguales": "0", "conservadas": "0"}
    assert vista.barra.text() == "Listo para importar: 5 filas nuevas."
    assert vista.modelo_problemas.rowCount() == 0 and vista.modelo_ya_cargadas.rowCount() == 0
    assert not vista.check_solo_validas.isEnabled()
    assert asistente.button(IMPORTAR).isEnabled()
    assert guardadas(ctx, ids["A"]) == []

    pulsar(qtbot, asistente, IMPORTAR)
    assert confirmar.preguntas == [(
        "Importar remuneraciones", "¿Importar remuneraciones de «haberes.xlsx» (hoja «Haberes»)?",
        "Se escribirán 5 filas nuevas.\n"
        "Todo se guarda en una sola operación: si algo falla, no se guarda nada.")]
    esperar(qtbot, asistente)
    assert asistente.currentPage() is asistente.pagina_resultado
    assert guardadas(ctx, ids["A"]) == [("2024-01", D("1234567.89"), D("0.00")), ("2024-02", D("250000.50"), D("0.00")),
                                        ("2024-03", D("250000.00"), D("0.00"))]
    assert guardadas(ctx, ids["B"]) == [("2024-06", D("300000.00"), D("150000.00")), ("2024-07", D("310000.00"), D("0.00"))]
    assert len(importados) == 1 and (importados[0].insertadas, importados[0].reemplazadas) == (5, 0)
    resultado = asistente.pagina_resultado
    assert resultado.barra.text() == ("Se importaron remuneraciones de «haberes.xlsx», hoja «Haberes» en una sola "
                                      "operación, registrada en la auditoría.")
    assert resultado.lineas() == ["Filas leídas: 5", "Nuevas: 5", "Reemplazadas: 0", "Ya cargadas sin cambios: 0",
                                  "Ya cargadas que se conservaron: 0"]
    assert not asistente.button(ATRAS).isEnabled()  # written: no way back
    assert not asistente.button(CANCELAR).isVisible()
    pulsar(qtbot, asistente, CERRAR)
    assert not asistente.isVisible()


CON_ERRORES = [
    [CUIL_A, "Pérez, Ana", "01/2024", "100.000,00", None],
    [CUIL_A, "Pérez, Ana", "13/2024", "100.000,00", None],  # row 5: month 13
    ["20-30111001-0", "Pérez, Ana", "02/2024", "100.000,00", None],  # row 6: wrong check digit
    [CUIL_B, "Gómez, Luis", "03/2024", "-5,00", None],  # row 7: negative
    [CUIL_B, "Gómez, Luis", "04/2024", "200.000,00", None],
]
ERRORES = [
    ("5", "C «Período»", "13/2024", "el mes 13 no existe (debe ser de 1 a 12)", "Error"),
    ("6", "A «CUIL»", "20-30111001-0", "el dígito verificador del CUIL es incorrecto", "Error"),
    ("7", "D «Remuneración»", "-5,00", "el importe no puede ser negativo", "Error"),
]


def test_con_errores_importar_queda_deshabilitado_y_el_informe_se_guarda(qtbot, ctx, ids, fabrica_demo, tmp_path,
                                                                         monkeypatch):
    ruta = _haberes(tmp_path, CON_ERRORES)
    asistente = abrir(qtbot, ctx)
    with sin_cambios(fabrica_demo):
        hasta_vista_previa(qtbot, asistente, monkeypatch, ruta)
    vista = asistente.pagina_vista_previa
    assert cuentas(asistente) == {"leidas": "5", "validas": "2", "con_error": "3", "advertencias": "0",
                                  "nuevas": "2", "reemplazos": "0", "iguales": "0", "conservadas": "0"}
    assert not asistente.button(IMPORTAR).isEnabled()
    assert vista.barra.text() == (
        "El archivo tiene 3 errores en 3 filas (vea «Problemas»): así no se importa nada y el botón «Importar» queda "
        "deshabilitado. Corrija el archivo y vuelva a empezar, o marque «Importar sólo las filas válidas» para "
        "importar las 2 filas sin errores.")
    modelo = vista.modelo_problemas
    assert [modelo.textos(n)[:2] for n in range(3)] == [("haberes.xlsx", "Haberes")] * 3
    assert [modelo.textos(n)[2:] for n in range(modelo.rowCount())] == ERRORES
    assert vista.pestanias.tabText(0) == "&Problemas (3)" and vista.pestanias.currentIndex() == 0
    assert modelo.data(modelo.index(0, 0), Qt.ItemDataRole.BackgroundRole).color().name() == "#fbe0e0"
    assert vista.check_solo_validas.isEnabled()

    # sorted by «Valor», descending: the texts decide; «Gravedad» ascending again: errors, by row
    vista.tabla_problemas.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    assert [modelo.texto(n, 4) for n in range(3)] == ["20-30111001-0", "13/2024", "-5,00"]
    vista.tabla_problemas.sortByColumn(ModeloProblemas.COL_GRAVEDAD, Qt.SortOrder.AscendingOrder)
    assert [modelo.texto(n, 2) for n in range(3)] == ["5", "6", "7"]

    # «Guardar informe…»: the same dialog as every export, then the .xlsx read back
    destino = tmp_path / "informe.xlsx"
    avisos = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(destino), a[-1]))
    monkeypatch.setattr(mensajes, "informar", lambda parent, texto, titulo="", detalle="": avisos.append(texto))
    qtbot.mouseClick(vista.boton_informe, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: vista.tarea_informe.hecha, timeout=20_000)
    assert avisos == ["Se guardó el informe con 3 problemas en «informe.xlsx»."]
    hoja = openpyxl.load_workbook(destino).active
    filas = [tuple(c for c in fila) for fila in hoja.iter_rows(values_only=True)]
    assert filas[0] == ("Archivo", "Hoja", "Fila", "Columna", "Valor", "Problema", "Gravedad")
    assert filas[1:] == [("haberes.xlsx", "Haberes", int(f), col, valor, motivo, grav)
                         for f, col, valor, motivo, grav in ERRORES]
    assert not list(tmp_path.glob(".~*"))  # no temporary file left next to it


def test_solo_las_filas_validas_queda_en_la_auditoria(qtbot, ctx, ids, fabrica_demo, tmp_path, monkeypatch):
    ruta = _haberes(tmp_path, CON_ERRORES)
    asistente = abrir(qtbot, ctx)
    confirmar = Confirmaciones(monkeypatch)
    hasta_vista_previa(qtbot, asistente, monkeypatch, ruta)
    vista = asistente.pagina_vista_previa
    vista.check_solo_validas.click()
    assert asistente.button(IMPORTAR).isEnabled()
    assert vista.barra.text() == ("Se importarán sólo las filas válidas: 2 filas nuevas. 3 filas con errores se "
                                  "omiten, y eso queda registrado en la auditoría.")
    pulsar(qtbot, asistente, IMPORTAR)
    assert "Se omiten 3 filas con errores; queda registrado en la auditoría." in confirmar.preguntas[0][2]
    esperar(qtbot, asistente)
    assert asistente.resumen.omitidas == [5, 6, 7]
    assert guardadas(ctx, ids["A"]) == [("2024-01", D("100000.00"), D("0.00"))]
    assert guardadas(ctx, ids["B"]) == [("2024-04", D("200000.00"), D("0.00"))]
    assert "Filas con errores omitidas: 3 (filas 5, 6, 7); quedó registrado en la auditoría" in \
        asistente.pagina_resultado.lineas()
    with fabrica_demo() as sesion:
        auditoria = sesion.scalars(select(Auditoria).where(Auditoria.accion == "importar_remuneraciones")).one()
    assert (auditoria.usuario, auditoria.despues["filas_omitidas_numeros"], auditoria.despues["insertadas"]) == (
        "operador1", [5, 6, 7], 2)


@pytest.mark.parametrize("opcion, esperado", [
    ("reemplazar", [("2024-01", D("120000.00"), D("0.00")), ("2024-02", D("100000.00"), D("0.00")),
                    ("2024-03", D("130000.00"), D("0.00"))]),
    ("conservar", [("2024-01", D("100000.00"), D("0.00")), ("2024-02", D("100000.00"), D("0.00")),
                   ("2024-03", D("130000.00"), D("0.00"))]),
])
def test_ya_cargadas_se_reemplazan_o_se_conservan(qtbot, ctx, ids, tmp_path, monkeypatch, opcion, esperado):
    agentes.cargar_remuneraciones(ctx, ids["A"], [{"periodo": "2024-01", "remuneracion": "100000.00"},
                                                  {"periodo": "2024-02", "remuneracion": "100000.00"}])
    ruta = _haberes(tmp_path, [[CUIL_A, "Pérez, Ana", "01/2024", "120.000,00", None],
                               [CUIL_A, "Pérez, Ana", "02/2024", "100.000,00", None],  # the same: nothing to do
                               [CUIL_A, "Pérez, Ana", "03/2024", "130.000,00", None]])
    asistente = abrir(qtbot, ctx)
    confirmar = Confirmaciones(monkeypatch)
    hasta_vista_previa(qtbot, asistente, monkeypatch, ruta)
    vista = asistente.pagina_vista_previa
    assert cuentas(asistente) == {"leidas": "3", "validas": "3", "con_error": "0", "advertencias": "1",
                                  "nuevas": "1", "reemplazos": "1", "iguales": "1", "conservadas": "0"}
    ya = vista.modelo_ya_cargadas
    assert [ya.textos(n) for n in range(ya.rowCount())] == [
        ("4", CUIL_A, "01-2024", "100.000,00", "0,00", "120.000,00", "0,00", "Se reemplaza")]
    if opcion == "conservar":
        vista.radio_conservar.click()  # the preview runs again
        esperar(qtbot, asistente)
        assert cuentas(asistente) == {"leidas": "3", "validas": "3", "con_error": "0", "advertencias": "1",
                                      "nuevas": "1", "reemplazos": "0", "iguales": "1", "conservadas": "1"}
        ya = vista.modelo_ya_cargadas
        assert ya.textos(0)[-1] == "Se conserva lo cargado"
    pulsar(qtbot, asistente, IMPORTAR)
    assert confirmar.preguntas[0][2].splitlines()[:-1] == (
        ["Se escribirá 1 fila nueva y se reemplazará 1 fila ya cargada."] if opcion == "reemplazar" else
        ["Se escribirá 1 fila nueva.", "Se conserva como está 1 fila ya cargada."])
    esperar(qtbot, asistente)
    assert asistente.resumen.reemplazadas == (1 if opcion == "reemplazar" else 0)
    assert guardadas(ctx, ids["A"]) == esperado


@pytest.mark.parametrize("contenido, motivo", [
    (b"CUIL;Periodo;Remuneracion\n20-1;2024-01;5\n", "no es una planilla de Excel .xlsx: es un archivo de texto"),
    (b"", "el archivo está vacío"),
    (None, "el archivo de Excel está dañado o incompleto"),
])
def test_un_archivo_que_no_sirve_lo_dice_y_no_deja_seguir(qtbot, ctx, tmp_path, monkeypatch, contenido, motivo):
    ruta = tmp_path / "malo.xlsx"
    if contenido is None:  # a real workbook cut in half (a download that did not finish)
        datos = _haberes(tmp_path, BUENAS, "entero.xlsx").read_bytes()
        contenido = datos[: len(datos) // 2]
    ruta.write_bytes(contenido)
    asistente = abrir(qtbot, ctx)
    elegir(qtbot, asistente, monkeypatch, ruta)
    barra = asistente.pagina_archivo.barra
    assert barra.text().startswith(f"No se puede usar «malo.xlsx»: {motivo}")
    assert not barra.isHidden() and not asistente.button(SIGUIENTE).isEnabled()


def test_falta_una_columna_obligatoria_y_una_columna_repetida(qtbot, ctx, tmp_path, monkeypatch):
    ruta = xlsx(tmp_path / "raro.xlsx", {"Hoja1": [["CUIL", "Mes devengado", "Haberes"], [CUIL_A, "01/2024", 5]]})
    asistente = abrir(qtbot, ctx)
    elegir(qtbot, asistente, monkeypatch, ruta)
    assert asistente.pagina_archivo.barra.text() == ("No se reconoció la columna de «Período»: se elige en el paso "
                                                     "siguiente.")
    pulsar(qtbot, asistente, SIGUIENTE)
    columnas = asistente.pagina_columnas
    assert columnas.barra.text() == "Falta elegir la columna de: «Período»."
    assert not asistente.button(SIGUIENTE).isEnabled()
    combo = columnas.combos["periodo"]
    combo.setCurrentIndex(combo.findData("C"))  # the same column as Remuneración
    assert columnas.barra.text() == ("La columna C — Haberes está elegida para «Período» y para «Remuneración»: "
                                     "cada columna puede ser de un solo dato.")
    assert not asistente.button(SIGUIENTE).isEnabled()
    combo.setCurrentIndex(combo.findData("B"))
    assert columnas.barra.isHidden() and asistente.button(SIGUIENTE).isEnabled()


def test_la_base_cambio_desde_la_vista_previa(qtbot, ctx, ids, fabrica_demo, tmp_path, monkeypatch):
    """The file is rewritten between the preview and «Importar»: the import refuses, nothing is
    written, and the page shows the new problems."""
    ruta = _haberes(tmp_path, BUENAS[:2])
    asistente = abrir(qtbot, ctx)
    Confirmaciones(monkeypatch)
    hasta_vista_previa(qtbot, asistente, monkeypatch, ruta)
    assert asistente.button(IMPORTAR).isEnabled()
    _haberes(tmp_path, BUENAS[:1] + [[CUIL_A, "Pérez, Ana", "13/2024", 1, None]])  # same name, new content
    with sin_cambios(fabrica_demo):
        pulsar(qtbot, asistente, IMPORTAR)
        esperar(qtbot, asistente)
    vista = asistente.pagina_vista_previa
    assert asistente.currentPage() is vista and asistente.resumen is None
    assert vista.aviso.text() == textos.RECHAZADA
    modelo = vista.modelo_problemas
    assert [modelo.textos(n)[2:] for n in range(modelo.rowCount())] == [
        ("5", "C «Período»", "13/2024", "el mes 13 no existe (debe ser de 1 a 12)", "Error")]
    assert not asistente.button(IMPORTAR).isEnabled()
