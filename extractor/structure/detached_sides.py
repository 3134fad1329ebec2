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
note naming the other rows that fit; those rows keep their `layout.amount_unplaced` doubt.
What it does not: read text, place an amount in a row that a placement leaves open but as such a
guess, or guess an amount the best placements put in different rows.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Optional

from ..catalog import codes_named
from ..datamodel import Detached, GridBlock, Repair, Table
from ..evidence.policy import AMOUNT_UNPLACED as UNPLACED
from .sides_columns import GRAND, YEAR_TOTAL, carry_item, subject_name

_CENT = Decimal("0.011")  # per added part: amounts printed to 0.01 may round apart by one cent
_MAX_SOLUTIONS = 5000
_CERTAIN = 0.9  # the 收入决算表 合计 row is used only when every amount of it is read for certain
_BUDGET = 500_000  # nodes of the search
_INCOME_COLUMNS = ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
_FUND_COLUMN = "财政拨款收入"
_CATCH_ALL = "其他收入"  # the income item an amount no fund names usually stands in
_USUAL_FUND = "一般公共预算"  # the fund most of a department's 财政拨款 is
_USUAL_CARRY = "结转"  # 年初 / 年末 结转和结余: the carry-over rows that usually hold an amount
_GUESS = ("row uncertain: the sums leave more than one row for this amount ({others} fit too); it is "
          "put in the row such an amount usually stands in ({why}), a guess no sum confirms")


def income_totals(tables: list[Table]) -> dict[str, Decimal]:
    """The 收入决算表's 合计 row: column name -> amount; {} when the report has no such table, two
    disagree, or an amount of the row is in doubt (under 0.9: its column may be another)."""
    found: dict[str, Decimal] = {}
    for t in tables:
        if t.template != "final.02" or not t.rows:
            continue
        row = t.rows[0]
        name = row.name.value if row.name is not None else ""
        if row.code is not None and row.code.value or not isinstance(name, str) or "计" not in name:
            continue
        fields = [f for f in row.values.values() if f is not None and isinstance(f.value, Decimal)]
        if any(f.confidence < _CERTAIN for f in fields):
            return {}  # a column of the row in doubt: a blank elsewhere is no blank for certain
        got = {c: f.value for c, f in row.values.items() if f is not None and isinstance(f.value, Decimal)}
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
    if "财政拨款" in name:
        return "item", "fund"
    return "item", next((c for c in _INCOME_COLUMNS if name == c), "")


def place_sides(grid: GridBlock, d: Detached, classes: dict[str, tuple[Decimal, str]],
                income: dict[str, Decimal]) -> Optional[str]:
    """Place what every fitting placement agrees on; the note naming what was left out, or None."""
    run = [_value(c.text) for c in d.run]
    if None in run:
        return _left_note(d, range(len(d.run)), "an amount that is no number")
    rows = [(0, r) for r in sorted(d.left)] + [(1, r) for r in sorted(d.rows)]
    kinds = {(0, r): _left_kind(d.left[r]) for r in d.left}
    kinds.update({(1, r): _right_kind(d.rows[r]) for r in d.rows})
    solutions = _search(rows, kinds, run, classes, income)  # type: ignore[arg-type]
    if not solutions:
        for key in rows:
            _mark_open(grid, d, key)
        return _left_note(d, range(len(d.run)), "no placement of them adds up, or too many do")
    common = set.intersection(*({(key, run[k]) for key, k in s.items()} for s in solutions))
    placed_k: set[int] = set()
    by_classes = sorted({classes[kinds[key][1]][1] for key, _ in common if kinds[key][0] == "class"})
    by_income = "收入决算表" if income else ""
    for key, k in solutions[0].items():
        if (key, run[k]) not in common:
            continue
        # (amounts equal in value are one fact: the first placement's index stands for them)
        side, r = key
        kind, code = kinds[key]
        if kind == "class":
            note, by = f"placed by the 类 total {classes[code][1]} prints for this subject", classes[code][1]
        elif side == 0 and kind == "item" and code and by_income:
            note, by = f"placed by the {by_income}'s 合计 row and the income side's sums", by_income
        else:
            by = "、".join(by_classes) or "the sums"
            note = "placed where each side's sums hold, the only row every placement that fits gives it"
        cell = d.run[k]
        cell.repairs = [Repair(kind="layout.placed_by_table", note=note, status="confirmed", by=by)]
        grid.rows[r][d.left_column if side == 0 else d.column] = cell
        placed_k.add(k)
    guessed = _usual_rows(solutions, common, kinds, d, run)
    for s in solutions:
        for key, k in s.items():
            if (key, run[k]) not in common and key not in guessed:
                _mark_open(grid, d, key)
    for key, k in guessed.items():
        side, r = key
        others = sorted({subject_name((d.left if s2 == 0 else d.rows)[r2]) for sol in solutions
                         for (s2, r2), k2 in sol.items()
                         if run[k2] == run[k] and (s2, r2) != key and ((s2, r2), run[k2]) not in common})
        cell = d.run[k]
        cell.repairs = [Repair(kind="layout.row_guess", status="unconfirmed", note=_GUESS.format(
            others="、".join(others), why=_why_usual(kinds[key], _label(d, key))))]
        grid.rows[r][d.left_column if side == 0 else d.column] = cell
        placed_k.add(k)
    rest = [k for k in range(len(d.run)) if k not in placed_k]
    note = _left_note(d, rest, "more than one row fits them") if rest else None
    if guessed:
        note = ((note + "; ") if note else "") + (
            "amounts printed apart from their rows, put under review in the rows such amounts usually "
            "stand in (the sums leave more than one row): " + " ".join(d.run[k].text for k in sorted(guessed.values())))
    return note


def _label(d: Detached, key: tuple[int, int]) -> str:
    return subject_name((d.left if key[0] == 0 else d.rows)[key[1]])


def _usual(kind: tuple[str, str], label: str) -> bool:
    """A row such an amount usually stands in (see the module text)."""
    if kind[0] == "carry":
        return _USUAL_CARRY in label
    if kind == ("item", "fund"):
        return _USUAL_FUND in label
    return kind[0] == "item" and label == _CATCH_ALL


def _why_usual(kind: tuple[str, str], label: str) -> str:
    if kind[0] == "carry":
        return "a 结转和结余 row, not 使用…结余 or 结余分配, which seldom hold one"
    if kind == ("item", "fund"):
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


def _mark_open(grid: GridBlock, d: Detached, key: tuple[int, int]) -> None:
    """An empty cell that a placement that fits fills with an amount left out: a `layout.amount_unplaced`
    doubt, so that a check over it is not evaluable (the printed amount may be this cell's)."""
    side, r = key
    cell = grid.rows[r][d.left_column if side == 0 else d.column]
    if cell.text.strip() or any(rep.kind == UNPLACED for rep in cell.repairs or ()):
        return
    cell.repairs = list(cell.repairs or []) + [Repair(
        kind=UNPLACED, status="doubt",
        note="an amount printed apart from its row may be this cell's: the sums leave more than one row for it")]


def _left_note(d: Detached, ks, why: str) -> str:
    return ("amounts printed apart from their rows, not placed (" + why + "): "
            + " ".join(d.run[k].text for k in ks))


def _search(rows: list[tuple[int, int]], kinds: dict, run: list[Decimal], classes: dict[str, tuple[Decimal, str]],
            income: dict[str, Decimal]) -> list[dict[tuple[int, int], int]]:
    """The placements (row key -> run index); [] when none or the search ran past its budget."""
    sides = [[key for key in rows if key[0] == s] for s in (0, 1)]
    found: list[dict[tuple[int, int], int]] = []
    budget = [_BUDGET]

    def fits(key: tuple[int, int], v: Decimal) -> bool:
        kind, code = kinds[key]
        if key[0] == 1:
            if kind == "class":
                return code in classes and abs(classes[code][0] - v) <= _CENT
            return kind != "other"
        if kind == "item" and income and code and code != "fund":
            return income.get(code, Decimal(0)) == v
        return True

    def ok(assign: dict[tuple[int, int], Decimal]) -> bool:
        for key, (kind, code) in kinds.items():
            if key[0] == 1 and kind == "class" and code in classes and classes[code][0] != 0 and key not in assign:
                return False
            if key[0] == 0 and kind == "item" and income and code and code != "fund" and \
                    income.get(code, Decimal(0)) != 0 and key not in assign:
                return False
        grands = []
        for s in (0, 1):
            own = {key: v for key, v in assign.items() if key[0] == s}
            parts = [v for key, v in own.items() if kinds[key][0] == ("item" if s == 0 else "class")]
            year = [v for key, v in own.items() if kinds[key][0] == "year"]
            grand = [v for key, v in own.items() if kinds[key][0] == "grand"]
            carry = sum((v for key, v in own.items() if kinds[key][0] == "carry"), Decimal(0))
            if len(year) != 1 or len(grand) != 1:
                return False
            if abs(sum(parts, Decimal(0)) - year[0]) > _CENT * max(1, len(parts)):
                return False
            if abs(year[0] + carry - grand[0]) > _CENT * 3:
                return False
            grands.append(grand[0])
        if income and _FUND_COLUMN in income:
            funds = [v for key, v in assign.items() if kinds[key] == ("item", "fund")]
            if abs(sum(funds, Decimal(0)) - income[_FUND_COLUMN]) > _CENT * max(1, len(funds)):
                return False
        return abs(grands[0] - grands[1]) <= _CENT

    def needed(key: tuple[int, int]) -> bool:
        """A row every placement fills (a 类 with a total, an income item the 收入决算表 gives an
        amount, a side's 本年…合计 and 总计)."""
        kind, code = kinds[key]
        if kind in ("year", "grand"):
            return True
        if key[0] == 1:
            return kind == "class" and code in classes and classes[code][0] != 0
        return kind == "item" and bool(income) and bool(code) and code != "fund" and income.get(code, Decimal(0)) != 0

    def walk(k: int, start: list[int], assign: dict[tuple[int, int], int]) -> None:
        budget[0] -= 1
        if len(found) > _MAX_SOLUTIONS or budget[0] < 0:
            return
        if k == len(run):
            if ok({key: run[i] for key, i in assign.items()}):
                found.append(dict(assign))
            return
        for s in (0, 1):
            for j in range(start[s], len(sides[s])):
                key = sides[s][j]
                if fits(key, run[k]):
                    assign[key] = k
                    nxt = list(start)
                    nxt[s] = j + 1
                    walk(k + 1, nxt, assign)
                    del assign[key]
                if needed(key):
                    break  # a row every placement fills cannot be passed over

    walk(0, [0, 0], {})
    if budget[0] < 0 or len(found) > _MAX_SOLUTIONS:
        return []
    return found
