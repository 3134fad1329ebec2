"""Tables of labelled rows printed one row per line by PDF text extractors: tables no template knows
(绩效评价基础数据表 and the like: `三公经费 65.19 80.96 73.18`), 三公 tables of labelled rows (行政经费 /
“三公”经费 / 其中：（一）… by fund), and tables by unit or class under their 合计 row (Guangdong's
收入总体情况表, 部门预算基本支出预算表, 部门预算项目支出及其他支出预算表).

What it does: after a title ending in 表 that no template names, finds at least three lines that
each end in the same number of values (amounts, percentages, a dash for an empty cell), all but
the first with a label before them, and reads them into a generic GridBlock: one header row (the
header line that prints one word per value column, or a corner word and one per column, else 列N),
then label | values rows; a line of words between rows with a word per column (经费控制情况（万元）
2023年决算数 …) is kept as a row of text. After a `合计` row followed by labelled rows of as many
amounts (`total_first`), it reads the table by unit: the header must cover a standard column tree
(TREES: 总计 | 财政拨款 (合计 一般公共预算 …) | 财政专户拨款 | 其他资金, the 12 columns of 收入总体情况表, or
总计 | 财政拨款 ([小计] 一般公共预算拨款 …) | 财政专户管理资金 | 单位资金 (事业收入 … 其他收入) | 上年结余、结转)
for the columns to be named; a label broken over lines is joined (pieces above its row — pypdf —,
or a piece above and one under a line of amounts — pdfplumber, -layout; when the piece under may as
well open the next label, the row's amounts go to review); page numbers and the header printed again
on a new page are skipped; a project's 绩效目标 text printed under its row becomes the row's 绩效目标 cell:
it ends at its last line that ends a sentence (`。`, `！`, a full stop after a Chinese character), perhaps
with a remark in brackets after it, also one broken over lines (`…支撑。（以` / `前年度…尾款）`); pypdf
prints a short goal's first words on the row's own line after its amounts (`专项工作经费 5.00 … 通过安排…`),
read as the goal's start; a goal that ends no sentence before the next row ends at its last line that
can be no piece of a label (a sentence mark, or too long), the lines after it being the next row's
label pieces — a guess, so the goal cell and the next row's amounts go to review. An amount pypdf
wraps in its narrow column is joined where certain (spaced_wraps.py): its last digit after a space
(`175,400.5 9`), or its head alone on a line and its last digits opening the next (`376,936.6` /
`0 372,569.82 …`, the unit's own row of Shenzhen's 项目支出总表, whose whole name may stand above it).
A row whose amounts do not add up by the tree (总计 = 合计 + 财政专户 + 其他资金,
合计 = its funds) goes to review with the reason.
A row that prints fewer values than the table has columns gets its values from the left with an
unconfirmed `layout.column_guess` repair (to review); so does every value when the column names
are guessed. In such a table (no header line names its columns) a row printing a label of its own
under pieces printed above it keeps them joined, but its label goes to review (`layout.row_guess`):
pdfplumber and -layout centre a cell's long text on its row, so a piece between two rows may as well
end the label above (政府采购支出表: `集中采购机构` / `定额 印刷费 复印纸 2.00 2.00` / `采购`).
A header that names at least three text columns before the amounts (政府采购支出表: 采购品目大类 |
专项名称 | 经济科目 | 采购品目名称 | 采购组织形式) gives a row's name from its first cell, as the PDF
route names it (a class's or unit's row prints the first column, an item's the 专项名称), and its
other words as text cells: one per column where the row prints one word per column and no piece
around it, else all in the first text cell under review (`layout.row_guess`). A row printing
several cells on its line takes as many pieces under it as over it (pdfplumber and -layout centre a
long cell on its row), and so does a name printed alone between pieces of several words; pieces
over it leave its name to review. A row of a name alone (a unit broken over lines) takes only
one-word pieces; lines of several words over it are the row above's text cells, going on after a
page turn (`务支出 务`). The running header of a page turned inside such a table is skipped.
What it does not: read codes (spaced_rows.py) or the standard tables' shapes (spaced_sides,
spaced_groups, spaced_flat); goal texts interleaved with the rows' lines (pdfplumber, -layout: the
table ends there); name the table (tables.py keeps it generic).
"""
from __future__ import annotations

import threading
from collections import Counter
from dataclasses import replace
from typing import Optional, Sequence

import regex as re

from decimal import Decimal

from ..evidence.numbers import CENT_PER_PART
from ..datamodel import Cell, GridBlock, NLine, Repair
from ..evidence.numbers import parse_amount
from ..evidence.printed import NOTE_LINE
from .spaced_text import covers
from .spaced_text import SENTENCE, Header, amount_cell, furniture, is_amount, stream_furniture, text_cell, title_above, title_like, tokens
from . import spaced_wraps
from .spaced_columns import Amount
from .text_tables import with_report

_LOOKAHEAD = 10
_UNIT_LOOKAHEAD = 24  # header lines above the unit's own row (pypdf prints every broken header word on its own line)
_MIN_ROWS = 3
_PERCENT = re.compile(r"^-?\d+(?:\.\d+)?%$")
_DASH = re.compile(r"^(?:-|—|–|——|－)$")
_NOT_A_LABEL = re.compile(r"^(?:栏次|行次|合\s*计)$")
_CODE_FIRST = re.compile(r"^[\[【]?\d{3}(?:\d{2}){0,2}(?![\d.,])")  # 201, 20101, 2010101, also 2010101行政运行
_PROSE = re.compile(r"[，。；]")  # a label may end in a colon (项目支出：), not hold a sentence
_TOTAL_LABEL = re.compile(r"^(?:合计|总计)$")
_MAX_PIECES = 5  # pieces of a label broken over lines above its row
_PIECES_DOUBT = ("label uncertain: the pieces printed above this row, which prints a label of its own, may "
                 "be the end of the row above's label as well as the start of this one's")
_UNIT_PIECES = 3  # lines the unit's name is broken over above its own row
_MAX_GOAL_LINES = 30  # lines of a 绩效目标 text under its row
_REMARK_OPEN = re.compile(r"[。！!][（(][^（）()]{0,40}$")  # `…支撑。（以`: a remark after the goal, broken
_REMARK_CLOSE = re.compile(r"^[^（）()]{1,40}[）)]$")  # `前年度实施项目，2026年支付尾款）`: its end
_GOAL_SPLIT_DOUBT = ("label uncertain: the goal text above ends no sentence, so which lines end it and which "
                     "start the next row's label is a guess")
_BRACKET = re.compile(r"[（）()]")
_GOAL_END = re.compile(r"(?:[。！!]|(?<=\p{Han})\.)(?:[（(][^（）()]{0,40}[）)])?$")
_FURNITURE_ONLY = re.compile(r"^(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d+\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?)$")  # page numbers
# Text columns before the amounts (政府采购支出表: 采购品目大类 | 专项名称 | 经济科目 | 采购品目名称 |
# 采购组织形式 | amounts): a row is named by its first cell, the others are text values
_TEXT_COLUMN = re.compile(r"采购品目大类|采购品目名称|采购品目|专项名称|项目名称|经济科目|功能科目|采购组织形式|采购方式")
_MIN_TEXT_COLUMNS = 3
_TEXT_DOUBT = ("text cells uncertain: the words of these columns as printed, cells broken over lines around "
               "the row included, not told apart by column")
_NAME_DOUBT = ("label uncertain: pieces printed above this row may be the start of its first cell as well as "
               "of another of its text cells")
_CENT = CENT_PER_PART  # per added part (evidence/numbers.py)

# Standard column trees of labelled tables by unit / class (budget tables of Guangdong's cities:
# 部门预算基本支出预算表, 部门预算项目支出及其他支出预算表, 收入总体情况表): (label, sub-labels) in printed order
_UNIT_FUNDS = ("事业收入", "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入")
TREES: list[list[tuple[str, tuple[str, ...]]]] = [
    [("总计", ()), ("财政拨款", ("合计", "一般公共预算", "政府性基金预算", "国有资本经营预算")), ("财政专户拨款", ()),
     ("其他资金", ())],
    [("合计", ()), ("财政拨款收入", ("一般公共预算", "政府性基金预算", "国有资本经营预算")),
     ("财政专户拨款收入", ("教育收费", "其他专户收入拨款")), ("其他资金收入", ("事业收入", "事业单位经营收入", "其他收入")),
     ("上级补助收入", ()), ("附属单位上缴收入", ()), ("上年结转结余", ())],
    # 基本支出总表 / 项目支出总表 by class or project under the unit's own row (Shenzhen's budgets): 财政拨款
    # (with its 小计 in the first, without in the second), 财政专户管理资金, 单位资金, 上年结余、结转
    [("总计", ()), ("财政拨款", ("小计", "一般公共预算拨款", "政府性基金预算拨款", "国有资本经营预算拨款")),
     ("财政专户管理资金", ()), ("单位资金", _UNIT_FUNDS), ("上年结余、结转", ())],
    [("总计", ()), ("财政拨款", ("一般公共预算拨款", "政府性基金预算拨款", "国有资本经营预算拨款")),
     ("财政专户管理资金", ()), ("单位资金", _UNIT_FUNDS), ("上年结余、结转", ())],
]


def _value(t: str) -> bool:
    return is_amount(t) or bool(_PERCENT.match(t)) or bool(_DASH.match(t))


def _split(line: NLine) -> Optional[tuple[str, list[str]]]:
    """(label, values) of a row line: values are the trailing value tokens."""
    row = _split_amounts(line)
    return None if row is None else (row[0], [a.text for a in row[1]])


def _split_amounts(line: NLine) -> Optional[tuple[str, list[Amount]]]:
    """(label, values) of a row line, each value an Amount; an amount's last digit(s) wrapped after a
    space (`175,400.5 9 175,204.09 …`) joined where certain (spaced_wraps.join_tail), and the head
    of the line's first amount printed alone on the line above (`_heads_joined`) kept as printed."""
    t = line.text
    if "\t" in t or "|" in t or len(t) > 300 or _PROSE.search(t) or NOTE_LINE.match(t):
        return None
    toks = tokens(t)
    if toks and _CODE_FIRST.match(toks[0][0]):
        return None  # a subject code opens the row: a subject table (spaced_rows.py), not labelled rows
    k = len(toks)
    while k > 0 and _value(toks[k - 1][0]):
        k -= 1
    values = [Amount(w, a, b) for w, a, b in toks[k:]]
    if len(values) < 2 or not any(ch.isdigit() for v in values for ch in v.text):
        return None
    values = spaced_wraps.join_tail(values, ())
    made = getattr(_JOINS, "printed", {}).get(id(line))
    if made is not None and made[0] is line and values and k == 0:
        values[0] = Amount(values[0].text, values[0].start, values[0].end, printed=made[1])
    return "".join(w for w, _, _ in toks[:k]), values


# Per thread (documents read at once in threads must not share it): `last`, the last lines
# `_heads_joined` was asked about and their joins; `printed`, id of a line it made -> the line and
# its first amount as printed. Only the last document's lines are held.
_JOINS = threading.local()


def _heads_joined(lines: Sequence[NLine]) -> Sequence[NLine]:
    """The lines with every amount broken over two lines with its head alone on the first
    (`376,936.6` / `0 372,569.82 …`: pypdf wraps a wide amount in its narrow column) joined: the
    head's line blank, the next line printing the whole amount first; the indexes are those of
    `lines`. A join needs the head to lack the two decimals the piece completes and the next line's
    other amounts (two at least) to print two decimals. `lines` itself where nothing is joined.
    Worked out once per document (the readers ask at many lines)."""
    got = getattr(_JOINS, "last", None)
    if got is not None and (got[0] is lines or got[1] is lines):
        return got[1]
    printed: dict[int, tuple[NLine, str]] = {}
    _JOINS.printed = printed
    out: Optional[list[NLine]] = None
    for k, ln in enumerate(lines):
        t = ln.text.strip()
        if not t or len(t) > 20 or not is_amount(t) or spaced_wraps.two_decimals(t):
            continue
        nxt = _next_text(lines, k)
        toks = tokens(lines[nxt].text) if nxt is not None else []
        if len(toks) < 3 or not spaced_wraps.is_piece(toks[0][0]) or not all(
                spaced_wraps.two_decimals(w) for w, _, _ in toks[1:]):
            continue
        whole = spaced_wraps.join_head(t, toks[0][0])
        if whole is None:
            continue
        out = out if out is not None else list(lines)
        below = lines[nxt]
        text = whole + below.text[toks[0][2]:]
        out[k] = replace(ln, text="", orig="")
        out[nxt] = replace(below, text=text, orig=text)
        printed[id(out[nxt])] = (out[nxt], f"{t} / {toks[0][0]}")
    result = lines if out is None else out
    _JOINS.last = (lines, result)
    return result


def _width(lines: Sequence[NLine], first: int) -> Optional[int]:
    """The value count most rows from `first` on print, when at least three rows print it."""
    counts: Counter = Counter()
    for ln in lines[first:first + 12]:
        row = _split(ln)
        if row is not None:
            counts[len(row[1])] += 1
    if not counts:
        return None
    n, seen = counts.most_common(1)[0]
    return n if seen >= _MIN_ROWS else None


def first_row(lines: Sequence[NLine], i: int) -> Optional[int]:
    for j in range(i, min(i + _LOOKAHEAD, len(lines))):
        t = lines[j].text
        if _PROSE.search(t) or NOTE_LINE.match(t):
            return None
        row = _split(lines[j])
        if row is not None and not _NOT_A_LABEL.match(row[0]) and _width(lines, j) == len(row[1]):
            return j
    return None


def unit_row(lines: Sequence[NLine], i: int, unit: Optional[str]) -> Optional[int]:
    """The first row after the header from lines[i] when it is the unit's own row standing for the
    合计 row (its label the unit the title area names, labelled rows of as many values after it)."""
    if not unit:
        return None
    lines = _heads_joined(lines)
    for j in range(i, min(i + _UNIT_LOOKAHEAD, len(lines))):
        if _PROSE.search(lines[j].text) or NOTE_LINE.match(lines[j].text):
            return None
        row = _split(lines[j])
        if row is not None:
            return j if total_first(lines, j, unit) else None
    return None


def _tree_width(tree: Sequence[tuple[str, tuple[str, ...]]]) -> int:
    return sum(max(1, len(subs)) for _, subs in tree)


def standard_tree(header_text: str, n: int) -> Optional[Sequence[tuple[str, tuple[str, ...]]]]:
    """The standard column tree of n columns whose labels the header's characters cover (header
    words broken over lines and printed out of order are common), else None."""
    for tree in TREES:
        if _tree_width(tree) == n and covers(header_text, [w for top, subs in tree for w in (top, *subs)]):
            return tree
    return None


def tree_sums(tree: Sequence[tuple[str, tuple[str, ...]]]) -> list[tuple[int, list[int]]]:
    """The row identities of a column tree, as (total column, part columns): the first column is
    the sum of the groups (a group's 合计 column, else its columns), a group's 合计 the sum of its
    other columns."""
    sums: list[tuple[int, list[int]]] = []
    grand: list[int] = []
    at = 0
    for k, (top, subs) in enumerate(tree):
        width = max(1, len(subs))
        if k and subs and subs[0] in ("合计", "小计"):
            sums.append((at, list(range(at + 1, at + width))))
            grand.append(at)
        elif k:
            grand.extend(range(at, at + width))
        at += width
    return [(0, grand)] + sums


def tree_rows(tree: Sequence[tuple[str, tuple[str, ...]]], goals: bool = False) -> list[list[str]]:
    """The header rows (label column first): each top label over its sub-labels; with `goals`, the
    绩效目标 text column last."""
    top: list[str] = ["项目"]
    low: list[str] = [""]
    for label, subs in tree:
        top += [label] + [""] * (max(1, len(subs)) - 1)
        low += list(subs) if subs else [""]
    if goals:
        top, low = top + ["绩效目标"], low + [""]
    return [top, low] if any(low) else [top]


def adds_up(values: list[str], sums: list[tuple[int, list[int]]]) -> bool:
    nums = [parse_amount(v)[0] for v in values]
    if any(v is None for v in nums):
        return False
    d = [Decimal(str(v)) for v in nums]
    return all(abs(d[t] - sum((d[p] for p in parts), Decimal(0))) <= _CENT * max(1, len(parts) - 1)
               for t, parts in sums)


def _unit_pieces(lines: Sequence[NLine], j: int, unit: str) -> list[NLine]:
    """The lines above row lines[j] that hold the first pieces of the unit's name, when they and the
    row's label make that name (pypdf breaks a long name: `某某市人民政府口岸办公` / `室 50,878.08 …`);
    [] when the label is the name itself or nothing makes it."""
    label = _split(lines[j])[0]  # perhaps empty: the whole name above a row of amounts only
    if label == unit or not unit.endswith(label):
        return []
    made, pieces = label, []
    for ln in reversed(lines[max(0, j - 2 * _UNIT_PIECES):j]):
        t = "".join(ln.text.split())
        if not t:
            continue
        made = t + made
        pieces.insert(0, ln)
        if made == unit:
            return pieces
        if len(pieces) >= _UNIT_PIECES or not unit.endswith(made):
            break
    return []


def _unit_label(lines: Sequence[NLine], j: int, unit: Optional[str]) -> bool:
    row = _split(lines[j])
    return bool(unit) and row is not None and (row[0] == unit or bool(_unit_pieces(lines, j, unit)))


def total_first(lines: Sequence[NLine], j: int, unit: Optional[str] = None) -> bool:
    """lines[j] is a table's 合计 row and labelled rows with as many values follow it (a table by
    unit or by class: `合计 12,634.14 …` / `广州市数字政府运营中心 3,392.05 …`), no subject code. Where
    the title area names the table's unit (`部门名称：某某局（本级）`), the unit's own row may stand for
    the 合计 row (Shenzhen's 基本支出总表: the unit's row, then its classes)."""
    row = _split(lines[j])
    if row is None or not (_TOTAL_LABEL.match(row[0]) or _unit_label(lines, j, unit)):
        return False
    n = len(row[1])
    seen = 0
    for nxt in _rows_below(lines, j):
        if len(nxt[1]) != n:
            return False
        seen += 1
    if seen == 0 and _unit_label(lines, j, unit):
        # the unit's row alone (a 收入总表 of one unit): the table ends under it
        nxt = next((ln for ln in lines[j + 1:j + 4] if ln.text.strip()), None)
        return nxt is None or bool(NOTE_LINE.match(nxt.text)) or _furniture_line(lines, nxt) or title_like(nxt)
    return seen >= 1


def _rows_below(lines: Sequence[NLine], j: int):
    """The labelled rows printed in the eleven lines under lines[j], blank lines and label pieces
    passed, up to the first line that is no such row."""
    for ln in lines[j + 1:j + 12]:
        if not ln.text.strip() or _label_piece(ln):
            continue
        nxt = _split(ln)
        if nxt is None:
            return
        yield nxt


def total_over(lines: Sequence[NLine], j: int) -> bool:
    """lines[j] is a table's 合计 row and at least three labelled rows follow it, none printing more
    values than it, some fewer (a row leaves blank the columns it has no amount in: 政府采购支出表
    `合计 4,931.43 5,164.00 10,095.43` / `货物 349.62 349.62` / `定额 办公费 复印纸 集中采购 2.00 2.00`).
    The rows are read under the 合计 row's width, a row of fewer values to review."""
    row = _split(lines[j])
    if row is None or not _TOTAL_LABEL.match(row[0]):
        return False
    n = len(row[1])
    seen, fewer = 0, False
    for nxt in _rows_below(lines, j):
        if len(nxt[1]) > n or not nxt[0]:
            return False
        fewer = fewer or len(nxt[1]) < n
        seen += 1
    return seen >= _MIN_ROWS and fewer

def _amounts_only(line: NLine) -> Optional[list[str]]:
    toks = [w for w, _, _ in tokens(line.text)]
    return toks if len(toks) >= 2 and all(_value(w) for w in toks) and any("." in w for w in toks) else None


def _label_piece(line: NLine) -> bool:
    """A piece of a row label broken over lines: short words, no value, no sentence (a project name
    may hold digits: 广州12345政务服务便)."""
    t = line.text.strip()
    return bool(t) and len("".join(t.split())) <= 30 and not SENTENCE.search(t) and not title_like(line) \
        and not NOTE_LINE.match(t) and not any(_value(w) for w, _, _ in tokens(t))


def _goal_ends(text: str) -> bool:
    """A goal text's last line: it ends a sentence (`。`, a full stop after a Chinese character, `！`),
    perhaps with a remark in brackets after it (`…支撑。（以前年度实施项目，2026年支付尾款）`)."""
    return bool(_GOAL_END.search(text.strip()))


def _goal_stop(line: NLine, n: int) -> bool:
    """A line no goal text goes on over: the next row (its goal's first words perhaps after its
    amounts), a title, a note or a page number."""
    t = line.text.strip()
    return _split(line) is not None or _split_goal(line, n) is not None or title_like(line) or bool(
        NOTE_LINE.match(t)) or bool(_FURNITURE_ONLY.match(t))


def _goal_text(lines: Sequence[NLine], j: int, n: int) -> Optional[int]:
    """The last line of a 绩效目标 text printed under its row (pypdf: the row's amounts, then the
    goal's lines), from lines[j] on: the last line ending a sentence (`_goal_ends`) before the next
    row, page number, title or note (the lines after it are the next row's label pieces); None when
    none ends so."""
    end = None
    remark = False  # the line above ends a sentence and opens a remark in brackets it does not close
    for k in range(j, min(len(lines), j + _MAX_GOAL_LINES)):
        ln = lines[k]
        t = ln.text.strip()
        if not t:
            continue
        if _goal_stop(ln, n):
            break
        if _goal_ends(t) or (remark and _REMARK_CLOSE.match(t)):  # `…支撑。（以` / `前年度实施项目，…尾款）`
            end = k
        # a remark opened after a sentence's end stays open over lines without brackets
        remark = bool(_REMARK_OPEN.search(t)) or (remark and not _BRACKET.search(t))
    return end


def _goal_unended(lines: Sequence[NLine], j: int, n: int) -> Optional[int]:
    """The last line of a 绩效目标 text that ends no sentence (`…确保我市防洪安全`), from lines[j] on,
    when the next row follows it: the last line before that row that can be no piece of a label (it
    holds a sentence mark, or is too long); the lines after it, at most `_MAX_PIECES`, are taken as
    the next row's label pieces. A guess (the goal's last words may be as short as a piece): the
    caller sends both rows to review. None when no row follows or every line could be a piece."""
    end = None
    pieces = 0
    for k in range(j, min(len(lines), j + _MAX_GOAL_LINES)):
        ln = lines[k]
        if not ln.text.strip():
            continue
        if _goal_stop(ln, n):
            row = _split(ln) or _split_goal(ln, n)
            return end if row is not None and end is not None and pieces <= _MAX_PIECES else None
        if _label_piece(ln):
            pieces += 1
        else:
            end, pieces = k, 0
    return None


def _split_goal(line: NLine, n: int) -> Optional[tuple[str, list[str], str]]:
    """(label, values, goal) of a row line that prints its goal text's first words after its `n`
    amounts (pypdf joins a short goal cell onto its row: `专项工作经费 5.00 … 0.00 通过安排…办 公、办案所需，…。`):
    a label without a sentence mark (perhaps none: its pieces printed above), exactly `n` values,
    then words that are no value."""
    t = line.text
    if "\t" in t or "|" in t or NOTE_LINE.match(t):
        return None
    toks = tokens(t)
    k = 0
    while k < len(toks) and not _value(toks[k][0]):
        k += 1
    m = k
    while m < len(toks) and _value(toks[m][0]):
        m += 1
    if m - k != n or m == len(toks) or not any("." in w for w, _, _ in toks[k:m]):
        return None
    label = "".join(w for w, _, _ in toks[:k])
    if _PROSE.search(label) or (toks and _CODE_FIRST.match(toks[0][0])):
        return None
    return label, [w for w, _, _ in toks[k:m]], " ".join(t[toks[m][1]:].split())


def _subheader(line: NLine, n: int) -> Optional[list[str]]:
    """A line of a label and one word per column (a header row inside the table)."""
    toks = [w for w, _, _ in tokens(line.text)]
    if len(toks) == n + 1 and not any(_value(w) for w in toks) and not SENTENCE.search(line.text):
        return toks
    return None


def text_columns(header_text: str) -> list[str]:
    """The labels of the text columns a header prints before its amounts, in order, when it prints
    at least three (采购品目大类 专项名称 经济科目 采购品目名称 采购组织形式); [] otherwise."""
    found: list[str] = []
    for m in _TEXT_COLUMN.finditer(header_text):
        if m.group() not in found:
            found.append(m.group())
    return found if len(found) >= _MIN_TEXT_COLUMNS else []


def value_text_columns(labels: list[str]) -> list[str]:
    """The text columns after the row's name: the first label names the row (a 采购品目大类 and the
    专项名称 / 项目名称 after it both do: a class's or unit's row prints the first, an item's the
    second, never both)."""
    k = 2 if len(labels) > 2 and labels[1] in ("专项名称", "项目名称") else 1
    return labels[k:]


def _label_words(line: NLine) -> list[str]:
    """The words before a row line's trailing values."""
    toks = [w for w, _, _ in tokens(line.text)]
    k = len(toks)
    while k > 0 and _value(toks[k - 1]):
        k -= 1
    return toks[:k]


def _pieces_below(lines: Sequence[NLine], j: int, most: int, one_cell: bool = False) -> list[int]:
    """Up to `most` label pieces right under row lines[j] (a cell broken over lines and centred on
    its row — pdfplumber, -layout — prints as many pieces under the row as over it); with
    `one_cell` (a name alone), pieces of one word only (words side by side are several cells')."""
    out: list[int] = []
    k = j
    while len(out) < most:
        nxt = _next_text(lines, k)
        if nxt is None or not _label_piece(lines[nxt]) or _furniture_line(lines, lines[nxt]) or (
                stream_furniture(lines, lines[nxt])) or (one_cell and len(tokens(lines[nxt].text)) > 1):
            break
        out.append(nxt)
        k = nxt
    return out


def _text_cells(line: NLine, words: list[str], above: list[NLine], below: list[NLine], m: int) -> list[Cell]:
    """The `m` text cells after a row's name: one word each where the row prints exactly one word
    per column and no piece around it; else all the words in the first cell, under review."""
    if not above and not below and len(words) == m:
        return [text_cell(line, w) for w in words]
    parts = [p.text.strip() for p in above] + words + [p.text.strip() for p in below]
    first = text_cell(line, " ".join(" ".join(parts).split()), joined=bool(above or below))
    first.repairs = [Repair(kind="layout.row_guess", note=_TEXT_DOUBT, status="unconfirmed")]
    return [first] + [text_cell(line, "") for _ in range(m - 1)]


def _add_text(cells: list[Cell], piece: NLine) -> None:
    """A piece of the row's text cells printed apart from it, added to its first text cell (under review)."""
    first = cells[1]
    first.text = " ".join(x for x in (first.text, " ".join(piece.text.split())) if x)
    first.orig, first.joined = first.text, True
    first.repairs = [Repair(kind="layout.row_guess", note=_TEXT_DOUBT, status="unconfirmed")]


def _next_text(lines: Sequence[NLine], j: int) -> Optional[int]:
    return next((x for x in range(j + 1, min(j + 3, len(lines))) if lines[x].text.strip()), None)


def read_labelled(lines: Sequence[NLine], i: int, first: Optional[int] = None,
                  unit: Optional[str] = None) -> tuple[Optional[GridBlock], int]:
    """The labelled rows from `first` (a 合计 row or the unit's own row, see total_first) or from the
    first row found."""
    totalled = first is not None
    lines = _heads_joined(lines)  # `376,936.6` / `0 372,569.82 …`: same indexes
    first = first_row(lines, i) if first is None else first
    if first is None:
        return None, i + 1
    n = len(_split(lines[first])[1]) if totalled else _width(lines, first) or 0
    unit_pieces = _unit_pieces(lines, first, unit) if totalled and unit else []  # not header lines
    head = Header(lines, i, next(k for k in range(i, first) if lines[k] is unit_pieces[0]) if unit_pieces else first)
    # the header and the title lines (code, title, unit) printed again over the rest on a new page
    again = set(head.keys) | {" ".join(ln.text.split()) for ln in title_above(lines, i)}
    header = head.lines
    tree = standard_tree(head.text, n) if totalled else None
    sums = tree_sums(tree) if tree else []
    goals = tree is not None and "绩效目标" in head.text  # a text column after the amounts
    # the header line that names the columns: one word per column, or a corner word (项目) before them
    labels = next(([w for w, _, _ in tokens(ln.text)][-n:] for ln in header
                   if len(tokens(ln.text)) in (n, n + 1) and not any(_value(w) for w, _, _ in tokens(ln.text))), None)
    if labels is not None and any(len(tokens(ln.text)) > n + 1 for ln in header):
        labels = None  # another header line names more columns: the words of this one are pieces of theirs
    guessed = labels is None and tree is None
    texts = value_text_columns(text_columns(head.text)) if tree is None else []
    at = lines[i]
    if tree is not None:
        grid: list[list[Cell]] = [[text_cell(at, x) for x in r] for r in tree_rows(tree, goals)]
    else:
        grid = [[text_cell(at, "项目")] + [text_cell(at, x) for x in texts] +
                [text_cell(at, x) for x in (labels or [f"列{c + 1}" for c in range(n)])]]
    j = first
    last = lines[first]
    pending: list[NLine] = list(unit_pieces)  # pieces of a label printed above its row
    after_guess = False  # the row above's goal text ends no sentence: its end was guessed
    read = 0
    while j < len(lines):
        ln = lines[j]
        row = _split(ln)
        inline = None  # the goal text's words printed on the row's line, after its amounts
        if row is None and goals:
            with_goal = _split_goal(ln, n)
            if with_goal is not None and (with_goal[0] or pending):
                row, inline = with_goal[:2], with_goal[2]
        if row is not None and len(row[1]) <= n and (row[0] or pending or not totalled):
            label, values = row
            nb = _next_text(lines, j) if texts and pending and label else None
            # a name alone on its line between pieces of several words: its text cells broken around it
            around = nb is not None and len(_label_words(ln)) == 1 and len(tokens(pending[-1].text)) > 1 and (
                _label_piece(lines[nb]) and len(tokens(lines[nb].text)) > 1)
            if texts and pending and read and not around and len(_label_words(ln)) <= 1 and (
                    len(grid[-1]) == 1 + len(texts) + n):
                # a row of a name alone: pieces of several words over it are no piece of a name (one
                # cell), but the text cells of the row above, broken over lines (a page turned
                # between them: `务支出 务`)
                while pending and len(tokens(pending[0].text)) > 1:
                    _add_text(grid[-1], pending.pop(0))
            pieces = pending + ([ln] if label else [])
            nxt = _next_text(lines, j)
            label_doubt = False
            if not label and inline is None and len(pending) == 1 and nxt is not None and _label_piece(lines[nxt]):
                # a label printed around its amounts (a piece above, a piece under: pdfplumber, -layout);
                # the piece under may also be the next row's first one unless a whole row follows it
                after = _next_text(lines, nxt)
                label_doubt = not (after is None or _split(lines[after]) is not None or title_like(lines[after])
                                   or NOTE_LINE.match(lines[after].text))
                pieces.append(lines[nxt])
                j = nxt
            row_texts: list[Cell] = []
            name_doubt = None
            words = _label_words(ln) if texts and label else []
            if words:
                below_at = _pieces_below(lines, j, len(pending), one_cell=len(words) == 1 and not around) if (
                    pending) else []
                below = [lines[x] for x in below_at]
                if len(words) > 1 or around:  # the row's name, then its other text cells, printed on its line
                    row_texts = _text_cells(ln, words[1:], pending, below, len(texts))
                    name_doubt = _NAME_DOUBT if pending else None
                    pieces, label = [ln], words[0]
                    pending = []
                else:  # a name alone (a class's or unit's row) broken over lines around its line
                    nxt_row = _next_text(lines, below_at[-1] if below_at else j)
                    label_doubt = bool(below) and not (nxt_row is None or _split(lines[nxt_row]) is not None)
                    pieces += below
                if below_at:
                    j = below_at[-1]
            label = "".join(p.text.strip() if p is not ln else label for p in pieces)
            pending = []
            doubt = None
            if label_doubt:
                doubt = "label uncertain: a piece printed between two rows may be the end of this row's label or the start of the next one's"
            elif after_guess and pieces and pieces[0] is not ln:
                doubt = _GOAL_SPLIT_DOUBT  # its label's pieces follow a goal text that ends no sentence
            elif len(values) < n:
                doubt = "column uncertain: the row prints fewer values than the table has columns"
            elif guessed and n > 1:
                doubt = "column uncertain: no header line names the columns"
            elif sums and not adds_up(values, sums):
                doubt = "row uncertain: its total is not the sum of its parts as read"
            cell = text_cell(pieces[0] if pieces else ln, label, joined=len(pieces) > 1)
            if guessed and row[0] and len(pieces) > 1:
                # pieces above a row that prints a label of its own, in a table no header explains: they
                # may be the end of the row above's label (a cell's text centred on its row: pdfplumber,
                # -layout) as well as the start of this one's
                cell.repairs = [Repair(kind="layout.row_guess", note=_PIECES_DOUBT, status="unconfirmed")]
            if name_doubt:
                cell.repairs = [Repair(kind="layout.row_guess", note=name_doubt, status="unconfirmed")]
            if texts:
                row_texts = row_texts or [text_cell(ln, "") for _ in texts]
            printed = _split_amounts(ln) if inline is None else None
            wraps = [a.printed for a in printed[1]] if printed and len(printed[1]) == len(values) else []
            cells = [cell] + row_texts + [_wrapped(amount_cell(ln, v, doubt), w) for v, w in zip(
                values, wraps or [None] * len(values))]
            cells += [text_cell(ln, "") for _ in range(n - len(values))]
            whole = inline is not None and _goal_ends(inline)  # the goal ends on the row's line
            goal_end = _goal_text(lines, j + 1, n) if goals and not whole else None
            split_guessed = False  # where the goal ends and the next row's label starts is a guess
            if goals and not whole and goal_end is None:
                goal_end = _goal_unended(lines, j + 1, n)
                split_guessed = goal_end is not None
            if goals:
                goal = [x for x in lines[j + 1:goal_end + 1] if x.text.strip()] if goal_end is not None else []
                text = "".join(x.text.strip() for x in goal)
                if inline is not None:
                    goal, text = [ln] + goal, inline + text
                goal_cell = text_cell(goal[0] if goal else ln, text, joined=len(goal) > 1)
                if split_guessed:
                    goal_cell.repairs = [Repair(kind="layout.row_guess", note=_GOAL_SPLIT_DOUBT, status="unconfirmed")]
                cells.append(goal_cell)
            after_guess = split_guessed
            grid.append(cells)
            last = lines[goal_end if goal_end is not None else j]
            read += 1
            j = (goal_end if goal_end is not None else j) + 1
            continue
        if read and (_furniture_line(lines, ln) or (totalled and " ".join(ln.text.split()) in again) or (
                texts and stream_furniture(lines, ln))):
            j += 1  # a page number, or the title and header printed again on a new page, inside the table
            continue
        if read and _label_piece(ln) and len(pending) < _MAX_PIECES:
            nxt = _next_text(lines, j)
            if nxt is not None and (_split(lines[nxt]) is not None or _label_piece(lines[nxt]) or (
                    goals and _split_goal(lines[nxt], n) is not None)):
                pending.append(ln)  # a label's first pieces, its row below
                j += 1
                continue
        sub = _subheader(ln, n) if not title_like(ln) else None
        nxt = next((x for x in range(j + 1, min(j + 3, len(lines))) if lines[x].text.strip()), None)
        if sub is not None and nxt is not None and _split(lines[nxt]) is not None:
            grid.append([text_cell(ln, w) for w in sub])
            last = ln
            j += 1
            continue
        if furniture(lines, ln) and not ln.text.strip():
            j += 1
            continue
        break
    j = _back_to(lines, j, last)
    if read < (1 if totalled and tree is not None else 2 if totalled else _MIN_ROWS):
        return None, i + 1
    return with_report(GridBlock(rows=grid, first_line=lines[i].no, last_line=last.no, method="spaced")), j


def _wrapped(cell: Cell, printed: Optional[str]) -> Cell:
    """An amount cell; one joined from a wrap (`printed` as printed) keeps the print and says so."""
    if printed is not None:
        cell.orig = printed
        cell.repairs = [spaced_wraps.wrap_repair(Amount(cell.text, 0, 0, printed=printed))] + list(cell.repairs or [])
    return cell


def _furniture_line(lines: Sequence[NLine], line: NLine) -> bool:
    t = line.text.strip()
    return bool(t) and bool(_FURNITURE_ONLY.match(t))


def _back_to(lines: Sequence[NLine], j: int, last: NLine) -> int:
    """The index after the table's last line read: lines skipped after it (pieces of a label whose
    row never came, a page number, a header printed again) are handed back."""
    k = j
    while k > 0 and lines[k - 1] is not last and lines[k - 1].no != last.no:
        k -= 1
    return k if k > 0 else j
