"""CALCULAR of one siniestro, as in SiAPe: Pago MENSUAL, Pago ÚNICO, Pago POR DAÑO, Pago ADICIONAL
and TOTAL with the FÓRMULA detail, for the unsaved preview at «Fec. Liquidación» or any stored
version; «Calcular y guardar» stores the preview as a new version, and two versions (or the
latest one and the preview at another date: «what if») are compared side by side."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import ErrorAplicacion
from app.services import liquidaciones

from .. import detalle, formato, mensajes
from ..modelos import ModeloConceptos
from .comun import FALLO, VentanaSiniestro, fecha
from .remcalc_modelos import (
    VISTA_PREVIA,
    ModeloComparacion,
    ModeloVersiones,
    comparar_resultados,
    fecha_de,
    filas_del_servicio,
    momento_local,
)
from .remcalc_widgets import editor_fecha, explicar_problema, fecha_del, tabla

TAB_CONCEPTOS, TAB_COMPARAR = range(2)
ESTILO_SUBTITULO = "QLabel { font-weight: bold; padding: 2px 0; }"


class VentanaCalcular(VentanaSiniestro):
    """The liquidation's concepts (preview or stored version), its versions and their comparison."""

    TITULO = "CALCULAR"

    # --- construction -------------------------------------------------------------------------
    def construir(self, caja: QVBoxLayout) -> None:
        self.previa: dict | None = None  # the preview at «Fec. Liquidación» (None when it failed)
        self.problema = ""
        self._aviso_previa = ""
        self.versiones: list[dict] = []
        self._comparados: tuple | None = None  # the two choices last compared (None = the preview)
        self.modelo_versiones = ModeloVersiones(self)
        self.modelo_conceptos = ModeloConceptos(self)
        self.modelo_comparacion = ModeloComparacion(self)

        arriba = QHBoxLayout()
        etiqueta = QLabel("Fec. &Liquidación:")
        self.fecha = editor_fecha()
        etiqueta.setBuddy(self.fecha)
        self.fecha.dateChanged.connect(lambda _fecha: self.previsualizar())
        arriba.addWidget(etiqueta)
        arriba.addWidget(self.fecha)
        self.explicacion = QLabel("La «Vista previa» muestra lo que se guardaría a esa fecha; no se guarda nada "
                                  "hasta pulsar «Calcular y guardar».")
        self.explicacion.setWordWrap(True)
        self.explicacion.setStyleSheet("QLabel { color: #555555; }")
        arriba.addWidget(self.explicacion, 1)
        self.boton_guardar = QPushButton("Calcular y &guardar")
        self.boton_guardar.setObjectName("calcular_y_guardar")
        self.boton_guardar.clicked.connect(self.calcular_y_guardar)
        if self.ctx.actor.puede("calcular"):
            self.boton_guardar.setToolTip("Guardar la vista previa como una nueva versión de la liquidación.")
        else:
            self.boton_guardar.setEnabled(False)
            self.boton_guardar.setToolTip(
                f"Su rol ({self.ctx.actor.rol}) no puede calcular liquidaciones: solo consultarlas.")
        arriba.addWidget(self.boton_guardar)
        caja.addLayout(arriba)

        # versions above (a few short rows), concepts / comparison below with the full width
        division = QSplitter(Qt.Orientation.Vertical)
        division.setChildrenCollapsible(False)
        division.addWidget(self._grupo_versiones())
        self.pestanias = QTabWidget()
        self.pestanias.setObjectName("pestanias")
        self.pestanias.addTab(self._pestania_conceptos(), "&Conceptos")
        self.pestanias.addTab(self._pestania_comparar(), "Co&mparar versiones")
        division.addWidget(self.pestanias)
        division.setStretchFactor(0, 1)
        division.setStretchFactor(1, 3)
        division.setSizes([165, 420])
        caja.addWidget(division, 1)

        abajo = QHBoxLayout()
        abajo.addStretch(1)
        self.boton_volver = QPushButton("&Volver")
        self.boton_volver.setObjectName("volver")
        self.boton_volver.setToolTip("Cerrar esta ventana (Esc).")
        self.boton_volver.clicked.connect(self.close)
        abajo.addWidget(self.boton_volver)
        caja.addLayout(abajo)

        self.setTabOrder(self.fecha, self.boton_guardar)
        self.setTabOrder(self.boton_guardar, self.tabla_versiones)
        self.setTabOrder(self.tabla_versiones, self.pestanias)

    def _grupo_versiones(self) -> QWidget:
        grupo = QWidget()
        g = QVBoxLayout(grupo)
        g.setContentsMargins(0, 0, 0, 0)
        arriba = QHBoxLayout()
        titulo = QLabel("V&ERSIONES DE LA LIQUIDACIÓN")
        titulo.setStyleSheet(ESTILO_SUBTITULO)
        arriba.addWidget(titulo)
        nota = QLabel("Elija una fila para ver sus conceptos. Las versiones guardadas no se modifican nunca.")
        nota.setStyleSheet("QLabel { color: #555555; }")
        arriba.addWidget(nota, 1)
        g.addLayout(arriba)
        self.tabla_versiones = tabla(self.modelo_versiones, "Versiones", estirar=2)
        titulo.setBuddy(self.tabla_versiones)
        self.tabla_versiones.selectionModel().currentRowChanged.connect(
            lambda actual, _anterior: self._mostrar_fila(actual.row()))
        g.addWidget(self.tabla_versiones, 1)
        return grupo

    def _pestania_conceptos(self) -> QWidget:
        w = QWidget()
        c = QVBoxLayout(w)
        self.titulo_conceptos = QLabel()
        self.titulo_conceptos.setObjectName("titulo_conceptos")
        self.titulo_conceptos.setStyleSheet(ESTILO_SUBTITULO)
        self.titulo_conceptos.setWordWrap(True)
        c.addWidget(self.titulo_conceptos)
        self.tabla_conceptos = tabla(self.modelo_conceptos, "Conceptos", estirar=2)
        c.addWidget(self.tabla_conceptos, 1)
        cuadro = QGroupBox("PARÁMETROS USADOS")
        p = QVBoxLayout(cuadro)
        self.texto_parametros = QLabel()
        self.texto_parametros.setObjectName("parametros_usados")
        self.texto_parametros.setWordWrap(True)
        self.texto_parametros.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        p.addWidget(self.texto_parametros)
        # the wrapped text keeps its lines; the table above gives up the height
        self.texto_parametros.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.MinimumExpanding)
        cuadro.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        c.addWidget(cuadro)
        return w

    def _pestania_comparar(self) -> QWidget:
        w = QWidget()
        c = QVBoxLayout(w)
        fila = QHBoxLayout()
        self.combo_a, self.combo_b = QComboBox(), QComboBox()
        for texto, combo, nombre in (("Versión &A:", self.combo_a, "version_a"),
                                     ("con &B:", self.combo_b, "version_b")):
            combo.setObjectName(nombre)
            combo.setAccessibleName(nombre)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            etiqueta = QLabel(texto)
            etiqueta.setBuddy(combo)
            fila.addWidget(etiqueta)
            fila.addWidget(combo)
        self.boton_comparar = QPushButton("Compa&rar")
        self.boton_comparar.setObjectName("comparar")
        self.boton_comparar.clicked.connect(self.comparar)
        fila.addWidget(self.boton_comparar)
        fila.addStretch(1)
        c.addLayout(fila)
        self.tabla_comparacion = tabla(self.modelo_comparacion, "Comparacion", estirar=0)
        c.addWidget(self.tabla_comparacion, 1)
        nota = QLabel("Diferencia = B − A. Para saber cuánto cambia la liquidación a otra fecha, compare la "
                      "última versión con la «Vista previa» y cambie la «Fec. Liquidación».")
        nota.setWordWrap(True)
        nota.setStyleSheet("QLabel { color: #555555; }")
        c.addWidget(nota)
        return w

    # --- reading ------------------------------------------------------------------------------
    def recargar(self, version: int | None = None) -> None:
        """Read the siniestro, its versions and the preview; show `version` (or keep the one shown)."""
        super().recargar()
        if self.siniestro is None:
            return
        if version is None:
            version = self.version_mostrada()
        versiones = self.llamar(liquidaciones.versiones, self.ctx, self.siniestro_id)
        self.versiones = [] if versiones is FALLO else versiones
        self.previsualizar(recargar_lista=False)
        self._cargar_versiones(version)
        self._llenar_combos()

    def previsualizar(self, recargar_lista: bool = True) -> bool:
        """Liquidate at «Fec. Liquidación» without storing (row «Vista previa»)."""
        try:
            self.previa = liquidaciones.previsualizar(self.ctx, self.siniestro_id, fecha_del(self.fecha))
            self.problema = ""
        except ErrorAplicacion as e:
            self.previa, self.problema = None, explicar_problema(e)
        if self.previa is None:
            self._aviso_previa = (f"No se puede calcular la vista previa al {fecha(fecha_del(self.fecha))}: "
                                  f"{self.problema}")
            self.mostrar_aviso(self._aviso_previa)
        elif self._aviso_previa:
            if self.mensaje() == self._aviso_previa:
                self.limpiar_mensaje()
            self._aviso_previa = ""
        if recargar_lista:
            self._cargar_versiones(self.version_mostrada())
            self._llenar_combos()
            if self._comparados is not None and None in self._comparados:
                self.comparar(*self._comparados)  # «what if»: the comparison follows the date
        return self.previa is not None

    def _cargar_versiones(self, version: int | None) -> None:
        total = None if self.previa is None else self.previa.get("total")
        self.modelo_versiones.cargar(self.versiones, fecha_del(self.fecha), total)
        fila = 0
        if version is not None and version in [v["version"] for v in self.versiones]:
            fila = self.modelo_versiones.fila_de_version(version)
        self.tabla_versiones.selectRow(fila)
        self.tabla_versiones.setCurrentIndex(self.modelo_versiones.index(fila, 0))
        self._mostrar_fila(fila)

    def version_mostrada(self) -> int | None:
        fila = self.tabla_versiones.currentIndex().row()
        return None if fila <= 0 else self.modelo_versiones.version_de(fila)

    def _mostrar_fila(self, fila: int) -> None:
        if fila < 0:
            return
        version = self.modelo_versiones.version_de(fila)
        if version is None:
            self._mostrar(self.previa, self._datos_previa(),
                          f"{VISTA_PREVIA} al {fecha(fecha_del(self.fecha))} — no guardada")
            return
        liq = self.llamar(liquidaciones.obtener, self.ctx, self.siniestro_id, version)
        if liq is FALLO:
            self._mostrar(None, {}, f"Versión {version}")
            return
        self._mostrar(liq["resultado"], liq["entrada"] or {},
                      f"Versión {version} — liquidada al {fecha_de(liq['fecha_liquidacion'])}, calculada por "
                      f"{liq['calculada_por']} el {momento_local(liq['calculada_en'])}")

    def _datos_previa(self) -> dict:
        s = self.siniestro or {}
        return {"in_itinere": bool(s.get("in_itinere")),
                "fecha_pmi": s["fecha_pmi"].isoformat() if s.get("fecha_pmi") else None}

    def _mostrar(self, r: dict | None, datos: dict, titulo: str) -> None:
        self.titulo_conceptos.setText(titulo)
        if r is None:
            self.modelo_conceptos.limpiar()
            self.texto_parametros.setText(self.problema or formato.VACIO)
            return
        self.modelo_conceptos.cargar(r, datos)
        if r.get("demo"):  # a demo store's approximate figure, not the engine's
            texto = r.get("nota", "")
            if r.get("error_motor"):
                texto += f"\nEl motor no pudo calcularla: {r['error_motor']}."
        else:
            texto = detalle.parametros_usados(r)
            avisos = r.get("advertencias") or []
            if avisos:
                texto += "\n" + "\n".join(f"⚠ {a}" for a in avisos)
        self.texto_parametros.setText(texto)

    # --- comparing ----------------------------------------------------------------------------
    def _titulo_opcion(self, version: int | None) -> str:
        if version is None:
            return f"{VISTA_PREVIA} al {fecha(fecha_del(self.fecha))}"
        return f"Versión {version}"

    def _llenar_combos(self) -> None:
        elegidas = (self.combo_a.currentData(), self.combo_b.currentData()) if self.combo_a.count() else None
        opciones = [(None, self._titulo_opcion(None))]
        for v in self.versiones:
            opciones.append((v["version"], f"Versión {v['version']} — {fecha_de(v['fecha_liquidacion'])}"))
        for combo in (self.combo_a, self.combo_b):
            combo.blockSignals(True)
            combo.clear()
            for dato, texto in opciones:
                combo.addItem(texto, dato)
            combo.blockSignals(False)
        ultima = self.versiones[-1]["version"] if self.versiones else None
        a, b = elegidas if elegidas is not None else (ultima, None)
        self.combo_a.setCurrentIndex(max(0, self.combo_a.findData(a)))
        self.combo_b.setCurrentIndex(max(0, self.combo_b.findData(b)))
        hay = bool(self.versiones)
        self.boton_comparar.setEnabled(hay)
        self.boton_comparar.setToolTip("" if hay else "No hay versiones guardadas para comparar.")

    def elegir_comparacion(self, a: int | None, b: int | None) -> None:
        """Choose A and B (None = the preview) in the combos, as the user would."""
        self.combo_a.setCurrentIndex(self.combo_a.findData(a))
        self.combo_b.setCurrentIndex(self.combo_b.findData(b))

    def comparar(self, *elegidas) -> bool:
        """Show B − A for the chosen pair: two stored versions through the service; the preview
        against a stored version computed here from the two results."""
        a, b = elegidas if elegidas else (self.combo_a.currentData(), self.combo_b.currentData())
        if a == b:
            self.mostrar_aviso("Elija dos versiones distintas para comparar.")
            return False
        if a is not None and b is not None:
            filas = self.llamar(liquidaciones.comparar, self.ctx, self.siniestro_id, a, b)
            if filas is FALLO:
                return False
            filas = filas_del_servicio(filas, liquidaciones.CONCEPTOS_COMPARADOS)
        else:
            if self.previa is None:
                self.mostrar_error(f"No se puede comparar con la vista previa: {self.problema}")
                return False
            resultados = []
            for v in (a, b):
                if v is None:
                    resultados.append((self.previa, fecha_del(self.fecha)))
                    continue
                liq = self.llamar(liquidaciones.obtener, self.ctx, self.siniestro_id, v)
                if liq is FALLO:
                    return False
                resultados.append((liq["resultado"], liq["fecha_liquidacion"]))
            nombres = {str(dh["id"]): liquidaciones.etiqueta_dh(dh["apellido_nombre"], dh["parentesco"])
                       for dh in (self.siniestro or {}).get("derechohabientes", [])}
            (ra, fa), (rb, fb) = resultados
            filas = comparar_resultados(ra, fa, rb, fb, liquidaciones.CONCEPTOS_COMPARADOS, nombres)
        self.modelo_comparacion.cargar(self._titulo_opcion(a), self._titulo_opcion(b), filas)
        self._comparados = (a, b)
        self.pestanias.setCurrentIndex(TAB_COMPARAR)
        return True

    # --- saving -------------------------------------------------------------------------------
    def calcular_y_guardar(self) -> None:
        """Store the liquidation at «Fec. Liquidación» as version N+1, after showing its total."""
        dia = fecha_del(self.fecha)
        siguiente = (self.versiones[-1]["version"] if self.versiones else 0) + 1
        previa = self.previa
        if previa is not None and not mensajes.confirmar(
                self, "Calcular y guardar",
                f"Se guardará la versión {siguiente} de la liquidación al {fecha(dia)}, con un total de "
                f"{formato.pesos(previa.get('total'))}.",
                si="&Guardar", no="&Cancelar", detalle="Las versiones anteriores no se modifican."):
            return
        guardada = self.llamar(liquidaciones.calcular, self.ctx, self.siniestro_id, dia)
        if guardada is FALLO:
            return  # the red bar says why (role, accredited DH, payments, a missing parameter)
        self.limpiar_mensaje()
        self.avisar_cambio()
        self._cargar_versiones(guardada["version"])
        texto = (f"Se guardó la versión {guardada['version']} al {fecha(dia)}: total "
                 f"{formato.pesos(guardada['total'])}.")
        if previa is not None and Decimal(previa["total"]) != guardada["total"]:
            self.mostrar_aviso(f"{texto} Es distinto de la vista previa ({formato.pesos(previa['total'])}): "
                               "los datos del siniestro cambiaron mientras tanto.")
        else:
            self.mostrar_ok(texto)
