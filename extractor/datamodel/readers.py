"""Table readers: one interface for every way a table is found, and the parsing report each gives.

What it does: defines what a table reader is — a named object whose `read` takes a page (PDF page,
page image, positioned lines) or a run of normalized lines and returns candidate tables: rows of
printed cells with their provenance, plus the reader's own ParsingReport (as camelot gives one for
each table). `register` keeps readers by name (like spaCy's registered components), so a new reader
plugs in with one decorator and shows up as the `method` of the tables it reads. `grid_report`
computes the measures every reader shares.
What it does not: read anything itself; the readers live with the stage whose input they read
(ingest/pdf_tables.py: lattice; paged/alignment.py: stream and ocr-stream; ocr/grid.py: ocr-grid;
ingest/docx.py: docx; structure/text_tables.py: flat, pipe, tsv).
"""
from __future__ import annotations

from typing import Any, Iterable, Optional, Protocol, Sequence

from .schema import ParsingReport


class PageReader(Protocol):
    """Reads the tables of one page: `read(page, ...)` -> candidate tables (SourceTable or the
    stage's own cell rows), each carrying a ParsingReport."""

    name: str

    def read(self, *args: Any, **kwargs: Any) -> list: ...


class LineReader(Protocol):
    """Reads a table that starts at `lines[i]` of a normalized document: `starts(lines, i)` says
    whether its layout starts there; `read(lines, i)` -> (GridBlock or None, index after it)."""

    name: str

    def starts(self, lines: Sequence, i: int) -> bool: ...

    def read(self, lines: Sequence, i: int) -> tuple[Optional[Any], int]: ...


READERS: dict[str, Any] = {}


def register(reader: Any) -> Any:
    """Register a reader (class or instance) under its `name`, which must be its own (the name is the
    `method` of the tables it reads); returns it unchanged."""
    known = READERS.get(reader.name)
    if known is not None and known is not reader and getattr(known, "__qualname__", None) != getattr(
            reader, "__qualname__", object()):
        raise ValueError(f"two table readers named {reader.name!r}: {known!r} and {reader!r}")
    READERS[reader.name] = reader
    return reader


def grid_report(reader: str, texts: Iterable[Sequence[str]], pages: Iterable[Optional[int]] = (),
                joined_cells: int = 0, accuracy: Optional[float] = None,
                ocr_score: Optional[float] = None) -> ParsingReport:
    """The measures every reader shares, from the printed cells' texts: rows, widest row, percent of
    empty cells, rows narrower than the widest."""
    rows = [list(r) for r in texts]
    width = max((len(r) for r in rows), default=0)
    cells = sum(len(r) for r in rows)
    empty = sum(1 for r in rows for t in r if not str(t).strip())
    return ParsingReport(
        reader=reader, pages=sorted({p for p in pages if p is not None}), rows=len(rows), cols=width,
        whitespace=round(100.0 * empty / cells, 2) if cells else 0.0,
        ragged_rows=sum(1 for r in rows if len(r) < width), joined_cells=joined_cells,
        accuracy=round(accuracy, 2) if accuracy is not None else None,
        ocr_score=round(ocr_score, 3) if ocr_score is not None else None)


def joined_report(a: ParsingReport, b: ParsingReport) -> ParsingReport:
    """The report of a table continued on the next page: both pieces' measures together."""
    cells_a, cells_b = a.rows * max(a.cols, 1), b.rows * max(b.cols, 1)
    total = cells_a + cells_b
    acc = [x for x in (a.accuracy, b.accuracy) if x is not None]
    ocr = [x for x in (a.ocr_score, b.ocr_score) if x is not None]
    return ParsingReport(
        reader=a.reader if a.reader == b.reader else f"{a.reader}+{b.reader}",
        pages=sorted(set(a.pages) | set(b.pages)), rows=a.rows + b.rows, cols=max(a.cols, b.cols),
        whitespace=round((a.whitespace * cells_a + b.whitespace * cells_b) / total, 2) if total else 0.0,
        ragged_rows=a.ragged_rows + b.ragged_rows, joined_cells=a.joined_cells + b.joined_cells,
        accuracy=min(acc) if acc else None, ocr_score=min(ocr) if ocr else None, parts=a.parts + b.parts)
