"""Reader `column-runs` on three pdfminer.six shapes of real budgets: a 款 piece such as `11` printed
right after a row's amounts, a column's label and amounts printed before the table's title (with
the 栏次 numbers scattered among the amounts and 合计 labels both before and after the names), and
a 收入总体情况表 whose 财政拨款收入 group has its own 小计 beside eight more income columns."""
from __future__ import annotations

from decimal import Decimal

from extractor.datamodel import Document, Line, NLine
from extractor.normalize import normalize
from extractor.structure.column_runs import ColumnRunsReader
from extractor.structure.tables import build_table


def _lines(text: str) -> list[NLine]:
    lines = [Line(text=t, no=i) for i, t in enumerate(text.split("\n"), start=1)]
    return normalize(Document(path="t", sha256="0", format="text", route="text", lines=lines)).lines


def _table(lines: list[NLine], first: str):
    i = next(k for k, ln in enumerate(lines) if ln.text == first)
    block = ColumnRunsReader().read(lines, i)[0]
    return None if block is None else build_table(block)


def _by_code(table) -> dict:
    return {r.code.value if r.code else r.name.value: r.values for r in table.rows}


# -- a 款 piece printed right after an amount ------------------------------------------------------
# 一般公共预算支出表 printed row by row among its labels (pdfminer.six): the 类 code on its own line,
# each 款 / 项 piece before its row's name, the row's amounts after it. The 款 `11` of 21011 comes
# right after the 210 row's last amount. By hand: 2101101 200 = 200 基本; 2101102 100 = 100 项目;
# 21011 = 210 = 300 = 200 + 100; 2210201 = 22102 = 221 = 50 基本; 合计 350 = 250 + 100.
_PIECE_AFTER_AMOUNT = [
    "一般公共预算支出表", "单位：万元", "科目编码", "科目名称", "合计", "基本支出", "项目支出",
    "合 计", "350.00", "250.00", "100.00",
    "210", "卫生健康支出", "300.00", "200.00", "100.00",
    "11", "行政事业单位医疗", "300.00", "200.00", "100.00",
    "01", "行政单位医疗", "200.00", "200.00",
    "02", "事业单位医疗", "100.00", "100.00",
    "221", "住房保障支出", "50.00", "50.00",
    "02", "住房改革支出", "50.00", "50.00",
    "01", "住房公积金", "50.00", "50.00",
    "注：本表反映一般公共预算支出情况。",
]


def test_a_two_digit_piece_after_an_amount_is_the_rows_code_piece():
    t = _table(_lines("\n".join(_PIECE_AFTER_AMOUNT)), "科目编码")
    assert t is not None and t.method == "column-runs"
    rows = _by_code(t)
    assert set(rows) == {"合计", "210", "21011", "2101101", "2101102", "221", "22102", "2210201"}
    assert rows["21011"]["合计"].value == Decimal("300.00")
    assert rows["2101101"]["合计"].value == Decimal("200.00")
    assert rows["2101102"]["合计"].value == Decimal("100.00")
    assert rows["合计"]["合计"].value == Decimal("350.00")
    assert rows["合计"]["合计"].confidence >= 0.9
    # (no amount `11` anywhere: it is the 款 piece of 21011)
    assert all(v.value != Decimal("11") for r in rows.values() for v in r.values())


def test_a_two_digit_amount_after_an_amount_stays_an_amount():
    # the same shape with an amount 11 (no piece wanted there): the labels read without moving it
    text = "\n".join([
        "一般公共预算支出表", "单位：万元", "科目编码", "科目名称", "合计", "基本支出", "项目支出",
        "合 计", "61.00", "50.00", "11",
        "221", "住房保障支出", "61.00", "50.00", "11",
        "02", "住房改革支出", "61.00", "50.00", "11",
        "01", "住房公积金", "61.00", "50.00", "11",
        "注：本表反映一般公共预算支出情况。"])
    t = _table(_lines(text), "科目编码")
    assert t is not None
    rows = _by_code(t)
    assert rows["2210201"]["合计"].value == Decimal("61.00")
    assert sorted(v.value for v in rows["2210201"].values() if v.value is not None) == [
        Decimal("11"), Decimal("50.00"), Decimal("61.00")]


# -- a column printed before the title -----------------------------------------------------------
# pdfminer.six prints the box of the 项目支出 column (its label and its amounts) above the table's
# title, then its 栏次 3, the codes and names (a 合计 label among the codes: the 合计 row's), then the
# 合计 column under its label `合  计` (after the names: the header's) and 栏次 1, the 基本支出 column
# under its label and 栏次 2. By hand: 2080505 = 20805 = 208 = 80 基本; 2210201 = 22102 = 221 = 40.50
# = 20 基本 + 20.50 项目; 合计 row 120.50 = 100 + 20.50.
_COLUMN_FIRST = [
    "注：上一表的说明。", "表05", "单位：万元",
    "项目支出", "20.50", "20.50", "20.50", "20.50",
    "2026年部门一般公共预算支出表", "部门：某某局", "科目编码", "科目名称", "3",
    "208", "20805", "合计", "社会保障和就业支出", "行政事业单位养老支出",
    "2080505", "机关事业单位基本养老保险缴费支出",
    "221", "22102", "住房保障支出", "住房改革支出", "2210201", "住房公积金",
    "合  计", "1", "120.50", "80.00", "80.00", "80.00", "40.50", "40.50", "40.50",
    "基本支出", "2", "100.00", "80.00", "80.00", "80.00", "20.00", "20.00", "20.00",
    "注：本表反映一般公共预算支出情况。",
]


def test_a_column_printed_before_the_title_is_the_tables():
    t = _table(_lines("\n".join(_COLUMN_FIRST)), "项目支出")
    assert t is not None and t.method == "column-runs"
    rows = _by_code(t)
    assert set(rows) == {"合计", "208", "20805", "2080505", "221", "22102", "2210201"}
    total = next(c for c in t.columns if c.endswith("合计"))
    assert rows["合计"][total].value == Decimal("120.50")
    assert rows["2080505"][total].value == Decimal("80.00")
    assert rows["2210201"][total].value == Decimal("40.50")
    parts = sorted(v.value for k, v in rows["2210201"].items() if k != total and v.value is not None)
    assert parts == [Decimal("20.00"), Decimal("20.50")]
    # the 栏次 numbers 1 2 3 are no amounts
    assert all(v.value not in (Decimal(1), Decimal(2), Decimal(3)) for r in rows.values() for v in r.values())


def test_column_numbers_before_a_title_start_no_table():
    # the end of a previous table's header (`转结余` and its 栏次 13 … 17) before the next title: no
    # column of money, so no header of the next table
    from extractor.structure.column_runs import _scan_head

    lines = _lines("\n".join(["营预算", "转结余", "13", "14", "15", "表03"] + _COLUMN_FIRST[8:]))
    assert _scan_head(lines, 1, True)[0] is None


def test_amounts_before_a_title_without_header_words_start_no_table():
    # amounts after a previous table's last label, then a title: no header of the next table
    text = "\n".join(["支出总计", "120.50", "20.50"] + _COLUMN_FIRST[8:])
    lines = _lines(text)
    assert ColumnRunsReader().read(lines, 0)[0] is None


# -- a 收入总体情况表 with a 财政拨款收入 group and eight more income columns -----------------------
# Header (Shandong's 公开表2): 合计 | 财政拨款收入 (小计 一般公共预算收入 政府性基金预算收入 国有资本经营预算收入)
# | 财政专户管理资金收入 | 事业收入 | 事业单位经营收入 | 其他收入 | 上级补助收入 | 附属单位上缴收入 |
# 使用非财政拨款结余 | 上年结转. pdfminer prints the 其他收入 column first, then the rows with their
# 合计, 小计 and 一般公共预算 cells. By hand: 2010801 150 = 140 (小计 = 一般 140) + 10 其他; 2010804 30 =
# 其他 30; 20108 = 201 = 180 = 140 + 40; 2080505 = 20805 = 208 = 60 = 60 + 0; 合计 240 = 200 + 40.
_INCOME = [
    "收入总体情况表", "财政拨款收入", "公开表2", "单位：万元",
    "科目名称", "合计", "小计", "一般公共预", "算收入", "政府性基金", "预算收入", "国有资本经", "营预算收入",
    "财政专户管", "理资金收入", "事业收入", "（不含教育", "收费）", "事业单位经", "营收入", "其他收入",
    "上级补助收", "入", "附属单位上", "缴收入", "使用非财政", "拨款结余", "上年结转",
    "40.00", "40.00", "40.00", "10.00", "30.00",
    "合 计", "240.00", "200.00", "200.00",
    "201", "一般公共服务支出", "180.00", "140.00", "140.00",
    "08", "审计事务", "180.00", "140.00", "140.00",
    "01", "04", "行政运行", "审计业务", "150.00", "140.00", "140.00", "30.00",
    "208", "社会保障和就业支出", "60.00", "60.00", "60.00",
    "05", "行政事业单位养老支出", "60.00", "60.00", "60.00",
    "05", "机关事业单位基本养老保险缴费支出", "60.00", "60.00", "60.00",
    "支出总体情况表",
]


def test_an_income_table_with_a_subtotal_group_and_wide_alike_columns_is_read_to_review():
    t = _table(_lines("\n".join(_INCOME)), "财政拨款收入")  # (the header's first word, under the title)
    assert t is not None and t.method == "column-runs"
    rows = _by_code(t)
    assert set(rows) == {"合计", "201", "20108", "2010801", "2010804", "208", "20805", "2080505"}
    assert rows["合计"]["合计"].value == Decimal("240.00")
    assert rows["2010801"]["合计"].value == Decimal("150.00")
    assert rows["2010801"]["财政拨款收入/小计"].value == Decimal("140.00")
    assert rows["2010804"]["财政拨款收入/小计"].value is None
    assert rows["2080505"]["财政拨款收入/小计"].value == Decimal("60.00")
    # the 其他收入 column's amounts stand in one of the eight income columns no identity tells apart:
    # placed with the fewest of them, every cell of the table to review
    other = sorted(v.value for k, v in rows["2010801"].items() if v.value is not None)
    assert other == [Decimal("10.00"), Decimal("140.00"), Decimal("140.00"), Decimal("150.00")]
    assert all(v.confidence < 0.9 for r in rows.values() for v in r.values() if v.value is not None)
    assert any("fewest" in n for n in rows["合计"]["合计"].notes)


# -- a name and an amount sharing a line -----------------------------------------------------------
# A Shanghai 一般公共预算财政拨款支出决算表 as pdfminer.six prints it: the 款 column, the names (a 项
# before its name), the 合计 column (the 2080505 row's amount on its name's line: the boxes share a
# baseline), 合计 after the names (the 合计 row last), the 基本支出 and 项目支出 columns, then the 类
# column (every row's 类). By hand: 2080501 40 + 2080505 60 = 20805 = 208 = 100 (基本); 2210201 = 22102
# = 221 = 50 = 20 基本 + 30 项目; 合计 150 = 120 + 30.
_SHARED_LINE = [
    "一般公共预算财政拨款支出决算表", "单位：万元", "项目", "支出功能分类", "科目编码", "款", "项", "科目名称",
    "合计 基本支出 项目支出",
    "05", "05", "05", "02", "02",
    "社会保障和就业支出", "行政事业单位养老支出", "01 行政单位离退休",
    "100.00", "100.00", "40.00",
    "05 机关事业单位基本养老保险缴费支出 60.00",
    "住房保障支出", "住房改革支出", "01 住房公积金",
    "50.00", "50.00", "50.00", "150.00", "合计",
    "100.00", "100.00", "40.00", "60.00", "20.00", "20.00", "20.00", "120.00",
    "30.00", "30.00", "30.00", "30.00",
    "类", "208", "208", "208", "208", "221", "221", "221",
    "一般公共预算财政拨款基本支出决算表",
]


def test_a_name_and_its_amount_on_one_line_are_split():
    t = _table(_lines("\n".join(_SHARED_LINE)), "项目")
    assert t is not None and t.method == "column-runs"
    rows = _by_code(t)
    assert set(rows) == {"208", "20805", "2080501", "2080505", "221", "22102", "2210201", "合计"}
    total = next(c for c in t.columns if c.endswith("合计"))
    assert rows["2080505"][total].value == Decimal("60.00")
    assert rows["2080501"][total].value == Decimal("40.00")
    assert rows["合计"][total].value == Decimal("150.00")
    assert rows["2210201"][total].value == Decimal("50.00")
