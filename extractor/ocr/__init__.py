"""OCR: page images -> lines and table cells with confidence, into the same Document.

What it does: for each ScanPage of a Document (an image file's pages, or PDF pages without a text
layer) prepares the image (seal ink removed, upright, deskewed), runs the PP-OCR engine, settles a
page turned 180° by the better recognition score, has the table readers find tables — the grid
reader (GridReader here: ruled tables from their lines, each recognised word in its cell) and the
alignment reader (paged/alignment.py, as ocr-stream) for unruled ones — repairs numeric words, and
inserts the page's lines and tables where the page stands. Every line and cell keeps its OCR
score as its confidence and its box (in pixels of the image as given) as provenance.
What it does not: interpret the text (normalize/ and later stages do, as for any route).
"""
from __future__ import annotations

from typing import Optional

from ..datamodel import Document, Line, SourceTable
from ..datamodel.readers import grid_report, register
from ..evidence.policy import OCR_LINE_REPAIR_FACTOR
from ..paged.alignment import stream_tables
from ..paged.lines import drop_running, lines_of_boxes, place_tables
from .cells import flag_unread_ink, reread_empty_cells
from .engines import Engine, TextBox, get_engine
from .grid import cell_rows, find_grids, place
from .preprocess import prepare, turn_180
from .repair import repair_brackets, repair_line, repair_number, repair_ordinals

LOW_SCORE = 0.85  # mean recognition score under which a page is also tried turned 180°


def _mean(boxes: list[TextBox]) -> float:
    return sum(b.score for b in boxes) / len(boxes) if boxes else 0.0


@register
class GridReader:
    """Ruled tables of a page image: the grid from its ruling lines (grid.py), each recognised word
    in the cell under it, empty cells with ink read again, cells with ink no word covers flagged,
    numbers and item numbers repaired. Returns ([(top, SourceTable)], the words outside every grid,
    notes)."""

    name = "ocr-grid"

    def read(self, gray, boxes: list[TextBox], engine: Engine, scale: float, page: int
             ) -> tuple[list[tuple[float, SourceTable]], list[TextBox], list[str]]:
        notes: list[str] = []
        grids = find_grids(gray)
        free: list[TextBox] = []
        for b in boxes:
            if not any(place(g, b) for g in grids):
                free.append(b)
        tables: list[tuple[float, SourceTable]] = []
        for g in grids:
            reread = reread_empty_cells(g, gray, engine.read_line)
            if reread:
                notes.append(f"{reread} empty cell(s) with ink read again")
            unread = flag_unread_ink(g, gray)
            if unread:
                notes.append(f"{unread} cell(s) with ink no word covers: sent to review")
            rows = cell_rows(g, scale, page)
            for row in rows:
                for cell in row:
                    fixed, rep = repair_number(cell.text)
                    if rep:
                        cell.text, cell.repairs = fixed, list(cell.repairs) + rep
                    else:
                        cell.text = repair_brackets(cell.text)
            for c in range(max((len(r) for r in rows), default=0)):
                at = [k for k, r in enumerate(rows) if c < len(r)]
                for k, (fixed, rep) in repair_ordinals([rows[i][c].text for i in at]).items():
                    cell = rows[at[k]][c]
                    cell.text, cell.repairs = fixed, list(cell.repairs or []) + [rep]
            bbox = (g.x0 / scale, g.y0 / scale, g.x1 / scale, g.y1 / scale)
            scores = [b.score for row in g.texts for cell in row for b in cell]
            report = grid_report(self.name, ([c.text for c in r] for r in rows), [page],
                                 joined_cells=sum(1 for r in rows for c in r if "\n" in c.text),
                                 ocr_score=sum(scores) / len(scores) if scores else None)
            tables.append((g.y0, SourceTable(at=0, rows=rows, method=self.name, page=page, bbox=bbox, report=report)))
        return tables, free, notes


def ocr_page(image, engine: Engine, page: int) -> tuple[list[dict], list[tuple[float, SourceTable]], list[str], float]:
    """One page image -> (text line dicts, [(top, table)], notes, page height in pixels)."""
    prep = prepare(image)
    notes = list(prep.notes)
    gray = prep.image
    boxes = engine.recognize(gray)
    if boxes and _mean(boxes) < LOW_SCORE:
        turned = turn_180(gray)
        other = engine.recognize(turned)
        if _mean(other) > _mean(boxes) + 0.05:
            gray, boxes = turned, other
            notes.append("page read turned by 180°")
    if prep.rotation:
        notes.append(f"page turned by {prep.rotation}° to read it")
    if prep.skew:
        notes.append(f"page deskewed by {prep.skew}°")
    scale = prep.scale
    tables, free, grid_notes = GridReader().read(gray, boxes, engine, scale, page)
    notes.extend(grid_notes)
    line_dicts = lines_of_boxes([(b.text, *b.box, b.score) for b in free])
    for t in stream_tables(line_dicts, page, name="ocr-stream"):
        top, bottom = t.bbox[1], t.bbox[3]
        score = min((ln["score"] for ln in line_dicts if top - 1 <= ln["top"] <= bottom + 1), default=1.0)
        for row in t.rows:
            for cell in row:
                fixed, rep = repair_number(cell.text)
                cell.text, cell.repairs = fixed, rep
                cell.conf = score
        t.report.ocr_score = round(score, 3)
        t.bbox = tuple(v / scale for v in t.bbox)
        tables.append((top, t))
        line_dicts = [ln for ln in line_dicts if not (top - 1 <= ln["top"] and ln["bottom"] <= bottom + 1)]
    for ln in line_dicts:
        ln["scale"] = scale
    return line_dicts, sorted(tables, key=lambda t: t[0]), notes, float(gray.shape[0])


def _page_lines(line_dicts: list[dict], tables: list[tuple[float, SourceTable]], page: int
                ) -> tuple[list[Line], list[tuple[int, SourceTable]]]:
    def make_line(k: int, ln: dict) -> Line:
        text, rep = repair_line(ln["text"])
        scale = ln.get("scale", 1.0)
        return Line(text=text, no=k, page=page, conf=ln["score"] * (OCR_LINE_REPAIR_FACTOR if rep else 1.0),
                    bbox=tuple(v / scale for v in (ln["x0"], ln["top"], ln["x1"], ln["bottom"])))

    return place_tables(line_dicts, tables, make_line)


def read_scans(doc: Document, engine_name: str = "rapid", engine: Optional[Engine] = None) -> None:
    """OCR every ScanPage of `doc` and insert its lines and tables in place."""
    if not doc.scans:
        return
    engine = engine or get_engine(engine_name)
    pages = []
    for scan in sorted(doc.scans, key=lambda s: (s.at, s.page)):
        try:
            image = scan.load()
        except Exception as exc:  # a page that cannot be decoded is recorded, the others go on
            doc.problems.append(("ocr", "error", f"page {scan.page}: cannot read the image: {exc}"))
            continue
        line_dicts, tables, notes, height = ocr_page(image, engine, scan.page)
        for n in notes:
            doc.problems.append(("ocr", "info", f"page {scan.page}: {n}"))
        if not line_dicts and not tables:
            doc.problems.append(("ocr", "warning", f"page {scan.page}: no text found"))
        pages.append((scan, line_dicts, tables, height))
    # running headers and page numbers of the scanned pages, as for a text layer
    drop_running([p[1] for p in pages], [p[3] for p in pages])
    inserts: dict[int, list] = {}
    for scan, line_dicts, tables, _ in pages:
        inserts.setdefault(scan.at, []).append(_page_lines(line_dicts, tables, scan.page))
    new_lines: list[Line] = []
    shift: list[int] = []
    new_tables: list[SourceTable] = []
    for i in range(len(doc.lines) + 1):
        for lines, placed in inserts.get(i, []):
            base = len(new_lines)
            new_lines.extend(lines)
            new_lines.append(Line(text="", no=None, page=lines[0].page if lines else None))
            for at, t in placed:
                t.at = base + at
                new_tables.append(t)
        shift.append(len(new_lines))
        if i < len(doc.lines):
            new_lines.append(doc.lines[i])
    for t in doc.tables:
        t.at = shift[t.at] if t.at < len(shift) else len(new_lines)
        new_tables.append(t)
    doc.lines = new_lines
    doc.tables = sorted(new_tables, key=lambda t: t.at)
    doc.route = doc.route if doc.route != "pdf-text" else "pdf-text+ocr"
