"""Screenshots of every window for the user guide (docs/guia.md):
`python -m app.ui.captura_ventanas CARPETA [--agentes 300] [--semilla 3]`.

Runs offscreen over a throw-away SQLite demo store (liquidations calculated) with settings in a
temp folder. One fatal «liquidado» siniestro is walked through as a user would (REMUNERACIONES →
CALCULAR and a second version → DERECHOHABIENTE, percentages by law, pre-acuerdo date, ticks and
accreditation → SIAPE → a partial PAGO → LEGAJO), as «supervisor1»; the parameters screen and an
import preview as the administrator. The windows are driven through their own methods, so each
picture shows what the program really does; the confirmations they ask are answered «Sí» (only
inside this script). A capture of a single colour (a window never drawn) is an error, not a file.

The bundled BNA rate table lacks 05/03/2025 and ends on 05/10/2026: the siniestro's stored
liquidation date and the second version's are before that gap, while one picture keeps today's
date on purpose, to show the amber «Falta la tasa activa…» message the guide explains.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from . import captura_impresion, formato
from .aplicacion import configurar_idioma
from .capturas import guardar
from .ventana_calculo import NOMBRE_APLICACION

# what `capturar` writes, in the order of the guide
ARCHIVOS = (
    "principal_acciones.png", "remuneraciones_falta_tasa.png", "remuneraciones.png", "calcular.png",
    "calcular_comparar.png", "derechohabiente.png", "derechohabiente_acreditado.png", "siape.png", "pago.png",
    "legajo.png", "agente.png", "agente_familiares.png", "siniestro.png", *captura_impresion.ARCHIVOS,
    "parametros.png", "parametros_tasas.png", "parametros_importar.png", "parametros_importar_cambios.png",
    # captura_importar.ARCHIVOS (that module imports this one, so it is loaded when used)
    "importar_archivo.png", "importar_columnas.png", "importar_vista_previa.png", "importar_resultado.png",
)
TAMANIO_PRINCIPAL = (1500, 700)
TAMANIO_VENTANA = (1250, 780)
TAMANIO_COMPARAR = (1250, 1060)  # every compared concept without scrolling
TAMANIO_DH = (1450, 780)  # the «Derecho / motivo» column says why someone is excluded
TAMANIO_PARAMETROS = (1250, 800)
TAMANIO_VISTA_PREVIA = (1100, 560)
# the first day the bundled BNA rate table lacks (resources/parametros/SOURCES.md)
HUECO_TASAS = date(2025, 3, 5)
LEY_27348 = date(2017, 3, 5)  # PMI from this day: VIB updated by RIPTE, «Fecha de Pre-Acuerdo»
SUPERVISOR = ("supervisor1", "supervisor")
ADMINISTRADOR = ("admin", "administrador")


class SinCaso(RuntimeError):
    """The demo has no siniestro fit for the walk-through (too few agentes)."""


# ------------------------------------------------------------------ choosing the siniestro

def elegir_siniestro(ctx) -> tuple[int, date, date]:
    """A fatal «liquidado» siniestro whose stored liquidation is the engine's (not a demo
    approximation), can be recomputed at its date and leaves room for a second date before the
    rate table's gap. Prefers Ley 27.348 cases with more DH and someone excluded (a richer
    DERECHOHABIENTE screen). Returns (id, date of the stored liquidation, date of a second one)."""
    from app.errors import ErrorAplicacion
    from app.services import derechohabientes, grilla, liquidaciones

    mejores = []
    for fila in grilla.buscar(ctx, {"solo_mortales": True}, limite=5000):
        fecha_liq = fila.get("fecha_liquidacion")
        if fila["estado"] != "liquidado" or fecha_liq is None or fecha_liq >= HUECO_TASAS - timedelta(days=30):
            continue
        sid = fila["siniestro_id"]
        try:
            if liquidaciones.obtener(ctx, sid)["resultado"].get("demo"):
                continue
            liquidaciones.previsualizar(ctx, sid, fecha_liq)
            situacion = derechohabientes.situacion_derechohabientes(ctx, sid)
        except ErrorAplicacion:
            continue
        dhs = situacion["derechohabientes"]
        if not dhs or situacion.get("error_elegibilidad") or not (situacion["liquidacion"] or {}).get("vigente"):
            continue
        excluidos = sum(1 for d in dhs if d.get("elegible") is False)
        puntaje = (fila["fecha_pmi"] >= LEY_27348, 0 < excluidos < len(dhs), len(dhs), -sid)
        mejores.append((puntaje, sid, fecha_liq))
    if not mejores:
        raise SinCaso("La demostración no tiene un siniestro mortal «liquidado» que se pueda mostrar: "
                      "use más agentes (--agentes).")
    _, sid, fecha_liq = max(mejores)
    otra = min(fecha_liq + timedelta(days=365), HUECO_TASAS - timedelta(days=5))
    return sid, fecha_liq, otra


# ------------------------------------------------------------------ helpers

@contextmanager
def confirmaciones_aceptadas():
    """The windows ask before saving; here every question is answered «Sí» (restored after)."""
    from . import mensajes

    original = mensajes.confirmar
    mensajes.confirmar = lambda *args, **kwargs: True
    try:
        yield
    finally:
        mensajes.confirmar = original


def esperar_tarea(ventana) -> None:
    """Let a window's background task (tareas.ejecutar) end and hand over its result."""
    tarea = getattr(ventana, "tarea", None)
    if tarea is not None and not tarea.esperar(60_000):
        raise RuntimeError("Una tarea en segundo plano no terminó a tiempo")
    QApplication.processEvents()


def mostrar(widget: QWidget, tamanio: tuple[int, int] | None = None) -> QWidget:
    if tamanio is not None:
        widget.resize(*tamanio)
    widget.show()
    QApplication.processEvents()
    return widget


def ajustar_dialogo(dialogo: QWidget, ancho_minimo: int) -> None:
    """A form at the size its layout asks for (nothing clipped), at least `ancho_minimo` wide."""
    dialogo.adjustSize()
    pista = dialogo.sizeHint()
    dialogo.resize(max(ancho_minimo, pista.width()), max(dialogo.height(), pista.height()))
    QApplication.processEvents()


def exigir(condicion: bool, texto: str) -> None:
    """A step of the walk-through did not do what the picture must show: stop, saying which."""
    if not condicion:
        raise RuntimeError(texto)


def libro_ripte(ruta: Path, filas: list[dict], con_error: bool = True) -> None:
    """An .xlsx of the RIPTE in force with one index changed and (`con_error`) an impossible
    month added at the end."""
    import openpyxl

    libro = openpyxl.Workbook()
    hoja = libro.active
    hoja.title = "RIPTE"
    hoja.append(["periodo", "indice"])
    cambiado = filas[-13]["periodo"]  # a year before the last month
    for f in filas:
        indice = Decimal(str(f["indice"]))
        if f["periodo"] == cambiado:
            indice += Decimal("100.00")
        hoja.append([f["periodo"], float(indice)])
    if con_error:
        hoja.append([f"{int(filas[-1]['periodo'][:4])}-13", 1.0])
    libro.save(ruta)


# ------------------------------------------------------------------ the walk-through

def _ventanas_del_siniestro(principal, sid: int, fecha_liq: date, otra: date, carpeta: Path) -> list[Path]:
    from app.services import derechohabientes, documentos, liquidaciones, pagos
    from app.services.siniestros import obtener_siniestro

    from .siniestro.remcalc_widgets import poner_fecha

    hechas = []
    ctx = principal.ctx

    # REMUNERACIONES: today first (the bundled rate table does not reach it), then the stored date
    rem = principal.abrir("remuneraciones", sid)
    mostrar(rem, TAMANIO_VENTANA)
    if rem.resultado is not None:  # tables brought up to date: a date they surely do not reach
        poner_fecha(rem.fecha, date(date.today().year + 10, 12, 31))
    exigir(rem.resultado is None and "Falta" in rem.mensaje(), "REMUNERACIONES calculó a cualquier fecha")
    hechas.append(guardar(rem, carpeta / "remuneraciones_falta_tasa.png"))
    poner_fecha(rem.fecha, fecha_liq)
    exigir(rem.resultado is not None, f"REMUNERACIONES no calculó al {fecha_liq}: {rem.mensaje()}")
    hechas.append(guardar(rem, carpeta / "remuneraciones.png"))
    rem.close()

    # CALCULAR: the preview at the stored date, then a second version a year later and the comparison
    calc = principal.abrir("calcular", sid)
    mostrar(calc, TAMANIO_VENTANA)
    poner_fecha(calc.fecha, fecha_liq)
    exigir(calc.previa is not None, f"CALCULAR no calculó al {fecha_liq}: {calc.mensaje()}")
    hechas.append(guardar(calc, carpeta / "calcular.png"))
    poner_fecha(calc.fecha, otra)
    calc.calcular_y_guardar()
    versiones = liquidaciones.versiones(ctx, sid)
    exigir(len(versiones) == 2 and versiones[-1]["fecha_liquidacion"] == otra,
           f"CALCULAR no guardó la versión 2: {calc.mensaje()}")
    calc.elegir_comparacion(1, 2)
    exigir(calc.comparar(), f"CALCULAR no comparó las versiones: {calc.mensaje()}")
    calc.resize(*TAMANIO_COMPARAR)
    calc.pestanias.parentWidget().setSizes([140, TAMANIO_COMPARAR[1]])  # the versions take little room
    hechas.append(guardar(calc, carpeta / "calcular_comparar.png"))

    # DERECHOHABIENTE: percentages by law (the liquidation is then recomputed, as the screen asks)
    dh = principal.abrir("derechohabiente", sid)
    mostrar(dh, TAMANIO_DH)
    dh.aplicar_por_ley()
    exigir(all(d["porcentaje"] is not None for d in derechohabientes.listar_derechohabientes(ctx, sid)),
           f"DERECHOHABIENTE no aplicó los porcentajes: {dh.mensaje()}")
    # an excluded DH, if any: the line under the grid says why
    excluidos = [n for n in range(dh.modelo.rowCount()) if dh.modelo.dh(n).get("elegible") is False]
    dh.elegir(excluidos[0] if excluidos else 0)
    hechas.append(guardar(dh, carpeta / "derechohabiente.png"))

    campo = dh.situacion["campo_fecha"]
    s = obtener_siniestro(ctx, sid)
    dia_fecha = min(date.today(), (s.get("fecha_fallecimiento") or s["fecha_pmi"]) + timedelta(days=120))
    dh.campo_fecha.setText(dia_fecha.strftime("%d/%m/%Y"))
    dh.guardar_fecha()
    exigir(obtener_siniestro(ctx, sid)[campo] == dia_fecha, f"No se guardó la fecha: {dh.mensaje()}")
    if not dh.situacion["liquidacion"]["vigente"]:
        calc.calcular_y_guardar()  # «Calcular…»: the amounts with the data just stored
    calc.close()
    for fila in range(dh.modelo.rowCount()):
        dh.modelo.tildar(fila, bool(dh.modelo.dh(fila).get("elegible")))
    dh.acreditar()
    exigir(obtener_siniestro(ctx, sid)["acreditado"], f"DERECHOHABIENTE no acreditó: {dh.mensaje()}")
    hechas.append(guardar(dh, carpeta / "derechohabiente_acreditado.png"))
    dh.close()

    siape = principal.abrir("siape", sid)
    mostrar(siape, TAMANIO_VENTANA)
    hechas.append(guardar(siape, carpeta / "siape.png"))
    siape.close()

    # PAGO: half of the first accredited DH's balance
    pago = principal.abrir("pago", sid)
    mostrar(pago, TAMANIO_VENTANA)
    exigir(pago.combo_dh.count() > 0 and pago.boton_registrar.isEnabled(), "PAGO no permite registrar pagos")
    saldo = pago.saldos[pago.combo_dh.currentData()]["saldo"]
    pago.importe.setText(formato.monto((saldo / 2).quantize(Decimal("0.01"))))
    pago.comprobante.setText(f"OP {date.today().year}-00123")
    pago.registrar()
    exigir(len(pagos.listar_pagos(ctx, sid)) == 1, f"PAGO no registró el pago: {pago.mensaje()}")
    hechas.append(guardar(pago, carpeta / "pago.png"))
    pago.close()

    # LEGAJO: two papers attached (bytes, as «Adjuntar…» would read them)
    for tipo, nombre in (("Partida de defunción", "partida_defuncion.pdf"), ("DNI", "dni_conyuge.pdf")):
        documentos.adjuntar_documento(ctx, sid, tipo, b"%PDF-1.4\n% documento de muestra\n" + nombre.encode(), nombre)
    legajo = principal.abrir("legajo", sid)
    mostrar(legajo, TAMANIO_VENTANA)
    hechas.append(guardar(legajo, carpeta / "legajo.png"))
    legajo.close()
    return hechas


def _formularios(ctx, sid: int, carpeta: Path) -> list[Path]:
    from app.services.siniestros import obtener_siniestro

    from .formularios import DialogoAgente, DialogoSiniestro
    from .formularios.agente import TAB_FAMILIARES

    hechas = []
    agente = DialogoAgente(ctx, obtener_siniestro(ctx, sid)["agente"]["id"])
    mostrar(agente)
    ajustar_dialogo(agente, 920)
    hechas.append(guardar(agente, carpeta / "agente.png"))
    agente.pestanias.setCurrentIndex(TAB_FAMILIARES)
    agente.tabla_familiares.selectRow(0)
    QApplication.processEvents()
    # every column of the family grid (CBU is the last and longest)
    tabla = agente.tabla_familiares
    falta = tabla.horizontalHeader().length() + tabla.verticalScrollBar().sizeHint().width() + 4 - tabla.viewport().width()
    if falta > 0:
        agente.resize(agente.width() + falta, agente.height())
        QApplication.processEvents()
    hechas.append(guardar(agente, carpeta / "agente_familiares.png"))
    agente.reject()

    siniestro = DialogoSiniestro(ctx, sid)
    mostrar(siniestro)
    ajustar_dialogo(siniestro, 1100)
    hechas.append(guardar(siniestro, carpeta / "siniestro.png"))
    siniestro.reject()
    return hechas


def _parametros(ctx, carpeta: Path, tmp: Path) -> list[Path]:
    from app.services import parametros

    from .parametros import VentanaParametros

    hechas = []
    ventana = VentanaParametros(ctx)
    mostrar(ventana, TAMANIO_PARAMETROS)
    exigir(ventana.tabla == "ripte", "La pantalla de parámetros no empieza por el RIPTE")
    ultima = ventana.modelo_filas.rowCount() - 1
    if ultima >= 0:  # the newest months, as the office looks them up
        ventana.tabla_filas.scrollToBottom()
        ventana.tabla_filas.selectRow(ultima)
    hechas.append(guardar(ventana, carpeta / "parametros.png"))

    # the BNA rates around the day the bundled table lacks
    ventana.combo_tabla.setCurrentIndex(ventana.combo_tabla.findData("tasas"))
    ventana.campo_buscar.setText(HUECO_TASAS.strftime("/%m/%Y"))
    exigir(ventana.modelo_filas.rowCount() > 0, "La búsqueda en la tabla de tasas no encontró filas")
    ventana.tabla_filas.scrollToTop()  # the first rows: 28/02 to 04/03, then 06/03
    hechas.append(guardar(ventana, carpeta / "parametros_tasas.png"))

    # an import with a bad row (refused), then the same file fixed (its changes)
    filas = parametros.filas_version(ctx, "ripte")["filas"]
    carpeta_libros = tmp / "Descargas"
    carpeta_libros.mkdir()
    for archivo, con_error in (("parametros_importar.png", True), ("parametros_importar_cambios.png", False)):
        ruta = carpeta_libros / ("ripte_actualizado.xlsx" if con_error else "ripte_corregido.xlsx")
        libro_ripte(ruta, filas, con_error)
        ventana.previsualizar("ripte", str(ruta))
        esperar_tarea(ventana)
        dialogo = ventana.vista_previa
        exigir(dialogo is not None, f"No se abrió la vista previa: {ventana.mensaje()}")
        exigir(bool(dialogo.vista.problemas) == con_error and (con_error or len(dialogo.vista.cambios) == 1),
               "La vista previa no muestra lo esperado")
        dialogo.resize(*TAMANIO_VISTA_PREVIA)
        QApplication.processEvents()
        hechas.append(guardar(dialogo, carpeta / archivo))
        dialogo.reject()
        dialogo.close()
        QApplication.processEvents()
    ventana.close()
    return hechas


def _principal(principal, sid: int, carpeta: Path) -> Path:
    """The grid with the walked-through siniestro selected (its accredited DH in green below)."""
    grilla = principal.administracion
    grilla.refrescar()
    while not grilla.seleccionar_siniestro(sid) and grilla.modelo.canFetchMore():
        grilla.modelo.fetchMore()
    exigir(grilla.siniestro_actual() == sid, "La grilla no muestra el siniestro elegido")
    # centred, so that its green DH rows below it show too
    grilla.tabla.scrollTo(grilla.tabla.currentIndex(), QAbstractItemView.ScrollHint.PositionAtCenter)
    grilla.tabla.setFocus()
    QApplication.processEvents()
    return guardar(principal, carpeta / "principal_acciones.png")


def capturar(carpeta: Path, agentes: int = 300, semilla: int = 3) -> list[Path]:
    """Build the demo store, walk through the windows and save ARCHIVOS into `carpeta`."""
    from app.models import migrar
    from app.models.bd import crear_motor, fabrica_sesiones
    from app.services import parametros
    from app.services.demo import generar_demo
    from app.services.nucleo import Actor, Contexto

    from .principal import VentanaPrincipal

    carpeta.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "ajustes"))
        motor = crear_motor(f"sqlite:///{tmp / 'demo.db'}")
        try:
            migrar.actualizar(motor)
            fabrica = fabrica_sesiones(motor)
            administrador = Contexto(fabrica, Actor(*ADMINISTRADOR))
            parametros.cargar_incluidas(administrador)
            generar_demo(motor, agentes, semilla=semilla, calcular=True)
            app = QApplication.instance() or QApplication(sys.argv[:1])
            app.setApplicationName(NOMBRE_APLICACION)
            configurar_idioma(app)

            supervisor = Contexto(fabrica, Actor(*SUPERVISOR))
            sid, fecha_liq, otra = elegir_siniestro(supervisor)
            principal = VentanaPrincipal(supervisor, f"SQLite de demostración ({agentes} agentes)")
            mostrar(principal, TAMANIO_PRINCIPAL)
            try:
                with confirmaciones_aceptadas():
                    hechas = _ventanas_del_siniestro(principal, sid, fecha_liq, otra, carpeta)
                hechas += _formularios(supervisor, sid, carpeta)
                hechas += captura_impresion.capturar(principal, sid, carpeta)
                hechas.insert(0, _principal(principal, sid, carpeta))
            finally:
                for ventana in list(principal.ventanas.values()):
                    ventana.close()
                principal.close()
            hechas += _parametros(administrador, carpeta, tmp)
            from . import captura_importar

            hechas += captura_importar.capturar(carpeta, supervisor)  # last: it really imports rows
            return hechas
        finally:
            motor.dispose()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m app.ui.captura_ventanas",
                                description="Capturas de cada ventana para la guía de uso")
    p.add_argument("carpeta", type=Path, help="carpeta donde guardar los PNG")
    p.add_argument("--agentes", type=int, default=300, help="agentes de la demo (300)")
    p.add_argument("--semilla", type=int, default=3, help="semilla de la demo (3)")
    args = p.parse_args(argv)
    try:
        for archivo in capturar(args.carpeta, args.agentes, args.semilla):
            print(archivo)
    except RuntimeError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
