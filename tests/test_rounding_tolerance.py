"""validate: when a sum may be off by a cent of rounding (a table in 万元, rounded from 元), also for a
table whose unit line was not read with it (pdfminer.six prints `单位：万元` amid the cells)."""
from __future__ import annotations

from decimal import Decimal

from extractor.datamodel import Field, Report, Row, SourceInfo, Table
from extractor.validate.checks import total_row_sum


def _f(v: str) -> Field:
    return Field(value=Decimal(v), raw=v, confidence=0.99)


def _income(unit) -> Table:
    # 合计 2946.25 printed; its 类 rows add to 2946.26 (2112.86 + 326.72 + 506.68): a cent of rounding
    rows = [Row(name=Field(value="合计", raw="合计"), values={"本年收入合计": _f("2946.25")})]
    for code, name, v in (("201", "一般公共服务支出", "2112.86"), ("208", "社会保障和就业支出", "326.72"),
                          ("221", "住房保障支出", "506.68")):
        rows.append(Row(code=Field(value=code, raw=code), name=Field(value=name, raw=name),
                        values={"本年收入合计": _f(v)}))
    return Table(template="final.02", title="收入决算表", unit=unit, columns=["本年收入合计"], rows=rows)


def _other(unit) -> Table:
    return Table(template="final.05", title="一般公共预算财政拨款支出决算表", unit=unit, columns=["合计"])


def _check(*tables: Table):
    r = Report(source=SourceInfo(path="t", sha256="0", format="text", route="text"), tables=list(tables))
    (c,) = total_row_sum(r)
    return c


def test_a_table_without_its_unit_line_is_rounded_as_the_reports_tables_in_wan_yuan():
    c = _check(_income(None), _other("万元"))
    assert c.passed and c.tolerance and c.expected == Decimal("2946.26") and c.found == Decimal("2946.25")
    assert "within the rounding" in c.message


def test_no_rounding_where_the_other_tables_state_yuan_or_none_states_a_unit():
    for other in (_other("元"), _other(None)):
        c = _check(_income(None), other)
        assert not c.passed, other.unit
    mixed = _check(_income(None), _other("万元"), _other("元"))
    assert not mixed.passed
    assert _check(_income("万元")).passed  # the table's own unit, as before


def test_an_exact_sum_of_a_table_without_its_unit_line_still_confirms():
    table = _income(None)
    table.rows[0].values["本年收入合计"] = _f("2946.26")  # the 合计 as the 类 rows add up
    c = _check(table, _other("万元"))
    assert c.passed and c.tolerance is None  # an exact pass, no allowance recorded: it confirms its fields
