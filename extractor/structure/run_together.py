"""Reader of a plain table run together on one line with spaces (web pages, `.xls` previews).

What it does: a long line after a table's title area whose words are a header, an optional 栏次
row (栏次 1 2 3 … or the bare numbers) and rows of a label (a subject code and its name, or a
name, or 合计) followed by amounts is cut into its printed grid: the number of amount columns comes
from the 栏次 numbers (else only a one-row header, a label over each column, is taken: then the rows
that print the most amounts give the count), and the header's spans are rebuilt from its labels as
cell_grid.py does for tables printed one cell per line. Such copies drop blank cells: a row with all its amounts is placed; a row with fewer amounts cannot be placed with
certainty, so it keeps its label and no amounts, and a note on the table names the amounts left out.
What it does not: read tables of side-by-side blocks (收入 | 支出, 公开06表's groups: with blank cells
gone their blocks cannot be told apart), 绩效 forms (one_line.py), or a header whose labels hold
spaces that split them into several words (the tree is then not found and the line stays narrative).
"""
from __future__ import annotations

from collections import Counter
from typing import Optional, Sequence

import regex as re

from ..datamodel import Cell, GridBlock, NLine
from .cell_grid import _KEY_LABEL, _is_code_at, _is_value, _key, _lanci_end, _runs, header_rows
from .cell_lines import _title_before
from .text_tables import with_report

_TOKEN = re.compile(r"\S+")
_MIN_WORDS = 12


def _cells(line: NLine) -> list[Cell]:
    out = []
    for m in _TOKEN.finditer(line.text):
        s, e = m.span()
        text, orig = line.text[s:e], line.orig[s:e]
        out.append(Cell(text=text, orig=orig, line=line.no, page=line.page, bbox=line.bbox, repaired=text != orig))
    return out


def _empty(at: Cell) -> Cell:
    return Cell(text="", orig="", line=at.line, page=at.page, bbox=at.bbox)


def _splits(cells: list[Cell]) -> list[tuple[list[Cell], list[Cell], Optional[int]]]:
    """Ways to part the words into (header cells, data cells, amount columns from the 栏次 row or
    None), the likelier first."""
    lanci = _lanci_end(cells)
    if lanci is not None:
        if lanci[2] > 1:
            return []  # 栏次 printed per block: side by side
        labelled = _key(cells[lanci[0]].text) in ("栏次", "行次")
        return [(cells[:lanci[0]], cells[lanci[1]:], lanci[1] - lanci[0] - (1 if labelled else 0))]
    first = next((k for k in range(len(cells)) if _is_code_at(cells, k) or _is_value(cells[k].text)), None)
    if not first:
        return []
    if _is_code_at(cells, first):
        return [(cells[:first], cells[first:], None)]
    # an amount first: its row's label is the word before it, unless the table is one row of amounts
    return [(cells[:first - 1], cells[first - 1:], None), (cells[:first], cells[first:], None)]


def _read(line: NLine) -> Optional[tuple[list[list[Cell]], list[str]]]:
    cells = _cells(line)
    for head, data, nval in _splits(cells):
        got = _grid(head, data, nval)
        if got is not None:
            return got
    return None


def _grid(head: list[Cell], data: list[Cell], nval: Optional[int]) -> Optional[tuple[list[list[Cell]], list[str]]]:
    runs = _runs(data)
    if not head or not runs or any(keys == 0 for _, keys, _ in runs[1:]):
        return None
    key_cols = Counter(keys for _, keys, _ in runs).most_common(1)[0][0]
    if key_cols == 0 and len(runs) > 1:
        return None
    if key_cols and key_cols < 2 and any(_KEY_LABEL.match(_key(c.text)) and _key(c.text) not in ("项目", "行次")
                                         for c in head[1:]):
        key_cols = 2  # 科目编码 and 科目名称 printed: a 合计 row alone spans both
    if nval is None:
        # no 栏次 numbers: the rows that print the most amounts give the count — certain only when
        # the header is one row with a label over each column (a column left blank in every row
        # would otherwise go unseen, and the labels be spread over too few columns)
        counts = Counter(vals for _, _, vals in runs)
        nval = max(counts)
        if counts[nval] < min(2, len(runs)) or len(head) != key_cols + nval:
            return None
    width = key_cols + nval
    laid = header_rows(head, width, frozenset(range(key_cols)))
    if laid is None or not laid[1]:
        return None
    rows = laid[0]
    left_out: list[str] = []
    for s, keys, vals in runs:
        key_cells = data[s:s + keys]
        values = data[s + keys:s + keys + vals]
        at = (key_cells or values)[0]
        if keys < key_cols:
            key_cells = key_cells + [_empty(at) for _ in range(key_cols - keys)]
        elif keys > key_cols:
            return None  # more labels than label columns: the words do not split into cells
        if vals == nval:
            rows.append(key_cells + values)
        else:
            rows.append(key_cells + [_empty(at) for _ in range(nval)])
            if values:
                left_out.append(f"{' '.join(c.text for c in key_cells if c.text)}: "
                                f"{' '.join(c.text for c in values)}")
    return rows, left_out


_NOTE = ("one-line table: blank cells were dropped in the copy, so these rows' amounts cannot be placed "
         "in their columns and were left out: ")


class RunTogetherTable:
    """A plain table run together on one line (web and `.xls` copies): the second half of the
    `one-line` reader (one_line.py), tried when the line is no 绩效 form."""

    name = "one-line"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        t = lines[i].text
        if len(t) < 60 or t.count(" ") < _MIN_WORDS:  # cheap test first: this runs on every line
            return False
        if "指标" in t and "三级指标" in t:
            return False  # a 绩效 form: one_line.py
        words = t.split()
        if len(words) < _MIN_WORDS or sum(1 for w in words if _is_value(w)) < 4:
            return False
        return _title_before(lines, i)

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        got = _read(lines[i])
        if got is None:
            return None, i + 1
        rows, left_out = got
        ln = lines[i]
        block = GridBlock(rows=rows, first_line=ln.no, last_line=ln.no, method="one-line")
        if left_out:
            text = _NOTE + "; ".join(left_out)
            block.notes.append(NLine(text=text, orig=text, no=ln.no, page=ln.page, bbox=ln.bbox))
        return with_report(block), i + 1
