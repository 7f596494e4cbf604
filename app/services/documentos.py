"""Legajo digital: the documents of a siniestro, kept in the store with their SHA-256 (checked
again on every read, so a damaged copy is noticed instead of being handed out)."""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePath

from sqlalchemy import select

from app.errors import DatosInvalidos, ErrorBaseDatos, NoEncontrado
from app.models import Documento

from .entradas import leer_texto
from .nucleo import Contexto, fila_a_dict
from .siniestros import cargar_siniestro

# «La Guarda Documental de la prestación de pago único … consta de los siguientes documentos» (seed 003)
TIPOS_DOCUMENTO = (
    "Acreditación Derechohabientes",
    "Notificación de Derechohabiente",
    "Otros Documentos",
    "VIB",
    "Liquidación",
    "Comprobante de Pago",
    "Aceptación / Rechazo mortales",
    # the papers the DH bring for their accreditation and the case's own acts
    "DNI",
    "Partida de defunción",
    "Partida de nacimiento",
    "Certificado de estudios",
    "Denuncia",
    "Dictamen médico",
    "Propuesta de convenio",
)
TAMANIO_MAXIMO = 20 * 1024 * 1024  # 20 MB


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB".replace(".", ",")


def _leer(ruta_o_bytes, nombre: str | None) -> tuple[bytes, str]:
    if isinstance(ruta_o_bytes, (bytes, bytearray, memoryview)):
        contenido = bytes(ruta_o_bytes)
        if not nombre:
            raise DatosInvalidos("nombre", "falta el nombre del archivo")
    elif isinstance(ruta_o_bytes, (str, Path)):
        ruta = Path(ruta_o_bytes)
        try:
            tamanio = ruta.stat().st_size
            if tamanio > TAMANIO_MAXIMO:
                raise DatosInvalidos(
                    "archivo", f"«{ruta.name}» pesa {_mb(tamanio)}; el máximo es {_mb(TAMANIO_MAXIMO)}",
                    "Reduzca el archivo (p. ej. escanee en blanco y negro o a menor resolución).")
            contenido = ruta.read_bytes()
        except FileNotFoundError:
            raise DatosInvalidos("archivo", f"no se encontró «{ruta}»") from None
        except IsADirectoryError:
            raise DatosInvalidos("archivo", f"«{ruta}» es una carpeta, no un archivo") from None
        except OSError as e:
            raise DatosInvalidos("archivo", f"no se pudo leer «{ruta}»: {e.strerror}") from None
        nombre = nombre or ruta.name
    else:
        raise DatosInvalidos("archivo", "se esperaba la ruta del archivo o su contenido")
    if len(contenido) > TAMANIO_MAXIMO:
        raise DatosInvalidos("archivo", f"el archivo pesa {_mb(len(contenido))}; el máximo es {_mb(TAMANIO_MAXIMO)}")
    if not contenido:
        raise DatosInvalidos("archivo", "el archivo está vacío")
    # only the file's own name, never a path from another PC
    nombre = PurePath(str(nombre).replace("\\", "/")).name
    return contenido, leer_texto(nombre, "nombre", 255, requerido=True)


def adjuntar_documento(ctx: Contexto, siniestro_id: int, tipo: str, ruta_o_bytes, nombre: str | None = None) -> int:
    """Attach a file (a path, or its bytes plus `nombre`) to the siniestro's legajo. Returns its id."""
    with ctx.caso_de_uso("cargar", "adjuntar_documento", "documento") as (sesion, registro):
        if tipo not in TIPOS_DOCUMENTO:
            raise DatosInvalidos("tipo", f"«{tipo}» no es uno de: {', '.join(TIPOS_DOCUMENTO)}")
        s = cargar_siniestro(sesion, siniestro_id)
        contenido, nombre = _leer(ruta_o_bytes, nombre)
        doc = Documento(siniestro_id=s.id, tipo=tipo, nombre_archivo=nombre,
                        sha256=hashlib.sha256(contenido).hexdigest(), tamanio=len(contenido),
                        contenido=contenido, cargado_por=ctx.actor.usuario)
        sesion.add(doc)
        sesion.flush()
        registro.entidad_id = doc.id
        registro.despues = fila_a_dict(doc)  # without the bytes
        return doc.id


_COLUMNAS = (Documento.id, Documento.siniestro_id, Documento.tipo, Documento.nombre_archivo, Documento.sha256,
             Documento.tamanio, Documento.cargado_por, Documento.cargado_en)


def listar_documentos(ctx: Contexto, siniestro_id: int) -> list[dict]:
    """The legajo without the bytes, in the order the documents were attached."""
    with ctx.lectura() as sesion:
        cargar_siniestro(sesion, siniestro_id)
        filas = sesion.execute(select(*_COLUMNAS).where(Documento.siniestro_id == siniestro_id).order_by(Documento.id))
        return [dict(f._mapping) for f in filas]


def obtener_documento(ctx: Contexto, documento_id: int) -> dict:
    """The document with its bytes (`contenido`), after checking them against the stored SHA-256."""
    with ctx.lectura() as sesion:
        doc = sesion.get(Documento, documento_id)
        if doc is None:
            raise NoEncontrado(f"No existe el documento {documento_id}.")
        contenido = bytes(doc.contenido)
        if hashlib.sha256(contenido).hexdigest() != doc.sha256 or len(contenido) != doc.tamanio:
            raise ErrorBaseDatos(
                f"El documento «{doc.nombre_archivo}» (id {doc.id}) está dañado en la base de datos: su "
                "contenido no coincide con la huella SHA-256 registrada al adjuntarlo.",
                "Restaure una copia de seguridad o vuelva a adjuntar el original.")
        return {c.key: getattr(doc, c.key) for c in _COLUMNAS} | {"contenido": contenido}
