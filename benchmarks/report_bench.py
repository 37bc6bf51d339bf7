"""Time the PDF export of a large review against a bare ReportLab build.

The review has 2,000 timeline events, 200 action items, 60 contributing
factors (drawn as a fishbone), a why-tree of 60 nodes and a fault tree of 60
nodes. The bare build lays out the text of every paragraph and table cell of
the report's story as plain paragraphs and tables in the same embedded font,
one paragraph per line where the report breaks a line. It leaves out the
report's styles, header, footer, contents, bookmarks, text shaping and
diagrams. A second bare build runs each block's lines together into one
paragraph and prints fewer pages. The builds run in this process,
alternating, and the script prints the median of each and the ratios. Run it
with `make bench`.
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
from pir_desktop.domain.fault_tree_record import FaultTreeRecord
from pir_desktop.domain.faulttree import Event, FaultTree, Gate, NodeKind
from pir_desktop.domain.procedure import Procedure, default_procedure
from pir_desktop.domain.review import Review
from pir_desktop.report import ReportRenderer
from pir_desktop.report.fonts import REGULAR, register_fonts

EVENT_COUNT = 2000
ACTION_COUNT = 200
FACTOR_COUNT = 60
TREE_NODES = 60
# The fault tree's top OR gate has AND_GATES inputs, each an AND of two OR
# gates over basic events, so it has 1 + 3 * AND_GATES gates.
AND_GATES = 6
CATEGORIES = ["People", "Process", "Technology", "Identity", "Detection", "Response"]
START = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)
BARE = "bare build, same lines"
JOINED = "bare build, lines joined"


def _sentence(index: int, words: int) -> str:
    vocabulary = "host token alert session admin backup rotation shell log gateway"
    parts = vocabulary.split()
    return " ".join(parts[(index + i) % len(parts)] for i in range(words))


def _why_tree(factors: list[ContributingFactor]) -> list[WhyNode]:
    """Build a tree of TREE_NODES nodes in which each node has up to four children."""
    root = WhyNode(text="Problem: attacker reached production")
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


def _fault_tree(factors: list[ContributingFactor]) -> FaultTree:
    """Build a fault tree of TREE_NODES nodes: gates above basic events.

    The basic events are spread over the OR gates, so each AND gate yields
    the product of its two OR gates' event counts as minimal cut sets.
    """
    or_gates = [f"O{i}" for i in range(2 * AND_GATES)]
    event_count = TREE_NODES - 1 - AND_GATES - len(or_gates)
    inputs: dict[str, list[str]] = {gate: [] for gate in or_gates}
    events = []
    for i in range(event_count):
        event_id = f"E{i}"
        inputs[or_gates[i % len(or_gates)]].append(event_id)
        events.append(
            Event(
                id=event_id,
                kind=NodeKind.BASIC,
                label=f"Event {i}: {_sentence(i, 5)}",
                probability=0.01 + (i % 9) / 100,
                observed=i % 7 == 0,
                factor_id=factors[i % len(factors)].id,
            )
        )
    gates = [
        Gate(
            id="TOP",
            kind=NodeKind.OR,
            label="Attacker reaches production",
            inputs=[f"A{i}" for i in range(AND_GATES)],
        ),
        *[
            Gate(
                id=f"A{i}",
                kind=NodeKind.AND,
                label=f"Path {i}: {_sentence(i, 4)}",
                inputs=[or_gates[2 * i], or_gates[2 * i + 1]],
            )
            for i in range(AND_GATES)
        ],
        *[
            Gate(
                id=gate,
                kind=NodeKind.OR,
                label=f"Step {gate}: {_sentence(j, 4)}",
                inputs=inputs[gate],
            )
            for j, gate in enumerate(or_gates)
        ],
    ]
    return FaultTree(
        name="bench",
        label="Attacker reaches production",
        top="TOP",
        nodes=[*gates, *events],
    )


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
    fault_tree = FaultTreeRecord(
        title="Attacker reaches production",
        tree=_fault_tree(factors),
        notes=_sentence(4, 30),
    )
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
        why_nodes=_why_tree(factors),
        fault_trees=[fault_tree],
    )


def report_build(review: Review, procedure: Procedure) -> int:
    """Render the report in memory and return its page count."""
    return ReportRenderer(review, procedure).render().page_count


# Text of a paragraph or a table cell, split where the report breaks a line.
Lines = list[str]
# Text block, either ("p", lines) or ("table", (column widths, rows of cell lines)).
Block = tuple[str, object]


def plain_blocks(review: Review, procedure: Procedure) -> list[Block]:
    """Return the report's text as ("p", lines) and ("table", (widths, rows)) blocks.

    The blocks come from the report's own story, so the bare build lays out
    the same strings with the same forced line breaks: a "<br/>" inside a
    paragraph, and each paragraph of a cell that stacks several. Diagrams,
    spacers and page breaks carry no text and are left out.
    """
    renderer = ReportRenderer(review, procedure)
    blocks: list[Block] = []
    pending: list[Flowable] = list(renderer.story(renderer.context()))
    while pending:
        flowable = pending.pop(0)
        if isinstance(flowable, KeepTogether):
            pending[:0] = flowable._content
        elif isinstance(flowable, Paragraph):
            blocks.append(("p", paragraph_lines(flowable)))
        elif isinstance(flowable, Table):
            rows = [[cell_lines(c) for c in row] for row in flowable._cellvalues]
            blocks.append(("table", (flowable._argW, rows)))
    return blocks


def paragraph_lines(paragraph: Paragraph) -> Lines:
    """Return the plain text of a paragraph, split at its forced line breaks."""
    lines = [""]
    for fragment in paragraph.frags:
        if hasattr(fragment, "lineBreak"):
            lines.append("")
        else:
            lines[-1] += getattr(fragment, "text", "")
    return lines


def cell_lines(cell: object) -> Lines:
    """Return the lines of a cell (a string, a Paragraph or a list of Paragraphs)."""
    if isinstance(cell, Paragraph):
        return paragraph_lines(cell)
    if isinstance(cell, list):
        return [line for item in cell for line in cell_lines(item)]
    return ["" if cell is None else str(cell)]


def bare_build(blocks: list[Block], join_lines: bool = False) -> int:
    """Lay out text blocks as plain paragraphs and tables and return the page count.

    The paragraphs have one style and the document ReportLab's default layout.
    Each line of a block becomes its own paragraph, so the bare build breaks
    lines where the report does. With join_lines, a block's lines are run
    together into one paragraph, which prints fewer lines.
    """
    style = ParagraphStyle("Plain", fontName=REGULAR, fontSize=8, leading=10)

    def paragraphs(lines: Lines) -> list[Flowable]:
        if join_lines:
            lines = [" ".join(lines)]
        return [Paragraph(escape(line), style) for line in lines]

    story: list[Flowable] = []
    for kind, content in blocks:
        if kind == "p":
            story.extend(paragraphs(content))
            continue
        widths, rows = content
        cells = [[_cell(paragraphs(lines)) for lines in row] for row in rows]
        story.append(Table(cells, colWidths=widths, repeatRows=1, splitInRow=1))

    document = SimpleDocTemplate(io.BytesIO())
    document.build(story)
    return document.page


def _cell(paragraphs: list[Flowable]) -> Flowable | list[Flowable]:
    return paragraphs[0] if len(paragraphs) == 1 else paragraphs


def timed(build: Callable[[], int]) -> tuple[float, int]:
    """Run a build and return its duration in seconds and its page count."""
    started = time.perf_counter()
    pages = build()
    return time.perf_counter() - started, pages


def section_times(review: Review, procedure: Procedure) -> None:
    """Print the time of each report section alone, with the cover and contents.

    "story" is the time to build the section's flowables, and "layout" the time
    to lay them out, draw them and write the PDF. "context" (hashing and
    labelling the review) comes first in every build and is printed once.
    """
    started = time.perf_counter()
    context = ReportRenderer(review, procedure).context()
    prepare = time.perf_counter() - started
    print(f"context: {prepare:.3f} s")
    print("section: story s, layout s, pages")
    for section in ReportRenderer.sections:
        renderer = type("One", (ReportRenderer,), {"sections": (section,)})(
            review, procedure
        )
        started = time.perf_counter()
        renderer.story(context)
        story = time.perf_counter() - started
        seconds, pages = timed(lambda one=renderer: one.render().page_count)
        layout = seconds - prepare - story
        print(f"{section.__name__}: {story:.3f}, {layout:.3f}, {pages}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each build")
    parser.add_argument(
        "--sections",
        action="store_true",
        help="also time each report section alone, once",
    )
    options = parser.parse_args()
    runs = options.runs

    register_fonts()
    review = make_large_review()
    procedure = default_procedure()
    report_build(review, procedure)  # warm-up: font loading and imports
    blocks = plain_blocks(review, procedure)
    builds: dict[str, Callable[[], int]] = {
        "report export": lambda: report_build(review, procedure),
        BARE: lambda: bare_build(blocks),
        JOINED: lambda: bare_build(blocks, join_lines=True),
    }
    results: dict[str, list[tuple[float, int]]] = {name: [] for name in builds}
    for _ in range(runs):
        for name, build in builds.items():
            results[name].append(timed(build))

    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.platform()}"
    )
    print(
        f"review: {EVENT_COUNT} events, {ACTION_COUNT} actions, {FACTOR_COUNT} "
        f"factors, a why-tree and a fault tree of {TREE_NODES} nodes each"
    )
    medians = {}
    for name, timings in results.items():
        medians[name] = statistics.median(seconds for seconds, _ in timings)
        pages = timings[-1][1]
        print(f"{name}: median {medians[name]:.2f} s of {runs} runs, {pages} pages")
    report = medians["report export"]
    print(f"ratio to the bare build, same lines: {report / medians[BARE]:.2f}")
    print(f"ratio to the bare build, lines joined: {report / medians[JOINED]:.2f}")
    if options.sections:
        section_times(review, procedure)
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.1f}" for x in load()))


def load() -> tuple[float, ...]:
    """Return the load average, or nothing where the platform has none."""
    try:
        return os.getloadavg()
    except (AttributeError, OSError):
        return ()


if __name__ == "__main__":
    main()
