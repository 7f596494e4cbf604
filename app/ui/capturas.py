"""Screenshots of the calculator for the docs: `python -m app.ui.capturas CARPETA [--caso CASO.json]`.

Runs offscreen (no display needed), opens the example case, grabs the window on each tab and an
invalid case for the red error bar. A capture that comes out a single colour (a window that was
never drawn) is an error, not a file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from .aplicacion import configurar_idioma  # noqa: E402
from .ventana_calculo import (  # noqa: E402
    NOMBRE_APLICACION,
    TAB_CALCULAR,
    TAB_DERECHOHABIENTES,
    TAB_REMUNERACIONES,
    VentanaCalculo,
)

CASO_EJEMPLO = Path(__file__).resolve().parents[2] / "docs" / "ejemplos" / "caso_muerte.json"
TAMANIO = (1180, 800)

CAPTURAS = (
    ("calculo_remuneraciones.png", TAB_REMUNERACIONES),
    ("calculo_calcular.png", TAB_CALCULAR),
    ("calculo_derechohabientes.png", TAB_DERECHOHABIENTES),
)


def uniforme(imagen: QImage) -> bool:
    """True when a sample grid of pixels has a single colour (a blank or black capture)."""
    w, h = imagen.width(), imagen.height()
    if w == 0 or h == 0:
        return True
    colores = {imagen.pixel(x, y) for x in range(0, w, max(1, w // 40)) for y in range(0, h, max(1, h // 40))}
    return len(colores) <= 1


def guardar(widget: QWidget, archivo: Path) -> Path:
    """Grab a widget into a PNG; a single-colour (blank or black) capture is an error."""
    QApplication.processEvents()
    imagen = widget.grab().toImage()
    if uniforme(imagen):
        raise RuntimeError(f"La captura {archivo.name} salió de un solo color")
    if not imagen.save(str(archivo)):
        raise RuntimeError(f"No se pudo guardar {archivo}")
    return archivo


def capturar(carpeta: Path, caso: Path = CASO_EJEMPLO) -> list[Path]:
    carpeta.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(NOMBRE_APLICACION)
    configurar_idioma(app)
    ventana = VentanaCalculo()
    ventana.resize(*TAMANIO)
    ventana.show()
    hechas = [guardar(ventana, carpeta / "calculo_inicio.png")]
    if not ventana.abrir(caso):
        raise RuntimeError(ventana.mensaje_error())
    for nombre, pestania in CAPTURAS:
        ventana.pestanias.setCurrentIndex(pestania)
        hechas.append(guardar(ventana, carpeta / nombre))

    # The same case with a month that does not exist: the red bar names the field.
    datos = json.loads(caso.read_text(encoding="utf-8"))
    datos["remuneraciones"][3]["periodo"] = "2018-13"
    with tempfile.TemporaryDirectory() as tmp:
        malo = Path(tmp) / "caso_con_error.json"
        malo.write_text(json.dumps(datos, ensure_ascii=False, indent=2), encoding="utf-8")
        ventana.abrir(malo)
        hechas.append(guardar(ventana, carpeta / "calculo_error.png"))
    ventana.close()
    return hechas


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m app.ui.capturas", description="Capturas de la calculadora")
    p.add_argument("carpeta", type=Path, help="carpeta donde guardar los PNG")
    p.add_argument("--caso", type=Path, default=CASO_EJEMPLO, help="caso a mostrar (JSON)")
    args = p.parse_args(argv)
    try:
        for archivo in capturar(args.carpeta, args.caso):
            print(archivo)
    except RuntimeError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
