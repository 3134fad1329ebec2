"""Reader `unit-columns`: a table keyed by unit (`单位名称`) printed column by column (pdfminer.six).

What it does: Guangdong's 收入总体情况表 keys its rows by unit (`单位名称` | 合计 | 一般公共预算 … 上年结转结余)
and prints every cell (0.00 included). pdfminer.six prints it as boxes: the header's words, the 合计
row's label and the units' names (one box each, a unit's name perhaps printed among the amounts),
then the amounts, column by column or a few columns' cells row by row, sometimes two cells glued on
one line (`0.00 19,904.01`). This reader takes the table's region (from the header's first line after
a subject title, up to a line that is neither an amount, a unit's name, a note nor page furniture),
its rows (the 合计 label printed right before the units' names or before the first amount, then the
units in printed order), its columns (a standard column tree of unit tables, spaced_labelled.TREES,
whose labels the header's characters cover and that has one row identity: 合计 = Σ the others), and
places the amounts with the column-runs placer (column_runs.place_grid: every interleaving of the
columns read top-down, kept only where exactly one grid keeps 合计 = Σ the other columns on every row
and the 合计 row = Σ the units). The rows so cut are then read like pdftotext's unit table
(row_stream.read_categories, category_rows' header test): the spaced reader checks the sums again.
The units' names are given to the rows in printed order, which no sum confirms: their amounts go to
review (`layout.row_guess`); the 合计 row's are confirmed, unless the grid is a guess itself (the
placer's fewest columns or columns of 0s: every cell to review).
What it does not: read a table that leaves blank cells out (the amounts must be rows x columns), runs
over a page break, has a column tree with a group's own 小计 / 合计 (two identities: the 基本支出预算表's
财政拨款 合计), or whose stream no single grid places (the table is left to the other readers).
"""
from __future__ import annotations

from typing import Optional, Sequence

import regex as re

from ..datamodel import GridBlock, NLine
from ..evidence.printed import NOTE_LINE
from .category_rows import category_header
from .column_runs import place_grid
from .row_stream import read_categories
from .spaced_labelled import TREES
from .spaced_rows import unit_name
from .spaced_text import after_title, covers, furniture, under_subject_title
from .text_tables import LastRead, text_reader

Token = tuple[str, NLine]

_AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$")
_TOTAL = "合计"
_UNIT_LINE = re.compile(r"^(?:单位名称|单位|部门|编制单位)\s*[:：]")  # the unit line, the amount unit
_TABLE_CODE = re.compile(r"^表\s*\d+(?:-\d+)?$")
_MAX_LINES = 400  # lines of a table's region, at most
_MIN_UNITS = 1


def _cells(line: NLine) -> Optional[list[str]]:
    """The amounts of a line of amounts only (one, or a few glued), else None."""
    words = line.text.split()
    return words if words and all(_AMOUNT.match(w) for w in words) else None


def _region(lines: Sequence[NLine], i: int) -> Optional[tuple[list[Token], list[Token], list[Token], int]]:
    """(the header's words, the row labels in printed order, the amounts, the region's end) for the
    table whose header starts at lines[i], else None."""
    words: list[Token] = []
    labels: list[Token] = []
    amounts: list[Token] = []
    k = i
    while k < len(lines) and k - i < _MAX_LINES:
        ln = lines[k]
        t = ln.text.strip()
        if not t:
            k += 1
            continue
        cells = _cells(ln)
        if cells is not None:
            amounts.extend((w, ln) for w in cells)
        elif amounts and unit_name(t) and len(t.split()) == 1:
            labels.append((t, ln))  # a unit's name printed among the amounts (its name may recur on
            # many pages: no running header here)
        elif NOTE_LINE.match(t) or _TABLE_CODE.match(t) or _UNIT_LINE.match(t):
            if amounts and _UNIT_LINE.match(t):
                break  # the next page's unit line
        elif furniture(lines, ln) and amounts:
            break  # a page's end: the table goes no further here
        elif len(t.split()) > 1:
            if amounts:
                break
            words.extend((w, ln) for w in t.split())
        elif amounts:
            break  # a line that is no cell of this table
        else:
            words.append((t, ln))
        k += 1
    if not amounts:
        return None
    # the row labels before the first amount: the 合计 label and the units' names printed last
    j = len(words)
    while j > 0 and unit_name(words[j - 1][0]):
        j -= 1
    if j == 0 or words[j - 1][0] != _TOTAL:
        return None
    return words[:j - 1], [words[j - 1]] + words[j:] + labels, amounts, k


def _tree(header: list[str]) -> Optional[list[str]]:
    """The leaf labels of the one standard column tree the header covers whose only identity is the
    first column = Σ the others (no group of it prints its own 合计 / 小计)."""
    text = "".join(header)
    found = []
    for tree in TREES:
        labels = [w for top, subs in tree for w in (top, *subs)]
        leaves = [w for top, subs in tree for w in (subs or (top,))]
        if covers(text, labels) and not any(w in (_TOTAL, "小计") for w in leaves[1:]):
            found.append(leaves)
    return found[0] if len(found) == 1 else None


def read_unit_columns(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    got = _region(lines, i)
    if got is None:
        return None, i + 1
    header, labels, amounts, end = got
    words = [w for w, _ in header]
    if not category_header(words) or len(labels) < 1 + _MIN_UNITS:
        return None, i + 1
    leaves = _tree(words)
    if leaves is None or len(amounts) != len(labels) * len(leaves):
        return None, i + 1
    placed = place_grid(len(labels) - 1, amounts, len(leaves))
    if placed is None:
        return None, i + 1
    cells, sure = placed
    rows = [[label] + [col[r] for col in cells] for r, label in enumerate(labels)]
    guessed = set(range(1 if sure else 0, len(rows)))  # the units' names, by printed order only
    return read_categories(lines, i, end, (header, rows, guessed))


@text_reader(54)
class UnitColumnsReader:
    """A table keyed by unit printed column by column (pdfminer.six)."""

    name = "unit-columns"

    def __init__(self) -> None:
        self._last = LastRead()

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        t = lines[i].text.strip()
        if not t or len(t) > 40 or not after_title(lines, i) or not under_subject_title(lines, i):
            return False
        return self.read(lines, i)[0] is not None

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return self._last.get(lines, i, lambda: read_unit_columns(lines, i))
