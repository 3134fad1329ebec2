"""The `sides-stream` reader: side-by-side income | expenditure tables (公开01/04表, 收支总表) printed one
cell per line with blank cells absent (PyMuPDF, pdftotext without -layout). Expected values were
checked by hand against the texts below and, for the real report, against its PyMuPDF text and the
PDF's printed tables."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from extractor import extract

SHARED = Path(__file__).resolve().parents[2] / "shared"

# 公开01表 as PyMuPDF prints a real one: every cell on its own line, no 行次, blank amounts absent,
# the left side ending before the right one (五、 … 七、 stand alone), two labels broken over lines
# (`二、政府性基金预算财政拨` / `款收入`, `六、资源勘探工业信息等` / `支出`), 总计 printed on both sides.
STREAM_01 = """某某局2024年度部门决算
收入支出决算总表
公开01表
单位：万元
收入
支出
项目
决算数
项目
决算数
一、一般公共预算财政拨款收入
2,940.05
一、一般公共服务支出
2,106.66
二、政府性基金预算财政拨
款收入
二、外交支出
三、事业收入
三、国防支出
四、其他收入
6.20
四、社会保障和就业支出
326.71
五、卫生健康支出
60.99
六、资源勘探工业信息等
支出
七、住房保障支出
445.69
本年收入合计
2,946.25
本年支出合计
2,940.05
使用非财政拨款结余（含专用结余）
结余分配
年初结转和结余
49.14
年末结转和结余
55.34
总计
2,995.39
总计
2,995.39
注：本表反映本部门本年度收入、支出总体情况。
"""

# 公开04表 as PyMuPDF prints a generated one: 行次 printed (left 1-12, right 13-24), rows whose left
# label is blank print their 行次 alone (`4`), a line holding two cells (`1279.28 一、…` is not used
# here, see STREAM_BUDGET), a page break inside the table (page number, running header, the header
# printed again), the right side's four amount columns of which only 合计 and 一般公共预算财政拨款
# are printed (the income side says the other two funds are blank), and rows 21-23 of the right
# side printing only their 行次 (`0` / `21`: the left amount 0, then the right row's number).
STREAM_04 = """财政拨款收入支出决算总表
公开04表
单位：万元
收入
支出
项目
行次
金额
项目
行次
合计
一般公共预算
财政拨款
政府性基金预
算财政拨款
国有资本经营
预算财政拨款
栏    次
1
栏    次
2
3
4
5
一、一般公共预算财政拨款
1
1279.28
一、一般公共服务支出
13
65.45
65.45
二、政府性基金预算财政拨
款
2
二、外交支出
14
三、国有资本经营预算财政
拨款
3
三、科学技术支出
15
1052.86
1052.86
4
四、社会保障和就业支出
16
96.63
96.63
5
五、住房保障支出
17
64.34
64.34
6
六、灾害防治及应急管理
支出
18
某某局2021年部门决算
第 6 页
某某局2021年部门决算
某某局2021年部门决算
收入
支出
项目
行次
金额
项目
行次
合计
一般公共预算
财政拨款
政府性基金预
算财政拨款
国有资本经营
预算财政拨款
栏    次
1
栏    次
2
3
4
5
本年收入合计
7
1279.28
本年支出合计
19
1279.28
1279.28
年初财政拨款结转和结余
8
0
年末财政拨款结转和结余
20
一般公共预算财政拨款
9
0
21
政府性基金预算财政拨款
10
22
国有资本经营预算财政拨款
11
23
总计
12
1279.28
总计
24
1279.28
1279.28
注：本表反映本部门本年度财政拨款的收支及年末结转结余情况。
"""

# A budget 收支总表 as PyMuPDF prints it: a left amount and the next right label on one line, sub-items
# numbered `1. ` with a space, the right side ending first, 收入总计 / 支出总计.
STREAM_BUDGET = """2026年部门财务收支预算总表
编制部门：某某区司法局
单位：元
本年收入
本年支出
项目
预算数
项目
预算数
一、财政拨款收入
96,282,213.44 一、公共安全支出
87,267,272.44
1. 一般公共预算
96,282,213.44 二、社会保障和就业支出
3,343,704.00
2. 政府性基金预算
0.00 三、卫生健康支出
1,149,678.00
3. 国有资本经营预算
0.00 四、住房保障支出
4,521,559.00
二、事业收入
0.00
三、其他收入
0.00
收入总计
96,282,213.44
支出总计
96,282,213.44
"""


def _fiscal(income: tuple[str, str], spent: list[tuple[str, list[str]]], totals: list[str]) -> str:
    """A 财政拨款收入支出决算总表 without 行次 as a cell stream: two funds' income, two expenditure
    items with their printed amounts (blank ones absent), 本年支出合计 / 总计 printing `totals`."""
    total = f"{sum(Decimal(x) for x in income):.2f}"
    rows = [("一、一般公共预算财政拨款", [income[0]], spent[0]), ("二、政府性基金预算财政拨款", [income[1]], spent[1]),
            ("三、国有资本经营预算财政拨款", [], None), ("本年收入合计", [total], ("本年支出合计", totals)),
            ("年初财政拨款结转和结余", [], ("年末财政拨款结转和结余", [])), ("总计", [total], ("总计", totals))]
    cells = ["财政拨款收入支出决算总表", "公开04表", "单位：万元", "收入", "支出", "项目", "决算数", "项目", "合计",
             "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    for label, amounts, right in rows:
        cells += [label, *amounts] + ([right[0], *right[1]] if right else [])
    return "\n".join(cells) + "\n"


def _extract(tmp_path, text: str, name: str = "t.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return extract(p)


def _table(report, template: str):
    tables = [t for t in report.tables if t.method == "sides-stream" and t.template == template]
    assert len(tables) == 1, [(t.method, t.template) for t in report.tables]
    return tables[0]


def _row(table, block: str, name: str):
    return next(r for r in table.rows if r.block == block and r.name.value == name)


def _vals(row) -> dict:
    return {k: v.value for k, v in row.values.items() if v is not None and v.value is not None}


def _in_review(field) -> bool:
    return any(r.kind == "layout.column_guess" and r.status == "unconfirmed" for r in field.repairs)


def test_01_stream_gives_each_side_its_items_and_totals(tmp_path):
    t = _table(_extract(tmp_path, STREAM_01), "final.01")
    assert t.columns == ["决算数"]
    assert _vals(_row(t, "收入", "一般公共预算财政拨款收入")) == {"决算数": Decimal("2940.05")}
    assert _vals(_row(t, "收入", "其他收入")) == {"决算数": Decimal("6.20")}
    assert _vals(_row(t, "收入", "本年收入合计")) == {"决算数": Decimal("2946.25")}
    assert _vals(_row(t, "收入", "年初结转和结余")) == {"决算数": Decimal("49.14")}
    assert _vals(_row(t, "收入", "总计")) == {"决算数": Decimal("2995.39")}
    assert _vals(_row(t, "支出", "一般公共服务支出")) == {"决算数": Decimal("2106.66")}
    assert _vals(_row(t, "支出", "卫生健康支出")) == {"决算数": Decimal("60.99")}
    assert _vals(_row(t, "支出", "住房保障支出")) == {"决算数": Decimal("445.69")}
    assert _vals(_row(t, "支出", "本年支出合计")) == {"决算数": Decimal("2940.05")}
    assert _vals(_row(t, "支出", "年末结转和结余")) == {"决算数": Decimal("55.34")}
    assert _vals(_row(t, "支出", "总计")) == {"决算数": Decimal("2995.39")}
    # blank items stay, on their side, without a value; broken labels are joined
    assert _vals(_row(t, "收入", "政府性基金预算财政拨款收入")) == {}
    assert _vals(_row(t, "收入", "使用非财政拨款结余（含专用结余）")) == {}
    assert _vals(_row(t, "支出", "资源勘探工业信息等支出")) == {}
    assert _vals(_row(t, "支出", "结余分配")) == {}
    assert [r.name.value for r in t.rows if r.block == "收入"][:4] == [
        "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "事业收入", "其他收入"]
    assert not any(_in_review(v) for r in t.rows for v in r.values.values())


def test_04_stream_with_line_numbers_a_page_break_and_fund_columns(tmp_path):
    t = _table(_extract(tmp_path, STREAM_04), "final.04")
    assert t.columns == ["金额", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    left = {r.name.value: r.line_no for r in t.rows if r.block == "收入"}
    assert left["本年收入合计"] == 7 and left["总计"] == 12
    assert _vals(_row(t, "收入", "本年收入合计")) == {"金额": Decimal("1279.28")}
    sub = [r for r in t.rows if r.block == "收入" and r.name.value == "一般公共预算财政拨款"]
    assert [(r.line_no, _vals(r)) for r in sub] == [(1, {"金额": Decimal("1279.28")}), (9, {"金额": Decimal("0")})]
    # the income side has no 政府性基金 / 国有资本经营 money: the second amount is 一般公共预算's, for certain
    social = _row(t, "支出", "社会保障和就业支出")
    assert social.line_no == 16
    assert _vals(social) == {"合计": Decimal("96.63"), "一般公共预算财政拨款": Decimal("96.63")}
    assert not any(_in_review(v) for v in social.values.values())
    assert _vals(_row(t, "支出", "总计")) == {"合计": Decimal("1279.28"), "一般公共预算财政拨款": Decimal("1279.28")}
    assert _row(t, "支出", "总计").line_no == 24
    # rows 4-6 print no left label; the right rows after the page break keep their numbers
    assert _row(t, "支出", "灾害防治及应急管理支出").line_no == 18
    assert _row(t, "支出", "本年支出合计").line_no == 19
    assert len([r for r in t.rows if r.block == "收入"]) == 9


def test_budget_stream_with_cells_sharing_a_line(tmp_path):
    t = _table(_extract(tmp_path, STREAM_BUDGET), "budget.total")
    assert _vals(_row(t, "收入", "财政拨款收入")) == {"预算数": Decimal("96282213.44")}
    assert _vals(_row(t, "收入", "一般公共预算")) == {"预算数": Decimal("96282213.44")}
    assert _vals(_row(t, "收入", "国有资本经营预算")) == {"预算数": Decimal("0.00")}
    assert _vals(_row(t, "收入", "其他收入")) == {"预算数": Decimal("0.00")}
    assert _vals(_row(t, "支出", "住房保障支出")) == {"预算数": Decimal("4521559.00")}
    assert _vals(_row(t, "收入", "收入总计")) == {"预算数": Decimal("96282213.44")}
    assert _vals(_row(t, "支出", "支出总计")) == {"预算数": Decimal("96282213.44")}


def test_fund_columns_placed_by_the_column_sums(tmp_path):
    # both funds have income: 50.00 50.00 may be 一般公共预算 or 政府性基金; the other row's 50.00 20.00
    # and 本年支出合计's 100.00 / 20.00 leave only 一般公共预算 for it
    text = _fiscal(("100.00", "20.00"), [("一、一般公共服务支出", ["50.00", "50.00"]),
                                         ("二、城乡社区支出", ["70.00", "50.00", "20.00"])],
                   ["120.00", "100.00", "20.00"])
    t = _table(_extract(tmp_path, text), "final.04")
    row = _row(t, "支出", "一般公共服务支出")
    assert _vals(row) == {"合计": Decimal("50.00"), "一般公共预算财政拨款": Decimal("50.00")}
    assert not any(_in_review(v) for v in row.values.values())


def test_fund_column_nothing_settles_goes_to_review(tmp_path):
    # two rows of 50.00 50.00 and two funds of 50.00: either row may be either fund's
    text = _fiscal(("50.00", "50.00"), [("一、一般公共服务支出", ["50.00", "50.00"]),
                                        ("二、城乡社区支出", ["50.00", "50.00"])],
                   ["100.00", "50.00", "50.00"])
    t = _table(_extract(tmp_path, text), "final.04")
    for name in ("一般公共服务支出", "城乡社区支出"):
        row = _row(t, "支出", name)
        assert row.values["合计"].value == Decimal("50.00") and not _in_review(row.values["合计"])
        part = [v for k, v in row.values.items() if k != "合计" and v.value is not None]
        assert len(part) == 1 and part[0].value == Decimal("50.00") and _in_review(part[0])
        assert part[0].confidence < 0.9
        assert any("column uncertain" in r.note for r in part[0].repairs)


def test_amount_moved_to_the_other_side_is_declined(tmp_path):
    # pdftotext prints 四、其他收入's 6.20 before its label, after the right item of the row above:
    # read as 国防支出's, the expenditure sum would fail, so the table is not read
    text = STREAM_01.replace("三、国防支出\n四、其他收入\n6.20\n", "三、国防支出\n6.20\n四、其他收入\n")
    assert text != STREAM_01
    report = _extract(tmp_path, text)
    assert not [t for t in report.tables if t.method == "sides-stream"]
    assert not any(v.value == Decimal("6.20") for t in report.tables for r in t.rows for v in r.values.values())


def test_amounts_run_after_a_header_word_is_declined(tmp_path):
    # the right side's amounts printed as a column after its header word (a column run)
    text = STREAM_01.replace("一、一般公共服务支出\n2,106.66\n", "一、一般公共服务支出\n").replace(
        "四、社会保障和就业支出\n326.71\n五、卫生健康支出\n60.99\n",
        "四、社会保障和就业支出\n五、卫生健康支出\n决算数\n2,106.66\n326.71\n60.99\n")
    report = _extract(tmp_path, text)
    assert not [t for t in report.tables if t.method == "sides-stream"]


def test_a_failing_total_is_declined(tmp_path):
    text = STREAM_01.replace("本年收入合计\n2,946.25", "本年收入合计\n2,964.25")
    report = _extract(tmp_path, text)
    assert not [t for t in report.tables if t.method == "sides-stream"]


def test_more_amounts_than_the_header_has_columns_is_declined(tmp_path):
    # a bare page number after the last 总计: 决算数 | 决算数 hold one amount per side, not two
    text = STREAM_01.replace("2,995.39\n注：", "2,995.39\n3\n注：")
    assert text != STREAM_01
    report = _extract(tmp_path, text)
    assert not [t for t in report.tables if t.method == "sides-stream"]


def test_rows_printed_one_per_line_are_not_this_readers(tmp_path):
    text = """收入支出决算总表
公开01表
单位：万元
收入 支出
项目 决算数 项目 决算数
一、一般公共预算财政拨款收入 2,940.05 一、一般公共服务支出 2,106.66
二、其他收入 6.20 二、住房保障支出 839.59
本年收入合计 2,946.25 本年支出合计 2,946.25
总计 2,946.25 总计 2,946.25
"""
    report = _extract(tmp_path, text)
    assert [t.method for t in report.tables] == ["spaced"]


@pytest.mark.skipif(not (SHARED / "real-pdfs").is_dir(),
                    reason=f"the real PDFs are not available: {SHARED / 'real-pdfs'} is absent (../shared)")
def test_pymupdf_text_of_a_real_report(tmp_path):
    import converted  # PyMuPDF: a test extra, never skipped
    pdf = SHARED / "real-pdfs" / "shanghai-putuo-caizhengju-2024-juesuan.pdf"
    report = extract(converted.convert(pdf, "pymupdf", tmp_path))
    # 收入支出决算总表: printed 本年收入合计 2,946.25 = 2,940.05 + 6.20; 总计 2,995.39 on both sides
    t01 = _table(report, "final.01")
    assert _vals(_row(t01, "收入", "本年收入合计")) == {"决算数": Decimal("2946.25")}
    assert _vals(_row(t01, "收入", "总计")) == {"决算数": Decimal("2995.39")}
    assert _vals(_row(t01, "支出", "总计")) == {"决算数": Decimal("2995.39")}
    assert _vals(_row(t01, "收入", "其他收入")) == {"决算数": Decimal("6.20")}
    assert _vals(_row(t01, "支出", "住房保障支出")) == {"决算数": Decimal("445.69")}
    assert _vals(_row(t01, "支出", "年末结转和结余")) == {"决算数": Decimal("55.34")}
    # 财政拨款收入支出决算总表: 一般公共服务支出 2,106.66 2,106.66 (合计, 一般公共预算财政拨款), 总计 2,961.68
    t04 = _table(report, "final.04")
    row = _row(t04, "支出", "一般公共服务支出")
    assert _vals(row) == {"合计": Decimal("2106.66"), "一般公共预算财政拨款": Decimal("2106.66")}
    assert not any(_in_review(v) for v in row.values.values())
    assert _vals(_row(t04, "收入", "总计")) == {"决算数": Decimal("2961.68")}
    assert _vals(_row(t04, "支出", "总计")) == {"合计": Decimal("2961.68"), "一般公共预算财政拨款": Decimal("2961.68")}
    assert _vals(_row(t04, "收入", "年初财政拨款结转和结余")) == {"决算数": Decimal("21.63")}


# A budget 收支总表 as PyMuPDF prints it when the expenditure side lists 功能分类 类 / 款 / 项 by name only
# (no codes, no numbers, indented with full-width spaces): a left amount and the next right label on
# one line, the income side's funds unnumbered under 一、财政拨款, most income items blank, subject
# names that end in no 支出 (`行政运行`, `事业运行`). Sums checked by hand: 财政事务 380.00 = 300.00 + 80.00
# = 一般公共服务支出; 行政事业单位养老支出 70.00 = 50.00 + 20.00; 住房 50.00; the 类 380 + 70 + 50 = 500.00 =
# 本年支出合计 = 本年收入合计 = 一、财政拨款 = 一般公共预算.
STREAM_BUDGET_SUBJECTS = """2026年部门收支预算总表
表01
单位：万元
收                    入
支                    出
项       目
预算数
项    目
预算数
一、财政拨款
500.00 一般公共服务支出
380.00
      一般公共预算
500.00 　财政事务
380.00
      政府性基金预算
　　行政运行
300.00
      国有资本经营预算
　　事业运行
80.00
二、财政专户管理资金
社会保障和就业支出
70.00
三、事业收入
　行政事业单位养老支出
70.00
四、其他收入
　　机关事业单位基本养老保险缴费支出
50.00
　　机关事业单位职业年金缴费支出
20.00
住房保障支出
50.00
　住房改革支出
50.00
　　住房公积金
50.00
本年收入合计
500.00
本年支出合计
500.00
上年结转结余
年终结转结余
收入总计
500.00
支出总计
500.00
"""

# A budget 财政拨款收支总表 as PyMuPDF prints it: 一、本年支出合计 first on the right, 二、上年结转结余 with
# its funds, subjects whose names end in no complete word (`国防动员`, `交通战备`, `技校教育`), 其他教育支出
# as a 款 and then its 项, 支出总计 on the line of the left 总计's amount. By hand: left 300.00 = 250.00 +
# 50.00, 20.00 = 20.00, 总计 320.00 = 300.00 + 20.00; right 国防 18.00 = 18.00 = 18.00, 教育 302.00 =
# 272.00 + 30.00, 18.00 + 302.00 = 320.00 = 本年支出合计 = 支出总计.
STREAM_FISCAL_SUBJECTS = """表4：2026年部门财政拨款收支预算总表
部门名称：某某局单位：万元
收入
支出
项目
预算数
项目
预算数
一、财政拨款
300.00 一、本年支出合计
320.00
一般公共预算
250.00 国防支出
18.00
政府性基金预算
50.00
国防动员
18.00
国有资本经营预算
交通战备
18.00
二、上年结转结余
20.00
教育支出
302.00
一般公共预算
20.00
职业教育
272.00
政府性基金预算
技校教育
272.00
国有资本经营预算
其他教育支出
30.00
其他教育支出
30.00
二、年终结转结余
收入总计
320.00 支出总计
320.00
"""


def test_budget_stream_with_unnumbered_subjects(tmp_path):
    t = _table(_extract(tmp_path, STREAM_BUDGET_SUBJECTS), "budget.total")
    assert _vals(_row(t, "收入", "财政拨款")) == {"预算数": Decimal("500.00")}
    assert _vals(_row(t, "收入", "一般公共预算")) == {"预算数": Decimal("500.00")}
    assert _vals(_row(t, "收入", "政府性基金预算")) == {}
    assert _vals(_row(t, "收入", "事业收入")) == {}
    assert _vals(_row(t, "收入", "本年收入合计")) == {"预算数": Decimal("500.00")}
    assert _vals(_row(t, "支出", "一般公共服务支出")) == {"预算数": Decimal("380.00")}
    assert _vals(_row(t, "支出", "行政运行")) == {"预算数": Decimal("300.00")}
    assert _vals(_row(t, "支出", "事业运行")) == {"预算数": Decimal("80.00")}
    assert _vals(_row(t, "支出", "机关事业单位职业年金缴费支出")) == {"预算数": Decimal("20.00")}
    assert _vals(_row(t, "支出", "住房公积金")) == {"预算数": Decimal("50.00")}
    assert _vals(_row(t, "支出", "本年支出合计")) == {"预算数": Decimal("500.00")}
    assert _vals(_row(t, "支出", "支出总计")) == {"预算数": Decimal("500.00")}
    assert [r.name.value for r in t.rows if r.block == "收入"][:4] == [
        "财政拨款", "一般公共预算", "政府性基金预算", "国有资本经营预算"]
    assert not any(_in_review(v) for r in t.rows for v in r.values.values())


def test_fiscal_budget_stream_with_a_numbered_total_and_subjects(tmp_path):
    t = _table(_extract(tmp_path, STREAM_FISCAL_SUBJECTS), "budget.fiscal_total")
    income = [(r.name.value, _vals(r).get("预算数")) for r in t.rows if r.block == "收入"]
    assert income == [("财政拨款", Decimal("300.00")), ("一般公共预算", Decimal("250.00")),
                      ("政府性基金预算", Decimal("50.00")), ("国有资本经营预算", None),
                      ("上年结转结余", Decimal("20.00")), ("一般公共预算", Decimal("20.00")),
                      ("政府性基金预算", None), ("国有资本经营预算", None), ("收入总计", Decimal("320.00"))]
    spent = [(r.name.value, _vals(r).get("预算数")) for r in t.rows if r.block == "支出"]
    assert spent == [("本年支出合计", Decimal("320.00")), ("国防支出", Decimal("18.00")),
                     ("国防动员", Decimal("18.00")), ("交通战备", Decimal("18.00")),
                     ("教育支出", Decimal("302.00")), ("职业教育", Decimal("272.00")),
                     ("技校教育", Decimal("272.00")), ("其他教育支出", Decimal("30.00")),
                     ("其他教育支出", Decimal("30.00")), ("年终结转结余", None), ("支出总计", Decimal("320.00"))]
    assert not any(_in_review(v) for r in t.rows for v in r.values.values())


def test_subject_printed_off_its_parts_goes_to_review(tmp_path):
    # 一般公共服务支出 printed 390.00 over parts of 380.00: with 380.00 in its place the 类 add up to
    # 本年支出合计 500.00 — the 类 and its parts go to review, the other subjects stay certain
    text = STREAM_BUDGET_SUBJECTS.replace("500.00 一般公共服务支出\n380.00", "500.00 一般公共服务支出\n390.00")
    assert text != STREAM_BUDGET_SUBJECTS
    t = _table(_extract(tmp_path, text), "budget.total")
    top = _row(t, "支出", "一般公共服务支出").values["预算数"]
    assert top.value == Decimal("390.00") and _in_review(top) and top.confidence < 0.9
    assert any("do not add up" in r.note for r in top.repairs)
    assert _in_review(_row(t, "支出", "财政事务").values["预算数"])
    housing = _row(t, "支出", "住房公积金").values["预算数"]
    assert housing.value == Decimal("50.00") and not _in_review(housing)


def test_expenditure_amount_moved_to_an_income_fund_is_declined(tmp_path):
    # 行政运行's 300.00 printed before its label, after the blank 政府性基金预算: read in order it
    # would be that fund's income, and the funds (500.00 + 300.00) no longer add up to 一、财政拨款
    text = STREAM_BUDGET_SUBJECTS.replace("      政府性基金预算\n　　行政运行\n300.00\n",
                                          "      政府性基金预算\n300.00\n　　行政运行\n")
    assert text != STREAM_BUDGET_SUBJECTS
    report = _extract(tmp_path, text)
    assert not [t for t in report.tables if t.method == "sides-stream"]
    # never a fund's income; sides-runs, which places the expenditure side by its tree's sums, gives
    # it to 行政运行 (the 类 lines alone add up to 本年支出合计, table.side_total)
    assert not any(v.value == Decimal("300.00") and v.confidence >= 0.9
                   for t in report.tables for r in t.rows if r.block != "支出" for v in r.values.values())
    assert all(v.value == Decimal("300.00") for t in report.tables for r in t.rows if r.name.value == "行政运行"
               for v in r.values.values() if v.confidence >= 0.9)


# A budget's 收支总表 as PyMuPDF prints Shenzhen's: the table goes on over a page under its own title
# lines and header printed again; the income side's funds end in 资金 (二、财政专户管理资金, 三、单位资金);
# blank cells print 0.00. Income 500.00 = 一、财政拨款; expenditure 380.00 + 60.00 + 60.00 = 500.00.
_SZ_HEAD = """表1
收支总表
部门名称：某某局（本级）
单位：万元
收        入
支        出
项    目
2026 年预算数
项    目
2026 年预算数
"""
# the first rows' cells after the 财政拨款 item (its amount 500.00): 一般公共服务支出 380.00 = 300.00 + 80.00
# on the right, the three funds on the left
_SZ_FUNDS = """一、一般公共服务支出
380.00
  1.一般公共预算拨款
500.00
  统计信息事务
380.00
  2.政府性基金预算拨款
0.00
    行政运行
300.00
  3.国有资本经营预算拨款
0.00
    专项统计业务
80.00
"""
STREAM_PAGES = _SZ_HEAD + """一、财政拨款
500.00
""" + _SZ_FUNDS + """二、财政专户管理资金
0.00
二、社会保障和就业支出
60.00
三、单位资金
0.00
  行政事业单位养老支出
60.00
- 13 -
""" + _SZ_HEAD + """  1.事业收入
0.00
    机关事业单位职业年金缴费支出
60.00
三、住房保障支出
60.00
  住房改革支出
60.00
    住房公积金
60.00
                本年收入合计
500.00
                  本年支出合计
500.00
上年结余、结转
0.00
结转下年
0.00
                  收入总计
500.00
                    支出总计
500.00
注：本套报表金额单位转换时可能存在尾数误差。
- 14 -
"""


def test_stream_going_on_under_its_title_printed_again_on_a_new_page(tmp_path):
    report = _extract(tmp_path, STREAM_PAGES)
    t = next(t for t in report.tables if t.method == "sides-stream")
    assert _vals(_row(t, "收入", "财政拨款")) == {t.columns[0]: Decimal("500.00")}
    assert _vals(_row(t, "收入", "财政专户管理资金")) == {t.columns[0]: Decimal("0.00")}
    assert _vals(_row(t, "收入", "事业收入")) == {t.columns[0]: Decimal("0.00")}  # after the page turn
    assert _vals(_row(t, "收入", "收入总计")) == {t.columns[0]: Decimal("500.00")}
    assert _vals(_row(t, "支出", "专项统计业务")) == {t.columns[0]: Decimal("80.00")}
    assert _vals(_row(t, "支出", "机关事业单位职业年金缴费支出")) == {t.columns[0]: Decimal("60.00")}
    assert _vals(_row(t, "支出", "住房公积金")) == {t.columns[0]: Decimal("60.00")}
    assert _vals(_row(t, "支出", "本年支出合计")) == {t.columns[0]: Decimal("500.00")}
    assert _vals(_row(t, "支出", "支出总计")) == {t.columns[0]: Decimal("500.00")}
    assert not any(r.name.value in ("收支总表", "项目", "收入") for r in t.rows)


# 财政拨款收支总表 whose first income item is unnumbered (`财政拨款` then its funds 1. 2. 3.): the rows
# start there, not at the first numbered item (一、一般公共服务支出, on the right) — else the header
# printed again on the next page would not be the header seen (it would end in `财政拨款` `500.00`).
_SZ_HEAD_6 = """表6
财政拨款收支总表
部门名称：某某局（本级）
单位：万元
收入
支出
项目
预算数
项目
预算数
"""
STREAM_UNNUMBERED_FIRST = _SZ_HEAD_6 + """财政拨款
500.00
""" + _SZ_FUNDS + """- 21 -
""" + _SZ_HEAD_6 + """二、住房保障支出
120.00
  住房改革支出
120.00
    住房公积金
120.00
本年收入合计
500.00
本年支出合计
500.00
收入总计
500.00
支出总计
500.00
注：本表反映财政拨款收支情况。
"""


def test_stream_whose_first_income_item_is_unnumbered(tmp_path):
    report = _extract(tmp_path, STREAM_UNNUMBERED_FIRST)
    t = next(t for t in report.tables if t.method == "sides-stream")
    assert t.columns[0] == "预算数"
    assert _vals(_row(t, "收入", "财政拨款")) == {"预算数": Decimal("500.00")}
    assert _vals(_row(t, "收入", "一般公共预算拨款")) == {"预算数": Decimal("500.00")}
    assert _vals(_row(t, "收入", "本年收入合计")) == {"预算数": Decimal("500.00")}
    assert _vals(_row(t, "支出", "一般公共服务支出")) == {"预算数": Decimal("380.00")}
    assert _vals(_row(t, "支出", "住房公积金")) == {"预算数": Decimal("120.00")}
    assert _vals(_row(t, "支出", "支出总计")) == {"预算数": Decimal("500.00")}


# 本年收入合计 / 收入总计 spaced out over their cells, which PyMuPDF prints a character per line: each
# run of such lines is one label. Income 300.00; expenditure 200.00 + 100.00 = 300.00.
STREAM_SPREAD = """财政拨款收支总体情况表
单位：万元
收
入
支
出
项目
预算数
项目
预算数
一、一般公共预算收入
300.00
一、一般公共服务支出
200.00
二、政府性基金预算收入
二、教育支出
100.00
本
年
收
入
合
计
300.00
本
年
支
出
合
计
300.00
收
入
总
计
300.00
支
出
总
计
300.00
注：本表反映财政拨款收支情况。
"""


def test_labels_printed_a_character_per_line_are_joined(tmp_path):
    report = _extract(tmp_path, STREAM_SPREAD)
    t = next(t for t in report.tables if t.method == "sides-stream")
    assert _vals(_row(t, "收入", "一般公共预算收入")) == {"预算数": Decimal("300.00")}
    assert _vals(_row(t, "收入", "本年收入合计")) == {"预算数": Decimal("300.00")}
    assert _vals(_row(t, "收入", "收入总计")) == {"预算数": Decimal("300.00")}
    assert _vals(_row(t, "支出", "教育支出")) == {"预算数": Decimal("100.00")}
    assert _vals(_row(t, "支出", "本年支出合计")) == {"预算数": Decimal("300.00")}
    assert _vals(_row(t, "支出", "支出总计")) == {"预算数": Decimal("300.00")}
