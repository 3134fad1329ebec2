"""The `own-runs` reader (structure/own_runs.py) on rows printed interleaved: pdftotext without
`-layout` prints two rows of a Beijing-style 支出总表 as a block, column by column, a paragraph of two
lines a column (both rows' first subjects, both rows' further subjects, then each amount column's two
amounts), the i-th line of each paragraph the i-th row's.

Checked by hand (the real text's shapes, shortened): 30101 748.827600 = 748.827600, first after the
header: read. The first block (30102 / 30107) follows it: both read, 466.749288 = 466.749288 and
1,746.758400 = 1,746.758400. The row after it prints no 部门 subject (two cells) and its run is
exactly its own (381.338880 = 381.338880): read, its 部门 cell blank and under review (its 部门 subject,
30108, is printed apart; tests/test_own_runs_floated.py). 30201 6.321480 = 6.033000 + 0.288480 follows that
run: read. The second block: 30226's amounts 17.549200 ≠ 9.372200 (a part floated away): not read;
30227 26.000000 = 26.000000: read. 30202 1.700000 = 1.700000 (then 9.000000, floating) after a block
not all of whose runs were its rows, its own run not all of what follows its cells: not read; 30228 60.000000 = 60.000000 after it and a header
word, a break in the order: read by its run alone (tests/test_own_runs_breaks.py). The third block
(2080501, 30307 / 30301) follows 30228's run, exactly its own: both read, 27.000000 =
27.000000 and 48.865000 = 48.865000. The fourth block is followed by a lone amount (3,410.481476):
its amounts may go on, not read."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract


def _lines(*groups: list[str]) -> str:
    return "\n\n".join("\n".join(g) for g in groups) + "\n"


BLOCKS = "预算03表 支出总表\n金额单位：万元\n\n" + _lines(
    ["其中", "支出功能分类科目"], ["政府支出经济分类科目"], ["部门支出经济分类科目"], ["合计"], ["基本支出"],
    ["2050302-中等职业教育"], ["50501-工资福利支出"], ["30101-基本工资"], ["748.827600"], ["748.827600"],
    ["2050302-中等职业教育", "2050302-中等职业教育"], ["50501-工资福利支出", "50501-工资福利支出"],
    ["30102-津贴补贴", "30107-绩效工资"], ["466.749288", "1,746.758400"], ["466.749288", "1,746.758400"],
    ["2050302-中等职业教育"], ["50501-工资福利支出"], ["381.338880"], ["381.338880"],
    ["2050302-中等职业教育"], ["50502-商品和服务支出"], ["30201-办公费"], ["6.321480"], ["6.033000"], ["0.288480"],
    ["2050302-中等职业教育", "2050302-中等职业教育"], ["50502-商品和服务支出", "50502-商品和服务支出"],
    ["30226-劳务费", "30227-委托业务费"], ["17.549200", "26.000000"], ["9.372200", "26.000000"],
    ["2050302-中等职业教育"], ["50502-商品和服务支出"], ["30202-印刷费"], ["1.700000"], ["1.700000"], ["9.000000"],
    ["项目支出"],
    ["2050302-中等职业教育"], ["50502-商品和服务支出"], ["30228-工会经费"], ["60.000000"], ["60.000000"],
    ["2080501-行政单位离退休", "2080501-行政单位离退休"], ["50901-社会福利和救助", "50905-离退休费"],
    ["30307-医疗费补助", "30301-离休费"], ["27.000000", "48.865000"], ["27.000000", "48.865000"],
    ["2080502-事业单位离退休", "2080502-事业单位离退休"], ["50901-社会福利和救助", "50905-离退休费"],
    ["30307-医疗费补助", "30301-离休费"], ["177.000000", "294.296358"], ["177.000000", "294.296358"],
    ["3,410.481476"], ["3,410.481476"],
) + "\n二、其他说明\n本单位无其他情况。\n"


def test_rows_printed_interleaved_are_read_line_by_line_where_each_run_sums(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text(BLOCKS, encoding="utf-8")
    tables = [t for t in extract(p, ner=False).tables if t.method == "own-runs"]
    assert len(tables) == 1
    got = []
    for row in tables[0].rows:
        amounts = [(f.value, f.confidence >= 0.9) for k, f in row.values.items() if isinstance(f.value, Decimal)]
        got.append((row.code.value, row.values["政府支出经济分类科目"].value,
                    row.values["部门支出经济分类科目"].value, amounts))
    assert got == [
        ("2050302", "50501-工资福利支出", "30101-基本工资", [(Decimal("748.827600"), True), (Decimal("748.827600"), False)]),
        ("2050302", "50501-工资福利支出", "30102-津贴补贴", [(Decimal("466.749288"), True), (Decimal("466.749288"), False)]),
        ("2050302", "50501-工资福利支出", "30107-绩效工资",
         [(Decimal("1746.758400"), True), (Decimal("1746.758400"), False)]),
        ("2050302", "50501-工资福利支出", None, [(Decimal("381.338880"), True), (Decimal("381.338880"), False)]),
        ("2050302", "50502-商品和服务支出", "30201-办公费",
         [(Decimal("6.321480"), True), (Decimal("6.033000"), False), (Decimal("0.288480"), False)]),
        ("2050302", "50502-商品和服务支出", "30227-委托业务费",
         [(Decimal("26.000000"), True), (Decimal("26.000000"), False)]),
        ("2050302", "50502-商品和服务支出", "30228-工会经费", [(Decimal("60.000000"), True), (Decimal("60.000000"), False)]),
        ("2080501", "50901-社会福利和救助", "30307-医疗费补助",
         [(Decimal("27.000000"), True), (Decimal("27.000000"), False)]),
        ("2080501", "50905-离退休费", "30301-离休费", [(Decimal("48.865000"), True), (Decimal("48.865000"), False)]),
    ]
    assert tables[0].rows[0].values["列3"].value is None or tables[0].rows[0].values["列3"].value == ""


def test_a_table_over_many_pages_and_a_line_of_cells_side_by_side_are_read(tmp_path):
    # a row, a block of two rows, 320 rows of 10 lines each (3,200 lines: more than a region of other
    # readers' streams), then a row whose three cells pdftotext put on one line (longer than a cell),
    # then one more row
    rows = []
    for k in range(320):
        rows += [["2050302-中等职业教育"], ["50501-工资福利支出"], ["30101-基本工资"], [f"{k + 1}.100000"],
                 [f"{k + 1}.100000"]]
    text = "预算03表 支出总表\n金额单位：万元\n\n" + _lines(
        ["其中", "支出功能分类科目"], ["政府支出经济分类科目"], ["部门支出经济分类科目"], ["合计"], ["基本支出"],
        ["2050302-中等职业教育"], ["50502-商品和服务支出"], ["30201-办公费"], ["6.321480"], ["6.033000"], ["0.288480"],
        ["2050302-中等职业教育", "2050302-中等职业教育"], ["50501-工资福利支出", "50501-工资福利支出"],
        ["30102-津贴补贴", "30107-绩效工资"], ["466.749288", "1,746.758400"], ["466.749288", "1,746.758400"],
        *rows,
        ["2130304-水利行业业务管理 50999-其他对个人和家庭的补助 30399-其他对个人和家庭的补助"], ["12.500000"], ["12.500000"],
        ["2130304-水利行业业务管理"], ["50502-商品和服务支出"], ["30202-印刷费"], ["3.000000"], ["1.000000"], ["2.000000"],
    ) + "\n二、其他说明\n本单位无其他情况。\n"
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    tables = [t for t in extract(p, ner=False).tables if t.method == "own-runs"]
    assert len(tables) == 1
    got = tables[0].rows
    assert len(got) == 325
    assert [f.value for f in got[322].values.values() if isinstance(f.value, Decimal)] == [
        Decimal("320.100000"), Decimal("320.100000")]
    assert (got[323].code.value, got[323].values["政府支出经济分类科目"].value,
            got[323].values["部门支出经济分类科目"].value) == ("2130304", "50999-其他对个人和家庭的补助",
                                                         "30399-其他对个人和家庭的补助")
    assert got[323].values["合计"].value == Decimal("12.500000") and got[323].values["合计"].confidence >= 0.9
    assert [f.value for f in got[324].values.values() if isinstance(f.value, Decimal)] == [
        Decimal("3.000000"), Decimal("1.000000"), Decimal("2.000000")]
