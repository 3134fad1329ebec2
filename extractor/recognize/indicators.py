"""Rows of the 绩效自评表: 一级/二级/三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因.

What it does: finds the grid whose header row names 三级指标 (or 指标 with 得分), maps columns by
their header labels (rows are right-aligned to the header, since a merged 绩效指标 label column may
precede them), rejoins a row that the converter broke in two, carries merged 一级/二级 cells down,
and reads the 总分 row. Over a scored 项目支出 自评表 it also reads the sheet's head (`ProjectSheet`:
项目名称, 主管部门, 实施单位 and the 年度资金总额 line by its header labels, and the 总分 得分 of its indicator block); the sheet
becomes a project in recognize/projects.py (supervisor, implementer, budget, full-year budget,
actual, execution rate, score).
A 绩效目标表 printed as a list (`单位编码 | 单位（项目）名称 | 资金总额 | 绩效目标 | 绩效指标` over the
indicator labels; Hunan's budgets) is read row by row: a row naming a project (its name cell filled)
opens it, the indicator rows under it (to the next named row) are its targets; a named row with no
indicator under it and no goal is a unit's (or the 合计) line (a row with a goal and no indicator is a
project whose indicators a text reader left unread: structure/coded_goals.py), and the unit is the
implementer of the projects after it. Each project becomes a sheet (name, 资金总额 as its budget, 绩效目标 as its goal).
What it does not: score anything itself.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import regex as re

from ..datamodel import Cell, Field, GridBlock, Indicator, Performance, make_source
from ..evidence import policy
from ..evidence.cells import ocr_evidence
from ..evidence.numbers import parse_amount

_LABELS = {
    "一级指标": "level1", "二级指标": "level2", "三级指标": "name", "年度指标值": "target", "指标值": "target",
    "年度目标值": "target", "实际完成值": "actual", "全年实际值": "actual", "完成值": "actual", "分值": "weight",
    "得分": "score", "偏差原因分析及改进措施": "deviation",
}
_WEIGHT_SUFFIX = re.compile(r"\s*[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]\s*$")


def _key(t: str) -> str:
    return "".join((t).split())


def _field(cell: Cell, value=None, conf: float = policy.INDICATOR_CELL) -> Field:  # noqa: D401
    raw = cell.orig.strip()
    v = value if value is not None else _key(cell.text) if len(cell.text) < 60 else cell.text.strip()
    notes = ["cell text joined from several lines"] if cell.joined else []
    f = Field(value=v, raw=raw, confidence=conf - (policy.REPAIR_PENALTY if cell.joined else 0),
              source=make_source(cell.page, cell.line, cell.bbox), notes=notes)
    return ocr_evidence(f, cell, digits_check=False)  # read by OCR: its score and repairs count


def _num_field(cell: Cell) -> Field:
    value, repairs = parse_amount(cell.text)
    f = _field(cell, value=value if value is not None else (_key(cell.text) or None))
    if repairs:
        f.notes.extend(repairs)
        f.confidence -= policy.REPAIR_PENALTY
    return f


_PROJECT_NAME = re.compile(r"^项目名称$")
_PROJECT_MONEY = re.compile(r"^(?:项目资金|预算金额|项目预算|资金总额|年度资金总额|年度预算资金总额|预算资金总额|项目金额)")


@dataclass
class ProjectSheet:
    """The head of a 项目支出绩效自评表: who runs the project and its funds line (年度资金总额)."""

    name: Field
    supervisor: Optional[Field] = None  # 主管部门
    implementer: Optional[Field] = None  # 实施单位
    funds: dict[str, Field] = field(default_factory=dict)  # 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分
    score: Optional[Field] = None  # the 总分 row's 得分: the project's score (funds["得分"] scores execution only)
    goal: Optional[Field] = None  # 绩效目标, where a 绩效目标表 prints it beside the project


@dataclass
class IndicatorFindings:
    performance: Optional[Performance] = None  # the scored 自评表 (得分), first one found
    targets: list[Indicator] = field(default_factory=list)  # rows of 绩效目标表
    projects: list[tuple[Field, Optional[Field]]] = field(default_factory=list)  # (name, budget) from those tables
    sheets: list[ProjectSheet] = field(default_factory=list)  # heads of scored 项目支出绩效自评表


_SHEET_LABELS = {"主管部门": "supervisor", "实施单位": "implementer"}
_FUNDS_TOTAL = re.compile(r"^(?:年度资金总额|资金总额|合计)[:：]?$")


def _project_sheet(rows: list[list[Cell]]) -> Optional[ProjectSheet]:
    """项目名称 / 主管部门 / 实施单位 and the 年度资金总额 line under its header (年初预算数 …)."""
    name, _ = _project_meta(rows)
    if name is None:
        return None
    sheet = ProjectSheet(name=name)
    header: Optional[list[str]] = None
    for r in rows:
        keys = [_key(c.text) for c in r]
        for i, k in enumerate(keys[:-1]):
            if k in _SHEET_LABELS and getattr(sheet, _SHEET_LABELS[k]) is None:
                nxt = next((c for c in r[i + 1:] if _key(c.text)), None)
                if nxt is not None and _key(nxt.text) not in _SHEET_LABELS:
                    setattr(sheet, _SHEET_LABELS[k], _field(nxt))
        if "年初预算数" in keys:
            header = keys
            continue
        if header is not None and not sheet.funds and any(_FUNDS_TOTAL.match(k) for k in keys if k):
            for label, cell in zip(header[len(header) - len(r):] if len(r) <= len(header) else header, r):
                if label and label in ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分") and _key(cell.text):
                    sheet.funds[label] = _num_field(cell)
    return sheet


def _project_meta(rows: list[list[Cell]]) -> tuple[Optional[Field], Optional[Field]]:
    name = money = None
    for r in rows:
        keys = [_key(c.text) for c in r]
        for i, k in enumerate(keys[:-1]):
            nxt = next((c for c in r[i + 1:] if _key(c.text)), None)
            if nxt is None:
                continue
            if name is None and _PROJECT_NAME.match(k):
                name = _field(nxt)
            elif money is None and _PROJECT_MONEY.match(k):
                value, _ = parse_amount(nxt.text)
                if value is not None:
                    money = _num_field(nxt)
    return name, money


def _indicator_header(row: list[Cell]) -> Optional[list[Optional[str]]]:
    """The columns of an indicator header row (三级指标, or 指标 with 得分), else None."""
    keys = [_key(c.text) for c in row]
    if "三级指标" not in keys and not ("得分" in keys and any("指标" in k for k in keys)):
        return None
    cols = [_LABELS.get(k) for k in keys]
    return cols if "name" in cols else None


def _next_form(rows: list[list[Cell]], start: int, end: int) -> int:
    """Where the next form's head (its 项目名称 row) begins in rows[start:end], else end."""
    return next((j for j in range(start, end) if any(_PROJECT_NAME.match(_key(c.text)) for c in rows[j])), end)


def find_indicators(grids: list[GridBlock]) -> IndicatorFindings:
    """Indicators and project heads of every 绩效 grid. A grid may hold several 绩效目标表 forms one
    after another (a table run over pages): each form's indicators belong to the project its own
    head names."""
    found = IndicatorFindings()
    for g in grids:
        heads = [(hi, cols) for hi, row in enumerate(g.rows) if (cols := _indicator_header(row)) is not None]
        start = 0
        prev_name: Optional[Field] = None
        for n, (hi, cols) in enumerate(heads):
            if "score" in cols or "actual" in cols:
                if n == 0:
                    perf = _read(g.rows[hi + 1:], cols)
                    if found.performance is None:
                        found.performance = perf
                    sheet = _project_sheet(g.rows[:hi])
                    if sheet is not None:
                        sheet.score = perf.score
                        found.sheets.append(sheet)
                        found.projects.append((sheet.name, sheet.funds.get("年初预算数")))
                break
            if n == 0 and (listed := _listed_projects(g.rows, hi, cols)) is not None:
                for sheet, indicators in listed:
                    found.targets.extend(indicators)
                    if sheet is not None:
                        found.sheets.append(sheet)
                        found.projects.append((sheet.name, sheet.funds.get("年初预算数")))
                break
            stop = _next_form(g.rows, hi + 1, heads[n + 1][0] if n + 1 < len(heads) else len(g.rows))
            name, money = _project_meta(g.rows[start:hi])
            if n > 0 and name is None:
                # a header printed again on a new page of the same form: its rows belong to the form above
                name = prev_name
            perf = _read(g.rows[hi + 1:stop], cols)
            for ind in perf.indicators:
                ind.project = str(name.value) if name else None
            found.targets.extend(perf.indicators)
            if name is not None and (n == 0 or name is not prev_name):
                sheet = _project_sheet(g.rows[start:hi]) or ProjectSheet(name=name)
                sheet.name = name
                if money is not None:
                    sheet.funds["年初预算数"] = money
                found.sheets.append(sheet)
                found.projects.append((name, money))
            prev_name = name
            start = stop
    return found


_LIST_NAME = re.compile(r"^(?:单位[（(])?项目[)）]?名称$|^项目名称$")
_LIST_MONEY = re.compile(r"^(?:资金总额|项目总额|金额|预算金额|预算数|项目资金|年度资金总额)(?:[（(]万元[)）])?$")
_LIST_GOAL = re.compile(r"^(?:年度)?绩效目标$|^(?:年度)?目标$")
_TOTAL_LINE = re.compile(r"^(?:合计|总计)$")


def _listed_projects(rows: list[list[Cell]], hi: int, cols: list[Optional[str]]
                     ) -> Optional[list[tuple[Optional[ProjectSheet], list[Indicator]]]]:
    """A 绩效目标表 printed as a list: the labels over the indicator header (`rows[hi - 1]`) name
    the leading columns (a project name column, an amount column, a goal column); the data rows are
    as wide as those leading columns and the indicator columns together (the indicator header either
    leaves them out or prints blank cells over them). Returns, per named row,
    its sheet (None for a unit's line: no indicator under it) and its indicators; None when the
    grid is not such a list."""
    if hi == 0:
        return None
    body = rows[hi + 1:]
    width = max((len(r) for r in body), default=0)
    blank = next((i for i, c in enumerate(rows[hi]) if _key(c.text)), 0)  # the header's blank cells over them
    lead = width - len(cols) + blank
    labels = [_key(c.text) for c in rows[hi - 1]]
    if lead < 1 or lead > len(labels):
        return None
    role = {}
    for i, label in enumerate(labels[:lead]):
        for key, pat in (("name", _LIST_NAME), ("money", _LIST_MONEY), ("goal", _LIST_GOAL)):
            if key not in role and pat.match(label):
                role[key] = i
    if "name" not in role:
        return None
    segments: list[tuple[Optional[list[Cell]], list[list[Cell]]]] = [(None, [])]
    for r in body:
        head = r[:lead] if len(r) == width else None
        if head is not None and _key(head[role["name"]].text):
            segments.append((head, [r]))
        else:
            segments[-1][1].append(r)
    out: list[tuple[Optional[ProjectSheet], list[Indicator]]] = []
    unit: Optional[Field] = None
    for head, seg in segments:
        indicators = _read(seg, cols).indicators
        if head is None:
            out.append((None, indicators))
            continue
        name = _field(head[role["name"]])
        goal = "goal" in role and bool(_key(head[role["goal"]].text))
        if not indicators and not goal:  # a unit's line (or the total's): the projects under it are its own
            unit = None if _TOTAL_LINE.match(str(name.value)) else name
            continue
        sheet = ProjectSheet(name=name, implementer=unit.model_copy() if unit else None)
        if "money" in role and parse_amount(head[role["money"]].text)[0] is not None:
            sheet.funds["年初预算数"] = _num_field(head[role["money"]])
        if goal:
            sheet.goal = _field(head[role["goal"]])
        for ind in indicators:
            ind.project = str(name.value)
        out.append((sheet, indicators))
    return out


def _read(rows: list[list[Cell]], cols: list[Optional[str]]) -> Performance:
    width = max((len(r) for r in rows), default=len(cols))
    perf = Performance()
    level1: Optional[Field] = None
    level2: Optional[Field] = None
    i = 0
    while i < len(rows):
        r = rows[i]
        keys = [_key(c.text) for c in r]
        if keys and keys[0].startswith("总分") or (len(keys) > 1 and not keys[0] and keys[1].startswith("总分")):
            nums = [c for c in r[1:] if parse_amount(c.text)[0] is not None]
            if len(nums) >= 2:
                perf.total_weight, perf.score = _num_field(nums[0]), _num_field(nums[1])
            elif nums:
                perf.score = _num_field(nums[-1])
            break
        # a row broken in two by the converter: the parts add up to the full width
        if len(r) < width and i + 1 < len(rows) and len(r) + len(rows[i + 1]) == width:
            r = r + rows[i + 1]
            i += 1
        i += 1
        if len(r) < len(cols):
            continue
        aligned = r[len(r) - len(cols):]
        values = {}
        for col, cell in zip(cols, aligned):
            if col:
                values[col] = cell
        name_cell = values.get("name")
        if name_cell is None or not _key(name_cell.text):
            continue
        if "level1" in values and _key(values["level1"].text):
            level1 = _field(values["level1"], value=_WEIGHT_SUFFIX.sub("", _key(values["level1"].text)))
        if "level2" in values and _key(values["level2"].text):
            level2 = _field(values["level2"], value=_WEIGHT_SUFFIX.sub("", _key(values["level2"].text)))
        ind = Indicator(name=_field(name_cell), level1=level1.model_copy() if level1 else None,
                        level2=level2.model_copy() if level2 else None)
        for col in ("target", "actual", "deviation"):
            if col in values and _key(values[col].text):
                setattr(ind, col, _field(values[col]))
        for col in ("weight", "score"):
            if col in values and _key(values[col].text):
                setattr(ind, col, _num_field(values[col]))
        perf.indicators.append(ind)
    return perf
