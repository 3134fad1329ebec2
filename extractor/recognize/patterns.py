"""Shared regular-expression pieces for the narrative recognizers.

What it does: the number, unit and punctuation pieces every pattern is built from.
What it does not: match anything by itself.
"""
from __future__ import annotations

from ..evidence.numbers import NUM

N = f"(?:{NUM})"
WAN = r"\s*(?P<unit>万元|元|亿元)"
SEP = r"[，,、；;]?\s*"
Q_OPEN = "[“\"「『]"
Q_CLOSE = "[”\"」』]"
PCT = r"\s*%"


def num(name: str) -> str:
    return f"(?P<{name}>{NUM})"
