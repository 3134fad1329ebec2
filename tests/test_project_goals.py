"""项目支出绩效表 rows (unit, project, amount, goal text) one row per line (project_goals.py): the goal
text printed after its row (pypdf) or centred on it (pdfplumber, pdftotext -layout). Hand-written
copies of Zhejiang's shape; the total 300.00 = 120.00 + 80.00 + 100.00."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract

_TITLE = ["表11", "2026年市级部门项目支出绩效表", "341-某某市某某局 万元"]
_HEADER = ["单位名称 项目名称 金额 项目总体绩效目标", "** ** ** **", "300.00"]
_END = ["注：本套报表金额单位转换时存在尾数误差", "第三部分 名词解释"]

AFTER = _TITLE + _HEADER + [
    "某某市某某局 财政管理与改革 120.00 2026年，推进预算管理改革，",
    "提高资金使用效益。",
    "某某市某某中心 票据综合管理 80.00",
    "2026年，推进电子票据改革，做好推广工作，",
    "完成专项检查。",
    "某某市某某局 信息化建设与运维 100.00 2026年，保障系统正常运行。",
] + _END

CENTRED = _TITLE + _HEADER + [
    "2026年，推进预算管理改革，",
    "某某市某某局 财政管理与改革 120.00",
    "提高资金使用效益。",
    "2026年，推进电子票据改革，",
    "某某市某某中心 票据综合管理 80.00做好推广工作，",
    "完成专项检查。",
    "某某市某某局 信息化建设与运维 100.00 2026年，保障系统正常运行。",
] + _END

GOALS = ["2026年，推进预算管理改革，提高资金使用效益。", "2026年，推进电子票据改革，做好推广工作，完成专项检查。",
         "2026年，保障系统正常运行。"]


def _goals_table(tmp_path, lines):
    p = tmp_path / "t.txt"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    hits = [t for t in extract(p).tables if t.method == "project-goals"]
    assert len(hits) == 1
    return hits[0]


def _check(t, goal_confident=True):
    assert t.title == "2026年市级部门项目支出绩效表"
    # rows are named by their project, the unit under 单位名称 (project_rows.py), as the PDF route has them
    assert t.columns == ["单位名称", "金额", "项目总体绩效目标"]
    total, *rows = t.rows
    assert total.values["金额"].value == Decimal("300.00") and not total.name.value
    assert [(r.values["单位名称"].value, r.name.value, r.values["金额"].value) for r in rows] == [
        ("某某市某某局", "财政管理与改革", Decimal("120.00")), ("某某市某某中心", "票据综合管理", Decimal("80.00")),
        ("某某市某某局", "信息化建设与运维", Decimal("100.00"))]
    assert all(r.values["金额"].confidence >= 0.9 for r in rows)
    assert [r.values["项目总体绩效目标"].value for r in rows] == GOALS
    if goal_confident:
        assert all(r.values["项目总体绩效目标"].confidence >= 0.9 for r in rows)


def test_goal_text_printed_after_its_row(tmp_path):
    _check(_goals_table(tmp_path, AFTER))


def test_goal_text_centred_on_its_row_split_at_full_stops(tmp_path):
    _check(_goals_table(tmp_path, CENTRED))


def test_centred_goal_text_without_one_full_stop_between_rows_goes_to_review(tmp_path):
    lines = [x.replace("提高资金使用效益。", "提高资金使用效益，") for x in CENTRED]
    t = _goals_table(tmp_path, lines)
    first, second = t.rows[1], t.rows[2]
    assert first.values["金额"].value == Decimal("120.00") and first.values["金额"].confidence >= 0.9
    assert first.values["项目总体绩效目标"].confidence < 0.9 and second.values["项目总体绩效目标"].confidence < 0.9


def test_a_row_whose_project_name_is_broken_ends_the_table(tmp_path):
    # `某某市某某中心 2,331.44 …` with its project's name printed around it: not read, nor any row after
    lines = AFTER[:-3] + ["某某市某某中心 2,331.44 开展好各项服务工作，", "道路运输管理"] + AFTER[-3:]
    t = _goals_table(tmp_path, lines)
    assert [r.values["金额"].value for r in t.rows[1:]] == [Decimal("120.00"), Decimal("80.00")]
    assert t.rows[2].values["项目总体绩效目标"].value == GOALS[1]


def test_one_cell_per_line(tmp_path):
    # PyMuPDF: the title area's lines apart, the header a word a line, each row's unit, project and
    # amount (the goal's first words after it) a line each, the goal's other lines after
    lines = ["表11", "2026年市级部门项目支出绩效表", "341-某某市某某局", "万元", "单位名称", "项目名称", "金额",
             "项目总体绩效目标", "**", "**", "**", "**", "300.00",
             "某某市某某局", "财政管理与改革", "120.00 2026年，推进预算管理改革，", "提高资金使用效益。",
             "某某市某某中心", "票据综合管理", "80.00", "2026年，推进电子票据改革，做好推广工作，", "完成专项检查。",
             "某某市某某局", "信息化建设与运维", "100.00 2026年，保障系统正常运行。"] + _END
    _check(_goals_table(tmp_path, lines))


_BUDGET = ["表10", "2026年市级部门项目支出预算表", "单位名称 项目名称 合计 一般公共预算",
           "某某市某某中心 道路运输管理服务 60.00 60.00", "第二部分"]
_BROKEN_AFTER = ["某某市某某中心 道路运输管理", "服务", "60.00", "2026年，开展好各项服务工作。"]
_BROKEN_CELLS = ["某某市某某中心", "道路运输管理", "服务", "60.00", "2026年，开展好各项服务工作。"]


def _with_broken(broken, cells=False):
    # the broken row between the second and third rows; the total 360.00 = 300.00 + 60.00
    head = [x.replace("300.00", "360.00") for x in AFTER[:11]]
    third = ["某某市某某局 信息化建设与运维 100.00 2026年，保障系统正常运行。"]
    if cells:
        third = ["某某市某某局", "信息化建设与运维", "100.00 2026年，保障系统正常运行。"]
    return head + broken + third + _END


def test_a_project_name_broken_after_its_unit_is_joined_where_the_report_prints_it_whole(tmp_path):
    # `某某中心 道路运输管理` / `服务` / `60.00`: the 项目支出预算表 prints 道路运输管理服务 on one line
    t = _goals_table(tmp_path, _BUDGET + _with_broken(_BROKEN_AFTER))
    rows = t.rows[1:]
    assert [(r.values["单位名称"].value, r.name.value, r.values["金额"].value) for r in rows] == [
        ("某某市某某局", "财政管理与改革", Decimal("120.00")), ("某某市某某中心", "票据综合管理", Decimal("80.00")),
        ("某某市某某中心", "道路运输管理服务", Decimal("60.00")), ("某某市某某局", "信息化建设与运维", Decimal("100.00"))]
    assert all(r.values["金额"].confidence >= 0.9 for r in rows)
    assert rows[1].values["项目总体绩效目标"].value == GOALS[1]
    assert rows[2].values["项目总体绩效目标"].value == "2026年，开展好各项服务工作。"


def test_a_project_name_broken_one_cell_per_line_is_joined_where_printed_whole(tmp_path):
    lines = ["表11", "2026年市级部门项目支出绩效表", "341-某某市某某局", "万元", "单位名称", "项目名称", "金额",
             "项目总体绩效目标", "**", "**", "**", "**", "360.00",
             "某某市某某局", "财政管理与改革", "120.00 2026年，推进预算管理改革，", "提高资金使用效益。",
             "某某市某某中心", "票据综合管理", "80.00", "2026年，推进电子票据改革，做好推广工作，", "完成专项检查。"]
    t = _goals_table(tmp_path, _BUDGET + lines + _with_broken(_BROKEN_CELLS, cells=True)[11:])
    assert [(r.name.value, r.values["金额"].value) for r in t.rows[1:]] == [
        ("财政管理与改革", Decimal("120.00")), ("票据综合管理", Decimal("80.00")),
        ("道路运输管理服务", Decimal("60.00")), ("信息化建设与运维", Decimal("100.00"))]


def test_a_broken_project_name_the_report_does_not_print_whole_still_ends_the_table(tmp_path):
    t = _goals_table(tmp_path, _with_broken(_BROKEN_AFTER))
    assert [r.values["金额"].value for r in t.rows[1:]] == [Decimal("120.00"), Decimal("80.00")]
    assert all(r.name.value != "道路运输管理服务" for r in t.rows)


def test_a_project_name_broken_around_its_centred_row_is_joined_where_printed_whole(tmp_path):
    # pdfplumber / pdftotext -layout: `道路运输管理` / `某某中心 60.00 …` / `服务`, the goal text centred too
    head = [x.replace("300.00", "360.00") for x in CENTRED[:12]]
    lines = _BUDGET + head + ["2026年，开展好", "道路运输管理", "某某市某某中心 60.00 各项服务", "服务", "工作。"] + CENTRED[12:]
    t = _goals_table(tmp_path, lines)
    rows = t.rows[1:]
    assert [(r.values["单位名称"].value, r.name.value, r.values["金额"].value) for r in rows] == [
        ("某某市某某局", "财政管理与改革", Decimal("120.00")), ("某某市某某中心", "票据综合管理", Decimal("80.00")),
        ("某某市某某中心", "道路运输管理服务", Decimal("60.00")), ("某某市某某局", "信息化建设与运维", Decimal("100.00"))]
    assert all(r.values["金额"].confidence >= 0.9 for r in rows)
    assert rows[2].values["项目总体绩效目标"].value == "2026年，开展好各项服务工作。"
    assert rows[1].values["项目总体绩效目标"].value == GOALS[1]
