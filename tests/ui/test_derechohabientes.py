"""The DERECHOHABIENTE window (pytest-qt, offscreen) over a private copy of the demo store, driven
like a user: rows = the DH in the store, add / edit / remove (bad CUIL, CBU or dates refused and
nothing stored), «Proponer desde la familia», «Aplicar Porcentajes por Ley» checked against the
art. 98 split computed by hand, manual shares with a reason, the Pre-Acuerdo / Puesta a
Disposición date, ticks and «Acreditar TODOS…» with the confirmation answered Sí or No, the roles,
and a siniestro that is not fatal."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select
from stdnum.ar import cbu as stdnum_cbu
from stdnum.ar import cuit as stdnum_cuit

from app.models import Siniestro
from app.services import derechohabientes as servicio
from app.services import liquidaciones, siniestros
from app.ui import mensajes
from app.ui.administracion.modelo import COLOR_DH
from app.ui.siniestro.derechohabientes import VentanaDerechohabientes
from app.ui.siniestro.dh_modelo import COL_TILDE
from tests.ui.conftest import contexto, siniestro_en

D = Decimal
FECHA_LEY_27348 = date(2017, 3, 5)  # resources/parametros/regimen.csv
ETIQUETAS = {"conyuge": "Cónyuge", "conviviente": "Conviviente", "hijo": "Hijo/a", "padre": "Padre",
             "madre": "Madre", "familiar_a_cargo": "Familiar a cargo"}


# --- helpers computed without the program ----------------------------------------------------
def ar(valor: Decimal, decimales: int) -> str:
    """es-AR text of an amount: 1234567.891 → «1.234.567,89»."""
    return f"{valor:,.{decimales}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def cuil_valido(prefijo: str, dni: int) -> str:
    base = f"{prefijo}{dni:08d}"
    return f"{prefijo}-{dni:08d}-{stdnum_cuit.calc_check_digit(base)}"


def cuil_con_digito_malo(prefijo: str, dni: int) -> str:
    bueno = cuil_valido(prefijo, dni)
    malo = bueno[:-1] + str((int(bueno[-1]) + 1) % 10)
    assert not stdnum_cuit.is_valid(malo)
    return malo


def cbu_valida() -> str:
    b1, b2 = "0140337", "2072049526678"
    return b1 + stdnum_cbu.calc_check_digit(b1) + b2 + stdnum_cbu.calc_check_digit(b2)


def edad(nacimiento: date, dia: date) -> int:
    return dia.year - nacimiento.year - ((dia.month, dia.day) < (nacimiento.month, nacimiento.day))


def reparto_de_ley(dhs: list[dict], fallecimiento: date) -> dict[int, Decimal]:
    """Art. 98 Ley 24.241 by hand for a spouse / conviviente / children family (spec §5): the
    spouse group weighs 50 with children with rights (70 without), each child under 21 (unmarried)
    20, the others 0; 100 % split in units of 0.0001 by largest remainder, ties to the spouse first
    and then to the older children."""
    assert all(d["parentesco"] in ("conyuge", "conviviente", "hijo") for d in dhs), "familia fuera del caso a mano"
    hijos = [d for d in dhs if d["parentesco"] == "hijo" and not d["casado"]
             and (d["incapacitado"] or edad(d["fecha_nacimiento"], fallecimiento) < 21)]
    pesos = {d["id"]: (50 if hijos else 70) if d["parentesco"] != "hijo" else (20 if d in hijos else 0) for d in dhs}
    total = sum(pesos.values())
    exactos = {i: Fraction(1_000_000 * p, total) for i, p in pesos.items()}
    unidades = {i: int(x) for i, x in exactos.items()}
    rango = {d["id"]: (0 if d["parentesco"] != "hijo" else 1, d["fecha_nacimiento"] or date.min) for d in dhs}
    faltan = 1_000_000 - sum(unidades.values())
    for i in sorted(exactos, key=lambda i: (-(exactos[i] - unidades[i]), rango[i]))[:faltan]:
        unidades[i] += 1
    return {i: (D(u) / 10_000).quantize(D("0.0001")) for i, u in unidades.items()}


# --- the window --------------------------------------------------------------------------------
@pytest.fixture
def abrir(qtbot, fabrica_demo):
    def hacer(siniestro_id: int, rol: str = "supervisor") -> VentanaDerechohabientes:
        v = VentanaDerechohabientes(contexto(fabrica_demo, rol), siniestro_id)
        qtbot.addWidget(v)
        v.show()
        return v
    return hacer


@pytest.fixture
def liquidado(fabrica_demo) -> int:
    return siniestro_en(fabrica_demo, "liquidado")


def en_bd(fabrica, siniestro_id: int) -> list[dict]:
    return servicio.listar_derechohabientes(contexto(fabrica, "operador"), siniestro_id)


def columna(v: VentanaDerechohabientes, titulo: str) -> list[str]:
    c = v.columna(titulo)
    return [v.modelo.texto(n, c) for n in range(v.modelo.rowCount())]


def fondo(v: VentanaDerechohabientes, fila: int):
    brocha = v.modelo.data(v.modelo.index(fila, 1), Qt.ItemDataRole.BackgroundRole)
    return None if brocha is None else brocha.color()


def llenar(dialogo, nombre="", parentesco=None, cuil="", nacimiento="", cbu="", domicilio=""):
    dialogo.campo_nombre.setText(nombre)
    dialogo.campo_parentesco.setCurrentIndex(max(dialogo.campo_parentesco.findData(parentesco), 0))
    dialogo.campo_cuil.setText(cuil)
    dialogo.campo_nacimiento.setText(nacimiento)
    dialogo.campo_cbu.setText(cbu)
    dialogo.campo_domicilio.setText(domicilio)


@pytest.fixture
def respuestas(monkeypatch):
    """Replace the confirmation dialog: answers what the test says and keeps what was asked."""
    preguntas: list[dict] = []
    estado = {"respuesta": True}

    def confirmar(parent, titulo, texto, **kw):
        preguntas.append({"titulo": titulo, "texto": texto, **kw})
        return estado["respuesta"]

    monkeypatch.setattr(mensajes, "confirmar", confirmar)
    return estado, preguntas


# --- reading -----------------------------------------------------------------------------------
def test_muestra_los_dh_del_siniestro(abrir, fabrica_demo, liquidado):
    v = abrir(liquidado)
    guardados = en_bd(fabrica_demo, liquidado)
    s = siniestros.obtener_siniestro(contexto(fabrica_demo), liquidado)
    muerte = s["fecha_fallecimiento"] or s["fecha_pmi"]
    assert v.windowTitle().startswith("DERECHOHABIENTE") and v.titulo.text() == "DERECHOHABIENTE"
    assert v.modelo.rowCount() == len(guardados) > 0
    assert columna(v, "Apellido y Nombre") == [d["apellido_nombre"] for d in guardados]
    assert columna(v, "Parentesco") == [ETIQUETAS[d["parentesco"]] for d in guardados]
    assert columna(v, "CUIL") == [f"{d['cuil'][:2]}-{d['cuil'][2:10]}-{d['cuil'][10:]}" for d in guardados]
    assert columna(v, "Edad") == [str(edad(d["fecha_nacimiento"], muerte)) for d in guardados]
    assert [v.modelo.tildado(n) for n in range(len(guardados))] == [d["seleccionado"] for d in guardados]
    # the amounts are those of the latest stored liquidation, es-AR, right-aligned
    reparto = {p["id"]: p for p in liquidaciones.obtener(contexto(fabrica_demo), liquidado)["resultado"]["reparto"]}
    assert columna(v, "Importe") == [ar(D(reparto[str(d["id"])]["importe"]), 2) for d in guardados]
    alineacion = v.modelo.data(v.modelo.index(0, v.columna("Importe")), Qt.ItemDataRole.TextAlignmentRole)
    assert alineacion & Qt.AlignmentFlag.AlignRight
    # the date of the regime, in the form and replicated in the header box
    assert s["fecha_pmi"] >= FECHA_LEY_27348
    assert v.rotulo_fecha.text() == "&Fecha de Pre-Acuerdo (Ley 27.348):"
    assert v.fecha_cabecera.text() == s["fecha_pre_acuerdo"].strftime("%d/%m/%Y")
    assert v.rotulo_fecha_cabecera.text() == "Pre-Acuerdo:"


def test_motivo_de_exclusion(abrir, fabrica_demo, liquidado):
    v = abrir(liquidado)
    muerte = siniestros.obtener_siniestro(contexto(fabrica_demo), liquidado)["fecha_fallecimiento"]
    nacimiento = date(muerte.year - 23, muerte.month, 1) - timedelta(days=40)  # 23 at the death
    assert edad(nacimiento, muerte) == 23
    v.agregar()
    llenar(v.dialogo, "Di Marco, Ernesto", "hijo", cuil_valido("20", 40111222), nacimiento.strftime("%d/%m/%Y"))
    v.dialogo.guardar()
    fila = v.modelo.rowCount() - 1
    assert v.modelo.texto(fila, v.columna("Apellido y Nombre")) == "Di Marco, Ernesto"
    assert v.modelo.texto(fila, v.columna("Derecho / motivo")).startswith("No: hijo/a de 23 años sin certificado")
    assert fondo(v, fila) != COLOR_DH and fondo(v, fila) is not None  # grey: excluded
    assert "23 años" in v.detalle.text()  # the chosen (new) DH, with its reason
    # the data changed after the liquidation: the screen says so
    assert v.aviso.isVisibleTo(v) and "Calcule de nuevo" in v.aviso.text()


# --- add / edit / remove -----------------------------------------------------------------------
@pytest.mark.parametrize("cambios, campo, texto", [
    ({"cuil": "MALO"}, "cuil", "dígito verificador incorrecto"),
    ({"cuil": "20-1234-5"}, "cuil", "11 dígitos"),
    ({"nacimiento": "FUTURA"}, "fecha_nacimiento", "posterior a hoy"),
    ({"nacimiento": "31/02/2015"}, "fecha_nacimiento", "no es una fecha real"),
    ({"nacimiento": "2015-02-03"}, "fecha_nacimiento", "dd/mm/aaaa"),
    ({"cbu": "0140337207204952667881"}, "cbu", "dígito verificador incorrecto"),
    ({"nombre": "   "}, "apellido_nombre", "vacío"),
    ({"parentesco": None}, "parentesco", "Elija el parentesco"),
    ({"nacimiento": ""}, "fecha_nacimiento", "falta la fecha de nacimiento del hijo/a"),  # the service's rule
    ({"cuil": "EXISTENTE"}, "cuil", "ya es del derechohabiente"),  # the service's rule
])
def test_agregar_con_datos_malos_no_guarda_nada(abrir, fabrica_demo, liquidado, cambios, campo, texto):
    v = abrir(liquidado)
    antes = en_bd(fabrica_demo, liquidado)
    valores = {"nombre": "Di Marco, Ana", "parentesco": "hijo", "cuil": cuil_valido("27", 41222333),
               "nacimiento": "03/02/2018", "cbu": ""}
    valores.update(cambios)
    if valores["cuil"] == "MALO":
        valores["cuil"] = cuil_con_digito_malo("27", 41222333)
    elif valores["cuil"] == "EXISTENTE":
        c = antes[0]["cuil"]
        valores["cuil"] = f"{c[:2]}-{c[2:10]}-{c[10:]}"
    if valores["nacimiento"] == "FUTURA":
        valores["nacimiento"] = (date.today() + timedelta(days=2)).strftime("%d/%m/%Y")
    v.agregar()
    dialogo = v.dialogo
    llenar(dialogo, **valores)
    dialogo.guardar()
    assert texto.lower() in dialogo.errores().get(campo, "").lower(), dialogo.errores()
    assert dialogo.isVisible() and v.dialogo is dialogo  # still open, to correct it
    assert en_bd(fabrica_demo, liquidado) == antes
    assert v.modelo.rowCount() == len(antes)


def test_agregar_un_dh_valido(abrir, fabrica_demo, liquidado):
    v = abrir(liquidado)
    antes = en_bd(fabrica_demo, liquidado)
    cuil, cbu = cuil_valido("27", 41222333), cbu_valida()
    v.agregar()
    llenar(v.dialogo, "  Di Marco,   Ana ", "hijo", cuil, "03/02/2018", cbu, "Santiago del Estero 1867")
    v.dialogo.casilla_incapacitado.setChecked(True)
    v.dialogo.guardar()
    assert v.dialogo is None  # accepted and closed
    despues = en_bd(fabrica_demo, liquidado)
    assert len(despues) == len(antes) + 1
    nuevo = despues[-1]
    assert (nuevo["apellido_nombre"], nuevo["parentesco"], nuevo["cuil"], nuevo["fecha_nacimiento"], nuevo["cbu"],
            nuevo["incapacitado"]) == ("Di Marco, Ana", "hijo", cuil.replace("-", ""), date(2018, 2, 3), cbu, True)
    fila = v.modelo.fila_de(nuevo["id"])
    assert v.modelo.texto(fila, v.columna("Apellido y Nombre")) == "Di Marco, Ana"
    assert v.modelo.texto(fila, v.columna("CUIL")) == cuil
    assert v.modelo.texto(fila, v.columna("Condición")) == "Incapacitado/a"
    assert v.dh_elegido()["id"] == nuevo["id"]
    assert "Di Marco, Ana" in v.mensaje()


def test_modificar_un_dh(abrir, fabrica_demo, liquidado):
    v = abrir(liquidado)
    v.elegir(1)
    elegido = v.dh_elegido()
    v.modificar()
    assert v.dialogo.campo_nombre.text() == elegido["apellido_nombre"]
    v.dialogo.campo_domicilio.setText("Belgrano 120")
    v.dialogo.campo_letrado.setText("Dra. Ruiz")
    v.dialogo.casilla_estudiante.setChecked(True)
    v.dialogo.guardar()
    assert v.dialogo is None
    guardado = next(d for d in en_bd(fabrica_demo, liquidado) if d["id"] == elegido["id"])
    assert (guardado["domicilio"], guardado["letrado"], guardado["estudiante"]) == ("Belgrano 120", "Dra. Ruiz", True)
    assert v.modelo.texto(v.modelo.fila_de(elegido["id"]), v.columna("Condición")) == "Estudiante"
    assert "Belgrano 120" in v.detalle.text() and "Dra. Ruiz" in v.detalle.text()


def test_quitar_pide_confirmacion_y_la_familia_lo_vuelve_a_proponer(abrir, fabrica_demo, liquidado, respuestas):
    estado, preguntas = respuestas
    v = abrir(liquidado)
    antes = en_bd(fabrica_demo, liquidado)
    ultimo = antes[-1]
    assert ultimo["familiar_id"] is not None
    v.elegir(len(antes) - 1)
    estado["respuesta"] = False
    v.quitar()
    assert en_bd(fabrica_demo, liquidado) == antes
    estado["respuesta"] = True
    v.quitar()
    assert ultimo["apellido_nombre"] in preguntas[-1]["texto"] and preguntas[-1]["peligroso"] is True
    assert [d["id"] for d in en_bd(fabrica_demo, liquidado)] == [d["id"] for d in antes[:-1]]
    assert ultimo["apellido_nombre"] not in columna(v, "Apellido y Nombre")

    v.proponer_desde_familia()
    despues = en_bd(fabrica_demo, liquidado)
    assert len(despues) == len(antes) and despues[-1]["familiar_id"] == ultimo["familiar_id"]
    assert columna(v, "Apellido y Nombre")[-1] == ultimo["apellido_nombre"]
    v.proponer_desde_familia()  # nobody new
    assert len(en_bd(fabrica_demo, liquidado)) == len(antes) and "ya son derechohabientes" in v.mensaje()


# --- percentages -------------------------------------------------------------------------------
def test_aplicar_porcentajes_por_ley(abrir, fabrica_demo, liquidado):
    v = abrir(liquidado)
    guardados = en_bd(fabrica_demo, liquidado)
    assert all(d["porcentaje"] is None for d in guardados)
    muerte = siniestros.obtener_siniestro(contexto(fabrica_demo), liquidado)["fecha_fallecimiento"]
    esperados = reparto_de_ley(guardados, muerte)
    assert sum(esperados.values()) == D("100.0000")
    v.aplicar_por_ley()
    assert {d["id"]: d["porcentaje"] for d in en_bd(fabrica_demo, liquidado)} == esperados
    assert columna(v, "%") == [ar(esperados[d["id"]], 4) for d in guardados]
    assert "Porcentajes por ley." in v.resumen.text()


def test_conyugal_y_dos_hijos_por_ley(abrir, fabrica_demo, liquidado, respuestas):
    """Spec §5 example: spouse (or conviviente) + 2 children → 55.5556 / 22.2222 / 22.2222."""
    v = abrir(liquidado)
    guardados = en_bd(fabrica_demo, liquidado)
    assert [d["parentesco"] for d in guardados] == ["conviviente", "hijo", "hijo", "hijo"]
    v.elegir(3)
    v.quitar()
    v.aplicar_por_ley()
    assert columna(v, "%") == ["55,5556", "22,2222", "22,2222"]
    assert [d["porcentaje"] for d in en_bd(fabrica_demo, liquidado)] == [D("55.5556"), D("22.2222"), D("22.2222")]


def test_porcentajes_a_mano_con_motivo(abrir, fabrica_demo, liquidado, respuestas):
    estado, preguntas = respuestas
    v = abrir(liquidado)
    guardados = en_bd(fabrica_demo, liquidado)
    n = len(guardados)
    v.modificar_porcentajes()
    dialogo = v.dialogo
    # 40 to the first, the remaining 60 in equal parts with 4 decimals (the last one takes the rest)
    partes = [D(40)] + [(D(60) / (n - 1)).quantize(D("0.0001"), rounding="ROUND_DOWN")] * (n - 1)
    partes[-1] += D(100) - sum(partes)
    for fila, parte in enumerate(partes):
        dialogo.modelo.escribir(fila, ar(parte, 4))
    assert dialogo.etiqueta_total.text() == "Total: 100,0000 %"
    dialogo.campo_motivo.setText("Convenio homologado con otra distribución")
    dialogo.guardar()
    assert v.dialogo is None
    despues = en_bd(fabrica_demo, liquidado)
    assert [d["porcentaje"] for d in despues] == partes
    assert {d["motivo_porcentaje"] for d in despues} == {"Convenio homologado con otra distribución"}
    assert columna(v, "%") == [ar(p, 4) for p in partes]
    assert "Convenio homologado" in v.resumen.text()
    # back to the law: asks first, since the manual shares are replaced
    v.aplicar_por_ley()
    assert "se reemplazarán" in preguntas[-1]["texto"]
    assert all(d["motivo_porcentaje"] is None for d in en_bd(fabrica_demo, liquidado))


@pytest.mark.parametrize("textos, motivo, error", [
    (["40", "20", "20", "10"], "acuerdo", "suman 90,0000 %"),
    (["40", "20", "20", "30"], "acuerdo", "suman 110,0000 %"),
    (["40", "abc", "20", "20"], "acuerdo", "no es un porcentaje"),
    (["120", "0", "0", "0"], "acuerdo", "supera el máximo"),
    (["40", "20,00001", "20", "19,99999"], "acuerdo", "más de 4 decimales"),
    (["40", "20", "20", "20"], "   ", "MOTIVO"),
])
def test_porcentajes_malos_no_se_guardan(abrir, fabrica_demo, liquidado, textos, motivo, error):
    v = abrir(liquidado)
    antes = en_bd(fabrica_demo, liquidado)
    assert len(antes) == len(textos)
    v.modificar_porcentajes()
    dialogo = v.dialogo
    for fila, texto in enumerate(textos):
        dialogo.modelo.escribir(fila, texto)
    dialogo.campo_motivo.setText(motivo)
    dialogo.guardar()
    if error == "MOTIVO":
        assert "Escriba el motivo" in dialogo.motivo.error()
    else:
        assert error in dialogo.error()
    assert dialogo.isVisible()
    assert en_bd(fabrica_demo, liquidado) == antes


# --- the date ----------------------------------------------------------------------------------
def test_fecha_de_pre_acuerdo(abrir, fabrica_demo, liquidado):
    v = abrir(liquidado)
    ctx = contexto(fabrica_demo)
    s = siniestros.obtener_siniestro(ctx, liquidado)
    for malo, texto in (("31/02/2023", "no es una fecha real"), ("2023-02-01", "dd/mm/aaaa")):
        v.campo_fecha.setText(malo)
        v.guardar_fecha()
        assert "Fecha de Pre-Acuerdo (Ley 27.348)" in v.mensaje() and texto in v.mensaje()
    anterior = s["fecha_pmi"] - timedelta(days=1)
    v.campo_fecha.setText(anterior.strftime("%d/%m/%Y"))
    v.guardar_fecha()
    assert "anterior a la PMI" in v.mensaje()
    assert siniestros.obtener_siniestro(ctx, liquidado)["fecha_pre_acuerdo"] == s["fecha_pre_acuerdo"]

    nueva = s["fecha_pre_acuerdo"] + timedelta(days=9)
    v.campo_fecha.setText(nueva.strftime("%d/%m/%Y"))
    v.guardar_fecha()
    despues = siniestros.obtener_siniestro(ctx, liquidado)
    assert despues["fecha_pre_acuerdo"] == nueva and despues["fecha_puesta_disposicion"] is None
    assert v.fecha_cabecera.text() == nueva.strftime("%d/%m/%Y")


def test_fecha_de_puesta_a_disposicion_antes_de_la_ley_27348(abrir, fabrica_demo):
    with fabrica_demo() as sesion:
        sid = sesion.scalar(select(Siniestro.id).where(
            Siniestro.tipo == "muerte", Siniestro.fecha_pmi < FECHA_LEY_27348, Siniestro.acreditado_en.is_(None)))
    assert sid is not None, "la demo no tiene un siniestro mortal anterior a la Ley 27.348 sin acreditar"
    v = abrir(sid)
    assert v.rotulo_fecha.text() == "&Fecha de Puesta a Disposición:"
    assert v.rotulo_fecha_cabecera.text() == "Puesta a disposición:"
    pmi = siniestros.obtener_siniestro(contexto(fabrica_demo), sid)["fecha_pmi"]
    fecha = pmi + timedelta(days=200)
    v.campo_fecha.setText(fecha.strftime("%d/%m/%Y"))
    v.guardar_fecha()
    despues = siniestros.obtener_siniestro(contexto(fabrica_demo), sid)
    assert despues["fecha_puesta_disposicion"] == fecha and despues["fecha_pre_acuerdo"] is None
    assert v.fecha_cabecera.text() == fecha.strftime("%d/%m/%Y")


# --- ticks and accreditation -------------------------------------------------------------------
def calcular_de_nuevo(fabrica, siniestro_id: int) -> None:
    """What the user does in CALCULAR before accrediting: liquidate again with the data as they
    are (the demo's stored liquidations predate the DH's «casado» field, so they count as stale)."""
    ctx = contexto(fabrica, "liquidador")
    ultima = liquidaciones.obtener(ctx, siniestro_id)
    liquidaciones.calcular(ctx, siniestro_id, ultima["fecha_liquidacion"])


def test_tildar_y_acreditar(abrir, fabrica_demo, liquidado, respuestas):
    estado, preguntas = respuestas
    calcular_de_nuevo(fabrica_demo, liquidado)
    v = abrir(liquidado)
    guardados = en_bd(fabrica_demo, liquidado)
    for fila in range(len(guardados)):
        v.modelo.tildar(fila, True)
    afuera = guardados[1]
    v.modelo.tildar(1, False)  # one did not bring the papers
    assert v.boton_seleccion.isEnabled()
    v.guardar_seleccion()
    assert [d["seleccionado"] for d in en_bd(fabrica_demo, liquidado)] == [d["id"] != afuera["id"] for d in guardados]

    v.acreditar()
    pregunta = preguntas[-1]
    assert f"{len(guardados) - 1} derechohabientes" in pregunta["texto"] and pregunta["peligroso"] is True
    for d in guardados:
        assert (d["apellido_nombre"] in pregunta["detalle"]) == (d["id"] != afuera["id"])
    despues = en_bd(fabrica_demo, liquidado)
    assert [d["acreditado"] for d in despues] == [d["id"] != afuera["id"] for d in guardados]
    s = siniestros.obtener_siniestro(contexto(fabrica_demo), liquidado)
    assert s["estado"] == "acreditado" and s["acreditado"]
    # green rows, like the Administración grid; the others say so
    for fila, d in enumerate(guardados):
        verde = d["id"] != afuera["id"]
        assert (fondo(v, fila) == COLOR_DH) == verde
        assert v.modelo.texto(fila, v.columna("Estado")) == ("Acreditado" if verde else "No acreditado")
    # nothing about the DH can change any more
    for boton in (v.boton_agregar, v.boton_quitar, v.boton_familia, v.boton_ley, v.boton_porcentajes,
                  v.boton_acreditar):
        assert not boton.isEnabled()
    assert "ya fueron acreditados" in v.boton_agregar.toolTip()
    assert not v.modelo.flags(v.modelo.index(1, COL_TILDE)) & Qt.ItemFlag.ItemIsUserCheckable
    v.agregar()
    assert v.dialogo is None


def test_acreditar_con_los_tildes_sin_guardar_los_guarda_antes(abrir, fabrica_demo, liquidado, respuestas):
    calcular_de_nuevo(fabrica_demo, liquidado)
    v = abrir(liquidado)
    guardados = en_bd(fabrica_demo, liquidado)
    for fila in range(len(guardados)):
        v.modelo.tildar(fila, fila == 0)
    assert v.modelo.hay_cambios()
    v.acreditar()
    assert [d["acreditado"] for d in en_bd(fabrica_demo, liquidado)] == [n == 0 for n in range(len(guardados))]


def test_acreditar_respondiendo_no_no_cambia_nada(abrir, fabrica_demo, liquidado, respuestas):
    estado, preguntas = respuestas
    estado["respuesta"] = False
    calcular_de_nuevo(fabrica_demo, liquidado)
    v = abrir(liquidado)
    antes = en_bd(fabrica_demo, liquidado)
    v.acreditar()
    assert len(preguntas) == 1
    assert en_bd(fabrica_demo, liquidado) == antes
    assert siniestros.obtener_siniestro(contexto(fabrica_demo), liquidado)["estado"] == "liquidado"
    assert v.boton_acreditar.isEnabled() and v.boton_agregar.isEnabled()
    assert all(fondo(v, n) != COLOR_DH for n in range(v.modelo.rowCount()))


def test_acreditar_con_la_liquidacion_vieja_lo_rechaza(abrir, fabrica_demo, liquidado, respuestas):
    v = abrir(liquidado)
    v.agregar()
    llenar(v.dialogo, "Di Marco, Ana", "hijo", cuil_valido("27", 41222333), "03/02/2018")
    v.dialogo.guardar()
    antes = en_bd(fabrica_demo, liquidado)
    v.acreditar()
    assert "cambiaron después de la liquidación" in v.mensaje()
    assert en_bd(fabrica_demo, liquidado) == antes
    assert not siniestros.obtener_siniestro(contexto(fabrica_demo), liquidado)["acreditado"]


# --- roles -------------------------------------------------------------------------------------
def test_operador_no_puede_acreditar_ni_repartir(abrir, fabrica_demo, liquidado, respuestas):
    estado, preguntas = respuestas
    v = abrir(liquidado, "operador")
    antes = en_bd(fabrica_demo, liquidado)
    assert not v.boton_acreditar.isEnabled() and "operador" in v.boton_acreditar.toolTip()
    assert "acreditar derechohabientes" in v.boton_acreditar.toolTip()
    assert not v.boton_ley.isEnabled() and "porcentajes" in v.boton_ley.toolTip()
    assert not v.modelo.tildable() and not v.modelo.tildar(0, False)
    assert v.boton_agregar.isEnabled() and v.boton_familia.isEnabled()  # «cargar» is theirs
    v.acreditar()
    v.aplicar_por_ley()
    assert preguntas == [] and en_bd(fabrica_demo, liquidado) == antes


def test_liquidador_reparte_pero_no_acredita(abrir, liquidado):
    v = abrir(liquidado, "liquidador")
    assert v.boton_ley.isEnabled() and v.boton_porcentajes.isEnabled() and v.modelo.tildable()
    assert not v.boton_acreditar.isEnabled() and "liquidador" in v.boton_acreditar.toolTip()


def test_administrador_solo_consulta(abrir, liquidado):
    v = abrir(liquidado, "administrador")
    assert v.modelo.rowCount() > 0
    for boton in (v.boton_agregar, v.boton_familia, v.boton_ley, v.boton_acreditar, v.boton_fecha):
        assert not boton.isEnabled() and "administrador" in boton.toolTip()


# --- not fatal, keyboard -----------------------------------------------------------------------
def test_siniestro_que_no_es_mortal(abrir, fabrica_demo):
    sid = siniestro_en(fabrica_demo, "liquidado", tipo="ilp")
    v = abrir(sid)
    numero = siniestros.obtener_siniestro(contexto(fabrica_demo), sid)["numero"]
    assert v.mensaje() == f"El siniestro {numero} no es de tipo muerte: no tiene derechohabientes."
    assert v.modelo.rowCount() == 0
    for boton in (v.boton_agregar, v.boton_familia, v.boton_ley, v.boton_porcentajes, v.boton_acreditar,
                  v.boton_fecha):
        assert not boton.isEnabled()
    assert "no es de tipo muerte" in v.boton_agregar.toolTip()


def test_teclado_mnemonicos_y_esc(abrir, liquidado, qtbot):
    v = abrir(liquidado)
    botones = [v.boton_agregar, v.boton_modificar, v.boton_quitar, v.boton_familia, v.boton_calcular, v.boton_ley,
               v.boton_porcentajes, v.boton_seleccion, v.boton_acreditar, v.boton_volver, v.boton_fecha]
    letras = [b.text()[b.text().index("&") + 1].lower() for b in botones]
    assert len(set(letras)) == len(letras), letras
    pedidos = []
    v.abrir_otra.connect(lambda nombre, ident: pedidos.append((nombre, ident)))
    v.boton_calcular.click()
    assert pedidos == [("calcular", liquidado)]
    v.activateWindow()
    qtbot.waitUntil(v.isActiveWindow)  # a window shortcut needs the active window
    qtbot.keyClick(v.tabla, Qt.Key.Key_Escape)
    assert not v.isVisible()


def test_tilde_con_la_barra_espaciadora_y_modelos_validos(abrir, liquidado, qtbot, qtmodeltester):
    v = abrir(liquidado)
    v.activateWindow()
    qtbot.waitUntil(v.isActiveWindow)
    antes = v.modelo.tildado(0)
    v.tabla.setFocus()
    v.tabla.setCurrentIndex(v.modelo.index(0, COL_TILDE))
    qtbot.keyClick(v.tabla, Qt.Key.Key_Space)
    assert v.modelo.tildado(0) is not antes and v.modelo.hay_cambios() and v.boton_seleccion.isEnabled()
    qtmodeltester.check(v.modelo)
    v.modificar_porcentajes()
    qtmodeltester.check(v.dialogo.modelo)
