"""Backups, restores, the daily automatic backup and the backup before a migration (services)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from app import config
from app.errors import DatosInvalidos, ErrorBaseDatos
from app.models import bd, migrar
from app.services import base_datos, respaldo

# ------------------------------------------------------------------ helpers


@pytest.fixture(scope="session")
def plantilla(tmp_path_factory) -> Path:
    """An initialised store (schema, parameters, admin), made once and copied per test."""
    ruta = tmp_path_factory.mktemp("plantilla") / "liquidador.db"
    motor = base_datos.abrir(f"sqlite+pysqlite:///{ruta}")
    base_datos.inicializar(motor)
    motor.dispose()
    return ruta


@pytest.fixture
def motor(plantilla):
    """The store at its default place (the test's user data folder), initialised."""
    ruta = config.datos_usuario_dir() / bd.NOMBRE_SQLITE
    ruta.parent.mkdir(parents=True)
    shutil.copyfile(plantilla, ruta)
    m = base_datos.abrir()
    assert base_datos.ruta_sqlite(m) == ruta
    yield m
    m.dispose()


def organismos(motor) -> list[str]:
    with motor.connect() as c:
        return [f[0] for f in c.execute(text("SELECT codigo FROM organismo ORDER BY codigo"))]


def agregar_organismo(motor, codigo: str) -> None:
    with motor.begin() as c:
        c.execute(text("INSERT INTO organismo (codigo, nombre) VALUES (:c, :n)"), {"c": codigo, "n": f"Organismo {codigo}"})


def sha(ruta: Path) -> str:
    return hashlib.sha256(Path(ruta).read_bytes()).hexdigest()


def organismos_en(archivo: Path) -> list[str]:
    """Read a backup file without turning it into a WAL store (as the engine would)."""
    con = sqlite3.connect(f"file:{archivo}?mode=ro", uri=True)
    try:
        return [f[0] for f in con.execute("SELECT codigo FROM organismo ORDER BY codigo")]
    finally:
        con.close()


def revision_de(archivo: Path) -> str:
    con = sqlite3.connect(archivo)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


# ------------------------------------------------------------------ backup and restore

def test_respaldo_modificar_restaurar_devuelve_los_datos_viejos(motor, tmp_path):
    agregar_organismo(motor, "A1")
    copia = respaldo.respaldar(motor, tmp_path / "respaldos" / "copia.db")
    assert copia.is_file() and not Path(f"{copia}-wal").exists()
    agregar_organismo(motor, "B2")
    with motor.begin() as c:
        c.execute(text("DELETE FROM organismo WHERE codigo = 'A1'"))
    assert organismos(motor) == ["B2"]

    r = respaldo.restaurar(motor, copia)
    assert r.realizada and r.revision == migrar.revision_final()
    assert organismos(motor) == ["A1"]
    # the store as it was before the restore is kept in the backups folder
    assert r.copia_seguridad.parent == config.datos_usuario_dir() / "respaldos"
    assert organismos_en(r.copia_seguridad) == ["B2"]
    assert base_datos.verificar(motor).correcto


def test_respaldo_consistente_con_el_wal_activo(motor, tmp_path):
    """Rows still only in the WAL (never checkpointed) are in the backup."""
    ruta = base_datos.ruta_sqlite(motor)
    escritor = sqlite3.connect(ruta)
    try:
        escritor.execute("PRAGMA journal_mode=WAL")
        escritor.execute("PRAGMA wal_autocheckpoint=0")
        escritor.executemany("INSERT INTO organismo (codigo, nombre) VALUES (?, ?)",
                             [(f"W{i:03d}", "en el WAL") for i in range(200)])
        escritor.commit()
        assert Path(f"{ruta}-wal").stat().st_size > 0
        copia = respaldo.respaldar(motor, tmp_path / "wal.db")
    finally:
        escritor.close()
    con = sqlite3.connect(copia)
    assert con.execute("SELECT count(*) FROM organismo").fetchone()[0] == 200
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()


def test_respaldo_no_pisa_un_archivo_existente_ni_la_propia_base(motor, tmp_path):
    existente = tmp_path / "ya.db"
    existente.write_text("no tocar")
    with pytest.raises(DatosInvalidos, match="ya existe"):
        respaldo.respaldar(motor, existente)
    assert existente.read_text() == "no tocar"
    with pytest.raises(DatosInvalidos, match="misma base"):
        respaldo.respaldar(motor, base_datos.ruta_sqlite(motor))


def test_respaldo_sin_base_explica_que_hacer(tmp_path):
    motor = base_datos.abrir(f"sqlite+pysqlite:///{tmp_path / 'no_existe.db'}")
    with pytest.raises(ErrorBaseDatos, match="db init"):
        respaldo.respaldar(motor, tmp_path / "x.db")
    assert not (tmp_path / "no_existe.db").exists()  # not created by trying


def _archivo_de_texto(tmp_path):
    ruta = tmp_path / "notas.db"
    ruta.write_text("Esto no es una base de datos.\n" * 100, encoding="utf-8")
    return ruta


def _base_de_otro_programa(tmp_path):
    ruta = tmp_path / "agenda.db"
    con = sqlite3.connect(ruta)
    con.execute("CREATE TABLE contacto (id INTEGER PRIMARY KEY, nombre TEXT)")
    con.execute("INSERT INTO contacto (nombre) VALUES ('Pepe')")
    con.commit()
    con.close()
    return ruta


def _otro_programa_con_alembic(tmp_path):
    ruta = tmp_path / "otro_alembic.db"
    con = sqlite3.connect(ruta)
    for tabla in ("usuario", "auditoria", "siniestro", "agente"):
        con.execute(f"CREATE TABLE {tabla} (id INTEGER PRIMARY KEY)")
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    con.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')")
    con.commit()
    con.close()
    return ruta


def _respaldo_danado(tmp_path, plantilla=None):
    ruta = tmp_path / "danado.db"
    shutil.copyfile(plantilla, ruta)
    with open(ruta, "r+b") as f:
        f.seek(4096 * 3)
        f.write(b"\xde\xad\xbe\xef" * 4000)
    return ruta


@pytest.mark.parametrize("fabricar, motivo", [
    (_archivo_de_texto, "no es una base de datos SQLite"),
    (_base_de_otro_programa, "otro programa"),
    (_otro_programa_con_alembic, "desconocida"),
    (_respaldo_danado, "(dañado|no es una base de datos válida)"),
])
def test_restaurar_un_archivo_invalido_se_rechaza_sin_tocar_nada(motor, tmp_path, plantilla, fabricar, motivo):
    agregar_organismo(motor, "ACTUAL")
    motor.dispose()
    archivo = fabricar(tmp_path, plantilla) if fabricar is _respaldo_danado else fabricar(tmp_path)
    huella_archivo, huella_base = sha(archivo), sha(base_datos.ruta_sqlite(motor))
    llamado = []
    with pytest.raises(DatosInvalidos, match=motivo):
        respaldo.restaurar(motor, archivo, confirmar=lambda r: llamado.append(r) or True)
    assert not llamado  # refused before asking
    assert sha(archivo) == huella_archivo
    assert sha(base_datos.ruta_sqlite(motor)) == huella_base
    assert organismos(motor) == ["ACTUAL"]
    assert not (config.datos_usuario_dir() / "respaldos").exists()  # no safety copy either
    assert not [p for p in base_datos.ruta_sqlite(motor).parent.iterdir() if p.name.endswith(".tmp")]


def test_restaurar_cancelado_no_cambia_nada(motor, tmp_path):
    copia = respaldo.respaldar(motor, tmp_path / "copia.db")
    agregar_organismo(motor, "NUEVO")
    r = respaldo.restaurar(motor, copia, confirmar=lambda r: False)
    assert not r.realizada and r.revision == migrar.revision_final()
    assert organismos(motor) == ["NUEVO"]


def test_restaurar_sobre_una_base_danada_guarda_sus_bytes(motor, tmp_path):
    agregar_organismo(motor, "BUENO")
    copia = respaldo.respaldar(motor, tmp_path / "copia.db")
    motor.dispose()
    ruta = base_datos.ruta_sqlite(motor)
    ruta.write_bytes(b"basura" * 5000)
    assert not base_datos.verificar(motor).correcto
    r = respaldo.restaurar(motor, copia)
    assert r.copia_seguridad.read_bytes().startswith(b"basura")
    assert organismos(motor) == ["BUENO"]
    assert base_datos.verificar(motor).correcto


def test_restaurar_sin_base_previa(tmp_path, motor):
    copia = respaldo.respaldar(motor, tmp_path / "copia.db")
    nuevo = base_datos.abrir(f"sqlite+pysqlite:///{tmp_path / 'otra' / 'nueva.db'}")
    r = respaldo.restaurar(nuevo, copia)
    assert r.realizada and r.copia_seguridad is None
    assert base_datos.verificar(nuevo).correcto
    nuevo.dispose()


# ------------------------------------------------------------------ daily automatic backup

def test_respaldo_diario_una_vez_por_dia_y_conserva_14(motor):
    carpeta = config.datos_usuario_dir() / "respaldos"
    carpeta.mkdir()
    hoy = date(2025, 3, 20)
    viejos = [carpeta / f"diario_{hoy - timedelta(days=d)}.db" for d in range(1, 21)]
    for v in viejos:
        v.write_bytes(b"viejo")
    ajenos = [carpeta / "antes_de_migrar_0001_2020-01-01_000000.db", carpeta / "notas.txt"]
    for a in ajenos:
        a.write_text("otro")

    nuevo = respaldo.respaldo_diario(motor, hoy=hoy)
    assert nuevo == carpeta / "diario_2025-03-20.db"
    assert revision_de(nuevo) == migrar.revision_final()
    diarios = sorted(p.name for p in carpeta.glob("diario_*"))
    assert len(diarios) == 14
    assert diarios[-1] == "diario_2025-03-20.db" and diarios[0] == "diario_2025-03-07.db"
    assert all(a.exists() for a in ajenos)  # other kinds of files are not pruned here

    agregar_organismo(motor, "X")
    assert respaldo.respaldo_diario(motor, hoy=hoy) is None  # at most one per calendar day
    assert organismos_en(nuevo) == []
    siguiente = respaldo.respaldo_diario(motor, hoy=hoy + timedelta(days=1))
    assert siguiente.name == "diario_2025-03-21.db"
    assert len(list(carpeta.glob("diario_*"))) == 14


def test_respaldo_diario_sin_base_no_hace_nada(tmp_path):
    motor = base_datos.abrir()
    assert respaldo.respaldo_diario(motor) is None
    assert not (config.datos_usuario_dir() / "respaldos").exists()
    assert not base_datos.ruta_sqlite(motor).exists()


def test_respaldo_diario_con_la_fecha_de_hoy(motor):
    ruta = respaldo.respaldo_diario(motor)
    assert ruta.name == f"diario_{date.today().isoformat()}.db"


# ------------------------------------------------------------------ init, upgrade, check

def test_inicializar_dos_veces_no_cambia_nada(tmp_path):
    motor = base_datos.abrir(f"sqlite+pysqlite:///{tmp_path / 'nueva.db'}")
    primero = base_datos.inicializar(motor)
    assert primero.esquema_creado and primero.clave_administrador and len(primero.tablas_cargadas) == 7
    informe = base_datos.verificar(motor)
    segundo = base_datos.inicializar(motor)
    assert segundo.sin_cambios and segundo.clave_administrador is None
    assert base_datos.verificar(motor).filas == informe.filas  # not even an audit row
    motor.dispose()


def test_inicializar_no_toca_una_base_vieja_ni_una_ajena(tmp_path):
    vieja = base_datos.abrir(f"sqlite+pysqlite:///{tmp_path / 'vieja.db'}")
    migrar.actualizar(vieja, "0001")
    with pytest.raises(ErrorBaseDatos, match="db upgrade"):
        base_datos.inicializar(vieja)
    assert base_datos.revision_actual(vieja) == "0001"

    rara = base_datos.abrir(f"sqlite+pysqlite:///{tmp_path / 'rara.db'}")
    with rara.begin() as c:
        c.execute(text("CREATE TABLE usuario (id INTEGER PRIMARY KEY)"))
    with pytest.raises(ErrorBaseDatos, match="no registra su versión"):
        base_datos.inicializar(rara)


def test_actualizar_hace_un_respaldo_antes(tmp_path):
    motor = base_datos.abrir()
    migrar.actualizar(motor, "0001")
    agregar_organismo(motor, "ANTES")
    r = base_datos.actualizar(motor)
    assert (r.antes, r.despues) == ("0001", migrar.revision_final())
    assert r.respaldo.parent == config.datos_usuario_dir() / "respaldos"
    assert r.respaldo.name.startswith("antes_de_migrar_0001_")
    assert revision_de(r.respaldo) == "0001"  # taken before migrating
    assert organismos_en(r.respaldo) == ["ANTES"]
    assert base_datos.revision_actual(motor) == migrar.revision_final()

    otra = base_datos.actualizar(motor)  # nothing to do: no new backup
    assert otra.sin_cambios and otra.respaldo is None
    assert len(list(r.respaldo.parent.iterdir())) == 1


def test_actualizar_no_migra_si_falla_el_respaldo(monkeypatch):
    motor = base_datos.abrir()
    migrar.actualizar(motor, "0001")

    def falla(*a, **k):
        raise ErrorBaseDatos("disco lleno")

    monkeypatch.setattr(respaldo, "respaldar", falla)
    with pytest.raises(ErrorBaseDatos, match="disco lleno"):
        base_datos.actualizar(motor)
    assert base_datos.revision_actual(motor) == "0001"
    base_datos.actualizar(motor, sin_respaldo=True)
    assert base_datos.revision_actual(motor) == migrar.revision_final()


def test_actualizar_postgresql_sin_pg_dump_se_niega(monkeypatch):
    """The refusal happens before touching the server: a PostgreSQL URL is enough."""
    monkeypatch.setattr(respaldo, "herramienta_pg", lambda nombre: None)
    motor = base_datos.abrir("postgresql+psycopg://nadie@/no_existe?host=/nonexistent")
    monkeypatch.setattr(base_datos, "revision_actual", lambda m: "0001")
    llamadas = []
    monkeypatch.setattr(migrar, "actualizar", lambda *a, **k: llamadas.append(a))
    with pytest.raises(ErrorBaseDatos, match="pg_dump") as e:
        base_datos.actualizar(motor)
    assert "--sin-respaldo" in str(e.value)
    assert not llamadas
    base_datos.actualizar(motor, sin_respaldo=True)
    assert len(llamadas) == 1


def test_verificar_una_base_sana_y_una_danada(motor, tmp_path):
    informe = base_datos.verificar(motor)
    assert informe.correcto, informe.problemas
    assert informe.revision == migrar.revision_final()
    assert informe.filas["usuario"] == 1 and informe.filas["parametro_version"] == 7
    motor.dispose()
    danada = tmp_path / "danada.db"
    shutil.copyfile(base_datos.ruta_sqlite(motor), danada)
    with open(danada, "r+b") as f:
        f.seek(4096 * 2)
        f.write(b"\x00\xff" * 20000)
    informe = base_datos.verificar(base_datos.abrir(f"sqlite+pysqlite:///{danada}"))
    assert not informe.correcto
    assert any("dañad" in p for p in informe.problemas), informe.problemas


def test_verificar_referencias_rotas_y_esquema_viejo(motor, tmp_path):
    with motor.begin() as c:
        c.exec_driver_sql("PRAGMA foreign_keys=OFF")
    ruta = base_datos.ruta_sqlite(motor)
    motor.dispose()
    con = sqlite3.connect(ruta)
    con.execute("INSERT INTO agente (cuil, apellido_nombre, busqueda, fecha_nacimiento, organismo_id, version, "
                "modificado_en) VALUES ('20123456786', 'X', 'X', '1980-01-01', 999, 1, '2020-01-01')")
    con.commit()
    con.close()
    informe = base_datos.verificar(motor)
    assert any("foreign_key_check" in p and "agente" in p for p in informe.problemas), informe.problemas

    vieja = base_datos.abrir(f"sqlite+pysqlite:///{tmp_path / 'vieja.db'}")
    migrar.actualizar(vieja, "0001")
    informe = base_datos.verificar(vieja)
    assert any("db upgrade" in p for p in informe.problemas)


def test_sqlite_en_unidad_de_red_rechazada(monkeypatch):
    monkeypatch.setattr(bd, "_en_unidad_de_red", lambda ruta: True)
    with pytest.raises(ErrorBaseDatos) as e:
        base_datos.abrir()
    assert "unidad de red" in str(e.value) and "PostgreSQL" in str(e.value)


# ------------------------------------------------------------------ both engines (url_bd: SQLite and PostgreSQL)

def test_actualizar_respalda_y_el_respaldo_viejo_se_restaura_en_ambos_motores(url_bd):
    """upgrade 0001 → head with a backup first; restoring that backup brings back 0001 exactly
    (on PostgreSQL the tables added later are dropped), and upgrade works again afterwards."""
    motor = base_datos.abrir(url_bd)
    if not base_datos.es_sqlite(motor) and (respaldo.herramienta_pg("pg_dump") is None
                                           or respaldo.herramienta_pg("pg_restore") is None):
        pytest.skip("faltan pg_dump/pg_restore (cliente de PostgreSQL)")
    migrar.actualizar(motor, "0001")
    agregar_organismo(motor, "ANTES")
    r = base_datos.actualizar(motor)
    assert (r.antes, r.despues) == ("0001", migrar.revision_final())
    assert r.respaldo.name.startswith("antes_de_migrar_0001_") and r.respaldo.suffix == respaldo.extension(motor)
    base_datos.inicializar(motor)
    agregar_organismo(motor, "DESPUES")

    restaurada = respaldo.restaurar(motor, r.respaldo)
    assert restaurada.revision == "0001"
    assert base_datos.revision_actual(motor) == "0001"
    assert organismos(motor) == ["ANTES"]
    informe = base_datos.verificar(motor)
    assert any("db upgrade" in p for p in informe.problemas), informe.problemas
    assert "parametro_version" not in informe.filas  # a table of 0002, gone with the restore

    base_datos.actualizar(motor)
    base_datos.inicializar(motor)
    assert base_datos.verificar(motor).correcto
    assert organismos(motor) == ["ANTES"]
    motor.dispose()
