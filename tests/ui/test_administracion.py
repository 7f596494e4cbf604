"""The «Prestaciones Dinerarias — Administración» window (pytest-qt, offscreen) over a small
SQLite demo store: count label, filters in SQL as you type, black siniestro rows followed by
their accredited DH in green, paging, remembered column widths, and the model checked by
qtmodeltester."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent

from app.models import migrar, normalizar_busqueda
from app.models.bd import crear_motor, fabrica_sesiones
from app.services import grilla, parametros
from app.services.demo import generar_demo
from app.services.nucleo import Actor, Contexto
from app.ui.administracion import TITULO, ModeloAdministracion, VentanaAdministracion, acciones
from app.ui.administracion.modelo import (
    COL_CUIL,
    COL_LIQUIDACION,
    COL_NOMBRE,
    COL_SINIESTRO,
    COLOR_DH,
    COLOR_SINIESTRO,
    COLOR_TEXTO_SINIESTRO,
    DERECHOHABIENTE,
    ROL_FONDO,
    ROL_TINTA,
    SINIESTRO,
)
from app.ui.administracion.ventana import CLAVE_ANCHOS, configuracion

AGENTES = 60
SEMILLA = 7


@pytest.fixture(scope="module")
def motor(tmp_path_factory):
    ruta = tmp_path_factory.mktemp("grilla") / "demo.db"
    m = crear_motor(f"sqlite:///{ruta}")
    migrar.actualizar(m)
    parametros.cargar_incluidas(Contexto(fabrica_sesiones(m), Actor("admin", "administrador")))
    generar_demo(m, AGENTES, semilla=SEMILLA, calcular=True)
    yield m
    m.dispose()


@pytest.fixture
def ctx(motor):
    return Contexto(fabrica_sesiones(motor), Actor("operador1", "operador"))


@pytest.fixture(autouse=True)
def _ajustes_temporales(tmp_path):
    """QSettings in a temp folder, never the user's."""
    anterior = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "x", "y").fileName()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ajustes"))
    yield
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(anterior).parents[1]))


@pytest.fixture
def ventana(qtbot, ctx):
    v = VentanaAdministracion(ctx)
    qtbot.addWidget(v)
    v.show()
    qtbot.waitExposed(v)
    return v


def escribir(widget, texto: str) -> None:
    """Type `texto` key by key with QKeyEvents that carry the text (qtbot.keyClicks aborts the
    process on non-ASCII characters, STACK.md)."""
    widget.setFocus()
    for caracter in texto:
        for tipo in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(widget, QKeyEvent(tipo, 0, Qt.KeyboardModifier.NoModifier, caracter))


def filas(v: VentanaAdministracion):
    return [v.modelo.fila(n) for n in range(v.modelo.rowCount())]


def esperar_filtro(qtbot, v):
    qtbot.waitUntil(lambda: not v.filtro_pendiente(), timeout=2000)


def test_escribir_con_acentos(qtbot):
    from PySide6.QtWidgets import QLineEdit

    campo = QLineEdit()
    qtbot.addWidget(campo)
    escribir(campo, "Núñez-ñ")
    assert campo.text() == "Núñez-ñ"


def test_titulo_y_total(ventana, ctx):
    assert ventana.windowTitle() == TITULO
    assert ventana.etiqueta_total.text() == f"{AGENTES} siniestros"
    assert ventana.modelo.total() == grilla.contar(ctx, {}) == AGENTES
    assert ventana.combo_organismo.itemText(0) == "Todos"
    assert ventana.combo_organismo.count() == len(grilla.organismos(ctx)) + 1
    # ordered by apellido: the black rows follow the service's order
    siniestros = [f for f in filas(ventana) if f.tipo == SINIESTRO]
    assert [f.siniestro_id for f in siniestros] == [s["siniestro_id"] for s in grilla.buscar(ctx, {})]


def test_apellido_sin_acentos_filtra_en_sql(qtbot, ventana):
    escribir(ventana.campo_apellido, "nunez")
    assert ventana.filtro_pendiente()  # debounce: nothing queried per keystroke
    with qtbot.waitSignal(ventana.filtrado, timeout=2000):
        pass
    siniestros = [f for f in filas(ventana) if f.tipo == SINIESTRO]
    assert siniestros
    assert all(normalizar_busqueda(f.datos["apellido_nombre"]).startswith("NUNEZ") for f in siniestros)
    assert any(f.textos[COL_NOMBRE].startswith("Núñez") for f in siniestros)
    assert ventana.etiqueta_total.text() == f"{len(siniestros)} siniestro" + ("" if len(siniestros) == 1 else "s")
    ventana.campo_apellido.setText("zzzz")
    esperar_filtro(qtbot, ventana)
    assert ventana.modelo.rowCount() == 0
    assert ventana.etiqueta_total.text() == "0 siniestros"


def test_cuil_con_guiones(qtbot, ventana, ctx):
    objetivo = grilla.buscar(ctx, {})[17]
    c = objetivo["cuil"]
    con_guiones = f"{c[:2]}-{c[2:10]}-{c[10:]}"
    ventana.campo_cuil.setText(con_guiones)
    assert ventana.campo_cuil.text() == con_guiones  # the validator accepts dashes
    esperar_filtro(qtbot, ventana)
    siniestros = [f for f in filas(ventana) if f.tipo == SINIESTRO]
    assert [f.siniestro_id for f in siniestros] == [objetivo["siniestro_id"]]
    assert siniestros[0].textos[COL_CUIL] == con_guiones
    assert ventana.etiqueta_total.text() == "1 siniestro"
    # a prefix with a dash also works
    ventana.campo_cuil.setText(c[:2] + "-")
    esperar_filtro(qtbot, ventana)
    assert {f.datos["cuil"][:2] for f in filas(ventana) if f.tipo == SINIESTRO} == {c[:2]}
    # letters are refused by the validator
    ventana.campo_cuil.clear()
    escribir(ventana.campo_cuil, "20-abc")
    assert ventana.campo_cuil.text() == "20-"


def test_solo_mortales(qtbot, ventana, ctx):
    ventana.casilla_mortales.setChecked(True)  # applied at once
    siniestros = [f for f in filas(ventana) if f.tipo == SINIESTRO]
    esperado = grilla.contar(ctx, {"solo_mortales": True})
    assert 0 < esperado < AGENTES
    assert len(siniestros) == esperado
    assert all(f.datos["tipo"] == "muerte" for f in siniestros)
    assert all("Mortal" in f.textos[COL_SINIESTRO] for f in siniestros)
    assert ventana.etiqueta_total.text() == f"{esperado} siniestros"


def test_organismo(qtbot, ventana, ctx):
    ventana.combo_organismo.setCurrentIndex(1)
    org = ventana.combo_organismo.currentData()
    siniestros = [f for f in filas(ventana) if f.tipo == SINIESTRO]
    assert len(siniestros) == grilla.contar(ctx, {"organismo_id": org})
    assert all(f.datos["organismo_id"] == org for f in siniestros)
    ventana.combo_organismo.setCurrentIndex(0)
    assert ventana.modelo.total() == AGENTES


def test_derechohabientes_verdes_despues_del_siniestro(ventana, ctx):
    m = ventana.modelo
    todas = filas(ventana)
    acreditados = grilla.derechohabientes_acreditados(ctx, [f.siniestro_id for f in todas if f.tipo == SINIESTRO])
    assert acreditados, "la demo debe tener derechohabientes acreditados"
    sid, dhs = next(iter(acreditados.items()))
    negra = next(n for n, f in enumerate(todas) if f.tipo == SINIESTRO and f.siniestro_id == sid)
    verdes = todas[negra + 1: negra + 1 + len(dhs)]
    assert [f.tipo for f in verdes] == [DERECHOHABIENTE] * len(dhs)
    assert [f.datos["id"] for f in verdes] == [d["id"] for d in dhs]
    siguiente = negra + 1 + len(dhs)
    assert siguiente == len(todas) or todas[siguiente].tipo == SINIESTRO
    assert m.data(m.index(negra, 0), ROL_FONDO).color() == COLOR_SINIESTRO
    assert m.data(m.index(negra, 0), ROL_TINTA).color() == COLOR_TEXTO_SINIESTRO
    for n in range(negra + 1, siguiente):
        assert m.data(m.index(n, 3), ROL_FONDO).color() == COLOR_DH
    # es-AR amounts: the DH share and the siniestro's total
    dh0 = dhs[0]
    assert verdes[0].textos[COL_LIQUIDACION] == "$ " + format_ar(dh0["importe"])
    assert "," in todas[negra].textos[COL_LIQUIDACION] and "/" in todas[negra].textos[COL_LIQUIDACION]
    # every DH row shown is accredited and belongs to the black row above it
    actual = None
    for f in todas:
        if f.tipo == SINIESTRO:
            actual = f.siniestro_id
        else:
            assert f.siniestro_id == actual


def format_ar(valor) -> str:
    from app.ui import formato

    return formato.monto(valor)


def test_servicio_derechohabientes_solo_acreditados(ctx, motor):
    from sqlalchemy import select

    from app.models import Derechohabiente

    with fabrica_sesiones(motor)() as s:
        no_acreditados = set(s.scalars(select(Derechohabiente.id).where(Derechohabiente.acreditado.is_(False))))
        sids = list(s.scalars(select(Derechohabiente.siniestro_id).distinct()))
    resultado = grilla.derechohabientes_acreditados(ctx, sids)
    ids = {d["id"] for lista in resultado.values() for d in lista}
    assert ids and not ids & no_acreditados
    assert grilla.derechohabientes_acreditados(ctx, []) == {}


def test_doble_clic_pide_el_siniestro_tambien_desde_una_fila_verde(qtbot, ventana):
    m = ventana.modelo
    n = next(i for i in range(m.rowCount()) if m.fila(i).tipo == SINIESTRO)
    with qtbot.waitSignal(ventana.accion_pedida, timeout=1000) as señal:
        ventana.tabla.doubleClicked.emit(m.index(n, 2))
    assert señal.args == ["siniestro", m.fila(n).siniestro_id]
    dh = next(i for i in range(m.rowCount()) if m.fila(i).tipo == DERECHOHABIENTE)
    # a green row acts on its siniestro: the black row above it
    arriba = max(i for i in range(dh) if m.fila(i).tipo == SINIESTRO)
    with qtbot.waitSignal(ventana.accion_pedida, timeout=1000) as señal:
        ventana.tabla.doubleClicked.emit(m.index(dh, 2))
    assert señal.args == ["siniestro", m.fila(arriba).siniestro_id]


def _fila_de_tipo(m, tipo_siniestro):
    return next(i for i in range(m.rowCount())
                if m.fila(i).tipo == SINIESTRO and m.fila(i).datos["tipo"] == tipo_siniestro)


def test_acciones_por_fila_atajos_y_menu_contextual(qtbot, ventana):
    m = ventana.modelo
    ventana.show()
    qtbot.waitExposed(ventana)
    ventana.tabla.setFocus()
    mortal = _fila_de_tipo(m, "muerte")
    ventana.tabla.setCurrentIndex(m.index(mortal, 0))
    assert all(a.isEnabled() for n, a in ventana.acciones.items() if n != "convenio")
    # the Propuesta de Convenio (F9) only with accredited DH (green rows below): test_impresion_ventanas.py
    assert ventana.acciones["convenio"].isEnabled() is acciones.con_acreditados(m, mortal)
    sid = m.fila(mortal).siniestro_id
    for tecla, nombre in ((Qt.Key.Key_F2, "remuneraciones"), (Qt.Key.Key_F3, "calcular"),
                          (Qt.Key.Key_F4, "derechohabiente"), (Qt.Key.Key_F6, "siape"), (Qt.Key.Key_F7, "pago"),
                          (Qt.Key.Key_F8, "legajo"), (Qt.Key.Key_Return, "siniestro")):
        with qtbot.waitSignal(ventana.accion_pedida, timeout=1000) as señal:
            qtbot.keyClick(ventana.tabla, tecla)
        assert señal.args == [nombre, sid]
    with qtbot.waitSignal(ventana.accion_pedida, timeout=1000) as señal:
        qtbot.keyClick(ventana.tabla, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert señal.args == ["agente", m.fila(mortal).datos["agente_id"]]

    # ILP: no derechohabientes nor payments to DH; F4 does nothing
    ilp = _fila_de_tipo(m, "ilp")
    ventana.tabla.setCurrentIndex(m.index(ilp, 0))
    assert not ventana.acciones["derechohabiente"].isEnabled()
    assert not ventana.acciones["pago"].isEnabled()
    assert ventana.acciones["remuneraciones"].isEnabled()
    with qtbot.assertNotEmitted(ventana.accion_pedida):
        qtbot.keyClick(ventana.tabla, Qt.Key.Key_F4)

    # the context menu offers the same actions, on the row clicked
    rect = ventana.tabla.visualRect(m.index(mortal, 2))
    ventana.tabla.customContextMenuRequested.emit(rect.center())
    textos = [a.text() for a in ventana.menu_contextual.actions() if not a.isSeparator()]
    assert "&REMUNERACIONES" in textos and "&PAGO" in textos and "&Abrir siniestro…" in textos
    assert ventana.siniestro_actual() == sid
    ventana.menu_contextual.close()

    # Intro typed in a filter box does not open anything
    ventana.campo_apellido.setFocus()
    with qtbot.assertNotEmitted(ventana.accion_pedida):
        qtbot.keyClick(ventana.campo_apellido, Qt.Key.Key_Return)

    # no rows, no actions
    ventana.campo_apellido.setText("zzzz-nadie")
    ventana.filtrar_ahora()
    assert not any(a.isEnabled() for a in ventana.acciones.values())
    with qtbot.assertNotEmitted(ventana.accion_pedida):
        qtbot.keyClick(ventana.tabla, Qt.Key.Key_F2)


def test_ordenar_por_columna_en_sql_y_recordarlo(qtbot, ctx):
    v = VentanaAdministracion(ctx)
    qtbot.addWidget(v)
    cabecera = v.tabla.horizontalHeader()
    assert cabecera.sortIndicatorSection() == COL_NOMBRE
    cabecera.setSortIndicator(COL_SINIESTRO, Qt.SortOrder.DescendingOrder)
    m = v.modelo
    numeros = [m.fila(i).datos["numero"] for i in range(m.rowCount()) if m.fila(i).tipo == SINIESTRO]
    esperado = sorted((s["numero"] for s in grilla.buscar(ctx, {}, limite=AGENTES)), reverse=True)
    assert numeros == esperado
    # Liquidación is computed per row: the indicator goes back, the order stays
    cabecera.setSortIndicator(COL_LIQUIDACION, Qt.SortOrder.AscendingOrder)
    assert cabecera.sortIndicatorSection() == COL_SINIESTRO
    assert [m.fila(i).datos["numero"] for i in range(m.rowCount()) if m.fila(i).tipo == SINIESTRO] == esperado
    v.close()
    otra = VentanaAdministracion(ctx)
    qtbot.addWidget(otra)
    assert otra.tabla.horizontalHeader().sortIndicatorSection() == COL_SINIESTRO
    assert otra.filtros()["orden"] == "siniestro" and otra.filtros()["descendente"] is True


def test_refrescar_conserva_la_fila_elegida(qtbot, ventana):
    m = ventana.modelo
    n = _fila_de_tipo(m, "muerte") + 0
    sid = m.fila(n).siniestro_id
    ventana.tabla.setCurrentIndex(m.index(n, 0))
    ventana.refrescar()
    assert ventana.siniestro_actual() == sid


def test_anchos_de_columna_recordados(qtbot, ctx, tmp_path):
    v = VentanaAdministracion(ctx)
    qtbot.addWidget(v)
    v.tabla.setColumnWidth(2, 321)
    v.close()
    assert [int(a) for a in configuracion().value(CLAVE_ANCHOS)][2] == 321
    assert (tmp_path / "ajustes").exists()  # written in the temp folder, not the user's
    otra = VentanaAdministracion(ctx)
    qtbot.addWidget(otra)
    assert otra.tabla.columnWidth(2) == 321


class _FuentePaginada:
    """Many siniestros without a big store: the model's paging and data() under scrolling."""

    def __init__(self, total: int):
        self.total, self.pedidos = total, []

    def contar(self, filtros):
        return self.total

    def buscar(self, filtros, limite, desplazamiento):
        self.pedidos.append(desplazamiento)
        return [{"siniestro_id": i, "numero": f"2024-{i:06d}", "tipo": "muerte" if i % 3 == 0 else "ilp",
                 "fecha_pmi": date(2024, 1, 1), "fecha_recepcion": None, "estado": "liquidado",
                 "cuil": f"20{i:08d}5", "apellido_nombre": f"Apellido {i:06d}", "organismo_id": 1,
                 "organismo_codigo": "SAL", "organismo": "Salud", "liquidacion_version": 1,
                 "fecha_liquidacion": date(2024, 2, 1), "total_liquidacion": "1234567.89", "pagado": None}
                for i in range(desplazamiento, min(self.total, desplazamiento + limite))]

    def derechohabientes(self, ids):
        return {i: [{"id": 10 * i, "siniestro_id": i, "apellido_nombre": "DH", "cuil": None, "parentesco": "conyuge",
                     "porcentaje": "50", "importe": "100.00", "pagado": None}] for i in ids if i % 3 == 0}

    def organismos(self):
        return []


def test_modelo_qtmodeltester(qtmodeltester, ctx):
    modelo = ModeloAdministracion(grilla_fuente(ctx))
    modelo.filtrar({})
    qtmodeltester.check(modelo, force_py=True)
    paginado = ModeloAdministracion(_FuentePaginada(1000))
    paginado.filtrar({})
    qtmodeltester.check(paginado, force_py=True)


def grilla_fuente(ctx):
    from app.ui.administracion import FuenteServicios

    return FuenteServicios(ctx)


def test_paginas_y_desplazamiento(qtbot, ctx):
    fuente = _FuentePaginada(5000)
    v = VentanaAdministracion(ctx, fuente=fuente)
    qtbot.addWidget(v)
    v.show()
    qtbot.waitExposed(v)
    m = v.modelo
    assert v.etiqueta_total.text() == "5.000 siniestros"
    assert m.cargados() == 200 and fuente.pedidos == [0]
    llamadas = 0
    roles = (Qt.ItemDataRole.DisplayRole, ROL_FONDO, ROL_TINTA, Qt.ItemDataRole.TextAlignmentRole,
             Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.DecorationRole,
             Qt.ItemDataRole.SizeHintRole)
    while m.canFetchMore():
        v.tabla.scrollToBottom()  # the view asks for the next page
        qtbot.wait(1)
        if m.canFetchMore():
            m.fetchMore()
        for n in range(0, m.rowCount(), 7):
            for role in roles:
                m.data(m.index(n, n % 9), role)  # many return None (STACK.md: PySide6 6.12 + 3.11 bug)
                llamadas += 1
    assert llamadas >= 5000
    assert m.cargados() == 5000 and m.rowCount() == 5000 + 5000 // 3 + 1
    assert fuente.pedidos == list(range(0, 5000, 200))
    assert m.texto(0, COL_LIQUIDACION) == "01/02/2024  $ 1.234.567,89"
