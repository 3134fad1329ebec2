"""The `zero-runs` reader: a subject table holding only its 合计 row, every cell 0, as pdfminer.six
prints an empty 政府性基金预算财政拨款收入支出决算表 — the header's words as boxes in another order
than the columns', 栏次, 合计, the column numbers 1 … 6 and the six 0s, one per line."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract

EMPTY_07 = """政府性基金预算财政拨款收入支出决算表
部门：某某局
公开07表
单位：万元
项    目
本年支出
科目代码
科目名称
小计
基本支出
项目支出
年初结转和结余
本年收入
年末结转和结余
栏次
合计
1
2
3
4
5
6
0
0
0
0
0
0
注：本表反映本部门本年度政府性基金预算财政拨款收入、支出及结转结余情况。
说明：本部门本年度无政府性基金预算财政拨款收入及支出，故本表无数据。
"""


def _boxes(text: str) -> str:
    return "\n\n".join(ln for ln in text.splitlines() if ln.strip()) + "\n"


def _extract(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text("报告\n\n" + _boxes(text), encoding="utf-8")
    return extract(p)


def test_the_total_row_of_zeros_under_its_column_set(tmp_path):
    (t,) = [t for t in _extract(tmp_path, EMPTY_07).tables if t.method == "zero-runs"]
    assert sorted(t.columns) == sorted(["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出",
                                        "年初结转和结余", "本年收入", "年末结转和结余"])
    (row,) = t.rows
    assert row.name.value == "合计"
    assert {k: f.value for k, f in row.values.items()} == {c: Decimal("0") for c in t.columns}


def test_an_amount_other_than_zero_declines(tmp_path):
    text = EMPTY_07.replace("0\n0\n0\n0\n0\n0\n", "0\n0\n5.00\n0\n0\n5.00\n")
    assert not [t for t in _extract(tmp_path, text).tables if t.method == "zero-runs"]


def test_zeros_that_do_not_fill_the_columns_decline(tmp_path):
    text = EMPTY_07.replace("0\n0\n0\n0\n0\n0\n", "0\n0\n0\n0\n0\n")
    assert not [t for t in _extract(tmp_path, text).tables if t.method == "zero-runs"]
