"""Empty cells with ink in them, read again: a word the detector missed (a lone `0` against a ruling
line) is recognised from a tight crop of the cell's ink.

What it does: for each printed cell of a ruled grid that got no text, looks for ink inside its
borders (dark connected components, ignoring specks and border remnants); crops the ink tightly
and runs recognition alone on it. Only numeric readings (digits, a point, a comma, a dash) with a
good score are kept, and their confidence is capped below "certain" so a check must confirm them.
What it does not: detect text lines (engines.py) or place detected words (grid.py).
"""
from __future__ import annotations

from typing import Callable, Optional

import cv2
import numpy as np
import regex as re

from ..evidence.policy import OCR_REREAD_CAP, OCR_REREAD_MIN_SCORE
from .engines import TextBox
from .grid import Grid

NUMERIC = re.compile(r"^-?[\d][\d,.]*$|^[-—–]$")  # what a re-read may hold: digits, point, comma, a dash
BORDER_PAD = 5      # pixels kept clear of the ruling lines
MIN_INK = 25        # dark pixels, after specks are dropped, for a cell to hold a word


def _spanned(g: Grid, r: int, c: int) -> bool:
    """The cell is part of a merged cell (a border around it is not drawn)."""
    rows, cols = g.left.shape
    return (not g.left[r, c] or (c + 1 < cols and not g.left[r, c + 1])
            or not g.top[r, c] or (r + 1 < rows and not g.top[r + 1, c]))


def ink(gray: np.ndarray, x0: float, y0: float, x1: float, y1: float) -> list[tuple[int, int, int, int, int]]:
    """The ink inside a cell's borders as (x0, y0, x1, y1, area) in page pixels, specks of noise
    and what is left of the ruling lines left out."""
    a, b = int(x0) + BORDER_PAD, int(x1) - BORDER_PAD
    c, d = int(y0) + BORDER_PAD, int(y1) - BORDER_PAD
    if b - a < 6 or d - c < 6:
        return []
    dark = (gray[c:d, a:b] < 128).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    h, w = dark.shape
    out = []
    for i in range(1, n):
        x, y, bw, bh, area = (int(v) for v in stats[i])
        if area < 6:
            continue  # a speck of noise
        if (bh >= 0.8 * h and bw <= 4) or (bw >= 0.8 * w and bh <= 4):
            continue  # what is left of a ruling line
        out.append((a + x, c + y, a + x + bw, c + y + bh, area))
    return out


def _word_like(parts: list[tuple[int, int, int, int, int]], cell_height: float) -> bool:
    """Enough ink, tall enough, to be a character rather than dirt."""
    if sum(k[4] for k in parts) < MIN_INK:
        return False
    return max(k[3] for k in parts) - min(k[1] for k in parts) >= 0.25 * (cell_height - 2 * BORDER_PAD)


def ink_box(gray: np.ndarray, x0: float, y0: float, x1: float, y1: float) -> Optional[tuple[int, int, int, int]]:
    """The box around the ink inside (x0, y0, x1, y1); None when the cell is blank."""
    parts = ink(gray, x0, y0, x1, y1)
    if not parts or not _word_like(parts, y1 - y0):
        return None
    return (min(k[0] for k in parts), min(k[1] for k in parts), max(k[2] for k in parts), max(k[3] for k in parts))


UNREAD = "OCR: ink in the cell that no word covers (a word may be missing)"


def flag_unread_ink(g: Grid, gray: np.ndarray) -> int:
    """Cells with text and, beside it, ink no recognised word covers (a word the detector missed,
    e.g. under a seal): noted in `g.notes` so their confidence drops. Returns how many."""
    flagged = 0
    rows, cols = g.left.shape
    for r in range(rows):
        for c in range(cols):
            boxes = g.texts[r][c]
            if not boxes or _spanned(g, r, c):
                continue
            grown = [(b.box[0] - 4, b.box[1] - 4, b.box[2] + 4, b.box[3] + 4) for b in boxes]
            loose = [k for k in ink(gray, g.xs[c], g.ys[r], g.xs[c + 1], g.ys[r + 1])
                     if not any(x0 <= (k[0] + k[2]) / 2 <= x1 and y0 <= (k[1] + k[3]) / 2 <= y1
                                for x0, y0, x1, y1 in grown)]
            if loose and _word_like(loose, g.ys[r + 1] - g.ys[r]):
                g.notes[(r, c)] = UNREAD
                flagged += 1
    return flagged


def reread_empty_cells(g: Grid, gray: np.ndarray, read: Callable[[np.ndarray], tuple[str, float]]) -> int:
    """Read the ink of the grid's empty cells again; returns how many cells got text."""
    found = 0
    rows, cols = g.left.shape
    for r in range(rows):
        if not any(g.texts[r][c] for c in range(cols)):
            continue  # a row with no text at all is a blank row or a header band: left as it is
        for c in range(cols):
            if g.texts[r][c] or _spanned(g, r, c):
                continue
            box = ink_box(gray, g.xs[c], g.ys[r], g.xs[c + 1], g.ys[r + 1])
            if box is None:
                continue
            x0, y0, x1, y1 = box
            pad = 6
            crop = gray[max(y0 - pad, 0): y1 + pad, max(x0 - pad, 0): x1 + pad]
            crop = cv2.copyMakeBorder(crop, 4, 4, 8, 8, cv2.BORDER_CONSTANT, value=255)
            text, score = read(crop)
            text = "".join(text.split())
            if score < OCR_REREAD_MIN_SCORE or not NUMERIC.match(text):
                continue
            g.texts[r][c].append(TextBox(text=text, box=(float(x0), float(y0), float(x1), float(y1)),
                                         score=min(score, OCR_REREAD_CAP)))
            found += 1
    return found
