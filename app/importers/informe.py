"""The problems of an import as an .xlsx the user can keep, sort and filter: es-AR headers,
frozen header row, column widths, row numbers as numbers."""

from __future__ import annotations

import io
from collections.abc import Iterable

from .problemas import ERROR, Problema

ENCABEZADOS = ("Archivo", "Hoja", "Fila", "Columna", "Valor", "Problema", "Gravedad")
ANCHOS = (28, 18, 8, 26, 26, 90, 13)
GRAVEDAD = {ERROR: "Error", "advertencia": "Advertencia"}


def informe_xlsx(problemas: Iterable[Problema], titulo: str = "Problemas") -> bytes:
    """The .xlsx bytes of the problem report (one row per problem, in the order given)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    libro = Workbook(write_only=True)  # a report may list a million rows
    hoja = libro.create_sheet(titulo[:31])
    hoja.freeze_panes = "A2"
    for i, ancho in enumerate(ANCHOS):
        hoja.column_dimensions[chr(65 + i)].width = ancho
    negrita, relleno = Font(bold=True), PatternFill("solid", fgColor="DDE4EE")
    encabezado = []
    for texto in ENCABEZADOS:
        celda = WriteOnlyCell(hoja, value=texto)
        celda.font, celda.fill = negrita, relleno
        celda.alignment = Alignment(vertical="center")
        encabezado.append(celda)
    hoja.append(encabezado)
    for p in problemas:
        hoja.append([p.archivo, p.hoja or "", p.fila, p.columna or "", p.valor or "", p.motivo,
                     GRAVEDAD.get(p.gravedad, p.gravedad)])
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()
