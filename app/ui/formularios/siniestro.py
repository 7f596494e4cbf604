"""«Siniestro»: the new/edit form of a siniestro (SINIESTRO, INCAPACIDAD LABORAL and FECHAS).

New: `siniestros.registrar_siniestro`; edit: `editar_siniestro` with the version read (a save
over someone else's change is refused naming who and when). The agent of a new siniestro is
given (`agente_id`) or found by CUIL or apellido. Dates are checked in order as they are typed
(fallecimiento, denuncia and recepción not before the PMI, denuncia ≤ recepción, none in the
future); the service checks everything again and its message goes under the field it names.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import ErrorAplicacion
from app.services import siniestros

from ..siniestro.comun import TIPOS
from .buscador import BuscadorAgente, descripcion_agente
from .comun import DialogoFormulario, ValidadorDecimalAr, decimal_ar, leer_decimal_ar
from .fechas import CampoFecha

TIPOS_ACCIDENTE = ("Accidente de trabajo", "Accidente in itinere", "Enfermedad profesional")
INCAPACIDAD_TIPOS = ("ILP", "ILT")
INCAPACIDAD_GRADOS = ("parcial", "total")
INCAPACIDAD_CARACTERES = ("provisoria", "definitiva")
GRAN_INVALIDEZ_MINIMO = Decimal(66)
CAMPOS_FECHA = ("fecha_pmi", "fecha_fallecimiento", "fecha_denuncia", "fecha_recepcion", "fecha_pre_acuerdo",
                "fecha_puesta_disposicion")


def ddmmaaaa(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def combo_editable(nombre: str, opciones, largo: int) -> QComboBox:
    """Usual values to pick, any other text allowed (the store keeps free text up to `largo`)."""
    combo = QComboBox()
    combo.setObjectName(nombre)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItem("")
    combo.addItems(list(opciones))
    combo.lineEdit().setMaxLength(largo)
    return combo


class DialogoSiniestro(DialogoFormulario):
    ETIQUETAS = {
        "numero": "Número", "agente_id": "Agente", "tipo": "Tipo", "fecha_pmi": "Fecha PMI / accidente",
        "fecha_fallecimiento": "Fecha de fallecimiento", "in_itinere": "In itinere",
        "tipo_accidente": "Tipo de accidente", "incapacidad_tipo": "Incapacidad: tipo",
        "incapacidad_grado": "Incapacidad: grado", "incapacidad_caracter": "Incapacidad: carácter",
        "porcentaje_incapacidad": "Porcentaje de incapacidad", "fecha_denuncia": "Fecha de denuncia",
        "fecha_recepcion": "Fecha de recepción", "fecha_pre_acuerdo": "Fecha de pre-acuerdo",
        "fecha_puesta_disposicion": "Fecha de puesta a disposición",
    }

    def __init__(self, ctx, siniestro_id: int | None = None, agente_id: int | None = None, parent=None):
        super().__init__(ctx, parent)
        self.siniestro_id = siniestro_id
        self.siniestro: dict | None = None
        self.version: int | None = None
        self.agente: dict | None = None
        self.setMinimumWidth(1100)

        self.titulo = QLabel("Nuevo siniestro" if siniestro_id is None else "Modificar siniestro")
        self.titulo.setStyleSheet("QLabel { font-size: 15px; font-weight: bold; }")
        self.caja.addWidget(self.titulo)
        columnas = QHBoxLayout()
        izquierda = QVBoxLayout()
        buscar = siniestro_id is None and agente_id is None
        izquierda.addWidget(self._grupo_siniestro(buscar))
        izquierda.addWidget(self._grupo_incapacidad())
        izquierda.addStretch(1)
        derecha = QVBoxLayout()
        derecha.addWidget(self._grupo_fechas())
        derecha.addStretch(1)
        columnas.addLayout(izquierda, 3)
        columnas.addLayout(derecha, 2)
        self.caja.addLayout(columnas)

        if siniestro_id is not None:
            self._cargar()
        elif agente_id is not None:
            self._cargar_agente(agente_id)
        self.setWindowTitle("Siniestro — nuevo" if siniestro_id is None else "Siniestro — modificar")
        self._al_cambiar_tipo()
        self._conectar()
        if not self.puede:
            for w in self.findChildren(QWidget):
                if isinstance(w, (QLineEdit, QComboBox, QCheckBox, CampoFecha)):
                    w.setEnabled(False)
        self.terminar()
        self.campo_numero.setFocus()

    # --- construction -----------------------------------------------------------------------------
    def _grupo_siniestro(self, buscar: bool) -> QGroupBox:
        grupo = QGroupBox("SINIESTRO")
        f = QFormLayout(grupo)
        self.campo_numero = QLineEdit()
        self.campo_numero.setObjectName("numero")
        self.campo_numero.setAccessibleName("Número de siniestro")
        self.campo_numero.setMaxLength(30)
        caja_agente = QWidget()
        v = QVBoxLayout(caja_agente)
        v.setContentsMargins(0, 0, 0, 0)
        self.etiqueta_agente = QLabel("(ninguno elegido)")
        self.etiqueta_agente.setObjectName("agente")
        self.etiqueta_agente.setWordWrap(True)
        self.etiqueta_agente.setStyleSheet("QLabel { font-weight: bold; }")
        self.etiqueta_agente.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        v.addWidget(self.etiqueta_agente)
        self.buscador: BuscadorAgente | None = None
        if buscar:
            self.buscador = BuscadorAgente(self.ctx)
            self.buscador.elegido.connect(self.poner_agente)
            v.addWidget(self.buscador)
            caja_agente.setFocusProxy(self.buscador)
        self.combo_tipo = QComboBox()
        self.combo_tipo.setObjectName("tipo")
        self.combo_tipo.setAccessibleName("Tipo de siniestro")
        for valor, texto in TIPOS.items():
            self.combo_tipo.addItem(texto, valor)
        self.check_itinere = QCheckBox("&In itinere (en el trayecto entre el domicilio y el trabajo)")
        self.check_itinere.setObjectName("in_itinere")
        self.combo_accidente = combo_editable("tipo_accidente", TIPOS_ACCIDENTE, 60)
        self.combo_accidente.setAccessibleName("Tipo de accidente")

        f.addRow("&Número:", self.fila("numero", self.campo_numero))
        f.addRow("&Buscar agente:" if buscar else "Agente:", self.fila("agente_id", caja_agente))
        f.addRow("&Tipo:", self.fila("tipo", self.combo_tipo))
        f.addRow("", self.check_itinere)
        f.addRow("Tipo de &accidente:", self.fila("tipo_accidente", self.combo_accidente))
        return grupo

    def _grupo_incapacidad(self) -> QGroupBox:
        grupo = QGroupBox("INCAPACIDAD LABORAL")
        f = QFormLayout(grupo)
        self.combo_inc_tipo = combo_editable("incapacidad_tipo", INCAPACIDAD_TIPOS, 20)
        self.combo_inc_grado = combo_editable("incapacidad_grado", INCAPACIDAD_GRADOS, 20)
        self.combo_inc_caracter = combo_editable("incapacidad_caracter", INCAPACIDAD_CARACTERES, 20)
        fila_porcentaje = QWidget()
        h = QHBoxLayout(fila_porcentaje)
        h.setContentsMargins(0, 0, 0, 0)
        self.campo_porcentaje = QLineEdit()
        self.campo_porcentaje.setObjectName("porcentaje_incapacidad")
        self.campo_porcentaje.setAccessibleName("Porcentaje de incapacidad")
        self.campo_porcentaje.setValidator(ValidadorDecimalAr(self.campo_porcentaje))
        self.campo_porcentaje.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.campo_porcentaje.setPlaceholderText("0,00")
        self.campo_porcentaje.setFixedWidth(self.campo_porcentaje.fontMetrics().horizontalAdvance("100,00") + 24)
        h.addWidget(self.campo_porcentaje)
        self.nota_porcentaje = QLabel("%")
        h.addWidget(self.nota_porcentaje)
        h.addStretch(1)
        fila_porcentaje.setFocusProxy(self.campo_porcentaje)
        f.addRow("Tip&o:", self.fila("incapacidad_tipo", self.combo_inc_tipo))
        f.addRow("Gra&do:", self.fila("incapacidad_grado", self.combo_inc_grado))
        f.addRow("Ca&rácter:", self.fila("incapacidad_caracter", self.combo_inc_caracter))
        f.addRow("Porcenta&je:", self.fila("porcentaje_incapacidad", fila_porcentaje,
                                           "De 0 a 100, con hasta 2 decimales (33,5). Obligatorio salvo fallecimiento."))
        return grupo

    def _grupo_fechas(self) -> QGroupBox:
        grupo = QGroupBox("FECHAS")
        f = QFormLayout(grupo)
        pmi = lambda: self.campo_pmi.valor() or date.today()  # noqa: E731 - suggestion for the later dates
        self.campo_pmi = CampoFecha("fecha_pmi")
        self.campo_fallecimiento = CampoFecha("fecha_fallecimiento", opcional=True, sugerida=pmi)
        self.campo_denuncia = CampoFecha("fecha_denuncia", opcional=True, sugerida=pmi)
        self.campo_recepcion = CampoFecha("fecha_recepcion", opcional=True,
                                          sugerida=lambda: self.campo_denuncia.valor() or pmi())
        self.campo_pre_acuerdo = CampoFecha("fecha_pre_acuerdo", opcional=True)
        self.campo_puesta = CampoFecha("fecha_puesta_disposicion", opcional=True)
        f.addRow("Fecha &PMI / accidente:", self.fila("fecha_pmi", self.campo_pmi))
        f.addRow("Fecha de &fallecimiento:", self.fila("fecha_fallecimiento", self.campo_fallecimiento,
                                                        "Solo fallecimiento; sin fecha se toma la de la PMI."))
        f.addRow("Fecha de den&uncia:", self.fila("fecha_denuncia", self.campo_denuncia))
        f.addRow("Fecha de rec&epción:", self.fila("fecha_recepcion", self.campo_recepcion))
        f.addRow("Fec&ha de pre-acuerdo:", self.fila("fecha_pre_acuerdo", self.campo_pre_acuerdo,
                                                     "Ley 27.348: citación de los derechohabientes."))
        f.addRow("Fecha de puesta a di&sposición:", self.fila("fecha_puesta_disposicion", self.campo_puesta,
                                                             "Siniestros anteriores a la Ley 27.348."))
        return grupo

    def _campos_fecha(self) -> dict[str, CampoFecha]:
        return dict(zip(CAMPOS_FECHA, (self.campo_pmi, self.campo_fallecimiento, self.campo_denuncia,
                                       self.campo_recepcion, self.campo_pre_acuerdo, self.campo_puesta), strict=True))

    def _conectar(self) -> None:
        self.campo_numero.editingFinished.connect(lambda: self.tocar("numero"))
        self.combo_tipo.currentIndexChanged.connect(self._al_cambiar_tipo)
        self.campo_porcentaje.editingFinished.connect(lambda: self.tocar("porcentaje_incapacidad"))
        for nombre, campo in self._campos_fecha().items():
            campo.cambiado.connect(lambda nombre=nombre: self.tocar(nombre))

    def _al_cambiar_tipo(self, *_):
        muerte = self.combo_tipo.currentData() == "muerte"
        if not muerte:
            self.campo_fallecimiento.poner(None)
        self.campo_fallecimiento.setEnabled(muerte and self.puede)
        if "porcentaje_incapacidad" in self._tocados or self._intentado:
            self.tocar("porcentaje_incapacidad")

    # --- reading from the store ---------------------------------------------------------------------
    def _cargar(self) -> None:
        try:
            s = siniestros.obtener_siniestro(self.ctx, self.siniestro_id)
        except ErrorAplicacion as e:
            self.mostrar_error_servicio(e)
            self.boton_guardar.setEnabled(False)
            return
        self.siniestro, self.version = s, s["version"]
        self.titulo.setText(f"Siniestro {s['numero']}")
        self.campo_numero.setText(s["numero"])
        self.poner_agente(s["agente"])
        self.combo_tipo.setCurrentIndex(self.combo_tipo.findData(s["tipo"]))
        self.check_itinere.setChecked(bool(s["in_itinere"]))
        for combo, campo in ((self.combo_accidente, "tipo_accidente"), (self.combo_inc_tipo, "incapacidad_tipo"),
                             (self.combo_inc_grado, "incapacidad_grado"), (self.combo_inc_caracter, "incapacidad_caracter")):
            combo.setCurrentText(s.get(campo) or "")
        self.campo_porcentaje.setText(decimal_ar(s.get("porcentaje_incapacidad")))
        for nombre, campo in self._campos_fecha().items():
            campo.poner(s.get(nombre))

    def _cargar_agente(self, agente_id: int) -> None:
        from app.services import agentes  # only this path reads an agent

        try:
            a = agentes.obtener_agente(self.ctx, agente_id)
        except ErrorAplicacion as e:
            self.mostrar_error_servicio(e)
            return
        self.poner_agente(a)

    def poner_agente(self, agente: dict) -> None:
        """The agent of the siniestro (a dict with id, cuil, apellido_nombre, fecha_nacimiento…)."""
        self.agente = agente
        self.etiqueta_agente.setText(descripcion_agente(agente))
        if "agente_id" in self.filas:
            self.tocar("agente_id")

    # --- values and checks --------------------------------------------------------------------------
    def datos(self) -> dict:
        tipo = self.combo_tipo.currentData()
        porcentaje, _ = leer_decimal_ar(self.campo_porcentaje.text())
        d = {
            "numero": self.campo_numero.text(),
            "agente_id": self.agente["id"] if self.agente else None,
            "tipo": tipo,
            "in_itinere": self.check_itinere.isChecked(),
            "tipo_accidente": self.combo_accidente.currentText(),
            "incapacidad_tipo": self.combo_inc_tipo.currentText(),
            "incapacidad_grado": self.combo_inc_grado.currentText(),
            "incapacidad_caracter": self.combo_inc_caracter.currentText(),
            "porcentaje_incapacidad": porcentaje,
        }
        d.update({nombre: campo.valor() for nombre, campo in self._campos_fecha().items()})
        if tipo != "muerte":
            d["fecha_fallecimiento"] = None
        return d

    def estado(self):
        return tuple(sorted(self.datos().items())) + (self.campo_porcentaje.text(),)

    def validar(self) -> list[tuple[str, str]]:
        d, e = self.datos(), []
        et = self.ETIQUETAS
        hoy = date.today()
        if not d["numero"].strip():
            e.append(("numero", "Número: no puede estar vacío"))
        if self.agente is None:
            e.append(("agente_id", "Agente: busque por CUIL o apellido y elija el agente del siniestro"))
        pmi = d["fecha_pmi"]
        if pmi is None:
            e.append(("fecha_pmi", f"{et['fecha_pmi']}: falta la fecha"))
        for nombre in CAMPOS_FECHA:
            if d[nombre] is not None and d[nombre] > hoy:
                e.append((nombre, f"{et[nombre]}: el {ddmmaaaa(d[nombre])} es posterior a hoy"))
        nacimiento = self.agente.get("fecha_nacimiento") if self.agente else None
        if pmi is not None and nacimiento is not None and pmi <= nacimiento:
            e.append(("fecha_pmi", f"{et['fecha_pmi']}: el {ddmmaaaa(pmi)} no es posterior al nacimiento del "
                                   f"agente ({ddmmaaaa(nacimiento)})"))
        if pmi is not None:
            for nombre in ("fecha_fallecimiento", "fecha_denuncia", "fecha_recepcion", "fecha_pre_acuerdo",
                           "fecha_puesta_disposicion"):
                if d[nombre] is not None and d[nombre] < pmi:
                    e.append((nombre, f"{et[nombre]}: el {ddmmaaaa(d[nombre])} es anterior a la PMI "
                                      f"({ddmmaaaa(pmi)})"))
        denuncia, recepcion = d["fecha_denuncia"], d["fecha_recepcion"]
        if denuncia is not None and recepcion is not None and recepcion < denuncia:
            e.append(("fecha_recepcion", f"{et['fecha_recepcion']}: el {ddmmaaaa(recepcion)} es anterior a la "
                                         f"denuncia ({ddmmaaaa(denuncia)})"))
        e.extend(self._validar_porcentaje(d["tipo"]))
        # in the order of the form, so the first message is the first field to fix
        orden = list(self.filas)
        return sorted(e, key=lambda par: orden.index(par[0]) if par[0] in orden else len(orden))

    def _validar_porcentaje(self, tipo: str) -> list[tuple[str, str]]:
        nombre = self.ETIQUETAS["porcentaje_incapacidad"]
        valor, motivo = leer_decimal_ar(self.campo_porcentaje.text())
        if motivo:
            return [("porcentaje_incapacidad", f"{nombre}: {motivo}")]
        if tipo in ("ilp", "gran_invalidez") and not valor:
            return [("porcentaje_incapacidad", f"{nombre}: falta (mayor que 0 y hasta 100) para "
                                               f"{TIPOS[tipo].lower()}")]
        if tipo == "gran_invalidez" and valor < GRAN_INVALIDEZ_MINIMO:
            return [("porcentaje_incapacidad", f"{nombre}: la gran invalidez requiere incapacidad total "
                                               f"(66 % o más), no {decimal_ar(valor)} %")]
        return []

    # --- save ---------------------------------------------------------------------------------------
    def _guardar(self) -> int:
        d = self.datos()
        if self.siniestro_id is None:
            self.siniestro_id = siniestros.registrar_siniestro(self.ctx, d)
        else:
            cambios = self._cambios(d)
            if cambios:
                siniestros.editar_siniestro(self.ctx, self.siniestro_id, cambios, self.version)
        self._cargar()  # the stored values and the new version
        return self.siniestro_id

    def _cambios(self, d: dict) -> dict:
        """Only what differs from what was read, so the audit (and the supervisor rule on the
        amounts' fields after accreditation) sees just the user's changes."""
        s = self.siniestro or {}
        cambios = {}
        for k, v in d.items():
            actual = s["agente"]["id"] if k == "agente_id" else s.get(k)
            nuevo = (" ".join(v.split()) or None) if isinstance(v, str) and k != "tipo" else v
            if nuevo != actual:
                cambios[k] = v
        return cambios
