"""Ruled tables that draw their title and unit line inside their own frame, with a narrow blank
margin column at each side (Beijing's 预算01–13表), and 功能 | 经济 科目 columns that each print
`code-name` in one cell (预算03表 支出总表)."""
from __future__ import annotations

from decimal import Decimal

from extractor.datamodel import NLine, NTable
from extractor.structure.blocks import split_blocks
from extractor.structure.tables import build_table

MARGIN = 7.0  # points, as Beijing's frames draw it


def _framed(rows: list[list[tuple[str, float]]]) -> NTable:
    """Rows of (text, width in points); each row opens and closes with a blank margin cell."""
    out = []
    for y, r in enumerate(rows):
        x = 50.0
        cells = [NLine(text="", orig="", no=None, page=3, bbox=(x, y * 15.0, x + MARGIN, y * 15.0 + 15))]
        x += MARGIN
        for text, width in r:
            cells.append(NLine(text=text, orig=text, no=None, page=3, bbox=(x, y * 15.0, x + width, y * 15.0 + 15)))
            x += width
        cells.append(NLine(text="", orig="", no=None, page=3, bbox=(x, y * 15.0, x + MARGIN, y * 15.0 + 15)))
        out.append(cells)
    return NTable(at=0, rows=out, method="lattice")


def _table(rows):
    blocks = split_blocks([], [_framed(rows)])
    assert len(blocks) == 1
    return blocks[0], build_table(blocks[0])


def test_title_and_unit_rows_inside_the_frame_are_the_preamble():
    block, t = _table([
        [("预算05表 一般公共预算支出表", 400.0)],
        [("金额单位：万元", 400.0)],
        [("科目编码", 80.0), ("科目名称", 160.0), ("合计", 80.0), ("基本支出", 80.0)],
        [("2010301", 80.0), ("行政运行", 160.0), ("44.080000", 80.0), ("44.080000", 80.0)],
        [("2014004", 80.0), ("信访业务", 160.0), ("2,141.553017", 80.0), ("", 80.0)],
    ])
    assert [ln.text for ln in block.preamble] == ["预算05表 一般公共预算支出表", "金额单位：万元"]
    assert t.title == "预算05表一般公共预算支出表" and t.template == "budget.general" and t.unit == "万元"
    assert t.columns == ["合计", "基本支出"]  # no 列1 for the margins
    assert [(r.code.value, r.name.value) for r in t.rows] == [("2010301", "行政运行"), ("2014004", "信访业务")]
    assert t.rows[1].values["合计"].value == Decimal("2141.553017")


def test_code_name_cells_of_two_classifications():
    _, t = _table([
        [("预算03表 支出总表", 500.0)],
        [("支出功能分类科目", 130.0), ("政府支出经济分类科目", 130.0), ("部门支出经济分类科目", 130.0), ("合计", 110.0)],
        [("2010301-行政运行", 130.0), ("50201-办公经费", 130.0), ("3021101-差旅费", 130.0), ("44.080000", 110.0)],
        [("2014001-行政运行", 130.0), ("50101-工资奖金津补贴", 130.0), ("30101-基本工资", 130.0), ("767.961600", 110.0)],
        [("2014001-行政运行", 130.0), ("50101-工资奖金津补贴", 130.0), ("30102-津贴补贴", 130.0), ("1,145.329360", 110.0)],
    ])
    assert t.columns == ["政府支出经济分类科目", "部门支出经济分类科目", "合计"]
    got = [(r.code.value, r.name.value, r.values["部门支出经济分类科目"].value, r.values["合计"].value) for r in t.rows]
    assert got == [("2010301", "行政运行", "3021101-差旅费", Decimal("44.080000")),
                   ("2014001", "行政运行", "30101-基本工资", Decimal("767.961600")),
                   ("2014001", "行政运行", "30102-津贴补贴", Decimal("1145.329360"))]
    assert all(r.code.confidence < 0.95 and "code and name printed in one cell" in r.code.notes for r in t.rows)


def test_a_blank_but_wide_first_column_stays():
    # a continued table's 类 column, blank on this page: a printed column, not a margin
    rows = [[("", 40.0), ("02", 40.0), ("01", 40.0), ("住房公积金", 160.0), ("8.42", 80.0)],
            [("", 40.0), ("02", 40.0), ("03", 40.0), ("购房补贴", 160.0), ("2.00", 80.0)]]
    table = _framed(rows)
    table.rows = [r[1:-1] for r in table.rows]  # no margins in this frame
    block = split_blocks([], [table])[0]
    assert [len(r) for r in block.rows] == [5, 5]
