"""Importación de remuneraciones desde Excel: 100.000 agentes × 12 meses (1,2 millones de filas).

Mide, sobre una base SQLite con esos 100.000 agentes (sin remuneraciones):
1. lectura «pelada» del archivo con python-calamine (abrir la hoja y recorrer todas las filas);
2. la importación sola: importar_remuneraciones (lectura, validación, verificación contra la
   base y escritura en UNA transacción);
3. previsualizar_remuneraciones + importar_remuneraciones(previa=…), como lo hacen la pantalla y
   `python -m app importar` (el archivo se lee una vez; la base se verifica dos);
4. la razón de cada una con la lectura pelada (objetivo ≤ 1,5);
5. la memoria pico del proceso (ru_maxrss) después de cada etapa.

El archivo .xlsx (escrito con openpyxl en modo write_only, con un bloque de título encima del
encabezado) y la base se generan una vez y se guardan en /tmp/bench_importacion/ (o --carpeta); la
base se copia antes de cada importación, así la original queda sin remuneraciones.

Uso: .venv/bin/python benchmarks/bench_importacion.py [--agentes 100000] [--carpeta DIR] [--solo-generar]
La máquina es compartida y lenta: compare opciones, no tome los tiempos como absolutos.
"""

from __future__ import annotations

import argparse
import gc
import resource
import shutil
import sys
import time
from datetime import date, datetime
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))

from sqlalchemy import func, insert, select  # noqa: E402
from stdnum.ar import cuit  # noqa: E402

from app.models import Agente, Organismo, Remuneracion, migrar, normalizar_busqueda  # noqa: E402
from app.models.bd import crear_motor, fabrica_sesiones  # noqa: E402

OBJETIVO = 1.5
MESES = 12
PRIMER_PERIODO = (2023, 1)


def miles(n: float, decimales: int = 0) -> str:
    return f"{n:,.{decimales}f}".replace(",", "X").replace(".", ",").replace("X", ".")


def mb_pico() -> str:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return f"{miles(kb / 1024, 0)} MB"


def cuil_de(i: int) -> str:
    base = f"20{30_000_000 + i:08d}"
    return base + cuit.calc_check_digit(base)


def _periodos() -> list[tuple[int, int]]:
    anio, mes = PRIMER_PERIODO
    salida = []
    for k in range(MESES):
        indice = anio * 12 + mes - 1 + k
        salida.append((indice // 12, indice % 12 + 1))
    return salida


def generar_archivo(ruta: Path, agentes: int) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    libro = Workbook(write_only=True)
    hoja = libro.create_sheet("Haberes")
    hoja.append(["Organismo de prueba — historial de haberes"])
    hoja.append([f"Generado el {datetime.now():%d/%m/%Y} para el benchmark de importación"])
    hoja.append([])
    hoja.append(["CUIL", "Apellido y Nombre", "Período", "Remuneración", "SAC"])
    periodos = [datetime(a, m, 1) for a, m in _periodos()]
    t0 = time.perf_counter()
    for i in range(agentes):
        c = cuil_de(i)
        texto_cuil = f"{c[:2]}-{c[2:10]}-{c[10]}"
        nombre = f"AGENTE {i:06d}, PRUEBA"
        base = 300_000 + (i % 997) * 250 + (i % 7) * 0.25
        for k, p in enumerate(periodos):
            celda = WriteOnlyCell(hoja, value=p)
            celda.number_format = "mm-yyyy"
            remuneracion = round(base + k * 1_000.5, 2)
            sac = round(remuneracion / 2, 2) if p.month in (6, 12) else 0
            hoja.append([texto_cuil, nombre, celda, remuneracion, sac])
        if (i + 1) % 10_000 == 0:
            print(f"    … {miles(i + 1)} de {miles(agentes)} agentes escritos "
                  f"({miles(time.perf_counter() - t0, 0)} s)", flush=True)
    temporal = ruta.with_suffix(".tmp")
    libro.save(temporal)
    temporal.rename(ruta)


def generar_base(ruta: Path, agentes: int) -> None:
    temporal = ruta.with_suffix(".tmp")
    temporal.unlink(missing_ok=True)
    motor = crear_motor(f"sqlite+pysqlite:///{temporal}")
    migrar.actualizar(motor)
    with motor.begin() as c:
        organismo = c.execute(insert(Organismo).values(codigo="BENCH", nombre="Organismo de prueba")
                              .returning(Organismo.id)).scalar_one()
        ahora = datetime(2024, 1, 1)
        lote = []
        for i in range(agentes):
            nombre = f"AGENTE {i:06d}, PRUEBA"
            lote.append({"cuil": cuil_de(i), "apellido_nombre": nombre, "busqueda": normalizar_busqueda(nombre),
                         "fecha_nacimiento": date(1970 + i % 30, 1 + i % 12, 1 + i % 28),
                         "organismo_id": organismo, "version": 1, "modificado_por": "bench",
                         "modificado_en": ahora})
            if len(lote) == 10_000:
                c.execute(insert(Agente.__table__), lote)
                lote = []
        if lote:
            c.execute(insert(Agente.__table__), lote)
    motor.dispose()
    for sufijo in ("-wal", "-shm"):
        Path(f"{temporal}{sufijo}").unlink(missing_ok=True)
    temporal.rename(ruta)


def preparar(carpeta: Path, agentes: int) -> tuple[Path, Path]:
    carpeta.mkdir(parents=True, exist_ok=True)
    archivo = carpeta / f"remuneraciones_{agentes}.xlsx"
    base = carpeta / f"agentes_{agentes}.db"
    if not archivo.exists():
        print(f"Generando {archivo} ({miles(agentes * MESES)} filas; se hace una sola vez)…", flush=True)
        t0 = time.perf_counter()
        generar_archivo(archivo, agentes)
        print(f"  listo en {miles(time.perf_counter() - t0, 0)} s", flush=True)
    if not base.exists():
        print(f"Generando la base {base} con {miles(agentes)} agentes…", flush=True)
        generar_base(base, agentes)
    return archivo, base


def lectura_pelada(archivo: Path) -> tuple[float, int]:
    from python_calamine import CalamineWorkbook

    t0 = time.perf_counter()
    libro = CalamineWorkbook.from_path(str(archivo))
    hoja = libro.get_sheet_by_index(0)
    filas = 0
    for _ in hoja.iter_rows():
        filas += 1
    return time.perf_counter() - t0, filas


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--agentes", type=int, default=100_000)
    p.add_argument("--carpeta", type=Path, default=Path("/tmp/bench_importacion"))
    p.add_argument("--solo-generar", action="store_true", help="solo genera el archivo y la base")
    args = p.parse_args(argv)
    archivo, base = preparar(args.carpeta, args.agentes)
    if args.solo_generar:
        return 0

    print(f"Archivo: {archivo.name} ({miles(archivo.stat().st_size / 1_048_576, 1)} MB), "
          f"{miles(args.agentes)} agentes × {MESES} meses")
    print(f"Memoria pico al empezar: {mb_pico()}")

    segundos_lectura, filas = lectura_pelada(archivo)
    gc.collect()
    pico_lectura = mb_pico()
    print(f"1. Lectura pelada con calamine: {miles(segundos_lectura, 1)} s ({miles(filas)} filas); "
          f"memoria pico {pico_lectura}")

    t_sola, n_sola = importar(args.carpeta, base, archivo, solo=True)
    print(f"2. Importación sola (importar_remuneraciones, lee el archivo una vez): {miles(t_sola, 1)} s — "
          f"{miles(n_sola)} filas en la base; memoria pico {mb_pico()}")
    (t_previa, t_importar), n = importar(args.carpeta, base, archivo, solo=False)
    print(f"3. Previsualización {miles(t_previa, 1)} s + importación con esa previsualización "
          f"{miles(t_importar, 1)} s = {miles(t_previa + t_importar, 1)} s — {miles(n)} filas; memoria pico {mb_pico()}")
    print(f"4. Razón con la lectura pelada (objetivo ≤ {miles(OBJETIVO, 1)}): importación sola "
          f"{miles(t_sola / segundos_lectura, 2)}; previsualización + importación "
          f"{miles((t_previa + t_importar) / segundos_lectura, 2)}")
    print(f"5. Memoria pico del proceso: {mb_pico()} (la lectura pelada sola: {pico_lectura})")
    return 0 if n == n_sola == args.agentes * MESES else 1


def importar(carpeta: Path, base: Path, archivo: Path, solo: bool):
    """Import into a fresh copy of the agents-only store; returns the time(s) and the rows stored."""
    from app.services import importacion
    from app.services.nucleo import Actor, Contexto

    copia = carpeta / "importacion.db"
    for sufijo in ("", "-wal", "-shm"):
        Path(f"{copia}{sufijo}").unlink(missing_ok=True)
    shutil.copyfile(base, copia)
    motor = crear_motor(f"sqlite+pysqlite:///{copia}")
    ctx = Contexto(fabrica_sesiones(motor), Actor("bench", "operador", usuario_so="bench"))
    try:
        gc.collect()
        t0 = time.perf_counter()
        if solo:
            importacion.importar_remuneraciones(ctx, archivo)
            tiempos = time.perf_counter() - t0
        else:
            vista = importacion.previsualizar_remuneraciones(ctx, archivo)
            t1 = time.perf_counter()
            assert not vista.hay_errores and len(vista.filas) == vista.filas_leidas, vista.problemas[:3]
            importacion.importar_remuneraciones(ctx, archivo, previa=vista)
            tiempos = (t1 - t0, time.perf_counter() - t1)
            del vista
        with ctx.fabrica() as s:
            guardadas = s.scalar(select(func.count()).select_from(Remuneracion))
    finally:
        motor.dispose()
        for sufijo in ("", "-wal", "-shm"):
            Path(f"{copia}{sufijo}").unlink(missing_ok=True)
    gc.collect()
    return tiempos, guardadas


if __name__ == "__main__":
    sys.exit(main())
