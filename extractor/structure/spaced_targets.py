"""项目支出绩效目标表 printed one row per line by PDF text extractors: the project's key | value lines,
then the indicators under 一级指标 二级指标 三级指标 指标值, whose merged level cells are printed once
per group — on the line of the group's middle row or between its two middle rows (pdfplumber,
pdftotext -layout), or on a line of their own before the group's first row (pypdf).

What it does: reads the key | value lines (项目名称 …, 年度绩效目标 … continued over lines) and the
indicator rows (name and value, with any level labels printed on the same line) into a GridBlock of
the shape the flattened table gives (key | value rows, the header row, then 一级 | 二级 | 三级 | 指标值
rows with each level printed on its group's first row). Which rows a level label covers is worked
out from where the labels stand: centred labels give each group's end from its start and centre,
labels before their groups give each group's start; the reading must account for every row, and
when both readings do but disagree, or neither does, the levels are left blank (not guessed).
What it does not: read the 绩效自评表 (its columns differ: 年度指标值 实际完成值 分值 得分 …) or
other shapes.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Optional, Sequence

import regex as re

from ..datamodel import Cell, GridBlock, NLine
from ..evidence.printed import NOTE_LINE
from .spaced_text import furniture, text_cell, title_like, tokens
from .text_tables import with_report

_HEADER = ("一级指标", "二级指标", "三级指标", "指标值")
_LEVEL1 = re.compile(r"^(?:产出指标|效益指标|满意度指标|成本指标)(?:（\d+分）)?$")
_LEVEL2 = re.compile(r"^(?:数量|质量|时效|成本|经济成本|社会成本|生态环境成本|经济效益|社会效益|生态效益|"
                     r"可持续影响|服务对象满意度|满意度)指标$")
_KEYS = ("项目名称", "实施单位", "主管部门", "项目资金", "预算金额", "资金总额", "年度绩效目标", "绩效目标", "项目负责人")
_LOOKAHEAD = 10


def _header_at(lines: Sequence[NLine], j: int) -> bool:
    return tuple(w for w, _, _ in tokens(lines[j].text)) == _HEADER


def _key_line(line: NLine) -> bool:
    words = tokens(line.text)
    return bool(words) and words[0][0].startswith(_KEYS)


def first_row(lines: Sequence[NLine], i: int) -> Optional[int]:
    """The first key | value line, when the indicator header follows within a few lines."""
    j = next((x for x in range(i, min(i + 3, len(lines))) if lines[x].text.strip()), None)
    if j is None or not _key_line(lines[j]):
        return None
    for k in range(j, min(j + _LOOKAHEAD, len(lines))):
        if _header_at(lines, k):
            return j
    return None


def _centred(marks: list[Fraction], n: int) -> Optional[list[int]]:
    """Group starts from labels printed at each group's centre; None when they do not tile 0..n-1."""
    starts, s = [], 0
    for c in marks:
        e = 2 * c - s
        if e.denominator != 1 or e < s:
            return None
        starts.append(s)
        s = int(e) + 1
    return starts if s == n else None


def _on_top(marks: list[Fraction], n: int) -> Optional[list[int]]:
    """Group starts from labels printed at (or just before) each group's first row."""
    starts = [int(-(-c // 1)) for c in marks]  # a label between rows opens the next row's group
    if not starts or starts[0] != 0 or any(b <= a for a, b in zip(starts, starts[1:])) or starts[-1] >= n:
        return None
    return starts


def level_groups(marks: list[Fraction], n: int) -> Optional[list[int]]:
    """The first row of each merged level label's group, from where the labels stand among the `n`
    rows (centred on their group, as pdfplumber prints them, or above it, as pypdf does); None when
    neither reading fits or the two disagree — the levels are then left blank, never guessed."""
    a, b = _centred(marks, n), _on_top(marks, n)
    if a is not None and b is not None and a != b:
        return None
    return a if a is not None else b


def read_targets(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    first = first_row(lines, i)
    if first is None:
        return None, i + 1
    at = lines[i]
    grid: list[list[Cell]] = []
    j = first
    while not _header_at(lines, j):
        ln = lines[j]
        if ln.text.strip():
            words = [w for w, _, _ in tokens(ln.text)]
            if _key_line(ln) and len(words) >= 2:
                grid.append([text_cell(ln, words[0]), text_cell(ln, "".join(words[1:]))])
            elif grid and _key_line(ln):
                grid.append([text_cell(ln, words[0]), text_cell(ln, "")])
            elif grid:  # the value continued on the next line
                cell = grid[-1][1]
                cell.text += "".join(words)
                cell.orig = cell.text
                cell.joined = True
        j += 1
    grid.append([text_cell(lines[j], w) for w in _HEADER])
    j += 1
    rows: list[tuple[NLine, str, str]] = []  # line, name, value
    marks: list[list[tuple[Fraction, str, NLine]]] = [[], []]  # per level: (row position, label, line)
    end = j
    while j < len(lines):
        ln = lines[j]
        t = ln.text.strip()
        if not t:
            j += 1
            continue
        if len(t) > 300 or NOTE_LINE.match(t) or title_like(ln) or _header_at(lines, j) or _key_line(ln):
            break
        words = [w for w, _, _ in tokens(ln.text)]
        labels: list[tuple[int, str]] = []
        while words and (_LEVEL1.match(words[0]) or _LEVEL2.match(words[0])):
            labels.append((0 if _LEVEL1.match(words[0]) else 1, words.pop(0)))
        if len(words) == 1 or len(words) > 6 or (not labels and not words):
            if furniture(lines, ln):
                j += 1
                continue
            break
        pos = Fraction(len(rows)) if words else Fraction(2 * len(rows) - 1, 2)
        for level, label in labels:
            marks[level].append((pos, label, ln))
        if words:
            rows.append((ln, "".join(words[:-1]), words[-1]))
        end = j = j + 1
    if not rows:
        return None, i + 1
    level_cells: list[list[Optional[tuple[str, NLine]]]] = [[None] * len(rows), [None] * len(rows)]
    for level in (0, 1):
        starts = level_groups([p for p, _, _ in marks[level]], len(rows))
        if starts is not None:
            for s, (_, label, ln) in zip(starts, marks[level]):
                level_cells[level][s] = (label, ln)
    for k, (ln, name, value) in enumerate(rows):
        cells = []
        for level in (0, 1):
            lab = level_cells[level][k]
            cells.append(text_cell(lab[1], lab[0]) if lab else text_cell(ln, ""))
        grid.append(cells + [text_cell(ln, name), text_cell(ln, value)])
    return with_report(GridBlock(rows=grid, first_line=at.no, last_line=lines[end - 1].no, method="spaced")), end
