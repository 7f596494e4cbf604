"""The guide's screenshots of the printed documents' screens, called by `captura_ventanas`: the
convenio's data (DialogoConvenio filled as a user would, then saved), the Propuesta de Convenio's
preview with those data, and the batch dialog (Herramientas → «Generar convenios en lote…»).
The walked-through siniestro must already have its DH accredited."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication

from .capturas import guardar

ARCHIVOS = ("convenio_datos.png", "convenio_vista_previa.png", "convenio_lote.png")
TAMANIO_VISTA_PREVIA = (1000, 960)
TAMANIO_LOTE = (900, 352)  # the guide test asks every picture to be at least 350 px tall

# the same sample data as docs/ejemplos (scripts/ejemplos_documentos.py)
DATOS_CONVENIO = {
    "letrado_apellido_nombre": "Ibáñez, Martín Andrés", "letrado_matricula": "T° 58 F° 311 C.A.L.P.",
    "letrado_localidad": "La Plata", "letrado_domicilio": "Calle 48 N° 567, of. 3",
    "letrado_telefono": "(0221) 421-5566", "letrado_email": "estudio.ibanez@example.com.ar",
    "domicilio_legal": "Calle 7 N° 1234, piso 2º «B», La Plata",
    "opcion_comision": "Comisión Médica Jurisdiccional N° 12 — La Plata", "lugar": "La Plata",
    "representante_apellido_nombre": "Sánchez, Verónica", "representante_dni": "28.111.222",
    "representante_cargo": "Directora de Liquidaciones",
}


def _cuit(base: str) -> str:
    from stdnum.ar import cuit

    return f"{base[:2]}-{base[2:]}-{cuit.calc_check_digit(base)}"


def _exigir(condicion: bool, texto: str) -> None:
    if not condicion:
        raise RuntimeError(texto)


def capturar(principal, sid: int, carpeta: Path) -> list[Path]:
    """Save ARCHIVOS into `carpeta`, in that order."""
    from .impresion.documentos import abrir_convenio
    from .impresion.lote import DialogoLote
    from .siniestro.convenio_dialogo import DialogoConvenio

    ctx = principal.ctx
    hechas = []
    dialogo = DialogoConvenio(ctx, sid, principal)
    for clave, valor in {**DATOS_CONVENIO, "letrado_cuit": _cuit("2025123456"),
                         "fecha": date.today().strftime("%d/%m/%Y")}.items():
        dialogo.editores[clave].setText(valor)
        dialogo.editores[clave].setCursorPosition(0)
    dialogo.show()
    dialogo.adjustSize()
    dialogo.resize(max(1000, dialogo.sizeHint().width()), dialogo.sizeHint().height())
    QApplication.processEvents()
    hechas.append(guardar(dialogo, carpeta / ARCHIVOS[0]))
    dialogo.guardar()
    _exigir(dialogo.result() == 1, f"No se guardaron los datos del convenio: {dialogo.error() or dialogo.errores()}")
    dialogo.close()

    vista = abrir_convenio(principal, ctx, sid)
    _exigir(vista.contenido is not None, f"La Propuesta de Convenio no se generó: {vista.aviso.text()}")
    vista.resize(*TAMANIO_VISTA_PREVIA)
    QApplication.processEvents()
    hechas.append(guardar(vista, carpeta / ARCHIVOS[1]))
    vista.close()

    lote = DialogoLote(ctx, principal)
    lote.carpeta.setText(r"C:\Users\liquidador\Documents\Convenios")  # what an office PC shows
    lote.show()
    lote.resize(*TAMANIO_LOTE)
    lote.boton_generar.setFocus()
    QApplication.processEvents()
    hechas.append(guardar(lote, carpeta / ARCHIVOS[2]))
    lote.close()
    return hechas
