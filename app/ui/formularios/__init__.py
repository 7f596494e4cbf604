"""New/edit forms: agent (with its family) and siniestro, with field-by-field validation."""

from .agente import DialogoAgente
from .familiares import DialogoFamiliar
from .siniestro import DialogoSiniestro

__all__ = ["DialogoAgente", "DialogoFamiliar", "DialogoSiniestro"]
