"""Does a document hold values printed on lines of their own? A test the one-cell-per-line readers share.

What it does: counts, once per document (the last list of lines asked about is remembered), the
lines without a TAB that hold only amounts or percentages, a masked value or a dash for a blank
cell (a trailing ` |` cell mark allowed): `446.11`, `446.11 446.11`, `12.5%`, `*****`, `-`. The
readers of tables printed one cell per line (cell-lines, column-runs, groups-stream, the two-sided
streams) read amounts only from such lines, so where a document has fewer than three of them no such
table can stand in it, and those readers need not look at each of its lines.
What it does not: say where a table stands, or read anything (the readers do).
"""
from __future__ import annotations

from typing import Sequence

import regex as re

from ..datamodel import NLine

_VALUE = re.compile(r"^(?:-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?|\*+|[-—–－]+)$")
_FIRST = frozenset("0123456789-*—–－|")
_MIN_LINES = 3  # a table printed one cell per line shows at least three values on lines of their own

_last: list = [None, False]  # [lines, answer]: the last document asked about


def has_value_lines(lines: Sequence[NLine]) -> bool:
    """At least three lines without a TAB hold only values (amounts, masks, dashes)."""
    if _last[0] is lines:
        return _last[1]
    seen = 0
    for ln in lines:
        t = ln.text
        s = t.lstrip()
        if not s or s[0] not in _FIRST or "\t" in t:  # the cheap test first: this looks at every line
            continue
        words = s.replace("|", " ").split()
        if words and all(_VALUE.match(w) for w in words):
            seen += 1
            if seen >= _MIN_LINES:
                break
    _last[0], _last[1] = lines, seen >= _MIN_LINES
    return _last[1]
