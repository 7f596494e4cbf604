"""«Exportar…» on every grid: ask for the file, write it off the GUI thread, say how it went.

    boton = exportar.boton(self, lambda: exportar.exportar_siniestro(self, "remuneraciones",
                                                                      [("Remuneraciones", self.modelo)]))

- The file name is asked with QFileDialog: `administracion_2026-12-03.xlsx` (or
  `remuneraciones_2019-000123_2026-12-03.xlsx`) in the folder of the last export, else the user's
  Documents.
- The work runs in a worker thread with a progress bar and «Cancelar» (app/ui/tareas.py); the
  writer (app/reports/excel.py) leaves no file behind when cancelled or failed.
- Success and errors are told with app/ui/mensajes.py; a cancellation in the window's message bar
  (or status bar), without a dialog.
- The Administración grid is lazy (pages of 200): its export goes through the service
  (`app.services.exportar`), which reads ALL the siniestros of the current filters and order. The
  small tables are copied from their models on the GUI thread (`exportar_tablas.hoja_de_modelo`).
- Closing the window while exporting cancels the export and waits for the worker.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QStandardPaths, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QPushButton, QWidget

from app.errors import ErrorAplicacion

from . import formato, mensajes, tareas

# openpyxl (~0.1 s to import) is loaded at the first export, not when the windows are built:
# app.reports.excel, app.services.exportar and .exportar_tablas are imported inside the functions

ATAJO = "Ctrl+Shift+E"
FILTRO = "Libro de Excel (*.xlsx)"
CLAVE_CARPETA = "exportar/carpeta"
TITULO_DIALOGO = "Exportar a Excel"
AYUDA = "Guardar esta tabla en una planilla de Excel (.xlsx)"
CANCELADA = "Exportación cancelada: no se creó ningún archivo."


# --- where ---------------------------------------------------------------------------------------
def nombre_sugerido(base: str, hoy: date | None = None) -> str:
    """`administracion` → `administracion_2026-12-03.xlsx` (characters a file name cannot hold
    become «-»)."""
    limpio = re.sub(r"[^\w.-]+", "-", base, flags=re.UNICODE).strip("-.") or "exportacion"
    return f"{limpio}_{(hoy or date.today()).isoformat()}.xlsx"


def _configuracion():
    from .administracion.ventana import configuracion  # the program's settings file (INI)

    return configuracion()


def carpeta_inicial() -> Path:
    """The folder of the last export if it still exists, else Documents (else the home folder)."""
    guardada = _configuracion().value(CLAVE_CARPETA)
    if isinstance(guardada, str) and guardada and Path(guardada).is_dir():
        return Path(guardada)
    documentos = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documentos and Path(documentos).is_dir():
        return Path(documentos)
    return Path.home()


def recordar_carpeta(carpeta: Path) -> None:
    ajustes = _configuracion()
    ajustes.setValue(CLAVE_CARPETA, str(carpeta))
    ajustes.sync()


def pedir_destino(parent: QWidget | None, base: str) -> Path | None:
    """Ask where to save (the dialog itself asks before replacing a file); None if cancelled."""
    propuesta = carpeta_inicial() / nombre_sugerido(base)
    ruta, _ = QFileDialog.getSaveFileName(parent, TITULO_DIALOGO, str(propuesta), FILTRO)
    if not ruta:
        return None
    destino = Path(ruta)
    if destino.suffix.lower() != ".xlsx":
        destino = destino.with_name(destino.name + ".xlsx")
    return destino


# --- how -----------------------------------------------------------------------------------------
class _CancelarAlCerrar(QObject):
    """Installed on the window while it exports: closing it cancels the export and waits for
    the worker (a QThread must not be destroyed while running)."""

    def __init__(self, ventana: QWidget, tarea: tareas.Tarea):
        super().__init__(ventana)
        self.tarea = tarea
        ventana.installEventFilter(self)

    def eventFilter(self, objeto, evento) -> bool:  # noqa: N802 - Qt's name
        if evento.type() == QEvent.Type.Close and not self.tarea.hecha:
            self.tarea.cancelar()
            self.tarea.esperar()
        return False


def _avisar(parent: QWidget | None, texto: str) -> None:
    ventana = parent.window() if parent is not None else None
    if hasattr(ventana, "mostrar_aviso"):
        ventana.mostrar_aviso(texto)
    elif isinstance(ventana, QMainWindow):
        ventana.statusBar().showMessage(texto, 10_000)


def _fallo(parent: QWidget | None, error: BaseException) -> None:
    if isinstance(error, tareas.Cancelada):
        _avisar(parent, CANCELADA)
    elif isinstance(error, ErrorAplicacion):
        mensajes.error(parent, error, titulo="No se pudo exportar")
    else:
        mensajes.error(parent, f"Error inesperado al exportar ({type(error).__name__}: {error}). "
                               "No se creó ningún archivo.", titulo="No se pudo exportar")


def exportar(parent: QWidget | None, base: str, trabajo: Callable, describir: Callable[[object], str],
             destino: Path | None = None) -> tareas.Tarea | None:
    """Ask for the file (unless `destino` is given), then run `trabajo(destino, avance)` in a
    worker; `describir(resultado)` is the success message. Returns the task (None if the user
    cancelled the file dialog or this window is already exporting)."""
    ventana = parent.window() if parent is not None else None
    anterior = getattr(ventana, "_exportacion", None)
    if anterior is not None and not anterior.hecha:
        return None  # one export per window at a time
    destino = destino or pedir_destino(parent, base)
    if destino is None:
        return None

    def terminar(resultado) -> None:
        recordar_carpeta(destino.parent)
        mensajes.informar(parent, describir(resultado), titulo="Exportación terminada",
                          detalle=f"Archivo: {destino}")

    tarea = tareas.ejecutar(parent, "Exportando a Excel…", lambda avance: trabajo(destino, avance),
                            al_terminar=terminar, al_fallar=lambda e: _fallo(parent, e), cancelable=True)
    if ventana is not None:
        ventana._exportacion = tarea
        guardia = _CancelarAlCerrar(ventana, tarea)
        tarea.terminada.connect(lambda *_: (ventana.removeEventFilter(guardia), guardia.deleteLater()))
    return tarea


def _cuil(digitos: str | None) -> str | None:
    d = digitos or ""
    return f"{d[:2]}-{d[2:10]}-{d[10:]}" if len(d) == 11 and d.isdigit() else digitos


def _filas(n: int) -> str:
    return f"{formato.entero(n)} fila" + ("" if n == 1 else "s")


# --- what ----------------------------------------------------------------------------------------
def _informacion_base(parent: QWidget | None, contenido: str) -> list[tuple[str, object]]:
    ventana = parent.window() if parent is not None else None
    ctx = getattr(ventana, "ctx", None) or getattr(parent, "ctx", None)
    pares: list[tuple[str, object]] = [("Contenido", contenido)]
    if ctx is not None:
        pares += [("Exportado por", f"{ctx.actor.usuario} ({ctx.actor.rol})"),
                  ("Usuario del sistema", ctx.actor.usuario_so)]
    pares.append(("Exportado el", datetime.now()))
    return pares


def exportar_tablas(parent: QWidget | None, base: str, tablas: Sequence[tuple[str, object]], *,
                    contenido: str = "", informacion: Sequence[tuple[str, object]] = (),
                    destino: Path | None = None) -> tareas.Tarea | None:
    """Export window tables: one sheet per (título, modelo), in order, plus «Información». The
    rows are copied now (GUI thread); the file is written in the worker."""
    from app.reports import excel

    from .exportar_tablas import hoja_de_modelo

    tablas = [(titulo, modelo) for titulo, modelo in tablas if modelo is not None]  # (a table not loaded)
    hojas = [hoja_de_modelo(modelo, titulo) for titulo, modelo in tablas]
    filas = sum(len(h.filas) for h in hojas)
    info = _informacion_base(parent, contenido or ", ".join(t for t, _ in tablas))
    info += list(informacion)
    info += [(f"Filas de la hoja «{h.titulo}»", len(h.filas)) for h in hojas]

    def trabajo(ruta: Path, avance):
        return excel.escribir_xlsx(ruta, [*hojas, excel.hoja_informacion(info)],
                                   al_avanzar=lambda n: avance(n, filas, f"Exportando {_filas(filas)}…"))

    return exportar(parent, base, trabajo, lambda ruta: f"Se exportaron {_filas(filas)} a «{ruta.name}».",
                    destino)


def exportar_siniestro(ventana, base: str, tablas: Sequence[tuple[str, object]], *,
                       destino: Path | None = None) -> tareas.Tarea | None:
    """`exportar_tablas` for a window of one siniestro (a `VentanaSiniestro`): the file name and
    the sheet «Información» carry the siniestro's number and agente."""
    s = getattr(ventana, "siniestro", None) or {}
    numero = s.get("numero")
    informacion = []
    if s:
        agente = s.get("agente") or {}
        informacion = [("Siniestro", numero), ("Agente", agente.get("apellido_nombre")),
                       ("Cuit-Cuil", _cuil(agente.get("cuil")))]
    return exportar_tablas(ventana, f"{base}_{numero}" if numero else base, tablas,
                           contenido=getattr(ventana, "TITULO", "") or base, informacion=informacion,
                           destino=destino)


def exportar_administracion(ventana, destino: Path | None = None) -> tareas.Tarea | None:
    """Every siniestro of the Administración grid's current filters and order (all pages), with
    their accredited DH (`VentanaAdministracion`: `ctx` and `filtros()`)."""
    from app.services import exportar as servicio

    ctx, filtros = ventana.ctx, ventana.filtros()

    def trabajo(ruta: Path, avance):
        return servicio.exportar_administracion(ctx, filtros, ruta, avance=avance)

    def describir(r) -> str:
        dh = formato.entero(r.derechohabientes)
        return (f"Se exportaron {formato.entero(r.siniestros)} siniestro{'' if r.siniestros == 1 else 's'} "
                f"y {dh} derechohabiente{'' if r.derechohabientes == 1 else 's'} acreditado"
                f"{'' if r.derechohabientes == 1 else 's'} a «{r.ruta.name}».")

    return exportar(ventana, "administracion", trabajo, describir, destino)


# --- the button and the shortcut -------------------------------------------------------------------
def accion(ventana: QWidget, funcion: Callable[[], object], texto: str = "E&xportar a Excel…") -> QAction:
    """A QAction with Ctrl+Shift+E for the whole window (added to it)."""
    qaccion = QAction(texto, ventana)
    qaccion.setObjectName("accion_exportar")
    qaccion.setShortcut(QKeySequence(ATAJO))
    qaccion.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    atajo = QKeySequence(ATAJO).toString(QKeySequence.SequenceFormat.NativeText)
    qaccion.setToolTip(f"{AYUDA} ({atajo})")
    qaccion.setStatusTip(AYUDA)
    qaccion.triggered.connect(lambda _=False: funcion())
    ventana.addAction(qaccion)
    return qaccion


def boton(ventana: QWidget, funcion: Callable[[], object]) -> QPushButton:
    """«Exportar…» for a window's button row, with the window-wide Ctrl+Shift+E."""
    b = QPushButton("E&xportar…")
    b.setObjectName("boton_exportar")
    atajo = QKeySequence(ATAJO).toString(QKeySequence.SequenceFormat.NativeText)
    b.setToolTip(f"{AYUDA} ({atajo})")
    b.clicked.connect(lambda _=False: funcion())
    ventana.accion_exportar = accion(ventana, funcion)
    return b
