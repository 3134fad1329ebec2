"""The `numbered-units` reader: a 部门综合预算 收入总表 / 支出总表 by unit, one row per line (pypdf),
its header's words broken over lines, rows `N [code] name amounts`. Expected values below were
checked by hand against the texts (合计 = 小计 + the other sources; 其中 not added)."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.evidence import policy

NUMBERED = """表2
2024年部门综合预算收入总表
预算单位：某某局 金额单位：元
序
号
单位编码 单位名称
部门预算
合计
一般公共预算拨款
政府
性基
金拨
款
事业收入
事业
单位
经营
收入
上年
结转
其他收入
小计
其中：专项资金
列入部门预算
项目
1   合计 1500.00  1200.00  300.00  0.00  200.00  0.00  100.00  0.00
2 101 某某局 1500.00  1200.00  300.00  0.00  200.00  0.00  100.00  0.00
3   101001 某某局机关 1000.00  1000.00  300.00  0.00  0.00  0.00  0.00  0.00
4   101002 某某服务中心 500.00  200.00  0.00  0.00  200.00  0.00  100.00  0.00
表3
"""

UNNUMBERED = """2024年部门综合预算支出总表
单位：元
单位编码 单位名称 总计
部门预算
合计
公共预算拨款
政府性基金拨款 事业收入
小计
其中：专项资金
列入部门预算的项目
合计 900.00 900.00 700.00 100.00 50.00 150.00
205 某某局 900.00 900.00 700.00 100.00 50.00 150.00
　　205001
　　某某局
机关服务中心
900.00 900.00 700.00 100.00 50.00 150.00
"""


def _tables(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    report = extract(p, ner=False)
    return report, [t for t in report.tables if t.method == "numbered-units"]


def _vals(row):
    return {k: f.value for k, f in row.values.items()}


def test_numbered_rows_under_a_broken_header_are_read(tmp_path):
    report, tables = _tables(tmp_path, NUMBERED)
    assert len(tables) == 1
    t = tables[0]
    assert t.columns == ["合计", "一般公共预算拨款/小计", "一般公共预算拨款/其中：专项资金列入部门预算项目",
                         "政府性基金拨款", "事业收入", "事业单位经营收入", "上年结转", "其他收入"]
    assert [r.name.value for r in t.rows] == ["合计", "某某局", "某某局机关", "某某服务中心"]
    last = t.rows[3]
    assert _vals(last) == dict(zip(t.columns, map(Decimal, (
        "500.00", "200.00", "0.00", "0.00", "200.00", "0.00", "100.00", "0.00"))))
    assert all(f.confidence >= policy.REVIEW_THRESHOLD for r in t.rows for f in r.values.values())
    assert not any("found but not read" in p.message for p in report.problems)


def test_a_row_that_does_not_add_up_goes_to_review(tmp_path):
    # row 4: 200 + 100 + 100 = 400, not its 合计 500: its columns are not certain
    text = NUMBERED.replace("4   101002 某某服务中心 500.00  200.00  0.00  0.00  200.00",
                            "4   101002 某某服务中心 500.00  200.00  0.00  0.00  100.00")
    _, (t,) = _tables(tmp_path, text)
    doubtful = t.rows[3].values["事业收入"]
    assert doubtful.value == Decimal("100.00") and doubtful.confidence < policy.REVIEW_THRESHOLD
    assert any("column uncertain" in n for n in doubtful.notes)
    assert t.rows[2].values["事业收入"].confidence >= policy.REVIEW_THRESHOLD


def test_unnumbered_rows_a_second_total_and_a_name_broken_over_lines(tmp_path):
    _, (t,) = _tables(tmp_path, UNNUMBERED)
    assert t.columns == ["总计", "合计", "公共预算拨款/小计", "公共预算拨款/其中：专项资金列入部门预算的项目",
                         "政府性基金拨款", "事业收入"]
    assert [r.name.value for r in t.rows] == ["合计", "某某局", "某某局机关服务中心"]
    assert _vals(t.rows[2]) == dict(zip(t.columns, map(Decimal, (
        "900.00", "900.00", "700.00", "100.00", "50.00", "150.00"))))


def test_a_garbled_header_is_not_read(tmp_path):
    # a label printed twice (a converter printing a page's header layers over each other): declined
    text = NUMBERED.replace("事业收入\n事业\n", "事业收入\n事业收入\n事业\n")
    _, tables = _tables(tmp_path, text)
    assert tables == []
