"""Side-by-side income | expenditure tables (公开01/04表, 收支总表, 财政拨款收支总表) printed one line per row
by PDF text extractors: `一、一般公共预算财政拨款收入 1 440.55 一、一般公共服务支出 31 423.20`.

What it does: reads the rows after a two-sided table's header into a GridBlock of the shape
tables.py `_two_sides` reads: a header row 收入 | 支出 over 项目 (行次) amount columns … per side,
then one grid row per printed line, each side's label, line number (行次) and amounts in their
columns, an empty Cell where a side is blank. Which side a lone label belongs to is decided, in this
order, by its line number (the right side's 行次 run after the left side's), by its position in
`-layout` text, by the ordinal sequence of each side (一、二、…), and by its words (收入 / 支出);
labels broken over lines (the piece before and after the row's line) are joined; an amount run into
the next label (`781.60八、…`) is split off; the table goes on over a page under its title and
header printed again (spaced_text `page_turn`). Amount columns
come from the header (a standard column set whose characters the header covers: 决算数, 预算数,
预算, 金额, the four fund columns, or a unit's spending side by cost: 合计 | 人员经费 | 公用经费 | 项目支出,
or 合计 | 基本支出 | 项目支出); a side that prints
fewer amounts than it has columns is placed by spaced_columns.py (in order when full, else the row
identity, and the 总计 row's columns when the side's numbered items are its parts and nothing else
stands between), and an amount or a side it cannot place for certain carries an unconfirmed
`layout.column_guess` repair, so its Field goes to review with the reason. Amounts printed on a
line of their own that take the label above them across a page break (a page's running header or
number passed, or taken out by normalize, with no row between) are in doubt: pdftotext's default
order moves an amount of a row higher up past the page's end, below a run of labels with none.
So are amounts on lines of their own in a table whose sides' labels are printed one after another,
the income labels as a block (no line holds both sides' labels: pdfminer.six's box order), where
such an amount follows whichever label the converter ordered before it, not always its own (plain
pdftotext alternates the two sides' labels row by row, and its amounts follow their own row).
A line of amounts alone under a row with both labels (pdfplumber prints a taller row's amounts
below it: `总计 总计` / `2,961.68 2,961.68 2,961.68`) goes to the expenditure side when the income
side's amount is on the row's line and that side has none, else is dealt to the sides once the
columns are known (sides_spill.py: widths and 合计 = Σ funds); a line no single cut fits is left
out, the row's empty cells marked `layout.amount_unplaced` (a sum over them is not checked).
What it does not: read subject tables (spaced_rows.py), 公开06表 groups (spaced_groups.py) or a
single row of amounts (spaced_flat.py); name the sides' rows (tables.py does).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

import regex as re

from ..catalog import codes_named
from ..datamodel import Cell, GridBlock, NLine, Repair
from ..evidence.policy import AMOUNT_UNPLACED as UNPLACED
from ..evidence.printed import ORDINAL
from .sides_spill import deal
from .spaced_columns import Amount, RowAmounts, place_rows
from .spaced_text import covers
from .spaced_text import SENTENCE, Header, amount_cell, ends_table, furniture, is_amount, name_piece, page_turn, repeated_header
from .spaced_text import text_cell, title_keys, title_like, tokens
from .text_tables import with_report

_LOOKAHEAD = 24  # lines from a header's first line to its first data row (pypdf prints a broken
# header word on lines of its own: 财 / 政拨款 / 政府性基金预 / 算 …)
_LABEL_GAP = 6  # spaces between two words that make them two cells (-layout text)
_SIDE_WORD = re.compile(r"收入|支出|拨款|合计|总计|结转|结余")
_HEADER_WORD = re.compile(r"^(?:栏次|行次|项目|收入|支出|收入支出)$")
_LEFT_WORDS = re.compile(r"收入|拨款|年初|上年结转|使用.*结余")
_RIGHT_WORDS = re.compile(r"支出|年末|年终|结余分配")
_INCOME_WORDS = re.compile(_LEFT_WORDS.pattern + r"|资金")  # an income item's words (一般公共预算资金 too)
_NUMERALS = "零一二三四五六七八九十"
_TOTAL = re.compile(r"总计$|合计$")

# A unit's 财务收支预算总表 splits its spending side by cost: 合计 | 基本支出 (人员经费 公用经费) | 项目支出,
# the group's own columns printed, or 基本支出 whole (合计 = the parts in both)
COST_COLUMNS: list[tuple[str, ...]] = [
    ("合计", "人员经费", "公用经费", "项目支出"),
    ("合计", "基本支出", "项目支出"),
]
COST_HEADS = "基本支出预算数决算数"  # the words such a side's two-level header prints above its columns

# Amount columns of one side, most specific first: (labels), chosen by count and header coverage
SIDE_COLUMNS: list[tuple[str, ...]] = [
    ("决算数",),
    ("预算数",),
    ("预算",),
    ("金额",),
    ("合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"),
    ("合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"),
    ("小计", "一般公共预算", "政府性基金预算", "国有资本经营预算"),
    ("总计", "一般公共预算", "政府性基金预算", "国有资本经营预算"),
] + COST_COLUMNS


@dataclass
class _Side:
    label: str = ""
    label_lines: list[NLine] = field(default_factory=list)
    start: int = -1  # character position of the label (layout text)
    lineno: Optional[str] = None
    amounts: list[Amount] = field(default_factory=list)
    from_before: bool = False  # the label's first piece was printed on the line above

    @property
    def empty(self) -> bool:
        return not self.label and self.lineno is None and not self.amounts


@dataclass
class _Line:
    line: NLine
    sides: list[_Side]
    lone: Optional[_Side] = None  # a label whose side is still to be decided
    side_doubt: bool = False
    break_doubt: bool = False  # its amounts were printed after a page break, away from its label
    apart: bool = False  # its amounts were printed on a line of their own, away from its label
    spill: list[Amount] = field(default_factory=list)  # the line below's amounts, sides not yet dealt (sides_spill.py)


_GLUED = re.compile(r"^(-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+)([零一二三四五六七八九十]+、\S*)$")


def _glued(toks: list) -> list:
    """`781.60八、卫生健康支出`: an amount run into the next cell's ordinal label (no space printed
    between, pdfplumber) is two tokens."""
    out = []
    for t, s, e in toks:
        m = _GLUED.match(t)
        if m:
            cut = s + len(m.group(1))
            out += [(m.group(1), s, cut), (m.group(2), cut, e)]
        else:
            out.append((t, s, e))
    return out


def _segments(line: NLine) -> tuple[list[Amount], list[tuple[str, int, list[Amount]]]]:
    """Leading numbers, then (label, start, numbers after it) for each run of words."""
    lead: list[Amount] = []
    runs: list[tuple[list[str], int, list[Amount]]] = []
    prev_end = -1
    prev = ""
    for t, s, e in _glued(tokens(line.text)):
        if is_amount(t):
            (runs[-1][2] if runs else lead).append(Amount(t, s, e))
        elif runs and not runs[-1][2] and s - prev_end < _LABEL_GAP and not (
                ORDINAL.match(t) or _complete(prev)):  # two labels with a blank side between
            runs[-1][0].append(t)
        else:
            runs.append(([t], s, []))
        prev_end, prev = e, t
    return lead, [("".join(words), start, nums) for words, start, nums in runs]


def _split_numbers(nums: list[Amount], lanci: bool) -> tuple[Optional[str], list[Amount]]:
    if lanci and nums and "." not in nums[0].text and "," not in nums[0].text:
        return nums[0].text, nums[1:]
    return None, nums


def _data_line(line: NLine) -> bool:
    """A row of the table: numbers, and its first words read like a row label, not a header."""
    t = line.text
    if "\t" in t or "|" in t or len(t) > 300 or SENTENCE.search(t):
        return False
    lead, segs = _segments(line)
    if not segs:
        return False
    label = segs[0][0]
    if _HEADER_WORD.match(label) or label.startswith("栏"):
        return False
    if not (lead or any(n for _, _, n in segs)):  # labels alone: amounts below, or a blank row
        return len(segs) == 2 and all(ORDINAL.match(x) for x, _, _ in segs)
    return bool(ORDINAL.match(label) or _SIDE_WORD.search(label))


def first_row(lines: Sequence[NLine], i: int) -> Optional[int]:
    for j in range(i, min(i + _LOOKAHEAD, len(lines))):
        t = lines[j].text
        if "\t" in t or "|" in t or SENTENCE.search(t):
            return None
        if _data_line(lines[j]):
            return j
    return None


def _parse(line: NLine, lanci: bool) -> Optional[_Line]:
    lead, segs = _segments(line)
    if not segs:
        return _numbers_only(line, lead, lanci)
    if len(segs) > 2:  # words printed apart inside the right label: joined to it
        label = "".join(s[0] for s in segs[1:])
        segs = [segs[0], (label, segs[1][1], [a for s in segs[1:] for a in s[2]])]
    if lead:
        left = _Side()
        left.lineno, left.amounts = _split_numbers(lead, lanci)
        label, start, nums = segs[0]
        right = _Side(label=label, label_lines=[line], start=start)
        right.lineno, right.amounts = _split_numbers(nums, lanci)
        rest = segs[1:]
        if rest:  # a third run of words: not a row of this shape
            return None
        return _Line(line, [left, right])
    sides = []
    for label, start, nums in segs:
        s = _Side(label=label, label_lines=[line], start=start)
        s.lineno, s.amounts = _split_numbers(nums, lanci)
        sides.append(s)
    if len(sides) == 2:
        return _Line(line, sides)
    return _Line(line, [_Side(), _Side()], lone=sides[0])


def _numbers_only(line: NLine, lead: list[Amount], lanci: bool) -> Optional[_Line]:
    """`14 46`: both labels printed around the line (行次 of each side, and amounts)."""
    if not lanci or len(lead) < 2 or "." in lead[0].text or not lead[0].text.isdigit():
        return None
    left_no = int(lead[0].text)
    k = next((k for k in range(1, len(lead)) if lead[k].text.isdigit() and left_no < int(lead[k].text) <= 200), None)
    if k is None:
        return None
    left = _Side(lineno=lead[0].text, amounts=lead[1:k])
    right = _Side(lineno=lead[k].text, amounts=lead[k + 1:])
    return _Line(line, [left, right])


def _split_lone(row: _Line, rows: list[_Line]) -> None:
    """`一般公共预算财政拨款 29 0 61`: a left label whose numbers run into the right side's 行次
    (its label printed blank); the right 行次 is the left one plus the offset the rows above show."""
    s = row.lone
    offsets = {int(r.sides[1].lineno) - int(r.sides[0].lineno) for r in rows
               if r.lone is None and r.sides[0].lineno and r.sides[1].lineno}
    if len(offsets) != 1 or not s.lineno:
        return
    want = str(int(s.lineno) + offsets.pop())
    k = next((k for k, a in enumerate(s.amounts) if a.text == want), None)
    if k is None:
        return
    right = _Side(lineno=want, amounts=s.amounts[k + 1:])
    s.amounts = s.amounts[:k]
    row.sides = [s, right]
    row.lone = None


def _last_ordinals(rows: list[_Line]) -> list[int]:
    last = [0, 0]
    for r in rows:
        for k in (0, 1):
            v = _ordinal_value(r.sides[k].label)
            if v:
                last[k] = v
    return last


def _ordinal_value(label: str) -> Optional[int]:
    m = ORDINAL.match(label)
    if not m:
        return None
    word = m.group().strip().strip("、（）()")
    if not word or any(ch not in _NUMERALS for ch in word):
        return None
    v = 0
    if "十" in word:
        tens, _, ones = word.partition("十")
        v = (_NUMERALS.index(tens) if tens else 1) * 10 + (_NUMERALS.index(ones) if ones else 0)
    elif len(word) == 1:
        v = _NUMERALS.index(word)
    return v or None


def _place_lone(rows: list[_Line], layout: bool) -> None:
    """Decide the side of every lone label from the evidence the two-sided rows give."""
    left_nos = [int(r.sides[0].lineno) for r in rows if r.lone is None and r.sides[0].lineno]
    right_nos = [int(r.sides[1].lineno) for r in rows if r.lone is None and r.sides[1].lineno and r.sides[1].label]
    right_starts = [r.sides[1].start for r in rows if r.lone is None and r.sides[1].label and r.sides[0].label]
    left_starts = [r.sides[0].start for r in rows if r.lone is None and r.sides[0].label]
    last_ord = [0, 0]
    for r in rows:
        if r.lone is None:
            for k in (0, 1):
                v = _ordinal_value(r.sides[k].label)
                if v:
                    last_ord[k] = v
            continue
        s = r.lone
        side: Optional[int] = None
        if s.lineno and right_nos:
            side = 1 if int(s.lineno) >= min(right_nos) else 0
        elif s.lineno and left_nos and int(s.lineno) <= max(left_nos):
            side = 0
        if side is None and layout and right_starts and left_starts and max(left_starts) + 2 < min(right_starts) - 2:
            if s.start >= min(right_starts) - 2:
                side = 1
            elif s.start <= max(left_starts) + 2:
                side = 0
        if side is None and s.amounts:  # more amounts than one side ever prints
            widest = [max((len(x.sides[k].amounts) for x in rows if x.lone is None), default=0) for k in (0, 1)]
            if widest[0] < len(s.amounts) <= widest[1]:
                side = 1
            elif widest[1] < len(s.amounts) <= widest[0]:
                side = 0
        if side is None:
            v = _ordinal_value(s.label)
            fits = [k for k in (0, 1) if v and v == last_ord[k] + 1]
            if len(fits) == 1:
                side = fits[0]
        if side is None:
            side = _side_by_words(s.label)
        if side is None:
            side = 0
            r.side_doubt = True
        v = _ordinal_value(s.label)
        if v:
            last_ord[side] = v
        r.sides[side] = s
        r.lone = None


def _side_by_words(label: str) -> Optional[int]:
    """A lone label's side by its words: a subject the catalogue names is an expenditure (1, even
    `…专项债务收入安排的支出`); else income words (0) or expenditure words (1), when only one kind is
    there; None when the words do not tell."""
    if codes_named(label):
        return 1
    left, right = bool(_LEFT_WORDS.search(label)), bool(_RIGHT_WORDS.search(label))
    return (0 if left else 1) if left != right else None


def _collect(lines: Sequence[NLine], j: int, lanci: bool, header_keys: set[str],
             own: frozenset = frozenset()) -> tuple[list[_Line], int]:
    rows: list[_Line] = []
    pending: list[NLine] = []
    above: Optional[NLine] = None  # a line of amounts waiting for the labels printed under it
    broke = False  # a page break (running header, repeated header) was just passed
    break_at = -1  # how many rows there were at the last page break
    bare_keys = {"".join(k.split()) for k in header_keys}
    n = len(lines)
    while j < n:
        ln = lines[j]
        t = ln.text
        if "\t" in t or "|" in t or len(t) > 300:
            break
        if repeated_header(ln, header_keys) or (furniture(lines, ln) and not _data_line(ln)):
            j += 1  # the header again on a new page, a running header (`某某局 2026 年度单位预算公开`)
            broke = True
            if t.strip() and not _all_amounts(ln):
                break_at = len(rows)
            continue
        if broke and "".join(t.split()) in bare_keys:
            j += 1  # after a page break, the header's short lines (`行次`, `项 目`) printed again
            continue
        if rows and not pending and title_like(ln):
            turn = page_turn(lines, j, own, header_keys,
                             lambda k: not ends_table(lines[k]) and _parse(lines[k], lanci) is not None)
            if turn is not None:
                j, broke = turn, True  # the table goes on under its title and header printed again
                break_at = len(rows)
                continue
        broke = False
        row = _parse(ln, lanci) if not ends_table(ln) else None
        if row is not None and row.lone is not None and lanci:
            _split_lone(row, rows)
        numbers = row is not None and (any(s.amounts or s.lineno for s in row.sides) or (
            row.lone is not None and (row.lone.amounts or row.lone.lineno)))
        if row is not None and pending and row.lone is not None and row.lone.label and (numbers or not lanci):
            # the other side's label printed around this line: sides by their words
            piece = "".join(p.text.strip() for p in pending)
            other = _Side(label=piece, label_lines=list(pending), from_before=True)
            lone_right = bool(_RIGHT_WORDS.search(row.lone.label)) and not _RIGHT_WORDS.search(piece)
            lone_left = bool(_LEFT_WORDS.search(row.lone.label)) and not _LEFT_WORDS.search(piece)
            if lone_right == lone_left:
                break
            row.sides = [other, row.lone] if lone_right else [row.lone, other]
            row.lone = None
            rows.append(row)
            pending = []
            j += 1
            continue
        continues = bool(rows) and any(x is not None and x.from_before and len(x.label_lines) == 1
                                       for x in rows[-1].sides + [rows[-1].lone]) and name_piece(ln)
        if row is not None and not numbers and not lanci and not pending and not continues and (
                _row_labels(row) or _ordinal_before_row(row, lines, j)):
            rows.append(row)  # a row whose amounts are printed on the next line, or blank
            j += 1
            continue
        if row is None and pending and _all_amounts(ln):
            # `四、灾害防治及应急管理支` / `120.31 120.31` / `出`: a label around its amounts
            lone = _Side(label="".join(p.text.strip() for p in pending), label_lines=list(pending), from_before=True)
            lone.lineno, lone.amounts = _split_numbers([Amount(a, b, c) for a, b, c in tokens(t)], lanci)
            rows.append(_Line(ln, [_Side(), _Side()], lone=lone, apart=True))
            pending = []
            j += 1
            continue
        if row is None and not lanci and rows and _amounts_fit(ln, rows[-1], _right_start(rows)):
            # amounts after a page break that no row followed: pdftotext's order may have moved them
            # there from a row above (a label's own amounts are printed on its page)
            rows[-1].break_doubt = rows[-1].break_doubt or break_at == len(rows) or _lines_removed(
                lines, j, rows[-1].line.no)
            rows[-1].apart = True
            j += 1
            continue
        if row is None and not lanci and above is None and _all_amounts(ln):
            above = ln  # amounts printed above their labels: the next row's, if they fit it
            j += 1
            continue
        if above is not None:
            if row is None or numbers or not _amounts_fit(above, row, _right_start(rows)):
                j -= 1  # the amounts belong to no row: the table ends before them
                break
            above = None
            row.apart = True
        if row is not None and numbers:
            if pending:
                # a label printed around its row's line: the piece before fills the blank label
                piece = "".join(p.text.strip() for p in pending)
                blank = [s for s in row.sides if not s.label and (s.lineno or s.amounts)]
                if len(blank) == 2:  # which side's label: the ordinal that follows, else the words
                    v = _ordinal_value(piece)
                    fits = [k for k, last_v in enumerate(_last_ordinals(rows)) if v and v == last_v + 1]
                    left_ended = bool(rows) and not rows[-1].sides[0].label and bool(rows[-1].sides[1].label)
                    side = fits[0] if len(fits) == 1 else (1 if _RIGHT_WORDS.search(piece) or left_ended else 0)
                    blank = [row.sides[side]]
                slot = blank[0] if blank else None
                if slot is None:
                    break
                slot.label = "".join(p.text.strip() for p in pending)
                slot.label_lines = list(pending)
                slot.from_before = True
                pending = []
            rows.append(row)
            j += 1
            continue
        if furniture(lines, ln) or repeated_header(ln, header_keys):
            j += 1
            continue
        if name_piece(ln) and not ends_table(ln) and rows:
            last = rows[-1]
            before = next((s for s in last.sides + [last.lone] if s is not None and s.from_before), None)
            nxt = next((x for x in range(j + 1, min(j + 3, n)) if lines[x].text.strip()), None)
            nxt_row = _parse(lines[nxt], lanci) if nxt is not None and len(lines[nxt].text) <= 300 else None
            blank_next = (nxt_row is not None and (_blank_label(nxt_row) or nxt_row.lone is not None)) or (
                nxt is not None and _all_amounts(lines[nxt]))
            if before is not None and len(before.label_lines) == 1 and not pending:
                before.label += t.strip()
                before.label_lines.append(ln)
                j += 1
                continue
            piece = t.strip()
            follow = lines[nxt].text.strip() if nxt is not None else ""
            if (not lanci and not pending and ORDINAL.match(piece) and not _complete(piece) and follow
                    and name_piece(lines[nxt]) and not ORDINAL.match(follow) and _complete(piece + follow)):
                # a blank row whose label runs over two lines (`七、文化旅游体育与传媒支` / `出`)
                lone = _Side(label=piece + follow, label_lines=[ln, lines[nxt]], start=len(t) - len(t.lstrip()))
                rows.append(_Line(ln, [_Side(), _Side()], lone=lone))
                j = nxt + 1
                continue
            head = None if nxt_row is None else nxt_row.lone if nxt_row.lone is not None else nxt_row.sides[0]
            if (not pending and head is not None and head.label and not ORDINAL.match(head.label)
                    and not _TOTAL.match("".join(head.label.split())) and (
                        (ORDINAL.match(piece) and not _complete(piece) and _complete(piece + head.label))
                        or (not ORDINAL.match(piece) and not codes_named(piece) and not codes_named(head.label)
                            and codes_named(piece + head.label)))):
                # `二、政府性基金预算财政拨` / `款 2 二、外交支出 34`: the label's end opens the row below;
                # a subject's name so broken (`其他政府性基金及对应专项债务收入安排` / `的支出 10,493.00`)
                # when the catalogue names the whole and neither piece
                head.label = piece + head.label
                head.label_lines = [ln] + (head.label_lines or [lines[nxt]])
                head.from_before = True
                if nxt_row.lone is head:  # a label alone on its row: its side by its words
                    side = _side_by_words(head.label)
                    nxt_row.sides = [_Side(), head] if side == 1 else [head, _Side()]
                    nxt_row.side_doubt = nxt_row.side_doubt or side is None
                    nxt_row.lone = None
                rows.append(nxt_row)
                j = nxt + 1
                continue
            if blank_next and not pending:
                pending.append(ln)
                j += 1
                continue
            target = last.lone or (last.sides[1] if last.sides[1].label else last.sides[0])
            if target.label and not _complete(target.label) and not pending:
                target.label += t.strip()
                target.label_lines.append(ln)
                j += 1
                continue
        break
    if pending:
        j -= len(pending)
    if above is not None and j > 0 and lines[j - 1] is above:
        j -= 1
    return rows, j


def _all_amounts(line: NLine) -> bool:
    toks = tokens(line.text)
    return bool(toks) and len(line.text) <= 300 and all(is_amount(t) for t, _, _ in toks)


def _row_labels(row: _Line) -> bool:
    """Every label of the line reads like a row label (an ordinal, or 收入 / 支出 / 合计 … words)."""
    labels = [s.label for s in row.sides + [row.lone] if s is not None and s.label]
    return bool(labels) and all((ORDINAL.match(x) or _SIDE_WORD.search(x)) and _complete(x) for x in labels)


def _ordinal_before_row(row: _Line, lines: Sequence[NLine], j: int) -> bool:
    """`3、国有资本经营预算` alone, the next line opening a row of its own (an ordinal or a 总计 /
    合计 label): a blank row whose label is whole although it ends in no 收入 / 支出 word."""
    labels = [s.label for s in row.sides + [row.lone] if s is not None and s.label]
    if len(labels) != 1 or not ORDINAL.match(labels[0]):
        return False
    nxt = next((ln.text.split() for ln in lines[j + 1:j + 3] if ln.text.strip()), None)
    if not nxt:
        return False
    if _TOTAL.match(nxt[0]):
        return True
    if not ORDINAL.match(nxt[0]):
        return False
    # `2、…` then `3、…`, or `3、…` then `二、…`: the list goes on. `二、…财政拨` then `二、外交支出` is
    # the other side's row: the label may be broken there
    mine, theirs = _arabic_ordinal(labels[0]), _arabic_ordinal(nxt[0])
    if (mine is None) != (theirs is None):
        return True
    if mine is None:
        mine, theirs = _ordinal_value(labels[0]), _ordinal_value(nxt[0])
    return mine is not None and theirs == mine + 1


def _arabic_ordinal(label: str) -> Optional[int]:
    m = re.match(r"^\s*(\d{1,2})\s*[、.．]", label)
    return int(m.group(1)) if m else None


def _right_start(rows: list[_Line]) -> Optional[int]:
    """Where the right side's labels start in `-layout` text (from the rows with both labels)."""
    starts = sorted(r.sides[1].start for r in rows if r.lone is None and r.sides[0].label and r.sides[1].label)
    return starts[len(starts) // 2] if starts else None


def _amounts_fit(line: NLine, row: _Line, right_start: Optional[int]) -> bool:
    """Amounts printed on a line of their own take the labels of `row` (the row above them, or the
    one below): in order, one per labelled side; in `-layout` text each amount's side is where it
    stands (left of the right side's labels or not), and a side without a label takes none. One
    amount under two labels without positions is marked in doubt."""
    toks = tokens(line.text)
    if not toks or not all(is_amount(t) for t, _, _ in toks):
        return False
    amounts = [Amount(t, a, b) for t, a, b in toks]
    layout = right_start is not None and "   " in line.text
    left, right = row.sides
    if not layout and row.lone is None and left.label and right.label and left.amounts and not right.amounts \
            and not left.lineno and not right.lineno:
        # `一、一般公共预算财政拨款 2,940.05 一、一般公共服务支出` / `2,106.66 2,106.66`: the income side
        # printed its amount on the row's line, the expenditure side's (a taller cell) come below it
        right.amounts = amounts
        return True
    if not layout and row.lone is None and left.label and right.label and not left.lineno and not right.lineno \
            and not row.spill and ((left.amounts and right.amounts) or (not left.amounts and not right.amounts
                                                                         and len(amounts) > 2)):
        row.spill = amounts  # both sides' amounts below the row: dealt once the columns are known
        return True
    if any(s.amounts or s.lineno for s in row.sides) or (row.lone is not None and row.lone.amounts):
        return False
    if layout:
        by_side: list[list[Amount]] = [[], []]
        for x in amounts:
            by_side[0 if x.end < right_start else 1].append(x)
        if row.lone is not None:
            side = 0 if row.lone.start < right_start else 1
            if by_side[1 - side] or not by_side[side]:
                return False
            row.lone.amounts = by_side[side]
            return True
        if any(by_side[k] and not row.sides[k].label for k in (0, 1)):
            return False
        row.sides[0].amounts, row.sides[1].amounts = by_side
        return True
    if row.lone is not None:
        row.lone.amounts = amounts
        return True
    left, right = row.sides
    if len(amounts) == 2 and left.label and right.label:
        left.amounts, right.amounts = amounts[:1], amounts[1:]
    elif len(amounts) == 1 and left.label and right.label:
        left.amounts = amounts
        row.side_doubt = True
    else:
        return False
    return True


def _lines_removed(lines: Sequence[NLine], j: int, since: Optional[int]) -> bool:
    """Lines were taken out between line number `since` and lines[j] (normalize removed a page's
    running header or number there: a page break)."""
    k = j
    while k > 0 and since is not None and lines[k - 1].no is not None and lines[k].no is not None and (
            lines[k - 1].no >= since):
        if lines[k].no - lines[k - 1].no > 1:
            return True
        k -= 1
    return False


def _blank_label(row: _Line) -> bool:
    return any(not s.label and (s.lineno or s.amounts) for s in row.sides)


_TOTAL = re.compile(r"(?:本年)?(?:收入|支出)?(?:合计|总计)$")  # a row of its own, never a label's end
_COMPLETE = re.compile(r"(?:收入|支出|拨款|预算|合计|总计|结余|结转|结转下年|分配|资金|）|\))$")


def _complete(label: str) -> bool:
    return bool(_COMPLETE.search(label))


def _lanci_widths(header: list[NLine]) -> Optional[tuple[int, int]]:
    """Amount columns per side from the 栏次 line (`栏 次 1 栏 次 2 3 4 5` -> 1, 4)."""
    for ln in header:
        words = [t for t, _, _ in tokens(ln.text)]
        marks = [k for k, w in enumerate(words) if w.startswith("栏")]
        if len(marks) >= 2 and words[0].startswith("栏"):
            count = [0, 0]
            for k, w in enumerate(words):
                if w.isdigit():
                    count[0 if k < marks[-1] else 1] += 1
            if all(count):
                return count[0], count[1]
    return None


def _side_columns(header_text: str, n_left: int, n_right: int) -> tuple[Optional[tuple[str, ...]], Optional[tuple[str, ...]]]:
    # the widths the rows show, else the narrowest wider standard set the header names (blank
    # cells are absent, so a side may print fewer amounts than it has columns)
    pairs = [(a, b) for a in SIDE_COLUMNS for b in SIDE_COLUMNS if len(a) >= n_left and len(b) >= n_right]
    pairs.sort(key=lambda p: (len(p[0]) - n_left, len(p[1]) - n_right))
    for left, right in pairs:
        if covers(header_text, left + right):
            return left, right
    return None, None


_BOX_DOUBT = ("row uncertain: the text prints the table's income labels as a block, not row by row (a "
              "converter's box order), so an amount on a line of its own may belong to a label above")


def _one_side_per_line(rows: list[_Line]) -> bool:
    """No line holds both sides' labels, and three lines at least hold a label alone (before the
    lone labels are given their sides)."""
    both = any(r.lone is None and r.sides[0].label and r.sides[1].label for r in rows)
    return not both and sum(1 for r in rows if r.lone is not None) >= 3


def _income_in_a_block(rows: list[_Line], before: Sequence[NLine]) -> bool:
    """The income side's labels printed as a block, three at least one after another with no
    expenditure label between (pdfminer.six's box order: the income column, then the expenditure
    column), not alternating with the expenditure labels row by row (plain pdftotext's order, whose
    amounts follow their own row). A label is the income side's by its words (收入, 拨款, 年初 …, and
    no 支出 word; 一般公共预算资金 too). Amounts on lines of their own then follow whichever label the converter ordered
    before them: in real reports such an amount stands two rows below its own label
    (四、公共安全支出 / 五、教育支出 / 六、科学技术支出 / 7927.40). The income labels may stand before
    the first row read (`before`: the lines between the header and it)."""
    run = longest = 0
    printed = [[ln.text.strip()] for ln in before if ln.text.strip() and not _all_amounts(ln)]
    for labels in printed + [[s.label for s in r.sides + [r.lone] if s is not None and s.label] for r in rows]:
        if not labels:
            continue
        income = all(_INCOME_WORDS.search(x) and not _RIGHT_WORDS.search(x) for x in labels)
        run = run + 1 if income else 0
        longest = max(longest, run)
    return longest >= 3


def _cell_stream(region: Sequence[NLine]) -> bool:
    """The table's lines are cells one per line (a few run together, `414883.38 一般公共服务支出`:
    PyMuPDF), not rows: a quarter of them or more hold a lone amount (three at least). Rows cut from
    such lines join one row's label to another's amount; sides_stream.py reads them, or no reader does."""
    texts = [ln.text.strip() for ln in region if ln.text.strip()]
    lone = sum(1 for t in texts if is_amount(t))
    return lone >= 3 and 4 * lone >= len(texts)


def read_sides(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    first = first_row(lines, i)
    if first is None:
        return None, i + 1
    head = Header(lines, i, first)
    header, header_text = head.lines, head.text
    lanci = "行次" in header_text
    rows, end = _collect(lines, first, lanci, head.keys, title_keys(lines, i))
    if len(rows) < 2 or _cell_stream(lines[first:end]):
        return None, i + 1
    layout = sum(1 for r in rows if "   " in r.line.text.strip()) >= max(1, len(rows) // 2)
    boxes = _one_side_per_line(rows) and _income_in_a_block(rows, lines[i:first])
    _place_lone(rows, layout)
    widths = [max([len(r.sides[k].amounts) for r in rows] + [1]) for k in (0, 1)]
    printed = _lanci_widths(header)
    if printed is not None and all(p >= w for p, w in zip(printed, widths)):
        widths = list(printed)
    labels = _side_columns(header_text, *widths)
    widths = [len(labels[k]) if labels[k] is not None else widths[k] for k in (0, 1)]
    unplaced = _deal_spills(rows, labels)
    side_cols: list[list[str]] = []
    guessed = [False, False]
    for k in (0, 1):
        if labels[k] is not None:
            side_cols.append(list(labels[k]))
        else:
            side_cols.append([f"列{c + 1}" for c in range(widths[k])])
            guessed[k] = widths[k] > 1
    placed = [_place_side([r.sides[k] for r in rows], widths[k], side_cols[k][0] in ("合计", "小计", "总计")) for k in (0, 1)]
    at = lines[i]
    top: list[Cell] = []
    names: list[Cell] = []
    for k, word in enumerate(("收入", "支出")):
        cols = ["项目"] + (["行次"] if lanci else []) + side_cols[k]
        top += [text_cell(at, word)] + [text_cell(at, "") for _ in cols[1:]]
        names += [text_cell(at, c) for c in cols]
    grid = [top, names]
    for r, p0, p1 in zip(rows, placed[0], placed[1]):
        cells: list[Cell] = []
        for k, (side, p) in enumerate(((r.sides[0], p0), (r.sides[1], p1))):
            ln = side.label_lines[0] if side.label_lines else r.line
            cells.append(Cell(text=side.label, orig=side.label, line=ln.no, page=ln.page,
                              joined=len(side.label_lines) > 1))
            if lanci:
                cells.append(text_cell(r.line, side.lineno or ""))
            values = [text_cell(r.line, "") for _ in range(widths[k])]
            for a_i, (a, c) in enumerate(zip(side.amounts, p.cols or ())):
                doubt = None
                if _two_labels(side.label):
                    doubt = "label uncertain: it holds a second item number, two rows' labels may have run together"
                elif r.break_doubt:
                    doubt = ("row uncertain: the amount is printed after a page break, away from the label "
                             "above it (the reading order may have moved it from another row)")
                elif r.side_doubt:
                    doubt = "side uncertain: a label printed alone on its line, nothing says whether it is income or expenditure"
                elif boxes and r.apart:
                    doubt = _BOX_DOUBT
                elif a_i in p.unsure:
                    doubt = p.doubt
                elif guessed[k]:
                    doubt = "column uncertain: the header names none of the standard columns of this side"
                values[c] = amount_cell(r.line, a.text, doubt)
            if id(r) in unplaced:
                for v in values:
                    if not v.text:
                        v.repairs = [Repair(kind=UNPLACED, status="doubt", note=_SPILL_NOTE + unplaced[id(r)])]
            cells += values
        grid.append(cells)
    last = max((ln for r in rows for s in r.sides for ln in s.label_lines), key=lambda x: x.no, default=rows[-1].line)
    last_line = max(last.no, rows[-1].line.no)
    return with_report(GridBlock(rows=grid, first_line=lines[i].no, last_line=last_line, method="spaced")), end


# an item number inside a label (政府性基金预算三、国有资本经营预算): two rows' labels run together
# (after a character that is no numeral: 十一、 and 二十三、 are one item number)
_INNER_ORDINAL = re.compile(r"(?<=\p{Han})(?<![一二三四五六七八九十])(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）)")


_SPILL_NOTE = "amounts printed below the row, both sides' together, that the columns do not deal to one side: "


def _deal_spills(rows: list[_Line], labels) -> dict[int, str]:
    """Deal each row's amounts printed below it to its sides (sides_spill.py); the rows left
    undealt (id -> the amounts as printed), their amounts out."""
    left_out: dict[int, str] = {}
    for r in rows:
        if not r.spill:
            continue
        got = None
        if labels[0] is not None and labels[1] is not None:
            summed = tuple(labels[k][0] in ("合计", "小计", "总计") and len(labels[k]) > 1 for k in (0, 1))
            got = deal((r.sides[0].amounts, r.sides[1].amounts), r.spill, (len(labels[0]), len(labels[1])), summed)
        if got is None:
            left_out[id(r)] = " ".join(a.text for a in r.spill)
        else:
            r.sides[0].amounts = r.sides[0].amounts + got[0]
            r.sides[1].amounts = r.sides[1].amounts + got[1]
        r.spill = []
    return left_out


def _two_labels(label: str) -> bool:
    return bool(_INNER_ORDINAL.search(label))


def _place_side(sides: list[_Side], n: int, first_is_total: bool) -> list[RowAmounts]:
    placed = [RowAmounts(code=None, total=bool(_TOTAL.search(s.label)), amounts=s.amounts) for s in sides]
    place_rows(placed, n, first_is_total, layout=False, parts_of_total=_parts_of_total(sides))
    return placed


def _parts_of_total(sides: list[_Side]) -> bool:
    """The side's numbered items (一、二、…) are the parts of its 总计: they are all its labelled rows
    but the 总计 after them (no 本年…合计, sub-item or carry-over item between; a unit's 财务收支预算总表),
    so the 总计 row's columns place the amounts of a row printing fewer than the side has."""
    labels = [s.label for s in sides if s.label]
    return (len(labels) >= 2 and bool(_GRAND.search(labels[-1]))
            and all(_ordinal_value(x) is not None for x in labels[:-1]))


_GRAND = re.compile(r"^(?:收入|支出)?总计$")
