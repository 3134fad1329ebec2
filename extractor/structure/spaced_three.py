"""三公 tables of labelled rows printed one row per line by PDF text extractors: a row per unit
(`杭州市公路与港航管理服务中心 140.30 138.30 72.30 66.00 2.00`, blank cells absent) or per year
(`深圳市统计局（本级） 2025 年 59.62 0.00 0.00 43.87 …`, every 三公 column split by fund).

What it does: after a 三公 table's title, reads a header made only of the 三公 table's words — a
total (合计 / 总计 / “三公”经费合计, or 小计 alone), 因公出国（境）费, 公务接待费, 公务用车购置及运行(维护)费
with, perhaps, its 小计 / 购置费 / 运行(维护)费 under it, perhaps every column split into the funds
(一般公共预算 政府性基金预算 国有资本经营预算, printed once per column), the label column's word
(单位名称, 预算单位, 年度 …) and a line of column numbers (`** 1 2 3 4 5 6`) — then the rows: a label
(a name broken over lines above its row is joined) and its amounts. Converters print a header's
lines in an order that need not be the columns' (pypdf prints the car costs' spanning label above
the others), so only the order of the total and the two single items on their line is taken from
the print; where the car costs' columns stand among them is decided by the sums: in each fund,
合计 = 出国 + 接待 + 车 and 车 = 购置 + 运行, for every row, with the table's column order the same in
every row. A row printing fewer amounts than the columns (a blank cell absent, one fund only) has
its amounts placed in every order and subset of the columns where the sums hold. An amount whose
column is the same in every placement left is read as printed; one that could stand in more than
one column (`6.00 6.00`: 出国 or 接待) carries an unconfirmed `layout.column_guess` repair (to review)
at the first placement's column. A table where no placement makes the sums hold in every row, or
whose header holds a word the 三公 table does not have (会议费, 机关运行经费 …), is declined.
What it does not: read a 三公 table of one line of amounts (spaced_flat.py), labelled rows by fund
(行政经费 / “三公”经费 … : spaced_labelled.py), rows printed over several lines of amounts, or
several fund columns where a row prints fewer amounts than the columns.
"""
from __future__ import annotations

from decimal import Decimal
from itertools import combinations
from typing import Optional, Sequence

import regex as re

from ..evidence.numbers import CENT_PER_PART
from ..datamodel import Cell, GridBlock, NLine
from ..evidence.numbers import parse_amount
from ..evidence.printed import NOTE_LINE
from .spaced_text import SENTENCE, amount_cell, furniture, header_colon, is_amount, name_piece, text_cell, title_like, tokens
from .text_tables import with_report

_LOOKAHEAD = 64  # non-blank header lines: pypdf prints each broken fund word on its own line (18 columns)
_MAX_PIECES = 2  # lines a row's label is broken over above its row
_CENT = CENT_PER_PART  # per added part (evidence/numbers.py)

# the header's words, without spaces, brackets, quotes and 其中: (kind, word), the longer first
_WORDS: list[tuple[str, str]] = [
    ("top", "三公经费预决算数财政拨款"), ("top", "三公经费预算数财政拨款"),
    ("total", "三公经费合计"), ("total", "三公经费总计"),
    ("car", "公务用车购置及运行维护费"), ("car", "公务用车购置及运行费"),
    ("run", "公务用车运行维护费"), ("run", "公务用车运行费"), ("run", "公务用车运行"),
    ("buy", "公务用车购置费"), ("buy", "公务用车购置"),
    ("run", "运行维护费"), ("run", "运行费"), ("buy", "购置费"),
    ("abroad", "因公出国境费用"), ("abroad", "因公出国境费"),
    ("host", "公务接待费"),
    ("total", "合计"), ("total", "总计"), ("sub", "小计"),
    ("fund", "一般公共预算"), ("fund", "政府性基金预算"), ("fund", "国有资本经营预算"),
    ("label", "单位名称"), ("label", "预算单位"), ("label", "部门名称"), ("label", "项目名称"),
    ("label", "年度"), ("label", "单位"), ("label", "项目"), ("label", "部门"),
]
_WORD_RE = re.compile("|".join(re.escape(w) for _, w in _WORDS))
_KIND = {w: k for k, w in _WORDS}
_DROPPED = re.compile(r"[\s（）()“”\"'‘’]|其中[:：]?")
_GAP = re.compile(r"^[*＊、:：\d]*$")  # between the words: column numbers, stars, marks

# the columns as named in the output (the standard 三公 header: spaced_flat's long labels)
_ORDER_WORDS = ("因公出国", "公务接待")
_LABEL = {"total": "合计", "abroad": "因公出国（境）费", "host": "公务接待费"}
_CAR = "公务用车购置及运行维护费"
_CAR_SUBS = {"car": "小计", "buy": "公务用车购置费", "run": "公务用车运行维护费"}

_APART = ("column uncertain: 因公出国（境）费 and 公务接待费 are not printed on one header line, so their "
          "order, which no sum can tell, is not certain")
_DOUBT = ("column uncertain: the row prints fewer amounts than the table has columns and the 三公 sums "
          "hold with this amount in more than one column")


class _Model:
    """The header as read: the columns' roles in the orders left open, and the funds."""

    def __init__(self, orders: list[list[str]], funds: list[str], label: str, car_split: bool) -> None:
        self.orders = orders  # each a list of roles in printed order
        self.funds = funds  # the fund words inside each role's columns ([] when not split)
        self.label = label  # the label column's printed word
        self.car_split = car_split  # 小计 / 购置费 / 运行费 under the car costs

    @property
    def width(self) -> int:
        return len(self.orders[0]) * max(1, len(self.funds))


def header_words(text: str, word_re: re.Pattern, kind: dict[str, str]) -> Optional[list[tuple[str, str]]]:
    """(kind, word) of each word of `word_re` a header's text prints, in order (spaces, brackets,
    quotes and 其中: dropped), or None when it prints anything else between them than column
    numbers, stars and marks (the test spaced_tree.py shares)."""
    t = _DROPPED.sub("", text)
    found: list[tuple[str, str]] = []
    at = 0
    for m in word_re.finditer(t):
        if not _GAP.match(t[at:m.start()]):
            return None
        found.append((kind[m.group()], m.group()))
        at = m.end()
    return found if _GAP.match(t[at:]) else None


def _header_model(text: str) -> Optional[_Model]:
    """The 三公 columns a header's text names, or None when it names anything else."""
    found = header_words(text, _WORD_RE, _KIND)
    if found is None:
        return None
    kinds = [k for k, _ in found]
    count = {k: kinds.count(k) for k in set(kinds)}
    if any(count.get(k, 0) != 1 for k in ("abroad", "host", "car")):
        return None
    if count.get("total", 0) > 1 or count.get("sub", 0) > 1 or count.get("buy", 0) != count.get("run", 0) or (
            count.get("buy", 0) > 1):
        return None
    split = count.get("buy", 0) == 1
    total_kind = "total" if count.get("total") else "sub"
    if total_kind == "sub" and not count.get("sub"):
        return None
    if total_kind == "total" and count.get("sub") and not split:
        return None  # a 小计 with no car columns under it
    pos = {k: kinds.index(k) for k in ("abroad", "host", "car")}
    pos["total"] = kinds.index(total_kind)
    if pos["total"] > min(pos["abroad"], pos["host"]):
        return None
    first, second = sorted(("abroad", "host"), key=lambda k: pos[k])
    block = ["car"] + (sorted(("buy", "run"), key=kinds.index) if split else [])
    orders = [["total"] + block + [first, second], ["total", first] + block + [second],
              ["total", first, second] + block]
    # the order the print suggests (the car costs' label among the others: not certain, pypdf may
    # print a spanning label above its line), tried first where the sums leave more than one
    hint = sum(1 for k in (first, second) if pos[k] < pos["car"]) if pos["car"] > pos["total"] else None
    if hint:
        orders.insert(0, orders.pop(hint))
    words = [w for k, w in found if k == "fund"]
    funds = list(dict.fromkeys(words))
    if funds and any(words.count(f) != len(orders[0]) for f in funds):
        return None
    label = next((w for k, w in found if k == "label"), "项目")
    return _Model(orders, funds, label, split)


def _sums_hold(values: dict[str, Decimal], split: bool) -> bool:
    """合计 = 出国 + 接待 + 车 and, with the car costs split, 车 = 购置 + 运行 (blank cells count 0)."""
    def v(k: str) -> Decimal:
        return values.get(k, Decimal(0))
    if abs(v("total") - v("abroad") - v("host") - v("car")) > _CENT * 2:
        return False
    return not split or abs(v("car") - v("buy") - v("run")) <= _CENT


def _placements(model: _Model, amounts: list[Decimal]) -> list[tuple[int, tuple[int, ...]]]:
    """(order index, columns of the amounts) where the 三公 sums hold in every fund."""
    nf = max(1, len(model.funds))
    width = model.width
    out = []
    for o, order in enumerate(model.orders):
        subsets = [tuple(range(width))] if len(amounts) == width else (
            combinations(range(width), len(amounts)) if nf == 1 and len(amounts) < width else [])
        for cols in subsets:
            per_fund: list[dict[str, Decimal]] = [{} for _ in range(nf)]
            for a, c in zip(amounts, cols):
                per_fund[c % nf][order[c // nf]] = a
            if all(_sums_hold(d, model.car_split) for d in per_fund):
                out.append((o, cols))
    return out


def _row(line: NLine) -> Optional[tuple[str, list[str]]]:
    """`label amounts…`: a label with Chinese in it (no sentence) and at least one amount with cents."""
    t = line.text.strip()
    if not t or "\t" in t or "|" in t or len(t) > 400:
        return None
    toks = [w for w, _, _ in tokens(t)]
    k = len(toks)
    while k > 0 and is_amount(toks[k - 1]):
        k -= 1
    label, amounts = " ".join(toks[:k]), toks[k:]
    if not amounts or not label or not any("." in a for a in amounts):
        return None
    if SENTENCE.search(label) or not re.search(r"\p{Han}", label):
        return None
    return label, amounts


def row_label(line: NLine) -> Optional[str]:
    """The label a row line prints before its amounts (as `collect_rows` reads it), or None."""
    got = _row(line)
    return got[0] if got is not None else None


def _header_line(line: NLine) -> bool:
    t = line.text.strip()
    return bool(t) and len(t) <= 200 and (not SENTENCE.search(t) or header_colon(t)) and not NOTE_LINE.match(t)


def header_end(lines: Sequence[NLine], i: int) -> Optional[int]:
    """The index of the first row under the header opening at lines[i], if the header is one."""
    seen = 0
    for j in range(i, len(lines)):
        ln = lines[j]
        if not ln.text.strip():
            continue
        if _row(ln) is not None:
            return j if seen else None
        if not _header_line(ln):
            return None
        seen += 1
        if seen > _LOOKAHEAD:
            return None
    return None


def collect_rows(lines: Sequence[NLine], first: int, above: list[NLine]) -> tuple[list[tuple[NLine, str, list[str], bool]], int]:
    """The rows from lines[first] (`above`: the pieces of its label printed over it): (line, label,
    amounts, label joined from pieces); the end index."""
    rows: list[tuple[NLine, str, list[str], bool]] = []
    pieces: list[NLine] = list(above)
    end = first
    j = first
    while j < len(lines):
        ln = lines[j]
        t = ln.text.strip()
        if not t:
            j += 1
            continue
        got = _row(ln)
        if got is not None:
            label = "".join(p.text.strip() for p in pieces) + got[0]
            rows.append((ln, label, got[1], bool(pieces)))
            pieces = []
            end = j + 1
        elif NOTE_LINE.match(t) or title_like(ln):
            break
        elif name_piece(ln) and len(pieces) < _MAX_PIECES:
            pieces.append(ln)
        elif furniture(lines, ln) and not pieces:
            pass
        else:
            break
        j += 1
    return rows, end


def _read(lines: Sequence[NLine], i: int) -> Optional[tuple[GridBlock, int]]:
    first = header_end(lines, i)
    if first is None:
        return None
    header = [ln for ln in lines[i:first] if ln.text.strip()]
    model = _header_model("".join(ln.text for ln in header))
    above: list[NLine] = []  # the first row's label broken over lines above it: no header words
    while model is None and len(above) < _MAX_PIECES and len(header) > 1 and name_piece(header[-1]):
        above.insert(0, header.pop())
        model = _header_model("".join(ln.text for ln in header))
    if model is None:
        return None
    rows, end = collect_rows(lines, first, above)
    return _grid(lines, i, header, model, [(ln, label, words, joined, [ln] * len(words))
                                           for ln, label, words, joined in rows], end, "spaced")


def _grid(lines: Sequence[NLine], i: int, header: list[NLine], model: _Model,
          rows: list[tuple[NLine, str, list[str], bool, list[NLine]]], end: int,
          method: str) -> Optional[tuple[GridBlock, int]]:
    """The table of `rows` (label line, label, amounts, label joined, each amount's line) under the
    header `model` names, the columns placed by the 三公 sums."""
    if not rows:
        return None
    width = model.width
    amounts = []
    for _, _, words, _, _ in rows:
        if len(words) > width or (model.funds and len(words) != width):
            return None
        vals = [parse_amount(w)[0] for w in words]
        if any(v is None for v in vals):
            return None
        amounts.append(vals)
    # the column order is the table's: only orders where every row's sums hold
    per_row = [_placements(model, a) for a in amounts]
    orders = set.intersection(*({o for o, _ in p} for p in per_row))
    if not orders:
        return None
    chosen = min(orders)
    order = model.orders[chosen]
    nf = max(1, len(model.funds))

    def role_of(o: int, c: int) -> tuple[str, int]:
        return model.orders[o][c // nf], c % nf

    index = {(order[c // nf], c % nf): c for c in range(width)}
    # the two items no sum tells apart keep their printed order only when printed on one line
    one_line = any(_ORDER_WORDS[0] in sq and _ORDER_WORDS[1] in sq for sq in (_DROPPED.sub("", ln.text) for ln in header))
    grid: list[list[Cell]] = _header_rows(lines[i], model, order)
    for (line, label, words, joined, at), places in zip(rows, per_row):
        places = [p for p in places if p[0] in orders]
        first_o, first_cols = next(p for p in places if p[0] == chosen)
        cells = [text_cell(line, "") for _ in range(width)]
        for t, w in enumerate(words):
            roles = {role_of(o, cols[t]) for o, cols in places}
            role = role_of(first_o, first_cols[t])
            doubt = _DOUBT if len(roles) > 1 else (_APART if role[0] in ("abroad", "host") and not one_line else None)
            cells[index[role]] = amount_cell(at[t], w, doubt)
        grid.append([text_cell(line, label, joined=joined)] + cells)
    return with_report(GridBlock(rows=grid, first_line=lines[i].no, last_line=max(rows[-1][4] + [rows[-1][0]], key=lambda x: x.no).no,
                                       method=method)), end


def _header_rows(at: NLine, model: _Model, order: list[str]) -> list[list[Cell]]:
    """The standard header rows (full width, '' under a spanning label) for the columns in `order`."""
    nf = max(1, len(model.funds))
    top: list[str] = [""]
    mid: list[str] = [""]
    for role in order:
        if role in _LABEL and model.car_split and model.funds:
            top += [""] * nf  # a label over its funds stands on the row above them
            mid += [_LABEL[role]] + [""] * (nf - 1)
        elif role in _LABEL:
            top += [_LABEL[role]] + [""] * (nf - 1)
            mid += [""] * nf
        else:
            top += ([_CAR] if role == "car" else [""]) + [""] * (nf - 1)
            mid += ([_CAR_SUBS[role]] + [""] * (nf - 1)) if model.car_split else [""] * nf
    rows = [top]
    if model.car_split:
        rows.append(mid)
    if model.funds:
        rows.append([""] + model.funds * len(order))
    rows[-1][0] = model.label  # on the lowest row: a label above would span the columns to its right
    return [[text_cell(at, c) for c in r] for r in rows]


def header_model(header: list[NLine]) -> Optional[_Model]:
    """The 三公 columns the header lines name (three_stream.py reads the same header printed a word
    per line), or None when they name anything else."""
    return _header_model("".join(ln.text for ln in header))


def table_of_rows(lines: Sequence[NLine], i: int, header: list[NLine], model: _Model,
                  rows: list[tuple[NLine, str, list[str], bool, list[NLine]]], end: int,
                  method: str) -> Optional[tuple[GridBlock, int]]:
    """The table of rows collected in another layout (three_stream.py), placed as these are."""
    return _grid(lines, i, header, model, rows, end, method)


def first_row(lines: Sequence[NLine], i: int) -> Optional[int]:
    """The first row's index when the lines from lines[i] are a 三公 table this module reads."""
    got = _read(lines, i)
    return None if got is None else header_end(lines, i)


def read_three(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    got = _read(lines, i)
    if got is None:
        return None, i + 1
    return got
