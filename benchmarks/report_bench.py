"""Time the PDF export of a large review against a bare ReportLab build.

The review has 2,000 timeline events, 200 action items, 60 contributing
factors (drawn as a fishbone) and two why-trees of 60 nodes each. The bare
build lays out the text of every paragraph and table cell of the report's
story as plain paragraphs and tables in the same embedded font. It leaves out
the report's styles, header, footer, contents, bookmarks, text shaping and
diagrams. Both builds run in this process, alternating, and the script prints
the median of each and their ratio. Run it with `make bench`.
"""

import argparse
import io
import os
import platform
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Table,
)

from pir_desktop.domain.entities import (
    ActionItem,
    ContributingFactor,
    TimelineEvent,
    WhyNode,
)
from pir_desktop.domain.enums import EventKind, Severity
from pir_desktop.domain.procedure import Procedure, default_procedure
from pir_desktop.domain.review import Review
from pir_desktop.report import ReportRenderer
from pir_desktop.report.fonts import REGULAR, register_fonts

EVENT_COUNT = 2000
ACTION_COUNT = 200
FACTOR_COUNT = 60
TREE_NODES = 60
TREE_COUNT = 2
CATEGORIES = ["People", "Process", "Technology", "Identity", "Detection", "Response"]
START = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)


def _sentence(index: int, words: int) -> str:
    vocabulary = "host token alert session admin backup rotation shell log gateway"
    parts = vocabulary.split()
    return " ".join(parts[(index + i) % len(parts)] for i in range(words))


def _why_tree(root_index: int, factors: list[ContributingFactor]) -> list[WhyNode]:
    """Build a tree of TREE_NODES nodes in which each node has up to four children."""
    root = WhyNode(text=f"Problem {root_index}: attacker reached production")
    nodes = [root]
    parents = [root]
    while len(nodes) < TREE_NODES:
        parent = parents[(len(nodes) - 1) // 4 % len(parents)]
        node = WhyNode(
            parent_id=parent.id,
            position=len(nodes),
            text=f"Why {len(nodes)}: {_sentence(len(nodes), 8)}",
            evidence=f"Log excerpt {len(nodes)}",
            factor_id=factors[len(nodes) % len(factors)].id,
        )
        nodes.append(node)
        parents.append(node)
    return nodes


def make_large_review() -> Review:
    """Build the benchmark review."""
    factors = [
        ContributingFactor(
            statement=f"Factor {i}: {_sentence(i, 10)}",
            category=CATEGORIES[i % len(CATEGORIES)],
        )
        for i in range(FACTOR_COUNT)
    ]
    events = [
        TimelineEvent(
            occurred_at=START + timedelta(minutes=7 * i),
            kind=list(EventKind)[i % len(EventKind)],
            description=f"Event {i}: {_sentence(i, 18)}",
            source="SIEM export",
        )
        for i in range(EVENT_COUNT)
    ]
    actions = [
        ActionItem(
            title=f"Action {i}: {_sentence(i, 6)}",
            description=_sentence(i + 3, 20),
            owner=f"Team {i % 12}",
            success_criteria=_sentence(i + 5, 10),
            factor_ids=[factors[i % FACTOR_COUNT].id],
        )
        for i in range(ACTION_COUNT)
    ]
    why_nodes = [n for tree in range(TREE_COUNT) for n in _why_tree(tree, factors)]
    return Review(
        reference="BENCH-1",
        title="Benchmark review",
        severity=Severity.P1,
        summary=_sentence(1, 80),
        impact=_sentence(2, 60),
        started_at=START,
        closed_at=START + timedelta(days=12),
        events=events,
        actions=actions,
        factors=factors,
        why_nodes=why_nodes,
    )


def report_build(review: Review, procedure: Procedure) -> bytes:
    return ReportRenderer(review, procedure).render().data


Block = tuple[str, object]


def plain_blocks(review: Review, procedure: Procedure) -> list[Block]:
    """Return the report's text as ("p", text) and ("table", (widths, rows)) blocks.

    The blocks come from the report's own story, so the bare build lays out
    the same strings. Diagrams, spacers and page breaks carry no text and are
    left out.
    """
    renderer = ReportRenderer(review, procedure)
    blocks: list[Block] = []
    pending: list[Flowable] = list(renderer.story(renderer.context()))
    while pending:
        flowable = pending.pop(0)
        if isinstance(flowable, KeepTogether):
            pending[:0] = flowable._content
        elif isinstance(flowable, Paragraph):
            blocks.append(("p", flowable.getPlainText()))
        elif isinstance(flowable, Table):
            rows = [[_cell_text(c) for c in row] for row in flowable._cellvalues]
            blocks.append(("table", (flowable._argW, rows)))
    return blocks


def _cell_text(cell: object) -> str:
    """Return the text of a cell: a string, a Paragraph or a list of Paragraphs."""
    if isinstance(cell, Paragraph):
        return cell.getPlainText()
    if isinstance(cell, list):
        return " ".join(_cell_text(item) for item in cell)
    return "" if cell is None else str(cell)


def bare_build(blocks: list[Block]) -> bytes:
    """Lay out text blocks as plain paragraphs and tables with ReportLab defaults."""
    style = ParagraphStyle("Plain", fontName=REGULAR, fontSize=8, leading=10)
    story: list[Flowable] = []
    for kind, content in blocks:
        if kind == "p":
            story.append(Paragraph(escape(content), style))
            continue
        widths, rows = content
        cells = [[Paragraph(escape(text), style) for text in row] for row in rows]
        story.append(Table(cells, colWidths=widths, repeatRows=1, splitInRow=1))

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build(story)
    return buffer.getvalue()


def timed(build: Callable[[], bytes]) -> float:
    started = time.perf_counter()
    build()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each build")
    runs = parser.parse_args().runs

    register_fonts()
    review = make_large_review()
    procedure = default_procedure()
    report_build(review, procedure)  # warm-up: font loading and imports
    blocks = plain_blocks(review, procedure)
    report_times, bare_times = [], []
    for _ in range(runs):
        report_times.append(timed(lambda: report_build(review, procedure)))
        bare_times.append(timed(lambda: bare_build(blocks)))

    report, bare = statistics.median(report_times), statistics.median(bare_times)
    pages = ReportRenderer(review, procedure).render().page_count
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.platform()}"
    )
    print(
        f"review: {EVENT_COUNT} events, {ACTION_COUNT} actions, {FACTOR_COUNT} "
        f"factors, {TREE_COUNT} why-trees of {TREE_NODES} nodes; {pages} pages"
    )
    print(f"report export: median {report:.2f} s of {runs} runs")
    print(f"bare ReportLab build: median {bare:.2f} s of {runs} runs")
    print(f"ratio: {report / bare:.2f}")
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.1f}" for x in load()))


def load() -> tuple[float, ...]:
    """Return the load average, or nothing where the platform has none."""
    try:
        return os.getloadavg()
    except (AttributeError, OSError):
        return ()


if __name__ == "__main__":
    main()
