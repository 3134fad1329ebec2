"""Part of detached_sides.py's pass: a two-sided table of one amount column per side whose every row
prints an amount (a budget's 收支总表 prints 0.00 in each row it spends nothing in), its amounts in
one run apart from their rows (sides_bare.py) — the run dealt to the rows when it holds exactly one
amount a row.

Why apart: with an amount in every row the search of detached_sides.py (which lets a row stay blank
and a 类 row take only the total the report's 支出表 prints) either finds no placement (a 0.00 in a
类 row no 支出表 lists, in a row no 类 names: 对附属单位补助支出, 债务还本支出) or too many to search
(thirty 0.00s that may each stand in a blank row). When the run has as many amounts as the two sides
have rows, no row is blank: a placement is an interleaving of the two sides' columns, each in its
rows' order, and the sums decide it.

What it does: walks every interleaving of the run onto the income rows and the expenditure rows
(each side's amounts in its rows' order, one amount a row, every row one), keeping those where each
side's items add up to its 本年…合计 (a cent a part apart), 本年…合计 + the carry-over items = 总计 (a
side of one 合计 and no carry-over: its 合计 stands for 总计), the two 总计 are equal, and a 类 row the report's 支出表 prints a total for takes that total (a cent apart);
a 类 it prints no total for, and a row no 类 names, may take any amount. The walk keeps states, not
placements (the amounts dealt to each side so far and the sums they make), so runs of equal amounts
cost nothing. It returns, for each row, the values the fitting placements give it: a row they part over is not
placed; a row every one of them gives the same value is proven only as far as the printed order is
(detached_sides.py confirms it where a total pins it, or where all the side's unpinned items take
one same value, and puts it under review otherwise: pdftotext does not always print a side's
amounts in its rows' order).
What it does not: read text, decide what goes in with what confidence (detached_sides.py), or deal
a run with fewer or more amounts than rows (some row blank: detached_sides.py's own search).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

_STATES = 400_000  # states of the walk: more and nothing is placed


Dealt = tuple[list[set], list[set], dict[tuple[int, int], int]]


def deal_full(left: list[tuple[str, Optional[Decimal]]], right: list[tuple[str, Optional[Decimal]]],
              run: list[Decimal], cent: Decimal) -> Optional[Dealt]:
    """The values each row takes in the placements that fit: (left rows' sets, right rows' sets,
    one fitting placement: (side, row) -> run index); None when none fits, the run is not one amount a row, or the
    walk ran past its budget. A row is (kind, the total it must take or None): kind `item` (an
    income item, an expenditure 类 or other row: added to 本年…合计), `year`, `carry`, `grand`."""
    if len(run) != len(left) + len(right) or not left or not right:
        return None
    sides = (left, right)
    memo: dict[tuple, bool] = {}
    edges: dict[tuple, list[tuple]] = {}

    def step(state: tuple, side: int, v: Decimal) -> Optional[tuple]:
        """The state after the side's next row takes v; None when a sum breaks."""
        i, j, acc = state
        pos = (i, j)[side]
        kind, must = sides[side][pos][0], sides[side][pos][1]
        if must is not None and abs(must - v) > cent:
            return None
        items, parts, year, carry = acc[side]
        if kind == "item":
            items, parts = items + v, parts + 1
        elif kind == "year":
            if abs(items - v) > cent * max(1, parts):
                return None
            year = v
        elif kind == "carry":
            carry = carry + v
        elif kind == "grand":
            if year is None or abs(year + carry - v) > cent * 3:
                return None
        new = list(acc)
        new[side] = (items, parts, year, carry)
        nxt = (i + 1, j, tuple(new)) if side == 0 else (i, j + 1, tuple(new))
        return nxt

    def feasible(state: tuple) -> bool:
        if state in memo:
            return memo[state]
        if len(memo) > _STATES:
            raise _Budget
        i, j, acc = state
        k = i + j
        if k == len(run):
            ok = _grand(left, acc[0]) is not None and _grand(right, acc[1]) is not None
            ok = ok and abs(_grand(left, acc[0]) - _grand(right, acc[1])) <= cent
            memo[state] = ok
            return ok
        outs = []
        for side, pos in ((0, i), (1, j)):
            if pos < len(sides[side]):
                nxt = step(state, side, run[k])
                if nxt is not None and feasible(nxt):
                    outs.append((side, pos, nxt))
        memo[state] = bool(outs)
        edges[state] = outs
        return bool(outs)

    start = (0, 0, ((Decimal(0), 0, None, Decimal(0)), (Decimal(0), 0, None, Decimal(0))))
    try:
        if not feasible(start):
            return None
    except _Budget:
        return None
    got: tuple[list[set], list[set]] = ([set() for _ in left], [set() for _ in right])
    one: dict[tuple[int, int], int] = {}
    state = start
    while state in edges and edges[state]:
        side, pos, nxt = edges[state][0]
        one[(side, pos)] = state[0] + state[1]
        state = nxt
    seen = set()
    todo = [start]
    while todo:
        state = todo.pop()
        if state in seen:
            continue
        seen.add(state)
        k = state[0] + state[1]
        for side, pos, nxt in edges.get(state, ()):
            got[side][pos].add(run[k])
            todo.append(nxt)
    return got[0], got[1], one


class _Budget(Exception):
    """The walk ran past its budget."""


def _grand(rows: list[tuple[str, Optional[Decimal]]], acc: tuple) -> Optional[Decimal]:
    """The side's 总计 as placed: year + carry (the walk checked it against the 总计 row when placed);
    a side of one total and no carry-over (a 财政拨款收支总表's 收入合计) its 合计; else None."""
    items, parts, year, carry = acc
    kinds = {kind for kind, _ in rows}
    if year is None or ("grand" not in kinds and "carry" in kinds):
        return None
    return year + carry
