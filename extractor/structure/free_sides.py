"""Part of detached_sides.py's pass: a two-sided table of one amount column per side whose every row
prints an amount and whose items have sub-items (a budget's 收支总表 with the funds under 一、财政拨款
and the 款 / 项 under each 类), printed by pdftotext in an order that is neither its rows' order nor
its amounts' (sides_bare.py marks it `unordered`) — the run dealt to the rows by value and sums
alone, never by the order it is printed in.

Why apart: full_sides.py deals each side's amounts in its rows' order; Shenzhen's 收支总表 in plain
pdftotext prints `本年收入合计` after `收入总计`, `四、卫生健康支出` after `五、住房保障支出`, and the
income side's 5,417.80 of 本年收入合计 after the 0.00s of the carry-over's sub-items: no interleaving
of the sides in order fits, though every amount is there, one a row.

What it does: takes out of the run, by value, the amount of each row a total pins (a 类 total of the
report's 支出表, a 款 / 项 row's amount there, a 收入表 column); a row such a total pins to one of
several values (a name the 支出表 prints twice) may take any of them. The other rows take the rest of
the run, every way its amounts (as a multiset) can be given out one a row, kept where the sums hold:
a side's items (not their sub-items) add up to its 本年…合计 (a cent a part apart), an item's numbered
sub-items (`1.一般公共预算拨款` under `一、财政拨款`, `1.财政拨款结余、结转` under the carry-over item)
add up to it, 本年…合计 + the carry-over items = 总计 (a side with no 总计: its 合计 stands for it),
and the two 总计 are equal. An expenditure side's 款 / 项 rows (`part`) take no part in its sums (the
tree between them is not printed). It returns every fitting assignment's values: a row all of them
give one value is proven by the sums and totals alone (no printed order used).
What it does not: read text, decide confidence (detached_sides.py), or deal a run of more or fewer
amounts than rows; past its budget of assignments it gives nothing.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

_NODES = 200_000  # steps of the search: more and nothing is placed
_SOLUTIONS = 5_000  # fitting assignments kept: more and nothing is placed


@dataclass(frozen=True)
class Row:
    """A row as the deal sees it: `kind` item (adds to 本年…合计), sub (adds to its `parent`), part (an
    expenditure 款 / 项: no sum), year, carry, grand; `must` the values a total allows it (None: any)."""

    kind: str
    must: Optional[frozenset] = None
    parent: Optional[int] = None


@dataclass
class Dealt:
    """Each side's rows' values over the fitting assignments (`values[side][pos]`), the assignments
    themselves (`solutions`: (side, pos) -> value) and which rows a total pinned (`pinned`)."""

    values: tuple[list[set], list[set]]
    solutions: list[dict[tuple[int, int], Decimal]]
    pinned: set[tuple[int, int]]


def deal_free(left: list[Row], right: list[Row], run: list[Decimal], cent: Decimal) -> Optional[Dealt]:
    """The fitting assignments of the run's amounts to the rows, one a row (see the module text);
    None when the run is not one amount a row, a pinned value is not in it, none fits, or the search
    ran past its budget. The search gives out amounts only to the rows nothing else decides: an item
    with sub-items takes the sum of its sub-items, 本年…合计 the sum of the items, 总计 that plus the
    carry-over (each such sum must be an amount left in the run); an unpinned 款 / 项 row takes any
    amount left at the end (its values: all those left)."""
    sides = (left, right)
    if len(run) != len(left) + len(right) or not left or not right:
        return None
    pool = Counter(run)
    fixed: dict[tuple[int, int], Decimal] = {}
    for side, rows in enumerate(sides):
        for pos, row in enumerate(rows):
            if row.must is not None and len(row.must) == 1:
                v = _take(pool, next(iter(row.must)), cent)
                if v is None:
                    return None
                fixed[(side, pos)] = v
    steps = _steps(sides)
    if steps is None:
        return None
    parts = [(s, p) for s, rows in enumerate(sides) for p, row in enumerate(rows)
             if row.kind == "part" and row.must is None]
    found: list[dict[tuple[int, int], Decimal]] = []
    values: tuple[list[set], list[set]] = ([set() for _ in left], [set() for _ in right])
    nodes = [_NODES]

    def allowed(key: tuple[int, int], v: Decimal) -> bool:
        must = sides[key[0]][key[1]].must
        return must is None or any(abs(v - m) <= cent for m in must)

    def walk(k: int, assign: dict[tuple[int, int], Decimal]) -> bool:
        nodes[0] -= 1
        if nodes[0] < 0 or len(found) > _SOLUTIONS:
            return False
        if k == len(steps):
            if abs(_grand_of(sides, 0, assign) - _grand_of(sides, 1, assign)) > cent:
                return True
            found.append(dict(assign))
            rest = {v for v in pool if pool[v] > 0}
            for key, v in assign.items():
                values[key[0]][key[1]].add(v)
            for key in parts:
                values[key[0]][key[1]].update(v for v in rest if allowed(key, v))
            return True
        key, of = steps[k]
        if key in fixed:
            if of is not None and abs(_sum(of, assign) - fixed[key]) > cent * max(3, len(of)):
                return True
            return walk(k + 1, assign)
        if of is not None:  # a sum: the amount left in the run that it makes
            want = _sum(of, assign)
            got = _take(pool, want, cent * max(3, len(of)))
            if got is None:
                return True
            ok = True
            if allowed(key, got):
                assign[key] = got
                ok = walk(k + 1, assign)
                del assign[key]
            pool[got] += 1
            return ok
        for v in [v for v in pool if pool[v] > 0 and allowed(key, v)]:
            pool[v] -= 1
            assign[key] = v
            ok = walk(k + 1, assign)
            pool[v] += 1
            del assign[key]
            if not ok:
                return False
        return True

    if not walk(0, dict(fixed)) or not found or len(found) > _SOLUTIONS:
        return None
    return Dealt(values, found, set(fixed))


def _steps(sides: tuple[list[Row], list[Row]]) -> Optional[list[tuple[tuple[int, int], Optional[list]]]]:
    """The rows in the order the search fills them, each with the rows whose sum it is (None: an
    amount given out): sub-items before their item, the items before 本年…合计, the carry-over before
    总计; 款 / 项 rows that no total pins are left to the end (not listed). None when a side has not
    one 本年…合计."""
    out: list[tuple[tuple[int, int], Optional[list]]] = []
    for side, rows in enumerate(sides):
        years = [p for p, r in enumerate(rows) if r.kind == "year"]
        if len(years) != 1 or sum(1 for r in rows if r.kind == "grand") > 1:
            return None
        tops = [p for p, r in enumerate(rows) if r.kind in ("item", "carry")]
        for p in tops:
            subs = [(side, q) for q, r in enumerate(rows) if r.kind == "sub" and r.parent == p]
            out.extend((key, None) for key in subs)
            out.append(((side, p), [(1, key) for key in subs] if subs else None))
        items = [(1, (side, p)) for p, r in enumerate(rows) if r.kind == "item"]
        out.append(((side, years[0]), items))
        carry = [(1, (side, p)) for p, r in enumerate(rows) if r.kind == "carry"]
        out.extend(((side, p), [(1, (side, years[0]))] + carry) for p, r in enumerate(rows) if r.kind == "grand")
        out.extend(((side, p), None) for p, r in enumerate(rows) if r.kind == "part" and r.must is not None)
    return out


def _sum(of: list, assign: dict[tuple[int, int], Decimal]) -> Decimal:
    return sum((sign * assign[key] for sign, key in of), Decimal(0))


def _grand_of(sides, side: int, assign: dict[tuple[int, int], Decimal]) -> Decimal:
    rows = sides[side]
    grand = [p for p, r in enumerate(rows) if r.kind == "grand"]
    if grand:
        return assign[(side, grand[0])]
    year = next(p for p, r in enumerate(rows) if r.kind == "year")
    return assign[(side, year)] + sum((assign[(side, p)] for p, r in enumerate(rows) if r.kind == "carry"),
                                      Decimal(0))


def _take(pool: Counter, must: Decimal, cent: Decimal) -> Optional[Decimal]:
    """Take out of the pool the amount a total pins (itself, or one a cent apart); None if none is left."""
    if pool[must] > 0:
        pool[must] -= 1
        return must
    near = next((v for v in pool if pool[v] > 0 and abs(v - must) <= cent), None)
    if near is not None:
        pool[near] -= 1
    return near
