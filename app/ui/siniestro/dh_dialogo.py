"""Add or edit one derechohabiente: CUIL, parentesco, birth date, estudiante / incapacitado /
casado, domicilio, CBU and letrado.

What can be checked here is checked before calling the service (required name and parentesco, CUIL
and CBU check digits with python-stdnum, a real birth date not after today) and told next to the
field; the service checks everything again, and what it refuses (a CUIL already used by another DH,
a child without birth date…) is shown next to its field too. Nothing is stored unless it is valid.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from app.errors import DatosInvalidos, ErrorAplicacion
from app.services import derechohabientes as servicio
from app.services.entradas import leer_cbu, leer_cuil, leer_texto, no_futura

from ..detalle import PARENTESCOS
from .comun import cuil, etiqueta_error
from .dh_campos import CampoConError, fecha_ar, leer_fecha_ar, sin_campo

ELEGIR = "— Elegir —"


class DialogoDerechohabiente(QDialog):
    """`dh` None: a new DH of the siniestro; otherwise a row of the grid to edit. On success
    `dh_id` holds the DH's id and the dialog is accepted."""

    def __init__(self, ctx, siniestro_id: int, dh: dict | None = None, parent=None):
        super().__init__(parent)
        self.ctx, self.siniestro_id, self.original = ctx, siniestro_id, dh
        self.dh_id: int | None = dh["id"] if dh else None
        self.setWindowTitle("Modificar derechohabiente" if dh else "Agregar derechohabiente")
        self.setMinimumWidth(580)

        caja = QVBoxLayout(self)
        formulario = QFormLayout()
        self.campo_nombre = QLineEdit()
        self.campo_nombre.setPlaceholderText("Apellido, Nombre")
        self.campo_parentesco = QComboBox()
        self.campo_parentesco.addItem(ELEGIR, None)
        for codigo, texto in PARENTESCOS.items():
            self.campo_parentesco.addItem(texto, codigo)
        self.campo_cuil = QLineEdit()
        self.campo_cuil.setPlaceholderText("27-12345678-0")
        self.campo_cuil.setMaxLength(16)
        self.campo_nacimiento = QLineEdit()
        self.campo_nacimiento.setPlaceholderText("dd/mm/aaaa")
        self.campo_nacimiento.setMaxLength(10)
        self.casilla_estudiante = QCheckBox("&Estudiante")
        self.casilla_incapacitado = QCheckBox("&Incapacitado/a")
        self.casilla_casado = QCheckBox("Ca&sado/a")
        self.campo_domicilio = QLineEdit()
        self.campo_cbu = QLineEdit()
        self.campo_cbu.setPlaceholderText("22 dígitos")
        self.campo_cbu.setMaxLength(26)
        self.campo_letrado = QLineEdit()
        self.campo_letrado.setPlaceholderText("Apellido y nombre del letrado/a, si lo tiene")

        # field name in the services → its widget (to show a refusal next to the field)
        self.campos: dict[str, CampoConError] = {}
        for clave, rotulo, widget, nombre in (
            ("apellido_nombre", "&Apellido y nombre:", self.campo_nombre, "Apellido y nombre"),
            ("parentesco", "&Parentesco:", self.campo_parentesco, "Parentesco"),
            ("cuil", "C&UIL:", self.campo_cuil, "CUIL"),
            ("fecha_nacimiento", "Fecha de &nacimiento:", self.campo_nacimiento, "Fecha de nacimiento"),
        ):
            widget.setAccessibleName(nombre)
            self.campos[clave] = CampoConError(widget)
            formulario.addRow(rotulo, self.campos[clave])
        condiciones = QHBoxLayout()
        for casilla in (self.casilla_estudiante, self.casilla_incapacitado, self.casilla_casado):
            condiciones.addWidget(casilla)
        condiciones.addStretch(1)
        formulario.addRow("Condición:", condiciones)
        for clave, rotulo, widget, nombre in (
            ("domicilio", "&Domicilio:", self.campo_domicilio, "Domicilio"),
            ("cbu", "C&BU:", self.campo_cbu, "CBU"),
            ("letrado", "&Letrado/a:", self.campo_letrado, "Letrado"),
        ):
            widget.setAccessibleName(nombre)
            self.campos[clave] = CampoConError(widget)
            formulario.addRow(rotulo, self.campos[clave])
        caja.addLayout(formulario)

        nota = QLabel("Estudiante: hijo/a de 21 a 25 años a cargo con certificado de estudios. Incapacitado/a: "
                      "sin límite de edad. Casado/a: un hijo/a casado/a no tiene derecho (art. 53 Ley 24.241).")
        nota.setWordWrap(True)
        nota.setStyleSheet("QLabel { color: #555; }")
        caja.addWidget(nota)

        self.etiqueta_error = etiqueta_error()
        caja.addWidget(self.etiqueta_error)

        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.boton_guardar = botones.button(QDialogButtonBox.StandardButton.Ok)
        self.boton_guardar.setText("&Guardar")
        self.boton_guardar.setDefault(True)
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText("&Cancelar")
        botones.accepted.connect(self.guardar)
        botones.rejected.connect(self.reject)
        caja.addWidget(botones)

        if dh:
            self._poner(dh)
        self.campo_nombre.setFocus()

    def _poner(self, dh: dict) -> None:
        self.campo_nombre.setText(dh.get("apellido_nombre") or "")
        i = self.campo_parentesco.findData(dh.get("parentesco"))
        self.campo_parentesco.setCurrentIndex(max(i, 0))
        self.campo_cuil.setText(cuil(dh.get("cuil")) if dh.get("cuil") else "")
        self.campo_nacimiento.setText(fecha_ar(dh.get("fecha_nacimiento")))
        self.casilla_estudiante.setChecked(bool(dh.get("estudiante")))
        self.casilla_incapacitado.setChecked(bool(dh.get("incapacitado")))
        self.casilla_casado.setChecked(bool(dh.get("casado")))
        self.campo_domicilio.setText(dh.get("domicilio") or "")
        self.campo_cbu.setText(dh.get("cbu") or "")
        self.campo_letrado.setText(dh.get("letrado") or "")

    # --- errors -------------------------------------------------------------------------------
    def errores(self) -> dict[str, str]:
        """The error shown next to each field (only fields with one)."""
        return {clave: c.error() for clave, c in self.campos.items() if c.error()}

    def error(self) -> str:
        return self.etiqueta_error.text() if not self.etiqueta_error.isHidden() else ""

    def _limpiar_errores(self) -> None:
        for c in self.campos.values():
            c.poner_error("")
        self.etiqueta_error.clear()
        self.etiqueta_error.hide()

    def _mostrar(self, error: ErrorAplicacion) -> None:
        campo = error.campo if isinstance(error, DatosInvalidos) else None
        if campo in self.campos:
            self.campos[campo].poner_error(sin_campo(error))
            self.campos[campo].setFocus()
        else:
            self.etiqueta_error.setText(sin_campo(error))
            self.etiqueta_error.show()

    # --- save ---------------------------------------------------------------------------------
    def datos(self) -> dict:
        """The form's values checked here, as the service takes them; raises `DatosInvalidos`
        for each problem found (all of them are shown, the first one is raised)."""
        problemas: list[DatosInvalidos] = []

        def revisar(funcion, *args):
            try:
                return funcion(*args)
            except DatosInvalidos as e:
                problemas.append(e)
                return None

        nombre = revisar(leer_texto, self.campo_nombre.text(), "apellido_nombre", 200, True)
        if self.campo_parentesco.currentData() is None:
            problemas.append(DatosInvalidos("parentesco", "elija el parentesco"))
        revisar(leer_cuil, self.campo_cuil.text(), "cuil", False)
        nacimiento = revisar(leer_fecha_ar, self.campo_nacimiento.text(), "fecha_nacimiento")
        if nacimiento is not None:
            revisar(no_futura, nacimiento, "fecha_nacimiento")
        revisar(leer_cbu, self.campo_cbu.text(), "cbu")
        for e in problemas:
            self._mostrar(e)
        if problemas:
            self.campos[problemas[0].campo].setFocus()
            raise problemas[0]
        return {
            "apellido_nombre": nombre,
            "parentesco": self.campo_parentesco.currentData(),
            "cuil": self.campo_cuil.text().strip() or None,
            "fecha_nacimiento": nacimiento,
            "estudiante": self.casilla_estudiante.isChecked(),
            "incapacitado": self.casilla_incapacitado.isChecked(),
            "casado": self.casilla_casado.isChecked(),
            "domicilio": self.campo_domicilio.text().strip() or None,
            "cbu": self.campo_cbu.text().strip() or None,
            "letrado": self.campo_letrado.text().strip() or None,
        }

    def guardar(self) -> None:
        """«Guardar»: check, store through the service, close; on any problem stay open."""
        self._limpiar_errores()
        try:
            datos = self.datos()
        except DatosInvalidos:
            return
        try:
            if self.dh_id is None:
                self.dh_id = servicio.agregar_derechohabiente(self.ctx, self.siniestro_id, datos)
            else:
                servicio.editar_derechohabiente(self.ctx, self.dh_id, datos)
        except ErrorAplicacion as e:
            self._mostrar(e)
            return
        self.accept()
