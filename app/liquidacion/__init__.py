"""Pure liquidation rules of Ley 24.557 / 26.773 / 27.348: no Qt, no database, Decimal only.

Entry points: `liquidar(caso, parametros)`, `caso_desde_dict(d)`, `resultado_a_dict(r)` and
`cargar_parametros(carpeta)`.
"""

from .caso import caso_desde_dict
from .errores import DatoInvalido, LiquidacionError, ParametroFaltante, ParametrosInvalidos
from .motor import Caso, Opciones, Resultado, liquidar
from .parametros import Parametros, cargar_parametros
from .salida import resultado_a_dict

__all__ = [
    "Caso",
    "DatoInvalido",
    "LiquidacionError",
    "Opciones",
    "ParametroFaltante",
    "Parametros",
    "ParametrosInvalidos",
    "Resultado",
    "caso_desde_dict",
    "cargar_parametros",
    "liquidar",
    "resultado_a_dict",
]
