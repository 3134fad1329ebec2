"""A 绩效自评表 printed one unmarked cell per line (PyMuPDF and text saved from a PDF: no ` |` marks,
blank cells absent, long cells broken over lines): cell_lines.py joins the pieces of broken labels
and one_line.py's form reader reads the form where its cell order is certain (headers once and in
order, whole funds lines, every indicator closed by 分值 得分, the 分值 adding up to 总分), and
declines it where a converter moved cells."""
from __future__ import annotations

import sys
import time
from decimal import Decimal

import pytest

from conftest import ROOT
from extractor.datamodel import Document, Line
from extractor.normalize import normalize
from extractor.pipeline import extract
from extractor.structure import structure

# a 项目支出绩效自评表 as a PDF converter prints it: one cell per line, the blank cells of the 其中 lines
# absent, labels (项目资金（万元）, 产出指标(50分), 服务对象满意度指标), a name and the goal and deviation texts
# broken over lines
FORM = """县民政局2023年度项目支出绩效自评报告
附件
项目支出绩效自评表
（2023年度）
项目名称
社区养老服务补助
主管部门
县民政局
实施单位
县养老服务中心
项目资金
（万元）
年初预算数
全年预算数
全年执行数
分值
执行率
得分
年度资金总额
118.50
118.50
112.30
10
94.77%
9.48
其中：当年财政拨
款
118.50
118.50
112.30
上年结转资金
0
0
0
年度总体目标
预期目标
实际完成情况
为全县老年人提供助餐、日间照料等
社区养老服务。
全年为老年人提供助餐、日间照料
服务，服务覆盖面扩大。
绩
效
指
标
一级指标
二级指标
三级指标
年度指标值
实际完成值
分值
得分
偏差原因分析及改进措施
产出指标(50
分)
数量指标
服务老年人人次
≥5000人次
5230人次
20
20
新建社区助餐
点个数
≥6个
5个
15
12
偏差原因：一处选址未落实。
改进措施：提前谋划选址。
质量指标
服务合格率
≥95%
96%
15
15
效益指标(30
分)
社会效益指标
老年人生活质量
有所提升
明显提升
30
30
满意度指标
(10分)
服务对象满意
度指标
服务对象满意度
≥90%
93%
10
9
总分
100
95.48
填表人：        填报日期：2024.3.1
"""


def _extract(tmp_path, text: str):
    p = tmp_path / "form.txt"
    p.write_text(text, encoding="utf-8")
    return extract(p, ner=False)


def _grids(text: str):
    lines = [Line(text=t, no=i) for i, t in enumerate(text.split("\n"), start=1)]
    return structure(normalize(Document(path="t", sha256="0", format="text", route="text", lines=lines))).grids


def _indicators(report) -> list[tuple]:
    return [(i.level1.value, i.level2.value, i.name.value, i.target.value, i.actual.value, i.weight.value,
             i.score.value) for i in report.performance.indicators]


def test_unmarked_project_form_gives_the_project_and_its_indicators(tmp_path):
    report = _extract(tmp_path, FORM)
    (proj,) = report.projects
    assert proj.name.value == "社区养老服务补助"
    assert proj.supervisor.value == "县民政局" and proj.implementer.value == "县养老服务中心"
    assert proj.budget.value == Decimal("118.50") and proj.full_year_budget.value == Decimal("118.50")
    assert proj.actual.value == Decimal("112.30") and proj.completion_rate.value == Decimal("94.77")
    assert proj.score.value == Decimal("95.48")  # the 总分 row's 得分, not the funds line's 9.48
    assert all(f.confidence >= 0.9 for f in (proj.name, proj.implementer, proj.budget, proj.actual,
                                             proj.completion_rate, proj.score))
    perf = report.performance
    assert perf.total_weight.value == Decimal("100") and perf.score.value == Decimal("95.48")
    assert _indicators(report) == [
        ("产出指标", "数量指标", "服务老年人人次", "≥5000人次", "5230人次", Decimal("20"), Decimal("20")),
        ("产出指标", "数量指标", "新建社区助餐点个数", "≥6个", "5个", Decimal("15"), Decimal("12")),
        ("产出指标", "质量指标", "服务合格率", "≥95%", "96%", Decimal("15"), Decimal("15")),
        ("效益指标", "社会效益指标", "老年人生活质量", "有所提升", "明显提升", Decimal("30"), Decimal("30")),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "93%", Decimal("10"), Decimal("9")),
    ]
    first, broken = perf.indicators[:2]
    assert first.name.confidence >= 0.9 and first.target.confidence >= 0.9 and first.score.confidence >= 0.9
    # a name broken over two lines: where it ends is a guess (to review); its 分值 / 得分 add up, so sure
    assert broken.name.confidence < 0.8 and broken.target.confidence < 0.8
    assert broken.weight.confidence >= 0.9 and broken.score.confidence >= 0.9
    assert broken.deviation.value == "偏差原因：一处选址未落实。改进措施：提前谋划选址。"
    assert broken.deviation.confidence < 0.8


def test_unmarked_form_grid_has_the_printed_rows():
    (g,) = [g for g in _grids(FORM) if g.method == "cell-lines"]
    texts = [[c.text for c in r] for r in g.rows]
    assert ["实施单位", "县养老服务中心"] in texts
    assert texts[texts.index(["实施单位", "县养老服务中心"]) + 1][:3] == ["项目资金（万元）", "", "年初预算数"]
    assert ["", "年度资金总额", "118.50", "118.50", "112.30", "10", "94.77%", "9.48"] in texts
    other = next(r for r in g.rows if len(r) > 1 and r[1].text == "其中：当年财政拨款")  # 拨 / 款: one label
    assert [c.text for c in other[2:]] == ["118.50", "118.50", "112.30", "", "", ""]
    assert other[2].repairs and other[2].repairs[0].status == "unconfirmed"  # placed from the left
    # the goal block as printed: its sub-header row, then both texts together, in review
    goal = texts.index(["年度总体目标", "预期目标", "实际完成情况"])
    assert texts[goal + 1][1] == ("为全县老年人提供助餐、日间照料等社区养老服务。"
                                  "全年为老年人提供助餐、日间照料服务，服务覆盖面扩大。")
    assert g.rows[goal + 1][1].repairs
    assert texts[-1] == ["总分", "100", "95.48"]
    assert g.last_line == FORM.split("\n").index("95.48") + 1  # the 填表人 line is not the form's


@pytest.mark.parametrize("moved", [
    ("质量指标\n服务合格率", "质量指标\n分值\n服务合格率"),  # a header label printed again elsewhere
    ("总分\n100\n95.48", "总分\n80\n95.48"),  # the 分值 do not add up to the 总分 row's
    ("年初预算数\n全年预算数\n", "全年预算数\n年初预算数\n"),  # the funds header out of order
    ("服务合格率\n≥95%\n96%\n15\n15\n", "服务合格率\n≥95%\n96%\n15\n"),  # a row without its 得分
    ("年度资金总额\n118.50", "118.50\n年度资金总额"),  # an amount moved before its label
])
def test_unmarked_form_with_cells_out_of_order_is_declined(tmp_path, moved):
    old, new = moved
    assert old in FORM
    report = _extract(tmp_path, FORM.replace(old, new, 1))
    assert not report.performance.indicators
    # the form is declined; only its head may be read where its funds lines are printed whole, label
    # then amounts under the header printed in order (form_flow.py), with the figures as printed
    tables = [t for t in report.tables if "自评表" in (t.title or "")]
    assert all(t.method == "form-flow" for t in tables)
    for p in report.projects:
        assert (p.budget.value, p.actual.value) == (Decimal("118.50"), Decimal("112.30"))
    if new.startswith("118.50") or new.startswith("全年预算数"):  # the head itself moved: nothing read
        assert not tables and not report.projects


def test_unmarked_form_whose_scores_do_not_add_up_puts_them_to_review(tmp_path):
    report = _extract(tmp_path, FORM.replace("总分\n100\n95.48", "总分\n100\n96.48"))
    perf = report.performance
    assert [i.score.value for i in perf.indicators] == [Decimal(x) for x in ("20", "12", "15", "30", "9")]
    assert all(i.score.confidence < 0.8 and i.weight.confidence < 0.8 for i in perf.indicators)


# --- a generated 整体支出绩效自评报告 converted by PyMuPDF and by pdftotext ------------------------------

@pytest.fixture(scope="module")
def self_eval_pdf(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "scripts"))
    import samplegen  # fpdf2 (test extra) and the CJK font (system-package script): never skipped

    out = tmp_path_factory.mktemp("form_stream")
    samplegen.write_pdf(3, "self_eval", out / "self_eval_3.pdf")
    return out / "self_eval_3.pdf"


def _convert(pdf, name):
    import converted

    return converted.convert(pdf, name, pdf.parent)


def test_pymupdf_self_evaluation_form(self_eval_pdf):
    txt = _convert(self_eval_pdf, "pymupdf")
    text = txt.read_text(encoding="utf-8")
    assert "年度预\n算申请\n（万元）" in text and "预算部门（单位）\n名称" in text  # labels broken over lines
    report = extract(txt, ner=False)
    (t,) = [t for t in report.tables if "整体支出绩效自评表" in (t.title or "")]
    assert t.method == "cell-lines"
    rows = {r.name.value: r for r in t.rows}
    amounts = [f.value for f in rows["第1行"].values.values() if isinstance(f.value, Decimal)]
    assert amounts == [Decimal(x) for x in ("1681.58", "1812.82", "1774.19", "10", "97.9", "9.79")]
    assert [f.value for f in rows["第3行"].values.values() if isinstance(f.value, Decimal)] == [
        Decimal("455.52"), Decimal("528.12"), Decimal("489.49")]
    # the goal block is two rows as printed, so the indicators are numbered as on the PDF route
    assert [f.value for f in rows["第7行"].values.values() if isinstance(f.value, Decimal)] == [
        Decimal("12"), Decimal("12")]
    perf = report.performance
    assert perf.total_weight.value == Decimal("100") and perf.score.value == Decimal("98.29")
    assert _indicators(report) == [
        ("产出指标", "数量指标", "组织工业和信息化业务培训人次", "388人次", "455人次", Decimal("12"), Decimal("12")),
        ("产出指标", "质量指标", "工业园区安全巡查工作达标率", "≥92%", "92%", Decimal("10"), Decimal("10")),
        ("产出指标", "质量指标", "信息报送准确率", "≥95%", "97.5%", Decimal("10"), Decimal("10")),
        ("产出指标", "时效指标", "重点工作按期完成率", "≥94%", "97.3%", Decimal("6"), Decimal("6")),
        ("产出指标", "时效指标", "资金拨付及时率", "≥96%", "99.9%", Decimal("7"), Decimal("7")),
        ("产出指标", "时效指标", "问题整改及时率", "≥96%", "98.2%", Decimal("5"), Decimal("5")),
        ("效益指标", "社会效益指标", "工业和信息化公共服务水平", "稳步提升", "提升不明显", Decimal("30"), Decimal("28.5")),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥88%", "97%", Decimal("10"), Decimal("10")),
    ]
    dev = perf.indicators[6].deviation
    assert dev.value == "偏差原因：受天气等客观因素影响，部分工作未按计划开展。改进措施：提前谋划，科学设置绩效目标。"


def test_pymupdf_self_evaluation_agrees_with_the_pdf_route(self_eval_pdf):
    import converted

    txt = _convert(self_eval_pdf, "pymupdf")
    a = converted.agreement(extract(txt, ner=False), extract(self_eval_pdf, ner=False))
    assert a["confident_wrong"] == [] and a["precision"] == 1.0, a["confident_wrong"][:5]


def test_pdftotext_self_evaluation_form_is_declined(self_eval_pdf):
    # pdftotext without -layout moves the form's cells (分值 执行率 after the funds lines, 一级指标
    # after the indicators): the form as a whole is declined here; only its funds lines, printed label
    # then amounts, are read (form_flow.py), and no indicator
    txt = _convert(self_eval_pdf, "pdftotext")
    report = extract(txt, ner=False)
    tables = [t for t in report.tables if "整体支出绩效自评表" in (t.title or "")]
    assert [t.method for t in tables] == ["form-flow"] and len(tables[0].rows) == 3
    assert not report.performance.indicators


def test_unmarked_form_streams_are_read_in_linear_time():
    # the cells of each block stop at its long line, a form's stream runs on through the next blocks'
    # short titles (2000 lines); each declined stream's lines are tried once, not once per title in them
    block = ("附件\n自评表\n项目名称\n某项目\n年初预算数\n全年预算数\n全年执行数\n" + "目标文字" * 15
             + "\n一级指标\n二级指标\n三级指标\n产出指标\n")
    t0 = time.process_time()
    grids = _grids(block * 1000)
    assert time.process_time() - t0 < 30
    assert not [g for g in grids if g.method == "cell-lines"]


TARGETS = """项目支出绩效目标表
部门：某某局
单位：万元
项目名称
档案数字化专项经费
主管部门
某某局
项目资金（万元）
35.20
年度绩效目标
完成档案数字化加工，确保资料完整、安全。
一级指标
二级指标
三级指标
指标值
产出指标
数量指标
数字化加工档案
12000卷
质量指标
档案数字化合格率
≥98%
效益指标
社会效益指标
档案查阅便利程度
明显提升
满意度指标
服务对象满意度指标
查档群众满意度
≥90%
一、收支预算总体情况
2025年收入预算35.20万元。
"""


def test_unmarked_target_form_gives_the_project_and_its_targets(tmp_path):
    # a budget's 项目支出绩效目标表 a cell per line (PyMuPDF): no 分值 / 得分, so no sum checks the
    # pairs; a pair is certain where its target reads as a measure, else it goes to review
    report = _extract(tmp_path, TARGETS)
    (proj,) = report.projects
    assert proj.name.value == "档案数字化专项经费" and proj.budget.value == Decimal("35.20")
    assert proj.budget.confidence >= 0.9
    (t,) = [t for t in report.tables if t.title == "项目支出绩效目标表"]
    rows = [[v.value for v in r.values.values()] for r in t.rows]
    assert rows[-5:] == [["一级指标", "二级指标", "三级指标", "指标值"],
                         ["产出指标", "数量指标", "数字化加工档案", "12000卷"],
                         [None, "质量指标", "档案数字化合格率", "≥98%"],
                         ["效益指标", "社会效益指标", "档案查阅便利程度", "明显提升"],
                         ["满意度指标", "服务对象满意度指标", "查档群众满意度", "≥90%"]]
    by_name = {r.values[t.columns[2]].value: r for r in t.rows if t.columns[2] in r.values}
    sure = by_name["数字化加工档案"].values[t.columns[3]]
    assert sure.value == "12000卷" and sure.confidence >= 0.9
    text_target = by_name["档案查阅便利程度"].values[t.columns[3]]
    assert text_target.value == "明显提升" and text_target.confidence < 0.9  # not a measure: to review
    assert by_name["查档群众满意度"].values[t.columns[3]].value == "≥90%"
    assert "一、收支预算总体情况" not in by_name  # the text after the form is not read into it


def test_unmarked_target_form_with_level_labels_moved_is_declined(tmp_path):
    # pdftotext without -layout moves the level labels among the rows: no row's levels are certain
    old, new = "产出指标\n数量指标\n数字化加工档案\n12000卷\n", "数量指标\n数字化加工档案\n12000卷\n产出指标\n"
    assert old in TARGETS
    report = _extract(tmp_path, TARGETS.replace(old, new, 1))
    assert not [t for t in report.tables if t.title == "项目支出绩效目标表" and len(t.rows) > 3]


def test_unmarked_target_form_with_a_name_moved_puts_its_pairs_to_review(tmp_path):
    # a name moved before its group's level label: the groups around it no longer pair whole
    report = _extract(tmp_path, TARGETS.replace("质量指标\n档案数字化合格率", "档案数字化合格率\n质量指标", 1))
    (t,) = [t for t in report.tables if t.title == "项目支出绩效目标表"]
    cells = [f for r in t.rows for f in list(r.values.values())[2:]
             if f.value in ("数字化加工档案", "12000卷", "档案数字化合格率", "≥98%")]
    assert len(cells) == 4 and all(f.confidence < 0.9 for f in cells)


def test_unmarked_target_form_over_a_page_turn(tmp_path):
    # the sheet head (项目名称 / its name) and the page furniture printed again at the new page's top
    # are skipped; the rows after them belong to the same form
    text = TARGETS.replace("效益指标\n社会效益指标\n", "第 13 页\n效益指标\n社会效益指标\n", 1).replace(
        "满意度指标\n", "第 14 页\n项目名称\n档案数字化专项经费\n满意度指标\n", 1)
    report = _extract(tmp_path, text)
    (t,) = [t for t in report.tables if t.title == "项目支出绩效目标表"]
    names = [list(r.values.values())[2].value for r in t.rows]
    assert "项目名称" not in names and names[-1] == "查档群众满意度"
    last = t.rows[-1].values
    assert [f.value for f in last.values()] == ["满意度指标", "服务对象满意度指标", "查档群众满意度", "≥90%"]
    assert list(last.values())[3].confidence >= 0.9
