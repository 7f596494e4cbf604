"""«Prestaciones Dinerarias — Administración»: filters over the siniestros grid, as in SiAPe.

Organismo (combo with «Todos»), Apellido y Nombre and Cuit-Cuil (dashes allowed) filter as you
type after a short pause (150 ms debounce), «Mostrar sólo: MORTALES» at once; each filter is one
SQL query and one model reset. The label counts the siniestros found; column widths are kept in
QSettings («Provincia» / «LiquidadorAutoseguro»). Double-click on a siniestro (black row) emits
`siniestro_elegido(id)`.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, QSettings, QTimer, Signal
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
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import ErrorAplicacion

from .. import formato
from .modelo import COLUMNAS, SINIESTRO, FuenteServicios, ModeloAdministracion

TITULO = "Prestaciones Dinerarias — Administración"
ORGANIZACION, APLICACION = "Provincia", "LiquidadorAutoseguro"
CLAVE_ANCHOS = "administracion/anchos_columnas"
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
    siniestro_elegido = Signal(int)
    filtrado = Signal(int)  # after each model reset, with the count

    def __init__(self, ctx, parent=None, fuente=None):
        super().__init__(parent)
        self.setWindowTitle(TITULO)
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
        self.tabla.doubleClicked.connect(self._doble_clic)
        caja.addWidget(self.tabla, 1)
        self.setCentralWidget(central)

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
        return {
            "organismo_id": self.combo_organismo.currentData(),
            "apellido": self.campo_apellido.text(),
            "cuil": self.campo_cuil.text(),
            "solo_mortales": self.casilla_mortales.isChecked(),
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
        self.filtrado.emit(total)

    def filtro_pendiente(self) -> bool:
        return self._demora.isActive()

    # --- rows ---------------------------------------------------------------------------------
    def _doble_clic(self, indice) -> None:
        if not indice.isValid():
            return
        fila = self.modelo.fila(indice.row())
        if fila.tipo == SINIESTRO:
            self.siniestro_elegido.emit(fila.siniestro_id)

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
