"""«Tablas de parámetros»: RIPTE, tasa activa BNA, montos SRT and the other tables the store
versions. Shows the rows of a version (the one in force by default) in es-AR format with the origin
of each row, the list of versions (origin, SHA-256, who and when) and where the bundled data comes
from (SOURCES.md). «Importar…» reads a CSV or spreadsheet off the GUI thread, shows the preview and,
on «Confirmar», stores it as a new version (administrador only).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import ErrorAplicacion
from app.services import parametros
from app.services.nucleo import DESCRIPCION_PERMISO

from .. import exportar, formato, tareas
from ..mensajes import texto_de
from . import textos
from .modelos import ModeloFilas, ModeloVersiones
from .vista_previa import (
    ESTILO_ERROR,
    DialogoVistaPrevia,
    ajustar_columnas,
    tabla_de_lectura,
)

TITULO = "Tablas de parámetros"
ESTILO_OK = "QLabel { background: #2e7d32; color: white; padding: 4px 8px; }"
ESTILO_TITULO = "QLabel { font-size: 15px; font-weight: bold; padding: 2px 0 4px 0; }"
FILTRO_ARCHIVOS = "Planillas y CSV (*.csv *.xlsx *.xlsm *.xls *.ods);;Todos los archivos (*)"


class VentanaParametros(QMainWindow):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.tarea: tareas.Tarea | None = None
        self.vista_previa: DialogoVistaPrevia | None = None
        self.version: dict | None = None
        self.setWindowTitle(TITULO)
        central = QWidget(self)
        caja = QVBoxLayout(central)
        titulo = QLabel(TITULO)
        titulo.setStyleSheet(ESTILO_TITULO)
        caja.addWidget(titulo)

        arriba = QHBoxLayout()
        self.combo_tabla = QComboBox()
        self.combo_tabla.setObjectName("tabla")
        self.combo_tabla.setAccessibleName("Tabla")
        for clave, nombre in textos.TABLAS:
            self.combo_tabla.addItem(nombre, clave)
        self.combo_tabla.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.campo_buscar = QLineEdit()
        self.campo_buscar.setObjectName("buscar")
        self.campo_buscar.setAccessibleName("Buscar")
        self.campo_buscar.setPlaceholderText("p. ej. 2019, 05-2019 o 4676")
        self.campo_buscar.setClearButtonEnabled(True)
        self.campo_buscar.setMinimumWidth(240)
        self.boton_importar = QPushButton("&Importar…")
        self.boton_importar.setObjectName("importar")
        for texto, campo in (("&Tabla:", self.combo_tabla), ("&Buscar:", self.campo_buscar)):
            rotulo = QLabel(texto)
            rotulo.setBuddy(campo)
            arriba.addWidget(rotulo)
            arriba.addWidget(campo)
            arriba.addSpacing(12)
        arriba.addStretch(1)
        self.boton_exportar = exportar.boton(self, self.exportar)
        arriba.addWidget(self.boton_exportar)
        arriba.addWidget(self.boton_importar)
        caja.addLayout(arriba)

        self.etiqueta_version = QLabel()
        self.etiqueta_version.setObjectName("version")
        self.etiqueta_version.setWordWrap(True)
        caja.addWidget(self.etiqueta_version)
        self.barra = QLabel()
        self.barra.setObjectName("mensaje")
        self.barra.setWordWrap(True)
        self.barra.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.barra.hide()
        caja.addWidget(self.barra)
        for fijo in (titulo, self.etiqueta_version, self.barra):
            fijo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        self.tabla_filas = tabla_de_lectura("filas")
        self.modelo_filas: ModeloFilas | None = None
        self.tabla_versiones = tabla_de_lectura("versiones")
        self.modelo_versiones = ModeloVersiones(self)
        self.tabla_versiones.setModel(self.modelo_versiones)
        self.tabla_versiones.setSelectionMode(self.tabla_versiones.SelectionMode.SingleSelection)
        self.texto_fuente = QPlainTextEdit()
        self.texto_fuente.setObjectName("fuente")
        self.texto_fuente.setAccessibleName("Fuente de los datos")
        self.texto_fuente.setReadOnly(True)

        grupo_versiones = QGroupBox("&Versiones (elija una para ver sus filas)")
        QVBoxLayout(grupo_versiones).addWidget(self.tabla_versiones)
        grupo_fuente = QGroupBox("&Fuente de los datos")
        QVBoxLayout(grupo_fuente).addWidget(self.texto_fuente)
        abajo = QSplitter(Qt.Orientation.Horizontal)
        abajo.addWidget(grupo_versiones)
        abajo.addWidget(grupo_fuente)
        abajo.setSizes([640, 520])
        partes = QSplitter(Qt.Orientation.Vertical)
        partes.addWidget(self.tabla_filas)
        partes.addWidget(abajo)
        partes.setSizes([470, 230])
        partes.setChildrenCollapsible(False)
        caja.addWidget(partes, 1)

        botones = QHBoxLayout()
        botones.addStretch(1)
        self.boton_cerrar = QPushButton("Ce&rrar")
        self.boton_cerrar.setObjectName("cerrar")
        self.boton_cerrar.setToolTip("Cierra la ventana (Esc)")
        botones.addWidget(self.boton_cerrar)
        caja.addLayout(botones)
        self.setCentralWidget(central)

        cerrar = QAction("Cerrar", self)
        cerrar.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        cerrar.triggered.connect(self.close)
        self.addAction(cerrar)
        for gv, gf in ((grupo_versiones, self.tabla_versiones), (grupo_fuente, self.texto_fuente)):
            gv.setFocusProxy(gf)  # the group's mnemonic moves the focus into it
        self.setTabOrder(self.combo_tabla, self.campo_buscar)
        self.setTabOrder(self.campo_buscar, self.boton_exportar)
        self.setTabOrder(self.boton_exportar, self.boton_importar)
        self.setTabOrder(self.boton_importar, self.tabla_filas)
        self.setTabOrder(self.tabla_filas, self.tabla_versiones)
        self.setTabOrder(self.tabla_versiones, self.texto_fuente)
        self.setTabOrder(self.texto_fuente, self.boton_cerrar)

        puede = ctx.actor.puede("parametros")
        self.boton_importar.setEnabled(puede)
        self.boton_importar.setToolTip(
            "Carga una versión nueva de la tabla desde un CSV o una planilla de Excel, con vista previa."
            if puede else
            f"Su rol ({ctx.actor.rol}) no puede {DESCRIPCION_PERMISO['parametros']}: "
            "solo el administrador importa tablas.")
        self.combo_tabla.currentIndexChanged.connect(lambda _: self.mostrar_tabla())
        self.campo_buscar.textChanged.connect(self._filtrar)
        self.tabla_versiones.clicked.connect(self._version_elegida)
        self.tabla_versiones.activated.connect(self._version_elegida)
        self.boton_importar.clicked.connect(self.importar)
        self.boton_cerrar.clicked.connect(self.close)
        self.resize(1200, 780)
        self.mostrar_tabla()

    # --- what is shown ----------------------------------------------------------------------
    @property
    def tabla(self) -> str:
        return self.combo_tabla.currentData()

    def mostrar_tabla(self, numero: int | None = None) -> None:
        """Show a version of the chosen table (the one in force when `numero` is None)."""
        tabla = self.tabla
        try:
            versiones = parametros.versiones(self.ctx, tabla)
            version = parametros.filas_version(self.ctx, tabla, numero) if versiones else None
        except ErrorAplicacion as e:
            self.mostrar_error(e)
            return
        self.modelo_versiones.cargar(versiones)
        ajustar_columnas(self.tabla_versiones, ultima_estira=True)
        modelo = ModeloFilas.para(tabla)(self)
        modelo.filtro = self.campo_buscar.text()
        self.version = version
        if version is not None:
            modelo.cargar(version)
            fila = self.modelo_versiones.numeros.index(version["numero"])
            self.tabla_versiones.selectRow(fila)
        anterior, self.modelo_filas = self.modelo_filas, modelo
        self.tabla_filas.setModel(modelo)
        if anterior is not None:
            anterior.deleteLater()
        ajustar_columnas(self.tabla_filas)
        self._poner_fuente()
        self._poner_rotulo()

    def _poner_rotulo(self) -> None:
        v, modelo = self.version, self.modelo_filas
        if v is None:
            self.etiqueta_version.setText(f"La tabla {textos.NOMBRES[self.tabla]} no tiene versiones cargadas.")
            return
        estado = "vigente" if v["vigente"] else "reemplazada: el cálculo no la usa"
        filas = _contar(modelo.total, "fila", "filas")
        if modelo.filtro.strip():
            filas = f"{formato.entero(modelo.rowCount())} de {filas} con «{modelo.filtro.strip()}»"
        vacia = " · la tabla está vacía (se carga con «Importar…»)" if modelo.total == 0 else ""
        self.etiqueta_version.setText(
            f"<b>{textos.NOMBRES[self.tabla]}</b> — versión {v['numero']} ({estado}) · {filas} · "
            f"cargada por {v['cargado_por']} el {textos.momento(v['cargado_en'])}{vacia}")

    def _poner_fuente(self) -> None:
        v = self.version
        partes = []
        if v is not None:
            partes.append(f"Versión {v['numero']}: {v['origen']}\nSHA-256: {v['sha256']}")
        if v is None or v["origen"].startswith(parametros.ORIGEN_INCLUIDAS):
            fuentes = parametros.texto_fuentes(self.tabla)
            if fuentes:
                partes.append("Datos incluidos con el programa (resources/parametros/FUENTES.md):\n\n"
                             + textos.reflujo(fuentes))
        self.texto_fuente.setPlainText("\n\n".join(partes))

    def _filtrar(self, texto: str) -> None:
        if self.modelo_filas is not None:
            self.modelo_filas.filtrar(texto)
            self._poner_rotulo()

    def _version_elegida(self, indice) -> None:
        numero = self.modelo_versiones.numeros[indice.row()]
        if self.version is None or numero != self.version["numero"]:
            self.mostrar_tabla(numero)

    # --- messages ---------------------------------------------------------------------------
    def mostrar_error(self, problema: BaseException | str) -> None:
        self.barra.setStyleSheet(ESTILO_ERROR)
        self.barra.setText(texto_de(problema))
        self.barra.show()

    def mostrar_ok(self, texto: str) -> None:
        self.barra.setStyleSheet(ESTILO_OK)
        self.barra.setText(texto)
        self.barra.show()

    def mensaje(self) -> str:
        return self.barra.text() if not self.barra.isHidden() else ""

    def exportar(self):
        """The rows shown (with the search applied) and the versions of the chosen table."""
        v, nombre = self.version, textos.NOMBRES[self.tabla]
        informacion = [("Tabla", nombre), ("Versión", f"{v['numero']} ({'vigente' if v['vigente'] else 'reemplazada'})"
                                           if v else "sin versiones"), ("Buscar", self.campo_buscar.text().strip())]
        return exportar.exportar_tablas(self, f"parametros_{self.tabla}", [(nombre, self.modelo_filas),
                                        ("Versiones", self.modelo_versiones)], contenido=TITULO, informacion=informacion)

    # --- import -----------------------------------------------------------------------------
    def importar(self) -> None:
        if not self.ctx.actor.puede("parametros"):
            return  # the button is disabled; the service would refuse anyway
        ruta, _ = QFileDialog.getOpenFileName(self, f"Importar {textos.NOMBRES[self.tabla]}", "", FILTRO_ARCHIVOS)
        if ruta:
            self.previsualizar(self.tabla, ruta)

    def previsualizar(self, tabla: str, ruta: str, hoja: str | None = None) -> None:
        """Read and check the file off the GUI thread, then open the preview."""
        self.barra.hide()
        ctx = self.ctx
        self.tarea = tareas.ejecutar(
            self, f"Leyendo {Path(ruta).name}…",
            lambda avance: parametros.previsualizar_archivo(ctx, tabla, ruta, hoja, avance=avance),
            al_terminar=self._abrir_vista_previa, al_fallar=self._fallo, cancelable=True)

    def _abrir_vista_previa(self, vista) -> None:
        if self.vista_previa is not None:
            self.vista_previa.close()
        dialogo = DialogoVistaPrevia(vista, self)
        dialogo.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialogo.confirmado.connect(self._confirmar)
        dialogo.hoja_elegida.connect(lambda hoja: self.previsualizar(vista.tabla, vista.ruta, hoja))
        dialogo.destroyed.connect(lambda *_: self._olvidar(dialogo))
        self.vista_previa = dialogo
        dialogo.open()  # window-modal without a nested event loop

    def _olvidar(self, dialogo) -> None:
        if self.vista_previa is dialogo:
            self.vista_previa = None

    def _confirmar(self, vista) -> None:
        ctx, dialogo = self.ctx, self.vista_previa
        self.tarea = tareas.ejecutar(
            self, "Guardando la versión nueva…", lambda avance: parametros.confirmar_importacion(ctx, vista),
            al_terminar=lambda numero: self._guardada(vista, numero),
            al_fallar=lambda e: dialogo.mostrar_error(e) if dialogo is not None and isinstance(e, ErrorAplicacion)
            else self._fallo(e))

    def _guardada(self, vista, numero: int) -> None:
        if self.vista_previa is not None:
            self.vista_previa.accept()
            self.vista_previa.close()
        indice = self.combo_tabla.findData(vista.tabla)
        if indice != self.combo_tabla.currentIndex():
            self.combo_tabla.setCurrentIndex(indice)  # shows the table
        else:
            self.mostrar_tabla()
        self.mostrar_ok(f"Se guardó la versión {numero} de {textos.NOMBRES[vista.tabla]} "
                        f"({_contar(len(vista.filas), 'fila', 'filas')}, desde {vista.archivo}); "
                        "la anterior se conserva.")

    def _fallo(self, error: BaseException) -> None:
        if isinstance(error, tareas.Cancelada):
            self.mostrar_error("Importación cancelada: no se guardó nada.")
        elif isinstance(error, ErrorAplicacion):
            self.mostrar_error(error)
        else:
            self.mostrar_error(f"Error inesperado ({type(error).__name__}: {error}); no se guardó nada.")

    def closeEvent(self, evento) -> None:
        if self.tarea is not None and not self.tarea.hecha:
            self.tarea.cancelar()
            self.tarea.esperar()
        super().closeEvent(evento)


def _contar(n: int, singular: str, plural: str) -> str:
    return f"{formato.entero(n)} {singular if n == 1 else plural}"
