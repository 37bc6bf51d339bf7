"""The `pir-desktop` command: the GUI by default, headless subcommands otherwise.

`pir-desktop [LIBRARY]` opens the app; `pir-desktop COMMAND ...` runs one of
the commands without a screen. Errors go to stderr with exit status 1, and
usage errors exit with status 2.
"""

import logging
import sys
from collections.abc import Sequence

from pydantic import ValidationError

from ..logging_setup import configure_logging
from ..store import LibraryError
from .common import move_database_option
from .parser import build_parser

log = logging.getLogger(__name__)

COMMANDS = {
    "approve",
    "verify",
    "export-actions-csv",
    "export-ics",
    "export-markdown",
    "list",
    "export-pdf",
    "export-json",
    "import-json",
    "import-timeline",
    "sample",
    "schema",
    "upgrade",
    "fault-tree",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command, or the GUI when the first argument is not a command."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or (
        arguments[0] not in COMMANDS and arguments[0] not in ("-h", "--help")
    ):
        from ..app import main as gui_main

        return gui_main(arguments)
    configure_logging()
    args = build_parser().parse_args(move_database_option(arguments))
    try:
        status = args.run(args)
    except (LibraryError, ValidationError, ValueError, OSError) as exc:
        log.debug("command %s failed", args.command, exc_info=True)
        print(f"pir-desktop {args.command}: error: {exc}", file=sys.stderr)
        return 1
    return status or 0
