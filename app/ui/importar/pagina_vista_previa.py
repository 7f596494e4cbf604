"""Step 3 «Vista previa»: the file read and checked against the store (off the GUI thread, with
a progress bar and «Cancelar»), nothing written. Shows the counts, every problem (errors first),
the rows already loaded (stored against the file's values) and the options: replace or keep what
is loaded, import only the valid rows, create missing agents (familiares), save the report.

«Importar» (this is the wizard's commit page) asks for confirmation, then imports off the GUI
thread passing the preview (`previa=`, the file is not read again). Success → the final page and
`importado`; cancel → nothing written, the preview stays; a refusal (the file or the store
changed since the preview) → its problems are shown and the preview is run again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWizard,
)

from app.errors import ErrorAplicacion
from app.importers import ImportacionCancelada, ImportacionRechazada
from app.importers.columnas import CAMPOS
from app.services import importacion, importacion_familiares

from .. import formato, mensajes
from ..parametros.vista_previa import ajustar_columnas, tabla_de_lectura
from ..tareas import Cancelada
from . import textos
from .informe import guardar_informe
from .modelos import ModeloProblemas, ModeloYaCargadas, orden_inicial
from .pagina import Pagina, barra_mensaje, mostrar

CUENTAS = (("leidas", "Filas leídas"), ("validas", "Válidas"), ("con_error", "Con error"),
           ("advertencias", "Advertencias"), ("nuevas", "Nuevas"), ("reemplazos", "Reemplazos"),
           ("iguales", "Iguales"), ("conservadas", "Conservadas"), ("agentes", "Agentes a crear"))
COL_MOTIVO = ModeloProblemas.TITULOS.index("Problema")
ESTILO_CUENTA = "QLabel { font-size: 15px; font-weight: bold; }"


def _servicios(tipo: str):
    if tipo == "familiares":
        return importacion_familiares.previsualizar_familiares, importacion_familiares.importar_familiares
    return importacion.previsualizar_remuneraciones, importacion.importar_remuneraciones


def soltar_por_partes(listas: list) -> None:
    """Free big lists a slice at a time: one `del` of a million objects is a single C call that
    holds the GIL (the GUI thread would freeze until it ends); slices let it run in between."""
    while listas:
        lista = listas.pop()
        if isinstance(lista, list):
            while lista:
                del lista[-20_000:]


def _cancelacion(error: BaseException) -> bool:
    return isinstance(error, (Cancelada, ImportacionCancelada))


class PaginaVistaPrevia(Pagina):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle("Vista previa")
        self.setSubTitle("Lo que haría la importación. Todavía no se guardó nada.")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Importar")
        self.vista = None
        self.importando = False
        self._estado: tuple = (None, None, None)

        caja = QVBoxLayout(self)
        self.etiqueta_archivo = QLabel()
        self.etiqueta_archivo.setObjectName("archivo_vista_previa")
        self.etiqueta_archivo.setWordWrap(True)
        self.etiqueta_archivo.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        caja.addWidget(self.etiqueta_archivo)

        rejilla = QGridLayout()
        self.cuentas: dict[str, QLabel] = {}
        self.rotulos_cuentas: dict[str, QLabel] = {}
        for i, (clave, titulo) in enumerate(CUENTAS):
            rotulo, valor = QLabel(titulo), QLabel(formato.VACIO)
            valor.setObjectName(f"cuenta_{clave}")
            valor.setStyleSheet(ESTILO_CUENTA)
            valor.setAccessibleName(titulo)
            rejilla.addWidget(rotulo, 0, i)
            rejilla.addWidget(valor, 1, i)
            self.cuentas[clave], self.rotulos_cuentas[clave] = valor, rotulo
        rejilla.setColumnStretch(len(CUENTAS), 1)
        caja.addLayout(rejilla)

        opciones = QGroupBox("Opciones")
        opciones_caja = QHBoxLayout(opciones)
        self.radio_reemplazar = QRadioButton("&Reemplazar los ya cargados")
        self.radio_reemplazar.setObjectName("reemplazar")
        self.radio_conservar = QRadioButton("C&onservar los ya cargados")
        self.radio_conservar.setObjectName("conservar")
        self.radio_reemplazar.setChecked(True)
        self.duplicados = QButtonGroup(self)
        self.duplicados.addButton(self.radio_reemplazar)
        self.duplicados.addButton(self.radio_conservar)
        self.check_solo_validas = QCheckBox("Importar sólo las filas &válidas")
        self.check_solo_validas.setObjectName("solo_validas")
        self.check_solo_validas.setToolTip("Importa las filas sin errores y omite las demás. Queda registrado en la "
                                           "auditoría qué filas se omitieron.")
        self.check_crear_agentes = QCheckBox("Crear los agentes que no e&xisten")
        self.check_crear_agentes.setObjectName("crear_agentes")
        self.check_crear_agentes.setToolTip("Crea los agentes que no están en la base con las columnas «Apellido y "
                                            "nombre del agente», «Fecha de nacimiento del agente» y «Organismo».")
        self.boton_informe = QPushButton("&Guardar informe…")
        self.boton_informe.setObjectName("guardar_informe")
        self.boton_informe.setToolTip("Guarda todos los problemas en una planilla de Excel (.xlsx)")
        self.boton_releer = QPushButton("Volver a &leer")
        self.boton_releer.setObjectName("releer")
        self.boton_releer.hide()
        for w in (self.radio_reemplazar, self.radio_conservar, self.check_solo_validas, self.check_crear_agentes):
            opciones_caja.addWidget(w)
        opciones_caja.addStretch(1)
        opciones_caja.addWidget(self.boton_releer)
        opciones_caja.addWidget(self.boton_informe)
        caja.addWidget(opciones)

        self.barra = barra_mensaje("estado")
        self.aviso = barra_mensaje("aviso")
        caja.addWidget(self.aviso)
        caja.addWidget(self.barra)
        caja.addWidget(self.panel)

        self.pestanias = QTabWidget()
        self.modelo_problemas = ModeloProblemas(self)
        self.modelo_ya_cargadas = ModeloYaCargadas("remuneraciones", self)
        self.tabla_problemas = tabla_de_lectura("problemas")
        self.tabla_problemas.setModel(self.modelo_problemas)
        cabecera = self.tabla_problemas.horizontalHeader()
        cabecera.setSortIndicator(ModeloProblemas.COL_GRAVEDAD, Qt.SortOrder.AscendingOrder)
        self.tabla_problemas.setSortingEnabled(True)
        self.tabla_ya_cargadas = tabla_de_lectura("ya_cargadas")
        self.tabla_ya_cargadas.setModel(self.modelo_ya_cargadas)
        self.pestanias.addTab(self.tabla_problemas, "&Problemas")
        self.pestanias.addTab(self.tabla_ya_cargadas, "&Ya cargadas")
        caja.addWidget(self.pestanias, 1)

        self.duplicados.buttonToggled.connect(self._duplicados_cambiado)
        self.check_crear_agentes.toggled.connect(lambda _: self.previsualizar())
        self.check_solo_validas.toggled.connect(lambda _: self._poner_estado())
        self.boton_informe.clicked.connect(self.guardar_informe)
        self.boton_releer.clicked.connect(self.previsualizar)

    # --- options ---------------------------------------------------------------------------------
    @property
    def opcion_duplicados(self) -> str:
        return "conservar" if self.radio_conservar.isChecked() else "reemplazar"

    @property
    def solo_validas(self) -> bool:
        return self.check_solo_validas.isChecked() and self.check_solo_validas.isEnabled()

    def _opciones(self) -> dict:
        asistente = self.wizard()
        opciones = {"hoja": asistente.examen.hoja, "mapeo": dict(asistente.mapeo), "duplicados": self.opcion_duplicados}
        if asistente.tipo == "familiares":
            opciones["crear_agentes"] = self.check_crear_agentes.isChecked()
        return opciones

    def _duplicados_cambiado(self, boton, marcado: bool) -> None:
        if marcado:
            self.previsualizar()

    def _controles(self, activos: bool) -> None:
        for w in (self.radio_reemplazar, self.radio_conservar, self.check_crear_agentes, self.boton_releer):
            w.setEnabled(activos)
        hay = self.vista is not None
        errores = hay and textos.conteo(self.vista).errores > 0
        self.check_solo_validas.setEnabled(activos and errores and len(self.vista.filas) > 0)
        self.boton_informe.setEnabled(activos and hay and bool(self.vista.problemas))

    # --- preview ---------------------------------------------------------------------------------
    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        asistente = self.wizard()
        self.check_crear_agentes.setVisible(asistente.tipo == "familiares")
        self.rotulos_cuentas["agentes"].setVisible(asistente.tipo == "familiares")
        self.cuentas["agentes"].setVisible(asistente.tipo == "familiares")
        self.aviso.hide()
        self.previsualizar()

    def cleanupPage(self) -> None:  # noqa: N802 - «< Atrás»
        self.detener()
        super().cleanupPage()

    def previsualizar(self) -> None:
        asistente = self.wizard()
        if asistente is None or asistente.examen is None or self.importando:
            return
        ctx, ruta, tipo, opciones = asistente.ctx, asistente.ruta, asistente.tipo, self._opciones()
        previsualizar, _ = _servicios(tipo)
        anterior = self._soltar()
        self.boton_releer.hide()

        def funcion(avance):
            soltar_por_partes(anterior)
            vista = previsualizar(ctx, ruta, progreso=avance, cancelar=avance.cancelado, **opciones)
            vista.conteo_ui = textos.Conteo.de(vista)  # counted here, not at each repaint
            return vista, sorted(vista.problemas, key=orden_inicial)

        self.ejecutar(f"Leyendo «{Path(ruta).name}» y verificando en la base…", funcion, self._vista_lista)

    def _soltar(self) -> list:
        """Clear the page and hand over what the previous preview held (a million-row file: as
        many problems and rows), to be freed by the worker, not here (see soltar_por_partes)."""
        anterior = [self.modelo_problemas.soltar(), self.modelo_ya_cargadas.soltar()]
        if self.vista is not None:
            v = self.vista
            anterior += [v.problemas, v.ya_cargadas, v.filas, getattr(v.resultado, "problemas", None),
                         getattr(v.resultado, "filas", None)]
            v.problemas, v.ya_cargadas, v.filas = [], [], []
            if v.resultado is not None:
                v.resultado.problemas, v.resultado.filas = [], []
        self.vista = None
        self._estado = (None, None, None)
        self.barra.hide()
        for valor in self.cuentas.values():
            valor.setText(formato.VACIO)
        self._poner_pestanias()
        self._controles(False)
        return anterior

    def _vista_lista(self, ok: bool, valor) -> None:
        if not ok:
            self._controles(True)
            self.boton_releer.show()
            if _cancelacion(valor):
                mostrar(self.barra, textos.AVISO, textos.CANCELADA_VISTA_PREVIA)
            elif isinstance(valor, ErrorAplicacion):
                mostrar(self.barra, textos.ERROR, valor)
            else:
                mostrar(self.barra, textos.ERROR, f"Error inesperado al leer el archivo ({type(valor).__name__}: "
                                                  f"{valor}). No se guardó nada.")
            return
        self.vista, ordenados = valor
        self.mostrar_vista(ordenados)

    def mostrar_vista(self, ordenados) -> None:
        vista = self.vista
        titulos = {c.nombre: c.titulo for c in CAMPOS[vista.tipo]}
        columnas = "; ".join(f"{titulos[campo]} → {col}" for campo, col in vista.mapeo.items())
        donde = f"«{vista.archivo}»" + (f", hoja «{vista.hoja}»" if vista.hoja else "")
        if vista.fila_encabezado:
            donde += f", encabezado en la fila {formato.entero(vista.fila_encabezado)}"
        self.etiqueta_archivo.setText(f"{donde}. Columnas: {columnas or formato.VACIO}.")
        for clave, _, n in textos.cuentas(vista):
            self.cuentas[clave].setText(formato.entero(n))
        self.modelo_problemas.cargar(ordenados, ordenados=True)
        self.tabla_problemas.horizontalHeader().setSortIndicator(ModeloProblemas.COL_GRAVEDAD,
                                                                 Qt.SortOrder.AscendingOrder)
        self.modelo_ya_cargadas.cargar(vista.ya_cargadas, vista.filas_con_error, self.opcion_duplicados, vista.tipo)
        ajustar_columnas(self.tabla_problemas, ultima_estira=False)
        # «Problema» takes the room left (the whole text is in each row's tooltip)
        self.tabla_problemas.horizontalHeader().setSectionResizeMode(COL_MOTIVO, QHeaderView.ResizeMode.Stretch)
        # (a stretched last section would be measured at its stretched width plus a margin)
        self.tabla_ya_cargadas.horizontalHeader().setStretchLastSection(False)
        ajustar_columnas(self.tabla_ya_cargadas)
        self._poner_pestanias()
        self.pestanias.setCurrentIndex(0 if vista.problemas or not vista.ya_cargadas else 1)
        self._controles(True)
        self._poner_estado()

    def _poner_pestanias(self) -> None:
        self.pestanias.setTabText(0, f"&Problemas ({formato.entero(self.modelo_problemas.rowCount())})")
        self.pestanias.setTabText(1, f"&Ya cargadas ({formato.entero(self.modelo_ya_cargadas.rowCount())})")

    def estado(self) -> tuple[str, str, bool]:
        """textos.estado of the preview shown, kept per «sólo válidas» choice: the wizard asks
        isComplete often and a million-row preview has as many problems to count."""
        vista, solo = self.vista, self.solo_validas
        if self._estado[0] is not vista or self._estado[1] != solo:
            self._estado = (vista, solo, textos.estado(vista, solo))
        return self._estado[2]

    def _poner_estado(self) -> None:
        if self.vista is None:
            return
        estilo, texto, _ = self.estado()
        mostrar(self.barra, estilo, texto)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        if self.ocupado or self.vista is None:
            return False
        return self.estado()[2]

    def al_abandonar(self) -> None:  # preview and import are cancellable: never abandoned
        pass

    # --- import ----------------------------------------------------------------------------------
    def validatePage(self) -> bool:  # noqa: N802 - «Importar»
        asistente = self.wizard()
        if asistente.resumen is not None:
            return True  # imported: on to the result
        if not self.isComplete():
            return False
        texto, detalle = textos.confirmacion(self.vista, self.solo_validas)
        if mensajes.confirmar(self, textos.TITULOS[self.vista.tipo], texto, si="&Importar", no="&Volver",
                              detalle=detalle, peligroso=self.vista.reemplazos > 0):
            self.importar()
        return False

    def importar(self) -> None:
        """Import off the GUI thread (after the confirmation)."""
        asistente = self.wizard()
        ctx, ruta, vista = asistente.ctx, asistente.ruta, self.vista
        opciones = dict(self._opciones(), solo_validas=self.solo_validas)
        _, importar = _servicios(vista.tipo)
        self.aviso.hide()
        self._controles(False)
        self.importando = True

        def funcion(avance):
            return importar(ctx, ruta, progreso=avance, cancelar=avance.cancelado, previa=vista, **opciones)

        self.ejecutar(f"Importando «{vista.archivo}»…", funcion, self._importado)

    def _importado(self, ok: bool, valor) -> None:
        self.importando = False
        asistente = self.wizard()
        if ok:
            asistente.resumen = valor
            asistente.importado.emit(valor)
            asistente.next()
            return
        self._controles(True)
        if _cancelacion(valor):
            mostrar(self.aviso, textos.AVISO, textos.CANCELADA_IMPORTACION)
        elif isinstance(valor, ImportacionRechazada):
            mostrar(self.aviso, textos.ERROR, textos.RECHAZADA)
            self.modelo_problemas.cargar(valor.problemas)
            self._poner_pestanias()
            self.pestanias.setCurrentIndex(0)
            self.previsualizar()
            return
        elif isinstance(valor, ErrorAplicacion):
            mostrar(self.aviso, textos.ERROR, valor)
        else:
            mostrar(self.aviso, textos.ERROR, f"Error inesperado al importar ({type(valor).__name__}: {valor}). "
                                              "No se importó nada.")
        self.completeChanged.emit()

    def guardar_informe(self, destino: Path | None = None):
        """«Guardar informe…»: every problem, in the order shown."""
        if self.vista is None:
            return None
        self.tarea_informe = guardar_informe(self, self.modelo_problemas.problemas, self.vista.archivo, destino)
        return self.tarea_informe
