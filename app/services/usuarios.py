"""Users: passwords hashed with scrypt, first administrator, login with lock-out, administration.

Every login attempt (successful or not) and every change writes one audit row. The session's
`Actor` carries the OS user name as well, so the audit shows who sat at the PC.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import wraps

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.errors import AutenticacionFallida, DatosInvalidos, ErrorBaseDatos, NoEncontrado, ReglaIncumplida
from app.models import ROLES, Auditoria, Usuario
from app.models import base as _base

from .nucleo import ADMINISTRADOR, Actor, Contexto, a_json, fila_a_dict, usuario_sistema_operativo

# scrypt parameters (RFC 7914): 16 MiB of memory and ~50 ms per hash on an office PC.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
LARGO_SAL = 16
LARGO_HASH = 32
_MAXMEM = 64 * 1024 * 1024

MAX_INTENTOS = 5
DURACION_BLOQUEO = timedelta(minutes=15)
LARGO_MINIMO_CLAVE = 10
USUARIO_INICIAL = "admin"
USUARIO_SISTEMA = "sistema"

_NOMBRE_RE = re.compile(r"[a-z0-9][a-z0-9._-]{1,59}")
_ALFABETO_PROVISORIA = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/l/I
_MENSAJE_INCORRECTO = "Usuario o contraseña incorrectos."


class CambioDeClaveRequerido(AutenticacionFallida):
    """The password was right, but it is a first or temporary one: the user must choose a new one
    (with `cambiar_clave`) before working."""

    def __init__(self, nombre: str):
        self.nombre = nombre
        super().__init__(
            f"El usuario «{nombre}» debe cambiar su contraseña antes de ingresar.",
            "Elija una contraseña nueva de al menos 10 caracteres.",
        )


def ahora() -> datetime:
    """Current UTC time of the store (tests monkeypatch this function or pass `reloj=`)."""
    return _base.ahora()


# ------------------------------------------------------------------ hashing

def _b64(datos: bytes) -> str:
    return base64.b64encode(datos).decode("ascii")


def hash_clave(clave: str) -> str:
    """`scrypt$n$r$p$sal$hash` (base64), with a random 16-byte salt: never the password itself."""
    sal = secrets.token_bytes(LARGO_SAL)
    derivada = hashlib.scrypt(clave.encode("utf-8"), salt=sal, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                              maxmem=_MAXMEM, dklen=LARGO_HASH)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(sal)}${_b64(derivada)}"


def verificar_clave(clave: str, almacenado: str) -> bool:
    """Whether `clave` matches a stored `hash_clave` string (constant-time comparison)."""
    try:
        esquema, n, r, p, sal, esperado = almacenado.split("$")
        if esquema != "scrypt":
            return False
        sal_b, esperado_b = base64.b64decode(sal, validate=True), base64.b64decode(esperado, validate=True)
        derivada = hashlib.scrypt(clave.encode("utf-8"), salt=sal_b, n=int(n), r=int(r), p=int(p),
                                  maxmem=_MAXMEM, dklen=len(esperado_b))
    except (ValueError, TypeError):  # malformed stored value: never matches
        return False
    return hmac.compare_digest(derivada, esperado_b)


_HASH_FICTICIO: str | None = None


def _gastar_tiempo_como_verificacion(clave: str) -> None:
    """Unknown user: spend the same time as a real check, so timing does not tell who exists."""
    global _HASH_FICTICIO
    if _HASH_FICTICIO is None:
        _HASH_FICTICIO = hash_clave(secrets.token_urlsafe(12))
    verificar_clave(clave, _HASH_FICTICIO)


def clave_provisoria() -> str:
    """A random temporary password, easy to read aloud: `xxxx-xxxx-xxxx` without 0/O or 1/l/I."""
    grupos = ["".join(secrets.choice(_ALFABETO_PROVISORIA) for _ in range(4)) for _ in range(3)]
    return "-".join(grupos)


def validar_clave_nueva(nombre: str, clave_nueva: str, clave_anterior: str | None = None) -> None:
    """Password policy: at least 10 characters, not the user name, not the previous password."""
    if len(clave_nueva) < LARGO_MINIMO_CLAVE:
        raise DatosInvalidos("Contraseña nueva", f"debe tener al menos {LARGO_MINIMO_CLAVE} caracteres.")
    if clave_nueva.strip().casefold() == nombre.strip().casefold():
        raise DatosInvalidos("Contraseña nueva", "no puede ser igual al nombre de usuario.")
    if clave_anterior is not None and clave_nueva == clave_anterior:
        raise DatosInvalidos("Contraseña nueva", "debe ser distinta de la contraseña actual.")


def normalizar_nombre(nombre: str) -> str:
    return (nombre or "").strip().lower()


# ------------------------------------------------------------------ audit outside a Contexto

def _auditar(sesion: Session, usuario: str, accion: str, entidad_id=None, antes=None, despues=None,
             momento: datetime | None = None) -> None:
    sesion.add(Auditoria(
        momento=momento or ahora(),
        usuario=(usuario or "?")[:60],
        usuario_so=usuario_sistema_operativo()[:120],
        accion=accion,
        entidad="usuario",
        entidad_id=None if entidad_id is None else str(entidad_id)[:40],
        antes=a_json(antes),
        despues=a_json(despues),
    ))


def _fila(usuario: Usuario) -> dict:
    return fila_a_dict(usuario, excluir=("clave_hash",))


def _hora_local(momento_utc: datetime) -> str:
    return momento_utc.replace(tzinfo=UTC).astimezone().strftime("%H:%M del %d/%m/%Y")


def _mensaje_bloqueo(nombre: str, hasta: datetime) -> str:
    return (f"El usuario «{nombre}» está bloqueado por {MAX_INTENTOS} intentos fallidos seguidos "
            f"hasta las {_hora_local(hasta)}.")


_RESOLUCION_BLOQUEO = "Espere a esa hora o pida a un administrador que lo desbloquee."


def _comprobar_clave(sesion: Session, nombre: str, clave: str, momento: datetime,
                     accion: str) -> tuple[Usuario | None, AutenticacionFallida | None]:
    """Check the password with the lock-out rules; update the counters and write the audit row.

    Returns the user and, if the check failed, the error to raise *after* the commit (the failed
    attempt and the counter must be saved)."""
    usuario = sesion.scalar(select(Usuario).where(Usuario.nombre == nombre))
    if usuario is None:
        _gastar_tiempo_como_verificacion(clave)
        _auditar(sesion, nombre, f"{accion}_fallido", despues={"motivo": "usuario inexistente"}, momento=momento)
        return None, AutenticacionFallida(_MENSAJE_INCORRECTO)
    if usuario.bloqueado_hasta is not None and usuario.bloqueado_hasta > momento:
        _auditar(sesion, nombre, f"{accion}_bloqueado", usuario.id,
                 despues={"motivo": "usuario bloqueado", "bloqueado_hasta": usuario.bloqueado_hasta}, momento=momento)
        return usuario, AutenticacionFallida(_mensaje_bloqueo(nombre, usuario.bloqueado_hasta), _RESOLUCION_BLOQUEO)
    if usuario.bloqueado_hasta is not None:  # the lock expired: a fresh count starts
        usuario.bloqueado_hasta = None
        usuario.intentos_fallidos = 0
    correcta = verificar_clave(clave, usuario.clave_hash)
    if correcta and not usuario.activo:
        _auditar(sesion, nombre, f"{accion}_fallido", usuario.id, despues={"motivo": "usuario desactivado"},
                 momento=momento)
        return usuario, AutenticacionFallida(f"El usuario «{nombre}» está desactivado.",
                                             "Pida a un administrador que lo reactive.")
    if not correcta:
        antes = {"intentos_fallidos": usuario.intentos_fallidos}
        if usuario.activo:
            usuario.intentos_fallidos = (usuario.intentos_fallidos or 0) + 1
        despues = {"motivo": "contraseña incorrecta", "intentos_fallidos": usuario.intentos_fallidos}
        error = AutenticacionFallida(_MENSAJE_INCORRECTO)
        if usuario.activo and usuario.intentos_fallidos >= MAX_INTENTOS:
            usuario.bloqueado_hasta = momento + DURACION_BLOQUEO
            despues["bloqueado_hasta"] = usuario.bloqueado_hasta
            error = AutenticacionFallida(
                f"Contraseña incorrecta. {_mensaje_bloqueo(nombre, usuario.bloqueado_hasta)}", _RESOLUCION_BLOQUEO)
        _auditar(sesion, nombre, f"{accion}_fallido", usuario.id, antes=antes, despues=despues, momento=momento)
        return usuario, error
    usuario.intentos_fallidos = 0
    return usuario, None


def _errores_bd(funcion):
    """Environment failures (locked file, server down) as ErrorBaseDatos, like `caso_de_uso`."""
    @wraps(funcion)
    def envoltura(*args, **kwargs):
        try:
            return funcion(*args, **kwargs)
        except OperationalError as e:
            raise ErrorBaseDatos(f"No se pudo usar la base de datos: {e.orig}") from None

    return envoltura


# ------------------------------------------------------------------ first run, login, own password

class _YaHayUsuarios(Exception):
    pass


@_errores_bd
def crear_administrador_inicial(fabrica: sessionmaker[Session]) -> str | None:
    """On a store without users: create `admin` (administrador) with a random password that must be
    changed at the first login. Returns that password, to be shown once; None if users exist."""
    ctx = Contexto(fabrica, Actor(USUARIO_SISTEMA, ADMINISTRADOR))
    clave = clave_provisoria()
    try:
        with ctx.caso_de_uso("usuarios", "crear_administrador_inicial", "usuario") as (sesion, registro):
            if sesion.scalar(select(func.count()).select_from(Usuario)):
                registro.despues = None
                raise _YaHayUsuarios
            usuario = Usuario(nombre=USUARIO_INICIAL, nombre_completo="Administrador", rol=ADMINISTRADOR,
                              clave_hash=hash_clave(clave), debe_cambiar_clave=True, intentos_fallidos=0,
                              activo=True, creado_en=ahora())
            sesion.add(usuario)
            sesion.flush()
            registro.entidad_id = usuario.nombre
            registro.despues = _fila(usuario)
    except _YaHayUsuarios:
        return None
    except IntegrityError:  # another PC created it at the same moment
        return None
    return clave


@_errores_bd
def iniciar_sesion(fabrica: sessionmaker[Session], nombre: str, clave: str, *,
                   reloj: Callable[[], datetime] | None = None) -> Actor:
    """Log in: the session's Actor (with the OS user name), or AutenticacionFallida in Spanish.

    Five wrong passwords in a row lock the user for 15 minutes; a right one resets the count. A first
    or temporary password raises CambioDeClaveRequerido. Every attempt writes an audit row."""
    nombre = normalizar_nombre(nombre)
    momento = (reloj or ahora)()
    with fabrica.begin() as sesion:
        usuario, error = _comprobar_clave(sesion, nombre, clave or "", momento, "inicio_sesion")
        if error is None:
            if usuario.debe_cambiar_clave:
                _auditar(sesion, nombre, "inicio_sesion_cambio_requerido", usuario.id, momento=momento)
                error = CambioDeClaveRequerido(nombre)
            else:
                _auditar(sesion, nombre, "inicio_sesion", usuario.id, despues={"rol": usuario.rol}, momento=momento)
                actor = Actor(usuario=usuario.nombre, rol=usuario.rol)
    if error is not None:
        raise error
    return actor


@_errores_bd
def cambiar_clave(fabrica: sessionmaker[Session], nombre: str, clave_actual: str, clave_nueva: str, *,
                  reloj: Callable[[], datetime] | None = None) -> Actor:
    """The user changes their own password (required after a first or temporary one).

    The current password is checked with the same lock-out rules as a login. Returns the Actor of
    the session that can start now."""
    nombre = normalizar_nombre(nombre)
    validar_clave_nueva(nombre, clave_nueva or "", clave_actual)
    momento = (reloj or ahora)()
    with fabrica.begin() as sesion:
        usuario, error = _comprobar_clave(sesion, nombre, clave_actual or "", momento, "cambio_clave")
        if error is None:
            antes = {"debe_cambiar_clave": usuario.debe_cambiar_clave}
            usuario.clave_hash = hash_clave(clave_nueva)
            usuario.debe_cambiar_clave = False
            usuario.intentos_fallidos = 0
            usuario.bloqueado_hasta = None
            _auditar(sesion, nombre, "cambiar_clave", usuario.id, antes=antes,
                     despues={"debe_cambiar_clave": False}, momento=momento)
            actor = Actor(usuario=usuario.nombre, rol=usuario.rol)
    if error is not None:
        raise error
    return actor


# ------------------------------------------------------------------ administration (permission "usuarios")

def _buscar(sesion: Session, nombre: str) -> Usuario:
    usuario = sesion.scalar(select(Usuario).where(Usuario.nombre == normalizar_nombre(nombre)))
    if usuario is None:
        raise NoEncontrado(f"No existe el usuario «{nombre}».")
    return usuario


def _validar_rol(rol: str) -> None:
    if rol not in ROLES:
        raise DatosInvalidos("Rol", f"«{rol}» no es un rol válido (puede ser: {', '.join(ROLES)}).")


def _administradores_activos(sesion: Session) -> int:
    return sesion.scalar(select(func.count()).select_from(Usuario)
                         .where(Usuario.rol == ADMINISTRADOR, Usuario.activo.is_(True))) or 0


def _proteger_ultimo_administrador(sesion: Session, usuario: Usuario, que: str) -> None:
    if usuario.rol == ADMINISTRADOR and usuario.activo and _administradores_activos(sesion) <= 1:
        raise ReglaIncumplida(f"No se puede {que} «{usuario.nombre}»: es el único administrador activo.",
                              "Cree o active otro administrador primero.")


def crear_usuario(ctx: Contexto, nombre: str, nombre_completo: str, rol: str, clave_inicial: str | None = None) -> str:
    """Create a user with a temporary password (random unless given) to change at the first login.
    Returns that password, to be handed to the user."""
    ctx.actor.exigir("usuarios")
    nombre = normalizar_nombre(nombre)
    if not _NOMBRE_RE.fullmatch(nombre):
        raise DatosInvalidos("Usuario", "use de 2 a 60 letras sin acentos, números, punto, guion o guion bajo, "
                                        "empezando por una letra o un número.")
    if not (nombre_completo or "").strip():
        raise DatosInvalidos("Nombre completo", "falta el nombre completo.")
    _validar_rol(rol)
    clave = clave_inicial if clave_inicial is not None else clave_provisoria()
    validar_clave_nueva(nombre, clave)
    try:
        with ctx.caso_de_uso("usuarios", "crear_usuario", "usuario") as (sesion, registro):
            if sesion.scalar(select(Usuario.id).where(Usuario.nombre == nombre)) is not None:
                raise DatosInvalidos("Usuario", f"ya existe un usuario «{nombre}».")
            usuario = Usuario(nombre=nombre, nombre_completo=nombre_completo.strip()[:200], rol=rol,
                              clave_hash=hash_clave(clave), debe_cambiar_clave=True, intentos_fallidos=0,
                              activo=True, creado_en=ahora())
            sesion.add(usuario)
            sesion.flush()
            registro.entidad_id = nombre
            registro.despues = _fila(usuario)
    except IntegrityError:
        raise DatosInvalidos("Usuario", f"ya existe un usuario «{nombre}».") from None
    return clave


def cambiar_rol(ctx: Contexto, nombre: str, rol: str) -> None:
    ctx.actor.exigir("usuarios")
    _validar_rol(rol)
    with ctx.caso_de_uso("usuarios", "cambiar_rol", "usuario") as (sesion, registro):
        usuario = _buscar(sesion, nombre)
        registro.entidad_id = usuario.nombre
        registro.antes = {"rol": usuario.rol}
        if rol != usuario.rol:
            _proteger_ultimo_administrador(sesion, usuario, "quitarle el rol de administrador a")
        usuario.rol = rol
        registro.despues = {"rol": rol}


def desactivar_usuario(ctx: Contexto, nombre: str) -> None:
    """The user can no longer log in; their name stays in the audit and in what they did."""
    with ctx.caso_de_uso("usuarios", "desactivar_usuario", "usuario") as (sesion, registro):
        usuario = _buscar(sesion, nombre)
        if usuario.nombre == ctx.actor.usuario:
            raise ReglaIncumplida("No puede desactivar su propio usuario.", "Pídaselo a otro administrador.")
        _proteger_ultimo_administrador(sesion, usuario, "desactivar a")
        registro.entidad_id = usuario.nombre
        registro.antes = {"activo": usuario.activo}
        usuario.activo = False
        registro.despues = {"activo": False}


def reactivar_usuario(ctx: Contexto, nombre: str) -> None:
    with ctx.caso_de_uso("usuarios", "reactivar_usuario", "usuario") as (sesion, registro):
        usuario = _buscar(sesion, nombre)
        registro.entidad_id = usuario.nombre
        registro.antes = {"activo": usuario.activo}
        usuario.activo = True
        usuario.intentos_fallidos = 0
        usuario.bloqueado_hasta = None
        registro.despues = {"activo": True}


def restablecer_clave(ctx: Contexto, nombre: str) -> str:
    """A forgotten password: a new temporary one (returned, to be handed over), to be changed at
    the next login. Also lifts a lock-out."""
    clave = clave_provisoria()
    with ctx.caso_de_uso("usuarios", "restablecer_clave", "usuario") as (sesion, registro):
        usuario = _buscar(sesion, nombre)
        registro.entidad_id = usuario.nombre
        registro.antes = {"debe_cambiar_clave": usuario.debe_cambiar_clave,
                          "intentos_fallidos": usuario.intentos_fallidos, "bloqueado_hasta": usuario.bloqueado_hasta}
        usuario.clave_hash = hash_clave(clave)
        usuario.debe_cambiar_clave = True
        usuario.intentos_fallidos = 0
        usuario.bloqueado_hasta = None
        registro.despues = {"debe_cambiar_clave": True, "intentos_fallidos": 0, "bloqueado_hasta": None}
    return clave


def desbloquear(ctx: Contexto, nombre: str) -> None:
    with ctx.caso_de_uso("usuarios", "desbloquear", "usuario") as (sesion, registro):
        usuario = _buscar(sesion, nombre)
        registro.entidad_id = usuario.nombre
        registro.antes = {"intentos_fallidos": usuario.intentos_fallidos, "bloqueado_hasta": usuario.bloqueado_hasta}
        usuario.intentos_fallidos = 0
        usuario.bloqueado_hasta = None
        registro.despues = {"intentos_fallidos": 0, "bloqueado_hasta": None}


def listar_usuarios(ctx: Contexto) -> list[dict]:
    """Users for the administration screen (never the password hash)."""
    with ctx.lectura("usuarios") as sesion:
        return [
            {"nombre": u.nombre, "nombre_completo": u.nombre_completo, "rol": u.rol, "activo": u.activo,
             "debe_cambiar_clave": u.debe_cambiar_clave, "intentos_fallidos": u.intentos_fallidos,
             "bloqueado_hasta": u.bloqueado_hasta, "creado_en": u.creado_en}
            for u in sesion.scalars(select(Usuario).order_by(Usuario.nombre))
        ]
