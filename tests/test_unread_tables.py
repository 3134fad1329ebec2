"""A standard table whose title was found but that no reader read is recorded as a problem, never
passed over in silence; a table read, printed empty, or only listed in the contents is not."""
from __future__ import annotations

from conftest import flat
from extractor.datamodel import Document, Line
from extractor.normalize import normalize
from extractor.structure import structure


def _structure(text: str):
    lines = [Line(text=t, no=i) for i, t in enumerate(text.split("\n"), start=1)]
    return structure(normalize(Document(path="t", sha256="0", format="text", route="text", lines=lines)))


# a table's cells scattered so that no reader can place them (amounts before any label, header words
# among them): the title, code and unit lines are a table's opening all the same
SCATTERED = """公开07表
一般公共预算支出表
单位：万元
105,814.60
科目编码
2,531.48
合计
教育支出
60,964.23
基本支出
"""


def test_unread_table_is_a_problem_with_line_and_title():
    st = _structure("目录\n一、一般公共预算支出表\n\n" + SCATTERED)
    assert st.tables == []
    assert len(st.problems) == 1
    stage, severity, message = st.problems[0]
    assert (stage, severity) == ("structure", "warning")
    assert message.startswith("line 5: table '一般公共预算支出表' (一般公共预算支出预算表) found but not read")


def test_read_table_empty_table_and_contents_are_not_problems():
    read = "一般公共预算财政拨款支出决算表\n\t\t\t公开05表\n部门：测试局\t\t单位：万元\n" + flat([
        ["功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["合计", "10.50", "8", "2.50"],
        ["201 03 01", "行政运行", "10.50", "8", "2.50"],
    ])
    empty = "\n政府性基金预算支出表\n单位：万元\n科目编码 科目名称 合计\n合计\n注：本单位无政府性基金预算，故本表无数据。\n"
    contents = "目录\n一、一般公共预算支出表\n二、政府性基金预算支出表\n第一部分 部门概况\n"
    st = _structure(contents + read + empty)
    assert [t.template for t in st.tables] == ["final.05"]
    assert st.problems == []


def test_problem_reaches_the_report(tmp_path):
    from extractor import extract

    p = tmp_path / "r.txt"
    p.write_text("某某局2026年部门预算\n\n" + SCATTERED, encoding="utf-8")
    r = extract(p, ner=False)
    assert any(pr.stage == "structure" and "'一般公共预算支出表'" in pr.message and "found but not read" in pr.message
               for pr in r.problems)


def test_entry_of_a_list_of_tables_is_not_a_problem():
    # a list of the report's tables with no leader dots or page numbers, the first table right after
    # it: the list's entries are no table's opening (the last entry is followed by the page number)
    listed = ("表9.2026年市级部门国有资本经营预算支出预算表\n表10.2026年市级部门项目支出预算表\n"
              "表11.2026年市级部门项目支出绩效表\n21\n" + SCATTERED)
    st = _structure(listed)
    assert [m for _, _, m in st.problems if "found but not read" in m and "项目支出" in m] == []
    assert len([m for _, _, m in st.problems if "found but not read" in m]) == 1


def test_a_table_run_together_on_one_line_and_not_read_is_named():
    # an .xls preview copied from a web page: the 收支总表's labels and amounts run together on one
    # line, the amounts apart from their labels (blank cells absent): no reader places them
    line = ("教育局 2020年部门预算 表1 部门收支总表 单位:万元 收 项 入 目 支 2020年预算数 项 出 目 "
            "一、一般公共预算拨款收入 16,745.59 一、一般公共服务支出 二、教育支出 三、科学技术支出 2020年预算数 "
            "12,204.85 四、社会保障和就业支出 1,663.86 五、卫生健康支出 1,235.48 六、住房保障支出 1,641.40 "
            "本 年 收 入 合 计 16,745.59 本 年 支 出 合 计 16,745.59")
    st = _structure("2020年某县教育局部门预算\n" + line + "\n")
    assert [m for _, _, m in st.problems] == [
        "line 2: table '部门收支总表' (收支预算总表) found but not read: no reader could place its cells in "
        "this text's layout (run together on one line with others), so its amounts are not in the output"]


def test_a_sentence_naming_a_table_with_amounts_is_no_table():
    line = ("根据 部门收支总表 显示 2020年 收入 16,745.59万元 其中 教育支出 12,204.85万元 社会保障和就业支出 "
            "1,663.86万元 卫生健康支出 1,235.48万元 住房保障支出 1,641.40万元 比上年有所增加 具体见附表 说明如下 "
            "以上数据 均为 预算数")
    st = _structure(line + "\n")
    assert st.problems == []


def test_titles_run_together_are_looked_at_in_linear_time():
    # 20,000 titles in one long line: each title's amounts after it are counted from one list of the
    # line's amounts (a scan of the rest of the line per title took minutes at this size)
    import time
    line = "表1 部门收支总表 单位:万元 " * 20000 + "1.00 2.00 3.00"
    t0 = time.process_time()
    st = _structure(line + "\n")
    assert time.process_time() - t0 < 20
    assert len(st.problems) == 1  # one warning per title, however often printed
