"""«Tablas de parámetros»: view every version of RIPTE, tasa activa, montos SRT and the other
tables, and import a new version from CSV or Excel with validation and a preview."""

from .ventana import TITULO, VentanaParametros
from .vista_previa import DialogoVistaPrevia

__all__ = ["TITULO", "DialogoVistaPrevia", "VentanaParametros"]
