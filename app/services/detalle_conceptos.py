"""The «Detalle» of each concept of a stored liquidation, in Spanish: what CALCULAR shows beside
each amount and what the SIAPE sheet prints. One wording for the screen and the paper.

Each function takes the stored result dict (app/liquidacion/salida.py) and, for the IAPU, the
case as given to the engine (its `in_itinere`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.liquidacion.dinero import formato_ar

REGIMENES_CON_IAPU = ("Ley 26.773", "Ley 27.348")


def _pesos(valor) -> str:
    return "—" if valor is None else f"$ {formato_ar(Decimal(str(valor)), 2)}"


def _fecha(iso: str | None) -> str:
    return "—" if not iso else date.fromisoformat(iso).strftime("%d/%m/%Y")


def montos_srt(r: dict) -> dict | None:
    return (r.get("parametros_usados") or {}).get("montos_srt")


def detalle_mensual(r: dict) -> str:
    gi = (r.get("parametros_usados") or {}).get("gran_invalidez")
    if gi:
        return (f"Gran invalidez: {_pesos(gi.get('monto_mensual'))} por mes ({gi.get('norma')}, vigente del "
                f"{_fecha(gi.get('vigencia_desde'))} al {_fecha(gi.get('vigencia_hasta'))}).")
    return "No corresponde: solo la gran invalidez tiene un pago mensual."


def detalle_unico(r: dict) -> str:
    partes = [f"Fórmula: {(r.get('formula') or {}).get('texto', '—')}"]
    piso = r.get("piso_minimo")
    if piso is not None:
        partes.append(f"Se aplica el piso mínimo de {_pesos(piso)} (la fórmula da menos)." if r.get("aplica_piso")
                      else f"Piso mínimo {_pesos(piso)}: no se aplica (la fórmula lo supera).")
    tope = r.get("tope")
    if tope is not None:
        partes.append(f"Se aplica el tope del Decreto 1278/2000: {_pesos(tope)}." if r.get("aplica_tope")
                      else f"Tope del Decreto 1278/2000: {_pesos(tope)} (no se alcanza).")
    m = montos_srt(r)
    if m:
        partes.append(f"Montos SRT: {m.get('norma')}, semestre del {_fecha(m.get('vigencia_desde'))} al "
                      f"{_fecha(m.get('vigencia_hasta'))}.")
    return "\n".join(partes)


def detalle_danio(r: dict, entrada: dict) -> str:
    base = r.get("iapu_base")
    if base is not None:
        opcion = ((r.get("parametros_usados") or {}).get("opciones") or {}).get("iapu_base")
        sobre = "pago único + CAPU" if opcion == "con_capu" else "pago único"
        texto = f"IAPU: 20 % de {_pesos(base)} ({sobre}), art. 3 Ley 26.773."
        if r.get("aplica_minimo_iapu"):
            texto += f"\nSe aplica el mínimo de IAPU: {_pesos((montos_srt(r) or {}).get('iapu_minimo'))}."
        return texto
    if entrada.get("in_itinere") is True:
        return "Accidente in itinere: no corresponde la IAPU (art. 3 Ley 26.773)."
    if r.get("regimen") not in REGIMENES_CON_IAPU:
        return f"No corresponde: el régimen {r.get('regimen')} no tiene IAPU."
    return "No corresponde."


def detalle_adicional(r: dict) -> str:
    inciso = r.get("capu_inciso")
    if not inciso:
        return "No corresponde CAPU para una incapacidad de hasta el 50 %."
    texto = f"CAPU inciso {inciso}) del art. 11 inc. 4 Ley 24.557"
    m = montos_srt(r)
    if m:
        return f"{texto}, según {m.get('norma')}."
    if "dec_1278" in (r.get("parametros_usados") or {}):
        return f"{texto}, monto fijo del Decreto 1278/2000."
    return f"{texto}."
