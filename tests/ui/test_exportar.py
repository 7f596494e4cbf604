"""«Exportar…» in the windows (pytest-qt, offscreen, demo store): the file dialog is answered by a
monkeypatch, the export runs in its worker, and the .xlsx is opened with openpyxl: headers, typed
cells equal to the store's values, frozen header; cancelling, closing the window or a bad folder
leave no file."""

from __future__ import annotations

import threading
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog

from app.reports import excel
from app.services import derechohabientes, exportar as servicio_exportar, grilla, liquidaciones, pagos, parametros
from app.services import siniestros
from app.ui import exportar, mensajes
from app.ui.parametros import VentanaParametros
from app.ui.principal import VentanaPrincipal
from app.ui.siniestro.derechohabientes import VentanaDerechohabientes
from app.ui.siniestro.pago import VentanaPago
from app.ui.siniestro.remcalc_widgets import poner_fecha
from app.ui.siniestro.remuneraciones import VentanaRemuneraciones
from app.ui.siniestro.siape import VentanaSiape
from app.ui.exportar_tablas import tipo_de_columna, valor_de_texto
from tests.ui.conftest import contexto, siniestro_en

D = Decimal
HOY = date.today().isoformat()


@pytest.fixture(autouse=True)
def _ajustes_temporales(tmp_path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ajustes"))


class Dialogos:
    """The file dialog and the message boxes, answered without a click."""

    def __init__(self, monkeypatch, ruta: Path | str):
        self.ruta = ruta
        self.propuestas: list[str] = []
        self.informados: list[tuple[str, str]] = []
        self.errores: list[str] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._guardar)
        monkeypatch.setattr(mensajes, "informar", lambda p, texto, titulo="", detalle="":
                            self.informados.append((texto, detalle)))
        monkeypatch.setattr(mensajes, "error", lambda p, problema, titulo="": self.errores.append(mensajes.texto_de(problema)))

    def _guardar(self, parent, titulo, propuesta, filtro):
        assert titulo == "Exportar a Excel" and filtro == "Libro de Excel (*.xlsx)"
        self.propuestas.append(propuesta)
        return str(self.ruta), filtro


def esperar(ventana) -> None:
    tarea = ventana.window()._exportacion
    assert tarea.esperar()
    assert tarea.hecha


def valores(ws, desde: int = 2) -> list[tuple]:
    """Rows of a sheet with numbers as Decimal (their shortest text) and dates as date."""
    def uno(v):
        if isinstance(v, float):
            return D(str(v))
        if isinstance(v, datetime) and (v.hour, v.minute) == (0, 0):
            return v.date()
        return v
    return [tuple(uno(c) for c in fila) for fila in ws.iter_rows(min_row=desde, values_only=True)]


def cabecera(ws) -> list[str]:
    return [c.value for c in ws[1]]


def cuil(d: str | None) -> str | None:
    return f"{d[:2]}-{d[2:10]}-{d[10:]}" if d else None


# --- the Administración grid ---------------------------------------------------------------------
@pytest.fixture
def principal(qtbot, fabrica_demo):
    v = VentanaPrincipal(contexto(fabrica_demo, "supervisor"), "SQLite de prueba")
    qtbot.addWidget(v)
    v.show()
    yield v
    for ventana in list(v.ventanas.values()):
        ventana.close()


def _filas_del_store(ctx, filtros) -> list[tuple]:
    """What the export must hold, read page by page as the grid does, with the store's values."""
    siniestros_ = grilla.buscar(ctx, filtros, limite=5000)
    dhs = grilla.derechohabientes_acreditados(ctx, [s["siniestro_id"] for s in siniestros_])
    filas = []
    for s in siniestros_:
        filas.append(("Siniestro", s["organismo"], s["numero"], servicio_exportar.TIPOS[s["tipo"]], cuil(s["cuil"]),
                      s["apellido_nombre"], None, s["fecha_pmi"], s["fecha_recepcion"],
                      servicio_exportar.ESTADOS[s["estado"]], s["liquidacion_version"], s["fecha_liquidacion"], None,
                      s["total_liquidacion"], s["pagado"]))
        for d in dhs.get(s["siniestro_id"], []):
            filas.append(("Derechohabiente", s["organismo"], s["numero"], servicio_exportar.TIPOS[s["tipo"]],
                          cuil(d["cuil"]), d["apellido_nombre"], servicio_exportar.PARENTESCOS[d["parentesco"]],
                          None, None, "Acreditado", None, None, d["porcentaje"] / 100, d["importe"], d["pagado"]))
    return filas


def test_administracion_exporta_todas_las_filas_de_los_filtros(principal, qtbot, monkeypatch, tmp_path):
    grilla_ = principal.administracion
    grilla_.modelo._tamanio = 5  # pages of 5: the export must not depend on what was loaded
    grilla_.casilla_mortales.setChecked(True)  # filters at once
    grilla_.tabla.horizontalHeader().setSortIndicator(3, Qt.SortOrder.DescendingOrder)  # Siniestro, desc
    total = grilla_.modelo.total()
    assert grilla_.modelo.cargados() == 5 < total
    dialogos = Dialogos(monkeypatch, tmp_path / "mortales")  # the suffix is added
    grilla_.accion_exportar.trigger()
    esperar(grilla_)

    assert Path(dialogos.propuestas[0]).name == f"administracion_{HOY}.xlsx"
    ruta = tmp_path / "mortales.xlsx"
    libro = openpyxl.load_workbook(ruta)
    ws = libro["Siniestros"]
    assert cabecera(ws) == [c.titulo for c in servicio_exportar.COLUMNAS]
    assert ws.freeze_panes == "A2"
    esperadas = _filas_del_store(principal.ctx, grilla_.filtros())
    assert valores(ws) == esperadas
    assert sum(1 for f in esperadas if f[0] == "Siniestro") == total
    assert any(f[0] == "Derechohabiente" for f in esperadas)  # the green rows are there
    assert [f[2] for f in esperadas if f[0] == "Siniestro"] == sorted(
        (f[2] for f in esperadas if f[0] == "Siniestro"), reverse=True)
    fila_total = next(fila for fila in ws.iter_rows(min_row=2) if fila[13].value is not None)
    assert isinstance(fila_total[13].value, float) and fila_total[13].number_format == "#,##0.00"
    assert isinstance(fila_total[7].value, datetime)
    info = dict(libro["Información"].iter_rows(min_row=2, values_only=True))
    assert info["Mostrar sólo"] == "MORTALES" and info["Orden"] == "Siniestro, descendente"
    assert info["Exportado por"] == "supervisor1 (supervisor)"
    dh = sum(1 for f in esperadas if f[0] == "Derechohabiente")
    assert dialogos.informados == [(f"Se exportaron {total} siniestros y {dh} derechohabientes acreditados a "
                                    f"«mortales.xlsx».", f"Archivo: {ruta}")]
    assert dialogos.errores == []
    # the next export proposes the same folder
    grilla_.accion_exportar.trigger()
    esperar(grilla_)
    assert dialogos.propuestas[1] == str(tmp_path / f"administracion_{HOY}.xlsx")


def test_administracion_menu_y_atajo(principal, qtbot, monkeypatch, tmp_path):
    accion = principal.administracion.accion_exportar
    archivo = principal.menuBar().actions()[0].menu()
    assert accion in archivo.actions() and accion in principal.administracion.findChild(
        type(principal.administracion.addToolBar("x")), "barra_siniestro").actions()
    assert accion.shortcut().toString() == "Ctrl+Shift+E"
    dialogos = Dialogos(monkeypatch, tmp_path / "atajo.xlsx")
    principal.activateWindow()
    qtbot.waitActive(principal)
    qtbot.keyClick(principal.administracion.tabla, Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    esperar(principal.administracion)
    assert len(dialogos.propuestas) == 1 and (tmp_path / "atajo.xlsx").exists()


def test_administracion_sin_elegir_archivo_no_hace_nada(principal, monkeypatch, tmp_path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    assert exportar.exportar_administracion(principal.administracion) is None
    assert getattr(principal, "_exportacion", None) is None


def _lento(monkeypatch):
    """The service waits until the user cancels, then goes on: the cancellation is then seen by
    the real export at its first progress report."""
    real = servicio_exportar.exportar_administracion
    empezo = threading.Event()

    def lento(ctx, filtros, destino, *, avance):
        empezo.set()
        while not avance.cancelado():
            threading.Event().wait(0.002)
        return real(ctx, filtros, destino, avance=avance)

    monkeypatch.setattr(servicio_exportar, "exportar_administracion", lento)
    return empezo


def test_administracion_cancelar_no_deja_archivo(principal, monkeypatch, tmp_path):
    empezo = _lento(monkeypatch)
    Dialogos(monkeypatch, tmp_path / "cancelada.xlsx")
    tarea = exportar.exportar_administracion(principal.administracion)
    assert empezo.wait(10)
    tarea.cancelar()  # what «Cancelar» of the progress dialog does
    assert tarea.esperar()
    assert isinstance(tarea.error, Exception) and type(tarea.error).__name__ == "Cancelada"
    assert principal.statusBar().currentMessage() == exportar.CANCELADA
    assert list(tmp_path.glob("*.xlsx")) == [] and list(tmp_path.glob(".~*")) == []


def test_cerrar_la_ventana_cancela_la_exportacion(qtbot, fabrica_demo, monkeypatch, tmp_path):
    empezo = _lento(monkeypatch)
    v = VentanaPrincipal(contexto(fabrica_demo, "supervisor"), "SQLite de prueba")
    qtbot.addWidget(v)
    v.show()
    Dialogos(monkeypatch, tmp_path / "cerrada.xlsx")
    tarea = exportar.exportar_administracion(v.administracion)
    assert empezo.wait(10)
    v.close()  # the guard cancels and waits for the worker before the window goes
    assert tarea.hecha and type(tarea.error).__name__ == "Cancelada"
    assert list(tmp_path.glob("*.xlsx")) == []


def test_carpeta_inexistente_lo_dice(principal, monkeypatch, tmp_path):
    dialogos = Dialogos(monkeypatch, tmp_path / "no_existe" / "x.xlsx")
    principal.administracion.accion_exportar.trigger()
    esperar(principal.administracion)
    assert len(dialogos.errores) == 1 and "la carpeta no existe" in dialogos.errores[0]
    assert dialogos.informados == []


# --- the windows of a siniestro ------------------------------------------------------------------
def _abrir(qtbot, clase, fabrica, sid, rol="supervisor"):
    v = clase(contexto(fabrica, rol), sid)
    qtbot.addWidget(v)
    v.show()
    return v


def _exportar(qtbot, v, monkeypatch, tmp_path, nombre):
    dialogos = Dialogos(monkeypatch, tmp_path / nombre)
    assert v.boton_exportar.text() == "E&xportar…" and v.boton_exportar.isVisible()
    qtbot.mouseClick(v.boton_exportar, Qt.MouseButton.LeftButton)
    esperar(v)
    assert dialogos.errores == []
    return dialogos, openpyxl.load_workbook(tmp_path / nombre)


def test_remuneraciones(qtbot, fabrica_demo, monkeypatch, tmp_path):
    sid = siniestro_en(fabrica_demo, "liquidado")
    v = _abrir(qtbot, VentanaRemuneraciones, fabrica_demo, sid)
    poner_fecha(v.fecha, date(2022, 6, 27))  # a date the bundled rate table covers (PMI in 2022)
    assert v.resultado is not None
    dialogos, libro = _exportar(qtbot, v, monkeypatch, tmp_path, "rem.xlsx")
    numero = v.siniestro["numero"]
    assert Path(dialogos.propuestas[0]).name == f"remuneraciones_{numero}_{HOY}.xlsx"
    assert libro.sheetnames == ["Remuneraciones", "Información"]
    ws = libro["Remuneraciones"]
    assert cabecera(ws) == ["PERÍODO", "REMUNERACIONES", "SAC", "RIPTE", v.modelo.headerData(4, Qt.Orientation.Horizontal)]
    assert ws.freeze_panes == "A2" and ws["A2"].number_format == "MM/YYYY" and ws["B2"].number_format == "#,##0.00"
    meses = siniestros.remuneraciones_del_siniestro(v.ctx, sid)
    previa = {m["periodo"]: m for m in v.resultado["meses"]}
    esperadas = [(date(int(m["periodo"][:4]), int(m["periodo"][5:]), 1), m["remuneracion"], m["sac"],
                  D(str(previa[m["periodo"]]["ripte"])), D(str(previa[m["periodo"]]["actualizado"])))
                 for m in meses]
    assert valores(ws) == esperadas and len(esperadas) == 12
    info = dict(libro["Información"].iter_rows(min_row=2, values_only=True))
    assert info["Siniestro"] == numero and info["Contenido"] == "REMUNERACIONES"
    assert info["Agente"] == v.siniestro["agente"]["apellido_nombre"]
    assert dialogos.informados[0][0] == "Se exportaron 12 filas a «rem.xlsx»."


def test_derechohabientes(qtbot, fabrica_demo, monkeypatch, tmp_path):
    sid = siniestro_en(fabrica_demo, "acreditado")
    v = _abrir(qtbot, VentanaDerechohabientes, fabrica_demo, sid)
    _, libro = _exportar(qtbot, v, monkeypatch, tmp_path, "dh.xlsx")
    ws = libro["Derechohabientes"]
    assert cabecera(ws) == ["Acreditar", "Apellido y Nombre", "Parentesco", "CUIL", "Fecha nac.", "Edad", "Condición",
                            "%", "Importe", "Estado", "Derecho / motivo"]
    situacion = derechohabientes.situacion_derechohabientes(v.ctx, sid)["derechohabientes"]
    filas = valores(ws)
    assert len(filas) == len(situacion)
    for fila, dh in zip(filas, situacion):
        porcentaje = dh["porcentaje"] if dh["porcentaje"] is not None else dh["porcentaje_ley"]
        assert fila[0] == ("Sí" if dh["seleccionado"] else "No")
        assert fila[1] == dh["apellido_nombre"] and fila[3] == cuil(dh["cuil"])
        assert fila[4] == dh["fecha_nacimiento"] and fila[5] == dh["edad"]
        assert fila[7] == (None if porcentaje is None else porcentaje / 100)
        assert fila[8] == dh["importe"]
    assert ws["H2"].number_format == "0.0000%" and ws["I2"].number_format == "#,##0.00"
    assert ws["E2"].number_format == "DD/MM/YYYY" and ws["D2"].data_type == "s"


def test_pago_dos_hojas(qtbot, fabrica_demo, monkeypatch, tmp_path):
    sid = siniestro_en(fabrica_demo, "pagado")
    v = _abrir(qtbot, VentanaPago, fabrica_demo, sid)
    _, libro = _exportar(qtbot, v, monkeypatch, tmp_path, "pago.xlsx")
    assert libro.sheetnames == ["Saldos", "Pagos", "Información"]
    lista = pagos.listar_pagos(v.ctx, sid)
    ws = libro["Pagos"]
    assert cabecera(ws) == ["FECHA", "DERECHOHABIENTE", "IMPORTE", "MEDIO", "COMPROBANTE", "LIQ.", "REGISTRADO POR",
                            "REGISTRADO EL"]
    filas = valores(ws)
    assert [(f[0], f[1], f[2], f[3]) for f in filas[:-1]] == [
        (p["fecha"], p["derechohabiente"], p["importe"], p["medio"]) for p in lista]
    assert filas[-1][:3] == ("TOTAL PAGADO", None, sum(p["importe"] for p in lista))
    assert isinstance(ws.cell(2, 8).value, datetime) and ws.cell(2, 8).number_format == "DD/MM/YYYY HH:MM"
    saldos = valores(libro["Saldos"])
    corresponde = {int(p["id"]): D(p["importe"]) for p in liquidaciones.obtener(v.ctx, sid)["resultado"]["reparto"]}
    por_nombre = {dh["apellido_nombre"]: dh for dh in siniestros.obtener_siniestro(v.ctx, sid)["derechohabientes"]}
    for fila in saldos[:-1]:
        assert fila[4] == corresponde[por_nombre[fila[0]]["id"]]


def test_siape_dos_hojas(qtbot, fabrica_demo, monkeypatch, tmp_path):
    sid = siniestro_en(fabrica_demo, "acreditado")
    v = _abrir(qtbot, VentanaSiape, fabrica_demo, sid)
    _, libro = _exportar(qtbot, v, monkeypatch, tmp_path, "siape.xlsx")
    assert libro.sheetnames == ["Conceptos", "Derechohabientes", "Información"]
    r = liquidaciones.obtener(v.ctx, sid)["resultado"]
    conceptos = valores(libro["Conceptos"])
    claves = ("pago_mensual", "pago_unico", "pago_por_danio", "pago_adicional", "total")
    assert [f[1] for f in conceptos] == [None if r.get(k) is None else D(str(r[k])) for k in claves]
    assert libro["Conceptos"]["B2"].number_format == "#,##0.00"
    reparto = valores(libro["Derechohabientes"])
    assert [f[3] for f in reparto[:-1]] == [D(str(p["porcentaje"])) / 100 for p in r["reparto"]]
    assert [f[7] for f in reparto[:-1]] == [D(str(p["importe"])) for p in r["reparto"]]


def test_cerrar_una_ventana_de_siniestro_cancela(qtbot, fabrica_demo, monkeypatch, tmp_path):
    """The small tables: the writer itself waits for the cancellation."""
    empezo = threading.Event()

    def lento(destino, hojas, al_avanzar=None, cada=excel.CADA):
        empezo.set()
        while True:  # the real writer is never reached: nothing is written
            al_avanzar(0)  # raises once the window cancelled the export
            threading.Event().wait(0.002)

    monkeypatch.setattr(excel, "escribir_xlsx", lento)
    sid = siniestro_en(fabrica_demo, "acreditado")
    v = _abrir(qtbot, VentanaDerechohabientes, fabrica_demo, sid)
    Dialogos(monkeypatch, tmp_path / "dh.xlsx")
    qtbot.mouseClick(v.boton_exportar, Qt.MouseButton.LeftButton)
    assert empezo.wait(10)
    tarea = v._exportacion
    v.close()
    assert tarea.hecha and type(tarea.error).__name__ == "Cancelada"
    assert not (tmp_path / "dh.xlsx").exists()


# --- parámetros ----------------------------------------------------------------------------------
def test_parametros_ripte_con_busqueda(qtbot, fabrica_demo, monkeypatch, tmp_path):
    v = VentanaParametros(contexto(fabrica_demo, "administrador"))
    qtbot.addWidget(v)
    v.show()
    v.campo_buscar.setText("2019")
    _, libro = _exportar(qtbot, v, monkeypatch, tmp_path, "ripte.xlsx")
    assert libro.sheetnames == ["RIPTE", "Versiones", "Información"]
    ws = libro["RIPTE"]
    assert cabecera(ws) == ["Período", "Índice RIPTE", "Origen"]
    version = parametros.filas_version(v.ctx, "ripte")
    esperadas = [(date(int(f["periodo"][:4]), int(f["periodo"][5:]), 1), f["indice"], version["origen"])
                 for f in version["filas"] if f["periodo"].startswith("2019")]
    assert valores(ws) == esperadas and len(esperadas) == 12
    info = dict(libro["Información"].iter_rows(min_row=2, values_only=True))
    assert info["Tabla"] == "RIPTE" and info["Buscar"] == "2019" and info["Exportado por"] == "administrador1 (administrador)"
    assert valores(libro["Versiones"])[0][0] == version["numero"]


# --- typing the texts back -----------------------------------------------------------------------
@pytest.mark.parametrize(("titulo", "textos", "tipo", "decimales"), [
    ("IMPORTE", ["1.234,56", "—", "-0,01", "$ 12,00"], excel.DINERO, 2),
    ("%", ["71,4286", "28,5714"], excel.PORCENTAJE, 4),
    ("TNA", ["45,00 %", "7,5 %"], excel.PORCENTAJE, 2),
    ("Edad", ["45", "8", "1.234"], excel.ENTERO, None),
    ("Factor", ["1,005835", "2,5"], excel.NUMERO, 6),
    ("Fecha", ["03/05/2018", ""], excel.FECHA, None),
    ("Cuándo", ["03/05/2018 09:30"], excel.FECHA_HORA, None),
    ("Período", ["05-2018"], excel.PERIODO, None),
    ("CUIL", ["20-12345678-6"], excel.CUIL, None),
    ("Valor", ["03/05/2018", "1.234,56"], excel.TEXTO, None),  # mixed: stays as shown
    ("LIQ.", ["v1", "v2"], excel.TEXTO, None),
    ("Vacía", ["—", ""], excel.TEXTO, None),
])
def test_tipo_de_columna(titulo, textos, tipo, decimales):
    columna = tipo_de_columna(titulo, textos)
    assert (columna.tipo, columna.decimales) == (tipo, decimales)


def test_valor_de_texto():
    assert valor_de_texto(excel.DINERO, "1.234.567,89") == D("1234567.89")
    assert valor_de_texto(excel.DINERO, "-1.234,50") == D("-1234.50")
    assert valor_de_texto(excel.DINERO, "$ 12,00") == D("12.00")
    assert valor_de_texto(excel.PORCENTAJE, "45,00 %") == D("45.00")
    assert valor_de_texto(excel.FECHA, "03/05/2018") == date(2018, 5, 3)
    assert valor_de_texto(excel.FECHA_HORA, "03/05/2018 09:30") == datetime(2018, 5, 3, 9, 30)
    assert valor_de_texto(excel.PERIODO, "05-2018") == date(2018, 5, 1)
    assert valor_de_texto(excel.DINERO, "—") is None and valor_de_texto(excel.FECHA, "") is None
    assert valor_de_texto(excel.DINERO, "no") == "no"  # the writer then names the cell


def test_nombre_sugerido():
    assert exportar.nombre_sugerido("administracion", date(2026, 12, 3)) == "administracion_2026-12-03.xlsx"
    assert exportar.nombre_sugerido("pago_S/2019:7", date(2026, 12, 3)) == "pago_S-2019-7_2026-12-03.xlsx"
    assert exportar.nombre_sugerido("///", date(2026, 12, 3)) == "exportacion_2026-12-03.xlsx"
