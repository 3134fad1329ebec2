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


# Guangdong's 本年支出总体情况表 through pdftotext (a city's budget, shortened to its 类 201, 208 and 210 and
# the 合计 row's 合计 and 项目支出 set to their sums: 45,305.35 = 42,753.31 + 2,366.15 + 185.89, 37,785.91 =
# 37,785.91 + 0.00 + 0.00): 科目编码 and 科目名称 are cells of their own; 201's code stands among the
# header's words, the codes and names of 20109 … 2011301 together before 2011302's, those of 2019999 and
# 208 before 20805's amounts, of 2080505, 2080506 and 20899 (names broken over two lines) at the page's
# end, of 2089999 and 210 among the header's words printed again on the next page. By hand: 201
# 42,753.31 = 20109 9,182.50 + 20113 30,931.14 + 20132 2.06 + 20136 23.13 + 20199 2,614.48; 20113
# 30,931.14 = 4,967.40 + 56.03 + 50.16 + 144.10 + 25,713.45; 20805 2,364.87 = 1,761.17 + 402.46 + 201.24.
CODE_CELLS_APART = "\n\n".join((
    "表3|本年支出总体情况表|单位名称：某某局|单位：万元|功能分类科目|科目编码|201|科目名称|合计|基本支出|项目支出|事业单位经营支出|对附属单位补助支|出|上缴上级支出|"
    "合计|45,305.35|7,519.44|37,785.91|0.00|0.00|0.00|一般公共服务支出|42,753.31|4,967.40|37,785.91|0.00|0.00|"
    "0.00|9,182.50|0.00|9,182.50|0.00|0.00|0.00|9,182.50|0.00|9,182.50|0.00|0.00|0.00|30,931.14|"
    "4,967.40|25,963.74|0.00|0.00|0.00|4,967.40|4,967.40|0.00|0.00|0.00|0.00|20109|海关事务|2010999|"
    "其他海关事务支出|20113|商贸事务|2011301|行政运行|2011302|一般行政管理事务|56.03|0.00|56.03|0.00|0.00|0.00|2011304|"
    "对外贸易管理|50.16|0.00|50.16|0.00|0.00|0.00|2011308|招商引资|144.10|0.00|144.10|0.00|0.00|0.00|2011399|"
    "其他商贸事务支出|25,713.45|0.00|25,713.45|0.00|0.00|0.00|2.06|0.00|2.06|0.00|0.00|0.00|20132|组织事务|"
    "2013299|其他组织事务支出|2.06|0.00|2.06|0.00|0.00|0.00|20136|其他共产党事务支出|23.13|0.00|23.13|0.00|0.00|0.00|"
    "2013699|其他共产党事务支出|23.13|0.00|23.13|0.00|0.00|0.00|20199|其他一般公共服务支出|2,614.48|0.00|2,614.48|0.00|"
    "0.00|0.00|2,614.48|0.00|2,614.48|0.00|0.00|0.00|2,366.15|2,366.15|0.00|0.00|0.00|0.00|2019999|"
    "208|其他一般公共服务支出|社会保障和就业支出|20805|行政事业单位养老支出|2,364.87|2,364.87|0.00|0.00|0.00|0.00|2080501|"
    "行政单位离退休|1,761.17|1,761.17|0.00|0.00|0.00|0.00|402.46|402.46|0.00|0.00|0.00|0.00|201.24|201.24|"
    "0.00|0.00|0.00|0.00|1.28|1.28|0.00|0.00|0.00|0.00|2080505|2080506|20899|机关事业单位基本养老保险缴|费支出|"
    "机关事业单位职业年金缴费支|出|其他社会保障和就业支出|-7-|功能分类科目|科目编码|2089999|210|科目名称|其他社会保障和就业支出|卫生健康支出|合计|基本支出|项目支出|"
    "事业单位经营支出|对附属单位补助支|出|上缴上级支出|1.28|1.28|0.00|0.00|0.00|0.00|185.89|185.89|0.00|0.00|0.00|0.00"
).split("|")) + "\n"


def _read_cells(tmp_path, text: str):
    p = tmp_path / "cells.txt"
    p.write_text(text, encoding="utf-8")
    return extract(p)


def test_code_and_name_cells_apart_from_their_amounts_go_back_by_code_order(tmp_path):
    r = _read_cells(tmp_path, CODE_CELLS_APART)
    t = next(t for t in r.tables if "本年支出总体情况表" in (t.title or ""))
    got = {(row.code.value if row.code else row.name.value): (row.name.value, [str(f.value) for f in
                                                                              list(row.values.values())[:3]])
           for row in t.rows}
    assert len(t.rows) == 24 and list(got)[:3] == ["合计", "201", "20109"]
    assert got["合计"] == ("合计", ["45305.35", "7519.44", "37785.91"])
    assert got["20109"] == ("海关事务", ["9182.50", "0.00", "9182.50"])
    assert got["2011301"] == ("行政运行", ["4967.40", "4967.40", "0.00"])
    assert got["2011302"] == ("一般行政管理事务", ["56.03", "0.00", "56.03"])
    assert got["2019999"] == ("其他一般公共服务支出", ["2614.48", "0.00", "2614.48"])
    assert got["208"] == ("社会保障和就业支出", ["2366.15", "2366.15", "0.00"])
    assert got["2080505"] == ("机关事业单位基本养老保险缴费支出", ["402.46", "402.46", "0.00"])
    assert got["2080506"] == ("机关事业单位职业年金缴费支出", ["201.24", "201.24", "0.00"])
    assert got["2089999"] == ("其他社会保障和就业支出", ["1.28", "1.28", "0.00"])
    assert got["210"] == ("卫生健康支出", ["185.89", "185.89", "0.00"])
    assert all(f.confidence >= 0.9 for row in t.rows for f in row.values.values())


def test_code_cells_apart_whose_sums_fail_are_not_placed(tmp_path):
    # 2011302's 56.03 printed 56.13: 20113 is no longer the sum of its children, so no row of that group
    # keeps a confident 合计, and every amount still confident is the one the intact table gives its row
    # (another reader may place the rows whose sums still hold)
    good = _read_cells(tmp_path, CODE_CELLS_APART)
    truth = {(row.code.value if row.code else row.name.value, col): f.value for t in good.tables
             for row in t.rows for col, f in row.values.items()}
    r = _read_cells(tmp_path, CODE_CELLS_APART.replace("56.03", "56.13"))
    confident = [((row.code.value if row.code else row.name.value, col), f.value) for t in r.tables
                 for row in t.rows for col, f in row.values.items()
                 if f.value is not None and f.confidence >= 0.9]
    assert all(truth.get(key) == value for key, value in confident)
    broken = {"20113", "2011301", "2011302", "2011304", "2011308", "2011399"}
    assert not [key for key, _ in confident if key[0] in broken and key[1] == "合计"]
