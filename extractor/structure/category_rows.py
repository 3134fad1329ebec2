"""Rows of a category table's cell stream: a name, then every cell of its row; names moved to the page's end.

What it does: some reports print their 基本支出 / 项目支出 tables keyed by a category's name
(`支出项目类别`: 工资福利支出, 基本工资 …, or project categories), no code column, every cell of a row
printed (0.00 included), the first row the unit's own total (`某某局（本级）`). pdftotext without
`-layout` prints such a table one cell per line, row after row — a name (perhaps broken over two
lines) then its amounts — except that the names of some rows come out at the page's end, after the
last row (`津贴补贴` `1,006.80` … `288.50` … `196.80` … `职业年金缴费` … `奖金` `机关事业单位基本养老保险缴`
`费`, then the next page's title and header), and the unit's name may stand among the header's
words (its run is then the first, named by order). `cut(toks)` reads that stream: the header's
words before the first row's name, each row's name and amounts; the row width is the shortest run
(every run a whole number of rows, two runs of one row at least), and a run k times as long is its
row followed by k - 1 rows whose names moved. The names printed after a page's last row (before the
header printed again, or at the stream's end) name those rows in order where they fit exactly: as
many names as rows, pieces of a name broken over lines joined only where the joined name is one the
catalogue knows or the first piece opens a bracket the last closes (one way to join only; a row's
own name broken over two lines is joined by the same test). Such rows are returned as guessed
(their name is placed by order, which no sum confirms: the caller sends their amounts to review).
Guangdong's budget tables print the same way: a 基本支出预算表 by unit and class, a 收入总体情况表 keyed by
`单位名称`; the 合计 row's label may stand among the header's words (the header then prints 合计 once
more than its standard column tree, spaced_labelled.TREES, and ends with a column's label or its last
piece, `其他资金`, `转结余`, which is no row's name: the first run is the 合计 row's), a unit's name
moved to the page's end may be broken over two lines (joined where it then ends as a unit's name does,
its brackets paired, and no piece is a name the catalogue knows), and the header printed again on the
next page may leave some words out (the key column's label).
What it does not: read a stream whose runs are not whole rows (blank cells absent), whose row
names run over more than two lines, or whose moved names do not fit the rows left without one (those
rows are left out, their amounts unread); place columns or check sums (the spaced reader does).
"""
from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Optional

import regex as re

from ..catalog import codes_named
from ..datamodel import NLine
from .spaced_labelled import TREES
from .spaced_text import covers
from .spaced_rows import unit_name

Token = tuple[str, NLine]

_AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$")
_HAN = re.compile(r"\p{Han}")
CATEGORY_HEADER = re.compile(r"项目类别")  # the key column names the row's category, not its code
_UNIT_KEY = "单位名称"  # the key column names the row's unit (a 收入总体情况表 by unit)
_CODE_COLUMN = re.compile(r"编码|代码")
_MIN_ROWS = 3  # rows of the table, at least
_MIN_PLACED = 2  # rows printed with their name and exactly their amounts, at least
_MIN_WIDTH = 2  # amounts of a row, at least
_MAX_NAME_PIECES = 2  # lines a row's name may be broken over
_NEAR = 3  # line numbers between two pieces of a broken name, at most (blank lines between)
_MAX_MOVED = 14  # names moved to one page's end, at most (the joins tried stay few: C(13, 6) = 1716 groupings)
_TOTAL = "合计"
# the labels of the standard column trees (spaced_labelled.TREES) but the group totals (合计 / 小计 stand
# also as a row's label)
_COLUMN_LABELS = {w for tree in TREES for top, subs in tree for w in (top, *subs)} - {_TOTAL, "小计"}


def category_header(words: list[str]) -> bool:
    """The header (its words) keys rows by a category's name (or a unit's: a word `单位名称`) and prints
    no code column."""
    text = "".join(words)
    return bool(CATEGORY_HEADER.search(text) or _UNIT_KEY in words) and not _CODE_COLUMN.search(text)


def _name(w: str) -> bool:
    return bool(_HAN.search(w)) and not any(ch.isdigit() for ch in w)


def _known(name: str) -> bool:
    return bool(codes_named(name, "economic") or codes_named(name, "function"))


def _one_name(pieces: list[Token]) -> bool:
    """Pieces of one name broken over lines: printed on one page, close together, and not two names
    the catalogue knows each (a moved name before the next page's first row would be)."""
    lines = [ln for _, ln in pieces]
    if len({ln.page for ln in lines}) > 1 or any(
            a.no is None or b.no is None or not 0 < b.no - a.no <= _NEAR for a, b in zip(lines, lines[1:])):
        return False
    return not all(_known(w) for w, _ in pieces)


def _broken(pieces: list[Token]) -> bool:
    """Pieces one name was broken into: the joined name is one the catalogue knows, or the first
    piece opens a bracket a later one closes (`政务信息化项目（运` `行维护服务）`), or two pieces of a unit's
    name (`_unit_broken`)."""
    words = [w for w, _ in pieces]
    opened = words[0].count("（") + words[0].count("(") > words[0].count("）") + words[0].count(")")
    joined = "".join(words)
    return _one_name(pieces) and (_known(joined) or (opened and words[-1][-1] in "）)") or _unit_broken(words))


def _unit_broken(words: list[str]) -> bool:
    """Two pieces of a unit's name (`某某市市长专线电话受理` `中心`, `某某局（本` `级）`): the joined name ends as a
    unit's name does and its brackets pair, the first piece does not end so, and neither piece is a
    name the catalogue knows (a category's)."""
    joined = "".join(words)
    return len(words) == 2 and unit_name(joined) and not unit_name(words[0]) and not any(
        _known(w) for w in words) and _brackets_pair(joined)


def _brackets_pair(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += ch in "（("
        depth -= ch in "）)"
        if depth < 0:
            return False
    return depth == 0


def _fit(pieces: list[Token], slots: int) -> Optional[list[list[Token]]]:
    """The moved name pieces grouped into `slots` names in order: each piece alone, or pieces joined
    into a name the catalogue knows; the one grouping that does so, else None."""
    if slots == 0 or not pieces or len(pieces) > _MAX_MOVED or len(pieces) < slots:
        return None
    if len(pieces) == slots:
        return [[p] for p in pieces]
    found = []
    for cuts in combinations(range(1, len(pieces)), slots - 1):
        bounds = (0,) + cuts + (len(pieces),)
        groups = [pieces[a:b] for a, b in zip(bounds, bounds[1:])]
        if all(len(g) == 1 or _broken(g) for g in groups):
            found.append(groups)
    return found[0] if len(found) == 1 else None


def _tree_labels(tree) -> list[str]:
    return [w for top, subs in tree for w in (top, *subs)]


def _closes_header(words: list[str], last: str) -> Optional[list[str]]:
    """The labels of the standard column tree the header's words complete when `last` is the header's
    last word (a column's label, `其他资金`, or the last piece of one broken over lines, `转结余`): the
    words before it do not cover the tree's labels, with it they do. Else None: `last` may be a
    row's name."""
    text = "".join(words)
    for tree in TREES:
        labels = _tree_labels(tree)
        if covers(text + last, labels) and (last in _COLUMN_LABELS or not covers(text, labels)):
            return labels
    return None


def _total_in_header(header: list[Token], last: str) -> Optional[int]:
    """The index in `header` of the 合计 row's label printed among the header's words, where the
    header's last word before the first amount is a column's (so no row's name) and the header prints
    合计 once more than its column tree names it (the first 合计 then: the row labels' column comes
    first). Else None."""
    words = [w for w, _ in header]
    labels = _closes_header(words, last)
    if labels is None:
        return None
    totals = [k for k, w in enumerate(words + [last]) if w == _TOTAL]
    return totals[0] if totals and len(totals) == labels.count(_TOTAL) + 1 else None


def _split_echo(names: list[Token], head: list[str]) -> Optional[tuple[list[Token], list[Token]]]:
    """(the names before the header printed again, the names after it) when `names` holds the
    header's words again: in order, or (a page's running header may leave some out: the key column's
    label, the unit line) a run of the header's words, in its order, at least half as long as the
    header and ending with its last word. Else None."""
    words = [w for w, _ in names]
    n = len(head)
    for k in range(len(words) - n + 1):
        if words[k:k + n] == head:
            return names[:k], names[k + n:]
    vocabulary = set(head)
    for end in range(len(words) - 1, -1, -1):
        if words[end] != head[-1]:
            continue
        start = end
        while start > 0 and words[start - 1] in vocabulary:
            start -= 1
        if 2 * (end + 1 - start) >= n and _in_order(words[start:end + 1], head):
            return names[:start], names[end + 1:]
    return None


def _in_order(words: list[str], head: list[str]) -> bool:
    """`words` are some of the header's words, in the header's order."""
    it = iter(head)
    return all(any(w == h for h in it) for w in words)


def cut(toks: list[Token]) -> Optional[tuple[list[Token], list[list[Token]], set[int]]]:
    """(the header's tokens, the rows as name tokens + amount tokens, the indexes of the rows whose
    name was placed by order) for a category table's stream, else None."""
    first = next((k for k, (w, _) in enumerate(toks) if _AMOUNT.match(w)), None)
    if first is None or first < 2 or not _name(toks[first - 1][0]):
        return None
    header = toks[:first - 1]
    head = [w for w, _ in header]
    if not category_header(head):
        return None
    # the first row (the unit's own total, or the 合计 row) may print its name among the header's
    # words: the first run is then that row's, named by order (a unit's name) or by place (合计)
    unit = [k for k, (w, _) in enumerate(header) if unit_name(w)]
    total = _total_in_header(header, toks[first - 1][0])
    lead: Optional[Token] = None
    if total is not None or (len(unit) == 1 and not unit_name(toks[first - 1][0])):
        at = total if total is not None else unit[0]
        lead = header[at]
        header = header[:at] + header[at + 1:] + [toks[first - 1]]
        first += 1  # (the token before the first amount is the header's last word)
    head = [w for w, _ in toks[:first - 1]]  # the header as printed (again on every page)
    segments: list[tuple[list[Token], list[Token]]] = []  # (names, amounts) in printed order
    names: list[Token] = []
    amounts: list[Token] = []
    for tok in toks[first - 1:]:
        if _AMOUNT.match(tok[0]):
            amounts.append(tok)
            continue
        if not _name(tok[0]):
            return None  # a number that is no amount (a page or column number): not this shape
        if amounts:
            segments.append((names, amounts))
            names, amounts = [], []
        names.append(tok)
    segments.append((names, amounts))
    runs = Counter(len(a) for _, a in segments if a)
    if not runs:
        return None
    width = min(runs)  # a row's amounts: the shortest run, every run a whole number of rows
    if width < _MIN_WIDTH or runs[width] < _MIN_PLACED or any(n % width for n in runs) or sum(
            runs[n] * n // width for n in runs) < _MIN_ROWS:
        return None
    rows: list[Optional[list[Token]]] = []  # None: a row whose name moved, not yet named
    runs_of: dict[int, list[Token]] = {}  # such a row's amounts
    guessed: set[int] = set()
    slots: list[int] = []  # rows whose names moved, since the last page's end

    def name_moved(pieces: list[Token]) -> None:
        fitted = _fit(pieces, len(slots)) if slots else None
        if fitted is not None:
            for name, at in zip(fitted, slots):
                rows[at] = name + runs_of[at]
                guessed.add(at)
        slots.clear()  # (names that do not fit: those rows are left out)

    if lead is not None and segments and segments[0][0] == [] and len(segments[0][1]) >= width:
        first_run = segments[0][1]
        rows.append([lead] + first_run[:width])
        if total is None:
            guessed.add(0)
        segments[0] = ([], first_run[width:])
        if not segments[0][1]:
            segments.pop(0)
    elif lead is not None:
        return None
    for names, amounts in segments:
        split = _split_echo(names, head) if names else None
        if split is not None:
            name_moved(split[0])  # the page ended: the names printed after its last row
            names = split[1]
        if not amounts:
            name_moved(names)  # the stream's end: the names printed after the last row
            continue
        if len(names) > _MAX_NAME_PIECES or (len(names) > 1 and not _broken(names)):
            return None  # more than a name before the amounts: not this shape
        parts = [amounts[k:k + width] for k in range(0, len(amounts), width)]
        if names:
            rows.append(names + parts[0])
            parts = parts[1:]
        for part in parts:
            slots.append(len(rows))
            runs_of[len(rows)] = part
            rows.append(None)
    # (rows left without a name at the stream's end, no names after them, are left out)
    kept = [k for k, r in enumerate(rows) if r is not None]
    if len(kept) < _MIN_ROWS or len(kept) - len(guessed) < _MIN_PLACED:
        return None
    return header, [r for r in rows if r is not None], {kept.index(k) for k in guessed}
