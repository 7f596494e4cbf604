"""Importing salary histories against the store (SQLite and PostgreSQL): the agent must exist,
months already loaded are replaced or kept, months of an accredited siniestro are locked, any
error writes nothing, only-valid-rows is audited, one transaction and one audit row, cancel
leaves the store as it was."""

from datetime import date
from decimal import Decimal

import pytest

from app.errors import ConflictoEdicion, PermisoDenegado
from app.importers import ImportacionCancelada, ImportacionRechazada
from app.services import agentes, importacion, pagos
from app.services import importacion as servicio
from tests.importers.planillas import cuil, digitos, xlsx
from tests.servicios.ayudas import CUIL_AGENTE, acreditado, crear_agente, crear_caso_muerte, datos_agente, \
    sin_cambios, una_auditoria

D = Decimal
OTRO = cuil(22222222)
DESCONOCIDO = cuil(33333333)
ENCABEZADO = ["CUIL", "Apellido y Nombre", "Período", "Remuneración", "SAC"]


def _dos_agentes(op) -> dict:
    ids = crear_agente(op)
    ids["otro"] = agentes.registrar_agente(op, datos_agente(ids["organismo"], cuil=OTRO, apellido_nombre="López, Ana"))
    return ids


def _archivo(tmp_path, filas, nombre="haberes.xlsx"):
    return xlsx(tmp_path / nombre, {"Haberes": [["Historial de haberes"], [], ENCABEZADO] + filas},
                combinar={"Haberes": ["A1:E1"]})


def _guardadas(ctx, agente_id) -> list[tuple]:
    return [(r["periodo"], r["remuneracion"], r["sac"]) for r in agentes.remuneraciones_del_agente(ctx, agente_id)]


def test_con_un_error_no_se_escribe_nada_y_solo_validas_queda_en_la_auditoria(fabrica, op, tmp_path):
    ids = _dos_agentes(op)
    ruta = _archivo(tmp_path, [
        [CUIL_AGENTE, "Pérez Núñez, Juan", "04/2018", "100.000,50", None],
        [digitos(OTRO), "López, Ana", date(2018, 6, 1), 200000, 100000],
        [DESCONOCIDO, "Nadie", "04/2018", 1000, None],
        [CUIL_AGENTE, "Pérez Núñez, Juan", "13/2018", 1000, None],
    ])
    vista = importacion.previsualizar_remuneraciones(op, ruta)
    assert (vista.filas_leidas, vista.nuevas, len(vista.filas)) == (4, 2, 2)
    assert [(p.fila, p.columna, p.valor, p.motivo) for p in vista.errores] == [
        (6, "A «CUIL»", DESCONOCIDO, "no hay un agente con ese CUIL en la base: cárguelo antes de importar sus "
                                     "remuneraciones"),
        (7, "C «Período»", "13/2018", "el mes 13 no existe (debe ser de 1 a 12)"),
    ]
    with sin_cambios(fabrica), pytest.raises(ImportacionRechazada) as e:
        importacion.importar_remuneraciones(op, ruta)
    assert [p.fila for p in e.value.problemas if p.es_error] == [6, 7]
    assert str(e.value).startswith("No se importó nada: «haberes.xlsx» tiene 2 errores; el primero: haberes.xlsx, "
                                   "hoja «Haberes», fila 6, columna A «CUIL»")

    with una_auditoria(fabrica, "olga", "importar_remuneraciones", "remuneracion") as a:
        resumen = importacion.importar_remuneraciones(op, ruta, solo_validas=True)
    assert (resumen.insertadas, resumen.reemplazadas, resumen.omitidas) == (2, 0, [6, 7])
    assert _guardadas(op, ids["agente"]) == [("2018-04", D("100000.50"), D("0.00"))]
    assert _guardadas(op, ids["otro"]) == [("2018-06", D("200000.00"), D("100000.00"))]
    despues = a.auditoria.despues
    assert {k: despues[k] for k in ("archivo", "hoja", "filas_leidas", "insertadas", "reemplazadas",
                                    "filas_omitidas", "filas_omitidas_numeros", "periodos", "agentes")} == {
        "archivo": "haberes.xlsx", "hoja": "Haberes", "filas_leidas": 4, "insertadas": 2, "reemplazadas": 0,
        "filas_omitidas": 2, "filas_omitidas_numeros": [6, 7], "periodos": ["2018-04", "2018-06"], "agentes": 2}
    assert len(despues["sha256"]) == 64 and a.auditoria.antes is None


def test_ya_cargadas_se_reemplazan_o_se_conservan(fabrica, op, tmp_path):
    ids = _dos_agentes(op)
    agentes.cargar_remuneraciones(op, ids["agente"], [{"periodo": "2018-03", "remuneracion": "90000.00", "sac": "0"},
                                                      {"periodo": "2018-04", "remuneracion": "95000.00", "sac": "0"}])
    ruta = _archivo(tmp_path, [
        [CUIL_AGENTE, None, "03/2018", 90000, 0],  # the same values: nothing to do
        [CUIL_AGENTE, None, "04/2018", 99000, 0],
        [CUIL_AGENTE, None, "05/2018", 99000, 0],
    ])
    vista = importacion.previsualizar_remuneraciones(op, ruta, duplicados="conservar")
    assert (vista.nuevas, vista.reemplazos, vista.iguales, vista.conservadas) == (1, 0, 1, 1)
    assert [(y.fila, y.clave, y.antes, y.archivo) for y in vista.ya_cargadas] == [
        (5, "2018-04", {"remuneracion": D("95000.00"), "sac": D("0.00")},
         {"remuneracion": D("99000.00"), "sac": D("0.00")})]
    assert [(p.fila, p.gravedad, p.motivo) for p in vista.problemas] == [
        (5, "advertencia", "el período 2018-04 ya está cargado para este agente (remuneración 95.000,00, SAC 0,00); "
                           "el archivo trae 99.000,00 y SAC 0,00: se conserva la cargada")]
    resumen = importacion.importar_remuneraciones(op, ruta, duplicados="conservar")
    assert (resumen.insertadas, resumen.reemplazadas, resumen.iguales, resumen.conservadas) == (1, 0, 1, 1)
    assert _guardadas(op, ids["agente"]) == [("2018-03", D("90000.00"), D("0.00")),
                                             ("2018-04", D("95000.00"), D("0.00")),
                                             ("2018-05", D("99000.00"), D("0.00"))]
    with una_auditoria(fabrica, "olga", "importar_remuneraciones", "remuneracion") as a:
        resumen = importacion.importar_remuneraciones(op, ruta)  # reemplazar
    assert (resumen.insertadas, resumen.reemplazadas, resumen.iguales) == (0, 1, 2)
    assert [p.motivo for p in resumen.advertencias] == [
        "el período 2018-04 ya está cargado para este agente (remuneración 95.000,00, SAC 0,00); el archivo trae "
        "99.000,00 y SAC 0,00: se reemplazará"]
    assert _guardadas(op, ids["agente"])[1] == ("2018-04", D("99000.00"), D("0.00"))
    assert a.auditoria.antes == {"reemplazadas": [[digitos(CUIL_AGENTE), "2018-04", "95000.00", "0.00"]]}


def test_meses_de_un_siniestro_acreditado_o_con_pagos(fabrica, op, liq, sup, tmp_path):
    ids = acreditado(op, liq, sup, crear_caso_muerte(op))  # PMI 2018-05-03: window 2017-05 … 2018-04
    ruta = _archivo(tmp_path, [[CUIL_AGENTE, None, "03/2018", 1000, 0], [CUIL_AGENTE, None, "05/2018", 1000, 0]])
    motivo = ("los derechohabientes del siniestro S-2018-001 ya fueron acreditados: cambiar sus remuneraciones "
              "requiere un supervisor")
    vista = importacion.previsualizar_remuneraciones(op, ruta)
    assert [(p.fila, p.columna, p.motivo) for p in vista.errores] == [(4, "C «Período»", motivo)]
    with sin_cambios(fabrica), pytest.raises(ImportacionRechazada):
        importacion.importar_remuneraciones(op, ruta)
    assert importacion.previsualizar_remuneraciones(sup, ruta).errores == []
    pagos.registrar_pago(sup, ids["dh_conyuge"], date(2018, 6, 1), D("1000.00"), "transferencia")
    vista = importacion.previsualizar_remuneraciones(sup, ruta)
    assert [p.motivo for p in vista.errores] == [
        "el siniestro S-2018-001 ya tiene pagos registrados: no se pueden cambiar sus remuneraciones"]
    # keeping what is stored writes nothing in the window, so it is allowed
    assert importacion.previsualizar_remuneraciones(sup, _archivo(tmp_path, [[CUIL_AGENTE, None, "04/2018",
                                                                              100000, 0]], "igual.xlsx")).errores == []


@pytest.mark.parametrize("caso", ["texto", "truncado", "hoja_vacia", "sin_columna"])
def test_archivos_inservibles_un_mensaje_y_nada_escrito(fabrica, op, tmp_path, caso):
    _dos_agentes(op)
    ruta = tmp_path / "haberes.xlsx"
    hoja = None
    if caso == "texto":
        ruta.write_text("esto no es Excel", encoding="utf-8")
        esperado = "no es una planilla de Excel .xlsx: es un archivo de texto"
    elif caso == "truncado":
        bueno = _archivo(tmp_path, [[CUIL_AGENTE, None, f"{m:02d}/2018", 1000, 0] for m in range(1, 13)], "b.xlsx")
        ruta.write_bytes(bueno.read_bytes()[:-300])
        esperado = "el archivo de Excel está dañado o incompleto"
    elif caso == "hoja_vacia":
        xlsx(ruta, {"Haberes": [ENCABEZADO, [CUIL_AGENTE, None, "04/2018", 1, 0]], "Vacía": []})
        hoja, esperado = "Vacía", "la hoja «Vacía» está vacía"
    else:
        xlsx(ruta, {"Haberes": [["CUIL", "Período"], [CUIL_AGENTE, "04/2018"]]})
        esperado = "falta la columna «Remuneración»"
    with sin_cambios(fabrica), pytest.raises(ImportacionRechazada) as e:
        importacion.importar_remuneraciones(op, ruta, hoja=hoja, solo_validas=True)
    assert len(e.value.problemas) == 1
    assert e.value.problemas[0].archivo == "haberes.xlsx"
    assert esperado in str(e.value)


def test_cancelar_en_medio_de_la_escritura_no_deja_nada(fabrica, op, tmp_path, monkeypatch):
    _dos_agentes(op)
    ruta = _archivo(tmp_path, [[c, None, f"{m:02d}/2018", 1000 + m, 0] for c in (CUIL_AGENTE, OTRO) for m in range(1, 13)])
    monkeypatch.setattr(servicio, "TROZO_ESCRITURA", 5)
    vistos = []

    def progreso(hechos, total, texto):
        vistos.append(texto)
        return not (texto.startswith("Guardando") and hechos >= 10)  # after two batches were written

    with sin_cambios(fabrica), pytest.raises(ImportacionCancelada):
        importacion.importar_remuneraciones(op, ruta, progreso=progreso)
    assert vistos[-3:] == ["Guardando 0 de 24 filas…", "Guardando 5 de 24 filas…", "Guardando 10 de 24 filas…"]


def test_la_previsualizacion_se_reutiliza_si_el_archivo_no_cambio(fabrica, op, tmp_path):
    ids = _dos_agentes(op)
    ruta = _archivo(tmp_path, [[CUIL_AGENTE, None, "04/2018", 1000, 0]])
    vista = importacion.previsualizar_remuneraciones(op, ruta)
    lecturas = []
    resumen = importacion.importar_remuneraciones(op, ruta, previa=vista, progreso=lambda *a: lecturas.append(a[2]))
    assert resumen.insertadas == 1 and not any(t.startswith("Leyendo") for t in lecturas)
    _archivo(tmp_path, [[CUIL_AGENTE, None, "05/2018", 2000, 0]])  # the file changed since the preview
    importacion.importar_remuneraciones(op, ruta, previa=vista)
    assert _guardadas(op, ids["agente"]) == [("2018-04", D("1000.00"), D("0.00")), ("2018-05", D("2000.00"), D("0.00"))]


def test_nombre_distinto_del_de_la_base_es_advertencia_y_permiso(fabrica, op, adm, tmp_path):
    _dos_agentes(op)
    ruta = _archivo(tmp_path, [[CUIL_AGENTE, "Gómez, Carlos", "04/2018", 1000, 0],
                               [CUIL_AGENTE, "Gómez, Carlos", "05/2018", 1000, 0],
                               [OTRO, "LOPEZ ANA", "05/2018", 1000, 0]])
    vista = importacion.previsualizar_remuneraciones(op, ruta)
    assert [(p.fila, p.columna, p.gravedad, p.motivo) for p in vista.problemas] == [
        (4, "B «Apellido y Nombre»", "advertencia",
         "el agente con ese CUIL se llama «Pérez Núñez, Juan» en la base: verifique el CUIL")]
    with sin_cambios(fabrica), pytest.raises(PermisoDenegado):
        importacion.importar_remuneraciones(adm, ruta)
    with pytest.raises(PermisoDenegado):
        importacion.previsualizar_remuneraciones(adm, ruta)


def test_choque_con_otra_carga_simultanea_no_deja_nada(fabrica, op, tmp_path, monkeypatch):
    ids = _dos_agentes(op)
    agentes.cargar_remuneraciones(op, ids["agente"], [{"periodo": "2018-04", "remuneracion": "1.00", "sac": "0"}])
    ruta = _archivo(tmp_path, [[OTRO, None, "04/2018", 5, 0], [CUIL_AGENTE, None, "04/2018", 2, 0]])
    # as if another user stored 2018-04 between the check and the write
    monkeypatch.setattr(servicio, "_existentes", lambda *a: {})
    with sin_cambios(fabrica), pytest.raises(ConflictoEdicion, match="Otro usuario cargó remuneraciones"):
        importacion.importar_remuneraciones(op, ruta)
