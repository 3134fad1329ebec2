"""Rows of `code-name` cells (Beijing-style 部门预算 tables: `2010101-行政运行 50101-工资奖金津补贴
30101-基本工资 120.50 120.50`, each classification's subject one cell), as pypdf prints them: one row
a line, blank cells absent, a cell's name wrapped onto the next line. The row is keyed by its first
cell's code, the further cells are text columns named by the header's 科目 labels. Expected values
below were checked by hand against the texts."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractor import extract

TOTAL_03 = """预算03表 支出总表
金额单位：万元
其中
支出功能分类科目 政府支出经济分类科目 部门支出经济分类科目 合计 基本支出 项目支出 事业单位经营
支出 上缴上级支出 对附属单位补 助支出
2010101-行政运行 50101-工资奖金津补贴 30101-基本工资 120.500000 120.500000
2010101-行政运行 50201-办公经费 30201-办公费 30.000000 10.000000 20.000000
2010102-一般行政管理事务 50205-委托业务费 30227-委托业务费 45.250000 45.250000
2010102-一般行政管理事务 50999-其他对个人和家庭的补
助
30399-其他对个人和家庭的补
助
8.000000 8.000000
2080505-机关事业单位基本养老保险缴费
支出 50102-社会保障缴费 30108-机关事业单位基本养老保险缴费 16.000000 16.000000
合    计 219.750000 154.500000 65.250000
"""

BASIC_06 = """预算06表 一般公共预算基本支出表
金额单位：万元
政府支出经济分类科目 部门支出经济分类科目
预算数
合计 人员经费 公用经费
50101-工资奖金津补贴 30101-基本工资 120.500000 120.500000
50201-办公经费 30201-办公费 10.000000 10.000000
50999-其他对个人和家庭的补助 30399-其他对个人和家庭的补助 8.000000 8.000000
合    计 138.500000 128.500000 10.000000
"""


def _table(tmp_path, text: str, method: str = "spaced"):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    tables = [t for t in extract(p, ner=False).tables if t.method == method]
    assert len(tables) == 1, [t.title for t in tables]
    return tables[0]


def _amounts(row) -> dict:
    return {k: f.value for k, f in row.values.items() if isinstance(f.value, Decimal)}


def test_three_code_name_cells_key_the_row_by_the_first(tmp_path):
    t = _table(tmp_path, TOTAL_03)
    assert t.columns[:5] == ["政府支出经济分类科目", "部门支出经济分类科目", "合计", "基本支出", "项目支出"]
    rows = [r for r in t.rows if r.code is not None and r.code.value]
    assert [(r.code.value, r.name.value) for r in rows] == [
        ("2010101", "行政运行"), ("2010101", "行政运行"), ("2010102", "一般行政管理事务"),
        ("2010102", "一般行政管理事务"), ("2080505", "机关事业单位基本养老保险缴费支出")]
    assert [(r.values["政府支出经济分类科目"].value, r.values["部门支出经济分类科目"].value) for r in rows] == [
        ("50101-工资奖金津补贴", "30101-基本工资"), ("50201-办公经费", "30201-办公费"),
        ("50205-委托业务费", "30227-委托业务费"), ("50999-其他对个人和家庭的补助", "30399-其他对个人和家庭的补助"),
        ("50102-社会保障缴费", "30108-机关事业单位基本养老保险缴费")]
    # every row's amounts, the first under 合计 (the rest of the row adds up to it)
    assert [sorted(_amounts(r).values()) for r in rows] == [
        [Decimal("120.500000")] * 2, [Decimal("10.000000"), Decimal("20.000000"), Decimal("30.000000")],
        [Decimal("45.250000")] * 2, [Decimal("8.000000")] * 2, [Decimal("16.000000")] * 2]
    assert [r.values["合计"].value for r in rows] == [Decimal("120.500000"), Decimal("30.000000"),
                                                     Decimal("45.250000"), Decimal("8.000000"), Decimal("16.000000")]
    # which of the five columns after 合计 holds a row's other amounts is not printed: to review
    for r in rows:
        for col, f in r.values.items():
            if isinstance(f.value, Decimal) and col != "合计":
                assert f.confidence < 0.9 and any(x.kind == "layout.column_guess" for x in f.repairs), (col, f)
    total = next(r for r in t.rows if r.name.value.replace(" ", "") == "合计")
    assert sorted(_amounts(total).values()) == [Decimal("65.250000"), Decimal("154.500000"), Decimal("219.750000")]
    # no row is keyed by a later cell's code (the wrapped cells are one row's)
    assert not any(r.code is not None and r.code.value in ("30399", "50999", "50102") for r in t.rows)


def _assert_rows_06(rows) -> None:
    """The three subject rows of the 06表 fixtures, keyed by the government subject, with the
    department subject as text and 合计 = 人员经费 (or 公用经费) each (checked by hand)."""
    assert [(r.code.value, r.name.value, r.values["部门支出经济分类科目"].value) for r in rows] == [
        ("50101", "工资奖金津补贴", "30101-基本工资"), ("50201", "办公经费", "30201-办公费"),
        ("50999", "其他对个人和家庭的补助", "30399-其他对个人和家庭的补助")]
    assert [sorted(_amounts(r).values()) for r in rows] == [
        [Decimal("120.500000")] * 2, [Decimal("10.000000")] * 2, [Decimal("8.000000")] * 2]


def test_two_code_name_cells_key_the_row_by_the_government_subject(tmp_path):
    t = _table(tmp_path, BASIC_06)
    assert t.columns[0] == "部门支出经济分类科目"
    rows = [r for r in t.rows if r.code is not None and r.code.value]
    _assert_rows_06(rows)
    total = next(r for r in t.rows if r.name.value.replace(" ", "") == "合计")
    assert sorted(_amounts(total).values()) == [Decimal("10.000000"), Decimal("128.500000"), Decimal("138.500000")]


@pytest.mark.parametrize("labels", [True, False])
def test_a_row_missing_a_subject_cell_is_not_read(tmp_path, labels):
    # the row prints two cells where the header names three subjects (or, with no 科目 labels, where
    # the first row prints three): which subject opens it is not certain (its first line may be
    # lost), so it is not read — never keyed by its economic code
    text = TOTAL_03 if labels else TOTAL_03.replace(
        "支出功能分类科目 政府支出经济分类科目 部门支出经济分类科目", "功能分类 政府经济分类 部门经济分类")
    text = text.replace("2010102-一般行政管理事务 50205-委托业务费 30227-委托业务费 45.250000 45.250000\n",
                            "50205-委托业务费 30227-委托业务费 45.250000 45.250000\n")
    t = _table(tmp_path, text)
    codes = [r.code.value for r in t.rows if r.code is not None and r.code.value]
    assert codes == ["2010101", "2010101", "2010102", "2080505"]
    assert not any(Decimal("45.250000") in _amounts(r).values() for r in t.rows)


ONE_A_LINE_06 = """预算06表 一般公共预算基本支出表
金额单位：万元
政府支出经济分类科目
部门支出经济分类科目
预算数
合计
人员经费
公用经费
50101-工资奖金津补贴
30101-基本工资
120.500000
120.500000
50201-办公经费
30201-办公费
10.000000
10.000000
50999-其他对个人和家庭的补助
30399-其他对个人和家庭的补助
8.000000
8.000000
合    计
138.500000
128.500000
10.000000
"""


def test_code_name_rows_one_cell_a_line(tmp_path):
    # PyMuPDF prints the same table one cell a line: each row's cells, then its amounts one a line;
    # the 合计 label alone, then its amounts. These are segments of code lines and their amounts
    # (segment-runs): 合计 = 人员经费 + 公用经费 proves each row's 合计 and the 合计 row; which leaf holds
    # a row's other amount no identity tells, so it goes to review, put where the 部门 class's
    # group points (301 / 303 人员经费, 302 公用经费)
    t = _table(tmp_path, ONE_A_LINE_06, method="segment-runs")
    rows = [r for r in t.rows if r.code is not None and r.code.value]
    _assert_rows_06(rows)
    total = next(r for r in t.rows if r.name.value == "合计")
    assert {k: f.value for k, f in total.values.items() if isinstance(f.value, Decimal)} == {
        "预算数/合计": Decimal("138.500000"), "预算数/人员经费": Decimal("128.500000"),
        "预算数/公用经费": Decimal("10.000000")}
    assert all(f.confidence >= 0.9 for r in t.rows for k, f in r.values.items() if k == "预算数/合计")
    leaves = {r.code.value: {k: f for k, f in r.values.items() if k != "预算数/合计" and isinstance(f.value, Decimal)}
              for r in rows}
    assert {c: list(v) for c, v in leaves.items()} == {
        "50101": ["预算数/人员经费"], "50201": ["预算数/公用经费"], "50999": ["预算数/人员经费"]}
    assert all(f.confidence < 0.9 for v in leaves.values() for f in v.values())
