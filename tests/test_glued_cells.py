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
