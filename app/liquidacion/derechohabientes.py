"""Who is a derechohabiente, in which order, and the shares of "Aplicar Porcentajes por Ley".

Art. 18 ap. 2 LRT (text of Dec. 1278/00) → art. 53 Ley 24.241; Dec. 410/01 art. 5; shares by
art. 98 Ley 24.241 normalised to 100 % (spec §5). Eligibility is judged at the date of death.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum

from .errores import DatoInvalido
from .fechas import ddmmaaaa, edad_cumplida
from .reparto import repartir

EDAD_LIMITE_HIJO = 21  # art. 18 ap. 2 LRT extends art. 53's 18 years to 21
EDAD_LIMITE_ESTUDIANTE = 25
ANIOS_CONVIVENCIA = Decimal(5)
ANIOS_CONVIVENCIA_CON_HIJOS = Decimal(2)
DIAS_MAXIMOS_GESTACION = 300  # CCyC art. 20: a child born within 300 days was conceived before
UNIDADES_PORCENTAJE = 10_000  # percentages carry 4 decimals: 100 % = 1,000,000 units
CIEN_POR_CIENTO = 100 * UNIDADES_PORCENTAJE

# Art. 98 Ley 24.241: spouse group 70 % without children with rights, 50 % with them; 20 % per child.
PESO_CONYUGE_SIN_HIJOS = 70
PESO_CONYUGE_CON_HIJOS = 50
PESO_HIJO = 20


class Parentesco(Enum):
    CONYUGE = "conyuge"
    CONVIVIENTE = "conviviente"
    HIJO = "hijo"
    PADRE = "padre"
    MADRE = "madre"
    FAMILIAR_A_CARGO = "familiar_a_cargo"

    @property
    def grupo(self) -> int:
        if self in (Parentesco.CONYUGE, Parentesco.CONVIVIENTE, Parentesco.HIJO):
            return 1
        if self in (Parentesco.PADRE, Parentesco.MADRE):
            return 2
        return 3

    @property
    def etiqueta(self) -> str:
        return _ETIQUETAS[self]


_ETIQUETAS = {
    Parentesco.CONYUGE: "cónyuge",
    Parentesco.CONVIVIENTE: "conviviente",
    Parentesco.HIJO: "hijo/a",
    Parentesco.PADRE: "padre",
    Parentesco.MADRE: "madre",
    Parentesco.FAMILIAR_A_CARGO: "familiar a cargo",
}


@dataclass(frozen=True, slots=True)
class Derechohabiente:
    id: str
    parentesco: Parentesco
    fecha_nacimiento: date | None = None
    estudiante: bool = False
    incapacitado: bool = False
    casado: bool = False  # art. 53: only unmarried (or widowed) children
    anios_convivencia: Decimal | None = None  # None: cohabitation taken as accredited
    hijos_en_comun: bool = False
    culpable_separacion: bool = False  # spouse declared guilty: excluded by a conviviente
    porcentaje: Decimal | None = None  # manual share (liquidator), 4 decimals


@dataclass(frozen=True, slots=True)
class Elegibilidad:
    dh: Derechohabiente
    elegible: bool
    grupo: int
    edad: int | None
    motivo: str  # why excluded; a note when eligible under a condition


def _hijo(dh: Derechohabiente, fallecimiento: date, campo: str) -> tuple[bool, int | None, str]:
    if dh.fecha_nacimiento is None:
        raise DatoInvalido(f"{campo}.fecha_nacimiento", "falta la fecha de nacimiento del hijo/a")
    if dh.fecha_nacimiento > fallecimiento:
        if dh.fecha_nacimiento - fallecimiento > timedelta(days=DIAS_MAXIMOS_GESTACION):
            raise DatoInvalido(
                f"{campo}.fecha_nacimiento",
                f"el {ddmmaaaa(dh.fecha_nacimiento)} es más de 300 días posterior al fallecimiento",
            )
        return True, 0, "hijo/a póstumo/a (concebido/a a la fecha de fallecimiento, art. 20 CCyC)"
    edad = edad_cumplida(dh.fecha_nacimiento, fallecimiento)
    if dh.casado:
        return False, edad, f"hijo/a de {edad} años casado/a (art. 53 Ley 24.241: solo hijos solteros)"
    if dh.incapacitado:
        return True, edad, "" if edad < EDAD_LIMITE_HIJO else f"hijo/a de {edad} años incapacitado/a: sin límite de edad"
    if edad < EDAD_LIMITE_HIJO:
        return True, edad, ""
    if edad < EDAD_LIMITE_ESTUDIANTE:
        if dh.estudiante:
            return True, edad, f"hijo/a de {edad} años estudiante a cargo (hasta 25 años)"
        return False, edad, f"hijo/a de {edad} años sin certificado de estudios (límite 21 años, 25 si estudia)"
    return False, edad, f"hijo/a de {edad} años: supera el límite de edad (21 años, 25 si estudia)"


def _conviviente(dh: Derechohabiente) -> tuple[bool, str]:
    if dh.anios_convivencia is None:
        return True, ""
    requeridos = ANIOS_CONVIVENCIA_CON_HIJOS if dh.hijos_en_comun else ANIOS_CONVIVENCIA
    if dh.anios_convivencia >= requeridos:
        return True, ""
    return False, (
        f"conviviente con {dh.anios_convivencia} años de convivencia: se requieren 5, "
        "o 2 con hijos reconocidos por ambos (art. 53 Ley 24.241)"
    )


def _validar_unicos(dhs: list[Derechohabiente]) -> None:
    vistos: set[str] = set()
    unicos = {Parentesco.CONYUGE: None, Parentesco.PADRE: None, Parentesco.MADRE: None}
    for i, dh in enumerate(dhs):
        if dh.id in vistos:
            raise DatoInvalido(f"derechohabientes[{i}].id", f"el id «{dh.id}» está repetido")
        vistos.add(dh.id)
        if dh.parentesco in unicos:
            if unicos[dh.parentesco] is not None:
                raise DatoInvalido(
                    f"derechohabientes[{i}].parentesco",
                    f"hay más de un/a {dh.parentesco.etiqueta} (ya figura en derechohabientes[{unicos[dh.parentesco]}])",
                )
            unicos[dh.parentesco] = i


def evaluar(dhs: list[Derechohabiente], fallecimiento: date) -> list[Elegibilidad]:
    """Eligibility of every candidate at the date of death, with the reason for each exclusion."""
    _validar_unicos(dhs)
    previas: list[tuple[bool, int | None, str]] = []
    for i, dh in enumerate(dhs):
        campo = f"derechohabientes[{i}]"
        edad = edad_cumplida(dh.fecha_nacimiento, fallecimiento) if dh.fecha_nacimiento and dh.fecha_nacimiento <= fallecimiento else None
        if dh.parentesco is Parentesco.HIJO:
            previas.append(_hijo(dh, fallecimiento, campo))
        elif dh.parentesco is Parentesco.CONVIVIENTE:
            ok, motivo = _conviviente(dh)
            previas.append((ok, edad, motivo))
        else:
            previas.append((True, edad, ""))

    hay_conviviente = any(
        ok and dh.parentesco is Parentesco.CONVIVIENTE for dh, (ok, _, _) in zip(dhs, previas)
    )
    resultado = []
    for dh, (ok, edad, motivo) in zip(dhs, previas):
        if ok and dh.parentesco is Parentesco.CONYUGE and dh.culpable_separacion and hay_conviviente:
            ok, motivo = False, "cónyuge declarado/a culpable de la separación: lo/a excluye el/la conviviente (art. 53 Ley 24.241)"
        resultado.append([dh, ok, dh.parentesco.grupo, edad, motivo])

    grupos_con_elegibles = {g for _, ok, g, _, _ in resultado if ok}
    grupo_vigente = min(grupos_con_elegibles) if grupos_con_elegibles else None
    for fila in resultado:
        dh, ok, grupo, edad, motivo = fila
        if ok and grupo != grupo_vigente:
            fila[1] = False
            fila[4] = (
                "desplazado/a por derechohabientes de orden anterior (cónyuge, conviviente o hijos)"
                if grupo_vigente == 1
                else "desplazado/a por el padre o la madre del trabajador/a (art. 18 ap. 2 LRT)"
            )
    return [Elegibilidad(dh, ok, g, edad, motivo) for dh, ok, g, edad, motivo in resultado]


def orden_desempate(elegibilidades: list[Elegibilidad]) -> list[int]:
    """Rank for ties in the cent split: spouse/conviviente first, then older children first,
    then parents and relatives in the order given."""
    def clave(i: int):
        e = elegibilidades[i]
        p = e.dh.parentesco
        rango = {Parentesco.CONYUGE: 0, Parentesco.CONVIVIENTE: 1, Parentesco.HIJO: 2}.get(p, 3)
        nacimiento = e.dh.fecha_nacimiento.toordinal() if (p is Parentesco.HIJO and e.dh.fecha_nacimiento) else 0
        return (rango, nacimiento, i)

    orden = sorted(range(len(elegibilidades)), key=clave)
    prioridad = [0] * len(elegibilidades)
    for rango, i in enumerate(orden):
        prioridad[i] = rango
    return prioridad


def pesos_por_ley(elegibilidades: list[Elegibilidad]) -> list[int]:
    """Integer weights of "Aplicar Porcentajes por Ley" (0 for the excluded)."""
    elegibles = [e for e in elegibilidades if e.elegible]
    if not elegibles:
        return [0] * len(elegibilidades)
    if elegibles[0].grupo != 1:
        return [1 if e.elegible else 0 for e in elegibilidades]  # parents / relatives: equal parts
    hijos = sum(1 for e in elegibles if e.dh.parentesco is Parentesco.HIJO)
    conyuges = sum(1 for e in elegibles if e.dh.parentesco is not Parentesco.HIJO)
    grupo_conyuge = PESO_CONYUGE_CON_HIJOS if hijos else PESO_CONYUGE_SIN_HIJOS
    pesos = []
    for e in elegibilidades:
        if not e.elegible:
            pesos.append(0)
        elif e.dh.parentesco is Parentesco.HIJO:
            # scaled by the number of spouses, so a shared spouse share stays an integer weight
            pesos.append(PESO_HIJO * max(conyuges, 1))
        else:
            pesos.append(grupo_conyuge)
    return pesos


def pesos_manuales(elegibilidades: list[Elegibilidad]) -> list[int]:
    """Weights from the liquidator's percentages: every eligible DH needs one, they add up to 100."""
    pesos = []
    for i, e in enumerate(elegibilidades):
        campo = f"derechohabientes[{i}].porcentaje"
        p = e.dh.porcentaje
        if not e.elegible:
            if p is not None and p != 0:
                raise DatoInvalido(campo, f"no puede recibir porcentaje: {e.motivo}")
            pesos.append(0)
            continue
        if p is None:
            raise DatoInvalido(campo, "falta el porcentaje (si se cargan porcentajes, van para todos los derechohabientes)")
        pesos.append(int(p * UNIDADES_PORCENTAJE))
    if sum(pesos) != CIEN_POR_CIENTO:
        raise DatoInvalido(
            "derechohabientes",
            f"los porcentajes suman {Decimal(sum(pesos)) / UNIDADES_PORCENTAJE:.4f} %; deben sumar 100,0000 %",
        )
    return pesos


def porcentajes(pesos: list[int], prioridad: list[int]) -> list[Decimal]:
    """Percentages with 4 decimals that add up to exactly 100.0000 (largest remainder)."""
    if sum(pesos) == 0:
        return [Decimal("0.0000")] * len(pesos)
    unidades = repartir(CIEN_POR_CIENTO, pesos, prioridad)
    return [(Decimal(u) / UNIDADES_PORCENTAJE).quantize(Decimal("0.0001")) for u in unidades]
