"""DERECHOHABIENTE window of one fatal siniestro, as in SiAPe (seed 003, «Derechohabientes.
Acreditación DH»).

The family loaded for the agent (add / edit / remove DH, «Proponer desde la familia»), each one's
right at the date of death and the reason of an exclusion, «Aplicar Porcentajes por Ley» or the
liquidator's own shares with a reason, the Fecha de Pre-Acuerdo (Ley 27.348) or de Puesta a
Disposición (earlier PMI) replicated in the header, the ticks of who will be accredited and
«Acreditar TODOS los derechohabientes seleccionados». Once accredited the DH are green and nothing
about them can change any more («queda vedada la posibilidad de incorporar nuevos/as
derechohabientes»). Buttons the user's role cannot use are disabled and say why; the services
refuse anyway.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from app.errors import DatosInvalidos, ErrorAplicacion
from app.services import derechohabientes as servicio
from app.services import siniestros

from .. import exportar, formato, mensajes
from ..impresion import documentos as impresos
from ..detalle import parentesco as etiqueta_parentesco
from .comun import ESTILO_AVISO, FALLO, VentanaSiniestro, fecha
from .dh_campos import fecha_ar, leer_fecha_ar, sin_campo, sin_permiso
from .dh_dialogo import DialogoDerechohabiente
from . import dh_textos as textos
from .dh_modelo import COL_DERECHO, COL_NOMBRE, COLUMNAS, ModeloDerechohabientes
from .dh_porcentajes import DialogoPorcentajes
from .dh_textos import ETIQUETAS_FECHA

ESTILO_CABECERA = (
    "QHeaderView::section { padding: 4px 6px; border: none; border-right: 1px solid #c8c8c8;"
    " border-bottom: 1px solid #b0b0b0; background: #e9e9e9; font-weight: bold; }"
)
# what each column must fit at first (the last one, the reason, takes the rest)
MUESTRAS = ("Acreditar", "Apellido Apellido, Nombre", "Familiar a cargo", "20-12345678-9", "00/00/0000",
            "Edad", "Estudiante", "100,0000", "00.000.000,00", "No acreditado")


class VentanaDerechohabientes(VentanaSiniestro):
    TITULO = "DERECHOHABIENTE"

    # ctor: VentanaSiniestro(ctx, siniestro_id, parent=None)

    # --- layout -------------------------------------------------------------------------------
    def construir(self, caja: QVBoxLayout) -> None:
        self.situacion: dict | None = None  # situacion_derechohabientes(...), None when refused
        self.dialogo = None  # the add / edit / percentages dialog open, if any
        # the date is replicated in the header box, in a fourth column (seed 003: «la fecha se
        # verá replicada en el recuadro superior»)
        columna = QFormLayout()
        self.rotulo_fecha_cabecera = QLabel("Pre-Acuerdo:")
        self.fecha_cabecera = QLabel(formato.VACIO)
        self.fecha_cabecera.setObjectName("fecha_cabecera")
        self.fecha_cabecera.setStyleSheet("QLabel { font-weight: bold; }")
        columna.addRow(self.rotulo_fecha_cabecera, self.fecha_cabecera)
        self.cabecera.layout().addLayout(columna, 1)

        self.grupo_fecha = fechas = QGroupBox("FECHA")
        fila = QHBoxLayout(fechas)
        self.rotulo_fecha = QLabel("&Fecha de Pre-Acuerdo (Ley 27.348):")
        self.campo_fecha = QLineEdit()
        self.campo_fecha.setObjectName("fecha")
        self.campo_fecha.setPlaceholderText("dd/mm/aaaa")
        self.campo_fecha.setMaxLength(10)
        self.campo_fecha.setMaximumWidth(120)
        self.rotulo_fecha.setBuddy(self.campo_fecha)
        self.boton_fecha = QPushButton("Guardar f&echa")
        self.boton_fecha.clicked.connect(self.guardar_fecha)
        self.campo_fecha.returnPressed.connect(self.guardar_fecha)
        self.nota_fecha = QLabel()
        self.nota_fecha.setStyleSheet("QLabel { color: #555; }")
        for w in (self.rotulo_fecha, self.campo_fecha, self.boton_fecha):
            fila.addWidget(w)
        fila.addSpacing(12)
        fila.addWidget(self.nota_fecha, 1)
        caja.addWidget(fechas)

        self.resumen = QLabel()
        self.resumen.setObjectName("resumen")
        self.resumen.setWordWrap(True)
        caja.addWidget(self.resumen)
        self.aviso = QLabel()
        self.aviso.setObjectName("aviso")
        self.aviso.setWordWrap(True)
        self.aviso.setStyleSheet(ESTILO_AVISO)
        self.aviso.hide()
        caja.addWidget(self.aviso)

        self.modelo = ModeloDerechohabientes(self)
        self.tabla = QTableView()
        self.tabla.setObjectName("derechohabientes")
        self.tabla.setAccessibleName("Derechohabientes")
        self.tabla.setModel(self.modelo)
        self.tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabla.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabla.setTabKeyNavigation(False)
        self.tabla.setWordWrap(False)
        self.tabla.verticalHeader().setVisible(False)
        cabecera = self.tabla.horizontalHeader()
        cabecera.setStyleSheet(ESTILO_CABECERA)
        cabecera.setHighlightSections(False)
        cabecera.setStretchLastSection(True)
        medidas = self.tabla.fontMetrics()
        for c, muestra in enumerate(MUESTRAS):
            self.tabla.setColumnWidth(c, medidas.horizontalAdvance(muestra) + 22)
        cabecera.setSectionResizeMode(COL_DERECHO, QHeaderView.ResizeMode.Stretch)
        self.tabla.doubleClicked.connect(lambda _i: self.modificar() if self.boton_modificar.isEnabled() else None)
        self.tabla.selectionModel().selectionChanged.connect(lambda *_: self._actualizar_botones())
        self.modelo.seleccion_cambiada.connect(self._actualizar_botones)
        rotulo = QLabel("&Derechohabientes (tilde en «Acreditar» a quienes presentaron la documentación):")
        rotulo.setBuddy(self.tabla)
        caja.addWidget(rotulo)
        caja.addWidget(self.tabla, 1)
        self.detalle = QLabel()
        self.detalle.setObjectName("detalle")
        self.detalle.setWordWrap(True)
        self.detalle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        caja.addWidget(self.detalle)

        def boton(texto: str, accion) -> QPushButton:
            b = QPushButton(texto)
            b.clicked.connect(accion)
            return b

        datos = QHBoxLayout()
        self.boton_agregar = boton("&Agregar…", self.agregar)
        self.boton_modificar = boton("&Modificar…", self.modificar)
        self.boton_quitar = boton("&Quitar", self.quitar)
        self.boton_familia = boton("Proponer desde la fami&lia", self.proponer_desde_familia)
        for b in (self.boton_agregar, self.boton_modificar, self.boton_quitar, self.boton_familia):
            datos.addWidget(b)
        datos.addStretch(1)
        self.boton_calcular = boton("&Calcular…", lambda: self.abrir_otra.emit("calcular", self.siniestro_id))
        self.boton_calcular.setToolTip("Abre CALCULAR para liquidar de nuevo con los datos actuales.")
        datos.addWidget(self.boton_calcular)
        self.botones_documentos = impresos.botones_derechohabiente(self, datos)
        caja.addLayout(datos)

        acciones = QHBoxLayout()
        self.boton_ley = boton("Aplicar &Porcentajes por Ley", self.aplicar_por_ley)
        self.boton_porcentajes = boton("Modificar p&orcentajes…", self.modificar_porcentajes)
        self.boton_seleccion = boton("&Guardar selección", self.guardar_seleccion)
        self.boton_acreditar = boton("Acreditar &TODOS los derechohabientes seleccionados", self.acreditar)
        self.boton_acreditar.setStyleSheet("QPushButton { font-weight: bold; }")
        for b in (self.boton_ley, self.boton_porcentajes, self.boton_seleccion, self.boton_acreditar):
            acciones.addWidget(b)
        acciones.addStretch(1)
        self.boton_exportar = exportar.boton(self, lambda: exportar.exportar_siniestro(
            self, "derechohabientes", [("Derechohabientes", self.modelo)]))
        acciones.addWidget(self.boton_exportar)
        self.boton_volver = boton("&Volver", self.close)
        self.boton_volver.setToolTip("Cierra la ventana (Esc).")
        acciones.addWidget(self.boton_volver)
        caja.addLayout(acciones)

        orden = [self.campo_fecha, self.boton_fecha, self.tabla, self.boton_agregar, self.boton_modificar,
                 self.boton_quitar, self.boton_familia, self.boton_calcular, *self.botones_documentos, self.boton_ley,
                 self.boton_porcentajes, self.boton_seleccion, self.boton_acreditar, self.boton_exportar, self.boton_volver]
        for a, b in zip(orden, orden[1:]):
            self.setTabOrder(a, b)
        self.tabla.setFocus()

    # --- reading ------------------------------------------------------------------------------
    def recargar(self) -> None:
        super().recargar()
        datos = self.llamar(servicio.situacion_derechohabientes, self.ctx, self.siniestro_id) \
            if self.siniestro is not None else FALLO
        self.situacion = None if datos is FALLO else datos
        s = self.situacion
        tildable = bool(s) and not s["acreditado"] and self.ctx.actor.puede("proponer")
        self.modelo.cargar(s["derechohabientes"] if s else [], bool(s and s["acreditado"]), tildable)
        # a siniestro without DH (not fatal) shows only the header, the red bar and the empty grid
        for w in (self.grupo_fecha, self.detalle, self.rotulo_fecha_cabecera, self.fecha_cabecera):
            w.setVisible(s is not None)
        self._poner_fecha()
        self._poner_resumen()
        self._actualizar_botones()

    def _poner_fecha(self) -> None:
        s = self.situacion
        campo = s["campo_fecha"] if s else "fecha_pre_acuerdo"
        largo, corto = ETIQUETAS_FECHA[campo]
        valor = self.siniestro.get(campo) if self.siniestro else None
        self.rotulo_fecha.setText(f"&{largo}:")
        self.rotulo_fecha_cabecera.setText(f"{corto}:")
        self.fecha_cabecera.setText(fecha(valor))
        self.fecha_cabecera.setAccessibleName(largo)
        self.campo_fecha.setAccessibleName(largo)
        self.campo_fecha.setText(fecha_ar(valor))
        self.nota_fecha.setText(textos.nota_fecha(s) if s else "")

    def _poner_resumen(self) -> None:
        s = self.situacion
        self.resumen.setText(textos.resumen(s) if s else "")
        avisos = textos.avisos(s) if s else []
        self.aviso.setText("\n".join(avisos))
        self.aviso.setVisible(bool(avisos))

    # --- what can be done ---------------------------------------------------------------------
    def _bloqueo(self, permiso: str, abierto: bool = True) -> str:
        """Why an action is not available now (empty: it is)."""
        s = self.situacion
        if s is None:
            return self.mensaje() or "No se pudieron leer los derechohabientes del siniestro."
        if abierto and s["acreditado"]:
            return textos.bloqueo_acreditado(s)
        return sin_permiso(self.ctx.actor, permiso)

    def _habilitar(self, boton: QPushButton, motivo: str, ayuda: str = "") -> None:
        boton.setEnabled(not motivo)
        boton.setToolTip(motivo or ayuda)

    def _actualizar_botones(self) -> None:
        elegido = self.dh_elegido()
        self.detalle.setText(textos.detalle(elegido))
        hay = bool(self.situacion and self.situacion["derechohabientes"])
        sin_fila = "" if elegido is not None else "Elija un derechohabiente de la lista."
        sin_dh = "" if hay else "No hay derechohabientes cargados."
        self._habilitar(self.boton_agregar, self._bloqueo("cargar"), "Agrega un derechohabiente (Alt+A).")
        self._habilitar(self.boton_modificar, self._bloqueo("cargar") or sin_fila, "Modifica el elegido (o doble clic).")
        self._habilitar(self.boton_quitar, self._bloqueo("cargar") or sin_fila, "Quita el elegido, con confirmación.")
        self._habilitar(self.boton_familia, self._bloqueo("cargar"),
                        "Incorpora los familiares del agente que todavía no son derechohabientes.")
        self._habilitar(self.boton_ley, self._bloqueo("proponer") or sin_dh,
                        "Reparte según el art. 98 Ley 24.241 entre quienes tienen derecho.")
        self._habilitar(self.boton_porcentajes, self._bloqueo("proponer") or sin_dh,
                        "Porcentajes propios, con el motivo.")
        cambios = "" if self.modelo.hay_cambios() else "No hay cambios en los tildes."
        self._habilitar(self.boton_seleccion, self._bloqueo("proponer") or cambios, "Guarda los tildes de «Acreditar».")
        self._habilitar(self.boton_acreditar, self._bloqueo("acreditar") or sin_dh,
                        "Acredita a los tildados; después no se pueden incorporar ni modificar derechohabientes.")
        motivo_fecha = self._bloqueo("cargar", abierto=False)
        self._habilitar(self.boton_fecha, motivo_fecha)
        self.campo_fecha.setReadOnly(bool(motivo_fecha))
        self.campo_fecha.setToolTip(motivo_fecha)
        self._habilitar(self.boton_calcular, "" if self.situacion else self._bloqueo("calcular", abierto=False))
        impresos.habilitar_derechohabiente(self)

    def dh_elegido(self) -> dict | None:
        indice = self.tabla.currentIndex()
        if not indice.isValid() or not self.tabla.selectionModel().isRowSelected(indice.row()):
            return None
        return self.modelo.dh(indice.row())

    def elegir(self, fila: int) -> None:
        self.tabla.selectRow(fila)
        self.tabla.setCurrentIndex(self.modelo.index(fila, COL_NOMBRE))

    # --- the date -----------------------------------------------------------------------------
    def guardar_fecha(self) -> None:
        if not self.boton_fecha.isEnabled() or self.situacion is None:
            return
        campo = self.situacion["campo_fecha"]
        largo = ETIQUETAS_FECHA[campo][0]
        try:
            valor = leer_fecha_ar(self.campo_fecha.text(), campo)
        except DatosInvalidos as e:
            self.mostrar_error(f"{largo}: {sin_campo(e)}")
            self.campo_fecha.setFocus()
            return
        if valor == self.siniestro.get(campo):
            self.mostrar_aviso(f"{largo}: no hay cambios que guardar.")
            return
        try:
            siniestros.editar_siniestro(self.ctx, self.siniestro_id, {campo: valor}, self.siniestro["version"])
        except DatosInvalidos as e:
            self.mostrar_error(f"{largo}: {sin_campo(e)}" if e.campo == campo else e)
            return
        except ErrorAplicacion as e:  # e.g. someone else saved the siniestro meanwhile
            self.mostrar_error(e)
            return
        self.avisar_cambio()
        self.mostrar_ok(f"{largo}: se guardó {fecha(valor)}." if valor else f"{largo}: se borró la fecha.")

    # --- DH data ------------------------------------------------------------------------------
    def _abrir(self, dialogo) -> None:
        """Open a dialog window-modal without blocking (the tests fill it and call its accept)."""
        self.dialogo = dialogo
        dialogo.accepted.connect(lambda: self._al_aceptar(dialogo))
        dialogo.finished.connect(lambda _r: setattr(self, "dialogo", None))
        dialogo.open()

    def _al_aceptar(self, dialogo) -> None:
        self.avisar_cambio()
        if isinstance(dialogo, DialogoDerechohabiente):
            fila = self.modelo.fila_de(dialogo.dh_id)
            self.elegir(fila)
            que = "modificó" if dialogo.original else "agregó"
            self.mostrar_ok(f"Se {que} el derechohabiente «{self.modelo.dh(fila)['apellido_nombre']}».")
        else:
            self.mostrar_ok("Se guardaron los porcentajes con su motivo. Calcule de nuevo para ver los importes.")

    def agregar(self) -> None:
        if self.boton_agregar.isEnabled():
            self._abrir(DialogoDerechohabiente(self.ctx, self.siniestro_id, None, self))

    def modificar(self) -> None:
        dh = self.dh_elegido()
        if self.boton_modificar.isEnabled() and dh is not None:
            self._abrir(DialogoDerechohabiente(self.ctx, self.siniestro_id, dh, self))

    def quitar(self) -> None:
        dh = self.dh_elegido()
        if not self.boton_quitar.isEnabled() or dh is None:
            return
        nombre = f"«{dh['apellido_nombre']}» ({etiqueta_parentesco(dh['parentesco'])})"
        if not mensajes.confirmar(self, "Quitar derechohabiente",
                                  f"¿Quitar a {nombre} de los derechohabientes del siniestro {self.situacion['numero']}?",
                                  si="&Quitar", no="&No", peligroso=True):
            return
        if self.llamar(servicio.quitar_derechohabiente, self.ctx, dh["id"]) is FALLO:
            return
        self.avisar_cambio()
        self.mostrar_ok(f"Se quitó a {nombre}.")

    def proponer_desde_familia(self) -> None:
        if not self.boton_familia.isEnabled():
            return
        nuevos = self.llamar(servicio.proponer_desde_familia, self.ctx, self.siniestro_id)
        if nuevos is FALLO:
            return
        self.avisar_cambio()
        if nuevos:
            self.mostrar_ok(f"Se incorporaron {len(nuevos)} familiares del agente como derechohabientes.")
        else:
            self.mostrar_aviso("Todos los familiares cargados del agente ya son derechohabientes.")

    # --- percentages --------------------------------------------------------------------------
    def aplicar_por_ley(self) -> None:
        if not self.boton_ley.isEnabled():
            return
        s = self.situacion
        if s["porcentajes_manuales"] and not mensajes.confirmar(
                self, "Aplicar Porcentajes por Ley",
                f"Los porcentajes cargados a mano (motivo «{s['motivo_porcentajes']}») se reemplazarán por los de ley.",
                si="&Aplicar", no="&No", peligroso=True):
            return
        filas = self.llamar(servicio.aplicar_porcentajes_por_ley, self.ctx, self.siniestro_id)
        if filas is FALLO:
            return
        self.avisar_cambio()
        excluidos = sum(1 for f in filas if not f["elegible"])
        self.mostrar_ok("Se aplicaron los porcentajes por ley" +
                        (f"; {excluidos} sin derecho reciben 0 %." if excluidos else "."))

    def modificar_porcentajes(self) -> None:
        if self.boton_porcentajes.isEnabled():
            s = self.situacion
            self._abrir(DialogoPorcentajes(self.ctx, self.siniestro_id, s["derechohabientes"],
                                           s["motivo_porcentajes"], self))

    # --- selection and accreditation ----------------------------------------------------------
    def guardar_seleccion(self) -> bool:
        if not self.boton_seleccion.isEnabled():
            return False
        ids = self.modelo.marcados()
        if self.llamar(servicio.seleccionar, self.ctx, self.siniestro_id, ids) is FALLO:
            return False
        self.avisar_cambio()
        self.mostrar_ok(f"Se guardó la selección: {len(ids)} derechohabiente{'s' if len(ids) != 1 else ''} tildado"
                        f"{'s' if len(ids) != 1 else ''}.")
        return True

    def acreditar(self) -> None:
        if not self.boton_acreditar.isEnabled():
            return
        marcados = [self.modelo.dh(n) for n in range(self.modelo.rowCount()) if self.modelo.tildado(n)]
        if not marcados:
            self.mostrar_error("No hay derechohabientes tildados: tilde en «Acreditar» a quienes presentaron la "
                               "documentación.")
            return
        texto, quienes = textos.confirmacion_acreditar(self.situacion["numero"], marcados, etiqueta_parentesco)
        if not mensajes.confirmar(self, "Acreditar derechohabientes", texto, detalle=quienes,
                                  si="&Acreditar", no="&No", peligroso=True):
            return
        if self.modelo.hay_cambios() and not self.guardar_seleccion():
            return  # SiAPe: the ticks are saved before accrediting
        acreditados = self.llamar(servicio.acreditar_seleccionados, self.ctx, self.siniestro_id)
        if acreditados is FALLO:
            return
        self.avisar_cambio()
        self.mostrar_ok(f"Se acreditaron {len(acreditados)} derechohabiente{'s' if len(acreditados) != 1 else ''}: "
                        + ", ".join(d["apellido_nombre"] for d in marcados) + ".")

    # --- for the tests ------------------------------------------------------------------------
    def columna(self, titulo: str) -> int:
        return COLUMNAS.index(titulo)
