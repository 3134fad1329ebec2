"""A table no template names, printed row per line (pypdf), whose 合计 row prints more values than the
rows under it: each row leaves blank the columns it has no amount in (政府采购支出表: 合计 over the
一般公共预算资金 | 政府性基金 | 总计 columns, a goods row with two amounts, a services row with three).
The subject reader (spaced_rows.py) takes the 合计 row for its first row and finds no subject row
after it; the labelled-rows reader (spaced_labelled.py) reads the table under the 合计 row's width.
A row printing fewer values than that cannot say which columns it fills: its amounts go to review."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import SHARED
from extractor import Options, extract

# By hand: 货物 20.00 = 复印纸 5.00 + 碎纸机 15.00 (一般公共预算资金, 总计); 服务 40.00 + 40.00 = 80.00;
# 合计 一般公共预算资金 20.00 + 40.00 = 60.00, 政府性基金 40.00, 总计 20.00 + 80.00 = 100.00.
PROCUREMENT = """报告正文。

公开 13 表
政府采购支出表
部门：某某局 单位：万元
资金来源
采购品目大类 专项名称 经济科目 采购品目名称 采购组织形式 一般公共
预算资金 政府性基金 其他资金 上年结转和 结余资金 总计
合计 60.00 40.00 100.00
货物 20.00 20.00
定额 办公费 复印纸 集中采购 5.00 5.00
定额 办公费 碎纸机 集中采购 15.00 15.00
服务 40.00 40.00 80.00
专项业务费 委托业务费 测绘服务 分散采购 40.00 40.00 80.00
"""


def _amounts(row) -> list:
    return [f.value for f in row.values.values() if isinstance(f.value, Decimal)]


def _table(got, title: str):
    return next(t for t in got.tables if "".join((t.title or "").split()) == title)


def test_rows_under_a_wider_total_row_are_read_and_go_to_review(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text(PROCUREMENT, encoding="utf-8")
    table = _table(extract(p, Options(ner=False)), "政府采购支出表")
    rows = {}
    for r in table.rows:
        rows.setdefault(r.name.value, []).append(r)
    assert _amounts(rows["合计"][0]) == [Decimal("60.00"), Decimal("40.00"), Decimal("100.00")]
    assert _amounts(rows["货物"][0]) == [Decimal("20.00"), Decimal("20.00")]
    assert _amounts(rows["服务"][0]) == [Decimal("40.00"), Decimal("40.00"), Decimal("80.00")]
    copier, shredder = rows["定额"]
    assert _amounts(copier) == [Decimal("5.00"), Decimal("5.00")]
    assert _amounts(shredder) == [Decimal("15.00"), Decimal("15.00")]
    assert copier.values["经济科目"].value == "办公费" and copier.values["采购品目名称"].value == "复印纸"
    # which of the five amount columns a row fills is not printed: no amount is given as certain
    amounts = [f for r in table.rows for f in r.values.values() if isinstance(f.value, Decimal)]
    assert len(amounts) == 3 + 2 + 2 + 2 + 3 + 3 and all(f.confidence < 0.9 for f in amounts)


CITY = SHARED / "real-corpus" / "city006_021.pdf"


@pytest.mark.skipif(not CITY.exists(), reason="../shared/real-corpus (the crawl of real reports) is absent")
def test_a_real_procurement_table_in_pypdf_text_is_read(tmp_path):
    """苏州 自然资源和规划局 2026 部门预算 through pypdf: by hand from the PDF's 政府采购支出表 (page 28,
    30), 合计 4,931.43 | 5,164.00 | 10,095.43, 货物 349.62 | 349.62, 服务 4,281.81 | 5,164.00 |
    9,445.81, its first item 定额 办公费 复印纸 集中采购 2.00 | 2.00. No amount of it is confident."""
    import converted

    got = extract(converted.convert(CITY, "pypdf", tmp_path), Options(ner=False))
    table = _table(got, "政府采购支出表")
    rows = {}
    for r in table.rows:
        rows.setdefault(r.name.value, []).append(r)
    assert _amounts(rows["合计"][0]) == [Decimal("4931.43"), Decimal("5164.00"), Decimal("10095.43")]
    assert _amounts(rows["货物"][0]) == [Decimal("349.62"), Decimal("349.62")]
    assert _amounts(rows["服务"][0]) == [Decimal("4281.81"), Decimal("5164.00"), Decimal("9445.81")]
    first = rows["定额"][0]
    assert first.values["采购品目名称"].value == "复印纸" and _amounts(first) == [Decimal("2.00"), Decimal("2.00")]
    assert all(f.confidence < 0.9 for r in table.rows for f in r.values.values() if isinstance(f.value, Decimal))
