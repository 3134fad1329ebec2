"""Ruled tables in page images: ruling lines -> grid -> printed cells with spans -> OCR text in cells.

What it does: finds horizontal and vertical ruling lines with morphology (OpenCV), groups them into
table regions, takes the line positions as the grid, decides for each grid cell whether its left
and top borders are drawn (a missing border means the cell is merged with its neighbour), and
assigns each OCR text box to the cell under its centre. The result has the shape every route
shares: one cell per printed cell, empty cells under a vertically merged one.
What it does not: read text (engines.py) or tables without rulings (the column-alignment reader in
paged/alignment.py does those).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from ..datamodel import Repair, TableCell
from ..evidence.policy import OCR_DOUBT_CAP
from .engines import TextBox


@dataclass
class Grid:
    x0: float
    y0: float
    x1: float
    y1: float
    xs: list[float]
    ys: list[float]
    left: np.ndarray  # [rows, cols] bool: the cell's left border is drawn
    top: np.ndarray  # [rows, cols] bool: the cell's top border is drawn
    texts: list[list[list[TextBox]]] = field(default_factory=list)  # [row][col] boxes
    notes: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> doubt about the cell


MAX_LINE_WIDTH = 14  # pixels at 200 dpi; a fold shadow or a smudge is wider than a ruling line


def _positions(profile: np.ndarray, min_len: float) -> list[float]:
    idx = np.where(profile >= min_len)[0]
    if len(idx) == 0:
        return []
    groups = [[idx[0]]]
    for i in idx[1:]:
        if i - groups[-1][-1] <= 3:
            groups[-1].append(i)
        else:
            groups.append([i])
    out = []
    for g in groups:
        # the line is the band's peak (a seal arc or a smudge beside it adds shorter runs); a fold
        # shadow or a smear has no sharp peak, is wider than a ruling line and is dropped
        peak = profile[g].max()
        g = [i for i in g if profile[i] >= 0.6 * peak]
        if len(g) > MAX_LINE_WIDTH or g[-1] - g[0] > MAX_LINE_WIDTH:
            continue
        out.append(float(np.mean(g)))
    return out


def _dark(strip: np.ndarray, mask: np.ndarray, axis: int, level: int = 150) -> bool:
    """Where the line was found, it is dark ink (the darkest pixel across its width)."""
    if strip.size == 0:
        return False
    darkest = strip.min(axis=axis)
    found = mask.max(axis=axis) > 0
    if not found.any():
        return False
    return float(np.median(darkest[found])) < level


def _coverage(mask: np.ndarray, horizontal: bool, at: float, a: float, b: float) -> float:
    lo, hi = int(min(a, b)), int(max(a, b))
    if hi - lo < 4:
        return 1.0
    p = int(round(at))
    lo, hi = lo + 2, hi - 2
    if horizontal:
        band = mask[max(p - 3, 0): p + 4, lo:hi]
    else:
        band = mask[lo:hi, max(p - 3, 0): p + 4]
    if band.size == 0:
        return 0.0
    line = band.max(axis=0 if horizontal else 1)
    return float((line > 0).mean())


def find_grids(gray: np.ndarray) -> list[Grid]:
    h, w = gray.shape[:2]
    binary = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    hk = cv2.getStructuringElement(cv2.MORPH_RECT, (max(w // 40, 25), 1))
    vk = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(h // 45, 30)))  # taller than a character
    horiz = cv2.morphologyEx(binary, cv2.MORPH_OPEN, hk)
    vert = cv2.morphologyEx(binary, cv2.MORPH_OPEN, vk)
    # bridge small gaps in broken lines (scans)
    horiz = cv2.dilate(horiz, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
    vert = cv2.dilate(vert, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 9)))
    joints = cv2.dilate(cv2.bitwise_or(horiz, vert), cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    n, _, stats, _ = cv2.connectedComponentsWithStats(joints, connectivity=8)
    grids: list[Grid] = []
    for i in range(1, n):
        x, y, bw, bh, _ = stats[i]
        if bw < w * 0.2 or bh < 30:
            continue
        hs = horiz[y:y + bh, x:x + bw]
        vs = vert[y:y + bh, x:x + bw]
        ys = [y + p for p in _positions((hs > 0).sum(axis=1), bw * 0.05)]
        # a column line runs through at least one whole row (text strokes, brackets do not)
        row_h = float(np.median(np.diff(ys))) if len(ys) >= 3 else bh * 0.05
        xs = [x + p for p in _positions((vs > 0).sum(axis=0), max(bh * 0.05, row_h * 0.9))]
        # ruling lines are dark ink; the edge of a fold shadow or of a smudge is mid-grey
        xs = [p for p in xs if _dark(gray[y:y + bh, max(int(p) - 2, 0):int(p) + 3],
                                     vert[y:y + bh, max(int(p) - 2, 0):int(p) + 3], axis=1)]
        ys = [p for p in ys if _dark(gray[max(int(p) - 2, 0):int(p) + 3, x:x + bw],
                                     horiz[max(int(p) - 2, 0):int(p) + 3, x:x + bw], axis=0)]
        if len(ys) >= 3 and len(xs) > 2:
            # an inner column line runs through many rows; a seal stroke or a fold crosses a few
            rows_n = len(ys) - 1
            keep = [xs[0]]
            for p in xs[1:-1]:
                cover = [_coverage(vert, False, p, ys[r], ys[r + 1]) for r in range(rows_n)]
                present = sum(1 for v in cover if v > 0.5)
                # or, in a small table, drawn whole through a row (a column of that row alone)
                if present >= max(1, 0.4 * rows_n) or (rows_n <= 4 and max(cover) >= 0.97):
                    keep.append(p)
            xs = keep + [xs[-1]]
        if len(ys) >= 3 and len(xs) >= 3:
            # an inner row line runs across many columns, or whole across the cells it divides (a
            # header's sub-line); a seal stroke crosses part of a cell or two
            cols_n = len(xs) - 1
            keep = [ys[0]]
            for p in ys[1:-1]:
                cover = [_coverage(horiz, True, p, xs[c], xs[c + 1]) for c in range(cols_n)]
                if sum(1 for v in cover if v > 0.5) >= max(1, 0.4 * cols_n) or max(cover) >= 0.9:
                    keep.append(p)
            ys = keep + [ys[-1]]
        if len(ys) < 2 or len(xs) < 2:
            continue
        rows, cols = len(ys) - 1, len(xs) - 1
        left = np.zeros((rows, cols), dtype=bool)
        top = np.zeros((rows, cols), dtype=bool)
        for r in range(rows):
            for c in range(cols):
                left[r, c] = c == 0 or _coverage(vert, False, xs[c], ys[r], ys[r + 1]) > 0.5
                top[r, c] = r == 0 or _coverage(horiz, True, ys[r], xs[c], xs[c + 1]) > 0.5
        g = Grid(x0=xs[0], y0=ys[0], x1=xs[-1], y1=ys[-1], xs=xs, ys=ys, left=left, top=top)
        g.texts = [[[] for _ in range(cols)] for _ in range(rows)]
        grids.append(g)
    return sorted(grids, key=lambda g: g.y0)


def _locate(g: Grid, x: float, y: float) -> tuple[int, int] | None:
    if not (g.x0 <= x <= g.x1 and g.y0 <= y <= g.y1):
        return None
    r = max(i for i in range(len(g.ys) - 1) if g.ys[i] <= y) if y >= g.ys[0] else 0
    c = max(i for i in range(len(g.xs) - 1) if g.xs[i] <= x) if x >= g.xs[0] else 0
    return min(r, len(g.ys) - 2), min(c, len(g.xs) - 2)


def _spans(text: str, pieces) -> list[tuple[int, int, float, float]] | None:
    """Where each engine piece stands in the box's text: (start, end, x0, x1); None when the
    pieces do not spell the text."""
    out, at = [], 0
    for piece, px0, px1 in pieces:
        k = text.find(piece, at)
        if k < 0 or text[at:k].strip():
            return None
        out.append((k, k + len(piece), px0, px1))
        at = k + len(piece)
    return out if not text[at:].strip() else None


def _place_pieces(g: Grid, box: TextBox, cy: float) -> bool:
    """A box over a drawn column border, split where the border runs between its pieces (a
    character, or a run of digits); a run of digits laid over a border itself (类款项 codes read
    as one number) is split evenly. False when the box lies in one cell (or its pieces are not
    usable)."""
    spans = _spans(box.text, box.pieces)
    if not spans:
        return False
    chars: list[tuple[int, tuple[int, int]]] = []  # (index in text, cell)
    for start, end, px0, px1 in spans:
        width = (px1 - px0) / max(end - start, 1)
        inner = [x for x in g.xs[1:-1] if px0 + 0.3 * (px1 - px0) < x < px1 - 0.3 * (px1 - px0)]
        for k in range(start, end):
            x = px0 + width * (k - start + 0.5) if inner else (px0 + px1) / 2
            loc = _locate(g, x, cy)
            if loc is None:
                return False
            chars.append((k, loc))
    if len({loc for _, loc in chars}) < 2:
        return False
    x0, y0, x1, y1 = box.box
    runs: list[list] = []  # consecutive characters in one cell
    for k, loc in chars:
        if runs and runs[-1][0] == loc and runs[-1][2] == k - 1:
            runs[-1][2] = k
        else:
            runs.append([loc, k, k])
    pos = {k: (px0 + (px1 - px0) * (k - start) / max(end - start, 1),
               px0 + (px1 - px0) * (k - start + 1) / max(end - start, 1))
           for start, end, px0, px1 in spans for k in range(start, end)}
    for (r, c), a, b in runs:
        text = box.text[a:b + 1].strip()
        if text:
            g.texts[r][c].append(TextBox(text=text, box=(pos[a][0], y0, pos[b][1], y1), score=box.score))
    return True


def place(g: Grid, box: TextBox) -> bool:
    """Put a text box in the cell under it; a box laid over a drawn column border with spaces in
    its text is split at the spaces first. Returns False when the box is not in this grid."""
    x0, y0, x1, y1 = box.box
    cy = (y0 + y1) / 2
    cx = (x0 + x1) / 2
    if _locate(g, cx, cy) is None:
        return False
    if box.pieces and _place_pieces(g, box, cy):
        return True
    # a border well inside the box, not just under its padding
    inner = [x for x in g.xs[1:-1] if x0 + 0.3 * (x1 - x0) < x < x1 - 0.3 * (x1 - x0)]
    parts = box.text.split()
    if inner and len(parts) == 1 and len(box.text) > 1:
        # one word laid over drawn borders (类款项 read as one box): its characters go to the
        # cells under them, taking the characters as evenly wide
        width = (x1 - x0) / len(box.text)
        groups: dict[tuple[int, int], list[str]] = {}
        for k, ch in enumerate(box.text):
            loc = _locate(g, x0 + width * (k + 0.5), cy)
            if loc:
                groups.setdefault(loc, []).append(ch)
        if len(groups) > 1:
            for (r, c), chars in groups.items():
                first = next(k for k, ch in enumerate(box.text) if _locate(g, x0 + width * (k + 0.5), cy) == (r, c))
                g.texts[r][c].append(TextBox(text="".join(chars), box=(x0 + width * first, y0,
                                                                        x0 + width * (first + len(chars)), y1),
                                             score=box.score * 0.95))
            return True
    if inner and len(parts) > 1:
        total = sum(len(p) for p in parts) or 1
        pos = x0
        for p in parts:
            width = (x1 - x0) * len(p) / total
            sub = TextBox(text=p, box=(pos, y0, pos + width, y1), score=box.score)
            loc = _locate(g, pos + width / 2, cy)
            if loc:
                g.texts[loc[0]][loc[1]].append(sub)
            pos += width
        return True
    r, c = _locate(g, cx, cy)
    g.texts[r][c].append(box)
    return True


def cell_rows(g: Grid, scale_back: float, page: int):
    """The grid's printed cells: (text, score, bbox in original pixels) with spans collapsed."""
    rows_n, cols_n = g.left.shape
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    emitted: dict[tuple[int, int], TableCell] = {}
    rows = []

    def text_of(boxes: list[TextBox]) -> tuple[str, float]:
        if not boxes:
            return "", 1.0
        boxes = sorted(boxes, key=lambda b: (round((b.box[1] + b.box[3]) / 20), b.box[0]))
        lines: list[list[TextBox]] = []
        for b in boxes:
            if lines and abs((lines[-1][-1].box[1] + lines[-1][-1].box[3]) / 2 - (b.box[1] + b.box[3]) / 2) < \
                    (b.box[3] - b.box[1]) * 0.6:
                lines[-1].append(b)
            else:
                lines.append([b])
        text = "\n".join("".join(x.text for x in sorted(ln, key=lambda x: x.box[0])) for ln in lines)
        return text, min(b.score for b in boxes)

    for r in range(rows_n):
        row = []
        for c in range(cols_n):
            text, score = text_of(g.texts[r][c])
            bbox = tuple(v / scale_back for v in (g.xs[c], g.ys[r], g.xs[c + 1], g.ys[r + 1]))
            if c > 0 and not g.left[r, c] and (r, c - 1) in origin:
                o = origin[(r, c - 1)]
                origin[(r, c)] = o
                if o in emitted:  # the merged cell's bbox covers its span
                    b = emitted[o].bbox
                    emitted[o].bbox = (b[0], b[1], max(b[2], bbox[2]), max(b[3], bbox[3]))
                if text and o in emitted:
                    emitted[o].text = (emitted[o].text + text).strip()
                    emitted[o].conf = min(emitted[o].conf or 1.0, score)
                continue
            if r > 0 and not g.top[r, c] and (r - 1, c) in origin:
                o = origin[(r - 1, c)]
                origin[(r, c)] = o
                if o in emitted:
                    b = emitted[o].bbox
                    emitted[o].bbox = (b[0], b[1], max(b[2], bbox[2]), max(b[3], bbox[3]))
                if text and o in emitted:
                    emitted[o].text = (emitted[o].text + "\n" + text).strip()
                    emitted[o].conf = min(emitted[o].conf or 1.0, score)
                row.append(TableCell(text="", page=page, bbox=bbox, conf=1.0))
                continue
            origin[(r, c)] = (r, c)
            cell = TableCell(text=text, page=page, bbox=bbox, conf=score if text else 1.0)
            if text and (r, c) in g.notes:
                cell.conf = min(cell.conf, OCR_DOUBT_CAP)
                cell.repairs = [Repair(kind="ocr.unread_ink", note=g.notes[(r, c)], status="doubt")]
            emitted[(r, c)] = cell
            row.append(cell)
        rows.append(row)
    return rows
