"""A 序号 column in converted text: the row numbers printed before each row's cells.

What it does: `row_number_spans` finds a header line opening with 序号 (or 号, under a line of 序 alone: the word
set in two lines of a tall cell) and naming more columns after it (a table whose first column numbers its rows: Xi'an's budgets print `序号 功能科目编码 功能科目名称
合计 …` over `1 合计 …`, `2 205 教育支出 …`), and on the lines after it the numbers 1, 2, 3 … opening
the rows in turn (lines between them — a name broken over lines — are let be, up to a few; a page's
furniture — the table's code, title and unit line printed again over its next page, as often as a
converter repeats them — does not count); it gives, per line, the span of the 序号 word or of the row's number. `blank_spans`
turns those spans into spaces, one character for one, so a row reads as a code, a name and amounts
do in the spaced readers (otherwise `2 205 教育支出` is read as a name). The printed text, numbers
and all, stays the line's `orig`.
What it does not: touch a run that is not numbered 1, 2, 3 … from its first row (at least two rows),
a header with 序号 alone on its line (cells one per line), or tables as the PDF route reads them
(there the 序号 column is a text value: structure/tables.py).
"""
from __future__ import annotations

from typing import Sequence

import regex as re

from ..evidence.printed import TITLE_END, is_table_preamble

_HEADER = re.compile(r"^[ \t\u3000]*(序[ \t\u3000]?号)(?=[ \t\u3000]+\S)")
# 序号 set in two lines of a tall header cell: `序` alone, then `号 功能科目编码 功能科目名称 …`
_XU = re.compile(r"^[ \t\u3000]*(序)[ \t\u3000]*$")
_HAO = re.compile(r"^[ \t\u3000]*(号)(?=[ \t\u3000]+\S)")
_ROW = re.compile(r"^[ \t\u3000]*(\d{1,4})(?=[ \t\u3000]+\S)")
_GAP = 4  # lines of text that may stand between two numbered rows


def _furniture(text: str) -> bool:
    """A line a page prints over a table continued on it: the table's code, title or unit line
    (`表5`, `…支出明细表（按功能科目分）`, `金额单位：元`), however often a converter repeats it."""
    t = text.strip()
    return len(t) <= 60 and bool(is_table_preamble(t) or TITLE_END.search(t))


def row_number_spans(texts: Sequence[str]) -> dict[int, tuple[int, int]]:
    """Line index -> (start, end) of the 序号 word or the row number to blank."""
    out: dict[int, tuple[int, int]] = {}
    i = 0
    while i < len(texts):
        m = _HEADER.match(texts[i])
        spans = {}
        if m is None and i + 1 < len(texts) and _XU.match(texts[i]):
            m = _HAO.match(texts[i + 1])  # 序 above, 号 opening the header's line
            if m is not None:
                spans[i] = _XU.match(texts[i]).span(1)
                i += 1
        if m is None:
            i += 1
            continue
        spans[i] = m.span(1)
        expect, gap, last = 1, 0, i
        j = i + 1
        while j < len(texts) and gap <= _GAP:
            r = _ROW.match(texts[j])
            if r is not None and int(r.group(1)) == expect:
                spans[j] = r.span(1)
                expect += 1
                gap = 0
                last = j
            elif texts[j].strip():
                if _HEADER.match(texts[j]):
                    break  # the next table's header
                if not _furniture(texts[j]):
                    gap += 1
            j += 1
        if expect > 2:
            out.update(spans)
            i = last + 1
        else:
            i += 1
    return out


def blank_spans(text: str, span: tuple[int, int]) -> str:
    start, end = span
    return text[:start] + " " * (end - start) + text[end:]
