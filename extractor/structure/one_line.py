"""Reader of a 绩效自评表 run together on one line with spaces (web pages, `.xls` previews).

What it does: a line that holds a whole 项目支出 or 整体支出 绩效自评表 — `项目名称 X 主管部门 Y 实施单位 Z
项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: a b c … 绩效指标 一级指标
二级指标 三级指标 年度指标值 实际完成值 分值 得分 … 总分 100 95` — is cut into its printed grid: one row per
label/value pair (项目名称, 主管部门, 实施单位, 部门（单位）名称), the funds header and one row per funds line
(年度资金总额, 其中：财政拨款 …), the indicator header and one row per indicator (一级/二级 labels in their
columns when printed, the row's name, target, actual, 分值, 得分), and the 总分 row — the shape
recognize/indicators.py reads from any 绩效 grid. Words before the first label that name the table
become its title. An indicator row is closed by its 分值 and 得分 (two numbers, 得分 ≤ 分值); when
the words between its name and 分值 are not exactly two (a target with a space in it, a blank cell
the copy dropped) the row's cells carry an unconfirmed doubt, so they go to review; so do funds
lines with fewer amounts than the header has columns (their amounts are placed from the left).
A level label may carry its weight (产出指标（50分） or 产出指标 （50分）). A 绩效目标表 (一级 二级 三级指标
指标值, no 分值 / 得分) is read the same way, its indicators as name/target pairs between the level
labels (a group with an odd number of words goes to review); 项目资金（万元） A and 年度绩效目标 X
become rows of their own; a goal block printed with its 预期目标 / 实际完成情况 sub-header is two rows, as
printed (the sub-header, then the texts together in one cell, to review: where one ends cannot be
told). `read_form` does the cutting over any words — cell_lines.py hands it the cells of a form
printed one cell per line. Those cells may be unmarked (PDF converters print a cell per line with
its blank cells absent and long cells broken over lines: `tk.wrapped`); the words are then pieces of
cells and the form is read only where its order is certain: its funds header (年初预算数 全年预算数
全年执行数 …) and indicator header each printed once, in order; every funds line a label with at most
as many amounts as columns; every indicator closed by its 分值 and 得分; and the 分值 of the
indicators (with the funds line's) adding up to the 总分 row's. Otherwise no form is returned (the
converter moved cells: pdftotext, pdfminer.six). An indicator whose words are not exactly name,
target, actual (a cell broken over lines, a deviation text before it) goes to review, its name taken
up to its first word that reads as a measure (≥95%, 10个); 得分 that do not add up to the 总分 row's
put the rows' 分值 / 得分 in review.
What it does not: read other tables run together on one line (收支总表 copies whose amounts were
detached from their rows cannot be placed; they stay narrative), nor text after the 总分 row.
"""
from __future__ import annotations

from collections import Counter
from typing import Optional, Sequence

import regex as re

from ..datamodel import Cell, GridBlock, NLine, Repair
from ..evidence.numbers import parse_amount
from .text_tables import with_report, text_reader

_TOKEN = re.compile(r"\S+")
_META_LABELS = ("项目名称", "主管部门", "实施单位", "部门名称", "单位名称", "部门（单位）名称", "部门(单位)名称",
                "预算部门（单位）名称", "预算单位", "项目负责人", "联系电话")
_FUNDS_HEADER = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
_IND_HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "指标值", "实际完成值", "分值", "得分",
               "偏差原因分析及改进措施", "未完成原因分析")
_LEVEL1 = frozenset(("产出指标", "效益指标", "满意度指标", "成本指标", "效果指标", "影响力指标"))
_LEVEL2 = frozenset(("数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标",
                     "可持续影响指标", "服务对象满意度指标", "满意度指标", "经济成本指标", "社会成本指标",
                     "生态环境成本指标", "效益指标"))
META_LABELS, FUNDS_HEADER, IND_HEADER = _META_LABELS, _FUNDS_HEADER, _IND_HEADER  # the form's labels, for form_flow.py
_GOAL = ("年度总体目标", "总体目标", "年度绩效目标", "绩效目标", "预期目标", "实际完成情况")
_DASH = frozenset(("—", "-", "--", "——", "/", "－"))
_WEIGHT = re.compile(r"[（(]\d{1,3}(?:\.\d{1,2})?分[)）]$")  # 产出指标（50分）: a level label's weight


def _level_word(t: str) -> str:
    """A level label without its printed weight (产出指标（50分） -> 产出指标)."""
    m = _WEIGHT.search(t)
    return t[:m.start()] if m else t


def _norm(t: str) -> str:
    return t.rstrip(":：").replace("(", "（").replace(")", "）")


_FUNDS_LABEL = re.compile(r"^(?:年度预算申请|预算申请|项目资金|年度资金|预算资金)(?:（万元）)?$")
_OTHER_LABELS = frozenset(("绩效指标", "总分", "年度资金总额"))


def form_label(text: str) -> bool:
    """`text` (no whitespace) is a label of a 绩效 form: what pieces of a cell broken over lines are
    joined into (`预算部门（单位）` / `名称`, `产出指标(50` / `分)`, `年度指标` / `值`)."""
    t = _norm(text)
    return (t in _META_LABELS or t in _FUNDS_HEADER or t in _IND_HEADER or t in _GOAL or t in _OTHER_LABELS
            or bool(_FUNDS_LABEL.match(t)) or _level_word(t) in _LEVEL1 or _level_word(t) in _LEVEL2)


def _is_num(t: str) -> bool:
    return any(ch.isdigit() for ch in t) and parse_amount(t)[0] is not None


def _value(t: str) -> bool:
    return t in _DASH or _is_num(t) or (t.endswith("%") and _is_num(t[:-1]))


class _Tokens:
    """The words of the line with their offsets, to make Cells (orig has the same length as text)."""

    def __init__(self, line: NLine) -> None:
        self.line = line
        self.spans = [(m.start(), m.end()) for m in _TOKEN.finditer(line.text)]
        self.words = [line.text[s:e] for s, e in self.spans]

    def cell(self, a: int, b: int, doubt: Optional[str] = None) -> Cell:
        """The words a..b-1 as one cell (an empty cell when a == b)."""
        ln = self.line
        if a >= b:
            return Cell(text="", orig="", line=ln.no, page=ln.page, bbox=ln.bbox)
        s, e = self.spans[a][0], self.spans[b - 1][1]
        text, orig = ln.text[s:e], ln.orig[s:e]
        c = Cell(text=text, orig=orig, line=ln.no, page=ln.page, bbox=ln.bbox, repaired=text != orig,
                 joined=b - a > 1)
        if doubt:
            c.repairs = [Repair(kind="layout.one_line", note=doubt, status="unconfirmed")]
        return c


def _find(words: list[str], names, start: int = 0, stop: Optional[int] = None) -> Optional[int]:
    stop = len(words) if stop is None else stop
    for k in range(start, stop):
        if _norm(words[k]) in names:
            return k
    return None


def _looks_like(line: NLine) -> bool:
    t = line.text
    if len(t) < 60 or "指标" not in t:  # cheap test first: this runs on every line
        return False
    return "三级指标" in t and ("得分" in t or "指标值" in t) and ("项目名称" in t or "名称" in t or "年初预算数" in t)


_META_DOUBT = "绩效 form: this value is pieces of lines; a piece of the next label may be among them"
_ROW_DOUBT = "one-line table: the words of this indicator row do not split into its columns with certainty"
_FUNDS_DOUBT = "one-line table: fewer amounts than columns on this funds line; placed from the left"


def _meta_rows(tk: _Tokens, a: int, b: int) -> list[list[Cell]]:
    """Label/value pairs between a and b: each label starts a row with the words up to the next label."""
    rows = []
    k = a
    while k < b:
        if _norm(tk.words[k]) in _META_LABELS:
            nxt = next((m for m in range(k + 1, b) if _norm(tk.words[m]) in _META_LABELS), b)
            # over pieces of unmarked cells a value of several pieces may hold a label's piece
            doubt = _META_DOUBT if getattr(tk, "wrapped", False) and nxt - k > 2 else None
            rows.append([tk.cell(k, k + 1), tk.cell(k + 1, nxt, doubt)])
            k = nxt
        else:
            k += 1
    return rows


def _funds_rows(tk: _Tokens, a: int, b: int) -> Optional[list[list[Cell]]]:
    """The funds header (label, then 年初预算数 … 得分) and one row per funds line up to b. Over the
    pieces of unmarked cells (`tk.wrapped`), None where the lines are not whole: the header without
    年初预算数 全年预算数 全年执行数 in order, a line without its label or its amounts, or with more amounts
    than columns (the converter moved cells)."""
    w = tk.words
    wrapped = getattr(tk, "wrapped", False)
    h0 = next((k for k in range(a, b) if w[k] in _FUNDS_HEADER), None)
    if h0 is None:
        return []
    h1 = h0
    while h1 < b and w[h1] in _FUNDS_HEADER:
        h1 += 1
    ncols = h1 - h0
    if wrapped and tuple(w[h0:h0 + 3]) != _FUNDS_HEADER[:3]:
        return None
    rows = [[tk.cell(a, h0), tk.cell(h0, h0)] + [tk.cell(k, k + 1) for k in range(h0, h1)]]
    k = h1
    while k < b:
        label0 = k
        while k < b and not _value(w[k]):
            k += 1
        v0 = k
        while k < b and _value(w[k]):
            k += 1
        values = list(range(v0, min(k, v0 + ncols)))
        if wrapped and (label0 == v0 or not values or k - v0 > ncols):
            return None
        doubt = _FUNDS_DOUBT if 0 < len(values) < ncols else None
        cells = [tk.cell(v, v + 1, doubt) for v in values] + [tk.cell(0, 0) for _ in range(ncols - len(values))]
        if label0 < v0 or values:
            rows.append([tk.cell(0, 0), tk.cell(label0, v0)] + cells)
    return rows


def _pair_at(w: list[str], j: int, end: int) -> bool:
    """w[j], w[j+1] are 分值 and 得分: two numbers, 得分 not above 分值, and what follows is no number."""
    if j + 1 >= end or not (_is_num(w[j]) and _is_num(w[j + 1])):
        return False
    weight, score = parse_amount(w[j])[0], parse_amount(w[j + 1])[0]
    if weight is None or score is None or not (0 <= score <= weight <= 100):
        return False
    return j + 2 >= end or not _is_num(w[j + 2])


def _measure_split(tk: _Tokens, k: int, j: int, doubt: Optional[str]) -> list[Cell]:
    """Name, target and actual of the words k..j-1 (j: the row's 分值); with more than three words
    (a name broken over lines) the name runs up to the first word that reads as a measure."""
    w = tk.words
    if j - k - 1 > 2:
        s = next((m for m in range(k + 1, j - 1) if _MEASURE_WORD.match(w[m])), None)
        if s is not None and s > k + 1:
            return [tk.cell(k, s, doubt), tk.cell(s, j - 1, doubt), tk.cell(j - 1, j, doubt)]
    if j - k - 1 >= 2:
        return [tk.cell(k, k + 1, doubt), tk.cell(k + 1, j - 1, doubt), tk.cell(j - 1, j, doubt)]
    return [tk.cell(k, k + 1, doubt), tk.cell(k + 1, j, doubt)]


def _deviation_end(w: list[str], a: int, b: int) -> int:
    """Over pieces of cells: the end of a deviation text among w[a:b] (after its last piece that
    ends a sentence); a when none does (the pieces are the next row's)."""
    return next((m + 1 for m in range(b - 1, a - 1, -1) if w[m].endswith(_SENTENCE_END)), a)


def _indicator_rows(tk: _Tokens, a: int, b: int, width: int, has_dev: bool
                    ) -> Optional[tuple[list[list[Cell]], list[tuple[Cell, Cell]]]]:
    """Rows of the indicator block between a and b (after the header, before 总分), and each row's
    (分值, 得分). Over the pieces of unmarked cells (`tk.wrapped`), None where a row has no 分值 and
    得分, or a deviation text holds a number: the converter moved cells."""
    w = tk.words
    wrapped = getattr(tk, "wrapped", False)
    rows: list[list[Cell]] = []
    pairs: list[tuple[Cell, Cell]] = []
    level1 = level2 = None
    placed: set[tuple[int, int]] = set()
    k = a
    empty = tk.cell(0, 0)
    unsure = False  # the words before this row were split between a deviation and it with doubt
    while k < b:
        word = _level_word(w[k])
        if word in _LEVEL1 or word in _LEVEL2:
            after = k + 2 if k + 1 < b and _WEIGHT.fullmatch(w[k + 1]) else k + 1  # 产出指标 （50分）
            nxt_is_l2 = after < b and _level_word(w[after]) in _LEVEL2
            if nxt_is_l2 and word in _LEVEL1:
                level1, level2 = (k, after), (after, after + 1)
                k = after + 1
            elif word in _LEVEL2 and not (word in _LEVEL1 and level1 is None):
                level2 = (k, after)
                k = after
            else:
                level1, level2 = (k, after), None
                k = after
            continue
        # one indicator: name, the words up to 分值 得分, then (when printed) the deviation words
        seg_end = next((m for m in range(k + 1, b) if _level_word(w[m]) in _LEVEL1 or _level_word(w[m]) in _LEVEL2), b)
        j = next((m for m in range(k + 3, seg_end) if _pair_at(w, m, seg_end)), None)
        if j is None:
            j = next((m for m in range(k + 1, seg_end) if _pair_at(w, m, seg_end)), None)
        if j is None:  # no 分值/得分 pair: the words cannot be placed
            if wrapped:
                return None
            cells = [tk.cell(k, k + 1, _ROW_DOUBT), tk.cell(k + 1, seg_end, _ROW_DOUBT)]
            row_end = seg_end
            weight = score = empty
        else:
            middle = j - k - 1
            doubt = None if middle == 2 and not unsure else _ROW_DOUBT
            cells = _measure_split(tk, k, j, doubt)
            # over pieces of cells the form is read only when the 分值 add up (read_form): the pair
            # is certain even where the words before it are not
            sure = None if wrapped else doubt
            weight, score = tk.cell(j, j + 1, sure), tk.cell(j + 1, j + 2, sure)
            pairs.append((weight, score))
            row_end = j + 2
        unsure = False
        name_cells = (cells + [empty, empty, empty])[:3]
        # a level label is printed once, on its group's first row (indicators.py carries it down)
        row = [tk.cell(*lv) if lv is not None and lv not in placed else empty for lv in (level1, level2)]
        placed.update(lv for lv in (level1, level2) if lv is not None)
        row += name_cells + [weight, score]
        if has_dev:
            # a deviation is printed only when the words after 得分 are more than the next row needs
            dev_end = row_end
            if j is not None and row_end < seg_end:
                nj = next((m for m in range(row_end + 3, seg_end) if _pair_at(w, m, seg_end)), None)
                if nj is None or nj - row_end - 1 > 2:
                    # the next row takes the three words before its 分值 (name, target, actual);
                    # over pieces of cells, those after the deviation's last sentence, with doubt
                    dev_end = nj - 3 if nj is not None else seg_end  # no row follows: all of it
                    if wrapped and nj is not None:
                        dev_end, unsure = _deviation_end(w, row_end, nj - 2), True
            if wrapped and any(_is_num(w[m]) for m in range(row_end, dev_end)):
                return None
            row.append(tk.cell(row_end, dev_end, _ROW_DOUBT if dev_end > row_end else None))
            row_end = dev_end
        rows.append((row + [empty] * width)[:width])
        k = row_end
    return rows, pairs


def read_form(tk) -> Optional[tuple[list[list[Cell]], int]]:
    """The printed grid of a 绩效 form from its words: `tk` has `words` and `cell(a, b, doubt)` (the
    words of one line here; the cells of a cell-lines table in cell_lines.py). Returns the rows and
    the index of the first word they use (the words before it name the table), or None. With
    `tk.wrapped` (pieces of unmarked cells) None too where the order of the cells is not certain."""
    w = tk.words
    wrapped = getattr(tk, "wrapped", False)
    first_meta = _find(w, _META_LABELS)
    ind = _find(w, ("一级指标",))
    if ind is None or _find(w, ("三级指标",), ind) is None:
        return None
    start = first_meta if first_meta is not None and first_meta < ind else None
    funds = next((k for k in range(start or 0, ind) if w[k] in _FUNDS_HEADER), None)
    lead = start if start is not None else (funds - 1 if funds else ind)
    rows: list[list[Cell]] = []
    goal = _find(w, _GOAL, start or 0, ind)
    label_k = ind - 1 if ind > 0 and w[ind - 1] == "绩效指标" else ind
    funds_end = goal if goal is not None else label_k
    if start is not None:
        money = next((k for k in range(start, funds_end) if _MONEY_LABEL.match(w[k])), None)
        if funds is None and money is not None:  # 项目资金（万元） 290.92: a label/value row of its own
            rows += _meta_rows(tk, start, money)
            whole = not wrapped or funds_end - money == 2 or not any(_is_num(x) for x in w[money + 1:funds_end])
            rows.append([tk.cell(money, money + 1), tk.cell(money + 1, funds_end, None if whole else _META_DOUBT)])
        else:
            rows += _meta_rows(tk, start, funds - 1 if funds else funds_end)
    funds_rows: list[list[Cell]] = []
    if funds is not None:
        got = _funds_rows(tk, funds - 1 if funds - 1 >= (start or 0) else funds, funds_end)
        if got is None:
            return None
        funds_rows = got
        rows += funds_rows
    if goal is not None and goal < label_k:
        rows += _goal_rows(tk, goal, label_k)
    if wrapped and not _in_order(w, start, funds, goal, label_k):
        return None
    h1 = ind
    while h1 < len(w) and w[h1] in _IND_HEADER:
        h1 += 1
    header = [tk.cell(k, k + 1) for k in range(ind, h1)]
    width = len(header)
    keys = [c.text for c in header]
    if keys[:3] != ["一级指标", "二级指标", "三级指标"]:
        return None
    scored = "分值" in keys and "得分" in keys
    if not scored and keys[3:] not in (["年度指标值"], ["指标值"]):
        return None
    total = _find(w, ("总分", "合计"), h1) if scored else None
    end = total if total is not None else len(w)
    rows.append(header)
    pairs: list[tuple[Cell, Cell]] = []
    if scored:
        got_rows = _indicator_rows(tk, h1, end, width, width > 7)
        if got_rows is None:
            return None
        ind_rows, pairs = got_rows
        rows += ind_rows
    else:
        rows += _target_rows(tk, h1, end, wrapped)
    total_row: list[Cell] = []
    if total is not None:
        nums = [m for m in range(total + 1, min(total + 3, len(w))) if _is_num(w[m])]
        total_row = [tk.cell(total, total + 1)] + [tk.cell(m, m + 1) for m in nums]
        rows.append(total_row)
    if wrapped and scored and (len(total_row) != 3 or not _headers_once(w, funds, ind, h1)
                               or not _sums_hold(pairs, _funds_pair(funds_rows), (total_row[1], total_row[2]))):
        return None
    if wrapped and not scored and not (_headers_once(w, funds, ind, h1) and _levels_in_order(w, h1, end)):
        return None
    return rows, lead


_GOAL_DOUBT = "绩效 form: the 预期目标 and 实际完成情况 texts stand together here; where one ends is not printed"
_SUM_DOUBT = "绩效 form: the indicators' 得分 do not add up to the 总分 row's; a score may be misread"
_MEASURE_WORD = re.compile(r"^(?:[≥≤><＞＜=≧≦]|\d)")  # a word that opens a target or actual (≥95%, 10个)
_SENTENCE_END = ("。", "；", ";", "！", "!")


def _goal_rows(tk, goal: int, end: int) -> list[list[Cell]]:
    """The 年度总体目标 block: printed with its 预期目标 / 实际完成情况 sub-header, two rows (the texts
    together, to review when they are more than one word); else one label/text row."""
    w = tk.words
    if goal + 3 <= end and _norm(w[goal]) not in ("预期目标", "实际完成情况") \
            and tuple(_norm(x) for x in w[goal + 1:goal + 3]) == ("预期目标", "实际完成情况"):
        texts = tk.cell(goal + 3, end, _GOAL_DOUBT if end - goal - 3 > 1 else None)
        return [[tk.cell(goal, goal + 1), tk.cell(goal + 1, goal + 2), tk.cell(goal + 2, goal + 3)],
                [tk.cell(goal, goal), texts]]
    return [[tk.cell(goal, goal + 1), tk.cell(goal + 1, end)]]


def _in_order(w: list[str], start: Optional[int], funds: Optional[int], goal: Optional[int], label_k: int) -> bool:
    """Pieces of unmarked cells: no amount in the sheet head before the funds header nor among the goal
    texts (the converter moved an amount there)."""
    head_end = funds if funds is not None else (goal if goal is not None else label_k)
    regions = [range(start or 0, head_end)] if funds is not None else []
    if goal is not None:
        regions.append(range(goal, label_k))
    return all(not _value(w[m]) for r in regions for m in r)


def _levels_in_order(w: list[str], a: int, b: int) -> bool:
    """Pieces of unmarked cells of a 绩效目标表: the level labels stand as a form prints them cell by
    cell — a 一级 label first, each 一级 label right before a 二级 one, each 二级 label before a name —
    else the converter moved cells (pdftotext, pdfminer.six) and no label's rows are certain."""
    def level(k: int) -> int:
        x = _level_word(w[k])
        return 1 if x in _LEVEL1 and not (x in _LEVEL2 and k > a and _level_word(w[k - 1]) in _LEVEL1) else (
            2 if x in _LEVEL2 else 0)
    k = a + 1 if a + 1 < b and _WEIGHT.fullmatch(w[a]) else a
    if k >= b or level(k) != 1:
        return False
    for m in range(k, b):
        here = level(m)
        nxt = level(m + 1) if m + 1 < b and not _WEIGHT.fullmatch(w[m + 1]) else (
            level(m + 2) if m + 2 < b else 0)
        if (here == 1 and nxt != 2) or (here == 2 and (nxt != 0 or m + 1 >= b)):
            return False
    return True


def _headers_once(w: list[str], funds: Optional[int], ind: int, h1: int) -> bool:
    """Pieces of unmarked cells: every header label printed stands in its header run (a label printed
    elsewhere: the converter moved cells)."""
    runs: Counter = Counter(w[ind:h1])
    if funds is not None:
        f1 = funds
        while f1 < len(w) and w[f1] in _FUNDS_HEADER:
            f1 += 1
        runs.update(w[funds:f1])
    printed = Counter(x for x in w if x in _FUNDS_HEADER or x in _IND_HEADER)
    return printed == runs


def _funds_pair(funds_rows: list[list[Cell]]) -> Optional[tuple[Cell, Cell]]:
    """The 分值 and 得分 of the first funds line when it prints every column."""
    if len(funds_rows) < 2:
        return None
    head = [c.text for c in funds_rows[0][2:]]
    first = funds_rows[1][2:]
    if "分值" not in head or "得分" not in head or not all(c.text for c in first) or any(c.repairs for c in first):
        return None
    return first[head.index("分值")], first[head.index("得分")]


def _sums_hold(pairs: list[tuple[Cell, Cell]], funds: Optional[tuple[Cell, Cell]], total: tuple[Cell, Cell]) -> bool:
    """The indicators' 分值 (with the funds line's, or without) add up to the 总分 row's: the cells of
    the rows are where they were printed. Their 得分 not adding up: the 分值 / 得分 go to review."""
    def num(c: Cell):
        return parse_amount(c.text)[0]
    want = [num(c) for c in total]
    got = [[num(p[0]) for p in pairs], [num(p[1]) for p in pairs]]
    if not pairs or None in want or any(None in g for g in got):
        return False
    options = [(sum(got[0]), sum(got[1]))]
    if funds is not None and None not in (num(funds[0]), num(funds[1])):
        options.append((options[0][0] + num(funds[0]), options[0][1] + num(funds[1])))
    weights = [o for o in options if o[0] == want[0]]
    if not weights:
        return False
    if not any(o[1] == want[1] for o in weights):
        for c in [c for p in pairs for c in p] + list(total):
            c.repairs = [Repair(kind="layout.one_line", note=_SUM_DOUBT, status="unconfirmed")]
    return True


_MONEY_LABEL = re.compile(r"^(?:项目资金|预算金额|项目预算|资金总额|年度资金总额|项目金额)")
_PAIR_DOUBT = "one-line table: the words between these level labels are not name/target pairs"
_WRAPPED_PAIR_DOUBT = ("绩效目标表 printed a cell per line: a target here does not read as a measure, so a "
                       "name or target broken over lines cannot be told from the next cell")


def _target_rows(tk, a: int, b: int, wrapped: bool = False) -> list[list[Cell]]:
    """Rows of a 绩效目标表 (一级 二级 三级指标 指标值): between level labels, name/target pairs; a
    group with an odd number of words cannot be paired with certainty and goes to review. Over pieces
    of unmarked cells (`wrapped`: a name or target may be broken over lines) a group is paired with
    certainty only when every target opens like a measure (≥95%, 10个) and no name does; else its
    rows go to review (no sum tells the pieces apart)."""
    w = tk.words
    rows: list[list[Cell]] = []
    empty = tk.cell(0, 0)
    level1 = level2 = None
    placed: set[tuple[int, int]] = set()  # a level label is printed on its group's first row only
    k = a
    while k < b:
        word = _level_word(w[k])
        if word in _LEVEL1 or word in _LEVEL2:
            after = k + 2 if k + 1 < b and _WEIGHT.fullmatch(w[k + 1]) else k + 1
            if word in _LEVEL1 and after < b and _level_word(w[after]) in _LEVEL2:
                level1, level2 = (k, after), (after, after + 1)
                k = after + 1
            elif word in _LEVEL2 and not (word in _LEVEL1 and level1 is None):
                level2, k = (k, after), after
            else:
                level1, level2, k = (k, after), None, after
            continue
        seg_end = next((m for m in range(k, b) if _level_word(w[m]) in _LEVEL1 or _level_word(w[m]) in _LEVEL2), b)
        doubt = None if (seg_end - k) % 2 == 0 else _PAIR_DOUBT
        if wrapped and doubt is None and not all(
                _MEASURE_WORD.match(w[m + 1]) and not _MEASURE_WORD.match(w[m]) for m in range(k, seg_end, 2)):
            doubt = _WRAPPED_PAIR_DOUBT
        for m in range(k, seg_end, 2):
            lv = [tk.cell(*x) if x is not None and x not in placed else empty for x in (level1, level2)]
            placed.update(x for x in (level1, level2) if x is not None)
            rows.append(lv + [tk.cell(m, m + 1, doubt), tk.cell(m + 1, min(m + 2, seg_end), doubt)])
        k = seg_end
    return rows


def _read(line: NLine) -> Optional[tuple[list[list[Cell]], Optional[NLine]]]:
    tk = _Tokens(line)
    got = read_form(tk)
    if got is None:
        return None
    rows, lead = got
    title = None
    if lead and lead > 0:
        s, e = tk.spans[0][0], tk.spans[lead - 1][1]
        title = NLine(text=line.text[s:e], orig=line.orig[s:e], no=line.no, page=line.page, bbox=line.bbox)
    return rows, title


@text_reader(45)
class OneLineReader:
    """A table run together on one line (web and `.xls` copies): a 绩效自评表 or 绩效目标表 read
    here, any other table by run_together.py."""

    name = "one-line"

    def __init__(self) -> None:
        self._plain = None  # run_together.RunTogetherTable, made on first use (it imports cell_lines, which imports this)

    def _tables(self):
        if self._plain is None:
            from .run_together import RunTogetherTable
            self._plain = RunTogetherTable()
        return self._plain

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        return _looks_like(lines[i]) or self._tables().starts(lines, i)

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        if not _looks_like(lines[i]):
            return self._tables().read(lines, i)
        got = _read(lines[i])
        if not got:
            return None, i + 1
        rows, title = got
        block = GridBlock(rows=rows, first_line=lines[i].no, last_line=lines[i].no, method="one-line",
                          preamble=[title] if title else [])
        return with_report(block), i + 1
