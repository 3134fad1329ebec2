"""The `groups-stream` reader: 公开06表 code/name/amount groups and labelled rows of a table no
template knows, printed one cell per line with blank cells absent (PyMuPDF, pdftotext without
-layout). Expected values were checked by hand against the texts below and, for the generated
reports, against the PyMuPDF text of the generated PDF."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractor import extract
from extractor.evidence import policy

# 公开06表 with two groups as PyMuPDF prints it: header words first, then each printed row's groups
# left to right (code, name, amount; a blank amount is absent), a name broken over two lines, the
# 人员经费合计 / 公用经费合计 row last. Rows as printed:
#   301 工资福利支出 150.00      | 302 商品和服务支出 40.00
#   30101 基本工资 100.00        | 30201 办公费 30.00
#   30102 津贴补贴 (blank)       | 30202 印刷费 10.00
#   30107 绩效工资 50.00         | 30205 水费 (blank)
#   303 对个人和家庭的补助 20.00  | 310 资本性支出 5.00
#   30302 退休费 20.00           | 31002 办公设备购置 5.00
STREAM_06 = """一般公共预算财政拨款基本支出决算表
公开06表
单位：万元
经济分类科
目编码
科目名称
决算数
经济分类科
目编码
科目名称
决算数
301
工资福利支出
150.00
302
商品和服务支出
40.00
30101
  基本工资
100.00
30201
  办公费
30.00
30102
  津贴补贴
30202
  印刷费
10.00
30107
  绩效工资
50.00
30205
  水费
303
对个人和家庭的补助
20.00
310
资本性支出
5.00
30302
  退休费
20.00
31002
  办公设备购
置
5.00
人员经费合计
170.00
公用经费合计
45.00
注：本表反映本部门本年度一般公共预算财政拨款基本支出的经济分类明细。
"""

# 整体支出绩效评价基础数据表 as PyMuPDF prints it: the header's corner word and one word per column,
# then each row's label (one broken over two lines) and its three values (a dash for a blank cell).
STREAM_BASE = """2024年度部门整体支出绩效评价基础数据表
经费控制情况（万元）
2023年决算数
2024年预算数
2024年决算数
三公经费
65.19
80.96
73.18
1、公务用车购置和
维护经费
46.72
52.78
52.45
项目支出：
395.53
528.12
489.49
部门基本支出预算调整
——
0
0
说明：“项目支出”填报基本支出以外的所有项目支出情况。
"""


def _extract(tmp_path, text: str, name: str = "t.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return extract(p)


def _stream_tables(report):
    return [t for t in report.tables if t.method == "groups-stream"]


def _row(table, key):
    return next(r for r in table.rows if (r.code is not None and r.code.value == key) or r.name.value == key)


def _value(table, key, column="决算数"):
    return _row(table, key).values[column].value


def test_groups_read_from_a_cell_stream(tmp_path):
    report = _extract(tmp_path, STREAM_06)
    (t,) = _stream_tables(report)
    assert t.template == "final.06"
    assert t.parsing_report.reader == "groups-stream"
    assert t.columns == ["决算数"]
    # group by group, as printed down each column; the totals last
    assert [r.code.value if r.code and r.code.value else r.name.value for r in t.rows] == [
        "301", "30101", "30102", "30107", "303", "30302",
        "302", "30201", "30202", "30205", "310", "31002", "人员经费合计", "公用经费合计"]
    assert _value(t, "301") == Decimal("150.00")
    assert _value(t, "30101") == Decimal("100.00")
    assert _value(t, "30102") is None  # blank: the next word is the next group's code
    assert _value(t, "30202") == Decimal("10.00")
    assert _value(t, "30205") is None
    assert _value(t, "303") == Decimal("20.00")
    assert _row(t, "31002").name.value == "办公设备购置"  # broken over two lines
    assert _value(t, "31002") == Decimal("5.00")
    assert _value(t, "人员经费合计") == Decimal("170.00")
    assert _value(t, "公用经费合计") == Decimal("45.00")
    # every 类 is the sum of its 款 and the totals add up: no amount goes to review
    assert all(v.confidence >= policy.REVIEW_THRESHOLD for r in t.rows for v in r.values.values()
               if v.value is not None)
    # each amount keeps the line it was printed on (text lines count from 1)
    lines = STREAM_06.splitlines()
    assert lines[_row(t, "30202").values["决算数"].source.line - 1] == "10.00"


def test_a_family_that_does_not_add_up_goes_to_review(tmp_path):
    # 印刷费 printed 12.00: 302 (40.00) is no longer 办公费 30.00 + 印刷费; which amount moved is unknown
    report = _extract(tmp_path, STREAM_06.replace("  印刷费\n10.00\n", "  印刷费\n12.00\n"))
    (t,) = _stream_tables(report)
    for code in ("302", "30201", "30202"):
        v = _row(t, code).values["决算数"]
        assert v.confidence < policy.REVIEW_THRESHOLD
        assert any(r.status == "unconfirmed" and "row uncertain" in r.note for r in v.repairs)
    assert _value(t, "30202") == Decimal("12.00")
    # 301 still adds up
    assert _row(t, "30101").values["决算数"].confidence >= policy.REVIEW_THRESHOLD


def test_codes_in_parts_and_pdftotext_lines(tmp_path):
    # codes printed over 类 | 款 columns (301 / 01); pdftotext puts an amount and the next code on one
    # line; a code whose name went elsewhere in the reading order (30205) is no amount of 印刷费
    text = """一般公共预算财政拨款基本支出决算表
单位：万元
经济分类科目编码
科目名称
决算数
经济分类科目编码
科目名称
决算数
类
款
类
款
301
工资福利支出
100.00 302
商品和服务支出
10.00
301
01
基本工资
100.00 302
02
印刷费
30205
301
02
津贴补贴
302
11
差旅费
10.00
人员经费合计
100.00
公用经费合计
10.00
"""
    report = _extract(tmp_path, text)
    (t,) = _stream_tables(report)
    assert _value(t, "30101") == Decimal("100.00")
    assert _value(t, "30202") is None
    assert _value(t, "30211") == Decimal("10.00")
    assert _row(t, "30102").name.value == "津贴补贴"
    assert not any(v.value == Decimal("30205") for r in t.rows for v in r.values.values())


def test_a_stream_that_turns_to_debris_ends_the_table(tmp_path):
    # after 人员经费合计 pdftotext printed pieces of other cells: nothing after it is read
    debris = "45.00\n307\n科目名称\n物资储备\n31009\n土地补偿\n22.32\n"
    text = STREAM_06.replace("公用经费合计\n45.00\n", debris)
    report = _extract(tmp_path, text)
    (t,) = _stream_tables(report)
    assert t.rows[-1].name.value == "人员经费合计"
    assert not any(r.code is not None and r.code.value == "31009" for r in t.rows)
    # one total alone cannot be checked against the 类: it goes to review
    assert _row(t, "人员经费合计").values["决算数"].confidence < policy.REVIEW_THRESHOLD


def test_labelled_rows_of_a_table_no_template_knows(tmp_path):
    report = _extract(tmp_path, STREAM_BASE)
    (t,) = _stream_tables(report)
    assert t.template is None
    assert t.columns == ["2023年决算数", "2024年预算数", "2024年决算数"]
    assert [r.name.value for r in t.rows] == [
        "三公经费", "1、公务用车购置和维护经费", "项目支出：", "部门基本支出预算调整"]
    row = _row(t, "1、公务用车购置和维护经费")
    assert [v.value for v in row.values.values()] == [Decimal("46.72"), Decimal("52.78"), Decimal("52.45")]
    assert _row(t, "项目支出：").values["2024年决算数"].value == Decimal("489.49")
    assert _row(t, "部门基本支出预算调整").values["2024年预算数"].value == Decimal("0")
    # words after the last row's values are no row: the table ends before them
    report = _extract(tmp_path, STREAM_BASE.replace("说明：", "附件2\n说明："), "trailing.txt")
    (t,) = _stream_tables(report)
    assert t.rows[-1].name.value == "部门基本支出预算调整"


def test_a_row_whose_label_is_uncertain_is_not_read(tmp_path):
    # as many words as columns plus one before 64 62 96.88%: a corner word and three column names
    # (the row has no label), or three names and the label 控制率: the row is not read
    people = "财政供养人员情况（人）\n编制数\n实际在职人数\n控制率\n64\n62\n96.88%\n"
    text = STREAM_BASE.replace("经费控制情况（万元）\n", people + "经费控制情况（万元）\n", 1)
    report = _extract(tmp_path, text)
    (t,) = _stream_tables(report)
    assert not any(v.value in (Decimal("64"), Decimal("62")) for r in t.rows for v in r.values.values())
    assert _row(t, "三公经费").values["2023年决算数"].value == Decimal("65.19")


def test_rows_that_do_not_fill_the_columns_are_declined(tmp_path):
    # 政府采购金额 prints two values of three: which column is blank is unknowable
    text = STREAM_BASE.replace("部门基本支出预算调整\n——\n0\n0\n", "政府采购金额\n125.68\n107.00\n")
    report = _extract(tmp_path, text)
    assert not _stream_tables(report)
    assert not any(v.value == Decimal("125.68")
                   for t in report.tables for r in t.rows for v in r.values.values())


def test_other_layouts_stay_with_their_readers(tmp_path):
    # rows printed one per line are the spaced reader's; a subject table's stream is row-stream's
    text = """2024年度部门整体支出绩效评价基础数据表
项目 2023年决算数 2024年预算数 2024年决算数
三公经费 65.19 80.96 73.18
项目支出 395.53 528.12 489.49
公用经费 420.31 375.14 356.69
"""
    assert not _stream_tables(_extract(tmp_path, text))
    subject = """一般公共预算财政拨款支出决算表
公开05表
单位：万元
科目编码
科目名称
合计
基本支出
项目支出
201
一般公共服务支出
100.00
70.00
30.00
2010601
行政运行
70.00
70.00
合计
100.00
70.00
30.00
"""
    assert not _stream_tables(_extract(tmp_path, subject, "s.txt"))


@pytest.fixture()
def _converters():
    import converted  # fpdf2 and PyMuPDF are test extras: a missing one fails, never skips
    import samplegen

    return samplegen, converted


def test_pymupdf_text_of_generated_reports(tmp_path, _converters):
    samplegen, converted = _converters
    pdf = tmp_path / "final.pdf"
    samplegen.write_pdf(1, "final", pdf)
    report = extract(converted.convert(pdf, "pymupdf", tmp_path))
    (t06,) = [t for t in _stream_tables(report) if t.template == "final.06"]
    # printed: 301 工资福利支出 539.57 | 302 商品和服务支出 326.69 | 307 债务利息及费用支出;
    # 30101 基本工资 75.77; 30106 伙食补助费 blank; 30108 机关事业单位基本养 / 老保险缴费 51.36;
    # 30231 公务用车运行 / 维护费 33.57; 人员经费合计 669.11 公用经费合计 326.69
    assert _value(t06, "301") == Decimal("539.57")
    assert _value(t06, "302") == Decimal("326.69")
    assert _value(t06, "307") is None
    assert _value(t06, "30101") == Decimal("75.77")
    assert _value(t06, "30106") is None
    assert _row(t06, "30108").name.value == "机关事业单位基本养老保险缴费"
    assert _value(t06, "30108") == Decimal("51.36")
    assert _value(t06, "30231") == Decimal("33.57")
    assert _value(t06, "人员经费合计") == Decimal("669.11")
    assert _value(t06, "公用经费合计") == Decimal("326.69")
    assert all(v.confidence >= policy.REVIEW_THRESHOLD for r in t06.rows for v in r.values.values()
               if v.value is not None)

    pdf = tmp_path / "self_eval.pdf"
    samplegen.write_pdf(3, "self_eval", pdf)
    report = extract(converted.convert(pdf, "pymupdf", tmp_path))
    (base,) = [t for t in _stream_tables(report) if "基础数据表" in (t.title or "")]
    # printed: 三公经费 65.19 80.96 73.18; 项目支出： 395.53 528.12 489.49;
    # 政府采购金额 125.68 118.17 107.00
    assert base.columns == ["2023年决算数", "2024年预算数", "2024年决算数"]
    assert [v.value for v in _row(base, "三公经费").values.values()] == [
        Decimal("65.19"), Decimal("80.96"), Decimal("73.18")]
    assert _row(base, "项目支出：").values["2024年预算数"].value == Decimal("528.12")
    assert _row(base, "政府采购金额").values["2024年决算数"].value == Decimal("107.00")
