"""The lattice reader: ruled tables of PDF pages, found by camelot's lattice parser.

What it does: runs camelot 2.0 lattice (pages rendered through pypdfium2, no Ghostscript) on the
pages that have ruling lines, and turns each camelot table into rows of printed cells — a cell
spanning columns is one cell whose bbox covers its whole span, the rows a vertically merged cell covers below its first row hold an
empty cell (the shape every reader shares); text camelot put in a covered grid cell goes to the
merged cell. Each table keeps camelot's own accuracy in its parsing report. On a page whose fonts
have broken metrics (pdf.py moves their boxes to where the glyphs are drawn), each cell's text is
taken from the moved characters, since camelot would place it half a row too low. The last piece
of a `code-name` cell that wraps over its bottom rule (camelot puts it atop the cell below) goes
back to its cell.
What it does not: read text lines (pdf.py) or unruled tables (paged/alignment.py).
"""
from __future__ import annotations

import warnings
from typing import Optional

import regex as re

from ..datamodel import SourceTable, TableCell
from ..datamodel.readers import grid_report, register
from .pages import page_ranges


def _widen(cell: TableCell, right: float, bottom: float) -> None:
    """A merged cell's bbox grows over the grid cells it covers (its printed span)."""
    x1, y1, x2, y2 = cell.bbox
    cell.bbox = (x1, y1, max(x2, right), max(y2, bottom))


_HAN = re.compile(r"\p{Han}")


def _text_of(cell, chars: list[dict], page_height: float) -> str:
    """A grid cell's text from the page's characters whose middle lies in it: lines top to bottom
    (joined by a newline), characters left to right, a space where a gap is wider than 0.6 of a
    character (not between two Chinese characters)."""
    top, bottom = page_height - cell.y2, page_height - cell.y1
    inside = [ch for ch in chars if cell.x1 <= (ch["x0"] + ch["x1"]) / 2 <= cell.x2
              and top <= (ch["top"] + ch["bottom"]) / 2 <= bottom and ch["text"].strip()]
    lines: list[list[dict]] = []
    for ch in sorted(inside, key=lambda ch: ((ch["top"] + ch["bottom"]) / 2, ch["x0"])):
        mid = (ch["top"] + ch["bottom"]) / 2
        if lines and abs(mid - (lines[-1][0]["top"] + lines[-1][0]["bottom"]) / 2) <= 0.5 * (ch["bottom"] - ch["top"]):
            lines[-1].append(ch)
        else:
            lines.append([ch])
    out = []
    for line in lines:
        parts, prev = [], None
        for ch in sorted(line, key=lambda ch: ch["x0"]):
            if prev is not None and ch["x0"] - prev["x1"] > 0.6 * max(ch["x1"] - ch["x0"], 1.0) and not (
                    _HAN.match(prev["text"]) and _HAN.match(ch["text"])):
                parts.append(" ")  # (letter-spaced Chinese, 合  计, is one word)
            parts.append(ch["text"])
            prev = ch
        out.append("".join(parts))
    return "\n".join(out)


def _cell_rows(table, page_height: float, page_no: int, chars: Optional[list[dict]] = None) -> list[list[TableCell]]:
    """camelot grid cells -> printed cells (spans collapsed as in converted text). With `chars`
    (the page's characters, boxes moved where the fonts' metrics are broken) each grid cell's text
    is taken from them, not from camelot's placing."""
    grid = table.cells
    origin: dict[tuple[int, int], tuple[int, int]] = {}  # grid position -> (row, col) of its merged cell
    rows: list[list[TableCell]] = []
    emitted: dict[tuple[int, int], TableCell] = {}
    for r, grow in enumerate(grid):
        row: list[TableCell] = []
        for c, cell in enumerate(grow):
            text = (_text_of(cell, chars, page_height) if chars is not None else cell.text or "").strip()
            if c > 0 and not cell.left and (r, c - 1) in origin:
                o = origin[(r, c - 1)]
                origin[(r, c)] = o
                if o in emitted:
                    _widen(emitted[o], cell.x2, page_height - cell.y1)
                if text and o in emitted:
                    emitted[o].text = (emitted[o].text + text).strip()
                continue
            if r > 0 and not cell.top and (r - 1, c) in origin:
                o = origin[(r - 1, c)]
                origin[(r, c)] = o
                if o in emitted:
                    _widen(emitted[o], cell.x2, page_height - cell.y1)
                if text and o in emitted:
                    emitted[o].text = (emitted[o].text + "\n" + text).strip()
                row.append(TableCell(text="", page=page_no,
                                     bbox=(cell.x1, page_height - cell.y2, cell.x2, page_height - cell.y1)))
                continue
            origin[(r, c)] = (r, c)
            tc = TableCell(text=text, page=page_no,
                           bbox=(cell.x1, page_height - cell.y2, cell.x2, page_height - cell.y1))
            emitted[(r, c)] = tc
            row.append(tc)
        rows.append(row)
    _return_overflow(rows)
    return rows


# a `code-name` cell's start (`2130306-水利工程运行与维`, `50205-委托业务费`): its name never starts with a code
_CODE_START = re.compile(r"^\d{3}(?:\s?\d{2}){0,2}\s*[-－—]\s*\D")


def _return_overflow(rows: list[list[TableCell]]) -> None:
    """A `code-name` cell whose text wraps past its ruled cell's bottom line prints its last
    piece (`护` of `2130306-水利工程运行与维护`) over the rule, so camelot puts that piece at the
    top of the cell below, before that cell's own `code-name` text. Lines without digits that stand
    before a line starting with a code go back to the end of the cell above in the same column, when
    that cell is a `code-name` cell too."""
    for above_row, row in zip(rows, rows[1:]):
        for cell in row:
            lines = cell.text.split("\n")
            start = next((i for i, line in enumerate(lines) if _CODE_START.match(line.strip())), 0)
            if start == 0 or any(ch.isdigit() for line in lines[:start] for ch in line):
                continue
            above = next((a for a in above_row if abs(a.bbox[0] - cell.bbox[0]) < 1.0
                          and abs(a.bbox[2] - cell.bbox[2]) < 1.0), None)
            if above is None or not _CODE_START.match(above.text.strip()):
                continue
            above.text = above.text + "\n" + "\n".join(line.strip() for line in lines[:start])
            cell.text = "\n".join(lines[start:]).strip()


@register
class LatticeReader:
    """camelot lattice over the given pages of one PDF: {page: [SourceTable]}. A failing camelot
    is recorded in `problems` and gives no tables (the text is still read)."""

    name = "lattice"

    def read(self, spath: str, pages: list[int], problems: list,
             chars_of: Optional[dict[int, list[dict]]] = None) -> dict[int, list[SourceTable]]:
        try:
            import camelot
        except ImportError:  # pragma: no cover - camelot is a dependency
            problems.append(("ingest", "warning", "camelot is not installed: tables were not read"))
            return {}
        out: dict[int, list[SourceTable]] = {}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                found = camelot.read_pdf(spath, pages=",".join(map(str, pages)), flavor="lattice", line_scale=40,
                                         split_text=True)
            except Exception as exc:  # a table finder failing must not lose the text
                problems.append(("ingest", "warning", f"camelot failed on pages {page_ranges(pages)}: {exc}"))
                return {}
        for t in found:
            page_no = int(t.page)
            h = float(t.pdf_size[1]) if getattr(t, "pdf_size", None) else 842.0
            x1, y1, x2, y2 = t._bbox
            rows = _cell_rows(t, h, page_no, (chars_of or {}).get(page_no))
            accuracy = float(t.accuracy) if t.accuracy is not None else None
            out.setdefault(page_no, []).append(SourceTable(
                at=0, rows=rows, method=self.name, page=page_no, bbox=(x1, h - y2, x2, h - y1),
                report=grid_report(self.name, ([c.text for c in r] for r in rows), [page_no], accuracy=accuracy)))
        return out
