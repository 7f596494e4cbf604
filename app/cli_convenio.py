"""`python -m app convenio`: the Propuesta de Convenio in PDF, of one siniestro or of a batch.

    python -m app convenio --siniestro N --salida ARCHIVO.pdf [--version V] [--oficio]
    python -m app convenio --todos --desde AAAA-MM-DD --salida CARPETA [--oficio]

N is the siniestro number as the grid shows it. The program user is --usuario (by default the
operating system's user name); the password is asked at the prompt or read from LIQUIDADOR_CLAVE.
Each PDF is also kept in the siniestro's legajo (unless --sin-legajo). In a batch a siniestro
that fails is reported and skipped; the exit code is then 2.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from datetime import date
from pathlib import Path

from app.cli_parametros import pedir_clave
from app.errors import en_una_linea

SALIDA_ERROR = 2



def _fecha(texto: str) -> date:
    try:
        if len(texto.strip()) != 10:
            raise ValueError
        return date.fromisoformat(texto.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{texto}» no es una fecha con formato AAAA-MM-DD") from None


def _version(texto: str) -> int:
    try:
        valor = int(texto)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{texto}» no es un número de versión") from None
    if valor < 1:
        raise argparse.ArgumentTypeError("la versión debe ser al menos 1")
    return valor


def agregar_parser(sub, comun) -> None:
    p = sub.add_parser(
        "convenio", parents=[comun], help="genera la Propuesta de Convenio en PDF (de un siniestro o en lote)",
        description="Genera la Propuesta de Convenio en PDF con los importes de una liquidación guardada y la "
                    "guarda también en el legajo del siniestro. Con --todos genera, en la carpeta --salida, un "
                    "PDF por cada siniestro con derechohabientes acreditados cuya acreditación o última "
                    "liquidación sea del día --desde en adelante.",
    )
    p.add_argument("--siniestro", metavar="N", help="número del siniestro (tal como se ve en la grilla)")
    p.add_argument("--todos", action="store_true", help="todos los siniestros acreditados o liquidados de nuevo desde --desde")
    p.add_argument("--desde", type=_fecha, metavar="AAAA-MM-DD", help="fecha desde la que buscar (con --todos)")
    p.add_argument("--salida", type=Path, required=True, metavar="ARCHIVO|CARPETA",
                   help="archivo PDF a escribir, o la carpeta de los PDF con --todos")
    p.add_argument("--version", type=_version, metavar="V", help="versión de la liquidación (por omisión, la última)")
    p.add_argument("--oficio", action="store_true", help="papel oficio (216 × 356 mm) en lugar de A4")
    p.add_argument("--sin-legajo", action="store_true", help="no guardar una copia en el legajo del siniestro")
    p.add_argument("--usuario", help="usuario del programa (por omisión, el del sistema operativo)")


def _exigir_combinacion(args) -> None:
    from app.errors import ErrorAplicacion

    if bool(args.siniestro) == bool(args.todos):
        raise ErrorAplicacion("Indique --siniestro N o bien --todos --desde AAAA-MM-DD.")
    if args.todos and args.desde is None:
        raise ErrorAplicacion("Con --todos falta --desde AAAA-MM-DD.")
    if args.todos and args.version is not None:
        raise ErrorAplicacion("--version es para un solo siniestro: con --todos se usa la última liquidación de cada uno.")
    if not args.todos and args.desde is not None:
        raise ErrorAplicacion("--desde es solo para --todos.")


def comprobar_salida(ruta: Path) -> Path:
    """Refuse a destination that cannot be written before anything is generated or kept."""
    ruta = ruta.expanduser()
    if ruta.is_dir():
        raise IsADirectoryError(21, "es una carpeta, no un archivo", str(ruta))
    if not ruta.parent.is_dir():
        raise FileNotFoundError(2, "no existe la carpeta", str(ruta.parent))
    return ruta


def escribir(ruta: Path, contenido: bytes) -> None:
    """Write the whole file or nothing: a temporary file beside it, then renamed over it."""
    ruta = comprobar_salida(ruta)
    fd, temporal = tempfile.mkstemp(prefix=".convenio-", suffix=".pdf", dir=ruta.parent)
    try:
        with os.fdopen(fd, "wb") as archivo:
            archivo.write(contenido)
        os.replace(temporal, ruta)
    except BaseException:
        Path(temporal).unlink(missing_ok=True)
        raise


def nombre_pdf(numero: str) -> str:
    """A file name from a siniestro number, valid on Windows too («2023/001» → «2023-001.pdf»)."""
    return re.sub(r'[\\/:*?"<>|\s]+', "-", numero.strip()).strip(".-") + ".pdf"


def _bytes(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def ejecutar(args) -> int:
    from app.models.bd import fabrica_sesiones
    from app.services import base_datos, usuarios
    from app.services.nucleo import Contexto, usuario_sistema_operativo

    _exigir_combinacion(args)
    motor = base_datos.abrir(args.bd)
    try:
        base_datos.exigir_existente(motor)
        fabrica = fabrica_sesiones(motor)
        usuario = args.usuario or usuario_sistema_operativo()
        ctx = Contexto(fabrica, usuarios.iniciar_sesion(fabrica, usuario, pedir_clave(usuario)))
        papel = "oficio" if args.oficio else "A4"
        if args.todos:
            return _lote(ctx, args, papel)
        return _uno(ctx, args, papel)
    finally:
        motor.dispose()


def _uno(ctx, args, papel: str) -> int:
    from app.services import convenios

    comprobar_salida(args.salida)
    sid = convenios.siniestro_por_numero(ctx, args.siniestro)
    pdf = convenios.generar_convenio(ctx, sid, version=args.version, papel=papel,
                                     guardar_en_legajo=not args.sin_legajo)
    escribir(args.salida, pdf)
    legajo = "" if args.sin_legajo else " y en el legajo"
    print(f"Propuesta de Convenio del siniestro {args.siniestro.strip()} guardada en «{args.salida}»{legajo} "
          f"({_bytes(len(pdf))} bytes).", flush=True)
    return 0


def _lote(ctx, args, papel: str) -> int:
    from app.errors import ErrorAplicacion
    from app.liquidacion import LiquidacionError
    from app.liquidacion.fechas import ddmmaaaa
    from app.services import convenios

    ids = convenios.convenios_desde(ctx, args.desde)
    if not ids:
        print(f"No hay siniestros con derechohabientes acreditados o liquidados de nuevo desde el "
              f"{ddmmaaaa(args.desde)}.")
        return 0
    carpeta = args.salida.expanduser()
    carpeta.mkdir(parents=True, exist_ok=True)
    numeros = convenios.numeros_de_siniestros(ctx, ids)
    total, hechos, errores, usados = len(ids), 0, 0, set()
    print(f"Generando {total} propuesta(s) de convenio en «{carpeta}»…", flush=True)
    for i, sid in enumerate(ids, 1):
        numero = numeros[sid]
        nombre = nombre_pdf(numero)
        if nombre.lower() in usados:  # two numbers that differ only in characters a file name cannot have
            nombre = f"{nombre[:-4]}_{sid}.pdf"
        usados.add(nombre.lower())
        try:
            pdf = convenios.generar_convenio(ctx, sid, papel=papel, guardar_en_legajo=not args.sin_legajo)
            escribir(carpeta / nombre, pdf)
        except (ErrorAplicacion, LiquidacionError) as e:
            errores += 1
            print(f"  [{i}/{total}] Siniestro {numero}: Error: {en_una_linea(e)}", file=sys.stderr, flush=True)
            continue
        except OSError as e:
            errores += 1
            print(f"  [{i}/{total}] Siniestro {numero}: Error al escribir «{nombre}»: {e.strerror or e}",
                  file=sys.stderr, flush=True)
            continue
        except Exception as e:  # noqa: BLE001 - one odd siniestro must not stop a batch of a thousand
            errores += 1
            print(f"  [{i}/{total}] Siniestro {numero}: Error interno inesperado ({type(e).__name__}): {e}",
                  file=sys.stderr, flush=True)
            continue
        hechos += 1
        print(f"  [{i}/{total}] Siniestro {numero}: {nombre} ({_bytes(len(pdf))} bytes)", flush=True)
    print(f"Listo: {hechos} de {total} propuesta(s) de convenio generada(s) en «{carpeta}».", flush=True)
    if errores:
        print(f"{errores} siniestro(s) con errores: no se generó su convenio (vea los mensajes anteriores).",
              file=sys.stderr, flush=True)
        return SALIDA_ERROR
    return 0
