"""Regenerate docs/ejemplos/: the printed documents of one demo siniestro, as PDF and PNG.

    .venv/bin/python scripts/ejemplos_documentos.py [CARPETA]

Builds the 40-agent demo store in a temporary folder (the one the window tests use), loads the
convenio data of the first accredited death siniestro whose liquidation prints, and writes the
Propuesta de Convenio, the REMUNERACIONES sheet, the SIAPE liquidation and the notification of
the first DH, each with page 1 rendered to PNG by pdftoppm. Every person and number is fictitious.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from stdnum.ar import cbu as stdnum_cbu
from stdnum.ar import cuit as stdnum_cuit

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))

from app.errors import ErrorAplicacion  # noqa: E402
from app.models import Siniestro, migrar  # noqa: E402
from app.models.bd import crear_motor, fabrica_sesiones  # noqa: E402
from app.reports.convenio import propuesta_convenio  # noqa: E402
from app.reports.notificacion import notificacion_derechohabiente  # noqa: E402
from app.reports.remuneraciones import hoja_remuneraciones  # noqa: E402
from app.reports.siape import liquidacion_siape  # noqa: E402
from app.services import convenios, impresos, parametros  # noqa: E402
from app.services.demo import generar_demo  # noqa: E402
from app.services.nucleo import Actor, Contexto  # noqa: E402

AGENTES, SEMILLA = 120, 11


def _cuit(base: str) -> str:
    return base + stdnum_cuit.calc_check_digit(base)


def _cbu(banco_sucursal: str, cuenta: str) -> str:
    primero = banco_sucursal + "0"
    primero = banco_sucursal + stdnum_cbu.calc_check_digit(primero[:7])
    segundo = cuenta + stdnum_cbu.calc_check_digit(cuenta)
    return primero + segundo


def _siniestro_imprimible(ctx: Contexto, sesion_fabrica) -> tuple[int, object]:
    from sqlalchemy import select

    with sesion_fabrica() as sesion:
        ids = sesion.scalars(select(Siniestro.id).where(Siniestro.tipo == "muerte").order_by(Siniestro.id)).all()
    for sid in ids:
        try:
            datos = convenios.datos_convenio(ctx, sid)
        except ErrorAplicacion:
            continue
        pagados = any(dh["con_pagos"] for dh in convenios.obtener_datos_convenio(ctx, sid)["derechohabientes"])
        if len(datos.beneficiarios) >= 2 and not pagados:  # accounts can still be loaded
            return sid, datos
    raise SystemExit("La demo no tiene un siniestro mortal acreditado que se pueda imprimir.")


def _png(pdf: Path) -> Path:
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(pdf.with_suffix(""))], check=True)
    return pdf.with_suffix(".png")


def main(argv: list[str]) -> int:
    carpeta = Path(argv[0]) if argv else RAIZ / "docs" / "ejemplos"
    carpeta.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        motor = crear_motor(f"sqlite:///{Path(tmp) / 'demo.db'}")
        migrar.actualizar(motor)
        fabrica = fabrica_sesiones(motor)
        parametros.cargar_incluidas(Contexto(fabrica, Actor("admin", "administrador")))
        generar_demo(motor, AGENTES, semilla=SEMILLA, calcular=True)
        ctx = Contexto(fabrica, Actor("ejemplo", "supervisor"))
        sid, datos = _siniestro_imprimible(ctx, fabrica)
        actuales = convenios.obtener_datos_convenio(ctx, sid)
        cuentas = [{"id": dh["id"], "numero_cuenta": f"CA 4009-{40000 + i:06d}/{i}",
                    "cbu": _cbu("0140999", f"{4009000000000 + i:013d}") if i else None}
                   for i, dh in enumerate(actuales["derechohabientes"]) if not dh["con_pagos"]]
        convenios.guardar_datos_convenio(ctx, sid, {
            "domicilio_legal": "Calle 7 N° 1234, piso 2º «B», La Plata",
            "opcion_comision": "Comisión Médica Jurisdiccional N° 12 — La Plata",
            "letrado_apellido_nombre": "Ibáñez, Martín Andrés", "letrado_matricula": "T° 58 F° 311 C.A.L.P.",
            "letrado_cuit": _cuit("2025123456"), "letrado_localidad": "La Plata",
            "letrado_domicilio": "Calle 48 N° 567, of. 3", "letrado_telefono": "(0221) 421-5566",
            "letrado_email": "estudio.ibanez@example.com.ar", "lugar": "La Plata",
            "fecha": datos.calculo.fecha_liquidacion + timedelta(days=10),
            "representante_apellido_nombre": "Sánchez, Verónica", "representante_dni": "28111222",
            "representante_cargo": "Directora de Liquidaciones",
            "derechohabientes": cuentas,
        }, actuales["version"])
        salidas = {
            "convenio.pdf": propuesta_convenio(convenios.datos_convenio(ctx, sid)),
            "remuneraciones.pdf": hoja_remuneraciones(impresos.datos_hoja_remuneraciones(ctx, sid)),
            "siape.pdf": liquidacion_siape(impresos.datos_liquidacion_siape(ctx, sid)),
            "notificacion.pdf": notificacion_derechohabiente(
                impresos.datos_notificacion(ctx, actuales["derechohabientes"][0]["id"])),
        }
        motor.dispose()
    for nombre, contenido in salidas.items():
        ruta = carpeta / nombre
        ruta.write_bytes(contenido)
        print(f"{ruta} ({len(contenido) // 1024} KB) → {_png(ruta).name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
