"""The normalized document: what normalize/ hands to structure/.

What it does: defines NLine (a line after the repairs of normalize/, with the printed text beside
the cleaned one and its provenance), NTable (a table the format gave, its cells normalized like
lines) and NormalizedDocument.
What it does not: normalize anything (normalize/ does) or find tables in text (structure/).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .document import Document
from .schema import ParsingReport, Repair


@dataclass
class NLine:
    """A normalized line. `text` and `orig` have equal length; `no`/`page`/`bbox` are provenance.
    `cell` is True for a flattened-table cell line (it started with a TAB)."""

    text: str
    orig: str
    no: Optional[int]  # None for a table cell of a paged format (page and bbox say where)
    page: Optional[int] = None
    bbox: Optional[tuple] = None
    repaired: bool = False  # characters were mapped (full-width)
    conf: Optional[float] = None  # OCR recognition confidence; None for printed text
    repairs: Optional[list[Repair]] = None  # repairs made before this stage (OCR lookalikes)

    @property
    def cell(self) -> bool:
        return self.orig.startswith("\t")


@dataclass
class NTable:
    """A table read from a structured format, its cells normalized like lines (one NLine a cell),
    placed before `lines[at]` of the normalized document. `method` names the reader that found it
    and `report` is that reader's parsing report."""

    at: int
    rows: list[list[NLine]]
    method: str
    report: Optional[ParsingReport] = None


@dataclass
class NormalizedDocument:
    doc: Document
    lines: list[NLine]
    removed: int = 0  # lines dropped as debris
    tables: list[NTable] = field(default_factory=list)
    # what normalize removed or converted, by kind (page_line, form_feed, running_header,
    # page_mark_inline, pinyin_ruby, nbsp_mask, traditional_line, bar_row, row_number, lifted_numbers): counts, for a reader of the run
    counts: dict[str, int] = field(default_factory=dict)
