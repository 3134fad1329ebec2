"""Reader `zero-row`: a table printed with one row only — its 合计 / 总计 row or the unit's own row —
whose amounts are all 0 (a 政府性基金预算支出表 / 国有资本经营预算支出表 of a department that has no
such funds: `深圳市某某局（本级）   0.00 0.00 0.00` / `注：本表本年无发生额。`).

What it does: right after a table's title lines, a header of plain words — the key columns' labels
first (预算单位, 单位名称, 科目编码, 科目名称, 项目 …), then one label per amount column (支出总计 基本支出
项目支出) — then the one row: its label 合计 / 总计, or the unit the title area names
(`部门名称：某某局（本级）`, as spaced_rows.table_unit reads it), and amounts that are all 0 with
decimals (`0.00`), as many as the header names amount columns. The row is printed on one line
(pypdf, pdfplumber, `pdftotext -layout`) or as one cell per line with blank cells as blank lines
(PyMuPDF: `某某局（本级）` / ` ` / ` ` / `0.00` / `0.00` / `0.00`). After it comes the table's note
(`注：…`), a page number, the next title or the end of the text — nothing else. The table is given
as the print shows it: the header's words as one header row, the row's label in the first key
column, the other key columns blank, each 0 under its column (every amount is 0, so no cell can
stand in a wrong column).
What it does not: read a header whose words are not key labels then exactly one word per amount
(a header of several levels, words broken over lines: the other readers' work, which read the 合计
row of such tables), a row that is not the only one, or amounts other than 0 (a one-row table of
real amounts needs the column evidence the other readers weigh). It is tried before the subject
readers (row_stream, spaced_rows), which read such a 合计 row too but, with no standard column set
in the header, name its columns 列N.
"""
from __future__ import annotations

from typing import Optional, Sequence

import regex as re

from ..datamodel import Cell, GridBlock, NLine
from ..evidence.printed import NOTE_LINE, TITLE_END
from .spaced_rows import table_unit
from .spaced_text import after_title, amount_cell, furniture, text_cell, title_above, title_like, tokens
from .text_tables import text_reader, with_report

_ZERO = re.compile(r"^0\.0{1,4}$")
_TOTAL = re.compile(r"^(?:合计|总计)$")
# the labels of key columns: the unit, the subject's code and name, the project
_KEY_WORD = re.compile(r"^(?:预算单位|单位名称|部门名称|单位|(?:功能分类|经济分类)?科目(?:编码|代码|名称)?|编码|代码|名称|项目|项目名称)$")
_VALUE_WORD = re.compile(r"^\p{Han}{2,12}$")  # an amount column's label: Chinese words, no digit or mark
_MAX_HEADER = 24  # non-blank header lines (PyMuPDF prints one word per line)
_MAX_COLUMNS = 12


def _zeros(toks: list[str]) -> bool:
    return bool(toks) and all(_ZERO.match(w) for w in toks)


def _row_label(words: list[str], unit: Optional[str]) -> bool:
    label = "".join(words)
    return bool(_TOTAL.match(label)) or (unit is not None and label == unit)


def _end(lines: Sequence[NLine], k: int) -> bool:
    """Nothing of the table after lines[k - 1]: the note, a page number, the next title, or the end."""
    nxt = next((ln for ln in lines[k:k + 4] if ln.text.strip()), None)
    return nxt is None or bool(NOTE_LINE.match(nxt.text)) or title_like(nxt) or (
        furniture(lines, nxt) and not _zeros(nxt.text.split()))


def _find(lines: Sequence[NLine], i: int) -> Optional[tuple[list[NLine], list[str], NLine, str, list[tuple[NLine, str]], int]]:
    """(header lines, header words, the row's label line, its label, its 0s with their lines, the
    index after the row) of a one-row table of 0s from lines[i], else None."""
    if not title_above(lines, i) or not any(TITLE_END.search(ln.text.strip()) for ln in title_above(lines, i)):
        return None
    unit = table_unit(lines, i)
    header: list[NLine] = []
    words: list[str] = []
    k = i
    while k < len(lines) and len(header) <= _MAX_HEADER:
        ln = lines[k]
        toks = [w for w, _, _ in tokens(ln.text)]
        k += 1
        if not toks:
            continue
        m = len(toks)
        while m > 0 and _ZERO.match(toks[m - 1]):
            m -= 1
        if m and _row_label(toks[:m], unit):
            zeros = [(ln, w) for w in toks[m:]]
            while k < len(lines):  # PyMuPDF: blank cells as blank lines, then a 0 per line
                t = lines[k].text.split()
                if t and not _zeros(t):
                    break
                zeros += [(lines[k], w) for w in t]
                k += 1
            return (header, words, ln, "".join(toks[:m]), zeros, k) if zeros else None
        if m < len(toks) or NOTE_LINE.match(ln.text) or title_like(ln) or not all(
                _KEY_WORD.match(w) or _VALUE_WORD.match(w) for w in toks):
            return None
        header.append(ln)
        words += toks
    return None


def _columns(words: list[str]) -> Optional[tuple[list[str], list[str]]]:
    """(key labels, amount labels) of a header of key labels first, then the amounts' labels."""
    k = 0
    while k < len(words) and _KEY_WORD.match(words[k]):
        k += 1
    keys, values = words[:k], words[k:]
    if not keys or not values or len(values) > _MAX_COLUMNS or any(_KEY_WORD.match(w) for w in values):
        return None
    return keys, values


def _read(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    found = _find(lines, i)
    if found is None:
        return None, i + 1
    header, words, row_line, label, zeros, end = found
    cols = _columns(words)
    if cols is None or len(zeros) != len(cols[1]) or not _end(lines, end):
        return None, i + 1
    keys, values = cols
    at = header[0] if header else row_line
    head = [text_cell(at, w) for w in keys + values]
    row = [text_cell(row_line, label)] + [text_cell(row_line, "") for _ in keys[1:]]
    row += [amount_cell(ln, w) for ln, w in zeros]
    last = max(row_line.no, max(ln.no for ln, _ in zeros))
    block = GridBlock(rows=[head, row], first_line=lines[i].no, last_line=last, method="zero-row")
    return with_report(block), end


@text_reader(32)
class ZeroRowReader:
    """A one-row table of 0s (its 合计 row or the unit's own row), one row per line or one cell per line."""

    name = "zero-row"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        if not lines[i].text.strip() or not after_title(lines, i):
            return False
        return _read(lines, i)[0] is not None

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return _read(lines, i)
