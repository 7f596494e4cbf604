"""Reading family spreadsheets: headers recognised, parentesco / yes-no / date forms, the agent's
own columns, bad values named by cell, the same family member twice; and the problem report."""

from datetime import date, datetime

from openpyxl import load_workbook

from app.importers import informe_xlsx, leer_familiares
from tests.importers.planillas import cuil, digitos, xlsx

HOY = date(2026, 3, 15)
AG, CONYUGE, HIJO = cuil(12345678), cuil(23456789, "27"), cuil(45678901)
CBU = "2850590940090418135201"


def _leer(ruta, **kw):
    return leer_familiares(ruta, hoy=HOY, **kw)


def test_columnas_reconocidas_y_valores_en_sus_formas(tmp_path):
    filas = [
        ["Familiares declarados por los agentes"],
        ["CUIL del agente", "Parentesco", "Apellido y Nombre", "CUIL", "Fecha de nacimiento", "¿Estudia?",
         "Incapacitado/a", "Domicilio", "CBU", "Apellido y nombre del agente", "Fecha de nacimiento del agente",
         "Organismo"],
        [AG, "Cónyuge", "Gómez,  María", CONYUGE, "01/01/1980", "", "No", "Calle 1 123", CBU, "Pérez, Juan",
         date(1978, 5, 3), "MS"],
        [digitos(AG), "HIJA", "Pérez, Lucía", None, datetime(2010, 2, 1), "Sí", "x", None, None, None, None, None],
    ]
    r = _leer(xlsx(tmp_path / "familia.xlsx", {"Familia": filas}))
    assert r.problemas == []
    assert list(r.mapeo) == ["cuil_agente", "parentesco", "apellido_nombre", "cuil", "fecha_nacimiento",
                             "estudiante", "incapacitado", "domicilio", "cbu", "agente_apellido_nombre",
                             "agente_fecha_nacimiento", "organismo"]
    a, b = r.filas
    assert (a.fila, a.cuil_agente, a.parentesco, a.apellido_nombre, a.cuil, a.fecha_nacimiento, a.estudiante,
            a.incapacitado, a.domicilio, a.cbu, a.agente_apellido_nombre, a.agente_fecha_nacimiento, a.organismo) == (
        3, digitos(AG), "conyuge", "Gómez, María", digitos(CONYUGE), date(1980, 1, 1), False, False, "Calle 1 123",
        CBU, "Pérez, Juan", date(1978, 5, 3), "MS")
    assert (b.fila, b.parentesco, b.cuil, b.fecha_nacimiento, b.estudiante, b.incapacitado, b.organismo) == (
        4, "hijo", None, date(2010, 2, 1), True, True, None)


def test_valores_invalidos_y_familiar_repetido(tmp_path):
    filas = [
        ["CUIL agente", "Parentesco", "Apellido y nombre", "CUIL familiar", "Fecha de nacimiento", "Estudiante", "CBU"],
        [AG, "primo", "Uno", None, None, None, None],
        [AG, "hijo", "Dos", "27-23456789-0", "30/02/2010", "tal vez", "123"],
        [None, "madre", None, None, None, None, None],
        [AG, "cónyuge", "Gómez, María", CONYUGE, None, None, None],
        [AG, "conyuge", "Gómez María Inés", CONYUGE, None, None, None],
        [AG, "Hijo", "Pérez, Tomás", None, "01/02/2010", None, None],
        [AG, "hijo", "PEREZ TOMAS", None, "01/02/2010", None, None],
    ]
    r = _leer(xlsx(tmp_path / "malos.xlsx", {"Hoja1": filas}))
    assert r.filas == []
    assert [(p.fila, p.columna, p.valor, p.motivo) for p in r.problemas] == [
        (2, "B «Parentesco»", "primo",
         "parentesco desconocido (debe ser cónyuge, conviviente, hijo/a, padre, madre o familiar a cargo)"),
        (3, "D «CUIL familiar»", "27-23456789-0", "el dígito verificador del CUIL es incorrecto"),
        (3, "E «Fecha de nacimiento»", "30/02/2010", "no es una fecha real"),
        (3, "F «Estudiante»", "tal vez", "escriba Sí o No"),
        (3, "G «CBU»", "123", "la CBU debe tener 22 dígitos (tiene 3)"),
        (4, "A «CUIL agente»", "", "falta el CUIL del agente"),
        (4, "C «Apellido y nombre»", "", "falta el apellido y nombre del familiar"),
        (5, "D «CUIL familiar»", digitos(CONYUGE),
         "familiar repetido del mismo agente (el mismo CUIL en las filas 5 y 6): deje una sola"),
        (6, "D «CUIL familiar»", CONYUGE,
         "familiar repetido del mismo agente (el mismo CUIL en las filas 5 y 6): deje una sola"),
        (7, "C «Apellido y nombre»", "Pérez, Tomás",
         "familiar repetido del mismo agente (el mismo parentesco y nombre en las filas 7 y 8): deje una sola"),
        (8, "C «Apellido y nombre»", "PEREZ TOMAS",
         "familiar repetido del mismo agente (el mismo parentesco y nombre en las filas 7 y 8): deje una sola"),
    ]
    assert r.filas_con_error == {2, 3, 4, 5, 6, 7, 8}


def test_solo_cuil_es_el_del_familiar_y_falta_el_del_agente(tmp_path):
    r = _leer(xlsx(tmp_path / "f.xlsx", {"Datos": [["CUIL", "Parentesco", "Nombre"], [AG, "hijo", "X"]]}))
    assert [p.motivo for p in r.problemas] == [
        "falta la columna «CUIL del agente» en el encabezado de la fila 1 (hay: A «CUIL», B «Parentesco», "
        "C «Nombre»); indique qué columna usar"]
    r = _leer(xlsx(tmp_path / "g.xlsx", {"Datos": [["CUIL", "Parentesco", "Nombre"], [AG, "hijo", "X"]]}),
              mapeo={"cuil_agente": "A", "cuil": None})
    assert [(f.cuil_agente, f.cuil) for f in r.filas] == [(digitos(AG), None)]


def test_informe_de_problemas_en_excel(tmp_path):
    filas = [["CUIL agente", "Parentesco", "Apellido y nombre"], [AG, "primo", "Uno"], [AG, "hijo", None]]
    r = _leer(xlsx(tmp_path / "malos.xlsx", {"Hoja1": filas}))
    destino = tmp_path / "informe.xlsx"
    destino.write_bytes(informe_xlsx(r.problemas))
    hoja = load_workbook(destino).active
    assert hoja.freeze_panes == "A2"
    assert [c.value for c in hoja[1]] == ["Archivo", "Hoja", "Fila", "Columna", "Valor", "Problema", "Gravedad"]
    assert all(c.font.bold for c in hoja[1])
    assert [[c.value for c in fila] for fila in hoja.iter_rows(min_row=2)] == [
        ["malos.xlsx", "Hoja1", 2, "B «Parentesco»", "primo",
         "parentesco desconocido (debe ser cónyuge, conviviente, hijo/a, padre, madre o familiar a cargo)", "Error"],
        ["malos.xlsx", "Hoja1", 3, "C «Apellido y nombre»", None, "falta el apellido y nombre del familiar", "Error"],
    ]
    assert hoja.column_dimensions["F"].width == 90 and hoja.column_dimensions["C"].width == 8
