"""Two lines of a paragraph a converter printed in the wrong order, put back in order.

What it does: `pdftotext -layout` sorts a page's lines by their height on the page; where a line of
a paragraph sits a little higher than the line before it (its digits in another font, raised), it
prints that line first: `449.52万元。决算数小于预算数的主要原因：…` over `…年初预算为450.52万元，支出决算为`,
whose sentence the amount ends. `swapped(lines)` finds each such pair: a prose line A opening with an
amount and its unit (`449.52万元`, `15.16%`), right above a prose line B that ends on a word an amount
follows (为, 占, 达, 合计, 支出 …) — B's amount is missing, since the line after B (past blank
lines) does not open with a number — and the line before A (past blank lines) does not end on such
a word (A's amount is not that line's); the two stand apart, a blank line above A and below B (the
converter set the crossed lines apart from their paragraph). The pair is then swapped, so B's
sentence gets A's amount.
What it does not: move lines further than one place, touch table lines (B must be prose, with
sentence punctuation) or pairs where the amount could be the line above's.
"""
from __future__ import annotations

from typing import Sequence

import regex as re

_OPENS_AMOUNT = re.compile(r"^\s*-?\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|元|%)")
_WANTS_AMOUNT = re.compile(r"(?:为|占|达到?|合计|共计|总计|支出|收入|拨款)\s*$")
_OPENS_NUMBER = re.compile(r"^\s*-?\d")
_SENTENCE = re.compile(r"[，。；：]")
_MIN_LEN = 12  # a prose line: shorter lines are headings or table cells


def _prev(lines: Sequence[str], i: int) -> str:
    j = i - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    return lines[j] if j >= 0 else ""


def _next(lines: Sequence[str], i: int) -> str:
    j = i + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    return lines[j] if j < len(lines) else ""


def swapped(lines: Sequence[str]) -> list[int]:
    """The indices a of the pairs (a, a + 1) printed in the wrong order, in order, not overlapping."""
    out: list[int] = []
    a = 0
    while a + 1 < len(lines):
        first, second = lines[a], lines[a + 1]
        if (a > 0 and not lines[a - 1].strip() and a + 2 < len(lines) and not lines[a + 2].strip()
                and _OPENS_AMOUNT.match(first) and "\t" not in first and "\t" not in second
                and len(second.strip()) >= _MIN_LEN and _SENTENCE.search(second)
                and _WANTS_AMOUNT.search(second) and not _OPENS_NUMBER.match(_next(lines, a + 1))
                and not _WANTS_AMOUNT.search(_prev(lines, a)) and not _OPENS_NUMBER.match(second)):
            out.append(a)
            a += 2
            continue
        a += 1
    return out
