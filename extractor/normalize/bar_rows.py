"""Table rows copied from a web page with ` | ` between their cells and no bar in front.

What it does: `bar_row_lines` finds the lines that print a table row as `一、财政拨款收入 | 1 |
2,117.41 | 一、一般公共服务支出 | 29 | 0.00 |` (or its title `表1 收入支出决算总表 | |||||`) — two bars
or more, a cell with text, no bar opening the line — standing with at least one more such line within two lines (a table, not a
sentence that quotes a bar); `unbar` turns each bar of such a line into a space, one character for
one, so the row reads as the space-separated rows PDF converters print and the spaced readers
(structure/spaced_*.py) read it, blank cells dropped by the page included. The printed text, bars
and all, stays the line's `orig`.
What it does not: touch markdown pipe tables (a line opening with `|`, or a run with a `---|---`
separator line: the pipe reader reads those), cells one per line ending in ` |` (the cell-lines
reader's), or decide anything about columns.
"""
from __future__ import annotations

from typing import Sequence

import regex as re

_SEPARATOR = re.compile(r"^\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*$")
_NEAR = 2  # lines within which another bar row must stand


def _bar_row(text: str) -> bool:
    s = text.strip()
    if s.count("|") < 2 or s.startswith("|"):
        return False
    return any(cell.strip() for cell in s.split("|"))


def bar_row_lines(texts: Sequence[str]) -> set[int]:
    """Indices of the lines that are table rows with bars between their cells."""
    rows = [i for i, t in enumerate(texts) if "|" in t and _bar_row(t)]
    if not rows:
        return set()
    out = set()
    for k, i in enumerate(rows):
        near = (k > 0 and i - rows[k - 1] <= _NEAR) or (k + 1 < len(rows) and rows[k + 1] - i <= _NEAR)
        if near:
            out.add(i)
    if any(_SEPARATOR.match(texts[j]) for i in out for j in range(max(0, i - 2), min(len(texts), i + 3))):
        # a markdown table without outer bars: drop the rows of that run only
        runs = [i for i in out if any(_SEPARATOR.match(texts[j]) for j in range(max(0, i - 8), min(len(texts), i + 9)))]
        out.difference_update(runs)
    return out


def unbar(text: str) -> str:
    """The row's bars as spaces (same length)."""
    return text.replace("|", " ")
