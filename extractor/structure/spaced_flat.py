"""公开09表 and budget 三公 tables printed by PDF text extractors: a header tree of several lines, then
one line of amounts (`60.26 0 34.08 0 34.08 26.18 55.07 0 33.57 0 33.57 21.5`).

What it does: after such a table's title, finds the line of amounts (a 栏次 line of numbers 1 2 3 …
before it is skipped) and makes a GridBlock of the shape tables.py reads for `flat_values`: the
standard header tree of the 三公 table whose column count matches the amounts and whose labels the
printed header's characters cover (header words broken over lines are common), then the row of
amounts. Without a matching standard header, columns are named 列N and every amount carries an
unconfirmed `layout.column_guess` repair (to review); so does every amount of a line that prints
fewer amounts than the header has columns (a blank cell absent: nothing says which).
The same table printed as a list (budget 三公 tables of some provinces: `项目 预算数` over `合计
430.87` / `1、因公出国（境）费用 0.00` / … / `其中：（1）公务用车购置费 200.00`) is read as its printed grid:
the two header words, then one row per line, its label and its one amount (`list_start`), from a
合计 row on while the lines print a label and one amount each.
What it does not: read subject rows (spaced_rows), side-by-side blocks (spaced_sides) or groups
(spaced_groups); tables with more than one row of amounts per line.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional, Sequence

import regex as re

from ..evidence.numbers import CENT_PER_PART
from ..datamodel import Cell, GridBlock, NLine
from .spaced_text import covers
from .spaced_text import SENTENCE, amount_cell, is_amount, text_cell, tokens
from .text_tables import with_report

_HAN = re.compile(r"\p{Han}")
_LOOKAHEAD = 24  # header lines (pypdf prints broken header words on lines of their own)
_CENT = CENT_PER_PART  # per added part (evidence/numbers.py)
_CAR_LONG = ("公务用车购置及运行维护费", ("小计", "公务用车购置费", "公务用车运行维护费"))
_CAR_SHORT = ("公务用车购置及运行费", ("小计", "购置费", "运行费"))


def _three_public(car: tuple[str, tuple[str, ...]]) -> list[tuple[str, tuple[str, ...]]]:
    """The 三公 columns: (label, sub-labels) in printed order."""
    return [("合计", ()), ("因公出国（境）费", ()), car, ("公务接待费", ())]


def _car_before_reception(car: tuple[str, tuple[str, ...]]) -> list[tuple[str, tuple[str, ...]]]:
    """The 三公 columns with 公务接待费 printed before the car costs (Shanghai's budget tables)."""
    return [("合计", ()), ("因公出国（境）费", ()), ("公务接待费", ()), car]


# (top labels over repeated blocks, block columns, columns after the blocks: their own label each)
STANDARD: list[tuple[tuple[str, ...], list[tuple[str, tuple[str, ...]]], tuple[str, ...]]] = [
    (("预算数", "决算数"), _three_public(_CAR_LONG), ()),
    (("预算数", "决算数"), _three_public(_CAR_SHORT), ()),
    ((), _three_public(_CAR_LONG), ()),
    ((), _three_public(_CAR_SHORT), ()),
    # 三公经费和机关运行经费预算表: “三公”经费预算数 over the 三公 columns, then 机关运行经费预算数
    (("“三公”经费预算数",), _car_before_reception(_CAR_SHORT), ("机关运行经费预算数",)),
    (("“三公”经费预算数",), _car_before_reception(_CAR_LONG), ("机关运行经费预算数",)),
    # “三公”经费、会议费、培训费支出表 (Jiangsu's budgets): the 三公 columns, then 会议费 and 培训费
    ((), _three_public(_CAR_LONG), ("会议费", "培训费")),
    ((), _three_public(_CAR_SHORT), ("会议费", "培训费")),
]
_NOT_COUNTED = str.maketrans("", "", "（）()“”\"\"")  # brackets and quotes print half- or full-width


def sums_hold(values: Sequence[Decimal]) -> bool:
    """The 三公 identities of a row under one of the standard headers (STANDARD) as wide as the row:
    合计 = 出国 + 小计 + 接待 and 小计 = 购置 + 运行 in each block, whichever order the header prints
    the block's columns in (公务接待费 before the car costs in Shanghai's budget tables); a column
    after the blocks (机关运行经费预算数, 会议费, 培训费) enters no identity."""
    return any(_block_sums_hold(values, block, max(1, len(tops)), len(tail))
               for tops, block, tail in STANDARD)


def _block_sums_hold(values: Sequence[Decimal], block: list[tuple[str, tuple[str, ...]]], copies: int,
                     tail: int) -> bool:
    width = _width(block)
    if not values or len(values) != width * copies + tail:
        return False
    for b in range(0, width * copies, width):
        row = values[b:b + width]
        tops: list[Decimal] = []  # the block's columns under no other but its 合计 (a 小计 for its parts)
        at = 0
        for _, subs in block:
            tops.append(row[at])
            if subs:
                if abs(row[at] - sum(row[at + 1:at + len(subs)], Decimal(0))) > _CENT:
                    return False
            at += max(1, len(subs))
        if abs(tops[0] - sum(tops[1:], Decimal(0))) > _CENT * 2:
            return False
    return True


def _width(block: list[tuple[str, tuple[str, ...]]]) -> int:
    return sum(max(1, len(subs)) for _, subs in block)


def _lanci(words: list[str]) -> bool:
    return len(words) >= 2 and all(w.isdigit() for w in words) and [int(w) for w in words] == list(
        range(1, len(words) + 1))


def _amount_line(line: NLine) -> Optional[list[str]]:
    t = line.text
    if "\t" in t or "|" in t or len(t) > 300 or SENTENCE.search(t):
        return None
    words = [w for w, _, _ in tokens(t)]
    if len(words) >= 2 and all(is_amount(w) for w in words) and not _lanci(words):
        return words
    return None


_LIST_HEAD = re.compile(r"^(?:项目|项目名称)$")
_LIST_AMOUNT = re.compile(r"^(?:预算数|决算数|金额|预算金额)$")
_LIST_TOTAL = re.compile(r"^(?:合计|总计)$")
_LIST_PROSE = re.compile(r"[，。；]")
_MIN_LIST_ROWS = 3


def _list_row(line: NLine) -> Optional[tuple[str, str]]:
    """`label amount`: words (Chinese, perhaps an item number and the header's `其中：`) and one amount."""
    words = [w for w, _, _ in tokens(line.text)]
    if len(words) < 2 or not is_amount(words[-1]) or any(is_amount(w) for w in words[:-1]):
        return None
    label = "".join(words[:-1])
    rest = label.replace("其中：", "").replace("其中:", "")
    if _LIST_PROSE.search(rest) or ":" in rest or "：" in rest or not _HAN.search(label):
        return None
    return label, words[-1]


def list_header(words: Sequence[str]) -> bool:
    """`项目 预算数`: the header of a 三公 table printed as a list."""
    return len(words) == 2 and bool(_LIST_HEAD.match(words[0]) and _LIST_AMOUNT.match(words[1]))


def list_total(word: str) -> bool:
    return bool(_LIST_TOTAL.match(word))


def list_start(lines: Sequence[NLine], i: int) -> Optional[int]:
    """The index of the list's first row when the table is printed as a list: its header the two
    words `项目 预算数` (on one line or two), then a 合计 row of one amount."""
    words: list[str] = []
    for j in range(i, min(i + 4, len(lines))):
        t = lines[j].text.strip()
        if not t:
            continue
        row = _list_row(lines[j])
        if row is not None:
            return j if list_header(words) and list_total(row[0]) else None
        words += t.split()
        if len(words) > 2:
            return None
    return None


def _read_list(lines: Sequence[NLine], i: int, first: int) -> tuple[Optional[GridBlock], int]:
    at = lines[i]
    head = [w for ln in lines[i:first] for w in ln.text.split()]
    grid: list[list[Cell]] = [[text_cell(at, w) for w in head]]
    j, last = first, first
    while j < len(lines):
        if not lines[j].text.strip():
            j += 1
            continue
        row = _list_row(lines[j])
        if row is None:
            break
        grid.append([text_cell(lines[j], row[0]), amount_cell(lines[j], row[1], None)])
        last = j
        j += 1
    if len(grid) - 1 < _MIN_LIST_ROWS:
        return None, i + 1
    return with_report(GridBlock(rows=grid, first_line=at.no, last_line=lines[last].no, method="spaced")), last + 1


def first_row(lines: Sequence[NLine], i: int) -> Optional[int]:
    listed = list_start(lines, i)
    if listed is not None:
        return listed
    for j in range(i, min(i + _LOOKAHEAD, len(lines))):
        if SENTENCE.search(lines[j].text):
            return None
        if _amount_line(lines[j]) is not None:
            return j
    return None


def _header(header_text: str, n: int) -> Optional[list[list[str]]]:
    """The standard header rows (full width, '' under a spanning label) for n columns, if any fits."""
    for tops, block, tail in STANDARD:
        copies = max(1, len(tops))
        if _width(block) * copies + len(tail) != n:
            continue
        printed = [word for lab, subs in block for word in (lab, *subs)]
        if not covers(header_text, list(tops) + printed * copies + list(tail), _NOT_COUNTED):
            continue
        rows: list[list[str]] = []
        width = _width(block)
        if tops:
            rows.append([c for top in tops for c in [top] + [""] * (width - 1)] + list(tail))
        mid: list[str] = []
        low: list[str] = []
        for lab, subs in block:
            mid += [lab] + [""] * (max(1, len(subs)) - 1)
            low += list(subs) if subs else [""]
        # a column after the blocks spans the header's rows: its label in the top row printed
        rows += [mid * copies + ([""] * len(tail) if tops else list(tail)), low * copies + [""] * len(tail)]
        return rows
    return None


def read_flat(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    listed = list_start(lines, i)
    if listed is not None:
        return _read_list(lines, i, listed)
    first = first_row(lines, i)
    if first is None:
        return None, i + 1
    header = [ln for ln in lines[i:first] if ln.text.strip() and not _lanci([w for w, _, _ in tokens(ln.text)])]
    header_text = "".join("".join(ln.text.split()) for ln in header)
    words = _amount_line(lines[first]) or []
    lanci_line = next((ln for ln in lines[i:first] if _lanci([w for w, _, _ in tokens(ln.text)])), None)
    n = max(len(words), len(tokens(lanci_line.text)) if lanci_line else 0)
    rows = _header(header_text, n)
    doubt = None
    if rows is None:
        rows = [[f"列{c + 1}" for c in range(n)]]
        if n > 1:
            doubt = "column uncertain: the header matches none of the standard 三公 headers"
    if len(words) < n:
        doubt = "column uncertain: the line prints fewer amounts than the table has columns"
    at = lines[i]
    line = lines[first]
    grid: list[list[Cell]] = [[text_cell(at, c) for c in r] for r in rows]
    values = [amount_cell(line, w, doubt) for w in words] + [text_cell(line, "") for _ in range(n - len(words))]
    grid.append(values)
    return with_report(GridBlock(rows=grid, first_line=lines[i].no, last_line=line.no, method="spaced")), first + 1
