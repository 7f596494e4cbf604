"""PySide6 user interface: main window, screens, dialogs and Qt models for grids."""
