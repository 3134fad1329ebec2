"""Reader `coded-panels`: a table of 经济分类 codes printed as two panels side by side (科目编码 类 |
款 | 科目名称 | 决算数, twice on a page: the 一般公共预算财政拨款基本支出决算表, 公开05表) as a converter
gives it that writes each printed line of the page as one text line, the words in page order but with
no spaces kept between columns (pdfplumber's extract_text).

The shape: a table row is several text lines, its cells sitting a little above or below each other:
`301 01 302` (the left 类 and 款 codes and the right 类 code), `基本工资 01 办公费` (the names, the
right 款 code), `262.33 21.21` (the amounts), or `津贴补贴 1,238.58 02 印刷费` then `7.61`; a row
where the left panel has run out prints the right panel's codes only (`310` `01 房屋建筑物购建`). A
row starts at a line whose first word is an 经济分类 类 code; `人员经费合计 … 公用经费合计 …` ends
the table.

What it does: reads each row's codes (the 类 code that opens the line, the 款 right after it; the
other panel's 类 on that line, its 款 the next two-digit word), checks each code's catalogue name
against the row's words, and gives each amount its panel where the line says it: two amounts on a
line are left then right; an amount with words after it on its line is the left panel's (the right
panel's cells stand after the left amount); one after the right panel's code is the right panel's; a
row with one panel has its amount. An amount the line leaves open is placed by the sums: a 类 is
the sum of its 款, 人员经费合计 and 公用经费合计 the sum of the 类; the table is read only where one
placement of the open amounts keeps every sum (to the cent per amount added). Rows take the
catalogue's name for their code.
What it does not: read a table whose codes, names or amounts do not fit this shape, or where the
sums leave more than one placement (it declines: no amount is guessed); read panels a converter
prints column by column (pdfminer.six) or in its own block order (pdftotext without -layout).
"""
from __future__ import annotations

from decimal import Decimal
from itertools import product
from typing import Optional, Sequence

import regex as re

from ..catalog import lookup, norm_name
from ..datamodel import GridBlock, NLine
from .spaced_text import amount_cell, after_title, text_cell
from .text_tables import text_reader, with_report

_AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{1,2}$|^-?\d{1,3}(?:,\d{3})+$")
_KUAN = re.compile(r"^\d{2}$")
_CLASS = re.compile(r"^3\d{2}$")
_PANEL_HEAD = re.compile(r"(经济分类|科目编码).*\1")  # the panel header printed twice on one line
_TOTALS = re.compile(r"^(人员经费(?:合计)?)\s+(\S+)(?:\s+(公用经费(?:合计)?)\s+(\S+))?$")
_HEADER_LINES = 8
_MAX_OPEN = 16  # amounts left open by their lines: 2**16 placements tried at most
_CENT = Decimal("0.01")


def _class(word: str) -> bool:
    e = lookup(word, "economic") if _CLASS.match(word) else None
    return e is not None and e.level == "类"


def _amount(word: str) -> Optional[Decimal]:
    return Decimal(word.replace(",", "")) if _AMOUNT.match(word) else None


class _Row:
    """One table row: its lines' words, the panels' codes, the amounts and the panel each has."""

    def __init__(self, line: NLine) -> None:
        self.lines: list[NLine] = [line]
        self.codes: list[Optional[str]] = [None, None]  # left, right (or the one panel's, at 0)
        self.single = False
        self.amounts: list[tuple[NLine, str, Optional[int]]] = []  # line, text, panel (None: open)


def _codes(row: _Row) -> bool:
    """Read the row's codes; False where a word does not fit the shape."""
    words = [(k, w) for k, ln in enumerate(row.lines) for w in ln.text.split()]
    first = row.lines[0].text.split()
    classes = [w for w in first if _class(w)]
    if any(_class(w) for k, w in words if k > 0) or not classes or first[0] != classes[0] or len(classes) > 2:
        return False
    row.single = len(classes) == 1
    kuans = [(n, w) for n, (k, w) in enumerate(words) if _KUAN.match(w)]
    if row.single:
        if len(kuans) > 1:
            return False
        row.codes[0] = classes[0] + (kuans[0][1] if kuans else "")
        return True
    at_right = first.index(classes[1])
    left_kuan = len(first) > 1 and bool(_KUAN.match(first[1]))
    right = [w for n, w in kuans if n > at_right and not (left_kuan and n == 1)]
    if len(kuans) != int(left_kuan) + min(len(right), 1) or len(right) > 1:
        return False
    row.codes[0] = classes[0] + (first[1] if left_kuan else "")
    row.codes[1] = classes[1] + (right[0] if right else "")
    return True


def _named(row: _Row, year: Optional[int]) -> bool:
    """Every code is in the catalogue and the row's words hold the start of its name."""
    words = norm_name("".join(w for ln in row.lines for w in ln.text.split()
                              if not _amount(w) and not w.isdigit()))
    for code in row.codes:
        if code is None:
            continue
        e = lookup(code, "economic", year)
        if e is None:
            return False
        name = norm_name(e.name)
        if name[:4] not in words:
            return False
    return True


def _panels(row: _Row) -> bool:
    """Give each amount the panel its line says; False where a line holds more than two."""
    for k, ln in enumerate(row.lines):
        words = ln.text.split()
        at = [n for n, w in enumerate(words) if _amount(w) is not None]
        if len(at) > 2 or (at and row.single and len(at) > 1):
            return False
        for m, n in enumerate(at):
            if row.single:
                panel: Optional[int] = 0
            elif len(at) == 2:
                panel = m
            elif n < len(words) - 1:
                panel = 0
            elif (k == 0 and row.codes[1][:3] in words[1:n]) or (k > 0 and any(_KUAN.match(w) for w in words[:n])):
                panel = 1  # after the right panel's 类 code on the first line, its 款 code on another
            else:
                panel = None
            row.amounts.append((ln, words[n], panel))
    known = [p for _, _, p in row.amounts if p is not None]
    return len(known) == len(set(known)) and len(row.amounts) <= (1 if row.single else 2)


def _placements(rows: list[_Row]) -> list[dict[str, tuple[Decimal, NLine, str]]]:
    """Each placement of the open amounts (a row's panels each taking at most one) as code -> amount."""
    open_at = [(r, k) for r, row in enumerate(rows) for k, a in enumerate(row.amounts) if a[2] is None]
    if len(open_at) > _MAX_OPEN:
        return []
    out = []
    for choice in product((0, 1), repeat=len(open_at)):
        pick = dict(zip(open_at, choice))
        got: dict[str, Decimal] = {}
        ok = True
        for r, row in enumerate(rows):
            used = set()
            for k, (_, text, panel) in enumerate(row.amounts):
                p = panel if panel is not None else pick[(r, k)]
                code = row.codes[p]
                if p in used or code is None:
                    ok = False
                    break
                used.add(p)
                got[code] = (_amount(text), row.amounts[k][0], text)
            if not ok:
                break
        if ok:
            out.append(got)
    return out


def _values(got: dict) -> dict[str, Decimal]:
    return {code: v[0] for code, v in got.items()}


def _sums_hold(got: dict[str, Decimal], codes: list[str], totals: dict[str, Decimal]) -> bool:
    """Each 类 the sum of its 款 (none where it has none), and the 人员 / 公用 totals of the 类."""
    classes = [c for c in codes if len(c) == 3]
    for code in got:
        if len(code) == 5 and code[:3] not in classes:
            return False
    for c in classes:
        parts = [got[k] for k in codes if len(k) == 5 and k[:3] == c and k in got]
        if c not in got:
            if parts:
                return False
            continue
        if parts and abs(got[c] - sum(parts)) > _CENT * len(parts):
            return False
    staff = [got[c] for c in classes if c in got and c in ("301", "303")]
    other = [got[c] for c in classes if c in got and c not in ("301", "303")]
    for label, part in (("人员经费", staff), ("公用经费", other)):
        if label in totals and abs(totals[label] - sum(part)) > _CENT * max(len(part), 1):
            return False
    return True


def read_panels(lines: Sequence[NLine], i: int, year: Optional[int] = None) -> tuple[Optional[GridBlock], int]:
    declined = None, i + 1
    j = i
    while j < len(lines) and j < i + _HEADER_LINES and not (lines[j].text.split() and _class(lines[j].text.split()[0])):
        j += 1
    if j >= len(lines) or j == i + _HEADER_LINES:
        return declined
    header = [ln for ln in lines[i:j] if ln.text.strip()]
    if not any(_PANEL_HEAD.search(ln.text) for ln in header) or "决算数" not in "".join(ln.text for ln in header):
        return declined
    rows: list[_Row] = []
    totals: dict[str, Decimal] = {}
    totals_cells: list = []
    end = j
    while end < len(lines):
        ln = lines[end]
        words = ln.text.split()
        if not words:
            end += 1
            continue
        m = _TOTALS.match(" ".join(words))
        if m:
            for label, text in ((m.group(1), m.group(2)), (m.group(3), m.group(4))):
                if label is None:
                    continue
                if _amount(text) is None:
                    return declined
                totals[label[:4]] = _amount(text)
                totals_cells += [text_cell(ln, label), amount_cell(ln, text)]
            end += 1
            break
        if _class(words[0]):
            rows.append(_Row(ln))
        elif not rows or len(ln.text.strip()) > 40:
            break
        else:
            rows[-1].lines.append(ln)
        end += 1
    if len(rows) < 4 or not totals:
        return declined
    for row in rows:
        if not _codes(row) or not _named(row, year) or not _panels(row):
            return declined
    codes = [c for row in rows for c in row.codes if c is not None]
    if len(codes) != len(set(codes)):
        return declined
    fits = [got for got in _placements(rows) if _sums_hold(_values(got), codes, totals)]
    if len(fits) != 1:
        return declined
    got = fits[0]
    return with_report(_grid(lines[i], rows, got, totals_cells, year, lines[end - 1].no)), end


def _grid(first: NLine, rows: list[_Row], got: dict[str, tuple[Decimal, NLine, str]], totals_cells: list,
          year: Optional[int], last_line: int) -> GridBlock:
    """The six-column grid (code, name, amount for each panel), a one-panel row in the panel its 类
    was printed in before (the right one where the left panel ran out)."""
    head = ["经济分类科目编码", "科目名称", "决算数"] * 2
    grid = [[text_cell(first, h) for h in head]]
    last_class = [None, None]
    for row in rows:
        cells = []
        panels = list(row.codes)
        if row.single:
            side = 0 if last_class[0] == row.codes[0][:3] else 1
            panels = [row.codes[0], None] if side == 0 else [None, row.codes[0]]
        for p, code in enumerate(panels):
            if code is None:
                cells += [text_cell(row.lines[0], "")] * 3
                continue
            last_class[p] = code[:3]
            _, ln, text = got.get(code, (None, row.lines[0], ""))
            cells += [text_cell(row.lines[0], code), text_cell(row.lines[0], lookup(code, "economic", year).name),
                      amount_cell(ln, text) if text else text_cell(ln, "")]
        grid.append(cells)
    grid.append(totals_cells)
    return GridBlock(rows=grid, first_line=first.no, last_line=last_line, method="coded-panels")


@text_reader(33)
class CodedPanelsReader:
    """Two panels of 经济分类 codes side by side, each printed line a text line without column spacing."""

    name = "coded-panels"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        return bool(lines[i].text.strip()) and _PANEL_HEAD.search(lines[i].text) is not None and after_title(lines, i)

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return read_panels(lines, i)
