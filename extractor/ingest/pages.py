"""Page numbers in words: 1-3, 5 for messages about pages.

What it does: `page_ranges([1, 2, 3, 5])` -> "1-3, 5".
What it does not: anything else.
"""
from __future__ import annotations


def page_ranges(nums: list[int]) -> str:
    out = []
    start = prev = None
    for n in sorted(nums):
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            out.append(f"{start}-{prev}" if start != prev else str(start))
            start = prev = n
    if start is not None:
        out.append(f"{start}-{prev}" if start != prev else str(start))
    return ", ".join(out)
