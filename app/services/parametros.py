"""Parameter tables in the store: load the bundled defaults, load updates (validated, versioned,
previous versions kept) and give the engine the tables in force."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import config
from app.errors import DatosInvalidos
from app.liquidacion import LiquidacionError, Parametros
from app.liquidacion import parametros as lp
from app.liquidacion.fechas import Periodo
from app.models import (
    TABLAS_PARAMETROS,
    FeriadoFila,
    GranInvalidezFila,
    MontoSRTFila,
    ParametroVersion,
    PlazoFila,
    RegimenFila,
    RipteFila,
    TasaFila,
)

from .nucleo import Contexto, traducir_error_liquidacion

ARCHIVOS = {**lp.ARCHIVOS, "feriados": "feriados.csv", "plazos": "plazos.csv"}
MODELOS = {
    "ripte": RipteFila, "tasas": TasaFila, "montos": MontoSRTFila, "gran_invalidez": GranInvalidezFila,
    "regimenes": RegimenFila, "feriados": FeriadoFila, "plazos": PlazoFila,
}
CLAVES_PLAZO = ("notificacion_dh", "pago_pre_27348", "presentacion_homologacion", "acto_homologacion",
                "pago_post_homologacion")
ORIGEN_INCLUIDAS = "incluidas con el programa"


# ------------------------------------------------------------------ validation: text → rows

def _filas_csv(texto: str, archivo: str, columnas: list[str]):
    lector = csv.DictReader(io.StringIO(texto.lstrip("\ufeff")))
    faltan = [c for c in columnas if c not in (lector.fieldnames or [])]
    if faltan:
        raise DatosInvalidos(f"{archivo}, fila 1", f"faltan las columnas {', '.join(faltan)}")
    for n, fila in enumerate(lector, start=2):
        if any((v or "").strip() for v in fila.values()):
            yield n, {k: (v or "").strip() for k, v in fila.items() if k}


def _feriados(texto: str, archivo: str) -> list[dict]:
    filas, vistos = [], {}
    for n, f in _filas_csv(texto, archivo, ["fecha", "descripcion"]):
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", f["fecha"]):
            raise DatosInvalidos(f"{archivo}, fila {n}, campo «fecha»", f"«{f['fecha']}» no es una fecha AAAA-MM-DD")
        try:
            fecha = date.fromisoformat(f["fecha"])
        except ValueError:
            raise DatosInvalidos(f"{archivo}, fila {n}, campo «fecha»", f"«{f['fecha']}» no es una fecha real") from None
        if fecha in vistos:
            raise DatosInvalidos(f"{archivo}, fila {n}, campo «fecha»", f"repetida (fila {vistos[fecha]})")
        if not f["descripcion"]:
            raise DatosInvalidos(f"{archivo}, fila {n}, campo «descripcion»", "falta la descripción")
        vistos[fecha] = n
        filas.append({"fecha": fecha, "descripcion": f["descripcion"]})
    return filas


def _plazos(texto: str, archivo: str) -> list[dict]:
    filas, vistos = [], {}
    for n, f in _filas_csv(texto, archivo, ["clave", "dias", "habiles", "norma"]):
        donde = f"{archivo}, fila {n}"
        if f["clave"] not in CLAVES_PLAZO:
            raise DatosInvalidos(f"{donde}, campo «clave»", f"clave desconocida «{f['clave']}»")
        if f["clave"] in vistos:
            raise DatosInvalidos(f"{donde}, campo «clave»", f"repetida (fila {vistos[f['clave']]})")
        if not re.fullmatch(r"[0-9]{1,3}", f["dias"]) or not 1 <= int(f["dias"]) <= 365:
            raise DatosInvalidos(f"{donde}, campo «dias»", f"«{f['dias']}» debe ser un número de días entre 1 y 365")
        if f["habiles"].lower() not in ("si", "sí", "no"):
            raise DatosInvalidos(f"{donde}, campo «habiles»", f"«{f['habiles']}» debe ser si o no")
        vistos[f["clave"]] = n
        filas.append({"clave": f["clave"], "dias": int(f["dias"]), "habiles": f["habiles"].lower() != "no",
                      "norma": f["norma"]})
    faltan = [c for c in CLAVES_PLAZO if c not in vistos]
    if faltan:
        raise DatosInvalidos(archivo, f"faltan los plazos {', '.join(faltan)}")
    return filas


def filas_validadas(tabla: str, texto: str, archivo: str) -> list[dict]:
    """Validate a table's CSV text with the engine's own loaders; rows ready for the store."""
    if tabla == "feriados":
        return _feriados(texto, archivo)
    if tabla == "plazos":
        return _plazos(texto, archivo)
    try:
        if tabla == "ripte":
            return [{"periodo": str(p), "indice": v} for p, v in lp.leer_ripte(texto, archivo).items()]
        if tabla == "tasas":
            return [{"desde": f.desde, "hasta": f.hasta, "tna": f.tna, "origen": f.origen}
                    for f in lp.leer_tasas(texto, archivo).filas]
        if tabla == "montos":
            return [{"desde": f.desde, "hasta": f.hasta, "norma": f.norma, "piso": f.piso, "capu_a": f.capu_a,
                     "capu_b": f.capu_b, "capu_c": f.capu_c, "iapu_minimo": f.iapu_minimo, "nota": f.nota}
                    for f in lp.leer_montos(texto, archivo).filas]
        if tabla == "gran_invalidez":
            return [{"desde": f.desde, "hasta": f.hasta, "monto": f.monto, "norma": f.norma}
                    for f in lp.leer_gran_invalidez(texto, archivo).filas]
        if tabla == "regimenes":
            lp.leer_regimenes(texto, archivo)  # validates keys, dates and order
            return [{"clave": f["clave"], "valor": f["valor"], "norma": f.get("norma", "")}
                    for _, f in _filas_csv(texto, archivo, ["clave", "valor", "norma"])]
    except LiquidacionError as e:
        raise traducir_error_liquidacion(e) from None
    raise DatosInvalidos("tabla", f"tabla de parámetros desconocida «{tabla}»")


# ------------------------------------------------------------------ use cases

def _nueva_version(sesion: Session, tabla: str, filas: list[dict], usuario: str, origen: str, sha: str) -> ParametroVersion:
    anterior = sesion.scalar(select(func.max(ParametroVersion.numero)).where(ParametroVersion.tabla == tabla))
    for v in sesion.scalars(select(ParametroVersion).where(ParametroVersion.tabla == tabla, ParametroVersion.vigente)):
        v.vigente = False  # kept, no longer in force
    version = ParametroVersion(tabla=tabla, numero=(anterior or 0) + 1, cargado_por=usuario, origen=origen,
                               sha256=sha, vigente=True)
    sesion.add(version)
    sesion.flush()
    modelo = MODELOS[tabla]
    sesion.execute(modelo.__table__.insert(), [dict(f, version_id=version.id) for f in filas]) if filas else None
    return version


def cargar_incluidas(ctx: Contexto, carpeta: Path | None = None) -> list[str]:
    """Load the bundled tables for every table that has no version yet. Returns those loaded."""
    carpeta = Path(carpeta or config.parametros_dir())
    with ctx.caso_de_uso("parametros", "cargar_parametros_incluidos", "parametros") as (sesion, registro):
        existentes = set(sesion.scalars(select(ParametroVersion.tabla).distinct()))
        cargadas = []
        for tabla in TABLAS_PARAMETROS:
            if tabla in existentes:
                continue
            ruta = carpeta / ARCHIVOS[tabla]
            datos = ruta.read_bytes()
            filas = filas_validadas(tabla, datos.decode("utf-8"), ARCHIVOS[tabla])
            _nueva_version(sesion, tabla, filas, ctx.actor.usuario, f"{ORIGEN_INCLUIDAS} ({ARCHIVOS[tabla]})",
                           hashlib.sha256(datos).hexdigest())
            cargadas.append(tabla)
        registro.despues = {"tablas": cargadas}
        return cargadas


def actualizar_tabla(ctx: Contexto, tabla: str, ruta: Path) -> int:
    """Load a new version of one table from a CSV file (validated first). Returns its number."""
    if tabla not in TABLAS_PARAMETROS:
        raise DatosInvalidos("tabla", f"tabla de parámetros desconocida «{tabla}»")
    ruta = Path(ruta)
    try:
        datos = ruta.read_bytes()
        texto = datos.decode("utf-8")
    except FileNotFoundError:
        raise DatosInvalidos(str(ruta), "no se encontró el archivo") from None
    except UnicodeDecodeError:
        raise DatosInvalidos(str(ruta), "no está en UTF-8 (guárdelo como «CSV UTF-8»)") from None
    filas = filas_validadas(tabla, texto, ruta.name)
    if not filas and tabla not in ("feriados", "gran_invalidez"):
        raise DatosInvalidos(ruta.name, "el archivo no tiene filas")
    with ctx.caso_de_uso("parametros", "actualizar_parametros", "parametros") as (sesion, registro):
        previa = sesion.scalar(select(ParametroVersion).where(ParametroVersion.tabla == tabla, ParametroVersion.vigente))
        version = _nueva_version(sesion, tabla, filas, ctx.actor.usuario, str(ruta), hashlib.sha256(datos).hexdigest())
        registro.entidad_id = f"{tabla}#{version.numero}"
        registro.antes = None if previa is None else {"tabla": tabla, "version": previa.numero, "sha256": previa.sha256}
        registro.despues = {"tabla": tabla, "version": version.numero, "filas": len(filas), "origen": str(ruta),
                            "sha256": version.sha256}
        return version.numero


# ------------------------------------------------------------------ tables in force → engine

_cache: dict[tuple, Parametros] = {}


def _vigentes(sesion: Session) -> dict[str, ParametroVersion]:
    return {v.tabla: v for v in sesion.scalars(select(ParametroVersion).where(ParametroVersion.vigente))}


def parametros_vigentes(sesion: Session) -> Parametros:
    """The engine's tables from the versions in force (cached per set of versions)."""
    vigentes = _vigentes(sesion)
    faltan = [t for t in lp.ARCHIVOS if t not in vigentes]
    if faltan:
        raise DatosInvalidos("parámetros", f"no hay tablas cargadas: {', '.join(faltan)}",
                             "Ejecute «python -m app db init».")
    # The store's URL is part of the key: two stores in one process may share version ids.
    enlace = sesion.get_bind() if hasattr(sesion, "get_bind") else sesion  # Session or Connection
    clave = (str(enlace.engine.url), *sorted((t, v.id) for t, v in vigentes.items()))
    if clave in _cache:
        return _cache[clave]

    def filas(modelo, tabla):
        return sesion.scalars(select(modelo).where(modelo.version_id == vigentes[tabla].id)).all()

    regimen_csv = "clave,valor,norma\n" + "".join(
        f"{r.clave},{r.valor},\"{(r.norma or '').replace(chr(34), '')}\"\n" for r in filas(RegimenFila, "regimenes"))
    parametros = Parametros(
        ripte=lp.TablaRipte({Periodo.parse(r.periodo): r.indice for r in filas(RipteFila, "ripte")}),
        tasas=lp.TablaTasas([lp.TasaVigente(r.desde, r.hasta, r.tna, r.origen or "") for r in filas(TasaFila, "tasas")]),
        montos=lp.TablaMontos([lp.MontosSRT(r.desde, r.hasta, r.norma, r.piso, r.capu_a, r.capu_b, r.capu_c,
                                            r.iapu_minimo, r.nota or "") for r in filas(MontoSRTFila, "montos")]),
        gran_invalidez=lp.TablaGranInvalidez([lp.MontoGranInvalidez(r.desde, r.hasta, r.monto, r.norma)
                                              for r in filas(GranInvalidezFila, "gran_invalidez")]),
        regimenes=lp.leer_regimenes(regimen_csv, "regimen (base de datos)"),
    )
    _cache.clear()
    _cache[clave] = parametros
    return parametros


def versiones(ctx: Contexto, tabla: str) -> list[dict]:
    with ctx.lectura() as sesion:
        return [
            {"numero": v.numero, "cargado_en": v.cargado_en, "cargado_por": v.cargado_por, "origen": v.origen,
             "vigente": v.vigente, "sha256": v.sha256}
            for v in sesion.scalars(select(ParametroVersion).where(ParametroVersion.tabla == tabla)
                                    .order_by(ParametroVersion.numero))
        ]
