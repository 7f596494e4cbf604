"""Timestamps are stored in UTC and shown in the PC's local time (decision S9), date included."""

import time
from datetime import date, datetime
from types import SimpleNamespace

import pytest

from app.errors import ReglaIncumplida
from app.services.derechohabientes import exigir_no_acreditado
from app.services.nucleo import hora_local, local


@pytest.fixture
def buenos_aires(monkeypatch):
    monkeypatch.setenv("TZ", "America/Argentina/Buenos_Aires")  # UTC-3, no daylight saving
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


ACREDITADO_UTC = datetime(2026, 12, 4, 1, 30)  # 22:30 of the 3rd in Buenos Aires


def test_fecha_y_hora_locales(buenos_aires):
    assert local(ACREDITADO_UTC).date() == date(2026, 12, 3)
    assert hora_local(ACREDITADO_UTC) == "22:30"


def test_mensaje_de_acreditados_con_el_dia_local(buenos_aires):
    s = SimpleNamespace(dh_acreditados=True, numero="2026-000001", acreditado_en=ACREDITADO_UTC)
    with pytest.raises(ReglaIncumplida) as e:
        exigir_no_acreditado(s)
    assert "ya fueron acreditados el 03/12/2026 a las 22:30" in e.value.mensaje


def test_pantalla_derechohabientes_con_el_dia_local(buenos_aires):
    from app.ui.siniestro.dh_textos import acreditados_el

    assert acreditados_el({"acreditado_en": ACREDITADO_UTC}) == "03/12/2026"
