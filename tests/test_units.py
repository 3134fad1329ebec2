"""Tables in 元 while the text is in 万元: units recorded per table, checks convert."""
from __future__ import annotations

from decimal import Decimal

from conftest import flat as _flat
from extractor import extract


REPORT = "\n".join([
    "2023年度测试局部门决算",
    "一般公共预算财政拨款支出决算表",
    "\t公开05表",
    "部门：测试局\t\t单位：元",
    _flat([
        ["项目", "本年支出"],
        ["功能分类科目编码", "科目名称", "小计", "基本支出", "项目支出"],
        ["栏次", "1", "2", "3"],
        ["合计", "1,234,500.00", "1,000,000.00", "234,500.00"],
        ["201", "一般公共服务支出", "1,234,500.00", "1,000,000.00", "234,500.00"],
        ["20103", "政府办公厅（室）及相关机构事务", "1,234,500.00", "1,000,000.00", "234,500.00"],
        ["2010301", "行政运行", "1,234,500.00", "1,000,000.00", "234,500.00"],
    ]),
    "注：本表反映…",
    "三、支出决算情况说明",
    "本年支出合计123.45万元，其中：基本支出100.00万元，占81.00%；项目支出23.45万元，占20.00%。",
    "（三）一般公共预算财政拨款支出决算具体情况",
    "1、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。",
    "年初预算为100.00万元，支出决算为123.45万元，完成年初预算的123.45%，决算数大于年初预算数的主要原因是：增加了工作任务。",
])


def test_units_per_table_and_converted_checks(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(REPORT, encoding="utf-8")
    report = extract(p)
    (table,) = report.tables
    assert table.unit == "元" and report.unit == "万元" and report.report.unit.value == "万元"
    row = table.rows[-1]
    assert row.values["本年支出/小计"].value == Decimal("1234500.00")
    assert "thousands separator" in row.values["本年支出/小计"].notes
    match = [c for c in report.checks if c.rule == "narrative.explanation_matches_table"]
    assert len(match) == 1 and match[0].passed and "table in 元, text in 万元" in match[0].message
    shares = [c for c in report.checks if c.rule == "narrative.share_matches_amounts"]
    assert len(shares) == 2
    # 100 / 123.45 = 81.00 %; the text's 20.00 % for 23.45 is wrong (18.9955… %)
    assert [c.passed for c in shares] == [True, False]
    assert shares[1].expected == Decimal("19.00")
    assert any(item.path == "shares[1].percent" for item in report.review)
