"""«Vista previa de la importación»: what a file would change before it is stored.

Shows the problems (file, row, field, why), the rows added / changed / removed against the
version in force and the file's rows as they would be stored. «Confirmar» is enabled only for a
file without problems; it emits `confirmado` and the window stores it (the dialog stays open to
show a refusal in its red bar). Changing the sheet emits `hoja_elegida(nombre)`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
)

from .. import formato
from ..mensajes import texto_de
from . import textos
from .modelos import ModeloCambios, ModeloFilas, ModeloProblemas

ESTILO_ERROR = "QLabel { background: #c62828; color: white; font-weight: bold; padding: 4px 8px; }"
ESTILO_AVISO = "QLabel { background: #fff3cd; color: #5c4400; padding: 4px 8px; }"
ESTILO_OK = "QLabel { background: #e3f1e3; color: #123d12; padding: 4px 8px; }"


def tabla_de_lectura(nombre: str) -> QTableView:
    """A read-only, row-selecting grid, sized to its contents."""
    vista = QTableView()
    vista.setObjectName(nombre)
    vista.setAccessibleName(nombre)
    vista.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    vista.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    vista.setAlternatingRowColors(True)
    vista.setWordWrap(False)
    vista.verticalHeader().setVisible(False)
    vista.verticalHeader().setDefaultSectionSize(vista.fontMetrics().height() + 8)
    vista.horizontalHeader().setHighlightSections(False)
    return vista


def ajustar_columnas(vista: QTableView, ultima_estira: bool = True) -> None:
    """Widths to the contents (of the first rows: fast on 2.000 rows), the last column stretches."""
    cabecera = vista.horizontalHeader()
    cabecera.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    cabecera.setResizeContentsPrecision(200)
    vista.resizeColumnsToContents()
    for i in range(cabecera.count()):
        cabecera.resizeSection(i, min(cabecera.sectionSize(i) + 12, 420))
    cabecera.setStretchLastSection(ultima_estira)


def _plural(n: int, singular: str, plural: str) -> str:
    return f"{formato.entero(n)} {singular if n == 1 else plural}"


def resumen(vista) -> str:
    """The sentence under the title: rows read and what changes (or why nothing can be stored)."""
    leidas = _plural(vista.filas_leidas, "fila leída", "filas leídas")
    if vista.problemas:
        return (f"{leidas}. El archivo tiene {_plural(len(vista.problemas), 'problema', 'problemas')}: "
                "corríjalo y vuelva a importarlo. No se guardará nada.")
    if not vista.se_puede_confirmar:
        return f"{leidas}. No hay nada para guardar."
    contra = (f"la versión vigente (N° {vista.version_actual})" if vista.version_actual is not None
              else "la tabla (todavía sin versiones)")
    if not vista.cambios:
        return f"{leidas}. Sin diferencias con {contra}: confirmar guarda una versión nueva idéntica."
    return (f"{leidas}. Contra {contra}: {_plural(vista.contar('agregada'), 'agregada', 'agregadas')}, "
            f"{_plural(vista.contar('cambiada'), 'cambiada', 'cambiadas')}, "
            f"{_plural(vista.contar('quitada'), 'quitada', 'quitadas')}.")


class DialogoVistaPrevia(QDialog):
    confirmado = Signal(object)  # the Vista to store
    hoja_elegida = Signal(str)

    def __init__(self, vista, parent=None):
        super().__init__(parent)
        self.vista = vista
        self.setWindowTitle(f"Vista previa de la importación — {textos.NOMBRES[vista.tabla]}")
        caja = QVBoxLayout(self)

        encabezado = QHBoxLayout()
        datos = QLabel(f"<b>Tabla:</b> {textos.NOMBRES[vista.tabla]} &nbsp;·&nbsp; <b>Archivo:</b> "
                       f"{vista.ruta}<br><b>SHA-256:</b> {vista.sha256 or formato.VACIO}")
        datos.setObjectName("datos_archivo")
        datos.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        encabezado.addWidget(datos, 1)
        self.combo_hoja = QComboBox()
        self.combo_hoja.setObjectName("hoja")
        self.combo_hoja.setAccessibleName("Hoja")
        self.combo_hoja.addItems(vista.hojas)
        if vista.hoja:
            self.combo_hoja.setCurrentText(vista.hoja)
        if len(vista.hojas) > 1:  # a one-sheet book (or a CSV) has nothing to choose
            rotulo = QLabel("&Hoja:")
            rotulo.setBuddy(self.combo_hoja)
            encabezado.addWidget(rotulo)
            encabezado.addWidget(self.combo_hoja)
            self.combo_hoja.currentTextChanged.connect(self.hoja_elegida)
        else:
            self.combo_hoja.hide()
        caja.addLayout(encabezado)

        self.etiqueta_resumen = QLabel(resumen(vista))
        self.etiqueta_resumen.setObjectName("resumen")
        self.etiqueta_resumen.setWordWrap(True)
        self.etiqueta_resumen.setStyleSheet(ESTILO_ERROR if vista.problemas else
                                            ESTILO_OK if vista.cambios else ESTILO_AVISO)
        caja.addWidget(self.etiqueta_resumen)

        self.pestanias = QTabWidget()
        self.modelo_problemas = ModeloProblemas(self)
        self.modelo_problemas.cargar(vista.problemas)
        self.modelo_cambios = ModeloCambios(self)
        self.modelo_cambios.cargar(vista.tabla, vista.cambios)
        self.modelo_filas = ModeloFilas.para(vista.tabla)(self)
        self.modelo_filas.cargar({"numero": "nueva", "origen": vista.archivo, "cargado_por": "—",
                                  "cargado_en": None, "filas": vista.filas})
        self.tabla_problemas = tabla_de_lectura("problemas")
        self.tabla_cambios = tabla_de_lectura("cambios")
        self.tabla_filas = tabla_de_lectura("filas_nuevas")
        for vista_tabla, modelo, titulo, n in (
            (self.tabla_problemas, self.modelo_problemas, "&Problemas", len(vista.problemas)),
            (self.tabla_cambios, self.modelo_cambios, "Ca&mbios", len(vista.cambios)),
            (self.tabla_filas, self.modelo_filas, "&Filas del archivo", len(vista.filas)),
        ):
            vista_tabla.setModel(modelo)
            ajustar_columnas(vista_tabla)
            self.pestanias.addTab(vista_tabla, f"{titulo} ({formato.entero(n)})")
        self.pestanias.setCurrentIndex(0 if vista.problemas else 1)
        caja.addWidget(self.pestanias, 1)

        self.barra = QLabel()
        self.barra.setObjectName("mensaje")
        self.barra.setWordWrap(True)
        self.barra.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.barra.hide()
        caja.addWidget(self.barra)

        botones = QHBoxLayout()
        botones.addStretch(1)
        self.boton_confirmar = QPushButton("&Confirmar")
        self.boton_confirmar.setObjectName("confirmar")
        self.boton_cancelar = QPushButton("C&ancelar")
        self.boton_cancelar.setObjectName("cancelar")
        botones.addWidget(self.boton_confirmar)
        botones.addWidget(self.boton_cancelar)
        caja.addLayout(botones)
        self.boton_confirmar.setEnabled(vista.se_puede_confirmar)
        if vista.problemas:
            self.boton_confirmar.setToolTip("El archivo tiene problemas: corríjalos y vuelva a importarlo.")
        elif not vista.se_puede_confirmar:
            self.boton_confirmar.setToolTip("El archivo no tiene filas para guardar.")
        else:
            self.boton_confirmar.setToolTip("Guarda el archivo como versión nueva de la tabla (la anterior se "
                                            "conserva).")
            self.boton_confirmar.setDefault(True)
        self.boton_confirmar.clicked.connect(self._confirmar)
        self.boton_cancelar.clicked.connect(self.reject)
        self.resize(1050, 620)

    def _confirmar(self) -> None:
        if not self.vista.se_puede_confirmar:  # the button is disabled; a shortcut must not bypass it
            return
        self.boton_confirmar.setEnabled(False)
        self.barra.hide()
        self.confirmado.emit(self.vista)

    def mostrar_error(self, problema: BaseException | str) -> None:
        """The store refused: say why and let the user cancel (nothing was written)."""
        self.barra.setStyleSheet(ESTILO_ERROR)
        self.barra.setText(texto_de(problema))
        self.barra.show()
        self.boton_confirmar.setEnabled(False)
        self.boton_confirmar.setToolTip("No se pudo guardar: vea el mensaje y vuelva a importar el archivo.")

    def mensaje(self) -> str:
        return self.barra.text() if not self.barra.isHidden() else ""
