"""The document model the DOCX and PDF renderers draw: a report as paragraphs (`Para`, with a role:
cover, part, title, headings h1–h3, body, unit line, note …) and tables (`Tab`: header and data rows
of (text, colspan) cells, merged columns, the paragraphs around them) in printed order (`Doc`).
`report_doc(seed, kind)` builds it from the synthetic report's recorded lines; `classify` tells a
narrative line's role and number.

No file formats (docx_writer.py, pdf_writer.py) and no table geometry (grid.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .kinds import generate_recorded, kind_for
from .numerals import cn_value
from .recording import Recorder


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


PREFIXES = [
    ("multi", 0, re.compile(r"^([一二三四五六七八九十]{1,3})、")),
    ("multi", 1, re.compile(r"^（([一二三四五六七八九十]{1,3})）")),
    ("multi", 2, re.compile(r"^(\d{1,2})\.(?=[^\d\s])")),
    ("dec", 0, re.compile(r"^(\d{1,2})、")),
]
PART_RE = re.compile(r"^第[一二三四五六七八九十]+部分")


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
        kind = kind_for(seed)
    rec = Recorder()
    _, truth = generate_recorded(seed, 0.0, "flat", kind, rec)
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
