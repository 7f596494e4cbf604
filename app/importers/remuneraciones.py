"""Salary histories from a spreadsheet: one row per agent and month (CUIL, período, remuneración,
SAC, and optionally the name). Checks what the file alone can tell: CUIL check digit, a real month
(1990 … the current month), amounts ≥ 0 with centavos, the same CUIL and month twice, and SAC
where it is not plausible (a warning). Whether the agent exists is the service's job."""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path

from app.liquidacion.dinero import formato_ar

from .columnas import CAMPOS_REMUNERACIONES
from .filas import FilasRemuneracion
from .lector import CADA_FILAS, ArchivoIlegible, Control, abrir
from .resultado import Anotador, Resultado, resultado_ilegible, sin_datos
from .valores import ValorInvalido, centavos, leer_cuil, leer_periodo, texto_celda, vacia

MESES_SAC = (6, 12)  # the SAC is paid in June and December (Ley 23.041)
_TOPE_CACHE = 200_000  # distinct CUIL / período cells remembered (a few per agent)


FALTA_CUIL = "falta el CUIL"


def _cuil(valor):
    """(cuil, numeric key) or the reason as a str."""
    if vacia(valor):
        return FALTA_CUIL
    try:
        cuil = leer_cuil(valor)
    except ValorInvalido as e:
        return str(e)
    return cuil, int(cuil) * 1_000_000


def _periodo(valor, hoy: date):
    """(AAAA-MM, numeric key AAAAMM) or the reason as a str."""
    if vacia(valor):
        return "falta el período"
    try:
        periodo = leer_periodo(valor, hoy)
    except ValorInvalido as e:
        return str(e)
    return periodo, int(periodo[:4]) * 100 + int(periodo[5:])


def _blanca(*valores) -> bool:
    return all(vacia(v) for v in valores)


def leer_remuneraciones(ruta: Path | str, *, hoja=None, mapeo: Mapping[str, str | None] | None = None,
                        hoy: date | None = None, progreso: Callable | None = None, cancelar=None) -> Resultado:
    """Read and check a salary file. Never raises for the file's content (a file that cannot be
    used is one Problema); raises ImportacionCancelada when cancelled."""
    hoy = hoy or date.today()
    ruta = Path(ruta)
    control = Control(ruta.name, progreso, cancelar)
    try:
        lectura = abrir(ruta, CAMPOS_REMUNERACIONES, hoja=hoja, mapeo=mapeo, control=control)
    except ArchivoIlegible as e:
        return resultado_ilegible("remuneraciones", str(ruta), e)
    r = Resultado("remuneraciones", str(ruta), lectura.archivo, lectura.hoja, lectura.hojas, lectura.estructura)
    try:
        _leer_filas(lectura, r, hoy)
    except csv.Error as e:
        Anotador(r, lectura).error(None, None, None, f"el CSV está mal formado ({e})")
    finally:
        lectura.filas = iter(())  # frees the sheet (python-calamine keeps it whole in memory)
    if r.filas_leidas == 0 and not r.problemas:
        sin_datos(r, lectura)
    r.ordenar()
    return r


def _leer_filas(lectura, r: Resultado, hoy: date) -> None:
    """The hot loop (1.2 M rows in the benchmark): parsed CUIL and months are cached per cell
    value, duplicates found through an integer key (CUIL × 10⁶ + AAAAMM)."""
    nota = Anotador(r, lectura)
    m = lectura.estructura.mapeo
    col_cuil, col_periodo, col_rem = m["cuil"], m["periodo"], m["remuneracion"]
    col_sac, col_nombre = m.get("sac"), m.get("apellido_nombre")
    d = lectura.desplazamiento
    # a column mapped by letter left of the sheet's first used column: pad the rows
    pad = max(0, -min(col.indice - d for col in m.values()))
    d -= pad
    i_cuil, i_per, i_rem = col_cuil.indice - d, col_periodo.indice - d, col_rem.indice - d
    i_sac = col_sac.indice - d if col_sac else -1
    i_nom = col_nombre.indice - d if col_nombre else -1
    tope = max(i_cuil, i_per, i_rem, i_sac, i_nom) + 1
    relleno = [""] * tope
    cache_cuil: dict = {}
    cache_periodo: dict = {}
    nombres: dict = {"": None}
    vistos: dict[int, int] = {}  # key → position in filas
    descartar: set[int] = set()
    filas = r.filas = FilasRemuneracion()
    # the columns' append methods bound once: this loop runs once per row of the file
    f_fila, f_cuil, f_per = filas.fila.append, filas.cuil.append, filas.periodo.append
    f_rem, f_sac, f_nom = filas.remuneracion.append, filas.sac.append, filas.nombre.append
    primeras = filas.fila
    leidas = 0
    for n, celdas in lectura.filas:
        if n % CADA_FILAS == 0:
            lectura.avance(n)
        if pad:
            celdas = relleno[:pad] + celdas
        if len(celdas) < tope:
            celdas = list(celdas) + relleno[len(celdas):]
        v_cuil, v_per, v_rem = celdas[i_cuil], celdas[i_per], celdas[i_rem]
        v_sac = celdas[i_sac] if i_sac >= 0 else ""
        v_nom = celdas[i_nom] if i_nom >= 0 else ""
        c = cache_cuil.get(v_cuil)
        if c is None:
            c = _cuil(v_cuil)
            if len(cache_cuil) < _TOPE_CACHE:
                cache_cuil[v_cuil] = c
        if c is FALTA_CUIL and _blanca(v_per, v_rem, v_sac, v_nom):
            continue
        leidas += 1
        bien = True
        if type(c) is str:
            nota.error(n, col_cuil, v_cuil, c, "cuil")
            bien = False
        p = cache_periodo.get(v_per)
        if p is None:
            p = _periodo(v_per, hoy)
            if len(cache_periodo) < _TOPE_CACHE:
                cache_periodo[v_per] = p
        if type(p) is str:
            nota.error(n, col_periodo, v_per, p, "periodo")
            bien = False
        # the fast path of valores.centavos inlined: this loop runs once per row of the file
        if type(v_rem) is float and 0.0 <= v_rem < 1e7 and -1e-6 < v_rem * 100 - round(v_rem * 100) < 1e-6:
            rem = round(v_rem * 100)
        else:
            try:
                rem = centavos(v_rem)
            except ValorInvalido as e:
                nota.error(n, col_rem, v_rem, "falta la remuneración" if vacia(v_rem) else str(e), "remuneracion")
                bien = False
        sac = 0
        if v_sac != "" and v_sac != 0 and v_sac is not None:
            try:
                sac = centavos(v_sac) if not vacia(v_sac) else 0
            except ValorInvalido as e:
                nota.error(n, col_sac, v_sac, str(e), "sac")
                bien = False
        if not bien:
            continue
        cuil, periodo = c[0], p[0]
        if sac:
            _revisar_sac(nota, n, col_sac, v_sac, periodo, rem, sac)
        clave = c[1] + p[1]
        previa = vistos.get(clave)
        if previa is not None:
            primera = primeras[previa]
            _repetida(nota, n, primera, col_periodo, v_per, cuil, periodo)
            if previa not in descartar:
                descartar.add(previa)
                _repetida(nota, primera, n, col_periodo, periodo, cuil, periodo)
            continue
        vistos[clave] = len(primeras)
        nombre = nombres.get(v_nom)  # one string per agent, not per row
        if nombre is None and v_nom not in nombres:
            nombre = nombres[v_nom] = texto_celda(v_nom) or None
        f_fila(n)
        f_cuil(cuil)
        f_per(periodo)
        f_rem(rem)
        f_sac(sac)
        f_nom(nombre)
    r.filas_leidas = leidas
    if descartar:
        r.filas = filas.seleccion(i for i in range(len(filas)) if i not in descartar)


def _repetida(nota: Anotador, fila: int, otra: int, col, valor, cuil: str, periodo: str) -> None:
    nota.error(fila, col, valor,
               f"el CUIL {cuil[:2]}-{cuil[2:10]}-{cuil[10]} tiene el período {periodo} repetido "
               f"(filas {min(fila, otra)} y {max(fila, otra)}): deje una sola", "periodo")


def _revisar_sac(nota: Anotador, n: int, col, valor, periodo: str, rem: int, sac: int) -> None:
    mes = int(periodo[5:])
    if mes not in MESES_SAC:
        nota.advertencia(n, col, valor, f"hay SAC en {periodo}, que no es junio ni diciembre: verifique que "
                                        "corresponda (p. ej. SAC proporcional por una baja)", "sac")
    if sac > rem:
        nota.advertencia(n, col, valor, f"el SAC ({formato_ar(Decimal(sac).scaleb(-2))}) es mayor que la "
                                        f"remuneración del mes ({formato_ar(Decimal(rem).scaleb(-2))}): verifique "
                                        "las columnas", "sac")
