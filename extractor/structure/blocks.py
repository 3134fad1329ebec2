"""Split normalized lines into table blocks and narrative lines, in document order.

What it does: places the tables a page reader found (DOCX, PDF, OCR: NTables) where they stood, and
runs the text readers (text_tables.py: flat, pipe, tsv) over the remaining lines; every table
becomes a GridBlock with its reader's name and parsing report. The lines just before a table that
look like its title, code or unit line become its preamble (with the title's bracketed second line,
and a title wrapped over two lines under its `表12` code); 注/说明 lines right after it become its
notes. Everything else stays narrative. A ruled table that draws its title, code or unit line inside
its own frame (a first row of one cell: `预算05表 一般公共预算支出表`, `金额单位：万元`, or a who-and-unit
line that the column rules cut into cells: `预算 | 单位：X | 单位：元`) has those rows lifted into its preamble, and a first or last column blank and narrower than any printed column in
every row (a margin column of the frame) is dropped.
What it does not: name columns or recognise which table it is (tables.py, templates.py).
"""
from __future__ import annotations

from typing import Optional, Sequence

import regex as re

from ..datamodel import Block, Cell, GridBlock, NLine, NTable
from ..datamodel.readers import grid_report
from ..evidence.printed import AMOUNT_UNIT, NOTE_LINE, TABLE_CODE, TITLE_END, TITLE_QUALIFIER, UNIT_CODE_LINE, UNIT_WORD, WHO
from .text_tables import TEXT_READERS, is_preamble, join_broken_header

_PROSE_MIN = 40  # characters: a shorter line may be a table cell, title or header (a cell holds a comma too)


def _title_like(text: str) -> bool:
    """A short line that ends like a table title (…表) or a unit line (单位：万元)."""
    return bool(TITLE_END.search(text) or (UNIT_WORD.search(text) and re.search(r"元\s*$", text)))


def _grid_from_source(table: NTable) -> Optional[GridBlock]:
    rows: list[list[Cell]] = []
    for r in table.rows:
        row = []
        for c in r:
            joined = "\n" in c.text
            text = "".join(part.strip() for part in c.text.split("\n")) if joined else c.text.strip()
            orig = "".join(part.strip() for part in c.orig.split("\n")) if joined else c.orig.strip()
            row.append(Cell(text=text, orig=orig, line=c.no, page=c.page, bbox=c.bbox, repaired=c.repaired,
                            joined=joined, conf=c.conf, repairs=c.repairs))
        rows.append(row)
    rows = [r for r in rows if r]
    lifted, rows = _lift_title_rows(rows)
    if rows and all(len(r) > 1 and _margin(r[0]) for r in rows):
        rows = [r[1:] for r in rows]
    if rows and all(len(r) > 1 and _margin(r[-1]) for r in rows):
        rows = [r[:-1] for r in rows]
    if not rows:
        return None
    first = rows[0][0]
    last = rows[-1][-1]
    report = table.report or grid_report(table.method, ([c.text for c in r] for r in rows),
                                         (c.page for r in rows for c in r))
    return GridBlock(rows=rows, first_line=first.line, last_line=last.line, method=table.method, report=report,
                     preamble=lifted)


_MARGIN_WIDTH = 12.0  # points: narrower than any printed column (a 3-digit 类 code needs about 15)


def _margin(cell: Cell) -> bool:
    """A blank cell of a margin column drawn by the frame: no text, and narrower than a column."""
    return not cell.text.strip() and cell.bbox is not None and cell.bbox[2] - cell.bbox[0] < _MARGIN_WIDTH


# who the table is of, as a frame's first row prints it: 预算单位：X, 编制单位：X, 部门：X
_WHO_START = re.compile(r"^(?:预算|编制|填报)?(?:部门|单位)")


def _unit_row(filled: list[Cell], below: list[Cell]) -> bool:
    """A first row that is the who-and-unit line drawn inside the frame and cut by its column rules
    (`预算 | 单位：西安 | 单位：元`): its cells read together start with who it is of and name the
    amount unit, hold no digit, and fill at most half the cells the row below fills."""
    text = "".join(c.text.strip() for c in filled)
    return len(text) <= 60 and bool(_WHO_START.match(text) and AMOUNT_UNIT.search(text)) and not any(
        ch.isdigit() for ch in text) and 2 * len(filled) <= sum(1 for c in below if c.text.strip())


def _lift_title_rows(rows: list[list[Cell]]) -> tuple[list[NLine], list[list[Cell]]]:
    """The grid's first rows that are blank or hold one cell that reads as the table's title, code
    or unit line (a title drawn inside the frame), as preamble lines; the rows after them."""
    lifted: list[NLine] = []
    k = 0
    while k < len(rows) - 1:
        filled = [c for c in rows[k] if c.text.strip()]
        if len(filled) > 1:
            if not _unit_row(filled, rows[k + 1]):
                break
            text = " ".join(c.text.strip() for c in filled)
            lifted.append(NLine(text=text, orig=" ".join(c.orig.strip() for c in filled), no=filled[0].line,
                                page=filled[0].page, bbox=filled[0].bbox))
        elif filled:
            c = filled[0]
            text = c.text.strip()
            if not (len(text) <= 40 and (_title_like(text) or WHO.match(text))):
                break
            lifted.append(NLine(text=c.text, orig=c.orig, no=c.line, page=c.page, bbox=c.bbox))
        k += 1
    return (lifted, rows[k:]) if lifted else ([], rows)


def _after_title(out: list, k: int) -> bool:
    """The narrative line before out[k] (blank lines skipped) reads as a table's title."""
    j = k - 1
    while j >= 0 and isinstance(out[j], NLine) and not out[j].text.strip():
        j -= 1
    return j >= 0 and isinstance(out[j], NLine) and len(out[j].text.strip()) <= 40 and bool(
        TITLE_END.search(out[j].text.strip()))


def _title_head(out: list, k: int, title: NLine) -> bool:
    """out[k] is the first line of a title wrapped over two lines: `表12` stands just above it, the
    title's last line (…表) just below it, and it is short and no sentence."""
    ct = out[k].text.strip()
    if not (0 < len(ct) <= 40 and TITLE_END.search(title.text.strip()) and not re.search(r"[。；;：:]", ct)):
        return False
    return k >= 1 and isinstance(out[k - 1], NLine) and bool(TABLE_CODE.match(out[k - 1].text.strip()))


def _classing(out: list, k: int) -> bool:
    """The bracketed line out[k] says what its title's table is by or leaves out: title and line read
    together still end like a title (`…明细表` + `（按支出经济分类科目-不含上年结转）`), which a
    form's `(2026年度)` does not."""
    j = k - 1
    while j >= 0 and isinstance(out[j], NLine) and not out[j].text.strip():
        j -= 1
    return bool(TITLE_END.search(out[j].text.strip() + out[k].text.strip()))


def _pull_preamble(out: list, block: GridBlock, qualifier: bool = True) -> None:
    """The narrative lines just before a table that look like its title / code / unit lines; a
    title's bracketed second line too (`qualifier`), or, for a page reader's table, only one that
    says what the table is by or leaves out (`_classing`)."""
    pre: list[NLine] = []
    k = len(out) - 1
    taken = 0
    while k >= 0 and isinstance(out[k], NLine) and taken < 6:
        cand = out[k]
        ct = cand.text.strip()
        if not ct:
            k -= 1
            continue
        if is_preamble(cand) or (len(ct) <= 40 and _title_like(ct)) or (pre and UNIT_CODE_LINE.match(ct)) or (
                TITLE_QUALIFIER.match(ct) and _after_title(out, k) and (qualifier or _classing(out, k))):
            pre.insert(0, cand)
            out.pop(k)
            taken += 1
            k -= 1
            continue
        if pre and _title_head(out, k, pre[0]):
            pre[0:0] = [out[k - 1], cand]  # a title wrapped over two lines, under its table code
            del out[k - 1:k + 1]
        break
    block.preamble = pre + block.preamble  # a reader may have found title lines inside its own lines


def _take_notes(lines: list[NLine], i: int, block: GridBlock, limit: Optional[int] = None) -> int:
    """注/说明 lines right after a table become its notes (up to `limit`, where the next table stands)."""
    n = len(lines) if limit is None else min(limit, len(lines))
    while i < n and (not lines[i].text.strip() or NOTE_LINE.match(lines[i].text)
                     or (block.notes and re.match(r"^\s{2,}\d[.、．]", lines[i].text))):
        if lines[i].text.strip():
            block.notes.append(lines[i])
        i += 1
    return i


def _prose(text: str) -> bool:
    """A sentence of the narrative, where no table starts: long, with a full stop or comma of
    Chinese prose, no TAB, bar or markup, and none of the words a one-line 绩效 table holds (every
    reader is asked of every other line: this spares them the narrative)."""
    return len(text) > _PROSE_MIN and ("。" in text or "，" in text) and "\t" not in text and "|" not in text \
        and "<" not in text and "指标" not in text


def split_blocks(lines: list[NLine], tables: Sequence[NTable] = ()) -> list[Block]:
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
                # a page reader's table takes a bracketed second line that says what it is by or
                # leaves out (`（按支出经济分类科目-不含上年结转）`): the title above it is then its
                # own; a form's `(2026年度)` is left alone (forms of one title, each with its own
                # year line, are read as forms without a title), and a page that prints a title again
                # joins the table before only where it repeats that table's header (continuation.py)
                _pull_preamble(out, block, qualifier=False)
                out.append(block)
                i = _take_notes(lines, i, block, pending[ti].at if ti < len(pending) else None)
            continue
        block: Optional[GridBlock] = None
        nxt = i + 1
        text = lines[i].text
        for reader in () if not text.strip() or _prose(text) else TEXT_READERS:  # the first reader that starts here
            if reader.starts(lines, i):  # and reads a table; a reader that declines hands the lines on
                block, nxt = reader.read(lines, i)
                if block is not None:
                    break
        ln = lines[i]
        if block is None:
            out.append(ln)
            i = nxt if nxt > i else i + 1
            continue
        if out and isinstance(out[-1], NLine) and join_broken_header(block, out[-1]):
            out.pop()
        _pull_preamble(out, block)
        out.append(block)
        i = _take_notes(lines, nxt, block, pending[ti].at if ti < len(pending) else None)
    return out
