"""A 收支总表's expenditure side printing 功能分类 subjects as an unnumbered tree (Zhejiang): only its
类 lines add up to 本年支出合计, so the side total is checked against them, not every line."""
from __future__ import annotations

from decimal import Decimal

from extractor.datamodel import Field, Report, Row, SourceInfo, Table
from extractor.validate.checks import run_checks


def _row(name: str, amount: str, block: str) -> Row:
    return Row(name=Field(value=name, raw=name, confidence=0.97),
               values={"预算数": Field(value=Decimal(amount), raw=amount, confidence=0.97)}, block=block)


def _side_checks(lines):
    rows = [_row("一、一般公共预算拨款收入", "300.00", "收入"), _row("本年收入合计", "300.00", "收入")]
    rows += [_row(n, a, "支出") for n, a in lines]
    t = Table(template="budget.total", title="收支总表", columns=["预算数"], rows=rows)
    report = Report(source=SourceInfo(path="x.txt", sha256="0" * 64, format="txt", route="text"), tables=[t])
    return [c for c in run_checks(report) if c.rule == "table.side_total" and "支出" in c.message]


def test_tree_side_adds_its_classes_only():
    (check,) = _side_checks([("一般公共服务支出", "200.00"), ("财政事务", "200.00"), ("行政运行", "200.00"),
                             ("教育支出", "100.00"), ("普通教育", "100.00"), ("小学教育", "100.00"),
                             ("本年支出合计", "300.00")])
    assert check.passed and check.expected == Decimal("300.00")
    # a 类 whose amount is off is still caught (its 款 lines are not counted in its place)
    (check,) = _side_checks([("一般公共服务支出", "250.00"), ("财政事务", "200.00"), ("行政运行", "200.00"),
                             ("教育支出", "100.00"), ("普通教育", "100.00"), ("小学教育", "100.00"),
                             ("本年支出合计", "300.00")])
    assert not check.passed


def test_lines_that_are_not_a_tree_are_all_added():
    (check,) = _side_checks([("基本支出", "200.00"), ("项目支出", "100.00"), ("本年支出合计", "300.00")])
    assert check.passed
