"""Rows of a `-layout` table printed over several lines, each cell at its own height, put back on one line.

What it does: `pdftotext -layout` prints a ruled table whose cells sit at different heights in
their row (amounts high, codes in the middle, names low; or a label cell two lines high beside a
one-line amount) as a row over two to four lines: the row's amounts on a line of their own above
it, its codes on the next line, its names (and a second side's 款 part) on the line below,
a name broken in its cell continued on a further line:

                            262.33                                   21.21
    301    01                              302
                基本工资                              01   办公费

`unstagger(texts, start, end)` reads the lines of one table's body (their texts; the header above
`start`) and gives the body's texts with each such row on its anchor line (the line that starts the
row: a code, an ordinal label 一、, a 合计 / 总计 label) and the row's other lines made blank, every
word kept at its printed position (a name's continuation under a name is appended to it), so the
readers of one-line rows (spaced_rows.py, spaced_sides.py) read them; or None when the body is not
of this shape or any row of it cannot be put together for certain. Which row a line of amounts
belongs to is not printed: it is taken to be the row below only where the table shows it — the
first such line stands right under the header, or under a row whose cells in those columns are
filled — and every such line of the table can go down (the row below it starts a row and leaves its
columns empty), else the table is left as printed. The header's last line (类 款 项) may stand between
the first row's amounts and its label. Amounts are those printing decimals (a lone integer may be a
column number or a wrapped digit); a name's continuation is a short piece (no ordinal) under it.
What it does not: read the rows (the readers do), or join rows printed in any other order (a row's
amounts centred between two pieces of its name are spaced_rows.py's).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional, Sequence

import regex as re

from ..datamodel import NLine
from .spaced_text import after_title, ends_table

_WORD = re.compile(r"\S+(?: \S+)*")  # a cell's words: runs of text split by two or more spaces
_AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$")
_CODE = re.compile(r"^(?:\d{3}|\d{5}|\d{7})$")
_PART = re.compile(r"^\d{2}$")
_ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")
_TOTAL = re.compile(r"(?:合计|总计)$")
_HAN = re.compile(r"\p{Han}")
_LEVELS = re.compile(r"^\s*[类款项](?:\s+[类款项])*\s*$")
_MAX_PIECE = 8  # characters of a name's piece continued on a line of its own (a longer line is a label)

Word = tuple[str, int, int]  # text, start, end


def _words(text: str) -> list[Word]:
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def _amounts_only(text: str) -> bool:
    parts = text.split()
    return bool(parts) and all(_AMOUNT.match(p) for p in parts)


def _row_start(text: str) -> bool:
    """The line opens a row: its first word is a subject code, an ordinal label or a total's label."""
    ws = _words(text)
    if not ws:
        return False
    first = ws[0][0].split()[0]
    return bool(_CODE.match(first) or _ORDINAL.match(first) or _TOTAL.search(ws[0][0]))


def _continues(text: str) -> bool:
    """A line that goes on the row above: name pieces and code parts, no amount, no row's start."""
    parts = text.split()
    return bool(parts) and not any(_AMOUNT.match(p) for p in parts) and not _row_start(text)


def _overlaps(a: Word, b: Word) -> bool:
    return a[1] < b[2] and b[1] < a[2]


def _code_without_name(text: str) -> bool:
    """A line with a subject code (and perhaps its 款 part) that no name follows: the name is elsewhere."""
    parts = text.split()
    for k, p in enumerate(parts):
        if _CODE.match(p):
            nxt = parts[k + 1:k + 3]
            if nxt and _PART.match(nxt[0]):
                nxt = nxt[1:]
            if not nxt or _CODE.match(nxt[0]) or _AMOUNT.match(nxt[0]):
                return True
    return False


def _part_alone(text: str) -> bool:
    """A line holding a lone 款 part (`07`) among name pieces: a code printed apart from its row's line."""
    return any(_PART.match(p) for p in text.split())


def _merge(lines: Sequence[tuple[str, str]]) -> Optional[tuple[str, str]]:
    """The words of a row's lines (text, orig: of equal length) on one line, at their printed
    positions; a text word under a text word it overlaps continues it. None when two words collide
    otherwise."""
    placed: list[list] = []  # [text, orig, start, end]
    for text, orig in lines:
        for w, s, e in _words(text):
            o = orig[s:e]
            hit = [p for p in placed if p[2] < e and s < p[3]]
            if not hit:
                placed.append([w, o, s, e])
                continue
            if len(hit) > 1 or not _HAN.search(w) or not _HAN.search(hit[0][0]) or _AMOUNT.match(w) or (
                    len(w.replace(" ", "")) > _MAX_PIECE or _ORDINAL.match(w)):
                return None  # no piece of the name above: another row's label, or a collision
            if " " in hit[0][0]:  # a name printed with its characters spaced out goes on so
                hit[0][0], hit[0][1] = hit[0][0] + " " + w, hit[0][1] + " " + o
            else:
                hit[0][0] += w.replace(" ", "")
                hit[0][1] += "".join(c for c, t in zip(o, w) if t != " ")
            hit[0][3] = max(hit[0][3], e)
    placed.sort(key=lambda p: p[2])
    text_out = orig_out = ""
    for w, o, s, _e in placed:
        at = max(s, len(text_out) + 2) if text_out else s
        text_out += " " * (at - len(text_out)) + w
        orig_out += " " * (at - len(orig_out)) + o
    return text_out, orig_out


def _spaced(texts: Sequence[str]) -> bool:
    """Text that keeps the page's positions (`-layout`): most lines of several words part them by
    runs of spaces."""
    many = [t for t in texts if len(t.split()) > 1]
    return bool(many) and sum(1 for t in many if "   " in t.strip()) * 5 >= len(many) * 4


def unstagger(texts: Sequence[str], start: int, end: int,
              origs: Optional[Sequence[str]] = None) -> Optional[list[tuple[str, str]]]:
    """texts[start:end] (a table's body) with each row printed over several lines put on its anchor
    line and its other lines blank, as (text, orig) pairs (`origs`: the printed lines, of the texts'
    lengths); None when the body is not of that shape or not certain."""
    body = list(texts[start:end])
    prints = list(origs[start:end]) if origs is not None else body
    n = len(body)
    if not _spaced(body):
        return None
    anchors = [k for k in range(n) if _row_start(body[k])]
    if len(anchors) < 3:
        return None
    out = list(zip(body, prints))
    changed = 0
    proven = False
    prev_cols: list[Word] = []  # the cells of the row above (merged), to prove a line's direction
    seen_row = False
    k = 0
    while k < n:
        if not body[k].strip():
            k += 1
            continue
        # a stack of amount lines, then the row they go down to
        stack = []
        j = k
        while j < n and _amounts_only(body[j]):
            stack.append(j)
            j += 1
        while stack and not seen_row and j < n and _LEVELS.match(body[j]):
            j += 1  # the header's last line (类 款 项) printed between the first row's amounts and its label
        if stack:
            if j >= n or not _row_start(body[j]):
                return None  # amounts that cannot go down: not this shape (or not certain)
            below = _words(body[j])
            amts = [w for s in stack for w in _words(body[s])]
            if any(_overlaps(a, b) for a in amts for b in below):
                return None
            if not seen_row or (prev_cols and all(any(_overlaps(a, p) and _AMOUNT.match(p[0]) for p in prev_cols)
                                                  for a in amts)):
                proven = True
        elif not _row_start(body[k]):
            if not seen_row:
                return None  # the body opens with a line that starts no row
            k += 1  # a line of the row above left as it is (a name piece of a row not staggered)
            continue
        anchor = j if stack else k
        group = stack + [anchor]
        m = anchor + 1
        while m < n and _continues(body[m]):
            group.append(m)
            m += 1
        needs = bool(stack) or (len(group) > 1 and (_code_without_name(body[anchor])
                                                    or any(_part_alone(body[g]) for g in group[1:])))
        if needs:
            merged = _merge([(body[g], prints[g]) for g in group])
            if merged is None:
                return None
            for g in group:
                out[g] = ("", "")
            out[anchor] = merged
            changed += 1
            prev_cols = _words(merged[0])
        else:
            prev_cols = _words(body[anchor])
        seen_row = True
        k = m
    if not changed or not proven:
        return None
    return out


_LOOKAHEAD = 30  # lines from a table's first line after its title to its first row (a header)
_MAX_BODY = 600  # lines of one table's body
_CACHE: tuple = (None, {})  # (the lines list last asked about, {index: answer}), as spaced_text's after_title


def unstaggered(lines: Sequence[NLine], i: int) -> Optional[list[NLine]]:
    """The document's lines with the body of the table whose header starts at lines[i] (right after
    its title) put one row a line (`unstagger`), every other line as it was; None when that table is
    not of the shape. A merged line keeps the provenance of the row's anchor line."""
    global _CACHE
    cache = _CACHE
    if cache[0] is not lines:
        cache = _CACHE = (lines, {})
    if i not in cache[1]:
        cache[1][i] = _unstaggered(lines, i)
    return cache[1][i]


def _unstaggered(lines: Sequence[NLine], i: int) -> Optional[list[NLine]]:
    if not after_title(lines, i):
        return None
    n = len(lines)
    first = None
    for j in range(i, min(i + _LOOKAHEAD, n)):
        t = lines[j].text
        if "\t" in t or "|" in t or ends_table(lines[j]):
            return None
        if _row_start(t) or _amounts_only(t):
            first = j
            break
    if first is None:
        return None
    end = first
    while end < min(n, first + _MAX_BODY) and "\t" not in lines[end].text and not ends_table(lines[end]):
        end += 1
    texts = [ln.text for ln in lines[first:end]]
    if len(lines[first:end]) != len(texts) or any(len(ln.orig) != len(ln.text) for ln in lines[first:end]):
        return None
    got = unstagger(texts, 0, len(texts), [ln.orig for ln in lines[first:end]])
    if got is None:
        return None
    out = list(lines)
    for k, (text, orig) in enumerate(got):
        ln = lines[first + k]
        if text != ln.text:
            out[first + k] = replace(ln, text=text, orig=orig)
    return out
