"""Cent-exact split of an amount by integer weights, largest remainder (spec §5)."""

from __future__ import annotations


def repartir(total: int, pesos: list[int], prioridad: list[int] | None = None) -> list[int]:
    """Split `total` units among `pesos` so the parts add up exactly to `total`.

    Each part is floor(total × w / W); the units left go one each to the largest remainders,
    ties broken by `prioridad` (lower first; default: list order).
    """
    if total < 0:
        raise ValueError("el total a repartir no puede ser negativo")
    if any(p < 0 for p in pesos):
        raise ValueError("los pesos no pueden ser negativos")
    suma = sum(pesos)
    if suma == 0:
        raise ValueError("no hay pesos para repartir")
    if prioridad is None:
        prioridad = list(range(len(pesos)))
    partes = [total * p // suma for p in pesos]
    restos = [total * p % suma for p in pesos]
    sobrante = total - sum(partes)
    orden = sorted(range(len(pesos)), key=lambda i: (-restos[i], prioridad[i]))
    for i in orden[:sobrante]:
        partes[i] += 1
    return partes
