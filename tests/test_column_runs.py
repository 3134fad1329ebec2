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
    t0 = time.process_time()
    assert read_runs(lines, 2)[0] is None
    assert time.process_time() - t0 < 2


def _pdfminer_against_pdf_route(tmp_path, seed: int, kind: str):
    """A generated PDF through pdfminer.six and the text route: (the text route's report, its
    agreement with the PDF route's report of the same PDF)."""
    import converted  # scripts/ is on the path (pyproject: pytest pythonpath)
    import samplegen
    from extractor import extract

    pdf = tmp_path / f"{kind}.pdf"
    samplegen.write_pdf(seed, kind, pdf)
    txt = converted.convert(pdf, "pdfminer", tmp_path)  # pdfminer.six: a test extra, never skipped
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
    budget's column-wise tables, and column-runs reads four of them (收入, 支出, 一般公共预算支出 and the
    one-column 基本支出 经济分类 table), and row-stream the 三公 table (its unit line printed among the
    header's cells is skipped) and the 政府性基金预算支出表's one row (its title above blank lines);
    sides-runs the 收支总表 and the 财政拨款收支总表 (structure/sides_runs.py): all 271 of the PDF route's
    comparable table amounts (a row it names by its place only is not compared), none wrong."""
    got, a = _pdfminer_against_pdf_route(tmp_path, 2, "budget")
    assert a["precision"] == 1.0 and a["confident_wrong"] == []
    assert a["by_part"]["table"] == (271, 271)
    assert [t.method for t in got.tables].count("column-runs") == 4


# pdfminer's 公开03表 with blank cells left out (seen in generated reports): the header's words, the
# 类 of every row, the 款 of the 款/项 rows, 栏次 and 合计, the names with the 项 pieces printed among
# them, the 栏次 numbers, the 合计 row whole (its empty columns printed 0), the total column top-down,
# then the 项目 column and the 基本 column with their blank cells absent.
# By hand: 201 branch 50.00 all 项目; 208 branch 100.00 all 基本 (60.00 + 40.00); 合计 150 = 100 + 50.
SPARSE_HEAD = ["支出决算表", "公开03表", "单位：万元", "项    目", "功能分类科目编码", "本年支出合计", "基本支出", "项目支出",
               "上缴上级支出", "经营支出", "对附属单位补助支出", "类", "款", "项", "科目名称"]
SPARSE_LABELS = ["201", "201", "201", "208", "208", "208", "208", "01", "01", "05", "05", "05", "栏次", "合计",
                 "一般公共服务支出", "人大事务", "01", "行政运行", "社会保障和就业支出", "行政事业单位养老支出", "05", "06",
                 "机关事业单位基本养老保险缴费支出", "机关事业单位职业年金缴费支出"]
SPARSE_TOTALS = ["1", "2", "3", "4", "5", "6", "150.00", "100.00", "50.00", "0", "0", "0",
                 "50.00", "50.00", "50.00", "100.00", "100.00", "60.00", "40.00"]
SPARSE_PARTS = ["50.00", "50.00", "50.00", "100.00", "100.00", "60.00", "40.00"]
NOTE = "注：本表反映本部门本年度各项支出情况。"


def _runs(text: str, first: str = "项    目"):
    """The block column-runs reads from the table's first header line `first`, or None."""
    lines = _lines(text)
    return read_runs(lines, next(k for k, ln in enumerate(lines) if ln.text == first))[0]


def test_blank_cells_left_out_are_placed_when_the_identities_leave_one_grid():
    block = _runs("\n".join(SPARSE_HEAD + SPARSE_LABELS + SPARSE_TOTALS + SPARSE_PARTS + [NOTE]))
    assert block is not None and block.method == "column-runs"
    rows = {(r[0].text or r[1].text): [c.text for c in r[2:]] for r in block.rows[1:]}
    assert rows["合计"] == ["150.00", "100.00", "50.00", "0", "0", "0"]
    assert rows["201"] == ["50.00", "", "50.00", "", "", ""]
    assert rows["2010101"] == ["50.00", "", "50.00", "", "", ""]
    assert rows["20805"] == ["100.00", "100.00", "", "", "", ""]
    assert rows["2080506"] == ["40.00", "40.00", "", "", "", ""]
    names = {r[0].text: r[1].text for r in block.rows[2:]}
    assert names["20101"] == "人大事务" and names["2080505"] == "机关事业单位基本养老保险缴费支出"
    assert [r[0].orig for r in block.rows[2:5]] == ["201", "201 01", "201 01 01"]
    # the total column is certain; which part column is which no identity settles: under review
    total_row = next(r for r in block.rows if r[1].text == "合计")
    assert not total_row[2].repairs
    assert total_row[3].repairs[0].kind == "layout.column_order" and total_row[3].repairs[0].status == "unconfirmed"


def test_part_columns_that_may_swap_are_read_under_review():
    # 208 = 20805 = 100.00 (基本 50.00 + 项目 50.00); its two 项 print 50.00 each, one in 基本, one in
    # 项目. With the blank cells absent the 项目 column top-down (50.00 50.00 50.00) fits 2080505 as
    # well as 2080506 — and the 基本 column then the other: the two grids differ only in which part
    # column is which, so every row's amounts are known and the part columns go to review
    labels = ["208", "208", "208", "208", "05", "05", "05", "栏次", "合计", "社会保障和就业支出", "行政事业单位养老支出",
              "05", "06", "机关事业单位基本养老保险缴费支出", "机关事业单位职业年金缴费支出"]
    sparse = ["1", "2", "3", "4", "5", "6", "100.00", "50.00", "50.00", "0", "0", "0",
              "100.00", "100.00", "50.00", "50.00", "50.00", "50.00", "50.00", "50.00", "50.00", "50.00"]
    # the same with every cell printed (0 where blank)
    full = ["1", "2", "3", "4", "5", "6", "100.00", "50.00", "50.00", "0", "0", "0",
            "100.00", "100.00", "50.00", "50.00", "50.00", "50.00", "50.00", "0", "50.00", "50.00", "0", "50.00"] \
        + ["0"] * 12
    for amounts in (sparse, full):
        block = _runs("\n".join(SPARSE_HEAD + labels + amounts + [NOTE]))
        assert block is not None
        rows = {(r[0].text or r[1].text): r[2:5] for r in block.rows[1:]}
        assert [c.text for c in rows["20805"]] == ["100.00", "50.00", "50.00"]
        for code in ("2080505", "2080506"):
            assert rows[code][0].text == "50.00" and not rows[code][0].repairs
            parts = [c for c in rows[code][1:] if c.text not in ("", "0")]
            assert [c.text for c in parts] == ["50.00"] and parts[0].repairs[0].kind == "layout.column_order"
        # the two 项 print their part amount in different columns
        assert [c.text for c in rows["2080505"][1:]] != [c.text for c in rows["2080506"][1:]]


def test_two_leaves_that_may_swap_their_amounts_read_column_wise_are_read_row_by_row():
    # row by row, blank cells absent (a pdfminer shape of generated 公开03表): 行政运行 prints
    # 834.83 twice (合计, 基本), 其他… 218.03 twice (合计, 项目). Read column-wise (each column top-down,
    # interleaved at will) the stream also fits 行政运行 = 218.03 (项目) and 其他… = 834.83 (基本); but it
    # cuts into the rows one way only (each row's total, then its parts up to where they add up to
    # it), and read so only the printed grid keeps the identities (run_rows.py)
    text = "\n".join([
        "支出决算表", "单位：万元", "项目", "本年支出合计", "基本支出", "项目支出", "科目编码", "科目名称", "合计",
        "206", "科学技术支出", "206 01", "科学技术管理事务", "206 01 01 行政运行", "206 01 99 其他科学技术管理事务支出",
        "1052.86", "834.83", "218.03", "1052.86", "834.83", "218.03", "1052.86", "834.83", "218.03",
        "834.83", "834.83", "218.03", "218.03", NOTE])
    block = _runs(text, "项目")
    assert block is not None
    rows = {(r[0].text or r[1].text): [c.text for c in r[2:5]] for r in block.rows[1:]}
    assert rows["2060101"] == ["834.83", "834.83", ""]
    assert rows["2060199"] == ["218.03", "", "218.03"]
    assert rows["20601"] == ["1052.86", "834.83", "218.03"]
    assert not any(c.repairs for r in block.rows for c in r)  # the row order says which part is which


def test_codes_from_level_columns_and_pieces_among_the_names():
    from extractor.structure.run_labels import CodeLine, NameLine, PieceLine, label_rows

    def ln(text: str) -> NLine:
        return NLine(text=text, orig=text, no=1)

    codes = [CodeLine("201", "201", ln("201")) for _ in range(5)]
    names = [NameLine(t, ln(t)) for t in ["本年支出合计", "一般公共服务支出", "人大事务", "行政运行",
                                          "政府办公厅（室）及相关机构事务", "行政运行"]]
    # the 款 column (01 01 03 03) and the 项 column (01, 01) printed as runs of their own
    pieces = [PieceLine(t, ln(t)) for t in ["01", "01", "03", "03", "01", "01"]]
    rows, header = label_rows(codes, names, pieces)
    assert [r.code for r in rows] == ["201", "20101", "2010101", "20103", "2010301"]
    assert [r.code_orig for r in rows] == ["201", "201 01", "201 01 01", "201 03", "201 03 01"]
    assert header == ["本年支出合计"]
    # a piece the codes do not need: no reading
    assert label_rows(codes, names, pieces + [PieceLine("05", ln("05"))])[0] is None


def test_a_single_amount_column():
    # 一般公共预算基本支出预算表 (经济分类): amounts first, then codes, 合计 and names (pdfminer)
    # by hand: 301 = 30101 + 30102 = 80 + 20; 302 = 30201 = 5; 合计 = 100 + 5
    text = "\n".join([
        "一般公共预算基本支出预算表", "单位：万元", "经济分类科目编码", "科目名称", "预算数",
        "105.00", "100.00", "80.00", "20.00", "5.00", "5.00",
        "301", "30101", "30102", "302", "30201", "合计", "工资福利支出", "基本工资", "津贴补贴", "商品和服务支出", "办公费",
        "注：本表反映一般公共预算基本支出情况。"])
    block = _runs(text, "经济分类科目编码")
    assert block is not None
    rows = {(r[0].text or r[1].text): [c.text for c in r[2:]] for r in block.rows[1:]}
    assert rows == {"合计": ["105.00"], "301": ["100.00"], "30101": ["80.00"], "30102": ["20.00"],
                    "302": ["5.00"], "30201": ["5.00"]}
    assert [c.text for c in block.rows[0]] == ["科目编码", "科目名称", "预算数"]


def test_a_table_over_a_page_break():
    # the 公开03表 above, its last two rows on the next page: the running header (printed on every
    # page) and the page number among the boxes, the header printed again, the rest of the rows
    running = "某区某局2024年部门决算"
    page1 = SPARSE_HEAD + ["201", "201", "201", "208", "208", "01", "01", "05", "栏次", "合计",
                           "一般公共服务支出", "人大事务", "01", "行政运行", "社会保障和就业支出", "行政事业单位养老支出"]
    amounts1 = SPARSE_TOTALS[:6 + 6 + 5] + ["50.00", "50.00", "50.00", "100.00", "100.00"]
    page2 = ["第 7 页", running, "功能分类科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出", "上缴上级支出",
             "经营支出", "对附属单位补助支出", "208", "208", "05", "05", "05", "06", "机关事业单位基本养老保险缴费支出",
             "机关事业单位职业年金缴费支出", NOTE, "60.00", "40.00", "60.00", "40.00", "第 8 页", running]
    text = "\n".join([running, "目录"] + page1 + amounts1 + page2 + ["下一部分", running])
    block = _runs(text)
    assert block is not None
    rows = {(r[0].text or r[1].text): [c.text for c in r[2:4]] for r in block.rows[1:]}
    assert rows["2080505"] == ["60.00", "60.00"] and rows["2080506"] == ["40.00", "40.00"]
    assert rows["20805"] == ["100.00", "100.00"] and rows["201"] == ["50.00", ""]


def test_pdfminer_final_report_with_blank_cells_left_out(tmp_path):
    """A generated 决算 whose 公开02/03/05表 pdfminer prints with the names before the codes, the 项
    among the names, the 合计 row whole, blank cells absent and the last rows on the next page:
    column-runs reads all three, every amount the PDF route has for them, none wrong."""
    got, a = _pdfminer_against_pdf_route(tmp_path, 4, "final")
    assert a["precision"] == 1.0 and a["confident_wrong"] == []
    assert a["by_part"]["table"][0] >= 104  # 公开02 35 + 公开03 36 + 公开05 33 amounts
    read = {t.template: t for t in got.tables if t.method == "column-runs"}
    assert set(read) == {"final.02", "final.03", "final.05"}
    rows = {r.code.value: {k: v.value for k, v in r.values.items() if v is not None and v.value is not None}
            for r in read["final.03"].rows if r.code}
    # by hand (the PDF's 公开03表): 211 节能环保支出 274.16 = 基本 93.6 + 项目 180.56; 2210201 on the next page
    assert sorted(rows["211"].values()) == [Decimal("93.6"), Decimal("180.56"), Decimal("274.16")]
    assert sorted(rows["2210201"].values()) == [Decimal("8.42"), Decimal("8.42")]


def test_pdfminer_budget_whose_total_row_closes_the_table(tmp_path):
    """A generated 部门收入预算表 printed row by row with its 合计 row last and one part column (一般公共
    预算拨款收入) equal to the total column: forwards, which branch sits in which part column is settled
    only by the 合计 row at the very end, so the stream is also placed read backwards (the 合计 row's
    cells first); the one grid is found and every amount agrees with the PDF route."""
    import converted
    import samplegen

    from extractor import extract

    pdf = tmp_path / "budget.pdf"
    samplegen.write_pdf(21, "budget", pdf)
    txt = converted.convert(pdf, "pdfminer", tmp_path)  # pdfminer.six: a test extra, never skipped
    got = extract(txt)
    income = next(t for t in got.tables if t.template == "budget.income")
    assert income.method == "column-runs"
    # by hand (the PDF's 收入预算表): every row's 合计 and 一般公共预算拨款收入 alike, the 合计 row last
    rows = _values(income)
    assert rows["208"][:2] == ["1237.25", "1237.25"] and set(rows["208"][2:]) == {""}
    assert rows["2080199"][:2] == ["64.74", "64.74"]
    assert rows["2101101"][:2] == ["57.16", "57.16"]
    assert list(rows)[-1] == "合计" and rows["合计"][:2] == ["1430.02", "1430.02"]
    a = converted.agreement(got, extract(pdf))
    assert a["precision"] == 1.0 and a["confident_wrong"] == []


def _real_pdfminer(tmp_path, name: str):
    """The text route's report of a real report (../shared/real-pdfs) converted by pdfminer.six."""
    import converted

    from extractor import extract

    pdf = ROOT.parent / "shared" / "real-pdfs" / name
    if not pdf.is_file():
        pytest.skip(reason=f"real reports not available: {pdf} is absent (they live in ../shared, outside the repo)")
    return extract(converted.convert(pdf, "pdfminer", tmp_path))


def _values(table) -> dict:
    return {(r.code.value if r.code else r.name.value): [v.raw if v is not None else "" for v in r.values.values()]
            for r in table.rows}


def test_pdfminer_real_budget_over_page_breaks(tmp_path):
    """上海 普陀 司法局 2026 部门预算 through pdfminer.six: its 功能分类 and 经济分类 tables run over two
    pages (the header printed again, the 合计 row last); every cell is printed, 0.00 included."""
    got = _real_pdfminer(tmp_path, "shanghai-putuo-sifaju-2026-bumen-yusuan.pdf")
    read = {t.template: t for t in got.tables if t.method == "column-runs"}
    assert {"budget.general", "budget.basic"} <= set(read)
    # by hand, from the PDF's pages
    general = _values(read["budget.general"])
    assert len(general) == 22
    assert general["2040601"] == ["16726725.44", "16726725.44", "0.00"]
    assert general["2080599"] == ["6440.00", "6440.00", "0.00"]
    assert general["2210203"] == ["2433600.00", "2433600.00", "0.00"]  # on the second page
    assert general["合计"] == ["96282213.44", "25741666.44", "70540547.00"]
    basic = _values(read["budget.basic"])
    assert len(basic) == 30
    assert basic["30101"] == ["2892504.00", "2892504.00", "0.00"]
    assert basic["30201"] == ["120000.00", "0.00", "120000.00"]
    assert basic["31002"] == ["36600.00", "0.00", "36600.00"]
    assert basic["合计"] == ["25741666.44", "23563342.00", "2178324.44"]
    # which part column is which no identity settles, but the rows' classes do: every 301/303 row's
    # amount stands in the first part column (人员经费), every 302/310 row's in the second (公用经费)
    for r in read["budget.basic"].rows:
        for v in list(r.values.values())[1:]:
            assert v.confidence >= 0.9
            assert [(x.kind, x.status) for x in v.repairs] == [("layout.column_order", "confirmed")]
            assert "经济分类 classes" in v.repairs[0].by
    # and the 基本支出 table's 合计 (25741666.44, its total column: no guess) is the 功能分类 table's
    # 基本支出 合计, not its 项目支出 合计 (70540547.00): that order is settled too
    for r in read["budget.general"].rows:
        for v in list(r.values.values())[1:]:
            assert v.confidence >= 0.9 and "基本支出部门预算经济分类预算表" in v.repairs[0].by
    assert not any("column uncertain" in i.why for i in got.review)


def test_basic_expenditure_by_economic_class_under_a_fiscal_allocation_header():
    # 财政拨款基本支出表（经济科目）: the header names 本年财政拨款基本支出 (not 一般公共预算基本支出) over
    # 合计 人员经费 公用经费. By hand: 301 = 30101 + 30102 = 60 + 40 = 100 (人员); 302 = 30201 = 15
    # (公用); 合计 row = 115 = 100 + 15. Every cell printed, 0 where blank, column by column.
    text = "\n".join([
        "财政拨款基本支出表（经济科目）", "单位：万元", "部门预算支出经济分类科目", "本年财政拨款基本支出",
        "科目编码", "科目名称", "合计", "人员经费", "公用经费", "合计",
        "301", "工资福利支出", "30101 基本工资", "30102 津贴补贴", "302", "商品和服务支出", "30201 办公费",
        "115.00", "100.00", "60.00", "40.00", "15.00", "15.00",
        "100.00", "100.00", "60.00", "40.00", "0", "0",
        "15.00", "0", "0", "0", "15.00", "15.00", NOTE])
    block = _runs(text, "部门预算支出经济分类科目")
    assert block is not None and block.method == "column-runs"
    rows = {(r[0].text or r[1].text): [c.text for c in r[2:5]] for r in block.rows if r[1].text not in ("科目名称", "")}
    assert rows["合计"] == ["115.00", "100.00", "15.00"]
    assert rows["30101"] == ["60.00", "60.00", "0"]
    assert rows["302"] == ["15.00", "0", "15.00"]
    assert [c.text for c in block.rows[1][2:5]] == ["合计", "人员经费", "公用经费"]


# pdfminer.six prints the box of some tables' first header words, codes and names above the title
# (上海 决算 公开03表): the table's lines start there and the title stands among them. By hand:
# 2010601 行政运行 100 = 基本 90 + 项目 10; 2010602 20 = 项目 20; 20106 = 201 = 合计 row = 120 = 90 + 30.
HEAD_FIRST = ["项目", "支出功能分类", "科目编码", "款", "类", "项", "科目名称", "合计",
              "201", "201", "201", "201", "06", "06", "06", "一般公共服务支出", "财政事务", "01 行政运行", "02 一般行政管理事务"]
HEAD_AFTER = ["支出决算表", "本年支出合", "计", "基本支出", "项目支", "出", "上缴上级支", "出", "经营支", "出", "单位：万元",
              "对附属单位", "补", "助支出"]
HEAD_FIRST_AMOUNTS = ["120.00", "120.00", "120.00", "100.00", "20.00", "90.00", "90.00", "90.00", "90.00",
                      "30.00", "30.00", "30.00", "10.00", "20.00"]


def _head_first_text(before: list[str]) -> str:
    return "\n".join(before + HEAD_FIRST + HEAD_AFTER + HEAD_FIRST_AMOUNTS + [NOTE])


def _tables(tmp_path, text: str):
    from extractor import extract

    f = tmp_path / "t.txt"
    f.write_text(text, encoding="utf-8")
    return [t for t in extract(f).tables if t.method == "column-runs"]


def test_a_header_printed_before_the_title_is_the_tables(tmp_path):
    # after a table read before it (the 一般公共预算支出表 of the first test): its region ends where
    # the next table's header starts (header words, codes, names, then a subject title)
    first = HEAD + TOTAL + CODES + NAMES + COL_TOTAL + COL_BASIC + COL_PROJECT
    tables = _tables(tmp_path, _head_first_text(first))
    assert [t.template for t in tables] == ["budget.general", "final.03"]
    assert len(tables[0].rows) == 7  # 合计 and its six rows, none of the next table's
    t = tables[1]
    assert t.title == "支出决算表"
    rows = _by_code(t)
    assert set(rows) == {"合计", "201", "20106", "2010601", "2010602"}
    assert rows["2010601"]["本年支出合计"] == Decimal("100.00")
    assert rows["2010601"]["基本支出"] == Decimal("90.00") and rows["2010601"]["项目支出"] == Decimal("10.00")
    assert rows["2010602"]["项目支出"] == Decimal("20.00") and rows["2010602"].get("基本支出") is None
    assert rows["合计"]["本年支出合计"] == Decimal("120.00")
    # the total column is certain; which part column is which no identity settles: review
    r = next(r for r in t.rows if r.code and r.code.value == "2010601").values
    assert r["本年支出合计"].confidence >= 0.9 and r["基本支出"].confidence < 0.9


def test_a_header_before_the_title_after_prose(tmp_path):
    tables = _tables(tmp_path, _head_first_text(["第二部分 决算表", "一、支出决算情况说明。", "总计", "2,995.39"]))
    assert [t.template for t in tables] == ["final.03"]
    assert _by_code(tables[0])["20106"]["本年支出合计"] == Decimal("120.00")


def test_codes_before_a_title_that_no_table_follows_are_no_table(tmp_path):
    # header words and codes, then a title of another shape (a 三公 table): no subject table starts
    text = "\n".join(["总计", "2,995.39"] + HEAD_FIRST + ["财政拨款“三公”经费支出决算表", "单位：万元"]
                     + HEAD_FIRST_AMOUNTS[:5] + [NOTE])
    assert _tables(tmp_path, text) == []


def _basic_page(codes: list[str], names: list[str], amounts: list[str]) -> list[str]:
    # a page of a 一般公共预算基本支出表 as pdfminer.six prints it: the title on every page, the column
    # numbers 1 2 3 among the header's words (no 栏次 label), codes, names, then the amounts
    return (["2026年市级部门一般公共预算基本支出表", "经济分类科目", "本年一般公共预算基本支出", "表06", "单位：万元",
             "科目编码", "**", "科目名称", "**", "合计", "1", "人员经费", "公用经费", "2", "3"]
            + codes + names + amounts)


def test_a_table_continued_under_its_title_printed_again(tmp_path):
    # by hand: 302 商品和服务支出 30 = 30201 10 (page 1) + 30205 12 + 30206 8 (page 2), all 公用;
    # 301 100 = 60 + 40, all 人员; 合计 row 130 = 100 + 30. Page 1 alone breaks 302 = Σ its 项.
    page1 = _basic_page(["301", "30101", "30102", "302", "30201"],
                        ["工资福利支出", "基本工资", "津贴补贴", "商品和服务支出", "办公费"],
                        ["130.00", "100.00", "60.00", "40.00", "30.00", "10.00",
                         "100.00", "100.00", "60.00", "40.00", "30.00", "30.00", "10.00"])
    page2 = _basic_page(["30205", "30206"], ["水费", "电费"], ["12.00", "8.00", "12.00", "8.00"])
    tables = _tables(tmp_path, "\n".join(page1 + page2 + ["注：本表反映一般公共预算基本支出情况。"]))
    assert [t.template for t in tables] == ["budget.basic"]
    rows = {k: {c: v for c, v in r.items() if v is not None} for k, r in _by_code(tables[0]).items()}
    assert list(rows) == ["合计", "301", "30101", "30102", "302", "30201", "30205", "30206"]
    total, staff, public = tables[0].columns
    assert rows["合计"] == {total: Decimal("130.00"), staff: Decimal("100.00"), public: Decimal("30.00")}
    assert rows["30206"] == {total: Decimal("8.00"), public: Decimal("8.00")}
    assert rows["30101"] == {total: Decimal("60.00"), staff: Decimal("60.00")}
    # no column number read as an amount
    assert all(v.value not in (Decimal(1), Decimal(2), Decimal(3)) for r in tables[0].rows for v in r.values.values()
               if v is not None and v.value is not None)


def test_header_words_after_the_names_name_the_department_economic_class():
    # 部门预算经济分类 table: the header's words 项目 / 一般公共预算基本支出 / 部门经济分类科目名称 / 合计 人员经费 公用经费
    # printed after the names (the 款 before its name: `99 其他工资福利支出`). By hand: 301 = 30199 = 1,000
    # (人员); 302 = 30214 = 2,000 (公用); the 合计 row, printed last, 3,000 = 1,000 + 2,000.
    text = "\n".join([
        "2026年预算单位一般公共预算基本支出部门预算经济分类预算表", "单位：元", "经济分类科目编码", "类",
        "301", "301", "302", "302", "款", "工资福利支出", "99 其他工资福利支出", "商品和服务支出", "14 租赁费",
        "项目", "一般公共预算基本支出", "部门经济分类科目名称", "合计", "人员经费", "公用经费",
        "1,000", "1,000", "2,000", "2,000", "3,000", "1,000", "1,000", "1,000", "2,000", "2,000", "2,000", "合计",
        NOTE])
    block = _runs(text, "经济分类科目编码")
    assert block is not None
    rows = {(r[0].text or r[1].text): [c.text for c in r[2:5]] for r in block.rows[2:]}
    assert list(rows) == ["301", "30199", "302", "30214", "合计"]
    assert rows["30214"][0] == "2,000" and rows["合计"][0] == "3,000"
    assert sorted(rows["合计"][1:]) == ["1,000", "2,000"] and sorted(rows["30199"][1:]) == ["", "1,000"]


def test_a_group_of_sub_columns_without_its_own_subtotal(tmp_path):
    # 支出预算总表 whose header prints 总计 | 基本支出 (人员支出 公用经费) | 项目支出 | 事业单位经营支出 | 上缴上级支出 |
    # 对附属单位补助支出 (no 小计 under 基本支出: the row identity is 总计 = Σ the six others). By hand:
    # 2010601 3,685.65 = 人员 3,102.63 + 公用 583.02; 2010607 113.75 = 项目 113.75; 20106 = 201 = 合计
    # = 3,799.40 = 3,102.63 + 583.02 + 113.75. Each column top-down, blank cells absent.
    text = "\n".join([
        "2026 年市级部门支出预算总表", "单位:万元", "科目编码", "科目名称", "总计", "基本支出", "人员支出", "公用经费",
        "项目支出", "事业单位", "经营支出", "上缴上级", "支出", "对附属单", "位补助支", "出", "合计",
        "201", "20106", "2010601", "2010607", "一般公共服务支出", "财政事务", "行政运行", "信息化建设",
        "3799.40", "3799.40", "3799.40", "3685.65", "113.75", "3102.63", "3102.63", "3102.63", "3102.63",
        "583.02", "583.02", "583.02", "583.02", "113.75", "113.75", "113.75", "113.75", NOTE])
    tables = _tables(tmp_path, text)
    assert len(tables) == 1
    t = tables[0]
    assert t.columns == ["总计", "基本支出/人员支出", "基本支出/公用经费", "项目支出", "事业单位经营支出", "上缴上级支出",
                         "对附属单位补助支出"]
    rows = {k: {c: v for c, v in r.items() if v is not None} for k, r in _by_code(t).items()}
    assert rows["合计"]["总计"] == Decimal("3799.40")
    assert sorted(rows["2010601"].values()) == [Decimal("583.02"), Decimal("3102.63"), Decimal("3685.65")]
    # (the part columns in the order the stream first reaches them: a guess, under review)
    assert rows["2010607"] == {"总计": Decimal("113.75"), "项目支出": Decimal("113.75")}
    # the total column is certain; which part column is which no identity settles: review
    r = next(r for r in t.rows if r.code and r.code.value == "2010601").values
    assert r["总计"].confidence >= 0.9
    assert all(v.confidence < 0.9 for c, v in r.items() if c != "总计" and v.value is not None)


def test_a_group_with_its_own_subtotal_is_not_read_with_fewer_columns():
    # 合计 | 基本支出 (小计 人员经费 公用经费) | 项目支出: the header covers the four-column set without 小计
    # too, but the table has five columns: no set without its 小计 is tried
    from extractor.structure.column_runs import _column_sets

    sets = _column_sets("科目编码科目名称合计基本支出小计人员经费公用经费项目支出")
    assert not any(len(leaves) == 4 and "基本支出/人员经费" in leaves for _, leaves in sets)
    assert ("", ("总计", "基本支出/人员支出", "基本支出/公用经费", "项目支出", "事业单位经营支出", "上缴上级支出",
                 "对附属单位补助支出")) in _column_sets("总计基本支出人员支出公用经费项目支出事业单位经营支出上缴上级支出对附属单位补助支出")


def _changed_part_pages() -> list[str]:
    # 支出总体情况表 whose 类 / 款 / 项 columns print only the part each row adds (`201` on the 类 row,
    # `08` on the 款 row, `01` on a 项 row), as pdfminer.six prints it: the 类 box with its name, the 款
    # box with its name, the other 类 and 款, the 项 column, the names; the amounts column by column
    # (项目支出 first), blank cells left out; the last two rows on the next page, their pieces and
    # names before the title printed again, whose header repeats 合计. By hand: 2010801 150 = 150 +
    # blank; 2010804 50 = blank + 50; 20108 = 201 = 200 = 150 + 50; 2080505 60, 2080506 40 (基本);
    # 20805 = 208 = 100; 合计 row 300 = 200 + 100 = 250 + 50.
    head = ["支出总体情况表", "公开表3", "单位：万元", "科目名称", "合计", "基本支出", "项目支出", "结转下年",
            "部门（单位）：某市某局", "科目编码", "类", "款", "项"]
    page1 = head + ["合 计", "201", "一般公共服务支出", "08", "审计事务", "208", "05", "01", "04", "行政运行",
                    "审计业务", "社会保障和就业支出", "行政事业单位养老支出",
                    "50.00", "50.00", "50.00", "50.00",
                    "300.00", "200.00", "200.00", "150.00", "50.00", "100.00", "100.00",
                    "250.00", "150.00", "150.00", "150.00", "100.00", "100.00", "— 2 —"]
    page2 = ["部门（单位）：某市某局", "科目编码", "类", "款", "05", "项", "06", "机关事业单位基本养老保险缴费支出",
             "机关事业单位职业年金缴费支出", "支出总体情况表", "公开表3", "单位：万元", "科目名称", "合计", "基本支出",
             "项目支出", "结转下年", "60.00", "40.00", "60.00", "40.00", "— 3 —"]
    return page1 + page2


def test_codes_printed_as_the_part_each_row_adds(tmp_path):
    tables = _tables(tmp_path, "\n".join(["二、部门预算表"] + _changed_part_pages() + [NOTE]))
    assert len(tables) == 1
    rows = {k: {c: v for c, v in r.items() if v is not None} for k, r in _by_code(tables[0]).items()}
    assert list(rows) == ["合计", "201", "20108", "2010801", "2010804", "208", "20805", "2080505", "2080506"]
    assert rows["合计"]["合计"] == Decimal("300.00")
    assert rows["2010801"]["合计"] == Decimal("150.00") and rows["2010804"]["合计"] == Decimal("50.00")
    assert rows["2080506"]["合计"] == Decimal("40.00") and rows["20805"]["合计"] == Decimal("100.00")
    assert sorted(rows["201"].values()) == [Decimal("50.00"), Decimal("150.00"), Decimal("200.00")]
    # the header's 合计 printed again on the next page is no 合计 row: the 合计 row is the first
    assert list(_by_code(tables[0]))[0] == "合计" and len(tables[0].rows) == 9


def test_codes_printed_as_parts_whose_pieces_do_not_fit_are_declined():
    from extractor.structure.run_labels import CodeLine, NameLine, PieceLine, label_rows

    def ln(text: str) -> NLine:
        return NLine(text=text, orig=text, no=1)

    codes = [CodeLine("201", "201", ln("201")), CodeLine("208", "208", ln("208"))]
    names = [NameLine(t, ln(t)) for t in ["一般公共服务支出", "审计事务", "行政运行", "社会保障和就业支出",
                                          "行政事业单位养老支出"]]
    rows, _ = label_rows(codes, names, [PieceLine(t, ln(t)) for t in ["08", "05", "01"]])
    assert [r.code for r in rows] == ["201", "20108", "2010801", "208", "20805"]
    # a 项 piece the rows do not need, or the 类 codes in another order: no reading
    assert label_rows(codes, names, [PieceLine(t, ln(t)) for t in ["08", "05", "01", "99"]])[0] is None
    assert label_rows(codes[::-1], names, [PieceLine(t, ln(t)) for t in ["08", "05", "01"]])[0] is None


# 合计 | 基本支出 (小计, 人员经费, 公用经费) | 项目支出: the group prints its own 小计 (two identities: 合计 = 小计 +
# 项目支出, 小计 = 人员经费 + 公用经费). By hand: the 208 branch 80 all 人员经费; the 221 branch 40.50 = 20
# (15 人员经费 + 5 公用经费) + 20.50 项目; 合计 row 120.50 = 100 (95 + 5) + 20.50. Blank cells are left out.
GROUP_HEAD = ["一般公共预算支出表", "单位：万元", "", "功能分类科目编码", "科目名称", "合计", "基本支出", "小计",
              "人员经费", "公用经费", "项目支出", "合计"]
GROUP_STREAM = (["120.50", "100.00"]  # the 合计 row's first cells, as pdfminer prints them beside its label
                + ["80.00", "80.00", "80.00", "40.50", "40.50", "40.50"]  # 合计
                + ["80.00", "80.00", "80.00", "20.00", "20.00", "20.00"]  # 小计
                + ["95.00", "80.00", "80.00", "80.00", "15.00", "15.00", "15.00"]  # 人员经费 (its 合计 first)
                + ["5.00", "5.00", "5.00", "5.00"]  # 公用经费
                + ["20.50", "20.50", "20.50", "20.50"])  # 项目支出


def _group_text(amounts: list[str]) -> str:
    return "\n".join(GROUP_HEAD + CODES + NAMES + amounts + ["注：本表反映一般公共预算支出情况。"])


def _group_read(text: str):
    lines = _lines(text)
    return read_runs(lines, next(k for k, ln in enumerate(lines) if ln.text == "功能分类科目编码"))[0]


def test_group_with_its_own_subtotal_is_placed_by_both_identities():
    lines = _lines(_group_text(GROUP_STREAM))
    block = _group_read(_group_text(GROUP_STREAM))
    assert block is not None  # (declined while the placers knew one row identity only)
    block.preamble = lines[:2]
    t = build_table(block)
    assert t.method == "column-runs"
    assert t.columns == ["合计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"]
    rows = _by_code(t)
    assert rows["合计"] == {"合计": Decimal("120.50"), "基本支出/小计": Decimal("100.00"),
                          "基本支出/人员经费": Decimal("95.00"), "基本支出/公用经费": Decimal("5.00"),
                          "项目支出": Decimal("20.50")}
    assert rows["2210201"] == {"合计": Decimal("40.50"), "基本支出/小计": Decimal("20.00"),
                               "基本支出/人员经费": Decimal("15.00"), "基本支出/公用经费": Decimal("5.00"),
                               "项目支出": Decimal("20.50")}
    assert rows["2080505"]["基本支出/人员经费"] == Decimal("80")
    assert rows["2080505"].get("项目支出") is None and rows["2080505"].get("基本支出/公用经费") is None
    # 合计, 小计 and 项目支出 are fixed by the identities; 人员经费 / 公用经费 no identity tells apart
    row = next(r for r in t.rows if r.code and r.code.value == "221").values
    for name in ("合计", "基本支出/小计", "项目支出"):
        assert row[name].confidence >= 0.9
    for name in ("基本支出/人员经费", "基本支出/公用经费"):
        assert row[name].confidence < 0.9
        assert any("column uncertain" in n for n in row[name].notes)


def test_group_with_its_own_subtotal_declined_when_no_grid_keeps_the_identities():
    stream = list(GROUP_STREAM)
    stream[-1] = "20.60"  # the last 项目支出 cell no longer adds up: no grid keeps every identity
    assert _group_read(_group_text(stream)) is None


def test_grouped_solver_finds_the_one_grid_or_none():
    from extractor.structure.run_placer import Shape
    from extractor.structure.run_subtotals import solve_grouped
    ids = [(1, (2, 3)), (0, (1, 4))]
    d = [Decimal(x) for x in ("120.50", "100.00", "80.00", "80.00", "80.00", "40.50", "40.50", "40.50", "80.00",
                              "80.00", "80.00", "20.00", "20.00", "20.00", "95.00", "80.00", "80.00", "80.00",
                              "15.00", "15.00", "15.00", "5.00", "5.00", "5.00", "5.00", "20.50", "20.50",
                              "20.50", "20.50")]
    shape = Shape([None] + CODES)
    grid, where = solve_grouped(shape, d, 5, ids)
    assert [str(v) for v in (grid[0][0], grid[1][0], grid[2][0], grid[3][0], grid[4][0])] == [
        "120.50", "100.00", "95.00", "5.00", "20.50"]
    assert grid[4][1] is None and grid[2][4] == Decimal("15.00")
    assert len(where) == len(d) and where[0] == (0, 0) and where[1] == (1, 0)
    # one row, 10 = 小计 5 + 项目支出 5 leaves no amount for the 小计's own 人员经费 / 公用经费 (and 10 = 10 +
    # blank finds no second 10): no grid
    assert solve_grouped(Shape(["208"]), [Decimal("10"), Decimal("5"), Decimal("5")], 5, ids) is None
