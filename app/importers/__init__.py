"""Excel/CSV readers that return validated rows plus a list of problems (file, sheet, row,
column, value, why). Pure: no database, no Qt; the services add the checks against the store."""

from .columnas import CAMPOS_FAMILIARES, CAMPOS_REMUNERACIONES, Campo, Estructura
from .examinar import examinar
from .familiares import FilaFamiliar, leer_familiares
from .filas import FilaRemuneracion, FilasRemuneracion
from .informe import informe_xlsx
from .problemas import ADVERTENCIA, ERROR, Columna, ImportacionCancelada, ImportacionRechazada, Problema
from .remuneraciones import leer_remuneraciones
from .resultado import Resultado

__all__ = [
    "ADVERTENCIA", "CAMPOS_FAMILIARES", "CAMPOS_REMUNERACIONES", "ERROR", "Campo", "Columna", "Estructura",
    "FilaFamiliar", "FilaRemuneracion", "FilasRemuneracion", "ImportacionCancelada", "ImportacionRechazada",
    "Problema", "Resultado",
    "examinar", "informe_xlsx", "leer_familiares", "leer_remuneraciones",
]
