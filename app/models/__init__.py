"""SQLAlchemy 2 typed ORM of the store, its exact money types and the Alembic migrations."""

from .base import Base, ahora, normalizar_busqueda
from .convenios import Convenio
from .parametros import (
    TABLAS_PARAMETROS,
    FeriadoFila,
    GranInvalidezFila,
    MontoSRTFila,
    ParametroVersion,
    PlazoFila,
    RegimenFila,
    RipteFila,
    TasaFila,
)
from .personas import Agente, Familiar, Organismo
from .seguridad import ROLES, Auditoria, Usuario
from .siniestros import ESTADOS_SINIESTRO, Derechohabiente, Documento, Liquidacion, Pago, Remuneracion, Siniestro

__all__ = [
    "Agente", "Auditoria", "Base", "Convenio", "Derechohabiente", "Documento", "ESTADOS_SINIESTRO", "Familiar",
    "FeriadoFila", "GranInvalidezFila", "Liquidacion", "MontoSRTFila", "Organismo", "Pago",
    "ParametroVersion", "PlazoFila", "ROLES", "RegimenFila", "Remuneracion", "RipteFila",
    "Siniestro", "TABLAS_PARAMETROS", "TasaFila", "Usuario", "ahora", "normalizar_busqueda",
]
