"""Page layout shared by the paged routes (PDF text layer, OCR): words, lines, unruled tables.

What it does: `tokens_of_chars` splits a line's characters into words at wide gaps;
`lines_of_boxes` groups word boxes (OCR) into text lines by vertical overlap; `stream_tables` finds
unruled tables — a title line (…表), then rows whose words line up in columns — and rebuilds their
grid from the bands the amount rows' words occupy.
What it does not: read files or images.
"""
from __future__ import annotations

import regex as re

from collections import Counter

from .document import TableCell

_HEADER_BAND = 0.08


def tokens_of_chars(cs: list[dict]) -> list[tuple[str, float, float]]:
    """Words of a line: characters split where the gap is wider than a character."""
    out: list[list] = []
    for ch in cs:
        if not ch["text"].strip():
            continue
        if out:
            prev = out[-1]
            width = max(min(prev[3], ch["x1"] - ch["x0"]), 1.0)
            if ch["x0"] - prev[2] <= width * 0.9:
                prev[0] += ch["text"]
                prev[2] = ch["x1"]
                continue
        out.append([ch["text"], ch["x0"], ch["x1"], ch["x1"] - ch["x0"]])
    return [(t, a, b) for t, a, b, _ in out]


_NUMBER_TOKEN = re.compile(r"^-?[\d,]+(?:\.\d+)?%?$")
_TITLE = re.compile(r"表\s*$")
_NOTE = re.compile(r"^\s*(?:注|说明)[:：\d]")
_UNIT_LINE = re.compile(r"单位[:：]|^(?:编制|填报)?(?:部门|单位)(?:名称)?[:：]|^(?:公开)?\s*(?:附)?表\s*\d")


def _numeric_tokens(line: dict) -> int:
    return sum(1 for t, _, _ in line["tokens"] if _NUMBER_TOKEN.match(t))


def stream_tables(lines: list[dict], page_no: int) -> list[dict]:
    """Unruled tables: a title line (…表), then rows whose words line up in columns. Columns are
    the bands the words of the amount rows occupy; header words go to the band they overlap."""
    found = []
    i = 0
    while i < len(lines):
        if not (_TITLE.search(lines[i]["text"]) and len(lines[i]["text"]) <= 60):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and _UNIT_LINE.search(lines[j]["text"]):
            j += 1
        start = j
        k = j
        last_data = None
        while k < len(lines) and not _NOTE.match(lines[k]["text"]) and not _TITLE.search(lines[k]["text"]):
            if _numeric_tokens(lines[k]) >= 1 and len(lines[k]["tokens"]) >= 2:
                last_data = k
            elif last_data is not None and k - last_data > 1:
                break
            k += 1
        if last_data is None or sum(1 for x in lines[start:last_data + 1] if _numeric_tokens(x)) < 2:
            i += 1
            continue
        region = lines[start:last_data + 1]
        data = [ln for ln in region if _numeric_tokens(ln)]
        spans = sorted((a, b) for ln in data for _, a, b in ln["tokens"])
        bands: list[list[float]] = []
        for a, b in spans:
            if bands and a <= bands[-1][1] + 2:
                bands[-1][1] = max(bands[-1][1], b)
            else:
                bands.append([a, b])
        rows = []
        for ln in region:
            cells = [""] * len(bands)
            for t, a, b in ln["tokens"]:
                best = max(range(len(bands)), key=lambda n: min(b, bands[n][1]) - max(a, bands[n][0]))
                if min(b, bands[best][1]) - max(a, bands[best][0]) <= 0:
                    best = min(range(len(bands)), key=lambda n: abs((a + b) / 2 - sum(bands[n]) / 2))
                cells[best] += t
            rows.append([TableCell(text=c, page=page_no) for c in cells])
        bbox = (min(ln["x0"] for ln in region), region[0]["top"], max(ln["x1"] for ln in region), region[-1]["bottom"])
        found.append({"bbox": bbox, "rows": rows, "accuracy": None, "method": "stream"})
        i = last_data + 1
    return found


def lines_of_boxes(boxes: list[tuple[str, float, float, float, float, float]]) -> list[dict]:
    """(text, x0, y0, x1, y1, score) boxes -> lines (dicts as the PDF route makes them, plus the
    lowest score of their words)."""
    bands: list[dict] = []
    for t, x0, y0, x1, y1, sc in sorted(boxes, key=lambda b: ((b[2] + b[4]) / 2, b[1])):
        mid = (y0 + y1) / 2
        for band in reversed(bands[-4:]):
            if band["top"] - 2 <= mid <= band["bottom"] + 2:
                band["items"].append((t, x0, x1, y0, y1, sc))
                band["top"] = min(band["top"], y0)
                band["bottom"] = max(band["bottom"], y1)
                break
        else:
            bands.append({"top": y0, "bottom": y1, "items": [(t, x0, x1, y0, y1, sc)]})
    out = []
    for band in sorted(bands, key=lambda b: b["top"]):
        items = sorted(band["items"], key=lambda it: it[1])
        parts = []
        prev = None
        for t, x0, x1, _, _, _ in items:
            if prev is not None:
                h = band["bottom"] - band["top"]
                if x0 - prev > h * 0.8:
                    parts.append(" ")
            parts.append(t)
            prev = x1
        out.append({"text": "".join(parts).strip(), "x0": items[0][1], "x1": items[-1][2], "top": band["top"],
                    "bottom": band["bottom"], "tokens": [(t, x0, x1) for t, x0, x1, _, _, _ in items],
                    "score": min(it[5] for it in items)})
    return out


def drop_running(pages: list[list[dict]], heights: list[float]) -> int:
    """Remove lines repeated in the top or bottom band of many pages (running headers, footers)."""
    if len(pages) < 3:
        return 0
    seen: Counter = Counter()
    for lines, h in zip(pages, heights):
        keys = set()
        for ln in lines:
            if ln["top"] < h * _HEADER_BAND or ln["bottom"] > h * (1 - _HEADER_BAND):
                keys.add(re.sub(r"\d+", "#", "".join(ln["text"].split())))
        seen.update(keys)
    repeated = {k for k, n in seen.items() if n >= max(3, len(pages) // 3)}
    dropped = 0
    for lines, h in zip(pages, heights):
        keep = []
        for ln in lines:
            band = ln["top"] < h * _HEADER_BAND or ln["bottom"] > h * (1 - _HEADER_BAND)
            key = re.sub(r"\d+", "#", "".join(ln["text"].split()))
            if band and (key in repeated or re.fullmatch(r"[-—#\s/第页共,，]*", key)):
                dropped += 1
                continue
            keep.append(ln)
        lines[:] = keep
    return dropped

