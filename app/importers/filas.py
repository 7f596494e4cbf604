"""The valid salary rows of a file. A file may hold a million rows, so they are kept column by
column (row numbers and centavos in typed arrays, CUIL / período / name as shared strings: about
45 bytes a row instead of ~250 for one object per row) and handed out as `FilaRemuneracion`
objects on demand. Amounts are integer centavos (exact, the store's own form) and read as
Decimal through `remuneracion` / `sac`."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal


@dataclass(slots=True)
class FilaRemuneracion:
    fila: int  # row number in the sheet
    cuil: str  # 11 digits
    periodo: str  # AAAA-MM
    remuneracion_centavos: int
    sac_centavos: int = 0
    apellido_nombre: str | None = None

    @property
    def remuneracion(self) -> Decimal:
        return Decimal(self.remuneracion_centavos).scaleb(-2)

    @property
    def sac(self) -> Decimal:
        return Decimal(self.sac_centavos).scaleb(-2)


class FilasRemuneracion(Sequence):
    """A read-only sequence of FilaRemuneracion stored column-wise."""

    __slots__ = ("fila", "cuil", "periodo", "remuneracion", "sac", "nombre")

    def __init__(self) -> None:
        self.fila = array("q")
        self.cuil: list[str] = []
        self.periodo: list[str] = []
        self.remuneracion = array("q")  # centavos
        self.sac = array("q")  # centavos
        self.nombre: list[str | None] = []

    def __len__(self) -> int:
        return len(self.fila)

    def _fila(self, i: int) -> FilaRemuneracion:
        return FilaRemuneracion(self.fila[i], self.cuil[i], self.periodo[i], self.remuneracion[i], self.sac[i],
                                self.nombre[i])

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._fila(k) for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._fila(i)

    def __iter__(self) -> Iterator[FilaRemuneracion]:
        for datos in zip(self.fila, self.cuil, self.periodo, self.remuneracion, self.sac, self.nombre):
            yield FilaRemuneracion(*datos)

    def __repr__(self) -> str:
        return f"<FilasRemuneracion: {len(self)} filas>"

    def columnas(self) -> Iterator[tuple]:
        """(fila, cuil, periodo, remuneración, SAC, nombre) tuples, centavos as int: the fast way."""
        return zip(self.fila, self.cuil, self.periodo, self.remuneracion, self.sac, self.nombre)

    def seleccion(self, indices: Iterable[int]) -> FilasRemuneracion:
        """The rows at `indices` (in that order), as a new sequence."""
        nuevas = FilasRemuneracion()
        for i in indices:
            nuevas.fila.append(self.fila[i])
            nuevas.cuil.append(self.cuil[i])
            nuevas.periodo.append(self.periodo[i])
            nuevas.remuneracion.append(self.remuneracion[i])
            nuevas.sac.append(self.sac[i])
            nuevas.nombre.append(self.nombre[i])
        return nuevas
