"""Velocidad de la Propuesta de Convenio en PDF (un núcleo).

Caso típico: fallecimiento (Ley 27.348) con 3 derechohabientes, todos los datos completos, A4.
Se mide: la primera (en frío: lee las fuentes), la mediana y el percentil 90 de 200 convenios, un lote
de 1.000 convenios distintos (1 a 6 DH, número de siniestro distinto cada uno), un convenio de 30 DH
y, para comparar, el camino sin fuentes compartidas (`add_font` en cada documento).

Uso: .venv/bin/python benchmarks/bench_convenio.py [--repeticiones N] [--lote N] [--perfil]
Objetivo: ≤ 40 ms por convenio.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))

from app.reports import fuentes  # noqa: E402
from app.reports.convenio import propuesta_convenio  # noqa: E402
from app.reports.datos import (  # noqa: E402
    Accidentado,
    Beneficiario,
    Calculo,
    DatosConvenio,
    Letrado,
    Representante,
)

OBJETIVO_MS = 40.0
D = Decimal
TOTAL = D("6907911.80")

CALCULO = Calculo(
    regimen="Ley 27.348", version=3, fecha_liquidacion=date(2019, 6, 27), vib=D("44114.24"),
    vib_con_interes=D("52008.06"), dias_interes=51, factor_capitalizacion=D("1.178958"),
    formula_texto="53 × 52.008,06 × 65 / 40 = 4.479.194,17", formula_importe=D("4479194.17"),
    piso_minimo=D("2859868.00"), aplica_piso=False, pago_unico=D("4479194.17"), capu=D("1277399.00"),
    iapu=D("1151318.63"), pago_mensual=D("0.00"), total=TOTAL, norma_montos="Res. SRT 20/2019",
    semestre_montos="01/03/2019 – 31/08/2019",
)


def beneficiarios(n: int) -> tuple[Beneficiario, ...]:
    """`n` DH in equal shares of TOTAL (the remaining cents to the first ones)."""
    base, resto = divmod(int(TOTAL * 100), n)
    return tuple(
        Beneficiario(grupo=1, apellido_nombre=f"Pérez Núñez, María José {i + 1}", cuil="27234567891",
                     dni="23456789", fecha_nacimiento=date(1980, 1, 1 + i), parentesco="hijo/a" if i else "cónyuge",
                     porcentaje=(D(100) / n).quantize(D("0.0001")),
                     importe=(D(base + (i < resto)) / 100).quantize(D("0.01")),
                     cbu="2850590940090418135201" if i % 2 == 0 else None, numero_cuenta="CA 4009-041813/5")
        for i in range(n))


def datos(n_dh: int = 3, siniestro: str = "S-2019-0457") -> DatosConvenio:
    return DatosConvenio(
        accidentado=Accidentado(
            apellido_nombre="Pérez Núñez, Juan", siniestro=siniestro, cuil="20123456786",
            fecha_nacimiento=date(1978, 5, 3), domicilio="Calle 7 N° 1234, 2º «B»", localidad="La Plata",
            empleador="Ministerio de Salud", cuit_empleador="30999999995", fecha_accidente=date(2019, 5, 7),
            tipo_accidente="Accidente de trabajo"),
        calculo=CALCULO, beneficiarios=beneficiarios(n_dh), domicilio_legal="Av. 51 N° 890, La Plata",
        opcion_comision="Comisión Médica N° 11 — La Plata",
        letrado=Letrado(apellido_nombre="Fernández, Raúl", matricula="T° XLII F° 123", cuit="20222222223",
                        localidad="La Plata", domicilio="Calle 48 N° 567", telefono="(0221) 429-4277",
                        email="rfernandez@estudio.com.ar", dni="22222222"),
        lugar="La Plata", fecha=date(2019, 7, 15),
        representante=Representante(apellido_nombre="Sosa, Carmen", dni="17777777", cargo="Directora"),
        fecha_pre_acuerdo=date(2019, 7, 10))


def cronometrar(lista, **opciones) -> tuple[list[float], list[float]]:
    """Milliseconds of each `propuesta_convenio(d)`: wall clock and CPU of this process (the
    machine is shared: CPU time is what one convenio costs, wall time what it took under load).
    GC off while measuring."""
    reloj, cpu = [], []
    gc.disable()
    try:
        for d in lista:
            t, c = time.perf_counter(), time.process_time()
            propuesta_convenio(d, **opciones)
            cpu.append((time.process_time() - c) * 1000)
            reloj.append((time.perf_counter() - t) * 1000)
    finally:
        gc.enable()
    return reloj, cpu


def percentil(valores: list[float], p: float) -> float:
    ordenados = sorted(valores)
    return ordenados[min(len(ordenados) - 1, int(round(p * (len(ordenados) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeticiones", type=int, default=200)
    ap.add_argument("--lote", type=int, default=1000)
    ap.add_argument("--perfil", action="store_true", help="perfil de 50 convenios (cProfile, 25 funciones)")
    args = ap.parse_args()

    tipico = datos()
    t = time.perf_counter()
    contenido = propuesta_convenio(tipico)
    frio = (time.perf_counter() - t) * 1000
    print(f"Primer convenio (en frío, lee y analiza las fuentes): {frio:.1f} ms; {len(contenido) / 1024:.1f} KB")

    reloj, cpu = cronometrar([tipico] * args.repeticiones)
    mediana, mediana_cpu = statistics.median(reloj), statistics.median(cpu)
    print(f"Convenio típico (3 DH, A4, 2 páginas), {args.repeticiones} veces: mediana {mediana:.1f} ms "
          f"(CPU {mediana_cpu:.1f} ms), p90 {percentil(reloj, 0.9):.1f} ms, mínimo {min(reloj):.1f} ms")

    lote = [datos(1 + i % 6, f"S-2024-{i:05d}") for i in range(args.lote)]
    t, c = time.perf_counter(), time.process_time()
    reloj_lote, cpu_lote = cronometrar(lote)
    total, total_cpu = time.perf_counter() - t, time.process_time() - c
    por_convenio = total / args.lote * 1000
    print(f"Lote de {args.lote} convenios distintos (1 a 6 DH): {total:.1f} s en total (CPU {total_cpu:.1f} s), "
          f"{por_convenio:.1f} ms por convenio (CPU {total_cpu / args.lote * 1000:.1f} ms; "
          f"mediana {statistics.median(reloj_lote):.1f} ms)")

    reloj, cpu = cronometrar([datos(30)] * 20)
    print(f"Convenio de 30 DH (5 páginas), 20 veces: mediana {statistics.median(reloj):.1f} ms "
          f"(CPU {statistics.median(cpu):.1f} ms)")

    reloj, cpu = cronometrar([tipico] * 50, papel="oficio")
    print(f"Convenio típico en Oficio, 50 veces: mediana {statistics.median(reloj):.1f} ms "
          f"(CPU {statistics.median(cpu):.1f} ms)")

    fuentes.clonar_activo = False
    try:
        reloj, cpu = cronometrar([tipico] * 50)
    finally:
        fuentes.clonar_activo = True
    print(f"Sin fuentes compartidas (add_font en cada documento), 50 veces: mediana "
          f"{statistics.median(reloj):.1f} ms (CPU {statistics.median(cpu):.1f} ms)")

    if args.perfil:
        perfil = cProfile.Profile()
        perfil.enable()
        for _ in range(50):
            propuesta_convenio(tipico)
        perfil.disable()
        salida = io.StringIO()
        pstats.Stats(perfil, stream=salida).sort_stats("cumulative").print_stats(25)
        print(salida.getvalue())

    cumple = mediana <= OBJETIVO_MS and por_convenio <= OBJETIVO_MS
    print(f"Objetivo ≤ {OBJETIVO_MS:.0f} ms por convenio (mediana y lote, reloj): "
          f"{'cumplido' if cumple else 'NO cumplido'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
