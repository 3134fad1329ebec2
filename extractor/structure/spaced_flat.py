"""公开09表 and budget 三公 tables printed by PDF text extractors: a header tree of several lines, then
one line of amounts (`60.26 0 34.08 0 34.08 26.18 55.07 0 33.57 0 33.57 21.5`).

What it does: after such a table's title, finds the line of amounts (a 栏次 line of numbers 1 2 3 …
before it is skipped) and makes a GridBlock of the shape tables.py reads for `flat_values`: the
standard header tree of the 三公 table whose column count matches the amounts and whose labels the
printed header's characters cover (header words broken over lines are common), then the row of
amounts. Without a matching standard header, columns are named 列N and every amount carries an
unconfirmed `layout.column_guess` repair (to review); so does every amount of a line that prints
fewer amounts than the header has columns (a blank cell absent: nothing says which).
What it does not: read subject rows (spaced_rows), side-by-side blocks (spaced_sides) or groups
(spaced_groups); tables with more than one row of amounts.
"""
from __future__ import annotations

from collections import Counter
from typing import Optional, Sequence

from ..datamodel import Cell, GridBlock, NLine
from .spaced_text import SENTENCE, amount_cell, is_amount, text_cell, tokens
from .text_tables import with_report

_LOOKAHEAD = 24  # header lines (pypdf prints broken header words on lines of their own)
_CAR_LONG = ("公务用车购置及运行维护费", ("小计", "公务用车购置费", "公务用车运行维护费"))
_CAR_SHORT = ("公务用车购置及运行费", ("小计", "购置费", "运行费"))


def _three_public(car: tuple[str, tuple[str, ...]]) -> list[tuple[str, tuple[str, ...]]]:
    """The 三公 columns: (label, sub-labels) in printed order."""
    return [("合计", ()), ("因公出国（境）费", ()), car, ("公务接待费", ())]


# (top labels over repeated blocks, block columns)
STANDARD: list[tuple[tuple[str, ...], list[tuple[str, tuple[str, ...]]]]] = [
    (("预算数", "决算数"), _three_public(_CAR_LONG)),
    (("预算数", "决算数"), _three_public(_CAR_SHORT)),
    ((), _three_public(_CAR_LONG)),
    ((), _three_public(_CAR_SHORT)),
]


def _width(block: list[tuple[str, tuple[str, ...]]]) -> int:
    return sum(max(1, len(subs)) for _, subs in block)


def _covers(text: str, labels: Sequence[str]) -> bool:
    have, need = Counter(text), Counter("".join(labels))
    return all(have[ch] >= c for ch, c in need.items())


def _lanci(words: list[str]) -> bool:
    return len(words) >= 2 and all(w.isdigit() for w in words) and [int(w) for w in words] == list(
        range(1, len(words) + 1))


def _amount_line(line: NLine) -> Optional[list[str]]:
    t = line.text
    if "\t" in t or "|" in t or len(t) > 300 or SENTENCE.search(t):
        return None
    words = [w for w, _, _ in tokens(t)]
    if len(words) >= 2 and all(is_amount(w) for w in words) and not _lanci(words):
        return words
    return None


def first_row(lines: Sequence[NLine], i: int) -> Optional[int]:
    for j in range(i, min(i + _LOOKAHEAD, len(lines))):
        if SENTENCE.search(lines[j].text):
            return None
        if _amount_line(lines[j]) is not None:
            return j
    return None


def _header(header_text: str, n: int) -> Optional[list[list[str]]]:
    """The standard header rows (full width, '' under a spanning label) for n columns, if any fits."""
    for tops, block in STANDARD:
        copies = max(1, len(tops))
        if _width(block) * copies != n:
            continue
        printed = [word for lab, subs in block for word in (lab, *subs)]
        if not _covers(header_text, list(tops) + printed * copies):
            continue
        rows: list[list[str]] = []
        width = _width(block)
        if tops:
            rows.append([c for top in tops for c in [top] + [""] * (width - 1)])
        mid: list[str] = []
        low: list[str] = []
        for lab, subs in block:
            mid += [lab] + [""] * (max(1, len(subs)) - 1)
            low += list(subs) if subs else [""]
        rows += [mid * copies, low * copies]
        return rows
    return None


def read_flat(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    first = first_row(lines, i)
    if first is None:
        return None, i + 1
    header = [ln for ln in lines[i:first] if ln.text.strip() and not _lanci([w for w, _, _ in tokens(ln.text)])]
    header_text = "".join("".join(ln.text.split()) for ln in header)
    words = _amount_line(lines[first]) or []
    lanci_line = next((ln for ln in lines[i:first] if _lanci([w for w, _, _ in tokens(ln.text)])), None)
    n = max(len(words), len(tokens(lanci_line.text)) if lanci_line else 0)
    rows = _header(header_text, n)
    doubt = None
    if rows is None:
        rows = [[f"列{c + 1}" for c in range(n)]]
        if n > 1:
            doubt = "column uncertain: the header matches none of the standard 三公 headers"
    if len(words) < n:
        doubt = "column uncertain: the line prints fewer amounts than the table has columns"
    at = lines[i]
    line = lines[first]
    grid: list[list[Cell]] = [[text_cell(at, c) for c in r] for r in rows]
    values = [amount_cell(line, w, doubt) for w in words] + [text_cell(line, "") for _ in range(n - len(words))]
    grid.append(values)
    return with_report(GridBlock(rows=grid, first_line=lines[i].no, last_line=line.no, method="spaced")), first + 1
