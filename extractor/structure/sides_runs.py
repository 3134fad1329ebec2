"""Reader `sides-runs`: a side-by-side income | expenditure table (公开01表 / 收支总表, one amount column
per side; 公开04表 / 财政拨款收支总表, 合计 and a column per fund on the expenditure side) as
pdfminer.six prints it — column by column, in boxes.

The shape: after the title and header words (`收入` `支出` `项目` [`栏次` `行次`] `决算数` [`1`] …) come
the income labels in row order; the 行次 numbers, if printed, alone or in runs (`1` … `30`, `38`);
the expenditure labels in row order, an income amount printed on one line before the expenditure
label of its row (`1279.28 一、一般公共服务支出`: the income cell and the expenditure label share a
text line); and, as bare amounts, the income amounts of rows that print no expenditure label (a
budget's `五、事业收入` … beside blank expenditure rows; a 年初结转 row's fund sub-items) and the
expenditure cells (one column read top-down, or several columns interleaved), blank cells absent or
printed (`0`). A page break may split the label runs; the header printed again (its words in another
order, as pieces `政府性基金预` `算财政拨款`, with its column numbers), the table's note, `公开01表` /
`单位：万元` lines, page marks and running headers among the boxes are passed over, up to the next
table's title (or, past both 总计, a word not of this header: the next table's header printed above
its title).

What it does: gives each label its side (the words: …收入 / 拨款 / 年初 / 上年 / 使用 income, …支出 /
结余分配 / 年末 / 年终 expenditure; an item number in turn — one left out only where the words tell the
side; a label with an amount before it is an expenditure label; a 总计 without one is the income
side's until that one is printed), a fund (一般公共预算财政拨款 …) printed under a carry-over item or
under the 财政拨款 income item (a budget's `一、财政拨款收入` `一般公共预算收入` …: rows of their own, parts of
that item) is that item's sub-item (each fund once; the same words elsewhere are header words), and
each side its rows: the numbered items from the top (or, on the expenditure side, subjects printed
as a tree without numbers — Zhejiang's `一般公共服务支出` `财政事务` `行政运行` …, a table the text
opens with `6838.41 一般公共服务支出`), the totals block (本年…合计, the items added to it — carry-over
items with their sub-items, 上级补助收入, 上缴上级支出 … —, 总计; or 总计 alone) below, 总计 on the last
row — so the table has max(items) + max(totals) rows; blocks of two lengths only where the 行次 are
printed, where one block is 总计 alone, or where no income amount stands before an expenditure total
(the blocks' rows then pair as printed from the top); the 行次 must be exactly 1 … 2N, each once (the
whole numbers in that range are taken as 行次, the rest as amounts). An amount before an
expenditure label goes to the income cell of that label's row. The bare amounts are cut into the
income cells of rows without an expenditure label (any of them, in order; an income total whose
amount no expenditure label carries too: `本年收入合计` `6838.41` `本年支出合计`) and the expenditure side's
cells (the rest) where the sums hold: per side 本年…合计 = Σ the items (the numbered ones; a tree's
类), 总计 = 本年…合计 + the carry-over items, the two 总计 equal. The cut must be one (readings that differ in any value decline
the table); bare income amounts the sums leave on several rows are left out with a note (never
guessed). The expenditure side: one column printing every item (and all or none of the carry-over
items) is placed in order (a tree's only where its sums all hold: each 类 / 款 = Σ its parts, Σ 类 =
本年支出合计, sides_columns.subject_sums); several columns printing every cell (or every cell of the funds with
income) are placed by run_placer.solve_full (合计 = Σ the funds on every row, the tree 总计 / 本年合计
/ items in every column), which part column is which fund told by the income side (a fund's column
adds up to its income); a fund column repeating 合计 (one fund spent) is the same column twice,
interleaved (`_halves`). A column whose blank cells are absent cannot be placed within the table: its
amounts go in the GridBlock's `detached` for structure/detached_runs.py, which places them where the
report's 02/03 tables (a budget's 收入总表 / 支出总表) confirm the 类 totals (the repeating fund column is
then left blank; a tree's column is declined).
What it does not: read unnumbered sub-items other than funds, labels whose side stays unknown, fund
columns with blank cells absent where two funds are spent, expenditure sub-items under a carry-over
item, or streams whose sums leave no cut or several (declined: None).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations, permutations
from typing import Optional, Sequence

import regex as re

from ..catalog import codes_named
from ..datamodel import Detached, GridBlock, NLine
from ..evidence.printed import ORDINAL
from .run_placer import Shape, solve_full
from .sides_columns import GRAND, YEAR_TOTAL, Item, Piece, Placed, carry_item, close, is_subject, ordinal_value, \
    side_columns, subject_name, subject_sums
from .spaced_sides import SIDE_COLUMNS
from .sides_stream import continues, grid_of, header_echo, line_pieces, two_sided, word_side
from .spaced_text import AMOUNT, after_title, amount_cell, cell_line, stream_furniture, title_above, title_like
from .templates import identify
from .text_tables import text_reader, with_report
from .value_lines import has_value_lines

_MAX_LINES = 600  # the region in lines (two pages of one-cell lines)
FUNDS = ("一般公共预算", "政府性基金", "国有资本经营")  # the fund columns of a 财政拨款收支总表, in the header's order
_MAX_COLUMNS = 6  # expenditure columns tried from the header (合计 and three funds: 4)
_MAX_LEFT_CHOICES = 20_000  # placings of the bare income amounts tried, over all cuts
_MAX_CUTS = 50_000  # ways to pick the bare income amounts out of the bare amounts
_MAX_RIGHT_READS = 300  # cuts whose expenditure part is read (each a search of its own)
_FORM_MARK = re.compile(r"^(?:公开\d+表|表\d+|单位[：:]|部门[：:]|单位名称[：:]|编制单位[：:]|编制部门[：:]|注[：:]|说明[：:])")


def _region(lines: Sequence[NLine], i: int) -> tuple[list[Piece], int]:
    """The table's pieces from lines[i]: over page furniture, form marks (公开01表, 单位：), the note
    (and up to two short sentences on the lines right after it),
    running headers and the table's own title printed again, up to the next table's title or a line
    that is no cell; the index after the last line taken."""
    own = {"".join(ln.text.split()) for ln in title_above(lines, i, wide=True)}
    out: list[Piece] = []
    end = i
    note = 0  # sentences of the note still passed over (a note of a few sentences, one a line)
    for j in range(i, min(len(lines), i + _MAX_LINES)):
        ln = lines[j]
        t = "".join(ln.text.split())
        if not t or stream_furniture(lines, ln) or t in own or _FORM_MARK.match(t):
            note = _NOTE_LINES if t.startswith(("注", "说明")) else note
            continue
        if identify(ln.text, "") is not None:
            break  # the next table's title
        if title_like(ln) and not AMOUNT.match(t):
            continue  # a running header (the report's name) between pages
        if not cell_line(ln):
            if note and len(t) <= _NOTE_CHARS:
                note -= 1
                continue  # the note's next sentence (pdfminer prints the page's last cells after it)
            break
        note = 0
        out.extend(line_pieces(ln))
        end = j + 1
    return out, end


def _side(label: str, last: list[int], prev: Optional[int]) -> Optional[int]:
    side = word_side(label)
    if side is None and is_subject(label):
        side = 1
    v = ordinal_value(label)
    if side is None and v:
        fits = [s for s in (0, 1) if v == last[s] + 1]
        side = fits[0] if len(fits) == 1 else None
    if side is None and (GRAND.match(label) or YEAR_TOTAL.match(label)):
        side = prev
    return side


def _parse(body: list[Piece], header: list[str], words: list[str]) -> Optional[tuple[list[Item], dict[int, Piece],
                                                                                  list[Piece]]]:
    """The labels (sides given), the income amounts printed before an expenditure label (item id ->
    piece), the bare amounts in order (行次 numbers among them); None when the stream is not this
    shape. The header words printed again among the boxes (a page's header, its words in another
    order, with its column numbers) are passed over and added to `words` (the right side's 决算数
    printed apart)."""
    head = set(header)
    items: list[Item] = []
    before: dict[int, Piece] = {}
    loose: list[Piece] = []
    last = [0, 0]
    under: list[Optional[int]] = []  # the funds printed under the last carry-over item
    pending: Optional[Piece] = None
    k = 0
    grands = [False, False]
    while k < len(body):
        p = body[k]
        if all(grands) and not p.amount and p.text not in head:
            break  # past both 总计 a word not of this header: the next table's header, printed before its title
        echo = header_echo(body, k, header)
        if echo:
            k += echo
            continue
        cur = items[-1] if items else None
        if p.amount:
            if pending is not None:
                return None
            nxt = body[k + 1] if k + 1 < len(body) else None
            if nxt is not None and not nxt.amount and nxt.line is p.line:
                pending = p
            else:
                loose.append(p)
            k += 1
            continue
        if cur is not None and pending is None and _rest_of(cur, p.text, head):
            cur.label += p.text
            cur.lines.append(p.line)
            k += 1
            continue
        def sub_item(text: str) -> bool:
            """A fund printed under the carry-over item above (年初财政拨款结转和结余 / 一般公共预算财政拨款),
            or under the 财政拨款 item (`一、财政拨款收入` / `一般公共预算收入`)."""
            fund = _fund_of(text)
            left = next((x for x in reversed(items) if x.side == 0), None)
            return (fund is not None and fund not in under and left is not None
                    and (carry_item(left.label) or allocation_item(left.label) or bool(under)))

        if sub_item(p.text):
            under.append(_fund_of(p.text))
            items.append(Item(p.text, [p.line], side=0))
            k += 1
            continue
        if _header_word(p.text, head):
            while k < len(body):
                q = body[k]
                if not q.amount and _header_word(q.text, head) and not sub_item(q.text):
                    words.append(q.text)
                elif not (q.amount and q.text.isdigit() and 0 < int(q.text) <= _MAX_COLUMNS + 1):
                    break
                k += 1  # header words printed again, with their column numbers
            continue
        it = Item(p.text, [p.line])
        while k + 1 < len(body) and not body[k + 1].amount and _rest_of(it, body[k + 1].text, head):
            k += 1  # the rest of a label broken over lines, taken before its side is told
            it.label += body[k].text
            it.lines.append(body[k].line)
        side = _side(it.label, last, cur.side if cur is not None else None)
        if pending is None and word_side(it.label) is None and GRAND.match(it.label):
            # 总计 without an amount before it: the income side's, unless that one is printed already
            side = 1 if any(x.side == 0 and GRAND.match(x.label) for x in items) else 0
        total = GRAND.match(it.label) or YEAR_TOTAL.match(it.label)
        if pending is not None and word_side(it.label) is None and total:
            side = 1  # a total with an amount before it: the expenditure 总计 of the income 总计's row
        if pending is not None:
            if side == 0:
                return None  # an amount before an income label: not this shape
            side = 1
            before[id(it)] = pending
            pending = None
        if side is None:
            return None
        if side == 0:
            under = []
        it.side = side
        grands[side] |= bool(GRAND.match(it.label))
        v = ordinal_value(it.label)
        if v:
            if v != last[side] + 1 and (v <= last[side] or word_side(it.label) is None):
                return None  # item numbers out of turn (a number left out only where the words tell the side)
            last[side] = v
        items.append(it)
        k += 1
    if pending is not None:
        return None
    del body[k:]  # (the caller's region ends with the pieces read)
    return items, before, loose


_COLUMN_TEXT = "|".join("|".join(names) for names in SIDE_COLUMNS)


def _header_word(text: str, head: set[str]) -> bool:
    """A header word printed among the boxes: one of the table's header, or a piece of a standard
    column's name (`政府性基金预` `算财政拨款`, `合计`) printed there."""
    if ORDINAL.match(text) or GRAND.match(text):
        return False  # (总计 is a row's label)
    return text in head or (len(text) >= 2 and "|" not in text and text in _COLUMN_TEXT)


def allocation_item(label: str) -> bool:
    """The income side's numbered 财政拨款 item (`一、财政拨款收入`), whose funds a budget prints under it."""
    return bool(ORDINAL.match(label)) and "财政拨款" in label and not carry_item(label) and not any(
        w in label for w in FUNDS)  # (`一、一般公共预算财政拨款` is a fund's own item)


def _tops(items: list[Item]) -> list[Item]:
    """A side's items that add up to its 本年…合计: the numbered ones (a fund printed under the 财政拨款
    item is a part of it), or, where the side prints subjects as a tree, its 类."""
    if all(ORDINAL.match(it.label) or _fund_of(it.label) is not None for it in items):
        if items and ordinal_value(items[0].label) and any(
                ORDINAL.match(it.label) and not ordinal_value(it.label) for it in items):
            # items numbered 一、 … with sub-items numbered under them (`一、财政拨款收入` `1.一般公共预算`
            # `2.政府性基金预算` `二、事业收入`): the sub-items are parts of the item above
            return [it for it in items if ordinal_value(it.label)]
        return [it for it in items if ORDINAL.match(it.label)]
    return [it for it in items if any(len(c) == 3 for c in codes_named(subject_name(it.label)))]


def _parts(items: list[Item]) -> list[tuple[Item, list[Item]]]:
    """Each item numbered 一、 … with the sub-items numbered under it (`1.一般公共预算` …), where the
    side numbers both levels: each such item = Σ its sub-items."""
    tops = _tops(items)
    if len(tops) == len(items) or any(not ORDINAL.match(it.label) for it in items):
        return []
    out: list[tuple[Item, list[Item]]] = []
    for it in items:
        if it in tops:
            out.append((it, []))
        elif out:
            out[-1][1].append(it)
    return [(top, subs) for top, subs in out if subs]


def _parts_hold(groups: list[tuple[Item, list[Item]]], vals: dict[int, Decimal]) -> bool:
    """Each item with sub-items printed is their sum (a blank sub-item 0)."""
    for top, subs in groups:
        got = [vals.get(s.row) for s in subs]
        if top.row not in vals and all(v is None for v in got):
            continue
        if not close(vals.get(top.row, Decimal(0)), sum((v for v in got if v is not None), Decimal(0)), len(subs)):
            return False
    return True


def _tree(items: list[Item]) -> bool:
    """The side's items are 功能分类 subjects printed as a tree, not numbered (`一般公共服务支出`
    `财政事务` `行政运行` …: Zhejiang's 收支总表)."""
    return bool(items) and not any(ORDINAL.match(it.label) for it in items) and all(is_subject(it.label) for it in items)


def _fund_of(text: str) -> Optional[int]:
    hits = [f for f, word in enumerate(FUNDS) if word in text]
    return hits[0] if len(hits) == 1 and not ORDINAL.match(text) else None


def _rest_of(item: Item, piece: str, head: set[str]) -> bool:
    """`piece` is the rest of the item's label broken over lines; a header word (`支出`) only where
    it makes a subject the catalogue names (`二十二、灾害防治及应急管理` `支出`)."""
    if piece in head:
        return is_subject(subject_name(item.label + piece)) and not is_subject(subject_name(item.label))
    return continues(item, piece)


def _blocks(side: list[Item]) -> Optional[tuple[list[Item], list[Item], list[Item]]]:
    """A side's numbered items, its totals block (本年…合计, carry-over items, each perhaps with its
    fund sub-items under it, 总计; or 总计 alone) and the sub-items among them."""
    year = next((k for k, it in enumerate(side) if YEAR_TOTAL.match(it.label)), None)
    if year is None:
        year = len(side) - 1  # 总计 alone (a 财政拨款收支总表's)
    if year <= 0:
        return None
    items, tots = side[:year], side[year:]
    if not (_numbered(items) or _tree(items)) or not GRAND.match(tots[-1].label):
        return None
    subs = []
    for k, it in enumerate(tots[1:-1], 1):
        if carry_item(it.label) or not any(w in it.label for w in FUNDS):
            continue  # (an item added to 本年…合计 for 总计: carried over, 上级补助收入, 上缴上级支出 …)
        if not (carry_item(tots[k - 1].label) or tots[k - 1] in subs):
            return None
        subs.append(it)  # a fund under the carry-over item above it
    return items, tots, subs


def _numbered(items: list[Item]) -> bool:
    """Every item numbered, but the funds printed right under the 财政拨款 item (each once)."""
    under: list[int] = []
    for k, it in enumerate(items):
        if ORDINAL.match(it.label):
            under = []
            continue
        fund = _fund_of(it.label)
        last = next((x for x in reversed(items[:k]) if ORDINAL.match(x.label)), None)
        if fund is None or fund in under or last is None or not allocation_item(last.label):
            return False
        under.append(fund)
    return True


def _value(p: Piece) -> Decimal:
    return Decimal(p.text.replace(",", ""))


def _sums_hold(items: list[Optional[Decimal]], year: Optional[Decimal], carry: list[Optional[Decimal]],
               grand: Optional[Decimal]) -> bool:
    if year is None or grand is None:
        return False
    got = [v for v in items if v is not None]
    parts = [v for v in carry if v is not None]
    return close(sum(got, Decimal(0)), year, len(got)) and close(year + sum(parts, Decimal(0)), grand, len(parts) + 1)


def _right_cuts(run: list[Decimal], n_items: int, n_carry: int) -> list[int]:
    """Where 本年支出合计 stands in the expenditure run (index y): Σ run[:y] = run[y], run[-1] = 总计 =
    run[y] + Σ the carry-over amounts between."""
    out = []
    for y in range(min(len(run) - 1, n_items + 1)):
        if len(run) - y - 2 > n_carry:
            continue
        if _sums_hold(run[:y], run[y], run[y + 1:-1], run[-1]):
            out.append(y)
    return out


_NOTE_LINES = 2  # sentences after a note's first line passed over as the note's
_NOTE_CHARS = 60  # a longer line is prose, not a note's sentence
_PART_HEADING = re.compile(r"^第[一二三四五六七八九十]+部分")  # the report's part heading above the first table
_MAX_ABOVE = 40  # lines of income labels pdfminer may print above the title, on the title's page


def _income_above(lines: Sequence[NLine], i: int) -> list[Piece]:
    """The income side's labels pdfminer.six prints above the table's title (the box of the header's
    `项目` and the income items `一、一般公共预算` … `三、国有资本经营预算`, between the page's top and
    the title), as pieces: only where every line there, past form marks (单位名称：), is a header word or
    an item label in turn (一、二、三 …, none an expenditure's words or a subject) — else none."""
    ti = next((k for k in range(i - 1, max(-1, i - 8), -1) if identify(lines[k].text, "") is not None), None)
    if ti is None or lines[ti].text.startswith("\f"):
        return []
    got: list[NLine] = []
    for k in range(ti - 1, max(-1, ti - _MAX_ABOVE), -1):
        ln = lines[k]
        t = "".join(ln.text.split())
        if t and (stream_furniture(lines, ln) or AMOUNT.match(t) or not cell_line(ln)):
            break  # the page mark below the page before, the last amount of the table before, prose
        if t and not _FORM_MARK.match(t) and not _PART_HEADING.match(t):
            if identify(ln.text, "") is not None:
                return []  # another table's title: not this table's box
            got.append(ln)
        if ln.text.startswith("\f"):
            break  # the page's first line
    else:
        return []
    pieces = [p for ln in reversed(got) for p in line_pieces(ln)]
    labels = [p.text for p in pieces if ORDINAL.match(p.text)]
    if not labels or any(p.amount for p in pieces) or [ordinal_value(x) for x in labels] != list(
            range(1, len(labels) + 1)) or any(word_side(x) == 1 or is_subject(x) for x in labels):
        return []
    if any(not ORDINAL.match(p.text) and len(p.text) > 4 for p in pieces):
        return []  # (header words only besides the items: 项目, 收入)
    return pieces


def _words_first(body: list[Piece], first: int) -> tuple[list[Piece], int]:
    """The body with the header's words put before the first item where pdfminer.six prints them
    after the income labels' box (`项目` `一、一般公共预算` … `三、国有资本经营预算` `收入` `支出` `预算` `项目`
    `预算`, then `49,961.75 一、一般公共服务支出`): between the first item and the first amount printed
    before an item on its line, only items and short words stand — the words are the header's."""
    k = next((k for k in range(first, len(body) - 1) if body[k].amount), None)
    if k is None or body[k + 1].amount or body[k + 1].line is not body[k].line or not ORDINAL.match(body[k + 1].text):
        return body, first
    between = body[first:k]
    words = [p for p in between if not ORDINAL.match(p.text)]
    items = [p for p in between if ORDINAL.match(p.text)]
    if not words or any(len(p.text) > 4 for p in words) or len(items) < 2:
        return body, first  # (one item before the words is the first row, not the labels' box: plain
        # pdftotext prints `一、一般公共预算` `支出` `预算` `项目` `46,402.33 一、…支出` row by row, each
        # label by its amount, and a row whose amount is printed elsewhere would shift the rest)
    return body[:first] + words + items + body[k:], first + len(words)


def read_runs(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    declined = None, i + 1
    body, end = _region(lines, i)
    first = next((k for k, p in enumerate(body) if not p.amount and ORDINAL.match(p.text)), None)
    if first and body[first - 1].amount and body[first - 1].line is body[first].line:
        # the first item carries an income amount before it: an expenditure label, the income labels
        # printed above the title (pdfminer.six) are the table's
        above = _income_above(lines, i)
        if above:
            words = [p for p in above if not ORDINAL.match(p.text)]
            items = [p for p in above if ORDINAL.match(p.text)]
            body = body[:first - 1] + words + items + body[first - 1:]
            first = first - 1 + len(words)
    if first:
        body, first = _words_first(body, first)
    if not first:
        return declined
    header = [p.text for p in body[:first]]
    lanci = "行次" in "".join(header)
    words: list[str] = []
    rest = body[first:]
    got = _parse(rest, header, words)
    if got is None:
        return declined
    if len(rest) < len(body) - first and rest:
        last_line = rest[-1].line
        end = next((j + 1 for j in range(end - 1, i - 1, -1) if lines[j] is last_line), end)
    items, before, loose = got
    if not before:
        return declined  # no income amount before an expenditure label: another converter's stream
    lefts = [it for it in items if it.side == 0]
    rights = [it for it in items if it.side == 1]
    lb, rb = _blocks(lefts), _blocks(rights)
    if lb is None or rb is None:
        return declined
    if len(lb[1]) != len(rb[1]) and not lanci and min(len(lb[1]), len(rb[1])) > 1 and any(
            id(it) in before for it in rb[1][:-1]):
        return declined  # totals blocks of two lengths (the rows they pair unknown) where an income amount
        # is printed before an expenditure total: only where the 行次 number the rows
    top = max(len(lb[0]), len(rb[0]))
    n = top + max(len(lb[1]), len(rb[1]))
    if lanci:
        wholes = {id(p) for p in loose if p.text.isdigit() and 1 <= int(p.text) <= 2 * n}
        if sorted(int(p.text) for p in loose if id(p) in wholes) != list(range(1, 2 * n + 1)):
            return declined  # the 行次 must number both sides' rows, each once
        loose = [p for p in loose if id(p) not in wholes]
    for side, (its, tots, _) in ((0, lb), (1, rb)):
        for k, it in enumerate(its):
            it.row = k
        for k, it in enumerate(tots[:-1]):
            it.row = top + k
        tots[-1].row = n - 1  # the two 总计 share the last row
        for it in its + tots:
            it.no = it.row + 1 + side * n
    left_at = {it.row: it for it in lefts}
    right_rows = {it.row for it in rights}
    for it in rights:
        if id(it) in before:
            if it.row not in left_at:
                return declined
            left_at[it.row].amounts.append(before[id(it)])
    # rows without an expenditure label, and the income totals whose amount no expenditure label
    # carries (`本年收入合计` `6838.41` `本年支出合计`: the amount printed after its own label)
    bare_rows = [r for r in sorted(left_at) if r not in right_rows or (
        not left_at[r].amounts and (YEAR_TOTAL.match(left_at[r].label) or GRAND.match(left_at[r].label)))]
    columns = _side_sets("".join(header + words))
    if columns is None or not loose:
        return declined
    side_cols, guessed = columns
    solved = _solve(lb, rb, left_at, bare_rows, loose, side_cols[1])
    if solved is None:
        return declined
    left_rows, positions, right = solved
    unplaced: list[Piece] = []
    if left_rows is None:
        unplaced = [loose[j] for j in positions]  # the sums hold with these amounts on several rows: left out
    else:
        for j, r in zip(positions, left_rows):
            left_at[r].amounts.append(loose[j])
    placed = {id(it): Placed((0,) if it.amounts else ()) for it in lefts}
    cols: dict[int, list[int]] = {id(it): [] for it in rights}
    for it, piece, c in right.cells:
        it.amounts.append(piece)
        cols[id(it)].append(c)
    placed.update({id(it): Placed(tuple(cols[id(it)])) for it in rights})
    block = grid_of(lines[i], sorted(items, key=lambda it: (it.row, it.side)), placed, side_cols,
                    [guessed[0], guessed[1]], lanci)
    if right.detached:
        width = 1 + lanci + len(side_cols[0])
        column = width + 1 + lanci  # the expenditure side's first amount column
        labels = {g: r[width].text for g, r in enumerate(block.rows) if g >= 2 and len(r) > column and r[width].text}
        grand = next((it.amounts[0].text for it in lb[1][-1:] if it.amounts), None)
        block.detached = Detached(column=column, rows=labels,
                                  run=[amount_cell(p.line, p.text) for p in right.detached], grand=grand)
    if unplaced:
        text = "income amounts whose rows the sums do not settle, left out: " + " ".join(p.text for p in unplaced)
        ln = unplaced[0].line
        block.notes.append(NLine(text=text, orig=text, no=ln.no, page=ln.page, bbox=ln.bbox))
    return _done(block, lines, i, end)


def _done(block: GridBlock, lines: Sequence[NLine], i: int, end: int) -> tuple[GridBlock, int]:
    block.method = "sides-runs"
    block.first_line = lines[i].no
    block.last_line = lines[end - 1].no
    return with_report(block), end


def _side_sets(header: str) -> Optional[tuple[list[list[str]], list[bool]]]:
    """Each side's columns: one income column, and the widest standard expenditure set the header
    names (合计 and the three funds of a 财政拨款收支总表, or one 决算数 / 预算数 column); a guessed set
    only where the header names no standard one."""
    best = None
    for w in range(1, _MAX_COLUMNS + 1):
        got = side_columns(header, [1, w])
        if got is None or any(got[1]) or len(got[0][0]) != 1:
            continue
        if best is None or len(got[0][1]) > len(best[0][1]):
            best = got
    return best if best is not None else side_columns(header, [1, 1])


@dataclass
class _Right:
    """The expenditure side as read: (item, amount, column) for each amount placed, or the run handed
    to detached_runs.py (its first column's amounts in printed order); `key` its values, to tell
    readings apart; `grand` its 总计."""

    key: tuple
    cells: list[tuple[Item, Piece, int]] = field(default_factory=list)
    detached: list[Piece] = field(default_factory=list)
    grand: Optional[Decimal] = None


def _solve(lb: tuple[list[Item], list[Item], list[Item]], rb: tuple[list[Item], list[Item], list[Item]],
           left_at: dict[int, Item], bare_rows: list[int], loose: list[Piece], right_cols: list[str]
           ) -> Optional[tuple[Optional[tuple[int, ...]], tuple[int, ...], _Right]]:
    """Cut the bare amounts into the income cells of the rows without an expenditure label (any of
    them, in order) and the expenditure side's cells (the rest), every cut whose sums hold on both
    sides tried: (the rows of the income amounts, or None where several rows fit them; their indexes
    in `loose`; the expenditure side). None when no cut holds, or two that read differently."""
    l_items, l_tots, l_subs = lb
    fixed = {r: _value(it.amounts[0]) for r, it in left_at.items() if it.amounts}
    values = [_value(p) for p in loose]
    funds = [it for it in l_items if not ORDINAL.match(it.label)]  # (printed under the 财政拨款 item)
    income = _income(funds or l_items, fixed) if not any(it.row in bare_rows for it in l_items) else None
    l_tops = _tops(l_items)
    l_parts = _parts(l_items)
    found: list[tuple[tuple[int, ...], tuple[int, ...], _Right]] = []
    failed: set[tuple[Decimal, ...]] = set()
    grand = fixed.get(l_tots[-1].row)
    tried = reads = cuts = 0
    ks = list(range(0, min(len(loose) - 1, len(bare_rows)) + 1))
    if len(right_cols) == 1 and _tree(rb[0]):  # a tree prints one amount per subject: the run's length is known
        ks = [k for k in ks if len(loose) - k in _tree_lengths(rb)]
    for k in ks:
        for positions in combinations(range(len(loose)), k):
            cuts += 1
            if cuts > _MAX_CUTS:
                return None
            rest = tuple(values[j] for j in range(len(loose)) if j not in positions)
            if rest in failed or (len(right_cols) == 1 and grand is not None and not close(rest[-1], grand, 1)):
                continue  # (one column: its last amount is the 总计 of both sides)
            fits = []
            for rows in combinations(bare_rows, k):
                tried += 1
                if tried > _MAX_LEFT_CHOICES:
                    return None
                vals = dict(fixed)
                vals.update({r: values[j] for j, r in zip(positions, rows)})
                if _parts_hold(l_parts, vals) and _sums_hold([vals.get(it.row) for it in l_tops], vals.get(l_tots[0].row),
                              [vals.get(it.row) for it in l_tots[1:-1] if it not in l_subs], vals.get(l_tots[-1].row)):
                    fits.append((rows, vals[l_tots[-1].row]))
            if not fits:
                continue
            reads += 1
            if reads > _MAX_RIGHT_READS:
                return None
            right = _right([p for j, p in enumerate(loose) if j not in positions], rb, right_cols, income)
            if right is None or right.grand is None:
                failed.add(rest)  # (the same amounts left for the expenditure side fail again)
                continue
            found.extend((positions, rows, right) for rows, total in fits if close(total, right.grand, 1))
    if not found or len({(tuple(values[j] for j in pos), right.key) for pos, _, right in found}) != 1:
        return None
    positions, rows, right = found[0]
    readings = {tuple(sorted((r, values[j]) for j, r in zip(pos, rs))) for pos, rs, _ in found}
    return (rows if len(readings) == 1 else None), positions, right


def _income(l_items: list[Item], vals: dict[int, Decimal]) -> Optional[list[Decimal]]:
    """Each fund's income (一般公共预算, 政府性基金, 国有资本经营), None when an item names no one fund."""
    out = [Decimal(0)] * len(FUNDS)
    for it in l_items:
        hits = [f for f, word in enumerate(FUNDS) if word in it.label]
        if len(hits) != 1:
            return None
        out[hits[0]] += vals.get(it.row, Decimal(0))
    return out


def _right(rest: list[Piece], rb: tuple[list[Item], list[Item], list[Item]], right_cols: list[str],
           income: Optional[list[Decimal]]) -> Optional[_Right]:
    """The expenditure side from its amounts in printed order, or None."""
    r_items, r_tots, r_subs = rb
    if not rest:
        return None
    if len(right_cols) == 1:
        return _one_column(rest, rest, rb, 0, None)
    fund_col = [next((c for c, name in enumerate(right_cols) if word in name), None) for word in FUNDS]
    if income is None or None in fund_col or len(right_cols) != 1 + len(FUNDS) or r_subs:
        return None
    rows = r_items + r_tots
    paid = [f for f in range(len(FUNDS)) if income[f] != 0]
    stream = [_value(p) for p in rest]
    k = next((w for w in (len(right_cols), 1 + len(paid)) if len(stream) == len(rows) * w), None)
    if k is None:
        if len(paid) != 1:
            return None
        halves = _halves(stream)
        if halves is None:
            return None  # blank cells left out: only a column repeated (one fund spent) is read
        first, second = halves
        return _one_column([rest[j] for j in first], [rest[j] for j in second], rb, fund_col[paid[0]],
                           income[paid[0]])
    # the rows' tree for the identities: 总计 over 本年支出合计 (over the items) and the carry-over items
    if len(r_tots) == 1:
        codes: list[Optional[str]] = [f"{100 + j}" for j in range(len(r_items))] + [None]
    else:
        codes = [f"101{10 + j}" for j in range(len(r_items))] + [f"{101 + j}" for j in range(len(r_tots) - 1)] + [None]
    solved = solve_full(Shape(codes), stream, k)
    if solved is None:
        return None
    grid, path = solved
    fits = [perm for perm in permutations(range(len(FUNDS)), k - 1)
            if all(close(grid[c + 1][-1], income[f], 1) for c, f in enumerate(perm))
            and all(income[f] == 0 for f in range(len(FUNDS)) if f not in perm)]
    grids = {tuple(tuple(grid[perm.index(f) + 1]) if f in perm else None for f in range(len(FUNDS))) for perm in fits}
    if len(grids) != 1:
        return None  # no fund order, or two that give different grids
    perm = fits[0]
    out = _Right(key=("funds", tuple(grid[0]), next(iter(grids))), grand=grid[0][-1])
    filled = [0] * k
    for j, c in enumerate(path):
        it = rows[filled[c]]
        filled[c] += 1
        out.cells.append((it, rest[j], 0 if c == 0 else fund_col[perm[c - 1]]))
    return out


def _one_column(run: list[Piece], copy: list[Piece], rb: tuple[list[Item], list[Item], list[Item]],
                copy_col: int, copy_total: Optional[Decimal]) -> Optional[_Right]:
    """The expenditure side's first column read top-down (`run`), with `copy` the same amounts in a
    second column (`copy_col`: the one fund spent) or `run` itself: placed in order where it prints
    every item, else handed on as detached."""
    r_items, r_tots, r_subs = rb
    values = [_value(p) for p in run]
    carry = [it for it in r_tots[1:-1] if it not in r_subs]
    if len(values) > len(r_items) + len(r_tots):
        return None  # more amounts than the side has labelled rows: some of them are the income side's
    if _tree(r_items):
        ys = _tree_cuts(values, rb, carry)
    elif len(r_tots) > 1:
        ys = _right_cuts(values, len(r_items), len(carry))
    else:
        ys = [len(values) - 1] if _sums_hold(values[:-1], values[-1], [], values[-1]) else []
    if len(ys) != 1 or (copy_total is not None and not close(values[-1], copy_total, 1)):
        return None
    y = ys[0]
    out = _Right(key=("column", tuple(values)), grand=values[-1])
    printed_carry = len(values) - y - 2
    if y == len(r_items) and (len(r_tots) == 1 or printed_carry == 0 or (printed_carry == len(carry) and not r_subs)):
        if len(r_tots) == 1:
            order = r_items + r_tots
        else:
            order = r_items + [r_tots[0]] + (carry if printed_carry else []) + [r_tots[-1]]
        for it, p, q in zip(order, run, copy):
            out.cells.append((it, p, 0))
            if copy is not run:
                out.cells.append((it, q, copy_col))
        return out
    if _tree(r_items):
        return None  # (a tree's amounts with blank cells left out: no 类 totals to place them by)
    out.detached = list(run)
    return out


def _tree_lengths(rb: tuple[list[Item], list[Item], list[Item]]) -> set[int]:
    """The lengths of the run of a side printing its subjects as a tree (one amount per subject, its
    totals: 总计 alone, or 本年…合计 and 总计 with the carry-over amounts, none or all)."""
    r_items, r_tots, r_subs = rb
    y = len(r_items)
    if len(r_tots) == 1:
        return {y + 1}
    return {y + 2, y + 2 + len([it for it in r_tots[1:-1] if it not in r_subs])}


def _tree_cuts(values: list[Decimal], rb: tuple[list[Item], list[Item], list[Item]], carry: list[Item]) -> list[int]:
    """Where 本年支出合计 stands in the run of an expenditure side printing its subjects as a tree: after
    one amount per subject, the tree's sums all holding (each 类 / 款 = Σ its parts, Σ 类 = 本年支出合计:
    sides_columns.subject_sums), 总计 = 本年支出合计 + the carry-over amounts printed (none or all); or,
    where 总计 is the side's only total (a 财政拨款收支总表's), Σ 类 = 总计."""
    r_items, r_tots, _ = rb
    y = len(r_items)
    if len(values) not in _tree_lengths(rb):
        return []
    tree = subject_sums(list(zip(r_items, values[:y])) + [(r_tots[0], values[y])])
    if tree is None or tree[0] == 0 or tree[1]:
        return []
    return [y] if close(values[y] + sum(values[y + 1:-1], Decimal(0)), values[-1], len(values) - y - 1) else []


_MAX_HALVES = 20_000  # steps of the search for a column printed twice


def _halves(stream: list[Decimal]) -> Optional[tuple[list[int], list[int]]]:
    """The stream as two equal columns interleaved, each read top-down (合计 and the one fund spent):
    the indexes of the first column's amounts and the second's, when one such column is left."""
    found: list[tuple[tuple[Decimal, ...], list[int], list[int]]] = []
    steps = [0]

    def walk(p: int, a: list[int], b: list[int]) -> None:
        steps[0] += 1
        if steps[0] > _MAX_HALVES or len({f[0] for f in found}) > 1:
            return
        if p == len(stream):
            if len(b) == len(a):
                found.append((tuple(stream[j] for j in a), list(a), list(b)))
            return
        if len(b) < len(a) and stream[a[len(b)]] == stream[p]:
            b.append(p)
            walk(p + 1, a, b)
            b.pop()
        if len(a) < len(stream) // 2:
            a.append(p)
            walk(p + 1, a, b)
            a.pop()

    walk(0, [], [])
    if steps[0] > _MAX_HALVES or len({f[0] for f in found}) != 1:
        return None
    return found[0][1], found[0][2]


def runs_start(lines: Sequence[NLine], i: int) -> bool:
    """A two-sided table's boxes open at lines[i], under its title: within the first lines an amount
    printed on one line before an item label (`1279.28 一、一般公共服务支出`) or a subject's name."""
    if not has_value_lines(lines) or not after_title(lines, i) or not lines[i].text.strip() \
            or not cell_line(lines[i]) or not two_sided(lines, i, wide=True):
        return False
    for k in range(i, min(len(lines), i + _MAX_LINES // 4)):
        ws = lines[k].text.split()
        if len(ws) >= 2 and AMOUNT.match(ws[0]) and (ORDINAL.match(ws[1]) or (len(ws) == 2 and is_subject(ws[1]))):
            return True  # (`6838.41 一般公共服务支出`: an expenditure side printing its subjects as a tree)
    return False


@text_reader(33)  # after sides-stream and sides-detached: their streams (行次 after each label) stay theirs
class SidesRunsReader:
    """A two-sided table printed column by column in boxes (pdfminer.six)."""

    name = "sides-runs"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        return runs_start(lines, i)

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return read_runs(lines, i)
