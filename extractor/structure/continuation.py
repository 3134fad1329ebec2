"""Tables that run over several pages become one table.

What it does: a PDF table whose next page starts with another table of the same width — no title
of its own between them (a unit line or a “续表” mark may stand there), the first without its 注
lines yet — is the same table continued: its rows are appended, a header repeated on the new
page is dropped (also where one page's table is ruled and the other's not, so that a spanning
header cell is one cell on one page and a cell with blanks beside it on the other), and the table
remembers every page it covers. A page that prints the table's title again (Xi'an prints `表6`,
title, qualifier and unit line on every page) continues it only where its first row repeats the
table's header: forms of one title each start with their own fields.
What it does not: join tables of text or DOCX routes (their tables are not cut by pages).
"""
from __future__ import annotations

from ..datamodel import Block, GridBlock, NLine
from ..datamodel.readers import joined_report
from ..evidence.numbers import CELL_NUMBER as _NUMBER
from ..evidence.printed import AMOUNT_UNIT, CONTINUED, TITLE_END, WHO

PAGED = ("lattice", "stream", "ocr-grid", "ocr-stream")  # the readers of paged formats


def _width(b: GridBlock) -> int:
    return max((len(r) for r in b.rows), default=0)


def _key(row) -> tuple:
    return tuple("".join(c.text.split()) for c in row)


def _page(b: GridBlock, last: bool) -> int | None:
    row = b.rows[-1] if last else b.rows[0]
    return row[0].page if row else None


def _continues(a: GridBlock, b: GridBlock) -> bool:
    if a.method not in PAGED or b.method not in PAGED or a.notes:
        return False
    pa, pb = _page(a, True), _page(b, False)
    if pa is None or pb is None or pb != pa + 1:
        return False
    if _width(a) != _width(b):
        return False
    titled = False
    for ln in b.preamble:
        t = ln.text.strip()
        if t and not WHO.match(t) and not AMOUNT_UNIT.search(t) and not CONTINUED.search(t):
            a_title = "".join("".join(x.text.split()) for x in a.preamble)
            if "".join(t.split()) not in a_title:
                return False
            titled = titled or bool(TITLE_END.search(t))
    # a page that prints the title again is the same table only where it prints the header again
    # too (a form of the same title starts with its own fields)
    return not titled or bool(b.rows) and _repeats_header(b.rows[0], a)


def _repeats_header(row, a: GridBlock) -> bool:
    """The row is a header row of `a` printed again: the same cells (one read differently only where
    OCR read them, in a row of four cells or more: a form's `项目名称 | X` row differs from the next
    form's in one cell)."""
    k = _key(row)
    return any(k) and (k in [_key(r) for r in a.rows[:6]] or _same_printed(row, a.rows[:6])
                       or a.method.startswith("ocr") and len(row) >= 4 and _same_header(row, a.rows[:6]))


def _printed(row) -> tuple:
    return tuple(k for k in _key(row) if k)


def _same_printed(row, head) -> bool:
    """A header row printed again that another reader cut otherwise: the same words in the same
    order, three of them or more, where one reader made a spanning cell one cell (camelot: a ruled
    page) and the other left blanks in the columns it spans (the alignment reader: an unruled
    page), or the reverse."""
    k = _printed(row)
    return len(k) >= 3 and not any(_NUMBER.match(t) for t in k) and k in [_printed(h) for h in head]


def _same_header(row, head) -> bool:
    """A repeated header row that OCR read slightly differently (a 栏次 number missed)."""
    k = _key(row)
    for h in head:
        if len(h) == len(row):
            hk = _key(h)
            same = sum(1 for a, b in zip(k, hk) if a == b)
            if same >= len(k) - 1 and any(hk) and not any(ch.isdigit() and "." in ch for ch in k):
                return True
    return False


def join_continued(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, GridBlock):
            # the previous table, with only blank lines between
            k = len(out) - 1
            while k >= 0 and isinstance(out[k], NLine) and not out[k].text.strip():
                k -= 1
            if k >= 0 and isinstance(out[k], GridBlock) and _continues(out[k], b):
                a = out[k]
                rows = list(b.rows)
                head = [_key(r) for r in a.rows[:6]]
                while rows and (_key(rows[0]) in head or _same_printed(rows[0], a.rows[:6])
                                or _same_header(rows[0], a.rows[:6])):
                    rows.pop(0)  # the header printed again on the new page
                a.rows.extend(rows)
                a.last_line = b.last_line
                a.notes.extend(b.notes)
                if a.report is not None and b.report is not None:
                    a.report = joined_report(a.report, b.report)
                del out[k + 1:]
                continue
        out.append(b)
    return out
