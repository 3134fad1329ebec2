"""How a segment's amounts split into its rows, for the `segment-runs` reader: the amounts of k rows,
printed in blocks of consecutive rows, each block column by column (a block of one row is that row's
cells left to right), blank cells absent.

What it does: a block of b rows prints its 合计 column's b amounts (every row prints its total), then
each further column's printed cells in row order. The header's identities (total = sum of parts,
part <= whole; a blank cell is 0) check every reading: a column that closes an identity (its last
column) is not guessed but follows from the others (its cell is the residual: blank where that is 0,
else the next amount, which must match it); the other columns try each row printed or blank, a part
never above its row's total when all amounts are >= 0. `one_reading` tries every split of the
segment into blocks and returns each row's amount indices where exactly one reading places every
row (readings that give each row the same amounts count once: the columns are then `placings`'
business), else None.

What it does not: read a segment whose readings take more than `BUDGET` steps to count (it is not
proven one), or a block whose total column leaves a row blank (a row with no amounts at all).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations
from typing import Optional, Sequence

from .run_placer import close

BUDGET = 300_000  # reading steps per segment


@dataclass(frozen=True)
class Layout:
    """The columns the header names, and its identities as (total, parts) and (part, whole) column
    indices: total = sum(parts); part <= whole. `subjects`: the text columns between the row's
    subject and its amounts (a second and third classification printed on the row)."""
    labels: tuple[str, ...]
    sums: tuple[tuple[int, tuple[int, ...]], ...]
    bounds: tuple[tuple[int, int], ...] = ()
    subjects: tuple[str, ...] = ()


def placings(values: Sequence[Decimal], layout: Layout) -> list[tuple[int, ...]]:
    """Every placing of the run's amounts in the layout's columns, in their order, that keeps its
    identities (blank cells 0)."""
    n = len(layout.labels)
    out = []
    for cols in combinations(range(n), len(values)):
        grid = [Decimal(0)] * n
        for c, v in zip(cols, values):
            grid[c] = v
        if keeps(grid, layout):
            out.append(cols)
    return out


def keeps(grid: Sequence[Decimal], layout: Layout) -> bool:
    return all(close(grid[t], sum((grid[p] for p in parts), Decimal(0)), len(parts) + 1)
               for t, parts in layout.sums) and all(grid[p] <= grid[w] for p, w in layout.bounds)


class TooMany(Exception):
    """More steps than `BUDGET`: the segment is not read (its reading is not proven one)."""


Reading = list[tuple[int, ...]]  # each row's amount indices


_STARTS = 5000  # column start choices a block may take: blocks of more rows are not tried


def max_block(layout: Layout) -> int:
    """The most rows a block is tried with: (rows + 1) ** (columns - 1) start choices at most `_STARTS`."""
    b = 1
    while (b + 2) ** (len(layout.labels) - 1) <= _STARTS:
        b += 1
    return b


class _Blocks:
    """The readings of b rows printed column by column from one amount on: each column's first amount
    is chosen (column 0 holds b amounts, each other one 0 to b), then the rows are read one by one,
    each taking its total and the next amount of any further columns, so that the row keeps the
    identities; every column must end where the next one starts."""

    def __init__(self, values: Sequence[Decimal], layout: Layout, spent: list[int]) -> None:
        self.values, self.layout, self.spent = values, layout, spent
        self.width = len(layout.labels)
        rest = range(1, self.width)
        self.choices = [cols for m in range(self.width) for cols in combinations(rest, m)]

    def tick(self) -> None:
        self.spent[0] += 1
        if self.spent[0] > BUDGET:
            raise TooMany

    def read(self, j: int, b: int) -> list[tuple[int, Reading]]:
        """(the next amount's index, the reading) for each reading of b rows from values[j]."""
        n = len(self.values)
        out: list[tuple[int, Reading]] = []
        if j + b > n:
            return out
        starts = [j]

        def choose(c: int) -> None:
            if c == self.width:
                self._rows(starts, b, 0, list(starts), [], out)
                return
            lo = starts[-1] + (b if c == 1 else 0)
            for s in range(lo, min(n, lo + b) + 1):
                self.tick()
                starts.append(s)
                choose(c + 1)
                starts.pop()

        choose(1)
        return out

    def _rows(self, starts: list[int], b: int, r: int, ptr: list[int], got: Reading,
              out: list[tuple[int, Reading]]) -> None:
        self.tick()
        w, n = self.width, len(self.values)
        if r == b:
            if all(ptr[c] == starts[c + 1] for c in range(w - 1)):
                item = (ptr[w - 1], list(got))
                if item not in out:
                    out.append(item)
            return
        if ptr[0] >= starts[1] if w > 1 else ptr[0] >= n:
            return
        for cols in self.choices:
            limit_ok = all(ptr[c] < (starts[c + 1] if c + 1 < w else n) for c in cols)
            if not limit_ok:
                continue
            grid = [Decimal(0)] * w
            grid[0] = self.values[ptr[0]]
            for c in cols:
                grid[c] = self.values[ptr[c]]
            if not keeps(grid, self.layout):
                continue
            taken = (0,) + cols
            for c in taken:
                ptr[c] += 1
            got.append(tuple(sorted(ptr[c] - 1 for c in taken)))
            self._rows(starts, b, r + 1, ptr, got, out)
            got.pop()
            for c in taken:
                ptr[c] -= 1


class _ColumnBlocks(_Blocks):
    """The same readings counted column by column: a column that closes an identity (its last
    column) follows from the others (its cell the residual: blank where that is 0, else the next
    amount, which must match it); each other column tries every row printed or blank, a part never
    above its row's total when all amounts are >= 0. Cheaper where the layout has many columns."""

    def __init__(self, values: Sequence[Decimal], layout: Layout, spent: list[int]) -> None:
        super().__init__(values, layout, spent)
        self.forced = {max(t, *parts): (t, parts) for t, parts in layout.sums}
        self.nonneg = all(v >= 0 for v in values)

    def read(self, j: int, b: int) -> list[tuple[int, Reading]]:
        if j + b > len(self.values):
            return []
        self.grid: list[list[Optional[int]]] = [[None] * self.width for _ in range(b)]
        self.out: list[tuple[int, Reading]] = []
        self.b = b
        for r in range(b):
            self.grid[r][0] = j + r
        if self._done(0):
            self._column(1, j + b)
        return self.out

    def _val(self, r: int, c: int) -> Decimal:
        k = self.grid[r][c]
        return self.values[k] if k is not None else Decimal(0)

    def _done(self, c: int) -> bool:
        """The identities and bounds that column c completes hold in every row."""
        for t, parts in self.layout.sums:
            if max(t, *parts) == c:
                for r in range(self.b):
                    if not close(self._val(r, t), sum((self._val(r, p) for p in parts), Decimal(0)), len(parts) + 1):
                        return False
        for p, w in self.layout.bounds:
            if max(p, w) == c and any(self._val(r, p) > self._val(r, w) for r in range(self.b)):
                return False
        return True

    def _fits(self, r: int, c: int, v: Decimal) -> bool:
        if not self.nonneg:
            return True
        for t, parts in self.layout.sums:
            if c in parts and t < c:
                got = sum((self._val(r, p) for p in parts if p < c), Decimal(0)) + v
                if got > self._val(r, t) and not close(got, self._val(r, t), len(parts) + 1):
                    return False
        return all(v <= self._val(r, w) for p, w in self.layout.bounds if p == c and w < c)

    def _column(self, c: int, k: int) -> None:
        self.tick()
        if c == self.width:
            item = (k, [tuple(sorted(i for i in row if i is not None)) for row in self.grid])
            if item not in self.out:
                self.out.append(item)
            return
        if c in self.forced:
            self._residual(c, k)
        else:
            self._cells(c, 0, k)

    def _residual(self, c: int, k: int) -> None:
        t, parts = self.forced[c]
        for r in range(self.b):
            if c == t:
                want = sum((self._val(r, p) for p in parts), Decimal(0))
            else:
                want = self._val(r, t) - sum((self._val(r, p) for p in parts if p != c), Decimal(0))
            if close(want, Decimal(0), len(parts) + 1):
                continue
            if k < len(self.values) and close(self.values[k], want, len(parts) + 1):
                self.grid[r][c] = k
                k += 1
            else:
                break
        else:
            if self._done(c):
                self._column(c + 1, k)
        for r in range(self.b):
            self.grid[r][c] = None

    def _cells(self, c: int, r: int, k: int) -> None:
        self.tick()
        if r == self.b:
            if self._done(c):
                self._column(c + 1, k)
            return
        self._cells(c, r + 1, k)
        if k < len(self.values) and self._fits(r, c, self.values[k]):
            self.grid[r][c] = k
            self._cells(c, r + 1, k + 1)
            self.grid[r][c] = None


_FEW = 3  # columns at most for which blocks are counted by their columns' first amounts


def one_reading(values: Sequence[Decimal], rows: int, layout: Layout) -> Optional[Reading]:
    """Each row's amount indices in the one reading of the segment, its rows printed in blocks of
    consecutive rows, each block column by column, that places every row; None where no reading or
    more than one does (or counting them takes more than `BUDGET` steps)."""
    try:
        found = _readings(values, rows, layout)
    except TooMany:
        return None
    return found[0] if len(found) == 1 else None


def _readings(values: Sequence[Decimal], rows: int, layout: Layout) -> list[Reading]:
    """Up to two readings of the whole segment that give some row different amounts (readings that
    differ only in which of two equal amounts a row takes count once)."""
    blocks = (_Blocks if len(layout.labels) <= _FEW else _ColumnBlocks)(values, layout, [0])
    read: dict[tuple[int, int], list[tuple[int, Reading]]] = {}

    def block_readings(j: int, b: int) -> list[tuple[int, Reading]]:
        if (j, b) not in read:
            read[(j, b)] = blocks.read(j, b)
        return read[(j, b)]
    memo: dict[tuple[int, int], list[Reading]] = {}
    n = len(values)

    def amounts(reading: Reading) -> list[tuple[Decimal, ...]]:
        return [tuple(values[k] for k in row) for row in reading]

    def suffix(r: int, j: int) -> list[Reading]:
        if r == rows:
            return [[]] if j == n else []
        key = (r, j)
        if key in memo:
            return memo[key]
        out: list[Reading] = []
        for b in range(1, min(rows - r, max_block(layout)) + 1):
            if n - j < rows - r:
                break
            for end, block in block_readings(j, b):
                if n - end > (rows - r - b) * len(layout.labels):
                    continue
                for rest in suffix(r + b, end):
                    reading = block + rest
                    if all(amounts(reading) != amounts(o) for o in out):
                        out.append(reading)
                    if len(out) > 1:
                        memo[key] = out
                        return out
        memo[key] = out
        return out

    return suffix(0, 0)
