"""The structure of a file without reading its rows: sheets, header row, every header column
and the field → column mapping (recognised, or as given). The column-mapping step of an import
wizard shows this before the (long) preview."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .columnas import CAMPOS
from .lector import ArchivoIlegible, abrir, columnas_faltantes
from .problemas import Problema
from .resultado import Resultado, resultado_ilegible


def examinar(ruta: Path | str, tipo: str, *, hoja=None, mapeo: Mapping[str, str | None] | None = None) -> Resultado:
    """A Resultado without rows: `hojas`, `hoja`, `estructura` (fila_encabezado, columnas, mapeo,
    faltantes) or the one Problema that makes the file unusable. `tipo`: «remuneraciones» or
    «familiares»."""
    try:
        lectura = abrir(ruta, CAMPOS[tipo], hoja=hoja, mapeo=mapeo, exigir_columnas=False)
    except ArchivoIlegible as e:
        return resultado_ilegible(tipo, str(ruta), e)
    lectura.filas = iter(())  # frees the sheet
    r = Resultado(tipo, str(ruta), lectura.archivo, lectura.hoja, lectura.hojas, lectura.estructura)
    if lectura.estructura.faltantes:  # the structure is kept, so that the user can pick the columns
        r.problemas.append(Problema(lectura.archivo, lectura.hoja, None, None, None,
                                    columnas_faltantes(lectura.estructura)))
    return r
