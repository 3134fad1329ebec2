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


def _boxes(text: str) -> str:
    """Each line its own box, as pdfminer.six prints them: a blank line after each."""
    return "\n\n".join(ln for ln in text.splitlines() if ln.strip()) + "\n"


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


BUDGET_04 = """财政拨款收支总表
收入
支出
项    目
预算数
项    目
合计 一般公共预算 政府性基金预算
单位：万元
国有资本经营预
算
一、一般公共预算拨款
500.00 一、一般公共服务支出
300.00
二、政府性基金预算拨款
0 二、教育支出
100.00
300.00
100.00
三、国有资本经营预算拨款
0 三、住房保障支出
100.00
100.00
收入总计
500.00 支出总计
500.00
500.00
注：本表反映本部门本年度财政拨款收支预算总体情况。
0
0
0
0
0
0
0
0
"""


def test_fund_columns_placed_by_the_row_and_column_sums(tmp_path):
    # 合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算: 300 + 100 + 100 = 500 in 合计 and 一般公共预算, the
    # other two funds 0 on every row (their income is 0)
    t = _table(_extract(tmp_path, "报告\n\n" + _boxes(BUDGET_04)))
    assert t.columns[-4:] == ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]
    rows = {r.name.value: {k: f.value for k, f in r.values.items() if f.value is not None} for r in t.rows}
    assert rows["一般公共服务支出"] == {"合计": Decimal("300.00"), "一般公共预算": Decimal("300.00"),
                                 "政府性基金预算": Decimal("0"), "国有资本经营预算": Decimal("0")}
    assert rows["教育支出"]["一般公共预算"] == Decimal("100.00")
    assert rows["支出总计"]["合计"] == Decimal("500.00")
    assert rows["一般公共预算拨款"] == {"预算数": Decimal("500.00")}


FINAL_04 = """财政拨款收入支出决算总表
公开04表
收入
支出
项目
栏    次
行次
金额
1
项目
栏    次
行次
合计
2
一般公共预算
财政拨款
政府性基金预
算财政拨款
国有资本经营
预算财政拨款
3
4
5
一、一般公共预算财政拨款
1
330.00 一、一般公共服务支出
二、政府性基金预算财政拨
款
三、国有资本经营预算财政
拨款
2
3
4
二、教育支出
三、科学技术支出
200.00
200.00
10
11
30.00
30.00
12
13
四、社会保障和就业支出
100.00
100.00
本年收入合计
5
330.00 本年支出合计
14
330.00
330.00
年初财政拨款结转和结余
一般公共预算财政拨款
政府性基金预算财政拨款
6
7
8
0 年末财政拨款结转和结余
0
15
16
17
总计
9
330.00 总计
18
330.00
330.00
注：本表反映本部门本年度财政拨款的收支及年末结转结余情况。
"""


def test_final_04_with_fund_sub_items_and_one_fund_spent(tmp_path):
    # 行次 1 … 18 printed singly and in runs; the 年初 row's funds below it (rows 7, 8); 合计 and
    # 一般公共预算 print the same amounts (the one fund spent), blank cells absent: the 合计 column is
    # placed by the 03表's 类 totals (200, 30, 100), the fund column left blank; the bare 0 fits rows 7
    # and 8 alike and is left out
    t = _table(_extract(tmp_path, "报告\n\n" + _boxes(FINAL_04) + "\n" + TABLE_03))
    rows = {(r.name.value, k): f.value for r in t.rows for k, f in r.values.items() if f.value is not None}
    assert rows[("一般公共预算财政拨款", "金额")] == Decimal("330.00")
    assert rows[("年初财政拨款结转和结余", "金额")] == Decimal("0")
    assert rows[("一般公共服务支出", "合计")] == Decimal("200.00")
    assert rows[("教育支出", "合计")] == Decimal("30.00")
    assert rows[("社会保障和就业支出", "合计")] == Decimal("100.00")
    assert rows[("本年支出合计", "合计")] == Decimal("330.00")
    assert ("科学技术支出", "合计") not in rows
    assert not any(k == "一般公共预算财政拨款" for _, k in rows)  # the fund column: not placed
    assert ("政府性基金预算财政拨款", "金额") not in rows
    assert any("left out: 0" in n for n in t.notes)
