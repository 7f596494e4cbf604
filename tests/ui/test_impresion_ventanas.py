"""The documents printed from the windows (pytest-qt, offscreen, demo store): each button opens
the preview of its document with the figures the window shows (read back from the PDF with
pypdf), a print or a save keeps it in the legajo exactly once, the service's refusals show in the
preview's red bar, and the buttons are enabled only when the document can exist."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

import pytest
from PySide6.QtPrintSupport import QPrinter
from pypdf import PdfReader
from sqlalchemy import select, update

from app.models import Derechohabiente, Liquidacion
from app.reports.formato import fecha_larga
from app.services import convenios, documentos, siniestros
from app.ui import mensajes
from app.ui.impresion import documentos as impresos
from app.ui.impresion import vista_previa
from app.ui.impresion.citacion import DialogoCitacion
from app.ui.siniestro.convenio_dialogo import DialogoConvenio
from app.ui.siniestro.derechohabientes import VentanaDerechohabientes
from app.ui.siniestro.dh_modelo import COL_IMPORTE
from app.ui.siniestro.remcalc_modelos import COL_REMUNERACION
from app.ui.siniestro.remcalc_widgets import poner_fecha
from app.ui.siniestro.remuneraciones import VIB_INTERES, VentanaRemuneraciones
from app.ui.siniestro.siape import VentanaSiape
from tests.ui.conftest import contexto, siniestro_en


def texto_pdf(contenido: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(contenido)).pages).split())


@pytest.fixture
def avisos(monkeypatch):
    dichos: list[str] = []
    monkeypatch.setattr(mensajes, "informar", lambda parent, texto, *a, **k: dichos.append(texto))
    monkeypatch.setattr(mensajes, "error", lambda parent, e, *a, **k: dichos.append(mensajes.texto_de(e)))
    return dichos


def guardar(dlg, ruta, monkeypatch) -> None:
    monkeypatch.setattr(vista_previa, "elegir_archivo", lambda *a: str(ruta))
    dlg.guardar()


def en_legajo(ctx, sid) -> list[tuple[str, str]]:
    return [(d["tipo"], d["nombre_archivo"]) for d in documentos.listar_documentos(ctx, sid)]


def abrir(qtbot, clase, fabrica, sid, rol="supervisor"):
    v = clase(contexto(fabrica, rol), sid)
    # unsaved edits left by a test are dropped, so closing asks nothing
    qtbot.addWidget(v, before_close_func=lambda w: w.modelo.descartar_cambios()
                    if hasattr(getattr(w, "modelo", None), "descartar_cambios") else None)
    v.show()
    return v


def a_archivo(ruta):
    """The system print dialog answered «Imprimir» to a PDF file (an offscreen session has no printer)."""
    def elegir(parent, impresora: QPrinter) -> bool:
        impresora.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        impresora.setOutputFileName(str(ruta))
        return True
    return elegir


def ultima(fabrica, sid) -> Liquidacion:
    with fabrica() as s:
        return s.scalars(select(Liquidacion).where(Liquidacion.siniestro_id == sid)
                         .order_by(Liquidacion.version.desc())).first()


# ------------------------------------------------------------------ REMUNERACIONES

def test_remuneraciones_imprime_la_version_guardada(qtbot, fabrica_demo, monkeypatch, tmp_path, avisos):
    sid = siniestro_en(fabrica_demo, "pagado")
    liq = ultima(fabrica_demo, sid)
    numero = siniestros.obtener_siniestro(contexto(fabrica_demo), sid)["numero"]
    v = abrir(qtbot, VentanaRemuneraciones, fabrica_demo, sid)
    poner_fecha(v.fecha, liq.fecha_liquidacion)  # the screen shows what is stored
    vib_interes = v.valor(VIB_INTERES)
    assert vib_interes not in ("", "—")
    v.boton_imprimir.click()
    dlg = v.vista_previa
    dia = liq.fecha_liquidacion.strftime("%d/%m/%Y")
    assert f"liquidación guardada versión {liq.version} del {dia}" in dlg.windowTitle()
    assert dlg.nota.isHidden() and dlg.aviso.isHidden()
    texto = texto_pdf(dlg.contenido)
    assert "REMUNERACIONES" in texto and numero in texto and vib_interes in texto

    nombre = f"remuneraciones_{numero}_v{liq.version}.pdf"
    guardar(dlg, tmp_path / "hoja.pdf", monkeypatch)
    assert (tmp_path / "hoja.pdf").read_bytes() == dlg.contenido
    assert en_legajo(v.ctx, sid) == [("VIB", nombre)]
    assert v.mensaje() == f"Se guardó una copia en el legajo: «{nombre}» (VIB)."
    # printing the same sheet, and a new preview of it, add nothing: the bytes are the same
    monkeypatch.setattr(vista_previa, "elegir_impresora", a_archivo(tmp_path / "impreso.pdf"))
    dlg.imprimir()
    assert (tmp_path / "impreso.pdf").exists()
    primero = dlg.contenido
    dlg.close()
    v.boton_imprimir.click()
    assert v.vista_previa.contenido == primero
    guardar(v.vista_previa, tmp_path / "otra.pdf", monkeypatch)
    assert en_legajo(v.ctx, sid) == [("VIB", nombre)]
    assert "ya estaba en el legajo" in v.mensaje()
    # on oficio it is another document, named so
    v.vista_previa.combo_papel.setCurrentIndex(v.vista_previa.combo_papel.findData("oficio"))
    guardar(v.vista_previa, tmp_path / "oficio.pdf", monkeypatch)
    assert en_legajo(v.ctx, sid)[-1] == ("VIB", nombre.replace(".pdf", "_oficio.pdf"))


def test_remuneraciones_con_otra_fecha_dice_que_version_imprime(qtbot, fabrica_demo):
    sid = siniestro_en(fabrica_demo, "pagado")
    liq = ultima(fabrica_demo, sid)
    v = abrir(qtbot, VentanaRemuneraciones, fabrica_demo, sid)
    otra = liq.fecha_liquidacion + timedelta(days=30)
    poner_fecha(v.fecha, otra)
    v.boton_imprimir.click()
    nota = v.vista_previa.nota
    assert not nota.isHidden()
    assert nota.text().startswith(f"Se imprime la liquidación guardada, versión {liq.version} del "
                                  f"{liq.fecha_liquidacion.strftime('%d/%m/%Y')}. La pantalla muestra el cálculo "
                                  f"al {otra.strftime('%d/%m/%Y')}, que no está guardado")
    # the sheet still carries the stored date, not the screen's
    assert f"Fec. Liquidación {liq.fecha_liquidacion.strftime('%d/%m/%Y')}" in texto_pdf(v.vista_previa.contenido)


def test_remuneraciones_con_meses_sin_guardar_no_imprime(qtbot, fabrica_demo):
    sid = siniestro_en(fabrica_demo, "liquidado")
    v = abrir(qtbot, VentanaRemuneraciones, fabrica_demo, sid)
    assert v.modelo.setData(v.modelo.index(0, COL_REMUNERACION), "1.234,56")
    v.boton_imprimir.click()
    assert getattr(v, "vista_previa", None) is None
    assert v.mensaje().startswith("Hay 1 mes(es) editados sin guardar: la hoja de REMUNERACIONES imprime la "
                                  "liquidación guardada")
    assert en_legajo(v.ctx, sid) == []


def test_remuneraciones_sin_liquidacion_lo_dice_en_la_vista_previa(qtbot, fabrica_demo):
    sid = siniestro_en(fabrica_demo, "denunciado")
    v = abrir(qtbot, VentanaRemuneraciones, fabrica_demo, sid)
    v.boton_imprimir.click()
    dlg = v.vista_previa
    assert not dlg.aviso.isHidden()
    assert "no tiene ninguna liquidación guardada" in dlg.aviso.text()
    assert not dlg.boton_guardar.isEnabled() and not dlg.boton_imprimir.isEnabled()


# ------------------------------------------------------------------ SIAPE

def test_siape_imprime_la_liquidacion_y_la_guarda_una_vez(qtbot, fabrica_demo, monkeypatch, tmp_path, avisos):
    sid = siniestro_en(fabrica_demo, "pagado")
    v = abrir(qtbot, VentanaSiape, fabrica_demo, sid)
    mc = v.modelo_conceptos
    total = mc.texto(mc.fila_de("TOTAL"), 1)
    version = v._datos["Versión"].text()
    v.boton_imprimir.click()
    dlg = v.vista_previa
    assert dlg.windowTitle().startswith(f"Vista previa — Liquidación SIAPE — versión {version} del ")
    texto = texto_pdf(dlg.contenido)
    numero = v.cabecera.valor("Siniestro")
    assert "LIQUIDACIÓN — SIAPE" in texto and numero in texto and total in texto
    primera_fila = v.modelo_reparto.texto(0, 0).split(" — ")[0]
    assert primera_fila in texto
    for _ in range(2):
        guardar(dlg, tmp_path / "siape.pdf", monkeypatch)
    assert en_legajo(v.ctx, sid) == [("Liquidación", f"siape_{numero}_v{version}.pdf")]


def test_siape_sin_liquidacion_no_imprime(qtbot, fabrica_demo):
    sid = siniestro_en(fabrica_demo, "denunciado")
    v = abrir(qtbot, VentanaSiape, fabrica_demo, sid)
    assert not v.boton_imprimir.isEnabled()
    dlg = impresos.abrir_siape(v)  # even if asked: the refusal is in the red bar, not a crash
    assert "no tiene ninguna liquidación guardada" in dlg.aviso.text()


# ------------------------------------------------------------------ DERECHOHABIENTE

def elegir_dh(v, acreditado=True) -> int:
    n = next(i for i in range(v.modelo.rowCount())
             if bool(v.modelo.dh(i)["acreditado"]) is acreditado and v.modelo.dh(i).get("elegible") is not False)
    v.elegir(n)
    return n


def test_notificacion_pide_la_citacion_si_el_convenio_no_la_tiene(qtbot, fabrica_demo, monkeypatch, tmp_path,
                                                                  avisos):
    sid = siniestro_en(fabrica_demo, "pagado")
    v = abrir(qtbot, VentanaDerechohabientes, fabrica_demo, sid)
    n = elegir_dh(v)
    dh = v.modelo.dh(n)
    importe = v.modelo.texto(n, COL_IMPORTE)
    assert v.boton_notificacion.isEnabled()
    v.boton_notificacion.click()
    dialogo = v.dialogo_documento
    assert isinstance(dialogo, DialogoCitacion)
    e = dialogo.editores
    ayer = (date.today() - timedelta(days=1)).strftime("%d/%m/%Y")
    e["fecha_citacion"].setText(ayer)
    dialogo.aceptar()
    assert dialogo.errores() == {"fecha_citacion": f"El {ayer} ya pasó: la citación es de hoy en adelante"}
    dia = date.today() + timedelta(days=10)
    e["fecha_citacion"].setText("")
    e["hora_citacion"].setText("25:00")
    dialogo.aceptar()
    assert "no es una hora" in dialogo.errores()["hora_citacion"]
    e["hora_citacion"].setText("10.30")
    dialogo.aceptar()
    assert dialogo.errores() == {"hora_citacion": "Falta la fecha de citación para esa hora"}
    e["fecha_citacion"].setText(dia.strftime("%d/%m/%Y"))
    e["lugar"].setText("La Plata")
    e["lugar_citacion"].setText("Calle 7 N° 1234, La Plata")
    dialogo.aceptar()
    dlg = v.vista_previa
    texto = texto_pdf(dlg.contenido)
    assert "NOTIFICACIÓN DE DERECHOHABIENTE" in texto and dh["apellido_nombre"] in texto
    assert v.cabecera.valor("Siniestro") in texto and importe in texto
    assert "a las 10:30 horas, en Calle 7 N° 1234, La Plata," in texto and "La Plata," in texto
    for _ in range(2):
        guardar(dlg, tmp_path / "carta.pdf", monkeypatch)
    [(tipo, nombre)] = en_legajo(v.ctx, sid)
    assert tipo == "Notificación de Derechohabiente"
    assert nombre.startswith(f"notificacion_{v.cabecera.valor('Siniestro')}_v") and nombre.endswith(".pdf")


def test_notificacion_sin_citacion_y_con_datos_del_convenio(qtbot, fabrica_demo):
    sid = siniestro_en(fabrica_demo, "pagado")
    v = abrir(qtbot, VentanaDerechohabientes, fabrica_demo, sid)
    elegir_dh(v)
    v.boton_notificacion.click()
    v.dialogo_documento.aceptar()  # all blank
    assert "le serán comunicados oportunamente" in texto_pdf(v.vista_previa.contenido)
    v.vista_previa.close()
    # with the convenio's place and date nothing is asked
    dia = date.today() + timedelta(days=20)
    convenios.guardar_datos_convenio(v.ctx, sid, {"lugar": "Mar del Plata", "fecha": dia})
    v.dialogo_documento = None
    v.boton_notificacion.click()
    assert v.dialogo_documento is None
    texto = texto_pdf(v.vista_previa.contenido)
    assert "Mar del Plata" in texto and f"el día {fecha_larga(dia)}" in texto


def test_botones_del_convenio_solo_despues_de_acreditar(qtbot, fabrica_demo):
    v = abrir(qtbot, VentanaDerechohabientes, fabrica_demo, siniestro_en(fabrica_demo, "liquidado"))
    for b in (v.boton_datos_convenio, v.boton_convenio):
        assert not b.isEnabled() and b.toolTip() == impresos.SIN_ACREDITAR
    assert not v.boton_notificacion.isEnabled()
    assert v.boton_notificacion.toolTip() == "Elija un derechohabiente de la lista."
    elegir_dh(v, acreditado=False)  # notified before the accreditation too
    assert v.boton_notificacion.isEnabled()

    sin_liquidar = abrir(qtbot, VentanaDerechohabientes, fabrica_demo, siniestro_en(fabrica_demo, "en_liquidacion"))
    assert sin_liquidar.modelo.rowCount() > 0
    sin_liquidar.elegir(0)
    assert not sin_liquidar.boton_notificacion.isEnabled()
    assert "no tiene una liquidación guardada" in sin_liquidar.boton_notificacion.toolTip()


def test_notificacion_no_para_quien_no_tiene_derecho(qtbot, fabrica_demo):
    v = abrir(qtbot, VentanaDerechohabientes, fabrica_demo, siniestro_en(fabrica_demo, "pagado"))
    excluido = next(i for i in range(v.modelo.rowCount()) if v.modelo.dh(i).get("elegible") is False)
    v.elegir(excluido)
    nombre = v.modelo.dh(excluido)["apellido_nombre"]
    assert not v.boton_notificacion.isEnabled()
    assert v.boton_notificacion.toolTip() == (f"«{nombre}» no tiene derecho a la prestación: no hay importe que "
                                              "notificarle.")
    # asked anyway, the service's refusal is in the preview's red bar
    dlg = impresos.vista_notificacion(v, v.modelo.dh(excluido)["id"])
    assert f"«{nombre}» está excluido/a en la liquidación versión" in dlg.aviso.text()
    assert dlg.contenido is None


def test_propuesta_de_convenio_y_sus_datos(qtbot, fabrica_demo, monkeypatch, tmp_path, avisos):
    sid = siniestro_en(fabrica_demo, "acreditado")
    v = abrir(qtbot, VentanaDerechohabientes, fabrica_demo, sid)
    assert v.boton_convenio.isEnabled() and v.boton_datos_convenio.isEnabled()
    v.boton_datos_convenio.click()
    assert isinstance(v.dialogo_documento, DialogoConvenio)
    v.dialogo_documento.editores["lugar"].setText("Mar del Plata")
    v.dialogo_documento.guardar()
    assert v.mensaje() == "Se guardaron los datos de la Propuesta de Convenio."

    v.boton_convenio.click()
    dlg = v.vista_previa
    total = ultima(fabrica_demo, sid).total
    texto = texto_pdf(dlg.contenido)
    numero = v.cabecera.valor("Siniestro")
    assert "PROPUESTA DE CONVENIO" in texto and numero in texto and "Mar del Plata" in texto
    assert f"{total:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".") in texto
    assert en_legajo(v.ctx, sid) == []  # the preview stores nothing
    for _ in range(2):
        guardar(dlg, tmp_path / "convenio.pdf", monkeypatch)
    [(tipo, nombre)] = en_legajo(v.ctx, sid)
    assert tipo == "Propuesta de convenio" and nombre.startswith(f"convenio_{numero}_v")
    assert v.mensaje() == "La Propuesta de Convenio quedó guardada en el legajo."
    guardado = documentos.listar_documentos(v.ctx, sid)[0]["id"]
    assert documentos.obtener_documento(v.ctx, guardado)["contenido"] == dlg.contenido


def test_propuesta_con_cbu_invalida_o_sin_acreditados_muestra_el_error(qtbot, fabrica_demo):
    sid = siniestro_en(fabrica_demo, "acreditado")
    with fabrica_demo.begin() as s:
        dh = s.scalars(select(Derechohabiente).where(Derechohabiente.siniestro_id == sid,
                                                     Derechohabiente.acreditado)).first()
        s.execute(update(Derechohabiente).where(Derechohabiente.id == dh.id).values(cbu="0170016904073094202637"))
        nombre = dh.apellido_nombre
    v = abrir(qtbot, VentanaDerechohabientes, fabrica_demo, sid)
    v.boton_convenio.click()
    dlg = v.vista_previa
    assert f"CBU de «{nombre}»" in dlg.aviso.text() and "no es una CBU válida" in dlg.aviso.text()
    assert not dlg.boton_guardar.isEnabled() and dlg.contenido is None

    otro = siniestro_en(fabrica_demo, "liquidado")
    dlg = impresos.abrir_convenio(None, contexto(fabrica_demo), otro)
    qtbot.addWidget(dlg)
    assert "no tiene derechohabientes acreditados" in dlg.aviso.text()


# ------------------------------------------------------------------ main window (F9)

def test_f9_propuesta_desde_la_grilla_solo_en_filas_acreditadas(qtbot, fabrica_demo, monkeypatch, tmp_path, avisos):
    from PySide6.QtCore import QSettings, Qt

    from app.ui.administracion.modelo import DERECHOHABIENTE, SINIESTRO
    from app.ui.principal import VentanaPrincipal

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ajustes"))
    principal = VentanaPrincipal(contexto(fabrica_demo, "supervisor"), "SQLite de prueba")
    qtbot.addWidget(principal)
    principal.show()
    grilla, m = principal.administracion, principal.administracion.modelo
    accion = grilla.acciones["convenio"]
    assert accion.shortcut().toString() == "F9"

    def fila(condicion) -> int:
        return next(i for i in range(m.rowCount()) if condicion(i))

    def negra(i, tipo):
        return m.fila(i).tipo == SINIESTRO and m.fila(i).datos["tipo"] == tipo

    def con_verdes(i):
        return i + 1 < m.rowCount() and m.fila(i + 1).tipo == DERECHOHABIENTE

    for n, habilitada in ((fila(lambda i: negra(i, "muerte") and not con_verdes(i)), False),
                          (fila(lambda i: negra(i, "ilp")), False),
                          (fila(lambda i: m.fila(i).tipo == DERECHOHABIENTE), True),
                          (fila(lambda i: negra(i, "muerte") and con_verdes(i)), True)):
        grilla.tabla.setCurrentIndex(m.index(n, 0))
        assert accion.isEnabled() is habilitada, m.fila(n).datos
    sid = m.fila(n).siniestro_id
    legajo = principal.abrir("legajo", sid)
    assert legajo.modelo.rowCount() == 0
    principal.activateWindow()
    qtbot.waitUntil(principal.isActiveWindow)  # shortcuts need the active window
    grilla.tabla.setFocus()
    qtbot.keyClick(grilla.tabla, Qt.Key.Key_F9)
    dlg = principal.vista_previa
    numero = m.fila(n).datos["numero"]
    assert dlg.windowTitle() == f"Vista previa — Propuesta de Convenio — Siniestro {numero}"
    assert numero in texto_pdf(dlg.contenido)
    guardar(dlg, tmp_path / "convenio.pdf", monkeypatch)
    # kept in the legajo, and the open LEGAJO window of that siniestro shows it
    assert [t for t, _ in en_legajo(principal.ctx, sid)] == ["Propuesta de convenio"]
    assert legajo.modelo.rowCount() == 1
    dlg.close()
    for ventana in list(principal.ventanas.values()):
        ventana.close()
