"""Shares and cent-exact split (spec §5 "Aplicar Porcentajes por Ley", §8 rounding).

Reference case (caso_base): VIB 100,000.00, age 40 at the PMI 2019-05-07, liquidation the same day
(0 days of interest), not in itinere; SRT amounts of 2019-03-01…2019-08-31 (Nota SRT 2727/2019):
piso 2,049,647, CAPU c 1,366,431, IAPU minimum 388,159.
  pago único     = 53 × 100,000 × 65 / 40 = 8,612,500.00   (> piso)
  pago adicional = CAPU c = 1,366,431.00
  pago por daño  = 20 % × (8,612,500 + 1,366,431) = 1,995,786.20   (> minimum)
  total          = 11,974,717.20
"""

from decimal import Decimal as D

import pytest

from app.liquidacion import DatoInvalido, caso_desde_dict, liquidar
from app.liquidacion.reparto import repartir
from tests.conftest import caso_base, dh, liquidar_dict

CONCEPTOS = ("pago_unico", "pago_por_danio", "pago_adicional")
PAGO_UNICO = D("8612500.00")
PAGO_ADICIONAL = D("1366431.00")
PAGO_POR_DANIO = D("1995786.20")
TOTAL = D("11974717.20")






def porcentajes(salida) -> dict:
    return {p["id"]: p["porcentaje"] for p in salida["reparto"]}


def suma_porcentajes(salida) -> D:
    return sum((D(p["porcentaje"]) for p in salida["reparto"]), D(0))


def por_id(salida) -> dict:
    return {p["id"]: p for p in salida["reparto"]}


def test_caso_de_referencia_calculado_a_mano(parametros):
    salida = liquidar_dict(parametros)
    assert D(salida["pago_unico"]) == PAGO_UNICO
    assert D(salida["pago_adicional"]) == PAGO_ADICIONAL
    assert D(salida["pago_por_danio"]) == PAGO_POR_DANIO
    assert D(salida["total"]) == TOTAL


# ------------------------------------------------------------------ spec §5 examples


def test_conyuge_sola_100(parametros):
    salida = liquidar_dict(parametros, derechohabientes=[dh("c", "conyuge")])
    assert porcentajes(salida) == {"c": "100.0000"}
    assert D(por_id(salida)["c"]["importe"]) == TOTAL


def test_conyuge_y_un_hijo(parametros):
    salida = liquidar_dict(parametros, derechohabientes=[dh("c", "conyuge"), dh("h", "hijo", "2010-01-01")])
    # 50 / (50 + 20) = 71.428571 %, 20 / 70 = 28.571429 %
    assert porcentajes(salida) == {"c": "71.4286", "h": "28.5714"}
    assert suma_porcentajes(salida) == D("100.0000")


def test_conyuge_y_dos_hijos(parametros):
    salida = liquidar_dict(
        parametros,
        derechohabientes=[dh("c", "conyuge"), dh("h1", "hijo", "2008-01-01"), dh("h2", "hijo", "2010-01-01")],
    )
    # 50 / 90 = 55.5556 %, 20 / 90 = 22.2222 % each; 55.5556 + 2 × 22.2222 = 100.0000
    assert porcentajes(salida) == {"c": "55.5556", "h1": "22.2222", "h2": "22.2222"}
    assert suma_porcentajes(salida) == D("100.0000")


def test_conyuge_y_tres_hijos_suman_exactamente_100(parametros):
    salida = liquidar_dict(
        parametros,
        derechohabientes=[
            dh("h3", "hijo", "2012-01-01"),
            dh("c", "conyuge"),
            dh("h1", "hijo", "2006-01-01"),
            dh("h2", "hijo", "2009-01-01"),
        ],
    )
    # weights 50:20:20:20 (sum 110), in 1/10,000 % units (1,000,000 = 100 %):
    #   spouse 50,000,000 / 110 = 454,545 rem 50;  child 20,000,000 / 110 = 181,818 rem 20
    #   454,545 + 3 × 181,818 = 999,999 → the one unit left goes to the largest remainder (spouse)
    #   → 45.4546 / 18.1818 × 3 ; 45.4546 + 54.5454 = 100.0000
    assert porcentajes(salida) == {"c": "45.4546", "h1": "18.1818", "h2": "18.1818", "h3": "18.1818"}
    assert suma_porcentajes(salida) == D("100.0000")


def test_solo_hijos_iguales_y_el_mayor_recibe_la_unidad_sobrante(parametros):
    salida = liquidar_dict(
        parametros,
        derechohabientes=[
            dh("menor", "hijo", "2012-03-01"),
            dh("mayor", "hijo", "2004-07-15"),
            dh("medio", "hijo", "2008-11-30"),
        ],
    )
    # 1,000,000 / 3 = 333,333 rem 1 each → tie; the unit goes to the oldest child
    assert porcentajes(salida) == {"mayor": "33.3334", "medio": "33.3333", "menor": "33.3333"}
    assert suma_porcentajes(salida) == D("100.0000")


def test_solo_dos_hijos_mitades(parametros):
    salida = liquidar_dict(
        parametros, derechohabientes=[dh("a", "hijo", "2005-01-01"), dh("b", "hijo", "2010-01-01")]
    )
    assert porcentajes(salida) == {"a": "50.0000", "b": "50.0000"}


def test_conyuge_conviviente_y_dos_hijos(parametros):
    salida = liquidar_dict(
        parametros,
        derechohabientes=[
            dh("h1", "hijo", "2008-01-01"),
            dh("v", "conviviente"),
            dh("h2", "hijo", "2010-01-01"),
            dh("c", "conyuge"),
        ],
    )
    # spouse group 50 split 25:25, each child 20 → 25:25:20:20 (sum 90)
    # 25 / 90 = 27.7777…, 20 / 90 = 22.2222…; units: 277,777 rem 70/90, 222,222 rem 20/90
    # 2 × 277,777 + 2 × 222,222 = 999,998 → 2 units to the largest remainders (spouse, conviviente)
    assert porcentajes(salida) == {"c": "27.7778", "v": "27.7778", "h1": "22.2222", "h2": "22.2222"}
    # 27.7778 × 2 + 22.2222 × 2 = 55.5556 + 44.4444 = 100.0000
    assert suma_porcentajes(salida) == D("100.0000")


# ------------------------------------------------------------------ repartir (integer units)


def test_repartir_100_pesos_en_tres_partes_iguales():
    # 10,000 cents / 3 = 3,333 rem 1 each; 3 × 3,333 = 9,999 → 1 cent to the first in priority
    assert repartir(10_000, [1, 1, 1]) == [3334, 3333, 3333]


def test_repartir_empate_lo_decide_la_prioridad():
    # same split, but the third has priority 0 → it gets the extra cent
    assert repartir(10_000, [1, 1, 1], [2, 1, 0]) == [3333, 3333, 3334]
    # 2 cents in 3 equal parts: floors 0, rem 2 each → priorities 0 and 1 (indices 1 and 0) get 1
    assert repartir(2, [1, 1, 1], [1, 0, 2]) == [1, 1, 0]


def test_repartir_el_resto_mayor_gana_a_la_prioridad():
    # 10 × 1/3 = 3 rem 1; 10 × 2/3 = 6 rem 2 → the leftover cent goes to the second
    assert repartir(10, [1, 2], [0, 1]) == [3, 7]
    assert repartir(10, [1, 2], [1, 0]) == [3, 7]


def test_repartir_pesos_proporcionales():
    # 100,000 × 50/90 = 55,555.56 → 55,555 rem 50; 100,000 × 20/90 = 22,222.22 → 22,222 rem 20
    # 55,555 + 44,444 = 99,999 → 1 unit to the spouse (largest remainder)
    assert repartir(100_000, [50, 20, 20]) == [55_556, 22_222, 22_222]


def test_repartir_peso_cero_recibe_cero():
    # 101 between two equal weights: 50 rem 1 each, 1 left → index 1 (first in list order)
    assert repartir(101, [0, 1, 1]) == [0, 51, 50]


def test_repartir_total_cero():
    assert repartir(0, [3, 1, 2]) == [0, 0, 0]


def test_repartir_exacto_no_toca_nada():
    # 900 × 50/90 = 500; 900 × 20/90 = 200
    assert repartir(900, [50, 20, 20]) == [500, 200, 200]


@pytest.mark.parametrize("pesos", [[0, 0, 0], []])
def test_repartir_sin_pesos_es_error(pesos):
    with pytest.raises(ValueError):
        repartir(100, pesos)


def test_repartir_total_negativo_es_error():
    with pytest.raises(ValueError):
        repartir(-1, [1, 1])


def test_repartir_peso_negativo_es_error():
    with pytest.raises(ValueError):
        repartir(100, [2, -1])


# ------------------------------------------------------------------ concepts through liquidar


def test_conyuge_y_dos_hijos_centavo_a_centavo(parametros):
    salida = liquidar_dict(
        parametros,
        derechohabientes=[
            dh("menor", "hijo", "2010-01-01"),  # younger child listed first on purpose
            dh("c", "conyuge"),
            dh("mayor", "hijo", "2008-01-01"),
        ],
    )
    p = por_id(salida)
    # pago único 861,250,000 cents, weights 50:20:20 (sum 90):
    #   spouse 861,250,000 × 50 / 90 = 478,472,222 rem 20; child × 20 / 90 = 191,388,888 rem 80
    #   2 cents left → both children (remainder 80 > 20)
    assert p["c"]["conceptos"]["pago_unico"] == "4784722.22"
    assert p["mayor"]["conceptos"]["pago_unico"] == "1913888.89"
    assert p["menor"]["conceptos"]["pago_unico"] == "1913888.89"
    # CAPU 136,643,100 cents: spouse 75,912,833 rem 30; child 30,365,133 rem 30 (three-way tie)
    #   1 cent left → the spouse first
    assert p["c"]["conceptos"]["pago_adicional"] == "759128.34"
    assert p["mayor"]["conceptos"]["pago_adicional"] == "303651.33"
    assert p["menor"]["conceptos"]["pago_adicional"] == "303651.33"
    # IAPU 199,578,620 cents: spouse 110,877,011 rem 10; child 44,350,804 rem 40 (tie of children)
    #   1 cent left → the older child
    assert p["c"]["conceptos"]["pago_por_danio"] == "1108770.11"
    assert p["mayor"]["conceptos"]["pago_por_danio"] == "443508.05"
    assert p["menor"]["conceptos"]["pago_por_danio"] == "443508.04"
    # importes: 4,784,722.22 + 1,108,770.11 + 759,128.34 = 6,652,620.67
    #           1,913,888.89 + 443,508.05 + 303,651.33 = 2,661,048.27 (older), .26 (younger)
    assert p["c"]["importe"] == "6652620.67"
    assert p["mayor"]["importe"] == "2661048.27"
    assert p["menor"]["importe"] == "2661048.26"
    # 6,652,620.67 + 2,661,048.27 + 2,661,048.26 = 11,974,717.20
    assert sum(D(x["importe"]) for x in salida["reparto"]) == TOTAL


def test_empate_de_centavo_entre_conyuge_y_conviviente_va_al_conyuge(parametros):
    # VIB 100,000.05: F = 3,445 × 100,000.05 / 40 = 8,612,504.30625 → 8,612,504.31 (odd cents)
    # IAPU = 20 % × (8,612,504.31 + 1,366,431) = 1,995,787.062 → 1,995,787.06
    salida = liquidar_dict(
        parametros,
        vib="100000.05",
        derechohabientes=[dh("v", "conviviente"), dh("c", "conyuge")],  # conviviente listed first
    )
    assert salida["pago_unico"] == "8612504.31"
    assert salida["pago_por_danio"] == "1995787.06"
    p = por_id(salida)
    # 861,250,431 / 2 = 430,625,215.5 → tie → the spouse gets the odd cent
    assert p["c"]["conceptos"]["pago_unico"] == "4306252.16"
    assert p["v"]["conceptos"]["pago_unico"] == "4306252.15"
    # 199,578,706 / 2 and 136,643,100 / 2 are exact
    assert p["c"]["conceptos"]["pago_por_danio"] == p["v"]["conceptos"]["pago_por_danio"] == "997893.53"
    assert p["c"]["conceptos"]["pago_adicional"] == p["v"]["conceptos"]["pago_adicional"] == "683215.50"
    # 4,306,252.16 + 997,893.53 + 683,215.50 = 5,987,361.19 ; conviviente 5,987,361.18
    assert p["c"]["importe"] == "5987361.19"
    assert p["v"]["importe"] == "5987361.18"


def test_tres_hijos_el_centavo_sobrante_va_al_mayor(parametros):
    salida = liquidar_dict(
        parametros,
        vib="100000.05",
        derechohabientes=[
            dh("menor", "hijo", "2012-01-01"),
            dh("medio", "hijo", "2009-01-01"),
            dh("mayor", "hijo", "2006-01-01"),
        ],
    )
    p = por_id(salida)
    # pago único 861,250,431 / 3 = 287,083,477 exactly
    assert {p[k]["conceptos"]["pago_unico"] for k in p} == {"2870834.77"}
    # IAPU 199,578,706 / 3 = 66,526,235 rem 1 each → the oldest gets the cent
    assert p["mayor"]["conceptos"]["pago_por_danio"] == "665262.36"
    assert p["medio"]["conceptos"]["pago_por_danio"] == "665262.35"
    assert p["menor"]["conceptos"]["pago_por_danio"] == "665262.35"
    # CAPU 136,643,100 / 3 = 45,547,700 exactly
    assert {p[k]["conceptos"]["pago_adicional"] for k in p} == {"455477.00"}


@pytest.mark.parametrize(
    "derechohabientes",
    [
        [dh("c", "conyuge"), dh("h1", "hijo", "2008-01-01"), dh("h2", "hijo", "2010-01-01"),
         dh("h3", "hijo", "2012-01-01")],
        [dh("c", "conyuge"), dh("v", "conviviente"), dh("h", "hijo", "2001-01-01")],
        [dh(f"h{i}", "hijo", f"200{i}-01-01") for i in range(7)],
        [dh("p", "padre"), dh("m", "madre"), dh("c", "conyuge", culpable_separacion=True)],
        [dh(f"f{i}", "familiar_a_cargo") for i in range(6)],
    ],
)
@pytest.mark.parametrize("vib", ["100000.00", "100000.05", "12345.67", "0.00"])
def test_cada_concepto_se_reparte_exacto(parametros, derechohabientes, vib):
    salida = liquidar_dict(parametros, vib=vib, derechohabientes=derechohabientes)
    for concepto in CONCEPTOS:
        suma = sum(D(p["conceptos"][concepto]) for p in salida["reparto"])
        assert suma == D(salida[concepto]), concepto
    assert sum(D(p["importe"]) for p in salida["reparto"]) == D(salida["total"])
    assert suma_porcentajes(salida) == D("100.0000")
    # each DH's importe is the sum of its three concepts
    for p in salida["reparto"]:
        assert D(p["importe"]) == sum(D(v) for v in p["conceptos"].values())


def test_in_itinere_el_pago_por_danio_es_cero_para_todos(parametros):
    salida = liquidar_dict(
        parametros, in_itinere=True, derechohabientes=[dh("c", "conyuge"), dh("h", "hijo", "2010-01-01")]
    )
    assert salida["pago_por_danio"] == "0.00"
    assert all(p["conceptos"]["pago_por_danio"] == "0.00" for p in salida["reparto"])
    # total = 8,612,500.00 + 1,366,431.00 = 9,978,931.00
    assert sum(D(p["importe"]) for p in salida["reparto"]) == D("9978931.00")


def test_excluido_no_recibe_nada_y_no_cambia_el_reparto(parametros):
    salida = liquidar_dict(
        parametros,
        derechohabientes=[dh("c", "conyuge"), dh("h", "hijo", "2010-01-01"), dh("x", "hijo", "1990-01-01")],
    )
    # the 29-year-old is out: spouse + 1 child → 71.4286 / 28.5714
    assert porcentajes(salida) == {"c": "71.4286", "h": "28.5714", "x": "0.0000"}
    assert por_id(salida)["x"]["importe"] == "0.00"


# ------------------------------------------------------------------ manual percentages


def test_porcentajes_manuales_se_usan_tal_cual(parametros):
    salida = liquidar_dict(
        parametros,
        motivo_porcentajes="Acuerdo homologado entre los derechohabientes",
        derechohabientes=[
            dh("c", "conyuge", porcentaje="60"),
            dh("h", "hijo", "2010-01-01", porcentaje="40.0000"),
        ],
    )
    assert salida["porcentajes_manuales"] is True
    assert porcentajes(salida) == {"c": "60.0000", "h": "40.0000"}
    p = por_id(salida)
    # 8,612,500.00 × 60 % = 5,167,500.00 ; × 40 % = 3,445,000.00
    assert p["c"]["conceptos"]["pago_unico"] == "5167500.00"
    assert p["h"]["conceptos"]["pago_unico"] == "3445000.00"
    assert any(
        "Porcentajes modificados por el liquidador" in a and "Acuerdo homologado" in a
        for a in salida["advertencias"]
    )


def test_porcentajes_manuales_con_4_decimales_y_centavos(parametros):
    salida = liquidar_dict(
        parametros,
        motivo_porcentajes="reparto convenido",
        derechohabientes=[
            dh("a", "hijo", "2004-01-01", porcentaje="33.3333"),
            dh("b", "hijo", "2006-01-01", porcentaje="33.3333"),
            dh("c", "hijo", "2008-01-01", porcentaje="33.3334"),
        ],
    )
    assert porcentajes(salida) == {"a": "33.3333", "b": "33.3333", "c": "33.3334"}
    p = por_id(salida)
    # 861,250,000 cents × 333,333 / 1,000,000 = 287,083,046.25 (rem .25, twice)
    # 861,250,000 cents × 333,334 / 1,000,000 = 287,083,907.50 (rem .50)
    # floors add to 861,249,999 → the cent goes to the largest remainder (c), not the oldest
    assert p["a"]["conceptos"]["pago_unico"] == "2870830.46"
    assert p["b"]["conceptos"]["pago_unico"] == "2870830.46"
    assert p["c"]["conceptos"]["pago_unico"] == "2870839.08"


def test_porcentajes_manuales_sin_motivo(parametros):
    caso, _ = caso_desde_dict(
        caso_base(derechohabientes=[dh("c", "conyuge", porcentaje="60"), dh("h", "hijo", "2010-01-01", porcentaje="40")])
    )
    with pytest.raises(DatoInvalido) as exc:
        liquidar(caso, parametros)
    assert exc.value.campo == "motivo_porcentajes"


def test_porcentajes_manuales_motivo_en_blanco(parametros):
    caso, _ = caso_desde_dict(
        caso_base(motivo_porcentajes="   ", derechohabientes=[dh("c", "conyuge", porcentaje="100")])
    )
    with pytest.raises(DatoInvalido) as exc:
        liquidar(caso, parametros)
    assert exc.value.campo == "motivo_porcentajes"


def test_porcentajes_manuales_que_suman_99_9999(parametros):
    caso, _ = caso_desde_dict(
        caso_base(
            motivo_porcentajes="x",
            derechohabientes=[dh("c", "conyuge", porcentaje="60"), dh("h", "hijo", "2010-01-01", porcentaje="39.9999")],
        )
    )
    with pytest.raises(DatoInvalido) as exc:
        liquidar(caso, parametros)
    assert exc.value.campo == "derechohabientes"
    assert "99.9999" in str(exc.value)


def test_porcentajes_manuales_que_suman_100_0001(parametros):
    caso, _ = caso_desde_dict(
        caso_base(
            motivo_porcentajes="x",
            derechohabientes=[dh("c", "conyuge", porcentaje="60.0001"), dh("h", "hijo", "2010-01-01", porcentaje="40")],
        )
    )
    with pytest.raises(DatoInvalido):
        liquidar(caso, parametros)


def test_porcentaje_a_un_excluido_es_dato_invalido(parametros):
    caso, _ = caso_desde_dict(
        caso_base(
            motivo_porcentajes="x",
            derechohabientes=[
                dh("c", "conyuge", porcentaje="90"),
                dh("m", "madre", porcentaje="10"),  # displaced by the spouse
            ],
        )
    )
    with pytest.raises(DatoInvalido) as exc:
        liquidar(caso, parametros)
    assert exc.value.campo == "derechohabientes[1].porcentaje"


def test_porcentaje_cero_a_un_excluido_se_admite(parametros):
    salida = liquidar_dict(
        parametros,
        motivo_porcentajes="x",
        derechohabientes=[dh("c", "conyuge", porcentaje="100"), dh("m", "madre", porcentaje="0")],
    )
    assert porcentajes(salida) == {"c": "100.0000", "m": "0.0000"}
    assert por_id(salida)["m"]["importe"] == "0.00"


def test_porcentaje_manual_faltante_en_un_elegible(parametros):
    caso, _ = caso_desde_dict(
        caso_base(
            motivo_porcentajes="x",
            derechohabientes=[dh("c", "conyuge", porcentaje="100"), dh("h", "hijo", "2010-01-01")],
        )
    )
    with pytest.raises(DatoInvalido) as exc:
        liquidar(caso, parametros)
    assert exc.value.campo == "derechohabientes[1].porcentaje"


def test_porcentaje_con_mas_de_4_decimales_es_dato_invalido():
    with pytest.raises(DatoInvalido) as exc:
        caso_desde_dict(caso_base(derechohabientes=[dh("c", "conyuge", porcentaje="99.99999")]))
    assert exc.value.campo == "derechohabientes[0].porcentaje"
