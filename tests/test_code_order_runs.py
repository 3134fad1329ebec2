"""pdftotext without -layout: a subject table's labels printed out of row order (run_code_order.py)
and a stream the identities cut more than one way (column_runs.py leaves the cells they differ in
blank, for review)."""
from __future__ import annotations

from decimal import Decimal

from extractor.datamodel import Document, Line, NLine
from extractor.normalize import normalize
from extractor.structure.column_runs import read_runs
from extractor.structure.tables import build_table


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


def _by_code(table):
    return {r.code.value if r.code else r.name.value: {k: v for k, v in r.values.items()} for r in table.rows}


HEAD = ["一般公共预算支出表", "单位：万元", "项目", "功能分类科目编码", "类", "款", "功能分类科目名称",
        "合计", "基本支出", "项目支出"]
# by hand: 208 社会保障和就业支出 50 = 50 基本 (20805 50: 2080502 30 + 2080599 20, all 基本);
# 213 农林水支出 90 = 60 基本 + 30 项目 (21301, 2130199 the same); 合计 140 = 110 + 30, printed last.
# poppler's order: the amounts row by row, a 类's name after its rows, the codes as clumps of 类
# lines and lone 款 / 项 pieces after the amounts.
SCRAMBLED = HEAD + [
    "行政事业单位养老支出", "50.00", "50.00", "50.00", "50.00", "30.00", "30.00", "20.00", "20.00",
    "农林水支出", "90.00", "60.00", "30.00", "农业农村", "90.00", "60.00", "30.00",
    "其他农业农村支出", "90.00", "60.00", "30.00", "合计", "140.00", "110.00", "30.00",
    "05", "208", "05", "02", "事业单位离退休", "208", "05", "99", "其他行政事业单位养老支出",
    "213", "213", "01", "社会保障和就业支出", "208", "01", "项", "208", "213", "99",
    "注：本表反映一般公共预算支出情况。"]


def test_labels_out_of_row_order_are_read_by_their_codes():
    t = _table(SCRAMBLED)
    assert t is not None and t.method == "column-runs"
    rows = _by_code(t)
    assert [r.code.value if r.code else r.name.value for r in t.rows] == [
        "208", "20805", "2080502", "2080599", "213", "21301", "2130199", "合计"]
    names = {r.code.value: r.name.value for r in t.rows if r.code}
    assert names["2080502"] == "事业单位离退休" and names["208"] == "社会保障和就业支出"
    first, basic, project = t.columns
    assert rows["208"][first].value == Decimal("50.00") and rows["208"][basic].value == Decimal("50.00")
    assert rows["2080599"][first].value == Decimal("20.00")
    assert rows["2130199"][project].value == Decimal("30.00")
    assert rows["合计"][first].value == Decimal("140.00") and rows["合计"][basic].value == Decimal("110.00")
    assert rows["合计"][first].confidence >= 0.9


def test_labels_out_of_order_need_the_printed_code_parts():
    # a 项 piece missing: the printed parts do not account for the rows' codes, nothing is read
    broken = list(SCRAMBLED)
    broken.remove("02")
    assert _table(broken) is None


# by hand: 211 节能环保支出 274.16 = 93.60 基本 + 180.56 项目, 21101 the same, 2110101 行政运行 93.60 基本,
# 2110199 180.56 项目; 221 / 22102 / 2210201 8.42 基本; 合计 282.58 = 102.02 + 180.56. The amounts run
# in row order, but a row's run carries the next rows' (`274.16 93.60 180.56 93.60 93.60`) and the
# page break puts 2110199's project cell after 221's total: 2110101 and 2110199 may also be read
# the other way round (180.56 | — | 180.56 and 93.60 | 93.60), every identity kept.
TWO_WAYS = ["一般公共预算支出表", "单位：万元", "项目", "功能分类科目编码", "科目名称", "合计", "基本支出",
            "项目支出", "211", "合计", "282.58", "102.02", "180.56", "节能环保支出", "274.16", "93.60",
            "180.56", "环境保护管理事务", "274.16", "93.60", "180.56", "93.60", "93.60", "211", "01",
            "211", "01", "01", "行政运行", "211", "01", "99", "其他环境保护管理事务支出", "221", "住房保障支出",
            "180.56", "8.42", "180.56", "8.42", "221", "02", "221", "02", "01", "住房改革支出", "8.42", "8.42",
            "住房公积金", "8.42", "8.42", "注：本表反映一般公共预算支出情况。"]


def test_two_readings_leave_the_cells_they_differ_in_for_review():
    t = _table(TWO_WAYS)
    assert t is not None
    rows = _by_code(t)
    first, basic, project = t.columns
    assert rows["21101"][first].value == Decimal("274.16") and rows["21101"][first].confidence >= 0.9
    assert rows["221"][first].value == Decimal("8.42")
    for code in ("2110101", "2110199"):  # 93.60 or 180.56: left blank, to review with both amounts
        cell = rows[code][first]
        assert cell.value is None and cell.confidence < 0.9
        assert any("row uncertain" in n and "93.6" in n and "180.56" in n for n in cell.notes)


# by hand: 合计 1527.03 = 1367.83 基本 + 159.20 项目 (0 in the other three); 208 162.96 = 8.19 + 111.90
# + 42.87, all 基本; 210 61.10 基本; 214 / 21401 1302.97 = 1143.77 + 159.20; 2140101 行政运行 1143.77
# 基本; 2140199 159.20 项目; 合计 = 162.96 + 61.10 + 1302.97. pdftotext prints the 合计 row's 项目 cell
# and its 0s after the table's note with the last row's: the row-stream reader reads every row but
# the 合计 row.
SPLIT_TOTAL = [
    "支出决算表", "公开03表", "部门：某某局", "项", "单位：万元", "目", "本年支出合计", "基本支出", "项目支出",
    "上缴上级支出", "经营支出", "对附属单位补助", "支出", "栏次", "1", "2", "3", "4", "5", "6", "合计", "1527.03",
    "1367.83", "208", "社会保障和就业支出", "162.96", "162.96", "20805", "行政事业单位养老支出", "162.96", "162.96",
    "2080501", "行政单位离退休", "8.19", "8.19", "2080505", "机关事业单位基本养老保险缴费支出", "111.9", "111.9",
    "2080506", "机关事业单位职业年金缴费支出", "42.87", "42.87", "210", "卫生健康支出", "61.1", "61.1", "21011",
    "行政事业单位医疗", "61.1", "61.1", "2101101", "行政单位医疗", "61.1", "61.1", "214", "交通运输支出", "1302.97",
    "1143.77", "159.2", "21401", "公路水路运输", "1302.97", "1143.77", "159.2", "2140101", "行政运行", "1143.77",
    "1143.77", "2140199", "其他公路水路运输支出", "功能分类科目编", "码", "科目名称", "159.2",
    "注：本表反映本部门本年度各项支出情况。", "第6页", "159.2", "159.2", "0", "0", "0", "某某局2022年部门决算",
    "财政拨款收入支出决算总表", "公开04表", "部门：某某局", "单位：万元", "收入"]


def test_a_table_whose_total_row_is_split_is_read_whole(tmp_path):
    from extractor import extract
    p = tmp_path / "r.txt"
    p.write_text("\n\n".join(SPLIT_TOTAL), encoding="utf-8")
    t = next(t for t in extract(p).tables if t.title == "支出决算表")
    assert t.method == "column-runs"
    rows = _by_code(t)
    first, basic, project = t.columns[:3]
    assert [rows["合计"][c].value for c in t.columns] == [Decimal("1527.03"), Decimal("1367.83"), Decimal("159.2"),
                                                          Decimal("0"), Decimal("0"), Decimal("0")]
    assert rows["合计"][first].confidence >= 0.9
    assert rows["2080505"][first].value == Decimal("111.9") and rows["2080505"][first].confidence >= 0.9
    # 行政运行 and 2140199 could swap (1143.77 | 1143.77 | — and 159.20 | — | 159.20 both keep the
    # sums): the reading whose rows print their amounts right after their names is taken, to review
    assert rows["2140101"][first].value == Decimal("1143.77") and rows["2140199"][project].value == Decimal("159.2")
    assert rows["2140101"][first].confidence < 0.9
    assert any("right after their names" in n for n in rows["2140101"][first].notes)


def test_column_numbers_scattered_among_the_amounts_are_dropped():
    # the 栏次 numbers 1 2 3 printed apart (`1 2` before the rows, `3` after the 合计 row): each once,
    # every amount printed to the cent, so none is taken for an amount
    rows = list(SCRAMBLED)
    at = rows.index("行政事业单位养老支出")
    rows[at:at] = ["1", "2"]
    at = rows.index("140.00")
    rows[at + 3:at + 3] = ["3"]
    t = _table(rows)
    assert t is not None
    got = _by_code(t)
    first, basic, project = t.columns
    assert got["合计"][first].value == Decimal("140.00") and got["2130199"][project].value == Decimal("30.00")
    assert not any(v.value in (Decimal(1), Decimal(2), Decimal(3)) for r in got.values() for v in r.values())


# a fund table with no rows but its 合计 row of 0s: pdftotext prints the 栏次 numbers and the 0s
# interleaved with the header's words, the last columns' boxes after the table's note
ZERO_FUND = ["政府性基金预算财政拨款收入支出决算表", "公开07表", "部门：某某局", "项", "单位：万元", "目", "本年支出",
             "年初结转和结余", "科目代码", "本年收入", "年末结转和结余", "科目名称", "栏次", "合计", "1", "2", "0", "0",
             "注：本表反映本部门本年度政府性基金预算财政拨款收入、支出及结转结余情况。",
             "说明：本部门本年度无政府性基金预算财政拨款收入及支出，故本表无数据。", "第 14 页", "小计", "基本支出",
             "项目支出", "3", "4", "5", "0", "0", "6", "0", "0", "某某局2024年部门决算",
             "国有资本经营预算财政拨款支出决算表", "公开08表", "部门：某某局", "单位：万元"]


def test_a_fund_table_of_zeros_only_reads_its_total_row_whole(tmp_path):
    from extractor import extract
    p = tmp_path / "r.txt"
    p.write_text("\n\n".join(ZERO_FUND), encoding="utf-8")
    t = next(t for t in extract(p).tables if t.title == "政府性基金预算财政拨款收入支出决算表")
    assert len(t.rows) == 1 and t.rows[0].name.value == "合计"
    assert [v.value for v in t.rows[0].values.values()] == [Decimal(0)] * 6  # six columns, six 0s
    assert any("本表无数据" in n for n in t.notes)


# 支出总体情况表 as pdftotext without -layout prints a table whose code column stands in levels
# (类 | 款 | 项, Shandong): the 类 code only on 类 rows, every other row printing its own 款 or 项 part
# alone, a 项 part that follows the row above's amounts (`50`, `99`) among amounts printed to the
# cent. Hand-checked: 201 = 300.00 (200.00 基本 + 100.00 项目) = 行政运行 150.00 基本 + 审计业务 100.00
# 项目 + 事业运行 50.00 基本; 208 = 50.00 = 30.00 + 20.00; 合计 = 350.00 | 250.00 | 100.00.
LEVELS = ["支出总体情况表", "部门（单位）：某某局", "单位：万元", "项目", "科目编码", "科目名称", "类", "款",
          "合计", "基本支出", "项目支出", "合计", "350.00", "250.00", "100.00",
          "一般公共服务支出", "201", "300.00", "200.00", "100.00", "审计事务", "08", "300.00", "200.00", "100.00",
          "01", "行政运行", "150.00", "150.00", "04", "审计业务", "100.00", "100.00",
          "50", "事业运行", "50.00", "50.00", "社会保障和就业支出", "208", "50.00", "50.00",
          "行政事业单位养老支出", "05", "50.00", "50.00", "01", "行政单位离退休", "30.00", "30.00",
          "99", "其他行政事业单位养老支出", "20.00", "20.00"]


def test_a_code_column_in_levels_read_by_the_codes_its_pieces_account_for():
    t = _table(LEVELS)
    assert t is not None
    got = {k: {c: v.value for c, v in vals.items() if v is not None and v.value is not None}
           for k, vals in _by_code(t).items()}
    assert set(got) == {"合计", "201", "20108", "2010801", "2010804", "2010850", "208", "20805", "2080501", "2080599"}
    cols = t.columns
    total, basic, project = cols[0], cols[1], cols[2]
    assert got["2010850"] == {total: Decimal("50.00"), basic: Decimal("50.00")}  # `50` a 项 part, not an amount
    assert got["2010804"] == {total: Decimal("100.00"), project: Decimal("100.00")}
    assert got["2080599"] == {total: Decimal("20.00"), basic: Decimal("20.00")}
    assert got["合计"] == {total: Decimal("350.00"), basic: Decimal("250.00"), project: Decimal("100.00")}


def test_levels_whose_pieces_do_not_account_for_the_codes_are_declined():
    # a 项 part missing (行政单位离退休 prints none): the printed parts no longer account for the codes
    rows = list(LEVELS)
    del rows[rows.index("行政单位离退休") - 1]
    assert _table(rows) is None
