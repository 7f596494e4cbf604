"""`python -m app liquidar CASO.json [--parametros CARPETA]` run as a real subprocess.

Contract: the result as JSON on stdout and exit 0; on any invalid input or missing parameter, one
clear Spanish line on stderr naming the field, month or date, exit 2, and never a traceback.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app import config
from tests.conftest import caso_base

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "resources" / "parametros"

IMPORTE_RE = re.compile(r"^\d+\.\d{2}$")
PORCENTAJE_RE = re.compile(r"^\d+\.\d{4}$")


# ----------------------------------------------------------------------------------- helpers


def correr(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env[config.ENV_DATA_DIR] = str(tmp_path)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=REPO, env=env, capture_output=True, text=True, encoding="utf-8",
        errors="replace", timeout=120,
    )


def liquidar(tmp_path: Path, caso, *extra: str, crudo: str | None = None) -> subprocess.CompletedProcess:
    """Write the case (a dict, or raw text) to tmp_path/caso.json and liquidate it."""
    ruta = tmp_path / "caso.json"
    ruta.write_text(crudo if crudo is not None else json.dumps(caso, ensure_ascii=False), encoding="utf-8")
    return correr(tmp_path, "liquidar", str(ruta), *extra)


def afirmar_error(r: subprocess.CompletedProcess, *fragmentos: str) -> str:
    """Exit 2, nothing on stdout, exactly one non-empty stderr line that contains every fragment."""
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout, r.stderr
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert r.stdout == "", r.stdout[:300]
    lineas = [linea for linea in r.stderr.splitlines() if linea.strip()]
    assert len(lineas) == 1, r.stderr
    mensaje = lineas[0]
    for f in fragmentos:
        assert f in mensaje, f"falta {f!r} en el mensaje: {mensaje!r}"
    return mensaje


def caso_vib(**cambios) -> dict:
    """A death case with the VIB given directly (no RIPTE needed)."""
    return caso_base(**cambios)


def caso_con_remuneraciones(**cambios) -> dict:
    d = caso_base(
        remuneraciones=[{"periodo": "2018-06", "remuneracion": "50000.00"}],
    )
    del d["vib"]
    d.update(cambios)
    return d


# ------------------------------------------------------------------------- the valid case

DERECHOHABIENTES = [
    {"id": "c1", "parentesco": "conyuge", "fecha_nacimiento": "1980-02-02"},
    {"id": "h1", "parentesco": "hijo", "fecha_nacimiento": "2005-03-01"},
    {"id": "h2", "parentesco": "hijo", "fecha_nacimiento": "2008-07-20"},
    {"id": "h3", "parentesco": "hijo", "fecha_nacimiento": "1990-01-01"},  # 29 years old: excluded
]


def _campos_importe(salida: dict) -> list[tuple[str, object]]:
    """Every amount field of the output (name, value), None where the concept does not apply."""
    campos = []
    for k in ("vib", "total_salarios_actualizados", "intereses", "vib_con_interes", "piso_minimo",
              "iapu_base", "pago_mensual", "pago_unico", "pago_por_danio", "pago_adicional", "total"):
        campos.append((k, salida[k]))
    campos.append(("formula.importe", salida["formula"]["importe"]))
    for i, m in enumerate(salida["meses"]):
        for k in ("remuneracion", "sac", "importe", "actualizado"):
            campos.append((f"meses[{i}].{k}", m[k]))
    for i, p in enumerate(salida["reparto"]):
        campos.append((f"reparto[{i}].importe", p["importe"]))
        for c, v in p["conceptos"].items():
            campos.append((f"reparto[{i}].conceptos.{c}", v))
    for k in ("piso", "capu_a", "capu_b", "capu_c", "iapu_minimo"):
        campos.append((f"montos_srt.{k}", salida["parametros_usados"]["montos_srt"][k]))
    return campos


def test_caso_valido_de_muerte_sale_0_con_json_y_formatos(tmp_path):
    caso = caso_con_remuneraciones(
        fecha_pmi="2019-05-07",
        fecha_liquidacion="2019-05-08",
        remuneraciones=[
            {"periodo": "2019-03", "remuneracion": "70000.00", "sac": "35000.00"},
            {"periodo": "2019-04", "remuneracion": "80000.00"},
        ],
        derechohabientes=DERECHOHABIENTES,
    )
    r = liquidar(tmp_path, caso)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    salida = json.loads(r.stdout)

    # Format of every amount (2 decimals) and of every percentage (4 decimals).
    campos = _campos_importe(salida)
    assert len(campos) > 60  # 11 top level + formula + 48 month cells + reparto + montos
    malos = [(k, v) for k, v in campos if not (isinstance(v, str) and IMPORTE_RE.match(v))]
    assert malos == []
    porcentajes = [p["porcentaje"] for p in salida["reparto"]]
    assert all(isinstance(p, str) and PORCENTAJE_RE.match(p) for p in porcentajes), porcentajes

    # Hand computation (RIPTE 2019-03 4444.60, 2019-04 4533.03, 2019-05 4676.25; TNA 08/05/2019 64.05 %):
    #   2019-03: 105000.00 × 4676.25 / 4444.60 = 110472.536… → 110472.54
    #   2019-04:  80000.00 × 4676.25 / 4533.03 =  82527.575… →  82527.58
    #   VIB = (110472.54 + 82527.58) / 2 = 193000.12 / 2 = 96500.06
    #   interest 1 day: 96500.06 × 64.05 / 36500 = 169.3378 → 169.34; VIB + int = 96669.40
    #   age 40 (born 15/01/1979); F = 53 × 96669.40 × 65 / 40 = 8325652.075 → 8325652.08 (> piso 2049647)
    #   CAPU c (Nota SRT 2727/2019) 1366431; IAPU = 20 % × (8325652.08 + 1366431) = 1938416.616 → 1938416.62
    #   total = 8325652.08 + 1938416.62 + 1366431 = 11630499.70
    assert salida["meses"][10]["actualizado"] == "110472.54"
    assert salida["meses"][11]["actualizado"] == "82527.58"
    assert salida["vib"] == "96500.06"
    assert salida["dias_interes"] == 1
    assert salida["intereses"] == "169.34"
    assert salida["vib_con_interes"] == "96669.40"
    assert salida["edad"] == 40
    assert salida["pago_unico"] == "8325652.08"
    assert salida["pago_adicional"] == "1366431.00"
    assert salida["pago_por_danio"] == "1938416.62"
    assert salida["total"] == "11630499.70"

    # Reparto: spouse 50, two children 20 each (art. 98 Ley 24.241), h3 (29 years) excluded.
    #   100 % split by 50/20/20 over 90 → 55.5556 / 22.2222 / 22.2222 (largest remainder to spouse).
    #   CAPU 136643100 cents: floors 75912833 / 30365133 / 30365133, all remainders 30 → the one
    #   cent left goes to the spouse (first in the tie-break) → 759128.34 / 303651.33 / 303651.33.
    partes = {p["id"]: p for p in salida["reparto"]}
    assert [partes[i]["porcentaje"] for i in ("c1", "h1", "h2", "h3")] == [
        "55.5556", "22.2222", "22.2222", "0.0000"]
    assert partes["h3"]["excluido"] is True and partes["h3"]["importe"] == "0.00"
    assert partes["c1"]["conceptos"]["pago_adicional"] == "759128.34"
    assert partes["h1"]["conceptos"]["pago_adicional"] == "303651.33"
    # Every concept is split cent-exactly.
    for concepto in ("pago_unico", "pago_por_danio", "pago_adicional"):
        centavos = sum(round(float(p["conceptos"][concepto]) * 100) for p in salida["reparto"])
        assert centavos == round(float(salida[concepto]) * 100), concepto


# ----------------------------------------------------------------------- file-level errors


def test_archivo_inexistente_nombra_el_archivo(tmp_path):
    ruta = tmp_path / "no_existe_123.json"
    r = correr(tmp_path, "liquidar", str(ruta))
    afirmar_error(r, "no_existe_123.json", "No se encontró")


def test_texto_que_no_es_json_nombra_linea_y_columna(tmp_path):
    # line 2 is ` "fecha_pmi": ,`: space (col 1), "fecha_pmi" (2-12), ':' (13), space (14), ',' (15)
    # → the value expected after the colon is missing at line 2, column 15.
    r = liquidar(tmp_path, None, crudo='{"tipo": "muerte",\n "fecha_pmi": ,\n}')
    afirmar_error(r, "caso.json", "no es JSON válido", "línea 2", "columna 15")


def test_json_que_es_una_lista(tmp_path):
    r = liquidar(tmp_path, [caso_vib()])
    afirmar_error(r, "«caso»", "objeto JSON")


# ------------------------------------------------------------------------- field errors


def test_falta_tipo(tmp_path):
    caso = caso_vib()
    del caso["tipo"]
    afirmar_error(liquidar(tmp_path, caso), "«tipo»", "muerte, ilp o gran_invalidez")


def test_tipo_desconocido(tmp_path):
    afirmar_error(liquidar(tmp_path, caso_vib(tipo="pension")), "«tipo»", "«pension»")


def test_fecha_inexistente_nombra_fecha_pmi(tmp_path):
    r = liquidar(tmp_path, caso_vib(fecha_pmi="2019-02-30"))
    afirmar_error(r, "«fecha_pmi»", "2019-02-30", "no es una fecha real")


def test_liquidacion_anterior_a_la_pmi(tmp_path):
    r = liquidar(tmp_path, caso_vib(fecha_pmi="2019-05-07", fecha_liquidacion="2019-05-06"))
    afirmar_error(r, "«fecha_liquidacion»", "06/05/2019", "anterior a la PMI")


@pytest.mark.parametrize("literal", ['"-100.00"', "-100.00"], ids=["texto", "numero_json"])
def test_remuneracion_negativa(tmp_path, literal):
    caso = caso_con_remuneraciones(remuneraciones=[{"periodo": "2018-06", "remuneracion": "X"}])
    r = liquidar(tmp_path, None, crudo=json.dumps(caso).replace('"X"', literal))
    afirmar_error(r, "«remuneraciones[0].remuneracion»", "-100.00", "negativo")


def test_importe_con_tres_decimales_como_texto(tmp_path):
    r = liquidar(tmp_path, caso_vib(vib="100000.125"))
    afirmar_error(r, "«vib»", "100000.125", "más de 2 decimales")


def test_importe_con_tres_decimales_como_numero_json(tmp_path):
    texto = json.dumps(caso_vib(vib="X")).replace('"X"', "1234.567")
    r = liquidar(tmp_path, None, crudo=texto)
    afirmar_error(r, "«vib»", "1234.567", "más de 2 decimales")


def test_periodo_fuera_de_la_ventana_de_12_meses(tmp_path):
    # PMI 07/05/2019: the window is 2018-05 … 2019-04; 2018-04 is one month too early.
    caso = caso_con_remuneraciones(remuneraciones=[
        {"periodo": "2018-06", "remuneracion": "100.00"},
        {"periodo": "2018-04", "remuneracion": "100.00"},
    ])
    afirmar_error(liquidar(tmp_path, caso), "«remuneraciones[1].periodo»", "2018-04", "2018-05 a 2019-04")


def test_el_mes_de_la_pmi_esta_fuera_de_la_ventana(tmp_path):
    caso = caso_con_remuneraciones(remuneraciones=[{"periodo": "2019-05", "remuneracion": "100.00"}])
    afirmar_error(liquidar(tmp_path, caso), "«remuneraciones[0].periodo»", "2019-05")


def test_periodo_repetido(tmp_path):
    caso = caso_con_remuneraciones(remuneraciones=[
        {"periodo": "2018-06", "remuneracion": "100.00"},
        {"periodo": "2018-07", "remuneracion": "100.00"},
        {"periodo": "2018-06", "remuneracion": "200.00"},
    ])
    afirmar_error(liquidar(tmp_path, caso), "«remuneraciones[2].periodo»", "2018-06", "dos veces")


def test_ilp_sin_porcentaje(tmp_path):
    afirmar_error(liquidar(tmp_path, caso_vib(tipo="ilp")), "«porcentaje_incapacidad»", "falta")


@pytest.mark.parametrize("literal", ['"120"', "120"], ids=["texto", "numero_json"])
def test_porcentaje_120(tmp_path, literal):
    texto = json.dumps(caso_vib(tipo="ilp", porcentaje_incapacidad="X")).replace('"X"', literal)
    afirmar_error(liquidar(tmp_path, None, crudo=texto), "«porcentaje_incapacidad»", "120", "máximo")


# ------------------------------------------------------------------------ missing parameters

PMI_JUNIO_2026 = dict(
    fecha_pmi="2026-06-10",
    fecha_liquidacion="2026-06-10",
    fecha_nacimiento="1980-01-01",
    remuneraciones=[{"periodo": "2026-05", "remuneracion": "1000000.00"}],
)


def test_falta_el_ripte_del_mes_de_la_pmi(tmp_path):
    # The bundled RIPTE ends at 2026-04.
    r = liquidar(tmp_path, caso_con_remuneraciones(**PMI_JUNIO_2026))
    afirmar_error(r, "Falta el RIPTE de 2026-06")


def test_falta_la_tasa_despues_del_ultimo_dia_cargado(tmp_path):
    # The rates end on 05/10/2026: the first day without a rate is 06/10/2026.
    r = liquidar(tmp_path, caso_vib(fecha_pmi="2026-09-01", fecha_liquidacion="2026-11-22"))
    afirmar_error(r, "Falta la tasa activa BNA", "06/10/2026")


def test_hueco_conocido_del_05_03_2025(tmp_path):
    # 04/03/2025 and 06/03/2025 have rates (rows 2025-02-28…2025-03-04 and 2025-03-06), only the
    # 5th is missing. Starting on 01/03 the walk reaches the gap after one range, which once made
    # the message claim "del 05/03/2025 al 06/03/2025".
    r = liquidar(tmp_path, caso_vib(fecha_pmi="2025-03-01", fecha_liquidacion="2025-03-10"))
    mensaje = afirmar_error(r, "Falta la tasa activa BNA", "05/03/2025")
    assert "06/03/2025" not in mensaje


def test_pmi_sin_semestre_srt(tmp_path):
    # srt_montos.csv ends on 28/02/2027. Liquidation on the PMI day: no interest days needed.
    r = liquidar(tmp_path, caso_vib(fecha_pmi="2027-03-01", fecha_liquidacion="2027-03-01"))
    afirmar_error(r, "montos SRT", "01/03/2027")


def test_gran_invalidez_con_la_tabla_vacia(tmp_path):
    r = liquidar(tmp_path, caso_vib(tipo="gran_invalidez"))
    afirmar_error(r, "gran invalidez", "07/05/2019")


# --------------------------------------------------------------------------- CLI arguments


def test_sin_archivo_de_caso(tmp_path):
    r = correr(tmp_path, "liquidar")
    afirmar_error(r, "CASO.json")


def test_argumento_desconocido(tmp_path):
    ruta = tmp_path / "caso.json"
    ruta.write_text(json.dumps(caso_vib()), encoding="utf-8")
    afirmar_error(correr(tmp_path, "liquidar", str(ruta), "--no-existe"), "--no-existe")


def test_error_de_argumentos_en_castellano(tmp_path):
    mensaje = afirmar_error(correr(tmp_path, "liquidar"), "CASO.json")
    assert "the following arguments are required" not in mensaje


# ------------------------------------------------------------------------------ --parametros


def _carpeta_ripte_extendido(tmp_path: Path, filas: str) -> Path:
    carpeta = tmp_path / "actualizados"
    carpeta.mkdir()
    texto = (BUNDLED / "ripte.csv").read_text(encoding="utf-8")
    (carpeta / "ripte.csv").write_text(texto.rstrip("\n") + "\n" + filas, encoding="utf-8")
    return carpeta


def test_parametros_con_ripte_de_mayo_y_junio_2026(tmp_path):
    # 2026-04 is 210043.70 in the bundled table; +4.7 % and +5.0 % are within the +40 % limit.
    carpeta = _carpeta_ripte_extendido(tmp_path, "2026-05,220000.00\n2026-06,231000.00\n")
    r = liquidar(tmp_path, caso_con_remuneraciones(**PMI_JUNIO_2026), "--parametros", str(carpeta))
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    salida = json.loads(r.stdout)
    usados = salida["parametros_usados"]
    assert usados["ripte_referencia"] == "2026-06"
    assert usados["ripte"] == {"2026-05": "220000.00", "2026-06": "231000.00"}
    # One month: 1000000.00 × 231000 / 220000 = 1050000.00 = VIB (no interest: liquidation on the PMI day)
    assert salida["meses"][-1]["periodo"] == "2026-05"
    assert salida["meses"][-1]["actualizado"] == "1050000.00"
    assert salida["vib"] == "1050000.00"
    assert salida["dias_interes"] == 0
    # Semester of the PMI: Res. SRT 15/2026 (2026-03-01 … 2026-08-31), CAPU c 65001602.
    assert usados["montos_srt"]["norma"] == "Res. SRT 15/2026"
    assert salida["pago_adicional"] == "65001602.00"


def test_parametros_con_un_ripte_invalido_nombra_archivo_fila_y_campo(tmp_path):
    # header = row 1, 196 bundled months = rows 2…197, the appended 2026-05 is row 198 (+60 %).
    carpeta = _carpeta_ripte_extendido(tmp_path, "2026-05,336069.92\n")
    r = liquidar(tmp_path, caso_con_remuneraciones(**PMI_JUNIO_2026), "--parametros", str(carpeta))
    afirmar_error(r, "ripte.csv", "fila 198", "«indice»", "2026-05")


def test_parametros_en_una_carpeta_inexistente(tmp_path):
    carpeta = tmp_path / "no_hay_tal_carpeta"
    r = liquidar(tmp_path, caso_vib(), "--parametros", str(carpeta))
    afirmar_error(r, "no_hay_tal_carpeta")


# ------------------------------------------------------------------ extreme / malformed input


def test_entero_json_enorme_sale_con_2(tmp_path):
    texto = json.dumps(caso_vib(vib="X")).replace('"X"', "1" + "0" * 5000)
    afirmar_error(liquidar(tmp_path, None, crudo=texto))


def test_fecha_9999_12_31_sale_con_2(tmp_path):
    # The last representable day: no interest day can follow it, and no SRT semester covers it.
    r = liquidar(tmp_path, caso_vib(fecha_pmi="9999-12-31", fecha_liquidacion="9999-12-31"))
    afirmar_error(r, "31/12/9999")


def test_sustituto_suelto_en_un_campo_desconocido(tmp_path):
    texto = json.dumps(caso_vib())[:-1] + ', "x\\ud800": 1}'
    r = liquidar(tmp_path, None, crudo=texto)
    assert r.returncode in (0, 2), r.stderr
    if r.returncode == 0:
        json.loads(r.stdout)
    else:
        afirmar_error(r)


def test_sin_pantalla_el_programa_lo_explica(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["LIQUIDADOR_DATA_DIR"] = str(tmp_path)
    r = subprocess.run([sys.executable, "-m", "app"], cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "No hay una pantalla disponible" in r.stderr
    assert "Traceback" not in r.stderr
