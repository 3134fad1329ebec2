"""Placing the amounts of a subject table that prints every cell row by row when the table's own
sums do not all hold (an error in the printed report), so that no placer finds a grid.

What it does: `as_printed(codes, values, k)` reads a stream of exactly k amounts per row (the 合计
row's too, where the table prints one) as the rows in printed order, each row's amounts left to
right — the order pdftotext without `-layout` keeps for a ruled table's amounts while it prints
the labels apart. It is taken only where the stream itself says it runs so: the row identity (the
first column = Σ the others) holds on most rows (a stream printed column by column gives rows
whose sums fail), and the 合计 row is the first or the last k amounts (its first amount the largest
of the first column). The identities then name the cells the reading cannot vouch for: every cell
of a row whose row identity fails, and every cell of a column's parent = Σ children (the 合计 row
= Σ the top rows) that fails, parent and children alike. Those go to review with the amount
printed there; the other cells are read as printed.
What it does not: read a stream whose sums all hold (the placers of run_placer.py and its kin read
those, or leave them in doubt for their own reasons), a stream with blank cells left out, or a
column set with a group's own 小计 (two row identities); it never moves an amount to make a sum hold.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional, Sequence

from .run_placer import Shape, close

_MIN_ROWS_HOLDING = 0.8  # share of the rows whose row identity must hold: the stream runs row by row
_MIN_ROWS = 3  # rows (the 合计 row included) a reading as printed needs


def as_printed(codes: Sequence[str], values: Sequence[Decimal], k: int, total: bool
               ) -> Optional[tuple[Optional[str], list[list[int]], set[tuple[int, int]]]]:
    """The reading of `values` as the rows printed in turn: where the 合计 row is ("first", "last",
    or None where the table prints none: `total` False), each column's index into `values` per row
    (the 合计 row at its place), and the (column, row) cells whose identities fail. None where the
    stream is not k amounts per row, the 合计 row's place is not clear, the row identity fails on
    too many rows, or every identity holds."""
    n = len(codes) + (1 if total else 0)
    if k < 2 or n < _MIN_ROWS or len(values) != k * n:
        return None
    rows = [list(values[r * k:(r + 1) * k]) for r in range(n)]
    where: Optional[str] = None
    if total:
        firsts = [row[0] for row in rows]
        top = max(firsts)
        if firsts.count(top) != 1:
            return None
        where = "first" if firsts[0] == top else "last" if firsts[-1] == top else None
        if where is None:
            return None
    shape_codes: list[Optional[str]] = list(codes)
    if where == "first":
        shape_codes = [None] + shape_codes
    elif where == "last":
        shape_codes = shape_codes + [None]
    shape = Shape(shape_codes)
    failing_rows = {r for r, row in enumerate(rows) if not close(row[0], sum(row[1:], Decimal(0)), k - 1)}
    if len(failing_rows) > (1 - _MIN_ROWS_HOLDING) * n:
        return None
    doubt = {(c, r) for r in failing_rows for c in range(k)}
    for parent, kids in shape.children.items():
        for c in range(k):
            if not close(rows[parent][c], sum((rows[x][c] for x in kids), Decimal(0)), len(kids)):
                doubt.update((c, x) for x in [parent] + kids)
    if not doubt:
        return None
    cells = [[r * k + c for r in range(n)] for c in range(k)]
    return where, cells, doubt
