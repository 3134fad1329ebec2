"""Placing the amounts of a subject table printed column by column (pdfminer.six) into its grid,
by the accounting identities: what the placers share, and the placer of a stream that prints every
cell.

What it does: `Shape` holds what the identities are checked on (the rows' codes, the 合计 row's
place); `close` compares a sum with its parts within the rounding of printed amounts;
`new_reading` tells a grid from those found before, grids that differ only in which part column is
which counting as one (part columns play the same part in every identity: the caller marks that
guess). `solve_full` places a stream that prints every cell, 0s included: the columns read
top-down and interleaved in runs (pdfminer prints a column in one or several boxes, or a row's
cells in turn); every interleaving whose grid keeps the identities (合计 = Σ the other columns on
every row, parent = Σ children in every column, 合计 row = Σ the top rows) is searched, and the
grid is returned only when it is the one left.
What it does not: place a stream that leaves blank cells out (run_sparse.py), put its 0s
(run_zeros.py), read labels or build cells (column_runs.py), or take a grid when two are left or
the search runs past its budget (None: the caller declines the table).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from ..evidence.numbers import CENT_PER_PART

_MAX_TRIES = 5_000  # steps of the interleaving search before it is given up
_MAX_TRIES_ZERO_TAIL = 20_000  # the same for the search left once the zero columns are set
_MAX_DEPTH = 400  # amounts the walk may go down (two calls deep each): more is no one table's
TOLERANCE = CENT_PER_PART  # per added part (evidence/numbers.py)


def _canonical(grid: tuple) -> tuple:
    """A grid with its part columns in a fixed order: grids that differ only in which part column is
    which are one reading (the caller marks the part columns as a guess)."""
    def key(col: tuple) -> tuple:
        return tuple((v is None, v if v is not None else 0) for v in col)
    return tuple(grid[0]), tuple(sorted((tuple(col) for col in grid[1:]), key=key))


def new_reading(found: list, grid: tuple) -> bool:
    """`grid` is no grid of `found`, nor one with the part columns swapped."""
    want = _canonical(grid)
    return all(g is not None and _canonical(g) != want for g in found) or not found


def close(a: Decimal, b: Decimal, parts: int) -> bool:
    return abs(a - b) <= TOLERANCE * max(1, parts - 1)


@dataclass
class Shape:
    """What the identities are checked on: the rows' codes (None for the 合计 row, first)."""
    codes: list[Optional[str]]

    def __post_init__(self) -> None:
        n = len(self.codes)
        self.children: dict[int, list[int]] = {}
        for k, code in enumerate(self.codes):
            if code is None:
                continue
            kids = [c for c, child in enumerate(self.codes)
                    if child is not None and len(child) == len(code) + 2 and child.startswith(code)]
            if kids:
                self.children[k] = kids
        top = min((len(c) for c in self.codes if c is not None), default=0)
        if None in self.codes:
            self.children[self.codes.index(None)] = [k for k, c in enumerate(self.codes)
                                                     if c is not None and len(c) == top]
        self.closes: list[list[int]] = [[] for _ in range(n)]  # parents checked once row r is placed
        self.parents: list[list[int]] = [[] for _ in range(n)]  # the parents of row r
        for parent, kids in self.children.items():
            self.closes[max(max(kids), parent)].append(parent)
            for k in kids:
                self.parents[k].append(parent)


class FullPlacer:
    """Places the amounts of a column-run stream into columns: the stream is the columns' cells,
    each column read top-down, interleaved in runs (pdfminer prints a column in one or several
    boxes). Every interleaving whose grid keeps the identities is tried; the placement is taken only
    when all of them give one grid. Part columns in the same state are interchangeable for the
    identities, so only the first of them is tried (the part columns keep the order the stream
    first reaches them: a guess the caller marks)."""

    def __init__(self, shape: Shape, stream: list[Decimal], start: list[list[Decimal]], tries: int = _MAX_TRIES):
        self.tries = tries
        self.shape, self.stream, self.rows = shape, stream, len(shape.codes)
        self.grid = [list(col) for col in start]
        self.memo: dict = {}  # _summary -> (whether it led to a grid, the past it was reached with)
        self.completions = 0
        self.found: list[tuple] = []
        self.path: list[int] = []  # the column each stream amount went to, on the current walk
        self.paths: list[tuple[int, ...]] = []  # the walk of each grid found
        self.nodes = 0
        self.nonnegative = all(v >= 0 for v in stream) and all(v >= 0 for col in start for v in col)
        # uniform[p]: the stream from p on is one amount repeated
        self.uniform = [False] * (len(stream) + 1)
        for p in range(len(stream) - 1, -1, -1):
            self.uniform[p] = p == len(stream) - 1 or (self.uniform[p + 1] and stream[p] == stream[p + 1])

    def solve(self) -> Optional[tuple[list[list[Decimal]], tuple[int, ...]]]:
        """The one grid the identities allow and the column of each stream amount, else None (none,
        several, or too many tries)."""
        if not self._walk(0) and len(self.found) == 1 and self.found[0] is not None:
            return [list(col) for col in self.found[0]], self.paths[0]
        return None

    def _fits(self, c: int, r: int) -> bool:
        g = self.grid
        if all(len(col) > r for col in g) and len(g) > 1:
            parts = [col[r] for col in g[1:]]
            if not close(g[0][r], sum(parts), len(parts)):
                return False
        elif self.nonnegative and len(g[0]) > r and len(g) > 1:
            # amounts that are never negative: the parts placed so far cannot pass their 合计
            parts = [col[r] for col in g[1:] if len(col) > r]
            if sum(parts) > g[0][r] + TOLERANCE * len(parts):
                return False
        col = g[c]
        for parent in self.shape.closes[r]:
            kids = self.shape.children[parent]
            if not close(col[parent], sum(col[k] for k in kids), len(kids)):
                return False
        if self.nonnegative:
            for parent in self.shape.parents[r]:
                if len(col) > parent:
                    placed = [col[k] for k in self.shape.children[parent] if len(col) > k]
                    if sum(placed) > col[parent] + TOLERANCE * len(placed):
                        return False
        return True

    def _fill(self, pos: int) -> bool:
        """The rest of the stream is one amount repeated (the zero columns printed last): the one
        way to place it is to fill every column to the bottom."""
        added: list[int] = []
        ok = True
        for r in range(self.rows):
            for c, col in enumerate(self.grid):
                if len(col) == r:
                    col.append(self.stream[pos])
                    added.append(c)
                    if not self._fits(c, r):
                        ok = False
        if ok and len(added) == len(self.stream) - pos:
            self.completions += 1
            grid = tuple(tuple(col) for col in self.grid)
            if new_reading(self.found, grid):
                self.found.append(grid)
                self.paths.append(tuple(self.path) + tuple(sorted(added)))
        for c in added:
            self.grid[c].pop()
        return len(self.found) > 1

    def _walk(self, pos: int) -> bool:
        """Depth-first over the interleavings; True when the search must stop (two grids found,
        or too many tries)."""
        self.nodes += 1
        if self.nodes > self.tries:
            return True
        past = tuple(tuple(col) for col in self.grid)
        if pos == len(self.stream):
            if all(len(col) == self.rows for col in self.grid):
                self.completions += 1
                if new_reading(self.found, past):
                    self.found.append(past)
                    self.paths.append(tuple(self.path))
            return len(self.found) > 1
        key = self._summary(pos)
        if key in self.memo:
            feasible, seen_past = self.memo[key]
            if feasible and seen_past != past:
                self.found.append(None)  # another past, the same future: a second grid
                return True
            return False
        done = self.completions
        stop = self._fill(pos) if self.uniform[pos] else self._branch(pos)
        self.memo[key] = (self.completions > done, past)
        return stop

    def _room(self, r: int) -> bool:
        """Row r's total (when placed) is not yet reached by its placed parts."""
        if self.ptr[0] <= r:
            return True
        parts = sum((self._value(c, r) for c in range(1, self.k) if self.ptr[c] > r), Decimal(0))
        return self._value(0, r) - parts > TOLERANCE * (self.k - 1)

    def _can_take(self, c: int, r: int) -> bool:
        """Column c may still print an amount on row r: the row is below its last amount and every
        row above it in the tree is printed in c, or not yet placed there and has room left."""
        if self.ptr[c] > r:
            return False
        for a in self.ancestors[r]:
            if self.ptr[c] > a:
                if self.grid[c][a] is None:
                    return False
            elif not self._room(a):
                return False
        return True

    def _coverable(self) -> bool:
        """Every row whose total is placed and not yet reached has a part column that can still
        print on it (a blank cell of a row whose total has room would leave the row short)."""
        low = min(self.ptr[1:])
        for r in range(low, self.ptr[0]):
            if self._room(r) and not any(self._can_take(c, r) for c in range(1, self.k)):
                return False
        return True

    def _needs_met(self, pos: int) -> bool:
        """A parent printed in a column with one child cell left there, or a row whose total has
        room with one column left to print on it: that cell's amount is the difference, and the
        rest of the stream must hold it."""
        needs: list[Decimal] = []
        for c in range(self.k):
            for parent, kids in self.groups:
                if self.ptr[c] <= parent or self.grid[c][parent] is None:
                    continue
                left = [x for x in kids if x >= self.ptr[c]]
                if len(left) == 1:
                    need = self.grid[c][parent] - sum((self._value(c, x) for x in kids if x < self.ptr[c]), Decimal(0))
                    if need > TOLERANCE * len(kids):
                        needs.append(need)
        for r in range(min(self.ptr[1:]), self.ptr[0]):
            if self._room(r):
                takers = [c for c in range(1, self.k) if self._can_take(c, r)]
                if len(takers) == 1:
                    parts = sum((self._value(c, r) for c in range(1, self.k) if self.ptr[c] > r), Decimal(0))
                    needs.append(self._value(0, r) - parts)
        if not needs:
            return True
        ahead = self.ahead[pos]
        tol = TOLERANCE * self.k
        return all(any(abs(v - need) <= tol for v in ahead) for need in needs)

    def _totals_reachable(self, pos: int) -> bool:
        """The total column's rows not yet placed can still be found in the rest of the stream, in
        order, each at least the sum of its row's placed parts (equal to it once no part column can
        print on the row any more)."""
        q, n = pos, len(self.stream)
        for r in range(self.ptr[0], self.rows):
            known = [c for c in range(1, self.k) if self.ptr[c] > r]
            low = sum((self._value(c, r) for c in known), Decimal(0))
            exact = len(known) == self.k - 1
            while q < n:
                v = self.stream[q]
                q += 1
                if (close(v, low, self.k - 1) if exact else v + TOLERANCE * len(known) >= low):
                    break
            else:
                return False
        return True

    def _summary(self, pos: int) -> tuple:
        """All that the placing of stream[pos:] depends on: each column's rows from the lowest row
        not yet in every column, and per parent row the sum still open (parent minus the children
        placed, or the children placed while the parent is not)."""
        low = min(len(col) for col in self.grid)
        per_col = []
        for col in self.grid:
            open_sums = []
            for parent, kids in self.shape.children.items():
                placed = [k for k in kids if k < len(col)]
                if len(placed) == len(kids) and parent < len(col):
                    continue  # checked
                if parent < low and not placed:
                    open_sums.append((parent, col[parent]))
                elif parent < len(col):
                    open_sums.append((parent, col[parent] - sum(col[k] for k in placed)))
                elif placed:
                    open_sums.append((parent, None, sum(col[k] for k in placed)))
            per_col.append((len(col), tuple(col[low:]), tuple(open_sums)))
        last = self.path[-1] if self.path else -1  # equal amounts in a row go to columns in order
        return pos, last, tuple(per_col)

    def _branch(self, pos: int) -> bool:
        tried: set = set()
        run = pos > 0 and self.stream[pos] == self.stream[pos - 1]
        for c, col in enumerate(self.grid):
            if len(col) >= self.rows or (run and c < self.path[-1]):
                continue  # (equal amounts in a row: their order among the columns gives no new grid)
            if c > 0:
                state = tuple(col)
                if state in tried:
                    continue  # a part column in the same state as one tried: the same grids
                tried.add(state)
            col.append(self.stream[pos])
            self.path.append(c)
            stop = self._fits(c, len(col) - 1) and self._walk(pos + 1)
            self.path.pop()
            col.pop()
            if stop:
                return True
        return False


def solve_full(shape: Shape, stream: list[Decimal], k: int) -> Optional[tuple[list[list[Decimal]], tuple[int, ...]]]:
    """Place a stream that prints every cell of k columns. When the search is too wide (columns of
    zeros printed last keep the rows open until the end), it is tried once more with the run of one
    amount that ends the stream taken as the last whole columns (the columns the stream reaches last)."""
    if len(stream) > _MAX_DEPTH:
        return None  # (the walk goes down one call pair per amount)
    placer = FullPlacer(shape, stream, [[] for _ in range(k)])
    solved = placer.solve()
    if solved is not None or placer.nodes <= placer.tries:
        return solved
    rows = len(shape.codes)
    tail = 0
    while tail < len(stream) and stream[-1 - tail] == stream[-1]:
        tail += 1
    m = tail // rows
    if not 1 <= m < k - 1:
        return None
    kept = len(stream) - m * rows
    start = [[] for _ in range(k - m)] + [[stream[-1]] * rows for _ in range(m)]
    solved = FullPlacer(shape, stream[:kept], start, _MAX_TRIES_ZERO_TAIL).solve()
    if solved is None:
        return None
    return solved[0], solved[1] + tuple(c for c in range(k - m, k) for _ in range(rows))
