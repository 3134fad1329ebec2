"""The spaced sides reader (structure/spaced_sides.py) on a 财政拨款收入支出决算总表 as pdfplumber prints it:
a row's income amount on the row's line and its expenditure amounts (合计 and a fund column, a taller
cell) on the line below (`一、一般公共预算财政拨款 100.00 一、一般公共服务支出` / `80.00 80.00`).
Amounts checked by hand: expenditure 80 + 20 = 100 = 本年支出合计; each row's 合计 = its one fund
amount (which fund column the text does not say: that amount is in doubt)."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract

TEXT = """报告

财政拨款收入支出决算总表
单位：万元
收入 支出
项目 决算数 项目 合计 一般公共预算财政拨款 政府性基金预算财政拨款 国有资本经营预算财政拨款
一、一般公共预算财政拨款 100.00 一、一般公共服务支出
80.00 80.00
二、政府性基金预算财政拨款 二、外交支出
三、国有资本经营预算财政拨款 三、教育支出 20.00 20.00
本年收入合计 100.00 本年支出合计 100.00 100.00
总计 100.00 总计 100.00 100.00
"""


def test_expenditure_amounts_printed_below_a_row_whose_income_amount_is_on_its_line(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text(TEXT, encoding="utf-8")
    (t,) = [t for t in extract(p).tables if t.title == "财政拨款收入支出决算总表"]
    rows = {r.name.value: r for r in t.rows}
    income = rows["一般公共预算财政拨款"].values["决算数"]
    assert income.value == Decimal("100.00") and income.confidence >= 0.9
    spent = rows["一般公共服务支出"].values
    assert spent["合计"].value == Decimal("80.00") and spent["合计"].confidence >= 0.9
    assert spent["一般公共预算财政拨款"].value == Decimal("80.00")
    assert spent["一般公共预算财政拨款"].confidence < 0.8  # the fund column is a guess: review
    assert all(spent[c].value is None for c in ("政府性基金预算财政拨款", "国有资本经营预算财政拨款"))
    assert all(f.value is None for f in rows["外交支出"].values.values())
