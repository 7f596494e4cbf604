"""The Administración window over a big store: time to the first page and filter latency.

    python benchmarks/bench_grilla.py [--base RUTA.db] [--agentes 100000] [--semilla 1]

The store (SQLite) is made once with `generar_demo` (~60 s for 100k) and reused when `--base`
already exists. Measured:
- start: in a fresh process, from before importing PySide6 (so QApplication included) to the
  main window (menus, toolbar, grid) shown with its first page painted; the login dialog in
  between is the user's time and is not counted. Goal ≤ 1.5 s.
- filter: per keystroke, `setText` on «Apellido y Nombre» (or Cuit-Cuil) → SQL count + first
  page → model reset done → events processed (the 150 ms debounce itself not counted).
  Goal: median ≤ 50 ms.
- sort: a click on each sortable header (both directions) → SQL first page → painted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))

PALABRAS = ("gonzalez", "nunez maria", "perez", "de la pena", "rodriguez", "fernandez juan", "sosa")
CUILES = ("20-", "27-3", "20-17", "27-30")


def _contexto(ruta: Path):
    from app.models.bd import crear_motor, fabrica_sesiones
    from app.services.nucleo import Actor, Contexto

    motor = crear_motor(f"sqlite:///{ruta}")
    return motor, Contexto(fabrica_sesiones(motor), Actor("bench", "operador"))


def preparar(ruta: Path, agentes: int, semilla: int) -> None:
    if ruta.exists():
        print(f"Base existente: {ruta}")
        return
    from app.models import migrar
    from app.models.bd import crear_motor, fabrica_sesiones
    from app.services import parametros
    from app.services.demo import generar_demo
    from app.services.nucleo import Actor, Contexto

    print(f"Generando {agentes:,} agentes en {ruta} …".replace(",", "."), flush=True)
    t = time.perf_counter()
    motor = crear_motor(f"sqlite:///{ruta}")
    migrar.actualizar(motor)
    parametros.cargar_incluidas(Contexto(fabrica_sesiones(motor), Actor("admin", "administrador")))
    generar_demo(motor, agentes, semilla=semilla)
    motor.dispose()
    print(f"  hecho en {time.perf_counter() - t:.1f} s")


def _ajustes_temporales(carpeta: str) -> None:
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, carpeta)


def medir_inicio(ruta: Path, ajustes: str) -> None:
    """Child process: QApplication + window + first page painted."""
    t0 = time.perf_counter()
    from PySide6.QtWidgets import QApplication

    _ajustes_temporales(ajustes)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    t_app = time.perf_counter()
    from app.ui.principal import VentanaPrincipal

    _, ctx = _contexto(ruta)
    t_import = time.perf_counter()
    principal = VentanaPrincipal(ctx, f"SQLite, archivo {ruta}")
    principal.show()
    app.processEvents()
    v = principal.administracion
    v.tabla.viewport().repaint()  # the first page painted, not only queued
    t1 = time.perf_counter()
    assert v.modelo.rowCount() > 0
    print(f"{t1 - t0:.4f} {t_app - t0:.4f} {t_import - t_app:.4f} {t1 - t_import:.4f} {v.modelo.total()}")


def medir_filtros(ruta: Path, ajustes: str) -> None:
    _ajustes_temporales(ajustes)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from app.ui.administracion import VentanaAdministracion

    _, ctx = _contexto(ruta)
    v = VentanaAdministracion(ctx)
    v.show()
    app.processEvents()

    def teclear(campo, palabras):
        tiempos = []
        for palabra in palabras:
            for i in range(1, len(palabra) + 1):
                t = time.perf_counter()
                campo.setText(palabra[:i])
                v.filtrar_ahora()  # what the debounce timer calls: count + page in SQL, model reset
                t_reset = time.perf_counter()
                app.processEvents()  # the new rows painted
                fin = time.perf_counter()
                tiempos.append(((t_reset - t) * 1000, (fin - t) * 1000))
            campo.clear()
            v.filtrar_ahora()
        return tiempos

    apellido = teclear(v.campo_apellido, PALABRAS)
    cuil = teclear(v.campo_cuil, CUILES)
    v.casilla_mortales.setChecked(True)
    mortales = teclear(v.campo_apellido, PALABRAS[:3])
    v.casilla_mortales.setChecked(False)
    # scrolling: fetch pages as the view reaches the bottom
    t = time.perf_counter()
    for _ in range(10):
        v.tabla.scrollToBottom()
        app.processEvents()
    paginas = (time.perf_counter() - t) * 1000
    # sorting: one click per sortable header and direction
    from PySide6.QtCore import Qt

    from app.ui.administracion.modelo import COL_NOMBRE, COLUMNAS, ORDEN_DE_COLUMNA

    cabecera = v.tabla.horizontalHeader()
    orden = []
    for columna in list(ORDEN_DE_COLUMNA) + [COL_NOMBRE]:
        for sentido in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
            t = time.perf_counter()
            cabecera.setSortIndicator(columna, sentido)  # → SQL first page, model reset
            app.processEvents()
            orden.append((COLUMNAS[columna], sentido == Qt.SortOrder.DescendingOrder, (time.perf_counter() - t) * 1000))
    def resumen(valores):
        valores = sorted(valores)
        p95 = valores[int(0.95 * (len(valores) - 1))]
        return f"mediana {statistics.median(valores):6.1f} ms, p95 {p95:6.1f} ms, máx {valores[-1]:6.1f} ms"

    print("Latencia por pulsación (sin la espera de 150 ms): hasta el reset del modelo | hasta pintado")
    for nombre, tiempos in (("apellido", apellido), ("cuil", cuil), ("apellido + MORTALES", mortales)):
        print(f"  {nombre:<20} {len(tiempos):3d} pulsaciones: reset {resumen(t for t, _ in tiempos)}"
              f" | pintado {resumen(p for _, p in tiempos)}")
    print(f"Desplazamiento: 10 veces al final → {v.modelo.cargados():,} siniestros cargados en {paginas:.0f} ms"
          .replace(",", "."))
    print("Ordenar (clic en la cabecera → primera página pintada):")
    for nombre, desc, ms in orden:
        print(f"  {nombre:<20} {'desc' if desc else 'asc '} {ms:7.1f} ms")
    todos = apellido + cuil + mortales
    print(f"Mediana global por pulsación: reset {statistics.median(t for t, _ in todos):.1f} ms,"
          f" con pintado {statistics.median(p for _, p in todos):.1f} ms (meta ≤ 50 ms)")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--base", type=Path, default=Path(tempfile.gettempdir()) / "liquidador_bench_grilla.db")
    p.add_argument("--agentes", type=int, default=100_000)
    p.add_argument("--semilla", type=int, default=1)
    p.add_argument("--repeticiones", type=int, default=3, help="arranques en frío a medir")
    p.add_argument("--_inicio", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--_ajustes", default="", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args._inicio:
        medir_inicio(args.base, args._ajustes)
        return 0
    preparar(args.base, args.agentes, args.semilla)
    with tempfile.TemporaryDirectory() as ajustes:
        totales = []
        for _ in range(args.repeticiones):
            t = time.perf_counter()
            salida = subprocess.run([sys.executable, __file__, "--base", str(args.base), "--_inicio",
                                     "--_ajustes", ajustes], capture_output=True, text=True, check=True,
                                    cwd=RAIZ).stdout.split()
            proceso = time.perf_counter() - t
            total, app, importar, ventana, n = salida
            totales.append(float(total))
            print(f"Inicio: {float(total):.3f} s hasta la primera página (QApplication {float(app):.3f} s,"
                  f" imports {float(importar):.3f} s, ventana + consulta + pintado {float(ventana):.3f} s;"
                  f" proceso completo {proceso:.3f} s) — {f'{int(n):,}'.replace(',', '.')} siniestros")
        print(f"Inicio (mejor / peor): {min(totales):.3f} / {max(totales):.3f} s (meta ≤ 1,5 s)")
        medir_filtros(args.base, ajustes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
