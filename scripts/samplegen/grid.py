"""A table's grid as the DOCX and PDF renderers draw it: cells with column spans and vertical merges
(`grid_of`), column widths within the page (`col_widths`), alignment (`column_kinds`, `cell_align`),
and the 功能分类 code column printed plain, spaced (201 03 50, `spaced_codes`) or split into
类 / 款 / 项 columns (`split_codes`).

No drawing and no file format: the writers (docx_writer.py, pdf_writer.py) do that.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional


@dataclass
class GCell:
    row: int
    col: int
    span: int
    text: str
    cont: bool = False            # continues the cell above (vertical merge)
    down: int = 1                 # rows covered, for the first cell of a vertical merge
    top: Optional["GCell"] = None


def grid_of(header: list, rows: list, vmerge: tuple = ()) -> tuple[list[list[GCell]], int, int]:
    """(grid, columns, header rows). An empty header cell under a cell of the same columns continues
    it (a header cell spanning rows); in data rows the same holds for the `vmerge` columns."""
    all_rows = [list(r) for r in header] + [list(r) for r in rows]
    width = max((sum(cs for _, cs in r) for r in all_rows), default=0)
    grid: list[list[GCell]] = []
    for ri, row in enumerate(all_rows):
        out, c = [], 0
        for text, cs in row:
            out.append(GCell(ri, c, cs, text))
            c += cs
        while c < width:
            out.append(GCell(ri, c, 1, ""))
            c += 1
        grid.append(out)
    nhead = len(header)
    for ri in range(1, len(grid)):
        above = {(g.col, g.span): g for g in grid[ri - 1]}
        for g in grid[ri]:
            if g.text.strip():
                continue
            a = above.get((g.col, g.span))
            if a is None or not (a.text.strip() or a.cont):
                continue
            if ri < nhead or (g.col in vmerge and g.span == 1):
                top = a.top if a.cont else a
                g.cont, g.top = True, top
                top.down += 1
    return grid, width, nhead


FCODE_RE = re.compile(r"^2\d{2}(?:\d{2}){0,2}$")
AMOUNT_RE = re.compile(r"^-?[\d,]+(?:\.\d+)?%?$|^——$")


def is_fcode_table(header: list, rows: list) -> bool:
    """A 功能分类 table: a 科目编码 header cell first and 2xx codes in the first column."""
    head_ok = any(r and r[0][1] == 1 and re.sub(r"\s", "", r[0][0]).endswith(("编码", "代码")) for r in header)
    return head_ok and any(r and r[0][1] == 1 and FCODE_RE.match(r[0][0]) for r in rows)


def spaced_codes(header: list, rows: list) -> tuple[list, list]:
    """Codes printed 201 03 50."""
    def sp(row):
        text, cs = row[0]
        if cs == 1 and FCODE_RE.match(text):
            text = " ".join(p for p in (text[:3], text[3:5], text[5:7]) if p)
        return [(text, cs)] + list(row[1:])
    return header, [sp(r) for r in rows]


def split_codes(header: list, rows: list) -> tuple[list, list]:
    """The code column split into 类 / 款 / 项 columns under the spanning 科目编码 header."""
    new_h = []
    code_row = None
    for i, row in enumerate(header):
        text, cs = row[0]
        if code_row is None and cs == 1 and re.sub(r"\s", "", text).endswith(("编码", "代码")):
            code_row = i
            new_h.append([(text, 3)] + list(row[1:]))
        else:
            new_h.append([(text, cs + 2)] + list(row[1:]))
    at = next((i for i in range(code_row + 1, len(new_h)) if re.sub(r"\s", "", new_h[i][0][0]) == "栏次"), len(new_h))
    prev = new_h[at - 1]
    new_h.insert(at, [("类", 1), ("款", 1), ("项", 1)] + [("", cs) for _, cs in prev[1:]])
    new_r = []
    for row in rows:
        text, cs = row[0]
        if cs == 1 and FCODE_RE.match(text):
            first = [(text[:3], 1), (text[3:5], 1), (text[5:7], 1)]
        elif cs == 1:
            first = [(text, 1), ("", 1), ("", 1)]
        else:
            first = [(text, cs + 2)]
        new_r.append(first + list(row[1:]))
    return new_h, new_r


def col_widths(grid: list[list[GCell]], ncols: int, nhead: int, measure: Callable[[str], float],
               avail: float, pad: float) -> list[float]:
    """Column widths filling avail: amounts and codes keep their width, text columns may wrap."""
    need = [measure("00") + 2 * pad] * ncols
    want = list(need)
    four = measure("四个汉字") + 2 * pad
    for ri, row in enumerate(grid):
        for g in row:
            if g.cont or g.span != 1 or not g.text.strip():
                continue
            w = max(measure(x) for x in g.text.split("\n")) + 2 * pad
            if ri >= nhead and (AMOUNT_RE.match(g.text.strip()) or FCODE_RE.match(g.text.strip().replace(" ", ""))):
                need[g.col] = max(need[g.col], w)
            else:
                need[g.col] = max(need[g.col], min(w, four))
            want[g.col] = max(want[g.col], w if ri >= nhead else min(w, four * 1.6))
    want = [max(a, b) for a, b in zip(want, need)]
    if sum(want) <= avail:
        extra = avail - sum(want)                  # half shared evenly, half by width
        return [w + extra / 2 / ncols + extra / 2 * w / sum(want) for w in want]
    if sum(need) <= avail:
        room = avail - sum(need)
        slack = sum(w - n for w, n in zip(want, need))
        return [n + room * (w - n) / slack for w, n in zip(want, need)]
    return [n * avail / sum(need) for n in need]


def column_kinds(grid: list[list[GCell]], nhead: int) -> dict[int, str]:
    """Columns under a 编码 / 代码 / 类 款 项 header ("code", left-aligned) or a 行次 header ("line",
    centred); amounts elsewhere are right-aligned."""
    kinds: dict[int, str] = {}
    for row in grid[:nhead]:
        for g in row:
            t = re.sub(r"\s", "", g.text)
            if g.span == 1 and (t.endswith(("编码", "代码")) or t in ("类", "款", "项")):
                kinds[g.col] = "code"
            elif g.span == 1 and t == "行次":
                kinds[g.col] = "line"
    return kinds


def cell_align(g: GCell, nhead: int, kinds: Optional[dict] = None) -> str:
    t = g.text.strip()
    if g.row < nhead:
        return "C"
    kind = (kinds or {}).get(g.col) if g.span == 1 else None
    if kind == "code":
        return "L"
    if kind == "line":
        return "C"
    if AMOUNT_RE.match(t):
        return "R"
    if g.span > 1 and len(t) <= 8:
        return "C"
    return "L"
