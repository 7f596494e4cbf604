"""Cell values → typed values: every period form, es-AR and plain amounts, CUIL/CBU, yes/no,
parentesco, dates; and the reason given for each bad one."""

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.importers.problemas import indice_columna, letra_columna
from app.importers.valores import (
    ValorInvalido,
    centavos,
    leer_cbu,
    leer_cuil,
    leer_fecha,
    leer_importe,
    leer_parentesco,
    leer_periodo,
    leer_si_no,
    normalizar,
)

HOY = date(2026, 3, 15)
D = Decimal


@pytest.mark.parametrize("valor, esperado", [
    (date(2019, 5, 1), "2019-05"),
    (datetime(2019, 5, 31, 0, 0), "2019-05"),  # payroll systems often date a month by its last day
    ("05/2019", "2019-05"), ("5/2019", "2019-05"), ("05-2019", "2019-05"), ("5.2019", "2019-05"),
    ("2019-05", "2019-05"), ("2019/5", "2019-05"), ("201905", "2019-05"), (201905, "2019-05"),
    (201905.0, "2019-05"), ("may-19", "2019-05"), ("May-2019", "2019-05"), ("mayo 2019", "2019-05"),
    ("MAYO DE 2019", "2019-05"), ("Mayo/19", "2019-05"), ("sep-19", "2019-09"), ("set-19", "2019-09"),
    ("setiembre 2019", "2019-09"), ("dic-99", "1999-12"), ("ene-26", "2026-01"), ("Ago. 2020", "2020-08"),
    ("31/05/2019", "2019-05"), ("2019-05-31", "2019-05"), (" 05 / 2019 ", "2019-05"),
    ("03/2026", "2026-03"),  # the current month is not in the future
])
def test_periodos_aceptados(valor, esperado):
    assert leer_periodo(valor, HOY) == esperado


@pytest.mark.parametrize("valor, motivo", [
    ("13/2019", "el mes 13 no existe (debe ser de 1 a 12)"),
    ("2019-00", "el mes 0 no existe (debe ser de 1 a 12)"),
    ("04/2026", "el período 04/2026 es posterior al mes actual (03/2026)"),
    ("dic-89", "el período 12/1989 es anterior a 1990"),
    (date(1989, 12, 1), "el período 12/1989 es anterior a 1990"),
    ("31/02/2019", "no es una fecha real: escriba el mes como 05/2019, 2019-05, may-19 o mayo 2019"),
    ("mayo", "no es un período: escriba el mes como 05/2019, 2019-05, may-19 o mayo 2019"),
    ("xyz-19", "no es un período: escriba el mes como 05/2019, 2019-05, may-19 o mayo 2019"),
    ("05/19", "no es un período: escriba el mes como 05/2019, 2019-05, may-19 o mayo 2019"),
    (43586.0, "es un número, no un período: dé a la celda formato de fecha o escriba el mes como 05/2019, "
              "2019-05, may-19 o mayo 2019"),
    (True, "no es un período: escriba el mes como 05/2019, 2019-05, may-19 o mayo 2019"),
])
def test_periodos_rechazados(valor, motivo):
    with pytest.raises(ValorInvalido) as e:
        leer_periodo(valor, HOY)
    assert str(e.value) == motivo


@pytest.mark.parametrize("valor, esperado", [
    (1234.56, D("1234.56")), (1234, D("1234.00")), (0.29, D("0.29")), (0.0, D("0.00")),
    (1234.5600000000002, D("1234.56")),  # a computed cell: Excel shows 15 significant digits
    (123456789.12, D("123456789.12")),  # above the fast path's range
    ("1.234,56", D("1234.56")), ("$ 1.234,56", D("1234.56")), ("$1.234.567,8", D("1234567.80")),
    ("1234,56", D("1234.56")), ("1234.56", D("1234.56")), ("4.700", D("4700.00")), ("1234", D("1234.00")),
    ("1,234,567.89", D("1234567.89")), ("1,234.5", D("1234.50")), ("\u00a01.000,00 ", D("1000.00")),
])
def test_importes_aceptados(valor, esperado):
    assert leer_importe(valor) == esperado
    assert str(leer_importe(valor)) == str(esperado)
    assert centavos(valor) == int(esperado * 100)


@pytest.mark.parametrize("valor, motivo", [
    (-1.0, "el importe no puede ser negativo"), ("-1.234,56", "el importe no puede ser negativo"),
    ("(1.234,56)", "el importe no puede ser negativo"), (1234.567, "tiene más de 2 decimales"),
    ("1,234", "tiene más de 2 decimales"), ("12,345", "tiene más de 2 decimales"),
    ("abc", "no es un importe (escriba 1234,56, 1.234,56 o 1234.56)"),
    ("1.23.4", "no es un importe (escriba 1234,56, 1.234,56 o 1234.56)"),
    (date(2019, 1, 1), "es una fecha, no un importe"), (True, "no es un importe"),
    (float("nan"), "no es un importe"), (1e13, "excede el máximo admitido (999.999.999.999,99)"),
])
def test_importes_rechazados(valor, motivo):
    with pytest.raises(ValorInvalido) as e:
        leer_importe(valor)
    assert str(e.value) == motivo


@pytest.mark.parametrize("valor", ["20-12345678-6", "20123456786", "20 12345678 6", 20123456786.0,
                                   20123456786, "20.12345678.6", " 20-12345678-6 "])
def test_cuil_con_o_sin_guiones(valor):
    assert leer_cuil(valor) == "20123456786"


@pytest.mark.parametrize("valor, motivo", [
    ("20-12345678-5", "el dígito verificador del CUIL es incorrecto"),
    ("20-1234567-6", "el CUIL debe tener 11 dígitos (tiene 10)"),
    ("99-12345678-6", "el CUIL empieza con un tipo inválido (20, 23, 24, 27, 30, 33, 34…)"),
    ("20-12345678-X", "el CUIL solo puede tener dígitos, guiones o espacios"),
    (2.0123456786e10 + 0.5, "Excel guardó el CUIL como número y lo redondeó: escríbalo como texto"),
    (date(2020, 1, 1), "es una fecha, no un CUIL"),
])
def test_cuil_invalido(valor, motivo):
    with pytest.raises(ValorInvalido) as e:
        leer_cuil(valor)
    assert str(e.value) == motivo


def test_cbu_fecha_si_no_y_parentesco():
    assert leer_cbu("2850590940090418135201") == "2850590940090418135201"
    with pytest.raises(ValorInvalido, match="la CBU debe tener 22 dígitos \\(tiene 21\\)"):
        leer_cbu("285059094009041813520")
    with pytest.raises(ValorInvalido, match="un dígito verificador de la CBU es incorrecto"):
        leer_cbu("2850590940090418135202")
    assert leer_fecha("03/05/1978", HOY) == date(1978, 5, 3)
    assert leer_fecha("1978-05-03", HOY) == date(1978, 5, 3)
    assert leer_fecha(datetime(1978, 5, 3), HOY) == date(1978, 5, 3)
    with pytest.raises(ValorInvalido, match="es posterior a hoy \\(15/03/2026\\)"):
        leer_fecha("16/03/2026", HOY)
    with pytest.raises(ValorInvalido, match="no es una fecha real"):
        leer_fecha("30/02/2000", HOY)
    assert [leer_si_no(v) for v in ("Sí", "si", "S", "X", 1, True, "VERDADERO")] == [True] * 7
    assert [leer_si_no(v) for v in ("No", "n", "", 0, False, "falso")] == [False] * 6
    with pytest.raises(ValorInvalido, match="escriba Sí o No"):
        leer_si_no("quizás")
    assert [leer_parentesco(v) for v in ("Cónyuge", "ESPOSA", "Hija", "hijo/a", "Familiar a cargo",
                                         "Conviviente", "Madre")] == [
        "conyuge", "conyuge", "hijo", "hijo", "familiar_a_cargo", "conviviente", "madre"]
    with pytest.raises(ValorInvalido, match="parentesco desconocido"):
        leer_parentesco("primo")


def test_letras_y_normalizacion():
    assert [letra_columna(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]
    assert [indice_columna(t) for t in ("A", "z", "AA", "ZZ", "AAA")] == [0, 25, 26, 701, 702]
    with pytest.raises(ValueError):
        indice_columna("A1")
    assert normalizar(" Período (AAAA-MM) ") == "periodoaaaamm"
    assert normalizar("S.A.C.") == normalizar("sac") == "sac"
    assert normalizar("Cuit-Cuil") == "cuitcuil"


def test_los_lectores_no_importan_base_de_datos_ni_qt():
    import subprocess
    import sys

    codigo = ("import sys, app.importers; "
              "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'PySide6', 'psycopg'}))")
    raiz = Path(__file__).resolve().parents[2]
    salida = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True, check=True,
                            cwd=raiz).stdout
    assert salida.strip() == "[]"
