"""A process importing a large file is killed (SIGKILL, as a power cut or the task manager would)
in the middle of its single transaction, after part of the rows were written: the SQLite store
is sound and holds nothing of the import; the same import then runs to completion."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert, text

from app.models import Agente, Organismo, migrar, normalizar_busqueda
from app.models.bd import crear_motor
from tests.importers.planillas import cuil
from tests.test_crash import _leer_linea

RAIZ = Path(__file__).resolve().parents[2]
AGENTES = 20_000  # × 12 months = 240,000 rows; written in batches of 20,000
PAUSA_EN = 100_000  # the child stops, transaction open, once this many rows were written

IMPORTAR = """
import sys
from app.models.bd import crear_motor, fabrica_sesiones
from app.services import importacion
from app.services.nucleo import Actor, Contexto

ctx = Contexto(fabrica_sesiones(crear_motor(sys.argv[1])), Actor("olga", "operador", usuario_so="pruebas"))
pausa = int(sys.argv[3])

def progreso(hechos, total, texto):
    if texto.startswith("Guardando"):
        print("guardando", hechos, total, flush=True)
        if hechos >= pausa:
            sys.stdin.readline()  # holds the open transaction until the parent kills this process

print("inicio", flush=True)
resumen = importacion.importar_remuneraciones(ctx, sys.argv[2], progreso=progreso)
print("fin", resumen.insertadas, flush=True)
"""

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL no existe en Windows")


def _preparar(tmp_path: Path) -> tuple[str, Path, Path]:
    ruta = tmp_path / "liquidador.db"
    url = f"sqlite+pysqlite:///{ruta}"
    motor = crear_motor(url)
    migrar.actualizar(motor)
    with motor.begin() as c:
        org = c.execute(insert(Organismo).values(codigo="MS", nombre="Ministerio de Salud")
                        .returning(Organismo.id)).scalar_one()
        c.execute(insert(Agente.__table__), [
            {"cuil": cuil(30_000_000 + i).replace("-", ""), "apellido_nombre": f"AGENTE {i}",
             "busqueda": normalizar_busqueda(f"AGENTE {i}"), "fecha_nacimiento": date(1980, 1, 1),
             "organismo_id": org, "version": 1, "modificado_en": datetime(2024, 1, 1)} for i in range(AGENTES)])
    motor.dispose()
    archivo = tmp_path / "haberes.csv"
    with open(archivo, "w", encoding="utf-8") as f:
        f.write("Historial de haberes;;\nCUIL;Período;Remuneración;SAC\n")
        for i in range(AGENTES):
            c = cuil(30_000_000 + i)
            f.writelines(f"{c};{m:02d}/2023;{100_000 + i},{m:02d};0\n" for m in range(1, 13))
    return url, ruta, archivo


def _proceso(url: str, archivo: Path, pausa: int, tmp_path: Path) -> subprocess.Popen:
    entorno = dict(os.environ, LIQUIDADOR_DATA_DIR=str(tmp_path / "datos_usuario"), PYTHONPATH=str(RAIZ))
    return subprocess.Popen([sys.executable, "-c", IMPORTAR, url, str(archivo), str(pausa)], cwd=RAIZ, env=entorno,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _estado(url: str) -> tuple[str, dict[str, int]]:
    motor = crear_motor(url)
    try:
        with motor.connect() as c:
            return c.execute(text("PRAGMA integrity_check")).scalar(), {
                t: c.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                for t in ("agente", "remuneracion", "auditoria")}
    finally:
        motor.dispose()


def test_sigkill_a_mitad_de_la_importacion_no_deja_nada_y_luego_se_completa(tmp_path):
    url, ruta, archivo = _preparar(tmp_path)
    wal = Path(f"{ruta}-wal")
    tamanio_inicial = wal.stat().st_size if wal.exists() else 0

    proceso = _proceso(url, archivo, PAUSA_EN, tmp_path)
    limite = time.monotonic() + 120
    assert _leer_linea(proceso, limite) == "inicio"
    while True:
        linea = _leer_linea(proceso, limite)
        assert linea.startswith("guardando"), linea
        if int(linea.split()[1]) >= PAUSA_EN:
            break
    assert linea == f"guardando {PAUSA_EN} {AGENTES * 12}"
    assert wal.stat().st_size > tamanio_inicial + 1_000_000  # part of the uncommitted rows is on disk
    proceso.send_signal(signal.SIGKILL)
    assert proceso.wait(timeout=10) == -signal.SIGKILL
    for flujo in (proceso.stdin, proceso.stdout, proceso.stderr):
        flujo.close()

    integridad, cuentas = _estado(url)
    assert integridad == "ok"
    assert cuentas == {"agente": AGENTES, "remuneracion": 0, "auditoria": 0}

    proceso = _proceso(url, archivo, AGENTES * 12 + 1, tmp_path)
    salida, errores = proceso.communicate(timeout=120)
    assert proceso.returncode == 0, errores
    assert salida.strip().splitlines()[-1] == f"fin {AGENTES * 12}"
    integridad, cuentas = _estado(url)
    assert integridad == "ok"
    assert cuentas == {"agente": AGENTES, "remuneracion": AGENTES * 12, "auditoria": 1}
