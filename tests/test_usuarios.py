"""Users: scrypt hashes, the first administrator, login with lock-out, audit, administration."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.errors import AutenticacionFallida, DatosInvalidos, NoEncontrado, PermisoDenegado, ReglaIncumplida
from app.models import Auditoria, Usuario, ahora, bd, migrar
from app.services import usuarios
from app.services.nucleo import Actor, Contexto, usuario_sistema_operativo
from app.services.usuarios import CambioDeClaveRequerido

CLAVE_BUENA = "una clave larga 2024"


@pytest.fixture
def motor(tmp_path):
    m = bd.crear_motor(f"sqlite+pysqlite:///{tmp_path / 'usuarios.db'}")
    migrar.actualizar(m)
    yield m
    m.dispose()


@pytest.fixture
def fabrica(motor):
    return bd.fabrica_sesiones(motor)


class Reloj:
    """An injectable clock (UTC, naive like the store) that tests move forward."""

    def __init__(self):
        self.momento = ahora()

    def __call__(self):
        return self.momento

    def avanzar(self, **kw):
        self.momento += timedelta(**kw)


def _admin(fabrica) -> Contexto:
    return Contexto(fabrica, Actor("jefa", "administrador"))


def _usuario_listo(fabrica, nombre="ana", rol="liquidador", clave=CLAVE_BUENA) -> str:
    """A user who has already changed the temporary password to `clave`."""
    provisoria = usuarios.crear_usuario(_admin(fabrica), nombre, "Ana Pérez", rol)
    usuarios.cambiar_clave(fabrica, nombre, provisoria, clave)
    return clave


def _fila(fabrica, nombre) -> Usuario:
    with fabrica() as s:
        return s.scalar(select(Usuario).where(Usuario.nombre == nombre))


def _auditoria(fabrica, **filtro) -> list[Auditoria]:
    with fabrica() as s:
        consulta = select(Auditoria).order_by(Auditoria.id)
        for campo, valor in filtro.items():
            consulta = consulta.where(getattr(Auditoria, campo) == valor)
        return list(s.scalars(consulta))


# ------------------------------------------------------------------ hashing

def test_dos_hashes_de_la_misma_clave_difieren_y_ambos_verifican():
    a, b = usuarios.hash_clave("secreto muy largo"), usuarios.hash_clave("secreto muy largo")
    assert a != b
    assert usuarios.verificar_clave("secreto muy largo", a)
    assert usuarios.verificar_clave("secreto muy largo", b)
    assert not usuarios.verificar_clave("secreto muy largO", a)
    assert not usuarios.verificar_clave("", a)


def test_formato_guardado_sin_la_clave_en_claro():
    guardado = usuarios.hash_clave("Ñandú-secreto-123")
    esquema, n, r, p, sal, valor = guardado.split("$")
    assert (esquema, n, r, p) == ("scrypt", str(2**14), "8", "1")
    import base64

    assert len(base64.b64decode(sal)) == 16
    assert len(base64.b64decode(valor)) == 32
    assert "Ñandú" not in guardado and "secreto" not in guardado
    assert usuarios.verificar_clave("Ñandú-secreto-123", guardado)


@pytest.mark.parametrize("guardado", ["", "texto", "md5$1$2$3$4$5", "scrypt$x$8$1$AAAA$AAAA", "scrypt$16384$8$1$***$***"])
def test_hash_malformado_nunca_verifica(guardado):
    assert not usuarios.verificar_clave("cualquiera", guardado)


def test_clave_provisoria_aleatoria_y_legible():
    claves = {usuarios.clave_provisoria() for _ in range(50)}
    assert len(claves) == 50
    for c in claves:
        assert len(c) >= usuarios.LARGO_MINIMO_CLAVE
        assert not set(c) & set("0O1lI")


# ------------------------------------------------------------------ first administrator

def test_administrador_inicial_una_sola_vez_y_debe_cambiar_la_clave(fabrica):
    clave = usuarios.crear_administrador_inicial(fabrica)
    assert clave and len(clave) >= 10
    assert usuarios.crear_administrador_inicial(fabrica) is None  # not again
    with fabrica() as s:
        todos = list(s.scalars(select(Usuario)))
    assert [(u.nombre, u.rol, u.debe_cambiar_clave, u.activo) for u in todos] == [("admin", "administrador", True, True)]
    assert clave not in todos[0].clave_hash
    (fila,) = _auditoria(fabrica, accion="crear_administrador_inicial")
    assert fila.usuario == "sistema" and fila.entidad_id == "admin"
    assert "clave_hash" not in fila.despues and fila.despues["rol"] == "administrador"

    with pytest.raises(CambioDeClaveRequerido) as e:
        usuarios.iniciar_sesion(fabrica, "admin", clave)
    assert isinstance(e.value, AutenticacionFallida)
    assert "debe cambiar su contraseña" in e.value.mensaje
    actor = usuarios.cambiar_clave(fabrica, "admin", clave, "nueva clave del admin")
    assert actor.rol == "administrador"
    actor = usuarios.iniciar_sesion(fabrica, "Admin ", "nueva clave del admin")  # name: case and spaces ignored
    assert (actor.usuario, actor.rol, actor.usuario_so) == ("admin", "administrador", usuario_sistema_operativo())
    assert not _fila(fabrica, "admin").debe_cambiar_clave


def test_no_crea_administrador_si_ya_hay_usuarios(fabrica):
    usuarios.crear_usuario(_admin(fabrica), "ana", "Ana Pérez", "operador")
    assert usuarios.crear_administrador_inicial(fabrica) is None
    assert _fila(fabrica, "admin") is None


# ------------------------------------------------------------------ password policy

def test_politica_de_claves(fabrica):
    provisoria = usuarios.crear_usuario(_admin(fabrica), "ana.perez.gomez", "Ana Pérez", "operador")
    for nueva, texto in [("corta", "al menos 10"), ("ANA.PEREZ.GOMEZ", "nombre de usuario"), (provisoria, "distinta")]:
        with pytest.raises(DatosInvalidos, match=texto):
            usuarios.cambiar_clave(fabrica, "ana.perez.gomez", provisoria, nueva)
    assert _fila(fabrica, "ana.perez.gomez").debe_cambiar_clave  # nothing changed
    usuarios.cambiar_clave(fabrica, "ana.perez.gomez", provisoria, "diez letra")  # exactly 10 is enough
    assert not _fila(fabrica, "ana.perez.gomez").debe_cambiar_clave


def test_cambiar_clave_con_la_actual_equivocada_cuenta_como_intento(fabrica):
    _usuario_listo(fabrica)
    with pytest.raises(AutenticacionFallida, match="incorrect"):
        usuarios.cambiar_clave(fabrica, "ana", "no es la clave", "otra clave nueva")
    assert _fila(fabrica, "ana").intentos_fallidos == 1
    assert usuarios.iniciar_sesion(fabrica, "ana", CLAVE_BUENA).usuario == "ana"


# ------------------------------------------------------------------ login, lock-out, audit

def test_bloqueo_tras_cinco_fallos_y_desbloqueo_al_pasar_el_tiempo(fabrica):
    _usuario_listo(fabrica)
    reloj = Reloj()
    for n in range(1, 5):
        with pytest.raises(AutenticacionFallida) as e:
            usuarios.iniciar_sesion(fabrica, "ana", f"mala {n}", reloj=reloj)
        assert e.value.mensaje == "Usuario o contraseña incorrectos."
        assert _fila(fabrica, "ana").intentos_fallidos == n
    with pytest.raises(AutenticacionFallida) as e:
        usuarios.iniciar_sesion(fabrica, "ana", "mala 5", reloj=reloj)
    assert "bloqueado" in e.value.mensaje and "hasta las" in e.value.mensaje
    fila = _fila(fabrica, "ana")
    assert fila.bloqueado_hasta == reloj.momento + timedelta(minutes=15)

    reloj.avanzar(minutes=14, seconds=59)
    with pytest.raises(AutenticacionFallida, match="bloqueado"):  # even the right password
        usuarios.iniciar_sesion(fabrica, "ana", CLAVE_BUENA, reloj=reloj)
    assert _fila(fabrica, "ana").bloqueado_hasta == fila.bloqueado_hasta  # not extended

    reloj.avanzar(seconds=2)
    actor = usuarios.iniciar_sesion(fabrica, "ana", CLAVE_BUENA, reloj=reloj)
    assert actor.usuario == "ana"
    fila = _fila(fabrica, "ana")
    assert (fila.intentos_fallidos, fila.bloqueado_hasta) == (0, None)


def test_bloqueo_con_el_reloj_del_modulo_parcheado(fabrica, monkeypatch):
    _usuario_listo(fabrica)
    reloj = Reloj()
    monkeypatch.setattr(usuarios, "ahora", reloj)
    for n in range(5):
        with pytest.raises(AutenticacionFallida):
            usuarios.iniciar_sesion(fabrica, "ana", "mala")
    with pytest.raises(AutenticacionFallida, match="bloqueado"):
        usuarios.iniciar_sesion(fabrica, "ana", CLAVE_BUENA)
    reloj.avanzar(minutes=16)
    assert usuarios.iniciar_sesion(fabrica, "ana", CLAVE_BUENA).rol == "liquidador"


def test_un_ingreso_correcto_reinicia_la_cuenta(fabrica):
    _usuario_listo(fabrica)
    for _ in range(2):
        for _ in range(4):
            with pytest.raises(AutenticacionFallida):
                usuarios.iniciar_sesion(fabrica, "ana", "mala")
        usuarios.iniciar_sesion(fabrica, "ana", CLAVE_BUENA)
    assert _fila(fabrica, "ana").bloqueado_hasta is None


def test_usuario_inexistente_mismo_mensaje_que_clave_incorrecta(fabrica):
    _usuario_listo(fabrica)
    with pytest.raises(AutenticacionFallida) as inexistente:
        usuarios.iniciar_sesion(fabrica, "nadie", "lo que sea")
    with pytest.raises(AutenticacionFallida) as incorrecta:
        usuarios.iniciar_sesion(fabrica, "ana", "lo que sea")
    assert inexistente.value.mensaje == incorrecta.value.mensaje
    assert type(inexistente.value) is AutenticacionFallida


def test_cada_intento_de_ingreso_queda_auditado(fabrica):
    _usuario_listo(fabrica)
    antes = len(_auditoria(fabrica))
    with pytest.raises(AutenticacionFallida):
        usuarios.iniciar_sesion(fabrica, "ana", "mala")
    with pytest.raises(AutenticacionFallida):
        usuarios.iniciar_sesion(fabrica, "fantasma", "mala")
    usuarios.iniciar_sesion(fabrica, "ana", CLAVE_BUENA)
    filas = _auditoria(fabrica)[antes:]
    assert [(f.usuario, f.accion) for f in filas] == [
        ("ana", "inicio_sesion_fallido"), ("fantasma", "inicio_sesion_fallido"), ("ana", "inicio_sesion")]
    assert all(f.usuario_so == usuario_sistema_operativo() and f.entidad == "usuario" for f in filas)
    assert filas[0].despues["intentos_fallidos"] == 1
    assert filas[1].despues == {"motivo": "usuario inexistente"}
    assert all("mala" not in str(f.antes) + str(f.despues) for f in filas)  # never the typed password


def test_usuario_desactivado_no_ingresa(fabrica):
    _usuario_listo(fabrica)
    usuarios.desactivar_usuario(_admin(fabrica), "ana")
    with pytest.raises(AutenticacionFallida, match="desactivado"):
        usuarios.iniciar_sesion(fabrica, "ana", CLAVE_BUENA)
    with pytest.raises(AutenticacionFallida, match="incorrectos"):  # a wrong password does not tell
        usuarios.iniciar_sesion(fabrica, "ana", "mala")
    usuarios.reactivar_usuario(_admin(fabrica), "ana")
    assert usuarios.iniciar_sesion(fabrica, "ana", CLAVE_BUENA).usuario == "ana"


# ------------------------------------------------------------------ administration

def test_crear_usuario_con_clave_provisoria(fabrica):
    provisoria = usuarios.crear_usuario(_admin(fabrica), "Juan_Gomez", "Juan Gómez", "supervisor")
    fila = _fila(fabrica, "juan_gomez")
    assert (fila.rol, fila.debe_cambiar_clave, fila.nombre_completo) == ("supervisor", True, "Juan Gómez")
    with pytest.raises(CambioDeClaveRequerido):
        usuarios.iniciar_sesion(fabrica, "juan_gomez", provisoria)
    with pytest.raises(DatosInvalidos, match="ya existe"):
        usuarios.crear_usuario(_admin(fabrica), "juan_gomez", "Otro", "operador")
    with pytest.raises(DatosInvalidos, match="Rol"):
        usuarios.crear_usuario(_admin(fabrica), "pepe", "Pepe", "jefe")
    with pytest.raises(DatosInvalidos, match="Usuario"):
        usuarios.crear_usuario(_admin(fabrica), "josé maría", "José María", "operador")
    (fila,) = _auditoria(fabrica, accion="crear_usuario")
    assert fila.usuario == "jefa" and "clave_hash" not in fila.despues


def test_restablecer_clave_y_desbloquear(fabrica):
    _usuario_listo(fabrica)
    for _ in range(5):
        with pytest.raises(AutenticacionFallida):
            usuarios.iniciar_sesion(fabrica, "ana", "mala")
    usuarios.desbloquear(_admin(fabrica), "ana")
    assert usuarios.iniciar_sesion(fabrica, "ana", CLAVE_BUENA).usuario == "ana"

    for _ in range(5):
        with pytest.raises(AutenticacionFallida):
            usuarios.iniciar_sesion(fabrica, "ana", "mala")
    provisoria = usuarios.restablecer_clave(_admin(fabrica), "ana")
    with pytest.raises(AutenticacionFallida, match="incorrectos"):  # the old one no longer works
        usuarios.iniciar_sesion(fabrica, "ana", CLAVE_BUENA)
    with pytest.raises(CambioDeClaveRequerido):
        usuarios.iniciar_sesion(fabrica, "ana", provisoria)
    usuarios.cambiar_clave(fabrica, "ana", provisoria, "otra clave larga")
    assert usuarios.iniciar_sesion(fabrica, "ana", "otra clave larga").usuario == "ana"
    acciones = [f.accion for f in _auditoria(fabrica, usuario="jefa")]
    assert "desbloquear" in acciones and "restablecer_clave" in acciones


def test_cambiar_rol_y_proteger_al_ultimo_administrador(fabrica):
    usuarios.crear_administrador_inicial(fabrica)
    ctx = Contexto(fabrica, Actor("admin", "administrador"))
    usuarios.crear_usuario(ctx, "ana", "Ana", "operador")
    usuarios.cambiar_rol(ctx, "ana", "liquidador")
    assert _fila(fabrica, "ana").rol == "liquidador"
    (fila,) = _auditoria(fabrica, accion="cambiar_rol")
    assert (fila.antes, fila.despues) == ({"rol": "operador"}, {"rol": "liquidador"})
    with pytest.raises(ReglaIncumplida, match="único administrador"):
        usuarios.cambiar_rol(ctx, "admin", "supervisor")
    with pytest.raises(ReglaIncumplida, match="propio usuario"):
        usuarios.desactivar_usuario(ctx, "admin")
    with pytest.raises(NoEncontrado):
        usuarios.cambiar_rol(ctx, "nadie", "operador")
    usuarios.cambiar_rol(ctx, "ana", "administrador")
    usuarios.cambiar_rol(ctx, "admin", "supervisor")  # now there is another administrator
    assert _fila(fabrica, "admin").rol == "supervisor"
    listado = usuarios.listar_usuarios(ctx)
    assert [u["nombre"] for u in listado] == ["admin", "ana"]
    assert all("clave_hash" not in u for u in listado)


OPERACIONES_ADMIN = {
    "crear_usuario": lambda ctx: usuarios.crear_usuario(ctx, "nuevo", "Nuevo", "operador"),
    "cambiar_rol": lambda ctx: usuarios.cambiar_rol(ctx, "ana", "supervisor"),
    "desactivar_usuario": lambda ctx: usuarios.desactivar_usuario(ctx, "ana"),
    "reactivar_usuario": lambda ctx: usuarios.reactivar_usuario(ctx, "ana"),
    "restablecer_clave": lambda ctx: usuarios.restablecer_clave(ctx, "ana"),
    "desbloquear": lambda ctx: usuarios.desbloquear(ctx, "ana"),
    "listar_usuarios": lambda ctx: usuarios.listar_usuarios(ctx),
}


@pytest.fixture
def scrypt_rapido(monkeypatch):
    """A cheaper scrypt for tests that are about permissions, not hashing (the stored string
    carries its own n, so verification keeps working)."""
    monkeypatch.setattr(usuarios, "SCRYPT_N", 2**10)


@pytest.mark.parametrize("rol", ["operador", "liquidador", "supervisor"])
@pytest.mark.parametrize("operacion", sorted(OPERACIONES_ADMIN))
def test_administrar_usuarios_rechazado_para_otros_roles(fabrica, scrypt_rapido, rol, operacion):
    _usuario_listo(fabrica)
    auditoria_antes = len(_auditoria(fabrica))
    fila_antes = _fila(fabrica, "ana")
    with pytest.raises(PermisoDenegado, match="administrar usuarios"):
        OPERACIONES_ADMIN[operacion](Contexto(fabrica, Actor("otro", rol)))
    assert len(_auditoria(fabrica)) == auditoria_antes
    fila = _fila(fabrica, "ana")
    assert (fila.rol, fila.activo, fila.clave_hash) == (fila_antes.rol, fila_antes.activo, fila_antes.clave_hash)
    assert _fila(fabrica, "nuevo") is None


# ------------------------------------------------------------------ both engines (url_bd: SQLite and PostgreSQL)

def test_ingreso_bloqueo_y_auditoria_en_ambos_motores(url_bd):
    motor = bd.crear_motor(url_bd)
    migrar.actualizar(motor)
    fabrica = bd.fabrica_sesiones(motor)
    clave = usuarios.crear_administrador_inicial(fabrica)
    assert usuarios.crear_administrador_inicial(fabrica) is None
    with pytest.raises(CambioDeClaveRequerido):
        usuarios.iniciar_sesion(fabrica, "admin", clave)
    usuarios.cambiar_clave(fabrica, "admin", clave, CLAVE_BUENA)
    reloj = Reloj()
    for _ in range(5):
        with pytest.raises(AutenticacionFallida):
            usuarios.iniciar_sesion(fabrica, "admin", "mala", reloj=reloj)
    with pytest.raises(AutenticacionFallida, match="bloqueado"):
        usuarios.iniciar_sesion(fabrica, "admin", CLAVE_BUENA, reloj=reloj)
    reloj.avanzar(minutes=15, seconds=1)
    actor = usuarios.iniciar_sesion(fabrica, "admin", CLAVE_BUENA, reloj=reloj)
    assert actor.rol == "administrador"
    acciones = [f.accion for f in _auditoria(fabrica)]
    assert acciones == (["crear_administrador_inicial", "inicio_sesion_cambio_requerido", "cambiar_clave"]
                        + ["inicio_sesion_fallido"] * 5 + ["inicio_sesion_bloqueado", "inicio_sesion"])
    motor.dispose()
