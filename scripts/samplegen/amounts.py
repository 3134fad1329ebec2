"""Amounts as the reports handle them: int hundredths of 万元 inside, strings as printed outside
(`Fmt`: money, table cells, completion rates), shares (占…%), scores in tenths, and drawing amounts
(`cents_between`, `partition`).

Not the 元 / fen amounts of the 部门预算 tables (budget.py) and not Chinese numerals (numerals.py).
"""
from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal
from typing import Optional


CENT = Decimal("0.01")


class Fmt:
    """Per-report print style: amounts with 2 decimals or trailing zeros dropped; rates with 1 or 2."""

    def __init__(self, strip: bool, rate_places: int):
        self.strip = strip
        self.rate_places = rate_places

    def money(self, cents: int) -> str:
        if cents == 0:
            return "0"
        s = format((Decimal(cents) / 100).quantize(CENT), "f")
        if self.strip:
            s = s.rstrip("0").rstrip(".")
        return s

    def cell(self, cents: Optional[int]) -> str:
        """Table cell: empty when None (not printed), the amount otherwise (0 prints as "0")."""
        return "" if cents is None else self.money(cents)

    def rate(self, part: int, whole: int) -> Optional[str]:
        """Completion rate part/whole*100 as printed, None when whole is 0; 100 prints as "100"."""
        if whole == 0:
            return None
        v = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1).scaleb(-self.rate_places), ROUND_HALF_UP)
        if v == v.to_integral_value():
            return str(int(v))
        return format(v, "f")


def share(part: int, whole: int) -> str:
    """A share 占…% with 2 decimals (0.00 when whole is 0)."""
    if whole == 0:
        return "0.00"
    return format((Decimal(part) * 100 / Decimal(whole)).quantize(CENT, ROUND_HALF_UP), "f")


def cents_between(rng: random.Random, lo: float, hi: float) -> int:
    return rng.randint(int(lo * 100), int(hi * 100))


def partition(rng: random.Random, total: int, k: int) -> list[int]:
    """Split total (>= k) into k positive integer parts."""
    k = max(1, min(k, total)) if total > 0 else 1
    if total <= 0:
        return [0]
    weights = [rng.uniform(0.3, 1.0) for _ in range(k)]
    s = sum(weights)
    parts = [max(1, int(total * w / s)) for w in weights]
    diff = total - sum(parts)
    i = 0
    while diff != 0:
        j = i % k
        if diff > 0:
            parts[j] += diff
            diff = 0
        elif parts[j] > 1:
            take = min(parts[j] - 1, -diff)
            parts[j] -= take
            diff += take
        i += 1
    return parts


def from_tenths(tenths: int) -> str:
    """A score given in tenths as printed: 985 -> "98.5", 970 -> "97", 1000 -> "100"."""
    return format((Decimal(tenths) / 10).normalize(), "f")
