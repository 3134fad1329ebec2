"""Settling the order of alike part columns a reader guessed (validate/column_order.py): evidence that
is no such guess settles it (the cells leave review); evidence against it, or none, leaves the doubt."""
from __future__ import annotations

from decimal import Decimal

from extractor import Options, extract
from extractor.datamodel import Field, Repair, Report, Row, SourceInfo, Table, make_field
from extractor.validate import validate
from extractor.validate.column_order import settle_column_order

NOTE = "注：本表反映本部门本年度一般公共预算基本支出情况。"


def _economic_text(first_part: list[str], second_part: list[str]) -> str:
    """A 经济分类 基本支出 table as pdfminer.six prints it: codes, names, then each amount column.
    By hand: 301 = 30101 + 30102 = 60 + 40 = 100 (人员经费); 302 = 30201 = 15 (公用经费); 合计 = 115."""
    return "\n".join([
        "2026年部门一般公共预算基本支出部门预算经济分类预算表", "单位：元", "部门预算支出经济分类科目", "一般公共预算基本支出",
        "科目编码", "科目名称", "合计", "人员经费", "公用经费", "合计",
        "301", "工资福利支出", "30101 基本工资", "30102 津贴补贴", "302", "商品和服务支出", "30201 办公费",
        "115.00", "100.00", "60.00", "40.00", "15.00", "15.00"] + first_part + second_part + [NOTE])


PERSONNEL = ["100.00", "100.00", "60.00", "40.00", "0", "0"]  # the 合计 row first, then 301 30101 30102 302 30201
PUBLIC = ["15.00", "0", "0", "0", "15.00", "15.00"]


def _extract(tmp_path, text: str):
    f = tmp_path / "t.txt"
    f.write_text(text, encoding="utf-8")
    return extract(f, Options(ner=False))


def _rows(table) -> dict:
    return {(r.code.value if r.code and r.code.value else r.name.value): r.values for r in table.rows}


def test_the_rows_classes_settle_personnel_and_public_columns(tmp_path):
    got = _extract(tmp_path, _economic_text(PERSONNEL, PUBLIC))
    t = next(t for t in got.tables if t.method == "column-runs")
    rows = _rows(t)
    assert rows["30101"]["一般公共预算基本支出/人员经费"].value == Decimal("60.00")
    assert rows["302"]["一般公共预算基本支出/公用经费"].value == Decimal("15.00")
    for code in ("合计", "301", "30101", "30102", "302", "30201"):
        for col in ("一般公共预算基本支出/人员经费", "一般公共预算基本支出/公用经费"):
            f = rows[code][col]
            assert f.confidence >= 0.9, (code, col, f)
            assert [(r.kind, r.status) for r in f.repairs] == [("layout.column_order", "confirmed")]
            assert "经济分类 classes" in f.repairs[0].by
            assert not any("column uncertain" in n for n in f.notes)
    assert not any("column" in i.why for i in got.review)


def test_rows_against_the_printed_order_leave_the_doubt_and_say_so(tmp_path):
    # the text prints the 公用经费 amounts first: read in print order, 301's 100.00 lands under 公用经费
    got = _extract(tmp_path, _economic_text(PUBLIC, PERSONNEL))
    t = next(t for t in got.tables if t.method == "column-runs")
    f = _rows(t)["301"]["一般公共预算基本支出/公用经费"]
    assert f.value == Decimal("100.00") and f.confidence < 0.8
    assert f.repairs[0].status == "unconfirmed"
    assert any(n.startswith("column order contradicted by the rows' 经济分类 classes") for n in f.notes)
    paths = {i.path for i in got.review}
    assert any("公用经费" in p for p in paths) and any("人员经费" in p for p in paths)


# --- tables built by hand: the evidence of other tables' totals -----------------------------------

def _field(v: str, guessed: bool, confidence: float = 0.97) -> Field:
    if not guessed:
        return make_field(value=Decimal(v) if v else None, raw=v, confidence=confidence)
    r = Repair(kind="layout.column_order", note="column uncertain", status="unconfirmed")
    f = make_field(value=Decimal(v) if v else None, raw=v, confidence=0.6, notes=[r.describe()])
    f.repairs = [r]
    return f


def _table(template: str, columns: list[str], rows: list[tuple], unit: str = "元", guessed: bool = True) -> Table:
    """rows: (code or None, name, [values]); every column after the first a guessed one."""
    out = []
    for code, name, values in rows:
        out.append(Row(code=make_field(value=code, raw=code, confidence=0.97) if code else None,
                       name=make_field(value=name, raw=name, confidence=0.97),
                       values={c: _field(v, guessed and k > 0) for k, (c, v) in enumerate(zip(columns, values))}))
    return Table(template=template, title=template, unit=unit, columns=columns, rows=out)


# 功能分类 table by hand: 2010101 = 基本 30 + 项目 20 = 50; 2010102 = 项目 70; 201 = 20101 = 合计 = 120 = 30 + 90
GENERAL = [("201", "一般公共服务支出", ["120.00", "30.00", "90.00"]),
           ("20101", "人大事务", ["120.00", "30.00", "90.00"]),
           ("2010101", "行政运行", ["50.00", "30.00", "20.00"]),
           ("2010102", "一般行政管理事务", ["70.00", "", "70.00"]),
           (None, "合计", ["120.00", "30.00", "90.00"])]
GENERAL_COLUMNS = ["一般公共预算支出/合计", "一般公共预算支出/基本支出", "一般公共预算支出/项目支出"]
BASIC_COLUMNS = ["一般公共预算基本支出/合计", "一般公共预算基本支出/人员经费", "一般公共预算基本支出/公用经费"]


def _report(*tables: Table, unit=None, totals=None) -> Report:
    r = Report(source=SourceInfo(path="t", sha256="0", format="text", route="text"), tables=list(tables), unit=unit)
    r.totals.update(totals or {})
    return r


def _basic(total: str) -> Table:
    return _table("budget.basic", BASIC_COLUMNS, [("301", "工资福利支出", [total, total, ""]),
                                                  (None, "合计", [total, total, ""])], guessed=False)


def test_the_basic_tables_total_settles_the_functional_tables_basic_column():
    general = _table("budget.general", GENERAL_COLUMNS, GENERAL)
    report = _report(general, _basic("30.00"))
    validate(report)
    for r in general.rows:
        for c in GENERAL_COLUMNS[1:]:
            f = r.values[c]
            assert f.repairs[0].status == "confirmed" and "the 合计 of budget.basic" in f.repairs[0].by
            if f.value is not None:
                assert f.confidence >= 0.9
    assert not any("基本支出" in i.path or "项目支出" in i.path for i in report.review)


def test_a_basic_total_that_fits_the_other_column_or_none_leaves_the_doubt():
    for total in ("90.00", "55.00"):  # the 项目支出 column's total; neither column's
        general = _table("budget.general", GENERAL_COLUMNS, GENERAL)
        validate(_report(general, _basic(total)))
        f = general.rows[0].values["一般公共预算支出/基本支出"]
        assert f.confidence < 0.8 and f.repairs[0].status == "unconfirmed"
        assert any("contradicted" in n for n in f.notes) == (total == "90.00")
    general = _table("budget.general", GENERAL_COLUMNS, GENERAL)  # no evidence at all
    validate(_report(general))
    assert all(r.values[c].repairs[0].status == "unconfirmed" for r in general.rows for c in GENERAL_COLUMNS[1:])


def test_a_guessed_total_is_no_evidence():
    # the 基本支出 table's own total read under a guess (an open repair): it settles nothing
    general = _table("budget.general", GENERAL_COLUMNS, GENERAL)
    basic = _table("budget.basic", BASIC_COLUMNS, [(None, "合计", ["30.00", "30.00", ""])], guessed=False)
    basic.rows[0].values[BASIC_COLUMNS[0]] = _field("30.00", True)
    settle_column_order(_report(general, basic))
    assert all(r.values[c].repairs[0].status == "unconfirmed" for r in general.rows for c in GENERAL_COLUMNS[1:])


INCOME_COLUMNS = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
# 收入决算表 by hand: 2010601 = 财政拨款 1511.89 + 0.01 (other); 2010602 = 10.00 + 6.19; 2010607 = 1418.16
# 财政拨款; 合计 = 2946.25 = 1511.90 + 16.19 + 1418.16 = 财政拨款 2940.05 + other 6.20.
# The text printed two amount columns; the reader took them as the first two 收入 columns.
INCOME = [("2010601", "行政运行", ["1511.90", "1511.89", "0.01", "", "", "", ""]),
          ("2010602", "一般行政管理事务", ["16.19", "10.00", "6.19", "", "", "", ""]),
          ("2010607", "信息化建设", ["1418.16", "1418.16", "", "", "", "", ""]),
          (None, "合计", ["2946.25", "2940.05", "6.20", "", "", "", ""])]


def test_a_narrative_total_settles_only_the_column_it_names():
    # the narrative's 财政拨款收入 2940.05万元 places the first column; which of the five others holds
    # the 6.20 (上级补助 or 其他收入 …) nothing says: those cells stay to review
    income = _table("final.02", INCOME_COLUMNS, INCOME, unit="万元")
    fiscal = make_field(value=Decimal("2940.05"), raw="2940.05", confidence=0.95)
    settle_column_order(_report(income, unit="万元", totals={"fiscal_appropriation_income": fiscal}))
    rows = _rows(income)
    assert rows["合计"]["财政拨款收入"].repairs[0].status == "confirmed"
    assert rows["合计"]["财政拨款收入"].confidence >= 0.9
    assert "the narrative's 财政拨款收入 2940.05万元" in rows["2010601"]["财政拨款收入"].repairs[0].by
    assert rows["合计"]["上级补助收入"].repairs[0].status == "unconfirmed"
    assert rows["合计"]["上级补助收入"].confidence < 0.8
    # a table in 元 against the narrative in 万元: compared as the narrative rounds (29,400,512.34 元 =
    # 2940.05万 to the cent of a 万; 2010607 = 14,181,612.34 carries the 12.34)
    in_yuan = [(c, n, [str(Decimal(v) * 10000) if v else "" for v in vals]) for c, n, vals in INCOME]
    in_yuan[2] = ("2010607", "信息化建设", ["14181612.34", "14181612.34", "", "", "", "", ""])
    in_yuan[-1] = (None, "合计", ["29462512.34", "29400512.34", "62000.00", "", "", "", ""])
    income = _table("final.02", INCOME_COLUMNS, in_yuan, unit="元")
    settle_column_order(_report(income, unit="万元", totals={"fiscal_appropriation_income": fiscal}))
    assert _rows(income)["合计"]["财政拨款收入"].repairs[0].status == "confirmed"


def test_a_summary_tables_income_lines_settle_every_income_column():
    # 收入预算总表: only 财政拨款收入 holds amounts; the 财务收支预算总表 prints 财政拨款收入 200.00 and
    # 事业收入 / 事业单位经营收入 / 其他收入 0: every order that moves the amounts elsewhere fails it
    cols = ["收入预算/合计", "收入预算/财政拨款收入", "收入预算/事业收入", "收入预算/事业单位经营收入", "收入预算/其他收入"]
    income = _table("budget.income", cols, [("204", "公共安全支出", ["200.00", "200.00", "0", "0", "0"]),
                                            (None, "合计", ["200.00", "200.00", "0", "0", "0"])])
    summary = _table("budget.total", ["预算数"], [(None, "财政拨款收入", ["200.00"]), (None, "事业收入", ["0"]),
                                                 (None, "事业单位经营收入", ["0"]), (None, "其他收入", ["0"]),
                                                 (None, "收入总计", ["200.00"])], guessed=False)
    settle_column_order(_report(summary, income))
    assert all(f.repairs[0].status == "confirmed" for r in income.rows for c, f in r.values.items() if c != cols[0])
    assert "the income lines of budget.total" in income.rows[0].values[cols[1]].repairs[0].by
    # the summary in another unit: no comparison, the doubt stays
    income2 = _table("budget.income", cols, [(None, "合计", ["200.00", "200.00", "0", "0", "0"])])
    summary.unit = "万元"
    settle_column_order(_report(summary, income2))
    assert income2.rows[0].values[cols[1]].repairs[0].status == "unconfirmed"


def test_an_all_funds_table_is_settled_only_when_its_total_is_the_general_tables():
    # 支出预算总表 (all funds) 合计 120 = the 一般公共预算 table's 合计: its 基本支出 is the 基本支出 table's 30
    expenditure = _table("budget.expenditure", ["合计", "基本支出", "项目支出"], GENERAL)
    general = _table("budget.general", GENERAL_COLUMNS, GENERAL, guessed=False)
    settle_column_order(_report(expenditure, general, _basic("30.00")))
    assert expenditure.rows[-1].values["基本支出"].repairs[0].status == "confirmed"
    # with other money in it (合计 150 ≠ 120), the 基本支出 table says nothing of it
    more = [(c, n, v) for c, n, v in GENERAL[:-1]] + [(None, "合计", ["150.00", "30.00", "120.00"])]
    expenditure = _table("budget.expenditure", ["合计", "基本支出", "项目支出"], more)
    settle_column_order(_report(expenditure, general, _basic("30.00")))
    assert expenditure.rows[-1].values["基本支出"].repairs[0].status == "unconfirmed"


def test_a_class_split_both_ways_settles_nothing():
    # a region that counts 30228 工会经费 in 人员经费: 301 agrees with the printed order, 30228 does not
    basic = _table("budget.basic", BASIC_COLUMNS, [("301", "工资福利支出", ["100.00", "100.00", ""]),
                                                  ("302", "商品和服务支出", ["20.00", "5.00", "15.00"]),
                                                  ("30228", "工会经费", ["5.00", "5.00", ""]),
                                                  ("30201", "办公费", ["15.00", "", "15.00"]),
                                                  (None, "合计", ["120.00", "105.00", "15.00"])])
    settle_column_order(_report(basic))
    assert all(f.repairs[0].status == "unconfirmed" and not any("contradicted" in n for n in f.notes)
               for r in basic.rows for c, f in r.values.items() if c != BASIC_COLUMNS[0])


def test_a_table_stating_no_unit_is_settled_by_the_narrative_in_the_only_unit_it_fits():
    # 支出决算表 with no unit line: 合计 2940.05 = 基本 2336.91 + 项目 603.14 (by hand); the narrative's
    # 基本支出 2336.91万元 / 项目支出 603.14万元 fit it read in 万元 only (in 元 they are 0.23 / 0.06万元)
    cols = ["本年支出合计", "基本支出", "项目支出"]
    rows = [("2010601", "行政运行", ["1511.89", "1503.52", "8.37"]),
            ("2010607", "信息化建设", ["1428.16", "833.39", "594.77"]),
            (None, "合计", ["2940.05", "2336.91", "603.14"])]
    totals = {"basic_expenditure": make_field(value=Decimal("2336.91"), raw="2336.91", confidence=0.99),
              "project_expenditure": make_field(value=Decimal("603.14"), raw="603.14", confidence=0.99)}
    spending = _table("final.03", cols, rows, unit=None)
    settle_column_order(_report(spending, unit="万元", totals=totals))
    f = _rows(spending)["2010601"]["基本支出"]
    assert f.repairs[0].status == "confirmed" and f.confidence >= 0.9
    assert "read in 万元, the only unit in which they fit" in f.repairs[0].by
    # amounts the narrative states at no unit (2336.91 read as 元 nor 万元 …): the doubt stays
    odd = [(c, n, v) for c, n, v in rows[:-1]] + [(None, "合计", ["2940.05", "2336.90", "603.15"])]
    spending = _table("final.03", cols, odd, unit=None)
    settle_column_order(_report(spending, unit="万元", totals=totals))
    assert _rows(spending)["2010601"]["基本支出"].repairs[0].status == "unconfirmed"


def _final06(personnel: str, public: str) -> Table:
    """公开06表 as read: 人员经费合计 and 公用经费合计 rows, no 合计 row."""
    return _table("final.06", ["决算数"], [("301", "工资福利支出", [personnel]), ("302", "商品和服务支出", [public]),
                                          (None, "人员经费合计", [personnel]), (None, "公用经费合计", [public])],
                  guessed=False)


def test_the_final_basic_tables_two_group_totals_settle_the_basic_column():
    # 公开05表 in 元: 基本支出 30 = 人员经费合计 25 + 公用经费合计 5 (公开06表)
    general = _table("final.05", GENERAL_COLUMNS, GENERAL)
    settle_column_order(_report(general, _final06("25.00", "5.00")))
    f = general.rows[-1].values["一般公共预算支出/基本支出"]
    assert f.repairs[0].status == "confirmed" and "the 合计 of final.06" in f.repairs[0].by
    # one group total read under a guess: no total, no evidence
    general = _table("final.05", GENERAL_COLUMNS, GENERAL)
    t6 = _final06("25.00", "5.00")
    t6.rows[-1].values["决算数"] = _field("5.00", True)
    settle_column_order(_report(general, t6))
    assert general.rows[-1].values["一般公共预算支出/基本支出"].repairs[0].status == "unconfirmed"


def test_a_basic_table_known_by_what_it_is_settles_a_table_of_the_same_money_only():
    # 财政拨款基本支出表（经济科目） (no 基本支出 template): 经济分类 rows, total 30; the 财政拨款支出表（功能科目）
    # (same money: 财政拨款) has its 基本支出/小计 settled; a 政府性基金 table with the same amounts is not
    basic = _table("budget.expenditure", BASIC_COLUMNS, [("301", "工资福利支出", ["30.00", "30.00", ""]),
                                                        (None, "合计", ["30.00", "30.00", ""])], guessed=False)
    basic.title = "财政拨款基本支出表（经济科目）"
    cols = ["合计", "基本支出/小计", "项目支出"]
    fiscal = _table("budget.expenditure", cols, GENERAL)
    fiscal.title = "财政拨款支出表（功能科目）"
    settle_column_order(_report(fiscal, basic))
    assert fiscal.rows[-1].values["基本支出/小计"].repairs[0].status == "confirmed"
    fund = _table("budget.expenditure", cols, GENERAL)
    fund.title = "政府性基金预算支出表"
    settle_column_order(_report(fund, basic))
    assert fund.rows[-1].values["基本支出/小计"].repairs[0].status == "unconfirmed"
    # its codes not all 经济分类 (a 功能分类 row): not a 基本支出 table by what it is
    basic.rows.insert(0, Row(code=make_field(value="2010101", raw="2010101", confidence=0.97),
                             name=make_field(value="行政运行", raw="行政运行", confidence=0.97),
                             values={c: _field("30.00", False) for c in BASIC_COLUMNS}))
    fiscal = _table("budget.expenditure", cols, GENERAL)
    fiscal.title = "财政拨款支出表（功能科目）"
    settle_column_order(_report(fiscal, basic))
    assert fiscal.rows[-1].values["基本支出/小计"].repairs[0].status == "unconfirmed"


# 功能分类 table under 基本支出/小计 | 人员经费 | 公用经费 and 项目支出 (by hand): 2010101 = 基本 30 (人员 25 +
# 公用 5) + 项目 20 = 50; 2010102 = 项目 70; 合计 = 120 = 30 + 90; 人员 25, 公用 5
SPLIT_COLUMNS = ["合计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"]
SPLIT = [("2010101", "行政运行", ["50.00", "30.00", "25.00", "5.00", "20.00"]),
         ("2010102", "一般行政管理事务", ["70.00", "", "", "", "70.00"]),
         (None, "合计", ["120.00", "30.00", "25.00", "5.00", "90.00"])]


def test_a_basic_table_settled_by_its_classes_settles_the_split_columns_of_a_functional_table():
    # the 经济分类 table's 人员经费 | 公用经费 are themselves a guess, settled by its rows' classes (301 is
    # 人员经费, 302 公用经费); once settled, its two totals (25 / 5) and its 合计 (30) leave one order only
    # for the 功能分类 table printed before it: every column of it settles, 项目支出 included
    basic = _table("budget.basic", BASIC_COLUMNS, [("301", "工资福利支出", ["25.00", "25.00", ""]),
                                                  ("302", "商品和服务支出", ["5.00", "", "5.00"]),
                                                  (None, "合计", ["30.00", "25.00", "5.00"])])
    general = _table("budget.general", SPLIT_COLUMNS, SPLIT)
    settle_column_order(_report(general, basic))
    assert basic.rows[-1].values[BASIC_COLUMNS[1]].repairs[0].status == "confirmed"
    for r in general.rows:
        for c in SPLIT_COLUMNS[1:]:
            f = r.values[c]
            assert f.repairs[0].status == "confirmed", (r.name.value, c)
            assert "the 合计 of budget.basic" in f.repairs[0].by
            if c != "基本支出/小计":  # (小计 settles on the first pass, on the 合计 alone)
                assert "its 人员经费 total and its 公用经费 total" in f.repairs[0].by
    # the basic table's two totals swapped in its print (5 | 25 under 人员经费 | 公用经费, its classes
    # against them): no evidence for the split, which stays to review
    basic = _table("budget.basic", BASIC_COLUMNS, [("301", "工资福利支出", ["25.00", "", "25.00"]),
                                                  ("302", "商品和服务支出", ["5.00", "5.00", ""]),
                                                  (None, "合计", ["30.00", "5.00", "25.00"])])
    general = _table("budget.general", SPLIT_COLUMNS, SPLIT)
    settle_column_order(_report(general, basic))
    assert general.rows[0].values["基本支出/人员经费"].repairs[0].status == "unconfirmed"


def test_the_narratives_spending_totals_speak_only_of_a_table_of_that_money():
    # the narrative's 基本支出 60万元 is the department's (支出合计 560万元); this table (合计 100 = 基本 40 +
    # 项目 60) is other money: the 60 under 项目支出 contradicts nothing, and settles nothing
    cols = ["合计", "基本支出", "项目支出"]
    rows = [("2010101", "行政运行", ["100.00", "40.00", "60.00"]), (None, "合计", ["100.00", "40.00", "60.00"])]

    def totals(whole: str) -> dict:
        return {"basic_expenditure": make_field(value=Decimal("60.00"), raw="60.00", confidence=0.99),
                "expenditure_total": make_field(value=Decimal(whole), raw=whole, confidence=0.99)}
    table = _table("budget.expenditure", cols, rows, unit="万元")
    settle_column_order(_report(table, unit="万元", totals=totals("560.00")))
    f = table.rows[0].values["基本支出"]
    assert f.repairs[0].status == "unconfirmed" and not any("contradicted" in n for n in f.notes)
    # the same narrative for a department whose whole spending is this table's 100万元: it contradicts
    table = _table("budget.expenditure", cols, rows, unit="万元")
    settle_column_order(_report(table, unit="万元", totals=totals("100.00")))
    f = table.rows[0].values["基本支出"]
    assert f.repairs[0].status == "unconfirmed"
    assert any("column order contradicted by the narrative's 基本支出 60.00万元" in n for n in f.notes)
