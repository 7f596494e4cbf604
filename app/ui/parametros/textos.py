"""What the parameters screen shows of each table: names, columns and the es-AR text of a row.

Pure functions over the services' rows (dicts of date / Decimal / str); no Qt, so they are tested
and reused by the window, the preview dialog and the tests alike.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from .. import formato
from ..modelos import Columna

# (key of the service, what the user calls it), in the combo's order
TABLAS = (
    ("ripte", "RIPTE"),
    ("tasas", "Tasa activa BNA"),
    ("montos", "Montos SRT (piso, CAPU, IAPU)"),
    ("gran_invalidez", "Gran invalidez"),
    ("regimenes", "Regímenes"),
    ("feriados", "Feriados administrativos"),
    ("plazos", "Plazos del procedimiento"),
)
NOMBRES = dict(TABLAS)
ORIGEN = "Origen"

_PLAZOS = {
    "notificacion_dh": "Notificación a derechohabientes",
    "pago_pre_27348": "Pago (PMI anterior a la Ley 27.348)",
    "presentacion_homologacion": "Presentación para homologar",
    "acto_homologacion": "Acto de homologación",
    "pago_post_homologacion": "Pago después de la homologación",
}


def fecha(valor) -> str:
    if valor is None or valor == "":
        return formato.VACIO
    return formato.fecha(valor.isoformat() if isinstance(valor, date) else str(valor))


def momento(valor: datetime | None) -> str:
    """A stored UTC timestamp in the PC's local time: dd/mm/aaaa hh:mm."""
    if valor is None:
        return formato.VACIO
    return valor.replace(tzinfo=UTC).astimezone().strftime("%d/%m/%Y %H:%M")


def tasa(valor) -> str:
    return formato.VACIO if valor is None else f"{formato.numero(valor, 2)} %"


def texto(valor) -> str:
    return formato.VACIO if valor is None or valor == "" else str(valor)


def _valor_regimen(valor: str) -> str:
    """regimen.csv keeps dates and amounts in one text column."""
    if len(valor) == 10 and valor[4] == "-":
        return fecha(valor)
    try:
        return formato.monto(Decimal(valor))
    except ArithmeticError:
        return valor


def _dias(desde: date, hasta: date) -> str:
    return formato.entero((hasta - desde).days + 1)


# For each table: its columns and how a row of the service becomes their texts.
COLUMNAS: dict[str, tuple[Columna, ...]] = {
    "ripte": (Columna("Período"), Columna("Índice RIPTE", True)),
    "tasas": (Columna("Desde"), Columna("Hasta"), Columna("Días", True), Columna("TNA", True),
              Columna("Fuente del dato")),
    "montos": (Columna("Desde"), Columna("Hasta"), Columna("Norma"), Columna("Piso", True), Columna("CAPU a", True),
               Columna("CAPU b", True), Columna("CAPU c (muerte)", True), Columna("IAPU mínimo", True),
               Columna("Nota")),
    "gran_invalidez": (Columna("Desde"), Columna("Hasta"), Columna("Monto mensual", True), Columna("Norma")),
    "regimenes": (Columna("Clave"), Columna("Valor", True), Columna("Norma")),
    "feriados": (Columna("Fecha"), Columna("Descripción")),
    "plazos": (Columna("Plazo"), Columna("Días", True), Columna("Hábiles"), Columna("Norma")),
}


def textos_fila(tabla: str, f: dict) -> tuple[str, ...]:
    """The es-AR texts of one row (without the origin column)."""
    if tabla == "ripte":
        return (formato.periodo(f["periodo"]), formato.numero(f["indice"], 2))
    if tabla == "tasas":
        return (fecha(f["desde"]), fecha(f["hasta"]), _dias(f["desde"], f["hasta"]), tasa(f["tna"]),
                texto(f.get("origen")))
    if tabla == "montos":
        return (fecha(f["desde"]), fecha(f["hasta"]), texto(f["norma"]), formato.monto(f["piso"]),
                formato.monto(f["capu_a"]), formato.monto(f["capu_b"]), formato.monto(f["capu_c"]),
                formato.monto(f.get("iapu_minimo")), texto(f.get("nota")))
    if tabla == "gran_invalidez":
        return (fecha(f["desde"]), fecha(f["hasta"]), formato.monto(f["monto"]), texto(f.get("norma")))
    if tabla == "regimenes":
        return (texto(f["clave"]), _valor_regimen(str(f["valor"])), texto(f.get("norma")))
    if tabla == "feriados":
        return (fecha(f["fecha"]), texto(f["descripcion"]))
    if tabla == "plazos":
        return (_PLAZOS.get(f["clave"], f["clave"]), formato.entero(f["dias"]), "Sí" if f["habiles"] else "No",
                texto(f.get("norma")))
    raise KeyError(tabla)


def clave(tabla: str, valor) -> str:
    """The key of a row (period, date or name) as the user reads it, for the list of changes."""
    if tabla == "ripte":
        return formato.periodo(str(valor))
    if isinstance(valor, date):
        return fecha(valor)
    return _PLAZOS.get(str(valor), str(valor))


def resumen(tabla: str, f: dict | None, campos: tuple[str, ...] = ()) -> str:
    """A row in one line for the list of changes: only `campos` when given (what changed)."""
    if f is None:
        return formato.VACIO
    titulos = [c.titulo for c in COLUMNAS[tabla]]
    valores = textos_fila(tabla, f)
    elegidos = _campos_a_columnas(tabla, campos) if campos else range(1, len(titulos))
    return " · ".join(f"{titulos[i]}: {valores[i]}" for i in elegidos)


# which displayed column shows each stored field (to name what changed)
_COLUMNA_DE = {
    "ripte": {"indice": 1},
    "tasas": {"hasta": 1, "tna": 3, "origen": 4},
    "montos": {"hasta": 1, "norma": 2, "piso": 3, "capu_a": 4, "capu_b": 5, "capu_c": 6, "iapu_minimo": 7,
               "nota": 8},
    "gran_invalidez": {"hasta": 1, "monto": 2, "norma": 3},
    "regimenes": {"valor": 1, "norma": 2},
    "feriados": {"descripcion": 1},
    "plazos": {"dias": 1, "habiles": 2, "norma": 3},
}


def _campos_a_columnas(tabla: str, campos: tuple[str, ...]) -> list[int]:
    return sorted({_COLUMNA_DE[tabla][c] for c in campos if c in _COLUMNA_DE[tabla]})


def texto_filtro(textos: tuple[str, ...]) -> str:
    """What the search box matches a row against: its texts, also without dots (so «2019»
    finds 05-2019 and «4676» finds 4.676,25)."""
    junto = " ".join(textos).lower()
    return junto + " " + junto.replace(".", "")


def reflujo(markdown: str) -> str:
    """SOURCES.md is wrapped at ~100 columns: join each paragraph or bullet into one line, so that
    the text box wraps it to its own width."""
    salida: list[str] = []
    for linea in markdown.splitlines():
        limpia = linea.strip()
        nuevo_bloque = (not limpia or limpia.startswith(("#", "- ")) or not salida or not salida[-1]
                        or salida[-1].startswith("#"))
        if nuevo_bloque:
            salida.append(limpia)
        else:
            salida[-1] += " " + limpia
    return "\n".join(salida)
