"""The agent (with its family) and siniestro forms (pytest-qt, offscreen) over a private copy of
the demo store: what each field shows and says, and what the store holds after each save, read
back through the services. Bad inputs: the Spanish message names the field and nothing is stored."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from stdnum.ar import cbu as stdnum_cbu
from stdnum.ar import cuit as stdnum_cuit

from app.services import agentes, grilla, siniestros
from app.ui import mensajes
from app.ui.formularios import DialogoAgente, DialogoFamiliar, DialogoSiniestro
from app.ui.formularios.comun import leer_decimal_ar
from tests.ui.conftest import contexto, siniestro_en

CBU_VALIDA = "2850590940090418135201"


def cuil_valido(prefijo: str, dni: int) -> str:
    base = f"{prefijo}{dni:08d}"
    return f"{prefijo}-{dni:08d}-{stdnum_cuit.calc_check_digit(base)}"


def cuil_con_verificador_malo(prefijo: str, dni: int) -> str:
    bueno = cuil_valido(prefijo, dni)
    return bueno[:-1] + str((int(bueno[-1]) + 1) % 10)


CUIL_NUEVO = cuil_valido("20", 99000001)  # the demo's DNIs are far below 99 millions


def abrir(qtbot, dialogo):
    # closing at teardown must not ask about unsaved edits
    qtbot.addWidget(dialogo, before_close_func=lambda d: d.marcar_guardado())
    dialogo.show()
    qtbot.waitExposed(dialogo)
    return dialogo


@pytest.fixture
def op(fabrica_demo):
    return contexto(fabrica_demo, "operador", "olga")


@pytest.fixture
def no_preguntar(monkeypatch):
    """Fails if a form asks anything (tests that expect a question patch it themselves)."""
    def _falla(*a, **k):
        raise AssertionError("no debía preguntar")
    monkeypatch.setattr(mensajes, "confirmar", _falla)


def llenar_agente(d: DialogoAgente, organismo: int = 0, **valores) -> None:
    v = {"cuil": CUIL_NUEVO, "apellido_nombre": "Quiroga  Benítez, Laura", "fecha_nacimiento": date(1980, 4, 15),
         "domicilio": "Belgrano 123", "localidad": "Salta", "inicio": date(2005, 3, 1), "baja": None, **valores}
    d.campo_cuil.setText(v["cuil"])
    d.campo_apellido.setText(v["apellido_nombre"])
    d.campo_nacimiento.poner(v["fecha_nacimiento"])
    d.campo_domicilio.setText(v["domicilio"])
    d.campo_localidad.setText(v["localidad"])
    d.combo_organismo.setCurrentIndex(organismo)
    d.campo_inicio.poner(v["inicio"])
    d.campo_baja.poner(v["baja"])


# --- agente ---------------------------------------------------------------------------------------

def test_agente_con_cuil_invalido_muestra_el_motivo_y_no_guarda(qtbot, op, no_preguntar):
    antes = agentes.contar_agentes(op)
    d = abrir(qtbot, DialogoAgente(op))
    malo = cuil_con_verificador_malo("20", 99000001)
    llenar_agente(d, cuil=malo)
    assert d.guardar() is False
    assert d.error_de("cuil") == f"CUIL: «{malo}» tiene el dígito verificador incorrecto"
    assert d.error().startswith("CUIL: ")
    assert d.resultado_id is None
    assert agentes.contar_agentes(op) == antes
    assert agentes.buscar_agentes(op, "quiroga") == []


def test_cuil_se_revisa_al_escribir_el_ultimo_digito(qtbot, op):
    d = abrir(qtbot, DialogoAgente(op))
    malo = cuil_con_verificador_malo("27", 99000002)
    qtbot.keyClicks(d.campo_cuil, malo[:-2])
    assert d.error_de("cuil") == ""  # still unfinished: nothing said yet
    qtbot.keyClicks(d.campo_cuil, malo[-2:])
    assert "dígito verificador incorrecto" in d.error_de("cuil")
    d.campo_cuil.clear()
    qtbot.keyClicks(d.campo_cuil, cuil_valido("27", 99000002).replace("-", ""))
    assert d.error_de("cuil") == ""
    assert d.error() == ""  # live checks never fill the bar: only a refused save does


def test_agente_nuevo_se_guarda_con_esos_valores(qtbot, op, no_preguntar):
    antes = agentes.contar_agentes(op)
    organismos = agentes.listar_organismos(op)
    d = abrir(qtbot, DialogoAgente(op))
    assert d.combo_organismo.count() == len(organismos)
    llenar_agente(d, organismo=2, baja=date(2020, 6, 30))
    assert d.guardar() is True
    a = agentes.obtener_agente(op, d.resultado_id)
    assert a["cuil"] == CUIL_NUEVO.replace("-", "")
    assert a["apellido_nombre"] == "Quiroga Benítez, Laura"
    assert a["fecha_nacimiento"] == date(1980, 4, 15)
    assert (a["domicilio"], a["localidad"]) == ("Belgrano 123", "Salta")
    assert a["organismo_id"] == organismos[2]["id"] and a["organismo"] == organismos[2]["nombre"]
    assert a["fecha_inicio_actividad"] == date(2005, 3, 1)
    assert a["fecha_baja_actividad"] == date(2020, 6, 30)
    assert a["modificado_por"] == "olga" and a["familiares"] == []
    assert agentes.contar_agentes(op) == antes + 1
    assert not d.editado()  # saved: Esc closes without asking


def test_baja_anterior_al_inicio_se_rechaza_nombrando_las_dos_fechas(qtbot, op):
    antes = agentes.contar_agentes(op)
    d = abrir(qtbot, DialogoAgente(op))
    llenar_agente(d, inicio=date(2010, 5, 3), baja=date(2009, 12, 31))
    assert d.guardar() is False
    assert d.error_de("fecha_baja_actividad") == (
        "Fecha de baja de actividad: el 31/12/2009 es anterior a la fecha de inicio de actividad (03/05/2010)")
    assert d.error() == d.error_de("fecha_baja_actividad")
    assert agentes.contar_agentes(op) == antes


def test_el_rechazo_del_servicio_va_bajo_su_campo(qtbot, op, monkeypatch):
    """Even when a check only the service makes refuses the save, the field is named in Spanish."""
    antes = agentes.contar_agentes(op)
    d = abrir(qtbot, DialogoAgente(op))
    llenar_agente(d, inicio=date(2010, 5, 3), baja=date(2009, 12, 31))
    monkeypatch.setattr(d, "validar", lambda: [])
    assert d.guardar() is False
    assert d.error_de("fecha_baja_actividad") == (
        "Fecha de baja de actividad: el 31/12/2009 es anterior al inicio de actividad (03/05/2010)")
    assert agentes.contar_agentes(op) == antes


@pytest.mark.parametrize(("nacimiento", "esperado"), [
    (date.today() + timedelta(days=1), "es posterior a hoy"),
    (date.today().replace(year=date.today().year - 13), "tendría 13 años; debe tener al menos 14"),
])
def test_fecha_de_nacimiento_futura_o_menor_de_14(qtbot, op, nacimiento, esperado):
    antes = agentes.contar_agentes(op)
    d = abrir(qtbot, DialogoAgente(op))
    llenar_agente(d, fecha_nacimiento=nacimiento, inicio=None)
    assert d.guardar() is False
    assert d.error_de("fecha_nacimiento").startswith("Fecha de nacimiento: ")
    assert esperado in d.error_de("fecha_nacimiento")
    assert agentes.contar_agentes(op) == antes


def test_editar_agente_guarda_solo_lo_cambiado(qtbot, fabrica_demo, op, no_preguntar):
    agente_id = agentes.buscar_agentes(op, "a")[0]["id"]
    leido = agentes.obtener_agente(op, agente_id)
    d = abrir(qtbot, DialogoAgente(op, agente_id))
    assert d.campo_cuil.text() == stdnum_cuit.format(leido["cuil"])
    assert d.campo_nacimiento.valor() == leido["fecha_nacimiento"]
    assert d.combo_organismo.currentText() == leido["organismo"]
    d.campo_localidad.setText("Rosario de Lerma")
    assert d.editado()
    assert d.guardar() is True and d.resultado_id == agente_id
    ahora = agentes.obtener_agente(op, agente_id)
    assert ahora["localidad"] == "Rosario de Lerma" and ahora["version"] == leido["version"] + 1
    for campo in ("cuil", "apellido_nombre", "fecha_nacimiento", "organismo_id", "domicilio",
                  "fecha_inicio_actividad", "fecha_baja_actividad"):
        assert ahora[campo] == leido[campo], campo


def test_editar_agente_con_version_vieja_muestra_el_conflicto(qtbot, fabrica_demo, op):
    agente_id = agentes.buscar_agentes(op, "b")[0]["id"]
    d = abrir(qtbot, DialogoAgente(op, agente_id))
    otra_pc = contexto(fabrica_demo, "liquidador", "lucas")
    leido = agentes.obtener_agente(otra_pc, agente_id)
    agentes.editar_agente(otra_pc, agente_id, {"domicilio": "Otra calle 1"}, leido["version"])
    d.campo_domicilio.setText("Mi calle 2")
    assert d.guardar() is False
    assert "fue modificado por lucas" in d.error() and "no se guardó nada" in d.error()
    assert agentes.obtener_agente(op, agente_id)["domicilio"] == "Otra calle 1"


# --- familiares -------------------------------------------------------------------------------------

def test_familiar_con_cbu_invalida_se_rechaza_y_con_valida_se_guarda(qtbot, op, monkeypatch):
    agente_id = agentes.buscar_agentes(op, "c")[0]["id"]
    familia = agentes.listar_familiares(op, agente_id)
    d = abrir(qtbot, DialogoAgente(op, agente_id))
    assert d.modelo_familiares.rowCount() == len(familia)
    assert d.pestanias.tabText(1) == f"&Familiares ({len(familia)})"
    d.pestanias.setCurrentIndex(1)
    d.boton_agregar.click()
    f = d.dialogo_familiar
    assert isinstance(f, DialogoFamiliar) and f.isVisible()
    f.combo_parentesco.setCurrentIndex(f.combo_parentesco.findData("conyuge"))
    f.campo_apellido.setText("Sosa, Marta")
    cuil_familiar = cuil_valido("27", 99000003)
    f.campo_cuil.setText(cuil_familiar)
    f.campo_nacimiento.poner(date(1982, 8, 9))
    malo = CBU_VALIDA[:-1] + str((int(CBU_VALIDA[-1]) + 1) % 10)
    f.campo_cbu.setText(malo)
    assert f.guardar() is False
    assert f.error_de("cbu") == f"CBU: «{malo}» tiene un dígito verificador incorrecto"
    assert len(agentes.listar_familiares(op, agente_id)) == len(familia)

    f.campo_cbu.setText(CBU_VALIDA)
    f.boton_guardar.click()  # «Guardar» saves and closes
    assert f.result() == QDialog.DialogCode.Accepted
    nueva = agentes.listar_familiares(op, agente_id)
    assert len(nueva) == len(familia) + 1
    guardado = nueva[-1]
    assert guardado["id"] == f.resultado_id
    assert (guardado["parentesco"], guardado["apellido_nombre"], guardado["cuil"], guardado["cbu"]) == (
        "conyuge", "Sosa, Marta", cuil_familiar.replace("-", ""), stdnum_cbu.compact(CBU_VALIDA))
    assert guardado["fecha_nacimiento"] == date(1982, 8, 9)
    # the table shows it and selects it
    fila = d.modelo_familiares.rowCount() - 1
    assert d.modelo_familiares.texto(fila, 0) == "Cónyuge"
    assert d.modelo_familiares.texto(fila, 1) == "Sosa, Marta"
    assert d.modelo_familiares.texto(fila, 2) == cuil_familiar
    assert d.modelo_familiares.texto(fila, 3) == "09/08/1982"
    hoy = date.today()
    assert d.modelo_familiares.texto(fila, 4) == str(hoy.year - 1982 - ((hoy.month, hoy.day) < (8, 9)))
    assert d.familiar_elegido()["id"] == f.resultado_id


def test_hijo_sin_fecha_de_nacimiento_y_cuil_invalido(qtbot, op):
    agente_id = agentes.buscar_agentes(op, "d")[0]["id"]
    cuantos = len(agentes.listar_familiares(op, agente_id))
    f = abrir(qtbot, DialogoFamiliar(op, agente_id))
    f.combo_parentesco.setCurrentIndex(f.combo_parentesco.findData("hijo"))
    f.campo_apellido.setText("Pérez, Tomás")
    f.campo_cuil.setText("20-1234")
    assert f.guardar() is False
    assert f.error_de("fecha_nacimiento").startswith("Fecha de nacimiento: falta")
    assert f.error_de("cuil") == "CUIL: «20-1234» debe tener 11 dígitos"
    assert len(agentes.listar_familiares(op, agente_id)) == cuantos


def test_editar_y_quitar_familiar(qtbot, op, monkeypatch):
    agente_id = next(a["id"] for a in agentes.buscar_agentes(op, "m", limite=50)
                     if len(agentes.listar_familiares(op, a["id"])) >= 2)
    familia = agentes.listar_familiares(op, agente_id)
    d = abrir(qtbot, DialogoAgente(op, agente_id))
    d.tabla_familiares.selectRow(0)
    d.boton_editar.click()
    f = d.dialogo_familiar
    assert f.campo_apellido.text() == familia[0]["apellido_nombre"]
    f.campo_domicilio.setText("Caseros 456")
    f.boton_guardar.click()
    assert agentes.listar_familiares(op, agente_id)[0]["domicilio"] == "Caseros 456"
    assert d.modelo_familiares.texto(0, 7) == "Caseros 456"

    preguntas = []
    monkeypatch.setattr(mensajes, "confirmar", lambda *a, **k: preguntas.append(a[2]) or False)
    d.tabla_familiares.selectRow(1)
    d.boton_quitar.click()
    assert familia[1]["apellido_nombre"] in preguntas[0]
    assert len(agentes.listar_familiares(op, agente_id)) == len(familia)  # answered «No»
    monkeypatch.setattr(mensajes, "confirmar", lambda *a, **k: True)
    d.boton_quitar.click()
    quedan = agentes.listar_familiares(op, agente_id)
    assert [x["id"] for x in quedan] == [x["id"] for x in familia if x["id"] != familia[1]["id"]]
    assert d.modelo_familiares.rowCount() == len(quedan)


def test_agente_nuevo_guardar_y_cargar_familiares(qtbot, op):
    d = abrir(qtbot, DialogoAgente(op))
    assert d.boton_continuar.isVisible() and not d.boton_agregar.isEnabled()
    llenar_agente(d)
    assert d.guardar_y_cargar_familiares() is True
    assert d.isVisible() and d.pestanias.currentIndex() == 1
    assert d.boton_agregar.isEnabled() and not d.boton_continuar.isVisible()
    assert agentes.obtener_agente(op, d.resultado_id)["cuil"] == CUIL_NUEVO.replace("-", "")
    # a second «Guardar» edits the same agent, it does not register it twice
    antes = agentes.contar_agentes(op)
    d.campo_localidad.setText("Cafayate")
    assert d.guardar() is True
    assert agentes.contar_agentes(op) == antes
    assert agentes.obtener_agente(op, d.resultado_id)["localidad"] == "Cafayate"


def test_rol_sin_permiso_de_carga(qtbot, fabrica_demo):
    adm = contexto(fabrica_demo, "administrador", "adrian")
    agente_id = agentes.buscar_agentes(adm, "a")[0]["id"]
    d = abrir(qtbot, DialogoAgente(adm, agente_id))
    assert not d.boton_guardar.isEnabled() and "no puede cargar" in d.boton_guardar.toolTip()
    assert not d.boton_agregar.isEnabled() and not d.campo_cuil.isEnabled()
    assert d.guardar() is False and "rol administrador" in d.error()


# --- Esc, Enter, dates ------------------------------------------------------------------------------

def test_esc_pregunta_solo_si_hay_cambios(qtbot, op, monkeypatch):
    d = abrir(qtbot, DialogoAgente(op))
    preguntas = []
    monkeypatch.setattr(mensajes, "confirmar", lambda *a, **k: preguntas.append(a[1]) or False)
    d.campo_apellido.setText("Algo")
    qtbot.keyClick(d, Qt.Key.Key_Escape)
    assert preguntas == ["Descartar cambios"] and d.isVisible()
    monkeypatch.setattr(mensajes, "confirmar", lambda *a, **k: True)
    qtbot.keyClick(d, Qt.Key.Key_Escape)
    assert not d.isVisible() and d.result() == QDialog.DialogCode.Rejected

    sin_cambios = abrir(qtbot, DialogoAgente(op))
    monkeypatch.setattr(mensajes, "confirmar", lambda *a, **k: pytest.fail("no debía preguntar"))
    qtbot.keyClick(sin_cambios, Qt.Key.Key_Escape)
    assert not sin_cambios.isVisible()


def test_enter_guarda(qtbot, op, no_preguntar):
    d = abrir(qtbot, DialogoAgente(op))
    assert d.boton_guardar.isDefault() and d.boton_guardar.text() == "&Guardar"
    llenar_agente(d)
    qtbot.keyClick(d.campo_localidad, Qt.Key.Key_Return)
    assert d.result() == QDialog.DialogCode.Accepted and not d.isVisible()
    assert agentes.obtener_agente(op, d.resultado_id)["localidad"] == "Salta"


def test_fecha_opcional_sin_fecha_y_obligatoria_en_blanco(qtbot, op):
    d = abrir(qtbot, DialogoAgente(op))
    baja = d.campo_baja
    assert baja.valor() is None and baja.sin_fecha.isChecked() and not baja.editor.isEnabled()
    baja.sin_fecha.setChecked(False)
    assert baja.valor() == date.today() and baja.editor.isEnabled()
    baja.sin_fecha.setChecked(True)
    assert baja.valor() is None
    # a required date: entering it offers a date, leaving without choosing leaves it blank
    nacimiento = d.campo_nacimiento
    assert nacimiento.valor() is None and nacimiento.sin_fecha is None
    nacimiento.editor.setFocus()
    qtbot.waitUntil(lambda: nacimiento.valor() is not None)
    d.campo_domicilio.setFocus()
    qtbot.waitUntil(lambda: nacimiento.valor() is None)
    assert d.error_de("fecha_nacimiento") == "Fecha de nacimiento: falta la fecha"


def test_decimales_es_ar():
    assert leer_decimal_ar("33,5") == (Decimal("33.50"), None)
    assert leer_decimal_ar("100") == (Decimal("100.00"), None)
    assert leer_decimal_ar("  ") == (None, None)
    assert "coma" in leer_decimal_ar("33.5")[1]
    assert "entre 0 y 100" in leer_decimal_ar("100,01")[1]
    assert "2 decimales" in leer_decimal_ar("1,234")[1]


# --- siniestro ----------------------------------------------------------------------------------------

def agente_de_demo(op) -> dict:
    return agentes.buscar_agentes(op, "a")[0]


def llenar_siniestro(d: DialogoSiniestro, op, tipo: str = "ilp", numero: str = "2026-F-0001",
                     pmi: date = date(2025, 3, 10), porcentaje: str = "33,5", **fechas) -> dict:
    agente = agente_de_demo(op)
    d.campo_numero.setText(numero)
    assert d.buscador.buscar(stdnum_cuit.format(agente["cuil"])) == 1
    d.buscador.elegir(0)
    d.combo_tipo.setCurrentIndex(d.combo_tipo.findData(tipo))
    d.campo_pmi.poner(pmi)
    d.campo_porcentaje.setText(porcentaje)
    for nombre, valor in fechas.items():
        getattr(d, f"campo_{nombre}").poner(valor)
    return agente


def test_siniestro_ilp_con_120_se_rechaza_y_con_33_5_se_guarda(qtbot, op, no_preguntar):
    antes = grilla.contar(op, None)
    d = abrir(qtbot, DialogoSiniestro(op))
    agente = llenar_siniestro(d, op, porcentaje="120", denuncia=date(2025, 3, 12), recepcion=date(2025, 3, 20))
    assert d.guardar() is False
    assert d.error_de("porcentaje_incapacidad") == "Porcentaje de incapacidad: 120 debe estar entre 0 y 100"
    assert grilla.contar(op, None) == antes

    d.campo_porcentaje.setText("33,5")
    d.combo_inc_grado.setCurrentText("parcial")
    d.check_itinere.setChecked(True)
    assert d.guardar() is True
    s = siniestros.obtener_siniestro(op, d.resultado_id)
    assert s["porcentaje_incapacidad"] == Decimal("33.50")
    assert (s["numero"], s["tipo"], s["agente"]["id"]) == ("2026-F-0001", "ilp", agente["id"])
    assert (s["fecha_pmi"], s["fecha_denuncia"], s["fecha_recepcion"]) == (
        date(2025, 3, 10), date(2025, 3, 12), date(2025, 3, 20))
    assert s["fecha_fallecimiento"] is None and s["in_itinere"] is True
    assert s["incapacidad_grado"] == "parcial" and s["estado"] == "denunciado"
    assert grilla.contar(op, None) == antes + 1


def test_porcentaje_falta_para_ilp(qtbot, op):
    d = abrir(qtbot, DialogoSiniestro(op))
    llenar_siniestro(d, op, porcentaje="")
    assert d.guardar() is False
    assert d.error_de("porcentaje_incapacidad").startswith("Porcentaje de incapacidad: falta")


def test_fallecimiento_anterior_a_la_pmi_se_rechaza(qtbot, op):
    antes = grilla.contar(op, None)
    d = abrir(qtbot, DialogoSiniestro(op))
    llenar_siniestro(d, op, tipo="muerte", porcentaje="", fallecimiento=date(2025, 3, 9))
    assert d.guardar() is False
    assert d.error_de("fecha_fallecimiento") == (
        "Fecha de fallecimiento: el 09/03/2025 es anterior a la PMI (10/03/2025)")
    assert grilla.contar(op, None) == antes


def test_muerte_sin_fecha_de_fallecimiento_toma_la_pmi(qtbot, op):
    """The service does not demand it: a death without its own date died on the PMI day."""
    d = abrir(qtbot, DialogoSiniestro(op))
    llenar_siniestro(d, op, tipo="muerte", porcentaje="")
    assert d.campo_fallecimiento.valor() is None and d.campo_fallecimiento.editor.isEnabled() is False
    assert d.campo_fallecimiento.sin_fecha.isChecked() and d.campo_fallecimiento.sin_fecha.isEnabled()
    assert d.guardar() is True
    s = siniestros.obtener_siniestro(op, d.resultado_id)
    assert s["tipo"] == "muerte" and s["fecha_fallecimiento"] == date(2025, 3, 10)


def test_fallecimiento_solo_para_muerte(qtbot, op):
    d = abrir(qtbot, DialogoSiniestro(op))
    d.combo_tipo.setCurrentIndex(d.combo_tipo.findData("muerte"))
    d.campo_fallecimiento.poner(date(2025, 1, 1))
    d.combo_tipo.setCurrentIndex(d.combo_tipo.findData("ilp"))
    assert d.campo_fallecimiento.valor() is None and not d.campo_fallecimiento.isEnabled()


def test_recepcion_antes_de_la_denuncia_o_futura(qtbot, op):
    d = abrir(qtbot, DialogoSiniestro(op))
    llenar_siniestro(d, op, denuncia=date(2025, 3, 15), recepcion=date(2025, 3, 14),
                     pre_acuerdo=date.today() + timedelta(days=2))
    assert d.guardar() is False
    assert d.error_de("fecha_recepcion") == (
        "Fecha de recepción: el 14/03/2025 es anterior a la denuncia (15/03/2025)")
    assert d.error_de("fecha_pre_acuerdo").endswith("es posterior a hoy")


def test_numero_repetido_muestra_el_mensaje_del_servicio(qtbot, fabrica_demo, op):
    existente = siniestros.obtener_siniestro(op, siniestro_en(fabrica_demo, "denunciado", "ilp"))
    antes = grilla.contar(op, None)
    d = abrir(qtbot, DialogoSiniestro(op))
    llenar_siniestro(d, op, numero=existente["numero"])
    assert d.guardar() is False
    esperado = f"Número: ya existe el siniestro número «{existente['numero']}» (id {existente['id']})"
    assert d.error_de("numero") == esperado and d.error() == esperado
    assert grilla.contar(op, None) == antes


def test_buscar_agente_por_apellido_y_elegir_con_enter(qtbot, op, no_preguntar):
    d = abrir(qtbot, DialogoSiniestro(op))
    esperado = agentes.buscar_agentes(op, "a", limite=8)
    assert len(esperado) >= 2
    d.buscador.campo.setFocus()
    qtbot.keyClicks(d.buscador.campo, "a")
    qtbot.waitUntil(lambda: d.buscador.modelo.rowCount() == len(esperado))
    assert [d.buscador.modelo.texto(i, 1) for i in range(len(esperado))] == [a["apellido_nombre"] for a in esperado]
    qtbot.keyClick(d.buscador.campo, Qt.Key.Key_Down)
    qtbot.keyClick(d.buscador.tabla, Qt.Key.Key_Down)
    qtbot.keyClick(d.buscador.tabla, Qt.Key.Key_Return)
    assert d.agente["id"] == esperado[1]["id"]
    assert d.etiqueta_agente.text().startswith(esperado[1]["apellido_nombre"] + " — CUIL ")
    assert d.isVisible() and d.resultado_id is None  # Enter chose the agent, it did not save


def test_siniestro_nuevo_de_un_agente_dado(qtbot, op):
    agente = agente_de_demo(op)
    d = abrir(qtbot, DialogoSiniestro(op, agente_id=agente["id"]))
    assert d.buscador is None and d.agente["id"] == agente["id"]
    assert d.etiqueta_agente.text().startswith(agente["apellido_nombre"])


def test_editar_siniestro_y_version_vieja(qtbot, fabrica_demo, op, no_preguntar):
    sid = siniestro_en(fabrica_demo, "denunciado", "ilp")
    leido = siniestros.obtener_siniestro(op, sid)
    d = abrir(qtbot, DialogoSiniestro(op, sid))
    assert d.campo_numero.text() == leido["numero"]
    assert d.campo_porcentaje.text() == f"{leido['porcentaje_incapacidad']:.2f}".replace(".", ",")
    assert d.campo_pmi.valor() == leido["fecha_pmi"]
    d.combo_accidente.setCurrentText("Caída de altura")
    assert d.guardar() is True
    ahora = siniestros.obtener_siniestro(op, sid)
    assert ahora["tipo_accidente"] == "Caída de altura" and ahora["version"] == leido["version"] + 1
    assert ahora["porcentaje_incapacidad"] == leido["porcentaje_incapacidad"]

    otro = abrir(qtbot, DialogoSiniestro(op, sid))
    sofia = contexto(fabrica_demo, "supervisor", "sofia")
    siniestros.editar_siniestro(sofia, sid, {"tipo_accidente": "Otro"}, ahora["version"])
    otro.combo_accidente.setCurrentText("Choque")
    assert otro.guardar() is False
    assert "fue modificado por sofia" in otro.error()
    assert siniestros.obtener_siniestro(op, sid)["tipo_accidente"] == "Otro"


def test_modelos_de_las_tablas(qtbot, qtmodeltester, op):
    agente_id = agentes.buscar_agentes(op, "c")[0]["id"]
    d = abrir(qtbot, DialogoAgente(op, agente_id))
    qtmodeltester.check(d.modelo_familiares)
    s = abrir(qtbot, DialogoSiniestro(op))
    s.buscador.buscar("a")
    qtmodeltester.check(s.buscador.modelo)
