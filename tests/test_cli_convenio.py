"""`python -m app convenio`: one siniestro to a file, a batch into a folder (one PDF per siniestro,
a progress line each, a summary, failures reported and skipped with exit 2), every refusal one
Spanish line on stderr; the PDFs are kept once in the legajo, by the logged-in user."""

from __future__ import annotations

import importlib.util
import sys
import time
import types
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.errors import DatosInvalidos
from app.models import Auditoria, Documento, migrar
from app.models.bd import crear_motor, fabrica_sesiones
from app.services import agentes, convenios, derechohabientes, liquidaciones, parametros, siniestros, usuarios
from app.services.nucleo import Actor, Contexto
from tests.servicios.ayudas import acreditado, crear_caso_muerte, cuil, datos_siniestro
from tests.test_cli_db import correr, un_error

CLAVE = "una-clave-larga-2026"


@pytest.fixture(autouse=True)
def informe(monkeypatch):
    """The real PDF generator when it exists; otherwise a stand-in with changing bytes."""
    if importlib.util.find_spec("app.reports.convenio") is None:
        modulo = types.ModuleType("app.reports.convenio")
        modulo.propuesta_convenio = lambda datos, *, papel="A4", creado=None: (
            b"%PDF-1.4 " + papel.encode() + repr(datos).encode() + str(time.time_ns()).encode())
        monkeypatch.setitem(sys.modules, "app.reports.convenio", modulo)


def _segundo_caso(op, liq, sup, acreditar: bool = True) -> int:
    """Another agent of the same organismo, dead on 2019-03-04, with a spouse: S-2019-002."""
    with op.lectura() as s:
        from app.models import Organismo

        org = s.scalar(select(Organismo.id))
    ag = agentes.registrar_agente(op, {"cuil": cuil("20", 22333444), "apellido_nombre": "Ríos, Pedro",
                                       "fecha_nacimiento": date(1970, 1, 1), "organismo_id": org})
    agentes.cargar_remuneraciones(op, ag, [{"periodo": "2019-02", "remuneracion": "50000.00", "sac": "0"}])
    agentes.registrar_familiar(op, ag, {"parentesco": "conyuge", "apellido_nombre": "Sosa, Ana"})
    sid = siniestros.registrar_siniestro(op, datos_siniestro(
        ag, numero="S-2019-002", fecha_pmi=date(2019, 3, 4), fecha_fallecimiento=date(2019, 3, 4),
        fecha_denuncia=None, fecha_recepcion=None))
    dh = derechohabientes.proponer_desde_familia(op, sid)
    liquidaciones.calcular(liq, sid, date(2019, 4, 1))
    if acreditar:
        derechohabientes.seleccionar(liq, sid, dh)
        derechohabientes.acreditar_seleccionados(sup, sid)
    return sid


@pytest.fixture
def base(tmp_path, monkeypatch):
    """An SQLite store with S-2018-001 and S-2019-002 accredited and the operator «olga» (password
    in LIQUIDADOR_CLAVE, as a script would give it)."""
    url = f"sqlite+pysqlite:///{tmp_path / 'convenio.db'}"
    motor = crear_motor(url)
    migrar.actualizar(motor)
    f = fabrica_sesiones(motor)
    adm, op, liq, sup = (Contexto(f, Actor(u, r, usuario_so="pruebas")) for u, r in [
        ("admin", "administrador"), ("olga", "operador"), ("lucas", "liquidador"), ("sofia", "supervisor")])
    parametros.cargar_incluidas(adm)
    primero = acreditado(op, liq, sup, crear_caso_muerte(op))["siniestro"]
    segundo = _segundo_caso(op, liq, sup)
    inicial = usuarios.crear_usuario(adm, "olga", "Olga Pérez", "operador")
    usuarios.cambiar_clave(f, "olga", inicial, CLAVE)
    monkeypatch.setenv("LIQUIDADOR_CLAVE", CLAVE)
    yield types.SimpleNamespace(url=url, fabrica=f, op=op, liq=liq, sup=sup, ids=(primero, segundo))
    motor.dispose()


def _docs(fabrica) -> list[tuple[int, str, bytes]]:
    with fabrica() as s:
        return [(d.siniestro_id, d.nombre_archivo, bytes(d.contenido))
                for d in s.scalars(select(Documento).order_by(Documento.id))]


def _convenio(base, *argv: str, capsys):
    return correr(capsys, "convenio", "--bd", base.url, "--usuario", "olga", *argv)


def test_un_siniestro_a_un_archivo(base, capsys, tmp_path):
    salida = tmp_path / "convenio.pdf"
    codigo, out, err = _convenio(base, "--siniestro", "S-2018-001", "--salida", str(salida), capsys=capsys)
    assert codigo == 0, err
    assert "Propuesta de Convenio del siniestro S-2018-001 guardada en" in out and "y en el legajo" in out
    pdf = salida.read_bytes()
    assert pdf.startswith(b"%PDF")
    [(sid, nombre, contenido)] = _docs(base.fabrica)
    assert (sid, contenido) == (base.ids[0], pdf) and nombre.startswith("convenio_S-2018-001_v1_")
    with base.fabrica() as s:
        ultima = s.scalars(select(Auditoria).order_by(Auditoria.id.desc()).limit(1)).one()
    assert (ultima.usuario, ultima.accion, ultima.entidad) == ("olga", "guardar_convenio", "documento")

    # again, by the number as typed in lower case: the same bytes, no second copy in the legajo
    salida.unlink()
    codigo, _, err = _convenio(base, "--siniestro", "s-2018-001", "--salida", str(salida), capsys=capsys)
    assert codigo == 0, err
    assert salida.read_bytes() == pdf and len(_docs(base.fabrica)) == 1

    # oficio, of version 1, not kept
    otra = tmp_path / "oficio.pdf"
    codigo, out, err = _convenio(base, "--siniestro", "S-2018-001", "--version", "1", "--oficio", "--sin-legajo",
                                 "--salida", str(otra), capsys=capsys)
    assert codigo == 0, err
    assert "legajo" not in out and otra.read_bytes().startswith(b"%PDF")
    assert len(_docs(base.fabrica)) == 1


@pytest.mark.parametrize("argv, fragmentos", [
    (["--siniestro", "S-9", "--salida", "{tmp}/x.pdf"], ["No existe el siniestro número «S-9»"]),
    (["--siniestro", "S-2018-001", "--version", "4", "--salida", "{tmp}/x.pdf"], ["no tiene la liquidación versión 4"]),
    (["--siniestro", "S-2018-001", "--salida", "{tmp}/no_existe/x.pdf"], ["no existe la carpeta"]),
    (["--siniestro", "S-2018-001", "--salida", "{tmp}"], ["es una carpeta"]),
    (["--salida", "{tmp}/x.pdf"], ["Indique --siniestro N o bien --todos"]),
    (["--siniestro", "S-2018-001", "--todos", "--desde", "2020-01-01", "--salida", "{tmp}"], ["Indique --siniestro N"]),
    (["--todos", "--salida", "{tmp}"], ["Con --todos falta --desde"]),
    (["--todos", "--desde", "2020-01-01", "--version", "1", "--salida", "{tmp}"], ["--version es para un solo"]),
    (["--siniestro", "S-2018-001", "--desde", "2020-01-01", "--salida", "{tmp}/x.pdf"], ["--desde es solo para --todos"]),
])
def test_errores_en_una_linea(base, capsys, tmp_path, argv, fragmentos):
    antes = _docs(base.fabrica)
    codigo, out, err = _convenio(base, *[a.replace("{tmp}", str(tmp_path)) for a in argv], capsys=capsys)
    un_error(codigo, err, *fragmentos)
    assert not (tmp_path / "x.pdf").exists()
    assert _docs(base.fabrica) == antes


@pytest.mark.parametrize("argv, fragmento", [
    (["--todos", "--desde", "01/01/2020"], "argumento --desde: «01/01/2020» no es una fecha con formato AAAA-MM-DD"),
    (["--siniestro", "S-2018-001", "--version", "0"], "argumento --version: la versión debe ser al menos 1"),
    (["--siniestro", "S-2018-001", "--version", "última"], "argumento --version: «última» no es un número de versión"),
])
def test_argumentos_malos(base, capsys, tmp_path, argv, fragmento):
    with pytest.raises(SystemExit) as salida:
        _convenio(base, *argv, "--salida", str(tmp_path / "x.pdf"), capsys=capsys)
    assert salida.value.code == 2
    assert capsys.readouterr().err == f"Error en los argumentos: {fragmento}\n"


def test_clave_incorrecta(base, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("LIQUIDADOR_CLAVE", "no-es-la-clave")
    codigo, _, err = _convenio(base, "--siniestro", "S-2018-001", "--salida", str(tmp_path / "x.pdf"), capsys=capsys)
    un_error(codigo, err, "incorrectos")
    assert _docs(base.fabrica) == []


def test_lote_desde_una_fecha(base, capsys, tmp_path):
    _segundo_caso_sin_acreditar(base)
    carpeta = tmp_path / "lote"  # created by the command
    ayer = (date.today() - timedelta(days=1)).isoformat()
    codigo, out, err = _convenio(base, "--todos", "--desde", ayer, "--salida", str(carpeta), capsys=capsys)
    assert codigo == 0, err
    lineas = out.strip().splitlines()
    assert lineas[0] == f"Generando 2 propuesta(s) de convenio en «{carpeta}»…"
    assert lineas[1].startswith("  [1/2] Siniestro S-2018-001: S-2018-001.pdf (")
    assert lineas[2].startswith("  [2/2] Siniestro S-2019-002: S-2019-002.pdf (")
    assert lineas[3] == f"Listo: 2 de 2 propuesta(s) de convenio generada(s) en «{carpeta}»."
    assert sorted(p.name for p in carpeta.iterdir()) == ["S-2018-001.pdf", "S-2019-002.pdf"]
    assert {(sid, c) for sid, _, c in _docs(base.fabrica)} == {
        (base.ids[0], (carpeta / "S-2018-001.pdf").read_bytes()), (base.ids[1], (carpeta / "S-2019-002.pdf").read_bytes())}

    manana = (date.today() + timedelta(days=2)).isoformat()
    codigo, out, err = _convenio(base, "--todos", "--desde", manana, "--salida", str(carpeta), capsys=capsys)
    assert codigo == 0, err
    assert out.startswith("No hay siniestros con derechohabientes acreditados o liquidados de nuevo desde el ")


def _segundo_caso_sin_acreditar(base) -> None:
    """A third, liquidated but never accredited: never in a batch."""
    with base.op.lectura() as s:
        from app.models import Organismo

        org = s.scalar(select(Organismo.id))
    ag = agentes.registrar_agente(base.op, {"cuil": cuil("27", 30111222), "apellido_nombre": "Vera, Luz",
                                            "fecha_nacimiento": date(1975, 6, 1), "organismo_id": org})
    agentes.cargar_remuneraciones(base.op, ag, [{"periodo": "2019-02", "remuneracion": "40000.00", "sac": "0"}])
    agentes.registrar_familiar(base.op, ag, {"parentesco": "conyuge", "apellido_nombre": "Paz, Leo"})
    sid = siniestros.registrar_siniestro(base.op, datos_siniestro(
        ag, numero="S-2019-003", fecha_pmi=date(2019, 3, 4), fecha_fallecimiento=date(2019, 3, 4),
        fecha_denuncia=None, fecha_recepcion=None))
    derechohabientes.proponer_desde_familia(base.op, sid)
    liquidaciones.calcular(base.liq, sid, date(2019, 4, 1))


def test_lote_informa_y_salta_los_que_fallan(base, capsys, tmp_path, monkeypatch):
    generar = convenios._pdf

    def falla_el_segundo(datos, papel, creado):
        if datos.accidentado.siniestro == "S-2019-002":
            raise DatosInvalidos("letrado", "falta el nombre (ver «Datos del convenio»)", "Cárguelo y vuelva a generar.")
        return generar(datos, papel, creado)

    monkeypatch.setattr(convenios, "_pdf", falla_el_segundo)
    ayer = (date.today() - timedelta(days=1)).isoformat()
    codigo, out, err = _convenio(base, "--todos", "--desde", ayer, "--oficio", "--salida", str(tmp_path), capsys=capsys)
    assert codigo == 2
    assert "  [1/2] Siniestro S-2018-001: S-2018-001.pdf (" in out
    assert f"Listo: 1 de 2 propuesta(s) de convenio generada(s) en «{tmp_path}»." in out
    assert err.splitlines() == [
        "  [2/2] Siniestro S-2019-002: Error: letrado: falta el nombre (ver «Datos del convenio»). Cárguelo y vuelva "
        "a generar.",
        "1 siniestro(s) con errores: no se generó su convenio (vea los mensajes anteriores).",
    ]
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == ["S-2018-001.pdf"]
    [(sid, nombre, _)] = _docs(base.fabrica)  # the failed one left nothing in its legajo
    assert sid == base.ids[0] and "_oficio_" in nombre


def test_nombre_de_archivo_valido_en_windows():
    from app.cli_convenio import nombre_pdf

    assert nombre_pdf("S-2018-001") == "S-2018-001.pdf"
    assert nombre_pdf(" 2023/00 1 ") == "2023-00-1.pdf"
    assert nombre_pdf('a:b*c?"d<e>f|g\\h') == "a-b-c-d-e-f-g-h.pdf"
