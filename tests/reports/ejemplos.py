"""Plain data of the printed documents, with amounts computed by hand (see each comment), and the
helpers the report tests share: the text of a PDF and a render of a page."""

from __future__ import annotations

import io
import subprocess
from dataclasses import replace
from datetime import date
from decimal import Decimal

from pypdf import PdfReader

from app.reports.datos import (
    Accidentado,
    Beneficiario,
    Calculo,
    ConceptoImporte,
    ConceptoSiape,
    DatosConvenio,
    DatosHojaRemuneraciones,
    DatosLiquidacionSiape,
    DatosNotificacion,
    Letrado,
    MesRemuneracion,
    ParteSiape,
    Representante,
)

D = Decimal
CBU_VALIDA = "2850590940090418135201"
CBU_VALIDA_2 = "0110599520000001234569"

# 53 × 52.008,06 × 65 / 40 = 4.479.194,1725 → 4.479.194,17 (spec §3 example)
# IAPU = 20 % × (4.479.194,17 + 1.277.399,00) = 1.151.318,634 → 1.151.318,63
# TOTAL = 4.479.194,17 + 1.277.399,00 + 1.151.318,63 = 6.907.911,80
CALCULO_27348 = Calculo(
    regimen="Ley 27.348", version=3, fecha_liquidacion=date(2019, 6, 27), vib=D("44114.24"),
    vib_con_interes=D("52008.06"), dias_interes=51, factor_capitalizacion=D("1.178958"),
    formula_texto="53 × 52.008,06 × 65 / 40 = 4.479.194,17", formula_importe=D("4479194.17"),
    piso_minimo=D("2859868.00"), aplica_piso=False, pago_unico=D("4479194.17"), capu=D("1277399.00"),
    iapu=D("1151318.63"), pago_mensual=D("0.00"), total=D("6907911.80"),
    norma_montos="Res. SRT 20/2019", semestre_montos="01/03/2019 – 31/08/2019",
)

# shares of 6.907.911,80: spouse 5/9 = 3.837.728,777… → 3.837.728,78; each child 2/9 =
# 1.535.091,511… → 1.535.091,51; 3.837.728,78 + 2 × 1.535.091,51 = 6.907.911,80
BENEFICIARIOS = (
    Beneficiario(grupo=1, apellido_nombre="Gómez Ñáñez, María Inés", cuil="27234567891", dni="23456789",
                 fecha_nacimiento=date(1980, 1, 1), parentesco="cónyuge", porcentaje=D("55.5556"),
                 importe=D("3837728.78"), cbu=CBU_VALIDA, numero_cuenta="CA 4009-041813/5"),
    Beneficiario(grupo=1, apellido_nombre="Pérez, Tomás", cuil="20456789014", dni="45678901",
                 fecha_nacimiento=date(2010, 2, 1), parentesco="hijo/a", porcentaje=D("22.2222"),
                 importe=D("1535091.51"), cbu=CBU_VALIDA_2, numero_cuenta="CA 0000012345-6"),
    Beneficiario(grupo=1, apellido_nombre="Pérez, Lucía", cuil="27456789027", dni="45678902",
                 fecha_nacimiento=date(2012, 9, 15), parentesco="hijo/a", porcentaje=D("22.2222"),
                 importe=D("1535091.51"), cbu=None),
)

ACCIDENTADO = Accidentado(
    apellido_nombre="Pérez Núñez, Juan", siniestro="S-2019-0457", cuil="20123456786",
    fecha_nacimiento=date(1978, 5, 3), domicilio="Calle 7 N° 1234, 2º «B»", localidad="La Plata",
    empleador="Ministerio de Salud", cuit_empleador="30999999995", fecha_accidente=date(2019, 5, 7),
    tipo_accidente="Accidente de trabajo", organismo="Ministerio de Salud",
)


def datos_convenio(**cambios) -> DatosConvenio:
    datos = DatosConvenio(
        accidentado=ACCIDENTADO, calculo=CALCULO_27348, beneficiarios=BENEFICIARIOS,
        domicilio_legal="Av. 51 N° 890, La Plata", opcion_comision="Comisión Médica N° 11 — La Plata",
        letrado=Letrado(apellido_nombre="Fernández, Raúl", matricula="T° XLII F° 123 CALP", cuit="20222222223",
                        localidad="La Plata", domicilio="Calle 48 N° 567", telefono="(0221) 429-4277",
                        email="rfernandez@estudio.com.ar", dni="22222222"),
        lugar="La Plata", fecha=date(2019, 7, 15),
        representante=Representante(apellido_nombre="Sosa, Carmen", dni="17777777", cargo="Directora"),
        fecha_pre_acuerdo=date(2019, 7, 10),
    )
    return replace(datos, **cambios)


def muchos_beneficiarios(n: int, total: Decimal = D("6907911.80")) -> tuple[Beneficiario, ...]:
    """`n` DH in equal shares of `total` (the remaining cents to the first ones)."""
    centavos = int(total * 100)
    base, resto = divmod(centavos, n)
    salida = []
    for i in range(n):
        importe = D(base + (1 if i < resto else 0)) / 100
        salida.append(Beneficiario(
            grupo=3, apellido_nombre=f"Familiar Número {i + 1:02d}, Ñusta", cuil=None, dni=str(30000000 + i),
            fecha_nacimiento=date(1990, 1, 1 + i % 28), parentesco="familiar a cargo",
            porcentaje=(D(100) / n).quantize(D("0.0001")), importe=importe.quantize(D("0.01")), cbu=None))
    return tuple(salida)


def texto_pdf(contenido: bytes) -> list[str]:
    """The text of each page (pypdf)."""
    return [p.extract_text() for p in PdfReader(io.BytesIO(contenido)).pages]


def pixeles_oscuros(contenido: bytes, pagina: int = 1, resolucion: int = 40) -> tuple[int, int]:
    """(dark pixels, all pixels) of a grey render of `pagina` (pdftoppm → PGM)."""
    salida = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(resolucion), "-f", str(pagina), "-l", str(pagina), "-"],
        input=contenido, capture_output=True, check=True).stdout
    # binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel
    partes = salida.split(maxsplit=4)
    assert partes[0] == b"P5"
    ancho, alto = int(partes[1]), int(partes[2])
    pixeles = partes[4][: ancho * alto]
    return sum(1 for b in pixeles if b < 160), ancho * alto


# --- the other sheets ---------------------------------------------------------------------------
# REMUNERACIONES of the seed 003 screen (PMI 07/05/2019, RIPTE 05-2019 = 4.676,25), three months:
#   03-2019: (39.226,11 + 6.490,68) × 4.676,25 / 3.383,14 = 63.190,7459… → 63.190,75
#   04-2019: 30.378,23 × 4.676,25 / 3.353,50 = 42.360,5792… → 42.360,58;   02-2019: nothing (0,00)
# total 105.551,33 over 2 months → VIB 52.775,67 (half-up of 52.775,665)
MESES = (
    MesRemuneracion("2019-02", D("0.00"), D("0.00"), D("3481.52"), D("1.343163"), D("0.00")),
    MesRemuneracion("2019-03", D("39226.11"), D("6490.68"), D("3383.14"), D("1.382222"), D("63190.75")),
    MesRemuneracion("2019-04", D("30378.23"), D("0.00"), D("3353.50"), D("1.394439"), D("42360.58")),
)


def datos_hoja(**cambios) -> DatosHojaRemuneraciones:
    datos = DatosHojaRemuneraciones(
        siniestro="S-2019-0457", apellido_nombre="Pérez Núñez, Juan", cuil="20123456786",
        organismo="Ministerio de Salud", fecha_nacimiento=date(1978, 5, 3), incapacidad_tipo="ILP",
        incapacidad_grado="FAL", incapacidad_caracter="DEF", porcentaje_incapacidad=D("100"),
        fecha_pmi=date(2019, 5, 7), fecha_inicio_actividad=date(2013, 5, 1), fecha_baja_actividad=None,
        version=2, regimen="Ley 27.348", metodo="art12_ley27348", meses=MESES, ripte_pmi=D("4676.25"),
        ripte_pmi_periodo="2019-05", vib=D("52775.67"), fecha_liquidacion=date(2019, 6, 27), dias_interes=51,
        factor_capitalizacion=D("1.061234"), intereses=D("3231.64"), vib_con_interes=D("56007.31"),
        total_salarios=D("105551.33"), meses_con_remuneracion=2,
        advertencias=("El ingreso base promedia 2 meses con remuneración (de 12).",),
    )
    return replace(datos, **cambios)


# pago único 4.479.194,17 + por daño 1.151.318,63 + adicional 1.277.399,00 = 6.907.911,80 (as above)
def datos_siape(**cambios) -> DatosLiquidacionSiape:
    # 5/9 and 2/9 of each concept, the cent left by largest remainder (tie: the older child):
    #   único 2.488.441,21 + 995.376,48 + 995.376,48 = 4.479.194,17
    #   daño 639.621,46 + 255.848,59 + 255.848,58 = 1.151.318,63
    #   adicional 709.666,11 + 283.866,45 + 283.866,44 = 1.277.399,00
    # DH totals 3.837.728,78 + 1.535.091,52 + 1.535.091,50 = 6.907.911,80
    partes = tuple(
        ParteSiape(b.apellido_nombre, b.cuil, b.parentesco, b.porcentaje, pu, pd, pa, pu + pd + pa, "Sí")
        for b, (pu, pd, pa) in zip(BENEFICIARIOS, (
            (D("2488441.21"), D("639621.46"), D("709666.11")),
            (D("995376.48"), D("255848.59"), D("283866.45")),
            (D("995376.48"), D("255848.58"), D("283866.44")),
        )))
    datos = DatosLiquidacionSiape(
        siniestro="S-2019-0457", apellido_nombre="Pérez Núñez, Juan", cuil="20123456786",
        organismo="Ministerio de Salud", prestacion="Fallecimiento", regimen="Ley 27.348", version=3,
        fecha_liquidacion=date(2019, 6, 27), calculada_por="lucas", calculada_en="27/06/2019 10:15",
        estado_derechohabientes="3 acreditado/s el 12/07/2019",
        conceptos=(
            ConceptoSiape("Pago MENSUAL", D("0.00"), "No corresponde: solo la gran invalidez tiene un pago mensual."),
            ConceptoSiape("Pago ÚNICO", D("4479194.17"), "Fórmula: 53 × 52.008,06 × 65 / 40 = 4.479.194,17"),
            ConceptoSiape("Pago POR DAÑO", D("1151318.63"), "IAPU: 20 % de $ 5.756.593,17 (pago único + CAPU)."),
            ConceptoSiape("Pago ADICIONAL", D("1277399.00"), "CAPU inciso c) del art. 11 inc. 4 Ley 24.557."),
        ),
        total=D("6907911.80"), partes=partes,
    )
    return replace(datos, **cambios)


def datos_notificacion(**cambios) -> DatosNotificacion:
    datos = DatosNotificacion(
        siniestro="S-2019-0457", destinatario="Gómez Ñáñez, María Inés", dni="23456789", cuil="27234567891",
        domicilio="Calle 7 N° 1234, 2º «B», La Plata", parentesco="cónyuge", causante="Pérez Núñez, Juan",
        cuil_causante="20123456786", organismo="Ministerio de Salud", fecha_fallecimiento=date(2019, 5, 7),
        regimen="Ley 27.348", version=3, fecha_liquidacion=date(2019, 6, 27), porcentaje=D("55.5556"),
        conceptos=(ConceptoImporte("Capital (Pago ÚNICO)", D("2488441.21")),
                   ConceptoImporte("C.A.P.U. (Pago ADICIONAL)", D("709666.11")),
                   ConceptoImporte("I.A.P.U. 20 % (Pago POR DAÑO)", D("639621.46"))),
        importe=D("3837728.78"), total_prestacion=D("6907911.80"), fecha=date(2019, 7, 1), lugar="La Plata",
        fecha_citacion=date(2019, 7, 15), hora_citacion="10:30", lugar_citacion="calle 7 N° 1270, La Plata",
        firmante="Sosa, Carmen", cargo_firmante="Directora de Personal",
    )
    return replace(datos, **cambios)
