"""Masked non-breaking spaces: `*****;` where an aggregator site masked the `&nbsp` of `&nbsp;`.

What it does: `unmask_nbsp` turns each `*****;` into the space it stood for (`目*****;*****;录` ->
`目  录`, `第一部分*****;乐东…` -> `第一部分 乐东…`), before a line's `orig` is fixed.
What it does not: touch masked values (`*****` in a cell, `****年` for a year): those stay as printed,
and evidence/numbers.is_masked records them as masked, never as numbers.
"""
from __future__ import annotations

NBSP_MASK = "*****;"


def unmask_nbsp(text: str) -> tuple[str, int]:
    """`text` with each masked `&nbsp;` turned back into a space, and how many there were."""
    if NBSP_MASK not in text:
        return text, 0
    return text.replace(NBSP_MASK, " "), text.count(NBSP_MASK)
