"""Parameter tables in the store: load the bundled defaults, load updates (validated, versioned,
previous versions kept) and give the engine the tables in force."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import config
from app.errors import ConflictoEdicion, DatosInvalidos, NoEncontrado, ReglaIncumplida
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

from . import parametros_archivos
from .nucleo import Contexto, traducir_error_liquidacion
from .parametros_archivos import Cambio, Problema

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


# ------------------------------------------------------------------ import from CSV / Excel with a preview

TABLAS_VACIAS_ADMITIDAS = ("feriados", "gran_invalidez")
_ORDEN = {"ripte": "periodo", "tasas": "desde", "montos": "desde", "gran_invalidez": "desde", "feriados": "fecha"}


@dataclass
class Vista:
    """What importing a file would do: its validated rows, every problem and the changes against
    the version in force. `confirmar_importacion(ctx, vista)` stores it."""

    tabla: str
    ruta: str
    archivo: str
    hoja: str | None
    hojas: list[str]
    sha256: str
    filas_leidas: int
    filas: list[dict]
    problemas: list[Problema]
    cambios: list[Cambio]
    version_actual: int | None

    def contar(self, tipo: str) -> int:
        return sum(1 for c in self.cambios if c.tipo == tipo)

    @property
    def se_puede_confirmar(self) -> bool:
        return not self.problemas and (bool(self.filas) or self.tabla in TABLAS_VACIAS_ADMITIDAS)


def _filas_de(sesion: Session, tabla: str, version_id: int) -> list[dict]:
    modelo = MODELOS[tabla]
    orden = getattr(modelo, _ORDEN.get(tabla, "id"))
    columnas = [c.key for c in modelo.__table__.columns if c.key not in ("id", "version_id")]
    return [{c: getattr(f, c) for c in columnas}
            for f in sesion.scalars(select(modelo).where(modelo.version_id == version_id).order_by(orden, modelo.id))]


def _tabla_conocida(tabla: str) -> None:
    if tabla not in TABLAS_PARAMETROS:
        raise DatosInvalidos("tabla", f"tabla de parámetros desconocida «{tabla}»")


def filas_version(ctx: Contexto, tabla: str, numero: int | None = None) -> dict:
    """One version of a table (the one in force by default): its data and its rows, in order."""
    _tabla_conocida(tabla)
    with ctx.lectura() as sesion:
        consulta = select(ParametroVersion).where(ParametroVersion.tabla == tabla)
        consulta = consulta.where(ParametroVersion.vigente if numero is None else ParametroVersion.numero == numero)
        v = sesion.scalar(consulta)
        if v is None:
            que = "no tiene versiones cargadas" if numero is None else f"no tiene la versión {numero}"
            raise NoEncontrado(f"La tabla «{tabla}» {que}.")
        return {"numero": v.numero, "cargado_en": v.cargado_en, "cargado_por": v.cargado_por, "origen": v.origen,
                "vigente": v.vigente, "sha256": v.sha256, "filas": _filas_de(sesion, tabla, v.id)}


def texto_fuentes(tabla: str) -> str:
    """What FUENTES.md (the users' Spanish version of SOURCES.md, bundled with the tables) says
    about this table's data."""
    _tabla_conocida(tabla)
    try:
        texto = (config.parametros_dir() / "FUENTES.md").read_text(encoding="utf-8")
    except OSError:
        return ""
    archivo = ARCHIVOS[tabla]
    secciones = re.split(r"(?m)^(?=## )", texto)
    propia = [s.strip() for s in secciones if s.startswith(f"## {archivo}")]
    # notes about this file in the other sections (e.g. "Changes made in the bundled copy")
    notas = [linea for s in secciones if not s.startswith(f"## {archivo}")
             for linea in re.split(r"\n(?=- )", s) if linea.startswith(f"- {archivo}:")]
    # plain text for the screen: the section title without its Markdown mark
    return "\n\n".join(propia + notas).removeprefix("## ")


def previsualizar_archivo(ctx: Contexto, tabla: str, ruta: Path | str, hoja: str | None = None,
                          avance=None) -> Vista:
    """Read and validate a CSV/Excel file of `tabla` and compare it with the version in force.

    Writes nothing. Problems of the file are in `Vista.problemas` (never raised); only an
    unknown table, a refused permission or an unusable store raise."""
    _tabla_conocida(tabla)
    ctx.actor.exigir("parametros")
    if avance is not None:
        avance(0, 3, "Leyendo el archivo…")
    lectura = parametros_archivos.leer(tabla, ruta, hoja, avance)
    filas: list[dict] = []
    problemas = list(lectura.problemas)
    if lectura.texto:
        if avance is not None:
            avance(1, 3, "Validando las filas…")
        filas, otros = parametros_archivos.validar_todo(tabla, lectura.texto, lectura.archivo, filas_validadas)
        problemas += otros
        if problemas:
            filas = []  # nothing of a file with problems may be stored
        elif not filas and tabla not in TABLAS_VACIAS_ADMITIDAS:
            problemas.append(Problema(lectura.archivo, None, None, "el archivo no tiene filas"))
    if avance is not None:
        avance(2, 3, "Comparando con la versión vigente…")
    with ctx.lectura("parametros") as sesion:
        vigente = sesion.scalar(select(ParametroVersion).where(ParametroVersion.tabla == tabla,
                                                               ParametroVersion.vigente))
        actuales = _filas_de(sesion, tabla, vigente.id) if vigente is not None else []
        numero = vigente.numero if vigente is not None else None
    cambios = parametros_archivos.comparar(tabla, actuales, filas) if filas or not problemas else []
    problemas.sort(key=lambda p: (p.fila or 0))  # file-wide problems first, then by row
    return Vista(tabla, str(ruta), lectura.archivo, lectura.hoja, lectura.hojas, lectura.sha256,
                 lectura.filas_leidas, filas, problemas, cambios, numero)


def _origen(vista: Vista) -> str:
    origen = vista.ruta + (f" (hoja «{vista.hoja}»)" if vista.hoja else "")
    largo = ParametroVersion.__table__.c.origen.type.length
    return origen if len(origen) <= largo else "…" + origen[-(largo - 1):]


def confirmar_importacion(ctx: Contexto, vista: Vista) -> int:
    """Store a previewed file as the table's new version, in one transaction with its audit row.

    The file is read and validated again: if it changed since the preview, has problems, or
    someone loaded another version meanwhile, nothing is written. Returns the new number."""
    ctx.actor.exigir("parametros")
    nueva = previsualizar_archivo(ctx, vista.tabla, vista.ruta, vista.hoja)
    if nueva.sha256 != vista.sha256:
        raise ReglaIncumplida(f"El archivo {vista.archivo} cambió desde la vista previa; no se guardó nada.",
                              "Vuelva a importarlo para revisar su contenido.")
    if not nueva.se_puede_confirmar:
        primero = nueva.problemas[0] if nueva.problemas else vista.archivo
        raise DatosInvalidos(str(primero), f"el archivo tiene {len(nueva.problemas)} problema(s); no se guardó nada")
    with ctx.caso_de_uso("parametros", "actualizar_parametros", "parametros") as (sesion, registro):
        previa = sesion.scalar(select(ParametroVersion).where(ParametroVersion.tabla == vista.tabla,
                                                              ParametroVersion.vigente))
        if (previa.numero if previa is not None else None) != vista.version_actual:
            raise ConflictoEdicion(
                f"Mientras revisaba el archivo, {previa.cargado_por if previa else 'otro usuario'} cargó otra "
                f"versión de la tabla; no se guardó nada.",
                "Vuelva a importar el archivo para ver los cambios contra la versión vigente.")
        version = _nueva_version(sesion, vista.tabla, nueva.filas, ctx.actor.usuario, _origen(vista), nueva.sha256)
        registro.entidad_id = f"{vista.tabla}#{version.numero}"
        registro.antes = None if previa is None else {"tabla": vista.tabla, "version": previa.numero,
                                                      "sha256": previa.sha256}
        registro.despues = {"tabla": vista.tabla, "version": version.numero, "filas": len(nueva.filas),
                            "origen": version.origen, "sha256": version.sha256,
                            "agregadas": nueva.contar("agregada"), "cambiadas": nueva.contar("cambiada"),
                            "quitadas": nueva.contar("quitada")}
        return version.numero
