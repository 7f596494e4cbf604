"""Fake but realistic data to try the program and to measure it: `generar_demo(motor, agentes)`.

What it writes (all in ONE transaction: a crash or an error leaves the store as it was):

- ~20 provincial organismos (reused when their code already exists);
- `agentes` agentes with valid CUILs (check digit by the AFIP rule, prefix 23 when the digit would
  be 10), Spanish names with accents and ñ («Núñez, María José»), `busqueda` normalised, born
  1955–2000, spread over the organismos by plausible sizes;
- their families: spouse or conviviente, 0–4 children of every age (21–25-year-olds partly
  students, a few incapacitated), sometimes parents; valid CUILs and CBUs;
- **exactly one siniestro per agente** (so the Administración grid of a demo with N agentes has N
  rows, which is what the benchmark measures): ~25 % muerte, ~75 % ILP, ~20 % in itinere, PMI
  2015–2026, in every estado (denunciado … cerrado) with dates consistent with the estado;
- the 12 monthly salaries before each PMI (RIPTE-scaled, so plausible for the year; SAC in June and
  December; fewer months when the agent started less than a year before);
- for deaths past «en_liquidacion»: derechohabientes copied from the family, accredited from
  «acreditado» on, and one payment per accredited DH from «pagado» on (the share of the latest
  liquidation split by law, cent-exact). The model ties a `pago` to a derechohabiente, so ILP
  siniestros get no payment rows even when «pagado»;
- liquidations from «liquidado» on (half of those «en_liquidacion» have a draft), ~15 % with a
  second version. With `calcular=False` (default, fast) the total is an APPROXIMATION of the law's
  formula and `resultado` says so (`{"demo": true, "total", "nota", "reparto": [each DH's share by
  id, as the engine writes it]}`); with `calcular=True` every liquidation
  is computed by the real engine (`entrada` = the case in the JSON contract, `resultado` = the
  engine's output, payments = the engine's split): ~1 ms and ~20 KB per liquidation, for stores of
  a few thousand agents. A case the engine refuses (e.g. a day missing in the rate table) keeps the
  approximation and the engine's message in `resultado["error_motor"]`; the returned
  `liquidaciones_aproximadas` counts them;
- one audit row («generar_demo»).

Everything is derived from `semilla` and a fixed reference date (`FECHA_CORTE`), never from the
clock, so the same seed gives the same rows. Rows go in with SQLAlchemy Core `insert()`
executemany, in batches of plain dicts through the models' Table objects (money as Decimal through
the `Dinero` type → integer centavos). Ids are assigned here (fast, deterministic); on PostgreSQL
the id sequences are moved past them before committing.
"""

from __future__ import annotations

import bisect
import csv
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from sqlalchemy import Engine, func, insert, select, text

from app.liquidacion.dinero import texto_plano

from app import config
from app.errors import DatosInvalidos, ErrorBaseDatos, ReglaIncumplida
from app.liquidacion.derechohabientes import Derechohabiente as DHMotor
from app.liquidacion.derechohabientes import (
    Parentesco,
    evaluar,
    orden_desempate,
    pesos_por_ley,
)
from app.liquidacion.fechas import edad_cumplida
from app.liquidacion.reparto import repartir
from app.models import (
    Agente,
    Auditoria,
    Derechohabiente,
    Familiar,
    Liquidacion,
    Organismo,
    Pago,
    ParametroVersion,
    Remuneracion,
    Siniestro,
    ahora,
    normalizar_busqueda,
)

from .demo_datos import (
    APELLIDOS,
    BANCOS,
    CALLES,
    LETRADOS,
    LOCALIDADES,
    NOMBRES_F,
    NOMBRES_M,
    ORGANISMOS,
    TIPOS_ACCIDENTE,
    USUARIOS_LIQUIDADORES,
    cbu_valido,
    cuil_valido,
    cuit_organismo,
)

FECHA_CORTE = date(2026, 9, 30)  # the demo's "today": no date after it (parameter tables reach it)
PMI_DESDE = date(2015, 1, 1)
PMI_HASTA = date(2026, 6, 30)
FECHA_LEY_27348 = date(2017, 3, 5)
RIPTE_A_PESOS = 10  # the RIPTE index (base 1994 = 100) × 10 ≈ the average wage in pesos of that month
LOTE_AGENTES = 1000  # agentes per batch (their families, salaries, siniestros… go in the same batch)
USUARIO_DEMO = "demo"
ESTADOS = ("denunciado", "en_liquidacion", "liquidado", "acreditado", "pagado", "cerrado")
NOTA_APROXIMADA = ("Liquidación de demostración: total aproximado, no calculado por el motor. "
                   "Recalcule el siniestro para obtener la liquidación real.")

# ------------------------------------------------------------------ parameter tables (bundled)

def _leer_csv(nombre: str) -> list[dict]:
    with (Path(config.parametros_dir()) / nombre).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@dataclass
class _Tablas:
    ripte: dict[str, Decimal]
    montos_desde: list[date]
    montos: list[dict]
    _centavos: dict[str, int] = field(default_factory=dict)

    @classmethod
    def cargar(cls) -> _Tablas:
        ripte = {f["periodo"]: Decimal(f["indice"]) for f in _leer_csv("ripte.csv")}
        filas = sorted(_leer_csv("srt_montos.csv"), key=lambda f: f["vigencia_desde"])
        montos = [{k: (Decimal(f[k]) if f[k] else Decimal(0)) for k in
                   ("piso", "capu_a", "capu_b", "capu_c", "iapu_minimo")} for f in filas]
        return cls(ripte, [date.fromisoformat(f["vigencia_desde"]) for f in filas], montos)

    def ripte_de(self, periodo: str) -> Decimal:
        valor = self.ripte.get(periodo)
        if valor is None:  # outside the table: the nearest month it has
            claves = sorted(self.ripte)
            valor = self.ripte[claves[0] if periodo < claves[0] else claves[-1]]
        return valor

    def ripte_centavos(self, periodo: str) -> int:
        valor = self._centavos.get(periodo)
        if valor is None:
            valor = self._centavos[periodo] = int(self.ripte_de(periodo) * 100)
        return valor

    def montos_de(self, fecha: date) -> dict:
        i = bisect.bisect_right(self.montos_desde, fecha) - 1
        return self.montos[max(i, 0)]


# ------------------------------------------------------------------ helpers

def _periodo(anio: int, mes: int) -> str:
    return f"{anio:04d}-{mes:02d}"


def _meses_antes(fecha: date, n: int) -> tuple[int, int]:
    indice = fecha.year * 12 + fecha.month - 1 - n
    return indice // 12, indice % 12 + 1


def _sumar_anios(fecha: date, anios: int) -> date:
    try:
        return fecha.replace(year=fecha.year + anios)
    except ValueError:  # 29 February
        return fecha.replace(year=fecha.year + anios, day=28)


def _dinero(centavos: int) -> Decimal:
    return Decimal(centavos).scaleb(-2)


def _cent(valor: Decimal) -> Decimal:
    return valor.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _momento(fecha: date, rng: random.Random) -> datetime:
    return datetime.combine(fecha, time(8 + rng.randrange(9), rng.randrange(60), rng.randrange(60)))


@dataclass
class _Lote:
    """Rows of one batch, per table, in foreign-key order."""

    agente: list[dict] = field(default_factory=list)
    familiar: list[dict] = field(default_factory=list)
    remuneracion: list[dict] = field(default_factory=list)
    siniestro: list[dict] = field(default_factory=list)
    derechohabiente: list[dict] = field(default_factory=list)
    liquidacion: list[dict] = field(default_factory=list)
    pago: list[dict] = field(default_factory=list)


TABLAS_LOTE = (
    ("agente", Agente), ("familiar", Familiar), ("remuneracion", Remuneracion), ("siniestro", Siniestro),
    ("derechohabiente", Derechohabiente), ("liquidacion", Liquidacion), ("pago", Pago),
)


# ------------------------------------------------------------------ the generator

class _Generador:
    def __init__(self, semilla: int, organismo_ids: list[int], ids: dict[str, int], tablas: _Tablas,
                 parametros_motor=None):
        self.rng = random.Random(semilla)
        self.organismo_ids = organismo_ids
        self.pesos_organismo = [o[2] for o in ORGANISMOS][: len(organismo_ids)]
        self.ids = dict(ids)  # next id per table
        self.tablas = tablas
        self.parametros_motor = parametros_motor  # None: approximate totals
        self.dnis: set[int] = set()
        self.indice = 0  # agentes generated so far
        self.comprobante = 0
        self.aproximadas = 0  # liquidations with an approximate total
        self._cache_meses: dict[tuple[int, int], list] = {}
        # the first siniestros cover every estado for deaths and ILP, whatever N is
        # (the first one, a paid death, carries the family that shows every age limit of art. 53)
        self.forzados = ([("muerte", "pagado")] + [("muerte", e) for e in ESTADOS if e != "pagado"]
                         + [("ilp", e) for e in ESTADOS if e != "acreditado"])

    def _id(self, tabla: str) -> int:
        valor = self.ids[tabla]
        self.ids[tabla] = valor + 1
        return valor

    # --- people

    def _dni(self, nacimiento: date) -> int:
        """DNI numbers grow with the birth year (roughly as in Argentina)."""
        y = nacimiento.year
        if y < 1955:
            base = 3_500_000 + (y - 1920) * 190_000
        elif y < 2005:
            base = 10_000_000 + (y - 1955) * 680_000
        else:
            base = 44_000_000 + (y - 2005) * 820_000
        base = max(base, 1_400_000)
        while True:
            dni = base + self.rng.randrange(-300_000, 300_000)
            if dni not in self.dnis and dni < 99_999_999:
                self.dnis.add(dni)
                return dni

    def _nombres(self, mujer: bool) -> str:
        lista = NOMBRES_F if mujer else NOMBRES_M
        primero = self.rng.choice(lista)
        if self.rng.random() < 0.4:
            segundo = self.rng.choice(lista)
            if segundo != primero:
                return f"{primero} {segundo}"
        return primero

    def _nacimiento(self, desde: date, hasta: date) -> date:
        return desde + timedelta(days=self.rng.randrange(max((hasta - desde).days, 0) + 1))

    def _domicilio(self) -> str:
        return f"{self.rng.choice(CALLES)} {self.rng.randrange(10, 3500)}"

    def _cbu(self) -> str:
        return cbu_valido(self.rng.choice(BANCOS), self.rng.randrange(1, 900), self.rng.randrange(10**9, 10**12))

    def _familiar(self, lote: _Lote, agente: dict, parentesco: str, apellido: str, mujer: bool,
                  nacimiento: date, **extra) -> dict:
        fila = {
            "id": self._id("familiar"),
            "agente_id": agente["id"],
            "parentesco": parentesco,
            "apellido_nombre": f"{apellido}, {self._nombres(mujer)}",
            "cuil": cuil_valido(self._dni(nacimiento), mujer),
            "fecha_nacimiento": nacimiento,
            "estudiante": extra.get("estudiante", False),
            "incapacitado": extra.get("incapacitado", False),
            "domicilio": agente["domicilio"] if parentesco != "familiar_a_cargo" else self._domicilio(),
            "cbu": self._cbu() if extra.get("cbu") else None,
        }
        lote.familiar.append(fila)
        return fila

    def _familia(self, lote: _Lote, agente: dict, apellido: str, mujer: bool, pmi: date,
                 muerte: bool, edades_hijos: list[int] | None) -> list[dict]:
        """Spouse or conviviente, children, sometimes parents. `edades_hijos`: forced ages at the PMI."""
        rng = self.rng
        forzada = edades_hijos is not None
        nacimiento = agente["fecha_nacimiento"]
        miembros = []
        edad_hoy = edad_cumplida(nacimiento, FECHA_CORTE)
        if forzada or (edad_hoy >= 22 and rng.random() < 0.72):
            parentesco = "conyuge" if rng.random() < 0.75 else "conviviente"
            delta = rng.randrange(-6 * 365, 6 * 365)
            nac = min(nacimiento + timedelta(days=delta), _sumar_anios(FECHA_CORTE, -19))
            miembros.append(self._familiar(lote, agente, parentesco, rng.choice(APELLIDOS), not mujer, nac,
                                           cbu=rng.random() < 0.8))
        if edades_hijos is None:
            n_hijos = rng.choices((0, 1, 2, 3, 4), (20, 25, 30, 17, 8))[0]
            nacimientos_hijos = []
            for _ in range(n_hijos):
                nac = _sumar_anios(nacimiento, rng.randrange(19, 42)) + timedelta(days=rng.randrange(365))
                # a dead agent's children were born before the PMI (no posthumous ones here)
                if nac < (pmi if muerte else FECHA_CORTE):
                    nacimientos_hijos.append(nac)
        else:  # forced ages at the PMI (the family that shows every age limit of art. 53)
            nacimientos_hijos = [_sumar_anios(pmi, -e) - timedelta(days=40) for e in edades_hijos]
        for i, nac in enumerate(sorted(nacimientos_hijos)):
            edad_pmi = edad_cumplida(nac, pmi) if nac <= pmi else 0
            estudiante = 18 <= edad_pmi <= 25 and rng.random() < 0.55
            incapacitado = rng.random() < 0.015
            if forzada:  # one of each kind: students of 22 and 24, a non-student of 23, the eldest incapacitated
                estudiante = edad_pmi in (22, 24)
                incapacitado = i == 0
            miembros.append(self._familiar(lote, agente, "hijo", apellido, rng.random() < 0.5, nac,
                                           estudiante=estudiante, incapacitado=incapacitado,
                                           cbu=edad_cumplida(nac, FECHA_CORTE) >= 18 and rng.random() < 0.5))
        sin_grupo1 = not miembros
        if rng.random() < (0.85 if sin_grupo1 and muerte else 0.25):
            for parentesco, es_mujer in (("madre", True), ("padre", False)):
                nac = _sumar_anios(nacimiento, -rng.randrange(19, 40)) - timedelta(days=rng.randrange(365))
                if edad_cumplida(nac, FECHA_CORTE) <= 95 and (parentesco == "madre" or rng.random() < 0.6):
                    ap = apellido if parentesco == "padre" else rng.choice(APELLIDOS)
                    miembros.append(self._familiar(lote, agente, parentesco, ap, es_mujer, nac, cbu=rng.random() < 0.6))
        if rng.random() < 0.01:
            nac = _sumar_anios(nacimiento, rng.randrange(-10, 20))
            if nac < FECHA_CORTE:
                miembros.append(self._familiar(lote, agente, "familiar_a_cargo", apellido, rng.random() < 0.5, nac,
                                               incapacitado=rng.random() < 0.5))
        return miembros

    # --- salaries

    def _meses_previos(self, pmi: date) -> list[tuple[tuple[int, int], int, str, int]]:
        """The 12 months before the PMI month: ((year, month), month, "AAAA-MM", RIPTE in centavos)."""
        clave = (pmi.year, pmi.month)
        meses = self._cache_meses.get(clave)
        if meses is None:
            meses = []
            for n in range(12, 0, -1):
                anio, mes = _meses_antes(pmi, n)
                periodo = _periodo(anio, mes)
                meses.append(((anio, mes), mes, periodo, self.tablas.ripte_centavos(periodo) * RIPTE_A_PESOS))
            self._cache_meses[clave] = meses
        return meses

    def _remuneraciones(self, lote: _Lote, agente: dict, pmi: date) -> list[dict]:
        azar = self.rng.random  # (random() is ~3× faster than randrange() on this hot path)
        # the agent's pay relative to the average wage, in ten-thousandths (integer maths: fast, exact)
        factor = int(min(max(self.rng.lognormvariate(-0.15, 0.32), 0.45), 3.2) * 10_000) - 300
        inicio = (agente["fecha_inicio_actividad"].year, agente["fecha_inicio_actividad"].month)
        filas = []
        sueldos: dict[int, int] = {}
        agente_id = agente["id"]
        for anio_mes, mes, periodo, promedio in self._meses_previos(pmi):
            if anio_mes < inicio:
                continue
            centavos = promedio * (factor + int(azar() * 601)) // 10_000  # ± 3 % month to month
            if azar() < 0.01:
                centavos = 0  # leave without pay
            sueldos[mes] = centavos
            sac = max(sueldos.get(m, 0) for m in range(mes - 5, mes + 1)) // 2 if mes in (6, 12) else 0
            filas.append({"id": self._id("remuneracion"), "agente_id": agente_id, "periodo": periodo,
                          "remuneracion": _dinero(centavos), "sac": _dinero(sac)})
        lote.remuneracion.extend(filas)
        return filas

    # --- one agent and their siniestro

    def agente(self, lote: _Lote) -> None:
        rng = self.rng
        i = self.indice
        self.indice += 1
        forzado = self.forzados[i] if i < len(self.forzados) else None
        mujer = rng.random() < 0.5

        if forzado is not None:
            tipo, estado = forzado
            pmi = date(2019 + i % 4, 1 + (i * 5) % 12, 1 + (i * 7) % 28)
            edad_pmi = 56 if i == 0 else rng.randrange(30, 60)
            nacimiento = _sumar_anios(pmi, -edad_pmi) - timedelta(days=rng.randrange(1, 360))
        else:
            nacimiento = self._nacimiento(date(1955, 1, 1), date(2000, 12, 31))
            desde = max(PMI_DESDE, _sumar_anios(nacimiento, 20))
            hasta = min(PMI_HASTA, _sumar_anios(nacimiento, 65))
            pmi = desde + timedelta(days=int((hasta - desde).days * rng.random() ** 0.8))
            tipo = "muerte" if rng.random() < 0.25 else "ilp"
            estado = None

        apellido = rng.choice(APELLIDOS)
        nombre = f"{apellido}, {self._nombres(mujer)}"
        antiguedad_max = (pmi - _sumar_anios(nacimiento, 18)).days
        if rng.random() < 0.04 or antiguedad_max < 400:
            inicio = pmi - timedelta(days=rng.randrange(60, 360))  # started less than a year before
        else:
            inicio = pmi - timedelta(days=rng.randrange(400, max(antiguedad_max, 401)))
        localidad = rng.choice(LOCALIDADES)
        agente = {
            "id": self._id("agente"),
            "cuil": cuil_valido(self._dni(nacimiento), mujer),
            "apellido_nombre": nombre,
            "busqueda": normalizar_busqueda(nombre),
            "fecha_nacimiento": nacimiento,
            "domicilio": self._domicilio(),
            "localidad": localidad,
            "organismo_id": rng.choices(self.organismo_ids, self.pesos_organismo)[0],
            "fecha_inicio_actividad": inicio,
            "fecha_baja_actividad": None,
            "version": 1,
            "modificado_por": USUARIO_DEMO,
            "modificado_en": _momento(pmi - timedelta(days=30), rng),
        }
        lote.agente.append(agente)
        muerte = tipo == "muerte"
        familia = self._familia(lote, agente, apellido, mujer, pmi, muerte,
                                [29, 24, 23, 22, 19, 8] if i == 0 else None)
        remuneraciones = self._remuneraciones(lote, agente, pmi)
        self._siniestro(lote, agente, tipo, estado, pmi, familia, remuneraciones)

    def _estado_posible(self, fechas: dict[str, date | None], tipo: str, deseado: str | None) -> str:
        if deseado is None:
            pesos = (12, 14, 14, 10, 26, 24) if tipo == "muerte" else (12, 14, 16, 0, 30, 28)
            deseado = self.rng.choices(ESTADOS, pesos)[0]
        orden = ESTADOS.index(deseado)
        while orden > 0 and (fechas[ESTADOS[orden]] is None or fechas[ESTADOS[orden]] > FECHA_CORTE
                             or (tipo != "muerte" and ESTADOS[orden] == "acreditado")):
            orden -= 1
        return ESTADOS[orden]

    def _siniestro(self, lote: _Lote, agente: dict, tipo: str, estado: str | None, pmi: date,
                   familia: list[dict], remuneraciones: list[dict]) -> None:
        rng = self.rng
        muerte = tipo == "muerte"
        in_itinere = rng.random() < 0.2
        fallecimiento = pmi + timedelta(days=0 if rng.random() < 0.7 else rng.randrange(1, 60)) if muerte else None
        denuncia = pmi + timedelta(days=rng.randrange(0, 6))
        recepcion = denuncia + timedelta(days=rng.randrange(1, 21))
        liquidacion = (fallecimiento or recepcion) + timedelta(days=rng.randrange(15, 120))
        liquidacion = max(liquidacion, recepcion + timedelta(days=15))
        acreditacion = liquidacion + timedelta(days=rng.randrange(5, 40)) if muerte else None
        pago = (acreditacion or liquidacion) + timedelta(days=rng.randrange(3, 25))
        cierre = pago + timedelta(days=rng.randrange(10, 60))
        fechas = {"denunciado": denuncia, "en_liquidacion": recepcion, "liquidado": liquidacion,
                  "acreditado": acreditacion, "pagado": pago, "cerrado": cierre}
        estado = self._estado_posible(fechas, tipo, estado)
        nivel = ESTADOS.index(estado)
        if nivel == 0 and rng.random() < 0.3:
            recepcion = None  # denounced, the file not received yet

        porcentaje = None
        grado = caracter = incap_tipo = None
        if not muerte:
            porcentaje = Decimal(rng.choices((rng.randrange(1, 51), rng.randrange(51, 66), rng.randrange(66, 101)),
                                             (80, 12, 8))[0])
            if rng.random() < 0.3:
                porcentaje += Decimal("0.5")
                porcentaje = min(porcentaje, Decimal(100))
            incap_tipo = "ILP"
            grado = "total" if porcentaje >= 66 else "parcial"
            caracter = "definitiva"
        if muerte and agente["fecha_baja_actividad"] is None:
            agente["fecha_baja_actividad"] = fallecimiento
        ley_27348 = pmi >= FECHA_LEY_27348

        siniestro = {
            "id": self._id("siniestro"),
            "numero": f"{pmi.year}-{self.indice:06d}",
            "agente_id": agente["id"],
            "tipo": tipo,
            "fecha_pmi": pmi,
            "fecha_fallecimiento": fallecimiento,
            "in_itinere": in_itinere,
            "tipo_accidente": TIPOS_ACCIDENTE[1] if in_itinere else rng.choices((TIPOS_ACCIDENTE[0], TIPOS_ACCIDENTE[2]), (9, 1))[0],
            "incapacidad_tipo": incap_tipo,
            "incapacidad_grado": grado,
            "incapacidad_caracter": caracter,
            "porcentaje_incapacidad": porcentaje,
            "fecha_denuncia": denuncia,
            "fecha_recepcion": recepcion,
            "estado": estado,
            "fecha_pre_acuerdo": (liquidacion + timedelta(days=rng.randrange(3, 20))
                                  if ley_27348 and nivel >= 2 else None),
            "fecha_puesta_disposicion": (liquidacion + timedelta(days=rng.randrange(3, 20))
                                         if not ley_27348 and nivel >= 2 else None),
            "acreditado_en": _momento(acreditacion, rng) if muerte and nivel >= 3 else None,
            "version": 1,
            "modificado_por": rng.choice(USUARIOS_LIQUIDADORES),
            "modificado_en": _momento(min(fechas[estado] or denuncia, FECHA_CORTE), rng),
        }
        lote.siniestro.append(siniestro)

        if muerte and not self._hay_elegibles(familia, fallecimiento):
            # nobody with rights in the family: a conviviente (deaths without DH exist, but a demo
            # of the payment circuit needs someone to pay)
            nac = agente["fecha_nacimiento"] + timedelta(days=rng.randrange(-5 * 365, 5 * 365))
            familia.append(self._familiar(lote, agente, "conviviente", rng.choice(APELLIDOS),
                                          rng.random() < 0.5, min(nac, pmi - timedelta(days=18 * 366)), cbu=True))

        # derechohabientes: proposed from the family once the case is being liquidated
        dhs: list[dict] = []
        if muerte and nivel >= 1:
            for f in familia:
                dhs.append({
                    "id": self._id("derechohabiente"),
                    "siniestro_id": siniestro["id"],
                    "familiar_id": f["id"],
                    "parentesco": f["parentesco"],
                    "apellido_nombre": f["apellido_nombre"],
                    "cuil": f["cuil"],
                    "fecha_nacimiento": f["fecha_nacimiento"],
                    "estudiante": f["estudiante"],
                    "incapacitado": f["incapacitado"],
                    "casado": False,
                    "domicilio": f["domicilio"],
                    "cbu": f["cbu"] or (self._cbu() if nivel >= 3 else None),
                    "porcentaje": None,  # by law
                    "motivo_porcentaje": None,
                    "seleccionado": False,
                    "acreditado": False,
                    "letrado": rng.choice(LETRADOS) if rng.random() < 0.1 else None,
                })

        # liquidations
        versiones = 0
        if nivel >= 2 or (nivel == 1 and rng.random() < 0.5):
            versiones = 2 if rng.random() < 0.15 else 1
        fecha_liq = min(liquidacion, FECHA_CORTE)
        ultima = None
        for v in range(1, versiones + 1):
            fecha_v = fecha_liq - timedelta(days=rng.randrange(10, 40)) if v < versiones else fecha_liq
            fecha_v = max(fecha_v, fallecimiento or pmi)
            entrada, resultado, total, partes = self._liquidar(agente, siniestro, remuneraciones, dhs, fecha_v)
            ultima = {
                "id": self._id("liquidacion"),
                "siniestro_id": siniestro["id"],
                "version": v,
                "fecha_liquidacion": fecha_v,
                "calculada_en": _momento(fecha_v, rng),
                "calculada_por": siniestro["modificado_por"],
                "entrada": entrada,
                "resultado": resultado,
                "total": total,
            }
            lote.liquidacion.append(ultima)

        # accreditation and payments of the DH with a share of the latest liquidation
        if dhs and ultima is not None:
            for dh, importe in zip(dhs, partes):
                if importe > 0:
                    dh["seleccionado"] = nivel >= 2
                    dh["acreditado"] = nivel >= 3
                    if nivel >= 4:
                        self.comprobante += 1
                        transferencia = rng.random() < 0.9
                        lote.pago.append({
                            "id": self._id("pago"),
                            "derechohabiente_id": dh["id"],
                            "liquidacion_id": ultima["id"],
                            "fecha": pago,
                            "importe": importe,
                            "medio": "transferencia" if transferencia else "cheque",
                            "comprobante": f"{'TRF' if transferencia else 'CHQ'}-{self.comprobante:08d}",
                            "registrado_por": siniestro["modificado_por"],
                            "registrado_en": _momento(pago, rng),
                        })
        lote.derechohabiente.extend(dhs)

    # --- liquidation: real engine or a quick approximation

    def _caso(self, agente: dict, siniestro: dict, remuneraciones: list[dict], dhs: list[dict], fecha: date) -> dict:
        caso = {
            "tipo": siniestro["tipo"],
            "fecha_pmi": siniestro["fecha_pmi"].isoformat(),
            "fecha_nacimiento": agente["fecha_nacimiento"].isoformat(),
            "fecha_liquidacion": fecha.isoformat(),
            "in_itinere": siniestro["in_itinere"],
            "fecha_inicio_actividad": agente["fecha_inicio_actividad"].isoformat(),
            "remuneraciones": [{"periodo": r["periodo"], "remuneracion": texto_plano(r["remuneracion"]),
                                "sac": texto_plano(r["sac"])} for r in remuneraciones],
            "derechohabientes": [
                {"id": str(d["id"]), "parentesco": d["parentesco"],
                 **({"fecha_nacimiento": d["fecha_nacimiento"].isoformat()} if d["fecha_nacimiento"] else {}),
                 "estudiante": d["estudiante"], "incapacitado": d["incapacitado"], "casado": d["casado"]}
                for d in dhs
            ],
        }
        if siniestro["fecha_fallecimiento"]:
            caso["fecha_fallecimiento"] = siniestro["fecha_fallecimiento"].isoformat()
        if siniestro["tipo"] != "muerte" and siniestro["porcentaje_incapacidad"] is not None:
            caso["porcentaje_incapacidad"] = texto_plano(siniestro["porcentaje_incapacidad"], 2)
        return caso

    def _liquidar(self, agente, siniestro, remuneraciones, dhs, fecha):
        error_motor = None
        if self.parametros_motor is not None:
            from app.liquidacion import (
                LiquidacionError,
                caso_desde_dict,
                liquidar,
                resultado_a_dict,
            )

            caso_dict = self._caso(agente, siniestro, remuneraciones, dhs, fecha)
            try:
                caso, _ = caso_desde_dict(caso_dict)
                resultado = liquidar(caso, self.parametros_motor)
            except LiquidacionError as e:
                # e.g. a parameter missing for these dates: this one stays approximate, and says why
                error_motor = str(e)
            else:
                por_id = {p.id: p.importe for p in resultado.reparto if not p.excluido}
                partes = [por_id.get(str(d["id"]), Decimal(0)) for d in dhs]
                return caso_dict, resultado_a_dict(resultado), resultado.total, partes
        self.aproximadas += 1
        total, vib = self._total_aproximado(agente, siniestro, remuneraciones, fecha)
        partes = self._reparto_por_ley(dhs, total, siniestro["fecha_fallecimiento"]) if dhs else []
        entrada = {"demo": True, "fecha_liquidacion": fecha.isoformat(), "vib": str(vib)}
        resultado = {"demo": True, "total": str(total), "vib": str(vib), "nota": NOTA_APROXIMADA,
                     # the engine's keys the payment services read: each DH's share by its id
                     "reparto": [{"id": str(d["id"]), "parentesco": d["parentesco"], "importe": str(parte),
                                  "porcentaje": str((parte * 100 / total).quantize(Decimal("0.0001"))),
                                  "excluido": parte == 0} for d, parte in zip(dhs, partes)]}
        if error_motor is not None:
            resultado["error_motor"] = error_motor
        return entrada, resultado, total, partes

    def _total_aproximado(self, agente, siniestro, remuneraciones, fecha) -> tuple[Decimal, Decimal]:
        """Close to the law's formula (spec §3–4) but without its fine print: demo figures only."""
        pmi = siniestro["fecha_pmi"]
        nuevo = pmi >= FECHA_LEY_27348
        anio, mes = _meses_antes(pmi, 0)
        ripte_pmi = self.tablas.ripte_de(_periodo(anio, mes))
        suma = Decimal(0)
        for r in remuneraciones:
            importe = r["remuneracion"] + r["sac"]
            suma += importe * ripte_pmi / self.tablas.ripte_de(r["periodo"]) if nuevo else importe
        vib = _cent(suma / max(len(remuneraciones), 1))
        vib_i = vib * (1 + Decimal("0.45") * (fecha - pmi).days / 365) if nuevo else vib
        edad = max(edad_cumplida(agente["fecha_nacimiento"], pmi), 18)
        formula = 53 * vib_i * 65 / edad
        m = self.tablas.montos_de(pmi)
        if siniestro["tipo"] == "muerte":
            unico, capu, base_iapu = max(formula, m["piso"]), m["capu_c"], None
        else:
            p = siniestro["porcentaje_incapacidad"] / 100
            unico = max(formula * p, m["piso"] * p)
            capu = m["capu_b"] if p >= Decimal("0.66") else m["capu_a"] if p > Decimal("0.5") else Decimal(0)
            base_iapu = unico if p <= Decimal("0.5") else None
        iapu = Decimal(0)
        if not siniestro["in_itinere"]:
            iapu = Decimal("0.2") * (base_iapu if base_iapu is not None else unico + capu)
            if base_iapu is None:
                iapu = max(iapu, m["iapu_minimo"])
        return _cent(unico + capu + iapu), vib

    @staticmethod
    def _candidatos(filas: list[dict]) -> list[DHMotor]:
        return [DHMotor(id=str(d["id"]), parentesco=Parentesco(d["parentesco"]),
                        fecha_nacimiento=d["fecha_nacimiento"], estudiante=d["estudiante"],
                        incapacitado=d["incapacitado"]) for d in filas]

    def _hay_elegibles(self, familia: list[dict], fallecimiento: date) -> bool:
        return any(e.elegible for e in evaluar(self._candidatos(familia), fallecimiento))

    def _reparto_por_ley(self, dhs: list[dict], total: Decimal, fallecimiento: date) -> list[Decimal]:
        elegibilidades = evaluar(self._candidatos(dhs), fallecimiento)
        pesos = pesos_por_ley(elegibilidades)
        if not any(pesos):
            return [Decimal(0)] * len(dhs)
        centavos = repartir(int(total * 100), pesos, orden_desempate(elegibilidades))
        return [_dinero(c) for c in centavos]


# ------------------------------------------------------------------ entry point

def _siguientes_ids(conexion) -> dict[str, int]:
    ids = {}
    for nombre, modelo in TABLAS_LOTE:
        tabla = modelo.__table__
        ids[nombre] = (conexion.scalar(select(func.max(tabla.c.id))) or 0) + 1
    return ids


def _organismos(conexion) -> tuple[list[int], int]:
    tabla = Organismo.__table__
    existentes = dict(conexion.execute(select(tabla.c.codigo, tabla.c.id)).all())
    siguiente = (conexion.scalar(select(func.max(tabla.c.id))) or 0) + 1
    nuevas, ids = [], []
    for n, (codigo, nombre, _peso) in enumerate(ORGANISMOS):
        if codigo in existentes:
            ids.append(existentes[codigo])
            continue
        numero = 71_000_000 + n * 1_013
        while cuit_organismo(numero) is None:
            numero += 1
        nuevas.append({"id": siguiente, "codigo": codigo, "nombre": nombre, "cuit": cuit_organismo(numero)})
        ids.append(siguiente)
        siguiente += 1
    if nuevas:
        conexion.execute(insert(tabla), nuevas)
    return ids, len(nuevas)


def _parametros_motor(conexion):
    """The engine's tables: the versions in force in the store, or the bundled ones if none."""
    from sqlalchemy.orm import Session

    from app.liquidacion import cargar_parametros

    if conexion.scalar(select(func.count()).select_from(ParametroVersion.__table__)):
        from app.services.parametros import parametros_vigentes

        with Session(bind=conexion) as sesion:
            return parametros_vigentes(sesion)
    return cargar_parametros(config.parametros_dir())


def _mover_secuencias(conexion) -> None:
    """PostgreSQL: explicit ids do not advance the SERIAL sequences; move them past the ids used."""
    for _, modelo in (("organismo", Organismo), *TABLAS_LOTE, ("auditoria", Auditoria)):
        nombre = modelo.__table__.name
        conexion.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{nombre}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {nombre}), 0) + 1, false)"
        ))


def generar_demo(motor: Engine, agentes: int, semilla: int = 1,
                 progreso: Callable[[int, int], None] | None = None, *,
                 calcular: bool = False, lote: int = LOTE_AGENTES) -> dict[str, int]:
    """Fill a migrated store that has no agentes with a demo of `agentes` agentes (one siniestro
    each). One transaction; `progreso(hechos, total)` after every batch of `lote` agentes.
    Returns how many rows of each kind were written."""
    if isinstance(agentes, bool) or not isinstance(agentes, int) or agentes < 1:
        raise DatosInvalidos("agentes", f"«{agentes}» debe ser un número entero mayor que cero")
    if agentes > 5_000_000:
        raise DatosInvalidos("agentes", f"{agentes} es demasiado: el máximo es 5.000.000")
    if lote < 1:
        raise DatosInvalidos("lote", "debe ser mayor que cero")
    from app.models import bd, migrar

    if migrar.revision_actual(motor) != migrar.revision_final():
        raise ErrorBaseDatos(
            "La base de datos no tiene el esquema actual: no se pueden generar datos de demostración.",
            "Ejecute «python -m app db init».",
        )
    tablas = _Tablas.cargar()
    # a writing transaction: on SQLite `crear_motor` then opens it with BEGIN IMMEDIATE (write lock
    # taken at once), so the emptiness check below and the inserts see the same store
    escritor = motor.execution_options(**{getattr(bd, "ESCRITURA", "escritura"): True})
    with escritor.begin() as conexion:
        if conexion.dialect.name == "sqlite":
            if not conexion.connection.dbapi_connection.in_transaction:  # an engine without that hook
                conexion.exec_driver_sql("BEGIN IMMEDIATE")
        elif conexion.dialect.name == "postgresql":
            conexion.execute(text("LOCK TABLE agente IN SHARE ROW EXCLUSIVE MODE"))
        if conexion.scalar(select(func.count()).select_from(Agente.__table__)):
            raise ReglaIncumplida(
                "La base ya tiene agentes cargados: los datos de demostración solo se generan en una base vacía.",
                "Use una base nueva (otra ruta en LIQUIDADOR_DB_URL) para la demostración.",
            )
        organismo_ids, organismos_nuevos = _organismos(conexion)
        generador = _Generador(semilla, organismo_ids, _siguientes_ids(conexion), tablas,
                               _parametros_motor(conexion) if calcular else None)
        cuentas = {nombre: 0 for nombre, _ in TABLAS_LOTE}
        hechos = 0
        while hechos < agentes:
            actual = _Lote()
            for _ in range(min(lote, agentes - hechos)):
                generador.agente(actual)
            for nombre, modelo in TABLAS_LOTE:
                filas = getattr(actual, nombre)
                if filas:
                    conexion.execute(insert(modelo.__table__), filas)
                    cuentas[nombre] += len(filas)
            hechos += len(actual.agente)
            if progreso is not None:
                progreso(hechos, agentes)
        resumen = {
            "organismos": organismos_nuevos,
            "agentes": cuentas["agente"],
            "familiares": cuentas["familiar"],
            "remuneraciones": cuentas["remuneracion"],
            "siniestros": cuentas["siniestro"],
            "derechohabientes": cuentas["derechohabiente"],
            "liquidaciones": cuentas["liquidacion"],
            "pagos": cuentas["pago"],
            "liquidaciones_aproximadas": generador.aproximadas,
        }
        conexion.execute(insert(Auditoria.__table__), [{
            "momento": ahora(),
            "usuario": USUARIO_DEMO,
            "usuario_so": _usuario_so(),
            "accion": "generar_demo",
            "entidad": "base",
            "entidad_id": None,
            "antes": None,
            "despues": {"semilla": semilla, "calcular": calcular, **resumen},
        }])
        if conexion.dialect.name == "postgresql":
            _mover_secuencias(conexion)
    return resumen


def _usuario_so() -> str:
    from .nucleo import usuario_sistema_operativo

    return usuario_sistema_operativo()
