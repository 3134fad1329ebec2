"""Table readers for converted text: one printed table layout each, behind the LineReader interface.

What it does: `flat` reads tables flattened to one cell per line (each cell line starts with a TAB,
rows separated by blank lines, cell text continuing on untabbed lines); `pipe` reads markdown pipe
tables (`<br>` inside cells joined); `tsv` reads rows of TAB-separated cells, rejoining rows that a
line break inside a cell split. Each reader says whether its layout starts at a line (`starts`) and
reads the table there (`read`; `LastRead` keeps what a `starts` read for the `read` after it) into
a GridBlock of Cells with the line each came from, with its
parsing report. `TEXT_READERS` is the order split_blocks tries them in: a reader of another text
layout, in its own module of structure/, joins it with `@text_reader(order)` (flat 10, pipe 20,
tsv 30; the first reader whose `starts` says yes reads the table).
What it does not: place tables among narrative lines, or take their title and notes (blocks.py);
name columns or recognise the table (tables.py, templates.py).
"""
from __future__ import annotations

from typing import Optional, Sequence

import regex as re

from ..datamodel import Cell, GridBlock, NLine
from ..datamodel.readers import grid_report, register
from ..evidence.printed import is_table_preamble

# A non-tab line that ends a flattened table instead of continuing its last cell
_TABLE_END = re.compile(
    r"^\s*(?:注[:：\d]|说明[:：]|填表人|附件|附表|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|"
    r"（[一二三四五六七八九十]+）|\(?[一二三四五六七八九十]+\)|单位[:：]|部门[:：])"
)
_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


TEXT_READERS: list = []  # reader instances, in the order split_blocks tries them
_ORDERED: list[tuple[int, object]] = []


def text_reader(order: int):
    """Class decorator: register a LineReader by name and put an instance in TEXT_READERS at `order`."""
    def add(cls):
        register(cls)
        _ORDERED.append((order, cls()))
        _ORDERED.sort(key=lambda x: x[0])
        TEXT_READERS[:] = [r for _, r in _ORDERED]
        return cls
    return add


class LastRead:
    """The last table a reader read, kept for the `read` that follows its own `starts` at the same
    line (a reader whose `starts` must read the table to answer reads it once)."""

    def __init__(self) -> None:
        self._key: tuple = (None, -1)
        self._result: tuple[Optional[GridBlock], int] = (None, 0)

    def get(self, lines: Sequence[NLine], i: int, read) -> tuple[Optional[GridBlock], int]:
        """`read()`'s result for (lines, i), computed only when the last call was not for them."""
        if self._key[0] is not lines or self._key[1] != i:
            self._result = read()
            self._key = (lines, i)
        return self._result


def is_preamble(line: NLine) -> bool:
    """A table's title-area line (code, unit, department): it ends a table and is no cell."""
    t = line.text.strip()
    if "表" not in t and "单位" not in t and "部门" not in t:  # cheap test first: this runs on every line
        return False
    return is_table_preamble(t)


def _cell(line: NLine, text: str, orig: str) -> Cell:
    return Cell(text=text.strip(), orig=orig.strip(), line=line.no, page=line.page, bbox=line.bbox,
                repaired=line.repaired)


def with_report(block: GridBlock) -> GridBlock:
    """The block with its reader's parsing report (the measures every reader shares)."""
    block.report = grid_report(block.method, ([c.text for c in r] for r in block.rows),
                               (c.page for r in block.rows for c in r),
                               joined_cells=sum(1 for r in block.rows for c in r if c.joined))
    return block


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
        if t.startswith("\t") and not is_preamble(ln):
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
            if row and blanks <= 1 and not _TABLE_END.match(t) and not is_preamble(ln) and (
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
    return GridBlock(rows=rows, first_line=lines[i].no, last_line=lines[end - 1].no, method="flat"), end


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
    return GridBlock(rows=rows, first_line=lines[i].no, last_line=lines[j - 1].no, method="pipe"), j


# header labels of the key columns, which a line break inside the cell may split (功能分类 / 科目编码)
KEY_LABEL = re.compile(r"^(?:(?:支出)?功能分类|(?:部门预算支出)?经济分类|政府预算支出经济分类)?科目(?:编码|代码|名称)$")


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
        if is_preamble(ln) and pieces:
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
                KEY_LABEL.match("".join((row[0].text + pieces[k][0].text).split()))):
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
    return GridBlock(rows=rows, first_line=lines[i].no, last_line=lines[j - 1].no, method="tsv"), j


def _tsv_like(line: NLine) -> bool:
    t = line.text
    return "\t" in t and not t.startswith("\t") and bool(t.strip()) and not is_preamble(line)


def _tsv_start(lines: list[NLine], i: int) -> bool:
    """A row of TAB-separated cells starts here: two or more TABs (trailing ones are empty cells),
    or one TAB with more such rows right after it."""
    if not _tsv_like(lines[i]):
        return False
    if lines[i].text.count("\t") >= 2:
        return True
    return any(_tsv_like(lines[j]) for j in range(i + 1, min(i + 3, len(lines))))




@text_reader(10)
class FlatReader:
    """One cell per line behind a TAB (web pages and converters that flatten tables)."""

    name = "flat"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        t = lines[i].text
        if not t.startswith("\t"):
            return False
        if t.strip():
            return not is_preamble(lines[i])
        # an empty first cell: a flattened table starting with an empty cell
        return i + 1 < len(lines) and lines[i + 1].text.startswith("\t")

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        block, nxt = _parse_flat(lines, i)
        return (with_report(block) if block else None), nxt


@text_reader(20)
class PipeReader:
    """Markdown pipe tables."""

    name = "pipe"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        t = lines[i].text
        return t.lstrip().startswith("|") and t.count("|") >= 3

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        block, nxt = _parse_pipe(lines, i)
        return (with_report(block) if block else None), nxt


@text_reader(30)
class TsvReader:
    """Rows of TAB-separated cells (spreadsheet copies, some converters)."""

    name = "tsv"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        return _tsv_start(lines, i)

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        block, nxt = _parse_tsv(lines, i)
        return (with_report(block) if block else None), nxt



def join_broken_header(block: GridBlock, line: NLine) -> bool:
    """A tsv table whose first header cell was broken over lines before its first TAB (功能分类 /
    科目编码): the narrative line just before it is joined back into that cell. True when joined."""
    if block.method != "tsv" or not block.rows or not block.rows[0]:
        return False
    first = block.rows[0][0]
    if not KEY_LABEL.match("".join((line.text + first.text).split())):
        return False
    first.text, first.orig, first.joined = line.text.strip() + first.text, line.orig.strip() + first.orig, True
    block.first_line = line.no
    return True
