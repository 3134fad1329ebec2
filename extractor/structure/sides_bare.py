"""Reader `sides-bare`: a side-by-side income | expenditure table (收入支出决算总表 and its kin, one
amount column per side) that prints no 行次 and whose amounts pdftotext without `-layout` prints apart
from their labels, the two sides' amounts interleaved.

The shape (Shanghai's 收入支出决算总表): the labels of both sides come in reading order, a row's income
label then its expenditure label (`一、一般公共预算财政拨款收入` … `一、一般公共服务支出`
`二、政府性基金预算财政拨款收入` `二、外交支出` …), the header's words among them (`决算数` `支出`
`项目`), and the amounts as runs wherever pdftotext put their boxes (`6.20` after `七、文化旅游体育与传媒
支出`, `2,106.66` `326.71` `60.99` after `九、卫生健康支出`): within a side the amounts keep their
rows' order, but which side and which row an amount is of is not printed.

pdfminer.six prints the same table with one side's labels as a block before the other's
(`一、…收入` `二、…收入` `决算数` `2,940.05` `四、上级补助收入` … `支出` `项目` `一、一般公共服务支出` …), the
title area's `单位：万元` amid the stream, and the next table's header right after the last 总计's
amounts with no title of its own: the stream's start and end are judged by this shape, not a fixed
window (`bare_region`: run past a unit line while both 总计 are not read, end at the first label after
the second 总计; the lone amounts counted over the whole stream).

What it does: after sides-stream and sides-detached declined the table, takes the stream
(sides_detached.flow_body over `bare_region`), drops the header's words, joins labels broken over lines, gives each
label its side by its words (sides_stream.word_side; a 总计 goes to the side of the carry-over item
before it, the other side's 总计 after it), and requires each side's item numbers in turn (一、二、…),
its 本年…合计 and its 总计 last. It builds the grid with both sides' labels and no amounts, and hands
every amount, in printed order, to structure/detached_sides.py in the GridBlock's `detached`
(`left`: the income rows), which places them where the sums and the report's other tables leave one
placement.
A 财政拨款收入支出决算总表 (公开04表; a budget's 财政拨款收支总表) prints its expenditure side under 合计
and the three fund columns, whose names come broken among the rows (`合计` `一般公共预算` `财` `政拨款`
after the first expenditure label, `政府性基金预` `算` `财政拨款` … after the thirteenth): pieces made of
those column names (no item number, not the rest of a label still open, a 合计 only before another
such piece) are taken as header words, and where they name the four columns the grid's expenditure
side has them, the fund columns handed on in `detached.fund_columns`; its income side's carry-over
item has the funds as sub-items numbered anew (`年初财政拨款结转和结余` `一、一般公共预算财政拨款` …).
A budget's 收支总表 (Guangzhou's 收支总体情况表, Quanzhou's 收支预算总表 and 财政拨款收支预算总表) comes
the same way in plain pdftotext: its column named `预算` (a header word here, printed again with each
page's header), its sides' 总计 named 收入总计 / 支出总计 (each taking the side its words name), or
收入合计 / 支出合计 (after the side's 本年…合计; or, on a side with no carry-over, its one total), a
note and the page's foot printed before the last amounts and the second 总计 (the stream runs past
them: `_past_note`), a lone page number amid amounts that all print cents (dropped), and a
carry-over item that goes on with its side's numbers (`二十四、结转下年`). Such a table prints an
amount in every row, and detached_sides.py hands a run of one amount a row to full_sides.py.
Where sides_bare's own shape declines, a budget's 收支总表 whose sides have sub-items and whose labels
are printed out of their rows' order (Shenzhen's: `1.一般公共预算拨款` under `一、财政拨款`, unnumbered 款 /
项 under numbered 类, `本年收入合计` after `收入总计`, the header spaced a character a cell, the column
`2026 年预算数`) is read by bare_tree.py's rules and marked `unordered`: detached_sides.py then deals its
run by value and sums (free_sides.py), never by the printed order.
What it does not: read tables that print 行次 (sides-detached), header pieces among the rows that name
no standard column set, or a label it cannot give a side; place any amount itself.
"""
from __future__ import annotations

from typing import Optional, Sequence

import regex as re

from ..datamodel import Detached, GridBlock, NLine
from ..evidence.printed import ORDINAL
from .bare_tree import is_total, spaced_header, tree_sides, year_column
from .sides_columns import GRAND, YEAR_TOTAL, Item, carry_item, is_subject, ordinal_value, subject_name
from .sides_detached import flow_body, of_words
from .sides_stream import continues, grid_of, region, stream_starts, word_side
from .spaced_sides import SIDE_COLUMNS
from .spaced_text import amount_cell, cell_line, covers
from .text_tables import text_reader, with_report

_HEADER_WORD = re.compile(r"^(?:收入|支出|项目|决算数|预算数|预算|金额|本年收入|本年支出)$")
_SIDE_WORD = re.compile(r"^(?:收入|支出)$")
_COLUMN_NAME = re.compile(r"^(?:决算数|预算数|预算|金额)$")
_LINE_NUMBER = re.compile(r"^\d{1,2}$")  # a 行次 / 栏次: the shape of sides-detached, not this one
_MIN_ROWS = 4
# a side's 总计 printed as 收入合计 / 支出合计 (after its 本年收入合计 / 本年支出合计)
_SIDE_TOTAL = re.compile(r"^(?:收入|支出)合计$")
_NOTE = re.compile(r"^注[:：]")
_NOTE_LINES = 3  # the lines a note printed amid the stream may run on over
_UNIT_ONLY = re.compile(r"^(?:金额)?单位[:：]\s*(?:人民币)?(?:万元|千元|亿元|元)$")
# the words a side of several amount columns is headed with (合计 and the funds, a cost side's columns)
_WIDE_WORDS = sorted({c for cols in SIDE_COLUMNS if len(cols) > 1 for c in cols if not GRAND.match(c)})
_FUNDS = ("一般公共预算", "政府性基金", "国有资本经营")


def bare_region(lines: Sequence[NLine], i: int) -> tuple[list, int]:
    """The stream's pieces from lines[i] and the index after it, its end judged by the table's shape:
    a unit line printed amid the stream (pdfminer.six prints the title area's `单位：万元` among the
    cells) is run past while both sides' 总计 are not read, and the stream ends at the first label
    after the second 总计 (the column's name printed again there, `预算` `0.00` `46,402.33`, is none) (the next table's header may follow with no title: `支出功能分类` …)."""
    pieces, end = region(lines, i)
    while end < len(lines) and _UNIT_ONLY.match(lines[end].text.strip()) and _grands(pieces) < 2:
        more, end = region(lines, end + 1)
        pieces = pieces + more
    if _grands(pieces) == 1:
        pieces, end = _past_note(lines, pieces, end)
    grands = [k for k, p in enumerate(pieces) if not p.amount and GRAND.match(p.text)]
    if len(grands) >= 2:
        after = next((k for k in range(grands[1] + 1, len(pieces))
                      if not pieces[k].amount and not _COLUMN_NAME.match(pieces[k].text)), None)
        if after is not None:
            at = pieces[after].line
            end = next(j for j in range(i, end) if lines[j] is at)
            pieces = pieces[:after]
    return pieces, end


def _past_note(lines: Sequence[NLine], pieces: list, end: int) -> tuple[list, int]:
    """The stream run on past a note printed amid the table's last rows (`注：财政拨款收支情况包括…`
    and its next line, then the page number: pdftotext prints the page's foot before the boxes of the
    last rows' amounts and the second 总计), when the cells after the note hold the second 总计; else
    the stream as it was."""
    j = end
    if j >= len(lines) or not _NOTE.match(lines[j].text.strip()):
        return pieces, end
    k = j + 1
    while k < min(len(lines), j + 1 + _NOTE_LINES) and lines[k].text.strip() and not cell_line(lines[k]):
        k += 1
    more, after = region(lines, k)
    if not more or _grands(more) != 1:
        return pieces, end
    return pieces + more, after


def _grands(pieces: list) -> int:
    return sum(1 for p in pieces if not p.amount and GRAND.match(p.text))


def _reach(lines: Sequence[NLine], i: int) -> int:
    return bare_region(lines, i)[1]


def _items(body, spaced: bool = False) -> Optional[tuple[list[Item], list, list[str], list[str]]]:
    """The labelled items in reading order, the amounts in printed order, the column names printed,
    the pieces of several columns' names printed among the rows (`合计` `一般公共预算` `财` `政拨款`);
    None when a piece is a line number (a page number printed amid the stream is dropped). `spaced`
    (bare_tree.py's shape): the pieces of a header spaced a character a cell are dropped."""
    items: list[Item] = []
    run = []
    names: list[str] = []
    wide: list[str] = []
    folios = [p for p in body if p.amount and _LINE_NUMBER.match(p.text)]
    if folios and not _page_number(folios, body):
        return None
    for k, p in enumerate(body):
        if p.amount:
            if p not in folios:
                run.append(p)
            continue
        cur = items[-1] if items else None
        if spaced and (spaced_header(p.text) or _lone_header_char(cur, p.text)):
            continue  # (the header spaced a character a cell: bare_tree.py)
        if _HEADER_WORD.match(p.text) and not _ends_subject(cur, p.text, run):
            if _COLUMN_NAME.match(p.text):
                names.append(p.text)
            continue
        if _open(cur, p.text, run):
            cur.label += p.text
            cur.lines.append(p.line)
        elif _column_piece(body, k):
            wide.append(p.text)
        else:
            items.append(Item(p.text, [p.line]))
            items[-1].no = len(run)  # (the amounts printed before it: tells a label broken by an amount)
    return items, run, names, wide


def _lone_header_char(cur: Optional[Item], text: str) -> bool:
    """A lone 收 / 入 / 支 / 出 / 项 / 目 of the header spaced a character a cell (`本年收入合计` `出`), printed after
    a label that is whole (a total, a carry-over item, a subject, a label ending in 收入 / 支出 / 拨款)."""
    if len(text) != 1 or text not in "收入支出项目":
        return False
    if cur is None:
        return True
    label = cur.label
    return bool(is_total(label) or carry_item(label) or is_subject(subject_name(label))
                or label.endswith(("收入", "支出", "拨款", "资金")))


def _page_number(small: list, body) -> bool:
    """The one small whole number among amounts that all print cents is the page's number, printed
    amid the stream where the page breaks (`1468.70` `5` `支出合计`), no 行次 (a table printing 行次
    prints one a row). The sums that place the run check it: a dropped amount leaves them broken."""
    return len(small) == 1 and all("." in p.text for p in body if p.amount and p is not small[0])


def _column_piece(body, k: int) -> bool:
    """body[k] is a piece of an amount column's name printed among the rows: made of the names of the
    sides' several-column sets (合计, 一般公共预算财政拨款 …), no item number, total or carry-over label
    (a 合计 only before another such piece)."""
    text = body[k].text
    if ORDINAL.match(text) or GRAND.match(text) or carry_item(text) or not of_words(text, _WIDE_WORDS):
        return False
    if YEAR_TOTAL.match(text):
        nxt = body[k + 1] if k + 1 < len(body) else None
        return (nxt is not None and not nxt.amount and not YEAR_TOTAL.match(nxt.text)
                and _column_piece(body, k + 1))
    return True


def _wide_columns(pieces: list[str]) -> Optional[list[str]]:
    """The expenditure side's columns the pieces name: the first set of four (合计 and the three funds)
    whose characters they cover; None when none is."""
    text = "".join(pieces)
    return next((list(cols) for cols in SIDE_COLUMNS
                 if len(cols) == 4 and all(any(f in c for c in cols) for f in _FUNDS) and covers(text, cols)),
                None)


def _open(cur: Optional[Item], text: str, run: list) -> bool:
    """`text` is the rest of the label `cur`, broken over lines (`十四、资源勘探工业信息等` `支出`: a 支出 /
    收入 that ends a label still open is no header word)."""
    return cur is not None and continues(cur, text) and not run_between(cur, run)


def _ends_subject(cur: Optional[Item], text: str, run: list) -> bool:
    """A 支出 / 收入 that ends a label still open into a subject the catalogue names
    (`十四、资源勘探工业信息等` `支出`), not a header word (`八、其他收入` `支出`: 支出 heads the other side)."""
    return (cur is not None and bool(_SIDE_WORD.match(text)) and _open(cur, text, run)
            and is_subject(subject_name(cur.label + text)) and not is_subject(subject_name(cur.label)))


def run_between(item: Item, run: list) -> bool:
    """An amount was printed after the item's label began (the label is whole)."""
    return item.no is not None and item.no != len(run)


def _sides(items: list[Item]) -> bool:
    """Give each item its side; False when one has none or a side's 总计 is not its last item."""
    grand = [False, False]
    year = [False, False]
    prev: Optional[int] = None
    for it in items:
        it.no = None
        # (收入合计 after 本年收入合计: the side's 总计)
        side_total = bool(_SIDE_TOTAL.match(it.label)) and year[word_side(it.label)]
        if (GRAND.match(it.label) or side_total) and word_side(it.label) is not None:
            side = word_side(it.label)  # 收入总计 / 支出总计: its side printed
            if grand[side]:
                return False
            grand[side] = True
        elif GRAND.match(it.label):
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
            year[side] = year[side] or bool(YEAR_TOTAL.match(it.label))
        it.side = side
        prev = side
    return all(grand[s] or _total_only([it for it in items if it.side == s]) for s in (0, 1))


def _total_only(side: list[Item]) -> bool:
    """A side of items and one total, 收入合计 / 支出合计 last, and no carry-over item (a budget's
    财政拨款收支总表: its 合计 is its 总计)."""
    return (bool(side) and bool(_SIDE_TOTAL.match(side[-1].label))
            and sum(1 for it in side if YEAR_TOTAL.match(it.label)) == 1
            and not any(carry_item(it.label) for it in side))


def _side_in_turn(side: list[Item]) -> bool:
    """The side's numbered items 一、二、… in turn from the first, its 本年…合计 after them, then the
    carry-over items (one's funds as sub-items numbered anew after it: 年初财政拨款结转和结余 一、二、三、),
    总计 last."""
    year = [k for k, it in enumerate(side) if YEAR_TOTAL.match(it.label)]
    if len(year) == 2 and year[1] == len(side) - 1 and _SIDE_TOTAL.match(side[-1].label):
        year = year[:1]  # its 总计 printed as 收入合计 / 支出合计
    if len(year) != 1:
        return False
    numbers = [ordinal_value(it.label) for it in side[:year[0]]]
    numbered = [n for n in numbers if n is not None]
    if not numbered or numbered != list(range(1, len(numbered) + 1)):
        return False
    sub = None  # the sub-item number expected next, after a carry-over item
    for it in side[year[0] + 1:]:
        n = ordinal_value(it.label)
        if carry_item(it.label) and (n is None or n == numbered[-1] + 1):
            sub = 1  # (a carry-over item may go on with the side's numbers: 二十四、结转下年)
        elif GRAND.match(it.label) or it is side[-1]:
            sub = None
        elif n is not None and sub == n:
            sub += 1
        else:
            return False
    return True


def _ordered(items: list[Item]) -> bool:
    """sides_bare's own shape: each item given its side in reading order (_sides), each side's items
    in turn (_side_in_turn)."""
    if not _sides(items):
        return False
    return all(_side_in_turn([it for it in items if it.side == s]) for s in (0, 1))


def _tree(lines: Sequence[NLine], i: int, end: int, body, header: list[str]
          ) -> Optional[tuple[list[Item], list, list[str]]]:
    """The items, run and column name of bare_tree.py's shape (sides of sub-items printed out of their
    rows' order, the header spaced a character a cell, the 财政拨款 table's first item among the
    header's words); None when the stream is not of it."""
    got = _items(body, spaced=True)
    if got is None:
        return None
    items, run, names, pieces = got
    names += [w for w in header if _COLUMN_NAME.match(w)]
    if not names and year_column(lines, i, end):
        names = [year_column(lines, i, end)]  # (`2026 年预算数`: a line the stream drops)
    loose = [Item(w, [lines[i]]) for w in header if not _HEADER_WORD.match(w) and not spaced_header(w)]
    items = loose + items
    if not run or len(set(names)) != 1 or pieces or not tree_sides(items) or len(run) != len(items):
        return None
    return items, run, names


def read_bare(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    declined = None, i + 1
    flow = flow_body(lines, i, bare_region)
    if flow is None:
        return declined
    body, first, header, end = flow
    if "行次" in "".join(header) or "栏次" in "".join(header) or any(p.amount for p in body[:first]):
        return declined
    got = _items(body[first:])
    if got is None:
        return declined
    items, run, names, pieces = got
    names += [w for w in header if _COLUMN_NAME.match(w)]
    pieces = [w for w in header if not _HEADER_WORD.match(w) and of_words(w, _WIDE_WORDS)] + pieces
    wide = _wide_columns(pieces) if pieces else None
    unordered = False
    if not run or len(set(names)) != 1 or (pieces and wide is None) or not _ordered(items):
        got = _tree(lines, i, end, body[first:], header)  # (bare_tree.py's shape)
        if got is None:
            return declined
        items, run, names, unordered, wide = got[0], got[1], got[2], True, None
    left = [it for it in items if it.side == 0]
    right = [it for it in items if it.side == 1]
    if len(left) < _MIN_ROWS or len(right) < _MIN_ROWS or len(run) > len(items):
        return declined
    for side in (left, right):
        for r, it in enumerate(side):
            it.row = r
    column = names[0]
    block = grid_of(lines[i], sorted(items, key=lambda it: (it.row, it.side)), {}, [[column], wide or [column]],
                    [False, False], False)
    rows = {2 + it.row: it.label for it in right}
    funds = {3 + c: f for c, name in enumerate(wide or ()) for f in _FUNDS if f in name}
    block.detached = Detached(column=3, rows=rows, run=[amount_cell(p.line, p.text) for p in run],
                              totals_from=("final.03", "budget.expenditure"),
                              left={2 + it.row: it.label for it in left}, left_column=1, fund_columns=funds,
                              unordered=unordered)
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
        return stream_starts(lines, i, wide=True, reach=_reach)

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return read_bare(lines, i)
