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
A 公开04表 (财政拨款收入支出决算总表: one income column, expenditure 合计 and the three fund columns)
prints more: the expenditure columns' names and numbers after the rows (`合计` `一般公共预算` `财政拨款`
… `2` `3` `4` `5`), on a page's header printed again its words in another order or broken (`项` `支出`
`目`) — taken as header words where they are made of the header's words or the standard column names
and are not a row's label (a label with its 行次 next: the rest of an open label, or one ending like a
label, `一般公共预算财政拨款` `29`); an expenditure row whose label is blank prints its 行次 alone; the
income amount of such a row stands alone after its 行次; an expenditure label may come before the next
row's income 行次, its own 行次 later (the number is then that blank-labelled income row). The
expenditure amounts come as rows (`65.45` `65.45`): read only where the income side leaves one fund
column that may hold amounts (sides_columns.fund_zero_columns), the run is cut, in the one way that
fits, into rows of 合计 and that fund's amount (or all four columns, the others 0; a column number
the header lacks dropped from the run where only that cut fits), and handed on with the 合计 as the
run, the fund amounts as its parts, to be confirmed by the 类 totals of that fund's own table
(公开05表 for 一般公共预算).
What it does not: read tables without 行次, or whose income side does not add up; a 公开04表 where two
funds have income (a row's amounts could stand in either fund column), or whose run cuts more than
one way; place any expenditure amount itself.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Callable, Optional, Sequence

import regex as re

from ..datamodel import Detached, GridBlock, NLine
from ..evidence.printed import ORDINAL
from .sides_columns import (GRAND, YEAR_TOTAL, Item, Piece, Placed, carry_item, close, fund_zero_columns,
                            printed_widths, side_columns, side_sums)
from .spaced_sides import SIDE_COLUMNS
from .row_stream import past_note
from .sides_stream import continues, grid_of, header_echo, number_side, region, stream_starts, word_side
from .spaced_text import AMOUNT, amount_cell
from .text_tables import text_reader, with_report

_HAN = re.compile(r"\p{Han}")
_MIN_ROWS = 4
_MAX_GAP = 4  # expenditure 行次 printed apart after the last one printed with its label (the four total rows)
_MAX_COLUMN_NUMBER = 9  # a column number printed after the header's words among the rows
_MAX_HEADER_PIECE = 40  # a piece longer than this is no header word
# the fund columns of a 公开04表 and the tables whose 类 totals are theirs
_FUND_TABLES = {"一般公共预算": "final.05", "政府性基金": "final.07", "国有资本经营": "final.08"}
_COMPLETE_LABEL = re.compile(r"(?:收入|支出|拨款|合计|总计|结余|结转|分配|资金|预算)$")  # how a whole item label ends


def _parse(body: list[Piece], header: list[str]) -> Optional[tuple[list[Item], dict[int, Piece], list[Piece],
                                                                 list[int], dict[int, Piece], list[str]]]:
    """The items; the income amounts printed before an expenditure label (item id -> amount); the
    amounts printed apart (in order); the bare 行次 numbers printed apart; the expenditure amounts
    printed right after their 行次 (item id -> amount); the header's words printed among the rows
    (a page's header printed again, the expenditure columns' names printed after the rows). None when
    the stream is not this shape."""
    head = set(header)
    vocab = header_vocabulary(header)
    items: list[Item] = []
    before: dict[int, Piece] = {}
    after: dict[int, Piece] = {}
    loose: list[Piece] = []
    numbers: list[int] = []
    extra: list[str] = []
    last = [0, 0]
    right_started = False
    pending: Optional[Piece] = None  # an amount printed on one line before a label
    k = 0
    while k < len(body):
        p = body[k]
        echo = header_echo(body, k, header)
        nxt = body[k + 1] if k + 1 < len(body) else None
        cur = items[-1] if items else None
        if not echo and not p.amount and pending is None and (
                (p.text in head and not ORDINAL.match(p.text) and not _row_label(cur, p.text, nxt, last, right_started))
                or _header_piece(body, k, vocab, cur, last, right_started)):
            echo = 1  # a header word among the rows: a page's header printed again in another order, the
            extra.append(p.text)  # expenditure columns' names printed after the rows
        if echo:
            k += echo  # the header printed again (its column numbers may follow)
            ahead = 0
            while (k < len(body) and body[k].amount and body[k].text.isdigit() and int(body[k].text) <= _MAX_COLUMN_NUMBER
                   and not _next_number(int(body[k].text), last, right_started) and int(body[k].text) > ahead):
                ahead = int(body[k].text)
                extra.append(body[k].text)
                k += 1
            continue
        if not p.amount:
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
            if side == 0 and word_side(cur.label) == 1:
                # an expenditure label before the next row's income 行次 (its own 行次 printed later):
                # the number is a row whose income label is blank
                items.append(Item("", [p.line], no=int(p.text), side=0))
                last[0] = int(p.text)
                k += 1
                continue
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
        elif (whole and right_started and int(p.text) == last[1] + 1 and cur is not None and cur.side == 0
              and not _open_labels(items, numbers)):
            items.append(Item("", [p.line], no=int(p.text), side=1))  # a row whose expenditure label is blank
            last[1] = int(p.text)
        elif whole and right_started and last[0] + 1 < int(p.text) <= last[1] + _MAX_GAP:
            numbers.append(int(p.text))  # an expenditure 行次 printed apart
        elif (cur is not None and cur.side == 0 and cur.no is not None and not cur.amounts
              and body[k - 1].text == str(cur.no) and nxt is not None and nxt.amount and right_started
              and nxt.text == str(last[1] + 1) and not _open_labels(items, numbers)):
            cur.amounts.append(p)  # an income amount alone after its 行次, the row's expenditure label blank
        elif (cur is not None and cur.side == 1 and cur.no is not None and id(cur) not in after
              and body[k - 1].text == str(cur.no) and nxt is not None and _next_row(nxt, last)):
            after[id(cur)] = p  # right after its 行次, the next row's 行次 or label following
        else:
            loose.append(p)
        k += 1
    if pending is not None:
        return None
    return items, before, loose, numbers, after, extra


def _row_label(cur: Optional[Item], text: str, nxt: Optional[Piece], last: list[int], right_started: bool) -> bool:
    """A word of the header that is a row's label here, its 行次 next: the rest of the open label `cur`
    (`二十二、灾害防治及应急管理` `支出` `54`), or a whole label (`一般公共预算财政拨款` `29`)."""
    if nxt is None or not nxt.amount or not nxt.text.isdigit() or not _next_number(int(nxt.text), last, right_started):
        return False
    rest = cur is not None and bool(cur.label) and cur.no is None and continues(cur, text)
    return rest or bool(_COMPLETE_LABEL.search(text))


def _open_labels(items: list[Item], numbers: list[int]) -> bool:
    """Labelled items wait for a 行次 not printed yet (more of them than 行次 printed apart so far)."""
    return sum(1 for it in items if it.label and it.no is None) > len(numbers)


def header_vocabulary(header: list[str]) -> list[str]:
    """The words a header printed among the rows is made of: the header's own, the column names of
    the sides' standard column sets (合计 and the three funds, printed after the rows at times)."""
    words = {w for w in header if _HAN.search(w)}
    for columns in SIDE_COLUMNS:
        words.update(c for c in columns if not GRAND.match(c))
    return sorted(words)


def of_words(text: str, vocab: list[str]) -> bool:
    """`text` is made of pieces of the words (`栏` `次`, `政府性基金预` `算财政拨款`, two run together:
    `政府性基金预算财政拨国有资本经营预算财政`)."""
    if len(text) > _MAX_HEADER_PIECE:
        return False
    ok = [True] + [False] * len(text)
    for j in range(1, len(text) + 1):
        ok[j] = any(ok[i] and any(text[i:j] in w for w in vocab) for i in range(j))
    return ok[-1]


def _header_piece(body: list[Piece], k: int, vocab: list[str], cur: Optional[Item], last: list[int],
                  right_started: bool) -> bool:
    """body[k] is a piece of the header printed among the rows: made of the header's words, no item
    number, no total or carry-over label (a 合计 only before another such piece), not the rest of a
    label still open, and — followed by the next 行次 — not a whole label (`一般公共预算财政拨款` `29`
    is a row; `次` `20` is the header's last word before row 20)."""
    text = body[k].text
    if ORDINAL.match(text) or GRAND.match(text) or carry_item(text) or not of_words(text, vocab):
        return False
    nxt = body[k + 1] if k + 1 < len(body) else None
    if YEAR_TOTAL.match(text):
        return (nxt is not None and not nxt.amount and not YEAR_TOTAL.match(nxt.text)
                and not ORDINAL.match(nxt.text) and of_words(nxt.text, vocab))
    if cur is not None and cur.label and cur.no is None and continues(cur, text):
        return False
    return not _row_label(cur, text, nxt, last, right_started)


def _next_number(n: int, last: list[int], right_started: bool) -> bool:
    """n is the next 行次 of a side."""
    return n == last[0] + 1 or (right_started and n == last[1] + 1)


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


def flow_body(lines: Sequence[NLine], i: int, cut: Callable[[Sequence[NLine], int], tuple[list[Piece], int]] = region
              ) -> Optional[tuple[list[Piece], int, list[str], int]]:
    """A two-sided table's cell stream in flow order from lines[i]: (its pieces, the index of the
    first numbered item, the header's words before it, the index after the stream), the expenditure
    column's last boxes printed after the table's note taken in (pdftotext without -layout); None
    where no numbered item follows a header. Shared by sides-detached and sides-words (and sides-bare,
    whose `cut` judges the stream's end by its 总计 items)."""
    body, end = cut(lines, i)
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
    items, before, loose, numbers, after, extra = got
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
    numbered = {int(w) for w in header + extra if w.isdigit()}  # the column numbers printed (栏次 1, 2 …)
    widths = [1, max(numbered) - 1] if len(numbered) > 2 and numbered == set(range(1, max(numbered) + 1)) else [1, 1]
    columns = side_columns("".join(header + extra), widths)
    if columns is None:
        return declined
    side_cols, guessed = columns
    if len(side_cols[0]) == 1:  # the income column's name printed whole among the header's words
        side_cols[0] = next(([c[0]] for c in SIDE_COLUMNS if len(c) == 1 and c[0] in header), side_cols[0])
    groups: Optional[list[list[tuple[int, Piece]]]] = None
    if len(side_cols[1]) > 1:  # several expenditure columns (合计 and the funds): the amounts come in rows
        groups = _wide_groups(loose, values, side_cols[1], header + extra) if not after else None
        if groups is None:
            return declined
    placed = {id(it): Placed((0,) if it.amounts else ()) for it in lefts}
    ordered = sorted(items, key=lambda it: (it.row, it.side))
    block = grid_of(lines[i], ordered, placed, side_cols, [guessed[0], False], True)
    width = 2 + len(side_cols[0])  # label, 行次, the income amounts
    column = width + 2
    grid_row = {r[width + 1].text: g for g, r in enumerate(block.rows) if len(r) > column}
    grand = next((it.amounts[0].text for it in lefts if GRAND.match(it.label) and it.amounts), None)
    rows = {grid_row[str(it.no)]: it.label for it in rights if str(it.no) in grid_row}
    if groups is not None:
        fund = side_cols[1][groups[0][1][0]]
        block.detached = Detached(
            column=column, rows=rows, grand=grand,
            run=[amount_cell(g[0][1].line, g[0][1].text) for g in groups],
            parts=[{column + c: amount_cell(a.line, a.text) for c, a in g[1:]} for g in groups],
            parts_note=(f"{fund}: the income side names no other fund, so each row's amount after its 合计 "
                        "stands in this column"),
            totals_from=(_FUND_TABLES[next(f for f in _FUND_TABLES if f in fund)],))
    else:
        block.detached = Detached(
            column=column,
            rows=rows,
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


def _wide_groups(loose: list[Piece], income: list[tuple[Item, Decimal]], names: list[str],
                 header: list[str]) -> Optional[list[list[tuple[int, Piece]]]]:
    """The expenditure amounts printed apart cut into rows, each `合计` then its fund amounts, with
    their columns (index into `names`): only where the income side leaves one fund column that may
    hold amounts (fund_zero_columns), so each row prints its 合计 and that fund's amount (equal), or
    every column (the others 0). A column number printed among the amounts (one the header's words
    lack) is dropped where only that reading cuts the run. None when no cut, or more than one, fits."""
    zero = fund_zero_columns(income, names)
    live = [c for c in range(1, len(names)) if c not in zero]
    if len(live) != 1 or not any(f in names[live[0]] for f in _FUND_TABLES):
        return None
    got = _cut(loose, live, len(names))
    if got is None:
        printed = {int(w) for w in header if w.isdigit()}
        missing = [n for n in range(1, len(names) + 2) if n not in printed]
        rest = list(loose)
        for n in missing:
            at = next((k for k, p in enumerate(rest) if p.text == str(n)), None)
            if at is not None:
                del rest[at]
        if len(rest) < len(loose):
            got = _cut(rest, live, len(names))
    return got


def _cut(run: list[Piece], live: list[int], n: int) -> Optional[list[list[tuple[int, Piece]]]]:
    """The one way to cut the run into rows: [合计, the live columns' amounts] (合计 = their sum) or
    all n columns (合计 = the sum of the parts, the columns outside `live` 0); None when none or more
    than one."""
    values = [_amount(p) for p in run]
    if any(v is None for v in values):
        return None
    shapes = [[0] + live, list(range(n))]
    ways: list[Optional[list[list[tuple[int, Piece]]]]] = [None] * (len(run) + 1)
    count = [0] * (len(run) + 1)
    count[len(run)], ways[len(run)] = 1, []
    for k in range(len(run) - 1, -1, -1):
        for cols in shapes:
            end = k + len(cols)
            if end > len(run) or not count[end]:
                continue
            parts = values[k + 1:end]
            if any(v != 0 for c, v in zip(cols[1:], parts) if c not in live):
                continue
            if not close(values[k], sum(parts, Decimal(0)), len(parts)):  # type: ignore[arg-type]
                continue
            count[k] = min(2, count[k] + count[end])
            ways[k] = [list(zip(cols, run[k:end]))] + ways[end]  # type: ignore[operator]
    return ways[0] if count[0] == 1 else None


def _amount(p: Piece) -> Optional[Decimal]:
    try:
        return Decimal(p.text.replace(",", ""))
    except ArithmeticError:
        return None


@text_reader(33)
class SidesDetachedReader:
    """A two-sided table whose expenditure amounts stand apart from their rows (pdftotext without -layout)."""

    name = "sides-detached"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        return stream_starts(lines, i, wide=True)

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return read_stream(lines, i)


