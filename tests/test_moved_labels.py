"""A subject table whose `[code]name` labels pdftotext printed apart from their amounts (the labels of
a 类 and of rows drawn later stand together at the page's end): rows put back by code order and taken
only where every parent's sums hold (structure/moved_labels.py)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import SHARED
from extractor import extract

# hand-made in the shape of Guangdong's 表5 through pdftotext: rows 206, 208 and 20805 print their
# amounts among the others' but their labels after the last row
LABELS_AT_PAGE_END = """表5

一般公共预算支出情况表（按功能分类科目）
单位名称：某某局

功能科目名称

合计

单位：万元

一般公共预算支出

小计

其中：基本支出

项目支出

300.00

100.00

200.00

250.00

50.00

200.00

[20601]科学技术管理事务

40.00

40.00

0.00

[2060101]行政运行

40.00

40.00

0.00

[20605]科技条件与服务

210.00

10.00

200.00

[2060501]机构运行

10.00

10.00

0.00

[2060503]科技条件专项

200.00

0.00

200.00

50.00

50.00

0.00

50.00

50.00

0.00

[2080501]行政单位离退休

30.00

30.00

0.00

[2080505]机关事业单位基本养老保险缴费支出

20.00

20.00

0.00

[206]科学技术支出

[208]社会保障和就业支出

[20805]行政事业单位养老支出

注：无。
"""


def _rows(r, title):
    t = next(t for t in r.tables if title in (t.title or ""))
    return [(row.code.value if row.code else str(row.name.value),
             [f.value for f in row.values.values()], min(f.confidence for f in row.values.values()))
            for row in t.rows]


def test_labels_moved_to_the_page_end_go_back_by_code_order(tmp_path):
    p = tmp_path / "moved.txt"
    p.write_text(LABELS_AT_PAGE_END, encoding="utf-8")
    rows = _rows(extract(p), "一般公共预算支出情况表")
    d = [Decimal(x) for x in ("0.00", "10.00", "20.00", "30.00", "40.00", "50.00", "100.00", "200.00", "210.00",
                              "250.00", "300.00")]
    z, ten, twenty, thirty, forty, fifty, hundred, h200, h210, h250, h300 = d
    assert [(c, v) for c, v, _ in rows] == [
        ("合计", [h300, hundred, h200]), ("206", [h250, fifty, h200]), ("20601", [forty, forty, z]),
        ("2060101", [forty, forty, z]), ("20605", [h210, ten, h200]), ("2060501", [ten, ten, z]),
        ("2060503", [h200, z, h200]), ("208", [fifty, fifty, z]), ("20805", [fifty, fifty, z]),
        ("2080501", [thirty, thirty, z]), ("2080505", [twenty, twenty, z])]
    assert all(conf >= 0.9 for *_, conf in rows)
    # 2060503's amounts changed: 20605 is no longer the sum of its children, so the order is not
    # confirmed and the moved rows get nothing confidently
    p = tmp_path / "broken.txt"
    p.write_text(LABELS_AT_PAGE_END.replace("200.00\n\n0.00\n\n200.00\n\n50.00", "190.00\n\n0.00\n\n190.00\n\n50.00"),
                 encoding="utf-8")
    r = extract(p)
    got = [(row.code.value if row.code else None, f.value) for t in r.tables for row in t.rows
           for f in row.values.values() if f.value is not None and f.confidence >= 0.9]
    assert ("206", Decimal("250.00")) not in got and ("208", Decimal("50.00")) not in got


def test_real_guangzhou_general_table_through_pdftotext(tmp_path):
    import converted

    pdf = SHARED / "real-corpus" / "city005_016.pdf"
    if not pdf.exists():
        pytest.skip(reason=f"{pdf} is not there (the shared corpus is absent)")
    try:
        r = extract(converted.convert(pdf, "pdftotext", tmp_path))
    except converted.ConverterMissing:
        pytest.skip(reason="pdftotext is not installed")
    rows = {c: v for c, v, conf in _rows(r, "一般公共预算支出情况表（按功能分类科目）") if conf >= 0.9}
    # as printed in the PDF's 表5: 206 科学技术支出 94,158.15 | 7,911.51 | 86,246.64; 208 1,447.33 |
    # 1,447.33 | 0.00 (its label printed after the table's last row); 22102 住房改革支出 3,269.11
    assert rows["206"] == [Decimal("94158.15"), Decimal("7911.51"), Decimal("86246.64")]
    assert rows["208"] == [Decimal("1447.33"), Decimal("1447.33"), Decimal("0.00")]
    assert rows["22102"] == [Decimal("3269.11"), Decimal("3269.11"), Decimal("0.00")]
