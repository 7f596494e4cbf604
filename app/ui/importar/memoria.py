"""The column mapping the user chose, remembered per kind of import and file format.

A payroll system exports the same headers every month: when the user had to pick a column by
hand (or dropped one that was recognised), the next file with the same headers gets the same
choice. The key is the kind plus every header column (position and normalized text), so a file
whose columns moved or were renamed is not given a mapping meant for another layout. Only a
mapping that differs from what the headers alone give is stored."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence

from app.importers.columnas import CAMPOS
from app.importers.problemas import Columna, indice_columna
from app.importers.valores import normalizar

GRUPO = "importar/columnas"
CLAVE_CARPETA = "importar/carpeta"


def _configuracion():
    from ..administracion.ventana import configuracion  # the program's settings file (INI)

    return configuracion()


def clave(tipo: str, columnas: Sequence[Columna]) -> str:
    """`tipo` + a digest of the header: «remuneraciones_3f2a…» (INI keys stay short and plain)."""
    firma = "|".join(f"{c.indice}:{normalizar(c.encabezado)}" for c in columnas)
    return f"{tipo}_{hashlib.sha1(firma.encode('utf-8')).hexdigest()[:20]}"


def letras(mapeo: Mapping[str, Columna | None]) -> dict[str, str | None]:
    return {campo: None if col is None else col.letra for campo, col in mapeo.items()}


def recordada(tipo: str, columnas: Sequence[Columna]) -> dict[str, str | None] | None:
    """The mapping stored for this header (field → column letter, None = no column), or None.
    A stored mapping that no longer fits (unknown field or column) is ignored."""
    texto = _configuracion().value(f"{GRUPO}/{clave(tipo, columnas)}")
    if not isinstance(texto, str) or not texto:
        return None
    try:
        mapeo = json.loads(texto)
    except ValueError:
        return None
    nombres = {c.nombre for c in CAMPOS[tipo]}
    indices = {c.indice for c in columnas}
    if not isinstance(mapeo, dict):
        return None
    for campo, letra in mapeo.items():
        if campo not in nombres:
            return None
        if letra is not None:
            try:
                if not isinstance(letra, str) or indice_columna(letra) not in indices:
                    return None
            except ValueError:
                return None
    return {c.nombre: mapeo.get(c.nombre) for c in CAMPOS[tipo]}


def recordar(tipo: str, columnas: Sequence[Columna], elegido: Mapping[str, str | None],
             detectado: Mapping[str, str | None]) -> bool:
    """Store `elegido` for this header if it differs from `detectado` (else forget any stored
    one). True if stored."""
    ajustes = _configuracion()
    nombre = f"{GRUPO}/{clave(tipo, columnas)}"
    campos = [c.nombre for c in CAMPOS[tipo]]
    completo = {c: elegido.get(c) for c in campos}
    if completo == {c: detectado.get(c) for c in campos}:
        ajustes.remove(nombre)
        ajustes.sync()
        return False
    ajustes.setValue(nombre, json.dumps(completo, ensure_ascii=False))
    ajustes.sync()
    return True


def carpeta() -> str:
    valor = _configuracion().value(CLAVE_CARPETA)
    return valor if isinstance(valor, str) else ""


def recordar_carpeta(ruta: str) -> None:
    ajustes = _configuracion()
    ajustes.setValue(CLAVE_CARPETA, ruta)
    ajustes.sync()
