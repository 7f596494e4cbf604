"""PAGO: register the payments to the accredited DH of one siniestro («el Organismo deberá registrar
la erogación en el sistema por medio del botón PAGO», seed 003).

Per DH the grid shows what the latest liquidation gives it (corresponde), what was paid and the
balance (`pagos.saldo`); below, every payment registered (`pagos.listar_pagos`). Only accredited
DH with a balance are offered in the form; the service refuses over-payments and non-accredited DH
anyway, and turns the siniestro «pagado» when every accredited DH is fully paid.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import DatosInvalidos
from app.services import liquidaciones, pagos

from .. import detalle, exportar, formato, mensajes
from ..detalle import ELEGIBLE, EXCLUIDO, TOTAL
from ..modelos import Columna, Fila, ModeloTabla
from .comun import FALLO, VentanaSiniestro, cuil, fecha
from .pago_comun import (
    PanelSinLiquidacion,
    ajustar_alto,
    fecha_hora,
    leer_importe_ar,
    nota,
    tabla,
)

MEDIOS = ("Transferencia bancaria", "Cheque", "Depósito judicial", "Otro")
CERO = Decimal("0.00")
SIN_LIQUIDACION = (
    "Este siniestro todavía no tiene una liquidación guardada: no hay importes que pagar.\n"
    "Calcule la liquidación primero (ventana CALCULAR)."
)
NO_ACREDITADO = "No acreditado/a: no se le puede pagar"


class ModeloSaldos(ModeloTabla):
    COLUMNAS = (
        Columna("DERECHOHABIENTE"), Columna("CUIT-CUIL"), Columna("PARENTESCO"), Columna("ESTADO"),
        Columna("CORRESPONDE", True), Columna("PAGADO", True), Columna("SALDO", True),
    )


class ModeloPagos(ModeloTabla):
    COLUMNAS = (
        Columna("FECHA"), Columna("DERECHOHABIENTE"), Columna("IMPORTE", True), Columna("MEDIO"),
        Columna("COMPROBANTE"), Columna("LIQ."), Columna("REGISTRADO POR"), Columna("REGISTRADO EL"),
    )


def estado_dh(dh: dict, saldo: dict) -> tuple[str, str]:
    """(texto, estilo) of a DH's row: why it can or cannot be paid."""
    if saldo["corresponde"] is None:
        return "No figura en la liquidación", EXCLUIDO
    if not dh["acreditado"]:
        return NO_ACREDITADO, EXCLUIDO
    if saldo["saldo"] <= CERO:
        return "Pagado", ELEGIBLE
    return ("Pago parcial" if saldo["pagado"] > CERO else "Acreditado/a"), ELEGIBLE


def filas_saldos(dhs: list[dict], saldos: dict[int, dict]) -> list[Fila]:
    filas = []
    total = {"corresponde": CERO, "pagado": CERO, "saldo": CERO}
    for dh in dhs:
        sd = saldos[dh["id"]]
        texto, estilo = estado_dh(dh, sd)
        if dh["acreditado"] and sd["corresponde"] is not None:
            for clave in total:
                total[clave] += sd[clave]
        ayuda = f"«{dh['apellido_nombre']}» no está acreditado/a: no se le puede pagar." if not dh["acreditado"] else ""
        filas.append(Fila((
            dh["apellido_nombre"], cuil(dh["cuil"]), detalle.parentesco(dh["parentesco"]), texto,
            formato.monto(sd["corresponde"]), formato.monto(sd["pagado"]), formato.monto(sd["saldo"]),
        ), estilo, ayuda))
    if filas:
        filas.append(Fila(("TOTAL ACREDITADOS", "", "", "", formato.monto(total["corresponde"]),
                           formato.monto(total["pagado"]), formato.monto(total["saldo"])), TOTAL))
    return filas


def filas_pagos(lista: list[dict]) -> list[Fila]:
    filas = [Fila((
        fecha(p["fecha"]), p["derechohabiente"], formato.monto(p["importe"]), p["medio"],
        p["comprobante"] or formato.VACIO, f"v{p['liquidacion_version']}", p["registrado_por"],
        fecha_hora(p["registrado_en"]),
    )) for p in lista]
    if filas:
        total = sum((p["importe"] for p in lista), CERO)
        filas.append(Fila(("TOTAL PAGADO", "", formato.monto(total), "", "", "", "", ""), TOTAL))
    return filas


class VentanaPago(VentanaSiniestro):
    """Payments to the accredited DH (see the module docstring)."""

    TITULO = "PAGO"

    def construir(self, caja: QVBoxLayout) -> None:
        self.saldos: dict[int, dict] = {}
        self.version_liquidacion: dict | None = None
        self.paginas = QStackedWidget()
        self.sin_liquidacion = PanelSinLiquidacion(SIN_LIQUIDACION)
        self.sin_liquidacion.calcular.connect(lambda: self.abrir_otra.emit("calcular", self.siniestro_id))
        self.paginas.addWidget(self.sin_liquidacion)
        self.paginas.addWidget(self._pagina_pagos())
        caja.addWidget(self.paginas, 1)

        botones = QHBoxLayout()
        for texto, destino in (("&SIAPE…", "siape"), ("&Legajo…", "legajo")):
            b = QPushButton(texto)
            b.setObjectName(f"boton_{destino}")
            b.clicked.connect(lambda _=False, d=destino: self.abrir_otra.emit(d, self.siniestro_id))
            botones.addWidget(b)
        botones.addStretch(1)
        self.boton_actualizar = QPushButton("&Actualizar (F5)")
        self.boton_actualizar.clicked.connect(self.recargar)
        self.boton_volver = QPushButton("&Volver")
        self.boton_volver.clicked.connect(self.close)
        self.boton_exportar = exportar.boton(self, lambda: exportar.exportar_siniestro(
            self, "pago", [("Saldos", self.modelo_saldos), ("Pagos", self.modelo_pagos)]))
        botones.addWidget(self.boton_exportar)
        botones.addWidget(self.boton_actualizar)
        botones.addWidget(self.boton_volver)
        caja.addLayout(botones)
        actualizar = QAction("Actualizar", self)
        actualizar.setShortcut(QKeySequence(Qt.Key.Key_F5))
        actualizar.triggered.connect(self.recargar)
        self.addAction(actualizar)

    def _pagina_pagos(self) -> QWidget:
        pagina = QWidget()
        caja = QVBoxLayout(pagina)
        caja.setContentsMargins(0, 0, 0, 0)

        cuadro = QGroupBox("DERECHOHABIENTES")
        c = QVBoxLayout(cuadro)
        self.texto_liquidacion = nota(nombre="texto_liquidacion")
        c.addWidget(self.texto_liquidacion)
        self.modelo_saldos = ModeloSaldos(self)
        self.tabla_saldos = tabla(self.modelo_saldos, "Saldos", estirar=0)
        self.tabla_saldos.clicked.connect(self._fila_elegida)
        c.addWidget(self.tabla_saldos)
        cuadro.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        caja.addWidget(cuadro)
        caja.addWidget(self._formulario())

        lista = QGroupBox("PAGOS REGISTRADOS")
        p = QVBoxLayout(lista)
        self.modelo_pagos = ModeloPagos(self)
        self.tabla_pagos = tabla(self.modelo_pagos, "Pagos", estirar=4)
        p.addWidget(self.tabla_pagos)
        self.sin_pagos = nota("Todavía no se registró ningún pago.", "sin_pagos")
        self.sin_pagos.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        p.addWidget(self.sin_pagos)
        p.addStretch(0)
        caja.addWidget(lista, 1)
        return pagina

    def _formulario(self) -> QGroupBox:
        cuadro = QGroupBox("REGISTRAR PAGO")
        self.cuadro_formulario = cuadro
        g = QGridLayout(cuadro)
        self.combo_dh = QComboBox()
        self.combo_dh.setObjectName("derechohabiente")
        self.combo_dh.setMinimumContentsLength(28)
        self.combo_dh.currentIndexChanged.connect(self._dh_elegido)
        self.fecha = QDateEdit(QDate.currentDate())
        self.fecha.setObjectName("fecha")
        self.fecha.setDisplayFormat("dd/MM/yyyy")
        self.fecha.setCalendarPopup(True)
        self.fecha.setMaximumDate(QDate.currentDate())
        self.importe = QLineEdit()
        self.importe.setObjectName("importe")
        self.importe.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.importe.setPlaceholderText("p. ej. 1.234,56")
        self.importe.returnPressed.connect(self.registrar)
        self.medio = QComboBox()
        self.medio.setObjectName("medio")
        self.medio.addItems(MEDIOS)
        self.comprobante = QLineEdit()
        self.comprobante.setObjectName("comprobante")
        self.comprobante.setMaxLength(100)
        self.comprobante.setPlaceholderText("N° de transferencia, cheque u orden de pago")
        self.boton_registrar = QPushButton("&Registrar pago…")
        self.boton_registrar.setObjectName("boton_registrar")
        self.boton_registrar.clicked.connect(self.registrar)

        campos = ((0, 0, "&Derechohabiente:", self.combo_dh), (0, 2, "&Fecha:", self.fecha),
                  (0, 4, "&Importe:", self.importe), (1, 0, "&Medio:", self.medio),
                  (1, 2, "C&omprobante:", self.comprobante))
        for fila, col, texto, campo in campos:
            etiqueta = QLabel(texto)
            etiqueta.setBuddy(campo)
            g.addWidget(etiqueta, fila, col)
            g.addWidget(campo, fila, col + 1, 1, 2 if campo is self.comprobante else 1)
        g.addWidget(self.boton_registrar, 1, 5)
        g.setColumnStretch(1, 3)
        g.setColumnStretch(3, 1)
        g.setColumnStretch(5, 1)
        self.aviso_formulario = nota(nombre="aviso_formulario")
        g.addWidget(self.aviso_formulario, 2, 0, 1, 6)
        for a, b in ((self.combo_dh, self.fecha), (self.fecha, self.importe), (self.importe, self.medio),
                     (self.medio, self.comprobante), (self.comprobante, self.boton_registrar)):
            QWidget.setTabOrder(a, b)
        cuadro.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        return cuadro

    # --- data ---------------------------------------------------------------------------------
    def recargar(self) -> None:
        self.limpiar_mensaje()  # the result of the last action is shown again by whoever called
        super().recargar()
        s = self.siniestro
        if s is None:
            return
        if not s.get("ultima_liquidacion"):
            self.paginas.setCurrentWidget(self.sin_liquidacion)
            self._habilitar_formulario(False, "El siniestro no tiene liquidación.")
            return
        versiones = self.llamar(liquidaciones.versiones, self.ctx, self.siniestro_id)
        lista = self.llamar(pagos.listar_pagos, self.ctx, self.siniestro_id)
        saldos = {}
        for dh in s["derechohabientes"]:
            saldos[dh["id"]] = self.llamar(pagos.saldo, self.ctx, dh["id"])
        if FALLO in (versiones, lista, *saldos.values()):
            return
        self.saldos = saldos
        self.version_liquidacion = versiones[-1]
        self.paginas.setCurrentIndex(1)
        v = self.version_liquidacion
        texto = (f"Importes de la liquidación versión {v['version']} del {fecha(v['fecha_liquidacion'])}. "
                 "Solo se paga a los derechohabientes acreditados, hasta lo que les corresponde.")
        if not s["derechohabientes"]:
            texto = (f"Liquidación versión {v['version']} del {fecha(v['fecha_liquidacion'])}. "
                     "Este siniestro no tiene derechohabientes cargados.")
        self.texto_liquidacion.setText(texto)
        self.modelo_saldos.poner_filas(filas_saldos(s["derechohabientes"], saldos))
        self.tabla_saldos.setVisible(bool(s["derechohabientes"]))
        ajustar_alto(self.tabla_saldos)
        self.modelo_pagos.poner_filas(filas_pagos(lista))
        self.tabla_pagos.setVisible(bool(lista))
        self.sin_pagos.setVisible(not lista)
        self._llenar_combo(s)

    def _pagables(self, s: dict) -> list[dict]:
        return [dh for dh in s["derechohabientes"] if dh["acreditado"]
                and self.saldos[dh["id"]]["saldo"] is not None and self.saldos[dh["id"]]["saldo"] > CERO]

    def _llenar_combo(self, s: dict) -> None:
        anterior = self.combo_dh.currentData()
        self.combo_dh.blockSignals(True)
        self.combo_dh.clear()
        for dh in self._pagables(s):
            self.combo_dh.addItem(f"{dh['apellido_nombre']} ({cuil(dh['cuil'])})", dh["id"])
        indice = self.combo_dh.findData(anterior)
        self.combo_dh.setCurrentIndex(indice if indice >= 0 else 0 if self.combo_dh.count() else -1)
        self.combo_dh.blockSignals(False)
        if s["tipo"] != "muerte":
            motivo = "Siniestro por incapacidad: no tiene derechohabientes a quienes pagar."
        elif not s.get("acreditado"):
            motivo = ("Los derechohabientes todavía no fueron acreditados (ventana DERECHOHABIENTE): "
                      "no se les puede pagar.")
        elif not self.combo_dh.count():
            motivo = "Todos los derechohabientes acreditados están pagados: no queda saldo."
        elif not self.ctx.actor.puede("pagar"):
            motivo = (f"Registrar pagos es tarea del supervisor; su rol es «{self.ctx.actor.rol}»: "
                      "puede consultar los saldos y los pagos.")
        else:
            motivo = ""
        self._habilitar_formulario(not motivo, motivo)
        self._dh_elegido()

    def _habilitar_formulario(self, si: bool, motivo: str) -> None:
        for w in (self.combo_dh, self.fecha, self.importe, self.medio, self.comprobante, self.boton_registrar):
            w.setEnabled(si)
            w.setToolTip("" if si else motivo)
        self.aviso_formulario.setText(motivo)

    def _dh_elegido(self, *_args) -> None:
        dh_id = self.combo_dh.currentData()
        if dh_id is None or dh_id not in self.saldos:
            self.importe.clear()
            return
        sd = self.saldos[dh_id]
        self.importe.setText(formato.monto(sd["saldo"]))  # default: the whole balance
        if self.boton_registrar.isEnabled():
            self.aviso_formulario.setText(
                f"Le corresponden {formato.pesos(sd['corresponde'])}; ya se pagaron "
                f"{formato.pesos(sd['pagado'])}; saldo {formato.pesos(sd['saldo'])}.")

    def _fila_elegida(self, indice) -> None:
        s = self.siniestro
        if s is None or not 0 <= indice.row() < len(s["derechohabientes"]):
            return
        dh = s["derechohabientes"][indice.row()]
        n = self.combo_dh.findData(dh["id"])
        if n >= 0:
            self.combo_dh.setCurrentIndex(n)
        else:
            texto, _ = estado_dh(dh, self.saldos[dh["id"]])
            self.mostrar_aviso(f"«{dh['apellido_nombre']}»: {texto.lower()}.")

    # --- action -------------------------------------------------------------------------------
    def registrar(self) -> None:
        if not self.boton_registrar.isEnabled():
            return
        dh_id = self.combo_dh.currentData()
        if dh_id is None:
            self.mostrar_error("Elija el derechohabiente al que se paga.")
            return
        try:
            importe = leer_importe_ar(self.importe.text())
        except DatosInvalidos as e:
            self.mostrar_error(e)
            self.importe.setFocus()
            self.importe.selectAll()
            return
        dh = next(d for d in self.siniestro["derechohabientes"] if d["id"] == dh_id)
        sd = self.saldos[dh_id]
        dia = self.fecha.date().toPython()
        medio = self.medio.currentText()
        comprobante = self.comprobante.text().strip()
        if not mensajes.confirmar(
            self, "Registrar pago",
            f"¿Registrar un pago de {formato.pesos(importe)} a «{dh['apellido_nombre']}»?",
            detalle=(f"Fecha {fecha(dia)} · {medio} · comprobante {comprobante or formato.VACIO}.\n"
                     f"Le corresponden {formato.pesos(sd['corresponde'])}; ya se pagaron "
                     f"{formato.pesos(sd['pagado'])}; saldo {formato.pesos(sd['saldo'])}.\n"
                     "Un pago registrado no se puede borrar."),
            si="&Registrar", no="&Cancelar", peligroso=True,
        ):
            self.mostrar_aviso("No se registró el pago.")
            return
        if self.llamar(pagos.registrar_pago, self.ctx, dh_id, dia, importe, medio, comprobante or None) is FALLO:
            return
        self.comprobante.clear()
        self.avisar_cambio()
        nuevo = self.saldos.get(dh_id, {}).get("saldo")
        texto = (f"Se registró el pago de {formato.pesos(importe)} a «{dh['apellido_nombre']}». "
                 f"Saldo: {formato.pesos(nuevo)}.")
        if self.siniestro and self.siniestro["estado"] == "pagado":
            texto += " Todos los derechohabientes acreditados están pagados: el siniestro pasó a «Pagado»."
        self.mostrar_ok(texto)
