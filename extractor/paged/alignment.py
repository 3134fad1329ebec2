"""The alignment reader: unruled tables rebuilt from the columns their words line up in.

What it does: on one page's text lines (with word positions), finds a title line (…表), then the
rows whose words line up in columns, and rebuilds their grid from the bands the amount rows' words
occupy (header words go to the band they overlap). It reads PDF text layers (`stream`) and OCR
lines (`ocr-stream`) alike, and gives each table its parsing report.
What it does not: read ruled tables (camelot lattice in ingest/pdf_tables.py, OCR grids in
ocr/grid.py) or text-only layouts (structure/text_tables.py).
"""
from __future__ import annotations

from ..datamodel import SourceTable, TableCell
from ..datamodel.readers import grid_report, register
from ..evidence.numbers import CELL_NUMBER
from ..evidence.printed import NOTE_LINE, TABLE_NUMBER_START, TITLE_END, UNIT_WORD, WHO


def _numeric_tokens(line: dict) -> int:
    return sum(1 for t, _, _ in line["tokens"] if CELL_NUMBER.match(t))


def _unit_line(text: str) -> bool:
    """A line between a title and its table: the unit, who made it, the table's number."""
    return bool(UNIT_WORD.search(text) or WHO.search(text) or TABLE_NUMBER_START.search(text))


def _stream_tables(lines: list[dict], page_no: int) -> list[dict]:
    """Unruled tables: a title line (…表), then rows whose words line up in columns. Columns are
    the bands the words of the amount rows occupy; header words go to the band they overlap."""
    found = []
    i = 0
    while i < len(lines):
        if not (TITLE_END.search(lines[i]["text"]) and len(lines[i]["text"]) <= 60):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and _unit_line(lines[j]["text"]):
            j += 1
        start = j
        k = j
        last_data = None
        while k < len(lines) and not NOTE_LINE.match(lines[k]["text"]) and not TITLE_END.search(lines[k]["text"]):
            if _numeric_tokens(lines[k]) >= 1 and len(lines[k]["tokens"]) >= 2:
                last_data = k
            elif last_data is not None and k - last_data > 1:
                break
            k += 1
        if last_data is None or sum(1 for x in lines[start:last_data + 1] if _numeric_tokens(x)) < 2:
            i += 1
            continue
        region = lines[start:last_data + 1]
        data = [ln for ln in region if _numeric_tokens(ln)]
        spans = sorted((a, b) for ln in data for _, a, b in ln["tokens"])
        bands: list[list[float]] = []
        for a, b in spans:
            if bands and a <= bands[-1][1] + 2:
                bands[-1][1] = max(bands[-1][1], b)
            else:
                bands.append([a, b])
        rows = []
        for ln in region:
            cells = [""] * len(bands)
            for t, a, b in ln["tokens"]:
                best = max(range(len(bands)), key=lambda n: min(b, bands[n][1]) - max(a, bands[n][0]))
                if min(b, bands[best][1]) - max(a, bands[best][0]) <= 0:
                    best = min(range(len(bands)), key=lambda n: abs((a + b) / 2 - sum(bands[n]) / 2))
                cells[best] += t
            rows.append([TableCell(text=c, page=page_no) for c in cells])
        bbox = (min(ln["x0"] for ln in region), region[0]["top"], max(ln["x1"] for ln in region), region[-1]["bottom"])
        found.append({"bbox": bbox, "rows": rows, "accuracy": None, "method": "stream"})
        i = last_data + 1
    return found


@register
class AlignmentReader:
    """Unruled tables of one page's positioned lines; `name` is stream for a PDF text layer and
    ocr-stream for OCR lines."""

    name = "stream"

    def __init__(self, name: str = "stream") -> None:
        self.name = name

    def read(self, lines: list[dict], page: int) -> list[SourceTable]:
        out = []
        for t in _stream_tables(lines, page):
            rows = t["rows"]
            out.append(SourceTable(at=0, rows=rows, method=self.name, page=page, bbox=t["bbox"],
                                   report=grid_report(self.name, ([c.text for c in r] for r in rows), [page])))
        return out


def stream_tables(lines: list[dict], page: int, name: str = "stream") -> list[SourceTable]:
    """The alignment reader's tables of one page (see AlignmentReader)."""
    return AlignmentReader(name).read(lines, page)
register(AlignmentReader("ocr-stream"))
