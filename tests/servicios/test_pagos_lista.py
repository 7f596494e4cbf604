"""pagos.listar_pagos: every payment of a siniestro with its DH's name, oldest first; read-only;
the new legajo tipos are accepted."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.errors import NoEncontrado
from app.services import documentos, pagos

from .ayudas import acreditado, crear_caso_muerte, sin_cambios

D = Decimal


def test_lista_los_pagos_del_siniestro(fabrica, op, liq, sup, adm):
    ids = acreditado(op, liq, sup, crear_caso_muerte(op))
    assert pagos.listar_pagos(op, ids["siniestro"]) == []
    p2 = pagos.registrar_pago(sup, ids["dh_hijo"], date(2018, 6, 2), "300.00", "Cheque", "CH 1")
    p1 = pagos.registrar_pago(sup, ids["dh_conyuge"], date(2018, 6, 1), "100.50", "Transferencia bancaria")
    p3 = pagos.registrar_pago(sup, ids["dh_hijo"], date(2018, 6, 2), "0.01", "Otro", "ajuste")
    with sin_cambios(fabrica):  # a read: no audit row
        lista = pagos.listar_pagos(adm, ids["siniestro"])
    assert [(p["id"], p["derechohabiente_id"], p["fecha"], p["importe"], p["medio"], p["comprobante"]) for p in lista] == [
        (p1, ids["dh_conyuge"], date(2018, 6, 1), D("100.50"), "Transferencia bancaria", None),
        (p2, ids["dh_hijo"], date(2018, 6, 2), D("300.00"), "Cheque", "CH 1"),
        (p3, ids["dh_hijo"], date(2018, 6, 2), D("0.01"), "Otro", "ajuste"),
    ]
    nombres = {d["derechohabiente_id"]: d["derechohabiente"] for d in lista}
    assert nombres[ids["dh_conyuge"]] != nombres[ids["dh_hijo"]]
    assert all(p["registrado_por"] == "sofia" and p["registrado_en"] is not None for p in lista)
    assert all(p["liquidacion_version"] == ids["liquidacion"]["version"] for p in lista)
    assert isinstance(lista[0]["importe"], Decimal)


def test_siniestro_inexistente(fabrica, op, liq, sup):
    ids = acreditado(op, liq, sup, crear_caso_muerte(op))
    pagos.registrar_pago(sup, ids["dh_hijo"], date(2018, 6, 2), "300.00", "Cheque")
    with pytest.raises(NoEncontrado):
        pagos.listar_pagos(op, 999_999)


@pytest.mark.parametrize("tipo", ["DNI", "Partida de defunción", "Partida de nacimiento", "Certificado de estudios",
                                  "Denuncia", "Dictamen médico", "Propuesta de convenio"])
def test_tipos_de_documento_nuevos(fabrica, op, tipo):
    ids = crear_caso_muerte(op, familia=False)
    documentos.adjuntar_documento(op, ids["siniestro"], tipo, b"x", "a.pdf")
    assert [d["tipo"] for d in documentos.listar_documentos(op, ids["siniestro"])] == [tipo]
