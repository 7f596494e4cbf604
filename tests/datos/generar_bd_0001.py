"""Makes `bd_revision_0001.sqlite`: a store as the program left it at schema revision 0001, with
realistic rows written in plain SQL (money as integer centavos, shares as ten-thousandths).

The file is committed: tests/test_migraciones.py migrates a COPY of it to the current head, as an
office's real data file would be. Run this again only to rebuild the file from scratch (it is
meant to stay as it was made, even when the migration code changes later):

    .venv/bin/python tests/datos/generar_bd_0001.py

The rows (`insertar_filas`) and what they must read as after any migration (`verificar`) are also
used by the test that migrates a fresh 0001 store on SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import text

CARPETA = Path(__file__).resolve().parent
ARCHIVO = CARPETA / "bd_revision_0001.sqlite"
REVISION = "0001"

PDF = b"%PDF-1.4\n% acta de defuncion (prueba)\n%%EOF\n"

# Salaries of the worked example of seed 003 (05/2018 … 04/2019), in centavos: (periodo, rem, sac)
REMUNERACIONES = [
    ("2018-05", 3037823, 0), ("2018-06", 3037823, 493551), ("2018-07", 3037823, 0),
    ("2018-08", 3259513, 0), ("2018-09", 3259517, 0), ("2018-10", 3695057, 0),
    ("2018-11", 3565057, 1461915), ("2018-12", 0, 0), ("2019-01", 3767071, 0),
    ("2019-02", 0, 0), ("2019-03", 3922611, 649068), ("2019-04", 0, 0),
]

FILAS = [
    ("INSERT INTO organismo (id, codigo, nombre, cuit) VALUES (:id, :codigo, :nombre, :cuit)",
     [{"id": 1, "codigo": "EDU", "nombre": "Ministerio de Educación, Cultura, Ciencia y Tecnología",
       "cuit": "30710001037"},
      {"id": 2, "codigo": "POL", "nombre": "Policía de la Provincia", "cuit": None}]),
    ("INSERT INTO usuario (id, nombre, nombre_completo, rol, clave_hash, debe_cambiar_clave, intentos_fallidos,"
     " bloqueado_hasta, activo, creado_en) VALUES (:id, :nombre, :nc, :rol, :clave, :debe, 0, NULL, :activo, :creado)",
     [{"id": 1, "nombre": "admin", "nc": "Administración de Güemes", "rol": "administrador",
       "clave": "scrypt$16384$8$1$c2FsdA==$aGFzaA==", "debe": True, "activo": True,
       "creado": datetime(2026, 11, 1, 9, 30)}]),
    ("INSERT INTO agente (id, cuil, apellido_nombre, busqueda, fecha_nacimiento, domicilio, localidad, organismo_id,"
     " fecha_inicio_actividad, fecha_baja_actividad, version, modificado_por, modificado_en) VALUES (:id, :cuil, :an,"
     " :b, :nac, :dom, :loc, :org, :ini, :baja, :v, :por, :en)",
     [{"id": 1, "cuil": "27250001113", "an": "Núñez, María José", "b": "NUNEZ, MARIA JOSE", "nac": date(1975, 3, 12),
       "dom": "Belgrano 1234", "loc": "General Güemes", "org": 1, "ini": date(2001, 3, 1), "baja": date(2019, 5, 7),
       "v": 3, "por": "mgomez", "en": datetime(2019, 6, 27, 11, 5, 42)},
      {"id": 2, "cuil": "20301112220", "an": "Peña, Íñigo", "b": "PENA, INIGO", "nac": date(1983, 11, 30),
       "dom": None, "loc": None, "org": 2, "ini": None, "baja": None, "v": 1, "por": None,
       "en": datetime(2026, 11, 2, 8, 0)}]),
    ("INSERT INTO familiar (id, agente_id, parentesco, apellido_nombre, cuil, fecha_nacimiento, estudiante,"
     " incapacitado, domicilio, cbu) VALUES (:id, :ag, :p, :an, :cuil, :nac, :est, :inc, :dom, :cbu)",
     [{"id": 1, "ag": 1, "p": "conyuge", "an": "Ibáñez, Ramón", "cuil": "20240003334", "nac": date(1973, 8, 1),
       "est": False, "inc": False, "dom": "Belgrano 1234", "cbu": "2850590994009041813526"},
      {"id": 2, "ag": 1, "p": "hijo", "an": "Ibáñez, Zoé", "cuil": "27450004443", "nac": date(2003, 9, 9),
       "est": True, "inc": False, "dom": "Belgrano 1234", "cbu": None}]),
    ("INSERT INTO remuneracion (id, agente_id, periodo, remuneracion, sac) VALUES (:id, 1, :periodo, :rem, :sac)",
     [{"id": i, "periodo": p, "rem": r, "sac": s} for i, (p, r, s) in enumerate(REMUNERACIONES, 1)]),
    ("INSERT INTO siniestro (id, numero, agente_id, tipo, fecha_pmi, fecha_fallecimiento, in_itinere, tipo_accidente,"
     " incapacidad_tipo, incapacidad_grado, incapacidad_caracter, porcentaje_incapacidad, fecha_denuncia,"
     " fecha_recepcion, estado, fecha_pre_acuerdo, fecha_puesta_disposicion, acreditado_en, version, modificado_por,"
     " modificado_en) VALUES (:id, :num, :ag, :tipo, :pmi, :fall, :iti, :ta, :it, :ig, :ic, :pct, :den, :rec, :est,"
     " :pre, NULL, :acr, :v, :por, :en)",
     [{"id": 1, "num": "2019-000001", "ag": 1, "tipo": "muerte", "pmi": date(2019, 5, 7), "fall": date(2019, 5, 7),
       "iti": False, "ta": "Accidente de trabajo", "it": None, "ig": None, "ic": None, "pct": None,
       "den": date(2019, 5, 8), "rec": date(2019, 5, 20), "est": "acreditado", "pre": date(2019, 7, 3),
       "acr": datetime(2019, 7, 10, 12, 0), "v": 4, "por": "mgomez", "en": datetime(2019, 7, 10, 12, 0)},
      {"id": 2, "num": "2026-000002", "ag": 2, "tipo": "ilp", "pmi": date(2026, 3, 14), "fall": None,
       "iti": True, "ta": "Accidente in itinere", "it": "ILP", "ig": "parcial", "ic": "definitiva",
       "pct": 125000, "den": date(2026, 3, 15), "rec": None, "est": "denunciado", "pre": None, "acr": None,
       "v": 1, "por": None, "en": datetime(2026, 11, 2, 8, 0)}]),
    ("INSERT INTO derechohabiente (id, siniestro_id, familiar_id, parentesco, apellido_nombre, cuil, fecha_nacimiento,"
     " estudiante, incapacitado, casado, domicilio, cbu, porcentaje, motivo_porcentaje, seleccionado, acreditado,"
     " letrado) VALUES (:id, 1, :fam, :p, :an, :cuil, :nac, :est, FALSE, FALSE, NULL, :cbu, :pct, :mot, TRUE, TRUE,"
     " :letrado)",
     [{"id": 1, "fam": 1, "p": "conyuge", "an": "Ibáñez, Ramón", "cuil": "20240003334", "nac": date(1973, 8, 1),
       "est": False, "cbu": "2850590994009041813526", "pct": 714286, "mot": "Acuerdo homologado (70/30)",
       "letrado": "Dra. Begoña Núñez"},
      {"id": 2, "fam": 2, "p": "hijo", "an": "Ibáñez, Zoé", "cuil": "27450004443", "nac": date(2003, 9, 9),
       "est": True, "cbu": None, "pct": 285714, "mot": "Acuerdo homologado (70/30)", "letrado": None}]),
    ("INSERT INTO liquidacion (id, siniestro_id, version, fecha_liquidacion, calculada_en, calculada_por, entrada,"
     " resultado, total) VALUES (:id, 1, :v, :f, :en, 'mgomez', :entrada, :resultado, :total)",
     [{"id": 1, "v": 1, "f": date(2019, 6, 27), "en": datetime(2019, 6, 27, 11, 5, 42),
       "entrada": '{"tipo": "muerte", "fecha_pmi": "2019-05-07", "fecha_liquidacion": "2019-06-27"}',
       "resultado": '{"total": "10557248.10", "formula": {"texto": "53 × 52.008,06 × 65 / 44"}}',
       "total": 1055724810}]),
    ("INSERT INTO pago (id, derechohabiente_id, liquidacion_id, fecha, importe, medio, comprobante, registrado_por,"
     " registrado_en) VALUES (:id, :dh, 1, :f, :imp, 'transferencia', :comp, 'spena', :en)",
     [{"id": 1, "dh": 1, "f": date(2019, 7, 18), "imp": 754090885, "comp": "TRF-00000001",
       "en": datetime(2019, 7, 18, 9, 0)}]),
    ("INSERT INTO documento (id, siniestro_id, tipo, nombre_archivo, sha256, tamanio, contenido, cargado_por,"
     " cargado_en) VALUES (1, 1, 'Acta de defunción', 'acta_defunción.pdf', :sha, :tam, :contenido, 'mgomez', :en)",
     [{"sha": hashlib.sha256(PDF).hexdigest(), "tam": len(PDF), "contenido": PDF,
       "en": datetime(2019, 5, 21, 10, 0)}]),
    ("INSERT INTO auditoria (id, momento, usuario, usuario_so, accion, entidad, entidad_id, antes, despues)"
     " VALUES (1, :m, 'mgomez', 'MGOMEZ-PC\\mgomez', 'acreditar', 'siniestro', '1', :antes, :despues)",
     [{"m": datetime(2019, 7, 10, 12, 0, 1), "antes": '{"estado": "liquidado"}',
       "despues": '{"estado": "acreditado", "dh": ["Ibáñez, Ramón", "Ibáñez, Zoé"]}'}]),
]


def insertar_filas(conexion) -> None:
    """The rows, with plain SQL and plain values (no model types): what revision 0001 stored."""
    for sql, filas in FILAS:
        conexion.execute(text(sql), filas)


def _sin_columnas_nuevas(s, motor) -> None:
    """Columns added by later revisions are not in a store still at 0001: every ORM select of the
    session leaves them out (deferred), so today's models can read the old rows. Relationship lazy
    loads are not covered (their statements ignore added options): read such rows with a select."""
    from sqlalchemy import event, inspect
    from sqlalchemy.orm import defer

    from app.models import Base

    inspector = inspect(motor)
    existentes = {t: {c["name"] for c in inspector.get_columns(t)} for t in inspector.get_table_names()}
    faltan = {m.class_: [c.key for c in m.columns if c.table.name in existentes
                         and c.name not in existentes[c.table.name]]
              for m in Base.registry.mappers}
    faltan = {clase: claves for clase, claves in faltan.items() if claves}

    @event.listens_for(s, "do_orm_execute")
    def _diferir(estado):
        if estado.is_select:
            for mapper in estado.all_mappers:
                for clave in faltan.get(mapper.class_, ()):
                    estado.statement = estado.statement.options(defer(getattr(mapper.class_, clave)))


def verificar(motor) -> None:
    """Assert that the store holds exactly these rows, read through today's models (raises AssertionError)."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from app.models import (
        Agente, Auditoria, Derechohabiente, Documento, Familiar, Liquidacion, Organismo, Pago, Remuneracion,
        Siniestro, Usuario,
    )

    with Session(motor) as s:
        _sin_columnas_nuevas(s, motor)
        cuenta = {m.__tablename__: len(s.scalars(select(m)).all()) for m in (
            Organismo, Usuario, Agente, Familiar, Remuneracion, Siniestro, Derechohabiente, Liquidacion, Pago,
            Documento, Auditoria)}
        assert cuenta == {"organismo": 2, "usuario": 1, "agente": 2, "familiar": 2, "remuneracion": 12,
                          "siniestro": 2, "derechohabiente": 2, "liquidacion": 1, "pago": 1, "documento": 1,
                          "auditoria": 1}, cuenta
        a = s.get(Agente, 1)
        assert (a.cuil, a.apellido_nombre, a.busqueda, a.fecha_nacimiento, a.version, a.modificado_en) == (
            "27250001113", "Núñez, María José", "NUNEZ, MARIA JOSE", date(1975, 3, 12), 3,
            datetime(2019, 6, 27, 11, 5, 42))
        assert a.organismo.nombre == "Ministerio de Educación, Cultura, Ciencia y Tecnología"
        assert [f.apellido_nombre for f in sorted(a.familiares, key=lambda f: f.id)] == ["Ibáñez, Ramón", "Ibáñez, Zoé"]
        assert s.get(Familiar, 2).estudiante is True and s.get(Familiar, 1).estudiante is False
        rem = s.scalars(select(Remuneracion).order_by(Remuneracion.periodo)).all()
        assert [(r.periodo, r.remuneracion, r.sac) for r in rem] == [
            (p, Decimal(r).scaleb(-2), Decimal(sac).scaleb(-2)) for p, r, sac in REMUNERACIONES]
        assert rem[10].remuneracion == Decimal("39226.11") and rem[10].sac == Decimal("6490.68")
        muerte, ilp = s.get(Siniestro, 1), s.get(Siniestro, 2)
        assert muerte.mortal and muerte.dh_acreditados and muerte.estado == "acreditado" and muerte.version == 4
        assert muerte.porcentaje_incapacidad is None and muerte.fecha_pre_acuerdo == date(2019, 7, 3)
        assert ilp.porcentaje_incapacidad == Decimal("12.5000") and ilp.in_itinere is True
        assert ilp.fecha_recepcion is None
        # (explicit selects, not the relationships: a lazy load would ask for the deferred columns)
        dhs = s.scalars(select(Derechohabiente).where(Derechohabiente.siniestro_id == muerte.id)
                        .order_by(Derechohabiente.id)).all()
        assert [d.porcentaje for d in dhs] == [Decimal("71.4286"), Decimal("28.5714")]
        assert dhs[0].letrado == "Dra. Begoña Núñez"
        liq = muerte.liquidaciones[0]
        assert liq.total == Decimal("10557248.10") and liq.resultado["total"] == "10557248.10"
        assert liq.entrada["fecha_pmi"] == "2019-05-07" and "×" in liq.resultado["formula"]["texto"]
        pago = s.get(Pago, 1)
        assert pago.importe == Decimal("7540908.85") and s.get(Derechohabiente, pago.derechohabiente_id).apellido_nombre == "Ibáñez, Ramón"
        doc = s.get(Documento, 1)
        assert doc.contenido == PDF and doc.sha256 == hashlib.sha256(PDF).hexdigest()
        assert doc.nombre_archivo == "acta_defunción.pdf"
        aud = s.get(Auditoria, 1)
        assert aud.despues == {"estado": "acreditado", "dh": ["Ibáñez, Ramón", "Ibáñez, Zoé"]}
        assert aud.usuario_so == "MGOMEZ-PC\\mgomez"
        u = s.get(Usuario, 1)
        assert u.rol == "administrador" and u.debe_cambiar_clave is True and u.creado_en == datetime(2026, 11, 1, 9, 30)


def generar(destino: Path = ARCHIVO) -> Path:
    sys.path.insert(0, str(CARPETA.parents[1]))
    from app.models import migrar
    from app.models.bd import crear_motor

    destino.unlink(missing_ok=True)
    motor = crear_motor(f"sqlite+pysqlite:///{destino}")
    migrar.actualizar(motor, REVISION)
    with motor.begin() as c:
        insertar_filas(c)
    with motor.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    motor.dispose()
    motor = crear_motor(f"sqlite+pysqlite:///{destino}")
    assert migrar.revision_actual(motor) == REVISION
    motor.dispose()  # last connection closed: SQLite folds the WAL back and removes it
    assert not Path(f"{destino}-wal").exists(), "quedó un archivo -wal: no se guardaría en el repositorio"
    return destino


if __name__ == "__main__":
    print(f"Escrito {generar()} (revisión {REVISION}).")
