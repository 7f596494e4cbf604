"""Screenshots of the import wizard for the user guide:
`python -m app.ui.captura_importar CARPETA [--agentes 60] [--semilla 3]`, or `capturar(carpeta, ctx)`
from app/ui/captura_ventanas.py (with its demo store and temporary settings).

A salary spreadsheet is written from the store's own agents (title block above the header, a
header «Mes devengado» the program does not recognise, months already loaded with other values, a
month 13 and an unknown CUIL), then the wizard is walked through as a user would: the file, the
column picked by hand, the preview with its problems and, with «Importar sólo las filas válidas»,
the result. Saves ARCHIVOS; a capture of a single colour is an error.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from .captura_ventanas import confirmaciones_aceptadas, exigir, mostrar  # noqa: E402
from .capturas import guardar  # noqa: E402

ARCHIVOS = ("importar_archivo.png", "importar_columnas.png", "importar_vista_previa.png", "importar_resultado.png")
TAMANIO = (1180, 720)
ENCABEZADO = ["CUIL", "Apellido y Nombre", "Mes devengado", "Haberes brutos", "S.A.C."]
DESCONOCIDO = "20-99999999-9"  # a valid CUIL (AFIP check digit) that no demo agent has


def _cuil(digitos: str) -> str:
    return f"{digitos[:2]}-{digitos[2:10]}-{digitos[10:]}"


def escribir_planilla(ctx, ruta: Path) -> Path:
    """Salaries of two agents of the store: one with twelve months of 2025 (new), the other with
    its last loaded months sent again with other amounts (replacements); plus a month 13 and an
    unknown CUIL (errors)."""
    import openpyxl

    from app.services import agentes, grilla

    # agents whose siniestro is not accredited yet: their loaded months may still change
    candidatos = [{"id": f["agente_id"], "cuil": f["cuil"], "apellido_nombre": f["apellido_nombre"]}
                  for f in grilla.buscar(ctx, {}, limite=500) if f["estado"] in ("denunciado", "en_liquidacion")]
    con_meses = next((a for a in candidatos if agentes.remuneraciones_del_agente(ctx, a["id"])), None)
    exigir(con_meses is not None, "Ningún agente sin acreditar de la base tiene remuneraciones cargadas")
    nuevo = next((a for a in candidatos if a["id"] != con_meses["id"]), None)
    exigir(nuevo is not None, "La base no tiene agentes para la planilla de ejemplo")
    libro = openpyxl.Workbook()
    hoja = libro.active
    hoja.title = "Haberes"
    hoja.append(["Dirección de Personal — liquidación de haberes"])
    hoja.append([f"Emitido el {date.today():%d/%m/%Y}"])
    hoja.append([])
    hoja.append(ENCABEZADO)
    existentes = {r["periodo"]: r for r in agentes.remuneraciones_del_agente(ctx, nuevo["id"])}
    for mes in range(1, 13):
        periodo = f"2025-{mes:02d}"
        if periodo in existentes:
            continue
        importe = Decimal(850_000 + mes * 1_250) + Decimal("0.45")
        sac = (importe / 2).quantize(Decimal("0.01")) if mes in (6, 12) else Decimal(0)
        hoja.append([_cuil(nuevo["cuil"]), nuevo["apellido_nombre"], f"{mes:02d}/2025", f"{importe:.2f}".replace(".", ","),
                     f"{sac:.2f}".replace(".", ",")])
    cargadas = agentes.remuneraciones_del_agente(ctx, con_meses["id"])[-3:]
    for r in cargadas:
        anio, mes = r["periodo"].split("-")
        hoja.append([con_meses["cuil"], con_meses["apellido_nombre"], date(int(anio), int(mes), 1),
                     float(r["remuneracion"] + Decimal("1500.00")), float(r["sac"])])
    hoja.append([_cuil(nuevo["cuil"]), nuevo["apellido_nombre"], "13/2025", "900.000,00", "0"])
    hoja.append([DESCONOCIDO, "Agente inexistente", "05/2025", "700.000,00", "0"])
    hoja.column_dimensions["B"].width = 30
    libro.save(ruta)
    return ruta


def capturar(carpeta: Path, ctx) -> list[Path]:
    """Walk the wizard over a spreadsheet of `ctx`'s store (a demo; `ctx` may load data: operador,
    liquidador or supervisor) and save ARCHIVOS into `carpeta`. The import writes to that store."""
    from .importar import AsistenteImportacion

    carpeta.mkdir(parents=True, exist_ok=True)
    hechas = []
    with tempfile.TemporaryDirectory() as tmp, confirmaciones_aceptadas():
        descargas = Path(tmp) / "Descargas"
        descargas.mkdir()
        ruta = escribir_planilla(ctx, descargas / "haberes_2025.xlsx")
        asistente = AsistenteImportacion(ctx, tipo="remuneraciones")
        try:
            mostrar(asistente, TAMANIO)
            archivo = asistente.pagina_archivo
            archivo.campo_ruta.setText(str(ruta))
            archivo.examinar(str(ruta))
            asistente.esperar()
            exigir(archivo.isComplete(), f"El asistente no pudo leer la planilla: {archivo.barra.text()}")
            hechas.append(guardar(asistente, carpeta / ARCHIVOS[0]))

            asistente.next()
            columnas = asistente.pagina_columnas
            exigir(not columnas.isComplete(), "«Mes devengado» no debería reconocerse solo")
            combo = columnas.combos["periodo"]
            combo.setCurrentIndex(combo.findData("C"))
            exigir(columnas.isComplete(), f"Las columnas no quedaron completas: {columnas.problema()}")
            hechas.append(guardar(asistente, carpeta / ARCHIVOS[1]))

            asistente.next()
            asistente.esperar()
            vista = asistente.pagina_vista_previa
            exigir(vista.vista is not None and vista.vista.hay_errores and vista.vista.reemplazos > 0,
                   f"La vista previa no muestra lo esperado: {vista.barra.text()}")
            hechas.append(guardar(asistente, carpeta / ARCHIVOS[2]))

            vista.check_solo_validas.setChecked(True)
            asistente.next()  # «Importar»: confirmed (answered «Sí» here), imported in the worker
            asistente.esperar()
            exigir(asistente.resumen is not None, f"No se importó: {vista.aviso.text() or vista.barra.text()}")
            QApplication.processEvents()
            hechas.append(guardar(asistente, carpeta / ARCHIVOS[3]))
        finally:
            asistente.done(0)
            asistente.deleteLater()
    return hechas


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m app.ui.captura_importar",
                                description="Capturas del asistente de importación")
    p.add_argument("carpeta", type=Path, help="carpeta donde guardar los PNG")
    p.add_argument("--agentes", type=int, default=60, help="agentes de la demo (60)")
    p.add_argument("--semilla", type=int, default=3, help="semilla de la demo (3)")
    args = p.parse_args(argv)
    from app.models import migrar
    from app.models.bd import crear_motor, fabrica_sesiones
    from app.services import parametros
    from app.services.demo import generar_demo
    from app.services.nucleo import Actor, Contexto

    from .aplicacion import configurar_idioma
    from .captura_ventanas import ADMINISTRADOR, SUPERVISOR
    from .ventana_calculo import NOMBRE_APLICACION

    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(tmp) / "ajustes"))
        motor = crear_motor(f"sqlite:///{Path(tmp) / 'demo.db'}")
        try:
            migrar.actualizar(motor)
            fabrica = fabrica_sesiones(motor)
            parametros.cargar_incluidas(Contexto(fabrica, Actor(*ADMINISTRADOR)))
            generar_demo(motor, args.agentes, semilla=args.semilla)
            app = QApplication.instance() or QApplication(sys.argv[:1])
            app.setApplicationName(NOMBRE_APLICACION)
            configurar_idioma(app)
            for archivo in capturar(args.carpeta, Contexto(fabrica, Actor(*SUPERVISOR))):
                print(archivo)
        except RuntimeError as e:
            print(f"Error: {e}", file=sys.stderr)
            return 1
        finally:
            motor.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
