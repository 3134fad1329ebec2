"""Reader `segment-runs`: a coded expenditure table printed as groups of subject lines, each group
followed by its rows' amounts, blank cells absent, split into rows only where the template's sums
allow one split.

What it does: pdfminer.six prints Beijing's 一般公共预算支出表 (预算05表: 合计 | 基本支出 小计 人员经费
公用经费 | 项目支出 项目支出总数 扣除基建项目后预算数) one text box a line: the header's words, then a
segment of one or more `code name` lines (`2050803 培训支出` `2080501 行政单位离退休`), then those
rows' amounts, then the next segment. It prints the 一般公共预算基本支出表 (预算06表: 合计 | 人员经费 |
公用经费, rows keyed by a 政府支出经济分类 code with a 部门支出经济分类 beside it) the same way, its
subjects as `code-name` lines: a segment prints its 政府 lines (`50101-工资奖金津补贴`), its 部门 lines
(`30101-基本工资`), each column's lines in row order, sometimes the header's words among them, then
its amounts. A code's first digit says its column (支出功能 2, 政府 5, 部门 3); a segment's rows are its
lines of the header's last classification (printed next to the amounts), and the other columns' lines
pair with them in table order, up to the last segment after which every column has printed as many
lines (the segments after it are left out: pdfminer.six moves some 政府 lines to a later segment).
pdftotext prints the 基本支出表 a row after another (its two classifications, then its amounts: a
segment a row) and the 合计 row's first amounts before `合` `计`, its last after: that row joins
the segment whose amounts it follows.
The header names the columns; its identities are 合计 = 基本支出 + 项目支出, 基本支出 = 人员经费 +
公用经费 (where it splits 基本支出), 扣除基建项目后预算数 <= 项目支出总数, 合计 = 人员经费 + 公用经费 (the
基本支出表) (a blank cell is 0). A segment's amounts are its rows in blocks of consecutive rows, each
block column by column (its 合计 column's amounts, then each further column's printed cells in row
order, blank cells absent; a block of one row is that row's cells left to right: `588.490000`
`5.000000` `5.000000` `583.490000` `583.490000`); `segment_reading` counts the readings. A segment is
read only where exactly one reading gives every row amounts that place (readings that give every
row the same amounts count once): then each row's amounts are its own. A cell is confident where
every placing that keeps the identities puts the same amount there (blank or not); else it takes
the first such placing's amount under review (`layout.column_guess`: `5.000000` is 人员经费 or
公用经费 when 小计 is 5 and only one of them printed; every 基本支出表 row printing its 合计 twice, the guess
then the group its 部门 class belongs to, `catalog.basic_groups`). A name
wrapped onto the next line is joined to it; the `合计` row (its word, then its amounts) is read the
same way. The table is taken only where its segments read hold half its subject lines or more, and
three rows at least: a converter that prints the table some other way is left to the other readers.

What it does not: read a segment whose amounts read more than one way or none (pdfminer.six moves
some rows' amounts away from their segment, or prints one block's columns around other rows': the
sums break and the whole segment is left out; so does a code line printed in another segment than
its amounts, or a block of more rows than `segment_reading.max_block` allows for the layout's
columns), the 支出总表 (预算03表: its header is recognised, 合计 = 基本支出 + 项目支出 with the 其中
columns at most 合计, but pdfminer.six prints its three classifications and amounts in an order
no segment reading fits), or a table continued under its title printed again (it ends at the first
line that is no header word, subject line or amount).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional, Sequence

import regex as re

from ..catalog.basic_groups import basic_group
from ..datamodel import GridBlock, NLine
from ..evidence.numbers import parse_amount
from .segment_reading import Layout, one_reading, placings
from .spaced_text import AMOUNT, after_title, amount_cell, text_cell
from .text_tables import LastRead, is_preamble, text_reader, with_report

_MIN_ROWS = 3
_SHARE = 1 / 2  # of the table's subject lines, in segments read, for the table to be taken
_MAX_LINES = 6000
_CODED_LINE = re.compile(r"^([235]\d{2}(?:\d{2}){0,2})-(\p{Han}\S*)$")  # `50501-工资福利支出`
_CODE_LINE = re.compile(r"^(\d{3}|\d{5}|\d{7})\s+(\p{Han}\S*(?:\s+[^\s\d]\S*)*)$")  # no amount after the name
_TOTAL_LINE = re.compile(r"^(?:合\s*计|总\s*计)$")
_NAME_PIECE = re.compile(r"^[\p{Han}（）()、\w]+$")
_DOUBT = ("column uncertain: the converter printed this row's amounts with its blank cells left out, "
          "and more than one placing of them keeps the header's sums; this is the first")


_SPLIT_BOTH = Layout(("合计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费",
                      "项目支出/项目支出总数", "项目支出/扣除基建项目后预算数"),
                     ((0, (1, 4)), (1, (2, 3))), ((5, 4),))
_SPLIT_BASIC = Layout(("合计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"),
                      ((0, (1, 4)), (1, (2, 3))))
_PLAIN = Layout(("合计", "基本支出", "项目支出"), ((0, (1, 2)),))


def layout_of(header: Sequence[str]) -> Optional[Layout]:
    """The layout the header's words name (a word broken over lines is joined as the header prints
    it: `扣除基建项目后` `预算数`), else None."""
    words = set(header)
    joined = "".join(header)
    if not {"合计", "基本支出", "项目支出"} <= words:
        return None
    basic = {"小计", "人员经费", "公用经费"} <= words
    if basic and "项目支出总数" in words and "扣除基建项目后" in joined:
        return _SPLIT_BOTH
    if basic:
        return _SPLIT_BASIC
    return _PLAIN


# Tables whose rows print two or three classifications as `code-name` (`2050302-中等职业教育`
# `50501-工资福利支出` `30101-基本工资`): a code's first digit says its column (支出功能 2, 政府支出经济 5,
# 部门支出经济 3); the row is keyed by the first.
_CLASSES = {"2": "支出功能分类科目", "5": "政府支出经济分类科目", "3": "部门支出经济分类科目"}
_ECON_BASIC = Layout(("预算数/合计", "预算数/人员经费", "预算数/公用经费"), ((0, (1, 2)),),
                     subjects=("部门支出经济分类科目",))
_ALL_OF_WHICH = Layout(("合计", "基本支出", "项目支出", "其中/事业单位经营支出", "其中/上缴上级支出",
                        "其中/对附属单位补助支出"), ((0, (1, 2)),), ((3, 0), (4, 0), (5, 0)),
                       subjects=("政府支出经济分类科目", "部门支出经济分类科目"))
_HEADER_WORDS = {"预算数", "合计", "人员经费", "公用经费", "基本支出", "项目支出", "其中", "小计"}


def coded_layout_of(header: Sequence[str]) -> Optional[Layout]:
    """The layout of a table whose rows print their classifications as `code-name`, from the
    header's words (those printed before its title too), else None: 合计 | 人员经费 | 公用经费 under
    the two economic classifications (合计 = 人员经费 + 公用经费), or 合计 | 基本支出 | 项目支出 | 其中:
    事业单位经营支出 上缴上级支出 对附属单位补助支出 under all three (合计 = 基本支出 + 项目支出; each
    `其中` column at most 合计, the header printing them as of which)."""
    words = set(header)
    joined = "".join(header)
    if not {"政府支出经济分类科目", "部门支出经济分类科目", "合计"} <= words:
        return None
    if "支出功能分类科目" in words:
        if {"基本支出", "项目支出", "其中"} <= words and all(
                w in joined for w in ("上缴上级支出", "事业单位经营支出", "对附属单位补助支出")):
            return _ALL_OF_WHICH
        return None
    if {"人员经费", "公用经费"} <= words and not {"基本支出", "项目支出"} & words:
        return _ECON_BASIC
    return None


@dataclass
class _Segment:
    subjects: list[tuple[str, str, NLine]] = field(default_factory=list)  # code ('' for 合计), name, line
    extras: list[tuple[str, ...]] = field(default_factory=list)  # each row's further classifications
    amounts: list[tuple[str, NLine]] = field(default_factory=list)


def _header(lines: Sequence[NLine], i: int) -> tuple[list[str], int]:
    """The header's words (one a line) from lines[i] to the first subject line, and that line's index."""
    words, j = [], i
    while j < min(len(lines), i + 60):
        t = lines[j].text.strip()
        if _CODE_LINE.match(t) or _CODED_LINE.match(t) or AMOUNT.match(t):
            break
        if t:
            words.append(t)
        j += 1
    return words, j


def _segments(lines: Sequence[NLine], j: int) -> tuple[list[_Segment], int]:
    """The segments from lines[j] (a subject line) to the first line that is none of theirs."""
    segs: list[_Segment] = []
    end = min(len(lines), j + _MAX_LINES)
    while j < end:
        ln = lines[j]
        t = ln.text.strip()
        if not t:
            j += 1
            continue
        m = _CODE_LINE.match(t)
        if m or _TOTAL_LINE.match(t):
            if not segs or segs[-1].amounts:
                segs.append(_Segment())
            code, name = (m.group(1), m.group(2)) if m else ("", "合计")
            segs[-1].subjects.append((code, name, ln))
        elif AMOUNT.match(t) and segs:
            segs[-1].amounts.append((t, ln))
        elif (segs and segs[-1].subjects and not segs[-1].amounts and segs[-1].subjects[-1][0]
              and _NAME_PIECE.match(t) and not is_preamble(ln)):
            code, name, at = segs[-1].subjects[-1]
            segs[-1].subjects[-1] = (code, name + t, at)  # a name wrapped in its narrow column
        else:
            break
        j += 1
    return segs, j


@dataclass
class _CodedRun:
    lines: dict[str, list[tuple[str, str, NLine]]] = field(default_factory=dict)  # class -> code, name, line
    total: Optional[NLine] = None
    amounts: list[tuple[str, NLine]] = field(default_factory=list)


def _coded_runs(lines: Sequence[NLine], j: int) -> tuple[list[_CodedRun], list[str], int]:
    """The runs of `code-name` lines (each column's lines in row order) and their amounts from
    lines[j], the header words printed among the first run's lines (`金额单位：万元` `预算数` `合计`
    …), and the index of the first line that is none of theirs."""
    runs: list[_CodedRun] = []
    words: list[str] = []
    last: Optional[tuple[str, int]] = None  # the class and index of the code line a wrapped name joins
    in_header = False
    end = min(len(lines), j + _MAX_LINES)
    while j < end:
        ln = lines[j]
        t = ln.text.strip()
        if not t:
            j += 1
            continue
        words_on = t.split()
        coded = 0
        while coded < len(words_on) and _CODED_LINE.match(words_on[coded]):
            coded += 1
        tail = words_on[coded:]  # `30110-职工基本医疗保险缴费 10,049.348773`: amounts after the codes
        tokens = [_CODED_LINE.match(w) for w in words_on[:coded]]
        m = tokens[0] if tokens and all(AMOUNT.match(w) for w in tail) else None
        if not m and not AMOUNT.match(t) and len(runs) == 1 and not runs[0].amounts and (
                in_header or t in _HEADER_WORDS or t.startswith("金额单位")):
            words.append(t)  # the header printed after the first rows' classifications
            in_header, last = True, None
        elif t == "合" and runs and runs[-1].amounts and runs[-1].total is None and _next_text(lines, j) == "计":
            # pdftotext: the 合计 row's first amounts, then `合`, then `计`, then its last amount: the
            # row joins the run whose amounts it follows
            runs[-1].total, last = ln, None
            j = _next_index(lines, j)
        elif m or _TOTAL_LINE.match(t):
            if not runs or runs[-1].amounts or runs[-1].total is not None:
                runs.append(_CodedRun())
            if m:
                for tok in tokens:
                    got = runs[-1].lines.setdefault(tok.group(1)[0], [])
                    got.append((tok.group(1), tok.group(2), ln))
                    last = (tok.group(1)[0], len(got) - 1)
                runs[-1].amounts.extend((w, ln) for w in tail)
                if tail:
                    last = None
            else:
                runs[-1].total, last = ln, None
            in_header = False
        elif AMOUNT.match(t) and runs:
            runs[-1].amounts.append((t, ln))
            last = None
        elif runs and last is not None and _NAME_PIECE.match(t) and not is_preamble(ln):
            cls, k = last
            code, name, at = runs[-1].lines[cls][k]
            runs[-1].lines[cls][k] = (code, name + t, at)  # a name wrapped in its narrow column
        else:
            break
        j += 1
    return runs, words, j


def _next_index(lines: Sequence[NLine], j: int) -> int:
    """The index of the first non-blank line after lines[j] (len(lines) if none)."""
    k = j + 1
    while k < len(lines) and not lines[k].text.strip():
        k += 1
    return k


def _next_text(lines: Sequence[NLine], j: int) -> str:
    k = _next_index(lines, j)
    return lines[k].text.strip() if k < len(lines) else ""


def _coded_segments(runs: Sequence[_CodedRun], classes: Sequence[str]) -> Optional[list[_Segment]]:
    """Segments of rows from the runs: a run's rows are its lines of the last class (the column
    printed next to the amounts); the other classes' lines pair with them in table order, each
    column's lines printed in row order. The runs after the last one where every column has
    printed as many lines are left out (their rows pair no way proven); None where a line of a
    class the header does not name is among them."""
    if set().union(*(r.lines for r in runs)) - set(classes):
        return None
    upto, counts = 0, {c: 0 for c in classes}
    for k, run in enumerate(runs):
        for c in classes:
            counts[c] += len(run.lines.get(c, []))
        if len(set(counts.values())) == 1:
            upto = k + 1  # every column has printed as many lines: the rows so far pair up
    runs = runs[:upto]
    pooled = {c: [x for r in runs for x in r.lines.get(c, [])] for c in classes}
    key, tail = classes[0], classes[-1]
    segs, at = [], 0
    for run in runs:
        seg = _Segment(amounts=list(run.amounts))
        for _ in run.lines.get(tail, []):
            code, name, ln = pooled[key][at]
            seg.subjects.append((code, name, ln))
            seg.extras.append(tuple(f"{c}-{n}" for c, n, _ in (pooled[k][at] for k in classes[1:])))
            at += 1
        if run.total is not None:
            seg.subjects.append(("", "合计", run.total))
            seg.extras.append(("",) * (len(classes) - 1))
        segs.append(seg)
    return segs


def _words_before(lines: Sequence[NLine], i: int) -> list[str]:
    """The header words printed above the table's title (`其中` `上缴` `上级` `支出` …): the short
    lines above lines[i]'s title, up to the previous amount."""
    words: list[str] = []
    k, seen = i - 1, 0
    while k >= 0 and seen < 16:
        t = lines[k].text.strip()
        if AMOUNT.match(t) or _CODED_LINE.match(t):
            break
        if t and k < i - 1:
            words.append(t)
            seen += 1
        k -= 1
    return words[::-1]


def _read_coded(lines: Sequence[NLine], i: int, header: list[str], j: int):
    runs, words, end = _coded_runs(lines, j)
    layout = coded_layout_of(_words_before(lines, i) + header + words)
    if layout is None:
        return None, None, end, 0
    classes = [c for c, label in _CLASSES.items() if label in header]
    rows = sum(len(r.lines.get(classes[-1], [])) for r in runs) if classes else 0
    return layout, _coded_segments(runs, classes) if classes else None, end, rows


def _guess_first(options: list[tuple[int, ...]], layout: Layout, extra: Sequence[str]) -> list[tuple[int, ...]]:
    """The placings, those that put an amount in the group (人员经费 / 公用经费) the row's 部门支出经济分类
    class belongs to first: the guess a cell under review takes (never a proof: a region may count
    an item in the other group)."""
    group = basic_group(extra[-1].split("-")[0][:5]) if extra else None
    if group is None:
        return options
    col = next((c for c, label in enumerate(layout.labels) if label.endswith(group)), None)
    return sorted(options, key=lambda opt: col not in opt)


def read_segments(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    header, j = _header(lines, i)
    if j < len(lines) and _CODED_LINE.match(lines[j].text.strip()):
        layout, segs, end, subjects = _read_coded(lines, i, header, j)
        if layout is None or segs is None:
            return None, i + 1
    else:
        layout = layout_of(header)
        if layout is None or j >= len(lines) or not _CODE_LINE.match(lines[j].text.strip()):
            return None, i + 1
        segs, end = _segments(lines, j)
        for seg in segs:
            seg.extras = [()] * len(seg.subjects)
        subjects = sum(1 for s in segs for code, _, _ in s.subjects if code)
    if not segs or not segs[-1].amounts:
        return None, i + 1
    rows: list[list] = []
    read = 0
    for seg in segs:
        values = [parse_amount(a)[0] for a, _ in seg.amounts]
        if any(v is None for v in values):
            continue
        reading = one_reading(values, len(seg.subjects), layout)
        if reading is None:
            continue
        read += sum(1 for code, _, _ in seg.subjects if code)
        for (code, name, at), extra, own in zip(seg.subjects, seg.extras, reading):
            run = [seg.amounts[k] for k in own]
            vals = [values[k] for k in own]
            options = _guess_first(placings(vals, layout), layout, extra)
            cells = ([text_cell(at, code), text_cell(at, name)] + [text_cell(at, x) for x in extra]
                     + [text_cell(at, "") for _ in layout.labels])
            first = 2 + len(extra)
            for c in range(len(layout.labels)):
                held = {vals[opt.index(c)] if c in opt else None for opt in options}
                pos = options[0].index(c) if c in options[0] else None
                if pos is not None:
                    word, ln = run[pos]
                    cells[first + c] = amount_cell(ln, word, doubt=_DOUBT if len(held) > 1 else None)
                elif len(held) > 1:  # blank in the first placing, an amount in another
                    cells[first + c] = amount_cell(at, "", doubt=_DOUBT)
            rows.append(cells)
    if read < _MIN_ROWS or read < _SHARE * subjects:
        return None, i + 1
    first = lines[i]
    grid = [[text_cell(first, h) for h in ("科目编码", "科目名称") + layout.subjects + layout.labels]] + rows
    return with_report(GridBlock(rows=grid, first_line=first.no, last_line=lines[end - 1].no,
                                 method="segment-runs")), end


@text_reader(9)
class SegmentRunsReader:
    """A coded table printed as segments of subject lines, each followed by its rows' amounts, blank
    cells absent; split where the header's sums allow one split."""

    name = "segment-runs"

    def __init__(self) -> None:
        self._last = LastRead()

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        t = lines[i].text.strip()
        if not t or len(t) > 20 or not after_title(lines, i):
            return False
        return self.read(lines, i)[0] is not None

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return self._last.get(lines, i, lambda: read_segments(lines, i))
