"""REMUNERACIONES of one siniestro, as in SiAPe: the 12 months before the PMI (editable), each
updated by RIPTE, the CÁLCULOS box (VIB con RIPTE, intereses up to «Fec. Liquidación», VIB con
interés) and the note on how the VIB is computed.

The RIPTE columns and CÁLCULOS come from `liquidaciones.previsualizar` (nothing is stored);
«ACTUALIZAR» saves the edited months (`liquidaciones.guardar_remuneraciones`) and recomputes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from app.errors import ErrorAplicacion
from app.services import agentes, liquidaciones, siniestros

from .. import detalle, exportar, formato, mensajes
from ..impresion import documentos as impresos
from .comun import FALLO, VentanaSiniestro, fecha
from .remcalc_modelos import COL_PERIODO, ModeloMeses
from .remcalc_widgets import editor_fecha, explicar_problema, fecha_del, tabla

# the CÁLCULOS box, in SiAPe's order («Fec. Liquidación» is the date edit)
VIB, PMI, FEC_LIQUIDACION, DIAS, FACTOR, INTERESES, VIB_INTERES = (
    "VIB con RIPTE", "PMI / Accidente", "Fec. Liquidación", "Días de interés", "Factor de capitalización",
    "Intereses", "VIB con interés")
CALCULOS = (VIB, PMI, FEC_LIQUIDACION, DIAS, FACTOR, INTERESES, VIB_INTERES)
TOTAL_RIPTE = "TOTAL DE SALARIOS ACTUALIZADOS X RIPTE"
RIPTE_PMI = "RIPTE período PMI"

ESTILO_VALOR = "QLabel { padding: 2px 6px; font-weight: bold; }"
ESTILO_TOTAL = "QLabel { padding: 4px 8px; font-weight: bold; font-size: 14px; }"
ESTILO_NOTA = "QLabel { color: #333333; font-style: italic; }"
ESTILO_ADVERTENCIA = "QLabel { color: #5c4400; }"
AYUDA_EDICION = ("Escriba los importes como 1.234,56 o 1234,56 (F2 o doble clic para editar). Las celdas "
                 "cambiadas quedan resaltadas hasta pulsar ACTUALIZAR.")


def _valor() -> QLabel:
    v = QLabel(formato.VACIO)
    v.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    v.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    v.setFrameShape(QFrame.Shape.StyledPanel)
    v.setFrameShadow(QFrame.Shadow.Sunken)
    v.setMinimumWidth(150)
    v.setStyleSheet(ESTILO_VALOR)
    return v


class VentanaRemuneraciones(VentanaSiniestro):
    """The 12 salaries before the PMI, their RIPTE update and the VIB at «Fec. Liquidación»."""

    TITULO = "REMUNERACIONES"

    # --- construction -------------------------------------------------------------------------
    def construir(self, caja: QVBoxLayout) -> None:
        self.resultado: dict | None = None  # the latest preview (None when it failed)
        self.problema = ""  # why the preview failed
        self._aviso_previa = ""  # the amber message that says so
        self.puede_cargar = self.ctx.actor.puede("cargar")
        self.modelo = ModeloMeses(self)
        self.modelo.rechazado.connect(self.mostrar_error)
        self.modelo.editado.connect(self._al_editar)

        cuerpo = QHBoxLayout()
        cuerpo.addWidget(self._grupo_remuneraciones(), 3)
        cuerpo.addWidget(self._grupo_calculos(), 2)
        caja.addLayout(cuerpo, 1)

        self.nota = QLabel()
        self.nota.setObjectName("nota_vib")
        self.nota.setWordWrap(True)
        self.nota.setStyleSheet(ESTILO_NOTA)
        caja.addWidget(self.nota)
        self.advertencias = QLabel()
        self.advertencias.setObjectName("advertencias")
        self.advertencias.setWordWrap(True)
        self.advertencias.setStyleSheet(ESTILO_ADVERTENCIA)
        self.advertencias.hide()
        caja.addWidget(self.advertencias)
        for fija in (self.nota, self.advertencias):
            fija.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        botones = QHBoxLayout()
        self.boton_actualizar = QPushButton("&ACTUALIZAR")
        self.boton_actualizar.setObjectName("actualizar")
        self.boton_actualizar.clicked.connect(self.actualizar)
        self.boton_calcular = QPushButton("&CALCULAR")
        self.boton_calcular.setObjectName("calcular")
        self.boton_calcular.setToolTip("Abrir CALCULAR: los conceptos de la liquidación y sus versiones guardadas.")
        self.boton_calcular.clicked.connect(lambda: self.abrir_otra.emit("calcular", self.siniestro_id))
        self.boton_volver = QPushButton("&Volver")
        self.boton_volver.setObjectName("volver")
        self.boton_volver.setToolTip("Cerrar esta ventana (Esc).")
        self.boton_volver.clicked.connect(self.close)
        self.pendientes = QLabel()
        self.pendientes.setObjectName("pendientes")
        self.pendientes.setStyleSheet("QLabel { color: #8a5a00; font-weight: bold; }")
        self.boton_imprimir = QPushButton("&IMPRIMIR")
        self.boton_imprimir.setObjectName("imprimir")
        self.boton_imprimir.setToolTip("Vista previa de la hoja de REMUNERACIONES de la última liquidación guardada.")
        self.boton_imprimir.clicked.connect(lambda: impresos.abrir_remuneraciones(self))
        botones.addWidget(self.boton_actualizar)
        botones.addWidget(self.boton_calcular)
        botones.addWidget(self.boton_imprimir)
        botones.addWidget(self.pendientes)
        botones.addStretch(1)
        self.boton_exportar = exportar.boton(self, lambda: exportar.exportar_siniestro(
            self, "remuneraciones", [("Remuneraciones", self.modelo)]))
        botones.addWidget(self.boton_exportar)
        botones.addWidget(self.boton_volver)
        caja.addLayout(botones)

        if self.puede_cargar:
            self.boton_actualizar.setToolTip("Guardar los meses editados y recalcular (el cálculo no se guarda).")
        else:
            self.boton_actualizar.setEnabled(False)
            self.boton_actualizar.setToolTip(
                f"Su rol ({self.ctx.actor.rol}) no puede cargar remuneraciones: la tabla es de solo lectura.")
            self.ayuda.setText("Solo lectura: su rol no puede cargar remuneraciones.")
        self.modelo.poner_editable(self.puede_cargar)

        self.setTabOrder(self.tabla, self.fecha)
        self.setTabOrder(self.fecha, self.boton_actualizar)
        self.setTabOrder(self.boton_actualizar, self.boton_calcular)
        self.setTabOrder(self.boton_calcular, self.boton_imprimir)
        self.setTabOrder(self.boton_imprimir, self.boton_exportar)
        self.setTabOrder(self.boton_exportar, self.boton_volver)

    def _grupo_remuneraciones(self) -> QGroupBox:
        grupo = QGroupBox("REMUNERACIONES")
        g = QVBoxLayout(grupo)
        arriba = QHBoxLayout()
        titulo = QLabel("ÚLTIMAS 12 &REMUNERACIONES")
        titulo.setStyleSheet("QLabel { font-weight: bold; }")
        arriba.addWidget(titulo)
        arriba.addStretch(1)
        self.ripte_pmi = QLabel(f"{RIPTE_PMI}: {formato.VACIO}")
        self.ripte_pmi.setObjectName("ripte_pmi")
        arriba.addWidget(self.ripte_pmi)
        arriba.addSpacing(16)
        self.baja = QLabel(f"Baja de actividad: {formato.VACIO}")
        self.baja.setObjectName("baja_actividad")
        arriba.addWidget(self.baja)
        g.addLayout(arriba)
        self.tabla = tabla(self.modelo, "Remuneraciones", estirar=COL_PERIODO, editable=True)
        titulo.setBuddy(self.tabla)
        g.addWidget(self.tabla, 1)
        self.ayuda = QLabel(AYUDA_EDICION)
        self.ayuda.setObjectName("ayuda_edicion")
        self.ayuda.setWordWrap(True)
        self.ayuda.setStyleSheet("QLabel { color: #555555; }")
        g.addWidget(self.ayuda)
        return grupo

    def _grupo_calculos(self) -> QGroupBox:
        grupo = QGroupBox("CÁLCULOS")
        g = QVBoxLayout(grupo)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.valores: dict[str, QLabel] = {}
        self.etiquetas: dict[str, QLabel] = {}
        for nombre in CALCULOS:
            if nombre == FEC_LIQUIDACION:
                self.fecha = editor_fecha()
                self.fecha.dateChanged.connect(lambda _fecha: self.previsualizar())
                etiqueta = QLabel("Fec. &Liquidación:")
                etiqueta.setBuddy(self.fecha)
                form.addRow(etiqueta, self.fecha)
                continue
            valor = _valor()
            valor.setObjectName(nombre)
            valor.setAccessibleName(nombre)
            etiqueta = QLabel(f"{nombre}:")
            form.addRow(etiqueta, valor)
            self.valores[nombre] = valor
            self.etiquetas[nombre] = etiqueta
        g.addLayout(form)
        g.addSpacing(10)
        self.titulo_total = QLabel(TOTAL_RIPTE)
        self.titulo_total.setObjectName("titulo_total")
        self.titulo_total.setWordWrap(True)
        self.titulo_total.setStyleSheet("QLabel { font-weight: bold; }")
        g.addWidget(self.titulo_total)
        self.total = _valor()
        self.total.setObjectName(TOTAL_RIPTE)
        self.total.setAccessibleName(TOTAL_RIPTE)
        self.total.setStyleSheet(ESTILO_TOTAL)
        g.addWidget(self.total)
        g.addStretch(1)
        return grupo

    # --- reading ------------------------------------------------------------------------------
    def recargar(self) -> None:
        super().recargar()
        if self.siniestro is None:
            return
        agente = self.llamar(agentes.obtener_agente, self.ctx, self.siniestro["agente"]["id"])
        if agente is not FALLO:
            self.baja.setText(f"Baja de actividad: {fecha(agente.get('fecha_baja_actividad'))}")
        filas = self.llamar(siniestros.remuneraciones_del_siniestro, self.ctx, self.siniestro_id)
        if filas is not FALLO:
            self.modelo.poner_filas(filas)
        self.valores[PMI].setText(fecha(self.siniestro["fecha_pmi"]))
        self.previsualizar()

    def previsualizar(self) -> bool:
        """Recompute RIPTE and CÁLCULOS for the stored months at «Fec. Liquidación» (not stored).
        A missing parameter (RIPTE of a month, rate of a day) is shown in the amber bar."""
        try:
            r = liquidaciones.previsualizar(self.ctx, self.siniestro_id, fecha_del(self.fecha))
        except ErrorAplicacion as e:
            self.resultado, self.problema = None, explicar_problema(e)
            self._mostrar(None)
            self._aviso_previa = (f"No se puede calcular el ingreso base al {fecha(fecha_del(self.fecha))}: "
                                  f"{self.problema}")
            self.mostrar_aviso(self._aviso_previa)
            return False
        self.resultado, self.problema = r, ""
        self._mostrar(r)
        if self._aviso_previa and self.mensaje() == self._aviso_previa:
            self.limpiar_mensaje()  # the problem is gone; other messages stay
        self._aviso_previa = ""
        return True

    def _mostrar(self, r: dict | None) -> None:
        self.modelo.poner_previa(r)
        datos = {"fecha_pmi": self.siniestro["fecha_pmi"].isoformat()} if self.siniestro else {}
        pares = dict(detalle.calculos(r, datos)) if r else {}
        etiqueta_vib = detalle.etiqueta_vib(r) if r else VIB
        self.etiquetas[VIB].setText(f"{etiqueta_vib}:")
        for nombre in (DIAS, FACTOR, INTERESES, VIB_INTERES):
            self.valores[nombre].setText(pares.get(nombre, formato.VACIO))
        self.valores[VIB].setText(pares.get(etiqueta_vib, formato.VACIO))
        total = next(((k, v) for k, v in pares.items() if k.startswith("TOTAL DE SALARIOS")),
                     (TOTAL_RIPTE, formato.VACIO))
        self.titulo_total.setText(total[0])
        self.total.setText(total[1])
        if r and r.get("dias_periodo") is not None:
            self.titulo_total.setText(f"{total[0]} ({formato.entero(r['dias_periodo'])} días del período)")
        self.ripte_pmi.setText(f"{RIPTE_PMI}: {pares.get(RIPTE_PMI, formato.VACIO)}")
        self.nota.setText(detalle.nota_vib(r) if r else "")
        avisos = (r or {}).get("advertencias") or []
        self.advertencias.setText("\n".join(f"⚠ {a}" for a in avisos))
        self.advertencias.setVisible(bool(avisos))

    # --- editing ------------------------------------------------------------------------------
    def _al_editar(self) -> None:
        n = self.modelo.cantidad_cambios()
        self.pendientes.setText("" if n == 0 else f"{n} mes(es) con cambios sin guardar")
        titulo = self.windowTitle().removeprefix("* ")
        self.setWindowTitle(f"* {titulo}" if n else titulo)
        if n and self.barra.isVisible() and self.barra.text().startswith("Se guardaron"):
            self.limpiar_mensaje()

    def actualizar(self) -> None:
        """Save the edited months (one transaction) and recompute; without edits, only recompute."""
        if not self.modelo.hay_cambios():
            self.limpiar_mensaje()
            if self.previsualizar():
                self.mostrar_ok(f"No hay cambios para guardar; cálculo al {fecha(fecha_del(self.fecha))} actualizado.")
            return
        filas = self.modelo.filas_a_guardar()
        hecho = self.llamar(liquidaciones.guardar_remuneraciones, self.ctx, self.siniestro_id, filas,
                            self.modelo.leidas())
        if hecho is FALLO:
            return  # the red bar says why; the edits stay on screen
        self.limpiar_mensaje()
        self.avisar_cambio()
        meses = ", ".join(formato.periodo(f["periodo"]) for f in filas)
        texto = f"Se guardaron las remuneraciones de {meses}."
        if self.resultado is None:
            self.mostrar_aviso(f"{texto} No se puede calcular el ingreso base: {self.problema}")
        else:
            self.mostrar_ok(f"{texto} VIB con RIPTE: {formato.pesos(self.resultado.get('vib'))}.")

    def closeEvent(self, evento) -> None:
        if self.modelo.hay_cambios() and not mensajes.confirmar(
                self, "Cambios sin guardar",
                f"Hay {self.modelo.cantidad_cambios()} mes(es) de remuneraciones editados sin guardar.",
                si="&Descartar y cerrar", no="&Seguir editando", peligroso=True,
                detalle="Si cierra, los cambios se pierden. Para guardarlos pulse ACTUALIZAR."):
            evento.ignore()
            return
        super().closeEvent(evento)

    # --- for the tests and screenshots --------------------------------------------------------
    def valor(self, nombre: str) -> str:
        """The text of a CÁLCULOS value (or of the total)."""
        return self.total.text() if nombre == TOTAL_RIPTE else self.valores[nombre].text()
