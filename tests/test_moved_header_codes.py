"""The `row-stream` reader on budget tables whose 类 code pdftotext (without -layout) printed away
from its row: a lone 类 code before the 合计 row, a code among the header's words that cuts the
栏次 numbers off as a row, and a row printing the next row's first amount after its own.
Fixtures are modelled on a city budget's 基本支出 / 功能科目 tables; amounts checked by hand
(300.00 = 250.00 + 50.00, 250.00 = 150.00 + 100.00; 500.00 = 400.00 + 100.00)."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

from extractor import extract
from extractor.evidence import policy

ECONOMIC = "\n".join([
    "2026年一般公共预算基本支出情况表", "部门名称：某某局", "单位:万元", "经济科目编码", "经济科目名称",
    "总计", "人员类", "公用经费", "**", "**", "1", "2", "3",
    "301", "合计", "300.00", "250.00", "50.00",
    "工资福利支出", "250.00", "250.00",
    "30101", "基本工资", "150.00", "150.00",
    "30102", "津贴补贴", "100.00", "100.00",
    "30103", "奖金", "0.00", "0.00",
    "注：本表反映部门本年度一般公共预算基本支出情况。", ""])

FUNCTION = "\n".join([
    "2026年一般公共预算支出情况表", "部门名称：某某局", "单位：万元", "科目编码", "功能科目", "类", "款", "项",
    "**", "**", "**", "201", "40", "**", "总", "计", "1", "基本支出", "项目支出", "2", "3",
    "合计", "500.00", "400.00", "100.00",
    "一般公共服务支出", "500.00", "400.00", "100.00",
    "信访事务", "500.00", "400.00", "100.00", "400.00",
    "201", "40", "01", "行政运行", "400.00",
    "201", "40", "04", "信访业务", "100.00",
    "注：本表反映部门本年度一般公共预算支出情况。", "100.00", ""])

OVERVIEW = "\n".join([
    "2026年部门支出总体情况表", "部门名称：某某局", "单位：万元", "科目编码", "功能科目", "类", "款", "项",
    "**", "**", "**", "201", "基本支出", "项目支出", "1", "2", "3",
    "合计", "500.00", "400.00", "100.00",
    "一般公共服务支出", "500.00", "400.00", "100.00",
    "注：本表反映部门本年度各项支出情况。", ""])


def _extract(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    return extract(p)


def _amounts(table) -> dict:
    out: dict = {}
    for r in table.rows:
        key = r.code.value if r.code is not None and r.code.value else r.name.value
        out[key] = Counter(v.value for v in r.values.values() if v is not None and v.value is not None)
    return out


def test_a_lone_lei_code_before_the_total_row_goes_to_the_row_the_catalogue_names(tmp_path):
    (t,) = [t for t in _extract(tmp_path, ECONOMIC).tables if t.method == "row-stream"]
    got = _amounts(t)
    assert got["301"] == Counter({Decimal("250.00"): 2})
    assert got["30101"] == Counter({Decimal("150.00"): 2})
    assert got["30102"] == Counter({Decimal("100.00"): 2})
    assert got["合计"] == Counter({Decimal("300.00"): 1, Decimal("250.00"): 1, Decimal("50.00"): 1})
    (row,) = [r for r in t.rows if r.code is not None and r.code.value == "301"]
    assert row.name.value == "工资福利支出"
    assert any(rep.kind == "layout.code_moved" for rep in row.code.repairs or [])


def test_an_amount_printed_after_a_row_beyond_the_total_rows_width_goes_to_the_next_row(tmp_path):
    (t,) = [t for t in _extract(tmp_path, FUNCTION).tables if t.method == "row-stream"]
    got = _amounts(t)
    assert got["20140"] == Counter({Decimal("500.00"): 1, Decimal("400.00"): 1, Decimal("100.00"): 1})
    assert got["2014001"] == Counter({Decimal("400.00"): 2})
    assert got["201"] == Counter({Decimal("500.00"): 1, Decimal("400.00"): 1, Decimal("100.00"): 1})


def test_column_numbers_cut_off_the_header_by_a_moved_code_are_no_row(tmp_path):
    (t,) = [t for t in _extract(tmp_path, OVERVIEW).tables if t.method == "row-stream"]
    got = _amounts(t)
    assert not any(Decimal(n) in c for c in got.values() for n in ("1", "2", "3"))
    assert got["201"] == Counter({Decimal("500.00"): 1, Decimal("400.00"): 1, Decimal("100.00"): 1})
    (row,) = [r for r in t.rows if r.code is not None and r.code.value == "201"]
    assert row.name.value == "一般公共服务支出"
    assert all(v.confidence < policy.REVIEW_THRESHOLD or v.value is None for v in row.values.values())
