"""Reader `sides-bare`: a side-by-side income | expenditure table (收入支出决算总表 and its kin, one
amount column per side) that prints no 行次 and whose amounts pdftotext without `-layout` prints apart
from their labels, the two sides' amounts interleaved.

The shape (Shanghai's 收入支出决算总表): the labels of both sides come in reading order, a row's income
label then its expenditure label (`一、一般公共预算财政拨款收入` … `一、一般公共服务支出`
`二、政府性基金预算财政拨款收入` `二、外交支出` …), the header's words among them (`决算数` `支出`
`项目`), and the amounts as runs wherever pdftotext put their boxes (`6.20` after `七、文化旅游体育与传媒
支出`, `2,106.66` `326.71` `60.99` after `九、卫生健康支出`): within a side the amounts keep their
rows' order, but which side and which row an amount is of is not printed.

What it does: after sides-stream and sides-detached declined the table, takes the stream
(sides_detached.flow_body), drops the header's words, joins labels broken over lines, gives each
label its side by its words (sides_stream.word_side; a 总计 goes to the side of the carry-over item
before it, the other side's 总计 after it), and requires each side's item numbers in turn (一、二、…),
its 本年…合计 and its 总计 last. It builds the grid with both sides' labels and no amounts, and hands
every amount, in printed order, to structure/detached_sides.py in the GridBlock's `detached`
(`left`: the income rows), which places them where the sums and the report's other tables leave one
placement.
What it does not: read tables that print 行次 (sides-detached), several amount columns on a side
(a 财政拨款收入支出决算总表's 合计 and fund columns), or a label it cannot give a side; place any amount
itself.
"""
from __future__ import annotations

from typing import Optional, Sequence

import regex as re

from ..datamodel import Detached, GridBlock, NLine
from .sides_columns import GRAND, YEAR_TOTAL, Item, carry_item, ordinal_value
from .sides_detached import flow_body
from .sides_stream import continues, grid_of, stream_starts, word_side
from .spaced_text import amount_cell
from .text_tables import text_reader, with_report

_HEADER_WORD = re.compile(r"^(?:收入|支出|项目|决算数|预算数|金额|本年收入|本年支出)$")
_COLUMN_NAME = re.compile(r"^(?:决算数|预算数|金额)$")
_LINE_NUMBER = re.compile(r"^\d{1,2}$")  # a 行次 / 栏次: the shape of sides-detached, not this one
_MIN_ROWS = 4


def _items(body) -> Optional[tuple[list[Item], list, list[str]]]:
    """The labelled items in reading order, the amounts in printed order, the column names printed;
    None when a piece is a line number or a label has no side."""
    items: list[Item] = []
    run = []
    names: list[str] = []
    for p in body:
        if p.amount:
            if _LINE_NUMBER.match(p.text):
                return None
            run.append(p)
            continue
        if _HEADER_WORD.match(p.text):
            if _COLUMN_NAME.match(p.text):
                names.append(p.text)
            continue
        cur = items[-1] if items else None
        if cur is not None and continues(cur, p.text) and not run_between(cur, run):
            cur.label += p.text
            cur.lines.append(p.line)
        else:
            items.append(Item(p.text, [p.line]))
            items[-1].no = len(run)  # (the amounts printed before it: tells a label broken by an amount)
    return items, run, names


def run_between(item: Item, run: list) -> bool:
    """An amount was printed after the item's label began (the label is whole)."""
    return item.no is not None and item.no != len(run)


def _sides(items: list[Item]) -> bool:
    """Give each item its side; False when one has none or a side's 总计 is not its last item."""
    grand = [False, False]
    prev: Optional[int] = None
    for it in items:
        it.no = None
        if GRAND.match(it.label):
            side = prev if prev is not None and not grand[prev] else None
            if side is None:
                side = 1 - prev if prev is not None and not grand[1 - prev] else None
            if side is None:
                return False
            grand[side] = True
        else:
            side = word_side(it.label)
            if side is None or grand[side]:
                return False
        it.side = side
        prev = side
    return all(grand)


def _side_in_turn(side: list[Item]) -> bool:
    """The side's numbered items 一、二、… in turn from the first, its 本年…合计 after them, 总计 last."""
    numbers = [ordinal_value(it.label) for it in side]
    numbered = [n for n in numbers if n is not None]
    if not numbered or numbered != list(range(1, len(numbered) + 1)):
        return False
    last = max(k for k, n in enumerate(numbers) if n is not None)
    year = [k for k, it in enumerate(side) if YEAR_TOTAL.match(it.label)]
    if len(year) != 1 or year[0] < last:
        return False
    return all(carry_item(it.label) or GRAND.match(it.label) for it in side[year[0] + 1:])


def read_bare(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    declined = None, i + 1
    flow = flow_body(lines, i)
    if flow is None:
        return declined
    body, first, header, end = flow
    if "行次" in "".join(header) or "栏次" in "".join(header) or any(p.amount for p in body[:first]):
        return declined
    got = _items(body[first:])
    if got is None:
        return declined
    items, run, names = got
    names += [w for w in header if _COLUMN_NAME.match(w)]
    if not run or len(set(names)) != 1 or not _sides(items):
        return declined
    left = [it for it in items if it.side == 0]
    right = [it for it in items if it.side == 1]
    if len(left) < _MIN_ROWS or len(right) < _MIN_ROWS or len(run) > len(items):
        return declined
    if not _side_in_turn(left) or not _side_in_turn(right):
        return declined
    for side in (left, right):
        for r, it in enumerate(side):
            it.row = r
    column = names[0]
    block = grid_of(lines[i], sorted(items, key=lambda it: (it.row, it.side)), {}, [[column], [column]],
                    [False, False], False)
    rows = {2 + it.row: it.label for it in right}
    block.detached = Detached(column=3, rows=rows, run=[amount_cell(p.line, p.text) for p in run],
                              totals_from=("final.03", "budget.expenditure"),
                              left={2 + it.row: it.label for it in left}, left_column=1)
    while end > i and not lines[end - 1].text.strip():
        end -= 1
    block.method = "sides-bare"
    block.first_line = lines[i].no
    block.last_line = lines[end - 1].no
    return with_report(block), end


@text_reader(33)
class SidesBareReader:
    """A two-sided table without 行次 whose amounts stand apart from their rows (pdftotext without -layout)."""

    name = "sides-bare"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        return stream_starts(lines, i, wide=True)

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return read_bare(lines, i)
