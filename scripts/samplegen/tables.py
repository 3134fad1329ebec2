"""A report table as data (`TableSpec`: header rows and data rows of (text, colspan) cells) and its
body written as text in one of the layouts: flat (one cell per line after a TAB, a blank line
between rows), pipe (Markdown-like) or tsv.

Not the title, code and unit lines around a table (each report kind writes its own) and not the
DOCX / PDF drawing of a table (grid.py, docx_writer.py, pdf_writer.py).
"""
from __future__ import annotations


class TableSpec:
    def __init__(self, code: str, title: str, note: str, header: list, rows: list, after: str = "",
                 vmerge: tuple = ()):
        self.code = code          # 公开01表 …
        self.title = title
        self.note = note          # the 注： line(s)
        self.header = header      # list of rows; row = list of (text, colspan)
        self.rows = rows          # data rows
        self.after = after        # 说明： line printed after the note, "" for none
        # data columns whose empty cells continue the cell above them (merged cells of forms such as
        # the 绩效自评表); used by the DOCX / PDF renderers only, the text layouts ignore it
        self.vmerge = tuple(vmerge)


def _width(row: list) -> int:
    return sum(cs for _, cs in row)


def _expand(row: list, width: int) -> list[str]:
    cells: list[str] = []
    for text, cs in row:
        cells.append(text)
        cells.extend([""] * (cs - 1))
    cells.extend([""] * (width - len(cells)))
    return cells


def table_body(t: TableSpec, layout: str) -> list[str]:
    """The header and data rows of t in one of the layouts (no title, no note)."""
    out: list[str] = []
    allrows = t.header + t.rows
    width = max(_width(r) for r in allrows)
    if layout == "flat":
        for row in allrows:
            for text, _ in row:
                out.append("\t" + text)
            out.append("")
    elif layout == "pipe":
        out.append("")
        for i, row in enumerate(allrows):
            cells = [c.replace("\n", "<br>") for c in _expand(row, width)]
            out.append("| " + " | ".join(cells) + " |")
            if i == len(t.header) - 1:
                out.append("|" + "---|" * width)
        out.append("")
    elif layout == "tsv":
        for row in allrows:
            out.append("\t".join(_expand(row, width)))
        out.append("")
    else:
        raise ValueError(f"unknown layout {layout!r}")
    return out


def cells(*texts: str) -> list:
    return [(x, 1) for x in texts]
