"""«Prestaciones Dinerarias — Administración»: the siniestros grid (SiAPe's black and green rows)."""

from .modelo import FuenteServicios, ModeloAdministracion
from .ventana import TITULO, VentanaAdministracion

__all__ = ["TITULO", "FuenteServicios", "ModeloAdministracion", "VentanaAdministracion"]
