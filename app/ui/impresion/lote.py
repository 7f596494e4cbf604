"""Herramientas → «Generar convenios en lote…»: one Propuesta de Convenio PDF per siniestro with
accredited DH whose accreditation or latest liquidation is on or after «desde», into a folder,
named as `python -m app convenio --todos` names them (`app/cli_convenio.py`).

The batch runs off the GUI thread (`tareas.ejecutar`) with «n de m» and the siniestro's number in
the progress dialog. «Cancelar» stops before the next siniestro: the files already written stay
(the summary says how many) and none is half-written (each is written to a temporary name beside
it and renamed). A siniestro that fails is skipped; the summary lists «Siniestro N: motivo».
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QVBoxLayout, QWidget)

from app.cli_convenio import escribir, nombre_pdf
from app.errors import ErrorAplicacion, en_una_linea
from app.liquidacion import LiquidacionError
from app.liquidacion.fechas import ddmmaaaa
from app.services import convenios

from .. import mensajes, tareas
from ..siniestro.comun import ESTILO_ERROR
from .vista_previa import PAPELES


def elegir_carpeta(parent: QWidget, inicial: str) -> str:
    """The folder dialog; tests replace this function."""
    return QFileDialog.getExistingDirectory(parent, "Carpeta para las propuestas de convenio", inicial)


def primero_del_mes(hoy: date | None = None) -> date:
    return (hoy or date.today()).replace(day=1)


@dataclass
class ResultadoLote:
    carpeta: Path
    desde: date
    total: int = 0
    hechos: list[tuple[str, str]] = field(default_factory=list)  # (siniestro, archivo)
    errores: list[str] = field(default_factory=list)  # «Siniestro N: motivo»
    cancelado: bool = False


def nombres_de_archivo(ids: list[int], numeros: dict[int, str]) -> dict[int, str]:
    """As the CLI: `<numero>.pdf` (valid on Windows); when two numbers give the same name (they
    differ only in characters a file name cannot have) the later one gets `_<id>`."""
    usados: set[str] = set()
    nombres = {}
    for sid in ids:
        nombre = nombre_pdf(numeros[sid])
        if nombre.lower() in usados:
            nombre = f"{nombre[:-4]}_{sid}.pdf"
        usados.add(nombre.lower())
        nombres[sid] = nombre
    return nombres


def _motivo(error: BaseException, nombre: str) -> str:
    if isinstance(error, (ErrorAplicacion, LiquidacionError)):
        return en_una_linea(error)
    if isinstance(error, OSError):
        return f"no se pudo escribir «{nombre}»: {error.strerror or error}"
    return f"error interno inesperado ({type(error).__name__}): {error}"


def generar_lote(ctx, desde: date, carpeta: Path, papel: str, legajo: bool, avance) -> ResultadoLote:
    """The batch itself (worker thread): `avance` as tareas gives it (`avance(n, total, texto)`,
    `avance.cancelado()`)."""
    resultado = ResultadoLote(Path(carpeta), desde)
    ids = convenios.convenios_desde(ctx, desde)
    resultado.total = len(ids)
    if not ids:
        return resultado
    numeros = convenios.numeros_de_siniestros(ctx, ids)
    nombres = nombres_de_archivo(ids, numeros)
    for i, sid in enumerate(ids, 1):
        numero, nombre = numeros[sid], nombres[sid]
        try:
            if avance.cancelado():
                raise tareas.Cancelada
            avance(i - 1, len(ids), f"Siniestro {numero} ({i} de {len(ids)})…")
        except tareas.Cancelada:
            resultado.cancelado = True
            break
        try:
            pdf = convenios.generar_convenio(ctx, sid, papel=papel, guardar_en_legajo=legajo)
            escribir(resultado.carpeta / nombre, pdf)
        except Exception as e:  # noqa: BLE001 - one odd siniestro must not stop a batch of a thousand
            resultado.errores.append(f"Siniestro {numero}: {_motivo(e, nombre)}")
            continue
        resultado.hechos.append((numero, nombre))
    return resultado


def texto_resumen(r: ResultadoLote) -> str:
    if not r.total:
        return (f"No hay siniestros con derechohabientes acreditados o liquidados de nuevo desde el "
                f"{ddmmaaaa(r.desde)}: no se generó ningún archivo.")
    texto = (f"Se generaron {len(r.hechos)} de {r.total} propuesta(s) de convenio en «{r.carpeta}».")
    if r.cancelado:
        hechos = len(r.hechos) + len(r.errores)
        texto += (f"\nSe canceló después de {hechos} siniestro(s): los archivos ya escritos quedan; "
                  f"{r.total - hechos} no se generaron.")
    if r.errores:
        texto += f"\n{len(r.errores)} siniestro(s) con errores: no se generó su convenio."
    return texto


class DialogoResumen(QDialog):
    """What the batch did, with the list of siniestros that failed."""

    def __init__(self, parent: QWidget | None, resultado: ResultadoLote):
        super().__init__(parent)
        self.setWindowTitle("Convenios en lote — resumen")
        self.resultado = resultado
        caja = QVBoxLayout(self)
        self.texto = QLabel(texto_resumen(resultado))
        self.texto.setWordWrap(True)
        self.texto.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        caja.addWidget(self.texto)
        self.lista = QPlainTextEdit("\n".join(resultado.errores))
        self.lista.setReadOnly(True)
        self.lista.setAccessibleName("Siniestros con errores")
        self.lista.setVisible(bool(resultado.errores))
        caja.addWidget(self.lista, 1)
        botones = QDialogButtonBox()
        if resultado.hechos:
            abrir = botones.addButton("&Abrir la carpeta", QDialogButtonBox.ButtonRole.ActionRole)
            abrir.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(resultado.carpeta))))
        cerrar = botones.addButton("&Cerrar", QDialogButtonBox.ButtonRole.RejectRole)
        cerrar.setDefault(True)
        botones.rejected.connect(self.reject)
        caja.addWidget(botones)
        self.resize(640, 360 if resultado.errores else 160)


class DialogoLote(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.tarea: tareas.Tarea | None = None
        self.resumen: DialogoResumen | None = None
        self.setWindowTitle("Generar convenios en lote")
        caja = QVBoxLayout(self)
        explicacion = QLabel("Genera una Propuesta de Convenio en PDF por cada siniestro con derechohabientes "
                             "acreditados cuya acreditación o última liquidación sea del día «Desde» en adelante. "
                             "Cada archivo se llama como el número del siniestro.")
        explicacion.setWordWrap(True)
        caja.addWidget(explicacion)

        formulario = QFormLayout()
        self.desde = QDateEdit()
        self.desde.setDisplayFormat("dd/MM/yyyy")
        self.desde.setCalendarPopup(True)
        self.desde.setMinimumDate(QDate(1900, 1, 1))
        self.desde.setAccessibleName("Desde")
        self.desde.setMaximumWidth(150)
        self.poner_desde(primero_del_mes())
        formulario.addRow("&Desde:", self.desde)
        self.carpeta = QLineEdit(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
        self.carpeta.setAccessibleName("Carpeta de salida")
        self.boton_carpeta = QPushButton("&Elegir…")
        self.boton_carpeta.clicked.connect(self.elegir)
        fila = QHBoxLayout()
        fila.addWidget(self.carpeta, 1)
        fila.addWidget(self.boton_carpeta)
        etiqueta = QLabel("Car&peta:")
        etiqueta.setBuddy(self.carpeta)
        formulario.addRow(etiqueta, fila)
        self.papel = QComboBox()
        for clave, texto in PAPELES.items():
            self.papel.addItem(texto, clave)
        self.papel.setAccessibleName("Papel")
        self.papel.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.papel.setMaximumWidth(self.papel.sizeHint().width())
        formulario.addRow("P&apel:", self.papel)
        self.legajo = QCheckBox("Guardar también en el &legajo de cada siniestro")
        puede = ctx.actor.puede("cargar")
        self.legajo.setChecked(puede)
        self.legajo.setEnabled(puede)
        self.legajo.setToolTip("" if puede else f"Su rol ({ctx.actor.rol}) no puede cargar documentos en el legajo.")
        formulario.addRow("", self.legajo)
        caja.addLayout(formulario)
        nota = QLabel("Se usa la última liquidación guardada de cada siniestro. Un archivo con el mismo nombre en la "
                      "carpeta se reemplaza. Los siniestros que no se puedan generar se informan al final, con el "
                      "motivo; «Cancelar» detiene el lote después del siniestro en curso y los archivos ya escritos "
                      "quedan completos.")
        nota.setWordWrap(True)
        nota.setStyleSheet("QLabel { color: #555; }")
        caja.addWidget(nota)

        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ESTILO_ERROR)
        self.error.hide()
        caja.addWidget(self.error)
        botones = QDialogButtonBox()
        self.boton_generar = botones.addButton("&Generar", QDialogButtonBox.ButtonRole.AcceptRole)
        self.boton_generar.setDefault(True)
        botones.addButton("&Cerrar", QDialogButtonBox.ButtonRole.RejectRole)
        botones.accepted.connect(self.generar)
        botones.rejected.connect(self.reject)
        caja.addStretch(1)
        caja.addWidget(botones)
        self.setMinimumWidth(560)

    def poner_desde(self, dia: date) -> None:
        self.desde.setDate(QDate(dia.year, dia.month, dia.day))

    def elegir(self) -> None:
        elegida = elegir_carpeta(self, self.carpeta.text())
        if elegida:
            self.carpeta.setText(elegida)

    def _mostrar_error(self, texto: str) -> None:
        self.error.setText(texto)
        self.error.show()

    def generar(self) -> tareas.Tarea | None:
        """«Generar»: check the folder, then run the batch in the background."""
        self.error.hide()
        texto = self.carpeta.text().strip()
        carpeta = Path(texto).expanduser() if texto else None
        if carpeta is None or not carpeta.is_dir():
            self._mostrar_error(f"«{texto}» no es una carpeta existente: elija dónde guardar los PDF."
                                if texto else "Elija la carpeta donde guardar los PDF.")
            return None
        q = self.desde.date()
        desde, papel, legajo = date(q.year(), q.month(), q.day()), self.papel.currentData(), self.legajo.isChecked()
        self.boton_generar.setEnabled(False)
        self.tarea = tareas.ejecutar(
            self, "Generando propuestas de convenio…",
            lambda avance: generar_lote(self.ctx, desde, carpeta, papel, legajo, avance),
            al_terminar=self._terminado, al_fallar=self._fallo, cancelable=True)
        return self.tarea

    def _terminado(self, resultado: ResultadoLote) -> None:
        self.boton_generar.setEnabled(True)
        self.resumen = DialogoResumen(self, resultado)
        self.resumen.open()

    def _fallo(self, error: BaseException) -> None:
        self.boton_generar.setEnabled(True)
        if not isinstance(error, ErrorAplicacion):
            raise error  # a bug: the program's error dialog shows it
        self._mostrar_error(mensajes.texto_de(error))
