"""The printed grid of a table saved one cell per line, where every cell is printed once.

A web page's table copied as text gives each printed cell once, in reading order: a header cell
spanning columns or rows once, the data cells with blanks as blank cells. What it does: from that
sequence of cells, finds the table's width and lays it out again as every reader hands a grid on
(a spanning cell at its top-left position, the positions it covers empty):
- the data rows: the cells after the header (and after the 栏次 row, which is left out), cut into
  rows by their shape — a row opens with its label cells (a subject code and its name, or a name),
  then its amounts; a 合计 row whose label spans the code and name columns gets an empty cell for
  the covered one; tables printed as side-by-side blocks (收入 | 支出, 公开06表's groups) are cut
  into rows of the full width;
- the header: the header cells are the levels of a tree read row by row (a cell either stands
  alone down to the data or spans the cells of the next row under it); every tree that uses all
  the cells and ends in as many columns as the data has is tried, and the one whose parents read
  like their children (本年支出 over 基本支出 / 项目支出, 公务用车… over 公务用车购置费, the same
  children under 预算数 and 决算数, 项目 over 科目编码 / 科目名称) is taken. `certain` is False when
  another tree scores as well: the column names are then a guess (tables.py lowers the values).
What it does not: read the cells off the lines (cell_lines.py), or read 绩效 forms (one_line.py).
"""
from __future__ import annotations

from collections import Counter
from typing import Optional

import regex as re

from ..datamodel import Cell, Repair
from ..evidence.numbers import parse_amount

_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_KEY_LABEL = re.compile(r"^(?:项目|(?:功能|经济|支出功能|部门预算支出经济)?分类)?(?:科目)?(?:编码|代码|名称)$|^项目$|^行次$")
_TOTAL = re.compile(r"^(?:合计|总计|小计|本年(?:收入|支出)合计)$")
_LANCI = frozenset(("栏次", "行次"))
_MAX_TREES = 4000  # header trees tried before giving up (a header this ambiguous is no certain grid)
_MAX_STEPS = 20000  # partial trees grown before giving up (bounds the time on any header)
_MAX_WIDTH = 24
_MOVED = "cell-lines table: a text where the row's last amount stands, placed in that column"


def _key(t: str) -> str:
    return "".join(t.split())


def _is_value(t: str) -> bool:
    k = _key(t)
    if not k:
        return True
    if k in ("——", "—", "-", "－", "/", "*", "****"):
        return True
    k = k[:-1] if k.endswith("%") else k
    return any(ch.isdigit() for ch in k) and parse_amount(k)[0] is not None


def _is_code_at(cells: list[Cell], k: int) -> bool:
    """A subject code opening a row: 3/5/7 digits followed by a name."""
    return bool(_CODE.match(_key(cells[k].text))) and k + 1 < len(cells) and not _is_value(cells[k + 1].text)


def _empty(at: Cell) -> Cell:
    return Cell(text="", orig="", line=at.line, page=at.page, bbox=at.bbox)


# --- data -----------------------------------------------------------------------------------

def _runs(cells: list[Cell]) -> list[tuple[int, int, int]]:
    """(start, key length, value length) of each label-then-amounts run of the data cells."""
    out = []
    k = 0
    n = len(cells)
    while k < n:
        s = k
        while k < n and (not _is_value(cells[k].text) or _is_code_at(cells, k)):
            k += 2 if _is_code_at(cells, k) else 1
        keys = k - s
        while k < n and _is_value(cells[k].text) and not _is_code_at(cells, k):
            k += 1
        out.append((s, keys, k - s - keys))
    return out


def _lanci_end(cells: list[Cell]) -> Optional[tuple[int, int, int]]:
    """(start of the 栏次 row, index after it, number of 栏次 labels in it) when one is printed."""
    keys = [_key(c.text) for c in cells]
    for k, key in enumerate(keys):
        if key in _LANCI and k + 1 < len(keys) and keys[k + 1] == "1":
            m, expect, labels = k + 1, 1, 1
            while m < len(keys):
                if keys[m] == str(expect):
                    expect += 1
                elif keys[m] in _LANCI and m + 1 < len(keys) and keys[m + 1] == str(expect):
                    labels += 1
                elif not keys[m] and m + 1 < len(keys) and keys[m + 1] == str(expect):
                    pass  # a blank 行次 cell printed under 栏次
                else:
                    break
                m += 1
            if expect > 2:
                return k, m, labels
    for k in range(1, len(keys) - 3):  # a numbering row without its 栏次 label: 1 2 3 … after the header
        if keys[k] == "1" and keys[k + 1] == "2" and keys[k + 2] == "3" and not _is_value(keys[k - 1]):
            m = k
            while m < len(keys) and keys[m] == str(m - k + 1):
                m += 1
            if m < len(keys):
                return k, m, 0
    return None


def data_rows(data: list[Cell], width: int, key_cols: int, sides: int) -> list[list[Cell]]:
    """The data cells cut into rows of `width`."""
    if not data:
        return []
    if sides > 1 or key_cols == 0:
        return [(data[k:k + width] + [_empty(data[-1])] * width)[:width] for k in range(0, len(data), width)]
    rows: list[list[Cell]] = []
    nval = width - key_cols
    short = 0  # value positions the last row lacks
    for s, keys, vals in _runs(data):
        key_cells = data[s:s + keys]
        values = data[s + keys:s + keys + vals]
        if short and keys > key_cols:  # a text cell in the last row's amount column (a note)
            move = min(short, keys - key_cols)
            for c in key_cells[:move]:
                c.repairs = [Repair(kind="layout.cell_lines", note=_MOVED, status="unconfirmed")]
            rows[-1][width - short:width - short + move] = key_cells[:move]
            key_cells, keys = key_cells[move:], keys - move
        short = max(0, nval - len(values))
        while keys - key_cols >= width:  # a row of labels only inside the data (a form's sub-header)
            rows.append(key_cells[:width])
            key_cells, keys = key_cells[width:], keys - width
        if keys < key_cols and keys:
            key_cells = key_cells + [_empty(key_cells[-1])] * (key_cols - keys)  # 合计 over code and name
        elif keys > key_cols:
            key_cells = key_cells[:key_cols - 1] + [_join(key_cells[key_cols - 1:])]
        elif not keys:
            key_cells = [_empty(values[0]) for _ in range(key_cols)]
        rows.append(key_cells + values[:nval] + [_empty(values[-1] if values else key_cells[-1])] * (nval - len(values[:nval])))
        extra = values[nval:]
        for k in range(0, len(extra), width):  # blank rows run on after a row's amounts
            rows.append((extra[k:k + width] + [_empty(extra[-1])] * width)[:width])
    return rows


def _join(cells: list[Cell]) -> Cell:
    first = cells[0]
    return Cell(text="".join(c.text for c in cells), orig="".join(c.orig for c in cells), line=first.line,
                page=first.page, bbox=first.bbox, joined=True)


# --- header ---------------------------------------------------------------------------------

def _plain(t: str) -> str:
    return re.sub(r"[（）()“”\"、\s]", "", t)


def _shares(parent: str, child: str) -> bool:
    """The child reads as a part of the parent: a common run of 3 characters (公务用车购置 in
    公务用车购置及运行维护费 / 公务用车购置费), or the same last two (本年支出 / 基本支出)."""
    p, c = _plain(parent), _plain(child)
    if len(p) >= 2 and len(c) >= 2 and p[-2:] == c[-2:]:
        return True
    return any(p[i:i + 3] in c for i in range(len(p) - 2))


def _affinity(parent: str, children: list[str]) -> float:
    """How much a parent label reads like the head of its children."""
    if _KEY_LABEL.match(_key(parent)):
        # 项目 heads the key columns' labels (科目编码 / 科目名称), never amounts
        return 3.0 if all(_KEY_LABEL.match(_key(c)) for c in children) else -3.0
    score = 0.0
    for k, c in enumerate(children):
        if _KEY_LABEL.match(_key(c)):
            if k and _key(c) != "行次":
                score -= 1.0  # a block (收入 | 支出) opens with its 项目 column
            continue  # 项目 / 行次 under 收入 | 支出: neither for nor against
        if _key(c) == _key(parent):
            score -= 3.0  # a label under itself
        elif _shares(parent, c) or _TOTAL.match(_key(c)):
            score += 1.0
        else:
            score -= 0.5
    return score


def _leaf_only(label: str) -> bool:
    """合计 / 小计 and a key column's label (科目编码, 行次) never span columns below them."""
    k = _key(label)
    return bool(_TOTAL.match(k)) or (bool(_KEY_LABEL.match(k)) and k != "项目")


def _may_head(parent: str, children: list[str]) -> bool:
    """A parent must read like the head of at least one child (or head key columns' labels), and a
    合计 / 小计 under it comes first."""
    plain = [c for c in children if not _KEY_LABEL.match(_key(c))]
    if any(_TOTAL.match(_key(c)) for c in plain[1:]):
        return False
    return any(_KEY_LABEL.match(_key(c)) or _TOTAL.match(_key(c)) or _shares(parent, c) for c in children)


def _trees(labels: list[str], width: int):
    """Every header tree as a list of rows, each row the widths of its cells in print order, that
    uses all the labels and ends in `width` columns; at most _MAX_TREES."""
    n_cells = len(labels)
    found: list[list[list[int]]] = []
    steps = [0]
    n_parents = n_cells - width  # every cell is a column of its own or spans two or more below it
    leaf = [_leaf_only(x) for x in labels]

    def compositions(total: int, parts: int, at: int, min_part: int = 1):
        """Widths of `parts` cells from label index `at` adding up to `total`."""
        if parts == 1:
            if total >= min_part and (total == 1 or not leaf[at]):
                yield (total,)
            return
        top = 1 if leaf[at] else total - min_part * (parts - 1)
        for first in range(min_part, top + 1):
            for rest in compositions(total - first, parts - 1, at + 1, min_part):
                yield (first,) + rest

    def grow(rows: list[list[int]], used: int):
        steps[0] += 1
        if steps[0] > _MAX_STEPS:
            found.extend([[]] * (_MAX_TREES - len(found)))  # too many: no answer
        if len(found) >= _MAX_TREES:
            return
        row_at = used - len(rows[-1])
        parents = [(w, labels[row_at + k]) for k, w in enumerate(rows[-1]) if w > 1]
        if sum(1 for r in rows for w in r if w > 1) > n_parents:
            return
        if not parents:
            if used == n_cells:
                found.append([list(r) for r in rows])
            return
        lo, hi = 2 * len(parents), min(sum(w for w, _ in parents), n_cells - used)
        for m in range(lo, hi + 1):
            for counts in _counts(m, len(parents)):
                if any(c > w for c, (w, _) in zip(counts, parents)):
                    continue
                at, ok = used, True
                for c, (_, lab) in zip(counts, parents):
                    if not _may_head(lab, labels[at:at + c]):
                        ok = False
                        break
                    at += c
                if not ok:
                    continue
                options, at = [], used
                for c, (w, _) in zip(counts, parents):
                    options.append(list(compositions(w, c, at)))
                    at += c
                _product(options, lambda parts: grow(rows + [[x for p in parts for x in p]], used + m))
                if len(found) >= _MAX_TREES:
                    return

    if n_parents < 1:
        return found
    for r1 in range(1, min(n_cells, width) + 1):
        for first in compositions(width, r1, 0):
            steps[0] += 1
            if steps[0] > _MAX_STEPS:
                found.extend([[]] * (_MAX_TREES - len(found)))
                return found
            if sum(1 for w in first if w > 1) <= n_parents:
                grow([list(first)], r1)
            if len(found) >= _MAX_TREES:
                return found
    return found


def _counts(total: int, parts: int):
    """Ways to write total as `parts` numbers of at least 2, in order."""
    if parts == 1:
        if total >= 2:
            yield (total,)
        return
    for first in range(2, total - 2 * (parts - 1) + 1):
        for rest in _counts(total - first, parts - 1):
            yield (first,) + rest


def _product(options: list[list[tuple]], fn, chosen: Optional[list] = None) -> None:
    chosen = chosen or []
    if len(chosen) == len(options):
        fn(chosen)
        return
    for o in options[len(chosen)]:
        _product(options, fn, chosen + [o])


def _score(tree: list[list[int]], labels: list[str], text_cols: frozenset = frozenset()) -> float:
    """Sum of parents' affinity with their children, a bonus for parents of the same row that have
    the same children (预算数 | 决算数 over the same columns), and a penalty for a 科目编码 / 科目名称
    label over a column of amounts (`text_cols`: the columns whose data are codes and names)."""
    score = -0.25 * len(tree)  # of two readings that explain the labels as well, the flatter
    if text_cols:
        for col, label in _leaf_labels(tree, labels).items():
            k = _key(label)
            if _KEY_LABEL.match(k) and k != "行次" and col not in text_cols:
                score -= 5.0
            elif not _KEY_LABEL.match(k) and col in text_cols:
                score -= 2.0  # an amount's label over a column of names
    k = 0
    rows_labels: list[list[str]] = []
    for row in tree:
        rows_labels.append(labels[k:k + len(row)])
        k += len(row)
    for r in range(len(tree) - 1):
        child_k = 0
        groups = []
        for w, lab in zip(tree[r], rows_labels[r]):
            if w < 2:
                continue
            # children: the next row's cells until their widths add up to w
            kids, total = [], 0
            while total < w:
                total += tree[r + 1][child_k]
                kids.append(rows_labels[r + 1][child_k])
                child_k += 1
            score += _affinity(lab, kids)
            groups.append(tuple(_key(x) for x in kids))
        if len(groups) > 1 and len(set(groups)) == 1:
            score += 2.0 * len(groups)
    for r, row in enumerate(tree):  # a key column's label (科目编码, 行次) stands alone
        for w, lab in zip(row, rows_labels[r]):
            if w > 1 and _KEY_LABEL.match(_key(lab)) and _key(lab) != "项目":
                score -= 3.0
    return score


def _leaf_labels(tree: list[list[int]], labels: list[str]) -> dict[int, str]:
    """Column -> the label of the cell that stands alone over it."""
    out: dict[int, str] = {}
    free = list(range(sum(tree[0])))
    k = 0
    for row in tree:
        cols = iter(free)
        nxt: list[int] = []
        for w in row:
            span = [next(cols) for _ in range(w)]
            if w == 1:
                out[span[0]] = labels[k]
            else:
                nxt.extend(span)
            k += 1
        free = nxt
    return out


def header_rows(head: list[Cell], width: int, text_cols: frozenset = frozenset(),
                ) -> Optional[tuple[list[list[Cell]], bool]]:
    """The header cells laid out over `width` columns: full-width rows (covered positions empty),
    and whether the layout was the only best one."""
    if not head or width > _MAX_WIDTH:
        return None
    laid = _best_header(head, width, text_cols)
    return None if laid is None else laid[:2]


def _best_header(head: list[Cell], width: int, text_cols: frozenset = frozenset(),
                 ) -> Optional[tuple[list[list[Cell]], bool, float]]:
    """header_rows with the winning tree's score."""
    if len(head) == width:
        return [list(head)], True, 0.0
    labels = [c.text for c in head]
    trees = _trees(labels, width)
    if not trees or len(trees) >= _MAX_TREES:
        return None
    scored = sorted(((_score(t, labels, text_cols), i) for i, t in enumerate(trees)), reverse=True)
    best = trees[scored[0][1]]
    certain = len(scored) == 1 or scored[1][0] < scored[0][0]
    return _place(best, head, width), certain, scored[0][0]


def _place(tree: list[list[int]], head: list[Cell], width: int) -> list[list[Cell]]:
    """Rows of the grid: each cell at its column; a cell that stands alone covers the rows below."""
    nrows = len(tree)
    grid: list[list[Optional[Cell]]] = [[None] * width for _ in range(nrows)]
    k = 0
    free_cols = list(range(width))  # the columns still open in the current row, in order
    for r, row in enumerate(tree):
        cols = iter(free_cols)
        next_free: list[int] = []
        for w in row:
            span = [next(cols) for _ in range(w)]
            grid[r][span[0]] = head[k]
            for c in span[1:]:
                grid[r][c] = _empty(head[k])
            if w > 1:
                next_free.extend(span)
            else:
                for rr in range(r + 1, nrows):
                    grid[rr][span[0]] = _empty(head[k])
            k += 1
        free_cols = next_free
    return [[c if c is not None else _empty(head[0]) for c in row] for row in grid]


# --- the whole table ------------------------------------------------------------------------

def lay_out(cells: list[Cell]) -> Optional[tuple[list[list[Cell]], bool]]:
    """The grid of a table printed one cell per line: header rows, then data rows; and whether the
    header layout is certain. None when no width fits the cells."""
    lanci = _lanci_end(cells)
    if lanci is not None:
        return _grid(cells[:lanci[0]], cells[lanci[1]:], lanci[2])
    first = next((k for k in range(len(cells)) if _is_code_at(cells, k)
                  or (_key(cells[k].text) and _is_value(cells[k].text))), None)
    if first is None:  # a table without data (无数据): its 合计 row is followed by blank cells
        first = next((k for k in range(len(cells) - 1) if _TOTAL.match(_key(cells[k].text))
                      and not _key(cells[k + 1].text)), None)
        return None if first is None else _empty_table(cells[:first], cells[first:])
    if _is_code_at(cells, first):
        return _grid(cells[:first], cells[first:], 0)
    # the first amount: its row's labels were read as header cells — unless its label is merged
    # with the one above (a form's first column), when the header ends right before it
    later = Counter(keys for _, keys, _ in _runs(cells[first:]) if keys).most_common(1)
    back = min(later[0][0] if later else 0, first)
    if _TOTAL.match(_key(cells[first - 1].text)):
        back = 1  # 合计 over the code and name columns
    for b in dict.fromkeys((back, 0)):
        got = _grid(cells[:first - b], cells[first - b:], 0)
        if got is not None:
            return got
    return None


def _grid(head: list[Cell], data: list[Cell], lanci_labels: int) -> Optional[tuple[list[list[Cell]], bool]]:
    if not data:
        return None
    sides = _sides(head, lanci_labels)
    runs = _runs(data)
    key_cols = Counter(keys for _, keys, _ in runs if keys).most_common(1)
    key_cols = key_cols[0][0] if key_cols else 0
    leading = 0  # 科目编码 / 科目名称 heading the first columns: a 合计 row alone still spans them
    while leading < len(head) and _KEY_LABEL.match(_key(head[leading].text)) and _key(head[leading].text) != "项目":
        leading += 1
    key_cols = max(key_cols, leading) if key_cols else key_cols
    if sides > 1:
        return _side_by_side(head, data, key_cols)
    nval = Counter(vals for _, keys, vals in runs if keys).most_common(1)
    nval = nval[0][0] if nval else len(data)
    for n in [nval] + _shorter(runs, data, key_cols, nval):
        width = key_cols + n
        body = data_rows(data, width, key_cols, sides)
        laid = header_rows(head, width, _text_columns(body, width)) if head else ([], True)
        if laid is not None:
            rows, certain = laid
            return rows + body, certain
    return None


def _shorter(runs, data: list[Cell], key_cols: int, nval: int) -> list[int]:
    """Fewer amount columns when a row's amounts run on into blank rows (a table of one 合计 row):
    the counts after which only blank cells follow, in whole rows."""
    if len(runs) != 1:
        return []
    s, keys, vals = runs[0]
    values = data[s + keys:s + keys + vals]
    return [n for n in range(1, nval) if not any(_key(c.text) for c in values[n:])
            and (vals - n) % (key_cols + n) == 0]


def _empty_table(head: list[Cell], data: list[Cell]) -> Optional[tuple[list[list[Cell]], bool]]:
    """A table without amounts: its header as one row (its spans cannot be told without data), its
    合计 row over the key columns, the blank cells as blank rows."""
    width = len(head)
    key_cols = 0
    while key_cols < width and _KEY_LABEL.match(_key(head[key_cols].text)):
        key_cols += 1
    if not key_cols or width <= key_cols:
        return None
    total = [data[0]] + [_empty(data[0]) for _ in range(key_cols - 1)]
    rest = data[1:]
    nval = width - key_cols
    rows = [list(head), total + (rest[:nval] + [_empty(data[0])] * nval)[:nval]]
    rest = rest[nval:]
    for k in range(0, len(rest), width):
        rows.append((rest[k:k + width] + [_empty(data[0])] * width)[:width])
    return rows, False


def _side_by_side(head: list[Cell], data: list[Cell], key_cols: int) -> Optional[tuple[list[list[Cell]], bool]]:
    """Blocks side by side (收入 | 支出, 公开06表's groups): of the widths under which every column
    holds one kind of cell, the one whose header reads best (the widest of equals)."""
    best = None
    for width in _side_widths(data, len(head)):
        body = data_rows(data, width, key_cols, 2)
        laid = _best_header(head, width, _text_columns(body, width))
        if laid is not None and (best is None or laid[2] >= best[0]):
            best = (laid[2], laid[0] + body, laid[1])
    return None if best is None else (best[1], best[2])


def _text_columns(rows: list[list[Cell]], width: int) -> frozenset:
    """Columns whose non-blank data cells are mostly codes and names."""
    out = set()
    for col in range(width):
        seen = Counter(_kind(r, col) for r in rows if col < len(r) and _key(r[col].text))
        if seen and seen["text"] + seen["code"] > seen["value"]:
            out.add(col)
    return frozenset(out)


def _kind(cells: list[Cell], k: int) -> str:
    t = _key(cells[k].text)
    if not t:
        return ""
    if _is_code_at(cells, k):
        return "code"
    return "value" if _is_value(t) else "text"


def _side_widths(data: list[Cell], head_cells: int) -> list[int]:
    """Widths (at most the header's cell count) under which every column of the data holds one kind
    of cell (code, name or amount)."""
    kinds = [_kind(data, k) for k in range(len(data))]
    out = []
    for width in range(2, min(head_cells, _MAX_WIDTH) + 1):
        agree = total = 0
        for col in range(width):
            seen = Counter(kinds[k] for k in range(col, len(kinds), width) if kinds[k])
            if seen:
                agree += seen.most_common(1)[0][1]
                total += sum(seen.values())
        if total and agree / total >= 0.95:
            out.append(width)
    return out


def _sides(head: list[Cell], lanci_labels: int) -> int:
    """Side-by-side blocks: as many as 栏次 labels, or as often as the first key label repeats."""
    if lanci_labels > 1:
        return lanci_labels
    keys = [_key(c.text) for c in head]
    for label in keys:
        if _KEY_LABEL.match(label) and label != "项目":
            return max(1, keys.count(label))
    if "项目" in keys and keys.count("项目") > 1:
        return keys.count("项目")
    return 1
