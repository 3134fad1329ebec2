"""The indicator rows and the 总分 row of a 绩效自评表 in pdftotext's flow order (without `-layout`),
read for `form_flow.py` once the form's funds lines are read.

What it does: over the lines after the funds block up to the next title (prose lines — a goal text,
a 偏差原因：… note, the 填表人：… line — left aside), it takes every run of plain numbers printed
together (one a line, or several on one line) as 分值 得分 pairs, in order: each run two numbers, the
last one two or four (the last row's pair, then the 总分 pair). A pair's 得分 is not above its 分值.
The last pair is the 总分 row (`总分` printed in the form): its 分值 100, and the form adds up — the
first funds line's 分值 plus every row's 分值 is 100, its 得分 plus every row's 得分 the 总分's 得分
(to the cent). Only then are the pairs before it the indicator rows, one a pair, in the order printed;
a row's 实际完成值 is the cell printed right before its pair when the cell before that is a
target (≥ / ≤ / ＞ / ＜ and a value: `≥94%` `94.9%`, `≥4个` `4个`), and its 三级指标 the cell before the
target when that is no form label (else they are left empty). The sums confirm that no row is missing, not which row a pair was
printed for, so every value goes to review (the caller marks them).
What it does not: read a form whose numbers stand alone or in runs of other lengths (a pair broken
by a moved cell: pdftotext prints a row's 分值 far from its 得分 in some forms), a form whose first
funds line's 分值 / 得分 are not known, the 一级 / 二级指标 of a row, a 实际完成值 printed without a
target right before it, nor the order pdfminer.six prints these forms in (the 分值 column, then the
得分 column).
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import NamedTuple, Optional, Sequence

import regex as re

from ..datamodel import NLine
from ..evidence.printed import TITLE_END
from .one_line import form_label
from .spaced_text import AMOUNT, title_like

_PROSE = re.compile(r"[，。；：:]")
_PERCENT = re.compile(r"^-?\d+(?:\.\d+)?%$")
_TARGET = re.compile(r"^(?:≥|≤|＞|＜|>=|<=|>|<)\d")
_CENT = Decimal("0.011")
_FULL = Decimal(100)
_MIN_ROWS = 2
_MAX_LINES = 400


class Item(NamedTuple):
    text: str
    at: int  # index into lines
    number: bool  # a plain number (a 分值 or 得分)


class IndicatorRow(NamedTuple):
    label: Optional[Item]
    target: Optional[Item]
    actual: Optional[Item]
    weight: Item
    score: Item


def _amount(text: str) -> Optional[Decimal]:
    try:
        return Decimal(text.rstrip("%").replace(",", ""))
    except InvalidOperation:
        return None


def _items(lines: Sequence[NLine], start: int) -> list[Item]:
    out: list[Item] = []
    for j in range(start, min(len(lines), start + _MAX_LINES)):
        ln = lines[j]
        t = ln.text.strip()
        if not t:
            continue
        if TITLE_END.search("".join(t.split())) and title_like(ln):
            break
        if _PROSE.search(t):
            continue
        words = t.split()
        if all(AMOUNT.match(w) or _PERCENT.match(w) for w in words):
            out.extend(Item(w, j, bool(AMOUNT.match(w))) for w in words)
        else:
            out.append(Item("".join(words), j, False))
    return out


def _pairs(items: list[Item]) -> Optional[list[tuple[int, int]]]:
    """(index of 分值, index of 得分) of every pair, in order; None unless every run of numbers is two
    long, but the last, two or four."""
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(items):
        if not items[k].number:
            k += 1
            continue
        m = k
        while m < len(items) and items[m].number:
            m += 1
        runs.append((k, m))
        k = m
    if not runs or any(b - a != 2 for a, b in runs[:-1]) or runs[-1][1] - runs[-1][0] not in (2, 4):
        return None
    out = [(a, a + 1) for a, _ in runs[:-1]]
    a, b = runs[-1]
    out += [(a, a + 1)] + ([(a + 2, a + 3)] if b - a == 4 else [])
    return out


def indicator_rows(lines: Sequence[NLine], start: int, weight: Decimal, score: Decimal
                   ) -> Optional[tuple[list[IndicatorRow], tuple[Item, Item], Item]]:
    """The indicator rows, the 总分 pair and the 总分 label printed from lines[start] on, given the
    first funds line's 分值 `weight` and 得分 `score`; None unless the form adds up as described above."""
    items = _items(lines, start)
    total_label = next((x for x in items if x.text == "总分"), None)
    pairs = _pairs(items)
    if total_label is None or pairs is None or len(pairs) < _MIN_ROWS + 1:
        return None
    values = [(_amount(items[s].text), _amount(items[g].text)) for s, g in pairs]
    if any(s is None or g is None or not 0 <= g <= s for s, g in values):
        return None
    (tw, ts), rows = values[-1], values[:-1]
    if tw != _FULL or abs(weight + sum(s for s, _ in rows) - tw) > _CENT \
            or abs(score + sum(g for _, g in rows) - ts) > _CENT:
        return None
    out: list[IndicatorRow] = []
    for s, g in pairs[:-1]:
        label = target = actual = None
        if s >= 2 and _TARGET.match(items[s - 2].text) and not form_label(items[s - 1].text):
            target, actual = items[s - 2], items[s - 1]  # (an actual such as 4个 is kept as text)
            if s >= 3 and not items[s - 3].number and not form_label(items[s - 3].text) \
                    and not _TARGET.match(items[s - 3].text) and not _PERCENT.match(items[s - 3].text):
                label = items[s - 3]
        out.append(IndicatorRow(label, target, actual, items[s], items[g]))
    s, g = pairs[-1]
    return out, (items[s], items[g]), total_label
