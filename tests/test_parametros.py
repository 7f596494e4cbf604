"""Parameter tables: loaders reject bad CSV naming file, row (header = row 1) and field; the bundled
tables load; lookups by date and month; `cargar_parametros` takes each file from the first folder."""

from __future__ import annotations

import csv
import shutil
from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.liquidacion import ParametroFaltante, ParametrosInvalidos, cargar_parametros
from app.liquidacion.fechas import Periodo
from app.liquidacion.parametros import (
    ARCHIVOS,
    leer_gran_invalidez,
    leer_montos,
    leer_regimenes,
    leer_ripte,
    leer_tasas,
)

D = Decimal

TASAS = "desde,hasta,tna_pct,origen\n"
RIPTE = "periodo,indice\n"
MONTOS = "vigencia_desde,vigencia_hasta,norma,piso,capu_a,capu_b,capu_c,iapu_minimo,nota\n"
GRAN_INV = "desde,hasta,monto_mensual,norma\n"
REGIMEN_OK = {
    "fecha_dec_1694": "2009-11-06",
    "fecha_ley_26773": "2012-10-26",
    "fecha_ley_27348": "2017-03-05",
    "tope_dec_1278": "180000",
    "capu_c_dec_1278": "50000",
}


def regimen(filas: dict[str, str] | None = None, extra: str = "") -> str:
    """regimen.csv text: header (row 1) then one row per key in REGIMEN_OK order (rows 2…6)."""
    valores = dict(REGIMEN_OK, **(filas or {}))
    return "clave,valor,norma\n" + "".join(f"{k},{v},norma de {k}\n" for k, v in valores.items()) + extra


def error_de(lector, texto: str, archivo: str) -> ParametrosInvalidos:
    with pytest.raises(ParametrosInvalidos) as info:
        lector(texto, archivo)
    return info.value


def afirmar(e: ParametrosInvalidos, archivo: str, fila: int | None, campo: str | None, *fragmentos: str):
    mensaje = str(e)
    assert mensaje.startswith(archivo), mensaje
    assert e.archivo == archivo
    assert e.fila == fila, mensaje
    assert e.campo == campo, mensaje
    if fila is not None:
        assert f"fila {fila}" in mensaje
    if campo is not None:
        assert f"«{campo}»" in mensaje
    for f in fragmentos:
        assert f in mensaje, (f, mensaje)


# ------------------------------------------------------------------------ bad values per row


def test_tasa_no_numerica():
    texto = TASAS + "2020-01-01,2020-01-31,50.00,x\n2020-02-01,2020-02-29,abc,x\n"
    e = error_de(leer_tasas, texto, "tasa_activa_bna.csv")
    afirmar(e, "tasa_activa_bna.csv", 3, "tna_pct", "«abc»")


@pytest.mark.parametrize("valor", ["nan", "NaN", "inf", "1e2", "50,5"])
def test_tasa_nan_o_no_decimal_simple(valor):
    texto = TASAS + f'2020-01-01,2020-01-31,"{valor}",x\n'
    e = error_de(leer_tasas, texto, "tasa_activa_bna.csv")
    afirmar(e, "tasa_activa_bna.csv", 2, "tna_pct", f"«{valor}»")


@pytest.mark.parametrize(
    ("lector", "archivo", "texto", "fila", "campo"),
    [
        (leer_tasas, "tasa_activa_bna.csv", TASAS + "2020-01-01,2020-01-31,-5,x\n", 2, "tna_pct"),
        (leer_tasas, "tasa_activa_bna.csv", TASAS + "2020-01-01,2020-01-31,0,x\n", 2, "tna_pct"),
        (leer_tasas, "tasa_activa_bna.csv", TASAS + "2020-01-01,2020-01-31,0.00,x\n", 2, "tna_pct"),
        (leer_ripte, "ripte.csv", RIPTE + "2020-01,100\n2020-02,0\n", 3, "indice"),
        (leer_montos, "srt_montos.csv",
         MONTOS + "2020-03-01,2020-08-31,Res. X,-2958970,1315098,1643873,1972647,560365,\n", 2, "piso"),
        (leer_montos, "srt_montos.csv",
         MONTOS + "2020-03-01,2020-08-31,Res. X,2958970,1315098,1643873,0,560365,\n", 2, "capu_c"),
        (leer_gran_invalidez, "gran_invalidez.csv", GRAN_INV + "2020-01-01,2020-06-30,-2000,Dec. X\n",
         2, "monto_mensual"),
    ],
    ids=["tasa_negativa", "tasa_cero", "tasa_0.00", "ripte_cero", "piso_negativo", "capu_c_cero",
         "gran_invalidez_negativo"],
)
def test_valor_negativo_o_cero(lector, archivo, texto, fila, campo):
    afirmar(error_de(lector, texto, archivo), archivo, fila, campo)


def test_tasa_anual_imposible():
    # TNA_MAXIMA is 1000 %: 1000.01 is a typo such as a TEM loaded ×100.
    e = error_de(leer_tasas, TASAS + "2020-01-01,2020-01-31,1000.01,x\n", "tasa_activa_bna.csv")
    afirmar(e, "tasa_activa_bna.csv", 2, "tna_pct", "1000.01")


def test_fecha_inexistente_mes_13():
    texto = TASAS + "2020-01-01,2020-01-31,50,x\n2020-13-01,2020-12-31,50,x\n"
    e = error_de(leer_tasas, texto, "tasa_activa_bna.csv")
    afirmar(e, "tasa_activa_bna.csv", 3, "desde", "«2020-13-01»")


def test_fecha_con_otro_formato():
    e = error_de(leer_montos, MONTOS + "01/03/2020,2020-08-31,Res. X,1,1,1,1,1,\n", "srt_montos.csv")
    afirmar(e, "srt_montos.csv", 2, "vigencia_desde", "«01/03/2020»", "AAAA-MM-DD")


def test_hasta_anterior_a_desde():
    texto = TASAS + "2020-02-01,2020-01-31,50,x\n"
    e = error_de(leer_tasas, texto, "tasa_activa_bna.csv")
    afirmar(e, "tasa_activa_bna.csv", 2, "hasta", "anterior")


def test_rangos_superpuestos_nombran_ambas_filas():
    # Row 4 (20/01–25/01) falls inside row 2 (01/01–31/01).
    texto = TASAS + (
        "2020-01-01,2020-01-31,50,x\n"
        "2020-02-01,2020-02-29,51,x\n"
        "2020-01-20,2020-01-25,52,x\n"
    )
    e = error_de(leer_tasas, texto, "tasa_activa_bna.csv")
    afirmar(e, "tasa_activa_bna.csv", 4, "desde", "fila 2", "20/01/2020")


def test_rangos_que_comparten_un_solo_dia_se_superponen():
    texto = MONTOS + (
        "2020-03-01,2020-08-31,Res. A,2958970,1315098,1643873,1972647,560365,\n"
        "2020-08-31,2021-02-28,Res. B,3483482,1548214,1935268,2322321,659697,\n"
    )
    e = error_de(leer_montos, texto, "srt_montos.csv")
    assert e.fila == 3 and "fila 3" in str(e) and "fila 2" in str(e)
    assert "31/08/2020" in str(e)


def test_solape_en_srt_montos_nombra_la_columna_vigencia_desde():
    texto = MONTOS + (
        "2020-03-01,2020-08-31,Res. A,2958970,1315098,1643873,1972647,560365,\n"
        "2020-08-31,2021-02-28,Res. B,3483482,1548214,1935268,2322321,659697,\n"
    )
    e = error_de(leer_montos, texto, "srt_montos.csv")
    afirmar(e, "srt_montos.csv", 3, "vigencia_desde", "fila 2")


def test_ripte_periodo_repetido_nombra_ambas_filas():
    texto = RIPTE + "2020-01,100\n2020-02,101\n2020-01,100\n"
    e = error_de(leer_ripte, texto, "ripte.csv")
    afirmar(e, "ripte.csv", 4, "periodo", "2020-01", "fila 2")


def test_ripte_periodo_invalido():
    e = error_de(leer_ripte, RIPTE + "2020-01,100\n2020-13,101\n", "ripte.csv")
    afirmar(e, "ripte.csv", 3, "periodo", "2020-13")


@pytest.mark.parametrize(
    ("siguiente", "variacion"),
    [("160", "60.0"), ("70", "-30.0"), ("140.01", "40.0"), ("79.99", "-20.0")],
    ids=["+60%", "-30%", "apenas_sobre_+40%", "apenas_bajo_-20%"],
)
def test_ripte_salto_fuera_de_rango(siguiente, variacion):
    # 100 → 160 is +60 %, 100 → 70 is −30 %; 140.01 (+40.01 %) and 79.99 (−20.01 %) are just outside.
    texto = RIPTE + f"2020-01,100\n2020-02,{siguiente}\n2020-03,{siguiente}\n"
    e = error_de(leer_ripte, texto, "ripte.csv")
    afirmar(e, "ripte.csv", 3, "indice", "2020-02", f"{variacion} %")


def test_ripte_salto_en_los_limites_se_admite():
    # +40 % exactly (100 → 140) and −20 % exactly (140 → 112) are the accepted limits.
    tabla = leer_ripte(RIPTE + "2020-01,100\n2020-02,140\n2020-03,112\n")
    assert tabla.indice(Periodo(2020, 3)) == D(112)
    assert len(tabla) == 3


def test_ripte_salto_en_filas_desordenadas_nombra_la_fila_del_mes():
    # The months are compared in calendar order: 2020-02 (row 2) is +60 % over 2020-01 (row 3).
    texto = RIPTE + "2020-02,160\n2020-01,100\n"
    e = error_de(leer_ripte, texto, "ripte.csv")
    afirmar(e, "ripte.csv", 2, "indice", "2020-02")


def test_falta_una_columna_del_encabezado():
    e = error_de(leer_tasas, "desde,tna_pct\n2020-01-01,50\n", "tasa_activa_bna.csv")
    afirmar(e, "tasa_activa_bna.csv", 1, None, "hasta")
    assert "fila 1" in str(e)


def test_falta_una_columna_de_montos():
    cabecera = MONTOS.replace("iapu_minimo,", "")
    e = error_de(leer_montos, cabecera + "2020-03-01,2020-08-31,R,1,1,1,1,\n", "srt_montos.csv")
    afirmar(e, "srt_montos.csv", 1, None, "iapu_minimo")


@pytest.mark.parametrize("texto", ["", "\ufeff"], ids=["vacio", "solo_bom"])
def test_archivo_vacio(texto):
    e = error_de(leer_ripte, texto, "ripte.csv")
    assert str(e).startswith("ripte.csv")
    assert "vacío" in str(e)


def test_montos_sin_norma():
    e = error_de(leer_montos, MONTOS + "2020-03-01,2020-08-31,,1,1,1,1,1,\n", "srt_montos.csv")
    afirmar(e, "srt_montos.csv", 2, "norma")


def test_iapu_minimo_vacio_se_admite_y_es_none():
    tabla = leer_montos(MONTOS + "2009-11-06,2012-10-25,Decreto 1694/2009,180000,80000,100000,120000,,\n")
    assert tabla.vigente(date(2010, 1, 1)).iapu_minimo is None


def test_filas_en_blanco_no_cambian_la_numeracion():
    # A blank row 3 is skipped but still counts: the bad value is on row 4.
    texto = TASAS + "2020-01-01,2020-01-31,50,x\n\n2020-02-01,2020-02-29,xx,x\n"
    e = error_de(leer_tasas, texto, "tasa_activa_bna.csv")
    afirmar(e, "tasa_activa_bna.csv", 4, "tna_pct")


# --------------------------------------------------------------------------------- regimen.csv


def test_regimen_valido():
    r = leer_regimenes(regimen())
    assert r.fecha_ley_27348 == date(2017, 3, 5)
    assert r.tope_dec_1278 == D(180000)
    assert r.normas["fecha_ley_26773"] == "norma de fecha_ley_26773"


def test_regimen_clave_desconocida():
    # Header row 1, the five keys rows 2…6, the unknown key row 7.
    e = error_de(leer_regimenes, regimen(extra="fecha_ley_99999,2030-01-01,x\n"), "regimen.csv")
    afirmar(e, "regimen.csv", 7, "clave", "fecha_ley_99999")


def test_regimen_falta_una_clave():
    texto = "clave,valor,norma\n" + "".join(
        f"{k},{v},n\n" for k, v in REGIMEN_OK.items() if k != "tope_dec_1278")
    e = error_de(leer_regimenes, texto, "regimen.csv")
    assert str(e).startswith("regimen.csv") and "tope_dec_1278" in str(e)


def test_regimen_fecha_invalida():
    e = error_de(leer_regimenes, regimen({"fecha_ley_27348": "2017-02-30"}), "regimen.csv")
    afirmar(e, "regimen.csv", 4, "valor", "2017-02-30")


def test_regimen_fechas_desordenadas():
    # Ley 26.773 before Dec. 1694/09.
    e = error_de(leer_regimenes, regimen({"fecha_ley_26773": "2008-01-01"}), "regimen.csv")
    assert str(e).startswith("regimen.csv")
    assert e.campo == "valor"
    assert "orden" in str(e)


def test_regimen_fechas_desordenadas_nombra_la_fila():
    # fecha_ley_26773 is row 3.
    e = error_de(leer_regimenes, regimen({"fecha_ley_26773": "2008-01-01"}), "regimen.csv")
    assert e.fila == 3
    assert "fila 3" in str(e)


def test_regimen_clave_repetida():
    texto = regimen(extra="fecha_ley_27348,2018-01-01,otra\n")
    e = error_de(leer_regimenes, texto, "regimen.csv")
    afirmar(e, "regimen.csv", 7, "clave", "fecha_ley_27348", "fila 4")


# ------------------------------------------------------------------------------ bundled tables


def test_tablas_incluidas_cargan(parametros):
    # ripte.csv: 2010-01 … 2026-04 = 16 years × 12 + 4 months = 196, no gaps.
    assert len(parametros.ripte) == 196
    assert parametros.ripte.ultimo == Periodo(2026, 4)
    assert parametros.ripte.get(Periodo(2009, 12)) is None
    assert parametros.ripte.get(Periodo(2026, 5)) is None
    faltan = [str(Periodo(2010, 1).desplazar(k)) for k in range(196)
              if parametros.ripte.get(Periodo(2010, 1).desplazar(k)) is None]
    assert faltan == []
    # Values quoted in SOURCES.md.
    assert parametros.ripte.indice(Periodo(2010, 1)) == D("344.28")
    assert parametros.ripte.indice(Periodo(2019, 5)) == D("4676.25")
    # srt_montos.csv: Dec. 1694/09 + 29 semesters 2012-10-26 … 2027-02-28.
    assert len(parametros.montos.filas) == 30
    assert parametros.montos.filas[0].desde == date(2009, 11, 6)
    assert parametros.montos.filas[-1].hasta == date(2027, 2, 28)
    # gran_invalidez.csv is empty by design; regimen.csv has the three regime dates.
    assert parametros.gran_invalidez.filas == []
    assert (parametros.regimenes.fecha_dec_1694, parametros.regimenes.fecha_ley_26773,
            parametros.regimenes.fecha_ley_27348) == (date(2009, 11, 6), date(2012, 10, 26), date(2017, 3, 5))


def test_semestres_srt_contiguos(parametros):
    filas = parametros.montos.filas
    huecos = [(a.hasta, b.desde) for a, b in zip(filas, filas[1:]) if b.desde != a.hasta + timedelta(days=1)]
    assert huecos == []


def test_tasas_incluidas_cubren_2014_01_29_a_2026_10_05_salvo_el_05_03_2025(parametros):
    filas = parametros.tasas.filas
    assert filas[0].desde == date(2014, 1, 29)
    assert filas[-1].hasta == date(2026, 10, 5)
    huecos = [(a.hasta + timedelta(days=1), b.desde - timedelta(days=1))
              for a, b in zip(filas, filas[1:]) if b.desde != a.hasta + timedelta(days=1)]
    assert huecos == [(date(2025, 3, 5), date(2025, 3, 5))]


# ---------------------------------------------------------------------------------- lookups


@pytest.mark.parametrize(
    ("fecha", "piso", "norma"),
    [
        (date(2019, 8, 31), D(2049647), "Nota SRT 2727/2019"),
        (date(2019, 9, 1), D(2482061), "Nota SRT 76715123"),
        (date(2012, 10, 26), D(369630), "Res. SRT 34/2013"),  # first Ley 26.773 semester
        (date(2012, 10, 25), D(180000), "Decreto 1694/2009"),
        (date(2009, 11, 6), D(180000), "Decreto 1694/2009"),
        (date(2027, 2, 28), D(114354110), "Res. SRT 39/2026"),
    ],
)
def test_montos_vigentes_en_los_bordes(parametros, fecha, piso, norma):
    m = parametros.montos.vigente(fecha)
    assert m.piso == piso
    assert m.norma == norma


def test_montos_del_primer_semestre_ley_26773(parametros):
    m = parametros.montos.vigente(date(2012, 10, 26))
    assert (m.capu_a, m.capu_b, m.capu_c, m.iapu_minimo) == (D(164280), D(205350), D(246420), D(70000))
    assert parametros.montos.vigente(date(2012, 10, 25)).iapu_minimo is None


@pytest.mark.parametrize(("fecha", "texto"), [(date(2009, 11, 5), "05/11/2009"),
                                              (date(2027, 3, 1), "01/03/2027")])
def test_montos_fuera_de_la_tabla(parametros, fecha, texto):
    with pytest.raises(ParametroFaltante) as info:
        parametros.montos.vigente(fecha)
    assert texto in str(info.value)


def test_ripte_faltante_nombra_el_mes(parametros):
    with pytest.raises(ParametroFaltante) as info:
        parametros.ripte.indice(Periodo(2026, 6))
    assert str(info.value) == "Falta el RIPTE de 2026-06"


def test_gran_invalidez_faltante_nombra_la_fecha(parametros):
    with pytest.raises(ParametroFaltante) as info:
        parametros.gran_invalidez.vigente(date(2024, 2, 29))
    assert "gran invalidez" in str(info.value) and "29/02/2024" in str(info.value)


def test_tramos_y_suma_de_tasas_a_mano(parametros):
    # 2019-05-08 is a one-day row at 64.05 %; 2025-02-28…2025-03-04 is one row at 33.74 %.
    assert parametros.tasas.tramos(date(2019, 5, 7), date(2019, 5, 8)) == [
        (date(2019, 5, 8), date(2019, 5, 8), D("64.05"))]
    # (27/02, 04/03/2025] = 28/02, 01/03, 02/03, 03/03, 04/03 = 5 days × 33.74 = 168.70
    assert parametros.tasas.tramos(date(2025, 2, 27), date(2025, 3, 4)) == [
        (date(2025, 2, 28), date(2025, 3, 4), D("33.74"))]
    if hasattr(parametros.tasas, "suma_tasas"):
        assert parametros.tasas.suma_tasas(date(2019, 5, 7), date(2019, 5, 8)) == D("64.05")
        assert parametros.tasas.suma_tasas(date(2025, 2, 27), date(2025, 3, 4)) == D("168.70")
        assert parametros.tasas.suma_tasas(date(2025, 3, 4), date(2025, 3, 4)) == 0


def _tna_por_dia(carpeta) -> dict[date, Decimal]:
    """Independent reading of tasa_activa_bna.csv: every day → TNA."""
    dias = {}
    with open(carpeta / "tasa_activa_bna.csv", encoding="utf-8", newline="") as f:
        for fila in csv.DictReader(f):
            d, h = date.fromisoformat(fila["desde"]), date.fromisoformat(fila["hasta"])
            while d <= h:
                dias[d] = D(fila["tna_pct"])
                d += timedelta(days=1)
    return dias


@pytest.mark.parametrize(
    ("desde", "hasta"),
    [
        (date(2017, 3, 5), date(2017, 3, 6)),
        (date(2017, 3, 5), date(2025, 3, 4)),    # ends the day before the gap
        (date(2025, 3, 5), date(2026, 10, 5)),   # starts on the gap (excluded) up to the last day
        (date(2018, 11, 1), date(2018, 12, 31)), # the 83–88 % rows of SOURCES.md
        (date(2024, 6, 15), date(2025, 2, 20)),
        (date(2014, 1, 28), date(2014, 1, 29)),  # first day of the table
    ],
)
def test_suma_de_tasas_coincide_con_la_suma_dia_por_dia(parametros, carpeta_parametros, desde, hasta):
    dias = _tna_por_dia(carpeta_parametros)
    esperado = sum((dias[desde + timedelta(days=k)] for k in range(1, (hasta - desde).days + 1)), D(0))
    piezas = parametros.tasas.tramos(desde, hasta)
    assert sum((tna * ((h - d).days + 1) for d, h, tna in piezas), D(0)) == esperado
    assert piezas[0][0] == desde + timedelta(days=1) and piezas[-1][1] == hasta
    if hasattr(parametros.tasas, "suma_tasas"):
        assert parametros.tasas.suma_tasas(desde, hasta) == esperado


@pytest.mark.parametrize(
    ("desde", "hasta", "mensaje"),
    [
        # reaching the gap after walking one range
        (date(2025, 3, 1), date(2025, 3, 10), "Falta la tasa activa BNA del 05/03/2025"),
        # starting on the gap
        (date(2025, 3, 4), date(2025, 3, 10), "Falta la tasa activa BNA del 05/03/2025"),
        # past the end of the table
        (date(2026, 9, 30), date(2026, 11, 22), "Falta la tasa activa BNA del 06/10/2026 al 22/11/2026"),
        # before the start of the table
        (date(2014, 1, 1), date(2014, 2, 1), "Falta la tasa activa BNA del 02/01/2014 al 28/01/2014"),
    ],
)
def test_tasa_faltante_nombra_el_primer_dia_y_el_hueco(parametros, desde, hasta, mensaje):
    with pytest.raises(ParametroFaltante) as info:
        parametros.tasas.tramos(desde, hasta)
    assert str(info.value) == mensaje
    if hasattr(parametros.tasas, "suma_tasas"):
        with pytest.raises(ParametroFaltante) as info:
            parametros.tasas.suma_tasas(desde, hasta)
        assert str(info.value) == mensaje


# ------------------------------------------------------------------------- cargar_parametros


def test_cargar_parametros_toma_cada_archivo_de_la_primera_carpeta_que_lo_tiene(tmp_path, carpeta_parametros):
    usuario = tmp_path / "usuario"
    usuario.mkdir()
    ripte = (carpeta_parametros / "ripte.csv").read_text(encoding="utf-8")
    (usuario / "ripte.csv").write_text(ripte + "2026-05,220000.00\n", encoding="utf-8")
    (usuario / "srt_montos.csv").write_text(
        MONTOS + "2026-03-01,2026-08-31,Res. de prueba,1000,400,500,600,200,\n", encoding="utf-8")

    p = cargar_parametros(usuario, carpeta_parametros)
    assert len(p.ripte) == 197 and p.ripte.indice(Periodo(2026, 5)) == D("220000.00")
    assert len(p.montos.filas) == 1 and p.montos.vigente(date(2026, 6, 1)).norma == "Res. de prueba"
    # Files the user folder does not have come from the bundled folder.
    assert p.tasas.filas[-1].hasta == date(2026, 10, 5)
    assert p.regimenes.fecha_ley_27348 == date(2017, 3, 5)

    # The order of the folders decides.
    p2 = cargar_parametros(carpeta_parametros, usuario)
    assert len(p2.ripte) == 196 and len(p2.montos.filas) == 30


def test_cargar_parametros_error_nombra_la_ruta_del_archivo_del_usuario(tmp_path, carpeta_parametros):
    usuario = tmp_path / "usuario"
    usuario.mkdir()
    (usuario / "tasa_activa_bna.csv").write_text(TASAS + "2020-01-01,2020-01-31,nan,x\n", encoding="utf-8")
    with pytest.raises(ParametrosInvalidos) as info:
        cargar_parametros(usuario, carpeta_parametros)
    assert str(info.value).startswith(str(usuario / "tasa_activa_bna.csv"))
    assert info.value.fila == 2 and info.value.campo == "tna_pct"


def test_cargar_parametros_sin_una_tabla(tmp_path, carpeta_parametros):
    incompleta = tmp_path / "incompleta"
    shutil.copytree(carpeta_parametros, incompleta)
    (incompleta / ARCHIVOS["regimenes"]).unlink()
    with pytest.raises(ParametrosInvalidos) as info:
        cargar_parametros(incompleta)
    assert "regimen.csv" in str(info.value)


def test_fuentes_en_castellano_para_cada_tabla_incluida():
    """The Parámetros screen shows FUENTES.md: it must describe every bundled table, as SOURCES.md does."""
    from app import config

    carpeta = config.parametros_dir()
    fuentes = (carpeta / "FUENTES.md").read_text(encoding="utf-8")
    sources = (carpeta / "SOURCES.md").read_text(encoding="utf-8")
    tablas = sorted(carpeta.glob("*.csv"))
    assert len(tablas) == 7
    for archivo in tablas:
        assert f"## {archivo.name} —" in fuentes, archivo.name
        assert f"## {archivo.name} —" in sources, archivo.name
    assert "05/03/2025" in fuentes and "05/10/2026" in fuentes
