"""The handler of each `pir-desktop` subcommand.

A handler returns None or an exit status. On the library, validation, value
and OS errors that a handler raises, `main` prints the error and returns exit
status 1. The GUI starts through this package too, so the action exporters,
which load icalendar, are imported by their commands only.
"""

import argparse
import sys
from pathlib import Path
from typing import TextIO

from ..domain.enums import ApprovalDecision
from ..domain.interchange import json_schema
from ..fileio import write_atomic
from ..services import ReviewLibrary, approval
from ..services.exports import export_json, export_pdf, read_json
from ..services.sample import sample_review
from ..store import LibraryError
from .common import open_library, pick_review


def _cmd_list(args: argparse.Namespace) -> None:
    library = open_library(args.library)
    for facts in library.reviews():
        closed = facts.closed_at.isoformat() if facts.closed_at else "open"
        print(f"{facts.reference}\t{facts.severity}\t{closed}\t{facts.title}")


class ProgressLine:
    """Percentage of a long export, rewritten in place on a terminal's stderr.

    Nothing is written when stderr is not a terminal, so logs and pipes stay
    clean.
    """

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = sys.stderr if stream is None else stream
        self.last_percent = -1

    def __call__(self, done: int, total: int) -> None:
        if not self.stream.isatty() or total <= 0:
            return
        percent = done * 100 // total
        if percent != self.last_percent:
            self.last_percent = percent
            self.stream.write(f"\r{self.label}: {percent}%")
            self.stream.flush()

    def close(self) -> None:
        """End the line, if any percentage was written."""
        if self.last_percent >= 0:
            self.stream.write("\n")
            self.stream.flush()


def _cmd_export_pdf(args: argparse.Namespace) -> None:
    library = open_library(args.library)
    review_id = pick_review(library, args.review)
    progress = ProgressLine(f"writing {args.output}")
    try:
        warnings = export_pdf(
            library, review_id, args.output, variant=args.variant, progress=progress
        )
    finally:
        progress.close()
    for warning in warnings:
        print(f"pir-desktop export-pdf: warning: {warning}", file=sys.stderr)
    print(f"wrote {args.output}")


def _cmd_export_json(args: argparse.Namespace) -> None:
    library = open_library(args.library)
    export_json(library, pick_review(library, args.review), args.output)
    print(f"wrote {args.output}")


def _cmd_export_actions_csv(args: argparse.Namespace) -> None:
    from ..services.action_exports import export_actions_csv

    library = open_library(args.library)
    if args.review:
        review_ids = [library.find(args.review)]
    else:
        review_ids = [facts.id for facts in library.reviews()]
    count = export_actions_csv(library, review_ids, args.output)
    print(f"wrote {args.output} with {count} action items")


def _cmd_export_ics(args: argparse.Namespace) -> None:
    from ..services.action_exports import export_ics

    library = open_library(args.library)
    export_ics(library, pick_review(library, args.review), args.output)
    print(f"wrote {args.output}")


def _cmd_export_markdown(args: argparse.Namespace) -> None:
    from ..services.action_exports import export_markdown

    library = open_library(args.library)
    export_markdown(library, pick_review(library, args.review), args.output)
    print(f"wrote {args.output}")


def _cmd_approve(args: argparse.Namespace) -> None:
    library = open_library(args.library, read_only=False)
    stored = approval.approve(
        library,
        pick_review(library, args.review),
        args.by,
        args.role,
        ApprovalDecision(args.decision),
        comment=args.comment,
        override_reason=args.override_reason,
    )
    print(f"recorded {stored.decision.value} with hash {stored.content_hash}")


def _cmd_verify(args: argparse.Namespace) -> int:
    library = open_library(args.library)
    result = approval.verify(library, pick_review(library, args.review))
    print(f"approved hash: {result.approved_hash or 'none'}")
    print(f"current hash:  {result.current_hash}")
    print(result.state)
    return 0 if result.state == "matches" else 1


def _cmd_import_json(args: argparse.Namespace) -> None:
    review = read_json(args.document)
    if isinstance(args.library, str) or args.library.exists():
        library = open_library(args.library, read_only=False)
    else:
        library = ReviewLibrary.create(args.library)
    stored = library.add_review(review)
    print(f"imported {stored.reference} into {library.location}")


# The import formats whose times may lack a zone, so that --zone applies.
ZONE_FORMATS = {"csv", "text"}


def _cmd_import_timeline(args: argparse.Namespace) -> int:
    from ..importers.csv_events import ColumnMapping
    from ..importers.events import check_zone
    from ..importers.result import rejected
    from ..services import timeline_import

    if args.zone:
        if args.format not in ZONE_FORMATS:
            raise ValueError(
                f"--zone applies only to --format csv and text, not {args.format}, "
                "because the times of the app's JSON, Slack and PagerDuty files "
                "must carry their own offsets: remove --zone"
            )
        check_zone(args.zone, "--zone")
    if not args.file.exists():
        raise ValueError(f"{args.file} not found: check the path")
    if args.file.is_dir() and args.format != "slack":
        raise ValueError(
            f"{args.file} is a folder: choose a file, or pass --format slack for "
            "an unpacked Slack export"
        )
    mapping = ColumnMapping.load(args.mapping) if args.mapping else None
    library = open_library(args.library, read_only=False)
    review_id = pick_review(library, args.review)
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
    for _row, event in preview.deleted:
        print(
            f"skipped: {event.source_key}: deleted in the review after an earlier "
            "import, so it was not imported again"
        )
    for update in preview.edited():
        print(
            f"kept: {update.stored.source_key}: edited in the review since its "
            f"import, so the file's {', '.join(update.differences)} were not applied"
        )
    failed = rejected(preview.errors)
    warnings = len(preview.errors) - len(failed)
    summary = (
        f"added {len(applied.added)}, updated {len(applied.updated)}, unchanged "
        f"{len(preview.unchanged)}, rejected {len(failed)}"
    )
    if preview.edited():
        summary += f", kept {len(preview.edited())} edited in the review"
    if preview.deleted:
        summary += f", skipped {len(preview.deleted)} deleted in the review"
    if warnings:
        summary += f", warnings {warnings}"
    print(summary)
    return 1 if failed else 0


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
    library = open_library(args.library, read_only=False)
    library.close()
    print(f"{library.location} uses the newest schema")


def _cmd_schema(args: argparse.Namespace) -> None:
    import json

    write_atomic(args.output, (json.dumps(json_schema(), indent=2) + "\n").encode())
    print(f"wrote {args.output}")


def _cmd_fault_tree(args: argparse.Namespace) -> None:
    import json

    from ..domain.faulttree import analyse, parse_mef

    tree = parse_mef(args.file.read_bytes(), tree_name=args.tree)
    report = analyse(tree).report(include_observed=args.observed)
    print(json.dumps(report, indent=2))
