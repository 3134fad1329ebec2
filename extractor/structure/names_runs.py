"""Reader `names-runs`: a subject table printing names only (no codes), its names as blocks and its
amounts as runs in row order.

What it does: budget tables whose subject column prints names only (a header naming 功能分类科目名称 or
经济分类科目名称 and no 编码 column; Hangzhou's 市级部门 支出总表 / 一般公共预算支出表 / 基本支出表) come
out of pdftotext without `-layout` as the subject names in row order, in blocks, and the amounts in
row order, blank cells absent, the names' blocks put between the amount runs anywhere.
- The rows are the names in order, from the first word the catalogue gives a code to the first word
  that is neither such a name nor an amount (a header's piece printed after the rows, a wrapped name,
  a note: the rows end there). The 合计 row's amounts stand before the first name (its label among
  them) and are not read.
- The amounts after the first name are cut into runs, one a name, each run a row of the table's
  template: its first amount the sum of the parts after it, a part perhaps followed by its own parts
  (合计 = 小计 + 项目, 小计 = 人员 + 公用), at most as many amounts as the header numbers columns.
- The rows are read group by group (a 类 and the names up to the next name that can be a 类). A
  group's cut is taken only where it is the only one (cuts compared by their amounts) that the
  names' hierarchy confirms: each name gets a code the catalogue gives it (类 / 款 / 项), the codes in
  the order of a subject tree (a row's code is a 类 or a child of a code above it; siblings in code
  order, as tables print them: a name moved out of its place in the block breaks it, where sums
  alone would not tell siblings apart), and every row with children totals their totals (to a unit
  of the last printed decimal a child). A lone 类 (nothing confirms it) is not read.
- A group with no such cut right after the group before it (its amounts printed elsewhere: a part
  floated away, a number broken over two lines) is not read; the next group is then looked for among
  all the amounts after the last group read, and taken only where one place and one cut hold and a
  row of it has two children or more (a chain of equal amounts, 18.00 18.00 …, fits anywhere).
The first amount of a run (the row's total) is read as printed; the parts after it go to review
(`layout.column_guess`: blank cells are absent and the run does not tell their columns). The grid is
`科目名称`, the header's total word, then 列2… for the parts.
What it does not: read the 合计 row, tables with codes (own_runs.py, row_stream.py), a group whose
names or amounts leave row order, or pdfminer.six's column-wise order (each column's amounts in a
run of their own). It reads before row-stream, which takes such a stream but cannot place its rows.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional, Sequence

import regex as re

from ..catalog import codes_named
from ..datamodel import GridBlock, NLine
from ..evidence.numbers import parse_amount
from .own_runs import parts_add_up
from .row_stream import Token, is_cell_stream, stream_region, template_shape
from .spaced_text import AMOUNT, after_title, amount_cell, cell_line, text_cell
from .text_tables import LastRead, text_reader, with_report

_MIN_ROWS = 3  # rows read, at least, for the table to be taken
_MAX_CUTS = 64  # cuts of a group enumerated before it is declined as too ambiguous
_HAN = re.compile(r"\p{Han}")
_NAMES_HEADER = re.compile(r"^(功能|经济)分类科目名称$")
_CODE_WORD = re.compile(r"编码|代码|科目编号")
_TOTAL_WORD = re.compile(r"^(?:合计|总计)$")
_COLUMN_NO = re.compile(r"^[1-9]\d?$")
_PART_DOUBT = ("column uncertain: the converter printed the names apart from their amounts, blank "
               "cells absent; the part's column is not known (its total is the row's first amount)")


def _amount(word: str) -> Optional[Decimal]:
    if not AMOUNT.match(word):
        return None
    return parse_amount(word)[0]


def _places(word: str) -> int:
    return len(word.split(".", 1)[1]) if "." in word else 0


def _unit(words: Sequence[str]) -> Decimal:
    return Decimal(1).scaleb(-min(_places(w) for w in words)) if words else Decimal(0)


def _run_ok(words: Sequence[str]) -> bool:
    """A run is one row of the template: two or more amounts, the first the sum of the parts after it."""
    if len(words) < 2:
        return False
    values = [_amount(w) for w in words]
    return parts_add_up(values, 1, values[0], _unit(words))


def _group_cuts(words: list[str], j: int, n: int, width: int) -> Optional[list[list[tuple[int, int]]]]:
    """Every cut of the words from j on into n runs (each as (start, end)), the rest left; None when
    there are more than _MAX_CUTS."""
    found: list[list[tuple[int, int]]] = []

    def walk(at: int, runs: list[tuple[int, int]]) -> None:
        if len(found) > _MAX_CUTS:
            return
        if len(runs) == n:
            found.append(list(runs))
            return
        for e in range(at + 2, min(len(words), at + width) + 1):
            if _run_ok(words[at:e]):
                walk(e, runs + [(at, e)])

    walk(j, [])
    return None if len(found) > _MAX_CUTS else found


def _group_cut(words: list[str], starts: range, codes: list[set[str]], width: int,
               anchored: bool) -> Optional[list[tuple[int, int]]]:
    """The one cut of a group's runs, starting at one of `starts`, that the catalogue's tree and the
    sums confirm (distinct cuts compared by their amounts); None when none or more than one is, or
    the group is a lone row (nothing confirms it). A group looked for among the amounts (not
    `anchored` right after the group before it) must have a row with two children or more that
    totals them (a chain of equal amounts, 18.00 18.00 …, fits anywhere)."""
    if len(codes) < 2:
        return None
    good: dict[tuple, list[tuple[int, int]]] = {}
    for j in starts:
        cuts = _group_cuts(words, j, len(codes), width)
        if cuts is None:
            return None
        for cut in cuts:
            totals = [_amount(words[s]) for s, _ in cut]
            units = [_unit(words[s:e]) for s, e in cut]
            chosen = _tree(codes, totals, units)
            if chosen is not None and (anchored or _forks(chosen, totals)):
                good[tuple(tuple(words[s:e]) for s, e in cut)] = cut
                if len(good) > 1:
                    return None
    return next(iter(good.values())) if len(good) == 1 else None


def _forks(chosen: list[str], totals: list[Decimal]) -> bool:
    """Some row of the group has two children or more, not all zero (a sum that says something)."""
    return any(len(kids) >= 2 and any(totals[j] for j in kids) for kids in _children(chosen))


def _children(chosen: list[str]) -> list[list[int]]:
    """Each row's children: the rows after it one level deeper, up to a row of its level or above."""
    out = []
    for k, c in enumerate(chosen):
        kids = []
        for j in range(k + 1, len(chosen)):
            if len(chosen[j]) <= len(c):
                break
            if len(chosen[j]) == len(c) + 2:
                kids.append(j)
        out.append(kids)
    return out


def _tree(codes: list[set[str]], totals: list[Decimal], units: list[Decimal]) -> Optional[list[str]]:
    """Some choice of one code a name gives the rows in subject-tree order (each a 类, or a child of a
    code above it on the path) where each row with children totals them."""
    n = len(codes)

    def place(k: int, chosen: list[str]) -> Optional[list[str]]:
        if k == n:
            return chosen if _sums(chosen, totals, units) else None
        for c in sorted(codes[k]):
            if any(len(o) == len(c) and o[:-2] == c[:-2] and o >= c for o in chosen):
                continue  # siblings print in code order: a name out of it moved (its amounts are not known)
            if len(c) == 3 or (chosen and any(p == c[:len(p)] and len(c) - len(p) == 2 for p in _path(chosen))):
                got = place(k + 1, chosen + [c])
                if got is not None:
                    return got
        return None

    return place(0, [])


def _path(chosen: list[str]) -> list[str]:
    """The codes on the path from the last row chosen up to its 类."""
    out: list[str] = []
    for c in reversed(chosen):
        if not out or (len(c) < len(out[-1]) and out[-1].startswith(c)):
            out.append(c)
    return out


def _sums(chosen: list[str], totals: list[Decimal], units: list[Decimal]) -> bool:
    """Each row with children totals them."""
    for k, kids in enumerate(_children(chosen)):
        if kids:
            unit = max(units[j] for j in kids + [k])
            if abs(totals[k] - sum((totals[j] for j in kids), Decimal(0))) > unit * len(kids):
                return False
    return True


def _width(header: list[Token]) -> int:
    """The amount columns the header numbers (`1 2 3 …` in its cells), at least 2."""
    nos = [int(w) for w, _ in header if _COLUMN_NO.match(w)]
    k = 0
    while k + 1 in nos:
        k += 1
    return k


def read_names(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    toks, end = stream_region(lines, i)
    heads = [w for w, _ in toks if _NAMES_HEADER.match(w)]
    if len(heads) != 1 or any(_CODE_WORD.search(w) for w, _ in toks):
        return None, i + 1
    kind = "function" if heads[0].startswith("功能") else "economic"
    first = next((k for k, (w, _) in enumerate(toks) if _HAN.search(w) and codes_named(w, kind)), None)
    if first is None:
        return None, i + 1
    header = toks[:first]
    width = _width(header)
    if width < 2:
        return None, i + 1
    names: list[Token] = []
    amounts: list[Token] = []
    for w, ln in toks[first:]:
        if _amount(w) is not None and any(ch.isdigit() for ch in w):
            amounts.append((w, ln))
        elif _HAN.search(w) and not any(ch.isdigit() for ch in w) and codes_named(w, kind):
            names.append((w, ln))
        else:
            break  # a word that is no subject name and no amount (a header's piece, a note): the rows end
    words = [w for w, _ in amounts]
    codes = [codes_named(w, kind) for w, _ in names]
    taken: list[tuple[Token, tuple[int, int]]] = []
    j = k = 0
    anchored = True  # the amounts from j on start at the group's first row (no group was skipped)
    while k < len(names):
        m = k + 1  # the group: a 类 and the names under it, up to the next name that can be a 类
        while m < len(names) and not any(len(c) == 3 for c in codes[m]):
            m += 1
        cut = _group_cut(words, range(j, j + 1) if anchored else range(j, len(words)), codes[k:m], width,
                         anchored)
        if cut is None:
            anchored = False  # the group's amounts left row order: its names are not read, and
            # the next group is looked for among the amounts from here on
        else:
            taken.extend(zip(names[k:m], cut))
            j, anchored = cut[-1][1], True
        k = m
    if len(taken) < _MIN_ROWS:
        return None, i + 1
    total = next((w for w, _ in header if _TOTAL_WORD.match(w)), "合计")
    at = lines[i]
    grid = [[text_cell(at, h) for h in ["科目名称", total] + [f"列{c + 1}" for c in range(1, width)]]]
    for (name, ln), (s, e) in taken:
        row = [text_cell(ln, name)]
        for c in range(width):
            if s + c < e:
                word, wl = amounts[s + c]
                row.append(amount_cell(wl, word, doubt=_PART_DOUBT if c else None))
            else:
                row.append(text_cell(ln, ""))
        grid.append(row)
    return with_report(GridBlock(rows=grid, first_line=at.no, last_line=lines[end - 1].no,
                                 method="names-runs")), end


@text_reader(35)  # before row-stream (36), which takes a names-only stream but cannot place its rows
class NamesRunsReader:
    """A names-only subject table: its names in order and its amounts cut into runs, one row each."""

    name = "names-runs"

    def __init__(self) -> None:
        self._last = LastRead()

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        if not lines[i].text.strip() or not after_title(lines, i) or not cell_line(lines[i]):
            return False
        if template_shape(lines, i) != "subject" or not is_cell_stream(lines, i):
            return False
        return self.read(lines, i)[0] is not None

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return self._last.get(lines, i, lambda: read_names(lines, i))
