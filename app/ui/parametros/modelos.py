"""Table models of the parameters screen: a table's rows, its versions, and the preview's
problems and changes. All read-only, rows preformatted (see `textos.py`)."""

from __future__ import annotations

from typing import ClassVar

from ..modelos import Columna, Fila, ModeloTabla
from . import textos

# Row styles of ModeloTabla: the version in force, and added / removed rows in the preview.
VIGENTE = "elegible"  # green, as SiAPe's accredited rows
QUITADA = "excluido"  # grey


class ModeloFilas(ModeloTabla):
    """The rows of one version of one table, plus the origin of each row; filterable.

    The columns depend on the table: `para(tabla)` gives the model class of that table."""

    TABLA = ""
    _clases: ClassVar[dict[str, type[ModeloFilas]]] = {}

    @classmethod
    def para(cls, tabla: str) -> type[ModeloFilas]:
        if tabla not in cls._clases:
            columnas = textos.COLUMNAS[tabla] + (Columna(textos.ORIGEN),)
            cls._clases[tabla] = type(f"ModeloFilas_{tabla}", (cls,), {"COLUMNAS": columnas, "TABLA": tabla})
        return cls._clases[tabla]

    def __init__(self, parent=None):
        super().__init__(parent)
        self._todas: list[Fila] = []
        self._buscables: list[str] = []
        self.filtro = ""

    def cargar(self, version: dict) -> None:
        """`version` is `parametros.filas_version(...)`: each row's origin is its version's."""
        origen = version["origen"]
        ayuda = (f"Versión {version['numero']} · cargada por {version['cargado_por']} el "
                 f"{textos.momento(version['cargado_en'])}\nOrigen: {origen}")
        titulos = [c.titulo for c in self.COLUMNAS[:-1]]
        self._todas = []
        for f in version["filas"]:
            valores = textos.textos_fila(self.TABLA, f)
            # the tooltip carries the whole row: long texts (normas, notas) are elided in the grid
            detalle = "\n".join(f"{t}: {v}" for t, v in zip(titulos, valores))
            self._todas.append(Fila(valores + (origen,), "", f"{detalle}\n\n{ayuda}"))
        self._buscables = [textos.texto_filtro(f.textos[:-1]) for f in self._todas]
        self.filtrar(self.filtro)

    def filtrar(self, texto: str) -> None:
        """Keep the rows whose texts contain every word of `texto` (case-insensitive)."""
        self.filtro = texto
        palabras = texto.lower().split()
        if not palabras:
            self.poner_filas(self._todas)
            return
        self.poner_filas([f for f, b in zip(self._todas, self._buscables) if all(p in b for p in palabras)])

    @property
    def total(self) -> int:
        return len(self._todas)


class ModeloVersiones(ModeloTabla):
    COLUMNAS = (Columna("N°", True), Columna("Estado"), Columna("Cuándo"), Columna("Cargada por"),
                Columna("Origen / archivo"), Columna("SHA-256"))

    def cargar(self, versiones: list[dict]) -> None:
        """`versiones` is `parametros.versiones(...)`; the newest first."""
        self.numeros = [v["numero"] for v in reversed(versiones)]
        self.poner_filas([
            Fila((str(v["numero"]), "Vigente" if v["vigente"] else "Reemplazada", textos.momento(v["cargado_en"]),
                  v["cargado_por"], v["origen"], v["sha256"]),
                 VIGENTE if v["vigente"] else "", f"SHA-256 del archivo: {v['sha256']}")
            for v in reversed(versiones)
        ])


class ModeloProblemas(ModeloTabla):
    COLUMNAS = (Columna("Archivo"), Columna("Fila", True), Columna("Campo"), Columna("Problema"))

    def cargar(self, problemas) -> None:
        self.poner_filas([
            Fila((p.archivo, "" if p.fila is None else str(p.fila), p.campo or "", p.motivo), "", str(p))
            for p in problemas
        ])


TIPOS_CAMBIO = {"agregada": "Agregada", "cambiada": "Cambiada", "quitada": "Quitada"}


class ModeloCambios(ModeloTabla):
    COLUMNAS = (Columna("Cambio"), Columna("Fila"), Columna("Antes"), Columna("Ahora"))

    def cargar(self, tabla: str, cambios) -> None:
        filas = []
        for c in cambios:
            estilo = {"agregada": VIGENTE, "quitada": QUITADA}.get(c.tipo, "")
            antes = textos.resumen(tabla, c.antes, c.campos) if c.antes is not None else ""
            ahora = textos.resumen(tabla, c.ahora, c.campos) if c.ahora is not None else ""
            filas.append(Fila((TIPOS_CAMBIO[c.tipo], textos.clave(tabla, c.clave), antes, ahora), estilo))
        self.poner_filas(filas)
