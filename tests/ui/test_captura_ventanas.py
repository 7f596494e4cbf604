"""The guide's screenshots (`python -m app.ui.captura_ventanas`): every picture is written, is a real
drawing (not a blank window) and the walk-through leaves the program's settings and confirmations
as they were; the chosen siniestro and the import workbook are what the pictures claim."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage

from app.services import derechohabientes, liquidaciones, parametros, siniestros
from app.ui import captura_ventanas, mensajes
from app.ui.capturas import uniforme
from tests.ui.conftest import contexto

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def _ajustes_temporales(tmp_path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ajustes"))


def test_captura_cada_ventana(qapp, tmp_path):
    confirmar = mensajes.confirmar
    carpeta = tmp_path / "capturas"
    hechas = captura_ventanas.capturar(carpeta, agentes=40)

    assert [p.name for p in hechas] == list(captura_ventanas.ARCHIVOS)
    assert sorted(p.name for p in carpeta.iterdir()) == sorted(captura_ventanas.ARCHIVOS)
    for nombre in captura_ventanas.ARCHIVOS:
        archivo = carpeta / nombre
        assert archivo.read_bytes()[:8] == PNG, nombre
        imagen = QImage(str(archivo))
        assert not imagen.isNull(), nombre
        assert not uniforme(imagen), nombre
        # a whole window or dialog, not a widget drawn at its minimum size
        assert imagen.width() >= 900 and imagen.height() >= 350, (nombre, imagen.width(), imagen.height())
    assert mensajes.confirmar is confirmar  # the «Sí» to every question stayed inside the script


def test_elige_un_mortal_liquidado_que_se_puede_calcular(fabrica_demo):
    ctx = contexto(fabrica_demo, "supervisor")
    sid, fecha_liq, otra = captura_ventanas.elegir_siniestro(ctx)
    s = siniestros.obtener_siniestro(ctx, sid)
    assert s["tipo"] == "muerte" and s["estado"] == "liquidado"
    guardada = liquidaciones.obtener(ctx, sid)
    assert guardada["fecha_liquidacion"] == fecha_liq
    assert not guardada["resultado"].get("demo")  # the engine's figures, not a demo approximation
    # both dates before the day the bundled BNA table lacks (05/03/2025), the second one later
    assert fecha_liq < otra < date(2025, 3, 5)
    assert Decimal(liquidaciones.previsualizar(ctx, sid, fecha_liq)["total"]) == guardada["total"]
    assert derechohabientes.situacion_derechohabientes(ctx, sid)["derechohabientes"]


def test_el_libro_de_ripte_tiene_un_cambio_y_una_fila_mala(fabrica_demo, tmp_path):
    ctx = contexto(fabrica_demo, "administrador")
    filas = parametros.filas_version(ctx, "ripte")["filas"]
    ruta = tmp_path / "ripte.xlsx"
    captura_ventanas.libro_ripte(ruta, filas)

    hoja = openpyxl.load_workbook(ruta).active
    leidas = list(hoja.iter_rows(values_only=True))
    assert leidas[0] == ("periodo", "indice")
    assert len(leidas) == 1 + len(filas) + 1
    distintas = [(p, v) for (p, v), f in zip(leidas[1:], filas) if p != f["periodo"] or round(v, 2) != float(f["indice"])]
    assert len(distintas) == 1 and distintas[0][0] == filas[-13]["periodo"]
    assert leidas[-1][0].endswith("-13")  # a month that does not exist

    vista = parametros.previsualizar_archivo(ctx, "ripte", ruta)
    assert len(vista.problemas) == 1 and not vista.se_puede_confirmar
    corregido = tmp_path / "ripte_corregido.xlsx"
    captura_ventanas.libro_ripte(corregido, filas, con_error=False)
    vista = parametros.previsualizar_archivo(ctx, "ripte", corregido)
    assert not vista.problemas and len(vista.cambios) == 1 and vista.se_puede_confirmar


def test_sin_un_caso_para_mostrar_lo_dice_y_no_deja_capturas(qapp, tmp_path, capsys):
    carpeta = tmp_path / "capturas"
    assert captura_ventanas.main([str(carpeta), "--agentes", "1"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("Error: ") and "--agentes" in error
    assert not list(carpeta.glob("*.png"))


def test_la_lista_de_capturas_incluye_las_de_importar():
    from app.ui import captura_importar, captura_impresion, captura_ventanas

    assert set(captura_importar.ARCHIVOS) <= set(captura_ventanas.ARCHIVOS)
    assert set(captura_impresion.ARCHIVOS) <= set(captura_ventanas.ARCHIVOS)
