"""The documents a screen issues (printed or saved as PDF) kept in the siniestro's legajo, once.

The REMUNERACIONES sheet, the SIAPE liquidation and a DH's notification are made from one stored
liquidation version with a fixed creation date (`creado_de_version`: when that version was
calculated), so issuing the same document again gives the same bytes: a document whose SHA-256 is
already in the legajo is not added again (no copy, no audit row). The same rules as attaching a
file by hand (`documentos.adjuntar_documento`: the tipo, the name, the size) apply.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import NamedTuple

from sqlalchemy import select

from app.errors import DatosInvalidos, NoEncontrado
from app.models import Documento, Liquidacion

from .documentos import TIPOS_DOCUMENTO, _leer
from .nucleo import Contexto, fila_a_dict
from .siniestros import cargar_siniestro


class Emision(NamedTuple):
    documento_id: int
    nuevo: bool  # False: the same bytes were already in the legajo


def _existente(sesion, siniestro_id: int, huella: str) -> int | None:
    return sesion.scalar(select(Documento.id).where(Documento.siniestro_id == siniestro_id,
                                                    Documento.sha256 == huella).order_by(Documento.id).limit(1))


def emitir_documento(ctx: Contexto, siniestro_id: int, tipo: str, contenido: bytes, nombre: str) -> Emision:
    """Keep an issued PDF in the legajo under `tipo` (one of documentos.TIPOS_DOCUMENTO) and
    `nombre`, unless a document with the same SHA-256 is already there. Permission «cargar»; one
    transaction and one audit row when something is added."""
    ctx.actor.exigir("cargar")
    if tipo not in TIPOS_DOCUMENTO:
        raise DatosInvalidos("tipo", f"«{tipo}» no es uno de: {', '.join(TIPOS_DOCUMENTO)}")
    if not isinstance(contenido, (bytes, bytearray, memoryview)):
        raise DatosInvalidos("contenido", "se esperaba el contenido del documento (bytes)")
    contenido, nombre = _leer(contenido, nombre)
    huella = hashlib.sha256(contenido).hexdigest()
    with ctx.lectura() as sesion:
        cargar_siniestro(sesion, siniestro_id)
        ya = _existente(sesion, siniestro_id, huella)
    if ya is not None:
        return Emision(ya, False)
    with ctx.caso_de_uso("cargar", "emitir_documento", "documento") as (sesion, registro):
        s = cargar_siniestro(sesion, siniestro_id, bloquear=True)
        ya = _existente(sesion, s.id, huella)  # issued meanwhile by someone else
        if ya is not None:
            registro.entidad_id = ya
            registro.despues = {"tipo": tipo, "nombre_archivo": nombre, "sha256": huella, "ya_estaba": True}
            return Emision(ya, False)
        doc = Documento(siniestro_id=s.id, tipo=tipo, nombre_archivo=nombre, sha256=huella, tamanio=len(contenido),
                        contenido=contenido, cargado_por=ctx.actor.usuario)
        sesion.add(doc)
        sesion.flush()
        registro.entidad_id = doc.id
        registro.despues = fila_a_dict(doc)  # without the bytes
        return Emision(doc.id, True)


def creado_de_version(ctx: Contexto, siniestro_id: int, version: int) -> datetime:
    """The creation date to print in a document of liquidation `version`: when it was calculated
    (UTC), so the same data give the same PDF bytes. Read-only."""
    with ctx.lectura() as sesion:
        s = cargar_siniestro(sesion, siniestro_id)
        momento = sesion.scalar(select(Liquidacion.calculada_en).where(
            Liquidacion.siniestro_id == s.id, Liquidacion.version == version))
        if momento is None:
            raise NoEncontrado(f"El siniestro {s.numero} no tiene la liquidación versión {version}.")
    return momento.replace(tzinfo=UTC)
