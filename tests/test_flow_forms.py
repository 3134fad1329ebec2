"""The attachment tables of a 绩效自评 report in the flow order of pdftotext without -layout and of
pdfminer.six (one cell per line, header words mixed, some labels moved away from their values):
labelled_flow.py reads the 整体支出绩效评价基础数据表, form_flow.py the head of the 绩效自评表. The
fixtures are written by hand on the shape those converters print (numbers checked by hand: 三公经费 =
1、+ 2、, 项目支出： = 1、+ 2、, 年度资金总额 = the lines under it)."""
from __future__ import annotations

import sys
from decimal import Decimal

import pytest

from conftest import ROOT
from extractor.pipeline import extract

TITLE = "2024年度部门（单位）整体支出绩效评价基础数据表\n"
NOTE = "说明：“项目支出”填报基本支出以外的所有项目支出情况，“公用经费”填报基本支出中的一般商品和服务支出。\n"

# pdftotext: the header's words mixed with the first section's values and the first row's label
# (三公经费); labels printed before their three values, some labels printed after all the values
BASIC_PDFTOTEXT = TITLE + """财政供养人员情况（人）
经费控制情况（万元）

编制数

2024年实际在职人数
20

2023年决算数

三公经费

控制率

18
2024年预算数

90.00%
2024年决算数

12.50

15.00

13.20

8.00

9.00

8.70

2、公务接待费

4.50

6.00

4.50

30.00

40.00

35.00

1、培训经费

10.00

15.00

12.00

2、宣传经费

{ad}

25.00

23.00

50.00

55.00

52.00

政府采购金额

5.00

6.00

5.50

1、公务用车运行维护费
项目支出：
公用经费

""" + NOTE

# pdfminer.six: each section's header in order, then every label, then the values column by column
BASIC_PDFMINER = TITLE + """
财政供养人员情况（人）

编制数

2024年实际在职人数

控制率

20

18

90.00%

经费控制情况（万元）

2023年决算数

2024年预算数

2024年决算数

三公经费

1、公务用车运行维护费

2、公务接待费

项目支出：

1、培训经费

2、宣传经费

公用经费

政府采购金额

""" + "\n\n".join(["12.50", "8.00", "4.50", "30.00", "10.00", "20.00", "50.00", "5.00",
                   "15.00", "9.00", "6.00", "40.00", "15.00", "25.00", "55.00", "6.00",
                   "13.20", "8.70", "4.50", "35.00", "12.00", "23.00", "52.00", "5.50"]) + "\n\n" + NOTE


def _extract(tmp_path, text: str):
    p = tmp_path / "report.txt"
    p.write_text("某局2024年度整体支出绩效自评报告\n附件1\n" + text, encoding="utf-8")
    return extract(p, ner=False)


def _table(report, word: str):
    (t,) = [t for t in report.tables if word in (t.title or "")]
    return t


def _rows(table) -> dict[str, list[tuple[Decimal, float]]]:
    return {r.name.value: [(f.value, f.confidence) for f in r.values.values() if isinstance(f.value, Decimal)]
            for r in table.rows}


def _values(rows, name):
    return [v for v, _ in rows[name]]


def test_pdftotext_basic_data_table_rows(tmp_path):
    t = _table(_extract(tmp_path, BASIC_PDFTOTEXT.format(ad="20.00")), "基础数据表")
    assert t.method == "labelled-flow" and t.parsing_report.reader == "labelled-flow"
    rows = _rows(t)
    d = Decimal
    # a label with exactly three values: read as printed
    assert _values(rows, "1、培训经费") == [d("10.00"), d("15.00"), d("12.00")]
    assert _values(rows, "2、宣传经费") == [d("20.00"), d("25.00"), d("23.00")]
    assert _values(rows, "政府采购金额") == [d("5.00"), d("6.00"), d("5.50")]
    # labels printed away from their values, matched in order with the value groups that have none
    assert _values(rows, "三公经费") == [d("12.50"), d("15.00"), d("13.20")]
    assert _values(rows, "1、公务用车运行维护费") == [d("8.00"), d("9.00"), d("8.70")]
    assert _values(rows, "项目支出：") == [d("30.00"), d("40.00"), d("35.00")]
    assert _values(rows, "公用经费") == [d("50.00"), d("55.00"), d("52.00")]
    # the first of six values after a label
    assert _values(rows, "2、公务接待费") == [d("4.50"), d("6.00"), d("4.50")]
    assert _values(rows, "") == [d("20"), d("18"), d("90.00")]  # 编制数 在职人数 控制率, among the header's words
    for name in ("三公经费", "1、公务用车运行维护费", "项目支出：", "公用经费", "2、公务接待费", ""):
        assert all(c < 0.8 for _, c in rows[name]), name  # placed in order, not for certain: review
    # the header's words are mixed: no column name is certain, so nothing is read at the confident level
    assert all(c < 0.9 for vs in rows.values() for _, c in vs)
    assert all(c >= 0.8 for _, c in rows["1、培训经费"])


def test_pdftotext_basic_data_row_that_does_not_add_up_goes_to_review(tmp_path):
    t = _table(_extract(tmp_path, BASIC_PDFTOTEXT.format(ad="21.00")), "基础数据表")
    rows = _rows(t)
    assert _values(rows, "2、宣传经费")[0] == Decimal("21.00")
    for name in ("项目支出：", "1、培训经费", "2、宣传经费"):  # 30.00 != 10.00 + 21.00
        assert all(c < 0.8 for _, c in rows[name]), name
    assert all(c >= 0.8 for _, c in rows["政府采购金额"])


def test_pdfminer_basic_data_table_column_by_column(tmp_path):
    t = _table(_extract(tmp_path, BASIC_PDFMINER), "基础数据表")
    assert t.method == "labelled-flow"
    rows = _rows(t)
    d = Decimal
    assert _values(rows, "三公经费") == [d("12.50"), d("15.00"), d("13.20")]
    assert _values(rows, "2、公务接待费") == [d("4.50"), d("6.00"), d("4.50")]
    assert _values(rows, "2、宣传经费") == [d("20.00"), d("25.00"), d("23.00")]
    assert _values(rows, "政府采购金额") == [d("5.00"), d("6.00"), d("5.50")]
    assert _values(rows, "") == [d("20"), d("18"), d("90.00")]
    # the numbered items add up in every column read so (and not read row by row): confident
    assert all(c >= 0.9 for vs in rows.values() for _, c in vs)


def test_pdfminer_basic_data_table_without_a_confirming_sum_goes_to_review(tmp_path):
    # 三公经费 13.00 is not 8.00 + 4.50: the column-by-column order is not confirmed
    text = BASIC_PDFMINER.replace("\n12.50\n", "\n13.00\n")
    rows = _rows(_table(_extract(tmp_path, text), "基础数据表"))
    assert _values(rows, "三公经费")[0] == Decimal("13.00")
    assert all(c < 0.8 for name, vs in rows.items() if name for _, c in vs)


def test_pdfminer_basic_data_table_with_a_value_left_out_is_not_read(tmp_path):
    text = BASIC_PDFMINER.replace("\n52.00\n", "\n")  # a blank cell: the placement is unknowable
    report = _extract(tmp_path, text)
    assert not [t for t in report.tables if t.method == "labelled-flow"]


def test_rows_printed_whole_are_left_to_the_spaced_reader(tmp_path):
    text = TITLE + """财政供养人员情况（人）
编制数 2024年实际在职人数 控制率
20 18 90.00%
经费控制情况（万元） 2023年决算数 2024年预算数 2024年决算数
三公经费 12.50 15.00 13.20
1、公务用车运行维护费 8.00 9.00 8.70
2、公务接待费 4.50 6.00 4.50
政府采购金额 5.00 6.00 5.50
""" + NOTE
    t = _table(_extract(tmp_path, text), "基础数据表")
    assert t.method == "spaced"


# --- the 绩效自评表's head (form_flow.py) ----------------------------------------------------------

SHEET = """2024年度部门（单位）整体支出绩效自评表
预算部门（单位）
名称

某某局
年初预算数

年度预
算申请
（万元）

全年预算数

全年执行数

年度资金总额

300.00

320.00

{total}

其中：基本支出

200.00

210.00

208.00

项目支出

100.00

110.00

100.00

分值

执行率
10

预期目标
年度总体目标

实际完成情况

二级指标

三级指标

年度指标值

实际完成值

数量指标

培训人次

100人次

120人次

得分

10

20

20
围绕中心工作，保障机构正常运转，按期完成各项重点任务，提升服务质量和资金使用效益。
"""


def test_pdftotext_self_eval_sheet_funds_lines(tmp_path):
    report = _extract(tmp_path, SHEET.format(total="308.00"))
    t = _table(report, "整体支出绩效自评表")
    assert t.method == "form-flow"
    rows = _rows(t)
    d = Decimal
    # numbered as on the PDF route: the funds lines are the first data rows
    assert _values(rows, "第1行") == [d("300.00"), d("320.00"), d("308.00")]
    assert _values(rows, "第2行") == [d("200.00"), d("210.00"), d("208.00")]
    assert _values(rows, "第3行") == [d("100.00"), d("110.00"), d("100.00")]
    assert all(c >= 0.8 for vs in rows.values() for _, c in vs)
    assert len(rows) == 3  # the moved indicator cells are not read
    assert not report.performance.indicators


def test_pdftotext_self_eval_funds_that_do_not_add_up_go_to_review(tmp_path):
    rows = _rows(_table(_extract(tmp_path, SHEET.format(total="309.00")), "整体支出绩效自评表"))
    assert _values(rows, "第1行")[2] == Decimal("309.00")
    assert all(c < 0.8 for vs in rows.values() for _, c in vs)


# pdftotext: the first line's 分值 执行率 得分 printed after the funds lines, among those header words
# (308.00 / 320.00 = 96.25%; 10 × 96.25% = 9.625, printed 9.63)
MOVED = SHEET.replace("分值\n\n执行率\n10\n", "执行率\n\n得分\n\n10 96.25%\n\n{score}\n")


def test_pdftotext_self_eval_first_line_rate_printed_after_the_lines(tmp_path):
    rows = _rows(_table(_extract(tmp_path, MOVED.format(total="308.00", score="9.63")), "整体支出绩效自评表"))
    d = Decimal
    assert _values(rows, "第1行") == [d("300.00"), d("320.00"), d("308.00"), d("10"), d("96.25"), d("9.63")]
    assert _values(rows, "第2行") == [d("200.00"), d("210.00"), d("208.00")]
    # placed by order and arithmetic, not by a printed column: in review
    assert all(c < 0.9 for _, c in rows["第1行"][3:])


def test_pdftotext_self_eval_moved_rate_that_does_not_fit_is_not_read(tmp_path):
    rows = _rows(_table(_extract(tmp_path, MOVED.format(total="308.00", score="9.00")), "整体支出绩效自评表"))
    assert _values(rows, "第1行") == [Decimal("300.00"), Decimal("320.00"), Decimal("308.00")]


# pdftotext (gen_009's shape): the first line's 分值 执行率 得分 moved after the funds lines, the goal
# texts after their labels, then the indicator rows each with its pair 分值 得分, the last row's pair
# and the 总分 pair on one run, the 总分 label and other header words after them.
# 分值: 10 + 30 + 30 + 30 = 100; 得分: 9.63 + 30 + 28 + 30 = 97.63
WHOLE = """2024年度部门（单位）整体支出绩效自评表
预算部门（单位）
名称

某某局
年初预算数

年度预
算申请
（万元）

全年预算数

全年执行数

年度资金总额

300.00

320.00

308.00

其中：基本支出

200.00

210.00

208.00

项目支出

100.00

110.00

100.00

执行率

10

得分

96.25%

9.63

实际完成情况

围绕中心工作，保障机构正常运转，按期完成各项重点

任务，提升服务质量和资金使用效益。

一级指标

产出指标

二级指标

三级指标

年度指标值

实际完成值

培训人次

≥100人次

120人次

30

30

质量指标

达标率

≥95%

97%

30

28

满意度

≥90%

92%

30

30

{total}

总分

填表人：

分值

预期目标

年度总体目标

得分

第4页
"""


def test_pdftotext_self_eval_indicator_rows_confirmed_by_the_total(tmp_path):
    t = _table(_extract(tmp_path, WHOLE.format(total="100 97.63")), "整体支出绩效自评表")
    rows = _rows(t)
    d = Decimal
    assert _values(rows, "第1行") == [d("300.00"), d("320.00"), d("308.00"), d("10"), d("96.25"), d("9.63")]
    # numbered as on the form: goal labels, goal texts, indicator header, then the indicator rows
    assert _values(rows, "第7行") == [d("30"), d("30")]
    assert _values(rows, "第8行") == [d("97"), d("30"), d("28")]
    assert _values(rows, "第9行") == [d("92"), d("30"), d("30")]
    assert _values(rows, "第10行") == [d("100"), d("97.63")]
    assert len(rows) == 10
    # placed by order, confirmed by the sums only: in review
    assert all(c < 0.9 for name in ("第7行", "第8行", "第9行", "第10行") for _, c in rows[name])
    texts = {r.name.value: [str(f.value) for f in r.values.values() if f.value is not None] for r in t.rows}
    assert "达标率" in texts["第8行"] and "≥95%" in texts["第8行"]


def test_pdftotext_self_eval_indicator_rows_not_read_when_the_total_does_not_add_up(tmp_path):
    rows = _rows(_table(_extract(tmp_path, WHOLE.format(total="100 97.00")), "整体支出绩效自评表"))
    assert len(rows) == 3 and "第7行" not in rows


PROJECT = """项目支出绩效自评表

项目名称

社区养老服务补助

主管部门

县民政局

实施单位

县养老服务中心

年初预算数

项目资金
（万元）

全年预算数

全年执行数

年度资金总额

118.50

120.00

112.30

其中：当年财政拨
款

118.50

120.00

112.30

上年结转资金

0

0

0

分值

执行率

10

年度总体目标

二级指标

三级指标

年度指标值

实际完成值

数量指标

服务老年人数

≥500人

526人

得分

20

20

93.58%

9.36
为全县老年人提供助餐、日间照料等服务，提升老年人生活质量。
"""


def test_pdftotext_project_sheet_gives_the_project(tmp_path):
    report = _extract(tmp_path, PROJECT)
    t = _table(report, "项目支出绩效自评表")
    assert t.method == "form-flow"
    (p,) = [p for p in report.projects if p.name.value == "社区养老服务补助"]
    assert p.budget.value == Decimal("118.50") and p.full_year_budget.value == Decimal("120.00")
    assert p.actual.value == Decimal("112.30")
    assert p.supervisor.value == "县民政局" and p.implementer.value == "县养老服务中心"
    assert p.completion_rate is None and p.score is None  # moved cells: not read
    # the broken label 其中：当年财政拨 | 款 is one line's label
    assert any("其中：当年财政拨款" == str(r.values[k].value) for r in t.rows for k in r.values)


# --- the generated report through the converters ------------------------------------------------

@pytest.fixture(scope="module")
def self_eval_pdf(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "scripts"))
    import samplegen  # fpdf2 (test extra) and the CJK font (system-package script): never skipped

    out = tmp_path_factory.mktemp("flow_forms")
    samplegen.write_pdf(3, "self_eval", out / "self_eval_3.pdf")
    return out / "self_eval_3.pdf"


@pytest.mark.parametrize("name", ["pdftotext", "pdfminer"])
def test_generated_self_eval_attachments_agree_with_the_pdf_route(self_eval_pdf, name):
    import converted

    txt = converted.convert(self_eval_pdf, name, self_eval_pdf.parent)
    got, ref = extract(txt, ner=False), extract(self_eval_pdf, ner=False)
    a = converted.agreement(got, ref)
    assert a["confident_wrong"] == [] and a["precision"] == 1.0, a["confident_wrong"][:5]
    t = _table(got, "基础数据表")
    assert t.method == "labelled-flow" and len(t.rows) >= 19
    basic_only = ref.model_copy(update={"tables": [_table(ref, "基础数据表")], "totals": {}, "explanations": [],
                                        "projects": []})
    ref_basic = sum(converted.facts(basic_only).values())  # its comparable amounts (rows keyed by name or code)
    assert ref_basic >= 40
    assert a["by_part"]["table"][0] >= ref_basic  # every amount of the 基础数据表 at least


def test_pdftotext_project_sheet_total_score_in_review(tmp_path):
    # 总分 printed with exactly 100 and its score: the project's score, to review (no indicator read
    # confirms it)
    report = _extract(tmp_path, PROJECT.replace("9.36\n", "9.36\n\n总分\n\n100\n\n96.5\n"))
    (p,) = [p for p in report.projects if p.name.value == "社区养老服务补助"]
    assert p.score.value == Decimal("96.5") and p.score.confidence < 0.8
    assert report.performance.total_weight.value == Decimal("100")


def test_pdftotext_project_sheet_total_not_read_when_other_amounts_follow_it(tmp_path):
    # the 总分 label with the funds line's 分值 and 得分 after it (a moved cell): not a 总分 row
    report = _extract(tmp_path, PROJECT.replace("9.36\n", "9.36\n\n总分\n\n10\n\n9.36\n"))
    (p,) = [p for p in report.projects if p.name.value == "社区养老服务补助"]
    assert p.score is None


# pdfminer.six: the funds lines' labels, then the first column, the first line's other cells, and the
# other lines' cells row by row or column by column: which one, only the sums tell (320.00 = 210.00 +
# 110.00 and 308.00 = 208.00 + 100.00); 96.3% = 308.00 / 320.00, 9.63 = 10 × 96.3%
SHEET_PDFMINER = """2024年度部门（单位）整体支出绩效自评表

某某局

年初预算数

全年预算数

全年执行数 分值

执行率 得分

年度预算申请
（万元）

年度资金总额

其中：基本支出

项目支出

300.00

200.00

100.00

320.00

308.00

10

96.3%

9.63

{rest}

预期目标

实际完成情况
"""


@pytest.mark.parametrize("rest, order", [
    ("210.00\n\n208.00\n\n110.00\n\n100.00", "row by row"),
    ("210.00\n\n110.00\n\n208.00\n\n100.00", "column by column"),
])
def test_pdfminer_self_eval_funds_placed_by_the_one_order_that_adds_up(tmp_path, rest, order):
    t = _table(_extract(tmp_path, SHEET_PDFMINER.format(rest=rest)), "整体支出绩效自评表")
    assert t.method == "form-flow"
    rows = _rows(t)
    d = Decimal
    assert _values(rows, "第1行") == [d("300.00"), d("320.00"), d("308.00"), d("10"), d("96.3"), d("9.63")]
    assert _values(rows, "第2行") == [d("200.00"), d("210.00"), d("208.00")], order
    assert _values(rows, "第3行") == [d("100.00"), d("110.00"), d("100.00")], order


def test_pdfminer_self_eval_funds_no_order_adds_up_not_read(tmp_path):
    report = _extract(tmp_path, SHEET_PDFMINER.format(rest="210.00\n\n208.00\n\n111.00\n\n100.00"))
    assert not [t for t in report.tables if t.method == "form-flow"]


def test_pdfminer_self_eval_rate_that_does_not_hold_goes_to_review(tmp_path):
    text = SHEET_PDFMINER.format(rest="210.00\n\n208.00\n\n110.00\n\n100.00").replace("\n9.63\n", "\n9.36\n")
    rows = _rows(_table(_extract(tmp_path, text), "整体支出绩效自评表"))
    first = rows["第1行"]
    assert all(c >= 0.8 for _, c in first[:3]) and all(c < 0.8 for _, c in first[3:])


# pdfminer.six (gen_003's shape): the goal texts, then their labels; the indicator rows' labels and
# targets together, then the 分值 column of the first rows, their 得分 column, their 实际完成值; the
# last row printed whole; the 总分 pair after its label. 分值: 10 + 20 + 30 + 20 + 20 = 100;
# 得分: 9.63 + 20 + 27 + 20 + 18 = 94.63
INDICATORS_PDFMINER = SHEET_PDFMINER.replace("\n预期目标\n\n实际完成情况\n", """
围绕中心工作，保障机构正常运转，按期完成各项重点任务，

提升服务质量和资金使用效益。

预期目标

实际完成情况

一级指标

二级指标

三级指标

年度指标值 实际完成值 分值

得分 偏差原因分析及改进措施

培训人次

达标率

及时率

≥100人次

≥95%

≥90%

20

30

20

{weights}

120人次

97%

92%

满意度

≥85%

88%

20

18

总分

100

94.63

填表人：        填报日期：2025.3.11  联系电话：
""").replace("{rest}", "210.00\n\n208.00\n\n110.00\n\n100.00")


def test_pdfminer_self_eval_indicator_columns_placed_by_the_one_reading_that_adds_up(tmp_path):
    rows = _rows(_table(_extract(tmp_path, INDICATORS_PDFMINER.replace("{weights}", "20\n\n27\n\n20")),
                        "整体支出绩效自评表"))
    d = Decimal
    assert _values(rows, "第7行") == [d("20"), d("20")]
    assert _values(rows, "第8行") == [d("30"), d("27")]
    assert _values(rows, "第9行") == [d("20"), d("20")]
    # the last row printed whole: its 实际完成值 after its target
    assert _values(rows, "第10行") == [d("88"), d("20"), d("18")]
    assert _values(rows, "第11行") == [d("100"), d("94.63")]
    assert all(c < 0.9 for name in ("第7行", "第8行", "第9行", "第10行", "第11行") for _, c in rows[name])


def test_pdfminer_self_eval_indicator_columns_that_do_not_add_up_are_not_read(tmp_path):
    rows = _rows(_table(_extract(tmp_path, INDICATORS_PDFMINER.replace("{weights}", "20\n\n26\n\n20")),
                        "整体支出绩效自评表"))
    assert len(rows) == 3
