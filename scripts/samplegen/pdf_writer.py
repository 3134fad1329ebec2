"""Synthetic reports as PDF files: `write_pdf(seed, kind, path)` lays out the report that
`generate(seed, 0.0, "flat", kind)` writes as text and returns that call's truth; `pdf_bytes(doc,
style)` writes any document model; `pdf_style(seed, kind)` draws a report's layout choices from the
seed (never from the generator's random streams, so the text does not change).

fpdf2 with a CJK TrueType font: A4 portrait narrative pages with wrapped paragraphs (numbers never
broken over lines); each table on a new page drawn as a ruled grid, merged cells drawn as one
rectangle, amounts right-aligned; in some reports the wide tables on A4 landscape pages; long
tables continue on the next page with or without the header repeated; side-by-side blocks as
printed; a running header line and a footer `第 N 页` on every page; 功能分类 codes printed
`2010350`, `201 03 50` or split into 类 / 款 / 项 columns. Deterministic: fixed creation date,
same bytes.

Needs fpdf2 (imported when a file is written) and a CJK font (fonts-wqy-microhei:
/usr/share/fonts/truetype/wqy/wqy-microhei.ttc; or set MAKE_SAMPLES_CJK_FONT to a .ttf/.ttc/.otf
file). Not DOCX (docx_writer.py), not scans (scans.py).
"""
from __future__ import annotations

import datetime
import os
import random
import re
from pathlib import Path
from typing import Callable, Optional, Union

from .document import Doc, Para, Tab, report_doc
from .grid import cell_align, col_widths, column_kinds, grid_of, is_fcode_table, spaced_codes, split_codes
from .kinds import resolve_kind


FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
]
FIXED_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)


def find_cjk_font() -> Optional[str]:
    """The CJK font file the PDFs use: $MAKE_SAMPLES_CJK_FONT, else the first of FONT_CANDIDATES found."""
    env = os.environ.get("MAKE_SAMPLES_CJK_FONT")
    if env and Path(env).is_file():
        return env
    return next((p for p in FONT_CANDIDATES if Path(p).is_file()), None)


def pdf_style(seed: int, kind: str) -> dict:
    """How report `seed` is laid out as PDF: landscape (tables of 8+ columns on A4 landscape pages),
    repeat_header (a table continued on the next page repeats its header rows), codes ("plain"
    2010350, "spaced" 201 03 50, "split" 类 / 款 / 项 columns), row_h (minimum row height, mm)."""
    rng = random.Random(f"pdf-{kind}-{seed}")
    return {"landscape": rng.random() < 0.6, "repeat_header": rng.random() < 0.5,
            "codes": rng.choice(["plain", "spaced", "split"]), "row_h": rng.choice([5.5, 6.5, 8.0])}


PLAIN_PDF = {"landscape": False, "repeat_header": True, "codes": "plain", "row_h": 6.0}


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Lines of text within width; runs of digits / latin letters are never broken (unless longer
    than a line), closing punctuation stays on the line before."""
    out: list[str] = []
    width += 0.05                                   # rounding slack: a cell sized to its text keeps it
    for para in text.split("\n"):
        tokens = re.findall(r"[（“《(]*(?:[A-Za-z0-9.,%:/\-]+|\s+|.)", para)
        line, w = "", 0.0
        for tok in tokens:
            tw = measure(tok)
            if line and w + tw > width and tok not in "，。、；：）”％%》":
                out.append(line.rstrip())
                line, w = "", 0.0
                if tok.isspace():
                    continue
            if not line and tw > width and len(tok) > 1:       # a token longer than the line
                for ch in tok:
                    cw = measure(ch)
                    if line and w + cw > width:
                        out.append(line)
                        line, w = "", 0.0
                    line += ch
                    w += cw
                continue
            line += tok
            w += tw
        out.append(line.rstrip())
    return out


PT = 0.3528                     # mm per point
ROLE_FONT = {"cover": 18, "part": 16, "title": 14, "center": 13, "h1": 12, "h2": 11, "h3": 10.5, "body": 10.5,
             "right": 10, "unit": 9.5, "note": 9}


def _pdf_class():
    from fpdf import FPDF

    class _PDF(FPDF):
        running = ""

        def header(self):
            self.set_font("cjk", size=9)
            w = self.get_string_width(self.running)
            self.text((self.w - w) / 2, 12, self.running)
            self.set_line_width(0.2)
            self.line(self.l_margin, 14, self.w - self.r_margin, 14)

        def footer(self):
            self.set_font("cjk", size=9)
            s = f"第 {self.page_no()} 页"
            self.text((self.w - self.get_string_width(s)) / 2, self.h - 10, s)

    return _PDF


class _PdfWriter:
    TOP, BOTTOM = 22.0, 18.0

    def __init__(self, doc: Doc, style: dict, font: Optional[str] = None):
        font = font or find_cjk_font()
        if not font:
            raise RuntimeError("no CJK font found: install fonts-wqy-microhei or set MAKE_SAMPLES_CJK_FONT")
        pdf = _pdf_class()(unit="mm", format="A4")
        pdf.running = doc.running
        pdf.set_creation_date(FIXED_DATE)
        pdf.set_title(doc.running)
        pdf.set_creator("make_samples.py")
        pdf.set_producer("fpdf2")
        pdf.add_font("cjk", fname=font)
        pdf.set_auto_page_break(False)
        pdf.set_margins(25, self.TOP, 25)
        self.pdf, self.doc, self.style = pdf, doc, style
        self.y = None                       # None: no open narrative page
        self.size = 10.5
        self.widths: dict[tuple[float, str], float] = {}
        self.log: list[dict] = []           # per table: key, first page, pages, landscape, header repeated

    def font(self, size: float) -> None:
        self.pdf.set_font("cjk", size=size)
        self.size = size

    def measure(self, s: str) -> float:
        key = (self.size, s)
        w = self.widths.get(key)
        if w is None:
            w = self.widths[key] = self.pdf.get_string_width(s)
        return w

    def new_page(self, landscape: bool = False, margin: float = 25) -> None:
        self.pdf.set_margins(margin, self.TOP, margin)
        self.pdf.add_page(orientation="L" if landscape else "P")
        self.y = self.TOP + 2

    def bottom(self) -> float:
        return self.pdf.h - self.BOTTOM

    def para(self, p: Para) -> None:
        pdf = self.pdf
        size = ROLE_FONT.get(p.role, 10.5)
        self.font(size)
        lh = size * PT * 1.55
        left, right = pdf.l_margin, pdf.w - pdf.r_margin
        width = right - left
        if p.role == "unit":
            if self.y + lh > self.bottom():
                self.new_page(pdf.w > pdf.h, pdf.l_margin)
            pdf.text(left, self.y + lh * 0.72, p.text)
            pdf.text(right - self.measure(p.right), self.y + lh * 0.72, p.right)
            self.y += lh
            return
        indent = size * PT * 2 if p.role == "body" else 0.0
        lines = wrap(p.text, width - indent, self.measure)
        if p.role in ("part", "cover", "title"):
            self.y += lh * 0.4
        for k, line in enumerate(lines):
            if self.y + lh > self.bottom():
                self.new_page(pdf.w > pdf.h, pdf.l_margin)
            w = self.measure(line)
            if p.role in ("cover", "part", "title", "center"):
                x = left + (width - w) / 2
            elif p.role == "right":
                x = right - w
            else:
                x = left + (indent if k == 0 else 0)
            pdf.text(x, self.y + lh * 0.72, line)
            self.y += lh
        if p.role in ("part", "cover", "title", "h1"):
            self.y += lh * 0.4

    def table(self, tab: Tab) -> None:
        pdf, st = self.pdf, self.style
        header, rows = tab.header, tab.rows
        if st.get("codes") in ("spaced", "split") and is_fcode_table(header, rows):
            header, rows = (spaced_codes if st["codes"] == "spaced" else split_codes)(header, rows)
        grid, ncols, nhead = grid_of(header, rows, tab.vmerge)
        landscape = bool(st.get("landscape")) and ncols >= 8
        self.new_page(landscape, 15)
        first_page = pdf.page_no()
        for p in tab.pre:
            self.para(p)
        self.y += 1
        size = 9 if ncols <= 7 else 8
        self.font(size)
        pad, lh = 1.2, size * PT * 1.35
        avail = pdf.w - pdf.l_margin - pdf.r_margin
        widths = col_widths(grid, ncols, nhead, self.measure, avail, pad)
        kinds = column_kinds(grid, nhead)
        xs = [pdf.l_margin]
        for w in widths:
            xs.append(xs[-1] + w)
        lines: dict[int, list[str]] = {}
        heights = [float(st.get("row_h", 6.0))] * len(grid)
        for row in grid:
            for g in row:
                if g.cont:
                    continue
                lines[id(g)] = wrap(g.text, xs[g.col + g.span] - xs[g.col] - 2 * pad, self.measure) if g.text.strip() else []
                if g.down == 1:
                    heights[g.row] = max(heights[g.row], len(lines[id(g)]) * lh + 2 * pad)
        for row in grid:
            for g in row:
                if not g.cont and g.down > 1:
                    need = len(lines[id(g)]) * lh + 2 * pad
                    have = sum(heights[g.row:g.row + g.down])
                    if need > have:
                        heights[g.row + g.down - 1] += need - have

        def draw(r0: int, r1: int) -> None:
            """Rows r0..r1-1 at self.y; merged cells clipped to the range."""
            y0 = self.y
            ys = [y0]
            for r in range(r0, r1):
                ys.append(ys[-1] + heights[r])
            for r in range(r0, r1):
                for g in grid[r]:
                    if g.cont and r != r0:
                        continue
                    first = g.top if g.cont else g
                    end = min(first.row + first.down, r1)
                    x, w = xs[g.col], xs[g.col + g.span] - xs[g.col]
                    top, h = ys[r - r0], ys[end - r0] - ys[r - r0]
                    pdf.rect(x, top, w, h)
                    if g.cont:
                        continue
                    ls = lines[id(g)]
                    ty = top + (h - len(ls) * lh) / 2 + lh * 0.76
                    al = cell_align(g, nhead, kinds)
                    for line in ls:
                        lw = self.measure(line)
                        tx = x + pad if al == "L" else (x + w - pad - lw if al == "R" else x + (w - lw) / 2)
                        pdf.text(tx, ty, line)
                        ty += lh
            self.y = ys[-1]

        pdf.set_line_width(0.2)
        head_h = sum(heights[:nhead])
        # paginate the data rows
        r = nhead
        first = True
        while r < len(grid) or first:
            limit = self.bottom() - self.y - (head_h if first else 0)
            if not first and st.get("repeat_header"):
                limit -= head_h
            r1, used = r, 0.0
            while r1 < len(grid) and (used + heights[r1] <= limit or r1 == r):
                used += heights[r1]
                r1 += 1
            self.font(size)
            if first:
                draw(0, r1)
            else:
                if st.get("repeat_header"):
                    draw(0, nhead)
                draw(r, r1)
            first = False
            r = r1
            if r < len(grid):
                self.new_page(landscape, 15)
        self.log.append({"key": tab.key, "first_page": first_page, "pages": pdf.page_no() - first_page + 1,
                         "landscape": landscape, "repeat_header": bool(st.get("repeat_header")),
                         "columns": ncols, "header_rows": nhead})
        self.y += 1.5
        for p in tab.post:
            self.para(p)
        self.y = None                         # the next narrative starts on a new page

    def build(self) -> bytes:
        for b in self.doc.blocks:
            if isinstance(b, Tab):
                self.table(b)
                continue
            if self.y is None or (b.page_break and self.y > self.TOP + 2):
                self.new_page(False, 25)
            self.para(b)
        if self.y is None and not self.doc.blocks:
            self.new_page(False, 25)
        return bytes(self.pdf.output())


def pdf_bytes(doc: Doc, style: dict, font: Optional[str] = None, log: Optional[list] = None) -> bytes:
    """The PDF file of a document model laid out with `style` (see pdf_style). `log` (a list) receives
    one dict per table: key, first_page, pages, landscape, repeat_header, columns, header_rows."""
    w = _PdfWriter(doc, style, font)
    data = w.build()
    if log is not None:
        log.extend(w.log)
    return data


def write_pdf(seed: int, kind: str, path: Union[str, Path], style: Optional[dict] = None,
              font: Optional[str] = None) -> dict:
    """Write the synthetic report `seed` of `kind` as PDF to path; returns its truth."""
    kind = resolve_kind(kind, seed)
    doc, truth = report_doc(seed, kind)
    Path(path).write_bytes(pdf_bytes(doc, style or pdf_style(seed, kind), font))
    return truth
