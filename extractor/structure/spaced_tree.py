"""Reader `spaced-tree`: tables by project printed one row per line with blank cells absent, their
columns a tree whose sums place the amounts (Shandong's 项目支出预算情况表: `项目名称 项目类别 合计 |
财政拨款 (小计 一般公共预算 政府性基金预算 国有资本经营预算) | 财政专户管理资金 | 单位资金 |
使用非财政拨款结余 | 上年结转`, rows `审计业务经费 其他运转类 539.00 539.00`).

What it does: after a table's title, reads a header made only of such a tree's words — the
project's label columns (项目名称, perhaps 项目类别), 合计, 财政拨款 over its 小计 and the funds, and
the other sources of money (财政专户管理资金, 单位资金, 事业收入 …, 上年结转) — then the rows: a label (with
its 类 when the header names 项目类别) and its amounts. pypdf prints a spanning label's sub-columns
on a line of their own, so only the order of the single columns on their line and of the funds on
theirs is taken from the print; where 财政拨款's columns stand among the single columns is decided by
the sums, the same for every row: 合计 = 小计 + the other sources and 小计 = the funds. A row prints its
amounts from 合计 on, blank cells absent: its amounts are placed in every order and subset of the
columns where the sums hold; an amount whose column is the same in every placement left is read as
printed, one that could stand in more than one column (`67.00 67.00 67.00`: the third could be any
fund) carries an unconfirmed `layout.column_guess` repair (to review) at the first placement's
column. A table where no placement makes the sums hold in every row, or whose header holds any
other word, is declined (the `spaced` reader then tries it).
What it does not: read tables by subject code (spaced_rows.py), by unit under a 合计 row with every
cell printed (spaced_labelled.py), or rows printed over several lines of amounts.
"""
from __future__ import annotations

from decimal import Decimal
from itertools import combinations
from typing import Optional, Sequence

import regex as re

from ..datamodel import Cell, GridBlock, NLine
from ..evidence.numbers import parse_amount
from .spaced_text import after_title, amount_cell, text_cell
from .spaced_three import collect_rows, header_end
from .text_tables import text_reader, with_report

_CENT = Decimal("0.011")  # per added part: amounts printed to 0.01 may round apart by one cent
_MAX_WIDTH = 12  # amount columns: the placements are tried over at most these

_LEAVES = ("财政专户管理资金", "财政专户拨款", "单位资金", "使用非财政拨款结余", "上年结转结余", "上年结转", "事业收入",
           "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入")
_FUNDS = ("一般公共预算", "政府性基金预算", "国有资本经营预算")
_WORDS: list[tuple[str, str]] = sorted(
    [("name", "项目名称"), ("kind", "项目类别"), ("total", "合计"), ("parent", "财政拨款"), ("sub", "小计")]
    + [("leaf", w) for w in _LEAVES] + [("fund", w) for w in _FUNDS], key=lambda kw: -len(kw[1]))
_WORD_RE = re.compile("|".join(re.escape(w) for _, w in _WORDS))
_KIND = {w: k for k, w in _WORDS}
_DROPPED = re.compile(r"[\s（）()“”\"'‘’]|其中[:：]?")
_GAP = re.compile(r"^[*＊、:：\d]*$")
_CATEGORY = re.compile(r"^\p{Han}{2,8}类$")  # 其他运转类, 特定目标类
_TOTAL_LABEL = re.compile(r"^(?:合计|总计)$")
_DOUBT = ("column uncertain: the row prints fewer amounts than the table has columns and the column sums "
          "hold with this amount in more than one column")


class _Tree:
    def __init__(self, leaves: list[str], funds: list[str], kind: bool) -> None:
        self.leaves = leaves  # the single columns after 合计, in printed order
        self.funds = funds  # 财政拨款's funds, in printed order
        self.kind = kind  # a 项目类别 column after the name
        block = ["小计"] + funds
        self.orders = [["合计"] + leaves[:p] + block + leaves[p:] for p in range(len(leaves) + 1)]

    @property
    def width(self) -> int:
        return 2 + len(self.leaves) + len(self.funds)


def _tree(text: str) -> Optional[_Tree]:
    t = _DROPPED.sub("", text)
    found: list[tuple[str, str]] = []
    at = 0
    for m in _WORD_RE.finditer(t):
        if not _GAP.match(t[at:m.start()]):
            return None
        found.append((_KIND[m.group()], m.group()))
        at = m.end()
    if not _GAP.match(t[at:]):
        return None
    words = [w for _, w in found]
    if len(set(words)) != len(words):
        return None  # a word printed twice: not one tree
    kinds = [k for k, _ in found]
    if kinds.count("name") != 1 or kinds.count("total") != 1 or kinds.count("sub") != 1:
        return None
    leaves = [w for k, w in found if k == "leaf"]
    funds = [w for k, w in found if k == "fund"]
    if not leaves or not funds or kinds.index("total") > kinds.index("leaf"):
        return None
    tree = _Tree(leaves, funds, "kind" in kinds)
    return tree if tree.width <= _MAX_WIDTH else None


def _placements(tree: _Tree, amounts: list[Decimal]) -> list[tuple[int, tuple[int, ...]]]:
    """(order index, columns of the amounts) where the sums hold (合计 = 小计 + the other sources, 小计
    = the funds, blank cells 0); the first amount is 合计's. Every amount but 合计 is a top-level part
    or a fund, so 小计 = Σ of the others − 合计 whatever the placement: a row where that is no amount of
    it (or 0 with no 小计 printed) has none, and the others are tried only with it under 小计."""
    total, rest = amounts[0], amounts[1:]
    sub = sum(rest, Decimal(0)) - total
    tol = _CENT * max(1, len(amounts) - 1)
    out = []
    for o, order in enumerate(tree.orders):
        s = order.index("小计")
        funds = frozenset(c for c, role in enumerate(order) if role in tree.funds)
        for cols in combinations(range(1, tree.width), len(rest)):
            at_sub = next((a for a, c in zip(rest, cols) if c == s), Decimal(0))
            if abs(at_sub - sub) > tol:
                continue
            in_funds = sum((a for a, c in zip(rest, cols) if c in funds), Decimal(0))
            top = sum((a for a, c in zip(rest, cols) if c not in funds), Decimal(0))
            if abs(in_funds - at_sub) <= tol and abs(total - top) <= tol:
                out.append((o, (0,) + cols))
    return out


def _split_label(label: str, kind: bool) -> Optional[tuple[str, str]]:
    """(name, 类) of a row's label; the 合计 row has no 类."""
    words = label.split()
    if _TOTAL_LABEL.match("".join(words)):
        return "".join(words), ""
    if not kind:
        return label, ""
    if len(words) < 2 or not _CATEGORY.match(words[-1]):
        return None
    return " ".join(words[:-1]), words[-1]


_LAST: tuple = (None, -1, None)  # (the lines last asked about, index, result): read takes what starts found


def _read(lines: Sequence[NLine], i: int, keep: bool) -> Optional[tuple[GridBlock, int]]:
    """The table at lines[i]; `keep`: hold the result for the read that follows (it is handed out once)."""
    global _LAST
    last = _LAST
    _LAST = (None, -1, None)
    got = last[2] if last[0] is lines and last[1] == i else _read_at(lines, i)
    if keep:
        _LAST = (lines, i, got)
    return got


def _read_at(lines: Sequence[NLine], i: int) -> Optional[tuple[GridBlock, int]]:
    first = header_end(lines, i)
    if first is None:
        return None
    header = [ln for ln in lines[i:first] if ln.text.strip()]
    tree = _tree("".join(ln.text for ln in header))
    if tree is None:
        return None
    rows, end = collect_rows(lines, first, [])
    if not rows:
        return None
    labels, amounts = [], []
    for _, label, words, _ in rows:
        split = _split_label(label, tree.kind)
        vals = [parse_amount(w)[0] for w in words]
        if split is None or len(words) > tree.width or any(v is None for v in vals):
            return None
        labels.append(split)
        amounts.append(vals)
    per_row = [_placements(tree, a) for a in amounts]
    orders = set.intersection(*({o for o, _ in p} for p in per_row))
    if not orders:
        return None
    chosen = min(orders)
    order = tree.orders[chosen]
    index = {role: c for c, role in enumerate(order)}
    keys = 2 if tree.kind else 1
    top = ["项目"] + (["项目类别"] if tree.kind else []) + [
        "财政拨款" if role == "小计" else ("" if role in tree.funds else role) for role in order]
    low = [""] * keys + [role if role == "小计" or role in tree.funds else "" for role in order]
    grid: list[list[Cell]] = [[text_cell(lines[i], c) for c in top], [text_cell(lines[i], c) for c in low]]
    for (line, _, words, joined), (name, kind), places in zip(rows, labels, per_row):
        places = [p for p in places if p[0] in orders]
        first_o, first_cols = next(p for p in places if p[0] == chosen)
        cells = [text_cell(line, "") for _ in range(tree.width)]
        for t, w in enumerate(words):
            roles = {tree.orders[o][cols[t]] for o, cols in places}
            role = tree.orders[first_o][first_cols[t]]
            cells[index[role]] = amount_cell(line, w, None if len(roles) == 1 else _DOUBT)
        head = [text_cell(line, name, joined=joined)] + ([text_cell(line, kind)] if tree.kind else [])
        grid.append(head + cells)
    return with_report(GridBlock(rows=grid, first_line=lines[i].no, last_line=rows[-1][0].no,
                                 method="spaced-tree")), end


@text_reader(49)
class TreeRowsReader:
    name = "spaced-tree"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        return after_title(lines, i) and _read(lines, i, keep=True) is not None

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        got = _read(lines, i, keep=False)
        return (None, i + 1) if got is None else got
