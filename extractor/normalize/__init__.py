"""Normalize: repairs on the ingested lines, keeping every line's provenance.

What it does: removes converter debris (`[bookmark: …]`, `PAGEREF _Toc…`, TOC blocks, markdown
marks, page footers), maps full-width digits and signs to ASCII one character for one, and keeps
for each line both the cleaned text (`text`, for matching) and the same span before the character
mapping (`orig`, same length, for a Field's raw value).
What it does not: join broken lines or find tables (structure/), parse amounts (evidence/numbers.py
offers the parser, the stages that find amounts call it). NLine and NormalizedDocument live in
datamodel/.
"""
from __future__ import annotations

import regex as re

from ..datamodel import Document, NLine, NormalizedDocument, NTable

# one character for one character, so offsets in `text` are offsets in `orig`
_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULLWIDTH.update({"％": "%", "．": ".", "＋": "+", "－": "-", "\u3000": " ", "\xa0": " ", "，": "，"})
_TRANSLATE = str.maketrans(_FULLWIDTH)

_NOISE_SPANS = re.compile(
    r"\[bookmark:[^\]]*\]"
    r"|\s*PAGEREF\s+_Toc\d+(?:\s+\\?h)?(?:\s+\d+)?"
    r"|HYPERLINK\s+\\l\s+\"?_Toc\d+\"?"
    r"|TOC\s+\\o\s+\"[^\"]*\"(?:\s+\\[a-z])*"
    r"|\*\*|__"
)
_MARKDOWN_PREFIX = re.compile(r"^(?:#{1,6}\s+|>\s+|[-*+]\s+(?=\S))")
_FOOTER = re.compile(
    r"^\s*(?:第\s*\d+\s*页\s*[,，/]?\s*(?:共\s*\d+\s*页)?|-\s*\d{1,3}\s*-|\d{1,3}\s*/\s*\d{1,3})\s*$"
)
_TOC_TITLE = re.compile(r"^\s*目\s*录\s*$")
_DOT_LEADER = re.compile(r"(?:…{2,}|\.{4,}|·{4,})\s*\d*\s*$")


_NOISE_HINTS = ("[", "PAGEREF", "HYPERLINK", "TOC", "*", "__")


def map_chars(text: str) -> str:
    """Full-width digits and marks to ASCII, one character for one (offsets are kept)."""
    return text.translate(_TRANSLATE)


def _clean(raw: str) -> str:
    s = _NOISE_SPANS.sub("", raw) if any(h in raw for h in _NOISE_HINTS) else raw
    if not s.startswith("\t"):
        s = _MARKDOWN_PREFIX.sub("", s)
    return s


def _toc_end(lines: list[str], start: int) -> int:
    """Index after a table of contents that begins at `start` (the 目录 line): the TOC runs to its
    last entry, an entry being a line printed again later in the body (its heading). Lines after the
    last entry (a cover title between the TOC and the body) are kept."""
    first = None
    end = None
    for j in range(start + 1, min(len(lines), start + 300)):
        key = "".join(lines[j].split())
        if not key:
            continue
        if first is None:
            first = key
            continue
        if key == first:
            end = j
            break
    if end is None:
        # no repeated heading: stop at the first long line (body text)
        for j in range(start + 1, min(len(lines), start + 300)):
            if len(lines[j].strip()) > 60:
                return j
        return start + 1
    body = {"".join(x.split()) for x in lines[end: end + 5000]}
    last = start
    for j in range(start + 1, end):
        key = "".join(lines[j].split())
        if key and (key in body or len(key) <= 4 or re.match(r"^第[一二三四五六七八九十]+部分", key)):
            last = j
    return last + 1


def normalize(doc: Document) -> NormalizedDocument:
    cleaned = [_clean(line.text) for line in doc.lines]
    drop = [False] * len(cleaned)
    i = 0
    while i < len(cleaned):
        if _TOC_TITLE.match(cleaned[i]):
            end = _toc_end(cleaned, i)
            for j in range(i, end):
                drop[j] = True
            i = end
            continue
        i += 1
    out: list[NLine] = []
    removed = 0
    kept_before: list[int] = []  # for each original index, how many lines were kept before it
    for line, text, skip in zip(doc.lines, cleaned, drop):
        kept_before.append(len(out))
        if skip or _FOOTER.match(text) or (not text.startswith("\t") and _DOT_LEADER.search(text)
                                           and len(text) < 80):
            if text.strip():
                removed += 1
            continue
        if "PAGEREF" in line.text and not text.strip("\t "):
            removed += 1
            continue
        mapped = text.translate(_TRANSLATE)
        out.append(NLine(text=mapped, orig=text, no=line.no, page=line.page, bbox=line.bbox,
                         repaired=mapped != text, conf=line.conf))
    tables = []
    for t in doc.tables:
        at = kept_before[t.at] if t.at < len(kept_before) else len(out)
        rows = []
        for r in t.rows:
            row = []
            for c in r:
                orig = _NOISE_SPANS.sub("", c.text) if any(h in c.text for h in _NOISE_HINTS) else c.text
                mapped = orig.translate(_TRANSLATE)
                row.append(NLine(text=mapped, orig=orig, no=c.no, page=c.page,
                                 bbox=c.bbox, repaired=mapped != orig, conf=c.conf, repairs=list(c.repairs) or None))
            rows.append(row)
        tables.append(NTable(at=at, rows=rows, method=t.method, report=t.report))
    return NormalizedDocument(doc=doc, lines=out, removed=removed, tables=tables)
