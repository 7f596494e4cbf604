"""REMUNERACIONES of one siniestro (pytest-qt, offscreen) over the demo store, driven like a user:
the 12 months before the PMI, each updated by the RIPTE of the bundled table (read here on its
own), CÁLCULOS at the chosen «Fec. Liquidación», editing a month and ACTUALIZAR, bad amounts
refused, roles, accredited / paid siniestros and a missing RIPTE."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from app.errors import DatosInvalidos
from app.liquidacion.fechas import Periodo
from app.liquidacion.parametros import TablaRipte
from app.services import agentes, liquidaciones, siniestros
from app.ui import mensajes
from app.ui.siniestro.remcalc_modelos import (
    COL_ACTUALIZADO,
    COL_PERIODO,
    COL_REMUNERACION,
    COL_RIPTE,
    COL_SAC,
    leer_monto_ar,
)
from app.ui.siniestro.remcalc_widgets import poner_fecha
from app.ui.siniestro.remuneraciones import (
    DIAS,
    FACTOR,
    PMI,
    TOTAL_RIPTE,
    VIB,
    VIB_INTERES,
    VentanaRemuneraciones,
)
from tests.ui.conftest import contexto, siniestro_en

D = Decimal
# a liquidation date the bundled rate table covers for the demo's «liquidado» siniestro (PMI 2022)
FECHA = date(2022, 6, 27)
RIPTE_CSV = Path(__file__).resolve().parents[2] / "resources" / "parametros" / "ripte.csv"


# --- independent helpers (no program code): the RIPTE table, rounding and es-AR text --------------
def ripte_csv() -> dict[str, Decimal]:
    filas = RIPTE_CSV.read_text(encoding="utf-8").split()[1:]
    return {f.split(",")[0]: D(f.split(",")[1]) for f in filas}


def centavos(x: Decimal) -> Decimal:
    return x.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def ar(x: Decimal, decimales: int = 2) -> str:
    """1234567.891 → 1.234.567,89"""
    texto = f"{x.quantize(D(1).scaleb(-decimales), rounding=ROUND_HALF_UP):,.{decimales}f}"
    return texto.replace(",", "_").replace(".", ",").replace("_", ".")


def meses_antes(pmi: date) -> list[str]:
    """The 12 months M-12 … M-1 before the PMI month, oldest first."""
    salida = []
    anio, mes = pmi.year, pmi.month
    for _ in range(12):
        anio, mes = (anio - 1, 12) if mes == 1 else (anio, mes - 1)
        salida.append(f"{anio}-{mes:02d}")
    return salida[::-1]


def esperado(filas: list[dict], pmi: date) -> dict:
    """Updated amounts, total and VIB of the Ley 27.348 method from the RIPTE csv."""
    ripte = ripte_csv()
    ref = ripte[f"{pmi.year}-{pmi.month:02d}"]
    actualizados = {f["periodo"]: centavos((f["remuneracion"] + f["sac"]) * ref / ripte[f["periodo"]])
                    for f in filas}
    con_sueldo = [f for f in filas if f["remuneracion"] + f["sac"] > 0]
    total = sum(actualizados.values(), D(0))
    return {"ref": ref, "ripte": ripte, "actualizados": actualizados, "total": total,
            "vib": centavos(total / len(con_sueldo))}


def escribir(widget, texto: str) -> None:
    """Type key by key with QKeyEvents that carry the text (qtbot.keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    for caracter in texto:
        for tipo in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(widget, QKeyEvent(tipo, 0, Qt.KeyboardModifier.NoModifier, caracter))


def editar_celda(qtbot, ventana, fila: int, col: int, texto: str) -> None:
    """Open the cell's editor as F2 does, replace its text and press Enter."""
    indice = ventana.modelo.index(fila, col)
    ventana.tabla.setCurrentIndex(indice)
    ventana.tabla.edit(indice)
    editores = ventana.tabla.viewport().findChildren(QLineEdit)
    assert len(editores) == 1, "la celda no abrió un editor"
    editor = editores[0]
    assert editor.text() == ventana.modelo.data(indice)  # it opens with the amount as shown
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    escribir(editor, texto)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # the delegate commits and closes the editor through a queued call
    qtbot.waitUntil(lambda: ventana.tabla.state() != QAbstractItemView.State.EditingState, timeout=2000)


# --- fixtures -----------------------------------------------------------------------------------------
def abrir(qtbot, fabrica, rol: str = "liquidador", estado: str = "liquidado", fecha: date | None = FECHA):
    sid = siniestro_en(fabrica, estado)
    v = VentanaRemuneraciones(contexto(fabrica, rol), sid)
    # unsaved edits left by a test are dropped, so closing asks nothing
    qtbot.addWidget(v, before_close_func=lambda w: w.modelo.descartar_cambios())
    v.show()
    qtbot.waitExposed(v)
    if fecha is not None:
        poner_fecha(v.fecha, fecha)
    return v


@pytest.fixture
def ventana(qtbot, fabrica_demo):
    return abrir(qtbot, fabrica_demo)


def filas_guardadas(v) -> list[dict]:
    return siniestros.remuneraciones_del_siniestro(v.ctx, v.siniestro_id)


def columna(v, col: int) -> list[str]:
    return [v.modelo.data(v.modelo.index(n, col)) for n in range(v.modelo.rowCount())]


# --- tests ------------------------------------------------------------------------------------------------
def test_cabecera_y_los_doce_meses_anteriores_a_la_pmi(ventana):
    s = siniestros.obtener_siniestro(ventana.ctx, ventana.siniestro_id)
    agente = agentes.obtener_agente(ventana.ctx, s["agente"]["id"])
    assert ventana.windowTitle() == f"REMUNERACIONES — Siniestro {s['numero']} — {agente['apellido_nombre']}"
    assert ventana.cabecera.valor("Agente") == agente["apellido_nombre"]
    assert ventana.cabecera.valor("Organismo") == agente["organismo"]
    assert ventana.cabecera.valor("Fecha nacim.") == agente["fecha_nacimiento"].strftime("%d/%m/%Y")
    assert ventana.cabecera.valor("PMI / Accidente") == s["fecha_pmi"].strftime("%d/%m/%Y")
    assert ventana.valor(PMI) == s["fecha_pmi"].strftime("%d/%m/%Y")
    baja = agente["fecha_baja_actividad"]
    assert ventana.baja.text() == f"Baja de actividad: {baja.strftime('%d/%m/%Y') if baja else '—'}"

    meses = meses_antes(s["fecha_pmi"])
    assert columna(ventana, COL_PERIODO) == [f"{m[5:]}-{m[:4]}" for m in meses]  # 12 rows, oldest first
    guardadas = {f["periodo"]: f for f in filas_guardadas(ventana)}
    assert columna(ventana, COL_REMUNERACION) == [ar(guardadas[m]["remuneracion"]) for m in meses]
    assert columna(ventana, COL_SAC) == [ar(guardadas[m]["sac"]) for m in meses]
    # amounts right-aligned, the period left-aligned
    alineacion = ventana.modelo.data(ventana.modelo.index(0, COL_REMUNERACION), Qt.ItemDataRole.TextAlignmentRole)
    assert alineacion & Qt.AlignmentFlag.AlignRight
    assert ventana.modelo.headerData(COL_ACTUALIZADO, Qt.Orientation.Horizontal) == "(REM + SAC) × RIPTE"


def test_ripte_actualizado_y_calculos_segun_la_tabla_ripte(ventana):
    s = siniestros.obtener_siniestro(ventana.ctx, ventana.siniestro_id)
    pmi = s["fecha_pmi"]
    filas = filas_guardadas(ventana)
    e = esperado(filas, pmi)
    meses = [f["periodo"] for f in filas]
    assert columna(ventana, COL_RIPTE) == [ar(e["ripte"][m]) for m in meses]
    assert columna(ventana, COL_ACTUALIZADO) == [ar(e["actualizados"][m]) for m in meses]
    assert ventana.valor(TOTAL_RIPTE) == ar(e["total"])
    assert ventana.valor(VIB) == ar(e["vib"])
    assert ventana.ripte_pmi.text() == f"RIPTE período PMI: {ar(e['ref'])} ({pmi.month:02d}-{pmi.year})"
    assert ventana.valor(DIAS) == str((FECHA - pmi).days)
    assert "promedio mensual de los salarios" in ventana.nota.text()
    assert not ventana.barra.isVisible()
    # the CÁLCULOS equal what CALCULAR stored for the same date (demo version 1 was liquidated at FECHA)
    guardada = liquidaciones.obtener(ventana.ctx, ventana.siniestro_id, 1)
    assert guardada["fecha_liquidacion"] == FECHA
    r = guardada["resultado"]
    assert (ventana.valor(VIB), ventana.valor(VIB_INTERES), ventana.valor(FACTOR)) == (
        ar(D(r["vib"])), ar(D(r["vib_con_interes"])), ar(D(r["factor_capitalizacion"]), 6))


def test_cambiar_la_fecha_de_liquidacion_cambia_los_dias_de_interes(ventana):
    dias, vib = int(ventana.valor(DIAS)), ventana.valor(VIB)
    poner_fecha(ventana.fecha, FECHA + timedelta(days=45))
    assert int(ventana.valor(DIAS)) == dias + 45
    assert ventana.valor(VIB) == vib  # the VIB does not depend on the liquidation date
    poner_fecha(ventana.fecha, FECHA - timedelta(days=10))
    assert int(ventana.valor(DIAS)) == dias - 10


def test_editar_un_mes_y_actualizar_guarda_y_cambia_el_vib(qtbot, ventana):
    pmi = siniestros.obtener_siniestro(ventana.ctx, ventana.siniestro_id)["fecha_pmi"]
    antes = filas_guardadas(ventana)
    vib_antes = esperado(antes, pmi)["vib"]
    assert ventana.valor(VIB) == ar(vib_antes)
    fila = 3
    periodo = antes[fila]["periodo"]

    editar_celda(qtbot, ventana, fila, COL_REMUNERACION, "123.456,78")
    indice = ventana.modelo.index(fila, COL_REMUNERACION)
    assert ventana.modelo.data(indice) == "123.456,78"
    assert ventana.modelo.data(indice, Qt.ItemDataRole.FontRole).bold()  # unsaved: bold on amber
    assert ventana.modelo.data(indice, Qt.ItemDataRole.BackgroundRole).color().name() == "#ffe08a"
    assert ventana.pendientes.text() == "1 mes(es) con cambios sin guardar"
    assert filas_guardadas(ventana) == antes  # nothing stored yet
    assert ventana.valor(VIB) == ar(vib_antes)

    with qtbot.waitSignal(ventana.cambiado, timeout=2000) as senial:
        qtbot.mouseClick(ventana.boton_actualizar, Qt.MouseButton.LeftButton)
    assert senial.args == [ventana.siniestro_id]

    despues = filas_guardadas(ventana)
    assert despues[fila]["remuneracion"] == D("123456.78") and despues[fila]["cargada"]
    assert [f for n, f in enumerate(despues) if n != fila] == [f for n, f in enumerate(antes) if n != fila]
    e = esperado(despues, pmi)
    assert ventana.valor(VIB) == ar(e["vib"])
    # the VIB moved by the month's change updated by RIPTE, over the months with salary
    ripte = ripte_csv()
    n = sum(1 for f in despues if f["remuneracion"] + f["sac"] > 0)
    cambio = (centavos((D("123456.78") + antes[fila]["sac"]) * e["ref"] / ripte[periodo])
              - centavos((antes[fila]["remuneracion"] + antes[fila]["sac"]) * e["ref"] / ripte[periodo]))
    assert abs(e["vib"] - vib_antes - cambio / n) <= D("0.01")  # each VIB rounded to cents once
    assert not ventana.modelo.data(indice, Qt.ItemDataRole.FontRole)
    assert ventana.pendientes.text() == ""
    assert "Se guardaron las remuneraciones de " + f"{periodo[5:]}-{periodo[:4]}" in ventana.mensaje()


@pytest.mark.parametrize("texto, motivo", [
    ("abc", "no es un importe"),
    ("-5", "no puede ser negativo"),
    ("1,234", "más de 2 decimales"),
    ("12.34", "no es un importe"),
    ("", "falta el importe"),
])
def test_un_importe_invalido_se_rechaza_y_no_se_guarda(qtbot, ventana, texto, motivo):
    antes = filas_guardadas(ventana)
    fila = 5
    periodo = antes[fila]["periodo"]
    original = ventana.modelo.data(ventana.modelo.index(fila, COL_SAC))
    editar_celda(qtbot, ventana, fila, COL_SAC, texto)
    assert ventana.barra.isVisible()
    assert ventana.mensaje().startswith(f"SAC de {periodo[5:]}-{periodo[:4]}:")
    assert motivo in ventana.mensaje()
    assert ventana.modelo.data(ventana.modelo.index(fila, COL_SAC)) == original
    assert not ventana.modelo.hay_cambios()
    qtbot.mouseClick(ventana.boton_actualizar, Qt.MouseButton.LeftButton)
    assert filas_guardadas(ventana) == antes


def test_lectura_de_importes_es_ar():
    assert leer_monto_ar("1.234,56", "x") == D("1234.56")
    assert leer_monto_ar("1234,56", "x") == D("1234.56")
    assert leer_monto_ar(" $ 1.234.567 ", "x") == D("1234567.00")
    assert leer_monto_ar("1.234", "x") == D("1234.00")  # dots group thousands
    assert leer_monto_ar("0,5", "x") == D("0.50")
    assert str(leer_monto_ar("-0", "x")) == "0.00"
    for malo in ("1,2,3", "12.34", "1.23,4", "1..234", "1 234,5x", "1e3"):
        with pytest.raises(DatosInvalidos, match="REM de 01-2020"):
            leer_monto_ar(malo, "REM de 01-2020")


def test_cerrar_con_cambios_sin_guardar_pide_confirmacion(qtbot, ventana, monkeypatch):
    preguntas = []
    respuesta = [False]

    def confirmar(parent, titulo, texto, **kw):
        preguntas.append(texto)
        return respuesta[0]

    monkeypatch.setattr(mensajes, "confirmar", confirmar)
    antes = filas_guardadas(ventana)
    editar_celda(qtbot, ventana, 0, COL_REMUNERACION, "1000")
    qtbot.keyClick(ventana.tabla, Qt.Key.Key_Escape)  # Esc = Volver
    assert preguntas == ["Hay 1 mes(es) de remuneraciones editados sin guardar."]
    assert ventana.isVisible() and ventana.modelo.hay_cambios()  # «Seguir editando»
    respuesta[0] = True
    ventana.close()
    assert not ventana.isVisible()
    assert filas_guardadas(ventana) == antes  # discarded, not saved


def test_sin_cambios_se_cierra_sin_preguntar(qtbot, ventana):
    ventana.accion_volver.trigger()  # a confirmation here would fail the modal-dialog guard
    assert not ventana.isVisible()


def test_sin_permiso_de_carga_la_tabla_es_de_solo_lectura(qtbot, fabrica_demo):
    v = abrir(qtbot, fabrica_demo, rol="administrador")
    antes = filas_guardadas(v)
    indice = v.modelo.index(0, COL_REMUNERACION)
    assert not v.modelo.flags(indice) & Qt.ItemFlag.ItemIsEditable
    assert not v.modelo.setData(indice, "1.000,00")
    assert not v.boton_actualizar.isEnabled()
    assert "no puede cargar remuneraciones" in v.boton_actualizar.toolTip()
    assert v.boton_calcular.isEnabled()  # looking at CALCULAR is allowed
    assert filas_guardadas(v) == antes


def test_acreditado_el_servicio_rechaza_y_se_muestra_su_mensaje(qtbot, fabrica_demo):
    v = abrir(qtbot, fabrica_demo, rol="liquidador", estado="acreditado", fecha=None)
    antes = filas_guardadas(v)
    editar_celda(qtbot, v, 11, COL_SAC, "1,00")
    qtbot.mouseClick(v.boton_actualizar, Qt.MouseButton.LeftButton)
    assert "ya fueron acreditados" in v.mensaje() and "requiere un supervisor" in v.mensaje()
    assert v.modelo.hay_cambios()  # the edit stays on screen
    assert filas_guardadas(v) == antes


def test_con_pagos_nadie_cambia_las_remuneraciones(qtbot, fabrica_demo):
    v = abrir(qtbot, fabrica_demo, rol="supervisor", estado="pagado", fecha=None)
    antes = filas_guardadas(v)
    editar_celda(qtbot, v, 0, COL_REMUNERACION, "1")
    qtbot.mouseClick(v.boton_actualizar, Qt.MouseButton.LeftButton)
    assert "ya tiene pagos registrados" in v.mensaje()
    assert filas_guardadas(v) == antes


def test_falta_el_ripte_del_mes_se_avisa_sin_romper(qtbot, fabrica_demo, monkeypatch):
    """The RIPTE of the PMI month missing from the tables in force: an amber message names it."""
    sid = siniestro_en(fabrica_demo, "liquidado")
    pmi = siniestros.obtener_siniestro(contexto(fabrica_demo), sid)["fecha_pmi"]
    falta = Periodo(pmi.year, pmi.month)
    real = liquidaciones.parametros_vigentes

    def sin_ese_ripte(sesion):
        p = real(sesion)
        return dataclasses.replace(p, ripte=TablaRipte({k: v for k, v in p.ripte.items() if k != falta}))

    monkeypatch.setattr(liquidaciones, "parametros_vigentes", sin_ese_ripte)
    v = abrir(qtbot, fabrica_demo)
    assert v.barra.isVisible()
    assert f"Falta el RIPTE de {pmi.year}-{pmi.month:02d}" in v.mensaje()
    assert "Fec. Liquidación" in v.mensaje()  # says what to do
    assert columna(v, COL_RIPTE) == ["—"] * 12 and v.valor(VIB) == "—"
    assert columna(v, COL_REMUNERACION) == [ar(f["remuneracion"]) for f in filas_guardadas(v)]
    # with the parameter back, the next recalculation clears the message
    monkeypatch.setattr(liquidaciones, "parametros_vigentes", real)
    qtbot.mouseClick(v.boton_actualizar, Qt.MouseButton.LeftButton)
    assert v.valor(VIB) != "—" and "Falta" not in v.mensaje()


def test_calcular_pide_abrir_la_ventana_calcular(qtbot, ventana):
    with qtbot.waitSignal(ventana.abrir_otra, timeout=1000) as senial:
        qtbot.mouseClick(ventana.boton_calcular, Qt.MouseButton.LeftButton)
    assert senial.args == ["calcular", ventana.siniestro_id]


def test_sin_tasa_para_la_fecha_se_avisa_en_ambar(ventana):
    poner_fecha(ventana.fecha, date(2099, 1, 1))  # beyond any rate table
    assert "Falta la tasa activa BNA" in ventana.mensaje()
    assert "fff3cd" in ventana.barra.styleSheet()  # amber: the screen is still usable
    assert ventana.valor(DIAS) == "—" and columna(ventana, COL_ACTUALIZADO) == ["—"] * 12
    poner_fecha(ventana.fecha, FECHA)
    assert not ventana.barra.isVisible() and ventana.valor(DIAS) != "—"


def test_cada_boton_tiene_atajo_de_teclado(ventana):
    from PySide6.QtWidgets import QPushButton

    botones = ventana.findChildren(QPushButton)
    assert {b.text() for b in botones} >= {"&ACTUALIZAR", "&CALCULAR", "&Volver"}
    assert all("&" in b.text() for b in botones)


def test_pmi_anterior_a_la_ley_27348_suma_sin_ripte(qtbot, fabrica_demo):
    """Original art. 12: the months as they are, sum ÷ days of the period × 30,4 (no RIPTE)."""
    from sqlalchemy import select

    from app.models import Siniestro

    with fabrica_demo() as sesion:
        sid = sesion.scalar(select(Siniestro.id).where(Siniestro.fecha_pmi < date(2017, 3, 1))
                            .order_by(Siniestro.id).limit(1))
    ctx = contexto(fabrica_demo, "liquidador")
    s = siniestros.obtener_siniestro(ctx, sid)
    v = VentanaRemuneraciones(ctx, sid)
    qtbot.addWidget(v)
    poner_fecha(v.fecha, s["fecha_pmi"] + timedelta(days=60))
    filas = filas_guardadas(v)
    assert v.modelo.headerData(COL_ACTUALIZADO, Qt.Orientation.Horizontal) == "REM + SAC (sin RIPTE)"
    assert columna(v, COL_ACTUALIZADO) == [ar(f["remuneracion"] + f["sac"]) for f in filas]
    total = sum((f["remuneracion"] + f["sac"] for f in filas), D(0))
    primero = date(int(filas[0]["periodo"][:4]), int(filas[0]["periodo"][5:]), 1)
    inicio = s["agente"]["fecha_inicio_actividad"]
    desde = max(primero, inicio) if inicio else primero
    hasta = s["fecha_pmi"].replace(day=1) - timedelta(days=1)
    dias = (hasta - desde).days + 1
    assert v.titulo_total.text() == f"TOTAL DE SALARIOS DEL PERÍODO ({dias} días del período)"
    assert v.valor(TOTAL_RIPTE) == ar(total)
    assert v.etiquetas[VIB].text() == "VIB (art. 12 original):"
    assert v.valor(VIB) == ar(centavos(total / dias * D("30.4")))
    assert "art. 12 original" in v.nota.text()


def test_el_modelo_cumple_el_contrato_de_qt(qtmodeltester, ventana):
    qtmodeltester.check(ventana.modelo)
