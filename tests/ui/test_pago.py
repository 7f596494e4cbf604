"""PAGO window (pytest-qt, offscreen) over the demo store: partial and full payments with the
balance shown (corresponde from the stored liquidation, minus what the test paid, in Decimal),
over-payment and bad amounts refused with nothing stored, the confirmation, roles and DH that
are not accredited."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt

from app.services import derechohabientes, liquidaciones, pagos, siniestros
from app.ui import mensajes
from app.ui.siniestro.pago import VentanaPago
from tests.ui.conftest import contexto, siniestro_en

D = Decimal


def ar(valor: Decimal) -> str:
    """es-AR text of an amount, written here independently of the program's formatter."""
    return f"{valor:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def ventana(qtbot, fabrica, sid: int, rol: str = "supervisor") -> VentanaPago:
    v = VentanaPago(contexto(fabrica, rol), sid)
    qtbot.addWidget(v)
    v.show()
    return v


def corresponde(fabrica, sid: int) -> dict[int, Decimal]:
    """Each DH's amount in the stored liquidation (not through pagos.saldo)."""
    r = liquidaciones.obtener(contexto(fabrica, "operador"), sid)["resultado"]
    return {int(p["id"]): D(p["importe"]) for p in r["reparto"]}


def dhs(fabrica, sid: int) -> list[dict]:
    return siniestros.obtener_siniestro(contexto(fabrica, "operador"), sid)["derechohabientes"]


def acreditar(fabrica, sid: int, cuantos: int) -> tuple[list[dict], dict[int, Decimal]]:
    """Accredit the first `cuantos` DH with a share of a «liquidado» demo siniestro. It is
    recalculated first at the same date: the demo's stored input lacks the DH's «casado» key,
    so the service would refuse to accredit over it as «data changed since the liquidation»."""
    liq, sup = contexto(fabrica, "liquidador"), contexto(fabrica, "supervisor")
    liquidaciones.calcular(liq, sid, liquidaciones.obtener(liq, sid)["fecha_liquidacion"])
    debe = corresponde(fabrica, sid)
    con_derecho = [d for d in dhs(fabrica, sid) if debe[d["id"]] > 0]
    derechohabientes.seleccionar(liq, sid, [d["id"] for d in con_derecho[:cuantos]])
    derechohabientes.acreditar_seleccionados(sup, sid)
    return con_derecho, debe


def fila_de(modelo, nombre: str) -> int:
    return next(n for n in range(modelo.rowCount()) if modelo.texto(n, 0) == nombre)


def celda(v: VentanaPago, nombre: str, columna: str) -> str:
    m = v.modelo_saldos
    return m.texto(fila_de(m, nombre), m.columna(columna))


def elegir(v: VentanaPago, dh_id: int) -> None:
    n = v.combo_dh.findData(dh_id)
    assert n >= 0, "el derechohabiente no está entre los que se pueden pagar"
    v.combo_dh.setCurrentIndex(n)


@pytest.fixture
def confirmaciones(monkeypatch):
    """Answers «Sí» and keeps what was asked."""
    preguntas = []

    def confirmar(parent, titulo, texto, **kw):
        preguntas.append({"parent": parent, "titulo": titulo, "texto": texto, **kw})
        return True

    monkeypatch.setattr(mensajes, "confirmar", confirmar)
    return preguntas


def registrar(qtbot, v: VentanaPago, importe: str | None = None, comprobante: str = "") -> None:
    if importe is not None:
        v.importe.setText(importe)
    v.comprobante.setText(comprobante)
    qtbot.mouseClick(v.boton_registrar, Qt.MouseButton.LeftButton)


def test_pago_parcial_muestra_el_saldo_y_lo_lista(qtbot, fabrica_demo, confirmaciones):
    sid = siniestro_en(fabrica_demo, "acreditado")
    dh = next(d for d in dhs(fabrica_demo, sid) if d["acreditado"])
    debe = corresponde(fabrica_demo, sid)[dh["id"]]
    v = ventana(qtbot, fabrica_demo, sid)
    assert v.boton_registrar.isEnabled()
    elegir(v, dh["id"])
    assert v.importe.text() == ar(debe)  # default: the whole balance
    assert celda(v, dh["apellido_nombre"], "SALDO") == ar(debe)

    with qtbot.waitSignal(v.cambiado) as senial:
        registrar(qtbot, v, "1.000.000,50", "OP 77/2020")
    assert senial.args == [sid]
    pregunta = confirmaciones[0]
    assert pregunta["parent"] is v
    assert dh["apellido_nombre"] in pregunta["texto"] and "$ 1.000.000,50" in pregunta["texto"]

    pagado = D("1000000.50")
    assert celda(v, dh["apellido_nombre"], "PAGADO") == ar(pagado)
    assert celda(v, dh["apellido_nombre"], "SALDO") == ar(debe - pagado)
    assert celda(v, dh["apellido_nombre"], "ESTADO") == "Pago parcial"
    assert v.importe.text() == ar(debe - pagado)  # the next default is the new balance
    mp = v.modelo_pagos
    assert mp.rowCount() == 2  # the payment and the total
    assert [mp.texto(0, mp.columna(c)) for c in ("FECHA", "DERECHOHABIENTE", "IMPORTE", "MEDIO", "COMPROBANTE")] == [
        date.today().strftime("%d/%m/%Y"), dh["apellido_nombre"], "1.000.000,50", "Transferencia bancaria", "OP 77/2020"]
    assert mp.texto(0, mp.columna("REGISTRADO POR")) == "supervisor1"
    assert ar(debe - pagado) in v.mensaje()
    guardados = pagos.listar_pagos(contexto(fabrica_demo, "operador"), sid)
    assert [(p["derechohabiente_id"], p["importe"], p["medio"], p["comprobante"]) for p in guardados] == [
        (dh["id"], pagado, "Transferencia bancaria", "OP 77/2020")]
    assert v.cabecera.valor("Estado") == "Acreditado"


def test_sobrepago_rechazado_con_el_saldo(qtbot, fabrica_demo, confirmaciones):
    sid = siniestro_en(fabrica_demo, "acreditado")
    dh = next(d for d in dhs(fabrica_demo, sid) if d["acreditado"])
    debe = corresponde(fabrica_demo, sid)[dh["id"]]
    v = ventana(qtbot, fabrica_demo, sid)
    elegir(v, dh["id"])
    registrar(qtbot, v, "250,00")
    saldo = debe - D("250.00")
    ctx = contexto(fabrica_demo, "operador")
    antes = pagos.listar_pagos(ctx, sid)

    registrar(qtbot, v, ar(saldo + D("0.01")))
    assert f"el saldo es $ {ar(saldo)}" in v.mensaje()
    assert v.barra.isVisible() and "#c62828" in v.barra.styleSheet()  # the red bar
    assert pagos.listar_pagos(ctx, sid) == antes
    assert celda(v, dh["apellido_nombre"], "SALDO") == ar(saldo)


def test_confirmacion_no_no_guarda(qtbot, fabrica_demo, monkeypatch):
    sid = siniestro_en(fabrica_demo, "acreditado")
    preguntas = []
    monkeypatch.setattr(mensajes, "confirmar", lambda *a, **k: preguntas.append(a) or False)
    v = ventana(qtbot, fabrica_demo, sid)
    registrar(qtbot, v, "10,00")
    assert len(preguntas) == 1
    assert pagos.listar_pagos(contexto(fabrica_demo, "operador"), sid) == []
    assert "No se registró el pago" in v.mensaje()
    assert v.tabla_pagos.isHidden() and v.sin_pagos.isVisible()


def test_pagar_a_todos_deja_el_siniestro_pagado(qtbot, fabrica_demo, confirmaciones):
    sid = siniestro_en(fabrica_demo, "liquidado")
    sup = contexto(fabrica_demo, "supervisor")
    con_derecho, debe = acreditar(fabrica_demo, sid, 2)
    elegidos = [d["id"] for d in con_derecho[:2]]
    assert len(con_derecho) > 2  # someone with a share stays unaccredited: the rest need not be paid
    v = ventana(qtbot, fabrica_demo, sid)
    assert v.cabecera.valor("Estado") == "Acreditado"
    assert sorted(v.combo_dh.itemData(i) for i in range(v.combo_dh.count())) == sorted(elegidos)

    for n, dh_id in enumerate(elegidos):
        elegir(v, dh_id)
        assert v.importe.text() == ar(debe[dh_id])
        registrar(qtbot, v)  # the default: the whole balance
        assert [c["texto"] for c in confirmaciones][n].count(ar(debe[dh_id])) == 1
    assert v.cabecera.valor("Estado") == "Pagado"
    assert siniestros.obtener_siniestro(sup, sid)["estado"] == "pagado"
    assert "pasó a «Pagado»" in v.mensaje()
    assert not v.boton_registrar.isEnabled() and "pagados" in v.aviso_formulario.text()
    total = fila_de(v.modelo_pagos, "TOTAL PAGADO")
    assert v.modelo_pagos.texto(total, v.modelo_pagos.columna("IMPORTE")) == ar(sum(debe[i] for i in elegidos))


def test_dh_no_acreditado_no_se_puede_pagar(qtbot, fabrica_demo, confirmaciones):
    sid = siniestro_en(fabrica_demo, "liquidado")
    sup = contexto(fabrica_demo, "supervisor")
    con_derecho, debe = acreditar(fabrica_demo, sid, 1)
    otro = con_derecho[1]  # has a share but was not accredited
    v = ventana(qtbot, fabrica_demo, sid)
    assert v.combo_dh.findData(otro["id"]) == -1
    assert v.combo_dh.count() == 1
    assert celda(v, otro["apellido_nombre"], "ESTADO") == "No acreditado/a: no se le puede pagar"
    assert celda(v, otro["apellido_nombre"], "CORRESPONDE") == ar(debe[otro["id"]])
    # clicking its row tells why instead of selecting it
    indice = v.modelo_saldos.index(fila_de(v.modelo_saldos, otro["apellido_nombre"]), 0)
    v.tabla_saldos.clicked.emit(indice)
    assert "no se le puede pagar" in v.mensaje()
    assert v.combo_dh.currentData() == con_derecho[0]["id"]
    assert confirmaciones == [] and pagos.listar_pagos(sup, sid) == []


@pytest.mark.parametrize("rol", ["operador", "liquidador", "administrador"])
def test_solo_el_supervisor_registra_pagos(qtbot, fabrica_demo, rol):
    v = ventana(qtbot, fabrica_demo, siniestro_en(fabrica_demo, "acreditado"), rol)
    assert not v.boton_registrar.isEnabled()
    assert "supervisor" in v.boton_registrar.toolTip() and rol in v.boton_registrar.toolTip()
    assert "supervisor" in v.aviso_formulario.text()
    v.registrar()  # even called directly nothing happens (the guard fails on any dialog)
    assert v.modelo_saldos.rowCount() > 0


@pytest.mark.parametrize("texto, mensaje", [
    ("12,3,4", "«12,3,4» no es un importe válido"),
    ("-5", "no puede ser negativo"),
    ("", "falta el importe"),
    ("0", "mayor que cero"),
    ("1234.56", "no es un importe válido"),
    ("10,001", "más de 2 decimales"),
])
def test_importe_invalido_no_pregunta_ni_guarda(qtbot, fabrica_demo, monkeypatch, texto, mensaje):
    sid = siniestro_en(fabrica_demo, "acreditado")
    monkeypatch.setattr(mensajes, "confirmar", lambda *a, **k: pytest.fail("no debía pedir confirmación"))
    v = ventana(qtbot, fabrica_demo, sid)
    registrar(qtbot, v, texto)
    assert mensaje in v.mensaje()
    assert pagos.listar_pagos(contexto(fabrica_demo, "operador"), sid) == []


def test_importe_con_signo_pesos_y_sin_miles(qtbot, fabrica_demo, confirmaciones):
    sid = siniestro_en(fabrica_demo, "acreditado")
    v = ventana(qtbot, fabrica_demo, sid)
    registrar(qtbot, v, "$ 1234,5")
    assert [p["importe"] for p in pagos.listar_pagos(contexto(fabrica_demo, "operador"), sid)] == [D("1234.50")]


def test_fecha_anterior_a_la_liquidacion(qtbot, fabrica_demo, confirmaciones):
    sid = siniestro_en(fabrica_demo, "acreditado")
    fecha_liq = liquidaciones.obtener(contexto(fabrica_demo, "operador"), sid)["fecha_liquidacion"]
    v = ventana(qtbot, fabrica_demo, sid)
    v.fecha.setDate(QDate(fecha_liq - timedelta(days=1)))
    registrar(qtbot, v, "10,00")
    assert "anterior a la fecha de liquidación" in v.mensaje()
    assert pagos.listar_pagos(contexto(fabrica_demo, "operador"), sid) == []
    assert v.fecha.maximumDate() == QDate.currentDate()  # a future date cannot even be typed


def test_sin_liquidacion_y_sin_acreditar(qtbot, fabrica_demo):
    v = ventana(qtbot, fabrica_demo, siniestro_en(fabrica_demo, "denunciado"))
    assert v.paginas.currentWidget() is v.sin_liquidacion
    assert "Calcule la liquidación primero" in v.sin_liquidacion.texto.text()
    with qtbot.waitSignal(v.abrir_otra) as senial:
        qtbot.mouseClick(v.sin_liquidacion.boton, Qt.MouseButton.LeftButton)
    assert senial.args == ["calcular", v.siniestro_id]

    v = ventana(qtbot, fabrica_demo, siniestro_en(fabrica_demo, "liquidado"))
    assert v.paginas.currentIndex() == 1
    assert not v.boton_registrar.isEnabled() and "no fueron acreditados" in v.aviso_formulario.text()


def test_incapacidad_no_tiene_a_quien_pagar(qtbot, fabrica_demo):
    v = ventana(qtbot, fabrica_demo, siniestro_en(fabrica_demo, "liquidado", tipo="ilp"))
    assert v.paginas.currentIndex() == 1 and v.tabla_saldos.isHidden()
    assert not v.boton_registrar.isEnabled() and "incapacidad" in v.aviso_formulario.text()
