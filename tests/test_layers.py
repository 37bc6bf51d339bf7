"""The core layers import no GUI toolkit, and the domain imports no SQL or PDF code.

The main window also starts without the modules that only migrations and
exports need.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pir_desktop.services import ReviewLibrary
from pir_desktop.services.sample import sample_review
from pir_desktop.settings import CONFIG_DIR_VARIABLE

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


WINDOW_CHECK = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
import pir_desktop.cli  # main.py and the pir-desktop script start here
from pir_desktop.services import ReviewLibrary
from pir_desktop.ui.main_window import MainWindow
window = MainWindow(ReviewLibrary.open(Path(sys.argv[1])))
window.show()
for index in range(window.tabs.count()):
    window.tabs.setCurrentIndex(index)
    app.processEvents()
assert window.context.review is not None
found = sorted({{name.split(".")[0] for name in sys.modules}} & set({heavy!r}))
print(",".join(found))
"""


def test_window_start_imports_no_exporters(tmp_path: Path) -> None:
    path = tmp_path / "current.pir"
    library = ReviewLibrary.create(path)
    library.add_review(sample_review())
    library.close()
    code = WINDOW_CHECK.format(heavy=["alembic", "reportlab", "icalendar"])
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        CONFIG_DIR_VARIABLE: str(tmp_path / "config"),
    }
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        env=environment,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"opening the window imports {result.stdout}"
