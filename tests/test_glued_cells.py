"""normalize/glued_cells.py: a table page pdfminer.six prints as one line, its cells run together."""
from __future__ import annotations

from decimal import Decimal

from extractor.datamodel import Document, Line
from extractor.normalize import normalize
from extractor.normalize.glued_cells import glued, split_glued

# 一般公共预算支出表 as pdfminer.six prints a page of some PDFs: one line, no space between cells, the
# page number last. By hand: 201 = 20103 = 200.00 = 150.00 (基本) + 50.00 (项目); 2010301 150.00 all 基本;
# 2010302 50.00 all 项目; 208 = 20805 = 2080505 = 100.00 all 基本; the unit's row 300.00 = 200.00 +
# 100.00 = 250.00 + 50.00.
PAGE = ("\f表7一般公共预算支出表（按功能分类）部门名称：某市某局（本级）单位：万元预算单位科目编码科目名称支出总计"
        "基本支出项目支出某市某局（本级）  300.00250.0050.00201一般公共服务支出200.00150.0050.0020103政府办公厅"
        "（室）及相关机构事务200.00150.0050.002010301行政运行150.00150.000.002010302一般行政管理事务50.000.0050.00"
        "208社会保障和就业支出100.00100.000.0020805行政事业单位养老支出100.00100.000.002080505机关事业单位基本养老"
        "保险缴费支出100.00100.000.00注：本表金额单位转换时可能存在尾数误差。 - 25 -")


def _doc(texts: list[str]) -> Document:
    return Document(path="t.txt", sha256="0", format="text", route="text",
                    lines=[Line(text=t, no=i) for i, t in enumerate(texts, start=1)])


def test_a_glued_page_is_cut_into_its_rows():
    lines, n = split_glued(_doc(["2026年某局部门预算", PAGE]).lines)
    assert n == 1
    texts = [ln.text for ln in lines]
    assert texts[:4] == ["2026年某局部门预算", "\f表7一般公共预算支出表（按功能分类）", "部门名称：某市某局（本级）", "单位：万元"]
    assert texts[4] == "预算单位科目编码科目名称支出总计基本支出项目支出"
    assert texts[5] == "某市某局（本级） 300.00 250.00 50.00"  # the unit's own row (named in 部门名称：)
    assert texts[6] == "201 一般公共服务支出 200.00 150.00 50.00"
    assert texts[8] == "2010301 行政运行 150.00 150.00 0.00"
    assert texts[-2:] == ["注：本表金额单位转换时可能存在尾数误差。", "- 25 -"]
    assert all(ln.no == 2 for ln in lines[1:])  # each row keeps the printed line's number


def test_a_glued_page_is_read_as_a_table():
    nd = normalize(_doc(["2026年某局部门预算", PAGE]))
    assert nd.counts.get("glued_cells") == 1
    from extractor.structure import structure

    tables = structure(nd).tables
    assert len(tables) == 1
    rows = {r.code.value if r.code else r.name.value: r for r in tables[0].rows}
    total, basic, project = tables[0].columns
    assert rows["2010302"].values[project].value == Decimal("50.00")
    assert rows["2010301"].values[basic].value == Decimal("150.00")
    assert rows["20103"].values[total].value == Decimal("200.00")
    assert rows["2080505"].values[total].value == Decimal("100.00")


def test_prose_and_amounts_apart_are_left_as_printed():
    # amounts with three decimals and more in a sentence: no page of cells run together
    prose = ("2024年项目支出204.59555万元，其中：热线平台升级项目支出6.984万元，终端设备采购项目56.817万元，"
             "网格员人身意外保险0.8709万元，视频会议及分级综治平台项目资金8.27565万元，地图质保金3.714万元。" * 2)
    assert not glued(prose)
    spaced = "201 一般公共服务支出 200.00 150.00 50.00 " * 10  # cells apart: the spaced readers' rows
    assert not glued(spaced)
    lines, n = split_glued(_doc([prose, spaced]).lines)
    assert n == 0 and [ln.text for ln in lines] == [prose, spaced]


def test_a_page_whose_numbers_do_not_all_read_as_two_decimal_amounts_is_left_as_printed():
    # 12.5 (one decimal) run into a name: where the amounts end is not certain
    page = PAGE.replace("2010302一般行政管理事务50.000.0050.00", "2010302一般行政管理事务50.000.0012.5其他")
    assert glued(page)
    lines, n = split_glued(_doc([page]).lines)
    assert n == 0 and lines[0].text == page


# 收支总表 as pdfminer.six prints a page of the same PDFs: each cell its label with its amount right
# after it, income and expenditure cells in turn. By hand: income 一、财政拨款 500.00 = 1.一般公共预算拨款
# 500.00 + 2.政府性基金预算拨款 0.00; 二、单位资金 0.00; 本年收入合计 500.00 = 收入总计. Expenditure
# 一、一般公共服务支出 400.00 = 统计信息事务 400.00 = 行政运行 300.00 + 专项统计业务 100.00; 二、住房保障支出
# 100.00 = 住房改革支出 100.00 = 住房公积金 100.00; 本年支出合计 500.00 = 支出总计.
SIDES = ("\f表1收支总表部门名称：某市某局（本级）单位：万元收        入支        出项    目2026年预算数项    目2026年预算数"
         "一、财政拨款500.00一、一般公共服务支出400.00  1.一般公共预算拨款500.00  统计信息事务400.00"
         "  2.政府性基金预算拨款0.00    行政运行300.00二、单位资金0.00    专项统计业务100.00二、住房保障支出100.00"
         "  住房改革支出100.00    住房公积金100.00                本年收入合计500.00                  本年支出合计500.00"
         "                  收入总计500.00                    支出总计500.00注：本套报表金额单位转换时可能存在尾数误差。 - 14 -")


def test_a_two_sided_page_run_together_is_cut_into_its_cells():
    assert not glued(SIDES)  # no amount runs into the next number
    lines, n = split_glued(_doc([SIDES]).lines)
    assert n == 1
    texts = [ln.text for ln in lines]
    assert texts[:4] == ["\f表1收支总表", "部门名称：某市某局（本级）", "单位：万元",
                         "收        入支        出项    目2026年预算数项    目2026年预算数"]
    assert texts[4:8] == ["一、财政拨款 500.00", "一、一般公共服务支出 400.00", "1.一般公共预算拨款 500.00",
                          "统计信息事务 400.00"]
    assert "2.政府性基金预算拨款 0.00" in texts and "行政运行 300.00" in texts
    assert texts[-4:] == ["收入总计 500.00", "支出总计 500.00", "注：本套报表金额单位转换时可能存在尾数误差。", "- 14 -"]
    headed, _ = split_glued(_doc([SIDES.replace("\f表1", "\f二、表格部分表1")]).lines)
    assert [ln.text for ln in headed][:2] == ["\f二、表格部分", "表1收支总表"]  # the section heading apart


def test_a_two_sided_page_run_together_is_read_cell_by_cell():
    from extractor.structure import structure

    tables = structure(normalize(_doc([SIDES]))).tables
    assert len(tables) == 1
    got = {(r.name.value, v.value) for r in tables[0].rows for v in r.values.values() if v is not None and v.value is not None}
    assert got == {("财政拨款", Decimal("500.00")), ("一般公共服务支出", Decimal("400.00")),
                   ("一般公共预算拨款", Decimal("500.00")), ("统计信息事务", Decimal("400.00")),
                   ("政府性基金预算拨款", Decimal("0.00")), ("行政运行", Decimal("300.00")),
                   ("单位资金", Decimal("0.00")), ("专项统计业务", Decimal("100.00")),
                   ("住房保障支出", Decimal("100.00")), ("住房改革支出", Decimal("100.00")),
                   ("住房公积金", Decimal("100.00")), ("本年收入合计", Decimal("500.00")),
                   ("本年支出合计", Decimal("500.00")), ("收入总计", Decimal("500.00")), ("支出总计", Decimal("500.00"))}


def test_cells_with_two_amounts_or_a_sentence_are_not_cut_as_a_two_sided_page():
    two = SIDES.replace("行政运行300.00", "行政运行300.00 300.00")  # a cell of two amounts: another shape
    prose = SIDES.replace("二、单位资金0.00", "二、单位资金，其中：0.00")
    for text in (two, prose):
        lines, n = split_glued(_doc([text]).lines)
        assert n == 0 and lines[0].text == text
