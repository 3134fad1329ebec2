"""Synthetic reports as DOCX files: `write_docx(seed, kind, path)` lays out the report that
`generate(seed, 0.0, "flat", kind)` writes as text and returns that call's truth; `docx_bytes(doc,
style)` writes any document model; `docx_style(seed, kind)` draws a report's layout choices from
the seed (never from the generator's random streams, so the text does not change).

Paragraphs in order; headings 一、/（一）/1. and the 1、 lists with real Word automatic numbering in
some reports (the number is then not part of the paragraph text); tables as Word tables (python-docx
for the package, the tables written as WordprocessingML), header cells spanning columns merged with
gridSpan, header cells spanning rows (an empty cell below them in the TableSpec) merged with vMerge,
and the merged label columns of the 绩效 forms merged the same way; title, code line, 部门 … 单位 line
and notes as paragraphs around each table; a running header, a footer with a PAGE field, one
`_GoBack` bookmark, `_Toc` bookmarks and a table of contents field (complex TOC field with PAGEREF
fields, or fldSimple PAGEREF fields) to be ignored; in some reports wide tables in landscape
sections and table header rows marked to repeat. Deterministic: fixed dates, same bytes.

Needs python-docx (imported when a file is written). Not PDF (pdf_writer.py).
"""
from __future__ import annotations

import copy
import datetime
import io
import random
import zipfile
from pathlib import Path
from typing import Optional, Union
from xml.sax.saxutils import escape

from .document import Doc, Para, Tab, report_doc
from .grid import cell_align, col_widths, column_kinds, grid_of
from .kinds import resolve_kind


def docx_style(seed: int, kind: str) -> dict:
    """How report `seed` is laid out as DOCX: numbering (Word automatic numbering of headings and
    lists), toc ("field": complex TOC field with PAGEREF fields, "simple": fldSimple PAGEREF),
    landscape (wide tables in landscape sections), repeat_header (table header rows repeat)."""
    rng = random.Random(f"docx-{kind}-{seed}")
    return {"numbering": rng.random() < 0.5, "toc": rng.choice(["field", "simple"]),
            "landscape": rng.random() < 0.5, "repeat_header": rng.random() < 0.5,
            "goback": rng.random()}


PLAIN_DOCX = {"numbering": False, "toc": None, "landscape": False, "repeat_header": True, "goback": None}


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
            jc = {"C": "center", "R": "right", "L": "left"}[cell_align(g, nhead, kinds)]
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


def write_docx(seed: int, kind: str, path: Union[str, Path], style: Optional[dict] = None) -> dict:
    """Write the synthetic report `seed` of `kind` as DOCX to path; returns its truth (the truth of
    generate(seed, 0.0, "flat", kind))."""
    kind = resolve_kind(kind, seed)
    doc, truth = report_doc(seed, kind)
    Path(path).write_bytes(docx_bytes(doc, style or docx_style(seed, kind), f"{kind}-{seed}"))
    return truth
