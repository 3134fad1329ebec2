"""Placing the amounts of a subject table whose cell stream runs row by row, blank cells absent
(pdfminer.six prints many tables so: each row's printed cells in turn, left to right).

What it does: `solve_rows` reads the stream as the rows in order, each row its total (the first
column, printed on every row) and then its printed parts left to right: a row's parts are the
amounts after its total up to where they add up to it (a 0 after them is the row's too: a row's
total is never 0 here; a row that prints a 0 must print every cell, else the 0 may be another row's
that the converter moved), so the stream cuts into rows one way only, and it must cut into exactly
the table's rows. Which part column each part stands in is then searched (the parts of a row keep
their left-to-right order) under the identities: parent = Σ children in every column (合计 row = Σ
the top rows), a blank cell of a parent leaving its children blank there (a printed 0 too). The placement is returned only
when exactly one grid is left; it is then certain in its columns too (the row order says which part
comes first).
What it does not: read a stream that does not cut into the rows so (a column printed in a run of
its own, a row whose parts do not add up to its total, a total of 0 or a negative amount), leave a
choice between grids (None), or read labels (column_runs.py does, and tries this placing only where
the column-wise placers leave no single grid).
"""
from __future__ import annotations

from decimal import Decimal
from itertools import combinations
from typing import Optional

from .run_placer import TOLERANCE, Shape, close

_MAX_STEPS = 20_000  # rows tried in the column search
_ZERO = Decimal(0)


def _cut(values: list[Decimal], rows: int, k: int) -> Optional[list[tuple[int, list[int]]]]:
    """(the total's index, its parts' indices) per row, when the stream cuts into `rows` rows."""
    out: list[tuple[int, list[int]]] = []
    p, n = 0, len(values)
    for _ in range(rows):
        if p >= n or values[p] <= 0:
            return None
        total, got, parts = values[p], _ZERO, []
        q = p + 1
        while q < n and got < total - TOLERANCE * max(1, len(parts)):
            if values[q] < 0:
                return None
            got += values[q]
            parts.append(q)
            q += 1
        if not parts or not close(total, got, len(parts) + 1):
            return None
        while q < n and values[q] == 0:
            parts.append(q)  # a 0 after the parts: one of the row's cells to their right
            q += 1
        if len(parts) > k - 1 or (len(parts) < k - 1 and any(values[x] == 0 for x in parts)):
            return None  # (a row that prints a 0 prints every cell: else the 0 may be another row's)
        out.append((p, parts))
        p = q
    return out if p == n else None


def solve_rows(shape: Shape, values: list[Decimal], k: int) -> Optional[list[list[Optional[int]]]]:
    """Per column, the index in `values` of each row's amount (None: blank), when the stream reads
    row by row into one grid only."""
    rows = len(shape.codes)
    if k < 2 or rows == 0:
        return None
    cut = _cut(values, rows, k)
    if cut is None:
        return None
    grid: list[list[Optional[int]]] = [[None] * rows for _ in range(k)]
    for r, (p, _) in enumerate(cut):
        grid[0][r] = p
    groups = list(shape.children.items())
    found: list[tuple] = []
    steps = [0]

    def amount(c: int, r: int) -> Decimal:
        at = grid[c][r]
        return values[at] if at is not None else _ZERO

    def fits(r: int) -> bool:
        """The identities of the groups whose parent is placed (rows 0..r are), over the children
        placed so far: all of them add up to the parent, some of them stay within it."""
        for parent, kids in groups:
            placed = [x for x in kids if x <= r]
            if parent > r or not placed or (r != parent and r not in kids):
                continue
            for c in range(1, k):
                if grid[c][parent] is None and any(grid[c][x] is not None for x in placed):
                    return False  # a cell printed (a 0 too) under a parent's blank cell
                got = sum((amount(c, x) for x in placed), _ZERO)
                top = amount(c, parent)
                if len(placed) == len(kids):
                    if not close(top, got, len(kids)):
                        return False
                elif got > top + TOLERANCE * len(placed):
                    return False
        return True

    def walk(r: int) -> bool:
        steps[0] += 1
        if steps[0] > _MAX_STEPS:
            return True
        if r == rows:
            found.append(tuple(tuple(amount(c, x) if grid[c][x] is not None else None for x in range(rows))
                               for c in range(k)))
            return len(found) > 1
        parts = cut[r][1]
        for cols in combinations(range(1, k), len(parts)):
            for c, at in zip(cols, parts):
                grid[c][r] = at
            stop = fits(r) and walk(r + 1)
            for c in cols:
                grid[c][r] = None
            if stop:
                return True
        return False

    if walk(0) or len(found) != 1:
        return None  # two grids, or the search ran too long
    answer = found[0]  # (the walk left the part columns blank): each amount's index, placed again
    for r, (_, parts) in enumerate(cut):
        wanted = [c for c in range(1, k) if answer[c][r] is not None]
        for c, at in zip(wanted, parts):
            grid[c][r] = at
    return grid
