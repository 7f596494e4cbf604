"""Typed errors of the application layers, mapped to dialogs or messages in one place.

Messages are Spanish and say what to do. Environment problems (disk, lock, network) are told
apart from user errors by type, never by matching message text.
"""

from __future__ import annotations


class ErrorAplicacion(Exception):
    """Base: a message fit for the user, optionally with how to fix it."""

    def __init__(self, mensaje: str, resolucion: str | None = None):
        self.mensaje = mensaje
        self.resolucion = resolucion
        super().__init__(mensaje if not resolucion else f"{mensaje} {resolucion}")


class DatosInvalidos(ErrorAplicacion):
    """An input (form field, file row) is wrong; `campo` names it."""

    def __init__(self, campo: str, mensaje: str, resolucion: str | None = None):
        self.campo = campo
        super().__init__(f"{campo}: {mensaje}", resolucion)


class PermisoDenegado(ErrorAplicacion):
    """The user's role may not do this."""


class ReglaIncumplida(ErrorAplicacion):
    """The action breaks a rule of the procedure (e.g. adding a DH after accreditation)."""


class NoEncontrado(ErrorAplicacion):
    """The record asked for does not exist (any more)."""


class ConflictoEdicion(ErrorAplicacion):
    """Someone else saved the same record since it was read: nothing was overwritten."""


class AutenticacionFallida(ErrorAplicacion):
    """Wrong user or password, locked account, or a password change is required."""


class ErrorBaseDatos(ErrorAplicacion):
    """The store cannot be used: unreachable server, locked file, disk full, network share."""


def en_una_linea(error: BaseException | str) -> str:
    """A message for a log or a terminal: one line, and the message and how to fix it each a
    sentence («… tipeo). Corríjala …»)."""
    if isinstance(error, ErrorAplicacion) and error.resolucion:
        mensaje = " ".join(error.mensaje.split())
        punto = "" if mensaje.endswith((".", "!", "?")) else "."
        return f"{mensaje}{punto} {' '.join(error.resolucion.split())}"
    return " ".join(str(error).split())
