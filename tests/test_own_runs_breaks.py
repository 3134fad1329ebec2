"""The `own-runs` reader (structure/own_runs.py) on rows after a break in the row order (the row
before printed no amounts, or amounts not all its own): such a row is read by its own run alone where
its cells and its run each open a paragraph and the run is exactly its own amounts; where the header
splits a part into parts (小计 人员经费 公用经费), only a run of three or more whose first two are equal.

Checked by hand (the real texts' shapes, shortened).
支出总表 (no part split): 30101 748.827600 = 748.827600, first: read; the block 30102 / 30107 (two rows
printed column by column): read; 30202 1.700000 = 1.700000 then 9.000000 floating: read (in order);
30205 4.000000 = 4.000000 after that break, its cells and run each opening a paragraph: read; 2130336
prints no amounts; 2130399 (13.400000 = 13.400000 after it) opens in the middle of a paragraph holding
other rows' cells (`设）` before it): its cells may be other rows', not read.
一般公共预算支出表 (小计 = 人员经费 + 公用经费): 2080501 158.294900 = 158.294900 (then 129.526900,
its 人员经费; its 公用经费 floated away), first: read; 2080505 518.267604 518.267604 518.267604 after
that break, three amounts, the first two equal: read; 2120399 600.000000 alone: not read; 2130301
8,035.366132 8,035.366132 after it, two amounts (they could be 小计 and 人员经费, the total printed
elsewhere): not read; 2130304 after 2130301's run, exactly its own and ending where it opens: read
(in order), 19,554.161686 ×3."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract


def _lines(*groups: list[str]) -> str:
    return "\n\n".join("\n".join(g) for g in groups) + "\n"


def _read(tmp_path, text: str) -> list[tuple[str, list[Decimal], bool]]:
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    tables = [t for t in extract(p, ner=False).tables if t.method == "own-runs"]
    assert len(tables) == 1
    out = []
    for row in tables[0].rows:
        amounts = [f for f in row.values.values() if isinstance(f.value, Decimal)]
        out.append((row.code.value, [f.value for f in amounts], amounts[0].confidence >= 0.9 and not any(
            f.confidence >= 0.9 for f in amounts[1:])))
    return out


def test_a_row_after_a_break_is_read_where_it_stands_apart(tmp_path):
    text = "预算03表 支出总表\n金额单位：万元\n\n" + _lines(
        ["其中", "支出功能分类科目"], ["政府支出经济分类科目"], ["部门支出经济分类科目"], ["合计"], ["基本支出"],
        ["2050302-中等职业教育"], ["50501-工资福利支出"], ["30101-基本工资"], ["748.827600"], ["748.827600"],
        ["2050302-中等职业教育", "2050302-中等职业教育"], ["50501-工资福利支出", "50501-工资福利支出"],
        ["30102-津贴补贴", "30107-绩效工资"], ["466.749288", "1,746.758400"], ["466.749288", "1,746.758400"],
        ["2050302-中等职业教育"], ["50502-商品和服务支出"], ["30202-印刷费"], ["1.700000"], ["1.700000"], ["9.000000"],
        ["2050302-中等职业教育"], ["50502-商品和服务支出"], ["30205-水费"], ["4.000000"], ["4.000000"],
        ["50299-其他商品和服务支出", "2130336-南水北调工程建设 50602-资本性支出（基本建", "设）", "2130399-其他水利支出",
         "50502-商品和服务支出"], ["30299-其他商品和服务支出"], ["13.400000"], ["13.400000"],
    ) + "\n二、其他说明\n本单位无其他情况。\n"
    assert _read(tmp_path, text) == [
        ("2050302", [Decimal("748.827600")] * 2, True),
        ("2050302", [Decimal("466.749288")] * 2, True),
        ("2050302", [Decimal("1746.758400")] * 2, True),
        ("2050302", [Decimal("1.700000")] * 2, True),
        ("2050302", [Decimal("4.000000")] * 2, True),
    ]


def test_where_the_header_splits_a_part_a_run_after_a_break_needs_its_first_two_equal(tmp_path):
    text = "预算05表 一般公共预算支出表\n金额单位：万元\n\n" + _lines(
        ["功能分类科目"], ["预算数", "基本支出"], ["科目编码"], ["科目名称"], ["项目支出"], ["合计", "小计"], ["人员经费"],
        ["公用经费"],
        ["2080501"], ["行政单位离退休"], ["158.294900"], ["158.294900"], ["129.526900"],
        ["2080505"], ["机关事业单位基本养老保险缴费支出"], ["518.267604"], ["518.267604"], ["518.267604"],
        ["2120399"], ["其他城乡社区公共设施支出"], ["600.000000"],
        ["2130301"], ["行政运行"], ["8,035.366132"], ["8,035.366132"],
        ["2130304"], ["水利行业业务管理"], ["19,554.161686"], ["19,554.161686"], ["19,554.161686"],
    ) + "\n二、其他说明\n本单位无其他情况。\n"
    assert _read(tmp_path, text) == [
        ("2080501", [Decimal("158.294900")] * 2, True),
        ("2080505", [Decimal("518.267604")] * 3, True),
        ("2130304", [Decimal("19554.161686")] * 3, True),
    ]
