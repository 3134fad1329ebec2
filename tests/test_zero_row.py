"""A one-row table of 0s: the unit's own row (or 合计) alone under a flat header (zero_row.py)."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract

_TITLE = ["表 10", "政府性基金预算支出表", "部门名称：某某局（本级） 单位：万元"]
_HEADER = "预算单位 科目编码 科目名称 支出总计 基本支出 项目支出"
_AFTER = ["注：本表本年无发生额。", "- 30 -", "表 11", "国有资本经营预算支出表"]


def _tables(tmp_path, lines: list[str]):
    p = tmp_path / "t.txt"
    p.write_text("\n".join(["第二部分 部门预算表"] + lines) + "\n", encoding="utf-8")
    return extract(p).tables


def _zero_row(tables):
    return [t for t in tables if t.method == "zero-row"]


def _check(t):
    assert t.title == "政府性基金预算支出表"
    assert t.columns == ["科目编码", "科目名称", "支出总计", "基本支出", "项目支出"]
    assert [r.name.value for r in t.rows] == ["某某局（本级）"]
    vals = t.rows[0].values
    assert [vals[c].value for c in ("支出总计", "基本支出", "项目支出")] == [Decimal("0.00")] * 3
    assert vals["科目编码"].value is None and vals["科目名称"].value is None
    assert all(f.confidence >= 0.9 for f in vals.values())
    assert t.notes == ["注：本表本年无发生额。"]


def test_the_units_own_row_of_zeros_one_row_per_line(tmp_path):
    # pypdf / pdfplumber: the row on one line, blank cells absent
    (t,) = _zero_row(_tables(tmp_path, _TITLE + [_HEADER, "某某局（本级）   0.00 0.00 0.00"] + _AFTER))
    _check(t)


def test_the_units_own_row_of_zeros_in_layout_text(tmp_path):
    header = "            预算单位     科目编码    科目名称        支出总计          基本支出          项目支出"
    row = "某某局（本级）                                      0.00          0.00          0.00"
    (t,) = _zero_row(_tables(tmp_path, _TITLE + ["", header, "", "", row] + _AFTER))
    _check(t)


def test_the_units_own_row_of_zeros_one_cell_per_line(tmp_path):
    # PyMuPDF: the title area and header a word per line, blank cells as lines of a space
    title = ["表10", "政府性基金预算支出表", "部门名称：某某局（本级）", "单位：万元"]
    cells = _HEADER.split() + ["某某局（本级）", " ", " ", "0.00", "0.00", "0.00"]
    (t,) = _zero_row(_tables(tmp_path, title + cells + _AFTER))
    _check(t)


def test_a_total_row_of_zeros_alone_gets_the_headers_column_names(tmp_path):
    # the subject readers read a 合计 row alone too, but name the columns 列N when the header names no
    # standard column set
    (t,) = _zero_row(_tables(tmp_path, _TITLE + [_HEADER, "总计 0.00 0.00 0.00"] + _AFTER))
    assert t.columns == ["科目编码", "科目名称", "支出总计", "基本支出", "项目支出"]
    assert [r.name.value for r in t.rows] == ["总计"]
    assert [t.rows[0].values[c].value for c in t.columns[2:]] == [Decimal("0.00")] * 3


def test_zeros_that_do_not_match_the_header_or_another_row_are_not_read_here(tmp_path):
    assert not _zero_row(_tables(tmp_path, _TITLE + [_HEADER, "某某局（本级） 0.00 0.00"] + _AFTER))  # 2 of 3
    assert not _zero_row(_tables(tmp_path, _TITLE + [_HEADER, "某某局（本级） 0.00 5.00 0.00"] + _AFTER))
    assert not _zero_row(_tables(tmp_path, _TITLE + [_HEADER, "某某中心 0.00 0.00 0.00"] + _AFTER))  # not the unit
    assert not _zero_row(_tables(tmp_path, _TITLE + [_HEADER, "某某局（本级） 0.00 0.00 0.00",
                                                     "某某中心 0.00 0.00 0.00"] + _AFTER))  # a second row
