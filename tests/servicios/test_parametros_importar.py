"""Importing a parameter table from Excel or CSV: preview (rows, every problem, changes against the
version in force) and confirmation (one new version, one audit row). Files are written here with
openpyxl / csv; expected values come from the bundled CSVs, never from the program's output."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal as D

import openpyxl
import pytest
from sqlalchemy import func, select

from app import config
from app.errors import (
    ConflictoEdicion,
    DatosInvalidos,
    PermisoDenegado,
    ReglaIncumplida,
)
from app.liquidacion.fechas import Periodo
from app.models import Auditoria, ParametroVersion
from app.models.bd import crear_motor, fabrica_sesiones
from app.services import parametros as sp
from app.services import parametros_archivos as pa
from app.services.nucleo import Actor, Contexto
from tests.servicios.conftest import preparar

INCLUIDAS = config.parametros_dir()


def _csv(nombre: str) -> list[list[str]]:
    with open(INCLUIDAS / nombre, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


RIPTE = [(p, D(v)) for p, v in _csv("ripte.csv")[1:]]
PRIMERA = 4  # the test books: title in row 1, an empty row 2, the header in row 3


@pytest.fixture
def fabrica_nueva(url_bd):
    """A fresh store per test (SQLite and PostgreSQL) for the tests that store a version: the shared
    stores of the other service tests must keep the bundled tables."""
    motor = crear_motor(url_bd)
    preparar(motor)
    yield fabrica_sesiones(motor)
    motor.dispose()


def _ctx(fabrica, rol="administrador", usuario="adrian"):
    return Contexto(fabrica, Actor(usuario, rol, usuario_so="pruebas"))


def _estado(fabrica):
    """Versions, audit rows and the RIPTE rows in force: equal = nothing was written."""
    with fabrica() as s:
        versiones = s.scalars(select(ParametroVersion).order_by(ParametroVersion.id)).all()
        return ([(v.tabla, v.numero, v.vigente, v.sha256) for v in versiones],
                s.scalar(select(func.count()).select_from(Auditoria)),
                sp.parametros_vigentes(s).ripte.items())


def _libro(ruta, filas, encabezado=("periodo", "indice"), titulo="RIPTE — índice mensual", hoja="RIPTE"):
    libro = openpyxl.Workbook()
    h = libro.active
    h.title = hoja
    if titulo is not None:
        h.append([titulo])
        h.append([])
    h.append(list(encabezado))
    for fila in filas:
        h.append(list(fila))
    libro.save(ruta)
    return ruta


def _ripte_numerico():
    """The bundled RIPTE as Excel numeric cells (floats, as a spreadsheet keeps them)."""
    return [[p, float(v)] for p, v in RIPTE]


def _fila_de(periodo: str) -> int:
    return PRIMERA + [p for p, _ in RIPTE].index(periodo)


# ------------------------------------------------------------------ reading

def test_columnas_iguales_a_los_csv_incluidos():
    for tabla, columnas in pa.COLUMNAS.items():
        encabezado = _csv(sp.ARCHIVOS[tabla])[0]
        assert [c[0] for c in columnas] == encabezado, tabla


def test_los_csv_incluidos_se_leen_sin_problemas_ni_cambios(fabrica):
    ctx = _ctx(fabrica)
    for tabla, archivo in sp.ARCHIVOS.items():
        vista = sp.previsualizar_archivo(ctx, tabla, INCLUIDAS / archivo)
        datos = [f for f in _csv(archivo)[1:] if any(c.strip() for c in f)]
        assert vista.problemas == [], tabla
        assert vista.cambios == [], tabla
        assert len(vista.filas) == len(datos) == vista.filas_leidas, tabla
        assert vista.se_puede_confirmar


def test_numeros_es_ar_y_celdas_de_excel():
    assert pa.decimal_de("1.234.567,89") == D("1234567.89")
    assert pa.decimal_de("4.700") == D(4700)  # a dot and three digits: thousands (two decimals at most)
    assert pa.decimal_de("4676,25") == D("4676.25")
    assert pa.decimal_de("4676.25") == D("4676.25")  # the bundled CSV's format
    assert pa.decimal_de("$ 1.090.945,00") == D("1090945.00")
    assert pa.decimal_de(4676.25) == D("4676.25") and pa.decimal_de(180000) == D(180000)
    for malo in ("1,234,56", "12.34.5", "abc", "4676,2x"):
        with pytest.raises(ValueError, match="no es un número"):
            pa.decimal_de(malo)


# ------------------------------------------------------------------ a valid file, stored

def test_ripte_excel_con_un_valor_cambiado_se_guarda_como_version_nueva(fabrica_nueva, tmp_path):
    filas = _ripte_numerico()
    i = [p for p, _ in RIPTE].index("2019-05")
    filas[i][1] = "4.700,00"  # es-AR text; the bundled value is 4676.25
    filas[i + 1][0] = date(2019, 6, 1)  # an Excel date cell as the period
    filas[i + 2][0] = "07-2019"  # mm-aaaa as SiAPe writes it
    ruta = _libro(tmp_path / "ripte_2019.xlsx", filas)
    ctx = _ctx(fabrica_nueva)
    versiones_antes = sp.versiones(ctx, "ripte")

    vista = sp.previsualizar_archivo(ctx, "ripte", ruta)

    assert vista.problemas == [] and vista.se_puede_confirmar
    assert vista.hoja == "RIPTE" and vista.hojas == ["RIPTE"]
    assert len(vista.filas) == len(RIPTE) and vista.filas_leidas == len(RIPTE)
    assert (vista.contar("agregada"), vista.contar("cambiada"), vista.contar("quitada")) == (0, 1, 0)
    cambio = vista.cambios[0]
    assert (cambio.clave, cambio.campos) == ("2019-05", ("indice",))
    assert cambio.antes["indice"] == dict(RIPTE)["2019-05"] and cambio.ahora["indice"] == D("4700.00")
    assert vista.version_actual == versiones_antes[-1]["numero"]

    numero = sp.confirmar_importacion(ctx, vista)

    versiones = sp.versiones(ctx, "ripte")
    assert numero == versiones_antes[-1]["numero"] + 1 and len(versiones) == len(versiones_antes) + 1
    assert [v["vigente"] for v in versiones] == [False] * len(versiones_antes) + [True]
    assert versiones[-1]["origen"] == f"{ruta} (hoja «RIPTE»)" and versiones[-1]["cargado_por"] == "adrian"
    assert versiones[-1]["sha256"] == vista.sha256
    with fabrica_nueva() as s:
        p = sp.parametros_vigentes(s)
        auditoria = s.scalars(select(Auditoria).order_by(Auditoria.id.desc()).limit(1)).one()
    esperado = dict(RIPTE, **{"2019-05": D("4700.00")})
    assert {str(k): v for k, v in p.ripte.items()} == esperado
    assert p.ripte.indice(Periodo(2019, 5)) == D("4700.00")
    assert (auditoria.accion, auditoria.entidad_id) == ("actualizar_parametros", f"ripte#{numero}")
    assert auditoria.despues["cambiadas"] == 1 and auditoria.despues["filas"] == len(RIPTE)
    anterior = sp.filas_version(ctx, "ripte", numero - 1)  # the previous version is kept
    assert {f["periodo"]: f["indice"] for f in anterior["filas"]} == dict(RIPTE)


def test_montos_con_fechas_y_numeros_de_excel_sin_cambios(fabrica, tmp_path):
    filas = []
    for desde, hasta, norma, *importes, nota in _csv("srt_montos.csv")[1:]:
        filas.append([date.fromisoformat(desde), datetime.fromisoformat(hasta), norma,
                      *[float(x) if x else None for x in importes], nota])
    ruta = _libro(tmp_path / "montos.xlsx", filas, _csv("srt_montos.csv")[0], titulo=None, hoja="Montos")
    vista = sp.previsualizar_archivo(_ctx(fabrica), "montos", ruta)
    assert vista.problemas == [] and vista.cambios == []
    assert len(vista.filas) == len(filas)
    primera = _csv("srt_montos.csv")[1]
    assert vista.filas[0]["desde"] == date.fromisoformat(primera[0]) and vista.filas[0]["piso"] == D(primera[3])
    assert vista.filas[0]["iapu_minimo"] is None  # empty cell: no IAPU before Ley 26.773


def test_csv_de_excel_en_castellano_punto_y_coma_y_cp1252(fabrica, tmp_path):
    """«CSV (delimitado por comas)» of a Spanish Excel: «;», comma decimals, dd/mm/aaaa, cp1252."""
    salida = io.StringIO()
    escritor = csv.writer(salida, delimiter=";", lineterminator="\r\n")
    escritor.writerow(_csv("tasa_activa_bna.csv")[0])
    for desde, hasta, tna, origen in _csv("tasa_activa_bna.csv")[1:]:
        escritor.writerow([date.fromisoformat(desde).strftime("%d/%m/%Y"), date.fromisoformat(hasta).strftime("%d/%m/%Y"),
                           tna.replace(".", ","), origen])
    ruta = tmp_path / "tasas.csv"
    ruta.write_bytes(salida.getvalue().encode("cp1252"))
    vista = sp.previsualizar_archivo(_ctx(fabrica), "tasas", ruta)
    assert vista.problemas == [] and vista.cambios == []
    assert len(vista.filas) == len(_csv("tasa_activa_bna.csv")) - 1


# ------------------------------------------------------------------ bad files: named problem, nothing stored

def _malo_mes(filas):
    filas.append(["2026-13", 215000.0])
    return len(RIPTE) + PRIMERA, "periodo", "«2026-13» no es un mes real"


def _malo_negativo(filas):
    filas[[p for p, _ in RIPTE].index("2019-05")][1] = -4676.25
    return _fila_de("2019-05"), "indice", "«-4676.25» es negativo: debe ser mayor que cero"


def _malo_negativo_texto(filas):
    filas[[p for p, _ in RIPTE].index("2019-05")][1] = "-4.676,25"
    return _fila_de("2019-05"), "indice", "«-4.676,25» es negativo"


def _malo_repetido(filas):
    filas.append(["2019-05", 4676.25])
    return len(RIPTE) + PRIMERA, "periodo", f"2019-05 está repetido (fila {_fila_de('2019-05')})"


def _malo_decimales(filas):
    filas[0][1] = "344,285"
    return PRIMERA, "indice", "tiene más de 2 decimales"


def _malo_salto(filas):
    filas[[p for p, _ in RIPTE].index("2019-05")][1] = float((dict(RIPTE)["2019-04"] * D("1.6")).quantize(D("0.01")))
    return _fila_de("2019-05"), "indice", "varía 60,0 %".replace(",", ".")


def _malo_texto(filas):
    filas[3][1] = "N/D"
    return PRIMERA + 3, "indice", "«N/D» no es un número"


def _malo_vacio(filas):
    filas[5][1] = None
    return PRIMERA + 5, "indice", "falta el dato"


@pytest.mark.parametrize("estropear", [_malo_mes, _malo_negativo, _malo_negativo_texto, _malo_repetido,
                                       _malo_decimales, _malo_salto, _malo_texto, _malo_vacio],
                         ids=lambda f: f.__name__[6:])
def test_fila_mala_nombra_archivo_fila_y_campo_y_no_guarda(fabrica, tmp_path, estropear):
    filas = _ripte_numerico()
    fila, campo, motivo = estropear(filas)
    ruta = _libro(tmp_path / "ripte_malo.xlsx", filas)
    ctx = _ctx(fabrica)
    antes = _estado(fabrica)

    vista = sp.previsualizar_archivo(ctx, "ripte", ruta)

    assert [(p.archivo, p.fila, p.campo) for p in vista.problemas] == [("ripte_malo.xlsx, hoja «RIPTE»", fila, campo)]
    assert motivo in vista.problemas[0].motivo
    assert str(vista.problemas[0]).startswith(f"ripte_malo.xlsx, hoja «RIPTE», fila {fila}, campo «{campo}»: ")
    assert not vista.se_puede_confirmar and vista.filas == []
    with pytest.raises(DatosInvalidos, match=f"fila {fila}"):
        sp.confirmar_importacion(ctx, vista)
    assert _estado(fabrica) == antes


def test_todos_los_problemas_en_orden_de_fila(fabrica, tmp_path):
    filas = _ripte_numerico()
    filas.append(["2019-05", 4676.25])  # repeated (found by the loader, after the cell problems)
    filas[10][1] = "x"
    filas[2][0] = "2010-13"
    ruta = _libro(tmp_path / "varios.xlsx", filas)
    vista = sp.previsualizar_archivo(_ctx(fabrica), "ripte", ruta)
    assert [(p.fila, p.campo) for p in vista.problemas] == [
        (PRIMERA + 2, "periodo"), (PRIMERA + 10, "indice"), (PRIMERA + len(RIPTE), "periodo")]


@pytest.mark.parametrize("caso", ["hoja_vacia", "no_es_excel", "sin_encabezado", "solo_encabezado", "vacio"])
def test_archivo_inservible_dice_por_que_y_no_guarda(fabrica, tmp_path, caso):
    if caso == "hoja_vacia":
        ruta = tmp_path / "vacio.xlsx"
        openpyxl.Workbook().save(ruta)
        esperado = ("vacio.xlsx, hoja «Sheet»", "la hoja «Sheet» está vacía")
    elif caso == "no_es_excel":
        ruta = tmp_path / "falso.xlsx"
        ruta.write_text("periodo,indice\n2019-05,4676.25\n", encoding="utf-8")
        esperado = ("falso.xlsx", "no se pudo leer como planilla de Excel")
    elif caso == "sin_encabezado":
        ruta = _libro(tmp_path / "otro.xlsx", [["2019-05", 4676.25]], encabezado=("mes", "valor"))
        esperado = ("otro.xlsx, hoja «RIPTE»", "no se encontró la fila de encabezado con las columnas periodo, indice")
    elif caso == "solo_encabezado":
        ruta = _libro(tmp_path / "cabeza.xlsx", [])
        esperado = ("cabeza.xlsx, hoja «RIPTE»", "el archivo no tiene filas")
    else:
        ruta = tmp_path / "nada.csv"
        ruta.write_bytes(b"")
        esperado = ("nada.csv", "el archivo está vacío")
    ctx = _ctx(fabrica)
    antes = _estado(fabrica)
    vista = sp.previsualizar_archivo(ctx, "ripte", ruta)
    assert [(p.archivo, p.fila, p.campo) for p in vista.problemas] == [(esperado[0], None, None)]
    assert esperado[1] in vista.problemas[0].motivo
    assert not vista.se_puede_confirmar
    with pytest.raises(DatosInvalidos):
        sp.confirmar_importacion(ctx, vista)
    assert _estado(fabrica) == antes


def test_hoja_elegida(fabrica, tmp_path):
    ruta = tmp_path / "libro.xlsx"
    libro = openpyxl.Workbook()
    libro.active.title = "Notas"
    datos = libro.create_sheet("Datos")
    datos.append(["periodo", "indice"])
    for p, v in RIPTE:
        datos.append([p, float(v)])
    libro.save(ruta)
    ctx = _ctx(fabrica)
    primera = sp.previsualizar_archivo(ctx, "ripte", ruta)
    assert primera.hojas == ["Notas", "Datos"] and primera.hoja == "Notas"
    assert [p.motivo for p in primera.problemas] == ["la hoja «Notas» está vacía"]
    elegida = sp.previsualizar_archivo(ctx, "ripte", ruta, hoja="Datos")
    assert elegida.problemas == [] and elegida.cambios == [] and len(elegida.filas) == len(RIPTE)
    falta = sp.previsualizar_archivo(ctx, "ripte", ruta, hoja="Otra")
    assert "no tiene una hoja «Otra» (tiene: Notas, Datos)" in falta.problemas[0].motivo


def test_fecha_con_hora_y_fecha_irreal(fabrica, tmp_path):
    filas = [[datetime(2019, 5, 7, 10, 30), "2019-05-31", 50.0, "x"], ["31/02/2019", "2019-06-30", "50,5", "y"]]
    ruta = _libro(tmp_path / "tasas.xlsx", filas, ("desde", "hasta", "tna_pct", "origen"), titulo=None)
    vista = sp.previsualizar_archivo(_ctx(fabrica), "tasas", ruta)
    assert [(p.fila, p.campo) for p in vista.problemas] == [(2, "desde"), (3, "desde")]
    assert "tiene hora" in vista.problemas[0].motivo
    assert vista.problemas[1].motivo == "«31/02/2019» no es una fecha real"


# ------------------------------------------------------------------ refusals at confirmation

def test_solo_el_administrador_importa(fabrica, tmp_path):
    ruta = _libro(tmp_path / "ripte.xlsx", _ripte_numerico())
    vista = sp.previsualizar_archivo(_ctx(fabrica), "ripte", ruta)
    antes = _estado(fabrica)
    for rol in ("operador", "liquidador", "supervisor"):
        with pytest.raises(PermisoDenegado, match="parámetros"):
            sp.previsualizar_archivo(_ctx(fabrica, rol, "otro"), "ripte", ruta)
        with pytest.raises(PermisoDenegado, match="parámetros"):
            sp.confirmar_importacion(_ctx(fabrica, rol, "otro"), vista)
    assert _estado(fabrica) == antes


def test_archivo_cambiado_despues_de_la_vista_previa(fabrica, tmp_path):
    ruta = _libro(tmp_path / "ripte.xlsx", _ripte_numerico())
    ctx = _ctx(fabrica)
    vista = sp.previsualizar_archivo(ctx, "ripte", ruta)
    filas = _ripte_numerico()
    filas[0][1] = 345.0
    _libro(ruta, filas)
    antes = _estado(fabrica)
    with pytest.raises(ReglaIncumplida, match="cambió desde la vista previa"):
        sp.confirmar_importacion(ctx, vista)
    assert _estado(fabrica) == antes


def test_otra_version_cargada_mientras_se_revisaba(fabrica_nueva, tmp_path):
    filas = _ripte_numerico()
    filas[0][1] = 345.0
    ruta = _libro(tmp_path / "ripte.xlsx", filas)
    ctx = _ctx(fabrica_nueva)
    vista = sp.previsualizar_archivo(ctx, "ripte", ruta)
    sp.actualizar_tabla(_ctx(fabrica_nueva, usuario="ana"), "ripte", INCLUIDAS / "ripte.csv")
    antes = _estado(fabrica_nueva)
    with pytest.raises(ConflictoEdicion, match="ana cargó otra versión"):
        sp.confirmar_importacion(ctx, vista)
    assert _estado(fabrica_nueva) == antes


def test_fuentes_de_los_datos_incluidos():
    texto = sp.texto_fuentes("tasas")
    assert texto.startswith("tasa_activa_bna.csv — tasa activa")  # FUENTES.md, in Spanish, no Markdown mark
    assert "05/03/2025" in texto  # the note about the removed row, from «Cambios hechos en la copia incluida»
    assert "83,80 %" in texto and "##" not in texto
    assert sp.texto_fuentes("gran_invalidez").startswith("gran_invalidez.csv — prestación mensual")
