"""Reader `shared-columns`: a unit / class table printed column by column whose columns repeat one run (pdfminer.six).

What it does: Guangdong's 部门预算基本支出预算表 keys its rows by unit and class (a 合计 row, each unit's
name, then its classes `　工资福利支出` …, printed with a leading full-width space) and prints every cell
(0.00 included) in a column tree with a group's own 合计 (总计 | 财政拨款 (合计 一般公共预算 政府性基金预算
国有资本经营预算) | 财政专户拨款 | 其他资金: two identities, which the column-runs placer cannot search in
bounded time on such a table, and which the table's rounding to the 0.01 breaks on some rows). pdfminer
prints the header's first pieces and the row labels above the title (perhaps a column's amounts too),
then the title, the header's other words and the amounts, column by column or a few columns' cells row
by row, the columns of 0.00 wherever. Where the table's money comes from one source only, the columns
other than 0 all print one run of amounts (总计 = 财政拨款合计 = 一般公共预算): this reader takes the amounts
other than 0 as m copies of one top-down run, interleaved (`shared_run`: read only where exactly one run
does so, within a step budget), the 0s as the other columns, and places the run in the columns the
identities allow (the only sets of m columns that keep them with every other column 0). Columns every
such set holds are confirmed; a column chosen among parts the identities do not tell apart (一般公共预算
| 政府性基金预算 | 国有资本经营预算) is a guess, and its cells and the 0s of the others go to review
(`layout.column_order`). Rows are named in printed order: the 合计 row and each unit confirmed where its
sum holds (合计 = Σ units, a unit = Σ its classes, each within 0.01 a part: the table rounds each cell);
rows whose sum does not hold so go to review (`layout.row_guess`). A table over several pages prints
on each next page the header's first pieces again, that page's labels (perhaps classes of the last
unit before it), then its header words and amounts (page numbers and unit lines passed over): each
page's stream is read alone (rows x columns, one run, in the same columns), its rows' sums checked
across pages. The block is then read like the other category streams (row_stream.read_categories).
What it does not: read a table whose money comes from several sources (columns other than 0 that
differ), whose amounts are not rows x columns on every page, whose run no single reading gives, a
unit's name left open at a page's end or broken over lines that no unit's ending closes, or a table
pdftotext prints (row_stream / category_rows read those).
"""
from __future__ import annotations

from collections import defaultdict, deque
from decimal import Decimal
from itertools import combinations
from typing import Optional, Sequence

import regex as re

from ..datamodel import GridBlock, NLine, Repair
from ..evidence.printed import NOTE_LINE
from .row_stream import read_categories
from .spaced_labelled import TREES
from .spaced_rows import unit_name
from .spaced_text import after_title, covers, furniture, title_above, under_subject_title
from .text_tables import LastRead, text_reader

Token = tuple[str, NLine]

_AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$")
_TOTAL = "合计"
_GRAND = "总计"  # the first column's label: no row's
_PAGE_LINE = re.compile(r"^(?:[-—–]?\s*\d{1,4}\s*[-—–]?|(?:单位名称|编制单位)\s*[:：].*)$")  # page numbers, unit lines
_CLASS = "\u3000"  # a class's name is printed after a full-width space, under its unit
_MAX_LINES = 1200  # lines of each part of a table's region (a page's), at most (pdfminer: a blank line after each)
_MAX_PAGES = 20  # pages of one table, at most
_HEAD_PIECES = 8  # header pieces printed above the row labels, at most
_MAX_STEPS = 50_000  # steps of the run search for one table (well under a second)
_CENT = Decimal("0.01")
_COLUMN_NOTE = "财政拨款的各列金额相同，其余列为0：金额属于哪一列只由恒等式与顺序推定，未经确认"


def _cells(line: NLine) -> Optional[list[str]]:
    words = line.text.split()
    return words if words and all(_AMOUNT.match(w) for w in words) else None


def _value(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def shared_run(values: Sequence[Decimal], rows: int, copies: int) -> Optional[list[Decimal]]:
    """The one run of `rows` amounts of which `values` is `copies` copies, each read top-down,
    interleaved; None where there is none, several, or the search runs past its budget."""
    if copies < 1 or len(values) != rows * copies:
        return None
    found: set[tuple[Decimal, ...]] = set()
    seen: set = set()
    steps = [0]

    def walk(pos: int, at: tuple[int, ...], run: tuple[Decimal, ...]) -> bool:
        if pos == len(values):
            found.add(run)
            return len(found) < 2
        key = (pos, at, run)
        if key in seen:
            return True
        seen.add(key)
        steps[0] += 1
        if steps[0] > _MAX_STEPS:
            return False
        v = values[pos]
        for p in sorted(set(at)):
            if p == len(run):
                if p >= rows:
                    continue
                nxt = run + (v,)
            elif run[p] == v:
                nxt = run
            else:
                continue
            j = at.index(p)
            moved = tuple(sorted(at[:j] + (p + 1,) + at[j + 1:]))
            if not walk(pos + 1, moved, nxt):
                return False
        return True

    if not walk(0, (0,) * copies, ()) or len(found) != 1:
        return None
    return list(next(iter(found)))


def _leaves(header: str) -> Optional[tuple[list[str], list[tuple[int, tuple[int, ...]]]]]:
    """The leaves of the one standard column tree the header covers with a group's own 合计, and its
    identities (总计 = each top's column; the group's 合计 = its other columns)."""
    found = []
    for tree in TREES:
        labels = [w for top, subs in tree for w in (top, *subs)]
        if not covers(header, labels) or not tree[0][1] == ():
            continue
        leaves, tops, ids = [], [], []
        for top, subs in tree:
            start = len(leaves)
            leaves.extend(subs or (top,))
            tops.append(start)
            if subs and subs[0] in (_TOTAL, "小计"):
                ids.append((start, tuple(range(start + 1, len(leaves)))))
            elif subs:
                tops.pop()
                tops.extend(range(start, len(leaves)))
        if len(ids) == 1:
            found.append((leaves, [(0, tuple(tops[1:]))] + ids))
    return found[0] if len(found) == 1 else None


def _column_sets(k: int, copies: int, ids: list[tuple[int, tuple[int, ...]]]) -> list[frozenset[int]]:
    """The sets of `copies` columns that keep the identities where each holds the same amount (> 0)
    and every other column 0."""
    out = []
    for cols in combinations(range(k), copies):
        s = set(cols)
        if all(sum(1 for p in parts if p in s) == (1 if whole in s else 0) for whole, parts in ids):
            out.append(frozenset(s))
    return out


def _labels(pages: list[list[Token]]) -> Optional[tuple[list[Token], list[int], list[int]]]:
    """The row labels (合计, units, classes) of the pages' label lines, per row its unit's row (-1: the
    合计 row; a unit: 0), and each page's count of rows; None where a name is left open at a page's
    end or a class stands under no unit."""
    rows: list[Token] = [pages[0][0]]
    parent = [-1]
    counts = []
    unit = None
    for p, pieces in enumerate(pages):
        name, first, before = "", None, len(rows)
        for t, ln in pieces[1:] if p == 0 else pieces:
            if t.startswith(_CLASS) or ln.orig.lstrip(" ").startswith(_CLASS):
                if name or unit is None:
                    return None
                rows.append((t.strip(_CLASS + " "), ln))
                parent.append(unit)
                continue
            name, first = name + t.strip(), first or ln
            if unit_name(name):
                unit = len(rows)
                rows.append((name, first))
                parent.append(0)
                name, first = "", None
        if name:
            return None
        counts.append(len(rows) - before + (1 if p == 0 else 0))
    return None if unit is None else (rows, parent, counts)


def _next_page(lines: Sequence[NLine], k: int, pieces: set[str], words: set[str]
               ) -> Optional[tuple[list[Token], list[Token], int]]:
    """(the row labels, the amounts, the end) of the table's next page from lines[k]: the header's
    pieces printed again, the labels, then the header's words, notes and amounts, page numbers passed
    over; None where lines[k] does not start the header's pieces again."""
    while k < len(lines) and not lines[k].text.strip():
        k += 1
    if k >= len(lines) or lines[k].text.strip() not in pieces:
        return None
    labels: list[Token] = []
    amounts: list[Token] = []
    closed = False  # the labels are over: a header word, a note or an amount was printed
    start = k
    while k < len(lines) and k - start < _MAX_LINES:
        ln = lines[k]
        s = ln.text.strip()
        cells = _cells(ln)
        if not s or (cells is None and _PAGE_LINE.match(s)):
            k += 1
            continue
        if cells is not None:
            amounts.extend((w, ln) for w in cells)
            closed = True
        elif s in words or NOTE_LINE.match(s):
            closed = True
        elif not labels and s in pieces:
            pass
        elif closed:
            break  # the next page's header pieces, or a line that is no part of the table
        else:
            labels.append((ln.text.rstrip(), ln))
        k += 1
    return (labels, amounts, k) if labels and amounts else None


def _before_title(lines: Sequence[NLine], t: int) -> Optional[tuple[list[Token], list[Token], list[Token]]]:
    """(header pieces, row labels, amounts) printed above the title at lines[t]: the row labels from
    the last 合计 followed by a label up to the note (or the first amount), the header's pieces
    before them (back to two blank lines together, where page furniture was, or an amount), the
    header's words and the amounts after them."""
    start = None
    for k in range(t - 1, max(-1, t - _MAX_LINES), -1):
        if lines[k].text.strip() == _TOTAL and _follows_label(lines, k, t):
            start = k
            break
    if start is None:
        return None
    words: list[Token] = []
    blanks, k = 0, start - 1
    while k >= 0 and len(words) < _HEAD_PIECES:
        s = lines[k].text.strip()
        if not s:
            blanks += 1
            if blanks >= 2:
                break
        elif _cells(lines[k]) is not None:
            break
        else:
            blanks = 0
            words.insert(0, (s, lines[k]))
        k -= 1
    labels: list[Token] = []
    amounts: list[Token] = []
    ended = False
    for ln in lines[start:t]:
        s = ln.text.strip()
        if not s:
            continue
        cells = _cells(ln)
        if NOTE_LINE.match(s) or cells is not None or s == _GRAND:
            ended = True
        if cells is not None:
            amounts.extend((w, ln) for w in cells)
        elif not ended:
            labels.append((ln.text.rstrip(), ln))
        elif not NOTE_LINE.match(s):
            words.append((s, ln))
    return words, labels, amounts


def _follows_label(lines: Sequence[NLine], at: int, t: int) -> bool:
    """The line after lines[at] (blank lines skipped, before the title) is a unit's name's piece or
    a class: the 合计 there is then the first row's label, not a header word."""
    for nxt in lines[at + 1:t]:
        s = nxt.text.strip()
        if s:
            return _cells(nxt) is None and s != _TOTAL and not NOTE_LINE.match(s)
    return False


def _after_title(lines: Sequence[NLine], i: int) -> tuple[list[Token], list[Token], int]:
    """(header words, amounts, the region's end) from lines[i]: up to a line that is neither."""
    words: list[Token] = []
    amounts: list[Token] = []
    k = i
    while k < len(lines) and k - i < _MAX_LINES:
        ln = lines[k]
        s = ln.text.strip()
        cells = _cells(ln)
        if not s or (amounts and cells is None and furniture(lines, ln)):
            k += 1
            continue
        if cells is not None:
            amounts.extend((w, ln) for w in cells)
        elif amounts:
            break
        else:
            words.extend((w, ln) for w in s.split())
        k += 1
    return words, amounts, k


def read_shared(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    above = title_above(lines, i, wide=True)
    if not above:
        return None, i + 1
    before = _before_title(lines, lines.index(above[0]))
    if before is None:
        return None, i + 1
    pre_words, pieces, pre_amounts = before
    words, amounts, end = _after_title(lines, i)
    pages, streams = [pieces], [pre_amounts + amounts]
    head_pieces = {w for w, _ in pre_words} - {_TOTAL}
    head_words = {w for w, _ in words} | {ln.text.strip() for _, ln in words} | {_GRAND}
    while len(pages) < _MAX_PAGES:
        nxt = _next_page(lines, end, head_pieces, head_words)
        if nxt is None:
            break
        pages.append(nxt[0])
        streams.append(nxt[1])
        end = nxt[2]
    got = _labels(pages)
    tree = _leaves("".join(w for w, _ in pre_words + words))
    if got is None or tree is None or pieces[0][0].strip() != _TOTAL:
        return None, i + 1
    rows, parent, counts = got
    leaves, ids = tree
    k, n = len(leaves), len(rows)
    run: list[Decimal] = []
    held: Optional[list[int]] = None
    cells: list[list[Token]] = []
    for stream, m in zip(streams, counts):
        placed = _page(stream, m, k, ids)
        if placed is None or (held is not None and placed[1] != held):
            return None, i + 1
        run += placed[0]
        held, sets = placed[1], placed[2]
        cells += placed[3]
    assert held is not None
    sure = frozenset.intersection(*sets) | (frozenset(range(k)) - frozenset.union(*sets))
    guessed_cols = set(range(k)) - sure
    guessed = _unconfirmed(run, parent)
    table = [[rows[r]] + cells[r] for r in range(n)]
    header = pre_words + words
    block, stop = read_categories(lines, i, end, (header, table, guessed))
    if block is None:
        return None, i + 1
    if guessed_cols:
        _mark_columns(block, guessed_cols)
    return block, stop


def _page(stream: list[Token], n: int, k: int, ids: list[tuple[int, tuple[int, ...]]]
          ) -> Optional[tuple[list[Decimal], list[int], list[frozenset[int]], list[list[Token]]]]:
    """The run of a page's `n` rows, the columns it is placed in, the column sets the identities
    allow, and each row's cells (tokens); None where the page's stream is no copies of one run."""
    if len(stream) != n * k:
        return None
    values = [_value(w) for w, _ in stream]
    if any(v < 0 for v in values):
        return None
    others = [v for v in values if v != 0]
    if len(others) % n:
        return None
    copies = len(others) // n
    run = shared_run(others, n, copies)
    sets = _column_sets(k, copies, ids)
    if run is None or not sets or any(v == 0 for v in run):
        return None
    held = sorted(min(sets, key=sorted))  # the first columns where parts are not told apart
    # each column's tokens: a run's amount from the tokens printing it, in printed order
    by_value: dict[Decimal, deque] = defaultdict(deque)
    for (w, ln), v in zip(stream, values):
        by_value[v].append((w, ln))
    cells = [[by_value[run[r]].popleft() if c in held else by_value[Decimal(0)].popleft() for c in range(k)]
             for r in range(n)]
    return run, held, sets, cells


def _unconfirmed(run: list[Decimal], parent: list[int]) -> set[int]:
    """The rows no sum confirms: the 合计 row and the units where Σ their parts misses them by more
    than a cent a part, and every row under them."""
    kids: dict[int, list[int]] = defaultdict(list)
    for r, p in enumerate(parent):
        if p >= 0:
            kids[p].append(r)
    bad: set[int] = set()
    for p, rs in kids.items():
        if abs(run[p] - sum(run[r] for r in rs)) > _CENT * len(rs):
            bad |= {p, *rs}
    if 0 in bad:
        bad |= set(range(len(run)))
    for p in list(bad):
        bad |= set(kids.get(p, []))
    return bad


def _mark_columns(block: GridBlock, cols: set[int]) -> None:
    """The amounts of the columns chosen among parts no identity tells apart go to review."""
    for row in block.rows:
        amounts = [c for c in row if c.text and _AMOUNT.match(c.text.strip())]
        for c, cell in enumerate(amounts):
            if c in cols:
                cell.repairs = (cell.repairs or []) + [Repair(kind="layout.column_order", note=_COLUMN_NOTE,
                                                              status="unconfirmed")]


@text_reader(54)
class SharedColumnsReader:
    """A unit / class table whose columns other than 0 repeat one run (pdfminer.six)."""

    name = "shared-columns"

    def __init__(self) -> None:
        self._last = LastRead()

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        t = lines[i].text.strip()
        if not t or len(t) > 40 or not after_title(lines, i) or not under_subject_title(lines, i, wide=True):
            return False
        return self.read(lines, i)[0] is not None

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return self._last.get(lines, i, lambda: read_shared(lines, i))
