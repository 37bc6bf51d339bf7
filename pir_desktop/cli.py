"""The `pir-desktop` command: the GUI by default, headless subcommands otherwise.

`pir-desktop [LIBRARY]` opens the app; `pir-desktop COMMAND ...` runs one of
the commands below without a screen. Errors go to stderr with exit status 1,
and usage errors exit with status 2.
"""

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from uuid import UUID

from pydantic import ValidationError

from .domain.enums import ApprovalDecision
from .domain.interchange import json_schema
from .fileio import write_atomic
from .logging_setup import configure_logging
from .services import ReviewLibrary, approval
from .services.action_exports import export_actions_csv, export_ics, export_markdown
from .services.exports import export_json, export_pdf, read_json
from .services.sample import sample_review
from .store import LibraryError

log = logging.getLogger(__name__)


LIBRARY_HELP = "the .pir library file, or a postgresql+psycopg:// database URL"
# Commands that take no library, so --database does not apply to them.
NO_LIBRARY_COMMANDS = {"sample", "schema", "fault-tree"}


def library_location(text: str) -> Path | str:
    """Return a database URL unchanged and anything else as a file path."""
    return text if "://" in text else Path(text)


def _open(location: Path | str, read_only: bool = True) -> ReviewLibrary:
    """Open a library file, read-only unless asked, or connect to a database URL."""
    if isinstance(location, str):
        return ReviewLibrary.connect(location)
    return ReviewLibrary.open(location, read_only=read_only)


def _move_database_option(arguments: list[str]) -> list[str]:
    """Turn `COMMAND ... --database URL ...` into `COMMAND URL ...`."""
    if arguments[0] in NO_LIBRARY_COMMANDS:
        return arguments
    rest = list(arguments)
    for index, argument in enumerate(rest):
        if argument == "--database" and index + 1 < len(rest):
            url = rest[index + 1]
            del rest[index : index + 2]
            return [rest[0], url, *rest[1:]]
        if argument.startswith("--database="):
            del rest[index]
            return [rest[0], argument.partition("=")[2], *rest[1:]]
    return rest


def _pick_review(library: ReviewLibrary, reference: str | None) -> UUID:
    """Return the review named by --review, or the only review in the library."""
    if reference:
        return library.find(reference)
    reviews = library.reviews()
    if len(reviews) == 1:
        return reviews[0].id
    known = ", ".join(r.reference for r in reviews) or "none"
    raise LibraryError(
        f"{library.location} contains {len(reviews)} reviews: name one with --review "
        f"(references: {known})"
    )


def _cmd_list(args: argparse.Namespace) -> None:
    library = _open(args.library)
    for facts in library.reviews():
        closed = facts.closed_at.isoformat() if facts.closed_at else "open"
        print(f"{facts.reference}\t{facts.severity}\t{closed}\t{facts.title}")


def _cmd_export_pdf(args: argparse.Namespace) -> None:
    library = _open(args.library)
    review_id = _pick_review(library, args.review)
    warnings = export_pdf(library, review_id, args.output, variant=args.variant)
    for warning in warnings:
        print(f"pir-desktop export-pdf: warning: {warning}", file=sys.stderr)
    print(f"wrote {args.output}")


def _cmd_export_json(args: argparse.Namespace) -> None:
    library = _open(args.library)
    export_json(library, _pick_review(library, args.review), args.output)
    print(f"wrote {args.output}")


def _cmd_export_actions_csv(args: argparse.Namespace) -> None:
    library = _open(args.library)
    if args.review:
        review_ids = [library.find(args.review)]
    else:
        review_ids = [facts.id for facts in library.reviews()]
    count = export_actions_csv(library, review_ids, args.output)
    print(f"wrote {args.output} with {count} action items")


def _cmd_export_ics(args: argparse.Namespace) -> None:
    library = _open(args.library)
    export_ics(library, _pick_review(library, args.review), args.output)
    print(f"wrote {args.output}")


def _cmd_export_markdown(args: argparse.Namespace) -> None:
    library = _open(args.library)
    export_markdown(library, _pick_review(library, args.review), args.output)
    print(f"wrote {args.output}")


def _cmd_approve(args: argparse.Namespace) -> None:
    library = _open(args.library, read_only=False)
    stored = approval.approve(
        library,
        _pick_review(library, args.review),
        args.by,
        args.role,
        ApprovalDecision(args.decision),
        comment=args.comment,
        override_reason=args.override_reason,
    )
    print(f"recorded {stored.decision.value} with hash {stored.content_hash}")


def _cmd_verify(args: argparse.Namespace) -> int:
    library = _open(args.library)
    result = approval.verify(library, _pick_review(library, args.review))
    print(f"approved hash: {result.approved_hash or 'none'}")
    print(f"current hash:  {result.current_hash}")
    print(result.state)
    return 0 if result.state == "matches" else 1


def _cmd_import_json(args: argparse.Namespace) -> None:
    review = read_json(args.document)
    if isinstance(args.library, str) or args.library.exists():
        library = _open(args.library, read_only=False)
    else:
        library = ReviewLibrary.create(args.library)
    stored = library.add_review(review)
    print(f"imported {stored.reference} into {library.location}")


def _cmd_import_timeline(args: argparse.Namespace) -> int:
    from .importers.csv_events import ColumnMapping
    from .services import timeline_import

    mapping = ColumnMapping.load(args.mapping) if args.mapping else None
    library = _open(args.library, read_only=False)
    review_id = _pick_review(library, args.review)
    preview = timeline_import.preview(
        library,
        review_id,
        args.file,
        timeline_import.ImportFormat(args.format),
        zone=args.zone,
        mapping=mapping,
    )
    applied = timeline_import.apply(library, preview)
    for error in preview.errors:
        print(error.report_line())
    print(
        f"added {len(applied.added)}, updated {len(applied.updated)}, unchanged "
        f"{len(preview.unchanged)}, rejected {len(preview.errors)}"
    )
    return 1 if preview.errors else 0


def _cmd_sample(args: argparse.Namespace) -> None:
    output: Path = args.output
    if output.exists():
        if not args.force:
            raise LibraryError(
                f"{output} already exists: choose another name or pass --force"
            )
        for suffix in ("", "-wal", "-shm"):
            Path(f"{output}{suffix}").unlink(missing_ok=True)
    library = ReviewLibrary.create(output)
    review = library.add_review(sample_review())
    library.close()
    print(f"wrote {output} with sample review {review.reference}")


def _cmd_upgrade(args: argparse.Namespace) -> None:
    library = _open(args.library, read_only=False)
    library.close()
    print(f"{library.location} uses the newest schema")


def _cmd_schema(args: argparse.Namespace) -> None:
    import json

    write_atomic(args.output, (json.dumps(json_schema(), indent=2) + "\n").encode())
    print(f"wrote {args.output}")


def _cmd_fault_tree(args: argparse.Namespace) -> None:
    import json

    from .domain.faulttree import analyse, parse_mef

    tree = parse_mef(args.file.read_bytes(), tree_name=args.tree)
    report = analyse(tree).report(include_observed=args.observed)
    print(json.dumps(report, indent=2))


def _parser() -> argparse.ArgumentParser:
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
        "row, and exit 1 when any row was rejected.",
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
        help="IANA zone or offset for times that carry none, such as Europe/London",
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
        from .app import main as gui_main

        return gui_main(arguments)
    configure_logging()
    args = _parser().parse_args(_move_database_option(arguments))
    try:
        status = args.run(args)
    except (LibraryError, ValidationError, ValueError, OSError) as exc:
        log.debug("command %s failed", args.command, exc_info=True)
        print(f"pir-desktop {args.command}: error: {exc}", file=sys.stderr)
        return 1
    return status or 0
