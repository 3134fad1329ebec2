"""Document-level pass: amounts a table reader left detached from their rows, placed by another table
of the same report.

Why here: a reader sees one table's lines; pdftotext without `-layout` prints the expenditure amounts
of a two-sided 公开01表 apart from their labels (sides_detached.py), so within that table their rows
cannot be known. The report's other tables can tell: the 01表's expenditure rows by 类 equal the 类
totals of its 收入决算表 / 支出决算表 (公开02/03表: the first amount column of each 类 row; a budget's
收入总表 / 支出总表 likewise). This pass
runs in structure after every reader, on the GridBlocks and the Tables built from them, and before
recognize; it imports nothing but datamodel/, evidence/, catalog/ and its own stage.

What it does: for a GridBlock with `detached` amounts, takes the 类 totals the report's 02/03 tables
give (values read at review level or above; two tables that disagree on a 类 give none), names each
candidate row (a 类 by the catalogue, 本年支出合计, a carry-over item, 总计), and searches the
placements of the detached run, in printed order, onto the rows in row order: a 类 row takes only the
total another table gives it, 本年支出合计 the sum of the 类 amounts, 总计 that sum plus the carry-over
amounts and the other side's 总计; every 类 another table gives a total other than 0 must have its
amount, and the amounts printed after their 行次 (`attached`) must match too. When exactly one placement
fits, every amount goes into its cell with a confirmed `layout.placed_by_table` repair naming the
table that confirmed it (confidence per evidence/policy.py, through the cell's repairs); otherwise
nothing of the run is placed, the attached amounts go in with an unconfirmed repair (review), and the
table gets a note listing the amounts left unplaced.
A 公开04表's run (sides_detached.py) names its own confirming table (`totals_from`: 公开05表, whose 类
totals are the 一般公共预算 column's) and carries each row's other amounts (`parts`): placed with the
row's 合计, in the columns the reader found certain.
A table none of whose amounts could be placed is left out (a grid of labels alone reads as no table),
with a warning naming it as found but not read.
A table printing no 行次 hands both sides' amounts in one run (`left`): detached_sides.py places them;
where its expenditure side prints 合计 and the fund columns (`fund_columns`: a 财政拨款收入支出决算总表 or
a budget's 财政拨款收支总表), each fund column's 类 totals are those of the fund's own table (公开05/07/08表;
a budget's 一般公共预算 / 政府性基金 / 国有资本经营预算支出表: first column, read at review level or
above), a fund whose table is printed empty (`printed_empty`: its note says 本表无数据, no amount stands
there) has a blank column, and a fund whose table is neither read nor printed empty leaves the run
unplaced (its column could hold any of the amounts).
For such a table printed out of its rows' order (`unordered`: sides_bare.py / bare_tree.py) it also
hands on the 支出表's 款 / 项 amounts by name, and the 类 totals and 款 / 项 amounts read in doubt
(`_WEAK`): with those alone detached_sides.py places guesses only.
What it does not: read any text, or place amounts no other table confirms.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Optional

import regex as re

from ..catalog import codes_named
from ..datamodel import Detached, GridBlock, Repair, Table
from ..evidence import policy
from ..evidence.numbers import CENT_PER_PART
from .sides_columns import GRAND, YEAR_TOTAL, carry_item, subject_name
from .detached_sides import income_totals, place_sides
from .tables import build_table
from .unread import UNREAD

# 收入决算表, 支出决算表 (a budget's 收入总表 / 支出总表): their 类 rows' first column is the 类 total
_TOTALS_FROM = ("final.02", "final.03", "budget.income", "budget.expenditure")
_CENT = CENT_PER_PART  # per added part (evidence/numbers.py)
# the least confidence of a 支出表 amount that may pin a row of a table dealt by value as a guess (review)
_WEAK = 0.5
_MAX_SOLUTIONS = 2  # the search stops at the second placement found (one is required)
# a two-sided fund table's fund columns -> the templates of the fund's own table, by the table's template
_FUND_TABLES = {
    "final.04": {"一般公共预算": "final.05", "政府性基金": "final.07", "国有资本经营": "final.08"},
    "budget.fiscal_total": {"一般公共预算": "budget.general", "政府性基金": "budget.fund",
                            "国有资本经营": "budget.state_capital"},
}
# the column of a fund's own table that holds its 类 totals: its first, where so named
_TOTAL_COLUMN = re.compile(r"^(?:合计|总计|小计|金额|预算数|决算数|本年支出(?:合计)?|支出合计)$")


def place_detached(grids: list[GridBlock], tables: list[Table], empty: frozenset[str] = frozenset()
                   ) -> tuple[list[Table], list[tuple[str, str, str]]]:
    """The tables, those whose grid holds detached amounts rebuilt with the amounts placed (`empty`:
    the templates of the tables the report prints empty, unread.printed_empty), and a warning for each
    table left out because none of its amounts could be placed."""
    out: list[Optional[Table]] = list(tables)
    problems: list[tuple[str, str, str]] = []
    totals: dict[tuple[str, ...], dict[str, tuple[Decimal, str]]] = {}
    for k, grid in enumerate(grids):
        if grid.detached is None or k >= len(out):
            continue
        source = grid.detached.totals_from
        if source not in totals:
            totals[source] = _class_totals(tables, source)
        if grid.detached.left:  # both sides' amounts in one run (sides_bare.py)
            funds = _fund_totals(tables, grid.detached, out[k].template, empty)
            # (a 财政拨款 table of one column: the 支出表's 类 totals are of all the money, maybe not its own)
            others = out[k].template in _FUND_TABLES and not grid.detached.fund_columns
            subjects, weak = {}, None
            if grid.detached.unordered:  # (dealt by value: the 款 / 项 amounts too, and those read in doubt)
                subjects = _subject_totals(tables, source)
                weak = (_class_totals(tables, source, _WEAK), _subject_totals(tables, source, _WEAK))
            note = place_sides(grid, grid.detached, totals[source], income_totals(tables), funds, others, subjects,
                               weak)
        else:
            note = _place(grid, grid.detached, totals[source])
        grid.detached = None
        out[k] = build_table(grid)
        if note:
            out[k].notes.append(note)
        if not any(_value(c.text) is not None for row in grid.rows for c in row):
            # no amount placed: a grid of labels alone reads as no table (its header would take the rows)
            problems.append(("structure", "warning", (
                f"line {grid.first_line}: table {out[k].title or out[k].template!r} {UNREAD}: its amounts are "
                f"printed apart from their rows and no placement of them is certain ({note})")))
            out[k] = None
    return [t for t in out if t is not None], problems


def _class_totals(tables: list[Table], source: tuple[str, ...] = _TOTALS_FROM, least: float = policy.REVIEW_THRESHOLD
                  ) -> dict[str, tuple[Decimal, str]]:
    """类 code -> (total, the title of the table printing it), from the report's tables of the
    templates `source` (02/03 for a 公开01表): their 类 rows, or — a table printing only 项 rows that
    add up to its 合计 — the sum of each 类's 项 (amounts read at `least` or above)."""
    seen: dict[str, set[Decimal]] = {}
    title: dict[str, str] = {}
    for t in tables:
        if t.template not in source or not t.columns:
            continue
        for code, value in (_class_rows(t, least) or _classes_of_leaves(t, least)):
            seen.setdefault(code, set()).add(value)
            title.setdefault(code, t.title or t.template)
    return {code: (next(iter(vs)), title[code]) for code, vs in seen.items() if len(vs) == 1}


def _subject_totals(tables: list[Table], source: tuple[str, ...], least: float = policy.REVIEW_THRESHOLD
                    ) -> dict[str, tuple[frozenset, str]]:
    """A 款 / 项 name -> (the amounts the report's tables of the templates `source` print for rows so
    named (code of five or seven digits; first column, read at review level or above), the title of
    the first such table): what a two-sided table's unnumbered 款 / 项 rows may take (detached_sides.py's
    deal by value, free_sides.py). A name printed twice may take either amount."""
    seen: dict[str, set[Decimal]] = {}
    title: dict[str, str] = {}
    for t in tables:
        if t.template not in source or not t.columns:
            continue
        names = {row.code.value: row.name.value for row in t.rows if row.code is not None and row.name is not None}
        for code, value in _coded(t, least):
            name = names.get(code)
            if len(code) not in (5, 7) or not isinstance(name, str):
                continue
            key = "".join(subject_name(name).split())
            seen.setdefault(key, set()).add(value)
            title.setdefault(key, t.title or t.template)
    return {k: (frozenset(vs), title[k]) for k, vs in seen.items()}


def _coded(t: Table, least: float = policy.REVIEW_THRESHOLD) -> list[tuple[str, Decimal]]:
    """The table's rows of a subject code and an amount read at `least` or above (for certain) in its
    first column."""
    out = []
    for row in t.rows:
        code = row.code.value if row.code is not None else None
        field = row.values.get(t.columns[0])
        if not isinstance(code, str) or field is None or not isinstance(field.value, Decimal):
            continue
        if field.confidence < least:
            continue
        out.append((code, field.value))
    return out


def _class_rows(t: Table, least: float = policy.REVIEW_THRESHOLD) -> list[tuple[str, Decimal]]:
    """The 类 rows the table prints (code of three digits) with their totals."""
    return [(c, v) for c, v in _coded(t, least) if len(c) == 3]


def _classes_of_leaves(t: Table, least: float = policy.REVIEW_THRESHOLD) -> list[tuple[str, Decimal]]:
    """A table printing only 项 rows (every code of seven digits, or every one of five; no 类 or 款
    row): each 类's total is the sum of its 项, taken only where they add up to the table's 合计 row
    (the rows are all the table's spending, none left unread)."""
    rows = _coded(t, least)
    if not rows or len({len(c) for c, _ in rows}) != 1 or len(rows[0][0]) not in (5, 7):
        return []
    total = next((f.value for row in t.rows if row.code is None or not row.code.value
                  for f in [row.values.get(t.columns[0])]
                  if f is not None and isinstance(f.value, Decimal) and f.confidence >= least
                  and isinstance(row.name.value if row.name else None, str) and "合计" in row.name.value), None)
    if total is None or abs(sum((v for _, v in rows), Decimal(0)) - total) > CENT_PER_PART * len(rows):
        return []
    out: dict[str, Decimal] = {}
    for c, v in rows:
        out[c[:3]] = out.get(c[:3], Decimal(0)) + v
    return list(out.items())


def _fund_totals(tables: list[Table], d: Detached, template: Optional[str], empty: frozenset[str]
                 ) -> Optional[dict[int, Optional[dict[str, tuple[Decimal, str]]]]]:
    """Each fund column -> its 类 totals (None: the column is blank, its table printed empty or read
    with no amount other than 0); {} when the run has no fund columns; None when a fund's table is
    neither read (with its 类 totals in a column so named) nor printed empty."""
    if not d.fund_columns:
        return {}
    own = _FUND_TABLES.get(template or "")
    if own is None:
        return None
    out: dict[int, Optional[dict[str, tuple[Decimal, str]]]] = {}
    for column, fund in d.fund_columns.items():
        tpl = own.get(fund)
        read = [t for t in tables if t.template == tpl]
        if tpl in empty and not read:
            out[column] = None
            continue
        if not read:
            return None
        values = [f.value for t in read for row in t.rows for f in row.values.values()
                  if f is not None and isinstance(f.value, Decimal)]
        if not any(v != 0 for v in values):
            out[column] = None
            continue
        if any(not t.columns or not _TOTAL_COLUMN.match(t.columns[0]) for t in read):
            return None
        totals = _class_totals(tables, (tpl,))
        if not totals:
            return None
        out[column] = totals
    return out


def _value(text: Optional[str]) -> Optional[Decimal]:
    try:
        return Decimal(text.replace(",", "")) if text else None
    except InvalidOperation:
        return None


def _kind(label: str) -> tuple[str, str]:
    """('class', code) | ('year', '') | ('carry', '') | ('grand', ''), or ('other', '') for a row no
    detached amount may go to (a subject the catalogue does not name as one 类)."""
    name = subject_name(label)
    if YEAR_TOTAL.match(name):
        return "year", ""
    if GRAND.match(name):
        return "grand", ""
    if carry_item(name):
        return "carry", ""
    codes = [c for c in codes_named(name) if len(c) == 3]
    return ("class", codes[0]) if len(codes) == 1 else ("other", "")  # (takes no detached amount)


def _place(grid: GridBlock, d: Detached, totals: dict[str, tuple[Decimal, str]]) -> Optional[str]:
    rows = sorted(d.rows)
    kinds = {r: _kind(d.rows[r]) for r in rows}
    run = [_value(c.text) for c in d.run]
    fixed = {r: _value(c.text) for r, c in d.attached.items()}
    grand = _value(d.grand)
    solution = None
    if None not in run and None not in fixed.values():
        solutions = _search(rows, kinds, run, fixed, totals, grand)  # type: ignore[arg-type]
        solution = solutions[0] if len(solutions) == 1 else None
    if solution is None:
        for r, cell in d.attached.items():
            cell.repairs = [Repair(kind="layout.placed_by_table", status="unconfirmed",
                                   note="amount printed after its 行次, its row not confirmed by another table")]
            grid.rows[r][d.column] = cell
        return ("amounts printed apart from their rows, not placed (no other table of the report confirms "
                "one placement): " + " ".join(_group_text(d, k) for k in range(len(d.run)))) if d.run else None
    confirmed_by = sorted({totals[kinds[r][1]][1] for r in rows if kinds[r][0] == "class" and kinds[r][1] in totals
                           and (r in solution or r in fixed)})
    by = "、".join(confirmed_by)
    for r, cell in list(d.attached.items()) + [(r, d.run[k]) for r, k in solution.items()]:
        kind = kinds[r][0]
        if kind == "class":
            note = f"placed by the 类 total {by} prints for this subject"
        else:
            note = f"placed where the sums hold once the 类 amounts stand where {by} puts them"
        cell.repairs = [Repair(kind="layout.placed_by_table", note=note, status="confirmed", by=by)]
        grid.rows[r][d.column] = cell
    for r, k in solution.items():
        for column, cell in (d.parts[k].items() if k < len(d.parts) else ()):
            cell.repairs = [Repair(kind="layout.placed_by_table", status="confirmed", by=by,
                                   note=f"in the row {by} confirms for its first amount; {d.parts_note}")]
            grid.rows[r][column] = cell
    return None


def _group_text(d: Detached, k: int) -> str:
    """A run entry as printed: its first amount, and the row's other amounts after it when there are."""
    parts = d.parts[k] if k < len(d.parts) else {}
    return " ".join([d.run[k].text] + [parts[c].text for c in sorted(parts)])


def _search(rows: list[int], kinds: dict[int, tuple[str, str]], run: list[Decimal], fixed: dict[int, Decimal],
            totals: dict[str, tuple[Decimal, str]], grand: Optional[Decimal]) -> list[dict[int, int]]:
    """The placements (row -> index in the run) of the run, in order, onto the rows not fixed, in
    row order, under the rules of the module docstring; at most _MAX_SOLUTIONS."""
    for r, v in fixed.items():
        kind, code = kinds[r]
        if kind == "class" and (code not in totals or totals[code][0] != v):
            return []  # an amount printed after its 行次 that no table confirms there
    free = [r for r in rows if r not in fixed]
    found: list[dict[int, int]] = []

    def ok(assign: dict[int, Decimal]) -> bool:
        values = {**fixed, **assign}
        classes = [values[r] for r in rows if kinds[r][0] == "class" and r in values]
        for r in rows:
            kind, code = kinds[r]
            if kind == "class" and code in totals and totals[code][0] != 0 and r not in values:
                return False
        year = next((values[r] for r in rows if kinds[r][0] == "year" and r in values), None)
        total = next((values[r] for r in rows if kinds[r][0] == "grand" and r in values), None)
        if year is None or total is None:
            return False
        if abs(sum(classes, Decimal(0)) - year) > _CENT * max(1, len(classes)):
            return False
        carry = sum((values[r] for r in rows if kinds[r][0] == "carry" and r in values), Decimal(0))
        return abs(year + carry - total) <= _CENT * 3 and (grand is None or abs(total - grand) <= _CENT)

    def fits(r: int, v: Decimal) -> bool:
        kind, code = kinds[r]
        if kind == "class":
            return code in totals and totals[code][0] == v
        return kind != "other"

    def walk(k: int, start: int, assign: dict[int, int]) -> None:
        if len(found) >= _MAX_SOLUTIONS:
            return
        if k == len(run):
            if ok({r: run[i] for r, i in assign.items()}):
                found.append(dict(assign))
            return
        for j in range(start, len(free)):
            r = free[j]
            if fits(r, run[k]):
                assign[r] = k
                walk(k + 1, j + 1, assign)
                del assign[r]

    walk(0, 0, {})
    return found
