"""SIAPE: the stored liquidation as SiAPe shows it from the «SIAPE» button — «la totalidad de la
prestación, el % y el monto que corresponde a cada DH» (seed 003): every concept with its detail,
then each DH's share of each concept, with the totals row. Landscape, for the nine DH columns."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from . import formato as f
from .datos import DatosLiquidacionSiape
from .maqueta import GRIS_ETIQUETA, Columna, Documento

COLUMNAS_CONCEPTOS = [Columna("CONCEPTO", 34), Columna("MONTO", 30, "R"), Columna("DETALLE", 160)]
COLUMNAS_DH = [
    Columna("DERECHOHABIENTE", 52), Columna("CUIT-CUIL", 27, "C"), Columna("PARENTESCO", 27), Columna("%", 19, "R"),
    Columna("PAGO ÚNICO", 28, "R"), Columna("PAGO POR DAÑO", 28, "R"), Columna("PAGO ADICIONAL", 28, "R"),
    Columna("TOTAL DH", 28, "R"), Columna("ACREDITADO", 24, "C"),
]


def _capitalizar(texto: str | None) -> str | None:
    return texto[:1].upper() + texto[1:] if texto else texto


def liquidacion_siape(datos: DatosLiquidacionSiape, *, papel: str = "A4", creado: datetime | None = None) -> bytes:
    d = datos
    doc = Documento(papel=papel, titulo="Liquidación SIAPE", siniestro=d.siniestro,
                    pie=f"SIAPE — liquidación versión {d.version} del {f.fecha(d.fecha_liquidacion)}",
                    creado=creado, apaisado=True)
    doc.titulo("LIQUIDACIÓN — SIAPE", f"{d.prestacion} — {d.regimen}")
    doc.seccion("LIQUIDACIÓN")
    doc.formulario([
        ("Agente", d.apellido_nombre, "CUIL", f.cuit(d.cuil)),
        ("Organismo", d.organismo, "Siniestro", d.siniestro),
        ("Versión", str(d.version), "Fecha de liquidación", f.fecha(d.fecha_liquidacion)),
        ("Calculada por", d.calculada_por, "Calculada el", d.calculada_en),
        ("Régimen", d.regimen, "Derechohabientes", d.estado_derechohabientes),
    ], relativos=(18, 32, 18, 32))

    doc.seccion("CONCEPTOS", 40)
    filas = [[c.concepto, f.monto(c.importe), c.detalle] for c in d.conceptos]
    doc.tabla(COLUMNAS_CONCEPTOS, filas, total=["TOTAL", f.monto(d.total), "Suma de los conceptos."])
    doc.espacio(1)
    doc.parrafo(f"Son {f.en_letras(d.total)}.", tamanio=8.5, estilo="B", alto=4.3)

    if d.partes:
        doc.seccion("DERECHOHABIENTES: % Y MONTO DE CADA CONCEPTO", 26)
        filas = [[p.apellido_nombre + (f" — {p.motivo}" if p.motivo else ""), f.cuit(p.cuil),
                  _capitalizar(p.parentesco), f.porcentaje(p.porcentaje), f.monto(p.pago_unico),
                  f.monto(p.pago_por_danio), f.monto(p.pago_adicional), f.monto(p.importe), p.acreditado]
                 for p in d.partes]

        def suma(campo: str) -> Decimal:
            return sum((getattr(p, campo) for p in d.partes), Decimal("0.00"))

        total = ["TOTAL", None, None, f.porcentaje(suma("porcentaje")), f.monto(suma("pago_unico")),
                 f.monto(suma("pago_por_danio")), f.monto(suma("pago_adicional")), f.monto(suma("importe")), None]
        doc.tabla(COLUMNAS_DH, filas, total=total, tamanio=8)
    for aviso in d.avisos:
        doc.espacio(1.5)
        doc.fuente("B", 8.5)
        anchos = doc.anchos([100])
        doc.fila(anchos, [f"Revise la liquidación: {aviso}"], negrita=True, fondo=GRIS_ETIQUETA)
    return bytes(doc.output())
