"""sides-stream: a budget 收支总表 as plain pdftotext (no -layout) prints it: the header's
expenditure half (`支出` `预算数` `项目` `预算数`) among the first row's cells, and the page number
(`5`) between the two sides' last totals."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract

# shortened from a real municipal budget (the sums kept: 1216.89 + 113.11 + 28.50 + 110.20 = 1468.70)
HEADER_IN_ROW = """2026 年度收支预算总表
单位：万元
收入
项目
一、一般公共预算拨款收入
支出
预算数
项目
1468.70
一、一般公共服务支出
预算数
1216.89
二、政府性基金预算拨款收入
0.00
二、外交支出
0.00
三、事业收入
0.00
三、社会保障和就业支出
113.11
四、卫生健康支出
28.50
五、住房保障支出
110.20
本年收入合计
1468.70
本年支出合计
1468.70
上年结转结余
0.00
结转下年支出
0.00
收入合计
1468.70
5
支出合计
1468.70
注：本表反映部门收支总体情况。
"""


def _table(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    tables = [t for t in extract(p).tables if t.method == "sides-stream" and t.template == "budget.total"]
    assert len(tables) == 1
    return tables[0]


def _vals(table, block: str, name: str) -> dict:
    row = next(r for r in table.rows if r.block == block and r.name.value == name)
    return {k: (v.value, v.confidence >= 0.9) for k, v in row.values.items() if v is not None and v.value is not None}


def test_header_half_in_first_row_is_header_not_rows(tmp_path):
    t = _table(tmp_path, HEADER_IN_ROW)
    assert _vals(t, "收入", "一般公共预算拨款收入") == {"预算数": (Decimal("1468.70"), True)}
    assert _vals(t, "支出", "一般公共服务支出") == {"预算数": (Decimal("1216.89"), True)}
    assert _vals(t, "支出", "社会保障和就业支出") == {"预算数": (Decimal("113.11"), True)}
    assert _vals(t, "支出", "住房保障支出") == {"预算数": (Decimal("110.20"), True)}
    assert not any(r.name.value in ("预算数", "项目", "支出") for r in t.rows)


HEADER_FIRST = HEADER_IN_ROW.replace(
    "收入\n项目\n一、一般公共预算拨款收入\n支出\n预算数\n项目\n1468.70\n一、一般公共服务支出\n预算数\n",
    "收入\n支出\n项目\n预算数\n项目\n预算数\n一、一般公共预算拨款收入\n1468.70\n一、一般公共服务支出\n")


def test_page_number_between_totals_is_no_amount(tmp_path):
    assert HEADER_FIRST != HEADER_IN_ROW
    t = _table(tmp_path, HEADER_FIRST)
    assert _vals(t, "收入", "收入合计") == {"预算数": (Decimal("1468.70"), True)}
    assert _vals(t, "支出", "支出合计") == {"预算数": (Decimal("1468.70"), True)}
    assert not any(v.value == Decimal("5") for r in t.rows for v in r.values.values() if v is not None)


def test_page_number_kept_where_amounts_print_no_decimals(tmp_path):
    text = HEADER_IN_ROW.replace("1468.70", "1469").replace("1216.89", "1217").replace("113.11", "113") \
        .replace("28.50", "29").replace("110.20", "110").replace("0.00", "0")
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    # whole-number amounts: the bare 5 may be a cell, so it is not dropped and the stream is not read
    assert not [t for t in extract(p).tables if t.method == "sides-stream" and t.template == "budget.total"]


# a Wuxi-style 财政拨款收支总表 (shortened; 2115.79 + 184.84 + 62.09 + 361.22 = 2723.94): pdftotext put the
# amount of （四）卫生健康支出 after the page's number, under （五）援助其他地区支出
AFTER_FOOTER = """某某局2025年度部门预算公开
财政拨款收支总表
单位：万元
收入
项目
支出
预算数
项目
预算数
一、本年收入
2,723.94 一、本年支出
2,723.94
（一）一般公共预算拨款
2,723.94 （一）一般公共服务支出
2,115.79
（二）政府性基金预算拨款
（二）外交支出
二、上年结转
（三）社会保障和就业支出
184.84
（四）卫生健康支出
（五）援助其他地区支出

- 13 -

62.09

\f（六）住房保障支出
361.22
二、年终结转结余
收入总计
2,723.94
支出总计
2,723.94
"""


def test_amount_after_page_footer_goes_to_review(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text(AFTER_FOOTER, encoding="utf-8")
    tables = [t for t in extract(p).tables if t.method == "sides-stream" and t.template == "budget.fiscal_total"]
    assert len(tables) == 1
    t = tables[0]
    assert _vals(t, "支出", "住房保障支出") == {"预算数": (Decimal("361.22"), True)}
    assert _vals(t, "支出", "社会保障和就业支出") == {"预算数": (Decimal("184.84"), True)}
    assert not any("部门预算公开" in r.name.value for r in t.rows)
    assert _vals(t, "支出", "援助其他地区支出") == {"预算数": (Decimal("62.09"), False)}


def test_page_number_between_label_and_amount_is_no_amount(tmp_path):
    text = HEADER_FIRST.replace("收入合计\n1468.70\n5\n支出合计\n1468.70", "收入合计\n1468.70\n支出合计\n9\n1468.70")
    assert text != HEADER_FIRST
    t = _table(tmp_path, text)
    assert _vals(t, "支出", "支出合计") == {"预算数": (Decimal("1468.70"), True)}
    assert not any(v.value == Decimal("9") for r in t.rows for v in r.values.values() if v is not None)


def test_a_bare_zero_is_a_blank_cell_not_a_page_number():
    # generated and real tables print a blank cell as a bare 0 among amounts with decimals: it is no
    # page number, and with an amount printed without decimals nothing is taken out
    from extractor.structure.sides_columns import Piece
    from extractor.structure.sides_stream import without_page_numbers

    texts = ["一、财政拨款", "100.00", "一、一般公共服务支出", "60.00", "二、事业收入", "0", "二、教育支出",
             "40.00", "收入合计", "100.00", "7", "支出合计", "100.00"]
    body = [Piece(t, None, t[0].isdigit()) for t in texts]
    assert [p.text for p in without_page_numbers(body)] == texts
