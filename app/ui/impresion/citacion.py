"""The few data of a DH notification that the convenio does not give yet: where the letter is
signed, and the day, hour and place the DH is called to sign the Propuesta de Convenio. All
optional: without a citation the letter says that they will be told in due time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.errors import DatosInvalidos
from app.services.entradas import hoy

from ..siniestro.dh_campos import CampoConError, fecha_ar, leer_fecha_ar, sin_campo

_HORA = re.compile(r"([01]?\d|2[0-3])[:.]([0-5]\d)")


@dataclass(frozen=True)
class Citacion:
    lugar: str | None
    fecha_citacion: date | None
    hora_citacion: str | None  # "HH:MM"
    lugar_citacion: str | None


def leer_citacion(lugar: str, fecha: str, hora: str, lugar_citacion: str, *, hoy_es: date | None = None) -> Citacion:
    """What the dialog's fields say, checked; blank fields are None."""
    dia = leer_fecha_ar(fecha, "fecha_citacion")
    if dia is not None and dia < (hoy_es or hoy()):
        raise DatosInvalidos("fecha_citacion", f"el {fecha_ar(dia)} ya pasó: la citación es de hoy en adelante")
    texto_hora = (hora or "").strip()
    hora_ok = None
    if texto_hora:
        m = _HORA.fullmatch(texto_hora)
        if not m:
            raise DatosInvalidos("hora_citacion", f"«{texto_hora}» no es una hora (use HH:MM, p. ej. 10:30)")
        if dia is None:
            raise DatosInvalidos("hora_citacion", "falta la fecha de citación para esa hora")
        hora_ok = f"{int(m.group(1)):02d}:{m.group(2)}"
    return Citacion((lugar or "").strip() or None, dia, hora_ok, (lugar_citacion or "").strip() or None)


class DialogoCitacion(QDialog):
    """Asked before the notification when the convenio's place and date are not loaded yet.
    Accepted only with valid fields; `citacion` then holds them."""

    def __init__(self, parent: QWidget | None, destinatario: str, *, lugar: str | None = None,
                 fecha_citacion: date | None = None, lugar_citacion: str | None = None):
        super().__init__(parent)
        self.setWindowTitle("Notificación de derechohabiente — citación")
        self.citacion: Citacion | None = None
        caja = QVBoxLayout(self)
        explicacion = QLabel(
            f"Notificación a «{destinatario}». Los datos del convenio no tienen todavía lugar y fecha: "
            "complete la citación para la firma, o déjela en blanco y la carta dirá que se le comunicará "
            "oportunamente.")
        explicacion.setWordWrap(True)
        caja.addWidget(explicacion)
        formulario = QFormLayout()
        self.editores: dict[str, QLineEdit] = {}
        self.campos: dict[str, CampoConError] = {}
        for clave, rotulo, ayuda, valor in (
                ("lugar", "&Lugar de la carta:", "La Plata", lugar),
                ("fecha_citacion", "&Fecha de citación:", "dd/mm/aaaa", fecha_ar(fecha_citacion)),
                ("hora_citacion", "&Hora:", "10:30", ""),
                ("lugar_citacion", "Lugar de &citación:", "Calle, número, oficina", lugar_citacion)):
            editor = QLineEdit(valor or "")
            editor.setPlaceholderText(ayuda)
            editor.setAccessibleName(rotulo.replace("&", "").rstrip(":"))
            self.editores[clave] = editor
            self.campos[clave] = CampoConError(editor)
            formulario.addRow(rotulo, self.campos[clave])
            formulario.labelForField(self.campos[clave]).setBuddy(editor)
        self.editores["fecha_citacion"].setMaxLength(10)
        self.editores["hora_citacion"].setMaxLength(5)
        caja.addLayout(formulario)
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        botones.button(QDialogButtonBox.StandardButton.Ok).setText("&Vista previa…")
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText("Cancelar")
        botones.accepted.connect(self.aceptar)
        botones.rejected.connect(self.reject)
        caja.addWidget(botones)
        self.setMinimumWidth(520)

    def errores(self) -> dict[str, str]:
        return {clave: c.error() for clave, c in self.campos.items() if c.error()}

    def aceptar(self) -> None:
        for c in self.campos.values():
            c.poner_error("")
        e = self.editores
        try:
            self.citacion = leer_citacion(e["lugar"].text(), e["fecha_citacion"].text(), e["hora_citacion"].text(),
                                          e["lugar_citacion"].text())
        except DatosInvalidos as error:
            campo = self.campos.get(error.campo)
            if campo is not None:
                campo.poner_error(sin_campo(error))
                campo.setFocus()
            return
        self.accept()
