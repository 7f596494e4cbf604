"""Family members of agents from a spreadsheet: one row per family member (CUIL of the agent,
parentesco, apellido y nombre, and optionally CUIL, fecha de nacimiento, estudiante,
incapacitado, domicilio, CBU), plus the agent's own name, birth date and organismo when agents
that are not in the store are to be created. The store-side rules (agent exists, a child needs
a birth date, already loaded) are the service's job."""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .columnas import CAMPOS_FAMILIARES
from .lector import CADA_FILAS, ArchivoIlegible, Control, abrir
from .resultado import Anotador, Resultado, resultado_ilegible, sin_datos
from .valores import (
    ValorInvalido,
    leer_cbu,
    leer_cuil,
    leer_fecha,
    leer_parentesco,
    leer_si_no,
    leer_texto,
    normalizar,
    vacia,
)

LARGOS = {"apellido_nombre": 200, "domicilio": 300, "agente_apellido_nombre": 200, "organismo": 200}


@dataclass(slots=True)
class FilaFamiliar:
    fila: int
    cuil_agente: str
    parentesco: str  # a value of app.liquidacion.Parentesco
    apellido_nombre: str
    cuil: str | None = None
    fecha_nacimiento: date | None = None
    estudiante: bool = False
    incapacitado: bool = False
    domicilio: str | None = None
    cbu: str | None = None
    # the agent's own data (used only to create an agent that is not in the store)
    agente_apellido_nombre: str | None = None
    agente_fecha_nacimiento: date | None = None
    organismo: str | None = None

    @property
    def clave(self) -> tuple:
        """What identifies a family member of an agent: its CUIL, or parentesco + name without one."""
        if self.cuil:
            return (self.cuil_agente, self.cuil)
        return (self.cuil_agente, self.parentesco, normalizar(self.apellido_nombre))


def _lector(campo: str, hoy: date) -> Callable:
    if campo in ("cuil_agente", "cuil"):
        return leer_cuil
    if campo == "parentesco":
        return leer_parentesco
    if campo in ("fecha_nacimiento", "agente_fecha_nacimiento"):
        return lambda v: leer_fecha(v, hoy)
    if campo in ("estudiante", "incapacitado"):
        return leer_si_no
    if campo == "cbu":
        return leer_cbu
    return lambda v: leer_texto(v, LARGOS[campo]) or None


FALTA = {"cuil_agente": "falta el CUIL del agente", "parentesco": "falta el parentesco",
         "apellido_nombre": "falta el apellido y nombre del familiar"}


def leer_familiares(ruta: Path | str, *, hoja=None, mapeo: Mapping[str, str | None] | None = None,
                    hoy: date | None = None, progreso: Callable | None = None, cancelar=None) -> Resultado:
    """Read and check a family file; same contract as leer_remuneraciones."""
    hoy = hoy or date.today()
    ruta = Path(ruta)
    control = Control(ruta.name, progreso, cancelar)
    try:
        lectura = abrir(ruta, CAMPOS_FAMILIARES, hoja=hoja, mapeo=mapeo, control=control)
    except ArchivoIlegible as e:
        return resultado_ilegible("familiares", str(ruta), e)
    r = Resultado("familiares", str(ruta), lectura.archivo, lectura.hoja, lectura.hojas, lectura.estructura)
    nota = Anotador(r, lectura)
    columnas = lectura.estructura.mapeo
    lectores = {campo: _lector(campo, hoy) for campo in columnas}
    vistos: dict[tuple, int] = {}
    descartar: set[int] = set()
    try:
        for n, celdas in lectura.filas:
            if n % CADA_FILAS == 0:
                lectura.avance(n)
            crudos = {campo: lectura.celda(celdas, col) for campo, col in columnas.items()}
            if all(vacia(v) for v in crudos.values()):
                continue
            r.filas_leidas += 1
            valores, bien = {}, True
            for campo, valor in crudos.items():
                if vacia(valor):
                    if campo in FALTA:
                        nota.error(n, columnas[campo], valor, FALTA[campo], campo)
                        bien = False
                    continue
                try:
                    valores[campo] = lectores[campo](valor)
                except ValorInvalido as e:
                    nota.error(n, columnas[campo], valor, str(e), campo)
                    bien = False
            if not bien:
                continue
            fila = FilaFamiliar(n, **valores)
            previa = vistos.get(fila.clave)
            if previa is not None:
                otra = r.filas[previa].fila
                campo = "cuil" if fila.cuil else "apellido_nombre"
                que = "el mismo CUIL" if fila.cuil else "el mismo parentesco y nombre"
                motivo = f"familiar repetido del mismo agente ({que} en las filas {otra} y {n}): deje una sola"
                nota.error(n, columnas[campo], crudos[campo], motivo, campo)
                if previa not in descartar:
                    descartar.add(previa)
                    nota.error(otra, columnas[campo], getattr(r.filas[previa], campo), motivo, campo)
                continue
            vistos[fila.clave] = len(r.filas)
            r.filas.append(fila)
    except csv.Error as e:
        nota.error(None, None, None, f"el CSV está mal formado ({e})")
    finally:
        lectura.filas = iter(())
    if descartar:
        r.filas = [f for i, f in enumerate(r.filas) if i not in descartar]
    if r.filas_leidas == 0 and not r.problemas:
        sin_datos(r, lectura)
    r.ordenar()
    return r

