"""The data of the printed sheets from the store (SQLite and PostgreSQL): always one stored
liquidation version, with the figures of the hand-computed case of test_liquidaciones.py; and the
PDFs made from them. Reading changes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.errors import NoEncontrado, ReglaIncumplida
from app.reports.notificacion import notificacion_derechohabiente
from app.reports.remuneraciones import hoja_remuneraciones
from app.reports.siape import liquidacion_siape
from app.services import derechohabientes, impresos, liquidaciones, siniestros
from tests.reports.ejemplos import texto_pdf

from .ayudas import CUIL_CONYUGE, CUIL_HIJO, acreditado, crear_caso_muerte, liquidado, sin_cambios

D = Decimal
# The case of test_liquidaciones.test_total_calculado_a_mano (PMI 03/05/2018, liquidated 10/05/2018):
# VIB 100.000,00 × 3.353,50 / 3.298,55 = 101.665,88; intereses 593,17; VIB con interés 102.259,05;
# pago único 8.807.060,68; CAPU 1.046.577,00; IAPU 20 % × 9.853.637,68 = 1.970.727,54 → total 11.824.365,22.
# Spouse + one child of 8: 5/7 and 2/7 of each concept, half-up:
#   spouse 6.290.757,63 + 1.407.662,53 + 747.555,00 = 8.445.975,16
#   child  2.516.303,05 +   563.065,01 + 299.022,00 = 3.378.390,06   (sum 11.824.365,22)


def plano(contenido: bytes) -> str:
    return " ".join(" ".join(texto_pdf(contenido)).split())


def test_hoja_de_remuneraciones(fabrica, op, liq, sup):
    ids = acreditado(op, liq, sup, crear_caso_muerte(op))
    with sin_cambios(fabrica):
        d = impresos.datos_hoja_remuneraciones(op, ids["siniestro"])
    assert (d.siniestro, d.cuil, d.organismo, d.version, d.regimen) == (
        "S-2018-001", "20123456786", "Ministerio de Salud", 1, "Ley 27.348")
    assert d.fecha_pmi == date(2018, 5, 3) and d.fecha_liquidacion == date(2018, 5, 10)
    assert d.fecha_inicio_actividad == date(2005, 3, 1) and d.fecha_baja_actividad is None
    assert [m.periodo for m in d.meses] == [f"2017-{m:02d}" for m in range(5, 13)] + [f"2018-{m:02d}" for m in range(1, 5)]
    ultimo = d.meses[-1]
    assert (ultimo.remuneracion, ultimo.sac, ultimo.ripte, ultimo.actualizado) == (
        D("100000.00"), D("0.00"), D("3298.55"), D("101665.88"))
    assert ultimo.coeficiente == D("1.016659")  # 3.353,50 / 3.298,55 = 1,0166588… (6 decimals)
    assert all(m.actualizado == 0 for m in d.meses[:-1])
    assert (d.ripte_pmi, d.ripte_pmi_periodo, d.vib, d.dias_interes, d.intereses, d.vib_con_interes) == (
        D("3353.50"), "2018-05", D("101665.88"), 7, D("593.17"), D("102259.05"))
    assert (d.total_salarios, d.meses_con_remuneracion, d.metodo) == (D("101665.88"), 1, "art12_ley27348")
    t = plano(hoja_remuneraciones(d))
    assert "04-2018 100.000,00 0,00 3.298,55 1,016659 101.665,88" in t
    assert "VIB con RIPTE 101.665,88" in t and "Intereses 593,17 VIB con interés 102.259,05" in t
    assert "ÚLTIMAS 12 REMUNERACIONES — RIPTE período PMI: 3.353,50 (05-2018)" in t
    # a death with no incapacidad loaded shows as SiAPe does: grado FAL, 100 %
    assert (d.incapacidad_grado, d.porcentaje_incapacidad) == ("FAL (fallecimiento)", D(100))
    assert "Grado FAL (fallecimiento)" in t and "Porc. 100,00 %" in t


def test_se_imprime_la_version_pedida_o_la_ultima(fabrica, op, liq):
    ids = liquidado(op, liq, crear_caso_muerte(op))
    liquidaciones.calcular(liq, ids["siniestro"], date(2018, 6, 10))
    ultima = impresos.datos_hoja_remuneraciones(op, ids["siniestro"])
    primera = impresos.datos_hoja_remuneraciones(op, ids["siniestro"], version=1)
    assert (ultima.version, ultima.fecha_liquidacion) == (2, date(2018, 6, 10))
    assert (primera.version, primera.fecha_liquidacion, primera.intereses) == (1, date(2018, 5, 10), D("593.17"))
    assert ultima.intereses > primera.intereses
    assert impresos.datos_liquidacion_siape(op, ids["siniestro"], version=1).total == D("11824365.22")
    with pytest.raises(NoEncontrado, match="El siniestro S-2018-001 no tiene la liquidación versión 5."):
        impresos.datos_liquidacion_siape(op, ids["siniestro"], version=5)


def test_sin_liquidacion_no_hay_hojas(fabrica, op):
    ids = crear_caso_muerte(op)
    for funcion, que in ((impresos.datos_hoja_remuneraciones, "la hoja de remuneraciones"),
                         (impresos.datos_liquidacion_siape, "la liquidación SIAPE")):
        with pytest.raises(ReglaIncumplida) as e:
            funcion(op, ids["siniestro"])
        assert e.value.mensaje == (f"El siniestro S-2018-001 no tiene ninguna liquidación guardada: no se puede "
                                   f"imprimir {que}.")
        assert e.value.resolucion == "Calcule la liquidación primero (ventana CALCULAR)."
    with pytest.raises(NoEncontrado, match="No existe el siniestro 999."):
        impresos.datos_hoja_remuneraciones(op, 999)


def test_liquidacion_siape(fabrica, op, liq, sup):
    ids = acreditado(op, liq, sup, crear_caso_muerte(op))
    with sin_cambios(fabrica):
        d = impresos.datos_liquidacion_siape(op, ids["siniestro"])
    assert (d.prestacion, d.regimen, d.version, d.calculada_por) == ("Fallecimiento", "Ley 27.348", 1, "lucas")
    assert d.estado_derechohabientes.startswith("2 acreditado/s el ")
    assert [(c.concepto, c.importe) for c in d.conceptos] == [
        ("Pago MENSUAL", D("0.00")), ("Pago ÚNICO", D("8807060.68")), ("Pago POR DAÑO", D("1970727.54")),
        ("Pago ADICIONAL", D("1046577.00"))]
    assert d.total == D("11824365.22")
    assert d.conceptos[1].detalle.startswith("Fórmula: 53 × 102.259,05 × 65 / 40 = 8.807.060,68")
    assert "Piso mínimo $ 1.569.865,00: no se aplica (la fórmula lo supera)." in d.conceptos[1].detalle
    assert d.conceptos[2].detalle == "IAPU: 20 % de $ 9.853.637,68 (pago único + CAPU), art. 3 Ley 26.773."
    assert d.conceptos[3].detalle == "CAPU inciso c) del art. 11 inc. 4 Ley 24.557, según Nota SRT 6026/2018."
    conyuge, hijo = d.partes
    assert (conyuge.apellido_nombre, conyuge.cuil, conyuge.parentesco, conyuge.porcentaje, conyuge.acreditado) == (
        "Gómez, María", CUIL_CONYUGE.replace("-", ""), "cónyuge", D("71.4286"), "Sí")
    assert (conyuge.pago_unico, conyuge.pago_por_danio, conyuge.pago_adicional, conyuge.importe) == (
        D("6290757.63"), D("1407662.53"), D("747555.00"), D("8445975.16"))
    assert (hijo.apellido_nombre, hijo.cuil, hijo.porcentaje) == ("Pérez, Tomás", CUIL_HIJO.replace("-", ""), D("28.5714"))
    assert (hijo.pago_unico, hijo.pago_por_danio, hijo.pago_adicional, hijo.importe) == (
        D("2516303.05"), D("563065.01"), D("299022.00"), D("3378390.06"))
    assert d.avisos == ()
    t = plano(liquidacion_siape(d))
    assert f"Gómez, María {CUIL_CONYUGE} Cónyuge 71,4286 6.290.757,63 1.407.662,53 747.555,00 8.445.975,16 Sí" in t
    assert "TOTAL 100,0000 8.807.060,68 1.970.727,54 1.046.577,00 11.824.365,22" in t


def test_siape_sin_acreditar_y_con_un_dh_cargado_despues(fabrica, op, liq):
    ids = liquidado(op, liq, crear_caso_muerte(op))
    derechohabientes.agregar_derechohabiente(op, ids["siniestro"], {
        "parentesco": "hijo", "apellido_nombre": "Pérez, Leo", "fecha_nacimiento": date(2015, 3, 2)})
    d = impresos.datos_liquidacion_siape(op, ids["siniestro"])
    assert d.estado_derechohabientes == "Sin acreditar"
    assert [p.acreditado for p in d.partes] == ["No", "No"]
    assert d.avisos == ("No figuran en esta liquidación (se cargaron después de calcularla): «Pérez, Leo». "
                        "Vuelva a calcular.",)


def test_notificacion_a_cada_derechohabiente(fabrica, op, liq, sup):
    ids = acreditado(op, liq, sup, crear_caso_muerte(op))
    with sin_cambios(fabrica):
        d = impresos.datos_notificacion(op, ids["dh_conyuge"], fecha=date(2018, 6, 1), lugar="La Plata",
                                        fecha_citacion=date(2018, 6, 15), hora_citacion="10:00",
                                        lugar_citacion="la Dirección de Personal, calle 7 N° 1270")
    assert (d.siniestro, d.destinatario, d.dni, d.parentesco, d.causante) == (
        "S-2018-001", "Gómez, María", "23456789", "cónyuge", "Pérez Núñez, Juan")
    assert (d.porcentaje, d.importe, d.total_prestacion, d.version) == (
        D("71.4286"), D("8445975.16"), D("11824365.22"), 1)
    assert [(c.concepto, c.importe) for c in d.conceptos] == [
        ("Capital (Pago ÚNICO)", D("6290757.63")), ("C.A.P.U. (Pago ADICIONAL)", D("747555.00")),
        ("I.A.P.U. 20 % (Pago POR DAÑO)", D("1407662.53"))]
    assert sum(c.importe for c in d.conceptos) == d.importe
    assert "Acta de matrimonio actualizada." in d.documentos
    t = plano(notificacion_derechohabiente(d))
    assert "La Plata, 1 de junio de 2018" in t
    assert "TOTAL QUE LE CORRESPONDE 8.445.975,16" in t
    assert "el día 15 de junio de 2018 a las 10:00 horas, en la Dirección de Personal, calle 7 N° 1270," in t

    hijo = impresos.datos_notificacion(op, ids["dh_hijo"], fecha=date(2018, 6, 1))
    assert (hijo.importe, hijo.porcentaje, hijo.parentesco) == (D("3378390.06"), D("28.5714"), "hijo/a")
    assert "Partida de nacimiento que acredite el vínculo con el causante." in hijo.documentos
    assert any(x.startswith("Si es menor de edad") for x in hijo.documentos)  # 8 years old
    assert hijo.fecha_citacion is None and hijo.lugar is None


def test_la_citacion_por_defecto_es_la_fecha_de_pre_acuerdo(fabrica, op, liq):
    ids = liquidado(op, liq, crear_caso_muerte(op))
    version = siniestros.obtener_siniestro(op, ids["siniestro"])["version"]
    siniestros.editar_siniestro(op, ids["siniestro"], {"fecha_pre_acuerdo": date(2018, 6, 20)}, version)
    d = impresos.datos_notificacion(op, ids["dh_conyuge"], fecha=date(2018, 6, 1))
    assert d.fecha_citacion == date(2018, 6, 20)
    # a letter written after that day does not cite to a day gone by
    assert impresos.datos_notificacion(op, ids["dh_conyuge"], fecha=date(2018, 6, 21)).fecha_citacion is None
    assert impresos.datos_notificacion(op, ids["dh_conyuge"], fecha=date(2018, 6, 20)).fecha_citacion == date(2018, 6, 20)


def test_notificacion_rechazada(fabrica, op, liq):
    ids = liquidado(op, liq, crear_caso_muerte(op))
    nuevo = derechohabientes.agregar_derechohabiente(op, ids["siniestro"], {
        "parentesco": "hijo", "apellido_nombre": "Pérez, Leo", "fecha_nacimiento": date(2015, 3, 2)})
    with pytest.raises(ReglaIncumplida) as e:
        impresos.datos_notificacion(op, nuevo)
    assert e.value.mensaje == "«Pérez, Leo» no figura en la liquidación versión 1 del siniestro S-2018-001."
    # a son of 23 who is not a student is excluded by the engine: nothing to notify him
    mayor = derechohabientes.agregar_derechohabiente(op, ids["siniestro"], {
        "parentesco": "hijo", "apellido_nombre": "Pérez, Iván", "fecha_nacimiento": date(1995, 1, 1)})
    liquidaciones.calcular(liq, ids["siniestro"], date(2018, 5, 10))
    with pytest.raises(ReglaIncumplida, match=r"«Pérez, Iván» está excluido/a en la liquidación versión 2"):
        impresos.datos_notificacion(op, mayor)
    with pytest.raises(NoEncontrado, match="No existe el derechohabiente 99999."):
        impresos.datos_notificacion(op, 99999)
