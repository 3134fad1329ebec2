"""项目支出绩效目标表 printed as a unit-coded list one row a line (coded_goals.py; Hunan's budgets as
pypdf prints them): units and projects with their amounts and goal texts become report.projects, a
project printed again on a new page is one project. Hand-written copy of the shape (Changsha's
labels); the total 150.00 = 100.00 + 50.00, unit 201001's 100.00 = 60.00 + 40.00."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from extractor import extract

SHARED = Path(__file__).resolve().parents[2] / "shared"

_PAGE_HEAD = [
    "2026年项目支出绩效目标表",
    "部门名称：某某市某某局 单位：万元",
    "单位编码 单位（项目）名称 资金总额 绩效目标",
    "绩效指标",
    "一级指标 二级指标 三级指标 指标值 指标值内容 评（扣）分标准 度量单位 指标值类型 备注",
]
_GOAL_A = ["做好来访接待工作，保障接待", "场所正常运转。"]
LINES = ["2026年政府性基金预算支出情况表", "注：本表无数据。"] + _PAGE_HEAD + [
    "合计 150.00",
    "201001 某某市某某局 100.00",
    "  201001   来访接待业务专项 60.00",
    *_GOAL_A,
    "成本指标",
    "经济成本指",
    "标 总成本 60.00 不超过预算",
    "万元 ≤ 20",
    "产出指标",
    "数量指标 接待次数 50 年度接待次数 每少1次减0.1分 次 ≥ 4",
    "设备完好 95.00",  # an indicator row broken over lines: a name and an amount, no row
    "12",
    *_PAGE_HEAD,
    "  201001",
    "  来访接待业务专项 60.00",  # the same project continued on a new page, its goal printed again
    *_GOAL_A,
    "效益指标 社会效益指标 群众满意 提升 促进提升得满分 定性 5",
    "  设备运行维护专项 40.00",
    "保障设备正常运行，按期完成",
    "维护",  # no full stop: the goal may go on in the indicator rows
    "产出指标",
    "质量指标 设备完好率 95 完好率 大于95%得满分 % ≥ 10",
    "201002 某某市某某中心 50.00",
    "  201002   信息系统建设专项 50.00",
    "建成信息系统。",
    "产出指标 数量指标 建成系统数 1 建成系统数 建成得满分 个 ≥ 10",
    "注：已剔除涉密部分",
    "2026年部门整体支出绩效目标表",
]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    p = tmp_path_factory.mktemp("coded") / "t.txt"
    p.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    return extract(p)


def test_units_projects_and_goals(report):
    got = [(p.name.value, p.budget.value, p.implementer.value, p.goal.value) for p in report.projects]
    assert got == [
        ("来访接待业务专项", Decimal("60.00"), "某某市某某局", "做好来访接待工作，保障接待场所正常运转。"),
        ("设备运行维护专项", Decimal("40.00"), "某某市某某局", "保障设备正常运行，按期完成维护"),
        ("信息系统建设专项", Decimal("50.00"), "某某市某某中心", "建成信息系统。"),
    ]
    assert all(p.name.confidence >= 0.9 and p.budget.confidence >= 0.9 for p in report.projects)


def test_goal_without_full_stop_goes_to_review(report):
    first, second, third = report.projects
    assert first.goal.confidence >= 0.85 and not first.goal.repairs
    assert second.goal.confidence < 0.9
    assert [r.kind for r in second.goal.repairs] == ["layout.row_guess"]
    assert third.goal.confidence >= 0.9


def test_table_rows_and_no_indicators(report):
    t = next(t for t in report.tables if t.method == "coded-goals")
    assert t.columns[:4] == ["单位编码", "单位（项目）名称", "资金总额", "绩效目标"]
    assert [(r.values["单位编码"].value or "", r.values["单位（项目）名称"].value or "", r.values["资金总额"].value)
            for r in t.rows] == [
        ("合计", "", Decimal("150.00")), ("201001", "某某市某某局", Decimal("100.00")),
        ("201001", "来访接待业务专项", Decimal("60.00")), ("", "设备运行维护专项", Decimal("40.00")),
        ("201002", "某某市某某中心", Decimal("50.00")), ("201002", "信息系统建设专项", Decimal("50.00"))]
    assert report.targets == []  # the indicator rows' cells are not certain: left unread


# the same shape as PyMuPDF prints it: a header label a line (the level labels glued), a cell a line
_CELL_HEAD = ["2026年项目支出绩效目标表", "部门名称：某某市某某局", "单位：万元", "单位编码", "单位（项目）名称", "资金总额",
              "绩效目标", "绩效指标", "一级指标二级指标", "三级指标", "指标值", "度量单位", "备注"]
CELLS = _CELL_HEAD + [
    "合计", "100.00",
    "201001", "某某市某某局", "100.00",
    "  201001", "  来访接待业务专项", "60.00", *_GOAL_A,
    "成本指标", "经济成本指", "标", "总成本", "60.00", "不超过预算", "万元", "≤", "20",
    *_CELL_HEAD,
    "  201001", "  来访接待业务专项", "60.00", *_GOAL_A,  # continued on a new page
    "产出指标", "数量指标", "接待次数", "50", "次", "≥", "4",
    "  设备运行维护专项", "40.00", "保障设备正常运行。",
    "效益指标", "社会效益指标", "群众满意", "提升", "定性", "5",
    "注：已剔除涉密部分",
]


def test_a_cell_a_line(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text("\n".join(CELLS) + "\n", encoding="utf-8")
    r = extract(p)
    assert [(p.name.value, p.budget.value, p.implementer.value, p.goal.value) for p in r.projects] == [
        ("来访接待业务专项", Decimal("60.00"), "某某市某某局", "做好来访接待工作，保障接待场所正常运转。"),
        ("设备运行维护专项", Decimal("40.00"), "某某市某某局", "保障设备正常运行。")]
    t = next(t for t in r.tables if t.method == "coded-goals")
    assert t.columns[4:7] == ["绩效指标/一级指标", "绩效指标/二级指标", "绩效指标/三级指标"]
    assert t.rows[0].values["资金总额"].value == Decimal("100.00")


def test_changsha_pypdf_text(tmp_path):
    # city015_136 (长沙市信访局): 4 projects over 8 pages, each continued on the next page(s) and printed
    # again there; the unit's line 126001 长沙市信访局 417.41 (the 4 amounts add to less: 注：已剔除涉密部分)
    import converted

    pdf = SHARED / "real-corpus" / "city015_136.pdf"
    if not pdf.exists():
        pytest.skip(reason=f"{pdf} is not there (the shared corpus is absent)")
    pytest.importorskip("pypdf")
    r = extract(converted.convert(pdf, "pypdf", tmp_path))
    assert [(p.name.value, p.budget.value, p.implementer.value) for p in r.projects] == [
        ("基层及其他信访业务工作经费专项", Decimal("35.78"), "长沙市信访局"),
        ("人民来访接待中心及特护期运行专项", Decimal("10.22"), "长沙市信访局"),
        ("人民来访接待中心业务专项", Decimal("102.80"), "长沙市信访局"),
        ("信访业务工作专项", Decimal("138.11"), "长沙市信访局")]
    assert r.projects[1].goal.value.endswith("保证群众信访事项按时接待，及时处置办理。")


def test_changsha_pymupdf_text(tmp_path):
    import converted

    pdf = SHARED / "real-corpus" / "city015_136.pdf"
    if not pdf.exists():
        pytest.skip(reason=f"{pdf} is not there (the shared corpus is absent)")
    pytest.importorskip("fitz")
    r = extract(converted.convert(pdf, "pymupdf", tmp_path))
    assert [(p.name.value, p.budget.value) for p in r.projects] == [
        ("基层及其他信访业务工作经费专项", Decimal("35.78")), ("人民来访接待中心及特护期运行专项", Decimal("10.22")),
        ("人民来访接待中心业务专项", Decimal("102.80")), ("信访业务工作专项", Decimal("138.11"))]
