"""Placing the amounts of a subject table printed column by column (pdfminer.six) whose blank
cells are left out, by the accounting identities.

What it does: `solve_sparse` places the amounts other than 0 of such a stream — each column's
printed cells in row order, the columns interleaved as the stream runs, the total column (the
first) printed on every row, no amount negative — with `SparsePlacer`: the total column taken first
(`_total_columns`: every way the column's own identities allow) and the part columns placed with
the totals known, or, where those ways are too many, all columns at once. The checks that cut the
search are sound: a row's parts never pass its total, a blank cell of a parent leaves its children
blank there, a row with room left needs a column that can still print on it, a difference one cell
must hold must be in the rest of the stream, the totals not yet placed must be found in it in
order. A grid is returned only when it is the one left (grids that differ only in which part
column is which count as one). For a stream that prints every cell, its 0s set aside, every blank
cell must take one of them in an order the stream allows (run_zeros.fill_blanks).
What it does not: place the 0s of a stream that leaves blanks out (run_zeros.place_zeros), a
stream with a row whose total is blank or 0, or negative amounts (None: the caller tries the full
placer or declines); read labels or build cells (column_runs.py).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional, Sequence

from .run_placer import TOLERANCE, Shape, close, new_reading
from .run_zeros import fill_blanks

_MAX_SPARSE_TRIES = 8_000  # steps of the search, the totals given (all the ways they may be taken)
_MAX_JOINT_TRIES = 6_000  # the same, the total column placed along with the others
_MAX_TOTAL_TRIES = 3_000  # steps of the search for the total column's amounts
_MAX_TOTAL_COLUMNS = 40  # ways to take them: more and the stream is too loose to read
_MAX_DEPTH = 250  # amounts the walk may go down (three calls deep each): more is no one table's
_ROUNDS = (0.05, 1.0)  # the searches run with a twentieth of their budgets both ways, then with all

Cell = Optional[Decimal]

_UNSET = object()  # a cell the walk has not reached yet (None: a blank cell)
_ZERO = Decimal(0)


def _order(block: tuple) -> str:
    """A sort key for a column's state (cells are amounts, blank None or not yet known "?")."""
    return repr(block)


class SparsePlacer:
    """Places a stream that leaves blank cells out: each amount goes to a column at a row below the
    column's last placed amount (the rows skipped stay blank); the total column (the first) has an
    amount on every row (given as `totals`, or placed from the stream too). Depth-first over the
    choices, the identities checked as soon as the cells they join are all known (sums kept per row
    and per parent as cells are set); a summary of what the rest of the walk depends on is
    memoised, so a second past reaching a summary that led to a grid is a second grid."""

    def __init__(self, shape: Shape, stream: list[Decimal], k: int, totals: Optional[list[Decimal]] = None,
                 tries: int = _MAX_SPARSE_TRIES, fill: Optional[tuple[list[int], list[int], list[int]]] = None,
                 keep: int = 1):
        self.shape, self.stream, self.k, self.tries = shape, stream, k, tries
        self.keep = keep  # the grids to list before the search stops (1: stop at a second one)
        self.stopped = False  # the search ran past its steps or past `keep` grids
        # a stream that prints every cell, its 0s set aside: where in it each amount, each 0 and each
        # given total stood (every blank cell must then take a 0 its column prints in order)
        self.fill = fill
        rows = self.rows = len(shape.codes)
        self.grid: list[list] = [[_UNSET] * rows for _ in range(k)]
        self.ptr = [0] * k
        self.path: list[tuple[int, int]] = []
        self.found: list[Optional[tuple]] = []
        self.paths: list[tuple[tuple[int, int], ...]] = []
        self.memo: dict = {}
        self.completions = 0
        self.nodes = 0
        self.undecided = False  # the search stopped at two grids or at its step budget
        self.groups = list(shape.children.items())
        self.kid_of: list[list[int]] = [[] for _ in range(rows)]  # the groups row r is a child in
        self.parent_of: list[Optional[int]] = [None] * rows  # the group row r is the parent of
        for g, (parent, kids) in enumerate(self.groups):
            self.parent_of[parent] = g
            for x in kids:
                self.kid_of[x].append(g)
        self.gsum = [[_ZERO] * len(self.groups) for _ in range(k)]  # per column: placed children's sum
        self.gcnt = [[0] * len(self.groups) for _ in range(k)]
        self.rsum = [_ZERO] * rows  # per row: its placed parts' sum
        self.rcnt = [0] * rows
        self.room = [True] * rows  # per row: its total is not placed, or its parts do not reach it
        self.ahead: list[list[Decimal]] = [sorted(set(stream[p:])) for p in range(len(stream) + 1)]
        self.later: dict[int, list[Decimal]] = {}  # the rest of the stream from a position, largest first
        self.ancestors = [self.ancestors_of(shape, r) for r in range(rows)]  # parent, its parent …
        self.bottom_up = sorted(range(rows), key=lambda r: -len(self.ancestors[r]))  # children first
        if totals is not None:  # the total column, placed before
            for r, v in enumerate(totals):
                self._set(0, r, v)
            self.ptr[0] = rows

    @staticmethod
    def ancestors_of(shape: Shape, r: int) -> list[int]:
        up, todo = [], list(shape.parents[r])
        while todo:
            x = todo.pop()
            if x not in up:
                up.append(x)
                todo.extend(shape.parents[x])
        return up

    def solve(self) -> Optional[tuple[list[list[Cell]], tuple[tuple[int, int], ...]]]:
        """The one grid the identities allow (None for a blank cell) and the (column, row) of each
        stream amount; None when there is none, several, or the search runs too long."""
        if self.k < 2 or any(v <= 0 for v in self.stream):
            return None  # (a 0 adds to nothing and is placed afterwards; negative amounts bound nothing)
        stopped = self.stopped = self._walk(0)
        self.undecided = stopped or len(self.found) > 1
        if not stopped and len(self.found) == 1 and self.found[0] is not None:
            return [list(col) for col in self.found[0]], self.paths[0]
        return None

    def _set(self, c: int, r: int, v: Cell) -> None:
        self.grid[c][r] = v
        x = v if v is not None else _ZERO
        if c:
            self.rsum[r] += x
            self.rcnt[r] += 1
        for g in self.kid_of[r]:
            self.gsum[c][g] += x
            self.gcnt[c][g] += 1
        self._update_room(r)

    def _update_room(self, r: int) -> None:
        total = self.grid[0][r]
        self.room[r] = total is _UNSET or total - self.rsum[r] > TOLERANCE * (self.k - 1)

    def _unset(self, c: int, r: int) -> None:
        v = self.grid[c][r]
        x = v if v is not None else _ZERO
        if c:
            self.rsum[r] -= x
            self.rcnt[r] -= 1
        for g in self.kid_of[r]:
            self.gsum[c][g] -= x
            self.gcnt[c][g] -= 1
        self.grid[c][r] = _UNSET
        self._update_room(r)

    def _row_ok(self, r: int) -> bool:
        total = self.grid[0][r]
        if total is _UNSET:
            return True
        if self.rcnt[r] == self.k - 1:
            return close(total, self.rsum[r], self.k - 1)
        return self.rsum[r] <= total + TOLERANCE * max(1, self.rcnt[r])

    def _group_ok(self, c: int, g: int) -> bool:
        parent, kids = self.groups[g]
        whole = self.grid[c][parent]
        if whole is _UNSET:
            return True
        whole = whole if whole is not None else _ZERO
        got, known = self.gsum[c][g], self.gcnt[c][g]
        if known == len(kids):
            return close(whole, got, len(kids))
        return got <= whole + TOLERANCE * max(1, known)

    def _cell_ok(self, c: int, r: int) -> bool:
        """The identities that cell (c, r), just set, takes part in, as far as their cells are known."""
        if not self._row_ok(r):
            return False
        for g in self.kid_of[r]:
            if not self._group_ok(c, g):
                return False
        g = self.parent_of[r]
        return g is None or self._group_ok(c, g)

    def _room(self, r: int) -> bool:
        """Row r's total (when placed) is not yet reached by its placed parts."""
        return self.room[r]

    def _can_take(self, c: int, r: int) -> bool:
        """Column c may still print an amount on row r: the row is below its last amount and every
        row above it in the tree is printed in c, or not yet placed there and has room left."""
        if self.ptr[c] > r:
            return False
        for a in self.ancestors[r]:
            v = self.grid[c][a]
            if v is None or (v is _UNSET and not self._room(a)):
                return False
        return True

    def _rows_ok(self, pos: int) -> bool:
        """Every row whose total is placed and not yet reached has a part column that can still
        print on it (a blank cell of a row whose total has room would leave the row short; the
        columns with nothing printed yet are all alike: each can where every row above has room);
        where one column is left, or a parent printed in a column has one child cell left there,
        that cell's amount is the difference, and the rest of the stream must hold it; a parent
        printed below its children (the 合计 row last) and not yet placed in a column where
        children are is at least their sum, each such cell a later amount of its own."""
        needs: list[Decimal] = []
        room = self.room
        empty = self.ptr[1:].count(0)
        for r in range(min(self.ptr[1:]), self.ptr[0]):
            if not room[r]:
                continue
            n = empty if empty and all(room[a] for a in self.ancestors[r]) else 0
            for c in range(1, self.k):
                if n >= 2:
                    break
                if self.ptr[c] and self._can_take(c, r):
                    n += 1
            if not n:
                return False
            if n == 1:
                needs.append(self.grid[0][r] - self.rsum[r])
        floors = []
        tol = TOLERANCE * self.k
        for c in range(self.k):
            if not self.ptr[c]:
                continue
            for g, (parent, kids) in enumerate(self.groups):
                whole = self.grid[c][parent]
                if whole is _UNSET:
                    if self.gsum[c][g] > tol:
                        floors.append(self.gsum[c][g])
                elif whole is not None and len(kids) - self.gcnt[c][g] == 1:
                    need = whole - self.gsum[c][g]
                    if need > TOLERANCE * len(kids):
                        needs.append(need)
        ahead = self.ahead[pos]
        if not all(any(abs(v - need) <= tol for v in ahead) for need in needs):
            return False
        if self.ptr[0] < self.rows and not self._totals_bound(ahead[0] if ahead else _ZERO):
            return False
        if not floors:
            return True
        floors.sort(reverse=True)
        later = self.later.get(pos)
        if later is None:
            later = self.later[pos] = sorted(self.stream[pos:], reverse=True)
        return len(floors) <= len(later) and all(v + tol >= f for f, v in zip(floors, later))

    def _totals_bound(self, least: Decimal) -> bool:
        """The total column prints an amount on every row, never negative: a row not yet placed
        holds at least the least amount left, and at least the sum of its children; a placed
        parent's children together hold no more than it."""
        col = self.grid[0]
        low: list[Decimal] = [_ZERO] * self.rows
        for r in self.bottom_up:
            if col[r] is not _UNSET:
                low[r] = col[r]
            else:
                kids = self.shape.children.get(r)
                low[r] = max(least, sum((low[x] for x in kids), _ZERO)) if kids else least
        for g, (parent, kids) in enumerate(self.groups):
            whole = col[parent]
            if whole is not _UNSET and sum((low[x] for x in kids), _ZERO) > whole + TOLERANCE * len(kids):
                return False
        return True

    def _totals_reachable(self, pos: int) -> bool:
        """The total column's rows not yet placed can still be found in the rest of the stream, in
        order, each at least the sum of its row's placed parts (equal to it once no part column can
        print on the row any more)."""
        q, n = pos, len(self.stream)
        for r in range(self.ptr[0], self.rows):
            low = self.rsum[r]
            exact = self.rcnt[r] > 0 and (self.rcnt[r] == self.k - 1 or
                                          not any(self._can_take(c, r) for c in range(1, self.k)))
            while q < n:
                v = self.stream[q]
                q += 1
                if (close(v, low, self.k - 1) if exact else v + TOLERANCE * max(1, self.rcnt[r]) >= low):
                    break
            else:
                return False
        return True

    def _summary(self, pos: int) -> tuple:
        """All the rest of the walk depends on: per column, its next row, its cells in the rows not
        yet known in every column, the sums still open of its parents. Part columns play the same
        part in every identity, so their blocks are sorted (a state and the same with part columns
        swapped lead to the same grids, part columns swapped) — except where equal amounts in a row
        make the order of the columns matter."""
        low, high = min(self.ptr), max(self.ptr)
        blocks = []
        for c in range(self.k):
            cells = tuple(self.grid[c][r] if self.ptr[c] > r else "?" for r in range(low, high))
            open_sums = []
            if self.ptr[c]:
                for g, (parent, kids) in enumerate(self.groups):
                    known = self.gcnt[c][g]
                    whole = self.grid[c][parent]
                    if (whole is not _UNSET and known == len(kids)) or (whole is _UNSET and not known):
                        continue
                    open_sums.append((g, "?" if whole is _UNSET else whole, self.gsum[c][g]))
            blocks.append((self.ptr[c], cells, tuple(open_sums)))
        run = 0 < pos < len(self.stream) and self.stream[pos] == self.stream[pos - 1]
        if run:
            return pos, self.path[-1][0], tuple(blocks)
        return pos, -1, blocks[0], tuple(sorted(blocks[1:], key=_order))

    def _past(self) -> tuple:
        cols = [tuple(col[: self.ptr[c]]) for c, col in enumerate(self.grid)]
        return cols[0], tuple(sorted(cols[1:], key=_order))

    def _finish(self) -> bool:
        """Every column's cells below its last amount are blank; the total column has none."""
        if self.ptr[0] != self.rows:
            return False
        set_: list[tuple[int, int]] = []
        ok = True
        for c in range(1, self.k):
            while ok and self.ptr[c] < self.rows:
                r = self.ptr[c]
                self._set(c, r, None)
                self.ptr[c] += 1
                set_.append((c, r))
                ok = self._cell_ok(c, r)
        if ok and self.fill is not None:
            ok = self._zeros_fit()
        if ok:
            self.completions += 1
            grid = tuple(tuple(col) for col in self.grid)
            if new_reading(self.found, grid):
                self.found.append(grid)
                self.paths.append(tuple(self.path))
        for c, r in reversed(set_):
            self._unset(c, r)
            self.ptr[c] -= 1
        return len(self.found) > self.keep

    def _zeros_fit(self) -> bool:
        """Every blank cell takes one of the stream's 0s, each between the amounts its column prints
        above and below it."""
        positions, zeros, totals = self.fill
        by_col: list[list[tuple[int, int]]] = [[] for _ in range(self.k)]
        for (c, r), p in zip(self.path, positions):
            by_col[c].append((p, r))
        for r, p in enumerate(totals):
            by_col[0].append((p, r))
        blank = [(c, r) for c in range(self.k) for r in range(self.rows) if self.grid[c][r] is None]
        return len(blank) == len(zeros) and fill_blanks(blank, zeros, by_col) is not None

    def _walk(self, pos: int) -> bool:
        """Depth-first; True when the search must stop (two grids, or too many steps)."""
        self.nodes += 1
        if self.nodes > self.tries:
            return True
        if pos == len(self.stream):
            return self._finish()
        key = self._summary(pos)
        past = self._past()
        if key in self.memo:
            feasible, seen = self.memo[key]
            if not feasible or seen == past:
                return False
            if self.keep == 1:
                self.found.append(None)  # another past, the same future: a second grid
                return True
            # (listing the grids: this past's are walked too)
        done = self.completions
        stop = self._branch(pos)
        self.memo[key] = (self.completions > done, past)
        return stop

    def _try(self, pos: int, c: int, r: int) -> bool:
        """Amount `pos` at (c, r) (the cells above it in c already set): walk on when the identities
        hold; True when the search must stop."""
        v = self.stream[pos]
        total = self.grid[0][r]
        if c and ((total is not _UNSET and v > total - self.rsum[r] + TOLERANCE * self.k) or
                  not self._can_take(c, r)):
            return False  # more than the row's total leaves, or a row above it in c stays blank
        self._set(c, r, v)
        self.ptr[c] = r + 1
        stop = False
        if self._cell_ok(c, r) and self._rows_ok(pos + 1) and self._totals_reachable(pos + 1):
            self.path.append((c, r))
            stop = self._walk(pos + 1)
            self.path.pop()
        self._unset(c, r)
        return stop

    def _branch(self, pos: int) -> bool:
        run = pos > 0 and self.stream[pos] == self.stream[pos - 1]
        tried: set = set()
        for c in range(self.k):
            if run and c < self.path[-1][0]:
                continue  # equal amounts in a row: their order among the columns gives no new grid
            start = self.ptr[c]
            if start >= self.rows:
                continue
            if c > 0:
                state = (start, tuple(self.grid[c][:start]))
                if state in tried:
                    continue  # a part column in the same state as one tried: the same grids
                tried.add(state)
            stop = self._try(pos, c, start)
            r = start
            while not stop and c and r < self.rows - 1:
                self._set(c, r, None)  # the row skipped: its cell is blank
                self.ptr[c] = r + 1
                if not self._cell_ok(c, r):
                    r += 1
                    break  # (a blank that breaks an identity breaks it for every row further down)
                r += 1
                stop = self._try(pos, c, r)
            for x in range(start, r):
                self._unset(c, x)
            self.ptr[c] = start
            if stop:
                return True
        return False


def _total_columns(shape: Shape, values: list[Decimal]) -> Optional[list[tuple[int, ...]]]:
    """The ways to take the total column's amounts (one per row, in row order) out of the stream so
    that they keep the column's identities; equal amounts side by side are taken first first (the
    rest of the stream is then the same). None when there are too many to try."""
    rows, n = len(shape.codes), len(values)
    col: list[Decimal] = []
    picked: list[int] = []
    out: list[tuple[int, ...]] = []
    steps = [0]

    def fits(r: int, after: int) -> bool:
        for parent in shape.parents[r] + ([r] if r in shape.children else []):
            kids = shape.children[parent]
            if parent >= len(col):
                continue
            known = [x for x in kids if x < len(col)]
            got = sum((col[x] for x in known), Decimal(0))
            if len(known) == len(kids):
                if not close(col[parent], got, len(kids)):
                    return False
            elif got > col[parent] + TOLERANCE * len(known):
                return False
            elif len(known) == len(kids) - 1 and max(kids) >= len(col):
                need = col[parent] - got
                if not any(abs(v - need) <= TOLERANCE * len(kids) for v in values[after:]):
                    return False  # the last child's amount is the difference: the stream must hold it
        return True

    groups = list(shape.children.items())
    dead: set = set()  # states from which no way was found

    def state(r: int, start: int) -> tuple:
        """All the rest depends on: the row, the stream position, the sums of the open groups."""
        open_ = []
        for parent, kids in groups:
            known = [x for x in kids if x < r]
            if (parent < r and len(known) == len(kids)) or (parent >= r and not known):
                continue
            open_.append((col[parent] if parent < r else None, sum((col[x] for x in known), Decimal(0))))
        return r, start, tuple(open_)

    def walk(r: int, start: int) -> bool:
        steps[0] += 1
        if steps[0] > _MAX_TOTAL_TRIES or len(out) > _MAX_TOTAL_COLUMNS:
            return True
        if r == rows:
            out.append(tuple(picked))
            return False
        key = state(r, start)
        if key in dead:
            return False
        before = len(out)
        stop = step(r, start)
        if not stop and len(out) == before:
            dead.add(key)
        return stop

    def step(r: int, start: int) -> bool:
        for q in range(start, n - (rows - r) + 1):
            if q > start and values[q - 1] == values[q]:
                continue  # (an equal amount just before is free: taking it leaves the same stream)
            col.append(values[q])
            picked.append(q)
            stop = fits(r, q + 1) and walk(r + 1, q + 1)
            col.pop()
            picked.pop()
            if stop:
                return True
        return False

    if walk(0, 0):
        return None
    return out


def _cells_of(n: int, picked: Sequence[int], rest: Sequence[int],
              where: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each of the n amounts' (column, row): the total column's picks down column 0 in order, the
    rest where the part columns' placer put them."""
    cells = [(0, 0)] * n
    for r, p in enumerate(picked):
        cells[p] = (0, r)
    for p, cell in zip(rest, where):
        cells[p] = cell
    return cells


def solve_sparse(shape: Shape, values: list[Decimal], k: int, positions: Optional[list[int]] = None,
                 zeros: Optional[list[int]] = None) -> Optional[tuple[list[list[Cell]], list[tuple[int, int]]]]:
    """Place a stream that leaves blank cells out (and holds no 0): the total column first (every
    way its identities allow) and then the part columns with the totals known, or, when the ways
    are too many, all columns at once. The stream read backwards is the same table's columns read
    bottom-up (a 合计 row printed last then comes first and bounds the rest): both ways are tried,
    with a twentieth of the step budgets, then with all of them (which way first only saves time: each
    search is whole).
    With `zeros` (where the 0s stood in a stream that prints every cell; `positions`: where each
    amount stood), every blank cell must take one of them. The grid and each amount's (column,
    row), when one grid is left."""
    if k < 2 or not values or len(values) > _MAX_DEPTH or any(v <= 0 for v in values):
        return None
    full = zeros is not None and positions is not None
    rows, end = len(shape.codes), (max(positions + zeros) + 1 if full else 0)
    backward = (Shape(list(reversed(shape.codes))), values[::-1],
                ([end - 1 - p for p in reversed(positions)], [end - 1 - z for z in reversed(zeros)]) if full else None)
    # (the 合计 row printed last and more than two part columns: read backwards, its cells rule out
    # the columns they leave empty at once; else forwards, each parent before its children, first)
    first_back = bool(shape.codes) and shape.codes[-1] is None and k > 3
    for share in _ROUNDS:
        for backwards in ((True, False) if first_back and share == _ROUNDS[-1] else (False, True)):
            if backwards:
                done, solved = _solve(backward[0], backward[1], k, backward[2], share)
                if solved is not None:
                    solved = [col[::-1] for col in solved[0]], [(c, rows - 1 - r) for c, r in reversed(solved[1])]
            else:
                done, solved = _solve(shape, values, k, (positions, zeros) if full else None, share)
            if done:
                return solved  # (one grid, or none: no grid or two)
    return None


def _solve(shape: Shape, values: list[Decimal], k: int, fill: Optional[tuple[list[int], list[int]]],
           share: float) -> tuple[bool, Optional[tuple[list[list[Cell]], list[tuple[int, int]]]]]:
    """(whether the search came to an end, the grid and each amount's cell when one is left), with
    `share` of the step budgets."""
    done, solved = _totals_first(shape, values, k, fill, int(_MAX_SPARSE_TRIES * share))
    if done:
        return done, solved
    placer = SparsePlacer(shape, values, k, None, int(_MAX_JOINT_TRIES * share),
                          None if fill is None else (fill[0], fill[1], []))
    found = placer.solve()
    return placer.nodes <= placer.tries, (found and (found[0], list(found[1]))) or None


def _totals_first(shape: Shape, values: list[Decimal], k: int, fill: Optional[tuple[list[int], list[int]]],
                  budget: int) -> tuple[bool, Optional[tuple[list[list[Cell]], list[tuple[int, int]]]]]:
    """(whether the search came to an end, the grid and each amount's cell when one is left), the
    total column's amounts taken first."""
    columns = _total_columns(shape, values)
    if columns is None:
        return False, None
    grids: dict[tuple, list[tuple[int, int]]] = {}
    for picked in columns:
        taken = set(picked)
        rest = [p for p in range(len(values)) if p not in taken]
        given = None if fill is None else ([fill[0][p] for p in rest], fill[1], [fill[0][p] for p in picked])
        placer = SparsePlacer(shape, [values[p] for p in rest], k, [values[p] for p in picked], budget, given)
        solved = placer.solve()
        budget -= placer.nodes
        if budget <= 0:
            return False, None
        if placer.undecided:
            return True, None  # two grids
        if solved is None:
            continue
        grid, where = solved
        key = tuple(tuple(col) for col in grid)
        if new_reading(list(grids), key):
            grids[key] = _cells_of(len(values), picked, rest, where)
            if len(grids) > 1:
                return True, None
    if len(grids) != 1:
        return True, None
    key, cells = next(iter(grids.items()))
    return True, ([list(col) for col in key], cells)


def sparse_readings(shape: Shape, values: list[Decimal], k: int, most: int
                    ) -> Optional[list[tuple[list[list[Cell]], list[tuple[int, int]]]]]:
    """Every grid the identities leave for a stream that leaves blank cells out (and holds no 0),
    as `solve_sparse` places one — the total column taken first, grids that differ only in which
    part column is which counted as one; all columns at once where the total column's ways are too
    many — with each amount's (column, row): all of them when there are two to `most`; None when
    there is one or none (solve_sparse says which), more than `most`, or the search runs past its
    budget (no list is then sure to be whole)."""
    if k < 2 or not values or len(values) > _MAX_DEPTH or any(v <= 0 for v in values):
        return None
    grids: dict[tuple, list[tuple[int, int]]] = {}
    columns = _total_columns(shape, values)
    if columns is None:  # the total column's ways too many: all columns at once
        placer = SparsePlacer(shape, values, k, None, _MAX_JOINT_TRIES, None, most)
        placer.solve()
        if placer.stopped:
            return None
        for grid, path in zip(placer.found, placer.paths):
            if grid is not None and new_reading(list(grids), grid):
                grids[grid] = list(path)
        return [([list(col) for col in grid], cells) for grid, cells in grids.items()] if len(grids) > 1 else None
    budget = _MAX_SPARSE_TRIES
    for picked in columns:
        taken = set(picked)
        rest = [p for p in range(len(values)) if p not in taken]
        placer = SparsePlacer(shape, [values[p] for p in rest], k, [values[p] for p in picked], budget, None, most)
        placer.solve()
        budget -= placer.nodes
        if budget <= 0 or placer.stopped:
            return None
        for grid, path in zip(placer.found, placer.paths):
            if grid is None or not new_reading(list(grids), grid):
                continue
            grids[grid] = _cells_of(len(values), picked, rest, path)
            if len(grids) > most:
                return None
    if len(grids) < 2:
        return None
    return [([list(col) for col in grid], cells) for grid, cells in grids.items()]
