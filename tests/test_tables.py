"""Table reconstruction from flattened, pipe and TSV layouts; header paths from spanning cells."""
from __future__ import annotations

from decimal import Decimal

from conftest import flat
from extractor.datamodel import Document, Line
from extractor.normalize import normalize
from extractor.structure import structure


def _structure(text: str):
    lines = [Line(text=t, no=i) for i, t in enumerate(text.split("\n"), start=1)]
    return structure(normalize(Document(path="t", sha256="0", format="text", route="text", lines=lines)))


TITLE05 = "一般公共预算财政拨款支出决算表\n\t\t\t公开05表\n部门：测试局\t\t单位：万元\n"


def test_flat_table_with_spanning_header():
    text = TITLE05 + flat([
        ["项    目", "本年支出"],
        ["功能分类科目编码", "科目名称", "小计", "基本支出", "项目支出"],
        ["栏次", "1", "2", "3"],
        ["合计", "10.50", "8", "2.50"],
        ["201", "一般公共服务支出", "10.50", "8", "2.50"],
        ["201 03 01", "行政运行", "10.50", "8", "2.50"],
    ]) + "\n注：本表反映…"
    st = _structure(text)
    (t,) = st.tables
    assert t.template == "final.05" and t.code == "公开05表" and t.unit == "万元"
    assert t.columns == ["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"]
    assert [r.name.value for r in t.rows] == ["合计", "一般公共服务支出", "行政运行"]
    assert t.rows[2].code.value == "2010301" and t.rows[2].code.raw == "201 03 01"
    assert t.rows[0].values["本年支出/项目支出"].value == Decimal("2.50")
    assert t.notes == ["注：本表反映…"]


def test_three_level_header_tree_09():
    text = "财政拨款“三公”经费支出决算表\n\t公开09表\n部门：测试局\t\t单位：万元\n" + flat([
        ["预算数", "决算数"],
        ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"] * 2,
        ["", "", "小计", "公务用车\n购置费", "公务用车\n运行维护费", ""] * 2,
        [str(i) for i in range(1, 13)],
        ["3", "0", "2", "0", "2", "1", "2.5", "0", "2", "0", "2", "0.5"],
    ]).replace("\t公务用车\n", "\t公务用车\n")
    (t,) = _structure(text).tables
    assert t.columns[2] == "预算数/公务用车购置及运行维护费/小计"
    assert t.columns[4] == "预算数/公务用车购置及运行维护费/公务用车运行维护费"
    assert t.columns[11] == "决算数/公务接待费"
    assert t.rows[0].name.value == "三公经费"
    assert t.rows[0].values["决算数/合计"].value == Decimal("2.5")


def test_pipe_table():
    text = TITLE05 + "\n".join([
        "| 功能分类科目编码 | 科目名称 | 小计 | 基本支出 | 项目支出 |",
        "|---|---|---|---|---|",
        "| 201 | 一般公共服务支出 | 5.00 | 5.00 | |",
        "| 2010301 | 行政运行 | 5.00 | 5.00 | |",
    ])
    (t,) = _structure(text).tables
    assert t.columns == ["小计", "基本支出", "项目支出"]
    assert t.rows[1].code.value == "2010301"
    assert t.rows[1].values["项目支出"].value is None


def test_tsv_table():
    text = TITLE05 + "\n".join([
        "功能分类科目编码\t科目名称\t小计\t基本支出\t项目支出",
        "201\t一般公共服务支出\t5.00\t3.00\t2.00",
        "2010301\t行政运行\t5.00\t3.00\t2.00",
        "",
        "下一段正文。",
    ])
    st = _structure(text)
    (t,) = st.tables
    assert [r.code.value for r in t.rows] == ["201", "2010301"]
    assert t.rows[0].values["项目支出"].value == Decimal("2.00")
    assert "下一段正文。" in st.narrative.text


def test_unknown_table_kept_as_generic():
    text = "某某情况统计表\n" + flat([["指标", "数量", "金额"], ["车辆", "2", "30.5"], ["设备", "1", "12"]])
    (t,) = _structure(text).tables
    assert t.template is None
    assert t.columns == ["数量", "金额"]
    assert t.rows[0].name.value == "车辆" and t.rows[0].values["金额"].value == Decimal("30.5")


def test_code_in_brackets_before_the_name_in_a_name_column():
    # Guangdong's tables print the code in brackets in the name cell (`[2080505]机关事业…`), no code column
    text = "一般公共预算支出情况表（按功能分类科目）\n单位：万元\n" + flat([
        ["科目名称", "合计", "基本支出", "项目支出"],
        ["合计", "10.50", "8", "2.50"],
        ["[208]社会保障和就业支出", "10.50", "8", "2.50"],
        ["[20805]行政事业单位养老支出", "10.50", "8", "2.50"],
        ["[2080505]机关事业单位基本养老保险缴费支出", "10.50", "8", "2.50"],
    ])
    (t,) = _structure(text).tables
    assert [r.code.value if r.code else None for r in t.rows] == [None, "208", "20805", "2080505"]
    assert t.rows[3].name.value == "机关事业单位基本养老保险缴费支出"
    assert t.rows[3].code.raw == "[2080505]机关事业单位基本养老保险缴费支出"
    assert t.rows[3].code.notes == ["code printed in brackets before the name"]
    assert t.rows[2].values["基本支出"].value == Decimal("8")
