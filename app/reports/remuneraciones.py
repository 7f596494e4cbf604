"""IMPRIMIR of REMUNERACIONES: the agent, the incapacity and the dates, the 12 months before the
PMI with their RIPTE update, the CÁLCULOS box and the note on how the ingreso base is computed;
all from one stored liquidation version (what the screen shows for that version)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from . import formato as f
from .datos import DatosHojaRemuneraciones
from .maqueta import GRIS_ETIQUETA, GRIS_TEXTO, Columna, Documento

METODO_27348 = "art12_ley27348"
METODO_ORIGINAL = "art12_original"

NOTA_27348 = (
    "A los fines del cálculo del valor del ingreso base se considera el promedio mensual de todos los salarios "
    "devengados —de conformidad con lo establecido por el artículo 1º del Convenio N° 95 de la OIT— por el "
    "trabajador durante el año anterior a la primera manifestación invalidante (PMI), o en el tiempo de "
    "prestación de servicio si fuera menor, actualizados mes a mes por el índice RIPTE: (remuneración + SAC) × "
    "RIPTE del período de la PMI / RIPTE del mes. Desde la PMI hasta la liquidación el ingreso base devenga el "
    "interés de la tasa activa cartera general nominal anual vencida a 30 días del Banco de la Nación "
    "Argentina (art. 12 Ley 24.557, texto según Ley 27.348)."
)
NOTA_ORIGINAL = (
    "PMI anterior a la Ley 27.348: el ingreso base es la suma de las remuneraciones (con SAC) del año anterior "
    "a la PMI, o del tiempo de servicio si fuera menor, dividida por los días corridos del período y "
    "multiplicada por 30,4 (art. 12 original de la Ley 24.557), sin actualización por RIPTE ni intereses."
)
NOTA_INFORMADO = ("El caso trae el ingreso base ya calculado y no incluye remuneraciones; desde la PMI hasta la "
                  "liquidación devenga los intereses que correspondan al régimen.")


def _meses(doc: Documento, d: DatosHojaRemuneraciones) -> None:
    ripte = d.metodo == METODO_27348
    titulo = "ÚLTIMAS 12 REMUNERACIONES"
    if ripte and d.ripte_pmi is not None:
        titulo += f" — RIPTE período PMI: {f.numero(d.ripte_pmi, 2)} ({f.periodo(d.ripte_pmi_periodo)})"
    doc.seccion(titulo, 30)
    rem = sum((m.remuneracion for m in d.meses), Decimal("0.00"))
    sac = sum((m.sac for m in d.meses), Decimal("0.00"))
    if ripte:
        columnas = [Columna("PERÍODO", 16, "C"), Columna("REMUNERACIONES", 28, "R"), Columna("SAC", 24, "R"),
                    Columna("RIPTE", 22, "R"), Columna("COEFICIENTE", 22, "R"),
                    Columna("(REM + SAC) × RIPTE", 30, "R")]
        filas = [[f.periodo(m.periodo), f.monto(m.remuneracion), f.monto(m.sac), f.numero(m.ripte, 2),
                  f.numero(m.coeficiente, 6), f.monto(m.actualizado)] for m in d.meses]
        total = ["TOTAL", f.monto(rem), f.monto(sac), None, None, f.monto(d.total_salarios)]
    else:
        columnas = [Columna("PERÍODO", 20, "C"), Columna("REMUNERACIONES", 40, "R"), Columna("SAC", 36, "R"),
                    Columna("REM + SAC (sin RIPTE)", 46, "R")]
        filas = [[f.periodo(m.periodo), f.monto(m.remuneracion), f.monto(m.sac), f.monto(m.actualizado)]
                 for m in d.meses]
        total = ["TOTAL", f.monto(rem), f.monto(sac), f.monto(d.total_salarios)]
    if filas:
        doc.tabla(columnas, filas, total=total)
    else:
        doc.parrafo("Sin remuneraciones: el ingreso base fue informado con el caso.", tamanio=8.5)


def filas_calculos(d: DatosHojaRemuneraciones) -> list[tuple[str, str | None]]:
    """The CÁLCULOS box in the screen's order, then the total of salaries."""
    if d.metodo == METODO_27348:
        vib = "VIB con RIPTE"
    elif d.metodo == METODO_ORIGINAL:
        vib = "VIB (art. 12 original)"
    else:
        vib = "VIB informado"
    filas = [
        (vib, f.monto(d.vib)),
        ("PMI / Accidente", f.fecha(d.fecha_pmi)),
        ("Fec. Liquidación", f.fecha(d.fecha_liquidacion)),
        ("Días de interés", f.numero(d.dias_interes, 0)),
        ("Factor de capitalización", f.numero(d.factor_capitalizacion, 6)),
        ("Intereses", f.monto(d.intereses)),
        ("VIB con interés", f.monto(d.vib_con_interes)),
    ]
    if d.metodo == METODO_ORIGINAL:
        filas.append(("TOTAL DE SALARIOS DEL PERÍODO", f.monto(d.total_salarios)))
        filas.append(("Días del período", f.numero(d.dias_periodo, 0)))
    else:
        filas.append(("TOTAL DE SALARIOS ACTUALIZADOS X RIPTE", f.monto(d.total_salarios)))
    return filas


def _calculos(doc: Documento, d: DatosHojaRemuneraciones) -> None:
    doc.seccion("CÁLCULOS", 50)
    anchos = doc.anchos([50, 50])
    for concepto, valor in filas_calculos(d):
        total = concepto.startswith(("TOTAL", "VIB con interés"))
        doc.fila(anchos, [concepto, valor], alinear=["L", "R"], negrita=[True, total],
                 fondo=[GRIS_ETIQUETA, GRIS_ETIQUETA if total else None], minimo=6.2)
    doc.espacio(1)
    doc.set_text_color(GRIS_TEXTO)
    doc.parrafo(f"Promedio sobre {f.numero(d.meses_con_remuneracion, 0)} mes(es) con remuneración. "
                f"Régimen: {d.regimen}.", tamanio=7.5, alto=3.6)
    doc.set_text_color(0)


def hoja_remuneraciones(datos: DatosHojaRemuneraciones, *, papel: str = "A4", creado: datetime | None = None) -> bytes:
    d = datos
    doc = Documento(papel=papel, titulo="Remuneraciones", siniestro=d.siniestro,
                    pie=f"Remuneraciones — liquidación versión {d.version} del {f.fecha(d.fecha_liquidacion)}",
                    creado=creado)
    doc.titulo("REMUNERACIONES", f"Cálculo del ingreso base mensual (VIB) — liquidación versión {d.version} "
                                 f"al {f.fecha(d.fecha_liquidacion)} — {d.regimen}")
    doc.seccion("AGENTE")
    doc.formulario([
        ("Apellido y Nombre", d.apellido_nombre, "CUIL", f.cuit(d.cuil)),
        ("Organismo", d.organismo, "Fecha nacim.", f.fecha(d.fecha_nacimiento)),
    ])
    doc.seccion("INCAPACIDAD LABORAL")
    porcentaje = None if d.porcentaje_incapacidad is None else f"{f.numero(d.porcentaje_incapacidad, 2)} %"
    doc.formulario([
        ("Tipo", d.incapacidad_tipo, "Grado", d.incapacidad_grado),
        ("Carácter", d.incapacidad_caracter, "Porc.", porcentaje),
    ])
    doc.seccion("FECHAS")
    doc.formulario([
        ("PMI / Accidente", f.fecha(d.fecha_pmi), "Inicio actividad", f.fecha(d.fecha_inicio_actividad)),
        ("Baja actividad", f.fecha(d.fecha_baja_actividad), "Fec. Liquidación", f.fecha(d.fecha_liquidacion)),
    ])
    _meses(doc, d)
    _calculos(doc, d)
    doc.espacio(2)
    nota = {METODO_27348: NOTA_27348, METODO_ORIGINAL: NOTA_ORIGINAL}.get(d.metodo, NOTA_INFORMADO)
    doc.parrafo(nota, tamanio=8, estilo="I", alto=3.9)
    for aviso in d.advertencias:
        doc.espacio(1)
        doc.parrafo(f"Advertencia: {aviso}", tamanio=8, alto=3.9)
    return bytes(doc.output())
