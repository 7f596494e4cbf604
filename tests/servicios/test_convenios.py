"""Propuesta de Convenio: its own data (one audit row per save, every field checked in Spanish,
optimistic version), the printed data from ONE stored liquidation version, the PDF kept once in
the legajo, and the batch look-up; on SQLite and PostgreSQL."""

from __future__ import annotations

import sys
import time
import types
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from sqlalchemy import select

from app.errors import ConflictoEdicion, DatosInvalidos, NoEncontrado, PermisoDenegado, ReglaIncumplida
from app.models import Documento
from app.services import convenios, derechohabientes, liquidaciones, pagos, siniestros
from app.services.documentos import TIPOS_DOCUMENTO

from .ayudas import (
    CBU_VALIDA,
    CUIL_AGENTE,
    acreditado,
    crear_caso_muerte,
    cuil,
    datos_siniestro,
    importe_de,
    liquidado,
    sin_cambios,
    una_auditoria,
)

D = Decimal
CUIT_LETRADO = cuil("20", 17654321)
CBU_OTRA = "0110599520000001234569"  # bank 011; both check digits valid (python-stdnum)
DATOS = {
    "domicilio_legal": "  Calle 7   N° 1234, La Plata ",
    "opcion_comision": "Comisión Médica N° 10 – La Plata",
    "letrado_apellido_nombre": "Castaño, Inés",
    "letrado_dni": "17.654.321",
    "letrado_matricula": "T° 45 F° 123 CALP",
    "letrado_cuit": CUIT_LETRADO,
    "letrado_localidad": "La Plata",
    "letrado_domicilio": "Calle 48 N° 567",
    "letrado_telefono": "(0221) 423-4567",
    "letrado_email": "ines.castano@estudio.com.ar",
    "lugar": "La Plata",
    "fecha": date(2018, 6, 1),
    "representante_apellido_nombre": "Peña, Joaquín",
    "representante_dni": "20111222",
    "representante_cargo": "Director de Autoseguro",
}


@pytest.fixture(autouse=True)
def informe(monkeypatch):
    """The real PDF generator when it exists; otherwise a stand-in whose bytes change on every call
    (as fpdf2's CreationDate does), so a reprint taken from the legajo can be told apart."""
    try:
        from app.reports.convenio import propuesta_convenio
    except ImportError:
        modulo = types.ModuleType("app.reports.convenio")

        def propuesta_convenio(datos, *, papel="A4", creado=None):
            return b"%PDF-1.4 " + papel.encode() + repr(datos).encode() + str(time.time_ns()).encode()

        modulo.propuesta_convenio = propuesta_convenio
        monkeypatch.setitem(sys.modules, "app.reports.convenio", modulo)
    return propuesta_convenio


@pytest.fixture
def caso(op, liq, sup):
    return acreditado(op, liq, sup, crear_caso_muerte(op))


def _documentos(fabrica, siniestro_id: int) -> list[Documento]:
    with fabrica() as s:
        docs = s.scalars(select(Documento).where(Documento.siniestro_id == siniestro_id).order_by(Documento.id)).all()
        for d in docs:
            d.contenido = bytes(d.contenido)
        return docs


# ------------------------------------------------------------------ the convenio's own data

def test_guardar_y_obtener(fabrica, op, caso):
    vacio = convenios.obtener_datos_convenio(op, caso["siniestro"])
    assert vacio["version"] == 0 and vacio["numero"] == "S-2018-001" and vacio["acreditado"]
    assert all(vacio[k] is None for k in convenios.CAMPOS)
    assert [(d["id"], d["parentesco_texto"], d["dni"], d["cbu"], d["numero_cuenta"]) for d in vacio["derechohabientes"]] == [
        (caso["dh_conyuge"], "cónyuge", "23456789", CBU_VALIDA, None), (caso["dh_hijo"], "hijo/a", "45678901", None, None)]

    cuentas = [{"id": caso["dh_conyuge"], "numero_cuenta": " 4-123-0000012345-6 "},
               {"id": caso["dh_hijo"], "numero_cuenta": "CA 987654/3", "cbu": CBU_OTRA}]
    with una_auditoria(fabrica, "olga", "guardar_datos_convenio", "convenio") as fila:
        version = convenios.guardar_datos_convenio(op, caso["siniestro"], {**DATOS, "derechohabientes": cuentas}, 0)
    assert version == 1
    assert fila.auditoria.antes is None
    assert fila.auditoria.despues["letrado_cuit"] == CUIT_LETRADO.replace("-", "")
    assert fila.auditoria.despues["derechohabientes"][str(caso["dh_hijo"])] == {"numero_cuenta": "CA 987654/3", "cbu": CBU_OTRA}

    d = convenios.obtener_datos_convenio(op, caso["siniestro"])
    assert d["version"] == 1 and d["modificado_por"] == "olga"
    assert d["domicilio_legal"] == "Calle 7 N° 1234, La Plata"  # blanks trimmed and collapsed
    assert (d["letrado_dni"], d["letrado_cuit"], d["representante_dni"]) == (
        "17654321", CUIT_LETRADO.replace("-", ""), "20111222")
    assert d["fecha"] == date(2018, 6, 1) and d["letrado_email"] == "ines.castano@estudio.com.ar"
    assert [(x["numero_cuenta"], x["cbu"]) for x in d["derechohabientes"]] == [
        ("4-123-0000012345-6", CBU_VALIDA), ("CA 987654/3", CBU_OTRA)]


def test_cambio_parcial_y_version(fabrica, op, liq, caso):
    convenios.guardar_datos_convenio(op, caso["siniestro"], DATOS, 0)
    with una_auditoria(fabrica, "lucas", "guardar_datos_convenio", "convenio") as fila:
        assert convenios.guardar_datos_convenio(liq, caso["siniestro"], {"lugar": "Ensenada", "letrado_email": ""}, 1) == 2
    assert fila.auditoria.antes["lugar"] == "La Plata" and fila.auditoria.despues["lugar"] == "Ensenada"
    d = convenios.obtener_datos_convenio(op, caso["siniestro"])
    assert (d["lugar"], d["letrado_email"], d["letrado_apellido_nombre"]) == ("Ensenada", None, "Castaño, Inés")
    # someone saved version 2 after we read version 1 (or we read none): nothing is written
    for leida in (1, 0):
        with sin_cambios(fabrica), pytest.raises(ConflictoEdicion, match="modificado por lucas"):
            convenios.guardar_datos_convenio(op, caso["siniestro"], {"lugar": "Berisso"}, leida)
    # an account change alone is a new version too (the dialog's check covers it)
    assert convenios.guardar_datos_convenio(
        op, caso["siniestro"], {"derechohabientes": [{"id": caso["dh_hijo"], "numero_cuenta": "123"}]}, 2) == 3


@pytest.mark.parametrize("cambios, campo, texto", [
    ({"letrado_cuit": CUIT_LETRADO[:-1] + str((int(CUIT_LETRADO[-1]) + 1) % 10)}, "letrado_cuit", "dígito verificador"),
    ({"letrado_cuit": "20-1234"}, "letrado_cuit", "11 dígitos"),
    ({"letrado_email": "ines@estudio"}, "letrado_email", "no es una dirección de correo"),
    ({"letrado_telefono": "cuatro dos uno"}, "letrado_telefono", "solo puede tener dígitos"),
    ({"letrado_telefono": "421-33"}, "letrado_telefono", "menos de 6 dígitos"),
    ({"letrado_dni": "17.654.32A"}, "letrado_dni", "solo puede tener dígitos"),
    ({"representante_dni": "123456789"}, "representante_dni", "de 6 a 8 dígitos"),
    ({"letrado_dni": "17654322"}, "letrado_dni", "no coincide con el CUIT 20-17654321-"),
    ({"fecha": date(2018, 5, 2)}, "fecha", "el 02/05/2018 es anterior a la PMI (03/05/2018)"),
    ({"fecha": date.today() + timedelta(days=400)}, "fecha", "más de un año posterior a hoy"),
    ({"fecha": "01/06/2018"}, "fecha", "no es una fecha real con formato AAAA-MM-DD"),
    ({"lugar": "x" * 121}, "lugar", "tiene 121 caracteres; el máximo es 120"),
    ({"opcion_comision": 10}, "opcion_comision", "debe ser un texto"),
    ({"comision": "CM 10"}, "comision", "campo desconocido"),
    ({"derechohabientes": [{"id": 0, "cbu": CBU_VALIDA}]}, "derechohabientes[0].id", "no es un derechohabiente"),
    ({"derechohabientes": [{"id": "DH", "numero_cuenta": "1"}]}, "derechohabientes[0].id", "no es un derechohabiente"),
    ({"derechohabientes": [{"id": [1], "numero_cuenta": "1"}]}, "derechohabientes[0].id", "no es un derechohabiente"),
    ({"derechohabientes": [{"id": None, "banco": "Nación"}]}, "derechohabientes[0].banco", "campo desconocido"),
    ({"derechohabientes": "todos"}, "derechohabientes", "se esperaba una lista"),
])
def test_datos_malos_no_guardan_nada(fabrica, op, caso, cambios, campo, texto):
    convenios.guardar_datos_convenio(op, caso["siniestro"], DATOS)
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as error:
        convenios.guardar_datos_convenio(op, caso["siniestro"], {**DATOS, "lugar": "Otro lugar", **cambios})
    assert error.value.campo == campo
    assert texto in error.value.mensaje


@pytest.mark.parametrize("clave, valor, texto", [
    ("cbu", "2850590940090418135202", "CBU de «Pérez, Tomás»: «2850590940090418135202» tiene un dígito verificador"),
    ("cbu", "28505909", "CBU de «Pérez, Tomás»: «28505909» debe tener 22 dígitos"),
    ("numero_cuenta", "cuenta sueldo", "N° de cuenta de «Pérez, Tomás»: «cuenta sueldo» no es un número de cuenta"),
    ("numero_cuenta", "1" * 31, "N° de cuenta de «Pérez, Tomás»: tiene 31 caracteres"),
])
def test_cuenta_o_cbu_mala_nombra_al_derechohabiente(fabrica, op, caso, clave, valor, texto):
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos) as error:
        convenios.guardar_datos_convenio(op, caso["siniestro"], {
            "lugar": "La Plata", "derechohabientes": [{"id": caso["dh_conyuge"], "numero_cuenta": "1"},
                                                       {"id": caso["dh_hijo"], clave: valor}]})
    assert error.value.campo == f"derechohabientes[1].{clave}"
    assert texto in error.value.mensaje


def test_solo_derechohabientes_acreditados_y_sin_pagos(fabrica, op, liq, sup):
    ids = liquidado(op, liq, crear_caso_muerte(op))  # liquidated, not accredited
    with sin_cambios(fabrica), pytest.raises(DatosInvalidos, match="«Gómez, María» no está acreditado/a"):
        convenios.guardar_datos_convenio(op, ids["siniestro"], {"derechohabientes": [{"id": ids["dh_conyuge"], "numero_cuenta": "1"}]})
    derechohabientes.seleccionar(liq, ids["siniestro"], ids["dh"])
    derechohabientes.acreditar_seleccionados(sup, ids["siniestro"])
    pagos.registrar_pago(sup, ids["dh_conyuge"], date(2018, 6, 1), D("1000.00"), "transferencia")
    assert convenios.obtener_datos_convenio(op, ids["siniestro"])["derechohabientes"][0]["con_pagos"] is True
    with sin_cambios(fabrica), pytest.raises(ReglaIncumplida, match="«Gómez, María» ya tiene pagos registrados"):
        convenios.guardar_datos_convenio(op, ids["siniestro"], {"derechohabientes": [{"id": ids["dh_conyuge"], "cbu": CBU_OTRA}]})
    # the same account again is not a change; the unpaid DH can still change its own
    convenios.guardar_datos_convenio(op, ids["siniestro"], {"derechohabientes": [
        {"id": ids["dh_conyuge"], "cbu": CBU_VALIDA}, {"id": ids["dh_hijo"], "cbu": CBU_OTRA}]})


def test_permisos(fabrica, adm, op, caso):
    with sin_cambios(fabrica):
        with pytest.raises(PermisoDenegado, match="adrian"):
            convenios.guardar_datos_convenio(adm, caso["siniestro"], DATOS)
        with pytest.raises(PermisoDenegado, match="adrian"):
            convenios.generar_convenio(adm, caso["siniestro"])
        # consulting is everyone's: the data, and a PDF not kept in the legajo
        assert convenios.obtener_datos_convenio(adm, caso["siniestro"])["version"] == 0
        assert convenios.datos_convenio(adm, caso["siniestro"]).calculo.version == 1
        assert convenios.generar_convenio(adm, caso["siniestro"], guardar_en_legajo=False).startswith(b"%PDF")


def test_siniestro_sin_muerte_o_sin_acreditar(fabrica, op, liq, sup):
    ids = crear_caso_muerte(op)
    ilp = siniestros.registrar_siniestro(op, datos_siniestro(
        ids["agente"], numero="S-ILP", tipo="ilp", fecha_fallecimiento=None, porcentaje_incapacidad="20"))
    with sin_cambios(fabrica):
        with pytest.raises(ReglaIncumplida, match="S-ILP no es de tipo muerte"):
            convenios.obtener_datos_convenio(op, ilp)
        with pytest.raises(ReglaIncumplida, match="S-ILP no es de tipo muerte: la Propuesta de Convenio"):
            convenios.generar_convenio(op, ilp)
        with pytest.raises(ReglaIncumplida, match="S-2018-001 no tiene derechohabientes acreditados"):
            convenios.datos_convenio(op, ids["siniestro"])
        with pytest.raises(NoEncontrado, match="No existe el siniestro 999"):
            convenios.datos_convenio(op, 999)
        with pytest.raises(DatosInvalidos, match="debe ser A4 u oficio"):
            convenios.generar_convenio(op, ids["siniestro"], papel="carta")


# ------------------------------------------------------------------ the printed data

def test_datos_de_la_liquidacion_guardada(op, caso):
    convenios.guardar_datos_convenio(op, caso["siniestro"], {**DATOS, "derechohabientes": [
        {"id": caso["dh_conyuge"], "numero_cuenta": "4-123-0000012345-6"}]})
    liq = caso["liquidacion"]
    r = liq["resultado"]
    d = convenios.datos_convenio(op, caso["siniestro"])

    a = d.accidentado
    assert (a.apellido_nombre, a.siniestro, a.cuil, a.fecha_nacimiento) == (
        "Pérez Núñez, Juan", "S-2018-001", CUIL_AGENTE.replace("-", ""), date(1978, 5, 3))
    assert (a.empleador, a.fecha_accidente, a.tipo_accidente) == ("Ministerio de Salud", date(2018, 5, 3), "Accidente de trabajo")

    c = d.calculo
    assert (c.regimen, c.version, c.fecha_liquidacion, c.dias_interes) == ("Ley 27.348", 1, date(2018, 5, 10), 7)
    # hand check: VIB = 100,000.00 × RIPTE 05/2018 3353.50 / RIPTE 04/2018 3298.55
    assert c.vib == (D("100000.00") * D("3353.50") / D("3298.55")).quantize(D("0.01"), ROUND_HALF_UP) == D("101665.88")
    assert c.vib_con_interes == D("102259.05") == D(r["vib_con_interes"])
    # FÓRMULA 53 × VIB con interés × 65 / edad (40)
    assert c.formula_importe == (53 * c.vib_con_interes * 65 / 40).quantize(D("0.01"), ROUND_HALF_UP) == D("8807060.68")
    assert c.formula_texto == "53 × 102.259,05 × 65 / 40 = 8.807.060,68"
    assert (c.pago_unico, c.capu) == (D("8807060.68"), D("1046577.00"))
    assert c.iapu == ((c.pago_unico + c.capu) * D("0.20")).quantize(D("0.01"), ROUND_HALF_UP) == D("1970727.54")
    assert c.total == c.pago_unico + c.capu + c.iapu == liq["total"] == D("11824365.22")
    assert (c.piso_minimo, c.aplica_piso, c.pago_mensual) == (D("1569865.00"), False, D("0.00"))
    assert c.factor_capitalizacion == D("1.005835")
    assert (c.norma_montos, c.semestre_montos) == ("Nota SRT 6026/2018", "01/03/2018 – 31/08/2018")
    assert c.intereses == c.vib_con_interes - c.vib == D("593.17")
    assert (c.tope, c.aplica_tope, c.in_itinere) == (None, False, False)

    conyuge, hijo = d.beneficiarios
    assert (conyuge.grupo, conyuge.apellido_nombre, conyuge.parentesco, conyuge.dni, conyuge.porcentaje) == (
        1, "Gómez, María", "cónyuge", "23456789", D("71.4286"))
    assert (hijo.grupo, hijo.parentesco, hijo.dni, hijo.fecha_nacimiento, hijo.porcentaje) == (
        1, "hijo/a", "45678901", date(2010, 2, 1), D("28.5714"))
    assert conyuge.importe == importe_de(liq, caso["dh_conyuge"]) == D("8445975.16")
    assert conyuge.importe + hijo.importe == c.total
    assert conyuge.conceptos == {"pago_unico": D("6290757.63"), "pago_por_danio": D("1407662.53"),
                                 "pago_adicional": D("747555.00")}
    assert (conyuge.cbu, conyuge.numero_cuenta, hijo.cbu) == (CBU_VALIDA, "4-123-0000012345-6", None)

    assert (d.domicilio_legal, d.opcion_comision, d.lugar, d.fecha) == (
        "Calle 7 N° 1234, La Plata", "Comisión Médica N° 10 – La Plata", "La Plata", date(2018, 6, 1))
    assert (d.letrado.apellido_nombre, d.letrado.dni, d.letrado.matricula) == ("Castaño, Inés", "17654321", "T° 45 F° 123 CALP")
    assert (d.representante.apellido_nombre, d.representante.cargo) == ("Peña, Joaquín", "Director de Autoseguro")


def test_otra_version_no_cambia_el_convenio_de_la_primera(fabrica, op, sup, caso):
    v1 = convenios.datos_convenio(op, caso["siniestro"])
    nueva = liquidaciones.calcular(sup, caso["siniestro"], date(2018, 9, 10))  # a supervisor recalculates
    assert nueva["version"] == 2 and nueva["total"] != caso["liquidacion"]["total"]
    assert convenios.datos_convenio(op, caso["siniestro"], version=1) == v1
    ultima = convenios.datos_convenio(op, caso["siniestro"])
    assert (ultima.calculo.version, ultima.calculo.total) == (2, nueva["total"])
    assert ultima.calculo.fecha_liquidacion == date(2018, 9, 10)
    assert [b.importe for b in ultima.beneficiarios] == [importe_de(nueva, caso["dh_conyuge"]), importe_de(nueva, caso["dh_hijo"])]
    with pytest.raises(NoEncontrado, match="S-2018-001 no tiene la liquidación versión 3"):
        convenios.datos_convenio(op, caso["siniestro"], version=3)


def test_resultado_guardado_sin_el_detalle(fabrica, op, caso):
    """A stored result without the engine's detail (e.g. an approximate demo row): a clear refusal."""
    from app.models import Liquidacion

    with fabrica.begin() as s:
        s.add(Liquidacion(siniestro_id=caso["siniestro"], version=2, fecha_liquidacion=date(2018, 5, 10),
                          calculada_por="demo", entrada={}, total=D("10.00"),
                          resultado={"total": "10.00", "vib": "1.00", "reparto": []}))
    with sin_cambios(fabrica), pytest.raises(ReglaIncumplida) as error:
        convenios.generar_convenio(op, caso["siniestro"])
    assert error.value.mensaje == ("La liquidación versión 2 del siniestro S-2018-001 no tiene el detalle del "
                                   "cálculo que imprime el convenio (falta o no es válido «regimen»).")
    assert convenios.datos_convenio(op, caso["siniestro"], version=1).calculo.total == D("11824365.22")


def test_dni_desde_el_cuil():
    assert convenios.dni_de_cuil("27234567894") == "23456789"
    assert convenios.dni_de_cuil("20054321098") == "5432109"  # leading zero dropped
    assert convenios.dni_de_cuil(None) is None and convenios.dni_de_cuil("2023") is None


def test_dni_del_letrado_desde_su_cuit(op, caso):
    convenios.guardar_datos_convenio(op, caso["siniestro"], {**DATOS, "letrado_dni": None})
    assert convenios.datos_convenio(op, caso["siniestro"]).letrado.dni == "17654321"
    # a company's CUIT (prefix 30) carries no DNI
    assert convenios.dni_de_cuit_persona("30710040520") is None
    assert convenios.dni_de_cuit_persona(None) is None


# ------------------------------------------------------------------ the PDF in the legajo

def test_el_pdf_se_guarda_una_vez_en_el_legajo(fabrica, op, sup, caso):
    assert "Propuesta de convenio" in TIPOS_DOCUMENTO
    sid = caso["siniestro"]
    with una_auditoria(fabrica, "olga", "guardar_convenio", "documento") as fila:
        pdf = convenios.generar_convenio(op, sid)
    assert pdf.startswith(b"%PDF")
    [doc] = _documentos(fabrica, sid)
    assert (doc.tipo, doc.contenido, doc.tamanio, doc.cargado_por) == ("Propuesta de convenio", pdf, len(pdf), "olga")
    assert doc.nombre_archivo.startswith("convenio_S-2018-001_v1_") and doc.nombre_archivo.endswith(".pdf")
    assert fila.auditoria.entidad_id == str(doc.id) and fila.auditoria.despues["liquidacion_version"] == 1

    # a reprint of the same data: the legajo's bytes, nothing new, no audit row
    with sin_cambios(fabrica):
        assert convenios.generar_convenio(op, sid) == pdf
        assert convenios.generar_convenio(op, sid, guardar_en_legajo=False) == pdf
    # oficio, changed convenio data, another version: one new document each
    convenios.generar_convenio(op, sid, papel="oficio")
    convenios.guardar_datos_convenio(op, sid, {"lugar": "Ensenada"})
    convenios.generar_convenio(op, sid)
    liquidaciones.calcular(sup, sid, date(2018, 9, 10))
    convenios.generar_convenio(op, sid)
    convenios.generar_convenio(op, sid, version=1)  # version 1 with the current data: already there
    nombres = [d.nombre_archivo for d in _documentos(fabrica, sid)]
    assert len(nombres) == len(set(nombres)) == 4
    assert [n.split("_")[2:-1] for n in nombres] == [["v1"], ["v1", "oficio"], ["v1"], ["v2"]]


def test_pdf_sin_guardar_no_toca_el_legajo(fabrica, op, caso):
    with sin_cambios(fabrica):
        pdf = convenios.generar_convenio(op, caso["siniestro"], papel="oficio", guardar_en_legajo=False)
    assert pdf.startswith(b"%PDF")


def test_pdf_real_con_los_importes_guardados(op, caso, informe):
    """With the real generator: the PDF's text shows the stored amounts and the convenio data, and
    the same data give the same bytes (creation date = when the version was calculated)."""
    if getattr(informe, "__module__", "") != "app.reports.convenio":
        pytest.skip("app/reports/convenio.py todavía no existe")
    import io

    from pypdf import PdfReader

    convenios.guardar_datos_convenio(op, caso["siniestro"], DATOS)
    pdf = convenios.generar_convenio(op, caso["siniestro"], guardar_en_legajo=False)
    assert convenios.generar_convenio(op, caso["siniestro"], guardar_en_legajo=False) == pdf
    texto = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    for fragmento in ("PROPUESTA DE CONVENIO", "S-2018-001", "Pérez Núñez, Juan", "Gómez, María", "Pérez, Tomás",
                      "8.445.975,16", "3.378.390,06", "11.824.365,22", "1.970.727,54", "1.046.577,00",
                      "23.456.789", "Castaño, Inés", "ines.castano@estudio.com.ar", "Peña, Joaquín"):
        assert fragmento in texto, fragmento


# ------------------------------------------------------------------ batch

def test_convenios_desde(fabrica, op, liq, sup, caso):
    otro = crear_caso_muerte_otro(op)  # liquidated, never accredited
    derechohabientes.proponer_desde_familia(op, otro["siniestro"])
    liquidaciones.calcular(liq, otro["siniestro"], date(2019, 4, 1))
    hoy = date.today()
    assert convenios.convenios_desde(op, hoy - timedelta(days=1)) == [caso["siniestro"]]
    assert convenios.convenios_desde(op, hoy + timedelta(days=2)) == []
    assert convenios.convenios_desde(op, (hoy - timedelta(days=1)).isoformat()) == [caso["siniestro"]]
    with pytest.raises(DatosInvalidos, match="desde"):
        convenios.convenios_desde(op, "ayer")


def crear_caso_muerte_otro(op) -> dict:
    """A second agent of the same organismo with its own fatal siniestro S-2019-002 and family."""
    from app.services import agentes

    with op.lectura() as s:
        from app.models import Organismo
        org = s.scalar(select(Organismo.id))
    ag = agentes.registrar_agente(op, {"cuil": cuil("20", 22333444), "apellido_nombre": "Ríos, Pedro",
                                       "fecha_nacimiento": date(1970, 1, 1), "organismo_id": org})
    agentes.cargar_remuneraciones(op, ag, [{"periodo": "2019-02", "remuneracion": "50000.00", "sac": "0"}])
    agentes.registrar_familiar(op, ag, {"parentesco": "conyuge", "apellido_nombre": "Sosa, Ana"})
    sid = siniestros.registrar_siniestro(op, datos_siniestro(ag, numero="S-2019-002", fecha_pmi=date(2019, 3, 4),
                                                             fecha_fallecimiento=date(2019, 3, 4),
                                                             fecha_denuncia=None, fecha_recepcion=None))
    return {"agente": ag, "siniestro": sid}


def test_siniestro_por_numero(op, caso):
    assert convenios.siniestro_por_numero(op, " S-2018-001 ") == caso["siniestro"]
    assert convenios.siniestro_por_numero(op, "s-2018-001") == caso["siniestro"]
    with pytest.raises(NoEncontrado, match="No existe el siniestro número «S-1»"):
        convenios.siniestro_por_numero(op, "S-1")
