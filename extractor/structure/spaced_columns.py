"""Which printed column each amount of a space-separated table row belongs to.

What it does: a PDF text extractor prints a table row as `code name amount amount …` with blank
cells simply absent, so a row with fewer amounts than the table has columns does not say where its
amounts stand. `place_rows` decides it, in this order of evidence:
1. the row prints every column: in order;
2. the text kept character positions (`pdftotext -layout`, pdfplumber `layout=True`): each amount
   goes to the column whose right edge (taken from the rows that print every column) is nearest,
   when that is unambiguous;
3. the accounting identities: 合计 = Σ the other columns of the row (when the first column is a
   total; a set with a subtotal column: 合计 = 小计 + the columns beside the group, 小计 = Σ its group), a parent row = Σ its children per column, the 合计 row = Σ the 类 rows, and a column
   whose 合计 is 0 holds no amount; every placement consistent with them is enumerated (with a
   bounded search) and a row is placed when all consistent solutions agree on it.
A row printed over two lines, each with some of its amounts (pdfplumber prints a row whose cells
stand at different heights as its name with some amounts, then its code with the others: `split`,
the number of amounts from the first line), keeps each line's amounts in column order, but how the
two lines interleave is not printed: its placements are every interleaving's, taken by evidence 3
only (a row printing every column is placed by its identity, not in printed order).
A row still not placed gets the left-most placement its row identity allows and is marked doubtful,
so its amounts go to review.
What it does not: read lines or name columns (spaced_rows.py), or check the sums afterwards
(validate/ does, on the built table).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations
from typing import Optional

from ..evidence.numbers import CENT_PER_PART
from ..evidence.numbers import parse_amount

_SEARCH_BUDGET = 200_000  # nodes of the identity search per parent group
_EDGE_TOLERANCE = 2  # characters an amount's right edge may stray from its column's
_SUM_TOLERANCE = CENT_PER_PART  # per added part (evidence/numbers.py)


@dataclass
class Amount:
    text: str
    start: int
    end: int  # character positions in the printed line
    printed: Optional[str] = None  # as printed, where a wrapped amount was joined (spaced_wraps.py)

    @property
    def value(self) -> Decimal:
        v, _ = parse_amount(self.text)
        return Decimal(str(v)) if v is not None else Decimal(0)


@dataclass
class RowAmounts:
    """A data row's amounts and, once placed, the column of each (`cols`); `doubt` says why a
    placement is not certain (None when it is)."""

    code: Optional[str]
    total: bool  # the 合计 / 总计 row
    amounts: list[Amount]
    cols: Optional[tuple[int, ...]] = None
    doubt: Optional[str] = None
    unsure: set[int] = field(default_factory=set)  # indexes of the amounts whose column is in doubt
    candidates: list[tuple[int, ...]] = field(default_factory=list)
    split: Optional[int] = None  # printed over two lines: how many amounts the first line holds


def right_edges(rows: list[RowAmounts], n: int) -> Optional[list[float]]:
    """Column right edges from the rows that print every column, when those agree (layout text)."""
    full = [r for r in rows if len(r.amounts) == n and r.split is None]
    if not full:
        return None
    edges = []
    for c in range(n):
        ends = sorted(r.amounts[c].end for r in full)
        if ends[-1] - ends[0] > 2 * _EDGE_TOLERANCE:
            return None
        edges.append(ends[len(ends) // 2])
    if any(b - a < 2 * _EDGE_TOLERANCE + 1 for a, b in zip(edges, edges[1:])):
        return None  # columns too close together to tell apart
    return edges


def _by_position(row: RowAmounts, edges: list[float]) -> Optional[tuple[int, ...]]:
    cols = []
    for a in row.amounts:
        dist = sorted((abs(a.end - e), c) for c, e in enumerate(edges))
        if dist[0][0] > _EDGE_TOLERANCE:
            return None
        cols.append(dist[0][1])
    if any(b <= a for a, b in zip(cols, cols[1:])):
        return None
    return tuple(cols)


def _vector(row: RowAmounts, cols: tuple[int, ...], n: int) -> list[Decimal]:
    v = [Decimal(0)] * n
    for a, c in zip(row.amounts, cols):
        v[c] = a.value
    return v


def _close(a: Decimal, b: Decimal, parts: int) -> bool:
    return abs(a - b) <= _SUM_TOLERANCE * max(parts, 1)


Identity = tuple[int, tuple[int, ...]]  # a column that is the sum of these columns


def row_identities(first_is_total: bool, n: int) -> list[Identity]:
    """The row identity of a table whose first column is (or is not) the total of the others."""
    return [(0, tuple(range(1, n)))] if first_is_total and n > 1 else []


def _orders(row: RowAmounts) -> list[tuple[int, ...]]:
    """The column orders the row's amounts may stand in (indexes into `amounts`, left to right): as
    printed, or for a row printed over two lines every interleaving of its two lines' amounts."""
    k = len(row.amounts)
    if row.split is None or not 0 < row.split < k:
        return [tuple(range(k))]
    out = []
    for firsts in combinations(range(k), row.split):  # the slots the first line's amounts take
        it1, it2 = iter(range(row.split)), iter(range(row.split, k))
        chosen = set(firsts)
        out.append(tuple(next(it1) if s in chosen else next(it2) for s in range(k)))
    return out


def _candidates(row: RowAmounts, n: int, identities: list[Identity], zero_cols: set[int]) -> list[tuple[int, ...]]:
    """The placements (the column of each amount, in the order of `amounts`) the row's identities
    and the zero columns allow; placements putting the same printed amounts in the same columns (a
    split row's two equal amounts swapped) count once."""
    out = []
    seen: set[tuple[tuple[int, str], ...]] = set()
    orders = _orders(row)
    for slots in combinations(range(n), len(row.amounts)):
        for order in orders:
            cols = [0] * len(order)
            for slot, k in zip(slots, order):
                cols[k] = slot
            placement = tuple(cols)
            if any(c in zero_cols and a.value != 0 for a, c in zip(row.amounts, placement)):
                continue
            v = _vector(row, placement, n)
            if identities and not all(
                    _close(v[t], sum((v[c] for c in parts), Decimal(0)), len(parts)) for t, parts in identities):
                continue
            key = tuple(sorted(zip(placement, (a.text for a in row.amounts))))
            if key in seen:
                continue
            seen.add(key)
            out.append(placement)
    return out


def _parent_of(code: Optional[str], codes: set[str]) -> Optional[str]:
    if not code:
        return None
    for cut in (5, 3):
        if len(code) > cut and code[:cut] in codes:
            return code[:cut]
    return None


def _solve_group(parent: list[Decimal], kids: list[RowAmounts], n: int) -> Optional[list[set[tuple[int, ...]]]]:
    """Every placement of the kids whose column sums equal the parent's: for each kid the set of
    placements seen in some solution; None when the search found none or ran out of budget."""
    seen: list[set[tuple[int, ...]]] = [set() for _ in kids]
    sums = [Decimal(0)] * n
    chosen: list[tuple[int, ...]] = []
    budget = [_SEARCH_BUDGET]
    found = [False]
    positive = all(x >= 0 for x in parent) and all(a.value >= 0 for k in kids for a in k.amounts)

    def walk(i: int) -> bool:
        budget[0] -= 1
        if budget[0] < 0:
            return False
        if i == len(kids):
            if all(_close(s, p, len(kids)) for s, p in zip(sums, parent)):
                found[0] = True
                for k, cols in enumerate(chosen):
                    seen[k].add(cols)
            return True
        for cols in kids[i].candidates:
            vec = _vector(kids[i], cols, n)
            for c in range(n):
                sums[c] += vec[c]
            ok = not positive or all(s <= p + _SUM_TOLERANCE * len(kids) for s, p in zip(sums, parent))
            chosen.append(cols)
            if ok and not walk(i + 1):
                return False
            chosen.pop()
            for c in range(n):
                sums[c] -= vec[c]
        return True

    if not walk(0) or not found[0]:
        return None
    return seen


def place_rows(rows: list[RowAmounts], n: int, first_is_total: bool, layout: bool,
               parts_of_total: bool = False, identities: Optional[list[Identity]] = None) -> None:
    """Set `cols` (and `doubt` where uncertain) on every row; see the module docstring.
    `parts_of_total`: the rows without a code are the parts of the 合计 row (a table of units).
    `identities`: the row identities of a column set with subtotals (合计 = 基本支出小计 + 项目支出,
    小计 = 人员经费 + 公用经费), in place of `first_is_total`'s one."""
    if identities is None:
        identities = row_identities(first_is_total, n)
    edges = right_edges(rows, n) if layout else None
    total_row = next((r for r in rows if r.total and len(r.amounts) == n and r.split is None), None)
    zero_cols = {c for c, a in enumerate(total_row.amounts) if a.value == 0} if total_row else set()
    open_rows: list[RowAmounts] = []
    for r in rows:
        if (len(r.amounts) == n and r.split is None) or not r.amounts:
            r.cols = tuple(range(len(r.amounts)))
            continue
        if edges is not None and r.split is None:
            cols = _by_position(r, edges)
            if cols is not None:
                r.cols = cols
                continue
        r.candidates = _candidates(r, n, identities, zero_cols)
        if len(r.candidates) == 1:
            r.cols = r.candidates[0]
        else:
            open_rows.append(r)
    if open_rows:
        _by_identities(rows, n, parts_of_total)
    for r in rows:
        if r.cols is None:
            fallback = r.candidates or [tuple(range(len(r.amounts)))]
            r.cols = fallback[0]
            r.unsure = {k for k in range(len(r.amounts)) if len({c[k] for c in fallback}) > 1} or set(range(len(r.amounts)))
            r.doubt = ("column uncertain: the row prints fewer amounts than the table has columns, "
                       "and neither positions nor the sums settle where they stand")


def _by_identities(rows: list[RowAmounts], n: int, parts_of_total: bool = False) -> None:
    """Place open rows group by group (a parent and its children), top-down, until nothing changes."""
    codes = {r.code for r in rows if r.code}
    groups: dict[Optional[str], list[RowAmounts]] = {}
    root = next((r for r in rows if r.total), None)
    for r in rows:
        if r.total:
            continue
        p = _parent_of(r.code, codes)
        if p is None and (r.code is None and not parts_of_total or r.code is not None and len(r.code) != 3):
            continue  # a row outside the code tree: only its own identity places it
        groups.setdefault(p, []).append(r)
    by_code = {r.code: r for r in rows if r.code}
    changed = True
    while changed:
        changed = False
        for p, kids in groups.items():
            parent = root if p is None else by_code.get(p)
            if parent is None or parent.cols is None or all(k.cols is not None for k in kids):
                continue
            for k in kids:
                if k.cols is not None:
                    k.candidates = [k.cols]
                elif not k.candidates:
                    k.candidates = [tuple(range(len(k.amounts)))] if not k.amounts else []
            if any(not k.candidates for k in kids):
                continue
            seen = _solve_group(_vector(parent, parent.cols, n), kids, n)
            if seen is None:
                continue
            for k, s in zip(kids, seen):
                if k.cols is None and len(s) == 1:
                    k.cols = next(iter(s))
                    changed = True
                elif k.cols is None:
                    k.candidates = [c for c in k.candidates if c in s]
