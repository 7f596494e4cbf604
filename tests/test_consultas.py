"""The Administración grid query (`app.services.consultas`) on SQLite and PostgreSQL: accent- and
case-insensitive apellido prefix, organismo / CUIL / solo mortales filters, counts, paging, latest
liquidation and sum paid, and that the indexes are what answers (EXPLAIN)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import event, insert, select, text

from app.errors import DatosInvalidos
from app.models import Agente, Derechohabiente, Liquidacion, Organismo, Pago, Siniestro, migrar, normalizar_busqueda
from app.models.bd import crear_motor, fabrica_sesiones
from app.services import consultas
from app.services.consultas import buscar_siniestros, consulta_siniestros, contar_siniestros
from app.services.demo import cuil_valido, generar_demo


N = 300
MOMENTO = datetime(2024, 1, 1, 10, 0)


def _agente(c, id_, nombre, organismo_id, dni, mujer=False):
    c.execute(insert(Agente.__table__), [{
        "id": id_, "cuil": cuil_valido(dni, mujer), "apellido_nombre": nombre, "busqueda": normalizar_busqueda(nombre),
        "fecha_nacimiento": date(1975, 5, 5), "domicilio": None, "localidad": None, "organismo_id": organismo_id,
        "fecha_inicio_actividad": None, "fecha_baja_actividad": None, "version": 1, "modificado_por": None,
        "modificado_en": MOMENTO}])


def _siniestro(c, id_, numero, agente_id, tipo="ilp", estado="denunciado"):
    c.execute(insert(Siniestro.__table__), [{
        "id": id_, "numero": numero, "agente_id": agente_id, "tipo": tipo, "fecha_pmi": date(2023, 3, 1),
        "fecha_fallecimiento": date(2023, 3, 1) if tipo == "muerte" else None, "in_itinere": False,
        "tipo_accidente": None, "incapacidad_tipo": None, "incapacidad_grado": None, "incapacidad_caracter": None,
        "porcentaje_incapacidad": Decimal("12.5") if tipo == "ilp" else None, "fecha_denuncia": date(2023, 3, 2),
        "fecha_recepcion": date(2023, 3, 10), "estado": estado, "fecha_pre_acuerdo": None,
        "fecha_puesta_disposicion": None, "acreditado_en": None, "version": 1, "modificado_por": None,
        "modificado_en": MOMENTO}])


def _preparar(url):
    """A demo store plus a few hand-made rows whose figures the tests know; yields a session."""
    motor = crear_motor(url)
    migrar.actualizar(motor)
    generar_demo(motor, N, semilla=11)
    with motor.begin() as c:
        c.execute(insert(Organismo.__table__), [{"id": 900, "codigo": "PRU", "nombre": "Organismo de prueba", "cuit": None}])
        _agente(c, 9001, "Núñez, María José", 900, 30_111_222, mujer=True)
        _agente(c, 9002, "de la Peña, Juan", 900, 30_111_333)
        _agente(c, 9003, "NUÑEZ MARIANO", 900, 30_111_444)  # loaded by someone without the comma
        _siniestro(c, 9101, "2023-900002", 9001, tipo="muerte", estado="pagado")
        _siniestro(c, 9102, "2023-900001", 9001)  # same agent, lower number: listed first
        _siniestro(c, 9103, "2023-900003", 9002)
        _siniestro(c, 9104, "2023-900004", 9003)
        for v, (fecha, total) in enumerate([(date(2023, 6, 1), "1000000.00"), (date(2023, 7, 15), "1234567.89")], 1):
            c.execute(insert(Liquidacion.__table__), [{
                "id": 9200 + v, "siniestro_id": 9101, "version": v, "fecha_liquidacion": fecha, "calculada_en": MOMENTO,
                "calculada_por": "prueba", "entrada": {}, "resultado": {}, "total": Decimal(total)}])
        for i, importe in enumerate(["617283.95", "617283.94"]):
            c.execute(insert(Derechohabiente.__table__), [{
                "id": 9300 + i, "siniestro_id": 9101, "familiar_id": None, "parentesco": ("conyuge", "hijo")[i],
                "apellido_nombre": f"DH {i}", "cuil": None, "fecha_nacimiento": date(2010, 1, 1), "estudiante": False,
                "incapacitado": False, "casado": False, "domicilio": None, "cbu": None, "porcentaje": None,
                "motivo_porcentaje": None, "seleccionado": True, "acreditado": True, "letrado": None}])
            c.execute(insert(Pago.__table__), [{
                "id": 9400 + i, "derechohabiente_id": 9300 + i, "liquidacion_id": 9202, "fecha": date(2023, 8, 1),
                "importe": Decimal(importe), "medio": "transferencia", "comprobante": None, "registrado_por": "prueba",
                "registrado_en": MOMENTO}])
    fabrica = fabrica_sesiones(motor)
    with fabrica() as sesion:
        yield sesion
    motor.dispose()


@pytest.fixture
def bd(url_bd):
    yield from _preparar(url_bd)


@pytest.fixture
def bd_sqlite(tmp_path):
    yield from _preparar(f"sqlite+pysqlite:///{tmp_path / 'grilla.db'}")


@pytest.fixture
def bd_postgres(crear_bd_postgres):
    yield from _preparar(crear_bd_postgres())


def _todas(sesion):
    """Every siniestro with its agent, read plainly, to check the query against."""
    filas = sesion.execute(
        select(Siniestro.id, Siniestro.numero, Siniestro.tipo, Agente.busqueda, Agente.cuil, Agente.organismo_id)
        .join(Agente, Agente.id == Siniestro.agente_id)
    ).all()
    return sorted(filas, key=lambda f: (f.busqueda, f.numero, f.id))


def _ids(filas):
    return [f["siniestro_id"] for f in filas]


def test_apellido_sin_acentos_ni_mayusculas(bd):
    esperado = [f.id for f in _todas(bd) if f.busqueda.startswith("NUNEZ")]
    assert 9101 in esperado and len(esperado) > 3  # demo Núñez / Nuñez plus the hand-made ones
    for texto in ("nunez", "NÚÑEZ", "Nuñez", "  núñez "):
        filas = buscar_siniestros(bd, apellido=texto, limite=1000)
        assert _ids(filas) == esperado, texto
        assert contar_siniestros(bd, apellido=texto) == len(esperado)
    nombres = {f["apellido_nombre"] for f in buscar_siniestros(bd, apellido="nunez", limite=1000)}
    assert {"Núñez, María José", "NUÑEZ MARIANO"} <= nombres
    penas = buscar_siniestros(bd, apellido="peña", limite=1000)
    assert penas and all(normalizar_busqueda(f["apellido_nombre"]).startswith("PENA") for f in penas)
    assert buscar_siniestros(bd, apellido="zzzz") == [] and contar_siniestros(bd, apellido="zzzz") == 0


def test_apellido_y_nombre_con_o_sin_coma_y_apellidos_compuestos(bd):
    assert _ids(buscar_siniestros(bd, apellido="nunez maria jo")) == [9102, 9101]
    assert _ids(buscar_siniestros(bd, apellido="Núñez, María J")) == [9102, 9101]
    assert _ids(buscar_siniestros(bd, apellido="Núñez, María")) == [9104, 9102, 9101]  # and MARIAno
    assert _ids(buscar_siniestros(bd, apellido="nunez mariano")) == [9104]  # stored without a comma
    assert _ids(buscar_siniestros(bd, apellido="nunez, mariano")) == [9104]
    todas = _todas(bd)
    assert _ids(buscar_siniestros(bd, apellido="de la pena juan")) == [
        f.id for f in todas if f.busqueda.startswith("DE LA PENA, JUAN")]
    assert 9103 in _ids(buscar_siniestros(bd, apellido="DE LA PEÑA")) == [
        f.id for f in todas if f.busqueda.startswith("DE LA PENA")]
    assert contar_siniestros(bd, apellido="nunez maria") == 3  # María José (2 siniestros) and Mariano


def test_orden_por_apellido_y_numero_y_columnas(bd):
    filas = buscar_siniestros(bd, limite=1000)
    todas = _todas(bd)
    assert _ids(filas) == [f.id for f in todas][:1000]
    fila = next(f for f in filas if f["siniestro_id"] == 9101)
    assert fila == {
        "siniestro_id": 9101, "numero": "2023-900002", "tipo": "muerte", "mortal": True,
        "fecha_pmi": date(2023, 3, 1), "fecha_recepcion": date(2023, 3, 10), "estado": "pagado",
        "in_itinere": False, "version": 1, "agente_id": 9001, "cuil": cuil_valido(30_111_222, True),
        "apellido_nombre": "Núñez, María José", "organismo_id": 900, "organismo_codigo": "PRU",
        "organismo": "Organismo de prueba",
        # the latest liquidation (version 2), and what was paid against it, exact to the centavo
        "liquidacion_version": 2, "fecha_liquidacion": date(2023, 7, 15), "total_liquidacion": Decimal("1234567.89"),
        "pagado": Decimal("1234567.89"),
    }
    sin_liquidar = next(f for f in filas if f["siniestro_id"] == 9102)
    assert sin_liquidar["fecha_liquidacion"] is None and sin_liquidar["total_liquidacion"] is None
    assert sin_liquidar["pagado"] is None and sin_liquidar["mortal"] is False


def test_organismo_cuil_y_solo_mortales(bd):
    todas = _todas(bd)
    organismo = todas[0].organismo_id
    esperado = [f.id for f in todas if f.organismo_id == organismo]
    assert _ids(buscar_siniestros(bd, organismo_id=organismo, limite=1000)) == esperado
    assert contar_siniestros(bd, organismo_id=organismo) == len(esperado)
    assert _ids(buscar_siniestros(bd, organismo_id=900, apellido="nu")) == [9104, 9102, 9101]

    cuil = cuil_valido(30_111_222, True)
    con_guiones = f"{cuil[:2]}-{cuil[2:10]}-{cuil[10]}"
    assert _ids(buscar_siniestros(bd, cuil=con_guiones)) == [9102, 9101]
    assert _ids(buscar_siniestros(bd, cuil=cuil)) == [9102, 9101]
    prefijo = todas[5].cuil[:4]
    esperado = [f.id for f in todas if f.cuil.startswith(prefijo)]
    assert _ids(buscar_siniestros(bd, cuil=f"{prefijo[:2]}-{prefijo[2:]}", limite=1000)) == esperado
    assert contar_siniestros(bd, cuil=prefijo) == len(esperado)
    with pytest.raises(DatosInvalidos):
        buscar_siniestros(bd, cuil="20-ABC")
    with pytest.raises(DatosInvalidos):
        buscar_siniestros(bd, cuil="201234567890")

    mortales = [f.id for f in todas if f.tipo == "muerte"]
    filas = buscar_siniestros(bd, solo_mortales=True, limite=1000)
    assert _ids(filas) == mortales and all(f["mortal"] for f in filas)
    assert contar_siniestros(bd, solo_mortales=True) == len(mortales) < len(todas)
    assert _ids(buscar_siniestros(bd, apellido="nunez maria", solo_mortales=True)) == [9101]
    # everything together
    assert _ids(buscar_siniestros(bd, organismo_id=900, apellido="núñez", cuil=cuil, solo_mortales=True)) == [9101]


def test_conteo_y_paginas(bd):
    total = contar_siniestros(bd)
    assert total == N + 4
    paginas = []
    desde = 0
    while True:
        pagina = buscar_siniestros(bd, limite=70, desplazamiento=desde)
        if not pagina:
            break
        assert len(pagina) <= 70
        paginas.extend(pagina)
        desde += 70
    assert _ids(paginas) == _ids(buscar_siniestros(bd, limite=1000)) and len(set(_ids(paginas))) == total
    assert len(buscar_siniestros(bd)) == 200  # default page
    assert buscar_siniestros(bd, desplazamiento=total) == []
    for malo in ({"limite": 0}, {"limite": 10_000}, {"desplazamiento": -1}, {"limite": True}):
        with pytest.raises(DatosInvalidos):
            buscar_siniestros(bd, **malo)


def test_siguiente_prefijo():
    assert consultas._siguiente("NUNEZ") == "NUNE["
    assert consultas._siguiente("20") == "21" and consultas._siguiente("29") == "2:"
    assert consultas._siguiente("") is None
    assert consultas._siguiente("A\U0010ffff") == "B"
    assert consultas._variantes_apellido("  ") == []
    assert consultas._variantes_apellido("de la peña juan") == [
        "DE LA PENA JUAN", "DE, LA PENA JUAN", "DE LA, PENA JUAN", "DE LA PENA, JUAN"]


def _ejecutada(sesion, **filtros) -> tuple[str, tuple | dict]:
    """The SQL text and parameters exactly as `buscar_siniestros` sends them to the driver."""
    motor = sesion.get_bind()
    capturas = []

    def capturar(conexion, cursor, sql, parametros, contexto, varios):
        capturas.append((sql, parametros))

    event.listen(motor, "before_cursor_execute", capturar)
    try:
        buscar_siniestros(sesion, **filtros)
    finally:
        event.remove(motor, "before_cursor_execute", capturar)
    return next((sql, p) for sql, p in capturas if "FROM (SELECT" in sql)


def _plan_sqlite(sesion, **filtros) -> str:
    """The plan of the statement exactly as executed: with its bound parameters (LIMIT included),
    which SQLite may plan differently from the same SQL with literals."""
    sql, parametros = _ejecutada(sesion, **filtros)
    filas = sesion.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql, parametros)
    return "\n".join(f[3] for f in filas)


def test_valores_de_filtro_en_el_texto_sql(bd):
    """Filter values go into the SQL text (escaped), so PostgreSQL never reuses one generic plan of
    a prepared statement for ranges of very different widths; LIMIT/OFFSET stay parameters."""
    sql, parametros = _ejecutada(bd, apellido="o'nuñez", cuil="20-27", organismo_id=900)
    assert "'O''NUNEZ'" in sql and "'2027'" in sql and "'2028'" in sql and "900" in sql
    valores = parametros.values() if isinstance(parametros, dict) else parametros
    assert "O'NUNEZ" not in valores and "2027" not in valores and 200 in valores
    assert buscar_siniestros(bd, apellido="o'nuñez") == []  # and the quote is harmless
    with pytest.raises(DatosInvalidos):
        buscar_siniestros(bd, organismo_id="1 OR 1=1")


def test_usa_los_indices_en_sqlite(bd_sqlite):
    bd = bd_sqlite
    plan = _plan_sqlite(bd, apellido="nu")
    assert "SEARCH agente USING COVERING INDEX ix_agente_busqueda (busqueda>? AND busqueda<?)" in plan
    assert "SEARCH siniestro USING INDEX ix_siniestro_agente_id (agente_id=?)" in plan
    assert "USING COVERING INDEX sqlite_autoindex_liquidacion_1 (siniestro_id=?)" in plan
    assert "ix_derechohabiente_siniestro_id" in plan and "ix_pago_derechohabiente_id" in plan
    # the page's rows are then fetched by primary key
    assert "SEARCH siniestro USING INTEGER PRIMARY KEY (rowid=?)" in plan
    assert "SEARCH agente USING INTEGER PRIMARY KEY (rowid=?)" in plan
    assert "SCAN siniestro" not in plan and "SCAN agente" not in plan
    plan = _plan_sqlite(bd, organismo_id=3, apellido="g")
    assert "ix_agente_organismo_busqueda (organismo_id=? AND busqueda>? AND busqueda<?)" in plan
    assert "SCAN siniestro" not in plan and "SCAN agente" not in plan
    for texto in ("gonzalez maria", "de la pena juan"):  # several variants: still one index range
        plan = _plan_sqlite(bd, apellido=texto)
        assert "SEARCH agente USING COVERING INDEX ix_agente_busqueda (busqueda>? AND busqueda<?)" in plan
        assert "SCAN agente" not in plan and "MULTI-INDEX OR" not in plan
    plan = _plan_sqlite(bd, cuil="2027")
    assert "SEARCH agente USING INDEX sqlite_autoindex_agente_1 (cuil>? AND cuil<?)" in plan
    # no filter / only mortales: walk the apellido index in order and stop after the page, never
    # scan and sort all siniestros
    for filtros in ({}, {"solo_mortales": True}, {"desplazamiento": 100}):
        plan = _plan_sqlite(bd, **filtros)
        assert "SCAN agente USING COVERING INDEX ix_agente_busqueda" in plan
        assert "SCAN siniestro" not in plan
        assert plan.count("USE TEMP B-TREE FOR ORDER BY") == 1  # only the final 200 rows


def test_usa_los_indices_en_postgresql(bd_postgres):
    bd = bd_postgres
    assert consultas._orden_binario(bd)  # the test cluster is C.UTF-8: plain comparisons are exact
    bd.execute(text("ANALYZE"))
    bd.execute(text("SET enable_seqscan = off"))  # tiny tables: ask whether the index CAN answer
    consulta = consulta_siniestros(bd, apellido="nu")
    sql = str(consulta.compile(bd.get_bind(), compile_kwargs={"literal_binds": True}))
    plan = "\n".join(f[0] for f in bd.execute(text("EXPLAIN " + sql)))
    assert "ix_agente_busqueda" in plan and "busqueda)::text >= 'NU'" in plan
    bd.rollback()


def test_postgresql_con_colacion_linguistica_sigue_siendo_exacto(bd_postgres):
    """An office server created with a Spanish collation sorts «NUNE[» BEFORE «NUNEZ» (punctuation
    first), so the plain range would find nothing. The query notices the collation and compares
    with COLLATE "C" instead: same rows as on a code-point server."""
    bd = bd_postgres
    esperado = {t: _ids(buscar_siniestros(bd, apellido=t, limite=1000)) for t in ("nu", "nunez maria", "de la pe")}
    assert all(esperado.values())
    bd.execute(text('ALTER TABLE agente ALTER COLUMN busqueda TYPE VARCHAR(200) COLLATE "es-AR-x-icu"'))
    bd.commit()
    # the hazard: the plain range for «nunez» finds nothing in this collation
    assert bd.execute(text("SELECT count(*) FROM agente WHERE busqueda >= 'NUNEZ' AND busqueda < 'NUNE['")).scalar() == 0
    consultas._binario_por_motor.clear()
    assert not consultas._orden_binario(bd)
    assert 'COLLATE "C"' in str(consulta_siniestros(bd, apellido="nu").compile(bd.get_bind()))
    for texto, ids in esperado.items():
        assert _ids(buscar_siniestros(bd, apellido=texto, limite=1000)) == ids
        assert contar_siniestros(bd, apellido=texto) == len(ids)
    consultas._binario_por_motor.clear()


@pytest.mark.parametrize("prefijo", ["2", "20", "27-", "27-3", "2014", "20-1", "3"])
def test_prefijos_cortos_y_largos_de_cuil_dan_lo_mismo_que_filtrar_a_mano(bd, prefijo):
    # Short prefixes are searched without the CUIL index (see CUIL_PREFIJO_INDEXADO), long ones
    # with it: both must give exactly the siniestros whose CUIL starts with the digits, in order.
    digitos = prefijo.replace("-", "")
    esperados = [f.id for f in _todas(bd) if f.cuil.startswith(digitos)]
    assert _ids(buscar_siniestros(bd, cuil=prefijo, limite=1000)) == esperados
    assert contar_siniestros(bd, cuil=prefijo) == len(esperados)


def _paginas(sesion, **filtros):
    filas, desde = [], 0
    while True:
        pagina = buscar_siniestros(sesion, limite=37, desplazamiento=desde, **filtros)
        filas += pagina
        if len(pagina) < 37:
            return filas
        desde += 37


@pytest.mark.parametrize("orden,clave", [
    ("cuil", lambda f: f["cuil"]),
    ("organismo", lambda f: f["organismo"]),
    ("siniestro", lambda f: f["numero"]),
    ("pmi", lambda f: f["fecha_pmi"]),
    ("estado", lambda f: f["estado"]),
])
@pytest.mark.parametrize("descendente", [False, True])
def test_ordenar_por_columna_en_paginas_da_el_orden_hecho_a_mano(bd, orden, clave, descendente):
    """Every page boundary is stable: walking pages of 37 sorted by a column gives each siniestro
    once, in the order Python gives them (ties by apellido, número)."""
    todas = _paginas(bd, orden="apellido")
    assert len(todas) == N + 4
    filas = _paginas(bd, orden=orden, descendente=descendente, solo_mortales=False)
    assert sorted(f["siniestro_id"] for f in filas) == sorted(f["siniestro_id"] for f in todas)
    busqueda = {a.id: a.busqueda for a in bd.scalars(select(Agente))}
    # primary key in the asked direction; the tie-breakers always ascending
    grupos: dict = {}
    for f in todas:
        grupos.setdefault(clave(f), []).append(f)
    esperado = []
    for k in sorted(grupos, reverse=descendente):
        esperado += sorted(grupos[k], key=lambda f: (busqueda[f["agente_id"]], f["numero"], f["siniestro_id"]))
    assert [f["siniestro_id"] for f in filas] == [f["siniestro_id"] for f in esperado]


def test_orden_desconocido_se_rechaza(bd):
    with pytest.raises(DatosInvalidos, match="orden"):
        buscar_siniestros(bd, orden="total")
