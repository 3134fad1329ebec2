#!/usr/bin/env python3
"""Synthetic reports of `make_samples.py` as real DOCX and PDF files, and extracted report JSON
rendered back into a document.

- `write_docx(seed, kind, path)` / `write_pdf(seed, kind, path)` lay out the report that
  `make_samples.generate(seed, 0.0, "flat", kind)` writes as text; both return that call's truth
  (the same values: only the provenance differs).
- `render_report_json(report, path, fmt)` turns an extracted report (the tool's output contract)
  into a DOCX or PDF: a title, each table, each explanation and each project in the printed
  patterns, so that extracting the rendered file again should give the same values.

The layout choices of a report (automatic numbering, landscape pages, repeated table headers, code
styles …) are drawn from the seed by `docx_style` / `pdf_style`, never from the generator's own
random streams, so the text output of `make_samples.py` does not change.

DOCX (python-docx, tables written as WordprocessingML): paragraphs in order; headings 一、/（一）/1. and
the 1、 lists with real Word automatic numbering in some reports (the number is then not part of the
paragraph text); tables as Word tables, header cells spanning columns merged with gridSpan, header
cells spanning rows (an empty cell below them in the generator's TableSpec) merged with vMerge, and
the merged label columns of the 绩效 forms merged the same way; title, code line, 部门 … 单位 line and
notes as paragraphs around each table; a running header, a footer with a PAGE field, one `_GoBack`
bookmark, `_Toc` bookmarks and a table of contents field (complex TOC field with PAGEREF fields, or
fldSimple PAGEREF fields) to be ignored; in some reports wide tables in landscape sections and
table header rows marked to repeat.

PDF (fpdf2 with a CJK TrueType font): A4 portrait narrative pages with wrapped paragraphs (numbers
never broken over lines); each table on a new page drawn as a ruled grid, merged cells drawn as one
rectangle, amounts right-aligned; in some reports the wide tables on A4 landscape pages; long tables
continue on the next page with or without the header repeated; side-by-side blocks as printed;
a running header line and a footer `第 N 页` on every page; 功能分类 codes printed `2010350`,
`201 03 50` or split into 类 / 款 / 项 columns. Deterministic: fixed creation date, same bytes.

Needs python-docx, fpdf2 and a CJK font (fonts-wqy-microhei: /usr/share/fonts/truetype/wqy/
wqy-microhei.ttc; or set MAKE_SAMPLES_CJK_FONT to a .ttf/.ttc/.otf file).
"""
from __future__ import annotations

import copy
import datetime
import io
import os
import random
import re
import sys
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Callable, Optional, Union
from xml.sax.saxutils import escape

_HERE = Path(__file__).resolve().parent
if str(_HERE) not in sys.path:
    sys.path.insert(0, str(_HERE))
import make_samples as ms  # noqa: E402

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


# ---------------------------------------------------------------------------------------------
# Document model: paragraphs and tables in printed order
# ---------------------------------------------------------------------------------------------

@dataclass
class Para:
    text: str
    role: str = "body"        # cover | part | title | h1 | h2 | h3 | body | center | right | unit | note
    num: Optional[tuple] = None   # (list, level, n): list "multi" (一、 / （一） / 1.) or "dec" (1、)
    prefix: str = ""          # the literal number at the start of text (一、, （二）, 3., 4、)
    right: str = ""           # role unit: the right-hand part (单位：万元)
    page_break: bool = False


@dataclass
class Tab:
    header: list              # rows of (text, colspan), as TableSpec.header
    rows: list                # data rows
    vmerge: tuple = ()        # data columns whose empty cells continue the cell above
    pre: list = field(default_factory=list)    # Paras before the grid (title, code line, unit line)
    post: list = field(default_factory=list)   # Paras after it (notes)
    key: str = ""


@dataclass
class Doc:
    kind: str                 # final | budget | self_eval | json
    department: str
    year: int
    running: str              # the running header line
    blocks: list              # Para | Tab


CN_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")}
PREFIXES = [
    ("multi", 0, re.compile(r"^([一二三四五六七八九十]{1,3})、")),
    ("multi", 1, re.compile(r"^（([一二三四五六七八九十]{1,3})）")),
    ("multi", 2, re.compile(r"^(\d{1,2})\.(?=[^\d\s])")),
    ("dec", 0, re.compile(r"^(\d{1,2})、")),
]
PART_RE = re.compile(r"^第[一二三四五六七八九十]+部分")


def cn_value(s: str) -> int:
    """一 .. 九十九 as an int (inverse of make_samples.cn_num)."""
    if "十" not in s:
        return CN_VALUE[s]
    tens, _, ones = s.partition("十")
    return (CN_VALUE[tens] if tens else 1) * 10 + (CN_VALUE[ones] if ones else 0)


def classify(text: str, after_part: bool = False, at_top: bool = False) -> Para:
    """A narrative line as a Para: parts, numbered headings / list items, titles, body text."""
    t = text.strip()
    if PART_RE.match(t):
        return Para(t, "part", page_break=True)
    for lst, level, rx in PREFIXES:
        m = rx.match(t)
        if m:
            n = int(m.group(1)) if m.group(1).isdigit() else cn_value(m.group(1))
            short = len(t) <= 40 and not t.endswith(("。", "；")) and "：" not in t[len(m.group(0)):]
            role = ("h1", "h2", "h3")[level] if lst == "multi" and short else "body"
            return Para(t, role, num=(lst, level, n), prefix=m.group(0))
    if len(t) <= 40 and not t.endswith(("。", "：", "；")) and (after_part or at_top):
        return Para(t, "cover" if at_top and not after_part else "title")
    return Para(t, "body")


def report_doc(seed: int, kind: str = "final") -> tuple[Doc, dict]:
    """The document model of the synthetic report `seed` of `kind` and its truth (the truth of
    generate(seed, 0.0, "flat", kind))."""
    if kind == "mixed":
        kind = ms.kind_for(seed)
    rec = ms._Recorder()
    _, truth = ms._generate(seed, 0.0, "flat", kind, rec)
    model = rec.model.r if kind == "self_eval" else rec.model
    dept, year = model.department, model.year
    running = {"final": f"{dept}{year}年部门决算", "budget": f"{dept}{year}年部门预算",
               "self_eval": f"{dept}{year}年度整体支出绩效自评报告"}[kind]
    L = rec.lines
    starts = {t["start"]: t for t in rec.tables}
    blocks: list = []
    i = 0
    after_part = False
    while i < len(L):
        t = starts.get(i)
        if t is not None:
            blocks.append(_table_block(L, t))
            after_part = False
            i = t["end"]
            continue
        for piece in L[i].split("\n"):
            if not piece.strip():
                continue
            at_top = len(blocks) < 4 and not any(isinstance(b, Tab) or b.role == "part" for b in blocks)
            p = classify(piece, after_part, at_top)
            after_part = p.role == "part"
            blocks.append(p)
        i += 1
    return Doc(kind, dept, year, running, blocks), truth


UNIT_RE = re.compile(r"^(.*?)[\s\u3000]+(单位：\S+)$")


def _table_block(L: list[str], t: dict) -> Tab:
    spec = t["spec"]
    pre = []
    for ln in L[t["start"]:t["body_start"]]:
        s = ln.strip()
        if not s:
            continue
        m = UNIT_RE.match(s)
        if m:
            pre.append(Para(m.group(1).strip(), "unit", right=m.group(2)))
        elif re.fullmatch(r"附件\d*", s):
            pre.append(Para(s, "note"))
        elif spec.code and s == spec.code:
            pre.append(Para(s, "right"))
        else:
            pre.append(Para(s, "center"))
    post = [Para(ln.strip(), "note") for ln in L[t["body_end"]:t["end"]] if ln.strip()]
    if pre:
        pre[0].page_break = True
    return Tab(spec.header, spec.rows, spec.vmerge, pre, post, t.get("key", ""))


# ---------------------------------------------------------------------------------------------
# Layout choices per report
# ---------------------------------------------------------------------------------------------

def docx_style(seed: int, kind: str) -> dict:
    """How report `seed` is laid out as DOCX: numbering (Word automatic numbering of headings and
    lists), toc ("field": complex TOC field with PAGEREF fields, "simple": fldSimple PAGEREF),
    landscape (wide tables in landscape sections), repeat_header (table header rows repeat)."""
    rng = random.Random(f"docx-{kind}-{seed}")
    return {"numbering": rng.random() < 0.5, "toc": rng.choice(["field", "simple"]),
            "landscape": rng.random() < 0.5, "repeat_header": rng.random() < 0.5,
            "goback": rng.random()}


def pdf_style(seed: int, kind: str) -> dict:
    """How report `seed` is laid out as PDF: landscape (tables of 8+ columns on A4 landscape pages),
    repeat_header (a table continued on the next page repeats its header rows), codes ("plain"
    2010350, "spaced" 201 03 50, "split" 类 / 款 / 项 columns), row_h (minimum row height, mm)."""
    rng = random.Random(f"pdf-{kind}-{seed}")
    return {"landscape": rng.random() < 0.6, "repeat_header": rng.random() < 0.5,
            "codes": rng.choice(["plain", "spaced", "split"]), "row_h": rng.choice([5.5, 6.5, 8.0])}


PLAIN_DOCX = {"numbering": False, "toc": None, "landscape": False, "repeat_header": True, "goback": None}
PLAIN_PDF = {"landscape": False, "repeat_header": True, "codes": "plain", "row_h": 6.0}


# ---------------------------------------------------------------------------------------------
# Table grid: cells with column spans and vertical merges
# ---------------------------------------------------------------------------------------------

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


def _is_fcode_table(header: list, rows: list) -> bool:
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


def _align(g: GCell, nhead: int, kinds: Optional[dict] = None) -> str:
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


# ---------------------------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DXA_PER_MM = 56.6929
PORTRAIT = '<w:pgSz w:w="11906" w:h="16838"/>'
LANDSCAPE = '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
MARGINS = '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/>'


def _runs(text: str, rpr: str = "") -> str:
    out = []
    for k, line in enumerate(text.split("\n")):
        if k:
            out.append(f"<w:r>{rpr}<w:br/></w:r>")
        parts = line.split("\t")
        for j, part in enumerate(parts):
            if j:
                out.append(f"<w:r>{rpr}<w:tab/></w:r>")
            if part:
                out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(part)}</w:t></w:r>')
    return "".join(out)


def _p(inner: str, ppr: str = "") -> str:
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{inner}</w:p>"


# role -> (paragraph style, justification, first-line indent, run properties)
ROLE_PPR = {
    "cover": ("Title", "center", False, ""),
    "part": ("Heading1", "center", False, ""),
    "title": (None, "center", False, '<w:rPr><w:b/><w:sz w:val="32"/></w:rPr>'),
    "h1": ("Heading2", None, False, ""),
    "h2": ("Heading3", None, False, ""),
    "h3": ("Heading4", None, False, ""),
    "body": (None, None, True, ""),
    "center": (None, "center", False, '<w:rPr><w:b/><w:sz w:val="30"/></w:rPr>'),
    "right": (None, "right", False, ""),
    "unit": (None, None, False, '<w:rPr><w:sz w:val="20"/></w:rPr>'),
    "note": (None, None, False, '<w:rPr><w:sz w:val="18"/></w:rPr>'),
}


def _ppr(style: Optional[str] = None, page_break: bool = False, num: Optional[tuple] = None,
         tabs: str = "", indent: bool = False, jc: Optional[str] = None, rpr: str = "") -> str:
    """Paragraph properties in schema order."""
    out = f'<w:pStyle w:val="{style}"/>' if style else ""
    out += "<w:pageBreakBefore/>" if page_break else ""
    if num:
        out += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    out += tabs
    out += '<w:ind w:firstLineChars="200" w:firstLine="420"/>' if indent and not num else ""
    out += f'<w:jc w:val="{jc}"/>' if jc else ""
    return out + rpr


class _Numbering:
    """Word automatic numbering: one multi-level list (一、 / （一） / 1.) and one 1、 list; a
    paragraph is numbered only when Word's counter would print exactly its literal number, else it
    keeps the number as text. A list restarting at 1 gets a new w:num with startOverride."""

    MULTI, DEC = 9001, 9002

    def __init__(self) -> None:
        self.nums: list[tuple[int, int]] = []     # (numId, abstractNumId)
        self.cur = {"multi": None, "dec": None}
        self.count = {"multi": [0, 0, 0], "dec": [0]}
        self.next_id = 9101

    def _new(self, lst: str) -> int:
        nid = self.next_id
        self.next_id += 1
        self.nums.append((nid, self.MULTI if lst == "multi" else self.DEC))
        self.cur[lst] = nid
        self.count[lst] = [0, 0, 0] if lst == "multi" else [0]
        return nid

    def assign(self, p: Para) -> Optional[tuple[int, int]]:
        """(numId, ilvl) when p can carry automatic numbering, else None."""
        if p.num is None:
            return None
        lst, level, n = p.num
        c = self.count[lst]
        if self.cur[lst] is not None and c[level] + 1 == n:
            pass
        elif n == 1:
            self._new(lst)
            c = self.count[lst]
        else:
            return None
        c[level] += 1
        for k in range(level + 1, len(c)):
            c[k] = 0
        return self.cur[lst], level

    def xml(self) -> tuple[list[str], list[str]]:
        def lvl(i: int, fmt: str, text: str) -> str:
            return (f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="nothing"/>'
                    f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                    f'<w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>')
        abstracts = [
            f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{self.MULTI}"><w:multiLevelType w:val="multilevel"/>'
            + lvl(0, "chineseCounting", "%1、") + lvl(1, "chineseCounting", "（%2）") + lvl(2, "decimal", "%3.")
            + "</w:abstractNum>",
            f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{self.DEC}"><w:multiLevelType w:val="singleLevel"/>'
            + lvl(0, "decimal", "%1、") + "</w:abstractNum>",
        ]
        nums = []
        for nid, aid in self.nums:
            levels = 3 if aid == self.MULTI else 1
            over = "".join(f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="1"/></w:lvlOverride>'
                           for i in range(levels))
            nums.append(f'<w:num xmlns:w="{W_NS}" w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{over}</w:num>')
        return abstracts, nums


def _docx_measure(text: str) -> float:
    """Approximate width in mm of text at 9 pt."""
    return sum(3.2 if ord(ch) > 0x2E7F else 1.75 for ch in text)


def _tbl_xml(tab: Tab, avail_mm: float, repeat_header: bool) -> str:
    """A Word table: gridSpan for cells spanning columns, vMerge for cells spanning rows."""
    grid, ncols, nhead = grid_of(tab.header, tab.rows, tab.vmerge)
    widths = col_widths(grid, ncols, nhead, _docx_measure, avail_mm, 1.2)
    dxa = [max(200, int(w * DXA_PER_MM)) for w in widths]
    border = "".join(f'<w:{b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                     for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
    out = [(f'<w:tbl><w:tblPr><w:tblW w:w="{sum(dxa)}" w:type="dxa"/><w:jc w:val="center"/>'
            f'<w:tblBorders>{border}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>')]
    out += [f'<w:gridCol w:w="{d}"/>' for d in dxa]
    out.append("</w:tblGrid>")
    rpr = '<w:rPr><w:sz w:val="18"/></w:rPr>'
    kinds = column_kinds(grid, nhead)
    for ri, row in enumerate(grid):
        trpr = "<w:cantSplit/>" + ("<w:tblHeader/>" if ri < nhead and repeat_header else "")
        out.append(f"<w:tr><w:trPr>{trpr}</w:trPr>")
        for g in row:
            w = sum(dxa[g.col:g.col + g.span])
            tcpr = f'<w:tcW w:w="{w}" w:type="dxa"/>'
            if g.span > 1:
                tcpr += f'<w:gridSpan w:val="{g.span}"/>'
            if g.cont:
                tcpr += "<w:vMerge/>"
            elif g.down > 1:
                tcpr += '<w:vMerge w:val="restart"/>'
            tcpr += '<w:vAlign w:val="center"/>'
            jc = {"C": "center", "R": "right", "L": "left"}[_align(g, nhead, kinds)]
            text = "" if g.cont else g.text
            out.append(f'<w:tc><w:tcPr>{tcpr}</w:tcPr><w:p><w:pPr><w:spacing w:before="0" w:after="0"/>'
                       f'<w:jc w:val="{jc}"/>{rpr}</w:pPr>{_runs(text, rpr)}</w:p></w:tc>')
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _sect_break(landscape: bool) -> str:
    return _p("", f'<w:sectPr>{LANDSCAPE if landscape else PORTRAIT}{MARGINS}</w:sectPr>')


def docx_bytes(doc: Doc, style: dict, seed_label: str = "") -> bytes:
    """The DOCX file of a document model laid out with `style` (see docx_style)."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, 914400)                      # 1 inch (1440 dxa)
    normal = d.styles["Normal"]
    normal.font.size = Pt(10.5)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), "宋体")
    for sid in ("Heading 1", "Heading 2", "Heading 3", "Heading 4", "Title"):
        st = d.styles[sid]
        st.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "黑体")
    sec.header.paragraphs[0].text = doc.running
    foot = sec.footer.paragraphs[0]
    foot._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:t xml:space="preserve">第 </w:t></w:r>'))
    foot._p.append(parse_xml(f'<w:fldSimple xmlns:w="{W_NS}" w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    foot._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:t xml:space="preserve"> 页</w:t></w:r>'))
    foot.alignment = 1
    cp = d.core_properties
    cp.title, cp.author, cp.last_modified_by = doc.running, "make_samples.py", "make_samples.py"
    cp.created = cp.modified = datetime.datetime(2000, 1, 1)
    cp.revision = 1

    rng = random.Random(f"docx-body-{seed_label}")
    numbering = _Numbering() if style.get("numbering") else None
    paras = [b for b in doc.blocks if isinstance(b, Para)]
    # bookmarks: _Toc on the parts and top-level headings (TOC entries), _GoBack somewhere in the body
    toc_entries: list[tuple[Para, str]] = []
    if style.get("toc"):
        for p in paras:
            if p.role == "part" or (p.role == "h1" and p.num and p.num[1] == 0):
                toc_entries.append((p, f"_Toc{rng.randint(100000000, 999999999)}"))
            if len(toc_entries) >= 30:
                break
    toc_marks = {id(p): name for p, name in toc_entries}
    body_paras = [p for p in paras if p.role == "body"]
    goback = body_paras[int(style["goback"] * len(body_paras))] if style.get("goback") is not None and body_paras else None

    xml: list[str] = []
    bm_id = [1]

    def para_xml(p: Para, numbered: bool, tab_pos: int = 8960) -> str:
        pstyle, jc, indent, rpr = ROLE_PPR.get(p.role, ROLE_PPR["body"])
        page_break = p.page_break and not (xml and xml[-1].startswith("<w:p><w:pPr><w:sectPr>"))
        text, num = p.text, None
        if numbered and numbering is not None:
            num = numbering.assign(p)
            if num is not None:
                text = p.text[len(p.prefix):]
        tabs = f'<w:tabs><w:tab w:val="right" w:pos="{tab_pos}"/></w:tabs>' if p.role == "unit" else ""
        ppr = _ppr(pstyle, page_break, num, tabs, indent, jc, rpr)
        inner = _runs(text, rpr)
        if p.role == "unit":
            inner = _runs(p.text + "\t" + p.right, rpr)
        name = toc_marks.get(id(p))
        if name:
            inner = f'<w:bookmarkStart w:id="{bm_id[0]}" w:name="{name}"/>{inner}<w:bookmarkEnd w:id="{bm_id[0]}"/>'
            bm_id[0] += 1
        if p is goback:
            inner += '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>'
        return _p(inner, ppr)

    # table of contents
    toc_at = 0
    while toc_at < len(doc.blocks) and isinstance(doc.blocks[toc_at], Para) and doc.blocks[toc_at].role == "cover":
        toc_at += 1
    toc_xml: list[str] = []
    if toc_entries:
        pages = []
        pg = 2
        for _ in toc_entries:
            pg += rng.randint(0, 3)
            pages.append(pg)
        tabs = '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="8960"/></w:tabs>'
        toc_xml.append(_p(_runs("目    录"), '<w:pStyle w:val="TOCHeading"/><w:jc w:val="center"/>'))
        if style["toc"] == "field":
            for k, ((p, name), page) in enumerate(zip(toc_entries, pages)):
                head = ""
                if k == 0:
                    head = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
                            ' TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>')
                link = (f'<w:hyperlink w:anchor="{name}" w:history="1">{_runs(p.text)}<w:r><w:tab/></w:r>'
                        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
                        f' PAGEREF {name} \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                        f'<w:r><w:t>{page}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>')
                tail = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if k == len(toc_entries) - 1 else ""
                toc_xml.append(_p(head + link + tail, tabs))
        else:
            toc_xml.append(_p('<w:fldSimple w:instr=" TOC \\o &quot;1-3&quot; \\h \\z \\u "/>'))
            for (p, name), page in zip(toc_entries, pages):
                toc_xml.append(_p(_runs(p.text) + '<w:r><w:tab/></w:r>'
                                  f'<w:fldSimple w:instr=" PAGEREF {name} \\h "><w:r><w:t>{page}</w:t></w:r></w:fldSimple>',
                                  tabs))

    landscape_now = False
    for k, b in enumerate(doc.blocks):
        if k == toc_at and toc_xml:
            xml += toc_xml
            if not (isinstance(b, Para) and b.page_break):
                xml.append(_p('<w:r><w:br w:type="page"/></w:r>'))
        if isinstance(b, Para):
            if landscape_now:
                xml.append(_sect_break(True))
                landscape_now = False
            xml.append(para_xml(b, True))
            continue
        width = max((sum(cs for _, cs in r) for r in b.header + b.rows), default=0)
        wide = bool(style.get("landscape")) and width >= 8
        if wide != landscape_now:
            xml.append(_sect_break(landscape_now))
            landscape_now = wide
        for p in b.pre:
            xml.append(para_xml(p, False, 13900 if wide else 8960))
        xml.append(_tbl_xml(b, 246.0 if wide else 159.0, bool(style.get("repeat_header"))))
        for p in b.post:
            xml.append(para_xml(p, False))
    if landscape_now:
        xml.append(_sect_break(True))

    body = d.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    frag = parse_xml(f'<w:body xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                     + "".join(xml) + "</w:body>")
    sect = body.sectPr
    for el in list(frag):
        sect.addprevious(el)
    # every section shows the running header and the page footer: Word gives a section without
    # header / footer references none at all, so the inner sections get copies of the last one's
    refs = [el for el in sect if el.tag in (qn("w:headerReference"), qn("w:footerReference"))]
    for inner in body.iter(qn("w:sectPr")):
        if inner is not sect:
            for ref in reversed(refs):
                inner.insert(0, copy.deepcopy(ref))
    if numbering and numbering.nums:
        np_el = d.part.numbering_part.element
        abstracts, nums = numbering.xml()
        first_num = np_el.find(qn("w:num"))
        for a in abstracts:
            el = parse_xml(a)
            if first_num is not None:
                first_num.addprevious(el)
            else:
                np_el.append(el)
        for n in nums:
            np_el.append(parse_xml(n))
    buf = io.BytesIO()
    d.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with fixed entry dates, so that equal documents give equal bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------------------------

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
        if st.get("codes") in ("spaced", "split") and _is_fcode_table(header, rows):
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
                    al = _align(g, nhead, kinds)
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


# ---------------------------------------------------------------------------------------------
# Synthetic reports
# ---------------------------------------------------------------------------------------------

def _resolve(kind: str, seed: int) -> str:
    if kind not in ms.KINDS:
        raise ValueError(f"kind must be one of {ms.KINDS}, not {kind!r}")
    return ms.kind_for(seed) if kind == "mixed" else kind


def write_docx(seed: int, kind: str, path: Union[str, Path], style: Optional[dict] = None) -> dict:
    """Write the synthetic report `seed` of `kind` as DOCX to path; returns its truth (the truth of
    make_samples.generate(seed, 0.0, "flat", kind))."""
    kind = _resolve(kind, seed)
    doc, truth = report_doc(seed, kind)
    Path(path).write_bytes(docx_bytes(doc, style or docx_style(seed, kind), f"{kind}-{seed}"))
    return truth


def write_pdf(seed: int, kind: str, path: Union[str, Path], style: Optional[dict] = None,
              font: Optional[str] = None) -> dict:
    """Write the synthetic report `seed` of `kind` as PDF to path; returns its truth."""
    kind = _resolve(kind, seed)
    doc, truth = report_doc(seed, kind)
    Path(path).write_bytes(pdf_bytes(doc, style or pdf_style(seed, kind), font))
    return truth


# ---------------------------------------------------------------------------------------------
# Extracted report JSON -> document
# ---------------------------------------------------------------------------------------------

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")


def _fv(f) -> object:
    """The value of a Field (dict with "value") or of a plain value."""
    if isinstance(f, dict):
        return f.get("value")
    return f


def _name_text(f) -> str:
    """A row name as printed: empty when the tool made the name up (raw ""), e.g. 三公经费 or 第1行."""
    if isinstance(f, dict):
        if f.get("raw") == "":
            return ""
        f = f.get("value")
    return "" if f is None else str(f)


def _num_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        v = Decimal(repr(v))
    if isinstance(v, (int, Decimal)):
        s = format(Decimal(v), "f")
        return s
    return str(v)


def field_text(f) -> str:
    """A Field as printed: its raw text when that is the same number as its value (keeps 204.60 or
    1,234.00 as printed), else the value."""
    if f is None:
        return ""
    if not isinstance(f, dict):
        return _num_text(f)
    v, raw = f.get("value"), f.get("raw")
    if v is None:
        return ""
    if isinstance(raw, str) and raw.strip():
        clean = re.sub(r"\s+", "", raw.translate(FULLWIDTH_DIGITS))
        if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool):
            try:
                if Decimal(clean.replace(",", "").rstrip("%")) == Decimal(repr(v) if isinstance(v, float) else v):
                    return clean
            except InvalidOperation:
                pass
        elif isinstance(v, str) and clean == re.sub(r"\s+", "", v):
            return v
    return _num_text(v)


def _path_header(cols: list[str], lead: list[str], depth: int) -> list[list]:
    """Header rows for "/"-joined column paths: cells of a shared prefix merged across columns, a
    shorter path or a lead column (code, name) continuing down (empty cells below it)."""
    paths = [c.split("/") for c in cols]
    rows = []
    for k in range(depth):
        row = [(lab if k == 0 else "", 1) for lab in lead]
        i = 0
        while i < len(paths):
            p = paths[i]
            if len(p) <= k:
                row.append(("", 1))
                i += 1
                continue
            j = i + 1
            if len(p) > k + 1:
                while j < len(paths) and len(paths[j]) > k + 1 and paths[j][:k + 1] == p[:k + 1]:
                    j += 1
            row.append((p[k], j - i))
            i = j
        rows.append(row)
    return rows


def _json_table(t: dict, dept: str) -> Tab:
    cols = list(t.get("columns") or [])
    rows = t.get("rows") or []
    blocks = [r.get("block") for r in rows]
    if any(blocks):
        order = [b for b in dict.fromkeys(x for x in blocks if x)]
        sides = []
        for b in order:
            brows = [r for r in rows if r.get("block") == b]
            keys = {k for r in brows for k in (r.get("values") or {})}
            bcols = [c for c in cols if c in keys] or cols[:1]
            sides.append((b, brows, bcols))
        depth = max(max((len(c.split("/")) for c in bc), default=1) for _, _, bc in sides)
        header = [[(b, 1 + len(bc)) for b, _, bc in sides]]
        parts = [_path_header(bc, ["项目"], depth) for _, _, bc in sides]
        for k in range(depth):
            header.append([cell for part in parts for cell in part[k]])
        data = []
        for i in range(max(len(br) for _, br, _ in sides)):
            row = []
            for _, br, bc in sides:
                if i < len(br):
                    r = br[i]
                    row.append((_name_text(r.get("name")), 1))
                    row += [(field_text((r.get("values") or {}).get(c)), 1) for c in bc]
                else:
                    row += [("", 1)] * (1 + len(bc))
            data.append(row)
    else:
        has_code = any(_fv(r.get("code")) for r in rows)
        has_name = any(_name_text(r.get("name")) for r in rows)
        lead = ["科目编码", "科目名称"] if has_code else (["项目"] if has_name or not cols else [])
        depth = max((len(c.split("/")) for c in cols), default=1)
        header = _path_header(cols, lead, depth)
        data = []
        for r in rows:
            code, name = _fv(r.get("code")), _name_text(r.get("name"))
            vals = [(field_text((r.get("values") or {}).get(c)), 1) for c in cols]
            if has_code:
                lead_cells = [(str(code), 1), (name, 1)] if code else [(name, 2)]
            else:
                lead_cells = [(name, 1)] if has_name else []
            data.append(lead_cells + vals)
    title = t.get("title") or ""
    code = t.get("code") or ""
    pre = [Para(title, "center", page_break=True)] if title else []
    if code:
        pre.append(Para(code, "right", page_break=not pre))
    pre.append(Para(f"部门：{dept}", "unit", right=f"单位：{t.get('unit') or '万元'}", page_break=not pre))
    post = [Para(n, "note") for n in (t.get("notes") or []) if isinstance(n, str) and n.strip()]
    return Tab(header, data, (), pre, post, code or title)


def _subject_text(subject: str) -> str:
    parts = [x for x in (subject or "").split("/") if x]
    return "".join(f"{p}（{lv}）" for p, lv in zip(parts, ("类", "款", "项")))


def _explanation_paras(i: int, e: dict, budget_kind: bool, year) -> list[Para]:
    subj = _subject_text(str(_fv(e.get("subject")) or ""))
    budget, actual = field_text(e.get("budget")), field_text(e.get("actual"))
    rate, direction = field_text(e.get("completion_rate")), _fv(e.get("direction"))
    reason = _fv(e.get("reason"))
    reason = str(reason).strip() if reason else ""
    if budget_kind and not actual:
        change, crate = field_text(e.get("change")), field_text(e.get("change_rate"))
        body = f"{year}年预算数为{budget}万元" if budget else ""
        if direction == "持平":
            body += "，与上年执行数持平"
        elif direction in ("增加", "减少") and change:
            body += f"，比上年执行数{direction}{change}万元"
            if crate:
                body += f"，{'增长' if direction == '增加' else '下降'}{crate}%"
        elif direction in ("增加", "减少") and crate:
            body += f"，比上年执行数{direction}{crate}%"
        elif direction in ("增加", "减少"):
            body += f"，比上年执行数有所{direction}"
        if reason:
            body += f"，主要原因是：{reason}"
        body = body.lstrip("，")
        if not body.endswith("。"):
            body += "。"
        return [Para(f"{i}、{subj}：{body}", "body")]
    parts = []
    if budget:
        parts.append(f"年初预算为{budget}万元")
    if actual:
        parts.append(f"支出决算为{actual}万元")
    if rate:
        parts.append(f"完成年初预算的{rate}%")
    if direction in ("大于", "小于"):
        parts.append(f"决算数{direction}年初预算数" + (f"的主要原因是：{reason}" if reason else ""))
    elif direction == "等于":
        parts.append("决算数与年初预算数持平" + (f"，{reason}" if reason else ""))
    elif reason:
        parts.append(f"主要原因是：{reason}")
    body = "，".join(parts)
    if body and not body.endswith("。"):
        body += "。"
    return [Para(f"{i}、{subj}。", "body"), Para(body, "body")] if body else [Para(f"{i}、{subj}。", "body")]


def _project_para(p: dict) -> Optional[Para]:
    name = _fv(p.get("name"))
    if not name:
        return None
    bits = []
    for key, fmt in (("budget", "全年预算数{}万元"), ("actual", "执行数{}万元"), ("completion_rate", "完成预算的{}%"),
                     ("score", "部门评价得分{}分"), ("grade", "评价等级为“{}”")):
        v = field_text(p.get(key))
        if v:
            bits.append(fmt.format(v))
    if not bits:
        return None
    return Para(f"“{name}”项目" + "，".join(bits) + "。", "body")


def report_json_doc(report: dict) -> Doc:
    """The document model of an extracted report (the output contract of the tool)."""
    info = report.get("report") or {}
    dept = str(_fv(info.get("department")) or "")
    year = _fv(info.get("year")) or ""
    kind = str(_fv(info.get("kind")) or "")
    if kind in ("", "unknown"):
        kind = "部门决算"
    title = f"{dept}{year}年{kind}"
    blocks: list = [Para(title, "cover")]
    n = 0

    def head(text: str) -> None:
        nonlocal n
        n += 1
        blocks.append(Para(f"{ms.cn_num(n)}、{text}", "h1", num=("multi", 0, n), prefix=f"{ms.cn_num(n)}、"))

    perf = report.get("performance") or {}
    tables = report.get("tables") or []
    if perf.get("indicators"):      # the 自评表 is drawn from performance.indicators below
        tables = [t for t in tables if t.get("template") != "performance"]
    if tables:
        head("报表")
        for t in tables:
            blocks.append(_json_table(t, dept))
    expl = report.get("explanations") or []
    budget_kind = "预算" in kind
    if expl:
        blocks.append(Para(f"{ms.cn_num(n + 1)}、{'一般公共预算支出预算具体情况' if budget_kind else '一般公共预算财政拨款支出决算具体情况'}",
                           "h1", page_break=bool(tables)))
        n += 1
        for i, e in enumerate(expl, 1):
            blocks += _explanation_paras(i, e, budget_kind, year)
    projects = report.get("projects") or []
    children = [p for p in projects if p.get("parent")]
    parents = {str(p.get("parent")) for p in children}
    listed = [p for p in projects if _fv(p.get("actual")) is not None and _fv(p.get("budget")) is None
              and _fv(p.get("name")) and not p.get("parent")]
    tops = [p for p in projects if not p.get("parent") and str(_fv(p.get("name"))) in parents]
    evaluated = [pp for pp in (_project_para(p) for p in projects if p not in listed and p not in tops
                               and not p.get("parent")) if pp]
    if listed:
        head("项目支出情况")
        for k, p in enumerate(listed, 1):
            name = str(_fv(p.get("name")))
            blocks.append(Para(f"{k}、{name}项目支出{field_text(p.get('actual'))}万元。", "body",
                               num=("dec", 0, k), prefix=f"{k}、"))
    if tops:
        # projects with sub-projects, in the 绩效自评 phrasing: 项目“P”年初预算金额…（1）X 项目支出…
        head("项目实施情况")
        for p in tops:
            name = str(_fv(p.get("name")))
            blocks.append(Para(f"项目“{name}”年初预算金额{field_text(p.get('budget')) or 0}万元，实际支出"
                               f"{field_text(p.get('actual')) or 0}万元。项目实施及绩效情况如下：", "body"))
            for k, c in enumerate([c for c in children if str(c.get("parent")) == name], 1):
                blocks.append(Para(f"（{k}）{_fv(c.get('name'))}", "body"))
                blocks.append(Para(f"项目支出{field_text(c.get('actual')) or 0}万元。", "body"))
    if evaluated:
        head("项目支出绩效情况")
        blocks += evaluated
    score, grade = field_text(perf.get("score")), field_text(perf.get("grade"))
    inds = perf.get("indicators") or []
    if score or inds:
        head("绩效自评结果")
        if score:
            line = f"经综合评价，本部门{year}年度整体支出绩效自评得分{score}分"
            blocks.append(Para(line + (f"，评价等级为“{grade}”。" if grade else "。"), "body"))
        if inds:
            hdr = [[(h, 1) for h in ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")]]
            rows, last1, last2 = [], None, None
            for ind in inds:
                l1, l2 = str(_fv(ind.get("level1")) or ""), str(_fv(ind.get("level2")) or "")
                rows.append([(l1 if l1 != last1 else "", 1), (l2 if (l1, l2) != (last1, last2) else "", 1)]
                            + [(field_text(ind.get(k)), 1) for k in ("name", "target", "actual", "weight", "score")])
                last1, last2 = l1, l2
            if score:
                rows.append([("总分", 5), ("100", 1), (score, 1)])
            blocks.append(Tab(hdr, rows, (0, 1), [Para(f"{year}年度部门整体支出绩效自评表", "center", page_break=True)],
                              [], "自评表"))
    return Doc("json", dept, int(year) if str(year).isdigit() else 0, title, blocks)


def render_report_json(report: dict, path: Union[str, Path], fmt: str, font: Optional[str] = None) -> None:
    """Render an extracted report JSON (dict) as "docx" or "pdf" at path: title with department and
    year, each table of tables[] (title, code line, unit line, header rebuilt from the column paths
    with merged cells, code / name columns, values as printed), each explanation in the 决算 pattern
    (预算 pattern for a 部门预算 without actuals), each project in the 部门评价 pattern, and the
    self-evaluation score and indicators."""
    doc = report_json_doc(report)
    if fmt == "docx":
        data = docx_bytes(doc, PLAIN_DOCX, "json")
    elif fmt == "pdf":
        data = pdf_bytes(doc, PLAIN_PDF, font)
    else:
        raise ValueError(f"fmt must be docx or pdf, not {fmt!r}")
    Path(path).write_bytes(data)
