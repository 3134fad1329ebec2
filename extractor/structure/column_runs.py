"""Reader `column-runs`: subject tables printed one cell per line, column by column (pdfminer.six).

What it does: after a subject table's title / unit lines (templates.identify must name a `subject`
table), reads the table's region (up to the page number or the next title) as codes, names and
amounts in printed order: codes (`2080505`, `208 05 05`, a code and its name on one line) or the
levels in columns of their own (the 类 of every row `204`, the 款 of the 款/项 rows `06`, a 项 row's
项 before its name `01 行政运行`); names (a name broken over lines is joined where the catalogue
confirms it); a 合计 label (the 合计 row is then the first row, or the last when the label follows
the names); amounts. Every code/name pair must be one the catalogue knows
(extractor.catalog.name_matches), else the table is declined. The columns are a standard column set
the header's characters cover (spaced_rows.STANDARD_COLUMNS) whose width makes the amounts fill the
grid exactly: every cell printed, or the 合计 row printed whole above the rows and the columns
whose 合计 is 0 left blank below. The amount stream is taken as the columns read top-down and
interleaved (pdfminer prints a column in one or several boxes, or a row's cells in turn); every
interleaving is searched, keeping those whose grid holds the identities (合计 = Σ the other columns
on every row, parent = Σ children in every column, 合计 row = Σ the top rows; amounts never
negative bound the partial sums), and the table is read only when exactly one grid is left. Part
columns (基本支出, 项目支出 …) play the same part in every identity, so which one is which is taken
from the order the stream reaches them: where two of them differ, their amounts carry an
unconfirmed `layout.column_guess` repair and go to review with the reason. Each amount Cell keeps
the line it was printed on.
What it does not: read a table whose amounts do not fill the grid (blank cells absent in a column:
no amount's row can be known), whose pairs the catalogue does not confirm, whose columns no
standard set names, or whose search finds no grid, several grids, or runs too long (when columns
of one repeated amount end the stream, they are tried once as the last whole columns): all are
declined (None), never guessed into rows. Side-by-side tables (公开01/04), groups (公开06), one-row
tables and rows printed one per line (the spaced reader's) are not read here.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional, Sequence

import regex as re

from ..catalog import name_matches
from ..datamodel import Cell, GridBlock, NLine, Repair
from ..evidence.printed import NOTE_LINE, TITLE_END
from .spaced_rows import STANDARD_COLUMNS
from .spaced_text import AMOUNT, SENTENCE, after_title, name_piece, title_like
from .templates import identify
from .text_tables import is_preamble, text_reader, with_report

_CODE = re.compile(r"^(?:\d{3}|\d{5}|\d{7})$")
_TWO = re.compile(r"^\d{2}$")
_PAGE = re.compile(r"^第\s*\d+\s*页")
_LANCI = re.compile(r"栏\s*次")
_TOTAL = re.compile(r"^(?:合计|总计)$")
_MAX_LINES = 800  # a table's region: a page of one-cell lines stays well under this
_MAX_STREAM = 600  # amounts in one table: more is no one page's table
_MAX_TRIES = 5_000  # steps of the interleaving search before it is given up
_MAX_TRIES_ZERO_TAIL = 20_000  # the same for the search left once the zero columns are set
_TOLERANCE = Decimal("0.011")  # per added part: amounts printed to 0.01 may round apart by one cent
_SWAP_DOUBT = ("column uncertain: the text prints the columns one after another, and which part "
               "column (after the first) is which no identity settles")


@dataclass
class _Subject:
    code: str
    code_orig: str
    code_line: NLine
    name: str = ""
    name_lines: list[NLine] = field(default_factory=list)


@dataclass
class _Amount:
    text: str
    line: NLine

    @property
    def value(self) -> Decimal:
        return Decimal(self.text.replace(",", ""))


@dataclass
class _Table:
    header: list[NLine]
    subjects: list[_Subject]
    before: list[_Amount]  # amounts between the header and the first code (the 合计 row)
    after: list[_Amount]  # amounts from the first code on
    notes: list[NLine]
    end: int  # index after the table's last line
    total_named: bool  # a 合计 label is printed (in the header or among the names)
    total_last: bool = False  # the 合计 row is printed below the rows


def _code_of(tokens: list[str]) -> tuple[Optional[list[str]], list[str]]:
    """(the code's printed parts, the tokens after them) when the line starts with a subject code."""
    if not tokens or not _CODE.match(tokens[0]):
        return None, tokens
    if len(tokens[0]) == 3 and len(tokens) > 1 and _TWO.match(tokens[1]):
        if len(tokens) > 2 and _TWO.match(tokens[2]):
            return tokens[:3], tokens[3:]
        return tokens[:2], tokens[2:]
    return tokens[:1], tokens[1:]


def _matches(code: str, name: str) -> bool:
    return name_matches(code, name) or name_matches(code, name, "economic")


def _scan(lines: Sequence[NLine], i: int) -> Optional[_Table]:
    """Classify the lines of the table's region; None where a line fits no column-run shape."""
    header: list[NLine] = []
    subjects: list[_Subject] = []
    names: list[tuple[str, NLine]] = []  # name lines not yet paired, in printed order
    kuan: list[tuple[str, NLine]] = []  # 款 codes printed in a column of their own (`06`)
    items: list[tuple[str, NLine]] = []  # 项 code and name lines (`01 行政运行`)
    last = ""  # what the last line was: code, kuan, …
    total_label = False
    total_last = False
    before: list[_Amount] = []
    after: list[_Amount] = []
    notes: list[NLine] = []
    j, n = i, min(len(lines), i + _MAX_LINES)
    while j < n:
        ln = lines[j]
        t = ln.text.strip().strip("\f").strip()
        if not t:
            j += 1
            continue
        if not subjects and not names and not after and is_preamble(ln) and not _PAGE.match(t):
            j += 1  # the table's code or unit line printed among the header's words (公开03表)
            continue
        if _PAGE.match(t) or (TITLE_END.search(t) and not notes) or identify(t, "") is not None:
            break
        toks = t.split()
        if NOTE_LINE.match(t):
            notes.append(ln)
            j += 1
            continue
        parts, rest = _code_of(toks)  # (a bare code is also an amount's shape: the code wins, the
        # catalogue must then confirm its name)
        if parts is not None:
            if any(any(ch.isdigit() for ch in x) for x in rest):
                return None  # code, name and amounts on one line: the spaced reader's rows
            if notes:
                break
            subjects.append(_Subject("".join(parts), " ".join(parts), ln))
            last = "code"
            if rest:
                names.append(("".join(rest), ln))
                subjects[-1].name = "\x00"  # its name is on its own line: paired below
            j += 1
            continue
        if len(toks) == 1 and _TWO.match(t) and last in ("code", "kuan"):
            kuan.append((t, ln))  # in a run of codes: the 款 column printed by itself
            last = "kuan"
            j += 1
            continue
        last = ""
        if len(toks) > 1 and _TWO.match(toks[0]) and (subjects or names) and not notes and \
                not any(any(ch.isdigit() for ch in x) for x in toks[1:]):
            items.append((toks[0], ln))
            names.append(("".join(toks[1:]), ln))
            j += 1
            continue
        if all(AMOUNT.match(x) for x in toks):
            if subjects or names:
                if any(_TWO.match(x) for x in toks):
                    return None  # a split code piece (`99`): no amount run can be sure
                after.extend(_Amount(x, ln) for x in toks)
            else:
                before.extend(_Amount(x, ln) for x in toks)
            j += 1
            continue
        if notes:
            break  # after the note only the last amounts may still come
        if not subjects and not after:
            header.append(ln)
            j += 1
            continue
        if _TOTAL.match("".join(toks)):
            total_label = True  # the 合计 row's label, printed among the names
            total_last = bool(names) and not before  # after the names: the 合计 row is the last row
            j += 1
            continue
        if name_piece(ln) and not SENTENCE.search(t):
            names.append(("".join(toks), ln))
            j += 1
            continue
        return None
    if not subjects:
        return None
    if kuan or items:
        if not _pair_levels(subjects, kuan, items, names):
            return None
    elif not _pair(subjects, names):
        return None
    if _LANCI.search(_header_text(header)):
        before = before[_column_numbers(before):]
    return _Table(header, subjects, before, after, notes, j, total_label or "合计" in _header_text(header), total_last)


def _column_numbers(amounts: list[_Amount]) -> int:
    """How many of the amounts are the 栏次 numbers 1, 2, 3 … printed under the header."""
    k = 0
    while k < len(amounts) and amounts[k].text == str(k + 1):
        k += 1
    return k


def _pair(subjects: list[_Subject], names: list[tuple[str, NLine]]) -> bool:
    """Give each code its name: codes and names in printed order, a name on its code's line first;
    pieces of a broken name are joined where the catalogue confirms the joined name. Every pair
    must be one the catalogue knows."""
    own = {id(s.code_line): k for k, s in enumerate(subjects) if s.name == "\x00"}
    k = 0
    for s in subjects:
        if k >= len(names):
            return False
        text, ln = names[k]
        if s.name == "\x00" and ln is not s.code_line:
            return False
        if s.name != "\x00" and id(ln) in own:
            return False  # the next name stands on another code's line
        s.name, s.name_lines = text, [ln]
        k += 1
        while not _matches(s.code, s.name) and k < len(names) and id(names[k][1]) not in own:
            s.name += names[k][0]
            s.name_lines.append(names[k][1])
            k += 1
            if len(s.name_lines) > 3:
                return False
        if not _matches(s.code, s.name):
            return False
    return k == len(names)


def _pair_levels(subjects: list[_Subject], kuan: list[tuple[str, NLine]], items: list[tuple[str, NLine]],
                 names: list[tuple[str, NLine]]) -> bool:
    """The code of each row where the 类, 款 and 项 codes are printed in columns of their own: every
    row prints its 类 (`204`), a 款 or 项 row its 款 (`06`, in order), a 项 row its 项 before its name
    (`01 行政运行`). The row's level is the one the catalogue confirms for its name."""
    if any(len(s.code) != 3 or s.name for s in subjects) or len(names) != len(subjects):
        return False
    by_line = {id(ln): code for code, ln in items}
    k = 0
    for s, (name, ln) in zip(subjects, names):
        item = by_line.get(id(ln))
        if item is None and _matches(s.code, name):
            code = s.code
        else:
            if k >= len(kuan):
                return False
            code = s.code + kuan[k][0] + (item or "")
            k += 1
            if not _matches(code, name):
                return False
        s.code_orig = " ".join([code[:3], code[3:5], code[5:]][:len(code) // 2])
        s.code, s.name, s.name_lines = code, name, [ln]
    return k == len(kuan)


def _header_text(header: list[NLine]) -> str:
    return "".join("".join(ln.text.split()) for ln in header)


def _covers(text: str, labels: Sequence[str]) -> bool:
    have, need = Counter(text), Counter("".join(labels))
    return all(have[ch] >= c for ch, c in need.items())


def _standard_sets(header: list[NLine]) -> list[tuple[str, tuple[str, ...]]]:
    """The standard column sets whose labels the header's characters cover, widest first."""
    text = _header_text(header)
    return [(parent, leaves) for parent, leaves in STANDARD_COLUMNS if _covers(text, (parent,) + leaves)]


def _close(a: Decimal, b: Decimal, parts: int) -> bool:
    return abs(a - b) <= _TOLERANCE * max(1, parts - 1)


@dataclass
class _Shape:
    """What the identities are checked on: the rows' codes (None for the 合计 row, first)."""
    codes: list[Optional[str]]

    def __post_init__(self) -> None:
        n = len(self.codes)
        self.children: dict[int, list[int]] = {}
        for k, code in enumerate(self.codes):
            if code is None:
                continue
            kids = [c for c, child in enumerate(self.codes)
                    if child is not None and len(child) == len(code) + 2 and child.startswith(code)]
            if kids:
                self.children[k] = kids
        top = min((len(c) for c in self.codes if c is not None), default=0)
        if None in self.codes:
            self.children[self.codes.index(None)] = [k for k, c in enumerate(self.codes)
                                                     if c is not None and len(c) == top]
        self.closes: list[list[int]] = [[] for _ in range(n)]  # parents checked once row r is placed
        self.parents: list[list[int]] = [[] for _ in range(n)]  # the parents of row r
        for parent, kids in self.children.items():
            self.closes[max(max(kids), parent)].append(parent)
            for k in kids:
                self.parents[k].append(parent)


class _Placer:
    """Places the amounts of a column-run stream into columns: the stream is the columns' cells,
    each column read top-down, interleaved in runs (pdfminer prints a column in one or several
    boxes). Every interleaving whose grid keeps the identities is tried; the placement is taken only
    when all of them give one grid. Part columns in the same state are interchangeable for the
    identities, so only the first of them is tried (the part columns keep the order the stream
    first reaches them: a guess the caller marks)."""

    def __init__(self, shape: _Shape, stream: list[Decimal], start: list[list[Decimal]], tries: int = _MAX_TRIES):
        self.tries = tries
        self.shape, self.stream, self.rows = shape, stream, len(shape.codes)
        self.grid = [list(col) for col in start]
        self.memo: dict = {}  # _summary -> (whether it led to a grid, the past it was reached with)
        self.completions = 0
        self.found: list[tuple] = []
        self.path: list[int] = []  # the column each stream amount went to, on the current walk
        self.paths: list[tuple[int, ...]] = []  # the walk of each grid found
        self.nodes = 0
        self.nonnegative = all(v >= 0 for v in stream) and all(v >= 0 for col in start for v in col)
        # uniform[p]: the stream from p on is one amount repeated
        self.uniform = [False] * (len(stream) + 1)
        for p in range(len(stream) - 1, -1, -1):
            self.uniform[p] = p == len(stream) - 1 or (self.uniform[p + 1] and stream[p] == stream[p + 1])

    def solve(self) -> Optional[tuple[list[list[Decimal]], tuple[int, ...]]]:
        """The one grid the identities allow and the column of each stream amount, else None (none,
        several, or too many tries)."""
        if not self._walk(0) and len(self.found) == 1 and self.found[0] is not None:
            return [list(col) for col in self.found[0]], self.paths[0]
        return None

    def _fits(self, c: int, r: int) -> bool:
        g = self.grid
        if all(len(col) > r for col in g) and len(g) > 1:
            parts = [col[r] for col in g[1:]]
            if not _close(g[0][r], sum(parts), len(parts)):
                return False
        elif self.nonnegative and len(g[0]) > r and len(g) > 1:
            # amounts that are never negative: the parts placed so far cannot pass their 合计
            parts = [col[r] for col in g[1:] if len(col) > r]
            if sum(parts) > g[0][r] + _TOLERANCE * len(parts):
                return False
        col = g[c]
        for parent in self.shape.closes[r]:
            kids = self.shape.children[parent]
            if not _close(col[parent], sum(col[k] for k in kids), len(kids)):
                return False
        if self.nonnegative:
            for parent in self.shape.parents[r]:
                if len(col) > parent:
                    placed = [col[k] for k in self.shape.children[parent] if len(col) > k]
                    if sum(placed) > col[parent] + _TOLERANCE * len(placed):
                        return False
        return True

    def _fill(self, pos: int) -> bool:
        """The rest of the stream is one amount repeated (the zero columns printed last): the one
        way to place it is to fill every column to the bottom."""
        added: list[int] = []
        ok = True
        for r in range(self.rows):
            for c, col in enumerate(self.grid):
                if len(col) == r:
                    col.append(self.stream[pos])
                    added.append(c)
                    if not self._fits(c, r):
                        ok = False
        if ok and len(added) == len(self.stream) - pos:
            self.completions += 1
            grid = tuple(tuple(col) for col in self.grid)
            if grid not in self.found:
                self.found.append(grid)
                self.paths.append(tuple(self.path) + tuple(sorted(added)))
        for c in added:
            self.grid[c].pop()
        return len(self.found) > 1

    def _walk(self, pos: int) -> bool:
        """Depth-first over the interleavings; True when the search must stop (two grids found,
        or too many tries)."""
        self.nodes += 1
        if self.nodes > self.tries:
            return True
        past = tuple(tuple(col) for col in self.grid)
        if pos == len(self.stream):
            if all(len(col) == self.rows for col in self.grid):
                self.completions += 1
                if past not in self.found:
                    self.found.append(past)
                    self.paths.append(tuple(self.path))
            return len(self.found) > 1
        key = self._summary(pos)
        if key in self.memo:
            feasible, seen_past = self.memo[key]
            if feasible and seen_past != past:
                self.found.append(None)  # another past, the same future: a second grid
                return True
            return False
        done = self.completions
        stop = self._fill(pos) if self.uniform[pos] else self._branch(pos)
        self.memo[key] = (self.completions > done, past)
        return stop

    def _summary(self, pos: int) -> tuple:
        """All that the placing of stream[pos:] depends on: each column's rows from the lowest row
        not yet in every column, and per parent row the sum still open (parent minus the children
        placed, or the children placed while the parent is not)."""
        low = min(len(col) for col in self.grid)
        per_col = []
        for col in self.grid:
            open_sums = []
            for parent, kids in self.shape.children.items():
                placed = [k for k in kids if k < len(col)]
                if len(placed) == len(kids) and parent < len(col):
                    continue  # checked
                if parent < low and not placed:
                    open_sums.append((parent, col[parent]))
                elif parent < len(col):
                    open_sums.append((parent, col[parent] - sum(col[k] for k in placed)))
                elif placed:
                    open_sums.append((parent, None, sum(col[k] for k in placed)))
            per_col.append((len(col), tuple(col[low:]), tuple(open_sums)))
        last = self.path[-1] if self.path else -1  # equal amounts in a row go to columns in order
        return pos, last, tuple(per_col)

    def _branch(self, pos: int) -> bool:
        tried: set = set()
        run = pos > 0 and self.stream[pos] == self.stream[pos - 1]
        for c, col in enumerate(self.grid):
            if len(col) >= self.rows or (run and c < self.path[-1]):
                continue  # (equal amounts in a row: their order among the columns gives no new grid)
            if c > 0:
                state = tuple(col)
                if state in tried:
                    continue  # a part column in the same state as one tried: the same grids
                tried.add(state)
            col.append(self.stream[pos])
            self.path.append(c)
            stop = self._fits(c, len(col) - 1) and self._walk(pos + 1)
            self.path.pop()
            col.pop()
            if stop:
                return True
        return False


def _solve_full(shape: _Shape, stream: list[Decimal], k: int) -> Optional[tuple[list[list[Decimal]], tuple[int, ...]]]:
    """Place a stream that prints every cell of k columns. When the search is too wide (columns of
    zeros printed last keep the rows open until the end), it is tried once more with the run of one
    amount that ends the stream taken as the last whole columns (the columns the stream reaches last)."""
    placer = _Placer(shape, stream, [[] for _ in range(k)])
    solved = placer.solve()
    if solved is not None or placer.nodes <= placer.tries:
        return solved
    rows = len(shape.codes)
    tail = 0
    while tail < len(stream) and stream[-1 - tail] == stream[-1]:
        tail += 1
    m = tail // rows
    if not 1 <= m < k - 1:
        return None
    kept = len(stream) - m * rows
    start = [[] for _ in range(k - m)] + [[stream[-1]] * rows for _ in range(m)]
    solved = _Placer(shape, stream[:kept], start, _MAX_TRIES_ZERO_TAIL).solve()
    if solved is None:
        return None
    return solved[0], solved[1] + tuple(c for c in range(k - m, k) for _ in range(rows))


@dataclass
class _Placement:
    parent: str
    leaves: tuple[str, ...]
    columns: list[int]  # the leaves (by index) that have cells: the others are printed blank
    grid: list[list[Decimal]]  # per placed column, its values by row (the 合计 row first if printed)
    total_printed: bool
    cells: list[list[_Amount]]  # per placed column, the printed amount of each row
    total_last: bool = False  # the 合计 row is the grid's last row, not its first


def _place(table: _Table) -> Optional[_Placement]:
    """The amounts placed in rows and columns, or None when no single placement keeps the
    identities (or the counts fit no standard column set)."""
    n = len(table.subjects)
    codes = [s.code for s in table.subjects]
    try:
        before = [a.value for a in table.before]
        after = [a.value for a in table.after]
    except ArithmeticError:
        return None
    if len(before) + len(after) > _MAX_STREAM:
        return None
    for parent, leaves in _standard_sets(table.header):
        k = len(leaves)
        t = 1 if before or (table.total_named and len(after) == k * (n + 1)) else 0
        if len(before) + len(after) == k * (n + t):
            # every cell printed: the 合计 row's cells and the rows' cells, interleaved
            last = bool(t) and table.total_last
            shape = _Shape(codes + [None] if last else ([None] if t else []) + codes)
            solved = _solve_full(shape, before + after, k)
            if solved is not None:
                cells = _cells(table.before + table.after, solved[1], [[] for _ in range(k)])
                return _Placement(parent, leaves, list(range(k)), solved[0], bool(t), cells, last)
        elif len(before) == k and before[0] != 0:
            # the 合计 row printed whole before the rows; a column whose 合计 is 0 is blank below
            used = [c for c in range(k) if before[c] != 0]
            if len(after) == len(used) * n and used[0] == 0:
                shape = _Shape([None] + codes)
                solved = _Placer(shape, after, [[before[c]] for c in used]).solve()
                if solved is not None:
                    cells = _cells(table.after, solved[1], [[table.before[c]] for c in used])
                    return _Placement(parent, leaves, used, solved[0], True, cells)
    return None


def read_runs(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    table = _scan(lines, i)
    if table is None:
        return None, i + 1
    placed = _place(table)
    if placed is None:
        return None, i + 1  # blank cells absent, columns unnamed, or no single placement: declined
    # the Amount each placed value came from: the stream in order, matched to the values placed
    cells = placed.cells
    parts = [tuple(col) for col in placed.grid[1:]]
    unsure = len(set(parts)) > 1
    at = lines[i]

    def label(text: str) -> Cell:
        return Cell(text=text, orig=text, line=at.no, page=at.page)

    def blank(line: NLine) -> Cell:
        return Cell(text="", orig="", line=line.no, page=line.page)

    def amount(a: _Amount, col: int) -> Cell:
        c = Cell(text=a.text, orig=a.text, line=a.line.no, page=a.line.page, repaired=a.line.repaired)
        if unsure and col > 0:
            c.repairs = [Repair(kind="layout.column_guess", note=_SWAP_DOUBT, status="unconfirmed")]
        return c

    def values(r: int, line: NLine) -> list[Cell]:
        out = [blank(line) for _ in placed.leaves]
        for k, col in enumerate(placed.columns):
            out[col] = amount(cells[k][r], k)
        return out

    grid: list[list[Cell]] = []
    if placed.parent:
        grid.append([label("科目编码"), label("科目名称"), label(placed.parent)] + [label("") for _ in placed.leaves[1:]])
        grid.append([label(""), label("")] + [label(x) for x in placed.leaves])
    else:
        grid.append([label("科目编码"), label("科目名称")] + [label(x) for x in placed.leaves])
    t = 1 if placed.total_printed and not placed.total_last else 0
    if t:
        first = (table.before or table.after)[0].line
        if len(table.before) == len(placed.leaves) and placed.columns != list(range(len(placed.leaves))):
            grid.append([blank(first), label("合计")] + [amount(a, c) for c, a in enumerate(table.before)])
        else:
            grid.append([blank(first), label("合计")] + values(0, first))
    for r, s in enumerate(table.subjects):
        name_line = s.name_lines[0]
        grid.append([Cell(text=s.code, orig=s.code_orig, line=s.code_line.no, page=s.code_line.page),
                     Cell(text=s.name, orig=s.name, line=name_line.no, page=name_line.page,
                          joined=len(s.name_lines) > 1)] + values(r + t, s.code_line))
    if placed.total_last:
        first = placed.cells[0][-1].line
        grid.append([blank(first), label("合计")] + values(len(table.subjects), first))
    last = max((a.line.no or 0) for a in table.before + table.after)
    block = GridBlock(rows=grid, first_line=at.no, last_line=last, method="column-runs", notes=list(table.notes))
    return with_report(block), table.end


def _cells(stream: list[_Amount], path: tuple[int, ...], start: list[list[_Amount]]) -> list[list[_Amount]]:
    """Each placed column's printed amounts, by row, from the column the walk gave each amount."""
    for a, c in zip(stream, path):
        start[c].append(a)
    return start


def _header_start(lines: Sequence[NLine], i: int) -> Optional[int]:
    """The header's first line when lines[i] is it, or its second line (a reader before this one
    may claim the first header line and decline the table, which leaves the first line narrative)."""
    if after_title(lines, i):
        return i
    k = i - 1
    while k >= 0 and k >= i - 3 and not lines[k].text.strip():
        k -= 1
    if k >= 0 and lines[k].text.strip() and name_piece(lines[k]) and after_title(lines, k):
        return k
    return None


def _subject_title(lines: Sequence[NLine], i: int) -> bool:
    """The nearest title above lines[i] names a subject table."""
    seen = 0
    for k in range(i - 1, max(-1, i - 12), -1):
        t = lines[k].text.strip()
        if not t:
            continue
        seen += 1
        tpl = identify(t, "")
        if tpl is not None:
            return tpl.shape == "subject"
        if seen >= 5 or not title_like(lines[k]):
            return False
    return False


@text_reader(55)
class ColumnRunsReader:
    """Subject tables printed one cell per line, column by column (pdfminer.six, some copy-pastes)."""

    name = "column-runs"

    def __init__(self) -> None:
        self._last: tuple = (None, -1, (None, 0))  # (lines, i, result) of the last read: starts reads

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        t = lines[i].text
        if not t.strip() or "\t" in t or "|" in t or len(t) > 60:  # cheap tests first: runs on every line
            return False
        first = _header_start(lines, i)
        if first is None or not _subject_title(lines, first):
            return False
        return self.read(lines, i)[0] is not None

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        if self._last[0] is lines and self._last[1] == i:
            return self._last[2]
        result = read_runs(lines, i)
        self._last = (lines, i, result)
        return result
