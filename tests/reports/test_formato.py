"""es-AR texts of the printed documents: amounts in figures and in words, dates, CUIL and DNI."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.reports import formato as f

D = Decimal


@pytest.mark.parametrize("valor, letras", [
    ("1000000.00", "PESOS UN MILLÓN CON 00/100"),
    ("21001.10", "PESOS VEINTIÚN MIL UNO CON 10/100"),
    ("100.00", "PESOS CIEN CON 00/100"),
    ("1234567.89", "PESOS UN MILLÓN DOSCIENTOS TREINTA Y CUATRO MIL QUINIENTOS SESENTA Y SIETE CON 89/100"),
    ("101000.00", "PESOS CIENTO UN MIL CON 00/100"),
    ("31000000.01", "PESOS TREINTA Y UN MILLONES CON 01/100"),
    ("21021021.00", "PESOS VEINTIÚN MILLONES VEINTIÚN MIL VEINTIUNO CON 00/100"),
    ("10557248.10", "PESOS DIEZ MILLONES QUINIENTOS CINCUENTA Y SIETE MIL DOSCIENTOS CUARENTA Y OCHO CON 10/100"),
    ("0.50", "PESOS CERO CON 50/100"),
    ("1.00", "PESOS UNO CON 00/100"),
    ("0.995", "PESOS UNO CON 00/100"),  # half-up to cents first
])
def test_importe_en_letras(valor, letras):
    assert f.en_letras(D(valor)) == letras


def test_montos_fechas_y_documentos():
    assert f.monto(D("1234567.891")) == "1.234.567,89"
    assert f.monto(D("0.005")) == "0,01"
    assert f.pesos(D("-12.5")) == "$ -12,50"
    assert f.porcentaje(D("71.428571")) == "71,4286"
    assert f.monto(None) is None and f.fecha(None) is None and f.cuit(None) is None and f.dni("") is None
    assert f.fecha(date(2019, 5, 7)) == "07/05/2019"
    assert f.fecha_larga(date(2024, 7, 5)) == "5 de julio de 2024"
    assert f.periodo("2018-05") == "05-2018"
    assert f.cuit("20123456786") == "20-12345678-6"
    assert f.cuit("20-12345678-6") == "20-12345678-6"
    assert f.cuit("123") == "123"
    assert f.dni("23456789") == "23.456.789"
    assert f.dni("1234567") == "1.234.567"
    assert f.dni("ABC123") == "ABC123"


@pytest.mark.parametrize("nombre, de, por", [
    ("Ministerio de Seguridad", "del Ministerio de Seguridad", "el Ministerio de Seguridad"),
    ("Dirección General de Cultura y Educación", "de la Dirección General de Cultura y Educación",
     "la Dirección General de Cultura y Educación"),
    ("Hospital Interzonal San Martín", "del Hospital Interzonal San Martín", "el Hospital Interzonal San Martín"),
    ("Fiscalía de Estado", "de la Fiscalía de Estado", "la Fiscalía de Estado"),
    ("IOMA", "de IOMA", "IOMA"),  # an acronym or proper noun: bare
])
def test_organismo_con_articulo(nombre, de, por):
    from app.reports.formato import con_articulo, de_organismo

    assert de_organismo(nombre) == de
    assert con_articulo(nombre) == por
