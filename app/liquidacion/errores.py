"""Errors of the rules package. Every message is Spanish and fit to show to the user as is."""


class LiquidacionError(Exception):
    """Base class: the liquidation cannot be produced; the message says why."""


class DatoInvalido(LiquidacionError):
    """An input of the case is missing or wrong; `campo` names it (e.g. `remuneraciones[2].sac`)."""

    def __init__(self, campo: str, mensaje: str):
        self.campo = campo
        self.detalle = mensaje
        super().__init__(f"Dato inválido en «{campo}»: {mensaje}")


class ParametroFaltante(LiquidacionError):
    """A parameter the law needs (RIPTE month, a day's rate, a semester's amounts) is not loaded."""


class ParametrosInvalidos(LiquidacionError):
    """A parameter table has a bad row; the message names the file, row and field."""

    def __init__(self, archivo: str, fila: int | None, campo: str | None, mensaje: str):
        self.archivo = archivo
        self.fila = fila
        self.campo = campo
        self.detalle = mensaje
        donde = archivo
        if fila is not None:
            donde += f", fila {fila}"
        if campo:
            donde += f", campo «{campo}»"
        super().__init__(f"{donde}: {mensaje}")
