"""column-runs on two print quirks of real budgets (上海普陀 单位预算, pdfminer.six): cells printed
rounded to the yuan among amounts printed to the cent, a page's 0s printed after the 合计 row, and a
cell the report printed in error (its row's sums do not hold with it)."""
from __future__ import annotations

from extractor.datamodel import Document, Line, NLine
from extractor.normalize import normalize
from extractor.structure.column_runs import read_runs


def _lines(text: str) -> list[NLine]:
    lines = [Line(text=t, no=i) for i, t in enumerate(text.split("\n"), start=1)]
    return normalize(Document(path="t", sha256="0", format="text", route="text", lines=lines)).lines


# the real shape: the 类 of every row, the 款 pieces, the header's 合计, the names (a 项 row's 项
# before its name), the 合计 row's label, then the amounts mostly row by row
HEAD = ["2026年预算单位支出预算总表", "编制单位：某区司法局", "单位：元", "项目", "支出预算",
        "功能分类科目编码", "类", "款", "项"]
LABELS = ["204", "204", "204", "204", "204", "208", "208", "208", "06", "06", "06", "06", "05", "05",
          "功能分类科目名称", "合计", "基本支出", "项目支出", "公共安全支出", "司法", "01 行政运行", "04 基层司法业务",
          "05 普法宣传", "社会保障和就业支出", "行政事业单位养老支出", "05 机关事业单位基本养老保险缴费支出", "合计"]
# by hand: 204 = 20406 = 3,000.50 (基本 1,000.50 = 行政运行; 项目 2,000.00 = 基层司法业务 1,200.00 +
# 普法宣传 800.00); 208 = 20805 = 2080505 = 500.25 基本 only; 合计 3,500.75 = 基本 1,500.75 + 项目 2,000.00
ROWS_204 = ["3,000.50", "1,000.50", "2,000.00", "3,000.50", "1,000.50", "2,000.00"]
PROJECTS = ["1,200.00", "0.00", "1,200.00", "800.00", "0.00", "800.00"]
ROWS_208 = ["500.25", "500.25", "500.25", "500.25", "500.25", "500.25"]


def _rows(amounts: list[str]):
    lines = _lines("\n".join(HEAD + LABELS + amounts))
    block, _ = read_runs(lines, 3)
    assert block is not None and block.method == "column-runs"
    return {(r[0].text or r[1].text): r[2:] for r in block.rows[1:]}


def _texts(cells) -> list[str]:
    return [c.text for c in cells]


def test_a_cell_rounded_to_the_yuan_and_zeros_after_the_total_row():
    # the 合计 row's 基本支出 printed `1,501` (1,500.75 rounded for show): its sums hold only to the
    # yuan; the 208 rows' 项目支出 0s printed after the 合计 row (out of their column's order)
    for basic_total in ("1,501", "1,500.75"):
        amounts = ROWS_204 + ["1,000.50", "1,000.50", "0.00"] + PROJECTS + ROWS_208 \
            + ["3,500.75", basic_total, "2,000.00", "0.00", "0.00", "0.00"]
        rows = _rows(amounts)
        assert _texts(rows["合计"]) == ["3,500.75", basic_total, "2,000.00"]
        assert _texts(rows["204"]) == ["3,000.50", "1,000.50", "2,000.00"]
        assert _texts(rows["2040601"]) == ["1,000.50", "1,000.50", "0.00"]
        assert _texts(rows["2040604"]) == ["1,200.00", "0.00", "1,200.00"]
        assert _texts(rows["2040605"]) == ["800.00", "0.00", "800.00"]
        for code in ("208", "20805", "2080505"):
            assert _texts(rows[code]) == ["500.25", "500.25", "0.00"]
        assert not rows["合计"][0].repairs and not rows["204"][0].repairs


def test_a_rounded_cell_does_not_read_where_the_sums_miss_by_more_than_the_rounding():
    amounts = ROWS_204 + ["1,000.50", "1,000.50", "0.00"] + PROJECTS + ROWS_208 \
        + ["3,500.75", "1,503", "2,000.00", "0.00", "0.00", "0.00"]
    lines = _lines("\n".join(HEAD + LABELS + amounts))
    assert read_runs(lines, 3)[0] is None


def test_a_cell_printed_in_error_goes_to_review_in_its_print_place():
    # 行政运行 prints `1,000.50 1,000.50 2,000.00`: 合计 = 基本支出, and its 项目支出 repeats its
    # parent's (so the PDF shows it); no grid keeps the sums with it, one does without it
    amounts = ROWS_204 + ["1,000.50", "1,000.50", "2,000.00"] + PROJECTS \
        + ["500.25", "500.25", "0.00", "500.25", "500.25", "0.00", "500.25", "500.25", "0.00"] \
        + ["3,500.75", "1,500.75", "2,000.00"]
    rows = _rows(amounts)
    assert _texts(rows["2040601"]) == ["1,000.50", "1,000.50", "2,000.00"]
    stray = rows["2040601"][2]
    assert stray.repairs and stray.repairs[0].kind == "layout.row_guess" and stray.repairs[0].status == "unconfirmed"
    # the row's total is certain; its parts only carry the column guess every part column read
    # column-wise carries (which part column is which no identity settles)
    assert not rows["2040601"][0].repairs
    assert [r.kind for r in rows["2040601"][1].repairs or []] in ([], ["layout.column_order"])
    assert _texts(rows["2040604"]) == ["1,200.00", "0.00", "1,200.00"]
    assert all(r.kind != "layout.row_guess" for r in rows["2040604"][2].repairs or [])
    assert _texts(rows["2040605"]) == ["800.00", "0.00", "800.00"]
    assert _texts(rows["合计"]) == ["3,500.75", "1,500.75", "2,000.00"]


def test_an_amount_that_fits_no_cell_is_read_as_printed_to_review():
    # the extra amount after 行政运行's is not one printed elsewhere: no stray is tried; the stream
    # prints every cell row by row, so the rows are read as printed (run_printed.py), the cells of
    # the sums that fail with 7,777.00 to review
    amounts = ROWS_204 + ["1,000.50", "1,000.50", "7,777.00"] + PROJECTS \
        + ["500.25", "500.25", "0.00", "500.25", "500.25", "0.00", "500.25", "500.25", "0.00"] \
        + ["3,500.75", "1,500.75", "2,000.00"]
    rows = _rows(amounts)
    assert _texts(rows["2040601"]) == ["1,000.50", "1,000.50", "7,777.00"]
    assert all(any(r.kind == "layout.row_guess" and r.status == "unconfirmed" for r in c.repairs or [])
               for c in rows["2040601"])
    assert _texts(rows["2040604"]) == ["1,200.00", "0.00", "1,200.00"]
    assert _texts(rows["合计"]) == ["3,500.75", "1,500.75", "2,000.00"]
