"""Main window: the liquidation calculator over a CASO.json, laid out like SiAPe's screens.

It calls only `app.services.calculo`; a `LiquidacionError` (bad file, invalid case, missing
parameter) is shown in a red bar inside the window, with the Spanish message as it comes.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.liquidacion import LiquidacionError
from app.services import calculo

from . import detalle
from .formato import pesos
from .modelos import ModeloConceptos, ModeloDerechohabientes, ModeloRemuneraciones, ModeloTabla

NOMBRE_APLICACION = "Liquidador Autoseguro"
FILTRO_CASOS = "Casos (*.json);;Todos los archivos (*)"

TAB_REMUNERACIONES, TAB_CALCULAR, TAB_DERECHOHABIENTES, TAB_ADVERTENCIAS = range(4)
PAGINA_BIENVENIDA, PAGINA_RESULTADO = range(2)

ESTILO_ERROR = (
    "QLabel { background: #c62828; color: white; font-weight: bold;"
    " padding: 8px 10px; border-radius: 3px; }"
)

BIENVENIDA = """
<h2>Calculadora de liquidación</h2>
<p>Calcula las prestaciones dinerarias de un siniestro (Leyes 24.557, 26.773 y 27.348) a partir
de un archivo de caso <b>CASO.json</b>, con los parámetros vigentes (RIPTE, tasa activa del
Banco Nación y montos de la SRT).</p>
<p>Para empezar, abra un caso con <b>Archivo → Abrir caso…</b> (<b>Ctrl+O</b>) o con el botón de
abajo. Verá las pantallas <b>REMUNERACIONES</b>, <b>CALCULAR</b> y <b>DERECHOHABIENTES</b> como en
SiAPe. Si corrige el archivo, pulse <b>F5</b> para volver a calcular.</p>
<p>El archivo tiene el mismo formato que usa el comando <tt>python -m app liquidar</tt>
(ejemplo: <i>docs/ejemplos/caso_muerte.json</i>).</p>
<p style="color:#555555">Las pantallas completas de Administración (siniestros, acreditación de
derechohabientes, pagos y Propuesta de Convenio) llegan en la próxima versión.</p>
"""


ESTILO_TABLA = (
    "QTableView::item { padding: 3px 8px; }"
    " QHeaderView::section { padding: 4px 8px; border: none; border-right: 1px solid #c8c8c8;"
    " border-bottom: 1px solid #b0b0b0; background: #e9e9e9; font-weight: bold; }"
)


def _tabla(modelo: ModeloTabla, nombre: str, estirar: int | None = None, todas: bool = False) -> QTableView:
    t = QTableView()
    t.setObjectName(nombre)
    t.setAccessibleName(nombre)
    t.setModel(modelo)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setTabKeyNavigation(False)  # Tab leaves the table: arrows move inside it
    t.setWordWrap(True)
    t.setStyleSheet(ESTILO_TABLA)
    t.verticalHeader().setVisible(False)
    t.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    cab = t.horizontalHeader()
    cab.setSectionResizeMode(
        QHeaderView.ResizeMode.Stretch if todas else QHeaderView.ResizeMode.ResizeToContents
    )
    if estirar is not None:
        cab.setSectionResizeMode(estirar, QHeaderView.ResizeMode.Stretch)
    return t


class CuadroDatos(QGroupBox):
    """A titled box of `label: value` pairs, like SiAPe's CÁLCULOS; values can be selected."""

    def __init__(self, titulo: str, columnas: int = 2, numeros: bool = True, parent=None):
        super().__init__(titulo, parent)
        self._columnas = columnas
        self._alineacion = (
            Qt.AlignmentFlag.AlignRight if numeros else Qt.AlignmentFlag.AlignLeft
        ) | Qt.AlignmentFlag.AlignVCenter
        self._grilla = QGridLayout(self)
        self._grilla.setHorizontalSpacing(12)
        self._valores: dict[str, QLabel] = {}

    def poner(self, pares: list[tuple[str, str]]) -> None:
        while self._grilla.count():
            w = self._grilla.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self._valores = {}
        filas = -(-len(pares) // self._columnas)  # ceiling: fill column by column
        for n, (etiqueta, valor) in enumerate(pares):
            fila, col = n % filas, (n // filas) * 2
            et = QLabel(f"{etiqueta}:")
            va = QLabel(valor)
            va.setObjectName(etiqueta)
            va.setAlignment(self._alineacion)
            va.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            va.setFrameShape(QFrame.Shape.StyledPanel)
            va.setFrameShadow(QFrame.Shadow.Sunken)
            va.setMinimumWidth(130)
            va.setStyleSheet("QLabel { padding: 2px 6px; font-weight: bold; }")
            et.setBuddy(va)
            self._grilla.addWidget(et, fila, col)
            self._grilla.addWidget(va, fila, col + 1)
            self._valores[etiqueta] = va
        for c in range(self._columnas):
            self._grilla.setColumnStretch(c * 2 + 1, 1)

    def valor(self, etiqueta: str) -> str:
        return self._valores[etiqueta].text()

    def etiquetas(self) -> list[str]:
        return list(self._valores)


class VentanaCalculo(QMainWindow):
    """Calculadora de liquidación: open a CASO.json, see REMUNERACIONES, CALCULAR, DERECHOHABIENTES."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("VentanaCalculo")
        self._ruta: Path | None = None
        self._carpeta = Path.home()
        self.resultado: dict | None = None

        self.modelo_remuneraciones = ModeloRemuneraciones(self)
        self.modelo_conceptos = ModeloConceptos(self)
        self.modelo_derechohabientes = ModeloDerechohabientes(self)

        self._crear_acciones()
        self._crear_menu()
        self._crear_contenido()
        self.statusBar().showMessage("Abra un caso para calcular (Ctrl+O).")
        self.resize(1180, 800)
        self.setMinimumSize(800, 560)
        self._poner_titulo()

    # --- construction -------------------------------------------------------------------------
    def _crear_acciones(self) -> None:
        self.accion_abrir = QAction("&Abrir caso…", self)
        self.accion_abrir.setShortcut(QKeySequence("Ctrl+O"))
        self.accion_abrir.setStatusTip("Abrir un archivo de caso (CASO.json) y calcularlo")
        self.accion_abrir.triggered.connect(self.elegir_y_abrir)

        self.accion_recalcular = QAction("&Volver a calcular", self)
        self.accion_recalcular.setShortcut(QKeySequence("F5"))
        self.accion_recalcular.setStatusTip("Volver a leer el caso y los parámetros y recalcular")
        self.accion_recalcular.setEnabled(False)
        self.accion_recalcular.triggered.connect(self.recalcular)

        self.accion_salir = QAction("&Salir", self)
        self.accion_salir.setShortcut(QKeySequence("Ctrl+Q"))
        self.accion_salir.setMenuRole(QAction.MenuRole.QuitRole)
        self.accion_salir.triggered.connect(self.close)

    def _crear_menu(self) -> None:
        menu = self.menuBar().addMenu("&Archivo")
        menu.addAction(self.accion_abrir)
        menu.addAction(self.accion_recalcular)
        menu.addSeparator()
        menu.addAction(self.accion_salir)

    def _crear_contenido(self) -> None:
        central = QWidget()
        caja = QVBoxLayout(central)

        self.barra_error = QLabel()
        self.barra_error.setObjectName("barra_error")
        self.barra_error.setAccessibleName("Mensaje de error")
        self.barra_error.setStyleSheet(ESTILO_ERROR)
        self.barra_error.setWordWrap(True)
        self.barra_error.setTextFormat(Qt.TextFormat.PlainText)
        self.barra_error.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.barra_error.hide()
        caja.addWidget(self.barra_error)

        self.paginas = QStackedWidget()
        self.paginas.addWidget(self._pagina_bienvenida())
        self.paginas.addWidget(self._pagina_resultado())
        caja.addWidget(self.paginas, 1)
        self.setCentralWidget(central)

    def _pagina_bienvenida(self) -> QWidget:
        pagina = QWidget()
        caja = QVBoxLayout(pagina)
        caja.addStretch(1)
        self.texto_bienvenida = QLabel(BIENVENIDA)
        self.texto_bienvenida.setObjectName("bienvenida")
        self.texto_bienvenida.setWordWrap(True)
        self.texto_bienvenida.setTextFormat(Qt.TextFormat.RichText)
        self.texto_bienvenida.setMaximumWidth(720)
        fila = QHBoxLayout()
        fila.addStretch(1)
        fila.addWidget(self.texto_bienvenida, 4)
        fila.addStretch(1)
        caja.addLayout(fila)
        caja.addSpacing(12)
        self.boton_abrir = QPushButton("Abrir &caso…")
        self.boton_abrir.setDefault(True)
        self.boton_abrir.clicked.connect(self.elegir_y_abrir)
        self.boton_recalcular = QPushButton("&Volver a calcular (F5)")
        self.boton_recalcular.clicked.connect(self.recalcular)
        self.boton_recalcular.hide()
        fila_boton = QHBoxLayout()
        fila_boton.addStretch(1)
        fila_boton.addWidget(self.boton_abrir)
        fila_boton.addWidget(self.boton_recalcular)
        fila_boton.addStretch(1)
        caja.addLayout(fila_boton)
        caja.addStretch(2)
        return pagina

    def _pagina_resultado(self) -> QWidget:
        pagina = QWidget()
        caja = QVBoxLayout(pagina)
        caja.setContentsMargins(0, 0, 0, 0)
        self.cuadro_caso = CuadroDatos("CASO", columnas=4, numeros=False)
        caja.addWidget(self.cuadro_caso)

        self.pestanias = QTabWidget()
        self.pestanias.setObjectName("pestanias")
        self.pestanias.addTab(self._pestania_remuneraciones(), "&REMUNERACIONES")
        self.pestanias.addTab(self._pestania_calcular(), "&CALCULAR")
        self.pestanias.addTab(self._pestania_derechohabientes(), "&DERECHOHABIENTES")
        self.pestanias.addTab(self._pestania_advertencias(), "AD&VERTENCIAS")
        caja.addWidget(self.pestanias, 1)
        return pagina

    def _pestania_remuneraciones(self) -> QWidget:
        w = QWidget()
        caja = QVBoxLayout(w)
        self.tabla_remuneraciones = _tabla(self.modelo_remuneraciones, "Remuneraciones", todas=True)
        caja.addWidget(self.tabla_remuneraciones, 1)
        self.cuadro_calculos = CuadroDatos("CÁLCULOS", columnas=2)
        caja.addWidget(self.cuadro_calculos)
        self.nota_vib = QLabel()
        self.nota_vib.setObjectName("nota_vib")
        self.nota_vib.setWordWrap(True)
        self.nota_vib.setStyleSheet("QLabel { color: #333333; font-style: italic; }")
        caja.addWidget(self.nota_vib)
        return w

    def _pestania_calcular(self) -> QWidget:
        w = QWidget()
        caja = QVBoxLayout(w)
        self.tabla_conceptos = _tabla(self.modelo_conceptos, "Conceptos", estirar=2)
        caja.addWidget(self.tabla_conceptos, 1)
        cuadro = QGroupBox("PARÁMETROS USADOS")
        c = QVBoxLayout(cuadro)
        self.texto_parametros = QLabel()
        self.texto_parametros.setObjectName("parametros_usados")
        self.texto_parametros.setWordWrap(True)
        self.texto_parametros.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        c.addWidget(self.texto_parametros)
        caja.addWidget(cuadro)
        return w

    def _pestania_derechohabientes(self) -> QWidget:
        w = QWidget()
        caja = QVBoxLayout(w)
        self.tabla_derechohabientes = _tabla(self.modelo_derechohabientes, "Derechohabientes", estirar=8)
        caja.addWidget(self.tabla_derechohabientes, 1)
        self.nota_derechohabientes = QLabel()
        self.nota_derechohabientes.setObjectName("nota_derechohabientes")
        self.nota_derechohabientes.setWordWrap(True)
        caja.addWidget(self.nota_derechohabientes)
        return w

    def _pestania_advertencias(self) -> QWidget:
        w = QWidget()
        caja = QVBoxLayout(w)
        self.lista_advertencias = QListWidget()
        self.lista_advertencias.setObjectName("Advertencias")
        self.lista_advertencias.setAccessibleName("Advertencias")
        self.lista_advertencias.setWordWrap(True)
        caja.addWidget(self.lista_advertencias)
        return w

    # --- actions ------------------------------------------------------------------------------
    def elegir_y_abrir(self) -> None:
        ruta, _ = QFileDialog.getOpenFileName(self, "Abrir caso", str(self._carpeta), FILTRO_CASOS)
        if ruta:
            self.abrir(Path(ruta))

    def recalcular(self) -> None:
        if self._ruta is not None:
            self.abrir(self._ruta)

    def abrir(self, ruta: Path | str) -> bool:
        """Read and calculate a case; True when it could be calculated, else the red bar says why."""
        ruta = Path(ruta)
        self._ruta = ruta
        self._carpeta = ruta.parent
        self.accion_recalcular.setEnabled(True)
        self._poner_titulo()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            datos = calculo.leer_caso(ruta)
            resultado = calculo.liquidar_dict(datos, calculo.parametros_vigentes())
        except LiquidacionError as e:
            self._mostrar_error(f"No se pudo calcular «{ruta.name}»: {e}")
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self._mostrar_resultado(resultado, datos)
        return True

    # --- display ------------------------------------------------------------------------------
    def _poner_titulo(self) -> None:
        if self._ruta is None:
            self.setWindowTitle(f"Calculadora de liquidación — {NOMBRE_APLICACION}")
        else:
            self.setWindowTitle(f"{self._ruta.name} — Calculadora de liquidación — {NOMBRE_APLICACION}")

    def _mostrar_error(self, mensaje: str) -> None:
        self.resultado = None
        for modelo in (self.modelo_remuneraciones, self.modelo_conceptos, self.modelo_derechohabientes):
            modelo.limpiar()
        self.lista_advertencias.clear()
        self.barra_error.setText(mensaje)
        self.barra_error.show()
        self.boton_recalcular.show()
        self.paginas.setCurrentIndex(PAGINA_BIENVENIDA)
        self.statusBar().showMessage("El caso no se pudo calcular: corrija el archivo y pulse F5.")

    def _mostrar_resultado(self, r: dict, datos: dict) -> None:
        self.resultado = r
        self.barra_error.clear()
        self.barra_error.hide()

        archivo = self._ruta.name if self._ruta else ""
        self.cuadro_caso.poner([("Archivo", archivo)] + detalle.resumen_caso(r, datos))
        self.modelo_remuneraciones.cargar(r)
        self.cuadro_calculos.poner(detalle.calculos(r, datos))
        self.nota_vib.setText(detalle.nota_vib(r))

        self.modelo_conceptos.cargar(r, datos)
        self.texto_parametros.setText(detalle.parametros_usados(r))

        self.modelo_derechohabientes.cargar(r)
        self.nota_derechohabientes.setText(detalle.nota_derechohabientes(r))

        avisos = r.get("advertencias") or []
        self.lista_advertencias.clear()
        self.lista_advertencias.addItems(avisos or ["Sin advertencias."])
        self.pestanias.setTabText(TAB_ADVERTENCIAS, f"AD&VERTENCIAS ({len(avisos)})")

        self.paginas.setCurrentIndex(PAGINA_RESULTADO)
        hora = datetime.now().strftime("%H:%M:%S")
        self.statusBar().showMessage(
            f"Calculado a las {hora} con los parámetros vigentes. Total: {pesos(r.get('total'))}."
        )

    # --- for tests and screenshots ------------------------------------------------------------
    @property
    def ruta(self) -> Path | None:
        return self._ruta

    def mensaje_error(self) -> str:
        return self.barra_error.text() if self.barra_error.isVisibleTo(self) else ""
