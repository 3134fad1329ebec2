"""Header paths of a ruled table from its cells' printed spans (PDF lattice, OCR grid).

What it does: a ruled table's reader gives each merged cell a bbox over its whole span, so the
columns under a header cell are those whose centres its span covers. Every header label is then
placed over its own columns whatever the rows' cell counts are: a 本年收入 spanning ten columns and
a 上年结转结余 spanning six, a leading 部门代码 | 部门名称 pair merged down over the header, where
counting cells has to guess. It also says which leading columns are key columns (codes, names)
and which of them name units (预算单位, 部门代码), and spreads a row of merged cells (合计 over
the code and name columns) back over the grid's columns.
What it does not: work without ruled bboxes (text readers keep header_paths' counting in
tables.py), or read what a header means (templates.py).
"""
from __future__ import annotations

from typing import Optional

import regex as re

from ..datamodel import Cell

_SLACK = 0.5  # points: a ruling line's width
UNIT_KEY = re.compile(r"^(?:(?:预算)?(?:部门|单位)(?:代码|编码))$")
ITEM_NAME = re.compile(r"^(?:项目名称|项目|名称)$|(?:功能|经济)(?:分类)?科目(?:名称)?$")  # a row's name column
# (a 项目类别 after 项目名称 is a value; 功能科目 is the subject's name beside 科目编码)
UNIT_NAME = re.compile(r"^(?:(?:预算)?(?:部门|单位)(?:名称)?|单位(?:（项目）|\(项目\))?名称)$")


def column_centres(rows: list[list[Cell]], ncols: int) -> Optional[list[float]]:
    """x centre of every grid column, from the first row that prints a cell in each; None when no
    row does or a cell has no bbox."""
    for r in rows:
        if len(r) == ncols and all(c.bbox for c in r):
            return [(c.bbox[0] + c.bbox[2]) / 2 for c in r]
    return None


def ruled_labels(header: list[list[Cell]], centres: list[float]) -> Optional[list[list[str]]]:
    """The printed labels over each column, top row first (a label repeated down a merged cell
    once; a row with no cell over the column is one a cell from above is merged into). None
    when a header cell has no bbox."""
    if not header or any(c.bbox is None for r in header for c in r):
        return None
    out: list[list[str]] = []
    for x in centres:
        parts: list[str] = []
        for r in header:
            cell = next((c for c in r if c.bbox[0] - _SLACK <= x <= c.bbox[2] + _SLACK), None)
            if cell is None:  # a cell merged down and across from the row above covers it
                continue
            label = cell.key
            if label and (not parts or parts[-1] != label):
                parts.append(label)
        out.append(parts)
    return out


def key_columns(labels: list[list[str]], key_header) -> int:
    """Leading columns whose header is a key header (科目编码, 科目名称, 部门代码, 单位名称 …)."""
    k = 0
    for parts in labels:
        if parts and any(key_header.search(p) or UNIT_KEY.match(p) or UNIT_NAME.match(p) or ITEM_NAME.match(p)
                         for p in parts):
            k += 1
        else:
            break
    return k


def _is_unit(parts: list[str]) -> bool:
    return bool(parts) and any(UNIT_KEY.match(p) or UNIT_NAME.match(p) for p in parts)


def unit_columns(labels: list[list[str]], keys: int) -> int:
    """How many of the leading key columns name units (预算单位 | 部门代码 | 部门名称) rather than
    subjects (科目编码 | 科目名称)."""
    u = 0
    while u < keys and _is_unit(labels[u]):
        u += 1
    return u


def spread(row: list[Cell], centres: list[float]) -> Optional[list[Cell]]:
    """A ruled row with merged cells as one cell per grid column: each printed cell at the first
    column its span covers, empty cells elsewhere. None when a cell covers no column or two cells
    claim one."""
    if any(c.bbox is None for c in row):
        return None
    out: list[Optional[Cell]] = [None] * len(centres)
    for c in row:
        cols = [i for i, x in enumerate(centres) if c.bbox[0] - _SLACK <= x <= c.bbox[2] + _SLACK]
        if not cols or any(out[i] is not None for i in cols):
            return None
        out[cols[0]] = c
        for i in cols[1:]:
            out[i] = Cell(text="", orig="", line=c.line, page=c.page, bbox=c.bbox)
    if any(c is None for c in out):
        return None
    return out  # type: ignore[return-value]
