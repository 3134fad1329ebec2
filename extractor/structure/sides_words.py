"""Reader `sides-words`: a side-by-side income | expenditure table without 行次 (a budget's 收支总表, one
amount column per side; its 财政拨款收支总表, 合计 and the three funds on the expenditure side; a unit's
财务收支预算总表, the expenditure side by cost, 合计 | 人员经费 | 公用经费 | 项目支出) as
pdftotext without `-layout` prints it, each row's income amount on one line with the row's
expenditure label.

The shape: a row prints its income label, then — on one line — the income amount and the expenditure
label (`1168.23 一、社会保障和就业支出`), then the expenditure amount(s) alone (`73.25`; `73.25 73.25 0 0`
under 合计 and the funds, fewer where blank cells are absent); a row without an expenditure label
prints its income amount alone after its income label (`五、事业收入` `0`), or, blank cells absent,
the labels of such rows come one under another (a stack) and their amounts after them; at the totals
the income labels come stacked (`本年收入合计` `上年结转` `收入总计`), then each row's `income amount +
expenditure label` line and its expenditure amount; the last rows' expenditure amounts may come as a
run before their labels or after the table's note and the page footer; the column heads may be
printed again among the rows (letter-spaced `收` `入`, `一般公共预` `算`).

What it does: cuts the stream into items (sides_stream.region / line_pieces, labels broken over lines
joined as sides_stream does, column heads skipped), gives each its side by its words (…收入 / 上年 /
年初 income, …支出 / 年终 / 年末 expenditure; a subject the catalogue names is expenditure; else the item
numbers 一、二、 in turn), and its row by its order on its side (the numbered items from the first row,
then 本年…合计, the carry-over items, 总计 on the last row). An amount printed on one line before an
expenditure label goes to the income item of that label's row; amounts alone right after a label
without amounts go to it (on the expenditure side of 合计 and the funds, or the costs, as many as add up
as a row: 合计 = Σ the parts, within the rounding the parts carry as printed: whole-yuan 人员经费 under a
合计 in cents). Amounts left over (printed apart, or after a label that has its amount) go, in
order and cut into rows the same way, to the expenditure items still without amounts where the
expenditure sums hold and the two 总计 agree, placed only when exactly one placement fits (to review
when several subject rows take them so: swapped, the sums would hold too). An amount after a stack of
income labels goes to the one stacked label without an amount where both sides' sums hold; when
several fit it is placed nowhere, and the income side goes to review. The fund columns of the amounts
printed are placed as sides_columns.place does (the income side's funds, the column sums, against
本年…合计 or the 总计 that closes the numbered items). Zeros printed apart that no row takes (pdfminer
prints the 0.00 cells of a column after the last row's amounts) fill the blank cells of the rows placed
for certain when they are exactly as many (else the table is declined); zeros after a stack of income
labels go one to each label of the stack without an amount when they are as many. The table
is read only when every other amount has its place, each side's sums hold (本年…合计 = Σ the numbered
items, 总计 = 本年…合计 + the carry-over items, at least one sum checked per side; the income side's
only when nothing was left out) and the two 总计 are equal.
What it does not: read tables with 行次 (sides_stream.py, sides_detached.py: 公开01/04表), place an
amount no sum settles, or read streams whose amounts stand apart in a way the sums cannot settle (a
bare run of several subjects' amounts with blank rows among them: declined, the readers after this one
try it).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional, Sequence

import regex as re

from ..datamodel import GridBlock, NLine
from ..evidence.printed import ORDINAL
from .sides_detached import flow_body
from .sides_columns import (GRAND, YEAR_TOTAL, Item, Piece, Placed, adds_up, by_column_sums, carry_item, close, first_value,
                            fund_zero_columns, grand_value, is_subject, ordinal_value, place, side_columns, side_sums)
from .spaced_sides import SIDE_COLUMNS
from .sides_stream import continues, grid_of, header_echo, ordinals_in_turn, stream_starts, word_side
from .text_tables import text_reader, with_report

_HAN = re.compile(r"\p{Han}")
# the column heads' words, printed letter-spaced (`收    入` -> `收` `入`) and again among the rows
_HEAD_WORD = re.compile(r"^(?:[收入支出项目]|项目|(?:本年|财政拨款)?(?:收入|支出)|预算数|决算数|金额)$")
_MIN_ITEMS = 6
_WHOLE = re.compile(r"(?:收入|支出|拨款|合计|总计)$")  # a label ending so takes no side word as its rest
_FUNDS_SET = ("合计", "一般公共预算", "政府性基金预算", "国有资本经营预算")
_FUND_HEAD = "国有资本经营预算财政拨款"  # the longest fund column's name, printed broken
_FUNDS_WIDTH = 4  # 合计 and the three funds
_SEARCH_BUDGET = 200_000  # nodes of the search placing amounts printed apart


def _side(label: str, last: list[int]) -> Optional[int]:
    side = word_side(label)
    if side is None and is_subject(label):
        side = 1  # a 功能分类 subject the catalogue names
    v = ordinal_value(label)
    if side is None and v:
        fits = [s for s in (0, 1) if v == last[s] + 1]
        side = fits[0] if len(fits) == 1 else None
    return side


@dataclass
class _Group:
    """Amounts printed alone one after another, and the item whose label came right before them."""

    amounts: list[Piece]
    after: Optional[Item]
    stack: list[Item] = field(default_factory=list)  # the labels of its side printed one under another up to `after`


def _parse(body: list[Piece], header: list[str]) -> Optional[tuple[list[Item], dict[int, Piece], list[_Group],
                                                                 list[str]]]:
    """The items (label, side); the income amounts printed on one line before an expenditure label
    (expenditure item id -> amount); the amounts printed alone, in groups; the header words printed
    among the rows. None when the stream is not
    this shape (a label without a side, an amount on the line of an income label)."""
    head = set(header)
    items: list[Item] = []
    before: dict[int, Piece] = {}
    groups: list[_Group] = []
    heads: list[str] = []
    stacked: dict[int, Item] = {}
    pending: Optional[Piece] = None
    prev: Optional[str] = None  # what came last: "label" or "amount" (header words skipped)
    k = 0
    while k < len(body):
        echo = header_echo(body, k, header)
        if echo:
            k += echo
            continue
        p = body[k]
        cur = items[-1] if items else None
        k += 1
        if not p.amount:
            if not _HAN.search(p.text):
                return None
            if (cur is not None and pending is None and prev == "label" and continues(cur, p.text)
                    and not (_HEAD_WORD.match(p.text) and _WHOLE.search(cur.label))):
                cur.label += p.text  # the rest of a label broken over lines
                cur.lines.append(p.line)
                continue
            if ((p.text in head and not ORDINAL.match(p.text)) or _HEAD_WORD.match(p.text) or _column_piece(p.text)
                    or (YEAR_TOTAL.match(p.text) and _head_total(body, k, groups, before))):
                heads.append(p.text)
                continue  # a header word printed among the rows (the page's column heads)
            it = Item(p.text, [p.line])
            if pending is not None:
                before[id(it)] = pending
                pending = None
            elif prev == "label" and cur is not None:
                stacked[id(it)] = cur  # printed right under another label, no amount between
            items.append(it)
            prev = "label"
            continue
        if pending is not None:
            return None  # two amounts before a label
        nxt = body[k] if k < len(body) else None
        if nxt is not None and not nxt.amount and nxt.line is p.line:
            pending = p  # the income amount on the line of the expenditure label that follows
            continue
        if prev == "amount" and groups:
            groups[-1].amounts.append(p)
        else:
            groups.append(_Group([p], cur if prev == "label" else None))
        prev = "amount"
    if pending is not None:
        return None
    last = [0, 0]
    for it in items:  # sides once the labels are whole
        side = _side(it.label, last)
        if side is None or (id(it) in before and side != 1):
            return None  # a label without a side, or an amount on the line of an income label
        it.side = side
        v = ordinal_value(it.label)
        if v:
            last[side] = v
    for g in groups:  # the labels of one side printed one under another right before the amounts
        it = g.after
        while it is not None:
            g.stack.insert(0, it)
            upper = stacked.get(id(it))
            it = upper if upper is not None and upper.side == it.side else None
    return items, before, groups, heads


def _head_total(body: list[Piece], k: int, groups: list[_Group], before: dict[int, Piece]) -> bool:
    """The 合计 before body[k] is the first column's head: no amount printed alone yet and none on the
    line of a label, or a fund column's head follows it."""
    nxt = body[k] if k < len(body) else None
    return (not groups and not before) or (nxt is not None and not nxt.amount and _column_piece(nxt.text))


def _column_piece(text: str) -> bool:
    """A piece of a standard column name (`一般公共预`, `算`, `国有资本经营预算`), not a total's label."""
    if YEAR_TOTAL.match(text) or GRAND.match(text) or not _HAN.search(text):
        return False
    return any(text in name for cols in SIDE_COLUMNS for name in cols) or text in _FUND_HEAD
def _take(amounts: list[Piece], width: int) -> Optional[int]:
    """How many of the amounts printed alone one item takes: one on a side of one column; else the
    side's width when they add up as a row (合计 = Σ the parts within their printed rounding, 0
    printed), or the fewest that do (blank cells absent); None when none do."""
    if width == 1:
        return 1
    for n in [width] + list(range(2, width)):
        if n <= len(amounts) and adds_up(amounts[0], amounts[1:n]):
            return n
    return None


def _decimal(p: Piece) -> Decimal:
    return Decimal(p.text.replace(",", ""))


def _rows(side: list[Item]) -> Optional[tuple[int, list[Item]]]:
    """The side's numbered items (the rows from the first) and the items after them (本年…合计 first,
    总计 last); None when they do not come so."""
    end = next((k for k, it in enumerate(side) if YEAR_TOTAL.match(it.label) or GRAND.match(it.label)
                or carry_item(it.label)), len(side))
    rest = side[end:]
    if not rest or not GRAND.match(rest[-1].label):
        return None
    if any(GRAND.match(it.label) or YEAR_TOTAL.match(it.label) for it in rest[1:-1]):
        return None
    if not all(carry_item(it.label) for it in rest[1:-1]):
        return None
    return end, rest


def read_stream(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    declined = None, i + 1
    flow = flow_body(lines, i)
    if flow is None:
        return declined
    body, first, header, end = flow
    header_text = "".join(header)
    if "行次" in header_text or "栏次" in header_text:
        return declined
    got = _parse(body[first:], header)
    if got is None:
        return declined
    items, before, groups, heads = got
    columns = _columns(header_text + "".join(heads))
    if columns is None:
        return declined
    side_cols, guessed = columns
    width = len(side_cols[1])
    if len(items) < _MIN_ITEMS or not ordinals_in_turn(items):
        return declined
    sides = [[it for it in items if it.side == s] for s in (0, 1)]
    shaped = [_rows(s) for s in sides]
    if shaped[0] is None or shaped[1] is None:
        return declined
    top = max(shaped[0][0], shaped[1][0])
    depth = max(len(shaped[0][1]), len(shaped[1][1]))
    for side, (n, rest) in zip(sides, shaped):
        for r, it in enumerate(side[:n]):
            it.row = r
        for r, it in enumerate(rest):
            it.row = top + (depth - 1 if GRAND.match(it.label) else r)
    income = {it.row: it for it in sides[0]}
    for it in sides[1]:
        amount = before.get(id(it))
        if amount is None:
            continue
        left = income.get(it.row)
        if left is None or left.amounts:
            return declined  # the income amount of a row without income item, or a second one
        left.amounts.append(amount)
    loose: list[Piece] = []
    deferred: list[_Group] = []  # amounts after a stack of income labels: which row is theirs is open
    for g in groups:
        it = g.after
        if it is not None and it.side == 0 and (it.amounts or len(g.stack) > 1):
            deferred.append(g)
            continue
        n = _take(g.amounts, 1 if it is None or it.side == 0 else width) if it is not None and not it.amounts else 0
        if n:
            it.amounts = g.amounts[:n]
        loose += g.amounts[n or 0:]
    apart: list[Piece] = []  # placed nowhere: the income side then goes to review
    moved = _place_loose(sides, loose + [p for g in deferred for p in g.amounts], width) if deferred else None
    zeros: list[Piece] = []  # zeros printed apart that no row takes: the blank cells of placed rows, below
    if moved is None:
        moved = _place_loose(sides, loose, width) if loose else []
        if moved is None and all(_decimal(p) == 0 for p in loose):
            moved, zeros = [], loose
        if moved is None:
            return declined
        for g in deferred:
            if not _income_owner(sides, g) and not _stack_zeros(g):
                apart += g.amounts
    totals = side_cols[1][0] in ("合计", "小计")
    placed: dict[int, Placed] = {id(it): Placed((0,) if it.amounts else ()) for it in sides[0]}
    left_values = [(it, first_value(it, placed[id(it)])) for it in sides[0]]
    zero = fund_zero_columns(left_values, side_cols[1]) if totals else set()
    for it in sides[1]:
        placed[id(it)] = place(it.amounts, width, totals, zero)
    by_column_sums(sides[1], placed, width)
    if zeros and not _fill_zeros(sides[1], placed, zeros, width):
        return declined
    subjects = [it for it in moved if not _ends_run(it.label)]
    if len(subjects) > 1:  # amounts of several rows printed apart: the sums cannot tell them apart
        for it in subjects:
            placed[id(it)].unsure, placed[id(it)].doubt = set(range(len(it.amounts))), _APART_DOUBT
    right_values = [(it, first_value(it, placed[id(it)])) for it in sides[1]]
    if apart:
        grands = [grand_value(left_values), grand_value(right_values)]
        if not side_sums(right_values) or None in grands or not close(grands[0], grands[1], 1):  # type: ignore
            return declined
        doubt = _STACK_DOUBT + " ".join(p.text for p in apart)
        for it in sides[0]:
            if it.amounts:
                placed[id(it)].unsure, placed[id(it)].doubt = {0}, doubt
    elif not _sums_hold(left_values, right_values):
        return declined  # a side whose sums fail (amounts on the wrong items) or have nothing to check
    ordered = sorted(items, key=lambda it: (it.row, it.side))
    block = grid_of(lines[i], ordered, placed, side_cols, guessed, False)
    while end > i and not lines[end - 1].text.strip():
        end -= 1
    block.method = "sides-words"
    block.first_line = lines[i].no
    block.last_line = lines[end - 1].no
    return with_report(block), end


def _income_owner(sides: list[list[Item]], g: _Group) -> bool:
    """Places a lone amount printed after a stack of income labels on the one label of the stack, still
    without an amount, where the income side's sums hold and its 总计 equals the expenditure side's;
    False (nothing placed) when none or several do."""
    if len(g.amounts) != 1:
        return False
    fits = []
    for it in (x for x in g.stack if not x.amounts):
        it.amounts = g.amounts
        left = [(x, _decimal(x.amounts[0]) if x.amounts else Decimal(0)) for x in sides[0]]
        right = [(x, _decimal(x.amounts[0]) if x.amounts else Decimal(0)) for x in sides[1]]
        if _sums_hold(left, right):
            fits.append(it)
        it.amounts = []
    if len(fits) != 1:
        return False
    fits[0].amounts = g.amounts
    return True


def _stack_zeros(g: _Group) -> bool:
    """Zeros printed after a stack of income labels, as many as the labels of the stack without an
    amount (blank cells absent, pdfminer prints a column's cells after the labels): one each, in order
    (all 0, which goes where does not change a value)."""
    open_items = [it for it in g.stack if not it.amounts]
    if not open_items or len(open_items) != len(g.amounts) or any(_decimal(p) != 0 for p in g.amounts):
        return False
    for it, p in zip(open_items, g.amounts):
        it.amounts = [p]
    return True


def _fill_zeros(side: list[Item], placed: dict[int, Placed], zeros: list[Piece], width: int) -> bool:
    """Zeros printed apart from their rows (after the last expenditure row's amounts: pdfminer prints
    the 公用经费 / 项目支出 cells of the rows above there) fill the blank cells of the expenditure items
    placed for certain that print fewer amounts than the side has columns: those cells are 0 by the
    sums that placed the rest. Filled only when the zeros are exactly as many as those cells; False
    (nothing filled) otherwise."""
    blanks = [(it, c) for it in side if it.amounts and len(it.amounts) < width and not placed[id(it)].unsure
              for c in range(width) if c not in placed[id(it)].cols]
    if len(blanks) != len(zeros):
        return False
    for (it, c), p in zip(blanks, zeros):
        it.amounts.append(p)
        placed[id(it)].cols += (c,)
    return True


def _columns(header_text: str) -> Optional[tuple[list[list[str]], list[bool]]]:
    """Each side's columns: one on the income side; on the expenditure side 合计 and the three funds
    when the header names them (a 财政拨款收支总表; its fund heads may be printed elsewhere, after the
    note, when 合计 and 一般公共预算 stand in the header), else one."""
    wide = side_columns(header_text, [1, _FUNDS_WIDTH])
    if wide is not None and len(wide[0][0]) == 1 and not any(wide[1]):
        return wide
    one = side_columns(header_text, [1, 1])
    if one is None or len(one[0][0]) != 1 or any(one[1]):
        return None
    if "合计" in header_text and _FUNDS_SET[1] in header_text:
        return [one[0][0], list(_FUNDS_SET)], [False, False]
    return one


def _sums_hold(left: list[tuple[Item, Decimal]], right: list[tuple[Item, Decimal]]) -> bool:
    grands = [grand_value(left), grand_value(right)]
    return (bool(side_sums(left)) and bool(side_sums(right)) and None not in grands
            and close(grands[0], grands[1], 1))  # type: ignore[arg-type]


_STACK_DOUBT = ("income side unchecked: amounts printed after a stack of income labels, whose rows cannot be "
                "told, are left out, so the income sums cannot be checked; left out: ")
_APART_DOUBT = ("row uncertain: printed apart from its label with the amounts of other rows; placed in printed "
                "order where the table's sums hold, which they would also do with these rows' amounts swapped")


def _ends_run(label: str) -> bool:
    return bool(YEAR_TOTAL.match(label) or GRAND.match(label) or carry_item(label))


def _place_loose(sides: list[list[Item]], loose: list[Piece], width: int) -> Optional[list[Item]]:
    """The amounts printed apart from any label (the expenditure column printed lower than its
    labels): cut into rows (`_take`), they go, in order, to expenditure items without amounts, in row
    order, where the expenditure side's sums hold and its 总计 equals the income side's (when that is
    known yet); placed only when exactly one such placement exists (the items placed; None when none
    or several fit)."""
    chunks: list[list[Piece]] = []
    rest = loose
    while rest:
        n = _take(rest, width)
        if n is None:
            return None
        chunks.append(rest[:n])
        rest = rest[n:]
    free = [it for it in sides[1] if it.label and not it.amounts]
    if len(chunks) > len(free):
        return None
    fixed = {id(it): _decimal(it.amounts[0]) for it in sides[1] if it.amounts}
    income = next((_decimal(it.amounts[0]) for it in sides[0] if GRAND.match(it.label) and it.amounts), None)
    found: list[dict[int, int]] = []
    budget = [_SEARCH_BUDGET]

    def walk(k: int, start: int, assign: dict[int, int]) -> None:
        budget[0] -= 1
        if len(found) >= 2 or budget[0] < 0:
            return
        if k == len(chunks):
            values = {**fixed, **{key: _decimal(chunks[c][0]) for key, c in assign.items()}}
            right = [(it, values.get(id(it), Decimal(0))) for it in sides[1]]
            grand = grand_value(right)
            if side_sums(right) and grand is not None and (income is None or close(income, grand, 1)):
                found.append(dict(assign))
            return
        for j in range(start, len(free) - (len(chunks) - k) + 1):
            assign[id(free[j])] = k
            walk(k + 1, j + 1, assign)
            del assign[id(free[j])]

    walk(0, 0, {})
    if len(found) != 1 or budget[0] < 0:
        return None
    out = []
    for it in free:
        c = found[0].get(id(it))
        if c is not None:
            it.amounts = chunks[c]
            out.append(it)
    return out


@text_reader(33)
class SidesWordsReader:
    """A two-sided table without 行次, each row's income amount on the line of its expenditure label."""

    name = "sides-words"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        return stream_starts(lines, i, wide=True)

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return read_stream(lines, i)
