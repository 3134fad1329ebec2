"""Subject tables in pdftotext's default reading order (no `-layout`) that the row-stream reader
reads: codes scattered away from their rows (rows anchored on their names, codes from the
catalogue, checked by the parents' sums), the 合计 row's amounts printed among the header's words,
the unit line printed among the header's cells, the 栏次 numbers printed after the 合计 label; a
stream whose amounts stand among the header's words, declined; and, in a two-sided table, an
amount printed after a page break below a run of labels, sent to review; a 合计 row printed first
with its label among the moved codes (sub-columns under 基本支出), and an economic-classification
基本支出表 with its 类 code in the header and the 合计 row's last amount after a later row. Every
expected value was checked by hand against the fixtures (parents = Σ children, 合计 = 基本支出 +
项目支出, column sums)."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.evidence import policy

# 支出预算表 as pdftotext prints it: names and amounts row by row, the codes of the first rows printed
# after the 财政事务 row (`201 06 201 06 01`), 行政运行's 合计 printed before its codes (so 财政事务
# shows four amounts of three columns), the last rows' codes all at the table's end.
SCATTERED = """某某区某某局2025年部门预算
支出预算表
部门：某某区某某局
单位：万元
科目编码
类
款
科目名称
项
201
合计
基本支出
项目支出
合计
500.00
380.00
120.00
一般公共服务支出
400.00
300.00
100.00
财政事务
400.00
300.00
100.00
300.00
201
06
201
06
01
行政运行
300.00
201
06
99
其他财政事务支出
100.00
100.00
社会保障和就业支出
100.00
80.00
20.00
行政事业单位养老支出
100.00
80.00
20.00
机关事业单位基本养老保险缴费支出
80.00
80.00
其他行政事业单位养老支出
20.00
20.00
208
208
05
208
05
05
208
05
99
注：本表反映本部门本年度各项支出预算情况。
第6页
"""

# 支出预算表 with full codes on their rows, but the unit line printed between the header's cells and
# the 合计 row's amounts among the header's words (`合计 合计 基本支出 300.00 200.00 项目支出 100.00`).
HEADER_TOTAL = """某某县某某局2024年部门预算
2024年部门支出预算表
单位名称：某某县某某局
项
单位：万元
目
功能分类科目编码
支出预算
科目名称
合计
合计
基本支出
300.00
200.00
项目支出
100.00
201
一般公共服务支出
120.00
120.00
20106
财政事务
120.00
120.00
2010601
行政运行
120.00
120.00
208
社会保障和就业支出
180.00
80.00
100.00
20805
行政事业单位养老支出
180.00
80.00
100.00
2080505
机关事业单位基本养老保险缴费支出
80.00
80.00
2080599
其他行政事业单位养老支出
100.00
100.00
注：本表反映本部门本年度各项支出预算情况。
第6页
"""

# the reading order mixed names, amounts and codes: amounts before any row, names after codes
MIXED = """2026年预算单位支出预算总表
编制单位：某某活动室
单位：元
项目
支出预算
功能分类科目编码
功能分类科目名称
类
款
208
50,000
行政事业单位养老支出
50,000
50,000
30,000
30,000
20,000
20,000
农林水支出
700,000
600,000
100,000
农业农村
700,000
600,000
100,000
其他农业农村支出
700,000
600,000
100,000
750,000
630,000
120,000
208
05
02
事业单位离退休
208
05
99
其他行政事业单位养老支出
213
213
01
项目支出
50,000
05
01
基本支出
社会保障和就业支出
208
213
"""


def _extract(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    return extract(p)


def _vals(row) -> dict:
    return {k: v.value for k, v in row.values.items() if v is not None and v.value is not None}


def _by_code(table) -> dict:
    return {(r.code.value if r.code else r.name.value): r for r in table.rows}


def test_codes_scattered_through_the_stream_are_given_by_the_names(tmp_path):
    (t,) = [t for t in _extract(tmp_path, SCATTERED).tables if t.method == "row-stream"]
    rows = _by_code(t)
    assert list(rows) == ["合计", "201", "20106", "2010601", "2010699", "208", "20805", "2080505", "2080599"]
    d = Decimal
    assert _vals(rows["20106"]) == {"合计": d("400.00"), "基本支出": d("300.00"), "项目支出": d("100.00")}
    # the 合计 printed before its codes opens 行政运行's amounts again (財政事务 keeps three)
    assert _vals(rows["2010601"]) == {"合计": d("300.00"), "基本支出": d("300.00")}
    assert _vals(rows["2010699"]) == {"合计": d("100.00"), "项目支出": d("100.00")}
    assert _vals(rows["2080505"]) == {"合计": d("80.00"), "基本支出": d("80.00")}
    assert _vals(rows["2080599"]) == {"合计": d("20.00"), "项目支出": d("20.00")}
    assert _vals(rows["合计"]) == {"合计": d("500.00"), "基本支出": d("380.00"), "项目支出": d("120.00")}
    for r in t.rows:
        for v in r.values.values():
            assert v.value is None or v.confidence >= policy.REVIEW_THRESHOLD
    # the codes are the catalogue's, not printed on their rows: each says so
    code = rows["2080599"].code
    assert any(rp.kind == "layout.code_moved" and "scattered" in rp.note for rp in code.repairs)


def test_scattered_codes_whose_sums_fail_are_not_read(tmp_path):
    # 财政事务 400 is no longer 行政运行 + 其他财政事务支出 (300 + 90): nothing settles the rows
    text = SCATTERED.replace("其他财政事务支出\n100.00\n100.00", "其他财政事务支出\n90.00\n90.00")
    assert not [t for t in _extract(tmp_path, text).tables if t.method == "row-stream"]


def test_the_total_row_printed_among_the_header_words(tmp_path):
    (t,) = [t for t in _extract(tmp_path, HEADER_TOTAL).tables if t.method == "row-stream"]
    rows = _by_code(t)
    d = Decimal
    assert _vals(rows["合计"]) == {"合计": d("300.00"), "基本支出": d("200.00"), "项目支出": d("100.00")}
    # with the 合计 row, the column sums place the one-part rows (基本 200 = 120 + 80)
    assert _vals(rows["201"]) == {"合计": d("120.00"), "基本支出": d("120.00")}
    assert _vals(rows["2080599"]) == {"合计": d("100.00"), "项目支出": d("100.00")}
    assert rows["201"].values["基本支出"].confidence >= policy.REVIEW_THRESHOLD
    assert list(rows) == ["合计", "201", "20106", "2010601", "208", "20805", "2080505", "2080599"]


def test_header_amounts_that_are_no_total_row_decline_the_table(tmp_path):
    text = HEADER_TOTAL.replace("合计\n合计\n基本支出\n300.00", "合计\n合计\n基本支出\n310.00")
    assert not [t for t in _extract(tmp_path, text).tables if t.method == "row-stream"]


def test_a_stream_with_amounts_among_the_header_words_is_not_read(tmp_path):
    report = _extract(tmp_path, MIXED)
    assert not [t for t in report.tables if t.method == "row-stream"]
    # no code part (213, 208, 05) is ever taken for an amount
    for t in report.tables:
        for r in t.rows:
            assert not {v.value for v in r.values.values()} & {Decimal(213), Decimal(208), Decimal(5)}


def test_column_numbers_printed_after_the_total_label_are_no_amounts(tmp_path):
    text = """政府性基金预算财政拨款收入支出决算表
公开07表
部门：某某局
项
单位：万元
目
本年支出
年初结转和结余
科目代码
本年收入
年末结转和结余
科目名称
栏次
合计
1
2
0
0
注：本表反映本部门本年度政府性基金预算财政拨款收入、支出及结转结余情况。
"""
    for t in _extract(tmp_path, text).tables:
        for r in t.rows:
            assert not {v.value for v in r.values.values()} & {Decimal(1), Decimal(2)}


# 财政拨款收支总表 (公开04表) as pdftotext prints it: labels one per line, each amount on the line after
# its label; 卫生健康支出's amount went past the page's end, after 援助其他地区支出 and the page number
# (the running header and page numbers repeat on each page, so normalize takes them out).
SIDES_BREAK = """某某市某某局2026 年度单位预算公开

公开 04 表

财政拨款收支总表
单位：某某市某某局

单位：万元
收入

项目

支出
预算数

项目

一、本年收入

1,000.00 一、本年支出

（一）一般公共预算拨款

1,000.00 （一）一般公共服务支出

预算数
1,000.00

（二）政府性基金预算拨款

（二）外交支出

（三）国有资本经营预算拨款

（三）国防支出

二、上年结转

（四）公共安全支出

（一）一般公共预算拨款

（五）教育支出

500.00

（二）政府性基金预算拨款

（六）科学技术支出

300.00

（三）国有资本经营预算拨款

（七）文化旅游体育与传媒支出
（八）社会保障和就业支出

100.00

（九）社会保险基金支出
（十）卫生健康支出
（十一）节能环保支出
（十二）城乡社区支出
（十三）农林水支出
（十四）交通运输支出
（十五）资源勘探工业信息等支出
（十六）商业服务业等支出
（十七）金融支出
（十八）援助其他地区支出

- 7 -

40.00


某某市某某局2026 年度单位预算公开

（十九）自然资源海洋气象等支出
（二十）住房保障支出

60.00

（二十一）粮油物资储备支出
（二十二）国有资本经营预算支出
（二十三）灾害防治及应急管理支出
（二十四）预备费
（二十五）其他支出
（二十六）转移性支出
（二十七）债务还本支出
"""


def test_an_amount_after_a_page_break_is_not_placed_on_the_label_above_it_for_certain(tmp_path):
    (t,) = [t for t in _extract(tmp_path, SIDES_BREAK).tables if t.title == "财政拨款收支总表"]
    got = {r.name.value: v for r in t.rows for v in r.values.values() if v.value is not None}
    # printed right under their labels on the same page: read
    assert got["教育支出"].value == Decimal("500.00") and got["教育支出"].confidence >= policy.REVIEW_THRESHOLD
    assert got["社会保障和就业支出"].value == Decimal("100.00")
    assert got["社会保障和就业支出"].confidence >= policy.REVIEW_THRESHOLD
    # 40.00 is 卫生健康支出's in the PDF: under 援助其他地区支出 only after a page break, so in review
    moved = got["援助其他地区支出"]
    assert moved.value == Decimal("40.00") and moved.confidence < policy.REVIEW_THRESHOLD
    assert any("page break" in r.note for r in moved.repairs)


# 公开05表 as pdftotext prints it: the header's last words (`项` `本年支出`) after the 合计 row with the
# 合计's 基本支出 after them, 其他科学技术管理事务支出's second amount after 行政事业单位养老支出's, the
# 合计's 项目支出 after the last row (合计 500 = 360 + 140; 项目支出 140 = 40 + 100, 基本支出 360 = 300 + 60).
STRAYS = """一般公共预算财政拨款支出决算表
公开05表
部门：某某县某某局
单位：万元
项目
功能分类科目编码
类
款
201
99
201
99
科目名称
小计
基本支出
项目支出
栏次
1
2
3
合计
500.00
项
201
99
206
本年支出
360.00
一般公共服务支出
40.00
40.00
其他一般公共服务支出
40.00
40.00
其他一般公共服务支出
40.00
40.00
科学技术支出
400.00
300.00
100.00
科学技术管理事务
400.00
300.00
100.00
300.00
206
01
206
01
01
行政运行
300.00
206
01
99
其他科学技术管理事务支出
100.00
社会保障和就业支出
60.00
60.00
行政事业单位养老支出
60.00
60.00
208
100.00
208
05
208
05
05
机关事业单位基本养老保险缴费支出
60.00
60.00
140.00
注：本表反映本部门本年度一般公共预算财政拨款实际支出情况。
第8页
"""


def test_header_words_after_the_first_rows_and_amounts_printed_after_a_later_row(tmp_path):
    (t,) = [t for t in _extract(tmp_path, STRAYS).tables if t.method == "row-stream"]
    rows = _by_code(t)
    d = Decimal
    assert list(rows) == ["合计", "201", "20199", "2019999", "206", "20601", "2060101", "2060199", "208", "20805",
                          "2080505"]
    assert _vals(rows["合计"]) == {"本年支出/小计": d("500.00"), "本年支出/基本支出": d("360.00"),
                                   "本年支出/项目支出": d("140.00")}
    assert _vals(rows["2060199"]) == {"本年支出/小计": d("100.00"), "本年支出/项目支出": d("100.00")}
    assert _vals(rows["20805"]) == {"本年支出/小计": d("60.00"), "本年支出/基本支出": d("60.00")}
    assert _vals(rows["2080505"]) == {"本年支出/小计": d("60.00"), "本年支出/基本支出": d("60.00")}
    assert _vals(rows["201"]) == {"本年支出/小计": d("40.00"), "本年支出/项目支出": d("40.00")}
    for r in t.rows:
        for v in r.values.values():
            assert v.value is None or v.confidence >= policy.REVIEW_THRESHOLD


# 一般公共预算支出表 with sub-columns under 基本支出 (合计 | 基本支出: 小计 人员经费 公用经费 | 项目支出) as
# pdftotext prints it: the 合计 row's amounts right after the header's last word, its 合计 label printed
# further down among the moved codes of the 类 / 款 rows (`合计` `201` `20101` …); 项 rows keep their
# codes. Checked by hand: 合计 = 小计 + 项目支出, 小计 = 人员经费 + 公用经费, each parent the sum of its
# children in every column, the 合计 row the sum of the 类 rows.
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


def test_total_row_before_the_rows_its_label_among_the_moved_codes(tmp_path):
    (t,) = [t for t in _extract(tmp_path, LEAD_TOTAL).tables if t.method == "row-stream"]
    rows = _by_code(t)
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
    rows = _by_code(t)
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


def test_economic_table_under_a_financial_allocation_header(tmp_path):
    # 财政拨款基本支出表（经济科目）: the same columns under 本年财政拨款基本支出 (a standard set of its own)
    text = ECONOMIC.replace("一般公共预算基本支出表", "财政拨款基本支出表（经济科目）").replace(
        "本年一般公共预算基本支出", "本年财政拨款基本支出")
    (t,) = [t for t in _extract(tmp_path, text).tables if t.method == "row-stream"]
    rows = _by_code(t)
    d = Decimal
    vals = {k: {c.rpartition("/")[2]: v for c, v in _vals(r).items()} for k, r in rows.items()}
    assert vals["合计"] == {"合计": d("230.00"), "人员经费": d("200.00"), "公用经费": d("30.00")}
    assert vals["30201"] == {"合计": d("10.00"), "公用经费": d("10.00")}
