"""The core layers import no GUI toolkit, and the domain imports no SQL or PDF code."""

import subprocess
import sys

import pytest

CHECK = """
import importlib, pkgutil, sys
import pir_desktop.{package} as package
for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    importlib.import_module(module.name)
found = sorted({{name.split(".")[0] for name in sys.modules}} & set({forbidden!r}))
print(",".join(found))
"""

CASES = [
    ("domain", ["PySide6", "sqlalchemy", "reportlab", "alembic"]),
    ("store", ["PySide6", "reportlab"]),
    ("report", ["PySide6", "sqlalchemy", "alembic"]),
    ("services", ["PySide6"]),
    ("importers", ["PySide6", "sqlalchemy", "reportlab"]),
]


@pytest.mark.parametrize(("package", "forbidden"), CASES)
def test_layer_imports(package: str, forbidden: list[str]) -> None:
    code = CHECK.format(package=package, forbidden=forbidden)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"pir_desktop.{package} imports {result.stdout}"
