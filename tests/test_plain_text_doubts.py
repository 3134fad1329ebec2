"""Plain pdftotext shapes (one cell per block, blank lines between) that used to give confident
wrong facts: a subject code read as an amount, a header's letter taken for a row's name, a form
label taken for a project's name."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import SHARED
from extractor import extract

# 表3's first rows printed before the rest of its header: the code of the row after (20601) stands
# where a one-cell-per-line reader cut at the header's width puts the 合计 amount of row 206
CODES_BEFORE_HEADER = """注：无。

表3

本年支出总体情况表
单位名称：某某局
功能分类科目
科目编码

科目名称
合计

206

科学技术支出

20601

科学技术管理事务

单位：万元
合计

基本支出

项目支出

94.00

8.00

86.00

94.00

8.00

86.00

3.90

3.90

0.00

2060101

行政运行

3.90

3.90

0.00

20605

科技条件与服务

90.10

4.10

86.00
"""


def _cells(r, conf=0.0):
    return [(row.code.value if row.code else None, str(row.name.value), col, f.value)
            for t in r.tables for row in t.rows for col, f in row.values.items()
            if isinstance(f.value, Decimal) and f.confidence >= conf]


def test_a_subject_code_in_the_amount_column_is_never_an_amount(tmp_path):
    p = tmp_path / "codes.txt"
    p.write_text(CODES_BEFORE_HEADER, encoding="utf-8")
    r = extract(p)
    assert not any(v == Decimal("20601") for *_, v in _cells(r))
    # the cells are read by the column-runs reader instead, each row adding up
    got = {(c, col): v for c, _, col, v in _cells(r, 0.9)}
    assert got[("206", "合计")] == Decimal("94.00")
    assert got[("20601", "基本支出")] == Decimal("3.90")
    assert got[("20605", "项目支出")] == Decimal("86.00")
    assert got[(None, "合计")] == Decimal("94.00")


# 收 / 入 and 支 / 出 spread one letter a line over the 收支总表's header; 出 then stands before the
# spending side's amounts as if it named a row
LETTERS_OVER_LINES = """预算01表 收支总表
金额单位：万元

收

项

目

入

支

预算数

项

目

一、一般公共预算拨款收入

870.50 一、一般公共服务支出

二、政府性基金预算拨款收入

66.25 二、外交支出

三、国有资本经营预算拨款收入
四、财政专户管理资金收入
五、事业收入

预算数

三、国防支出

九、其他收入

出

7.40

22.60

2.90 九、卫生健康支出

本年收入合计

936.75

本年支出合计

收入总计

936.75

支出总计

936.75
"""


def test_a_row_named_by_one_letter_of_the_header_goes_to_review(tmp_path):
    p = tmp_path / "letters.txt"
    p.write_text(LETTERS_OVER_LINES, encoding="utf-8")
    r = extract(p)
    lone = [(n, v, f.confidence, f.notes) for t in r.tables for row in t.rows
            for n in [str(row.name.value)] if n == "出"
            for v, f in ((f.value, f) for f in row.values.values()) if v is not None]
    assert lone, "the row is still there, in review"
    assert all(conf < 0.9 and any("one character" in x for x in notes) for _, _, conf, notes in lone)


# a 项目支出绩效目标表 whose labels' column pdftotext prints first: 主管部门 stands right after 项目名称
LABELS_FIRST = """（二）绩效目标表及说明
1.项目支出绩效目标表
加班补贴项目绩效目标表
项目名称
主管部门
专项资金情
况（万元）
年度目标
绩效目标指
标
民警加班补贴
某某局
某某局
某某支队
实施单位
资金总额
269.24
财政拨款
269.24
其他资金
0.00
"""


def test_a_form_label_is_never_a_project_name(tmp_path):
    p = tmp_path / "form.txt"
    p.write_text(LABELS_FIRST, encoding="utf-8")
    r = extract(p)
    assert not any(str(x.name.value).startswith("主管部门") for x in r.projects)


def _pdftotext(stem: str, tmp_path):
    import converted

    pdf = SHARED / "real-corpus" / f"{stem}.pdf"
    if not pdf.exists():
        pytest.skip(reason=f"{pdf} is not there (the shared corpus is absent)")
    try:
        return extract(converted.convert(pdf, "pdftotext", tmp_path))
    except converted.ConverterMissing:
        pytest.skip(reason="pdftotext is not installed")


def test_real_plain_pdftotext_texts_keep_no_such_confident_facts(tmp_path):
    r = _pdftotext("city005_016", tmp_path)
    cells = _cells(r, 0.9)
    assert not any(v in (Decimal("206"), Decimal("20601")) for *_, v in cells)
    # 本年支出总体情况表's row 206 科学技术支出 as printed: 94,158.15 | 7,911.51 | 86,246.64
    row = [(col, v) for c, _, col, v in cells if c == "206" and col in ("合计", "基本支出", "项目支出")]
    assert sorted(row) == [("合计", Decimal("94158.15")), ("基本支出", Decimal("7911.51")),
                           ("项目支出", Decimal("86246.64"))]
    r = _pdftotext("city017_038", tmp_path)
    assert not any(str(x.name.value).startswith("主管部门") for x in r.projects)
    r = _pdftotext("city002_004", tmp_path)
    assert not any(n == "出" for _, n, _, _ in _cells(r, 0.9))
