"""Importers that turn external files and text into validated domain records.

Each importer reports every invalid row with its line number and reason
instead of stopping at the first one.
"""

from .result import ImportCancelled, ImportResult, RowControl, RowError

__all__ = ["ImportCancelled", "ImportResult", "RowControl", "RowError"]
