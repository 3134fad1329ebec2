"""Reader `column-runs`: subject tables printed column by column (pdfminer.six), placed by the
identities or declined."""
from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest

from extractor.datamodel import Document, Line, NLine
from extractor.normalize import normalize
from extractor.structure.tables import build_table
from extractor.structure.column_runs import read_runs

ROOT = Path(__file__).resolve().parents[1]


def _lines(text: str) -> list[NLine]:
    lines = [Line(text=t, no=i) for i, t in enumerate(text.split("\n"), start=1)]
    return normalize(Document(path="t", sha256="0", format="text", route="text", lines=lines)).lines


HEAD = ["一般公共预算支出表", "单位：万元", "", "功能分类科目编码", "科目名称", "一般公共预算支出",
        "合计", "基本支出", "项目支出", "合计"]
CODES = ["208", "20805", "2080505", "221", "22102", "2210201"]
NAMES = ["社会保障和就业支出", "行政事业单位养老支出", "机关事业单位基本养老", "保险缴费支出",
         "住房保障支出", "住房改革支出", "住房公积金"]
# by hand: 208 branch 80 all 基本; 221 branch 40.50 = 20 基本 + 20.50 项目; 合计 row 120.50 = 100 + 20.50
TOTAL = ["120.50", "100.00", "20.50"]
COL_TOTAL = ["80.00", "80.00", "80.00", "40.50", "40.50", "40.50"]
COL_BASIC = ["80.00", "80.00", "80.00", "20.00", "20.00", "20.00"]
COL_PROJECT = ["0", "0", "0", "20.50", "20.50", "20.50"]


def _text(amounts: list[str]) -> str:
    return "\n".join(HEAD + TOTAL + CODES + NAMES + amounts + ["注：本表反映一般公共预算支出情况。"])


def _read(text: str):
    lines = _lines(text)
    return read_runs(lines, next(k for k, ln in enumerate(lines) if ln.text == "功能分类科目编码"))[0]


def _by_code(table):
    return {r.code.value if r.code else r.name.value: {k: v.value for k, v in r.values.items() if v is not None}
            for r in table.rows}


def test_whole_columns_one_after_another():
    # (built straight from the reader's grid: in text whose cells stand one per line the cell-lines
    # reader, tried first, may keep a table it declines as narrative)
    lines = _lines(_text(COL_TOTAL + COL_BASIC + COL_PROJECT))
    block = _read(_text(COL_TOTAL + COL_BASIC + COL_PROJECT))
    block.preamble = lines[:2]
    t = build_table(block)
    assert t.template == "budget.general"
    assert t.method == "column-runs"
    assert t.columns == ["一般公共预算支出/合计", "一般公共预算支出/基本支出", "一般公共预算支出/项目支出"]
    rows = _by_code(t)
    assert rows["合计"] == {"一般公共预算支出/合计": Decimal("120.50"), "一般公共预算支出/基本支出": Decimal("100.00"),
                          "一般公共预算支出/项目支出": Decimal("20.50")}
    assert rows["2080505"]["一般公共预算支出/合计"] == Decimal("80")
    assert rows["2210201"]["一般公共预算支出/项目支出"] == Decimal("20.50")
    assert rows["2210201"]["一般公共预算支出/基本支出"] == Decimal("20")
    names = {r.code.value: r.name.value for r in t.rows if r.code}
    assert names["2080505"] == "机关事业单位基本养老保险缴费支出"  # joined over two lines by the catalogue
    # 合计 is certain (合计 = 基本 + 项目 fixes it); which part column is which no identity fixes
    total = next(r for r in t.rows if r.code and r.code.value == "221").values
    assert total["一般公共预算支出/合计"].confidence >= 0.9
    assert total["一般公共预算支出/基本支出"].confidence < 0.9
    assert any("column uncertain" in n for n in total["一般公共预算支出/基本支出"].notes)


def test_columns_in_pieces_are_placed_by_the_identities():
    # pdfminer's boxes: 合计 whole, then 基本 rows 1-3, 项目 rows 1-3, 基本 rows 4-6, 项目 rows 4-6
    pieces = COL_TOTAL + COL_BASIC[:3] + COL_PROJECT[:3] + COL_BASIC[3:] + COL_PROJECT[3:]
    block = _read(_text(pieces))
    assert block is not None
    by_code = {r[0].text: [c.text for c in r[2:]] for r in block.rows if r[0].text}
    assert by_code["208"] == ["80.00", "80.00", "0"]
    assert by_code["221"] == ["40.50", "20.00", "20.50"]
    assert by_code["2210201"] == ["40.50", "20.00", "20.50"]


def test_a_short_column_is_declined():
    # one cell left blank (absent from the text): no amount's row can be known
    assert _read(_text(COL_TOTAL + COL_BASIC + COL_PROJECT[1:])) is None


def test_broken_identity_is_declined():
    wrong = COL_TOTAL + COL_BASIC[:5] + ["21.00"] + COL_PROJECT
    assert _read(_text(wrong)) is None


def test_a_pair_the_catalogue_denies_is_declined():
    text = _text(COL_TOTAL + COL_BASIC + COL_PROJECT).replace("住房改革支出", "住房保障改革")
    assert _read(text) is None


def test_long_line_stays_fast():
    lines = _lines("\n".join(HEAD[:3] + ["9" * 100_000 + " 科" * 50_000]))
    t0 = time.perf_counter()
    assert read_runs(lines, 2)[0] is None
    assert time.perf_counter() - t0 < 2


def _pdfminer_against_pdf_route(tmp_path, seed: int, kind: str):
    """A generated PDF through pdfminer.six and the text route: (the text route's report, its
    agreement with the PDF route's report of the same PDF)."""
    import converted  # scripts/ is on the path (pyproject: pytest pythonpath)
    import samplegen
    from extractor import extract

    pdf = tmp_path / f"{kind}.pdf"
    samplegen.write_pdf(seed, kind, pdf)
    try:
        txt = converted.convert(pdf, "pdfminer", tmp_path)
    except converted.ConverterMissing as e:
        pytest.skip(reason=str(e))
    got = extract(txt)
    return got, converted.agreement(got, extract(pdf))


def test_pdfminer_conversion_of_a_generated_report(tmp_path):
    got, a = _pdfminer_against_pdf_route(tmp_path, 1, "final")
    assert a["precision"] >= 0.995
    assert a["confident_wrong"] == []
    assert a["by_part"]["table"][0] >= 37  # 收入决算表 (公开02): 16 rows × 2 columns + the 合计 row's five 0
    assert any(t.method == "column-runs" and t.template == "final.02" for t in got.tables)


def test_levels_in_columns_of_their_own_and_zero_columns_last():
    # the real pdfminer shape of a 上海 budget: the 类 of every row, then the 款 of the 款/项 rows,
    # then the names (a 项 row's 项 before its name), 合计 after the names; the amounts row by row
    # for the two columns that have money, then the zero columns
    text = "\n".join([
        "部门收入预算表", "单位：元",
        "项目", "收入预算", "功能分类科目编码", "类", "款", "项", "功能分类科目名称",
        "合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入",
        "208", "208", "208", "221", "221", "221", "05", "05", "02", "02",
        "社会保障和就业支出", "行政事业单位养老支出", "05 机关事业单位基本养老保险缴费支出",
        "住房保障支出", "住房改革支出", "01 住房公积金", "合计",
        "80.00", "80.00", "80.00", "80.00", "80.00", "80.00",
        "40.50", "40.50", "40.50", "40.50", "40.50", "40.50", "120.50", "120.50",
    ] + ["0.00"] * 21)
    lines = _lines(text)
    block, _ = read_runs(lines, 2)
    assert block is not None
    rows = {(r[0].text or r[1].text): [c.text for c in r[2:]] for r in block.rows[1:]}
    assert rows["2080505"] == ["80.00", "80.00", "0.00", "0.00", "0.00"]
    assert rows["2210201"] == ["40.50", "40.50", "0.00", "0.00", "0.00"]
    assert rows["合计"] == ["120.50", "120.50", "0.00", "0.00", "0.00"]
    assert [r[0].orig for r in block.rows[2:5]] == ["208", "208 05", "208 05 05"]
    assert block.rows[-1][1].text == "合计"  # printed below the rows, kept there


def test_pdfminer_budget_tables_reach_column_runs_after_cell_lines_declines(tmp_path):
    """A reader that declines hands the lines on (structure/blocks.py): cell-lines declines the
    budget's column-wise tables, and column-runs reads three of them: 195 of the PDF route's 272
    table amounts, none wrong."""
    got, a = _pdfminer_against_pdf_route(tmp_path, 2, "budget")
    assert a["precision"] == 1.0 and a["confident_wrong"] == []
    assert a["by_part"]["table"] == (195, 272)
    assert [t.method for t in got.tables].count("column-runs") == 3

