"""What reading a file gives: the valid rows, every problem, and where the data was found (so a
screen can show the detected columns and let the user change them)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .columnas import Estructura
from .lector import ArchivoIlegible, Lectura
from .problemas import ADVERTENCIA, ERROR, Columna, Problema
from .valores import texto_celda


@dataclass
class Resultado:
    tipo: str  # "remuneraciones" | "familiares"
    ruta: str
    archivo: str
    hoja: str | None = None
    hojas: list[str] = field(default_factory=list)
    estructura: Estructura | None = None
    filas: Sequence = field(default_factory=list)  # valid rows: FilasRemuneracion / list of FilaFamiliar
    problemas: list[Problema] = field(default_factory=list)
    filas_leidas: int = 0  # non-blank rows below the header
    filas_con_error: set[int] = field(default_factory=set)  # their row numbers

    @property
    def mapeo(self) -> dict[str, Columna]:
        """Field → column used (recognised from the header or given explicitly)."""
        return dict(self.estructura.mapeo) if self.estructura else {}

    @property
    def errores(self) -> list[Problema]:
        return [p for p in self.problemas if p.gravedad == ERROR]

    @property
    def advertencias(self) -> list[Problema]:
        return [p for p in self.problemas if p.gravedad == ADVERTENCIA]

    @property
    def hay_errores(self) -> bool:
        return any(p.gravedad == ERROR for p in self.problemas)

    def ordenar(self) -> None:
        self.problemas.sort(key=lambda p: p.fila or 0)  # stable: within a row, in the order found


class Anotador:
    """Builds the Problemas of one sheet with its file and sheet names filled in."""

    def __init__(self, resultado: Resultado, lectura: Lectura):
        self.r = resultado
        self.archivo = lectura.archivo
        self.hoja = lectura.hoja

    def error(self, fila: int | None, columna: Columna | None, valor, motivo: str, campo: str | None = None) -> None:
        self.r.problemas.append(Problema(self.archivo, self.hoja, fila, None if columna is None else str(columna),
                                         texto_celda(valor), motivo, ERROR, campo))
        if fila is not None:
            self.r.filas_con_error.add(fila)

    def advertencia(self, fila: int, columna: Columna | None, valor, motivo: str, campo: str | None = None) -> None:
        self.r.problemas.append(Problema(self.archivo, self.hoja, fila, None if columna is None else str(columna),
                                         texto_celda(valor), motivo, ADVERTENCIA, campo))


def resultado_ilegible(tipo: str, ruta: str, error: ArchivoIlegible) -> Resultado:
    r = Resultado(tipo, ruta, error.problema.archivo, hoja=error.problema.hoja, hojas=list(error.hojas))
    r.problemas.append(error.problema)
    return r


def sin_datos(resultado: Resultado, lectura: Lectura) -> None:
    resultado.problemas.append(Problema(
        lectura.archivo, lectura.hoja, None, None, None,
        f"no hay filas de datos debajo del encabezado (fila {lectura.estructura.fila_encabezado})"))
