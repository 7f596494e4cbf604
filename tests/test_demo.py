"""Demo data (`app.services.demo.generar_demo`) on SQLite and PostgreSQL: deterministic, valid
CUILs/CBUs, every estado, families across the age limits of art. 53, plausible salaries, money as
integer centavos, one transaction (all or nothing) and refusal on a store that has agentes."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, insert, select, text
from stdnum.ar import cbu as std_cbu
from stdnum.ar import cuit as std_cuit

from app.errors import DatosInvalidos, ErrorBaseDatos, ReglaIncumplida
from app.liquidacion.fechas import edad_cumplida
from app.models import (
    ESTADOS_SINIESTRO,
    Agente,
    Auditoria,
    Derechohabiente,
    Familiar,
    Liquidacion,
    Organismo,
    Pago,
    Remuneracion,
    Siniestro,
    normalizar_busqueda,
)
from app.models import migrar
from app.models.bd import crear_motor, fabrica_sesiones
from app.services.demo import FECHA_CORTE, ORGANISMOS, RIPTE_A_PESOS, _Tablas, cuil_valido, generar_demo


N = 60
TABLAS = (Organismo, Agente, Familiar, Remuneracion, Siniestro, Derechohabiente, Liquidacion, Pago)


@pytest.fixture
def motor(url_bd):
    m = crear_motor(url_bd)
    migrar.actualizar(m)
    yield m
    m.dispose()


@pytest.fixture
def motor_sqlite(tmp_path):
    m = crear_motor(f"sqlite+pysqlite:///{tmp_path / 'otra.db'}")
    migrar.actualizar(m)
    yield m
    m.dispose()


def _contenido(motor) -> dict[str, list[tuple]]:
    with motor.connect() as c:
        return {m.__tablename__: [tuple(f) for f in c.execute(select(m.__table__).order_by(m.__table__.c.id))]
                for m in TABLAS}


def _filas(motor, modelo) -> list:
    with motor.connect() as c:
        return c.execute(select(modelo.__table__).order_by(modelo.__table__.c.id)).all()


def test_misma_semilla_mismos_datos_en_ambos_motores_y_otra_semilla_otros(motor, motor_sqlite, tmp_path):
    avances = []
    resumen = generar_demo(motor, N, semilla=7, progreso=lambda h, t: avances.append((h, t)), lote=25)
    assert avances == [(25, N), (50, N), (60, N)]
    assert resumen["agentes"] == N and resumen["siniestros"] == N and resumen["organismos"] == len(ORGANISMOS)
    contenido = _contenido(motor)
    for m in TABLAS:
        assert len(contenido[m.__tablename__]) == resumen[{
            "organismo": "organismos", "agente": "agentes", "familiar": "familiares",
            "remuneracion": "remuneraciones", "siniestro": "siniestros", "derechohabiente": "derechohabientes",
            "liquidacion": "liquidaciones", "pago": "pagos"}[m.__tablename__]]
    # same seed in another store (SQLite; with batches of another size): the very same rows
    generar_demo(motor_sqlite, N, semilla=7)
    assert _contenido(motor_sqlite) == contenido
    # another seed: other people
    otra = crear_motor(f"sqlite+pysqlite:///{tmp_path / 'semilla8.db'}")
    migrar.actualizar(otra)
    generar_demo(otra, N, semilla=8)
    assert _contenido(otra)["agente"] != contenido["agente"]
    otra.dispose()


def test_cuil_cbu_cuit_validos_y_nombres_con_acentos(motor):
    generar_demo(motor, 200, semilla=3)
    agentes = _filas(motor, Agente)
    familiares = _filas(motor, Familiar)
    cuils = [a.cuil for a in agentes]
    assert len(set(cuils)) == len(cuils) == 200
    for c in cuils + [f.cuil for f in familiares]:
        assert len(c) == 11 and c.isdigit() and std_cuit.is_valid(c), c
        assert c[:2] in ("20", "23", "27")
    for o in _filas(motor, Organismo):
        assert std_cuit.is_valid(o.cuit) and o.cuit.startswith("30")
    cbus = [f.cbu for f in familiares if f.cbu] + [d.cbu for d in _filas(motor, Derechohabiente) if d.cbu]
    assert cbus and all(std_cbu.is_valid(x) for x in cbus)
    for a in agentes:
        assert a.busqueda == normalizar_busqueda(a.apellido_nombre)
        assert ", " in a.apellido_nombre
        assert date(1955, 1, 1) <= a.fecha_nacimiento <= date(2000, 12, 31)
    texto = " ".join(a.apellido_nombre for a in agentes)
    assert any(ch in texto for ch in "ñÑ") and any(ch in texto for ch in "áéíóúÁÉÍÓÚ")
    # every organismo gets agentes, the big ministries more
    por_organismo = Counter(a.organismo_id for a in agentes)
    assert len(por_organismo) >= 10


def test_cuil_digito_10_cambia_el_prefijo():
    # 20-00000005-? gives 10 by the mod 11 rule: the AFIP assigns 23-…-9 (male) / 23-…-4 (female)
    for dni in range(1, 3000):
        for mujer in (False, True):
            c = cuil_valido(dni, mujer)
            assert std_cuit.is_valid(c)
            if c.startswith("23"):
                assert c[-1] == ("4" if mujer else "9")


def test_todos_los_estados_tipos_y_fechas_coherentes(motor):
    generar_demo(motor, 150, semilla=5)
    siniestros = _filas(motor, Siniestro)
    liquidaciones = _filas(motor, Liquidacion)
    pagos = _filas(motor, Pago)
    dhs = _filas(motor, Derechohabiente)
    estados = Counter((s.estado, s.tipo) for s in siniestros)
    for e in ESTADOS_SINIESTRO:
        assert estados[(e, "muerte")] > 0, e
        if e != "acreditado":
            assert estados[(e, "ilp")] > 0, e
    assert {s.in_itinere for s in siniestros} == {True, False}
    assert len({s.numero for s in siniestros}) == len(siniestros)

    por_siniestro: dict[int, list] = {}
    for liq in liquidaciones:
        por_siniestro.setdefault(liq.siniestro_id, []).append(liq)
    assert any(len(v) == 2 for v in por_siniestro.values())  # some were recalculated
    dh_de = {}
    for d in dhs:
        dh_de.setdefault(d.siniestro_id, []).append(d)
    pagos_de: dict[int, Decimal] = {}
    dh_por_id = {d.id: d for d in dhs}
    for p in pagos:
        pagos_de.setdefault(dh_por_id[p.derechohabiente_id].siniestro_id, Decimal(0))
        pagos_de[dh_por_id[p.derechohabiente_id].siniestro_id] += p.importe
        assert isinstance(p.importe, Decimal) and p.importe > 0 and p.fecha <= FECHA_CORTE

    for s in siniestros:
        nivel = ESTADOS_SINIESTRO.index(s.estado)
        assert s.fecha_pmi <= s.fecha_denuncia <= FECHA_CORTE
        if s.fecha_recepcion:
            assert s.fecha_denuncia <= s.fecha_recepcion
        else:
            assert s.estado == "denunciado"
        liqs = sorted(por_siniestro.get(s.id, []), key=lambda x: x.version)
        assert [x.version for x in liqs] == list(range(1, len(liqs) + 1))
        if nivel >= 2:
            assert liqs, s
        if nivel == 0:
            assert not liqs
        for x in liqs:
            assert s.fecha_pmi <= x.fecha_liquidacion <= FECHA_CORTE and x.total > 0
        if s.tipo == "muerte":
            assert s.fecha_fallecimiento is not None and s.porcentaje_incapacidad is None
            assert (s.acreditado_en is not None) == (nivel >= 3)
            if nivel >= 1:
                assert dh_de.get(s.id), "a death being liquidated has its family as DH"
            if nivel >= 3:
                assert any(d.acreditado for d in dh_de[s.id])
            if nivel >= 4:  # paid: the accredited DH received exactly the latest liquidation
                assert pagos_de[s.id] == liqs[-1].total
            else:
                assert s.id not in pagos_de
        else:
            assert s.fecha_fallecimiento is None and Decimal(1) <= s.porcentaje_incapacidad <= 100
            assert s.incapacidad_grado == ("total" if s.porcentaje_incapacidad >= 66 else "parcial")
            assert s.acreditado_en is None and s.id not in dh_de
        if s.fecha_pmi >= date(2017, 3, 5):
            assert s.fecha_puesta_disposicion is None
        else:
            assert s.fecha_pre_acuerdo is None


def test_familias_con_hijos_en_todos_los_limites_de_edad(motor):
    generar_demo(motor, 80, semilla=2)
    agentes = {a.id: a for a in _filas(motor, Agente)}
    pmi = {s.agente_id: s.fecha_pmi for s in _filas(motor, Siniestro)}
    familiares = _filas(motor, Familiar)
    parentescos = Counter(f.parentesco for f in familiares)
    assert parentescos["conyuge"] and parentescos["conviviente"] and parentescos["madre"] and parentescos["padre"]
    clases = set()
    for f in familiares:
        if f.parentesco != "hijo":
            continue
        assert f.apellido_nombre.split(",")[0] == agentes[f.agente_id].apellido_nombre.split(",")[0]
        assert f.fecha_nacimiento > agentes[f.agente_id].fecha_nacimiento
        edad = edad_cumplida(f.fecha_nacimiento, pmi[f.agente_id]) if f.fecha_nacimiento <= pmi[f.agente_id] else -1
        if f.incapacitado and edad > 25:
            clases.add("mayor incapacitado")
        elif edad < 21:
            clases.add("menor de 21")
        elif edad <= 25:
            clases.add("21 a 25 estudiante" if f.estudiante else "21 a 25 sin estudios")
        else:
            clases.add("mayor de 25")
        if f.estudiante:
            assert 18 <= edad <= 25
    assert clases == {"menor de 21", "21 a 25 estudiante", "21 a 25 sin estudios", "mayor de 25",
                      "mayor incapacitado"}


def test_remuneraciones_doce_meses_antes_de_la_pmi_plausibles_y_en_centavos(motor):
    generar_demo(motor, 100, semilla=4)
    tablas = _Tablas.cargar()
    siniestro_de = {s.agente_id: s for s in _filas(motor, Siniestro)}
    agentes = {a.id: a for a in _filas(motor, Agente)}
    por_agente: dict[int, list] = {}
    for r in _filas(motor, Remuneracion):
        por_agente.setdefault(r.agente_id, []).append(r)
    assert set(por_agente) == set(agentes)
    completos = 0
    for agente_id, filas in por_agente.items():
        pmi = siniestro_de[agente_id].fecha_pmi
        inicio = agentes[agente_id].fecha_inicio_actividad
        periodos = [r.periodo for r in filas]
        assert periodos == sorted(periodos) and len(set(periodos)) == len(periodos) <= 12
        assert all(p < f"{pmi.year:04d}-{pmi.month:02d}" for p in periodos)
        completos += len(filas) == 12
        if len(filas) < 12:  # started within the year before the PMI
            assert (inicio.year, inicio.month) > (pmi.year - 1, pmi.month)
        for r in filas:
            promedio = tablas.ripte_de(r.periodo) * RIPTE_A_PESOS
            assert r.remuneracion == 0 or promedio * Decimal("0.4") < r.remuneracion < promedio * 4, r
            if r.periodo.endswith(("-06", "-12")):
                assert r.sac > 0 or r.remuneracion == 0
                assert r.sac <= max(x.remuneracion for x in filas) / 2 + Decimal("0.01")
            else:
                assert r.sac == 0
    assert completos > 85
    with motor.connect() as c:  # exact money: integer centavos in the store
        crudo = c.execute(text("SELECT remuneracion, sac FROM remuneracion ORDER BY id")).first()
        assert all(isinstance(v, int) for v in crudo)
        assert Decimal(crudo[0]).scaleb(-2) == _filas(motor, Remuneracion)[0].remuneracion


def test_se_niega_si_ya_hay_agentes_y_no_toca_nada(motor):
    generar_demo(motor, 5, semilla=1)
    antes = _contenido(motor)
    with pytest.raises(ReglaIncumplida, match="ya tiene agentes"):
        generar_demo(motor, 5, semilla=2)
    assert _contenido(motor) == antes
    with motor.connect() as c:
        assert c.scalar(select(func.count()).select_from(Auditoria.__table__)) == 1


def test_base_sin_migrar(url_bd):
    m = crear_motor(url_bd)
    try:
        with pytest.raises(ErrorBaseDatos, match="esquema actual"):
            generar_demo(m, 5)
        migrar.actualizar(m, "0001")
        with pytest.raises(ErrorBaseDatos, match="db init"):
            generar_demo(m, 5)
    finally:
        m.dispose()


@pytest.mark.parametrize("agentes", [0, -3, True, "10"])
def test_cantidad_invalida(motor, agentes):
    with pytest.raises(DatosInvalidos):
        generar_demo(motor, agentes)


def test_un_error_a_mitad_de_camino_no_deja_nada(motor):
    def falla(hechos, total):
        if hechos >= 20:
            raise RuntimeError("cortado")

    with pytest.raises(RuntimeError, match="cortado"):
        generar_demo(motor, 50, lote=10, progreso=falla)
    contenido = _contenido(motor)
    assert all(filas == [] for filas in contenido.values())
    # and the store is still usable: the same demo now completes
    assert generar_demo(motor, 50, lote=10)["agentes"] == 50


def test_organismos_existentes_se_reusan_y_los_ids_siguen_libres(motor):
    with motor.begin() as c:
        c.execute(insert(Organismo.__table__), [{"codigo": "EDU", "nombre": "Educación (ya cargado)", "cuit": None}])
    resumen = generar_demo(motor, 30, semilla=1)
    assert resumen["organismos"] == len(ORGANISMOS) - 1
    with motor.connect() as c:
        assert c.scalar(select(func.count()).select_from(Organismo.__table__)) == len(ORGANISMOS)
    # new rows after the demo get fresh ids (on PostgreSQL the sequences were moved past the demo's)
    fabrica = fabrica_sesiones(motor)
    with fabrica.begin() as s:
        org = Organismo(codigo="NUEVO", nombre="Organismo nuevo")
        s.add(org)
        s.flush()
        agente = Agente(cuil=cuil_valido(99_000_001, False), apellido_nombre="Peña, Juan", busqueda="PENA, JUAN",
                        fecha_nacimiento=date(1980, 1, 1), organismo_id=org.id)
        s.add(agente)
        s.flush()
        s.add(Siniestro(numero="X-1", agente_id=agente.id, tipo="ilp", fecha_pmi=date(2024, 1, 1)))
        s.add(Remuneracion(agente_id=agente.id, periodo="2023-12", remuneracion=Decimal("1.00")))
        s.flush()
        assert org.id > len(ORGANISMOS) and agente.id > 30


def test_calcular_con_el_motor_real(motor, parametros):
    """`calcular=True`: every liquidation is the engine's, and payments are the engine's split."""
    from app.liquidacion import caso_desde_dict, liquidar

    resumen = generar_demo(motor, 40, semilla=9, calcular=True)
    liquidaciones = _filas(motor, Liquidacion)
    del_motor = [liq for liq in liquidaciones if "demo" not in liq.resultado]
    aproximadas = [liq for liq in liquidaciones if "demo" in liq.resultado]
    assert len(del_motor) > 20 and resumen["liquidaciones_aproximadas"] == len(aproximadas)
    for liq in aproximadas:  # only when the engine refused the case, and it says why
        assert liq.resultado["error_motor"]
    ultimas = {}
    for liq in del_motor:
        assert liq.resultado["total"] == str(liq.total)
        caso, _ = caso_desde_dict(liq.entrada)
        assert liquidar(caso, parametros).total == liq.total  # reproducible from the stored case
    for liq in liquidaciones:
        ultimas[liq.siniestro_id] = liq
    dh = {d.id: d for d in _filas(motor, Derechohabiente)}
    pagados = 0
    for p in _filas(motor, Pago):
        ultima = ultimas[dh[p.derechohabiente_id].siniestro_id]
        if "reparto" in ultima.resultado:
            parte = next(r for r in ultima.resultado["reparto"] if r["id"] == str(p.derechohabiente_id))
            assert Decimal(parte["importe"]) == p.importe and not parte["excluido"]
            pagados += 1
    assert pagados > 0
    # the case stored is exactly the one the store would build now (else accrediting a demo
    # siniestro would be refused as "data changed after the liquidation")
    from app.models.bd import fabrica_sesiones
    from app.services.liquidaciones import caso_del_siniestro

    with fabrica_sesiones(motor)() as sesion:
        for liq in del_motor:
            if liq.version != max(v.version for v in liquidaciones if v.siniestro_id == liq.siniestro_id):
                continue
            s = sesion.get(Siniestro, liq.siniestro_id)
            assert caso_del_siniestro(sesion, s, liq.fecha_liquidacion, {}) == liq.entrada, s.numero


def test_sin_calcular_el_resultado_dice_que_es_aproximado_y_trae_el_reparto(motor):
    generar_demo(motor, 40, semilla=1)
    dhs = {d.id: d for d in _filas(motor, Derechohabiente)}
    ultimas = {}
    for liq in _filas(motor, Liquidacion):
        assert liq.resultado["demo"] is True and "aproximado" in liq.resultado["nota"]
        assert Decimal(liq.resultado["total"]) == liq.total
        reparto = liq.resultado["reparto"]
        assert {int(r["id"]) for r in reparto} == {d.id for d in dhs.values() if d.siniestro_id == liq.siniestro_id}
        if reparto:  # a death: the shares by law add up to the total, to the centavo
            assert sum(Decimal(r["importe"]) for r in reparto) == liq.total
        ultimas[liq.siniestro_id] = liq
    pagos = _filas(motor, Pago)
    assert pagos
    for p in pagos:  # each payment is the DH's share of the latest liquidation (what pagos.py reads)
        parte = next(r for r in ultimas[dhs[p.derechohabiente_id].siniestro_id].resultado["reparto"]
                     if r["id"] == str(p.derechohabiente_id))
        assert Decimal(parte["importe"]) == p.importe and not parte["excluido"]
