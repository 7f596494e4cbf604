"""«Importar remuneraciones…» / «Importar familiares…»: the import wizard.

    asistente = abrir_asistente(ctx, ventana, "remuneraciones")
    asistente.importado.connect(grilla.refrescar)

Archivo (kind, file, sheet) → Columnas (field → column, remembered per format) → Vista previa
(counts, problems, rows already loaded, options; «Importar» confirms and imports) → Resultado.
The reading, checking and writing run off the GUI thread with a progress bar and «Cancelar»; the
window only calls the services (app.services.importacion / importacion_familiares).
"""

from __future__ import annotations


from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget, QWizard

from . import textos
from .pagina_archivo import PaginaArchivo
from .pagina_columnas import PaginaColumnas
from .pagina_resultado import PaginaResultado
from .pagina_vista_previa import PaginaVistaPrevia

ARCHIVO, COLUMNAS, VISTA_PREVIA, RESULTADO = range(4)
BOTONES = {
    QWizard.WizardButton.BackButton: "< &Atrás",
    QWizard.WizardButton.NextButton: "&Siguiente >",
    QWizard.WizardButton.CommitButton: "&Importar",
    QWizard.WizardButton.FinishButton: "&Cerrar",
    QWizard.WizardButton.CancelButton: "&Cancelar",
}
TAMANIO = (1100, 700)


class AsistenteImportacion(QWizard):
    importado = Signal(object)  # the ResumenImportacion, after a successful import

    def __init__(self, ctx, parent: QWidget | None = None, tipo: str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.tipo = tipo or "remuneraciones"
        self.ruta: str | None = None
        self.examen = None  # app.importers.Resultado of the file (structure, no rows)
        self.mapeo: dict[str, str | None] = {}
        self.resumen = None  # ResumenImportacion once imported
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        for boton, texto in BOTONES.items():
            self.setButtonText(boton, texto)
        self.pagina_archivo = PaginaArchivo()
        self.pagina_columnas = PaginaColumnas()
        self.pagina_vista_previa = PaginaVistaPrevia()
        self.pagina_resultado = PaginaResultado()
        for ident, pagina in ((ARCHIVO, self.pagina_archivo), (COLUMNAS, self.pagina_columnas),
                              (VISTA_PREVIA, self.pagina_vista_previa), (RESULTADO, self.pagina_resultado)):
            self.setPage(ident, pagina)
        self.setStartId(ARCHIVO)
        self.pagina_archivo.poner_tipo(self.tipo)
        self.poner_tipo(self.tipo)
        self.resize(*TAMANIO)

    def poner_tipo(self, tipo: str) -> None:
        self.tipo = tipo
        self.setWindowTitle(textos.TITULOS[tipo])

    def poner_examen(self, ruta: str, tipo: str, examen) -> None:
        """Step 1 is done: the file, its kind and its structure for the next steps."""
        self.ruta, self.examen = ruta, examen
        self.poner_tipo(tipo)

    def paginas(self):
        return (self.pagina_archivo, self.pagina_columnas, self.pagina_vista_previa, self.pagina_resultado)

    @property
    def ocupado(self) -> bool:
        return any(p.ocupado for p in self.paginas())

    def esperar(self, ms: int = 120_000) -> bool:
        """Let the current page's background job end and hand its result over (tests, screenshots);
        a result that starts another job (a refused import runs the preview again) is awaited too."""
        while True:
            pagina = self.currentPage()
            t = getattr(pagina, "trabajo", None)
            if t is None or t.hecho or t.abandonado:
                return True
            if not t.esperar(ms):
                return False

    def done(self, resultado: int) -> None:
        """Closing (or «Cancelar») while working: a running preview or import is cancelled and
        awaited (the store stays as it was), an examination is left behind. If the import had
        already been written, the wizard stays open on its result."""
        antes = self.currentId()
        for pagina in self.paginas():
            pagina.detener()
        if self.currentId() != antes:  # the import finished while it was being cancelled
            return
        super().done(resultado)


def abrir_asistente(ctx, parent: QWidget | None = None, tipo: str | None = None) -> AsistenteImportacion:
    """Open the wizard (window-modal over `parent`, deleted when closed); `tipo`:
    «remuneraciones» or «familiares» pre-selected (the user may change it)."""
    asistente = AsistenteImportacion(ctx, parent, tipo)
    asistente.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    asistente.open()
    return asistente


class _CerrarConLaVentana(QObject):
    """Closing the main window closes the wizard first, so that a preview or an import still
    running is cancelled and awaited (a QThread must not be destroyed while it runs)."""

    def __init__(self, ventana: QWidget, asistente: AsistenteImportacion):
        super().__init__(asistente)  # goes away with the wizard
        self.asistente = asistente
        self.ventana = ventana
        ventana.installEventFilter(self)

    def eventFilter(self, objeto, evento) -> bool:  # noqa: N802 - Qt's name
        if objeto is self.ventana and evento.type() == QEvent.Type.Close and self.asistente.isVisible():
            self.asistente.reject()
        return False


def _abrir_desde(ventana: QWidget, ctx, tipo: str, al_importar) -> AsistenteImportacion:
    """One wizard per window: asking again raises the open one."""
    abierto = getattr(ventana, "_asistente_importacion", None)
    if abierto is not None:
        try:
            abierto.raise_()
            abierto.activateWindow()
            return abierto
        except RuntimeError:  # deleted when closed
            pass
    asistente = abrir_asistente(ctx, ventana, tipo)
    _CerrarConLaVentana(ventana, asistente)
    if al_importar is not None:
        asistente.importado.connect(al_importar)
    elif hasattr(ventana, "administracion"):
        asistente.importado.connect(lambda _r: ventana.administracion.refrescar())
    ventana._asistente_importacion = asistente
    asistente.destroyed.connect(lambda *_: setattr(ventana, "_asistente_importacion", None))
    return asistente
