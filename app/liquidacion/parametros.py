"""Parameter tables (RIPTE, BNA tasa activa, SRT semester amounts, regime dates) and their lookups.

The tables are data, never constants in code (spec §7). Lookups raise `ParametroFaltante` naming
exactly what is missing; nothing missing is ever taken as zero. Loaders validate every row and name
the file, row and field of a bad value.
"""

from __future__ import annotations

import bisect
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .errores import ParametroFaltante, ParametrosInvalidos
from .fechas import Periodo, ddmmaaaa

# RIPTE month-to-month change accepted when loading (spec §7): a jump outside it is a typo.
RIPTE_VARIACION_MIN = Decimal("-0.20")
RIPTE_VARIACION_MAX = Decimal("0.40")
TNA_MAXIMA = Decimal(1000)  # percent; a higher figure is a typo (e.g. TEM loaded as TNA ×100)


@dataclass(frozen=True, slots=True)
class TasaVigente:
    desde: date
    hasta: date  # inclusive
    tna: Decimal  # nominal annual rate, percent
    origen: str = ""


@dataclass(frozen=True, slots=True)
class MontosSRT:
    """Amounts in force for contingencies whose PMI falls in [desde, hasta]."""

    desde: date
    hasta: date
    norma: str
    piso: Decimal
    capu_a: Decimal
    capu_b: Decimal
    capu_c: Decimal
    iapu_minimo: Decimal | None  # None before Ley 26.773
    nota: str = ""


@dataclass(frozen=True, slots=True)
class MontoGranInvalidez:
    desde: date
    hasta: date
    monto: Decimal
    norma: str


@dataclass(frozen=True, slots=True)
class Regimenes:
    """Regime thresholds and the Dec. 1278/00 amounts (PMI before Dec. 1694/09)."""

    fecha_dec_1694: date
    fecha_ley_26773: date
    fecha_ley_27348: date
    tope_dec_1278: Decimal
    capu_c_dec_1278: Decimal
    normas: dict[str, str] = field(default_factory=dict)


class TablaRipte:
    def __init__(self, indices: dict[Periodo, Decimal]):
        self._indices = dict(indices)

    def get(self, periodo: Periodo) -> Decimal | None:
        return self._indices.get(periodo)

    def indice(self, periodo: Periodo) -> Decimal:
        valor = self._indices.get(periodo)
        if valor is None:
            raise ParametroFaltante(f"Falta el RIPTE de {periodo}")
        return valor

    def __len__(self) -> int:
        return len(self._indices)

    def items(self) -> list[tuple[Periodo, Decimal]]:
        return sorted(self._indices.items())

    @property
    def ultimo(self) -> Periodo | None:
        return max(self._indices) if self._indices else None


class TablaPorVigencia:
    """Sorted, non-overlapping date ranges; `vigente(fecha)` finds the one containing a date."""

    def __init__(self, filas):
        self.filas = sorted(filas, key=lambda f: f.desde)
        self._desdes = [f.desde for f in self.filas]

    def buscar(self, fecha: date):
        i = bisect.bisect_right(self._desdes, fecha) - 1
        if i >= 0 and self.filas[i].hasta >= fecha:
            return self.filas[i]
        return None

    def indice_desde(self, fecha: date) -> int:
        return bisect.bisect_right(self._desdes, fecha) - 1


class TablaTasas(TablaPorVigencia):
    def __init__(self, filas):
        super().__init__(filas)
        # Prefix sums of TNA × days and ids of contiguous runs: any (from, to] interval is summed
        # in O(log n) instead of walking hundreds of daily rows.
        self._acumulado = [Decimal(0)]
        self._tramo_continuo = []
        corrida = 0
        for i, fila in enumerate(self.filas):
            if i and fila.desde.toordinal() != self.filas[i - 1].hasta.toordinal() + 1:
                corrida += 1
            self._tramo_continuo.append(corrida)
            self._acumulado.append(self._acumulado[-1] + fila.tna * ((fila.hasta - fila.desde).days + 1))

    def suma_tasas(self, desde_excl: date, hasta_incl: date) -> Decimal:
        """Σ TNA(d) (percent) over every day d in (desde_excl, hasta_incl], exact.

        Raises ParametroFaltante naming the first day without a rate."""
        if hasta_incl <= desde_excl:
            return Decimal(0)
        primero = date.fromordinal(desde_excl.toordinal() + 1)
        i = self.indice_desde(primero)
        j = self.indice_desde(hasta_incl)
        if (
            i < 0
            or self.filas[i].hasta < primero
            or self.filas[j].hasta < hasta_incl
            or self._tramo_continuo[i] != self._tramo_continuo[j]
        ):
            self.tramos(desde_excl, hasta_incl)  # walks the interval and names the gap
            raise AssertionError("tramos() debía informar el hueco")  # pragma: no cover
        fi, fj = self.filas[i], self.filas[j]
        hasta_j = self._acumulado[j] + fj.tna * ((hasta_incl - fj.desde).days + 1)
        hasta_i = self._acumulado[i] + fi.tna * ((desde_excl - fi.desde).days + 1)
        return hasta_j - hasta_i

    def tramos(self, desde_excl: date, hasta_incl: date) -> list[tuple[date, date, Decimal]]:
        """The (from, to, TNA) pieces covering every day in (desde_excl, hasta_incl].

        Raises ParametroFaltante naming the first day without a rate.
        """
        piezas = []
        dia = date.fromordinal(desde_excl.toordinal() + 1)
        i = self.indice_desde(dia)
        while dia <= hasta_incl:
            fila = self.filas[i] if 0 <= i < len(self.filas) else None
            if fila is None or not (fila.desde <= dia <= fila.hasta):
                hueco_hasta = hasta_incl
                siguiente = bisect.bisect_right(self._desdes, dia)
                if siguiente < len(self.filas) and self.filas[siguiente].desde <= hasta_incl:
                    hueco_hasta = date.fromordinal(self.filas[siguiente].desde.toordinal() - 1)
                rango = ddmmaaaa(dia) if hueco_hasta == dia else f"{ddmmaaaa(dia)} al {ddmmaaaa(hueco_hasta)}"
                raise ParametroFaltante(f"Falta la tasa activa BNA del {rango}")
            fin = min(fila.hasta, hasta_incl)
            piezas.append((dia, fin, fila.tna))
            dia = date.fromordinal(fin.toordinal() + 1)
            i += 1
        return piezas


class TablaMontos(TablaPorVigencia):
    def vigente(self, fecha: date) -> MontosSRT:
        fila = self.buscar(fecha)
        if fila is None:
            raise ParametroFaltante(
                f"No hay montos SRT (piso, CAPU, IAPU) vigentes para la fecha {ddmmaaaa(fecha)}"
            )
        return fila


class TablaGranInvalidez(TablaPorVigencia):
    def vigente(self, fecha: date) -> MontoGranInvalidez:
        fila = self.buscar(fecha)
        if fila is None:
            raise ParametroFaltante(
                f"Falta el monto mensual de gran invalidez vigente al {ddmmaaaa(fecha)}"
            )
        return fila


@dataclass(frozen=True)
class Parametros:
    ripte: TablaRipte
    tasas: TablaTasas
    montos: TablaMontos
    gran_invalidez: TablaGranInvalidez
    regimenes: Regimenes


# ---------------------------------------------------------------- loading from CSV text

ARCHIVOS = {
    "ripte": "ripte.csv",
    "tasas": "tasa_activa_bna.csv",
    "montos": "srt_montos.csv",
    "gran_invalidez": "gran_invalidez.csv",
    "regimenes": "regimen.csv",
}

_FECHA_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_NUMERO_RE = re.compile(r"^[0-9]+(\.[0-9]+)?\Z")


class _Lector:
    """Reads one CSV, checks its header and gives typed fields with file/row/field errors."""

    def __init__(self, texto: str, archivo: str, columnas: list[str]):
        self.archivo = archivo
        lector = csv.reader(io.StringIO(texto.lstrip("\ufeff")))
        try:
            encabezado = next(lector)
        except StopIteration:
            raise ParametrosInvalidos(archivo, None, None, "el archivo está vacío") from None
        encabezado = [c.strip() for c in encabezado]
        faltan = [c for c in columnas if c not in encabezado]
        if faltan:
            raise ParametrosInvalidos(
                archivo, 1, None, f"faltan las columnas {', '.join(faltan)} en el encabezado"
            )
        self._pos = {c: encabezado.index(c) for c in encabezado}
        self._filas = list(lector)

    def filas(self):
        for n, fila in enumerate(self._filas, start=2):
            if not any(c.strip() for c in fila):
                continue
            yield n, fila

    def texto(self, n, fila, col) -> str:
        i = self._pos[col]
        return fila[i].strip() if i < len(fila) else ""

    def fecha(self, n, fila, col) -> date:
        t = self.texto(n, fila, col)
        if not _FECHA_RE.match(t):
            raise ParametrosInvalidos(self.archivo, n, col, f"«{t}» no es una fecha AAAA-MM-DD")
        try:
            return date.fromisoformat(t)
        except ValueError:
            raise ParametrosInvalidos(self.archivo, n, col, f"«{t}» no es una fecha real") from None

    def numero(self, n, fila, col, opcional=False) -> Decimal | None:
        t = self.texto(n, fila, col)
        if t == "" and opcional:
            return None
        if not _NUMERO_RE.match(t):
            raise ParametrosInvalidos(
                self.archivo, n, col, f"«{t}» no es un número positivo (use punto decimal)"
            )
        try:
            valor = Decimal(t)
        except InvalidOperation:  # pragma: no cover - the regex already filters
            raise ParametrosInvalidos(self.archivo, n, col, f"«{t}» no es un número") from None
        if valor <= 0:
            raise ParametrosInvalidos(self.archivo, n, col, "debe ser mayor que cero")
        return valor


def _sin_solapes(archivo: str, filas_con_n: list, columna_desde: str = "desde") -> None:
    ordenadas = sorted(filas_con_n, key=lambda p: p[1].desde)
    for (n1, a), (n2, b) in zip(ordenadas, ordenadas[1:]):
        if b.desde <= a.hasta:
            raise ParametrosInvalidos(
                archivo, n2, columna_desde,
                f"la vigencia {ddmmaaaa(b.desde)}–{ddmmaaaa(b.hasta)} se superpone con la de la fila {n1}",
            )


def _rango(lector: _Lector, n, fila, col_desde, col_hasta) -> tuple[date, date]:
    desde = lector.fecha(n, fila, col_desde)
    hasta = lector.fecha(n, fila, col_hasta)
    if hasta < desde:
        raise ParametrosInvalidos(lector.archivo, n, col_hasta, "es anterior a la fecha desde")
    return desde, hasta


def leer_ripte(texto: str, archivo: str = ARCHIVOS["ripte"]) -> TablaRipte:
    lector = _Lector(texto, archivo, ["periodo", "indice"])
    indices: dict[Periodo, Decimal] = {}
    filas: dict[Periodo, int] = {}
    for n, fila in lector.filas():
        t = lector.texto(n, fila, "periodo")
        try:
            periodo = Periodo.parse(t)
        except ValueError as e:
            raise ParametrosInvalidos(archivo, n, "periodo", str(e)) from None
        if periodo in indices:
            raise ParametrosInvalidos(archivo, n, "periodo", f"{periodo} está repetido (fila {filas[periodo]})")
        indices[periodo] = lector.numero(n, fila, "indice")
        filas[periodo] = n
    for periodo in sorted(indices):
        anterior = indices.get(periodo.desplazar(-1))
        if anterior is None:
            continue
        variacion = indices[periodo] / anterior - 1
        if not RIPTE_VARIACION_MIN <= variacion <= RIPTE_VARIACION_MAX:
            raise ParametrosInvalidos(
                archivo, filas[periodo], "indice",
                f"el RIPTE de {periodo} varía {variacion * 100:.1f} % respecto del mes anterior "
                "(se admite de −20 % a +40 %); revise el valor",
            )
    return TablaRipte(indices)


def leer_tasas(texto: str, archivo: str = ARCHIVOS["tasas"]) -> TablaTasas:
    lector = _Lector(texto, archivo, ["desde", "hasta", "tna_pct"])
    filas = []
    for n, fila in lector.filas():
        desde, hasta = _rango(lector, n, fila, "desde", "hasta")
        tna = lector.numero(n, fila, "tna_pct")
        if tna > TNA_MAXIMA:
            raise ParametrosInvalidos(archivo, n, "tna_pct", f"{tna} % es una tasa anual imposible")
        origen = lector.texto(n, fila, "origen") if "origen" in lector._pos else ""
        filas.append((n, TasaVigente(desde, hasta, tna, origen)))
    _sin_solapes(archivo, filas)
    return TablaTasas([f for _, f in filas])


def leer_montos(texto: str, archivo: str = ARCHIVOS["montos"]) -> TablaMontos:
    cols = ["vigencia_desde", "vigencia_hasta", "norma", "piso", "capu_a", "capu_b", "capu_c", "iapu_minimo"]
    lector = _Lector(texto, archivo, cols)
    filas = []
    for n, fila in lector.filas():
        desde, hasta = _rango(lector, n, fila, "vigencia_desde", "vigencia_hasta")
        norma = lector.texto(n, fila, "norma")
        if not norma:
            raise ParametrosInvalidos(archivo, n, "norma", "falta la norma que publica los montos")
        filas.append((n, MontosSRT(
            desde, hasta, norma,
            lector.numero(n, fila, "piso"),
            lector.numero(n, fila, "capu_a"),
            lector.numero(n, fila, "capu_b"),
            lector.numero(n, fila, "capu_c"),
            lector.numero(n, fila, "iapu_minimo", opcional=True),
            lector.texto(n, fila, "nota") if "nota" in lector._pos else "",
        )))
    _sin_solapes(archivo, filas, "vigencia_desde")
    return TablaMontos([f for _, f in filas])


def leer_gran_invalidez(texto: str, archivo: str = ARCHIVOS["gran_invalidez"]) -> TablaGranInvalidez:
    lector = _Lector(texto, archivo, ["desde", "hasta", "monto_mensual", "norma"])
    filas = []
    for n, fila in lector.filas():
        desde, hasta = _rango(lector, n, fila, "desde", "hasta")
        filas.append((n, MontoGranInvalidez(
            desde, hasta, lector.numero(n, fila, "monto_mensual"), lector.texto(n, fila, "norma")
        )))
    _sin_solapes(archivo, filas)
    return TablaGranInvalidez([f for _, f in filas])


_CLAVES_REGIMEN = {
    "fecha_dec_1694": "fecha",
    "fecha_ley_26773": "fecha",
    "fecha_ley_27348": "fecha",
    "tope_dec_1278": "numero",
    "capu_c_dec_1278": "numero",
}


def leer_regimenes(texto: str, archivo: str = ARCHIVOS["regimenes"]) -> Regimenes:
    lector = _Lector(texto, archivo, ["clave", "valor", "norma"])
    valores: dict[str, object] = {}
    normas: dict[str, str] = {}
    filas: dict[str, int] = {}
    for n, fila in lector.filas():
        clave = lector.texto(n, fila, "clave")
        tipo = _CLAVES_REGIMEN.get(clave)
        if tipo is None:
            raise ParametrosInvalidos(archivo, n, "clave", f"clave desconocida «{clave}»")
        if clave in filas:
            raise ParametrosInvalidos(archivo, n, "clave", f"«{clave}» está repetida (fila {filas[clave]})")
        valores[clave] = lector.fecha(n, fila, "valor") if tipo == "fecha" else lector.numero(n, fila, "valor")
        normas[clave] = lector.texto(n, fila, "norma")
        filas[clave] = n
    faltan = [c for c in _CLAVES_REGIMEN if c not in valores]
    if faltan:
        raise ParametrosInvalidos(archivo, None, None, f"faltan las claves {', '.join(faltan)}")
    orden = ["fecha_dec_1694", "fecha_ley_26773", "fecha_ley_27348"]
    for anterior, posterior in zip(orden, orden[1:]):
        if not valores[anterior] < valores[posterior]:
            raise ParametrosInvalidos(
                archivo, filas[posterior], "valor",
                f"fechas fuera de orden: {posterior} ({ddmmaaaa(valores[posterior])}) debe ser posterior a {anterior} "
                f"({ddmmaaaa(valores[anterior])}, fila {filas[anterior]})",
            )
    return Regimenes(normas=normas, **valores)


_LECTORES = {
    "ripte": leer_ripte,
    "tasas": leer_tasas,
    "montos": leer_montos,
    "gran_invalidez": leer_gran_invalidez,
    "regimenes": leer_regimenes,
}


def cargar_parametros(*carpetas: Path) -> Parametros:
    """Load every table; for each file the first folder that has it wins (user updates first,
    bundled defaults last)."""
    tablas = {}
    for clave, nombre in ARCHIVOS.items():
        ruta = next((Path(c) / nombre for c in carpetas if (Path(c) / nombre).is_file()), None)
        if ruta is None:
            raise ParametrosInvalidos(nombre, None, None, "no se encontró la tabla de parámetros")
        try:
            texto = ruta.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise ParametrosInvalidos(str(ruta), None, None, f"no se pudo leer el archivo ({e})") from None
        tablas[clave] = _LECTORES[clave](texto, str(ruta))
    return Parametros(**tablas)
