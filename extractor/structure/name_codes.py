"""Subject codes of a table that prints names only, inferred from the catalogue by name and row order.

What it does: a subject table may print the 类 / 款 / 项 hierarchy by order alone (`一般公共服务支出`
/ `社会工作事务` / `其他社会工作事务支出` …, no code column). `infer_codes` takes the rows' names in
printed order and, for each, the codes the catalogue knows under that name (`codes_named`, any
level), and enumerates every reading of the whole table that the tree order allows: a 类 (3 digits)
may stand anywhere, a 款 (5 digits) only under the last 类 above it, a 项 (7 digits) only under the
last 款 above it, and no code twice. A row gets a code only when every reading gives it the same
one; a name the catalogue does not know (or a search too large to finish) leaves its row, and the
rows whose place in the tree it makes unknown, without a code. `BY_ORDER` is the kind of the Repair
the code cell carries (its confidence: policy.CODE_FROM_NAME_ORDER, below a printed code's).
`readings` lists the whole readings instead (a few at most), for a reader whose amounts' sums can
tell them apart (column_runs.py keeps the one reading whose amounts place).
What it does not: read rows (spaced_rows.py), take a code the catalogue does not know, or infer a
code where the name fits several and the order does not decide (the row keeps its name only).
"""
from __future__ import annotations

from typing import Optional, Sequence

from ..catalog import codes_named
from ..datamodel import Repair

BY_ORDER = "code.from_name_order"
_NOTE = "code not printed: inferred from the catalogue by the row's name and its place under the rows above"
_MAX_STEPS = 50_000  # nodes of the search over the readings; beyond it no code is inferred
_UNKNOWN = "?"  # a place in the tree that no code names (a row the catalogue does not know)


def _fits(code: str, cls: Optional[str], kuan: Optional[str]) -> bool:
    if len(code) == 3:
        return True
    if len(code) == 5:
        return cls is not None and cls != _UNKNOWN and code[:3] == cls
    return kuan is not None and kuan != _UNKNOWN and code[:5] == kuan


def infer_codes(names: Sequence[Optional[str]], kind: str = "function") -> list[Optional[str]]:
    """For each row (None: a row that is no subject, such as 合计), its code where every reading of
    the table agrees on one, else None (see the module text)."""
    options = [sorted(c for c in codes_named(n, kind) if len(c) in (3, 5, 7)) if n else None for n in names]
    agreed: list[Optional[set]] = [None] * len(names)
    steps = 0
    readings = 0

    def walk(k: int, cls: Optional[str], kuan: Optional[str], used: frozenset, path: list) -> bool:
        nonlocal steps, readings
        steps += 1
        if steps > _MAX_STEPS:
            return False
        if k == len(names):
            readings += 1
            for i, c in enumerate(path):
                agreed[i] = {c} if agreed[i] is None else agreed[i] | {c}
            return True
        opts = options[k]
        if opts is None:  # no subject row: the tree stays as it is
            return walk(k + 1, cls, kuan, used, path + [None])
        fitting = [c for c in opts if c not in used and _fits(c, cls, kuan)]
        if not fitting:
            # a name the catalogue does not know here: its row may be a 类, 款 or 项 of its own, so
            # what stands under it is unknown until the next 类
            return walk(k + 1, _UNKNOWN, _UNKNOWN, used, path + [None])
        for c in fitting:
            nxt = (c, None) if len(c) == 3 else (cls, c) if len(c) == 5 else (cls, kuan)
            if not walk(k + 1, nxt[0], nxt[1], used | {c}, path + [c]):
                return False
        return True

    if not walk(0, None, None, frozenset(), []) or readings == 0:
        return [None] * len(names)
    return [next(iter(a)) if a is not None and len(a) == 1 and None not in a else None for a in agreed]


def readings(names: Sequence[str], kind: str = "function", limit: int = 4) -> list[list[str]]:
    """Every whole reading of the table's rows (each a code the catalogue knows under its name, in
    tree order, none twice), where there are at most `limit`; [] where a name is unknown, none fits,
    there are more, or the search is too long (the caller tells them apart by the amounts' sums)."""
    options = [sorted(c for c in codes_named(n, kind) if len(c) in (3, 5, 7)) for n in names]
    found: list[list[str]] = []
    steps = 0

    def walk(k: int, cls: Optional[str], kuan: Optional[str], used: frozenset, path: list) -> bool:
        nonlocal steps
        steps += 1
        if steps > _MAX_STEPS or len(found) > limit:
            return False
        if k == len(names):
            found.append(list(path))
            return len(found) <= limit
        for c in options[k]:
            if c in used or not _fits(c, cls, kuan):
                continue
            nxt = (c, None) if len(c) == 3 else (cls, c) if len(c) == 5 else (cls, kuan)
            if not walk(k + 1, nxt[0], nxt[1], used | {c}, path + [c]):
                return False
        return True

    return found if walk(0, None, None, frozenset(), []) else []


def inferred_repair() -> Repair:
    """The Repair an inferred code's cell carries."""
    return Repair(kind=BY_ORDER, note=_NOTE, status="made")
