"""Reader `spaced`: tables as PDF text extractors print them — one row per line, cells split by spaces.

What it does: finds, right after a table's title / unit lines, a header of one or more lines and
rows of subject tables printed as `2080505 机关事业单位基本养老保险缴费支出 446.11 446.11 0.00`
(also `208 05 05 …`, `[2080505]机关事业单位…` with the code in brackets, `-layout` text with runs of
spaces, 合计 rows), and reads them into a GridBlock
with one Cell per printed column: key columns (科目编码, 科目名称) then one Cell per amount column,
an empty Cell where the print left a cell blank. A name broken over lines is joined (the catalogue
completes it, or the amounts follow on the next line, or the name was printed around the code
line, or the code stands alone over its wrapped name and the amounts: `_code_alone`); page
furniture between rows (page numbers, running headers, a repeated header) is skipped, and so are
the table's title, unit and header lines printed again when it goes on over a page (spaced_text
`page_turn`); a header line `其中：` is a header line. Rows printing only the 款 / 项 part that
changes (`08 审计事务 …` under `201 …`, also a part with amounts only whose name is printed around
its line) get their whole code from the rows above (code_tree.py: confirmed by the catalogue or by
the sums, else to review). A row printing two subjects side by side (部门 | 政府预算支出经济分类:
`301 01 基本工资 501 01 工资奖金津补贴 …`) keeps the second code and name as two text columns after the
name. A row printing each subject as one `code-name` cell (Beijing-style budget tables: `2130201-行政运行
50101-工资奖金津补贴 30101-基本工资 142.49 142.49`) is keyed by its first cell, the others are text
columns named by the header's 科目 labels; a row pypdf spreads over lines (a cell's name wrapped:
`2130306-水利工程运行与维` / `护` / `50205-委托业务费 … 54.52 54.52`) or PyMuPDF prints one cell a line
is joined up to its amounts, and is not read when its cells do not number the table's subject
columns (which cell opens it would be a guess, `_cell_row`); such rows repeat a code, so only each
row's own identity places its amounts (a row printing 合计 and one part leaves the part to review). A table of units (单位名称 over its key column, no code column: a budget's 收入总表) has one key
column: after its 合计 row, each unit's amounts line and its name, on that line or broken over the
lines around it — all before it (pypdf), all after, or centred on it (-layout) — the split the
pieces allow for only one reading (`_unit_names`); a name that then does not end as a unit's name
does (局, 中心, 支队 …) sends the unit rows to review; the units' amounts are the 合计 row's parts
(column sums place them). A table of units with a code column (部门代码 | 部门名称, perhaps broken
over lines: `部门代` / `码`) is read the same way, every amounts line opening with its unit's code
(`123 某某局 …` the department, `123001 某某局 …` its units): the code is no subject's (123 is no 类),
so it is not kept (the name is the key, as in numbered_units.py) and serves only to place the
amounts (the units under their department's row); the pieces of the names are shared out only in
a way that makes every name end as a unit's name does (`coded_unit_table`).
A subject table printing names only (its header names 科目名称 and no code column, the 类 / 款 / 项
shown by order: `names_only`) has rows `name amounts…`; their codes are inferred from the catalogue
by name and row order where one reading is left (name_codes.py), else the row keeps its name only.
Amounts a converter wrapped in a narrow column (`350,034.4 2`, `226,000.0` / `0`, the head above
the row and the digits below) are joined where certain (spaced_wraps.py).
Column names come from the header: a standard column set whose labels the header's characters
cover (header words broken over lines are common; of several, the one the header prints whole and
in order), else one header line with a word per amount column (a label broken by a space joined
first: `扣除基建项目后预 算数`; a total column alone on the key labels' line, `科目编码 科目名称 合计`,
is the first column and the line below names the rest; a full line under such a total is one name
too many, so the names stay uncertain), else the header words above each column in
`-layout` text, else 列N (marked as guessed). Where an amount stands is decided in
spaced_columns.py; an amount it cannot place for certain carries an unconfirmed repair
(`layout.column_guess`) so its Field goes to review with the reason.
The reader also hands the tables of the other shapes in this layout to their modules, by the
template the title names: side-by-side blocks (公开01/04表, 收支总表: spaced_sides.py), code/name/
amount groups (公开06表: spaced_groups.py), one row of amounts (三公: spaced_flat.py; labelled 三公
rows and tables by unit under their 合计 row: spaced_labelled.py), 绩效目标表
(spaced_targets.py), 整体支出绩效自评表 (spaced_selfeval.py), and labelled rows of a table no template knows (spaced_labelled.py).
What it does not: read pdfminer's column-by-column runs or text printed one cell per line
(PyMuPDF, pdftotext without -layout); those are other readers' layouts (code / name lines with no
amount, most rows with none at all, and the amounts in runs after them are declined here).
"""
from __future__ import annotations

from copy import copy
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, Iterator, Optional, Sequence

import regex as re

from ..catalog import codes_named, name_matches
from ..datamodel import Cell, GridBlock, NLine, Repair
from ..evidence.numbers import parse_amount
from ..evidence.printed import HEADING, NOTE_LINE, ORG_TAIL, TITLE_END, UNIT_WORD, WHO
from .code_tree import CodeTree, confirm_by_sums
from .spaced_columns import Amount, Identity, RowAmounts, place_rows, right_edges
from .templates import identify
from . import name_codes, staggered_rows, spaced_flat, spaced_groups, spaced_labelled, spaced_selfeval, spaced_sides, spaced_targets, spaced_three, spaced_wraps
from .spaced_text import covers
from .spaced_text import Header, after_title, title_above, title_like as _title_like
from .spaced_text import AMOUNT as _AMOUNT, SENTENCE as _SENTENCE, ends_table as _ends_table, furniture as _furniture, header_colon
from .spaced_text import CODE_NAME, bracket_code, name_piece as _name_piece, page_turn, repeated_header, tokens as _tokens
from .text_tables import with_report, text_reader

_CELL_LINES = 6  # lines a row of `code-name` cells may be spread over (pypdf wraps each cell's name)
_CODE_PART = re.compile(r"^\d{3}$|^\d{5}$|^\d{7}$")
_SUB_PART = re.compile(r"^\d{2}$")
_CODE_IN_NAME = re.compile(r"\d{3}")
_HAN = re.compile(r"\p{Han}")
_NO_NAMES = re.compile(r"编码|代码|单位名称|项目名称")  # a code column, or rows of units / projects
_TOTAL = re.compile(r"^(?:合计|总计|本年收入合计|本年支出合计|收入合计|支出合计)$")
_LANCI = re.compile(r"^栏\s*次")
_FIRST_TOTAL = re.compile(r"合计|小计|^合$|^支出总计$")
_KEY_LABEL = re.compile(r"编码|代码|名称$|^项目$|^项$|^目$|科目$|^类$|^款$|^预算单位$")
_LOOKAHEAD = 48  # non-blank lines from a header's first line to its first data row (pypdf prints a
# header word broken over lines as lines of their own: 本年收入合 / 计 / 财政拨款收 / 入 …)
_LEVEL_WORDS = frozenset(("类", "款", "项"))
_MAX_NAME_PIECES = 3  # lines a subject name is broken over, at most
# a unit's name ends as an organisation's does, perhaps with what part of it the row covers
# (`某某局（本级）`, `某某局(机关)`)
_ORG_END = re.compile(rf"{ORG_TAIL}(?:[（(]\p{{Han}}{{1,20}}[）)])?$|{ORG_TAIL}[）)]$")  # also 某某园（某某幼儿园）
_UNIT_AFTER = re.compile(UNIT_WORD.pattern + ".*$")  # the unit line printed after the unit's name
_UNIT_DOUBT = ("unit uncertain: a unit's name, printed over several lines, does not end as a unit's name does, "
               "so which pieces make which row's name is not certain")
_UNIT_CODE_LABEL = re.compile(r"编码|代码|科目")
_UNIT_KEY = re.compile(r"单位名称|部门名称")
_UNIT_CODE_KEY = re.compile(r"(?:单位|部门)[编代]")  # 单位编码 / 部门代码, perhaps broken over lines (`部门代` / `码`)
_UNIT_CODE = re.compile(r"^\d{3,12}$")  # a unit's code: the department's 3 digits, a unit's more
_WRAP_DOUBT = ("column uncertain: an amount printed around its row's line (its head above, its last digits "
               "below) has no printed place among the row's amounts")
PAIRED_LABELS = ("政府预算支出经济分类科目编码", "政府预算支出经济分类科目名称")  # a second subject's columns


def _indicators_first_row(lines: Sequence[NLine], i: int) -> Optional[int]:
    """绩效目标表 (spaced_targets.py) or 整体支出绩效自评表 (spaced_selfeval.py): both titled 绩效…表."""
    j = spaced_targets.first_row(lines, i)
    return j if j is not None else spaced_selfeval.first_row(lines, i)


def _read_indicators(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    if spaced_targets.first_row(lines, i) is not None:
        return spaced_targets.read_targets(lines, i)
    return spaced_selfeval.read_selfeval(lines, i)


def _flat_first_row(lines: Sequence[NLine], i: int) -> Optional[int]:
    """A 三公 table: one line of amounts under its header tree (spaced_flat.py), rows by unit or year
    under a header of the 三公 words only, placed by the 三公 sums (spaced_three.py), else labelled rows
    (`行政经费 2,614.19 2,614.19 0.00 0.00` / `“三公”经费 44.94 …`: spaced_labelled.py)."""
    j = spaced_flat.first_row(lines, i)
    if j is None:
        j = spaced_three.first_row(lines, i)
    return j if j is not None else spaced_labelled.first_row(lines, i)


def _read_flat(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    if spaced_flat.first_row(lines, i) is not None:
        return spaced_flat.read_flat(lines, i)
    if spaced_three.first_row(lines, i) is not None:
        return spaced_three.read_three(lines, i)
    return spaced_labelled.read_labelled(lines, i)


# shapes read by the other modules of this layout: (first data row, reader)
OTHER_SHAPES = {
    "two_sides": (spaced_sides.first_row, spaced_sides.read_sides),
    "groups": (spaced_groups.first_row, spaced_groups.read_groups),
    "flat_values": (_flat_first_row, _read_flat),
    "indicators": (_indicators_first_row, _read_indicators),
}

# Standard column sets of the published tables, in printed order: (parent label or "", leaves)
STANDARD_COLUMNS: list[tuple[str, tuple[str, ...]]] = [
    ("", ("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")),
    ("", ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")),
    ("", ("合计", "基本支出", "项目支出", "事业单位经营支出", "对附属单位补助支出", "上缴上级支出")),
    ("", ("合计", "一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入", "事业收入", "其他收入", "上年结转")),
    ("收入预算", ("合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入")),
    ("一般公共预算基本支出", ("合计", "人员经费", "公用经费")),
    ("财政拨款基本支出", ("合计", "人员经费", "公用经费")),  # 财政拨款基本支出表（经济科目）
    ("一般公共预算基本支出", ("合计", "人员经费", "日常公用支出")),  # 公用经费 printed 日常公用支出 (Zhejiang)
    ("本年支出", ("小计", "基本支出", "项目支出")),
    ("本年支出", ("合计", "基本支出", "项目支出")),
    ("一般公共预算支出", ("合计", "基本支出", "项目支出")),
    ("", ("合计", "基本支出", "项目支出")),
    ("", ("小计", "基本支出", "项目支出")),  # 小计 / 其中： / 基本支出 项目支出
    ("", ("支出总计", "基本支出", "项目支出")),  # (Shenzhen's 一般公共预算支出表)
    # budget 支出总表 and 收入总表 (部门预算 / 单位预算), their columns in the standard order
    ("", ("合计", "基本支出", "项目支出", "事业单位经营支出", "上缴上级支出", "对附属单位补助支出")),
    ("", ("合计", "一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入", "财政专户管理资金收入",
          "事业收入", "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入", "上年结转结余")),
    ("", ("总计", "一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入", "财政专户管理资金收入",
          "事业收入", "上级补助收入", "附属单位上缴收入", "事业单位经营收入", "其他收入")),  # (Chongqing)
]
# labels that name their set only where printed whole: their characters are common in other headers
# (`功能科目 总 计 基本支出 项目支出 事业单位经营 支出 …` covers 支出总计 but names six columns)
_WHOLE_ONLY = frozenset(("支出总计",))
_MAX_COLUMNS = 13  # the widest standard set a header may name over rows that print fewer amounts


# Column sets with a group of sub-columns under one label and its own subtotal (`group/leaf`), in
# printed order: 合计 | 基本支出 (小计 人员经费 公用经费) | 项目支出 (a budget's 一般公共预算支出表). Their row
# identities: the first column = Σ the top-level columns after it (a group by its 小计, else its
# leaves), a group's 小计 = Σ its other leaves.
GROUPED_COLUMNS: list[tuple[str, tuple[str, ...]]] = [
    ("", ("合计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费", "项目支出")),
    ("", ("合计", "基本支出/人员经费", "基本支出/公用经费", "项目支出")),
    ("", ("合计", "基本支出/小计", "基本支出/人员经费", "基本支出/日常公用支出", "项目支出")),  # 日常公用 (Zhejiang)
    ("", ("合计", "基本支出/小计", "基本支出/人员支出", "基本支出/日常公用支出", "项目支出")),  # (Shandong)
    ("", ("总计", "基本支出/人员支出", "基本支出/公用经费", "项目支出", "事业单位经营支出", "上缴上级支出",
          "对附属单位补助支出")),
    ("", ("总计", "基本支出/人员支出", "基本支出/日常公用支出", "项目支出", "事业单位经营支出", "上缴上级支出",
          "对附属单位补助支出")),
    ("", ("合计", "基本支出/人员经费", "基本支出/公用经费", "项目支出", "事业单位经营支出", "上缴上级支出",
          "对附属单位补助支出")),
    # a 基本支出 table of two classifications (部门 | 政府 经济分类) under one spanning label (Yantai)
    ("", ("基本支出预算/小计", "基本支出预算/人员支出", "基本支出预算/日常公用支出")),
    ("", ("合计", "财政拨款收入/小计", "财政拨款收入/一般公共预算收入", "财政拨款收入/政府性基金预算收入",
          "财政拨款收入/国有资本经营预算收入", "财政专户管理资金收入", "事业收入", "事业单位经营收入", "其他收入",
          "上级补助收入", "附属单位上缴收入", "使用非财政拨款结余", "上年结转")),
]


def set_labels(parent: str, leaves: Sequence[str]) -> list[str]:
    """The labels a header prints for a column set: its parent, each group once, each leaf."""
    out = [parent] if parent else []
    for leaf in leaves:
        group, _, label = leaf.rpartition("/")
        if group and group not in out:
            out.append(group)
        out.append(label)
    return out


def _top_labels(leaves: Sequence[str]) -> list[str]:
    """The first header row's labels in order: a group's label once, for all its leaves."""
    out: list[str] = []
    for leaf in leaves:
        top = leaf.split("/")[0]
        if not out or out[-1] != top:
            out.append(top)
    return out


def set_identities(leaves: Sequence[str]) -> list[Identity]:
    """The row identities of a column set (see GROUPED_COLUMNS); the first column a total."""
    top: list[int] = []
    groups: dict[str, list[int]] = {}
    for c, leaf in enumerate(leaves[1:], start=1):
        group, _, label = leaf.rpartition("/")
        if not group:
            top.append(c)
        elif group not in groups:
            groups[group] = [c]
            top.append(c)  # the group's first leaf: its 小计, or its first part
        else:
            groups[group].append(c)
    out: list[Identity] = []
    for members in groups.values():
        if _FIRST_TOTAL.search(leaves[members[0]].rpartition("/")[2]):
            out.append((members[0], tuple(members[1:])))
        else:
            top.extend(members[1:])
    out.append((0, tuple(sorted(top))))
    return out


@dataclass
class _Row:
    line: NLine
    code: Optional[str]
    code_orig: str
    name: str
    amounts: list[Amount]
    total: bool
    name_lines: list[NLine] = field(default_factory=list)
    name_from_before: bool = False
    code_line: Optional[NLine] = None  # where the code was printed, when not on the amounts' line
    parts: list[str] = field(default_factory=list)  # a 款/项 part printed alone (`08 审计事务`), code None
    part_at: int = 0  # where the part stands in the line (-layout text: its column)
    repair: Optional[Repair] = None  # how the code was completed from the rows above (code_tree.py)
    wrap_unplaced: bool = False  # an amount joined around the line, its place among the others not printed
    pair: Optional[tuple[str, str, str]] = None  # a second subject on the row: code, as printed, name
    subjects: list[str] = field(default_factory=list)  # further `code-name` cells on the row, as printed
    split: Optional[int] = None  # printed over two lines with amounts on each: the first line's count
    unit_code: Optional[str] = None  # a unit's code (a table of units with a code column): placement only


def _parse_row(line: NLine, partial: bool = False, names: bool = False) -> Optional[_Row]:
    """A data row: code parts, a name, amounts at the end; a 合计 row; or a code with amounts only.
    With `partial` (rows below a 类 row): also a row printing only the 款 / 项 part of its code
    (`08 审计事务 2,731.79 …`), returned with `parts` and no code, for the rows above to complete.
    With `names` (a subject table printing names only, `names_only`): also a name with amounts
    (`社会工作事务 1.98 1.98`), returned with no code."""
    toks = _tokens(line.text)
    if not toks:
        return None
    k = len(toks)
    while k > 0 and _AMOUNT.match(toks[k - 1][0]):
        k -= 1
    amounts = [Amount(t, s, e) for t, s, e in toks[k:]]
    head = toks[:k]
    code = None
    code_orig = ""
    j = 0
    named = _code_name_cells(head)
    if named is not None:  # `2130201-行政运行 50101-工资奖金津补贴 30101-基本工资 142.488000 …`
        (code, name, printed), further = named[0], named[1:]
        return _Row(line, code, printed[:len(printed) - len(name)], name, amounts, False,
                    subjects=[cell for _, _, cell in further])
    bracketed = bracket_code(head[0][0]) if head else None
    if bracketed is not None:  # `[20805]行政事业单位养老支出 1,418.13 …`
        code, rest = bracketed
        w, s, e = head[0]
        code_orig = w[:len(w) - len(rest)]
        head = [("", s, s)] + ([(rest, e - len(rest), e)] if rest else []) + head[1:]
        j = 1
    elif head and _CODE_PART.match(head[0][0]):
        parts = [head[0][0]]
        j = 1
        if len(parts[0]) == 3:
            while j < len(head) and j < 3 and _SUB_PART.match(head[j][0]):
                parts.append(head[j][0])
                j += 1
        code, code_orig = "".join(parts), " ".join(parts)
    elif not head and amounts and len(amounts) >= 2 and _CODE_PART.match(amounts[0].text) and any(
            "." in a.text for a in amounts[1:]):
        # a code with amounts only (its name printed on the lines around it)
        code, code_orig = amounts[0].text, amounts[0].text
        amounts = amounts[1:]
        parts = [code]
        while amounts and len(parts) < 3 and len(code) == 3 and _SUB_PART.match(amounts[0].text):
            parts.append(amounts[0].text)
            amounts = amounts[1:]
        code, code_orig = "".join(parts), " ".join(parts)
    elif partial and not head and len(amounts) >= 2 and _SUB_PART.match(amounts[0].text) and any(
            "." in a.text for a in amounts[1:]):
        # a 款 / 项 part with amounts only (its name printed on the lines around it)
        return _Row(line, None, "", "", amounts[1:], False, parts=[amounts[0].text], part_at=amounts[0].start)
    name = "".join(t for t, _, _ in head[j:])
    if code is None and amounts and len(head) > 1 and all(t in _LEVEL_WORDS for t, _, _ in head[:-1]):
        name = head[-1][0]  # `类 款 项 合计 2,946.25 …`: the header's last line run into the 合计 row
    if code is not None:
        pair = _second_subject(head[j:]) if _CODE_IN_NAME.search(name) else None
        if pair is not None:  # 部门 | 政府 经济分类 side by side: `301 01 基本工资 501 01 工资奖金津补贴 …`
            name = pair[0]
        if _SENTENCE.search(name) or len(name) > 40 or _CODE_IN_NAME.search(name):
            return None  # a sentence, or a second code in the name that is no second subject
        return _Row(line, code, code_orig, name, amounts, False, pair=pair[1:] if pair else None)
    if name and _TOTAL.match(name) and amounts:
        return _Row(line, None, "", name, amounts, True)
    if partial and head and _SUB_PART.match(head[0][0]):
        k = 2 if len(head) > 2 and _SUB_PART.match(head[1][0]) else 1
        name = "".join(t for t, _, _ in head[k:])
        if name and not name[0].isdigit() and not _SENTENCE.search(name) and len(name) <= 40 and not (
                _CODE_IN_NAME.search(name) or _TOTAL.match(name)):
            return _Row(line, None, "", name, amounts, False, parts=[t for t, _, _ in head[:k]], part_at=head[0][1])
    if names and _subject_name(name) and amounts and (any("." in a.text for a in amounts) or codes_named(
            name, "function") or codes_named(name, "economic")):  # whole amounts (`电费 791 791`): a known name
        return _Row(line, None, "", name, amounts, False)
    return None


def _code_name_cells(head: list) -> Optional[list[tuple[str, str, str]]]:
    """The cells of a row that prints each subject as one `code-name` cell (Beijing's 支出总表:
    `2130201-行政运行 50101-工资奖金津补贴 30101-基本工资`, the functional, government-economic and
    department-economic subjects side by side), as (code, name, cell as printed), else None. A word
    that opens no `code-name` continues the cell before it (a name wrapped in its narrow column,
    `0112-农业、林业和水利公 共服务`)."""
    if not head or CODE_NAME.match(head[0][0]) is None:
        return None
    cells: list[list[str]] = []
    for t, _, _ in head:
        if CODE_NAME.match(t):
            cells.append([t])
        else:
            cells[-1].append(t)
    out = []
    for words in cells:
        printed = "".join(words)
        m = CODE_NAME.match(printed)
        name = m.group(2)
        if not _HAN.search(name) or _SENTENCE.search(name) or len(name) > 40 or any(ch.isdigit() for ch in name):
            return None
        out.append((m.group(1), name, printed))
    return out


def _subject_labels(header: list[NLine], further: int) -> list[str]:
    """The labels of a table's further subject columns (`政府支出经济分类科目 部门支出经济分类科目` after
    the first subject's `支出功能分类科目`): the header words ending in 科目, when there is one per
    subject column; else 科目2, 科目3 …"""
    words = [t for ln in header for t, _, _ in _tokens(ln.text) if t.endswith("科目")]
    if len(words) == further + 1:
        return words[1:]
    return [f"科目{k + 2}" for k in range(further)]


def _subject_name(name: str) -> bool:
    """A subject's name as a names-only table prints it: words, no digit, no sentence."""
    return bool(name) and len(name) <= 40 and bool(_HAN.search(name)) and not any(ch.isdigit() for ch in name) and (
        not _SENTENCE.search(name)) and not _TOTAL.match(name)


def names_only(header_text: str, template) -> bool:
    """A subject table (by its template) whose header names the subject's name column but no code
    column (`功能分类科目名称 合计 …`: the 类 / 款 / 项 shown by order only): its rows print names."""
    h = "".join(header_text.split())
    return template is not None and template.shape == "subject" and "科目名称" in h and not _NO_NAMES.search(h)


def _second_subject(toks: list) -> Optional[tuple[str, str, str, str]]:
    """`基本工资 501 01 工资奖金津补贴` after a row's code: a name (or none: printed on the lines
    around), a second subject's code (a 类 and its 款 part, or 3 / 5 digits) and name — (name, code,
    code as printed, name) — else None."""
    at = next((k for k, (t, _, _) in enumerate(toks) if _CODE_PART.match(t) and len(t) in (3, 5)), None)
    if at is None:
        return None  # (at 0: the first name is printed around the line, `机关事业单位基本养老保` / `险缴费`)
    parts = [toks[at][0]]
    k = at + 1
    if len(parts[0]) == 3 and k < len(toks) and _SUB_PART.match(toks[k][0]):
        parts.append(toks[k][0])
        k += 1
    first = "".join(t for t, _, _ in toks[:at])
    second = "".join(t for t, _, _ in toks[k:])
    if not second or any(ch.isdigit() for ch in first + second):
        return None
    return first, "".join(parts), " ".join(parts), second


def _amounts_only(line: NLine) -> Optional[list[Amount]]:
    toks = _tokens(line.text)
    if toks and all(_AMOUNT.match(t) for t, _, _ in toks) and any("." in t for t, _, _ in toks):
        return [Amount(t, s, e) for t, s, e in toks]
    return None


def _unit_own_row(line: NLine, unit: Optional[str]) -> Optional[_Row]:
    """The unit's own row standing above a subject table's first subject row, for its 合计 row
    (`深圳市统计局（本级） 5,417.80 4,104.00 1,313.80` under a title area naming `部门名称：深圳市统计局
    （本级）`): its label is the unit's name as the title area prints it, amounts follow. Else None."""
    if not unit:
        return None
    toks = _tokens(line.text)
    k = len(toks)
    while k > 0 and _AMOUNT.match(toks[k - 1][0]):
        k -= 1
    amounts = [Amount(t, s, e) for t, s, e in toks[k:]]
    label = "".join(t for t, _, _ in toks[:k])
    if label != unit or not amounts or not any("." in a.text for a in amounts):
        return None
    return _Row(line, None, "", label, amounts, True)


def _first_row(lines: Sequence[NLine], i: int) -> Optional[int]:
    seen = 0
    for j in range(i, min(i + 3 * _LOOKAHEAD, len(lines))):
        t = lines[j].text
        if not t.strip():
            continue  # -layout text spaces a header out with blank lines
        seen += 1
        if seen > _LOOKAHEAD:
            return None
        if "\t" in t or "|" in t or _SENTENCE.search(t) and not header_colon(t) or NOTE_LINE.match(t):
            return None
        if _parse_row(lines[j]) is not None or _total_above_amounts(lines, j) is not None or (
                _total_below_amounts(lines, j) is not None):
            return j
    return None


def _total_above_amounts(lines: Sequence[NLine], j: int) -> Optional[tuple[_Row, int]]:
    """`合计` on a line of its own with its amounts on the next line (a taller cell beside it): the
    total row, and the index of its amounts' line."""
    if not _TOTAL.match(lines[j].text.strip()):
        return None
    nxt = next((x for x in range(j + 1, min(j + 3, len(lines))) if lines[x].text.strip()), None)
    amounts = _amounts_only(lines[nxt]) if nxt is not None else None
    if not amounts:
        return None
    after = [x for x in range(nxt + 1, min(nxt + 8, len(lines))) if lines[x].text.strip()][:4]
    if any(_amounts_only(lines[x]) and _parse_row(lines[x]) is None for x in after):
        return None  # amounts printed on lines of their own below rows too: whose they are is unclear
    row = _Row(lines[nxt], None, "", lines[j].text.strip(), amounts, True, name_lines=[lines[j]],
               name_from_before=True)
    return row, nxt


def _total_below_amounts(lines: Sequence[NLine], j: int) -> Optional[_Row]:
    """`合计` on a line of its own under its amounts (`2,946.25 2,940.05 6.20` / `类 款 项` / `合计`:
    -layout text where the 合计 cell is taller than its row): the total row."""
    if lines[j].text.strip() not in ("合计", "总计"):
        return None
    seen = 0
    for k in range(j - 1, max(-1, j - 5), -1):
        t = lines[k].text.strip()
        if not t:
            continue
        amounts = _amounts_only(lines[k])
        if amounts and lines[k].text.startswith("   "):  # -layout: the amounts stand in their columns
            return _Row(lines[k], None, "", lines[j].text.strip(), amounts, True, name_lines=[lines[j]])
        if seen or not all(w in _LEVEL_WORDS for w in t.split()):
            return None
        seen += 1  # the header's 类 款 项 line between
    return None


def _other_shape(lines: Sequence[NLine], i: int) -> Optional[str]:
    """The shape of the table whose title stands above lines[i] when another module of this layout
    reads it (two_sides, groups, flat_values), else None."""
    template = identify(" ".join(ln.text for ln in _title_block(lines, i)), "")
    if template is not None and template.shape in OTHER_SHAPES:
        return template.shape
    return None


def _title_block(lines: Sequence[NLine], i: int) -> list[NLine]:
    """The title / code / unit lines right above lines[i] (blank lines and a stray mark such as the
    `“ ”` of a title whose quotes were printed apart skipped), nearest last; a list of the
    report's tables printed a few lines above is not taken in."""
    out: list[NLine] = []
    for k in range(i - 1, max(-1, i - 5), -1):
        t = "".join(lines[k].text.split())
        if not t or len(t) <= 2 and not t.isalnum():
            continue
        if not _title_like(lines[k]):
            break
        out.insert(0, lines[k])
    return out


def _untitled(lines: Sequence[NLine], i: int) -> bool:
    """A table title (…表) stands above lines[i] and no template knows it: a generic table."""
    title = next((ln for ln in reversed(lines[max(0, i - 4):i]) if TITLE_END.search(ln.text.strip())), None)
    return title is not None and identify(title.text, "") is None


def _detached_title(lines: Sequence[NLine], i: int) -> list[NLine]:
    """The title line above the table when a line that is no title line stands between (`“ ”`, the
    quotes of 财政拨款“三公”经费支出决算表 printed on a line of their own): blocks.py takes only the
    title lines right above a table, so the reader hands this one over."""
    for k in range(i - 1, max(-1, i - 5), -1):
        if identify(lines[k].text, "") is not None:
            between = lines[k + 1:i]
            if any(ln.text.strip() and not _title_like(ln) for ln in between):
                return [lines[k]]
            return []
    return []


def _starts(lines: Sequence[NLine], i: int) -> bool:
    t = lines[i].text
    if not t.strip() or "\t" in t or "|" in t or len(t) > 300:
        return False
    if not after_title(lines, i):
        return False
    shape = _other_shape(lines, i)
    if shape is not None:
        return OTHER_SHAPES[shape][0](lines, i) is not None
    unit = table_unit(lines, i)
    j = _first_row(lines, i)
    if j is None and spaced_labelled.unit_row(lines, i, unit) is not None:
        return True  # a table by class under the unit's own row
    if j is None:
        return _untitled(lines, i) and spaced_labelled.first_row(lines, i) is not None
    template = identify(" ".join(ln.text for ln in lines[max(0, i - 4):i]), " ".join(ln.text for ln in lines[i:j]))
    names = names_only(" ".join(ln.text for ln in lines[i:j]), template)
    if not names and spaced_labelled.total_first(lines, j, unit):
        return True  # a table by unit or by class: labelled rows under its 合计 row
    if template is not None and template.shape != "subject":
        return False  # side-by-side blocks, code/name/amount groups, one row of amounts: not read here
    if _rows_follow(lines, j, names):
        return True
    return _labelled_under_total(lines, i, j)


def _labelled_under_total(lines: Sequence[NLine], i: int, j: int) -> bool:
    """A table no template names whose first row (合计, perhaps with more amounts than the rows)
    is followed by no subject row but by labelled rows that print the same number of values
    (政府采购支出表: `合计 4,931.43 5,164.00 10,095.43` / `货物 349.62 349.62` / `定额 办公费 复印纸
    集中采购 2.00 2.00`): spaced_labelled.py reads them."""
    return _untitled(lines, i) and (spaced_labelled.total_over(lines, j) or spaced_labelled.first_row(lines, i) is not None)


def _rows_follow(lines: Sequence[NLine], j: int, names: bool) -> bool:
    """The line after the table's first row lines[j] goes on as this reader's rows do (a subject row,
    a piece of a name, a row split or wrapped around its line), or the first row is a 合计 printed
    alone before the table's note (an empty table)."""
    below = _total_above_amounts(lines, j)
    if below is not None:
        j = below[1]
    nxt = next((x for x in range(j + 1, min(j + 4, len(lines))) if lines[x].text.strip()), None)
    note = next((x for x in range(j + 1, min(j + 6, len(lines))) if lines[x].text.strip()), None)
    if note is not None and first_total_alone(lines, j, note):
        return True  # an empty table: its 合计 row alone, then its note
    first = _parse_row(lines[j])
    if nxt is not None and spaced_wraps.is_piece(lines[nxt].text):  # the 合计 row's amount, wrapped
        nxt = next((x for x in range(nxt + 1, min(nxt + 4, len(lines))) if lines[x].text.strip()), None)
    if nxt is None:
        return False
    after = next((x for x in range(nxt + 1, min(nxt + 3, len(lines))) if lines[x].text.strip()), None)
    if first is not None and _amounts_only(lines[nxt]) and _total_goes_on(first, lines, nxt):
        nxt, after = after, None  # the 合计 row printed over two lines: the next row follows
        if nxt is None:
            return False
    return _parse_row(lines[nxt], names=names) is not None or _name_piece(lines[nxt]) or (
        _split_row(lines, nxt) is not None) or (
        after is not None and _lifted_onto(lines[nxt], lines[after]) is not None) or (
        _wrapped_around(lines, nxt, first.amounts if first is not None else [], names=names) is not None)


def first_total_alone(lines: Sequence[NLine], j: int, nxt: int) -> bool:
    row = _parse_row(lines[j])
    return bool(row is not None and row.total and NOTE_LINE.match(lines[nxt].text))


# --- header ---------------------------------------------------------------------------------

def _standard_columns(header: list[NLine], n: int) -> Optional[tuple[str, tuple[str, ...]]]:
    """The standard column set of n columns whose labels the header's characters cover; of several,
    the first whose labels the header prints whole and in their order (the same labels come in
    another order in other provinces' tables), else the first."""
    text = "".join("".join(ln.text.split()) for ln in header)
    covered = [(parent, leaves) for parent, leaves in STANDARD_COLUMNS + GROUPED_COLUMNS
               if len(leaves) == n and covers(text, set_labels(parent, leaves))
               and all(label in text for label in leaves if label in _WHOLE_ONLY)]
    return next((c for c in covered if _in_order(text, _top_labels(c[1]))), covered[0] if covered else None)


def _refines(wide: Optional[tuple[str, tuple[str, ...]]], narrow: tuple[str, tuple[str, ...]],
             header: list[NLine]) -> bool:
    """`wide`, printed whole and in order, names every label of `narrow` and more (sub-columns)."""
    if wide is None:
        return False
    text = "".join("".join(ln.text.split()) for ln in header)
    labels = set(set_labels(*wide))
    return _in_order(text, _top_labels(wide[1])) and set(set_labels(*narrow)) < labels


def _in_order(text: str, labels: Sequence[str]) -> bool:
    at = 0
    for label in labels:
        k = text.find(label, at)
        if k < 0:
            return False
        at = k + len(label)
    return True


def _positional_labels(header: list[NLine], edges: list[int]) -> Optional[list[str]]:
    """-layout text: the header words standing over each column, top to bottom."""
    labels = [""] * len(edges)
    for ln in header:
        for t, s, e in _tokens(ln.text):
            if _LANCI.match(t) or t.isdigit():
                continue
            for c, edge in enumerate(edges):
                left = edges[c - 1] + 1 if c else edge - 12
                if s >= left and e <= edge + 3:
                    labels[c] += t
                    break
    return labels if all(labels) else None


_NOTE_LABEL = re.compile(r"^(?:备注|说明|备注说明)$")


def _without_notes(words: list[str], n: int) -> list[str]:
    """A header's words without the trailing 备注 column when it prints no amount (more words than
    the rows have amounts): `合计 人员经费支出 公用经费支出 备注` over three amounts."""
    while len(words) > n and words and _NOTE_LABEL.match(words[-1]):
        words = words[:-1]
    return words


# two-character words of column labels: a header word broken by a space between their characters
# (`扣除基建项目后预 算数`) is one label, not two
_LABEL_WORDS = frozenset("预算 决算 支出 收入 经费 项目 资金 金额 结转 结余 拨款 合计 小计 总数 基建 年初 执行".split())
_TOTAL_LABEL = re.compile(r"^(?:合计|总计)$")
_PIECE = re.compile(r"^\p{Han}{1,2}$")


_KNOWN_LABELS = frozenset(label.rpartition("/")[2] for _, leaves in STANDARD_COLUMNS + GROUPED_COLUMNS
                          for label in leaves if len(label.rpartition("/")[2]) >= 4)


def _splits_a_label(words: list[str]) -> bool:
    """Two neighbouring words that together make one standard column's label (`事业单位` `经营支出`,
    `对附属单位` `补助支出`: a label broken by a space in its narrow cell): the line's words are not
    one per column, however many they are."""
    return any(a + b in _KNOWN_LABELS and a not in _KNOWN_LABELS and b not in _KNOWN_LABELS
               for a, b in zip(words, words[1:]))


def _joined_pieces(words: list[str]) -> list[str]:
    """A header line's words with a label broken by a space joined again: a piece of one or two
    Chinese characters that, with the last character of the word before it, makes one of the labels'
    two-character words (`…后预` `算数`: 预算) belongs to that word; counted apart it would make one
    column too many and shift every name after it."""
    out: list[str] = []
    for w in words:
        if out and _PIECE.match(w) and out[-1] and out[-1][-1] + w[0] in _LABEL_WORDS and w not in _LABEL_WORDS:
            out[-1] += w
        else:
            out.append(w)
    return out


# characters no column label ends with (`扣除基建项目后`, `年初预`): a word ending so goes on in the next one
_DANGLING = frozenset("预决后及和与的除")


def _one_join(words: list[str]) -> list[str]:
    """The words with one label broken by a space joined, when exactly one word ends with a
    character no label ends with (`扣除基建项目后 预算数`); else the words as they are."""
    cut = [k for k in range(len(words) - 1) if words[k][-1] in _DANGLING]
    if len(cut) != 1:
        return words
    k = cut[0]
    return words[:k] + [words[k] + words[k + 1]] + words[k + 2:]


def _header_rows(header: list[NLine], n: int, edges: Optional[list[int]], at: NLine) -> tuple[list[list[Cell]], bool]:
    """Header rows of the grid (full width: 科目编码, 科目名称, then the amount columns) and whether
    the column names are certain."""
    def cell(text: str) -> Cell:
        return Cell(text=text, orig=text, line=at.no, page=at.page)
    std = _standard_columns(header, n)
    if std and any("/" in leaf for leaf in std[1]):  # a group of sub-columns: its label spans them
        tops = [leaf.split("/")[0] for leaf in std[1]]
        first = [x if not k or x != tops[k - 1] else "" for k, x in enumerate(tops)]
        subs = [leaf.rpartition("/")[2] if "/" in leaf else "" for leaf in std[1]]
        return [[cell("科目编码"), cell("科目名称")] + [cell(x) for x in first],
                [cell(""), cell("")] + [cell(x) for x in subs]], True
    if std:
        parent, leaves = std
        rows = []
        if parent:
            rows.append([cell("科目编码"), cell("科目名称"), cell(parent)] + [cell("") for _ in leaves[1:]])
            rows.append([cell(""), cell("")] + [cell(x) for x in leaves])
        else:
            rows.append([cell("科目编码"), cell("科目名称")] + [cell(x) for x in leaves])
        return rows, True
    lines_words = [_without_notes(_joined_pieces([t for t, _, _ in _tokens(ln.text) if not _KEY_LABEL.search(t)]), n)
                   for ln in header]
    keyed = [any(_KEY_LABEL.search(t) for t, _, _ in _tokens(ln.text)) for ln in header]
    for k, words in enumerate(lines_words):  # one header line with a label per amount column after the key labels
        if not words or any(w.isdigit() or _AMOUNT.match(w) for w in words) or any(
                len(other) > n for other in lines_words) or _splits_a_label(words):
            continue  # (not when another line names more columns, or two words are one label's halves)
        # a total column standing alone on the key labels' line (`科目编码 科目名称 合计`, its cell
        # spanning the header's lower rows) is the first column, the line below names the rest
        # (the header's last line of words: a line above it may be the groups' labels)
        last = k == max(x for x, w in enumerate(lines_words) if w)
        totals = [x for x in range(k) if keyed[x] and len(lines_words[x]) == 1 and _TOTAL_LABEL.match(lines_words[x][0])]
        if last and len(words) == n and len(totals) == 1:
            words = _one_join(words)
        if last and len(words) == n - 1 and len(totals) == 1 and not any(_TOTAL_LABEL.match(w) for w in words):
            return [[cell("科目编码"), cell("科目名称")] + [cell(x) for x in lines_words[totals[0]] + words]], True
        if len(words) == n and not (totals and not _TOTAL_LABEL.match(words[0])):
            # (not when a total column the line leaves out stands above it: one column too many)
            return [[cell("科目编码"), cell("科目名称")] + [cell(x) for x in words]], True
    labels = _positional_labels(header, edges) if edges else None
    if labels:
        return [[cell("科目编码"), cell("科目名称")] + [cell(x) for x in labels]], False
    return [[cell("科目编码"), cell("科目名称")] + [cell(f"列{c + 1}") for c in range(n)]], False


# --- rows -----------------------------------------------------------------------------------

class _Earlier:
    """The amounts of the rows read so far (rows[:stop]), gathered only when a wrap join asks for
    them: gathering them for every row made a long table's reading quadratic."""

    def __init__(self, rows: list[_Row], stop: Optional[int] = None) -> None:
        self.rows, self.stop = rows, len(rows) if stop is None else stop

    def __iter__(self) -> Iterator[Amount]:
        return (a for r in self.rows[:self.stop] for a in r.amounts)


def _collect(lines: Sequence[NLine], j: int, header_keys: set[str], title_keys: frozenset = frozenset(),
             kind: str = "function", names: bool = False) -> tuple[list[_Row], int]:
    """The table's rows from its first row on, and the index after them. `names`: a names-only
    subject table (`names_only`): rows `name amounts…` too."""
    rows: list[_Row] = []
    pending: list[NLine] = []  # name pieces printed before their code line
    tree = CodeTree(kind)  # the 类 / 款 above: rows printing a 款 / 项 part alone are rows too
    n = len(lines)
    width = sum(1 for key in header_keys for t in key.split() if t.endswith("科目")) or None
    cell_rows = False  # rows of `code-name` cells read over several lines: a 合计 may stand one cell a line
    while j < n:
        ln = lines[j]
        t = ln.text
        if "\t" in t or "|" in t:
            break
        if rows and rows[-1].amounts and not pending and spaced_wraps.join_piece(
                rows[-1].amounts, t, _Earlier(rows, len(rows) - 1)):
            j += 1  # `226,000.0` / `0`: the last digit of the row above's amount, wrapped
            continue
        wrapped = _wrapped_around(lines, j, _Earlier(rows), tree.cls is not None, names) if (
            not pending) else None
        if wrapped is not None:  # `350,034.4` / `合计 432,513.70 …` / `2`: an amount broken around its row
            row, j = wrapped
            _follow(tree, row)
            rows.append(row)
            continue
        total_alone = _total_one_a_line(lines, j) if cell_rows and not pending else None
        if total_alone is not None:  # `合    计` / `5,133.74` / `950.09` …: the 合计 row one cell a line
            rows.append(total_alone[0])
            j = total_alone[1]
            continue
        cell_row = _cell_row(lines, j, width) if not pending else None
        if cell_row is None and CODE_NAME.match(t.strip()):
            break  # a `code-name` cell whose row does not end in amounts within a few lines: not a row here
        if cell_row is not None:  # a row of `code-name` cells, perhaps spread over lines
            if cell_row[0] is not None:
                rows.append(cell_row[0])
                cell_rows = cell_rows or cell_row[1] - j > 1
                width = width or 1 + len(cell_row[0].subjects)  # no 科目 labels: the first row's cells
            j = cell_row[1]
            continue
        row = _parse_row(ln, partial=tree.cls is not None, names=names)
        if row is not None:  # `350,034.4 2`: an amount's last digit after a space at the line's end
            row.amounts = spaced_wraps.join_tail(row.amounts, _Earlier(rows))
        if row is not None and row.parts and not _completes(tree, row, pending):
            row = None
        if row is None and rows and not pending:
            turn = _page_turn(lines, j, header_keys, title_keys, tree.cls is not None)
            if turn is not None:  # the table goes on under its title and header printed again
                j = turn
                continue
        if row is None and not rows and not pending:
            row = _total_below_amounts(lines, j)
        below = _total_above_amounts(lines, j) if row is None and not pending else None
        if below is not None:
            row, j = below
            rows.append(row)
            j += 1
            continue
        if row is None and (_furniture(lines, ln) or " ".join(t.split()) in header_keys) and not _names_next_row(
                lines, j, tree):
            j += 1
            continue
        if row is None and not pending:
            nxt = next((x for x in range(j + 1, min(j + 3, n)) if lines[x].text.strip()), None)
            above = _lifted_onto(ln, lines[nxt]) if nxt is not None else None
            if above is not None:  # amounts printed a little above their row (-layout): that row's
                above.amounts = sorted(_amounts_only(ln) + above.amounts, key=lambda a: a.start)
                above.name_lines = [ln] + above.name_lines
                _follow(tree, above)
                rows.append(above)
                j = nxt + 1
                continue
        if row is None and not pending:
            split = _split_row(lines, j)
            if split is not None:  # `一般公共服务支出 1,503.52 603.14` / `201 2,106.66`: one row
                _follow(tree, split[0])
                rows.append(split[0])
                j = split[1]
                continue
        if row is None and not pending:
            alone = _code_alone(lines, j)
            if alone is not None:
                _follow(tree, alone[0])
                rows.append(alone[0])
                j = alone[1]
                continue
        if row is not None:
            if pending and not row.name:
                row.name = "".join(p.text.strip() for p in pending)
                row.name_lines = list(pending)
                row.name_from_before = True
            elif pending and row.code and name_matches(row.code, "".join(p.text.strip() for p in pending) + row.name):
                # `机关事业单位基本养老保险` / `208 05 05 缴费支出 160.75 160.75`: the name's end on the code line
                row.name = "".join(p.text.strip() for p in pending) + row.name
                row.name_lines = list(pending)
                row.name_from_before = True
            elif pending and row.parts and _completes(tree, row, pending, joined=True):
                row.name = "".join(p.text.strip() for p in pending) + row.name
                row.name_lines = list(pending)
                row.name_from_before = True
            elif pending and names and not row.code and not row.total and codes_named(
                    "".join(p.text.strip() for p in pending) + row.name, kind):
                # `其他政府性基金及对应专项债务收入安排` / `的支出 10,493.00`: the catalogue knows the joined name
                row.name = "".join(p.text.strip() for p in pending) + row.name
                row.name_lines = list(pending)
                row.name_from_before = True
            elif pending:
                break
            pending = []
            _follow(tree, row)
            rows.append(row)
            j += 1
            continue
        amounts = _amounts_only(ln)
        if amounts is not None and rows and _total_goes_on(rows[-1], lines, j) and not pending:
            # `合计 2,336.91 603.14` / `2,940.05`: the 合计 row printed over two lines
            rows[-1].split = len(rows[-1].amounts)
            rows[-1].amounts = rows[-1].amounts + amounts
            rows[-1].name_lines = [rows[-1].line]
            rows[-1].name_from_before = True
            rows[-1].line = ln
            j += 1
            continue
        if amounts is not None and rows and not rows[-1].amounts and not pending:
            rows[-1].amounts = amounts
            rows[-1].name_lines.append(ln)
            j += 1
            continue
        if _name_piece(ln) and not _ends_table(ln) and rows:
            last = rows[-1]
            piece = t.strip()
            nxt = next((x for x in range(j + 1, min(j + 3, n)) if lines[x].text.strip()), None)
            follows = nxt is not None and (_amounts_only(lines[nxt]) is not None or _parse_row(
                lines[nxt], partial=tree.cls is not None, names=names) is not None)
            if last.total and last.amounts:
                pass  # a 合计 row's label is whole: the piece belongs to the next row
            elif not last.amounts or (last.code and name_matches(last.code, last.name + piece)) or (
                    last.code and not last.name and not _names_next_row(lines, j)) or (
                    last.name_from_before and not pending and not (last.code and name_matches(last.code, last.name))):
                last.name += piece
                last.name_lines.append(ln)
                j += 1
                continue
            if follows and not pending:
                pending.append(ln)
                j += 1
                continue
        break
    if pending:
        j -= len(pending)
    return rows, _before_next_title(lines, rows, j, title_keys)


def _before_next_title(lines: Sequence[NLine], rows: list[_Row], j: int, own: frozenset) -> int:
    """Where the table ends: `j`, or the first line of another table's title the rows' reading passed
    over as page furniture after the last row (`表8一般公共预算支出表（按经济分类）` / `部门名称：…`): that
    table is read from its title, not from its header without one."""
    if not rows:
        return j
    used = {id(rows[-1].line)} | {id(x) for x in rows[-1].name_lines}
    start = next((k + 1 for k in range(j - 1, -1, -1) if id(lines[k]) in used), None)
    if start is None:
        return j
    for k in range(start, j):
        key = " ".join(lines[k].text.split())
        if key and key not in own and _title_like(lines[k]) and TITLE_END.search(key):
            return k
    return j


def _wrapped_around(lines: Sequence[NLine], j: int, seen: Iterable[Amount], partial: bool = False,
                    names: bool = False) -> Optional[tuple[_Row, int]]:
    """lines[j] holds amounts (pdfplumber, -layout: a row's cells centred on its line), the last one
    only the head of an amount whose last digits stand under the row's line (spaced_wraps `around`):
    the row with the amount joined, and the index after the digits. Where the row's own line holds
    amounts too, the lone head joins them — by position in -layout text, else after them with the row
    marked `wrap_unplaced`; where it holds only the row's name, the amounts above are the row's, in order."""
    above = _amounts_only(lines[j]) if lines[j].text.strip() else None
    if above is None:
        return None
    at = [x for x in range(j + 1, min(j + 6, len(lines))) if lines[x].text.strip()][:2]
    if len(at) < 2 or not spaced_wraps.is_piece(lines[at[1]].text):
        return None
    mid = lines[at[0]]
    row = _parse_row(mid, partial=partial, names=names)
    if row is None and names and _name_piece(mid) and _subject_name("".join(mid.text.split())):
        row = _Row(mid, None, "", "".join(mid.text.split()), [], False)  # the name alone, its amounts above
    if row is None or row.parts or (row.amounts and len(above) != 1):
        return None
    row.amounts = spaced_wraps.join_tail(row.amounts, seen)
    joined = spaced_wraps.around(above, row.amounts, lines[at[1]].text, seen)
    if joined is None:
        return None
    if not row.amounts:
        row.amounts = above[:-1] + [joined]
    elif "   " in mid.text.strip() and "   " in lines[j].text:  # -layout: the columns' positions
        row.amounts = sorted(row.amounts + [joined], key=lambda a: a.start)
    else:
        row.amounts = row.amounts + [joined]
        row.wrap_unplaced = True
    return row, at[1] + 1


def _total_one_a_line(lines: Sequence[NLine], j: int) -> Optional[tuple[_Row, int]]:
    """`合    计` on a line of its own and its amounts after it, one a line, up to a line that is no
    amount (a table of `code-name` rows printed one cell a line, PyMuPDF): the total row and the
    index after it."""
    if not _TOTAL.match("".join(lines[j].text.split())):
        return None
    amounts: list[Amount] = []
    k = j
    while True:
        nxt = next((x for x in range(k + 1, min(k + 3, len(lines))) if lines[x].text.strip()), None)
        got = _amounts_only(lines[nxt]) if nxt is not None else None
        if got is None or len(got) != 1:
            break
        amounts += got
        k = nxt
    if not amounts:
        return None
    return _Row(lines[k], None, "", "".join(lines[j].text.split()), amounts, True, name_lines=[lines[j]],
                name_from_before=True), k + 1


def _cell_row(lines: Sequence[NLine], j: int, width: Optional[int]) -> Optional[tuple[Optional[_Row], int]]:
    """A row of `code-name` cells from lines[j] (`2130201-行政运行 50101-工资奖金津补贴 30101-基本工资
    142.49 142.49`), and the index after it; None when lines[j] opens no such row. pypdf breaks a
    row whose cells wrap in their narrow columns over several lines: a cell's name goes on at the
    next line's start (`2130306-水利工程运行与维` / `护` / `50205-委托业务费 … 54.52 54.52`), the next
    cells and the amounts follow; the lines are joined up to the one that ends in an amount (PyMuPDF
    and pdftotext print such a row one cell a line: its other amounts follow, one a line). When
    the joined cells do not number the table's subject columns (`width`: the header's 科目 labels),
    which cell opens the row is not certain: the row is not read — (None, the index after its
    lines)."""
    toks = _tokens(lines[j].text)
    if not toks or CODE_NAME.match(toks[0][0]) is None:
        return None
    text, k = lines[j].text.strip(), j
    while not _AMOUNT.match(text.rsplit(None, 1)[-1]):
        nxt = next((x for x in range(k + 1, min(k + 3, len(lines))) if lines[x].text.strip()), None)
        if nxt is None or nxt - j > _CELL_LINES:
            return None
        more = lines[nxt].text.strip()
        first = more.split()[0]
        cell = CODE_NAME.match(first) is not None or _AMOUNT.match(first) is not None
        if _SENTENCE.search(more) or _title_like(lines[nxt]) or _TOTAL.match("".join(more.split()[:2])) or (
                not cell and _furniture(lines, lines[nxt])):  # (a wrapped cell repeats as a running line would)
            return None
        text += (" " if cell else "") + more
        k = nxt
    while k > j:  # one cell a line (PyMuPDF): the row's other amounts follow, one a line
        nxt = next((x for x in range(k + 1, min(k + 3, len(lines))) if lines[x].text.strip()), None)
        if nxt is None or _amounts_only(lines[nxt]) is None:
            break
        text += " " + lines[nxt].text.strip()
        k = nxt
    joined = copy(lines[k])
    joined.text = text
    row = _parse_row(joined)
    if row is None or not row.amounts or row.code is None:
        return None
    if width is not None and 1 + len(row.subjects) != width:
        return None, k + 1
    row.line = lines[k]
    if k > j:
        row.code_line = lines[j]
        row.name_lines = list(lines[j:k + 1])
    return row, k + 1


def _code_alone(lines: Sequence[NLine], j: int) -> Optional[tuple[_Row, int]]:
    """`21208` / `国有土地使用权出让` / `收入安排的支出` / `1800.00 1800.00`: a code alone on its line,
    its name broken over the lines under it, then its amounts (pypdf prints a row whose name wraps
    cell by cell): the row, and the index after its amounts' line."""
    toks = _tokens(lines[j].text)
    if len(toks) != 1 or not _CODE_PART.match(toks[0][0]):
        return None
    pieces: list[NLine] = []
    k = j + 1
    while k < len(lines) and len(pieces) <= _MAX_NAME_PIECES:
        ln = lines[k]
        if not ln.text.strip():
            k += 1
            continue
        amounts = _amounts_only(ln)
        if amounts is not None:
            if not pieces:
                return None
            name = "".join(p.text.strip() for p in pieces)
            return _Row(ln, toks[0][0], toks[0][0], name, amounts, False, name_lines=pieces,
                        name_from_before=True, code_line=lines[j]), k + 1
        tail = _name_then_amounts(ln)
        if tail is not None and not _ends_table(ln):
            # `2080505` / `机关事业单位基本养老保` / `险缴费支出 3,043.23 …`: the name's last piece
            # and the amounts on one line
            name = "".join(p.text.strip() for p in pieces) + tail[0]
            return _Row(ln, toks[0][0], toks[0][0], name, tail[1], False, name_lines=pieces + [ln],
                        name_from_before=bool(pieces), code_line=lines[j]), k + 1
        if not _name_piece(ln) or _ends_table(ln):
            return None
        pieces.append(ln)
        k += 1
    return None


def _name_then_amounts(line: NLine) -> Optional[tuple[str, list[Amount]]]:
    """`险缴费支出 3,043.23 2,468.91 …`: words of a name (no digits, no sentence marks, no total's
    label) then amounts to the line's end: the name's words joined and the amounts, else None."""
    toks = _tokens(line.text)
    k = len(toks)
    while k > 0 and _AMOUNT.match(toks[k - 1][0]):
        k -= 1
    if k == 0 or k == len(toks):
        return None
    name = "".join(t for t, _, _ in toks[:k])
    if len(name) > 30 or _SENTENCE.search(name) or _TOTAL.match(name) or any(ch.isdigit() for ch in name):
        return None
    return name, [Amount(t, s, e) for t, s, e in toks[k:]]


def _single_spaced(line: NLine) -> bool:
    """A line whose cells stand one space apart (pdfplumber, pypdf): no column positions kept."""
    return "   " not in line.text.strip()


def _split_row(lines: Sequence[NLine], j: int) -> Optional[tuple[_Row, int]]:
    """`一般公共服务支出 1,503.52 603.14` / `201 2,106.66`: pdfplumber prints a row whose cells stand at
    different heights over two lines, its name with some of its amounts, then its code with the
    others (no name, or the name's end the catalogue completes). The row, its amounts the two
    lines' (`split`: how many come from the first; which column each takes is left to the sums),
    and the index after its code line; else None."""
    ln = lines[j]
    first = _name_then_amounts(ln)
    if first is None or not _single_spaced(ln) or not any("." in a.text for a in first[1]):
        return None
    name, amounts = first
    nxt = next((x for x in range(j + 1, min(j + 3, len(lines))) if lines[x].text.strip()), None)
    row = _parse_row(lines[nxt]) if nxt is not None else None
    if row is None or not row.code or not row.amounts or row.pair or not _single_spaced(lines[nxt]):
        return None
    if row.name and not name_matches(row.code, name + row.name):
        return None
    row.split = len(amounts)
    row.amounts = amounts + row.amounts
    row.name = name + row.name
    row.name_lines = [ln]
    row.name_from_before = True
    return row, nxt + 1


def _total_goes_on(last: _Row, lines: Sequence[NLine], j: int) -> bool:
    """lines[j], amounts only, holds the rest of the 合计 row above it (pdfplumber: `合计 2,336.91
    603.14` / `2,940.05`, the cells at different heights): the 合计 row printed on one line before
    this one, both single-spaced, and no more amounts alone on the line after this one."""
    if not last.total or not last.amounts or last.split is not None or last.name_lines:
        return False
    if not (_single_spaced(last.line) and _single_spaced(lines[j])):
        return False
    nxt = next((x for x in range(j + 1, min(j + 3, len(lines))) if lines[x].text.strip()), None)
    return nxt is not None and _amounts_only(lines[nxt]) is None


def _first_value(row: _Row) -> Optional[Decimal]:
    if row.split is not None:  # which of its amounts stands first is not printed
        return None
    return parse_amount(row.amounts[0].text)[0] if row.amounts else None


def _completes(tree: CodeTree, row: _Row, pending: list[NLine], joined: bool = False) -> bool:
    """A row printing a 款 / 项 part alone that the rows above complete (with the name pieces
    printed above it joined in front, `joined`: only when the catalogue then knows the code with
    that name). The code found is kept for the name pieces below to be matched against; the
    table's rows are completed again once read (`_complete`)."""
    name = "".join(p.text.strip() for p in pending) + row.name if joined else row.name
    done = copy(tree).part(row.parts, name, first=_first_value(row))
    if done is None or (joined and not name_matches(done.code, name)):
        return False
    row.code = done.code
    return True


def _follow(tree: CodeTree, row: _Row) -> None:
    """The tree after a row is read (a 合计 row changes nothing)."""
    if row.parts:
        tree.part(row.parts, row.name, first=_first_value(row))
    elif row.code:
        tree.whole(row.code, _first_value(row))


def _complete(rows: list[_Row], kind: str) -> None:
    """The codes of the rows that print a 款 / 项 part alone, from the rows above, now that every
    name is whole (code_tree.py); a row the rows above cannot complete keeps its name and no code."""
    tree = CodeTree(kind)
    for r in rows:
        if r.parts:
            done = tree.part(r.parts, r.name, first=_first_value(r))
            r.code, r.code_orig = (done.code, " ".join(r.parts)) if done is not None else (None, "")
            r.repair = done.repair if done is not None else None
        elif r.code:
            tree.whole(r.code, _first_value(r))


def _page_turn(lines: Sequence[NLine], j: int, header_keys: set[str], own: frozenset,
               partial: bool) -> Optional[int]:
    """The table continued on a new page under its title and header printed again (spaced_text
    `page_turn`): the index of its next row (or of the name piece printed above a row), else None."""
    def resumes(k: int) -> bool:
        if _parse_row(lines[k], partial=partial) is not None:
            return True
        nxt = next((x for x in range(k + 1, min(k + 3, len(lines))) if lines[x].text.strip()), None)
        row = _parse_row(lines[nxt], partial=partial) if nxt is not None and _name_piece(lines[k]) else None
        return row is not None and not row.name  # a name printed around its row's line
    return page_turn(lines, j, own, header_keys, resumes)

def _lifted_onto(line: NLine, below: NLine) -> Optional[_Row]:
    """`        1,503.52   603.14` over `201   一般公共服务支出   2,106.66`: in -layout text a row's
    amounts printed in another font stand a little above its line; the row below, when the amounts
    above take columns its own amounts leave free (no two overlap in position)."""
    lifted = _amounts_only(line)
    if not lifted or "   " not in line.text:
        return None
    row = _parse_row(below)
    if row is None or not row.code or not row.amounts or "   " not in below.text:
        return None
    if any(a.start < b.end and b.start < a.end for a in lifted for b in row.amounts):
        return None
    if min(a.start for a in lifted) <= len(row.code_orig) + len(row.name):
        return None  # amounts over the code and name: no cell of this row
    return row


def _names_next_row(lines: Sequence[NLine], j: int, tree: Optional[CodeTree] = None) -> bool:
    """lines[j] is a subject name (one the document prints often, so it looks like a running header)
    printed above the code line of its row, which has no name of its own — or, with the rows above
    (`tree`), the start of the name whose end the next row prints after its 款 / 项 part
    (`机关事业单位基本养老保` / `05 险缴费支出 221.01`: the catalogue knows the code with the whole name)."""
    if not _name_piece(lines[j]):
        return False
    nxt = next((x for x in range(j + 1, min(j + 3, len(lines))) if lines[x].text.strip()), None)
    partial = tree is not None and tree.cls is not None
    row = _parse_row(lines[nxt], partial=partial) if nxt is not None else None
    if row is not None and row.parts and row.name and tree is not None:
        return _completes(tree, row, [lines[j]], joined=True)
    return row is not None and bool(row.code or row.parts) and not row.name


def unit_table(header_text: str) -> bool:
    """The table's rows are units (单位名称 over the key column, no code column): 收入/支出总表 of a
    部门预算 or 单位预算 list each unit's amounts under the 合计 row."""
    return "单位名称" in header_text and not _UNIT_CODE_LABEL.search(header_text)


def coded_unit_table(header_text: str) -> bool:
    """The table's rows are units with their codes (部门代码 / 单位编码 over a code column, 部门名称 /
    单位名称 over the name: a 收入总表 whose rows are the department `123 某某局` and its units `123001
    某某局`, `123002 某某中心` …), no subject column."""
    h = "".join(header_text.split())
    return bool(_UNIT_KEY.search(h)) and bool(_UNIT_CODE_KEY.search(h)) and "科目" not in h


def _unit_line(line: NLine, coded: bool = False) -> Optional[tuple[str, list[Amount], Optional[str]]]:
    """A unit row's amounts line: amounts at the end (one with decimals at least), maybe a piece of
    the unit's name before them (words without digits or punctuation); with `coded`, the unit's code
    first (returned third)."""
    toks = _tokens(line.text)
    code = None
    if coded:
        if len(toks) < 2 or not _UNIT_CODE.match(toks[0][0]):
            return None
        code, toks = toks[0][0], toks[1:]
    k = len(toks)
    while k > 0 and _AMOUNT.match(toks[k - 1][0]):
        k -= 1
    amounts = [Amount(t, s, e) for t, s, e in toks[k:]]
    name = "".join(t for t, _, _ in toks[:k])
    if not amounts or not any("." in a.text for a in amounts):
        return None
    if name and (_SENTENCE.search(name) or any(ch.isdigit() for ch in name) or _TOTAL.match(name)):
        return None
    return name, amounts, code


def _unit_piece(lines: Sequence[NLine], line: NLine) -> bool:
    t = line.text.strip()
    return _name_piece(line) and not _ends_table(line) and not HEADING.match(t) and not _TOTAL.match(t) \
        and not _furniture(lines, line)


def _unit_names(runs: list[list[NLine]], inline: list[str], ends_as_unit: bool = False) -> Optional[list[list[NLine]]]:
    """Which name pieces belong to which row. `runs[r]` are the pieces printed before the amounts line
    of row r (`runs[-1]`: after the last), `inline[r]` the piece on that line. A row's pieces stand
    all before its amounts line (pypdf), all after it, or as many after as before (the name centred
    on its row: -layout text); each way that shares out every piece is tried, and the rows' pieces
    are returned when those ways name the rows alike, else None (which piece is whose is unclear)."""
    m = len(inline)
    sizes = [len(x) for x in runs]
    centred, before = [], sizes[0]
    for r in range(m):
        centred.append((before, before))
        before = sizes[r + 1] - before
    found: dict[tuple[str, ...], list[list[NLine]]] = {}
    for split in ([(sizes[r], 0) for r in range(m)], [(0, sizes[r + 1]) for r in range(m)], centred):
        if any(b < 0 or a < 0 for b, a in split):
            continue
        if any((split[r - 1][1] if r else 0) + (split[r][0] if r < m else 0) != sizes[r] for r in range(m + 1)):
            continue
        rows = [runs[r][sizes[r] - b:] + runs[r + 1][:a] for r, (b, a) in enumerate(split)]
        key = tuple("".join(x.text.strip() for x in row[:b]) + inline[r] + "".join(x.text.strip() for x in row[b:])
                    for r, (row, (b, _)) in enumerate(zip(rows, split)))
        if ends_as_unit and not all(unit_name(name) for name in key):
            continue  # (`ends_as_unit`: only a way whose every name ends as a unit's name does)
        found.setdefault(key, rows)
    return next(iter(found.values())) if len(found) == 1 else None


def _unit_rows(lines: Sequence[NLine], j: int, coded: bool = False,
               header_keys: Optional[set[str]] = None) -> tuple[list[_Row], int]:
    """The unit rows after a unit table's 合计 row: each a unit's name (on its amounts line, or broken
    over the lines around it) and its amounts. Rows are read up to the first line that is neither a
    name piece nor an amounts line. Page furniture (a page number, a running header or footer) and
    the header's lines printed again on the new page end a page's rows, and the rows go on after
    them: a name is never followed over a page, so each page's pieces are shared out among its own
    rows; a page whose pieces cannot be shared out for certain ends the table before it. With `coded`
    every amounts line opens with its unit's code, and the pieces are shared out only in a way that
    makes every name end as a unit's name does."""
    pages: list[tuple[list[list[NLine]], list[tuple[NLine, str, list[Amount], Optional[str]]], int]] = []
    runs: list[list[NLine]] = [[]]
    amount_lines: list[tuple[NLine, str, list[Amount], Optional[str]]] = []
    k, n, page_start = j, len(lines), j
    while k < n:
        ln = lines[k]
        if not ln.text.strip():
            k += 1
            continue
        if "\t" in ln.text or "|" in ln.text:
            break
        got = _unit_line(ln, coded)
        if got is not None:
            amount_lines.append((ln, got[0], got[1], got[2]))
            runs.append([])
        elif (amount_lines or pages) and (_furniture(lines, ln) or repeated_header(ln, header_keys or set()) or (
                runs == [[]] and " ".join(ln.text.split()) in (header_keys or set()))):
            # (a short header line, 部门代, is taken for one only at a page's top, before any piece)
            if runs != [[]] or amount_lines:
                pages.append((runs, amount_lines, page_start))
            runs, amount_lines, page_start = [[]], [], k
        elif _unit_piece(lines, ln):
            runs[-1].append(ln)
        else:
            break
        k += 1
    if amount_lines or runs != [[]]:
        pages.append((runs, amount_lines, page_start))
    rows: list[_Row] = []
    for runs, amount_lines, page_start in pages:
        names = _unit_names(runs, [name for _, name, _, _ in amount_lines], ends_as_unit=coded) if amount_lines else None
        if names is None:
            return (rows, page_start) if rows else ([], j)
        for (ln, inline, amounts, unit_code), pieces in zip(amount_lines, names):
            before = [p for p in pieces if p.no < ln.no]
            after = [p for p in pieces if p.no > ln.no]
            name = "".join(p.text.strip() for p in before) + inline + "".join(p.text.strip() for p in after)
            if not name:
                return (rows, page_start) if rows else ([], j)
            rows.append(_Row(ln, None, "", name, amounts, False, name_lines=before + [ln] + after,
                             name_from_before=bool(before), unit_code=unit_code))
    return rows, k


def table_unit(lines: Sequence[NLine], i: int) -> Optional[str]:
    """The unit the table from lines[i] is of, as its title area names it (`部门名称：某某局（本级）`,
    perhaps with the unit line after it: `… 单位：万元`), else None."""
    for ln in title_above(lines, i):
        text = "".join(ln.text.split())
        m = WHO.match(text)
        name = _UNIT_AFTER.sub("", text[m.end():]) if m else ""
        if name and unit_name(name):
            return name
    return None


def unit_name(text: str) -> bool:
    """`text` ends as the name of a unit does (局, 中心, 支队 …; also with a part in brackets after
    it: 某某局（本级）)."""
    return bool(_ORG_END.search(text))


def unit_names_doubtful(rows: Sequence[_Row]) -> bool:
    """A unit's name that does not end as a unit's name does (局, 中心, 支队 …): the pieces of the names
    were shared out wrongly (a converter that prints a centred name's pieces out of order), so no
    row's name is certain."""
    return any(not r.total and not unit_name(r.name) for r in rows)


def _amount_cell(row: _Row, a: Amount, doubt: Optional[str], wraps_doubtful: bool = False) -> Cell:
    c = Cell(text=a.text, orig=a.printed or a.text, line=row.line.no, page=row.line.page, repaired=row.line.repaired)
    wrapped = spaced_wraps.wrap_repair(a, doubtful=wraps_doubtful)
    if doubt or wrapped:
        c.repairs = ([wrapped] if wrapped else []) + (
            [Repair(kind="layout.column_guess", note=doubt, status="unconfirmed")] if doubt else [])
    return c


def _grid_row(row: _Row, placed: RowAmounts, n: int, paired: bool = False, wraps_doubtful: bool = False,
              subjects: int = 0) -> list[Cell]:
    ln = row.line
    at = row.code_line or ln
    code = Cell(text=row.code or "", orig=row.code_orig, line=at.no, page=at.page,
                repairs=[row.repair] if row.repair else None)
    name = Cell(text=row.name, orig=row.name, line=(row.name_lines[0].no if row.name_from_before else ln.no),
                page=ln.page, joined=bool(row.name_lines))
    values = [Cell(text="", orig="", line=ln.no, page=ln.page) for _ in range(n)]
    for k, (a, c) in enumerate(zip(placed.amounts, placed.cols or ())):
        values[c] = _amount_cell(row, a, placed.doubt if k in placed.unsure else None, wraps_doubtful)
    if placed.unsure and placed.doubt:
        # an amount whose column is a guess may stand in any blank cell of its row: no blank is certain
        for c, cell in enumerate(values):
            if not cell.text:
                cell.repairs = [Repair(kind="layout.column_guess", note=placed.doubt, status="unconfirmed")]
    if subjects:  # further `code-name` subjects: one text column each, as printed
        cells = row.subjects + [""] * (subjects - len(row.subjects))
        return [code, name] + [Cell(text=x, orig=x, line=ln.no, page=ln.page) for x in cells] + values
    if not paired:
        return [code, name] + values
    code2, orig2, name2 = row.pair or ("", "", "")
    return [code, name, Cell(text=code2, orig=orig2, line=ln.no, page=ln.page),
            Cell(text=name2, orig=name2, line=ln.no, page=ln.page)] + values


def _runs_of_columns(rows: Sequence[_Row]) -> bool:
    """Code / name lines with no amount on them, most of them with none at all, and a row's amounts
    only on a line after it: pdfminer.six's column-by-column runs (the codes and names, then each
    amount column in turn), which this reader would cut into rows taking the first amounts of a run
    as one row's (column_runs.py reads them)."""
    def on_line(r: _Row) -> bool:
        toks = _tokens(r.line.text)
        return len(toks) > 1 and bool(_AMOUNT.match(toks[-1][0]))
    with_amounts = sum(1 for r in rows if r.amounts)
    return len(rows) >= 3 and 2 * with_amounts < len(rows) and not any(on_line(r) for r in rows if r.amounts)


def read_spaced(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    shape = _other_shape(lines, i)
    if shape is not None:
        block, end = OTHER_SHAPES[shape][1](lines, i)
        if block is not None:
            block.preamble = _detached_title(lines, i)
        return block, end
    unit = table_unit(lines, i)
    first = _first_row(lines, i)
    under_unit = spaced_labelled.unit_row(lines, i, unit) if first is None else None
    if under_unit is not None:
        return spaced_labelled.read_labelled(lines, i, under_unit, unit)
    if first is None:
        return spaced_labelled.read_labelled(lines, i) if _untitled(lines, i) else (None, i + 1)
    names = names_only(" ".join(ln.text for ln in lines[i:first]), identify(
        " ".join(ln.text for ln in lines[max(0, i - 4):i]), " ".join(ln.text for ln in lines[i:first])))
    if not names and spaced_labelled.total_first(lines, first, unit):
        return spaced_labelled.read_labelled(lines, i, first, unit)
    if not _rows_follow(lines, first, names) and _labelled_under_total(lines, i, first):
        if spaced_labelled.total_over(lines, first):
            return spaced_labelled.read_labelled(lines, i, first)  # under its 合计 row, of its width
        return spaced_labelled.read_labelled(lines, i)
    head_end = next((x for x in range(first - 1, i, -1) if lines[x].text.strip()), None)
    if head_end is not None and _wrapped_around(lines, head_end, [], names=names) is not None:
        first = head_end  # the first row's amount broken around it: its head is no header line
    own = _unit_own_row(lines[head_end], unit) if head_end is not None else None
    head = Header(lines, i, head_end if own is not None else first)
    header = head.lines
    kind = "economic" if "经济分类" in head.text else "function"
    title_keys = frozenset(" ".join(ln.text.split()) for ln in _title_block(lines, i))
    rows, end = _collect(lines, first, head.keys, title_keys, kind, names=names)
    if own is not None and rows and not any(r.total for r in rows):
        rows.insert(0, own)
    units = unit_table(head.text)
    if units and len(rows) == 1 and rows[0].total:
        more, end = _unit_rows(lines, end, header_keys=head.keys)
        rows += more
    elif not units and rows and rows[0].total and coded_unit_table(head.text):
        # units with their codes (`123 某某局`, `123001 某某局` …): read as units, not as subjects
        after_total = next((k + 1 for k in range(first, len(lines)) if lines[k] is rows[0].line), None)
        more, coded_end = _unit_rows(lines, after_total, coded=True, header_keys=head.keys) if after_total is not None else ([], end)
        if more:
            rows, end, units = rows[:1] + more, coded_end, True
    _complete(rows, kind)
    if names:  # the codes the catalogue gives by name and row order, where only one reading is left
        inferred = name_codes.infer_codes([None if r.total or r.code else r.name for r in rows], kind)
        for r, code in zip(rows, inferred):
            if code is not None:
                r.code, r.code_orig, r.repair = code, "", name_codes.inferred_repair()
    if len(rows) < 2 and not (rows and rows[0].total):
        return None, i + 1
    top = rows[0]
    if top.code and not top.name and header and _name_piece(header[-1]) and name_matches(
            top.code, header[-1].text.strip()):
        # `一般公共服务支出` / `201 2,106.66 …`: the first row's name printed above its code line
        top.name, top.name_lines, top.name_from_before = header[-1].text.strip(), [header[-1]], True
        header = header[:-1]
    lanci = next((ln for ln in header if _LANCI.match(ln.text.strip())), None)
    n_lanci = sum(1 for t, _, _ in _tokens(lanci.text) if t.isdigit()) if lanci else 0
    n = max([n_lanci] + [len(r.amounts) for r in rows])
    if n == 0 or _runs_of_columns(rows):
        return None, i + 1
    layout = sum(1 for r in rows if "   " in r.line.text.strip()) >= max(1, len(rows) // 2)
    std = _standard_columns(header, n)
    if std is not None and not n_lanci:
        # the header names sub-columns of the set the rows fill (合计 基本支出 项目支出 over 小计 人员经费
        # 公用经费, the rows printing three amounts): the wider set it names is the table's
        wider = [w for w in range(n + 1, _MAX_COLUMNS + 1) if _refines(_standard_columns(header, w), std, header)]
        if wider:
            n = wider[-1]
            std = _standard_columns(header, n)
    if std is None and not n_lanci:
        # no row prints every column (blank cells are absent): the widest standard set the
        # header names, when one does
        wider = [w for w in range(n + 1, _MAX_COLUMNS + 1) if _standard_columns(header, w)]
        if wider:
            n = wider[-1]
            std = _standard_columns(header, n)
    first_is_total = bool(std and _FIRST_TOTAL.search(std[1][0]))
    grouped = bool(std and any("/" in leaf for leaf in std[1]))
    subjects = max(len(r.subjects) for r in rows)
    codes = [r.code for r in rows if r.code]
    tree = not subjects or len(set(codes)) == len(codes)  # rows by several subjects repeat a code: no tree
    placed = [RowAmounts(code=(r.code or r.unit_code) if tree else None, total=r.total, amounts=r.amounts,
                         split=r.split) for r in rows]
    place_rows(placed, n, first_is_total, layout, parts_of_total=units,
               identities=set_identities(std[1]) if grouped and first_is_total else None)
    for r, p in zip(rows, placed):
        if r.wrap_unplaced:  # where the amount joined around the line stands is not printed: to review
            p.unsure, p.doubt = set(range(len(p.amounts))), _WRAP_DOUBT
    if units and unit_names_doubtful(rows):
        for r, p in zip(rows, placed):
            if not r.total:  # whose amounts these are is not certain: to review
                p.unsure, p.doubt = set(range(len(p.amounts))), _UNIT_DOUBT
    edges = right_edges(placed, n) if layout else None
    head_rows, certain = _header_rows(header, n, edges, lines[i])
    if units:  # one key column, the unit's name
        head_rows = [r[1:] for r in head_rows]
        head_rows[0][0] = Cell(text="单位名称", orig="单位名称", line=lines[i].no, page=lines[i].page)
    if not certain and n > 1:
        for p in placed:  # which column is which is not printed where it can be read: to review
            p.unsure = set(range(len(p.amounts)))
            p.doubt = p.doubt or ("column uncertain: the header names none of the standard column sets, "
                                  "so the columns' names are guessed")
    paired = any(r.pair for r in rows)
    # joined wraps rest on every amount printing two decimals: a table that does not goes to review
    wraps_doubtful = not spaced_wraps.check_table(a for r in rows for a in r.amounts)
    body = [_grid_row(r, p, n, paired, wraps_doubtful, subjects)[1 if units else 0:] for r, p in zip(rows, placed)]
    for r, p, cells in zip(rows, placed, body):
        if p.doubt == _UNIT_DOUBT:  # the unit's name too
            cells[0].repairs = [Repair(kind="layout.row_guess", note=_UNIT_DOUBT, status="unconfirmed")]
    if subjects:  # the further subjects' columns, after the first subject's code and name
        labels = _subject_labels(header, subjects)
        for hr in head_rows:
            key = hr[0].text == "科目编码"
            hr[2:2] = [Cell(text=x if key else "", orig="", line=hr[0].line, page=hr[0].page) for x in labels]
    elif paired:  # the second subject's code and name: text columns after the name
        for hr in head_rows:
            key = hr[0].text == "科目编码"
            hr[2:2] = [Cell(text=PAIRED_LABELS[0] if key else "", orig="", line=hr[0].line, page=hr[0].page),
                       Cell(text=PAIRED_LABELS[1] if key else "", orig="", line=hr[0].line, page=hr[0].page)]
    elif not units:
        confirm_by_sums(body, 0)
    grid = head_rows + body
    last = rows[-1].name_lines[-1] if rows[-1].name_lines else rows[-1].line
    return with_report(GridBlock(rows=grid, first_line=lines[i].no, last_line=last.no, method="spaced")), end


@text_reader(50)
class SpacedReader:
    """Rows printed one per line with cells split by spaces (pdftotext, pypdf, PyMuPDF, pdfplumber)."""

    name = "spaced"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        if _starts(lines, i):
            return True
        restaged = staggered_rows.unstaggered(lines, i)
        return restaged is not None and _starts(restaged, i)

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        # a -layout table whose rows stand over several lines (staggered_rows.py): read one row a line
        restaged = staggered_rows.unstaggered(lines, i)
        if restaged is not None:
            block, end = read_spaced(restaged, i)
            if block is not None:
                return block, end
        return read_spaced(lines, i)
