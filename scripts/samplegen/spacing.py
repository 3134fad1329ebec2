"""Runs of blank lines between the blocks of a report's text, drawn from the report's random stream.

Nothing else: the blocks themselves are written by the report kinds.
"""
from __future__ import annotations

import random


def blank_lines(rng: random.Random, lo: int = 1, hi: int = 6) -> list[str]:
    return [""] * rng.randint(lo, hi)
