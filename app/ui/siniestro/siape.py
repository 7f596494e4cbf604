"""SIAPE: the stored (latest) liquidation of one siniestro as SiAPe shows it from the «SIAPE»
button: «la totalidad de la prestación, el % y el monto que corresponde a cada DH» (seed 003).

Concepts come from the liquidation's result; the DH grid from its `reparto` (one row per DH with
each concept's share), named with the DH as stored now, accredited DH in green. The totals row is
the exact Decimal sum of the rows and is checked against the liquidation's own concepts.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.services import liquidaciones

from .. import detalle, exportar, formato
from ..impresion import documentos as impresos
from ..detalle import ELEGIBLE, EXCLUIDO, TOTAL
from ..modelos import Columna, Fila, ModeloTabla
from .comun import FALLO, VentanaSiniestro, cuil, fecha
from .pago_comun import PanelSinLiquidacion, ajustar_alto, fecha_hora, nota, tabla

CONCEPTOS_DH = ("pago_unico", "pago_por_danio", "pago_adicional")
SIN_LIQUIDACION = (
    "Este siniestro todavía no tiene una liquidación guardada.\n"
    "Calcule la liquidación primero (ventana CALCULAR)."
)
NOTA_REPARTO = (
    "En verde, los derechohabientes acreditados; en blanco, los no acreditados todavía; en gris, "
    "los excluidos (el motivo aparece al pasar el mouse por la fila)."
)


class ModeloConceptosSiape(ModeloTabla):
    """CALCULAR's concepts, one line each: the detail's lines joined, the full text as tooltip."""

    COLUMNAS = (Columna("CONCEPTO"), Columna("MONTO", True), Columna("DETALLE"))

    def cargar(self, resultado: dict, entrada: dict) -> None:
        filas = []
        for (concepto, monto, texto), estilo, _ in detalle.filas_conceptos(resultado, entrada):
            filas.append(Fila((concepto, monto, "  ·  ".join(texto.splitlines())), estilo, texto))
        self.poner_filas(filas)

    def fila_de(self, concepto: str) -> int:
        return next(n for n in range(self.rowCount()) if self.texto(n, 0) == concepto)


class ModeloRepartoSiape(ModeloTabla):
    COLUMNAS = (
        Columna("DERECHOHABIENTE"),
        Columna("CUIT-CUIL"),
        Columna("PARENTESCO"),
        Columna("%", True),
        Columna("PAGO ÚNICO", True),
        Columna("PAGO POR DAÑO", True),
        Columna("PAGO ADICIONAL", True),
        Columna("TOTAL DH", True),
        Columna("ACREDITADO"),
    )


def _d(valor) -> Decimal:
    return Decimal(str(valor)) if valor is not None else Decimal("0.00")


def filas_reparto(resultado: dict, dhs: list[dict]) -> tuple[list[Fila], dict[str, Decimal]]:
    """The DH rows of the grid (liquidation order) plus the totals row, and those totals as
    Decimals keyed by concept (and "total"), for the check against the liquidation."""
    por_id = {str(dh["id"]): dh for dh in dhs}
    filas: list[Fila] = []
    totales = {c: Decimal("0.00") for c in (*CONCEPTOS_DH, "total")}
    porcentaje_total = Decimal(0)
    for parte in resultado.get("reparto") or []:
        dh = por_id.get(str(parte["id"]))
        conceptos = parte.get("conceptos") or {}
        for c in CONCEPTOS_DH:
            totales[c] += _d(conceptos.get(c))
        totales["total"] += _d(parte.get("importe"))
        porcentaje_total += _d(parte.get("porcentaje"))
        excluido = bool(parte.get("excluido"))
        acreditado = bool(dh and dh["acreditado"])
        motivo = parte.get("motivo") or ""
        if excluido:
            estilo, marca = EXCLUIDO, "No (excluido/a)"
        elif acreditado:
            estilo, marca = ELEGIBLE, "Sí"
        else:
            estilo, marca = "", "No"
        nombre = dh["apellido_nombre"] if dh else f"(quitado después de liquidar, id {parte['id']})"
        filas.append(Fila((
            nombre,
            cuil(dh["cuil"]) if dh else formato.VACIO,
            detalle.parentesco(parte.get("parentesco")),
            formato.porcentaje(parte.get("porcentaje")),
            *(formato.monto(conceptos.get(c)) for c in CONCEPTOS_DH),
            formato.monto(parte.get("importe")),
            marca,
        ), estilo, motivo))
    if filas:
        filas.append(Fila((
            "TOTAL", "", "", formato.porcentaje(porcentaje_total),
            *(formato.monto(totales[c]) for c in CONCEPTOS_DH), formato.monto(totales["total"]), "",
        ), TOTAL))
    return filas, totales


def diferencias(resultado: dict, totales: dict[str, Decimal]) -> list[str]:
    """Concepts whose split among the DH does not add up to the liquidation's amount."""
    nombres = {"pago_unico": detalle.PAGO_UNICO, "pago_por_danio": detalle.PAGO_POR_DANIO,
               "pago_adicional": detalle.PAGO_ADICIONAL, "total": detalle.CONCEPTO_TOTAL}
    avisos = []
    for clave, nombre in nombres.items():
        liquidado = _d(resultado.get(clave))
        if totales[clave] != liquidado:
            avisos.append(f"{nombre}: la liquidación dice {formato.pesos(liquidado)} y el reparto suma "
                          f"{formato.pesos(totales[clave])}")
    return avisos


class VentanaSiape(VentanaSiniestro):
    """The latest liquidation with every concept and each DH's share (see the module docstring)."""

    TITULO = "SIAPE"

    def construir(self, caja: QVBoxLayout) -> None:
        self.liquidacion: dict | None = None
        self.totales: dict[str, Decimal] = {}
        self.paginas = QStackedWidget()
        self.sin_liquidacion = PanelSinLiquidacion(SIN_LIQUIDACION)
        self.sin_liquidacion.calcular.connect(lambda: self.abrir_otra.emit("calcular", self.siniestro_id))
        self.paginas.addWidget(self.sin_liquidacion)
        self.paginas.addWidget(self._pagina_liquidacion())
        caja.addWidget(self.paginas, 1)

        botones = QHBoxLayout()
        self.boton_pago = QPushButton("&Pago…")
        self.boton_pago.setObjectName("boton_pago")
        self.boton_pago.setToolTip("Abrir la ventana PAGO de este siniestro")
        self.boton_pago.clicked.connect(lambda: self.abrir_otra.emit("pago", self.siniestro_id))
        self.boton_imprimir = QPushButton("&IMPRIMIR")
        self.boton_imprimir.setObjectName("imprimir")
        self.boton_imprimir.setToolTip("Vista previa de la liquidación SIAPE guardada, para imprimir o guardar en PDF.")
        self.boton_imprimir.clicked.connect(lambda: impresos.abrir_siape(self))
        self.boton_actualizar = QPushButton("&Actualizar (F5)")
        self.boton_actualizar.clicked.connect(self.recargar)
        self.boton_volver = QPushButton("&Volver")
        self.boton_volver.clicked.connect(self.close)
        botones.addWidget(self.boton_pago)
        self.nota_reparto = nota(nombre="nota_reparto")
        botones.addWidget(self.nota_reparto, 1)
        self.boton_exportar = exportar.boton(self, lambda: exportar.exportar_siniestro(
            self, "siape", [("Conceptos", self.modelo_conceptos), ("Derechohabientes", self.modelo_reparto)]))
        botones.addWidget(self.boton_imprimir)
        botones.addWidget(self.boton_exportar)
        botones.addWidget(self.boton_actualizar)
        botones.addWidget(self.boton_volver)
        caja.addLayout(botones)
        actualizar = QAction("Actualizar", self)
        actualizar.setShortcut(QKeySequence(Qt.Key.Key_F5))
        actualizar.triggered.connect(self.recargar)
        self.addAction(actualizar)

    def _pagina_liquidacion(self) -> QWidget:
        pagina = QWidget()
        caja = QVBoxLayout(pagina)
        caja.setContentsMargins(0, 0, 0, 0)

        cuadro = QGroupBox("LIQUIDACIÓN")
        datos = QHBoxLayout(cuadro)
        self._datos: dict[str, QLabel] = {}
        for campos in (("Versión", "Fecha de liquidación"), ("Calculada por", "Calculada el"),
                       ("Régimen", "Derechohabientes")):
            columna = QFormLayout()
            for campo in campos:
                valor = QLabel(formato.VACIO)
                valor.setObjectName(campo)
                valor.setAccessibleName(campo)
                valor.setStyleSheet("QLabel { font-weight: bold; }")
                valor.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self._datos[campo] = valor
                columna.addRow(f"{campo}:", valor)
            datos.addLayout(columna, 1)
        caja.addWidget(cuadro)

        conceptos = QGroupBox("CONCEPTOS")
        c = QVBoxLayout(conceptos)
        self.modelo_conceptos = ModeloConceptosSiape(self)
        self.tabla_conceptos = tabla(self.modelo_conceptos, "Conceptos", estirar=2)
        self.tabla_conceptos.setTextElideMode(Qt.TextElideMode.ElideRight)
        c.addWidget(self.tabla_conceptos)
        conceptos.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        caja.addWidget(conceptos)

        reparto = self.cuadro_reparto = QGroupBox("DERECHOHABIENTES: % Y MONTO DE CADA CONCEPTO")
        r = QVBoxLayout(reparto)
        self.modelo_reparto = ModeloRepartoSiape(self)
        self.tabla_reparto = tabla(self.modelo_reparto, "Reparto", estirar=0)
        r.addWidget(self.tabla_reparto, 1)
        caja.addWidget(reparto, 1)
        caja.addStretch(0)  # takes the room when an ILP has no DH grid
        return pagina

    # --- data ---------------------------------------------------------------------------------
    def recargar(self) -> None:
        self.limpiar_mensaje()  # a warning of the previous reading may no longer hold
        super().recargar()
        if self.siniestro is None:
            return
        s = self.siniestro
        self.boton_pago.setEnabled(bool(s.get("acreditado")))
        if s["tipo"] != "muerte":
            self.boton_pago.setToolTip("Siniestro por incapacidad: no tiene derechohabientes a quienes pagar.")
        elif not s.get("acreditado"):
            self.boton_pago.setToolTip("Los derechohabientes todavía no fueron acreditados: no hay pagos que registrar.")
        else:
            self.boton_pago.setToolTip("Abrir la ventana PAGO de este siniestro")
        self.boton_imprimir.setEnabled(bool(s.get("ultima_liquidacion")))
        if not s.get("ultima_liquidacion"):
            self.liquidacion = None
            self.paginas.setCurrentWidget(self.sin_liquidacion)
            return
        liq = self.llamar(liquidaciones.obtener, self.ctx, self.siniestro_id)
        if liq is FALLO:
            return
        self.liquidacion = liq
        self.paginas.setCurrentIndex(1)
        self._mostrar(liq, s)

    def _mostrar(self, liq: dict, s: dict) -> None:
        r = liq["resultado"]
        acreditados = [dh for dh in s["derechohabientes"] if dh["acreditado"]]
        self._datos["Versión"].setText(str(liq["version"]))
        self._datos["Fecha de liquidación"].setText(fecha(liq["fecha_liquidacion"]))
        self._datos["Calculada por"].setText(liq.get("calculada_por") or formato.VACIO)
        self._datos["Calculada el"].setText(fecha_hora(liq.get("calculada_en")))
        self._datos["Régimen"].setText(r.get("regimen") or formato.VACIO)
        if s["tipo"] != "muerte":
            self._datos["Derechohabientes"].setText("No corresponde (incapacidad)")
        elif s.get("acreditado"):
            cuando = fecha_hora(s.get("acreditado_en")).split(" ")[0]
            self._datos["Derechohabientes"].setText(f"{len(acreditados)} acreditado/s el {cuando}")
        else:
            self._datos["Derechohabientes"].setText("Sin acreditar")

        self.modelo_conceptos.cargar(r, liq.get("entrada") or {})
        ajustar_alto(self.tabla_conceptos)
        filas, self.totales = filas_reparto(r, s["derechohabientes"])
        self.modelo_reparto.poner_filas(filas)
        self.cuadro_reparto.setVisible(bool(filas))
        (self.tabla_reparto if filas else self.tabla_conceptos).setFocus()
        avisos = []
        if r.get("tipo") != "muerte" or not filas:
            self.nota_reparto.setText(detalle.nota_derechohabientes(r))
        else:
            self.nota_reparto.setText(NOTA_REPARTO)
            avisos = diferencias(r, self.totales)
            en_liquidacion = {str(p["id"]) for p in r.get("reparto") or []}
            nuevos = [dh["apellido_nombre"] for dh in s["derechohabientes"] if str(dh["id"]) not in en_liquidacion]
            if nuevos:
                avisos.append("no figuran en esta liquidación (se cargaron después de calcularla): "
                              + ", ".join(f"«{n}»" for n in nuevos) + ". Vuelva a calcular")
        if avisos:
            self.mostrar_aviso("Revise la liquidación: " + "; ".join(avisos) + ".")
