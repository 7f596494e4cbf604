"""Properties of the split and of whole death liquidations, and "no input crashes the engine".

Invariants (spec §5, §8): every split adds up exactly, each part is within one unit of its exact
share, percentages add to 100.0000, total = pago único + por daño + adicional, pago único ≥ piso.
Bad input may only end in `LiquidacionError` (Spanish message), never in another exception.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta
from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from app.liquidacion import (
    DatoInvalido,
    LiquidacionError,
    caso_desde_dict,
    liquidar,
    resultado_a_dict,
)
from app.liquidacion.caso import CAMPOS_CASO, CAMPOS_DH, CAMPOS_REMUNERACION
from app.liquidacion.reparto import repartir
from tests.conftest import caso_base

# The autouse fixture of conftest (a temporary user-data folder) is function scoped; it only sets an
# environment variable, so sharing it across the examples of one test is harmless.
PROPIEDAD = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

CONCEPTOS = ("pago_unico", "pago_por_danio", "pago_adicional")


# ------------------------------------------------------------------ repartir


@PROPIEDAD
@given(
    total=st.integers(0, 10**14),
    pesos=st.lists(st.integers(0, 10**6), min_size=1, max_size=12).filter(lambda p: sum(p) > 0),
    data=st.data(),
)
def test_repartir_suma_exacta_cercana_y_determinista(total, pesos, data):
    prioridad = data.draw(st.permutations(range(len(pesos))))
    partes = repartir(total, pesos, list(prioridad))
    assert len(partes) == len(pesos)
    assert sum(partes) == total
    W = sum(pesos)
    for parte, peso in zip(partes, pesos):
        exacta = Fraction(total * peso, W)
        assert abs(parte - exacta) < 1
        assert parte >= 0
        if peso == 0:
            assert parte == 0
    # deterministic: same input → same output, and the input lists are not altered
    assert repartir(total, list(pesos), list(prioridad)) == partes
    # the default priority is list order
    assert repartir(total, pesos) == repartir(total, pesos, list(range(len(pesos))))


@PROPIEDAD
@given(total=st.integers(0, 10**14), peso=st.integers(1, 10**6), n=st.integers(1, 10))
def test_repartir_pesos_iguales_difieren_a_lo_sumo_en_uno(total, peso, n):
    partes = repartir(total, [peso] * n)
    # equal weights: everyone gets floor(total / n), the first (total mod n) get one more
    base, resto = divmod(total, n)
    assert partes == [base + 1] * resto + [base] * (n - resto)


# ------------------------------------------------------------------ random valid death cases

PMI_MIN = date(2017, 3, 6)
PMI_MAX = date(2019, 12, 31)
LIQ_MAX = date(2020, 12, 31)
PARENTESCOS = ["conyuge", "conviviente", "hijo", "padre", "madre", "familiar_a_cargo"]
UNICOS = {"conyuge", "padre", "madre"}


def _importe(centavos: int) -> str:
    return f"{centavos // 100}.{centavos % 100:02d}"


@st.composite
def derechohabientes(draw, muerte: date):
    n = draw(st.integers(1, 8)) if draw(st.integers(0, 9)) else 0  # no heirs about 1 time in 10
    # the pool biases some cases towards only children/convivientes (often nobody eligible) or
    # only parents and relatives (groups 2 and 3)
    pool = draw(st.sampled_from([PARENTESCOS, ["hijo", "conviviente"], ["padre", "madre", "familiar_a_cargo"]]))
    usados: set[str] = set()
    lista = []
    for i in range(n):
        parentesco = draw(st.sampled_from(pool))
        if parentesco in UNICOS and parentesco in usados:
            parentesco = draw(st.sampled_from([p for p in pool if p not in UNICOS]))
        usados.add(parentesco)
        d = {"id": f"dh{i}", "parentesco": parentesco}
        if parentesco == "hijo":
            edad_hijo = draw(st.integers(-1, 45))
            if edad_hijo < 0:  # póstumo: born up to 300 days after the death
                nacimiento = muerte + timedelta(days=draw(st.integers(1, 300)))
            else:  # completed age `edad_hijo` at the death (around the 21 and 25 limits too)
                aniversario = date(muerte.year - edad_hijo, muerte.month, min(muerte.day, 28))
                nacimiento = aniversario - timedelta(days=draw(st.integers(0, 300)))
            d["fecha_nacimiento"] = nacimiento.isoformat()
        elif draw(st.booleans()):
            d["fecha_nacimiento"] = draw(st.dates(date(1900, 1, 1), muerte)).isoformat()
        for bandera in ("estudiante", "incapacitado", "casado", "hijos_en_comun", "culpable_separacion"):
            valor = draw(st.sampled_from([None, False, True]))
            if valor is not None:
                d[bandera] = valor
        if draw(st.booleans()):
            d["anios_convivencia"] = _importe(draw(st.integers(0, 1000)))  # 0.00 … 10.00 years
        lista.append(d)
    return lista


@st.composite
def casos_muerte_validos(draw):
    pmi = draw(st.dates(PMI_MIN, PMI_MAX))
    liquidacion = draw(st.dates(pmi, LIQ_MAX))
    edad = draw(st.integers(16, 80))
    # PMI dates here are never 29 February, so this replace is safe; going back up to 364 days
    # keeps the completed age at exactly `edad`
    nacimiento = date(pmi.year - edad, pmi.month, pmi.day) - timedelta(days=draw(st.integers(0, 364)))
    fallecimiento = draw(st.one_of(st.none(), st.dates(pmi, pmi + timedelta(days=365))))
    muerte = fallecimiento or pmi
    caso = {
        "tipo": "muerte",
        "fecha_pmi": pmi.isoformat(),
        "fecha_nacimiento": nacimiento.isoformat(),
        "fecha_liquidacion": liquidacion.isoformat(),
        "in_itinere": draw(st.booleans()),
        "vib": _importe(draw(st.integers(0, 10**11))),  # 0.00 … 1,000,000,000.00
        "derechohabientes": draw(derechohabientes(muerte)),
    }
    if fallecimiento is not None:
        caso["fecha_fallecimiento"] = fallecimiento.isoformat()
    return caso, edad


@PROPIEDAD
@given(casos_muerte_validos())
def test_liquidacion_de_muerte_cuadra_siempre(parametros, caso_y_edad):
    caso_dict, edad = caso_y_edad
    caso, avisos = caso_desde_dict(caso_dict)
    assert avisos == []
    r = liquidar(caso, parametros)
    s = resultado_a_dict(r)

    assert r.edad == edad
    assert s["regimen"] == "Ley 27.348"
    pago_unico, por_danio, adicional = (D(s[c]) for c in CONCEPTOS)
    assert D(s["total"]) == pago_unico + por_danio + adicional
    assert pago_unico >= D(s["piso_minimo"])
    if caso_dict["in_itinere"]:
        assert por_danio == D("0.00")
    for c in CONCEPTOS:
        assert D(s[c]) >= 0

    reparto = s["reparto"]
    assert len(reparto) == len(caso_dict["derechohabientes"])
    if not reparto:
        event("sin derechohabientes")
        assert any("No se cargaron derechohabientes" in a for a in s["advertencias"])
        return
    elegibles = [p for p in reparto if not p["excluido"]]
    suma_pct = sum((D(p["porcentaje"]) for p in reparto), D(0))
    event("con elegibles" if elegibles else "nadie elegible")
    if elegibles:
        for c in CONCEPTOS:
            assert sum(D(p["conceptos"][c]) for p in reparto) == D(s[c]), c
        assert sum(D(p["importe"]) for p in reparto) == D(s["total"])
        assert suma_pct == D("100.0000")
        # only one order of derechohabientes receives (group 1, else 2, else 3)
        grupo = {"conyuge": 1, "conviviente": 1, "hijo": 1, "padre": 2, "madre": 2, "familiar_a_cargo": 3}
        grupos = {grupo[p["parentesco"]] for p in elegibles}
        assert len(grupos) == 1
    else:
        assert suma_pct == D("0.0000")
        assert any("Ningún derechohabiente" in a for a in s["advertencias"])
    for p in reparto:
        assert D(p["importe"]) == sum(D(v) for v in p["conceptos"].values())
        if p["excluido"]:
            assert p["importe"] == "0.00" and p["porcentaje"] == "0.0000"
            assert p["motivo"]
        # each share is within one cent of the exact share of its percentage
        for c in CONCEPTOS:
            exacta = D(s[c]) * D(p["porcentaje"]) / 100
            # percentages are themselves rounded to 0.0001 %, hence the extra tolerance
            assert abs(D(p["conceptos"][c]) - exacta) < D("0.01") + D(s[c]) * D("0.000001")


# ------------------------------------------------------------------ no input crashes the engine

TEXTOS_PLAUSIBLES = st.one_of(
    st.dates(date(1, 1, 1), date(9999, 12, 31)).map(date.isoformat),
    st.builds(lambda a, m: f"{a:04d}-{m:02d}", st.integers(0, 9999), st.integers(0, 13)),
    st.decimals(min_value=-10**13, max_value=10**13, places=2, allow_nan=False, allow_infinity=False).map(str),
    st.from_regex(r"-?\d{1,20}(\.\d{1,6})?", fullmatch=True),
    st.sampled_from(
        ["muerte", "ilp", "gran_invalidez", "conyuge", "conviviente", "hijo", "padre", "madre",
         "familiar_a_cargo", "pmi", "mes_anterior", "con_capu", "sin_capu", "", " ", "0", "100",
         "66", "50", "1e5", "NaN", "Infinity", "٢٠١٩-٠٥-٠٧", "2019-02-29", "2019-05-07\n"]
    ),
)
ESCALARES = st.one_of(
    st.none(),
    st.booleans(),
    # |n| < 10**20: integers with 27+ digits are a known crash, see test_importe_con_muchos_digitos_*
    st.integers(-(10**20), 10**20),
    st.floats(),
    st.text(max_size=15),
    TEXTOS_PLAUSIBLES,
)
VALORES_JSON = st.recursive(
    ESCALARES,
    lambda hijos: st.one_of(
        st.lists(hijos, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=8), st.sampled_from(sorted(CAMPOS_DH | CAMPOS_REMUNERACION))),
                        hijos, max_size=4),
    ),
    max_leaves=10,
)


def _ejecutar(parametros, d) -> str:
    """caso_desde_dict + liquidar (+ the JSON output): a result, or LiquidacionError with a message.
    Any other exception propagates and fails the test."""
    try:
        caso, _ = caso_desde_dict(d)
        r = liquidar(caso, parametros)
        s = resultado_a_dict(r)
    except LiquidacionError as e:
        assert str(e).strip(), f"{type(e).__name__} sin mensaje"
        if currently_in_test_context():
            event(f"error: {type(e).__name__}")
        return "error"
    if currently_in_test_context():
        event("resultado")
    assert D(s["total"]) == sum(D(s[c]) for c in CONCEPTOS)
    return "ok"


@PROPIEDAD
@given(VALORES_JSON)
def test_cualquier_valor_json_no_rompe_el_motor(parametros, valor):
    _ejecutar(parametros, valor)


@PROPIEDAD
@given(st.dictionaries(st.one_of(st.sampled_from(sorted(CAMPOS_CASO)), st.text(max_size=8)), VALORES_JSON,
                       max_size=16))
def test_cualquier_diccionario_no_rompe_el_motor(parametros, d):
    _ejecutar(parametros, d)


def _remuneraciones(desde: str, meses: int, importe: str = "50000.00") -> list[dict]:
    anio, mes = map(int, desde.split("-"))
    lista = []
    for k in range(meses):
        a, m = divmod(anio * 12 + mes - 1 + k, 12)
        lista.append({"periodo": f"{a:04d}-{m + 1:02d}", "remuneracion": importe, "sac": "0.00" if k % 6 else "25000.00"})
    return lista


DHS_VALIDOS = [
    {"id": "c", "parentesco": "conyuge", "fecha_nacimiento": "1980-02-03"},
    {"id": "h1", "parentesco": "hijo", "fecha_nacimiento": "2001-06-01", "estudiante": True},
    {"id": "h2", "parentesco": "hijo", "fecha_nacimiento": "2012-09-10"},
    {"id": "v", "parentesco": "conviviente", "anios_convivencia": "3.50", "hijos_en_comun": True},
    {"id": "m", "parentesco": "madre", "fecha_nacimiento": "1950-01-01"},
]
BASES = [
    # death, Ley 27.348, VIB given, interest until the liquidation, heirs
    caso_base(fecha_liquidacion="2020-03-15", derechohabientes=copy.deepcopy(DHS_VALIDOS)),
    # death, Ley 27.348, ingreso base from salaries (RIPTE), mora
    caso_base(vib=None, remuneraciones=_remuneraciones("2018-05", 12), fecha_liquidacion="2019-06-01",
              fecha_mora="2019-07-01", fecha_pago="2019-08-01",
              derechohabientes=copy.deepcopy(DHS_VALIDOS[:3]), opciones={"ripte_referencia": "pmi"}),
    # ILP 60 %, option IAPU without CAPU
    caso_base(tipo="ilp", porcentaje_incapacidad="60", fecha_liquidacion="2019-09-30",
              opciones={"iapu_base": "sin_capu"}),
    # death, Ley 26.773 (old art. 12), service shorter than a year, manual percentages
    caso_base(fecha_pmi="2015-08-20", fecha_liquidacion="2015-08-20", vib=None,
              remuneraciones=_remuneraciones("2015-01", 7), fecha_inicio_actividad="2015-01-10",
              motivo_porcentajes="acuerdo",
              derechohabientes=[{"id": "p", "parentesco": "padre", "porcentaje": "30"},
                                {"id": "m", "parentesco": "madre", "porcentaje": "70"}]),
]
CAMPOS_EXTRA = ["fecha_fallecimiento", "porcentaje_incapacidad", "motivo_porcentajes", "fecha_mora",
                "fecha_pago", "opciones", "fecha_inicio_actividad", "remuneraciones", "vib"]
def test_los_casos_base_de_las_mutaciones_son_validos(parametros):
    # otherwise the mutation test would only explore error paths
    for base in BASES:
        assert _ejecutar(parametros, copy.deepcopy(base)) == "ok"


def _lugares(caso: dict) -> list[tuple]:
    """Every place a mutation can hit: (container path, key); existing keys and known extra ones."""
    lugares = [((), k) for k in sorted(set(caso) | set(CAMPOS_EXTRA))]
    for clave, campos in (("derechohabientes", CAMPOS_DH), ("remuneraciones", CAMPOS_REMUNERACION)):
        for i, _ in enumerate(caso.get(clave) or []):
            lugares += [((clave, i), k) for k in sorted(campos)]
    if isinstance(caso.get("opciones"), dict):
        lugares += [(("opciones",), k) for k in ("ripte_referencia", "iapu_base")]
    return lugares


def _navegar(caso: dict, ruta: tuple):
    destino = caso
    for paso in ruta:
        if isinstance(destino, dict) and paso in destino:
            destino = destino[paso]
        elif isinstance(destino, list) and isinstance(paso, int) and paso < len(destino):
            destino = destino[paso]
        else:
            return None
    return destino


@st.composite
def casos_mutados(draw):
    """A valid case with 1 to 3 fields (top level or nested) replaced by a random JSON value or removed."""
    base = draw(st.sampled_from(BASES))
    caso = copy.deepcopy(base)
    elegidos = draw(st.lists(st.sampled_from(_lugares(base)), min_size=1, max_size=3, unique=True))
    for ruta, clave in elegidos:
        destino = _navegar(caso, ruta)
        if not isinstance(destino, dict):
            continue  # an earlier mutation already replaced the container
        if draw(st.integers(0, 4)) == 0:
            destino.pop(clave, None)
        else:
            destino[clave] = draw(VALORES_JSON)
    return caso


@PROPIEDAD
@given(casos_mutados())
def test_mutaciones_de_un_caso_valido_no_rompen_el_motor(parametros, d):
    _ejecutar(parametros, d)


# ------------------------------------------------------------------ crashes found earlier (regressions)


@pytest.mark.parametrize(
    "cambios, campo",
    [
        ({"vib": "1" * 30}, "vib"),
        ({"vib": 10**27}, "vib"),
        ({"tipo": "ilp", "porcentaje_incapacidad": "9" * 28}, "porcentaje_incapacidad"),
        ({"derechohabientes": [{"id": "c", "parentesco": "conyuge", "porcentaje": "1" * 26}]},
         "derechohabientes[0].porcentaje"),
    ],
)
def test_importe_con_muchos_digitos_es_dato_invalido(cambios, campo):
    with pytest.raises(DatoInvalido) as exc:
        caso_desde_dict(caso_base(**cambios))
    assert exc.value.campo == campo


def test_pmi_9999_12_31_es_un_error_de_parametros_y_no_un_desborde(parametros):
    # the day after 9999-12-31 does not exist in Python's calendar; the engine must not try it
    caso, _ = caso_desde_dict(caso_base(fecha_pmi="9999-12-31", fecha_liquidacion="9999-12-31"))
    with pytest.raises(LiquidacionError) as exc:
        liquidar(caso, parametros)
    assert "31/12/9999" in str(exc.value)


def test_mora_desde_9999_12_31_son_cero_dias(parametros):
    caso, _ = caso_desde_dict(caso_base(fecha_mora="9999-12-31", fecha_pago="9999-12-31"))
    s = resultado_a_dict(liquidar(caso, parametros))
    # mora from 9999-12-31 to 9999-12-31: 0 days, 0.00 of interest on the 11,974,717.20 owed
    assert s["mora"]["dias"] == 0
    assert s["mora"]["intereses"] == "0.00"
    assert s["mora"]["capital"] == "11974717.20"


def test_importe_entero_gigante_es_dato_invalido():
    with pytest.raises(DatoInvalido) as exc:
        caso_desde_dict(caso_base(vib=10**5000))
    assert exc.value.campo == "vib"


def test_id_entero_gigante_no_rompe_la_lectura():
    try:
        caso, _ = caso_desde_dict(caso_base(derechohabientes=[{"id": 10**5000, "parentesco": "conyuge"}]))
    except DatoInvalido as e:
        assert e.campo == "derechohabientes[0].id"
    else:
        assert len(caso.derechohabientes[0].id) == 5001  # "1" followed by 5000 zeros


@pytest.mark.parametrize("cambios, campo", [
    ({"fecha_pmi": "٢٠١٩-٠٥-٠٧"}, "fecha_pmi"),  # Arabic-Indic digits are not ISO digits
    ({"vib": "١٠٠"}, "vib"),
    ({"fecha_pmi": "2019-05-07\n"}, "fecha_pmi"),  # a trailing newline is not part of a date
])
def test_solo_digitos_ascii(cambios, campo):
    with pytest.raises(DatoInvalido) as exc:
        caso_desde_dict(caso_base(**cambios))
    assert exc.value.campo == campo
