"""The alignment reader: unruled tables rebuilt from the columns their words line up in.

What it does: on one page's text lines (with word positions), finds a title line (…表), then the
rows whose words line up in columns, and rebuilds their grid from the bands the amount rows' words
occupy (header words go to the band they overlap; a code column printed staggered by level is one
band). A table goes on over runs of lines without
amounts set one right under the other (cells wrapped over several lines), and a label or text
printed over several lines around its amount line is joined into one cell (wrapped.py; a join
that is a guess carries a `layout.row_guess` repair, which keeps it in review). Header words
wrapped inside their column are joined and a two-level header is set as two rows (header.py). A
column no amount line prints in gets its band from the lines without amounts (names all centred
around their amount lines) or from a header word right of every band (a blank last column). A page
that opens, before any title, with the rest of the table the page before ends in (its header
printed again or not) is read as that table's rest when it lines up in as many columns
(continuation.py then joins the two). An amount glued to the text of the next column (0.00项目…,
0.002500、… cut at the line's decimals) is split. It reads PDF text layers (`stream`) and OCR
lines (`ocr-stream`) alike, and gives each table its parsing report.
What it does not: read ruled tables (camelot lattice in ingest/pdf_tables.py, OCR grids in
ocr/grid.py) or text-only layouts (structure/text_tables.py).
"""
from __future__ import annotations

from collections import Counter
from typing import Optional

import regex as re

from ..datamodel import SourceTable, TableCell
from ..datamodel.schema import Repair
from ..datamodel.readers import grid_report, register
from ..evidence.numbers import CELL_NUMBER
from ..evidence.printed import CODE_PART_LABEL, NOTE_LINE, TABLE_NUMBER_START, TITLE_END, UNIT_WORD, WHO
from .header import join_words, split_words, two_levels
from .wrapped import join_wrapped


def _numeric_tokens(line: dict) -> int:
    return sum(1 for t, _, _ in line["tokens"] if CELL_NUMBER.match(t))


def _unit_line(text: str) -> bool:
    """A line between a title and its table: the unit, who made it, the table's number."""
    return bool(UNIT_WORD.search(text) or WHO.search(text) or TABLE_NUMBER_START.search(text))


_MAX_RUN = 40  # lines without amounts between two amount lines that a table may hold (wrapped cells:
# a 绩效目标 text of a few hundred characters, set one line right under the other)
# an amount glued to the text of the next column (0.00项目提供…: the two set without a gap)
_WIDE = 4  # amounts a table's middle amount line prints from which a line printing under half as many
# sets no column
_GLUED_GAP = 3.0  # points left between the two, wider than the slack that merges words into one band
_GLUED = re.compile(r"([-+]?\d[\d,]*\.\d+)(?=[^\d.,%\s万元亿])")


def _width(text: str) -> float:
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text)


def _split_glued(tokens: list) -> list:
    """A word that is an amount glued to a text of three characters or more, Chinese or opening
    with two capitals (GB/T…) (an amount column right before a text column) -> the two words,
    split where the characters' widths put it. A text that starts with digits (0.002500、…) is cut
    where the line's other amounts end their decimals (0.00 | 2500、…)."""
    places = Counter(len(t.split(".")[1]) for t, _, _ in tokens if CELL_NUMBER.match(t) and "." in t)
    decimals = places.most_common(1)[0][0] if places else None
    out = []
    for t, a, b in tokens:
        m = _GLUED.match(t)
        num = m.group(1) if m else ""
        if m and decimals is not None and len(num.split(".")[1]) > decimals:
            num = num[:num.index(".") + 1 + decimals]
        tail = t[len(num):] if m else ""
        if m and CELL_NUMBER.match(num) and len(tail) >= 3 and (
                any(ch >= "\u4e00" for ch in tail) or re.match(r"[A-Z]{2}", tail)):
            x = a + (b - a) * _width(num) / max(_width(t), 0.5)
            out += [(num, a, x), (tail, x + _GLUED_GAP, b)]
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


def _title(line: dict) -> bool:
    return bool(TITLE_END.search(line["text"]) and len(line["text"]) <= 60)


def _stream_tables(lines: list[dict], page_no: int, top: Optional[int] = None) -> list[dict]:
    """Unruled tables: a title line (…表), then rows whose words line up in columns. Columns are
    the bands the words of the amount rows occupy; header words go to the band they overlap. A
    label or text printed over several lines around its amount line is joined to it (wrapped.py);
    where which row a piece belongs to is a guess, the cell carries a review repair. With `top`
    (the page before ends in such a table, of `top` columns), the page's first lines before any
    title are read as the rest of that table when they line up in as many columns, at least two
    of them amounts (one amount line is enough) — a table printed on without its title (its header may be printed again;
    structure/continuation.py joins the two)."""
    found = []
    i = 0
    if top:
        first_title = next((k for k, ln in enumerate(lines) if _title(ln)), len(lines))
        j = 0
        while j < first_title and _unit_line(lines[j]["text"]):
            j += 1
        got = _read_table(lines[:first_title], j, page_no, least=1)
        if got is not None and len(got[0]["amount"]) >= 2 and max(len(r) for r in got[0]["rows"]) == top:
            found.append(got[0])
            i = got[1]
    while i < len(lines):
        if not _title(lines[i]):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and _unit_line(lines[j]["text"]):
            j += 1
        got = _read_table(lines, j, page_no)
        if got is None:
            i += 1
            continue
        found.append(got[0])
        i = got[1]
    return found


def _read_table(lines: list[dict], start: int, page_no: int, least: int = 2) -> Optional[tuple[dict, int]]:
    """The table whose rows start at line `start` -> (the table, the index of the line after it),
    or None when fewer than `least` amount lines follow (a table's rest on a new page may be one
    line; the caller then asks for two amount columns and the width of the table before)."""
    last_data = _table_end(lines, start)
    if last_data is None or sum(1 for x in lines[start:last_data + 1] if _numeric_tokens(x)) < least:
        return None
    region = [dict(ln, tokens=_split_glued(ln["tokens"])) for ln in lines[start:last_data + 1]]
    data = [ln for ln in region if _numeric_tokens(ln)]
    counts = sorted(_numeric_tokens(ln) for ln in data)
    middle = counts[len(counts) // 2]
    if middle >= _WIDE:
        # rows of many amounts: a line printing a number or two (a 绩效目标 text's 20 个…, 由 40 万m3/d
        # 提高到 160 万m3/d) sets no column
        data = [ln for ln in data if 2 * _numeric_tokens(ln) >= middle] or data
    spans = sorted((a, b, k, bool(CELL_NUMBER.match(t))) for k, ln in enumerate(data) for t, a, b in ln["tokens"])
    bands: list[list[float]] = []
    kinds: dict[int, bool] = {}  # the current band's words: line -> amount or not
    for a, b, k, num in spans:
        # words next to each other on one line, an amount and a text, are two cells however close
        if bands and a <= bands[-1][1] + 2 and kinds.get(k, num) == num:
            bands[-1][1] = max(bands[-1][1], b)
        else:
            bands.append([a, b])
            kinds = {}
        kinds[k] = num
    bands = _piece_bands(region, _staggered_codes(data, bands))
    amount = _amount_bands(region, bands)
    tail = _trailing(lines, last_data, bands, amount)
    region += [dict(ln, tokens=_split_glued(ln["tokens"])) for ln in tail]
    # the header's lines: a word set over two columns that is two cells set close is cut in two
    head = next((k for k, ln in enumerate(region) if _is_data(ln)), len(region))
    for k, words in enumerate(split_words(region[:head], bands, _height(region))):
        region[k] = dict(region[k], tokens=words)
    texts, ends, spans = [], [], []
    for ln in region:
        cells = [""] * len(bands)
        right: list[Optional[float]] = [None] * len(bands)
        span: list[Optional[tuple[float, float]]] = [None] * len(bands)
        for t, a, b in ln["tokens"]:
            n = _band_of(bands, a, b)
            cells[n] += t
            right[n] = b
            span[n] = (span[n][0] if span[n] else a, b)
        texts.append(cells)
        ends.append(right)
        spans.append(span)
    rows, kept = _joined_rows(region, texts, ends, spans, bands, [k for k in range(len(bands)) if k not in amount],
                              len(region) - len(tail), page_no)
    got = [region[k] for k in kept]
    bbox = (min(ln["x0"] for ln in got), got[0]["top"], max(ln["x1"] for ln in got), got[-1]["bottom"])
    return ({"bbox": bbox, "rows": rows, "accuracy": None, "method": "stream", "amount": amount},
            max(last_data, start + kept[-1]) + 1)


def _piece_bands(region: list[dict], bands: list[list[float]]) -> list[list[float]]:
    """The bands, with those of the words on lines without amounts (below the first amount line)
    that stand clear of every band: a column no amount line prints in (names all set on lines of
    their own, centred around their amount lines), and that of a header word right of every band
    (a last column no row prints in); two text bands that a word of a line without amounts runs
    over are one (a text printed with a space in it)."""
    first = next((k for k, ln in enumerate(region) if _is_data(ln)), len(region))
    spans = sorted((a, b) for ln in region[first:] if not _numeric_tokens(ln) for _, a, b in ln["tokens"]
                   if not any(min(b, x[1]) - max(a, x[0]) > 0 for x in bands))
    # a header word right of every band: a last column no row prints in (绩效目标 left blank)
    spans += sorted((a, b) for ln in region[:first] for _, a, b in ln["tokens"] if a > bands[-1][1] + 2)
    # the 类 | 款 | 项 labels of a code's columns: each its own column, also where no row prints in it
    # (a table continued on a new page whose rows print 款 and 项 parts only)
    spans += [(a, b) for ln in region[:first] for t, a, b in _level_labels(ln)]
    spans.sort()
    extra: list[list[float]] = []
    for a, b in spans:
        if extra and a <= extra[-1][1] + 2:
            extra[-1][1] = max(extra[-1][1], b)
        else:
            extra.append([a, b])
    clear = [e for e in extra if not any(min(e[1], x[1]) - max(e[0], x[0]) > 0 for x in bands)]
    bands = sorted(bands + clear) if clear else bands
    # two text bands one word of a line without amounts runs over: one column (a text with a space)
    numeric = {n for ln in region if _numeric_tokens(ln) for t, a, b in ln["tokens"] if CELL_NUMBER.match(t)
               for n in range(len(bands)) if min(b, bands[n][1]) - max(a, bands[n][0]) > 0}
    words = [(a, b) for ln in region[first:] if not _numeric_tokens(ln) for _, a, b in ln["tokens"]]
    out = [list(bands[0])]
    for n in range(1, len(bands)):
        if n - 1 not in numeric and n not in numeric and any(
                min(b, out[-1][1]) - max(a, out[-1][0]) > 0 and min(b, bands[n][1]) - max(a, bands[n][0]) > 0
                for a, b in words):
            out[-1][1] = max(out[-1][1], bands[n][1])
        else:
            out.append(list(bands[n]))
    return out


def _level_labels(line: dict) -> list:
    """The 类 / 款 / 项 words of a header line that prints two of them or more (a code's columns)."""
    words = [w for w in line["tokens"] if CODE_PART_LABEL.match(w[0])]
    return words if len({w[0] for w in words}) >= 2 else []


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


def _height(region: list[dict]) -> float:
    """A text line's height: the middle one of the amount lines'."""
    heights = sorted(ln["bottom"] - ln["top"] for ln in region if _numeric_tokens(ln))
    return heights[len(heights) // 2] if heights else 10.0


def _header(region: list[dict], texts: list[list[str]], ends: list[list[Optional[float]]],
            spans: list[list[Optional[tuple[float, float]]]], first: int, taken: set, height: float,
            text_bands: list[int], bands: list[list[float]]) -> None:
    """The header's lines (before the first amount line, down to the last that prints a word over
    an amount column; no wrapped piece of a row among them): words wrapped inside their column
    joined (header.py), in place; a header at two levels set as two rows (on its first two lines,
    the others left empty)."""
    over = [k for k in range(first) if any(texts[k][n] for n in range(len(texts[k])) if n not in text_bands)]
    if not over:
        return
    lines = [k for k in range(over[-1] + 1) if not any((k, n) in taken for n in range(len(texts[k])))]
    if len(lines) < 2:
        return
    rights = [max((e[b] for e in ends[first:] if e[b] is not None), default=None) for b in range(len(texts[0]))]
    sub = [list(texts[k]) for k in lines]
    limits = [bands[b + 1][0] if b + 1 < len(bands) else float("inf") for b in range(len(bands))]
    lefts = [bands[b - 1][1] if b else float("-inf") for b in range(len(bands))]
    cover = join_words([region[k]["top"] for k in lines], sub, [spans[k] for k in lines], rights, lefts, limits,
                       height)
    levels = two_levels([region[k]["top"] for k in lines], [region[k]["bottom"] for k in lines], cover, height)
    if levels is not None:
        sub = [[sub[c[0]][c[1]] if c is not None else "" for c in level] for level in levels] + \
              [[""] * len(texts[0]) for _ in lines[2:]]
    for k, row in zip(lines, sub):
        texts[k] = row


def _joined_rows(region: list[dict], texts: list[list[str]], ends: list[list[Optional[float]]],
                 spans: list[list[Optional[tuple[float, float]]]], bands: list[list[float]], text_bands: list[int],
                 body: int,
                 page_no: int) -> tuple[list[list[TableCell]], list[int]]:
    """Rows of the table with wrapped cells joined to their amount line (the pieces' lines drop out
    when nothing else is left on them); trailing lines (from `body` on) only as far as a row takes
    them. -> (rows, the indices of the lines the table covers: its rows' and their joined pieces')."""
    # amount lines: from the first line printing an amount among other words on, every line that
    # prints one (a row whose label is all on other lines may print a single amount)
    first = next((k for k, ln in enumerate(region) if _is_data(ln)), len(region))
    # (a number printed in a text column alone — a code's wrapped digits — makes no amount line)
    data = [k for k, ln in enumerate(region) if k >= first and _numeric_tokens(ln) and any(
        CELL_NUMBER.match(texts[k][n]) for n in range(len(texts[k])) if n not in text_bands)]
    pieces = [k for k, ln in enumerate(region) if k not in data and (k >= first or not _numeric_tokens(ln))]
    height = _height(region)
    joined = join_wrapped(region, texts, ends, data, pieces, text_bands, height)
    _header(region, texts, ends, spans, first, joined.taken, height, text_bands, bands)
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
        if k < first and not any(c.text.strip() for c in cells[k]):
            continue  # a header line whose words joined those above it
        for n in range(len(texts[k])):
            if (k, n) in joined.taken:
                cells[k][n] = TableCell(text="", page=page_no)
        rows.append(cells[k])
        kept.append(k)
    # the lines the table covers: those of its rows and the pieces joined into them
    return rows, sorted(set(kept) | {k for k, _ in joined.taken if k <= taken_until})


_WRAP_GUESS = ("a label printed over several lines: which row its pieces belong to is a guess from "
               "their places")


@register
class AlignmentReader:
    """Unruled tables of one page's positioned lines; `name` is stream for a PDF text layer and
    ocr-stream for OCR lines."""

    name = "stream"

    def __init__(self, name: str = "stream") -> None:
        self.name = name

    def read(self, lines: list[dict], page: int, after: Optional[SourceTable] = None) -> list[SourceTable]:
        """`after`: the table the page before ends in, when it is one of this reader's (the page
        may open with its rest, untitled)."""
        top = max((len(r) for r in after.rows), default=0) if after is not None else None
        out = []
        for t in _stream_tables(lines, page, top or None):
            rows = t["rows"]
            out.append(SourceTable(at=0, rows=rows, method=self.name, page=page, bbox=t["bbox"],
                                   report=grid_report(self.name, ([c.text for c in r] for r in rows), [page])))
        return out


def stream_tables(lines: list[dict], page: int, name: str = "stream",
                  after: Optional[SourceTable] = None) -> list[SourceTable]:
    """The alignment reader's tables of one page (see AlignmentReader)."""
    return AlignmentReader(name).read(lines, page, after)
register(AlignmentReader("ocr-stream"))
