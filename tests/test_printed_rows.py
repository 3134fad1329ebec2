"""pdftotext without -layout, Shanghai's budget tables: a 三公 table whose header words come among
its amounts (row_stream.py, spaced_flat.sums_hold over the 机关运行经费 layout), and a subject table
that prints every cell row by row but whose own sums fail (run_printed.py, read by column_runs.py
as printed, the cells of each failing identity to review)."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.datamodel import Document, Line, NLine
from extractor.evidence import policy
from extractor.normalize import normalize
from extractor.structure.column_runs import read_runs
from extractor.structure.run_printed import as_printed
from extractor.structure.spaced_flat import sums_hold
from extractor.structure.tables import build_table


def _d(*xs: str) -> list[Decimal]:
    return [Decimal(x) for x in xs]


# by hand: 合计 12.40 = 出国 1.20 + 接待 0.70 + 小计 10.50; 小计 10.50 = 购置 3.00 + 运行 7.50; 机关运行经费
# 156.30 after them. pdftotext's order: the header's upper words, then 合计 出国 接待's amounts, the
# lower header words (购置费, 运行费) among the car costs' amounts.
SANGONG = ["2026年部门“三公”经费和机关运行经费预算表", "编制部门：某某局", "", "单位:万元", "“三公”经费预算数",
           "机关运行经费预算", "数", "", "公务用车购置及运行费", "合计", "", "因公出国(境)费", "", "公务接待费",
           "小计", "", "12.40", "", "1.20", "", "0.70", "", "购置费", "", "10.50", "", "运行费", "", "3.00", "",
           "7.50", "", "156.30", "", "其他相关情况说明", "一、2026年“三公”经费预算情况说明",
           "2026年“三公”经费预算数为12.40万元，比2025年预算持平。"]


def test_sums_hold_under_the_header_that_prints_reception_before_the_car_costs():
    # 合计 | 出国 | 接待 | 小计 | 购置 | 运行 | 机关运行经费 (seven columns)
    assert sums_hold(_d("12.40", "1.20", "0.70", "10.50", "3.00", "7.50", "156.30"))
    assert not sums_hold(_d("12.40", "1.20", "0.70", "10.50", "3.00", "7.40", "156.30"))  # 小计 ≠ 购置 + 运行
    # the standard order (合计 | 出国 | 小计 | 购置 | 运行 | 接待) still holds as before
    assert sums_hold(_d("12.40", "1.20", "10.50", "3.00", "7.50", "0.70"))
    assert not sums_hold(_d("12.40", "1.20", "0.70", "10.50", "3.00", "7.50"))


def test_a_three_public_table_with_its_running_costs_column_read_from_the_interleaved_stream(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text("\n".join(SANGONG) + "\n", encoding="utf-8")
    report = extract(p, ner=False)
    (t,) = [t for t in report.tables if "三公" in (t.title or "")]
    (row,) = t.rows
    assert {k: v.value for k, v in row.values.items() if v is not None} == {
        "“三公”经费预算数/合计": Decimal("12.40"), "“三公”经费预算数/因公出国（境）费": Decimal("1.20"),
        "“三公”经费预算数/公务接待费": Decimal("0.70"), "“三公”经费预算数/公务用车购置及运行费/小计": Decimal("10.50"),
        "“三公”经费预算数/公务用车购置及运行费/购置费": Decimal("3.00"),
        "“三公”经费预算数/公务用车购置及运行费/运行费": Decimal("7.50"), "机关运行经费预算数": Decimal("156.30")}


def test_an_interleaved_three_public_stream_whose_sums_fail_gives_no_confident_amount(tmp_path):
    words = list(SANGONG)
    words[words.index("7.50")] = "7.40"  # 小计 10.50 ≠ 3.00 + 7.40: the order is not certain
    p = tmp_path / "t.txt"
    p.write_text("\n".join(words) + "\n", encoding="utf-8")
    report = extract(p, ner=False)
    assert not any(v.confidence >= policy.REVIEW_THRESHOLD for t in report.tables if "三公" in (t.title or "")
                   for r in t.rows for v in r.values.values() if v is not None and v.value is not None)


def _lines(text: str) -> list[NLine]:
    lines = [Line(text=t, no=i) for i, t in enumerate(text.split("\n"), start=1)]
    return normalize(Document(path="t", sha256="0", format="text", route="text", lines=lines)).lines


def _table(rows: list[str]):
    lines = _lines("\n".join(rows))
    at = next(k for k, ln in enumerate(lines) if ln.text == "项目")
    block = read_runs(lines, at)[0]
    if block is None:
        return None
    block.preamble = lines[:2]
    return build_table(block)


# by hand (合计 | 基本支出 | 项目支出, every cell printed): 208 50 = 50 + 0; 20805 the same; 2080502 printed
# 30 | 30 | 30 (a printing error: its 项目支出 should be 0, as 20805's 0 = Σ its children says);
# 2080599 20 = 20 + 0; 213 / 21301 / 2130199 90 = 60 + 30; 合计 140 = 110 + 30, printed last.
# poppler's order: the amounts row by row, a 类's name after its rows, the codes as clumps.
MISPRINTED = ["一般公共预算支出表", "单位：万元", "项目", "功能分类科目编码", "类", "款", "功能分类科目名称",
              "合计", "基本支出", "项目支出",
              "行政事业单位养老支出", "50.00", "50.00", "0.00", "50.00", "50.00", "0.00", "30.00", "30.00", "30.00",
              "20.00", "20.00", "0.00",
              "农林水支出", "90.00", "60.00", "30.00", "农业农村", "90.00", "60.00", "30.00",
              "其他农业农村支出", "90.00", "60.00", "30.00", "合计", "140.00", "110.00", "30.00",
              "05", "208", "05", "02", "事业单位离退休", "208", "05", "99", "其他行政事业单位养老支出",
              "213", "213", "01", "社会保障和就业支出", "208", "01", "项", "208", "213", "99",
              "注：本表反映一般公共预算支出情况。"]


def test_a_table_whose_sums_fail_is_read_as_printed_with_the_failing_cells_to_review():
    t = _table(MISPRINTED)
    assert t is not None and t.method == "column-runs"
    rows = {r.code.value if r.code else r.name.value: r.values for r in t.rows}
    first, basic, project = t.columns
    assert list(rows) == ["208", "20805", "2080502", "2080599", "213", "21301", "2130199", "合计"]
    # the row whose own sum fails: all three cells as printed, to review with the reason
    for col in (first, basic, project):
        cell = rows["2080502"][col]
        assert cell.value == Decimal("30.00") and cell.confidence < policy.REVIEW_THRESHOLD
        assert any("amount uncertain" in n for n in cell.notes)
    # 20805's 项目支出 0 ≠ Σ its children (30 + 0): that column's cells of the family to review
    assert rows["20805"][project].value == Decimal("0.00") and rows["20805"][project].confidence < 0.9
    assert rows["2080599"][project].value == Decimal("0.00") and rows["2080599"][project].confidence < 0.9
    # cells whose every sum holds are read as printed
    assert rows["20805"][first].value == Decimal("50.00") and rows["20805"][first].confidence >= 0.9
    assert rows["2080599"][basic].value == Decimal("20.00") and rows["2080599"][basic].confidence >= 0.9
    assert rows["2130199"][project].value == Decimal("30.00") and rows["2130199"][project].confidence >= 0.9
    assert rows["合计"][first].value == Decimal("140.00") and rows["合计"][first].confidence >= 0.9


def test_the_same_table_without_the_error_is_left_to_the_placers():
    fixed = list(MISPRINTED)
    fixed[19] = "0.00"  # 2080502 prints 30 | 30 | 0: every sum holds
    assert fixed[17:20] == ["30.00", "30.00", "0.00"]
    assert as_printed(["208", "20805", "2080502", "2080599", "213", "21301", "2130199"],
                      _d("50", "50", "0", "50", "50", "0", "30", "30", "0", "20", "20", "0", "90", "60", "30",
                         "90", "60", "30", "90", "60", "30", "140", "110", "30"), 3, True) is None
    t = _table(fixed)  # the placers read it, every cell confirmed by the identities
    assert t is not None
    rows = {r.code.value if r.code else r.name.value: r.values for r in t.rows}
    first, basic, project = t.columns
    assert rows["2080502"][project].value == Decimal("0.00") and rows["2080502"][first].value == Decimal("30.00")
    assert all(v.confidence >= policy.REVIEW_THRESHOLD for r in rows.values() for v in r.values() if v is not None
               and v.value is not None)


def test_a_stream_printed_column_by_column_is_not_read_as_rows():
    codes = ["208", "20805", "2080502", "2080599"]
    # the columns in turn (合计 of every row, then 基本, then 项目): no row's sum holds read row by row
    values = _d("50", "50", "30", "20", "50", "50", "50", "30", "20", "50", "0", "0", "0", "0", "0")
    assert as_printed(codes, values, 3, True) is None
    # a stream of fewer amounts than the rows' cells (blank cells absent) is not read as printed either
    assert as_printed(codes, _d("50", "50", "50", "50", "30", "30", "20", "20", "50", "50"), 2, True) is None


def test_a_column_sum_that_fails_with_every_row_sum_holding_sends_its_family_to_review():
    # 2080599 printed 25 | 25 | 0 (its row holds) where 20805 = 50 says 20: the 合计 and 基本支出
    # columns of the family 20805 / 2080502 / 2080599 fail, and no row of it explains that
    # (213 10 | 0 | 10 after it; 合计 60 | 50 | 10 printed last)
    codes = ["208", "20805", "2080502", "2080599", "213"]
    values = _d("50", "50", "0", "50", "50", "0", "30", "30", "0", "25", "25", "0", "10", "0", "10",
                "60", "50", "10")
    where, index, doubt = as_printed(codes, values, 3, True)
    assert where == "last"
    assert index[1][3] == 10 and values[index[1][3]] == Decimal("25")  # 2080599's 基本支出, as printed
    assert doubt == {(c, r) for c in (0, 1) for r in (1, 2, 3)}  # 208 = 20805 and 合计 = 208 hold
