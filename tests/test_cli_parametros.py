"""`python -m app parametros cargar|versiones`: a logged-in administrator updates a table."""

import re

from app import config
from app.models.bd import crear_motor, fabrica_sesiones
from app.services import usuarios
from tests.test_cli_db import correr, un_error

RIPTE = (config.parametros_dir() / "ripte.csv").read_text(encoding="utf-8")
CLAVE_NUEVA = "una-clave-larga-2026"


def _base_con_admin(capsys, monkeypatch):
    codigo, out, err = correr(capsys, "db", "init")
    assert codigo == 0, err
    provisoria = re.search(r"Contraseña provisoria: (\S+)", out).group(1)
    motor = crear_motor()
    usuarios.cambiar_clave(fabrica_sesiones(motor), "admin", provisoria, CLAVE_NUEVA)
    motor.dispose()
    monkeypatch.setenv("LIQUIDADOR_CLAVE", CLAVE_NUEVA)


def test_cargar_una_version_nueva_y_listarlas(capsys, monkeypatch, tmp_path):
    _base_con_admin(capsys, monkeypatch)
    archivo = tmp_path / "ripte_mayo.csv"
    archivo.write_text(RIPTE.rstrip("\n") + "\n2026-05,220000.00\n", encoding="utf-8")
    codigo, out, err = correr(capsys, "parametros", "cargar", "ripte", str(archivo), "--usuario", "admin")
    assert codigo == 0, err
    assert "versión 2" in out
    codigo, out, err = correr(capsys, "parametros", "versiones", "ripte", "--usuario", "admin")
    assert codigo == 0, err
    lineas = out.strip().splitlines()
    assert len(lineas) == 2
    assert "anterior" in lineas[0] and "incluidas con el programa" in lineas[0]
    assert "vigente" in lineas[1] and "ripte_mayo.csv" in lineas[1] and "admin" in lineas[1]


def test_errores_en_una_linea(capsys, monkeypatch, tmp_path):
    _base_con_admin(capsys, monkeypatch)
    archivo = tmp_path / "ripte.csv"
    archivo.write_text(RIPTE.rstrip("\n") + "\n2026-05,336069.92\n", encoding="utf-8")  # +60 %
    codigo, _, err = correr(capsys, "parametros", "cargar", "ripte", str(archivo), "--usuario", "admin")
    un_error(codigo, err, "fila 198", "indice")
    codigo, _, err = correr(capsys, "parametros", "cargar", "inflacion", str(archivo), "--usuario", "admin")
    un_error(codigo, err, "desconocida")
    monkeypatch.setenv("LIQUIDADOR_CLAVE", "no-es-la-clave")
    codigo, _, err = correr(capsys, "parametros", "versiones", "ripte", "--usuario", "admin")
    un_error(codigo, err, "incorrectos")
