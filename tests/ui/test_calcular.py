"""CALCULAR of one siniestro (pytest-qt, offscreen) over the demo store, driven like a user: the
concepts of the unsaved preview and of each stored version, «Calcular y guardar» storing version
N+1 with the preview's total, comparing two versions and a version against the preview at another
date (B − A checked against the stored results), roles, accredited siniestros and a missing RIPTE."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from app.errors import PermisoDenegado
from app.liquidacion.fechas import Periodo
from app.liquidacion.parametros import TablaRipte
from app.services import liquidaciones, siniestros
from app.ui import mensajes
from app.ui.siniestro.calcular import TAB_COMPARAR, VentanaCalcular
from app.ui.siniestro.remcalc_widgets import poner_fecha
from tests.ui.conftest import contexto, siniestro_en
from tests.ui.test_remuneraciones import FECHA, ar

D = Decimal
CONCEPTOS = (("Pago MENSUAL", "pago_mensual"), ("Pago ÚNICO", "pago_unico"), ("Pago POR DAÑO", "pago_por_danio"),
             ("Pago ADICIONAL", "pago_adicional"), ("TOTAL", "total"))


def abrir(qtbot, fabrica, rol: str = "liquidador", estado: str = "liquidado", fecha: date | None = FECHA):
    v = VentanaCalcular(contexto(fabrica, rol), siniestro_en(fabrica, estado))
    qtbot.addWidget(v)
    v.show()
    qtbot.waitExposed(v)
    if fecha is not None:
        poner_fecha(v.fecha, fecha)
    return v


@pytest.fixture
def ventana(qtbot, fabrica_demo):
    return abrir(qtbot, fabrica_demo)


@pytest.fixture
def confirmaciones(monkeypatch):
    """«Calcular y guardar» asks first: answer «Guardar» and keep the question's text."""
    textos = []

    def confirmar(parent, titulo, texto, **kw):
        textos.append(texto)
        return True

    monkeypatch.setattr(mensajes, "confirmar", confirmar)
    return textos


def conceptos(v) -> dict[str, tuple[str, str]]:
    m = v.modelo_conceptos
    return {m.texto(n, 0): (m.texto(n, 1), m.texto(n, 2)) for n in range(m.rowCount())}


def tabla_versiones(v) -> list[tuple]:
    m = v.modelo_versiones
    return [tuple(m.texto(n, c) for c in range(m.columnCount())) for n in range(m.rowCount())]


def comparacion(v) -> dict[str, tuple]:
    m = v.modelo_comparacion
    return {m.texto(n, 0): tuple(m.texto(n, c) for c in (1, 2, 3)) for n in range(m.rowCount())}


def guardar(qtbot, v) -> None:
    qtbot.mouseClick(v.boton_guardar, Qt.MouseButton.LeftButton)


# --- tests ------------------------------------------------------------------------------------------------
def test_la_vista_previa_muestra_los_conceptos_y_la_formula(ventana):
    assert ventana.windowTitle().startswith("CALCULAR — Siniestro ")
    # demo version 1 was liquidated by the engine at FECHA: the preview at FECHA must show it
    v1 = liquidaciones.obtener(ventana.ctx, ventana.siniestro_id, 1)
    assert v1["fecha_liquidacion"] == FECHA
    r = v1["resultado"]
    assert ventana.modelo_versiones.texto(0, 0) == "Vista previa"
    assert ventana.titulo_conceptos.text() == "Vista previa al 27/06/2022 — no guardada"
    filas = conceptos(ventana)
    assert list(filas) == [c for c, _ in CONCEPTOS]
    for concepto, clave in CONCEPTOS:
        assert filas[concepto][0] == ar(D(r[clave])), concepto
    formula = filas["Pago ÚNICO"][1]
    assert f"Fórmula: {r['formula']['texto']}" in formula
    piso = ar(D(r["piso_minimo"]))
    aplicado = f"Se aplica el piso mínimo de $ {piso}" if r["aplica_piso"] else f"Piso mínimo $ {piso}: no se aplica"
    assert aplicado in formula
    m = r["parametros_usados"]["montos_srt"]
    desde, hasta = (date.fromisoformat(m[k]).strftime("%d/%m/%Y") for k in ("vigencia_desde", "vigencia_hasta"))
    assert f"Montos SRT: {m['norma']}, semestre del {desde} al {hasta}." in formula
    assert "Régimen: Ley 27.348." in ventana.texto_parametros.text()
    # the amounts are right-aligned
    indice = ventana.modelo_conceptos.index(4, 1)
    assert ventana.modelo_conceptos.data(indice, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


def test_lista_de_versiones_y_elegir_una_muestra_sus_conceptos(ventana):
    versiones = liquidaciones.versiones(ventana.ctx, ventana.siniestro_id)
    filas = tabla_versiones(ventana)
    assert len(filas) == 1 + len(versiones)
    for fila, v in zip(filas[1:], versiones):
        assert fila[0] == str(v["version"])
        assert fila[1] == v["fecha_liquidacion"].strftime("%d/%m/%Y")
        assert fila[2] == v["calculada_por"]
        assert fila[4] == ar(v["total"])
    poner_fecha(ventana.fecha, FECHA + timedelta(days=30))  # the preview now differs from version 1
    ventana.tabla_versiones.selectRow(1)
    ventana.tabla_versiones.setCurrentIndex(ventana.modelo_versiones.index(1, 0))
    r = liquidaciones.obtener(ventana.ctx, ventana.siniestro_id, versiones[0]["version"])["resultado"]
    assert ventana.titulo_conceptos.text().startswith(f"Versión {versiones[0]['version']} — liquidada al 27/06/2022")
    assert {c: m for c, (m, _) in conceptos(ventana).items()} == {c: ar(D(r[k])) for c, k in CONCEPTOS}


def test_calcular_y_guardar_guarda_la_version_siguiente_con_el_total_de_la_vista_previa(
        qtbot, ventana, confirmaciones):
    otra = FECHA + timedelta(days=61)
    poner_fecha(ventana.fecha, otra)
    total_previa = ventana.modelo_versiones.texto(0, 4)
    assert conceptos(ventana)["TOTAL"][0] == total_previa
    antes = liquidaciones.versiones(ventana.ctx, ventana.siniestro_id)
    n = antes[-1]["version"]

    with qtbot.waitSignal(ventana.cambiado, timeout=2000):
        guardar(qtbot, ventana)
    assert confirmaciones == [(f"Se guardará la versión {n + 1} de la liquidación al {otra.strftime('%d/%m/%Y')}, "
                               f"con un total de $ {total_previa}.")]
    despues = liquidaciones.versiones(ventana.ctx, ventana.siniestro_id)
    assert [v["version"] for v in despues] == [v["version"] for v in antes] + [n + 1]
    nueva = liquidaciones.obtener(ventana.ctx, ventana.siniestro_id, n + 1)
    assert nueva["fecha_liquidacion"] == otra and nueva["calculada_por"] == "liquidador1"
    assert ar(nueva["total"]) == total_previa
    assert nueva["resultado"] == liquidaciones.previsualizar(ventana.ctx, ventana.siniestro_id, otra)
    # the list shows it and it is the one selected
    assert tabla_versiones(ventana)[-1][0] == str(n + 1) and tabla_versiones(ventana)[-1][4] == total_previa
    assert ventana.version_mostrada() == n + 1
    assert ventana.mensaje() == (f"Se guardó la versión {n + 1} al {otra.strftime('%d/%m/%Y')}: "
                                 f"total $ {total_previa}.")


def test_comparar_dos_versiones_muestra_v2_menos_v1(qtbot, ventana, confirmaciones):
    poner_fecha(ventana.fecha, FECHA + timedelta(days=92))
    guardar(qtbot, ventana)
    versiones = liquidaciones.versiones(ventana.ctx, ventana.siniestro_id)
    a, b = versiones[0]["version"], versiones[-1]["version"]
    ra = liquidaciones.obtener(ventana.ctx, ventana.siniestro_id, a)["resultado"]
    rb = liquidaciones.obtener(ventana.ctx, ventana.siniestro_id, b)["resultado"]
    ventana.elegir_comparacion(a, b)
    qtbot.mouseClick(ventana.boton_comparar, Qt.MouseButton.LeftButton)
    assert ventana.pestanias.currentIndex() == TAB_COMPARAR
    assert [ventana.modelo_comparacion.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Concepto", f"Versión {a}", f"Versión {b}", "Diferencia"]
    filas = comparacion(ventana)
    for concepto, clave in CONCEPTOS:
        nombre = "TOTAL" if clave == "total" else concepto
        assert filas[nombre] == (ar(D(ra[clave])), ar(D(rb[clave])), ar(D(rb[clave]) - D(ra[clave]))), concepto
    assert filas["Fecha de liquidación"][2] == "92 días"
    assert filas["Días de interés"][2] == str(rb["dias_interes"] - ra["dias_interes"])
    # each DH's amount too
    dhs = {str(d["id"]): d for d in siniestros.obtener_siniestro(ventana.ctx, ventana.siniestro_id)["derechohabientes"]}
    for parte in rb["reparto"]:
        dh = dhs[parte["id"]]
        fila = filas[f"«{dh['apellido_nombre']}» ({liquidaciones.PARENTESCOS[dh['parentesco']]})"]
        antes = next(p for p in ra["reparto"] if p["id"] == parte["id"])
        assert fila[2] == ar(D(parte["importe"]) - D(antes["importe"]))


def test_comparar_la_ultima_version_con_la_vista_previa_a_otra_fecha(qtbot, ventana):
    ultima = liquidaciones.versiones(ventana.ctx, ventana.siniestro_id)[-1]
    guardada = liquidaciones.obtener(ventana.ctx, ventana.siniestro_id, ultima["version"])["resultado"]
    assert (ventana.combo_a.currentData(), ventana.combo_b.currentData()) == (ultima["version"], None)
    otra = ultima["fecha_liquidacion"] + timedelta(days=40)
    poner_fecha(ventana.fecha, otra)
    qtbot.mouseClick(ventana.boton_comparar, Qt.MouseButton.LeftButton)
    assert ventana.modelo_comparacion.headerData(2, Qt.Orientation.Horizontal) == \
        f"Vista previa al {otra.strftime('%d/%m/%Y')}"
    previa = ventana.previa
    filas = comparacion(ventana)
    for concepto, clave in CONCEPTOS:
        assert filas[concepto][2] == ar(D(previa[clave]) - D(guardada[clave])), concepto
    assert filas["Fecha de liquidación"] == (ultima["fecha_liquidacion"].strftime("%d/%m/%Y"),
                                             otra.strftime("%d/%m/%Y"), "40 días")
    assert filas["VIB con RIPTE"][2] == "0,00"  # only the interest depends on the date
    # «what if»: changing the date again updates the comparison
    poner_fecha(ventana.fecha, otra + timedelta(days=5))
    assert comparacion(ventana)["Fecha de liquidación"][2] == "45 días"
    assert int(comparacion(ventana)["Días de interés"][2]) == int(filas["Días de interés"][2]) + 5
    assert len(liquidaciones.versiones(ventana.ctx, ventana.siniestro_id)) == ultima["version"]  # nothing stored


def test_elegir_la_misma_version_dos_veces_se_avisa(qtbot, ventana):
    ventana.elegir_comparacion(1, 1)
    qtbot.mouseClick(ventana.boton_comparar, Qt.MouseButton.LeftButton)
    assert ventana.mensaje() == "Elija dos versiones distintas para comparar."


def test_el_operador_no_puede_guardar(qtbot, fabrica_demo):
    v = abrir(qtbot, fabrica_demo, rol="operador")
    assert not v.boton_guardar.isEnabled()
    assert "no puede calcular liquidaciones" in v.boton_guardar.toolTip()
    assert conceptos(v)["TOTAL"][0] != "—"  # but sees the preview
    antes = liquidaciones.versiones(v.ctx, v.siniestro_id)
    with pytest.raises(PermisoDenegado):  # and the service refuses too
        liquidaciones.calcular(v.ctx, v.siniestro_id, FECHA)
    assert liquidaciones.versiones(v.ctx, v.siniestro_id) == antes


def test_acreditado_el_liquidador_ve_el_rechazo_en_la_barra_roja(qtbot, fabrica_demo, confirmaciones):
    v = abrir(qtbot, fabrica_demo, rol="liquidador", estado="acreditado", fecha=None)
    s = siniestros.obtener_siniestro(v.ctx, v.siniestro_id)
    poner_fecha(v.fecha, liquidaciones.versiones(v.ctx, v.siniestro_id)[-1]["fecha_liquidacion"])
    antes = liquidaciones.versiones(v.ctx, v.siniestro_id)
    guardar(qtbot, v)
    assert v.mensaje() == (f"Los derechohabientes del siniestro {s['numero']} ya fueron acreditados: "
                           "solo un supervisor puede recalcular.")
    assert "c62828" in v.barra.styleSheet()  # red
    assert liquidaciones.versiones(v.ctx, v.siniestro_id) == antes


def test_falta_el_ripte_se_avisa_y_no_se_guarda_nada(qtbot, fabrica_demo, monkeypatch):
    sid = siniestro_en(fabrica_demo, "liquidado")
    pmi = siniestros.obtener_siniestro(contexto(fabrica_demo), sid)["fecha_pmi"]
    falta = Periodo(pmi.year, pmi.month)
    real = liquidaciones.parametros_vigentes

    def sin_ese_ripte(sesion):
        p = real(sesion)
        return dataclasses.replace(p, ripte=TablaRipte({k: v for k, v in p.ripte.items() if k != falta}))

    monkeypatch.setattr(liquidaciones, "parametros_vigentes", sin_ese_ripte)
    v = abrir(qtbot, fabrica_demo)
    esperado = f"Falta el RIPTE de {pmi.year}-{pmi.month:02d}"
    assert esperado in v.mensaje() and v.modelo_conceptos.rowCount() == 0
    assert v.modelo_versiones.texto(0, 4) == "—"
    antes = liquidaciones.versiones(v.ctx, v.siniestro_id)
    guardar(qtbot, v)  # no preview: no question, the service refuses with the same message
    assert esperado in v.mensaje() and "c62828" in v.barra.styleSheet()
    assert liquidaciones.versiones(v.ctx, v.siniestro_id) == antes
    # a stored version can still be looked at
    v.tabla_versiones.setCurrentIndex(v.modelo_versiones.index(1, 0))
    assert conceptos(v)["TOTAL"][0] == ar(antes[0]["total"])


def test_esc_cierra(qtbot, ventana):
    qtbot.keyClick(ventana.tabla_versiones, Qt.Key.Key_Escape)
    assert not ventana.isVisible()


def test_cada_boton_tiene_atajo_de_teclado(ventana):
    from PySide6.QtWidgets import QPushButton

    assert all("&" in b.text() for b in ventana.findChildren(QPushButton))


def test_los_modelos_cumplen_el_contrato_de_qt(qtbot, qtmodeltester, ventana):
    ventana.elegir_comparacion(1, None)
    qtbot.mouseClick(ventana.boton_comparar, Qt.MouseButton.LeftButton)
    for modelo in (ventana.modelo_versiones, ventana.modelo_conceptos, ventana.modelo_comparacion):
        qtmodeltester.check(modelo)
