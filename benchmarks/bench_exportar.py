"""Excel export of the Administración grid over a big store: time and peak memory.

    python benchmarks/bench_exportar.py [--base RUTA.db] [--agentes 100000] [--semilla 1]

The store (SQLite) is the one of benchmarks/bench_grilla.py (made once with `generar_demo`, ~60 s
for 100k agentes, reused when `--base` exists). Each measurement runs in a fresh process, so its
peak resident memory (ru_maxrss) is its own:
- leer: the export's rows (siniestros + accredited DH, all of them, in the grid's order) read from
  the store and formed, without writing (the database side of the cost);
- exportar: the whole `exportar_administracion` with no filter (every siniestro) and with
  «MORTALES», to a temporary .xlsx: seconds, rows, file size, peak memory; the memory once the
  program is loaded is given too, so what the export itself adds is visible and can be compared
  between the big and the small export (bounded memory: it should not grow with the rows).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))


def _mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _contexto(ruta: Path):
    from app.models.bd import crear_motor, fabrica_sesiones
    from app.services.nucleo import Actor, Contexto

    motor = crear_motor(f"sqlite:///{ruta}")
    return Contexto(fabrica_sesiones(motor), Actor("bench", "operador"))


def medir(ruta: Path, modo: str, filtros: dict) -> dict:
    """Child process: one measurement, printed as JSON."""
    from app.services import exportar

    ctx = _contexto(ruta)
    base = _mib()
    t = time.perf_counter()
    if modo == "leer":
        with ctx.lectura() as sesion:
            _, consulta = exportar._consulta(sesion, filtros)
            cuenta = exportar._Cuenta()
            filas = sum(1 for _ in exportar._filas(sesion, consulta, cuenta, exportar.BLOQUE))
        resultado = {"filas": filas, "siniestros": cuenta.siniestros}
    else:
        with tempfile.TemporaryDirectory() as carpeta:
            destino = Path(carpeta) / "administracion.xlsx"
            r = exportar.exportar_administracion(ctx, filtros, destino)
            resultado = {"filas": r.filas, "siniestros": r.siniestros, "bytes": destino.stat().st_size}
    resultado.update(segundos=time.perf_counter() - t, base_mib=base, pico_mib=_mib())
    return resultado


def _en_proceso(ruta: Path, modo: str, filtros: dict) -> dict:
    salida = subprocess.run([sys.executable, __file__, "--base", str(ruta), "--_modo", modo,
                             "--_filtros", json.dumps(filtros)], capture_output=True, text=True, check=True,
                            cwd=RAIZ, env={**os.environ, "PYTHONHASHSEED": "0"})
    return json.loads(salida.stdout.strip().splitlines()[-1])


def _n(x: int) -> str:
    return f"{x:,}".replace(",", ".")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--base", type=Path, default=Path(tempfile.gettempdir()) / "liquidador_bench_grilla.db")
    p.add_argument("--agentes", type=int, default=100_000)
    p.add_argument("--semilla", type=int, default=1)
    p.add_argument("--repeticiones", type=int, default=2)
    p.add_argument("--_modo", default="", help=argparse.SUPPRESS)
    p.add_argument("--_filtros", default="{}", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args._modo:
        print(json.dumps(medir(args.base, args._modo, json.loads(args._filtros))))
        return 0
    from benchmarks.bench_grilla import preparar

    preparar(args.base, args.agentes, args.semilla)
    casos = (("leer, todos", "leer", {}), ("exportar, todos", "exportar", {}),
             ("exportar, MORTALES", "exportar", {"solo_mortales": True}),
             ("exportar, apellido «g»", "exportar", {"apellido": "g"}))
    for nombre, modo, filtros in casos:
        for _ in range(args.repeticiones):
            r = _en_proceso(args.base, modo, filtros)
            tamanio = f", {r['bytes'] / 2**20:.1f} MiB" if "bytes" in r else ""
            print(f"{nombre:<24} {_n(r['siniestros']):>7} siniestros, {_n(r['filas']):>7} filas{tamanio}: "
                  f"{r['segundos']:6.2f} s ({_n(round(r['filas'] / r['segundos']))} filas/s); memoria: "
                  f"{r['base_mib']:.0f} MiB cargado el programa, pico {r['pico_mib']:.0f} MiB "
                  f"(+{r['pico_mib'] - r['base_mib']:.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
