"""Positioned words of a page (PDF text layer or OCR) -> text lines, shared by the paged routes.

What it does: `tokens_of_chars` splits a line's characters into words at wide gaps;
`lines_of_boxes` groups word boxes (OCR) into text lines by vertical overlap; `drop_running`
removes running headers, footers and page numbers repeated in the top or bottom band of many
pages; `place_tables` puts a page's tables among its lines by their top edge.
What it does not: read files or images (ingest/, ocr/), or find tables (alignment.py and the other
readers).
"""
from __future__ import annotations

from collections import Counter
from typing import Callable, Sequence, TypeVar

import regex as re

_HEADER_BAND = 0.08
T = TypeVar("T")
L = TypeVar("L")


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


def place_tables(lines: Sequence[dict], tables: Sequence[tuple[float, T]], make_line: Callable[[int, dict], L]
                 ) -> tuple[list[L], list[tuple[int, T]]]:
    """A page's lines (dicts with `top`) and its tables as (top edge, table), both in reading order
    -> (the page's lines made by `make_line(number on the page, line)`, [(index of the line the
    table stands before, table)]); a table below the last line stands after it."""
    out: list[L] = []
    placed: list[tuple[int, T]] = []
    ti = 0
    for k, ln in enumerate(lines, start=1):
        while ti < len(tables) and tables[ti][0] <= ln["top"]:
            placed.append((len(out), tables[ti][1]))
            ti += 1
        out.append(make_line(k, ln))
    for _, t in tables[ti:]:
        placed.append((len(out), t))
    return out, placed
