"""The `own-runs` reader (structure/own_runs.py) on rows that print only their first amounts in place,
the rest floated away (`_take_floated_parts`), and on rows of the 支出总表 whose last subject (部门) the
converter printed apart (`_with_last_subject_apart`). Excerpts of pdftotext's plain text of the Beijing
水务局 budget (city002_004), shortened.

Checked by hand against the PDF route's tables of the same report.
一般公共预算支出表 (合计 = 小计 + 项目支出, 小计 = 人员经费 + 公用经费): 2130304 水利行业业务管理 prints
316.389919 167.215339 81.602136 in place; the PDF's row is 合计 316.389919, 小计 167.215339, 人员经费
81.602136, 公用经费 85.613203, 项目支出 149.174580 (扣除基建 149.174580). 316.389919 - 167.215339 =
149.174580 and 167.215339 - 81.602136 = 85.613203 are both printed later among floating amounts: read,
its total confident, its parts in review; with 85.613203 not printed, not read.
支出总表 (合计 = 基本支出 + 项目支出 …): 30201-办公费 prints 6.321480 6.033000; the PDF's row is 合计
6.321480, 基本支出 6.033000, 项目支出 0.288480, printed later after a 项目支出 header word: read. The
rows 50501 466.749288 / 1,746.758400 (a block) and 381.338880 print their 功能 and 政府 subjects and
their amounts (合计 = 基本支出) but not their 部门 subject (30102 津贴补贴, 30107 绩效工资, 30108 in the PDF,
printed in a paragraph with 30109's): read with the 部门 cell blank and under review; the row after that
paragraph (190.669440, cells mixed with the floated 部门 subjects): not read."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract


def _lines(*groups: list[str]) -> str:
    return "\n\n".join("\n".join(g) for g in groups) + "\n"


def _table(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    tables = [t for t in extract(p, ner=False).tables if t.method == "own-runs"]
    assert len(tables) == 1
    return tables[0]


def _rows(table) -> list[tuple[str, list[Decimal], bool]]:
    out = []
    for row in table.rows:
        amounts = [f for f in row.values.values() if isinstance(f.value, Decimal)]
        out.append((row.code.value, [f.value for f in amounts], amounts[0].confidence >= 0.9 and not any(
            f.confidence >= 0.9 for f in amounts[1:])))
    return out


_HEAD_05 = "预算05表 一般公共预算支出表\n金额单位：万元\n\n"
_COLS_05 = (["功能分类科目"], ["预算数", "基本支出"], ["科目编码"], ["科目名称"], ["项目支出"], ["合计", "小计"],
            ["人员经费"], ["公用经费"])
_TAIL = "\n二、其他说明\n本单位无其他情况。\n"


def _text_05(floating: list[str]) -> str:
    return _HEAD_05 + _lines(
        *_COLS_05,
        ["2080505"], ["机关事业单位基本养老保险缴费支出"], ["518.267604"], ["518.267604"], ["518.267604"],
        ["2080506"], ["机关事业单位职业年金缴费支出"], ["259.133868"], ["259.133868"], ["259.133868"],
        ["2101101"], ["行政单位医疗"], ["353.415804"], ["353.415804"], ["353.415804"],
        ["2130304"], ["水利行业业务管理"], ["316.389919"], ["167.215339"], ["81.602136"],
        ["2130314"], ["防汛"],
        ["2210201"], ["住房公积金"], ["119.893200"], ["119.893200"], ["119.893200"], *[[w] for w in floating],
    ) + _TAIL


def test_a_row_whose_floated_parts_are_printed_elsewhere_is_read(tmp_path):
    rows = _rows(_table(tmp_path, _text_05(["149.174580", "149.174580", "85.613203"])))
    assert ("2130304", [Decimal("316.389919"), Decimal("167.215339"), Decimal("81.602136")], True) in rows
    assert rows[:3] == [("2080505", [Decimal("518.267604")] * 3, True),
                        ("2080506", [Decimal("259.133868")] * 3, True),
                        ("2101101", [Decimal("353.415804")] * 3, True)]


def test_a_row_whose_floated_parts_are_not_all_printed_is_not_read(tmp_path):
    rows = _rows(_table(tmp_path, _text_05(["149.174580", "149.174580"])))
    assert [code for code, _, _ in rows] == ["2080505", "2080506", "2101101"]


def test_zhichu_zongbiao_floated_project_amount_and_rows_without_their_bumen_subject(tmp_path):
    text = "预算03表 支出总表\n金额单位：万元\n\n" + _lines(
        ["其中", "支出功能分类科目"], ["政府支出经济分类科目"], ["部门支出经济分类科目"], ["合计"], ["基本支出"],
        ["2050302-中等职业教育"], ["50501-工资福利支出"], ["30101-基本工资"], ["748.827600"], ["748.827600"],
        ["2050302-中等职业教育", "2050302-中等职业教育"], ["50501-工资福利支出", "50501-工资福利支出"],
        ["466.749288", "1,746.758400"], ["466.749288", "1,746.758400"],
        ["2050302-中等职业教育"], ["50501-工资福利支出"], ["381.338880"], ["381.338880"],
        ["2050302-中等职业教育"], ["50501-工资福利支出"],
        ["30102-津贴补贴", "30107-绩效工资", "30108-机关事业单位基本养老", "保险缴费", "30109-职业年金缴费"],
        ["190.669440"], ["190.669440"],
        ["2050302-中等职业教育"], ["50502-商品和服务支出"], ["30201-办公费"], ["6.321480"], ["6.033000"],
        ["2050302-中等职业教育"], ["50502-商品和服务支出"], ["30202-印刷费"], ["1.700000"], ["1.700000"],
        ["项目支出"], ["0.288480"],
    ) + _TAIL
    table = _table(tmp_path, text)
    assert _rows(table) == [
        ("2050302", [Decimal("748.827600")] * 2, True),
        ("2050302", [Decimal("466.749288")] * 2, True),
        ("2050302", [Decimal("1746.758400")] * 2, True),
        ("2050302", [Decimal("381.338880")] * 2, True),
        ("2050302", [Decimal("6.321480"), Decimal("6.033000")], True),
        ("2050302", [Decimal("1.700000")] * 2, True),
    ]
    bumen = [row.values["部门支出经济分类科目"] for row in table.rows]
    assert [f.raw for f in bumen] == ["30101-基本工资", "", "", "", "30201-办公费", "30202-印刷费"]
    assert all(f.confidence < 0.9 and f.repairs for f in bumen[1:4])
