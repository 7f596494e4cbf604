"""Step 2 «Columnas»: which column of the file holds each field.

Each field of the kind has a combo with the file's header columns (letter + header text),
pre-selected by what the headers say, or by the mapping the user chose last time for a file with
the same headers (memoria.py). A required field without a column, or one column chosen for two
fields, keeps «Siguiente» disabled and says why."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.importers.columnas import CAMPOS

from . import memoria, textos
from .pagina import Pagina, barra_mensaje, mostrar

SIN_COLUMNA = "— sin columna —"
# letters the wizard's own buttons use (Atrás, Siguiente, Importar, Cancelar)
RESERVADAS = set("asic")


def con_atajo(texto: str, usadas: set[str]) -> str:
    """`texto` with a mnemonic on its first letter not used yet (nor by the wizard's buttons)."""
    for i, c in enumerate(texto):
        letra = c.lower()
        if c.isalpha() and c.isascii() and letra not in usadas and letra not in RESERVADAS:
            usadas.add(letra)
            return f"{texto[:i]}&{texto[i:]}"
    return texto


class PaginaColumnas(Pagina):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle("Columnas")
        self.setSubTitle("Elija qué columna del archivo trae cada dato. Los marcados con * son obligatorios.")
        self.combos: dict[str, QComboBox] = {}
        self.detectado: dict[str, str | None] = {}
        self.recordada = False

        caja = QVBoxLayout(self)
        self.etiqueta_archivo = QLabel()
        self.etiqueta_archivo.setObjectName("archivo_columnas")
        self.etiqueta_archivo.setWordWrap(True)
        caja.addWidget(self.etiqueta_archivo)
        self.aviso_recordada = barra_mensaje("recordada")
        caja.addWidget(self.aviso_recordada)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        caja.addWidget(self.area, 1)
        self.barra = barra_mensaje("mensaje_columnas")
        caja.addWidget(self.barra)

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        asistente = self.wizard()
        examen, tipo = asistente.examen, asistente.tipo
        est = examen.estructura
        self.etiqueta_archivo.setText(f"«{examen.archivo}» — {textos.estructura(examen)}")
        self.detectado = memoria.letras({c.nombre: est.mapeo.get(c.nombre) for c in CAMPOS[tipo]})
        recordado = memoria.recordada(tipo, est.columnas)
        self.recordada = recordado is not None and recordado != self.detectado
        inicial = recordado if recordado is not None else self.detectado
        if self.recordada:
            mostrar(self.aviso_recordada, textos.OK, textos.RECORDADA)
        else:
            self.aviso_recordada.hide()

        contenido = QWidget()
        rejilla = QGridLayout(contenido)
        rejilla.setColumnStretch(1, 1)
        self.combos = {}
        usadas: set[str] = set()
        anterior = None
        for n, campo in enumerate(CAMPOS[tipo]):
            combo = QComboBox()
            combo.setObjectName(f"columna_{campo.nombre}")
            combo.setAccessibleName(campo.titulo)
            combo.addItem(SIN_COLUMNA, None)
            for col in est.columnas:
                combo.addItem(textos.columna(col), col.letra)
            indice = combo.findData(inicial.get(campo.nombre)) if inicial.get(campo.nombre) else 0
            combo.setCurrentIndex(max(indice, 0))
            combo.currentIndexChanged.connect(self._revisar)
            rotulo = QLabel(con_atajo(campo.titulo, usadas) + (" *" if campo.requerido else ""))
            rotulo.setBuddy(combo)
            if campo.requerido:
                rotulo.setStyleSheet("font-weight: bold;")
            rejilla.addWidget(rotulo, n, 0)
            rejilla.addWidget(combo, n, 1)
            self.combos[campo.nombre] = combo
            if anterior is not None:
                QWidget.setTabOrder(anterior, combo)
            anterior = combo
        rejilla.setRowStretch(len(CAMPOS[tipo]), 1)
        self.area.setWidget(contenido)  # the previous grid is deleted
        self._revisar()
        next(iter(self.combos.values())).setFocus()

    def mapeo(self) -> dict[str, str | None]:
        """field → column letter (None: no column), every field of the kind."""
        return {campo: combo.currentData() for campo, combo in self.combos.items()}

    def problema(self) -> str:
        """Why the mapping cannot be used ('' if it can)."""
        tipo = self.wizard().tipo
        mapeo = self.mapeo()
        faltan = [c.titulo for c in CAMPOS[tipo] if c.requerido and not mapeo.get(c.nombre)]
        if faltan:
            return "Falta elegir la columna de: " + ", ".join(f"«{t}»" for t in faltan) + "."
        titulos = {c.nombre: c.titulo for c in CAMPOS[tipo]}
        usada: dict[str, str] = {}
        for campo, letra in mapeo.items():
            if letra is None:
                continue
            if letra in usada:
                combo = self.combos[campo]
                return (f"La columna {combo.currentText()} está elegida para «{titulos[usada[letra]]}» y para "
                        f"«{titulos[campo]}»: cada columna puede ser de un solo dato.")
            usada[letra] = campo
        return ""

    def _revisar(self, *_) -> None:
        texto = self.problema()
        if texto:
            mostrar(self.barra, textos.ERROR, texto)
        else:
            self.barra.hide()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.combos) and not self.problema()

    def validatePage(self) -> bool:  # noqa: N802
        if not self.isComplete():
            return False
        asistente = self.wizard()
        mapeo = self.mapeo()
        memoria.recordar(asistente.tipo, asistente.examen.estructura.columnas, mapeo, self.detectado)
        asistente.mapeo = mapeo
        return True
