"""Guangdong's 部门预算 tables in converted text (issue 11): 收支总体情况表 / 财政拨款收支总体情况表 (one 预算
column per side, item numbers past 十), tables titled …情况表（按功能分类科目）with `[code]name` rows,
the 行政经费 / 三公 table of labelled rows, and the tables by unit (收入总体情况表, 部门预算基本支出预算表,
部门预算项目支出及其他支出预算表) — as pypdf / pdfplumber print them (one row per line) and as PyMuPDF
prints them (one cell per line). The fixtures are small hand-written copies of the shapes; every
amount below was checked by hand (the sums hold)."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.datamodel import Field, Report, Row, Table
from extractor.evidence.printed import TITLE_END
from extractor.structure import row_stream, sides_stream, spaced_wraps
from extractor.structure.sides_columns import Piece
from extractor.datamodel import NLine
from extractor.validate.checks import side_totals

CONFIDENT = 0.9


def _report(tmp_path, text: str) -> Report:
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    return extract(p)


def _by_title(report: Report, word: str) -> Table:
    hits = [t for t in report.tables if word in (t.title or "")]
    assert len(hits) == 1, [(t.title, t.method) for t in report.tables]
    return hits[0]


def _named(table: Table, name: str, block: str | None = None) -> Row:
    return next(r for r in table.rows if r.name.value == name and (block is None or r.block == block))


def _amounts(row: Row) -> list[Decimal]:
    return [f.value for f in row.values.values() if isinstance(f.value, Decimal)]


# --- 收支总体情况表: one 预算 column per side, no 行次, item numbers past 十 ----------------------------

SIDES_PYPDF = """单位：万元单位名称：某某局
表1
收支总体情况表
收入 支出
项目 预算 项目 预算
一、预算拨款 1,200.50 一、一般公共服务支出 0.00
二、财政专户拨款 0.00 二、外交支出 0.00
三、事业收入 0.00 三、国防支出 0.00
四、公共安全支出 0.00
五、教育支出 0.00
六、科学技术支出 1,000.00
七、文化旅游体育与传媒支出 0.00
八、社会保障和就业支出 150.20
九、卫生健康支出 0.00
十、节能环保支出 0.00
十一、城乡社区支出 30.30
十二、农林水支出 0.00
十九、住房保障支出 20.00
本年收入合计 1,200.50 本年支出合计 1,200.50
上年结转结余 0.00 结转结余下年 0.00
收入总计 1,200.50 支出总计 1,200.50
注：财政拨款收支情况包括一般公共预算、政府性基金预算、国有资本经营预算拨款收支情况。
"""


def test_two_sides_with_one_budget_column_and_item_numbers_past_ten(tmp_path):
    t = _by_title(_report(tmp_path, SIDES_PYPDF), "收支总体情况表")
    assert t.template == "budget.total" and t.columns == ["预算"]
    row = _named(t, "城乡社区支出", "支出")  # 十一、 is one item number, not two labels run together
    assert row.values["预算"].value == Decimal("30.30") and row.values["预算"].confidence >= CONFIDENT
    assert _named(t, "预算拨款", "收入").values["预算"].value == Decimal("1200.50")
    assert _named(t, "住房保障支出", "支出").values["预算"].value == Decimal("20.00")
    assert _named(t, "支出总计", "支出").values["预算"].value == Decimal("1200.50")


SIDES_PYMUPDF_PAGE = "收入\n支出\n项目\n预算\n项目\n预算\n"


def test_sides_stream_skips_a_header_printed_again_without_its_running_first_word():
    def pieces(words: list[str]) -> list[Piece]:
        ln = NLine(text="", orig="", no=1)
        return [Piece(w, ln, w[0].isdigit()) for w in words]

    header = ["收入", "支出", "项目", "预算", "项目", "预算"]
    body = pieces(["二十二、灾害防治及应急管理支出", "0.00", "支出", "项目", "预算", "项目", "预算", "二十三、其他支出"])
    assert sides_stream.header_echo(body, 2, header) == 5  # `收入` went as a running header
    assert sides_stream.header_echo(body, 0, header) == 0
    assert sides_stream.header_echo(body, 1, header) == 0


def test_row_stream_skips_a_header_printed_again_without_its_running_first_word():
    ln = NLine(text="", orig="", no=1)
    head = ["功能分类科目", "合计", "基本支出", "项目支出"]
    toks = [(w, ln) for w in ["合计", "基本支出", "项目支出", "2040701", "行政运行", "3.50"]]
    assert row_stream._header_echo(toks, 0, head) == 3
    lone = [(w, ln) for w in ["预算", "[30227]委托业务费", "1.00"]]
    assert row_stream._header_echo(lone, 0, ["部门预算支出经济科目", "预算"]) == 1  # right before a row
    assert row_stream._header_echo([(w, ln) for w in ["预算", "预算"]], 0, ["部门预算支出经济科目", "预算"]) == 0


# --- …情况表（按功能分类科目）: [code]name rows, 其中：header cells ------------------------------------

BRACKETS_PYPDF = """单位：万元单位名称：某某局
表5
一般公共预算支出情况表（按功能分类科目）
功能科目名称
一般公共预算支出
小计 其中：基本支出 项目支出
合计 1,170.50 170.50 1,000.00
[206]科学技术支出 1,000.00 0.00 1,000.00
　[20605]科技条件与服务 1,000.00 0.00 1,000.00
　　[2060503]科技条件专项 1,000.00 0.00 1,000.00
[208]社会保障和就业支出 170.50 170.50 0.00
　[20805]行政事业单位养老支出 170.50 170.50 0.00
　　[2080505]机关事业单位基本养老保险缴费支出 120.30 120.30 0.00
　　[2080506]机关事业单位职业年金缴费支出 50.20 50.20 0.00
注：无。
"""

BRACKETS_PYMUPDF = """单位：万元
单位名称：某某局
表6
一般公共预算基本支出情况表（按经济分类科目）
部门预算支出经济科目
预算
合计
170.50
[301]工资福利支出
150.30
　[30101]基本工资
100.10
　[30108]机关事业单位基本养老保险缴费
50.20
[302]商品和服务支出
20.20
　[30201]办公费
20.20
注：无。
"""


def test_title_with_its_classification_is_a_title():
    assert TITLE_END.search("一般公共预算支出情况表（按功能分类科目）")
    assert TITLE_END.search("一般公共预算支出表(按经济分类)")
    assert not TITLE_END.search("详见附表（一）")
    # the classification printed without 按, and what the table leaves out or covers
    assert TITLE_END.search("财政拨款支出表（功能科目）")
    assert TITLE_END.search("财政拨款基本支出表（经济科目）")
    assert TITLE_END.search("2022年部门综合预算专项业务经费支出表（不含上年结转）")
    assert TITLE_END.search("2026年市级重点专项资金绩效目标表（一级项目）")
    assert not TITLE_END.search("详见附表（二）及说明")


def test_bracketed_codes_rows_one_per_line(tmp_path):
    t = _by_title(_report(tmp_path, BRACKETS_PYPDF), "一般公共预算支出情况表")
    assert t.template == "budget.general"
    rows = {r.code.value: r for r in t.rows if r.code is not None}
    assert set(rows) == {"206", "20605", "2060503", "208", "20805", "2080505", "2080506"}
    assert rows["2080505"].name.value == "机关事业单位基本养老保险缴费支出"
    assert _amounts(rows["2080505"]) == [Decimal("120.30"), Decimal("120.30"), Decimal("0.00")]
    assert all(f.confidence >= CONFIDENT for f in rows["206"].values.values())
    assert _amounts(_named(t, "合计")) == [Decimal("1170.50"), Decimal("170.50"), Decimal("1000.00")]


def test_bracketed_codes_one_cell_per_line(tmp_path):
    t = _by_title(_report(tmp_path, BRACKETS_PYMUPDF), "基本支出情况表")
    assert t.template == "budget.basic" and t.method == "row-stream"
    rows = {r.code.value: r for r in t.rows if r.code is not None}
    assert {c: _amounts(r) for c, r in rows.items()} == {
        "301": [Decimal("150.30")], "30101": [Decimal("100.10")], "30108": [Decimal("50.20")],
        "302": [Decimal("20.20")], "30201": [Decimal("20.20")]}


# --- 行政经费及“三公”经费预算表: labelled rows by fund ---------------------------------------------

THREE_PUBLIC_PYPDF = """单位：万元单位名称：某某局
表8
财政拨款安排的行政经费及“三公”经费预算表
项目 合计 一般公共预算 政府性基金预算 国有资本经营预算
行政经费 2,614.19 2,614.19 0.00 0.00
“三公”经费 44.94 44.94 0.00 0.00
　　其中：（一）因公出国（境）支出 24.00 24.00 0.00 0.00
　　　　　（二）公务用车购置及运行维护支出 12.64 12.64 0.00 0.00
　　　　　　　　1.公务用车购置费 0.00 0.00 0.00 0.00
　　　　　　　　2.公务用车运行维护费 12.64 12.64 0.00 0.00
　　　　　（三）公务接待费支出 8.30 8.30 0.00 0.00
注：无。
"""


def _three_public_rows(t: Table) -> dict[str, list[Decimal]]:
    return {r.values["项目"].value: _amounts(r) for r in t.rows}


def test_three_public_labelled_rows_one_per_line(tmp_path):
    t = _by_title(_report(tmp_path, THREE_PUBLIC_PYPDF), "三公")
    assert t.template == "budget.three_public"
    assert t.columns == ["项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]
    rows = _three_public_rows(t)
    assert rows["行政经费"] == [Decimal("2614.19"), Decimal("2614.19"), Decimal("0.00"), Decimal("0.00")]
    assert rows["（三）公务接待费支出"] == [Decimal("8.30"), Decimal("8.30"), Decimal("0.00"), Decimal("0.00")]
    assert len(rows) == 7


def test_three_public_labelled_rows_one_cell_per_line(tmp_path):
    lines = THREE_PUBLIC_PYPDF.splitlines()
    stream = lines[:3] + [w for ln in lines[3:-1] for w in ln.split()] + lines[-1:]
    t = _by_title(_report(tmp_path, "\n".join(stream) + "\n"), "三公")
    assert t.method == "groups-stream"
    rows = _three_public_rows(t)
    assert rows["“三公”经费"] == [Decimal("44.94"), Decimal("44.94"), Decimal("0.00"), Decimal("0.00")]
    assert rows["2.公务用车运行维护费"][0] == Decimal("12.64") and len(rows) == 7


# --- tables by unit ------------------------------------------------------------------------------

BASIC_PYPDF = """单位：万元单位名称：某某局
表11
部门预算基本支出预算表
支出项目类别（资金使用
单位） 总计
财政拨款
财政专户拨款 其他资金
合计 一般公共预算 政府性基金预算 国有资本经营预算
合计 1,300.00 1,300.00 1,300.00 0.00 0.00 0.00 0.00
某某局政务服务和数据管
理局（本级） 1,000.00 1,000.00 1,000.00 0.00 0.00 0.00 0.00
　工资福利支出 800.00 800.00 800.00 0.00 0.00 0.00 0.00
　商品和服务支出 200.00 200.00 200.00 0.00 0.00 0.00 0.00
某某中心 300.00 300.00 300.00 0.00 0.00 0.00 0.00
　工资福利支出 300.00 300.00 300.00 0.00 0.00 0.00 0.00
注：无。
"""

BASIC_PDFPLUMBER = """单位：万元单位名称：某某局
表11
部门预算基本支出预算表
支出项目类别（资金使用 财政拨款
总计 财政专户拨款 其他资金
单位） 合计 一般公共预算 政府性基金预算 国有资本经营预算
合计 1,300.00 1,300.00 1,300.00 0.00 0.00 0.00 0.00
某某局政务服务和数据管
1,000.00 1,000.00 1,000.00 0.00 0.00 0.00 0.00
理局（本级）
工资福利支出 800.00 800.00 800.00 0.00 0.00 0.00 0.00
商品和服务支出 200.00 200.00 200.00 0.00 0.00 0.00 0.00
某某中心 300.00 300.00 300.00 0.00 0.00 0.00 0.00
工资福利支出 300.00 300.00 300.00 0.00 0.00 0.00 0.00
注：无。
"""

BASIC_COLUMNS = ["总计", "财政拨款/合计", "财政拨款/一般公共预算", "财政拨款/政府性基金预算",
                 "财政拨款/国有资本经营预算", "财政专户拨款", "其他资金"]


def _check_basic(t: Table) -> None:
    assert t.columns == BASIC_COLUMNS
    names = [r.name.value for r in t.rows]
    assert names == ["合计", "某某局政务服务和数据管理局（本级）", "工资福利支出", "商品和服务支出", "某某中心",
                     "工资福利支出"]
    unit = t.rows[1]
    assert unit.values["总计"].value == Decimal("1000.00")
    assert unit.values["财政拨款/一般公共预算"].value == Decimal("1000.00")
    assert unit.values["其他资金"].value == Decimal("0.00")
    assert all(f.confidence >= CONFIDENT for r in t.rows for f in r.values.values() if isinstance(f.value, Decimal)
               and f.value)


def test_basic_expenditure_by_unit_label_broken_before_its_row(tmp_path):
    _check_basic(_by_title(_report(tmp_path, BASIC_PYPDF), "基本支出预算表"))


def test_basic_expenditure_by_unit_label_printed_around_its_amounts(tmp_path):
    _check_basic(_by_title(_report(tmp_path, BASIC_PDFPLUMBER), "基本支出预算表"))


BASIC_PYMUPDF = "\n".join(["单位：万元", "单位名称：某某局", "表11", "部门预算基本支出预算表",
                           "支出项目类别（资金使用", "单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "合计",
                           "一般公共预算", "政府性基金预算", "国有资本经营预算"]
                          + ["合计"] + "1,300.00 1,300.00 1,300.00 0.00 0.00 0.00 0.00".split()
                          + ["某某局政务服务和数据管", "理局（本级）"] + "1,000.00 1,000.00 1,000.00 0.00 0.00 0.00 0.00".split()
                          + ["　工资福利支出"] + "800.00 800.00 800.00 0.00 0.00 0.00 0.00".split()
                          + ["　商品和服务支出"] + "200.00 200.00 200.00 0.00 0.00 0.00 0.00".split()
                          + ["- 18 -", "某某中心"] + "300.00 300.00 300.00 0.00 0.00 0.00 0.00".split()
                          + ["　工资福利支出"] + "300.00 300.00 300.00 0.00 0.00 0.00 0.00".split() + ["注：无。", ""])


def test_basic_expenditure_by_unit_one_cell_per_line(tmp_path):
    t = _by_title(_report(tmp_path, BASIC_PYMUPDF), "基本支出预算表")
    assert t.method == "labelled-stream"
    _check_basic(t)


def test_a_stream_whose_labels_moved_away_from_their_amounts_is_not_read_past_them(tmp_path):
    moved = BASIC_PYMUPDF.replace("某某局政务服务和数据管\n理局（本级）\n", "")  # pdftotext: labels elsewhere
    tables = [t for t in _report(tmp_path, moved).tables if t.method == "labelled-stream"]
    assert tables == []


def test_a_row_that_does_not_add_up_goes_to_review(tmp_path):
    text = BASIC_PYPDF.replace("某某中心 300.00 300.00 300.00", "某某中心 300.00 300.00 310.00")
    t = _by_title(_report(tmp_path, text), "基本支出预算表")
    row = _named(t, "某某中心")
    assert all(f.confidence < CONFIDENT for f in row.values.values() if isinstance(f.value, Decimal))


# the title and header of Guangdong's 项目支出及其他支出预算表 as pypdf prints them
_PROJECTS_HEAD_PYPDF = """单位：万元单位名称：某某局
表12
部门预算项目支出及其他支出预算表
支出项目类别（资金使用单
位） 总计
财政拨款
财政专
户拨款
其他资
金 绩效目标 合计 一般公共预 算 政府性基金 预算 国有资本经 营预算
"""

PROJECTS_PYPDF = _PROJECTS_HEAD_PYPDF + """合计 1,400.00 1,400.00 1,400.00 0.00 0.00 0.00 0.00
某某局 1,400.00 1,400.00 1,400.00 0.00 0.00 0.00 0.00
　　某某局12345政务服务便
民热线平台运营项目 1,200.00 1,200.00 1,200.00 0.00 0.00 0.00 0.00
通过实施本项目，进一步加强热线规范管理，完善工作机
制，更好助力提升政府治理水平。
　　某某局政务服务数据管
理局数字政府运营中心穗智
管运营服务项目
200.00 200.00 200.00 0.00 0.00 0.00 0.00
1、汇聚更新数据量不低于10亿条，提升数据汇聚效能。
2、确保场地稳定、安全、高效运行
。
注：无。
"""


def test_projects_by_unit_with_goal_texts_after_their_rows(tmp_path):
    t = _by_title(_report(tmp_path, PROJECTS_PYPDF), "项目支出及其他支出预算表")
    names = [r.name.value for r in t.rows]
    assert names == ["合计", "某某局", "某某局12345政务服务便民热线平台运营项目",
                     "某某局政务服务数据管理局数字政府运营中心穗智管运营服务项目"]
    hotline = t.rows[2]
    assert hotline.values["总计"].value == Decimal("1200.00")
    assert hotline.values["绩效目标"].value.startswith("通过实施本项目") and hotline.values["绩效目标"].value.endswith("水平。")
    assert t.rows[3].values["财政拨款/合计"].value == Decimal("200.00")
    assert t.rows[3].values["绩效目标"].value.endswith("运行。")


INCOME_PYPDF = """单位：万元单位名称：某某局
表2
收入总体情况表
单位名称 合计
财政拨款收入 财政专户拨款收入 其他资金收入
上级补
助收入
附属单
位上缴
收入
上年结
转结余一般公共预
算
政府性基金
预算
国有资本经
营预算 教育收费 其他专户 收入拨款 事业收 入 事业单 位经营 收入 其他收 入
合计 7,552.92 736.81 6,816.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.11
某某工务中心 7,552.92 736.81 6,816.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.11
注：无。
"""


def test_income_by_unit_under_its_column_tree(tmp_path):
    t = _by_title(_report(tmp_path, INCOME_PYPDF), "收入总体情况表")
    assert t.columns[:4] == ["合计", "财政拨款收入/一般公共预算", "财政拨款收入/政府性基金预算", "财政拨款收入/国有资本经营预算"]
    assert t.columns[-3:] == ["上级补助收入", "附属单位上缴收入", "上年结转结余"]
    row = _named(t, "某某工务中心")
    assert row.values["财政拨款收入/政府性基金预算"].value == Decimal("6816.00")
    assert row.values["上年结转结余"].value == Decimal("0.11")
    assert row.values["合计"].confidence >= CONFIDENT


# --- the side totals check ---------------------------------------------------------------------------

def _field(v: str) -> Field:
    return Field(value=Decimal(v), raw=v, confidence=0.97)


def test_side_totals_add_the_numbered_items_not_their_lines():
    def row(raw: str, amount: str) -> Row:
        return Row(name=Field(value=raw.split("、")[-1], raw=raw), block="收入", values={"预算数": _field(amount)})

    t = Table(template="budget.total", columns=["预算数"], rows=[
        row("一、财政拨款收入", "2776.75"), row("一般公共预算收入", "2776.75"), row("二、其他收入", "781.60"),
        row("本年收入合计", "3558.35")])
    checks = side_totals(Report.model_construct(tables=[t]))
    assert [c.passed for c in checks if c.rule == "table.side_total"] == [True]


def test_side_totals_skip_a_second_page_whose_first_items_are_on_the_page_before():
    def row(raw: str, amount: str) -> Row:
        return Row(name=Field(value=raw.split("、")[-1], raw=raw), block="支出", values={"预算数": _field(amount)})

    t = Table(template="budget.fiscal_total", columns=["预算数"], rows=[
        row("十七、住房保障支出", "204.86"), row("十八、粮油物资储备支出", "0"), row("本年支出合计", "2776.75")])
    assert [c for c in side_totals(Report.model_construct(tables=[t])) if c.rule == "table.side_total"] == []


# --- 基本支出总表 by class under the unit's own row (Shenzhen's budgets), PyMuPDF ------------------------
# No 合计 row: the unit's own row (某某局（本级）) stands for it. Columns 总计 | 财政拨款 (小计 一般公共预算拨款
# 政府性基金预算拨款 国有资本经营预算拨款) | 财政专户管理资金 | 单位资金 (事业收入 事业单位经营收入 上级补助收入
# 附属单位上缴收入 其他收入) | 上年结余、结转: 总计 = 小计 + the columns after it, 小计 = its three funds. The
# table goes on over a page that prints its title lines and header again. Sums checked by hand:
# 510.00 = 500.00 + 10.00 (事业收入), 500.00 = 480.00 + 20.00; 110.00 = 100.00 + 10.00, 100.00 = 80.00 + 20.00;
# 50.00 = 40.00 + 10.00, 40.00 = 20.00 + 20.00; 一般公共预算拨款 480.00 = 400.00 + 80.00.
_SZ_TITLE = ["表4", "基本支出总表", "部门名称：某某局（本级）", "单位：万元"]
_SZ_HEADER = ["财政拨款", "单位资金", "支出项目类别", "总计", "小计", "一般公共", "预算拨款", "政府性基金", "预算拨款",
              "国有资本经", "营预算拨款", "财政专户", "管理资金", "事业收入", "事业单位", "经营收入", "上级补助", "收入",
              "附属单位", "上缴收入", "其他收入", "上年结余、", "结转"]
_SZ_ROWS = [("某某局（本级）", "510.00 500.00 480.00 20.00 0.00 0.00 10.00 0.00 0.00 0.00 0.00 0.00"),
            ("    工资福利支出", "400.00 400.00 400.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00"),
            ("        基本工资", "300.00 300.00 300.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00"),
            ("        津贴补贴", "100.00 100.00 100.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00"),
            ("    商品和服务支出", "110.00 100.00 80.00 20.00 0.00 0.00 10.00 0.00 0.00 0.00 0.00 0.00"),
            ("        办公费", "60.00 60.00 60.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00"),
            ("        邮电费", "50.00 40.00 20.00 20.00 0.00 0.00 10.00 0.00 0.00 0.00 0.00 0.00")]


def _sz_rows(rows) -> list[str]:
    return [x for label, amounts in rows for x in [label] + amounts.split()]


BASIC_BY_CLASS_PYMUPDF = "\n".join(
    ["第二部分 部门预算表"] + _SZ_TITLE + _SZ_HEADER + _sz_rows(_SZ_ROWS[:4]) + ["- 19 -"] + _SZ_TITLE + _SZ_HEADER
    + _sz_rows(_SZ_ROWS[4:]) + ["- 20 -", "表5", "项目支出总表", "部门名称：某某局（本级）", "单位：万元", "项目名称", ""])


def test_basic_expenditure_by_class_under_the_units_own_row_one_cell_per_line(tmp_path):
    t = _by_title(_report(tmp_path, BASIC_BY_CLASS_PYMUPDF), "基本支出总表")
    assert t.method == "labelled-stream"
    assert [r.name.value for r in t.rows] == [label.strip() for label, _ in _SZ_ROWS]
    assert t.columns[:3] == ["总计", "财政拨款/小计", "财政拨款/一般公共预算拨款"]
    assert t.columns[5:7] == ["财政专户管理资金", "单位资金/事业收入"]
    assert len(t.columns) == 12 and t.columns[-1] == "上年结余、结转"
    for label, amounts in _SZ_ROWS:
        row = _named(t, label.strip())
        assert _amounts(row) == [Decimal(a) for a in amounts.split()]
        assert all(f.confidence >= CONFIDENT for f in row.values.values())
    assert t.rows[-1].values["单位资金/事业收入"].value == Decimal("10.00")


def test_a_units_own_row_that_does_not_add_up_goes_to_review(tmp_path):
    text = BASIC_BY_CLASS_PYMUPDF.replace("50.00\n40.00\n20.00\n20.00", "50.00\n40.00\n20.00\n25.00")
    t = _by_title(_report(tmp_path, text), "基本支出总表")
    row = _named(t, "邮电费")
    assert all(f.confidence < CONFIDENT for f in row.values.values())


def test_the_units_own_row_with_its_name_broken_over_lines(tmp_path):
    # PyMuPDF breaks a long name where its cell wraps (`某某市人民政府口岸办公` / `室`): the row is the
    # unit's own when its pieces make the name the title area gives (部门名称：…); a piece alone (`室`)
    # is no label of its own
    text = BASIC_BY_CLASS_PYMUPDF.replace("某某局（本级）", "某某市人民政府口岸办公室").replace(
        "结转\n某某市人民政府口岸办公室\n510.00", "结转\n某某市人民政府口岸办公\n室\n510.00")
    assert "口岸办公\n室\n510.00" in text
    t = _by_title(_report(tmp_path, text), "基本支出总表")
    assert t.method == "labelled-stream"
    assert [r.name.value for r in t.rows][:2] == ["某某市人民政府口岸办公室", "工资福利支出"]
    assert _amounts(t.rows[0]) == [Decimal(a) for a in _SZ_ROWS[0][1].split()]


# --- the same tables one row per line (pypdf): the unit's own row in the title area's name ---------------
# pypdf prints the unit line and the unit of amounts on one line, breaks the header's words over lines and
# prints the title lines and header again over the rows on the next page.
_SZ_TITLE_PYPDF = ["表 4", "基本支出总表", "部门名称：某某局（本级） 单位：万元"]
_SZ_HEADER_PYPDF = ["财政拨款 单位资金", "支出项目类别 总计", "小计 一般公共 预算拨款 政府性基金 预算拨款 国有资本经 营预算拨款",
                    "财政专户", "管理资金 事业收入 事业单位 经营收入 上级补助 收入 附属单位 上缴收入 其他收入", "上年结余、", "结转"]


def _sz_lines(rows) -> list[str]:
    return [f"{label} {amounts}" for label, amounts in rows]


BASIC_BY_CLASS_PYPDF = "\n".join(
    ["第二部分 部门预算表"] + _SZ_TITLE_PYPDF + _SZ_HEADER_PYPDF + _sz_lines(_SZ_ROWS[:4]) + ["- 19 -"]
    + _SZ_TITLE_PYPDF + _SZ_HEADER_PYPDF + _sz_lines(_SZ_ROWS[4:]) + ["注：本套报表金额单位转换时可能存在尾数误差。", "- 20 -"])


def test_basic_expenditure_by_class_under_the_units_own_row_one_row_per_line(tmp_path):
    t = _by_title(_report(tmp_path, BASIC_BY_CLASS_PYPDF), "基本支出总表")
    assert t.method == "spaced"
    assert [r.name.value for r in t.rows] == [label.strip() for label, _ in _SZ_ROWS]  # both pages, one table
    assert t.columns[:3] == ["总计", "财政拨款/小计", "财政拨款/一般公共预算拨款"]
    assert len(t.columns) == 12 and t.columns[-1] == "上年结余、结转"
    for label, amounts in _SZ_ROWS:
        row = _named(t, label.strip())
        assert _amounts(row) == [Decimal(a) for a in amounts.split()]
        assert all(f.confidence >= CONFIDENT for f in row.values.values())


def test_income_of_the_unit_alone_one_row_per_line(tmp_path):
    # 收入总表 of one unit: its own row alone under the 11 columns (no 小计 under 财政拨款);
    # 600.00 = 500.00 + 20.00 + 0.00 (财政拨款) + 0.00 (专户) + 30.00 (事业收入) + 50.00 (上年结余、结转)
    text = "\n".join(["第二部分 部门预算表", "表 2", "收入总表", "部门名称：某某局（本级） 单位：万元", "本年收入",
                      "财政拨款 单位资金预算单位 收入总计", "一般公共预算", "拨款", "政府性基金预算", "拨款", "国有资本经营预",
                      "算拨款", "财政专户管理", "资金 事业收入 事业单位经营 收入 上级补助收入 附属单位上缴 收入 其他收入",
                      "上年结余", "、结转",
                      "某某局（本级） 600.00 500.00 20.00 0.00 0.00 30.00 0.00 0.00 0.00 0.00 50.00",
                      "注：本套报表金额单位转换时可能存在尾数误差。", "- 15 -"])
    t = _by_title(_report(tmp_path, text), "收入总表")
    assert [r.name.value for r in t.rows] == ["某某局（本级）"]
    assert t.columns[0] == "总计" and t.columns[-1] == "上年结余、结转" and len(t.columns) == 11
    assert t.rows[0].values["单位资金/事业收入"].value == Decimal("30.00")
    assert t.rows[0].values["财政拨款/政府性基金预算拨款"].value == Decimal("20.00")
    assert all(f.confidence >= CONFIDENT for f in t.rows[0].values.values())  # the sums hold


def test_the_units_own_row_with_its_name_broken_above_its_amounts_one_row_per_line(tmp_path):
    # pypdf breaks a long name where its cell wraps, the last piece on the amounts' line
    # (`某某市人民政府口岸办公` / `室 510.00 …`): the pieces make the name the title area gives
    text = BASIC_BY_CLASS_PYPDF.replace("某某局（本级）", "某某市人民政府口岸办公室").replace(
        "\n某某市人民政府口岸办公室 510.00", "\n某某市人民政府口岸办公\n室 510.00")
    assert "口岸办公\n室 510.00" in text
    t = _by_title(_report(tmp_path, text), "基本支出总表")
    assert t.method == "spaced"
    assert [r.name.value for r in t.rows][:2] == ["某某市人民政府口岸办公室", "工资福利支出"]
    assert _amounts(t.rows[0]) == [Decimal(a) for a in _SZ_ROWS[0][1].split()]
    assert len(t.rows) == len(_SZ_ROWS)


# --- 部门预算项目支出及其他支出预算表 as pypdf prints a longer one (issue 11) --------------------------------
# A short goal text joined onto its row's line after the amounts (`专项工作经费 5.00 … 通过安排…`), a goal
# ending in a remark in brackets broken over lines (`…支撑。（以` / `前年度…尾款）`), and a goal that ends
# no sentence (`…确保我市防洪安全`) before the next row's label pieces: none of them ends the table.
# Sums checked by hand: 5.00 + 53.55 + 121.99 + 149.46 = 330.00.
PROJECTS_GOAL_SHAPES_PYPDF = _PROJECTS_HEAD_PYPDF + """合计 330.00 330.00 330.00 0.00 0.00 0.00 0.00
某某局 330.00 330.00 330.00 0.00 0.00 0.00 0.00
　　专项工作经费 5.00 5.00 5.00 0.00 0.00 0.00 0.00 通过安排派驻组工作经费保障办 公、办案所需，保障相关工作顺利推进。
　　某某市获得用水营商环
境诊断研究 53.55 53.55 53.55 0.00 0.00 0.00 0.00
通过分析指标领域的优势和不足，完成研究报告，为指
标评价提供保障和支撑。（以
前年度实施项目，2026年支付尾款）
　　某某市防汛机动抢险队
日常运行工作经费 121.99 121.99 121.99 0.00 0.00 0.00 0.00
防汛抢险队伍汛期24小时备勤；开展日常培训演练不少
于4次，负责水库、河堤等水利设施险情处置，确保我市防洪安全
　　某某市水务反恐专业分
队备勤工作经费（一队二
队）
149.46 149.46 149.46 0.00 0.00 0.00 0.00
确保法定节假日及重大活动期间安排人员24小时备勤。
注：无。
"""


def test_projects_with_goals_on_their_row_line_in_remarks_and_unended(tmp_path):
    t = _by_title(_report(tmp_path, PROJECTS_GOAL_SHAPES_PYPDF), "项目支出及其他支出预算表")
    assert [r.name.value for r in t.rows] == ["合计", "某某局", "专项工作经费", "某某市获得用水营商环境诊断研究",
                                              "某某市防汛机动抢险队日常运行工作经费",
                                              "某某市水务反恐专业分队备勤工作经费（一队二队）"]
    inline = t.rows[2]
    assert _amounts(inline) == [Decimal(a) for a in "5.00 5.00 5.00 0.00 0.00 0.00 0.00".split()]
    assert inline.values["绩效目标"].value.startswith("通过安排派驻组") and inline.values["绩效目标"].value.endswith("顺利推进。")
    assert all(f.confidence >= CONFIDENT for f in inline.values.values() if isinstance(f.value, Decimal))
    remark = t.rows[3]
    assert remark.values["总计"].value == Decimal("53.55")
    assert remark.values["绩效目标"].value.endswith("支撑。（以前年度实施项目，2026年支付尾款）")
    unended = t.rows[4]
    assert unended.values["总计"].value == Decimal("121.99")
    assert unended.values["绩效目标"].value.endswith("确保我市防洪安全")
    # where that goal ends and the next label starts is a guess: the next row's amounts go to review
    after = t.rows[5]
    assert _amounts(after) == [Decimal(a) for a in "149.46 149.46 149.46 0.00 0.00 0.00 0.00".split()]
    assert all(f.confidence < CONFIDENT for f in after.values.values() if isinstance(f.value, Decimal))
    assert after.values["绩效目标"].value == "确保法定节假日及重大活动期间安排人员24小时备勤。"


# --- Shenzhen's 项目支出总表 as pypdf prints it: wide amounts wrapped in their narrow column ------------------
# The unit's own row prints its whole name above a line of amounts whose first amount's head stands alone
# on the line above (`276,936.6` / `0 272,569.82 …`); a row's amount may wrap its last digit after a space
# (`175,400.5 9`). Sums checked by hand: 276,936.60 = 272,569.82 + 4,165.00 + 201.78; the projects:
# 470.29 + 175,400.59 + 101,065.72 = 276,936.60; 175,400.59 = 175,204.09 + 196.50;
# 101,065.72 = 96,895.44 + 4,165.00 + 5.28.
SZ_PROJECTS_PYPDF = """表 5
项目支出总表
部门名称：某某市交通运输局（本级） 单位：万元
2026 年预算
财政拨款 单位资金支出项目类别
总计 一般公共
预算拨款
政府性基金预
算拨款
国有资本经营
预算拨款
财政专户
管理资金 事业收入 事业单位 经营收入 上级补助 收入 附属单位 上缴收入 其他收入
上年结余、
结转
某某市交通运输局（本
级）
276,936.6
0 272,569.82 4,165.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 201.78
    安全生产和应急管理
专项经费 470.29 470.29 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00
    轨道交通管理 175,400.5 9 175,204.09 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 196.50
    交通运输专项资金-民
航业领域
101,065.7
2 96,895.44 4,165.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 5.28
注：本套报表金额单位转换时可能存在尾数误差。
- 31 -
"""


def test_shenzhen_projects_with_wrapped_amounts_one_row_per_line(tmp_path):
    t = _by_title(_report(tmp_path, SZ_PROJECTS_PYPDF), "项目支出总表")
    assert [r.name.value for r in t.rows] == ["某某市交通运输局（本级）", "安全生产和应急管理专项经费", "轨道交通管理",
                                              "交通运输专项资金-民航业领域"]
    assert t.columns[0] == "总计" and t.columns[-1] == "上年结余、结转" and len(t.columns) == 11
    unit = t.rows[0]
    assert unit.values["总计"].value == Decimal("276936.60")
    assert _amounts(unit)[1:3] == [Decimal("272569.82"), Decimal("4165.00")]
    assert unit.values["上年结余、结转"].value == Decimal("201.78")
    rail = t.rows[2]
    assert rail.values["总计"].value == Decimal("175400.59")
    assert rail.values["财政拨款/一般公共预算拨款"].value == Decimal("175204.09")
    assert rail.values["上年结余、结转"].value == Decimal("196.50")
    air = t.rows[3]
    assert _amounts(air) == [Decimal(a) for a in "101065.72 96895.44 4165.00 0 0 0 0 0 0 0 5.28".split()]


def test_a_head_alone_is_joined_only_with_the_digits_it_lacks():
    # the head lacks the two decimals the piece completes: joined; a head printing two decimals already,
    # or one the piece would not bring to two decimals, is not joined
    assert spaced_wraps.join_head("376,936.6", "0") == "376,936.60"
    assert spaced_wraps.join_head("1,264,602", ".38") == "1,264,602.38"
    assert spaced_wraps.join_head("376,936.60", "0") is None
    assert spaced_wraps.join_head("376,936", "0") is None
    assert spaced_wraps.join_head("376,936.6", "12") is None


def test_joined_heads_are_kept_per_thread():
    # `_heads_joined` remembers, per thread, the lines it joined and each joined amount as printed;
    # a document read in another thread meanwhile must not wipe what this thread's reader still needs
    import threading

    from extractor.structure import spaced_labelled

    def lines(text):
        return [NLine(text=t, orig=t, no=k) for k, t in enumerate(text.splitlines())]

    ours = spaced_labelled._heads_joined(lines("某某单位\n276,936.6\n0 272,569.82 4,165.00 201.78"))
    assert ours[2].text == "276,936.60 272,569.82 4,165.00 201.78"
    other = threading.Thread(target=spaced_labelled._heads_joined,
                             args=(lines("另一单位\n1,264,602\n.38 1,000.00 2,000.00 3,000.00"),))
    other.start()
    other.join()
    label, values = spaced_labelled._split_amounts(ours[2])
    assert values[0].text == "276,936.60" and values[0].printed == "276,936.6 / 0"
