"""Importing family members against the store (SQLite and PostgreSQL): the same checks as the
form (a child needs a birth date), the agent must exist or is created from the row's agent
columns, family already loaded is replaced or kept, one transaction and one audit row."""

from datetime import date

import pytest

from app.importers import ImportacionRechazada
from app.services import agentes, importacion_familiares as servicio
from tests.importers.planillas import cuil, digitos, xlsx
from tests.servicios.ayudas import CBU_VALIDA, CUIL_AGENTE, CUIL_CONYUGE, CUIL_HIJO, crear_agente, sin_cambios, \
    una_auditoria

NUEVO = cuil(30111222)
ENCABEZADO = ["CUIL del agente", "Parentesco", "Apellido y nombre", "CUIL", "Fecha de nacimiento", "Estudiante",
              "Incapacitado", "Domicilio", "CBU"]
ENCABEZADO_AGENTE = ENCABEZADO + ["Apellido y nombre del agente", "Fecha de nacimiento del agente", "Organismo"]


def _familia(ctx, agente_id) -> list[tuple]:
    return [(f["parentesco"], f["apellido_nombre"], f["cuil"], f["fecha_nacimiento"], f["estudiante"], f["cbu"])
            for f in agentes.listar_familiares(ctx, agente_id)]


def test_importa_familiares_con_una_auditoria_y_rechaza_un_hijo_sin_nacimiento(fabrica, op, tmp_path):
    ids = crear_agente(op)
    filas = [ENCABEZADO,
             [CUIL_AGENTE, "Esposa", "Gómez, María", CUIL_CONYUGE, "01/01/1980", "No", "No", "Calle 1", CBU_VALIDA],
             [CUIL_AGENTE, "Hijo", "Pérez, Tomás", CUIL_HIJO, date(2010, 2, 1), "Sí", None, None, None],
             [CUIL_AGENTE, "Hija", "Pérez, Sofía", None, None, None, None, None, None],
             [NUEVO, "Madre", "Alguien", None, None, None, None, None, None]]
    ruta = xlsx(tmp_path / "familia.xlsx", {"Familia": filas})
    vista = servicio.previsualizar_familiares(op, ruta)
    assert [(p.fila, p.columna, p.motivo) for p in vista.errores] == [
        (4, "E «Fecha de nacimiento»", "falta la fecha de nacimiento del hijo/a (define si tiene derecho)"),
        (5, "A «CUIL del agente»", "no hay un agente con ese CUIL en la base: cárguelo antes, o elija crear los "
                                   "agentes que falten (el archivo debe traer su nombre, nacimiento y organismo)"),
    ]
    with sin_cambios(fabrica), pytest.raises(ImportacionRechazada):
        servicio.importar_familiares(op, ruta)
    with una_auditoria(fabrica, "olga", "importar_familiares", "familiar") as a:
        resumen = servicio.importar_familiares(op, ruta, solo_validas=True)
    assert (resumen.insertadas, resumen.omitidas, resumen.agentes_creados) == (2, [4, 5], 0)
    assert _familia(op, ids["agente"]) == [
        ("conyuge", "Gómez, María", digitos(CUIL_CONYUGE), date(1980, 1, 1), False, CBU_VALIDA),
        ("hijo", "Pérez, Tomás", digitos(CUIL_HIJO), date(2010, 2, 1), True, None)]
    assert a.auditoria.despues["insertados"] == 2 and a.auditoria.despues["filas_omitidas_numeros"] == [4, 5]


def test_ya_cargado_se_reemplaza_o_se_conserva(fabrica, op, tmp_path):
    ids = crear_agente(op)
    agentes.registrar_familiar(op, ids["agente"], {"parentesco": "conyuge", "apellido_nombre": "Gómez, María",
                                                   "cuil": CUIL_CONYUGE, "fecha_nacimiento": date(1980, 1, 1)})
    agentes.registrar_familiar(op, ids["agente"], {"parentesco": "hijo", "apellido_nombre": "Pérez, Tomás",
                                                   "fecha_nacimiento": date(2010, 2, 1)})
    ruta = xlsx(tmp_path / "f.xlsx", {"Datos": [
        ENCABEZADO,
        [CUIL_AGENTE, "cónyuge", "Gómez, María Inés", CUIL_CONYUGE, "01/01/1980", None, None, None, CBU_VALIDA],
        [CUIL_AGENTE, "hijo", "PEREZ TOMAS", CUIL_HIJO, "01/02/2010", None, None, None, None],  # matched by name
    ]})
    vista = servicio.previsualizar_familiares(op, ruta, duplicados="conservar")
    assert (vista.nuevas, vista.conservadas, vista.reemplazos) == (0, 2, 0)
    assert [(p.fila, p.gravedad, p.motivo) for p in vista.problemas] == [
        (2, "advertencia", "el familiar ya está cargado para este agente con otros datos (apellido_nombre, cbu): "
                           "se conserva el cargado"),
        (3, "advertencia", "el familiar ya está cargado para este agente con otros datos (apellido_nombre, cuil): "
                           "se conserva el cargado")]
    antes = _familia(op, ids["agente"])
    with una_auditoria(fabrica, "olga", "importar_familiares", "familiar"):
        resumen = servicio.importar_familiares(op, ruta, duplicados="conservar")
    assert (resumen.insertadas, resumen.reemplazadas, resumen.conservadas) == (0, 0, 2)
    assert _familia(op, ids["agente"]) == antes
    with una_auditoria(fabrica, "olga", "importar_familiares", "familiar") as a:
        resumen = servicio.importar_familiares(op, ruta)
    assert (resumen.insertadas, resumen.reemplazadas) == (0, 2)
    assert _familia(op, ids["agente"]) == [
        ("conyuge", "Gómez, María Inés", digitos(CUIL_CONYUGE), date(1980, 1, 1), False, CBU_VALIDA),
        ("hijo", "PEREZ TOMAS", digitos(CUIL_HIJO), date(2010, 2, 1), False, None)]
    assert [f["apellido_nombre"] for f in a.auditoria.antes["reemplazados"]] == ["Gómez, María", "Pérez, Tomás"]


def test_crear_agentes_desde_las_columnas_del_agente(fabrica, op, tmp_path):
    crear_agente(op)  # organismo MS «Ministerio de Salud»
    sin_columnas = xlsx(tmp_path / "sin.xlsx", {"Datos": [ENCABEZADO, [NUEVO, "madre", "Ruiz, Ana"] + [None] * 6]})
    vista = servicio.previsualizar_familiares(op, sin_columnas, crear_agentes=True)
    assert [p.motivo for p in vista.errores] == [
        "el agente no está en la base y para crearlo el archivo debe tener las columnas Apellido y nombre del "
        "agente, Fecha de nacimiento del agente y Organismo (faltan: «agente_apellido_nombre», "
        "«agente_fecha_nacimiento», «organismo»)"]
    otro = cuil(30999888)
    ruta = xlsx(tmp_path / "con.xlsx", {"Datos": [
        ENCABEZADO_AGENTE,
        [NUEVO, "madre", "Ruiz, Ana"] + [None] * 6 + ["Sosa, Luis", "03/05/1970", "ms"],
        [NUEVO, "hijo", "Sosa, Leo", None, "01/01/2015"] + [None] * 4 + ["Sosa, Luis", "03/05/1970", "MS"],
        [otro, "madre", "X"] + [None] * 6 + ["Díaz, Eva", "03/05/1970", "Ministerio de Educación"],
        [otro, "padre", "Y"] + [None] * 6 + ["Díaz, Eva", "03/05/1970", "Ministerio de Educación"],
    ]})
    vista = servicio.previsualizar_familiares(op, ruta, crear_agentes=True)
    assert vista.agentes_a_crear == [digitos(NUEVO)]
    assert [(p.fila, p.columna, p.motivo) for p in vista.errores] == [
        (4, "L «Organismo»", "no hay un organismo con ese código o nombre"),
        (5, "A «CUIL del agente»", "no se puede crear el agente (vea la fila 4)")]
    with una_auditoria(fabrica, "olga", "importar_familiares", "familiar") as a:
        resumen = servicio.importar_familiares(op, ruta, crear_agentes=True, solo_validas=True)
    assert (resumen.agentes_creados, resumen.insertadas, resumen.omitidas) == (1, 2, [4, 5])
    nuevo = agentes.buscar_agentes(op, digitos(NUEVO))[0]
    assert (nuevo["apellido_nombre"], nuevo["fecha_nacimiento"], nuevo["organismo"]) == (
        "Sosa, Luis", date(1970, 5, 3), "Ministerio de Salud")
    assert [f[:2] for f in _familia(op, nuevo["id"])] == [("madre", "Ruiz, Ana"), ("hijo", "Sosa, Leo")]
    assert [ag["cuil"] for ag in a.auditoria.despues["agentes_creados"]] == [digitos(NUEVO)]
