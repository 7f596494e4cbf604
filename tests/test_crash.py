"""Crash safety of the SQLite store: a process killed (SIGKILL, as a power cut or the task manager
would) in the middle of a large single-transaction save leaves a sound store holding all or
nothing — here nothing, because the transaction never committed — and the same save then runs to
completion."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from app.models import migrar
from app.models.bd import crear_motor

RAIZ = Path(__file__).resolve().parents[1]
AGENTES = 8000  # ≈ 3 s of generation on this machine kind; a batch (progress line) every 250
LOTE = 250

GUARDAR = """
import sys
from app.models.bd import crear_motor
from app.services.demo import generar_demo

motor = crear_motor(sys.argv[1])
print("inicio", flush=True)
resumen = generar_demo(motor, int(sys.argv[2]), semilla=3, lote=int(sys.argv[3]),
                       progreso=lambda hechos, total: print("avance", hechos, total, flush=True))
print("fin", resumen["agentes"], flush=True)
"""

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL no existe en Windows")


def _proceso(url: str, tmp_path: Path) -> subprocess.Popen:
    entorno = dict(os.environ, LIQUIDADOR_DATA_DIR=str(tmp_path / "datos_usuario"), PYTHONPATH=str(RAIZ))
    return subprocess.Popen([sys.executable, "-c", GUARDAR, url, str(AGENTES), str(LOTE)], cwd=RAIZ, env=entorno,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _leer_linea(proceso: subprocess.Popen, limite: float) -> str:
    """Next stdout line; fails (instead of hanging) if the child dies or takes too long."""
    import selectors

    with selectors.DefaultSelector() as sel:
        sel.register(proceso.stdout, selectors.EVENT_READ)
        if not sel.select(timeout=max(limite - time.monotonic(), 0)):
            proceso.kill()
            pytest.fail("el proceso hijo no avanzó a tiempo")
    linea = proceso.stdout.readline()
    if not linea:
        pytest.fail(f"el proceso hijo terminó antes de tiempo: {proceso.wait()} {proceso.stderr.read()}")
    return linea.strip()


def _estado(url: str) -> tuple[str, dict[str, int]]:
    motor = crear_motor(url)
    try:
        with motor.connect() as c:
            integridad = c.execute(text("PRAGMA integrity_check")).scalar()
            cuentas = {t: c.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                       for t in ("organismo", "agente", "familiar", "remuneracion", "siniestro", "liquidacion",
                                 "auditoria")}
            return integridad, cuentas
    finally:
        motor.dispose()


def test_sigkill_a_mitad_de_la_transaccion_no_deja_nada_y_luego_se_completa(tmp_path):
    ruta = tmp_path / "liquidador.db"
    url = f"sqlite+pysqlite:///{ruta}"
    wal = Path(f"{ruta}-wal")
    motor = crear_motor(url)
    migrar.actualizar(motor)
    motor.dispose()
    tamanio_inicial = wal.stat().st_size if wal.exists() else 0

    proceso = _proceso(url, tmp_path)
    limite = time.monotonic() + 30
    assert _leer_linea(proceso, limite) == "inicio"
    avances = 0
    # wait until batches were written AND the uncommitted pages started spilling into the WAL
    # (the interesting case: half a transaction is on disk when the process dies)
    while True:
        linea = _leer_linea(proceso, limite)
        assert linea.startswith("avance"), linea
        avances += 1
        if avances >= 2 and wal.exists() and wal.stat().st_size > tamanio_inicial + 1_000_000:
            break
    hechos = int(linea.split()[1])
    assert hechos < AGENTES, "the save finished before it could be interrupted: raise AGENTES"
    proceso.send_signal(signal.SIGKILL)
    assert proceso.wait(timeout=10) == -signal.SIGKILL
    proceso.stdout.close()
    proceso.stderr.close()
    assert wal.stat().st_size > 1_000_000  # the dead transaction's pages are there, uncommitted

    integridad, cuentas = _estado(url)
    assert integridad == "ok"
    assert cuentas == dict.fromkeys(cuentas, 0), cuentas  # nothing of the interrupted save

    proceso = _proceso(url, tmp_path)
    salida, errores = proceso.communicate(timeout=60)
    assert proceso.returncode == 0, errores
    assert salida.strip().splitlines()[-1] == f"fin {AGENTES}"
    integridad, cuentas = _estado(url)
    assert integridad == "ok"
    assert cuentas["agente"] == cuentas["siniestro"] == AGENTES and cuentas["auditoria"] == 1
    assert cuentas["organismo"] == 20 and cuentas["remuneracion"] > AGENTES * 11
