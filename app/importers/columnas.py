"""Which column holds which field: the header row found below any title block, columns
recognised by their header (case, accents, spaces and punctuation ignored), and an explicit
mapping (field → column letter or header text) that overrides what was recognised."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .problemas import Columna, indice_columna
from .valores import normalizar, texto_celda, vacia

FILAS_BUSCAR_ENCABEZADO = 30  # a title block or notes above the header, within these rows


@dataclass(frozen=True)
class Campo:
    nombre: str  # field of the row dataclass
    titulo: str  # how messages and the GUI call it
    requerido: bool
    sinonimos: tuple[str, ...]  # header texts, compared normalized


def _n(*textos: str) -> tuple[str, ...]:
    return tuple(normalizar(t) for t in textos)


CAMPOS_REMUNERACIONES = (
    Campo("cuil", "CUIL", True, _n(
        "CUIL", "CUIT", "CUIL/CUIT", "CUIT/CUIL", "Cuit-Cuil", "Cuil-Cuit", "CUIL del agente", "CUIL agente",
        "Nº de CUIL", "Nro CUIL", "Número de CUIL", "CUIL del empleado", "CUIL empleado")),
    Campo("periodo", "Período", True, _n(
        "Período", "Periodo", "Mes", "Mes liquidado", "Período liquidado", "Mes/Año", "Mes y año",
        "Período (AAAA-MM)", "Período (MM/AAAA)", "Mes de liquidación", "Período de liquidación", "Fecha")),
    Campo("remuneracion", "Remuneración", True, _n(
        "Remuneración", "Remuneracion", "Remuneraciones", "Remuneración bruta", "Remuneración total",
        "Haberes", "Haber", "Haberes brutos", "Haber bruto", "Sueldo", "Sueldo bruto", "Bruto", "Total bruto",
        "Remuneración mensual", "Importe", "Monto")),
    Campo("sac", "SAC", False, _n(
        "SAC", "S.A.C.", "Aguinaldo", "Sueldo anual complementario", "SAC devengado", "Importe SAC")),
    Campo("apellido_nombre", "Apellido y nombre", False, _n(
        "Apellido y Nombre", "Apellido y nombres", "Apellidos y nombres", "Nombre", "Nombre y apellido",
        "Agente", "Apellido, Nombre", "Empleado")),
)

CAMPOS_FAMILIARES = (
    Campo("cuil_agente", "CUIL del agente", True, _n(
        "CUIL agente", "CUIL del agente", "CUIL titular", "CUIL del titular", "CUIL empleado",
        "CUIL del empleado", "CUIT agente", "Cuit-Cuil agente", "CUIL/CUIT del agente")),
    Campo("parentesco", "Parentesco", True, _n("Parentesco", "Vínculo", "Relación", "Vinculo familiar")),
    Campo("apellido_nombre", "Apellido y nombre", True, _n(
        "Apellido y Nombre", "Apellido y nombres", "Apellidos y nombres", "Nombre", "Nombre y apellido",
        "Apellido y nombre del familiar", "Nombre del familiar", "Familiar")),
    Campo("cuil", "CUIL del familiar", False, _n(
        "CUIL familiar", "CUIL del familiar", "CUIL", "CUIT", "Cuit-Cuil", "CUIL/CUIT")),
    Campo("fecha_nacimiento", "Fecha de nacimiento", False, _n(
        "Fecha de nacimiento", "Fecha nacimiento", "F. nacimiento", "Fecha de nac.", "Nacimiento",
        "Fecha de nacimiento del familiar")),
    Campo("estudiante", "Estudiante", False, _n("Estudiante", "Estudia", "¿Estudia?", "Es estudiante")),
    Campo("incapacitado", "Incapacitado", False, _n(
        "Incapacitado", "Incapacitada", "Incapacitado/a", "Discapacidad", "Con discapacidad", "Incapacidad")),
    Campo("domicilio", "Domicilio", False, _n("Domicilio", "Dirección", "Domicilio del familiar")),
    Campo("cbu", "CBU", False, _n("CBU", "CBU del familiar", "Cuenta (CBU)", "Nº de CBU")),
    # the agent's own data, only needed to create agents that are not in the store
    Campo("agente_apellido_nombre", "Apellido y nombre del agente", False, _n(
        "Apellido y nombre del agente", "Nombre del agente", "Agente", "Apellido y nombre agente",
        "Apellido y nombre del titular", "Titular")),
    Campo("agente_fecha_nacimiento", "Fecha de nacimiento del agente", False, _n(
        "Fecha de nacimiento del agente", "Fecha nacimiento agente", "Nacimiento del agente",
        "Fecha de nacimiento del titular")),
    Campo("organismo", "Organismo", False, _n("Organismo", "Código de organismo", "Organismo (código)",
                                              "Repartición", "Empleador")),
)

CAMPOS = {"remuneraciones": CAMPOS_REMUNERACIONES, "familiares": CAMPOS_FAMILIARES}


@dataclass
class Estructura:
    """Where the data of a sheet is: header row, every header column, and field → column."""

    fila_encabezado: int
    columnas: list[Columna]  # every non-empty header cell, left to right
    mapeo: dict[str, Columna]  # field → column, recognised or explicit
    faltantes: list[Campo]  # required fields with no column


class MapeoInvalido(ValueError):
    """An explicit mapping names an unknown field or a column that is not in the header."""


def reconocer(encabezado: str, campos: tuple[Campo, ...]) -> Campo | None:
    clave = normalizar(encabezado)
    if not clave:
        return None
    return next((c for c in campos if clave in c.sinonimos), None)


def es_encabezado(celdas: list, campos: tuple[Campo, ...], extra: set[str]) -> bool:
    """A header row has at least two cells naming a known field (or an explicitly mapped header)."""
    reconocidas = set()
    for valor in celdas:
        if vacia(valor) or not isinstance(valor, str):
            continue
        campo = reconocer(valor, campos)
        if campo is not None:
            reconocidas.add(campo.nombre)
        elif normalizar(valor) in extra:
            reconocidas.add(normalizar(valor))
        if len(reconocidas) >= 2:
            return True
    return False


def textos_explicitos(mapeo: Mapping[str, str | None] | None) -> set[str]:
    """Header texts (not letters) of an explicit mapping: they also mark the header row."""
    return {normalizar(v) for v in (mapeo or {}).values() if isinstance(v, str) and len(v.strip()) > 3}


def _es_letra(texto: str) -> bool:
    t = texto.strip()
    return 1 <= len(t) <= 3 and t.isascii() and t.isalpha()


def estructura(fila_encabezado: int, celdas: list, desplazamiento: int, campos: tuple[Campo, ...],
               mapeo: Mapping[str, str | None] | None) -> Estructura:
    """Field → column from the header cells (`celdas[0]` is column `desplazamiento`), then the
    explicit `mapeo` applied on top: a letter («C») or a header text («Haberes») per field; None
    drops a field's column. Raises MapeoInvalido for an unknown field or column."""
    columnas = [Columna(desplazamiento + i, texto_celda(v)) for i, v in enumerate(celdas) if not vacia(v)]
    detectado: dict[str, Columna] = {}
    for col in columnas:
        campo = reconocer(col.encabezado, campos)
        if campo is not None and campo.nombre not in detectado:
            detectado[campo.nombre] = col
    nombres = {c.nombre for c in campos}
    explicitas: dict[int, str] = {}
    for campo, destino in (mapeo or {}).items():
        if campo not in nombres:
            raise MapeoInvalido(f"el campo «{campo}» no existe (puede ser: {', '.join(sorted(nombres))})")
        if destino is None or (isinstance(destino, str) and not destino.strip()):
            detectado.pop(campo, None)
            continue
        col = _columna(str(destino), columnas)
        if col.indice in explicitas:
            raise MapeoInvalido(f"la columna {col} está elegida para dos campos: {explicitas[col.indice]} y {campo}")
        explicitas[col.indice] = campo
        for otro, c in list(detectado.items()):
            if c.indice == col.indice and otro != campo:
                del detectado[otro]  # one column feeds one field: the explicit choice wins
        detectado[campo] = col
    faltantes = [c for c in campos if c.requerido and c.nombre not in detectado]
    orden = {c.nombre: i for i, c in enumerate(campos)}
    return Estructura(fila_encabezado, columnas, dict(sorted(detectado.items(), key=lambda kv: orden[kv[0]])),
                      faltantes)


def _columna(destino: str, columnas: list[Columna]) -> Columna:
    """A header text first (a header «SAC» is not column SAC), then a column letter."""
    clave = normalizar(destino)
    encontrada = next((c for c in columnas if normalizar(c.encabezado) == clave), None)
    if encontrada is not None:
        return encontrada
    if _es_letra(destino):
        indice = indice_columna(destino)
        return next((c for c in columnas if c.indice == indice), Columna(indice, ""))
    raise MapeoInvalido(f"no hay una columna «{destino}» en el encabezado")
