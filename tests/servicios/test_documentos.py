"""Legajo digital: the seed 003 document types, SHA-256, size limit, damaged copies noticed."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import update

from app.errors import DatosInvalidos, ErrorBaseDatos, NoEncontrado
from app.models import Documento
from app.services import documentos

from .ayudas import crear_caso_muerte, sin_cambios, una_auditoria

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40


def test_adjuntar_listar_obtener(fabrica, op, tmp_path):
    ids = crear_caso_muerte(op, familia=False)
    with una_auditoria(fabrica, "olga", "adjuntar_documento", "documento") as a:
        d1 = documentos.adjuntar_documento(op, ids["siniestro"], "VIB", PDF, "C:\\escaneos\\vib.pdf")
    assert a.auditoria.despues["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert "contenido" not in a.auditoria.despues
    ruta = tmp_path / "Acta de acreditación.pdf"
    ruta.write_bytes(b"acta")
    d2 = documentos.adjuntar_documento(op, ids["siniestro"], "Acreditación Derechohabientes", ruta)
    lista = documentos.listar_documentos(op, ids["siniestro"])
    assert [(d["id"], d["tipo"], d["nombre_archivo"], d["tamanio"]) for d in lista] == [
        (d1, "VIB", "vib.pdf", len(PDF)), (d2, "Acreditación Derechohabientes", "Acta de acreditación.pdf", 4)]
    assert all("contenido" not in d for d in lista)
    doc = documentos.obtener_documento(op, d1)
    assert doc["contenido"] == PDF and doc["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert doc["cargado_por"] == "olga"


@pytest.mark.parametrize("tipo, contenido, nombre, campo, texto", [
    ("Contrato", b"x", "a.pdf", "tipo", "no es uno de"),
    ("VIB", b"", "a.pdf", "archivo", "vacío"),
    ("VIB", b"x", None, "nombre", "falta"),
    ("VIB", 12, "a.pdf", "archivo", "ruta"),
])
def test_documento_invalido(fabrica, op, tipo, contenido, nombre, campo, texto):
    ids = crear_caso_muerte(op, familia=False)
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as e:
        documentos.adjuntar_documento(op, ids["siniestro"], tipo, contenido, nombre)
    assert e.value.campo == campo and texto in e.value.mensaje


def test_limite_de_tamanio(fabrica, op, tmp_path, monkeypatch):
    ids = crear_caso_muerte(op, familia=False)
    assert documentos.TAMANIO_MAXIMO == 20 * 1024 * 1024
    monkeypatch.setattr(documentos, "TAMANIO_MAXIMO", 1024 * 1024)
    grande = tmp_path / "escaneo.tif"
    grande.write_bytes(b"\0" * (1024 * 1024 + 1))
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as e:
        documentos.adjuntar_documento(op, ids["siniestro"], "Otros Documentos", grande)
    assert "«escaneo.tif» pesa 1,0 MB; el máximo es 1,0 MB" in e.value.mensaje
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos, match="máximo"):
        documentos.adjuntar_documento(op, ids["siniestro"], "Otros Documentos", grande.read_bytes(), "x.tif")
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos, match="no se encontró"):
        documentos.adjuntar_documento(op, ids["siniestro"], "Otros Documentos", tmp_path / "no_existe.pdf")


def test_documento_danado_se_detecta(fabrica, op):
    ids = crear_caso_muerte(op, familia=False)
    d = documentos.adjuntar_documento(op, ids["siniestro"], "Liquidación", PDF, "liq.pdf")
    with fabrica.begin() as s:
        s.execute(update(Documento).where(Documento.id == d).values(contenido=PDF[:-1] + b"X"))
    with pytest.raises(ErrorBaseDatos, match="dañado"):
        documentos.obtener_documento(op, d)


def test_siniestro_o_documento_inexistente(fabrica, op):
    with sin_cambios(fabrica), pytest.raises(NoEncontrado):
        documentos.adjuntar_documento(op, 999, "VIB", b"x", "a.pdf")
    with pytest.raises(NoEncontrado):
        documentos.obtener_documento(op, 999)
