"""The structured document: what structure/ hands to recognize/ and validate/.

What it does: defines Cell (one printed table cell with its provenance), GridBlock (a table as a
reader found it: rows of cells, the reader's `method` and parsing report, its title lines and
notes, and amounts it left for the document-level pass: Detached), Narrative (the text outside
tables joined into paragraphs, with a map from every character
back to its printed line) and Structured (narrative, built tables and their grids together).
What it does not: build any of these (structure/ does) or read values (recognize/, evidence/).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Optional, Union

from .normalized import NLine, NormalizedDocument
from .schema import ParsingReport, Repair, Table


@dataclass
class Cell:
    text: str  # normalized (full-width mapped), inner line breaks joined
    orig: str  # the same before character mapping
    line: int
    page: Optional[int] = None
    bbox: Optional[tuple] = None
    repaired: bool = False
    joined: bool = False  # text came from several printed lines
    conf: Optional[float] = None  # OCR confidence of the cell's text
    repairs: Optional[list[Repair]] = None  # repairs made before structure (OCR lookalikes), or doubts

    @property
    def key(self) -> str:
        return "".join((self.text).split())


@dataclass
class Detached:
    """Amounts of one grid column a reader could not tie to their rows by itself (pdftotext without
    `-layout` prints a two-sided table's expenditure amounts apart from their labels, some as a bare
    run after the page footer): `run` in printed order (the column read top to bottom), `attached`
    those printed right after a row's 行次 (grid row index -> cell), `rows` the grid rows they may
    stand in (index -> the row's label), `grand` the other side's 总计 as read. A document-level pass
    (structure/detached_runs.py) places them where another table of the report confirms them.
    A side of several amount columns (公开04表: 合计 and the three funds) gives `run` the rows' first
    column (合计) and `parts` each run entry's other amounts (grid column -> cell), their columns
    certain by `parts_note`; `totals_from` names the tables (templates) whose 类 totals confirm the
    run (the 收入/支出决算表 for a 公开01表 — a budget's 收入总表 / 支出总表 for its 收支总表 —, the fund's own
    table for a 公开04表)."""

    column: int
    rows: dict[int, str]
    run: list[Cell] = field(default_factory=list)
    attached: dict[int, Cell] = field(default_factory=dict)
    grand: Optional[str] = None
    parts: list[dict[int, Cell]] = field(default_factory=list)
    parts_note: str = ""
    totals_from: tuple[str, ...] = ("final.02", "final.03", "budget.income", "budget.expenditure")
    # a two-sided table printing no 行次 (structure/sides_bare.py): the run holds both sides' amounts
    # interleaved, `left` the income rows (grid row index -> label) in the grid column `left_column`
    left: dict[int, str] = field(default_factory=dict)
    left_column: int = -1
    # the expenditure side's fund columns after `column` (its 合计) where that side prints several
    # (a 财政拨款收入支出决算总表 printing no 行次): grid column -> the fund's words (一般公共预算 …)
    fund_columns: dict[int, str] = field(default_factory=dict)
    # the rows' labels (and amounts) printed out of their rows' order, the sides' items with sub-items
    # (structure/sides_bare.py's tree shape): the run is dealt by value and sums, never by order
    unordered: bool = False


@dataclass
class GridBlock:
    rows: list[list[Cell]]
    first_line: int
    last_line: int
    method: str  # the reader: flat | pipe | tsv (text) or the page reader's (lattice, stream, ocr-grid …)
    preamble: list[NLine] = field(default_factory=list)  # title / 公开表 / 部门 单位 lines before it
    notes: list[NLine] = field(default_factory=list)  # 注：/说明： lines after it
    report: Optional[ParsingReport] = None  # the reader's parsing report
    detached: Optional[Detached] = None  # amounts left for the document-level pass to place


Block = Union[GridBlock, NLine]


@dataclass
class Narrative:
    """The narrative text: `text` (cleaned) and `orig` (printed) of equal length, paragraphs
    separated by newlines; `starts[k]` is the offset where `lines[k]` begins, `cols[k]` the column
    of that line its text starts at, `repaired_at` the offsets where a join repair happened."""

    text: str
    orig: str
    starts: list[int] = field(default_factory=list)
    lines: list[NLine] = field(default_factory=list)
    cols: list[int] = field(default_factory=list)
    repaired_at: set[int] = field(default_factory=set)

    def source_at(self, offset: int) -> Optional[NLine]:
        if not self.starts:
            return None
        k = bisect.bisect_right(self.starts, offset) - 1
        return self.lines[max(k, 0)]

    def lines_between(self, start: int, end: int) -> list[NLine]:
        a = max(bisect.bisect_right(self.starts, start) - 1, 0)
        b = max(bisect.bisect_right(self.starts, max(end - 1, start)) - 1, 0)
        return self.lines[a:b + 1]

    def joined_between(self, start: int, end: int) -> bool:
        """True if the span crosses a broken-line join or a repair."""
        return len(self.lines_between(start, end)) > 1 or any(start <= r < end for r in self.repaired_at)


@dataclass
class Structured:
    ndoc: NormalizedDocument
    narrative: Narrative
    tables: list[Table] = field(default_factory=list)
    grids: list[GridBlock] = field(default_factory=list)
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (stage, severity, message)
