"""Traditional Chinese characters read as Simplified, one character for one.

What it does: `to_simplified(line)` gives the Simplified form of a line that holds Traditional
characters (公務用車購置費 -> 公务用车购置费) with exactly the same length, so a normalized line's
`text` (for matching and the catalogue) and `orig` (as printed) share their offsets. The conversion
is OpenCC's `t2s` (the `opencc` package; its dictionaries ship inside the wheel, nothing is fetched
at run time): the line is converted with OpenCC's phrases, and where that changes the length or moves
a character that is no Han character, character by character instead (OpenCC's own single-character
table). A line is converted only when it holds a character that is Traditional without doubt — one
whose Simplified form OpenCC maps back to it (經, 費, 萬); characters that are also written in
Simplified text (著, 乾, 係, 台) never make a line Traditional. `may_hold_traditional` is the cheap
test a whole document passes first (a few dozen frequent Traditional-only characters, no OpenCC):
Simplified reports never load OpenCC at all.
What it does not: remove the pinyin ruby web pages leave after characters (ruby.py), convert
Simplified to Traditional, or change anything but Han characters (digits, punctuation, Latin letters
stay as they are).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

# Frequent characters of Traditional print that Simplified text never uses (each one checked against
# OpenCC's tables in tests/test_converted_noise.py): a document holding none of them is not converted.
HINTS = frozenset("經費務車購預數資與個們這說會國關區縣實際報門單計劃應項額財撥補貼專設機構決總結餘"
                  "開發營運維護標準規衛醫療險養職處級歲學術體導線網電話請讓認證議記錄場戶權稅辦稱價選類條"
                  "陽現達過還進遠邊連匯對從時當後無")

# Han blocks whose characters OpenCC may map: URO, extension A, compatibility ideographs
_HAN_RANGES = ((0x4E00, 0xA000), (0x3400, 0x4DC0), (0xF900, 0xFB00))


def may_hold_traditional(texts: Iterable[str]) -> bool:
    """Cheap first test for a document: does any text hold one of the frequent Traditional-only
    characters?"""
    return not HINTS.isdisjoint("".join(texts))


@lru_cache(maxsize=1)
def _tables():
    """OpenCC's t2s converter, its single-character map (Traditional -> Simplified, only where the
    result is one character) and the set of characters that are Traditional without doubt. Built
    once per process (about 40 ms), the first time a document passes `may_hold_traditional`."""
    import opencc  # loaded only for documents that may hold Traditional characters

    t2s = opencc.OpenCC("t2s")
    s2t = opencc.OpenCC("s2t")
    chars = [chr(c) for lo, hi in _HAN_RANGES for c in range(lo, hi)]
    # one character per line: OpenCC's phrases never span a line break, so this is its character table
    simple = t2s.convert("\n".join(chars)).split("\n")
    if len(simple) != len(chars):  # pragma: no cover - OpenCC keeps line breaks
        raise RuntimeError("OpenCC changed the number of lines of its character table")
    char_map = {a: b for a, b in zip(chars, simple) if a != b and len(b) == 1}
    back = s2t.convert("\n".join(char_map.values())).split("\n")
    certain = frozenset(a for a, b in zip(char_map, back) if a == b)
    return t2s, str.maketrans(char_map), char_map, certain


def holds_traditional(text: str) -> bool:
    """Does the line hold a character that is Traditional without doubt?"""
    return not _tables()[3].isdisjoint(text)


def to_simplified(text: str) -> str:
    """The Simplified form of `text`, of the same length; `text` itself when it holds no character
    that is Traditional without doubt."""
    t2s, table, _, certain = _tables()
    if certain.isdisjoint(text):
        return text
    phrased = t2s.convert(text)
    # phrases are kept where they change Han characters only, each in its place
    if len(phrased) == len(text) and all(a == b or (_han(a) and _han(b)) for a, b in zip(text, phrased)):
        return phrased
    return text.translate(table)


def _han(ch: str) -> bool:
    c = ord(ch)
    return any(lo <= c < hi for lo, hi in _HAN_RANGES)
