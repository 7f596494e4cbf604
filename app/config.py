"""Where the application's files live: bundled resources and the user's data folder.

No database code yet.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "LiquidadorAutoseguro"
APP_AUTHOR = "Provincia"

# Environment variable that overrides the user data folder (tests use it).
ENV_DATA_DIR = "LIQUIDADOR_DATA_DIR"


def _base_dir() -> Path:
    """Folder that contains ``resources/``: the PyInstaller bundle or the repository root."""
    meipass = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and meipass:
        return Path(meipass)
    return Path(__file__).resolve().parent.parent


def recursos_dir() -> Path:
    """The ``resources`` folder (fonts, icons, default parameter tables, document texts)."""
    return _base_dir() / "resources"


def parametros_dir() -> Path:
    """Folder with the bundled default parameter tables (RIPTE, tasa activa BNA, montos SRT)."""
    return recursos_dir() / "parametros"


def datos_usuario_dir() -> Path:
    """Per-user data folder; ``LIQUIDADOR_DATA_DIR`` overrides it. Not created here."""
    override = os.environ.get(ENV_DATA_DIR, "").strip()
    if override:
        return Path(override).expanduser()
    return Path(user_data_dir(APP_NAME, APP_AUTHOR))
