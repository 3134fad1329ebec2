"""Synthetic reports as text copied from web pages: `web_text(seed, kind, shape)` -> (text, truth).

The report is the one `generate(seed, 0.0, "flat", kind)` writes (the same document model the DOCX
and PDF renderers draw, document.py's `report_doc`, so the truth is that call's truth); only the
tables are written differently, in one of the web shapes (`SHAPES`):

- `cell-lines`: one printed cell per line, each ending in ` |` (a blank cell is a line ` |`), a
  cell spanning columns or rows printed once, a cell broken over lines in the report (年度预\\n算申请)
  broken here too (only its last line has the ` |`), the 栏次 rows as printed;
- `one-line`: the whole table run together on one line with spaces, blank cells gone, a cell
  broken over lines joined (as `.xls` previews and some copies give it);
- `html`: markdown with the table as HTML `<table>`: `rowspan` / `colspan` for the spanning cells,
  `<br>` where a cell breaks in the report and inside long text cells.

The narrative, titles, code lines, unit lines and notes are plain lines. Deterministic; no noise.
What it does not: damage the text (noise.py does that for the plain layouts), nor write files
other than with `write_web`.
"""
from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Union

from .document import Para, Tab, report_doc
from .grid import grid_of

SHAPES = ("cell-lines", "one-line", "html")
_LONG_CELL = 16  # a text cell longer than this gets a <br> in the html shape (converters wrap them)


def web_text(seed: int, kind: str = "final", shape: str = "cell-lines") -> tuple[str, dict]:
    """(text, truth) of report `seed` of `kind` with its tables in `shape`."""
    if shape not in SHAPES:
        raise ValueError(f"shape must be one of {SHAPES}, not {shape!r}")
    doc, truth = report_doc(seed, kind)
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Tab):
            out.extend(_para(p) for p in block.pre)
            out.extend(_table(block, shape))
            out.extend(_para(p) for p in block.post)
        else:
            out.append(_para(block))
    return "\n".join(out) + "\n", truth


def write_web(seed: int, kind: str, shape: str, path: Union[str, Path]) -> dict:
    """Write web_text(seed, kind, shape) to `path` (UTF-8); returns the truth."""
    text, truth = web_text(seed, kind, shape)
    Path(path).write_text(text, encoding="utf-8")
    return truth


def _para(p: Para) -> str:
    if p.role == "unit" and p.right:
        return f"{p.text}    {p.right}" if p.text else p.right
    return p.text


def _table(t: Tab, shape: str) -> list[str]:
    grid, _, _ = grid_of(t.header, t.rows, t.vmerge)
    printed = [[g for g in row if not g.cont] for row in grid]
    if shape == "cell-lines":
        return [""] + [f"{g.text} |" for row in printed for g in row] + [""]
    if shape == "one-line":
        words = ["".join(part.strip() for part in g.text.split("\n")) for row in printed for g in row]
        return [" ".join(w.replace(" ", "") if len(w) <= 8 else w for w in words if w)]
    return [""] + _html(printed) + [""]


def _html(printed) -> list[str]:
    lines = ["<table>"]
    for row in printed:
        tds = []
        for g in row:
            attrs = (f' rowspan="{g.down}"' if g.down > 1 else "") + (f' colspan="{g.span}"' if g.span > 1 else "")
            tds.append(f"<td{attrs}>{_html_text(g.text)}</td>")
        lines.append("<tr>" + "".join(tds) + "</tr>")
    lines.append("</table>")
    return lines


def _html_text(text: str) -> str:
    parts = text.split("\n")
    if len(parts) == 1 and len(text) > _LONG_CELL and not text.startswith(" "):
        parts = [text[:_LONG_CELL // 2 + 4], text[_LONG_CELL // 2 + 4:]]
    return "<br>".join(escape(p, quote=False) for p in parts)
