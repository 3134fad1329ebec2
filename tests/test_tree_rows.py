"""Tables by project with blank cells absent in pypdf text (issue 11, spaced_tree.py): Shandong's
项目支出预算情况表 — `项目名称 项目类别 合计 | 财政拨款 (小计 + funds) | other sources`, the funds printed on
a line of their own after the other sources. The fixture is a small hand-written copy of the shape;
every amount was checked by hand: 合计 = 小计 + the other sources, 小计 = the funds."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.datamodel import NLine, Report, Row, Table
from extractor.structure import spaced_tree

CONFIDENT = 0.9

PROJECTS = """公开表11
项目支出预算情况表
部门（单位）：某某市某某局 单位：万元
项目名称 项目类别 合计
财政拨款
财政专户管
理资金 单位资金 使用非财政 拨款结余 上年结转 小计 一般公共预 算 政府性基金 预算 国有资本经 营预算
合　计  1,251.50  1,200.00  800.00  400.00  51.50
业务工作经费 其他运转类  800.00  800.00  800.00
专项建设补助 特定目标类  400.00  400.00  400.00
信息系统运维经费 其他运转类  51.50  51.50
— 24 —
公开表12
政府采购预算表
"""


def _report(tmp_path, text: str) -> Report:
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    return extract(p, ner=False)


def _table(report: Report) -> Table:
    hits = [t for t in report.tables if "项目支出" in (t.title or "")]
    assert len(hits) == 1, [(t.title, t.method) for t in report.tables]
    return hits[0]


def _row(table: Table, name: str) -> Row:
    return next(r for r in table.rows if r.name.value == name)


def test_projects_placed_by_the_column_sums(tmp_path):
    r = _report(tmp_path, PROJECTS)
    t = _table(r)
    assert t.method == "spaced-tree" and len(t.rows) == 4
    assert not [p for p in r.problems if "found but not read" in p.message]
    total = _row(t, "合计")
    assert total.values["合计"].value == Decimal("1251.50") and total.values["合计"].confidence >= CONFIDENT
    # 1,200.00 = 800.00 + 400.00: the 财政拨款 subtotal whatever the columns' order
    assert total.values["财政拨款/小计"].value == Decimal("1200.00")
    assert total.values["财政拨款/小计"].confidence >= CONFIDENT
    # two of the three funds, and one of the four other sources: which ones no sum tells
    others = [f for c, f in total.values.items() if c not in ("合计", "财政拨款/小计") and isinstance(f.value, Decimal)]
    assert sorted(f.value for f in others) == [Decimal("51.50"), Decimal("400.00"), Decimal("800.00")]
    assert all(f.confidence < CONFIDENT for f in others)
    work = _row(t, "业务工作经费")
    assert work.values["项目类别"].value == "其他运转类"
    assert work.values["合计"].value == Decimal("800.00") and work.values["合计"].confidence >= CONFIDENT
    assert work.values["财政拨款/小计"].value == Decimal("800.00")
    assert work.values["财政拨款/小计"].confidence >= CONFIDENT
    # 51.50 51.50: the second amount is no subtotal (no fund follows it): an other source, to review
    ops = _row(t, "信息系统运维经费")
    assert ops.values["财政拨款/小计"].value is None
    second = [f for c, f in ops.values.items() if c != "合计" and isinstance(f.value, Decimal)]
    assert [f.value for f in second] == [Decimal("51.50")] and second[0].confidence < CONFIDENT


def _lines(text: str) -> list[NLine]:
    return [NLine(text=t, orig=t, no=k + 1) for k, t in enumerate(text.split("\n"))]


def test_declines_other_words_and_sums_that_fail():
    assert spaced_tree.TreeRowsReader().starts(_lines(PROJECTS), 3)
    other = _lines(PROJECTS.replace("上年结转 小计", "上年结转 绩效目标 小计"))
    assert not spaced_tree.TreeRowsReader().starts(other, 3)
    wrong = _lines(PROJECTS.replace("1,200.00  800.00", "1,200.00  810.00"))
    assert not spaced_tree.TreeRowsReader().starts(wrong, 3)


# --- by unit and project, no 小计 (Zhejiang's 项目支出预算表: 总计 = every other column) -------------

BY_UNIT = """表10：2026年市级部门项目支出预算表
部门名称：某某市某某局 单位：万元
单位名称 项目名称 总计
财政拨款收入
财政专户
管理资金
单位资金
一般公共预算 政府性基金 国有资本 经营预算
** ** 1 2 3 4 5 6
合计 1,530.00 1,200.00 300.00 30.00
某某市某某局 日常保障运行 1,000.00 1,000.00
某某市某某局 行业管理服务 500.00 200.00 300.00
某某市某某技工学校（某某
分校） 教学管理经费 30.00 30.00
表11：2026年市级部门项目支出绩效表
"""


def test_projects_by_unit_without_subtotal(tmp_path):
    t = _table(_report(tmp_path, BY_UNIT))
    assert t.method == "spaced-tree" and len(t.rows) == 4
    # the project names the row, the unit (its first column) is a text column (project_rows.py)
    run = next(r for r in t.rows if r.name.value == "日常保障运行")
    assert run.values["单位名称"].value == "某某市某某局"
    assert run.values["合计"].value == Decimal("1000.00") and run.values["合计"].confidence >= CONFIDENT
    # 合计 = every other column: which fund or source holds the rest no sum tells (to review)
    rest = [f for c, f in run.values.items() if c != "合计" and isinstance(f.value, Decimal)]
    assert [f.value for f in rest] == [Decimal("1000.00")] and rest[0].confidence < CONFIDENT
    school = _row(t, "教学管理经费")
    assert school.values["单位名称"].value == "某某市某某技工学校（某某分校）"
    assert school.values["合计"].value == Decimal("30.00")
    total = _row(t, "合计")
    assert total.values["合计"].value == Decimal("1530.00") and total.values["合计"].confidence >= CONFIDENT
    assert all(f.confidence < CONFIDENT for c, f in total.values.items() if c != "合计" and isinstance(f.value, Decimal))


# --- the same table as pdfplumber / -layout print it (issue 11, converted text) ----------------------
# The header's words of two levels come broken: `财政专户` above the main line, `管理资金` below it, and
# `国有资本` / `经营预算` likewise; a unit's name too long for its cell is centred on its row, its head
# above the row (`某某市某某技工学校（某某`) and its tail below (`分校）`). Amounts checked by hand:
# 合计 1,530.00 = 1,200.00 + 300.00 + 30.00; each row's 总计 = the sum of its other amounts.

BY_UNIT_PLUMBER = """表10：2026年市级部门项目支出预算表
部门名称：某某市某某局 单位：万元
财政拨款收入
财政专户
单位名称 项目名称 总计 单位资金
国有资本
管理资金
一般公共预算 政府性基金
经营预算
** ** 1 2 3 4 5 6
合计 1,530.00 1,200.00 300.00 30.00
某某市某某局 日常保障运行 1,000.00 1,000.00
某某市某某局 行业管理服务 470.00 170.00 300.00
某某市某某技工学校（某某
日常保障运行 30.00 30.00
分校）
某某市某某技工学校（某某
教学管理经费 30.00 30.00
分校）
注：本表反映项目支出预算情况。
"""


def test_interleaved_header_and_centred_unit_names(tmp_path):
    t = _table(_report(tmp_path, BY_UNIT_PLUMBER))
    assert t.method == "spaced-tree" and len(t.rows) == 5
    assert set(t.columns) >= {"合计", "单位资金", "财政专户管理资金", "财政拨款/国有资本经营预算"}
    school = [r for r in t.rows if r.values["单位名称"].value == "某某市某某技工学校（某某分校）"]
    assert [r.name.value for r in school] == ["日常保障运行", "教学管理经费"]
    assert all(r.values["合计"].value == Decimal("30.00") and r.values["合计"].confidence >= CONFIDENT
               for r in school)
    trade = next(r for r in t.rows if r.name.value == "行业管理服务")
    assert trade.values["单位名称"].value == "某某市某某局"
    assert trade.values["合计"].value == Decimal("470.00") and trade.values["合计"].confidence >= CONFIDENT
    # where 170.00 and 300.00 stand no sum tells (the header's broken words stand anywhere): to review,
    # and so is every cell they might stand in, blank or not
    rest = [f for c, f in trade.values.items() if c not in ("合计", "单位名称")]
    assert sorted(f.value for f in rest if f.value is not None) == [Decimal("170.00"), Decimal("300.00")]
    assert all(f.confidence < CONFIDENT for f in rest)


def test_broken_header_words_rejoined_in_print_order():
    got = spaced_tree._rejoined("国有资本经营 财政专户管理 单位名称 项目名称 总计 一般公共预算 单位资金 预算 资金")
    assert got is not None and got[1] == ["国有资本经营预算", "财政专户管理资金"]
    # a piece that completes no word: not a header of this tree
    assert spaced_tree._rejoined("财政专户 单位名称 项目名称 总计 单位资金 绩效") is None
    assert spaced_tree._tree("财政专户 单位名称 项目名称 总计 一般公共预算 单位资金 绩效") is None


# The same table as pdfplumber prints it: the spanning 财政拨款 on a line of its own, then the
# heads of four broken words over the main line, their tails under it, and 政府性基金 printed whole
# with its `预算` on the last line (five words to join: 财政专户管理资金, 使用非财政拨款结余,
# 一般公共预算, 国有资本经营预算, 政府性基金预算). Sums as in PROJECTS.
PROJECTS_PLUMBER = """公开表11
项目支出预算情况表
部门（单位）：某某市某某局 单位：万元
财政拨款
财政专户管 使用非财政
项目名称 项目类别 合计 单位资金 上年结转
一般公共预 政府性基金 国有资本经 理资金 拨款结余
小计
算 预算 营预算
合 计 1,251.50 1,200.00 800.00 400.00 51.50
业务工作经费 其他运转类 800.00 800.00 800.00
专项建设补助 特定目标类 400.00 400.00 400.00
信息系统运维经费 其他运转类 51.50 51.50
—24—
公开表12
政府采购预算表
"""


def test_header_with_many_broken_words_and_a_whole_word_with_its_tail_apart(tmp_path):
    got = spaced_tree._rejoined("财政拨款 财政专户管 使用非财政 项目名称 项目类别 合计 单位资金 上年结转 一般公共预 政府性基金 "
                                "国有资本经 理资金 拨款结余 小计 算 预算 营预算")
    assert got is not None
    # in the order of their heads
    assert got[1] == ["财政专户管理资金", "使用非财政拨款结余", "一般公共预算", "政府性基金预算", "国有资本经营预算"]
    r = _report(tmp_path, PROJECTS_PLUMBER)
    t = _table(r)
    assert t.method == "spaced-tree" and len(t.rows) == 4
    total = _row(t, "合计")
    assert total.values["合计"].value == Decimal("1251.50") and total.values["合计"].confidence >= CONFIDENT
    assert total.values["财政拨款/小计"].value == Decimal("1200.00")
    work = _row(t, "业务工作经费")
    assert work.values["合计"].value == Decimal("800.00") and work.values["合计"].confidence >= CONFIDENT
    ops = _row(t, "信息系统运维经费")
    second = [f for c, f in ops.values.items() if c != "合计" and isinstance(f.value, Decimal)]
    assert [f.value for f in second] == [Decimal("51.50")] and second[0].confidence < CONFIDENT
