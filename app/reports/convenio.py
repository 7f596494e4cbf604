"""PROPUESTA DE CONVENIO (Anexo II, modelo de propuesta de convenio of seed 003), from the plain
data of one stored liquidation version.

The sections follow the model's order and wording. The CÁLCULO rows follow the regime of the
liquidation (see `filas_calculo`): only Ley 27.348 has RIPTE and interest rows; there is no
I.A.P.U. before Ley 26.773, and Decreto 1278/2000 has a capped capital instead of a piso.
A convenio is refused (DatosInvalidos, in Spanish, naming the DH) when a CBU is wrong or when the
DH shares exceed the TOTAL; when they are less (a DH of the liquidation did not accredit) the
reserved amount is printed under the table: it must never be printed silently wrong. A blank CBU or
account is left as a box to fill by hand.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from stdnum import exceptions as stdnum_errores
from stdnum.ar import cbu as stdnum_cbu

from app.errors import DatosInvalidos

from . import formato as f
from .datos import Beneficiario, Calculo, DatosConvenio
from .maqueta import GRIS_ETIQUETA, GRIS_TEXTO, Columna, Documento

LEY_27348, LEY_26773, DEC_1694, DEC_1278 = "Ley 27.348", "Ley 26.773", "Decreto 1694/2009", "Decreto 1278/2000"
TITULOS_CALCULO = {
    LEY_27348: "CÁLCULO DE INDEMNIZACIÓN POR FALLECIMIENTO LEY 27.348/17",
    LEY_26773: "CÁLCULO DE INDEMNIZACIÓN POR FALLECIMIENTO LEY 26.773/12",
    DEC_1694: "CÁLCULO DE INDEMNIZACIÓN POR FALLECIMIENTO DECRETO 1694/09",
    DEC_1278: "CÁLCULO DE INDEMNIZACIÓN POR FALLECIMIENTO DECRETO 1278/00",
}
CONFORMIDAD = "Presto conformidad para que el monto de la indemnización sea depositado en la cuenta declarada."
# widths in mm of an A4 page (174 mm between margins); Oficio scales them to its 180 mm
COLUMNAS_DH = [
    Columna("GRUPO", 14, "C"), Columna("NOMBRE Y APELLIDO", 52), Columna("DNI", 20, "C"),
    Columna("FECHA NAC.", 21, "C"), Columna("PARENTESCO", 23), Columna("%", 18, "R"), Columna("IMPORTE", 26, "R"),
]
COLUMNAS_CBU = [Columna("Beneficiario", 40), Columna("N° de Cuenta", 24), Columna("CBU", 36)]


def _capitalizar(texto: str | None) -> str | None:
    return texto[:1].upper() + texto[1:] if texto else texto


def _intereses_hasta(c: Calculo) -> str:
    detalle = f"{f.numero(c.dias_interes, 0)} días"
    if c.factor_capitalizacion is not None:
        detalle += f"; factor {f.numero(c.factor_capitalizacion, 6)}"
    return f"{f.fecha(c.fecha_liquidacion)} ({detalle})"


def filas_calculo(c: Calculo) -> list[tuple[str, str | None]]:
    """(concepto, valor) of the CÁLCULO box for the liquidation's regime, TOTAL and FÓRMULA last.

    Ley 27.348: VIB c/RIPTE, VIB c/RIPTE e intereses, Intereses calculados hasta el día, Capital
    piso mínimo, C.A.P.U., I.A.P.U. (20 %). Earlier regimes have no RIPTE and no interest (old
    art. 12): «Ingreso base mensual» and «Fecha de liquidación» instead; Ley 26.773 keeps the
    I.A.P.U.; Decreto 1694/2009 has none; Decreto 1278/2000 has a capital with a cap, not a piso."""
    if c.regimen == LEY_27348:
        filas = [("VIB c/RIPTE", f.monto(c.vib)), ("VIB c/RIPTE e intereses", f.monto(c.vib_con_interes)),
                 ("Intereses calculados hasta el día", _intereses_hasta(c))]
    else:
        filas = [("Ingreso base mensual (art. 12 Ley 24.557)", f.monto(c.vib)),
                 ("Fecha de liquidación", f.fecha(c.fecha_liquidacion))]
    if c.regimen == DEC_1278:
        filas.append(("Capital (con tope del Decreto 1278/00)", f.monto(c.pago_unico)))
    else:
        filas.append(("Capital piso mínimo", f.monto(c.pago_unico)))
    filas.append(("C.A.P.U.", f.monto(c.capu)))
    if c.regimen in (LEY_27348, LEY_26773):
        filas.append(("I.A.P.U. (20 %)", f.monto(c.iapu)))
    elif c.iapu:
        # an amount the regime should not have: printed, never hidden
        filas.append(("I.A.P.U.", f.monto(c.iapu)))
    if c.pago_mensual:
        filas.append(("Pago mensual", f.monto(c.pago_mensual)))
    filas.append(("TOTAL", f.monto(c.total)))
    filas.append(("FÓRMULA", c.formula_texto))
    return filas


def notas_calculo(c: Calculo) -> list[str]:
    notas = []
    if c.piso_minimo is not None:
        texto = f"Piso mínimo vigente a la fecha del accidente: {f.pesos(c.piso_minimo)}"
        if c.norma_montos or c.semestre_montos:
            fuente = ", ".join(x for x in (c.norma_montos, c.semestre_montos and f"semestre {c.semestre_montos}") if x)
            texto += f" ({fuente})"
        texto += ("; se aplica porque la fórmula da menos." if c.aplica_piso
                  else "; no se aplica porque la fórmula lo supera.")
        notas.append(texto)
    if c.tope is not None:
        notas.append(f"Tope del Decreto 1278/2000: {f.pesos(c.tope)}; "
                     + ("se aplica porque la fórmula lo supera." if c.aplica_tope else "la fórmula no lo alcanza."))
    if c.in_itinere and c.regimen in (LEY_27348, LEY_26773):
        notas.append("Accidente in itinere: no corresponde la I.A.P.U. (art. 3 Ley 26.773).")
    return notas


def validar_cbu(b: Beneficiario) -> str | None:
    """The CBU to print (22 digits) or None when it is blank; a wrong one stops the convenio."""
    if not b.cbu or not str(b.cbu).strip():
        return None
    texto = str(b.cbu).strip()
    try:
        return stdnum_cbu.validate(texto)
    except stdnum_errores.InvalidLength:
        motivo = "debe tener 22 dígitos"
    except stdnum_errores.InvalidFormat:
        motivo = "solo puede tener dígitos"
    except stdnum_errores.ValidationError:
        motivo = "sus dígitos verificadores no coinciden (hay un error de tipeo)"
    raise DatosInvalidos(
        f"CBU de «{b.apellido_nombre}»", f"«{texto}» no es una CBU válida: {motivo}",
        "Corríjala (o déjela en blanco para completarla a mano) antes de imprimir la Propuesta de Convenio.")


def _validar(datos: DatosConvenio) -> list[str | None]:
    if not datos.beneficiarios:
        raise DatosInvalidos("derechohabientes", "la Propuesta de Convenio no tiene derechohabientes acreditados",
                             "Acredite los derechohabientes antes de imprimirla.")
    suma = sum((b.importe for b in datos.beneficiarios), Decimal("0.00"))
    # less is legitimate (a DH of the liquidation did not accredit: the note says how much is
    # reserved); more can only be inconsistent data
    if suma > datos.calculo.total:
        raise DatosInvalidos(
            "derechohabientes",
            f"los importes de los derechohabientes suman {f.pesos(suma)} y el TOTAL de la liquidación versión "
            f"{datos.calculo.version} es {f.pesos(datos.calculo.total)}",
            "Vuelva a calcular la liquidación con los derechohabientes acreditados.")
    return [validar_cbu(b) for b in datos.beneficiarios]


def _accidentado(doc: Documento, datos: DatosConvenio) -> None:
    a = datos.accidentado
    doc.seccion("DATOS DEL ACCIDENTADO")
    doc.formulario([
        ("Nombre y Apellido", a.apellido_nombre, "Siniestro", a.siniestro),
        ("CUIL", f.cuit(a.cuil), "F. Nac.", f.fecha(a.fecha_nacimiento)),
        ("Domicilio (según DNI)", a.domicilio, "Localidad", a.localidad),
        ("Empleador", a.empleador, "CUIT", f.cuit(a.cuit_empleador)),
        ("Fecha de accidente", f.fecha(a.fecha_accidente), "Tipo de Accidente", a.tipo_accidente),
    ])


def _calculo(doc: Documento, c: Calculo) -> None:
    doc.seccion(TITULOS_CALCULO.get(c.regimen, f"CÁLCULO DE INDEMNIZACIÓN POR FALLECIMIENTO ({c.regimen})"), 60)
    anchos = doc.anchos([45, 55])
    for concepto, valor in filas_calculo(c):
        total = concepto == "TOTAL"
        formula = concepto == "FÓRMULA"
        doc.fila(anchos, [concepto, valor], alinear=["L", "L" if formula or concepto.startswith(("Intereses",
                 "Fecha")) else "R"], negrita=[True, total], fondo=[GRIS_ETIQUETA, GRIS_ETIQUETA if total else None],
                 tamanio=9 if total else 8.5, minimo=6.5)
    doc.espacio(1.5)
    doc.parrafo(f"Son {f.en_letras(c.total)}.", tamanio=8.5, estilo="B", alto=4.3)
    notas = notas_calculo(c)
    if notas:
        doc.set_text_color(GRIS_TEXTO)
        for nota in notas:
            doc.parrafo(nota, tamanio=7.5, alto=3.6)
        doc.set_text_color(0)


def _derechohabientes(doc: Documento, datos: DatosConvenio) -> None:
    doc.seccion("DERECHOHABIENTES QUE ACREDITARON LA CALIDAD DE BENEFICIARIOS", 26)
    filas = [[str(b.grupo), b.apellido_nombre, f.dni(b.dni), f.fecha(b.fecha_nacimiento), _capitalizar(b.parentesco),
              f.porcentaje(b.porcentaje), f.monto(b.importe)] for b in datos.beneficiarios]
    porcentaje = sum((b.porcentaje for b in datos.beneficiarios), Decimal(0))
    importe = sum((b.importe for b in datos.beneficiarios), Decimal("0.00"))
    total = ["Total", None, None, None, None, f.porcentaje(porcentaje), f.monto(importe)]
    doc.tabla(COLUMNAS_DH, filas, total=total, tamanio=8)
    reservado = datos.calculo.total - importe
    if reservado > 0:
        doc.espacio(1)
        doc.parrafo(f"Importe reservado a derechohabientes de la liquidación que no acreditaron la calidad de "
                    f"beneficiarios: {f.pesos(reservado)} (TOTAL de la liquidación: {f.pesos(datos.calculo.total)}).",
                    tamanio=8)
    doc.espacio(3)
    doc.linea_completar("Domicilio legal de los Derechohabientes que acreditaron:", datos.domicilio_legal)
    doc.linea_completar("OPCIÓN DE COMISIÓN:", datos.opcion_comision)


def _cuentas(doc: Documento, datos: DatosConvenio, cbus: list[str | None]) -> None:
    doc.seccion("CBU por DERECHOHABIENTE", 26)
    anchos = doc.anchos([c.ancho for c in COLUMNAS_CBU])

    def cabecera() -> None:
        doc.fila(anchos, [c.titulo for c in COLUMNAS_CBU], alinear="C", negrita=True, fondo=GRIS_ETIQUETA, tamanio=8)

    cabecera()
    for b, cbu in zip(datos.beneficiarios, cbus):
        # blank account/CBU: a taller empty box to write in by hand
        doc.fila(anchos, [b.apellido_nombre, b.numero_cuenta, cbu], alinear=["L", "C", "C"],
                 minimo=6.5 if cbu and b.numero_cuenta else 8.5, repetir=cabecera)
    doc.espacio(2)
    doc.parrafo(CONFORMIDAD, tamanio=9)


def _letrado(doc: Documento, datos: DatosConvenio) -> None:
    le = datos.letrado
    doc.seccion("ASESOR LETRADO DEL BENEFICIARIO", 28)
    doc.formulario([
        ("Nombre y Apellido", le.apellido_nombre, "Matrícula", le.matricula),
        ("CUIT", f.cuit(le.cuit), "Localidad", le.localidad),
        ("Domicilio", le.domicilio, "Teléfono", le.telefono),
        ("E-mail", le.email),
    ])


def _lugar_y_fecha(datos: DatosConvenio) -> str | None:
    partes = [p for p in (datos.lugar, f.fecha_larga(datos.fecha)) if p]
    return ", ".join(partes) or None


def _firmas(doc: Documento, datos: DatosConvenio) -> None:
    doc.espacio(4)
    doc.asegurar(52)  # LUGAR Y FECHA stays on the page of the first signatures
    doc.linea_completar("LUGAR Y FECHA:", _lugar_y_fecha(datos))
    doc.espacio(3)
    bloques = [("DERECHOHABIENTE", b.apellido_nombre, f.dni(b.dni)) for b in datos.beneficiarios]
    bloques.append(("LETRADO PATROCINANTE", datos.letrado.apellido_nombre, f.dni(datos.letrado.dni)))
    r = datos.representante
    leyenda = "REPRESENTANTE AUTOSEGURO" + (f" ({r.cargo})" if r.cargo else "")
    bloques.append((leyenda, r.apellido_nombre, f.dni(r.dni)))
    doc.firmas(bloques, por_fila=2)


def _subtitulo(datos: DatosConvenio) -> str:
    c = datos.calculo
    partes = [f"Liquidación versión {c.version} al {f.fecha(c.fecha_liquidacion)} — {c.regimen}"]
    if datos.fecha_pre_acuerdo:
        partes.append(f"Fecha de pre-acuerdo: {f.fecha(datos.fecha_pre_acuerdo)}")
    if datos.fecha_puesta_disposicion:
        partes.append(f"Puesta a disposición: {f.fecha(datos.fecha_puesta_disposicion)}")
    return " · ".join(partes)


def propuesta_convenio(datos: DatosConvenio, *, papel: str = "A4", creado: datetime | None = None) -> bytes:
    """The PDF of the Propuesta de Convenio, «A4» or «oficio» (216 × 356 mm).

    `creado` fixes the PDF's creation date (default: now), so that the same data and date give
    the same bytes. Raises DatosInvalidos for a wrong CBU, no DH, or shares that do not add up."""
    cbus = _validar(datos)
    c = datos.calculo
    pie = f"Propuesta de Convenio — liquidación versión {c.version} del {f.fecha(c.fecha_liquidacion)}"
    doc = Documento(papel=papel, titulo="Propuesta de Convenio", siniestro=datos.accidentado.siniestro, pie=pie,
                    creado=creado)
    doc.titulo("PROPUESTA DE CONVENIO", _subtitulo(datos))
    _accidentado(doc, datos)
    _calculo(doc, c)
    _derechohabientes(doc, datos)
    _cuentas(doc, datos, cbus)
    _letrado(doc, datos)
    _firmas(doc, datos)
    return bytes(doc.output())
