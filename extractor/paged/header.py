"""Header words of an unruled table wrapped inside their column, joined into one header cell.

What it does: in the header lines of a table the alignment reader rebuilds (alignment.py), a column
name too long for its column wraps (一般公共预 / 算, 财政专 / 户拨款). `split_words` cuts a header
word that runs over two columns' bands where a character gap falls between the bands and each part
is centred on a piece of its own column on a header line right above or below it (two cells set
close: 财政专其他资 over 户拨款 | 金); `join_words` joins, band by band, a piece to the one above it
when the piece above reaches the column's right edge (a line wraps only there) without running
into the columns beside it, is no narrower, is set on the same axis (centred, or from one left edge) and
stands on the line right above; `two_levels` sets a header whose cells sit at three heights — over
the children, under their parent, and centred on both (merged down) — as two rows, the merged-down
cells in the upper one, so that header paths read 财政拨款/一般公共预算 and 总计.
What it does not: read amount rows, or decide which lines are the header (alignment.py).
"""
from __future__ import annotations

from typing import Optional, Sequence

_EDGE = 0.75  # of a line's height: how far from the column's right edge a full header piece ends
_STEP = 1.8  # of a line's height: the most from one line of a header cell to the next (top to top)
_CENTRE = 0.3  # of a line's height: how far apart two pieces of one centred cell's centres may sit
_LEVEL = 0.35  # of a line's height: cells whose middles are this close sit at one height

Token = tuple[str, float, float]


def _overlap(a: float, b: float, band: Sequence[float]) -> float:
    return min(b, band[1]) - max(a, band[0])


def _cjk(text: str) -> bool:
    return all(ch >= "\u2e80" for ch in text)


def split_words(lines: Sequence[dict], bands: Sequence[Sequence[float]], height: float) -> list[list[Token]]:
    """The header lines' words, a word set over two bands cut in two where it is two cells set
    close (see the module's docstring); every other word as it is."""
    out: list[list[Token]] = []
    for i, ln in enumerate(lines):
        words: list[Token] = []
        near = [other for k, other in enumerate(lines) if k != i and abs(other["top"] - ln["top"]) <= _STEP * height]
        for t, a, b in ln["tokens"]:
            words += _split(t, a, b, bands, near, height)
        out.append(words)
    return out


def _split(t: str, a: float, b: float, bands: Sequence[Sequence[float]], near: Sequence[dict],
           height: float) -> list[Token]:
    if len(t) < 2 or not _cjk(t):
        return [(t, a, b)]
    # a character's width: from the header words on the lines by it (the word's own may hold a gap)
    widths = sorted((y - x) / len(s) for ln in near for s, x, y in ln["tokens"] if s and _cjk(s))
    if not widths:
        return [(t, a, b)]
    w = widths[len(widths) // 2]
    best: Optional[tuple[float, list[Token]]] = None
    for n in range(len(bands) - 1):
        gap = (bands[n][1], bands[n + 1][0])
        if not (a < gap[0] and gap[1] < b):
            continue
        for k in range(1, len(t)):
            left, right = (t[:k], a, a + k * w), (t[k:], b - (len(t) - k) * w, b)
            if right[1] < left[2] or not gap[0] - w / 2 <= left[2] <= gap[1] + w / 2:
                continue
            off_l = _off_piece(left, bands[n], near, height)
            off_r = _off_piece(right, bands[n + 1], near, height)
            if off_l is not None and off_r is not None and (best is None or off_l + off_r < best[0]):
                best = (off_l + off_r, [left, right])
    return best[1] if best is not None else [(t, a, b)]


def _off_piece(part: Token, band: Sequence[float], near: Sequence[dict], height: float) -> Optional[float]:
    """How far a piece of a header word in a band's column sits off the centre of a piece on a line
    right by it (None: no piece there within _CENTRE)."""
    mid = (part[1] + part[2]) / 2
    offs = [abs((a + b) / 2 - mid) for ln in near for t, a, b in ln["tokens"]
            if _overlap(a, b, band) > 0 and b - a <= part[2] - part[1] + height / 2]
    off = min(offs, default=None)
    return off if off is not None and off <= _CENTRE * height else None


def join_words(tops: Sequence[float], texts: list[list[str]], spans: list[list[Optional[tuple[float, float]]]],
               rights: Sequence[Optional[float]], lefts: Sequence[float], limits: Sequence[float],
               height: float) -> list[list[Optional[list[int]]]]:
    """Header cells, band by band: `texts[i][b]` / `spans[i][b]` (first word's start, last word's
    end) of header line i; `rights[b]` the band's right edge (how far its amounts or labels reach
    below the header), `lefts[b]` where the band before ends, `limits[b]` where the next one starts.
    Joins a piece to the piece above it (see the module's docstring), in place:
    the joined text goes to the cell's first line. -> for each line and band, the lines the cell
    there covers (None: no cell starts there)."""
    cover: list[list[Optional[list[int]]]] = [[[i] if texts[i][b] else None for b in range(len(texts[i]))]
                                              for i in range(len(texts))]
    for b in range(len(rights)):
        if rights[b] is None:
            continue
        head: Optional[int] = None  # the line where the cell being joined starts
        prev: Optional[int] = None  # the line of its last piece so far
        for i in range(len(texts)):
            if not texts[i][b]:
                continue
            if prev is not None and head is not None and _continues(spans[prev][b], spans[i][b], tops[prev], tops[i],
                                                                    (lefts[b], rights[b], limits[b]), height):
                texts[head][b] += texts[i][b]
                texts[i][b] = ""
                cover[head][b].append(i)
                cover[i][b] = None
            else:
                head = i
            prev = i
    return cover


def _continues(up: Optional[tuple[float, float]], down: Optional[tuple[float, float]], top_up: float,
               top_down: float, edge: tuple[float, float, float], height: float) -> bool:
    """The piece below continues the one above: the upper reaches the column's right edge (or past
    the labels below it) without running into the next column or the one before (a parent set
    over several columns does), the lower is no wider, and the two are set on one axis (centred,
    or from one left edge)."""
    if up is None or down is None or not 0 < top_down - top_up <= _STEP * height:
        return False
    left, right, limit = edge
    full = right - _EDGE * height <= up[1] <= limit and up[0] >= left
    axis = abs((up[0] + up[1]) / 2 - (down[0] + down[1]) / 2) <= _CENTRE * height or \
        abs(up[0] - down[0]) <= _CENTRE * height
    return full and axis and down[1] - down[0] <= up[1] - up[0] + height / 2


def two_levels(tops: Sequence[float], bottoms: Sequence[float],
               cover: Sequence[Sequence[Optional[list[int]]]], height: float
               ) -> Optional[list[list[Optional[tuple[int, int]]]]]:
    """Header cells (as `join_words` gives them) set at three heights — an upper level, a lower
    one, and centred on the whole header (merged down over both) -> [upper row, lower row], each
    band's cell there as (line, band) of the cell in `cover` (None: none). A parent goes over the
    first of its children. None when the cells do not sit so."""
    cells = {(i, b): (tops[c[0]] + bottoms[c[-1]]) / 2 for i, row in enumerate(cover)
             for b, c in enumerate(row) if c}
    if len(cells) < 3:
        return None
    middle = (min(tops) + max(bottoms)) / 2
    levels: list[float] = []
    for m in sorted(cells.values()):
        if not levels or m - levels[-1] > _LEVEL * height:
            levels.append(m)
    if len(levels) != 3 or abs(levels[1] - middle) > _LEVEL * height:
        return None
    nb = len(cover[0])
    out: list[list[Optional[tuple[int, int]]]] = [[None] * nb, [None] * nb]
    for (i, b), m in cells.items():
        row = 1 if m - levels[1] > _LEVEL * height else 0
        if out[row][b] is not None:
            return None  # two cells of one band at one level: not this shape
        out[row][b] = (i, b)
    parents = [b for b in range(nb) if out[0][b] is not None and abs(cells[out[0][b]] - levels[0]) <= _LEVEL * height]
    if not parents or not any(out[1]):
        return None  # no parent above, or no lower cell: one level after all
    # a parent is printed centred over its children: it goes over the first of them (the run of
    # lower cells with no upper cell of their own that holds its band), as header paths read it
    for b in parents:
        if out[1][b] is None:
            return None
        s = b
        while s > 0 and out[1][s - 1] is not None and out[0][s - 1] is None:
            s -= 1
        out[0][b], out[0][s] = None, out[0][b]
    return out
