"""Minimal cut sets and prime implicants read off a top event's BDD.

A cut set is a frozenset of literals (event id, polarity): polarity True means
the event occurs, False means it does not ("NOT event"). In a coherent tree
every literal is positive and the sets are the minimal cut sets. In a
non-coherent tree they are the prime implicants of the top event.

NOTE: both algorithms hold every set in memory, and the number of sets can
grow exponentially with the number of events. They suit the trees of one
incident review, not industrial models with thousands of events.
"""

from collections.abc import Callable, Set

from .bdd import FALSE, TRUE, Bdd
from .compile import CompiledTree

EventLiteral = tuple[str, bool]
CutSet = frozenset[EventLiteral]
_LevelSet = frozenset[tuple[int, bool]]


def minimal_cut_sets(compiled: CompiledTree) -> list[CutSet]:
    """Return the minimal cut sets of a monotone top event (Rauzy's algorithm).

    For f = x·f1 + f0 with f0 ≤ f1, the minimal solutions are those of f0 plus
    x joined to each minimal solution of f1 that contains no solution of f0.
    """
    bdd = compiled.bdd
    memo: dict[int, set[_LevelSet]] = {FALSE: set(), TRUE: {frozenset()}}

    def solutions(node: int) -> set[_LevelSet]:
        if node not in memo:
            low_sets = solutions(bdd.low(node))
            literal = (bdd.level(node), True)
            extended = {
                high_set | {literal}
                for high_set in solutions(bdd.high(node))
                if not any(low_set <= high_set for low_set in low_sets)
            }
            memo[node] = low_sets | extended
        return memo[node]

    return _named(compiled, solutions(compiled.root))


def prime_implicants(compiled: CompiledTree) -> list[CutSet]:
    """Return the prime implicants of the top event (Coudert and Madre's recursion).

    For f = x·f1 + ¬x·f0, with P the prime implicants and g = f0·f1:
    P(f) = P(g) ∪ ¬x·(P(f0) − P(g)) ∪ x·(P(f1) − P(g)).
    A prime without x must imply f0 and f1, and a prime of f0 that is also one
    of g would make ¬x redundant.
    """
    bdd = compiled.bdd
    memo: dict[int, frozenset[_LevelSet]] = {
        FALSE: frozenset(),
        TRUE: frozenset({frozenset()}),
    }

    def primes(node: int) -> frozenset[_LevelSet]:
        if node not in memo:
            memo[node] = _split_primes(bdd, node, primes)
        return memo[node]

    return _named(compiled, primes(compiled.root))


def _split_primes(
    bdd: Bdd, node: int, primes: Callable[[int], frozenset[_LevelSet]]
) -> frozenset[_LevelSet]:
    level, low, high = bdd.level(node), bdd.low(node), bdd.high(node)
    shared = primes(bdd.conjoin(low, high))
    negative = {p | {(level, False)} for p in primes(low) - shared}
    positive = {p | {(level, True)} for p in primes(high) - shared}
    return frozenset(shared | negative | positive)


def _named(compiled: CompiledTree, sets: Set[_LevelSet]) -> list[CutSet]:
    named = [
        frozenset((compiled.order[level], polarity) for level, polarity in level_set)
        for level_set in sets
    ]
    return sorted(named, key=cut_set_sort_key)


def format_literal(literal: EventLiteral) -> str:
    """Return "event" for an occurring event and "NOT event" for a negated one."""
    event_id, polarity = literal
    return event_id if polarity else f"NOT {event_id}"


def format_cut_set(cut_set: CutSet) -> list[str]:
    """Return the literals as text, ordered by event id, positive before NOT."""
    ordered = sorted(cut_set, key=lambda literal: (literal[0], not literal[1]))
    return [format_literal(literal) for literal in ordered]


def cut_set_sort_key(cut_set: CutSet) -> tuple[int, list[str]]:
    """Order cut sets by size, then by their formatted literals."""
    return len(cut_set), format_cut_set(cut_set)
