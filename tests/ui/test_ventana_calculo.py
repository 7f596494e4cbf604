"""The calculator window (pytest-qt, offscreen): figures shown es-AR, errors in the red bar."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QIdentityProxyModel, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QTableView

from app.ui import aplicacion, capturas, formato
from app.ui.detalle import CONCEPTO_TOTAL, PAGO_ADICIONAL, PAGO_POR_DANIO, PAGO_UNICO
from app.ui.modelos import ROL_FONDO, ROL_FUENTE, ROL_TEXTO, ModeloRemuneraciones
from app.ui.ventana_calculo import (
    PAGINA_BIENVENIDA,
    PAGINA_RESULTADO,
    TAB_ADVERTENCIAS,
    TAB_DERECHOHABIENTES,
    VentanaCalculo,
)

EJEMPLO = Path(__file__).resolve().parents[2] / "docs" / "ejemplos" / "caso_muerte.json"

# Hand-computed: 7 days of interest = 583.45; F = 53 × 100,583.45 × 65 / 40 = 8,662,749.63;
# IAPU 20 % of (F + CAPU c 1,046,577) = 1,941,865.33; total 11,651,191.96.
CASO_MUERTE = {
    "tipo": "muerte",
    "fecha_pmi": "2018-05-03",
    "fecha_liquidacion": "2018-05-10",
    "fecha_nacimiento": "1978-01-01",
    "vib": "100000.00",
    "in_itinere": False,
    "derechohabientes": [
        {"id": "conyuge", "parentesco": "conyuge"},
        {"id": "hijo1", "parentesco": "hijo", "fecha_nacimiento": "2010-01-01"},
    ],
}


def escribir(carpeta: Path, datos, nombre: str = "caso.json") -> Path:
    ruta = carpeta / nombre
    texto = datos if isinstance(datos, str) else json.dumps(datos, ensure_ascii=False)
    ruta.write_text(texto, encoding="utf-8")
    return ruta


@pytest.fixture
def ventana(qtbot):
    v = VentanaCalculo()
    qtbot.addWidget(v)
    v.show()
    qtbot.waitExposed(v)
    return v


def _concepto(v: VentanaCalculo, concepto: str) -> str:
    m = v.modelo_conceptos
    return m.texto(m.fila_de(concepto), 1)


def _detalle(v: VentanaCalculo, concepto: str) -> str:
    m = v.modelo_conceptos
    return m.texto(m.fila_de(concepto), 2)


# --- before a case ---------------------------------------------------------------------------
def test_bienvenida_antes_de_abrir(ventana):
    assert ventana.paginas.currentIndex() == PAGINA_BIENVENIDA
    assert "CASO.json" in ventana.texto_bienvenida.text()
    assert "próxima versión" in ventana.texto_bienvenida.text()
    assert not ventana.barra_error.isVisible()
    assert not ventana.accion_recalcular.isEnabled()
    assert "Liquidador Autoseguro" in ventana.windowTitle()


def test_atajos_de_teclado(ventana):
    assert ventana.accion_abrir.shortcut().toString() == "Ctrl+O"
    assert ventana.accion_recalcular.shortcut().toString() == "F5"
    assert ventana.accion_salir.shortcut().toString() == "Ctrl+Q"
    menu = ventana.menuBar().actions()[0]
    assert menu.text() == "&Archivo"
    assert [a.text() for a in menu.menu().actions() if not a.isSeparator()] == [
        "&Abrir caso…", "&Volver a calcular", "&Salir",
    ]


# --- a valid death case ----------------------------------------------------------------------
def test_caso_de_muerte_muestra_los_montos_es_ar(ventana, tmp_path):
    ruta = escribir(tmp_path, CASO_MUERTE, "MUERTE_2018.json")
    assert ventana.abrir(ruta)

    assert ventana.paginas.currentIndex() == PAGINA_RESULTADO
    assert ventana.mensaje_error() == ""
    assert "MUERTE_2018.json" in ventana.windowTitle()
    assert _concepto(ventana, PAGO_UNICO) == "8.662.749,63"
    assert _concepto(ventana, PAGO_POR_DANIO) == "1.941.865,33"
    assert _concepto(ventana, PAGO_ADICIONAL) == "1.046.577,00"
    assert _concepto(ventana, CONCEPTO_TOTAL) == "11.651.191,96"

    detalle_unico = _detalle(ventana, PAGO_UNICO)
    assert "53 × 100.583,45 × 65 / 40 = 8.662.749,63" in detalle_unico
    assert "Piso mínimo $ 1.569.865,00: no se aplica" in detalle_unico
    assert "Nota SRT 6026/2018" in detalle_unico
    assert "CAPU inciso c)" in _detalle(ventana, PAGO_ADICIONAL)
    assert "$ 9.709.326,63" in _detalle(ventana, PAGO_POR_DANIO)

    m = ventana.modelo_conceptos
    total = m.index(m.fila_de(CONCEPTO_TOTAL), 0)
    assert m.data(total, ROL_FUENTE).bold()
    assert m.data(m.index(0, 0), ROL_FUENTE) is None
    assert m.data(m.index(0, 1), Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight

    c = ventana.cuadro_calculos
    assert c.valor("VIB informado") == "100.000,00"
    assert c.valor("Días de interés") == "7"
    assert c.valor("Factor de capitalización") == "1,005835"
    assert c.valor("VIB con interés") == "100.583,45"
    assert c.valor("Fec. Liquidación") == "10/05/2018"
    assert c.valor("PMI / Accidente") == "03/05/2018"


def test_derechohabientes_con_porcentajes_y_colores(ventana, tmp_path):
    ventana.abrir(escribir(tmp_path, CASO_MUERTE))
    m = ventana.modelo_derechohabientes
    pct = m.columna("%")
    assert [m.texto(0, pct), m.texto(1, pct)] == ["71,4286", "28,5714"]
    assert m.texto(0, m.columna("PARENTESCO")) == "Cónyuge"
    assert m.texto(0, m.columna("IMPORTE")) == "8.322.279,97"
    assert m.texto(2, 0) == "Total"
    assert m.texto(2, m.columna("IMPORTE")) == "11.651.191,96"
    assert m.texto(2, pct) == "100,0000"
    verde = m.data(m.index(0, 0), ROL_FONDO).color()
    assert verde.green() > verde.red() and verde.green() > verde.blue()


def test_excluido_en_gris_con_motivo_y_remuneraciones(ventana):
    assert ventana.abrir(EJEMPLO)
    m = ventana.modelo_derechohabientes
    motivo = m.texto(2, m.columna("EXCLUIDO / MOTIVO"))
    assert motivo.startswith("Sí: hijo/a de 23 años")
    gris = m.data(m.index(2, 0), ROL_FONDO).color()
    assert gris.red() == gris.green() == gris.blue()
    assert m.texto(0, m.columna("EXCLUIDO / MOTIVO")) == "No"

    r = ventana.modelo_remuneraciones
    assert r.rowCount() == 12
    assert [r.texto(0, c) for c in range(6)] == [
        "05-2018", "30.000,00", "0,00", "3.353,50", "1,394439", "41.833,16",
    ]
    assert r.texto(1, 2) == "15.000,00"
    c = ventana.cuadro_calculos
    assert c.valor("VIB con RIPTE") == "40.063,10"
    assert c.valor("TOTAL DE SALARIOS ACTUALIZADOS X RIPTE") == "480.757,17"
    assert c.valor("RIPTE período PMI") == "4.676,25 (05-2019)"
    assert c.valor("Días de interés") == "51"
    assert "promedio mensual" in ventana.nota_vib.text()
    assert _concepto(ventana, CONCEPTO_TOTAL) == "6.144.052,28"
    suma = sum(Decimal(r.texto(n, 5).replace(".", "").replace(",", ".")) for n in range(12))
    assert suma == Decimal("480757.17")


def test_advertencias_y_in_itinere(ventana, tmp_path):
    caso = dict(CASO_MUERTE, in_itinere=True, legajo="123")
    ventana.abrir(escribir(tmp_path, caso))
    assert _concepto(ventana, PAGO_POR_DANIO) == "0,00"
    assert "in itinere: no corresponde" in _detalle(ventana, PAGO_POR_DANIO)
    textos = [ventana.lista_advertencias.item(n).text() for n in range(ventana.lista_advertencias.count())]
    assert "Campo desconocido ignorado: legajo" in textos
    assert ventana.pestanias.tabText(TAB_ADVERTENCIAS) == f"AD&VERTENCIAS ({len(textos)})"


@pytest.mark.parametrize(
    ("caso", "total", "nota"),
    [
        (  # ILP before Ley 27.348: original art. 12, piso applies, no DH
            {"tipo": "ilp", "porcentaje_incapacidad": "30.00", "fecha_pmi": "2016-05-03",
             "fecha_liquidacion": "2016-05-10", "fecha_nacimiento": "1978-01-01", "in_itinere": True,
             "remuneraciones": [{"periodo": "2015-06", "remuneracion": "10000.00"},
                                {"periodo": "2015-07", "remuneracion": "10000.00", "sac": "5000.00"}]},
            "282.935,70", "no hay reparto",
        ),
        (  # Decreto 1278/2000: capped capital, fixed CAPU
            {"tipo": "muerte", "fecha_pmi": "2008-05-03", "fecha_liquidacion": "2008-05-10",
             "fecha_nacimiento": "1978-01-01", "in_itinere": False, "vib": "1000.00"},
            "164.833,33", "pendiente",
        ),
    ],
)
def test_otros_regimenes_se_muestran(ventana, tmp_path, caso, total, nota):
    assert ventana.abrir(escribir(tmp_path, caso))
    assert _concepto(ventana, CONCEPTO_TOTAL) == total
    assert nota in ventana.nota_derechohabientes.text()


# --- errors ----------------------------------------------------------------------------------
def _muestra_error(v: VentanaCalculo, *fragmentos: str) -> None:
    assert v.barra_error.isVisible()
    assert "#c62828" in v.barra_error.styleSheet()
    mensaje = v.mensaje_error()
    for f in fragmentos:
        assert f in mensaje
    assert "Traceback" not in mensaje
    assert v.paginas.currentIndex() == PAGINA_BIENVENIDA
    assert v.resultado is None


def test_caso_invalido_muestra_el_campo_y_la_ventana_sigue_usable(ventana, tmp_path):
    ventana.abrir(escribir(tmp_path, CASO_MUERTE, "bueno.json"))
    malo = dict(CASO_MUERTE, derechohabientes=[{"id": "x", "parentesco": "primo"}])
    assert not ventana.abrir(escribir(tmp_path, malo, "malo.json"))
    _muestra_error(ventana, "malo.json", "derechohabientes[0].parentesco", "primo")
    assert ventana.modelo_conceptos.rowCount() == 0  # no stale figures under another file name
    assert "malo.json" in ventana.windowTitle()
    assert ventana.boton_recalcular.isVisible()

    assert ventana.abrir(tmp_path / "bueno.json")
    assert not ventana.barra_error.isVisible()
    assert _concepto(ventana, CONCEPTO_TOTAL) == "11.651.191,96"


@pytest.mark.parametrize(
    ("contenido", "fragmentos"),
    [
        (dict(CASO_MUERTE, fecha_pmi="2018-02-30"), ("fecha_pmi", "no es una fecha real")),
        (dict(CASO_MUERTE, vib="1.000,50"), ("«vib»",)),
        ('{"tipo": "muerte", ', ("no es JSON válido", "línea 1")),
        ("[1, 2]", ("«caso»", "objeto JSON")),
        (dict(CASO_MUERTE, fecha_pmi="2099-05-03", fecha_liquidacion="2099-05-10",
              remuneraciones=[{"periodo": "2099-01", "remuneracion": "1000.00"}]),
         ("Falta la tasa activa BNA",)),
        ({"tipo": "gran_invalidez", "fecha_pmi": "2019-05-03", "fecha_liquidacion": "2019-05-10",
          "fecha_nacimiento": "1978-01-01", "in_itinere": False, "vib": "1000.00"},
         ("Falta el monto mensual de gran invalidez",)),
    ],
)
def test_errores_en_la_barra_roja(ventana, tmp_path, contenido, fragmentos):
    assert not ventana.abrir(escribir(tmp_path, contenido))
    _muestra_error(ventana, *fragmentos)


def test_archivo_inexistente(ventana, tmp_path):
    assert not ventana.abrir(tmp_path / "no_existe.json")
    _muestra_error(ventana, "No se encontró el archivo")


def test_parametros_de_usuario_invalidos(ventana, tmp_path):
    """A broken updated table in the user's folder is a message too, not a crash."""
    from app import config

    carpeta = config.datos_usuario_dir() / "parametros"
    carpeta.mkdir(parents=True)
    (carpeta / "ripte.csv").write_text("periodo,indice\n2018-13,abc\n", encoding="utf-8")
    assert not ventana.abrir(escribir(tmp_path, CASO_MUERTE))
    _muestra_error(ventana, "ripte.csv")


# --- actions ---------------------------------------------------------------------------------
def test_abrir_con_el_dialogo(ventana, tmp_path, monkeypatch):
    ruta = escribir(tmp_path, CASO_MUERTE)
    pedidos = []

    def falso(parent, titulo, carpeta, filtro):
        pedidos.append((titulo, filtro))
        return str(ruta), filtro

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(falso))
    ventana.accion_abrir.trigger()
    assert pedidos and "*.json" in pedidos[0][1]
    assert ventana.ruta == ruta
    assert _concepto(ventana, CONCEPTO_TOTAL) == "11.651.191,96"

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: ("", "")))
    ventana.accion_abrir.trigger()  # cancelled: nothing changes
    assert ventana.ruta == ruta and ventana.resultado is not None


def test_f5_vuelve_a_calcular_y_conserva_la_pestania(ventana, tmp_path, qtbot):
    ruta = escribir(tmp_path, CASO_MUERTE)
    ventana.abrir(ruta)
    ventana.pestanias.setCurrentIndex(TAB_DERECHOHABIENTES)
    escribir(tmp_path, dict(CASO_MUERTE, vib="200000.00"))
    ventana.activateWindow()
    qtbot.keyClick(ventana, Qt.Key.Key_F5)
    assert _concepto(ventana, PAGO_UNICO) == "17.325.499,26"  # 53 × 201.166,90 × 65 / 40
    assert ventana.pestanias.currentIndex() == TAB_DERECHOHABIENTES


# --- models ----------------------------------------------------------------------------------
def test_modelos_pasan_qtmodeltester(ventana, qtmodeltester):
    for modelo in (ventana.modelo_remuneraciones, ventana.modelo_conceptos, ventana.modelo_derechohabientes):
        qtmodeltester.check(modelo)  # empty
    ventana.abrir(EJEMPLO)
    for modelo in (ventana.modelo_remuneraciones, ventana.modelo_conceptos, ventana.modelo_derechohabientes):
        assert modelo.rowCount() > 0
        qtmodeltester.check(modelo)


class _Contador(ModeloRemuneraciones):
    def __init__(self):
        super().__init__()
        self.llamadas = 0
        self.nulos = 0

    def data(self, index, role=ROL_TEXTO):
        valor = super().data(index, role)
        self.llamadas += 1
        if valor is None:
            self.nulos += 1
        return valor


def test_miles_de_llamadas_a_data_que_devuelven_none(qtbot):
    """STACK.md guard: PySide6 6.12.0 on CPython 3.11 loses a reference to None each time Qt
    calls a Python data() that returns None, and dies after a few thousand. Qt itself (the view
    painting, a C++ proxy) must make the calls, not Python."""
    meses = [
        {"periodo": f"{1900 + n // 12}-{n % 12 + 1:02d}", "remuneracion": f"{n}.00", "sac": "0.00",
         "ripte": "1.00", "coeficiente": "1.000000", "actualizado": f"{n}.00"}
        for n in range(6000)
    ]
    modelo = _Contador()
    modelo.cargar({"meses": meses, "parametros_usados": {}})
    vista = QTableView()
    qtbot.addWidget(vista)
    vista.setModel(modelo)
    vista.resize(700, 500)
    vista.show()
    qtbot.waitExposed(vista)
    nulos_antes = sys.getrefcount(None)

    for fila in range(0, 6000, 250):  # scroll down the whole table, painting each page
        vista.scrollTo(modelo.index(fila, 0))
        vista.viewport().grab()
    proxy = QIdentityProxyModel()
    proxy.setSourceModel(modelo)
    for fila in range(0, 6000, 3):
        indice = proxy.index(fila, 1)
        assert proxy.data(indice, Qt.ItemDataRole.DecorationRole) is None
        assert proxy.data(indice, Qt.ItemDataRole.UserRole) is None
        assert proxy.data(indice, ROL_TEXTO) == formato.monto(f"{fila}.00")
        assert proxy.headerData(99, Qt.Orientation.Horizontal, ROL_TEXTO) is None

    assert modelo.llamadas >= 5000
    assert modelo.nulos >= 5000
    # On an interpreter where None is not immortal a leak of thousands shows in its refcount.
    assert sys.getrefcount(None) >= nulos_antes - 1000


# --- application -----------------------------------------------------------------------------
def test_configurar_idioma_traduce_qt(qapp):
    assert aplicacion.configurar_idioma(qapp)
    assert QCoreApplication.translate("QFileDialog", "Open") == "Abrir"
    from PySide6.QtCore import QLocale

    assert QLocale().name() == "es_AR"


def test_excepthook_muestra_el_error(qapp, monkeypatch):
    vistas = []

    def falso_exec(caja):
        vistas.append((caja.text(), caja.detailedText()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", falso_exec)
    try:
        raise ValueError("algo salió mal")
    except ValueError as e:
        aplicacion.mostrar_error_inesperado(type(e), e, e.__traceback__)
    assert len(vistas) == 1
    texto, detalle = vistas[0]
    assert "algo salió mal" in texto
    assert "Traceback" in detalle and "ValueError" in detalle


@pytest.mark.bucle_principal
def test_main_abre_el_caso_del_entorno(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setenv(aplicacion.ENV_ABRIR, str(escribir(tmp_path, CASO_MUERTE, "entorno.json")))
    vistas = []

    def mirar_y_salir():
        for w in QApplication.topLevelWidgets():
            if isinstance(w, VentanaCalculo) and w.isVisible():
                vistas.append((w.windowTitle(), _concepto(w, CONCEPTO_TOTAL)))
                w.close()
        qapp.quit()

    QTimer.singleShot(0, mirar_y_salir)
    assert aplicacion.main() == 0
    assert sys.excepthook is aplicacion.mostrar_error_inesperado
    assert qapp.applicationName() == "Liquidador Autoseguro"
    assert len(vistas) == 1
    assert "entorno.json" in vistas[0][0] and vistas[0][1] == "11.651.191,96"


def test_capturas_no_salen_en_blanco(qapp, tmp_path):
    archivos = capturas.capturar(tmp_path)
    assert [a.name for a in archivos] == [
        "calculo_inicio.png", "calculo_remuneraciones.png", "calculo_calcular.png",
        "calculo_derechohabientes.png", "calculo_error.png",
    ]
    from PySide6.QtGui import QImage

    for a in archivos:
        imagen = QImage(str(a))
        assert imagen.width() >= 800 and not capturas.uniforme(imagen)
