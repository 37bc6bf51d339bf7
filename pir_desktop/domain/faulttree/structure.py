"""Graph checks on a fault tree: unique ids, known inputs, no cycle, no stray node."""

from collections.abc import Mapping, Sequence


def check_structure(top: str, nodes: Sequence[tuple[str, list[str]]]) -> None:
    """Raise ValueError naming the nodes at fault unless the graph is a valid tree.

    `nodes` lists each node id with the ids it reads. The graph must have unique
    ids, inputs that exist, the top among its nodes, no cycle, and every node
    reachable from the top. Shared inputs (a DAG) are allowed.
    """
    graph = _unique_graph(nodes)
    if top not in graph:
        raise ValueError(f"top event {top} is not a node of the tree")
    _check_inputs_exist(graph)

    cycle = find_cycle(graph)
    if cycle:
        raise ValueError(f"the tree contains a cycle: {' -> '.join(cycle)}")

    stray = sorted(set(graph) - reachable(top, graph))
    if stray:
        raise ValueError(
            f"node(s) {', '.join(stray)} cannot be reached from the top event "
            f"{top}: connect them to a gate or remove them"
        )


def _unique_graph(nodes: Sequence[tuple[str, list[str]]]) -> dict[str, list[str]]:
    graph: dict[str, list[str]] = {}
    for node_id, operands in nodes:
        if node_id in graph:
            raise ValueError(f"node id {node_id} is used by more than one node")
        graph[node_id] = operands
    return graph


def _check_inputs_exist(graph: Mapping[str, list[str]]) -> None:
    problems = [
        f"gate {node_id}: input {operand} is not a node of the tree"
        for node_id, operands in graph.items()
        for operand in operands
        if operand not in graph
    ]
    if problems:
        raise ValueError("; ".join(problems))


def find_cycle(graph: Mapping[str, list[str]]) -> list[str]:
    """Return the ids along one cycle, first id repeated at the end, or []."""
    finished: set[str] = set()
    for start in sorted(graph):
        if start in finished:
            continue
        cycle = _cycle_from(start, graph, finished)
        if cycle:
            return cycle
    return []


def _cycle_from(
    start: str, graph: Mapping[str, list[str]], finished: set[str]
) -> list[str]:
    """Walk depth-first from `start` without recursion and return a cycle found."""
    path = [start]
    on_path = {start}
    pending = [iter(graph[start])]
    while pending:
        operand = next(pending[-1], None)
        if operand is None:
            done = path.pop()
            on_path.discard(done)
            finished.add(done)
            pending.pop()
            continue
        if operand in on_path:
            return [*path[path.index(operand) :], operand]
        if operand in finished:
            continue
        path.append(operand)
        on_path.add(operand)
        pending.append(iter(graph[operand]))
    return []


def reachable(top: str, graph: Mapping[str, list[str]]) -> set[str]:
    """Return the ids reachable from `top`, `top` included."""
    seen = {top}
    stack = [top]
    while stack:
        for operand in graph[stack.pop()]:
            if operand not in seen:
                seen.add(operand)
                stack.append(operand)
    return seen
