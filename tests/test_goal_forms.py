"""项目支出绩效目标表 forms, one after another: each form's head (项目名称, 主管部门, 实施单位, 资金总额)
gives a project, and each form's indicators belong to its own project — read from text (the form
left as narrative by a converter) and from a grid holding several forms (a ruled table run over
pages)."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.datamodel import Cell, GridBlock
from extractor.recognize.indicators import find_indicators

TEXT = """某某局2026年部门预算

七、预算绩效目标情况
1.项目支出绩效目标表
车驾管所及办案经费项目绩效目标表
项目名称 车驾管所及办案经费
主管部门 某市公安局 实施单位 某市公安局交通 管理支队
专项资金情况
（万元）
资金总额 1700.00
财政拨款 1700.00
其他资金 0.00
年度目标 提升车驾管所正规化建设水平
绩效目标指标 一级 指标 二级指标 三级指标 指标值
绩效目标指标 产出 指标 数量指标 新车注册登记数 ≥10 万辆
城市交通设施项目绩效目标表
项目名称 城市交通设施
主管部门 某市公安局 实施单位 某市公安局交通管理支队
专项资金情况
（万元）
资金总额 5000.00
财政拨款 5000.00
其他资金 0.00
年度目标 完善交通设施
"""

SELF_EVAL = """某某局2025年度项目支出绩效自评表
项目名称 委托业务项目
主管部门 某某局 实施单位 某某中心
项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分
年度资金总额 90 89.974 89.974 10 100 10
"""


def test_form_heads_left_as_text_give_projects(tmp_path):
    f = tmp_path / "forms.txt"
    f.write_text(TEXT, encoding="utf-8")
    r = extract(f, ner=False)
    got = [(p.name.value, p.budget.value if p.budget else None, p.implementer.value if p.implementer else None)
           for p in r.projects]
    assert got == [("车驾管所及办案经费", Decimal("1700.00"), "某市公安局交通管理支队"),
                   ("城市交通设施", Decimal("5000.00"), "某市公安局交通管理支队")]
    # the first form prints its implementer with a gap (`交通 管理支队`): a neighbour cell's words may be
    # in it, so the form's fields go to review; the second prints it whole
    assert [p.budget.confidence < 0.9 for p in r.projects] == [True, False]
    assert "neighbouring cell" in " ".join(r.projects[0].name.notes)
    assert "neighbouring cell" in " ".join(r.projects[0].budget.notes)  # the review says why


def test_a_self_evaluation_funds_line_is_no_form_budget(tmp_path):
    # 年度资金总额 prints several amounts (年初预算数 … 得分): not the 资金总额 of a 目标表 form
    f = tmp_path / "self.txt"
    f.write_text(SELF_EVAL, encoding="utf-8")
    r = extract(f, ner=False)
    assert all(p.budget is None or p.budget.value == Decimal("90") for p in r.projects)
    assert not any(p.budget is not None and p.budget.value == Decimal("89.974") for p in r.projects)


def _row(*texts: str) -> list[Cell]:
    return [Cell(text=t, orig=t, line=None, page=1) for t in texts]


def test_a_grid_of_several_forms_gives_each_its_own_indicators():
    grid = GridBlock(rows=[
        _row("项目名称", "车驾管所及办案经费"),
        _row("主管部门", "某市公安局", "实施单位", "某市公安局交通管理支队"),
        _row("资金总额", "1700.00"),
        _row("一级指标", "二级指标", "三级指标", "指标值"),
        _row("产出指标", "数量指标", "新车注册登记数", "≥10万辆"),
        _row("", "时效指标", "业务办理时限", "≤3工作日"),
        _row("项目名称", "城市交通设施"),
        _row("主管部门", "某市公安局", "实施单位", "某市公安局交通管理支队"),
        _row("资金总额", "5000.00"),
        _row("一级指标", "二级指标", "三级指标", "指标值"),
        _row("效益指标", "社会效益指标", "事故下降率", "≥5%"),
        _row("一级指标", "二级指标", "三级指标", "指标值"),  # the header again on a new page
        _row("满意度指标", "服务对象满意度指标", "群众满意度", "≥95%"),
    ], first_line=1, last_line=13, method="lattice")
    found = find_indicators([grid])
    assert [(n.value, m.value) for n, m in found.projects] == [("车驾管所及办案经费", Decimal("1700.00")),
                                                               ("城市交通设施", Decimal("5000.00"))]
    assert [(t.project, t.name.value) for t in found.targets] == [
        ("车驾管所及办案经费", "新车注册登记数"), ("车驾管所及办案经费", "业务办理时限"),
        ("城市交通设施", "事故下降率"), ("城市交通设施", "群众满意度")]
    assert [s.implementer.value for s in found.sheets] == ["某市公安局交通管理支队"] * 2


def test_sheets_of_one_name_from_different_units_are_different_projects():
    # a 部门 budget: each unit prints its own 审计业务经费 form
    rows = []
    for unit, money in (("某市审计局", "80.00"), ("某市审计局某分局", "12.00")):
        rows += [_row("项目名称", "审计业务经费"),
                 _row("主管部门", "某市审计局", "实施单位", unit),
                 _row("资金总额", money),
                 _row("一级指标", "二级指标", "三级指标", "指标值"),
                 _row("产出指标", "数量指标", "审计项目数", "≥10个")]
    projects = _projects_of_grid(rows)
    assert [(p.name.value, p.implementer.value, p.budget.value) for p in projects] == [
        ("审计业务经费", "某市审计局", Decimal("80.00")), ("审计业务经费", "某市审计局某分局", Decimal("12.00"))]


def _projects_of_grid(rows):
    """find_indicators, then find_projects over its findings, as the recognizers call them."""
    from extractor.datamodel import Narrative
    from extractor.recognize.projects import find_projects

    found = find_indicators([GridBlock(rows=rows, first_line=1, last_line=len(rows), method="lattice")])
    projects, _ = find_projects(Narrative(text="", orig=""), found.projects, sheets=found.sheets)
    return projects


UNIT_FORMS = """某某局2026年部门预算
政策和项目预算绩效目标表
(2026年度)
项目名称 审计业务经费
主管部门及代码 231_某市审计局 实施单位 某市审计局
项目资金
（万元）
年度预算资金总额： 31.00
其中：财政拨款 0.00
其他资金 31.00
政策和项目预算绩效目标表
(2026年度)
项目名称 审计业务经费
主管部门及代码 231_某市审计局 实施单位 某市审计局某分局
项目资金
（万元）
年度预算资金总额： 18.00
其中：财政拨款 18.00
其他资金 0.00
"""


def test_units_forms_of_one_name_as_text_are_two_projects(tmp_path):
    f = tmp_path / "units.txt"
    f.write_text(UNIT_FORMS, encoding="utf-8")
    r = extract(f, ner=False)
    assert [(p.name.value, p.budget.value, p.implementer.value) for p in r.projects] == [
        ("审计业务经费", Decimal("31.00"), "某市审计局"), ("审计业务经费", Decimal("18.00"), "某市审计局某分局")]
