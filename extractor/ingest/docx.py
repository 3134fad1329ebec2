"""Read DOCX reports: paragraphs in order (numbering restored), tables with merged cells.

What it does: walks the document body in order. A paragraph becomes a Line; automatic numbering
(w:numPr on the paragraph or its style: 一、 （一） 1. …) is written back in front of its text;
bookmarks, field codes and the entries of a TOC field are left out. A table becomes a SourceTable
whose rows hold one TableCell per printed cell: a cell spanning columns (gridSpan) is one cell, a
vertically merged cell (vMerge) is an empty cell below its first row — the shape converted text
has, so the same table code reads all formats. Legacy .doc / .wps files are converted with
LibreOffice (soffice) when it is installed.
What it does not: read headers, footers, text boxes or comments.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from ..datamodel import Document, Line, SourceTable, TableCell
from ..datamodel.readers import grid_report, register
from ..datamodel.errors import ExtractionError
from .files import sha256_bytes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CN = "零一二三四五六七八九"


def _cn(n: int) -> str:
    if n < 10:
        return CN[n]
    if n < 20:
        return "十" + (CN[n - 10] if n > 10 else "")
    if n < 100:
        return CN[n // 10] + "十" + (CN[n % 10] if n % 10 else "")
    return str(n)


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional",
               "taiwaneseCountingThousand"):
        return _cn(n)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "none" or fmt == "bullet":
        return ""
    return str(n)


class _Numbering:
    """Counters of Word's automatic numbering, to print the labels a reader sees."""

    def __init__(self, doc) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) -> (fmt, text, start)
        self.counters: dict[str, list[int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            numbering = doc.part.numbering_part.element
        except (KeyError, AttributeError, NotImplementedError):
            numbering = None
        if numbering is not None:
            abstract = {}
            for an in numbering.iter(W + "abstractNum"):
                lv = {}
                for lvl in an.iter(W + "lvl"):
                    ilvl = int(lvl.get(W + "ilvl", "0"))
                    fmt = lvl.find(W + "numFmt")
                    txt = lvl.find(W + "lvlText")
                    start = lvl.find(W + "start")
                    lv[ilvl] = (fmt.get(W + "val") if fmt is not None else "decimal",
                                txt.get(W + "val") if txt is not None else f"%{ilvl + 1}.",
                                int(start.get(W + "val")) if start is not None else 1)
                abstract[an.get(W + "abstractNumId")] = lv
            for num in numbering.iter(W + "num"):
                aid = num.find(W + "abstractNumId")
                if aid is None:
                    continue
                for ilvl, spec in abstract.get(aid.get(W + "val"), {}).items():
                    self.levels[(num.get(W + "numId"), ilvl)] = spec
        try:
            styles = doc.styles.element
            for st in styles.iter(W + "style"):
                npr = st.find(f"{W}pPr/{W}numPr")
                if npr is not None:
                    nid = npr.find(W + "numId")
                    il = npr.find(W + "ilvl")
                    if nid is not None:
                        self.style_num[st.get(W + "styleId")] = (nid.get(W + "val"),
                                                                 int(il.get(W + "val")) if il is not None else 0)
        except (AttributeError, KeyError):
            pass

    def label(self, p) -> str:
        ppr = p.find(W + "pPr")
        num_id, ilvl = None, 0
        if ppr is not None:
            npr = ppr.find(W + "numPr")
            if npr is not None:
                nid, il = npr.find(W + "numId"), npr.find(W + "ilvl")
                num_id = nid.get(W + "val") if nid is not None else None
                ilvl = int(il.get(W + "val")) if il is not None else 0
            elif ppr.find(W + "pStyle") is not None:
                sid = ppr.find(W + "pStyle").get(W + "val")
                if sid in self.style_num:
                    num_id, ilvl = self.style_num[sid]
        if not num_id or num_id == "0" or (num_id, ilvl) not in self.levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        fmt, text, start = self.levels[(num_id, ilvl)]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        label = text
        for lvl in range(ilvl, -1, -1):
            spec = self.levels.get((num_id, lvl))
            if spec is None:
                continue
            value = counters[lvl] or spec[2]
            label = label.replace(f"%{lvl + 1}", _format_number(value, spec[0] if lvl == ilvl else spec[0]))
        return label


class _Fields:
    """Tracks complex fields (w:fldChar) so TOC entries and field codes are skipped."""

    def __init__(self) -> None:
        self.stack: list[str] = []  # instruction of each open field
        self.in_code = False

    @property
    def in_toc(self) -> bool:
        return any(i.lstrip().upper().startswith("TOC") for i in self.stack)


_HIDDEN_FIELDS = ("TOC", "PAGEREF", "PAGE", "NUMPAGES", "HYPERLINK \\L \"_TOC")


def _paragraph_text(p, fields: _Fields) -> str:
    # text shown by simple fields of a table of contents or page numbers is not report text
    hidden: set[int] = set()
    for fs in p.iter(W + "fldSimple"):
        if (fs.get(W + "instr") or "").strip().upper().startswith(_HIDDEN_FIELDS):
            hidden.update(id(t) for t in fs.iter(W + "t"))
    parts: list[str] = []
    for el in p.iter():
        tag = el.tag
        if tag == W + "fldChar":
            kind = el.get(W + "fldCharType")
            if kind == "begin":
                fields.stack.append("")
                fields.in_code = True
            elif kind == "separate":
                fields.in_code = False
            elif kind == "end":
                if fields.stack:
                    fields.stack.pop()
                fields.in_code = False
        elif tag == W + "instrText":
            if fields.stack:
                fields.stack[-1] += el.text or ""
        elif fields.in_code or fields.in_toc:
            continue
        elif tag == W + "t":
            if id(el) not in hidden:
                parts.append(el.text or "")  # deleted text (tracked changes) is w:delText, not w:t
        elif tag == W + "tab":
            parts.append(" ")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc, fields: _Fields) -> str:
    texts = []
    for p in tc.iter(W + "p"):
        texts.append(_paragraph_text(p, fields))
    return "\n".join(t for t in texts if t.strip()) if len(texts) > 1 else (texts[0] if texts else "")


def _table(tbl, fields: _Fields, counter: list[int]) -> list[list[TableCell]]:
    rows: list[list[TableCell]] = []
    for tr in tbl.iterchildren(W + "tr"):
        row: list[TableCell] = []
        for tc in tr.iterchildren(W + "tc"):
            tcpr = tc.find(W + "tcPr")
            continued = False
            if tcpr is not None:
                vm = tcpr.find(W + "vMerge")
                if vm is not None and vm.get(W + "val") in (None, "continue"):
                    continued = True
            counter[0] += 1
            row.append(TableCell(text="" if continued else _cell_text(tc, fields), no=counter[0]))
        rows.append(row)
    return rows


@register
class DocxTableReader:
    """A Word table (w:tbl) -> SourceTable: one cell per printed cell (gridSpan is one cell, a vMerge
    continuation an empty cell), with its parsing report."""

    name = "docx"

    def read(self, tbl, fields: _Fields, counter: list[int], at: int) -> SourceTable:
        rows = _table(tbl, fields, counter)
        return SourceTable(at=at, rows=rows, method=self.name,
                           report=grid_report(self.name, ([c.text for c in r] for r in rows),
                                              joined_cells=sum(1 for r in rows for c in r if "\n" in c.text)))


def _convert_legacy(path: Path, out: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise ExtractionError(str(path), "ingest",
                              f"legacy {path.suffix} file: converting it needs LibreOffice (soffice), which is not "
                              "installed (apt-get install libreoffice-writer-nogui), or save it as .docx")
    try:
        proc = subprocess.run([soffice, "--headless", "--convert-to", "docx", "--outdir", str(out), str(path)],
                              capture_output=True, text=True, timeout=180)
    except subprocess.TimeoutExpired:
        raise ExtractionError(str(path), "ingest", "LibreOffice took more than 180 s to convert the file") from None
    converted = out / (path.stem + ".docx")
    if proc.returncode != 0 or not converted.exists():
        raise ExtractionError(str(path), "ingest", f"LibreOffice could not convert the file: {proc.stderr.strip()[:200]}")
    return converted


def read_docx(path: Path, max_bytes: int = 200_000_000) -> Document:
    spath = str(path)
    size = path.stat().st_size
    if size == 0:
        raise ExtractionError(spath, "ingest", "empty file (0 bytes)")
    if max_bytes and size > max_bytes:
        raise ExtractionError(spath, "ingest", f"file too large: {size / 1e6:.1f} MB exceeds {max_bytes / 1e6:.0f} MB")
    data = path.read_bytes()
    if path.suffix.lower() in (".doc", ".wps"):
        with tempfile.TemporaryDirectory(prefix="extractor-doc-") as tmp:
            converted = _convert_legacy(path, Path(tmp))
            doc = _read_package(path, converted, data, size)
        doc.format = path.suffix.lower().lstrip(".")
        doc.route = "docx (converted by LibreOffice)"
        return doc
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ExtractionError(spath, "ingest", "password-protected (encrypted) Word file, or a legacy .doc saved "
                                                "as .docx: cannot read it")
    return _read_package(path, path, data, size)


def _read_package(path: Path, source: Path, data: bytes, size: int) -> Document:
    spath = str(path)
    if not zipfile.is_zipfile(str(source)):
        raise ExtractionError(spath, "ingest", "not a valid DOCX file (corrupt or truncated: not a zip package)")
    try:
        import docx  # python-docx

        document = docx.Document(str(source))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ExtractionError(spath, "ingest", f"not a valid DOCX file (corrupt or truncated): {exc}") from None
    except Exception as exc:  # python-docx raises several types for broken packages
        raise ExtractionError(spath, "ingest", f"cannot open the DOCX file: {type(exc).__name__}: {exc}") from None
    numbering = _Numbering(document)
    fields = _Fields()
    lines: list[Line] = []
    tables: list[SourceTable] = []
    counter = [0]
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == W + "p":
            label = numbering.label(child)
            text = _paragraph_text(child, fields)
            if fields.in_toc and not text.strip():
                continue
            text = label + text if text.strip() else text
            for piece in text.split("\n"):
                counter[0] += 1
                lines.append(Line(text=piece, no=counter[0]))
        elif child.tag == W + "tbl":
            tables.append(DocxTableReader().read(child, fields, counter, at=len(lines)))
            lines.append(Line(text="", no=counter[0]))  # a break after the table
    if not any(ln.text.strip() for ln in lines) and not tables:
        raise ExtractionError(spath, "ingest", "the DOCX file holds no text")
    return Document(path=spath, sha256=sha256_bytes(data), format="docx", route="docx",
                    lines=lines, tables=tables, size=size,
                    encoding=None)
