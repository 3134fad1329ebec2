"""Part of sides_bare.py: a budget's 收支总表 / 财政拨款收支总表 whose sides have sub-items (Shenzhen's:
the funds `1.一般公共预算拨款` … under `一、财政拨款`, the sources `1.事业收入` … under `三、单位资金`, the
carry-over's `1.财政拨款结余、结转` …; the expenditure side's 款 and 项 names, unnumbered, under each
numbered 类) and whose labels pdftotext without `-layout` prints out of their rows' order.

The shape (city003, plain pdftotext): the header spaced out a character a cell (`收` `项` `目` `入`
`支` … printed as the pieces `收项`, `目入支项`, `目出`, again at the page break as `收项目入支项目`),
the column named `2026 年预算数` (a line the stream drops as furniture), the 财政拨款 table's first
income item unnumbered before the first numbered label (`收入` `项目` `财政拨款` `1.一般公共预算拨款`), and
labels out of order where the page breaks: `收入总计` before the expenditure side's last rows,
`本年收入合计` after it, `四、卫生健康支出` after `五、住房保障支出`.

What it does: tells the spaced header's pieces (`spaced_header`), finds the column's name printed
as a year's 预算数 / 决算数 (`year_column`), and gives each label its side without regard to the
order (`tree_sides`): by its words (sides_stream.word_side), else — an unnumbered name, a 款 / 项
(`统计信息事务`, or `口岸管理`, which the catalogue does not know: the income side's items here are
numbered or name their side) — the expenditure side; it then asks of each side one 本年…合计 and at
most one 总计, its 类 / items numbered 一、二、… as a whole set (in any order), the income side's
arabic-numbered sub-items each after an item or carry-over item and numbered in turn under it, and
of the expenditure side at least one unnumbered 款 / 项 name (else the shape is sides_bare's own).
What it does not: place any amount (detached_sides.py deals the run by value and sums, free_sides.py,
since neither the labels' nor the amounts' order is the rows'), or read a side whose 类 are not
numbered (Hangzhou's) or an expenditure side of several columns.
"""
from __future__ import annotations

from typing import Optional, Sequence

import regex as re

from ..datamodel import NLine
from .sides_columns import GRAND, YEAR_TOTAL, Item, carry_item, is_subject, ordinal_value, subject_name
from .sides_stream import word_side

_HEADER_CHARS = set("收入支出项目")
_ARABIC = re.compile(r"^(\d{1,2})[.．、](?!\d)")
_YEAR_COLUMN = re.compile(r"^(\d{4})\s*年\s*(预算数|决算数)$")
_SIDE_TOTAL = re.compile(r"^(?:收入|支出)合计$")


def spaced_header(text: str) -> bool:
    """A piece of the header 收入 项目 | 支出 项目 spaced a character a cell (`收项`, `目入支项`, `目出`,
    `收项目入支项目`): only those characters, with 项 or 目 among them."""
    return len(text) >= 2 and set(text) <= _HEADER_CHARS and bool(set(text) & {"项", "目"})


def year_column(lines: Sequence[NLine], i: int, end: int) -> Optional[str]:
    """The amount column's name printed as `2026 年预算数` within lines[i:end] (the stream drops it as
    furniture), squeezed (`2026年预算数`); None when none is or two differ."""
    found = {"".join(m.groups()[0:1]) + "年" + m.group(2) for ln in lines[i:end]
             for m in [_YEAR_COLUMN.match(ln.text.strip())] if m}
    return next(iter(found)) if len(found) == 1 else None


def sub_number(label: str) -> Optional[int]:
    """The arabic number of a sub-item (`1.事业收入` -> 1); None for any other label."""
    m = _ARABIC.match(label)
    return int(m.group(1)) if m else None


def tree_sides(items: list[Item]) -> bool:
    """Give each item its side regardless of the order printed, and check the shape (module text)."""
    for it in items:
        side = word_side(it.label)
        if side is None and sub_number(it.label) is None and ordinal_value(it.label) is None:
            side = 1  # (an unnumbered name with no side's words: a 款 / 项, `统计信息事务`, `口岸管理`)
        if side is None:
            return False
        it.side = side
    left = [it.label for it in items if it.side == 0]
    right = [it.label for it in items if it.side == 1]
    if not _totals(left) or not _totals(right) or not _numbered(left, True) or not _numbered(right):
        return False
    if any(sub_number(x) is not None for x in right) or not _subs_in_turn(left):
        return False
    return any(_part(x) for x in right)


def is_total(label: str) -> bool:
    return bool(YEAR_TOTAL.match(label) or GRAND.match(label) or _SIDE_TOTAL.match(label))


def _part(label: str) -> bool:
    """An expenditure 款 / 项 row: an unnumbered subject name the catalogue knows, no total or
    carry-over (a side with none such is sides_bare's own shape)."""
    return (ordinal_value(label) is None and not is_total(label) and not carry_item(label)
            and is_subject(subject_name(label)))


def _totals(side: list[str]) -> bool:
    years = sum(1 for x in side if YEAR_TOTAL.match(x))
    grands = sum(1 for x in side if GRAND.match(x) or _SIDE_TOTAL.match(x))
    return years == 1 and grands <= 1


def _numbered(side: list[str], income: bool = False) -> bool:
    """The side's items numbered 一、二、… make the whole set 1..n, each once (in any order); an income
    side may number none (the 财政拨款 table's one item `财政拨款`, its funds under it)."""
    numbers = [n for n in (ordinal_value(x) for x in side) if n is not None]
    if not numbers and income:
        return any(sub_number(x) is None and not is_total(x) and not carry_item(x) for x in side)
    return bool(numbers) and sorted(numbers) == list(range(1, len(numbers) + 1))


def _subs_in_turn(side: list[str]) -> bool:
    """Each arabic-numbered sub-item follows an item or carry-over item (or a sub-item of it), the
    numbers 1, 2, … in turn under each."""
    expect: Optional[int] = None
    for x in side:
        n = sub_number(x)
        if n is None:
            expect = None if is_total(x) else 1
            continue
        if expect is None or n != expect:
            return False
        expect += 1
    return True


def parents(side: list[str]) -> list[Optional[int]]:
    """Each label's parent on its side: the item or carry-over item a sub-item is printed under
    (positions in `side`); None for the others."""
    out: list[Optional[int]] = []
    top: Optional[int] = None
    for k, x in enumerate(side):
        if sub_number(x) is not None:
            out.append(top)
            continue
        out.append(None)
        top = None if is_total(x) else k
    return out
