"""A small reduced ordered binary decision diagram (ROBDD) package.

Nodes are integers into one table: 0 is the constant false, 1 the constant
true, and every other node is (level, low, high) for "if variable `level`
then high else low". A unique table keeps the diagram reduced and shared, so
two equal functions are the same integer. Variables are numbered by level,
0 at the top. There are no complement edges.

NOTE: ite and the walks below recurse once per variable level, so diagrams
over more than a few hundred variables would need a higher recursion limit.
"""

from collections.abc import Callable, Sequence

FALSE = 0
TRUE = 1


class Bdd:
    """A node table with memoised if-then-else (ITE) over a fixed variable count."""

    def __init__(self, variable_count: int) -> None:
        self.variable_count = variable_count
        terminal_level = variable_count
        self._nodes: list[tuple[int, int, int]] = [
            (terminal_level, FALSE, FALSE),
            (terminal_level, TRUE, TRUE),
        ]
        self._unique: dict[tuple[int, int, int], int] = {}
        self._ite_memo: dict[tuple[int, int, int], int] = {}

    def level(self, node: int) -> int:
        return self._nodes[node][0]

    def low(self, node: int) -> int:
        return self._nodes[node][1]

    def high(self, node: int) -> int:
        return self._nodes[node][2]

    def variable(self, level: int) -> int:
        """Return the node of the function that is true when variable `level` is."""
        if not 0 <= level < self.variable_count:
            raise IndexError(f"variable level {level} is outside the diagram")
        return self._make(level, FALSE, TRUE)

    def _make(self, level: int, low: int, high: int) -> int:
        if low == high:
            return low
        key = (level, low, high)
        node = self._unique.get(key)
        if node is None:
            node = len(self._nodes)
            self._nodes.append(key)
            self._unique[key] = node
        return node

    def ite(self, condition: int, then: int, otherwise: int) -> int:
        """Return the node of (condition AND then) OR (NOT condition AND otherwise)."""
        if condition == TRUE or then == otherwise:
            return then
        if condition == FALSE:
            return otherwise
        if then == TRUE and otherwise == FALSE:
            return condition
        key = (condition, then, otherwise)
        cached = self._ite_memo.get(key)
        if cached is not None:
            return cached

        top = min(self.level(condition), self.level(then), self.level(otherwise))
        c0, c1 = self._cofactors(condition, top)
        t0, t1 = self._cofactors(then, top)
        o0, o1 = self._cofactors(otherwise, top)
        result = self._make(top, self.ite(c0, t0, o0), self.ite(c1, t1, o1))

        self._ite_memo[key] = result
        return result

    def _cofactors(self, node: int, level: int) -> tuple[int, int]:
        """Return (node with variable `level` false, node with it true)."""
        if self.level(node) != level:
            return node, node
        return self.low(node), self.high(node)

    def negate(self, node: int) -> int:
        return self.ite(node, FALSE, TRUE)

    def conjoin(self, left: int, right: int) -> int:
        return self.ite(left, right, FALSE)

    def disjoin(self, left: int, right: int) -> int:
        return self.ite(left, TRUE, right)

    def exclusive_or(self, left: int, right: int) -> int:
        return self.ite(left, self.negate(right), right)

    def implies(self, left: int, right: int) -> bool:
        """Return whether every assignment that satisfies `left` satisfies `right`."""
        return self.ite(left, right, TRUE) == TRUE

    def at_least(self, k: int, operands: Sequence[int]) -> int:
        """Return the node that is true when at least `k` operands are true."""
        memo: dict[tuple[int, int], int] = {}

        def count_from(index: int, needed: int) -> int:
            if needed <= 0:
                return TRUE
            if len(operands) - index < needed:
                return FALSE
            key = (index, needed)
            if key not in memo:
                memo[key] = self.ite(
                    operands[index],
                    count_from(index + 1, needed - 1),
                    count_from(index + 1, needed),
                )
            return memo[key]

        return count_from(0, k)

    def probability(self, node: int, probabilities: Sequence[float]) -> float:
        """Return P(node) by Shannon decomposition, given P(variable) by level."""
        memo: dict[int, float] = {FALSE: 0.0, TRUE: 1.0}

        def visit(current: int) -> float:
            if current not in memo:
                p = probabilities[self.level(current)]
                memo[current] = p * visit(self.high(current)) + (1 - p) * visit(
                    self.low(current)
                )
            return memo[current]

        return visit(node)

    def inner_nodes(self, node: int) -> list[int]:
        """Return the non-terminal nodes reachable from `node`, each once."""
        seen: set[int] = set()
        stack = [node]
        while stack:
            current = stack.pop()
            if current <= TRUE or current in seen:
                continue
            seen.add(current)
            stack.extend((self.low(current), self.high(current)))
        return sorted(seen)

    def support(self, node: int) -> set[int]:
        """Return the levels of the variables that `node` depends on."""
        return {self.level(inner) for inner in self.inner_nodes(node)}

    def is_monotone(self, node: int) -> bool:
        """Return whether the function never turns false when a variable turns true.

        In a reduced diagram every node is a cofactor of the root, so the root
        is monotone exactly when each node's low branch implies its high branch.
        """
        return all(
            self.implies(self.low(inner), self.high(inner))
            for inner in self.inner_nodes(node)
        )

    def evaluate(self, node: int, value_of: Callable[[int], bool]) -> bool:
        """Return the value of `node` when variable `level` is `value_of(level)`."""
        while node > TRUE:
            node = self.high(node) if value_of(self.level(node)) else self.low(node)
        return node == TRUE
