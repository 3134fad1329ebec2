"""Cells of an unruled table printed over several lines, joined to their amount row.

What it does: in a table the alignment reader rebuilds (alignment.py), a label or a text (a unit's
or project's name, a 绩效目标 sentence) too long for its column wraps onto lines of its own, in the
same column band, above and/or below the line that prints the row's amounts. `join_wrapped` says,
band by band, which of those pieces belong to which amount row. It tries the three ways such cells
are set: centred on the amount line (Excel's default: as many lines above as below, the amount
line half a line off when their number is even — the amount line then prints no label at all),
top-aligned (the amount line prints the first piece, the rest follow below) and bottom-aligned
(the pieces come first, the amount line prints the last). A way fits when every piece between two
amount lines goes to one of them, the pieces of one cell follow each other line after line, every
piece but a cell's last is full (a line wraps only where it reaches its column's right edge, or
where the next piece's first unit would not fit: a character with the marks that may not start a
line after it, 性，, or a word of letters and digits), no
piece after a cell's first starts like a row (1、, (2), 其中：) unless it is the next of the numbered
points the cell's text before it holds (…1、… then 2、…, …三、… then 四、…; 1. after a colon), and a centred cell's middle is the
amount line's middle. Of the ways that fit, those that take the most pieces count: where all of
them give a row the same pieces, the join is certain; where they differ (or none fits, and a row
printing no label of its own takes the two pieces centred on it) the join is a guess, which the
reader marks for review. When no way fits, the last row's cell may run on past the page's foot
(its last piece full, the part printed centred no lower than its line): the rows above are read as
before, and the last one's join is a guess. Rows without amounts that are no such piece stay rows.
What it does not: decide which bands hold amounts, find the table or build its cells (alignment.py),
or join header cells (header.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from typing import Iterator, Optional, Sequence

import regex as re

_TOL = 0.35  # of a line's height: how far a centred cell's middle may sit from the amount line's
_STEP = 2.0  # of a line's height: the most from one line of a cell to the next (top to top)
_MAX_WAYS = 16  # fitting assignments looked at per band (the centred way may fit in few ways)
_FULL = 1.5  # of a line's height: a line that ends this close to its column's right edge is full
_EDGE = 0.25  # of a line's height: how far short of the right edge a line may end after taking the
# next line's first unit (a character and the marks that may not start a line after it, or a word of
# letters and digits), and still be full: that unit did not fit
# the next line's first unit: a run of letters and digits (wrapped at a word's end), or a character,
# with the opening marks before it and the marks that may not start a line after it (性，…, 动——)
_UNIT = re.compile(r"\s*[（(“‘《【「]*(?:[A-Za-z0-9][A-Za-z0-9.,%_/~×\-]*|\S)[，。、；：？！）】」』”’》,.;:?!)—…]*")
# a text that starts a row of its own, never the rest of a wrapped one: (1) / 1、 / 一、 / （一） / 其中：
_ROW_START = re.compile(r"^\s*(?:[(（]\s*[0-9一二三四五六七八九十]{1,3}\s*[)）]|[0-9一二三四五六七八九十]{1,3}\s*[、.．](?!\d)"
                        r"|其中\s*[:：])")

# a numbered point: 1、 / 2. / 四、 (its number, its mark)
_POINT = re.compile(r"^\s*([0-9]{1,2}|[一二三四五六七八九十]{1,2})\s*([、.．])(?!\d)")
_NUMERALS = "一二三四五六七八九十"


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return _NUMERALS.index(text) + 1
    return 10 + (_NUMERALS.index(text[1]) + 1 if text[0] == "十" else 0)  # 十一…十九 (二十 and up: no)


def _next_point(texts: Sequence[Sequence[str]], b: int, block: Sequence[int], i: int) -> bool:
    """Line i of a cell starts the next of the numbered points the cell's text before it holds
    (…1、… then 2、…; …三、… then 四、…), or the first one after a colon (…如下目标： then 1.…):
    one cell's text in points, not a row of its own."""
    m = _POINT.match(texts[i][b])
    if not m:
        return False
    n = _number(m.group(1))
    before = "".join(texts[k][b] for k in block[:block.index(i)])
    if n == 1:
        return before.rstrip().endswith(("：", ":"))  # a list the text before announces (…如下目标：)
    if n > 19:
        return False
    prev = str(n - 1) if m.group(1).isdigit() else (_NUMERALS[n - 2] if n <= 11 else "十" + _NUMERALS[n - 12])
    if m.group(1).isdigit():
        return bool(re.search(r"(?<![0-9])" + prev + re.escape(m.group(2)) + r"(?!\d)", before))
    return bool(re.search(r"(?<![一二三四五六七八九十])" + prev + re.escape(m.group(2)), before))


Assign = dict[int, tuple[tuple[int, ...], tuple[int, ...]]]  # amount line -> (pieces above, below)


@dataclass
class Joined:
    """What `join_wrapped` found: for (amount line, band) the lines whose text the cell joins, top
    to bottom (the amount line itself among them when it prints a piece); the (line, band) pieces
    taken; the (amount line, band) cells whose join is a guess."""

    cells: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    taken: set[tuple[int, int]] = field(default_factory=set)
    guessed: set[tuple[int, int]] = field(default_factory=set)


def join_wrapped(lines: Sequence[dict], texts: Sequence[Sequence[str]], ends: Sequence[Sequence[Optional[float]]],
                 data: Sequence[int], pieces: Sequence[int], bands: Sequence[int], height: float) -> Joined:
    """`lines`: a table's text lines (dicts with top, bottom) in order; `texts[i][b]`: what line i
    prints in band b, `ends[i][b]` where its last word there ends (None: nothing); `data`: the
    amount lines; `pieces`: the lines that may hold a piece of a wrapped cell (no amount on them);
    `bands`: the bands whose cells may wrap (not amount bands); `height`: a text line's height.
    A cell wraps only where a line is full: every piece but a cell's last must end at the column's
    right edge (the farthest any of its words reaches below the header), and no piece after the first may start
    like a row of its own (an item number, 其中：)."""
    out = Joined()
    if not data:
        return out
    for b in bands:
        cand = [i for i in pieces if texts[i][b].strip()]
        if not cand:
            continue
        # the column's right edge: as far as its words reach from the first amount line on (a
        # header word set over several columns does not count)
        right = max((e[b] for e in ends[min(data):] if e[b] is not None), default=None)
        if right is None:
            continue
        full = {i for i, e in enumerate(ends) if e[b] is not None and e[b] >= right - _FULL * height}
        end = {i: e[b] for i, e in enumerate(ends) if e[b] is not None}
        starts = {i for i in range(len(texts)) if _ROW_START.match(texts[i][b])}
        _join_band(_Band(lines, texts, b, height, full, starts, frozenset(bands), end, right), list(data), cand, out)
    return out


@dataclass
class _Band:
    lines: Sequence[dict]
    texts: Sequence[Sequence[str]]
    b: int
    height: float
    full: set[int]  # lines whose text in the band reaches the column's right edge
    starts: set[int]  # lines whose text in the band starts like a row
    wrap: frozenset = frozenset()  # the bands whose cells may wrap (this one among them)
    end: dict[int, float] = field(default_factory=dict)  # where each line's text in the band ends
    right: float = 0.0  # the column's right edge

    def wraps(self, i: int, j: int) -> bool:
        """Line i's text wrapped onto line j's: i is full, or j's first unit (see _UNIT) would not
        have fitted after it."""
        if i in self.full:
            return True
        m = _UNIT.match(self.texts[j][self.b])
        unit = sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in m.group().strip()) if m else 0.0
        return i in self.end and self.end[i] + unit * self.height >= self.right - _EDGE * self.height

    def cell_ok(self, block: Sequence[int]) -> bool:
        """The lines of one cell, top to bottom: each follows the one before, each but the last is
        full (or the next one's first unit would not have fitted after it), none but the first
        starts like a row."""
        tops = [self.lines[i]["top"] for i in block]
        return all(y - x <= _STEP * self.height for x, y in zip(tops, tops[1:])) and \
            all(self.wraps(i, j) for i, j in zip(block, block[1:])) and not any(i in self.starts for i in block[1:]
                                                             if not _next_point(self.texts, self.b, block, i))


def _mid(ln: dict) -> float:
    return (ln["top"] + ln["bottom"]) / 2


def _join_band(bd: _Band, data: list[int], cand: list[int], out: Joined) -> None:
    own = {a: bool(bd.texts[a][bd.b].strip()) for a in data}
    gaps = [[i for i in cand if a < i < (data[k + 1] if k + 1 < len(data) else len(bd.lines))]
            for k, a in enumerate(data)]
    lead = _lead(bd, data[0])
    if not any(gaps) and not lead:
        return
    ways = list(islice(_centred(bd, data, gaps, lead, own), _MAX_WAYS))
    for way in (_top(bd, data, gaps, own), _bottom(bd, data, gaps, own)):
        if way is not None:
            ways.append(way)
    open_end = False
    if not ways:
        # the last row's text may run on past the page's foot (its cell goes on on the next page)
        ways = list(islice(_centred(bd, data, gaps, lead, own, open_end=True), _MAX_WAYS))
        open_end = bool(ways)
    if not ways:
        _fallback(bd, data, gaps, own, out)
        return
    # the ways that take the most pieces (a way that leaves a piece over explains less), centred first
    most = max(_taken(w) for w in ways)
    ways = [w for w in ways if _taken(w) == most]
    best = ways[0]
    for a in data:
        up, down = best.get(a, ((), ()))
        if not up and not down:
            if any(w.get(a, ((), ())) != (up, down) for w in ways):
                out.guessed.add((a, bd.b))
            continue
        key = (a, bd.b)
        out.cells[key] = list(up) + ([a] if own[a] else []) + list(down)
        out.taken.update((i, bd.b) for i in up + down)
        if any(w.get(a, ((), ())) != (up, down) for w in ways) or (open_end and a == data[-1]):
            out.guessed.add(key)


def _taken(way: Assign) -> int:
    return sum(len(u) + len(d) for u, d in way.values())


def _lead(bd: _Band, first: int) -> list[int]:
    """Lines right above the first amount line that print a piece in the band and nothing outside
    the bands whose cells may wrap, one piece after the other (a centred first row's upper pieces,
    beside those of its other wrapped cells, or the header's last words); a line printing only
    another wrapped band's piece is passed over."""
    out: list[int] = []
    i = first - 1
    nxt = bd.lines[first]["top"]
    while i >= 0 and not any(t.strip() for k, t in enumerate(bd.texts[i]) if k not in bd.wrap | {bd.b}):
        if bd.texts[i][bd.b].strip():
            if nxt - bd.lines[i]["top"] > _STEP * bd.height:
                break
            out.insert(0, i)
            nxt = bd.lines[i]["top"]
        i -= 1
    return out


def _centred_ok(bd: _Band, a: int, up: Sequence[int], down: Sequence[int], own: bool, cut: bool = False) -> bool:
    """The cell of amount line a, of these pieces, is centred on it; with `cut`, its foot runs past
    the page (the last piece is full, and the part printed is centred no lower than the line)."""
    if not up and not down:
        return not cut
    block = list(up) + ([a] if own else []) + list(down)
    tops = [bd.lines[i]["top"] for i in list(up) + [a] + list(down)]
    if not bd.cell_ok(block) or any(y - x > _STEP * bd.height for x, y in zip(tops, tops[1:])):
        return False
    top = min(bd.lines[i]["top"] for i in block)
    bottom = max(bd.lines[i]["bottom"] for i in block)
    if cut:
        return block[-1] in bd.full and (top + bottom) / 2 - _mid(bd.lines[a]) <= _TOL * bd.height
    return abs((top + bottom) / 2 - _mid(bd.lines[a])) <= _TOL * bd.height


def _centred(bd: _Band, data: list[int], gaps: list[list[int]], lead: list[int],
             own: dict[int, bool], open_end: bool = False) -> Iterator[Assign]:
    """Every assignment that sets each cell centred on its amount line; with `open_end`, the last
    cell takes every piece after its line and runs on past the page's foot."""
    def go(k: int, up: tuple[int, ...]) -> Iterator[Assign]:
        a = data[k]
        gap = gaps[k]
        last = k == len(data) - 1
        for n in range(len(gap) + 1):
            down = tuple(gap[:n])
            if open_end and last:
                if n < len(gap) or not _centred_ok(bd, a, up, down, own[a], cut=True):
                    continue
            elif not _centred_ok(bd, a, up, down, own[a]):
                continue
            if last:
                yield {a: (up, down)}
                continue
            for rest in go(k + 1, tuple(gap[n:])):
                rest[a] = (up, down)
                yield rest

    for u in range(len(lead) + 1):
        yield from go(0, tuple(lead[len(lead) - u:]))


def _top(bd: _Band, data: list[int], gaps: list[list[int]], own: dict[int, bool]) -> Optional[Assign]:
    """Each amount line prints its cell's first piece; the pieces below it, up to the next amount
    line, are the rest."""
    out: Assign = {}
    for k, a in enumerate(data):
        down = tuple(gaps[k])
        if down and (not own[a] or not bd.cell_ok((a,) + down)):
            if k < len(data) - 1:
                return None
            down = ()  # lines after the table's last amount line: left over
        out[a] = ((), down)
    return out


def _bottom(bd: _Band, data: list[int], gaps: list[list[int]], own: dict[int, bool]) -> Optional[Assign]:
    """Each amount line prints its cell's last piece; the pieces above it, back to the amount line
    before, are the first ones (pieces below the last amount line are left over)."""
    out: Assign = {data[0]: ((), ())}
    for k, a in enumerate(data[1:]):
        up = tuple(gaps[k])
        if up and (not own[a] or not bd.cell_ok(up + (a,))):
            return None
        out[a] = (up, ())
    return out


def _fallback(bd: _Band, data: list[int], gaps: list[list[int]], own: dict[int, bool], out: Joined) -> None:
    """No way fits the whole band: an amount line printing no piece of its own takes the piece right
    above and the piece right below it when the two make one cell centred on it — a guess, since
    the rows around it do not fit."""
    taken: set[int] = set()
    for k, a in enumerate(data):
        if own[a] or k == 0:
            continue
        up = tuple(i for i in gaps[k - 1][-1:] if i not in taken)
        down = tuple(gaps[k][:1])
        if not up or not down or not _centred_ok(bd, a, up, down, False):
            continue
        taken.update(up + down)
        out.cells[(a, bd.b)] = list(up) + list(down)
        out.taken.update((i, bd.b) for i in up + down)
        out.guessed.add((a, bd.b))
