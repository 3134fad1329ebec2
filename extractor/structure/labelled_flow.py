"""Reader `labelled-flow`: labelled rows of a table no template knows (整体支出绩效评价基础数据表 and
the like: 财政供养人员情况（人） | 编制数 实际在职人数 控制率, 经费控制情况（万元） | 上年决算数 本年预算数 本年决算数,
then rows such as 三公经费 / 1、公务用车购置和维护经费 / 项目支出： …) in the flow order of `pdftotext`
without `-layout` and of pdfminer.six: one cell per line, the header's words mixed, blank lines
anywhere.

What it does: after the table's title it takes the cell lines up to the first line of prose (the
说明 under the table) as items — column names (…决算数, …预算数, 编制数, …人数, 控制率 …), section labels
(a unit in brackets: 财政供养人员情况（人）), row labels and values (amounts, percentages, a dash). The
header names n value columns (its column names are n for every section label); the items after the
header's last column name are read in one of two orders:
- rows (pdftotext): a row label followed by exactly n values is that row, read as printed. A label
  printed with no values of its own (pdftotext moves some labels after all the values, or among the
  header's words) and a group of n values printed with no label are matched in order, only when they
  are equally many; those values, and the first n of a label followed by more than n values, carry an
  unconfirmed `layout.column_guess` repair (review), as do the values of a label printed right after
  another label (it may be a piece of a broken label).
- columns (pdfminer.six): every row label, then exactly n values per label: the values column by
  column. The placement stands only when the numbered items (1、2、3、) under a row add up to it in
  every column and the row-by-row reading would not make them add up; otherwise all its values go to
  review.
In either order a row whose numbered items do not add up to it puts itself and those items in review.
The first section's values (编制数 实际在职人数 控制率 under 财政供养人员情况) are read as a row without a
label when exactly n stand among the header's words (in review unless printed right after their
n column names). Columns are named by the header's names only when the names of each section are
printed together in a run of n; otherwise the column names are left to the table builder as guessed
(so no value of such a table is read at the confident level).
What it does not: read tables with codes (row_stream.py, column_runs.py), a table whose value
groups are not a multiple of n long, rows printed with fewer values than columns (a blank cell left
out makes the placement unknowable: such values are left out), or a table over a page turn.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Optional, Sequence

import regex as re

from ..datamodel import Cell, GridBlock, NLine
from ..evidence.numbers import CENT_PER_PART
from ..evidence.printed import TITLE_END
from .spaced_text import AMOUNT, after_title, amount_cell, cell_line, stream_furniture, text_cell, title_above, \
    title_like
from .templates import identify
from .text_tables import text_reader, with_report

_PROSE = re.compile(r"[，。；]")  # a label may hold a colon (项目支出：), a cell no sentence
_PERCENT = re.compile(r"^-?\d+(?:\.\d+)?%$")
_DASH = re.compile(r"^(?:-|—|–|——|－)$")
# a column name of such forms: a year or 上年/本年 in front, then a measure (…决算数, 编制数, 控制率)
_COLUMN = re.compile(r"^(?:\d{4}\s*年(?:度)?|上年|本年|当年|上年度|本年度)?\p{Han}{0,8}?"
                     r"(?:决算数|预算数|执行数|编制数|人数|控制率|执行率|完成率)$")
_SECTION = re.compile(r"[（(](?:人|万元|元|千元|个|辆|次)[）)]$")  # 财政供养人员情况（人）
_NUMBERED = re.compile(r"^(\d{1,2})[、．.](?!\d)")
_CODE_FIRST = re.compile(r"^[\[【]?\d{3}(?:\s?\d{2}){0,2}(?![\d.,%])")
_MAX_LINES = 600
_MIN_ROWS = 3
_CENT = CENT_PER_PART  # per added part (evidence/numbers.py)

_DOUBT_MOVED = ("row uncertain: its label was printed away from its values (matched in printed order "
                "with a group of values printed without a label)")
_DOUBT_MORE = ("row uncertain: more values follow its label than the header has columns; the first "
               "ones read as its own")
_DOUBT_PIECE = "row uncertain: its label follows another label with no values between (a piece of a broken label?)"
_DOUBT_COLUMNS = ("row uncertain: values printed column by column after all labels, and no sum of numbered "
                  "items confirms the order")
_DOUBT_SUM = "row uncertain: its numbered items do not add up to it as read"
_DOUBT_HEAD = "row uncertain: its values stand among the header's words"


def _value(word: str) -> bool:
    return bool(AMOUNT.match(word) or _PERCENT.match(word) or _DASH.match(word))


class _Item:
    __slots__ = ("text", "at", "kind")

    def __init__(self, text: str, at: int, kind: str) -> None:
        self.text, self.at, self.kind = text, at, kind  # kind: value | column | section | label


def _kind_of(text: str) -> str:
    if _value(text):
        return "value"
    if _COLUMN.match(text):
        return "column"
    if _SECTION.search(text):
        return "section"
    return "label"


def _items(lines: Sequence[NLine], i: int) -> tuple[list[_Item], int]:
    """The table's items from lines[i] on and the index of the line where they end. A line of values
    (or of column names) gives one item per word; any other line one label (its spaces dropped)."""
    out: list[_Item] = []
    end = i
    for j in range(i, min(len(lines), i + _MAX_LINES)):
        ln = lines[j]
        t = ln.text.strip()
        if not t or stream_furniture(lines, ln, value=_value):
            continue
        if not cell_line(ln, _PROSE) or (title_like(ln) and out):
            break
        words = t.split()
        kinds = [_kind_of(w) for w in words]
        if len(words) > 1 and "value" in kinds and any(k in ("label", "section") for k in kinds):
            return [], i  # a label and values on one line: rows printed whole (the spaced readers' layout)
        if len(words) > 1 and all(k in ("value", "column") for k in kinds):
            out.extend(_Item(w, j, k) for w, k in zip(words, kinds))
        else:
            text = "".join(words)
            out.append(_Item(text, j, _kind_of(text)))
        end = j + 1
    return out, end


def _amount(text: str) -> Optional[Decimal]:
    try:
        return Decimal(text.replace(",", "").rstrip("%"))
    except InvalidOperation:
        return None


class _Row:
    def __init__(self, label: Optional[_Item], values: list[_Item], doubt: Optional[str] = None) -> None:
        self.label, self.values, self.doubt = label, values, doubt


def _families(rows: list[_Row]) -> list[tuple[int, list[int]]]:
    """(row, its numbered items) for each row followed by items numbered 1、2、3、… (rows between
    them that are not numbered are parts of an item: skipped; a number out of turn ends the run)."""
    out = []
    nums = [_NUMBERED.match(r.label.text) if r.label else None for r in rows]
    for p, row in enumerate(rows):
        if row.label is None or nums[p] or p + 1 >= len(rows) or not nums[p + 1] or nums[p + 1].group(1) != "1":
            continue
        kids: list[int] = []
        for q in range(p + 1, len(rows)):
            if nums[q] is None:
                continue
            if int(nums[q].group(1)) != len(kids) + 1:
                break
            kids.append(q)
        out.append((p, kids))
    return out


def _adds_up(head: list[_Item], parts: list[list[_Item]]) -> Optional[bool]:
    """The parts add up to the head in every column that holds amounts; None when no column does."""
    checked = False
    for c, h in enumerate(head):
        total = _amount(h.text) if not _PERCENT.match(h.text) else None
        got = [_amount(p[c].text) if c < len(p) and not _PERCENT.match(p[c].text) else None for p in parts]
        if total is None or None in got:
            continue
        checked = True
        if abs(total - sum(got, Decimal(0))) > _CENT * len(got):
            return False
    return True if checked else None


def _check_families(rows: list[_Row]) -> bool:
    """Rows whose numbered items do not add up to them go to review with the items; True when at
    least one such sum was checked and all hold."""
    held = False
    all_hold = True
    for p, kids in _families(rows):
        ok = _adds_up(rows[p].values, [rows[q].values for q in kids])
        if ok is None:
            continue
        if ok:
            held = True
        else:
            all_hold = False
            for r in [rows[p]] + [rows[q] for q in kids]:
                r.doubt = r.doubt or _DOUBT_SUM
    return held and all_hold


def _by_rows(body: list[_Item], n: int, orphans: list[_Item]) -> Optional[list[_Row]]:
    """pdftotext's order: each label with the values after it; labels and value groups left over
    matched in order when equally many. `orphans`: the row labels printed among the header's words."""
    rows: list[_Row] = []
    loose_labels: list[tuple[int, _Item]] = [(-1, x) for x in orphans]  # (row slot, label)
    loose_groups: list[tuple[int, list[_Item]]] = []
    slots: list[Optional[_Row]] = []  # printed order of rows, None where a loose group stands
    k = 0
    prev_label = False
    while k < len(body):
        it = body[k]
        if it.kind != "value":
            if it.kind != "label":
                return None  # a header word amid the rows: the order is mixed
            m = k + 1
            while m < len(body) and body[m].kind == "value":
                m += 1
            run = body[k + 1:m]
            if not run:
                loose_labels.append((len(slots), it))
                prev_label = True
                k = m
                continue
            if len(run) % n:
                return None
            doubt = _DOUBT_PIECE if prev_label else (_DOUBT_MORE if len(run) > n else None)
            slots.append(_Row(it, run[:n], doubt))
            for g in range(n, len(run), n):
                loose_groups.append((len(slots), run[g:g + n]))
                slots.append(None)
            prev_label = False
            k = m
            continue
        m = k
        while m < len(body) and body[m].kind == "value":
            m += 1
        run = body[k:m]
        if len(run) % n:
            return None
        for g in range(0, len(run), n):
            loose_groups.append((len(slots), run[g:g + n]))
            slots.append(None)
        prev_label = False
        k = m
    if len(loose_labels) == len(loose_groups):
        for (_, label), (slot, group) in zip(loose_labels, loose_groups):
            slots[slot] = _Row(label, group, _DOUBT_MOVED)
    rows = [r for r in slots if r is not None]
    return rows


def _by_columns(body: list[_Item], n: int) -> Optional[list[_Row]]:
    """pdfminer.six's order: all labels, then each column's values: read column by column, in review
    unless the numbered items' sums confirm this order (and not the row-by-row one)."""
    k = 0
    while k < len(body) and body[k].kind == "label":
        k += 1
    labels, values = body[:k], body[k:]
    if len(labels) < _MIN_ROWS or any(v.kind != "value" for v in values) or len(values) != n * len(labels):
        return None
    per = len(labels)
    rows = [_Row(lab, [values[c * per + r] for c in range(n)]) for r, lab in enumerate(labels)]
    across = [_Row(lab, values[r * n:(r + 1) * n]) for r, lab in enumerate(labels)]
    confirmed = _check_families(rows) and not _check_families(across)
    if not confirmed:
        for r in rows:
            r.doubt = r.doubt or _DOUBT_COLUMNS
    return rows


def _header(head: list[_Item], n: int) -> tuple[list[list[_Item]], bool]:
    """The column names of each section and whether each section's names stand together (in order)."""
    names = [x for x in head if x.kind == "column"]
    groups = [names[s:s + n] for s in range(0, len(names), n)]
    together = True
    for g in groups:
        idx = [head.index(x) for x in g]
        if idx != list(range(idx[0], idx[0] + n)):
            together = False
    return groups, together


def read_flow(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    items, end = _items(lines, i)
    if not items:
        return None, i + 1
    last_col = max((k for k, x in enumerate(items) if x.kind == "column"), default=None)
    if last_col is None:
        return None, i + 1
    head, body = items[:last_col + 1], items[last_col + 1:]
    if any(_CODE_FIRST.match(x.text) for x in items if x.kind == "label"):
        return None, i + 1  # codes: a subject table
    sections = sum(1 for x in head if x.kind == "section")
    columns = sum(1 for x in head if x.kind == "column")
    if columns % max(1, sections):
        return None, i + 1
    n = columns // max(1, sections)
    if n < 2:
        return None, i + 1
    head_values = [x for x in head if x.kind == "value"]
    head_labels = [x for x in head if x.kind == "label"]
    if head_values and (len(head_values) != n or sections < 2):
        return None, i + 1
    rows: Optional[list[_Row]]
    if body and body[0].kind == "label" and not head_labels and any(
            x.kind == "value" for x in body) and all(x.kind == "label" for x in body[:_MIN_ROWS]):
        rows = _by_columns(body, n)
    else:
        rows = _by_rows(body, n, head_labels)
        if rows is not None:
            _check_families(rows)
    if rows is None or sum(1 for r in rows if r.label is not None) < _MIN_ROWS:
        return None, i + 1
    groups, together = _header(head, n)
    grid: list[list[Cell]] = []
    at = lines[i]
    section_labels = [x for x in head if x.kind == "section"]
    if head_values:
        first = head.index(head_values[0])
        in_run = head[first - n:first] == groups[0] and head[first:first + n] == head_values
        doubt = None if in_run and together else _DOUBT_HEAD
        if together:
            grid.append([text_cell(lines[section_labels[0].at], section_labels[0].text)]
                        + [text_cell(lines[x.at], x.text) for x in groups[0]])
        grid.append([text_cell(at, "")] + [amount_cell(lines[v.at], v.text, doubt) for v in head_values])
    if together:
        corner = section_labels[-1] if section_labels else None
        grid.append([text_cell(lines[corner.at], corner.text) if corner else text_cell(at, "")]
                    + [text_cell(lines[x.at], x.text) for x in groups[-1]])
    for r in rows:
        if r.label is None:
            continue
        grid.append([text_cell(lines[r.label.at], r.label.text)]
                    + [amount_cell(lines[v.at], v.text, r.doubt) for v in r.values])
    block = GridBlock(rows=grid, first_line=lines[i].no, last_line=lines[end - 1].no, method="labelled-flow")
    block.preamble = []
    return with_report(block), end


def _untitled(lines: Sequence[NLine], i: int) -> bool:
    title = title_above(lines, i)
    return identify(" ".join(ln.text for ln in title), "") is None and any(
        TITLE_END.search(ln.text.strip()) for ln in title)


@text_reader(34)
class LabelledFlowReader:
    """Labelled rows of an untitled form in pdftotext / pdfminer.six flow order."""

    name = "labelled-flow"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        if not after_title(lines, i) or not lines[i].text.strip() or not cell_line(lines[i], _PROSE):
            return False
        return _untitled(lines, i)

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return read_flow(lines, i)
