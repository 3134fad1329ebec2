"""Reader `segment-runs`: a coded expenditure table printed as groups of subject lines, each group
followed by its rows' amounts, blank cells absent, split into rows only where the template's sums
allow one split.

What it does: pdfminer.six prints Beijing's 一般公共预算支出表 (预算05表: 合计 | 基本支出 小计 人员经费
公用经费 | 项目支出 项目支出总数 扣除基建项目后预算数) one text box a line: the header's words, then a
segment of one or more `code name` lines (`2050803 培训支出` `2080501 行政单位离退休`), then those
rows' amounts, row after row, each row's printed cells left to right with its blank cells left out
(`588.490000` `5.000000` `5.000000` `583.490000` `583.490000` | `158.294900` …), then the next segment.
The header names the columns; its identities are 合计 = 基本支出 + 项目支出, 基本支出 = 人员经费 +
公用经费 (where it splits 基本支出) and 扣除基建项目后预算数 <= 项目支出总数 (a blank cell is 0). For each
segment of k rows and n amounts, every split of the amounts into k runs in row order is tried, and
every placing of a run's amounts in the columns in their order; a run places where some placing
keeps the identities. pdfminer.six also prints a segment's last rows column by column (the 合计
column's amounts of those rows, then 小计's, … each column's printed cells in row order, blank cells
absent: `2.500000` `34.963000` `2.500000` `34.963000` `24.403000` `2.500000` `10.560000`): the
readings where the last two to four rows are so printed (every row printing its 合计) are tried too.
A segment is read only where exactly one reading gives every row amounts that place: then each
row's amounts are its own (a reading that takes more than `_BUDGET` choices to count is not read).
A cell is confident where every placing that keeps the identities puts the same amount there (blank
or not); else it takes the first such placing's amount under review
(`layout.column_guess`: `5.000000` is 人员经费 or 公用经费 when 小计 is 5 and only one of them printed).
A name wrapped onto the next line (a text line between a code line and the segment's amounts) is
joined to it; the `合计` row (its word, then its amounts) is read the same way.
The table is taken only where its segments read hold half its subject lines or more, and
three rows at least: a converter that prints the table some other way is left to the other readers.

What it does not: read a segment whose amounts read more than one way or none (pdfminer.six moves
some rows' amounts away from their segment: a run with one amount, or other rows' amounts after a
segment's own, breaks the sums, and the whole segment is left out; so does a code line printed in
another segment than its amounts, or a column-by-column block of five rows or more, or one in the
middle of a segment), tables whose header names no such columns (the 支出总表's three subject
columns, the 基本支出表's economic codes printed column by column), or a table continued under its title printed again (it ends at the first line that is no
header word, subject line or amount).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations
from typing import Optional, Sequence

import regex as re

from ..datamodel import GridBlock, NLine
from ..evidence.numbers import parse_amount
from .run_placer import close
from .spaced_text import AMOUNT, after_title, amount_cell, text_cell
from .text_tables import LastRead, is_preamble, text_reader, with_report

_MIN_ROWS = 3
_SHARE = 1 / 2  # of the table's subject lines, in segments read, for the table to be taken
_MAX_LINES = 6000
_CODE_LINE = re.compile(r"^(\d{3}|\d{5}|\d{7})\s+(\p{Han}\S*(?:\s+[^\s\d]\S*)*)$")  # no amount after the name
_TOTAL_LINE = re.compile(r"^(?:合\s*计|总\s*计)$")
_NAME_PIECE = re.compile(r"^[\p{Han}（）()、\w]+$")
_DOUBT = ("column uncertain: the converter printed this row's amounts with its blank cells left out, "
          "and more than one placing of them keeps the header's sums; this is the first")


@dataclass(frozen=True)
class Layout:
    """The columns the header names, and its identities as (total, parts) and (part, whole) column
    indices: total = sum(parts); part <= whole."""
    labels: tuple[str, ...]
    sums: tuple[tuple[int, tuple[int, ...]], ...]
    bounds: tuple[tuple[int, int], ...] = ()


_SPLIT_BOTH = Layout(("合计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费",
                      "项目支出/项目支出总数", "项目支出/扣除基建项目后预算数"),
                     ((0, (1, 4)), (1, (2, 3))), ((5, 4),))
_SPLIT_BASIC = Layout(("合计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"),
                      ((0, (1, 4)), (1, (2, 3))))
_PLAIN = Layout(("合计", "基本支出", "项目支出"), ((0, (1, 2)),))


def layout_of(header: Sequence[str]) -> Optional[Layout]:
    """The layout the header's words name (a word broken over lines is joined as the header prints
    it: `扣除基建项目后` `预算数`), else None."""
    words = set(header)
    joined = "".join(header)
    if not {"合计", "基本支出", "项目支出"} <= words:
        return None
    basic = {"小计", "人员经费", "公用经费"} <= words
    if basic and "项目支出总数" in words and "扣除基建项目后" in joined:
        return _SPLIT_BOTH
    if basic:
        return _SPLIT_BASIC
    return _PLAIN


def placings(values: Sequence[Decimal], layout: Layout) -> list[tuple[int, ...]]:
    """Every placing of the run's amounts in the layout's columns, in their order, that keeps its
    identities (blank cells 0)."""
    n = len(layout.labels)
    out = []
    for cols in combinations(range(n), len(values)):
        grid = [Decimal(0)] * n
        for c, v in zip(cols, values):
            grid[c] = v
        if _keeps(grid, layout):
            out.append(cols)
    return out


def _keeps(grid: Sequence[Decimal], layout: Layout) -> bool:
    return all(close(grid[t], sum((grid[p] for p in parts), Decimal(0)), len(parts) + 1)
               for t, parts in layout.sums) and all(grid[p] <= grid[w] for p, w in layout.bounds)


def _row_wise(values: Sequence[Decimal], rows: int, layout: Layout) -> list[list[tuple[int, ...]]]:
    """Every split of `values` into `rows` runs in row order that each place (capped at two), as
    each row's amount indices."""
    width = len(layout.labels)
    out: list[list[tuple[int, ...]]] = []

    dead: set[tuple[int, int]] = set()  # (amount, row) from which no split places the rest

    def walk(j: int, r: int, got: list[tuple[int, ...]]) -> None:
        if len(out) > 1 or (j, r) in dead:
            return
        if r == rows:
            if j == len(values):
                out.append(list(got))
            return
        left = len(values) - j
        if left < rows - r or left > (rows - r) * width:
            return
        before = len(out)
        for m in range(1, min(width, left) + 1):
            if placings(values[j:j + m], layout):
                walk(j + m, r + 1, got + [tuple(range(j, j + m))])
        if len(out) == before:
            dead.add((j, r))

    walk(0, 0, [])
    return out


class _TooMany(Exception):
    """More placings tried than `_BUDGET`: the segment is not read (its reading is not proven one)."""


_MAX_BLOCK = 4  # rows printed column by column at a segment's end, at most
_BUDGET = 20_000  # column choices tried per segment


def _column_wise(values: Sequence[Decimal], start: int, rows: int, layout: Layout,
                 spent: list[int]) -> list[list[tuple[int, ...]]]:
    """Every reading of values[start:] as `rows` rows printed column by column, each column's printed
    cells in row order, blank cells absent, every row printing its total (capped at two distinct
    readings), as each row's amount indices. An identity is checked as soon as its columns are
    chosen; `spent` counts the choices tried (`_TooMany` past `_BUDGET`)."""
    width, n = len(layout.labels), len(values)
    out: list[list[tuple[int, ...]]] = []
    subsets = [tuple(r for r in range(rows) if mask >> r & 1) for mask in range(1, 1 << rows)]
    due: dict[int, list] = {}  # column -> the identities complete once it is chosen
    for t, parts in layout.sums:
        due.setdefault(max(t, *parts), []).append((t, parts))
    bounds: dict[int, list] = {}
    for p, w in layout.bounds:
        bounds.setdefault(max(p, w), []).append((p, w))

    def cell(cols: list[dict[int, int]], k: int, r: int) -> Decimal:
        return values[cols[k][r]] if r in cols[k] else Decimal(0)

    def holds(cols: list[dict[int, int]], c: int) -> bool:
        for r in range(rows):
            for t, parts in due.get(c, ()):
                if not close(cell(cols, t, r), sum((cell(cols, q, r) for q in parts), Decimal(0)), len(parts) + 1):
                    return False
            for q, w in bounds.get(c, ()):
                if cell(cols, q, r) > cell(cols, w, r):
                    return False
        return True

    def walk(c: int, j: int, cols: list[dict[int, int]]) -> None:
        spent[0] += 1
        if spent[0] > _BUDGET:
            raise _TooMany
        if len(out) > 1:
            return
        if c and not holds(cols, c - 1):
            return
        if c == width:
            if j == n:
                reading = [tuple(sorted(cols[k][r] for k in range(width) if r in cols[k])) for r in range(rows)]
                if reading not in out:
                    out.append(reading)
            return
        if n - j > (width - c) * rows:
            return
        options = [tuple(range(rows))] if c == 0 else [()] + subsets
        for chosen in options:
            if j + len(chosen) <= n:
                walk(c + 1, j + len(chosen), cols + [{r: j + t for t, r in enumerate(chosen)}])

    walk(0, start, [])
    return out


def one_reading(values: Sequence[Decimal], rows: int, layout: Layout) -> Optional[list[tuple[int, ...]]]:
    """Each row's amount indices in the one reading of the segment that places every row (its rows
    printed row after row, or the first ones so and its last two to `_MAX_BLOCK` column by column); None
    where no reading or more than one does."""
    try:
        return _one_reading(values, rows, layout)
    except _TooMany:
        return None


def _one_reading(values: Sequence[Decimal], rows: int, layout: Layout) -> Optional[list[tuple[int, ...]]]:
    found: list[list[tuple[int, ...]]] = []
    spent = [0]
    for whole in _row_wise(values, rows, layout):
        found.append(whole)
    for block in range(2, min(_MAX_BLOCK, rows) + 1):
        head = rows - block
        for cut in range(head, min(len(values), head * len(layout.labels)) + 1):
            heads = _row_wise(values[:cut], head, layout) if head else [[]]
            if not heads:
                continue
            tails = _column_wise(values, cut, block, layout, spent)
            for h in heads:
                for t in tails:
                    reading = h + t
                    if reading not in found:
                        found.append(reading)
            if len(found) > 1:
                return None
    return found[0] if len(found) == 1 else None


@dataclass
class _Segment:
    subjects: list[tuple[str, str, NLine]] = field(default_factory=list)  # code ('' for 合计), name, line
    amounts: list[tuple[str, NLine]] = field(default_factory=list)


def _header(lines: Sequence[NLine], i: int) -> tuple[list[str], int]:
    """The header's words (one a line) from lines[i] to the first subject line, and that line's index."""
    words, j = [], i
    while j < min(len(lines), i + 60):
        t = lines[j].text.strip()
        if _CODE_LINE.match(t) or AMOUNT.match(t):
            break
        if t:
            words.append(t)
        j += 1
    return words, j


def _segments(lines: Sequence[NLine], j: int) -> tuple[list[_Segment], int]:
    """The segments from lines[j] (a subject line) to the first line that is none of theirs."""
    segs: list[_Segment] = []
    end = min(len(lines), j + _MAX_LINES)
    while j < end:
        ln = lines[j]
        t = ln.text.strip()
        if not t:
            j += 1
            continue
        m = _CODE_LINE.match(t)
        if m or _TOTAL_LINE.match(t):
            if not segs or segs[-1].amounts:
                segs.append(_Segment())
            code, name = (m.group(1), m.group(2)) if m else ("", "合计")
            segs[-1].subjects.append((code, name, ln))
        elif AMOUNT.match(t) and segs:
            segs[-1].amounts.append((t, ln))
        elif (segs and segs[-1].subjects and not segs[-1].amounts and segs[-1].subjects[-1][0]
              and _NAME_PIECE.match(t) and not is_preamble(ln)):
            code, name, at = segs[-1].subjects[-1]
            segs[-1].subjects[-1] = (code, name + t, at)  # a name wrapped in its narrow column
        else:
            break
        j += 1
    return segs, j


def read_segments(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    header, j = _header(lines, i)
    layout = layout_of(header)
    if layout is None or j >= len(lines) or not _CODE_LINE.match(lines[j].text.strip()):
        return None, i + 1
    segs, end = _segments(lines, j)
    if not segs or not segs[-1].amounts:
        return None, i + 1
    rows: list[list] = []
    read = 0
    for seg in segs:
        values = [parse_amount(a)[0] for a, _ in seg.amounts]
        if any(v is None for v in values):
            continue
        reading = one_reading(values, len(seg.subjects), layout)
        if reading is None:
            continue
        read += sum(1 for code, _, _ in seg.subjects if code)
        for (code, name, at), own in zip(seg.subjects, reading):
            run = [seg.amounts[k] for k in own]
            vals = [values[k] for k in own]
            options = placings(vals, layout)
            cells = [text_cell(at, code), text_cell(at, name)] + [text_cell(at, "") for _ in layout.labels]
            for c in range(len(layout.labels)):
                held = {vals[opt.index(c)] if c in opt else None for opt in options}
                pos = options[0].index(c) if c in options[0] else None
                if pos is not None:
                    word, ln = run[pos]
                    cells[2 + c] = amount_cell(ln, word, doubt=_DOUBT if len(held) > 1 else None)
                elif len(held) > 1:  # blank in the first placing, an amount in another
                    cells[2 + c] = amount_cell(at, "", doubt=_DOUBT)
            rows.append(cells)
    subjects = sum(1 for s in segs for code, _, _ in s.subjects if code)
    if read < _MIN_ROWS or read < _SHARE * subjects:
        return None, i + 1
    first = lines[i]
    grid = [[text_cell(first, h) for h in ("科目编码", "科目名称") + layout.labels]] + rows
    return with_report(GridBlock(rows=grid, first_line=first.no, last_line=lines[end - 1].no,
                                 method="segment-runs")), end


@text_reader(9)
class SegmentRunsReader:
    """A coded table printed as segments of subject lines, each followed by its rows' amounts, blank
    cells absent; split where the header's sums allow one split."""

    name = "segment-runs"

    def __init__(self) -> None:
        self._last = LastRead()

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        t = lines[i].text.strip()
        if not t or len(t) > 20 or not after_title(lines, i):
            return False
        return self.read(lines, i)[0] is not None

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return self._last.get(lines, i, lambda: read_segments(lines, i))
