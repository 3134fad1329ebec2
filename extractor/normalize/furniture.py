"""Page furniture in converted text: what a page prints besides its content.

What it does: recognises a page-number line (`第 3 页 共 20 页`, `第 2 页,共 46 页`, `共 20 页 第 3 页`,
`- 12 -`, `— 12 —`, `3/20`) as a line to drop (`is_page_line`); cuts such a `第 N 页 共 M 页` run into
a line of text (`支 第 2 页,共 46 页 出 总 计` -> `支 出 总 计`, as an XLS rendered on one line has it)
out of that line (`cut_inline_page_marks`); removes the form feeds pdftotext writes between pages
(`strip_form_feeds`), and finds the running headers and footers around them: a short line printed
at the top (or bottom) of two or more pages after (before) a form feed (`repeated_page_edges`; not
a line right under a bare subject code, or at a page's bottom under a lone 款 / 项 piece such as
`05`: that is the code's name, a cell of a table printed one cell per line that happens to end two
pages; nor a cell that a table continued over pages puts at two page edges: a row opening with a
subject or project code, a numbered item `二十四、…`, an indicator value `≥95%`, a row of indicator
levels, a lone character such as the unit `月`), and the bare page numbers there (`counted_page_numbers`: a
number alone at a page's top, or bottom, where the next or previous page's has the number one more,
or one less: PyMuPDF prints a page's number first, pdftotext last). All of this runs before a
line's `orig` is fixed, so offsets of `text` and `orig` stay shared.
What it does not: drop a page-top line that names a table (it holds 表: a 自评表 printed once per
page is a table title each time, not a running header), a table cell line (TAB) or a pipe row, a
bare number line that does not count the pages (a cell of a table flattened one cell per line looks
the same), or a line at the
top of the first page (it may be the report's title); nor join tables broken over pages
(structure/).
"""
from __future__ import annotations

from typing import Optional, Sequence

import regex as re

_DASH = "-—–－"
# a whole line that is a page number; `^\s*` also takes a leading TAB
PAGE_LINE = re.compile(
    r"^\s*(?:第\s*\d+\s*页\s*[,，/、]?\s*(?:共\s*\d+\s*页)?"
    r"|共\s*\d+\s*页\s*[,，/、]?\s*第\s*\d+\s*页"
    rf"|[{_DASH}]{{1,3}}\s*\d{{1,4}}\s*[{_DASH}]{{1,3}}"
    r"|\d{1,3}\s*/\s*\d{1,3})\s*$"
)
# `第 N 页 共 M 页` inside a line (both halves needed: `详见第3页` is text, not furniture)
_PAGE_INLINE = re.compile(
    r"第\s*\d{1,4}\s*页\s*[,，/、]?\s*共\s*\d{1,4}\s*页|共\s*\d{1,4}\s*页\s*[,，/、]?\s*第\s*\d{1,4}\s*页"
)
_TOTAL_LABEL = re.compile(r"^(?:本年)?(?:收入|支出)?(?:合计|总计|小计)$")
_EDGE_MAX = 50  # a running header or footer is a short line


def is_page_line(text: str) -> bool:
    return bool(PAGE_LINE.match(text))


def strip_form_feeds(text: str) -> tuple[str, int]:
    """`text` without form feeds (and vertical tabs), and how many there were."""
    if "\f" not in text and "\v" not in text:
        return text, 0
    n = text.count("\f") + text.count("\v")
    return text.replace("\f", "").replace("\v", ""), n


def cut_inline_page_marks(text: str) -> tuple[str, int]:
    """`text` with each `第 N 页 共 M 页` run into it cut out (one space left between the text on
    either side, none at an end), and how many were cut. A line that is nothing but the mark is left
    to `is_page_line`."""
    if "页" not in text:  # cheap test first: this runs on every line
        return text, 0
    marks = list(_PAGE_INLINE.finditer(text))
    if not marks or PAGE_LINE.match(text):
        return text, 0
    parts = []
    pos = 0
    for m in marks:
        parts.append(text[pos:m.start()])
        pos = m.end()
    parts.append(text[pos:])
    out = parts[0]
    for p in parts[1:]:
        if out.strip() and p.strip():
            out = out.rstrip(" \t") + " " + p.lstrip(" \t")
        elif out.strip():
            out = out.rstrip(" \t") + p.lstrip(" \t")
        else:
            out = out + p.lstrip(" \t")
    return out, len(marks)


_AMOUNT_IN = re.compile(r"\d\.\d{2}(?!\d)")  # an amount printed to the cent


# cells that a table continued over pages may put at two page edges, which no running header is:
# a row opening with a subject code (5 or 7 digits, a 类 code and its name) or a project code
# (`11000026T00`), an item numbered 二十四、 or （十）, a value opening with a comparison sign, a
# row of indicator levels (`产出指标 数量指标`, `定性 优`) and a lone character (a unit: 月 套 项)
_CELL_AT_EDGE = re.compile(
    r"^(?:(?:\d{5}|\d{7,})(?!\d)|\d{3}\s+\S|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]"
    r"|[≥≤＝=<>＜＞])"
    r"|^(?:\S*指标|定性|定量)(?:\s+(?:\S*指标|定性|定量|优|良|中|差))*$"
    r"|^\S$"
)


def _edge_candidate(text: str) -> bool:
    """A line that may be a running header or footer: short, no table title or cell, no amount
    (a table's last row, `221 02 03 购房补贴 258.50 258.50`, may end two pages the same way)."""
    t = text.strip()
    if _TOTAL_LABEL.match("".join(t.split())):
        return False  # a table's 合计 row whose label flow-order converters print after its amounts
    if _CELL_AT_EDGE.search(t):
        return False
    return (bool(t) and len(t) <= _EDGE_MAX and "表" not in t and not text.startswith("\t")
            and not t.startswith("|") and not re.fullmatch(r"[\d.,%\s-]+", t) and not _AMOUNT_IN.search(t))


_BARE_CODE = re.compile(r"^\d{3}(?:\s?\d{2}){0,2}$")  # a subject code alone on its line
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
_PIECE = re.compile(r"^\d{2}$")  # a 款 or 项 piece of a code printed alone (pdftotext's code columns)


def _edges(texts: Sequence[str], page_starts: Sequence[int]) -> list[tuple[Optional[int], Optional[int]]]:
    """For each page a form feed opened: (its first non-blank line, the last non-blank line before
    it), None where there is none."""
    out = []
    n = len(texts)
    for s in page_starts:
        j = s
        while j < n and not texts[j].strip():
            j += 1
        k = s - 1
        while k >= 0 and not texts[k].strip():
            k -= 1
        out.append((j if j < n else None, k if k >= 0 else None))
    return out


def counted_page_numbers(texts: Sequence[str], page_starts: Sequence[int]) -> set[int]:
    """Indices of bare page numbers: a number alone on the first line after a form feed (or the last
    before it) where the page next to it has the number one more (or the page before it one less) at
    the same edge; a lone number that does not count with its neighbours is kept (a cell)."""
    edges = _edges(texts, page_starts)
    out: set[int] = set()
    for side in (0, 1):
        nums = [int(texts[e[side]].strip()) if e[side] is not None and _BARE_NUMBER.match(texts[e[side]].strip())
                else None for e in edges]
        for p, v in enumerate(nums):
            if v is None:
                continue
            if (p + 1 < len(nums) and nums[p + 1] == v + 1) or (p > 0 and nums[p - 1] == v - 1):
                out.add(edges[p][side])
    return out


def _under_code(texts: Sequence[str], k: int, piece: bool = False) -> bool:
    """texts[k] stands right under a bare subject code (`piece`: or a lone 款 / 项 piece, `05`, on
    the same page): the code's name."""
    j = k - 1
    while j >= 0 and not texts[j].strip():
        j -= 1
    above = texts[j].strip().strip("\f") if j >= 0 else ""
    return bool(_BARE_CODE.match(above)) or (piece and bool(_PIECE.match(above)) and "\f" not in texts[j])


def repeated_page_edges(texts: Sequence[str], page_starts: Sequence[int]) -> set[int]:
    """Indices of running headers and footers: `page_starts` are the indices of the lines a form
    feed opened a page at. The first non-blank line at or after each page start (a page top) and
    the last non-blank line before it (a page bottom) are candidates; a candidate text seen at two
    or more page tops (or two or more page bottoms) is furniture wherever it stands at such an edge."""
    tops: dict[str, list[int]] = {}
    bottoms: dict[str, list[int]] = {}
    for j, k in _edges(texts, page_starts):
        if j is not None and _edge_candidate(texts[j]) and not _under_code(texts, j):
            tops.setdefault(" ".join(texts[j].split()), []).append(j)
        if k is not None and _edge_candidate(texts[k]) and not _under_code(texts, k, piece=True):
            bottoms.setdefault(" ".join(texts[k].split()), []).append(k)
    out: set[int] = set()
    for group in (tops, bottoms):
        for where in group.values():
            if len(set(where)) >= 2:
                out.update(where)
    return out
