"""公开06表 (and budget tables like it): economic-code groups printed side by side, one line per printed
row, as PDF text extractors give them: `30101 基本工资 12.30 30201 办公费 1.20 31002 办公设备购置`.

What it does: reads the rows after such a table's header into a GridBlock of the shape tables.py
`_groups` reads: a header row 经济分类科目编码 | 科目名称 | 决算数 repeated per group, then one grid row
per printed line with code, name and amount per group (empty Cells where a group is blank). A blank
amount is simply absent from the line, so a number is a code when a name follows it or its group
already has an amount, else the group's amount. Which group a code belongs to, on a line that
prints fewer groups than the table has: each group's codes run in ascending order down its column,
so a code goes to the group whose last code is the greatest below it. Names broken over lines
(pieces on the lines above and below the row's line, one piece per nameless group) are joined.
The 人员经费合计 / 公用经费合计 line becomes label | amount pairs.
What it does not: read other shapes (spaced_rows, spaced_sides, spaced_flat); check the sums
(validate/).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

import regex as re

from ..catalog import lookup
from ..datamodel import Cell, GridBlock, NLine
from .spaced_text import SENTENCE, Header, amount_cell, ends_table, furniture, is_amount, name_piece, repeated_header, text_cell, tokens
from .text_tables import with_report

_LOOKAHEAD = 10
_CODE = re.compile(r"^\d{3}$|^\d{5}$")
_PART = re.compile(r"^\d{2}$")
_DOUBT_CODE = ("amount or code uncertain: an integer printed at the end of the line that is also an economic "
               "code; read as the amount")


@dataclass
class _Seg:
    code: Optional[str]
    line: NLine
    code_orig: str = ""
    name: str = ""
    name_lines: list[NLine] = field(default_factory=list)
    amount: Optional[str] = None
    amount_line: Optional[NLine] = None  # where the amount stands when not on the code's line
    doubt: Optional[str] = None
    group: int = 0


def _known_code(t: str) -> bool:
    return bool(_CODE.match(t)) and lookup(t, "economic") is not None


def _segments(line: NLine) -> list[_Seg]:
    toks = tokens(line.text)
    segs: list[_Seg] = []
    cur: Optional[_Seg] = None
    for k, (t, _, _) in enumerate(toks):
        nxt_text = k + 1 < len(toks) and not is_amount(toks[k + 1][0])
        if not is_amount(t):
            if cur is None or cur.amount is not None:
                cur = _Seg(code=None, line=line)
                segs.append(cur)
            cur.name += t
            continue
        if cur is not None and cur.code and len(cur.code) == 3 and not cur.name and cur.amount is None and (
                _PART.match(t)) and len(cur.code) < 5:
            cur.code += t  # 301 01: the code printed over 类 | 款 columns
            cur.code_orig += " " + t
            continue
        code_like = bool(_CODE.match(t))
        nxt_part = len(t) == 3 and k + 1 < len(toks) and bool(_PART.match(toks[k + 1][0]))
        # `30231 33.57`: a number after it that cannot be a code makes it a code with its amount
        nxt_amount = k + 1 < len(toks) and is_amount(toks[k + 1][0]) and not _CODE.match(toks[k + 1][0])
        # `30113 住房公积金 30212 31009 土地补偿`: a known code whose name is printed on the lines
        # around it, followed by the next group's code, is no amount of the group before it
        nxt_code = len(t) == 5 and _known_code(t) and k + 1 < len(toks) and _known_code(toks[k + 1][0])
        if code_like and (cur is None or cur.amount is not None or nxt_text or nxt_part or nxt_amount or nxt_code):
            cur = _Seg(code=t, line=line, code_orig=t)
            segs.append(cur)
            continue
        if cur is not None and cur.amount is None:
            cur.amount = t
            if code_like and k + 1 == len(toks) and cur.code and _known_code(t) and len(t) == 5:
                cur.amount = None  # a five-digit integer that is an economic code: the next group's code
                cur = _Seg(code=t, line=line, code_orig=t)
                segs.append(cur)
            elif code_like and k + 1 == len(toks) and _known_code(t) and "." not in t:
                cur.doubt = _DOUBT_CODE
            continue
        return []  # a number where none belongs: not a row of this shape
    return segs


def _data_line(line: NLine) -> bool:
    t = line.text
    if "\t" in t or "|" in t or len(t) > 400 or SENTENCE.search(t):
        return False
    toks = tokens(t)
    return bool(toks) and _known_code(toks[0][0]) and len(toks) >= 2


def first_row(lines: Sequence[NLine], i: int) -> Optional[int]:
    for j in range(i, min(i + _LOOKAHEAD, len(lines))):
        t = lines[j].text
        if "\t" in t or "|" in t or SENTENCE.search(t):
            return None
        if _data_line(lines[j]):
            return j
    return None


def _pad(code: str) -> str:
    return code.ljust(5, "0")


def _assign(segs: list[_Seg], last: list[Optional[str]]) -> bool:
    """Set each coded segment's group; False when the line does not fit the groups."""
    g_count = len(last)
    coded = [s for s in segs if s.code]
    if len(coded) > g_count:
        return False
    if len(coded) == g_count:
        for g, s in enumerate(coded):
            s.group = g
    else:
        lo = 0
        for idx, s in enumerate(coded):
            hi = g_count - (len(coded) - idx)  # leave room for the codes after it
            options = [g for g in range(lo, hi + 1) if last[g] is not None and _pad(last[g]) < _pad(s.code)]
            if not options:
                options = [lo]
            s.group = max(options, key=lambda g: _pad(last[g]) if last[g] else "")
            lo = s.group + 1
    for s in coded:
        last[s.group] = s.code
    return True


def _fill_names(pieces: list[NLine], segs: list[_Seg]) -> bool:
    """Name pieces printed above a row's line go to its nameless segments, one word each."""
    words = [t for ln in pieces for t, _, _ in tokens(ln.text)]
    blank = [s for s in segs if s.code and not s.name]
    if not words or len(words) != len(blank):
        return False
    for s, w in zip(blank, words):
        s.name = w
        s.name_lines = [pieces[0]]
    return True


def _collect(lines: Sequence[NLine], j: int, last: list[Optional[str]], header_keys: set[str]
             ) -> tuple[list[list[_Seg]], int]:
    rows: list[list[_Seg]] = []
    pending: list[NLine] = []
    broken: list[_Seg] = []  # segments whose name began on the line above: pieces below continue them
    n = len(lines)
    while j < n:
        ln = lines[j]
        t = ln.text
        if "\t" in t or "|" in t or len(t) > 400 or ends_table(ln) and not ("合计" in t and not SENTENCE.search(t)):
            break
        segs = _segments(ln) if any(ch.isdigit() for ch in t) else []
        if segs and not segs[0].code and "合计" not in segs[0].name and rows and all(x.code for x in segs[1:]):
            # `费 160.75 302 06 电费`: the first group's name ends here, with its amount
            target = next((x for x in rows[-1] if x.code and x.group == 0 and x.amount is None), None)
            if target is None:
                break
            target.name += segs[0].name
            target.name_lines = (target.name_lines or [target.line]) + [ln]
            target.amount, target.amount_line = segs[0].amount, ln
            segs = segs[1:]
            if not segs:
                j += 1
                continue
        if segs and (segs[0].code or "合计" in segs[0].name):
            if segs[0].code and not _assign(segs, last):
                break
            broken = []
            if pending:
                if not _fill_names(pending, segs):
                    break
                broken = [s for s in segs if s.name_lines]
                pending = []
            rows.append(segs)
            j += 1
            continue
        if furniture(lines, ln) or repeated_header(ln, header_keys):
            j += 1
            continue
        if name_piece(ln) and rows and not pending:
            words = [w for w, _, _ in tokens(t)]
            if broken and len(words) == len(broken):
                for s, w in zip(broken, words):
                    s.name += w
                    s.name_lines.append(ln)
                broken = []
                j += 1
                continue
            pending.append(ln)
            j += 1
            continue
        break
    if pending:
        j -= len(pending)
    return rows, j


def read_groups(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    first = first_row(lines, i)
    if first is None:
        return None, i + 1
    head = Header(lines, i, first)
    header_text = head.text
    first_segs = _segments(lines[first])
    g_count = max(header_text.count("科目名称"), len([s for s in first_segs if s.code]), 1)
    rows, end = _collect(lines, first, [None] * g_count, head.keys)
    if len(rows) < 2:
        return None, i + 1
    value = next((w for w in ("决算数", "预算数", "金额") if w in header_text), "金额")
    at = lines[i]
    grid: list[list[Cell]] = [[text_cell(at, w) for _ in range(g_count) for w in ("经济分类科目编码", "科目名称", value)]]
    for segs in rows:
        if not segs[0].code:  # 人员经费合计 340.64 公用经费合计 385.74
            cells: list[Cell] = []
            for s in segs:
                cells += [text_cell(s.line, s.name), amount_cell(s.line, s.amount or "")]
            grid.append(cells)
            continue
        cells = [text_cell(segs[0].line, "") for _ in range(3 * g_count)]
        for s in segs:
            if not s.code:
                continue
            base = 3 * s.group
            cells[base] = Cell(text=s.code, orig=s.code_orig or s.code, line=s.line.no, page=s.line.page)
            name_line = s.name_lines[0] if s.name_lines else s.line
            cells[base + 1] = Cell(text=s.name, orig=s.name, line=name_line.no, page=name_line.page,
                                   joined=bool(s.name_lines))
            cells[base + 2] = amount_cell(s.amount_line or s.line, s.amount or "", s.doubt if s.amount else None)
        grid.append(cells)
    last_line = max(max((ln.no for s in r for ln in s.name_lines), default=r[0].line.no) for r in rows)
    return with_report(GridBlock(rows=grid, first_line=lines[i].no, last_line=max(last_line, rows[-1][0].line.no),
                             method="spaced")), end
