"""The family of an agent: the table of the «Familiares» tab and the form of one family member.

SiAPe proposes these people as derechohabientes when a death is liquidated, so their CUIL and
CBU are checked as they are typed (python-stdnum, through the services' own readers), and a
hijo/a needs a birth date (it decides whether they are entitled).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit

from app.services import agentes
from app.services.entradas import leer_cbu, leer_cuil

from ..detalle import PARENTESCOS, parentesco
from ..formato import VACIO
from ..modelos import Columna, Fila, ModeloTabla
from ..siniestro.comun import cuil as cuil_con_guiones
from ..siniestro.comun import fecha as fecha_ddmmaaaa
from .comun import DialogoFormulario, revisar
from .fechas import CampoFecha

SOLO_CUIL = QRegularExpression(r"[0-9\-]{0,13}")
SOLO_CBU = QRegularExpression(r"[0-9 \-]{0,30}")


def edad(nacimiento: date | None, hoy: date | None = None) -> int | None:
    if nacimiento is None:
        return None
    hoy = hoy or date.today()
    return hoy.year - nacimiento.year - ((hoy.month, hoy.day) < (nacimiento.month, nacimiento.day))


def si_no(valor: bool) -> str:
    return "Sí" if valor else "No"


class ModeloFamiliares(ModeloTabla):
    COLUMNAS = (
        Columna("PARENTESCO"), Columna("APELLIDO Y NOMBRE"), Columna("CUIL"), Columna("FECHA NAC."),
        Columna("EDAD", True), Columna("ESTUDIANTE"), Columna("INCAPACITADO/A"), Columna("DOMICILIO"),
        Columna("CBU"),
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.familiares: list[dict] = []

    def cargar(self, familiares: list[dict]) -> None:
        self.familiares = list(familiares)
        self.poner_filas([Fila(tuple(self._textos(f))) for f in self.familiares])

    @staticmethod
    def _textos(f: dict) -> list[str]:
        anios = edad(f.get("fecha_nacimiento"))
        return [
            parentesco(f.get("parentesco")), f.get("apellido_nombre") or VACIO, cuil_con_guiones(f.get("cuil")),
            fecha_ddmmaaaa(f.get("fecha_nacimiento")), VACIO if anios is None else str(anios),
            si_no(f.get("estudiante")), si_no(f.get("incapacitado")), f.get("domicilio") or VACIO,
            f.get("cbu") or VACIO,
        ]

    def familiar(self, fila: int) -> dict:
        return self.familiares[fila]


class DialogoFamiliar(DialogoFormulario):
    """New (familiar=None) or edit one family member of `agente_id`; saved at once by «Guardar»."""

    ETIQUETAS = {
        "parentesco": "Parentesco", "apellido_nombre": "Apellido y nombre", "cuil": "CUIL",
        "fecha_nacimiento": "Fecha de nacimiento", "estudiante": "Estudiante", "incapacitado": "Incapacitado/a",
        "domicilio": "Domicilio", "cbu": "CBU",
    }

    def __init__(self, ctx, agente_id: int, familiar: dict | None = None, parent=None):
        super().__init__(ctx, parent)
        self.agente_id = agente_id
        self.familiar = familiar
        self.setWindowTitle("Familiar — " + ("modificar" if familiar else "nuevo"))
        self.setMinimumWidth(520)

        formulario = QFormLayout()
        self.combo_parentesco = QComboBox()
        self.combo_parentesco.setObjectName("parentesco")
        self.combo_parentesco.setAccessibleName("Parentesco")
        for valor, texto in PARENTESCOS.items():
            self.combo_parentesco.addItem(texto, valor)
        self.campo_apellido = QLineEdit()
        self.campo_apellido.setObjectName("apellido_nombre")
        self.campo_apellido.setAccessibleName("Apellido y nombre")
        self.campo_apellido.setMaxLength(200)
        self.campo_apellido.setPlaceholderText("Apellido, Nombres")
        self.campo_cuil = QLineEdit()
        self.campo_cuil.setObjectName("cuil")
        self.campo_cuil.setAccessibleName("CUIL")
        self.campo_cuil.setValidator(QRegularExpressionValidator(SOLO_CUIL, self.campo_cuil))
        self.campo_cuil.setPlaceholderText("20-12345678-9 (opcional)")
        self.campo_nacimiento = CampoFecha("fecha_nacimiento", opcional=True,
                                           sugerida=lambda: date.today().replace(day=1))
        self.check_estudiante = QCheckBox("&Estudiante")
        self.check_estudiante.setObjectName("estudiante")
        self.check_incapacitado = QCheckBox("&Incapacitado/a para el trabajo")
        self.check_incapacitado.setObjectName("incapacitado")
        self.campo_domicilio = QLineEdit()
        self.campo_domicilio.setObjectName("domicilio")
        self.campo_domicilio.setAccessibleName("Domicilio")
        self.campo_domicilio.setMaxLength(300)
        self.campo_cbu = QLineEdit()
        self.campo_cbu.setObjectName("cbu")
        self.campo_cbu.setAccessibleName("CBU")
        self.campo_cbu.setValidator(QRegularExpressionValidator(SOLO_CBU, self.campo_cbu))
        self.campo_cbu.setPlaceholderText("22 dígitos (opcional)")

        formulario.addRow("&Parentesco:", self.fila("parentesco", self.combo_parentesco))
        formulario.addRow("&Apellido y nombre:", self.fila("apellido_nombre", self.campo_apellido))
        formulario.addRow("C&UIL:", self.fila("cuil", self.campo_cuil))
        formulario.addRow("Fecha de &nacimiento:", self.fila(
            "fecha_nacimiento", self.campo_nacimiento, "Obligatoria para un hijo/a: define si tiene derecho."))
        formulario.addRow("", self.check_estudiante)
        formulario.addRow("", self.check_incapacitado)
        formulario.addRow("&Domicilio:", self.fila("domicilio", self.campo_domicilio))
        formulario.addRow("C&BU:", self.fila("cbu", self.campo_cbu))
        if not self.puede:
            for campo in (self.combo_parentesco, self.campo_apellido, self.campo_cuil, self.campo_nacimiento,
                          self.check_estudiante, self.check_incapacitado, self.campo_domicilio, self.campo_cbu):
                campo.setEnabled(False)
        titulo = QLabel("Modificar familiar" if familiar else "Nuevo familiar")
        titulo.setStyleSheet("QLabel { font-size: 14px; font-weight: bold; }")
        self.caja.addWidget(titulo)
        self.caja.addLayout(formulario)
        if familiar:
            self._poner(familiar)
        self._conectar()
        self.terminar()

    def _poner(self, f: dict) -> None:
        self.combo_parentesco.setCurrentIndex(max(0, self.combo_parentesco.findData(f.get("parentesco"))))
        self.campo_apellido.setText(f.get("apellido_nombre") or "")
        self.campo_cuil.setText(cuil_con_guiones(f["cuil"]) if f.get("cuil") else "")
        self.campo_nacimiento.poner(f.get("fecha_nacimiento"))
        self.check_estudiante.setChecked(bool(f.get("estudiante")))
        self.check_incapacitado.setChecked(bool(f.get("incapacitado")))
        self.campo_domicilio.setText(f.get("domicilio") or "")
        self.campo_cbu.setText(f.get("cbu") or "")

    def _conectar(self) -> None:
        self.combo_parentesco.currentIndexChanged.connect(lambda _i: self.tocar("fecha_nacimiento"))
        self.campo_apellido.editingFinished.connect(lambda: self.tocar("apellido_nombre"))
        self.campo_cuil.editingFinished.connect(lambda: self.tocar("cuil"))
        self.campo_cuil.textEdited.connect(lambda t: self._al_escribir("cuil", t, 11))
        self.campo_nacimiento.cambiado.connect(lambda: self.tocar("fecha_nacimiento"))
        self.campo_cbu.editingFinished.connect(lambda: self.tocar("cbu"))
        self.campo_cbu.textEdited.connect(lambda t: self._al_escribir("cbu", t, 22))

    def _al_escribir(self, campo: str, texto: str, digitos: int) -> None:
        """Check a CUIL/CBU as soon as it has all its digits (before that it is just unfinished)."""
        if sum(c.isdigit() for c in texto) >= digitos or campo in self._tocados:
            self.tocar(campo)

    # --- values -------------------------------------------------------------------------------
    def datos(self) -> dict:
        """The fields as the service takes them (CUIL and CBU as typed: the service compacts them)."""
        return {
            "parentesco": self.combo_parentesco.currentData(),
            "apellido_nombre": self.campo_apellido.text(),
            "cuil": self.campo_cuil.text().strip() or None,
            "fecha_nacimiento": self.campo_nacimiento.valor(),
            "estudiante": self.check_estudiante.isChecked(),
            "incapacitado": self.check_incapacitado.isChecked(),
            "domicilio": self.campo_domicilio.text(),
            "cbu": self.campo_cbu.text().strip() or None,
        }

    def estado(self):
        return tuple(sorted(self.datos().items()))

    def validar(self) -> list[tuple[str, str]]:
        d = self.datos()
        errores = []
        if not d["apellido_nombre"].strip():
            errores.append(("apellido_nombre", "Apellido y nombre: no puede estar vacío"))
        if d["cuil"] and (motivo := revisar(leer_cuil, d["cuil"], "cuil", False)):
            errores.append(("cuil", f"CUIL: {motivo}"))
        nacimiento = d["fecha_nacimiento"]
        if nacimiento is None and d["parentesco"] == "hijo":
            errores.append(("fecha_nacimiento", "Fecha de nacimiento: falta la del hijo/a (define si tiene derecho)"))
        elif nacimiento is not None and nacimiento > date.today():
            errores.append(("fecha_nacimiento", f"Fecha de nacimiento: el {nacimiento:%d/%m/%Y} es posterior a hoy"))
        if d["cbu"] and (motivo := revisar(leer_cbu, d["cbu"], "cbu")):
            errores.append(("cbu", f"CBU: {motivo}"))
        return errores

    def _guardar(self) -> int:
        d = self.datos()
        if self.familiar is None:
            return agentes.registrar_familiar(self.ctx, self.agente_id, d)
        antes = {k: self.familiar.get(k) for k in d}
        # compare compacted: «20-…» typed back over the stored «20…» is no change
        compacto = dict(d, cuil=leer_cuil(d["cuil"], "cuil", False), cbu=leer_cbu(d["cbu"], "cbu"),
                        apellido_nombre=" ".join(d["apellido_nombre"].split()),
                        domicilio=" ".join(d["domicilio"].split()) or None)
        cambios = {k: d[k] for k in d if compacto[k] != antes[k]}
        if cambios:
            agentes.editar_familiar(self.ctx, self.familiar["id"], cambios)
        return self.familiar["id"]
