"""Two-sided budget summary tables whose sides have sub-items, printed by pdftotext without -layout
out of their rows' order (sides_bare.py's tree shape, bare_tree.py; dealt by value and sums,
free_sides.py and detached_sides.py).

Fixture: real converted text (blank lines dropped) of Shenzhen's 收支总表 (city003_008, 深圳市统计局,
two pages): the header spaced a character a cell, the column `2026 年预算数`, `本年收入合计` printed after
`收入总计`, `四、卫生健康支出` after `五、住房保障支出`, the income side's 5,417.80 of 本年收入合计
after the carry-over's 0.00s. Values checked by hand against the PDF route's table: income 一、财政拨款
5,417.80 = 1.一般公共预算拨款 5,417.80 + 0.00 + 0.00, every other income row 0.00, 本年收入合计 = 收入总计
= 5,417.80; expenditure 一、一般公共服务支出 3,478.72 (统计信息事务 3,478.72 = 行政运行 2,357.92 + 专项统计业务
701.80 + 统计管理 359.77 + 专项普查活动 59.23), 二、教育支出 193.00, 三、社会保障和就业支出 562.39 (行政单位离退休
252.07, 机关事业单位基本养老保险缴费支出 211.92, 机关事业单位职业年金缴费支出 98.40), 四、卫生健康支出 86.28,
五、住房保障支出 1,097.40 (住房公积金 214.68 + 购房补贴 882.72); 3,478.72 + 193.00 + 562.39 + 86.28 + 1,097.40
= 5,417.80 = 本年支出合计 = 支出总计, 结转下年 0.00.
"""
from __future__ import annotations

from decimal import Decimal

from extractor.ingest import load
from extractor.normalize import normalize
from extractor.structure import detached_sides, sides_bare
from extractor.structure.free_sides import deal_free

SHENZHEN = """- 12 -
二、表格部分
表1
收支总表
部门名称：深圳市统计局（本级）
单位：万元
收
项
一、财政拨款
1.一般公共预算拨款
目
入
支
2026 年预算数
项
5,417.80
5,417.80
一、一般公共服务支出
目
出
2026 年预算数
3,478.72
统计信息事务
3,478.72
2,357.92
2.政府性基金预算拨款
0.00
行政运行
3.国有资本经营预算拨款
0.00
专项统计业务
701.80
二、财政专户管理资金
0.00
统计管理
359.77
三、单位资金
0.00
专项普查活动
59.23
1.事业收入
0.00
二、教育支出
193.00
2.事业单位经营收入
0.00
进修及培训
193.00
3.上级补助收入
0.00
培训支出
193.00
4.附属单位上缴收入
0.00
三、社会保障和就业支出
562.39
5.其他收入
0.00
行政事业单位养老支出
562.39
行政单位离退休
252.07
- 13 -
表1
收支总表
部门名称：深圳市统计局（本级）
单位：万元
收
项
目
入
支
2026 年预算数
项
目
上年结余、结转
211.92
机关事业单位职业年金缴费支出
98.40
1.财政拨款结余、结转
0.00
2.非财政拨款结余、结转
0.00
收入总计
86.28
行政事业单位医疗
86.28
行政单位医疗
86.28
五、住房保障支出
1,097.40
住房改革支出
1,097.40
住房公积金
214.68
购房补贴
882.72
5,417.80
0.00
2026 年预算数
机关事业单位基本养老保险缴费支出
四、卫生健康支出
本年收入合计
出
本年支出合计
结转下年
5,417.80
0.00
支出总计
注：财政拨款收支情况包括一般公共预算、政府性基金预算、国有资本经营预算拨款收支情况；本套报表金额单位转换时可能存在尾数误差。
- 14 -
5,417.80
5,417.80
表2
收入总表
部门名称：深圳市统计局（本级）
"""

D = Decimal
# the 支出总表's amounts (the PDF route's, checked by hand): 类 code -> total, 款 / 项 name -> amount
CLASSES = {"201": (D("3478.72"), "支出总表"), "205": (D("193.00"), "支出总表"), "208": (D("562.39"), "支出总表"),
           "210": (D("86.28"), "支出总表"), "221": (D("1097.40"), "支出总表")}
SUBJECTS = {name: (frozenset({D(v)}), "支出总表") for name, v in {
    "统计信息事务": "3478.72", "行政运行": "2357.92", "专项统计业务": "701.80", "统计管理": "359.77",
    "专项普查活动": "59.23", "进修及培训": "193.00", "培训支出": "193.00", "行政事业单位养老支出": "562.39",
    "行政单位离退休": "252.07", "机关事业单位基本养老保险缴费支出": "211.92", "机关事业单位职业年金缴费支出": "98.40",
    "行政事业单位医疗": "86.28", "行政单位医疗": "86.28", "住房改革支出": "1097.40", "住房公积金": "214.68",
    "购房补贴": "882.72"}.items()}


def _block(tmp_path):
    p = tmp_path / "report.txt"
    p.write_text(SHENZHEN, encoding="utf-8")
    lines = normalize(load(p)).lines
    i = next(i for i in range(len(lines)) if sides_bare.SidesBareReader().starts(lines, i))
    block, _ = sides_bare.read_bare(lines, i)
    return block


def _cells(block, d):
    """label -> (text, repair kind, status) of each placed cell."""
    out = {}
    for rows, col in ((d.left, d.left_column), (d.rows, d.column)):
        for r, label in rows.items():
            c = block.rows[r][col]
            if c.text.strip():
                out[label] = (c.text, c.repairs[0].kind, c.repairs[0].status)
    return out


def test_shenzhen_summary_read_as_a_tree_printed_out_of_order(tmp_path):
    """Both pages' labels are read, each given its side by its words or as a subject the catalogue
    knows (统计信息事务: expenditure), the spaced header and the lone `出` dropped: 16 income rows, 24
    expenditure rows, 40 amounts (one a row), the column named 2026年预算数."""
    block = _block(tmp_path)
    d = block.detached
    assert block.method == "sides-bare" and d.unordered
    assert (len(d.left), len(d.rows), len(d.run)) == (16, 24, 40)
    assert set(d.left.values()) >= {"一、财政拨款", "1.一般公共预算拨款", "5.其他收入", "本年收入合计", "收入总计"}
    assert set(d.rows.values()) >= {"统计信息事务", "四、卫生健康支出", "机关事业单位基本养老保险缴费支出", "支出总计"}
    assert "出" not in d.rows.values() and "2026年预算数" in "".join(c.text for c in block.rows[0] + block.rows[1])


def test_deal_by_value_proves_the_totals_and_leaves_the_fund_open(tmp_path):
    """With the 支出总表's amounts pinning the expenditure rows, the sums prove 本年收入合计 = 收入总计 =
    5,417.80, 二、财政专户管理资金 and the carry-over 0.00, and every expenditure row; whether the 5,417.80
    of income is 财政拨款's or 单位资金's the sums cannot tell (no 收入表 column read)."""
    d = _block(tmp_path).detached
    left_rows, right_rows = sorted(d.left), sorted(d.rows)
    left, right, _ = detached_sides._free_spec(d, left_rows, right_rows, CLASSES, {}, SUBJECTS)
    run = [D(c.text.replace(",", "")) for c in d.run]
    dealt = deal_free(left, right, run, D("0.01"))
    values = {d.left[r]: dealt.values[0][k] for k, r in enumerate(left_rows)}
    values.update({d.rows[r]: dealt.values[1][k] for k, r in enumerate(right_rows)})
    assert values["本年收入合计"] == values["收入总计"] == values["支出总计"] == {D("5417.80")}
    assert values["二、财政专户管理资金"] == values["上年结余、结转"] == values["结转下年"] == {D("0.00")}
    assert values["四、卫生健康支出"] == {D("86.28")} and values["机关事业单位职业年金缴费支出"] == {D("98.40")}
    assert values["一、财政拨款"] == values["三、单位资金"] == {D("0.00"), D("5417.80")}


def test_placed_cells_confirmed_by_sums_and_the_fund_a_guess(tmp_path):
    """Placed: the rows the sums prove confirmed (本年支出合计 5,417.80, 行政运行 2,357.92 by the 支出总表);
    the open income rows as row guesses under review, in the assignment that puts the money in the
    一般公共预算 fund (1.一般公共预算拨款 5,417.80, 5.其他收入 0.00)."""
    block = _block(tmp_path)
    d = block.detached
    detached_sides.place_sides(block, d, CLASSES, {}, {}, False, SUBJECTS, None)
    got = _cells(block, d)
    assert got["本年支出合计"] == ("5,417.80", "layout.placed_by_table", "confirmed")
    assert got["行政运行"] == ("2,357.92", "layout.placed_by_table", "confirmed")
    assert got["二、财政专户管理资金"] == ("0.00", "layout.placed_by_table", "confirmed")
    assert got["1.一般公共预算拨款"] == ("5,417.80", "layout.row_guess", "unconfirmed")
    assert got["一、财政拨款"] == ("5,417.80", "layout.row_guess", "unconfirmed")
    assert got["5.其他收入"] == ("0.00", "layout.row_guess", "unconfirmed")


def test_amounts_read_in_doubt_place_only_guesses(tmp_path):
    """Where only the 支出表's amounts read in doubt pin the rows (`weak`), every placed cell is a row
    guess, even the totals the sums prove with them."""
    block = _block(tmp_path)
    d = block.detached
    detached_sides.place_sides(block, d, {}, {}, {}, False, {}, (CLASSES, SUBJECTS))
    got = _cells(block, d)
    assert got["本年支出合计"] == ("5,417.80", "layout.row_guess", "unconfirmed")
    assert got["行政运行"] == ("2,357.92", "layout.row_guess", "unconfirmed")
    assert {kind for _, kind, _ in got.values()} == {"layout.row_guess"}
