"""«Guardar informe…»: the problems of an import as an .xlsx (app.importers.informe_xlsx), asked
for and written like every export (app/ui/exportar.py: the same file dialog, remembered folder,
worker with «Cancelar», messages) and written atomically: a temporary file next to the destination
renamed over it, so a failure never leaves half a file nor destroys an earlier one."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from app.reports.excel import ErrorArchivoExcel

from .. import exportar, formato


def escribir_atomico(destino: Path, datos: bytes) -> Path:
    temporal = destino.with_name(f".~{destino.stem}.{secrets.token_hex(4)}.tmp")
    try:
        with open(temporal, "xb") as archivo:
            archivo.write(datos)
        os.replace(temporal, destino)
    except OSError as e:
        temporal.unlink(missing_ok=True)
        nombre = f"«{destino.name}» en {destino.parent}"
        if isinstance(e, FileNotFoundError):
            raise ErrorArchivoExcel(f"No se pudo guardar {nombre}: la carpeta no existe.", "Elija otra carpeta.") from None
        if isinstance(e, PermissionError):
            raise ErrorArchivoExcel(f"No se pudo guardar {nombre}: no hay permiso para escribirlo o el archivo está "
                                    "abierto en otro programa (¿Excel?).", "Ciérrelo o elija otro nombre.") from None
        raise ErrorArchivoExcel(f"No se pudo guardar {nombre}: {e.strerror or e}.") from None
    return destino


def guardar_informe(parent, problemas: list, archivo: str, destino: Path | None = None):
    """Ask where (unless `destino`) and write the report of `problemas`, in the order given.
    Returns the export task (None if the user cancelled the file dialog)."""
    from app.importers import informe_xlsx

    filas = list(problemas)

    def trabajo(ruta: Path, avance):
        avance(0, 0, f"Guardando {formato.entero(len(filas))} problemas…")
        return escribir_atomico(ruta, informe_xlsx(filas))

    def describir(ruta: Path) -> str:
        n = len(filas)
        return f"Se guardó el informe con {formato.entero(n)} problema{'' if n == 1 else 's'} en «{ruta.name}»."

    return exportar.exportar(parent, f"problemas_{Path(archivo).stem}", trabajo, describir, destino)
