"""Start PIR Desktop from a source checkout: `python main.py [LIBRARY.pir]`."""

import sys

from pir_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
