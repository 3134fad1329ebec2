"""A 序号 column in converted text (Xi'an's budgets): the rows' numbers are blanked in `text` (kept in
`orig`), so each row reads as its code, name and amounts; the title's bracketed second line and an
empty 备注 column do not stop the table's title and header from being read."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.normalize.row_numbers import row_number_spans

TABLE = """某某局2021年部门综合预算
表7
2021年部门综合预算一般公共预算基本支出明细表
（按支出功能分类科目-不含上年结转）
预算单位：某某局 单位：元
序号 功能科目编码 功能科目名称 合计 人员经费支出 公用经费支出 备注
1 合计 300,000.00 250,000.00 50,000.00
2 205 教育支出 100,000.00 80,000.00 20,000.00
3 　　20508 　　进修及培训 100,000.00 80,000.00 20,000.00
4 　　　　 2050803 　　　　培训支出 100,000.00 80,000.00 20,000.00
5 208 社会保障和就业支出 200,000.00 170,000.00 30,000.00
6 　　20802 　　民政管理事务 200,000.00 170,000.00 30,000.00
7 　　　　 2080201 　　　　行政运行 200,000.00 170,000.00 30,000.00
"""


def test_row_numbers_1_2_3_under_a_xuhao_header_are_found():
    lines = TABLE.splitlines()
    spans = row_number_spans(lines)
    assert sorted(spans) == list(range(5, 13))  # the header and its seven rows
    assert lines[5][slice(*spans[5])] == "序号"
    assert [lines[k][slice(*spans[k])] for k in range(6, 13)] == ["1", "2", "3", "4", "5", "6", "7"]


def test_numbers_that_do_not_count_rows_are_left():
    # no 序号 header, or numbers that do not run 1, 2, 3 from the first row
    assert row_number_spans(["项目 金额", "1 合计 30.00", "2 教育 30.00"]) == {}
    assert row_number_spans(["序号 项目 金额", "2 合计 30.00", "5 教育 30.00"]) == {}


def test_rows_of_a_numbered_table_are_keyed_by_their_codes(tmp_path):
    f = tmp_path / "numbered.txt"
    f.write_text(TABLE, encoding="utf-8")
    r = extract(f, ner=False)
    (t,) = [t for t in r.tables if t.title and "基本支出明细表" in t.title]
    # the title's bracketed second line joins it; the 备注 column, with no amount printed, names none
    assert t.title == "2021年部门综合预算一般公共预算基本支出明细表（按支出功能分类科目-不含上年结转）"
    assert t.template == "budget.basic" and t.columns == ["合计", "人员经费支出", "公用经费支出"]
    rows = {(x.code.value if x.code else None, x.name.value): x for x in t.rows}
    assert ("2050803", "培训支出") in rows and ("2080201", "行政运行") in rows
    amounts = [f.value for f in rows[("2050803", "培训支出")].values.values() if isinstance(f.value, Decimal)]
    assert amounts == [Decimal("100000.00"), Decimal("80000.00"), Decimal("20000.00")]


def test_numbering_goes_on_over_a_page_s_repeated_title_lines():
    # the next page prints the table's code, title and unit line again (a converter of fake-bold
    # type repeats them), then goes on with rows 8, 9 without the header
    page = ["金额单位：元", "表7", "2021年部门综合预算一般公共预算基本支出明细表（按功能科目分）"] * 3
    lines = TABLE.splitlines() + page + ["8 210 卫生健康支出 50,000.00 50,000.00 0.00",
                                         "9 　　21011 　　行政事业单位医疗 50,000.00 50,000.00 0.00"]
    spans = row_number_spans(lines)
    assert [lines[k][slice(*spans[k])] for k in (len(lines) - 2, len(lines) - 1)] == ["8", "9"]
    # a narrative paragraph in between ends the run
    lines = TABLE.splitlines() + ["说明：", "一、本表反映部门基本支出。", "二、其他。", "三、其他。", "四、其他。",
                                  "8 210 卫生健康支出 50,000.00 50,000.00 0.00"]
    assert len(lines) - 1 not in row_number_spans(lines)


def test_xuhao_set_in_two_lines_of_a_tall_header_cell():
    lines = ["序", "号 功能科目编码 功能科目名称 合计 人员经费支出", "1 合计 300.00 250.00",
             "2 201 一般公共服务支出 300.00 250.00", "3 　　20113 商贸事务 300.00 250.00"]
    spans = row_number_spans(lines)
    assert [lines[k][slice(*spans[k])] for k in range(5)] == ["序", "号", "1", "2", "3"]
    assert row_number_spans(["序", "合计 300.00", "1 合计 30.00", "2 教育 30.00"]) == {}
