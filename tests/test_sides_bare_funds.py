"""The `sides-bare` reader on a 财政拨款收入支出决算总表 (公开04表) printing no 行次, as pdftotext without
-layout prints it (Shanghai's 决算): both sides' labels in reading order, the expenditure side's column
names (合计 and the three funds) broken among the rows, the amounts as runs apart from their labels,
each column's amounts in its rows' order. The placing pass (detached_sides.py) deals the run to the
income column, 合计 and the fund columns: the 一般公共预算 column by the 类 totals of the report's
一般公共预算财政拨款支出决算表 (公开05表), the 政府性基金 / 国有资本经营 columns blank where their tables
are printed empty (`本表无数据`), and nothing where a fund column's table is neither read nor printed
empty.
Amounts checked by hand: income 500.00 (一般公共预算) = 本年收入合计; 500.00 + 12.50 (年初, all of it
一般公共预算) = 512.50 = 总计; expenditure 300.00 + 150.00 + 50.00 = 500.00 = 本年支出合计, + 12.50
(年末) = 512.50 = 总计, each row's 合计 = its 一般公共预算 amount; the 05表: 201 300.00, 205 150.00,
208 50.00, 合计 500.00 (基本 250 + 110 + 40 = 400, 项目 50 + 40 + 10 = 100)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import SHARED
from extractor import extract
from extractor.datamodel import NLine
from extractor.structure.unread import printed_empty

BARE_04 = """财政拨款收入支出决算总表
单位：万元
收入

支出

项目

决算数

一、一般公共预算财政拨款

500.00

二、政府性基金预算财政拨
款
三、国有资本经营预算财政
拨款

项目

一、一般公共服务支出

合计

一般公共预算
财
政拨款

300.00

300.00

150.00
50.00

150.00
50.00

二、外交支出
三、教育支出
四、科学技术支出
五、社会保障和就业支出

政府性基金预
算
财政拨款

国有资本经营
预
算财政拨
款

本年收入合计
年初财政拨款结转和结余
一、一般公共预算财政拨款
二、政府性基金预算财政拨
款
三、国有资本经营预算财政
拨款
总计

500.00
12.50
12.50

512.50

本年支出合计
年末财政拨款结转和结余

总计

500.00

500.00

12.50

12.50

512.50

512.50

"""

TABLE_05 = """一般公共预算财政拨款支出决算表
单位：万元
科目编码 科目名称 合计 基本支出 项目支出
合计 500.00 400.00 100.00
201 一般公共服务支出 300.00 250.00 50.00
205 教育支出 150.00 110.00 40.00
208 社会保障和就业支出 50.00 40.00 10.00
注：本表反映本部门本年度一般公共预算财政拨款实际支出情况。
"""

EMPTY_07_08 = """政府性基金预算财政拨款收入支出决算表
单位：万元
项目
年初结转和结余
本年收入
本年支出
年末结转和结余
合计
注：本部门无政府性基金预算财政拨款支出，故本表无数据。

国有资本经营预算财政拨款收入支出决算表
单位：万元
项目
本年支出
合计
注：本部门无国有资本经营预算财政拨款支出，故本表无数据。
"""

FUNDS = ("合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")


def _report(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text("报告\n\n" + text, encoding="utf-8")
    return extract(p)


def _cells(t) -> dict:
    """(row name, column) -> value, the rows named in order (a name printed twice: `总计#2`)."""
    out: dict = {}
    seen: dict = {}
    for r in t.rows:
        name = r.name.value
        seen[name] = seen.get(name, 0) + 1
        key = name if seen[name] == 1 else f"{name}#{seen[name]}"
        for c, f in r.values.items():
            if f is not None and f.value is not None:
                out[(key, c)] = f
    return out


def test_the_fund_table_s_amounts_are_placed_by_the_05_table_and_the_funds_printed_empty(tmp_path):
    report = _report(tmp_path, BARE_04 + "\n" + TABLE_05 + "\n" + EMPTY_07_08)
    (t,) = [t for t in report.tables if t.template == "final.04"]
    assert t.method == "sides-bare"
    assert t.columns == ["决算数", *FUNDS]
    got = {k: f.value for k, f in _cells(t).items()}
    both = ("合计", "一般公共预算财政拨款")
    assert got == {
        ("一般公共预算财政拨款", "决算数"): Decimal("500.00"),
        ("本年收入合计", "决算数"): Decimal("500.00"),
        ("年初财政拨款结转和结余", "决算数"): Decimal("12.50"),
        ("一般公共预算财政拨款#2", "决算数"): Decimal("12.50"),  # the carry-over's 一般公共预算 sub-item
        ("总计", "决算数"): Decimal("512.50"),
        **{("一般公共服务支出", c): Decimal("300.00") for c in both},
        **{("教育支出", c): Decimal("150.00") for c in both},
        **{("社会保障和就业支出", c): Decimal("50.00") for c in both},
        **{("本年支出合计", c): Decimal("500.00") for c in both},
        **{("年末财政拨款结转和结余", c): Decimal("12.50") for c in both},
        **{("总计#2", c): Decimal("512.50") for c in both},
    }
    cell = _cells(t)[("教育支出", "一般公共预算财政拨款")]
    assert [(x.kind, x.status, x.by) for x in cell.repairs] == [
        ("layout.placed_by_table", "confirmed", "一般公共预算财政拨款支出决算表")]
    assert not t.notes  # every amount placed


def test_a_fund_table_neither_read_nor_printed_empty_leaves_the_run_unplaced(tmp_path):
    """Without the 07/08 tables the 政府性基金 / 国有资本经营 columns could hold any of the amounts:
    nothing is placed, and the table (labels alone) is named as not read, with the reason."""
    report = _report(tmp_path, BARE_04 + "\n" + TABLE_05)
    assert not [t for t in report.tables if t.template == "final.04"]
    (problem,) = [x for x in report.problems if "财政拨款收入支出决算总表" in x.message]
    assert "found but not read" in problem.message
    assert "neither read nor printed empty" in problem.message


def test_without_the_05_table_no_subject_row_is_placed(tmp_path):
    """The 07/08 tables printed empty but no 05表: the 一般公共预算 column's 类 rows have no totals to
    confirm their amounts, so nothing is placed and the table is named as not read, with the reason."""
    report = _report(tmp_path, BARE_04 + "\n" + EMPTY_07_08)
    assert not [t for t in report.tables if t.template == "final.04"]
    (problem,) = [x for x in report.problems if "财政拨款收入支出决算总表" in x.message]
    assert "found but not read" in problem.message
    assert "neither read nor printed empty" in problem.message  # read, then left out: not one amount placed


def _lines(text: str) -> list[NLine]:
    return [NLine(text=t, orig=t, no=k + 1) for k, t in enumerate(text.splitlines())]


def test_printed_empty_names_the_tables_whose_note_says_they_have_no_data():
    assert printed_empty(_lines(EMPTY_07_08)) == {"final.07", "final.08"}
    # an amount other than 0 under the title: the table has data, whatever a note says
    with_amount = EMPTY_07_08.replace("合计\n注：本部门无政府性基金", "合计 12.00\n注：本部门无政府性基金")
    assert printed_empty(_lines(with_amount)) == {"final.08"}
    # no note saying so: a table whose amounts may have gone elsewhere is not known to be empty
    assert printed_empty(_lines(EMPTY_07_08.replace("故本表无数据", "详见附表").replace("无国有", "有国有")
                                .replace("无政府", "有政府"))) == set()
    # the titles as entries of a list of the report's tables (目录), the empty tables after it: only
    # the tables themselves count
    listed = "八、政府性基金预算财政拨款收入支出决算表\n九、国有资本经营预算财政拨款收入支出决算表\n"
    assert printed_empty(_lines(listed + EMPTY_07_08.split("国有资本经营")[0])) == {"final.07"}


@pytest.mark.skipif(not (SHARED / "real-pdfs").is_dir(),
                    reason=f"the real PDFs are not available: {SHARED / 'real-pdfs'} is absent (../shared)")
@pytest.mark.parametrize("converter", ["pdftotext", "pdfminer"])
def test_the_04_table_of_a_real_report_in_flattened_text(tmp_path, converter):
    import converted  # pdftotext (poppler-utils) and pdfminer.six: installed by the project's files
    pdf = SHARED / "real-pdfs" / "shanghai-putuo-caizhengju-2024-juesuan.pdf"
    report = extract(converted.convert(pdf, converter, tmp_path))
    (t,) = [t for t in report.tables if t.template == "final.04"]
    cells = _cells(t)
    got = {k: f.value for k, f in cells.items()}
    both = ("合计", "一般公共预算财政拨款")
    # printed: 一般公共服务支出 2,106.66 | 2,106.66; 社会保障和就业支出 326.71; 卫生健康支出 60.99; 住房保障支出
    # 445.69; 本年支出合计 2,940.05; 年末 21.63; 总计 2,961.68 (合计 and 一般公共预算, the funds blank);
    # income 一般公共预算财政拨款 2,940.05 = 本年收入合计, 年初 21.63 (一般公共预算 21.63), 总计 2,961.68
    assert got == {
        ("一般公共预算财政拨款", "决算数"): Decimal("2940.05"),
        ("本年收入合计", "决算数"): Decimal("2940.05"),
        ("年初财政拨款结转和结余", "决算数"): Decimal("21.63"),
        ("一般公共预算财政拨款#2", "决算数"): Decimal("21.63"),
        ("总计", "决算数"): Decimal("2961.68"),
        **{("一般公共服务支出", c): Decimal("2106.66") for c in both},
        **{("社会保障和就业支出", c): Decimal("326.71") for c in both},
        **{("卫生健康支出", c): Decimal("60.99") for c in both},
        **{("住房保障支出", c): Decimal("445.69") for c in both},
        **{("本年支出合计", c): Decimal("2940.05") for c in both},
        **{("年末财政拨款结转和结余", c): Decimal("21.63") for c in both},
        **{("总计#2", c): Decimal("2961.68") for c in both},
    }
