"""A 收入总体情况表 keyed by unit (`单位名称`) as pdfminer.six prints it: the header's words, the 合计 label and
the units' names, then the amounts column by column, two columns' cells row by row, one cell glued to
another on a line (structure/unit_columns.py). Modelled on Guangdong's city budgets; the values were
checked by hand: 合计 200.00 = 150.00 (一般公共预算) + 50.00 (上年结转结余); the units' 120.00 = 90.00 + 30.00,
50.00 = 40.00 + 10.00 and 30.00 = 20.00 + 10.00; per column 200.00 = 120.00 + 50.00 + 30.00, 150.00 = 90.00 +
40.00 + 20.00, 50.00 = 30.00 + 10.00 + 10.00."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract

HEAD = ["表2", "收入总体情况表", "单位名称：某某局", "单位名称", "合计", "一般公共预", "政府性基金", "国有资本经", "算",
        "预算", "营预算", "教育收费", "其他专户", "事业收", "收入拨款", "入", "事业单", "位经营", "收入", "上级补",
        "助收入", "其他收", "入", "财政拨款收入", "财政专户拨款收入", "其他资金收入", "单位：万元", "附属单", "位上缴",
        "收入", "上年结", "转结余"]
# (合计, 一般公共预算) row by row, the nine columns of 0.00 column by column, then 上年结转结余's column (its
# first cell glued after a 0.00)
AMOUNTS = ["200.00", "150.00", "120.00", "90.00", "50.00", "40.00", "30.00", "20.00"] + ["0.00"] * 35 + [
    "0.00 50.00", "30.00", "10.00", "10.00"]
UNITS = ["某某局（本级）", "某某服务中心", "某某监测站"]


def _text(rows: list[str], amounts: list[str]) -> str:
    body = ["某某局2026年部门预算"] + HEAD + ["合计"] + rows + ["注：无。"] + amounts + ["- 6 -"]
    return "\n\n".join(body) + "\n"  # pdfminer prints a blank line after each box


def _income(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    report = extract(p)
    return [t for t in report.tables if t.template == "budget.income"]


def _amounts(row) -> list[Decimal]:
    return sorted(f.value for f in row.values.values() if isinstance(f.value, Decimal))


def test_units_and_their_amounts_read_from_the_columns_the_units_to_review(tmp_path):
    (t,) = _income(tmp_path, _text(UNITS, AMOUNTS))
    names = [r.name.value for r in t.rows]
    assert names == ["合计"] + UNITS
    total, own, centre, station = t.rows
    zeros = [Decimal("0.00")] * 9
    assert _amounts(total) == zeros + [Decimal("50.00"), Decimal("150.00"), Decimal("200.00")]
    assert _amounts(own) == zeros + [Decimal("30.00"), Decimal("90.00"), Decimal("120.00")]
    assert _amounts(centre) == zeros + [Decimal("10.00"), Decimal("40.00"), Decimal("50.00")]
    assert _amounts(station) == zeros + [Decimal("10.00"), Decimal("20.00"), Decimal("30.00")]
    # the 合计 row is confirmed by the sums; which unit a row is only its printed order says: to review
    assert all(f.confidence >= 0.9 for f in total.values.values())
    for row in (own, centre, station):
        assert all(f.confidence < 0.9 for f in row.values.values())


def test_a_stream_no_single_grid_places_is_not_read_so(tmp_path):
    # the 上年结转结余 column's cells misprinted (30.00 for 20.00): 合计 200.00 ≠ 150.00 + 40.00 and no grid keeps
    # the sums: the table is not read by this reader (no unit row of it is read with its amounts)
    bad = AMOUNTS[:-3] + ["20.00", "10.00", "10.00"]
    for t in _income(tmp_path, _text(UNITS, bad)):
        assert t.method != "row-stream" or not any(r.name.value in UNITS for r in t.rows)
