"""Reader `purchase-tree`: a 政府采购支出表 whose rows form a tree (合计 → 采购品目大类 → unit → item),
printed by pdftotext without `-layout` or pdfminer.six as scrambled column runs; its 合计, category
and unit rows are read where the amounts' sums prove the tree.

What it does: such a table (Suzhou's: `采购品目大类 专项名称 经济科目 采购品目名称 采购组织形式`, then the
funds' columns 一般公共预算资金 … and 总计) prints each row's amount twice where only one fund pays
(the fund's column and 总计), and the converters print a page's cells column by column in blocks:
the words of each column in their own paragraphs, the amounts either as pairs of equal paragraphs
(pdftotext: `0.30 0.16 0.60` / `0.30 0.16 0.60`, each row's fund amount then its total) or as the
page's whole fund column followed by its whole 总计 column (pdfminer.six). What stays regular is
that each column keeps its rows' order, so:
- the amounts' paragraphs (runs of amount lines; the page breaks are lost in normalizing) give the
  rows' amounts in row order where they cut into blocks of a run and the same run again (a paragraph
  and its twin; a page's several fund paragraphs and its one 总计 paragraph); where they cut in no
  way, or in ways that give different rows, the table is declined;
- the rows' amounts in order must parse in exactly one way into the tree: 合计 first, then
  categories each followed by its units, each unit followed by its items, every parent equal to the
  sum of its children (to the cent); no parse, or two, and the table is declined;
- the category words (货物 工程 服务, printed alone) and the unit names (pieces joined from a piece
  that opens with the department's first three characters, `苏州市交通运` `输局`, to one ending in an
  organisation's word: 局 中心 支队 站 …, with a bracketed suffix printed under it, `（本级）`) are
  taken in printed order and given to the category and unit rows in order, only where they number
  those rows and every unit's name is printed after its own category's word and before the next
  category's (the first column printed top to bottom).
The grid is `采购品目大类`, the fund column the header names first (`资金来源/一般公共预算资金`) and
`总计`: the total is the row's own (proved by the sums); the copy's fund column is not shown by the
print (another fund's column could hold it), so it goes to review (`layout.column_guess`).
What it does not: read the item rows (their 专项名称 cannot be told from the 经济科目 and 品目名称
words around it in the scrambled stream; their amounts are only used to prove the tree), rows paid
by several funds (amounts not printed as equal pairs), tables of other trees, or more than
`_MAX_ROWS` rows. It is tried before the subject readers (order 35): it takes only a table titled
政府采购…表 whose amounts all stand in twin runs that the tree's sums prove.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional, Sequence

import regex as re

from ..datamodel import GridBlock, NLine
from .spaced_text import AMOUNT, after_title, amount_cell, furniture, text_cell, title_above
from .text_tables import LastRead, text_reader, with_report

_TITLE = re.compile(r"政府采购(?:支出|预算)?(?:预算)?表")
_CATEGORY = re.compile(r"^(?:货物|工程|服务)$")
_SUFFIX = re.compile(r"^[（(][^（）()]{1,8}[）)]$")  # （本级） (机关) printed under a unit's name
_UNIT_END = re.compile(r"(?:局|中心|支队|大队|站|所|院|处|馆|学校|委员会|办公室|机关|（本级）|\(本级\))$")
_DEPT = re.compile(r"^(?:编制)?部门(?:名称)?[:：]\s*(\S+)")
_END = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|公开\s*\d+\s*表|附件|注[:：])")
_MAX_LINES = 3000
_MAX_ROWS = 300  # rows' amounts parsed into a tree: the search (and its recursion) stays bounded
_MAX_PIECES = 4  # a unit name wrapped in its narrow column
_MAX_PIECE = 8  # characters of one piece of a wrapped unit name
_FUND_DOUBT = ("column uncertain: the converter printed this row's fund amount apart from the header; it "
               "equals the row's total, so one fund pays it, but the print does not show which fund's column")


def _region(lines: Sequence[NLine], i: int) -> tuple[list[NLine], str] | None:
    """The table's lines from lines[i] (up to the next title or narrative) and the department's name."""
    above = title_above(lines, i, wide=True)
    if not any(_TITLE.search(ln.text.replace(" ", "")) for ln in above):
        return None
    dept = None
    for ln in list(above) + list(lines[i:i + 4]):
        m = _DEPT.match(ln.text.strip())
        if m:
            dept = m.group(1)
    if not dept or len(dept) < 4:
        return None
    out: list[NLine] = []
    for ln in lines[i:i + _MAX_LINES]:
        t = ln.text.strip()
        if out and t and (_END.match(t) or (len(t) > 40 and not furniture(lines, ln))
                          or (_TITLE.search(t) is None and t.endswith("表") and len(t) > 4)):
            break
        out.append(ln)
    return out, dept


def _paragraphs(region: list[NLine], all_lines: Sequence[NLine]) -> Optional[list[list[tuple[str, NLine]]]]:
    """The region's amounts in paragraphs: runs of lines holding amounts only (a line of words, or
    a blank line, ends one; running headers and page numbers are no line). None where a line holds
    words and amounts together (not this shape)."""
    paragraphs: list[list[tuple[str, NLine]]] = []
    open_par = False
    for ln in region:
        t = ln.text.strip()
        if t and furniture(all_lines, ln):
            continue
        words = t.split()
        if not words or not all(AMOUNT.match(w) for w in words):
            if any(AMOUNT.match(w) for w in words):
                return None
            open_par = False
            continue
        if not open_par:
            paragraphs.append([])
            open_par = True
        paragraphs[-1] += [(w, ln) for w in words]
    return paragraphs


def _twice(paragraphs: list[list[tuple[str, NLine]]]) -> Optional[list[tuple[str, NLine, NLine]]]:
    """The rows' amounts in row order, (as printed, fund copy's line, total's line), where the
    paragraphs cut in one way only into blocks that print a run of rows' amounts and then the same
    run again (pdftotext: a paragraph and its twin; pdfminer.six: a page's column, then its total
    column); None where they cut in no way, or in ways that give different rows."""
    n = len(paragraphs)
    memo: dict[int, list] = {}

    def cut(s: int) -> list:
        if s == n:
            return [[]]
        if s in memo:
            return memo[s]
        found: list = []
        first: list[tuple[str, NLine]] = []
        for k in range(s, n - 1):
            first = first + paragraphs[k]
            second: list[tuple[str, NLine]] = []
            for m in range(k + 1, n):
                second = second + paragraphs[m]
                if len(second) > len(first) or [w for w, _ in second] != [w for w, _ in first][:len(second)]:
                    break
                if len(second) == len(first):
                    for rest in cut(m + 1):
                        rows = [(w, a, b) for (w, a), (_, b) in zip(first, second)] + rest
                        if not any([r[0] for r in x] == [r[0] for r in rows] for x in found):
                            found.append(rows)
                        if len(found) > 1:
                            memo[s] = found
                            return found
                    break
        memo[s] = found
        return found

    got = cut(0)
    return got[0] if len(got) == 1 else None


def parse_tree(values: Sequence[Decimal], levels: int = 3) -> Optional[list[int]]:
    """Each value's level (0: the 合计, 1 … `levels`) in the one way `values` in row order parse into a
    tree whose every parent is the sum of its children; None where they parse in no way or several."""
    n = len(values)
    if n < 2 or n > _MAX_ROWS:
        return None

    @lru_cache(maxsize=None)
    def split(lo: int, hi: int, depth: int, total: Decimal) -> tuple[int, tuple[int, ...]]:
        """(ways capped at 2, the end of each subtree of one way) to cut values[lo:hi] into subtrees
        of `depth` whose roots sum to `total`."""
        if lo == hi:
            return (1, ()) if total == 0 else (0, ())
        v = values[lo]
        if v > total or v < 0:
            return 0, ()
        ways, found = 0, ()
        ends = [lo + 1] if depth == levels else range(lo + 1, hi + 1)
        for e in ends:
            inner = (1, ()) if depth == levels else split(lo + 1, e, depth + 1, v)
            if not inner[0]:
                continue
            rest = split(e, hi, depth, total - v)
            if not rest[0]:
                continue
            ways += inner[0] * rest[0]
            found = (e,) + rest[1]
            if ways > 1:
                return 2, ()
        return ways, found

    ways, _ = split(1, n, 1, values[0])
    if ways != 1:
        split.cache_clear()
        return None
    level = [0] * n

    def mark(lo: int, hi: int, depth: int, total: Decimal) -> None:
        _, ends = split(lo, hi, depth, total)
        start = lo
        for e in ends:
            level[start] = depth
            if depth < levels:
                mark(start + 1, e, depth + 1, values[start])
            start = e

    mark(1, n, 1, values[0])
    split.cache_clear()
    return level


def _labels(page: list[NLine], dept: str) -> tuple[list[tuple[str, NLine]], list[tuple[str, NLine]]]:
    """(category words, unit names) printed on the page, in printed order."""
    cats: list[tuple[str, NLine]] = []
    units: list[tuple[str, NLine]] = []
    prefix = dept[:3]
    k = 0
    while k < len(page):
        t = page[k].text.strip()
        if _CATEGORY.match(t):
            cats.append((t, page[k]))
        elif t.startswith(prefix) and len(t) <= _MAX_PIECE:
            name = t
            j = k
            while not _UNIT_END.search(name) and j + 1 < len(page) and j - k + 1 < _MAX_PIECES:
                nxt = page[j + 1].text.strip()
                if not nxt or len(nxt) > _MAX_PIECE or AMOUNT.match(nxt):
                    break
                j += 1
                name += nxt
            # a bracketed suffix printed on the next line is the name's own (`无锡市信访局` `（本级）`)
            while j + 1 < len(page) and _SUFFIX.match(page[j + 1].text.strip()):
                j += 1
                name += page[j].text.strip()
            if _UNIT_END.search(name):
                units.append((name, page[k]))
                k = j
        k += 1
    return cats, units


def _read(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    found = _region(lines, i)
    if found is None:
        return None, i + 1
    region, dept = found
    paragraphs = _paragraphs(region, lines)
    rows = _twice(paragraphs) if paragraphs else None
    if not rows:
        return None, i + 1
    cats, units = _labels(region, dept)
    level = parse_tree([Decimal(w.replace(",", "")) for w, _, _ in rows])
    if level is None:
        return None, i + 1
    if [x for x in level if x == 1].__len__() != len(cats) or [x for x in level if x == 2].__len__() != len(units):
        return None, i + 1
    # each unit's name printed after its category's word and before the next category's
    category_of, c = [], 0
    for x in level:
        c += x == 1
        if x == 2:
            category_of.append(c)
    where = {id(ln): k for k, ln in enumerate(region)}
    cat_at = [where[id(ln)] for _, ln in cats]
    for (_, ln), c in zip(units, category_of):
        at = where[id(ln)]
        if sum(p < at for p in cat_at) != c:
            return None, i + 1
    header_text = "".join(ln.text for ln in region[:30]).replace(" ", "")
    fund = "资金来源/一般公共预算资金" if "一般公共" in header_text else None
    if fund is None or "总计" not in header_text:
        return None, i + 1
    first = region[0]
    grid = [[text_cell(first, "采购品目大类"), text_cell(first, fund), text_cell(first, "总计")]]
    names = {1: iter(cats), 2: iter(units)}
    for (w, a, b), lv in zip(rows, level):
        if lv == 0:
            label, at = "合计", a
        elif lv in names:
            label, at = next(names[lv])
        else:
            continue
        grid.append([text_cell(at, label), amount_cell(a, w, doubt=_FUND_DOUBT), amount_cell(b, w)])
    last = region[-1]
    block = GridBlock(rows=grid, first_line=lines[i].no, last_line=last.no, method="purchase-tree")
    end = i + len(region)
    return with_report(block), end


@text_reader(35)
class PurchaseTreeReader:
    """A 政府采购支出表's 合计, category and unit rows, proved by the sums of its rows' amounts."""

    name = "purchase-tree"

    def __init__(self) -> None:
        self._last = LastRead()

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        if not lines[i].text.strip() or not after_title(lines, i):
            return False
        return self._last.get(lines, i, lambda: _read(lines, i))[0] is not None

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return self._last.get(lines, i, lambda: _read(lines, i))
