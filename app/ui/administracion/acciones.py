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
    solo_acreditados: bool = False  # a fatal siniestro whose DH were accredited (or one of its DH rows)


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
    Accion("convenio", "Propuesta de C&onvenio…", "F9", "Vista previa de la Propuesta de Convenio para imprimir o "
           "guardar", solo_mortales=True, solo_acreditados=True),
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


def con_acreditados(modelo, n: int) -> bool:
    """Row `n` of the grid is a green (accredited DH) row, or the black row of a fatal siniestro
    with its green rows below it (they are loaded with it, in the same page)."""
    from .modelo import DERECHOHABIENTE, SINIESTRO

    if not 0 <= n < modelo.rowCount():
        return False
    fila = modelo.fila(n)
    if fila.tipo == DERECHOHABIENTE:
        return True
    return (fila.tipo == SINIESTRO and fila.datos.get("tipo") == "muerte" and n + 1 < modelo.rowCount()
            and modelo.fila(n + 1).tipo == DERECHOHABIENTE)
