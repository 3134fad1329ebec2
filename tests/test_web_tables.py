"""Tables from web pages and document converters: one cell per line without TAB (cell-lines), a
绩效自评表 run together on one line (one-line), HTML <table> inside markdown (html)."""
from __future__ import annotations

import time
from decimal import Decimal

import pytest

from conftest import SHARED
from extractor.datamodel import Document, Line
from extractor.normalize import normalize
from extractor.recognize.indicators import find_indicators
from extractor.structure import structure

REAL = SHARED / "real-texts"


def _structure(text: str):
    lines = [Line(text=t, no=i) for i, t in enumerate(text.split("\n"), start=1)]
    return structure(normalize(Document(path="t", sha256="0", format="text", route="text", lines=lines)))


def _real(prefix: str) -> str:
    found = sorted(REAL.glob(f"{prefix}_*.txt")) if REAL.is_dir() else []
    if not found:
        pytest.skip(reason=f"real text {prefix} not available in {REAL}")
    return found[0].read_text(encoding="utf-8")


# --- html ---------------------------------------------------------------------------------------

HTML = """一般公共预算财政拨款支出决算表
公开05表
部门：测试局 单位：万元
<table>
<tr><td colspan="2">项目</td><td colspan="3">本年支出</td></tr>
<tr><td>功能分类<br>科目编码</td><td>科目名称</td><td>小计</td><td>基本支出</td><td>项目支出</td></tr>
<tr><td>201</td><td>一般公共服务支出</td><td>10.50</td><td>8.00</td><td>2.50</td></tr>
<tr><td rowspan="2">20103</td><td>政府办公厅（室）&amp;相关</td><td>10.50</td><td>8.00</td><td>2.50</td></tr>
<tr><td>行政&nbsp;运行</td><td>１０.５０</td><td>8.00</td><td>2.50</td></tr>
</table>
注：本表反映…"""


def test_html_table_with_spans_under_a_title():
    st = _structure(HTML)
    (g,) = st.grids
    assert g.method == "html"
    # colspan: one Cell, the covered positions empty; rowspan: the position below is empty
    assert [c.text for c in g.rows[0]] == ["项目", "", "本年支出", "", ""]
    assert g.rows[1][0].text == "功能分类科目编码" and g.rows[1][0].joined  # <br> joined
    assert g.rows[4][0].text == "" and g.rows[4][1].text == "行政 运行"  # &nbsp; decoded
    assert g.rows[3][1].text == "政府办公厅（室）&相关"
    assert [r[1].line for r in g.rows] == [5, 6, 7, 8, 9] and g.rows[4][0].line == 8  # covered: the span's line
    (t,) = st.tables
    assert t.method == "html" and t.template == "final.05" and t.code == "公开05表" and t.unit == "万元"
    assert t.columns == ["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"]
    assert [r.name.value for r in t.rows] == ["一般公共服务支出", "政府办公厅（室）&相关", "行政 运行"]
    assert t.rows[0].code.value == "201"
    assert t.rows[2].values["本年支出/小计"].value == Decimal("10.50")
    assert t.rows[2].values["本年支出/小计"].raw == "１０.５０"
    assert t.rows[1].values["本年支出/项目支出"].value == Decimal("2.50")
    assert t.notes == ["注：本表反映…"]


# --- one-line 绩效自评表 -------------------------------------------------------------------------

ONE_LINE = (
    "项目支出绩效自评表 （2021年度） 项目名称 委托业务项目 主管部门 219-县卫生健康局 实施单位 县疾病预防控制中心 "
    "项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 90 90 89.974 10 99.97% 9.99 "
    "其中:本年财政拨款 90 89.974 89.974 上年结转资金 0 0 0 年度总体目标 预期目标 实际完成情况 完成委托业务 已完成 "
    "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 产出指标 数量指标 检测样本数 ≥500份 520份 20 20 "
    "完成率 100% 100% 10 9 效益指标 社会效益指标 群众知晓率 ≥90% 92% 30 28 总分 100 96.99")


def test_one_line_self_evaluation():
    st = _structure("附件\n" + ONE_LINE + "\n")
    (g,) = st.grids
    assert g.method == "one-line" and [p.text for p in g.preamble][-1] == "项目支出绩效自评表 （2021年度）"
    assert st.tables[0].template == "performance"
    found = find_indicators(st.grids)
    (sheet,) = found.sheets
    assert sheet.name.value == "委托业务项目"
    assert sheet.supervisor.value == "219-县卫生健康局" and sheet.implementer.value == "县疾病预防控制中心"
    assert sheet.funds["年初预算数"].value == Decimal("90")
    assert sheet.funds["全年预算数"].value == Decimal("90")
    assert sheet.funds["全年执行数"].value == Decimal("89.974")
    assert sheet.funds["执行率"].value == Decimal("99.97") and sheet.funds["得分"].value == Decimal("9.99")
    assert [(n.value, b.value) for n, b in found.projects] == [("委托业务项目", Decimal("90"))]
    perf = found.performance
    assert perf.total_weight.value == Decimal("100") and perf.score.value == Decimal("96.99")
    rows = [(i.level1.value, i.level2.value, i.name.value, i.target.value, i.actual.value, i.weight.value,
             i.score.value) for i in perf.indicators]
    assert rows == [
        ("产出指标", "数量指标", "检测样本数", "≥500份", "520份", Decimal("20"), Decimal("20")),
        ("产出指标", "数量指标", "完成率", "100%", "100%", Decimal("10"), Decimal("9")),
        ("效益指标", "社会效益指标", "群众知晓率", "≥90%", "92%", Decimal("30"), Decimal("28")),
    ]
    assert all(i.score.confidence >= 0.9 for i in perf.indicators)
    # a funds line with fewer amounts than columns: placed from the left, in review
    other = next(r for r in g.rows if r[1].text == "其中:本年财政拨款")
    assert [c.text for c in other[2:5]] == ["90", "89.974", "89.974"]
    assert other[2].repairs and other[2].repairs[0].status == "unconfirmed"


def test_one_line_row_that_does_not_split_goes_to_review():
    text = ONE_LINE.replace("检测样本数 ≥500份 520份", "检测样本数 ≥ 500份 520份")
    perf = find_indicators(_structure(text).grids).performance
    first = perf.indicators[0]
    assert first.name.value == "检测样本数" and first.weight.value == Decimal("20")
    assert first.target.confidence < 0.8 and first.actual.confidence < 0.8
    assert perf.indicators[1].name.value == "完成率" and perf.indicators[1].score.confidence >= 0.9


def test_one_line_adversarial_line_is_linear():
    line = ("三级指标 得分 名称 " + "指标 1 " * 30000)[:200_000]
    t0 = time.process_time()
    _structure(line)
    assert time.process_time() - t0 < 20


# --- cell-lines -----------------------------------------------------------------------------------

CELLS_05 = """一般公共预算财政拨款支出决算表
公开05表
单位：万元

科目编码 |

科目名称 |
合计 |
基本支出 |

项目支出 |
201 |
一般公共服务支出 |
10.50 |
8.00 |
2.50 |
2010301 |
行政运行 |
10.50 |
8.00 |
2.50 |

注：本表反映一般公共预算财政拨款支出情况。"""


def test_cell_lines_05_fragment():
    st = _structure(CELLS_05)
    (g,) = st.grids
    assert g.method == "cell-lines"
    assert [c.text for c in g.rows[0]] == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    (t,) = st.tables
    assert t.template == "final.05" and t.code == "公开05表"
    assert [r.name.value for r in t.rows] == ["一般公共服务支出", "行政运行"]
    assert t.rows[1].code.value == "2010301"
    assert t.rows[1].values["项目支出"].value == Decimal("2.50")
    assert t.rows[0].values["合计"].value == Decimal("10.50")
    assert t.rows[0].values["合计"].confidence >= 0.9
    assert t.notes == ["注：本表反映一般公共预算财政拨款支出情况。"]


def test_cell_lines_leave_narrative_alone():
    text = "第二部分 部门决算表\n\n一、收入支出决算总表\n\n本部门收入如下\n\n我们认真落实\n\n各项工作\n\n取得成效\n"
    st = _structure(text)
    assert not st.grids


def test_real_04_cells_one_per_line():
    st = _structure(_real("04"))
    (t,) = [t for t in st.tables if t.template == "final.01"]
    assert t.method == "cell-lines" and t.code == "公开01表"
    by_name = {r.name.value: r for r in t.rows}
    assert by_name["一般公共预算财政拨款收入"].values["金额"].value == Decimal("440.55")
    assert by_name["上级补助收入"].values["金额"].value == Decimal("10.00")
    assert by_name["一般公共服务支出"].values["金额"].value == Decimal("423.20")


def test_real_11_rows_with_bars_between_cells():
    # `一、财政拨款收入 | 1 | 2,117.41 | 一、一般公共服务支出 | 29 | 0.00 |`: the bars read as spaces
    st = _structure(_real("11"))
    (t,) = [t for t in st.tables if t.template == "final.01"]
    by_name = {r.name.value: r.values["决算数"].value for r in t.rows}
    assert by_name["财政拨款收入"] == Decimal("2117.41")
    assert by_name["其他收入"] == Decimal("1.14")
    assert by_name["公共安全支出"] == Decimal("2110.14")
    assert by_name["外交支出"] == Decimal("0.00")


def test_real_16_cells_ending_in_bar():
    st = _structure(_real("16"))
    (g,) = [g for g in st.grids if g.method == "cell-lines"]
    texts = [[c.text for c in r] for r in g.rows]
    # the header tree rebuilt from cells printed once: 公務用車… and 公務接待費 over three columns each
    assert texts[0] == ["三公经费项目", "合计", "因公出国(境)费", "公务用车购置及运行费", "", "", "公务接待费", "", ""]
    assert texts[1][3:] == ["小计", "公务用车购置费", "公务用车运行费", "小计", "行政运行", "其他城乡社区管理事务支出"]
    assert texts[3] == ["2015年度决算数", "6.94", "0.00", "2.94", "0.00", "2.94", "4.00", "0.37", "3.63"]
    assert texts[5][:4] == ["决算对比", "2.88", "0.00", "-0.07"]
    (t,) = [t for t in st.tables if t.method == "cell-lines"]
    by_name = {r.name.value: r for r in t.rows}
    spent = by_name["2015年度决算数"].values
    assert spent["公务用车购置及运行费/公务用车运行费"].value == Decimal("2.94")
    assert spent["公务接待费/小计"].value == Decimal("4.00") and spent["公务接待费/行政运行"].value == Decimal("0.37")
    assert spent["合计"].confidence >= 0.9
    # the note printed where 2015's last amount stands is no amount: kept, in review
    note = by_name["2015年度预算数"].values["公务接待费/其他城乡社区管理事务支出"]
    assert note.value == "以前年度结转资金9.83" and note.confidence < 0.8


def test_real_05_three_public_and_running_costs_table():
    # `…“三公”经费及机关运行经费支出决算表`: the 09表's template (not 03表's `支出决算表`); the row prints
    # 8 of the header's 13 columns (blank cells absent), so its amounts are read but go to review
    st = _structure(_real("05"))
    (t,) = [t for t in st.tables if t.template == "final.09"]
    (row,) = t.rows
    got = [f.value for f in row.values.values() if f.value is not None]
    assert got == [Decimal(x) for x in ("22.00", "8.77", "14.00", "8.47", "14.00", "8.47", "8.00", "0.30")]
    assert all(f.confidence < 0.9 for f in row.values.values() if f.value is not None)


def test_real_15_department_and_staff_of_a_form_printed_cell_by_cell():
    # `部门(单位)名称:` with half-width brackets; 人员编制 / 21 / 实有人数 / 21, a cell per line
    from extractor import extract
    found = sorted(REAL.glob("15_*.txt")) if REAL.is_dir() else []
    if not found:
        pytest.skip(reason=f"real text 15 not available in {REAL}")
    r = extract(found[0], ner=False)
    assert r.report.department.value == "岳阳市城市管理监督指挥中心"
    assert r.staff["authorized"].value == 21 and r.staff["actual"].value == 21
    assert r.staff["authorized"].source.line == 46


@pytest.mark.parametrize("prefix", ["03", "05", "06", "11", "12", "13", "14", "15"])
def test_real_texts_extract(prefix):
    _structure(_real(prefix))


def test_one_line_whole_department_self_evaluation():
    text = ("部门整体支出绩效自评表 部门（单位）名称 县城管局 年度预算申请（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 "
            "得分 年度资金总额 500 520 510 10 98.08% 9.8 绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
            "偏差原因分析及改进措施 产出指标 数量指标 巡查次数 ≥200次 210次 20 20 时效指标 按时完成率 100% 95% 10 8 "
            "个别任务延期 总分 100 90")
    st = _structure(text)
    assert [c.text for c in st.grids[0].rows[0]] == ["部门（单位）名称", "县城管局"]
    found = find_indicators(st.grids)
    assert not found.sheets  # no 项目名称: no project
    perf = found.performance
    assert perf.score.value == Decimal("90")
    second = perf.indicators[1]
    assert (second.level1.value, second.level2.value, second.name.value) == ("产出指标", "时效指标", "按时完成率")
    assert (second.weight.value, second.score.value) == (Decimal("10"), Decimal("8"))
    assert second.deviation.value == "个别任务延期" and second.deviation.confidence < 0.8
    assert perf.indicators[0].deviation is None


# --- a plain table run together on one line ---------------------------------------------------------

RUN_05 = ("项目 本年支出 功能分类科目编码 科目名称 小计 基本支出 项目支出 栏次 1 2 3 合计 10.50 8.00 2.50 "
          "201 一般公共服务支出 10.50 8.00 2.50 2010301 行政运行 8.00 8.00")


def test_run_together_table_is_cut_into_rows_and_placed_by_the_identities():
    st = _structure("一般公共预算财政拨款支出决算表\n公开05表\n单位：万元\n" + RUN_05 + "\n")
    (t,) = st.tables
    assert t.method == "row-stream" and t.template == "final.05"
    assert t.columns == ["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"]
    by_name = {r.name.value: r for r in t.rows}
    assert by_name["合计"].values["本年支出/项目支出"].value == Decimal("2.50")
    assert by_name["一般公共服务支出"].values["本年支出/基本支出"].value == Decimal("8.00")
    assert by_name["一般公共服务支出"].values["本年支出/小计"].confidence >= 0.9
    # 行政运行 prints two amounts for three columns: the first is its 小计 (= the sum of the
    # others); which part column holds the other no identity tells (no 款 row above it), so that
    # amount goes to review with the reason
    run = by_name["行政运行"]
    assert run.code.value == "2010301"
    assert run.values["本年支出/小计"].value == Decimal("8.00")
    part = [v for k, v in run.values.items() if k != "本年支出/小计" and v is not None and v.value is not None]
    assert [v.value for v in part] == [Decimal("8.00")]
    assert part[0].confidence < 0.8
    assert any("column uncertain" in r.note for r in part[0].repairs)


def test_run_together_without_numbers_row_reads_the_standard_columns():
    # no 栏次 row: the header's words name the standard 本年支出 小计 / 基本支出 / 项目支出 columns
    text = RUN_05.replace(" 栏次 1 2 3", "")
    st = _structure("一般公共预算财政拨款支出决算表\n公开05表\n单位：万元\n" + text + "\n")
    (t,) = st.tables
    assert t.columns == ["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"]
    total = next(r for r in t.rows if r.name.value == "合计")
    assert [total.values[c].value for c in t.columns] == [Decimal("10.50"), Decimal("8.00"), Decimal("2.50")]


def test_run_together_adversarial_line_is_linear():
    line = ("项目 合计 栏次 1 2 3 " + "201 名称 1.00 " * 20000)[:200_000]
    t0 = time.process_time()
    _structure("收入决算表\n单位：万元\n" + line)
    assert time.process_time() - t0 < 20


# --- the 项目支出绩效自评表 as a project -----------------------------------------------------------

def test_one_line_sheet_becomes_a_project_merged_with_the_narrative(tmp_path):
    from extractor import extract

    p = tmp_path / "sheet.txt"
    p.write_text("2021年度项目支出绩效自评报告\n一、项目基本情况\n"
                 "“委托业务项目”项目全年预算数90万元，执行数89.97万元，完成预算的99.97%，得分96.99分，评价等级为“优”。\n"
                 "附件\n" + ONE_LINE + "\n", encoding="utf-8")
    (proj,) = extract(p, ner=False).projects
    assert proj.name.value == "委托业务项目" and not proj.aliases
    assert proj.supervisor.value == "219-县卫生健康局" and proj.implementer.value == "县疾病预防控制中心"
    assert proj.budget.value == Decimal("90") and proj.full_year_budget.value == Decimal("90")
    assert proj.actual.value == Decimal("89.974")  # the sheet's printing; the text's 89.97 is the same rounded
    assert proj.completion_rate.value == Decimal("99.97")
    assert proj.score.value == Decimal("96.99")  # the 总分 得分, not the funds line's 9.99
    assert proj.grade.value == "优"
    assert len(proj.mentions) == 2


def test_sheet_and_narrative_that_disagree_become_a_failed_check(tmp_path):
    from extractor import extract

    p = tmp_path / "sheet.txt"
    p.write_text("“委托业务项目”项目全年预算数90万元，执行数80万元，完成预算的88.89%。\n附件\n" + ONE_LINE + "\n",
                 encoding="utf-8")
    report = extract(p, ner=False)
    (proj,) = report.projects
    assert proj.actual.value == Decimal("89.974")  # the first printing (the sheet) is kept
    failed = [c for c in report.checks if c.rule == "project.mentions_agree" and not c.passed]
    assert any("actual" in c.message and "89.974" in c.message and "80" in c.message for c in failed)


# what PyMuPDF prints of 公开02表 (gen_001_final, `page.get_text()`): one cell per line, but the
# blank cells are simply absent (合计 has 2 of its 7 amounts printed, 201 一般公共服务支出 2) and
# the code is split over its 类 款 项 cells
CONVERTED_02 = """收入决算表
公开02表
部门：桐屏市桐安县科学技术局
单位：万元
项目
本年收入合
计
财政拨款收
入
上级补助收
入
事业收入
经营收入
附属单位上缴
收入
其他收入
功能分类科
目编码
科目名称
类
款
项
栏次
1
2
3
4
5
6
7
合计
1279.28
1279.28
0
0
0
0
0
201
一般公共服务支出
65.45
65.45
201
99
其他一般公共服务支出
65.45
65.45
注：本表反映本部门本年度取得的各项收入情况。"""


def test_cell_lines_declines_converter_text_without_blank_cells():
    st = _structure(CONVERTED_02)
    assert not [g for g in st.grids if g.method == "cell-lines"]
    assert not [t for t in st.tables if t.method == "cell-lines"]


def test_cell_lines_needs_every_row_whole_and_of_one_shape():
    whole = "一般公共预算财政拨款支出决算表\n公开05表\n单位：万元\n科目编码\n科目名称\n合计\n基本支出\n项目支出\n" \
            "201\n一般公共服务支出\n65.45\n60.00\n5.45\n206\n科学技术支出\n1052.86\n1000.00\n52.86\n"
    (g,) = _structure(whole).grids
    assert g.method == "cell-lines"
    assert [c.text for c in g.rows[-1]] == ["206", "科学技术支出", "1052.86", "1000.00", "52.86"]
    # 201's 项目支出 not printed (a blank cell lost): every row after it would shift, so no table is read
    shifted = whole.replace("60.00\n5.45\n", "60.00\n")
    assert not [g for g in _structure(shifted).grids if g.method == "cell-lines"]



def test_cell_lines_declined_run_is_read_once():
    # 8,000 short lines, every fourth a title (附表) followed by labels: no table can be placed, and
    # no line may re-read the rest of the run (a quadratic reader takes minutes here)
    text = "\n".join(["附表", "项目", "金额", "1"] * 2000)
    t0 = time.process_time()
    st = _structure(text)
    assert time.process_time() - t0 < 5.0
    assert not [g for g in st.grids if g.method == "cell-lines"]

def test_cell_lines_on_pymupdf_text_has_no_confident_wrong_value(tmp_path):
    import sys

    from conftest import ROOT
    from extractor import extract

    sys.path.insert(0, str(ROOT / "scripts"))
    import converted

    import samplegen  # fpdf2, the CJK font and PyMuPDF: installed by the project's files, never skipped

    pdf = tmp_path / "final_1.pdf"
    samplegen.write_pdf(1, "final", pdf)
    txt = converted.convert(pdf, "pymupdf", tmp_path)
    a = converted.agreement(extract(txt), extract(pdf))
    assert a["confident_wrong"] == [], a["confident_wrong"][:5]
    assert a["precision"] >= 0.995, a["precision"]

# --- the rebuilt header of a cell-lines table -------------------------------------------------------

def test_cell_lines_header_tree_of_the_three_public_table():
    from extractor.datamodel import Cell
    from extractor.structure.cell_grid import header_rows

    labels = ("预算数 决算数 合计 因公出国（境）费 公务用车购置及运行维护费 公务接待费 合计 因公出国（境）费 "
              "公务用车购置及运行维护费 公务接待费 小计 公务用车购置费 公务用车运行维护费 小计 公务用车购置费 公务用车运行维护费").split()
    rows, certain = header_rows([Cell(text=t, orig=t, line=1) for t in labels], 12)
    assert certain
    assert [c.text for c in rows[0]] == ["预算数"] + [""] * 5 + ["决算数"] + [""] * 5
    assert [c.text for c in rows[1]][:6] == ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费"]
    assert [c.text for c in rows[2]][:6] == ["", "", "小计", "公务用车购置费", "公务用车运行维护费", ""]


def test_cell_lines_header_search_is_bounded():
    from extractor.datamodel import Cell
    from extractor.structure.cell_grid import header_rows

    labels = [f"标签{k}" for k in range(47)]  # every label reads like every other: no tree can be told
    t0 = time.process_time()
    assert header_rows([Cell(text=t, orig=t, line=1) for t in labels], 24) is None
    assert time.process_time() - t0 < 10


def test_html_empty_rows_count_for_the_rowspans_above():
    text = ("收入决算表\n公开02表\n单位：万元\n<table>\n"
            '<tr><td colspan="2">项目</td><td rowspan="3">本年收入合计</td><td rowspan="3">财政拨款收入</td></tr>\n'
            '<tr><td rowspan="2">科目编码</td><td rowspan="2">科目名称</td></tr>\n<tr></tr>\n'
            '<tr><td colspan="2">栏次</td><td>1</td><td>2</td></tr>\n'
            "<tr><td>201</td><td>一般公共服务支出</td><td>5.00</td><td>4.00</td></tr>\n</table>\n")
    (t,) = _structure(text).tables
    assert t.columns == ["本年收入合计", "财政拨款收入"]
    assert t.rows[0].code.value == "201" and t.rows[0].values["财政拨款收入"].value == Decimal("4.00")


# --- generated reports in the web shapes, with their truth -----------------------------------------

# F1 reached on seeds 0 and 1 (measured on seeds 0–5: html and cell-lines 1.0 for every kind; one-line
# 0.99 for self_eval, whose tables are 绩效 forms, 0.72 / 0.88 for final / budget: subject tables run
# together on one line are cut into rows by the row-stream reader and their amounts placed by the
# identities (what no identity settles goes to review at low confidence, and counts as a miss or a
# wrong value here when the guess is wrong); side-by-side blocks and 06表 groups run together stay
# narrative — never a guessed column at high confidence)
WEB_F1 = {("html", "final"): 0.99, ("html", "budget"): 0.99, ("html", "self_eval"): 0.99,
          ("cell-lines", "final"): 0.99, ("cell-lines", "budget"): 0.99, ("cell-lines", "self_eval"): 0.99,
          ("one-line", "final"): 0.68, ("one-line", "budget"): 0.80, ("one-line", "self_eval"): 0.99}


@pytest.mark.parametrize("shape", ["html", "cell-lines", "one-line"])
def test_generated_reports_in_web_shapes(tmp_path, shape):
    import sys

    from conftest import ROOT
    from extractor import extract
    from extractor.evaluate import Score, compare

    sys.path.insert(0, str(ROOT / "scripts"))
    from samplegen.web_shapes import web_text

    for kind in ("final", "budget", "self_eval"):
        total = Score()
        for seed in (0, 1):
            text, truth = web_text(seed, kind, shape)
            p = tmp_path / f"{kind}_{seed}.txt"
            p.write_text(text, encoding="utf-8")
            total.merge(compare(extract(p), truth))
        assert total.precision >= 0.995, (kind, total.mismatches[:5])
        assert total.f1 >= WEB_F1[(shape, kind)], (kind, total.f1, total.mismatches[:5])


def test_staff_of_a_form_printed_cell_by_cell(tmp_path):
    # label and value cells one per line, joined into the narrative: the value stands before the next
    # label; a value followed by a unit of time or money is no head count
    from extractor import extract
    p = tmp_path / "form.txt"
    p.write_text("某某中心2023年度部门整体支出绩效自评报告\n部门（单位）名称：某某中心\n一、部门基本概况\n"
                 "联系人\n\n张三\n\n人员编制\n\n35\n\n实有人数\n\n33\n\n职能职责概述\n\n负责本市某某工作。\n"
                 "编制人数2023年调整。\n", encoding="utf-8")
    r = extract(p, ner=False)
    assert r.staff["authorized"].value == 35 and r.staff["actual"].value == 33
    assert r.report.department.value == "某某中心"
