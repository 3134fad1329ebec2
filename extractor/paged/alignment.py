"""The alignment reader: unruled tables rebuilt from the columns their words line up in.

What it does: on one page's text lines (with word positions), finds a title line (…表), then the
rows whose words line up in columns, and rebuilds their grid from the bands the amount rows' words
occupy (header words go to the band they overlap; a code column printed staggered by level is one
band). A table goes on over runs of lines without
amounts set one right under the other (cells wrapped over several lines), and a label or text
printed over several lines around its amount line is joined into one cell (wrapped.py; a join
that is a guess carries a `layout.row_guess` repair, which keeps it in review). An amount glued to
the text of the next column (0.00项目…) is split. It reads PDF text layers (`stream`) and OCR
lines (`ocr-stream`) alike, and gives each table its parsing report.
What it does not: read ruled tables (camelot lattice in ingest/pdf_tables.py, OCR grids in
ocr/grid.py) or text-only layouts (structure/text_tables.py).
"""
from __future__ import annotations

from typing import Optional

import regex as re

from ..datamodel import SourceTable, TableCell
from ..datamodel.schema import Repair
from ..datamodel.readers import grid_report, register
from ..evidence.numbers import CELL_NUMBER
from ..evidence.printed import NOTE_LINE, TABLE_NUMBER_START, TITLE_END, UNIT_WORD, WHO
from .wrapped import join_wrapped


def _numeric_tokens(line: dict) -> int:
    return sum(1 for t, _, _ in line["tokens"] if CELL_NUMBER.match(t))


def _unit_line(text: str) -> bool:
    """A line between a title and its table: the unit, who made it, the table's number."""
    return bool(UNIT_WORD.search(text) or WHO.search(text) or TABLE_NUMBER_START.search(text))


_MAX_RUN = 12  # lines without amounts between two amount lines that a table may hold (wrapped cells)
# an amount glued to the text of the next column (0.00项目提供…: the two set without a gap)
_GLUED_GAP = 3.0  # points left between the two, wider than the slack that merges words into one band
_GLUED = re.compile(r"([-+]?\d[\d,]*\.\d+)(?=[^\d.,%\s万元亿])")


def _width(text: str) -> float:
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text)


def _split_glued(tokens: list) -> list:
    """A word that is an amount glued to a text of three characters or more (an amount column
    right before a text column) -> the two words, split where the characters' widths put it."""
    out = []
    for t, a, b in tokens:
        m = _GLUED.match(t)
        tail = t[m.end():] if m else ""
        if m and CELL_NUMBER.match(m.group(1)) and len(tail) >= 3 and any(ch >= "\u4e00" for ch in tail):
            x = a + (b - a) * _width(m.group(1)) / max(_width(t), 0.5)
            out += [(m.group(1), a, x), (tail, x + _GLUED_GAP, b)]
        else:
            out.append((t, a, b))
    return out


def _is_data(line: dict) -> bool:
    return _numeric_tokens(line) >= 1 and len(line["tokens"]) >= 2


def _tight(above: dict, below: dict) -> bool:
    """Two lines set one right under the other: no blank line between them."""
    return below["top"] - above["bottom"] <= max(above["bottom"] - above["top"], below["bottom"] - below["top"])


def _ends(line: dict) -> bool:
    return bool(NOTE_LINE.match(line["text"]) or TITLE_END.search(line["text"]))


def _table_end(lines: list[dict], start: int) -> Optional[int]:
    """The last amount line of the table whose rows start at `start`: amount lines, with at most one
    line without amounts between two of them, or a run of such lines set one right under the other
    (cells wrapped over several lines) — not a note or a title."""
    k = start
    last = None
    while k < len(lines) and not _ends(lines[k]):
        if _is_data(lines[k]):
            last = k
            k += 1
            continue
        if last is None:
            k += 1
            continue
        m = k
        while m < len(lines) and m - k < _MAX_RUN and not _ends(lines[m]) and not _is_data(lines[m]):
            m += 1
        if m < len(lines) and not _ends(lines[m]) and _is_data(lines[m]) and (
                m - k == 1 or all(_tight(lines[x - 1], lines[x]) for x in range(k, m + 1))):
            k = m
            continue
        break
    return last


def _band_of(bands: list[list[float]], a: float, b: float) -> int:
    best = max(range(len(bands)), key=lambda n: min(b, bands[n][1]) - max(a, bands[n][0]))
    if min(b, bands[best][1]) - max(a, bands[best][0]) <= 0:
        best = min(range(len(bands)), key=lambda n: abs((a + b) / 2 - sum(bands[n]) / 2))
    return best


def _stream_tables(lines: list[dict], page_no: int) -> list[dict]:
    """Unruled tables: a title line (…表), then rows whose words line up in columns. Columns are
    the bands the words of the amount rows occupy; header words go to the band they overlap. A
    label or text printed over several lines around its amount line is joined to it (wrapped.py);
    where which row a piece belongs to is a guess, the cell carries a review repair."""
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
        last_data = _table_end(lines, start)
        if last_data is None or sum(1 for x in lines[start:last_data + 1] if _numeric_tokens(x)) < 2:
            i += 1
            continue
        region = [dict(ln, tokens=_split_glued(ln["tokens"])) for ln in lines[start:last_data + 1]]
        data = [ln for ln in region if _numeric_tokens(ln)]
        spans = sorted((a, b) for ln in data for _, a, b in ln["tokens"])
        bands: list[list[float]] = []
        for a, b in spans:
            if bands and a <= bands[-1][1] + 2:
                bands[-1][1] = max(bands[-1][1], b)
            else:
                bands.append([a, b])
        bands = _staggered_codes(data, bands)
        amount = _amount_bands(region, bands)
        tail = _trailing(lines, last_data, bands, amount)
        region += [dict(ln, tokens=_split_glued(ln["tokens"])) for ln in tail]
        texts, ends = [], []
        for ln in region:
            cells = [""] * len(bands)
            right: list[Optional[float]] = [None] * len(bands)
            for t, a, b in ln["tokens"]:
                n = _band_of(bands, a, b)
                cells[n] += t
                right[n] = b
            texts.append(cells)
            ends.append(right)
        rows, kept = _joined_rows(region, texts, ends, [k for k in range(len(bands)) if k not in amount],
                                  len(region) - len(tail), page_no)
        got = [region[k] for k in kept]
        bbox = (min(ln["x0"] for ln in got), got[0]["top"], max(ln["x1"] for ln in got), got[-1]["bottom"])
        found.append({"bbox": bbox, "rows": rows, "accuracy": None, "method": "stream"})
        i = max(last_data, start + kept[-1]) + 1
    return found


_CODE_WORD = re.compile(r"^\d{3,9}$")  # a 科目 code: 201, 20140, 2014001


def _staggered_codes(data: list[dict], bands: list[list[float]]) -> list[list[float]]:
    """One code column printed staggered by level (`201` flush left, `20140` and `2014001` indented
    under it) falls into several bands; two neighbouring bands that hold nothing but codes, and
    never both on one line, are that one column."""
    k = 0
    while k + 1 < len(bands):
        pair = [[t for t, a, b in ln["tokens"] if _band_of(bands, a, b) in (k, k + 1)] for ln in data]
        both = [ln for ln in data if {_band_of(bands, a, b) for _, a, b in ln["tokens"]} >= {k, k + 1}]
        if all(_CODE_WORD.match(t) for ws in pair for t in ws) and any(pair) and not both:
            bands[k:k + 2] = [[bands[k][0], bands[k + 1][1]]]
            continue
        k += 1
    return bands


def _amount_bands(region: list[dict], bands: list[list[float]]) -> set[int]:
    """The bands where the amount lines print amounts more often than text."""
    num = [0] * len(bands)
    txt = [0] * len(bands)
    for ln in region:
        if not _is_data(ln):
            continue
        for t, a, b in ln["tokens"]:
            k = _band_of(bands, a, b)
            if CELL_NUMBER.match(t):
                num[k] += 1
            else:
                txt[k] += 1
    return {k for k in range(len(bands)) if num[k] > txt[k]}


def _trailing(lines: list[dict], last: int, bands: list[list[float]], amount: set[int]) -> list[dict]:
    """Lines right under the last amount line, set one under the other, without amounts and with
    no word over an amount column: the last row's wrapped pieces (those no row takes are dropped)."""
    out: list[dict] = []
    k = last + 1
    while k < len(lines) and len(out) < _MAX_RUN and not _ends(lines[k]) and not _numeric_tokens(lines[k]) \
            and _tight(lines[k - 1], lines[k]) and not any(
                min(b, bands[n][1]) - max(a, bands[n][0]) > 0 for _, a, b in lines[k]["tokens"] for n in amount):
        out.append(lines[k])
        k += 1
    return out


def _joined_rows(region: list[dict], texts: list[list[str]], ends: list[list[Optional[float]]],
                 text_bands: list[int], body: int,
                 page_no: int) -> tuple[list[list[TableCell]], list[int]]:
    """Rows of the table with wrapped cells joined to their amount line (the pieces' lines drop out
    when nothing else is left on them); trailing lines (from `body` on) only as far as a row takes
    them. -> (rows, the indices of the lines kept)."""
    # amount lines: from the first line printing an amount among other words on, every line that
    # prints one (a row whose label is all on other lines may print a single amount)
    first = next((k for k, ln in enumerate(region) if _is_data(ln)), len(region))
    data = [k for k, ln in enumerate(region) if k >= first and _numeric_tokens(ln)]
    pieces = [k for k, ln in enumerate(region) if not _numeric_tokens(ln)]
    heights = sorted(region[k]["bottom"] - region[k]["top"] for k in data)
    joined = join_wrapped(region, texts, ends, data, pieces, text_bands, heights[len(heights) // 2])
    cells = [[TableCell(text=c, page=page_no) for c in row] for row in texts]
    for (a, b), parts in joined.cells.items():
        cells[a][b].text = "\n".join(texts[k][b] for k in parts)
    for a, b in joined.guessed:
        cells[a][b].repairs = [Repair(kind="layout.row_guess", note=_WRAP_GUESS, status="unconfirmed")]
    taken_until = max((k for k, _ in joined.taken if k >= body), default=body - 1)
    rows, kept = [], []
    for k in range(len(region)):
        if k > taken_until:
            break
        left = [c for n, c in enumerate(cells[k]) if (k, n) not in joined.taken]
        if any((k, n) in joined.taken for n in range(len(texts[k]))) and not any(c.text.strip() for c in left):
            continue
        for n in range(len(texts[k])):
            if (k, n) in joined.taken:
                cells[k][n] = TableCell(text="", page=page_no)
        rows.append(cells[k])
        kept.append(k)
    return rows, kept


_WRAP_GUESS = ("a label printed over several lines: which row its pieces belong to is a guess from "
               "their places")


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
