"""The document-level test the one-cell-per-line readers share (structure/value_lines.py)."""
from extractor.datamodel import NLine
from extractor.structure.value_lines import has_value_lines


def _lines(*texts):
    return [NLine(text=t, orig=t, no=i + 1) for i, t in enumerate(texts)]


def test_three_lines_of_values_alone():
    assert has_value_lines(_lines("支出决算表", "合计", "446.11", "1,279.28 65.45", "-"))
    assert has_value_lines(_lines("项目 |", "446.11 |", "***** |", "12 |"))  # web cells marked ` |`
    # a pipe table's rules and rows are no cells one per line
    assert not has_value_lines(_lines("|---|---|", "| --- | --- |", "|---|---|", "| 1 | 2 |"))


def test_values_behind_a_tab_or_among_words_do_not_count():
    # cells behind a TAB are the flat reader's; a row with its label is no cell per line
    assert not has_value_lines(_lines("\t446.11", "\t65.45", "\t0.00", "行政运行 446.11", "合计 1,279.28"))
    assert not has_value_lines(_lines("446.11", "本年支出 65.45", "65.45"))  # two are not enough


def test_the_answer_is_for_the_list_asked_about():
    values = _lines("1", "2", "3")
    words = _lines("一", "二", "三")
    assert has_value_lines(values)
    assert not has_value_lines(words)
    assert has_value_lines(values)


def test_percentages_and_full_width_dashes_are_values():
    assert has_value_lines(_lines("12.5%", "－", "100%"))


def test_a_form_s_label_cells_open_the_cell_lines_reader():
    from extractor.structure.value_lines import has_form_cells
    form = _lines("项目支出绩效目标表", "项目名称", "档案数字化专项经费", "35.20", "一级指标", "12000卷", "≥98%")
    assert not has_value_lines(form) and has_form_cells(form)
    assert not has_form_cells(_lines("一、部门主要职责", "本部门负责全市统计工作的组织实施。", "35.20"))
