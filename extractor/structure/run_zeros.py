"""Where the 0s of a subject table printed column by column (pdfminer.six) go, once its other
amounts are placed.

What it does: a printed 0 adds to no identity, so the placers set the 0s aside. `fill_blanks` puts
the 0s of a stream that prints every cell into the grid's blank cells, each in a column that
prints it between the amounts above and below it (the open cell whose window in the stream closes
first: it finds a placing whenever there is one). `place_zeros` puts the 0s of a stream that
leaves blank cells out: where one set of cells is left for them, or, all of them, in the 合计 row's
blank cells (a total that sums nothing is printed 0: those cells hold 0 whichever 0 went there).
What it does not: place amounts other than 0 (run_sparse.py), or guess among several sets of cells
(None: the caller declines the table).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

_MAX_ZERO_TRIES = 5_000  # steps of the search for the places of the 0s

Cell = Optional[Decimal]


def fill_blanks(blank: list[tuple[int, int]], zeros: list[int],
                 by_col: list[list[tuple[int, int]]]) -> Optional[list[tuple[int, int]]]:
    """Each 0 (in stream order) to a blank cell its column prints between the amounts above and
    below it: of the cells open to it, the one whose window in the stream closes first (the top row
    first), which finds a placing whenever there is one."""
    window = {}
    for c, r in blank:
        above = [q for q, row in by_col[c] if row < r]
        below = [q for q, row in by_col[c] if row > r]
        window[(c, r)] = (max(above, default=-1), min(below, default=1 << 30))
    out: list[tuple[int, int]] = []
    free = set(blank)
    for z in zeros:
        best = None
        for cell in free:
            lo, hi = window[cell]
            if lo < z < hi and (best is None or (hi, cell[1], cell[0]) < best[0]):
                best = ((hi, cell[1], cell[0]), cell)
        if best is None:
            return None
        out.append(best[1])
        free.discard(best[1])
    return out


def place_zeros(grid: list[list[Cell]], where: list[tuple[int, int]], positions: list[int], zeros: list[int],
                total_row: Optional[int]) -> Optional[list[tuple[int, int]]]:
    """The cell of each 0 of the stream, given the grid of the other amounts: `where[i]` is the cell
    of the amount at stream position `positions[i]`, `zeros` the stream positions of the 0s. A 0 goes
    to a blank cell of a column between that column's amounts printed before and after it. Returns
    the cells when one set of cells is left, or when all the 0s fill the blank cells of the 合计 row
    (a total that sums nothing is printed 0); else None."""
    if not zeros:
        return []
    k, rows = len(grid), len(grid[0]) if grid else 0
    by_col: list[list[tuple[int, int]]] = [[] for _ in range(k)]
    for (c, r), p in zip(where, positions):
        by_col[c].append((p, r))

    def bounds(c: int, p: int) -> tuple[int, int]:
        lo, hi = -1, rows
        for q, r in by_col[c]:
            if q < p:
                lo = max(lo, r)
            elif r < hi:
                hi = r
        return lo, hi

    def search(only_row: Optional[int], first_only: bool = False) -> tuple[str, Optional[list[tuple[int, int]]]]:
        """("none" | "one" | "many", the cells of the first placing found); with `first_only`, the
        search stops at the first placing."""
        sets: set = set()
        first: list[Optional[list[tuple[int, int]]]] = [None]
        nodes = [0]
        last = [-1] * k
        chosen: list[tuple[int, int]] = []
        taken: set = set()

        def walk(z: int) -> bool:
            nodes[0] += 1
            if nodes[0] > _MAX_ZERO_TRIES:
                return True
            if z == len(zeros):
                cells = frozenset(chosen)
                if cells not in sets:
                    sets.add(cells)
                    if first[0] is None:
                        first[0] = list(chosen)
                return first_only or len(sets) > 1
            for c in range(k):
                lo, hi = bounds(c, zeros[z])
                lo = max(lo, last[c])
                for r in range(lo + 1, hi):
                    if grid[c][r] is not None or (c, r) in taken or (only_row is not None and r != only_row):
                        continue
                    keep = last[c]
                    last[c] = r
                    taken.add((c, r))
                    chosen.append((c, r))
                    stop = walk(z + 1)
                    chosen.pop()
                    taken.discard((c, r))
                    last[c] = keep
                    if stop:
                        return True
            return False

        if walk(0) and not (first_only and first[0] is not None):
            return "many", None  # two sets of cells, or too many to search
        return ("one", first[0]) if sets else ("none", None)

    blank = [(c, r) for c in range(k) for r in range(rows) if grid[c][r] is None]
    if len(blank) == len(zeros):  # every cell printed: the 0s fill the blank cells, in an order that fits
        return fill_blanks(blank, zeros, by_col)
    found, cells = search(None)
    if found != "many":
        return cells  # (None where no cell can take them: the stream is not this grid's)
    if total_row is None or sum(1 for c in range(k) if grid[c][total_row] is None) != len(zeros):
        return None
    found, cells = search(total_row)
    return cells if found == "one" else None
