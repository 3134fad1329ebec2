"""Chinese numerals of headings and list items: 1..99 written (`cn_num`) and read back (`cn_value`).

Not amounts (amounts.py) and not the headings themselves (the report kinds write those).
"""
from __future__ import annotations


CN_DIGITS = "零一二三四五六七八九"
CN_VALUE = {c: i for i, c in enumerate(CN_DIGITS)}


def cn_num(n: int) -> str:
    """1..99 as Chinese numerals (一, 十, 十一, 二十, 二十六…)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CN_DIGITS[tens]
    return head + "十" + (CN_DIGITS[ones] if ones else "")


def cn_value(s: str) -> int:
    """一 .. 九十九 as an int (inverse of cn_num)."""
    if "十" not in s:
        return CN_VALUE[s]
    tens, _, ones = s.partition("十")
    return (CN_VALUE[tens] if tens else 1) * 10 + (CN_VALUE[ones] if ones else 0)
