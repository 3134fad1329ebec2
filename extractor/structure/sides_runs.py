"""Reader `sides-runs`: a side-by-side income | expenditure table (公开01表, 收支总表: one amount column
per side) as pdfminer.six prints it — column by column, in boxes.

The shape: after the title and header words (`收入` `支出` `项目` [`栏次` `行次`] `决算数` [`1`] …) come
the income labels in row order; the 行次 numbers, if printed, as runs of their own (`1` … `30`); the
expenditure labels in row order, an income amount printed on one line before the expenditure label
of its row (`1279.28 一、一般公共服务支出`: the income cell and the expenditure label share a text
line); then, as bare amounts, the income amounts of rows that print no expenditure label (a budget's
`五、事业收入` … beside blank expenditure rows) and the expenditure column read top-down, blank cells
absent or printed (`0`). A page break may split the label runs (the next page printing the rest of
each side's labels, the 行次 and amounts after them); the table's note, `公开01表` / `单位：万元` lines,
page marks and running headers among the boxes are passed over, up to the next table's title.

What it does: gives each label its side (the words: …收入 / 年初 / 上年 / 使用 income, …支出 / 结余分配 /
年末 / 年终 expenditure; an item number in turn; a label with an amount before it is an expenditure
label; 总计 goes with the labels before it), and each side its rows: the numbered items from the top,
the totals block (本年…合计, the carry-over items, 总计) at the bottom, both blocks of one length, so
the table has max(items) + totals rows (the printed 行次 runs must be exactly 1 … 2N). An amount
before an expenditure label goes to the income cell of that label's row. The bare amounts are cut
into the income cells of rows without an expenditure label (first) and the expenditure column (the
rest) where the sums hold: per side 本年…合计 = Σ the items, 总计 = 本年…合计 + the carry-over items, the
two 总计 equal. The cut must be one; bare income amounts fewer than their rows, which the sums cannot
place, are left out with a note (never guessed). An expenditure column printing every item (and all
or none of the carry-over items) is placed in order; one whose blank cells are absent cannot be placed
within the table — its amounts go in the GridBlock's `detached` for structure/detached_runs.py, which
places them where the report's 02/03 tables confirm the 类 totals.
What it does not: read tables with several amount columns per side (公开04表's funds), unnumbered
sub-items, labels whose side stays unknown, totals blocks of different lengths on the two sides, or
streams whose sums leave no cut or several (declined: None).
"""
from __future__ import annotations

from decimal import Decimal
from itertools import combinations, permutations
from typing import Optional, Sequence

import regex as re

from ..datamodel import Detached, GridBlock, NLine
from ..evidence.printed import ORDINAL
from .run_placer import Shape, solve_full
from .sides_columns import GRAND, YEAR_TOTAL, Item, Piece, Placed, carry_item, close, is_subject, ordinal_value, \
    side_columns
from .sides_stream import continues, grid_of, header_echo, line_pieces, two_sided, word_side
from .spaced_text import AMOUNT, after_title, amount_cell, cell_line, stream_furniture, title_above, title_like
from .templates import identify
from .text_tables import text_reader, with_report
from .value_lines import has_value_lines

_MAX_LINES = 600  # the region in lines (two pages of one-cell lines)
_MIN_RUN = 3  # consecutive whole numbers 1 2 3 … that are a 行次 run, not amounts
FUNDS = ("一般公共预算", "政府性基金", "国有资本经营")  # the fund columns of a 财政拨款收支总表, in the header's order
_MAX_COLUMNS = 6  # expenditure columns tried from the header (合计 and three funds: 4)
_COLUMN_NUMBERS = 2  # a header word's column number printed among the boxes: 1 or 2 (one column per side)
_MAX_LEFT_CHOICES = 5_000  # placings of the bare income amounts tried
_FORM_MARK = re.compile(r"^(?:公开\d+表|表\d+|单位[：:]|部门[：:]|单位名称[：:]|编制单位[：:]|编制部门[：:]|注[：:]|说明[：:])")


def _region(lines: Sequence[NLine], i: int) -> tuple[list[Piece], int]:
    """The table's pieces from lines[i]: over page furniture, form marks (公开01表, 单位：), the note,
    running headers and the table's own title printed again, up to the next table's title or a line
    that is no cell; the index after the last line taken."""
    own = {"".join(ln.text.split()) for ln in title_above(lines, i, wide=True)}
    out: list[Piece] = []
    end = i
    for j in range(i, min(len(lines), i + _MAX_LINES)):
        ln = lines[j]
        t = "".join(ln.text.split())
        if not t or stream_furniture(lines, ln) or t in own or _FORM_MARK.match(t):
            continue
        if identify(ln.text, "") is not None:
            break  # the next table's title
        if title_like(ln) and not AMOUNT.match(t):
            continue  # a running header (the report's name) between pages
        if not cell_line(ln):
            break
        out.extend(line_pieces(ln))
        end = j + 1
    return out, end


def _line_numbers(body: list[Piece]) -> set[int]:
    """Indexes of the pieces that are 行次 runs: bare whole numbers each one more than the last, at
    least _MIN_RUN of them."""
    out: set[int] = set()
    k = 0
    while k < len(body):
        j = k
        while (j < len(body) and body[j].amount and body[j].text.isdigit()
               and (j == k or int(body[j].text) == int(body[j - 1].text) + 1) and int(body[j].text) > 0):
            j += 1
        if j - k >= _MIN_RUN:
            out.update(range(k, j))
        k = max(j, k + 1)
    return out


def _side(label: str, last: list[int], prev: Optional[int]) -> Optional[int]:
    side = word_side(label)
    if side is None and is_subject(label):
        side = 1
    v = ordinal_value(label)
    if side is None and v:
        fits = [s for s in (0, 1) if v == last[s] + 1]
        side = fits[0] if len(fits) == 1 else None
    if side is None and (GRAND.match(label) or YEAR_TOTAL.match(label)):
        side = prev
    return side


def _parse(body: list[Piece], header: list[str], words: list[str]) -> Optional[tuple[list[Item], dict[int, Piece],
                                                                                  list[Piece], list[int]]]:
    """The labels (sides given), the income amounts printed before an expenditure label (item id ->
    piece), the bare amounts in order, the 行次 numbers; None when the stream is not this shape. The
    header words printed among the boxes are added to `words` (the right side's 决算数 printed apart)."""
    head = set(header)
    numbered = _line_numbers(body)
    items: list[Item] = []
    before: dict[int, Piece] = {}
    loose: list[Piece] = []
    numbers: list[int] = []
    last = [0, 0]
    pending: Optional[Piece] = None
    k = 0
    while k < len(body):
        p = body[k]
        echo = header_echo(body, k, header)
        if echo:
            k += echo
            continue
        if p.amount:
            if pending is not None:
                return None
            nxt = body[k + 1] if k + 1 < len(body) else None
            if k in numbered:
                numbers.append(int(p.text))
            elif nxt is not None and not nxt.amount and nxt.line is p.line:
                pending = p
            else:
                loose.append(p)
            k += 1
            continue
        if p.text in head and not ORDINAL.match(p.text):
            words.append(p.text)
            k += 1  # a header word among the boxes, perhaps with its column number
            if k < len(body) and body[k].amount and body[k].text.isdigit() and int(body[k].text) <= _COLUMN_NUMBERS \
                    and k not in numbered:
                k += 1
            continue
        cur = items[-1] if items else None
        if cur is not None and pending is None and continues(cur, p.text):
            cur.label += p.text
            cur.lines.append(p.line)
            k += 1
            continue
        it = Item(p.text, [p.line])
        while k + 1 < len(body) and not body[k + 1].amount and body[k + 1].text not in head \
                and continues(it, body[k + 1].text):
            k += 1  # the rest of a label broken over lines, taken before its side is told
            it.label += body[k].text
            it.lines.append(body[k].line)
        side = _side(it.label, last, cur.side if cur is not None else None)
        if pending is not None:
            if side == 0:
                return None  # an amount before an income label: not this shape
            side = 1
            before[id(it)] = pending
            pending = None
        if side is None:
            return None
        it.side = side
        v = ordinal_value(it.label)
        if v:
            if v != last[side] + 1:
                return None  # item numbers out of turn
            last[side] = v
        items.append(it)
        k += 1
    if pending is not None:
        return None
    return items, before, loose, numbers


def _blocks(side: list[Item]) -> Optional[tuple[list[Item], list[Item]]]:
    """A side's numbered items and its totals block (本年…合计, carry-over items, 总计; or 总计 alone)."""
    year = next((k for k, it in enumerate(side) if YEAR_TOTAL.match(it.label)), None)
    if year is None:
        year = len(side) - 1  # 总计 alone (a 财政拨款收支总表's)
    if year <= 0:
        return None
    items, tots = side[:year], side[year:]
    if not all(ORDINAL.match(it.label) for it in items) or not GRAND.match(tots[-1].label):
        return None
    if not all(carry_item(it.label) for it in tots[1:-1]):
        return None
    return items, tots


def _value(p: Piece) -> Decimal:
    return Decimal(p.text.replace(",", ""))


def _sums_hold(items: list[Optional[Decimal]], year: Optional[Decimal], carry: list[Optional[Decimal]],
               grand: Optional[Decimal]) -> bool:
    if year is None or grand is None:
        return False
    got = [v for v in items if v is not None]
    parts = [v for v in carry if v is not None]
    return close(sum(got, Decimal(0)), year, len(got)) and close(year + sum(parts, Decimal(0)), grand, len(parts) + 1)


def _right_cuts(run: list[Decimal], n_items: int, n_carry: int) -> list[int]:
    """Where 本年支出合计 stands in the expenditure run (index y): Σ run[:y] = run[y], run[-1] = 总计 =
    run[y] + Σ the carry-over amounts between."""
    out = []
    for y in range(min(len(run) - 1, n_items + 1)):
        if len(run) - y - 2 > n_carry:
            continue
        if _sums_hold(run[:y], run[y], run[y + 1:-1], run[-1]):
            out.append(y)
    return out


def read_runs(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    declined = None, i + 1
    body, end = _region(lines, i)
    first = next((k for k, p in enumerate(body) if not p.amount and ORDINAL.match(p.text)), None)
    if not first:
        return declined
    header = [p.text for p in body[:first]]
    lanci = "行次" in "".join(header)
    words: list[str] = []
    got = _parse(body[first:], header, words)
    if got is None:
        return declined
    items, before, loose, numbers = got
    if not before:
        return declined  # no income amount before an expenditure label: another converter's stream
    lefts = [it for it in items if it.side == 0]
    rights = [it for it in items if it.side == 1]
    lb, rb = _blocks(lefts), _blocks(rights)
    if lb is None or rb is None or len(lb[1]) != len(rb[1]):
        return declined
    top = max(len(lb[0]), len(rb[0]))
    n = top + len(lb[1])
    if (numbers or lanci) and sorted(numbers) != list(range(1, 2 * n + 1)):
        return declined  # the 行次 runs must number both sides' rows
    for side, (its, tots) in ((0, lb), (1, rb)):
        for k, it in enumerate(its):
            it.row = k
        for k, it in enumerate(tots):
            it.row = top + k
        for it in its + tots:
            it.no = it.row + 1 + side * n
    left_at = {it.row: it for it in lefts}
    right_rows = {it.row for it in rights}
    for it in rights:
        if id(it) in before:
            if it.row not in left_at:
                return declined
            left_at[it.row].amounts.append(before[id(it)])
    bare_rows = [r for r in sorted(left_at) if r not in right_rows]
    columns = _side_sets("".join(header + words))
    if columns is None:
        return declined
    side_cols, guessed = columns
    if len(side_cols[1]) > 1:
        placed = _by_funds(lb, rb, bare_rows, loose, side_cols[1])
        if placed is None:
            return declined
        block = grid_of(lines[i], sorted(items, key=lambda it: (it.row, it.side)), placed, side_cols,
                        [guessed[0], guessed[1]], lanci)
        return _done(block, lines, i, end)
    run_all = [_value(p) for p in loose]
    if not run_all:
        return declined
    left_fixed = {it.row: _value(it.amounts[0]) for it in lefts if it.amounts}
    l_items, l_tots = lb
    r_items, r_tots = rb
    cuts: list[tuple[int, tuple[int, ...], int]] = []
    tried = 0
    for k in range(0, min(len(run_all) - 1, len(bare_rows)) + 1):
        right = run_all[k:]
        ys = _right_cuts(right, len(r_items), len(r_tots) - 2)
        if not ys:
            continue
        for rows in combinations(bare_rows, k):
            tried += 1
            if tried > _MAX_LEFT_CHOICES:
                return declined
            vals = dict(left_fixed)
            vals.update({r: run_all[j] for j, r in enumerate(rows)})
            if not _sums_hold([vals.get(it.row) for it in l_items], vals.get(l_tots[0].row),
                              [vals.get(it.row) for it in l_tots[1:-1]], vals.get(l_tots[-1].row)):
                continue
            if not close(vals[l_tots[-1].row], right[-1], 1):
                continue
            cuts.extend((k, rows, y) for y in ys)
    if not cuts or len({(k, y) for k, _, y in cuts}) != 1:
        return declined
    k, _, y = cuts[0]
    choices = {rows for _, rows, _ in cuts}
    unplaced: list[Piece] = []
    if len(choices) == 1:
        for j, r in enumerate(next(iter(choices))):
            left_at[r].amounts.append(loose[j])
    else:
        unplaced = loose[:k]  # the sums hold with these amounts on several rows: left out
    right_run = loose[k:]
    carry_printed = len(right_run) - y - 2
    direct = y == len(r_items) and carry_printed in (0, len(r_tots) - 2)
    if direct:
        order = r_items + ([r_tots[0]] + (r_tots[1:-1] if carry_printed else []) + [r_tots[-1]] if len(r_tots) > 1
                           else r_tots)
        for it, p in zip(order, right_run):
            it.amounts.append(p)
    placed = {id(it): Placed((0,) if it.amounts else ()) for it in items}
    ordered = sorted(items, key=lambda it: (it.row, it.side))
    block = grid_of(lines[i], ordered, placed, side_cols, [guessed[0], guessed[1]], lanci)
    width = 1 + lanci + len(side_cols[0])
    column = width + 1 + lanci
    if not direct:
        grid_row = {g: r for g, r in enumerate(block.rows) if len(r) > column}
        by_label = {}
        for g, r in grid_row.items():
            if g >= 2 and r[width].text:
                by_label[g] = r[width].text
        grand = next((it.amounts[0].text for it in l_tots[-1:] if it.amounts), None)
        block.detached = Detached(column=column, rows=by_label,
                                  run=[amount_cell(p.line, p.text) for p in right_run], grand=grand)
    if unplaced:
        text = "income amounts whose rows the sums do not settle, left out: " + " ".join(p.text for p in unplaced)
        ln = unplaced[0].line
        block.notes.append(NLine(text=text, orig=text, no=ln.no, page=ln.page, bbox=ln.bbox))
    return _done(block, lines, i, end)


def _done(block: GridBlock, lines: Sequence[NLine], i: int, end: int) -> tuple[GridBlock, int]:
    block.method = "sides-runs"
    block.first_line = lines[i].no
    block.last_line = lines[end - 1].no
    return with_report(block), end


def _side_sets(header: str) -> Optional[tuple[list[list[str]], list[bool]]]:
    """Each side's columns: one income column, and the widest standard expenditure set the header
    names (合计 and the three funds of a 财政拨款收支总表, or one 决算数 / 预算数 column); a guessed set
    only where the header names no standard one."""
    best = None
    for w in range(1, _MAX_COLUMNS + 1):
        got = side_columns(header, [1, w])
        if got is None or any(got[1]) or len(got[0][0]) != 1:
            continue
        if best is None or len(got[0][1]) > len(best[0][1]):
            best = got
    return best if best is not None else side_columns(header, [1, 1])


def _by_funds(lb: tuple[list[Item], list[Item]], rb: tuple[list[Item], list[Item]], bare_rows: list[int],
              loose: list[Piece], right_cols: list[str]) -> Optional[dict[int, Placed]]:
    """A 财政拨款收支总表 whose expenditure side has 合计 and a column per fund: the bare amounts are
    that side's cells (every cell printed, or the columns of the funds with no income left out),
    placed by run_placer.solve_full (合计 = Σ the funds on every row, 总计 = Σ the items in every
    column); which part column is which fund, by the income side (a fund's column adds up to its
    income). The items' amounts are set; None when any of it does not hold or stays open."""
    l_items, l_tots = lb
    r_items, r_tots = rb
    if bare_rows or len(l_tots) != 1 or len(r_tots) != 1 or not loose:
        return None
    fund_col = [next((c for c, name in enumerate(right_cols) if word in name), None) for word in FUNDS]
    if None in fund_col or len(right_cols) != 1 + len(FUNDS):
        return None
    values = [_value(it.amounts[0]) if it.amounts else None for it in l_items]
    grand = _value(l_tots[0].amounts[0]) if l_tots[0].amounts else None
    if not _sums_hold(values, grand, [], grand):
        return None
    income = [Decimal(0)] * len(FUNDS)
    for it, v in zip(l_items, values):
        hits = [f for f, word in enumerate(FUNDS) if word in it.label]
        if len(hits) != 1:
            return None
        income[hits[0]] += v if v is not None else 0
    rows = r_items + r_tots
    paid = [f for f in range(len(FUNDS)) if income[f] != 0]
    stream = [_value(p) for p in loose]
    if len(stream) == len(rows) * len(right_cols):
        k = len(right_cols)
    elif len(stream) == len(rows) * (1 + len(paid)):
        k = 1 + len(paid)
    else:
        return None
    solved = solve_full(Shape([f"{100 + j}" for j in range(len(r_items))] + [None]), stream, k)
    if solved is None:
        return None
    grid, path = solved
    fits = [perm for perm in permutations(range(len(FUNDS)), k - 1)
            if all(close(grid[c + 1][-1], income[f], 1) for c, f in enumerate(perm))
            and all(income[f] == 0 for f in range(len(FUNDS)) if f not in perm)]
    if len({tuple(tuple(grid[perm.index(f) + 1]) if f in perm else None for f in range(len(FUNDS)))
            for perm in fits}) != 1:
        return None  # no fund order, or two that give different grids
    perm = fits[0]
    cols: dict[int, list[int]] = {id(it): [] for it in rows}
    filled = [0] * k
    for j, c in enumerate(path):
        it = rows[filled[c]]
        filled[c] += 1
        it.amounts.append(loose[j])
        cols[id(it)].append(0 if c == 0 else fund_col[perm[c - 1]])
    placed = {id(it): Placed(tuple(cols[id(it)])) for it in rows}
    placed.update({id(it): Placed((0,) if it.amounts else ()) for it in l_items + l_tots})
    return placed


def runs_start(lines: Sequence[NLine], i: int) -> bool:
    """A two-sided table's boxes open at lines[i], under its title: within the first lines an amount
    printed on one line before an item label (`1279.28 一、一般公共服务支出`)."""
    if not has_value_lines(lines) or not after_title(lines, i) or not lines[i].text.strip() \
            or not cell_line(lines[i]) or not two_sided(lines, i, wide=True):
        return False
    for k in range(i, min(len(lines), i + _MAX_LINES // 4)):
        ws = lines[k].text.split()
        if len(ws) >= 2 and AMOUNT.match(ws[0]) and ORDINAL.match(ws[1]):
            return True
    return False


@text_reader(33)
class SidesRunsReader:
    """A two-sided table printed column by column in boxes (pdfminer.six)."""

    name = "sides-runs"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        return runs_start(lines, i)

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return read_runs(lines, i)
