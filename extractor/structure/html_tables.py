"""Reader of HTML `<table>` markup inside converted text (markdown from document converters).

What it does: from a line holding `<table`, takes the lines up to the matching `</table>` and parses
them with the standard library's html.parser: one row per `<tr>`, one printed cell per `<td>`/`<th>`;
`rowspan` / `colspan` are laid out as every reader does it (the spanning cell is one Cell at its
top-left position, the positions it covers are empty Cells; an empty `<tr>` counts for the rowspans
above it and is then left out), `<br>` inside a cell is joined (the
cell is marked joined), entities (&nbsp; &amp; &#12288;) are decoded. Each Cell keeps the line its
text started on. The GridBlock's method is `html`.
What it does not: read markdown pipe tables (text_tables.py) or any other markup than tables (the
text around a table stays narrative); nested tables are read as cells of the outer table.
"""
from __future__ import annotations

from html.parser import HTMLParser
from typing import Optional, Sequence

from ..datamodel import Cell, GridBlock, NLine
from .text_tables import with_report, text_reader

_MAX_SPAN = 200  # a rowspan/colspan beyond this is a markup error, not a printed table
_MAX_LINES = 20000  # a table not closed within this many lines is read up to there


def _span(value: Optional[str]) -> int:
    try:
        n = int((value or "1").strip())
    except ValueError:
        return 1
    return min(max(n, 1), _MAX_SPAN)


class _TableParser(HTMLParser):
    """Collects rows of (text, rowspan, colspan, line offset, joined) from table markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[tuple[str, int, int, int, bool]]] = []
        self._row: Optional[list] = None
        self._cell: Optional[list[str]] = None
        self._attrs: tuple[int, int, int] = (1, 1, 0)
        self._joined = False
        self._depth = 0  # nested <table> depth inside a cell

    def handle_starttag(self, tag, attrs):
        if tag == "table" and self._cell is not None:
            self._depth += 1
        elif self._depth:
            return
        elif tag == "tr":
            self._close_cell()
            self._row = []
            self.rows.append(self._row)
        elif tag in ("td", "th"):
            self._close_cell()
            if self._row is None:
                self._row = []
                self.rows.append(self._row)
            a = dict(attrs)
            self._cell = []
            self._joined = False
            self._attrs = (_span(a.get("rowspan")), _span(a.get("colspan")), self.getpos()[0] - 1)
        elif tag == "br" and self._cell is not None:
            self._joined = True
        elif tag in ("p", "div", "li") and self._cell:
            self._joined = True  # a paragraph inside a cell: its text continues the cell

    def handle_endtag(self, tag):
        if tag == "table" and self._depth:
            self._depth -= 1
        elif self._depth:
            return
        elif tag in ("td", "th"):
            self._close_cell()
        elif tag == "tr":
            self._close_cell()
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def _close_cell(self) -> None:
        if self._cell is None or self._row is None:
            self._cell = None
            return
        text = "".join("".join(self._cell).split()) if self._joined else " ".join("".join(self._cell).split())
        rs, cs, off = self._attrs
        self._row.append((text, rs, cs, off, self._joined))
        self._cell = None

    def close(self):
        super().close()
        self._close_cell()


def _parse(markup: str) -> list[list[tuple[str, int, int, int, bool]]]:
    p = _TableParser()
    p.feed(markup)
    p.close()
    return p.rows  # a <tr> with no cell stays: the rowspans above count it


def _table_end(lines: Sequence[NLine], i: int) -> int:
    """Index after the line that closes the table opened on lines[i] (nesting counted)."""
    depth = 0
    for j in range(i, min(len(lines), i + _MAX_LINES)):
        low = lines[j].text.lower()
        depth += low.count("<table") - low.count("</table")
        if depth <= 0:
            return j + 1
    return min(len(lines), i + _MAX_LINES)


def _layout(parsed_text, parsed_orig, lines: Sequence[NLine], i: int) -> list[list[Cell]]:
    """Place the parsed cells on the printed grid: spans occupy positions, covered ones are empty."""
    same_shape = [len(r) for r in parsed_text] == [len(r) for r in parsed_orig]
    taken: dict[tuple[int, int], NLine] = {}
    grid: dict[tuple[int, int], Cell] = {}
    for r, row in enumerate(parsed_text):
        c = 0
        for k, (text, rs, cs, off, joined) in enumerate(row):
            while (r, c) in taken:
                c += 1
            line = lines[min(i + off, len(lines) - 1)]
            orig = parsed_orig[r][k][0] if same_shape else text
            grid[(r, c)] = Cell(text=text, orig=orig, line=line.no, page=line.page, bbox=line.bbox,
                                repaired=orig != text if same_shape else line.repaired, joined=joined)
            for dr in range(rs):
                for dc in range(cs):
                    taken[(r + dr, c + dc)] = line
            c += cs
    nrows = max((r for r, _ in taken), default=-1) + 1
    ncols = max((c for _, c in taken), default=-1) + 1
    rows: list[list[Cell]] = []
    for r in range(nrows):
        if not any((r, c) in grid for c in range(ncols)):
            continue  # a row no cell starts in (an empty <tr>, or one spanned over): nothing printed
        row = []
        for c in range(ncols):
            cell = grid.get((r, c))
            if cell is None:
                line = taken.get((r, c))
                cell = Cell(text="", orig="", line=line.no if line else lines[i].no)
            row.append(cell)
        # a row's trailing positions that nothing covers were never printed
        while row and (r, len(row) - 1) not in taken:
            row.pop()
        rows.append(row)
    return [r for r in rows if r]


@text_reader(15)
class HtmlTableReader:
    """HTML tables (document converters write them into markdown when cells span)."""

    name = "html"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        t = lines[i].text
        return "<" in t and "<table" in t.lower()

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        end = _table_end(lines, i)
        chunk = lines[i:end]
        parsed = _parse("\n".join(ln.text for ln in chunk))
        if not any(parsed):
            return None, i + 1
        parsed_orig = _parse("\n".join(ln.orig for ln in chunk))
        rows = _layout(parsed, parsed_orig, chunk, 0)
        if not rows:
            return None, i + 1
        block = GridBlock(rows=rows, first_line=lines[i].no, last_line=lines[end - 1].no, method="html")
        return with_report(block), end
