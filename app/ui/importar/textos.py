"""What the import wizard says: counts, the state of the preview, the confirmation and the
summary, in Spanish with es-AR numbers. Pure functions over the services' plain data (no Qt),
so they are tested without a display."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.importers.problemas import ERROR as ERROR_PROBLEMA
from app.importers.problemas import Columna, Problema

from .. import formato

TIPOS = {"remuneraciones": "Remuneraciones", "familiares": "Familiares"}
TITULOS = {"remuneraciones": "Importar remuneraciones", "familiares": "Importar familiares"}
# what one row of each kind is called in sentences
UNIDAD = {"remuneraciones": ("fila", "filas"), "familiares": ("familiar", "familiares")}

CANCELADA_IMPORTACION = "No se importó nada: el archivo y la base quedaron como estaban."
CANCELADA_VISTA_PREVIA = "Vista previa cancelada: no se leyó todo el archivo. No se guardó nada."
RECORDADA = "Se aplicó la asignación de columnas usada la última vez con este formato."
RECHAZADA = ("No se importó nada: desde la vista previa cambió el archivo o la base. Se volvió a revisar; "
             "estos son los problemas ahora.")

# fields of a family member (YaCargada.antes / .archivo) as the user calls them
CAMPOS_FAMILIAR = {
    "parentesco": "Parentesco", "apellido_nombre": "Apellido y nombre", "cuil": "CUIL",
    "fecha_nacimiento": "Fecha de nacimiento", "estudiante": "Estudiante", "incapacitado": "Incapacitado",
    "domicilio": "Domicilio", "cbu": "CBU",
}


def plural(n: int, singular: str, plural_: str) -> str:
    return f"{formato.entero(n)} {singular if n == 1 else plural_}"


def filas(tipo: str, n: int) -> str:
    """«1 fila» / «12 filas», «1 familiar» / «3 familiares»."""
    return plural(n, *UNIDAD[tipo])


def columna(col: Columna) -> str:
    """How a column is offered in the combos: «C — Período» (letter + header)."""
    return f"{col.letra} — {col.encabezado}" if col.encabezado else col.letra


def cuil(digitos: str | None) -> str:
    d = digitos or ""
    return f"{d[:2]}-{d[2:10]}-{d[10:]}" if len(d) == 11 and d.isdigit() else (digitos or formato.VACIO)


def estructura(examen) -> str:
    """Where the data is: «Hoja «Haberes»: encabezado en la fila 3; 5 columnas: A «CUIL», …»."""
    est = examen.estructura
    donde = f"Hoja «{examen.hoja}»: e" if examen.hoja else "E"
    cols = ", ".join(str(c) for c in est.columnas)
    return (f"{donde}ncabezado en la fila {formato.entero(est.fila_encabezado)}; "
            f"{plural(len(est.columnas), 'columna', 'columnas')}: {cols}.")


@dataclass(frozen=True)
class Conteo:
    """The problems of a preview counted once (a million-row file has as many: counting them
    again at each repaint would freeze the window)."""

    errores: int
    advertencias: int
    primer_error: Problema | None

    @classmethod
    def de(cls, vista) -> Conteo:
        errores = advertencias = 0
        primero = None
        for p in vista.problemas:
            if p.gravedad == ERROR_PROBLEMA:
                errores += 1
                if primero is None:
                    primero = p
            else:
                advertencias += 1
        return cls(errores, advertencias, primero)


def conteo(vista) -> Conteo:
    """The counts the page computed in its worker (`vista.conteo_ui`), else counted now."""
    hecho = getattr(vista, "conteo_ui", None)
    return hecho if isinstance(hecho, Conteo) else Conteo.de(vista)


def escrituras(vista) -> int:
    """Rows the import would write (new + replaced)."""
    return vista.nuevas + vista.reemplazos


def filas_con_error(vista) -> int:
    return len(vista.filas_con_error)


def cuentas(vista) -> list[tuple[str, str, int]]:
    """(key, title, value) of the counts the preview shows, in order."""
    salida = [
        ("leidas", "Filas leídas", vista.filas_leidas),
        ("validas", "Válidas", len(vista.filas)),
        ("con_error", "Con error", filas_con_error(vista)),
        ("advertencias", "Advertencias", conteo(vista).advertencias),
        ("nuevas", "Nuevas", vista.nuevas),
        ("reemplazos", "Reemplazos", vista.reemplazos),
        ("iguales", "Iguales", vista.iguales),
        ("conservadas", "Conservadas", vista.conservadas),
    ]
    if vista.tipo == "familiares":
        salida.append(("agentes", "Agentes a crear", len(vista.agentes_a_crear)))
    return salida


# ------------------------------------------------------------------ state of the preview

OK, AVISO, ERROR = "ok", "aviso", "error"


def estado(vista, solo_validas: bool) -> tuple[str, str, bool]:
    """(style, sentence, whether «Importar» is enabled) for a preview and the «sólo válidas» choice."""
    cuenta = conteo(vista)
    errores = cuenta.errores
    validas = len(vista.filas)
    n_error = filas_con_error(vista)
    if errores and (not validas or vista.filas_leidas == 0):
        primero = cuenta.primer_error
        if vista.filas_leidas == 0 or primero.fila is None:
            return ERROR, f"No se puede importar: {primero.motivo}.", False
        return ERROR, (f"No se puede importar: ninguna fila es válida "
                       f"({plural(errores, 'error', 'errores')}, vea «Problemas»)."), False
    if errores and not solo_validas:
        return ERROR, (f"El archivo tiene {plural(errores, 'error', 'errores')} en "
                       f"{plural(n_error, 'fila', 'filas')} (vea «Problemas»): así no se importa nada y el botón "
                       f"«Importar» queda deshabilitado. Corrija el archivo y vuelva a empezar, o marque «Importar "
                       f"sólo las filas válidas» para importar "
                       f"{'la fila' if validas == 1 else 'las ' + formato.entero(validas) + ' filas'} sin errores."), False
    escribir = escrituras(vista)
    if escribir == 0:
        motivo = "todo lo que trae ya está cargado"
        if vista.conservadas:
            motivo += f" ({plural(vista.conservadas, 'se conserva', 'se conservan')} como está)"
        return AVISO, f"No hay nada para importar: {motivo}.", False
    que = _que_se_escribe(vista)
    if errores:
        return AVISO, (f"Se importarán sólo las filas válidas: {que}. "
                       f"{plural(n_error, 'fila con errores se omite', 'filas con errores se omiten')}, "
                       "y eso queda registrado en la auditoría."), True
    extra = " Las advertencias no impiden importar." if cuenta.advertencias else ""
    return OK, f"Listo para importar: {que}.{extra}", True


def _que_se_escribe(vista) -> str:
    partes = []
    if vista.nuevas or not vista.reemplazos:
        genero = ("nueva", "nuevas") if vista.tipo == "remuneraciones" else ("nuevo", "nuevos")
        partes.append(f"{filas(vista.tipo, vista.nuevas)} {genero[vista.nuevas != 1]}")
    if vista.reemplazos:
        partes.append(f"{plural(vista.reemplazos, 'reemplazo', 'reemplazos')} de lo ya cargado")
    if vista.tipo == "familiares" and vista.agentes_a_crear:
        partes.append(f"{plural(len(vista.agentes_a_crear), 'agente', 'agentes')} a crear")
    return _enumerar(partes)


def _enumerar(partes: list[str]) -> str:
    return partes[0] if len(partes) == 1 else ", ".join(partes[:-1]) + " y " + partes[-1]


def _cuantas(n: int, singular: str, plural_: str) -> str:
    """«se escribirá 1 …» / «se escribirán 3 …»: the verb agrees with the number."""
    return f"{singular if n == 1 else plural_} {formato.entero(n)}"


def confirmacion(vista, solo_validas: bool) -> tuple[str, str]:
    """(question, detail) asked before importing."""
    donde = f"«{vista.archivo}»" + (f" (hoja «{vista.hoja}»)" if vista.hoja else "")
    tipo = vista.tipo
    n, r, c = vista.nuevas, vista.reemplazos, vista.conservadas
    if tipo == "remuneraciones":
        primera = f"Se {_cuantas(n, 'escribirá', 'escribirán')} {'fila nueva' if n == 1 else 'filas nuevas'}"
        cargadas = ("fila ya cargada", "filas ya cargadas")
    else:
        primera = f"Se {_cuantas(n, 'agregará', 'agregarán')} {'familiar' if n == 1 else 'familiares'}"
        cargadas = ("familiar ya cargado", "familiares ya cargados")
    if r:
        primera += f" y se {_cuantas(r, 'reemplazará', 'reemplazarán')} {cargadas[r != 1]}"
    lineas = [primera + "."]
    if tipo == "familiares" and vista.agentes_a_crear:
        k = len(vista.agentes_a_crear)
        lineas.append(f"Se {_cuantas(k, 'creará', 'crearán')} {'agente que no estaba' if k == 1 else 'agentes que no estaban'} "
                      "en la base.")
    if c:
        lineas.append(f"Se {_cuantas(c, 'conserva como está', 'conservan como están')} {cargadas[c != 1]}.")
    if solo_validas and conteo(vista).errores:
        lineas.append(f"Se omiten {plural(filas_con_error(vista), 'fila con errores', 'filas con errores')}; "
                      "queda registrado en la auditoría.")
    lineas.append("Todo se guarda en una sola operación: si algo falla, no se guarda nada.")
    return f"¿Importar {TIPOS[tipo].lower()} de {donde}?", "\n".join(lineas)


def resumen(r) -> list[str]:
    """The lines of the final page for a ResumenImportacion."""
    tipo = r.tipo
    lineas = [f"Filas leídas: {formato.entero(r.filas_leidas)}",
              f"Nuevas: {formato.entero(r.insertadas)}",
              f"Reemplazadas: {formato.entero(r.reemplazadas)}",
              f"Ya cargadas sin cambios: {formato.entero(r.iguales)}",
              f"Ya cargadas que se conservaron: {formato.entero(r.conservadas)}"]
    if tipo == "familiares":
        lineas.append(f"Agentes creados: {formato.entero(r.agentes_creados)}")
    if r.omitidas:
        muestra = ", ".join(formato.entero(n) for n in r.omitidas[:30]) + (" …" if len(r.omitidas) > 30 else "")
        lineas.append(f"Filas con errores omitidas: {formato.entero(len(r.omitidas))} (filas {muestra}); "
                      "quedó registrado en la auditoría")
    if r.advertencias:
        lineas.append(f"Advertencias: {formato.entero(len(r.advertencias))}")
    return lineas


def titulo_resumen(r) -> str:
    donde = f"«{r.archivo}»" + (f", hoja «{r.hoja}»" if r.hoja else "")
    return (f"Se importaron {TIPOS[r.tipo].lower()} de {donde} en una sola operación, registrada en la "
            "auditoría.")


# ------------------------------------------------------------------ already loaded rows

def valor_familiar(campo: str, valor) -> str:
    if valor is None or valor == "":
        return formato.VACIO
    if isinstance(valor, bool):
        return "Sí" if valor else "No"
    if campo == "fecha_nacimiento":
        return formato.fecha(valor.isoformat() if isinstance(valor, date) else str(valor))
    if campo == "cuil":
        return cuil(str(valor))
    return str(valor)


def diferencias(antes: dict, archivo: dict) -> tuple[str, str]:
    """The fields of a family member that differ: («Campo: cargado · …», «Campo: del archivo · …»)."""
    campos = [c for c in CAMPOS_FAMILIAR if antes.get(c) != archivo.get(c)]
    viejo = " · ".join(f"{CAMPOS_FAMILIAR[c]}: {valor_familiar(c, antes.get(c))}" for c in campos)
    nuevo = " · ".join(f"{CAMPOS_FAMILIAR[c]}: {valor_familiar(c, archivo.get(c))}" for c in campos)
    return viejo or formato.VACIO, nuevo or formato.VACIO
