"""The `sides-runs` reader on two budget 收支总表 shapes pdfminer.six prints: a Zhejiang table whose
expenditure side lists its subjects as a tree (no item numbers) and whose income side prints the
funds under 一、财政拨款; and a Shandong table whose income funds stand under 一、财政拨款收入, whose
totals block adds 上级补助收入 … to 本年合计, and whose expenditure column leaves blank cells out (placed by
the 支出总表's 类 totals). Amounts checked by hand in each fixture."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract


def _boxes(lines: list[str]) -> str:
    """Each line its own box, as pdfminer.six prints them: a blank line after each."""
    return "\n\n".join(lines) + "\n"


def _extract(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    return extract(p)


def _values(t) -> dict:
    out: dict = {}
    for r in t.rows:
        for f in r.values.values():
            if f is not None and f.value is not None:
                out.setdefault(r.name.value, []).append(f)
    return out


# Zhejiang: income 一、财政拨款 400 = 一般公共预算 400 (its fund, on the next row); expenditure tree
# 一般公共服务支出 300 = 财政事务 300 = 行政运行 250 + 事业运行 50; 住房保障支出 100 = 住房改革支出 100 =
# 住房公积金 100; Σ 类 300 + 100 = 400 = 本年支出合计 = 支出总计; 本年收入合计 400 = 收入总计.
_TREE = [
    "2026年部门收支预算总表", "表01", "单位：万元", "收    入", "支    出", "项    目", "预算数", "项    目", "预算数",
    "一、财政拨款", "一般公共预算", "政府性基金预算", "国有资本经营预算", "二、事业收入", "三、其他收入",
    "400.00 一般公共服务支出", "400.00 　财政事务", "　　行政运行", "　　事业运行",
    "住房保障支出", "　住房改革支出", "　　住房公积金",
    "本年收入合计", "400.00", "本年支出合计",
    "300.00", "300.00", "250.00", "50.00", "100.00", "100.00", "100.00", "400.00",
    "上年结转结余", "年终结转结余", "收  入  总  计", "400.00", "支  出  总  计", "400.00",
    "注：本表反映部门收支预算总体情况。",
]


def test_an_expenditure_side_printing_its_subjects_as_a_tree(tmp_path):
    (t,) = [t for t in _extract(tmp_path, _boxes(_TREE)).tables if t.method == "sides-runs"]
    got = {name: [f.value for f in fs] for name, fs in _values(t).items()}
    assert got["财政拨款"] == [Decimal("400.00")]
    assert got["一般公共预算"] == [Decimal("400.00")]  # the fund's row under 一、财政拨款, not 二、事业收入's
    assert "事业收入" not in got
    assert got["一般公共服务支出"] == [Decimal("300.00")]
    assert got["财政事务"] == [Decimal("300.00")]
    assert got["行政运行"] == [Decimal("250.00")]
    assert got["事业运行"] == [Decimal("50.00")]
    assert got["住房公积金"] == [Decimal("100.00")]
    assert got["本年收入合计"] == [Decimal("400.00")]
    assert got["本年支出合计"] == [Decimal("400.00")]
    assert got["收入总计"] == [Decimal("400.00")] and got["支出总计"] == [Decimal("400.00")]
    # (validate's table.side_total adds every expenditure line, 款 and 项 too, so it fails on a tree
    # and sends the expenditure side to review: the reading is right, the check is not built for it)


def test_a_tree_whose_sums_fail_is_declined(tmp_path):
    wrong = [x if x != "50.00" else "40.00" for x in _TREE]  # 行政运行 + 事业运行 no longer 财政事务
    assert not [t for t in _extract(tmp_path, _boxes(wrong)).tables if t.method == "sides-runs"]


# Shandong: income 一、财政拨款收入 500 = 一般公共预算收入 500; 五、其他收入 100; 本年收入合计 600 = 收入总计
# (上级补助收入 … blank). Expenditure (its column leaves blank cells out): 一般公共服务支出 450, 住房保障支出
# 150; 本年支出合计 600 = 支出总计. The 支出总表 gives the 类 totals 201 450, 221 150.
_SHANDONG = [
    "收支总体情况表", "公开表1", "单位：万元", "收 入", "支 出", "项目", "预算数", "项目", "预算数",
    "一、财政拨款收入", "500.00 一、一般公共服务支出", "450.00",
    "一般公共预算收入", "政府性基金预算收入", "国有资本经营预算收入", "二、财政专户管理资金收入",
    "500.00 二、外交支出", "三、公共安全支出", "四、教育支出", "五、科学技术支出",
    "三、事业收入（不含教育收费）", "六、文化旅游体育与传媒支出", "四、事业单位经营收入", "五、其他收入",
    "七、社会保障和就业支出", "100.00 八、卫生健康支出", "九、住房保障支出", "150.00",
    "本 年 收 入 合 计", "600.00", "本 年 支 出 合 计", "600.00",
    "上级补助收入", "附属单位上缴收入", "使用非财政拨款结余", "上年结转",
    "对附属单位的补助支出", "上缴上级支出", "结转下年",
    "收 入 总 计", "600.00", "支 出 总 计", "600.00",
]
_SPENDING = [
    "支出总体情况表", "公开表3", "单位：万元",
    "科目编码 科目名称 合计 基本支出 项目支出",
    "合计 600.00 500.00 100.00",
    "201 一般公共服务支出 450.00 350.00 100.00",
    "221 住房保障支出 150.00 150.00 0.00",
    "注：本表反映部门支出预算情况。",
]


def test_funds_under_the_allocation_item_and_a_column_placed_by_the_spending_table(tmp_path):
    report = _extract(tmp_path, _boxes(_SHANDONG) + "\n" + "\n".join(_SPENDING) + "\n")
    (t,) = [t for t in report.tables if t.method == "sides-runs"]
    got = {name: [f.value for f in fs] for name, fs in _values(t).items()}
    assert got["财政拨款收入"] == [Decimal("500.00")]
    assert got["一般公共预算收入"] == [Decimal("500.00")]  # (not 二、财政专户管理资金收入's)
    assert "财政专户管理资金收入" not in got
    assert got["其他收入"] == [Decimal("100.00")]  # the row of 八、卫生健康支出: the 8th row
    assert got["本年收入合计"] == [Decimal("600.00")] and got["收入总计"] == [Decimal("600.00")]
    # the expenditure column, blank cells left out, placed by the 支出总表's 类 totals (review level)
    assert got["一般公共服务支出"] == [Decimal("450.00")]
    assert got["住房保障支出"] == [Decimal("150.00")]
    assert got["本年支出合计"] == [Decimal("600.00")] and got["支出总计"] == [Decimal("600.00")]
    assert any("placed" in n for n in _values(t)["住房保障支出"][0].notes)


def test_only_the_allocation_item_naming_no_fund_takes_funds_under_it():
    from extractor.structure.sides_runs import allocation_item

    assert allocation_item("一、财政拨款收入") and allocation_item("一、财政拨款")
    # a final report's 财政拨款收支总表 numbers each fund's own item: the words after it are its header's
    assert not allocation_item("一、一般公共预算财政拨款")
    assert not allocation_item("二、政府性基金预算财政拨款")
    assert not allocation_item("年初财政拨款结转和结余")


# Shanghai: the funds numbered under 一、财政拨款收入 (`1. 一般公共预算` …, parts of that item, not
# items of their own), no 本年合计 rows, and the expenditure column printing every item. Income
# 一、财政拨款收入 500 = 1. 一般公共预算 500 (+ 0 + 0); 二、三、四 0 (bare, after the expenditure run);
# expenditure 一、公共安全支出 430 + 二、社会保障和就业支出 40 + 三、卫生健康支出 10 + 四、住房保障支出 20 = 500.
_NUMBERED_FUNDS = [
    "2026年部门财务收支预算总表", "本年收入", "本年支出", "项目", "预算数", "项目", "预算数",
    "一、财政拨款收入", "1. 一般公共预算", "2. 政府性基金预算", "3. 国有资本经营预算",
    "二、事业收入", "三、事业单位经营收入", "四、其他收入",
    "500.00  一、公共安全支出", "500.00  二、社会保障和就业支出", "0.00  三、卫生健康支出", "0.00  四、住房保障支出",
    "430.00", "40.00", "10.00", "20.00", "0.00", "0.00", "0.00",
    "收入总计", "500.00", "支出总计", "500.00",
]


def test_funds_numbered_under_the_allocation_item_are_its_parts(tmp_path):
    (t,) = [t for t in _extract(tmp_path, _boxes(_NUMBERED_FUNDS)).tables if t.method == "sides-runs"]
    got = {name: [f.value for f in fs] for name, fs in _values(t).items()}
    assert got["财政拨款收入"] == [Decimal("500.00")]
    assert got["一般公共预算"] == [Decimal("500.00")]
    assert got["政府性基金预算"] == [Decimal("0.00")]
    assert got["事业收入"] == [Decimal("0.00")]
    assert got["其他收入"] == [Decimal("0.00")]
    assert got["公共安全支出"] == [Decimal("430.00")]
    assert got["社会保障和就业支出"] == [Decimal("40.00")]
    assert got["卫生健康支出"] == [Decimal("10.00")]
    assert got["住房保障支出"] == [Decimal("20.00")]
    assert got["收入总计"] == [Decimal("500.00")]
    assert got["支出总计"] == [Decimal("500.00")]
    assert all(f.confidence >= 0.9 for fs in _values(t).values() for f in fs)


def test_numbered_funds_whose_income_sums_fail_are_declined(tmp_path):
    # 1. 一般公共预算 printed 450 under an item of 500: the income side adds up only if the funds
    # were items of their own (500 + 450 ≠ 500 either way), so no reading holds
    lines = [x.replace("500.00  二、", "450.00  二、") for x in _NUMBERED_FUNDS]
    assert not [t for t in _extract(tmp_path, _boxes(lines)).tables if t.method == "sides-runs"]
