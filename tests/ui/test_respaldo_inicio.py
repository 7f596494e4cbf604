"""The program makes its daily backup of the store when it starts."""

from app.services import base_datos
from app.ui import aplicacion


def test_respaldo_diario_al_iniciar(tmp_path, monkeypatch):
    monkeypatch.setenv("LIQUIDADOR_DB_URL", f"sqlite+pysqlite:///{tmp_path / 'oficina.db'}")
    motor = base_datos.abrir()
    base_datos.inicializar(motor)
    motor.dispose()
    primero = aplicacion.respaldo_al_iniciar()
    assert primero is not None and primero.is_file() and primero.stat().st_size > 0
    assert primero.name.startswith("diario_")
    assert aplicacion.respaldo_al_iniciar() is None  # once per day


def test_sin_base_no_hay_respaldo_ni_archivo_nuevo(tmp_path, monkeypatch):
    monkeypatch.setenv("LIQUIDADOR_DB_URL", f"sqlite+pysqlite:///{tmp_path / 'no_existe.db'}")
    assert aplicacion.respaldo_al_iniciar() is None
    assert not (tmp_path / "no_existe.db").exists()
