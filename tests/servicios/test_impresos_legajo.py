"""Issued documents kept in the legajo (SQLite and PostgreSQL): once per SHA-256, one audit row,
permission «cargar», the attach rules; the creation date of a version makes a reprint identical."""

from __future__ import annotations

import hashlib
from datetime import UTC

import pytest
from sqlalchemy import select

from app.errors import DatosInvalidos, NoEncontrado, PermisoDenegado
from app.models import Liquidacion
from app.reports.remuneraciones import hoja_remuneraciones
from app.services import documentos, impresos, impresos_legajo
from app.services.impresos_legajo import Emision

from .ayudas import crear_caso_muerte, liquidado, sin_cambios, una_auditoria

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 8


def test_emitir_guarda_una_vez_por_huella(fabrica, op):
    sid = crear_caso_muerte(op, familia=False)["siniestro"]
    with una_auditoria(fabrica, "olga", "emitir_documento", "documento") as a:
        r = impresos_legajo.emitir_documento(op, sid, "VIB", PDF, "remuneraciones_S-1_v1.pdf")
    assert r == Emision(r.documento_id, True)
    assert a.auditoria.entidad_id == str(r.documento_id)
    assert a.auditoria.despues["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert a.auditoria.despues["tipo"] == "VIB" and "contenido" not in a.auditoria.despues
    # the same bytes again (under any name or tipo): nothing added, no audit row
    with sin_cambios(fabrica):
        assert impresos_legajo.emitir_documento(op, sid, "VIB", PDF, "otra.pdf") == Emision(r.documento_id, False)
        assert impresos_legajo.emitir_documento(op, sid, "Liquidación", bytearray(PDF), "x.pdf") == (
            r.documento_id, False)
    # other bytes: a second document
    otro = impresos_legajo.emitir_documento(op, sid, "Liquidación", PDF + b"\n", "siape_S-1_v1.pdf")
    assert otro.nuevo and otro.documento_id != r.documento_id
    lista = documentos.listar_documentos(op, sid)
    assert [(d["tipo"], d["nombre_archivo"], d["tamanio"], d["cargado_por"]) for d in lista] == [
        ("VIB", "remuneraciones_S-1_v1.pdf", len(PDF), "olga"),
        ("Liquidación", "siape_S-1_v1.pdf", len(PDF) + 1, "olga")]
    assert documentos.obtener_documento(op, r.documento_id)["contenido"] == PDF


def test_la_misma_huella_en_otro_siniestro_se_guarda(fabrica, op):
    a = crear_caso_muerte(op, familia=False)["siniestro"]
    from app.services import siniestros
    from tests.servicios.ayudas import datos_siniestro

    agente = siniestros.obtener_siniestro(op, a)["agente"]["id"]
    b = siniestros.registrar_siniestro(op, datos_siniestro(agente, numero="S-2"))
    assert impresos_legajo.emitir_documento(op, a, "VIB", PDF, "a.pdf").nuevo
    assert impresos_legajo.emitir_documento(op, b, "VIB", PDF, "b.pdf").nuevo


def test_emitido_mientras_tanto_por_otro(fabrica, op, monkeypatch):
    """Between the read and the locked write someone else issued it: not added, audited as such."""
    sid = crear_caso_muerte(op, familia=False)["siniestro"]
    primero = impresos_legajo.emitir_documento(op, sid, "VIB", PDF, "a.pdf")
    real = impresos_legajo._existente
    llamadas = []

    def _existente(sesion, siniestro_id, huella):
        llamadas.append(huella)
        return None if len(llamadas) == 1 else real(sesion, siniestro_id, huella)

    monkeypatch.setattr(impresos_legajo, "_existente", _existente)
    with una_auditoria(fabrica, "olga", "emitir_documento", "documento") as a:
        r = impresos_legajo.emitir_documento(op, sid, "VIB", PDF, "a.pdf")
    assert r == Emision(primero.documento_id, False)
    assert a.auditoria.despues["ya_estaba"] is True
    assert len(documentos.listar_documentos(op, sid)) == 1


@pytest.mark.parametrize("rol", ["administrador"])
def test_permiso_cargar(fabrica, op, contexto, rol):
    sid = crear_caso_muerte(op, familia=False)["siniestro"]
    impresos_legajo.emitir_documento(op, sid, "VIB", PDF, "a.pdf")
    with sin_cambios(fabrica), pytest.raises(PermisoDenegado) as e:
        impresos_legajo.emitir_documento(contexto(rol), sid, "VIB", PDF + b"1", "b.pdf")
    assert "no puede cargar" in e.value.mensaje
    with sin_cambios(fabrica), pytest.raises(PermisoDenegado):  # also when it is already there
        impresos_legajo.emitir_documento(contexto(rol), sid, "VIB", PDF, "a.pdf")


@pytest.mark.parametrize("tipo, contenido, nombre, campo, texto", [
    ("Contrato", PDF, "a.pdf", "tipo", "«Contrato» no es uno de"),
    ("VIB", b"", "a.pdf", "archivo", "vacío"),
    ("VIB", PDF, "", "nombre", "falta el nombre"),
    ("VIB", "/etc/passwd", "a.pdf", "contenido", "se esperaba el contenido"),
])
def test_entradas_invalidas(fabrica, op, tipo, contenido, nombre, campo, texto):
    sid = crear_caso_muerte(op, familia=False)["siniestro"]
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as e:
        impresos_legajo.emitir_documento(op, sid, tipo, contenido, nombre)
    assert e.value.campo == campo and texto in e.value.mensaje


def test_nombre_sin_carpetas_y_siniestro_inexistente(fabrica, op):
    sid = crear_caso_muerte(op, familia=False)["siniestro"]
    r = impresos_legajo.emitir_documento(op, sid, "VIB", PDF, "C:\\Users\\x\\vib.pdf")
    assert documentos.obtener_documento(op, r.documento_id)["nombre_archivo"] == "vib.pdf"
    with sin_cambios(fabrica), pytest.raises(NoEncontrado):
        impresos_legajo.emitir_documento(op, sid + 999, "VIB", PDF + b"x", "a.pdf")


def test_creado_de_version_y_reimpresion_identica(fabrica, op, liq):
    ids = liquidado(op, liq, crear_caso_muerte(op))
    sid = ids["siniestro"]
    with fabrica() as s:
        calculada = s.scalar(select(Liquidacion.calculada_en).where(Liquidacion.siniestro_id == sid))
    creado = impresos_legajo.creado_de_version(op, sid, 1)
    assert creado == calculada.replace(tzinfo=UTC)
    with pytest.raises(NoEncontrado, match="no tiene la liquidación versión 2"):
        impresos_legajo.creado_de_version(op, sid, 2)
    # the sheet of the same version twice: the same bytes, kept once
    datos = impresos.datos_hoja_remuneraciones(op, sid)
    uno = hoja_remuneraciones(datos, creado=impresos_legajo.creado_de_version(op, sid, datos.version))
    dos = hoja_remuneraciones(impresos.datos_hoja_remuneraciones(op, sid),
                              creado=impresos_legajo.creado_de_version(op, sid, datos.version))
    assert uno == dos
    assert impresos_legajo.emitir_documento(op, sid, "VIB", uno, "remuneraciones_v1.pdf").nuevo
    with sin_cambios(fabrica):
        assert not impresos_legajo.emitir_documento(op, sid, "VIB", dos, "remuneraciones_v1.pdf").nuevo
