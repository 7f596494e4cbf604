"""Shared fixtures. No test touches the real user data folder or a real display."""

from __future__ import annotations

pytest_plugins = ["tests.fixtures_bd"]

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from decimal import Decimal  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from app import config  # noqa: E402
from app.liquidacion import cargar_parametros  # noqa: E402

D = Decimal


@pytest.fixture(autouse=True)
def _datos_usuario_temporales(tmp_path, monkeypatch):
    monkeypatch.setenv(config.ENV_DATA_DIR, str(tmp_path / "datos_usuario"))


@pytest.fixture(scope="session")
def parametros():
    """The bundled default tables (resources/parametros)."""
    return cargar_parametros(config.parametros_dir())


@pytest.fixture(scope="session")
def carpeta_parametros() -> Path:
    return config.parametros_dir()


def caso_base(**cambios) -> dict:
    """A valid death case in the JSON contract; tests override what they exercise."""
    caso = {
        "tipo": "muerte",
        "fecha_pmi": "2019-05-07",
        "fecha_nacimiento": "1979-01-15",
        "fecha_liquidacion": "2019-05-07",
        "in_itinere": False,
        "vib": "100000.00",
        "derechohabientes": [],
    }
    caso.update(cambios)
    return caso


def dh(ident, parentesco, nacimiento=None, **kw) -> dict:
    """A derechohabiente in the JSON contract."""
    d = {"id": ident, "parentesco": parentesco}
    if nacimiento is not None:
        d["fecha_nacimiento"] = nacimiento
    d.update(kw)
    return d


def liquidar_dict(parametros, **cambios) -> dict:
    """Liquidate `caso_base(**cambios)` and return the JSON-ready result."""
    from app.liquidacion import caso_desde_dict, liquidar, resultado_a_dict

    caso, _ = caso_desde_dict(caso_base(**cambios))
    return resultado_a_dict(liquidar(caso, parametros))
