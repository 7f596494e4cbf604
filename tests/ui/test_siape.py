"""SIAPE window (pytest-qt, offscreen) over the demo store: every concept and every DH's share
shown as the stored liquidation says (checked against `liquidaciones.obtener`, summed here with
Decimal), accredited DH in green, the «no liquidation yet» panel and the buttons to siblings."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from app.services import derechohabientes, liquidaciones, siniestros
from app.ui.siniestro.siape import VentanaSiape
from tests.ui.conftest import contexto, siniestro_en

D = Decimal
CONCEPTOS = (("pago_mensual", "Pago MENSUAL"), ("pago_unico", "Pago ÚNICO"), ("pago_por_danio", "Pago POR DAÑO"),
             ("pago_adicional", "Pago ADICIONAL"), ("total", "TOTAL"))
COLUMNAS_DH = (("pago_unico", "PAGO ÚNICO"), ("pago_por_danio", "PAGO POR DAÑO"), ("pago_adicional", "PAGO ADICIONAL"))


def ar(valor: Decimal, decimales: int = 2) -> str:
    """es-AR text of an amount, written here independently of the program's formatter."""
    return f"{valor:,.{decimales}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def ventana(qtbot, fabrica, sid: int, rol: str = "operador") -> VentanaSiape:
    v = VentanaSiape(contexto(fabrica, rol), sid)
    qtbot.addWidget(v)
    v.show()
    return v


def filas_por_nombre(modelo) -> dict[str, int]:
    return {modelo.texto(n, 0): n for n in range(modelo.rowCount())}


def verde(modelo, fila: int) -> bool:
    fondo = modelo.data(modelo.index(fila, 0), Qt.ItemDataRole.BackgroundRole)
    if fondo is None:
        return False
    c = fondo.color()
    return c.green() > c.red() + 20 and c.green() > c.blue() + 20


def test_conceptos_y_reparto_iguales_a_la_liquidacion_guardada(qtbot, fabrica_demo):
    sid = siniestro_en(fabrica_demo, "pagado")
    ctx = contexto(fabrica_demo, "operador")
    liq = liquidaciones.obtener(ctx, sid)
    r = liq["resultado"]
    dhs = {str(dh["id"]): dh for dh in siniestros.obtener_siniestro(ctx, sid)["derechohabientes"]}
    v = ventana(qtbot, fabrica_demo, sid)

    assert v.paginas.currentIndex() == 1
    assert v._datos["Versión"].text() == str(liq["version"])
    assert v._datos["Fecha de liquidación"].text() == liq["fecha_liquidacion"].strftime("%d/%m/%Y")
    mc = v.modelo_conceptos
    for clave, nombre in CONCEPTOS:
        assert mc.texto(mc.fila_de(nombre), 1) == ar(D(r[clave])), nombre

    m = v.modelo_reparto
    filas = filas_por_nombre(m)
    assert len(r["reparto"]) >= 3 and m.rowCount() == len(r["reparto"]) + 1
    sumas = {clave: D("0") for clave, _ in COLUMNAS_DH}
    for parte in r["reparto"]:
        dh = dhs[parte["id"]]
        n = filas[dh["apellido_nombre"]]
        assert m.texto(n, m.columna("%")) == ar(D(parte["porcentaje"]), 4)
        for clave, columna in COLUMNAS_DH:
            assert m.texto(n, m.columna(columna)) == ar(D(parte["conceptos"][clave]))
            sumas[clave] += D(parte["conceptos"][clave])
        assert m.texto(n, m.columna("TOTAL DH")) == ar(sum((D(parte["conceptos"][c]) for c, _ in COLUMNAS_DH), D(0)))
        assert m.texto(n, m.columna("ACREDITADO")) == ("Sí" if dh["acreditado"] else "No (excluido/a)")
        assert verde(m, n) is dh["acreditado"]
    total = filas["TOTAL"]
    for clave, columna in COLUMNAS_DH:
        assert sumas[clave] == D(r[clave])  # the split is cent-exact
        assert m.texto(total, m.columna(columna)) == ar(D(r[clave]))
    assert m.texto(total, m.columna("TOTAL DH")) == ar(D(r["total"]))
    assert m.texto(total, m.columna("%")) == "100,0000"
    assert v.mensaje() == ""  # nothing to warn about
    assert v.boton_pago.isEnabled()
    with qtbot.waitSignal(v.abrir_otra) as senial:
        qtbot.mouseClick(v.boton_pago, Qt.MouseButton.LeftButton)
    assert senial.args == ["pago", sid]


def test_excluido_muestra_su_motivo(qtbot, fabrica_demo):
    sid = siniestro_en(fabrica_demo, "acreditado")
    ctx = contexto(fabrica_demo, "operador")
    r = liquidaciones.obtener(ctx, sid)["resultado"]
    excluidos = [p for p in r["reparto"] if p["excluido"]]
    assert excluidos
    dhs = {str(dh["id"]): dh for dh in siniestros.obtener_siniestro(ctx, sid)["derechohabientes"]}
    v = ventana(qtbot, fabrica_demo, sid)
    m = v.modelo_reparto
    n = filas_por_nombre(m)[dhs[excluidos[0]["id"]]["apellido_nombre"]]
    assert m.data(m.index(n, 0), Qt.ItemDataRole.ToolTipRole) == excluidos[0]["motivo"]
    assert m.texto(n, m.columna("TOTAL DH")) == "0,00" and not verde(m, n)


def test_sin_liquidacion_pide_calcular(qtbot, fabrica_demo):
    sid = siniestro_en(fabrica_demo, "denunciado")
    v = ventana(qtbot, fabrica_demo, sid)
    assert v.paginas.currentWidget() is v.sin_liquidacion
    assert "Calcule la liquidación primero" in v.sin_liquidacion.texto.text()
    assert not v.boton_pago.isEnabled() and "acreditados" in v.boton_pago.toolTip()
    with qtbot.waitSignal(v.abrir_otra) as senial:
        qtbot.mouseClick(v.sin_liquidacion.boton, Qt.MouseButton.LeftButton)
    assert senial.args == ["calcular", sid]


def test_incapacidad_sin_reparto(qtbot, fabrica_demo):
    sid = siniestro_en(fabrica_demo, "liquidado", tipo="ilp")
    r = liquidaciones.obtener(contexto(fabrica_demo, "operador"), sid)["resultado"]
    v = ventana(qtbot, fabrica_demo, sid)
    mc = v.modelo_conceptos
    for clave, nombre in CONCEPTOS:
        assert mc.texto(mc.fila_de(nombre), 1) == ar(D(r[clave]))
    assert v.cuadro_reparto.isHidden()
    assert "no hay reparto" in v.nota_reparto.text()
    assert v._datos["Derechohabientes"].text() == "No corresponde (incapacidad)"


def test_dh_cargado_despues_de_liquidar_se_avisa(qtbot, fabrica_demo):
    sid = siniestro_en(fabrica_demo, "liquidado")
    liq = contexto(fabrica_demo, "liquidador")
    derechohabientes.agregar_derechohabiente(liq, sid, {
        "parentesco": "madre", "apellido_nombre": "Prueba, Madre Nueva", "fecha_nacimiento": "1950-03-04"})
    v = ventana(qtbot, fabrica_demo, sid)
    assert "«Prueba, Madre Nueva»" in v.mensaje() and "Vuelva a calcular" in v.mensaje()
    assert "Prueba, Madre Nueva" not in filas_por_nombre(v.modelo_reparto)
    # the other DH still add up to the liquidation
    r = liquidaciones.obtener(liq, sid)["resultado"]
    total = filas_por_nombre(v.modelo_reparto)["TOTAL"]
    assert v.modelo_reparto.texto(total, v.modelo_reparto.columna("TOTAL DH")) == ar(D(r["total"]))


def test_esc_cierra(qtbot, fabrica_demo):
    v = ventana(qtbot, fabrica_demo, siniestro_en(fabrica_demo, "pagado"))
    assert v.accion_volver.shortcut().toString() == "Esc"
    v.accion_volver.trigger()
    assert not v.isVisible()
