"""`python -m app exportar administracion`: the grid with its filters to .xlsx from the command line."""

from __future__ import annotations

from datetime import datetime

from openpyxl import load_workbook

from tests import test_cli_convenio
from tests.servicios.ayudas import cuil
from tests.test_cli_db import correr, un_error

# the store of the convenio CLI tests: S-2018-001 and S-2019-002 accredited, operator «olga»
base = test_cli_convenio.base
informe = test_cli_convenio.informe


def _exportar(base, *argv: str, capsys):
    return correr(capsys, "exportar", "administracion", "--bd", base.url, "--usuario", "olga", *argv)


def _filas(ruta):
    libro = load_workbook(ruta, read_only=True)
    try:
        return [list(f) for f in libro["Siniestros"].iter_rows(values_only=True)], \
            dict(libro["Información"].iter_rows(values_only=True))
    finally:
        libro.close()


def test_exporta_todo_con_sus_derechohabientes(base, capsys, tmp_path):
    codigo, out, err = _exportar(base, "--salida", str(tmp_path / "grilla"), capsys=capsys)
    assert codigo == 0, err
    ruta = tmp_path / "grilla.xlsx"  # the extension is added
    filas, info = _filas(ruta)
    encabezado = filas[0]
    assert encabezado[:6] == ["Fila", "Organismo", "Siniestro", "Tipo", "Cuit-Cuil", "Apellido y Nombre"]
    por_tipo = [(f[0], f[2]) for f in filas[1:]]
    # by apellido: Pérez Núñez (S-2018-001: spouse and child accredited), then Ríos (S-2019-002: spouse)
    assert por_tipo == [("Siniestro", "S-2018-001"), ("Derechohabiente", "S-2018-001"),
                        ("Derechohabiente", "S-2018-001"), ("Siniestro", "S-2019-002"),
                        ("Derechohabiente", "S-2019-002")]
    rios = filas[4]
    assert rios[4] == "20-22333444-" + cuil("20", 22333444)[-1] and rios[5] == "Ríos, Pedro"
    assert isinstance(rios[7], datetime) and rios[7].date().isoformat() == "2019-03-04"  # a real date
    assert info["Exportado por"] == "olga (operador)" and str(info["Siniestros"]) == "2"
    assert str(info["Derechohabientes acreditados"]) == "3"
    assert out.splitlines()[-1] == (f"Listo: 2 siniestro(s) y 3 derechohabiente(s) acreditado(s) exportados a «{ruta}».")


def test_filtros_y_orden(base, capsys, tmp_path):
    ruta = tmp_path / "filtrada.xlsx"
    codigo, _, err = _exportar(base, "--salida", str(ruta), "--organismo", "ministerio de salud", "--apellido",
                               "rios", "--mortales", "--orden", "siniestro", "--descendente", capsys=capsys)
    assert codigo == 0, err
    filas, info = _filas(ruta)
    assert [(f[0], f[2]) for f in filas[1:]] == [("Siniestro", "S-2019-002"), ("Derechohabiente", "S-2019-002")]
    assert info["Filtro: Organismo"] == "Ministerio de Salud" and info["Filtro: Apellido y Nombre"] == "rios"
    assert info["Mostrar sólo"] == "MORTALES" and info["Orden"] == "Siniestro, descendente"

    codigo, out, err = _exportar(base, "--salida", str(ruta), "--cuil", "27-999", capsys=capsys)
    assert codigo == 0, err
    filas, info = _filas(ruta)
    assert filas[1:] == [] and str(info["Siniestros"]) == "0"  # nothing matches: only the header


def test_errores_en_una_linea_y_sin_archivo(base, capsys, tmp_path):
    ruta = tmp_path / "x.xlsx"
    codigo, _, err = _exportar(base, "--salida", str(ruta), "--organismo", "ZZ", capsys=capsys)
    un_error(codigo, err, "--organismo: no hay un organismo con código o nombre «ZZ»", "Por ejemplo: MS (Ministerio de Salud).")
    codigo, _, err = _exportar(base, "--salida", str(tmp_path / "no" / "hay" / "x.xlsx"), capsys=capsys)
    assert codigo == 2 and "Traceback" not in err and "no" in err
    assert [p.name for p in tmp_path.iterdir() if ".xlsx" in p.name] == []  # nothing half-written
