"""The printed documents of a siniestro, opened from its windows: each in the print preview
(`VistaPrevia`), made from ONE stored liquidation version with its calculation time as the PDF's
creation date (a reprint gives the same bytes), and kept in the legajo once it is printed or saved.

    REMUNERACIONES «IMPRIMIR»  → hoja de REMUNERACIONES     → legajo «VIB»
    SIAPE «IMPRIMIR»           → liquidación SIAPE          → legajo «Liquidación»
    DERECHOHABIENTE            → notificación al DH elegido → legajo «Notificación de Derechohabiente»
                               → datos del convenio (DialogoConvenio), Propuesta de Convenio
    main window F9             → Propuesta de Convenio      → legajo «Propuesta de convenio»

A service's refusal (no liquidation, no accredited DH, a wrong CBU…) is shown in the preview's
red bar. The previews open window-modal without blocking (`open()`); the window keeps the one
open in `vista_previa` (and a dialog asked first in `dialogo_documento`).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from app.errors import ErrorAplicacion, ReglaIncumplida
from app.services import convenios, impresos, impresos_legajo

from app.services.entradas import hoy

from ..siniestro.comun import ESTILO_AVISO, fecha
from ..siniestro.remcalc_widgets import fecha_del
from .vista_previa import VistaPrevia

VIB, LIQUIDACION, NOTIFICACION = "VIB", "Liquidación", "Notificación de Derechohabiente"
SIN_ACREDITAR = "Se habilita después de acreditar a los derechohabientes."


# ------------------------------------------------------------------ shared

def parte_de_archivo(texto: str) -> str:
    """A piece of a file name valid on Windows too, without accents («Ávila, Efraín» → «avila-efrain»)."""
    plano = unicodedata.normalize("NFKD", texto).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^0-9A-Za-z._-]+", "-", plano).strip(".-").lower() or "documento"


def nombre_en_legajo(base: str, papel: str) -> str:
    """`remuneraciones_2019-000001_v2.pdf`, with `_oficio` before the extension on oficio paper
    (both papers may be kept: they are different bytes)."""
    return base if papel == "A4" else f"{base[:-4]}_oficio.pdf"


def _fallido(error: BaseException) -> Callable[[str], bytes]:
    def generar(_papel: str) -> bytes:
        raise error
    return generar


def _preparar(ctx, siniestro_id: int, obtener: Callable, hacer_pdf: Callable):
    """(datos, generar): the data read once (a paper change only renders again) and the PDF
    maker with the version's creation date; (None, raising generar) when the service refuses."""
    try:
        datos = obtener()
        creado = impresos_legajo.creado_de_version(ctx, siniestro_id, datos.version)
    except ErrorAplicacion as e:
        return None, _fallido(e)
    return datos, lambda papel: hacer_pdf(datos, papel=papel, creado=creado)


def _emitir_en_legajo(ctx, siniestro_id: int, tipo: str, base: str, avisar: Callable | None):
    def emitir(contenido: bytes, papel: str) -> None:
        nombre = nombre_en_legajo(base, papel)
        r = impresos_legajo.emitir_documento(ctx, siniestro_id, tipo, contenido, nombre)
        if avisar is not None:
            avisar(r.nuevo, f"«{nombre}» ({tipo})")
    return emitir


def avisos_de_ventana(ventana) -> Callable[[bool, str], None]:
    """How a window of the siniestro tells what happened in the legajo (and refreshes the others)."""
    def avisar(nuevo: bool, que: str) -> None:
        if nuevo:
            ventana.mostrar_ok(f"Se guardó una copia en el legajo: {que}.")
            ventana.cambiado.emit(ventana.siniestro_id)
        else:
            ventana.mostrar_ok(f"El documento ya estaba en el legajo: {que}; no se agregó otra copia.")
    return avisar


def abrir_vista(parent: QWidget | None, titulo: str, generar: Callable[[str], bytes], nombre: str,
                al_emitir: Callable | None, nota: str = "") -> VistaPrevia:
    """Open the preview without blocking; `nota` is an amber line above the pages."""
    dlg = VistaPrevia(parent, titulo, generar, nombre, al_emitir=al_emitir)
    dlg.nota = QLabel(nota)
    dlg.nota.setObjectName("nota_impresion")
    dlg.nota.setWordWrap(True)
    dlg.nota.setStyleSheet(ESTILO_AVISO)
    dlg.nota.setVisible(bool(nota))
    dlg.layout().insertWidget(1, dlg.nota)
    dlg.finished.connect(dlg.deleteLater)
    dlg.open()
    return dlg


def _en_ventana(ventana, dlg: QDialog) -> QDialog:
    ventana.vista_previa = dlg
    dlg.finished.connect(lambda _r: setattr(ventana, "vista_previa", None)
                         if getattr(ventana, "vista_previa", None) is dlg else None)
    return dlg


# ------------------------------------------------------------------ REMUNERACIONES

def diferencia_con_pantalla(fecha_pantalla: date, resultado: dict | None, datos) -> str:
    """What the REMUNERACIONES screen shows that the stored version does not (empty: the same)."""
    if fecha_pantalla != datos.fecha_liquidacion:
        return f"el cálculo al {fecha(fecha_pantalla)}"
    if resultado is None:
        return "otro cálculo"
    for clave in ("vib", "vib_con_interes"):
        if Decimal(str(resultado.get(clave) or "0")) != getattr(datos, clave):
            return "importes distintos (las remuneraciones cambiaron después de calcular)"
    return ""


def abrir_remuneraciones(ventana) -> VistaPrevia | None:
    """«IMPRIMIR» of REMUNERACIONES: the sheet of the latest STORED liquidation version. Refused
    while months are edited and unsaved (they would be on no paper); when the screen shows another
    date or other amounts, the preview says which version it prints."""
    from app.reports.remuneraciones import hoja_remuneraciones

    n = ventana.modelo.cantidad_cambios()
    if n:
        ventana.mostrar_error(
            f"Hay {n} mes(es) editados sin guardar: la hoja de REMUNERACIONES imprime la liquidación guardada, no "
            "lo que se ve en pantalla. Pulse ACTUALIZAR y después «Calcular y guardar» en CALCULAR; luego imprima.")
        return None
    ctx, sid = ventana.ctx, ventana.siniestro_id
    datos, generar = _preparar(ctx, sid, lambda: impresos.datos_hoja_remuneraciones(ctx, sid), hoja_remuneraciones)
    titulo, nota, base = "REMUNERACIONES", "", "remuneraciones.pdf"
    if datos is not None:
        guardada = f"versión {datos.version} del {fecha(datos.fecha_liquidacion)}"
        titulo = f"REMUNERACIONES — liquidación guardada {guardada}"
        base = f"remuneraciones_{parte_de_archivo(datos.siniestro)}_v{datos.version}.pdf"
        distinto = diferencia_con_pantalla(fecha_del(ventana.fecha), ventana.resultado, datos)
        if distinto:
            nota = (f"Se imprime la liquidación guardada, {guardada}. La pantalla muestra {distinto}, que no "
                    "está guardado: para imprimirlo use «Calcular y guardar» en CALCULAR.")
    return _en_ventana(ventana, abrir_vista(ventana, titulo, generar, base,
                                            _emitir_en_legajo(ctx, sid, VIB, base, avisos_de_ventana(ventana)), nota))


# ------------------------------------------------------------------ SIAPE

def abrir_siape(ventana) -> VistaPrevia:
    """«IMPRIMIR» of SIAPE: the latest stored liquidation, per concept and per DH."""
    from app.reports.siape import liquidacion_siape

    ctx, sid = ventana.ctx, ventana.siniestro_id
    datos, generar = _preparar(ctx, sid, lambda: impresos.datos_liquidacion_siape(ctx, sid), liquidacion_siape)
    titulo, base = "Liquidación SIAPE", "siape.pdf"
    if datos is not None:
        titulo = f"Liquidación SIAPE — versión {datos.version} del {fecha(datos.fecha_liquidacion)}"
        base = f"siape_{parte_de_archivo(datos.siniestro)}_v{datos.version}.pdf"
    return _en_ventana(ventana, abrir_vista(ventana, titulo, generar, base,
                                            _emitir_en_legajo(ctx, sid, LIQUIDACION, base, avisos_de_ventana(ventana))))


# ------------------------------------------------------------------ DERECHOHABIENTE

def _datos_del_convenio(ctx, siniestro_id: int) -> dict:
    try:
        return convenios.obtener_datos_convenio(ctx, siniestro_id)
    except ErrorAplicacion:
        return {}


def abrir_notificacion(ventana, dh: dict) -> QDialog:
    """«Notificación…» of the chosen DH: straight to the preview when the convenio's place and date
    are loaded; otherwise the citation is asked first (DialogoCitacion), all of it optional."""
    from .citacion import DialogoCitacion

    conv = _datos_del_convenio(ventana.ctx, ventana.siniestro_id)
    if conv.get("lugar") and conv.get("fecha"):
        return vista_notificacion(ventana, dh["id"])
    s = ventana.siniestro or {}
    propuesta = conv.get("fecha") or s.get("fecha_pre_acuerdo") or s.get("fecha_puesta_disposicion")
    dialogo = DialogoCitacion(ventana, dh["apellido_nombre"], lugar=conv.get("lugar"),
                              fecha_citacion=propuesta if propuesta and propuesta >= hoy() else None,
                              lugar_citacion=conv.get("lugar"))
    dialogo.accepted.connect(lambda: vista_notificacion(ventana, dh["id"], dialogo.citacion))
    dialogo.finished.connect(dialogo.deleteLater)
    ventana.dialogo_documento = dialogo
    dialogo.open()
    return dialogo


def vista_notificacion(ventana, dh_id: int, citacion=None) -> VistaPrevia:
    """The letter's preview; a `citacion` from the dialog replaces the service's defaults as typed
    (a blank citation prints «se le comunicará oportunamente»)."""
    from app.reports.notificacion import notificacion_derechohabiente

    ctx, sid = ventana.ctx, ventana.siniestro_id

    def obtener():
        datos = impresos.datos_notificacion(ctx, dh_id)
        if citacion is not None:
            datos = dataclasses.replace(datos, lugar=citacion.lugar, fecha_citacion=citacion.fecha_citacion,
                                        hora_citacion=citacion.hora_citacion,
                                        lugar_citacion=citacion.lugar_citacion)
        return datos

    datos, generar = _preparar(ctx, sid, obtener, notificacion_derechohabiente)
    titulo, base = "Notificación de derechohabiente", "notificacion.pdf"
    if datos is not None:
        titulo = f"Notificación a {datos.destinatario} — liquidación versión {datos.version}"
        base = (f"notificacion_{parte_de_archivo(datos.siniestro)}_v{datos.version}_"
                f"{parte_de_archivo(datos.destinatario)}.pdf")
    return _en_ventana(ventana, abrir_vista(ventana, titulo, generar, base,
                                            _emitir_en_legajo(ctx, sid, NOTIFICACION, base, avisos_de_ventana(ventana))))


def abrir_datos_convenio(ventana) -> QDialog:
    """«Datos del convenio…»: DialogoConvenio; after a save the window says so."""
    from ..siniestro.convenio_dialogo import DialogoConvenio

    dialogo = DialogoConvenio(ventana.ctx, ventana.siniestro_id, ventana)

    def guardado() -> None:
        ventana.avisar_cambio()
        ventana.mostrar_ok("Se guardaron los datos de la Propuesta de Convenio.")

    dialogo.accepted.connect(guardado)
    dialogo.finished.connect(dialogo.deleteLater)
    ventana.dialogo_documento = dialogo
    dialogo.open()
    return dialogo


def abrir_convenio(parent: QWidget | None, ctx, siniestro_id: int,
                   avisar: Callable[[], None] | None = None) -> VistaPrevia:
    """The Propuesta de Convenio's preview (nothing stored); printed or saved, it is kept in the
    legajo by `convenios.generar_convenio`, which keeps each different print once. `avisar()` runs
    after that (e.g. to refresh the windows of the siniestro)."""
    try:
        numero = convenios.numeros_de_siniestros(ctx, [siniestro_id]).get(siniestro_id) or str(siniestro_id)
    except ErrorAplicacion as e:
        return abrir_vista(parent, "Propuesta de Convenio", _fallido(e), "convenio.pdf", None)

    def generar(papel: str) -> bytes:
        return convenios.generar_convenio(ctx, siniestro_id, papel=papel, guardar_en_legajo=False)

    def al_emitir(contenido: bytes, papel: str) -> None:
        guardado = convenios.generar_convenio(ctx, siniestro_id, papel=papel, guardar_en_legajo=True)
        if avisar is not None:
            avisar()
        if guardado != contenido:  # someone changed the data while the preview was open
            raise ReglaIncumplida(
                "Los datos del convenio cambiaron mientras la vista previa estaba abierta: el legajo guardó la "
                "Propuesta con los datos actuales, que no es la que salió.",
                "Cierre la vista previa y vuelva a abrirla para imprimir la versión actual.")

    return abrir_vista(parent, f"Propuesta de Convenio — Siniestro {numero}", generar,
                       f"convenio_{parte_de_archivo(numero)}.pdf", al_emitir)


def abrir_convenio_de_ventana(ventana) -> VistaPrevia:
    def avisar() -> None:
        ventana.mostrar_ok("La Propuesta de Convenio quedó guardada en el legajo.")
        ventana.cambiado.emit(ventana.siniestro_id)
    return _en_ventana(ventana, abrir_convenio(ventana, ventana.ctx, ventana.siniestro_id, avisar))


def botones_derechohabiente(ventana, fila: QHBoxLayout) -> list[QPushButton]:
    """«Notificación…», «Datos del convenio…» and «Propuesta de Convenio…» of the DERECHOHABIENTE
    window, added to `fila`; `habilitar_derechohabiente` keeps them enabled or saying why not."""
    def boton(texto: str, nombre: str, accion) -> QPushButton:
        b = QPushButton(texto)
        b.setObjectName(nombre)
        b.clicked.connect(lambda _=False: accion() if b.isEnabled() else None)
        fila.addWidget(b)
        return b

    def notificar() -> None:
        dh = ventana.dh_elegido()
        if dh is not None:
            abrir_notificacion(ventana, dh)

    ventana.boton_notificacion = boton("&Notificación…", "notificacion", notificar)
    ventana.boton_datos_convenio = boton("Datos del conven&io…", "datos_convenio",
                                         lambda: abrir_datos_convenio(ventana))
    ventana.boton_convenio = boton("P&ropuesta de Convenio…", "convenio", lambda: abrir_convenio_de_ventana(ventana))
    return [ventana.boton_notificacion, ventana.boton_datos_convenio, ventana.boton_convenio]


def habilitar_derechohabiente(ventana) -> None:
    s = ventana.situacion
    elegido = ventana.dh_elegido()
    if s is None:
        motivo = ventana.mensaje() or "No se pudieron leer los derechohabientes del siniestro."
    elif s.get("liquidacion") is None:
        motivo = "El siniestro todavía no tiene una liquidación guardada: calcúlela primero."
    elif elegido is None:
        motivo = "Elija un derechohabiente de la lista."
    elif elegido.get("importe") is None:
        motivo = f"«{elegido['apellido_nombre']}» no figura en la última liquidación: vuelva a calcular."
    elif elegido.get("elegible") is False:
        motivo = f"«{elegido['apellido_nombre']}» no tiene derecho a la prestación: no hay importe que notificarle."
    else:
        motivo = ""
    ventana.boton_notificacion.setEnabled(not motivo)
    ventana.boton_notificacion.setToolTip(
        motivo or "Carta al derechohabiente elegido con su parte de la liquidación y la citación (vista previa).")
    acreditado = bool(s and s.get("acreditado"))
    for b, ayuda in ((ventana.boton_datos_convenio, "Letrado, domicilio legal, comisión, lugar y fecha, "
                      "representante y la cuenta de cada derechohabiente acreditado."),
                     (ventana.boton_convenio, "Vista previa de la Propuesta de Convenio para imprimir o guardar.")):
        b.setEnabled(acreditado)
        b.setToolTip(ayuda if acreditado else SIN_ACREDITAR)
