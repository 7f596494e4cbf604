"""The data of the Propuesta de Convenio that are not in the case: the DH's domicilio legal and the
Comisión Médica they chose, their lawyer, the place and date, who signs for the Autoseguro, and
each accredited DH's account number and CBU.

Everything is checked by the service (app/services/convenios.py) and what it refuses is shown next
to its field, or, for a DH's account, in the red line with the cell selected; nothing is stored
unless all of it is valid. The version read is given back on saving, so a save over someone
else's change is refused instead of overwriting it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import DatosInvalidos, ErrorAplicacion
from app.services import convenios as servicio
from app.services.convenios_campos import TEXTOS

from .comun import cuil, etiqueta_error
from .dh_campos import CampoConError, fecha_ar, leer_fecha_ar, sin_campo, sin_permiso

# (service field, label with mnemonic, accessible name, placeholder) per group, in tab order
GRUPOS = (
    ("Asesor letrado del beneficiario", (
        ("letrado_apellido_nombre", "&Apellido y nombre:", "Apellido y nombre del letrado", "Apellido, Nombre"),
        ("letrado_dni", "DN&I:", "DNI del letrado", "12.345.678"),
        ("letrado_matricula", "&Matrícula:", "Matrícula del letrado", "T° 45 F° 123"),
        ("letrado_cuit", "C&UIT:", "CUIT del letrado", "20-12345678-6"),
        ("letrado_localidad", "Locali&dad:", "Localidad del letrado", ""),
        ("letrado_domicilio", "Domicili&o:", "Domicilio del letrado", "Calle, número, piso"),
        ("letrado_telefono", "&Teléfono:", "Teléfono del letrado", "(0221) 423-4567"),
        ("letrado_email", "&E-mail:", "E-mail del letrado", "nombre@dominio.com.ar"),
    )),
    ("Domicilio legal y comisión", (
        ("domicilio_legal", "Domicilio le&gal:", "Domicilio legal de los derechohabientes", ""),
        ("opcion_comision", "Opción de comi&sión:", "Comisión Médica Jurisdiccional elegida",
         "Comisión Médica Jurisdiccional N° …"),
    )),
    ("Lugar y fecha", (
        ("lugar", "&Lugar:", "Lugar del convenio", "La Plata"),
        ("fecha", "&Fecha:", "Fecha del convenio", "dd/mm/aaaa"),
    )),
    ("Representante autoseguro", (
        ("representante_apellido_nombre", "A&pellido y nombre:", "Apellido y nombre del representante",
         "Apellido, Nombre"),
        ("representante_dni", "D&NI:", "DNI del representante", "12.345.678"),
        ("representante_cargo", "Ca&rgo:", "Cargo del representante", "Director/a de Autoseguro"),
    )),
)
MAXIMOS = {"letrado_dni": 12, "representante_dni": 12, "letrado_cuit": 13, "fecha": 10, "letrado_telefono": 40,
           "letrado_email": 254}
COLUMNAS = ("Apellido y nombre", "Parentesco", "DNI", "N° de cuenta", "CBU")
COL_CUENTA, COL_CBU = 3, 4
_CAMPO_DH = re.compile(r"derechohabientes\[(\d+)\]\.(\w+)")


class DialogoConvenio(QDialog):
    """Enter or edit the convenio's own data of a siniestro. Accepted only after a save; `version`
    then holds the version stored."""

    def __init__(self, ctx, siniestro_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.siniestro_id = ctx, siniestro_id
        self.version: int | None = None
        self.dhs: list[dict] = []
        self.setWindowTitle("Propuesta de Convenio")
        self.setMinimumWidth(860)

        caja = QVBoxLayout(self)
        self.titulo = QLabel()
        self.titulo.setStyleSheet("QLabel { font-size: 14px; font-weight: bold; }")
        caja.addWidget(self.titulo)

        self.campos: dict[str, CampoConError] = {}
        self.editores: dict[str, QLineEdit] = {}
        columnas = QHBoxLayout()
        izquierda, derecha = QVBoxLayout(), QVBoxLayout()
        for n, (titulo, filas) in enumerate(GRUPOS):
            grupo = QGroupBox(titulo)
            formulario = QFormLayout(grupo)
            for clave, rotulo, nombre, ayuda in filas:
                editor = QLineEdit()
                editor.setAccessibleName(nombre)
                editor.setPlaceholderText(ayuda)
                editor.setMaxLength(MAXIMOS.get(clave, TEXTOS.get(clave, 300)))
                self.editores[clave] = editor
                self.campos[clave] = CampoConError(editor)
                formulario.addRow(rotulo, self.campos[clave])
                # the mnemonic goes to the editor itself: a label does not focus a NoFocus wrapper
                formulario.labelForField(self.campos[clave]).setBuddy(editor)
            (izquierda if n == 0 else derecha).addWidget(grupo)  # the lawyer left, the rest right
        izquierda.addStretch(1)
        derecha.addStretch(1)
        columnas.addLayout(izquierda, 1)
        columnas.addLayout(derecha, 1)
        caja.addLayout(columnas)

        grupo_dh = QGroupBox("Derechohabientes acreditados: cuenta y CBU")
        caja_dh = QVBoxLayout(grupo_dh)
        self.tabla = QTableWidget(0, len(COLUMNAS))
        self.tabla.setAccessibleName("Cuentas de los derechohabientes acreditados")
        self.tabla.setHorizontalHeaderLabels(COLUMNAS)
        self.tabla.verticalHeader().hide()
        self.tabla.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between cells
        self.tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.tabla.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tabla.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        cabecera = self.tabla.horizontalHeader()
        cabecera.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, COL_CUENTA):
            cabecera.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        cabecera.setSectionResizeMode(COL_CBU, QHeaderView.ResizeMode.Interactive)
        self.tabla.setColumnWidth(COL_CBU, 200)
        self.tabla.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        caja_dh.addWidget(self.tabla)
        self.nota_dh = QLabel("Escriba sobre «N° de cuenta» o «CBU» (F2 o doble clic para corregir). La CBU se "
                              "valida con sus dígitos verificadores.")
        self.nota_dh.setWordWrap(True)
        self.nota_dh.setStyleSheet("QLabel { color: #555; }")
        caja_dh.addWidget(self.nota_dh)
        caja.addWidget(grupo_dh)

        self.etiqueta_error = etiqueta_error()
        caja.addWidget(self.etiqueta_error)

        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.boton_aceptar = botones.button(QDialogButtonBox.StandardButton.Ok)
        self.boton_aceptar.setText("A&ceptar")
        self.boton_aceptar.setDefault(True)
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText("Cancelar")  # Esc
        botones.accepted.connect(self.guardar)
        botones.rejected.connect(self.reject)
        caja.addWidget(botones)

        orden = [self.editores[c] for _, filas in GRUPOS for c, *_ in filas] + [self.tabla]
        for a, b in zip(orden, orden[1:]):
            QWidget.setTabOrder(a, b)
        self.cargar()
        self.editores["letrado_apellido_nombre"].setFocus()

    # --- reading ---------------------------------------------------------------------------------
    def cargar(self) -> None:
        """Show what is stored (or why it cannot be edited)."""
        try:
            d = servicio.obtener_datos_convenio(self.ctx, self.siniestro_id)
        except ErrorAplicacion as e:
            self.titulo.setText("Propuesta de Convenio")
            self._mostrar(e)
            self.boton_aceptar.setEnabled(False)
            return
        self.version = d["version"]
        self.titulo.setText(f"Propuesta de Convenio — Siniestro {d['numero']}")
        self.setWindowTitle(f"Propuesta de Convenio — Siniestro {d['numero']}")
        for clave, editor in self.editores.items():
            valor = d.get(clave)
            if clave == "fecha":
                texto = fecha_ar(valor)
            elif clave == "letrado_cuit" and valor:
                texto = cuil(valor)
            else:
                texto = valor or ""
            editor.setText(texto)
            editor.setCursorPosition(0)  # a long text shows its beginning
        self.dhs = d["derechohabientes"]
        self.tabla.setRowCount(len(self.dhs))
        for fila, dh in enumerate(self.dhs):
            valores = (dh["apellido_nombre"], dh["parentesco_texto"], _dni(dh["dni"]), dh["numero_cuenta"] or "",
                       dh["cbu"] or "")
            for col, texto in enumerate(valores):
                item = QTableWidgetItem(texto)
                if col < COL_CUENTA or dh["con_pagos"]:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if col >= COL_CUENTA and dh["con_pagos"]:
                    item.setToolTip("Ya tiene pagos registrados: su cuenta no se puede cambiar.")
                self.tabla.setItem(fila, col, item)
        self._ajustar_alto_tabla()
        if not self.dhs:
            self.nota_dh.setText("El siniestro todavía no tiene derechohabientes acreditados: sus cuentas se cargan "
                                 "después de acreditarlos.")
        motivo = sin_permiso(self.ctx.actor, "cargar")
        if motivo:
            self.boton_aceptar.setEnabled(False)
            self.boton_aceptar.setToolTip(motivo)

    def _ajustar_alto_tabla(self) -> None:
        """As tall as its rows (2 to 6 visible; more scroll), so the form above keeps its room."""
        filas = min(max(self.tabla.rowCount(), 2), 6)
        alto = self.tabla.verticalHeader().defaultSectionSize() * filas
        alto += self.tabla.horizontalHeader().sizeHint().height() + 2 * self.tabla.frameWidth() + 2
        self.tabla.setFixedHeight(alto)

    # --- errors ----------------------------------------------------------------------------------
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

    def _mostrar(self, error: ErrorAplicacion, enviados: list[dict] | None = None) -> None:
        campo = error.campo if isinstance(error, DatosInvalidos) else None
        if campo in self.campos:
            self.campos[campo].poner_error(sin_campo(error))
            self.campos[campo].setFocus()
            return
        m = _CAMPO_DH.fullmatch(campo or "")
        if m and enviados is not None and int(m.group(1)) < len(enviados):
            fila = next(i for i, dh in enumerate(self.dhs) if dh["id"] == enviados[int(m.group(1))]["id"])
            self.tabla.setCurrentCell(fila, COL_CBU if m.group(2) == "cbu" else COL_CUENTA)
            self.tabla.setFocus()
        texto = sin_campo(error) if m else (error.mensaje if not error.resolucion
                                             else f"{error.mensaje} {error.resolucion}")
        self.etiqueta_error.setText(texto)
        self.etiqueta_error.show()

    # --- saving ----------------------------------------------------------------------------------
    def datos(self) -> dict:
        """The form as the service takes it (blank = cleared); the date is read here (dd/mm/aaaa)."""
        d: dict = {clave: editor.text() for clave, editor in self.editores.items()}
        d["fecha"] = leer_fecha_ar(d["fecha"], "fecha")
        cuentas = []
        for fila, dh in enumerate(self.dhs):
            if dh["con_pagos"]:
                continue
            cuenta = self.tabla.item(fila, COL_CUENTA).text().strip() or None
            cbu = self.tabla.item(fila, COL_CBU).text().strip() or None
            if (cuenta, cbu) != (dh["numero_cuenta"], dh["cbu"]):
                cuentas.append({"id": dh["id"], "numero_cuenta": cuenta, "cbu": cbu})
        d["derechohabientes"] = cuentas
        return d

    def guardar(self) -> None:
        """«Aceptar»: store through the service and close; on any problem stay open, nothing stored."""
        self._limpiar_errores()
        if self.tabla.state() == QAbstractItemView.State.EditingState:  # commit a cell being typed
            self.tabla.setCurrentItem(None)
        try:
            datos = self.datos()
        except DatosInvalidos as e:
            self._mostrar(e)
            return
        try:
            self.version = servicio.guardar_datos_convenio(self.ctx, self.siniestro_id, datos, self.version)
        except ErrorAplicacion as e:
            self._mostrar(e, datos["derechohabientes"])
            return
        self.accept()


def _dni(valor: str | None) -> str:
    return f"{int(valor):,}".replace(",", ".") if valor else ""
