"""Ruled tables (PDF lattice, OCR grid): header paths from the cells' printed spans, a leading
预算单位 / 部门代码 column, merged 合计 cells spread back over the grid, and checks kept within
each unit's section."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import SHARED
from extractor.datamodel import Cell, GridBlock, NLine, Report, SourceInfo
from extractor.structure.ruled_header import column_centres, ruled_labels, spread
from extractor.structure.tables import build_table
from extractor.validate.checks import run_checks

CORPUS = SHARED / "real-corpus"


def _ruled(rows: list[list[tuple[str, int]]], title: str) -> GridBlock:
    """Rows of (text, columns spanned) on a grid of 10-point columns, as the lattice reader gives
    them: a merged cell once, its bbox over its span; a cell merged down from above is an empty
    cell under it."""
    out = []
    for y, r in enumerate(rows):
        x = 0
        cells = []
        for text, span in r:
            cells.append(Cell(text=text, orig=text, line=None, page=1, bbox=(x * 10.0, y * 10.0, (x + span) * 10.0,
                                                                              y * 10.0 + 10)))
            x += span
        out.append(cells)
    return GridBlock(rows=out, first_line=1, last_line=1, method="lattice",
                     preamble=[NLine(text=title, orig=title, no=None, page=1)])


def _one(text: str) -> tuple[str, int]:
    return (text, 1)


def test_spans_place_labels_where_cell_counts_cannot():
    # 部门代码 | 部门名称 | 合计 merged down; 本年收入 over three columns, 上年结转结余 over two;
    # 合计 printed once over the code and name columns
    grid = _ruled([
        [("部门代码", 1), ("部门名称", 1), ("合计", 1), ("本年收入", 3), ("上年结转结余", 2)],
        [("", 1), ("", 1), ("", 1), ("小计", 1), ("一般公共预算", 1), ("其他收入", 1), ("小计", 1), ("单位资金", 1)],
        [("合计", 2), ("130.00", 1), ("120.00", 1), ("100.00", 1), ("20.00", 1), ("10.00", 1), ("10.00", 1)],
        [_one("123001"), _one("苏州市某局"), _one("90.00"), _one("90.00"), _one("80.00"), _one("10.00"), _one(""),
         _one("")],
        [_one("123002"), _one("苏州市某中心"), _one("40.00"), _one("30.00"), _one("20.00"), _one("10.00"),
         _one("10.00"), _one("10.00")],
    ], "收入总表")
    t = build_table(grid)
    assert t.columns == ["部门代码", "合计", "本年收入/小计", "本年收入/一般公共预算", "本年收入/其他收入",
                         "上年结转结余/小计", "上年结转结余/单位资金"]
    assert "header alignment uncertain: column names guessed" not in t.notes
    total, first, second = t.rows
    assert total.name.value == "合计" and total.values["部门代码"].value is None
    assert total.values["合计"].value == Decimal("130.00")
    assert total.values["上年结转结余/单位资金"].value == Decimal("10.00")
    # a unit's code is text under its own column, never an amount, and never a subject code
    assert first.code is None and first.name.value == "苏州市某局"
    assert first.values["部门代码"].value == "123001"
    assert first.values["本年收入/一般公共预算"].value == Decimal("80.00")
    assert second.values["上年结转结余/小计"].value == Decimal("10.00")
    # by counting cells the same header gave 本年收入's children to 上年结转结余 (the old reading)
    assert all(v.confidence >= 0.9 for v in first.values.values() if isinstance(v.value, Decimal))


def test_unit_column_before_subject_code_and_name():
    # 预算单位 | 科目编码 | 科目名称 | amounts: a unit's subtotal row, then its subjects
    grid = _ruled([
        [_one("预算单位"), _one("科目编码"), _one("科目名称"), _one("支出总计"), _one("基本支出"), _one("项目支出")],
        [_one("某局"), _one(""), _one(""), _one("150.00"), _one("100.00"), _one("50.00")],
        [_one("某局（本级）"), _one(""), _one(""), _one("100.00"), _one("60.00"), _one("40.00")],
        [_one(""), _one("201"), _one("一般公共服务支出"), _one("100.00"), _one("60.00"), _one("40.00")],
        [_one(""), _one("20101"), _one("人大事务"), _one("100.00"), _one("60.00"), _one("40.00")],
        [_one(""), _one("2010101"), _one("行政运行"), _one("60.00"), _one("60.00"), _one("")],
        [_one(""), _one("2010102"), _one("一般行政管理事务"), _one("40.00"), _one(""), _one("40.00")],
        [_one("某中心"), _one(""), _one(""), _one("50.00"), _one("40.00"), _one("10.00")],
        [_one(""), _one("201"), _one("一般公共服务支出"), _one("50.00"), _one("40.00"), _one("10.00")],
        [_one(""), _one("20101"), _one("人大事务"), _one("50.00"), _one("40.00"), _one("10.00")],
        [_one(""), _one("2010101"), _one("行政运行"), _one("40.00"), _one("40.00"), _one("")],
        [_one(""), _one("2010102"), _one("一般行政管理事务"), _one("10.00"), _one(""), _one("10.00")],
    ], "支出总表")
    t = build_table(grid)
    assert t.columns == ["预算单位", "支出总计", "基本支出", "项目支出"]
    names = [(r.code.value if r.code else None, r.name.value, r.block) for r in t.rows]
    assert names[:4] == [(None, "某局", "某局"), (None, "某局（本级）", "某局（本级）"),
                         ("201", "一般公共服务支出", "某局（本级）"), ("20101", "人大事务", "某局（本级）")]
    assert names[7] == ("201", "一般公共服务支出", "某中心")
    assert t.rows[4].values["基本支出"].value == Decimal("60.00")
    # sums are checked within each unit: the two units' 201 rows are not one parent's children
    report = Report(source=SourceInfo(path="x.pdf", sha256="0" * 64, format="pdf", route="pdf"), tables=[t])
    checks = [c for c in run_checks(report) if c.rule in ("table.children_sum", "table.total_row")]
    assert checks and all(c.passed for c in checks), [c.message for c in checks if not c.passed]
    assert any("某中心 [支出总计] = sum of the 类 rows" in c.message for c in checks)


def test_labels_and_spread_need_ruled_bboxes():
    plain = [[Cell(text="合计", orig="合计", line=1), Cell(text="1.00", orig="1.00", line=1)]]
    assert column_centres(plain, 2) is None
    grid = _ruled([[("本年收入", 2)], [_one("小计"), _one("其他")], [("合计", 2)]], "t")
    centres = column_centres(grid.rows, 2)
    assert ruled_labels(grid.rows[:2], centres) == [["本年收入", "小计"], ["本年收入", "其他"]]
    spread_row = spread(grid.rows[2], centres)
    assert [c.text for c in spread_row] == ["合计", ""]


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"real corpus not available: {CORPUS} is absent")
def test_real_unit_income_table_reads_under_its_spanning_header():
    from extractor import extract
    r = extract(CORPUS / "city006_020.pdf", ner=False)
    (t,) = [t for t in r.tables if t.template == "budget.income" and t.page == 9]
    assert t.columns[:4] == ["部门代码", "合计", "本年收入/小计", "本年收入/一般公共预算"]
    assert "上年结转结余/单位资金" in t.columns
    row = next(x for x in t.rows if x.name.value == "苏州市交通运输综合行政执法支队")
    assert row.values["部门代码"].value == "123002"
    assert row.values["本年收入/一般公共预算"].value == Decimal("21054.54")
    assert row.values["本年收入/其他收入"].value == Decimal("3220.00")
    total = t.rows[0]
    assert total.name.value == "合计" and total.values["合计"].value == Decimal("249977.11")


def test_a_leading_row_number_column_is_text_and_the_codes_key_the_rows():
    # 序号 | 功能科目编码 | 功能科目名称 | 合计 | 人员经费支出 (Xi'an): the 序号 is no key and no amount
    grid = _ruled([
        [_one("序 号"), _one("功能科目编码"), _one("功能科目名称"), _one("合计"), _one("人员经费支出")],
        [_one("1"), _one(""), _one("合计"), _one("300.00"), _one("200.00")],
        [_one("2"), _one("205"), _one("教育支出"), _one("300.00"), _one("200.00")],
        [_one("3"), _one("20503"), _one("职业教育"), _one("300.00"), _one("200.00")],
    ], "2022年部门综合预算一般公共预算支出明细表（按功能科目分）")
    t = build_table(grid)
    assert t.columns == ["序号", "合计", "人员经费支出"]
    assert [(r.code.value if r.code else None, r.name.value) for r in t.rows] == [
        (None, "合计"), ("205", "教育支出"), ("20503", "职业教育")]
    assert [r.values["序号"].value for r in t.rows] == ["1", "2", "3"]  # text, never an amount
    assert t.rows[2].values["合计"].value == Decimal("300.00")
