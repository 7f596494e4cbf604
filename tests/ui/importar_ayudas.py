"""Helpers of the import wizard tests: agents registered through the services in the demo store,
real .xlsx files (tests/importers/planillas.py), and the wizard driven as a user would (buttons,
the file chooser answered by a monkeypatch, background jobs awaited)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QWizard

from app.services import agentes
from app.ui.importar import AsistenteImportacion, pagina_archivo
from tests.importers.planillas import cuil
from tests.servicios.ayudas import datos_agente

CUIL_A = cuil(30111001)
CUIL_B = cuil(30111002, "27")
ENCABEZADO = ["CUIL", "Apellido y Nombre", "Período", "Remuneración", "SAC"]
SIGUIENTE = QWizard.WizardButton.NextButton
IMPORTAR = QWizard.WizardButton.CommitButton
ATRAS = QWizard.WizardButton.BackButton
CERRAR = QWizard.WizardButton.FinishButton
CANCELAR = QWizard.WizardButton.CancelButton


def ajustes_temporales(carpeta: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(carpeta))


def registrar_agentes(ctx) -> dict[str, int]:
    """Two agents without siniestros (so none of their months is locked): A «Pérez, Ana» and
    B «Gómez, Luis»."""
    organismo = agentes.listar_organismos(ctx)[0]["id"]
    return {
        "A": agentes.registrar_agente(ctx, datos_agente(organismo, cuil=CUIL_A, apellido_nombre="Pérez, Ana")),
        "B": agentes.registrar_agente(ctx, datos_agente(organismo, cuil=CUIL_B, apellido_nombre="Gómez, Luis",
                                                        fecha_nacimiento=date(1985, 7, 9))),
    }


def guardadas(ctx, agente_id: int) -> list[tuple]:
    return [(r["periodo"], r["remuneracion"], r["sac"]) for r in agentes.remuneraciones_del_agente(ctx, agente_id)]


def abrir(qtbot, ctx, tipo: str | None = "remuneraciones") -> AsistenteImportacion:
    asistente = AsistenteImportacion(ctx, tipo=tipo)
    qtbot.addWidget(asistente)
    asistente.show()
    return asistente


def esperar(qtbot, asistente, timeout: int = 30_000) -> None:
    qtbot.waitUntil(lambda: not asistente.ocupado, timeout=timeout)


def pulsar(qtbot, asistente, boton) -> None:
    b = asistente.button(boton)
    assert b.isVisible() and b.isEnabled(), f"«{b.text()}» no se puede pulsar"
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton)


def elegir(qtbot, asistente, monkeypatch, ruta: Path) -> None:
    """Step 1: «Examinar…» answered with `ruta`, then the examination awaited."""
    monkeypatch.setattr(pagina_archivo, "elegir_archivo", lambda parent: str(ruta))
    qtbot.mouseClick(asistente.pagina_archivo.boton_examinar, Qt.MouseButton.LeftButton)
    esperar(qtbot, asistente)


def hasta_vista_previa(qtbot, asistente, monkeypatch, ruta: Path) -> None:
    elegir(qtbot, asistente, monkeypatch, ruta)
    pulsar(qtbot, asistente, SIGUIENTE)
    assert asistente.currentPage() is asistente.pagina_columnas
    pulsar(qtbot, asistente, SIGUIENTE)
    assert asistente.currentPage() is asistente.pagina_vista_previa
    esperar(qtbot, asistente)


def cuentas(asistente) -> dict[str, str]:
    return {clave: etiqueta.text() for clave, etiqueta in asistente.pagina_vista_previa.cuentas.items()
            if not etiqueta.isHidden()}


class Confirmaciones:
    """mensajes.confirmar answered without a dialog; the questions are kept."""

    def __init__(self, monkeypatch, respuesta: bool = True):
        from app.ui import mensajes

        self.preguntas: list[tuple[str, str, str]] = []
        self.respuesta = respuesta
        monkeypatch.setattr(mensajes, "confirmar", self._confirmar)

    def _confirmar(self, parent, titulo, texto, *, si="&Sí", no="&No", detalle="", peligroso=False):
        self.preguntas.append((titulo, texto, detalle))
        return self.respuesta
