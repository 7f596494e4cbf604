"""Qt enum values used by every table model, looked up once: PySide6 enum attribute access costs
~10 µs and data() runs thousands of times per scroll (STACK.md)."""

from PySide6.QtCore import Qt

ROL_TEXTO = Qt.ItemDataRole.DisplayRole
ROL_ALINEACION = Qt.ItemDataRole.TextAlignmentRole
ROL_FONDO = Qt.ItemDataRole.BackgroundRole
ROL_TINTA = Qt.ItemDataRole.ForegroundRole
ROL_FUENTE = Qt.ItemDataRole.FontRole
ROL_AYUDA = Qt.ItemDataRole.ToolTipRole
ROL_ACCESIBLE = Qt.ItemDataRole.AccessibleTextRole
HORIZONTAL = Qt.Orientation.Horizontal
A_DERECHA = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
A_IZQUIERDA = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
HABILITADO = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
SIN_FLAGS = Qt.ItemFlag.NoItemFlags
