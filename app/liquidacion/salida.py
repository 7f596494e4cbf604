"""A `Resultado` as plain JSON-ready data: amounts as decimal strings with 2 decimals."""

from __future__ import annotations

from decimal import Decimal

from .dinero import texto_plano
from .intereses import Interes
from .motor import CONCEPTOS, Resultado, periodos_ripte_usados


def _m(valor: Decimal | None) -> str | None:
    return None if valor is None else texto_plano(valor, 2)


def _d(valor: Decimal | None, decimales: int) -> str | None:
    return None if valor is None else texto_plano(valor, decimales)


def _interes(i: Interes) -> dict:
    return {
        "desde": i.desde.isoformat(),
        "hasta": i.hasta.isoformat(),
        "dias": i.dias,
        "factor": str(i.factor),
        "capital": _m(i.capital),
        "intereses": _m(i.intereses),
        "total": _m(i.total),
    }


def parametros_usados(r: Resultado) -> dict:
    usados: dict = {
        "regimen": r.regimen.value,
        "fecha_ley_27348": r.regimenes.fecha_ley_27348.isoformat(),
        "opciones": {
            "ripte_referencia": r.caso.opciones.ripte_referencia,
            "iapu_base": r.caso.opciones.iapu_base,
        },
    }
    ripte = periodos_ripte_usados(r)
    if ripte:
        ib = r.ingreso_base
        usados["ripte_referencia"] = str(ib.ripte_referencia_periodo)
        usados["ripte"] = {str(p): str(v) for p, v in ripte.items()}
    if r.interes is not None:
        usados["tasas"] = [
            {"desde": t.desde.isoformat(), "hasta": t.hasta.isoformat(), "tna": str(t.tna), "dias": t.dias}
            for t in r.interes.tramos
        ]
    if r.montos is not None:
        m = r.montos
        usados["montos_srt"] = {
            "vigencia_desde": m.desde.isoformat(),
            "vigencia_hasta": m.hasta.isoformat(),
            "norma": m.norma,
            "piso": _m(m.piso),
            "capu_a": _m(m.capu_a),
            "capu_b": _m(m.capu_b),
            "capu_c": _m(m.capu_c),
            "iapu_minimo": _m(m.iapu_minimo),
        }
    else:
        usados["dec_1278"] = {"tope": _m(r.prestacion.tope), "capu_c": _m(r.prestacion.pago_adicional)}
    if r.gran_invalidez is not None:
        g = r.gran_invalidez
        usados["gran_invalidez"] = {
            "vigencia_desde": g.desde.isoformat(), "vigencia_hasta": g.hasta.isoformat(),
            "monto_mensual": _m(g.monto), "norma": g.norma,
        }
    return usados


def resultado_a_dict(r: Resultado) -> dict:
    ib = r.ingreso_base
    p = r.prestacion
    salida = {
        "tipo": r.caso.tipo.value,
        "regimen": r.regimen.value,
        "vib": _m(r.vib),
        "meses_con_remuneracion": ib.meses_con_remuneracion if ib else 0,
        "meses": [
            {
                "periodo": str(m.periodo),
                "remuneracion": _m(m.remuneracion),
                "sac": _m(m.sac),
                "importe": _m(m.importe),
                "ripte": None if m.ripte is None else str(m.ripte),
                "coeficiente": _d(m.coeficiente, 6),
                "actualizado": _m(m.actualizado),
            }
            for m in (ib.meses if ib else ())
        ],
        "total_salarios_actualizados": _m(ib.total) if ib else None,
        "metodo_ingreso_base": ib.metodo if ib else "vib_informado",
        "ripte_pmi": None if not ib or ib.ripte_referencia is None else str(ib.ripte_referencia),
        "dias_periodo": ib.dias_periodo if ib else None,
        "fecha_liquidacion": r.caso.fecha_liquidacion.isoformat(),
        "dias_interes": r.dias_interes,
        "factor_capitalizacion": _d(r.factor_capitalizacion, 6),
        "intereses": _m(r.intereses),
        "vib_con_interes": _m(r.vib_con_interes),
        "edad": r.edad,
        "tramo": p.tramo.value,
        "formula": {"texto": p.formula.texto, "importe": _m(p.formula.importe)},
        "piso_minimo": _m(p.piso_minimo),
        "aplica_piso": p.aplica_piso,
        "tope": _m(p.tope),
        "aplica_tope": p.aplica_tope,
        "capu_inciso": p.capu_inciso,
        "iapu_base": _m(p.iapu_base),
        "aplica_minimo_iapu": p.aplica_minimo_iapu,
        "pago_mensual": _m(p.pago_mensual),
        "pago_unico": _m(p.pago_unico),
        "pago_por_danio": _m(p.pago_por_danio),
        "pago_adicional": _m(p.pago_adicional),
        "total": _m(p.total),
        "reparto": [
            {
                "id": parte.id,
                "parentesco": parte.parentesco.value,
                "edad": parte.edad,
                "porcentaje": _d(parte.porcentaje, 4),
                "importe": _m(parte.importe),
                "conceptos": {c: _m(parte.conceptos[c]) for c in CONCEPTOS},
                "excluido": parte.excluido,
                "motivo": parte.motivo,
            }
            for parte in r.reparto
        ],
        "porcentajes_manuales": r.porcentajes_manuales,
        "parametros_usados": parametros_usados(r),
        "advertencias": list(r.advertencias),
    }
    if r.mora is not None:
        salida["mora"] = _interes(r.mora)
    return salida
