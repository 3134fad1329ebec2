"""Normalize: repairs on the ingested lines, keeping every line's provenance.

What it does: cuts a table page a converter ran together on one line, its cells with no space
between them, into its rows (glued_cells.py; each keeps the line's number), removes converter
debris (`[bookmark: …]`, `PAGEREF _Toc…`, TOC blocks, markdown
marks, pinyin ruby after characters — ruby.py, masked `&nbsp;` — nbsp_masks.py), joins the runs of
text a converter printed one per line back into their blocks (run_lines.py), turns the bars
between a web row's cells into spaces (bar_rows.py), puts numbers a converter lifted onto the line
below back into their sentence (lifted_numbers.py), puts two lines of a paragraph a converter
printed in the wrong order back in order (swapped_lines.py), and removes page furniture
(page-number lines, `第 N 页 共 M 页` run into a line, form feeds and the running headers and footers
around them — furniture.py), maps full-width digits and signs to ASCII and Traditional characters
to Simplified (traditional.py), each one character for one, and keeps for each line both the
cleaned text (`text`, for matching) and the same span before the character mapping (`orig`, same
length, for a Field's raw value). What it removed or converted is counted by kind in
NormalizedDocument.counts.
What it does not: join broken lines or find tables (structure/), parse amounts (evidence/numbers.py
offers the parser, the stages that find amounts call it). NLine and NormalizedDocument live in
datamodel/.
"""
from __future__ import annotations

from typing import Optional, Sequence

import regex as re

from ..datamodel import Document, NLine, NormalizedDocument, NTable
from .glued_cells import split_glued
from .furniture import PAGE_LINE, counted_page_numbers, cut_inline_page_marks, repeated_page_edges, strip_form_feeds
from .bar_rows import bar_row_lines, unbar
from .row_numbers import blank_spans, row_number_spans
from .lifted_numbers import merge_all as put_back_lifted_numbers
from .swapped_lines import swapped
from .nbsp_masks import unmask_nbsp
from .run_lines import is_run_text, join_runs
from .ruby import strip_pinyin_ruby
from .traditional import may_hold_traditional, to_simplified

# one character for one character, so offsets in `text` are offsets in `orig`
_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULLWIDTH.update({"％": "%", "．": ".", "＋": "+", "－": "-", "\u3000": " ", "\xa0": " ", "，": "，"})
_TRANSLATE = str.maketrans(_FULLWIDTH)

_NOISE_SPANS = re.compile(
    r"\[bookmark:[^\]]*\]"
    r"|\s*PAGEREF\s+_Toc\d+(?:\s+\\?h)?(?:\s+\d+)?"
    r"|HYPERLINK\s+\\l\s+\"?_Toc\d+\"?"
    r"|TOC\s+\\o\s+\"[^\"]*\"(?:\s+\\[a-z])*"
    r"|(?<!\*)\*\*(?!\*)|__"  # markdown bold; a run of three or more stars is a masked value (****年)
)
_MARKDOWN_PREFIX = re.compile(r"^(?:#{1,6}\s+|>\s+|[-*+]\s+(?=\S))")
_MARKDOWN_FIRST = frozenset("#>-*+")  # what a line _MARKDOWN_PREFIX takes from opens with
_TOC_TITLE = re.compile(r"^\s*目\s*录\s*$")
_DOT_LEADER = re.compile(r"(?:…{2,}|\.{4,}|·{4,})\s*\d*\s*$")



def map_chars(text: str) -> str:
    """Full-width digits and marks to ASCII, one character for one (offsets are kept)."""
    return text.translate(_TRANSLATE)


def _count(counts: dict[str, int], kind: str, n: int) -> None:
    if n:
        counts[kind] = counts.get(kind, 0) + n


def _clean_span(raw: str, counts: dict[str, int]) -> str:
    """Debris removed from a line or a cell: converter marks, pinyin ruby, masked spaces. Each
    repair's cheap test is written here, so a clean line costs no call (this runs on every line)."""
    s = raw
    if "*****;" in s:  # first: the markdown-bold rule must not take its stars
        s, n = unmask_nbsp(s)
        _count(counts, "nbsp_mask", n)
    if "[" in s or "*" in s or "_" in s or "TOC" in s:  # what every _NOISE_SPANS match holds (PAGEREF's
        # and HYPERLINK's take a _Toc mark): four tests written out, for this runs on every line
        s = _NOISE_SPANS.sub("", s)
    if "(" in s or "（" in s:
        s, n = strip_pinyin_ruby(s)
        _count(counts, "pinyin_ruby", n)
    return s


def _clean(raw: str, counts: dict[str, int]) -> str:
    s = raw
    if "\f" in s or "\v" in s:
        s, n = strip_form_feeds(s)
        _count(counts, "form_feed", n)
    s = _clean_span(s, counts)
    if "页" in s:
        s, n = cut_inline_page_marks(s)
        _count(counts, "page_mark_inline", n)
    if s[:1] in _MARKDOWN_FIRST and not PAGE_LINE.match(s):  # `- 12 -` is a page number, no list item
        s = _MARKDOWN_PREFIX.sub("", s)
    return s


def _page_starts(lines) -> list[int]:
    """Indices of the lines a form feed opened a page at (pdftotext writes it before a page's first
    line; one at the end of a line opens the page at the next)."""
    out = []
    for i, line in enumerate(lines):
        if "\f" in line.text:
            out.append(i if line.text.lstrip(" \t").startswith("\f") else i + 1)
    return out


def _entry_key(line: str) -> str:
    """A TOC line's heading as the body prints it: spaces, the dot leader and the page number dropped
    (`第一部分 部门概况......... 1` -> 第一部分部门概况)."""
    return "".join(_DOT_LEADER.sub("", line).split())


def _toc_end(lines: list[str], start: int, pages: Optional[Sequence[Optional[int]]] = None) -> int:
    """Index after a table of contents that begins at `start` (the 目录 line): the TOC runs to its
    last entry, an entry being a line printed again later in the body (its heading, compared
    without the entry's dot leader and page number; the first entry's heading may be broken over two
    lines there). Lines after the last entry (a cover title between the TOC and the body) are kept.
    With no entry printed again: a TOC whose entries carry dot leaders ends after its last such
    entry (the leader lines and the page numbers, blank lines and short lines between them); one
    without (drawn as a table or an image, so its entries are not lines) ends at its page's end
    (`pages`: each line's page, where the format has pages) or at the first line of body text,
    whichever comes first."""
    first = None
    end = None
    for j in range(start + 1, min(len(lines), start + 300)):
        key = _entry_key(lines[j])
        if not key:
            continue
        if first is None:
            first = key
            continue
        # the next line with text (a heading broken over lines may have blank lines between)
        nxt = next(("".join(x.split()) for x in lines[j + 1:j + 6] if x.strip()), "")
        if key == first or (len(key) >= 4 and key + nxt == first):
            end = j  # the first entry printed again as a heading (perhaps broken over two lines)
            break
    if end is None:
        led = _leader_entries_end(lines, start)
        if led is not None:
            return led
        # no repeated heading: stop at the next page or the first long line (body text)
        own_page = pages[start] if pages is not None else None
        for j in range(start + 1, min(len(lines), start + 300)):
            if own_page is not None and pages[j] is not None and pages[j] > own_page and lines[j].strip():
                return j
            if len(lines[j].strip()) > 60:
                return j
        return start + 1
    body = {"".join(x.split()) for x in lines[end: end + 5000]}
    last = start
    for j in range(start + 1, end):
        key = _entry_key(lines[j])
        if key and (key in body or len(key) <= 4 or re.match(r"^第[一二三四五六七八九十]+部分", key)):
            last = j
    return last + 1


_TOC_GAP = 3  # lines of text without a leader that end a TOC whose entries carry dot leaders


def _leader_entries_end(lines: list[str], start: int) -> Optional[int]:
    """Index after the last dot-leader entry of a TOC from `start`, when its entries carry leaders:
    the entries run while no more than `_TOC_GAP` lines of text in a row lack a leader (an entry
    broken over two lines; a page number right after an entry is the TOC page's own); None when the
    first lines after 目录 carry none."""
    last, gap = None, 0
    for j in range(start + 1, min(len(lines), start + 300)):
        t = lines[j].strip()
        if not t:
            continue
        if PAGE_LINE.match(t) or (last is not None and gap == 0 and t.isdigit()):
            if last is not None and gap == 0:
                last = j  # the TOC page's number, right after an entry
            continue
        if _DOT_LEADER.search(t):
            last, gap = j, 0
            continue
        gap += 1
        if gap > _TOC_GAP or (last is None and gap > 1):
            break
    return last + 1 if last is not None else None


def normalize(doc: Document) -> NormalizedDocument:
    counts: dict[str, int] = {}
    lines = doc.lines
    if not doc.tables:  # (a table's place is an index into the lines: cut only text without any)
        lines, n = split_glued(doc.lines)
        _count(counts, "glued_cells", n)
    cleaned = [_clean(line.text, counts) for line in lines]
    drop = [False] * len(cleaned)
    if is_run_text(cleaned):
        cleaned, joined_into, n = join_runs(cleaned)
        for j in joined_into:
            drop[j] = True
        _count(counts, "run_lines", n)
    pairs = swapped(cleaned)  # two lines of a paragraph printed in the wrong order (each keeps its number)
    if pairs:
        lines = list(lines)
        for a in pairs:
            cleaned[a], cleaned[a + 1] = cleaned[a + 1], cleaned[a]
            lines[a], lines[a + 1] = lines[a + 1], lines[a]
            drop[a], drop[a + 1] = drop[a + 1], drop[a]
    _count(counts, "swapped_lines", len(pairs))
    cleaned, lifted, n = put_back_lifted_numbers(cleaned)
    for j in lifted:
        drop[j] = True
    _count(counts, "lifted_numbers", n)
    if counts.get("form_feed"):
        starts = _page_starts(lines)
        edges = repeated_page_edges(cleaned, starts)
        for j in edges:
            drop[j] = True
        _count(counts, "running_header", len(edges))
        numbers = counted_page_numbers(cleaned, starts) - edges
        for j in numbers:
            drop[j] = True
        _count(counts, "page_line", len(numbers))
    traditional = may_hold_traditional(cleaned) or any(
        may_hold_traditional(c.text for r in t.rows for c in r) for t in doc.tables)
    i = 0
    while i < len(cleaned):
        if _TOC_TITLE.match(cleaned[i]):
            end = _toc_end(cleaned, i, [ln.page for ln in lines])
            for j in range(i, end):
                drop[j] = True
            i = end
            continue
        i += 1
    barred = bar_row_lines(cleaned)
    _count(counts, "bar_row", len(barred))
    numbered = row_number_spans(cleaned)
    _count(counts, "row_number", len(numbered))
    out: list[NLine] = []
    removed = 0
    kept_before: list[int] = []  # for each original index, how many lines were kept before it
    for k, (line, text, skip) in enumerate(zip(lines, cleaned, drop)):
        kept_before.append(len(out))
        page_line = not skip and PAGE_LINE.match(text) is not None
        if skip or page_line or (not text.startswith("\t") and _DOT_LEADER.search(text) and len(text) < 80):
            if text.strip():
                removed += 1
                if page_line:
                    _count(counts, "page_line", 1)
            continue
        if "PAGEREF" in line.text and not text.strip("\t "):
            removed += 1
            continue
        if "\f" in line.text and not text.strip():
            removed += 1  # a line that held only a form feed: no blank line in its place
            continue
        mapped = text.translate(_TRANSLATE)
        repaired = mapped != text  # full-width characters (a Traditional character is no repair of a number)
        if k in barred:
            mapped = unbar(mapped)  # the bars between a web row's cells read as spaces (orig keeps them)
        if k in numbered:
            mapped = blank_spans(mapped, numbered[k])  # a 序号 column's number (orig keeps it)
        if traditional:
            simple = to_simplified(mapped)
            if simple != mapped:
                _count(counts, "traditional_line", 1)
            mapped = simple
        out.append(NLine(text=mapped, orig=text, no=line.no, page=line.page, bbox=line.bbox,
                         repaired=repaired, conf=line.conf))
    tables = []
    for t in doc.tables:
        at = kept_before[t.at] if t.at < len(kept_before) else len(out)
        rows = []
        for r in t.rows:
            row = []
            for c in r:
                orig = _clean_span(c.text, counts)
                mapped = orig.translate(_TRANSLATE)
                repaired = mapped != orig
                if traditional:
                    mapped = to_simplified(mapped)
                row.append(NLine(text=mapped, orig=orig, no=c.no, page=c.page,
                                 bbox=c.bbox, repaired=repaired, conf=c.conf, repairs=list(c.repairs) or None))
            rows.append(row)
        tables.append(NTable(at=at, rows=rows, method=t.method, report=t.report))
    return NormalizedDocument(doc=doc, lines=out, removed=removed, tables=tables, counts=counts)
