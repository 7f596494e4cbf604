"""Parameter tables in the store: validated, versioned updates that keep the previous version."""

from datetime import date
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from app import config
from app.errors import DatosInvalidos, PermisoDenegado
from app.liquidacion.fechas import Periodo
from app.models import Auditoria, ParametroVersion
from app.models.bd import crear_motor, fabrica_sesiones
from app.services import parametros as sp
from app.services.nucleo import Actor, Contexto
from tests.servicios.conftest import preparar

RIPTE_INCLUIDO = (config.parametros_dir() / "ripte.csv").read_text(encoding="utf-8")


@pytest.fixture
def fabrica_propia(url_bd):
    """A fresh migrated store per test: these tests add parameter versions, which the shared
    stores of the other service tests must not see."""
    motor = crear_motor(url_bd)
    preparar(motor)
    yield fabrica_sesiones(motor)
    motor.dispose()


def _ctx(fabrica, rol="administrador", usuario="adrian"):
    return Contexto(fabrica, Actor(usuario, rol, usuario_so="pruebas"))


def _conteos(fabrica):
    with fabrica() as s:
        return (s.scalar(select(func.count()).select_from(ParametroVersion)),
                s.scalar(select(func.count()).select_from(Auditoria)))


def test_nueva_version_de_ripte_se_usa_y_la_anterior_se_conserva(fabrica_propia, tmp_path):
    archivo = tmp_path / "ripte_2026.csv"
    archivo.write_text(RIPTE_INCLUIDO.rstrip("\n") + "\n2026-05,220000.00\n2026-06,231000.00\n", encoding="utf-8")
    ctx = _ctx(fabrica_propia)
    _, auditorias = _conteos(fabrica_propia)

    assert sp.actualizar_tabla(ctx, "ripte", archivo) == 2

    versiones = sp.versiones(ctx, "ripte")
    assert [(v["numero"], v["vigente"]) for v in versiones] == [(1, False), (2, True)]
    assert versiones[1]["origen"] == str(archivo) and versiones[1]["cargado_por"] == "adrian"
    with fabrica_propia() as s:
        p = sp.parametros_vigentes(s)
        assert p.ripte.indice(Periodo(2026, 6)) == D("231000.00")
        assert len(p.ripte) == 196 + 2
        nuevas = s.scalars(select(Auditoria).order_by(Auditoria.id)).all()[auditorias:]
    assert [(a.usuario, a.accion, a.entidad_id) for a in nuevas] == [("adrian", "actualizar_parametros", "ripte#2")]
    assert nuevas[0].antes["version"] == 1 and nuevas[0].despues["filas"] == 198


def test_archivo_con_error_nombra_fila_y_campo_y_no_cambia_nada(fabrica_propia, tmp_path):
    # 2026-05 = 336,069.92 is +60 % over 2026-04 (210,043.70): row 198 (header = 1, 196 months).
    archivo = tmp_path / "ripte_malo.csv"
    archivo.write_text(RIPTE_INCLUIDO.rstrip("\n") + "\n2026-05,336069.92\n", encoding="utf-8")
    antes = _conteos(fabrica_propia)
    with pytest.raises(DatosInvalidos) as e:
        sp.actualizar_tabla(_ctx(fabrica_propia), "ripte", archivo)
    assert "ripte_malo.csv" in str(e.value) and "fila 198" in str(e.value) and "indice" in str(e.value)
    assert _conteos(fabrica_propia) == antes


@pytest.mark.parametrize("rol", ["operador", "liquidador", "supervisor"])
def test_solo_el_administrador_actualiza_parametros(fabrica_propia, tmp_path, rol):
    archivo = tmp_path / "ripte.csv"
    archivo.write_text(RIPTE_INCLUIDO, encoding="utf-8")
    antes = _conteos(fabrica_propia)
    with pytest.raises(PermisoDenegado, match="parámetros"):
        sp.actualizar_tabla(_ctx(fabrica_propia, rol, "otro"), "ripte", archivo)
    assert _conteos(fabrica_propia) == antes


def test_feriados_y_plazos_validados(fabrica_propia, tmp_path):
    ctx = _ctx(fabrica_propia)
    feriados = tmp_path / "feriados.csv"
    feriados.write_text("fecha,descripcion\n2026-12-24,Asueto\n2026-12-24,Otra vez\n", encoding="utf-8")
    with pytest.raises(DatosInvalidos, match="fila 3.*fecha"):
        sp.actualizar_tabla(ctx, "feriados", feriados)
    plazos = tmp_path / "plazos.csv"
    plazos.write_text("clave,dias,habiles,norma\nnotificacion_dh,5,si,x\n", encoding="utf-8")
    with pytest.raises(DatosInvalidos, match="faltan los plazos"):
        sp.actualizar_tabla(ctx, "plazos", plazos)
    feriados.write_text("fecha,descripcion\n2026-12-24,Asueto administrativo\n", encoding="utf-8")
    assert sp.actualizar_tabla(ctx, "feriados", feriados) == 2
    with fabrica_propia() as s:
        version = s.scalar(select(ParametroVersion).where(ParametroVersion.tabla == "feriados",
                                                         ParametroVersion.vigente))
        from app.models import FeriadoFila

        filas = s.scalars(select(FeriadoFila).where(FeriadoFila.version_id == version.id)).all()
    assert [(f.fecha, f.descripcion) for f in filas] == [(date(2026, 12, 24), "Asueto administrativo")]


def test_tabla_desconocida_o_archivo_inexistente(fabrica_propia, tmp_path):
    with pytest.raises(DatosInvalidos, match="desconocida"):
        sp.actualizar_tabla(_ctx(fabrica_propia), "inflacion", tmp_path / "x.csv")
    with pytest.raises(DatosInvalidos, match="no se encontró"):
        sp.actualizar_tabla(_ctx(fabrica_propia), "tasas", tmp_path / "no_esta.csv")


def test_las_tablas_del_store_son_las_incluidas(fabrica_propia):
    from app.liquidacion import cargar_parametros

    incluidas = cargar_parametros(config.parametros_dir())
    with fabrica_propia() as s:
        p = sp.parametros_vigentes(s)
    assert p.ripte.items() == incluidas.ripte.items()
    assert p.tasas.filas == incluidas.tasas.filas
    assert p.montos.filas == incluidas.montos.filas
    assert p.regimenes == incluidas.regimenes
