"""Amount columns and sums of a side-by-side table's items (sides_stream.py reads the items).

What it does: `side_columns` names each side's amount columns from the header (the narrowest
standard pair of spaced_sides.SIDE_COLUMNS the header covers that holds the amounts printed; 列1 …,
guessed, when the header names columns of its own; None when the header is a standard pair's and
the amounts do not fit it, a cost side's two-level header — 预算数 over 合计 | 基本支出 (人员经费 公用经费) |
项目支出 — counted as its set's); `place` puts an item's amounts into its side's columns (in order when
all are printed, else the placements the row identity 合计 = Σ the parts and the columns known to be
0 allow, the first in doubt when more than one is left); `fund_zero_columns` finds the fund columns
(一般公共预算, 政府性基金, 国有资本经营) with no income, hence no expenditure; `by_column_sums` keeps the
placements that make the numbered items add up to 本年…合计 (to 总计 when it follows them alone) in
every column (a bounded search); `adds_up` checks a row 合计 = Σ parts within the rounding the parts
carry as printed (whole-yuan parts under a total in cents: half a yuan each);
`side_sums` checks a side's totals (本年…合计 = Σ the numbered items, 总计 = that + the carry-over
items; unnumbered items between numbered ones are sub-items, `sub_items`); `subject_sums` checks an
expenditure side's 功能分类 subjects printed without codes as a tree the catalogue gives (类 / 款 =
Σ parts, Σ 类 = 本年…合计).
What it does not: read the stream or decide sides (sides_stream.py), or build the grid.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations
from typing import Optional

import regex as re

from ..evidence.numbers import CENT_PER_PART
from .spaced_text import covers
from ..catalog import codes_named
from ..datamodel import NLine
from ..evidence.numbers import parse_amount
from ..evidence.printed import ORDINAL
from .spaced_sides import COST_COLUMNS, COST_HEADS, SIDE_COLUMNS

_TOLERANCE = CENT_PER_PART  # per added part (evidence/numbers.py)
_SEARCH_BUDGET = 100_000  # nodes of the column-sum search
_HAN = re.compile(r"\p{Han}")
_NUMERALS = "零一二三四五六七八九十"
_TOP_ORDINAL = re.compile(r"^([一二三四五六七八九十]{1,3})、")
YEAR_TOTAL = re.compile(r"^(?:本年(?:收入|支出)(?:合计|小计)|(?:收入|支出)?合计)$")
GRAND = re.compile(r"^(?:收入|支出)?总计$")
_CARRY = re.compile(r"年初|上年|年末|年终|结余|结转|使用|弥补")
_FUNDS = ("一般公共预算", "政府性基金", "国有资本经营")


@dataclass
class Piece:
    """A printed cell: an amount, or the words of a label (a line may hold a few cells)."""

    text: str
    line: NLine
    amount: bool


@dataclass
class Item:
    """One side's entry of a row: its label (pieces joined), 行次, amounts; once decided, its side
    (0 income, 1 expenditure) and row."""

    label: str
    lines: list[NLine]
    no: Optional[int] = None
    amounts: list[Piece] = field(default_factory=list)
    side: Optional[int] = None
    row: int = 0


@dataclass
class Placed:
    """The column of each amount of an item; `doubt` says why when `unsure` amounts are not certain."""

    cols: tuple[int, ...]
    doubt: Optional[str] = None
    unsure: set[int] = field(default_factory=set)
    candidates: list[tuple[int, ...]] = field(default_factory=list)  # the placements still possible


def ordinal_value(label: str) -> Optional[int]:
    """一、 -> 1, 二十六、 -> 26; None for other labels (1、 and （一） are sub-items)."""
    m = _TOP_ORDINAL.match(label)
    if not m:
        return None
    word = m.group(1)
    if "十" in word:
        tens, _, ones = word.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return None
        return (_NUMERALS.index(tens) if tens else 1) * 10 + (_NUMERALS.index(ones) if ones else 0)
    return _NUMERALS.index(word) if len(word) == 1 else None


def printed_widths(header: list[str]) -> Optional[tuple[int, int]]:
    """Amount columns per side from the 栏次 numbers (`栏次 1 栏次 2 3 4 5` -> 1, 4)."""
    marks = [k for k, w in enumerate(header) if w == "栏次"]
    if len(marks) != 2:
        return None
    left = sum(1 for w in header[marks[0] + 1:marks[1]] if w.isdigit())
    right = sum(1 for w in header[marks[1] + 1:] if w.isdigit())
    return (left, right) if left and right else None


def side_columns(header_text: str, widths: list[int]) -> Optional[tuple[list[list[str]], list[bool]]]:
    """Each side's column names: the narrowest standard pair the header covers that holds the
    amounts printed; else 列1 … (guessed) when the header names columns of its own; None when the
    header is a standard pair's and a side prints more amounts than it has columns."""
    pairs = [(a, b) for a in SIDE_COLUMNS for b in SIDE_COLUMNS]
    pairs.sort(key=lambda p: (len(p[0]) - widths[0], len(p[1]) - widths[1]))
    covered = [(a, b) for a, b in pairs if covers(header_text, a + b)]
    for a, b in covered:
        if len(a) >= widths[0] and len(b) >= widths[1]:
            return [list(a), list(b)], [False, False]
    rest = _HEADER_FILLER.sub("", header_text)
    if any(not _HAN.search(_minus(rest, "".join(a + b) + (COST_HEADS if b in COST_COLUMNS else "")))
           for a, b in covered):
        return None  # the header is all a standard pair's, narrower than the amounts printed
    return [[f"列{c + 1}" for c in range(w)] for w in widths], [w > 1 for w in widths]


_HEADER_FILLER = re.compile(r"本年|收入|支出|项目|行次|栏次|财政拨款|\d")


def _minus(text: str, used: str) -> str:
    """`text` without one character for each character of `used`."""
    out = list(text)
    for ch in used:
        if ch in out:
            out.remove(ch)
    return "".join(out)


def _value(p: Piece) -> Decimal:
    v, _ = parse_amount(p.text)
    return v if v is not None else Decimal(0)


def close(a: Decimal, b: Decimal, parts: int) -> bool:
    return abs(a - b) <= _TOLERANCE * max(parts, 1)


def _places(p: Piece) -> int:
    """Decimal places printed (`12,604,173` 0, `2,925,857.00` 2)."""
    _, dot, frac = p.text.partition(".")
    return len(frac) if dot else 0


def printed_rounding(part: Piece, total: Piece) -> Decimal:
    """The rounding a part of `total` may carry as printed: a part printed to fewer places than the
    total (whole yuan under a total in cents: `12,604,173` under `79,189,400.34`) was rounded there,
    half a unit of its last place; else a cent's tolerance."""
    places = _places(part)
    if places < _places(total):
        return Decimal(5) / Decimal(10) ** (places + 1)
    return _TOLERANCE


def adds_up(total: Piece, parts: list[Piece]) -> bool:
    """total = Σ parts, within the rounding the parts carry as printed."""
    tolerance = sum((printed_rounding(p, total) for p in parts), Decimal(0))
    return abs(_value(total) - sum((_value(p) for p in parts), Decimal(0))) <= max(tolerance, _TOLERANCE)


_DOUBT = ("column uncertain: the item prints fewer amounts than its side has columns, and neither the "
          "sums nor the income side settle where they stand")


def place(amounts: list[Piece], n: int, first_is_total: bool, zero_cols: set[int]) -> Placed:
    """The columns of a side's amounts: in order when every column is printed, else the placements
    the row identity (合计 = Σ the parts) and the columns known to be 0 allow; more than one left,
    the first, in doubt (`by_column_sums` may settle it)."""
    m = len(amounts)
    if m == n or m == 0:
        return Placed(tuple(range(m)), candidates=[tuple(range(m))])
    values = [_value(a) for a in amounts]
    found = []
    for cols in combinations(range(n), m):
        if any(c in zero_cols and v != 0 for c, v in zip(cols, values)):
            continue
        if first_is_total and not _row_holds(amounts, values, cols, n):
            continue
        found.append(cols)
    return _settle(Placed(found[0] if found else tuple(range(m)), candidates=found), m)


def _row_holds(amounts: list[Piece], values: list[Decimal], cols: tuple[int, ...], n: int) -> bool:
    """合计 = Σ the parts with the amounts in these columns (blank cells 0): within a cent per part, or
    within the rounding the parts carry as printed (`adds_up`)."""
    vec = _vector(values, cols, n)
    if close(vec[0], sum(vec[1:], Decimal(0)), n - 1):
        return True
    return bool(cols) and cols[0] == 0 and adds_up(amounts[0], amounts[1:])


def _vector(values: list[Decimal], cols: tuple[int, ...], n: int) -> list[Decimal]:
    vec = [Decimal(0)] * n
    for c, v in zip(cols, values):
        vec[c] = v
    return vec


def _settle(p: Placed, m: int) -> Placed:
    """Certain when one placement is left; else the first, with the amounts whose column differs
    between the placements in doubt."""
    if len(p.candidates) == 1:
        p.cols, p.doubt, p.unsure = p.candidates[0], None, set()
        return p
    fallback = p.candidates or [tuple(range(m))]
    p.cols = fallback[0]
    p.unsure = {k for k in range(m) if len({c[k] for c in fallback}) > 1} or set(range(m))
    p.doubt = _DOUBT
    return p


def by_column_sums(side: list[Item], placed: dict[int, Placed], n: int) -> None:
    """The numbered items above 本年…合计 (or the 总计 printed right after them) add up to it column
    by column: the placements of the items still in doubt that make every column add up are kept (a
    bounded search); an item left with one is placed."""
    run, end = run_items(side)
    year = next((it for it in side if YEAR_TOTAL.match(it.label)), None)
    if year is None:
        year = _closing_grand(side, end)
    if year is None or not run or len(placed[id(year)].candidates) != 1:
        return
    open_items = [it for it in run if len(placed[id(it)].candidates) > 1]
    if not open_items or any(not placed[id(it)].candidates for it in run):
        return
    target = _vector([_value(a) for a in year.amounts], placed[id(year)].cols, n)
    fixed = [Decimal(0)] * n
    for it in run:
        if len(placed[id(it)].candidates) == 1:
            fixed = [a + b for a, b in zip(fixed, _vector([_value(x) for x in it.amounts], placed[id(it)].cols, n))]
    vectors = [[(c, _vector([_value(x) for x in it.amounts], c, n)) for c in placed[id(it)].candidates]
               for it in open_items]
    seen: list[set[tuple[int, ...]]] = [set() for _ in open_items]
    chosen: list[tuple[int, ...]] = []
    budget = [_SEARCH_BUDGET]
    tolerance = len(run)

    def walk(k: int, sums: list[Decimal]) -> bool:
        budget[0] -= 1
        if budget[0] < 0:
            return False
        if k == len(open_items):
            if all(close(s, t, tolerance) for s, t in zip(sums, target)):
                for x, c in enumerate(chosen):
                    seen[x].add(c)
            return True
        for cols, vec in vectors[k]:
            chosen.append(cols)
            ok = walk(k + 1, [a + b for a, b in zip(sums, vec)])
            chosen.pop()
            if not ok:
                return False
        return True

    if not walk(0, fixed):
        return
    for it, options in zip(open_items, seen):
        if options:
            p = placed[id(it)]
            p.candidates = [c for c in p.candidates if c in options]
            _settle(p, len(it.amounts))


def _closing_grand(side: list[Item], end: int) -> Optional[Item]:
    """The 总计 that closes the numbered items when no 本年…合计 and no carry-over item stands between
    (a unit's 财务收支预算总表: `四、住房保障支出` then `支出总计`): they are its parts."""
    rest = [it for it in side[end:] if it.label]
    return rest[0] if len(rest) == 1 and GRAND.match(rest[0].label) else None


def run_items(side: list[Item]) -> tuple[list[Item], int]:
    """The numbered items (一、二、…) a side prints before its first unnumbered item, and the index of
    that item; their sub-items are skipped: those numbered 1、 （一）, and unnumbered ones standing
    between two numbered items (a budget's `一、财政拨款` / `一般公共预算` / … / `二、财政专户管理资金`),
    but never a total or a carry-over item."""
    out: list[Item] = []
    pending: Optional[int] = None  # the first unnumbered item after the last numbered one
    for k, it in enumerate(side):
        if not it.label:
            continue
        if ordinal_value(it.label) is not None:
            out.append(it)
            pending = None
        elif not ORDINAL.match(it.label):
            if not out or _ends_run(it.label):
                return out, k if pending is None else pending
            pending = k if pending is None else pending
    return out, len(side) if pending is None else pending


def _ends_run(label: str) -> bool:
    return bool(YEAR_TOTAL.match(label) or GRAND.match(label) or carry_item(label))


def sub_items(side: list[Item]) -> list[tuple[Item, list[Item]]]:
    """Each numbered item of the run with the unnumbered items printed under it before the next
    numbered one (`一、财政拨款` with `一般公共预算`, `政府性基金预算`, `国有资本经营预算`)."""
    run, end = run_items(side)
    out: list[tuple[Item, list[Item]]] = []
    for it in side[:end]:
        if not it.label:
            continue
        if ordinal_value(it.label) is not None:
            out.append((it, []))
        elif out and not ORDINAL.match(it.label):
            out[-1][1].append(it)
    return [(head, subs) for head, subs in out if subs]


def first_value(it: Item, placed: Placed) -> Decimal:
    """The item's amount in its side's first column (0 when blank)."""
    for a, c in zip(it.amounts, placed.cols):
        if c == 0:
            return _value(a)
    return Decimal(0)


def fund_zero_columns(left: list[tuple[Item, Decimal]], right_cols: list[str]) -> set[int]:
    """Right-side fund columns that are 0 throughout: the income items naming one fund (一般公共预算,
    政府性基金, 国有资本经营) must add up to the income 总计; a fund whose items are all blank or 0
    was not spent either."""
    per = [Decimal(0)] * len(_FUNDS)
    grand: Optional[Decimal] = None
    for it, v in left:
        if GRAND.match(it.label):
            grand = v
            continue
        hits = [f for f, word in enumerate(_FUNDS) if word in it.label]
        if len(hits) == 1:
            per[hits[0]] += v
    if grand is None or not close(sum(per, Decimal(0)), grand, len(left)):
        return set()
    out = set()
    for c, name in enumerate(right_cols):
        hits = [f for f, word in enumerate(_FUNDS) if word in name]
        if len(hits) == 1 and c > 0 and per[hits[0]] == 0:
            out.add(c)
    return out


def side_sums(side: list[tuple[Item, Decimal]]) -> Optional[int]:
    """How many of the side's sums hold (本年…合计 = Σ the numbered items, 总计 = that, or the
    numbered items, + the carry-over items; a second …合计 after 本年…合计, `收入合计` of a budget's
    收支总表, is its 总计); None when one fails."""
    labelled = [it for it, _ in side if it.label]
    value = {id(it): v for it, v in side}
    run, end = run_items(labelled)
    year: Optional[Decimal] = None
    grand: Optional[Decimal] = None
    carry: list[Decimal] = []
    for it in labelled[end:]:
        if GRAND.match(it.label):
            grand = value[id(it)]
            break
        if YEAR_TOTAL.match(it.label) and year is not None:
            grand = value[id(it)]  # 收入合计 after 本年收入合计 and the carry-over: the side's 总计
            break
        if YEAR_TOTAL.match(it.label):
            year = value[id(it)]
        elif carry_item(it.label):
            carry.append(value[id(it)])
    numbered = sum((value[id(it)] for it in run), Decimal(0))
    held = 0
    if year is not None and run:
        if not close(numbered, year, len(run)):
            return None
        held += 1
    if grand is not None and (year is not None or run):
        base = year if year is not None else numbered
        if not close(base + sum(carry, Decimal(0)), grand, len(run) + len(carry) + 1):
            return None
        held += 1
    return held


def grand_value(side: list[tuple[Item, Decimal]]) -> Optional[Decimal]:
    return next((v for it, v in side if GRAND.match(it.label)), None)


def carry_item(label: str) -> bool:
    """A carry-over item (年初 / 上年 / 年末 / 年终 结转和结余, 使用…结余, 弥补…), not a subject whose name
    holds such a word (`国有土地使用权出让收入安排的支出`)."""
    return bool(_CARRY.search(label)) and not is_subject(label)


def subject_name(label: str) -> str:
    """The label without its item number (`一、一般公共服务支出` -> `一般公共服务支出`)."""
    m = ORDINAL.match(label)
    return label[m.end():] if m else label


def is_subject(label: str) -> bool:
    """A 功能分类 subject the catalogue names (`行政运行`, `一、一般公共服务支出`)."""
    return bool(codes_named(subject_name(label)))


def subject_sums(side: list[tuple[Item, Decimal]]) -> Optional[tuple[int, list[Item]]]:
    """Checks an expenditure side's 功能分类 subjects printed as a tree (类, its 款, their 项, no
    codes): each item is placed under the 类 / 款 above it where the catalogue names it there, else
    opens a 类; every 类 / 款 printed with parts must equal their sum, and the 类 add up to 本年…合计
    (to 总计 when no 本年…合计 is printed and nothing is carried over).
    Returns how many sums held and the items a failing sum leaves in doubt (a 类 / 款 off the sum of its
    parts: it and its parts; the 类 off 本年…合计: those their own parts do not confirm); None when the
    tree cannot be built for certain (an unnamed item with an amount, a name the catalogue has under
    no printed parent and at no 类); (0, []) when the side prints no subject."""
    nodes: list[tuple[Item, Decimal, str, list[int]]] = []  # item, value, code, children (indices)
    stack: list[int] = []  # indices of the open 类 / 款
    year: Optional[Decimal] = None
    grand: Optional[Decimal] = None
    carried = Decimal(0)
    for it, v in side:
        if not it.label:
            continue
        name = subject_name(it.label)
        if YEAR_TOTAL.match(name):
            year = v
            continue
        codes = codes_named(name)
        if not codes:
            if GRAND.match(name) and grand is None:
                grand = v
            elif _CARRY.search(name) or "分配" in name:
                carried += v
            elif v != 0:
                return None  # an item with an amount the tree cannot hold
            continue
        code = None
        for depth in (2, 1):  # deepest first: a 项 of the open 款, then a 款 of the open 类
            if len(stack) >= depth:
                parent = nodes[stack[depth - 1]][2]
                hits = [c for c in codes if len(c) == 3 + 2 * depth and c[:len(parent)] == parent]
                if len(hits) == 1:
                    code, stack = hits[0], stack[:depth]
                    break
        if code is None:
            top = [c for c in codes if len(c) == 3]
            if len(top) != 1:
                return None  # a name the catalogue does not have under the 类 / 款 printed above it
            code, stack = top[0], []
        if stack:
            nodes[stack[-1]][3].append(len(nodes))
        if len(code) < 7:
            stack.append(len(nodes))
        nodes.append((it, v, code, []))
    if not nodes:
        return 0, []
    if year is None and carried == 0:
        year = grand  # no 本年…合计 printed (or not on this page) and nothing carried over: the 总计
    held = 0
    off: list[int] = []
    fixed: dict[int, Decimal] = {}
    for k, (_, v, _, kids) in enumerate(nodes):
        if not kids:
            continue
        parts = sum((nodes[c][1] for c in kids), Decimal(0))
        if close(parts, v, len(kids)):
            held += 1
        else:
            off.append(k)
            fixed[k] = parts
    if year is not None:
        lei = [k for k, n in enumerate(nodes) if len(n[2]) == 3]
        total = sum((nodes[k][1] for k in lei), Decimal(0))
        if close(total, year, len(lei)):
            held += 1
        else:
            mended = sum((fixed.get(k, nodes[k][1]) for k in lei), Decimal(0))
            if not (any(k in fixed for k in lei) and close(mended, year, len(lei))):
                # a 类 missing or printed off: those its own parts do not confirm are in doubt
                off += [k for k in lei if k not in off and not (nodes[k][3] and k not in fixed)]
    doubt: list[Item] = []
    for k in off:
        doubt.append(nodes[k][0])
        if k in fixed:
            doubt += [nodes[c][0] for c in nodes[k][3]]
    return held, doubt
