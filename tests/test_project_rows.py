"""A project table printing the unit before the 项目名称: rows are named by the project, in every
route, and the unit is kept under 单位名称."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract

TEXT = """表10
2026年市级部门项目支出预算表
341-某市财政局 单位：万元
单位名称 项目名称 总计 一般公共预算 政府性基金 国有资本经营 预算 财政专户管理 资金 单位资金
** ** 1 2 3 4 5 6
合计 322.00 322.00
某市财政局 全市会计人员考培 187.00 187.00
某市财政局 财政管理与改革 110.00 110.00
某市财政票据管理中心 财政票据综合管理 25.00 25.00
"""


def test_rows_named_by_project_with_the_unit_kept(tmp_path):
    p = tmp_path / "projects.txt"
    p.write_text(TEXT, encoding="utf-8")
    r = extract(p, ner=False)
    (t,) = [t for t in r.tables if t.title and "项目支出预算表" in t.title]
    assert "单位名称" in t.columns and "项目名称" not in t.columns
    names = [row.name.value for row in t.rows]
    assert names == ["合计", "全市会计人员考培", "财政管理与改革", "财政票据综合管理"]
    row = t.rows[3]
    assert row.values["单位名称"].value == "某市财政票据管理中心"
    amounts = [v.value for v in row.values.values() if isinstance(v.value, Decimal)]
    assert Decimal("25.00") in amounts
    assert t.rows[0].values["单位名称"].value is None
