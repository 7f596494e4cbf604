"""Herramientas → «Generar convenios en lote…» (pytest-qt, offscreen, demo store): one PDF per
eligible siniestro named as the CLI names them, the failures listed at the end, «Cancelar» stops
after the siniestro in course and leaves only whole files, the legajo copy only when asked."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings
from sqlalchemy import select, update

from app.cli_convenio import nombre_pdf
from app.models import Derechohabiente
from app.services import convenios, documentos
from app.ui.impresion import lote, paginas
from app.ui.impresion.lote import DialogoLote, generar_lote, nombres_de_archivo
from tests.ui.conftest import contexto

DESDE = date(2000, 1, 1)  # every accredited siniestro of the demo


class Avance:
    def __init__(self):
        self.pasos: list[tuple[int, int, str]] = []

    def __call__(self, hechos, total, texto=""):
        self.pasos.append((hechos, total, texto))

    def cancelado(self) -> bool:
        return False


def texto_pdf(ruta: Path) -> str:
    return " ".join(p.extract_text() for p in PdfReader(BytesIO(ruta.read_bytes())).pages)


def elegibles(ctx) -> dict[int, str]:
    ids = convenios.convenios_desde(ctx, DESDE)
    numeros = convenios.numeros_de_siniestros(ctx, ids)
    return {sid: numeros[sid] for sid in ids}


def romper_una_cbu(fabrica, sid: int) -> str:
    """A wrong check digit in one accredited DH's CBU: that convenio cannot be printed."""
    with fabrica.begin() as s:
        dh = s.scalars(select(Derechohabiente).where(Derechohabiente.siniestro_id == sid,
                                                     Derechohabiente.acreditado).order_by(Derechohabiente.id)).first()
        s.execute(update(Derechohabiente).where(Derechohabiente.id == dh.id).values(cbu="0170016904073094202637"))
        return dh.apellido_nombre


@pytest.fixture
def dialogo(qtbot, fabrica_demo, tmp_path, monkeypatch):
    def hacer(rol: str = "supervisor") -> DialogoLote:
        d = DialogoLote(contexto(fabrica_demo, rol))
        qtbot.addWidget(d)
        d.show()
        return d
    carpeta = tmp_path / "convenios"
    carpeta.mkdir()
    monkeypatch.setattr(lote, "elegir_carpeta", lambda parent, inicial: str(carpeta))
    hacer.carpeta = carpeta
    return hacer


def test_un_pdf_por_siniestro_y_los_errores_al_final(fabrica_demo, tmp_path):
    ctx = contexto(fabrica_demo)
    esperados = elegibles(ctx)
    assert len(esperados) == 7
    sids = list(esperados)
    malo = sids[2]
    nombre_dh = romper_una_cbu(fabrica_demo, malo)
    avance = Avance()
    carpeta = tmp_path / "salida"
    carpeta.mkdir()
    r = generar_lote(ctx, DESDE, carpeta, "A4", True, avance)

    assert (r.total, r.cancelado) == (7, False)
    assert [paso[:2] for paso in avance.pasos] == [(i, 7) for i in range(7)]
    assert avance.pasos[0][2] == f"Siniestro {esperados[sids[0]]} (1 de 7)…"
    buenos = [sid for sid in sids if sid != malo]
    assert r.hechos == [(esperados[sid], nombre_pdf(esperados[sid])) for sid in buenos]
    assert sorted(p.name for p in carpeta.iterdir()) == sorted(nombre_pdf(esperados[sid]) for sid in buenos)
    for sid in buenos:
        assert esperados[sid] in texto_pdf(carpeta / nombre_pdf(esperados[sid]))
        assert [d["tipo"] for d in documentos.listar_documentos(ctx, sid)] == ["Propuesta de convenio"]
    [error] = r.errores
    assert error.startswith(f"Siniestro {esperados[malo]}: CBU de «{nombre_dh}»: «0170016904073094202637» no es una "
                            "CBU válida: sus dígitos verificadores no coinciden")
    assert documentos.listar_documentos(ctx, malo) == []
    assert lote.texto_resumen(r) == (f"Se generaron 6 de 7 propuesta(s) de convenio en «{carpeta}».\n"
                                     "1 siniestro(s) con errores: no se generó su convenio.")


def test_nombres_como_la_linea_de_comandos():
    assert nombres_de_archivo([5, 9, 12], {5: "2023/001", 9: "2023:001", 12: "S 7"}) == {
        5: "2023-001.pdf", 9: "2023-001_9.pdf", 12: "S-7.pdf"}


def test_dialogo_en_segundo_plano_en_oficio_sin_legajo(qtbot, fabrica_demo, dialogo):
    d = dialogo()
    hoy = date.today()
    assert d.desde.date().toPython() == date(hoy.year, hoy.month, 1)
    assert d.legajo.isChecked() and d.legajo.isEnabled()
    d.boton_carpeta.click()
    assert d.carpeta.text() == str(dialogo.carpeta)
    d.poner_desde(DESDE)
    d.papel.setCurrentIndex(d.papel.findData("oficio"))
    d.legajo.setChecked(False)
    tarea = d.generar()
    assert tarea.esperar(120_000)
    assert d.resumen is not None and d.resumen.isVisible()
    ctx = contexto(fabrica_demo)
    esperados = elegibles(ctx)
    assert d.resumen.texto.text() == f"Se generaron 7 de 7 propuesta(s) de convenio en «{dialogo.carpeta}»."
    assert d.resumen.lista.isHidden()
    archivos = sorted(dialogo.carpeta.iterdir())
    assert [p.name for p in archivos] == sorted(nombre_pdf(n) for n in esperados.values())
    ancho, alto = paginas.tamanio_mm(archivos[0].read_bytes())
    assert (round(ancho), round(alto)) == (216, 356)
    assert all(documentos.listar_documentos(ctx, sid) == [] for sid in esperados)  # not kept: unchecked


def test_errores_en_el_resumen(qtbot, fabrica_demo, dialogo):
    ctx = contexto(fabrica_demo)
    sid = next(iter(elegibles(ctx)))
    nombre_dh = romper_una_cbu(fabrica_demo, sid)
    d = dialogo()
    d.boton_carpeta.click()
    d.poner_desde(DESDE)
    assert d.generar().esperar(120_000)
    assert d.resumen.texto.text().endswith("1 siniestro(s) con errores: no se generó su convenio.")
    assert not d.resumen.lista.isHidden()
    numero = convenios.numeros_de_siniestros(ctx, [sid])[sid]
    assert d.resumen.lista.toPlainText().startswith(f"Siniestro {numero}: CBU de «{nombre_dh}»")


def test_cancelar_deja_solo_archivos_completos(qtbot, fabrica_demo, dialogo, monkeypatch):
    real = convenios.generar_convenio
    entro, seguir = threading.Event(), threading.Event()

    def lento(*args, **kwargs):
        pdf = real(*args, **kwargs)
        entro.set()
        assert seguir.wait(60)
        return pdf

    monkeypatch.setattr(convenios, "generar_convenio", lento)
    d = dialogo()
    d.boton_carpeta.click()
    d.poner_desde(DESDE)
    tarea = d.generar()
    assert entro.wait(60)  # the first siniestro is being generated
    tarea.cancelar()
    seguir.set()
    assert tarea.esperar(60_000)
    r = d.resumen.resultado
    assert r.cancelado and len(r.hechos) == 1 and r.errores == []
    assert d.resumen.texto.text() == (
        f"Se generaron 1 de 7 propuesta(s) de convenio en «{dialogo.carpeta}».\n"
        "Se canceló después de 1 siniestro(s): los archivos ya escritos quedan; 6 no se generaron.")
    assert [p.name for p in dialogo.carpeta.iterdir()] == [r.hechos[0][1]]  # no temporary file left
    assert paginas.cantidad_paginas((dialogo.carpeta / r.hechos[0][1]).read_bytes()) >= 1


def test_carpeta_invalida_y_nada_que_generar(qtbot, dialogo, tmp_path):
    d = dialogo()
    d.carpeta.setText(str(tmp_path / "no-existe"))
    assert d.generar() is None
    assert d.error.text() == f"«{tmp_path / 'no-existe'}» no es una carpeta existente: elija dónde guardar los PDF."
    d.carpeta.setText("")
    assert d.generar() is None and d.error.text() == "Elija la carpeta donde guardar los PDF."
    d.boton_carpeta.click()
    manana = date.today() + timedelta(days=1)
    d.poner_desde(manana)
    assert d.generar().esperar(60_000)
    assert d.error.isHidden()
    assert d.resumen.texto.text() == ("No hay siniestros con derechohabientes acreditados o liquidados de nuevo desde el "
                                      f"{manana.strftime('%d/%m/%Y')}: no se generó ningún archivo.")
    assert list(dialogo.carpeta.iterdir()) == []


def test_sin_permiso_de_carga_no_guarda_en_el_legajo(qtbot, dialogo):
    d = dialogo("administrador")
    assert not d.legajo.isChecked() and not d.legajo.isEnabled()
    assert "no puede cargar documentos" in d.legajo.toolTip()


def test_desde_el_menu_herramientas(qtbot, fabrica_demo, tmp_path):
    from app.ui.principal import VentanaPrincipal

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ajustes"))
    principal = VentanaPrincipal(contexto(fabrica_demo, "supervisor"), "SQLite de prueba")
    qtbot.addWidget(principal)
    principal.show()
    herramientas = next(a.menu() for a in principal.menuBar().actions() if a.text() == "&Herramientas")
    assert principal.accion_lote in herramientas.actions()
    principal.accion_lote.trigger()
    assert isinstance(principal.dialogo_lote, DialogoLote) and principal.dialogo_lote.isVisible()
    principal.dialogo_lote.reject()
