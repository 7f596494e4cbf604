"""What an import reports: one `Problema` per cell or row (file, sheet, row, column, value, why,
severity), and the errors an import raises. Plain data: no database, no Qt."""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import ErrorAplicacion

ERROR, ADVERTENCIA = "error", "advertencia"


def letra_columna(indice: int) -> str:
    """0 → «A», 25 → «Z», 26 → «AA» (the column names the user sees in Excel)."""
    letras = ""
    n = indice + 1
    while n:
        n, resto = divmod(n - 1, 26)
        letras = chr(65 + resto) + letras
    return letras


def indice_columna(letras: str) -> int:
    """«A» → 0, «AA» → 26; ValueError if it is not a column name."""
    texto = letras.strip().upper()
    if not texto or not texto.isascii() or not texto.isalpha() or len(texto) > 3:
        raise ValueError(f"«{letras}» no es una letra de columna")
    n = 0
    for c in texto:
        n = n * 26 + (ord(c) - 64)
    return n - 1


@dataclass(frozen=True)
class Columna:
    """A column of the sheet: its position (0 = A), letter and header text."""

    indice: int
    encabezado: str

    @property
    def letra(self) -> str:
        return letra_columna(self.indice)

    def __str__(self) -> str:
        return f"{self.letra} «{self.encabezado}»" if self.encabezado else self.letra


@dataclass(frozen=True)
class Problema:
    """One problem of an imported file. `fila` is the row number the user sees in Excel (the CSV
    line number for a CSV); `fila`, `columna` and `valor` are None when the whole file is meant."""

    archivo: str
    hoja: str | None
    fila: int | None
    columna: str | None  # «C «Período»»: letter and header
    valor: str | None  # the cell as read, as text
    motivo: str
    gravedad: str = ERROR  # "error" | "advertencia"
    campo: str | None = None  # the field it belongs to (periodo, remuneracion…), for the GUI

    @property
    def es_error(self) -> bool:
        return self.gravedad == ERROR

    def __str__(self) -> str:
        partes = [self.archivo]
        if self.hoja:
            partes.append(f"hoja «{self.hoja}»")
        if self.fila is not None:
            partes.append(f"fila {self.fila}")
        if self.columna:
            partes.append(f"columna {self.columna}")
        donde = ", ".join(partes)
        if self.valor not in (None, ""):
            donde += f" («{self.valor}»)"
        prefijo = "" if self.es_error else "advertencia: "
        return f"{donde}: {prefijo}{self.motivo}"


class ImportacionRechazada(ErrorAplicacion):
    """The file has errors: nothing was written. `problemas` lists every one (and the warnings)."""

    def __init__(self, archivo: str, problemas: list[Problema]):
        self.archivo = archivo
        self.problemas = list(problemas)
        errores = [p for p in self.problemas if p.es_error]
        if len(errores) == 1:
            mensaje = f"No se importó nada: {errores[0]}"
        else:
            mensaje = (f"No se importó nada: «{archivo}» tiene {len(errores)} errores; el primero: "
                       f"{errores[0] if errores else '—'}")
        super().__init__(mensaje, "Corrija el archivo, o importe solo las filas válidas.")


class ImportacionCancelada(ErrorAplicacion):
    """The user cancelled: nothing was written."""

    def __init__(self, archivo: str):
        self.archivo = archivo
        super().__init__(f"Importación de «{archivo}» cancelada: no se guardó nada.")
