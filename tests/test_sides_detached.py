"""The `sides-detached` reader and the document-level pass that places its amounts
(structure/detached_runs.py): a 公开01表 as pdftotext without -layout prints it — each row's income
label and 行次, the income amount on one line with the expenditure label, the expenditure 行次, an
expenditure amount right after its 行次 only at times, the others as a bare run after the table's
note with the 行次 of the totals — placed by the 类 totals of the report's 支出决算表. Amounts checked
by hand: income 300 + 20 = 320 = 本年收入合计, 320 + 10 = 330 = 总计; expenditure 200 + 30 + 100 = 330
= 本年支出合计 = 总计; the 03表's 合计 330 = 200 + 30 + 100 (基本 180 + 30 + 90 = 300, 项目 20 + 0 + 10)."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.evidence import policy

SIDES_01 = """收入支出决算总表
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


def _extract(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    return extract(p)


def _table(report):
    (t,) = [t for t in report.tables if t.method == "sides-detached"]
    return t


def _values(t) -> dict:
    out = {}
    for r in t.rows:
        for f in r.values.values():
            if f is not None and f.value is not None:
                out.setdefault(r.name.value, []).append(f)
    return out


def test_amounts_printed_apart_are_placed_by_the_class_totals_of_another_table(tmp_path):
    t = _table(_extract(tmp_path, "报告\n\n" + SIDES_01 + "\n" + TABLE_03))
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
    assert "结余分配" not in got and "年末结转和结余" not in got
    fields = _values(t)
    placed = fields["一般公共服务支出"][0]
    assert placed.confidence >= policy.REVIEW_THRESHOLD
    assert [(r.kind, r.status, r.by) for r in placed.repairs] == [
        ("layout.placed_by_table", "confirmed", "支出决算表")]


def test_without_a_table_that_confirms_them_the_amounts_are_not_placed(tmp_path):
    t = _table(_extract(tmp_path, "报告\n\n" + SIDES_01))
    got = _values(t)
    for name in ("一般公共服务支出", "社会保障和就业支出", "本年支出合计"):
        assert name not in got
    assert [f.value for f in got["总计"]] == [Decimal("330.00")]  # the income side's, read in the table
    (educ,) = got["教育支出"]  # printed right after its 行次: in, but to review
    assert educ.value == Decimal("30.00") and educ.confidence < policy.REVIEW_THRESHOLD
    assert any("not placed" in n and "200.00 100.00 330.00 330.00" in n for n in t.notes)


def test_a_run_that_fits_two_placements_is_not_placed(tmp_path):
    # 年末结转和结余 20.00 printed in the run: 结余分配 or 年末结转和结余 — the sums hold either way
    text = SIDES_01.replace("10.00 年末结转和结余", "30.00 年末结转和结余").replace(
        "330.00 总计", "350.00 总计").replace("330.00\n330.00\n", "330.00\n20.00\n350.00\n")
    t = _table(_extract(tmp_path, "报告\n\n" + text + "\n" + TABLE_03))
    got = _values(t)
    assert "一般公共服务支出" not in got and "年末结转和结余" not in got and "结余分配" not in got
    assert any("not placed" in n for n in t.notes)
