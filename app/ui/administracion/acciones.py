"""The per-row actions of the Administración grid, as SiAPe's row buttons: one definition used by
the toolbar, the context menu, the main window's «Siniestro» menu and the keyboard shortcuts."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence


@dataclass(frozen=True)
class Accion:
    nombre: str          # what `accion_pedida` emits (the window names of app/ui/siniestro/comun.py)
    texto: str           # menu text, with its mnemonic
    atajo: str           # QKeySequence text
    ayuda: str
    solo_mortales: bool = False
    en_barra: bool = True


ACCIONES = (
    Accion("siniestro", "&Abrir siniestro…", "Return", "Ver o editar los datos del siniestro (Intro o doble clic)",
           en_barra=False),
    Accion("remuneraciones", "&REMUNERACIONES", "F2", "Las 12 remuneraciones anteriores a la PMI, RIPTE y VIB"),
    Accion("calcular", "&CALCULAR", "F3", "Calcular la liquidación y ver sus versiones"),
    Accion("derechohabiente", "&DERECHOHABIENTE", "F4", "Derechohabientes: porcentajes y acreditación",
           solo_mortales=True),
    Accion("siape", "&SIAPE", "F6", "La liquidación por concepto y por derechohabiente"),
    Accion("pago", "&PAGO", "F7", "Registrar pagos a los derechohabientes acreditados", solo_mortales=True),
    Accion("legajo", "&Legajo", "F8", "Legajo digital: documentos del siniestro"),
    Accion("agente", "Editar a&gente…", "Ctrl+E", "Datos del agente y su grupo familiar", en_barra=False),
)
POR_NOMBRE = {a.nombre: a for a in ACCIONES}


def crear(accion: Accion, parent) -> QAction:
    qaccion = QAction(accion.texto, parent)
    qaccion.setObjectName(f"accion_{accion.nombre}")
    qaccion.setShortcut(QKeySequence(accion.atajo))
    atajo = QKeySequence(accion.atajo).toString(QKeySequence.SequenceFormat.NativeText)
    qaccion.setToolTip(f"{accion.ayuda} ({atajo})")
    qaccion.setStatusTip(accion.ayuda)
    return qaccion
