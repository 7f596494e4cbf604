"""app.reports.excel: plain data → .xlsx with typed cells, read back with openpyxl (and calamine)."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from app.reports.excel import (
    ANCHO_MAXIMO,
    CUIL,
    DINERO,
    ENTERO,
    FECHA,
    FECHA_HORA,
    NUMERO,
    PERIODO,
    PORCENTAJE,
    TEXTO,
    Columna,
    ErrorArchivoExcel,
    ErrorExportacion,
    Hoja,
    escribir_xlsx,
    hoja_informacion,
    titulo_valido,
)

D = Decimal

COLUMNAS = (
    Columna("Apellido y Nombre"),
    Columna("Cuit-Cuil", CUIL),
    Columna("Importe", DINERO),
    Columna("%", PORCENTAJE, decimales=4),
    Columna("Fecha (PMI)", FECHA),
    Columna("Período", PERIODO),
    Columna("Versión", ENTERO),
    Columna("Registrado el", FECHA_HORA),
    Columna("Factor", NUMERO, decimales=6),
)
FILAS = [
    ("Pérez Núñez, Juan", "20123456786", D("1234567.89"), D("71.4286"), date(2018, 5, 3), "2018-04", 2,
     datetime(2018, 6, 1, 9, 30), D("1.005835")),
    ("Gómez, María", "27-23456789-4", D("-0.01"), D("28.5714"), "2019-12-31", date(2019, 12, 17), "3",
     None, "2.5"),
    ("Sin datos", None, None, "", None, None, None, None, None),
]


def _leer(ruta_o_bytes, hoja="Datos"):
    fuente = io.BytesIO(ruta_o_bytes) if isinstance(ruta_o_bytes, bytes) else ruta_o_bytes
    return openpyxl.load_workbook(fuente)[hoja]


def _sobrantes(carpeta):
    return sorted(p.name for p in carpeta.iterdir())


def test_celdas_con_tipo_cabecera_fija_filtro_y_anchos(tmp_path):
    destino = tmp_path / "salida.xlsx"
    assert escribir_xlsx(destino, [Hoja("Datos", COLUMNAS, FILAS)]) == destino
    assert _sobrantes(tmp_path) == ["salida.xlsx"]  # no temporary file left
    ws = _leer(destino)
    assert [c.value for c in ws[1]] == [c.titulo for c in COLUMNAS]
    assert all(c.font.b for c in ws[1]) and ws["A1"].fill.fgColor.rgb.endswith("D9D9D9")
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:I4"
    assert ws.max_row == 4

    nombre, cuil, importe, pct, pmi, periodo, version, registrado, factor = (c for c in ws[2])
    assert nombre.value == "Pérez Núñez, Juan" and nombre.data_type == "s"
    assert cuil.value == "20-12345678-6" and cuil.data_type == "s"
    assert isinstance(importe.value, float) and D(str(importe.value)) == D("1234567.89")
    assert importe.number_format == "#,##0.00"
    assert D(str(pct.value)) == D("0.714286") and pct.number_format == "0.0000%"
    assert pmi.value == datetime(2018, 5, 3) and pmi.number_format == "DD/MM/YYYY"
    assert periodo.value == datetime(2018, 4, 1) and periodo.number_format == "MM/YYYY"
    assert version.value == 2 and isinstance(version.value, int) and version.number_format == "0"
    assert registrado.value == datetime(2018, 6, 1, 9, 30) and registrado.number_format == "DD/MM/YYYY HH:MM"
    assert D(str(factor.value)) == D("1.005835") and factor.number_format == "#,##0.000000"

    fila = [c.value for c in ws[3]]
    assert fila[1] == "27-23456789-4"
    assert D(str(fila[2])) == D("-0.01") and D(str(fila[3])) == D("0.285714")
    assert fila[4] == datetime(2019, 12, 31) and fila[5] == datetime(2019, 12, 1)
    assert fila[6] == 3 and fila[7] is None and D(str(fila[8])) == D("2.5")
    assert [c.value for c in ws[4]] == ["Sin datos"] + [None] * 8  # None and "" are empty cells

    anchos = {letra: d.width for letra, d in ws.column_dimensions.items()}
    assert anchos["B"] == len("20-12345678-9") + 2  # content + 2
    assert anchos["E"] == len("Fecha (PMI)") + 3  # the header is wider than 00/00/0000
    assert anchos["C"] == len("1.234.567,89") + 2


def test_lo_mismo_leido_con_calamine(tmp_path):
    destino = escribir_xlsx(tmp_path / "c.xlsx", [Hoja("Datos", COLUMNAS, FILAS)])
    filas = CalamineWorkbook.from_path(str(destino)).get_sheet_by_name("Datos").to_python()
    assert filas[0][0] == "Apellido y Nombre"
    assert filas[1][1] == "20-12345678-6" and filas[1][2] == 1234567.89
    assert filas[1][4] == date(2018, 5, 3) and filas[1][5] == date(2018, 4, 1)


def test_ancho_del_spec_y_tope_del_calculado():
    largo = "x" * 300
    b = escribir_xlsx(None, [Hoja("Datos", (Columna("A", ancho=7.5), Columna("B")), [("a", largo)])])
    ws = _leer(b)
    assert ws.column_dimensions["A"].width == 7.5
    assert ws.column_dimensions["B"].width == ANCHO_MAXIMO


def test_texto_que_parece_formula_queda_texto():
    b = escribir_xlsx(None, [Hoja("Datos", (Columna("Nombre"), Columna("Otro")),
                                  [("=HYPERLINK(\"http://x\")", "#N/A"), ("a\x07b", True)])])
    ws = _leer(b)
    assert ws["A2"].data_type == "s" and ws["A2"].value == "=HYPERLINK(\"http://x\")"
    assert ws["B2"].data_type == "s" and ws["B2"].value == "#N/A"
    assert ws["A3"].value == "ab" and ws["B3"].value == "Sí"  # control character dropped, bool in words


def test_hoja_informacion_despues_de_los_datos():
    contadas = []

    def pares():
        yield "Exportado por", "sofia (supervisor)"
        yield "Exportado el", datetime(2026, 12, 3, 17, 5)
        yield "Filas", len(contadas)

    def filas():
        for n in range(3):
            contadas.append(n)
            yield (n,)

    b = escribir_xlsx(None, [Hoja("Datos", (Columna("N", ENTERO),), filas()), hoja_informacion(pares())])
    libro = openpyxl.load_workbook(io.BytesIO(b))
    assert libro.sheetnames == ["Datos", "Información"]
    info = [tuple(c.value for c in fila) for fila in libro["Información"].iter_rows()]
    assert info == [("Dato", "Valor"), ("Exportado por", "sofia (supervisor)"), ("Exportado el", "03/12/2026 17:05"),
                    ("Filas", "3")]  # read after the data sheet was written
    assert libro["Información"].freeze_panes == "A2"


def test_hoja_vacia_tiene_cabecera_y_filtro():
    ws = _leer(escribir_xlsx(None, [Hoja("Datos", COLUMNAS[:3], [])]))
    assert ws.max_row == 1 and ws.auto_filter.ref == "A1:C1"


def test_avance_cada_mil_filas_y_al_final():
    llamadas = []
    escribir_xlsx(None, [Hoja("Datos", (Columna("N", ENTERO),), ((n,) for n in range(2500))),
                         Hoja("Otra", (Columna("N", ENTERO),), [(1,)])], al_avanzar=llamadas.append)
    assert llamadas == [1000, 2000, 2501]


class Cancelada(Exception):
    pass


def test_cancelar_no_deja_archivo_y_conserva_el_anterior(tmp_path):
    destino = tmp_path / "planilla.xlsx"
    destino.write_bytes(b"el archivo anterior")
    escritas = []

    def filas():
        for n in range(5000):
            escritas.append(n)
            yield (n,)

    def al_avanzar(n):
        if n >= 2000:
            raise Cancelada()

    with pytest.raises(Cancelada):
        escribir_xlsx(destino, [Hoja("Datos", (Columna("N", ENTERO),), filas())], al_avanzar=al_avanzar)
    assert len(escritas) == 2000  # stopped there, not after reading everything
    assert destino.read_bytes() == b"el archivo anterior"
    assert _sobrantes(tmp_path) == ["planilla.xlsx"]


def test_cancelar_sin_archivo_anterior(tmp_path):
    def al_avanzar(n):
        raise Cancelada()

    with pytest.raises(Cancelada):
        escribir_xlsx(tmp_path / "x.xlsx", [Hoja("Datos", (Columna("N"),), [("a",)])], al_avanzar=al_avanzar)
    assert _sobrantes(tmp_path) == []


@pytest.mark.parametrize(("columna", "bueno", "valor", "motivo"), [
    (Columna("Importe", DINERO), D("1.00"), 1234.56, "coma flotante"),
    (Columna("Importe", DINERO), "1.00", "1.234,56", "no es un número"),
    (Columna("Importe", DINERO), 1, D("NaN"), "no es un número finito"),
    (Columna("Versión", ENTERO), 1, D("2.5"), "no es un número entero"),
    (Columna("Fecha (PMI)", FECHA), date(2018, 1, 1), "03/05/2018", "no es una fecha"),
    (Columna("Período", PERIODO), "2018-01", "2018-13", "no es un período"),
    (Columna("%", PORCENTAJE), D("50"), True, "valor lógico"),
])
def test_valor_que_no_es_del_tipo(tmp_path, columna, bueno, valor, motivo):
    with pytest.raises(ErrorExportacion) as e:
        escribir_xlsx(tmp_path / "x.xlsx", [Hoja("Remuneraciones", (columna,), [(bueno,), (valor,)])])
    texto = str(e.value)
    assert f"Hoja «Remuneraciones», fila 3, columna «{columna.titulo}»" in texto  # row 1 is the header
    assert f"«{valor}»" in texto and motivo in texto
    assert _sobrantes(tmp_path) == []


def test_fila_con_otra_cantidad_de_valores(tmp_path):
    with pytest.raises(ErrorExportacion, match=r"Hoja «Datos», fila 2: tiene 1 valores y la hoja 2 columnas"):
        escribir_xlsx(tmp_path / "x.xlsx", [Hoja("Datos", (Columna("A"), Columna("B")), [("solo uno",)])])
    assert _sobrantes(tmp_path) == []


def test_carpeta_inexistente(tmp_path):
    destino = tmp_path / "no_existe" / "x.xlsx"
    with pytest.raises(ErrorArchivoExcel, match="la carpeta no existe") as e:
        escribir_xlsx(destino, [Hoja("Datos", (Columna("A"),), [("a",)])])
    assert "«x.xlsx»" in str(e.value)


def test_destino_que_es_una_carpeta(tmp_path):
    (tmp_path / "ocupado.xlsx").mkdir()
    with pytest.raises(ErrorArchivoExcel, match="No se pudo guardar «ocupado.xlsx»"):
        escribir_xlsx(tmp_path / "ocupado.xlsx", [Hoja("Datos", (Columna("A"),), [("a",)])])
    assert _sobrantes(tmp_path) == ["ocupado.xlsx"]


def test_titulos_de_hoja_validos():
    usados: set[str] = set()
    assert titulo_valido("Pagos/Saldos: 2019?", usados) == "Pagos-Saldos- 2019-"
    assert titulo_valido("Derechohabientes acreditados del siniestro", usados) == "Derechohabientes acreditados de"
    assert titulo_valido("derechohabientes ACREDITADOS de", usados) == "derechohabientes ACREDITADO (2)"
    assert titulo_valido("", usados) == "Hoja"
    b = escribir_xlsx(None, [Hoja("A:B", (Columna("x"),), []), Hoja("A/B", (Columna("x"),), [])])
    assert openpyxl.load_workbook(io.BytesIO(b)).sheetnames == ["A-B", "A-B (2)"]


def test_tipo_desconocido_y_sin_hojas():
    with pytest.raises(ValueError, match="tipo «moneda» desconocido"):
        Columna("Importe", "moneda")
    with pytest.raises(ValueError, match="No hay hojas"):
        escribir_xlsx(None, [])
    assert Columna("Nombre").tipo == TEXTO


def test_importes_grandes_exactos():
    """16 significant digits: every amount with centavos below 10^13 comes back exactly."""
    importes = [D("9999999999999.99"), D("1234567890123.45"), D("0.01"), D("-2801728.80")]
    ws = _leer(escribir_xlsx(None, [Hoja("Datos", (Columna("Importe", DINERO),), [(i,) for i in importes])]))
    assert [D(str(c.value)) for (c,) in ws.iter_rows(min_row=2)] == importes
