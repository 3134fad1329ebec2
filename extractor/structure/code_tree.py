"""Subject codes printed as the part that changes only, completed from the 类 / 款 rows above.

What it does: budget tables often print the code over 类 | 款 | 项 columns with only the part that
changes filled in: `201 一般公共服务支出`, then `08 审计事务` (20108), then `01 行政运行` (2010801).
`CodeTree` walks a table's rows in order. A row printing a whole code sets the 类 / 款 the rows
below stand under; a row printing a 款 or 项 part gets its whole code from them. Where the print
does not say which level a part is (one code column, as converted text prints it), the catalogue
decides (the 类 or the 款 above has a child of that number with the printed name), else the
structure (under a 类 row only a 款 can follow), else the amounts (the 款 above is not yet the sum
of the rows under it: the row is one of its 项). A row that prints a name and no code at all gets
the catalogue's only child with that name of the 款 (or 类) above. Every completion is a Repair on
the code cell — `code.from_parent` (the printed digits kept) or `code.from_name` (the digits
taken from the catalogue) — that says what it was completed from: confirmed when the catalogue
knows the code with the printed name, unconfirmed otherwise (`confirm_by_sums` confirms it after
the table is read when the parent's amounts are the sum of its children's), a doubt when the
catalogue names that code otherwise (a book of another year may renumber; the printed digits are
kept). The confidence each status earns is evidence/policy.py's (`code_completed`).
A table whose rows print 款 / 项 parts in columns of their own before any 类 (its rest on a page of
its own, not joined to the page before) may have them completed by the catalogue (`orphans`): the
only code of the printed level with the printed name ending in the printed digits, a
`code.from_name` completion, as are the parts completed under it (only where the catalogue names
the completed code so).
What it does not: change a printed digit, complete a part whose level the print does not say with
no 类 / 款 above it in the same table, or check amounts (validate/ does).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional, Sequence

import regex as re

from ..catalog import child_codes, codes_named, lookup, name_matches
from ..datamodel import Cell, Repair
from ..evidence.numbers import parse_amount

PART = re.compile(r"^\d{2}$")
FROM_PARENT = "code.from_parent"
FROM_NAME = "code.from_name"
_LEVELS = {3: "类", 5: "款", 7: "项"}


@dataclass
class Completion:
    code: str
    repair: Repair


class CodeTree:
    """The 类 and 款 a table's next row stands under, from the rows read so far (in print order).
    `kind` is the catalogue (function: 类 款 项; economic: 类 款)."""

    def __init__(self, kind: str = "function", orphans: bool = False) -> None:
        """`orphans`: a part printed in a 款 or 项 column of its own with no 类 above it in the table
        (the table's rest on a page of its own) is completed by the catalogue where one code alone
        has the printed name and ends in the part."""
        self.kind = kind
        self.orphans = orphans
        self.cls: Optional[str] = None
        self.kuan: Optional[str] = None
        self.kuan_left: Optional[Decimal] = None  # the 款's first amount less its 项 rows' so far
        self.guessed = False  # the 类 / 款 above is the catalogue's by name, no row of the table prints it

    def reset(self) -> None:
        self.cls = self.kuan = self.kuan_left = None
        self.guessed = False

    def whole(self, code: str, first: Optional[Decimal] = None, guessed: bool = False) -> None:
        """A row that prints its whole code (`first`: its first amount, the 合计 column's);
        `guessed`: the code is the catalogue's by name, not printed or completed from a printed one."""
        self.guessed = guessed
        if len(code) == 3:
            self.cls, self.kuan, self.kuan_left = code, None, None
        elif len(code) == 5:
            self.cls, self.kuan, self.kuan_left = code[:3], code, first
        elif len(code) == 7:
            if self.kuan != code[:5]:
                self.kuan, self.kuan_left = code[:5], None
            self.cls = code[:3]
            if self.kuan_left is not None and first is not None:
                self.kuan_left -= first

    def part(self, parts: Sequence[str], name: str, level: Optional[str] = None,
             first: Optional[Decimal] = None) -> Optional[Completion]:
        """The whole code of a row that prints `parts` (one 2-digit part, or 款 and 项 parts), its
        `level` when the print says which (a 款 or 项 column), and the printed `name`; None when no
        row above gives the part a parent."""
        if not parts or not all(PART.match(p) for p in parts) or len(parts) > 2:
            return None
        if self.cls is None:
            return self._orphan(parts, name, level, first) if self.orphans else None
        if len(parts) == 2 or self.kind != "function":
            if len(parts) == 2 and self.kind != "function":
                return None
            code, how = self.cls + "".join(parts), "the 类 above"
        elif level == "款":
            code, how = self.cls + parts[0], "the 类 above"
        elif level == "项":
            if self.kuan is None:
                return None
            code, how = self.kuan + parts[0], "the 款 above"
        else:
            picked = self._pick(parts[0], name)
            if picked is None:
                return None
            code, how = picked
        return self._done(code, "".join(parts), name, how, first)

    def _pick(self, part: str, name: str) -> Optional[tuple[str, str]]:
        """One printed part whose level the print does not say: (code, what placed it)."""
        as_kuan = self.cls + part
        as_item = self.kuan + part if self.kuan else None
        kuan_named = name_matches(as_kuan, name, self.kind)
        item_named = bool(as_item) and name_matches(as_item, name, self.kind)
        if kuan_named != item_named:
            return (as_kuan, "the 类 above") if kuan_named else (as_item, "the 款 above")
        if as_item is None:
            return as_kuan, "the 类 above"
        if self.kuan_left is None:
            return None  # a 款 with no amounts to tell: 项 of it or the next 款 alike
        if self.kuan_left > 0:
            return as_item, "the 款 above (its rows do not yet add up to it)"
        if self.kuan_left == 0:
            return as_kuan, "the 类 above (the 款 above is already the sum of its rows)"
        return None

    def _orphan(self, parts: Sequence[str], name: str, level: Optional[str],
                first: Optional[Decimal]) -> Optional[Completion]:
        """A 款 or 项 part (or both) printed in its own column with no 类 above in the table: the
        catalogue's only code of that level named `name` that ends in the printed digits."""
        if self.kind != "function" or not name or (level is None and len(parts) == 1):
            return None
        size = 5 if level == "款" and len(parts) == 1 else 7
        printed = "".join(parts)
        found = sorted(c for c in codes_named(name, self.kind) if len(c) == size and c.endswith(printed))
        if len(found) != 1:
            return None
        code = found[0]
        repair = Repair(kind=FROM_NAME, note=f"no 类 printed above it in the table (its rest on a page of its own?): "
                        f"{code} is the catalogue's only {_LEVELS[size]} named {name} ending in {printed!r}",
                        status="unconfirmed")
        self.whole(code, first, guessed=True)
        return Completion(code, repair)

    def _done(self, code: str, printed: str, name: str, how: str,
              first: Optional[Decimal]) -> Optional[Completion]:
        if self.guessed:
            # the 类 / 款 above is itself the catalogue's guess by name: the completion stands only
            # where the catalogue names it so, and is no surer than that guess
            if not name_matches(code, name, self.kind):
                return None
            repair = Repair(kind=FROM_NAME, note=f"code completed from {how}: printed {printed!r}; the "
                            f"{_LEVELS[len(code) - 2]} above is the catalogue's by its name, printed nowhere in the "
                            "table", status="unconfirmed")
            self.whole(code, first, guessed=True)
            return Completion(code, repair)
        entry = lookup(code, kind=self.kind)
        elsewhere = sorted(child_codes(code[:-2], name, self.kind) - {code})
        if name_matches(code, name, self.kind):
            repair = Repair(kind=FROM_PARENT, note=f"code completed from {how}: printed {printed!r}, "
                            f"the catalogue names {code} so", status="confirmed", by="catalogue")
        elif entry is not None or elsewhere:
            said = f"the catalogue names {code} {entry.name}" if entry is not None else f"the catalogue has no {code}"
            if elsewhere:
                said += f" and has {name} at {', '.join(elsewhere)}"
            repair = Repair(kind=FROM_PARENT, note=f"code completed from {how}: printed {printed!r}; {said} "
                            "(another year's numbering?): the printed digits are kept", status="doubt")
        else:
            repair = Repair(kind=FROM_PARENT, note=f"code completed from {how}: printed {printed!r}",
                            status="unconfirmed")
        self.whole(code, first)
        return Completion(code, repair)

    def named(self, name: str, first: Optional[Decimal] = None) -> Optional[Completion]:
        """A row printing a name and no code: the catalogue's only child of the 款 above (or else
        of the 类 above) with that name."""
        if self.cls is None or not name:
            return None
        under = [(p, child_codes(p, name, self.kind)) for p in (self.kuan, self.cls) if p]
        found = [(p, c) for p, c in under if c]
        if len(found) != 1 or len(found[0][1]) != 1:
            return None
        parent, codes = found[0]
        code = next(iter(codes))
        level = _LEVELS[len(parent)]
        repair = Repair(kind=FROM_NAME, note=f"no code printed: {code} is the catalogue's only child of the "
                        f"{level} {parent} above named {name}", status="unconfirmed")
        self.whole(code, first, self.guessed)
        return Completion(code, repair)


def first_amount(cells: Sequence[Cell]) -> Optional[Decimal]:
    """The first amount printed among `cells` (a subject row's 合计 column comes first)."""
    for c in cells:
        if c.text.strip():
            value, _ = parse_amount(c.text)
            return value
    return None


def confirm_by_sums(rows: Sequence[Sequence[Cell]], code_at: int) -> None:
    """Completed codes (rows whose cell `code_at` holds a whole code; amounts after the name cell)
    whose parent row is the sum of its child rows in every column where it prints an amount: the
    completion is confirmed by the sums (the rows stand where the completion put them)."""
    coded: list[tuple[str, Cell, list[Optional[Decimal]]]] = []
    for r in rows:
        if len(r) <= code_at + 1:
            continue
        code = "".join(r[code_at].text.split())
        if code.isdigit() and len(code) in (3, 5, 7):
            coded.append((code, r[code_at], [parse_amount(c.text)[0] if c.text.strip() else None
                                              for c in r[code_at + 2:]]))
    kids: dict[str, list[tuple[Cell, list[Optional[Decimal]]]]] = {}
    for code, cell, values in coded:
        if len(code) > 3:
            kids.setdefault(code[:-2], []).append((cell, values))
    for code, cell, values in coded:
        under = kids.get(code)
        if not under or not _adds_up(values, [v for _, v in under]):
            continue
        for c in [cell] + [k for k, _ in under]:
            for rep in c.repairs or ():
                if rep.kind == FROM_PARENT and rep.status == "unconfirmed":
                    rep.status, rep.by = "confirmed", "sums"
                    rep.note += f" (confirmed: {code} is the sum of its rows)"


def _adds_up(parent: list[Optional[Decimal]], children: list[list[Optional[Decimal]]]) -> bool:
    seen = False
    for k, total in enumerate(parent):
        if total is None:
            continue
        s = sum((ch[k] for ch in children if k < len(ch) and ch[k] is not None), Decimal(0))
        if s != total:
            return False
        seen = seen or total != 0
    return seen
