"""Accounting checks: sums within tables, column identities, cross-table and narrative agreement.

What it does: each rule is a small function `(report) -> list[Check]`, registered in `RULES` by
name. A check records the expected and found amounts and the JSON paths of the Fields involved.
Sums are exact Decimal arithmetic. Where the report itself warns of rounding (尾数误差), a
difference of at most 0.01 per addend passes, and the message says so.
What it does not: change confidences (confidence.py does, from these checks).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Callable, Iterable, Optional

import regex as re

from .. import catalog
from ..catalog.basic_groups import PERSONNEL_CLASSES, PUBLIC_CLASSES
from ..datamodel import Check, Field, Report, Row, Table
from ..datamodel.paths import key
from ..evidence.policy import AMOUNT_UNPLACED  # a cell a reader's unplaced amount may belong to

CENT = Decimal("0.01")


def _d(f: Optional[Field]) -> Optional[Decimal]:
    if f is None or not isinstance(f.value, Decimal):
        return None
    return f.value


UNIT_FACTORS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}


def in_unit(value: Decimal, from_unit: Optional[str], to_unit: Optional[str]) -> tuple[Decimal, bool]:
    """`value` printed in `from_unit` expressed in `to_unit`; True when a conversion happened."""
    if not from_unit or not to_unit or from_unit == to_unit or from_unit not in UNIT_FACTORS \
            or to_unit not in UNIT_FACTORS:
        return value, False
    return value * UNIT_FACTORS[from_unit] / UNIT_FACTORS[to_unit], True


def _compare_units(rule: str, table_value: Decimal, table_unit: Optional[str], stated: Decimal,
                   stated_unit: Optional[str], paths: list[str], message: str) -> Check:
    """Narrative against a table that may be in another unit (text in 万元, tables in 元): the
    table value is converted and rounded to the narrative's printed precision."""
    converted, changed = in_unit(table_value, table_unit, stated_unit)
    if not changed:
        return _compare(rule, table_value, stated, paths, message)
    exp = stated.as_tuple().exponent
    q = Decimal(1).scaleb(exp if isinstance(exp, int) else 0)
    expected = converted.quantize(q)
    c = _compare(rule, expected, stated, paths, message + f" (table in {table_unit}, text in {stated_unit})")
    return c


def _rounding_allowed(report: Report, table: Optional[Table] = None) -> bool | str:
    """Sums may be off by rounding when the report says so (本套报表…可能存在尾数误差, printed under
    one table but speaking for the set) or when a table is in 万元: its amounts were rounded from 元.
    A table whose unit line was not found with it (pdfminer.six prints `单位：万元` amid the cells) is
    taken in 万元 here only when every table of the report that states a unit states 万元 (or 亿元), and
    then only where a sum misses (`IF_MISSED`): its exact sums still confirm their fields, as before."""
    notes = " ".join(n for t in report.tables for n in t.notes)
    if "尾数" in notes or "四舍五入" in notes:
        return True
    if table is None:
        return False
    if table.unit is None:
        stated = {t.unit for t in report.tables if t.unit is not None}
        return IF_MISSED if stated and stated <= _ROUNDED_UNITS else False
    return table.unit in _ROUNDED_UNITS


_ROUNDED_UNITS = {"万元", "亿元"}
# the rounding allowance of a table whose unit is only inferred: used where a sum misses, never recorded
# on an exact pass (which then confirms its fields as any exact check does)
IF_MISSED = "if missed"


def _compare(rule: str, expected: Decimal, found: Decimal, paths: list[str], message: str,
             addends: int = 2, rounding: bool | str = False) -> Check:
    diff = abs(expected - found)
    tol = CENT * max(addends - 1, 1) if rounding else Decimal(0)
    passed = diff <= tol
    if rounding == IF_MISSED and not diff:
        tol = Decimal(0)
    msg = message
    if passed and diff:
        msg += f" (differs by {diff}, within the rounding the report warns of)"
    elif not passed:
        msg += f" (differs by {diff})"
    return Check(rule=rule, passed=passed, expected=expected, found=found,
                 tolerance=tol if tol else None, message=msg, fields=paths)


def _unplaced(f: Optional[Field]) -> bool:
    return f is not None and any(r.kind == AMOUNT_UNPLACED for r in f.repairs)


def _sum_check(rule: str, total: Optional[Field], total_path: str,
               parts: list[tuple[Optional[Field], str]], message: str, rounding: bool | str) -> Optional[Check]:
    """The check total = Σ parts; None when nothing is stated or a cell of it may hold an amount left
    unplaced (not evaluable)."""
    if _unplaced(total) or any(_unplaced(f) for f, _ in parts):
        return None
    values = [_d(f) for f, _ in parts]
    t = _d(total)
    if t is None and all(v is None for v in values):
        return None
    if t is None and total is not None and total.value is None and all((v or 0) == 0 for v in values):
        return None  # an empty total over empty or zero parts: nothing stated
    s = sum((v for v in values if v is not None), Decimal(0))
    return _compare(rule, s, t if t is not None else Decimal(0), [total_path] + [p for _, p in parts],
                    message, addends=len(parts), rounding=rounding)


def _tpath(ti: int, ri: int, col: str) -> str:
    return f"tables[{ti}].rows[{ri}].values{key(col)}"


def _code(row: Row) -> Optional[str]:
    return str(row.code.value) if row.code is not None and row.code.value else None


def _name(row: Row) -> str:
    return "".join((str(row.name.value or "")).split())


# --- within a table ---------------------------------------------------------------------------

def children_sum(report: Report) -> list[Check]:
    out = []
    for ti, t in enumerate(report.tables):
        coded = [(ri, r) for ri, r in enumerate(t.rows) if _code(r)]
        if not coded:
            continue
        rounding = _rounding_allowed(report, t)
        children: dict[tuple, list[tuple[int, Row]]] = {}  # (block, parent code): a unit's rows apart
        for ci, c in coded:
            code = _code(c)
            if len(code) in (5, 7):
                children.setdefault((c.block, code[: len(code) - 2]), []).append((ci, c))
        for ri, r in coded:
            code = _code(r)
            kids = children.get((r.block, code)) if len(code) in (3, 5) else None
            if not kids:
                continue
            for col in t.columns:
                c = _sum_check(
                    "table.children_sum", r.values.get(col), _tpath(ti, ri, col),
                    [(k.values.get(col), _tpath(ti, ki, col)) for ki, k in kids],
                    f"{t.code or t.title}: {code} {_name(r)} [{col}] = sum of its {len(kids)} sub-items", rounding)
                if c:
                    out.append(c)
    return out


def total_row_sum(report: Report) -> list[Check]:
    out = []
    for ti, t in enumerate(report.tables):
        if t.template in ("final.06",):
            continue
        for block in dict.fromkeys(r.block for r in t.rows):
            # a unit's block (预算单位 sections): its total is the row named by the unit
            names = ("合计", "总计") if block is None else (block,)
            total = next(((ri, r) for ri, r in enumerate(t.rows)
                          if r.block == block and not _code(r) and _name(r) in names), None)
            classes = [(ri, r) for ri, r in enumerate(t.rows) if r.block == block and _code(r) and len(_code(r)) == 3]
            if total is None or not classes:
                continue
            ri0, tr = total
            for col in t.columns:
                c = _sum_check("table.total_row", tr.values.get(col), _tpath(ti, ri0, col),
                               [(r.values.get(col), _tpath(ti, ri, col)) for ri, r in classes],
                               f"{t.code or t.title}: {_name(tr)} [{col}] = sum of the 类 rows", _rounding_allowed(report, t))
                if c:
                    out.append(c)
    return out


# column identities per template: (total column suffix, [part column suffixes])
IDENTITIES: dict[str, list[tuple[str, list[str]]]] = {
    "final.02": [("本年收入合计", ["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"])],
    "final.03": [("本年支出合计", ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"])],
    "final.05": [("小计", ["基本支出", "项目支出"]), ("合计", ["基本支出", "项目支出"])],
    "final.07": [("本年支出/小计", ["本年支出/基本支出", "本年支出/项目支出"])],
    "final.08": [("合计", ["基本支出", "项目支出"]), ("小计", ["基本支出", "项目支出"])],
    "final.09": [("预算数/合计", ["预算数/因公出国（境）费", "预算数/公务用车购置及运行维护费/小计", "预算数/公务接待费"]),
                 ("预算数/公务用车购置及运行维护费/小计", ["预算数/公务用车购置及运行维护费/公务用车购置费",
                                              "预算数/公务用车购置及运行维护费/公务用车运行维护费"]),
                 ("决算数/合计", ["决算数/因公出国（境）费", "决算数/公务用车购置及运行维护费/小计", "决算数/公务接待费"]),
                 ("决算数/公务用车购置及运行维护费/小计", ["决算数/公务用车购置及运行维护费/公务用车购置费",
                                              "决算数/公务用车购置及运行维护费/公务用车运行维护费"])],
}


def _find_col(columns: list[str], suffix: str) -> Optional[str]:
    for c in columns:
        if c == suffix or c.endswith("/" + suffix):
            return c
    return None


def column_identities(report: Report) -> list[Check]:
    out = []
    for ti, t in enumerate(report.tables):
        for total_s, parts_s in IDENTITIES.get(t.template or "", []):
            total_c = _find_col(t.columns, total_s)
            part_cs = [_find_col(t.columns, p) for p in parts_s]
            if total_c is None or any(p is None for p in part_cs):
                continue
            for ri, r in enumerate(t.rows):
                c = _sum_check("table.column_identity", r.values.get(total_c), _tpath(ti, ri, total_c),
                               [(r.values.get(p), _tpath(ti, ri, p)) for p in part_cs],
                               f"{t.code or t.title}: {_name(r)} {total_c} = {' + '.join(part_cs)}",
                               _rounding_allowed(report, t))
                if c:
                    out.append(c)
    return out


_TOP_ITEM = re.compile(r"^\s*[一二三四五六七八九十]+、")  # a side's numbered item (not its （一） lines)


def _tree_classes(items: list[tuple[int, Row]]) -> Optional[list[tuple[int, Row]]]:
    """An expenditure side printing 功能分类 subjects as a tree, unnumbered (Zhejiang: 一般公共服务支出,
    财政事务, 行政运行 …): its 类 rows, which alone add up to 本年支出合计. Each line is a 款 / 项 where the
    catalogue names it under the 类 / 款 above it, else a 类 the catalogue names by exactly one
    3-digit code (a name it does not know, under a 类, is a part); None when the lines are not such
    a tree."""
    out: list[tuple[int, Row]] = []
    lei = kuan = None
    for ri, r in items:
        name = _name(r)
        under_kuan = catalog.child_codes(kuan, name) if kuan else set()
        under_lei = catalog.child_codes(lei, name) if lei else set()
        if under_kuan:
            continue
        if under_lei:
            kuan = next(iter(under_lei)) if len(under_lei) == 1 else None
            continue
        known = catalog.codes_named(name)
        if not known and lei:
            continue  # a subject the catalogue does not know yet, under the 类 above: a part (a 类 left
            # out this way only makes the sum fail)
        classes = [c for c in known if len(c) == 3]
        if len(classes) != 1:
            return None
        lei, kuan = classes[0], None
        out.append((ri, r))
    return out if out and len(out) < len(items) else None


def side_totals(report: Report) -> list[Check]:
    """公开01/04表: 本年收入合计 = Σ income lines; 本年支出合计 = Σ expenditure lines; 总计 identities."""
    out = []
    for ti, t in enumerate(report.tables):
        if t.template not in ("final.01", "final.04", "budget.total", "budget.fiscal_total"):
            continue
        rounding = _rounding_allowed(report, t)
        by_block: dict[str, list[tuple[int, Row]]] = {}
        for ri, r in enumerate(t.rows):
            by_block.setdefault(r.block or "", []).append((ri, r))
        grand: dict[str, tuple[int, Row]] = {}
        for block, rows in by_block.items():
            idx_total = next((i for i, (_, r) in enumerate(rows) if re.match(r"^本年(收入|支出)合计$", _name(r))), None)
            items = rows[:idx_total] if idx_total is not None else []
            if any(_TOP_ITEM.match(r.name.raw or "") for _, r in items):
                # 一、财政拨款收入 over its lines (一般公共预算收入 …) and （一）… lines: the numbered items add up
                items = [(ri, r) for ri, r in items if _TOP_ITEM.match(r.name.raw or "")]
                if not (items[0][1].name.raw or "").lstrip().startswith("一、"):
                    items = []  # a table's second page (十七、… first): its first items are on the page before
            elif items:
                items = _tree_classes(items) or items
            idx_grand = next((i for i, (_, r) in enumerate(rows) if _name(r) == "总计"), None)
            for col in t.columns:
                if idx_total is not None and items:  # (no item here: nothing to add up)
                    ri_t, rt = rows[idx_total]
                    c = _sum_check("table.side_total", rt.values.get(col), _tpath(ti, ri_t, col),
                                   [(r.values.get(col), _tpath(ti, ri, col)) for ri, r in items],
                                   f"{t.code or t.title}: {_name(rt)} [{col}] = sum of the {block} lines", rounding)
                    if c:
                        out.append(c)
                if idx_total is not None and idx_grand is not None and idx_grand > idx_total:
                    ri_g, rg = rows[idx_grand]
                    # 本年合计 plus the carry-over lines (结转/结余…), not their breakdown lines
                    between = [rows[idx_total]] + [(ri, r) for ri, r in rows[idx_total + 1:idx_grand]
                                                   if "结" in _name(r) or "调入" in _name(r) or "上年" in _name(r)]
                    c = _sum_check("table.grand_total", rg.values.get(col), _tpath(ti, ri_g, col),
                                   [(r.values.get(col), _tpath(ti, ri, col)) for ri, r in between],
                                   f"{t.code or t.title}: {block}总计 [{col}] = {_name(rows[idx_total][1])} + "
                                   "结余/结转 lines", rounding)
                    if c:
                        out.append(c)
            if idx_grand is not None:
                grand[block] = rows[idx_grand]
        if len(grand) == 2:
            (b1, (r1i, r1)), (b2, (r2i, r2)) = list(grand.items())
            v1 = next(((c, f) for c, f in r1.values.items() if _d(f) is not None), None)
            v2 = next(((c, f) for c, f in r2.values.items() if _d(f) is not None), None)
            if v1 and v2:
                out.append(_compare("table.income_equals_expenditure", _d(v1[1]), _d(v2[1]),
                                    [_tpath(ti, r1i, v1[0]), _tpath(ti, r2i, v2[0])],
                                    f"{t.code or t.title}: {b1}总计 = {b2}总计"))
    return out


# --- across tables ----------------------------------------------------------------------------

def _table(report: Report, template: str) -> Optional[tuple[int, Table]]:
    for ti, t in enumerate(report.tables):
        if t.template == template:
            return ti, t
    return None


def _row_by_name(t: Table, *names: str) -> Optional[tuple[int, Row]]:
    for ri, r in enumerate(t.rows):
        if _name(r) in names:
            return ri, r
    return None


def _row_by_code(t: Table, code: str) -> Optional[tuple[int, Row]]:
    for ri, r in enumerate(t.rows):
        if _code(r) == code:
            return ri, r
    return None


def basic_detail(report: Report) -> list[Check]:
    """06: 人员经费合计 = 301 + 303; 公用经费合计 = 302 + 307 + 310 + 399; 05 基本支出 = 人员 + 公用."""
    out = []
    t6 = _table(report, "final.06")
    if not t6:
        return out
    ti, t = t6
    col = t.columns[0] if t.columns else "决算数"
    rounding = _rounding_allowed(report, t)
    groups = {"人员经费合计": list(PERSONNEL_CLASSES), "公用经费合计": list(PUBLIC_CLASSES)}
    totals = {}
    for label, codes in groups.items():
        tr = _row_by_name(t, label, label.replace("合计", ""))
        if tr is None:
            continue
        totals[label] = tr
        parts = [(r.values.get(col), _tpath(ti, ri, col)) for code in codes
                 for ri, r in [(_row_by_code(t, code) or (None, None))] if r is not None]
        c = _sum_check("table.basic_detail_groups", tr[1].values.get(col), _tpath(ti, tr[0], col), parts,
                       f"{t.code or t.title}: {label} = " + " + ".join(codes), rounding)
        if c:
            out.append(c)
    t5 = _table(report, "final.05")
    if t5 and len(totals) == 2:
        t5i, t5t = t5
        tot = _row_by_name(t5t, "合计", "总计")
        bcol = _find_col(t5t.columns, "基本支出")
        if tot and bcol:
            c = _sum_check("cross.basic_equals_detail", tot[1].values.get(bcol), _tpath(t5i, tot[0], bcol),
                           [(r.values.get(col), _tpath(ti, ri, col)) for ri, r in totals.values()],
                           f"{t5t.code or t5t.title} 基本支出 = {t.code or t.title} 人员经费合计 + 公用经费合计",
                           rounding)
            if c:
                out.append(c)
    return out


def same_subject(report: Report) -> list[Check]:
    """A subject's amount agrees across 02/03/05 when the tables cover the same money (their totals
    agree); otherwise 05 (fiscal money only) cannot exceed 03."""
    out = []
    pairs = [("final.03", "本年支出合计", "final.05", "小计"), ("final.02", "本年收入合计", "final.03", "本年支出合计"),
             ("final.03", "基本支出", "final.05", "基本支出"), ("final.03", "项目支出", "final.05", "项目支出")]
    for ta, ca, tb, cb in pairs:
        a, b = _table(report, ta), _table(report, tb)
        if not a or not b:
            continue
        (ai, at), (bi, bt) = a, b
        col_a, col_b = _find_col(at.columns, ca), _find_col(bt.columns, cb) or _find_col(bt.columns, "合计")
        if not col_a or not col_b:
            continue
        ta_tot, tb_tot = _row_by_name(at, "合计", "总计"), _row_by_name(bt, "合计", "总计")
        if not ta_tot or not tb_tot:
            continue
        va, vb = _d(ta_tot[1].values.get(col_a)), _d(tb_tot[1].values.get(col_b))
        if va is None or vb is None:
            continue
        if va != vb:
            # different money (e.g. 03 also spends non-fiscal funds): 05/03 can only be bounded
            if (ta, tb) == ("final.03", "final.05"):
                out.append(Check(rule="cross.fiscal_within_total", passed=vb <= va, expected=va, found=vb,
                                 message=f"合计 {bt.code or bt.title} [{col_b}] <= {at.code or at.title} [{col_a}]",
                                 fields=[_tpath(ai, ta_tot[0], col_a), _tpath(bi, tb_tot[0], col_b)]))
            continue
        out.append(_compare("cross.same_total", va, vb, [_tpath(ai, ta_tot[0], col_a), _tpath(bi, tb_tot[0], col_b)],
                            f"合计 {at.code or at.title} [{col_a}] = {bt.code or bt.title} [{col_b}]"))
        for ri, r in enumerate(bt.rows):
            code = _code(r)
            if not code:
                continue
            other = _row_by_code(at, code)
            if not other:
                continue
            x, y = _d(other[1].values.get(col_a)), _d(r.values.get(col_b))
            if x is None and y is None:
                continue
            out.append(_compare("cross.same_subject", x or Decimal(0), y or Decimal(0),
                                [_tpath(ai, other[0], col_a), _tpath(bi, ri, col_b)],
                                f"{code} {_name(r)}: {at.code or at.title} [{col_a}] = {bt.code or bt.title} [{col_b}]"))
    return out


def summary_vs_detail(report: Report) -> list[Check]:
    """01 本年收入合计 = 02 合计; 01 本年支出合计 = 03 合计."""
    out = []
    t1 = _table(report, "final.01")
    if not t1:
        return out
    i1, tab1 = t1
    for label, tpl, col in (("本年收入合计", "final.02", "本年收入合计"), ("本年支出合计", "final.03", "本年支出合计")):
        r1 = _row_by_name(tab1, label)
        other = _table(report, tpl)
        if not r1 or not other:
            continue
        oi, ot = other
        rt = _row_by_name(ot, "合计", "总计")
        c = _find_col(ot.columns, col)
        v1 = next(((k, f) for k, f in r1[1].values.items() if _d(f) is not None), None)
        if not rt or not c or not v1 or _d(rt[1].values.get(c)) is None:
            continue
        out.append(_compare("cross.summary_vs_detail", _d(v1[1]), _d(rt[1].values.get(c)),
                            [_tpath(i1, r1[0], v1[0]), _tpath(oi, rt[0], c)],
                            f"{tab1.code or tab1.title} {label} = {ot.code or ot.title} 合计 [{c}]"))
    return out


# --- narrative against tables -----------------------------------------------------------------

def _table_value(report: Report, template: str, row_names: tuple, col_suffix: str
                 ) -> Optional[tuple[Field, str, Optional[str]]]:
    t = _table(report, template)
    if not t:
        return None
    ti, tab = t
    r = _row_by_name(tab, *row_names)
    if not r:
        return None
    col = _find_col(tab.columns, col_suffix) if col_suffix else (tab.columns[0] if tab.columns else None)
    if col is None or r[1].values.get(col) is None:
        return None
    return r[1].values[col], _tpath(ti, r[0], col), tab.unit


NARRATIVE_TOTALS = [
    ("income_total", "final.01", ("本年收入合计",), ""),
    ("expenditure_total", "final.01", ("本年支出合计",), ""),
    ("basic_expenditure", "final.03", ("合计",), "基本支出"),
    ("project_expenditure", "final.03", ("合计",), "项目支出"),
    ("personnel_expenditure", "final.06", ("人员经费合计", "人员经费"), ""),
    ("public_expenditure", "final.06", ("公用经费合计", "公用经费"), ""),
    ("general_budget_expenditure", "final.05", ("合计",), "小计"),
    ("general_budget_basic_expenditure", "final.05", ("合计",), "基本支出"),
]


def narrative_totals(report: Report) -> list[Check]:
    out = []
    for key_, tpl, rows, col in NARRATIVE_TOTALS:
        f = report.totals.get(key_)
        if f is None or _d(f) is None:
            continue
        tv = _table_value(report, tpl, rows, col)
        if tv is None or _d(tv[0]) is None:
            continue
        out.append(_compare_units("narrative.total_matches_table", _d(tv[0]), tv[2], _d(f), report.unit,
                                  [f"totals{key(key_)}", tv[1]], f"narrative {key_} = {tpl} {rows[0]} {col}".strip()))
    tv = _table_value(report, "final.09", ("三公经费",), "决算数/合计")
    f = report.three_public.get("actual_total")
    if tv and f is not None and _d(f) is not None and _d(tv[0]) is not None:
        out.append(_compare_units("narrative.total_matches_table", _d(tv[0]), tv[2], _d(f), report.unit,
                                  ["three_public[\"actual_total\"]", tv[1]], "narrative 三公经费 决算 = 公开09表 决算数/合计"))
    return out


def explanations_vs_table(report: Report) -> list[Check]:
    out = []
    t5 = _table(report, "final.05") or _table(report, "budget.general")
    for ei, e in enumerate(report.explanations):
        base = f"explanations[{ei}]"
        # stated rate agrees with the amounts
        b, a, r = _d(e.budget), _d(e.actual), _d(e.completion_rate)
        if b and a is not None and r is not None:
            exact = a / b * 100
            places = -r.as_tuple().exponent if r.as_tuple().exponent < 0 else 0
            q = Decimal(1).scaleb(-places)
            rounded = exact.quantize(q)
            ok = abs(rounded - r) <= q  # half-up or truncation both accepted
            out.append(Check(rule="narrative.rate_matches_amounts", passed=bool(ok), expected=rounded, found=r,
                             message=f"{e.subject.value}: 完成率 = 决算 / 预算", fields=[f"{base}.completion_rate",
                                                                                    f"{base}.actual", f"{base}.budget"]))
        if b is not None and a is not None and e.direction is not None and e.direction.value in ("大于", "小于", "等于"):
            truth = "大于" if a > b else "小于" if a < b else "等于"
            out.append(Check(rule="narrative.direction_matches_amounts", passed=truth == e.direction.value,
                             message=f"{e.subject.value}: 决算数{e.direction.value}预算数 (amounts say {truth})",
                             fields=[f"{base}.direction", f"{base}.actual", f"{base}.budget"]))
        if t5 and e.code is not None and a is not None:
            ti, t = t5
            row = _row_by_code(t, str(e.code.value))
            col = _find_col(t.columns, "小计") or _find_col(t.columns, "合计") or (t.columns[0] if t.columns else None)
            if row and col and _d(row[1].values.get(col)) is not None:
                out.append(_compare_units("narrative.explanation_matches_table", _d(row[1].values[col]), t.unit, a,
                                          report.unit, [f"{base}.actual", _tpath(ti, row[0], col)],
                                          f"{e.subject.value}: 支出决算 = {t.code or t.title} {e.code.value} [{col}]"))
    return out


def budget_explanations(report: Report) -> list[Check]:
    """预算 explanations: the heading amount equals 预算数; the stated change agrees with 预算数 and
    上年执行数; the direction agrees with them."""
    out = []
    for ei, e in enumerate(report.explanations):
        base = f"explanations[{ei}]"
        b, prev, amt = _d(e.budget), _d(e.previous), _d(e.amount)
        if amt is not None and b is not None and e.previous is not None:
            out.append(_compare("narrative.heading_amount_matches_budget", b, amt, [f"{base}.amount", f"{base}.budget"],
                                f"{e.subject.value}: amount in the heading = 预算数"))
        if b is None or prev is None:
            continue
        ch, rate = _d(e.change), _d(e.change_rate)
        if ch is not None:
            out.append(_compare("narrative.change_matches_amounts", abs(b - prev), ch,
                                [f"{base}.change", f"{base}.budget", f"{base}.previous"],
                                f"{e.subject.value}: 增减额 = |预算数 - 上年数|"))
        if rate is not None and prev:
            exact = abs(b - prev) / prev * 100
            exp = rate.as_tuple().exponent
            q = Decimal(1).scaleb(exp if isinstance(exp, int) else 0)
            out.append(Check(rule="narrative.change_rate_matches_amounts", passed=abs(exact - rate) <= q,
                             expected=exact.quantize(q), found=rate, tolerance=q,
                             message=f"{e.subject.value}: 增减% = |预算数 - 上年数| / 上年数",
                             fields=[f"{base}.change_rate", f"{base}.budget", f"{base}.previous"]))
        if e.direction is not None and e.direction.value in ("增加", "减少", "持平"):
            truth = "增加" if b > prev else "减少" if b < prev else "持平"
            out.append(Check(rule="narrative.direction_matches_amounts", passed=truth == e.direction.value,
                             message=f"{e.subject.value}: {e.direction.value} (amounts say {truth})",
                             fields=[f"{base}.direction", f"{base}.budget", f"{base}.previous"]))
    return out


def project_rates(report: Report) -> list[Check]:
    out = []
    for pi, p in enumerate(report.projects):
        b, a, r = _d(p.budget), _d(p.actual), _d(p.completion_rate)
        if b and a is not None and r is not None:
            exact = (a / b * 100)
            ok = abs(exact - r) <= Decimal("0.5") or abs(exact.quantize(Decimal("0.01")) - r) <= Decimal("0.01")
            out.append(Check(rule="project.rate_matches_amounts", passed=bool(ok),
                             expected=exact.quantize(Decimal("0.01")), found=r,
                             message=f"{p.name.value}: 完成预算的% = 执行数 / 预算数",
                             fields=[f"projects[{pi}].completion_rate", f"projects[{pi}].actual",
                                     f"projects[{pi}].budget"]))
    return out


def shares(report: Report) -> list[Check]:
    """A stated percentage agrees with part / total (one unit in its last printed digit)."""
    out = []
    for si, sh in enumerate(report.shares):
        a, t, p = _d(sh.amount), _d(sh.total), _d(sh.percent)
        if a is None or not t or p is None:
            continue
        exp = p.as_tuple().exponent
        q = Decimal(1).scaleb(exp if isinstance(exp, int) else 0)
        exact = a / t * 100
        out.append(Check(rule="narrative.share_matches_amounts", passed=abs(exact - p) <= q,
                         expected=exact.quantize(q), found=p, tolerance=q,
                         message=f"{sh.subject}: 占{p}% of {t} = {a} / {t}",
                         fields=[f"shares[{si}].percent", f"shares[{si}].amount"]))
    return out


RULES: dict[str, Callable[[Report], list[Check]]] = {
    "table.children_sum": children_sum,
    "table.total_row": total_row_sum,
    "table.column_identity": column_identities,
    "table.side_totals": side_totals,
    "cross.basic_detail": basic_detail,
    "cross.same_subject": same_subject,
    "cross.summary_vs_detail": summary_vs_detail,
    "narrative.totals": narrative_totals,
    "narrative.explanations": explanations_vs_table,
    "project.rates": project_rates,
    "narrative.budget_explanations": budget_explanations,
    "narrative.shares": shares,
}


def run_checks(report: Report, rules: Iterable[str] = RULES) -> list[Check]:
    out: list[Check] = []
    for name in rules:
        out.extend(RULES[name](report))
    return out
