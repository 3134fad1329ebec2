"""`groups-stream` where pdftotext without -layout broke the reading order of a 公开06表: a cell printed
on two lines (`因公出国（境）` / `费用`) makes poppler print the rows around it by blocks — codes whose
names went elsewhere (`30212`), amounts on one line with the next group's code (`40.00 30211`: the
amount of 30112, the code left of 30211 in its row), 类 the first rows do not show (`303`, `310`,
`399`). The rows are laid back by the codes' places (each group's codes ascend down its column).
Amounts checked by hand: 301 = 60 + 40 = 100, 302 = 10 + 20 + 0 = 30, 303 = 5 (30302),
人员经费合计 105 = 100 + 5, 公用经费合计 30 = 302."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.evidence import policy

TABLE_06 = """一般公共预算财政拨款基本支出决算表
公开06表
部门：某某局
经济分类科目编码
科目名称
单位：万元
决算数
经济分类科目编码
科目名称
决算数
经济分类科目编码
科目名称
决算数
301
工资福利支出
100.00 302
商品和服务支出
30.00 307
债务利息及费用支出
30101
基本工资
60.00 30201
办公费
10.00 30701
国内债务付息
30102
津贴补贴
30202
印刷费
30702
国外债务付息
30112
其他社会保障缴费
30113
住房公积金
30212
40.00 30211
差旅费
20.00 310
资本性支出
因公出国（境）
费用
31001
房屋建筑物购建
303
对个人和家庭的补助
5.00 30213
维修（护）费
31002
办公设备购置
30302
退休费
5.00 30214
租赁费
399
其他支出
30228
工会经费
0 39907
国家赔偿费用支出
人员经费合计
105.00
公用经费合计
30.00
注：本表反映本部门本年度一般公共预算财政拨款基本支出的经济分类明细。
"""


def _extract(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    return extract(p)


def _rows(report) -> dict:
    (t,) = [t for t in report.tables if t.template == "final.06"]
    assert t.method == "groups-stream"
    return {(r.code.value if r.code is not None else r.name.value): r for r in t.rows}


def _amounts(rows) -> dict:
    return {k: f.value for k, r in rows.items() for f in r.values.values() if f.value is not None}


def test_rows_laid_back_by_the_codes_places(tmp_path):
    rows = _rows(_extract(tmp_path, "报告\n\n" + TABLE_06))
    assert _amounts(rows) == {
        "301": Decimal("100.00"), "30101": Decimal("60.00"), "30112": Decimal("40.00"),
        "303": Decimal("5.00"), "30302": Decimal("5.00"),
        "302": Decimal("30.00"), "30201": Decimal("10.00"), "30211": Decimal("20.00"), "30228": Decimal("0"),
        "人员经费合计": Decimal("105.00"), "公用经费合计": Decimal("30.00"),
    }
    assert all(f.confidence >= policy.REVIEW_THRESHOLD for r in rows.values() for f in r.values.values()
               if f.value is not None)  # every family adds up
    assert rows["30212"].name.value == ""  # its name printed apart (`因公出国（境）` `费用`): not given
    assert rows["31001"].name.value == "房屋建筑物购建"
    assert "310" in rows and "39907" in rows


def test_a_class_nothing_places_is_tried_in_each_group(tmp_path):
    # 303's amount on a line of its own: nothing says which group 303 stands in; in the second group
    # 30302's amount (printed before 30214) would have no code to its left, in the third 302's 30.00
    # (read in order) would move to 30202 — only the first group holds. 303's own amount, printed
    # after its name with 30213 to its right in the row, stays unplaced: 303's family and the 合计 go
    # to review
    text = TABLE_06.replace("5.00 30213\n", "5.00\n30213\n")
    rows = _rows(_extract(tmp_path, "报告\n\n" + text))
    got = _amounts(rows)
    assert got["30112"] == Decimal("40.00") and got["30211"] == Decimal("20.00")
    assert "303" not in got and got["30302"] == Decimal("5.00")
    (f,) = [f for f in rows["30302"].values.values() if f.value is not None]
    assert f.confidence < policy.REVIEW_THRESHOLD
