"""Reader `zero-runs`: a subject table with no subject rows — only its 合计 row, every cell of it 0 —
printed one cell per line, column by column (pdfminer.six prints a report's empty 政府性基金 /
国有资本经营 tables so: `本表无数据`, the 合计 row all 0s).

The shape: under a subject table's title (templates.identify), the header's words in any order
(`项目` `本年支出` `科目代码` `科目名称` `小计` `基本支出` `项目支出` `年初结转和结余` …), `栏次`, the
one row label `合计` (or `总计`), the column numbers 1 … k (in order, among the header's words), and
k amounts, all 0, up to the note (`注：` / `说明：`) or the next title; form marks (`公开07表`,
`单位：万元`, `部门：…`) and page furniture passed over.

What it does: reads the 合计 row with its k cells 0. Which 0 stands in which column does not matter
(all are 0), so only the column set must be known: the header's words less the label column's
(项目, 科目代码 / 编码 / 名称, 栏次, 合计, 类 款 项), a standard group of the header (spaced_rows
STANDARD_COLUMNS: `本年支出` over `小计 基本支出 项目支出`) taken as its parent over its leaves, and
the rest one column each — together exactly k columns, else the table is declined.
What it does not: read a table with any amount other than 0, a subject code or a second row label,
a header whose words do not make k columns, or rows printed one per line (other readers').
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional, Sequence

import regex as re

from ..datamodel import Cell, GridBlock, NLine
from ..evidence.printed import NOTE_LINE
from .spaced_rows import STANDARD_COLUMNS
from .spaced_text import AMOUNT, after_title, cell_line, stream_furniture, title_above
from .templates import identify
from .text_tables import text_reader, with_report
from .value_lines import has_value_lines

_MAX_LINES = 120  # the region in lines (a header of one-word boxes and a row, blank lines between)
_FORM_MARK = re.compile(r"^(?:公开\d+表|表\d+|单位[：:]|部门[：:]|单位名称[：:]|编制单位[：:]|编制部门[：:])")
_LABEL_WORDS = {"项目", "科目代码", "科目编码", "科目名称", "功能分类科目编码", "栏次", "类", "款", "项", "功能分类科目",
                "科目", "编码", "名称"}
_TOTAL = re.compile(r"^(?:合计|总计)$")


def _region(lines: Sequence[NLine], i: int) -> tuple[list[tuple[str, NLine]], int]:
    """The words from lines[i] to the note, the next title or a line that is no cell; the index after
    the last line taken."""
    own = {"".join(ln.text.split()) for ln in title_above(lines, i, wide=True)}
    out: list[tuple[str, NLine]] = []
    end = i
    for j in range(i, min(len(lines), i + _MAX_LINES)):
        ln = lines[j]
        t = "".join(ln.text.split())
        if not t or stream_furniture(lines, ln) or t in own or _FORM_MARK.match(t):
            continue
        if NOTE_LINE.match(t) or identify(ln.text, "") is not None or not cell_line(ln):
            break
        ws = ln.text.split()
        if not any(AMOUNT.match(w) for w in ws):
            ws = ["".join(ws)]  # a word spaced over its cell (`项    目`)
        out.extend((w, ln) for w in ws)
        end = j + 1
    return out, end


def _columns(words: list[str], k: int) -> Optional[list[str]]:
    """The k column names (`parent/leaf` under a group) from the header's words, or None."""
    rest = [w for w in words if w not in _LABEL_WORDS]
    if len(set(rest)) != len(rest):
        return None
    for parent, leaves in STANDARD_COLUMNS:
        if parent and parent in rest and all(x in rest for x in leaves):
            out: list[str] = []
            for w in rest:  # in printed order, the group where its first word stands
                if w != parent and w not in leaves:
                    out.append(w)
                elif not any(c.startswith(parent + "/") for c in out):
                    out += [f"{parent}/{x}" for x in leaves]
            if len(out) == k:
                return out
    return rest if len(rest) == k else None


def read_zero_runs(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    declined = None, i + 1
    words, end = _region(lines, i)
    if not words:
        return declined
    header: list[str] = []
    numbers: list[int] = []
    zeros: list[tuple[str, NLine]] = []
    totals: list[tuple[str, NLine]] = []
    for w, ln in words:
        if AMOUNT.match(w):
            if w.isdigit() and int(w) == len(numbers) + 1 and (not zeros or int(w) > 1):
                numbers.append(int(w))  # the column numbers 1 … k
            elif Decimal(w.replace(",", "")) == 0:
                zeros.append((w, ln))
            else:
                return declined  # an amount other than 0 (or a code): not this shape
        elif _TOTAL.match(w):
            totals.append((w, ln))
        else:
            header.append(w)
    k = len(zeros)
    if len(totals) != 1 or "栏次" not in header or k < 2 or numbers != list(range(1, k + 1)):
        return declined
    columns = _columns([w for w in header if w != "栏次"], k)
    if columns is None:
        return declined
    at = lines[i]

    def label(text: str) -> Cell:
        return Cell(text=text, orig=text, line=at.no, page=at.page)

    tops = [c.split("/")[0] for c in columns]
    grid = [[label("科目编码"), label("科目名称")] + [label(x if not c or x != tops[c - 1] else "")
                                                  for c, x in enumerate(tops)],
            [label(""), label("")] + [label(c.rpartition("/")[2] if "/" in c else "") for c in columns]]
    word, ln = totals[0]
    grid.append([Cell(text="", orig="", line=ln.no, page=ln.page), Cell(text=word, orig=word, line=ln.no, page=ln.page)]
                + [Cell(text=z, orig=z, line=zl.no, page=zl.page) for z, zl in zeros])
    block = GridBlock(rows=grid, first_line=at.no, last_line=lines[end - 1].no, method="zero-runs")
    return with_report(block), end


def zero_runs_start(lines: Sequence[NLine], i: int) -> bool:
    """lines[i] opens a subject table's region, under its title."""
    if not has_value_lines(lines) or not lines[i].text.strip() or not after_title(lines, i) or not cell_line(lines[i]):
        return False
    template = identify(" ".join(ln.text for ln in title_above(lines, i, wide=True)), "")
    return template is not None and template.shape == "subject"


@text_reader(35)  # before row-stream (36), which reads such a row too but names its columns 列N
class ZeroRowReader:
    """A subject table holding only its 合计 row, all 0 (pdfminer.six's column-wise boxes)."""

    name = "zero-runs"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        return zero_runs_start(lines, i) and read_zero_runs(lines, i)[0] is not None

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return read_zero_runs(lines, i)
