"""A 绩效目标表 printed as a list (单位编码 | 单位（项目）名称 | 资金总额 | 绩效目标 | 绩效指标 …): each
named row with indicators under it is a project (budget, goal, the unit above it as implementer),
its indicator rows are its targets; the unit's line and the 合计 line are no projects."""
from decimal import Decimal

from extractor import extract

PIPE = """# 某某局2026年部门预算

## 2026年项目支出绩效目标表

部门名称：某某局  单位：万元

| 单位编码 | 单位（项目）名称 | 资金总额 | 绩效目标 | 绩效指标 | | | | |
|---|---|---|---|---|---|---|---|---|
| | | | | 一级指标 | 二级指标 | 三级指标 | 指标值 | 度量单位 |
| 合计 | | 150.00 | | | | | | |
| 301001 | 某某局 | 150.00 | | | | | | |
| 301001 | 档案数字化专项 | 120.00 | 完成档案数字化，提高查阅效率。 | 产出指标 | 数量指标 | 数字化卷数 | 5000 | 卷 |
| | | | | | 质量指标 | 合格率 | 98 | % |
| | | | | 满意度指标 | 服务对象满意度指标 | 查阅者满意度 | 90 | % |
| 301001 | 信息系统运维经费 | 30.00 | 保障系统正常运行。 | 产出指标 | 时效指标 | 故障修复时间 | 24 | 小时 |
"""

HTML = """# 某某局2026年部门预算

## 2026年项目支出绩效目标表

<table>
<tr><td rowspan="2">单位编码</td><td rowspan="2">单位（项目）名称</td><td rowspan="2">资金总额</td><td rowspan="2">绩效目标</td><td colspan="4">绩效指标</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
<tr><td>301001</td><td>某某局</td><td>150.00</td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td rowspan="2">301001</td><td rowspan="2">档案数字化专项</td><td rowspan="2">120.00</td><td rowspan="2">完成档案数字化。</td><td rowspan="2">产出指标</td><td>数量指标</td><td>数字化卷数</td><td>5000</td></tr>
<tr><td>质量指标</td><td>合格率</td><td>98</td></tr>
<tr><td>301001</td><td>信息系统运维经费</td><td>30.00</td><td>保障系统正常运行。</td><td>产出指标</td><td>时效指标</td><td>故障修复时间</td><td>24</td></tr>
</table>
"""


def _projects(report):
    return [(p.name.value, p.budget.value, p.implementer.value if p.implementer else None,
             p.goal.value if p.goal else None) for p in report.projects]


def _targets(report):
    return [(t.project, t.level1.value if t.level1 else None, t.level2.value if t.level2 else None, t.name.value,
             t.target.value if t.target else None) for t in report.targets]


def test_pipe_list_of_projects_with_indicators(tmp_path):
    f = tmp_path / "goals.md"
    f.write_text(PIPE, encoding="utf-8")
    r = extract(f)
    assert _projects(r) == [
        ("档案数字化专项", Decimal("120.00"), "某某局", "完成档案数字化，提高查阅效率。"),
        ("信息系统运维经费", Decimal("30.00"), "某某局", "保障系统正常运行。"),
    ]
    assert _targets(r) == [
        ("档案数字化专项", "产出指标", "数量指标", "数字化卷数", "5000"),
        ("档案数字化专项", "产出指标", "质量指标", "合格率", "98"),
        ("档案数字化专项", "满意度指标", "服务对象满意度指标", "查阅者满意度", "90"),
        ("信息系统运维经费", "产出指标", "时效指标", "故障修复时间", "24"),
    ]
    assert all(p.budget.confidence >= 0.9 for p in r.projects)


def test_html_list_with_merged_project_cells(tmp_path):
    f = tmp_path / "goals_html.md"
    f.write_text(HTML, encoding="utf-8")
    r = extract(f)
    assert _projects(r) == [
        ("档案数字化专项", Decimal("120.00"), "某某局", "完成档案数字化。"),
        ("信息系统运维经费", Decimal("30.00"), "某某局", "保障系统正常运行。"),
    ]
    assert [t[0] for t in _targets(r)] == ["档案数字化专项", "档案数字化专项", "信息系统运维经费"]
    assert _targets(r)[1] == ("档案数字化专项", "产出指标", "质量指标", "合格率", "98")
