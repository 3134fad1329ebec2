"""Read PDF reports with a text layer: lines in reading order, ruled tables with camelot.

What it does: checks the file (encrypted, corrupt, truncated, no pages: a clear error), reads each
page's text lines with their boxes (pdfplumber), has the table readers find tables — the lattice
reader (pdf_tables.py, camelot) on the pages that have ruling lines, the alignment reader
(paged/alignment.py) on the others, told of the table the page before ends in (nothing but the
page number or pieces of its right-hand text column under it) so that a page opening with that
table's untitled rest is read — and leaves the tables' text out of the narrative lines. Running
headers, footers and page numbers are dropped. A page whose MediaBox names its corners top-left
first has its characters put back on the page (pdfminer leaves them a page height below it), and
characters of a font with broken metrics (a box hanging below its baseline) get a box built from
the baseline, which on ruled pages also gives camelot's cells their text (pdf_tables.py).
Pages without a usable text layer (scanned, or glyph garbage) are named
in a warning: they need OCR.
What it does not: OCR (ocr/), or join a table that runs over several pages (structure/ does that).
"""
from __future__ import annotations

import logging
import re
import time
from pathlib import Path

from ..datamodel import Document, Line, ScanPage, SourceTable
from ..datamodel.errors import ExtractionError
from ..paged.alignment import stream_tables
from ..paged.lines import drop_running, place_tables, tokens_of_chars
from .files import sha256_bytes
from .pages import page_ranges
from .pdf_tables import LatticeReader

log = logging.getLogger(__name__)

MIN_RULES = 6  # ruling line segments on a page before camelot is asked for tables
_FOLIO = re.compile(r"^[\s\-—–第页共/\d]*$")  # a page number under the last table of a page
_GARBAGE = re.compile(r"\(cid:\d+\)|[\ue000-\uf8ff\ufffd]")


def _open_checked(path: Path):
    spath = str(path)
    size = path.stat().st_size
    if size == 0:
        raise ExtractionError(spath, "ingest", "empty file (0 bytes)")
    head = path.read_bytes()[:1024]
    if b"%PDF" not in head:
        raise ExtractionError(spath, "ingest", "not a PDF file (no %PDF header)")
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(spath)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise ExtractionError(spath, "ingest", "encrypted PDF: it needs a password to open") from None
        raise ExtractionError(spath, "ingest", f"corrupt or truncated PDF: {msg}") from None
    n = len(pdf)
    pdf.close()
    if n == 0:
        raise ExtractionError(spath, "ingest", "the PDF has no pages")
    return n


_ASCENT, _DESCENT = 0.78, 0.22  # where a glyph stands around its baseline, in units of its size


def _true_boxes(chars: list[dict]) -> tuple[list[dict], bool]:
    """The characters with boxes that stand where the glyphs are drawn: a font whose metrics are
    broken (its descent as deep as its size: the box hangs below the baseline, half a table row
    lower than the glyph is drawn) gets a box built from the baseline instead. Returns the chars and
    whether any box was moved."""
    out, moved = [], False
    for ch in chars:
        size = float(ch.get("size") or 0)
        matrix = ch.get("matrix")
        if not size or not matrix or not ch.get("upright", True):
            out.append(ch)
            continue
        baseline = ch["bottom"] - (float(matrix[5]) - ch["y0"])  # top-origin, like `top`
        if baseline >= ch["top"] + 0.25 * size:
            out.append(ch)  # the baseline inside the box, as a font's metrics put it
            continue
        fixed = dict(ch)
        fixed["top"], fixed["bottom"] = baseline - _ASCENT * size, baseline + _DESCENT * size
        out.append(fixed)
        moved = True
    return out, moved


def _box_shift(page) -> tuple[float, float]:
    """How far pdfminer misplaces a page's characters when its MediaBox names the corners the other
    way round (`[0 595 842 0]`, top-left first: the spec allows any two opposite corners). pdfminer
    starts the page at the first corner given, so every character lands a page height below the
    page; poppler, pdfium and camelot's own copy of the page place them right. -> (dx, dy) to add
    to x and to take from top (0, 0 for a box written bottom-left first)."""
    box = getattr(getattr(page, "page_obj", None), "mediabox", None)
    try:
        x0, y0, x1, y1 = (float(v) for v in box)
    except (TypeError, ValueError):
        return 0.0, 0.0
    return x0 - min(x0, x1), y0 - min(y0, y1)


_OVERPRINT = 1.0  # points: a character drawn again this close, same text, font and size, is one (fake bold)


def _page_chars(page) -> list[dict]:
    """The page's characters, each once where it was drawn several times over itself (a title set
    in fake bold: `表表表表表55555`), placed on the page even where its MediaBox is written corners
    reversed."""
    chars = page.dedupe_chars(tolerance=_OVERPRINT).chars if page.chars else page.chars
    dx, dy = _box_shift(page)
    if not dx and not dy:
        return chars
    out = []
    for ch in chars:
        ch = dict(ch)
        ch["x0"] += dx
        ch["x1"] += dx
        for k in ("top", "bottom", "doctop"):
            if k in ch:
                ch[k] -= dy
        for k in ("y0", "y1"):
            if k in ch:
                ch[k] += dy
        if ch.get("matrix"):  # the glyph's origin moves with its box (its baseline: _true_boxes)
            a, b, c, d, e, f = ch["matrix"]
            ch["matrix"] = (a, b, c, d, e + dx, f + dy)
        out.append(ch)
    return out


_HAN = re.compile(r"[\u4e00-\u9fff]")


def _once(text: str) -> str:
    """A cell's text that camelot read from fake-bold type, its words repeated as often as they were
    drawn (`合计合计合计`) -> the words once; any other text as it is."""
    t = text.strip()
    n = len(t)
    for p in range(1, n // 2 + 1):
        if n % p == 0 and _HAN.search(t[:p]) and t[:p] * (n // p) == t:
            return t[:p].strip()
    return text


def _held(line: dict, tables: list) -> bool:
    """A text line that a ruled table on its page already holds: it reaches into the table's rows and
    every word of it is a cell of that table (a word of Han characters may be part of a cell: a
wrapped name, a `序 号` header set in two lines). Text printed
    a little off its frame (row numbers left of the first rule, a first row above the top rule)
    escapes the table's box but is the table's all the same."""
    words = line["text"].split()
    for t in tables:
        x0, top, x1, bottom = t.bbox
        if line["bottom"] <= top or line["top"] >= bottom or not words:
            continue
        cells = {"".join(c.text.split()) for r in t.rows for c in r if c.text.strip()}
        if all(w in cells or (_HAN.match(w) and any(w in c for c in cells)) for w in words):
            return True
    return False


def _lines_of(chars: list[dict], exclude: list[tuple[float, float, float, float]]) -> list[dict]:
    """Characters -> text lines in reading order. A character joins a line when its vertical middle
    falls inside the line's band (so digits set in another font or size stay on their line); a gap
    wider than a character becomes a space."""
    if exclude:
        chars = [ch for ch in chars if not any(
            x0 - 1 <= (ch["x0"] + ch["x1"]) / 2 <= x1 + 1 and t - 1 <= (ch["top"] + ch["bottom"]) / 2 <= b + 1
            for x0, t, x1, b in exclude)]
    chars = [ch for ch in chars if ch["text"].strip() or ch["text"] == " "]
    chars.sort(key=lambda ch: (ch["top"], ch["x0"]))
    bands: list[dict] = []
    for ch in chars:
        mid = (ch["top"] + ch["bottom"]) / 2
        for band in reversed(bands[-3:]):
            if band["top"] - 0.5 <= mid <= band["bottom"] + 0.5:
                band["chars"].append(ch)
                band["top"] = min(band["top"], ch["top"])
                band["bottom"] = max(band["bottom"], ch["bottom"])
                break
        else:
            bands.append({"top": ch["top"], "bottom": ch["bottom"], "chars": [ch]})
    out = []
    for band in sorted(bands, key=lambda b: b["top"]):
        cs = sorted(band["chars"], key=lambda ch: ch["x0"])
        parts = []
        prev = None
        for ch in cs:
            if prev is not None:
                gap = ch["x0"] - prev["x1"]
                width = max(min(prev["x1"] - prev["x0"], ch["x1"] - ch["x0"]), 1.0)
                if gap > width * 0.9 and (not parts or parts[-1] != " "):
                    parts.append(" ")
            parts.append(ch["text"])
            prev = ch
        text = "".join(parts).strip()
        if text:
            out.append({"text": text, "x0": cs[0]["x0"], "x1": cs[-1]["x1"], "top": band["top"],
                        "bottom": band["bottom"], "tokens": tokens_of_chars(cs)})
    return out


def _sideways_pages(spath: str) -> list[int]:
    """Pages whose /Rotate turns their text sideways (upright text drawn, then rotated for display)."""
    import pdfplumber

    out = []
    with pdfplumber.open(spath) as pdf:
        for i, page in enumerate(pdf.pages):
            if not page.rotation:
                continue
            chars = page.chars[:200]
            if chars and sum(1 for c in chars if not c.get("upright", True)) > len(chars) / 2:
                out.append(i)
    return out


def _unrotated_copy(spath: str, pages: list[int], folder: str) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(spath)
    for i in pages:
        pdf[i].set_rotation(0)
    out = str(Path(folder) / "unrotated.pdf")
    pdf.save(out)
    pdf.close()
    return out


def read_pdf(path: Path, tables: bool = True, ocr: bool = True, dpi: int = 200) -> Document:
    spath = str(path)
    n_pages = _open_checked(path)
    data = path.read_bytes()
    sideways = _sideways_pages(spath)
    if sideways:
        import tempfile

        with tempfile.TemporaryDirectory(prefix="extractor-pdf-") as tmp:
            doc = _read_pdf(Path(_unrotated_copy(spath, sideways, tmp)), tables, n_pages, ocr=False, dpi=dpi)
        doc.path = spath
        doc.sha256 = sha256_bytes(data)
        doc.size = len(data)
        doc.problems.append(("ingest", "info", f"pages {page_ranges([i + 1 for i in sideways])} are rotated so that their "
                                               "text reads sideways: read without that rotation (boxes are in "
                                               "the unrotated page)"))
        return doc
    return _read_pdf(path, tables, n_pages, ocr=ocr, dpi=dpi)


def _page_loader(spath: str, index: int, dpi: int):
    def load():
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(spath)
        try:
            return pdf[index].render(scale=dpi / 72).to_numpy()
        finally:
            pdf.close()
    return load


def _read_pdf(path: Path, tables: bool, n_pages: int, ocr: bool = True, dpi: int = 200) -> Document:
    spath = str(path)
    data = path.read_bytes()
    import pdfplumber

    try:
        pdf = pdfplumber.open(spath)
    except Exception as exc:  # pdfminer raises many types on broken files
        raise ExtractionError(spath, "ingest", f"corrupt PDF: {type(exc).__name__}: {exc}") from None
    problems: list[tuple[str, str, str]] = []
    page_lines: list[list[dict]] = []
    heights: list[float] = []
    no_text: list[int] = []
    ruled: list[int] = []
    moved: dict[int, list[dict]] = {}  # the chars of pages whose boxes were moved (broken font metrics)
    page_chars: dict[int, list[dict]] = {}
    with pdf:
        for i, page in enumerate(pdf.pages, start=1):
            heights.append(float(page.height))
            chars = _page_chars(page)
            chars, any_moved = _true_boxes(chars)
            page_chars[i] = chars
            text = "".join(ch["text"] for ch in chars)
            garbage = bool(text) and len(_GARBAGE.findall(text)) > 0.3 * len(text)
            if garbage or (len(text.strip()) < 5 and page.images):
                no_text.append(i)  # scanned, or a text layer of glyph garbage: OCR's job
                page_lines.append([])
                continue
            if len(page.lines) + len(page.rects) >= MIN_RULES:
                ruled.append(i)
                if any_moved:
                    moved[i] = chars
            page_lines.append([])
        found: dict[int, list] = {}
        t0 = time.perf_counter()
        if tables and ruled:
            # camelot places text by the fonts' boxes: on pages where those are wrong, the cells'
            # text is taken from the moved boxes instead
            found = LatticeReader().read(spath, ruled, problems, chars_of=moved)
        camelot_seconds = time.perf_counter() - t0
        for i, page in enumerate(pdf.pages, start=1):
            if i in no_text:
                continue
            boxes = [t.bbox for t in found.get(i, [])]
            chars = page_chars.pop(i)
            if len(chars) < len(page.chars):  # type drawn over itself: camelot read it as often
                for t in found.get(i, []):
                    for r in t.rows:
                        for c in r:
                            c.text = _once(c.text)
            page_lines[i - 1] = [ln for ln in _lines_of(chars, boxes) if not _held(ln, found.get(i, []))]
            if tables and i not in found:
                before = found.get(i - 1) or []
                last = max(before, key=lambda t: t.bbox[3]) if before else None
                # nothing under it but the page number and pieces of its right-hand text column
                ends_page = last is not None and last.method == "stream" and not any(
                    ln["top"] > last.bbox[3] + 1 and not _FOLIO.match(ln["text"])
                    and ln["x0"] < (last.bbox[0] + last.bbox[2]) / 2 for ln in page_lines[i - 2])
                stream = stream_tables(page_lines[i - 1], i, after=last if ends_page else None)
                if stream:
                    found[i] = stream
                    page_lines[i - 1] = [ln for ln in page_lines[i - 1] if not any(
                        t.bbox[1] - 1 <= ln["top"] and ln["bottom"] <= t.bbox[3] + 1 for t in stream)]
    if no_text and not ocr:
        if len(no_text) == n_pages:
            raise ExtractionError(spath, "ingest", f"no usable text layer on any of its {n_pages} pages (a scanned "
                                                   "PDF): it needs OCR, which was turned off")
        problems.append(("ingest", "warning", f"pages {page_ranges(no_text)} have no usable text layer (scanned or "
                                              "glyph garbage): they need OCR, which was turned off; not read"))
    elif no_text:
        problems.append(("ingest", "info", f"pages {page_ranges(no_text)} have no usable text layer: read by OCR"))
    drop_running(page_lines, heights)
    lines: list[Line] = []
    source_tables: list[SourceTable] = []
    scans: list[ScanPage] = []
    for i, plines in enumerate(page_lines, start=1):
        if i in no_text and ocr:
            scans.append(ScanPage(page=i, at=len(lines), load=_page_loader(spath, i - 1, dpi), dpi=dpi))
            continue
        ptables = sorted(found.get(i, []), key=lambda t: t.bbox[1])
        base = len(lines)
        page, placed = place_tables(plines, [(t.bbox[1], t) for t in ptables], lambda k, ln: Line(
            text=ln["text"], no=k, page=i, bbox=(ln["x0"], ln["top"], ln["x1"], ln["bottom"])))
        lines.extend(page)
        for at, t in placed:
            t.at = base + at
            source_tables.append(t)
        lines.append(Line(text="", no=len(plines) + 1, page=i))  # page break
    doc = Document(path=spath, sha256=sha256_bytes(data), format="pdf", route="pdf-text",
                   lines=lines, tables=source_tables, pages=n_pages, size=len(data), scans=scans)
    doc.problems.extend(problems)
    doc.timings["tables (camelot)"] = camelot_seconds
    return doc


