"""The amounts a two-sided table's row prints on the line below it, both sides' together (pdfplumber's
财政拨款收入支出决算总表: `总计 总计` / `2,961.68 2,961.68 2,961.68`, `本年收入合计 2,940.05 本年支出合计
2,940.05` / `2,940.05`), dealt to the two sides where the columns leave one way.

What it does: `deal(held, spill, widths, summed)` tries every cut of the line's amounts, in printed
order, into the income side's (first) and the expenditure side's (rest), each added after what the
side already holds on the row's line; a cut stands when each side holds no more amounts than it has
columns and a side whose first column is the sum of the others (合计 | 一般公共预算财政拨款 | 政府性基金…,
blank cells absent) holds none, or its 合计 and at least one part with the 合计 = Σ the parts (one cent
a part apart: printed rounding). One standing cut: it is returned; none or several: None (the
amounts are left out and the row's cells marked `layout.amount_unplaced`, detached_sides.py).
What it does not: read lines, decide which column of a side an amount is in (spaced_columns.py), or
deal a line in `-layout` text (positions tell there: spaced_sides.py).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional, Sequence

from ..evidence.numbers import CENT_PER_PART
from .spaced_columns import Amount

_CENT = CENT_PER_PART  # per added part (evidence/numbers.py)


def _holds(amounts: Sequence[Amount], width: int, summed: bool) -> bool:
    if len(amounts) > width:
        return False
    if not summed or not amounts:
        return True
    if len(amounts) < 2:
        return False
    total, parts = amounts[0].value, [a.value for a in amounts[1:]]
    return abs(total - sum(parts, Decimal(0))) <= _CENT * len(parts)


def deal(held: tuple[list[Amount], list[Amount]], spill: list[Amount], widths: tuple[int, int],
         summed: tuple[bool, bool]) -> Optional[tuple[list[Amount], list[Amount]]]:
    """The one cut of `spill` (income's, expenditure's) that the columns allow; None when not one."""
    cuts = []
    for k in range(len(spill) + 1):
        left, right = held[0] + spill[:k], held[1] + spill[k:]
        if _holds(left, widths[0], summed[0]) and _holds(right, widths[1], summed[1]):
            cuts.append((spill[:k], spill[k:]))
    return cuts[0] if len(cuts) == 1 else None
