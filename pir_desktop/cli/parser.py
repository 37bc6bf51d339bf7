"""The argument parser of the `pir-desktop` command."""

import argparse
from collections.abc import Callable
from pathlib import Path

from ..domain.enums import ApprovalDecision
from .common import LIBRARY_HELP, library_location
from .handlers import (
    _cmd_approve,
    _cmd_export_actions_csv,
    _cmd_export_ics,
    _cmd_export_json,
    _cmd_export_markdown,
    _cmd_export_pdf,
    _cmd_fault_tree,
    _cmd_import_json,
    _cmd_import_timeline,
    _cmd_list,
    _cmd_sample,
    _cmd_schema,
    _cmd_upgrade,
    _cmd_verify,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pir-desktop",
        description="Run security post-incident reviews. "
        "Without a command, pir-desktop [LIBRARY] opens the app.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, run: Callable[[argparse.Namespace], int | None], text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=text, description=text)
        sub.set_defaults(run=run)
        return sub

    sub = command("list", _cmd_list, "List the reviews in a library.")
    sub.add_argument("library", type=library_location, help=LIBRARY_HELP)
    for name, run, summary in (
        ("export-pdf", _cmd_export_pdf, "Write a review's report as PDF."),
        (
            "export-json",
            _cmd_export_json,
            "Write a review as a versioned JSON document.",
        ),
    ):
        sub = command(name, run, summary)
        sub.add_argument("library", type=library_location, help=LIBRARY_HELP)
        sub.add_argument(
            "--review", help="reference or id; optional if the library has one"
        )
        sub.add_argument(
            "-o", "--output", type=Path, required=True, help="file to write"
        )
        if name == "export-pdf":
            sub.add_argument(
                "--variant",
                choices=("full", "redacted"),
                default="full",
                help="full report, or redacted: sensitive text masked and "
                "REDACTED on every page (default: full)",
            )
    for name, run, summary in (
        (
            "export-actions-csv",
            _cmd_export_actions_csv,
            "Write action items as CSV for Jira's importer; every review's "
            "unless --review names one.",
        ),
        (
            "export-ics",
            _cmd_export_ics,
            "Write a review's meeting and action due dates as an .ics calendar.",
        ),
        ("export-markdown", _cmd_export_markdown, "Write a review as Markdown."),
    ):
        sub = command(name, run, summary)
        sub.add_argument("library", type=library_location, help=LIBRARY_HELP)
        sub.add_argument("--review", help="reference or id of the review")
        sub.add_argument(
            "-o", "--output", type=Path, required=True, help="file to write"
        )
    _add_approval_commands(command)
    _add_import_timeline_command(command)
    sub = command("import-json", _cmd_import_json, "Add a review from a JSON document.")
    sub.add_argument(
        "library",
        type=library_location,
        help=f"{LIBRARY_HELP}; a missing file is created",
    )
    sub.add_argument("document", type=Path, help="the JSON document to import")
    sub = command("sample", _cmd_sample, "Create a library holding the sample review.")
    sub.add_argument("output", type=Path, help="the .pir file to create")
    sub.add_argument("--force", action="store_true", help="replace an existing file")
    sub = command("upgrade", _cmd_upgrade, "Upgrade a library to the newest schema.")
    sub.add_argument(
        "library", type=library_location, help=f"{LIBRARY_HELP}; a backup is kept"
    )
    sub = command(
        "schema", _cmd_schema, "Write the JSON Schema of the review document."
    )
    sub.add_argument("-o", "--output", type=Path, required=True, help="file to write")
    sub = command(
        "fault-tree",
        _cmd_fault_tree,
        "Analyse a fault tree in Open-PSA MEF XML and print the results as JSON.",
    )
    sub.add_argument("file", type=Path, help="the MEF .xml file")
    sub.add_argument(
        "--tree", help="name of the fault tree to read; optional if the file has one"
    )
    sub.add_argument(
        "--observed",
        action="store_true",
        help="also print the cut sets completed by the events marked observed",
    )
    return parser


def _add_import_timeline_command(
    command: Callable[..., argparse.ArgumentParser],
) -> None:
    sub = command(
        "import-timeline",
        _cmd_import_timeline,
        "Import timeline events from a file into a review, print each rejected "
        "row and each warning, and exit 1 when any row was rejected. A warning, "
        "such as a Slack export without users.json, does not change the exit "
        "status.",
    )
    sub.add_argument("library", type=library_location, help=LIBRARY_HELP)
    sub.add_argument(
        "--review", help="reference or id; optional if the library has one"
    )
    sub.add_argument(
        "--format",
        required=True,
        choices=["csv", "json", "slack", "pagerduty", "text"],
        help="csv, the app's json, a slack export (zip or folder), pagerduty log "
        "entries, or text lines",
    )
    sub.add_argument(
        "--zone",
        help="IANA zone or offset, such as Europe/London, for csv and text times "
        "that carry none. The other formats must carry their own offsets.",
    )
    sub.add_argument(
        "--mapping", type=Path, help="column mapping JSON file, required for csv"
    )
    sub.add_argument("file", type=Path, help="the file or Slack export folder")


def _add_approval_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    sub = command(
        "approve",
        _cmd_approve,
        "Record a sign-off decision bound to the review's content hash.",
    )
    sub.add_argument("library", type=library_location, help=LIBRARY_HELP)
    sub.add_argument(
        "--review", help="reference or id; optional if the library has one"
    )
    sub.add_argument("--by", required=True, help="name of the approver")
    sub.add_argument("--role", required=True, help="approver's role, such as CISO")
    sub.add_argument(
        "--decision", required=True, choices=[d.value for d in ApprovalDecision]
    )
    sub.add_argument("--comment", default="", help="text stored with the decision")
    sub.add_argument(
        "--override-reason",
        default="",
        help="why to approve although the readiness check lists problems",
    )
    sub = command(
        "verify",
        _cmd_verify,
        "Compare the latest approval's hash with the review's content now; "
        "exit 0 only when an approval matches.",
    )
    sub.add_argument("library", type=library_location, help=LIBRARY_HELP)
    sub.add_argument(
        "--review", help="reference or id; optional if the library has one"
    )
