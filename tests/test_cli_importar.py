"""`python -m app importar remuneraciones|familiares ARCHIVO`: counts, the first problems one per
line, exit 0 imported / 1 errors (nothing written) / 2 wrong usage; --simular writes nothing,
--solo-validas, --informe, --columna, --crear-agentes."""

import re
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.models import Auditoria, Familiar, Remuneracion
from app.models.bd import crear_motor, fabrica_sesiones
from app.services import agentes, usuarios
from app.services.nucleo import Actor, Contexto
from tests.importers.planillas import cuil, digitos, xlsx
from tests.test_cli_db import correr

CLAVE = "una-clave-larga-2026"
A, B = cuil(12345678), cuil(23456789, "27")
ENCABEZADO = ["CUIL", "Período", "Remuneración", "SAC"]


@pytest.fixture
def base(capsys, monkeypatch):
    """An initialised store with the operator «olga» (password in LIQUIDADOR_CLAVE) and two agents."""
    codigo, out, err = correr(capsys, "db", "init")
    assert codigo == 0, err
    provisoria = re.search(r"Contraseña provisoria: (\S+)", out).group(1)
    motor = crear_motor()
    fabrica = fabrica_sesiones(motor)
    usuarios.cambiar_clave(fabrica, "admin", provisoria, CLAVE)
    admin = Contexto(fabrica, usuarios.iniciar_sesion(fabrica, "admin", CLAVE))
    usuarios.crear_usuario(admin, "olga", "Olga Operadora", "operador", clave_inicial="temporal-larga-123")
    usuarios.cambiar_clave(fabrica, "olga", "temporal-larga-123", CLAVE)
    op = Contexto(fabrica, Actor("olga", "operador"))
    org = agentes.registrar_organismo(op, {"codigo": "MS", "nombre": "Ministerio de Salud"})
    ids = [agentes.registrar_agente(op, {"cuil": c, "apellido_nombre": n, "fecha_nacimiento": date(1980, 1, 1),
                                         "organismo_id": org}) for c, n in ((A, "Pérez, Juan"), (B, "Gómez, Ana"))]
    monkeypatch.setenv("LIQUIDADOR_CLAVE", CLAVE)
    yield {"fabrica": fabrica, "agentes": ids}
    motor.dispose()


def _cuenta(fabrica, modelo) -> int:
    with fabrica() as s:
        return s.scalar(select(func.count()).select_from(modelo))


def _importar(capsys, *args):
    try:
        return correr(capsys, "importar", *args, "--usuario", "olga")
    except SystemExit as e:  # argparse refuses the arguments before main() returns
        salida = capsys.readouterr()
        return e.code, salida.out, salida.err


def test_simular_y_luego_importar_con_informe(capsys, base, tmp_path):
    ruta = xlsx(tmp_path / "haberes.xlsx", {"Datos": [["Haberes"], ENCABEZADO, [A, "05/2019", "1.234,56", None],
                                                      [B, "may-19", 2000, 1000]]})
    auditorias = _cuenta(base["fabrica"], Auditoria)
    codigo, out, err = _importar(capsys, "remuneraciones", str(ruta), "--simular")
    assert (codigo, err) == (0, "")
    assert out.splitlines() == [
        "Archivo: haberes.xlsx, hoja «Datos» (encabezado en la fila 2)",
        "Columnas: cuil → A «CUIL»; periodo → B «Período»; remuneracion → C «Remuneración»; sac → D «SAC»",
        "Filas leídas: 2; válidas: 2; con errores: 0; errores: 0; advertencias: 1",
        "  haberes.xlsx, hoja «Datos», fila 4, columna D «SAC» («1000»): advertencia: hay SAC en 2019-05, que no es "
        "junio ni diciembre: verifique que corresponda (p. ej. SAC proporcional por una baja)",
        "Simulación: no se guardó nada.",
    ]
    assert _cuenta(base["fabrica"], Remuneracion) == 0
    assert _cuenta(base["fabrica"], Auditoria) == auditorias + 1  # the login only

    informe = tmp_path / "informe.xlsx"
    codigo, out, err = _importar(capsys, "remuneraciones", str(ruta), "--informe", str(informe))
    assert (codigo, err) == (0, "")
    assert out.splitlines()[-2:] == [
        f"Informe de problemas guardado en «{informe}» (1 fila(s)).",
        "Importación completa (remuneraciones): 2 nueva(s), 0 reemplazada(s), 0 ya cargada(s) sin cambios, "
        "0 conservada(s)."]
    assert _cuenta(base["fabrica"], Remuneracion) == 2
    hoja = load_workbook(informe).active
    assert [c.value for c in hoja[2]][:4] == ["haberes.xlsx", "Datos", 4, "D «SAC»"]


def test_errores_codigo_1_y_nada_escrito_salvo_con_solo_validas(capsys, base, tmp_path):
    filas = [ENCABEZADO, [A, "05/2019", 1000, None], [A, "13/2019", 1000, None]]
    filas += [[cuil(40_000_000 + i), "05/2019", 1000, None] for i in range(25)]  # agents not in the store
    ruta = xlsx(tmp_path / "malos.xlsx", {"Hoja1": filas})
    codigo, out, err = _importar(capsys, "remuneraciones", str(ruta))
    assert codigo == 1
    lineas = out.splitlines()
    assert lineas[2] == "Filas leídas: 27; válidas: 1; con errores: 26; errores: 26; advertencias: 0"
    assert lineas[3] == ("  malos.xlsx, hoja «Hoja1», fila 3, columna B «Período» («13/2019»): el mes 13 no existe "
                         "(debe ser de 1 a 12)")
    assert lineas[4].startswith(f"  malos.xlsx, hoja «Hoja1», fila 4, columna A «CUIL» («{cuil(40_000_000)}»): no hay "
                                "un agente con ese CUIL")
    assert len(lineas) == 3 + 20 + 1
    assert lineas[-1] == "  … y 6 problema(s) más (guárdelos todos con --informe INFORME.xlsx)"
    assert err.strip() == ("No se importó nada: corrija los errores, o use --solo-validas para importar solo las "
                           "filas válidas.")
    assert _cuenta(base["fabrica"], Remuneracion) == 0

    codigo, out, err = _importar(capsys, "remuneraciones", str(ruta), "--solo-validas")
    assert (codigo, err) == (0, "")
    assert out.splitlines()[-1] == ("Filas con errores omitidas: 26 (filas 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, "
                                    "15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28).")
    assert _cuenta(base["fabrica"], Remuneracion) == 1


def test_uso_incorrecto_codigo_2(capsys, base, tmp_path, monkeypatch):
    codigo, _, err = _importar(capsys, "remuneraciones", str(tmp_path / "no_existe.xlsx"))
    assert codigo == 2 and err.strip() == f"Error: «{tmp_path / 'no_existe.xlsx'}» no existe."
    ruta = xlsx(tmp_path / "h.xlsx", {"Datos": [ENCABEZADO, [A, "05/2019", 1000, None]]})
    codigo, _, err = _importar(capsys, "remuneraciones", str(ruta), "--duplicados", "sumar")
    assert codigo == 2 and err.startswith("Error en los argumentos:")
    codigo, _, err = _importar(capsys, "remuneraciones", str(ruta), "--columna", "periodo")
    assert codigo == 2 and "debe tener la forma CAMPO=COLUMNA" in err
    codigo, _, err = _importar(capsys, "sueldos", str(ruta))
    assert codigo == 2
    monkeypatch.setenv("LIQUIDADOR_CLAVE", "no-es-la-clave")
    codigo, _, err = _importar(capsys, "remuneraciones", str(ruta))
    assert codigo == 2 and err.startswith("Error: ") and "Traceback" not in err
    assert _cuenta(base["fabrica"], Remuneracion) == 0


def test_columna_explicita_y_archivo_que_no_es_excel(capsys, base, tmp_path):
    ruta = xlsx(tmp_path / "raro.xlsx", {"Datos": [["Documento", "Mes", "Importe liquidado"], [A, "2019-05", 1500]]})
    codigo, out, _ = _importar(capsys, "remuneraciones", str(ruta), "--columna", "cuil=A",
                               "--columna", "remuneracion=Importe liquidado")
    assert codigo == 0, out
    assert "Columnas: cuil → A «Documento»; periodo → B «Mes»; remuneracion → C «Importe liquidado»" in out
    texto = tmp_path / "texto.xlsx"
    texto.write_text("hola", encoding="utf-8")
    codigo, out, _ = _importar(capsys, "remuneraciones", str(texto))
    assert codigo == 1
    assert "  texto.xlsx: no es una planilla de Excel .xlsx: es un archivo de texto" in out


def test_familiares_creando_agentes(capsys, base, tmp_path):
    nuevo = cuil(30111222)
    ruta = xlsx(tmp_path / "familia.xlsx", {"Familia": [
        ["CUIL del agente", "Parentesco", "Apellido y nombre", "Fecha de nacimiento",
         "Apellido y nombre del agente", "Fecha de nacimiento del agente", "Organismo"],
        [A, "cónyuge", "Gómez, María", "01/01/1980", None, None, None],
        [nuevo, "hijo", "Sosa, Leo", "01/01/2015", "Sosa, Luis", "03/05/1970", "MS"]]})
    codigo, out, _ = _importar(capsys, "familiares", str(ruta))
    assert codigo == 1 and "no hay un agente con ese CUIL en la base" in out
    codigo, out, err = _importar(capsys, "familiares", str(ruta), "--crear-agentes")
    assert (codigo, err) == (0, "")
    assert out.splitlines()[-1] == ("Importación completa (familiares): 2 nueva(s), 0 reemplazada(s), 0 ya cargada(s) "
                                    "sin cambios, 0 conservada(s), 1 agente(s) creado(s).")
    assert _cuenta(base["fabrica"], Familiar) == 2
    op = Contexto(base["fabrica"], Actor("olga", "operador"))
    assert agentes.buscar_agentes(op, digitos(nuevo))[0]["apellido_nombre"] == "Sosa, Luis"
