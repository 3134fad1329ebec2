"""The indicator rows and the 总分 row of a 绩效自评表 in the flow order of pdftotext without
`-layout` and of pdfminer.six, read for `form_flow.py` once the form's funds lines are read.

What it does: over the lines after the funds block up to the next title (prose lines — a goal text,
a 偏差原因：… note, the 填表人：… line — left aside), it takes the runs of plain numbers printed
together (one a line, or several on one line). The last two numbers of the last run are the 总分
pair (`总分` printed in the form; its 分值 100, its 得分 not above it). Every other run is read as the
分值 of its first k rows, then their 得分 (pdfminer.six prints those columns so; k = 1: one pair, as
pdftotext prints a row), then pairs row by row; each reading (all k for every run) gives the rows in
order, and is kept when every 得分 is not above its 分值 and the form adds up: the first funds line's
分值 plus every row's 分值 is 100, its 得分 plus every row's 得分 the 总分's 得分 (to the cent). The
rows are read only when exactly one reading (as values) is kept. A row printed whole (its pair a run
of its own) takes its 实际完成值 from the cell right before the pair when the cell before that is a
target (≥ / ≤ / ＞ / ＜ and a value: `≥94%` `94.9%`, `≥4个` `4个`), and its 三级指标 from the cell
before the target when that is no form label (else they are left empty). The sums confirm that no
row is missing, not which row a pair was printed for, so every value goes to review (the caller
marks them).
What it does not: read a form with a run of odd length (a pair broken by a moved cell: pdftotext
prints a row's 分值 far from its 得分 in some forms), a form whose first funds line's 分值 / 得分 are
not known, the 一级 / 二级指标 of a row, a 实际完成值 printed apart from its target (pdfminer.six's
column of them: which row each is of is not certain), nor more than a few thousand readings.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import NamedTuple, Optional, Sequence

import regex as re

from ..datamodel import NLine
from ..evidence.numbers import CENT_PER_PART
from ..evidence.printed import TITLE_END
from .one_line import form_label
from .spaced_text import AMOUNT, title_like

_PROSE = re.compile(r"[，。；：:]")
_PERCENT = re.compile(r"^-?\d+(?:\.\d+)?%$")
_TARGET = re.compile(r"^(?:≥|≤|＞|＜|>=|<=|>|<)\d")
_WEIGHTED = re.compile(r"指标[（(]\d")  # a level label with its weight run into the cell (满意度指标（10分）…)
_CENT = CENT_PER_PART  # per added part (evidence/numbers.py)
_FULL = Decimal(100)
_MIN_ROWS = 2
_MAX_LINES = 400
_MAX_READINGS = 4096


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


def _runs(items: list[Item]) -> list[tuple[int, int]]:
    """(first, end) of every run of plain numbers printed together."""
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
    return runs


def _readings(runs: list[tuple[int, int]]) -> Optional[list[list[tuple[int, int]]]]:
    """Every way of reading the runs (the 总分 pair, the last two numbers, left out) as rows' (分值,
    得分) indices in order: a run is the 分值 of its first k rows, then their 得分 (pdfminer.six prints
    those columns so; k = 1: one pair), then the rest of it pairs (row by row). None when a run is of
    odd length or the readings are too many to weigh."""
    options: list[list[list[tuple[int, int]]]] = []
    for a, b in runs:
        if (b - a) % 2:
            return None
        n = (b - a) // 2
        options.append([[(a + r, a + k + r) for r in range(k)] + [(a + 2 * k + 2 * r, a + 2 * k + 2 * r + 1)
                                                                   for r in range(n - k)] for k in range(1, n + 1)]
                       if n else [[]])
    count = 1
    for o in options:
        count *= len(o)
    if count > _MAX_READINGS:
        return None
    out: list[list[tuple[int, int]]] = [[]]
    for o in options:
        out = [done + more for done in out for more in o]
    return out


def indicator_rows(lines: Sequence[NLine], start: int, weight: Decimal, score: Decimal
                   ) -> Optional[tuple[list[IndicatorRow], tuple[Item, Item], Item]]:
    """The indicator rows, the 总分 pair and the 总分 label printed from lines[start] on, given the
    first funds line's 分值 `weight` and 得分 `score`; None unless the form adds up as described above."""
    items = _items(lines, start)
    total_label = next((x for x in items if x.text == "总分"), None)
    runs = _runs(items)
    if total_label is None or not runs or runs[-1][1] - runs[-1][0] < 2:
        return None
    total = (runs[-1][1] - 2, runs[-1][1] - 1)
    tw, ts = _amount(items[total[0]].text), _amount(items[total[1]].text)
    if tw != _FULL or ts is None or not 0 <= ts <= tw:
        return None
    readings = _readings(runs[:-1] + [(runs[-1][0], runs[-1][1] - 2)])
    if readings is None:
        return None
    found: dict[tuple, list[tuple[int, int]]] = {}
    for pairs in readings:
        values = [(_amount(items[s].text), _amount(items[g].text)) for s, g in pairs]
        if len(pairs) < _MIN_ROWS or any(s is None or g is None or not 0 <= g <= s for s, g in values):
            continue
        if abs(weight + sum(s for s, _ in values) - tw) <= _CENT and abs(score + sum(g for _, g in values) - ts) <= _CENT:
            found.setdefault(tuple(values), pairs)
    if len(found) != 1:
        return None  # no reading adds up, or more than one (which row a pair is of is not certain)
    pairs = next(iter(found.values()))
    out: list[IndicatorRow] = []
    for s, g in pairs:
        label = target = actual = None
        if g == s + 1 and s >= 2 and not items[s - 1].number and _TARGET.match(items[s - 2].text) \
                and not _TARGET.match(items[s - 1].text) and not form_label(items[s - 1].text):
            target, actual = items[s - 2], items[s - 1]  # (an actual such as 4个 is kept as text)
            if s >= 3 and not items[s - 3].number and not form_label(items[s - 3].text) \
                    and not _TARGET.match(items[s - 3].text) and not _PERCENT.match(items[s - 3].text) \
                    and not _WEIGHTED.search(items[s - 3].text):
                label = items[s - 3]
        out.append(IndicatorRow(label, target, actual, items[s], items[g]))
    return out, (items[total[0]], items[total[1]]), total_label
