"""What every window of one siniestro shares.

`VentanaSiniestro(ctx, siniestro_id)`: a QMainWindow with the AGENTE / SINIESTRO header
(`CabeceraSiniestro`), a red message bar for refused actions, «Volver» on Esc, and the signal
`cambiado(siniestro_id)` that the main window uses to refresh its grid after a save. Subclasses
build their body in `construir(caja)` and fill it in `recargar()` (called once at start and after
each save); they call services through `self.llamar(funcion, *args)`, which shows an application
error in the red bar and returns `FALLO` instead of raising.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.errors import ErrorAplicacion
from app.services import siniestros

from .. import formato
from ..mensajes import texto_de

FALLO = object()

# names accepted by `abrir_otra` (the main window maps them to the window classes)
VENTANAS = ("remuneraciones", "calcular", "derechohabiente", "siape", "pago", "legajo")  # what `llamar` returns when the service refused

ESTILO_ERROR = "QLabel { background: #c62828; color: white; font-weight: bold; padding: 4px 8px; }"
ESTILO_AVISO = "QLabel { background: #fff3cd; color: #5c4400; padding: 4px 8px; }"
ESTILO_OK = "QLabel { background: #2e7d32; color: white; padding: 4px 8px; }"
ESTILO_TITULO = "QLabel { font-size: 15px; font-weight: bold; padding: 2px 0 4px 0; }"


def etiqueta_error() -> QLabel:
    """The red line a dialog shows a refusal in (hidden until there is one; the text can be copied)."""
    etiqueta = QLabel()
    etiqueta.setObjectName("error")
    etiqueta.setWordWrap(True)
    etiqueta.setStyleSheet(ESTILO_ERROR)
    etiqueta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    etiqueta.hide()
    return etiqueta

TIPOS = {"muerte": "Fallecimiento", "ilp": "Incapacidad laboral permanente", "gran_invalidez": "Gran invalidez"}
ESTADOS = {
    "denunciado": "Denunciado", "en_liquidacion": "En liquidación", "liquidado": "Liquidado",
    "acreditado": "Acreditado", "pagado": "Pagado", "cerrado": "Cerrado",
}


def fecha(valor) -> str:
    """A `date` (or ISO text) as dd/mm/aaaa; a dash when missing."""
    if valor is None or valor == "":
        return formato.VACIO
    return formato.fecha(valor.isoformat() if hasattr(valor, "isoformat") else str(valor))


def cuil(digitos: str | None) -> str:
    if not digitos:
        return formato.VACIO
    d = "".join(c for c in str(digitos) if c.isdigit())
    return f"{d[:2]}-{d[2:10]}-{d[10:]}" if len(d) == 11 else str(digitos)


def incapacidad(s: dict) -> str:
    partes = [s.get("incapacidad_tipo"), s.get("incapacidad_grado"), s.get("incapacidad_caracter")]
    texto = " · ".join(p for p in partes if p)
    if s.get("porcentaje_incapacidad") is not None:
        texto = (texto + " · " if texto else "") + f"{formato.numero(s['porcentaje_incapacidad'], 2)} %"
    return texto or formato.VACIO


class CabeceraSiniestro(QGroupBox):
    """AGENTE, FECHA NACIM., INCAPACIDAD LABORAL and FECHAS of the siniestro, as in SiAPe's header."""

    CAMPOS = ("Agente", "Cuit-Cuil", "Organismo", "Fecha nacim.", "Siniestro", "Tipo", "Incapacidad laboral",
              "Estado", "PMI / Accidente", "Fallecimiento", "Inicio de actividad", "Recepción")

    def __init__(self, parent=None):
        super().__init__("AGENTE", parent)
        self.setObjectName("cabecera")
        rejilla = QHBoxLayout(self)
        self._valores: dict[str, QLabel] = {}
        columnas = [QFormLayout() for _ in range(3)]
        for i, campo in enumerate(self.CAMPOS):
            valor = QLabel(formato.VACIO)
            valor.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            valor.setAccessibleName(campo)
            if campo in ("Agente", "Siniestro"):
                valor.setStyleSheet("QLabel { font-weight: bold; }")
            self._valores[campo] = valor
            columnas[i // 4].addRow(f"{campo}:", valor)
        for c in columnas:
            rejilla.addLayout(c, 1)

    def poner(self, s: dict) -> None:
        """`s` is `siniestros.obtener_siniestro(...)`."""
        a = s["agente"]
        valores = {
            "Agente": a["apellido_nombre"], "Cuit-Cuil": cuil(a["cuil"]), "Organismo": a["organismo"],
            "Fecha nacim.": fecha(a["fecha_nacimiento"]), "Siniestro": s["numero"],
            "Tipo": TIPOS.get(s["tipo"], s["tipo"]) + (" (in itinere)" if s.get("in_itinere") else ""),
            "Incapacidad laboral": incapacidad(s), "Estado": ESTADOS.get(s["estado"], s["estado"]),
            "PMI / Accidente": fecha(s["fecha_pmi"]), "Fallecimiento": fecha(s.get("fecha_fallecimiento")),
            "Inicio de actividad": fecha(a.get("fecha_inicio_actividad")),
            "Recepción": fecha(s.get("fecha_recepcion")),
        }
        for campo, texto in valores.items():
            self._valores[campo].setText(texto)

    def valor(self, campo: str) -> str:
        return self._valores[campo].text()


class VentanaSiniestro(QMainWindow):
    """Base of the per-siniestro windows (see the module docstring)."""

    cambiado = Signal(int)
    # ask the main window to open another window of this siniestro: ("calcular", id), see VENTANAS
    abrir_otra = Signal(str, int)
    TITULO = ""  # e.g. "REMUNERACIONES"

    def __init__(self, ctx, siniestro_id: int, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.siniestro_id = siniestro_id
        self.siniestro: dict | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        central = QWidget(self)
        caja = QVBoxLayout(central)
        self.titulo = QLabel(self.TITULO)
        self.titulo.setObjectName("titulo")
        self.titulo.setStyleSheet(ESTILO_TITULO)
        caja.addWidget(self.titulo)
        self.cabecera = CabeceraSiniestro()
        caja.addWidget(self.cabecera)
        self.barra = QLabel()
        self.barra.setObjectName("mensaje")
        self.barra.setWordWrap(True)
        self.barra.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.barra.hide()
        caja.addWidget(self.barra)
        for fijo in (self.titulo, self.cabecera, self.barra):  # the body takes the height
            fijo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setCentralWidget(central)

        volver = QAction("&Volver", self)
        volver.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        volver.triggered.connect(self.close)
        self.addAction(volver)
        self.accion_volver = volver

        self.construir(caja)
        self.resize(1200, 760)
        self.recargar()

    # --- for subclasses -------------------------------------------------------------------
    def construir(self, caja: QVBoxLayout) -> None:
        """Add the window's body to `caja` (under the header and the message bar)."""

    def recargar(self) -> None:
        """Read the siniestro again and refresh the header; subclasses extend it."""
        datos = self.llamar(siniestros.obtener_siniestro, self.ctx, self.siniestro_id)
        if datos is FALLO:
            return
        self.siniestro = datos
        self.cabecera.poner(datos)
        self.setWindowTitle(f"{self.TITULO} — Siniestro {datos['numero']} — {datos['agente']['apellido_nombre']}")

    # --- messages -------------------------------------------------------------------------
    def mostrar_error(self, problema: BaseException | str) -> None:
        self._barra(texto_de(problema), ESTILO_ERROR)

    def mostrar_aviso(self, texto: str) -> None:
        self._barra(texto, ESTILO_AVISO)

    def mostrar_ok(self, texto: str) -> None:
        self._barra(texto, ESTILO_OK)

    def limpiar_mensaje(self) -> None:
        self.barra.clear()
        self.barra.hide()

    def mensaje(self) -> str:
        return self.barra.text() if self.barra.isVisible() or self.barra.text() else ""

    def _barra(self, texto: str, estilo: str) -> None:
        self.barra.setStyleSheet(estilo)
        self.barra.setText(texto)
        self.barra.show()

    def llamar(self, funcion, *args, **kwargs):
        """Call a service; an application error goes to the red bar and `FALLO` is returned."""
        try:
            return funcion(*args, **kwargs)
        except ErrorAplicacion as e:
            self.mostrar_error(e)
            return FALLO

    def avisar_cambio(self) -> None:
        """After a successful save: refresh this window and tell the main window."""
        self.recargar()
        self.cambiado.emit(self.siniestro_id)
