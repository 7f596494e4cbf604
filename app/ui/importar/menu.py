"""The main window's «Importar …» actions. Kept apart from the wizard so that opening the program
does not load the wizard, the readers and openpyxl (~0.25 s) until an import is asked for."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

TEXTOS = (("remuneraciones", "Importar &remuneraciones…", "Importar remuneraciones"),
          ("familiares", "Importar &familiares…", "Importar familiares"))


def agregar_acciones(menu: QMenu, ventana: QWidget, ctx_getter: Callable[[], object] | None = None,
                     al_importar: Callable[[object], object] | None = None) -> dict[str, QAction]:
    """Add «Importar remuneraciones…» and «Importar familiares…» to `menu` (the main window's
    «Archivo»). `ctx_getter()` gives the session's Contexto (default: `ventana.ctx`); after an
    import `al_importar(resumen)` runs (default: `ventana.administracion.refrescar()` if the
    window has that grid). Disabled for a role that may not load data. Returns the actions by tipo."""
    obtener = ctx_getter or (lambda: ventana.ctx)
    acciones = {}
    for tipo, texto, titulo in TEXTOS:
        accion = QAction(texto, ventana)
        accion.setObjectName(f"accion_importar_{tipo}")
        accion.setStatusTip(f"{titulo} desde una planilla de Excel o un CSV")
        accion.triggered.connect(lambda _=False, t=tipo: _abrir(ventana, obtener(), t, al_importar))
        ctx = obtener()
        puede = ctx is None or ctx.actor.puede("cargar")
        accion.setEnabled(puede)
        if not puede:
            accion.setToolTip(f"El rol {ctx.actor.rol} no puede importar datos.")
        menu.addAction(accion)
        acciones[tipo] = accion
    return acciones


def _abrir(ventana: QWidget, ctx, tipo: str, al_importar):
    from .asistente import _abrir_desde

    return _abrir_desde(ventana, ctx, tipo, al_importar)
