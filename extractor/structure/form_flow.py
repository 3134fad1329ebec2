"""Reader `form-flow`: the head of a 绩效自评表 (整体支出 or 项目支出) in the flow order of `pdftotext`
without `-layout`: one cell per line, blank lines between, label pieces broken over lines, and the
form's cells moved (分值 / 执行率 printed after the funds lines, the indicator header's words among
the indicators, 一级指标 and the 总分 label after them).

What it does: after the title, over the cell lines up to the first line of prose, it joins the
pieces of a broken label against the form's own labels (one_line.form_label: `预算部门（单位）` /
`名称`), reads the sheet head's label/value pairs (项目名称 X, 主管部门 Y, 实施单位 Z: a label
followed by a cell that is no label and no amount), the funds header (年初预算数 全年预算数 全年执行数,
then as many of 分值 执行率 得分 as are printed before the first amount) and the funds lines under
it: a label, on its own line, followed by exactly as many amounts as the header printed (or the
three money columns, on a 其中 line), in order; the first line must be the total (年度资金总额 /
资金总额 / 合计). The lines are read as printed, in the form's column order; unless the header printed
年初预算数 全年预算数 全年执行数 in order before them and the total is the sum of the lines under it in
each money column, their amounts carry an unconfirmed `layout.column_guess` repair (review). The
grid is the one the other readers make (head rows, funds header, funds lines), so the funds lines are
numbered 第1行… as on the PDF route; on a 项目支出 sheet (项目名称 printed) the indicator header's labels
printed further on in the form (in the form's order) are added, so that recognize/indicators.py makes
the sheet a project with its budget, full-year budget and actual, and the 总分 row (`总分` followed
by exactly 100 and a score not above it) with its score, in review.
In pdfminer.six's order (the funds lines' labels, then their amounts) the amounts are placed by the
few orders that converter prints such a block in (row by row, column by column, the first column then
the rest row by row or column by column), and read only when exactly one of them makes the total the
sum of the lines under it in every money column. The first line's 执行率 must be 全年执行数 /
全年预算数 and its 得分 分值 × 执行率 (else those three go to review). Where pdftotext printed the first
line's 分值 执行率 得分 after the funds lines, among those header words only (`执行率 得分 10 99.38% 9.94`),
the three are its cells when they are a number, a percent and a number in this order and fit its
amounts so; they are placed by order and arithmetic, not under a printed header: review.
On a 整体支出 sheet whose first funds line's 分值 and 得分 are read, the indicator rows and the 总分
row are read by flow_indicators.py (only when the 分值 and 得分 add up to the 总分 row; review),
after a row of the goal labels, a row of the goal texts (the prose next to those labels, one cell,
预期目标 and 实际完成情况 not told apart: review) and the indicator header, so that the rows are
numbered as on the form (第7行… under three funds lines).
What it does not: read the goal texts apart, the indicator rows of a form that does not add up,
a 项目支出 sheet's indicator rows, a line whose label
and amounts stand on one line (the spaced and one-line readers' layouts), nor funds lines whose
labels pdfminer.six printed elsewhere.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Optional, Sequence

import regex as re

from ..datamodel import Cell, GridBlock, NLine, Repair
from ..evidence.numbers import CENT_PER_PART
from ..evidence.printed import TITLE_END
from .flow_indicators import indicator_rows
from .one_line import FUNDS_HEADER, IND_HEADER, META_LABELS, form_label
from .spaced_text import AMOUNT, after_title, amount_cell, cell_line, stream_furniture, text_cell, title_above, \
    title_like
from .templates import identify
from .text_tables import text_reader, with_report

_PROSE = re.compile(r"[，。；]")
_PERCENT = re.compile(r"^-?\d+(?:\.\d+)?%$")
_DASH = re.compile(r"^(?:-|—|–|——|－)$")
_TOTAL = re.compile(r"^(?:年度资金总额|资金总额|合计)[:：]?$")
_FUNDS_LEAD = re.compile(r"^(?:年度预算申请|预算申请|项目资金|年度资金|预算资金)(?:（万元）)?$")
_SELF_EVAL = re.compile(r"自评表")
_MONEY = 3  # 年初预算数 全年预算数 全年执行数
_MAX_LINES = 400
_PIECE = 6  # characters: the piece of a label a narrow column wraps onto its next line
_CENT = CENT_PER_PART  # per added part (evidence/numbers.py)
_DOUBT_TOTAL = ("总分 row uncertain: its indicators are not read in this order, so no sum of their 分值 / 得分 "
                "confirms it")
_DOUBT_RATE = ("funds line uncertain: its 执行率 is not 全年执行数 / 全年预算数, or its 得分 not 分值 × 执行率, as "
               "read")
_DOUBT_HEADER = ("funds line uncertain: the funds header's money columns (年初预算数 全年预算数 全年执行数) "
                 "are not all printed in order before the lines; read in the form's order")
_DOUBT_MOVED = ("funds line's 分值 执行率 得分 printed after the funds lines (pdftotext moved them), placed by "
                "their order and because 执行率 is 全年执行数 / 全年预算数 and 得分 分值 × 执行率")
_DOUBT_INDICATOR = ("indicator row placed in pdftotext's order: the form's 分值 and 得分 add up to its 总分 row, "
                    "which confirms no row is missing but not which row each pair was printed for")
_GOAL_WORDS = ("年度总体目标", "预期目标", "实际完成情况")
_NOTE = re.compile(r"[：:]")  # 偏差原因：… 填表人：… — not a goal text
_DOUBT_GOAL = ("goal texts as printed in pdftotext's order, 预期目标 and 实际完成情况 not told apart")
_DOUBT = ("funds line uncertain: the total is not the sum of the lines under it as read (pdftotext may "
          "have moved a cell)")


def _value(word: str) -> bool:
    return bool(AMOUNT.match(word) or _PERCENT.match(word) or _DASH.match(word))


def _norm(t: str) -> str:
    return t.rstrip(":：").replace("(", "（").replace(")", "）")


class _Item:
    __slots__ = ("text", "at", "value")

    def __init__(self, text: str, at: int, value: bool) -> None:
        self.text, self.at, self.value = text, at, value


def _items(lines: Sequence[NLine], i: int, own: set[str]) -> Optional[list[_Item]]:
    """The form's cells from lines[i] up to the first line of prose; None when a line holds a label
    and amounts together (rows printed whole: not this layout)."""
    out: list[_Item] = []
    for j in range(i, min(len(lines), i + _MAX_LINES)):
        ln = lines[j]
        t = ln.text.strip()
        if not t or stream_furniture(lines, ln, value=_value) or "".join(t.split()) in own:
            continue
        if not cell_line(ln, _PROSE) or (title_like(ln) and TITLE_END.search(t)):
            break
        words = t.split()
        values = [_value(w) for w in words]
        if any(values) and not all(values):
            return None
        if all(values):
            out.extend(_Item(w, j, True) for w in words)
        elif form_label("".join(words)) or len(words) == 1:
            out.append(_Item("".join(words), j, False))
        else:
            out.extend(_Item(w, j, False) for w in words)  # header words on one line (pdfminer.six)
    return _joined(out)


def _joined(items: list[_Item]) -> list[_Item]:
    """Pieces of a label broken over lines joined where they make one of the form's labels."""
    out: list[_Item] = []
    k = 0
    while k < len(items):
        it = items[k]
        if not it.value:
            for width in (3, 2):  # the longest label first (年度预 | 算申请 | （万元）)
                piece = items[k:k + width]
                if len(piece) == width and not any(p.value for p in piece) and form_label("".join(p.text for p in piece)):
                    out.append(_Item("".join(p.text for p in piece), it.at, False))
                    k += width
                    break
            else:
                out.append(it)
                k += 1
            continue
        out.append(it)
        k += 1
    return out


def _amount(text: str) -> Optional[Decimal]:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _adds_up(lines: list[tuple[_Item, list[_Item]]]) -> bool:
    if len(lines) < 2:
        return False
    for c in range(_MONEY):
        total = _amount(lines[0][1][c].text)
        parts = [_amount(vs[c].text) for _, vs in lines[1:]]
        if total is None or None in parts or abs(total - sum(parts, Decimal(0))) > _CENT * len(parts):
            return False
    return True


def _funds(items: list[_Item], h0: int) -> tuple[list[str], Optional[_Item], list[tuple[_Item, list[_Item]]], int, bool]:
    """The funds header's columns from items[h0] (年初预算数) on — the three money columns of the form,
    and 分值 执行率 得分 when printed in order before the first amount —, the funds label printed among
    the header's words (年度预算申请（万元）), the funds lines under them (a label, its pieces joined,
    then its amounts), the index after the last one, and whether the three money columns' names were
    printed in order before the first line."""
    printed: list[str] = []
    lead: Optional[_Item] = None
    k = h0
    while k < len(items) and not items[k].value and form_label(items[k].text) \
            and not _TOTAL.match(_norm(items[k].text)):
        t = _norm(items[k].text)
        if t in FUNDS_HEADER and FUNDS_HEADER.index(t) == len(printed):
            printed.append(t)
        elif _FUNDS_LEAD.match(t) and lead is None:
            lead = items[k]  # 年度预算申请（万元）, printed among the header's words
        k += 1  # (other labels of the form moved among them: 年度总体目标, a header word out of turn)
    cols = list(FUNDS_HEADER[:max(_MONEY, len(printed))])
    rows: list[tuple[_Item, list[_Item]]] = []
    while k < len(items):
        m = k + 1  # a label, and the short pieces of it a line break left (其中：基本 | 支出)
        while m < len(items) and not items[m].value and not form_label(items[k].text) \
                and not form_label(items[m].text) and len(items[m].text) <= _PIECE:
            m += 1
        pieces = items[k:m]
        label = "".join(p.text for p in pieces)
        if not pieces or len(pieces) > 3 or (form_label(label) and not _TOTAL.match(_norm(label))):
            break
        if not rows and not _TOTAL.match(_norm(label)):
            break
        v = m
        while v < len(items) and items[v].value:
            v += 1
        run = items[m:v]
        if not rows and not run:
            return cols, lead, _labels_first(items, k, len(cols)), k, len(printed) >= _MONEY
        if len(run) != len(cols) and (not rows or len(run) != _MONEY):
            break
        if any(not AMOUNT.match(x.text) for x in run[:_MONEY]):
            break
        rows.append((_Item(label, pieces[0].at, False), run))
        k = v
    return cols, lead, rows, k, len(printed) >= _MONEY


def _rate_holds(first: list[_Item]) -> bool:
    """The first line's 执行率 is its 全年执行数 / 全年预算数 as printed (to the printed digits) and its
    得分 the 分值 times that rate (to the cent); True when it prints no 分值 执行率 得分."""
    if len(first) <= _MONEY:
        return True
    if len(first) != len(FUNDS_HEADER):
        return False
    full, actual, weight, score = (_amount(first[c].text.rstrip("%")) for c in (1, 2, 3, 5))
    printed = first[4].text.rstrip("%")
    rate = _amount(printed)
    if None in (full, actual, weight, score, rate) or not full:
        return False
    places = len(printed.split(".")[1]) if "." in printed else 0
    if abs(actual / full * 100 - rate) > Decimal(5) / 10 ** (places + 1) + Decimal("0.001"):
        return False
    return abs(weight * rate / 100 - score) <= _CENT


def _moved_rate(items: list[_Item], k: int, first: list[_Item]) -> tuple[list[_Item], int]:
    """The first funds line's 分值 执行率 得分 printed after the funds lines, among those header words
    (pdftotext: `执行率 得分 10 99.38% 9.94`, `执行率 10 得分 96% 9.6`): from items[k] on, only those
    header words and values up to the next other cell, exactly three values — a number, a percent, a
    number, in this order —, at least one of the header words among them, and the rate and score fitting
    the line's amounts (_rate_holds). Returns the three values and the index after the run, or ([], k)."""
    words: list[_Item] = []
    values: list[_Item] = []
    m = k
    while m < len(items) and len(values) <= 3:
        it = items[m]
        if it.value:
            values.append(it)
        elif _norm(it.text) in FUNDS_HEADER[_MONEY:]:
            words.append(it)
        else:
            break
        m += 1
    if not words or len(values) != 3 or len(first) != _MONEY:
        return [], k
    weight, rate, score = values
    if not AMOUNT.match(weight.text) or not _PERCENT.match(rate.text) or not AMOUNT.match(score.text):
        return [], k
    if not _rate_holds(first + values):
        return [], k
    return values, m


def _orders(first: int, others: int) -> list[list[tuple[int, int]]]:
    """Reading orders of a funds block whose first line has `first` cells and the `others` lines
    under it the three money cells: row by row; column by column; the first column, then row by row;
    the first column, then the first line's other cells, then the others column by column."""
    cells = [(0, c) for c in range(first)] + [(r, c) for r in range(1, others + 1) for c in range(_MONEY)]
    by_col = sorted(cells, key=lambda rc: (rc[1], rc[0]))
    col0 = [rc for rc in cells if rc[1] == 0]
    rest = [rc for rc in cells if rc[1] != 0]
    rest_first = [rc for rc in rest if rc[0] == 0]
    rest_others = [rc for rc in rest if rc[0] != 0]
    return [cells, by_col, col0 + rest, col0 + rest_first + sorted(rest_others, key=lambda rc: (rc[1], rc[0]))]


def _labels_first(items: list[_Item], k: int, width: int) -> list[tuple[_Item, list[_Item]]]:
    """pdfminer.six's order: the funds lines' labels, then their amounts in one of a few orders (_orders).
    The lines are read only when exactly one of those orders makes the total the sum of the lines under
    it in every money column; else none."""
    m = k + 1
    while m < len(items) and not items[m].value and not form_label(items[m].text):
        m += 1
    labels = items[k:m]
    v = m
    while v < len(items) and items[v].value:
        v += 1
    values = items[m:v]
    others = len(labels) - 1
    if others < 1 or len(values) != width + _MONEY * others or any(
            not AMOUNT.match(values[i].text) for i in range(len(values)) if i < others + 1):
        return []
    found: dict[tuple, list[tuple[_Item, list[_Item]]]] = {}
    for order in _orders(width, others):
        grid: dict[tuple[int, int], _Item] = dict(zip(order, values))
        rows = [(labels[r], [grid[(r, c)] for c in range(width if r == 0 else _MONEY)]) for r in range(others + 1)]
        if all(AMOUNT.match(x.text) for _, vs in rows for x in vs[:_MONEY]) and _adds_up(rows):
            found.setdefault(tuple(x.text for _, vs in rows for x in vs), rows)
    return next(iter(found.values())) if len(found) == 1 else []


def _indicator_header(lines: Sequence[NLine], after_line: int) -> list[Cell]:
    """The indicator header's labels printed after the funds lines (anywhere in the form, up to the
    next table's title: pdftotext moves them among the indicators; pdfminer.six prints several on one
    line), in the form's order; empty unless
    三级指标 and 得分 are among them."""
    found: dict[str, NLine] = {}
    for j in range(after_line + 1, min(len(lines), after_line + _MAX_LINES)):
        ln = lines[j]
        t = "".join(ln.text.split())
        if TITLE_END.search(t) and title_like(ln):
            break
        words = ln.text.split()  # pdfminer.six: several of the header's words on one line
        if words and all(w in IND_HEADER for w in words):
            for w in words:
                found.setdefault(w, ln)
        elif t in IND_HEADER and t not in found:
            found[t] = ln
    if "三级指标" not in found or "得分" not in found:
        return []
    return [text_cell(found[w], w) for w in IND_HEADER if w in found]


def _total_row(lines: Sequence[NLine], after_line: int) -> list[Cell]:
    """The 总分 row of a 项目支出 sheet: the label `总分` followed by exactly two numbers, the first 100
    (the 分值 of a whole form) and the second not above it, then no number. Its indicators are not read,
    so nothing confirms it: both carry an unconfirmed repair (review). Empty when not so printed."""
    for j in range(after_line + 1, min(len(lines), after_line + _MAX_LINES)):
        ln = lines[j]
        t = "".join(ln.text.split())
        if TITLE_END.search(t) and title_like(ln):
            return []
        if t != "总分":
            continue
        words: list[tuple[str, NLine]] = []
        for k in range(j + 1, min(len(lines), j + 8)):
            if not lines[k].text.strip():
                continue
            ws = lines[k].text.split()
            if not all(AMOUNT.match(w) for w in ws):
                break
            words += [(w, lines[k]) for w in ws]
            if len(words) > 2:
                return []
        if len(words) != 2:
            return []
        weight, score = (_amount(w) for w, _ in words)
        if weight != 100 or score is None or not 0 <= score <= weight:
            return []
        return [text_cell(ln, "总分")] + [amount_cell(at, w, _DOUBT_TOTAL) for w, at in words]
    return []


def read_form_flow(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    own = {"".join(ln.text.split()) for ln in title_above(lines, i)}
    items = _items(lines, i, own)
    if not items:
        return None, i + 1
    h0 = next((k for k, x in enumerate(items) if not x.value and _norm(x.text) == FUNDS_HEADER[0]), None)
    if h0 is None:
        return None, i + 1
    cols, lead, rows, after, named = _funds(items, h0)
    if not rows:
        return None, i + 1
    moved, after_moved = _moved_rate(items, after, rows[0][1]) if len(cols) == _MONEY else ([], after)
    if moved:  # the first line's 分值 执行率 得分, printed after the lines
        cols = list(FUNDS_HEADER)
        rows[0] = (rows[0][0], rows[0][1] + moved)
    grid: list[list[Cell]] = []
    project = False
    for k in range(h0):
        t = _norm(items[k].text)
        if t in META_LABELS and k + 1 < h0:
            nxt = items[k + 1]
            if not nxt.value and not form_label(nxt.text):
                grid.append([text_cell(lines[items[k].at], items[k].text), text_cell(lines[nxt.at], nxt.text)])
                project = project or t == "项目名称"
    at = lines[items[h0].at]
    grid.append([text_cell(lines[lead.at], lead.text) if lead else text_cell(at, ""), text_cell(at, "")]
                + [text_cell(at, c) for c in cols])
    doubt = None if _adds_up(rows) and named else _DOUBT if named else _DOUBT_HEADER
    rate_doubt = doubt or (None if _rate_holds(rows[0][1]) else _DOUBT_RATE)
    if moved:
        rate_doubt = doubt or _DOUBT_MOVED
    for r, (label, run) in enumerate(rows):
        cells = [amount_cell(lines[v.at], v.text, doubt if c < _MONEY or r else rate_doubt)
                 for c, v in enumerate(run)]
        cells += [text_cell(lines[label.at], "") for _ in range(len(cols) - len(run))]
        grid.append([text_cell(lines[label.at], ""), text_cell(lines[label.at], label.text)] + cells)
    if project:
        header = _indicator_header(lines, after_line=rows[-1][1][-1].at)
        if header:
            grid.append(header)
            total = _total_row(lines, after_line=rows[-1][1][-1].at)
            if total:
                grid.append(total)
    end = max(rows[-1][1][-1].at, items[after_moved - 1].at if moved else 0) + 1
    if not project and len(rows[0][1]) == len(FUNDS_HEADER):
        end = max(end, _indicators(grid, lines, i, end, rows[0][1], len(cols) + 2))
    block = GridBlock(rows=grid, first_line=lines[i].no, last_line=lines[end - 1].no, method="form-flow")
    block.preamble = []
    return with_report(block), end


def _goal_texts(lines: Sequence[NLine], end: int) -> list[NLine]:
    """The goal texts' lines: the lines of prose printed together right after the goal labels
    (年度总体目标 预期目标 实际完成情况, the first of them after the funds block), or else right before
    them (pdfminer.six); empty when no prose stands next to the labels (pdftotext printed the texts
    elsewhere). A line of the text without punctuation of its own ends the run."""
    def prose(ln: NLine) -> bool:
        return not ln.text.strip() or bool(_PROSE.search(ln.text) and not _NOTE.search(ln.text))

    j = end
    while j < len(lines) and "".join(lines[j].text.split()) not in _GOAL_WORDS:
        if TITLE_END.search(lines[j].text) and title_like(lines[j]) or j - end > _MAX_LINES:
            return []
        j += 1
    before = j  # pdfminer.six: the texts, then the labels
    while before > end and prose(lines[before - 1]):
        before -= 1
    while j < len(lines) and (not lines[j].text.strip() or "".join(lines[j].text.split()) in _GOAL_WORDS):
        j += 1
    out: list[NLine] = []
    while j < len(lines) and prose(lines[j]):
        if lines[j].text.strip():
            out.append(lines[j])
        j += 1
    if not out:
        out = [ln for ln in lines[before:j] if ln.text.strip() and _PROSE.search(ln.text)
               and "".join(ln.text.split()) not in _GOAL_WORDS]
    return out


def _indicators(grid: list[list[Cell]], lines: Sequence[NLine], i: int, end: int, first: list[_Item],
                width: int) -> int:
    """A 整体支出 sheet's goal rows (their labels; the goal texts are not read in this order), its
    indicator header, indicator rows and 总分 row appended to `grid` when flow_indicators finds the
    form adding up and the goal labels 预期目标 实际完成情况 are printed (so the rows are numbered as on
    the form); returns the index after the last line read, or `end` when nothing was added."""
    weight, score = _amount(first[3].text), _amount(first[5].text)
    if weight is None or score is None:
        return end
    found = indicator_rows(lines, end, weight, score)
    if found is None:
        return end
    rows, (total_w, total_s), total_label = found
    stop = max(total_s.at, total_label.at) + 1
    goal: dict[str, NLine] = {}
    for j in range(i, min(len(lines), end + _MAX_LINES)):
        t = "".join(lines[j].text.split())
        if j >= end and TITLE_END.search(t) and title_like(lines[j]):
            break
        if t in _GOAL_WORDS:
            goal.setdefault(t, lines[j])
    header = _indicator_header(lines, after_line=end - 1)
    texts = _goal_texts(lines, end)
    if "预期目标" not in goal or "实际完成情况" not in goal or not header or not texts:
        return end
    at = lines[end - 1]

    def blank(ln: NLine) -> Cell:
        return text_cell(ln, "")

    def pad(cells: list[Cell], ln: NLine) -> list[Cell]:
        return cells + [blank(ln) for _ in range(width - len(cells))]

    grid.append(pad([text_cell(ln, w) if ln is not None else blank(at)
                     for w, ln in ((w, goal.get(w)) for w in _GOAL_WORDS)], at))
    goal_cell = text_cell(texts[0], "".join(ln.text.strip() for ln in texts), joined=len(texts) > 1)
    goal_cell.repairs = [Repair(kind="layout.column_guess", note=_DOUBT_GOAL, status="unconfirmed")]
    grid.append(pad([blank(at), goal_cell], at))
    grid.append(header)
    for row in rows:
        ln = lines[row.weight.at]
        cells = [blank(ln), blank(ln), blank(ln),
                 text_cell(lines[row.label.at], row.label.text) if row.label else blank(ln),
                 text_cell(lines[row.target.at], row.target.text) if row.target else blank(ln),
                 (amount_cell(lines[row.actual.at], row.actual.text, _DOUBT_INDICATOR) if _PERCENT.match(row.actual.text)
                  else text_cell(lines[row.actual.at], row.actual.text)) if row.actual else blank(ln),
                 amount_cell(ln, row.weight.text, _DOUBT_INDICATOR),
                 amount_cell(lines[row.score.at], row.score.text, _DOUBT_INDICATOR)]
        grid.append(pad(cells, ln))
    ln = lines[total_w.at]
    grid.append(pad([text_cell(lines[total_label.at], "总分"), amount_cell(ln, total_w.text, _DOUBT_INDICATOR),
                     amount_cell(lines[total_s.at], total_s.text, _DOUBT_INDICATOR)], ln))
    return stop


def _self_eval(lines: Sequence[NLine], i: int) -> bool:
    title = " ".join(ln.text for ln in title_above(lines, i))
    template = identify(title, "")
    return template is not None and template.shape == "indicators" and bool(_SELF_EVAL.search("".join(title.split())))


@text_reader(52)
class FormFlowReader:
    """The head of a 绩效自评表 in pdftotext's flow order (cells moved, one per line)."""

    name = "form-flow"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        if not after_title(lines, i) or not lines[i].text.strip() or not cell_line(lines[i], _PROSE):
            return False
        return _self_eval(lines, i)

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return read_form_flow(lines, i)
