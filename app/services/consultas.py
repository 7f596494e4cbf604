"""The Administración grid: siniestros filtered by organismo, apellido, CUIL or «solo mortales».

`buscar_siniestros(sesion, …)` returns one page of plain dicts (the UI shows them as they are);
`contar_siniestros(sesion, …)` counts the rows of the same filters, for the status bar and paging.

How it stays fast (goal ≤ 20 ms for a first page of 200 over 100k siniestros):
- Apellido: a prefix of the normalised `agente.busqueda` (upper case, no accents) as a RANGE,
  `busqueda >= 'NUNEZ' AND busqueda < 'NUNE['`, which both engines answer from the b-tree index
  (`ix_agente_busqueda`, or `ix_agente_organismo_busqueda` with an organismo) — unlike `LIKE`, whose
  index use depends on collations and case settings. So «nunez» finds «Núñez» and «peña» «PEÑA».
  Names are stored «Apellido, Nombres»; «nunez maria» also tries «NUNEZ, MARIA» (and the reverse),
  as a filter inside the one range of what the variants share («NUNEZ»).
- CUIL: digits only (dashes, dots, spaces ignored), prefix range on the unique index of `cuil`.
- Order: apellido (`busqueda`) then siniestro number, so the index that filters also sorts and the
  engine stops after the page (on SQLite helped by `agente CROSS JOIN siniestro`, see below).
- Two steps: an inner query picks the page (ids and sort keys only, from the indexes, LIMIT and
  OFFSET); the outer one fetches the columns by primary key and the latest liquidation and the
  sum paid as correlated look-ups (by `liquidacion`'s unique (siniestro_id, version) index and by
  `derechohabiente.siniestro_id` → `pago.derechohabiente_id`) for those rows only.
- Verified with EXPLAIN on both engines (tests/test_consultas.py) and measured on 100k siniestros
  (benchmarks/bench_store.py).

PostgreSQL: the range is exact only in a code-point collation ("C", "POSIX", "C.UTF-8"). On a
database created with a linguistic collation (e.g. es_AR.UTF-8) the comparison is done with
`COLLATE "C"` — still exact, but then the plain index cannot serve it; see `_orden_binario`.
"""

from __future__ import annotations

import os
import re
import weakref

from sqlalchemy import Integer, Select, String, func, literal, literal_column, or_, select, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import Join

from app.errors import DatosInvalidos
from app.models import Agente, Derechohabiente, Liquidacion, Organismo, Pago, Siniestro, normalizar_busqueda

LIMITE_MAXIMO = 5000
# Grid sort keys → column; ties are always broken by apellido, siniestro number and id, so every
# page boundary is stable. The default («apellido») is the one the filtering index also delivers.
ORDENES = ("apellido", "cuil", "organismo", "siniestro", "pmi", "recepcion", "estado")
ORDEN_POR_SINIESTRO = {"siniestro", "pmi", "recepcion", "estado"}

_A = Agente.__table__
_S = Siniestro.__table__
_O = Organismo.__table__
_L = Liquidacion.__table__
_D = Derechohabiente.__table__
_P = Pago.__table__

_COLACIONES_BINARIAS = {"c", "posix", "c.utf-8", "c.utf8", "ucs_basic"}
_binario_por_motor: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class _AgenteSiniestro(Join):
    """`agente JOIN siniestro`, rendered on SQLite as `agente CROSS JOIN siniestro ON …`: SQLite
    then keeps agente as the outer loop (its own rule for CROSS JOIN), so the index on busqueda
    that filters also delivers the order and the scan stops after the page. Left alone, SQLite's
    planner may scan all siniestros and sort them (≈ 16 ms at 10k rows, ≈ 10× more at 100k)."""

    inherit_cache = True


@compiles(_AgenteSiniestro)
def _agente_siniestro(elemento, compilador, **kw):
    return compilador.visit_join(elemento, **kw)


@compiles(_AgenteSiniestro, "sqlite")
def _agente_siniestro_sqlite(elemento, compilador, **kw):
    # the left side is the bare `agente` table, so the first " JOIN " is this one
    return compilador.visit_join(elemento, **kw).replace(" JOIN ", " CROSS JOIN ", 1)


def _agente_con_siniestro():
    return _AgenteSiniestro(_A, _S, _A.c.id == _S.c.agente_id)


def _siguiente(prefijo: str) -> str | None:
    """Smallest string greater than every string starting with `prefijo` (code-point order)."""
    while prefijo:
        ultimo = ord(prefijo[-1])
        if ultimo < 0x10FFFF and not (0xD7FF <= ultimo < 0xE000):
            return prefijo[:-1] + chr(ultimo + 1)
        prefijo = prefijo[:-1]
    return None


def _orden_binario(sesion: Session) -> bool:
    """Whether plain `<`/`>=` on `agente.busqueda` compare by code point (so the range = prefix)."""
    bind = sesion.get_bind()
    motor = bind.engine
    if motor.dialect.name == "sqlite":
        return True  # BINARY collation: memcmp of UTF-8 = code-point order
    if motor in _binario_por_motor:
        return _binario_por_motor[motor]
    binario = False
    if motor.dialect.name == "postgresql":
        colacion = sesion.execute(text(
            "SELECT collation_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = 'agente' AND column_name = 'busqueda'"
        )).scalar()
        if colacion is None:
            colacion = sesion.execute(text(
                "SELECT datcollate FROM pg_database WHERE datname = current_database()"
            )).scalar()
        binario = (colacion or "").lower() in _COLACIONES_BINARIAS
    _binario_por_motor[motor] = binario
    return binario


def _variantes_apellido(texto: str) -> list[str]:
    """Normalised prefixes to look for. Names are stored «Apellido, Nombres»: «nunez maria» also
    tries «NUNEZ, MARIA» (and «de la pena juan» → «DE LA PENA, JUAN»), «nunez, maria» also tries
    «NUNEZ MARIA» (data loaded without the comma)."""
    clave = normalizar_busqueda(texto)
    if not clave:
        return []
    sin_comas = " ".join(clave.replace(",", " ").split())
    variantes = [clave, sin_comas]
    palabras = sin_comas.split(" ")
    if 1 < len(palabras) <= 5:
        for i in range(1, len(palabras)):
            variantes.append(" ".join(palabras[:i]) + ", " + " ".join(palabras[i:]))
    return list(dict.fromkeys(v for v in variantes if v))


CUIL_PREFIJO_INDEXADO = 4  # digits from which the CUIL index range is selective enough (measured)


def _digitos_cuil(texto: str) -> str:
    digitos = re.sub(r"[\s.\-/]", "", texto or "")
    if not digitos.isdigit() and digitos:
        raise DatosInvalidos("CUIL", f"«{texto}» debe tener solo números (con o sin guiones)")
    if len(digitos) > 11:
        raise DatosInvalidos("CUIL", f"«{texto}» tiene más de 11 dígitos")
    return digitos


def _valor(valor, tipo=None):
    """A filter value written into the SQL text at execution time (escaped by SQLAlchemy, the
    statement still cached). psycopg prepares a statement after 5 runs and PostgreSQL may then
    switch to one generic plan for every value: with a CUIL or apellido range of unknown width it
    walks the whole apellido index instead (50 ms instead of 3 ms at 100k). Literal values keep a
    plan made for each value."""
    return literal(valor, type_=tipo, literal_execute=True)


def _rango(columna, prefijo: str):
    fin = _siguiente(prefijo)
    condicion = columna >= _valor(prefijo, String())
    return condicion if fin is None else condicion & (columna < _valor(fin, String()))


def _filtrar(consulta: Select, sesion: Session, organismo_id, apellido, cuil, solo_mortales,
             contar: bool = False) -> Select:
    if organismo_id is not None:
        if isinstance(organismo_id, bool) or not isinstance(organismo_id, int):
            raise DatosInvalidos("organismo", f"«{organismo_id}» no es un identificador de organismo")
        consulta = consulta.where(_A.c.organismo_id == _valor(organismo_id, Integer()))
    if apellido:
        variantes = _variantes_apellido(apellido)
        if variantes:
            columna = _A.c.busqueda if _orden_binario(sesion) else _A.c.busqueda.collate("C")
            # one index range over what all variants share («GONZALEZ»), and the variants as a
            # filter inside it: an OR of ranges lets SQLite (with LIMIT as a parameter) prefer
            # walking the whole index in order — 40 ms instead of 1 ms at 100k agentes
            comun = os.path.commonprefix(variantes)
            consulta = consulta.where(_rango(columna, comun))
            if len(variantes) > 1:
                consulta = consulta.where(or_(*(_rango(columna, v) for v in variantes)))
    if cuil:
        digitos = _digitos_cuil(cuil)
        if len(digitos) == 11:
            consulta = consulta.where(_A.c.cuil == _valor(digitos, String()))
        elif len(digitos) >= CUIL_PREFIJO_INDEXADO or contar:  # counting: the index range is fastest
            consulta = consulta.where(_rango(_A.c.cuil, digitos))
        elif digitos:
            # A short prefix («20», «27-3») matches a large share of the agents: reading them
            # through the CUIL index and sorting them by name costs ~300 ms at 100k. Written so no
            # index applies, the planner walks the name index in order and stops at the page.
            consulta = consulta.where(func.substr(_A.c.cuil, 1, len(digitos)) == _valor(digitos, String()))
    if solo_mortales:
        consulta = consulta.where(_S.c.tipo == "muerte")
    return consulta


def _validar_pagina(limite: int, desplazamiento: int) -> None:
    if isinstance(limite, bool) or not isinstance(limite, int) or not 1 <= limite <= LIMITE_MAXIMO:
        raise DatosInvalidos("límite", f"«{limite}» debe estar entre 1 y {LIMITE_MAXIMO}")
    if isinstance(desplazamiento, bool) or not isinstance(desplazamiento, int) or desplazamiento < 0:
        raise DatosInvalidos("desplazamiento", f"«{desplazamiento}» no puede ser negativo")


def _clave_orden(orden: str):
    columnas = {"apellido": _A.c.busqueda, "cuil": _A.c.cuil, "organismo": _O.c.nombre, "siniestro": _S.c.numero,
                "pmi": _S.c.fecha_pmi, "recepcion": _S.c.fecha_recepcion, "estado": _S.c.estado}
    if orden not in columnas:
        raise DatosInvalidos("orden", f"«{orden}» no es una columna por la que se pueda ordenar")
    return columnas[orden]


def consulta_siniestros(sesion: Session, *, organismo_id: int | None = None, apellido: str | None = None,
                        cuil: str | None = None, solo_mortales: bool = False, limite: int = 200,
                        desplazamiento: int = 0, orden: str = "apellido", descendente: bool = False) -> Select:
    """The SELECT of `buscar_siniestros` (exposed for EXPLAIN in tests and benchmarks)."""
    def ultima(columna):
        # latest version, from the unique (siniestro_id, version) index; a scalar look-up per row of
        # the page (a LEFT JOIN on it makes PostgreSQL hash the whole liquidacion table first)
        return (
            select(columna)
            .where(_L.c.siniestro_id == _S.c.id)
            .order_by(_L.c.version.desc())
            .limit(1)
            .correlate(_S)
            .scalar_subquery()
        )

    pagado = (
        select(func.sum(_P.c.importe))
        .select_from(_D.join(_P, _P.c.derechohabiente_id == _D.c.id))
        .where(_D.c.siniestro_id == _S.c.id)
        .correlate(_S)
        .scalar_subquery()
    )
    # 1) the page: only ids and sort keys, straight from the indexes …
    columna = _clave_orden(orden)
    if orden in ORDEN_POR_SINIESTRO and not (apellido or cuil or organismo_id is not None):
        # unfiltered, sorted by a siniestro column: siniestro as the outer loop, read in the order
        # of its own index, stops after the page (the forced agente-first join would sort 100k rows)
        origen = _S.join(_A, _A.c.id == _S.c.agente_id)
    else:
        origen = _agente_con_siniestro()
    if orden == "organismo":
        origen = origen.join(_O, _O.c.id == _A.c.organismo_id)
    if orden == "apellido":
        pagina = select(_S.c.id.label("sid"), _A.c.busqueda.label("clave"), _S.c.numero.label("num"))
    else:
        pagina = select(_S.c.id.label("sid"), columna.label("primera"), _A.c.busqueda.label("clave"),
                        _S.c.numero.label("num"))
    pagina = _filtrar(pagina.select_from(origen), sesion, organismo_id, apellido, cuil, solo_mortales)
    primera = columna.desc() if descendente else columna
    desempate = (_S.c.numero, _S.c.id) if orden == "apellido" else (_A.c.busqueda, _S.c.numero, _S.c.id)
    pagina = (pagina.order_by(primera, *desempate)
              .limit(limite).offset(desplazamiento).subquery("pagina"))
    # 2) … then the columns and the look-ups for those rows only (rows skipped by OFFSET are never
    # projected: both engines would otherwise evaluate the look-ups for them too)
    consulta = (
        select(
            _S.c.id.label("siniestro_id"),
            _S.c.numero,
            _S.c.tipo,
            _S.c.fecha_pmi,
            _S.c.fecha_recepcion,
            _S.c.estado,
            _S.c.in_itinere,
            _S.c.version,
            _A.c.id.label("agente_id"),
            _A.c.cuil,
            _A.c.apellido_nombre,
            _O.c.id.label("organismo_id"),
            _O.c.codigo.label("organismo_codigo"),
            _O.c.nombre.label("organismo"),
            ultima(_L.c.version).label("liquidacion_version"),
            ultima(_L.c.fecha_liquidacion).label("fecha_liquidacion"),
            ultima(_L.c.total).label("total_liquidacion"),
            pagado.label("pagado"),
        )
        .select_from(
            pagina.join(_S, _S.c.id == pagina.c.sid)
            .join(_A, _A.c.id == _S.c.agente_id)
            .join(_O, _O.c.id == _A.c.organismo_id)
        )
    )
    if orden == "apellido":
        return consulta.order_by(pagina.c.clave.desc() if descendente else pagina.c.clave, pagina.c.num, pagina.c.sid)
    return consulta.order_by(pagina.c.primera.desc() if descendente else pagina.c.primera,
                             pagina.c.clave, pagina.c.num, pagina.c.sid)


def buscar_siniestros(sesion: Session, *, organismo_id: int | None = None, apellido: str | None = None,
                      cuil: str | None = None, solo_mortales: bool = False, limite: int = 200,
                      desplazamiento: int = 0, orden: str = "apellido", descendente: bool = False) -> list[dict]:
    """One page of the grid, ordered by `orden` (one of ORDENES; default apellido y nombre), then
    apellido y nombre and siniestro number.

    Each row: siniestro_id, numero, tipo, mortal, fecha_pmi, fecha_recepcion, estado, in_itinere,
    version, agente_id, cuil, apellido_nombre, organismo_id, organismo_codigo, organismo,
    liquidacion_version, fecha_liquidacion, total_liquidacion (of the latest version; None if never
    liquidated) and pagado (sum of the payments; None if none)."""
    _validar_pagina(limite, desplazamiento)
    consulta = consulta_siniestros(sesion, organismo_id=organismo_id, apellido=apellido, cuil=cuil,
                                   solo_mortales=solo_mortales, limite=limite, desplazamiento=desplazamiento,
                                   orden=orden, descendente=bool(descendente))
    resultado = sesion.execute(consulta)
    claves = tuple(resultado.keys())
    filas = []
    for fila in resultado:
        d = dict(zip(claves, fila))
        d["mortal"] = d["tipo"] == "muerte"
        filas.append(d)
    return filas


def contar_siniestros(sesion: Session, *, organismo_id: int | None = None, apellido: str | None = None,
                      cuil: str | None = None, solo_mortales: bool = False) -> int:
    """How many siniestros the same filters find (all pages)."""
    con_agente = organismo_id is not None or bool(apellido) or bool(cuil)
    origen = _agente_con_siniestro() if con_agente else _S
    consulta = select(func.count(literal_column("*"))).select_from(origen)
    consulta = _filtrar(consulta, sesion, organismo_id, apellido, cuil, solo_mortales, contar=True)
    return int(sesion.execute(consulta).scalar_one())
