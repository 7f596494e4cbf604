"""The preview window: shows the pages, changes paper, saves and prints the same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF
from PySide6.QtPrintSupport import QPrinter
from pypdf import PdfReader

from app.ui import mensajes
from app.ui.impresion import paginas, vista_previa
from app.ui.impresion.vista_previa import VistaPrevia

MM_A_PUNTOS = 72 / 25.4


def _documento(papel: str, hojas: int = 3) -> bytes:
    pdf = FPDF(format="A4" if papel == "A4" else (216, 356))
    pdf.set_font("helvetica", size=14)
    for i in range(hojas):
        pdf.add_page()
        pdf.cell(text=f"Hoja {i + 1} de {hojas} en {papel}")
        pdf.rect(20, 40, 120, 60)
    return bytes(pdf.output())


@pytest.fixture
def avisos(monkeypatch):
    dichos: list[str] = []
    monkeypatch.setattr(mensajes, "informar", lambda parent, texto, *a, **k: dichos.append(texto))
    monkeypatch.setattr(mensajes, "error", lambda parent, problema, *a, **k: dichos.append(mensajes.texto_de(problema)))
    return dichos


def _texto(contenido: bytes) -> str:
    from io import BytesIO

    return "\n".join(p.extract_text() for p in PdfReader(BytesIO(contenido)).pages)


def test_muestra_cada_hoja_y_cambia_de_papel(qtbot):
    pedidos: list[str] = []

    def generar(papel):
        pedidos.append(papel)
        return _documento(papel)

    dlg = VistaPrevia(None, "Prueba", generar, "prueba.pdf")
    qtbot.addWidget(dlg)
    assert pedidos == ["A4"]
    assert dlg.etiqueta_paginas.text() == "3 páginas"
    hojas = [dlg._columna.itemAt(i).widget() for i in range(dlg._columna.count())]
    assert len(hojas) == 3
    assert not paginas.imagen_en_blanco(hojas[0].pixmap().toImage())
    # A4 at 75 % of 96 dpi: 210 mm → 595 pt → 595.3 * 0.75 * 96 / 72 ≈ 595 px
    assert abs(hojas[0].pixmap().width() / dlg.devicePixelRatioF() - 595) <= 2

    dlg.combo_papel.setCurrentIndex(dlg.combo_papel.findData("oficio"))
    assert pedidos == ["A4", "oficio"]
    assert "en oficio" in _texto(dlg.contenido)
    ancho, alto = paginas.tamanio_mm(dlg.contenido)
    assert (round(ancho), round(alto)) == (216, 356)


def test_guardar_escribe_los_mismos_bytes(qtbot, tmp_path, monkeypatch, avisos):
    dlg = VistaPrevia(None, "Prueba", _documento, "prueba.pdf")
    qtbot.addWidget(dlg)
    destino = tmp_path / "salida"  # without extension: «.pdf» is added
    monkeypatch.setattr(vista_previa, "elegir_archivo", lambda *a: str(destino))
    dlg.guardar()
    assert dlg.guardado_en == tmp_path / "salida.pdf"
    assert (tmp_path / "salida.pdf").read_bytes() == dlg.contenido
    assert avisos == [f"Se guardó el documento en «{tmp_path / 'salida.pdf'}»."]
    assert [p.name for p in tmp_path.iterdir()] == ["salida.pdf"]  # no temp file left behind


def test_guardar_cancelado_no_escribe(qtbot, tmp_path, monkeypatch, avisos):
    dlg = VistaPrevia(None, "Prueba", _documento, "prueba.pdf")
    qtbot.addWidget(dlg)
    monkeypatch.setattr(vista_previa, "elegir_archivo", lambda *a: "")
    dlg.guardar()
    assert dlg.guardado_en is None and avisos == []


def test_guardar_en_carpeta_inexistente_avisa(qtbot, tmp_path, monkeypatch, avisos):
    dlg = VistaPrevia(None, "Prueba", _documento, "prueba.pdf")
    qtbot.addWidget(dlg)
    monkeypatch.setattr(vista_previa, "elegir_archivo", lambda *a: str(tmp_path / "no" / "hay.pdf"))
    with pytest.raises(FileNotFoundError):
        vista_previa.guardar_pdf(b"%PDF", tmp_path / "no" / "hay.pdf")
    try:
        dlg.guardar()
    except FileNotFoundError:  # the dialog must report it, not raise
        pytest.fail("guardar() dejó escapar el error")
    assert len(avisos) == 1 and avisos[0].startswith(f"No se pudo guardar «{tmp_path / 'no' / 'hay.pdf'}»")


def test_imprimir_manda_todas_las_hojas_en_su_tamanio(qtbot, tmp_path, monkeypatch):
    salida = tmp_path / "impreso.pdf"

    def a_archivo(parent, impresora: QPrinter) -> bool:
        impresora.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        impresora.setOutputFileName(str(salida))
        return True

    monkeypatch.setattr(vista_previa, "elegir_impresora", a_archivo)
    dlg = VistaPrevia(None, "Prueba", _documento, "prueba.pdf", papel="oficio")
    qtbot.addWidget(dlg)
    dlg.imprimir()
    impreso = salida.read_bytes()
    assert paginas.cantidad_paginas(impreso) == 3
    ancho, alto = paginas.tamanio_mm(impreso)
    assert (round(ancho), round(alto)) == (216, 356)
    assert not paginas.imagen_en_blanco(paginas.imagenes(impreso, 30)[2])


def test_imprimir_un_rango(qtbot, tmp_path, monkeypatch):
    salida = tmp_path / "rango.pdf"

    def hojas_2_y_3(parent, impresora: QPrinter) -> bool:
        impresora.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        impresora.setOutputFileName(str(salida))
        impresora.setPrintRange(QPrinter.PrintRange.PageRange)
        impresora.setFromTo(2, 3)
        return True

    monkeypatch.setattr(vista_previa, "elegir_impresora", hojas_2_y_3)
    dlg = VistaPrevia(None, "Prueba", _documento, "prueba.pdf")
    qtbot.addWidget(dlg)
    dlg.imprimir()
    assert paginas.cantidad_paginas(salida.read_bytes()) == 2


def test_imprimir_cancelado_no_imprime(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(vista_previa, "elegir_impresora", lambda *a: False)
    llamadas = []
    monkeypatch.setattr(paginas, "imprimir", lambda *a, **k: llamadas.append(a))
    dlg = VistaPrevia(None, "Prueba", _documento, "prueba.pdf")
    qtbot.addWidget(dlg)
    dlg.imprimir()
    assert llamadas == []


def test_error_al_generar_se_muestra_en_la_ventana(qtbot):
    def falla(papel):
        raise ValueError("el CBU de PÉREZ, Ana no es válido")

    dlg = VistaPrevia(None, "Prueba", falla, "prueba.pdf")
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.aviso.isVisible()
    assert dlg.aviso.text() == "No se pudo generar el documento: el CBU de PÉREZ, Ana no es válido"
    assert not dlg.boton_imprimir.isEnabled() and not dlg.boton_guardar.isEnabled()
    assert dlg._columna.count() == 0


def test_pdf_ilegible():
    with pytest.raises(paginas.PdfIlegible):
        paginas.cantidad_paginas(b"esto no es un PDF")


def test_pagina_en_blanco_se_reconoce():
    pdf = FPDF()
    pdf.add_page()
    assert paginas.imagen_en_blanco(paginas.imagenes(bytes(pdf.output()), 30)[0])


def test_guardar_pdf_sin_restos_si_falla(tmp_path, monkeypatch):
    def rompe(*a):
        raise OSError(28, "No queda espacio en el disco")

    monkeypatch.setattr(vista_previa.os, "replace", rompe)
    with pytest.raises(OSError):
        vista_previa.guardar_pdf(b"%PDF-1.4", tmp_path / "x.pdf")
    assert list(tmp_path.iterdir()) == []
    assert not Path(tmp_path / "x.pdf").exists()


def test_al_emitir_tras_guardar_e_imprimir(qtbot, tmp_path, monkeypatch, avisos):
    emitidos: list[tuple[bytes, str]] = []
    monkeypatch.setattr(vista_previa, "elegir_archivo", lambda *a: str(tmp_path / "a.pdf"))

    def a_archivo(parent, impresora: QPrinter) -> bool:
        impresora.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        impresora.setOutputFileName(str(tmp_path / "impreso.pdf"))
        return True

    monkeypatch.setattr(vista_previa, "elegir_impresora", a_archivo)
    dlg = VistaPrevia(None, "Prueba", _documento, "prueba.pdf", papel="oficio",
                      al_emitir=lambda contenido, papel: emitidos.append((contenido, papel)))
    qtbot.addWidget(dlg)
    assert emitidos == [] and not dlg.emitido  # a preview alone issues nothing
    dlg.guardar()
    dlg.imprimir()
    assert emitidos == [(dlg.contenido, "oficio"), (dlg.contenido, "oficio")] and dlg.emitido


def test_al_emitir_que_falla_se_avisa(qtbot, tmp_path, monkeypatch, avisos):
    monkeypatch.setattr(vista_previa, "elegir_archivo", lambda *a: str(tmp_path / "a.pdf"))

    def falla(contenido, papel):
        raise OSError("la base de datos no responde")

    dlg = VistaPrevia(None, "Prueba", _documento, "prueba.pdf", al_emitir=falla)
    qtbot.addWidget(dlg)
    dlg.guardar()
    assert (tmp_path / "a.pdf").read_bytes() == dlg.contenido  # the file stays
    assert avisos[-1] == "la base de datos no responde" and not dlg.emitido
