"""Reader `numbered-units`: a 收入总表 / 支出总表 by unit whose rows carry a unit code (and a row number).

What it does: reads the table a 部门综合预算 prints as 收入总表 / 支出总表 (one row per unit, under
a [序号] | 单位编码 | 单位名称 key and the funding-source columns) when a converter prints it one row
per line: `1 合计 1059464715.06 1053642667.43 …`, `2 262 某某局 …`, `3 262001 某某局 …`, the row
numbers (where the header names 序号) running 1, 2, 3 …, every row printing every column; without
序号 the 合计 row comes first and every other row opens with its unit's code. A unit's code may stand
alone on its line, its name broken over the lines below (no digits) and its amounts on a line of
their own. The header's words come broken over lines, a few characters a line (`政府` / `性基` /
`金拨` / `款`); they are joined back by the labels they spell (funding-source labels of templates.py
`SOURCE_LABELS`), read in print order: the key labels, then the top labels left to right (总计, then
合计 under 部门预算 where both are printed), then the sub-columns of the one group (一般公共预算拨款 over
小计 / 其中：…), printed after them or right after the group. The columns are those labels; a table is
read only when the header spells nothing but the key labels and these (each once) and names as many
columns as every row prints amounts. On each row the totals must be equal and the last the sum of
the other columns (a group counted by its 小计, its 其中 columns not at all, and no 其中 above its
小计), else the row's amounts go to review (`layout.column_guess`), since a column then may not be
where the header says. The unit's name is the row's key (单位名称), as in the spaced reader's unit
tables; the unit code is not kept (a code column would be read as a subject's code).
What it does not: read tables whose header is garbled (labels printed twice or out of place, words
no label spells, header words interleaved with each other as pdfplumber prints them), a header
printed in -layout columns (the spaced reader's), rows going on over a page, or rows printed a cell
per line (PyMuPDF); subject tables (科目编码) with row numbers are not this shape.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional, Sequence

import regex as re

from ..datamodel import Cell, GridBlock, NLine, Repair
from ..evidence.numbers import parse_amount
from .spaced_text import AMOUNT, tokens
from .templates import SOURCE_GROUPS, SOURCE_LABELS
from .text_tables import text_reader, with_report

_TITLE = re.compile(r"(?:收入|支出)总表")
_KEYS = ("序号", "单位编码", "单位名称")  # the key labels, each printed once in the header
_SPANNING = ("部门预算",)  # a label over all the amount columns: no column of its own
_SUBS = ("小计",)
_WHOLE = re.compile(r"^(?:合计|总计)$")
_VOCAB = sorted(set(SOURCE_LABELS) | set(_KEYS) | set(_SPANNING) | set(SOURCE_GROUPS) | set(_SUBS), key=len, reverse=True)
_ENDS_PART = SOURCE_LABELS + _SUBS  # a `其中：…` label runs up to one of these
_PART_LEN = 30  # characters of a `其中：…` label, at most
_SENTENCE = re.compile(r"[，。；：:]")
_NAME_LINES = 6  # lines a unit's name is broken over, at most, when its amounts follow them
_UNIT_CODE = re.compile(r"^\d{3,12}$")
_HEADER_LINES = 60  # non-blank lines from the title to the first row, at most
_DOUBT = ("column uncertain: the row's total is not the sum of its other amounts, so the columns the "
          "header names may not be where this row prints its amounts")


def _labels(text: str) -> Optional[list[str]]:
    """The header's labels in print order, or None when some of its text spells no known label. A
    `其中` label runs to the next label."""
    out: list[str] = []
    at, n = 0, len(text)
    while at < n:
        if text.startswith("其中", at):
            end = at + 2
            while end < n and end - at <= _PART_LEN and not any(text.startswith(v, end) for v in _ENDS_PART):
                end += 1
            if end - at > _PART_LEN:
                return None
            out.append(text[at:end])
            at = end
            continue
        hit = next((v for v in _VOCAB if text.startswith(v, at)), None)
        if hit is None:
            return None
        out.append(hit)
        at += len(hit)
    return out


def columns(header_text: str) -> Optional[tuple[bool, list[str]]]:
    """Whether the rows carry a number (序号 first in the header) and the amount columns the header
    names (`一般公共预算拨款/小计` for a group's sub-column), or None when the header is not this
    table's or cannot be read for certain."""
    labels = _labels("".join(header_text.split()))
    if labels is None:
        return None
    numbered = labels[:1] == ["序号"]
    keys = _KEYS if numbered else _KEYS[1:]
    if labels[:len(keys)] != list(keys) or any(labels.count(k) != (k in keys) for k in _KEYS):
        return None  # the key labels first, each once
    labels = [x for x in labels[len(keys):] if x not in _SPANNING]
    if len(set(labels)) != len(labels):
        return None  # a label printed twice: a garbled header
    groups = [x for x in labels if x in SOURCE_GROUPS]
    subs = [x for x in labels if x in _SUBS or x.startswith("其中")]
    if len(groups) > 1 or bool(groups) != bool(subs):
        return None
    if groups:
        g = labels.index(groups[0])
        tops = [x for x in labels if x not in subs]
        if labels[g + 1:g + 1 + len(subs)] != subs and labels[len(tops):] != subs:
            return None  # the sub-columns neither follow their group nor close the header
        if subs[0] not in _SUBS or any(x in _SUBS for x in subs[1:]):
            return None
        out = []
        for x in tops:
            out += [f"{x}/{s}" for s in subs] if x == groups[0] else [x]
    else:
        out = labels
    k = _totals(out)
    if not k or len(out) < k + 2 or any(_WHOLE.match(x) for x in out[k:]):
        return None
    return numbered, out


def _totals(cols: Sequence[str]) -> int:
    """How many total columns open the set (总计, then 合计 under a label over the rest: at most two)."""
    k = 0
    while k < min(2, len(cols)) and _WHOLE.match(cols[k]):
        k += 1
    return k


def _row(lines: Sequence[NLine], j: int, number: Optional[int], n: int) -> Optional[tuple[int, str, str, list[str]]]:
    """The row at lines[j] (numbered `number`, None when rows carry no number) of n amounts: the
    index after it, its unit code (or ''), its name, its amounts. A row whose amounts are not on its
    line has its name broken over the lines after it and the amounts on a line of their own."""
    toks = [t for t, _, _ in tokens(lines[j].text)]
    if number is not None:
        if not toks or toks[0] != str(number):
            return None
        toks = toks[1:]
    k = len(toks)
    while k > 0 and AMOUNT.match(toks[k - 1]):
        k -= 1
    head, amounts = toks[:k], toks[k:]
    if not head and amounts and _UNIT_CODE.match(amounts[0]):
        head, amounts = amounts[:1], amounts[1:]  # a code alone on its line, the name below it
    nxt = j + 1
    if not amounts and head and _UNIT_CODE.match(head[0]):
        m = nxt
        while m < min(len(lines), j + 1 + _NAME_LINES) and lines[m].text.strip() and not any(
                ch.isdigit() for ch in lines[m].text):
            head.append(lines[m].text.strip())
            m += 1
        more = [t for t, _, _ in tokens(lines[m].text)] if m < len(lines) else []
        if m == nxt or not more or not all(AMOUNT.match(t) for t in more):
            return None
        amounts, nxt = more, m + 1
    if len(amounts) != n or not head:
        return None
    code = head[0] if _UNIT_CODE.match(head[0]) else ""
    name = "".join(head[1:] if code else head)
    first = number == 1 if number is not None else None
    if not name or any(ch.isdigit() for ch in name) or _SENTENCE.search(name):
        return None
    if first is not None and first != (bool(_WHOLE.match(name)) and not code):
        return None
    if first is None and not code and not _WHOLE.match(name):
        return None
    return nxt, code, name, amounts


def _sums(cols: Sequence[str], values: Sequence[Optional[Decimal]]) -> bool:
    """The first column is the sum of the others (a group by its 小计, 其中 columns left out), and no
    其中 is above its 小计."""
    if any(v is None for v in values):
        return False
    k = _totals(cols)
    if any(v != values[0] for v in values[1:k]):
        return False
    total = Decimal(0)
    sub = None
    for c, v in zip(cols[k:], values[k:]):
        group, _, label = c.rpartition("/")
        if label.startswith("其中"):
            if sub is None or v > sub:
                return False
            continue
        if group and label in _SUBS:
            sub = v
        total += v
    return total == values[0]


def _find(lines: Sequence[NLine], i: int) -> Optional[tuple[int, int, bool, list[str]]]:
    """The header's first line, the first row's index, whether rows are numbered and the columns, for
    a table titled at lines[i]."""
    seen = 0
    head_at = None
    for j in range(i + 1, len(lines)):
        t = lines[j].text.strip()
        if not t:
            continue
        seen += 1
        if seen > _HEADER_LINES:
            return None
        if head_at is None:
            if t.startswith("序") or "".join(t.split()).startswith("单位编"):
                head_at = j
            continue
        if AMOUNT.match(t.split()[-1]):
            got = columns(" ".join(ln.text for ln in lines[head_at:j]))
            return (head_at, j, got[0], got[1]) if got else None
    return None


def _starts(lines: Sequence[NLine], i: int) -> bool:
    t = lines[i].text
    if "总表" not in t or not _TITLE.search(t):  # cheap test first: this runs on every line
        return False
    found = _find(lines, i)
    return found is not None and _row(lines, found[1], 1 if found[2] else None, len(found[3])) is not None


def _cell(line: NLine, text: str, doubt: Optional[str] = None) -> Cell:
    c = Cell(text=text, orig=text, line=line.no, page=line.page, repaired=line.repaired)
    if doubt:
        c.repairs = [Repair(kind="layout.column_guess", note=doubt, status="unconfirmed")]
    return c


def read_numbered_units(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    found = _find(lines, i)
    if found is None:
        return None, i + 1
    head_at, j, numbered, cols = found
    n = len(cols)
    rows: list[tuple[NLine, str, str, list[str]]] = []
    end = j
    while end < len(lines):
        if not lines[end].text.strip():
            end += 1
            continue
        got = _row(lines, end, len(rows) + 1 if numbered else None, n)
        if got is None or (rows and not got[1] and not numbered):
            break  # (unnumbered rows: one 合计 row, the first)
        rows.append((lines[end],) + got[1:])
        end = got[0]
    if len(rows) < 2:
        return None, i + 1
    at = lines[head_at]

    def head(text: str) -> Cell:
        return Cell(text=text, orig=text, line=at.no, page=at.page)
    tops = [c.split("/")[0] for c in cols]
    first = [x if not k or x != tops[k - 1] else "" for k, x in enumerate(tops)]
    grid = [[head("单位名称")] + [head(x) for x in first]]
    if any("/" in c for c in cols):
        grid.append([head("")] + [head(c.rpartition("/")[2] if "/" in c else "") for c in cols])
    for ln, _code, name, amounts in rows:
        doubt = None if _sums(cols, [parse_amount(a)[0] for a in amounts]) else _DOUBT
        grid.append([_cell(ln, name)] + [_cell(ln, a, doubt) for a in amounts])
    block = GridBlock(rows=grid, first_line=lines[head_at].no, last_line=rows[-1][0].no, method="numbered-units",
                      preamble=[ln for ln in lines[i:head_at] if ln.text.strip()])
    return with_report(block), end


@text_reader(48)
class NumberedUnitsReader:
    """A 收入总表 / 支出总表 by unit with row numbers and unit codes, one row per line."""

    name = "numbered-units"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        return _starts(lines, i)

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return read_numbered_units(lines, i)
