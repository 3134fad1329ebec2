"""Pinyin ruby debris: a parenthesised pinyin syllable that a web page printed after a character.

What it does: `strip_pinyin_ruby` removes `(jīng)` from `經(jīng)費(fèi)` and `(wàn)` from `萬(wàn)元` — a
syllable of Latin letters with a tone mark, in ASCII or full-width brackets, right after a Han
character (the page's ruby annotation, which a copy or conversion flattened into the text). It runs
before a line's `orig` is fixed, so a removal changes no offset that anything relies on.
What it does not: remove pinyin without a tone mark (`(de)` could be anything; a ruby syllable
without its tone is not seen in the material), pinyin standing alone, or convert the characters
(traditional.py).
"""
from __future__ import annotations

import regex as re

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# bounded repeats on both sides of the one toned vowel: linear in the line
RUBY = re.compile(rf"(?<=\p{{Han}})[(（][a-zü]{{0,6}}[{_TONED}][a-zü]{{0,6}}[)）]")


def strip_pinyin_ruby(text: str) -> tuple[str, int]:
    """`text` without pinyin ruby, and the number of syllables removed."""
    if "(" not in text and "（" not in text:  # cheap test first: this runs on every line
        return text, 0
    return RUBY.subn("", text)
