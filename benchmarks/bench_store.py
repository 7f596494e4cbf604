"""Velocidad y tamaño del almacén: `demo --agentes N` y la grilla de Administración.

Mide, en SQLite (siempre) y en PostgreSQL (si se da --pg URL o está LIQUIDADOR_TEST_PG_URL):
1. generar_demo(N agentes) en UNA transacción: tiempo, filas por segundo y tamaño de la base;
2. buscar_siniestros(): mediana y p95 de la primera página (200 filas) con un prefijo de apellido de
   1 a 3 letras (lo que el usuario va tecleando), más otros filtros y contar_siniestros(), como
   referencia. Objetivo de la grilla: ≤ 20 ms (mediana) con 100.000 siniestros.

Uso: .venv/bin/python benchmarks/bench_store.py [--agentes 100000] [--repeticiones 30]
        [--pg postgresql+psycopg://…] [--solo-sqlite] [--conservar CARPETA]
La base de PostgreSQL se crea con un nombre único en ese servidor y se borra al terminar.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from app.models import migrar  # noqa: E402
from app.models.bd import crear_motor, fabrica_sesiones  # noqa: E402
from app.services.consultas import buscar_siniestros, contar_siniestros  # noqa: E402
from app.services.demo import generar_demo  # noqa: E402

OBJETIVO_MS = 20.0
PREFIJOS = ("G", "GO", "GON", "M", "MA", "MAR", "P", "PE", "PEÑ", "R", "RO", "ROD", "S", "SO", "SOS",
            "N", "NÚ", "NÚÑ", "C", "CA", "CAB", "D", "DE", "DEL")


def miles(n: float, decimales: int = 0) -> str:
    return f"{n:,.{decimales}f}".replace(",", "X").replace(".", ",").replace("X", ".")


def mb(nbytes: int) -> str:
    return f"{miles(nbytes / 1_048_576, 1)} MB"


def percentil(valores: list[float], p: float) -> float:
    ordenados = sorted(valores)
    return ordenados[min(len(ordenados) - 1, round(p / 100 * (len(ordenados) - 1)))]


def generar(motor, agentes: int) -> tuple[dict, float]:
    ultimo = [time.perf_counter()]
    inicio = ultimo[0]

    def avance(hechos, total):
        ahora = time.perf_counter()
        if ahora - ultimo[0] >= 5 or hechos == total:
            print(f"    … {miles(hechos)} de {miles(total)} agentes ({miles(ahora - inicio, 1)} s)", flush=True)
            ultimo[0] = ahora

    t0 = time.perf_counter()
    resumen = generar_demo(motor, agentes, semilla=1, progreso=avance)
    return resumen, time.perf_counter() - t0


def medir(sesion, repeticiones: int, **filtros) -> list[float]:
    buscar_siniestros(sesion, **filtros)  # warm-up (plans, caches)
    tiempos = []
    for _ in range(repeticiones):
        t0 = time.perf_counter()
        buscar_siniestros(sesion, **filtros)
        tiempos.append((time.perf_counter() - t0) * 1000)
    return tiempos


def informe_consultas(motor, repeticiones: int) -> bool:
    fabrica = fabrica_sesiones(motor)
    with fabrica() as s:
        total = contar_siniestros(s)
        print(f"  Grilla de Administración ({miles(total)} siniestros; primera página de 200; {repeticiones} "
              f"repeticiones por caso)")
        por_prefijo = []
        filas_por_prefijo = []
        for p in PREFIJOS:
            por_prefijo.extend(medir(s, repeticiones, apellido=p))
            filas_por_prefijo.append(len(buscar_siniestros(s, apellido=p)))
        mediana, p95 = statistics.median(por_prefijo), percentil(por_prefijo, 95)
        cumple = mediana <= OBJETIVO_MS
        print(f"    Apellido, prefijo de 1 a 3 letras ({len(PREFIJOS)} prefijos, "
              f"{min(filas_por_prefijo)}–{max(filas_por_prefijo)} filas): mediana {miles(mediana, 2)} ms, "
              f"p95 {miles(p95, 2)} ms  → objetivo ≤ {miles(OBJETIVO_MS)} ms: {'CUMPLE' if cumple else 'NO CUMPLE'}")
        for longitud in (1, 2, 3):
            tiempos = [t for i, p in enumerate(PREFIJOS) if len(p) == longitud
                       for t in por_prefijo[i * repeticiones:(i + 1) * repeticiones]]
            print(f"      {longitud} letra{'s' if longitud > 1 else ''}: mediana {miles(statistics.median(tiempos), 2)} ms, "
                  f"p95 {miles(percentil(tiempos, 95), 2)} ms")
        organismo = s.execute(text("SELECT organismo_id FROM agente GROUP BY organismo_id "
                                   "ORDER BY count(*) DESC LIMIT 1")).scalar()
        cuil = s.execute(text("SELECT cuil FROM agente ORDER BY id LIMIT 1")).scalar()
        casos = [
            ("Sin filtros", {}),
            ("Solo mortales", {"solo_mortales": True}),
            ("Organismo más grande", {"organismo_id": organismo}),
            ("Organismo + apellido «MA»", {"organismo_id": organismo, "apellido": "MA"}),
            ("CUIL con guiones, 5 dígitos", {"cuil": f"{cuil[:2]}-{cuil[2:5]}"}),
            ("CUIL completo", {"cuil": cuil}),
            ("Apellido y nombre «gonzalez maria»", {"apellido": "gonzalez maria"}),
            ("Página 50 sin filtros (desplazamiento 10.000)", {"desplazamiento": 10_000}),
        ]
        for nombre, filtros in casos:
            tiempos = medir(s, repeticiones, **filtros)
            print(f"    {nombre}: mediana {miles(statistics.median(tiempos), 2)} ms, p95 {miles(percentil(tiempos, 95), 2)} ms")
        for nombre, filtros in (("sin filtros", {}), ("apellido «MA»", {"apellido": "MA"}),
                                ("solo mortales", {"solo_mortales": True})):
            contar_siniestros(s, **filtros)
            tiempos = []
            for _ in range(repeticiones):
                t0 = time.perf_counter()
                contar_siniestros(s, **filtros)
                tiempos.append((time.perf_counter() - t0) * 1000)
            print(f"    Contar {nombre}: mediana {miles(statistics.median(tiempos), 2)} ms")
    return cumple


def resumen_filas(resumen: dict, segundos: float) -> None:
    filas = sum(v for k, v in resumen.items() if k not in ("organismos", "liquidaciones_aproximadas"))
    detalle = ", ".join(f"{k} {miles(v)}" for k, v in resumen.items() if k != "liquidaciones_aproximadas")
    print(f"  Generación: {miles(segundos, 1)} s en una transacción ({miles(filas)} filas, "
          f"{miles(filas / segundos)} filas/s)")
    print(f"    {detalle}")


def sqlite(agentes: int, repeticiones: int, conservar: Path | None) -> bool:
    carpeta = Path(conservar) if conservar else Path(tempfile.mkdtemp(prefix="bench_store_"))
    carpeta.mkdir(parents=True, exist_ok=True)
    ruta = carpeta / "liquidador.db"
    for resto in (ruta, Path(f"{ruta}-wal"), Path(f"{ruta}-shm")):
        resto.unlink(missing_ok=True)
    print(f"SQLite ({ruta})")
    motor = crear_motor(f"sqlite+pysqlite:///{ruta}")
    try:
        migrar.actualizar(motor)
        resumen, segundos = generar(motor, agentes)
        resumen_filas(resumen, segundos)
        with motor.connect() as c:
            c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        print(f"  Tamaño de la base: {mb(ruta.stat().st_size)} "
              f"({miles(ruta.stat().st_size / agentes / 1024, 1)} KB por agente)")
        return informe_consultas(motor, repeticiones)
    finally:
        motor.dispose()
        if not conservar:
            shutil.rmtree(carpeta, ignore_errors=True)


def postgresql(url_servidor: str, agentes: int, repeticiones: int) -> bool:
    nombre = f"bench_store_{uuid.uuid4().hex[:10]}"
    mantenimiento = create_engine(make_url(url_servidor).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with mantenimiento.connect() as c:
        c.execute(text(f"CREATE DATABASE {nombre} TEMPLATE template0 ENCODING 'UTF8'"))
    url = make_url(url_servidor).set(database=nombre)
    print(f"PostgreSQL (base temporal {nombre})")
    motor = crear_motor(url.render_as_string(hide_password=False))
    try:
        migrar.actualizar(motor)
        resumen, segundos = generar(motor, agentes)
        resumen_filas(resumen, segundos)
        with motor.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            t0 = time.perf_counter()
            c.execute(text("VACUUM ANALYZE"))
            print(f"  VACUUM ANALYZE tras la carga: {miles(time.perf_counter() - t0, 1)} s "
                  "(autovacuum lo haría solo al rato)")
            tamanio = c.execute(text("SELECT pg_database_size(current_database())")).scalar()
        print(f"  Tamaño de la base: {mb(tamanio)} ({miles(tamanio / agentes / 1024, 1)} KB por agente)")
        return informe_consultas(motor, repeticiones)
    finally:
        motor.dispose()
        with mantenimiento.connect() as c:
            c.execute(text(f"DROP DATABASE IF EXISTS {nombre} WITH (FORCE)"))
        mantenimiento.dispose()


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--agentes", type=int, default=100_000)
    p.add_argument("--repeticiones", type=int, default=30)
    p.add_argument("--pg", default=os.environ.get("LIQUIDADOR_TEST_PG_URL", ""),
                   help="URL de un servidor PostgreSQL (por defecto LIQUIDADOR_TEST_PG_URL)")
    p.add_argument("--solo-sqlite", action="store_true")
    p.add_argument("--conservar", type=Path, help="carpeta donde dejar la base SQLite generada")
    args = p.parse_args(argv)
    print(f"Almacén con {miles(args.agentes)} agentes (un siniestro cada uno), semilla 1\n")
    resultados = [sqlite(args.agentes, args.repeticiones, args.conservar)]
    if args.pg and not args.solo_sqlite:
        print()
        resultados.append(postgresql(args.pg, args.agentes, args.repeticiones))
    elif not args.solo_sqlite:
        print("\nPostgreSQL: omitido (sin --pg ni LIQUIDADOR_TEST_PG_URL)")
    return 0 if all(resultados) else 1


if __name__ == "__main__":
    sys.exit(main())
