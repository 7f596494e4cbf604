"""What every use case shares: who is acting, what their role allows, one transaction and exactly
one audit row per use case."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.errors import ConflictoEdicion, ErrorBaseDatos, PermisoDenegado
from app.models import Auditoria, ahora
from app.models.bd import ESCRITURA

OPERADOR, LIQUIDADOR, SUPERVISOR, ADMINISTRADOR = "operador", "liquidador", "supervisor", "administrador"

# What each role may do. Supervisors also load and calculate; the administrator manages users and
# parameters only (separation of duties: whoever loads rates does not liquidate cases).
PERMISOS: dict[str, frozenset[str]] = {
    "consultar": frozenset({OPERADOR, LIQUIDADOR, SUPERVISOR, ADMINISTRADOR}),
    "cargar": frozenset({OPERADOR, LIQUIDADOR, SUPERVISOR}),
    "calcular": frozenset({LIQUIDADOR, SUPERVISOR}),
    "proponer": frozenset({LIQUIDADOR, SUPERVISOR}),
    "acreditar": frozenset({SUPERVISOR}),
    "pagar": frozenset({SUPERVISOR}),
    "override": frozenset({SUPERVISOR}),
    "usuarios": frozenset({ADMINISTRADOR}),
    "parametros": frozenset({ADMINISTRADOR}),
}

DESCRIPCION_PERMISO = {
    "consultar": "consultar datos",
    "cargar": "cargar agentes, siniestros, remuneraciones, familiares, derechohabientes y documentos",
    "calcular": "calcular liquidaciones",
    "proponer": "aplicar o modificar porcentajes de los derechohabientes",
    "acreditar": "acreditar derechohabientes",
    "pagar": "registrar pagos",
    "override": "usar opciones reservadas al supervisor",
    "usuarios": "administrar usuarios",
    "parametros": "actualizar las tablas de parámetros",
}


def usuario_sistema_operativo() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (service account, container): still audit
        return "desconocido"


@dataclass(frozen=True)
class Actor:
    """The logged-in user of this session, tied to the OS user name for the audit."""

    usuario: str
    rol: str
    usuario_so: str = field(default_factory=usuario_sistema_operativo)

    def puede(self, permiso: str) -> bool:
        return self.rol in PERMISOS[permiso]

    def exigir(self, permiso: str) -> None:
        if not self.puede(permiso):
            raise PermisoDenegado(
                f"El usuario «{self.usuario}» (rol {self.rol}) no puede {DESCRIPCION_PERMISO[permiso]}."
            )


@dataclass
class Registro:
    """What the use case tells the audit: the entity touched and its state before → after."""

    entidad: str
    entidad_id: object = None
    antes: dict | None = None
    despues: dict | None = None


def a_json(valor):
    """Plain JSON-safe copy for the audit (Decimal and dates as text)."""
    if isinstance(valor, dict):
        return {str(k): a_json(v) for k, v in valor.items()}
    if isinstance(valor, (list, tuple)):
        return [a_json(v) for v in valor]
    if isinstance(valor, Decimal):
        return str(valor)
    if isinstance(valor, (date, datetime)):
        return valor.isoformat()
    if isinstance(valor, bytes):
        return f"<{len(valor)} bytes>"
    return valor


def fila_a_dict(obj, excluir: tuple[str, ...] = ()) -> dict:
    """Column values of an ORM row, for the audit's before/after."""
    return {
        c.key: a_json(getattr(obj, c.key))
        for c in obj.__table__.columns
        if c.key not in excluir and c.key != "contenido"
    }


@dataclass
class Contexto:
    """Entry point of the services: the session factory and the acting user."""

    fabrica: sessionmaker[Session]
    actor: Actor

    @contextmanager
    def caso_de_uso(self, permiso: str, accion: str, entidad: str) -> Iterator[tuple[Session, Registro]]:
        """One use case = one transaction = one audit row; permission checked first.

        Everything the block does and its audit row commit together, or nothing does."""
        self.actor.exigir(permiso)
        registro = Registro(entidad)
        try:
            with self.fabrica.begin() as sesion:
                sesion.connection(execution_options={ESCRITURA: True})
                yield sesion, registro
                sesion.flush()
                sesion.add(Auditoria(
                    momento=ahora(),
                    usuario=self.actor.usuario,
                    usuario_so=self.actor.usuario_so,
                    accion=accion,
                    entidad=registro.entidad,
                    entidad_id=None if registro.entidad_id is None else str(registro.entidad_id),
                    antes=a_json(registro.antes),
                    despues=a_json(registro.despues),
                ))
        except StaleDataError:
            raise ConflictoEdicion(
                "Otro usuario modificó este registro mientras usted lo editaba; no se guardó nada.",
                "Vuelva a abrirlo para ver los cambios.",
            ) from None
        except IntegrityError:
            raise  # the use case translates its own constraint violations
        except OperationalError as e:
            raise ErrorBaseDatos(f"No se pudo usar la base de datos: {e.orig}") from None
        except DBAPIError as e:  # pragma: no cover - driver-specific failures
            raise ErrorBaseDatos(f"Error de la base de datos: {e.orig}") from None

    @contextmanager
    def lectura(self, permiso: str = "consultar") -> Iterator[Session]:
        """A read-only session (no audit row: nothing changes)."""
        self.actor.exigir(permiso)
        with self.fabrica() as sesion:
            yield sesion
            sesion.rollback()


def local(momento_utc: datetime) -> datetime:
    """A UTC timestamp from the store in the PC's local time (S9)."""
    from datetime import UTC

    return momento_utc.replace(tzinfo=UTC).astimezone()


def hora_local(momento_utc: datetime) -> str:
    """`HH:MM` in the PC's local time of a UTC timestamp from the store."""
    return local(momento_utc).strftime("%H:%M")


def verificar_version(obj, version_esperada: int | None, descripcion: str) -> None:
    """Optimistic lock: refuse to save over a version someone else saved after we read it."""
    if version_esperada is not None and obj.version != version_esperada:
        raise ConflictoEdicion(
            f"{descripcion} fue modificado por {obj.modificado_por or 'otro usuario'} a las "
            f"{hora_local(obj.modificado_en)}; no se guardó nada.",
            "Vuelva a abrirlo para ver los cambios y repita su edición.",
        )


def marcar_modificado(obj, actor: Actor) -> None:
    obj.modificado_por = actor.usuario
    obj.modificado_en = ahora()


def traducir_error_liquidacion(error) -> Exception:
    """The engine's errors (pure package) as application errors, keeping the Spanish message."""
    from app.errors import DatosInvalidos, ErrorAplicacion
    from app.liquidacion import DatoInvalido, ParametrosInvalidos

    if isinstance(error, DatoInvalido):
        return DatosInvalidos(error.campo, error.detalle)
    if isinstance(error, ParametrosInvalidos):
        donde = error.archivo
        if error.fila is not None:
            donde += f", fila {error.fila}"
        if error.campo:
            donde += f", campo «{error.campo}»"
        return DatosInvalidos(donde, error.detalle)
    return ErrorAplicacion(str(error))
