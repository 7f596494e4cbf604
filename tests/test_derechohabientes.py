"""Derechohabientes: who qualifies at the date of death, in which order, and why not (spec §5).

Art. 18 ap. 2 LRT → art. 53 Ley 24.241: group 1 = spouse, conviviente and children (unmarried, under
21; under 25 if student; no limit if incapacitated); group 2 = father and mother, only without
group 1; group 3 = relatives dependent on the worker, only without groups 1 and 2.
"""

from datetime import date
from decimal import Decimal as D

import pytest

from app.liquidacion import DatoInvalido, caso_desde_dict, liquidar
from app.liquidacion.derechohabientes import Derechohabiente, Parentesco, evaluar
from tests.conftest import caso_base, dh, liquidar_dict

# caso_base: PMI 2019-05-07 and no fecha_fallecimiento, so the date of death is 2019-05-07.
MUERTE = date(2019, 5, 7)

HIJO = Parentesco.HIJO
CONYUGE = Parentesco.CONYUGE
CONVIVIENTE = Parentesco.CONVIVIENTE
PADRE = Parentesco.PADRE
MADRE = Parentesco.MADRE
FAMILIAR = Parentesco.FAMILIAR_A_CARGO


def hijo(ident="h", nacimiento=date(2005, 1, 1), **kw) -> Derechohabiente:
    return Derechohabiente(ident, HIJO, nacimiento, **kw)






def por_id(salida: dict) -> dict:
    return {p["id"]: p for p in salida["reparto"]}


def unico(elegibilidades):
    assert len(elegibilidades) == 1
    return elegibilidades[0]


# ------------------------------------------------------------------ children: age at the death


def test_hijo_de_18_es_elegible():
    # born 2001-03-10, death 2019-05-07: 2019 - 2001 = 18, birthday already passed → 18
    e = unico(evaluar([hijo(nacimiento=date(2001, 3, 10))], MUERTE))
    assert e.elegible is True
    assert e.edad == 18
    assert e.grupo == 1


def test_hijo_de_20_es_elegible():
    # born 1998-12-01: 2019 - 1998 = 21, but the 1 December birthday is still to come → 20
    e = unico(evaluar([hijo(nacimiento=date(1998, 12, 1))], MUERTE))
    assert e.elegible is True
    assert e.edad == 20


def test_hijo_que_cumple_21_el_dia_del_fallecimiento_queda_excluido():
    # born 1998-05-07: 21st birthday is 2019-05-07, the very date of death → "hasta los 21" is over
    e = unico(evaluar([hijo(nacimiento=date(1998, 5, 7))], MUERTE))
    assert e.elegible is False
    assert e.edad == 21
    assert "21 años" in e.motivo


def test_hijo_que_cumple_21_al_dia_siguiente_todavia_es_elegible():
    # born 1998-05-08: 21st birthday is 2019-05-08, one day after the death → still 20
    e = unico(evaluar([hijo(nacimiento=date(1998, 5, 8))], MUERTE))
    assert e.elegible is True
    assert e.edad == 20


def test_hijo_de_23_sin_estudios_excluido_con_motivo():
    # born 1995-07-01: 2019 - 1995 = 24, birthday (July) not reached → 23
    e = unico(evaluar([hijo(nacimiento=date(1995, 7, 1))], MUERTE))
    assert e.elegible is False
    assert e.edad == 23
    assert "23 años" in e.motivo
    assert "estudios" in e.motivo


def test_hijo_de_23_estudiante_es_elegible():
    e = unico(evaluar([hijo(nacimiento=date(1995, 7, 1), estudiante=True)], MUERTE))
    assert e.elegible is True
    assert e.edad == 23


def test_hijo_estudiante_de_25_queda_excluido():
    # born 1994-01-20: 2019 - 1994 = 25, birthday passed → 25, beyond the student limit
    e = unico(evaluar([hijo(nacimiento=date(1994, 1, 20), estudiante=True)], MUERTE))
    assert e.elegible is False
    assert e.edad == 25
    assert "25" in e.motivo


def test_hijo_estudiante_que_cumple_25_el_dia_del_fallecimiento_queda_excluido():
    # born 1994-05-07: turns 25 on 2019-05-07 (the date of death)
    e = unico(evaluar([hijo(nacimiento=date(1994, 5, 7), estudiante=True)], MUERTE))
    assert e.elegible is False
    assert e.edad == 25


def test_hijo_estudiante_de_24_la_vispera_de_cumplir_25_es_elegible():
    # born 1994-05-08: turns 25 the day after the death → 24
    e = unico(evaluar([hijo(nacimiento=date(1994, 5, 8), estudiante=True)], MUERTE))
    assert e.elegible is True
    assert e.edad == 24


def test_hijo_incapacitado_de_40_es_elegible_sin_limite_de_edad():
    # born 1979-02-01 → 40 at 2019-05-07
    e = unico(evaluar([hijo(nacimiento=date(1979, 2, 1), incapacitado=True)], MUERTE))
    assert e.elegible is True
    assert e.edad == 40


def test_hijo_de_40_no_incapacitado_queda_excluido():
    e = unico(evaluar([hijo(nacimiento=date(1979, 2, 1))], MUERTE))
    assert e.elegible is False


def test_hijo_casado_queda_excluido_aunque_sea_menor():
    # 18 years old but married: art. 53 only unmarried children
    e = unico(evaluar([hijo(nacimiento=date(2001, 3, 10), casado=True)], MUERTE))
    assert e.elegible is False
    assert "casado" in e.motivo


def test_hijo_postumo_nacido_200_dias_despues_es_elegible():
    nacimiento = date.fromordinal(MUERTE.toordinal() + 200)  # 2019-11-23
    e = unico(evaluar([hijo(nacimiento=nacimiento)], MUERTE))
    assert e.elegible is True
    assert e.edad == 0


def test_hijo_nacido_400_dias_despues_es_dato_invalido():
    nacimiento = date.fromordinal(MUERTE.toordinal() + 400)  # > 300 days of gestation
    with pytest.raises(DatoInvalido) as exc:
        evaluar([hijo(nacimiento=nacimiento)], MUERTE)
    assert exc.value.campo == "derechohabientes[0].fecha_nacimiento"


def test_limite_de_300_dias_de_gestacion():
    # CCyC art. 20: born within 300 days of the death → conceived before it
    a_300 = date.fromordinal(MUERTE.toordinal() + 300)
    a_301 = date.fromordinal(MUERTE.toordinal() + 301)
    assert unico(evaluar([hijo(nacimiento=a_300)], MUERTE)).elegible is True
    with pytest.raises(DatoInvalido):
        evaluar([hijo(nacimiento=a_301)], MUERTE)


def test_hijo_sin_fecha_de_nacimiento_es_dato_invalido_en_evaluar():
    candidatos = [Derechohabiente("c", CONYUGE), Derechohabiente("h", HIJO, None)]
    with pytest.raises(DatoInvalido) as exc:
        evaluar(candidatos, MUERTE)
    assert exc.value.campo == "derechohabientes[1].fecha_nacimiento"


def test_hijo_sin_fecha_de_nacimiento_es_dato_invalido_en_el_caso():
    caso = caso_base(derechohabientes=[dh("c", "conyuge"), dh("h", "hijo")])
    with pytest.raises(DatoInvalido) as exc:
        caso_desde_dict(caso)
    assert exc.value.campo == "derechohabientes[1].fecha_nacimiento"
    assert "derechohabientes[1].fecha_nacimiento" in str(exc.value)


def test_edad_del_hijo_se_mide_al_fallecimiento_y_no_a_la_liquidacion(parametros):
    # born 1998-06-15: 20 at the death (2019-05-07), already 21 at the liquidation (2019-12-01)
    salida = liquidar_dict(
        parametros,
        fecha_liquidacion="2019-12-01",
        derechohabientes=[dh("h", "hijo", "1998-06-15")],
    )
    parte = por_id(salida)["h"]
    assert parte["excluido"] is False
    assert parte["edad"] == 20
    assert parte["porcentaje"] == "100.0000"


def test_edad_del_hijo_se_mide_a_la_fecha_de_fallecimiento_y_no_a_la_pmi(parametros):
    # born 1998-06-15: 20 at the PMI (2019-05-07) but 21 at the death (2019-08-01) → excluded
    salida = liquidar_dict(
        parametros,
        fecha_fallecimiento="2019-08-01",
        fecha_liquidacion="2019-08-01",
        derechohabientes=[dh("h", "hijo", "1998-06-15"), dh("m", "madre", "1955-01-01")],
    )
    partes = por_id(salida)
    assert partes["h"]["excluido"] is True
    assert partes["h"]["edad"] == 21
    # with the only child out, the mother takes everything
    assert partes["m"]["excluido"] is False
    assert partes["m"]["porcentaje"] == "100.0000"


def test_hijo_que_cumple_21_el_dia_del_fallecimiento_excluido_en_liquidar(parametros):
    salida = liquidar_dict(
        parametros,
        derechohabientes=[dh("c", "conyuge", "1980-01-01"), dh("h", "hijo", "1998-05-07")],
    )
    partes = por_id(salida)
    assert partes["h"]["excluido"] is True
    assert partes["h"]["importe"] == "0.00"
    # the spouse alone: 70 / 70 = 100 %
    assert partes["c"]["porcentaje"] == "100.0000"
    assert partes["c"]["importe"] == salida["total"]


def test_motivo_del_hijo_de_23_llega_a_la_salida(parametros):
    salida = liquidar_dict(
        parametros,
        derechohabientes=[dh("c", "conyuge"), dh("h", "hijo", "1995-07-01")],
    )
    parte = por_id(salida)["h"]
    assert parte["excluido"] is True
    assert "23 años" in parte["motivo"] and "estudios" in parte["motivo"]
    assert parte["porcentaje"] == "0.0000"


# ------------------------------------------------------------------ spouse and conviviente


def test_conyuge_y_conviviente_ambos_elegibles_se_reparten_por_mitades(parametros):
    salida = liquidar_dict(
        parametros,
        derechohabientes=[dh("c", "conyuge"), dh("v", "conviviente", anios_convivencia="6")],
    )
    partes = por_id(salida)
    assert partes["c"]["excluido"] is False and partes["v"]["excluido"] is False
    # spouse group 70 (no children) split equally: 35 / 70 = 50 % each
    assert partes["c"]["porcentaje"] == "50.0000"
    assert partes["v"]["porcentaje"] == "50.0000"


def test_conviviente_con_3_anios_sin_hijos_excluido():
    v = Derechohabiente("v", CONVIVIENTE, anios_convivencia=D(3))
    e = unico(evaluar([v], MUERTE))
    assert e.elegible is False
    assert "5" in e.motivo and "años" in e.motivo


def test_conviviente_con_3_anios_e_hijos_en_comun_es_elegible():
    v = Derechohabiente("v", CONVIVIENTE, anios_convivencia=D(3), hijos_en_comun=True)
    assert unico(evaluar([v], MUERTE)).elegible is True


def test_conviviente_limites_de_5_y_2_anios():
    # 5 years exactly meets the 5-year requirement; 4.99 does not; 2 with common children does
    casos = [
        (Derechohabiente("a", CONVIVIENTE, anios_convivencia=D("5")), True),
        (Derechohabiente("b", CONVIVIENTE, anios_convivencia=D("4.99")), False),
        (Derechohabiente("c", CONVIVIENTE, anios_convivencia=D("2"), hijos_en_comun=True), True),
        (Derechohabiente("d", CONVIVIENTE, anios_convivencia=D("1.99"), hijos_en_comun=True), False),
    ]
    for candidato, esperado in casos:
        assert unico(evaluar([candidato], MUERTE)).elegible is esperado, candidato


def test_conyuge_culpable_excluido_si_hay_conviviente_elegible():
    candidatos = [
        Derechohabiente("c", CONYUGE, culpable_separacion=True),
        Derechohabiente("v", CONVIVIENTE, anios_convivencia=D(6)),
    ]
    conyuge, conviviente = evaluar(candidatos, MUERTE)
    assert conyuge.elegible is False
    assert "culpable" in conyuge.motivo
    assert conviviente.elegible is True


def test_conyuge_culpable_sigue_elegible_sin_conviviente():
    e = unico(evaluar([Derechohabiente("c", CONYUGE, culpable_separacion=True)], MUERTE))
    assert e.elegible is True


def test_conyuge_culpable_sigue_elegible_si_el_conviviente_no_califica():
    candidatos = [
        Derechohabiente("c", CONYUGE, culpable_separacion=True),
        Derechohabiente("v", CONVIVIENTE, anios_convivencia=D(3)),  # 3 < 5, no children
    ]
    conyuge, conviviente = evaluar(candidatos, MUERTE)
    assert conyuge.elegible is True
    assert conviviente.elegible is False


def test_conyuge_culpable_con_conviviente_el_conviviente_cobra_todo(parametros):
    salida = liquidar_dict(
        parametros,
        derechohabientes=[
            dh("c", "conyuge", culpable_separacion=True),
            dh("v", "conviviente", anios_convivencia="5"),
        ],
    )
    partes = por_id(salida)
    assert partes["c"]["excluido"] is True and partes["c"]["importe"] == "0.00"
    assert partes["v"]["porcentaje"] == "100.0000"
    assert partes["v"]["importe"] == salida["total"]


# ------------------------------------------------------------------ parents (group 2)


def test_solo_padres_mitad_cada_uno(parametros):
    salida = liquidar_dict(
        parametros, derechohabientes=[dh("p", "padre", "1950-01-01"), dh("m", "madre", "1952-01-01")]
    )
    partes = por_id(salida)
    # equal parts: 1 / 2 = 50 %
    assert partes["p"]["porcentaje"] == "50.0000"
    assert partes["m"]["porcentaje"] == "50.0000"
    # pago único 8,612,500.00 (53 × 100,000 × 65 / 40) is even in cents: 4,306,250.00 each
    assert partes["p"]["conceptos"]["pago_unico"] == "4306250.00"
    assert partes["m"]["conceptos"]["pago_unico"] == "4306250.00"


def test_un_solo_padre_cobra_el_100(parametros):
    salida = liquidar_dict(parametros, derechohabientes=[dh("m", "madre", "1952-01-01")])
    parte = por_id(salida)["m"]
    assert parte["excluido"] is False
    assert parte["porcentaje"] == "100.0000"
    assert parte["importe"] == salida["total"]


def test_padres_desplazados_por_el_conyuge():
    candidatos = [
        Derechohabiente("p", PADRE, date(1950, 1, 1)),
        Derechohabiente("c", CONYUGE),
        Derechohabiente("m", MADRE, date(1952, 1, 1)),
    ]
    padre, conyuge, madre = evaluar(candidatos, MUERTE)
    assert conyuge.elegible is True
    assert padre.elegible is False and madre.elegible is False
    assert padre.grupo == 2 and madre.grupo == 2
    assert padre.motivo and "desplazado" in padre.motivo
    assert madre.motivo and "desplazado" in madre.motivo


def test_padres_desplazados_por_un_hijo_elegible():
    padre, h = evaluar([Derechohabiente("p", PADRE), hijo(nacimiento=date(2010, 1, 1))], MUERTE)
    assert h.elegible is True
    assert padre.elegible is False
    assert "desplazado" in padre.motivo


def test_padres_entran_si_el_unico_hijo_queda_excluido_por_edad(parametros):
    salida = liquidar_dict(
        parametros,
        derechohabientes=[
            dh("h", "hijo", "1990-01-01"),  # 29 at the death, not a student
            dh("p", "padre", "1950-01-01"),
            dh("m", "madre", "1952-01-01"),
        ],
    )
    partes = por_id(salida)
    assert partes["h"]["excluido"] is True and partes["h"]["edad"] == 29
    assert partes["p"]["excluido"] is False and partes["m"]["excluido"] is False
    assert partes["p"]["porcentaje"] == "50.0000" and partes["m"]["porcentaje"] == "50.0000"


# ------------------------------------------------------------------ relatives dependent (group 3)


def test_familiares_a_cargo_solo_sin_grupos_1_y_2_y_en_partes_iguales(parametros):
    salida = liquidar_dict(
        parametros,
        derechohabientes=[
            dh("f1", "familiar_a_cargo", "1960-01-01"),
            dh("f2", "familiar_a_cargo", "1962-01-01"),
            dh("h", "hijo", "1980-01-01"),  # 39, not incapacitated: excluded
        ],
    )
    partes = por_id(salida)
    assert partes["h"]["excluido"] is True
    assert partes["f1"]["excluido"] is False and partes["f2"]["excluido"] is False
    # equal parts: 1 / 2 = 50 %
    assert partes["f1"]["porcentaje"] == "50.0000" and partes["f2"]["porcentaje"] == "50.0000"


def test_familiar_a_cargo_desplazado_por_la_madre():
    familiar, madre = evaluar([Derechohabiente("f", FAMILIAR), Derechohabiente("m", MADRE)], MUERTE)
    assert madre.elegible is True
    assert familiar.elegible is False
    assert familiar.grupo == 3
    assert "padre o la madre" in familiar.motivo


def test_familiar_a_cargo_desplazado_por_el_grupo_1():
    familiar, conyuge = evaluar([Derechohabiente("f", FAMILIAR), Derechohabiente("c", CONYUGE)], MUERTE)
    assert conyuge.elegible is True
    assert familiar.elegible is False
    assert "desplazado" in familiar.motivo


def test_tres_familiares_a_cargo_partes_iguales(parametros):
    salida = liquidar_dict(
        parametros,
        derechohabientes=[dh(f"f{i}", "familiar_a_cargo") for i in range(3)],
    )
    porcentajes = [p["porcentaje"] for p in salida["reparto"]]
    # 100 / 3 = 33.3333…; the leftover 0.0001 goes to the first given (same remainder, list order)
    assert porcentajes == ["33.3334", "33.3333", "33.3333"]


# ------------------------------------------------------------------ nobody / no data


def test_nadie_elegible_no_falla_y_avisa(parametros):
    salida = liquidar_dict(
        parametros,
        derechohabientes=[
            dh("h1", "hijo", "1990-01-01"),  # 29, excluded
            dh("h2", "hijo", "2001-01-01", casado=True),  # 18 but married
            dh("v", "conviviente", anios_convivencia="1"),  # 1 < 5 years
        ],
    )
    assert len(salida["reparto"]) == 3
    for parte in salida["reparto"]:
        assert parte["excluido"] is True
        assert parte["importe"] == "0.00"
        assert parte["porcentaje"] == "0.0000"
        assert all(v == "0.00" for v in parte["conceptos"].values())
        assert parte["motivo"]
    assert any("Ningún derechohabiente" in a for a in salida["advertencias"])
    # the benefit itself is still computed: 53 × 100,000 × 65 / 40 = 8,612,500.00
    assert salida["pago_unico"] == "8612500.00"


def test_sin_derechohabientes_reparto_vacio_y_advertencia(parametros):
    salida = liquidar_dict(parametros, derechohabientes=[])
    assert salida["reparto"] == []
    assert any("No se cargaron derechohabientes" in a for a in salida["advertencias"])


# ------------------------------------------------------------------ inconsistent input


def test_ids_repetidos_dato_invalido():
    with pytest.raises(DatoInvalido) as exc:
        evaluar([Derechohabiente("x", CONYUGE), hijo("x")], MUERTE)
    assert exc.value.campo == "derechohabientes[1].id"


def test_ids_repetidos_dato_invalido_en_liquidar(parametros):
    caso, _ = caso_desde_dict(
        caso_base(derechohabientes=[dh("a", "padre"), dh("b", "madre"), dh("a", "familiar_a_cargo")])
    )
    with pytest.raises(DatoInvalido) as exc:
        liquidar(caso, parametros)
    assert exc.value.campo == "derechohabientes[2].id"
    assert "repetido" in str(exc.value)


def test_dos_conyuges_dato_invalido(parametros):
    caso, _ = caso_desde_dict(caso_base(derechohabientes=[dh("a", "conyuge"), dh("b", "conyuge")]))
    with pytest.raises(DatoInvalido) as exc:
        liquidar(caso, parametros)
    assert exc.value.campo == "derechohabientes[1].parentesco"


def test_dos_madres_dato_invalido():
    with pytest.raises(DatoInvalido) as exc:
        evaluar([Derechohabiente("a", MADRE), Derechohabiente("b", MADRE)], MUERTE)
    assert exc.value.campo == "derechohabientes[1].parentesco"


def test_varios_convivientes_o_familiares_no_son_error():
    candidatos = [Derechohabiente("a", FAMILIAR), Derechohabiente("b", FAMILIAR)]
    assert [e.elegible for e in evaluar(candidatos, MUERTE)] == [True, True]
