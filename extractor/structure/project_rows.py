"""Rows of a project table are named by their project, whichever reader read the table.

What it does: a 项目支出 table that prints a unit (单位名称 / 预算单位) before the 项目名称 is read by
the text readers with the unit as the row's name and the project under a `项目名称` value column.
Here such rows take the project as their name, and the unit moves to a `单位名称` value column in
the project column's place — the same rows the PDF route gives, where the ruled header says which
column names the row (ruled_header.py). Rows with no project (合计) keep their name.
What it does not: read projects' figures (recognize/projects.py), touch a table whose rows are
already named by project, or a 绩效 form (label | value pairs).
"""
from __future__ import annotations

from ..datamodel import Field, Table

_PROJECT = "项目名称"
_UNIT = "单位名称"


def _text(f) -> str:
    return f.value.strip() if f is not None and isinstance(f.value, str) else ""


def name_rows_by_project(table: Table) -> None:
    if table.template == "performance":  # a form: label | value pairs, not rows
        return
    col = next((c for c in table.columns if c.split("/")[-1] == _PROJECT), None)
    if col is None or _UNIT in table.columns:
        return
    named = [r for r in table.rows if _text(r.values.get(col))]
    if not named or any(not _text(r.name) or not (r.name.raw or "").strip() for r in named):
        return
    for r in table.rows:
        unit = r.name if _text(r.values.get(col)) else Field(value=None, raw="", confidence=r.name.confidence,
                                                              source=r.name.source)
        values = {}
        for k, v in r.values.items():
            values[_UNIT if k == col else k] = unit if k == col else v
        if _text(r.values.get(col)):
            r.name = r.values[col]
        r.values = values
    table.columns = [_UNIT if c == col else c for c in table.columns]
    table.notes.append("rows named by their 项目名称; the name printed before it is under 单位名称")
