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
keeps the identities. A segment is read only where exactly one split places every run: then each
row's amounts are its own. A cell is confident where every placing that keeps the identities puts
the same amount there (blank or not); else it takes the first such placing's amount under review
(`layout.column_guess`: `5.000000` is 人员经费 or 公用经费 when 小计 is 5 and only one of them printed).
A name wrapped onto the next line (a text line between a code line and the segment's amounts) is
joined to it; the `合计` row (its word, then its amounts) is read the same way.
The table is taken only where its segments read hold most of its subject lines (two in three) and
three rows at least: a converter that prints the table some other way is left to the other readers.

What it does not: read a segment whose amounts split more than one way or none (pdfminer.six moves
some rows' amounts away from their segment: a run with one amount, or other rows' amounts after a
segment's own, breaks the sums, and the whole segment is left out), tables whose header names no
such columns (the 支出总表's three subject columns, the 基本支出表's economic codes printed column by
column), or a table continued under its title printed again (it ends at the first line that is no
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
_MAX_SPLITS = 10_000  # splits counted per segment before it is given up (more than one is enough)
_CODE_LINE = re.compile(r"^(\d{3}|\d{5}|\d{7})\s+(\p{Han}\S*(?:\s+\S+)*)$")
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
        if all(close(grid[t], sum((grid[p] for p in parts), Decimal(0)), len(parts) + 1)
               for t, parts in layout.sums) and all(grid[p] <= grid[w] for p, w in layout.bounds):
            out.append(cols)
    return out


def one_split(values: Sequence[Decimal], rows: int, layout: Layout) -> Optional[list[int]]:
    """The run lengths of the one split of `values` into `rows` runs that each place; None where no
    split or more than one does."""
    n, width = len(values), len(layout.labels)
    placed: dict[tuple[int, int], bool] = {}

    def places(a: int, b: int) -> bool:
        if (a, b) not in placed:
            placed[(a, b)] = bool(placings(values[a:b], layout))
        return placed[(a, b)]

    ways: dict[tuple[int, int], int] = {}  # (amount index, row index) -> splits of the rest, capped at 2

    def count(j: int, r: int) -> int:
        if r == rows:
            return int(j == n)
        key = (j, r)
        if key not in ways:
            total = 0
            for m in range(1, width + 1):
                if j + m > n:
                    break
                if places(j, j + m):
                    total += count(j + m, r + 1)
                    if total > 1:
                        break
            ways[key] = min(total, 2)
        return ways[key]

    if n > rows * width or n < rows or count(0, 0) != 1:
        return None
    lengths, j = [], 0
    for r in range(rows):
        for m in range(1, width + 1):
            if j + m <= n and places(j, j + m) and count(j + m, r + 1) == 1:
                lengths.append(m)
                j += m
                break
    return lengths


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
        lengths = one_split(values, len(seg.subjects), layout)
        if lengths is None:
            continue
        read += sum(1 for code, _, _ in seg.subjects if code)
        k = 0
        for (code, name, at), m in zip(seg.subjects, lengths):
            run = seg.amounts[k:k + m]
            vals = values[k:k + m]
            options = placings(vals, layout)
            k += m
            cells = [text_cell(at, code), text_cell(at, name)] + [text_cell(at, "") for _ in layout.labels]
            for c in range(len(layout.labels)):
                held = {vals[opt.index(c)] if c in opt else None for opt in options}
                pos = options[0].index(c) if c in options[0] else None
                if pos is not None:
                    word, ln = run[pos]
                    cells[2 + c] = amount_cell(ln, word, doubt=_DOUBT if len(held) > 1 else None)
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
