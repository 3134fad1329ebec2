"""Settling the order of part columns a reader could only guess, from evidence that is no such guess.

What it does: a reader of text printed column by column (structure/column_runs.py) takes part
columns no identity tells apart (合计 = 基本支出 + 项目支出 is symmetric; so are 人员经费 | 公用经费
and the 收入 columns 财政拨款收入 | 事业收入 | …) in the order the text prints them, their cells
carrying an unconfirmed `layout.column_order` repair (review). Once every table is read,
`settle_column_order(report)` looks for evidence that settles that order for a table:
- the rows' own subjects: in a 经济分类 table whose part columns are 人员经费 | 公用经费, a row of
  类 301 / 303 (or one of their 款) is 人员经费, one of 302 / 307 / 309 / 310 / 399 公用经费
  (catalog.basic_groups): every such row with an amount in one of the two columns only must have it
  in its group's column (one row at least; a single row against leaves the doubt);
- another table's total, never itself a guess (no open repair, not under review): the 基本支出
  column's 合计 (or its 基本支出/小计) = the total of a 基本支出 table known by what it is (its
  template, or a 基本支出 title over 经济分类 rows only: 财政拨款基本支出表（经济科目）; its 合计, or a
  公开06表's 人员经费合计 + 公用经费合计) in a table of the same money: its title's (一般公共预算 /
  财政拨款; never 政府性基金 …), or that of a table whose 合计 equals its own (一般公共预算 money
  alone is 财政拨款 money too), and its 人员经费 / 公用经费 totals those of the columns so labelled
  under this table's 基本支出 head; an income column's 合计 = the
  amount the summary table (收支预算总表 / 收入支出决算总表) prints on the line of that income; a
  total the narrative states (财政拨款收入 / 基本支出 / 项目支出 X万元), compared as it rounds (its 基本支出
  and 项目支出 only for a table whose 合计 is their sum, or the narrative's 支出合计: the money they
  speak of; a table stating no unit whose 合计 is that sum in one unit only is read in it). A total
  this table prints rounded to the yuan (`22118861` for 22,118,861.34) is compared to the yuan.
  A table that states no unit is tried in each unit (the narrative and tables stating a unit compared
  converted): a unit in which no order fits is ruled out, so amounts that fit in one unit only settle.
The orders tried are those of all the table's part columns (a column the reader left blank may be
the one an amount belongs in). A column settled is evidence for the next tables, so the tables are
gone over until nothing more settles. A column is settled when the printed order fits the evidence and
every other order that fits it too puts the same cells in that column; each guessed cell of a
settled column has its repair confirmed (evidence/policy.confirm_column_order), its note saying by
what. (A 收入决算表 printing two of its six 收入 columns: the narrative's 财政拨款收入 settles that
column; which of the five others holds the remaining amounts stays to review.)
What it does not: reorder columns (evidence that fits another order only is noted on the guessed
cells, which stay to review: a person decides), take agreement with another guessed column as
evidence (two tables read the same way from the same text can be swapped alike), compare two tables
in different units (but for one stating none, as above), or settle a column whose place the evidence leaves open.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import permutations
from typing import Callable, Optional

from ..catalog.basic_groups import basic_group
from ..datamodel import Field, Report, Row, Table
from ..evidence import policy
from ..evidence.numbers import CENT_PER_PART
from ..evidence.policy import COLUMN_ORDER, REVIEW_THRESHOLD
from .checks import UNIT_FACTORS, in_unit

_GENERAL = ("budget.general", "final.05")  # tables of 一般公共预算 money by 功能分类
_BASIC = ("budget.basic",)  # the 一般公共预算 基本支出 table by 经济分类 (its first column the total)
_SUMMARY = ("budget.total", "final.01")  # the summary tables that print each income on a line
_PERSONNEL = ("人员经费", "人员支出")  # the labels of the two 基本支出 parts
_PUBLIC = ("公用经费", "公用支出", "日常公用支出", "日常公用经费")
_MAX_PARTS = 7  # part columns whose orders are tried (5,040 orders)


def _open_order(f: Optional[Field]) -> bool:
    return f is not None and any(r.kind == COLUMN_ORDER and r.status == "unconfirmed" for r in f.repairs)


def _sure(f: Optional[Field]) -> Optional[Decimal]:
    """The amount of a field that is no guess: read clean or confirmed, no open repair."""
    if f is None or not isinstance(f.value, Decimal) or f.confidence < REVIEW_THRESHOLD:
        return None
    if any(r.status in ("unconfirmed", "doubt") for r in f.repairs):
        return None
    return f.value


def _amount(f: Optional[Field]) -> Decimal:
    return f.value if f is not None and isinstance(f.value, Decimal) else Decimal(0)


def _leaf(column: str) -> str:
    return column.rsplit("/", 1)[-1]


def _total_row(t: Table) -> Optional[Row]:
    return _row_named(t, "合计", "总计")


def _table_total(t: Table) -> Optional[Decimal]:
    """The table's 合计 in its first column, when that is no guess."""
    row = _total_row(t)
    return None if row is None or not t.columns else _sure(row.values.get(t.columns[0]))


def _parts(t: Table) -> list[str]:
    """The part columns (after the total) of a table some of whose cells carry an open column-order
    guess: all of them, since a column the reader left blank may be the one an amount belongs in."""
    parts = t.columns[1:]
    return parts if any(_open_order(r.values.get(c)) for r in t.rows for c in parts) else []


@dataclass
class _Verdict:
    by: str  # the evidence in words
    settled: list[str] = field(default_factory=list)  # the columns it settles in their printed place
    against: bool = False  # it fits another order of the columns, not the printed one


_CLASSES = "the rows' 经济分类 classes (301/303 人员经费, 302/307/309/310/399 公用经费)"


def _by_classes(t: Table, parts: list[str]) -> Optional[_Verdict]:
    """The evidence of the rows' 经济分类 classes for 人员经费 | 公用经费 printed in this order: every
    row of a known class with an amount in one of the two only must have it in its group's column."""
    if len(parts) != 2 or _leaf(parts[0]) not in _PERSONNEL or _leaf(parts[1]) not in _PUBLIC:
        return None
    agree = against = 0
    for r in t.rows:
        code = r.code.value if r.code is not None and r.code.confidence >= REVIEW_THRESHOLD else None
        group = basic_group(code if isinstance(code, str) else None)
        if group is None:
            continue
        personnel, public = (_amount(r.values.get(c)) for c in parts)
        if (personnel != 0) == (public != 0):
            continue  # both or neither: says nothing of the order
        if ("人员经费" if personnel != 0 else "公用经费") == group:
            agree += 1
        else:
            against += 1
    if agree and not against:
        return _Verdict(_CLASSES, parts)
    if against and not agree:
        return _Verdict(_CLASSES, against=True)
    return None  # rows both ways (a region's own split of an item?): says nothing


def _fits_table(v: Decimal, unit: Optional[str], other_unit: Optional[str], exact_units: bool):
    """A total another table prints: equal, or within a yuan where this one prints it rounded to the
    yuan (`22118861` for 22,118,861.34: a print quirk of real budgets). `unit` is this table's unit
    (or the one tried for a table that states none); another table's amount in a unit stated
    otherwise is compared converted, exactly."""
    def fits(x: Decimal) -> bool:
        if not exact_units and unit in UNIT_FACTORS and other_unit in UNIT_FACTORS and unit != other_unit:
            return in_unit(x, unit, other_unit)[0] == v
        exp = x.as_tuple().exponent
        return x == v or (isinstance(exp, int) and exp >= 0 and x != 0 and abs(x - v) < 1)
    return fits


def _fits_narrative(v: Decimal, unit: Optional[str], table_unit: Optional[str]):
    """A total the narrative states (万元, two decimals): the table's, in the narrative's unit,
    rounded as the narrative prints it."""
    q = Decimal(1).scaleb(v.as_tuple().exponent) if isinstance(v.as_tuple().exponent, int) else Decimal(1)

    def fits(x: Decimal) -> bool:
        if table_unit not in UNIT_FACTORS:
            return False  # a unit not known: no comparison
        converted, _ = in_unit(x, table_unit, unit)
        return converted.quantize(q, rounding=ROUND_HALF_UP) == v
    return fits


# narrative totals that state a part column's 合计 (report.totals keys): the column's last label
_NARRATIVE = {"财政拨款收入": "fiscal_appropriation_income", "基本支出": "basic_expenditure",
              "项目支出": "project_expenditure"}
_SPENDING_PARTS = ("basic_expenditure", "project_expenditure")  # the narrative's totals of the whole money
_OTHER_FUNDS = ("政府性基金", "国有资本经营", "财政专户")  # titles of tables of other money
_PART_TITLES = ("基本支出", "项目支出", "三公")  # titles of tables of a part of their money


def _title(t: Table) -> str:
    return "".join(str(t.title or "").split())


def _scope(t: Table) -> Optional[str]:
    """The money a table covers, as its template or title says: 'general' (一般公共预算), 'fiscal'
    (财政拨款: 一般公共预算 + 政府性基金 + 国有资本经营), 'other' (another fund alone); None: all funds
    or not said."""
    title = _title(t)
    if any(k in title for k in _OTHER_FUNDS):
        return "other"
    if t.template in _GENERAL or t.template in _BASIC or t.template == "final.06" or "一般公共预算" in title:
        return "general"
    return "fiscal" if "财政拨款" in title else None


def _row_named(t: Table, *names: str) -> Optional[Row]:
    rows = [r for r in t.rows if (r.code is None or not r.code.value) and r.name is not None
            and "".join(str(r.name.value or "").split()) in names]
    return rows[0] if len(rows) == 1 else None


def _is_basic_table(t: Table) -> bool:
    """A 基本支出 table by 经济分类, by what it is: its template, or a 基本支出 title over rows whose
    codes are all 经济分类 (3xx / 3xxxx, one at least of a known 人员经费 / 公用经费 class)."""
    if t.template in _BASIC or t.template == "final.06":
        return True
    if "基本支出" not in _title(t) or "项目支出" in _title(t):
        return False
    codes = [str(r.code.value) for r in t.rows if r.code is not None and r.code.value]
    return bool(codes) and all(c.startswith("3") and len(c) in (3, 5) for c in codes) \
        and any(basic_group(c) for c in codes)


def _basic_total(b: Table) -> Optional[Decimal]:
    """A 基本支出 table's total, when no guess: its 合计 in its first column, or (公开06表, printing
    人员经费合计 and 公用经费合计 rows) the sum of those two."""
    own = _table_total(b)
    if own is not None or not b.columns:
        return own
    personnel, public = _row_named(b, "人员经费合计", "人员经费"), _row_named(b, "公用经费合计", "公用经费")
    if personnel is None or public is None:
        return None
    p, q = _sure(personnel.values.get(b.columns[0])), _sure(public.values.get(b.columns[0]))
    return None if p is None or q is None else p + q


def _split_totals(b: Table, parts: list[str]) -> dict[str, Decimal]:
    """The 人员经费 and 公用经费 totals of a 基本支出 table, when no guess (its 合计 row's column of
    that label, or a 公开06表's 人员经费合计 / 公用经费合计 rows), keyed by the part column of this
    table with that label (under its 基本支出 head)."""
    out: dict[str, Decimal] = {}
    total = _total_row(b)
    for labels, rows in ((_PERSONNEL, ("人员经费合计", "人员经费")), (_PUBLIC, ("公用经费合计", "公用经费"))):
        mine = [c for c in parts if _leaf(c) in labels]
        if len(mine) != 1:
            continue
        theirs = [c for c in b.columns[1:] if _leaf(c) in labels]
        if total is not None and len(theirs) == 1:
            v = _sure(total.values.get(theirs[0]))
        else:
            row = _row_named(b, *rows)
            v = _sure(row.values.get(b.columns[0])) if row is not None and b.columns else None
        if v is not None:
            out[mine[0]] = v
    return out


def _basic_column(parts: list[str]) -> Optional[str]:
    """The part column of 基本支出: labelled so, or the 小计 under a 基本支出 head."""
    cols = [c for c in parts if _leaf(c) == "基本支出" or c.endswith(("基本支出/小计", "基本支出/合计"))]
    return cols[0] if len(cols) == 1 else None


def _comparable(t_unit: Optional[str], unit: Optional[str], other: Table) -> bool:
    """Whether another table's amounts compare with this one's read in `unit`: same stated unit; for a
    table that states none, any other table stating one (converted) or none (as before)."""
    return other.unit == t_unit if t_unit is not None else (other.unit is None or other.unit in UNIT_FACTORS)


def _same_money_scopes(report: Report, t: Table, t_unit: Optional[str], unit: Optional[str]) -> set:
    """The scopes of money this table's part columns cover too: its own, and those of tables whose
    合计 equals its own (the same money); a table all of whose money is 一般公共预算 covers 财政拨款 too."""
    scope = _scope(t)
    if scope == "other":
        return set()
    out = {scope} - {None}
    own = _table_total(t)
    if own is not None:
        for g in report.tables:
            gs = _scope(g)
            if g is t or gs not in ("general", "fiscal") or _is_basic_table(g) or not _comparable(t_unit, unit, g) \
                    or any(k in _title(g) for k in _PART_TITLES):
                continue
            v = _table_total(g)
            if v is not None and in_unit(own, unit, g.unit)[0] == v:
                out.add(gs)
    if "general" in out:
        out.add("fiscal")
    return out


def _spends_narrative_money(report: Report, t: Table, unit: Optional[str]) -> bool:
    """Whether the narrative's 基本支出 / 项目支出 totals are this table's: they describe the money of
    the whole report (or of whichever sentence stated them), so they speak of a table's columns only
    where its 合计, read in `unit`, is their sum (or, one of them not stated, the narrative's 支出合计),
    as the narrative rounds. A 财政拨款 table of a department that also spends other money has other
    totals: the narrative says nothing of its columns."""
    own = _table_total(t)
    if own is None:
        return False
    basic, project = (_sure(report.totals.get(k)) for k in _SPENDING_PARTS)
    if basic is not None and project is not None:
        whole, slack = basic + project, CENT_PER_PART  # two amounts each rounded to the cent
    else:
        whole, slack = _sure(report.totals.get("expenditure_total")), Decimal("0.006")
    if whole is None or unit not in UNIT_FACTORS:
        return False
    converted, _ = in_unit(own, unit, "万元")
    return abs(converted - whole) < slack


def _expected_totals(report: Report, t: Table, parts: list[str],
                     unit: Optional[str]) -> tuple[dict[str, Callable], list[str]]:
    """column -> a test its 合计 must pass by evidence outside this table, read in `unit` (the table's
    own, or the one tried for a table that states none), and the sources in words."""
    expect: dict[str, Callable] = {}
    sources: list[str] = []
    exact = t.unit is not None
    basic_col = _basic_column(parts)
    if basic_col is not None and not _is_basic_table(t):
        scopes = _same_money_scopes(report, t, t.unit, unit)
        for b in report.tables:
            if b is t or not _is_basic_table(b) or _scope(b) not in scopes or not _comparable(t.unit, unit, b):
                continue
            v = _basic_total(b)
            if v is not None:
                expect[basic_col] = _fits_table(v, unit, b.unit, exact)
                sources.append(f"the 合计 of {b.title or b.template}")
                for c, w in _split_totals(b, parts).items():
                    expect[c] = _fits_table(w, unit, b.unit, exact)
                    sources.append(f"its {_leaf(c)} total")
                break
    for s in report.tables:
        if s is t or s.template not in _SUMMARY or not _comparable(t.unit, unit, s):
            continue
        for c in parts:
            if not _leaf(c).endswith("收入") or c in expect:
                continue
            rows = [r for r in s.rows if r.name is not None and "".join(str(r.name.value or "").split()) == _leaf(c)]
            values = [v for r in rows for f in r.values.values() for v in [_sure(f)] if v is not None][:1]
            if len(rows) == 1 and values:
                expect[c] = _fits_table(values[0], unit, s.unit, exact)
                if f"the income lines of {s.title or s.template}" not in sources:
                    sources.append(f"the income lines of {s.title or s.template}")
    whole = _spends_narrative_money(report, t, unit)
    for c in parts:
        name = _NARRATIVE.get(_leaf(c))
        if name in _SPENDING_PARTS and not whole:
            continue
        v = _sure(report.totals.get(name)) if name and c not in expect and unit else None
        if v is not None and v != 0:  # (these totals are read as X万元 only: recognize/facts.py)
            expect[c] = _fits_narrative(v, "万元", unit)
            sources.append(f"the narrative's {_leaf(c)} {v}万元")
    return expect, sources


def _by_totals(report: Report, t: Table, parts: list[str]) -> Optional[_Verdict]:
    """The evidence of totals printed elsewhere for the part columns in their printed order, and the
    columns it settles: those that hold the same cells in every order of the columns that fits it.
    A table that states no unit is tried in each unit (the unit is then one more unknown: an order
    fits in one unit or another; a unit in which no order fits is ruled out)."""
    if len(parts) > _MAX_PARTS:
        return None
    row = _total_row(t)
    if row is None:
        return None
    totals = {c: _amount(row.values.get(c)) for c in parts}
    data = {c: tuple(_amount(r.values.get(c)) for r in t.rows) for c in parts}
    fitting, sources, units = [], [], []
    units_tried = [t.unit] if t.unit is not None else list(UNIT_FACTORS)
    if t.unit is None:  # a table whose 合计 is the narrative's whole spending in one unit is in that unit
        units_tried = [u for u in units_tried if _spends_narrative_money(report, t, u)] or units_tried
    for unit in units_tried:
        expect, said = _expected_totals(report, t, parts, unit)
        if not expect:
            return None  # a unit in which nothing is known: every order fits in it
        fits_here = [holds for order in permutations(parts) for holds in [dict(zip(parts, order))]
                     if all(fits(totals[holds[c]]) for c, fits in expect.items())]
        # (holds: column -> the printed column whose cells it would hold in that order)
        if fits_here:
            fitting += fits_here
            units.append(unit)
            sources += [s for s in said if s not in sources]
    by = " and ".join(sources)
    if t.unit is None and len(units) == 1:
        by += f" (the table read in {units[0]}, the only unit in which they fit)"
    if not any(all(holds[c] == c for c in parts) for holds in fitting):
        return _Verdict(by, against=True) if fitting else None  # the printed order does not fit
    settled = [c for c in parts if all(data[holds[c]] == data[c] for holds in fitting)]
    return _Verdict(by, settled) if settled else None


_AGAINST = "column order contradicted by {}: these amounts may belong in another of the part columns"


def settle_column_order(report: Report) -> None:
    """Confirm the guessed order of alike part columns where evidence settles it (see the module);
    where the evidence fits another order only, the guessed cells say so (they stay to review).
    A column settled becomes evidence for the tables compared with it (a 基本支出 table settled by its
    rows' classes settles the 人员经费 | 公用经费 columns of a table by 功能分类), so the tables are
    gone over again until nothing more settles."""
    while True:
        verdicts = []  # (table, its part columns, the verdict) of this pass
        settled_any = False
        for t in report.tables:
            parts = _parts(t)
            verdict = (_by_classes(t, parts) or _by_totals(report, t, parts)) if parts else None
            verdicts.append((t, parts, verdict))
            if verdict is None or verdict.against:
                continue
            for f in _open_cells(t, verdict.settled):
                policy.confirm_column_order(f, verdict.by)
                settled_any = True
        if not settled_any:
            break  # this pass's verdicts are the last word
    for t, parts, verdict in verdicts:
        if verdict is not None and verdict.against:
            for f in _open_cells(t, parts):
                f.notes.append(_AGAINST.format(verdict.by))


def _open_cells(t: Table, columns: list[str]) -> list[Field]:
    """The cells of these columns whose place is still an open guess."""
    return [f for r in t.rows for c in columns for f in [r.values.get(c)] if _open_order(f)]
