"""The texts of the calculator screens, built from the result of `app.services.calculo`.

Pure functions (no Qt): `resultado` is the dict of `liquidar_dict`, `datos` the case as read by
`leer_caso` (already validated when a result exists). Rows are `(textos, estilo, ayuda)`.
"""

from __future__ import annotations

from app.services.detalle_conceptos import (
    detalle_adicional,
    detalle_danio,
    detalle_mensual,
    detalle_unico,
)

from .formato import (
    VACIO,
    entero,
    factor,
    fecha,
    monto,
    numero,
    periodo,
    pesos,
    porcentaje,
    suma,
)

# Row styles: SiAPe paints accredited beneficiaries green; excluded ones are greyed out.
ELEGIBLE = "elegible"
EXCLUIDO = "excluido"
TOTAL = "total"

PAGO_MENSUAL = "Pago MENSUAL"
PAGO_UNICO = "Pago ÚNICO"
PAGO_POR_DANIO = "Pago POR DAÑO"
PAGO_ADICIONAL = "Pago ADICIONAL"
CONCEPTO_TOTAL = "TOTAL"

METODO_27348 = "art12_ley27348"
METODO_ORIGINAL = "art12_original"

PARENTESCOS = {
    "conyuge": "Cónyuge",
    "conviviente": "Conviviente",
    "hijo": "Hijo/a",
    "padre": "Padre",
    "madre": "Madre",
    "familiar_a_cargo": "Familiar a cargo",
}
TRAMOS = {
    "muerte": "Fallecimiento",
    "ilp_hasta_50": "ILP hasta 50 %",
    "ilp_50_66": "ILP de más de 50 % y menos de 66 %",
    "ilp_total": "ILP total (66 % o más)",
    "gran_invalidez": "Gran invalidez",
}


# --- REMUNERACIONES --------------------------------------------------------------------------
def filas_remuneraciones(r: dict) -> list[tuple]:
    ref = r.get("parametros_usados", {}).get("ripte_referencia")
    filas = []
    for m in r.get("meses", []):
        ayuda = ""
        if m.get("coeficiente") is not None and ref:
            ayuda = (
                f"Coeficiente = RIPTE {periodo(ref)} ({numero(r.get('ripte_pmi'))}) / "
                f"RIPTE {periodo(m['periodo'])} ({numero(m.get('ripte'))})"
            )
        filas.append((
            (
                periodo(m["periodo"]),
                monto(m.get("remuneracion")),
                monto(m.get("sac")),
                numero(m.get("ripte")),
                factor(m.get("coeficiente")),
                monto(m.get("actualizado")),
            ),
            "",
            ayuda,
        ))
    return filas


def etiqueta_vib(r: dict) -> str:
    metodo = r.get("metodo_ingreso_base")
    if metodo == METODO_27348:
        return "VIB con RIPTE"
    if metodo == METODO_ORIGINAL:
        return "VIB (art. 12 original)"
    return "VIB informado"


def calculos(r: dict, datos: dict) -> list[tuple[str, str]]:
    """The CÁLCULOS box of SiAPe's REMUNERACIONES screen, in its order."""
    metodo = r.get("metodo_ingreso_base")
    filas = [
        (etiqueta_vib(r), monto(r.get("vib"))),
        ("PMI / Accidente", fecha(datos.get("fecha_pmi"))),
        ("Fec. Liquidación", fecha(r.get("fecha_liquidacion"))),
        ("Días de interés", entero(r.get("dias_interes"))),
        ("Factor de capitalización", factor(r.get("factor_capitalizacion"))),
        ("Intereses", monto(r.get("intereses"))),
        ("VIB con interés", monto(r.get("vib_con_interes"))),
    ]
    if metodo == METODO_ORIGINAL:
        filas.append(("TOTAL DE SALARIOS DEL PERÍODO", monto(r.get("total_salarios_actualizados"))))
        filas.append(("Días del período", entero(r.get("dias_periodo"))))
    else:
        filas.append(("TOTAL DE SALARIOS ACTUALIZADOS X RIPTE", monto(r.get("total_salarios_actualizados"))))
        ref = r.get("parametros_usados", {}).get("ripte_referencia")
        ripte = numero(r.get("ripte_pmi")) if r.get("ripte_pmi") is not None else VACIO
        filas.append(("RIPTE período PMI", f"{ripte} ({periodo(ref)})" if ref else ripte))
    return filas


def nota_vib(r: dict) -> str:
    metodo = r.get("metodo_ingreso_base")
    if metodo == METODO_27348:
        return (
            "Para calcular el ingreso base (VIB) se toma el promedio mensual de los salarios "
            "devengados durante el año anterior a la primera manifestación invalidante (PMI), o "
            "durante el tiempo de servicio si fue menor, cada uno actualizado por RIPTE: "
            "(remuneración + SAC) × RIPTE de referencia / RIPTE del mes. Desde la PMI hasta la "
            "liquidación el VIB devenga el interés de la tasa activa del Banco Nación "
            "(art. 12 Ley 24.557, texto según Ley 27.348)."
        )
    if metodo == METODO_ORIGINAL:
        return (
            "PMI anterior a la Ley 27.348: el VIB es la suma de las remuneraciones del año anterior "
            "a la PMI dividida por los días del período y multiplicada por 30,4 (art. 12 original "
            "de la Ley 24.557), sin actualización por RIPTE."
        )
    return (
        "El caso trae el VIB ya calculado (campo «vib») y no incluye remuneraciones: la tabla "
        "queda vacía. Desde la PMI hasta la liquidación el VIB devenga los intereses que "
        "correspondan al régimen."
    )


# --- CALCULAR --------------------------------------------------------------------------------
def filas_conceptos(r: dict, datos: dict) -> list[tuple]:
    return [
        ((PAGO_MENSUAL, monto(r.get("pago_mensual")), detalle_mensual(r)), "", ""),
        ((PAGO_UNICO, monto(r.get("pago_unico")), detalle_unico(r)), "", ""),
        ((PAGO_POR_DANIO, monto(r.get("pago_por_danio")), detalle_danio(r, datos)), "", ""),
        ((PAGO_ADICIONAL, monto(r.get("pago_adicional")), detalle_adicional(r)), "", ""),
        ((CONCEPTO_TOTAL, monto(r.get("total")), "Suma de los conceptos."), TOTAL, ""),
    ]


def parametros_usados(r: dict) -> str:
    """One paragraph per parameter table used, for the box under the CALCULAR table."""
    pu = r.get("parametros_usados", {})
    lineas = [f"Régimen: {r.get('regimen', VACIO)}."]
    m = pu.get("montos_srt")
    if m:
        lineas.append(
            f"Montos SRT ({m.get('norma')}, {fecha(m.get('vigencia_desde'))} a "
            f"{fecha(m.get('vigencia_hasta'))}): piso {pesos(m.get('piso'))}; CAPU a) "
            f"{pesos(m.get('capu_a'))}, b) {pesos(m.get('capu_b'))}, c) {pesos(m.get('capu_c'))}; "
            f"IAPU mínima {pesos(m.get('iapu_minimo'))}."
        )
    d = pu.get("dec_1278")
    if d:
        lineas.append(f"Decreto 1278/2000: tope {pesos(d.get('tope'))}; CAPU {pesos(d.get('capu_c'))}.")
    tasas = pu.get("tasas") or []
    if tasas:
        lineas.append(
            f"Interés: tasa activa BNA del {fecha(tasas[0].get('desde'))} al "
            f"{fecha(tasas[-1].get('hasta'))} ({len(tasas)} tramos de tasa, "
            f"{entero(r.get('dias_interes'))} días)."
        )
    return "\n".join(lineas)


# --- DERECHOHABIENTES ------------------------------------------------------------------------
def parentesco(valor: str | None) -> str:
    return PARENTESCOS.get(valor or "", valor or VACIO)


def filas_derechohabientes(r: dict) -> list[tuple]:
    reparto = r.get("reparto") or []
    filas = []
    for p in reparto:
        c = p.get("conceptos") or {}
        excluido = bool(p.get("excluido"))
        motivo = p.get("motivo") or ""
        estado = (f"Sí: {motivo}" if motivo else "Sí") if excluido else "No"
        filas.append((
            (
                str(p.get("id", "")),
                parentesco(p.get("parentesco")),
                entero(p.get("edad")),
                porcentaje(p.get("porcentaje")),
                monto(c.get("pago_unico")),
                monto(c.get("pago_por_danio")),
                monto(c.get("pago_adicional")),
                monto(p.get("importe")),
                estado,
            ),
            EXCLUIDO if excluido else ELEGIBLE,
            motivo,
        ))
    if reparto:
        def total(clave):
            return monto(suma((p.get("conceptos") or {}).get(clave) for p in reparto))

        filas.append((
            (
                "Total", "", "",
                porcentaje(suma(p.get("porcentaje") for p in reparto)),
                total("pago_unico"), total("pago_por_danio"), total("pago_adicional"),
                monto(suma(p.get("importe") for p in reparto)),
                "",
            ),
            TOTAL,
            "",
        ))
    return filas


def nota_derechohabientes(r: dict) -> str:
    if r.get("tipo") != "muerte":
        return (
            "Incapacidad del trabajador: la prestación le corresponde a él; "
            "no hay reparto entre derechohabientes."
        )
    if not r.get("reparto"):
        return "No se cargaron derechohabientes: el reparto queda pendiente."
    texto = (
        "En verde, los derechohabientes que cobran según el orden y los porcentajes de ley "
        "(art. 18 Ley 24.557 y art. 53 Ley 24.241); en gris, los excluidos con su motivo."
    )
    if r.get("porcentajes_manuales"):
        texto += " Los porcentajes fueron cargados a mano en el caso."
    return texto


# --- the case header -------------------------------------------------------------------------
def resumen_caso(r: dict, datos: dict) -> list[tuple[str, str]]:
    tramo = TRAMOS.get(r.get("tramo", ""), r.get("tramo", VACIO))
    if r.get("tipo") == "ilp" and datos.get("porcentaje_incapacidad") is not None:
        tramo += f" ({numero(datos.get('porcentaje_incapacidad'))} %)"
    itinere = datos.get("in_itinere")
    return [
        ("Prestación", tramo),
        ("Régimen", r.get("regimen", VACIO)),
        ("PMI / Accidente", fecha(datos.get("fecha_pmi"))),
        ("Fec. Liquidación", fecha(r.get("fecha_liquidacion"))),
        ("Fecha de nacimiento", fecha(datos.get("fecha_nacimiento"))),
        ("Edad a la PMI", f"{entero(r.get('edad'))} años" if r.get("edad") is not None else VACIO),
        ("Lugar del accidente", "In itinere" if itinere is True else "En el trabajo"),
    ]
