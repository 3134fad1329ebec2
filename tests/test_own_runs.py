"""The `own-runs` reader (structure/own_runs.py): a Beijing-style 支出总表 (three `code-name` cells a
row) that pdftotext without `-layout` prints one cell per line in the page's block order, some rows
with their own amounts right after their cells, other amounts floating away from their rows.

Checked by hand (STREAM, the real text's shape shortened): 30101 748.827600 = 748.827600, first
after the header: read; 30102 / 30107 are printed interleaved (a block: both rows' cells, then both
rows' amounts, a paragraph a column): each read, 466.749288 = 466.749288 and 1,746.758400 =
1,746.758400; 30110 333.473112 = 333.473112 after the block, whose runs were exactly its rows': read;
30201 6.321480 = 6.033000 + 0.288480 follows 30110's run, which is exactly its own: read; 30202 1.700000 =
1.700000, then 9.000000 (another row's, floating) and a header word: read; 30205 4.000000 = 4.000000
after that break in the order: read (its cells and its run each open a paragraph, and the header
splits no part into parts of its own); 30206 52.000000 = 50.000000 +
2.000000 follows 30205's run, exactly its own: read."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.structure.own_runs import _own_prefix


def _lines(*groups: list[str]) -> str:
    return "\n\n".join("\n".join(g) for g in groups) + "\n"


STREAM = "预算03表 支出总表\n金额单位：万元\n\n" + _lines(
    ["其中", "支出功能分类科目"], ["政府支出经济分类科目"], ["部门支出经济分类科目"], ["合计"], ["基本支出"],
    ["2050302-中等职业教育"], ["50501-工资福利支出"], ["30101-基本工资"], ["748.827600"], ["748.827600"],
    ["2050302-中等职业教育", "2050302-中等职业教育"], ["50501-工资福利支出", "50501-工资福利支出"],
    ["30102-津贴补贴", "30107-绩效工资"], ["466.749288", "1,746.758400"], ["466.749288", "1,746.758400"],
    ["2050302-中等职业教育"], ["50501-工资福利支出"], ["30110-职工基本医疗保险缴费"], ["333.473112"], ["333.473112"],
    ["2050302-中等职业教育"], ["50502-商品和服务支出"], ["30201-办公费"], ["6.321480"], ["6.033000"], ["0.288480"],
    ["2050302-中等职业教育"], ["50502-商品和服务支出"], ["30202-印刷费"], ["1.700000"], ["1.700000"], ["9.000000"],
    ["项目支出"],
    ["2130301-行政运行"], ["50502-商品和服务支出"], ["30205-水费"], ["4.000000"], ["4.000000"],
    ["2130301-行政运行"], ["50502-商品和服务支出"], ["30206-电费"], ["52.000000"], ["50.000000"], ["2.000000"],
) + "\n二、其他说明\n本单位无其他情况。\n"


def _own_table(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    return [t for t in extract(p, ner=False).tables if t.method == "own-runs"]


def test_rows_in_row_order_are_read_with_their_total_confident_and_parts_in_review(tmp_path):
    tables = _own_table(tmp_path, STREAM)
    assert len(tables) == 1
    t = tables[0]
    got = []
    for row in t.rows:
        amounts = [(f.value, f.confidence >= 0.9) for k, f in row.values.items() if isinstance(f.value, Decimal)]
        got.append((row.code.value, row.name.value, row.values["部门支出经济分类科目"].value, amounts))
    assert got == [
        ("2050302", "中等职业教育", "30101-基本工资", [(Decimal("748.827600"), True), (Decimal("748.827600"), False)]),
        ("2050302", "中等职业教育", "30102-津贴补贴", [(Decimal("466.749288"), True), (Decimal("466.749288"), False)]),
        ("2050302", "中等职业教育", "30107-绩效工资", [(Decimal("1746.758400"), True), (Decimal("1746.758400"), False)]),
        ("2050302", "中等职业教育", "30110-职工基本医疗保险缴费",
         [(Decimal("333.473112"), True), (Decimal("333.473112"), False)]),
        ("2050302", "中等职业教育", "30201-办公费",
         [(Decimal("6.321480"), True), (Decimal("6.033000"), False), (Decimal("0.288480"), False)]),
        ("2050302", "中等职业教育", "30202-印刷费", [(Decimal("1.700000"), True), (Decimal("1.700000"), False)]),
        ("2130301", "行政运行", "30205-水费", [(Decimal("4.000000"), True), (Decimal("4.000000"), False)]),
        ("2130301", "行政运行", "30206-电费",
         [(Decimal("52.000000"), True), (Decimal("50.000000"), False), (Decimal("2.000000"), False)]),
    ]
    assert t.columns[:3] == ["政府支出经济分类科目", "部门支出经济分类科目", "合计"]
    assert row.values["政府支出经济分类科目"].value == "50502-商品和服务支出"


def test_a_stream_opening_at_a_further_subject_column_is_declined(tmp_path):
    # pdfminer.six prints the 部门 subjects (the table's second column) as a run: no row opens at the
    # 政府 subject the header names first, so no row is read
    text = "预算06表 一般公共预算基本支出表\n金额单位：万元\n\n" + _lines(
        ["政府支出经济分类科目"], ["部门支出经济分类科目"], ["合计"], ["人员经费"], ["公用经费"],
        ["30108-机关事业单位基本养老保险缴费"], ["2,517.421056"], ["2,517.421056"],
        ["30109-职业年金缴费"], ["1,258.710528"], ["1,258.710528"],
        ["30110-职工基本医疗保险缴费"], ["2,036.834712"], ["2,036.834712"],
        ["30112-其他社会保障缴费"], ["72.707328"], ["72.707328"],
    ) + "\n二、其他说明\n本单位无其他情况。\n"
    assert _own_table(tmp_path, text) == []


def test_own_prefix_takes_a_whole_row_of_nested_parts_else_the_shortest_sum():
    d = [Decimal(x) for x in ("518.267604", "518.267604", "518.267604")]
    assert _own_prefix(d, [6, 6, 6]) == 3  # 合计 = 小计 = 人员经费
    d = [Decimal(x) for x in ("158.294900", "158.294900", "129.526900")]
    assert _own_prefix(d, [6, 6, 6]) == 2  # 小计 ≠ 人员经费 alone: the 公用经费 floated away
    d = [Decimal(x) for x in ("5.350000", "102.600000", "5.350000", "102.600000")]
    assert _own_prefix(d, [6] * 4) == 0  # two rows' amounts in turn
    d = [Decimal(x) for x in ("6.321480", "6.033000", "0.288480")]
    assert _own_prefix(d, [6] * 3) == 3
