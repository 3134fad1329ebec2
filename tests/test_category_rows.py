"""Category tables (`支出项目类别`: rows keyed by a category's name, no code column, every cell printed)
in pdftotext's default reading order: one cell per line, a row's name then its amounts, the names
of some rows printed at the page's end (structure/category_rows.py, read by the row-stream reader).
The fixtures are modelled on a Shenzhen 基本支出总表 / 项目支出总表 as `pdftotext` without `-layout`
prints them; the values were checked by hand (工资福利支出 500.00 = 200.00 + 150.00 + 100.00 + 50.00,
商品和服务支出 100.00 = 60.00 + 40.00, the unit's 600.00 = 500.00 + 100.00)."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.evidence import policy
from extractor.structure.category_rows import cut

HEADER = ("财政拨款 支出项目类别 总计 小计 单位资金 财政专户 一般公共 政府性基金 国有资本经 预算拨款 预算拨款 "
          "营预算拨款 管理资金 事业收入 上年结余、 事业单位 上级补助 附属单位 经营收入 收入 上缴收入 其他收入 结转").split()
TITLE = ["表4", "基本支出总表", "部门名称：某某局（本级）", "单位：万元"]


def _run(amount: str) -> list[str]:
    """A row's twelve cells: 总计, 财政拨款 小计, 一般公共预算拨款, then nine 0.00."""
    return [amount, amount, amount] + ["0.00"] * 9


def _text(lines: list[str]) -> str:
    return "\n\n".join(lines) + "\n"  # pdftotext prints a blank line between boxes


PAGE_1 = TITLE + HEADER + ["某某局（本级）"] + _run("600.00") + ["工资福利支出"] + _run("500.00") + [
    "基本工资"] + _run("200.00") + ["津贴补贴"] + _run("150.00") + _run("100.00") + _run("50.00") + [
    "奖金", "机关事业单位基本养老保险缴", "费", "- 19 -"]
PAGE_2 = TITLE + HEADER + ["商品和服务支出"] + _run("100.00") + ["办公费"] + _run("60.00") + _run("40.00") + [
    "电费", "注：本表反映本部门基本支出情况。", "- 20 -"]
BASIC = _text(["某某局2026年部门预算", "基本支出总表"] + PAGE_1 + PAGE_2)


def _table(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    report = extract(p)
    (t,) = [t for t in report.tables if t.method == "row-stream"]
    return t


def _row(table, name):
    return next(r for r in table.rows if r.name is not None and r.name.value == name)


def test_rows_by_name_and_the_names_moved_to_the_page_end_given_in_order(tmp_path):
    t = _table(tmp_path, BASIC)
    assert [r.name.value for r in t.rows] == [
        "某某局（本级）", "工资福利支出", "基本工资", "津贴补贴", "奖金", "机关事业单位基本养老保险缴费",
        "商品和服务支出", "办公费", "电费"]
    assert t.columns[:3] == ["总计", "财政拨款/小计", "财政拨款/一般公共预算拨款"]
    base = _row(t, "基本工资")
    assert base.values["总计"].value == Decimal("200.00")
    assert base.values["财政拨款/一般公共预算拨款"].value == Decimal("200.00")
    assert base.values["总计"].confidence >= 0.9
    # a row whose name was printed at the page's end: named by order, its amounts to review
    for name, amount in (("奖金", "100.00"), ("机关事业单位基本养老保险缴费", "50.00"), ("电费", "40.00")):
        moved = _row(t, name)
        assert moved.values["总计"].value == Decimal(amount)
        assert moved.values["总计"].confidence < policy.REVIEW_THRESHOLD
        assert any("printed this row's name apart" in (r.note or "") for r in moved.values["总计"].repairs)


def test_moved_names_that_do_not_fit_the_rows_left_without_one_leave_those_rows_out(tmp_path):
    # three pieces for the page's two nameless rows, no join the catalogue knows: neither row is read
    text = BASIC.replace("奖金\n\n机关事业单位基本养老保险缴\n\n费", "甲类费用\n\n乙类费\n\n用")
    t = _table(tmp_path, text)
    names = [r.name.value for r in t.rows]
    assert names == ["某某局（本级）", "工资福利支出", "基本工资", "津贴补贴", "商品和服务支出", "办公费", "电费"]
    assert all(r.values["总计"].value not in (Decimal("100.00"), Decimal("50.00")) for r in t.rows
               if r.name.value != "商品和服务支出")


def test_the_unit_name_among_the_header_words_and_a_name_broken_inside_its_brackets(tmp_path):
    # 项目支出总表: the unit's name printed among the header's words, its run first; two project
    # categories printed at the end, one broken over two lines inside its brackets
    header = HEADER[:3] + ["某某局（本级）"] + HEADER[3:]

    def run(amount: str) -> list[str]:  # eleven cells: 总计, 一般公共预算拨款, then nine 0.00
        return [amount, amount] + ["0.00"] * 9
    lines = (["某某局2026年部门预算", "项目支出总表", "表5", "项目支出总表", "部门名称：某某局（本级）", "单位：万元"]
             + header + run("22.50") + run("10.00") + run("7.50") + ["专项普查活动"] + run("3.00")
             + ["专项统计业务"] + run("2.00") + ["统计管理", "政务信息化项目（运", "行维护服务）",
                                               "注：本表反映本部门项目支出情况。"])
    t = _table(tmp_path, _text(lines))
    assert [r.name.value for r in t.rows] == [
        "某某局（本级）", "统计管理", "政务信息化项目（运行维护服务）", "专项普查活动", "专项统计业务"]
    assert _row(t, "统计管理").values["总计"].value == Decimal("10.00")
    assert _row(t, "统计管理").values["总计"].confidence < policy.REVIEW_THRESHOLD
    assert _row(t, "政务信息化项目（运行维护服务）").values["总计"].value == Decimal("7.50")
    assert _row(t, "某某局（本级）").values["总计"].value == Decimal("22.50")
    assert _row(t, "专项普查活动").values["总计"].confidence >= 0.9


def test_a_stream_whose_runs_are_not_whole_rows_is_not_cut():
    # blank cells absent (runs of 12 and 11 amounts): no row width, not this shape
    from extractor.datamodel import NLine
    line = NLine(text="", orig="", no=1)
    toks = [(w, line) for w in HEADER + ["某某局（本级）"] + _run("1.00") + ["基本工资"] + _run("1.00")[:11]
            + ["津贴补贴"] + _run("1.00")]
    assert cut(toks) is None


# 一般公共预算基本支出情况表 with two subjects a row (部门 | 政府 经济分类) as pdftotext without `-layout`
# prints it: the 合计 row's and the first 类 row's amounts mixed among the header's words, the first
# 项 row run into the 合计 label; on the next page the unit line printed after the header's first word.
PAIRED_HEAD = ["科目编码", "科目编码", "部门预算支出经济分类科目名称", "类", "款", "基本支出预算",
               "政府预算支出经济分类科目名称", "类", "款", "小计"]
PAIRED = _text(
    ["某某局2026年部门预算", "公开表6", "一般公共预算基本支出情况表", "部门（单位）：某某局", "单位：万元"]
    + PAIRED_HEAD + ["工资福利支出", "501", "日常公用支出", "100.00", "90.00", "机关工资福利支出", "90.00", "90.00",
                     "合计", "301", "人员支出", "301 01", "基本工资", "501 01", "工资奖金津补贴", "40.00", "40.00"]
    + ["301 02", "津贴补贴", "501 01", "工资奖金津补贴", "30.00", "30.00"]
    + ["301 03", "奖金", "501 01", "工资奖金津补贴", "20.00", "20.00", "- 14 -"]
    + ["公开表6", "一般公共预算基本支出情况表", "部门（单位）：某某局", "科目编码", "单位：万元"] + PAIRED_HEAD[1:]
    + ["302 01", "办公费", "502 01", "办公经费", "6.00", "6.00"]
    + ["302 06", "电费", "502 01", "办公经费", "4.00", "4.00", "- 15 -"])


def test_two_subject_rows_read_where_the_first_rows_mixed_into_the_header(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text(PAIRED, encoding="utf-8")
    report = extract(p)
    (t,) = [t for t in report.tables if t.method == "row-stream"]
    got = {r.code.value: sorted(v.value for k, v in r.values.items() if v is not None and isinstance(v.value, Decimal))
           for r in t.rows if r.code is not None}
    # the rows printed whole, over both pages; the 合计 row and the rows mixed into the header are
    # left out (their amounts are not read), never given to another row
    assert got == {"30102": [Decimal("30.00")] * 2, "30103": [Decimal("20.00")] * 2,
                   "30201": [Decimal("6.00")] * 2, "30206": [Decimal("4.00")] * 2}
    assert not any(r.name is not None and r.name.value == "合计" for r in t.rows)
    # 小计 | 人员支出 | 日常公用支出: the labels poppler printed among the first rows complete the header
    # (row_stream._paired_header); a row's two amounts are its 小计 and one leaf whichever the leaf,
    # so 小计 is certain and the leaf (人员 or 公用: no sum tells) goes to review
    for r in t.rows:
        assert r.values["基本支出预算/小计"].confidence >= policy.REVIEW_THRESHOLD
        assert all(r.values[k].confidence < policy.REVIEW_THRESHOLD for k in (
            "基本支出预算/人员支出", "基本支出预算/日常公用支出") if r.values[k].value is not None)


# Guangdong's 部门预算基本支出预算表 (a city budget, shortened) as pdftotext without -layout prints it:
# the 合计 row's label stands among the header's words ahead of the column labels, the header ends
# with a column label (其他资金), and units' names broken over two lines are printed at the page's end.
# By hand: 合计 300.00 = 某某局（本级） 200.00 + 某某信息中心 100.00; 200.00 = 150.00 + 40.00 + 10.00;
# 100.00 = 80.00 + 20.00.
GD_HEADER = ["支出项目类别（资金使用", "单位）", "合计", "单位：万元", "财政拨款", "总计", "合计", "一般公共预算",
             "政府性基金预算", "国有资本经营预算", "财政专户拨款", "其他资金"]


def _gd_run(amount: str) -> list[str]:
    """A row's seven cells: 总计, 财政拨款 合计, 一般公共预算, then four 0.00."""
    return [amount, amount, amount] + ["0.00"] * 4


GD_BASIC = _text(["表11", "部门预算基本支出预算表", "单位名称：某某局"] + GD_HEADER + _gd_run("300.00")
                 + _gd_run("200.00") + ["工资福利支出"] + _gd_run("150.00") + ["商品和服务支出"] + _gd_run("40.00")
                 + ["对个人和家庭的补助"] + _gd_run("10.00") + _gd_run("100.00") + ["工资福利支出"] + _gd_run("80.00") + _gd_run("20.00")
                 + ["某某局（本", "级）", "某某市某某信息", "中心", "商品和服务支出", "注：无。", "- 18 -"])


def test_the_total_row_named_among_the_header_words_and_unit_names_broken_at_the_page_end(tmp_path):
    t = _table(tmp_path, GD_BASIC)
    assert [r.name.value for r in t.rows] == [
        "合计", "某某局（本级）", "工资福利支出", "商品和服务支出", "对个人和家庭的补助", "某某市某某信息中心",
        "工资福利支出", "商品和服务支出"]
    assert t.columns[:3] == ["总计", "财政拨款/合计", "财政拨款/一般公共预算"]
    total = t.rows[0]
    assert total.values["总计"].value == Decimal("300.00")
    assert total.values["其他资金"].value == Decimal("0.00")
    assert total.values["总计"].confidence >= 0.9
    # the units' names, each broken over two lines at the page's end, join as units' names do; placed
    # by order, their amounts go to review
    centre = t.rows[5]
    assert centre.values["总计"].value == Decimal("100.00")
    assert centre.values["总计"].confidence < policy.REVIEW_THRESHOLD
    assert t.rows[7].values["总计"].value == Decimal("20.00")


# Guangdong's 收入总体情况表 by unit through pdftotext (a city's budget, names anonymised, two units
# left, the 合计 row set to their sum: 300.00 = 200.00 + 100.00, 一般公共预算 290.00 = 200.00 + 90.00,
# 上级补助收入 10.00; the centre's 100.00 = 90.00 + 10.00): the key column is 单位名称, the 合计
# row's label stands among the header's words, and the header ends with the last piece of a column's
# label broken over lines (`上年结` `转结余`), no row's name.
GD_INCOME = _text(["表2", "收入总体情况表", "单位名称：某某局", "单位：万元"] + (
    "财政拨款收入|单位名称|合计|一般公共预|政府性基金|国有资本经|算|合计|财政专户拨款收入|预算|营预算|教育收费|"
    "其他资金收入|其他专户|事业收|收入拨款|入|事业单|位经营|收入|其他收|入|上级补|助收入|附属单|位上缴|收入|上年结|"
    "转结余").split("|") + ["300.00", "290.00"] + ["0.00"] * 7 + ["10.00", "0.00", "0.00"] + ["某某局"] + ["200.00", "200.00"] + ["0.00"] * 10
    + ["某某市某某服务中心"] + ["100.00", "90.00"] + ["0.00"] * 7 + ["10.00", "0.00", "0.00"] + ["注：无。", "-6-"])


def test_a_table_by_unit_whose_header_ends_with_a_piece_of_a_column_label(tmp_path):
    t = _table(tmp_path, GD_INCOME)
    assert [r.name.value for r in t.rows] == ["合计", "某某局", "某某市某某服务中心"]
    centre = t.rows[2]
    assert [str(f.value) for f in centre.values.values()] == ["100.00", "90.00"] + ["0.00"] * 7 + [
        "10.00", "0.00", "0.00"]
    assert t.rows[0].values["合计"].value == Decimal("300.00")
    assert t.rows[0].values["上级补助收入"].value == Decimal("10.00")
    assert all(f.confidence >= 0.9 for r in t.rows for f in r.values.values())


def test_the_header_printed_again_without_its_key_label_on_the_next_page(tmp_path):
    # GD_BASIC over two pages: page 1 ends with the names of its two rows printed apart (units' names
    # broken over two lines), page 2 prints the header again without the key column's label (the
    # running header leaves it out), then 工资福利支出's row and a row whose name stands at the end.
    # By hand: 合计 300.00 = 200.00 + 100.00; 200.00 = 150.00 + 40.00 + 10.00; 100.00 = 80.00 + 20.00.
    echo = GD_HEADER[1:2] + GD_HEADER[4:]
    text = _text(["表11", "部门预算基本支出预算表", "单位名称：某某局"] + GD_HEADER + _gd_run("300.00")
                 + _gd_run("200.00") + ["工资福利支出"] + _gd_run("150.00") + ["商品和服务支出"] + _gd_run("40.00")
                 + ["对个人和家庭的补助"] + _gd_run("10.00") + _gd_run("100.00")
                 + ["某某局（本", "级）", "某某市某某信息", "中心", "- 18 -"] + echo + ["工资福利支出"] + _gd_run("80.00")
                 + _gd_run("20.00") + ["商品和服务支出", "注：无。", "- 19 -"])
    t = _table(tmp_path, text)
    assert [(r.name.value, str(r.values["总计"].value)) for r in t.rows] == [
        ("合计", "300.00"), ("某某局（本级）", "200.00"), ("工资福利支出", "150.00"), ("商品和服务支出", "40.00"),
        ("对个人和家庭的补助", "10.00"), ("某某市某某信息中心", "100.00"), ("工资福利支出", "80.00"),
        ("商品和服务支出", "20.00")]
