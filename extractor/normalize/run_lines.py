"""Text printed one font run per line, its blocks parted by lines holding a single space.

What it does: some PDFs write every run of text in its own text object (the digits of `2026` apart
from `年度收支预算总表`, each `、` `：` `（` apart from the words around it), and pypdf prints each
object on a line of its own and a line holding one space where a block (a paragraph, a table cell)
ends: `单位` / `：` / `万元` / ` ` / `收入` / ` ` / `一` / `、` / `一般公共预算拨款收入` / ` ` / `6053.42`.
`is_run_text` tells such text (many lines holding one space, many holding one punctuation mark
alone: no other converter output looks so); `join_runs` joins each block's lines into its first
line (`单位：万元`, `一、一般公共预算拨款收入`) — no space between two runs, but one between two runs
of Latin letters or digits — and makes each space line blank; a page's number, run into the block
after it, is dropped (`_page_numbers`). Tables come out one cell per line
with blank lines between (the stream readers read them), paragraphs one line each.
What it does not: touch text of any other shape, or split a block (a cell broken over lines is one
block here, `事业单位经营` / `支出` -> `事业单位经营支出`).
"""
from __future__ import annotations

from typing import Sequence

_PUNCT = frozenset("、，。：；（）“”《》:;,()")
_MIN_SPACE_LINES = 0.2  # share of the lines that hold only spaces
_MIN_PUNCT_LINES = 0.05  # share of the lines that hold one punctuation mark alone
_MIN_LINES = 50
_MAX_PAGE_DIGITS = 4
_AFTER_NUMBER = frozenset("、.．)）年月日%")  # a number these follow is an item number or a date


def _space_line(text: str) -> bool:
    return bool(text) and not text.strip()


def is_run_text(texts: Sequence[str]) -> bool:
    n = len(texts)
    if n < _MIN_LINES:
        return False
    spaces = sum(1 for t in texts if t and t.isspace())
    if spaces < _MIN_SPACE_LINES * n:
        return False  # (most text: the second count is not needed)
    marks = sum(1 for t in texts if t.strip() in _PUNCT and len(t.strip()) == 1)
    return marks >= _MIN_PUNCT_LINES * n


def _glue(a: str, b: str) -> str:
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return " "
    return ""


def _page_numbers(texts: Sequence[str]) -> set[int]:
    """Indices of page numbers run into the block after them (`7` / `三` / `、` / `支出预算总表`: the
    page's number is its first run): a number alone on the first line of a block, the next run not
    an item mark or a date (`1` `、`, `2026` `年`), that counts up with the one before or after it
    (one page on, or two where a page's number opened no block)."""
    cands: list[tuple[int, int]] = []
    n = len(texts)
    for k in range(n - 1):
        t = texts[k].strip()
        if not (t.isdigit() and len(t) <= _MAX_PAGE_DIGITS) or (k and texts[k - 1].strip()):
            continue
        nxt = texts[k + 1].strip()
        if nxt and nxt[0] not in _AFTER_NUMBER:
            cands.append((k, int(t)))
    out = set()
    for c, (k, v) in enumerate(cands):
        before = cands[c - 1][1] if c else None
        after = cands[c + 1][1] if c + 1 < len(cands) else None
        if (before is not None and 1 <= v - before <= 2) or (after is not None and 1 <= after - v <= 2):
            out.add(k)
    return out


def join_runs(texts: Sequence[str]) -> tuple[list[str], list[int], int]:
    """The texts with each block's lines joined into its first line (the others left empty) and
    space lines made blank; the indices of the lines joined into another or dropped as page numbers
    (to drop), and how many blocks were joined."""
    out = list(texts)
    dropped = sorted(_page_numbers(out))
    for k in dropped:
        out[k] = ""
    joined = 0
    k, n = 0, len(out)
    while k < n:
        if not out[k].strip():
            if _space_line(out[k]):
                out[k] = ""
            k += 1
            continue
        first, text = k, out[k].strip()
        k += 1
        while k < n and out[k].strip():
            piece = out[k].strip()
            text += _glue(text, piece) + piece
            out[k] = ""
            dropped.append(k)
            k += 1
        if k - first > 1:
            joined += 1
        out[first] = text
    return out, dropped, joined
