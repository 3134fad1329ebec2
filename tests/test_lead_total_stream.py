"""pdftotext's default order (no `-layout`) of a budget 一般公共预算支出表 with sub-columns under 基本支出
(合计 | 基本支出: 小计 人员经费 公用经费 | 项目支出): one cell per line, blank cells absent, the 合计
row's amounts right after the header's last word with its 合计 label printed further down among the
moved codes of the 类 / 款 rows (`合计` `201` `20101` …); 项 rows keep their codes. Read by the
row-stream reader's `moved_codes.by_names` (rows by their names, codes from the catalogue, the
parents' sums and the column set's identities checked). Every expected value was checked by hand
against the fixture: 合计 = 小计 + 项目支出, 小计 = 人员经费 + 公用经费, each parent the sum of its children
in every column, the 合计 row the sum of the 类 rows."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.evidence import policy

LEAD_TOTAL = """某某市某某局2026年度单位预算公开
公开 07 表
一般公共预算支出表
单位：某某市某某局
单位：万元
基本支出
科目编码
科目名称
合计
小计
人员经费
公用经费
项目支出
190.50
160.50
140.00
20.50
30.00
一般公共服务支出
150.50
120.50
100.00
20.50
30.00
人大事务
150.50
120.50
100.00
20.50
30.00
2010101
行政运行
120.50
120.50
100.00
20.50
2010102
一般行政管理事务
30.00
30.00
社会保障和就业支出
40.00
40.00
40.00
行政事业单位养老支出
40.00
40.00
40.00
2080505
机关事业单位基本养老保险缴费支出
40.00
40.00
40.00
合计
201
20101
208
20805

- 22 -
"""


def _extract(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    return extract(p)


def _vals(row) -> dict:
    return {k: v.value for k, v in row.values.items() if v is not None and v.value is not None}


def test_total_row_before_the_rows_its_label_among_the_moved_codes(tmp_path):
    (t,) = [t for t in _extract(tmp_path, LEAD_TOTAL).tables if t.method == "row-stream"]
    rows = {(r.code.value if r.code else r.name.value): r for r in t.rows}
    assert list(rows) == ["合计", "201", "20101", "2010101", "2010102", "208", "20805", "2080505"]
    d = Decimal
    assert _vals(rows["合计"]) == {"合计": d("190.50"), "基本支出/小计": d("160.50"), "基本支出/人员经费": d("140.00"),
                                 "基本支出/公用经费": d("20.50"), "项目支出": d("30.00")}
    assert _vals(rows["20101"]) == {"合计": d("150.50"), "基本支出/小计": d("120.50"), "基本支出/人员经费": d("100.00"),
                                  "基本支出/公用经费": d("20.50"), "项目支出": d("30.00")}
    assert _vals(rows["2010101"]) == {"合计": d("120.50"), "基本支出/小计": d("120.50"),
                                    "基本支出/人员经费": d("100.00"), "基本支出/公用经费": d("20.50")}
    assert _vals(rows["2010102"]) == {"合计": d("30.00"), "项目支出": d("30.00")}
    for r in t.rows:
        for v in r.values.values():
            assert v.value is None or v.confidence >= policy.REVIEW_THRESHOLD
    # the 类 / 款 codes are the catalogue's (moved by the converter): each says so
    assert any(rp.kind == "layout.code_moved" for rp in rows["201"].code.repairs)
    assert rows["201"].code.confidence < 0.9


def test_lead_amounts_that_break_the_column_identity_decline_the_table(tmp_path):
    # 合计 190.50 is no longer 小计 + 项目支出 (160.50 + 31.00): the amounts are no 合计 row
    text = LEAD_TOTAL.replace("20.50\n30.00\n一般公共服务支出", "20.50\n31.00\n一般公共服务支出", 1)
    assert not [t for t in _extract(tmp_path, text).tables if t.method == "row-stream"]


def test_lead_amounts_without_a_total_label_decline_the_table(tmp_path):
    text = LEAD_TOTAL.replace("合计\n201\n20101", "201\n20101")
    assert not [t for t in _extract(tmp_path, text).tables if t.method == "row-stream"]


def test_lead_total_that_is_not_the_sum_of_the_lei_rows_declines_the_table(tmp_path):
    # every column's identity still holds, but 合计 190.50 ≠ 201 + 208 (140.50 + 40.00)
    text = (LEAD_TOTAL.replace("150.50\n120.50\n100.00\n20.50\n30.00\n人大事务", "140.50\n110.50\n90.00\n20.50\n30.00\n人大事务"))
    assert not [t for t in _extract(tmp_path, text).tables if t.method == "row-stream"]


# 一般公共预算基本支出表 (economic classification) as pdftotext prints it: the 类 code 301 moved into the
# header, 302 printed before the 合计 row's last amount (公用经费 30.00), which stands after a later
# row's amounts; 款 rows keep their codes.
ECONOMIC = """某某市某某局2026年度单位预算公开
公开 08 表
一般公共预算基本支出表
单位：某某市某某局
单位：万元
部门预算支出经济分类科目
科目编码
301
本年一般公共预算基本支出
科目名称
合计
人员经费
公用经费
合计
230.00
200.00
工资福利支出
200.00
200.00
30101
基本工资
120.00
120.00
30102
津贴补贴
80.00
80.00
302
30.00
商品和服务支出
30.00
30.00
30201
办公费
10.00
10.00
30211
差旅费
20.00
20.00

- 24 -
"""


def test_economic_table_with_its_lei_code_in_the_header_and_the_total_amount_after_a_later_row(tmp_path):
    (t,) = [t for t in _extract(tmp_path, ECONOMIC).tables if t.method == "row-stream"]
    rows = {(r.code.value if r.code else r.name.value): r for r in t.rows}
    assert list(rows) == ["合计", "301", "30101", "30102", "302", "30201", "30211"]
    d = Decimal
    vals = {k: {c.rpartition("/")[2]: v for c, v in _vals(r).items()} for k, r in rows.items()}
    # the 30.00 printed after 津贴补贴's amounts is the 合计 row's 公用经费 (230.00 = 200.00 + 30.00)
    assert vals["合计"] == {"合计": d("230.00"), "人员经费": d("200.00"), "公用经费": d("30.00")}
    assert vals["30102"] == {"合计": d("80.00"), "人员经费": d("80.00")}
    assert vals["301"] == {"合计": d("200.00"), "人员经费": d("200.00")}
    assert vals["302"]["合计"] == d("30.00")
    assert any(rp.kind == "layout.code_moved" for rp in rows["301"].code.repairs)
    for r in t.rows:
        for v in r.values.values():
            assert v.value is None or v.confidence >= policy.REVIEW_THRESHOLD


def test_an_amount_after_a_later_row_that_completes_no_row_is_never_confident(tmp_path):
    # 31.00 completes neither the 合计 row (230.00 ≠ 200.00 + 31.00) nor 津贴补贴
    text = ECONOMIC.replace("302\n30.00\n商品", "302\n31.00\n商品")
    for t in _extract(tmp_path, text).tables:
        for r in t.rows:
            for v in r.values.values():
                if v is not None and v.value == Decimal("31.00"):
                    assert v.confidence < policy.REVIEW_THRESHOLD
