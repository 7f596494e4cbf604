"""«Prestaciones Dinerarias — Administración»: filters over the siniestros grid, as in SiAPe.

Organismo (combo with «Todos»), Apellido y Nombre and Cuit-Cuil (dashes allowed) filter as you
type after a short pause (150 ms debounce), «Mostrar sólo: MORTALES» at once; each filter is one
SQL query and one model reset. The label counts the siniestros found; column widths and the sort
column are kept in QSettings («Provincia» / «LiquidadorAutoseguro»). Clicking a header sorts in SQL.

Per row, as SiAPe's buttons: a toolbar, a context menu and shortcuts (acciones.py) emit
`accion_pedida(nombre, siniestro_id)` — «agente» with the agente's id —; Intro or double-click
on a row asks for «siniestro». A green (DH) row acts on its siniestro.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import ErrorAplicacion

from .. import exportar, formato
from . import acciones
from .modelo import COL_NOMBRE, COLUMNAS, ORDEN_DE_COLUMNA, SINIESTRO, FuenteServicios, ModeloAdministracion

TITULO = "Prestaciones Dinerarias — Administración"
ORGANIZACION, APLICACION = "Provincia", "LiquidadorAutoseguro"
CLAVE_ANCHOS = "administracion/anchos_columnas"
CLAVE_ORDEN = "administracion/orden"  # "columna,descendente"
DEMORA_FILTRO_MS = 150
# what each column must fit at first (bold, as the black rows), until the user resizes it
MUESTRAS = ("Ministerio de Salud Pública", "20-12345678-9", "Apellido Apellido, Nombre", "Conviviente · 100,0000 %",
            "00/00/0000", "00/00/0000", "00/00/0000  $ 000.000.000,00", "000.000.000,00", "En liquidación")

# on the header only: a style sheet on the table itself makes every cell paint through the
# (slow) style-sheet style, ~20 ms per screen of rows
ESTILO_CABECERA = (
    "QHeaderView::section { padding: 4px 6px; border: none; border-right: 1px solid #c8c8c8;"
    " border-bottom: 1px solid #b0b0b0; background: #e9e9e9; font-weight: bold; }"
)
ESTILO_TOTAL = "QLabel { font-weight: bold; padding: 2px 6px; }"
ESTILO_ERROR = "QLabel { background: #c62828; color: white; font-weight: bold; padding: 2px 6px; }"


def configuracion() -> QSettings:
    """The user's settings, always as an INI file (also on Windows), so that one
    `QSettings.setPath(IniFormat, UserScope, carpeta)` moves them (tests, screenshots)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZACION, APLICACION)


def texto_total(n: int) -> str:
    return f"{formato.entero(n)} siniestro" + ("" if n == 1 else "s")


class VentanaAdministracion(QMainWindow):
    accion_pedida = Signal(str, int)  # (acciones.Accion.nombre, siniestro id — agente id for «agente»)
    filtrado = Signal(int)  # after each model reset, with the count

    def __init__(self, ctx, parent=None, fuente=None):
        super().__init__(parent)
        self.setWindowTitle(TITULO)
        self.ctx = ctx
        self.fuente = fuente or FuenteServicios(ctx)
        self.modelo = ModeloAdministracion(self.fuente, self)

        central = QWidget(self)
        caja = QVBoxLayout(central)
        titulo = QLabel("Prestaciones Dinerarias / Administración")
        titulo.setStyleSheet("QLabel { font-size: 15px; font-weight: bold; padding: 2px 0 4px 0; }")
        caja.addWidget(titulo)

        filtros = QHBoxLayout()
        self.combo_organismo = QComboBox()
        self.combo_organismo.setObjectName("organismo")
        self.combo_organismo.setAccessibleName("Organismo")
        self.combo_organismo.addItem("Todos", None)
        for o in self.fuente.organismos():
            self.combo_organismo.addItem(o["nombre"], o["id"])
        self.combo_organismo.setMinimumContentsLength(22)
        self.campo_apellido = QLineEdit()
        self.campo_apellido.setObjectName("apellido")
        self.campo_apellido.setAccessibleName("Apellido y Nombre")
        self.campo_apellido.setPlaceholderText("p. ej. núñez maría")
        self.campo_apellido.setClearButtonEnabled(True)
        self.campo_cuil = QLineEdit()
        self.campo_cuil.setObjectName("cuil")
        self.campo_cuil.setAccessibleName("Cuit-Cuil")
        self.campo_cuil.setPlaceholderText("20-12345678-9")
        self.campo_cuil.setClearButtonEnabled(True)
        self.campo_cuil.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9 .\-]{0,16}"), self))
        self.campo_cuil.setMaximumWidth(150)
        self.casilla_mortales = QCheckBox("MORTALES")
        self.casilla_mortales.setObjectName("mortales")
        for etiqueta, campo in (("Organismo:", self.combo_organismo), ("Apellido y Nombre:", self.campo_apellido),
                                ("Cuit-Cuil:", self.campo_cuil)):
            rotulo = QLabel(etiqueta)
            rotulo.setBuddy(campo)
            filtros.addWidget(rotulo)
            filtros.addWidget(campo, 1 if campo is self.campo_apellido else 0)
            filtros.addSpacing(8)
        filtros.addWidget(QLabel("Mostrar sólo:"))
        filtros.addWidget(self.casilla_mortales)
        caja.addLayout(filtros)

        self.etiqueta_total = QLabel()
        self.etiqueta_total.setObjectName("total")
        self.etiqueta_total.setStyleSheet(ESTILO_TOTAL)
        caja.addWidget(self.etiqueta_total)

        self.tabla = QTableView()
        self.tabla.setObjectName("siniestros")
        self.tabla.setAccessibleName("Siniestros")
        self.tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabla.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabla.setTabKeyNavigation(False)
        self.tabla.setWordWrap(False)
        self.tabla.setShowGrid(True)
        vertical = self.tabla.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
        vertical.setDefaultSectionSize(24)
        self.tabla.setModel(self.modelo)
        cabecera = self.tabla.horizontalHeader()
        cabecera.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        cabecera.setStretchLastSection(True)
        cabecera.setHighlightSections(False)
        cabecera.setStyleSheet(ESTILO_CABECERA)
        self._restaurar_anchos()
        cabecera.sectionResized.connect(self._al_redimensionar)
        self._restaurar_orden()
        cabecera.sortIndicatorChanged.connect(self._al_ordenar)
        self.tabla.doubleClicked.connect(self._doble_clic)
        caja.addWidget(self.tabla, 1)
        self.setCentralWidget(central)
        self._crear_acciones()

        self._demora = QTimer(self)
        self._demora.setSingleShot(True)
        self._demora.setInterval(DEMORA_FILTRO_MS)
        self._demora.timeout.connect(self.filtrar_ahora)
        self._guardar_demora = QTimer(self)
        self._guardar_demora.setSingleShot(True)
        self._guardar_demora.setInterval(400)
        self._guardar_demora.timeout.connect(self.guardar_anchos)
        self.campo_apellido.textChanged.connect(self._demora.start)
        self.campo_cuil.textChanged.connect(self._demora.start)
        self.combo_organismo.currentIndexChanged.connect(self.filtrar_ahora)
        self.casilla_mortales.toggled.connect(self.filtrar_ahora)

        self.resize(1340, 720)
        self.filtrar_ahora()

    # --- filters ------------------------------------------------------------------------------
    def filtros(self) -> dict:
        orden, descendente = self._orden
        return {
            "organismo_id": self.combo_organismo.currentData(),
            "apellido": self.campo_apellido.text(),
            "cuil": self.campo_cuil.text(),
            "solo_mortales": self.casilla_mortales.isChecked(),
            "orden": orden,
            "descendente": descendente,
        }

    def filtrar_ahora(self) -> None:
        """Query with the current filters and reset the grid (what the debounce timer calls)."""
        self._demora.stop()
        try:
            total = self.modelo.filtrar(self.filtros())
        except ErrorAplicacion as e:
            self.etiqueta_total.setStyleSheet(ESTILO_ERROR)
            self.etiqueta_total.setText(str(e))
            return
        self.etiqueta_total.setStyleSheet(ESTILO_TOTAL)
        self.etiqueta_total.setText(texto_total(total))
        if self.modelo.rowCount():
            self.tabla.scrollToTop()
        self._actualizar_acciones()
        self.filtrado.emit(total)

    def refrescar(self) -> None:
        """Query again (after a window saved something), keeping the selected siniestro if it
        is still on the loaded pages."""
        elegido = self.siniestro_actual()
        self.filtrar_ahora()
        if elegido is not None:
            self.seleccionar_siniestro(elegido)

    def filtro_pendiente(self) -> bool:
        return self._demora.isActive()

    # --- rows and their actions -------------------------------------------------------------
    def _crear_acciones(self) -> None:
        self.acciones = {}
        barra = self.addToolBar("Siniestro")
        barra.setObjectName("barra_siniestro")
        barra.setMovable(False)
        barra.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for definicion in acciones.ACCIONES:
            accion = acciones.crear(definicion, self)
            # the grid's shortcuts work wherever the focus is in this window (filters included)
            accion.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            accion.triggered.connect(lambda _=False, n=definicion.nombre: self.pedir(n))
            if definicion.nombre != "siniestro":
                self.addAction(accion)
            if definicion.en_barra:
                barra.addAction(accion)
            self.acciones[definicion.nombre] = accion
        # the whole grid (every page of the current filters and order), not a row: after a separator
        barra.addSeparator()
        self.accion_exportar = exportar.accion(self, lambda: exportar.exportar_administracion(self))
        barra.addAction(self.accion_exportar)
        # Intro on the grid opens the siniestro; in the filters it must stay a plain key
        self.acciones["siniestro"].setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.tabla.addAction(self.acciones["siniestro"])
        self.tabla.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tabla.customContextMenuRequested.connect(self._menu_contextual)
        self.tabla.selectionModel().currentRowChanged.connect(lambda *_: self._actualizar_acciones())
        self._actualizar_acciones()

    def fila_actual(self):
        indice = self.tabla.currentIndex()
        if not indice.isValid() or indice.row() >= self.modelo.rowCount():
            return None
        return self.modelo.fila(indice.row())

    def siniestro_actual(self) -> int | None:
        fila = self.fila_actual()
        return None if fila is None else fila.siniestro_id

    def _mortal(self, fila) -> bool:
        # green rows are accredited DH, which only fatal siniestros have
        return fila.tipo != SINIESTRO or fila.datos.get("tipo") == "muerte"

    def _actualizar_acciones(self) -> None:
        if not hasattr(self, "acciones"):
            return
        fila = self.fila_actual()
        for definicion in acciones.ACCIONES:
            accion = self.acciones[definicion.nombre]
            habilitada = fila is not None and (not definicion.solo_mortales or self._mortal(fila))
            if habilitada and definicion.solo_acreditados:
                habilitada = acciones.con_acreditados(self.modelo, self.tabla.currentIndex().row())
            if definicion.nombre == "agente" and fila is not None and fila.tipo != SINIESTRO:
                habilitada = False  # a DH row: the agente is on the black row above
            accion.setEnabled(habilitada)

    def pedir(self, nombre: str) -> None:
        """Emit the row action `nombre` for the current row (if it applies to it)."""
        fila = self.fila_actual()
        accion = self.acciones[nombre]
        if fila is None or not accion.isEnabled():
            return
        if nombre == "agente":
            self.accion_pedida.emit(nombre, fila.datos["agente_id"])
        else:
            self.accion_pedida.emit(nombre, fila.siniestro_id)

    def _menu_contextual(self, punto) -> None:
        indice = self.tabla.indexAt(punto)
        if not indice.isValid():
            return
        self.tabla.setCurrentIndex(indice)
        menu = QMenu(self)
        for definicion in acciones.ACCIONES:
            menu.addAction(self.acciones[definicion.nombre])
            if definicion.nombre == "siniestro":
                menu.addSeparator()
        menu.popup(self.tabla.viewport().mapToGlobal(punto))
        self.menu_contextual = menu  # kept for the tests

    def seleccionar_siniestro(self, siniestro_id: int) -> bool:
        for n in range(self.modelo.rowCount()):
            fila = self.modelo.fila(n)
            if fila.tipo == SINIESTRO and fila.siniestro_id == siniestro_id:
                self.tabla.setCurrentIndex(self.modelo.index(n, COL_NOMBRE))
                self.tabla.scrollTo(self.modelo.index(n, COL_NOMBRE))
                return True
        return False

    def _doble_clic(self, indice) -> None:
        if indice.isValid():
            self.tabla.setCurrentIndex(indice)
            self.pedir("siniestro")

    # --- sorting ------------------------------------------------------------------------------
    def _restaurar_orden(self) -> None:
        columna, descendente = COL_NOMBRE, False
        guardado = configuracion().value(CLAVE_ORDEN)
        if isinstance(guardado, str) and "," in guardado:
            c, _, d = guardado.partition(",")
            if c.isdigit() and int(c) in ORDEN_DE_COLUMNA:
                columna, descendente = int(c), d == "1"
        self._orden = (ORDEN_DE_COLUMNA[columna], descendente)
        self._columna_orden = columna
        orden = Qt.SortOrder.DescendingOrder if descendente else Qt.SortOrder.AscendingOrder
        self.tabla.horizontalHeader().setSortIndicator(columna, orden)
        self.tabla.horizontalHeader().setSortIndicatorShown(True)
        self.tabla.horizontalHeader().setSectionsClickable(True)

    def _al_ordenar(self, columna: int, orden) -> None:
        cabecera = self.tabla.horizontalHeader()
        if columna not in ORDEN_DE_COLUMNA:  # Liquidación / Pago: computed per row, not sortable
            anterior = Qt.SortOrder.DescendingOrder if self._orden[1] else Qt.SortOrder.AscendingOrder
            cabecera.blockSignals(True)
            cabecera.setSortIndicator(self._columna_orden, anterior)
            cabecera.blockSignals(False)
            self.statusBar().showMessage("Esta columna no se puede ordenar.", 3000)
            return
        self._orden = (ORDEN_DE_COLUMNA[columna], orden == Qt.SortOrder.DescendingOrder)
        self._columna_orden = columna
        ajustes = configuracion()
        ajustes.setValue(CLAVE_ORDEN, f"{columna},{1 if self._orden[1] else 0}")
        self.filtrar_ahora()

    # --- column widths ------------------------------------------------------------------------
    def anchos(self) -> list[int]:
        cabecera = self.tabla.horizontalHeader()
        return [cabecera.sectionSize(i) for i in range(len(COLUMNAS))]

    def anchos_iniciales(self) -> list[int]:
        fuente = QFont(self.tabla.font())
        fuente.setBold(True)
        medidas = QFontMetrics(fuente)
        return [medidas.horizontalAdvance(m) + 24 for m in MUESTRAS]

    def _restaurar_anchos(self) -> None:
        guardados = configuracion().value(CLAVE_ANCHOS)
        anchos = self.anchos_iniciales()
        if isinstance(guardados, (list, tuple)) and len(guardados) == len(COLUMNAS):
            try:
                anchos = [max(30, int(a)) for a in guardados]
            except (TypeError, ValueError):
                pass
        for i, ancho in enumerate(anchos):
            self.tabla.setColumnWidth(i, ancho)

    def _al_redimensionar(self, *_):
        self._guardar_demora.start()

    def guardar_anchos(self) -> None:
        self._guardar_demora.stop()
        ajustes = configuracion()
        ajustes.setValue(CLAVE_ANCHOS, self.anchos())
        ajustes.sync()

    def closeEvent(self, evento) -> None:
        self.guardar_anchos()
        super().closeEvent(evento)
