"""The `sides-runs` reader: a 公开01表 / 收支总表 as pdfminer.six prints it — each side's labels as a
run of boxes, the 行次 as runs of their own, an income amount printed on one line before the
expenditure label of its row, the bare amounts after (income cells of rows without an expenditure
label first, then the expenditure column top-down). Amounts checked by hand:
final: income 300 + 20 = 320 = 本年收入合计, + 10 年初 = 330 = 总计; expenditure 200 + 30 + 100 = 330 =
本年支出合计 = 总计 (its run placed by the 03表's 类 totals: 200, 30, 100).
budget: income 500 + 0 + 0 + 0 + 20 = 520 = 本年收入合计 = 收入总计 (上年结转 0); expenditure 400 + 120
= 520 = 本年支出合计, 年终结转结余 0, 支出总计 520."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.evidence import policy

FINAL_01 = """收入支出决算总表

部门：某某局

收入

支出

项目

栏    次

行次

决算数

1

项目

栏    次

行次

一、一般公共预算财政拨款收入

二、政府性基金预算财政拨款收入

三、其他收入

本年收入合计

年初结转和结余

总计

1
2
3
4
5
6
7
300.00 一、一般公共服务支出

二、外交支出

20.00 三、教育支出

四、社会保障和就业支出

320.00 本年支出合计

10.00 年末结转和结余

330.00 总计

8
9
10
11
12
13
14

公开01表

单位：万元

决算数

2

200.00
30.00
100.00
330.00
330.00

注：本表反映本部门本年度收入、支出总体情况及年末结转结余情况。
"""

TABLE_03 = """支出决算表
公开03表
单位：万元
科目编码 科目名称 本年支出合计 基本支出 项目支出
合计 330.00 300.00 30.00
201 一般公共服务支出 200.00 180.00 20.00
205 教育支出 30.00 30.00 0.00
208 社会保障和就业支出 100.00 90.00 10.00
注：本表反映本部门本年度各项支出情况。
"""

BUDGET_01 = """收支预算总表

单位：万元

收    入

支    出

项    目

预算数

项    目

预算数

一、一般公共预算拨款收入

500.00 一、一般公共服务支出

二、政府性基金预算拨款收入

0 二、教育支出

三、国有资本经营预算拨款收入

四、事业收入

五、其他收入

本年收入合计

上年结转

收入总计

注：本表反映本部门本年度收入和支出预算总体情况。

{bare}
520.00 本年支出合计

0 年终结转结余

520.00 支出总计

400.00
120.00
520.00
0
520.00
"""


def _extract(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    return extract(p)


def _table(report):
    (t,) = [t for t in report.tables if t.method == "sides-runs"]
    return t


def _values(t) -> dict:
    out: dict = {}
    for r in t.rows:
        for f in r.values.values():
            if f is not None and f.value is not None:
                out.setdefault(r.name.value, []).append(f)
    return out


def test_income_glued_to_expenditure_labels_and_the_run_placed_by_another_table(tmp_path):
    t = _table(_extract(tmp_path, "报告\n\n" + FINAL_01 + "\n" + TABLE_03))
    got = {name: [f.value for f in fs] for name, fs in _values(t).items()}
    assert got["一般公共预算财政拨款收入"] == [Decimal("300.00")]
    assert got["其他收入"] == [Decimal("20.00")]
    assert got["本年收入合计"] == [Decimal("320.00")]
    assert got["年初结转和结余"] == [Decimal("10.00")]
    assert got["一般公共服务支出"] == [Decimal("200.00")]
    assert got["教育支出"] == [Decimal("30.00")]
    assert got["社会保障和就业支出"] == [Decimal("100.00")]
    assert got["本年支出合计"] == [Decimal("330.00")]
    assert got["总计"] == [Decimal("330.00"), Decimal("330.00")]
    for name in ("政府性基金预算财政拨款收入", "外交支出", "年末结转和结余"):
        assert name not in got
    assert all(f.confidence >= policy.REVIEW_THRESHOLD for fs in _values(t).values() for f in fs)


def test_without_the_other_table_the_expenditure_run_is_not_placed(tmp_path):
    t = _table(_extract(tmp_path, "报告\n\n" + FINAL_01))
    got = _values(t)
    assert "一般公共服务支出" not in got and "本年支出合计" not in got
    assert [f.value for f in got["本年收入合计"]] == [Decimal("320.00")]
    assert any("not placed" in n for n in t.notes)


def test_budget_bare_income_amounts_and_a_full_expenditure_column(tmp_path):
    # rows 三 … 五 print 0, 0 and 20.00 with no expenditure label beside them
    t = _table(_extract(tmp_path, "报告\n\n" + BUDGET_01.format(bare="0\n0\n20.00")))
    got = {name: [f.value for f in fs] for name, fs in _values(t).items()}
    assert got["一般公共预算拨款收入"] == [Decimal("500.00")]
    assert got["政府性基金预算拨款收入"] == [Decimal("0")]
    assert got["事业收入"] == [Decimal("0")]
    assert got["其他收入"] == [Decimal("20.00")]
    assert got["本年收入合计"] == [Decimal("520.00")]
    assert got["一般公共服务支出"] == [Decimal("400.00")]
    assert got["教育支出"] == [Decimal("120.00")]
    assert got["本年支出合计"] == [Decimal("520.00")]
    assert got["年终结转结余"] == [Decimal("0")]
    assert got["支出总计"] == [Decimal("520.00")]
    assert got["国有资本经营预算拨款收入"] == [Decimal("0")]


def test_a_bare_income_amount_the_sums_do_not_place_is_left_out(tmp_path):
    # one bare 20.00 for the rows 三 … 五 (blank cells absent): the sums hold on any of them
    # (年终结转结余 left blank: a 0 there could be a bare income amount as well, and the table declined)
    text = BUDGET_01.format(bare="20.00").replace("520.00\n0\n520.00", "520.00\n520.00")
    t = _table(_extract(tmp_path, "报告\n\n" + text))
    got = _values(t)
    assert "事业收入" not in got and "其他收入" not in got and "国有资本经营预算拨款收入" not in got
    assert any("left out: 20.00" in n for n in t.notes)
    assert [f.value for f in got["一般公共服务支出"]] == [Decimal("400.00")]
