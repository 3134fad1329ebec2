"""Reader `labelled-stream`: tables of labelled rows by unit or by class under a standard column tree
(Guangdong's budget tables: 收入总体情况表, 部门预算基本支出预算表, 部门预算项目支出及其他支出预算表),
printed one cell per line as PyMuPDF's `get_text()` prints them.

What it does: after the table's title, the header's words (broken over lines: 财政专 / 户拨款), then
the `合计` row: its label and one amount per line (or the unit's own row standing for it: the unit
the title area names, `部门名称：某某局（本级）`, printed whole or broken over lines, with its amounts). The number of amounts after 合计 gives the
table's width, and the header must name a standard column tree of that width (spaced_labelled.TREES,
whose characters the header covers), so every column is known. Each following row is its label
(one piece or several: a unit's or a project's name broken over lines) and exactly as many amounts;
a 绩效目标 text printed after a project's amounts (prose lines, ending in 。) is its goal text cell.
Page numbers, the table's own title lines and the header printed again on a new page are skipped.
A row whose amounts do not add up (the tree's total columns against their parts) goes to review
with the reason.
The table is read only while the stream keeps that order; at the first row with no label or another
number of amounts (pdftotext without -layout moves labels away from their amounts) the table ends
there, and a table whose first row after 合计 is not whole is declined.
What it does not: read subject tables (row_stream.py), tables whose header names no standard tree
(the amounts' columns would be guesses), or rows printed one per line (spaced_labelled.py).
"""
from __future__ import annotations

from typing import Optional, Sequence

import regex as re

from ..datamodel import Cell, GridBlock, NLine
from ..evidence.printed import NOTE_LINE, TITLE_END, WHO
from .spaced_labelled import TREES, adds_up, standard_tree, tree_rows, tree_sums
from .spaced_rows import table_unit, unit_name
from .spaced_text import (AMOUNT, SENTENCE, after_title, amount_cell, cell_line, furniture, text_cell, title_above,
                          title_like)
from .text_tables import text_reader, with_report
from .value_lines import has_value_lines

_TOTAL = re.compile(r"^(?:合计|总计)$")
_PAGE = re.compile(r"^(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d+\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?)$")
_MAX_HEADER = 40  # header lines before the 合计 row
_MAX_PIECES = 5  # pieces of a row's label
_UNIT_PIECES = 3  # lines the unit's name is broken over on its own row
_MAX_GOAL = 30  # lines of a goal text
_MAX_WIDTH = max(sum(max(1, len(subs)) for _, subs in tree) for tree in TREES)


def _amount(line: NLine) -> bool:
    """A line of amounts only (PyMuPDF may print two cells on one line: `0.00 19,904.01`)."""
    words = line.text.split()
    return bool(words) and all(AMOUNT.match(w) for w in words)


def _total_row(lines: Sequence[NLine], i: int, unit: Optional[str] = None) -> Optional[tuple[int, int]]:
    """(index of the 合计 line, its amounts' count) after the header from lines[i], else None. Where
    the title area names the table's unit, the unit's own row may stand for the 合计 row: its name
    as printed there (broken over up to three lines), then its amounts; the index is its first line."""
    seen = 0
    cells: list[int] = []  # the header's lines so far
    for j in range(i, min(len(lines), i + 3 * _MAX_HEADER)):
        t = lines[j].text.strip()
        if not t:
            continue
        if _amount(lines[j]) or not cell_line(lines[j]) or (title_like(lines[j]) and seen):
            return None
        seen += 1
        cells.append(j)
        if seen > _MAX_HEADER:
            return None
        at = j if _TOTAL.match(t) else None  # the 合计 row, or a header word 合计 (no amounts after it)
        if at is None and unit is not None:
            for m in range(1, min(_UNIT_PIECES, len(cells) - 1) + 1):
                if "".join("".join(lines[x].text.split()) for x in cells[-m:]) == unit:
                    at = cells[-m]
                    break
        if at is not None:
            n = 0
            k = j + 1
            while k < len(lines) and n <= _MAX_WIDTH and _amount(lines[k]):
                n += len(lines[k].text.split())
                k += 1
            if n >= 2:
                return at, n
    return None


def _tree(lines: Sequence[NLine], i: int) -> Optional[tuple[int, int, Sequence]]:
    got = _total_row(lines, i, table_unit(lines, i))
    if got is None:
        return None
    at, n = got
    header = "".join("".join(ln.text.split()) for ln in lines[i:at])
    tree = standard_tree(header, n)
    return (at, n, tree) if tree is not None else None


class _Stream:
    """The table's lines from the 合计 row on, page numbers and the repeated header skipped."""

    def __init__(self, lines: Sequence[NLine], start: int, header: list[str], own: set[str]) -> None:
        self.lines = lines
        self.k = start
        self.header = header
        self.own = own  # the table's title lines (code, title, 部门 and unit lines)

    def skip(self) -> None:
        while self.k < len(self.lines):
            t = self.lines[self.k].text.strip()
            if not t or _PAGE.match(t):
                self.k += 1
                continue
            echo = self._echo(t) or self._own_title(t)
            if echo:
                self.k += echo
                continue
            return

    def _own_title(self, t: str) -> int:
        """Lines of the table's own title block printed again from here (a new page of the table:
        its code, title, 部门 and unit lines, the title among them), else 0: another table's title
        ends the table."""
        k, titled = self.k, False
        while k < len(self.lines):
            key = " ".join(self.lines[k].text.split())
            if not key:
                k += 1
                continue
            if key not in self.own:
                break
            titled = titled or bool(TITLE_END.search(key))
            k += 1
        return k - self.k if titled else 0

    def _echo(self, t: str) -> int:
        """Lines of the header printed again from here: the whole header, or its last lines when its
        first ones, printed on every page, went as a running header."""
        for h in range(max(0, len(self.header) - 2)):
            rest = self.header[h:]
            if t == rest[0] and [ln.text.strip() for ln in self.lines[self.k:self.k + len(rest)]] == rest:
                return len(rest)
        return 0

    def peek(self) -> Optional[NLine]:
        self.skip()
        return self.lines[self.k] if self.k < len(self.lines) else None


def _goal_end(lines: Sequence[NLine], k: int) -> Optional[int]:
    """The last line of a goal text from lines[k] on: the last line ending in 。 before the next
    amount, title, note or page number."""
    end = None
    for j in range(k, min(len(lines), k + _MAX_GOAL)):
        t = lines[j].text.strip()
        if not t:
            continue
        if _amount(lines[j]) or title_like(lines[j]) or NOTE_LINE.match(t) or _PAGE.match(t):
            break
        if t.endswith("。"):
            end = j
    return end


def read_stream(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    found = _tree(lines, i)
    if found is None:
        return None, i + 1
    at, n, tree = found
    header_lines = [ln.text.strip() for ln in lines[i:at] if ln.text.strip()]
    goals = "绩效目标" in "".join(header_lines)
    sums = tree_sums(tree)
    head = lines[i]
    grid: list[list[Cell]] = [[text_cell(head, x) for x in r] for r in tree_rows(tree, goals)]
    own = {" ".join(ln.text.split()) for ln in title_above(lines, i)}
    s = _Stream(lines, at, header_lines, own)
    end = at
    rows = 0
    while True:
        ln = s.peek()
        if ln is None:
            break
        start = s.k
        pieces: list[NLine] = []
        while ln is not None and len(pieces) < _MAX_PIECES and not _amount(ln) and cell_line(ln) \
                and not title_like(ln) and not SENTENCE.search(ln.text) and not NOTE_LINE.match(ln.text.strip()):
            pieces.append(ln)
            s.k += 1
            ln = s.peek()
        values: list[tuple[NLine, str]] = []
        while ln is not None and len(values) < n and _amount(ln):
            values += [(ln, w) for w in ln.text.split()]
            s.k += 1
            ln = s.peek() if len(values) < n else ln
        if not pieces or len(values) != n or (s.k < len(lines) and _amount(lines[s.k])):
            s.k = start  # no label, or not this table's number of amounts: the table ends before it
            break
        label = "".join(p.text.strip() for p in pieces)
        texts = [w for _, w in values]
        doubt = None if adds_up(texts, sums) else "row uncertain: its total is not the sum of its parts as read"
        cells = [text_cell(pieces[0], label, joined=len(pieces) > 1)]
        cells += [amount_cell(v, t, doubt) for v, t in values]
        last = s.k
        if goals:
            goal_end = _goal_end(lines, s.k)
            goal = [x for x in lines[s.k:goal_end + 1] if x.text.strip()] if goal_end is not None else []
            cells.append(text_cell(goal[0] if goal else values[-1][0], "".join(x.text.strip() for x in goal),
                                   joined=len(goal) > 1))
            if goal_end is not None:
                s.k = last = goal_end + 1
        grid.append(cells)
        rows += 1
        end = last
    if rows < 2:  # the 合计 row and one row at least
        return None, i + 1
    block = GridBlock(rows=grid, first_line=lines[i].no, last_line=lines[end - 1].no, method="labelled-stream")
    block.preamble = []
    return with_report(block), end


@text_reader(33)
class LabelledStreamReader:
    """Labelled rows by unit or class under a standard column tree, one cell per line."""

    name = "labelled-stream"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        if not has_value_lines(lines) or not after_title(lines, i) or not lines[i].text.strip() \
                or not cell_line(lines[i]):  # cached tests first
            return False
        if not title_above(lines, i) or furniture(lines, lines[i]) and _PAGE.match(lines[i].text.strip()):
            return False
        return _tree(lines, i) is not None

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return read_stream(lines, i)
