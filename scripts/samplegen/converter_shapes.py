"""Synthetic reports as PDF-to-text converters print them: `converter_text(seed, kind, shape)` ->
(text, truth).

The report is the one `generate(seed, 0.0, "flat", kind)` writes (document.py's `report_doc`, the
model the DOCX and PDF renderers draw, so the truth is that call's truth); only the tables are
written differently, in one of the converter shapes (`SHAPES`):

- `row-stream` (PyMuPDF `get_text()`, pdftotext without `-layout`): one printed cell per line in
  reading order, row after row; blank cells absent; a cell spanning columns or rows printed once, at
  its first row; a cell broken over lines in the report (年度预\\n算申请) broken here too, and in some
  reports header cells wrapped at a narrow column's width (对附属单位补 / 助支出) and long text cells
  (names, 绩效 texts) wrapped at a cell's width (a fixed number of characters per column spanned); 功能分类 codes printed whole (`2010601`) or as their
  类 / 款 / 项 parts on lines of their own (`201` / `06` / `01`, under a 类 款 项 header row, as
  grid.split_codes lays them out); the 合计 row where the report prints it (first) or last; in some
  reports page furniture between rows (`第 N 页`, the running header, and the header repeated).
- `column-runs` (pdfminer.six): the header's cells column by column (each column's cells top-down),
  then the data column by column: the codes (or the 类, the 款 and the 项 parts in runs of their own;
  in some reports a 项 printed on its name's line, `01 行政运行`, as pdfminer joins close text), the
  names, then each amount column top-down, blank cells absent in every run. A label spanning the
  code and name columns (合计) stands in the name run; in some reports the 合计 row is printed whole,
  row-wise, before the runs. Every printed line is a box of its own (a blank line after each) or
  each run is one box (a blank line after the run).

Every table of the report is written in the shape (side-by-side, groups and 绩效 tables too: what
the converter prints for them). The narrative, titles, code lines and notes are plain lines; a unit
line's two parts (部门：… and 单位：万元) are printed on lines of their own, as the converters do. The
layout choices come from `converter_style(seed, kind, shape)`, drawn from the seed apart from the
generator's random streams (the report's content does not change with them). Deterministic; no
noise. What it does not: damage text (noise.py), draw geometry (pdf_writer.py), interleave a
column's pieces the way pdfminer's boxes sometimes do, or write files other than `write_converter`.
"""
from __future__ import annotations

import random
from pathlib import Path
from typing import Optional, Union

from .document import Para, Tab, report_doc
from .grid import AMOUNT_RE, FCODE_RE, GCell, grid_of, is_fcode_table, split_codes

SHAPES = ("row-stream", "column-runs")


def converter_style(seed: int, kind: str, shape: str) -> dict:
    """How report `seed` is printed in `shape`: codes ("whole" 2010601 or "split" 类/款/项 parts),
    total_last (the 合计 row moved below the rows), wrap (text cells wider than this many characters
    per column they span are wrapped; 0: not), head_wrap (the same for header cells), furniture
    (row-stream: page marks, running header and, with repeat_header, the header between rows every
    page_rows rows), total_row (column-runs: "row" prints the 合计 row whole before the runs,
    "column" at the top of each column), item_with_name (column-runs: a 项 part printed on its
    name's line), boxes (column-runs: "cell" a blank line after each line, "run" after each run)."""
    rng = random.Random(f"conv-{shape}-{kind}-{seed}")
    return {"codes": rng.choice(["whole", "split"]), "total_last": rng.random() < 0.3,
            "wrap": rng.choice([0, 0, 12]), "head_wrap": rng.choice([0, 6]),
            "furniture": rng.random() < 0.5, "page_rows": rng.randint(8, 20), "repeat_header": rng.random() < 0.5,
            "total_row": rng.choice(["row", "column"]), "item_with_name": rng.random() < 0.5,
            "boxes": rng.choice(["cell", "run"])}


def converter_text(seed: int, kind: str = "final", shape: str = "row-stream",
                   style: Optional[dict] = None) -> tuple[str, dict]:
    """(text, truth) of report `seed` of `kind` with its tables in `shape`; `style` overrides
    choices of converter_style."""
    if shape not in SHAPES:
        raise ValueError(f"shape must be one of {SHAPES}, not {shape!r}")
    st = converter_style(seed, kind, shape)
    st.update(style or {})
    doc, truth = report_doc(seed, kind)
    out: list[str] = []
    page = [1]
    for block in doc.blocks:
        if isinstance(block, Tab):
            for p in block.pre:
                out.extend(_para(p))
            table = _row_stream(block, st, doc.running, page) if shape == "row-stream" else _column_runs(block, st)
            out.extend(table)
            for p in block.post:
                out.extend(_para(p))
            page[0] += 1
        else:
            out.extend(_para(block))
    return "\n".join(out) + "\n", truth


def write_converter(seed: int, kind: str, shape: str, path: Union[str, Path]) -> dict:
    """Write converter_text(seed, kind, shape) to `path` (UTF-8); returns the truth."""
    text, truth = converter_text(seed, kind, shape)
    Path(path).write_text(text, encoding="utf-8")
    return truth


def _para(p: Para) -> list[str]:
    if p.role == "unit" and p.right:
        return [x for x in (p.text, p.right) if x]
    return [p.text]


def _grid(t: Tab, st: dict) -> tuple[list[list[GCell]], int, int]:
    header, rows = t.header, list(t.rows)
    if st["codes"] == "split" and is_fcode_table(header, rows):
        header, rows = split_codes(header, rows)
    if st["total_last"] and rows and _total_label(rows[0]):
        rows = rows[1:] + rows[:1]
    return grid_of(header, rows, t.vmerge)


def _total_label(row: list) -> bool:
    text, cs = row[0]
    return cs > 1 and "".join(text.split()) in ("合计", "总计")


def _pieces(g: GCell, width: int) -> list[str]:
    """The lines a cell prints: its own line breaks, and text wider than `width` characters per
    column it spans wrapped."""
    width *= g.span
    out = []
    for part in g.text.split("\n"):
        part = part.strip()
        if not part:
            continue
        if width and len(part) > width and not AMOUNT_RE.match(part) and not FCODE_RE.match(part):
            out.extend(part[k:k + width] for k in range(0, len(part), width))
        else:
            out.append(part)
    return out


def _printed(g: GCell) -> bool:
    return not g.cont and bool(g.text.strip())


def _row_stream(t: Tab, st: dict, running: str, page: list[int]) -> list[str]:
    grid, _, nhead = _grid(t, st)
    head = [x for row in grid[:nhead] for g in row if _printed(g) for x in _pieces(g, st["head_wrap"])]
    out = list(head)
    for ri in range(nhead, len(grid)):
        k = ri - nhead
        if st["furniture"] and k and k % st["page_rows"] == 0:
            out += [f"第 {page[0]} 页", running]
            page[0] += 1
            if st["repeat_header"]:
                out += head
        out += [x for g in grid[ri] if _printed(g) for x in _pieces(g, st["wrap"])]
    return out


def _column_runs(t: Tab, st: dict) -> list[str]:
    grid, width, nhead = _grid(t, st)
    body = grid[nhead:]
    runs: list[list[str]] = []
    for c in range(width):  # the header column by column
        runs.append([x for row in grid[:nhead] for g in row if g.col == c and _printed(g)
                     for x in _pieces(g, st["head_wrap"])])
    if st["total_row"] == "row" and body and _total_label_cells(body[0]):
        runs.append([x for g in body[0] if _printed(g) for x in _pieces(g, st["wrap"])])
        body = body[1:]
    items = _item_column(grid, nhead) if st["item_with_name"] else None
    for c in range(width):
        if items is not None and c == items:
            continue  # printed with the names
        run = []
        for row in body:
            for g in row:
                if g.col + g.span - 1 != c or not _printed(g):
                    continue  # a spanning label stands in the run of the last column it spans
                lines = _pieces(g, st["wrap"])
                if items is not None and c == items + 1:
                    item = next((x for x in row if x.col == items and _printed(x)), None)
                    if item is not None:
                        lines[0] = f"{item.text.strip()} {lines[0]}"
                run.extend(lines)
        runs.append(run)
    out: list[str] = []
    for run in runs:
        if not run:
            continue
        if st["boxes"] == "cell":
            for x in run:
                out += [x, ""]
        else:
            out += run + [""]
    return out


def _total_label_cells(row: list[GCell]) -> bool:
    first = next((g for g in row if not g.cont), None)
    return first is not None and first.span > 1 and "".join(first.text.split()) in ("合计", "总计")


def _item_column(grid: list[list[GCell]], nhead: int) -> Optional[int]:
    """The 项 column of a table whose codes are split into 类 / 款 / 项 columns, else None."""
    for row in grid[:nhead]:
        for g in row:
            if g.span == 1 and not g.cont and g.text.strip() == "项":
                return g.col
    return None
