"""«Agente»: the new/edit form of an agent, with the «Familiares» tab.

«Guardar» stores the agent's data (`agentes.registrar_agente`, or `editar_agente` with the
version read, so a save over someone else's change is refused naming who and when). The family
is saved one member at a time from its own small form; a new agent must be saved first
(«Guardar y cargar familiares» saves it and stays open on that tab).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import ErrorAplicacion
from app.services import agentes
from app.services.entradas import leer_cuil

from .. import mensajes
from ..siniestro.comun import cuil as cuil_con_guiones
from .comun import ESTILO_NOTA, DialogoFormulario, revisar
from .familiares import DialogoFamiliar, ModeloFamiliares, edad
from .fechas import CampoFecha

EDAD_MINIMA = 14
SOLO_CUIL = QRegularExpression(r"[0-9\-]{0,13}")
TAB_DATOS, TAB_FAMILIARES = 0, 1
NOTA_NUEVO = "Guarde primero el agente («Guardar y cargar familiares») para cargar su familia."
NOTA_FAMILIA = ("Cada familiar se guarda al aceptar su formulario. Al liquidar un fallecimiento se "
                "proponen como derechohabientes.")


def ddmmaaaa(d: date) -> str:
    return d.strftime("%d/%m/%Y")


class DialogoAgente(DialogoFormulario):
    ETIQUETAS = {
        "cuil": "CUIL", "apellido_nombre": "Apellido y nombre", "fecha_nacimiento": "Fecha de nacimiento",
        "domicilio": "Domicilio", "localidad": "Localidad", "organismo_id": "Organismo",
        "fecha_inicio_actividad": "Fecha de inicio de actividad", "fecha_baja_actividad": "Fecha de baja de actividad",
    }

    def __init__(self, ctx, agente_id: int | None = None, parent=None):
        super().__init__(ctx, parent)
        self.agente_id = agente_id
        self.agente: dict | None = None
        self.version: int | None = None
        self.dialogo_familiar: DialogoFamiliar | None = None
        self.setMinimumWidth(920)

        self.titulo = QLabel()
        self.titulo.setStyleSheet("QLabel { font-size: 15px; font-weight: bold; }")
        self.caja.addWidget(self.titulo)
        self.pestanias = QTabWidget()
        self.pestanias.addTab(self._pagina_datos(), "Da&tos del agente")
        self.pestanias.addTab(self._pagina_familiares(), "&Familiares")
        self.caja.addWidget(self.pestanias)
        self.boton_continuar = self.botones.addButton("Guardar y cargar fa&miliares",
                                                     QDialogButtonBox.ButtonRole.ActionRole)
        self.boton_continuar.setObjectName("guardar_y_familiares")
        self.boton_continuar.setAutoDefault(False)
        self.boton_continuar.clicked.connect(self.guardar_y_cargar_familiares)

        self._cargar_organismos()
        if agente_id is not None:
            self._cargar()
        self._actualizar_modo()
        self._conectar()
        self.terminar()
        self.boton_continuar.setEnabled(self.puede)
        self.boton_continuar.setToolTip(self.boton_guardar.toolTip())
        self.campo_cuil.setFocus()

    # --- construction -----------------------------------------------------------------------------
    def _pagina_datos(self) -> QWidget:
        pagina = QWidget()
        formulario = QFormLayout(pagina)
        self.campo_cuil = QLineEdit()
        self.campo_cuil.setObjectName("cuil")
        self.campo_cuil.setAccessibleName("CUIL")
        self.campo_cuil.setValidator(QRegularExpressionValidator(SOLO_CUIL, self.campo_cuil))
        self.campo_cuil.setPlaceholderText("20-12345678-9 (con o sin guiones)")
        self.campo_apellido = QLineEdit()
        self.campo_apellido.setObjectName("apellido_nombre")
        self.campo_apellido.setAccessibleName("Apellido y nombre")
        self.campo_apellido.setMaxLength(200)
        self.campo_apellido.setPlaceholderText("Apellido, Nombres")
        self.campo_nacimiento = CampoFecha("fecha_nacimiento", sugerida=lambda: date(date.today().year - 30, 1, 1))
        self.campo_domicilio = QLineEdit()
        self.campo_domicilio.setObjectName("domicilio")
        self.campo_domicilio.setAccessibleName("Domicilio")
        self.campo_domicilio.setMaxLength(300)
        self.campo_localidad = QLineEdit()
        self.campo_localidad.setObjectName("localidad")
        self.campo_localidad.setAccessibleName("Localidad")
        self.campo_localidad.setMaxLength(120)
        self.combo_organismo = QComboBox()
        self.combo_organismo.setObjectName("organismo")
        self.combo_organismo.setAccessibleName("Organismo")
        self.combo_organismo.setPlaceholderText("Elija el organismo")
        self.campo_inicio = CampoFecha("fecha_inicio_actividad", opcional=True, sugerida=self._sugerir_inicio)
        self.campo_baja = CampoFecha("fecha_baja_actividad", opcional=True, sugerida=date.today)

        formulario.addRow("C&UIL:", self.fila("cuil", self.campo_cuil))
        formulario.addRow("&Apellido y nombre:", self.fila("apellido_nombre", self.campo_apellido))
        formulario.addRow("Fecha de &nacimiento:", self.fila("fecha_nacimiento", self.campo_nacimiento))
        formulario.addRow("&Domicilio:", self.fila("domicilio", self.campo_domicilio))
        formulario.addRow("&Localidad:", self.fila("localidad", self.campo_localidad))
        formulario.addRow("&Organismo:", self.fila("organismo_id", self.combo_organismo))
        formulario.addRow("Fecha de &inicio de actividad:", self.fila("fecha_inicio_actividad", self.campo_inicio))
        formulario.addRow("Fecha de &baja de actividad:", self.fila("fecha_baja_actividad", self.campo_baja))
        self.campos_datos = (self.campo_cuil, self.campo_apellido, self.campo_nacimiento, self.campo_domicilio,
                             self.campo_localidad, self.combo_organismo, self.campo_inicio, self.campo_baja)
        if not self.puede:
            for campo in self.campos_datos:
                campo.setEnabled(False)
        return pagina

    def _pagina_familiares(self) -> QWidget:
        pagina = QWidget()
        caja = QVBoxLayout(pagina)
        self.nota_familia = QLabel()
        self.nota_familia.setObjectName("nota_familiares")
        self.nota_familia.setWordWrap(True)
        self.nota_familia.setStyleSheet(ESTILO_NOTA)
        caja.addWidget(self.nota_familia)
        self.modelo_familiares = ModeloFamiliares(self)
        self.tabla_familiares = QTableView()
        self.tabla_familiares.setObjectName("familiares")
        self.tabla_familiares.setAccessibleName("Familiares del agente")
        self.tabla_familiares.setModel(self.modelo_familiares)
        self.tabla_familiares.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabla_familiares.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tabla_familiares.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabla_familiares.verticalHeader().hide()
        self.tabla_familiares.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.tabla_familiares.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tabla_familiares.doubleClicked.connect(lambda _i: self.editar_familiar())
        self.tabla_familiares.installEventFilter(self)  # Enter on a row edits it (not «Guardar»)
        caja.addWidget(self.tabla_familiares)
        botones = QHBoxLayout()
        self.boton_agregar = QPushButton("Ag&regar…")
        self.boton_agregar.setObjectName("agregar_familiar")
        self.boton_editar = QPushButton("&Editar…")
        self.boton_editar.setObjectName("editar_familiar")
        self.boton_quitar = QPushButton("&Quitar")
        self.boton_quitar.setObjectName("quitar_familiar")
        for boton, accion in ((self.boton_agregar, self.agregar_familiar), (self.boton_editar, self.editar_familiar),
                              (self.boton_quitar, self.quitar_familiar)):
            boton.setAutoDefault(False)  # Enter still means «Guardar»
            boton.clicked.connect(accion)
            botones.addWidget(boton)
        botones.addStretch(1)
        caja.addLayout(botones)
        self.tabla_familiares.selectionModel().selectionChanged.connect(lambda *_: self._ajustar_botones())
        return pagina

    def _conectar(self) -> None:
        self.campo_cuil.editingFinished.connect(lambda: self.tocar("cuil"))
        self.campo_cuil.textEdited.connect(self._al_escribir_cuil)
        self.campo_apellido.editingFinished.connect(lambda: self.tocar("apellido_nombre"))
        self.combo_organismo.currentIndexChanged.connect(lambda _i: self.tocar("organismo_id"))
        for campo, nombre in ((self.campo_nacimiento, "fecha_nacimiento"), (self.campo_inicio, "fecha_inicio_actividad"),
                              (self.campo_baja, "fecha_baja_actividad")):
            campo.cambiado.connect(lambda nombre=nombre: self.tocar(nombre))

    def _al_escribir_cuil(self, texto: str) -> None:
        if sum(c.isdigit() for c in texto) >= 11 or "cuil" in self._tocados:
            self.tocar("cuil")

    def _sugerir_inicio(self) -> date:
        nacimiento = self.campo_nacimiento.valor()
        if nacimiento is None:
            return date.today()
        return min(date.today(), nacimiento.replace(year=nacimiento.year + 18, day=min(nacimiento.day, 28)))

    # --- reading from the store ---------------------------------------------------------------------
    def _cargar_organismos(self) -> None:
        try:
            organismos = agentes.listar_organismos(self.ctx)
        except ErrorAplicacion as e:
            self.mostrar_error_servicio(e)
            return
        for o in organismos:
            self.combo_organismo.addItem(o["nombre"], o["id"])
        self.combo_organismo.setCurrentIndex(-1)

    def _cargar(self) -> None:
        """Read the agent (and its family) again and show it; the version read is kept."""
        try:
            a = agentes.obtener_agente(self.ctx, self.agente_id)
        except ErrorAplicacion as e:
            self.mostrar_error_servicio(e)
            self.boton_guardar.setEnabled(False)
            return
        self.agente, self.version = a, a["version"]
        self.campo_cuil.setText(cuil_con_guiones(a["cuil"]))
        self.campo_apellido.setText(a["apellido_nombre"])
        self.campo_nacimiento.poner(a["fecha_nacimiento"])
        self.campo_domicilio.setText(a.get("domicilio") or "")
        self.campo_localidad.setText(a.get("localidad") or "")
        self.combo_organismo.setCurrentIndex(self.combo_organismo.findData(a["organismo_id"]))
        self.campo_inicio.poner(a.get("fecha_inicio_actividad"))
        self.campo_baja.poner(a.get("fecha_baja_actividad"))
        self._poner_familiares(a["familiares"])

    def _poner_familiares(self, familiares: list[dict]) -> None:
        self.modelo_familiares.cargar(familiares)
        self.pestanias.setTabText(TAB_FAMILIARES, f"&Familiares ({len(familiares)})")
        self._ajustar_botones()

    def recargar_familiares(self) -> None:
        try:
            self._poner_familiares(agentes.listar_familiares(self.ctx, self.agente_id))
        except ErrorAplicacion as e:
            self.mostrar_error_servicio(e)

    def _actualizar_modo(self) -> None:
        nuevo = self.agente_id is None
        self.titulo.setText("Nuevo agente" if nuevo else f"Agente: {self.agente['apellido_nombre'] if self.agente else ''}")
        self.setWindowTitle("Agente — nuevo" if nuevo else "Agente — modificar")
        self.boton_continuar.setVisible(nuevo)
        self.nota_familia.setText(NOTA_NUEVO if nuevo else NOTA_FAMILIA)
        self._ajustar_botones()

    def _ajustar_botones(self) -> None:
        hay_agente = self.agente_id is not None and self.agente is not None
        elegido = self.familiar_elegido() is not None
        motivo = self.boton_guardar.toolTip() if not self.puede else ("" if hay_agente else NOTA_NUEVO)
        self.boton_agregar.setEnabled(self.puede and hay_agente)
        self.boton_agregar.setToolTip(motivo)
        self.boton_editar.setEnabled(hay_agente and elegido)
        self.boton_quitar.setEnabled(self.puede and hay_agente and elegido)
        self.boton_quitar.setToolTip(motivo)

    # --- values and checks --------------------------------------------------------------------------
    def datos(self) -> dict:
        return {
            "cuil": self.campo_cuil.text().strip(),
            "apellido_nombre": self.campo_apellido.text(),
            "fecha_nacimiento": self.campo_nacimiento.valor(),
            "organismo_id": self.combo_organismo.currentData(),
            "domicilio": self.campo_domicilio.text(),
            "localidad": self.campo_localidad.text(),
            "fecha_inicio_actividad": self.campo_inicio.valor(),
            "fecha_baja_actividad": self.campo_baja.valor(),
        }

    def estado(self):
        return tuple(sorted(self.datos().items()))

    def validar(self) -> list[tuple[str, str]]:
        d, e = self.datos(), []
        hoy = date.today()
        if motivo := revisar(leer_cuil, d["cuil"], "cuil", True):
            e.append(("cuil", f"CUIL: {motivo}"))
        if not d["apellido_nombre"].strip():
            e.append(("apellido_nombre", "Apellido y nombre: no puede estar vacío"))
        nac, inicio, baja = d["fecha_nacimiento"], d["fecha_inicio_actividad"], d["fecha_baja_actividad"]
        if nac is None:
            e.append(("fecha_nacimiento", "Fecha de nacimiento: falta la fecha"))
        elif nac > hoy:
            e.append(("fecha_nacimiento", f"Fecha de nacimiento: el {ddmmaaaa(nac)} es posterior a hoy"))
        elif edad(nac, hoy) < EDAD_MINIMA:
            e.append(("fecha_nacimiento", (f"Fecha de nacimiento: con el {ddmmaaaa(nac)} el agente tendría "
                                           f"{edad(nac, hoy)} años; debe tener al menos {EDAD_MINIMA}")))
        if d["organismo_id"] is None:
            e.append(("organismo_id", "Organismo: elija el organismo del agente"))
        if inicio is not None:
            if inicio > hoy:
                e.append(("fecha_inicio_actividad", f"Fecha de inicio de actividad: el {ddmmaaaa(inicio)} es posterior a hoy"))
            elif nac is not None and inicio <= nac:
                e.append(("fecha_inicio_actividad", (f"Fecha de inicio de actividad: el {ddmmaaaa(inicio)} no es "
                                                     f"posterior a la fecha de nacimiento ({ddmmaaaa(nac)})")))
        if baja is not None:
            if baja > hoy:
                e.append(("fecha_baja_actividad", f"Fecha de baja de actividad: el {ddmmaaaa(baja)} es posterior a hoy"))
            elif inicio is not None and baja < inicio:
                e.append(("fecha_baja_actividad", (f"Fecha de baja de actividad: el {ddmmaaaa(baja)} es anterior a "
                                                   f"la fecha de inicio de actividad ({ddmmaaaa(inicio)})")))
            elif nac is not None and baja <= nac:
                e.append(("fecha_baja_actividad", (f"Fecha de baja de actividad: el {ddmmaaaa(baja)} no es "
                                                   f"posterior a la fecha de nacimiento ({ddmmaaaa(nac)})")))
        return e

    # --- save ---------------------------------------------------------------------------------------
    def _guardar(self) -> int:
        d = self.datos()
        if self.agente_id is None:
            self.agente_id = agentes.registrar_agente(self.ctx, d)
        else:
            cambios = self._cambios(d)
            if cambios:
                agentes.editar_agente(self.ctx, self.agente_id, cambios, self.version)
        self._cargar()  # the stored values (CUIL with dashes, blanks collapsed) and the new version
        self._actualizar_modo()
        return self.agente_id

    def _cambios(self, d: dict) -> dict:
        """Only the fields that differ from what was read, so the audit shows just those."""
        a = self.agente or {}
        leidos = dict(a, cuil=cuil_con_guiones(a.get("cuil")))
        normal = dict(d, cuil=cuil_con_guiones(leer_cuil(d["cuil"])))
        for k in ("apellido_nombre", "domicilio", "localidad"):
            normal[k] = " ".join(d[k].split()) or None
        return {k: d[k] for k in d if normal[k] != leidos.get(k)}

    def guardar_y_cargar_familiares(self) -> bool:
        """Save a new agent and stay open on «Familiares» to load its family."""
        if not self.guardar():
            return False
        self.pestanias.setCurrentIndex(TAB_FAMILIARES)
        self.boton_agregar.setFocus()
        return True

    # --- family ---------------------------------------------------------------------------------------
    def eventFilter(self, objeto, evento) -> bool:
        if (objeto is self.tabla_familiares and evento.type() == QEvent.Type.KeyPress
                and evento.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.editar_familiar()
            return True
        return super().eventFilter(objeto, evento)

    def familiar_elegido(self) -> dict | None:
        filas = self.tabla_familiares.selectionModel().selectedRows() if self.tabla_familiares.selectionModel() else []
        return self.modelo_familiares.familiar(filas[0].row()) if filas else None

    def agregar_familiar(self) -> None:
        self._abrir_familiar(None)

    def editar_familiar(self) -> None:
        familiar = self.familiar_elegido()
        if familiar is not None:
            self._abrir_familiar(familiar)

    def _abrir_familiar(self, familiar: dict | None) -> None:
        if self.agente_id is None:
            return
        dialogo = DialogoFamiliar(self.ctx, self.agente_id, familiar, self)
        dialogo.accepted.connect(lambda: self._familiar_guardado(dialogo.resultado_id))
        self.dialogo_familiar = dialogo
        dialogo.open()  # window-modal, without a nested event loop

    def _familiar_guardado(self, familiar_id: int | None) -> None:
        self.recargar_familiares()
        for fila, f in enumerate(self.modelo_familiares.familiares):
            if f["id"] == familiar_id:
                self.tabla_familiares.selectRow(fila)

    def quitar_familiar(self) -> None:
        familiar = self.familiar_elegido()
        if familiar is None:
            return
        if not mensajes.confirmar(self, "Quitar familiar", f"¿Quita a «{familiar['apellido_nombre']}» de la familia "
                                  "del agente?", si="&Quitar", no="&No", peligroso=True,
                                  detalle="Los derechohabientes ya propuestos a partir de este familiar se conservan."):
            return
        try:
            agentes.quitar_familiar(self.ctx, familiar["id"])
        except ErrorAplicacion as e:
            self.mostrar_error_servicio(e)
        self.recargar_familiares()
