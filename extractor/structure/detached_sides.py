"""Document-level pass, part of detached_runs.py's: the amounts of a two-sided table that prints no
行次 (sides_bare.py), both sides' amounts in one run, placed where every placement that fits agrees.

Why here: within such a table an amount's side and row are not printed; the sums of each side and the
report's other tables tell. Called by detached_runs.place_detached for a `Detached` with `left` rows.

What it does: searches every way to deal the run, in printed order, to the two sides, each side's
amounts onto its rows in row order (one amount a row), such that
- expenditure: a 类 row (the catalogue names one 类) takes only the 类 total the report's 支出决算表
  prints (its 本年支出合计 column; one cent apart allowed, the tables rounding apart), every 类 with a
  total other than 0 has its amount, rows the catalogue names as no 类 take none; Σ 类 = 本年支出合计,
  本年支出合计 + the carry-over items = 总计;
- income: the numbered items add up to 本年收入合计, 本年收入合计 + the carry-over items = 总计; where
  the report's 收入决算表 prints its 合计 row, an item named like one of its columns (上级补助收入,
  事业收入, 经营收入, 附属单位上缴收入, 其他收入) takes that column's amount (blank where it prints
  none), and the fund items (…财政拨款收入) together take its 财政拨款收入;
- the two 总计 are equal.
A side of 合计 and fund columns (a 财政拨款收入支出决算总表: `fund_columns`) is dealt as several columns,
each in its rows' order, interleaved with the others: a fund column's 类 row takes only the 类 total of
the fund's own table (公开05表 for 一般公共预算), 合计's the sum over the funds; a fund column whose
table is printed empty is blank (and so are that fund's income items); each column's sums hold, each
row's 合计 = Σ its funds, each fund's 总计 = its income item + its sub-item of the carry-over item
(年初财政拨款结转和结余 一、一般公共预算财政拨款 …, whose sub-items add up to it). Where a fund
column's totals are not known (its table neither read nor printed empty) nothing is placed.
An amount (row, value) that every such placement puts in the same row goes in with a confirmed
`layout.placed_by_table` repair naming the tables and sums that fixed it; amounts the placements
put in different rows (two carry-over items, two fund items the sums cannot tell apart) are left
out (or guessed, below) and named in a table note, and each empty cell a fitting placement would fill with one of them
carries a `layout.amount_unplaced` doubt (a sum over it is no check of the report: validate/checks.py).
No placement, or more than the search budget allows: nothing placed, every cell so marked.
Where the placements part over those amounts, the rows such amounts usually stand in may still pick
one: a carry-over row of 结转 (年初结转和结余 / 年末结转和结余, not 使用非财政拨款结余 or 结余分配,
seldom printed with an amount), the fund item of 一般公共预算 money (not 政府性基金 / 国有资本经营),
the catch-all 其他收入 (of income items no fund names). When the placements that fit best by this
(most amounts in such rows) all put an open amount in the same such row, it goes in as a guess:
an unconfirmed `layout.row_guess` repair (review, never confirmed by a sum it was chosen to fit), its
note naming the other rows that fit; those rows keep their `layout.amount_unplaced` doubt (on a
side of 合计 and fund columns no row is guessed).
A run of exactly one amount a row on a side of one column (a budget's 收支总表 prints 0.00 in every
empty row) is dealt by full_sides.py instead: each row every fitting interleaving gives one value
takes it — confirmed where a total pins it (a 类 total, a 收入表 column) or where every unpinned item
of its side takes the same value (0.00 in each: no order of printing needed), a total row (本年…合计,
carry-over, 总计) confirmed by the sums; an item whose row rests on the printed order alone goes in
as an unconfirmed `layout.row_guess` under review; an income item named like a column of the 收入表's 合计 row (the 收入决算表's, or
a budget's 收入表's) takes that column's amount; a 财政拨款 table of one column whose amounts the 类
totals of the all-funds 支出表 do not fit is dealt by its sums alone.
A table sides_bare.py marks `unordered` (sides of sub-items printed out of their rows' order,
bare_tree.py) is dealt by free_sides.py instead: each row pinned by value (a 类 total, a 款 / 项 amount
of the 支出表 by name, a 收入表 column), the other rows given the rest of the run where the sums hold,
no printed order used; a row every fitting assignment gives one value is confirmed, the rows they part
over guessed (review) as the assignments putting the 一般公共预算 fund's money first all agree; where only
the 支出表's amounts read in doubt (first column, under review level) let any assignment fit, every
row goes in as a guess (`layout.row_guess`, unconfirmed).
What it does not: read text, place an amount in a row that a placement leaves open but as such a
guess, or guess an amount the best placements put in different rows.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Optional

from ..catalog import codes_named
from ..datamodel import Detached, GridBlock, Repair, Table
from ..evidence.numbers import CENT_PER_PART
from ..evidence.policy import AMOUNT_UNPLACED as UNPLACED
from .free_sides import Row, deal_free
from .full_sides import deal_full
from .bare_tree import parents
from .sides_columns import GRAND, YEAR_TOTAL, carry_item, ordinal_value, subject_name

_CENT = CENT_PER_PART  # per added part (evidence/numbers.py)
_MAX_SOLUTIONS = 5000
_CERTAIN = 0.9  # the 收入决算表 合计 row is used only when every amount of it is read for certain
_BUDGET = 500_000  # nodes of the search
_INCOME_COLUMNS = ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
_FUND_COLUMN = "财政拨款收入"
# the tables whose 合计 row gives the income items' amounts: the 收入决算表, a budget's 收入(预算)表
_INCOME_TABLES = ("final.02", "budget.income")
_CATCH_ALL = "其他收入"  # the income item an amount no fund names usually stands in
_USUAL_FUND = "一般公共预算"
_FUNDS = ("一般公共预算", "政府性基金", "国有资本经营")  # the funds an income item of 财政拨款 names  # the fund most of a department's 财政拨款 is
_USUAL_CARRY = "结转"  # 年初 / 年末 结转和结余: the carry-over rows that usually hold an amount
_ORDER_GUESS = ("row uncertain: the sums hold with this amount here, but which of the side's items takes which "
                "amount rests on the order pdftotext printed them in, which no total of this row confirms")
_GUESS = ("row uncertain: the sums leave more than one row for this amount ({others} fit too); it is "
          "put in the row such an amount usually stands in ({why}), a guess no sum confirms")


def income_totals(tables: list[Table]) -> dict[str, Decimal]:
    """The 收入决算表's 合计 row (a budget's 收入表's: its columns named as the income items
    上级补助收入, 事业收入 … are, their group dropped): column name -> amount; {} when the report has no such table, two
    disagree, or an amount of the row is in doubt (under 0.9: its column may be another)."""
    found: dict[str, Decimal] = {}
    for t in tables:
        if t.template not in _INCOME_TABLES or not t.rows:
            continue
        row = t.rows[0]
        name = row.name.value if row.name is not None else ""
        if row.code is not None and row.code.value or not isinstance(name, str) or "计" not in name:
            continue
        fields = [f for f in row.values.values() if f is not None and isinstance(f.value, Decimal)]
        if any(f.confidence < _CERTAIN for f in fields):
            return {}  # a column of the row in doubt: a blank elsewhere is no blank for certain
        got = {c: f.value for c, f in row.values.items() if f is not None and isinstance(f.value, Decimal)}
        if t.template != "final.02":  # a budget's 收入表 groups its columns (其他资金收入/事业收入)
            got = {c.rsplit("/", 1)[-1]: v for c, v in got.items() if c.rsplit("/", 1)[-1] in _INCOME_COLUMNS}
        if found and got != found:
            return {}
        found = got
    return found


def _value(text: Optional[str]) -> Optional[Decimal]:
    try:
        return Decimal(text.replace(",", "")) if text else None
    except InvalidOperation:
        return None


def _right_kind(label: str) -> tuple[str, str]:
    name = subject_name(label)
    if YEAR_TOTAL.match(name):
        return "year", ""
    if GRAND.match(name):
        return "grand", ""
    if carry_item(name):
        return "carry", ""
    codes = [c for c in codes_named(name) if len(c) == 3]
    return ("class", codes[0]) if len(codes) == 1 else ("other", "")


def _left_kind(label: str) -> tuple[str, str]:
    """('year'|'grand'|'carry', '') or ('item', the 收入决算表 column it is: a column name, 'fund', '')."""
    name = subject_name(label)
    if YEAR_TOTAL.match(name):
        return "year", ""
    if GRAND.match(name):
        return "grand", ""
    if carry_item(name):
        return "carry", ""
    if "财政拨款" in name or ("拨款" in name and any(f in name for f in _FUNDS)):
        return "item", "fund"  # (a budget's 一般公共预算拨款收入 names its fund without 财政)
    return "item", next((c for c in _INCOME_COLUMNS if name == c), "")


Funds = dict[int, Optional[dict[str, tuple[Decimal, str]]]]  # fund column -> its 类 totals (None: blank)
Key = tuple[int, int]  # (lane: an index into the lanes, grid row)


@dataclass(frozen=True)
class Kind:
    """What a (lane, row) may take: `kind` (class, year, grand, carry, item, sub, other), `code` (a
    类's code; an income item's 收入决算表 column, `fund`, or — a fund side's — its fund's words),
    a 类's `total` in this lane and the tables printing it (`by`)."""

    kind: str
    code: str = ""
    total: Optional[Decimal] = None
    by: tuple[str, ...] = ()


Lane = tuple[int, int, str]  # a column the run is dealt to: side, grid column, the fund it is (or '')


def _lanes(d: Detached, funds: Funds) -> list[Lane]:
    """The columns the run is dealt to: the income column, the expenditure column (合计 where the side
    prints funds), then each fund column not known to be blank."""
    return [(0, d.left_column, ""), (1, d.column, "")] + [
        (1, c, d.fund_columns[c]) for c in sorted(funds) if funds[c] is not None]


def place_sides(grid: GridBlock, d: Detached, classes: dict[str, tuple[Decimal, str]],
                income: dict[str, Decimal], funds: Optional[Funds] = None, others: bool = False,
                subjects: Optional[dict[str, tuple[frozenset, str]]] = None,
                weak: Optional[tuple[dict, dict]] = None) -> Optional[str]:
    """Place what every fitting placement agrees on; the note naming what was left out, or None.
    `funds` (a side of 合计 and fund columns): each fund column's 类 totals, None for a blank one; the
    argument None where a fund column's totals are not known (nothing placed). `others`: the 类
    totals are of more money than the table's own (a 财政拨款 table of one column, the 支出表 of all
    funds): a table of an amount in every row that no placement fits with them is placed by its
    sums alone. `subjects`: the 款 / 项 amounts of the report's 支出表 by name, for a table whose rows
    are printed out of order (`unordered`: dealt by value, _place_free); `weak`: the 类 totals and 款 /
    项 amounts as read in doubt too, with which such a table's amounts go in as guesses only."""
    run = [_value(c.text) for c in d.run]
    if None in run:
        return _left_note(d, range(len(d.run)), "an amount that is no number")
    wide = bool(d.fund_columns)
    if d.unordered:
        return _place_free(grid, d, (classes, subjects or {}), income, run, others, weak)  # type: ignore[arg-type]
    if not wide and len(run) == len(d.left) + len(d.rows):
        return _place_full(grid, d, classes, income, run, others)  # type: ignore[arg-type]
    lanes = _lanes(d, funds or {})
    rows = [(0, r) for r in sorted(d.left)] + [(ln, r) for ln in range(1, len(lanes)) for r in sorted(d.rows)]
    known = funds is not None or not wide
    kinds = _kinds(d, lanes, classes, funds or {})
    solutions = _search(rows, kinds, run, income, lanes, wide) if known else []  # type: ignore[arg-type]
    if not solutions:
        for key in rows:
            _mark_open(grid, lanes, key)
        why = "no placement of them adds up, or too many do" if known else \
            "a fund column's own table is neither read nor printed empty"
        return _left_note(d, range(len(d.run)), why)
    common = set.intersection(*({(key, run[k]) for key, k in s.items()} for s in solutions))
    placed_k: set[int] = set()
    by_classes = sorted({t for key, _ in common if kinds[key].kind == "class" for t in kinds[key].by})
    by_income = "收入决算表" if income else ""
    for key, k in solutions[0].items():
        if (key, run[k]) not in common:
            continue
        # (amounts equal in value are one fact: the first placement's index stands for them)
        lane, r = key
        kind = kinds[key]
        if kind.kind == "class":
            by = "、".join(kind.by)
            note = f"placed by the 类 total {by} prints for this subject"
            if wide:
                note += " (its column: where every column's and every fund's sums hold)"
        elif lane == 0 and kind.kind == "item" and kind.code and by_income and not wide:
            note, by = f"placed by the {by_income}'s 合计 row and the income side's sums", by_income
        else:
            by = "、".join(by_classes) or "the sums"
            note = "placed where each side's sums hold, the only row every placement that fits gives it"
        cell = d.run[k]
        cell.repairs = [Repair(kind="layout.placed_by_table", note=note, status="confirmed", by=by)]
        grid.rows[r][lanes[lane][1]] = cell
        placed_k.add(k)
    guessed = {} if wide else _usual_rows(solutions, common, kinds, d, run)  # (fund columns: no guess)
    for s in solutions:
        for key, k in s.items():
            if (key, run[k]) not in common and key not in guessed:
                _mark_open(grid, lanes, key)
    for key, k in guessed.items():
        lane, r = key
        others = sorted({subject_name((d.left if s2 == 0 else d.rows)[r2]) for sol in solutions
                         for (s2, r2), k2 in sol.items()
                         if run[k2] == run[k] and (s2, r2) != key and ((s2, r2), run[k2]) not in common})
        cell = d.run[k]
        cell.repairs = [Repair(kind="layout.row_guess", status="unconfirmed", note=_GUESS.format(
            others="、".join(others), why=_why_usual(kinds[key], _label(d, key))))]
        grid.rows[r][lanes[lane][1]] = cell
        placed_k.add(k)
    rest = [k for k in range(len(d.run)) if k not in placed_k]
    note = _left_note(d, rest, "more than one row fits them") if rest else None
    if guessed:
        note = ((note + "; ") if note else "") + (
            "amounts printed apart from their rows, put under review in the rows such amounts usually "
            "stand in (the sums leave more than one row): " + " ".join(d.run[k].text for k in sorted(guessed.values())))
    return note


def _place_full(grid: GridBlock, d: Detached, classes: dict[str, tuple[Decimal, str]],
                income: dict[str, Decimal], run: list[Decimal], others: bool) -> Optional[str]:
    """An amount in every row (full_sides.py): each row the fitting interleavings all give one value
    takes it, confirmed; the others are left out and marked open. An income item named like a column
    of the 收入表's 合计 row takes that column's amount."""
    left_rows, right_rows = sorted(d.left), sorted(d.rows)
    left = [(_full_kind(kind), income.get(code) if kind == "item" and code and code != "fund" else None)
            for kind, code in (_left_kind(d.left[r]) for r in left_rows)]
    right = []
    by: set[str] = set()
    for r in right_rows:
        kind, code = _right_kind(d.rows[r])
        must = classes[code][0] if kind == "class" and code in classes else None
        if must is not None:
            by.add(classes[code][1])
        right.append((_full_kind(kind), must))
    left, right = _side_total(left), _side_total(right)
    dealt = deal_full(left, right, run, _CENT * max(1, len(by)))
    if dealt is None and others and by:  # the 类 totals are not this table's: its sums alone
        right, by = [(kind, None) for kind, _ in right], set()
        dealt = deal_full(left, right, run, _CENT)
    lanes = _lanes(d, {})
    if dealt is None:
        for key in [(0, r) for r in left_rows] + [(1, r) for r in right_rows]:
            _mark_open(grid, lanes, key)
        return _left_note(d, range(len(d.run)), "no placement of them adds up, or too many do")
    placed: set[int] = set()
    guessed: list[int] = []
    for side, rows in ((0, left_rows), (1, right_rows)):
        spec = (left, right)[side]
        free = _free_rows(spec, dealt[side])
        for pos, r in enumerate(rows):
            if len(dealt[side][pos]) != 1:
                _mark_open(grid, lanes, (side, r))
                continue
            k = dealt[2][(side, pos)]
            must = spec[pos][1]
            if pos in free and not free[pos]:
                # (an item no total pins: its row only by the order the side's amounts are printed in)
                cell = d.run[k]
                cell.repairs = [Repair(kind="layout.row_guess", status="unconfirmed", note=_ORDER_GUESS)]
                grid.rows[r][lanes[side][1]] = cell
                placed.add(k)
                guessed.append(k)
                continue
            if side == 0 and must is not None:
                note, who = "placed by the 收入表's 合计 row and the income side's sums", "收入表"
            elif must is not None:
                note, who = f"placed by the 类 total {classes[_right_kind(d.rows[r])[1]][1]} prints for this subject", \
                    classes[_right_kind(d.rows[r])[1]][1]
            else:
                note = ("placed where each side's sums hold, an amount in every row (as many amounts as rows): "
                        "the only value every placement that fits gives this row")
                who = "、".join(sorted(by)) or "the sums"
            cell = d.run[k]
            cell.repairs = [Repair(kind="layout.placed_by_table", note=note, status="confirmed", by=who)]
            grid.rows[r][lanes[side][1]] = cell
            placed.add(k)
    return _closing_note(d, placed, guessed, "amounts put in their rows by the order each side's amounts are "
                         "printed in, which no sum or other table confirms (under review): ")


def _place_free(grid: GridBlock, d: Detached, totals: tuple[dict, dict], income: dict[str, Decimal],
                run: list[Decimal], others: bool, weak: Optional[tuple[dict, dict]]) -> Optional[str]:
    """A table of an amount in every row printed out of its rows' order, its sides with sub-items
    (free_sides.py): each row every fitting assignment gives one value takes it, confirmed (by value
    and sums, no order); the rows the assignments part over take the value the assignments putting
    the most amounts other than 0 in rows such amounts usually stand in (the 一般公共预算 fund, 其他收入,
    a 结转 row) all give them, as an unconfirmed `layout.row_guess`; the rest are left out, marked open.
    Where only the 支出表's amounts read in doubt (`weak`) let an assignment fit, every row goes in as
    such a guess (the amounts that pinned the rows may be another column's); where the sums alone
    leave rows open, those amounts may guess them too (a value the sums allow the row)."""
    left_rows, right_rows = sorted(d.left), sorted(d.rows)
    left, right, by = _free_spec(d, left_rows, right_rows, totals[0], income, totals[1])
    dealt = deal_free(left, right, run, _CENT * max(1, len(by)))
    if dealt is None and others and by:  # the 支出表's totals are of more money than this table's
        right = [Row(r.kind, None, r.parent) for r in right]
        dealt = deal_free(left, right, run, _CENT)
        by = set() if dealt is not None else by
    doubt = False
    if dealt is None and weak is not None:
        left, right, by = _free_spec(d, left_rows, right_rows, weak[0], income, weak[1])
        dealt, doubt = deal_free(left, right, run, _CENT * max(1, len(by))), True
    lanes = _lanes(d, {})
    keys = [(0, r) for r in left_rows] + [(1, r) for r in right_rows]
    if dealt is None:
        for key in keys:
            _mark_open(grid, lanes, key)
        return _left_note(d, range(len(d.run)), "no assignment of them adds up, or too many do")
    pool: dict[Decimal, list[int]] = {}
    for k, v in enumerate(run):
        pool.setdefault(v, []).append(k)
    guessed = _free_guesses(dealt, (left, right))
    by_weak: set[tuple[int, int]] = set()
    if not doubt and weak is not None:  # rows the sums leave open: the amounts read in doubt may guess them
        w_left, w_right, w_by = _free_spec(d, left_rows, right_rows, weak[0], income, weak[1])
        w_dealt = deal_free(w_left, w_right, run, _CENT * max(1, len(w_by)))
        for s in (0, 1):
            for pos in range(len((left_rows, right_rows)[s])):
                key, got = (s, pos), (w_dealt.values[s][pos] if w_dealt is not None else set())
                if key not in guessed and len(dealt.values[s][pos]) > 1 and len(got) == 1 \
                        and got <= dealt.values[s][pos]:
                    guessed[key] = next(iter(got))
                    by_weak.add(key)
        by = by | (w_by if by_weak else set())
    placed: list[int] = []
    notes_guess: list[int] = []
    for side, rows in ((0, left_rows), (1, right_rows)):
        for pos, r in enumerate(rows):
            values = dealt.values[side][pos]
            guess = guessed.get((side, pos))
            if len(values) != 1 and guess is None:
                _mark_open(grid, lanes, (side, r))
                continue
            v = next(iter(values)) if len(values) == 1 else guess
            k = pool[v].pop(0)
            cell = d.run[k]
            if doubt or (side, pos) in by_weak:
                cell.repairs = [Repair(kind="layout.row_guess", status="unconfirmed", note=(
                    "row uncertain: placed by value and sums, with amounts of " + "、".join(sorted(by)) + " that "
                    "are themselves read in doubt (their column not proven) pinning the rows"))]
                notes_guess.append(k)
            elif len(values) != 1:
                others_fit = sorted(str(x) for x in values if x != v)
                cell.repairs = [Repair(kind="layout.row_guess", status="unconfirmed", note=(
                    "row uncertain: the sums let this row take " + "、".join(others_fit) + " too; it takes the "
                    "value the assignments putting amounts in the rows such amounts usually stand in (the "
                    "一般公共预算 fund, 其他收入, a 结转 row) all give it, a guess no sum confirms"))]
                notes_guess.append(k)
            elif (side, pos) in dealt.pinned:
                who = ("收入表" if side == 0 else "、".join(sorted(by)) or "支出表")
                cell.repairs = [Repair(kind="layout.placed_by_table", status="confirmed", by=who, note=(
                    "placed by value: the amount " + who + " prints for this row (the rows are printed out of order)"))]
            else:
                cell.repairs = [Repair(kind="layout.placed_by_table", status="confirmed",
                                       by="、".join(sorted(by)) or "the sums", note=(
                    "placed where each side's sums hold, an amount in every row: the only value every "
                    "assignment of the amounts that fits gives this row (by value, not printed order)"))]
            grid.rows[r][lanes[side][1]] = cell
            placed.append(k)
    return _closing_note(d, placed, notes_guess, "amounts put under review in the rows such amounts usually "
                         "stand in (the sums leave more than one row): ")


def _closing_note(d: Detached, placed, guessed, why: str) -> Optional[str]:
    """The table's note after a dealing: the amounts left unplaced, then the guessed ones with `why`."""
    rest = [k for k in range(len(d.run)) if k not in placed]
    note = _left_note(d, rest, "more than one row fits them") if rest else None
    if guessed:
        note = ((note + "; ") if note else "") + why + " ".join(d.run[k].text for k in guessed)
    return note


def _free_spec(d: Detached, left_rows: list[int], right_rows: list[int], classes: dict[str, tuple[Decimal, str]],
               income: dict[str, Decimal], subjects: dict[str, tuple[frozenset, str]]
               ) -> tuple[list[Row], list[Row], set[str]]:
    """The rows as free_sides.py deals them, and the titles of the tables whose totals pin them."""
    left: list[Row] = []
    labels = [d.left[r] for r in left_rows]
    for label, parent in zip(labels, parents(labels)):
        kind, code = _left_kind(label)
        if parent is not None:
            kind = "sub"
        must = income.get(code) if kind in ("item", "sub") and code and code != "fund" else None
        left.append(Row(kind, frozenset({must}) if must is not None else None, parent, _free_weight(label, kind)))
    left = _free_total(left, labels)
    right: list[Row] = []
    by: set[str] = set()
    labels = [d.rows[r] for r in right_rows]
    for label in labels:
        kind, code = _right_kind(label)
        if kind in ("year", "grand", "carry"):
            right.append(Row(kind))
        elif ordinal_value(label) is not None:
            must = classes.get(code) if kind == "class" else None
            if must is not None:
                by.add(must[1])
            right.append(Row("item", frozenset({must[0]}) if must is not None else None))
        else:
            got = subjects.get("".join(subject_name(label).split()))
            if got is not None:
                by.add(got[1])
            right.append(Row("part", got[0] if got is not None else None))
    return left, _free_total(right, labels), by


def _free_total(rows: list[Row], labels: list[str]) -> list[Row]:
    """A side whose 总计 is printed as 收入合计 / 支出合计 after its 本年…合计: the latter is its 总计."""
    years = [k for k, r in enumerate(rows) if r.kind == "year"]
    if len(years) == 2 and not any(r.kind == "grand" for r in rows):
        k = max(years, key=lambda j: labels[j].startswith(("收入合计", "支出合计")))
        rows = list(rows)
        rows[k] = Row("grand", rows[k].must, rows[k].parent, rows[k].weight)
    return rows


def _free_guesses(dealt, spec: tuple[list[Row], list[Row]]) -> dict[tuple[int, int], Decimal]:
    """(side, pos) -> value for the rows the fitting assignments part over that every best-scoring
    assignment (the most weight of amounts other than 0 in usual rows: _free_weight) gives one value;
    a 款 / 项 row no total pins is never guessed."""
    out = {}
    for s in (0, 1):
        for p, row in enumerate(spec[s]):
            if row.kind == "part" and row.must is None:
                continue
            if len(dealt.values[s][p]) > 1 and len(dealt.best[s][p]) == 1:
                out[(s, p)] = next(iter(dealt.best[s][p]))
    return out


def _free_weight(label: str, kind: str) -> int:
    """What an income row holding an amount other than 0 scores: the 一般公共预算 fund's (most of a
    department's money is 财政拨款) before 其他收入 and a 结转 carry-over row (the rows such an amount
    usually stands in)."""
    name = subject_name(label)
    if _USUAL_FUND in name:
        return 100
    return 1 if name == _CATCH_ALL or (carry_item(name) and _USUAL_CARRY in name) else 0


def _free_rows(spec: list[tuple[str, Optional[Decimal]]], values: list[set]) -> dict[int, bool]:
    """The side's items no total pins (no 类 total, no 收入表 column), each -> whether its value is
    proven without the printed order: True when every such item takes one and the same value (the
    amounts left to them all equal: 0.00 in each), False when their values differ (which of them
    takes which then rests on the order the amounts are printed in, which pdftotext does not always
    keep)."""
    free = [pos for pos, (kind, must) in enumerate(spec) if kind == "item" and must is None]
    seen = set().union(*(values[pos] for pos in free)) if free else set()
    same = len(seen) == 1 and all(len(values[pos]) == 1 for pos in free)
    return {pos: same for pos in free}


def _side_total(rows: list[tuple[str, Optional[Decimal]]]) -> list[tuple[str, Optional[Decimal]]]:
    """A side whose 总计 is printed as 收入合计 / 支出合计 after its 本年…合计 (sides_bare.py read both as
    totals of the year): the last of them is the side's 总计."""
    years = [k for k, (kind, _) in enumerate(rows) if kind == "year"]
    if len(years) == 2 and years[1] == len(rows) - 1 and not any(kind == "grand" for kind, _ in rows):
        return rows[:-1] + [("grand", rows[-1][1])]
    return rows


def _full_kind(kind: str) -> str:
    """A row's part in its side's sums (full_sides.py): income items, 类 and other rows are items."""
    return kind if kind in ("year", "grand", "carry") else "item"


def _label(d: Detached, key: tuple[int, int]) -> str:
    return subject_name((d.left if key[0] == 0 else d.rows)[key[1]])


def _usual(kind: Kind, label: str) -> bool:
    """A row such an amount usually stands in (see the module text)."""
    if kind.kind == "carry":
        return _USUAL_CARRY in label
    if (kind.kind, kind.code) == ("item", "fund"):
        return _USUAL_FUND in label
    return kind.kind == "item" and label == _CATCH_ALL


def _why_usual(kind: Kind, label: str) -> str:
    if kind.kind == "carry":
        return "a 结转和结余 row, not 使用…结余 or 结余分配, which seldom hold one"
    if (kind.kind, kind.code) == ("item", "fund"):
        return "一般公共预算 money, most of a department's 财政拨款"
    return "其他收入, the income no fund names"


def _usual_rows(solutions: list[dict[tuple[int, int], int]], common: set, kinds: dict, d: Detached,
                run: list[Decimal]) -> dict[tuple[int, int], int]:
    """Row key -> run index of the amounts the placements part over that the placements putting the
    most of them in usual rows all put in the same usual row; the others are not guessed."""
    def open_part(s):
        return {(key, run[k]): k for key, k in s.items() if (key, run[k]) not in common}

    def score(s):
        return sum(_usual(kinds[key], _label(d, key)) for key, _ in open_part(s))

    if not solutions:
        return {}
    best = max(score(s) for s in solutions)
    tops = [open_part(s) for s in solutions if score(s) == best]
    agreed = set(tops[0]).intersection(*tops[1:])
    return {key: k for (key, v), k in tops[0].items()
            if (key, v) in agreed and _usual(kinds[key], _label(d, key))}


def _kinds(d: Detached, lanes: list[Lane], classes: dict[str, tuple[Decimal, str]],
           funds: Funds) -> dict[Key, Kind]:
    """Each (lane, row)'s Kind. A 类 row's total: the 类 total the report's 支出决算表 prints (one
    amount column), or — a side of 合计 and funds — the fund's own table's (a fund column), the sum
    of the funds' (合计). A fund side's income items name their fund, and its carry-over item has the
    funds as sub-items after it (`sub`)."""
    out: dict[Key, Kind] = {}
    carry = False
    for r in sorted(d.left):
        kind, code = _left_kind(d.left[r])
        if d.fund_columns:
            carry = carry or kind == "carry"
            if kind == "item":
                fund = next((f for f in d.fund_columns.values() if f in d.left[r]), "")
                kind, code = ("sub" if carry else "item"), fund
        out[(0, r)] = Kind(kind, code)
    for lane in range(1, len(lanes)):
        column = lanes[lane][1]
        for r in sorted(d.rows):
            kind, code = _right_kind(d.rows[r])
            if kind != "class":
                out[(lane, r)] = Kind(kind, code)
                continue
            if not d.fund_columns:
                found = [classes[code]] if code in classes else []
            else:
                own = [funds[c] for c in ([column] if lane > 1 else sorted(funds)) if funds[c] is not None]
                found = [t[code] for t in own if t is not None and code in t]
            total = sum((v for v, _ in found), Decimal(0)) if found else None
            out[(lane, r)] = Kind(kind, code, total, tuple(dict.fromkeys(x for _, x in found)))
    for lane in range(len(lanes)):  # a 总计 printed 收入合计 / 支出合计 after 本年…合计
        keys = [key for key in sorted(out) if key[0] == lane]
        years = [key for key in keys if out[key].kind == "year"]
        if len(years) == 2 and years[1] == keys[-1] and not any(out[key].kind == "grand" for key in keys):
            out[years[1]] = Kind("grand")
    return out


def _mark_open(grid: GridBlock, lanes: list[Lane], key: Key) -> None:
    """An empty cell that a placement that fits fills with an amount left out: a `layout.amount_unplaced`
    doubt, so that a check over it is not evaluable (the printed amount may be this cell's)."""
    lane, r = key
    cell = grid.rows[r][lanes[lane][1]]
    if cell.text.strip() or any(rep.kind == UNPLACED for rep in cell.repairs or ()):
        return
    cell.repairs = list(cell.repairs or []) + [Repair(
        kind=UNPLACED, status="doubt",
        note="an amount printed apart from its row may be this cell's: the sums leave more than one row for it")]


def _left_note(d: Detached, ks, why: str) -> str:
    return ("amounts printed apart from their rows, not placed (" + why + "): "
            + " ".join(d.run[k].text for k in ks))


def _search(rows: list[Key], kinds: dict[Key, Kind], run: list[Decimal], income: dict[str, Decimal],
            lanes: list[Lane], wide: bool) -> list[dict[Key, int]]:
    """The placements (row key -> run index); [] when none or the search ran past its budget. Each
    lane's amounts keep their rows' order (a column printed top-down, the lanes interleaved)."""
    by_lane = [[key for key in rows if key[0] == ln] for ln in range(len(lanes))]
    found: list[dict[Key, int]] = []
    budget = [_BUDGET]

    def fits(key: Key, v: Decimal) -> bool:
        k = kinds[key]
        if key[0] > 0:
            if k.kind == "class":
                return k.total is not None and abs(k.total - v) <= _CENT * max(1, len(k.by))
            return k.kind != "other"
        if wide and k.kind in ("item", "sub"):
            return any(lane[2] == k.code for lane in lanes[2:])
        if k.kind == "item" and income and k.code and k.code != "fund":
            return income.get(k.code, Decimal(0)) == v
        return True

    def needed(key: Key) -> bool:
        """A row every placement fills (a 类 with a total, an income item the 收入决算表 gives an
        amount, a side's 本年…合计 and 总计; a fund column's where it spends)."""
        k = kinds[key]
        if key[0] > 0 and k.kind == "class":
            return k.total is not None and k.total != 0
        if k.kind in ("year", "grand"):
            return key[0] <= 1 or any(kinds[x].total for x in by_lane[key[0]] if kinds[x].kind == "class")
        if key[0] == 0 and k.kind == "item" and not wide:
            return bool(income) and bool(k.code) and k.code != "fund" and income.get(k.code, Decimal(0)) != 0
        return False

    def ok(assign: dict[Key, Decimal]) -> bool:
        for key in rows:
            if needed(key) and key not in assign:
                return False
        grands = []
        for ln in range(len(lanes)):
            own = {key: v for key, v in assign.items() if key[0] == ln}
            if ln > 1 and not own:
                grands.append(Decimal(0))
                continue
            part = "item" if ln == 0 else "class"
            parts = [v for key, v in own.items() if kinds[key].kind == part]
            year = [v for key, v in own.items() if kinds[key].kind == "year"]
            grand = [v for key, v in own.items() if kinds[key].kind == "grand"]
            carry = sum((v for key, v in own.items() if kinds[key].kind == "carry"), Decimal(0))
            if not grand and len(year) == 1 and not any(kinds[key].kind in ("carry", "grand") for key in by_lane[ln]):
                grand = year  # a side of one 合计 and no carry-over (a 财政拨款收支总表's 收入合计)
            if len(year) != 1 or len(grand) != 1:
                return False
            if abs(sum(parts, Decimal(0)) - year[0]) > _CENT * max(1, len(parts)):
                return False
            if abs(year[0] + carry - grand[0]) > _CENT * 3:
                return False
            subs = [v for key, v in own.items() if kinds[key].kind == "sub"]
            if subs and abs(sum(subs, Decimal(0)) - carry) > _CENT * len(subs):
                return False
            grands.append(grand[0])
        if income and _FUND_COLUMN in income:
            funds = [v for key, v in assign.items() if key[0] == 0 and kinds[key].kind == "item"
                     and (wide or kinds[key].code == "fund")]
            if abs(sum(funds, Decimal(0)) - income[_FUND_COLUMN]) > _CENT * max(1, len(funds)):
                return False
        if wide and not _funds_hold(assign, rows, kinds, lanes, grands):
            return False
        return abs(grands[0] - grands[1]) <= _CENT

    def walk(k: int, start: list[int], assign: dict[Key, int]) -> None:
        budget[0] -= 1
        if len(found) > _MAX_SOLUTIONS or budget[0] < 0:
            return
        if k == len(run):
            if ok({key: run[i] for key, i in assign.items()}):
                found.append(dict(assign))
            return
        for ln in range(len(lanes)):
            for j in range(start[ln], len(by_lane[ln])):
                key = by_lane[ln][j]
                if fits(key, run[k]):
                    assign[key] = k
                    nxt = list(start)
                    nxt[ln] = j + 1
                    walk(k + 1, nxt, assign)
                    del assign[key]
                if needed(key):
                    break  # a row every placement fills cannot be passed over

    walk(0, [0] * len(lanes), {})
    if budget[0] < 0 or len(found) > _MAX_SOLUTIONS:
        return []
    return found


def _funds_hold(assign: dict[Key, Decimal], rows: list[Key], kinds: dict[Key, Kind],
                lanes: list[Lane], grands: list[Decimal]) -> bool:
    """A side of 合计 and funds: every expenditure row's 合计 = Σ its funds (a blank cell 0), and
    each fund column's 总计 = its income item + its sub-item of the carry-over (a blank cell 0)."""
    for r in {key[1] for key in rows if key[0] == 1}:
        parts = [assign.get((ln, r), Decimal(0)) for ln in range(2, len(lanes))]
        if abs(assign.get((1, r), Decimal(0)) - sum(parts, Decimal(0))) > _CENT * max(1, len(parts)):
            return False
    for ln in range(2, len(lanes)):
        fund = lanes[ln][2]
        got = sum((v for key, v in assign.items() if key[0] == 0 and kinds[key].kind in ("item", "sub")
                   and kinds[key].code == fund), Decimal(0))
        if abs(got - grands[ln]) > _CENT * 2:
            return False
    return True
