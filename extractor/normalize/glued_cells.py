"""Table pages whose cells run together on one line, with no space between them (pdfminer.six).

What it does: pdfminer.six prints some PDFs' pages as one line each, every cell run into the next:
`表7一般公共预算支出表（按功能分类）部门名称：某局单位：万元预算单位科目编码科目名称支出总计基本支出项目支出
某局  5,417.804,104.001,313.80201一般公共服务支出3,478.722,357.921,120.802010501行政运行…- 25 -`.
`split_glued` cuts such a line into the lines a row-per-line converter prints — the title, the
department and unit lines, the header, one line per row (`201 一般公共服务支出 3,478.72 2,357.92
1,120.80`), the note and the page number — so the spaced readers read the table. A line is taken
only where it is long and at least `_MIN_GLUED` amounts with two decimals run straight into the
next number (`…3,478.722,357.92…`: no sentence prints that). In a run of digits the amounts are read
from the left, each exactly two decimals (`927.20927.200.00` is 927.20 927.20 0.00; a thousands
separator only between groups of three); digits after the last amount that run into a name are
the next row's code (`0.002010501行政运行`). Every run of digits that holds an amount must read so
to its end, else the line is left as printed (an amount with one or three decimals, a percentage,
a number run into the next otherwise: the cut could be wrong). A row starts where a label follows
an amount, keeping the spaces printed before it (the indentation of a name's level).
A two-sided page (收支总表: income | expenditure, one amount column per side) run together the same
way prints each cell as its label with its amount right after it, the next label right after that
(`…预算数一、财政拨款5,417.80一、一般公共服务支出3,478.72  1.一般公共预算拨款5,417.80…`): no amount runs
into the next number there, so such a line (long, at least `_MIN_PAIRS` amounts each glued to the label
before it, every amount followed by a space, a label or the line's end, no sentence among the labels)
is cut into one line per cell, `label amount` — the title area and the header (up to its last
预算数 / 决算数 / 执行数 / 金额) and the note apart — which the spaced reader reads as rows of a label
and its amount. Which side a cell is on, and which row it shares, is not decided here.
What it does not: cut a line whose amounts are apart (spaces between the cells: the spaced readers
read it as printed), split the header's words or the side-by-side items of one row (收入 | 支出 on one
line stay together where no amount stands between them), or decide anything about columns.
"""
from __future__ import annotations

from typing import Optional

import regex as re

from ..datamodel import Line

_MIN_LEN = 200  # a page run together on one line is long
_MIN_GLUED = 3  # amounts run into the next number on it
_GLUED = re.compile(r"\.\d\d(?=-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d\d)")  # an amount run into the next
_RUN = re.compile(r"-?\d[\d,.]*")  # a run of digits, separators and points (a sign in front)
_AMOUNT = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d\d")
_LEAD = re.compile(r"\d{1,7}")  # digits opening the next row's label: its code (`2010501行政运行`), a year (`2026年`)
_CODE = re.compile(r"\d{3}(?:\d{2}){0,2}")  # a subject code: 类, 款 or 项
_ROW_CODE = re.compile(r"(?<![\d,.])\d{3}(?:\d{2}){0,2}(?=\p{Han})")  # a subject code before its name
_INDENT = re.compile(r"\S\s{2,}(?=\S)")  # the spaces before an indented name
_NAME_START = re.compile(r"[\p{Han}（(]")
_UNIT_AFTER = re.compile(r"[万亿千元个%％]")  # digits before a unit word: a number of prose, no code
_PROSE = re.compile(r"[，。；]")
_SUB_LABEL = re.compile(r"(?<=[^\s:：])(?=其中[:：])")  # `…小计其中：…`: the header's 其中 opens a label
_UNIT_NAME = re.compile(r"^\s*(?:部门名称|单位名称)[:：]\s*(\S.{0,38}?)\s*$")
_FOOTER = re.compile(r"\s*-\s*\d{1,4}\s*-\s*$")  # the page number closing the page: `- 25 -`
# where the title area's lines start (a department or unit line, a note) and where a unit line ends
_HEAD_BREAK = re.compile(r"(?=(?:部门名称|单位名称|部门|编制单位)[:：])|(?<![预制名算])(?=单位[:：])"
                         r"|(?<=单位[:：](?:万元|元|千元))|(?=注[:：])")


_MIN_PAIRS = 6  # cells `label amount` on a two-sided page run together
# an amount glued to the label before it (no space, no digit: `一、财政拨款5,417.80`), not to a number after it
_PAIR = re.compile(r"(?<=[^\s\d,.\-])-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d\d(?![\d,.%％万亿千元])")
_PAIR_AFTER = re.compile(r"\s|\p{Han}|\d{1,2}[.、．]\p{Han}|[（(]|$")  # what follows such an amount
_TABLE_NO = re.compile(r"(?<=[^\s\f])(?=表\d{1,2}\p{Han})")  # a section heading before the table's number: `二、表格部分表1收支总表`
_HEAD_END = re.compile(r"(?:预算数|决算数|执行数|金额)")  # the header's last column word


def glued(text: str) -> bool:
    """A page's cells run together on this line (cheap tests first: runs on every line)."""
    return len(text) >= _MIN_LEN and "." in text and len(_GLUED.findall(text)) >= _MIN_GLUED


def _head_lines(text: str) -> list[str]:
    """The title area's lines; a header's `其中：` (it opens a label) kept apart from the word before."""
    return [_SUB_LABEL.sub(" ", x) for x in _HEAD_BREAK.split(text) if x.strip()]


def _cut(text: str) -> Optional[list[str]]:
    """The line's rows, one string each; None where a run of digits does not read as amounts."""
    footer = _FOOTER.search(text)
    body = text[:footer.start()] if footer else text
    segs: list[tuple[str, list[str]]] = []  # (the label text before, the amounts run together after it)
    pos, code = 0, ""
    for m in _RUN.finditer(body):
        run, p, found = m.group(), 0, []
        while p < len(run):
            a = _AMOUNT.match(run, p)
            if a is None:
                break
            found.append(a.group())
            p = a.end()
        if not found:
            continue  # no amount in it (a year, an item's number, a code before its name): label text
        rest = run[p:]
        if rest and not (_LEAD.fullmatch(rest) and _NAME_START.match(body, m.end())
                         and not _UNIT_AFTER.match(body, m.end())):
            return None
        label = code + body[pos:m.start()]
        if segs and _PROSE.search(label):
            return None  # a sentence between amounts: prose, no table's rows
        if segs and not label.strip():
            segs[-1][1].extend(found)  # amounts apart by spaces only: the same row
        else:
            segs.append((label, found))
        code = rest + " " if _CODE.fullmatch(rest) else rest  # the next row's code, before its name
        pos = m.end()
    if not segs:
        return None
    out = _head_lines(segs[0][0])
    first = out.pop() if out and not _HEAD_BREAK.search(segs[0][0][-12:]) else ""
    unit = next((m.group(1).strip() for m in map(_UNIT_NAME.match, out) if m), "")
    out.extend(_first_row(first.rstrip(), unit))
    out[-1] = (out[-1] + " " + " ".join(segs[0][1])).strip()
    out.extend(label.rstrip() + " " + " ".join(found) for label, found in segs[1:])
    out.extend(_head_lines(code + body[pos:]))
    if footer:
        out.append(text[footer.start():].strip())
    return out


def _first_row(text: str, unit: str) -> list[str]:
    """The header's words and the first row's label run together: cut before the row's code (the
    last code before a name, no digit after it), before the name of the unit the title area names
    (`部门名称：某局` over the unit's own row) or before the spaces of an indented name."""
    if unit and text.endswith(unit) and len(text) > len(unit):
        return [text[:-len(unit)], unit]
    last = None
    for m in _ROW_CODE.finditer(text):
        last = m
    if last is not None and last.start() > 0 and not any(ch.isdigit() for ch in text[last.end():]):
        return [text[:last.start()], last.group() + " " + text[last.end():]]
    gap = None
    for m in _INDENT.finditer(text):
        gap = m
    if gap is not None:
        return [text[:gap.start() + 1], text[gap.start() + 1:]]
    return [text]


def _pairs(text: str) -> Optional[list[str]]:
    """A two-sided page run together cut into its cells, one `label amount` line each (the title
    area's and header's lines first, the note and page number last); None where the line is not so."""
    if len(text) < _MIN_LEN:
        return None
    footer = _FOOTER.search(text)
    body = text[:footer.start()] if footer else text
    found = list(_PAIR.finditer(body))
    if len(found) < _MIN_PAIRS or any(not _PAIR_AFTER.match(body, m.end()) for m in found):
        return None
    heads = list(_HEAD_END.finditer(body, 0, found[0].start()))
    if not heads:
        return None
    cut = heads[-1].end()
    labels = [body[cut:found[0].start()]] + [body[a.end():b.start()] for a, b in zip(found, found[1:])]
    if any(not x.strip() or _PROSE.search(x) or _AMOUNT.search(x) for x in labels):
        return None  # two amounts of one cell, or a sentence: not this shape
    out = [x for head in _head_lines(body[:cut]) for x in _TABLE_NO.split(head)]
    out.extend(label.strip() + " " + m.group() for label, m in zip(labels, found))
    out.extend(_head_lines(body[found[-1].end():]))
    if footer:
        out.append(text[footer.start():].strip())
    return out


def split_glued(lines: list[Line]) -> tuple[list[Line], int]:
    """The lines with each glued page line cut into its rows (each keeping the line's number and
    page), and how many lines were cut."""
    cuts = [_cut(ln.text) if glued(ln.text) else _pairs(ln.text) for ln in lines]  # each line looked at once
    if all(rows is None for rows in cuts):
        return lines, 0
    out: list[Line] = []
    n = 0
    for ln, rows in zip(lines, cuts):
        if rows is None:
            out.append(ln)
            continue
        n += 1
        out.extend(Line(text=r, no=ln.no, page=ln.page, bbox=ln.bbox, conf=ln.conf) for r in rows)
    return out, n
