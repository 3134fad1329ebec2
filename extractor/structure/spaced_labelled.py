"""Tables of labelled rows printed one row per line by PDF text extractors, for tables no template
knows (绩效评价基础数据表 and the like): `三公经费 65.19 80.96 73.18`.

What it does: after a title ending in 表 that no template names, finds at least three lines that
each end in the same number of values (amounts, percentages, a dash for an empty cell), all but
the first with a label before them, and reads them into a generic GridBlock: one header row (the
header line that prints one word per value column, else 列N), then label | values rows; a line of
words between rows with a word per column (经费控制情况（万元） 2023年决算数 …) is kept as a row of text.
A row that prints fewer values than the table has columns gets its values from the left with an
unconfirmed `layout.column_guess` repair (to review); so does every value when the column names
are guessed.
What it does not: read codes (spaced_rows.py) or the standard tables' shapes (spaced_sides,
spaced_groups, spaced_flat); name the table (tables.py keeps it generic).
"""
from __future__ import annotations

from collections import Counter
from typing import Optional, Sequence

import regex as re

from ..datamodel import Cell, GridBlock, NLine
from ..evidence.printed import NOTE_LINE
from .spaced_text import SENTENCE, Header, amount_cell, furniture, is_amount, text_cell, title_like, tokens
from .text_tables import with_report

_LOOKAHEAD = 10
_MIN_ROWS = 3
_PERCENT = re.compile(r"^-?\d+(?:\.\d+)?%$")
_DASH = re.compile(r"^(?:-|—|–|——|－)$")
_NOT_A_LABEL = re.compile(r"^(?:栏次|行次|合\s*计)$")
_CODE_FIRST = re.compile(r"^\d{3}(?:\d{2}){0,2}(?!\d)")  # 201, 20101, 2010101, also 2010101行政运行
_PROSE = re.compile(r"[，。；]")  # a label may end in a colon (项目支出：), not hold a sentence


def _value(t: str) -> bool:
    return is_amount(t) or bool(_PERCENT.match(t)) or bool(_DASH.match(t))


def _split(line: NLine) -> Optional[tuple[str, list[str]]]:
    """(label, values) of a row line: values are the trailing value tokens."""
    t = line.text
    if "\t" in t or "|" in t or len(t) > 300 or _PROSE.search(t) or NOTE_LINE.match(t):
        return None
    toks = [w for w, _, _ in tokens(t)]
    if toks and _CODE_FIRST.match(toks[0]):
        return None  # a subject code opens the row: a subject table (spaced_rows.py), not labelled rows
    k = len(toks)
    while k > 0 and _value(toks[k - 1]):
        k -= 1
    values = toks[k:]
    if len(values) < 2 or not any(ch.isdigit() for v in values for ch in v):
        return None
    return "".join(toks[:k]), values


def _width(lines: Sequence[NLine], first: int) -> Optional[int]:
    """The value count most rows from `first` on print, when at least three rows print it."""
    counts: Counter = Counter()
    for ln in lines[first:first + 12]:
        row = _split(ln)
        if row is not None:
            counts[len(row[1])] += 1
    if not counts:
        return None
    n, seen = counts.most_common(1)[0]
    return n if seen >= _MIN_ROWS else None


def first_row(lines: Sequence[NLine], i: int) -> Optional[int]:
    for j in range(i, min(i + _LOOKAHEAD, len(lines))):
        t = lines[j].text
        if _PROSE.search(t) or NOTE_LINE.match(t):
            return None
        row = _split(lines[j])
        if row is not None and not _NOT_A_LABEL.match(row[0]) and _width(lines, j) == len(row[1]):
            return j
    return None


def _subheader(line: NLine, n: int) -> Optional[list[str]]:
    """A line of a label and one word per column (a header row inside the table)."""
    toks = [w for w, _, _ in tokens(line.text)]
    if len(toks) == n + 1 and not any(_value(w) for w in toks) and not SENTENCE.search(line.text):
        return toks
    return None


def read_labelled(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    first = first_row(lines, i)
    if first is None:
        return None, i + 1
    n = _width(lines, first) or 0
    header = Header(lines, i, first).lines
    labels = next(([w for w, _, _ in tokens(ln.text)] for ln in header
                   if len(tokens(ln.text)) == n and not any(_value(w) for w, _, _ in tokens(ln.text))), None)
    guessed = labels is None
    at = lines[i]
    grid: list[list[Cell]] = [[text_cell(at, "项目")] + [text_cell(at, x) for x in (labels or [f"列{c + 1}" for c in range(n)])]]
    j = first
    last = lines[first]
    while j < len(lines):
        ln = lines[j]
        row = _split(ln)
        if row is not None and len(row[1]) <= n:
            label, values = row
            doubt = None
            if len(values) < n:
                doubt = "column uncertain: the row prints fewer values than the table has columns"
            elif guessed and n > 1:
                doubt = "column uncertain: no header line names the columns"
            cells = [text_cell(ln, label)] + [amount_cell(ln, v, doubt) for v in values]
            grid.append(cells + [text_cell(ln, "") for _ in range(n - len(values))])
            last = ln
            j += 1
            continue
        sub = _subheader(ln, n) if not title_like(ln) else None
        nxt = next((x for x in range(j + 1, min(j + 3, len(lines))) if lines[x].text.strip()), None)
        if sub is not None and nxt is not None and _split(lines[nxt]) is not None:
            grid.append([text_cell(ln, w) for w in sub])
            last = ln
            j += 1
            continue
        if furniture(lines, ln) and not ln.text.strip():
            j += 1
            continue
        break
    if len(grid) < 1 + _MIN_ROWS:
        return None, i + 1
    return with_report(GridBlock(rows=grid, first_line=lines[i].no, last_line=last.no, method="spaced")), j
