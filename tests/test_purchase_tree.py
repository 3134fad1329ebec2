"""A 政府采购支出表 printed as column runs by pdftotext (no `-layout`) and pdfminer.six, its 合计, category
and unit rows read where the sums prove the tree (structure/purchase_tree.py).

The fixtures are excerpts of Suzhou's 苏州市交通运输局 2026 部门预算 (city006_020) as the two converters
print it: the title, 部门 line and header words verbatim; the rows are the table's 货物 unit
苏州市铁路与航空事业发展中心 (0.50: one item 办公设备购置费 0.50) and its 工程 category (56.00: unit
苏州市交通运输综合行政执法支队 56.00, item 房屋维修维护费 56.00), in the order and paragraphs each
converter prints them; the 合计 is theirs (0.50 + 56.00 = 56.50: the report's own 合计 3,668.17 holds
the other rows too). Checked by hand against the PDF route's table: 苏州市铁路与航空事业发展中心 0.50 0.50,
工程 56.00 56.00, 苏州市交通运输综合行政执法支队 56.00 56.00 (一般公共预算资金 and 总计).
`parse_tree` and `_twice` are checked on the report's whole 货物 category and on its real paragraphs.
"""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.structure.purchase_tree import parse_tree

TITLE = "政府采购支出表"
HEAD_PDFTOTEXT = ["政府采购支出表", "部门：苏州市交通运输局", "", "单位：万元", "资金来源", "", "采购品目大类", "",
                  "专项名称", "", "经济科目", "", "采购品目名称", "",
                  "采购组织形式 一般公共", "上年结转和", "政府性基金 其他资金", "预算资金", "结余资金", "",
                  "总计", ""]
# pdftotext: the first column's words, then each row's fund amount and total as twin paragraphs
BODY_PDFTOTEXT = ["合计", "", "56.50", "", "56.50", "", "0.50", "", "0.50", "",
                  "货物", "苏州市铁路与", "航空事业发展", "中心", "办公设备购置费", "", "办公费", "", "复印纸", "",
                  "集中采购", "",
                  "工程", "苏州市交通运", "输综合行政执", "法支队", "房屋维修维护费", "", "维修（护）费", "",
                  "房屋修缮", "", "分散采购", "",
                  "0.50", "", "0.50", "", "0.50", "56.00", "", "0.50", "56.00", "",
                  "56.00", "", "56.00", "", "56.00", "", "56.00", "",
                  "第三部分 2026 年度部门预算情况说明"]
HEAD_PDFMINER = ["公开 13 表", "", "部门：苏州市交通运输局", "", "政府采购支出表", "", "资金来源", "", "单位：万元", "", "采购品目大类", "", "专项名称", "",
                 "经济科目", "", "采购品目名称", "", "采购组织形式 一般公共", "预算资金", "",
                 "政府性基金 其他资金", "", "上年结转和", "结余资金", "", "总计", ""]
# pdfminer.six: the page's fund column as one run, its words, then its 总计 column as another run
BODY_PDFMINER = ["合计", "", "货物", "苏州市铁路与", "航空事业发展", "中心", "", "办公设备购置费", "", "办公费", "",
                 "复印纸", "", "集中采购", "", "56.50", "0.50", "0.50", "0.50", "",
                 "工程", "苏州市交通运", "输综合行政执", "法支队", "", "房屋维修维护费", "", "维修（护）费", "",
                 "房屋修缮", "", "分散采购", "", "56.00", "56.00", "56.00", "",
                 "56.50", "0.50", "0.50", "0.50", "56.00", "56.00", "56.00", "",
                 "第三部分 2026 年度部门预算情况说明"]

EXPECTED = [("合计", "56.50"), ("货物", "0.50"), ("苏州市铁路与航空事业发展中心", "0.50"), ("工程", "56.00"),
            ("苏州市交通运输综合行政执法支队", "56.00")]


def _table(tmp_path, lines: list[str]):
    p = tmp_path / "t.txt"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [t for t in extract(p).tables if t.title == TITLE]


def _check(t):
    assert t.method == "purchase-tree"
    assert [(r.name.value, r.values["总计"].raw) for r in t.rows] == EXPECTED
    for r, (_, v) in zip(t.rows, EXPECTED):
        total, fund = r.values["总计"], r.values["资金来源/一般公共预算资金"]
        assert total.value == Decimal(v) and total.confidence >= 0.9  # the row's own, proved by the sums
        assert fund.value == Decimal(v) and fund.confidence < 0.9  # one fund pays it; which, the print does not show


def test_pdftotext_twin_paragraphs(tmp_path):
    (t,) = _table(tmp_path, HEAD_PDFTOTEXT + BODY_PDFTOTEXT)
    _check(t)


def test_pdfminer_column_then_total_column(tmp_path):
    (t,) = _table(tmp_path, HEAD_PDFMINER + BODY_PDFMINER)
    _check(t)


def test_a_row_paid_by_two_funds_is_declined(tmp_path):
    # the 工程 item paid 50.00 by one fund and 6.00 by another, then its total: no twin runs, no reading
    body = BODY_PDFTOTEXT[:-5] + ["50.00", "", "6.00", "", "56.00", ""] + BODY_PDFTOTEXT[-1:]
    assert not any(t.method == "purchase-tree" for t in _table(tmp_path, HEAD_PDFTOTEXT + body))


def test_unit_names_that_do_not_number_the_unit_rows_are_declined(tmp_path):
    body = [w for w in BODY_PDFTOTEXT if w not in ("苏州市交通运", "输综合行政执", "法支队")]
    assert not any(t.method == "purchase-tree" for t in _table(tmp_path, HEAD_PDFTOTEXT + body))


# the report's 货物 category in row order, as both converters print it (checked against the PDF route)
GOODS = ["532.93", "11.40", "2.00", "4.00", "2.00", "3.40", "346.68", "130.24", "8.00", "6.00", "6.00", "60.00",
         "88.20", "48.24", "99.60", "8.60", "1.00", "90.00", "1.93", "0.30", "0.16", "0.60", "0.80", "0.07",
         "53.72", "0.60", "0.30", "0.32", "52.50", "19.10", "1.00", "18.10", "0.50", "0.50"]


def test_parse_tree_finds_the_units_of_a_category():
    level = parse_tree([Decimal(v) for v in GOODS], levels=2)
    units = [v for v, x in zip(GOODS, level) if x == 1]
    assert units == ["11.40", "346.68", "99.60", "1.93", "53.72", "19.10", "0.50"]


def test_parse_tree_declines_sums_that_do_not_hold_or_hold_two_ways():
    assert parse_tree([Decimal(v) for v in ["10.00", "4.00", "5.00"]], levels=1) is None
    # the 0 is the first category's second item, or a category of its own with no item
    assert parse_tree([Decimal(v) for v in ["2", "1", "1", "0", "1", "1"]], levels=2) is None
    assert parse_tree([Decimal(v) for v in ["2", "1", "1", "1", "1"]], levels=2) == [0, 1, 2, 1, 2]


# Wuxi's 无锡市信访局 2025 部门预算 (city014_030) as pdftotext prints its 公开13表, verbatim: one unit whose
# name is printed over two lines, the bracketed suffix on the second (`无锡市信访局` `（本级）`). By hand
# from the PDF: 合计, 服务 and 无锡市信访局（本级） each 225.52 (一般公共预算资金 and 总计).
WUXI = ["无锡市信访局 2025 年度部门预算公开", "", "公开 13 表", "", "政府采购支出表", "部门：无锡市信访局", "",
        "单位：万元", "资金来源", "", "采购品目大类", "", "专项名称", "", "经济科目", "", "采购品目名称", "",
        "采购组织形式", "", "一般公共", "上年结转和", "政府性基金 其他资金", "预算资金", "结余资金", "", "总计", "",
        "合计", "", "225.52", "", "225.52", "", "服务", "无锡市信访局", "（本级）", "", "225.52", "", "225.52", "",
        "225.52", "", "225.52", "", "225.52", "", "225.52", "", "运行费增额及矛调业务经", "物业管理费", "费（常年）",
        "物业及运行经费（常年） 物业管理费", "", "第三部分 2025 年度部门预算情况说明"]


def test_a_unit_name_with_its_bracketed_suffix_on_the_next_line(tmp_path):
    (t,) = _table(tmp_path, WUXI)
    assert t.method == "purchase-tree"
    assert [r.name.value for r in t.rows] == ["合计", "服务", "无锡市信访局（本级）"]
    for r in t.rows:
        assert r.values["总计"].value == Decimal("225.52") and r.values["总计"].confidence >= 0.9
