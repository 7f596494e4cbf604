"""UI test guards."""

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox


def pytest_collection_modifyitems(session, config, items):
    """Tests that run `aplicacion.main()` (the program's own app.exec → quit) go last: after that
    loop has quit, qWait in this process no longer delivers queued calls (delegates committing an
    edit, a worker thread's result), so a window test run after it would time out."""
    items.sort(key=lambda item: item.get_closest_marker("bucle_principal") is not None)


@pytest.fixture(autouse=True)
def _sin_dialogos_modales(monkeypatch):
    """A modal dialog offscreen waits forever for a click: fail loudly instead of hanging.
    Tests that expect a dialog patch `exec` themselves (their patch wins)."""

    def _falla(dialogo, *args, **kwargs):
        texto = dialogo.text() if isinstance(dialogo, QMessageBox) else dialogo.windowTitle()
        raise AssertionError(f"Diálogo modal inesperado en una prueba: {texto}")

    monkeypatch.setattr(QMessageBox, "exec", _falla)
    monkeypatch.setattr(QDialog, "exec", _falla)


# --- a demo store for the window tests --------------------------------------------------------

import shutil  # noqa: E402

from sqlalchemy import select  # noqa: E402

from app.models import Siniestro, migrar  # noqa: E402
from app.models.bd import crear_motor, fabrica_sesiones  # noqa: E402
from app.services import parametros  # noqa: E402
from app.services.demo import generar_demo  # noqa: E402
from app.services.nucleo import Actor, Contexto  # noqa: E402

AGENTES_DEMO = 40
SEMILLA_DEMO = 11


@pytest.fixture(scope="session")
def plantilla_demo(tmp_path_factory):
    """One SQLite demo store (40 agentes, liquidations calculated, every estado) built once per
    run; tests get a private copy (`fabrica_demo`), so they may write freely."""
    ruta = tmp_path_factory.mktemp("plantilla_ui") / "demo.db"
    motor = crear_motor(f"sqlite:///{ruta}")
    migrar.actualizar(motor)
    parametros.cargar_incluidas(Contexto(fabrica_sesiones(motor), Actor("admin", "administrador")))
    generar_demo(motor, AGENTES_DEMO, semilla=SEMILLA_DEMO, calcular=True)
    motor.dispose()  # closes the WAL: the file alone is the whole store
    return ruta


@pytest.fixture
def fabrica_demo(plantilla_demo, tmp_path):
    """Session factory over a private copy of the demo store."""
    copia = tmp_path / "demo.db"
    shutil.copyfile(plantilla_demo, copia)
    motor = crear_motor(f"sqlite:///{copia}")
    yield fabrica_sesiones(motor)
    motor.dispose()


def contexto(fabrica, rol: str = "supervisor", usuario: str | None = None) -> Contexto:
    return Contexto(fabrica, Actor(usuario or f"{rol}1", rol))


def siniestro_en(fabrica, estado: str, tipo: str = "muerte") -> int:
    """The id of the first demo siniestro of that tipo and estado."""
    with fabrica() as sesion:
        ident = sesion.scalar(select(Siniestro.id).where(Siniestro.tipo == tipo, Siniestro.estado == estado)
                              .order_by(Siniestro.id).limit(1))
    assert ident is not None, f"la demo no tiene un siniestro {tipo} en estado {estado}"
    return ident
