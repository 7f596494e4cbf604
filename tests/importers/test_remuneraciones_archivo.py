"""Reading salary spreadsheets as offices send them: a title block (merged cells) above messy
headers, Excel dates and text periods, es-AR text numbers, CUIL with or without dashes, blank
rows, several sheets, .xlsm, CSV with «;» in latin-1 — and the one clear message for a file that
cannot be used (not Excel, truncated, empty sheet, missing column)."""

import threading
from datetime import date, datetime
from decimal import Decimal

import pytest

from app.importers import ImportacionCancelada, leer_remuneraciones
from tests.importers.planillas import cuil, digitos, xlsx

HOY = date(2026, 3, 15)
D = Decimal
A, B, C = cuil(12345678), cuil(23456789, "27"), cuil(34567890)


def _leer(ruta, **kw):
    return leer_remuneraciones(ruta, hoy=HOY, **kw)


def _filas(r):
    return [(f.fila, f.cuil, f.periodo, f.remuneracion, f.sac, f.apellido_nombre) for f in r.filas]


def _problemas(r):
    return [(p.hoja, p.fila, p.columna, p.valor, p.motivo, p.gravedad) for p in r.problemas]


def test_titulo_combinado_encabezado_desprolijo_y_todas_las_formas_de_periodo_e_importe(tmp_path):
    filas = [
        ["MINISTERIO DE SALUD — HISTORIAL DE HABERES"],  # A1:E2 merged
        [],
        ["Generado por el sistema de liquidación de haberes"],
        [],
        ["  cuit-CUIL ", "Apellido y Nombre", "MES LIQUIDADO", "Haberes", "S.A.C."],
        [A, "Pérez, Juan", date(2019, 1, 1), 100000.5, 0],
        [digitos(A), "Pérez, Juan", "02/2019", "1.234,56", ""],
        [f" {A[:2]} {A[3:11]} {A[12]} ", "Pérez, Juan", "3/2019", "$ 1.234,56", None],
        [int(digitos(A)), "Pérez, Juan", "2019-04", "1234.56", "0"],
        [],  # a blank row in the middle is skipped
        [A, "Pérez, Juan", "may-19", 200000, None],
        [A, "Pérez, Juan", "junio 2019", 200000, "100.000,00"],
        [A, "Pérez, Juan", "07-2019", "4.700", None],
        [A, "Pérez, Juan", datetime(2019, 8, 31), 1234.5600000000002, None],
        [A, "Pérez, Juan", 201909, "1,234,567.89", None],
        [B, "Gómez, Ana", "Dic-19", 50000, 25000],
    ]
    ruta = xlsx(tmp_path / "haberes.xlsx", {"Haberes 2019": filas}, combinar={"Haberes 2019": ["A1:E2"]},
                formatos={"Haberes 2019": {"C6": "mmm-yy"}})
    r = _leer(ruta)
    assert r.problemas == []
    assert (r.archivo, r.hoja, r.hojas, r.estructura.fila_encabezado, r.filas_leidas) == (
        "haberes.xlsx", "Haberes 2019", ["Haberes 2019"], 5, 10)
    assert {campo: str(col) for campo, col in r.mapeo.items()} == {
        "cuil": "A «cuit-CUIL»", "periodo": "C «MES LIQUIDADO»", "remuneracion": "D «Haberes»",
        "sac": "E «S.A.C.»", "apellido_nombre": "B «Apellido y Nombre»"}
    a, b = digitos(A), digitos(B)
    assert _filas(r) == [
        (6, a, "2019-01", D("100000.50"), D("0.00"), "Pérez, Juan"),
        (7, a, "2019-02", D("1234.56"), D("0.00"), "Pérez, Juan"),
        (8, a, "2019-03", D("1234.56"), D("0.00"), "Pérez, Juan"),
        (9, a, "2019-04", D("1234.56"), D("0.00"), "Pérez, Juan"),
        (11, a, "2019-05", D("200000.00"), D("0.00"), "Pérez, Juan"),
        (12, a, "2019-06", D("200000.00"), D("100000.00"), "Pérez, Juan"),
        (13, a, "2019-07", D("4700.00"), D("0.00"), "Pérez, Juan"),
        (14, a, "2019-08", D("1234.56"), D("0.00"), "Pérez, Juan"),
        (15, a, "2019-09", D("1234567.89"), D("0.00"), "Pérez, Juan"),
        (16, b, "2019-12", D("50000.00"), D("25000.00"), "Gómez, Ana"),
    ]


def test_cada_valor_invalido_con_hoja_fila_columna_valor_y_motivo(tmp_path):
    filas = [
        [None, None, "Planilla de haberes"],
        [None, None, "CUIL", "Período", "Remuneración", "SAC"],  # data from column C
        [None, None, "20-12345678-5", "05/2019", 1000, None],
        [None, None, "20-1234567-6", "06/2019", 1000, None],
        [None, None, A, "13/2019", 1000, None],
        [None, None, A, "04/2026", 1000, None],
        [None, None, A, "dic-89", 1000, None],
        [None, None, A, "07/2019", -5, None],
        [None, None, A, "08/2019", "1.234,567", None],
        [None, None, A, "09/2019", "mil", None],
        [None, None, A, None, 1000, None],
        [None, None, A, "10/2019", None, None],
        [None, None, None, "11/2019", 1000, None],
        [None, None, A, "12/2019", 1000, "medio"],
        [None, None, A, "01/2020", 1000, None],  # the only good row
    ]
    r = _leer(xlsx(tmp_path / "malos.xlsx", {"Hoja1": filas}))
    assert [f.fila for f in r.filas] == [15]
    assert r.filas_leidas == 13
    assert r.filas_con_error == set(range(3, 15))
    h = "Hoja1"
    assert _problemas(r) == [
        (h, 3, "C «CUIL»", "20-12345678-5", "el dígito verificador del CUIL es incorrecto", "error"),
        (h, 4, "C «CUIL»", "20-1234567-6", "el CUIL debe tener 11 dígitos (tiene 10)", "error"),
        (h, 5, "D «Período»", "13/2019", "el mes 13 no existe (debe ser de 1 a 12)", "error"),
        (h, 6, "D «Período»", "04/2026", "el período 04/2026 es posterior al mes actual (03/2026)", "error"),
        (h, 7, "D «Período»", "dic-89", "el período 12/1989 es anterior a 1990", "error"),
        (h, 8, "E «Remuneración»", "-5", "el importe no puede ser negativo", "error"),
        (h, 9, "E «Remuneración»", "1.234,567", "tiene más de 2 decimales", "error"),
        (h, 10, "E «Remuneración»", "mil", "no es un importe (escriba 1234,56, 1.234,56 o 1234.56)", "error"),
        (h, 11, "D «Período»", "", "falta el período", "error"),
        (h, 12, "E «Remuneración»", "", "falta la remuneración", "error"),
        (h, 13, "C «CUIL»", "", "falta el CUIL", "error"),
        (h, 14, "F «SAC»", "medio", "no es un importe (escriba 1234,56, 1.234,56 o 1234.56)", "error"),
    ]
    assert str(r.problemas[0]) == ("malos.xlsx, hoja «Hoja1», fila 3, columna C «CUIL» («20-12345678-5»): "
                                   "el dígito verificador del CUIL es incorrecto")


def test_periodo_repetido_en_el_archivo_es_error_en_ambas_filas(tmp_path):
    filas = [["CUIL", "Período", "Remuneración"],
             [A, "05/2019", 1000], [C, "05/2019", 1000], [digitos(A), date(2019, 5, 1), 2000], [A, "06/2019", 1000]]
    r = _leer(xlsx(tmp_path / "rep.xlsx", {"Datos": filas}))
    assert [(f.fila, f.periodo) for f in r.filas] == [(3, "2019-05"), (5, "2019-06")]
    motivo = f"el CUIL {A} tiene el período 2019-05 repetido (filas 2 y 4): deje una sola"
    assert _problemas(r) == [("Datos", 2, "B «Período»", "2019-05", motivo, "error"),
                             ("Datos", 4, "B «Período»", "01/05/2019", motivo, "error")]


def test_sac_fuera_de_junio_y_diciembre_o_mayor_que_el_sueldo_es_advertencia(tmp_path):
    filas = [["CUIL", "Mes", "Sueldo", "Aguinaldo"],
             [A, "05/2019", 1000, 500], [A, "06/2019", 1000, 1500], [A, "12/2019", 1000, 500]]
    r = _leer(xlsx(tmp_path / "sac.xlsx", {"Datos": filas}))
    assert [f.fila for f in r.filas] == [2, 3, 4]  # warnings do not refuse the row
    assert not r.hay_errores and r.filas_con_error == set()
    assert _problemas(r) == [
        ("Datos", 2, "D «Aguinaldo»", "500", "hay SAC en 2019-05, que no es junio ni diciembre: verifique que "
                                             "corresponda (p. ej. SAC proporcional por una baja)", "advertencia"),
        ("Datos", 3, "D «Aguinaldo»", "1500", "el SAC (1.500,00) es mayor que la remuneración del mes (1.000,00): "
                                              "verifique las columnas", "advertencia"),
    ]


def test_varias_hojas_la_vacia_y_la_elegida(tmp_path):
    datos = [["CUIL", "Período", "Remuneración"], [A, "05/2019", 1000]]
    ruta = xlsx(tmp_path / "libro.xlsx", {"Vacía": [], "Notas": [["nada que ver"]], "Datos": datos})
    r = _leer(ruta)  # by default the first sheet that has cells
    assert r.hojas == ["Vacía", "Notas", "Datos"]
    assert r.hoja == "Notas" and len(r.problemas) == 1
    assert r.problemas[0].motivo.startswith("no se encontró la fila de encabezado")
    assert [f.fila for f in _leer(ruta, hoja="Datos").filas] == [2]
    assert [f.fila for f in _leer(ruta, hoja="3").filas] == [2]  # by number, as the user counts
    assert [f.fila for f in _leer(ruta, hoja="datos").filas] == [2]
    vacia = _leer(ruta, hoja="Vacía")
    assert _problemas(vacia) == [("Vacía", None, None, None, "la hoja «Vacía» está vacía", "error")]
    assert str(vacia.problemas[0]) == "libro.xlsx, hoja «Vacía»: la hoja «Vacía» está vacía"
    otra = _leer(ruta, hoja="Resumen")
    assert [p.motivo for p in otra.problemas] == ["no tiene una hoja «Resumen» (tiene: Vacía, Notas, Datos)"]
    solo_vacias = xlsx(tmp_path / "vacio.xlsx", {"Hoja1": [], "Hoja2": []})
    assert [p.motivo for p in _leer(solo_vacias).problemas] == ["todas las hojas del libro están vacías"]
    sin_filas = xlsx(tmp_path / "sin_filas.xlsx", {"Hoja1": [["CUIL", "Período", "Remuneración"]]})
    assert [p.motivo for p in _leer(sin_filas).problemas] == [
        "no hay filas de datos debajo del encabezado (fila 1)"]


def test_un_archivo_que_no_es_excel_o_esta_truncado_es_un_solo_problema(tmp_path):
    texto = tmp_path / "remuneraciones.xlsx"
    texto.write_text("CUIL;Período;Remuneración\n20-12345678-6;05/2019;1000\n", encoding="utf-8")
    r = _leer(texto)
    assert [(p.archivo, p.fila, p.motivo) for p in r.problemas] == [(
        "remuneraciones.xlsx", None,
        "no es una planilla de Excel .xlsx: es un archivo de texto (ábralo y guárdelo como «Libro de Excel "
        "(.xlsx)», o use un CSV)")]
    assert r.filas == [] and r.filas_leidas == 0

    bueno = xlsx(tmp_path / "bueno.xlsx", {"Datos": [["CUIL", "Período", "Remuneración"]] +
                                           [[A, f"{m:02d}/2019", 1000] for m in range(1, 13)]})
    truncado = tmp_path / "truncado.xlsx"
    truncado.write_bytes(bueno.read_bytes()[: bueno.stat().st_size // 2])
    r = _leer(truncado)
    assert len(r.problemas) == 1 and r.problemas[0].archivo == "truncado.xlsx"
    assert r.problemas[0].motivo.startswith("el archivo de Excel está dañado o incompleto (¿se copió o descargó "
                                            "a medias?)")
    imagen = tmp_path / "foto.xlsx"
    imagen.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    assert _leer(imagen).problemas[0].motivo.startswith(
        "no es una planilla de Excel .xlsx: su contenido no es el de un libro de Excel")
    vacio = tmp_path / "vacio.csv"
    vacio.write_bytes(b"")
    assert [p.motivo for p in _leer(vacio).problemas] == ["el archivo está vacío"]
    assert [p.motivo for p in _leer(tmp_path / "no_existe.xlsx").problemas] == ["no se encontró el archivo"]
    otro = tmp_path / "datos.pdf"
    otro.write_bytes(b"%PDF-1.4")
    assert [p.motivo for p in _leer(otro).problemas] == [
        "formato no admitido «.pdf»: use .xlsx, .xlsm, .xls, .ods o .csv"]


def test_falta_una_columna_requerida_o_el_encabezado(tmp_path):
    r = _leer(xlsx(tmp_path / "sin_rem.xlsx", {"Datos": [["Título"], ["CUIL", "Período", "Observaciones"],
                                                         [A, "05/2019", "x"]]}))
    assert [(p.hoja, p.fila, p.motivo) for p in r.problemas] == [(
        "Datos", None, "falta la columna «Remuneración» en el encabezado de la fila 2 (hay: A «CUIL», "
                       "B «Período», C «Observaciones»); indique qué columna usar")]
    r = _leer(xlsx(tmp_path / "sin_enc.xlsx", {"Datos": [[A, "05/2019", 1000]]}))
    assert [p.motivo for p in r.problemas] == [
        "no se encontró la fila de encabezado (con columnas como CUIL, Período, Remuneración) en las primeras 30 filas"]


def test_mapeo_explicito_por_letra_o_encabezado_reemplaza_al_detectado(tmp_path):
    filas = [["Documento", "Mes", "Haberes", "Bruto liquidado", "Otro"],
             [A, "05/2019", 1000, 1500, "x"]]
    ruta = xlsx(tmp_path / "mapa.xlsx", {"Datos": filas})
    r = _leer(ruta)
    assert r.problemas[0].motivo.startswith("falta la columna «CUIL»")
    r = _leer(ruta, mapeo={"cuil": "A", "remuneracion": "Bruto liquidado"})
    assert r.problemas == []
    assert {k: str(v) for k, v in r.mapeo.items()} == {
        "cuil": "A «Documento»", "periodo": "B «Mes»", "remuneracion": "D «Bruto liquidado»"}
    assert [(f.periodo, f.remuneracion) for f in r.filas] == [("2019-05", D("1500.00"))]
    r = _leer(ruta, mapeo={"cuil": "a", "remuneracion": "d"})  # letters in any case
    assert {k: str(v) for k, v in r.mapeo.items()} == {
        "cuil": "A «Documento»", "periodo": "B «Mes»", "remuneracion": "D «Bruto liquidado»"}
    # «Haberes» was recognised as the remuneración; chosen for the SAC it is no longer that
    assert [p.motivo for p in _leer(ruta, mapeo={"cuil": "A", "sac": "Haberes"}).problemas] == [
        "falta la columna «Remuneración» en el encabezado de la fila 1 (hay: A «Documento», B «Mes», C «Haberes», "
        "D «Bruto liquidado», E «Otro»); indique qué columna usar"]
    assert [p.motivo for p in _leer(ruta, mapeo={"cuil": "A", "remuneracion": "C", "sac": "Haberes"}).problemas] == [
        "la columna C «Haberes» está elegida para dos campos: remuneracion y sac"]
    r = _leer(ruta, mapeo={"cuil": "A", "remuneracion": "D", "sac": None})
    assert "sac" not in r.mapeo
    assert [p.motivo for p in _leer(ruta, mapeo={"sueldo": "C"}).problemas] == [
        "el campo «sueldo» no existe (puede ser: apellido_nombre, cuil, periodo, remuneracion, sac)"]
    assert [p.motivo for p in _leer(ruta, mapeo={"cuil": "Número de documento"}).problemas] == [
        "no hay una columna «Número de documento» en el encabezado"]


def test_xlsm_y_csv_con_punto_y_coma_en_latin1(tmp_path):
    filas = [["CUIL", "Período", "Remuneración", "SAC"], [A, "05/2019", 1000, None]]
    assert [f.remuneracion for f in _leer(xlsx(tmp_path / "macro.xlsm", {"Datos": filas})).filas] == [D("1000.00")]

    csv = tmp_path / "haberes.csv"
    csv.write_bytes(("Listado de haberes;;;\n;;;\nCUIL;Período;Remuneración;Apellido y Nombre\n"
                     f"{A};05/2019;1.234,56;Núñez, José\n;;;\n{B};may-19;\"2.000,50\";Peña, Ana\n"
                     f"{digitos(C)};13/2019;10;Díaz\n").encode("latin-1"))
    r = _leer(csv)
    assert (r.hoja, r.hojas, r.estructura.fila_encabezado) == (None, [], 3)
    assert _filas(r) == [(4, digitos(A), "2019-05", D("1234.56"), D("0.00"), "Núñez, José"),
                         (6, digitos(B), "2019-05", D("2000.50"), D("0.00"), "Peña, Ana")]
    assert _problemas(r) == [(None, 7, "B «Período»", "13/2019", "el mes 13 no existe (debe ser de 1 a 12)", "error")]
    assert str(r.problemas[0]) == ("haberes.csv, fila 7, columna B «Período» («13/2019»): "
                                   "el mes 13 no existe (debe ser de 1 a 12)")

    utf8 = tmp_path / "comas.csv"
    utf8.write_text(f"\ufeffCUIL,Periodo,Haberes,SAC\n{A},2019-06,1234.56,617.28\n", encoding="utf-8")
    assert _filas(_leer(utf8)) == [(2, digitos(A), "2019-06", D("1234.56"), D("617.28"), None)]


def test_progreso_y_cancelacion(tmp_path):
    filas = [["CUIL", "Período", "Remuneración"]] + [[cuil(10_000_000 + i), "05/2019", 1000] for i in range(12_000)]
    ruta = xlsx(tmp_path / "grande.xlsx", {"Datos": filas})
    avisos = []
    r = _leer(ruta, progreso=lambda hechos, total, texto: avisos.append((hechos, total, texto)))
    assert len(r.filas) == 12_000
    assert avisos == [(5000, 12_001, "Leyendo la fila 5.000 de 12.001…"),
                      (10000, 12_001, "Leyendo la fila 10.000 de 12.001…")]
    with pytest.raises(ImportacionCancelada, match="Importación de «grande.xlsx» cancelada: no se guardó nada."):
        _leer(ruta, progreso=lambda *a: False)
    evento = threading.Event()
    evento.set()
    with pytest.raises(ImportacionCancelada):
        _leer(ruta, cancelar=evento)
    with pytest.raises(ImportacionCancelada):
        _leer(ruta, cancelar=lambda: True)


def test_examinar_muestra_la_estructura_sin_leer_las_filas(tmp_path):
    from app.importers import examinar

    ruta = xlsx(tmp_path / "mapa.xlsx", {"Notas": [["x"]], "Datos": [["Título"], ["Documento", "Mes", "Haberes"],
                                                                       [A, "05/2019", 1000]]})
    r = examinar(ruta, "remuneraciones", hoja="Datos")
    assert (r.hojas, r.hoja, r.estructura.fila_encabezado, r.filas) == (["Notas", "Datos"], "Datos", 2, [])
    assert [str(c) for c in r.estructura.columnas] == ["A «Documento»", "B «Mes»", "C «Haberes»"]
    assert {k: str(v) for k, v in r.mapeo.items()} == {"periodo": "B «Mes»", "remuneracion": "C «Haberes»"}
    assert [c.nombre for c in r.estructura.faltantes] == ["cuil"]
    assert [p.motivo for p in r.problemas] == [
        "falta la columna «CUIL» en el encabezado de la fila 2 (hay: A «Documento», B «Mes», C «Haberes»); "
        "indique qué columna usar"]
    r = examinar(ruta, "remuneraciones", hoja="Datos", mapeo={"cuil": "A"})
    assert r.problemas == [] and str(r.mapeo["cuil"]) == "A «Documento»"
    assert [p.motivo for p in examinar(ruta, "familiares", hoja="Notas").problemas][0].startswith(
        "no se encontró la fila de encabezado")
