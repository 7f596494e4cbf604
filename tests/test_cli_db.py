"""`python -m app db init|upgrade|backup|restore|check` and the `demo` hook.

Most run in-process (`cli.main`) for speed; a few as real subprocesses to prove that failures are
one Spanish line on stderr with exit 2 and never a traceback.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import types
from pathlib import Path

import pytest
from sqlalchemy import text

from app import cli, config
from app.models import bd, migrar
from app.models.migrar import revision_final
from app.services import base_datos, usuarios
from app.services.usuarios import CambioDeClaveRequerido

REPO = Path(__file__).resolve().parents[1]


def correr(capsys, *argv: str, entrada: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if entrada is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(entrada))
    codigo = cli.main(list(argv))
    salida = capsys.readouterr()
    return codigo, salida.out, salida.err


def un_error(codigo: int, err: str, *fragmentos: str) -> str:
    assert codigo == 2, err
    assert "Traceback" not in err
    lineas = [linea for linea in err.splitlines() if linea.strip()]
    assert len(lineas) == 1, err
    for f in fragmentos:
        assert f in lineas[0], (f, lineas[0])
    return lineas[0]


def ruta_por_omision() -> Path:
    return config.datos_usuario_dir() / bd.NOMBRE_SQLITE


def organismos(ruta: Path) -> list[str]:
    con = sqlite3.connect(f"file:{ruta}?mode=ro", uri=True)
    try:
        return [f[0] for f in con.execute("SELECT codigo FROM organismo ORDER BY codigo")]
    finally:
        con.close()


def agregar_organismo(ruta: Path, codigo: str) -> None:
    con = sqlite3.connect(ruta)
    con.execute("INSERT INTO organismo (codigo, nombre) VALUES (?, ?)", (codigo, codigo))
    con.commit()
    con.close()


@pytest.fixture
def inicializada(capsys) -> Path:
    codigo, _, err = correr(capsys, "db", "init")
    assert codigo == 0, err
    return ruta_por_omision()


# ------------------------------------------------------------------ init

def test_db_init_dos_veces(capsys):
    codigo, out, err = correr(capsys, "db", "init")
    assert codigo == 0 and err == ""
    assert f"Esquema creado (versión {revision_final()})" in out
    assert "Tablas de parámetros cargadas: ripte, tasas" in out
    clave = re.search(r"Contraseña provisoria: (\S+)", out).group(1)
    assert "no se vuelve a mostrar" in out
    assert ruta_por_omision().is_file()

    fabrica = bd.fabrica_sesiones(base_datos.abrir())
    with pytest.raises(CambioDeClaveRequerido):
        usuarios.iniciar_sesion(fabrica, "admin", clave)

    huella = base_datos.verificar(base_datos.abrir()).filas
    codigo, out, err = correr(capsys, "db", "init")
    assert codigo == 0 and err == ""
    assert "ya estaba inicializada" in out and "no se cambió nada" in out
    assert "Contraseña" not in out
    assert base_datos.verificar(base_datos.abrir()).filas == huella


def test_opcion_bd_y_variable_de_entorno(capsys, tmp_path, monkeypatch):
    otra = tmp_path / "otra carpeta" / "mía.db"
    codigo, out, _ = correr(capsys, "db", "init", "--bd", f"sqlite:///{otra}")
    assert codigo == 0 and str(otra) in out
    assert otra.is_file() and not ruta_por_omision().exists()

    por_variable = tmp_path / "variable.db"
    monkeypatch.setenv(bd.ENV_DB_URL, f"sqlite:///{por_variable}")
    codigo, out, _ = correr(capsys, "db", "check")
    assert codigo == 2 and "No existe" in out
    codigo, out, _ = correr(capsys, "db", "init")
    assert codigo == 0 and por_variable.is_file()
    codigo, out, _ = correr(capsys, "db", "check", "--bd", f"sqlite:///{otra}")  # --bd wins
    assert codigo == 0 and str(otra) in out


def test_url_invalida(capsys):
    codigo, _, err = correr(capsys, "db", "check", "--bd", "esto no es una url")
    un_error(codigo, err, "no es válida")


def test_sqlite_en_unidad_de_red_rechazada(capsys, monkeypatch):
    monkeypatch.setattr(bd, "_en_unidad_de_red", lambda ruta: True)
    for accion in ("init", "check", "upgrade"):
        codigo, out, err = correr(capsys, "db", accion)
        un_error(codigo, err, "unidad de red", "PostgreSQL")
    assert not ruta_por_omision().exists()


# ------------------------------------------------------------------ backup and restore

def test_backup_modificar_restore(capsys, inicializada, tmp_path, monkeypatch):
    agregar_organismo(inicializada, "VIEJO")
    archivo = tmp_path / "respaldo.db"
    codigo, out, err = correr(capsys, "db", "backup", str(archivo))
    assert codigo == 0 and err == "" and "Respaldo guardado" in out and archivo.is_file()
    codigo, _, err = correr(capsys, "db", "backup", str(archivo))
    un_error(codigo, err, "ya existe")

    agregar_organismo(inicializada, "NUEVO")
    # answering anything but «si» cancels
    codigo, out, err = correr(capsys, "db", "restore", str(archivo), entrada="no\n", monkeypatch=monkeypatch)
    assert "REEMPLAZAR" in out
    un_error(codigo, err, "cancelada")
    assert organismos(inicializada) == ["NUEVO", "VIEJO"]
    # no input at all (a script without --si) cancels too
    codigo, out, err = correr(capsys, "db", "restore", str(archivo), entrada="", monkeypatch=monkeypatch)
    un_error(codigo, err, "cancelada")

    codigo, out, err = correr(capsys, "db", "restore", str(archivo), entrada="si\n", monkeypatch=monkeypatch)
    assert codigo == 0, err
    assert "restaurada" in out and "Copia de la base anterior" in out
    assert organismos(inicializada) == ["VIEJO"]
    copia = Path(re.search(r"Copia de la base anterior: (.+)", out).group(1).strip())
    assert organismos(copia) == ["NUEVO", "VIEJO"]

    agregar_organismo(inicializada, "OTRO")
    codigo, out, err = correr(capsys, "db", "restore", "--si", str(archivo))
    assert codigo == 0 and organismos(inicializada) == ["VIEJO"]


@pytest.mark.parametrize("contenido", [b"hola, esto es texto\n" * 50, b""])
def test_restore_de_un_archivo_que_no_es_base(capsys, inicializada, tmp_path, contenido):
    falso = tmp_path / "falso.db"
    falso.write_bytes(contenido)
    antes = inicializada.read_bytes()
    codigo, out, err = correr(capsys, "db", "restore", "--si", str(falso))
    un_error(codigo, err, "falso.db", "no se cambió nada")
    assert inicializada.read_bytes() == antes


def test_restore_de_la_base_de_otro_programa(capsys, inicializada, tmp_path):
    ajena = tmp_path / "ajena.sqlite"
    con = sqlite3.connect(ajena)
    con.execute("CREATE TABLE cancion (id INTEGER PRIMARY KEY, titulo TEXT)")
    con.commit()
    con.close()
    antes = inicializada.read_bytes()
    codigo, _, err = correr(capsys, "db", "restore", "--si", str(ajena))
    un_error(codigo, err, "otro programa")
    assert inicializada.read_bytes() == antes
    codigo, _, err = correr(capsys, "db", "restore", "--si", str(tmp_path / "no_existe.db"))
    un_error(codigo, err, "no se encontró")


# ------------------------------------------------------------------ upgrade and check

def test_upgrade_respalda_antes_y_muestra_de_que_version_a_cual(capsys):
    motor = base_datos.abrir()
    migrar.actualizar(motor, "0001")
    motor.dispose()
    codigo, out, err = correr(capsys, "db", "upgrade")
    assert codigo == 0, err
    assert f"Esquema actualizado: 0001 → {revision_final()}." in out
    respaldo = Path(re.search(r"Respaldo previo: (.+)", out).group(1).strip())
    assert respaldo.parent == config.datos_usuario_dir() / "respaldos" and respaldo.is_file()
    con = sqlite3.connect(f"file:{respaldo}?mode=ro", uri=True)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    con.close()
    codigo, out, _ = correr(capsys, "db", "upgrade")
    assert codigo == 0 and "nada que actualizar" in out


def test_upgrade_e_init_sin_base(capsys):
    codigo, _, err = correr(capsys, "db", "upgrade")
    un_error(codigo, err, "No existe la base", "db init")
    codigo, _, err = correr(capsys, "db", "backup", "x.db")
    un_error(codigo, err, "No existe la base")


def test_check_correcto_y_con_archivo_danado(capsys, inicializada, tmp_path):
    codigo, out, err = correr(capsys, "db", "check")
    assert codigo == 0 and err == ""
    assert f"Versión de esquema: {revision_final()}" in out and "usuario" in out and "sin problemas" not in out
    assert "no se encontraron problemas" in out

    danada = tmp_path / "copia dañada.db"
    shutil.copyfile(inicializada, danada)
    with open(danada, "r+b") as f:
        f.seek(4096 * 3)
        f.write(os.urandom(40000))
    codigo, out, err = correr(capsys, "db", "check", "--bd", f"sqlite:///{danada}")
    un_error(codigo, err, "problema")
    assert "Se encontraron" in out and "dañado" in out

    basura = tmp_path / "basura.db"
    basura.write_bytes(os.urandom(50000))
    codigo, out, err = correr(capsys, "db", "check", "--bd", f"sqlite:///{basura}")
    un_error(codigo, err, "problema")
    assert "file is not a database" in out or "no es" in out


def test_errores_de_argumentos_en_castellano(capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(["db"])
    assert e.value.code == 2
    assert "faltan los argumentos" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["db", "compactar"])
    assert "comando desconocido" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["demo", "--agentes", "cero"])
    assert "no es un número entero" in capsys.readouterr().err


# ------------------------------------------------------------------ demo hook

def test_demo_llama_al_generador(capsys, inicializada, monkeypatch):
    llamadas = []

    def generar_demo(motor, agentes, semilla=None, progreso=None, calcular=False):
        llamadas.append((str(motor.url.database), agentes, semilla))
        assert calcular is False
        progreso(1, 2)
        progreso("listo")
        return {"agentes": agentes, "siniestros": 3}

    monkeypatch.setitem(sys.modules, "app.services.demo", types.SimpleNamespace(generar_demo=generar_demo))
    codigo, out, err = correr(capsys, "demo", "--agentes", "5", "--semilla", "7")
    assert codigo == 0, err
    assert llamadas == [(str(inicializada), 5, 7)]
    assert "agentes: 5" in out and "siniestros: 3" in out
    assert "Agentes generados: 1 de 2" in err

    llamadas.clear()
    codigo, out, err = correr(capsys, "demo", "--agentes", "2")
    assert codigo == 0 and llamadas == [(str(inicializada), 2, None)]  # the generator's default seed


def test_demo_exige_una_base_inicializada(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "app.services.demo",
                        types.SimpleNamespace(generar_demo=lambda *a, **k: pytest.fail("no debía llamarse")))
    codigo, _, err = correr(capsys, "demo", "--agentes", "5")
    un_error(codigo, err, "No existe la base")
    motor = base_datos.abrir()
    migrar.actualizar(motor, "0001")
    motor.dispose()
    codigo, _, err = correr(capsys, "demo", "--agentes", "5")
    un_error(codigo, err, "db init")


def test_demo_errores_de_la_aplicacion_en_una_linea(capsys, inicializada, monkeypatch):
    from app.errors import ReglaIncumplida

    def generar_demo(motor, agentes, semilla=None, progreso=None, calcular=False):
        raise ReglaIncumplida("La base ya tiene datos reales.", "Use una base vacía.")

    monkeypatch.setitem(sys.modules, "app.services.demo", types.SimpleNamespace(generar_demo=generar_demo))
    codigo, _, err = correr(capsys, "demo", "--agentes", "5")
    un_error(codigo, err, "La base ya tiene datos reales. Use una base vacía.")


def test_demo_con_el_motor_real(capsys, inicializada):
    # Not mocked: 20 agents liquidated by the real engine, the summary counts what was stored.
    codigo, out, err = correr(capsys, "demo", "--agentes", "20", "--semilla", "3", "--calcular")
    assert codigo == 0, err
    assert "agentes: 20" in out and "siniestros: 20" in out
    motor = bd.crear_motor(f"sqlite+pysqlite:///{inicializada}")
    try:
        with motor.connect() as c:
            totales = c.exec_driver_sql("SELECT count(*) FROM liquidacion").scalar()
    finally:
        motor.dispose()
    assert f"liquidaciones: {totales}" in out and totales > 0


# ------------------------------------------------------------------ as a real process

def proceso(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env[config.ENV_DATA_DIR] = str(tmp_path / "datos_usuario")
    env.pop(bd.ENV_DB_URL, None)
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=120)


def test_proceso_real_sin_traceback(tmp_path):
    r = proceso(tmp_path, "db", "init")
    assert r.returncode == 0 and "Contraseña provisoria" in r.stdout, r.stderr
    basura = tmp_path / "basura.db"
    basura.write_bytes(b"\x00garbage" * 1000)
    for args in (["db", "check", "--bd", f"sqlite:///{basura}"], ["db", "restore", "--si", str(basura)],
                 ["db", "backup", str(tmp_path / "datos_usuario" / "liquidador.db")]):
        r = proceso(tmp_path, *args)
        assert r.returncode == 2, (args, r.stderr)
        assert "Traceback" not in r.stderr + r.stdout
        assert len([x for x in r.stderr.splitlines() if x.strip()]) == 1, r.stderr


# ------------------------------------------------------------------ both engines (url_bd: SQLite and PostgreSQL)

def test_init_check_backup_restore_en_ambos_motores(capsys, url_bd, tmp_path):
    from app.services import respaldo

    es_pg = not bd.es_sqlite(url_bd)
    codigo, out, err = correr(capsys, "db", "init", "--bd", url_bd)
    assert codigo == 0, err
    assert ("PostgreSQL" if es_pg else "SQLite") in out and "Contraseña provisoria" in out
    codigo, out, _ = correr(capsys, "db", "init", "--bd", url_bd)
    assert codigo == 0 and "no se cambió nada" in out
    codigo, out, err = correr(capsys, "db", "check", "--bd", url_bd)
    assert codigo == 0, out + err

    if es_pg and (respaldo.herramienta_pg("pg_dump") is None or respaldo.herramienta_pg("pg_restore") is None):
        pytest.skip("faltan pg_dump/pg_restore (cliente de PostgreSQL): no se prueba el respaldo de PostgreSQL")
    motor = base_datos.abrir(url_bd)
    with motor.begin() as c:
        c.execute(text("INSERT INTO organismo (codigo, nombre) VALUES ('O1', 'uno')"))
    archivo = tmp_path / ("respaldo.dump" if es_pg else "respaldo.db")
    codigo, out, err = correr(capsys, "db", "backup", "--bd", url_bd, str(archivo))
    assert codigo == 0, err
    with motor.begin() as c:
        c.execute(text("UPDATE organismo SET nombre = 'cambiado'"))
        c.execute(text("INSERT INTO organismo (codigo, nombre) VALUES ('O2', 'dos')"))
    motor.dispose()

    falso = tmp_path / "falso.dump"
    falso.write_bytes(b"PGDMP pero no")
    codigo, _, err = correr(capsys, "db", "restore", "--si", "--bd", url_bd, str(falso))
    un_error(codigo, err, "no se cambió nada")
    with motor.connect() as c:
        assert c.execute(text("SELECT count(*) FROM organismo")).scalar() == 2
    motor.dispose()

    codigo, out, err = correr(capsys, "db", "restore", "--si", "--bd", url_bd, str(archivo))
    assert codigo == 0, err
    with motor.connect() as c:
        assert c.execute(text("SELECT codigo, nombre FROM organismo")).all() == [("O1", "uno")]
    motor.dispose()
    copia = Path(re.search(r"Copia de la base anterior: (.+)", out).group(1).strip())
    assert copia.suffix == archivo.suffix and copia.stat().st_size > 0
    codigo, out, err = correr(capsys, "db", "check", "--bd", url_bd)
    assert codigo == 0, out + err
