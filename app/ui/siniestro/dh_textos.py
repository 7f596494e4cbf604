"""The sentences of the DERECHOHABIENTE window, built from `situacion_derechohabientes(...)`:
pure functions (no Qt), so the window only places them."""

from __future__ import annotations

from html import escape

from .. import formato
from .comun import fecha
from .dh_modelo import datos_de_pago, derecho
from .pago_comun import fecha_hora

NBSP = "\u00a0"  # keeps «$ 1.234,56» on one line
# the date the office records, by regime: (label of the field, label in the header box)
ETIQUETAS_FECHA = {
    "fecha_pre_acuerdo": ("Fecha de Pre-Acuerdo (Ley 27.348)", "Pre-Acuerdo"),
    "fecha_puesta_disposicion": ("Fecha de Puesta a Disposición", "Puesta a disposición"),
}


def _plural(n: int, palabra: str) -> str:
    return f"{n} {palabra}{'' if n == 1 else 's'}"


def nota_fecha(s: dict) -> str:
    """What the date means in the siniestro's regime (seed 003)."""
    if s["campo_fecha"] == "fecha_pre_acuerdo":
        que = "fecha de citación de los derechohabientes para celebrar la propuesta de acuerdo."
    else:
        que = "el pago vence a los 15 días corridos de acreditados los derechohabientes."
    return f"Régimen {s['regimen']}: {que}"


def acreditados_el(s: dict) -> str:
    # stored in UTC: the local day (an accreditation at 22:30 in Buenos Aires is 01:30 UTC next day)
    return fecha_hora(s["acreditado_en"]).split(" ")[0] if s.get("acreditado_en") else formato.VACIO


def resumen(s: dict) -> str:
    """One paragraph: how many DH and with right, accreditation, where the shares come from and
    which liquidation the amounts are from."""
    dhs = s["derechohabientes"]
    con_derecho = sum(1 for d in dhs if d.get("elegible"))
    partes = [f"{_plural(len(dhs), 'derechohabiente')} cargado{'' if len(dhs) == 1 else 's'}, "
              f"{con_derecho} con derecho al {fecha(s['fecha_fallecimiento'])} (fallecimiento)."]
    if s["acreditado"]:
        acreditados = sum(1 for d in dhs if d.get("acreditado"))
        partes.append(f"Acreditados {acreditados} el {acreditados_el(s)}: no se pueden incorporar ni modificar "
                      "derechohabientes.")
    if s["porcentajes_manuales"]:
        partes.append(f"Porcentajes cargados a mano. Motivo: «{s['motivo_porcentajes']}».")
    elif dhs and all(d.get("porcentaje") is not None for d in dhs):
        partes.append("Porcentajes por ley.")
    elif dhs and s["acreditado"]:
        partes.append("Porcentajes: los de ley.")
    elif dhs:
        partes.append("Porcentajes de ley todavía no aplicados (en cursiva): «Aplicar Porcentajes por Ley» los guarda.")
    liq = s["liquidacion"]
    if liq:
        partes.append(f"Importes de la liquidación versión {liq['version']} al {fecha(liq['fecha_liquidacion'])} "
                      f"(total {formato.pesos(liq['total']).replace(' ', NBSP)}).")
    return " ".join(partes)


def avisos(s: dict) -> list[str]:
    """What stands in the way of accrediting (shown in amber)."""
    lineas = []
    if s["error_elegibilidad"]:
        lineas.append(f"No se puede determinar quién tiene derecho: {s['error_elegibilidad']}")
    liq = s["liquidacion"]
    if not s["acreditado"]:
        if liq is None:
            lineas.append("El siniestro no tiene liquidación: calcúlela (CALCULAR) antes de acreditar.")
        elif not liq["vigente"]:
            lineas.append(f"Los datos cambiaron después de la liquidación versión {liq['version']}: los importes no "
                          "están al día. Calcule de nuevo (CALCULAR) antes de acreditar.")
    return lineas


def bloqueo_acreditado(s: dict) -> str:
    return (f"Los derechohabientes ya fueron acreditados el {acreditados_el(s)}: queda vedado incorporarlos o "
            "modificarlos.")


def detalle(dh: dict | None) -> str:
    """The line under the grid about the chosen DH (rich text)."""
    if dh is None:
        return "Elija un derechohabiente para ver su domicilio, CBU, letrado/a y motivo."
    partes = [f"<b>{escape(dh['apellido_nombre'])}</b>"]
    partes += [f"{etiqueta}: {escape(texto)}" for etiqueta, texto in datos_de_pago(dh)]
    if dh.get("motivo"):
        partes.append(f"Derecho: {escape(derecho(dh))}")
    return " · ".join(partes)


def confirmacion_acreditar(numero: str, marcados: list[dict], etiqueta_parentesco) -> tuple[str, str]:
    """The question and its detail (who, one per line) before accrediting."""
    n = len(marcados)
    texto = (f"¿Acreditar a los {n} derechohabientes seleccionados del siniestro {numero}?" if n > 1
             else f"¿Acreditar al derechohabiente seleccionado del siniestro {numero}?")
    quienes = "\n".join(f"• {d['apellido_nombre']} ({etiqueta_parentesco(d['parentesco'])})" for d in marcados)
    return texto, f"{quienes}\n\nDespués no se podrán incorporar ni modificar derechohabientes."
