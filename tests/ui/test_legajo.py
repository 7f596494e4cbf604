"""LEGAJO DIGITAL window (pytest-qt, offscreen) over the demo store: attach a file (file dialog
patched), listed with its size; «Guardar como…» and «Abrir» write the very same bytes; a
missing or too big file is refused with nothing stored; roles."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from app.services import documentos
from app.ui.siniestro.legajo import VentanaLegajo, tipos
from tests.ui.conftest import contexto, siniestro_en


def ventana(qtbot, fabrica, sid: int, rol: str = "operador") -> VentanaLegajo:
    v = VentanaLegajo(contexto(fabrica, rol), sid)
    qtbot.addWidget(v)
    v.show()
    return v


def esperar(qtbot, v: VentanaLegajo) -> None:
    assert v.tarea is not None
    assert v.tarea.esperar(20_000)
    qtbot.waitUntil(lambda: v.tarea.hecha, timeout=20_000)


def abrir_con(monkeypatch, ruta) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(ruta), "")))


def guardar_en(monkeypatch, ruta) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(ruta), "")))


def test_combo_con_los_tipos_pedidos():
    lista = tipos()
    assert lista[:7] == ["DNI", "Partida de defunción", "Partida de nacimiento", "Certificado de estudios",
                         "Denuncia", "Dictamen médico", "Propuesta de convenio"]
    assert lista[-1] == "Otros Documentos" and set(lista) == set(documentos.TIPOS_DOCUMENTO)


def test_adjuntar_lista_el_documento_con_su_tamanio(qtbot, fabrica_demo, tmp_path, monkeypatch):
    sid = siniestro_en(fabrica_demo, "acreditado")
    contenido = os.urandom(3000)
    archivo = tmp_path / "DNI cónyuge.pdf"
    archivo.write_bytes(contenido)
    v = ventana(qtbot, fabrica_demo, sid)
    assert v.modelo.rowCount() == 0 and v.vacio.isVisible()
    abrir_con(monkeypatch, archivo)
    v.combo_tipo.setCurrentText("Partida de nacimiento")
    with qtbot.waitSignal(v.cambiado):
        v.boton_adjuntar.click()
        esperar(qtbot, v)
    m = v.modelo
    assert m.rowCount() == 1
    assert [m.texto(0, m.columna(c)) for c in ("TIPO", "NOMBRE", "TAMAÑO", "CARGADO POR")] == [
        "Partida de nacimiento", "DNI cónyuge.pdf", "2,9 KB", "operador1"]  # 3000 / 1024 = 2,93
    huella = hashlib.sha256(contenido).hexdigest()
    assert m.texto(0, m.columna("SHA-256")) == huella[:12] + "…"
    guardados = documentos.listar_documentos(contexto(fabrica_demo, "operador"), sid)
    assert [(d["tipo"], d["nombre_archivo"], d["tamanio"], d["sha256"]) for d in guardados] == [
        ("Partida de nacimiento", "DNI cónyuge.pdf", 3000, huella)]
    assert "Se adjuntó «DNI cónyuge.pdf»" in v.mensaje()


@pytest.mark.parametrize("tamanio, texto", [(700, "700 bytes"), (5 * 1024 * 1024 + 1, "5,0 MB")])
def test_tamanios(qtbot, fabrica_demo, tamanio, texto):
    sid = siniestro_en(fabrica_demo, "pagado")
    documentos.adjuntar_documento(contexto(fabrica_demo, "operador"), sid, "VIB", b"v" * tamanio, "vib.bin")
    v = ventana(qtbot, fabrica_demo, sid)
    assert v.modelo.texto(0, v.modelo.columna("TAMAÑO")) == texto


def test_guardar_como_escribe_los_mismos_bytes(qtbot, fabrica_demo, tmp_path, monkeypatch):
    sid = siniestro_en(fabrica_demo, "pagado")
    contenido = os.urandom(300_000)
    ctx = contexto(fabrica_demo, "operador")
    documentos.adjuntar_documento(ctx, sid, "Comprobante de Pago", contenido, "comprobante.pdf")
    documentos.adjuntar_documento(ctx, sid, "DNI", b"otro", "dni.pdf")
    v = ventana(qtbot, fabrica_demo, sid, "administrador")  # reading is for every role
    v.tabla.selectRow(0)
    destino = tmp_path / "copia" / "guardado.pdf"
    destino.parent.mkdir()
    guardar_en(monkeypatch, destino)
    v.boton_guardar.click()
    esperar(qtbot, v)
    assert destino.read_bytes() == contenido
    assert "verificada" in v.mensaje()


def test_guardar_en_carpeta_inexistente(qtbot, fabrica_demo, tmp_path, monkeypatch):
    sid = siniestro_en(fabrica_demo, "pagado")
    documentos.adjuntar_documento(contexto(fabrica_demo, "operador"), sid, "DNI", b"dni", "dni.pdf")
    v = ventana(qtbot, fabrica_demo, sid)
    guardar_en(monkeypatch, tmp_path / "no_existe" / "dni.pdf")
    v.boton_guardar.click()
    esperar(qtbot, v)
    assert "No se pudo guardar" in v.mensaje()
    assert v.boton_guardar.isEnabled()  # usable again after the failure


def test_abrir_entrega_una_copia_identica(qtbot, fabrica_demo, monkeypatch):
    sid = siniestro_en(fabrica_demo, "pagado")
    contenido = os.urandom(5000)
    documentos.adjuntar_documento(contexto(fabrica_demo, "operador"), sid, "DNI", contenido, "dni.pdf")
    abiertos: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: abiertos.append(url) or True))
    v = ventana(qtbot, fabrica_demo, sid)
    v.boton_abrir.click()
    esperar(qtbot, v)
    assert len(abiertos) == 1
    ruta = Path(abiertos[0].toLocalFile())
    assert ruta.name == "dni.pdf" and ruta.read_bytes() == contenido


def test_abrir_sin_programa_lo_dice(qtbot, fabrica_demo, monkeypatch):
    sid = siniestro_en(fabrica_demo, "pagado")
    documentos.adjuntar_documento(contexto(fabrica_demo, "operador"), sid, "DNI", b"x", "raro.xyz")
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    v = ventana(qtbot, fabrica_demo, sid)
    v.boton_abrir.click()
    esperar(qtbot, v)
    assert "No hay un programa para abrir «raro.xyz»" in v.mensaje()


def test_archivo_inexistente(qtbot, fabrica_demo, tmp_path, monkeypatch):
    sid = siniestro_en(fabrica_demo, "acreditado")
    v = ventana(qtbot, fabrica_demo, sid)
    abrir_con(monkeypatch, tmp_path / "no_esta.pdf")
    v.boton_adjuntar.click()
    esperar(qtbot, v)
    assert "no se encontró" in v.mensaje() and "no_esta.pdf" in v.mensaje()
    assert documentos.listar_documentos(contexto(fabrica_demo, "operador"), sid) == []


def test_archivo_demasiado_grande(qtbot, fabrica_demo, tmp_path, monkeypatch):
    sid = siniestro_en(fabrica_demo, "acreditado")
    monkeypatch.setattr(documentos, "TAMANIO_MAXIMO", 1024 * 1024)
    grande = tmp_path / "escaneo.tif"
    grande.write_bytes(b"\0" * (1024 * 1024 + 1))
    v = ventana(qtbot, fabrica_demo, sid)
    abrir_con(monkeypatch, grande)
    v.boton_adjuntar.click()
    esperar(qtbot, v)
    assert "«escaneo.tif» pesa 1,0 MB; el máximo es 1,0 MB" in v.mensaje()
    assert documentos.listar_documentos(contexto(fabrica_demo, "operador"), sid) == []


def test_cancelar_el_dialogo_no_hace_nada(qtbot, fabrica_demo, monkeypatch):
    sid = siniestro_en(fabrica_demo, "acreditado")
    v = ventana(qtbot, fabrica_demo, sid)
    abrir_con(monkeypatch, "")
    v.boton_adjuntar.click()
    assert v.tarea is None and v.mensaje() == ""


def test_administrador_no_adjunta(qtbot, fabrica_demo):
    v = ventana(qtbot, fabrica_demo, siniestro_en(fabrica_demo, "acreditado"), "administrador")
    assert not v.boton_adjuntar.isEnabled() and "administrador" in v.boton_adjuntar.toolTip()
    assert not v.boton_abrir.isEnabled() and not v.boton_guardar.isEnabled()  # nothing to open yet


def test_archivo_grande_se_lee_por_partes_con_avance(qtbot, fabrica_demo, tmp_path, monkeypatch):
    sid = siniestro_en(fabrica_demo, "acreditado")
    contenido = os.urandom(2 * 1024 * 1024 + 4321)  # three 1 MB pieces
    archivo = tmp_path / "escaneo.pdf"
    archivo.write_bytes(contenido)
    v = ventana(qtbot, fabrica_demo, sid)
    abrir_con(monkeypatch, archivo)
    v.boton_adjuntar.click()
    esperar(qtbot, v)
    assert v.tarea.dialogo.maximum() == len(contenido)  # progress counted in bytes read
    guardado = documentos.listar_documentos(contexto(fabrica_demo, "operador"), sid)[0]
    assert (guardado["tamanio"], guardado["sha256"]) == (len(contenido), hashlib.sha256(contenido).hexdigest())
    assert v.modelo.texto(0, v.modelo.columna("TAMAÑO")) == "2,0 MB"  # 2.101.473 / 1.048.576 = 2,004


def test_copias_viejas_de_abrir_se_borran(tmp_path):
    import os
    import time as reloj

    from app.ui.siniestro.legajo import PREFIJO_COPIAS, barrer_copias_viejas

    vieja, reciente, ajena = tmp_path / f"{PREFIJO_COPIAS}a", tmp_path / f"{PREFIJO_COPIAS}b", tmp_path / "otra_cosa"
    for carpeta in (vieja, reciente, ajena):
        (carpeta / "7").mkdir(parents=True)
        (carpeta / "7" / "dni.pdf").write_bytes(b"%PDF")
    hace_un_dia = reloj.time() - 24 * 3600
    os.utime(vieja, (hace_un_dia, hace_un_dia))
    os.utime(ajena, (hace_un_dia, hace_un_dia))
    assert barrer_copias_viejas(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([reciente.name, ajena.name])
