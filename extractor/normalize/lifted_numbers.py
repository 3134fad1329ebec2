"""Numbers a converter lifted out of their sentence onto the line below.

What it does: where a report prints its digits in another font than its Chinese text (a Word
document with Times New Roman digits beside 仿宋), pdfplumber (and other converters that group
characters into lines by their height) put the digits on a line of their own under the sentence,
leaving a space where each stood: `本年收入合计 万元，其中：财政拨款收入 万元，占 ；其他` over `2946.25
2940.05 99.79%`. `restore(lines)` puts them back: a sentence line (Chinese with sentence
punctuation) whose gaps — a space between Chinese characters or punctuation, or the start of a line
opening with `、` (its item number stood there) or with a unit (`万元，支出决算为 万元。`) — are exactly as many as the numbers on the line right after
it (or, with a stray space too, the gaps a unit such as 万元 follows are), that line holding numbers only, gets each number in its gap, in order; the numbers' line is then
dropped. It returns the indices it merged into and the ones it dropped.
What it does not: guess when the counts differ (both lines stay as printed), touch table lines
(no sentence punctuation) or lines of numbers that follow anything but such a sentence.
"""
from __future__ import annotations

from typing import Sequence

import regex as re

_NUMBERS = re.compile(r"^\s*(?:-?\d[\d,]*(?:\.\d+)?%?)(?:\s+-?\d[\d,]*(?:\.\d+)?%?)*\s*$")
_GAP = re.compile(r"(?<=[\p{Han}，。；：、）%])[ \u3000](?=[\p{Han}，。；：、（])")
_SENTENCE = re.compile(r"[，。；：]")
_LEAD = re.compile(r"^\s*(?=、|万元|亿元|%)")  # a line opening where its number stood (a bare 元
# opening a line is the end of the 万 above it)
_UNIT_AFTER = re.compile(r"\s*(?:万元|亿元|元|%|个|人|辆|次|家|倍)")
_ITEM = re.compile(r"^\d{1,2}$")
_MIN_LEN = 6  # a sentence line: shorter lines are headings or table cells


def _gaps(text: str) -> list[tuple[int, int]]:
    """(start, end) of each gap in the sentence: a lone `、` opening the line is a gap of width 0."""
    out = [(m.start(), m.end()) for m in _GAP.finditer(text)]
    lead = _LEAD.match(text)
    if lead:
        out.insert(0, (lead.end(), lead.end()))
    return out


def _fill(text: str, gaps: list[tuple[int, int]], numbers: list[str]) -> str:
    out, last = [], 0
    for (a, b), num in zip(gaps, numbers):
        out.append(text[last:a])
        out.append(num)
        last = b
    out.append(text[last:])
    return "".join(out)


def restore(lines: list[str]) -> tuple[dict[int, str], set[int]]:
    """{index: the sentence with its numbers back} and the indices of the numbers' lines to drop."""
    merged: dict[int, str] = {}
    dropped: set[int] = set()
    for j in range(1, len(lines)):
        nums_line = lines[j]
        first = nums_line[:1]  # cheap test first: this runs on every line
        if not (first.isdigit() or first == "-" or first == " ") or j - 1 in dropped:
            continue
        if not _NUMBERS.match(nums_line):
            continue
        i = j - 1
        text = lines[i]
        numbers = nums_line.split()
        item = len(numbers) == 1 and _ITEM.match(numbers[0]) and text.lstrip().startswith("、")
        if len(text.strip()) < _MIN_LEN or not (item or _SENTENCE.search(text)):
            continue
        gaps = _gaps(text)
        if len(gaps) != len(numbers):  # a stray space as well: the gaps a unit follows
            gaps = [g for g in gaps if _UNIT_AFTER.match(text, g[1])]
        if not gaps or len(gaps) != len(numbers):
            continue
        merged[i] = _fill(text, gaps, numbers)
        dropped.add(j)
    return merged, dropped


def merge_all(lines: Sequence[str]) -> tuple[list[str], set[int], int]:
    """The lines with the lifted numbers back in their sentences, the indices to drop, and how many
    sentences got their numbers back."""
    out = list(lines)
    merged, dropped = restore(out)
    for i, t in merged.items():
        out[i] = t
    return out, dropped, len(merged)
