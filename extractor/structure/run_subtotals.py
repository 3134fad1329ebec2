"""Placing the amounts of a subject table printed column by column (pdfminer.six) whose column set
has a group with its own 小计: 合计 | 基本支出 (小计, 人员经费, 公用经费) | 项目支出 (a budget's
一般公共预算支出表) — two row identities, 合计 = 小计 + 项目支出 and 小计 = 人员经费 + 公用经费.

What it does: `solve_grouped` places the amounts other than 0 of such a stream (each column's
printed cells in row order, the columns interleaved as the stream runs, blank cells left out, the
total column printed on every row, no amount negative). The rows are filled top-down — the 合计 row
first (its total is the largest amount), then each row after its parent — and on each row the
total, then its split into the top-level columns, then the 小计's split into the group's leaves:
every cell an amount not yet placed (the amounts are counted as a multiset) or blank, the last part
of a split the difference of the others, a cell below a blank parent blank, the last child of a
parent the parent less its siblings (in every column), a column's amounts found in the stream in
row order (each where it first can stand). So most cells are settled by the cells above them; the
few free choices (a row's total, the first part of a split) are checked at once: against the
amounts left, against what a parent's last one or two children must still add up to (`fills`), and
against the room the stream leaves after each column's last amount for what must still come after
it (`room_ok`: a total on every row not yet filled, a cell under each parent not yet reached). Leaves that play the same
part (人员经费 / 公用经费: no identity tells them apart) are taken in one order only. A grid that
uses every amount is kept when the stream is an interleaving of its columns, each read top-down
(`_interleave`: that also gives each amount's cell). A grid is returned only when it is the one
left; the leaves of a group are then ordered as the stream first reaches them (a guess the caller
marks where they differ). All the searches count their steps against one budget: past it the
table is declined.
A set with more than two leaves no identity tells apart (a 收入总体情况表's eight income columns beside
the 财政拨款收入 group: each row's split into them is free, no budget ends that search) is placed by
`solve_fewest` instead: each such set cut to one column (then two), the narrower search's one grid
spread back over the full set; the caller holds every cell of it a guess.
What it does not: place 0s (run_zeros.place_zeros), a stream with a negative amount or a row whose
total is blank or 0 (None: declined), column sets with one identity (run_sparse.py, run_placer.py);
read labels or build cells (column_runs.py).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from decimal import Decimal
from typing import Iterator, Optional, Sequence

from .run_placer import TOLERANCE, Shape, close

_MAX_STEPS = 40_000  # steps of all the searches for one table (about 0.3 s)
_MAX_AMOUNTS = 400  # amounts in one stream: more is no one table's

Cell = Optional[Decimal]
Identity = tuple[int, tuple[int, ...]]  # (the whole's column, its parts' columns)


class _Spent(Exception):
    """The step budget is spent: the table is declined."""


class _Budget:
    """The steps all the searches for one table share."""

    def __init__(self, steps: int = _MAX_STEPS):
        self.left = steps

    def step(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise _Spent


class _Search:
    """The top-down search for the grids a stream and a column set's identities allow."""

    def __init__(self, shape: Shape, values: list[Decimal], k: int, identities: list[Identity],
                 budget: _Budget, nxt: list[dict[Decimal, int]]):
        self.shape, self.values, self.k, self.ids = shape, values, k, identities
        self.rows = len(shape.codes)
        self.budget = budget
        self.count: dict[Decimal, int] = {}
        for v in values:
            self.count[v] = self.count.get(v, 0) + 1
        self.distinct = sorted(self.count)
        self.left = len(values)
        # the rows in the order they are filled: the 合计 row first, then the printed order (each
        # parent before its children)
        self.total_row = shape.codes.index(None) if None in shape.codes else None
        self.order = ([self.total_row] if self.total_row is not None else []) + [
            r for r in range(self.rows) if r != self.total_row]
        self.parent: list[Optional[int]] = [ps[0] if ps else None for ps in shape.parents]
        self.last_kid = {p: max(kids) for p, kids in shape.children.items()}
        self.grid: list[list[Cell]] = [[None] * self.rows for _ in range(k)]
        self.rest = [[Decimal(0)] * self.rows for _ in range(k)]  # per column: a parent's part not yet given
        # the stream positions each column's amounts stand at, leftmost (the 合计 row printed last
        # is checked by the interleaving only)
        self.nxt = nxt
        self.at = [-1] * k
        self.used = [0] * len(values)  # placed cells per stream position (each at its first possible one)
        self.now = 0  # the index in `order` of the row being filled
        self.ancestors = [self._ancestors(r) for r in range(self.rows)]
        self.after_me = [0] * self.rows  # a child's siblings after it
        for kids in shape.children.values():
            for x, kid in enumerate(kids):
                self.after_me[kid] = len(kids) - x - 1
        self.pairs = sorted({a + b for x, a in enumerate(self.distinct) for b in self.distinct[x:]})
        # leaves that play the same part: kept in one order (each column's cells, read in the order
        # the rows are filled, no greater than the next one's while they are equal so far)
        self.alike = alike_columns(identities)
        self.tied = {(a, b): True for parts in self.alike for a, b in zip(parts, parts[1:])}
        self.grids: list[tuple[list[list[Cell]], list[tuple[int, int]]]] = []

    def step(self) -> None:
        self.budget.step()

    def _ancestors(self, r: int) -> list[int]:
        out, p = [], self.parent[r]
        while p is not None:
            out.append(p)
            p = self.parent[p]
        return out

    def room_ok(self) -> bool:
        """The stream after each column's last amount has room for what must still come after it:
        a total on every row not yet filled (the total column), a cell under each parent whose
        amount its children have not yet reached (the other columns), and the amounts placed that
        stand after it (each at its first possible position; the real ones are no earlier)."""
        r = self.order[self.now]
        need = [0] * self.k
        need[0] = len(self.order) - self.now - 1
        for p in self.ancestors[r] + ([r] if r in self.last_kid else []):
            if p != r and self.last_kid[p] <= r:
                continue
            tol = TOLERANCE * len(self.shape.children[p])
            for c in range(1, self.k):
                if self.grid[c][p] is not None and self.rest[c][p] > tol:
                    need[c] += 1
        n = len(self.values)
        after = [0] * (n + 1)  # after[q]: placed cells at positions q and later
        for q in range(n - 1, -1, -1):
            after[q] = after[q + 1] + self.used[q]
        for t in set(self.at):
            must = sum(need[c] for c in range(self.k) if self.at[c] >= t) + after[t + 1]
            if must > n - 1 - t:
                return False
        return True

    def near(self, d: Decimal, tol: Decimal) -> list[Decimal]:
        """The amounts left within `tol` of d."""
        lo, hi = bisect_left(self.distinct, d - tol), bisect_right(self.distinct, d + tol)
        return [v for v in self.distinct[lo:hi] if self.count[v] > 0]

    # -- placing one cell ------------------------------------------------------------------------

    def options(self, c: int, r: int, most: Optional[Decimal]) -> list[Cell]:
        """The cells (c, r) may take, the cells above it and the amounts left allowing; `most`: the
        most it may hold (what its row's whole leaves), None when no bound."""
        p = self.parent[r]
        if p is not None:
            if self.grid[c][p] is None:
                return [None]  # a blank parent: its children are blank
            room = self.rest[c][p]
            if r == self.last_kid[p]:  # the last child: the parent less its siblings
                tol = TOLERANCE * max(1, len(self.shape.children[p]) - 1)
                out: list[Cell] = [None] if abs(room) <= tol else []
                return out + [v for v in self.near(room, tol) if most is None or v <= most + TOLERANCE * self.k]
            most = room if most is None else min(most, room)
        if most is not None and most < -TOLERANCE * self.k:
            return []
        hi = len(self.distinct) if most is None else bisect_right(self.distinct, most + TOLERANCE * self.k)
        out = [None] + [v for v in self.distinct[:hi] if self.count[v] > 0]
        if p is not None and self.after_me[r] <= 2:  # what the parent's last children are left to hold
            room, tol = self.rest[c][p], TOLERANCE * len(self.shape.children[p])
            out = [v for v in out if self.fills(room - (v or Decimal(0)), self.after_me[r], c > 0, tol)]
        return out

    def fills(self, d: Decimal, more: int, blank: bool, tol: Decimal) -> bool:
        """`more` (1 or 2) cells can add up to d: blank where `blank` allows, else amounts left (two
        of them: any two amounts of the stream)."""
        if blank and abs(d) <= tol:
            return True
        if (more == 1 or blank) and self.near(d, tol):
            return True
        return more == 2 and bisect_right(self.pairs, d + tol) > bisect_left(self.pairs, d - tol)

    def put(self, c: int, r: int, v: Cell) -> Optional[tuple]:
        """Set cell (c, r) to v when the stream still holds v after the column's last amount; the
        undo record, else None."""
        if v is None:
            undo = (c, r, None, self.at[c])
        else:
            if self.count.get(v, 0) <= 0:
                return None
            q = self.at[c]
            if r != self.total_row or self.total_row == 0:
                q = self.nxt[q + 1].get(v, -1) if q + 1 < len(self.nxt) else -1
                if q < 0:
                    return None
            undo = (c, r, v, self.at[c])
            if q != self.at[c]:
                self.used[q] += 1
            self.at[c] = q
            self.count[v] -= 1
            self.left -= 1
        self.grid[c][r] = v
        p = self.parent[r]
        if p is not None and v is not None:
            self.rest[c][p] -= v
        self.rest[c][r] = v if v is not None else Decimal(0)
        return undo

    def take_back(self, undo: tuple) -> None:
        c, r, v, at = undo
        if self.at[c] != at:
            self.used[self.at[c]] -= 1
        self.at[c] = at
        self.grid[c][r] = None
        p = self.parent[r]
        if v is not None:
            self.count[v] += 1
            self.left += 1
            if p is not None:
                self.rest[c][p] += v

    def order_ok(self, c: int, r: int) -> tuple[bool, list[tuple[int, int]]]:
        """Column c after one alike with it: keeps the order (while they are equal so far, its cell no
        less); the pairs that stop being tied."""
        untied = []
        for (a, b), tied in self.tied.items():
            if not tied or c != b:
                continue
            x, y = self.grid[a][r], self.grid[b][r]
            kx = (0, Decimal(0)) if x is None else (1, x)
            ky = (0, Decimal(0)) if y is None else (1, y)
            if ky < kx:
                return False, []
            if ky > kx:
                untied.append((a, b))
        return True, untied

    # -- the walk ---------------------------------------------------------------------------------

    def walk(self, i: int) -> bool:
        """Fill row order[i] and the rows after it; True when the search may stop (two grids). (One
        call per row: a row's cells are chosen by generators, which keep the stack shallow.)"""
        self.step()
        if i == len(self.order):
            return self.left == 0 and self.finish()
        r = self.order[i]
        if r == self.total_row:
            totals: list[Cell] = [self.distinct[-1]]  # the 合计 row's total: no amount is greater
        else:
            totals = [v for v in self.options(0, r, None) if v is not None]
        self.now = i
        for t in totals:
            undo = self.put(0, r, t)
            if undo is None:
                continue
            if not self.room_ok():
                self.take_back(undo)
                continue
            for _ in self.split(r, 0):
                if self.walk(i + 1):
                    return True  # (the search stops: the cells it set are left as they are)
            self.take_back(undo)
        return False

    def split(self, r: int, n: int) -> Iterator[None]:
        """Each way to split the wholes of row r from identity n on (the cells set while it yields)."""
        if n == len(self.ids):
            yield None
            return
        whole, parts = self.ids[n]
        w = self.grid[whole][r]
        yield from self.assign(r, n, parts, 0, w)

    def assign(self, r: int, n: int, parts: tuple[int, ...], j: int, w: Cell) -> Iterator[None]:
        """Each cell part j of identity n may take on row r (the last part the difference; all blank
        under a blank whole), with the parts after it and the identities after it."""
        self.step()
        if j == len(parts):
            yield from self.split(r, n + 1)
            return
        c = parts[j]
        choices: list[Cell]
        if w is None:
            choices = [None]
        else:
            given = sum((self.grid[x][r] or Decimal(0) for x in parts[:j]), Decimal(0))
            left = w - given
            if j == len(parts) - 1:
                tol = TOLERANCE * max(1, len(parts) - 1)
                choices = [v for v in self.options(c, r, left + tol) if (v is None and abs(left) <= tol) or
                           (v is not None and close(w, given + v, len(parts)))]
            else:
                choices = self.options(c, r, left)
        for v in choices:
            undo = self.put(c, r, v)
            if undo is None:
                continue
            ok, untied = self.order_ok(c, r)
            if ok and v is not None:
                ok = self.room_ok()
            if ok:
                for pair in untied:
                    self.tied[pair] = False
                yield from self.assign(r, n, parts, j + 1, w)
                for pair in untied:
                    self.tied[pair] = True
            self.take_back(undo)

    def finish(self) -> bool:
        """A grid that uses every amount: kept when the stream interleaves its columns."""
        where = _interleave(self.values, self.grid, self.budget)
        if where is None:
            return False
        self.grids.append(([list(col) for col in self.grid], where))
        return len(self.grids) > 1


def _interleave(values: list[Decimal], grid: list[list[Cell]], search: _Budget) -> Optional[list[tuple[int, int]]]:
    """The (column, row) of each stream amount such that every column's amounts stand in the stream
    in row order (one way, when there is one), else None. Depth-first without recursion, the
    states that led nowhere remembered."""
    k, n = len(grid), len(values)
    seqs = [[(r, v) for r, v in enumerate(col) if v is not None] for col in grid]
    if sum(len(s) for s in seqs) != n:
        return None
    idx = [0] * k
    failed: set = set()
    path: list[tuple[int, int]] = []

    def enter() -> Optional[tuple[tuple, list[int]]]:
        key = tuple(idx)
        if key in failed:
            return None
        pos = len(path)
        fits = [c for c in range(k) if idx[c] < len(seqs[c]) and seqs[c][idx[c]][1] == values[pos]]
        if len(fits) > 1:  # columns left with the same amounts lead the same ways: one is tried
            seen, out = set(), []
            for c in fits:
                rest = tuple(v for _, v in seqs[c][idx[c]:])
                if rest not in seen:
                    seen.add(rest)
                    out.append(c)
            fits = out
        return key, fits

    if n == 0:
        return []
    first = enter()
    frames = [first] if first is not None else []
    while frames:
        search.step()
        key, fits = frames[-1]
        if not fits:
            failed.add(key)
            frames.pop()
            if path:
                idx[path.pop()[0]] -= 1
            continue
        c = fits.pop(0)
        path.append((c, seqs[c][idx[c]][0]))
        idx[c] += 1
        if len(path) == n:
            return path
        frame = enter()
        if frame is None:
            path.pop()
            idx[c] -= 1
            continue
        frames.append(frame)
    return None


def alike_columns(identities: Sequence[Identity]) -> list[tuple[int, ...]]:
    """The sets of columns that play the same part in every identity (the parts of one whole that
    are no whole themselves: 人员经费 and 公用经费 under a 小计), two or more."""
    wholes = {w for w, _ in identities}
    out = []
    for _, parts in identities:
        same = tuple(p for p in parts if p not in wholes)
        if len(same) > 1:
            out.append(same)
    return out


def ordered_identities(identities: Sequence[Identity], k: int) -> Optional[list[Identity]]:
    """The identities in an order that splits each whole after it is known (the total column's
    first), when every column but the total is a part of exactly one; else None."""
    todo, out, known = list(identities), [], {0}
    while todo:
        ready = [x for x in todo if x[0] in known]
        if not ready:
            return None
        out.append(ready[0])
        todo.remove(ready[0])
        known.update(ready[0][1])
    parts = [p for _, ps in out for p in ps]
    return out if sorted(parts) == list(range(1, k)) else None


def _next_positions(values: list[Decimal]) -> list[dict[Decimal, int]]:
    """Per stream position q: each amount's first position at or after q."""
    out: list[dict[Decimal, int]] = [{} for _ in range(len(values) + 1)]
    for q in range(len(values) - 1, -1, -1):
        out[q] = dict(out[q + 1])
        out[q][values[q]] = q
    return out


def solve_grouped(shape: Shape, values: list[Decimal], k: int, identities: Sequence[Identity]
                  ) -> Optional[tuple[list[list[Cell]], list[tuple[int, int]]]]:
    """The one grid of a stream whose column set has a group with its own subtotal (`identities`:
    each (whole column, part columns), the total column 0 the first whole) and each amount's
    (column, row); None when there is no grid, several, or the search runs too long."""
    return solve_grouped_or_fewest(shape, values, k, identities, fewest=False)[0]


def solve_grouped_or_fewest(shape: Shape, values: list[Decimal], k: int, identities: Sequence[Identity],
                            fewest: bool = True) -> tuple[Optional[tuple[list[list[Cell]], list[tuple[int, int]]]], bool]:
    """`solve_grouped`'s grid, and False; or, for a column set with a set of more than two columns
    that no identity tells apart (whose full search runs past any budget: each row's split into
    them is free) and `fewest`, the grid `solve_fewest` finds, and True (every cell of it a guess)."""
    if fewest and any(len(parts) > 2 for parts in alike_columns(identities)):
        solved = solve_fewest(shape, values, k, identities)
        return solved, solved is not None
    search = _run(shape, values, k, identities)
    if search is None or len(search.grids) != 1:
        return None, False
    grid, where = search.grids[0]
    return _in_stream_order(grid, where, search.alike), False


def solve_fewest(shape: Shape, values: list[Decimal], k: int, identities: Sequence[Identity]
                 ) -> Optional[tuple[list[list[Cell]], list[tuple[int, int]]]]:
    """Where the search over all the columns runs too long because a set of columns that no
    identity tells apart is wide (a 收入表's 财政专户 … 上年结转: eight parts of the 合计, most of them
    blank), the one grid that uses the fewest of them: each such set cut to its first one column,
    then two, and the search run on the narrower column set; its grid is spread back over the
    full set (the columns used first in the stream order, as `solve_grouped` orders them). None
    where no set is wider than two or the narrow searches leave no single grid (or run too long).
    The caller must hold every cell so placed a guess: a grid using more of the alike columns is
    not ruled out."""
    alike = alike_columns(identities)
    if not any(len(parts) > 2 for parts in alike):
        return None
    for most in (1, 2):
        drop = {c for parts in alike if len(parts) > 2 for c in parts[most:]}
        keep = [c for c in range(k) if c not in drop]
        new = {c: j for j, c in enumerate(keep)}
        narrow = [(new[w], tuple(new[p] for p in parts if p in new)) for w, parts in identities]
        search = _run(shape, values, len(keep), narrow)
        if search is None or len(search.grids) > 1:
            return None
        if search.grids:
            grid, where = search.grids[0]
            full: list[list[Cell]] = [[None] * len(shape.codes) for _ in range(k)]
            for j, c in enumerate(keep):
                full[c] = grid[j]
            return _in_stream_order(full, [(keep[c], r) for c, r in where], alike)
    return None


def has_grid(shape: Shape, values: list[Decimal], k: int, identities: Sequence[Identity]) -> Optional[bool]:
    """Whether the stream reads into a grid of `shape` (None: the search ran too long, or the
    stream is no such one: no answer)."""
    search = _run(shape, values, k, identities)
    return None if search is None else bool(search.grids)


def _run(shape: Shape, values: list[Decimal], k: int, identities: Sequence[Identity]) -> Optional[_Search]:
    """The search, ended (at two grids at most); None when it cannot run or runs too long."""
    ids = ordered_identities(identities, k)
    if ids is None or not values or len(values) > _MAX_AMOUNTS or any(v <= 0 for v in values):
        return None
    search = _Search(shape, values, k, ids, _Budget(), _next_positions(values))
    try:
        search.walk(0)
    except _Spent:
        return None
    return search


def _in_stream_order(grid: list[list[Cell]], where: list[tuple[int, int]], alike: list[tuple[int, ...]]
                     ) -> tuple[list[list[Cell]], list[tuple[int, int]]]:
    """The grid with the columns that play the same part in the order the stream first reaches
    them (the caller marks them a guess where they differ)."""
    first = {}
    for p, (c, _) in enumerate(where):
        first.setdefault(c, p)
    move = list(range(len(grid)))  # move[c]: the column c's cells go to
    for parts in alike:
        for c, x in zip(parts, sorted(parts, key=lambda x: first.get(x, len(where)))):
            move[x] = c
    out: list[list[Cell]] = [[] for _ in grid]
    for c, col in enumerate(grid):
        out[move[c]] = col
    return out, [(move[c], r) for c, r in where]
