"""Reader `project-runs`: Guangdong's 部门预算项目支出及其他支出预算表 as pdftotext (without `-layout`)
and pdfminer.six print it — wrapped project names, each row's seven amounts as a run, and the long
绩效目标 text between them.

The table prints a project (or unit) name per row, wrapped over lines at its narrow column, then seven
amounts (总计 | 财政拨款 合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算 | 财政专户拨款 | 其他资金)
and a 绩效目标 text wrapping over many lines; its pages after the first print the header again, no
title. The converters print the cells one block after another: the goal text's lines, the name's
lines, the amounts one a line (the last perhaps followed by goal text), more goal text.
What it does:
- Lines are amounts (a line opening with amounts: those leading amounts), names (a short line of
  Chinese, no sentence mark, not a header word), goal text (any other line of Chinese, not a header
  word) or other (header words, the code and unit lines).
- The amounts are cut into runs of seven where a run adds up: 总计 = 合计 + 财政专户拨款 + 其他资金 and
  合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算 (an amount that starts no such run is skipped).
  The text is declined where a tenth of its amount lines hold two amounts or more (rows on a line:
  pypdf, `-layout`, PyMuPDF, pdfplumber, which other readers read).
- A run's name is the block of name lines printed right before it (blank lines only between; in
  pdfminer.six's text, where a blank line follows every line, name lines with blank lines only
  between, split where a line opens with the project's indent `　　`), the name lines printed among
  its amounts, and a block printed right after it (its name's last lines, below the amounts' line)
  where another block stands right before the next run (that one is the next name) or, in
  pdfminer.six's text, where the next block opens with the indent.
- Confident rows: the name stands right before its amounts, as one name. To review (an unconfirmed
  `layout.row_guess` on the name and `layout.column_guess` on each amount, the note saying why): a name with goal text between it and
  the amounts; a block holding more than one name (a line narrower than a wrapped line, _FULL /
  _FULL_LINE, before its last: the last name is taken); a name printed right after another name
  (their runs may follow together); a name whose last line fills the column (it may go on in a line
  printed elsewhere); a block after the run that may end its name or open the next; a name of more
  than _MAX_NAME_LINES lines.
- Names printed together at a page's end (pdftotext): the runs of a page with no name before them
  are paired in order with the name lines printed after the page's last run (blank lines only
  between them, nothing else up to the next page's header) when those lines split into exactly as
  many names in one way only. The column's width is the widest line of Chinese only among the name
  lines (a name's first line 4 less: the indent); a line ends a name where the next line's first
  word would have fit after it, may end one where it would not; a line wider than its place allows
  cannot stand there; the last line must leave room. Such rows go to review (`layout.row_guess` on
  the name, `layout.column_guess` on the amounts): the pairing rests on order.
- Not read: a run with no name before it otherwise (the converter printed its name elsewhere:
  above the header, or at a page's end that does not split so), and in pdfminer.six's text a name
  not opening with the indent (a piece of a name whose first line was printed elsewhere, or a
  unit's row).
The grid is the name, then the seven amounts as printed.
What it does not: read the 绩效目标 text (goal lines are skipped), the 合计 and unit rows where their
names are printed above the header, rows whose name is not printed next to their amounts (save
names put together at a page's end that split one way only), names at a page's end in pdfminer.six's
text, pdfminer.six's column-wise runs (a block of rows' first amounts, then their next ones).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional, Sequence

import regex as re

from ..datamodel import GridBlock, NLine, Repair
from ..evidence.numbers import parse_amount
from .spaced_text import amount_cell, text_cell, title_above
from .text_tables import LastRead, text_reader, with_report

_TITLE = re.compile(r"项目支出及其他支出预算表")
_AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}$")
_SENTENCE = re.compile(r"[，。；：:,;！？!?]")
_HAN = re.compile(r"\p{Han}")
_INDENT = ("　", "  ")  # the project's indent: two ideographic spaces (normalizing makes them plain spaces)
_HEADER_WORDS = {"支出项目类别（资金使用单", "支出项目类别(资金使用单", "位）", "位)", "财政拨款", "总计", "一般公共预",
                 "政府性基金", "国有资本经", "算", "预算", "营预算", "财政专", "其他资", "户拨款", "金", "绩效目标",
                 "一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户拨款", "其他资金"}
_END = re.compile(r"^(?:注[:：]|第[一二三四五六七八九十]+部分)")
_OTHER_TABLE = re.compile(r"^(?:表\d+(?:-\d+)?|\p{Han}*(?:预算|情况)表)$")
_MAX_NAME_WIDTH = 26  # a name line's width (Chinese characters 2, others 1), its indent not counted
_MAX_NAME_LINES = 5
_FULL_HEAD, _FULL_LINE = 17, 21  # a first line / a later line this wide may fill the column
_FULL = 16  # a wrapped name line's width at least (its indent not counted): a narrower line ends a name
_MAX_LINES = 20000
_MIN_ROWS = 3
_COLUMNS = ["支出项目类别（资金使用单位）", "总计", "财政拨款/合计", "财政拨款/一般公共预算", "财政拨款/政府性基金预算",
            "财政拨款/国有资本经营预算", "财政专户拨款", "其他资金"]
_AMBIGUOUS = ("row name uncertain: the converter printed the name's lines apart from the amounts, and a "
              "block of name lines next to this row may end its name or open the next row's")
_SPLIT = ("row name uncertain: the name lines before the amounts hold more than one name (a line "
          "ends one before the last); the last is taken")
_FILLED = ("row name uncertain: its last line fills the name column, so the name may go on in a line "
           "the converter printed apart from it")
_STACKED = ("row name uncertain: the converter printed this name right after another one, so the rows' "
            "amounts may follow together in the same order and not each its own name")
_APART = ("row name uncertain: goal text stands between the name and the amounts, which the converter "
          "may have printed for another row")
_PAGE_END = ("row name uncertain: the converter printed this row's amounts with no name by them and the "
             "page's names together at its end; the names are paired with such rows in order")
_TOO_LONG = "row name uncertain: more name lines printed before the amounts than a name holds"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@dataclass
class _Item:
    kind: str  # "blank" | "amount" | "name" | "goal" (a line of 绩效目标 text) | "other"
    line: NLine
    words: list[str] = field(default_factory=list)  # an amount line's leading amounts
    indented: bool = False


def _classify(line: NLine) -> _Item:
    raw = line.text.replace("\f", "")
    t = raw.strip()
    if not t:
        return _Item("blank", line)
    words = t.split()
    lead: list[str] = []
    for w in words:
        if not _AMOUNT.match(w):
            break
        lead.append(w)
    if lead:
        return _Item("amount", line, lead)
    squeezed = "".join(words)
    if (_HAN.search(t) and not _SENTENCE.search(t) and _width(squeezed) <= _MAX_NAME_WIDTH
            and t not in _HEADER_WORDS and not all(w in _HEADER_WORDS for w in words)
            and not _OTHER_TABLE.match(squeezed)):
        return _Item("name", line, indented=raw.startswith(_INDENT))
    header = all(w in _HEADER_WORDS for w in words) or _OTHER_TABLE.match(squeezed) or t.startswith("单位")
    if _HAN.search(t) and not header and (_SENTENCE.search(t) or _width(squeezed) > _MAX_NAME_WIDTH):
        return _Item("goal", line)
    return _Item("other", line)


def _value(word: str) -> Decimal:
    return parse_amount(word)[0]


def _adds_up(words: Sequence[str]) -> bool:
    """A row's seven amounts: 总计 = 合计 + 专户 + 其他, 合计 = 一般 + 基金 + 国资 (to the cent)."""
    a = [_value(w) for w in words]
    if any(v is None for v in a):
        return False
    cent = Decimal("0.01")
    return abs(a[0] - (a[1] + a[5] + a[6])) < cent and abs(a[1] - (a[2] + a[3] + a[4])) < cent


def _region(lines: Sequence[NLine], i: int) -> tuple[list[_Item], int]:
    items: list[_Item] = []
    seen = False
    j, n = i, min(len(lines), i + _MAX_LINES)
    while j < n:
        t = "".join(lines[j].text.split())
        if _END.match(t) or (seen and _OTHER_TABLE.match(t) and not _TITLE.search(t)):
            break
        items.append(_classify(lines[j]))
        seen = seen or items[-1].kind == "amount"  # a code line (表12) above the header is the table's own
        j += 1
    return items, j


def _runs(items: list[_Item]) -> list[list[tuple[int, int]]]:
    """Runs of seven amounts that add up, each as its (item index, word index) places."""
    places = [(k, w) for k, it in enumerate(items) if it.kind == "amount" for w in range(len(it.words))]
    out = []
    p = 0
    while p + 7 <= len(places):
        window = places[p:p + 7]
        if _adds_up([items[k].words[w] for k, w in window]):
            out.append(window)
            p += 7
        else:
            p += 1
    return out


def _spread(items: list[_Item]) -> bool:
    """pdfminer.six's text: a blank line after (nearly) every line."""
    filled = [k for k, it in enumerate(items[:-1]) if it.kind != "blank"]
    if not filled:
        return False
    return sum(items[k + 1].kind == "blank" for k in filled) >= 0.9 * len(filled)


def _blocks(items: list[_Item], lo: int, hi: int, spread: bool) -> list[list[int]]:
    """The name blocks among items[lo:hi], in order: name lines together (blank lines between them
    too in spread text, split at an indented line), anything else between ends a block."""
    out: list[list[int]] = []
    cur: list[int] = []
    for k in range(lo, hi):
        it = items[k]
        if it.kind == "name":
            if cur and spread and it.indented:
                out.append(cur)
                cur = []
            cur.append(k)
        elif it.kind == "blank" and spread:
            continue
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def _adjacent(items: list[_Item], a: int, b: int) -> bool:
    """Only blank lines between items[a] and items[b] (a < b)."""
    return all(items[k].kind == "blank" for k in range(a + 1, b))


def _may_go_on(items: list[_Item], name: list[int]) -> bool:
    """The name's last line fills the column (a first line less: the project's indent), so the name
    may go on in a line the converter printed elsewhere."""
    width = _width("".join(items[name[-1]].line.text.split()))
    return width >= (_FULL_HEAD if len(name) == 1 else _FULL_LINE)


def _last_name(items: list[_Item], block: list[int]) -> tuple[list[int], Optional[str]]:
    """The block's last name: a line narrower than a name's wrapped line (_FULL for its first line,
    _FULL_LINE for a later one) ends a name, so a
    block holding one before its last line holds more than one name (the converter printed names
    of rows before together): its last one is taken, under review."""
    ends = [n for n, k in enumerate(block[:-1])
            if _width("".join(items[k].line.text.split())) < (_FULL if n == 0 else _FULL_LINE)]
    if not ends:
        return list(block), None
    return block[ends[-1] + 1:], _SPLIT


def _across_goal(items: list[_Item], a: int, b: int) -> bool:
    """Only goal text (and blank lines) between items[a] and items[b] (a < b), one line at least."""
    between = [items[k].kind for k in range(a + 1, b) if items[k].kind != "blank"]
    return bool(between) and all(kind == "goal" for kind in between)


def _rows(items: list[_Item]) -> list[tuple[list[int], list[tuple[int, int]], Optional[str]]]:
    spread = _spread(items)
    indents = spread and any(it.kind == "name" and it.indented for it in items)
    runs = _runs(items)
    bounds = [(r[0][0], r[-1][0]) for r in runs]  # first and last item of each run
    rows = []
    nameless: list[int] = []
    taken_after: set[int] = set()
    for r, run in enumerate(runs):
        first, last = bounds[r]
        lo = bounds[r - 1][1] + 1 if r else 0
        before = [b for b in _blocks(items, lo, first, spread) if b[0] not in taken_after]
        head = before[-1] if before and _adjacent(items, before[-1][-1], first) else None
        apart = head is None and before and _across_goal(items, before[-1][-1], first)
        if apart:
            head = before[-1]
        if head is None:
            nameless.append(r)
            continue
        name, doubt = _last_name(items, head)
        if apart:
            doubt = doubt or _APART
        if len(before) > 1 and _adjacent(items, before[-2][-1], head[0]) and (
                not indents or items[before[-2][0]].indented):  # (a piece without the indent: a name's end)
            doubt = doubt or _STACKED  # names printed together: their runs may follow together too
        inside = [k for k in range(first, last) if items[k].kind == "name"]
        if inside and (not indents or not any(items[k].indented for k in inside)):
            name += inside
        elif inside:
            doubt = _AMBIGUOUS
        hi = bounds[r + 1][0] if r + 1 < len(runs) else len(items)
        after = _blocks(items, last + 1, hi, spread)
        if after and _adjacent(items, last, after[0][0]) and not items[after[0][0]].indented:
            nxt_head = after[-1] if _adjacent(items, after[-1][-1], hi) and hi < len(items) else None
            if indents and (len(after) > 1 and items[after[1][0]].indented):
                name += after[0]
                taken_after.update(after[0])
            elif nxt_head is not None and nxt_head is not after[0]:
                name += after[0]
                taken_after.update(after[0])
            elif nxt_head is None:
                doubt = _AMBIGUOUS
        if not doubt and _may_go_on(items, name):
            doubt = _FILLED
        if len(name) > _MAX_NAME_LINES:
            doubt = _TOO_LONG
        if indents and not items[name[0]].indented:
            continue  # a piece of a name whose first line was printed elsewhere (or a unit's row)
        rows.append((name, run, doubt))
    if not spread:
        used = {k for name, _, _ in rows for k in name}
        rows += _paired_at_page_end(items, runs, nameless, used)
        rows.sort(key=lambda row: row[1][0])
    return rows


def _segments(items: list[_Item]) -> list[tuple[int, int]]:
    """The pages' bodies: stretches of items with no header line (an `other` item) in them."""
    out, lo = [], 0
    for k, it in enumerate(items + [_Item("other", items[-1].line)] if items else []):
        if it.kind == "other":
            if k > lo:
                out.append((lo, k))
            lo = k + 1
    return out


def _first_token_width(text: str) -> int:
    """What must fit on the line above for the converter to have printed `text`'s first word there:
    a Latin word or number whole, else one character; a line opening with a mark is not told (a mark
    may not open a line, so the line above may have been cut short)."""
    m = re.match(r"[A-Za-z0-9.\-]+", text)
    if m:
        return len(m.group())
    if not _HAN.match(text):
        return 10 ** 6
    return _width(text[0])


def _names_in_block(items: list[_Item], block: list[int], wanted: int, full: int) -> Optional[list[list[int]]]:
    """The block's names when its lines split into exactly `wanted` names in one way only. A name's
    first line holds at most `full` - 4 (the project's indent), a later line `full`; a line ends a
    name where the next line's first word would have fit after it, may end one where it would not
    (the line is full, or the name ends at the column's edge); the last line must be short."""
    texts = ["".join(items[k].line.text.split()) for k in block]
    widths = [_width(t) for t in texts]
    slack = [0 if _width(t) == 2 * len(t) else 2 for t in texts]  # narrow characters: their width is a guess
    memo: dict[tuple[int, bool, int], int] = {}

    def ways(n: int, first: bool, names: int) -> int:  # splits of texts[n:] giving `wanted` names in all
        key = (n, first, names)
        if key not in memo:
            room = full - 4 if first else full
            if widths[n] > room + slack[n] or names >= wanted:
                memo[key] = 0
            elif n == len(texts) - 1:
                memo[key] = int(widths[n] + slack[n] + 2 <= room and names + 1 == wanted)
            else:
                sure_end = widths[n] + slack[n] + _first_token_width(texts[n + 1]) <= room
                memo[key] = ways(n + 1, True, names + 1) + (0 if sure_end else ways(n + 1, False, names))
        return memo[key]

    if not texts or ways(0, True, 0) != 1:
        return None
    names: list[list[int]] = []
    cur: list[int] = []
    for n, k in enumerate(block):  # the one split: a line ends a name where ending it leaves a way
        cur.append(k)
        if n == len(block) - 1 or ways(n + 1, True, len(names) + 1) > 0:
            names.append(cur)
            cur = []
    return names


def _paired_at_page_end(items: list[_Item], runs: list[list[tuple[int, int]]], nameless: list[int],
                        used: set[int]) -> list[tuple[list[int], list[tuple[int, int]], Optional[str]]]:
    """Runs with no name before them, paired in order with the name lines printed after a page's
    last run (blank lines only between them, nothing else up to the next header) when that block splits into exactly as many names
    in one way only; under review (the pairing rests on order)."""
    texts = ["".join(it.line.text.split()) for it in items if it.kind == "name"]
    wide = [_width(t) for t in texts if _width(t) == 2 * len(t)]  # lines of Chinese only: widths exact
    if not wide:
        return []
    full = max(wide)  # no name line is wider than the column
    out = []
    for lo, hi in _segments(items):
        own = [r for r in nameless if lo <= runs[r][0][0] and runs[r][-1][0] < hi]
        inside = [r for r, run in enumerate(runs) if lo <= run[0][0] and run[-1][0] < hi]
        if not own or not inside:
            continue
        last = runs[inside[-1]][-1][0]
        between = [items[k].kind for k in range(last + 1, hi)]
        block = [k for k in range(last + 1, hi) if items[k].kind == "name"]
        if not block or used & set(block) or any(kind not in ("name", "blank") for kind in between):
            continue
        names = _names_in_block(items, block, len(own), full)
        if names is None:
            continue
        out += [(name, runs[r], _PAGE_END) for name, r in zip(names, own)]
    return out


def _rows_on_lines(items: list[_Item]) -> bool:
    """Rows printed on a line each (pypdf, `-layout`, PyMuPDF, pdfplumber: other readers read them):
    a tenth or more of the lines with amounts hold two or more."""
    counts = [sum(bool(_AMOUNT.match(w)) for w in it.line.text.split()) for it in items if it.kind != "blank"]
    counts = [c for c in counts if c]
    return bool(counts) and sum(c >= 2 for c in counts) >= 0.1 * len(counts)


def read_projects(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    items, end = _region(lines, i)
    if _rows_on_lines(items[:end - i]):
        return None, i + 1
    rows = _rows(items)
    if len(rows) < _MIN_ROWS:
        return None, i + 1
    at = lines[i]
    grid = [[text_cell(at, h) for h in _COLUMNS]]
    for name, run, doubt in rows:
        first = items[name[0]].line
        text = "".join("".join(items[k].line.text.split()) for k in name)
        row = [text_cell(first, text, joined=len(name) > 1)]
        if doubt:  # every doubt is the name's ("row name uncertain"): the name goes to review too
            row[0].repairs = [Repair(kind="layout.row_guess", note=doubt, status="unconfirmed")]
        for k, w in run:
            row.append(amount_cell(items[k].line, items[k].words[w], doubt=doubt))
        grid.append(row)
    last = max(k for k, _ in rows[-1][1])
    return with_report(GridBlock(rows=grid, first_line=at.no, last_line=items[last].line.no,
                                 method="project-runs")), i + last + 1


def _under_title(lines: Sequence[NLine], i: int) -> bool:
    return any(_TITLE.search(ln.text) for ln in title_above(lines, i, wide=True))


@text_reader(34)  # before names-runs (35) and row-stream (36), which take the region's cells but not its rows
class ProjectRunsReader:
    """Guangdong's 项目支出及其他支出预算表: wrapped names, seven-amount runs, goal text between."""

    name = "project-runs"

    def __init__(self) -> None:
        self._last = LastRead()

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        t = lines[i].text.strip()
        if not t or _TITLE.search(t) or not _under_title(lines, i):
            return False
        return self.read(lines, i)[0] is not None

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return self._last.get(lines, i, lambda: read_projects(lines, i))
