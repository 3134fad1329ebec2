"""Reader `spaced-tree`: tables by project printed one row per line with blank cells absent, their
columns a tree whose sums place the amounts: Shandong's 项目支出预算情况表 (`项目名称 项目类别 合计 |
财政拨款 (小计 一般公共预算 政府性基金预算 国有资本经营预算) | 财政专户管理资金 | 单位资金 |
使用非财政拨款结余 | 上年结转`, rows `审计业务经费 其他运转类 539.00 539.00`) and Zhejiang's 项目支出预算表
(`单位名称 项目名称 总计 | 财政拨款收入 (the funds) | 财政专户管理资金 | 单位资金`, rows
`某某局 日常保障运行 64.90 64.90`).

What it does: after a table's title, reads a header made only of such a tree's words — the label
columns (项目名称, perhaps 单位名称 before it and 项目类别 after it), 合计 / 总计, perhaps 财政拨款 over
its 小计 and the funds, and the other sources of money (财政专户管理资金, 单位资金, 事业收入 …, 上年结转),
column numbers — then the rows: a label (its 单位 the first word, its 类 the last, a name broken
over lines above its row joined) and its amounts. pypdf prints a spanning label's sub-columns on a
line of their own, so only the order of the single columns on their line and of the funds on
theirs is taken from the print; where 财政拨款's columns stand among the single columns is decided by
the sums, the same for every row: 合计 = 小计 + the other sources and 小计 = the funds. A row prints
its amounts from 合计 on, blank cells absent: its amounts are placed in every order and subset of
the columns where the sums hold; an amount whose column is the same in every placement left is
read as printed, one that could stand in more than one column (`67.00 67.00 67.00`: the third could
be any fund) carries an unconfirmed `layout.column_guess` repair (to review) at the first
placement's column. Without a 小计 (合计 = every other column) only 合计 is certain in a row that
prints fewer amounts than the columns. A table where no placement makes the sums hold in every row,
or whose header holds any other word, is declined (the `spaced` reader then tries it).
pdfplumber and -layout print a header of two levels interleaved, a word's head above the main line
and its tail below it (`财政专户` / `单位名称 项目名称 总计 单位资金` / `管理资金`): each head is joined to the
first later piece that completes a word (`_rejoined`; a tail no head completes may complete a short
word printed whole before it: `政府性基金` / `预算`; up to five such words); where such a word stands among the columns is
not printed, so every place is tried (the sums decide, else the amount goes to review, and so does
every blank cell an uncertain amount may stand in). They also centre a unit's name too long for its
cell on its row (`某某学院（某某` / `日常保障运行 210.00 …` / `学校）`): a row printing its project only gets
the pieces above it and the fewest below it that make its unit's name end as a unit's name does
(`_centred_units`).
What it does not: read tables by subject code (spaced_rows.py), by unit under a 合计 row with every
cell printed (spaced_labelled.py), or rows printed over several lines of amounts.
"""
from __future__ import annotations

from decimal import Decimal
from itertools import combinations
from typing import Optional, Sequence

import regex as re

from ..evidence.numbers import CENT_PER_PART
from ..datamodel import Cell, GridBlock, NLine
from ..evidence.numbers import parse_amount
from ..evidence.printed import ORG_TAIL
from .spaced_text import after_title, amount_cell, furniture, name_piece, text_cell
from .spaced_three import collect_rows, header_end, header_words, row_label
from .text_tables import text_reader, with_report

_CENT = CENT_PER_PART  # per added part (evidence/numbers.py)
_MAX_WIDTH = 12  # amount columns: the placements are tried over at most these

_LEAVES = ("财政专户管理资金", "财政专户拨款", "单位资金", "使用非财政拨款结余", "上年结转结余", "上年结转", "事业收入",
           "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入")
_FUNDS = ("一般公共预算", "政府性基金预算", "国有资本经营预算")
_ALIAS = {"政府性基金": "政府性基金预算", "财政拨款收入": "财政拨款", "总计": "合计"}  # printed short / long
_WORDS: list[tuple[str, str]] = sorted(
    [("name", "项目名称"), ("kind", "项目类别"), ("unit", "单位名称"), ("total", "合计"), ("total", "总计"),
     ("parent", "财政拨款"), ("parent", "财政拨款收入"), ("sub", "小计"), ("fund", "政府性基金")]
    + [("leaf", w) for w in _LEAVES] + [("fund", w) for w in _FUNDS], key=lambda kw: -len(kw[1]))
_WORD_RE = re.compile("|".join(re.escape(w) for _, w in _WORDS))
_KIND = {w: k for k, w in _WORDS}
_CATEGORY = re.compile(r"^\p{Han}{2,8}类$")  # 其他运转类, 特定目标类
_TOTAL_LABEL = re.compile(r"^(?:合计|总计)$")
_DOUBT = ("column uncertain: the row prints fewer amounts than the table has columns and the column sums "
          "hold with this amount in more than one column")
_PARENT = "财政拨款"
_BLANK_DOUBT = ("column uncertain: an amount of this row may stand in this column (the column sums hold with it "
                "here too), so the cell is not certainly blank")
# a unit's name ends as an organisation's does, perhaps with another name of it in brackets after it
# (`某某学院（某某学校）`) or a part (`某某局（本级）`)
_UNIT_END = re.compile(rf"{ORG_TAIL}(?:[（(]\p{{Han}}{{1,20}}[）)])?$|{ORG_TAIL}[）)]$")
_TAIL_PIECES = 2  # lines a unit's name goes on over below its row, at most
_MAX_OPEN = 5  # header words joined from pieces (each tried in every place), at most


class _Tree:
    def __init__(self, leaves: list[str], funds: list[str], printed: list[str], sub: bool, grouped: bool,
                 kind: bool, unit: bool, open_words: Sequence[str] = ()) -> None:
        self.leaves = leaves  # the single columns after 合计, in printed order
        self.funds = funds  # 财政拨款's funds, in printed order
        self.sub = sub  # 财政拨款's 小计 before its funds
        self.kind = kind  # a 项目类别 column after the name
        self.unit = unit  # a 单位名称 column before the name
        self.block_roles = frozenset((["小计"] if sub else []) + funds)
        # words joined from pieces printed around the header's other words: where they stand is open
        free = set(open_words)
        fixed_leaves, free_leaves = [w for w in leaves if w not in free], [w for w in leaves if w in free]
        fixed_funds, free_funds = [w for w in funds if w not in free], [w for w in funds if w in free]
        orders: list[list[str]] = []
        if grouped:  # the funds under their spanning label: where they stand among the others is open
            for fund_order in _interleavings(fixed_funds, free_funds):
                block = (["小计"] if sub else []) + fund_order
                for leaf_order in _interleavings(fixed_leaves, free_leaves):
                    orders += [["合计"] + leaf_order[:p] + block + leaf_order[p:] for p in range(len(leaf_order) + 1)]
        else:  # every column's label on the header's one level: the printed order, open words anywhere
            orders = [["合计"] + o for o in _interleavings([w for w in printed if w not in free],
                                                          [w for w in printed if w in free])]
        self.orders = [list(o) for o in dict.fromkeys(tuple(o) for o in orders)]
        self.grouped = grouped

    @property
    def width(self) -> int:
        return 1 + len(self.block_roles) + len(self.leaves)


def _interleavings(fixed: list[str], free: list[str]) -> list[list[str]]:
    """Every sequence of `fixed` and `free` that keeps the order of each (the free words anywhere)."""
    if not free or not fixed:
        return [list(fixed) + list(free)]
    return [[fixed[0]] + rest for rest in _interleavings(fixed[1:], free)] + [
        [free[0]] + rest for rest in _interleavings(fixed, free[1:])]


def _rejoined(text: str) -> Optional[tuple[str, list[str]]]:
    """A header whose words come broken, a word's head printed above the header's main line and its
    tail below it (`国有资本经营 财政专户管理` / `单位名称 项目名称 总计 …` / `预算 资金`: a header of several
    levels as pdfplumber and -layout print it): the text with each head joined to the first tail after
    it that completes a word (heads and tails paired in print order, each piece used once) and the
    joined words put last, and those words; None when a piece completes no word."""
    toks = text.split()
    pieces = [k for k, t in enumerate(toks) if header_words(t, _WORD_RE, _KIND) is None]
    if not pieces:
        return None
    used: set[int] = set()
    joined: list[tuple[int, str]] = []
    for k in pieces:
        if k in used:
            continue
        used.add(k)
        tail = next((q for q in pieces if q > k and q not in used and _one_word(toks[k] + toks[q])), None)
        if tail is None:  # the tail of a short word printed whole before it (`政府性基金` / `预算`)
            head = next((q for q in range(k - 1, -1, -1) if q not in used and q not in pieces and _one_word(
                toks[q]) and _one_word(toks[q] + toks[k]) and toks[q] + toks[k] != toks[q]), None)
            if head is None or len(joined) == _MAX_OPEN:
                return None
            used.add(head)
            joined.append((head, toks[head] + toks[k]))
            continue
        if len(joined) == _MAX_OPEN:
            return None
        used.add(tail)
        joined.append((k, toks[k] + toks[tail]))
    words = [w for _, w in sorted(joined)]  # in the order of their heads
    rest = [t for k, t in enumerate(toks) if k not in used]
    return " ".join(rest + words), words


def _one_word(text: str) -> bool:
    found = header_words(text, _WORD_RE, _KIND)
    return found is not None and len(found) == 1 and found[0][1] == text


def _tree(text: str) -> Optional[_Tree]:
    printed = header_words(text, _WORD_RE, _KIND)
    open_words: list[str] = []
    if printed is None:
        again = _rejoined(text)
        if again is None:
            return None
        printed = header_words(again[0], _WORD_RE, _KIND)
        if printed is None or len(printed) < len(again[1]):
            return None
        open_words = [_ALIAS.get(w, w) for w in again[1]]
    n_fixed = len(printed) - len(open_words)
    found = [(k, _ALIAS.get(w, w)) for k, w in printed]
    words = [w for _, w in found]
    if len(set(words)) != len(words):
        return None  # a word printed twice: not one tree
    kinds = [k for k, _ in found]
    fixed_kinds = kinds[:n_fixed]
    if kinds.count("name") != 1 or kinds.count("total") != 1 or kinds.count("sub") > 1:
        return None
    if any(k not in ("fund", "leaf") for k in kinds[n_fixed:]):
        return None  # only a column of amounts may stand anywhere
    leaves = [w for k, w in found if k == "leaf"]
    funds = [w for k, w in found if k == "fund"]
    if not leaves or not funds or "total" not in fixed_kinds or (
            "leaf" in fixed_kinds and fixed_kinds.index("total") > fixed_kinds.index("leaf")):
        return None
    if "unit" in kinds and kinds.index("unit") > kinds.index("name"):
        return None
    sub, grouped = "sub" in kinds, "parent" in kinds
    if sub and not grouped:
        return None
    printed_cols = [w for k, w in found if k in ("fund", "leaf")]
    tree = _Tree(leaves, funds, printed_cols, sub, grouped, "kind" in kinds, "unit" in kinds, open_words)
    return tree if tree.width <= _MAX_WIDTH else None


def _placements(tree: _Tree, amounts: list[Decimal]) -> list[tuple[int, tuple[int, ...]]]:
    """(order index, columns of the amounts) where the sums hold (合计 = 小计 + the other sources, 小计
    = the funds, blank cells 0); the first amount is 合计's. Every amount but 合计 is a top-level part
    or a fund, so 小计 = Σ of the others − 合计 whatever the placement: a row where that is no amount of
    it (or 0 with no 小计 printed) has none, and the others are tried only with it under 小计. With no
    小计 (合计 = every other column) any placement adds up when the row does: a row printing fewer
    amounts than the columns gets its leftmost and its rightmost placement (every amount but 合计 then
    has two columns)."""
    total, rest = amounts[0], amounts[1:]
    tol = _CENT * max(1, len(amounts) - 1)
    out = []
    if not tree.sub:
        if abs(total - sum(rest, Decimal(0))) > tol:
            return []
        n, w = len(rest), tree.width
        for o in range(len(tree.orders)):
            out.append((o, tuple(range(n + 1))))
            if n + 1 < w:
                out.append((o, (0,) + tuple(range(w - n, w))))
        return out
    sub = sum(rest, Decimal(0)) - total
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


def _split_label(label: str, tree: _Tree) -> Optional[tuple[str, str, str]]:
    """(name, 单位, 类) of a row's label; the 合计 row has neither."""
    words = label.split()
    if _TOTAL_LABEL.match("".join(words)):
        return "".join(words), "", ""
    unit = kind = ""
    if tree.kind:
        if len(words) < 2 or not _CATEGORY.match(words[-1]):
            return None
        kind, words = words[-1], words[:-1]
    if tree.unit:
        if len(words) < 2:
            return None
        unit, words = words[0], words[1:]
    return " ".join(words), unit, kind


def _centred_units(lines: Sequence[NLine], rows: list[tuple[NLine, str, list[str], bool]], end: int
                   ) -> Optional[tuple[list[tuple[NLine, str, list[str], bool]], int]]:
    """The rows of a table by unit and project whose unit names are broken over lines centred on
    their row (pdfplumber and -layout: `某某学院（某某高级技` / `日常保障运行 210.00 160.00 50.00` /
    `工学校）`): a row printing its project only gets the pieces above it and the fewest pieces below it
    that make its unit's name end as a unit's name does; a row printing its unit and project has
    no piece above it. None when the pieces cannot be shared out so (rows then stay as read)."""
    at = {id(ln): k for k, ln in enumerate(lines)}
    idx = [at.get(id(ln)) for ln, _, _, _ in rows]
    if any(k is None for k in idx):
        return None
    gaps: list[list[NLine]] = []
    prev = idx[0]
    for k in idx[1:]:
        # (a page number between rows is skipped; a piece printed on many rows is no running header)
        gaps.append([ln for ln in lines[prev + 1:k] if ln.text.strip() and (name_piece(ln) or not furniture(lines, ln))])
        prev = k
    after: list[NLine] = []
    k = idx[-1] + 1
    while k < len(lines) and len(after) < _TAIL_PIECES:
        if lines[k].text.strip():
            if not name_piece(lines[k]):
                break
            after.append(lines[k])
        k += 1
    gaps.append(after)
    if any(not name_piece(p) for g in gaps for p in g):
        return None
    out: list[tuple[NLine, str, list[str], bool]] = []
    carry: list[NLine] = []
    last_end = end
    for r, (ln, _, words, _) in enumerate(rows):
        own = row_label(ln)
        if own is None:
            return None
        parts = own.split()
        nxt = gaps[r]
        if _TOTAL_LABEL.match("".join(parts)) or len(parts) >= 2:
            if carry:
                return None
            out.append((ln, own, words, False))
            carry = nxt
            continue
        for t in range(len(nxt) + 1):
            unit = "".join(p.text.strip() for p in carry + nxt[:t])
            if _UNIT_END.search(unit):
                break
        else:
            return None
        out.append((ln, unit + " " + own, words, True))
        if r == len(rows) - 1 and t:
            last_end = at[id(nxt[t - 1])] + 1
        carry = nxt[t:]
    return out, last_end


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
    tree = _tree(" ".join(ln.text for ln in header))  # (header_words drops the spaces)
    if tree is None:
        return None
    rows, end = collect_rows(lines, first, [])
    if not rows:
        return None
    if tree.unit and any(_split_label(label, tree) is None for _, label, _, _ in rows):
        centred = _centred_units(lines, rows, end)
        if centred is not None:
            rows, end = centred
    labels, amounts = [], []
    for _, label, words, _ in rows:
        split = _split_label(label, tree)
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
    # by unit and project: the unit names the row (the first column, as the PDF route has it)
    keys = (["单位名称", "项目名称"] if tree.unit else ["项目"]) + (["项目类别"] if tree.kind else [])
    if tree.grouped:  # 财政拨款 over its 小计 and funds
        first_block = next(role for role in order if role in tree.block_roles)
        top = keys + [_PARENT if role == first_block else "" if role in tree.block_roles else role for role in order]
        header = [top, [""] * len(keys) + [role if role in tree.block_roles else "" for role in order]]
    else:
        header = [keys + order]
    grid: list[list[Cell]] = [[text_cell(lines[i], c) for c in r] for r in header]
    for (line, _, words, joined), (name, unit, kind), places in zip(rows, labels, per_row):
        places = [p for p in places if p[0] in orders]
        first_o, first_cols = next(p for p in places if p[0] == chosen)
        cells = [text_cell(line, "") for _ in range(tree.width)]
        for t, w in enumerate(words):
            roles = {tree.orders[o][cols[t]] for o, cols in places}
            role = tree.orders[first_o][first_cols[t]]
            if len(roles) > 1:  # the columns it may stand in are not certainly blank either
                for other in roles - {role}:
                    if not cells[index[other]].text:
                        cells[index[other]] = amount_cell(line, "", _BLANK_DOUBT)
            cells[index[role]] = amount_cell(line, w, None if len(roles) == 1 else _DOUBT)
        head = ([text_cell(line, unit or name, joined=joined), text_cell(line, name if unit else "")] if tree.unit
                else [text_cell(line, name, joined=joined)]) + ([text_cell(line, kind)] if tree.kind else [])
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
