"""三公 tables of labelled rows in pypdf text (issue 11, spaced_three.py): rows by year with every 三公
column split by fund (Shenzhen's budgets: the car costs' spanning label printed above the others),
and rows by unit with blank cells absent (Zhejiang's budgets: `单位名称 “三公”经费合计 …`, column
numbers `** 1 2 …`). The fixtures are small hand-written copies of the shapes; every amount was
checked by hand: in each fund 合计 = 出国 + 接待 + 车 and 车 = 购置 + 运行."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.datamodel import NLine, Report, Row, Table
from extractor.structure import spaced_three

CONFIDENT = 0.9
_FUND_HEADER = "一般公共预\n算\n政府性基金\n预算\n国有资本经\n营预算\n" * 6


def _report(tmp_path, text: str) -> Report:
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    return extract(p, ner=False)


def _three(report: Report) -> Table:
    hits = [t for t in report.tables if "三公" in (t.title or "")]
    assert len(hits) == 1, [(t.title, t.method) for t in report.tables]
    return hits[0]


def _row(table: Table, label: str) -> Row:
    return next(r for r in table.rows if any(f.value == label for f in r.values.values()))


def _at(row: Row, column: str) -> tuple[Decimal, float]:
    f = row.values[column]
    return f.value, f.confidence


# --- by year, every column split by fund (pypdf: the car label first, fund words broken) ----------

BY_YEAR = """表 9
财政拨款“三公”经费支出表
部门名称：某某市某某局 单位：万元
公务用车购置及运行维护费
总计 因公出国(境)费 公务接待费
小计 公务用车购置费 公务用车运行维护费预算单位 年度
""" + _FUND_HEADER + """某某市某某局 2025 年 20.50 0.00 0.00 8.00 0.00 0.00 2.50 0.00 0.00 10.00 0.00 0.00 4.00 0.00 0.00 6.00 0.00 0.00
2026 年 18.30 1.00 0.00 6.00 0.00 0.00 2.30 0.00 0.00 10.00 1.00 0.00 0.00 0.00 0.00 10.00 1.00 0.00
增减变化金额 -2.20 1.00 0.00 -2.00 0.00 0.00 -0.20 0.00 0.00 0.00 1.00 0.00 -4.00 0.00 0.00 4.00 1.00 0.00
注：本套报表金额单位转换时可能存在尾数误差。
表 10
政府性基金预算支出表
"""


def test_rows_by_year_with_fund_columns(tmp_path):
    r = _report(tmp_path, BY_YEAR)
    t = _three(r)
    assert len(t.rows) == 3 and len(t.columns) == 19
    assert not [p for p in r.problems if "found but not read" in p.message and "三公" in p.message]
    y2026 = _row(t, "2026年")
    # the car costs' columns come last (the sums place them), the two items in their printed order
    expect = {"合计/一般公共预算": "18.30", "合计/政府性基金预算": "1.00", "因公出国（境）费/一般公共预算": "6.00",
              "公务接待费/一般公共预算": "2.30", "公务用车购置及运行维护费/小计/一般公共预算": "10.00",
              "公务用车购置及运行维护费/公务用车购置费/一般公共预算": "0.00",
              "公务用车购置及运行维护费/公务用车运行维护费/一般公共预算": "10.00",
              "公务用车购置及运行维护费/公务用车运行维护费/政府性基金预算": "1.00"}
    for column, value in expect.items():
        got, conf = _at(y2026, column)
        assert got == Decimal(value) and conf >= CONFIDENT, (column, got, conf)
    change = _row(t, "增减变化金额")
    assert _at(change, "公务用车购置及运行维护费/公务用车购置费/一般公共预算")[0] == Decimal("-4.00")
    assert _at(change, "公务接待费/一般公共预算")[0] == Decimal("-0.20")
    first = t.rows[0]
    assert _at(first, "因公出国（境）费/一般公共预算") == (Decimal("8.00"), _at(first, "合计/一般公共预算")[1])


# --- the same by year, one cell per line (PyMuPDF: three_stream.py) ------------------------------

def _one_cell_per_line(text: str) -> str:
    """BY_YEAR as PyMuPDF prints it: the title area's lines apart, every header word and every
    cell on a line of its own, the row's unit and year apart."""
    out = []
    for line in text.splitlines():
        if line.startswith("部门名称"):
            out += line.split(" ")
        elif line.startswith("某某市某某局 2025") or line.startswith("2026") or line.startswith("增减"):
            words = line.split(" ")
            k = next(x for x, w in enumerate(words) if w[0] in "-0123456789" and "." in w)
            label = " ".join(words[:k])
            out += (["某某市某某局", label[len("某某市某某局 "):]] if label.startswith("某某市某某局") else [label]) + words[k:]
        elif line.startswith(("表", "财政拨款", "注", "政府性")):
            out.append(line)
        else:
            out += line.replace("预算单位 年度", " 预算单位 年度").split()
    return "\n".join(out) + "\n"


def test_rows_by_year_with_fund_columns_one_cell_per_line(tmp_path):
    text = _one_cell_per_line(BY_YEAR)
    assert "某某市某某局\n2025 年\n20.50\n0.00\n" in text and "营预算\n某某市某某局\n" in text
    r = _report(tmp_path, text)
    t = _three(r)
    assert t.method == "three-stream"
    assert len(t.rows) == 3 and len(t.columns) == 19
    y2026 = _row(t, "2026年")
    # the sums place the car costs' columns and the totals for certain
    expect = {"合计/一般公共预算": "18.30", "合计/政府性基金预算": "1.00",
              "公务用车购置及运行维护费/小计/一般公共预算": "10.00",
              "公务用车购置及运行维护费/公务用车购置费/一般公共预算": "0.00",
              "公务用车购置及运行维护费/公务用车运行维护费/一般公共预算": "10.00",
              "公务用车购置及运行维护费/公务用车运行维护费/政府性基金预算": "1.00"}
    for column, value in expect.items():
        got, conf = _at(y2026, column)
        assert got == Decimal(value) and conf >= CONFIDENT, (column, got, conf)
    # 因公出国 and 公务接待 (no sum tells them apart) are not printed on one line here: read in their
    # printed order, to review
    got, conf = _at(y2026, "因公出国（境）费/一般公共预算")
    assert got == Decimal("6.00") and conf < CONFIDENT
    got, conf = _at(y2026, "公务接待费/一般公共预算")
    assert got == Decimal("2.30") and conf < CONFIDENT
    assert _at(_row(t, "增减变化金额"), "公务用车购置及运行维护费/公务用车购置费/一般公共预算")[0] == Decimal("-4.00")
    assert _row(t, "某某市某某局2025年") is t.rows[0]


def test_one_cell_per_line_whose_sums_fail_is_declined(tmp_path):
    text = _one_cell_per_line(BY_YEAR).replace("18.30\n", "18.40\n", 1)
    r = _report(tmp_path, text)
    assert not [t for t in r.tables if t.method == "three-stream"]


# --- by unit, blank cells absent (pypdf: header words broken, column numbers) ----------------------

BY_UNIT = """表7：2026年市级部门一般公共预算“三公”经费预算表
部门名称：某某市某某局 单位：万元
单位名称 “三公”经
费合计
因公出国
(境)费用
公务用车购置及运行费
公务接
待费小计 公务用车
购置费
公务用车
运行维护
费
** 1 2 3 4 5 6
合计 115.50 12.00 97.50 60.00 37.50 6.00
某某市某某局 6.00 6.00
某某市某某服务中心 100.50 12.00 88.50 60.00 28.50
某某市某某学校（某某
分校） 9.00 9.00 9.00
注：不含教学科研人员学术交流因公出国（境）费用。
表8：2026年市级部门政府性基金预算支出预算表
"""

_CAR = "公务用车购置及运行维护费/"


def test_rows_by_unit_placed_by_the_sums(tmp_path):
    t = _three(_report(tmp_path, BY_UNIT))
    assert len(t.rows) == 4
    total = _row(t, "合计")
    for column, value in (("合计", "115.50"), (_CAR + "小计", "97.50"), (_CAR + "公务用车购置费", "60.00"),
                          (_CAR + "公务用车运行维护费", "37.50")):
        got, conf = _at(total, column)
        assert got == Decimal(value) and conf >= CONFIDENT, (column, got, conf)
    # 出国 and 接待 printed on different header lines: their order is not certain (no sum tells)
    assert _at(total, "因公出国（境）费")[0] == Decimal("12.00") and _at(total, "因公出国（境）费")[1] < CONFIDENT
    assert _at(total, "公务接待费")[0] == Decimal("6.00") and _at(total, "公务接待费")[1] < CONFIDENT
    centre = _row(t, "某某市某某服务中心")
    assert _at(centre, _CAR + "小计") == (Decimal("88.50"), _at(centre, "合计")[1])
    assert _at(centre, _CAR + "公务用车运行维护费")[0] == Decimal("28.50")
    assert _at(centre, _CAR + "公务用车运行维护费")[1] >= CONFIDENT
    # 6.00 6.00: the second amount could be 出国 or 接待; only the total is certain
    unit = _row(t, "某某市某某局")
    amounts = {c: f for c, f in unit.values.items() if isinstance(f.value, Decimal)}
    assert amounts["合计"].value == Decimal("6.00") and amounts["合计"].confidence >= CONFIDENT
    assert [f.confidence < CONFIDENT for c, f in amounts.items() if c != "合计"] == [True]
    # the name broken over two lines is joined; 9.00 9.00 9.00: the car subtotal is certain, the
    # third amount could be 购置费 or 运行维护费
    school = _row(t, "某某市某某学校（某某分校）")
    assert _at(school, _CAR + "小计")[0] == Decimal("9.00") and _at(school, _CAR + "小计")[1] >= CONFIDENT
    subs = [f for c, f in school.values.items() if c.startswith(_CAR + "公务用车") and isinstance(f.value, Decimal)]
    assert len(subs) == 1 and subs[0].confidence < CONFIDENT


def _lines(text: str) -> list[NLine]:
    return [NLine(text=t, orig=t, no=k + 1) for k, t in enumerate(text.split("\n"))]


def test_declines_other_words_and_sums_that_fail():
    lines = _lines(BY_UNIT)
    assert spaced_three.first_row(lines, 2) is not None
    # a column the 三公 table does not have (会议费): not this shape
    other = _lines(BY_UNIT.replace("公务用车购置及运行费\n", "公务用车购置及运行费\n会议费\n"))
    assert spaced_three.first_row(other, 2) is None
    # a row whose amounts fit no placement of the columns
    wrong = _lines(BY_UNIT.replace("100.50 12.00 88.50", "101.50 12.00 88.50"))
    assert spaced_three.first_row(wrong, 2) is None


def test_first_label_broken_over_the_header(tmp_path):
    # the unit's name broken, its head on a line of its own right under the header: no header word
    text = BY_YEAR.replace("某某市某某局 2025 年", "某某市某某局（本\n级） 2025 年")
    t = _three(_report(tmp_path, text))
    first = _row(t, "某某市某某局（本级）2025年")
    assert _at(first, "公务用车购置及运行维护费/公务用车运行维护费/一般公共预算")[0] == Decimal("6.00")
    assert _at(first, "合计/一般公共预算")[1] >= CONFIDENT
