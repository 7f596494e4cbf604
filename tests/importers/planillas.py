"""Real spreadsheet files for the import tests, written with openpyxl (and CSV text)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from stdnum.ar import cuit


def cuil(dni: int, prefijo: str = "20") -> str:
    """A valid CUIL «PP-DDDDDDDD-V»."""
    base = f"{prefijo}{dni:08d}"
    return f"{prefijo}-{dni:08d}-{cuit.calc_check_digit(base)}"


def digitos(texto: str) -> str:
    return texto.replace("-", "")


def xlsx(ruta: Path, hojas: dict[str, list[list]], *, combinar: dict[str, list[str]] | None = None,
         formatos: dict[str, dict[str, str]] | None = None) -> Path:
    """A workbook with one sheet per entry (rows from A1; None = empty cell), merged ranges and
    number formats per sheet."""
    libro = Workbook()
    libro.remove(libro.active)
    for nombre, filas in hojas.items():
        hoja = libro.create_sheet(nombre)
        for i, fila in enumerate(filas, start=1):
            for j, valor in enumerate(fila, start=1):
                if valor is not None:
                    hoja.cell(row=i, column=j, value=valor)
        for rango in (combinar or {}).get(nombre, []):
            hoja.merge_cells(rango)
        for celda, formato in (formatos or {}).get(nombre, {}).items():
            hoja[celda].number_format = formato
    libro.save(ruta)
    return ruta
