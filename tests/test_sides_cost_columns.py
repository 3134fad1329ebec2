"""A unit's 财务收支预算总表 read by `sides-words`: the income side one column (预算数), the expenditure side
split by cost, 合计 | 基本支出 (人员经费 公用经费) | 项目支出, as pdftotext without -layout and pdfminer print it.

Amounts checked by hand. Expenditure: 一般公共服务支出 4,000,000.50 = 1,199,999.80 + 300,000.40 +
2,500,000.30, its parts printed to the yuan (1,200,000 + 300,000 + 2,500,000 = 4,000,000, 0.50 off: within
the half yuan each whole-yuan part may carry); 教育支出 600,000.00 and 住房保障支出 400,000.00 all 人员经费.
支出总计: 合计 4,000,000.50 + 600,000 + 400,000 = 5,150,000.50; 人员经费 1,200,000 + 600,000 + 400,000 =
2,350,000; 公用经费 300,000; 项目支出 2,500,000. Income: 财政拨款收入 5,150,000.50 (its sub-item 一般公共预算
the same), every other item 0; 收入总计 5,150,000.50."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.datamodel import NLine
from extractor.evidence import policy
from extractor.structure.sides_columns import Piece, adds_up, printed_rounding

HEAD = """2026年预算单位财务收支预算总表
编制单位：某某单位

单位：元

本年收入

本年支出
预算数

项目

预算数

项目

合计

基本支出
人员经费

公用经费

项目支出

"""

# pdftotext without -layout: every cell printed, 0.00 included
EVERY_CELL = HEAD + """一、财政拨款收入

5,150,000.50 一、一般公共服务支出

4,000,000.50

1,200,000

300,000

2,500,000

1、一般公共预算

5,150,000.50 二、教育支出

600,000.00

600,000.00

0.00

0.00

2、政府性基金预算

0.00 三、住房保障支出

400,000.00

400,000.00

0.00

0.00

3、国有资本经营预算

0.00 四、卫生健康支出

150,000.00

150,000.00

0.00

0.00

二、事业收入

0.00

三、事业单位经营收入

0.00

四、其他收入

0.00

5,150,000.50

2,350,000

300,000

2,500,000

收入总计

5,150,000.50

支出总计
"""

# pdfminer: a row's blank-looking cells (0.00) printed after the last row's amounts, the income labels
# without amounts stacked, then their zeros
ZEROS_APART = HEAD + """一、财政拨款收入

5,150,000.50  一、一般公共服务支出

4,000,000.50 

1,200,000 

300,000 

2,500,000 

1、一般公共预算

5,150,000.50  二、教育支出

600,000.00  600,000.00 

2、政府性基金预算

0.00  三、住房保障支出

400,000.00 

400,000.00 

3、国有资本经营预算

0.00  四、卫生健康支出

150,000.00  150,000.00 

0.00 

0.00 

0.00 

0.00 

0.00 

0.00 

二、事业收入

三、事业单位经营收入

四、其他收入

0.00 

0.00 

0.00 

收入总计

5,150,000.50 

支出总计

5,150,000.50 

2,350,000 

300,000 

2,500,000 
"""

# pdftotext -layout: one line per row, every cell printed
LAYOUT = """                                2026年预算单位财务收支预算总表
编制单位：某某单位                                                                          单位：元

         本年收入                                      本年支出
                                                                     预算数
    项目           预算数               项目                               基本支出
                                              合计                                       项目支出
                                                             人员经费          公用经费
一、财政拨款收入          5,150,000.50 一、一般公共服务支出         4,000,000.50      1,200,000      300,000    2,500,000
1、一般公共预算          5,150,000.50 二、教育支出               600,000.00     600,000.00         0.00         0.00
2、政府性基金预算                 0.00 三、住房保障支出             400,000.00     400,000.00         0.00         0.00
3、国有资本经营预算                0.00 四、卫生健康支出             150,000.00     150,000.00         0.00         0.00
二、事业收入                    0.00
三、事业单位经营收入                0.00
四、其他收入                    0.00
收入总计              5,150,000.50 支出总计               5,150,000.50      2,350,000      300,000    2,500,000
"""

WANT = {
    "财政拨款收入": {"预算数": "5150000.50"},
    "一般公共预算": {"预算数": "5150000.50"},
    "政府性基金预算": {"预算数": "0"},
    "国有资本经营预算": {"预算数": "0"},
    "事业收入": {"预算数": "0"},
    "事业单位经营收入": {"预算数": "0"},
    "其他收入": {"预算数": "0"},
    "收入总计": {"预算数": "5150000.50"},
    "一般公共服务支出": {"合计": "4000000.50", "人员经费": "1200000", "公用经费": "300000", "项目支出": "2500000"},
    "教育支出": {"合计": "600000", "人员经费": "600000", "公用经费": "0", "项目支出": "0"},
    "住房保障支出": {"合计": "400000", "人员经费": "400000", "公用经费": "0", "项目支出": "0"},
    "卫生健康支出": {"合计": "150000", "人员经费": "150000", "公用经费": "0", "项目支出": "0"},
    "支出总计": {"合计": "5150000.50", "人员经费": "2350000", "公用经费": "300000", "项目支出": "2500000"},
}


def _extract(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text("报告\n\n" + text, encoding="utf-8")
    return extract(p)


def _table(report, method: str = "sides-words"):
    found = [t for t in report.tables if t.method == method]
    assert len(found) == 1
    return found[0]


def _fields(table) -> dict[str, dict]:
    return {r.name.value: {c: f for c, f in r.values.items() if f is not None and f.value is not None}
            for r in table.rows}


def _piece(text: str) -> Piece:
    return Piece(text, NLine(text=text, orig=text, no=1), True)


def test_every_cell_printed_the_whole_yuan_parts_add_up_to_the_total_in_cents(tmp_path):
    got = _fields(_table(_extract(tmp_path, EVERY_CELL)))
    assert {k: {c: f.value for c, f in v.items()} for k, v in got.items()} == {
        k: {c: Decimal(x) for c, x in v.items()} for k, v in WANT.items()}
    assert all(f.confidence >= policy.REVIEW_THRESHOLD for v in got.values() for f in v.values())


def test_blank_cells_absent_the_total_row_places_the_parts_and_the_zeros_apart_fill_the_blank_cells(tmp_path):
    got = _fields(_table(_extract(tmp_path, ZEROS_APART)))
    assert {k: {c: f.value for c, f in v.items()} for k, v in got.items()} == {
        k: {c: Decimal(x) for c, x in v.items()} for k, v in WANT.items()}
    # 教育支出 printed two amounts, placed by the 人员经费 column of 支出总计 (1,200,000 + x + 400,000 = 2,350,000)
    assert all(f.confidence >= policy.REVIEW_THRESHOLD for v in got.values() for f in v.values())


def test_layout_rows_name_the_cost_columns(tmp_path):
    # the header's columns are a standard set now, not guessed (列1 … in review before)
    got = _fields(_table(_extract(tmp_path, LAYOUT), "spaced"))
    assert {k: {c: f.value for c, f in v.items()} for k, v in got.items()} == {
        k: {c: Decimal(x) for c, x in v.items()} for k, v in WANT.items()}
    assert all(f.confidence >= policy.REVIEW_THRESHOLD for v in got.values() for f in v.values())


def test_zeros_apart_that_do_not_match_the_blank_cells_decline_the_reading(tmp_path):
    text = ZEROS_APART.replace("150,000.00 \n\n0.00 \n\n", "150,000.00 \n\n", 1)  # one zero fewer
    report = _extract(tmp_path, text)
    assert not [t for t in report.tables if t.method == "sides-words"]


def test_parts_the_total_row_cannot_tell_apart_go_to_review(tmp_path):
    # 教育支出 and 住房保障支出 both 500,000 in one of 人员经费 / 公用经费: 人员经费 1,200,000 + 500,000 +
    # 150,000 = 1,850,000 and 公用经费 300,000 + 500,000 = 800,000 hold either way round
    text = (EVERY_CELL
            .replace("600,000.00\n\n600,000.00\n\n0.00\n\n0.00\n\n", "500,000.00\n\n500,000.00\n\n")
            .replace("400,000.00\n\n400,000.00\n\n0.00\n\n0.00\n\n", "500,000.00\n\n500,000.00\n\n")
            .replace("5,150,000.50\n\n2,350,000\n\n300,000\n\n", "5,150,000.50\n\n1,850,000\n\n800,000\n\n"))
    got = _fields(_table(_extract(tmp_path, text)))
    for name in ("教育支出", "住房保障支出"):
        assert got[name]["合计"].value == Decimal("500000")
        assert got[name]["合计"].confidence >= policy.REVIEW_THRESHOLD
        (part,) = [f for c, f in got[name].items() if c != "合计"]
        assert part.value == Decimal("500000") and part.confidence < policy.REVIEW_THRESHOLD
    assert got["支出总计"]["人员经费"].value == Decimal("1850000")
    assert got["支出总计"]["人员经费"].confidence >= policy.REVIEW_THRESHOLD


def test_a_row_off_by_more_than_its_printed_rounding_is_no_row():
    parts = [_piece("1,200,000"), _piece("300,000"), _piece("2,500,000")]
    assert adds_up(_piece("4,000,000.50"), parts)
    assert adds_up(_piece("4,000,001.49"), parts)  # three whole-yuan parts: up to 1.50 off
    assert not adds_up(_piece("4,000,001.60"), parts)
    # parts printed to the total's places carry a cent each, not half a unit
    assert not adds_up(_piece("101"), [_piece("50"), _piece("50")])
    assert adds_up(_piece("100.02"), [_piece("50.01"), _piece("50.00")])
    assert printed_rounding(_piece("12,604,173"), _piece("79,189,400.34")) == Decimal("0.5")
    assert printed_rounding(_piece("2.5"), _piece("3.25")) == Decimal("0.05")
    assert printed_rounding(_piece("2.50"), _piece("3.25")) == Decimal("0.011")


# pypdf: one line per row without positions, blank cells absent (社会保障和就业支出 prints no 项目支出)
ROWS_NO_BLANKS = """2026年预算单位财务收支预算总表
编制单位：某某活动室 单位：元
本年收入 本年支出
项目 预算数 项目
预算数
合计
基本支出
项目支出
人员经费 公用经费
一、财政拨款收入 866,296 一、社会保障和就业支出 40,340 39,540 800
　　1、一般公共预算 866,296 二、农林水支出 825,956 172,800 587,090 66,066
　　2、政府性基金预算
　　3、国有资本经营预算
二、事业收入
三、事业单位经营收入
四、其他收入
收入总计 866,296 支出总计 866,296 212,340 587,890 66,066
"""


def test_rows_without_blank_cells_are_placed_by_the_total_that_closes_the_numbered_items(tmp_path):
    # 40,340 = 39,540 + 800 in any two of the three part columns; 支出总计's columns settle it: 人员经费
    # 212,340 - 172,800 = 39,540, 公用经费 587,890 - 587,090 = 800, 项目支出 66,066 - 66,066 = 0
    got = _fields(_table(_extract(tmp_path, ROWS_NO_BLANKS), "spaced"))
    row = got["社会保障和就业支出"]
    assert {c: f.value for c, f in row.items()} == {
        "合计": Decimal("40340"), "人员经费": Decimal("39540"), "公用经费": Decimal("800")}
    assert all(f.confidence >= policy.REVIEW_THRESHOLD for f in row.values())


def test_rows_the_total_cannot_tell_apart_stay_in_review(tmp_path):
    # 一、 100 = 50 + 50 and 二、 100 = 50 + 50; 支出总计 200 | 50 | 100 | 50: one row in 人员经费 + 公用经费,
    # the other in 公用经费 + 项目支出, which is which the sums do not say
    text = (ROWS_NO_BLANKS
            .replace("40,340 39,540 800", "100 50 50")
            .replace("825,956 172,800 587,090 66,066", "100 50 50")
            .replace("866,296", "200")
            .replace("200 212,340 587,890 66,066", "200 50 100 50"))
    got = _fields(_table(_extract(tmp_path, text), "spaced"))
    for name in ("社会保障和就业支出", "农林水支出"):
        assert got[name]["合计"].confidence >= policy.REVIEW_THRESHOLD
        parts = [f for c, f in got[name].items() if c != "合计"]
        assert [f.value for f in parts] == [Decimal(50), Decimal(50)]
        assert any(f.confidence < policy.REVIEW_THRESHOLD for f in parts)

