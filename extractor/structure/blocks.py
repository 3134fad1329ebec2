"""Split normalized lines into table blocks and narrative lines.

What it does: finds tables in the three text layouts — flattened one-cell-per-line (each cell line
starts with a TAB, rows separated by blank lines, cell text continuing on untabbed lines), markdown
pipe tables, and rows of TAB-separated cells — and turns each into a grid of Cells with the line
each cell came from. Everything else stays narrative, in order.
What it does not: name columns or recognise which table it is (templates.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional, Sequence, Union

import regex as re

from ..normalize import NLine

if TYPE_CHECKING:
    from ..normalize import NTable


@dataclass
class Cell:
    text: str  # normalized (full-width mapped), inner line breaks joined
    orig: str  # the same before character mapping
    line: int
    page: Optional[int] = None
    bbox: Optional[tuple] = None
    repaired: bool = False
    joined: bool = False  # text came from several printed lines
    conf: Optional[float] = None  # OCR confidence of the cell's text
    notes: Optional[list] = None  # repairs made before structure (OCR lookalikes)

    @property
    def key(self) -> str:
        return "".join((self.text).split())


@dataclass
class GridBlock:
    rows: list[list[Cell]]
    first_line: int
    last_line: int
    layout: str  # flat | pipe | tsv
    preamble: list[NLine] = field(default_factory=list)  # title / 公开表 / 部门 单位 lines before it
    notes: list[NLine] = field(default_factory=list)  # 注：/说明： lines after it


Block = Union[GridBlock, NLine]

# A non-tab line that ends a flattened table instead of continuing its last cell
_TABLE_END = re.compile(
    r"^\s*(?:注[:：\d]|说明[:：]|填表人|附件|附表|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|"
    r"（[一二三四五六七八九十]+）|\(?[一二三四五六七八九十]+\)|单位[:：]|部门[:：])"
)
_TITLE_LIKE = re.compile(r"(?:表|公开\d+表|单位[:：].*元)\s*$")
_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _cell(line: NLine, text: str, orig: str) -> Cell:
    return Cell(text=text.strip(), orig=orig.strip(), line=line.no, page=line.page, bbox=line.bbox,
                repaired=line.repaired)


_PREAMBLE = re.compile(r"公开\s*\d+\s*表|单位[:：]\s*(?:万元|元|千元)|^(?:编制|填报)?部门[:：]|^(?:编制|填报)单位[:：]"
                       r"|^(?:单位|部门)名称[:：]"
                       r"|^(?:附)?表\s*[0-9一二三四五六七八九十]{1,3}(?:[-－]\d{1,2})?\s*$")


def _is_preamble(line: NLine) -> bool:
    t = line.text.strip()
    if "表" not in t and "单位" not in t and "部门" not in t:  # cheap test first: this runs on every line
        return False
    return bool(_PREAMBLE.search(t))


def _parse_flat(lines: list[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    """Parse a flattened table starting at lines[i] (a cell line). Returns the block and the index
    after it."""
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    blanks = 0
    j = i
    n = len(lines)
    while j < n:
        ln = lines[j]
        t = ln.text
        if t.startswith("\t") and not _is_preamble(ln):
            parts_t = t.split("\t")[1:]
            parts_o = ln.orig.split("\t")[1:]
            if blanks and row:
                rows.append(row)
                row = []
            for pt, po in zip(parts_t, parts_o):
                row.append(_cell(ln, pt, po))
            blanks = 0
        elif not t.strip():
            blanks += 1
        else:
            # untabbed text: continuation of the last cell, or the end of the table
            if row and blanks <= 1 and not _TABLE_END.match(t) and not _is_preamble(ln) and (
                blanks == 0 or len(t.strip()) <= 30
            ):
                last = row[-1]
                last.text = (last.text + t.strip()).strip()
                last.orig = (last.orig + ln.orig.strip()).strip()
                last.joined = True
                blanks = 0
            else:
                break
        j += 1
    if row:
        rows.append(row)
    # trailing blank lines belong to nobody; back up so the caller sees them
    end = j
    if not rows:
        return None, i + 1
    return GridBlock(rows=rows, first_line=lines[i].no, last_line=lines[end - 1].no, layout="flat"), end


def _split_pipe(line: NLine) -> list[Cell]:
    t, o = line.text.strip(), line.orig.strip()
    if t.startswith("|"):
        t, o = t[1:], o[1:]
    if t.endswith("|"):
        t, o = t[:-1], o[:-1]
    ts, os_ = t.split("|"), o.split("|")
    cells = [_cell(line, a, b) for a, b in zip(ts, os_)]
    for c in cells:
        if "<br" in c.text:
            c.text = re.sub(r"<br\s*/?>", "", c.text)
            c.orig = re.sub(r"<br\s*/?>", "", c.orig)
            c.joined = True
    return cells


def _parse_pipe(lines: list[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    rows = []
    j = i
    while j < len(lines) and lines[j].text.strip().startswith("|"):
        if not _PIPE_SEP.match(lines[j].text):
            rows.append(_split_pipe(lines[j]))
        j += 1
    if len(rows) < 2:
        return None, i + 1
    return GridBlock(rows=rows, first_line=lines[i].no, last_line=lines[j - 1].no, layout="pipe"), j


# header labels of the key columns, which a line break inside the cell may split (功能分类 / 科目编码)
_KEY_LABEL = re.compile(r"^(?:(?:支出)?功能分类|(?:部门预算支出)?经济分类|政府预算支出经济分类)?科目(?:编码|代码|名称)$")


def _tsv_cells(line: NLine) -> list[Cell]:
    return [_cell(line, a, b) for a, b in zip(line.text.split("\t"), line.orig.split("\t"))]


def _parse_tsv(lines: list[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    """Rows of TAB-separated cells. A cell with a line break splits its row over several printed
    lines; those are rejoined when the pieces add up to the table's usual row width."""
    pieces: list[list[Cell]] = []
    j = i
    while j < len(lines):
        ln = lines[j]
        t = ln.text
        if _is_preamble(ln) and pieces:
            break
        if "\t" in t and (not t.startswith("\t") or t.count("\t") >= 2):
            # (a row may start with an empty cell, hence a leading TAB; flattened one-cell lines
            # have a single TAB and never reach here)
            pieces.append(_tsv_cells(ln))
        elif t.strip() and pieces and not _TABLE_END.match(t) and len(t.strip()) <= 30 and any(
                "\t" in lines[x].text and (not lines[x].text.startswith("\t") or lines[x].text.count("\t") >= 2)
                for x in range(j + 1, min(j + 3, len(lines)))):
            pieces.append(_tsv_cells(ln))  # a line inside a broken cell
        elif t.strip():
            break
        elif j + 1 < len(lines) and "\t" not in lines[j + 1].text:
            break
        j += 1
    if len(pieces) < 2:
        return None, i + 1
    counts: dict[int, int] = {}
    for p in pieces:
        counts[len(p)] = counts.get(len(p), 0) + 1
    # the row width: the longest piece length seen at least twice (broken rows give many short
    # pieces, whole rows repeat the full width)
    repeated = [k for k, c in counts.items() if c >= 2]
    width = max(repeated) if repeated else max(counts)
    rows: list[list[Cell]] = []
    k = 0
    while k < len(pieces):
        row = list(pieces[k])
        k += 1
        if len(row) == 1 and rows and len(rows[-1]) == width and rows[-1][-1].text.strip() and (
                k < len(pieces) and len(pieces[k]) in (1, width)) and not (
                _KEY_LABEL.match("".join((row[0].text + pieces[k][0].text).split()))):
            # a line inside a cell, followed by another such line or by a whole row: it ends the
            # previous row's last cell (对附属单位 / 补助支出); a following lone line starts the next row
            last = rows[-1][-1]
            last.text, last.orig, last.joined = last.text + row[0].text, last.orig + row[0].orig, True
            continue
        while len(row) < width and k < len(pieces) and len(row) + len(pieces[k]) - 1 <= width:
            nxt = pieces[k]
            last = row[-1]
            last.text = last.text + nxt[0].text
            last.orig = last.orig + nxt[0].orig
            last.joined = True
            row.extend(nxt[1:])
            k += 1
        rows.append(row)
    return GridBlock(rows=rows, first_line=lines[i].no, last_line=lines[j - 1].no, layout="tsv"), j


def _tsv_like(line: NLine) -> bool:
    t = line.text
    return "\t" in t and not t.startswith("\t") and bool(t.strip()) and not _is_preamble(line)


def _tsv_start(lines: list[NLine], i: int) -> bool:
    """A row of TAB-separated cells starts here: two or more TABs (trailing ones are empty cells),
    or one TAB with more such rows right after it."""
    if not _tsv_like(lines[i]):
        return False
    if lines[i].text.count("\t") >= 2:
        return True
    return any(_tsv_like(lines[j]) for j in range(i + 1, min(i + 3, len(lines))))


def _grid_from_source(table: "NTable") -> Optional[GridBlock]:
    rows: list[list[Cell]] = []
    for r in table.rows:
        row = []
        for c in r:
            joined = "\n" in c.text
            text = "".join(part.strip() for part in c.text.split("\n")) if joined else c.text.strip()
            orig = "".join(part.strip() for part in c.orig.split("\n")) if joined else c.orig.strip()
            row.append(Cell(text=text, orig=orig, line=c.no, page=c.page, bbox=c.bbox, repaired=c.repaired,
                            joined=joined, conf=c.conf, notes=c.notes))
        rows.append(row)
    rows = [r for r in rows if r]
    if not rows:
        return None
    first = rows[0][0]
    last = rows[-1][-1]
    return GridBlock(rows=rows, first_line=first.line, last_line=last.line, layout=table.method)


def _pull_preamble(out: list, block: GridBlock) -> None:
    """The narrative lines just before a table that look like its title / code / unit lines."""
    pre: list[NLine] = []
    k = len(out) - 1
    taken = 0
    while k >= 0 and isinstance(out[k], NLine) and taken < 6:
        cand = out[k]
        ct = cand.text.strip()
        if not ct:
            k -= 1
            continue
        if _is_preamble(cand) or (len(ct) <= 40 and _TITLE_LIKE.search(ct)):
            pre.insert(0, cand)
            out.pop(k)
            taken += 1
            k -= 1
            continue
        break
    block.preamble = pre


def _take_notes(lines: list[NLine], i: int, block: GridBlock, limit: Optional[int] = None) -> int:
    """注/说明 lines right after a table become its notes (up to `limit`, where the next table stands)."""
    n = len(lines) if limit is None else min(limit, len(lines))
    while i < n and (not lines[i].text.strip() or re.match(r"^\s*(?:注|说明)\s*[:：\d]", lines[i].text)
                     or (block.notes and re.match(r"^\s{2,}\d[.、．]", lines[i].text))):
        if lines[i].text.strip():
            block.notes.append(lines[i])
        i += 1
    return i


def split_blocks(lines: list[NLine], tables: Sequence["NTable"] = ()) -> list[Block]:
    """Lines -> a list of GridBlocks and narrative NLines, in document order. Tables that the format
    gave as tables (DOCX, PDF) are placed where they stood. The lines just before a table that look
    like its title/unit line become its preamble; 注/说明 lines right after it become its notes."""
    out: list[Block] = []
    i = 0
    n = len(lines)
    pending = sorted(tables, key=lambda t: t.at)
    ti = 0
    while i < n or ti < len(pending):
        if ti < len(pending) and (pending[ti].at <= i or i >= n):
            block = _grid_from_source(pending[ti])
            ti += 1
            if block is not None:
                _pull_preamble(out, block)
                out.append(block)
                i = _take_notes(lines, i, block, pending[ti].at if ti < len(pending) else None)
            continue
        ln = lines[i]
        t = ln.text
        block: Optional[GridBlock] = None
        nxt = i + 1
        if t.startswith("\t") and t.strip() and not _is_preamble(ln):
            block, nxt = _parse_flat(lines, i)
        elif t.startswith("\t") and not t.strip():
            # an empty first cell: a flattened table starting with an empty cell
            if i + 1 < n and lines[i + 1].text.startswith("\t"):
                block, nxt = _parse_flat(lines, i)
        elif t.lstrip().startswith("|") and t.count("|") >= 3:
            block, nxt = _parse_pipe(lines, i)
        elif _tsv_start(lines, i):
            block, nxt = _parse_tsv(lines, i)
        if block is None:
            out.append(ln)
            i = nxt if nxt > i else i + 1
            continue
        if block.layout == "tsv" and out and isinstance(out[-1], NLine) and block.rows and block.rows[0]:
            # the first header cell broken over lines before the first TAB (功能分类 / 科目编码…)
            head, first = out[-1], block.rows[0][0]
            if _KEY_LABEL.match("".join((head.text + first.text).split())):
                first.text, first.orig, first.joined = head.text.strip() + first.text, head.orig.strip() + first.orig, True
                block.first_line = head.no
                out.pop()
        _pull_preamble(out, block)
        out.append(block)
        i = _take_notes(lines, nxt, block, pending[ti].at if ti < len(pending) else None)
    return out
