"""Subject codes printed as the part that changes only (`201 一般公共服务支出` / `03 政府办公厅…` /
`01 行政运行`), completed from the 类 / 款 rows above (structure/code_tree.py), in converted text
(spaced rows, a cell stream) and in ruled tables (类 | 款 | 项 columns); and the shapes of the budget
reports that print them (…情况表 titles, a table continued under its title printed again, 部门 | 政府
经济分类 side by side). Every number below was added up by hand."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.datamodel import Cell, Document, GridBlock, Line, NLine
from extractor.evidence import policy
from extractor.evidence.cells import cell_code_field
from extractor.evidence.printed import is_table_preamble
from extractor.normalize import normalize
from extractor.structure.code_tree import CodeTree, confirm_by_sums
from extractor.structure.tables import build_table
from extractor.structure.templates import identify


def _extract(tmp_path, text: str, name: str = "t.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return extract(p)


def _codes(table) -> list:
    return [r.code.value if r.code is not None and r.code.value else r.name.value for r in table.rows]


def _row(table, code):
    return next(r for r in table.rows if r.code is not None and r.code.value == code)


# --- the tree --------------------------------------------------------------------------------

def test_a_part_is_placed_by_the_catalogue_name():
    tree = CodeTree()
    tree.whole("201", Decimal("700"))
    kuan = tree.part(["03"], "政府办公厅（室）及相关机构事务", first=Decimal("700"))
    assert kuan.code == "20103" and kuan.repair.status == "confirmed" and kuan.repair.by == "catalogue"
    item = tree.part(["01"], "行政运行", first=Decimal("450"))
    assert item.code == "2010301" and item.repair.status == "confirmed"
    # 08 under 201 with this name: another 款 of 201 (事业运行 would be 50 under 20103)
    other = tree.part(["08"], "审计事务", first=Decimal("10"))
    assert other.code == "20108" and "the 类 above" in other.repair.note


def test_a_part_the_catalogue_does_not_know_is_placed_by_the_sums_and_stays_unconfirmed():
    tree = CodeTree()
    tree.whole("213", Decimal("130"))
    kuan = tree.part(["88"], "某某专项事务", first=Decimal("100"))  # under a 类 only a 款 follows
    assert kuan.code == "21388" and kuan.repair.status == "unconfirmed"
    a = tree.part(["01"], "某某事项一", first=Decimal("60"))  # 100 not yet reached: a 项 of 21388
    b = tree.part(["02"], "某某事项二", first=Decimal("40"))
    assert (a.code, b.code) == ("2138801", "2138802")
    c = tree.part(["77"], "某某事项三", first=Decimal("30"))  # 21388 is whole (60 + 40): the next 款
    assert c.code == "21377"
    # the rows as a grid (code, name, amounts): 21388 = 2138801 + 2138802 confirms those three
    rows = []
    for done, name, value in ((kuan, "某某专项事务", "100.00"), (a, "某某事项一", "60.00"),
                              (b, "某某事项二", "40.00"), (c, "某某事项三", "30.00")):
        rows.append([Cell(text=done.code, orig=done.code[-2:], line=1, repairs=[done.repair]),
                     Cell(text=name, orig=name, line=1), Cell(text=value, orig=value, line=1)])
    confirm_by_sums(rows, 0)
    assert [r[0].repairs[0].status for r in rows] == ["confirmed", "confirmed", "confirmed", "unconfirmed"]
    assert rows[1][0].repairs[0].by == "sums"
    fields = [cell_code_field(r[0]) for r in rows]
    assert [f.confidence for f in fields] == [policy.CODE_FROM_PARENT] * 3 + [policy.CODE_FROM_PARENT_UNCONFIRMED]
    assert fields[3].raw == "77" and "printed '77'" in fields[3].notes[0]


def test_a_part_the_catalogue_names_otherwise_keeps_its_digits_with_a_doubt():
    tree = CodeTree()
    tree.whole("201", Decimal("50"))
    done = tree.part(["08"], "财政事务", level="款", first=Decimal("50"))  # 20108 is 审计事务; 财政事务 is 20106
    assert done.code == "20108" and done.repair.status == "doubt"
    assert "审计事务" in done.repair.note and "20106" in done.repair.note
    f = cell_code_field(Cell(text=done.code, orig="08", line=3, repairs=[done.repair]))
    assert f.value == "20108" and f.confidence == policy.CODE_FROM_PARENT_DOUBT < policy.REVIEW_THRESHOLD


def test_a_name_without_a_code_takes_the_catalogue_child_under_the_row_above():
    tree = CodeTree()
    assert tree.named("行政运行") is None  # no 类 / 款 above
    tree.whole("201")
    tree.whole("20103")
    assert tree.named("行政运行").code == "2010301"
    assert tree.named("审计事务").code == "20108"  # no child of 20103: the 类's
    assert tree.named("合计") is None
    f = cell_code_field(Cell(text="2010350", orig="", line=1, repairs=[tree.named("事业运行").repair]))
    assert f.value == "2010350" and f.confidence == policy.CODE_FROM_NAME and "no code printed" in f.notes[0]


# --- converted text: one row per line (pypdf, pdfplumber) --------------------------------------

HEAD_03 = """公开表3
支出总体情况表
部门（单位）：某某局 单位：万元
科目编码
科目名称 合计 基本支出 项目支出 结转下年
类 款 项
"""

SPACED_03 = HEAD_03 + """合 计 1,000.00 800.00 200.00
201 一般公共服务支出 700.00 500.00 200.00
03 政府办公厅（室）及相关机构事务 700.00 500.00 200.00
01 行政运行 450.00 450.00
02 一般行政管理事务 200.00 200.00
50 事业运行 50.00 50.00
208 社会保障和就业支出 300.00 300.00
05 行政事业单位养老支出 300.00 300.00
05 机关事业单位基本养老保 险缴费支出 200.00 200.00
— 11 —
""" + HEAD_03 + """06 机关事业单位职业年金缴费支出 100.00 100.00
公开表4
"""


def test_spaced_rows_printing_the_changed_part_get_whole_codes_across_a_page(tmp_path):
    report = _extract(tmp_path, SPACED_03)
    (t,) = [t for t in report.tables if t.method == "spaced"]
    assert t.template == "budget.expenditure"
    assert _codes(t) == ["合计", "201", "20103", "2010301", "2010302", "2010350", "208", "20805", "2080505",
                         "2080506"]  # the last one after the title, unit and header printed again
    r = _row(t, "2010301")
    assert r.code.raw == "01" and r.code.confidence == policy.CODE_FROM_PARENT
    assert r.code.repairs[0].kind == "code.from_parent" and "the 款 above" in r.code.notes[0]
    assert _row(t, "2080505").name.value == "机关事业单位基本养老保险缴费支出"
    assert _row(t, "20103").values["合计"].value == Decimal("700.00")
    assert _row(t, "2010302").values["项目支出"].value == Decimal("200.00")
    assert _row(t, "2080506").values["合计"].value == Decimal("100.00")


LAYOUT_05 = """                               一般公共预算支出情况表
部门（单位）：某某局                                                     单位：万元
   科目编码
                      科目名称        合计        基本支出       项目支出
类     款    项
                合    计            300.00       300.00
208             社会保障和就业支出          300.00       300.00
      05        行政事业单位养老支出         300.00       300.00
                  机关事业单位基本养老保
           05   险缴费支出               200.00       200.00
           06       机关事业单位职业年金缴费支出   100.00       100.00

注：本表反映一般公共预算支出情况。
"""


def test_layout_rows_with_a_name_begun_above_the_part(tmp_path):
    # the name's first piece is printed in every such table of a report (a running-header look-alike)
    text = LAYOUT_05 + "\n" + LAYOUT_05.replace("一般公共预算支出情况表", "支出总体情况表") + "\n" + \
        LAYOUT_05.replace("一般公共预算支出情况表", "收入总体情况表")
    report = _extract(tmp_path, text)
    t = next(t for t in report.tables if t.title == "一般公共预算支出情况表")
    assert t.template == "budget.general"
    assert _codes(t) == ["合计", "208", "20805", "2080505", "2080506"]
    assert _row(t, "2080505").name.value == "机关事业单位基本养老保险缴费支出"


def test_a_header_line_naming_as_many_words_as_a_row_prints_amounts_is_no_column_set(tmp_path):
    text = """政府采购预算表
部门（单位）：某某局 单位：万元
科目编码
财政专户管 使用非财政
科目名称 合计 一般公共预算 政府性基金预算 单位资金 上年结转
合计 5.80 5.80
201 一般公共服务支出 5.80 5.80
20103 政府办公厅（室）及相关机构事务 5.80 5.80
注：本表反映政府采购预算。
"""
    report = _extract(tmp_path, text)
    (t,) = [t for t in report.tables if t.method == "spaced"]
    assert "财政专户管" not in t.columns  # the 2-word line names two of the table's seven columns
    assert all(f.confidence < policy.REVIEW_THRESHOLD for r in t.rows for f in r.values.values() if f.value)


PAIRED_06 = """公开表6
一般公共预算基本支出情况表
部门（单位）：某某局 单位：万元
科目编码
部门预算支出经济分类科目名称
科目编码
政府预算支出经济分类科目名称
基本支出预算
类 款 类 款 小计 人员支出 日常公用支出
合计 300.00 250.00 50.00
301 工资福利支出 501 机关工资福利支出 250.00 250.00
301 01 基本工资 501 01 工资奖金津补贴 150.00 150.00
301 02 津贴补贴 501 01 工资奖金津补贴 100.00 100.00
302 商品和服务支出 502 机关商品和服务支出 50.00 50.00
302 01 办公费 502 01 办公经费 50.00 50.00
注：本表反映一般公共预算基本支出。
"""


def test_two_economic_classifications_side_by_side(tmp_path):
    report = _extract(tmp_path, PAIRED_06)
    (t,) = [t for t in report.tables if t.method == "spaced"]
    assert t.template == "budget.basic"
    assert _codes(t) == ["合计", "301", "30101", "30102", "302", "30201"]
    r = _row(t, "30101")
    assert r.name.value == "基本工资"
    assert r.values["政府预算支出经济分类科目编码"].value == "50101"  # a code: text, no amount
    assert r.values["政府预算支出经济分类科目名称"].value == "工资奖金津补贴"
    # the column set 基本支出预算 (小计 人员支出 日常公用支出), named as the PDF route names it
    assert r.values["基本支出预算/小计"].value == Decimal("150.00")


# --- converted text: one cell per line (PyMuPDF) -----------------------------------------------

def test_a_cell_stream_with_parts_alone_and_the_total_label_spaced_apart(tmp_path):
    head = ["公开表3", "支出总体情况表", "部门（单位）：某某局", "单位：万元", "科目编码", "科目名称", "合计", "基本支出",
            "项目支出", "结转下年", "类", "款", "项"]
    cells = ["合", "计", "1,000.00", "800.00", "200.00",
             "201", "一般公共服务支出", "700.00", "500.00", "200.00",
             "03", "政府办公厅（室）及相关机构事务", "700.00", "500.00", "200.00",
             "01", "行政运行", "450.00", "450.00",
             "02", "一般行政管理事务", "200.00", "200.00",
             "50", "事业运行", "50.00", "50.00",
             "208", "社会保障和就业支出", "300.00", "300.00",
             "05", "行政事业单位养老支出", "300.00", "300.00",
             "05", "机关事业单位基本养老保", "险缴费支出", "200.00", "200.00",
             "06", "机关事业单位职业年金缴", "费支出", "100.00", "100.00"]
    report = _extract(tmp_path, "\n".join(head + cells + ["注：本表反映支出总体情况。"]) + "\n")
    (t,) = [t for t in report.tables if t.method == "row-stream"]
    assert _codes(t) == ["合计", "201", "20103", "2010301", "2010302", "2010350", "208", "20805", "2080505",
                         "2080506"]
    assert _row(t, "2080506").name.value == "机关事业单位职业年金缴费支出"
    assert _row(t, "2010302").code.confidence == policy.CODE_FROM_PARENT
    assert next(r for r in t.rows if r.name.value == "合计").values["合计"].value == Decimal("1000.00")


# --- ruled tables (the PDF route's 类 | 款 | 项 columns) --------------------------------------------

def _grid(rows: list[list[str]]) -> GridBlock:
    cells = [[Cell(text=x, orig=x, line=None, page=1) for x in r] for r in rows]
    title = NLine(text="支出总体情况表", orig="支出总体情况表", no=None, page=1)
    return GridBlock(rows=cells, first_line=1, last_line=1, method="lattice", preamble=[title])


def test_ruled_columns_that_print_the_changed_part_and_a_name_without_code():
    t = build_table(_grid([
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["类", "款", "项", "", "", "", ""],
        ["", "", "", "合计", "700.00", "500.00", "200.00"],
        ["201", "", "", "一般公共服务支出", "700.00", "500.00", "200.00"],
        ["", "03", "", "政府办公厅（室）及相关机构事务", "700.00", "500.00", "200.00"],
        ["", "", "01", "行政运行", "450.00", "450.00", ""],
        ["", "", "", "一般行政管理事务", "200.00", "", "200.00"],
        ["", "", "50", "事业运行", "50.00", "50.00", ""],
    ]))
    assert _codes(t) == ["合计", "201", "20103", "2010301", "2010302", "2010350"]
    assert _row(t, "20103").code.confidence == policy.CODE_FROM_PARENT and _row(t, "20103").level == "款"
    named = _row(t, "2010302")
    assert named.code.confidence == policy.CODE_FROM_NAME and named.code.repairs[0].kind == "code.from_name"
    assert _row(t, "2010350").values["合计"].value == Decimal("50.00")
    # a part with no 类 / 款 row above it in its table (a page's rows, not joined) is completed only
    # where the catalogue has one 项 of that name ending in the digits (事业单位医疗: 2101102), as a
    # guess by name; 行政运行 ends in 01 under nearly every 款, so it keeps no code
    t = build_table(_grid([
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["类", "款", "项", "", "", "", ""],
        ["", "", "02", "事业单位医疗", "22.75", "22.75", ""],
        ["", "", "01", "行政运行", "10.00", "10.00", ""],
        ["221", "", "", "住房保障支出", "204.86", "204.86", ""],
    ]))
    assert t.rows[0].code.value == "2101102" and t.rows[0].name.value == "事业单位医疗"
    assert t.rows[0].code.confidence == policy.CODE_FROM_NAME and t.rows[0].code.repairs[0].kind == "code.from_name"
    # under that guess, a part is completed only where the catalogue names the code so (2101101 is
    # 行政单位医疗, not 行政运行): none here
    assert t.rows[1].code is None and t.rows[1].name.value == "行政运行"
    assert t.rows[2].code.value == "221"


def test_a_value_column_of_codes_holds_text():
    rows = [["科目编码", "部门预算支出经济分类科目名称", "科目编码", "政府预算支出经济分类科目名称", "合计"],
            ["30101", "基本工资", "50101", "工资奖金津补贴", "150.00"]]
    cells = [[Cell(text=x, orig=x, line=None, page=1) for x in r] for r in rows]
    title = NLine(text="基本支出预算情况表", orig="基本支出预算情况表", no=None, page=1)
    t = build_table(GridBlock(rows=cells, first_line=1, last_line=1, method="lattice", preamble=[title]))
    (r,) = t.rows
    assert r.code.value == "30101" and r.values["科目编码"].value == "50101"
    assert r.values["合计"].value == Decimal("150.00")


# --- the shapes around them --------------------------------------------------------------------

def test_budget_titles_that_say_qingkuang_name_the_standard_tables():
    ids = {title: (identify(title, "") or None) and identify(title, "").id for title in (
        "收支总体情况表", "收入总体情况表", "支出总体情况表", "财政拨款收支总体情况表", "一般公共预算支出情况表",
        "一般公共预算基本支出情况表", "一般公共预算“三公”经费支出情况表", "政府性基金预算支出情况表")}
    assert ids == {"收支总体情况表": "budget.total", "收入总体情况表": "budget.income",
                   "支出总体情况表": "budget.expenditure", "财政拨款收支总体情况表": "budget.fiscal_total",
                   "一般公共预算支出情况表": "budget.general", "一般公共预算基本支出情况表": "budget.basic",
                   "一般公共预算“三公”经费支出情况表": "budget.three_public",
                   "政府性基金预算支出情况表": "budget.fund"}
    assert is_table_preamble("部门（单位）：某某局") and is_table_preamble("公开表2")


HEAD_04 = """公开表4
财政拨款收支总体情况表
部门（单位）：某某局 单位：万元
收 入 支 出
项目 预算数 项目
预算数
总计 一般公共预算 政府性基金预算 国有资本经营预算
"""


def test_two_sides_continued_under_their_title_and_header_printed_again(tmp_path):
    text = HEAD_04 + """一、一般公共预算收入 1,000.00 一、一般公共服务支出 700.00 700.00
二、政府性基金预算收入 二、外交支出
三、国有资本经营预算收入 三、社会保障和就业支出 300.00 300.00
— 13 —
""" + HEAD_04 + """四、其他支出
本 年 收 入 合 计 1,000.00 本 年 支 出 合 计 1,000.00 1,000.00
上年结转 结转下年
收 入 总 计 1,000.00 支 出 总 计 1,000.00 1,000.00
"""
    report = _extract(tmp_path, text)
    (t,) = [t for t in report.tables if t.template == "budget.fiscal_total"]
    names = [r.name.value for r in t.rows]
    assert "结转下年" in names and "支出总计" in names and "收入总计" in names
    total = next(r for r in t.rows if r.name.value == "支出总计")
    assert total.values["总计"].value == Decimal("1000.00")


def test_a_toc_whose_first_heading_is_broken_by_blank_lines_ends_there():
    text = "\n".join(["某某局2026年部门预算", "目  录", "第一部分 部门概况", "一、主要职责", "第二部分 部门预算表",
                      "一、收支总体情况表", "— 1 —", "第一部分", " ", " ", "部门概况", "一、主要职责",
                      "（一）负责本部门的工作，组织实施有关的政策和规划。", "（二）完成上级交办的其他任务。",
                      "收入总体情况表", "科目编码 科目名称 合计 财政拨款收入 财政专户管理资金收入 事业收入 事业单位经营收入 其他收入 上级补助收入"])
    lines = [Line(text=t, no=i) for i, t in enumerate(text.split("\n"), start=1)]
    nd = normalize(Document(path="t", sha256="0", format="text", route="text", lines=lines))
    kept = [ln.text for ln in nd.lines]
    assert "（一）负责本部门的工作，组织实施有关的政策和规划。" in kept and "部门概况" in kept
    assert "第二部分 部门预算表" not in kept  # the TOC's entries are gone


def test_parts_whose_names_are_printed_around_them_and_a_page_that_opens_with_a_name_piece(tmp_path):
    # pdfplumber: a long name broken around its code line, which prints the part and the amounts only
    head = """公开表2
收入总体情况表
部门（单位）：某某局 单位：万元
科目编码 财政拨款收入
科目名称 合计 其他收入
类 款 项 小计
"""
    text = head + """合 计 300.00 300.00
208 社会保障和就业支出 300.00 300.00
05 行政事业单位养老支出 300.00 300.00
01 行政单位离退休 100.00 100.00
机关事业单位基本养老保
05 150.00 150.00
险缴费支出
— 10 —
""" + head + """其他行政事业单位养老支
99 50.00 50.00
出
注：本表反映收入总体情况。
"""
    # the broken name's first pieces printed often (running-header look-alikes), as in a report:
    # the same rows in two more tables, their amounts doubled
    other = text
    for a in ("300.00", "100.00", "150.00", "50.00"):
        other = other.replace(a, f"{2 * Decimal(a):.2f}")
    text = text + "\n" + other.replace("收入总体情况表", "支出总体情况表").replace("公开表2", "公开表3") + "\n" + \
        other.replace("收入总体情况表", "一般公共预算支出情况表").replace("公开表2", "公开表5")
    report = _extract(tmp_path, text)
    t = next(t for t in report.tables if t.title == "收入总体情况表")
    assert _codes(t) == ["合计", "208", "20805", "2080501", "2080505", "2080599"]
    assert _row(t, "2080505").name.value == "机关事业单位基本养老保险缴费支出"
    assert _row(t, "2080599").name.value == "其他行政事业单位养老支出"
    assert _row(t, "2080599").code.confidence == policy.CODE_FROM_PARENT
    assert _row(t, "2080599").values["合计"].value == Decimal("50.00")


def test_two_subjects_side_by_side_in_a_cell_stream_and_a_first_name_printed_around(tmp_path):
    head = ["公开表6", "一般公共预算基本支出情况表", "部门（单位）：某某局", "单位：万元", "科目编码", "部门预算支出经济分类科目名称",
            "科目编码", "政府预算支出经济分类科目名称", "基本支出预算", "类", "款", "类", "款", "小计", "人员支出", "日常公用支出"]
    cells = ["合计", "300.00", "250.00", "50.00",
             "301", "工资福利支出", "501", "机关工资福利支出", "250.00", "250.00",
             "301", "01", "基本工资", "501", "01", "工资奖金津补贴", "150.00", "150.00",
             "301", "02", "津贴补贴", "501", "01", "工资奖金津补贴", "100.00", "100.00",
             "302", "商品和服务支出", "502", "机关商品和服务支出", "50.00", "50.00",
             "302", "01", "办公费", "502", "01", "办公经费", "50.00", "50.00"]
    report = _extract(tmp_path, "\n".join(head + cells + ["注：本表反映一般公共预算基本支出。"]) + "\n")
    (t,) = [t for t in report.tables if t.method == "row-stream"]
    assert _codes(t) == ["合计", "301", "30101", "30102", "302", "30201"]
    assert _row(t, "30102").values["政府预算支出经济分类科目编码"].value == "50101"
    assert _row(t, "30102").values["政府预算支出经济分类科目名称"].value == "工资奖金津补贴"
    # one row per line (pdfplumber): the first name broken around the line that prints both codes
    spaced = PAIRED_06.replace("301 02 津贴补贴 501 01 工资奖金津补贴 100.00 100.00",
                               "机关事业单位基本养老保\n301 08 501 02 社会保障缴费 100.00 100.00\n险缴费")
    report = _extract(tmp_path, spaced, "s.txt")
    (t,) = [t for t in report.tables if t.method == "spaced"]
    r = _row(t, "30108")
    assert r.name.value == "机关事业单位基本养老保险缴费"
    assert (r.values["政府预算支出经济分类科目编码"].value, r.values["基本支出预算/小计"].value) == ("50102", Decimal("100.00"))


def test_an_amount_run_into_the_next_side_label_is_two_cells(tmp_path):
    text = """公开表1
收支总体情况表
部门（单位）：某某局 单位：万元
收 入 支 出
项目 预算数 项目 预算数
一、财政拨款收入 900.00 一、一般公共服务支出 700.00
二、其他收入 100.00二、卫生健康支出 300.00
本 年 收 入 合 计 1,000.00 本 年 支 出 合 计 1,000.00
收 入 总 计 1,000.00 支 出 总 计 1,000.00
"""
    report = _extract(tmp_path, text)
    (t,) = [t for t in report.tables if t.template == "budget.total"]
    names = [r.name.value for r in t.rows]
    assert "其他收入" in names and "卫生健康支出" in names and not any("100.00" in n for n in names)
    assert next(r for r in t.rows if r.name.value == "其他收入").values["预算数"].value == Decimal("100.00")
    assert next(r for r in t.rows if r.name.value == "卫生健康支出").values["预算数"].value == Decimal("300.00")
