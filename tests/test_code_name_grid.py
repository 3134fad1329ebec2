"""Ruled Beijing-style 部门预算 tables of `code-name` cells read by the lattice reader: a cell whose
name wraps over its bottom rule (camelot puts the last piece atop the cell below) and the 合计 row
whose label is printed over both subject columns. Values below were checked by hand against the
page (`pdftotext -layout`)."""
from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest

from conftest import SHARED
from extractor.datamodel import Cell, GridBlock, NLine
from extractor.ingest.pdf_tables import _cell_rows
from extractor.structure.tables import build_table

H = 842.0
XS = [70.0, 190.0, 310.0, 430.0, 520.0]  # three subject columns, one amount column


def _grid(texts: list[list[str]]):
    """A camelot table of ruled cells 15 points high (bottom-origin y, every border drawn)."""
    cells = []
    for r, row in enumerate(texts):
        top = 100.0 + 15.0 * r
        cells.append([SimpleNamespace(x1=XS[c], x2=XS[c + 1], y1=H - top - 15.0, y2=H - top, text=t, left=True,
                                      right=True, top=True, bottom=True) for c, t in enumerate(row)])
    return SimpleNamespace(cells=cells)


def test_a_name_piece_wrapped_over_the_rule_goes_back_to_its_cell():
    # `2130306-水利工程运行与维护` and `50999-其他对个人和家庭的补助` wrap; their last pieces are
    # printed over the bottom rule, so camelot reads them atop the next row's cells
    grid = _grid([
        ["2130304-水利行业业务管理\n", " 50999-其他对个人和家庭的补\n", "30399-其他对个人和家庭的补\n", "630.336000\n"],
        ["2130306-水利工程运行与维\n", "助\n50205-委托业务费\n", "助\n30227-委托业务费\n", "54.516400\n"],
        ["护\n2130306-水利工程运行与维\n", "50403-公务用车购置\n", "30913-公务用车购置\n", "74.340000\n"],
        ["护\n2130308-水利前期工作\n", "50201-办公经费\n", "30202-印刷费\n", "4.345800\n"],
    ])
    rows = _cell_rows(grid, H, 11)
    assert [[c.text for c in r] for r in rows] == [
        ["2130304-水利行业业务管理", "50999-其他对个人和家庭的补\n助", "30399-其他对个人和家庭的补\n助", "630.336000"],
        ["2130306-水利工程运行与维\n护", "50205-委托业务费", "30227-委托业务费", "54.516400"],
        ["2130306-水利工程运行与维\n护", "50403-公务用车购置", "30913-公务用车购置", "74.340000"],
        ["2130308-水利前期工作", "50201-办公经费", "30202-印刷费", "4.345800"],
    ]


def test_pieces_that_are_not_before_a_code_name_cell_stay():
    # a cell wrapped inside its own rule keeps its lines; a piece with digits, or above a cell that
    # is no `code-name` cell, is not moved
    grid = _grid([
        ["项目\n", "说明\n", "备注\n", "1.00\n"],
        ["续\n2130306-水利工程运行与维\n", "2024年\n50205-委托业务费\n", "31007-信息网络及软件购置更\n新\n", "2.00\n"],
    ])
    rows = _cell_rows(grid, H, 1)
    assert [c.text for c in rows[1]] == ["续\n2130306-水利工程运行与维", "2024年\n50205-委托业务费",
                                         "31007-信息网络及软件购置更\n新", "2.00"]


def _ruled(rows: list[list[str]], title: str) -> GridBlock:
    out = []
    for y, r in enumerate(rows):
        out.append([Cell(text=t, orig=t, line=None, page=1, bbox=(x * 10.0, y * 10.0, x * 10.0 + 10, y * 10.0 + 10))
                    for x, t in enumerate(r)])
    return GridBlock(rows=out, first_line=1, last_line=1, method="lattice",
                     preamble=[NLine(text=title, orig=title, no=None, page=1)])


def test_total_label_over_both_subject_columns_names_the_row():
    grid = _ruled([
        ["政府支出经济分类科目", "部门支出经济分类科目", "预算数", "", ""],
        ["", "", "合计", "人员经费", "公用经费"],
        ["50101-工资奖金津补贴", "30101-基本工资", "120.500000", "120.500000", ""],
        ["50201-办公经费", "30201-办公费", "10.000000", "", "10.000000"],
        ["50999-其他对个人和家庭的补助", "30399-其他对个人和家庭的补助", "8.000000", "8.000000", ""],
        ["", "合    计", "138.500000", "128.500000", "10.000000"],
    ], "预算06表 一般公共预算基本支出表")
    t = build_table(grid)
    assert [r.name.value.replace(" ", "") for r in t.rows] == ["工资奖金津补贴", "办公经费", "其他对个人和家庭的补助", "合计"]
    total = t.rows[-1]
    assert total.code is None
    amounts = {k: f.value for k, f in total.values.items() if isinstance(f.value, Decimal)}
    assert sorted(amounts.values()) == [Decimal("10.000000"), Decimal("128.500000"), Decimal("138.500000")]
    assert not total.values["部门支出经济分类科目"].value  # the label is the row's name, not a text value


CITY = SHARED / "real-corpus" / "city002_004.pdf"


@pytest.mark.skipif(not CITY.exists(), reason="../shared/real-corpus (the crawl of real reports) is absent")
def test_beijing_wrapped_subject_names_and_basic_total_from_the_pdf():
    from extractor import extract
    r = extract(CITY, ner=False)
    total03 = next(t for t in r.tables if t.title and "支出总表" in t.title)
    names = {(x.code.value if x.code else None, x.name.value) for x in total03.rows}
    assert ("2130306", "水利工程运行与维护") in names
    assert not [n for _, n in names if n and n.startswith("护")]
    row = next(x for x in total03.rows if x.code and x.code.value == "2130306"
               and getattr(x.values.get("部门支出经济分类科目"), "value", None) == "30913-公务用车购置")
    assert row.name.value == "水利工程运行与维护" and row.values["合计"].value == Decimal("74.340000")
    basic = next(t for t in r.tables if t.title and "基本支出表" in t.title)
    total = next(x for x in basic.rows if x.name.value.replace(" ", "") == "合计")
    assert total.values["预算数/合计"].value == Decimal("179158.437438")
    assert total.values["预算数/公用经费"].value == Decimal("15906.978787")
