"""The «Prestaciones Dinerarias / Administración» grid for the UI: the UI never touches a session.

`buscar` / `contar` wrap `app.services.consultas` (filtered and paged in SQL) inside a read
session of the `Contexto`; `derechohabientes_acreditados` brings the accredited DH of a page of
siniestros (the green rows under each black one) in one query; `organismos` fills the combo.

Filters (a dict, every key optional): `organismo_id` (int or None = all), `apellido` (prefix,
accents and case ignored), `cuil` (prefix, dashes allowed), `solo_mortales` (bool).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import func, select

from app.models import Derechohabiente, Liquidacion, Organismo, Pago
from app.services.consultas import buscar_siniestros, contar_siniestros
from app.services.nucleo import Contexto

FILTROS = ("organismo_id", "apellido", "cuil", "solo_mortales")
ORDEN = ("orden", "descendente")  # how the page is sorted (not a filter: counting ignores them)

_D = Derechohabiente.__table__
_L = Liquidacion.__table__
_P = Pago.__table__
_O = Organismo.__table__


def argumentos_de_filtros(filtros: dict | None) -> dict:
    filtros = filtros or {}
    desconocidos = set(filtros) - set(FILTROS) - set(ORDEN)
    if desconocidos:
        raise ValueError(f"filtros desconocidos: {sorted(desconocidos)}")
    return {
        "organismo_id": filtros.get("organismo_id"),
        "apellido": (filtros.get("apellido") or "").strip() or None,
        "cuil": (filtros.get("cuil") or "").strip() or None,
        "solo_mortales": bool(filtros.get("solo_mortales")),
    }


def buscar(ctx: Contexto, filtros: dict | None, limite: int = 200, desplazamiento: int = 0) -> list[dict]:
    """One page of siniestros (see `consultas.buscar_siniestros` for the keys of each row)."""
    argumentos = argumentos_de_filtros(filtros)
    argumentos["orden"] = (filtros or {}).get("orden") or "apellido"
    argumentos["descendente"] = bool((filtros or {}).get("descendente"))
    with ctx.lectura() as sesion:
        return buscar_siniestros(sesion, limite=limite, desplazamiento=desplazamiento, **argumentos)


def contar(ctx: Contexto, filtros: dict | None) -> int:
    """How many siniestros the filters find."""
    argumentos = argumentos_de_filtros(filtros)
    with ctx.lectura() as sesion:
        return contar_siniestros(sesion, **argumentos)


def derechohabientes_acreditados(ctx: Contexto, siniestro_ids: Iterable[int]) -> dict[int, list[dict]]:
    """Accredited DH of the given siniestros, by siniestro id (siniestros with none are absent).

    Each DH: id, apellido_nombre, cuil, parentesco, porcentaje and importe (its share in the
    `reparto` of the siniestro's latest liquidation; None if not there), pagado (sum of its
    payments, Decimal; None if none). One query: the latest liquidation and the sum paid are
    correlated look-ups per DH row; the JSON `reparto` is read once per siniestro."""
    with ctx.lectura() as sesion:
        return derechohabientes_en_sesion(sesion, siniestro_ids)


def derechohabientes_en_sesion(sesion, siniestro_ids: Iterable[int]) -> dict[int, list[dict]]:
    """`derechohabientes_acreditados` inside a session the caller holds (the Excel export reads
    the siniestros and their DH in one transaction)."""
    ids = sorted({int(i) for i in siniestro_ids})
    if not ids:
        return {}
    ultima = (
        select(_L.c.resultado)
        .where(_L.c.siniestro_id == _D.c.siniestro_id)
        .order_by(_L.c.version.desc())
        .limit(1)
        .correlate(_D)
        .scalar_subquery()
    )
    pagado = (
        select(func.sum(_P.c.importe))
        .where(_P.c.derechohabiente_id == _D.c.id)
        .correlate(_D)
        .scalar_subquery()
    )
    consulta = (
        select(_D.c.id, _D.c.siniestro_id, _D.c.apellido_nombre, _D.c.cuil, _D.c.parentesco,
               _D.c.porcentaje, ultima.label("resultado"), pagado.label("pagado"))
        .where(_D.c.siniestro_id.in_(ids), _D.c.acreditado.is_(True))
        .order_by(_D.c.siniestro_id, _D.c.id)
    )
    salida: dict[int, list[dict]] = {}
    repartos: dict[int, dict[str, dict]] = {}
    for fila in sesion.execute(consulta):
        if fila.siniestro_id not in repartos:
            resultado = fila.resultado or {}
            repartos[fila.siniestro_id] = {str(p.get("id")): p for p in resultado.get("reparto", []) or []}
        parte = repartos[fila.siniestro_id].get(str(fila.id)) or {}
        porcentaje = fila.porcentaje
        if porcentaje is None and parte.get("porcentaje") is not None:
            porcentaje = Decimal(str(parte["porcentaje"]))
        salida.setdefault(fila.siniestro_id, []).append({
            "id": fila.id,
            "siniestro_id": fila.siniestro_id,
            "apellido_nombre": fila.apellido_nombre,
            "cuil": fila.cuil,
            "parentesco": fila.parentesco,
            "porcentaje": porcentaje,
            "importe": Decimal(str(parte["importe"])) if parte.get("importe") is not None else None,
            "pagado": fila.pagado,
        })
    return salida


def organismos(ctx: Contexto) -> list[dict]:
    """Every organismo (id, codigo, nombre), by name."""
    with ctx.lectura() as sesion:
        return [dict(f._mapping) for f in sesion.execute(
            select(_O.c.id, _O.c.codigo, _O.c.nombre).order_by(_O.c.nombre, _O.c.id))]
