"""A one-row 三公 table whose column labels plain pdftotext prints box by box with the amount under
each (row_stream._header_interleaved): the amounts are read as the table's one row, every one under
review, since the order printed says nothing of their columns and the 三公 sums leave several
placements (出国 and 接待 trade places, so do 购置 and 运行)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import SHARED
from extractor import Options, extract

# By hand: 合计 96.50 = 因公出国（境）费 12.00 + 公务接待费 4.50 + 车 80.00; 车 80.00 = 购置 30.00 + 运行 50.00.
BOXES = """某某市某某局2026年部门预算

预算09表 财政拨款“三公”经费支出表
金额单位：万元

公务用车购置及运行维护费
“三公”经费财政
拨款预算总额

因公出国（境）费
用

{total}

12.00

公务接待费
小计
4.50

80.00

公务用车购置费
30.00

公务用车运行维护费
50.00

预算10表 政府采购预算明细表
金额单位：万元
"""


def _three_rows(report):
    return [r for t in report.tables for r in t.rows if "三公" in r.name.value]


def test_amounts_printed_among_the_labels_are_read_for_review(tmp_path):
    path = tmp_path / "three.txt"
    path.write_text(BOXES.format(total="96.50"), encoding="utf-8")
    (row,) = _three_rows(extract(path, Options(ner=False)))
    values = sorted(f.value for f in row.values.values() if f.value is not None)
    assert values == [Decimal(v) for v in ("4.50", "12.00", "30.00", "50.00", "80.00", "96.50")]
    assert all(f.confidence < 0.9 for f in row.values.values())


def test_amounts_whose_sums_do_not_hold_are_not_read_as_the_row(tmp_path):
    # 97.50 is no sum of the others (12.00 + 4.50 + 80.00 = 96.50): not a 三公 row the order mixed
    path = tmp_path / "three.txt"
    path.write_text(BOXES.format(total="97.50"), encoding="utf-8")
    assert _three_rows(extract(path, Options(ner=False))) == []


CITY = SHARED / "real-corpus" / "city002_004.pdf"


@pytest.mark.skipif(not CITY.exists(), reason="../shared/real-corpus (the crawl of real reports) is absent")
def test_a_real_three_public_table_in_plain_pdftotext_is_read_for_review(tmp_path):
    """By hand from the PDF's 预算09表 财政拨款“三公”经费支出表: 总额 1,281.818875 = 出国 128.250000 + 接待
    10.526122 + 车 1,143.042753; 车 = 购置 491.282923 + 运行 651.759830. Plain pdftotext prints them among
    the column labels; all six are read, none at 0.9 or above."""
    import converted

    got = extract(converted.convert(CITY, "pdftotext", tmp_path), Options(ner=False))
    (row,) = _three_rows(got)
    values = sorted(f.value for f in row.values.values() if f.value is not None)
    assert values == sorted(Decimal(v) for v in ("1281.818875", "128.250000", "10.526122", "1143.042753",
                                                 "491.282923", "651.759830"))
    assert all(f.confidence < 0.9 for f in row.values.values())
