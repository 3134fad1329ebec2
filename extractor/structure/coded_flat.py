"""Reader `coded-flat`: the 基本支出 table of 经济分类 codes printed as panels side by side (科目编码 类 |
款 | 科目名称 | 决算数 twice or three times: the 一般公共预算财政拨款基本支出决算表, 公开06表, or a
基本支出预算表) as a converter flattens it into one word or one column run per line, in an order that
no longer tells which amount stands in which row: pdfminer.six prints each panel's column as a run
(the 类 codes, the 款 codes, the names, then only the amounts that are printed), pdftotext without
`-layout` prints the cells in its own block order. The table ends with `人员经费合计` and
`公用经费合计`, each followed by its amount.

What it does: reads the region from the first header word (`经济分类`, `科目编码`) after a 基本支出 title
to the two 合计 amounts, every line of it a header word, a unit line, codes, a name or amounts (else it
declines), and places the 类 amounts by the table's own identities: each printed 类 (a catalogue
经济分类 class whose name is printed in the region) belongs to 人员经费 or 公用经费
(catalog/basic_groups.py), and the 类 amounts of a group add up to its 合计 (one cent a 类 apart); the
类 amounts and the 款 amounts each add up to the two 合计 together, so all the printed amounts add
up to twice their sum. A group's 类 amounts are taken only where one choice of printed amounts (in
printed order, as many as the group's 类) adds up to its 合计, the two groups taking different printed
amounts. A group of one 类: its amount is
that 类's, the one printed amount its 合计 equals, read as printed (no repair: a sum check then
confirms it, as in coded_panels.py). A group of several 类: the sums fit
either 类 with either amount, so they are placed in printed order (codes ascending) with an
unconfirmed `layout.placed_by_order` repair that keeps them in review. The 合计 rows are read as
printed.
What it does not: place the 款 amounts (the text does not tie them to their rows and the sums leave
many placements: a 类 placed in printed order says so in its note), know a region's own split of
人员 / 公用经费 (its sums then fail: it declines), read a table whose lines do not
fit this shape or whose sums leave no or several choices (it declines: no amount is guessed), or read
the panels where each printed line keeps its words (coded_panels.py, spaced readers).
"""
from __future__ import annotations

from decimal import Decimal
from itertools import combinations
from typing import Optional, Sequence

import regex as re

from ..catalog import lookup, norm_name
from ..catalog.basic_groups import basic_group
from ..datamodel import GridBlock, NLine, Repair
from .spaced_text import after_title, amount_cell, text_cell
from .text_tables import LastRead, text_reader, with_report

_AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{1,2}$|^-?\d{1,3}(?:,\d{3})+$")
_CODE = re.compile(r"^(?:\d{2,3}|3\d{4})$")  # a 类 or 款 code, or an item's whole code
_HEAD_WORDS = {"经济分类", "科目编码", "科目名称", "决算数", "预算数", "类", "款", "项", "经济分类科目编码"}
_UNIT = re.compile(r"^单位[:：]\s*(?:万元|元)$")
_NAME = re.compile(r"^(?:(?:\d{2}|3\d{4})\s+)?[\p{Han}（）()、\s]+$")  # a name, maybe after its code
_TOTAL = re.compile(r"^(人员经费合计|公用经费合计)(?:\s+(\S+))?$")
_TITLE = re.compile(r"基本支出(?:决算|预算)?表")
_TITLE_REACH = 6  # lines above the header the title may stand
_MAX_LINES = 800  # the region's lines at most
_MAX_CHOICES = 200_000  # choices of a group's 类 amounts tried at most
_CENT = Decimal("0.01")
_BY_ORDER = "layout.placed_by_order"
_ITEMS_NOTE = "the table's 款 amounts are printed apart from their rows and are not read"


def _amount(word: str) -> Optional[Decimal]:
    return Decimal(word.replace(",", "")) if _AMOUNT.match(word) else None


def _class(word: str, year: Optional[int]) -> bool:
    if len(word) != 3 or not word.startswith("3"):
        return False
    e = lookup(word, "economic", year)
    return e is not None and e.level == "类"


def _titled(lines: Sequence[NLine], i: int) -> bool:
    return any(_TITLE.search("".join(lines[k].text.split())) for k in range(max(0, i - _TITLE_REACH), i))


class _Region:
    """The words of the region: amounts in printed order (line, text), the 类 codes, the 合计s."""

    def __init__(self) -> None:
        self.amounts: list[tuple[NLine, str]] = []
        self.classes: list[str] = []
        self.totals: dict[str, tuple[NLine, str]] = {}
        self.text: list[str] = []
        self.head = ""


def _scan(lines: Sequence[NLine], i: int, year: Optional[int]) -> tuple[Optional[_Region], int]:
    """The region from lines[i] to the line after 公用经费合计's amount; None where a line fits no kind."""
    reg = _Region()
    waiting: Optional[tuple[str, NLine]] = None  # a 合计 label whose amount is on a later line
    j = i
    while j < len(lines) and j < i + _MAX_LINES:
        ln = lines[j]
        t = " ".join(ln.text.split())
        j += 1
        if not t:
            continue
        m = _TOTAL.match(t)
        if m:
            if waiting is not None or m.group(1) in reg.totals:
                return None, j
            if m.group(2) is None:
                waiting = (m.group(1), ln)
            elif _amount(m.group(2)) is None:
                return None, j
            else:
                reg.totals[m.group(1)] = (ln, m.group(2))
        elif waiting is not None:
            if _amount(t) is None:
                return None, j
            reg.totals[waiting[0]] = (ln, t)
            waiting = None
        elif _UNIT.match(t) or all(w in _HEAD_WORDS for w in t.split()):
            reg.head += t
        elif all(_amount(w) is not None or _CODE.match(w) for w in t.split()):
            for w in t.split():
                if _amount(w) is not None:
                    reg.amounts.append((ln, w))
                elif len(w) == 3 and not _class(w, year):
                    return None, j  # a three-digit word that is no 经济分类 类
                elif len(w) == 3 and w not in reg.classes:
                    reg.classes.append(w)
        elif _NAME.match(t) and len("".join(t.split())) <= 24:
            reg.text.append("".join(t.split()))
        else:
            return None, j
        if len(reg.totals) == 2 and waiting is None:
            return reg, j
    return None, j


def _choices(amounts: list[Decimal], k: int, total: Decimal) -> Optional[set[tuple[Decimal, ...]]]:
    """The value sequences (printed order) of k amounts adding up to `total`; None past the budget."""
    out: set[tuple[Decimal, ...]] = set()
    for n, pick in enumerate(combinations(range(len(amounts)), k)):
        if n >= _MAX_CHOICES:
            return None
        values = tuple(amounts[p] for p in pick)
        if abs(sum(values, Decimal(0)) - total) <= _CENT * k:
            out.add(values)
    return out


def read_flat(lines: Sequence[NLine], i: int, year: Optional[int] = None) -> tuple[Optional[GridBlock], int]:
    declined = None, i + 1
    reg, end = _scan(lines, i, year)
    if reg is None or not reg.classes or len(reg.amounts) < 2:
        return declined
    if reg.head.count("经济分类") < 2 or not ("决算数" in reg.head or "预算数" in reg.head):
        return declined  # not panels side by side, or no amount column
    names = "".join(norm_name(t) for t in reg.text)
    if any(norm_name(lookup(c, "economic", year).name)[:4] not in names for c in reg.classes):
        return declined  # a 类 code whose name is not printed: no row of this table
    groups: dict[str, list[str]] = {}
    for c in sorted(reg.classes):
        g = basic_group(c)
        if g is None:
            return declined
        groups.setdefault(g, []).append(c)
    values = [_amount(text) for _, text in reg.amounts]
    totals = {label[:4]: _amount(text) for label, (_, text) in reg.totals.items()}
    if set(groups) - set(totals):
        return declined
    grand = sum(totals.values(), Decimal(0))
    if abs(sum(values, Decimal(0)) - 2 * grand) > _CENT * len(values):
        return declined  # some printed amount is neither a 类 nor an item of one
    placed: dict[str, tuple[NLine, str, Optional[Repair]]] = {}
    used: set[int] = set()
    for g, classes in groups.items():
        got = _choices(values, len(classes), totals[g])
        if not got or len(got) != 1:
            return declined
        taken: list[int] = []
        for v in next(iter(got)):
            k = next((n for n, x in enumerate(values) if x == v and n not in used and all(n > t for t in taken)), None)
            if k is None:
                return declined  # the groups' choices need one printed amount twice
            taken.append(k)
            used.add(k)
        label = g + "合计"
        for c, k in zip(classes, taken):
            ln, text = reg.amounts[k]
            rep = None  # one 类: the amount its 合计 equals, as sure as the printed words (coded_panels.py alike)
            if len(classes) > 1:
                rep = Repair(kind=_BY_ORDER, status="unconfirmed",
                             note=f"the {label} fits these amounts as its 类 ({'、'.join(classes)}) but not which 类 "
                                  "takes which: placed in printed order, codes ascending; " + _ITEMS_NOTE)
            placed[c] = (ln, text, rep)
    head = "决算数" if "决算数" in reg.head else "预算数"
    first = lines[i]
    grid = [[text_cell(first, h) for h in ("经济分类科目编码", "科目名称", head)]]
    for c in sorted(placed):
        ln, text, rep = placed[c]
        cell = amount_cell(ln, text)
        cell.repairs = [rep] if rep is not None else None
        grid.append([text_cell(ln, c), text_cell(ln, lookup(c, "economic", year).name), cell])
    for label in ("人员经费合计", "公用经费合计"):
        if label in reg.totals:
            ln, text = reg.totals[label]
            grid.append([text_cell(ln, ""), text_cell(ln, label), amount_cell(ln, text)])
    return with_report(GridBlock(rows=grid, first_line=first.no, last_line=lines[end - 1].no,
                                 method="coded-flat")), end


@text_reader(57)
class CodedFlatReader:
    """Side-by-side 经济分类 panels flattened to words or column runs: the 类 amounts by the 合计s."""

    name = "coded-flat"

    def __init__(self) -> None:
        self._last = LastRead()  # starts reads the table: read gets it again

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        t = "".join(lines[i].text.split())
        if t not in ("经济分类", "科目编码", "经济分类科目编码") or not _titled(lines, i) or not after_title(lines, i):
            return False
        return self.read(lines, i)[0] is not None

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return self._last.get(lines, i, lambda: read_flat(lines, i))
