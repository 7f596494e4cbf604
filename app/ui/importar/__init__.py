"""The import wizard: salary histories and family members from a spreadsheet or CSV.

For the main window's «Archivo» menu:

    from app.ui.importar import agregar_acciones
    self.acciones_importar = agregar_acciones(archivo, self)  # ctx: self.ctx; refreshes self.administracion

The wizard itself is loaded on first use (see menu.py).
"""

from .menu import agregar_acciones

__all__ = ["AsistenteImportacion", "abrir_asistente", "agregar_acciones"]


def __getattr__(nombre: str):
    if nombre in ("AsistenteImportacion", "abrir_asistente"):
        from . import asistente

        return getattr(asistente, nombre)
    raise AttributeError(nombre)
