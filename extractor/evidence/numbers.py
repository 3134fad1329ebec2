"""Amounts, percentages and codes as printed -> exact values, with the repairs that were needed.

What it does: `parse_amount("313. 08")` -> (Decimal("313.08"), ["space inside number"]); thousands
separators, full-width digits (already mapped by normalize), signs, `%`, masked values (`****`).
Also the number shapes the stages match with: NUM (in narrative), LOOSE_NUM (entity shapes),
CELL_NUMBER (a whole cell or word), each written once here.
What it does not: decide what an amount means; recognize/ and structure/ do.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Optional

import regex as re

# A number as it may be printed in narrative: 1,234.56 | 313. 08 | 100 .0 | -5 | 0.5
NUM = r"(?<![\d.])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\s?\.\s?\d+)?(?![\d])"
NUM_RE = re.compile(NUM)
# A number as the entity shapes see it (MONEY, PERCENT, an amount after a project name): digits with
# commas anywhere, a point (full-width too) with spaces beside it
LOOSE_NUM = r"\d[\d,]*(?:\s?[.．]\s?\d+)?"
# A whole cell or page word that is a number: 1,234.56 | 313. 08 | -5 | 12%
CELL_NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\s*\.\s*\d+)?%?$")
# Sums of amounts printed to the cent: each added part may round apart from the printed total by one
# cent, so a sum of n parts is taken to hold within n times this (0.011: a hair over 0.01, so that
# Decimal arithmetic on a cent exactly still passes)
CENT_PER_PART = Decimal("0.011")
_MASK = re.compile(r"^\*{2,}$|^[xX]{3,}$")


_SIMPLE = re.compile(r"^-?\d+(?:\.\d+)?$")
_SPACED = re.compile(r"\d\s+\.|\.\s+\d|\d\s+\d")
_SPACE_IN_NUM = re.compile(r"(?<=[\d.])\s+(?=[\d.])")


def parse_amount(text: str) -> tuple[Optional[Decimal], list[str]]:
    """Parse a printed amount. Returns (value or None, repairs). `None` with no repairs means the
    text is not a number."""
    s = text.strip().strip("\u3000")
    if not s:
        return None, []
    if _SIMPLE.match(s):  # the common case, clean digits
        return Decimal(s), []
    if not any(ch.isdigit() for ch in s):
        return None, []
    repairs: list[str] = []
    compact = s
    if _SPACED.search(s):
        compact = _SPACE_IN_NUM.sub("", s)
        repairs.append("space inside number")
    if not CELL_NUMBER.match(compact):
        return None, []
    if "," in compact:
        compact = compact.replace(",", "")
        repairs.append("thousands separator")
    if compact.endswith("%"):
        compact = compact[:-1]
    try:
        return Decimal(compact.lstrip("+")), repairs
    except InvalidOperation:
        return None, []


def is_masked(text: str) -> bool:
    return bool(_MASK.match(text.strip()))


def to_decimal(text: str) -> Optional[Decimal]:
    value, _ = parse_amount(text)
    return value


def decimals(value: Decimal) -> int:
    exp = value.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0
