"""es-AR display helpers (no Qt)."""

from decimal import Decimal

from app.ui import formato


def test_montos_es_ar():
    assert formato.monto("11651191.96") == "11.651.191,96"
    assert formato.monto("0.00") == "0,00"
    assert formato.monto(Decimal("1234.5")) == "1.234,50"
    assert formato.monto("0.005") == "0,01"  # half-up, never Babel's half-even
    assert formato.monto(None) == "—"
    assert formato.monto("abc") == "abc"
    assert formato.pesos("1569865.00") == "$ 1.569.865,00"


def test_porcentaje_factor_y_enteros():
    assert formato.porcentaje("71.4286") == "71,4286"
    assert formato.factor("1.005835") == "1,005835"
    assert formato.numero("3353.5") == "3.353,50"
    assert formato.entero(12345) == "12.345"
    assert formato.entero(None) == "—"


def test_fechas_y_periodos():
    assert formato.fecha("2018-05-03") == "03/05/2018"
    assert formato.fecha(None) == "—"
    assert formato.fecha("mañana") == "mañana"
    assert formato.periodo("2018-05") == "05-2018"
    assert formato.periodo("raro") == "raro"


def test_suma_exacta():
    assert formato.suma(["0.10", "0.20", None]) == Decimal("0.30")
