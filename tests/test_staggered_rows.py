"""Rows of a `-layout` table printed over several lines (structure/staggered_rows.py): pdftotext -layout
prints a ruled table whose cells sit at different heights as the row's amounts on a line above it,
its codes on the next line and its names below. Expected values checked by hand against the texts."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.structure.staggered_rows import unstagger

# 基本支出 by economic class, two subjects a row: amounts above, codes, then names (the right side's
# 款 part on the names' line, a name broken in its cell continued on a line of its own)
ECONOMIC = (
    '                    一般公共预算财政拨款基本支出决算表\n'
    '                                                                  单位：万元\n'
    '\n'
    '    经济分类                                    经济分类\n'
    '    科目编码                                    科目编码\n'
    '                   科目名称       决算数                          科目名称       决算数\n'
    '类      款                                类      款\n'
    '\n'
    '301                           100.00    302                            20.00\n'
    '            工资福利支出                                  商品和服务支出\n'
    '\n'
    '                               60.00                                   12.50\n'
    '301    01                               302\n'
    '            基本工资                               01   办公费\n'
    '\n'
    '                               30.00\n'
    '301    02                               302\n'
    '            津贴补贴                               02   印刷费\n'
    '\n'
    '                               10.00                                    7.50\n'
    '301    08   机关事业单位基本养老保险缴               302\n'
    '                                               11   差旅费\n'
    '            费\n'
    '\n'
    '            人员经费合计            100.00                公用经费合计             20.00\n'
)

# 财政拨款收入支出决算总表: the income side's amount printed a line above its label
SIDES = (
    '                            财政拨款收入支出决算总表\n'
    '                                                                              单位：万元\n'
    '\n'
    '          收入                                        支出\n'
    '                                                                             国有资本经营\n'
    '                                                    一般公共预算          政府性基金预\n'
    '                                                                               预\n'
    '     项目         决算数            项目         合计          财               算\n'
    '                                                                              算财政拨\n'
    '                                                    政拨款             财政拨款\n'
    '                                                                              款\n'
    '                 150.00\n'
    '一、一般公共预算财政拨款              一、一般公共服务支出          120.00      120.00\n'
    '二、政府性基金预算财政拨\n'
    '                          二、教育支出\n'
    '款\n'
    '                          三、住房保障支出             30.00       30.00\n'
    '                 150.00                       150.00\n'
    '   本年收入合计                     本年支出合计                      150.00\n'
    '年初财政拨款结转和结余        5.00   年末财政拨款结转和结余           5.00        5.00\n'
    '     总计          155.00         总计            155.00      155.00\n'
)


def _tables(tmp_path, text):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    return extract(p)


def _values(table):
    out = {}
    for row in table.rows:
        key = row.code.value if row.code is not None and row.code.value else row.name.value
        for col, f in row.values.items():
            if f.value is not None:
                out[(key, col)] = (f.value, f.confidence)
    return out


def test_economic_rows_over_three_lines_are_read_one_row_a_line(tmp_path):
    report = _tables(tmp_path, ECONOMIC)
    table = next(t for t in report.tables if "基本支出" in str(t.title))
    got = _values(table)
    names = {r.code.value: r.name.value for r in table.rows if r.code is not None}
    assert names["30108"] == "机关事业单位基本养老保险缴费"  # the name's last character on a line of its own
    assert names["30211"] == "差旅费"  # its 款 part printed on the names' line
    expected = {"301": "100.00", "30101": "60.00", "30102": "30.00", "30108": "10.00",
                "302": "20.00", "30201": "12.50", "30211": "7.50"}
    for code, amount in expected.items():
        value, conf = got[(code, "决算数")]
        assert value == Decimal(amount), code
        assert conf >= 0.9, code
    assert ("30202", "决算数") not in got  # 印刷费: blank
    assert sum(1 for k in got if k[0] in expected) == len(expected)


def test_side_amount_above_its_label_goes_down_to_it(tmp_path):
    report = _tables(tmp_path, SIDES)
    table = next(t for t in report.tables if "收入支出决算总表" in str(t.title))
    got = _values(table)
    assert got[("一般公共预算财政拨款", "决算数")][0] == Decimal("150.00")
    assert got[("本年收入合计", "决算数")][0] == Decimal("150.00")
    assert got[("本年支出合计", "合计")][0] == Decimal("150.00")
    assert got[("一般公共服务支出", "合计")][0] == Decimal("120.00")
    assert not any(k[0] == "政府性基金预算财政拨款" for k in got)


def test_amounts_centred_between_two_pieces_of_a_name_are_left_as_printed():
    # the amounts between 一般公共服务 and 支出 are that row's: the line below starts no row, so the
    # body is not of the staggered shape
    body = ["201                        100.00       100.00",
            "               一般公共服务",
            "                           80.00        80.00",
            "               支出",
            "202                        20.00        20.00",
            "               外交支出",
            "203                        10.00        10.00"]
    assert unstagger(body, 0, len(body)) is None


def test_amounts_whose_row_below_fills_their_column_are_not_moved():
    body = ["                           12.00",
            "301    01   基本工资       60.00",
            "301    02   津贴补贴       30.00",
            "301    03   奖金           10.00"]
    assert unstagger(body, 0, len(body)) is None


def test_a_staggered_body_is_put_on_its_anchor_lines():
    body = ["301                        100.00",
            "            工资福利支出",
            "",
            "                            60.00",
            "301    01",
            "            基本工资",
            "301    02   津贴补贴       40.00"]
    got = unstagger(body, 0, len(body))
    assert got is not None
    texts = [t for t, _ in got]
    assert texts[0].split() == ["301", "工资福利支出", "100.00"]
    assert texts[4].split() == ["301", "01", "基本工资", "60.00"]
    assert texts[3] == texts[5] == "" and texts[1] == ""
    assert texts[6] == body[6]


# 支出决算表: every row's split amounts on a line above it; the 合计 row's over two lines, with the
# header's last line (类 款 项) printed between them and its label
FUNCTION = (
    '                                支出决算表\n'
    '                                                            单位：万元\n'
    '\n'
    '                项目\n'
    '   支出功能分类                         合计        基本支出      项目支出\n'
    '    科目编码            科目名称\n'
    '                                             80.00     20.00\n'
    '                                  100.00\n'
    ' 类    款    项\n'
    '                        合计\n'
    '                                             80.00     20.00\n'
    '201             一般公共服务支出          100.00\n'
    '                                             80.00     20.00\n'
    '201   06        财政事务              100.00\n'
    '                                             80.00\n'
    '201   06   01   行政运行               85.00                5.00\n'
    '201   06   02   一般行政管理事务           15.00               15.00\n'
)


def test_total_amounts_above_the_header_levels_line_go_down_to_the_total(tmp_path):
    report = _tables(tmp_path, FUNCTION)
    table = next(t for t in report.tables if "支出决算表" in str(t.title))
    got = _values(table)
    expected = {("合计", "合计"): "100.00", ("合计", "基本支出"): "80.00", ("合计", "项目支出"): "20.00",
                ("201", "基本支出"): "80.00", ("201", "项目支出"): "20.00", ("20106", "基本支出"): "80.00",
                ("2010601", "合计"): "85.00", ("2010601", "基本支出"): "80.00", ("2010601", "项目支出"): "5.00",
                ("2010602", "合计"): "15.00", ("2010602", "项目支出"): "15.00"}
    for key, amount in expected.items():
        value, conf = got[key]
        assert value == Decimal(amount), key
        assert conf >= 0.9, key
    assert ("2010602", "基本支出") not in got
