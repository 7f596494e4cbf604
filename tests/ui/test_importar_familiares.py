"""The import wizard for family members: an agent that is not in the store is refused until
«Crear los agentes que no existen» is ticked (the preview runs again), then created with its
family; a family member already loaded shows what is stored against what the file brings."""

from __future__ import annotations

from datetime import date

import pytest

from app.services import agentes
from tests.importers.planillas import cuil, digitos, xlsx
from tests.ui.conftest import contexto
from tests.ui.importar_ayudas import (
    CUIL_A,
    CUIL_B,
    IMPORTAR,
    Confirmaciones,
    abrir,
    ajustes_temporales,
    cuentas,
    esperar,
    hasta_vista_previa,
    pulsar,
    registrar_agentes,
)

NUEVO = cuil(30999111)
CUIL_CONYUGE = cuil(31222333, "27")
CUIL_HIJA = cuil(45111222, "27")
ENCABEZADO = ["CUIL del agente", "Parentesco", "Apellido y nombre", "CUIL", "Fecha de nacimiento", "Estudiante",
              "Incapacitado", "Domicilio", "CBU", "Apellido y nombre del agente", "Fecha de nacimiento del agente",
              "Organismo"]


@pytest.fixture(autouse=True)
def _ajustes(tmp_path):
    ajustes_temporales(tmp_path / "ajustes")


def _familia(ctx, agente_id) -> list[tuple]:
    return [(f["parentesco"], f["apellido_nombre"], f["cuil"], f["fecha_nacimiento"])
            for f in agentes.listar_familiares(ctx, agente_id)]


def test_familiares_con_agentes_a_crear(qtbot, fabrica_demo, tmp_path, monkeypatch):
    ctx = contexto(fabrica_demo, "operador")
    ids = registrar_agentes(ctx)
    agentes.registrar_familiar(ctx, ids["B"], {"parentesco": "hijo", "apellido_nombre": "Gómez, Ana",
                                               "cuil": CUIL_HIJA, "fecha_nacimiento": date(2012, 1, 1)})
    organismo = agentes.listar_organismos(ctx)[0]
    ruta = xlsx(tmp_path / "familias.xlsx", {"Familias": [
        ENCABEZADO,
        [CUIL_A, "Cónyuge", "López, Marta", CUIL_CONYUGE, "01/01/1980", "No", "No", "Calle 1", None, None, None, None],
        [NUEVO, "Hijo", "Ríos, Tomás", None, date(2015, 3, 1), None, None, None, None, "Ríos, Pedro",
         date(1980, 5, 5), organismo["codigo"]],
        [CUIL_B, "Hija", "Gómez, Ana María", CUIL_HIJA, "01/01/2012", None, None, None, None, None, None, None],
    ]})
    asistente = abrir(qtbot, ctx, "familiares")
    assert asistente.pagina_archivo.radios["familiares"].isChecked()
    confirmar = Confirmaciones(monkeypatch)
    hasta_vista_previa(qtbot, asistente, monkeypatch, ruta)
    vista = asistente.pagina_vista_previa
    assert vista.check_crear_agentes.isVisible() and not vista.check_crear_agentes.isChecked()
    assert cuentas(asistente) == {"leidas": "3", "validas": "2", "con_error": "1", "advertencias": "1",
                                  "nuevas": "1", "reemplazos": "1", "iguales": "0", "conservadas": "0",
                                  "agentes": "0"}
    modelo = vista.modelo_problemas
    assert modelo.textos(0)[2:] == (
        "3", "A «CUIL del agente»", NUEVO, "no hay un agente con ese CUIL en la base: cárguelo antes, o elija crear "
        "los agentes que falten (el archivo debe traer su nombre, nacimiento y organismo)", "Error")
    assert not asistente.button(IMPORTAR).isEnabled()
    ya = vista.modelo_ya_cargadas
    assert ya.TITULOS == ("Fila", "CUIL del agente", "Familiar", "Datos cargados", "Datos del archivo", "Qué se hace")
    assert [ya.textos(n) for n in range(ya.rowCount())] == [
        ("4", CUIL_B, "Gómez, Ana María", "Apellido y nombre: Gómez, Ana", "Apellido y nombre: Gómez, Ana María",
         "Se reemplaza")]

    vista.check_crear_agentes.click()  # the preview runs again
    esperar(qtbot, asistente)
    assert cuentas(asistente) == {"leidas": "3", "validas": "3", "con_error": "0", "advertencias": "1",
                                  "nuevas": "2", "reemplazos": "1", "iguales": "0", "conservadas": "0",
                                  "agentes": "1"}
    assert vista.barra.text() == ("Listo para importar: 2 familiares nuevos, 1 reemplazo de lo ya cargado y 1 agente "
                                  "a crear. Las advertencias no impiden importar.")
    pulsar(qtbot, asistente, IMPORTAR)
    assert confirmar.preguntas[0][1] == "¿Importar familiares de «familias.xlsx» (hoja «Familias»)?"
    assert confirmar.preguntas[0][2].splitlines()[:2] == [
        "Se agregarán 2 familiares y se reemplazará 1 familiar ya cargado.",
        "Se creará 1 agente que no estaba en la base."]
    esperar(qtbot, asistente)
    assert asistente.resumen.agentes_creados == 1
    assert "Agentes creados: 1" in asistente.pagina_resultado.lineas()
    creado = agentes.buscar_agentes(ctx, digitos(NUEVO))
    assert [(a["apellido_nombre"], a["fecha_nacimiento"]) for a in creado] == [("Ríos, Pedro", date(1980, 5, 5))]
    assert _familia(ctx, creado[0]["id"]) == [("hijo", "Ríos, Tomás", None, date(2015, 3, 1))]
    assert _familia(ctx, ids["A"]) == [("conyuge", "López, Marta", digitos(CUIL_CONYUGE), date(1980, 1, 1))]
    assert _familia(ctx, ids["B"]) == [("hijo", "Gómez, Ana María", digitos(CUIL_HIJA), date(2012, 1, 1))]
