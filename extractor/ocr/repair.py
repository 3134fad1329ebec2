"""Repairs of OCR text in numeric context: letters that look like digits, commas for points.

What it does: in a cell or word that is mostly digits, O/o→0, l/I/|→1, S/s→5, B→8, Z→2, and a
，/。/, between digits with two digits after it (the decimals) → . ; each repair is named so the
Field records it and loses confidence. Text that is not numeric is left alone.
What it does not: fix a lost or doubled decimal point — only a failing check can show that one
(validate/), and the reviewer decides.
"""
from __future__ import annotations

import regex as re

from ..datamodel import Repair

_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "〇": "0", "l": "1", "I": "1", "|": "1", "S": "5", "s": "5",
                            "B": "8", "Z": "2"})
_NUMERICISH = re.compile(r"^[-+]?[\dOolI|SsBZ〇][\dOolI|SsBZ〇,，。.]*%?$")
_DECIMAL_COMMA = re.compile(r"(?<=\d)(?:[，。]|,(?=\d{2}$))(?=\d{2}(?!\d))")


def repair_number(text: str) -> tuple[str, list[Repair]]:
    """`313.O8` -> (`313.08`, [Repair(kind="ocr.lookalike", note="OCR: O read as 0")]) — only when the token is numeric-looking."""
    s = text.strip()
    if "\n" in s or " " in s:
        squeezed = "".join(s.split())
        if sum(ch.isdigit() for ch in squeezed) >= max(1, len(squeezed) * 2 // 3):
            s = squeezed  # one number read as several pieces (a speck, a broken stroke)
    repairs_pre: list[Repair] = []
    if len(s) > 1 and s[-1] in ".。，," and s[:-1].replace(",", "").replace(".", "").isdigit():
        s = s[:-1]  # a speck after the number read as a point — or a lost digit: to be confirmed
        repairs_pre.append(Repair(kind="ocr.mark_dropped", note="OCR: mark after the number dropped",
                                  status="unconfirmed"))
    m = re.match(r"^[A-Za-z'`~_\\/]([\d][\d,.]*)$|^([\d][\d,.]*)[A-Za-z'`~_\\/]$", s)
    if m and len(s) > 2:
        s = m.group(1) or m.group(2)  # a stray mark (seal ink, dirt) beside the number
        repairs_pre.append(Repair(kind="ocr.stray_mark", note="OCR: stray mark beside the number dropped",
                                  status="unconfirmed"))
    if s.count(".") == 2 and re.fullmatch(r"\d+\.\d+\.\d{1,2}", s):
        head, _, tail = s.rpartition(".")
        s = head.replace(".", "") + "." + tail  # a doubled decimal point: the last one kept
        repairs_pre.append(Repair(kind="ocr.doubled_point", note="OCR: doubled decimal point", status="unconfirmed"))
    if not s or not _NUMERICISH.match(s) or sum(ch.isdigit() for ch in s) < max(1, len(s) // 2):
        return (s, repairs_pre) if repairs_pre else (text, [])
    repairs: list[Repair] = list(repairs_pre)
    fixed = s.translate(_LOOKALIKE)
    if fixed != s:
        changed = sorted({a for a, b in zip(s, fixed) if a != b})
        repairs.append(Repair(kind="ocr.lookalike",
                              note="OCR: " + ", ".join(f"{a} read as {a.translate(_LOOKALIKE)}" for a in changed)))
    fixed2 = _DECIMAL_COMMA.sub(".", fixed)
    if fixed2 != fixed:
        repairs.append(Repair(kind="ocr.decimal_comma", note="OCR: comma read as decimal point"))
    return fixed2, repairs


_HALF_PARENS = re.compile(r"\((?=[\p{Han}\d]{0,12}[)）])|(?<=[(（]\s*[\p{Han}\d]{0,12})\)")


def repair_brackets(text: str) -> str:
    """Half-width brackets around Chinese words (OCR reads （境） as (境)) made full-width again."""
    return _HALF_PARENS.sub(lambda m: "（" if m.group(0) == "(" else "）", text)


def repair_line(text: str) -> tuple[str, list[Repair]]:
    """Numeric words inside a narrative line (between spaces or before 万元/元/%); half-width
    brackets around Chinese words made full-width again."""
    repairs: list[Repair] = []
    text = repair_brackets(text)

    def fix(m):
        new, rep = repair_number(m.group(0))
        repairs.extend(rep)
        return new

    out = re.sub(r"(?<![\p{Han}A-Za-z])[\dOolI|SB〇][\dOolI|SB〇,，。.]*\d(?=\s*(?:万元|元|%|％|\s|$|[，。；]))", fix, text)
    return out, repairs


_NUMERALS = "一二三四五六七八九十"
_ORDINAL_MARKED = re.compile(rf"^\s*([{_NUMERALS}]{{1,3}})[、.．]")
_ORDINAL_BARE = re.compile(rf"^\s*([{_NUMERALS}]{{1,3}})(?=\p{{Han}})")


def _numeral_value(s: str) -> int:
    """一..九十九 as an int (0 when it is not a plain numeral)."""
    digits = {ch: i for i, ch in enumerate(_NUMERALS[:9], start=1)}
    if s == "十":
        return 10
    if "十" in s:
        head, _, tail = s.partition("十")
        return digits.get(head, 1 if not head else 0) * 10 + digits.get(tail, 0)
    return digits.get(s, 0) if len(s) == 1 else 0


def repair_ordinals(column: list[str]) -> dict[int, tuple[str, Repair]]:
    """Item numbers in one table column whose 、 OCR dropped (`二社会保障…` between `一、…` and
    `三、…`): {row index: (repaired text, repair note)}. Only where a neighbouring row of the column
    carries the number before or after it, and never for 一, so a name that starts with a numeral
    (一般…) is kept."""
    marked = {}
    for i, text in enumerate(column):
        m = _ORDINAL_MARKED.match(text or "")
        if m:
            marked[i] = _numeral_value(m.group(1))
    out = {}
    for i, text in enumerate(column):
        if i in marked:
            continue
        m = _ORDINAL_BARE.match(text or "")
        if not m:
            continue
        n = _numeral_value(m.group(1))
        before = next((marked[j] for j in range(i - 1, -1, -1) if j in marked), None)
        after = next((marked[j] for j in range(i + 1, len(column)) if j in marked), None)
        if n >= 2 and (before == n - 1 or after == n + 1):  # 一 starts too many names (一般…)
            out[i] = (text[:m.end()] + "、" + text[m.end():],
                      Repair(kind="ocr.ordinal_mark", note="OCR: 、 after the item number restored"))
    return out
