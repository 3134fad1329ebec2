"""Reader `sides-stream`: side-by-side income | expenditure tables (公开01/04表, 收支总表, 财政拨款收支总表)
printed one cell per line, blank cells absent, as PyMuPDF's `get_text()` and pdftotext without
`-layout` print them.

What it does: after the title of a two-sided table (templates.identify), the cell stream is cut into
items `label [行次] [amounts]` in reading order: a row's income item, then its expenditure item
(`一、一般公共预算财政拨款收入` `2,940.05` `一、一般公共服务支出` `2,106.66` …). A label broken over lines
(`二、政府性基金预算财政拨` / `款`) is joined while it is incomplete and the next piece starts no item; a
line holding a few cells (`96,282,213.44 一、公共安全支出`, a left item's amount and the right item's
label) gives them in order; a label the catalogue names as a 功能分类 subject (`行政运行`, `国防动员`) is
whole, the next piece starting an item. The header is the
words before the first numbered item (一、), or before the first row's income item when that one is
unnumbered and holds the first amount (`财政拨款` `5,417.80` `一、…支出`); printed again on a new page
it is skipped (also without its first words, when those went as a running header), with the page
furniture and the table's own title lines printed again there (`表1` `收支总表` `部门名称：…`, spaced_text
`own_title_block`). The header's expenditure half printed among the first row's cells (plain
pdftotext: `收入` `项目` `一、…收入` `支出` `预算数` `项目` `1468.70`) is the header's
(header_in_first_row); a page number among the cells of a table whose amounts print decimals is
dropped (without_page_numbers); an amount printed past lines taken out as page furniture after its
label goes to review (past_page_break). A label spaced out over its cell, printed a character per line (`本` `年` `收` `入`
`合` `计`), is one label; an item left as a bare 收入 / 支出 (such a label cut apart) declines the table.
Sides: where the header prints 行次, by the line numbers (each side's own run, 1, 2, 3 … and N+1,
N+2 …; a number alone is a row whose label is blank; the numbers give each item its row); else by the words (…支出, 结余分配, 年末 are expenditure; …收入, …拨款, …资金, 年初, 上年结转,
使用…结余 are income; else a subject the catalogue names is expenditure: a budget's 类 / 款 / 项 printed
without codes), each side's item numbers (一、二、… in turn) and, for 总计 / 合计, the reading order
(a row's left item comes first). Amount columns and their placement come from sides_columns.py
(the header's standard column set; the row identity, the income side's funds and the column sums;
an amount still not placed for certain carries an unconfirmed `layout.column_guess` repair saying
why). The result is a GridBlock of the shape tables.py `_two_sides` reads (收入 | 支出 over 项目
[行次] amount columns per side).
The table is read only when the stream is certainly in row order: no header word among the items,
each side's item numbers in turn, the line numbers in their runs and the words agreeing with them,
no side printing more amounts than the header gives it, and the totals adding up — per side
本年…合计 = Σ the numbered items, 总计 = 本年…合计 (or the numbered items) + the carry-over items
(年初/上年/年末 结转和结余, 使用…结余, 结余分配), the two sides' 总计 equal, at least one such sum
checked on each side. Unnumbered items between two numbered ones are sub-items (`一、财政拨款` over
`一般公共预算` `政府性基金预算` …, outside the side's sum) and must add up to their numbered item. An
expenditure side printing unnumbered subjects with amounts must hold as a subject tree
(sides_columns.subject_sums: each 类 / 款 = Σ its parts printed under it, Σ 类 = 本年支出合计); a
类 / 款 printed off its parts goes to review with its parts (the report's own slip), so do the 类
their parts do not confirm when the 类 miss 本年支出合计; a tree that cannot be built (an amount beside a name the catalogue lacks) declines the table.
What it does not: read streams that mix rows or columns (pdftotext's and pdfminer.six's moved
cells: a sum that fails, a header word among the rows, an amount beyond the columns — the table is
declined and the readers after this one try it; an amount moved to another item of the same side
keeps the sums and cannot be seen); rows printed one per line (spaced_sides.py); subject tables
(row_stream.py); blank-cell marks and masked cells (`-`, `*****`: declined); a table continued
under another title than its own (only its own title lines printed again are skipped).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Callable, Optional, Sequence

import regex as re

from ..datamodel import Cell, GridBlock, NLine
from ..evidence.printed import ORDINAL
from .sides_columns import (GRAND, YEAR_TOTAL, Item, Piece, Placed, by_column_sums, close, first_value,
                            fund_zero_columns, grand_value, is_subject, ordinal_value, place, printed_widths,
                            side_columns, side_sums, sub_items, subject_sums)
from .spaced_text import (AMOUNT, after_title, amount_cell, cell_line, own_title_block, stream_furniture, text_cell,
                          title_above, title_like)
from .templates import identify
from .value_lines import has_value_lines
from .text_tables import text_reader, with_report

_MAX_LABEL = 40  # a label joined from pieces longer than this is no label
_PROBE = 40  # lines looked at to tell a cell stream from rows printed one per line
_MAX_LINES = 600  # a two-sided table's region in lines (two pages of one-cell lines)
_MAX_COLUMNS = 8  # amount columns of one side
_HAN = re.compile(r"\p{Han}")
_ONE_HAN = re.compile(r"^\p{Han}$")
_COLUMN_WORD = re.compile(r"^(?:项目|行次|栏次|决算数|预算数|金额)$")  # header words that end no label
_SIDE_WORD = re.compile(r"^(?:本年)?(?:收入|支出)$")  # header words, or the rest of a broken label
_RIGHT_WORDS = re.compile(r"支出|结余分配|年末|年终|下年")
_LEFT_WORDS = re.compile(r"收入|拨款|年初|上年|使用|弥补|预算$|资金$")
# a piece that starts an item of its own even after an unfinished label
_LABEL_START = re.compile(r"^(?:本年|年初|年末|年终|上年|使用|结余分配|(?:收入|支出)?(?:总计|合计))")
_COMPLETE = re.compile(r"(?:收入|支出|拨款|合计|总计|结余|结转|分配|资金|预算|）|\))$")


# --- the region and its pieces ------------------------------------------------------------------

def two_sided(lines: Sequence[NLine], i: int, wide: bool = False) -> bool:
    """The title above lines[i] (`wide`: up to five title lines, see title_above) names a two-sided table."""
    template = identify(" ".join(ln.text for ln in title_above(lines, i, wide=wide)), "")
    return template is not None and template.shape == "two_sides"


def stream_starts(lines: Sequence[NLine], i: int, wide: bool = False,
                  reach: Optional[Callable[[Sequence[NLine], int], int]] = None) -> bool:
    """A two-sided table's cell stream opens at lines[i], under its title (the test the two-sided
    stream readers share: sides-stream, sides-detached, sides-words; `reach`: the end of the stream
    as the reader judges it, the whole stream then looked at, see is_stream)."""
    if not has_value_lines(lines) or not after_title(lines, i) or not lines[i].text.strip() \
            or not cell_line(lines[i]):  # cached tests first
        return False
    return two_sided(lines, i, wide) and is_stream(lines, i, reach(lines, i) if reach is not None else None)


def is_stream(lines: Sequence[NLine], i: int, end: Optional[int] = None) -> bool:
    """Cells one per line: within the first lines (`end`: all lines up to it, the stream's end as its
    reader judged it), at least three hold a lone number and hardly any a label followed by its
    amount (rows printed one per line hold labels and amounts together)."""
    seen = lone = labelled = 0
    for k in range(i, min(len(lines), i + 3 * _PROBE) if end is None else end):
        t = lines[k].text.strip()
        if not t:
            continue
        if not cell_line(lines[k]) or title_like(lines[k]):
            if end is None:
                break
            continue  # (a unit line the stream runs past, its reader judged: sides_bare.py)
        seen += 1
        lone += bool(AMOUNT.match(t))
        kinds = [p.amount for p in line_pieces(lines[k])]
        labelled += any(not a and b for a, b in zip(kinds, kinds[1:]))
        if seen >= _PROBE and end is None:
            break
    return lone >= 3 and labelled <= max(2, seen // 10)


def line_pieces(line: NLine) -> list[Piece]:
    """A line's cells: amounts one by one, the words between them joined (`栏    次`, `1. 一般公共预算`);
    an item number, or a total after a whole label, starts a new one (`二、外交支出 三、国防支出`,
    `本年收入合计 本年支出合计`)."""
    out: list[Piece] = []
    for w in line.text.split():
        if AMOUNT.match(w):
            out.append(Piece(w, line, True))
            continue
        prev = out[-1] if out and not out[-1].amount else None
        starts = (ORDINAL.match(w) and not _only_ordinal(prev.text)) if prev else False
        starts = starts or (prev is not None and _COMPLETE.search(prev.text) and _LABEL_START.match(w))
        if prev is not None and not starts:
            prev.text += w
        else:
            out.append(Piece(w, line, False))
    return out


def _only_ordinal(text: str) -> bool:
    m = ORDINAL.match(text)
    return m is not None and m.end() == len(text)


def region(lines: Sequence[NLine], i: int) -> tuple[list[Piece], int]:
    """The cells of the table from lines[i] on, as pieces; the table's own title lines printed again
    on a new page are skipped (its header printed again there is `header_echo`'s)."""
    out: list[Piece] = []
    own = {" ".join(ln.text.split()) for ln in title_above(lines, i)}
    spreading = False  # the last piece is a run of lines holding one character each
    j, n = i, min(len(lines), i + _MAX_LINES)
    while j < n:
        ln = lines[j]
        t = ln.text.strip()
        if not t or stream_furniture(lines, ln):
            j += 1
            continue
        if title_like(ln) and out:
            after = own_title_block(lines, j, own, codes=True)
            if after is not None and after > j:
                j = after
                continue
        if not cell_line(ln) or (title_like(ln) and out):
            break
        got = line_pieces(ln)
        if _spread(got) and spreading:
            out[-1] = Piece(out[-1].text + got[0].text, out[-1].line, False)
        else:
            out.extend(got)
        spreading = _spread(got)
        j += 1
    return out, j


def _spread(pieces: list[Piece]) -> bool:
    """A line holding one Chinese character alone: a piece of a label spaced out over the cell
    (`本    年    收    入    合    计`), which PyMuPDF prints a character per line; the
    characters of such a run are one label."""
    return len(pieces) == 1 and not pieces[0].amount and _ONE_HAN.match(pieces[0].text) is not None


# --- items ----------------------------------------------------------------------------------------

def continues(item: Item, piece: str) -> bool:
    """`piece` is the rest of the item's label broken over lines."""
    if not item.label or ORDINAL.match(piece) or len(item.label) + len(piece) > _MAX_LABEL:
        return False
    if _SIDE_WORD.match(piece):  # 收入 / 支出 alone is no item (二十一、国有资本经营预算 / 支出)
        return True
    if is_subject(item.label) and not is_subject(item.label + piece):
        return False  # a subject the catalogue names is whole (`行政运行`, `国防动员` end no label of theirs)
    return not _COMPLETE.search(item.label) and not _LABEL_START.match(piece)


def _items(body: list[Piece], header: list[str], lanci: bool) -> Optional[tuple[list[Item], int]]:
    """The items of the stream, and the index of the piece after the table (after the second 总计
    item's amounts); None when the stream is not a two-sided table in row order."""
    items: list[Item] = []
    last = [0, 0]  # the last line number of each side (lanci)
    right_started = False
    grands = 0
    k = 0
    while k < len(body):
        p = body[k]
        echo = header_echo(body, k, header)
        if echo:
            k += echo  # the header printed again on a new page
            continue
        cur = items[-1] if items else None
        if not p.amount:
            if _COLUMN_WORD.match(p.text) or not _HAN.search(p.text):
                return None  # a header word or a mark among the rows: the order is mixed (or masked cells)
            if cur is not None and continues(cur, p.text):
                if cur.no is not None or cur.amounts:
                    return None  # a piece of a label after its numbers: the order is mixed
                cur.label += p.text
                cur.lines.append(p.line)
            elif _SIDE_WORD.match(p.text):
                return None  # a header word among the rows
            else:
                if grands >= 2:
                    break  # both sides' 总计 read: the table has ended
                items.append(Item(p.text, [p.line]))
                grands += bool(GRAND.match(p.text))
            k += 1
            continue
        if not lanci:
            if cur is None or not cur.label:
                return None
            cur.amounts.append(p)
            k += 1
            continue
        whole = p.text.isdigit()
        if cur is not None and cur.label and cur.no is None and not cur.amounts:
            if not whole:
                return None  # an item without its line number
            side = number_side(int(p.text), last, right_started)
            if side is None:
                return None
            right_started |= side == 1
            cur.no, cur.side, last[side] = int(p.text), side, int(p.text)
        elif whole and (int(p.text) == last[0] + 1 or (right_started and int(p.text) == last[1] + 1)):
            side = 0 if int(p.text) == last[0] + 1 else 1
            items.append(Item("", [p.line], no=int(p.text), side=side))  # a row whose label is blank
            last[side] = int(p.text)
        else:
            if cur is None or not cur.label:
                return None  # amounts with no label
            cur.amounts.append(p)
        k += 1
    if any(it.label and it.no is None for it in items) and lanci:
        return None
    return items, k


_HEADER_PIECE = re.compile(r"^(?:支出|项目|预算数?|本年预算|金额|(?:\d{4}年)?预算数)$")
_FIRST_ROW = 12  # pieces of the first row (its labels, amounts and the header words among them)


def header_in_first_row(header: list[str], body: list[Piece]) -> tuple[list[str], list[Piece]]:
    """The header's expenditure half printed among the first row's cells (plain pdftotext:
    `收入` `项目` `一、一般公共预算拨款收入` `支出` `预算数` `项目` `1468.70` `一、一般公共服务支出` `预算数`
    `1216.89`): where the header before the first item names 收入 but not 支出, the header words
    (支出, 项目, 预算数 …) found within the first row (before its third label, or the first item
    numbered 二、 or more) are the header's, taken out of the rows. Nothing else moves, so a row
    left out of order still declines the table."""
    text = "".join(header)
    if "收入" not in text or "支出" in text:
        return header, body
    moved: list[int] = []
    labels = 0
    for k, p in enumerate(body[:_FIRST_ROW]):
        if p.amount:
            continue
        if _HEADER_PIECE.match(p.text):
            moved.append(k)
            continue
        labels += 1
        if labels > 2 or (ordinal_value(p.text) or 0) >= 2:
            break
    if not any(body[k].text == "支出" for k in moved):
        return header, body
    return header + [body[k].text for k in moved], [p for k, p in enumerate(body) if k not in moved]


_PAGE_NUMBER = re.compile(r"^[1-9]\d{0,2}$")  # (a page is never numbered 0: a bare 0 is a blank cell printed so)


def without_page_numbers(body: list[Piece]) -> list[Piece]:
    """The stream without the page numbers printed among its cells (plain pdftotext puts a page's
    number where its bottom line falls: `收入合计` `1468.70` `5` `支出合计`): where every other amount
    of the table prints its decimals (five at least), a bare whole number of up to three digits
    inside the stream (`支出合计` `9` `10344.71` too) is no cell of it. Where some amount prints
    none, nothing is taken out; a bare number after the last piece stays (more amounts than columns
    declines)."""
    def bare(k: int) -> bool:
        return body[k].amount and _PAGE_NUMBER.match(body[k].text) is not None
    rest = [p for k, p in enumerate(body) if p.amount and not bare(k)]
    if len(rest) < 5 or any("." not in p.text for p in rest):
        return body
    drop = {k for k in range(1, len(body) - 1) if bare(k) and not bare(k - 1) and not bare(k + 1)}
    return [p for k, p in enumerate(body) if k not in drop]


def header_echo(body: list[Piece], k: int, header: list[str]) -> int:
    """How many pieces from body[k] are the header printed again at a new page's top (0 when none):
    the whole header, or its last words when its first ones, printed on every page, were taken away
    as a running header (`收入` over each page of the table)."""
    if len(header) < 3 or body[k].amount:
        return 0
    for h in range(len(header) - 2):
        rest = header[h:]
        if body[k].text == rest[0] and [q.text for q in body[k:k + len(rest)]] == rest:
            return len(rest)
    return 0


def number_side(n: int, last: list[int], right_started: bool) -> Optional[int]:
    if n == last[0] + 1:
        return 0
    if not right_started or n == last[1] + 1:
        return 1
    return None


def word_side(label: str) -> Optional[int]:
    if _RIGHT_WORDS.search(label):
        return 1
    if _LEFT_WORDS.search(label):
        return 0
    return None


def _place_sides(items: list[Item]) -> bool:
    """Sides of the items without line numbers: words, item numbers, reading order; False when an
    item with amounts has no side."""
    last = [0, 0]
    prev: Optional[int] = None
    for k, it in enumerate(items):
        side = word_side(it.label)
        if side is None and is_subject(it.label):
            side = 1  # a 功能分类 subject the catalogue names (`行政运行`) is an expenditure
        v = ordinal_value(it.label)
        if side is None and v:
            fits = [s for s in (0, 1) if v == last[s] + 1]
            side = fits[0] if len(fits) == 1 else None
        kind = _total_kind(it.label)
        if side is None and kind and k + 1 < len(items) and _total_kind(items[k + 1].label) == kind \
                and word_side(items[k + 1].label) in (None, 1):
            side = 0  # 总计 | 总计: the row's left item comes first
        elif side is None and (kind or not it.amounts):
            side = 0 if prev != 0 else 1  # a row's left item comes first
        if side is None:
            return False
        it.side = side
        if v:
            last[side] = v
        prev = side
    return True


def _total_kind(label: str) -> Optional[str]:
    if GRAND.match(label):
        return "grand"
    return "year" if YEAR_TOTAL.match(label) else None


def ordinals_in_turn(items: list[Item]) -> bool:
    """Each side's item numbers run 一、二、三 … (starting again at 一 after an unnumbered item)."""
    for side in (0, 1):
        last, restart = 0, True
        for it in items:
            if it.side != side or not it.label:
                continue
            v = ordinal_value(it.label)
            if v is None:
                if not ORDINAL.match(it.label):
                    restart = True
                continue
            if v != last + 1 and not (v == 1 and restart):
                return False
            last, restart = v, False
    return True


def _rows_by_numbers(items: list[Item]) -> bool:
    """Each item's row from its line number (each side's run counted from its first number); the
    rows must come in order, a row's left item before its right one."""
    first: list[Optional[int]] = [None, None]
    for it in items:
        if first[it.side] is None:
            first[it.side] = it.no
    seen: set[tuple[int, int]] = set()
    at = (0, 0)
    for it in items:
        it.row = it.no - first[it.side]
        key = (it.row, it.side)
        if key in seen or key < at:
            return False
        seen.add(key)
        at = key
    return True


def _rows_by_order(items: list[Item]) -> None:
    """A right item shares the row of the left item right before it; any other item opens a row."""
    row = -1
    prev: Optional[Item] = None
    for it in items:
        if not (it.side == 1 and prev is not None and prev.side == 0):
            row += 1
        it.row = row
        prev = it


# --- the reader -----------------------------------------------------------------------------------

def read_stream(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    declined = None, i + 1
    pieces, end = region(lines, i)
    first = next((k for k, p in enumerate(pieces) if not p.amount and ORDINAL.match(p.text)), None)
    if first is None or first == 0:
        return declined
    lanci = "行次" in "".join(p.text for p in pieces[:first])
    money = next((k for k, p in enumerate(pieces[:first]) if p.amount and "." in p.text), None)
    if money is not None and not lanci and money >= 2 and not pieces[money - 1].amount:
        first = money - 1  # the first row's left item unnumbered (`财政拨款` `5,417.80` `一、…支出`)
    header = [p.text for p in pieces[:first]]
    body = pieces[first:]
    if not lanci:
        header, body = header_in_first_row(header, body)
        body = without_page_numbers(body)
    header_text = "".join(header)
    got = _items(body, header, lanci)
    if got is None:
        return declined
    items, stop = got
    if len(items) < 4 or not any(it.amounts for it in items):
        return declined
    if any(it.label and AMOUNT.match("".join(it.label.split())) for it in items):
        return declined  # an amount read as a label: the text's order is not row by row (pdfminer's runs)
    if any(_SIDE_WORD.match(it.label) for it in items):
        return declined  # `本` `年` `收` `入` / `合` `计`: a label printed a character per line, cut apart
    if lanci:
        if not _rows_by_numbers(items) or any(
                it.label and word_side(it.label) not in (None, it.side) for it in items):
            return declined  # rows out of order, or an item whose words name the other side
    else:
        if not _place_sides(items):
            return declined
        _rows_by_order(items)
    if not ordinals_in_turn(items):
        return declined
    widths = [max([len(it.amounts) for it in items if it.side == k] + [1]) for k in (0, 1)]
    if max(widths) > _MAX_COLUMNS:
        return declined
    printed = printed_widths(header)
    if printed is not None:
        if any(w > p for w, p in zip(widths, printed)):
            return declined  # more amounts than the 栏次 numbers columns
        widths = list(printed)
    columns = side_columns(header_text, widths)
    if columns is None:
        return declined
    side_cols, guessed = columns
    widths = [len(c) for c in side_cols]
    totals = [side_cols[k][0] in ("合计", "小计") for k in (0, 1)]
    sides = [[it for it in items if it.side == k] for k in (0, 1)]
    placed: dict[int, Placed] = {}
    for it in sides[0]:
        placed[id(it)] = place(it.amounts, widths[0], totals[0], set())
    by_column_sums(sides[0], placed, widths[0])
    left = [(it, first_value(it, placed[id(it)])) for it in sides[0]]
    zero = fund_zero_columns(left, side_cols[1]) if totals[1] else set()
    for it in sides[1]:
        placed[id(it)] = place(it.amounts, widths[1], totals[1], zero)
    by_column_sums(sides[1], placed, widths[1])
    right = [(it, first_value(it, placed[id(it)])) for it in sides[1]]
    held = [side_sums(left), side_sums(right)]
    if any(h is None for h in held):
        return declined  # a sum that fails (rows or columns mixed)
    tree = subject_sums(right)
    if any(it.label and not ORDINAL.match(it.label) and is_subject(it.label) and v != 0 for it, v in right):
        # unnumbered subjects with amounts (a budget's 类 / 款 / 项 names): their tree must add up
        if tree is None or tree[0] == 0:
            return declined
        held[1] += tree[0]
        _doubt(tree[1], placed, _SUBJECT_DOUBT)
    subs = _sub_item_sums(left)
    if subs is None:
        return declined  # the items under a numbered income item do not add up to it: rows mixed
    held[0] += subs
    if any(h == 0 for h in held):
        return declined  # no sum to check on a side
    grands = [grand_value(left), grand_value(right)]
    if None not in grands and not close(grands[0], grands[1], 1):
        return declined
    present = {ln.no for ln in lines[i:end] if ln.no is not None}
    _doubt([it for it in items if past_page_break(it, present)], placed, _PAGE_DOUBT)
    block = grid_of(lines[i], items, placed, side_cols, guessed, lanci)
    if stop < len(body):
        at = body[stop].line
        end = next((j for j in range(i, end) if lines[j] is at), end)
    while end > i and not lines[end - 1].text.strip():
        end -= 1
    block.first_line = lines[i].no
    block.last_line = lines[end - 1].no
    return with_report(block), end


_SUBJECT_DOUBT = ("amount uncertain: the expenditure subjects do not add up here (a 类 / 款 off the sum of the "
                  "parts printed under it, or the 类 off 本年支出合计 and this one not confirmed by its parts)")


_PAGE_DOUBT = ("row uncertain: the amount is printed after a page's footer, away from its label (the "
               "converter may have moved it there from another row of the page)")


def past_page_break(item: Item, present: set[int]) -> bool:
    """An amount of the item printed after lines taken out as page furniture (a page number, a
    running line: numbers missing from `present`, the region's line numbers) that follow the
    item's label: plain pdftotext prints some cells of a page after its footer
    (`（十八）援助其他地区支出` `- 13 -` `62.09`, the amount of a row eight rows up), so such an amount
    cannot be given to the label before it for certain."""
    if not item.amounts or not item.lines or not present:
        return False
    label_at = max((ln.no for ln in item.lines if ln.no is not None), default=None)
    if label_at is None:
        return False
    return any(p.line.no is not None and any(n not in present for n in range(label_at + 1, p.line.no))
               for p in item.amounts)


def _doubt(items: list[Item], placed: dict[int, Placed], note: str) -> None:
    for it in items:
        p = placed.get(id(it))
        if p is not None and it.amounts:
            p.unsure, p.doubt = set(range(len(it.amounts))), note


def _sub_item_sums(left: list[tuple[Item, Decimal]]) -> Optional[int]:
    """The income side's unnumbered items under a numbered one (`一、财政拨款` over `一般公共预算`,
    `政府性基金预算`, …) add up to it: how many such sums hold, None when one fails."""
    value = {id(it): v for it, v in left}
    held = 0
    for head, subs in sub_items([it for it, _ in left]):
        if not any(s.amounts for s in subs):
            continue
        if close(sum((value[id(s)] for s in subs), Decimal(0)), value[id(head)], len(subs)):
            held += 1
        else:
            return None
    return held


def grid_of(at: NLine, items: list[Item], placed: dict[int, Placed], side_cols: list[list[str]],
          guessed: list[bool], lanci: bool) -> GridBlock:
    top: list[Cell] = []
    names: list[Cell] = []
    for k, word in enumerate(("收入", "支出")):
        cols = ["项目"] + (["行次"] if lanci else []) + side_cols[k]
        top += [text_cell(at, word)] + [text_cell(at, "") for _ in cols[1:]]
        names += [text_cell(at, c) for c in cols]
    by_row: dict[int, list[Optional[Item]]] = {}
    for it in items:
        by_row.setdefault(it.row, [None, None])[it.side] = it
    grid = [top, names]
    for r in sorted(by_row):
        pair = by_row[r]
        if not any(it is not None and it.label for it in pair):
            continue  # line numbers alone: a blank row
        anchor = next(it for it in pair if it is not None)
        cells: list[Cell] = []
        for k, it in enumerate(pair):
            width = len(side_cols[k])
            if it is None:
                ln = anchor.lines[0]
                cells += [text_cell(ln, "") for _ in range(1 + lanci + width)]
                continue
            ln = it.lines[0]
            cells.append(Cell(text=it.label, orig=it.label, line=ln.no, page=ln.page, joined=len(it.lines) > 1))
            if lanci:
                cells.append(text_cell(ln, str(it.no) if it.no is not None else ""))
            values = [text_cell(ln, "") for _ in range(width)]
            p = placed.get(id(it))
            for a_i, (a, c) in enumerate(zip(it.amounts, p.cols if p else ())):
                doubt = None
                if a_i in p.unsure:
                    doubt = p.doubt
                elif guessed[k]:
                    doubt = "column uncertain: the header names none of the standard columns of this side"
                values[c] = amount_cell(a.line, a.text, doubt)
            cells += values
        grid.append(cells)
    return GridBlock(rows=grid, first_line=at.no, last_line=at.no, method="sides-stream")


@text_reader(32)
class SidesStreamReader:
    """Side-by-side tables one cell per line, blank cells absent (PyMuPDF, pdftotext without -layout)."""

    name = "sides-stream"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        return stream_starts(lines, i)

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return read_stream(lines, i)
