"""Does a document hold values printed on lines of their own? A test the one-cell-per-line readers share.

What it does: counts, once per document (the last list of lines asked about is remembered), the
lines without a TAB that hold only amounts or percentages, a masked value or a dash for a blank
cell (a trailing ` |` cell mark allowed): `446.11`, `446.11 446.11`, `12.5%`, `*****`, `-`. The
readers of tables printed one cell per line (cell-lines, column-runs, groups-stream, labelled-stream,
the two-sided streams) read amounts only from such lines, so where a document has fewer than three of them no such
table can stand in it, and those readers need not look at each of its lines.
A 绩效 form printed a cell per line may show fewer values alone (its targets read `12000卷`, `≥98%`):
`has_form_cells` also answers yes for a document with a short line naming 名称 or 指标 (a form's
label cell: 项目名称, 一级指标), for the cell-lines reader, which reads forms too.
What it does not: say where a table stands, or read anything (the readers do).
"""
from __future__ import annotations

from typing import Sequence

import regex as re

from ..datamodel import NLine

_VALUE = re.compile(r"^(?:-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?|\*+|[-—–－]+)$")
_FIRST = frozenset("0123456789-*—–－")
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
        if "|" in s:
            if s.count("|") > 1 or not s.rstrip().endswith("|"):
                continue  # a pipe table's row or rule (|---|---|), not a cell marked ` |`
            s = s.rstrip()[:-1]
        words = s.split()
        if words and all(_VALUE.match(w) for w in words):
            seen += 1
            if seen >= _MIN_LINES:
                break
    _last[0], _last[1] = lines, seen >= _MIN_LINES
    return _last[1]


_FORM_WORDS = ("名称", "指标")
_MAX_LABEL = 12  # characters: a label cell (项目名称, 预算部门（单位）名称, 一级指标), a bar allowed
_last_form: list = [None, False]


def has_form_cells(lines: Sequence[NLine]) -> bool:
    """has_value_lines, or a line without a TAB of at most 12 characters naming 名称 or 指标."""
    if has_value_lines(lines):
        return True
    if _last_form[0] is lines:
        return _last_form[1]
    found = any(len(s) <= _MAX_LABEL and "\t" not in ln.text and any(w in s for w in _FORM_WORDS)
                for ln in lines for s in (ln.text.strip(),))
    _last_form[0], _last_form[1] = lines, found
    return found
