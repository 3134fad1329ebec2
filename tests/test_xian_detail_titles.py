"""Budget titles of 西安's 部门综合预算 that say 明细表: `一般公共预算支出明细表（按支出功能分类科目）` names
the 一般公共预算支出表 and `…（按支出经济分类科目）` its economic-classification table, so the readers
of subject tables read them. The excerpt is city020_044's 表6 as pdftotext (no -layout) prints it,
blank lines dropped, cut after 邮电费; the amounts were checked by hand against the PDF route's
reading of the same report (合计 of 基本工资 3,868,678.80; 办公费 411,000.00 = 120,000.00 公用经费 +
291,000.00 专项业务经费). The header's 公用经费支出 / 专项业务经费支出 are printed after the first rows,
so which column a row's later amounts fall in is not proven: they stay under review."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.structure.templates import identify

XIAN_ECONOMIC = """表6
部门综合预算一般公共预算支出明细表（按支出经济分类科目）
单位：元
部门经济科目编码
部门经济科目名称
政府经济科目编码
政府经济科目名称
合计
301
工资福利支出
合计
人员经费支出
28,384,234.71
18,119,247.51
17,103,265.51
17,103,265.51
30101
基本工资
50101
工资奖金津补贴
3,868,678.80
3,868,678.80
30102
津贴补贴
50101
工资奖金津补贴
3,719,022.18
3,719,022.18
30103
奖金
50101
工资奖金津补贴
2,911,764.00
2,911,764.00
30107
绩效工资
50199
其他工资福利支出
592,000.32
592,000.32
30108
机关事业单位基本养老保险缴费
50102
社会保障缴费
1,381,588.06
1,381,588.06
30109
职业年金缴费
50102
社会保障缴费
750,794.03
750,794.03
30110
职工基本医疗保险缴费
50102
社会保障缴费
465,032.80
465,032.80
30111
公务员医疗补助缴费
50102
社会保障缴费
485,258.93
485,258.93
30112
其他社会保障缴费
50102
社会保障缴费
17,356.34
17,356.34
30113
住房公积金
50103
住房公积金
1,208,672.05
1,208,672.05
30199
其他工资福利支出
50199
其他工资福利支出
1,703,098.00
1,703,098.00
9,919,499.20
600,012.00
302
商品和服务支出
公用经费支出
专项业务经费支出
1,208,867.20
9,056,120.00
1,153,367.20
8,166,120.00
30201
办公费
50201
办公经费
411,000.00
120,000.00
291,000.00
30202
印刷费
50201
办公经费
20,000.00
20,000.00
30205
水费
50201
办公经费
76,000.00
10,000.00
66,000.00
30206
电费
50201
办公经费
480,000.00
80,000.00
400,000.00
30207
邮电费
50201
办公经费
115,000.00
12,000.00
103,000.00
备注
"""


def test_the_detail_titles_name_the_general_budget_tables():
    functional = identify("部门综合预算一般公共预算支出明细表（按支出功能分类科目）", "")
    economic = identify("部门综合预算一般公共预算支出明细表（按支出经济分类科目）", "")
    basic = identify("部门综合预算一般公共预算基本支出明细表（按支出经济分类科目）", "")
    assert functional is not None and functional.id == "budget.general"
    assert economic is not None and economic.id == "budget.general_economic"
    assert basic is not None and basic.id == "budget.basic"  # unchanged: the 基本支出 table


def test_the_economic_detail_table_is_read_its_placements_under_review(tmp_path):
    p = tmp_path / "xian.txt"
    p.write_text(XIAN_ECONOMIC, encoding="utf-8")
    report = extract(p)
    (table,) = [t for t in report.tables if "支出明细表" in (t.title or "")]
    assert table.title == "部门综合预算一般公共预算支出明细表（按支出经济分类科目）"
    rows = {r.code.value: r for r in table.rows if r.code is not None}
    assert [r.name.value for r in table.rows][:3] == ["基本工资", "津贴补贴", "奖金"]
    wage = [v for v in rows["30101"].values.values() if v is not None and isinstance(v.value, Decimal)]
    assert [v.value for v in wage] == [Decimal("3868678.80"), Decimal("3868678.80")]  # 合计, 人员经费支出
    office = [v for v in rows["30201"].values.values() if v is not None and isinstance(v.value, Decimal)]
    assert [v.value for v in office] == [Decimal("411000.00"), Decimal("120000.00"), Decimal("291000.00")]
    amounts = [v for r in table.rows for v in r.values.values() if v is not None and isinstance(v.value, Decimal)]
    assert amounts and all(v.confidence < 0.9 for v in amounts)  # columns not proven by sums or positions
