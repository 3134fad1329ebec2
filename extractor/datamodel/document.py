"""The Document: what ingest hands to the later stages.

What it does: holds the lines of a report with their provenance (line number, page, bbox) and
facts about the source file (format, encoding, sha256).
What it does not: interpret anything; normalize/ and structure/ read it and add to it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from .schema import ParsingReport, Repair


@dataclass
class Line:
    """One line as ingested. `text` is the printed text, `no` its 1-based line number in the file
    (or on the page for paged formats), `page` 1-based or None, `bbox` where the format has one."""

    text: str
    no: Optional[int]
    page: Optional[int] = None
    bbox: Optional[tuple[float, float, float, float]] = None
    conf: Optional[float] = None  # recognition confidence (OCR); None when the text was printed text


@dataclass
class TableCell:
    """One printed cell of a table read from a structured format (DOCX, PDF). A cell spanning
    several columns is one TableCell; the positions a vertically merged cell covers below its first
    row are empty cells — the same shape converted text has."""

    text: str
    no: Optional[int] = None
    page: Optional[int] = None
    bbox: Optional[tuple[float, float, float, float]] = None
    conf: Optional[float] = None
    repairs: list[Repair] = field(default_factory=list)  # what OCR repair changed (O->0 …) or doubts


@dataclass
class ScanPage:
    """A page that is an image (a scan, or a PDF page without a text layer): the OCR stage reads it
    and puts its lines before `lines[at]` of the Document."""

    page: int
    at: int
    load: Callable[[], Any]  # -> numpy array (H, W[, 3]) uint8
    dpi: int = 200


@dataclass
class SourceTable:
    """A table as a page reader gave it: rows of cells, placed before `lines[at]` of the Document.
    `method` names the reader (datamodel/readers.py), `report` is its parsing report."""

    at: int
    rows: list[list[TableCell]]
    method: str  # docx | lattice | stream | ocr-grid | ocr-stream
    page: Optional[int] = None
    bbox: Optional[tuple[float, float, float, float]] = None
    report: Optional[ParsingReport] = None


@dataclass
class Document:
    path: str
    sha256: str
    format: str  # text | markdown | docx | doc | wps | pdf | image
    # text | docx | docx (converted by LibreOffice) | pdf-text | pdf-text+ocr (some pages scanned) | ocr
    route: str
    lines: list[Line]
    encoding: Optional[str] = None
    pages: Optional[int] = None
    size: int = 0
    tables: list[SourceTable] = field(default_factory=list)
    scans: list[ScanPage] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds of sub-steps (e.g. the table finder)
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (stage, severity, message)

    def warn(self, stage: str, message: str) -> None:
        self.problems.append((stage, "warning", message))
