"""services.exportar: the Administración grid to .xlsx — all rows of the filters, in the grid's
order, the accredited DH under their siniestro, typed cells equal to the store's values."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from app.errors import DatosInvalidos
from app.services import agentes, exportar, pagos, siniestros

from .ayudas import (
    CUIL_AGENTE,
    CUIL_CONYUGE,
    CUIL_HIJO,
    acreditado,
    crear_caso_muerte,
    cuil,
    datos_agente,
    datos_siniestro,
    importe_de,
    sin_cambios,
)

D = Decimal
CUIL_ABALOS = cuil("27", 30111222)
MOMENTO = datetime(2026, 12, 3, 17, 5)


def _escenario(op, liq, sup) -> dict:
    """«Pérez Núñez, Juan»: a death liquidated on 10/05/2018 with spouse and child accredited and
    paid 100,50 and 300,00; «Ábalos, Ana» (sorts first): an ILP just reported."""
    ids = acreditado(op, liq, sup, crear_caso_muerte(op))
    pagos.registrar_pago(sup, ids["dh_conyuge"], date(2018, 6, 1), "100.50", "Transferencia bancaria")
    pagos.registrar_pago(sup, ids["dh_hijo"], date(2018, 6, 2), "300.00", "Cheque")
    otra = agentes.registrar_agente(op, datos_agente(ids["organismo"], cuil=CUIL_ABALOS, apellido_nombre="Ábalos, Ana"))
    ids["ilp"] = siniestros.registrar_siniestro(op, datos_siniestro(
        otra, numero="S-2019-007", tipo="ilp", fecha_fallecimiento=None, porcentaje_incapacidad="20",
        fecha_pmi=date(2019, 3, 1), fecha_denuncia=date(2019, 3, 2), fecha_recepcion=date(2019, 3, 5)))
    return ids


def _valor(celda):
    return D(str(celda)) if isinstance(celda, float) else celda


def _leer(ruta):
    libro = openpyxl.load_workbook(ruta)
    ws = libro["Siniestros"]
    filas = [tuple(_valor(c) for c in fila) for fila in ws.iter_rows(values_only=True)]
    info = dict(fila for fila in libro["Información"].iter_rows(min_row=2, values_only=True))
    return libro, ws, filas, info


def _esperadas(op, ids) -> dict[str, tuple]:
    liquidacion = ids["liquidacion"]
    perez = siniestros.obtener_siniestro(op, ids["siniestro"])["agente"]["apellido_nombre"]
    return {
        "abalos": ("Siniestro", "Ministerio de Salud", "S-2019-007", "ILP", CUIL_ABALOS, "Ábalos, Ana", None,
                   datetime(2019, 3, 1), datetime(2019, 3, 5), "Denunciado", None, None, None, None, None),
        "perez": ("Siniestro", "Ministerio de Salud", "S-2018-001", "Mortal", CUIL_AGENTE, perez, None,
                  datetime(2018, 5, 3), datetime(2018, 5, 7), "Acreditado", 1, datetime(2018, 5, 10), None,
                  D(str(liquidacion["total"])), D("400.50")),
        "conyuge": ("Derechohabiente", "Ministerio de Salud", "S-2018-001", "Mortal", CUIL_CONYUGE, "Gómez, María",
                    "Cónyuge", None, None, "Acreditado", None, None, D("0.714286"),
                    importe_de(liquidacion, ids["dh_conyuge"]), D("100.50")),
        "hijo": ("Derechohabiente", "Ministerio de Salud", "S-2018-001", "Mortal", CUIL_HIJO, "Pérez, Tomás",
                 "Hijo/a", None, None, "Acreditado", None, None, D("0.285714"),
                 importe_de(liquidacion, ids["dh_hijo"]), D("300.00")),
    }


def test_todas_las_filas_con_sus_derechohabientes(fabrica, op, liq, sup, tmp_path):
    ids = _escenario(op, liq, sup)
    e = _esperadas(op, ids)
    destino = tmp_path / "administracion_2026-12-03.xlsx"
    with sin_cambios(fabrica):  # a read: no row and no audit written
        r = exportar.exportar_administracion(op, {}, destino, momento=MOMENTO)
    assert (r.ruta, r.siniestros, r.derechohabientes, r.filas) == (destino, 2, 2, 4)
    libro, ws, filas, info = _leer(destino)
    assert libro.sheetnames == ["Siniestros", "Información"]
    assert filas[0] == tuple(c.titulo for c in exportar.COLUMNAS)
    assert filas[1:] == [e["abalos"], e["perez"], e["conyuge"], e["hijo"]]
    # the shares of the law for a spouse and one child (50 and 20 of 70) and an exact split
    assert e["conyuge"][13] + e["hijo"][13] == e["perez"][13]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:O5"
    assert ws["N3"].number_format == "#,##0.00" and ws["M4"].number_format == "0.0000%"
    assert ws["H2"].number_format == "DD/MM/YYYY" and ws["E2"].data_type == "s"
    assert info == {
        "Contenido": "Prestaciones Dinerarias — Administración: siniestros y derechohabientes acreditados",
        "Exportado por": "olga (operador)", "Usuario del sistema": "pruebas", "Exportado el": "03/12/2026 17:05",
        "Filtro: Organismo": "Todos", "Filtro: Apellido y Nombre": "(sin filtro)", "Filtro: Cuit-Cuil": "(sin filtro)",
        "Mostrar sólo": "Todos los tipos de siniestro", "Orden": "Apellido y Nombre, ascendente",
        "Siniestros": "2", "Derechohabientes acreditados": "2", "Filas de la hoja «Siniestros»": "4",
        "Nota": info["Nota"],
    }
    assert "derechohabientes acreditados del siniestro" in info["Nota"]


def test_filtros_y_orden_de_la_grilla(fabrica, op, liq, sup, tmp_path):
    ids = _escenario(op, liq, sup)
    e = _esperadas(op, ids)

    def filas(filtros):
        ruta = tmp_path / "x.xlsx"
        exportar.exportar_administracion(op, filtros, ruta)
        return _leer(ruta)[2][1:], _leer(ruta)[3]

    assert filas({"solo_mortales": True})[0] == [e["perez"], e["conyuge"], e["hijo"]]
    assert filas({"apellido": "abal"})[0] == [e["abalos"]]
    assert filas({"apellido": "perez nunez"})[0] == [e["perez"], e["conyuge"], e["hijo"]]
    assert filas({"cuil": "27-3011"})[0] == [e["abalos"]]
    por_numero, info = filas({"orden": "siniestro", "descendente": True})
    assert por_numero == [e["abalos"], e["perez"], e["conyuge"], e["hijo"]]
    assert info["Orden"] == "Siniestro, descendente"
    assert filas({"orden": "siniestro"})[0] == [e["perez"], e["conyuge"], e["hijo"], e["abalos"]]
    nada, info = filas({"organismo_id": ids["organismo"], "apellido": "zz", "solo_mortales": True})
    assert nada == []
    assert (info["Filtro: Organismo"], info["Filtro: Apellido y Nombre"], info["Mostrar sólo"]) == (
        "Ministerio de Salud", "zz", "MORTALES")


def test_de_a_un_siniestro_por_bloque(fabrica, op, liq, sup, tmp_path):
    """Blocks of one row: each block's DH are still under their own siniestro."""
    ids = _escenario(op, liq, sup)
    e = _esperadas(op, ids)
    exportar.exportar_administracion(op, {}, tmp_path / "b.xlsx", bloque=1)
    assert _leer(tmp_path / "b.xlsx")[2][1:] == [e["abalos"], e["perez"], e["conyuge"], e["hijo"]]


def test_avance(fabrica, op, liq, sup, tmp_path):
    _escenario(op, liq, sup)
    llamadas = []
    exportar.exportar_administracion(op, {}, tmp_path / "a.xlsx", avance=lambda *a: llamadas.append(a))
    assert llamadas[0] == (0, 2, "Consultando 2 siniestros…")
    assert llamadas[-1] == (2, 2, "Exportando: 2 de 2 siniestros…")


class Cancelada(Exception):
    pass


def test_cancelar_no_deja_archivo(fabrica, op, liq, sup, tmp_path):
    _escenario(op, liq, sup)
    carpeta = tmp_path / "salida"  # (the SQLite store of the test is in tmp_path)
    carpeta.mkdir()
    destino = carpeta / "administracion.xlsx"
    destino.write_bytes(b"la exportacion anterior")

    def avance(hechos, total, texto):
        if hechos:  # the first report is before any row; the next one is after writing them
            raise Cancelada()

    with sin_cambios(fabrica), pytest.raises(Cancelada):
        exportar.exportar_administracion(op, {}, destino, avance=avance)
    assert destino.read_bytes() == b"la exportacion anterior"
    assert sorted(p.name for p in carpeta.iterdir()) == ["administracion.xlsx"]


def test_filtro_invalido_no_escribe_nada(fabrica, op, liq, sup, tmp_path):
    _escenario(op, liq, sup)
    carpeta = tmp_path / "salida"
    carpeta.mkdir()
    with pytest.raises(DatosInvalidos, match="«20-ABC» debe tener solo números"):
        exportar.exportar_administracion(op, {"cuil": "20-ABC"}, carpeta / "x.xlsx")
    with pytest.raises(ValueError, match="filtros desconocidos"):
        exportar.exportar_administracion(op, {"provincia": "X"}, carpeta / "x.xlsx")
    assert list(carpeta.iterdir()) == []
