"""`sides-detached` on a 公开04表 (财政拨款收入支出决算总表) as pdftotext without -layout prints it, and on a
page's header printed again in another order: the expenditure side's columns (合计 and the three
funds) are named only after the rows (`合计` `一般公共预算` `财政拨款` … `2` `3` `4` `5`), each
expenditure row's amounts come as a pair (合计, 一般公共预算财政拨款) apart from the row, rows whose
expenditure label is blank print their 行次 alone, an income amount stands alone after its 行次 where
the row's expenditure label is blank, and the table goes on over a page whose header is printed again.
The pairs are placed by the 类 totals of the report's 一般公共预算财政拨款支出决算表 (公开05表).
Amounts checked by hand: income 300 + 0 + 0 = 300 = 本年收入合计, + 年初 10 (一般公共预算 10) = 310 =
总计; expenditure 201 200 + 208 100 = 300 = 本年支出合计, + 年末 10 = 310 = 总计; the 05表: 合计 300 =
200 + 100. No income of the other two funds: each pair's second amount is the 一般公共预算 column's."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.evidence import policy

_HEADER_AFTER = "合计\n一般公共预算\n财政拨款\n政府性基金预\n算财政拨款\n国有资本经营\n预算财政拨款\n2\n3\n4\n5\n"

TABLE_04 = ("""财政拨款收入支出决算总表
公开04表
部门：某某局
单位：万元

收入
项目
栏
支出
行次
次
金额
项目
1
栏
行次
次
一、一般公共预算财政拨款
1
300.00 一、一般公共服务支出
11
二、政府性基金预算财政拨
款
2
二、教育支出
12
三、国有资本经营预算财政
拨款
3
三、社会保障和就业支出
13
4
四、卫生健康支出
14
本年收入合计
5
300.00 本年支出合计
15
年初财政拨款结转和结余
6
10.00 年末财政拨款结转和结余
16
一般公共预算财政拨款
7
10.00
17
政府性基金预算财政拨款
8
18
""" + _HEADER_AFTER + """200.00
200.00
100.00
100.00
300.00
300.00

第1页

收入
项目
栏
支出
行次
次
金额
1
国有资本经营预算财政拨款
9
总计
10
项目
栏
行次
次
""" + _HEADER_AFTER + """19
310.00 总计
20
10.00
10.00
310.00
310.00
注：本表反映本部门本年度一般公共预算、政府性基金预算和国有资本经营预算财政拨款的收支及年末结转结余情况。

第2页
""")

TABLE_05 = """一般公共预算财政拨款支出决算表
公开05表
单位：万元
科目编码 科目名称 小计 基本支出 项目支出
合计 300.00 250.00 50.00
201 一般公共服务支出 200.00 150.00 50.00
208 社会保障和就业支出 100.00 100.00 0.00
注：本表反映本部门本年度一般公共预算财政拨款支出情况。
"""

GENERAL = "一般公共预算财政拨款"


def _extract(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    return extract(p)


def _table(report, template: str):
    return next(t for t in report.tables if t.template == template)


def _cells(t) -> dict:
    """(row name, column) -> field, the rows named twice (一般公共预算财政拨款, 总计) told apart by a count."""
    out = {}
    seen: dict[str, int] = {}
    for r in t.rows:
        name = r.name.value
        seen[name] = seen.get(name, 0) + 1
        key = name if seen[name] == 1 else f"{name}#{seen[name]}"
        for col, f in r.values.items():
            if f is not None and f.value is not None:
                out[(key, col)] = f
    return out


def test_fund_table_pairs_are_placed_in_total_and_general_columns(tmp_path):
    t = _table(_extract(tmp_path, "报告\n\n" + TABLE_04 + "\n" + TABLE_05), "final.04")
    assert t.method == "sides-detached"
    got = {k: f.value for k, f in _cells(t).items()}
    assert got == {
        (GENERAL, "金额"): Decimal("300.00"), ("本年收入合计", "金额"): Decimal("300.00"),
        ("年初财政拨款结转和结余", "金额"): Decimal("10.00"), (f"{GENERAL}#2", "金额"): Decimal("10.00"),
        ("总计", "金额"): Decimal("310.00"),
        ("一般公共服务支出", "合计"): Decimal("200.00"), ("一般公共服务支出", GENERAL): Decimal("200.00"),
        ("社会保障和就业支出", "合计"): Decimal("100.00"), ("社会保障和就业支出", GENERAL): Decimal("100.00"),
        ("本年支出合计", "合计"): Decimal("300.00"), ("本年支出合计", GENERAL): Decimal("300.00"),
        ("年末财政拨款结转和结余", "合计"): Decimal("10.00"), ("年末财政拨款结转和结余", GENERAL): Decimal("10.00"),
        ("总计#2", "合计"): Decimal("310.00"), ("总计#2", GENERAL): Decimal("310.00"),
    }
    placed = _cells(t)[("社会保障和就业支出", GENERAL)]
    assert placed.confidence >= policy.REVIEW_THRESHOLD
    assert [(r.kind, r.status, r.by) for r in placed.repairs] == [
        ("layout.placed_by_table", "confirmed", "一般公共预算财政拨款支出决算表")]


def test_expenditure_label_before_the_next_rows_income_number(tmp_path):
    # the 08 row's label, then row 4's income 行次, the pairs, and only then the 08 row's own 行次 13
    text = TABLE_04.replace("三、社会保障和就业支出\n13\n4\n",
                            "三、社会保障和就业支出\n4\n200.00\n200.00\n13\n100.00\n100.00\n")
    text = text.replace("5\n200.00\n200.00\n100.00\n100.00\n300.00", "5\n300.00")
    t = _table(_extract(tmp_path, "报告\n\n" + text + "\n" + TABLE_05), "final.04")
    got = {k: f.value for k, f in _cells(t).items()}
    assert got[("一般公共服务支出", GENERAL)] == Decimal("200.00")
    assert got[("社会保障和就业支出", "合计")] == Decimal("100.00")
    assert got[("本年支出合计", GENERAL)] == Decimal("300.00")
    assert ("教育支出", "合计") not in got


def test_without_the_fund_table_the_pairs_are_not_placed(tmp_path):
    t = _table(_extract(tmp_path, "报告\n\n" + TABLE_04), "final.04")
    got = _cells(t)
    assert ("一般公共服务支出", "合计") not in got and ("本年支出合计", GENERAL) not in got
    assert got[(GENERAL, "金额")].value == Decimal("300.00")  # the income side, read in the table
    assert any("not placed" in n and "200.00 200.00 100.00 100.00" in n for n in t.notes)


def test_two_funds_with_income_are_not_read(tmp_path):
    # 政府性基金 income 50: a row's amounts may stand in either fund column — no pair is certain
    text = TABLE_04.replace("款\n2\n二、教育支出", "款\n2\n50.00 二、教育支出")
    text = text.replace("300.00 本年支出合计", "350.00 本年支出合计").replace("310.00 总计", "360.00 总计")
    text = text.replace("100.00\n100.00\n300.00\n300.00\n", "150.00\n100.00\n50.00\n350.00\n300.00\n50.00\n")
    text = text.replace("310.00\n310.00\n", "360.00\n310.00\n50.00\n")
    report = _extract(tmp_path, "报告\n\n" + text + "\n" + TABLE_05)
    assert not [t for t in report.tables if t.template == "final.04" and t.method == "sides-detached"]


SIDES_01_ECHO = """收入支出决算总表
公开01表
部门：某某局

单位：万元

收入
支出
项目
行次
决算数
项目
行次
决算数
一、一般公共预算财政拨款收入
1
300.00 一、一般公共服务支出
8

第1页

收入
项
支出
目
行次
决算数
行次
决算数
二、政府性基金预算财政拨款收入
2
二、教育支出
9
30.00
三、其他收入
3
20.00 三、社会保障和就业支出
10
本年收入合计
4
320.00 本年支出合计
使用非财政拨款结余
5
结余分配
12
年初结转和结余
6
10.00 年末结转和结余
13
总计
7
330.00 总计
注：本表反映本部门本年度收入、支出总体情况及年末结转结余情况。

11
14
200.00
100.00
330.00
330.00

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


def test_a_pages_header_printed_again_in_another_order_is_skipped(tmp_path):
    # the second page's header prints 项目 broken (`项` `支出` `目`) and its words in another order
    t = _table(_extract(tmp_path, "报告\n\n" + SIDES_01_ECHO + "\n" + TABLE_03), "final.01")
    assert t.method == "sides-detached"
    got = {k[0]: f.value for k, f in _cells(t).items()}
    assert got["其他收入"] == Decimal("20.00")
    assert got["教育支出"] == Decimal("30.00")
    assert got["社会保障和就业支出"] == Decimal("100.00")
    assert got["本年支出合计"] == Decimal("330.00")
