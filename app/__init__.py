"""Liquidador Autoseguro: liquidation of work-accident cash benefits for the provincial self-insurance."""

__version__ = "0.3.0"
