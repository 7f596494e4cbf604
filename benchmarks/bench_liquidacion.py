"""Velocidad del motor de liquidación (un núcleo).

Caso: fallecimiento con PMI 15/06/2024, liquidación 20/02/2025 (intereses sobre 250 días de tasas
diarias), remuneraciones 2023-06 … 2024-05 y 4 derechohabientes (cónyuge y 3 hijos, uno excluido por
edad). El caso se valida una vez con `caso_desde_dict` y los parámetros incluidos se cargan una vez;
se mide `liquidar(caso, parametros)` y, aparte, `resultado_a_dict(liquidar(...))`.

Uso: .venv/bin/python benchmarks/bench_liquidacion.py [--iteraciones N] [--corridas K] [--perfil]
Objetivo: ≥ 5.000 liquidaciones por segundo (se informa para `liquidar` y para el camino completo).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))

from app import config  # noqa: E402
from app.liquidacion import caso_desde_dict, cargar_parametros, liquidar, resultado_a_dict  # noqa: E402

OBJETIVO_POR_SEGUNDO = 5000

CASO = {
    "tipo": "muerte",
    "fecha_pmi": "2024-06-15",
    "fecha_nacimiento": "1980-03-10",
    "fecha_liquidacion": "2025-02-20",
    "in_itinere": False,
    "remuneraciones": [
        {"periodo": f"{anio}-{mes:02d}", "remuneracion": f"{450000 + 25000 * k}.00",
         **({"sac": f"{(450000 + 25000 * k) // 2}.00"} if mes in (6, 12) else {})}
        for k, (anio, mes) in enumerate(
            [(2023, m) for m in range(6, 13)] + [(2024, m) for m in range(1, 6)]
        )
    ],
    "derechohabientes": [
        {"id": "conyuge", "parentesco": "conyuge", "fecha_nacimiento": "1982-07-01"},
        {"id": "hijo1", "parentesco": "hijo", "fecha_nacimiento": "2008-02-14"},
        {"id": "hijo2", "parentesco": "hijo", "fecha_nacimiento": "2012-09-30"},
        {"id": "hijo3", "parentesco": "hijo", "fecha_nacimiento": "1997-05-05"},  # 27 años: excluido
    ],
}


def medir(funcion, iteraciones: int, corridas: int) -> list[float]:
    """Segundos de cada corrida de `iteraciones` llamadas (GC desactivado durante la medición)."""
    tiempos = []
    gc_activo = gc.isenabled()
    gc.disable()
    try:
        for _ in range(corridas):
            t0 = time.perf_counter()
            for _ in range(iteraciones):
                funcion()
            tiempos.append(time.perf_counter() - t0)
    finally:
        if gc_activo:
            gc.enable()
    return tiempos


def informe(nombre: str, tiempos: list[float], iteraciones: int) -> float:
    por_segundo = [iteraciones / t for t in tiempos]
    mediana = statistics.median(por_segundo)
    mejor = max(por_segundo)
    print(f"{nombre}")
    print(f"  corridas: {len(tiempos)} × {iteraciones:,} iteraciones".replace(",", "."))
    print(f"  mediana : {mediana:>10,.0f} liquidaciones/s  ({1e6 / mediana:8.1f} µs cada una)".replace(",", "."))
    print(f"  mejor   : {mejor:>10,.0f} liquidaciones/s  ({1e6 / mejor:8.1f} µs cada una)".replace(",", "."))
    return mediana


def perfil(funcion, iteraciones: int, limite: int = 20) -> None:
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(iteraciones):
        funcion()
    prof.disable()
    salida = io.StringIO()
    stats = pstats.Stats(prof, stream=salida).strip_dirs().sort_stats("tottime")
    stats.print_stats(limite)
    print(f"Perfil (cProfile, {iteraciones} liquidaciones, ordenado por tiempo propio):")
    print(salida.getvalue())


def main() -> int:
    ap = argparse.ArgumentParser(description="Benchmark del motor de liquidación")
    ap.add_argument("--iteraciones", type=int, default=2000, help="liquidaciones por corrida")
    ap.add_argument("--corridas", type=int, default=5)
    ap.add_argument("--perfil", action="store_true", help="perfilar aunque se cumpla el objetivo")
    args = ap.parse_args()

    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # un solo núcleo
        except OSError:
            pass

    caso, avisos = caso_desde_dict(CASO)
    assert not avisos, avisos
    parametros = cargar_parametros(config.parametros_dir())

    # Control del caso: falla si el motor deja de calcular lo que este benchmark supone.
    r = liquidar(caso, parametros)
    assert r.interes is not None and r.interes.dias == 250, r.interes
    assert r.ingreso_base.meses_con_remuneracion == 12
    assert sum(1 for p in r.reparto if p.excluido) == 1 and len(r.reparto) == 4
    assert r.total > 0

    def solo_liquidar():
        liquidar(caso, parametros)

    def con_salida():
        resultado_a_dict(liquidar(caso, parametros))

    print("Benchmark del motor de liquidación")
    print(f"  Python {sys.version.split()[0]}, un núcleo, caso: muerte, 12 meses, 4 derechohabientes, "
          f"{r.interes.dias} días de intereses")
    print(f"  total liquidado: {r.total} (VIB {r.vib}, intereses {r.intereses})")
    print()

    # Calentamiento: cachés de Decimal, bisect, importaciones perezosas.
    medir(solo_liquidar, max(args.iteraciones // 10, 50), 1)
    medir(con_salida, max(args.iteraciones // 10, 50), 1)

    mediana_motor = informe("liquidar(caso, parametros)",
                            medir(solo_liquidar, args.iteraciones, args.corridas), args.iteraciones)
    print()
    mediana_completa = informe("resultado_a_dict(liquidar(caso, parametros))  [camino completo]",
                               medir(con_salida, args.iteraciones, args.corridas), args.iteraciones)
    print()
    objetivo = f"{OBJETIVO_POR_SEGUNDO:,}".replace(",", ".")
    pendientes = []
    for nombre, mediana, funcion in (("liquidar", mediana_motor, solo_liquidar),
                                     ("camino completo", mediana_completa, con_salida)):
        cumple = mediana >= OBJETIVO_POR_SEGUNDO
        print(f"Objetivo ≥ {objetivo} liquidaciones/s, {nombre} (mediana): "
              f"{'CUMPLIDO' if cumple else 'NO CUMPLIDO'}")
        if not cumple or args.perfil:
            pendientes.append((nombre, funcion))

    for nombre, funcion in pendientes:
        print()
        print(f"== {nombre}")
        perfil(funcion, min(args.iteraciones, 1000))
    return 0


if __name__ == "__main__":
    sys.exit(main())
