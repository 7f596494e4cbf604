"""NOTIFICACIÓN DE DERECHOHABIENTE: the letter that tells one DH the amount that corresponds to
them in the liquidation of the causante's death, the date and place to sign the Propuesta de
Convenio (when known) and the documents to bring; with a receipt to sign at the foot."""

from __future__ import annotations

from datetime import datetime

from . import formato as f
from .datos import DatosNotificacion
from .maqueta import MARGEN, RELLENO, Columna, Documento

COMUNES = (
    "Documento Nacional de Identidad.",
    "Constancia de CUIL.",
    "Certificado o acta de defunción del causante.",
    "Constancia de la cuenta bancaria a su nombre con la CBU, emitida por el banco.",
)
POR_PARENTESCO = {
    "conyuge": ("Acta de matrimonio actualizada.",),
    "conviviente": ("Información sumaria o sentencia que acredite la convivencia con el causante (cinco años, o "
                    "dos con hijos en común).",),
    "hijo": ("Partida de nacimiento que acredite el vínculo con el causante.",),
    "padre": ("Partida de nacimiento del causante que acredite el vínculo.",),
    "madre": ("Partida de nacimiento del causante que acredite el vínculo.",),
    "familiar_a_cargo": ("Partidas que acrediten el parentesco con el causante.",
                         "Información sumaria que acredite que estaba a cargo del causante."),
}
ESTUDIANTE = "Certificado de alumno regular del ciclo lectivo en curso."
INCAPACITADO = "Certificado médico oficial que acredite la incapacidad para el trabajo."
MENOR = "Si es menor de edad: DNI y acreditación del vínculo de quien ejerce su representación legal."
COLUMNAS = [Columna("CONCEPTO", 120), Columna("IMPORTE", 54, "R")]


def documentos_requeridos(parentesco: str, *, estudiante: bool = False, incapacitado: bool = False,
                          menor: bool = False) -> tuple[str, ...]:
    """What a DH brings to sign the convenio, by `parentesco` (the engine's key, e.g. "hijo")."""
    lista = list(COMUNES) + list(POR_PARENTESCO.get(parentesco, ()))
    if estudiante:
        lista.append(ESTUDIANTE)
    if incapacitado:
        lista.append(INCAPACITADO)
    if menor:
        lista.append(MENOR)
    return tuple(lista)


def _destinatario(doc: Documento, d: DatosNotificacion) -> None:
    doc.fuente("", 9.5)
    lugar_fecha = ", ".join(x for x in (d.lugar, f.fecha_larga(d.fecha)) if x)
    doc.texto(MARGEN, doc.get_y(), doc.epw, 5, lugar_fecha, "R")
    doc.set_y(doc.get_y() + 9)
    doc.fuente("B", 10)
    doc.texto(MARGEN - RELLENO, doc.get_y(), doc.epw, 5, f"Sr./Sra. {d.destinatario}")
    doc.set_y(doc.get_y() + 5)
    doc.fuente("", 9)
    identidad = " — ".join(x for x in (d.dni and f"DNI {f.dni(d.dni)}", d.cuil and f"CUIL {f.cuit(d.cuil)}") if x)
    if identidad:
        doc.texto(MARGEN - RELLENO, doc.get_y(), doc.epw, 4.6, identidad)
        doc.set_y(doc.get_y() + 4.6)
    doc.linea_completar("Domicilio:", d.domicilio)
    doc.espacio(3)
    causante = f"{d.causante} (CUIL {f.cuit(d.cuil_causante)})"
    doc.parrafo(f"Ref.: Siniestro N° {d.siniestro} — Prestación dineraria por el fallecimiento de {causante}.",
                tamanio=9.5, estilo="B", alto=4.8)
    doc.espacio(3)


def _cuerpo(doc: Documento, d: DatosNotificacion) -> None:
    fallecimiento = f", ocurrido el {f.fecha(d.fecha_fallecimiento)}" if d.fecha_fallecimiento else ""
    doc.parrafo(
        f"Por la presente se le notifica que, con motivo del fallecimiento de {d.causante}, agente "
        f"{f.de_organismo(d.organismo)}{fallecimiento}, se practicó la liquidación de la prestación dineraria prevista en la "
        f"Ley 24.557 de Riesgos del Trabajo y sus modificatorias (liquidación versión {d.version} al "
        f"{f.fecha(d.fecha_liquidacion)}, régimen {d.regimen}), por un total de {f.pesos(d.total_prestacion)}, "
        "distribuido entre los derechohabientes conforme al art. 18 de la Ley 24.557 y al art. 53 de la "
        "Ley 24.241.", alto=4.6)
    doc.espacio(2)
    doc.parrafo(f"En su carácter de {d.parentesco} del causante le corresponde el {f.porcentaje(d.porcentaje)} % "
                "de la prestación, según el siguiente detalle:", alto=4.6)
    doc.espacio(2)
    filas = [[c.concepto, f.monto(c.importe)] for c in d.conceptos]
    doc.tabla(COLUMNAS, filas, total=["TOTAL QUE LE CORRESPONDE", f.monto(d.importe)], tamanio=9)
    doc.espacio(1)
    doc.parrafo(f"Son {f.en_letras(d.importe)}.", tamanio=9, estilo="B", alto=4.6)
    doc.espacio(3)


def _citacion(doc: Documento, d: DatosNotificacion) -> None:
    if d.fecha_citacion:
        cuando = f"el día {f.fecha_larga(d.fecha_citacion)}"
        if d.hora_citacion:
            cuando += f" a las {d.hora_citacion} horas"
        donde = f", en {d.lugar_citacion}," if d.lugar_citacion else ""
        texto = (f"Se lo/la cita a presentarse {cuando}{donde} para la firma de la Propuesta de Convenio, "
                 "acompañado/a de su letrado/a particular o del/de la letrado/a gratuito/a que le asigne la "
                 "Superintendencia de Riesgos del Trabajo.")
    else:
        texto = ("El día, la hora y el lugar para la firma de la Propuesta de Convenio le serán comunicados "
                 "oportunamente. Podrá concurrir con su letrado/a particular o con el/la letrado/a gratuito/a que "
                 "le asigne la Superintendencia de Riesgos del Trabajo.")
    doc.parrafo(texto, alto=4.6)
    doc.espacio(2)
    if d.regimen == "Ley 27.348":
        tramite = ("Firmada la propuesta, será remitida para su homologación ante el Servicio de Homologación de la "
                   "Comisión Médica Jurisdiccional (Ley 27.348); el importe se depositará en la cuenta que declare "
                   "dentro de los cinco (5) días de notificado el acto de homologación.")
    else:
        tramite = ("Firmada la propuesta, el importe se depositará en la cuenta que declare dentro de los quince "
                   "(15) días corridos.")
    doc.parrafo(tramite, alto=4.6)
    doc.espacio(2)


def _documentos(doc: Documento, d: DatosNotificacion) -> None:
    documentos = d.documentos or documentos_requeridos("")
    doc.parrafo("Deberá presentar la siguiente documentación (original y copia):", estilo="B", alto=4.6)
    doc.espacio(1)
    for documento in documentos:
        doc.parrafo(f"•  {documento}", alto=4.4, sangria=4)
    doc.espacio(3)
    doc.parrafo("Queda usted debidamente notificado/a.", alto=4.6)


def _firmas(doc: Documento, d: DatosNotificacion) -> None:
    doc.espacio(6)
    firmante = d.firmante
    leyenda = d.cargo_firmante or f"Por {f.con_articulo(d.organismo)}"
    doc.firmas([(leyenda, firmante, None), ("RECIBÍ LA PRESENTE NOTIFICACIÓN", d.destinatario, f.dni(d.dni))],
               por_fila=2)
    doc.linea_completar("Fecha de recepción:", None, tamanio=8.5)


def notificacion_derechohabiente(datos: DatosNotificacion, *, papel: str = "A4",
                                 creado: datetime | None = None) -> bytes:
    d = datos
    doc = Documento(papel=papel, titulo="Notificación de derechohabiente", siniestro=d.siniestro,
                    pie=f"Notificación de derechohabiente — liquidación versión {d.version} del "
                        f"{f.fecha(d.fecha_liquidacion)}", creado=creado)
    doc.titulo("NOTIFICACIÓN DE DERECHOHABIENTE")
    _destinatario(doc, d)
    _cuerpo(doc, d)
    _citacion(doc, d)
    _documentos(doc, d)
    _firmas(doc, d)
    return bytes(doc.output())

