"""整体支出绩效自评表 printed one row per line by PDF text extractors (pdfplumber, pdftotext -layout,
pypdf): the sheet head (预算部门（单位）名称 and the department, the 年度资金总额 / 其中：基本支出 / 项目支出
lines under 年初预算数 全年预算数 全年执行数 分值 执行率 得分), the 年度总体目标 block, then the indicator
rows under 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施, and 总分.

What it does: reads the sheet into a GridBlock of the shape the PDF route's lattice grid gives (two
header rows, the funds lines, the goal block's two rows, the indicator header, one row per indicator,
the 总分 row), so that the rows are numbered as on the PDF route and recognize/indicators.py reads the
indicators. An indicator row is the line that ends with its 分值 and 得分 (any 偏差原因 text after
them cut off); its 年度指标值 and 实际完成值 are the two cells before them and its 三级指标 the words
before those, joined with the name pieces printed on the line above (and below, when the row's line
holds no name) as the converters break long names. The rows are checked against the 总分 row: the
分值 and 得分 of the funds line and of every indicator must add up to its 分值 and 得分; when they do
not, or a row's 年度指标值 / 实际完成值 do not read as measures (a digit or a ≥ ≤ sign in them), the
cells concerned carry an unconfirmed `layout.column_guess` so their Fields go to review. The merged
一级/二级指标 labels (printed once per group) go on their group's first row when their places give the
groups for certain (spaced_targets.py's reading: centred or on top, the two agreeing); a label broken
over lines (`服务对象满意` / `度指标`) or places that fit no grouping leave that level blank.
What it does not: guess the levels otherwise, tell the 年度总体目标 texts apart (the converters
interleave the two columns: their words are given together in one cell, to review), read the
deviation texts, or read the 项目支出绩效自评表 head (项目名称, 主管部门 …): a sheet whose head is not
the 预算部门（单位）名称 one, or whose funds header is not the standard six columns, is declined.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Optional, Sequence

import regex as re

from ..datamodel import Cell, GridBlock, NLine, Repair
from ..evidence.numbers import parse_amount
from .spaced_targets import level_groups
from .spaced_text import covers
from .spaced_text import AMOUNT, SENTENCE, text_cell, tokens
from .text_tables import with_report

_HEAD_LABEL = "预算部门（单位）名称"
_SIDE_LABEL = "年度预算申请（万元）"
_FUNDS_COLS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
_IND_COLS = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
_FUNDS_LABELS = ("其中：基本支出", "其中：项目支出", "其中：财政拨款", "年度资金总额", "上年结转资金", "基本支出",
                 "项目支出", "财政拨款", "其他资金")
_GOAL = re.compile(r"预期目标|^年度总体目")
_RATE = re.compile(r"^\d+(?:\.\d+)?%$")
_LEVEL = re.compile(r"^(?:产出|效益|满意度|成本)指标|指标$|^分[)）]$|^[（(]\d+分[)）]$")
_SIDE_CHARS = frozenset("绩效指标")
_LEVEL1 = re.compile(r"^((?:产出|效益|满意度|成本)指标)(?:[（(]\d+(?:分[)）])?)?$")  # a weight broken off: `产出指标(50`
_LEVEL2 = re.compile(r"^(?:数量|质量|时效|成本|经济成本|社会成本|生态环境成本|经济效益|社会效益|生态效益|"
                     r"可持续影响|服务对象满意度|满意度)指标$")
_DEVIATION = re.compile(r"偏差原因|改进措施")
_MEASURE = re.compile(r"\d|[≥≤><＞＜=]")
_TOTAL = re.compile(r"^总分")
_LOOKAHEAD = 60
_COLS = 9  # the 绩效指标 label column, then the eight indicator columns


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _words(line: NLine) -> list[str]:
    return [w for w, _, _ in tokens(line.text)]


def _indicator_header(line: NLine) -> bool:
    t = line.text
    if "三级指标" not in t:
        return False
    words = _words(line)
    return "一级指标" in words and "三级指标" in words and "得分" in words


def first_row(lines: Sequence[NLine], i: int) -> Optional[int]:
    """The sheet head's first line (预算部门…) when the indicator header follows within a few dozen lines."""
    j = next((x for x in range(i, min(i + 3, len(lines))) if lines[x].text.strip()), None)
    if j is None or not _squeeze(lines[j].text).startswith("预算部门"):
        return None
    return j if _header_index(lines, j) is not None else None


def _header_index(lines: Sequence[NLine], j: int) -> Optional[int]:
    return next((k for k in range(j, min(j + _LOOKAHEAD, len(lines))) if _indicator_header(lines[k])), None)


def _is_amount(word: str) -> bool:
    return bool(AMOUNT.match(word) or _RATE.match(word))


def _trailing_amounts(words: list[str]) -> int:
    k = len(words)
    while k > 0 and _is_amount(words[k - 1]):
        k -= 1
    return len(words) - k


def _segment(stream: str, n: int) -> Optional[list[str]]:
    """The funds lines' labels from their pieces run together (the converters break them over lines)."""
    out, p = [], 0
    while p < len(stream):
        label = next((x for x in _FUNDS_LABELS if stream.startswith(x, p)), None)
        if label is None:
            return None
        out.append(label)
        p += len(label)
    return out if len(out) == n else None


def _guess(cell: Cell, why: str) -> Cell:
    cell.repairs = (cell.repairs or []) + [Repair(kind="layout.column_guess", note=why, status="unconfirmed")]
    return cell


def _head(lines: Sequence[NLine], j: int, h: int):
    """(department name, funds header index, funds rows [(line, label, values)], goal start) or None."""
    funds_header = next((k for k in range(j, h) if "年初预算数" in lines[k].text), None)
    if funds_header is None:
        return None
    goal = next((k for k in range(funds_header + 1, h) if _GOAL.search(_squeeze(lines[k].text))), h)
    head_text = _squeeze("".join(ln.text for ln in lines[j:goal]))
    if not covers(head_text, _FUNDS_COLS) or not covers(head_text, (_HEAD_LABEL,)):
        return None
    names = []
    for ln in lines[j:funds_header]:
        for w in _words(ln):
            if not (w in _HEAD_LABEL or w in _SIDE_LABEL or any(w in c for c in _FUNDS_COLS)):
                names.append((w, ln))
    funds: list[tuple[NLine, list[str]]] = []
    pieces = []
    for ln in lines[funds_header + 1:goal]:
        words = _words(ln)
        n = _trailing_amounts(words)
        for w in words[:len(words) - n]:
            if not (w in _SIDE_LABEL or any(w in c for c in _FUNDS_COLS) or w in _HEAD_LABEL):
                pieces.append(w)
        if n >= 2:
            funds.append((ln, words[len(words) - n:]))
    if not funds or len(names) > 1 or any(len(v) > len(_FUNDS_COLS) for _, v in funds):
        return None
    labels = _segment("".join(pieces), len(funds)) or [""] * len(funds)
    return names[0] if names else None, funds_header, list(zip(funds, labels)), goal


def _data_line(line: NLine) -> Optional[tuple[list[str], list[str]]]:
    """An indicator row's line: (words before 分值, [分值, 得分]), 偏差原因 text and the side label cut off."""
    words = _words(line)
    while words and len(words[0]) == 1 and words[0] in _SIDE_CHARS:
        words = words[1:]
    cut = next((k for k, w in enumerate(words) if _DEVIATION.search(w) or SENTENCE.search(w)), len(words))
    words = words[:cut]
    if len(words) < 3 or not (AMOUNT.match(words[-1]) and AMOUNT.match(words[-2])):
        return None
    return words[:-2], words[-2:]


def _name_piece(line: NLine, pure: bool = False) -> list[str]:
    """The name words of a line that holds only pieces of names (levels, side label and deviation text
    left out); [] when it holds anything else. `pure`: [] too when the line holds anything but name
    words (a level label, the side label, deviation text)."""
    out = []
    for w in _words(line):
        if len(w) == 1 and w in _SIDE_CHARS or _LEVEL.search(w):
            if pure:
                return []
            continue
        if _DEVIATION.search(w) or SENTENCE.search(w):
            if pure:
                return []
            break
        if any(ch.isdigit() for ch in w):
            return []
        out.append(w)
    return out


def read_selfeval(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    j = first_row(lines, i)
    h = _header_index(lines, j) if j is not None else None
    head = _head(lines, j, h) if h is not None else None
    if head is None:
        return None, i + 1
    name, funds_header, funds, goal = head
    end = next((k for k in range(h + 1, min(h + 3 * _LOOKAHEAD, len(lines))) if _TOTAL.match(_squeeze(lines[k].text))), None)
    if end is None:
        return None, i + 1
    at, hl, fl, gl = lines[j], lines[h], lines[funds_header], lines[goal] if goal < h else lines[h]

    def blank(line: NLine) -> Cell:
        return text_cell(line, "")
    grid: list[list[Cell]] = [[text_cell(at, _HEAD_LABEL), text_cell(name[1], name[0]) if name else blank(at)]]
    grid.append([text_cell(fl, _SIDE_LABEL), blank(fl)] + [text_cell(fl, c) for c in _FUNDS_COLS] + [blank(fl)])
    for (ln, values), label in funds:
        cells = [blank(ln) for _ in range(len(_FUNDS_COLS))]
        for k, v in enumerate(values):
            cells[k] = Cell(text=v, orig=v, line=ln.no, page=ln.page, repaired=ln.repaired)
            if len(values) not in (3, len(_FUNDS_COLS)):
                _guess(cells[k], "column uncertain: a funds line printing neither all six cells nor the first three")
        grid.append([blank(ln), text_cell(ln, label)] + cells + [blank(ln)])
    grid.append([text_cell(gl, "年度总体目标"), text_cell(gl, "预期目标"), text_cell(gl, "实际完成情况"), blank(gl)])
    grid.append(_goal_row(lines, goal, h))
    grid.append([text_cell(hl, "绩效指标")] + [text_cell(hl, c) for c in _IND_COLS])
    rows = _indicator_rows(lines, h + 1, end)
    grid.extend(rows)
    grid.append(_total_row(lines[end]))
    _check_sums(grid, funds, rows)
    return with_report(GridBlock(rows=grid, first_line=at.no, last_line=lines[end].no, method="spaced")), end + 1


def _goal_row(lines: Sequence[NLine], goal: int, h: int) -> list[Cell]:
    """The 年度总体目标 texts: the converters interleave the 预期目标 and 实际完成情况 columns line by
    line, so both are given together in the first cell, to review."""
    words, first = [], None
    for ln in lines[goal:h]:
        for w in _words(ln):
            if w in "年度总体目标" or w in "预期目标" or w in "实际完成情况" or len(w) == 1 and w in _SIDE_CHARS:
                continue
            words.append(w)
            first = first or ln
    at = first or lines[goal]
    text = "".join(words)
    cell = text_cell(at, text, joined=True)
    if text:
        _guess(cell, "column uncertain: the converter interleaves the 预期目标 and 实际完成情况 texts, "
                     "so both stand here together")
    return [text_cell(at, ""), cell, text_cell(at, ""), text_cell(at, "")]


def _nearest(lines: Sequence[NLine], k: int, step: int, lo: int, hi: int) -> Optional[int]:
    k += step
    while lo <= k < hi:
        if lines[k].text.strip():
            return k
        k += step
    return None


def _indicator_rows(lines: Sequence[NLine], start: int, end: int) -> list[list[Cell]]:
    data = [k for k in range(start, end) if _data_line(lines[k]) is not None]
    used: set[int] = set(data)
    rows = []
    for k in data:
        ln = lines[k]
        before, (weight, score) = _data_line(ln)
        measures = before[-2:]
        name_words = [w for w in before[:-2] if not _LEVEL.search(w)]
        name_lines = [ln] if name_words else []
        above = _nearest(lines, k, -1, start, end)
        # a name broken over lines: its head above a line that holds its tail (pypdf) or no name
        # at all, with its tail below (pdfplumber, pdftotext -layout)
        # (not when the row's line opens with a level label's tail: `服务对象满意` / `度指标 群众满意度 …`)
        joins = not name_words or not _LEVEL.search(before[0])
        if joins and above is not None and above not in used and _name_piece(lines[above], pure=bool(name_words)):
            name_words = _name_piece(lines[above]) + name_words
            name_lines.insert(0, lines[above])
            used.add(above)
            below = _nearest(lines, k, 1, start, end)
            if len(name_lines) == 1 and below is not None and below not in used and _name_piece(lines[below]):
                name_words += _name_piece(lines[below])
                name_lines.append(lines[below])
                used.add(below)
        target, actual = measures if len(measures) == 2 else ("", measures[0])  # 指标值 broken off
        name = "".join(name_words)
        name_cell = text_cell(name_lines[0] if name_lines else ln, name, joined=len(name_lines) > 1)
        cells = [text_cell(ln, target), Cell(text=actual, orig=actual, line=ln.no, page=ln.page, repaired=ln.repaired)]
        if not (_MEASURE.search(target) and _MEASURE.search(actual)):
            why = ("column uncertain: 年度指标值 / 实际完成值 do not read as measures, so where the name "
                   "ends and they begin is not certain")
            name_cell = _guess(name_cell, why)
            cells = [_guess(c, why) for c in cells]
        amounts = [Cell(text=v, orig=v, line=ln.no, page=ln.page, repaired=ln.repaired) for v in (weight, score)]
        rows.append([text_cell(ln, ""), text_cell(ln, ""), text_cell(ln, ""), name_cell] + cells + amounts
                    + [text_cell(ln, "")])
    _place_levels(lines, data, start, end, rows)
    return rows


def _level_marks(lines: Sequence[NLine], data: list[int], start: int, end: int):
    """Per level, the labels printed in the indicator block: (row position, label, line); a position
    p + 1/2 is a label printed between rows p and p + 1. None for a level when one of its labels
    is broken over lines (`服务对象满意` / `度指标`) or unknown."""
    marks: list[Optional[list]] = [[], []]
    row = {k: n for n, k in enumerate(data)}
    before = 0  # data lines above line k
    for k in range(start, end):
        if k in row:
            pos = Fraction(row[k])
            before = row[k] + 1
        else:
            pos = Fraction(2 * before - 1, 2)
        for w in _words(lines[k]):
            if _DEVIATION.search(w) or SENTENCE.search(w):
                break
            m1 = _LEVEL1.match(w)
            if m1:
                if marks[0] is not None:
                    marks[0].append((pos, m1.group(1), lines[k]))
            elif w.endswith("指标"):
                if _LEVEL2.match(w) and marks[1] is not None:
                    marks[1].append((pos, w, lines[k]))
                elif not _LEVEL2.match(w):
                    marks[1] = None
    return marks


def _place_levels(lines: Sequence[NLine], data: list[int], start: int, end: int, rows: list[list[Cell]]) -> None:
    """The merged 一级/二级指标 cells, each on its group's first row, where the labels' places give the
    groups for certain (spaced_targets.py's reading: centred or on top, the two agreeing); else blank."""
    for level, marks in enumerate(_level_marks(lines, data, start, end)):
        if not marks:
            continue
        starts = level_groups([p for p, _, _ in marks], len(rows))
        if starts is None:
            continue
        for s, (_, label, ln) in zip(starts, marks):
            rows[s][1 + level] = text_cell(ln, label)


def _total_row(line: NLine) -> list[Cell]:
    values = [w for w in _words(line) if AMOUNT.match(w)]
    cells = [text_cell(line, "") for _ in range(_COLS)]
    cells[0] = text_cell(line, "总分")
    for c, v in zip((6, 7), values[-2:] if len(values) >= 2 else [None] + values[-1:]):
        if v is not None:
            cells[c] = Cell(text=v, orig=v, line=line.no, page=line.page, repaired=line.repaired)
    return cells


def _amount(cell: Cell):
    return parse_amount(cell.text)[0] if cell.text else None


def _check_sums(grid: list[list[Cell]], funds, rows: list[list[Cell]]) -> None:
    """The 分值 and 得分 of the rows must add up to the 总分 row's (with or without the funds line's):
    else which line is which row is not certain and the rows' amounts go to review."""
    total = grid[-1]
    want = (_amount(total[6]), _amount(total[7]))
    got = [sum((_amount(r[c]) or 0) for r in rows) for c in (6, 7)]
    first = grid[2] if funds and len(funds[0][0][1]) == len(_FUNDS_COLS) else None
    with_funds = [got[0] + (_amount(first[5]) or 0), got[1] + (_amount(first[7]) or 0)] if first else got
    if None not in want and (tuple(got) == want or tuple(with_funds) == want) and rows:
        return
    why = "row uncertain: the indicators' 分值 / 得分 do not add up to the 总分 row, so a row may be misread"
    for r in rows + [total]:
        for c in (4, 5, 6, 7):
            if r[c].text:
                _guess(r[c], why)
