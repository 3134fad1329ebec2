"""The `row-stream` reader: subject tables printed one cell per line, row after row, with blank
cells absent (PyMuPDF, pdftotext without -layout). Expected values were checked by hand against
the texts below and, for the real report, against the PDF's printed table."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from extractor import extract
from extractor.evidence import policy

SHARED = Path(__file__).resolve().parents[2] / "shared"

# 公开05表 as PyMuPDF prints it: every cell on its own line, header words broken, codes in 类/款/项
# parts, blank cells absent (行政运行 prints no 项目支出, 一般行政管理事务 no 基本支出), a name
# broken over two lines, the page's running header and page number between rows, the 合计 row last.
STREAM_05 = """一般公共预算财政拨款支出决算表
公开05表
单位：万元
项目
本年支出
小计
基本支出
项目支出
支出功能分类
科目编码
科目名称
类
款
项
201
一般公共服务支出
100.00
70.00
30.00
201
06
财政事务
100.00
70.00
30.00
201
06
01
行政运行
70.00
70.00
某某市某某局2024年度部门决算
第 5 页
201
06
02
一般行政管理事
务
30.00
30.00
合计
100.00
70.00
30.00
注：本表反映本部门本年度一般公共预算财政拨款支出情况。
某某市某某局2024年度部门决算
某某市某某局2024年度部门决算
"""


def _extract(tmp_path, text: str, name: str = "t.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return extract(p)


def _row(table, code):
    return next(r for r in table.rows if r.code is not None and r.code.value == code)


def _vals(row) -> dict:
    return {k: v.value for k, v in row.values.items() if v is not None and v.value is not None}


def test_rows_cut_from_a_cell_stream_and_amounts_placed_by_the_identities(tmp_path):
    report = _extract(tmp_path, STREAM_05)
    (t,) = [t for t in report.tables if t.method == "row-stream"]
    assert t.template == "final.05"
    assert t.parsing_report.reader == "row-stream"
    assert t.columns == ["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"]
    assert [r.code.value if r.code else r.name.value for r in t.rows] == [
        "201", "20106", "2010601", "2010602", "合计"]
    assert _vals(_row(t, "20106")) == {"本年支出/小计": Decimal("100.00"), "本年支出/基本支出": Decimal("70.00"),
                                       "本年支出/项目支出": Decimal("30.00")}
    # two amounts of three columns: the parent's columns (财政事务 70 | 30) say where each stands
    run = _row(t, "2010601")
    assert _vals(run) == {"本年支出/小计": Decimal("70.00"), "本年支出/基本支出": Decimal("70.00")}
    other = _row(t, "2010602")
    assert other.name.value == "一般行政管理事务"  # broken over two lines
    assert _vals(other) == {"本年支出/小计": Decimal("30.00"), "本年支出/项目支出": Decimal("30.00")}
    assert other.values["本年支出/项目支出"].confidence >= policy.REVIEW_THRESHOLD
    # each amount keeps the line it was printed on (text lines count from 1)
    lines = STREAM_05.splitlines()
    assert lines[run.values["本年支出/基本支出"].source.line - 1] == "70.00"
    assert lines[other.values["本年支出/项目支出"].source.line - 1] == "30.00"
    assert other.values["本年支出/项目支出"].source.line == lines.index("务") + 3
    # the running header and page number between rows are no row and no name piece
    assert not any("部门决算" in (r.name.value or "") for r in t.rows)


def test_an_amount_no_identity_places_goes_to_review_with_the_reason(tmp_path):
    # no parent row and no 合计: 行政运行's one part amount could be 基本支出 or 项目支出
    text = STREAM_05.replace("201\n一般公共服务支出\n100.00\n70.00\n30.00\n201\n06\n财政事务\n100.00\n70.00\n30.00\n", "")
    text = text.replace("合计\n100.00\n70.00\n30.00\n", "")
    report = _extract(tmp_path, text)
    (t,) = [t for t in report.tables if t.method == "row-stream"]
    run = _row(t, "2010601")
    part = next(v for k, v in run.values.items() if v is not None and v.value is not None and k != "本年支出/小计")
    assert part.value == Decimal("70.00")
    assert part.confidence < policy.REVIEW_THRESHOLD
    assert any(r.status == "unconfirmed" and "column uncertain" in r.note for r in part.repairs)
    assert any("column uncertain" in (item.why or "") for item in report.review)


def test_a_stream_whose_reading_order_mixes_rows_is_declined(tmp_path):
    # pdftotext without -layout prints some tables column by column: codes, then names, then amounts
    text = """支出决算表
公开03表
单位：万元
项目
本年支出合计
基本支出
项目支出
科目编码
科目名称
合计
201
201
201
06
06
一般公共服务支出
财政事务
行政运行
100.00
100.00
70.00
70.00
70.00
30.00
30.00
70.00
注：本表反映本部门本年度支出情况。
"""
    report = _extract(tmp_path, text)
    assert not [t for t in report.tables if t.method == "row-stream"]
    # nothing was placed on a guess: no table value stands at review-free confidence
    assert not any(v.confidence >= policy.REVIEW_THRESHOLD and v.value == Decimal("30.00")
                   for t in report.tables for r in t.rows for v in r.values.values() if v is not None)


def test_rows_printed_one_per_line_stay_the_spaced_readers(tmp_path):
    text = """一般公共预算财政拨款支出决算表
公开05表
单位：万元
项目 本年支出
科目编码 科目名称 小计 基本支出 项目支出
合计 100.00 70.00 30.00
201 一般公共服务支出 100.00 70.00 30.00
20106 财政事务 100.00 70.00 30.00
2010601 行政运行 70.00 70.00
2010602 一般行政管理事务 30.00 30.00
"""
    report = _extract(tmp_path, text)
    assert [t.method for t in report.tables] == ["spaced"]


@pytest.mark.skipif(not (SHARED / "real-pdfs").is_dir(),
                    reason=f"the real PDFs are not available: {SHARED / 'real-pdfs'} is absent (../shared)")
def test_pymupdf_text_of_a_real_report(tmp_path):
    import converted  # PyMuPDF: a test extra, never skipped
    pdf = SHARED / "real-pdfs" / "shanghai-putuo-caizhengju-2024-juesuan.pdf"
    report = extract(converted.convert(pdf, "pymupdf", tmp_path))
    streams = {t.template: t for t in report.tables if t.method == "row-stream"}
    assert {"final.02", "final.03", "final.05"} <= set(streams)
    t05 = streams["final.05"]
    # printed: 201 06 01 行政运行 1,511.89 1,503.52 8.37; 201 06 02 一般行政管理事务 10.00 (项目支出);
    # 合计 2,940.05 2,336.91 603.14 (printed after the rows)
    assert _vals(_row(t05, "2010601")) == {"合计": Decimal("1511.89"), "基本支出": Decimal("1503.52"),
                                           "项目支出": Decimal("8.37")}
    assert _vals(_row(t05, "2010602")) == {"合计": Decimal("10.00"), "项目支出": Decimal("10.00")}
    assert _row(t05, "2080505").name.value == "机关事业单位基本养老保险缴费支出"
    total = next(r for r in t05.rows if r.name.value == "合计")
    assert _vals(total) == {"合计": Decimal("2940.05"), "基本支出": Decimal("2336.91"), "项目支出": Decimal("603.14")}
    # 收入决算表: 行政运行 本年收入合计 1,511.90 = 财政拨款 1,511.89 + 0.01 of another source
    assert _row(streams["final.02"], "2010601").values["本年收入合计"].value == Decimal("1511.90")


def test_a_table_continued_under_its_header_printed_again(tmp_path):
    # a page break inside the stream: page mark, running header, then the header's words again
    # (the header, with its 栏次 numbering, printed on both pages)
    header = "项目\n本年支出\n小计\n基本支出\n项目支出\n支出功能分类\n科目编码\n科目名称\n类\n款\n项\n栏次\n1\n2\n3\n"
    text = STREAM_05.replace("项目\n本年支出\n小计\n基本支出\n项目支出\n支出功能分类\n科目编码\n科目名称\n类\n款\n项\n", header)
    text = text.replace("某某市某某局2024年度部门决算\n第 5 页\n", "某某市某某局2024年度部门决算\n第 5 页\n" + header)
    report = _extract(tmp_path, text)
    (t,) = [t for t in report.tables if t.method == "row-stream"]
    assert [r.code.value if r.code else r.name.value for r in t.rows] == [
        "201", "20106", "2010601", "2010602", "合计"]
    assert _vals(_row(t, "2010602")) == {"本年支出/小计": Decimal("30.00"), "本年支出/项目支出": Decimal("30.00")}


def test_a_three_public_row_of_zeros_after_its_column_numbers(tmp_path):
    words = ["财政拨款“三公”经费支出决算表", "公开09表", "单位：万元", "预算数", "决算数", "合计", "因公出国",
             "（境）费", "公务用车购置及运行维护费", "公务接待", "费", "合计", "因公出国", "（境）费",
             "公务用车购置及运行维护费", "公务接待", "费", "小计", "公务用车购", "置费", "公务用车运", "行维护费",
             "小计", "公务用车购", "置费", "公务用车运", "行维护费"] + [str(k) for k in range(1, 13)] + ["0"] * 12 + [
             "注：本表反映本部门本年度财政拨款“三公”经费支出预决算情况。"]
    report = _extract(tmp_path, "\n".join(words) + "\n")
    (t,) = [t for t in report.tables if t.method == "row-stream"]
    (row,) = t.rows
    values = [v.value for v in row.values.values() if v is not None and v.value is not None]
    assert values == [Decimal("0")] * 12


def test_a_three_public_row_opening_with_integers_without_column_numbers(tmp_path):
    words = ["一般公共预算“三公”经费支出预算表", "单位：万元", "合计", "因公出国", "（境）费", "公务用车购置及运行维护费",
             "公务接待费", "小计", "公务用车购置费", "公务用车运行维护费", "36", "0", "30.5", "0", "30.5", "5.5",
             "注：本表反映本部门一般公共预算“三公”经费预算情况。"]
    report = _extract(tmp_path, "\n".join(words) + "\n")
    (t,) = [t for t in report.tables if t.method == "row-stream"]
    (row,) = t.rows
    assert [v.value for v in row.values.values() if v is not None and v.value is not None] == [
        Decimal("36"), Decimal("0"), Decimal("30.5"), Decimal("0"), Decimal("30.5"), Decimal("5.5")]


def test_a_three_public_stream_whose_numbering_is_broken_up_is_declined(tmp_path):
    # pdftotext without -layout: the 栏次 numbers and the amounts interleaved with header words
    words = ["财政拨款“三公”经费支出决算表", "公开09表", "单位：万元", "预算数", "合计", "因公出国（境）费", "1", "2", "0",
             "决算数", "公务用车购置及运行维护费", "0", "小计", "3", "4", "5", "0", "0", "公务接待费", "合计", "6", "7",
             "8", "0", "0", "9", "10", "11", "0", "0", "注：本表反映本部门本年度财政拨款“三公”经费支出预决算情况。"]
    report = _extract(tmp_path, "\n".join(words) + "\n")
    assert not [t for t in report.tables if t.method == "row-stream"]
    assert not any(v.value == Decimal("9") for t in report.tables for r in t.rows for v in r.values.values() if v)


# pdftotext without -layout: the 类 and 款 rows print no code (their merged code cells come out later,
# before the next 项 row: `204 06 204 06 01 行政运行`), the first row's code stands among the header's
# words, and the 合计 label comes after its amounts. Amounts in 元, checked by hand: 300 = 100 + 200,
# 合计 350 = 300 + 50.
MOVED_CODES = "2026年部门支出预算总表\n编制部门：某某局\n\n单位：元\n\n" + "\n\n".join("""项目
功能分类科目编码
类
款
功能分类科目名称
项
204
支出预算
合计
基本支出
项目支出
公共安全支出
300.00
100.00
200.00
司法
300.00
100.00
200.00
204
06
204
06
01
行政运行
100.00
100.00
0.00
204
06
99
其他司法支出
200.00
0.00
200.00
社会保障和就业支出
50.00
50.00
0.00
行政事业单位养老支出
50.00
50.00
0.00
208
208
05
208
05
05
机关事业单位基本养老保险缴费支出
50.00
50.00
0.00
350.00
150.00
200.00
合计""".splitlines()) + "\n"


def test_codes_the_converter_moved_away_from_their_rows(tmp_path):
    p = tmp_path / "moved.txt"
    p.write_text(MOVED_CODES, encoding="utf-8")
    (t,) = [t for t in extract(p).tables if t.method == "row-stream"]
    got = {(r.code.value if r.code else None): (r.name.value, [v.value for v in r.values.values()]) for r in t.rows}
    d = Decimal
    assert got == {
        "204": ("公共安全支出", [d("300.00"), d("100.00"), d("200.00")]),
        "20406": ("司法", [d("300.00"), d("100.00"), d("200.00")]),
        "2040601": ("行政运行", [d("100.00"), d("100.00"), d("0.00")]),
        "2040699": ("其他司法支出", [d("200.00"), d("0.00"), d("200.00")]),
        "208": ("社会保障和就业支出", [d("50.00"), d("50.00"), d("0.00")]),
        "20805": ("行政事业单位养老支出", [d("50.00"), d("50.00"), d("0.00")]),
        "2080505": ("机关事业单位基本养老保险缴费支出", [d("50.00"), d("50.00"), d("0.00")]),
        None: ("合计", [d("350.00"), d("150.00"), d("200.00")]),
    }
    moved = [r for r in t.rows if r.code and r.code.value in ("204", "20406", "208", "20805")]
    for r in moved:  # a code the catalogue gave is no printed code: below the confident bar, with the reason
        assert r.code.confidence < 0.9 and any(rep.kind == "layout.code_moved" for rep in r.code.repairs)
    printed = next(r for r in t.rows if r.code and r.code.value == "2040601")
    assert printed.code.confidence >= 0.9 and not printed.code.repairs


def test_a_stream_whose_order_mixes_rows_puts_no_amount_on_a_wrong_row(tmp_path):
    # the amounts of 行政运行 come after the next row's name: the row-stream reader stops there (too
    # few rows before it) and the column-runs reader reads the stream; every confident amount is right
    mixed = MOVED_CODES.replace("行政运行\n\n100.00\n\n100.00\n\n0.00\n\n204\n\n06\n\n99\n\n其他司法支出",
                                "行政运行\n\n204\n\n06\n\n99\n\n其他司法支出\n\n100.00\n\n100.00\n\n0.00")
    assert mixed != MOVED_CODES
    p = tmp_path / "mixed.txt"
    p.write_text(mixed, encoding="utf-8")
    truth = {"2040601": ["100.00", "100.00", "0.00"], "2040699": ["200.00", "0.00", "200.00"],
             "2080505": ["50.00", "50.00", "0.00"]}
    rows = [r for t in extract(p).tables for r in t.rows if r.code and r.code.value in truth]
    assert rows
    for r in rows:
        for k, v in enumerate(r.values.values()):
            if v.value is not None and v.confidence >= 0.9:
                assert v.value == Decimal(truth[r.code.value][k]), (r.code.value, k, v.value)


STREAM_05_UNIT_CODE = """表05
2026年部门一般公共预算支出表
101-某某局
单位：万元
科目编码
科目名称
合计
基本支出
项目支出
小计
人员经费
公用经费
**
**
1
2
3
4
5
合计
500.00
400.00
300.00
100.00
100.00
201
一般公共服务支出
380.00
280.00
200.00
80.00
100.00
　20101
　人大事务
380.00
280.00
200.00
80.00
100.00
　　2010101
　　行政运行
280.00
280.00
200.00
80.00
　　2010102
　　一般行政管理事务
100.00
100.00
208
社会保障和就业支出
120.00
120.00
100.00
20.00
表05
2026年部门一般公共预算支出表
101-某某局
单位：万元
科目编码
科目名称
合计
基本支出
项目支出
小计
人员经费
公用经费
**
**
1
2
3
4
5
　20805
　行政事业单位养老支出
120.00
120.00
100.00
20.00
　　2080505
　　机关事业单位基本养老保险缴费支出
120.00
120.00
100.00
20.00
注：本表反映一般公共预算支出情况。
"""


def test_a_cell_stream_under_a_unit_code_line_continued_on_a_new_page(tmp_path):
    # PyMuPDF: one cell per line; under the title the unit's code and name (`101-某某局`) is part of
    # the title area, on the new page too (title, code line, unit line and header printed again)
    report = _extract(tmp_path, STREAM_05_UNIT_CODE)
    tables = [t for t in report.tables if t.method == "row-stream"]
    assert len(tables) == 1, [(t.title, t.method) for t in report.tables]
    t = tables[0]
    assert t.title == "2026年部门一般公共预算支出表"
    assert t.columns == ["合计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"]
    assert [r.code.value if r.code else r.name.value for r in t.rows] == [
        "合计", "201", "20101", "2010101", "2010102", "208", "20805", "2080505"]
    assert _vals(_row(t, "2010102")) == {"合计": Decimal("100.00"), "项目支出": Decimal("100.00")}
    assert _vals(_row(t, "2080505")) == {"合计": Decimal("120.00"), "基本支出/小计": Decimal("120.00"),
                                          "基本支出/人员经费": Decimal("100.00"), "基本支出/公用经费": Decimal("20.00")}
    assert all(f.confidence >= policy.REVIEW_THRESHOLD for r in t.rows for f in r.values.values()
               if f.value is not None)


# 公开05表 of a 部门预算 as PyMuPDF prints it, titled with its classification in brackets without 按
# (财政拨款支出表（功能科目）): the title names the table, so the stream is read. Sums checked by hand:
# 合计 150.00 = 100.00 + 50.00, 小计 100.00 = 80.00 + 20.00; 208 30.00 = 30.00; 214 120.00 = 70.00 + 50.00,
# 70.00 = 50.00 + 20.00; columns: 150.00 = 30.00 + 120.00, 80.00 = 30.00 + 50.00.
STREAM_FISCAL_BY_FUNCTION = """公开05 表
财政拨款支出表（功能科目）
部门：某某局
单位：万元
基本支出
科目编码
科目名称
合计
小计
人员经费
公用经费
项目支出
合计
150.00
100.00
80.00
20.00
50.00
208
社会保障和就业支出
30.00
30.00
30.00
  20805
行政事业单位养老支出
30.00
30.00
30.00
    2080505
机关事业单位基本养老保险缴费支出
30.00
30.00
30.00
214
交通运输支出
120.00
70.00
50.00
20.00
50.00
  21401
公路水路运输
120.00
70.00
50.00
20.00
50.00
    2140101
行政运行
70.00
70.00
50.00
20.00
    2140106
公路养护
50.00
50.00
某某局2026 年度部门预算公开
- 14 -
"""


def test_a_title_with_its_classification_in_brackets_without_an_an(tmp_path):
    report = _extract(tmp_path, STREAM_FISCAL_BY_FUNCTION)
    tables = [t for t in report.tables if t.method == "row-stream"]
    assert len(tables) == 1, [(t.title, t.method) for t in report.tables]
    t = tables[0]
    assert t.title == "财政拨款支出表（功能科目）"
    assert t.columns == ["合计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"]
    assert [r.code.value if r.code else r.name.value for r in t.rows] == [
        "合计", "208", "20805", "2080505", "214", "21401", "2140101", "2140106"]
    assert _vals(_row(t, "2140106")) == {"合计": Decimal("50.00"), "项目支出": Decimal("50.00")}
    assert _vals(_row(t, "2140101")) == {"合计": Decimal("70.00"), "基本支出/小计": Decimal("70.00"),
                                          "基本支出/人员经费": Decimal("50.00"), "基本支出/公用经费": Decimal("20.00")}
    assert _vals(_row(t, "2080505")) == {"合计": Decimal("30.00"), "基本支出/小计": Decimal("30.00"),
                                          "基本支出/人员经费": Decimal("30.00")}


def test_a_stream_whose_rows_mostly_print_no_amount_is_not_read_row_by_row(tmp_path):
    # pdfminer.six: the codes and names of every row first, then the amounts: the last row would take
    # them all (its header naming no standard column set, no column count rejects them). Most rows
    # printing no amount, the stream is no row stream.
    text = "\n".join(["公开05 表", "财政拨款支出表（功能科目）", "部门：某某局", "单位：万元", "科目编码", "科目名称",
                      "本年预算", "208", "社会保障和就业支出", "  20805", "行政事业单位养老支出", "    2080505",
                      "机关事业单位基本养老保险缴费支出", "214", "交通运输支出", "  21401", "公路水路运输", "    2140106",
                      "公路养护", "30.00", "30.00", "30.00", "50.00", "50.00", "50.00", ""])
    report = _extract(tmp_path, text)
    assert [t for t in report.tables if t.method == "row-stream"] == []


# 支出总表 of a Shenzhen budget over two pages (title and header printed again), PyMuPDF: nine amount columns (支出总计 基本支出 项目支出
# 事业单位经营支出 对附属单位补助支出 上缴上级支出, then 政府采购项目 小计 and its two 其中 columns), every cell
# printed (0.00). The rows are cut as printed; no standard column set names nine columns, so the
# amounts go to review. Sums: 1097.40 = 214.68 + 882.72 (the 款 over its two 项, the 类 over its 款).
_NINE_HEAD = ["表3", "支出总表", "部门名称：某某局（本级）", "单位：万元", "2026 年政府采购项目", "科目编码", "科目名称",
              "支出总计", "基本支出", "项目支出", "事业单位", "经营支出", "对附属单位", "补助支出", "上缴上级支出", "小计",
              "其中：中小企业", "其中：小型微型企业"]
STREAM_NINE_COLUMNS = "\n".join(
    _NINE_HEAD
    + ["221", "住房保障支出"] + "1,097.40 1,097.40 0.00 0.00 0.00 0.00 12.00 12.00 0.00".split()
    + ["22102", "住房改革支出"] + "1,097.40 1,097.40 0.00 0.00 0.00 0.00 12.00 12.00 0.00".split()
    + ["- 16 -"] + _NINE_HEAD
    + ["2210201", "住房公积金"] + "214.68 214.68 0.00 0.00 0.00 0.00 0.00 0.00 0.00".split()
    + ["2210203", "购房补贴"] + "882.72 882.72 0.00 0.00 0.00 0.00 12.00 12.00 0.00".split()
    + ["注：本套报表金额单位转换时可能存在尾数误差。", ""])


def test_rows_of_nine_amount_columns_are_cut_and_their_amounts_reviewed(tmp_path):
    report = _extract(tmp_path, STREAM_NINE_COLUMNS)
    tables = [t for t in report.tables if t.method == "row-stream"]
    assert len(tables) == 1, [(t.title, t.method) for t in report.tables]
    t = tables[0]
    assert [r.code.value for r in t.rows] == ["221", "22102", "2210201", "2210203"]
    assert [v.value for v in _row(t, "2210203").values.values() if v.value is not None] == [
        Decimal(x) for x in "882.72 882.72 0.00 0.00 0.00 0.00 12.00 12.00 0.00".split()]
    assert all(f.confidence < policy.REVIEW_THRESHOLD for r in t.rows for f in r.values.values())


# pdftotext without -layout prints a 三公 table box by box down each column: header words, 栏次
# numbers and amounts interleaved, the last column's boxes after the table's note. Amounts checked by
# hand: 预算数 9.5 = 1.2 + 5.3 + 3.0, 5.3 = 2.1 + 3.2; 决算数 8.4 = 0 + 5.1 + 3.3, 5.1 = 2.1 + 3.0.
INTERLEAVED_09 = ["财政拨款“三公”经费支出决算表", "公开09表", "部门：某某局", "单位：万元", "预算数", "决算数",
                  "公务用车购置及运行维护费", "合计", "1", "9.5", "公务用车购置及运行维护费", "因公出国（境）费",
                  "公务接待费", "2", "1.2", "小计", "公务用车购置费", "公务用车运行维护费", "3", "4", "5", "5.3",
                  "2.1", "6", "3.2", "合计", "7", "3.0", "8.4", "因公出国（境）费", "公务接待费", "8", "0", "小计",
                  "公务用车购置费", "公务用车运行维护费", "9", "10", "11", "5.1", "2.1",
                  "注：本表反映本部门本年度财政拨款“三公”经费支出预决算情况。", "", "12", "3.0", "", "3.3",
                  "第三部分", "2024年度部门决算情况说明"]


def test_a_three_public_stream_interleaving_numbers_and_amounts_is_read_in_column_order(tmp_path):
    report = _extract(tmp_path, "\n".join(INTERLEAVED_09) + "\n")
    (t,) = [t for t in report.tables if t.method == "row-stream"]
    (row,) = t.rows
    assert _vals(row) == {
        "预算数/合计": Decimal("9.5"), "预算数/因公出国（境）费": Decimal("1.2"),
        "预算数/公务用车购置及运行维护费/小计": Decimal("5.3"),
        "预算数/公务用车购置及运行维护费/公务用车购置费": Decimal("2.1"),
        "预算数/公务用车购置及运行维护费/公务用车运行维护费": Decimal("3.2"), "预算数/公务接待费": Decimal("3.0"),
        "决算数/合计": Decimal("8.4"), "决算数/因公出国（境）费": Decimal("0"),
        "决算数/公务用车购置及运行维护费/小计": Decimal("5.1"),
        "决算数/公务用车购置及运行维护费/公务用车购置费": Decimal("2.1"),
        "决算数/公务用车购置及运行维护费/公务用车运行维护费": Decimal("3.0"), "决算数/公务接待费": Decimal("3.3")}
    assert all(v.confidence >= policy.REVIEW_THRESHOLD for v in row.values.values())


def test_an_interleaved_three_public_stream_whose_sums_fail_is_declined(tmp_path):
    words = list(INTERLEAVED_09)
    words[words.index("9.5")] = "9.7"  # 预算数 合计 no longer 出国 + 小计 + 接待: the order is not certain
    report = _extract(tmp_path, "\n".join(words) + "\n")
    assert not [t for t in report.tables if t.method == "row-stream"]
    assert not any(v.value == Decimal("9.7") and v.confidence >= policy.REVIEW_THRESHOLD
                   for t in report.tables for r in t.rows for v in r.values.values() if v)


def test_a_budget_three_public_stream_without_numbering_is_read_past_its_note(tmp_path):
    # a budget's 三公 table (no 栏次 numbering): the first boxes among the header's words, the last
    # after the note. 12.6 = 1.5 + 8.1 + 3.0, 8.1 = 3.0 + 5.1
    words = ["2026年部门一般公共预算“三公”经费支出表", "部门：某某局", "单位：万元", "公务用车购置及运行费", "合计",
             "", "因公出国（境）费", "", "公务接待费", "小计", "", "12.6", "", "1.5", "", "购置费", "", "8.1", "",
             "注：本表反映本部门本年度一般公共预算财政拨款安排的“三公”经费预算情况。", "", "运行费", "3.0", "",
             "5.1", "", "3.0", "", "2026年部门政府性基金预算支出表"]
    report = _extract(tmp_path, "\n".join(words) + "\n")
    (t,) = [t for t in report.tables if t.method == "row-stream"]
    (row,) = t.rows
    assert _vals(row) == {
        "合计": Decimal("12.6"), "因公出国（境）费": Decimal("1.5"), "公务用车购置及运行费/小计": Decimal("8.1"),
        "公务用车购置及运行费/购置费": Decimal("3.0"), "公务用车购置及运行费/运行费": Decimal("5.1"),
        "公务接待费": Decimal("3.0")}


def test_a_cell_stream_whose_title_area_has_blank_lines_is_read(tmp_path):
    # pdftotext without -layout leaves a blank line between the 部门 and unit lines and after the unit
    # line: the title stands six lines above the header's first word, beyond the near title window
    text = STREAM_05.replace("公开05表\n单位：万元\n", "公开05表\n部门：某某局\n\n单位：万元\n\n", 1)
    report = _extract(tmp_path, text)
    (t,) = [t for t in report.tables if t.method == "row-stream"]
    assert t.template == "final.05"
    assert [r.code.value if r.code else r.name.value for r in t.rows] == [
        "201", "20106", "2010601", "2010602", "合计"]
    assert _vals(_row(t, "20106")) == {"本年支出/小计": Decimal("100.00"), "本年支出/基本支出": Decimal("70.00"),
                                       "本年支出/项目支出": Decimal("30.00")}


# Zhejiang's 一般公共预算支出预算表 as PyMuPDF prints it: a header naming the subject's name column only
# (功能分类科目名称, no code column: the 类 / 款 / 项 shown by order), every cell on its own line, blank
# cells absent, 项目支出 of the 合计 row wrapped in its narrow column (`1,000.0` / `0`), and the page
# number between two rows. Sums checked by hand: 1,300.00 = 300.00 + 1,000.00, 300.00 = 200.00 + 100.00.
NAMES_ONLY = """表5：2026年市级部门一般公共预算支出预算表
部门名称：某某市某某局单位：万元
功能分类科目名称
合计
基本支出
项目支出
小计
人员经费
日常公用
支出
**
1
2
3
4
5
合计
1,300.00
300.00
200.00
100.00
1,000.0
0
一般公共服务支出
300.00
300.00
200.00
100.00
人大事务
300.00
300.00
200.00
100.00
行政运行
300.00
300.00
200.00
100.00
30
交通运输支出
1,000.00
1,000.00
公路水路运输
1,000.00
1,000.00
其他公路水路运输支出
1,000.00
1,000.00
31
表6：2026年市级部门一般公共预算基本支出预算表
"""


def test_a_stream_of_a_table_printing_names_only_is_cut_at_its_names(tmp_path):
    report = _extract(tmp_path, NAMES_ONLY)
    (t,) = [t for t in report.tables if t.method == "row-stream"]
    assert [r.name.value for r in t.rows] == ["合计", "一般公共服务支出", "人大事务", "行政运行", "交通运输支出",
                                              "公路水路运输", "其他公路水路运输支出"]
    total = next(r for r in t.rows if r.name.value == "合计")
    assert _vals(total)["项目支出"] == Decimal("1000.00")  # joined back from `1,000.0` / `0`
    run = next(r for r in t.rows if r.name.value == "行政运行")
    assert _vals(run) == {"合计": Decimal("300.00"), "基本支出/小计": Decimal("300.00"),
                          "基本支出/人员经费": Decimal("200.00"), "基本支出/日常公用支出": Decimal("100.00")}
    # the page number after 行政运行's amounts is none of its amounts
    assert all(f.value != Decimal("30") for r in t.rows for f in r.values.values())
    road = next(r for r in t.rows if r.name.value == "其他公路水路运输支出")
    assert _vals(road) == {"合计": Decimal("1000.00"), "项目支出": Decimal("1000.00")}
    assert road.values["合计"].confidence >= policy.REVIEW_THRESHOLD
    assert run.code is not None and run.code.value == "2010101"  # by name and order (name_codes.py)


def test_a_names_only_stream_with_column_numbers_among_its_rows_is_declined(tmp_path):
    # the 栏次 numbers printed after the 合计 label (pdftotext's order): no row's amounts
    mixed = NAMES_ONLY.replace("合计\n1,300.00", "合计\n1\n2\n1,300.00")
    report = _extract(tmp_path, mixed)
    assert not [t for t in report.tables if t.method == "row-stream"]


# A 三公 table of units (单位名称 | 合计 …, a row per unit) as pdfminer.six prints it column by column:
# the header words, every row's label (合计, then each unit), the 栏次 `1` with the first column's
# amounts of all rows under it, then the note, the other column numbers and columns, blank cells absent.
UNITS_09 = ["2026年市级部门一般公共预算“三公”经费预算表", "部门名称：某某局", "单位：万元", "单位名称", "“三公”经",
            "因公出国", "费合计", "(境)费用", "小计", "公务用车", "购置费", "公务用车", "公务接", "运行维护", "费", "待费",
            "公务用车购置及运行费", "**", "合计", "某某局", "某某市道路管理服务中心", "1", "100.00", "40.00", "60.00",
            "注：不含教学科研人员学术交流因公出国（境）费用。", "2", "3", "4", "5", "90.00", "30.00", "60.00", "50.00",
            "25.00", "25.00", "40.00", "5.00", "35.00", "6", "10.00", "10.00"]


def test_a_three_public_table_of_units_printed_column_by_column_is_not_read_as_one_row(tmp_path):
    # the first amounts are the 合计 column of three rows (100.00 = 40.00 + 60.00), not one row's
    # cells: the one-row reading (with the 栏次 `1` as an amount) is declined
    report = _extract(tmp_path, "\n".join(UNITS_09) + "\n")
    read = [[v.value for v in r.values.values() if v is not None and v.value is not None]
            for t in report.tables for r in t.rows]
    assert not any(Decimal("100.00") in vals and Decimal("40.00") in vals for vals in read)
    assert not any(Decimal("1") in vals for vals in read)


def test_a_row_printing_every_column_that_does_not_add_up_keeps_its_amounts_for_review(tmp_path):
    # a budget table printed so (Shanghai's 支出预算总表 via PyMuPDF): 行政运行 prints 70.00 | 70.00 |
    # 30.00 — its total is not the sum of its parts, yet one amount stands in every column. The stream
    # declines the row; column-runs keeps it (the amount that breaks the sums set aside and put back in its
    # print place, `_place_stray`), every amount of the row to review with the reason
    text = STREAM_05.replace("行政运行\n70.00\n70.00\n", "行政运行\n70.00\n70.00\n30.00\n")
    report = _extract(tmp_path, text)
    (t,) = [t for t in report.tables if any(r.code is not None and r.code.value == "2010601" for r in t.rows)]
    run = _row(t, "2010601")
    assert _vals(run) == {"本年支出/小计": Decimal("70.00"), "本年支出/基本支出": Decimal("70.00"),
                          "本年支出/项目支出": Decimal("30.00")}
    for v in run.values.values():
        assert v.confidence < policy.REVIEW_THRESHOLD and v.notes
    assert any(r.kind == "layout.row_guess" and r.status == "unconfirmed" for r in run.values["本年支出/项目支出"].repairs)
    # the next row's part amount, whose column sum fails with it, goes to review too
    other = _row(t, "2010602")
    assert sorted(_vals(other).values()) == [Decimal("30.00"), Decimal("30.00")]
    assert other.values["本年支出/项目支出"].confidence < policy.REVIEW_THRESHOLD


def test_a_row_printing_more_amounts_than_columns_still_loses_them(tmp_path):
    # four amounts under three columns that do not add up: the reading order mixed rows, none is read
    text = STREAM_05.replace("行政运行\n70.00\n70.00\n", "行政运行\n70.00\n70.00\n30.00\n5.00\n")
    report = _extract(tmp_path, text)
    tables = [t for t in report.tables if t.method == "row-stream"]
    assert not tables or not _vals(_row(tables[0], "2010601"))


# a 三公 table as PyMuPDF prints it: every header word on a line of its own, the row's two amounts
# printed (blank cells absent) up to the next table's title
SANGONG_TWO = """财政拨款“三公”经费支出决算表
单位：万元
财政拨款“三公”经费
合计
因公出国（境）费
公务用车购置及运行费
公务接待费
小计
公务用车购置费
公务用车运行费
预算数
决算数
预算数
决算数
预算数
决算数
预算数
决算数
预算数
决算数
预算数
决算数
0.95
0.95
政府性基金预算财政拨款收入支出决算表
单位：万元
"""


def test_a_one_row_table_printing_two_amounts_is_read_for_review(tmp_path):
    report = _extract(tmp_path, SANGONG_TWO)
    (t,) = [t for t in report.tables if "三公" in (t.title or "")]
    (row,) = t.rows
    amounts = [v for v in row.values.values() if v is not None and v.value is not None]
    assert [v.value for v in amounts] == [Decimal("0.95"), Decimal("0.95")]
    assert all(v.confidence < policy.REVIEW_THRESHOLD for v in amounts)  # which columns: not certain


# A 决算 三公 table as pdftotext (without -layout) prints it when only two of its twelve boxes hold an
# amount: the header's words, then its last row of labels box by box with each amount right after the
# label it is under (预算数 of 合计, 预算数 of 公务接待费), blank boxes absent, then the next table's title.
LABELS_09 = ["财政拨款“三公”经费支出决算表", "单位：万元", "", "财政拨款“三公”经费", "公务用车购置及运行费", "合计", "",
             "因公出国（境）费", "小计", "", "公务用车运行费", "公务接待费", "公务用车购置费", "",
             "预算数", "1.50", "", "决算数", "", "预算数", "", "决算数", "", "预算数", "", "决算数", "", "预算数", "",
             "决算数", "", "预算数", "", "决算数", "", "预算数", "1.50", "", "决算数", "",
             "政府性基金预算财政拨款收入支出决算表", "单位：万元"]


def test_a_three_public_row_printed_among_its_labels_is_read_to_review(tmp_path):
    """The amounts are read as the one row they are (as pdfminer.six's order of the same table gives
    them); which of the twelve columns each is under the header does not settle here: review."""
    report = _extract(tmp_path, "\n".join(LABELS_09) + "\n")
    (t,) = [t for t in report.tables if t.method == "row-stream"]
    (row,) = t.rows
    got = [v for v in row.values.values() if v is not None and v.value is not None]
    assert [v.value for v in got] == [Decimal("1.50"), Decimal("1.50")]
    assert all(v.confidence < policy.REVIEW_THRESHOLD for v in got)
    # two amounts after one 预算数 are no box-by-box interleaving (a row's amounts run on): not read
    words = list(LABELS_09)
    words.insert(words.index("1.50") + 1, "0.75")
    report = _extract(tmp_path, "\n".join(words) + "\n", name="u.txt")
    assert not [t for t in report.tables if t.method == "row-stream" and "三公" in t.title]


@pytest.mark.skipif(not (SHARED / "real-pdfs").is_dir(),
                    reason=f"the real PDFs are not available: {SHARED / 'real-pdfs'} is absent (../shared)")
def test_pdftotext_three_public_table_of_a_real_report(tmp_path):
    """Printed: 预算数 0.95 under 合计 and under 公务接待费, every other box blank (pdftotext prints
    each amount after its 预算数 label): the row of two amounts, to review, as pdfminer.six's text gives."""
    import converted
    pdf = SHARED / "real-pdfs" / "shanghai-putuo-caizhengju-2024-juesuan.pdf"
    report = extract(converted.convert(pdf, "pdftotext", tmp_path))
    (t,) = [t for t in report.tables if t.template == "final.09"]
    (row,) = t.rows
    got = [v for v in row.values.values() if v is not None and v.value is not None]
    assert [v.value for v in got] == [Decimal("0.95"), Decimal("0.95")]
    assert all(v.confidence < policy.REVIEW_THRESHOLD for v in got)
