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
give one value is proven by the sums and totals alone (no printed order used); and, for the rows
they part over, the values of the assignments that put the most weight of amounts other than 0 in
rows a `weight` marks (the usual rows, detached_sides.py: the 一般公共预算 fund first). The walk keeps
states, not assignments (the step, the amounts left, the running sums), so equal amounts and rows
that part over them cost little.
What it does not: read text, decide confidence (detached_sides.py), or deal a run of more or fewer
amounts than rows; past its budget of states it gives nothing.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

_STATES = 300_000  # states of the walk: more and nothing is placed


@dataclass(frozen=True)
class Row:
    """A row as the deal sees it: `kind` item (adds to 本年…合计), sub (adds to its `parent`), part (an
    expenditure 款 / 项: no sum), year, carry, grand; `must` the values a total allows it (None: any);
    `weight` what holding an amount other than 0 scores (a row such an amount usually stands in)."""

    kind: str
    must: Optional[frozenset] = None
    parent: Optional[int] = None
    weight: int = 0


@dataclass
class Dealt:
    """Each side's rows' values over the fitting assignments (`values[side][pos]`), their values over
    the best-scoring fitting assignments (`best`), and which rows a total pinned (`pinned`)."""

    values: tuple[list[set], list[set]]
    best: tuple[list[set], list[set]]
    pinned: set[tuple[int, int]]


class _Budget(Exception):
    """The walk ran past its budget."""


Key = tuple[int, int]


def deal_free(left: list[Row], right: list[Row], run: list[Decimal], cent: Decimal) -> Optional[Dealt]:
    """The fitting assignments of the run's amounts to the rows, one a row (see the module text);
    None when the run is not one amount a row, a pinned value is not in it, none fits, or the walk
    ran past its budget. The walk gives out amounts only to the rows nothing else decides: an item
    with sub-items takes the sum of its sub-items, 本年…合计 the sum of the items, 总计 that plus the
    carry-over (each such sum must be an amount left in the run); an unpinned 款 / 项 row takes any
    amount left at the end (its values: all those left)."""
    sides = (left, right)
    if len(run) != len(left) + len(right) or not left or not right:
        return None
    pool = Counter(run)
    fixed: dict[Key, Decimal] = {}
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
    amounts = sorted(pool)
    zero = Decimal(0)
    has_grand = [any(r.kind == "grand" for r in rows) for rows in sides]

    def allowed(key: Key, v: Decimal) -> bool:
        must = sides[key[0]][key[1]].must
        return must is None or any(abs(v - m) <= cent for m in must)

    def near(counts: tuple, want: Decimal, tol: Decimal) -> Optional[int]:
        if want in pool and counts[amounts.index(want)] > 0:
            return amounts.index(want)
        return next((i for i, v in enumerate(amounts) if counts[i] > 0 and abs(v - want) <= tol), None)

    memo: dict[tuple, Optional[int]] = {}  # state -> best score from it (None: no fit)
    edges: dict[tuple, list[tuple[Decimal, tuple, int]]] = {}

    def walk(state: tuple) -> Optional[int]:
        if state in memo:
            return memo[state]
        if len(memo) > _STATES:
            raise _Budget
        k, counts, acc = state
        if k == len(steps):
            memo[state] = 0 if abs(acc[4] - acc[5]) <= cent else None
            return memo[state]
        key, role, add, side, n = steps[k]
        if role == "close":  # a side's last step: its 总计 as placed (a side with no 总计 row: 合计 + carry-over)
            nxt = (k + 1, counts, _closed(acc, side, has_grand[side]))
            got = walk(nxt)
            memo[state] = got
            edges[state] = [(zero, nxt, got)] if got is not None else []
            return got
        choices: list[tuple[Decimal, tuple]] = []
        tol = cent * max(1, n)
        if key in fixed:
            v = fixed[key]
            if role in ("parent", "year", "grand") and abs(_want(role, acc) - v) > tol:
                choices = []
            else:
                choices = [(v, counts)]
        elif role in ("parent", "year", "grand"):
            i = near(counts, _want(role, acc), tol)
            if i is not None and allowed(key, amounts[i]):
                choices = [(amounts[i], counts[:i] + (counts[i] - 1,) + counts[i + 1:])]
        else:
            choices = [(v, counts[:i] + (counts[i] - 1,) + counts[i + 1:])
                       for i, v in enumerate(amounts) if counts[i] > 0 and allowed(key, v)]
        best: Optional[int] = None
        outs = []
        weight = sides[key[0]][key[1]].weight
        for v, left_counts in choices:
            nxt = (k + 1, left_counts, _after(role, add, side, acc, v))
            got = walk(nxt)
            if got is None:
                continue
            score = got + (weight if v != zero else 0)
            outs.append((v, nxt, score))
            best = score if best is None or score > best else best
        memo[state] = best
        edges[state] = outs
        return best

    start = (0, tuple(pool[v] for v in amounts), (zero, zero, zero, zero, zero, zero, 0))
    try:
        top = walk(start)
    except _Budget:
        return None
    if top is None:
        return None
    values: tuple[list[set], list[set]] = ([set() for _ in left], [set() for _ in right])
    best: tuple[list[set], list[set]] = ([set() for _ in left], [set() for _ in right])
    for target, only_best in ((values, False), (best, True)):
        seen = set()
        todo = [start]
        while todo:
            state = todo.pop()
            if state in seen:
                continue
            seen.add(state)
            k, counts, _ = state
            if k == len(steps):
                rest = {v for i, v in enumerate(amounts) if counts[i] > 0}
                for key in parts:
                    target[key[0]][key[1]].update(x for x in rest if allowed(key, x))
                continue
            key = steps[k][0]
            for v, nxt, score in edges.get(state, ()):
                if key is None:  # (a side's close)
                    todo.append(nxt)
                    continue
                if only_best and score != memo[state]:
                    continue
                target[key[0]][key[1]].add(v)
                todo.append(nxt)
    for key, v in fixed.items():  # (a 款 / 项 row a total pins: no step of the walk)
        values[key[0]][key[1]].add(v)
        best[key[0]][key[1]].add(v)
    return Dealt(values, best, set(fixed))


def _want(role: str, acc: tuple) -> Decimal:
    """The sum a derived row must take: a parent its sub-items', 本年…合计 the items', 总计 that plus
    the carry-over."""
    subsum, items, carry, year = acc[0], acc[1], acc[2], acc[3]
    return {"parent": subsum, "year": items, "grand": year + carry}[role]


def _after(role: str, add: Optional[str], side: int, acc: tuple, v: Decimal) -> tuple:
    """The running sums after a row takes v: (sub-items' sum since the last parent, the side's items'
    sum, its carry-over's sum, its 本年…合计, left 总计, right 总计, sub-items in the running sum)."""
    subsum, items, carry, year, lg, rg, n = acc
    if role == "sub":
        subsum, n = subsum + v, n + 1
    elif role == "parent":
        subsum, n = Decimal(0), 0
    if add == "items":
        items += v
    elif add == "carry":
        carry += v
    if role == "year":
        year = v
    if role == "grand":
        lg, rg = (v, rg) if side == 0 else (lg, v)
    return subsum, items, carry, year, lg, rg, n


def _closed(acc: tuple, side: int, has_grand: bool) -> tuple:
    """The sums when a side is done: its 总计 (合计 + carry-over where no 总计 row is printed), the
    side's running sums cleared for the other."""
    subsum, items, carry, year, lg, rg, n = acc
    if not has_grand:
        lg, rg = (year + carry, rg) if side == 0 else (lg, year + carry)
    zero = Decimal(0)
    return zero, zero, zero, zero, lg, rg, 0


def _steps(sides: tuple[list[Row], list[Row]]) -> Optional[list[tuple]]:
    """The rows in the order the walk fills them, as (key, role, what it adds to, side): sub-items
    (`sub`) before their item (`parent`: takes their sum), the items without sub-items (`leaf`), a
    pinned 款 / 项 row of several allowed values (`part`), 本年…合计 (`year`: the items' sum), 总计
    (`grand`: that plus the carry-over), then the side's `close`; 款 / 项 rows no total pins are left
    to the end (not listed); the last field: the parts of a sum (a cent each may part it from its
    total). None when a side has not one 本年…合计 or has two 总计."""
    out: list[tuple] = []
    for side, rows in enumerate(sides):
        years = [p for p, r in enumerate(rows) if r.kind == "year"]
        if len(years) != 1 or sum(1 for r in rows if r.kind == "grand") > 1:
            return None
        for p, r in enumerate(rows):
            if r.kind not in ("item", "carry"):
                continue
            add = "items" if r.kind == "item" else "carry"
            subs = [q for q, x in enumerate(rows) if x.kind == "sub" and x.parent == p]
            out.extend(((side, q), "sub", None, side, 0) for q in subs)
            out.append(((side, p), "parent" if subs else "leaf", add, side, len(subs)))
        out.extend(((side, p), "part", None, side, 0) for p, r in enumerate(rows)
                   if r.kind == "part" and r.must is not None and len(r.must) > 1)
        out.append(((side, years[0]), "year", None, side, sum(1 for r in rows if r.kind == "item")))
        out.extend(((side, p), "grand", None, side, 3) for p, r in enumerate(rows) if r.kind == "grand")
        out.append((None, "close", None, side, 0))
    return out


def _take(pool: Counter, must: Decimal, cent: Decimal) -> Optional[Decimal]:
    """Take out of the pool the amount a total pins (itself, or one a cent apart); None if none is left."""
    if pool[must] > 0:
        pool[must] -= 1
        return must
    near = next((v for v in pool if pool[v] > 0 and abs(v - must) <= cent), None)
    if near is not None:
        pool[near] -= 1
    return near
