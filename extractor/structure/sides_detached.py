"""Reader `sides-detached`: a side-by-side income | expenditure table (公开01表 and its kin, one amount
column per side, 行次 printed) whose expenditure amounts pdftotext without `-layout` prints apart from
their labels.

The shape: each row prints its income label and 行次, then — on one line — the income amount and the
expenditure label (`1` `1279.28 一、一般公共服务支出` `31`), the expenditure 行次; an expenditure amount
comes alone right after its 行次 (`38` `55.91` `9`, the next row's 行次 following) or, most of them, as
a bare run of amounts after the page footer or at the table's end (`65.45 1052.86 96.63 64.34
1279.28`); the 行次 of the expenditure totals (本年支出合计, 总计) are printed there too (`57 60`), with
a header word and its column number at times (`决算数 2`).

What it does: after sides-stream declined the table, cuts the stream into items as that reader does
(sides_stream.pieces / sides_columns.Item), gives each item its side and row by the 行次 runs (the
expenditure items printed without their 行次 take the numbers missing from the run, in order), puts an
amount printed on one line before an expenditure label in the income column of that label's row, and
reads the income side only when its sums hold (本年收入合计 = Σ the numbered items, 总计 = 本年 +
carry-over). The expenditure amounts are not placed here — within the table their rows cannot be
known — but handed on in the GridBlock's `detached` (the amounts printed after a 行次 and followed by
the next row, and the bare run in printed order) for structure/detached_runs.py, which places them
where another table of the report confirms them.
What it does not: read tables with several amount columns per side, without 行次, or whose income
side does not add up; place any expenditure amount itself.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional, Sequence

import regex as re

from ..datamodel import Detached, GridBlock, NLine
from ..evidence.printed import ORDINAL
from .sides_columns import GRAND, Item, Piece, Placed, printed_widths, side_columns, side_sums
from .row_stream import past_note
from .sides_stream import continues, grid_of, header_echo, number_side, region, stream_starts
from .spaced_text import AMOUNT, amount_cell
from .text_tables import text_reader, with_report

_HAN = re.compile(r"\p{Han}")
_COLUMN_NUMBERS = 2  # a header word's column number printed among the rows: 1 or 2 (one column per side)
_MIN_ROWS = 4
_MAX_GAP = 4  # expenditure 行次 printed apart after the last one printed with its label (the four total rows)


def _parse(body: list[Piece], header: list[str]) -> Optional[tuple[list[Item], dict[int, Piece], list[Piece],
                                                                 list[int], dict[int, Piece]]]:
    """The items; the income amounts printed before an expenditure label (item id -> amount); the
    amounts printed apart (in order); the bare 行次 numbers printed apart; the expenditure amounts
    printed right after their 行次 (item id -> amount). None when the stream is not this shape."""
    head = set(header)
    items: list[Item] = []
    before: dict[int, Piece] = {}
    after: dict[int, Piece] = {}
    loose: list[Piece] = []
    numbers: list[int] = []
    last = [0, 0]
    right_started = False
    pending: Optional[Piece] = None  # an amount printed on one line before a label
    k = 0
    while k < len(body):
        p = body[k]
        echo = header_echo(body, k, header)
        if echo:
            k += echo
            continue
        nxt = body[k + 1] if k + 1 < len(body) else None
        cur = items[-1] if items else None
        if not p.amount:
            if p.text in head and not ORDINAL.match(p.text):
                k += 1  # a header word among the rows (its column number may follow)
                if k < len(body) and body[k].amount and body[k].text.isdigit() and int(body[k].text) <= _COLUMN_NUMBERS:
                    k += 1
                continue
            if not _HAN.search(p.text):
                return None
            if cur is not None and pending is None and continues(cur, p.text) and cur.no is None:
                cur.label += p.text
                cur.lines.append(p.line)
            else:
                items.append(Item(p.text, [p.line]))
                if pending is not None:
                    before[id(items[-1])] = pending
                    pending = None
            k += 1
            continue
        if pending is not None:
            return None  # two amounts before a label
        whole = p.text.isdigit()
        if nxt is not None and not nxt.amount and nxt.line is p.line:
            pending = p  # the income amount, on the line of the expenditure label that follows
        elif whole and cur is not None and cur.label and cur.no is None and not body[k - 1].amount:
            side = number_side(int(p.text), last, right_started)  # the 行次 right after its label
            if right_started and side != 0:  # after expenditure items printed without their 行次, the
                # number that counts them too (`本年支出合计` `结余分配` `58`); another one was printed apart
                side = 1 if int(p.text) == last[1] + 1 + _unnumbered_since(items, last[1]) else None
            if side is None and right_started and int(p.text) > last[0] + 1:
                numbers.append(int(p.text))  # another expenditure 行次 printed apart (`总计` `57` `60`)
            elif side is None:
                return None
            else:
                right_started |= side == 1
                cur.no, cur.side, last[side] = int(p.text), side, int(p.text)
        elif whole and int(p.text) == last[0] + 1:
            items.append(Item("", [p.line], no=int(p.text), side=0))  # a row whose income label is blank
            last[0] = int(p.text)
        elif whole and right_started and last[0] + 1 < int(p.text) <= last[1] + _MAX_GAP:
            numbers.append(int(p.text))  # an expenditure 行次 printed apart
        elif (cur is not None and cur.side == 1 and cur.no is not None and id(cur) not in after
              and body[k - 1].text == str(cur.no) and nxt is not None and _next_row(nxt, last)):
            after[id(cur)] = p  # right after its 行次, the next row's 行次 or label following
        else:
            loose.append(p)
        k += 1
    if pending is not None:
        return None
    return items, before, loose, numbers, after


def _unnumbered_since(items: list[Item], no: int) -> int:
    """The labelled items without a 行次 between the expenditure item numbered `no` and the last item."""
    k = next((k for k in range(len(items) - 1, -1, -1) if items[k].side == 1 and items[k].no == no), -1)
    return sum(1 for it in items[k + 1:-1] if it.label and it.no is None)


def _next_row(p: Piece, last: list[int]) -> bool:
    return (p.amount and p.text == str(last[0] + 1)) or (not p.amount and bool(ORDINAL.match(p.text)))


def _number_rest(items: list[Item], numbers: list[int]) -> bool:
    """The expenditure items printed without their 行次 take the numbers missing from the run, in
    order; the 行次 printed apart must be among them. False when they do not fit."""
    right = [it for it in items if it.side == 1]
    left = [it for it in items if it.side == 0]
    unnumbered = [it for it in items if it.label and it.no is None]
    if not right or not left or any(it.side is not None for it in unnumbered):
        return False
    first, count = right[0].no, len(left)
    have = {it.no for it in right}
    missing = [n for n in range(first, first + count) if n not in have]
    if len(missing) != len(unnumbered) or any(n not in missing for n in numbers) or numbers != sorted(numbers):
        return False
    for it, n in zip(unnumbered, missing):
        it.no, it.side = n, 1
    return True


def flow_body(lines: Sequence[NLine], i: int) -> Optional[tuple[list[Piece], int, list[str], int]]:
    """A two-sided table's cell stream in flow order from lines[i]: (its pieces, the index of the
    first numbered item, the header's words before it, the index after the stream), the expenditure
    column's last boxes printed after the table's note taken in (pdftotext without -layout); None
    where no numbered item follows a header. Shared by sides-detached and sides-words."""
    body, end = region(lines, i)
    first = next((k for k, p in enumerate(body) if not p.amount and ORDINAL.match(p.text)), None)
    if first is None or first == 0:
        return None
    header = [p.text for p in body[:first]]
    more = past_note(lines, end)  # the expenditure column's last boxes, printed after the table's note
    if more is not None and all(AMOUNT.match(w) or w in header for w, _ in more[0]):
        body = body + [Piece(w, ln, bool(AMOUNT.match(w))) for w, ln in more[0]]
        end = more[1]
    return body, first, header, end


def read_stream(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    declined = None, i + 1
    flow = flow_body(lines, i)
    if flow is None:
        return declined
    body, first, header, end = flow
    if "行次" not in "".join(header) or printed_widths(header) not in (None, (1, 1)):
        return declined
    got = _parse(body[first:], header)
    if got is None:
        return declined
    items, before, loose, numbers, after = got
    if not loose or not _number_rest(items, numbers):
        return declined
    lefts = [it for it in items if it.side == 0]
    rights = [it for it in items if it.side == 1]
    if len(rights) < _MIN_ROWS or [it.no for it in lefts] != list(range(1, len(lefts) + 1)) or (
            sorted(it.no for it in rights) != list(range(rights[0].no, rights[0].no + len(lefts)))):
        return declined  # each side's 行次 run whole, one row each
    offset = rights[0].no - 1
    for it in items:
        it.row = it.no - 1 if it.side == 0 else it.no - 1 - offset
    by_row = {it.row: it for it in lefts}
    for it in rights:
        amount = before.get(id(it))
        if amount is None:
            continue
        left = by_row.get(it.row)
        if left is None or left.amounts:
            return declined
        left.amounts.append(amount)
    values = [(it, Decimal(it.amounts[0].text.replace(",", "")) if it.amounts else Decimal(0)) for it in lefts]
    held = side_sums(values)
    if not held:
        return declined  # the income side does not add up (or has no sum to check): rows mixed
    columns = side_columns("".join(header), [1, 1])
    if columns is None:
        return declined
    side_cols, guessed = columns
    placed = {id(it): Placed((0,) if it.amounts else ()) for it in lefts}
    ordered = sorted(items, key=lambda it: (it.row, it.side))
    block = grid_of(lines[i], ordered, placed, side_cols, [guessed[0], False], True)
    width = 2 + len(side_cols[0])  # label, 行次, the income amounts
    column = width + 2
    grid_row = {r[width + 1].text: g for g, r in enumerate(block.rows) if len(r) > column}
    grand = next((it.amounts[0].text for it in lefts if GRAND.match(it.label) and it.amounts), None)
    block.detached = Detached(
        column=column,
        rows={grid_row[str(it.no)]: it.label for it in rights if str(it.no) in grid_row},
        run=[amount_cell(p.line, p.text) for p in loose],
        attached={grid_row[str(it.no)]: amount_cell(after[id(it)].line, after[id(it)].text)
                  for it in rights if id(it) in after and str(it.no) in grid_row},
        grand=grand)
    while end > i and not lines[end - 1].text.strip():
        end -= 1
    block.method = "sides-detached"
    block.first_line = lines[i].no
    block.last_line = lines[end - 1].no
    return with_report(block), end


@text_reader(33)
class SidesDetachedReader:
    """A two-sided table whose expenditure amounts stand apart from their rows (pdftotext without -layout)."""

    name = "sides-detached"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        return stream_starts(lines, i, wide=True)

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return read_stream(lines, i)


