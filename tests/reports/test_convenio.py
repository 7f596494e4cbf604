"""PROPUESTA DE CONVENIO: every field and amount read back from the PDF (pypdf), the regime's rows,
many DH over several pages, Oficio, refusals (wrong CBU, shares that do not add up) and a render."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from pypdf import PdfReader

from app.errors import DatosInvalidos
from app.reports.convenio import propuesta_convenio
from app.reports.datos import Beneficiario, Letrado, Representante

from .ejemplos import (
    BENEFICIARIOS,
    CALCULO_27348,
    CBU_VALIDA,
    datos_convenio,
    muchos_beneficiarios,
    pixeles_oscuros,
    texto_pdf,
)

D = Decimal
MM = 72 / 25.4  # points per millimetre


def plano(paginas: list[str]) -> str:
    return " ".join(" ".join(paginas).split())


def test_imprime_cada_campo_y_cada_importe():
    paginas = texto_pdf(propuesta_convenio(datos_convenio()))
    t = plano(paginas)
    for esperado in [
        "PROPUESTA DE CONVENIO",
        "Liquidación versión 3 al 27/06/2019 — Ley 27.348 · Fecha de pre-acuerdo: 10/07/2019",
        # DATOS DEL ACCIDENTADO
        "Nombre y Apellido Pérez Núñez, Juan Siniestro S-2019-0457",
        "CUIL 20-12345678-6 F. Nac. 03/05/1978",
        "Domicilio (según DNI) Calle 7 N° 1234, 2º «B» Localidad La Plata",
        "Empleador Ministerio de Salud CUIT 30-99999999-5",
        "Fecha de accidente 07/05/2019 Tipo de Accidente Accidente de trabajo",
        # CÁLCULO
        "CÁLCULO DE INDEMNIZACIÓN POR FALLECIMIENTO LEY 27.348/17",
        "VIB c/RIPTE 44.114,24", "VIB c/RIPTE e intereses 52.008,06",
        "Intereses calculados hasta el día 27/06/2019 (51 días; factor 1,178958)",
        "Capital piso mínimo 4.479.194,17", "C.A.P.U. 1.277.399,00", "I.A.P.U. (20 %) 1.151.318,63",
        "TOTAL 6.907.911,80", "FÓRMULA 53 × 52.008,06 × 65 / 40 = 4.479.194,17",
        "Son PESOS SEIS MILLONES NOVECIENTOS SIETE MIL NOVECIENTOS ONCE CON 80/100.",
        "Piso mínimo vigente a la fecha del accidente: $ 2.859.868,00 (Res. SRT 20/2019, semestre 01/03/2019 – "
        "31/08/2019); no se aplica porque la fórmula lo supera.",
        # DERECHOHABIENTES
        "DERECHOHABIENTES QUE ACREDITARON LA CALIDAD DE BENEFICIARIOS",
        "GRUPO NOMBRE Y APELLIDO DNI FECHA NAC. PARENTESCO % IMPORTE",
        "1 Gómez Ñáñez, María Inés 23.456.789 01/01/1980 Cónyuge 55,5556 3.837.728,78",
        "1 Pérez, Tomás 45.678.901 01/02/2010 Hijo/a 22,2222 1.535.091,51",
        "1 Pérez, Lucía 45.678.902 15/09/2012 Hijo/a 22,2222 1.535.091,51",
        "Total 100,0000 6.907.911,80",
        "Domicilio legal de los Derechohabientes que acreditaron: Av. 51 N° 890, La Plata",
        "OPCIÓN DE COMISIÓN: Comisión Médica N° 11 — La Plata",
        # CBU
        "CBU por DERECHOHABIENTE Beneficiario N° de Cuenta CBU",
        f"Gómez Ñáñez, María Inés CA 4009-041813/5 {CBU_VALIDA}",
        "Pérez, Tomás CA 0000012345-6 0110599520000001234569",
        "Presto conformidad para que el monto de la indemnización sea depositado en la cuenta declarada.",
        # ASESOR LETRADO
        "ASESOR LETRADO DEL BENEFICIARIO",
        "Nombre y Apellido Fernández, Raúl Matrícula T° XLII F° 123 CALP",
        "CUIT 20-22222222-3 Localidad La Plata",
        "Domicilio Calle 48 N° 567 Teléfono (0221) 429-4277",
        "E-mail rfernandez@estudio.com.ar",
        "LUGAR Y FECHA: La Plata, 15 de julio de 2019",
        # signatures
        "Firma Apellido y Nombre Gómez Ñáñez, María Inés DNI 23.456.789 DERECHOHABIENTE",
        "Firma Apellido y Nombre Pérez, Lucía DNI 45.678.902 DERECHOHABIENTE",
        "Firma Apellido y Nombre Fernández, Raúl DNI 22.222.222 LETRADO PATROCINANTE",
        "Firma Apellido y Nombre Sosa, Carmen DNI 17.777.777 REPRESENTANTE AUTOSEGURO (Directora)",
    ]:
        assert esperado in t, esperado
    # accents, ñ and º come through the embedded font
    for caracter in "áéíóúÁÓñÑº«»×–—°":
        assert caracter in t, caracter
    assert "PARENTEZCO" not in t and "None" not in t
    # one signature block per DH (3), then the lawyer and the representative
    assert len(re.findall(r"Firma Apellido y Nombre", t)) == 5


def test_secciones_en_el_orden_del_modelo():
    t = plano(texto_pdf(propuesta_convenio(datos_convenio())))
    orden = ["PROPUESTA DE CONVENIO", "DATOS DEL ACCIDENTADO", "CÁLCULO DE INDEMNIZACIÓN", "DERECHOHABIENTES QUE",
             "Domicilio legal de los", "OPCIÓN DE COMISIÓN", "CBU por DERECHOHABIENTE", "Presto conformidad",
             "ASESOR LETRADO DEL BENEFICIARIO", "LUGAR Y FECHA", "LETRADO PATROCINANTE", "REPRESENTANTE AUTOSEGURO"]
    posiciones = [t.index(x) for x in orden]
    assert posiciones == sorted(posiciones)


def un_dh(total: Decimal) -> tuple[Beneficiario, ...]:
    return (replace(BENEFICIARIOS[0], porcentaje=D("100.0000"), importe=total),)


# Ley 26.773: 53 × 20.000,00 × 65 / 50 = 1.378.000,00; IAPU 20 % × 1.378.000,00 = 275.600,00;
#             total 1.378.000,00 + 509.000,00 + 275.600,00 = 2.162.600,00
LEY_26773 = replace(
    CALCULO_27348, regimen="Ley 26.773", vib=D("20000.00"), vib_con_interes=D("20000.00"), dias_interes=0,
    factor_capitalizacion=None, formula_texto="53 × 20.000,00 × 65 / 50 = 1.378.000,00",
    formula_importe=D("1378000.00"), piso_minimo=D("1018000.00"), pago_unico=D("1378000.00"), capu=D("509000.00"),
    iapu=D("275600.00"), total=D("2162600.00"), norma_montos="Res. SRT 34/2013", semestre_montos=None)
# Decreto 1694/2009: 53 × 5.000,00 × 65 / 40 = 430.625,00 > piso 180.000; + CAPU 120.000 = 550.625,00
DEC_1694 = replace(
    LEY_26773, regimen="Decreto 1694/2009", vib=D("5000.00"), vib_con_interes=D("5000.00"),
    formula_texto="53 × 5.000,00 × 65 / 40 = 430.625,00", formula_importe=D("430625.00"), piso_minimo=D("180000.00"),
    pago_unico=D("430625.00"), capu=D("120000.00"), iapu=D("0.00"), total=D("550625.00"), norma_montos=None)
# Decreto 1278/2000: 53 × 2.000,00 × 65 / 30 = 229.666,67 > tope 180.000,00; + 50.000,00 = 230.000,00
DEC_1278 = replace(
    LEY_26773, regimen="Decreto 1278/2000", vib=D("2000.00"), vib_con_interes=D("2000.00"),
    formula_texto="53 × 2.000,00 × 65 / 30 = 229.666,67", formula_importe=D("229666.67"), piso_minimo=None,
    pago_unico=D("180000.00"), capu=D("50000.00"), iapu=D("0.00"), total=D("230000.00"), norma_montos=None,
    tope=D("180000.00"), aplica_tope=True)


@pytest.mark.parametrize("calculo, titulo, presentes, ausentes", [
    (LEY_26773, "CÁLCULO DE INDEMNIZACIÓN POR FALLECIMIENTO LEY 26.773/12",
     ["Ingreso base mensual (art. 12 Ley 24.557) 20.000,00", "Fecha de liquidación 27/06/2019",
      "Capital piso mínimo 1.378.000,00", "C.A.P.U. 509.000,00", "I.A.P.U. (20 %) 275.600,00", "TOTAL 2.162.600,00",
      "FÓRMULA 53 × 20.000,00 × 65 / 50 = 1.378.000,00",
      "PESOS DOS MILLONES CIENTO SESENTA Y DOS MIL SEISCIENTOS CON 00/100"],
     ["RIPTE", "Intereses calculados"]),
    (DEC_1694, "CÁLCULO DE INDEMNIZACIÓN POR FALLECIMIENTO DECRETO 1694/09",
     ["Ingreso base mensual (art. 12 Ley 24.557) 5.000,00", "Capital piso mínimo 430.625,00",
      "C.A.P.U. 120.000,00", "TOTAL 550.625,00", "Piso mínimo vigente a la fecha del accidente: $ 180.000,00"],
     ["RIPTE", "I.A.P.U.", "Intereses calculados"]),
    (DEC_1278, "CÁLCULO DE INDEMNIZACIÓN POR FALLECIMIENTO DECRETO 1278/00",
     ["Ingreso base mensual (art. 12 Ley 24.557) 2.000,00", "Capital (con tope del Decreto 1278/00) 180.000,00",
      "C.A.P.U. 50.000,00", "TOTAL 230.000,00",
      "Tope del Decreto 1278/2000: $ 180.000,00; se aplica porque la fórmula lo supera."],
     ["RIPTE", "I.A.P.U.", "Capital piso mínimo", "Piso mínimo vigente"]),
])
def test_filas_segun_el_regimen(calculo, titulo, presentes, ausentes):
    datos = datos_convenio(calculo=calculo, beneficiarios=un_dh(calculo.total))
    t = plano(texto_pdf(propuesta_convenio(datos)))
    assert titulo in t
    assert "LEY 27.348" not in t
    for x in presentes:
        assert x in t, x
    for x in ausentes:
        assert x not in t, x


def test_in_itinere_explica_la_iapu_en_cero():
    calculo = replace(CALCULO_27348, iapu=D("0.00"), total=D("5756593.17"), in_itinere=True)
    t = plano(texto_pdf(propuesta_convenio(datos_convenio(calculo=calculo, beneficiarios=un_dh(calculo.total)))))
    assert "I.A.P.U. (20 %) 0,00" in t
    assert "Accidente in itinere: no corresponde la I.A.P.U. (art. 3 Ley 26.773)." in t


def test_una_cbu_invalida_no_se_imprime():
    malo = replace(BENEFICIARIOS[1], cbu="0110599520000001234568")  # last check digit wrong
    with pytest.raises(DatosInvalidos) as e:
        propuesta_convenio(datos_convenio(beneficiarios=(BENEFICIARIOS[0], malo, BENEFICIARIOS[2])))
    assert e.value.campo == "CBU de «Pérez, Tomás»"
    assert "«0110599520000001234568» no es una CBU válida: sus dígitos verificadores no coinciden" in e.value.mensaje
    corta = replace(BENEFICIARIOS[1], cbu="01105995")
    with pytest.raises(DatosInvalidos, match="debe tener 22 dígitos"):
        propuesta_convenio(datos_convenio(beneficiarios=(BENEFICIARIOS[0], corta, BENEFICIARIOS[2])))
    letras = replace(BENEFICIARIOS[1], cbu="01105995200000012345AB")
    with pytest.raises(DatosInvalidos, match="solo puede tener dígitos"):
        propuesta_convenio(datos_convenio(beneficiarios=(BENEFICIARIOS[0], letras, BENEFICIARIOS[2])))


def test_sin_cbu_ni_datos_opcionales_quedan_lineas_para_completar():
    vacios = tuple(replace(b, cbu=None, numero_cuenta=None) for b in BENEFICIARIOS)
    datos = datos_convenio(beneficiarios=vacios, domicilio_legal=None, opcion_comision=None, letrado=Letrado(),
                           lugar=None, fecha=None, representante=Representante(), fecha_pre_acuerdo=None,
                           accidentado=replace(datos_convenio().accidentado, domicilio=None, localidad=None,
                                               cuit_empleador=None, tipo_accidente=None, fecha_nacimiento=None))
    t = plano(texto_pdf(propuesta_convenio(datos)))
    assert "None" not in t
    assert "Domicilio legal de los Derechohabientes que acreditaron: OPCIÓN DE COMISIÓN: CBU por" in t
    assert "Gómez Ñáñez, María Inés Pérez, Tomás Pérez, Lucía Presto conformidad" in t
    assert "LUGAR Y FECHA: Firma" in t
    assert "Firma Apellido y Nombre DNI LETRADO PATROCINANTE Firma Apellido y Nombre DNI REPRESENTANTE AUTOSEGURO" in t


def test_importes_que_superan_el_total_se_rechazan():
    desparejo = (replace(BENEFICIARIOS[0], importe=D("3837728.79")),) + BENEFICIARIOS[1:]
    with pytest.raises(DatosInvalidos) as e:
        propuesta_convenio(datos_convenio(beneficiarios=desparejo))
    assert ("los importes de los derechohabientes suman $ 6.907.911,81 y el TOTAL de la liquidación versión 3 es "
            "$ 6.907.911,80") in e.value.mensaje
    with pytest.raises(DatosInvalidos, match="no tiene derechohabientes acreditados"):
        propuesta_convenio(datos_convenio(beneficiarios=()))


def test_derechohabiente_que_no_acredito_deja_su_parte_reservada():
    # the third DH (1.535.091,51) did not accredit: the two others add 5.372.820,29
    t = plano(texto_pdf(propuesta_convenio(datos_convenio(beneficiarios=BENEFICIARIOS[:2]))))
    assert "Total 77,7778 5.372.820,29" in t
    assert ("Importe reservado a derechohabientes de la liquidación que no acreditaron la calidad de beneficiarios: "
            "$ 1.535.091,51 (TOTAL de la liquidación: $ 6.907.911,80).") in t
    completo = plano(texto_pdf(propuesta_convenio(datos_convenio())))
    assert "Importe reservado" not in completo


def test_papel_desconocido():
    with pytest.raises(DatosInvalidos, match="«Carta» no es un tamaño de papel admitido"):
        propuesta_convenio(datos_convenio(), papel="Carta")


def test_treinta_derechohabientes_en_varias_paginas():
    datos = datos_convenio(beneficiarios=muchos_beneficiarios(30))
    paginas = texto_pdf(propuesta_convenio(datos))
    m = len(paginas)
    assert m >= 3
    cabecera = "GRUPO NOMBRE Y APELLIDO DNI FECHA NAC. PARENTESCO % IMPORTE"
    con_filas = 0
    for n, pagina in enumerate(paginas, start=1):
        p = " ".join(pagina.split())
        assert f"Página {n} de {m}" in p
        assert "Siniestro N° S-2019-0457" in p
        if re.search(r"3 Familiar Número \d\d, Ñusta 30\.000\.0\d\d", p):
            con_filas += 1
            assert cabecera in p  # the header is repeated on every page the table runs onto
    assert con_filas >= 2
    t = plano(paginas)
    # 6.907.911,80 / 30 = 230.263,7266… → 230.263,73 to the first 20, 230.263,72 to the last 10
    assert "3 Familiar Número 01, Ñusta 30.000.000 01/01/1990 Familiar a cargo 3,3333 230.263,73" in t
    assert "3 Familiar Número 30, Ñusta 30.000.029 02/01/1990 Familiar a cargo 3,3333 230.263,72" in t
    assert "Total 99,9990 6.907.911,80" in t
    assert len(re.findall(r"DNI 30\.000\.0\d\d DERECHOHABIENTE", t)) == 30


def test_tamanios_de_pagina():
    a4 = PdfReader(io.BytesIO(propuesta_convenio(datos_convenio()))).pages[0].mediabox
    assert (round(float(a4.width), 1), round(float(a4.height), 1)) == (595.3, 841.9)
    oficio = PdfReader(io.BytesIO(propuesta_convenio(datos_convenio(), papel="oficio")))
    for pagina in oficio.pages:
        assert float(pagina.mediabox.width) == pytest.approx(216 * MM, abs=0.01)
        assert float(pagina.mediabox.height) == pytest.approx(356 * MM, abs=0.01)


def test_la_primera_pagina_no_esta_en_blanco():
    oscuros, total = pixeles_oscuros(propuesta_convenio(datos_convenio()))
    assert total > 100_000
    assert 0.02 < oscuros / total < 0.5  # text and borders, not an empty (or black) page


def test_mismos_datos_y_fecha_dan_los_mismos_bytes():
    momento = datetime(2019, 7, 15, 12, 0, tzinfo=UTC)
    assert propuesta_convenio(datos_convenio(), creado=momento) == propuesta_convenio(datos_convenio(), creado=momento)


def test_un_nombre_largo_se_parte_dentro_de_su_casilla():
    largo = replace(BENEFICIARIOS[0], apellido_nombre="De la Santísima Trinidad Fernández de Córdoba y Ñáñez, "
                                                      "María de los Ángeles Guadalupe")
    t = plano(texto_pdf(propuesta_convenio(datos_convenio(beneficiarios=(largo,) + BENEFICIARIOS[1:]))))
    assert "Guadalupe" in t and "De la Santísima" in t
    assert "3.837.728,78" in t


def test_version_y_fecha_de_la_liquidacion_en_el_pie_y_en_los_intereses():
    calculo = replace(CALCULO_27348, fecha_liquidacion=date(2020, 2, 29), version=7)
    t = plano(texto_pdf(propuesta_convenio(datos_convenio(calculo=calculo))))
    assert "Propuesta de Convenio — liquidación versión 7 del 29/02/2020" in t
    assert "Intereses calculados hasta el día 29/02/2020" in t

