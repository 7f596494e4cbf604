"""Step 1 «Archivo»: what is imported, which file and which sheet.

The file is examined off the GUI thread (header only, but opening a million-row workbook takes
seconds): sheets, header row and columns. A file that cannot be used (not Excel, damaged,
empty) says why right here and the wizard does not go on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWizard,
)

from app.importers import examinar

from . import memoria, textos
from .pagina import Pagina, barra_mensaje, mostrar

FILTRO = ("Planillas de Excel y CSV (*.xlsx *.xlsm *.csv *.xls *.ods);;Libro de Excel (*.xlsx *.xlsm);;"
          "CSV (*.csv);;Todos los archivos (*)")
DESCRIPCIONES = {
    "remuneraciones": "&Remuneraciones: historial de haberes (CUIL, período, remuneración y SAC)",
    "familiares": "&Familiares de los agentes (CUIL del agente, parentesco, apellido y nombre…)",
}


def elegir_archivo(parent) -> str | None:
    """Ask for the spreadsheet (tests replace this function); None if the user cancelled."""
    ruta, _ = QFileDialog.getOpenFileName(parent, "Elegir la planilla a importar", memoria.carpeta(), FILTRO)
    return ruta or None


class PaginaArchivo(Pagina):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle("Archivo")
        self.setSubTitle("Elija qué se importa y la planilla (.xlsx, .xlsm o .csv) que lo trae.")
        self.examen = None  # app.importers.Resultado of (ruta, tipo, hoja) below
        self._examinado: tuple = ()
        self._pidiendo: tuple = ()

        caja = QVBoxLayout(self)
        grupo = QGroupBox("Qué se importa")
        grupo_caja = QVBoxLayout(grupo)
        self.tipos = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        for tipo, texto in DESCRIPCIONES.items():
            radio = QRadioButton(texto)
            radio.setObjectName(f"tipo_{tipo}")
            self.radios[tipo] = radio
            self.tipos.addButton(radio)
            grupo_caja.addWidget(radio)
        self.radios["remuneraciones"].setChecked(True)
        caja.addWidget(grupo)

        rejilla = QGridLayout()
        self.campo_ruta = QLineEdit()
        self.campo_ruta.setObjectName("ruta")
        self.campo_ruta.setAccessibleName("Archivo")
        self.campo_ruta.setPlaceholderText("Elija la planilla con «Examinar…» o escriba su ruta")
        self.boton_examinar = QPushButton("&Examinar…")
        self.boton_examinar.setObjectName("examinar")
        self.combo_hoja = QComboBox()
        self.combo_hoja.setObjectName("hoja")
        self.combo_hoja.setAccessibleName("Hoja")
        self.combo_hoja.setMinimumWidth(240)
        self.combo_hoja.setEnabled(False)
        rotulo_ruta, rotulo_hoja = QLabel("Archi&vo:"), QLabel("&Hoja:")
        rotulo_ruta.setBuddy(self.campo_ruta)
        rotulo_hoja.setBuddy(self.combo_hoja)
        rejilla.addWidget(rotulo_ruta, 0, 0)
        rejilla.addWidget(self.campo_ruta, 0, 1)
        rejilla.addWidget(self.boton_examinar, 0, 2)
        rejilla.addWidget(rotulo_hoja, 1, 0)
        fila_hoja = QHBoxLayout()
        fila_hoja.addWidget(self.combo_hoja)
        fila_hoja.addStretch(1)
        rejilla.addLayout(fila_hoja, 1, 1, 1, 2)
        rejilla.setColumnStretch(1, 1)
        caja.addLayout(rejilla)

        self.etiqueta_estructura = QLabel()
        self.etiqueta_estructura.setObjectName("estructura")
        self.etiqueta_estructura.setWordWrap(True)
        self.etiqueta_estructura.hide()
        caja.addWidget(self.etiqueta_estructura)
        self.barra = barra_mensaje("mensaje_archivo")
        caja.addWidget(self.barra)
        caja.addWidget(self.panel)
        caja.addStretch(1)

        self.setTabOrder(self.radios["remuneraciones"], self.radios["familiares"])
        self.setTabOrder(self.radios["familiares"], self.campo_ruta)
        self.setTabOrder(self.campo_ruta, self.boton_examinar)
        self.setTabOrder(self.boton_examinar, self.combo_hoja)

        self.tipos.buttonToggled.connect(self._tipo_cambiado)
        self.boton_examinar.clicked.connect(self.examinar_archivo)
        self.campo_ruta.editingFinished.connect(self._ruta_escrita)
        self.combo_hoja.activated.connect(self._hoja_elegida)

    # --- state ---------------------------------------------------------------------------------
    @property
    def tipo(self) -> str:
        return next(t for t, r in self.radios.items() if r.isChecked())

    def poner_tipo(self, tipo: str) -> None:
        self.radios[tipo].setChecked(True)

    @property
    def ruta(self) -> str:
        return self.campo_ruta.text().strip()

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return (not self.ocupado and self.examen is not None and self.examen.estructura is not None
                and self._examinado[:2] == (self.ruta, self.tipo))

    # --- actions -------------------------------------------------------------------------------
    def examinar_archivo(self) -> None:
        """«Examinar…»: choose the file, then read its structure."""
        ruta = elegir_archivo(self)
        if not ruta:
            return
        memoria.recordar_carpeta(str(Path(ruta).parent))
        self.campo_ruta.setText(ruta)
        self.examinar(ruta)

    def _ruta_escrita(self) -> None:
        if self.ruta and (self.ruta, self.tipo) != self._pidiendo[:2]:
            self.examinar(self.ruta)

    def _tipo_cambiado(self, boton, marcado: bool) -> None:
        if not marcado:
            return
        asistente = self.wizard()
        if asistente is not None:
            asistente.poner_tipo(self.tipo)
        if self.ruta:
            self.examinar(self.ruta, self._examinado[2] if len(self._examinado) > 2 else None)
        else:
            self.completeChanged.emit()

    def _hoja_elegida(self, indice: int) -> None:
        hoja = self.combo_hoja.itemText(indice)
        if self.examen is None or hoja != self.examen.hoja:
            self.examinar(self.ruta, hoja)

    def examinar(self, ruta: str, hoja: str | None = None) -> None:
        """Read the sheets, header row and columns of `ruta` off the GUI thread."""
        tipo = self.tipo
        self.examen = None
        self._pidiendo = (ruta, tipo, hoja)
        self.barra.hide()
        self.etiqueta_estructura.clear()
        self.etiqueta_estructura.hide()
        self.ejecutar(f"Examinando «{Path(ruta).name}»…", lambda avance: examinar(ruta, tipo, hoja=hoja),
                      self._examinado_listo, cancelable=False)

    def _examinado_listo(self, ok: bool, valor) -> None:
        if not ok:
            mostrar(self.barra, textos.ERROR, f"No se pudo leer el archivo ({type(valor).__name__}: {valor}).")
            return
        self.examen = valor
        self._examinado = self._pidiendo
        self.combo_hoja.blockSignals(True)
        self.combo_hoja.clear()
        self.combo_hoja.addItems(valor.hojas)
        if valor.hoja:
            self.combo_hoja.setCurrentText(valor.hoja)
        self.combo_hoja.blockSignals(False)
        self.combo_hoja.setEnabled(len(valor.hojas) > 1)
        if valor.estructura is None:  # unusable: the one problem says why
            p = valor.problemas[0]
            donde = f"«{p.archivo}»" + (f", hoja «{p.hoja}»" if p.hoja else "")
            mostrar(self.barra, textos.ERROR, f"No se puede usar {donde}: {p.motivo}.")
            return
        self.etiqueta_estructura.setText(textos.estructura(valor))
        self.etiqueta_estructura.show()
        faltan = valor.estructura.faltantes
        if faltan:
            nombres = ", ".join(f"«{c.titulo}»" for c in faltan)
            mostrar(self.barra, textos.AVISO, f"No se reconoció la columna de {nombres}: se elige en el paso "
                                              "siguiente.")
        else:
            mostrar(self.barra, textos.OK, "El archivo se puede leer. Siga con «Siguiente»: se revisan las columnas.")
        # Enter now goes on (the focus was left on «Examinar…», which Enter would press again)
        self.completeChanged.emit()
        asistente = self.wizard()
        if asistente is not None and self.isComplete():
            asistente.button(QWizard.WizardButton.NextButton).setFocus()

    def al_abandonar(self) -> None:
        self._pidiendo = ()
        mostrar(self.barra, textos.AVISO, "Se dejó de examinar el archivo: elija otro o vuelva a intentarlo.")

    def validatePage(self) -> bool:  # noqa: N802
        if not self.isComplete():
            return False
        self.wizard().poner_examen(self.ruta, self.tipo, self.examen)
        return True
