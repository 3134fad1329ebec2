"""单位预算 / 部门预算 tables as the PDF text converters print them: a header whose `其中：` stands on a
line of its own, the standard 支出总表 / 收入总表 columns, tables of units (单位名称) whose names are
broken over lines around their amounts, a code alone over its wrapped name, an empty table under a
备注： note, the 三公 table printed as a list, a 收支总表 whose 收入合计 follows 上年结转结余, and the text
repairs these reports need (bare page numbers at form feeds; text printed one font run per line).
Every expected value below was worked out by hand from the fixture (sums checked)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from extractor import extract
from extractor.evidence import policy
from extractor.normalize import normalize
from extractor.normalize.run_lines import is_run_text, join_runs
from extractor.ingest import load
from extractor.structure.templates import identify

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _extract(tmp_path, text: str, name: str = "t.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return extract(p)


def _table(report, word: str):
    found = [t for t in report.tables if word in (t.title or "")]
    assert len(found) == 1, [(t.title, t.method) for t in report.tables]
    return found[0]


def _row(table, key):
    return next(r for r in table.rows if (r.code is not None and r.code.value == key) or r.name.value == key)


def _vals(row) -> dict:
    return {k: v.value for k, v in row.values.items() if v is not None and v.value is not None}


def _confident(row) -> bool:
    return all(v.confidence >= 0.9 for v in row.values.values() if v is not None and v.value is not None)


# --- 其中： on a header line; the budget 支出总表 columns -------------------------------------------

GENERAL = """五、一般公共预算拨款支出预算表
2026 年度一般公共预算拨款支出预算表
单位：万元
科目编码 科目名称 小计
其中：
基本支出 项目支出
合计 1500.00 1200.00 300.00
208 社会保障和就业支出 500.00 500.00
20805 行政事业单位养老支出 500.00 500.00
2080505 机关事业单位基本养老保险缴费支出 500.00 500.00
211 节能环保支出 1000.00 700.00 300.00
21101 环境保护管理事务 1000.00 700.00 300.00
2110101 行政运行 700.00 700.00
2110102 一般行政管理事务 300.00 300.00
"""


def test_a_header_whose_qizhong_stands_on_a_line_of_its_own(tmp_path):
    t = _table(_extract(tmp_path, GENERAL), "一般公共预算拨款支出预算表")
    assert t.method == "spaced"
    assert t.columns == ["小计", "基本支出", "项目支出"]
    # 300.00 300.00 could be 小计 | 基本支出 or 小计 | 项目支出: the parent's 基本支出 (700 = 行政运行's
    # 700) leaves it none, so it is 项目支出
    r = _row(t, "2110102")
    assert _vals(r) == {"小计": Decimal("300.00"), "项目支出": Decimal("300.00")}
    assert _confident(r)
    assert _vals(_row(t, "合计")) == {"小计": Decimal("1500.00"), "基本支出": Decimal("1200.00"),
                                      "项目支出": Decimal("300.00")}


def test_the_budget_expenditure_total_table_names_its_six_columns(tmp_path):
    text = """2026 年度支出预算总表
单位：万元
科目编码 科目名称 合计 基本支出 项目支出 事业单位经营 支出 上缴上级支出 对附属单位补 助支出
合计 1000.00 700.00 300.00 0.00 0.00 0.00
211 节能环保支出 1000.00 700.00 300.00
21101 环境保护管理事务 1000.00 700.00 300.00
2110101 行政运行 700.00 700.00
2110102 一般行政管理事务 300.00 300.00
"""
    t = _table(_extract(tmp_path, text), "支出预算总表")
    assert t.columns == ["合计", "基本支出", "项目支出", "事业单位经营支出", "上缴上级支出", "对附属单位补助支出"]
    r = _row(t, "2110102")
    assert _vals(r) == {"合计": Decimal("300.00"), "项目支出": Decimal("300.00")}
    assert _confident(r)


def test_a_family_whose_children_do_not_add_up_goes_to_review(tmp_path):
    # the printed table lacks a row: 公安 7927.40 = 6556.70 + 1370.70, its children 6556.70 and 1051.46
    text = """2026 年度一般公共预算拨款支出预算表
单位：万元
科目编码 科目名称 小计
其中：
基本支出 项目支出
合计 7927.40 6556.70 1370.70
204 公共安全支出 7927.40 6556.70 1370.70
20402 公安 7927.40 6556.70 1370.70
2040201 行政运行 6556.70 6556.70
2040299 其他公安支出 1051.46 1051.46
"""
    t = _table(_extract(tmp_path, text), "一般公共预算拨款支出预算表")
    r = _row(t, "2040299")
    assert r.values["小计"].value == Decimal("1051.46")
    assert all(v.confidence < policy.REVIEW_THRESHOLD for v in r.values.values() if v.value is not None)


# --- tables of units ---------------------------------------------------------------------------------

INCOME_HEAD = """2026 年度收入预算总表
单位：万元
单位名称 合计
一般公共
预算拨款
收入
政府性基
金预算拨
款收入
国有资本
经营预算
拨款收入
财政专户
管理资金
收入
事业收入 事业单位 经营收入 上级补助 收入 附属单位 上缴收入 其他收入 上年结转 结余
"""
INCOME_TOTAL = "合计 2500.00 2300.00 200.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00\n"
INCOME_COLUMNS = ["合计", "一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入", "财政专户管理资金收入",
                  "事业收入", "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入", "上年结转结余"]
UNIT_A = "某某市某某发展促进中心"
UNIT_B = "某某市某某局"


def _units_read(t):
    assert t.columns == INCOME_COLUMNS
    assert [r.name.value for r in t.rows] == ["合计", UNIT_A, UNIT_B]
    # 300.00 300.00 could stand under 一般公共 or 政府性基金: the column sums (300 + 2000 = 2300,
    # 200 = 200) say 一般公共
    a, b = _row(t, UNIT_A), _row(t, UNIT_B)
    assert _vals(a) == {"合计": Decimal("300.00"), "一般公共预算拨款收入": Decimal("300.00")}
    assert _vals(b) == {"合计": Decimal("2200.00"), "一般公共预算拨款收入": Decimal("2000.00"),
                        "政府性基金预算拨款收入": Decimal("200.00")}
    assert _confident(a) and _confident(b)


def test_units_whose_names_are_printed_before_their_amounts(tmp_path):
    # pypdf: a unit's name broken over lines, all of it before its amounts
    text = INCOME_HEAD + INCOME_TOTAL + """某某市某某
发展促进中
心
300.00 300.00
某某市某某
局
2200.00 2000.00 200.00
7
三、支出预算总表
"""
    _units_read(_table(_extract(tmp_path, text), "收入预算总表"))


def _layout(label: str, amounts: list[str]) -> str:
    """A -layout line: the label, then each amount right-aligned at its column's edge."""
    edges = [20 + 11 * k for k in range(11)]
    line = label
    for a, e in zip(amounts, edges):
        line = line.ljust(e - len(a)) + a
    return line


def test_units_whose_names_are_centred_on_their_amounts(tmp_path):
    # pdftotext -layout: a name broken over three lines stands one line above and one below the
    # line of its amounts (which holds its middle piece); one broken over two lines, one each side
    head = INCOME_HEAD.replace("事业收入 事业单位", "事业收入  事业单位")
    total = _layout(" 合计", ["2500.00", "2300.00", "200.00"] + ["0.00"] * 8)
    text = head + total + "\n" + "\n".join([
        "某某市某某", _layout("发展促进中", ["300.00", "300.00"]), " 心",
        "某某市某某", _layout("", ["2200.00", "2000.00", "200.00"]), " 局", "", "", "7", "三、支出预算总表", ""])
    _units_read(_table(_extract(tmp_path, text), "收入预算总表"))


def test_units_printed_one_cell_per_line(tmp_path):
    # PyMuPDF: every cell on a line of its own, the unit's name pieces before its amounts
    cells = ["单位名称", "合计", "一般公共", "预算拨款", "收入", "政府性基", "金预算拨", "款收入", "国有资本", "经营预算",
             "拨款收入", "财政专户", "管理资金", "收入", "事业收入", "事业单位", "经营收入", "上级补助", "收入", "附属单位",
             "上缴收入", "其他收入", "上年结转", "结余"] + INCOME_TOTAL.split() + [
        "某某市某某", "发展促进中", "心", "300.00", "300.00", "某某市某某", "局", "2200.00", "2000.00", "200.00"]
    text = "2026 年度收入预算总表\n单位：万元\n" + "\n".join(cells) + "\n三、支出预算总表\n"
    t = _table(_extract(tmp_path, text), "收入预算总表")
    assert t.method == "row-stream"
    _units_read(t)


def test_unit_names_that_cannot_be_shared_out_for_certain_go_to_review(tmp_path):
    # the pieces printed out of order (a converter that groups boxes): the names read do not end
    # as a unit's name does, so the rows' amounts are not given to them with confidence
    text = INCOME_HEAD + INCOME_TOTAL + """某某市某某
发展促进中
300.00 300.00
心
某某市某某
局
2200.00 2000.00 200.00
"""
    t = _table(_extract(tmp_path, text), "收入预算总表")
    a = next(r for r in t.rows if r.name.value.startswith("某某市某某发展促进中"))
    assert a.name.confidence < policy.REVIEW_THRESHOLD
    assert all(v.confidence < policy.REVIEW_THRESHOLD for v in a.values.values() if v.value is not None)


# --- a code alone over its wrapped name; an empty table under 备注： --------------------------------

def test_a_code_alone_over_its_name_broken_over_lines(tmp_path):
    text = """2026 年度政府性基金预算拨款支出预算表
单位：万元
科目编码 科目名称 小计
其中：
基本支出 项目支出
合计 1800.00 0.00 1800.00
212 城乡社区支出 1800.00 1800.00
21208
国有土地使用权出让
收入安排的支出
1800.00 1800.00
2120815 农村社会事业支出 1800.00 1800.00
"""
    t = _table(_extract(tmp_path, text), "政府性基金预算拨款支出预算表")
    r = _row(t, "21208")
    assert r.name.value == "国有土地使用权出让收入安排的支出"
    assert _vals(r) == {"小计": Decimal("1800.00"), "项目支出": Decimal("1800.00")}  # 基本支出 is 0.00
    assert _confident(r)
    assert _vals(_row(t, "2120815")) == {"小计": Decimal("1800.00"), "项目支出": Decimal("1800.00")}


def test_an_empty_table_its_total_row_and_its_remark(tmp_path):
    text = """七、国有资本经营预算拨款支出预算表
2026 年度国有资本经营预算拨款支出预算表
单位：万元
科目编码 科目名称 小计
其中：
基本支出 项目支出
合计 0.00 0.00 0.00
备注：本单位 2026 年没有使用国有资本经营预算拨款安排的支出。
"""
    t = _table(_extract(tmp_path, text), "国有资本经营预算拨款支出预算表")
    assert _vals(_row(t, "合计")) == {"小计": Decimal("0.00"), "基本支出": Decimal("0.00"), "项目支出": Decimal("0.00")}
    assert any(n.startswith("备注") for n in t.notes)


# --- the 三公 table printed as a list ------------------------------------------------------------------

THREE_ROWS = [("合计", "430.87"), ("1、因公出国（境）费用", "0.00"), ("2、公务接待费", "4.12"),
              ("3、公务用车购置及运行费", "426.75"), ("其中：（1）公务用车购置费", "200.00"), ("（2）公务用车运行费", "226.75")]


def _three_public_read(t):
    assert t.template == "budget.three_public"
    labels = [r.values["项目"].value for r in t.rows]
    assert labels == [x for x, _ in THREE_ROWS]
    assert [r.values["预算数"].value for r in t.rows] == [Decimal(a) for _, a in THREE_ROWS]
    assert all(r.values["预算数"].confidence >= 0.9 for r in t.rows)


def test_a_three_public_table_printed_as_a_list(tmp_path):
    text = ("2026 年度一般公共预算“三公”经费支出预算表\n单位：万元\n项目 预算数\n"
            + "\n".join(f"{a} {b}" for a, b in THREE_ROWS) + "\n17\n第三部分\n")
    _three_public_read(_table(_extract(tmp_path, text), "三公"))


def test_a_three_public_list_printed_one_cell_per_line(tmp_path):
    text = ("2026 年度一般公共预算“三公”经费支出预算表\n单位：万元\n项目\n预算数\n"
            + "\n".join(f"{a}\n{b}" for a, b in THREE_ROWS) + "\n第三部分\n2026 年度单位预算情况说明\n")
    t = _table(_extract(tmp_path, text), "三公")
    assert t.method == "row-stream"
    _three_public_read(t)  # its six rows: the heading after it is no row


# --- a 收支总表 whose 收入合计 follows the carry-over, one cell per line ---------------------------------

def test_a_two_sided_stream_whose_income_total_follows_the_carry_over(tmp_path):
    # 本年收入合计 53764.88 + 上年结转结余 8000.00 = 收入合计 61764.88 (the side's 总计)
    cells = ["收入", "支出", "项目", "预算数", "项目", "预算数",
             "一、一般公共预算拨款收入", "48764.88", "一、公共安全支出", "48200.88",
             "二、政府性基金预算拨款收入", "5000.00", "二、社会保障和就业支出", "5064.00",
             "三、城乡社区支出", "5000.00", "四、住房保障支出", "3500.00",
             "本年收入合计", "53764.88", "本年支出合计", "61764.88",
             "上年结转结余", "8000.00", "结转下年支出", "0.00",
             "收入合计", "61764.88", "支出合计", "61764.88"]
    text = "2026 年度收支预算总表\n单位：万元\n" + "\n".join(cells) + "\n二、收入预算总表\n"
    t = _table(_extract(tmp_path, text), "收支预算总表")
    assert t.method == "sides-stream"
    facts = {r.name.value: v.value for r in t.rows for v in r.values.values() if v.value is not None}
    assert facts["上年结转结余"] == Decimal("8000.00")
    assert facts["收入合计"] == Decimal("61764.88")
    assert facts["城乡社区支出"] == Decimal("5000.00")


# --- templates --------------------------------------------------------------------------------------

def test_budget_economic_classification_tables_have_templates():
    assert identify("2026年度一般公共预算支出经济分类情况表", "").id == "budget.general_economic"
    assert identify("2026年度一般公共预算基本支出经济分类情况表", "").id == "budget.basic"


def test_a_one_column_stream_printing_two_amounts_on_a_row_is_declined(tmp_path):
    # pdftotext without -layout moved amounts away from their codes: two amounts on one row of a
    # table of one amount column cannot be its own
    cells = ["科目编码", "科目名称", "预算数", "合计", "700.00", "301", "工资福利支出", "500.00", "30101", "基本工资",
             "30102", "津贴补贴", "300.00", "200.00", "302", "商品和服务支出", "200.00"]
    text = "2026 年度一般公共预算基本支出经济分类情况表\n单位：万元\n" + "\n".join(cells) + "\n"
    report = _extract(tmp_path, text)
    assert not [t for t in report.tables if t.method == "row-stream"]


# --- text repairs -----------------------------------------------------------------------------------

def _normalized(tmp_path, text: str) -> list[str]:
    p = tmp_path / "n.txt"
    p.write_text(text, encoding="utf-8")
    return [ln.text for ln in normalize(load(p)).lines]


def test_bare_page_numbers_counting_at_form_feeds_are_dropped(tmp_path):
    # PyMuPDF prints a page's number first; a subject's name ends two pages (not a running footer)
    text = "\n".join(["标题", "正文第一页。", "\f1", "399", "其他支出", "\f2", "39999", "其他支出", "\f3", "正文。"])
    texts = _normalized(tmp_path, text)
    assert "1" not in texts and "2" not in texts and "3" not in texts
    assert texts.count("其他支出") == 2


def test_a_lone_number_at_one_page_edge_is_kept(tmp_path):
    text = "\n".join(["标题", "\f57.47", "一行", "\f12", "另一行"])
    texts = _normalized(tmp_path, text)
    assert "12" in texts


RUNS = """ 
2026
年度
单位预算表
 
5
一
、
收支预算总表
 
单位
：
万元
 
一
、
一般公共预算拨款收入
 
6053.42
 
 
 
6
30231
 
公务用车运行维护费
 
从预算单位构成看
，
本单位包括
0
个下属单位
。
 
7
二
、
收入预算总表
"""


def test_text_printed_one_font_run_per_line_is_joined_into_its_blocks():
    # the page numbers 5 6 7 are each run into the block after them (`5` `一` `、` `收支预算总表`)
    texts = RUNS.split("\n") * 3  # enough lines for the shape to be told
    assert is_run_text(texts)
    joined, dropped, n = join_runs(texts)
    kept = [t for k, t in enumerate(joined) if t and k not in dropped]
    assert kept[:9] == ["2026年度单位预算表", "一、收支预算总表", "单位：万元", "一、一般公共预算拨款收入", "6053.42",
                        "30231", "公务用车运行维护费", "从预算单位构成看，本单位包括0个下属单位。", "二、收入预算总表"]
    assert not is_run_text(["一行", "二行。"] * 40)


# --- real reports (../shared) -------------------------------------------------------------------------

def _real(tmp_path, name: str, converter: str):
    import converted

    pdf = SHARED / "real-corpus" / f"{name}.pdf"
    if not pdf.exists():
        pytest.skip(reason=f"{pdf} is not there (the shared corpus is absent)")
    return extract(converted.convert(pdf, converter, tmp_path))  # pypdf, PyMuPDF: test extras


@pytest.mark.parametrize("converter", ["pypdf", "pymupdf"])
def test_a_real_unit_budget_printed_run_by_run(tmp_path, converter):
    # city017_040: pypdf prints every font run on a line of its own; printed (pdftotext -layout):
    # 收入预算总表 福州市公安局文职人员管理中心 6053.42 6053.42; 支出预算总表 2080505 341.49 341.49;
    # 三公 合计 0.00
    report = _real(tmp_path, "city017_040", converter)
    income = _table(report, "收入预算总表")
    unit = _row(income, "福州市公安局文职人员管理中心")
    assert _vals(unit) == {"合计": Decimal("6053.42"), "一般公共预算拨款收入": Decimal("6053.42")}
    spending = _table(report, "年度支出预算总表")
    assert _vals(_row(spending, "2080505")) == {"合计": Decimal("341.49"), "基本支出": Decimal("341.49")}
    assert _table(report, "三公").rows[0].values["预算数"].value == Decimal("0.00")


SHANGHAI_THREE_PUBLIC_HEAD = """2026年部门“三公”经费和机关运行经费预算表
编制部门：某某区某某局
单位:万元
“三公”经费预算数
机关运行经费预算
数
合计
因公出国(境)费
公务接待费
公务用车购置及运行费
小计
购置费
运行费
"""
SHANGHAI_THREE_PUBLIC_COLUMNS = [
    "“三公”经费预算数/合计", "“三公”经费预算数/因公出国（境）费", "“三公”经费预算数/公务接待费",
    "“三公”经费预算数/公务用车购置及运行费/小计", "“三公”经费预算数/公务用车购置及运行费/购置费",
    "“三公”经费预算数/公务用车购置及运行费/运行费", "机关运行经费预算数"]


@pytest.mark.parametrize("amounts", ["12.50\n2.00\n1.50\n9.00\n3.00\n6.00\n150.40\n",  # PyMuPDF: a cell per line
                                     "12.50 2.00 1.50 9.00 3.00 6.00 150.40\n"])  # pypdf: the row on one line
def test_three_public_and_running_costs_table_with_reception_before_the_car_costs(tmp_path, amounts):
    # Shanghai's budget 三公 table: 公务接待费 before the car costs, 机关运行经费预算数 after the 三公
    # columns, brackets printed half-width; a heading after the row of amounts ends the table
    p = tmp_path / "t.txt"
    p.write_text(SHANGHAI_THREE_PUBLIC_HEAD + amounts + "其他相关情况说明\n一、2026年“三公”经费预算情况说明\n",
                 encoding="utf-8")
    t = next(t for t in extract(p).tables if "三公" in (t.title or ""))
    assert t.columns == SHANGHAI_THREE_PUBLIC_COLUMNS
    (row,) = t.rows
    assert [row.values[c].value for c in t.columns] == [Decimal(x) for x in (
        "12.50", "2.00", "1.50", "9.00", "3.00", "6.00", "150.40")]
    assert all(f.confidence >= policy.REVIEW_THRESHOLD for f in row.values.values())


SIDES_ROWS = """表1：2026年部门财政拨款收支预算总表
部门名称：某某局 单位：万元
收入 支出
项目 预算数 项目 预算数
一、财政拨款 1,221.98 一、本年支出合计 1,221.98
一般公共预算 1,000.00 一般公共服务支出 1,201.98
政府性基金预算 221.98 社会工作事务 1.98
国有资本经营预算 其他社会工作事务支出 1.98
二、上年结转结余 其他一般公共服务支出 1,200.00
其他一般公共服务支出 1,200.00
其他支出 20.00
其他政府性基金及对应专项债务收入安排
的支出 20.00
其他政府性基金安排的支出 20.00
收入总计 1,221.98 支出总计 1,221.98
"""


def test_two_sided_rows_with_a_blank_income_item_and_a_subject_broken_over_lines(tmp_path):
    # pypdf rows of a 财政拨款收支预算总表: `国有资本经营预算 其他社会工作事务支出 1.98` (the income item
    # blank: 预算 ends a label), a subject broken over lines (`…专项债务收入安排` / `的支出 20.00`: the
    # catalogue names the whole, and it is an expenditure though it holds 收入)
    p = tmp_path / "t.txt"
    p.write_text(SIDES_ROWS, encoding="utf-8")
    (t,) = extract(p, ner=False).tables
    by_name = {r.name.value: r for r in t.rows}
    assert by_name["国有资本经营预算"].values["预算数"].value is None
    assert by_name["其他社会工作事务支出"].values["预算数"].value == Decimal("1.98")
    broken = by_name["其他政府性基金及对应专项债务收入安排的支出"]
    assert broken.values["预算数"].value == Decimal("20.00") and broken.block == "支出"
    assert not [n for n in by_name if "预算其他" in n or "预算政府" in n]


def test_yuan_amount_run_into_the_next_cell(tmp_path):
    # pdfplumber: `866,296一、社会保障和就业支出` — an amount in yuan (thousands separators, no cents)
    # run into the next cell's item number
    p = tmp_path / "t.txt"
    p.write_text("2026年预算单位财政拨款收支预算总表\n编制单位：某某室 单位：元\n本年收入 本年支出\n项目 预算数 项目 预算数\n"
                 "一、一般公共预算 866,296一、社会保障和就业支出 40,340\n"
                 "二、政府性基金预算 二、农林水支出 825,956\n收入总计 866,296 支出总计 866,296\n", encoding="utf-8")
    (t,) = extract(p, ner=False).tables
    by_name = {r.name.value: r.values["预算数"].value for r in t.rows}
    assert by_name["一般公共预算"] == Decimal("866296") and by_name["社会保障和就业支出"] == Decimal("40340")


SIDES_STREAM = """表1：2026年部门财政拨款收支预算总表
部门名称：某某局 单位：万元
收入
支出
项目
预算数
项目
预算数
一、财政拨款
1,221.98 一、本年支出合计
1,221.98
一般公共预算
1,000.00 一般公共服务支出
1,201.98
政府性基金预算
221.98
社会工作事务
1.98
国有资本经营预算
其他社会工作事务支出
1.98
二、上年结转结余
其他一般公共服务支出
1,200.00
收入总计
1,221.98
支出总计
1,221.98
"""


def test_a_two_sided_cell_stream_is_not_cut_into_rows_by_the_spaced_reader(tmp_path):
    # PyMuPDF: cells one per line, a few run together (`1,000.00 一般公共服务支出`); rows cut from
    # such lines would join one item's label to another's (一般公共预算政府性基金预算 1,000.00)
    p = tmp_path / "t.txt"
    p.write_text(SIDES_STREAM, encoding="utf-8")
    r = extract(p, ner=False)
    names = [row.name.value for t in r.tables for row in t.rows]
    assert not [n for n in names if n and ("预算政府" in n or "事务国有" in n)]
