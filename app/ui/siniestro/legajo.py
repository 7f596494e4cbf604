"""LEGAJO DIGITAL: the documents kept with a siniestro («Guarda Documental», seed 003).

Lists them (`documentos.listar_documentos`), attaches a file chosen with the file dialog under a
tipo, opens one with the PC's program for it (a copy in a temp folder) and saves one elsewhere,
checking that the written copy has the SHA-256 recorded when it was attached. Reading and
writing files runs in a `tareas.ejecutar` worker (documents go up to 20 MB).
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from app.errors import ErrorAplicacion
from app.services import documentos

from .. import tareas
from ..modelos import Columna, Fila, ModeloTabla
from .comun import FALLO, VentanaSiniestro
from .pago_comun import fecha_hora, nota, tabla, tamanio

# the DH's papers first (what is attached most), the seed's «Guarda Documental» after, «Otros» last
ORDEN_TIPOS = ("DNI", "Partida de defunción", "Partida de nacimiento", "Certificado de estudios", "Denuncia",
               "Dictamen médico", "Propuesta de convenio")
BLOQUE = 1024 * 1024  # read in 1 MB pieces, so the progress bar moves


def tipos() -> list[str]:
    """The service's accepted tipos in the combo's order."""
    primero = [t for t in ORDEN_TIPOS if t in documentos.TIPOS_DOCUMENTO]
    resto = [t for t in documentos.TIPOS_DOCUMENTO if t not in primero and t != "Otros Documentos"]
    return primero + resto + [t for t in documentos.TIPOS_DOCUMENTO if t == "Otros Documentos"]


PREFIJO_COPIAS = "liquidador_legajo_"
HORAS_COPIAS = 12


def barrer_copias_viejas(carpeta: Path | None = None, horas: float = HORAS_COPIAS) -> int:
    """Delete the copies «Abrir» left in the temp folder more than `horas` ago: they hold personal
    documents (DNI, partidas). Recent ones stay (a viewer may still be reading them); a copy still
    locked by a viewer (Windows) is left for the next time. Returns how many folders went."""
    base = Path(carpeta or tempfile.gettempdir())
    limite = time.time() - horas * 3600
    borradas = 0
    for vieja in base.glob(f"{PREFIJO_COPIAS}*"):
        try:
            if vieja.is_dir() and vieja.stat().st_mtime < limite:
                shutil.rmtree(vieja)
                borradas += 1
        except OSError:
            continue
    return borradas


class ModeloDocumentos(ModeloTabla):
    COLUMNAS = (
        Columna("TIPO"), Columna("NOMBRE"), Columna("TAMAÑO", True), Columna("CARGADO POR"),
        Columna("CARGADO EL"), Columna("SHA-256"),
    )

    def cargar(self, lista: list[dict]) -> None:
        self.documentos = list(lista)
        self.poner_filas([Fila((
            d["tipo"], d["nombre_archivo"], tamanio(d["tamanio"]), d["cargado_por"], fecha_hora(d["cargado_en"]),
            d["sha256"][:12] + "…",
        ), "", f"{d['nombre_archivo']}\n{d['tamanio']} bytes\nSHA-256 {d['sha256']}") for d in lista])


def _leer_archivo(ruta: Path, avance) -> bytes | None:
    """The file's bytes, read by pieces; None when the service should read it itself (a missing,
    unreadable or too big file: its messages say why)."""
    try:
        total = ruta.stat().st_size
        if total > documentos.TAMANIO_MAXIMO or not ruta.is_file():
            return None
        partes, leidos = [], 0
        with ruta.open("rb") as f:
            while bloque := f.read(BLOQUE):
                partes.append(bloque)
                leidos += len(bloque)
                avance(leidos, total, f"Leyendo «{ruta.name}»…")
        return b"".join(partes)
    except OSError:
        return None


def _escribir(destino: Path, contenido: bytes, sha256: str) -> Path:
    """Write the bytes and read them back: the copy must have the recorded SHA-256."""
    try:
        destino.write_bytes(contenido)
        copia = destino.read_bytes()
    except OSError as e:
        raise ErrorAplicacion(f"No se pudo guardar «{destino}»: {e.strerror or e}.",
                              "Elija otra carpeta o revise que el archivo no esté abierto.") from None
    if hashlib.sha256(copia).hexdigest() != sha256:
        raise ErrorAplicacion(f"La copia guardada en «{destino}» no coincide con el documento del legajo "
                              "(huella SHA-256 distinta).", "Vuelva a guardarlo en otro disco o carpeta.")
    return destino


class VentanaLegajo(VentanaSiniestro):
    """The siniestro's documents (see the module docstring)."""

    TITULO = "LEGAJO DIGITAL"

    def construir(self, caja: QVBoxLayout) -> None:
        self.tarea: tareas.Tarea | None = None
        self._temporal: Path | None = None
        barrer_copias_viejas()
        self._carpeta = Path.home()

        cuadro = QGroupBox("DOCUMENTOS")
        c = QVBoxLayout(cuadro)
        self.modelo = ModeloDocumentos(self)
        self.modelo.documentos = []
        self.tabla = tabla(self.modelo, "Documentos", estirar=1)
        self.tabla.activated.connect(lambda _i: self.abrir())  # Enter or double click
        c.addWidget(self.tabla, 1)
        self.vacio = nota("El legajo no tiene documentos. Elija el tipo y pulse «Adjuntar…».", "vacio")
        self.vacio.setAlignment(Qt.AlignmentFlag.AlignCenter)
        c.addWidget(self.vacio)
        caja.addWidget(cuadro, 1)

        fila = QHBoxLayout()
        etiqueta = QLabel("&Tipo:")
        self.combo_tipo = QComboBox()
        self.combo_tipo.setObjectName("tipo")
        self.combo_tipo.addItems(tipos())
        etiqueta.setBuddy(self.combo_tipo)
        self.boton_adjuntar = QPushButton("&Adjuntar…")
        self.boton_adjuntar.clicked.connect(self.adjuntar)
        self.boton_abrir = QPushButton("A&brir")
        self.boton_abrir.clicked.connect(self.abrir)
        self.boton_guardar = QPushButton("&Guardar como…")
        self.boton_guardar.clicked.connect(self.guardar_como)
        self.boton_volver = QPushButton("&Volver")
        self.boton_volver.clicked.connect(self.close)
        for w in (etiqueta, self.combo_tipo, self.boton_adjuntar):
            fila.addWidget(w)
        fila.addSpacing(24)
        fila.addWidget(self.boton_abrir)
        fila.addWidget(self.boton_guardar)
        fila.addStretch(1)
        fila.addWidget(self.boton_volver)
        caja.addLayout(fila)
        if not self.ctx.actor.puede("cargar"):
            motivo = f"Su rol («{self.ctx.actor.rol}») puede consultar el legajo pero no adjuntar documentos."
            for w in (self.combo_tipo, self.boton_adjuntar):
                w.setEnabled(False)
                w.setToolTip(motivo)
        self.tabla.selectionModel().selectionChanged.connect(lambda *_: self._habilitar())

    # --- data ---------------------------------------------------------------------------------
    def recargar(self) -> None:
        super().recargar()
        lista = self.llamar(documentos.listar_documentos, self.ctx, self.siniestro_id)
        if lista is FALLO:
            return
        self.modelo.cargar(lista)
        self.tabla.setVisible(bool(lista))
        self.vacio.setVisible(not lista)
        if lista:
            self.tabla.selectRow(len(lista) - 1)
        self._habilitar()

    def _habilitar(self) -> None:
        libre = self.tarea is None or self.tarea.hecha
        hay = self.documento_elegido() is not None
        self.boton_abrir.setEnabled(libre and hay)
        self.boton_guardar.setEnabled(libre and hay)
        self.boton_adjuntar.setEnabled(libre and self.ctx.actor.puede("cargar"))

    def documento_elegido(self) -> dict | None:
        filas = self.tabla.selectionModel().selectedRows()
        if not filas or not 0 <= filas[0].row() < len(self.modelo.documentos):
            return None
        return self.modelo.documentos[filas[0].row()]

    def _en_segundo_plano(self, titulo: str, funcion, al_terminar) -> None:
        def fallo(error: BaseException) -> None:
            self._habilitar()
            if not isinstance(error, ErrorAplicacion):
                raise error  # a bug: the program's error dialog shows it
            self.mostrar_error(error)

        def listo(resultado) -> None:
            self._habilitar()
            al_terminar(resultado)

        self.limpiar_mensaje()
        self.tarea = tareas.ejecutar(self, titulo, funcion, al_terminar=listo, al_fallar=fallo)
        self._habilitar()

    # --- actions ------------------------------------------------------------------------------
    def adjuntar(self) -> None:
        if not self.ctx.actor.puede("cargar"):
            return
        ruta, _ = QFileDialog.getOpenFileName(self, "Adjuntar documento al legajo", str(self._carpeta),
                                              "Documentos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.doc *.docx "
                                              "*.xls *.xlsx *.odt);;Todos los archivos (*)")
        if not ruta:
            return
        ruta = Path(ruta)
        self._carpeta = ruta.parent
        tipo = self.combo_tipo.currentText()
        ctx, siniestro_id = self.ctx, self.siniestro_id

        def trabajo(avance):
            contenido = _leer_archivo(ruta, avance)
            avance(0, 0, f"Guardando «{ruta.name}» en el legajo…")
            if contenido is None:
                return documentos.adjuntar_documento(ctx, siniestro_id, tipo, ruta)
            return documentos.adjuntar_documento(ctx, siniestro_id, tipo, contenido, ruta.name)

        def hecho(_id) -> None:
            self.avisar_cambio()
            self.mostrar_ok(f"Se adjuntó «{ruta.name}» al legajo como «{tipo}».")

        self._en_segundo_plano(f"Adjuntando «{ruta.name}»…", trabajo, hecho)

    def _obtener(self, doc: dict):
        ctx = self.ctx
        return lambda: documentos.obtener_documento(ctx, doc["id"])

    def abrir(self) -> None:
        doc = self.documento_elegido()
        if doc is None or not self.boton_abrir.isEnabled():
            return
        if self._temporal is None:
            self._temporal = Path(tempfile.mkdtemp(prefix=PREFIJO_COPIAS))
        carpeta = self._temporal / str(doc["id"])  # one folder per document: same names never clash
        leer = self._obtener(doc)

        def trabajo(avance):
            avance(0, 0, f"Leyendo «{doc['nombre_archivo']}» del legajo…")
            completo = leer()
            carpeta.mkdir(parents=True, exist_ok=True)
            return _escribir(carpeta / completo["nombre_archivo"], completo["contenido"], completo["sha256"])

        def hecho(ruta: Path) -> None:
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(ruta))):
                self.mostrar_error(f"No hay un programa para abrir «{ruta.name}». Se dejó una copia en «{ruta}».")
            else:
                self.mostrar_ok(f"Se abrió una copia de «{ruta.name}» (los cambios en ella no modifican el legajo).")

        self._en_segundo_plano(f"Abriendo «{doc['nombre_archivo']}»…", trabajo, hecho)

    def guardar_como(self) -> None:
        doc = self.documento_elegido()
        if doc is None or not self.boton_guardar.isEnabled():
            return
        ruta, _ = QFileDialog.getSaveFileName(self, "Guardar documento como", str(self._carpeta / doc["nombre_archivo"]))
        if not ruta:
            return
        destino = Path(ruta)
        self._carpeta = destino.parent
        leer = self._obtener(doc)

        def trabajo(avance):
            avance(0, 0, f"Guardando «{destino.name}»…")
            completo = leer()
            return _escribir(destino, completo["contenido"], completo["sha256"])

        def hecho(escrito: Path) -> None:
            self.mostrar_ok(f"Se guardó «{doc['nombre_archivo']}» en «{escrito}» (copia verificada con su SHA-256).")

        self._en_segundo_plano(f"Guardando «{doc['nombre_archivo']}»…", trabajo, hecho)
