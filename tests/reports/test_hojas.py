"""The other sheets: IMPRIMIR of REMUNERACIONES, the SIAPE liquidation and the DH notification,
read back from the PDF with the hand-computed figures of `ejemplos.py`."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from decimal import Decimal

from pypdf import PdfReader

from app.reports.datos import MesRemuneracion, ParteSiape
from app.reports.notificacion import documentos_requeridos, notificacion_derechohabiente
from app.reports.remuneraciones import hoja_remuneraciones
from app.reports.siape import liquidacion_siape

from .ejemplos import datos_hoja, datos_notificacion, datos_siape, pixeles_oscuros, texto_pdf

D = Decimal


def plano(contenido: bytes) -> str:
    return " ".join(" ".join(texto_pdf(contenido)).split())


def test_hoja_de_remuneraciones_ley_27348():
    t = plano(hoja_remuneraciones(datos_hoja()))
    for esperado in [
        "REMUNERACIONES Cálculo del ingreso base mensual (VIB) — liquidación versión 2 al 27/06/2019 — Ley 27.348",
        "AGENTE Apellido y Nombre Pérez Núñez, Juan CUIL 20-12345678-6",
        "Organismo Ministerio de Salud Fecha nacim. 03/05/1978",
        "INCAPACIDAD LABORAL Tipo ILP Grado FAL Carácter DEF Porc. 100,00 %",
        "FECHAS PMI / Accidente 07/05/2019 Inicio actividad 01/05/2013 Baja actividad Fec. Liquidación 27/06/2019",
        "ÚLTIMAS 12 REMUNERACIONES — RIPTE período PMI: 4.676,25 (05-2019)",
        "PERÍODO REMUNERACIONES SAC RIPTE COEFICIENTE (REM + SAC) × RIPTE",
        "02-2019 0,00 0,00 3.481,52 1,343163 0,00",
        "03-2019 39.226,11 6.490,68 3.383,14 1,382222 63.190,75",
        "04-2019 30.378,23 0,00 3.353,50 1,394439 42.360,58",
        # 39.226,11 + 30.378,23 = 69.604,34
        "TOTAL 69.604,34 6.490,68 105.551,33",
        "CÁLCULOS VIB con RIPTE 52.775,67 PMI / Accidente 07/05/2019 Fec. Liquidación 27/06/2019 Días de interés 51 "
        "Factor de capitalización 1,061234 Intereses 3.231,64 VIB con interés 56.007,31 "
        "TOTAL DE SALARIOS ACTUALIZADOS X RIPTE 105.551,33",
        "Promedio sobre 2 mes(es) con remuneración. Régimen: Ley 27.348.",
        "A los fines del cálculo del valor del ingreso base se considera el promedio mensual",
        "Advertencia: El ingreso base promedia 2 meses con remuneración (de 12).",
        "Página 1 de 1",
    ]:
        assert esperado in t, esperado
    assert "None" not in t


def test_hoja_de_remuneraciones_art12_original():
    meses = (MesRemuneracion("2012-09", D("10000.00"), D("5000.00"), None, None, D("15000.00")),)
    datos = datos_hoja(regimen="Ley 26.773", metodo="art12_original", meses=meses, ripte_pmi=None,
                       ripte_pmi_periodo=None, vib=D("15000.00"), dias_interes=0, factor_capitalizacion=None,
                       intereses=None, vib_con_interes=D("15000.00"), total_salarios=D("15000.00"),
                       meses_con_remuneracion=1, dias_periodo=30, advertencias=())
    t = plano(hoja_remuneraciones(datos))
    assert "PERÍODO REMUNERACIONES SAC REM + SAC (sin RIPTE) 09-2012 10.000,00 5.000,00 15.000,00" in t
    assert "VIB (art. 12 original) 15.000,00" in t
    assert "TOTAL DE SALARIOS DEL PERÍODO 15.000,00 Días del período 30" in t
    assert "RIPTE período PMI" not in t and "COEFICIENTE" not in t
    assert "PMI anterior a la Ley 27.348" in t


def test_liquidacion_siape():
    contenido = liquidacion_siape(datos_siape())
    pagina = PdfReader(io.BytesIO(contenido)).pages[0]
    assert float(pagina.mediabox.width) > float(pagina.mediabox.height)  # landscape
    t = plano(contenido)
    for esperado in [
        "LIQUIDACIÓN — SIAPE Fallecimiento — Ley 27.348",
        "Agente Pérez Núñez, Juan CUIL 20-12345678-6", "Organismo Ministerio de Salud Siniestro S-2019-0457",
        "Versión 3 Fecha de liquidación 27/06/2019", "Calculada por lucas Calculada el 27/06/2019 10:15",
        "Régimen Ley 27.348 Derechohabientes 3 acreditado/s el 12/07/2019",
        "CONCEPTO MONTO DETALLE",
        "Pago MENSUAL 0,00 No corresponde: solo la gran invalidez tiene un pago mensual.",
        "Pago ÚNICO 4.479.194,17 Fórmula: 53 × 52.008,06 × 65 / 40 = 4.479.194,17",
        "Pago POR DAÑO 1.151.318,63", "Pago ADICIONAL 1.277.399,00",
        "TOTAL 6.907.911,80 Suma de los conceptos.",
        "Son PESOS SEIS MILLONES NOVECIENTOS SIETE MIL NOVECIENTOS ONCE CON 80/100.",
        "DERECHOHABIENTES: % Y MONTO DE CADA CONCEPTO",
        "Gómez Ñáñez, María Inés 27-23456789-1 Cónyuge 55,5556 2.488.441,21 639.621,46 709.666,11 3.837.728,78 Sí",
        "Pérez, Tomás 20-45678901-4 Hijo/a 22,2222 995.376,48 255.848,59 283.866,45 1.535.091,52 Sí",
        "Pérez, Lucía 27-45678902-7 Hijo/a 22,2222 995.376,48 255.848,58 283.866,44 1.535.091,50 Sí",
        "TOTAL 100,0000 4.479.194,17 1.151.318,63 1.277.399,00 6.907.911,80",
    ]:
        assert esperado in t, esperado
    assert "Revise la liquidación" not in t


def test_siape_muestra_excluidos_y_avisos():
    excluido = ParteSiape("Pérez, Ana", None, "hijo/a", D("0"), D("0"), D("0"), D("0"), D("0"), "No (excluido/a)",
                          "hija de 23 años sin certificado de estudios")
    datos = datos_siape()
    datos = replace(datos, partes=datos.partes + (excluido,), avisos=("Pago ÚNICO: la liquidación dice $ 1,00.",))
    t = plano(liquidacion_siape(datos))
    assert "Pérez, Ana — hija de 23 años sin certificado de estudios Hijo/a 0,0000 0,00 0,00 0,00 0,00 No (excluido/a)" in t
    assert "Revise la liquidación: Pago ÚNICO: la liquidación dice $ 1,00." in t


def test_notificacion_al_derechohabiente():
    datos = datos_notificacion(documentos=documentos_requeridos("conyuge"))
    t = plano(notificacion_derechohabiente(datos))
    for esperado in [
        "NOTIFICACIÓN DE DERECHOHABIENTE La Plata, 1 de julio de 2019",
        "Sr./Sra. Gómez Ñáñez, María Inés DNI 23.456.789 — CUIL 27-23456789-1",
        "Domicilio: Calle 7 N° 1234, 2º «B», La Plata",
        "Ref.: Siniestro N° S-2019-0457 — Prestación dineraria por el fallecimiento de Pérez Núñez, Juan "
        "(CUIL 20-12345678-6).",
        "agente del Ministerio de Salud, ocurrido el 07/05/2019",
        "(liquidación versión 3 al 27/06/2019, régimen Ley 27.348), por un total de $ 6.907.911,80",
        "En su carácter de cónyuge del causante le corresponde el 55,5556 % de la prestación",
        "CONCEPTO IMPORTE Capital (Pago ÚNICO) 2.488.441,21 C.A.P.U. (Pago ADICIONAL) 709.666,11 "
        "I.A.P.U. 20 % (Pago POR DAÑO) 639.621,46 TOTAL QUE LE CORRESPONDE 3.837.728,78",
        "Son PESOS TRES MILLONES OCHOCIENTOS TREINTA Y SIETE MIL SETECIENTOS VEINTIOCHO CON 78/100.",
        "Se lo/la cita a presentarse el día 15 de julio de 2019 a las 10:30 horas, en calle 7 N° 1270, La Plata, "
        "para la firma de la Propuesta de Convenio",
        "Servicio de Homologación",
        "Deberá presentar la siguiente documentación (original y copia):",
        "• Documento Nacional de Identidad.", "• Acta de matrimonio actualizada.",
        "Queda usted debidamente notificado/a.",
        "Apellido y Nombre Sosa, Carmen DNI Directora de Personal",
        "Apellido y Nombre Gómez Ñáñez, María Inés DNI 23.456.789 RECIBÍ LA PRESENTE NOTIFICACIÓN",
        "Fecha de recepción:",
    ]:
        assert esperado in t, esperado
    assert "None" not in t


def test_notificacion_sin_citacion_y_antes_de_la_ley_27348():
    datos = datos_notificacion(fecha_citacion=None, hora_citacion=None, lugar_citacion=None, regimen="Ley 26.773",
                               lugar=None, firmante=None, cargo_firmante=None, fecha=date(2016, 3, 2))
    t = plano(notificacion_derechohabiente(datos))
    assert t.startswith("Autoseguro — Prestaciones dinerarias Siniestro N° S-2019-0457 NOTIFICACIÓN DE "
                        "DERECHOHABIENTE 2 de marzo de 2016")
    assert "El día, la hora y el lugar para la firma de la Propuesta de Convenio le serán comunicados" in t
    assert "dentro de los quince (15) días corridos" in t
    assert "Por el Ministerio de Salud" in t
    assert "None" not in t


def test_documentos_segun_el_derechohabiente():
    hijo = documentos_requeridos("hijo", estudiante=True, menor=True)
    assert "Partida de nacimiento que acredite el vínculo con el causante." in hijo
    assert "Certificado de alumno regular del ciclo lectivo en curso." in hijo
    assert any(d.startswith("Si es menor de edad") for d in hijo)
    assert "Acta de matrimonio actualizada." not in hijo
    a_cargo = documentos_requeridos("familiar_a_cargo", incapacitado=True)
    assert "Información sumaria que acredite que estaba a cargo del causante." in a_cargo
    assert "Certificado médico oficial que acredite la incapacidad para el trabajo." in a_cargo


def test_las_hojas_no_salen_en_blanco():
    for contenido in (hoja_remuneraciones(datos_hoja()), liquidacion_siape(datos_siape()),
                      notificacion_derechohabiente(datos_notificacion())):
        oscuros, total = pixeles_oscuros(contenido)
        assert 0.01 < oscuros / total < 0.5
