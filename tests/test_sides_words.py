"""The `sides-words` reader: a budget's 收支总表 without 行次 as pdftotext without -layout prints it — each
row's income label, then the income amount on one line with the expenditure label, then the expenditure
amount alone; the income labels of the total rows stacked before their amounts; the last expenditure
amount after the table's note. Amounts checked by hand: income 500 + 0 + 40 = 540 = 本年收入合计,
540 + 60 = 600 = 收入总计; expenditure 300 + 200 + 50 = 550 = 本年支出合计, 550 + 50 = 600 = 支出总计."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.evidence import policy

TOTAL = """2026年部门收支总表
部门：某某局

单位：万元
收
项
入
目
支
预算数
项
目
出
预算数
一、一般公共预算拨款收入
500.00 一、一般公共服务支出
300.00
二、政府性基金预算拨款收入
0 二、教育支出
200.00
三、事业收入
0 三、住房保障支出
50.00
四、其他收入
40.00
本年收入合计
上年结转
收入总计
540.00 本年支出合计
550.00
60.00 年终结转结余
50.00
600.00 支出总计
注：本表反映本部门本年度收入和支出预算总体情况。

第4页
600.00

"""


def _extract(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    return extract(p)


def _values(report) -> dict:
    (t,) = [t for t in report.tables if t.method == "sides-words"]
    out = {}
    for r in t.rows:
        for f in r.values.values():
            if f is not None and f.value is not None:
                out[r.name.value] = f
    return out


def test_income_amount_before_the_expenditure_label_goes_to_the_rows_income_item(tmp_path):
    got = _values(_extract(tmp_path, "报告\n\n" + TOTAL))
    want = {"一般公共预算拨款收入": "500.00", "政府性基金预算拨款收入": "0", "事业收入": "0",
            "其他收入": "40.00", "本年收入合计": "540.00", "上年结转": "60.00", "收入总计": "600.00",
            "一般公共服务支出": "300.00", "教育支出": "200.00", "住房保障支出": "50.00",
            "本年支出合计": "550.00", "年终结转结余": "50.00", "支出总计": "600.00"}
    assert {k: f.value for k, f in got.items()} == {k: Decimal(v) for k, v in want.items()}
    assert all(f.confidence >= policy.REVIEW_THRESHOLD for f in got.values())


def test_sums_that_fail_decline_the_table(tmp_path):
    # 教育支出 and 住房保障支出 trade places in the sum only: 本年支出合计 no longer adds up
    text = TOTAL.replace("0 二、教育支出\n200.00", "0 二、教育支出\n210.00")
    report = _extract(tmp_path, "报告\n\n" + text)
    assert not [t for t in report.tables if t.method == "sides-words"]


def test_amounts_of_several_rows_printed_apart_go_to_review(tmp_path):
    # 教育支出 and 住房保障支出 print no amount after their labels; 200.00 and 50.00 come after the table:
    # placed in printed order where the sums hold, but to review (swapped, the sums would hold too)
    text = TOTAL.replace("0 二、教育支出\n200.00\n", "0 二、教育支出\n").replace(
        "0 三、住房保障支出\n50.00\n", "0 三、住房保障支出\n").replace("第4页\n600.00\n", "第4页\n600.00\n200.00\n50.00\n")
    got = _values(_extract(tmp_path, "报告\n\n" + text))
    assert got["教育支出"].value == Decimal("200.00") and got["住房保障支出"].value == Decimal("50.00")
    assert got["教育支出"].confidence < policy.REVIEW_THRESHOLD
    assert got["住房保障支出"].confidence < policy.REVIEW_THRESHOLD
    assert got["一般公共服务支出"].confidence >= policy.REVIEW_THRESHOLD


def test_amounts_printed_apart_that_fit_no_single_row_decline_the_table(tmp_path):
    # 50.00 printed apart with 教育支出 and 住房保障支出 both blank: either row fits the sums
    text = TOTAL.replace("0 二、教育支出\n200.00\n", "0 二、教育支出\n").replace(
        "0 三、住房保障支出\n50.00\n", "0 三、住房保障支出\n").replace(
        "300.00\n二、", "500.00\n二、").replace("第4页\n600.00\n", "第4页\n600.00\n50.00\n")
    report = _extract(tmp_path, "报告\n\n" + text)
    assert not [t for t in report.tables if t.method == "sides-words"]


# 财政拨款收支总表: 合计 and the three funds on the expenditure side, 0 printed; the last rows' amounts
# printed as a run before their labels. Hand check: 300 + 200 + 100 = 600 = 支出总计 (合计 = 一般公共预算
# + 0 + 0 on each row); income 600 + 0 + 0 = 600 = 收入总计.
FISCAL = """2026年部门财政拨款收支总表
部门：某某局

单位：万元

收入
项
目
支出
预算数
项
目
合计
一般公共预算 政府性基金预算
国有资本经营预
算
一、一般公共预算拨款
600.00 一、一般公共服务支出
300.00
300.00
0
0
二、政府性基金预算拨款
0 二、教育支出
200.00
200.00
0
0
100.00
100.00
0
0
600.00
600.00
0
0
三、住房保障支出
收入总计
600.00 支出总计
注：本表反映本部门本年度财政拨款收支预算总体情况。

"""


def test_fund_columns_and_a_run_printed_before_its_labels(tmp_path):
    report = _extract(tmp_path, "报告\n\n" + FISCAL)
    (t,) = [t for t in report.tables if t.method == "sides-words"]
    rows = {r.name.value: {c: f.value for c, f in r.values.items() if f is not None and f.value is not None}
            for r in t.rows}
    assert rows["一般公共预算拨款"] == {"预算数": Decimal("600.00")}
    assert rows["收入总计"] == {"预算数": Decimal("600.00")}
    zero = Decimal(0)
    assert rows["一般公共服务支出"] == {"合计": Decimal("300.00"), "一般公共预算": Decimal("300.00"),
                                "政府性基金预算": zero, "国有资本经营预算": zero}
    assert rows["住房保障支出"]["合计"] == Decimal("100.00")  # the one row left for the run: sums settle it
    assert rows["支出总计"]["一般公共预算"] == Decimal("600.00")
    fields = [f for r in t.rows for f in r.values.values() if f is not None and f.value is not None]
    assert all(f.confidence >= policy.REVIEW_THRESHOLD for f in fields)


# blank cells absent: the income labels of the rows without an expenditure label come stacked, and the
# one amount among them (40.00) after the stack. Hand check: expenditure 300 + 200 + 50 = 550 =
# 本年支出合计 = 支出总计; income 510 + 40 = 550 = 本年收入合计 = 收入总计 (上年结转 blank): of the stacked
# labels still without an amount, only a numbered item keeps the sums (上年结转 40.00 would make 590).
STACKED = """2026年部门收支总表
部门：某某局

单位：万元
收
项
入
目
支
预算数
一、一般公共预算拨款收入
项
目
510.00 一、一般公共服务支出
出
预算数
300.00
二、政府性基金预算拨款收入
二、教育支出
200.00
三、事业收入
三、住房保障支出
50.00
四、其他收入
本年收入合计
上年结转
收入总计
40.00
550.00 本年支出合计
550.00
年终结转结余
550.00 支出总计
注：本表反映本部门本年度收入和支出预算总体情况。

第4页
550.00

"""


def test_an_amount_after_a_stack_of_income_labels_goes_where_the_sums_hold(tmp_path):
    got = _values(_extract(tmp_path, "报告\n\n" + STACKED))
    for name, v in (("一般公共服务支出", "300.00"), ("教育支出", "200.00"), ("住房保障支出", "50.00"),
                    ("本年支出合计", "550.00"), ("支出总计", "550.00"), ("一般公共预算拨款收入", "510.00"),
                    ("其他收入", "40.00"), ("本年收入合计", "550.00"), ("收入总计", "550.00")):
        assert got[name].value == Decimal(v) and got[name].confidence >= policy.REVIEW_THRESHOLD
    assert "上年结转" not in got


def test_an_amount_two_stacked_labels_could_take_is_left_out_and_the_income_side_goes_to_review(tmp_path):
    # 四、事业单位经营收入 / 五、其他收入 both blank-or-40.00: the sums hold either way
    text = STACKED.replace("四、其他收入\n", "四、事业单位经营收入\n五、其他收入\n")
    got = _values(_extract(tmp_path, "报告\n\n" + text))
    assert got["支出总计"].value == Decimal("550.00") and got["支出总计"].confidence >= policy.REVIEW_THRESHOLD
    for name in ("一般公共预算拨款收入", "本年收入合计", "收入总计"):
        assert got[name].confidence < policy.REVIEW_THRESHOLD
    assert "其他收入" not in got and "事业单位经营收入" not in got  # 40.00 is placed nowhere
