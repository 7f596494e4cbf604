"""What the Propuesta de Convenio needs beyond the case itself: one row per siniestro with the
DH's domicilio legal, the Comisión Médica chosen, their lawyer, the place and date of signature
and who signs for the Autoseguro. The amounts are never here: they come from the stored
liquidation version that is printed."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, ahora
from .siniestros import Siniestro


class Convenio(Base):
    __tablename__ = "convenio"

    id: Mapped[int] = mapped_column(primary_key=True)
    siniestro_id: Mapped[int] = mapped_column(ForeignKey("siniestro.id", ondelete="CASCADE"), unique=True)
    domicilio_legal: Mapped[str | None] = mapped_column(String(300))  # constituted by the DH
    opcion_comision: Mapped[str | None] = mapped_column(String(200))  # Comisión Médica Jurisdiccional
    # ASESOR LETRADO DEL BENEFICIARIO
    letrado_apellido_nombre: Mapped[str | None] = mapped_column(String(200))
    letrado_dni: Mapped[str | None] = mapped_column(String(8))  # digits only
    letrado_matricula: Mapped[str | None] = mapped_column(String(60))
    letrado_cuit: Mapped[str | None] = mapped_column(String(11))  # digits only, check digit valid
    letrado_localidad: Mapped[str | None] = mapped_column(String(120))
    letrado_domicilio: Mapped[str | None] = mapped_column(String(300))
    letrado_telefono: Mapped[str | None] = mapped_column(String(40))
    letrado_email: Mapped[str | None] = mapped_column(String(254))
    # LUGAR Y FECHA
    lugar: Mapped[str | None] = mapped_column(String(120))
    fecha: Mapped[date | None] = mapped_column(Date)
    # REPRESENTANTE AUTOSEGURO
    representante_apellido_nombre: Mapped[str | None] = mapped_column(String(200))
    representante_dni: Mapped[str | None] = mapped_column(String(8))
    representante_cargo: Mapped[str | None] = mapped_column(String(120))
    version: Mapped[int] = mapped_column(Integer, default=1)
    modificado_por: Mapped[str | None] = mapped_column(String(60))
    modificado_en: Mapped[datetime] = mapped_column(DateTime, default=ahora)

    siniestro: Mapped[Siniestro] = relationship()

    __mapper_args__ = {"version_id_col": version}
