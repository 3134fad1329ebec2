"""Rows of a scrambled cell stream read family by family, placed only where the sums leave one way.

What it does: pdftotext without `-layout` prints a subject table in poppler's reading order, which
follows the page's text blocks rather than its rows: the header's words come interleaved with the
first rows' names and codes, the first rows' amounts (合计, 类, 款) as one run before any name, the
codes of 类 and 款 rows at the page's end, a row's amounts split around its code, and blank cells
absent. What stays regular is that most rows print their name followed by a run of their own
amounts in column order (`行政事业单位养老支出` `796.52` `796.52` `780.88` `15.65`). `read(toks,
columns)` takes that regularity and nothing more: every name the catalogue knows as a subject opens a
candidate row with the amounts right after it; its code is the code printed right before the name
when the catalogue names the code so, else the one code the catalogue gives the name whose 类 the
table prints (a 项 only under a 款 that is a row of the table; each code once). A run may be placed
in the header's column set (`columns(header text)`) in every order-keeping way that holds the row
identity (合计 = Σ parts, 小计 = Σ its leaves; blank cells are zero); a run longer than the set is a
row's run followed by the next rows' amounts, so each of its prefixes is tried. A *family* is a
parent row (a 类, a 款, or the 合计 row over the 类 rows) with every row under it in the table; its
amounts are read only when exactly one choice of placements (but see below) makes the parent equal the sum of its
children in every column. Where a parent's run is longer than its row and none of its children
prints amounts by its name (their codes and names come further on, bare), the run is cut into the
parent's amounts and then each child's in code order, every amount used, and read only when one cut
and placement holds all the sums (`_shared_run`; cuts that differ only in which of two leaves no
identity tells apart holds each piece's amount count as one, see below). Rows at a page's top that
print only their first amounts by their name (`交通运输支出` `230,330.89` `17,577.12`; the 合计 row's
right after the header's last words), the rest of each row in one run of amounts by no name further
on (after the page's codes, or past the page's end), get their tails from that run: it is cut in
print order into the short rows above it, every amount used, and taken only when one cut makes each
of those rows hold the row identity with all its amounts (`_deferred`); their families must still
add up. A row is read only when every family it belongs to and that could be
checked agrees on its placement (each family's choices narrow its members' placements, and a
family is read when all its members are left with one); the other rows of the table are left out
(their names are returned to the caller; the table does not yet list them), so no amount is ever
placed by order alone. One ambiguity is read rather than declined: where the choices left to a
family differ only in which of two columns no identity tells apart holds a row's amount — the two
leaves of a group with its own 小计 (基本支出: 人员支出 | 日常公用支出), or the two parts of 合计 |
基本支出 | 项目支出; every row printing one such amount, the sums holding either way — the family is read, its rows' other cells certain, and the cells of those two leaves (the
blank one too) go to review with an unconfirmed `layout.column_guess` repair (`mark_open`).
What it does not: read rows whose amounts are split around their code or printed away from their
name in any other way (they fail their family's sums), guess a code the catalogue does not give, or read tables
whose header names no standard column set. The search is bounded (`_MAX_COMBOS` per family), and a
table with fewer than `_MIN_READ` rows read is declined.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from itertools import combinations, product
from typing import Callable, Optional

import regex as re

from ..catalog import codes_named, lookup, name_matches
from ..datamodel import Repair
from ..evidence.numbers import CENT_PER_PART
from .moved_codes import Row, Token, _is_code_word, _printed_code, _set_adds_up

_AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_HAN = re.compile(r"\p{Han}")
_LEI = re.compile(r"^[1-9]\d{2}$")
_FULL = re.compile(r"^[1-9]\d{4}(?:\d{2})?$")
_TOTAL = re.compile(r"^(?:合计|总计)$")
_ECONOMIC = re.compile(r"经济分类|经济科目")
_CENT = CENT_PER_PART  # per added part (evidence/numbers.py)
_MAX_WIDTH = 8  # placements of a run: C(width, run) stays small
_MAX_COMBOS = 4096  # choices tried per family (and cuts per shared run): a table's search stays bounded
_MIN_READ = 3  # rows read (合计 included): fewer is no table
_MIN_FAMILIES = 1
_MAX_ROUNDS = 4  # rounds of narrowing placements family by family (two or three settle a table)
_OPEN_NOTE = ("column uncertain: the row's amount is its own (its family adds up), but the sums hold "
              "with it under either of two columns ({} / {}), and the text does not say which")
_MAX_HITS = 256  # a family's valid choices kept to narrow its members' placements


def _value(w: str) -> Optional[Decimal]:
    try:
        return Decimal(w.replace(",", ""))
    except InvalidOperation:
        return None


def _placements(named: tuple[str, ...], run: list[Token]) -> list[tuple[tuple[int, ...], tuple[Decimal, ...]]]:
    """Every way to put `run` (a prefix of it, where it is longer than the set) into the columns in
    order, holding the row identity: (column indexes, the row's full values with zeros)."""
    width = len(named)
    values = [_value(w) for w, _ in run]
    if not run or any(v is None for v in values):  # no amount by the name: they stand elsewhere
        return []
    sizes = [len(run)] if len(run) <= width else list(range(1, width + 1))
    out = []
    for size in sizes:
        for cols in combinations(range(width), size):
            full = [Decimal(0)] * width
            for c, v in zip(cols, values[:size]):
                full[c] = v
            if _set_adds_up(named, [(str(v), None) for v in full]):  # type: ignore[list-item]
                out.append((cols, tuple(full)))
    return out


def _codes(rows: list[Row], printed_lei: set[str], kind: str) -> None:
    """Each row's code: the one printed right before its name when the catalogue names it so, else
    the catalogue's one code of its name under a printed 类 (a 项 under a 款 that is a row here)."""
    used: set[str] = set()
    for r in rows:
        got = _printed_code([w for w, _ in r.code_tokens])
        name = "".join(w for w, _ in r.name)
        if got is not None and got not in used and name_matches(got, name, kind):
            r.code, r.moved = got, False
            used.add(got)
    for _ in range(3):  # 类 first, then 款 under them, then 项 under the 款
        known = {r.code for r in rows if r.code}
        for r in rows:
            if r.code or _TOTAL.match("".join(w for w, _ in r.name)):
                continue
            cands = {c for c in codes_named("".join(w for w, _ in r.name), kind)
                     if c[:3] in printed_lei | {k for k in known if len(k) == 3} and c not in used
                     and (len(c) < 7 or c[:5] in known)}
            if len(cands) == 1:
                r.code, r.moved = cands.pop(), True
                used.add(r.code)


def _family_choices(members: list[list], parent_at: int) -> Optional[list[tuple]]:
    """The choices of placements (one per member) under which the parent (members[parent_at])
    equals the sum of the others in every column; [] when over the search bound."""
    total = 1
    for m in members:
        total *= len(m)
        if total > _MAX_COMBOS:
            return None
    hits = []
    for choice in product(*members):
        parent = choice[parent_at][1]
        kids = [c[1] for k, c in enumerate(choice) if k != parent_at]
        if all(abs(parent[col] - sum((k[col] for k in kids), Decimal(0))) <= _CENT * len(kids)
               for col in range(len(parent))):
            hits.append(choice)
            if len(hits) > _MAX_HITS:
                return None
    return hits


def _shared_run(named: tuple[str, ...], parent: Row, kids: list[Row], pair: Optional[tuple[int, int]] = None
                ) -> Optional[list[tuple[list[Token], list[tuple]]]]:
    """The parent's run cut into the parent's amounts, then each child's in code order (their names
    printed with no amounts: `行政事业单位养老支出` `3,061.29` `3,061.29` `3,061.29` `155.66` … and the
    children's codes and names further on), every amount used: the one cut and placement under which
    each piece holds the row identity and the parent is the sum of its children in every column, as
    (piece, [placement]) per member; None when there is none, more than one, or the search runs past
    its bound. Cuts that are one cut whose placements differ only in which of the set's two leaves
    no identity tells apart holds a member's amount (`pair`, see _leaf_pair: 人员经费 | 公用经费 under
    基本支出 when every row prints `155.66` `155.66` `155.66`) count as one: each member then gets
    every placement those cuts give it, and the caller's families send the open leaves to review."""
    run, members = parent.amounts, [parent] + sorted(kids, key=lambda r: r.code or "")
    width = len(named)
    if len(run) <= width or len(run) > width * len(members):
        return None
    found: list[list[tuple[list[Token], tuple]]] = []
    steps = 0

    def walk(at: int, k: int, got: list) -> bool:
        nonlocal steps
        steps += 1
        if steps > _MAX_COMBOS or len(found) > (_MAX_HITS if pair is not None else 1):
            return False
        if k == len(members):
            if at == len(run):
                parent_v = got[0][1][1]
                kids_v = [g[1][1] for g in got[1:]]
                if all(abs(parent_v[c] - sum((v[c] for v in kids_v), Decimal(0))) <= _CENT * len(kids_v)
                       for c in range(width)):
                    found.append(list(got))
            return True
        left = len(members) - k - 1
        for size in range(1, min(width, len(run) - at - left) + 1):
            piece = run[at:at + size]
            for placed in _placements(named, piece):
                if len(placed[0]) != size:
                    continue
                if not walk(at + size, k + 1, got + [(piece, placed)]):
                    return False
        return True

    if not walk(0, 0, []) or not found:
        return None
    if len(found) == 1:
        return [(piece, [placed]) for piece, placed in found[0]]
    return _one_cut(found, pair)


def _deferred(named: tuple[str, ...], short: list[Row], pool: list[Token], pair: Optional[tuple[int, int]]
              ) -> Optional[list[tuple[list[Token], list[tuple]]]]:
    """A run of amounts printed by no name (`pool`) cut into the tails of the rows above it whose own
    run holds no row identity (`short`, in print order: `交通运输支出` `230,330.89` `17,577.12`, the
    rest of its row among the amounts poppler printed after the page's codes), every amount used,
    each tail given in order to one short row or none: the one cut under which every row given a
    tail holds the row identity with all its amounts, as (tail, [placements]) per short row (an
    empty tail: the row stays unread); None when there is none, more than one, or the search runs
    past its bound. Cuts differing only in which of the `pair`'s two leaves holds an amount count as
    one (see _one_cut). The rows' families still have to add up before any of them is read."""
    width = len(named)
    if not short or len(pool) > width * len(short):
        return None
    found: list[list[tuple[list[Token], tuple]]] = []
    steps = 0

    def walk(at: int, k: int, got: list) -> bool:
        nonlocal steps
        steps += 1
        if steps > _MAX_COMBOS or len(found) > _MAX_HITS:
            return False
        if k == len(short):
            if at == len(pool):
                found.append(list(got))
            return True
        own = short[k].amounts
        if not walk(at, k + 1, got + [([], ())]):
            return False
        for size in range(1, min(width - len(own), len(pool) - at) + 1):
            tail = pool[at:at + size]
            for placed in _placements(named, own + tail):
                if len(placed[0]) != len(own) + size:
                    continue
                if not walk(at + size, k + 1, got + [(tail, placed)]):
                    return False
        return True

    if not walk(0, 0, []) or not found:
        return None
    if len(found) == 1:
        return [(tail, [placed] if tail else []) for tail, placed in found[0]]
    if pair is None or any(len(cut[at][0]) != len(tail) for cut in found for at, (tail, _) in enumerate(found[0])):
        return None  # the pool cut elsewhere: which row an amount is, not which column, in question
    out = []
    for at, (tail, _) in enumerate(found[0]):
        placements = list(dict.fromkeys(cut[at][1] for cut in found)) if tail else []
        if tail and len({_one_leaf(o, pair) for o in placements}) != 1:
            return None
        out.append((tail, placements))
    return out


def _one_cut(found: list[list[tuple[list[Token], tuple]]], pair: Optional[tuple[int, int]]
             ) -> Optional[list[tuple[list[Token], list[tuple]]]]:
    """The shared run's cuts taken as one, (piece, [its placements]) per member, where they all cut
    the run at the same places and each member's placements differ only in which of the `pair`'s
    two leaves holds its amount; None otherwise (two readings the sums do not tell apart)."""
    if pair is None:
        return None
    first = found[0]
    out = []
    for at, (piece, _) in enumerate(first):
        if any(len(cut[at][0]) != len(piece) for cut in found):
            return None  # the run cut elsewhere: another row's amounts in question, not a column
        placements = list(dict.fromkeys(cut[at][1] for cut in found))
        if len({_one_leaf(o, pair) for o in placements}) != 1:
            return None
        out.append((piece, placements))
    return out


def read(toks: list[Token], columns: Callable[[str], Optional[tuple[str, ...]]]
         ) -> Optional[tuple[list[Token], list[Row], list[str], dict[str, frozenset]]]:
    """The header's tokens, the rows read (each with its own amounts, in code order, the 合计 row
    first), the names of the rows left out and each read row's columns by its code (合计 for the
    合计 row; the caller checks the placement it gets against them); None where the stream is not this shape or too
    little of it checks (see the module text)."""
    first = next((k for k, (w, _) in enumerate(toks) if _AMOUNT.match(w) and ("." in w or "," in w)), None)
    if first is None:
        return None
    kind = "economic" if any(_ECONOMIC.search(w) for w, _ in toks[:first]) else "function"
    rows: list[Row] = []
    head: list[Token] = []
    pools: list[tuple[int, list[Token]]] = []  # amounts by no name: (rows opened before them, the run)
    k, n = 0, len(toks)
    while k < n:
        w = toks[k][0]
        if not _HAN.search(w) or not (_TOTAL.match(w) or codes_named(w, kind)):
            if _HAN.search(w):
                head.append(toks[k])
            if _AMOUNT.match(w) and "." in w and not _is_code_word(w, kind):
                if pools and pools[-1][0] == len(rows) and k > 0 and toks[k - 1] is pools[-1][1][-1]:
                    pools[-1][1].append(toks[k])
                else:
                    pools.append((len(rows), [toks[k]]))
            k += 1
            continue
        j = k
        while j > 0 and _is_code_word(toks[j - 1][0], kind):
            j -= 1
        name_at = k
        k += 1
        run: list[Token] = []
        while k < n and _AMOUNT.match(toks[k][0]) and not _is_code_word(toks[k][0], kind):
            run.append(toks[k])
            k += 1
        rows.append(Row(code=None, name=[toks[name_at]], amounts=run, code_tokens=toks[j:name_at]))
    for at, r in enumerate(rows):  # the 合计 row's amounts printed after the header's last words
        if _TOTAL.match(r.name[0][0]) and not r.amounts and pools and pools[0][0] == at + 1:
            r.amounts = pools.pop(0)[1]
            break
    # the 合计 column's label may be the one 合计 word printed (the 合计 row's label beside it)
    labels = "".join(w for w, _ in head)
    named = max((columns(labels), columns(labels + "合计")), key=lambda c: len(c or ()))
    if not named or len(named) > _MAX_WIDTH or not _set_adds_up(named, [("0", None)] * len(named)):  # type: ignore[list-item]
        return None
    printed = {w for w, _ in toks if _LEI.match(w) and lookup(w, kind) is not None}
    printed |= {w[:3] for w, _ in toks if _FULL.match(w) and lookup(w, kind) is not None}
    _codes(rows, printed, kind)
    totals = [r for r in rows if r.code is None and _TOTAL.match(r.name[0][0]) and r.amounts]
    coded = [r for r in rows if r.code]
    if len(totals) > 1 or len({r.code for r in coded}) != len(coded):
        return None
    options = {id(r): _placements(named, r.amounts) for r in totals + coded}
    for before, pool in pools:  # rows whose amounts poppler printed in two runs, the second further on
        short = [r for r in rows[:before] if id(r) in options and r.amounts and not options[id(r)]]
        filled = _deferred(named, short, pool, _leaf_pair(named))
        if filled is not None:
            for m, (tail, placed) in zip(short, filled):
                if tail:
                    m.amounts, options[id(m)] = m.amounts + tail, placed
    families: list[tuple[Row, list[Row]]] = []
    for r in coded:
        kids = [x for x in coded if len(x.code) == len(r.code) + 2 and x.code.startswith(r.code)]
        if kids:
            families.append((r, kids))
    if totals:
        families.append((totals[0], [x for x in coded if len(x.code) == 3]))
    for parent, kids in families:  # a parent's run carrying its rows' amounts, their names printed bare
        if not any(r.amounts for r in kids):
            shared = _shared_run(named, parent, kids, _leaf_pair(named))
            if shared is not None:
                for m, (chunk, placed) in zip([parent] + sorted(kids, key=lambda r: r.code or ""), shared):
                    m.amounts, options[id(m)] = chunk, placed
    checkable = [(p, kids) for p, kids in families if all(options[id(m)] for m in [p] + kids)]
    spoiled: set[int] = set()
    seen: dict[int, tuple[int, ...]] = {}  # a family's members' option counts when last tried
    for _ in range(_MAX_ROUNDS):  # keep only the placements some choice of each family uses
        changed = False
        for f, (parent, kids) in enumerate(checkable):
            members = [parent] + kids
            sizes = tuple(len(options[id(m)]) for m in members)
            if seen.get(f) == sizes:
                continue  # nothing narrowed since: the same choices
            seen[f] = sizes
            hits = _family_choices([options[id(m)] for m in members], 0)
            if hits is None:
                continue
            if not hits:
                spoiled.update(id(m) for m in members)
                continue
            for at, m in enumerate(members):
                kept = [o for o in options[id(m)] if any(h[at] == o for h in hits)]
                if len(kept) < len(options[id(m)]):
                    options[id(m)], changed = kept, True
        if not changed:
            break
    fixed: dict[int, list[tuple]] = {}
    checked = 0
    pair = _leaf_pair(named)
    for parent, kids in checkable:
        members = [parent] + kids
        if any(id(m) in spoiled for m in members):
            continue
        if all(len(options[id(m)]) == 1 for m in members):
            if len(_family_choices([options[id(m)] for m in members], 0) or ()) != 1:
                continue
        elif pair is None or not all(len({_one_leaf(o, pair) for o in options[id(m)]}) == 1 for m in members):
            continue  # the choices left differ in more than which of the two leaves holds an amount
        elif not _family_choices([options[id(m)] for m in members], 0):
            continue
        checked += 1
        for m in members:
            fixed[id(m)] = list(options[id(m)])
    read_rows = [r for r in totals + coded if id(r) in fixed and id(r) not in spoiled]
    if checked < _MIN_FAMILIES or len(read_rows) < _MIN_READ:
        return None
    for r in read_rows:
        cols, _ = fixed[id(r)][0]
        r.amounts = r.amounts[:len(cols)]
    read_rows.sort(key=lambda r: ("" if r.code is None else r.code))
    left = ["".join(w for w, _ in r.name) for r in rows if r not in read_rows and not _TOTAL.match(r.name[0][0])]
    placed = {r.code or "合计": frozenset(cols for cols, _ in fixed[id(r)]) for r in read_rows}
    return _clean_header(named, head or toks[:1], kind), read_rows, left, placed


def _leaf_pair(named: tuple[str, ...]) -> Optional[tuple[int, int]]:
    """The two columns no row identity tells apart: the two leaves of the set's one group with a 小计
    of its own (基本支出: 小计 = 人员支出 + 日常公用支出 either way), or the two parts of a set of a
    total and two parts (合计 = 基本支出 + 项目支出); None for other sets."""
    groups: dict[str, list[int]] = {}
    for k, label in enumerate(named):
        group, _, leaf = label.rpartition("/")
        if group and leaf != "小计":
            groups.setdefault(group, []).append(k)
    subtotals = {label.rpartition("/")[0] for label in named if label.endswith("/小计")}
    pairs = [tuple(ks) for g, ks in groups.items() if g in subtotals and len(ks) == 2]
    if not groups and len(named) == 3 and _TOTAL.match(named[0]):
        pairs = [(1, 2)]  # 合计 | 基本支出 | 项目支出: 合计 = 基本 + 项目 either way
    return pairs[0] if len(pairs) == 1 else None  # type: ignore[return-value]


def _one_leaf(option: tuple, pair: tuple[int, int]) -> tuple:
    """A placement with the pair's second leaf read as its first: placements equal so differ only
    in which of the two leaves holds the amount (its values keyed the same way)."""
    cols, full = option
    a, b = pair
    merged = list(full)
    merged[a], merged[b] = full[a] + full[b], Decimal(0)
    return tuple(a if c == b else c for c in cols), tuple(merged)


def mark_open(block_rows: list[list], placed: dict[str, frozenset], labels: tuple[str, ...]) -> None:
    """Send to review the cells the families leave open: in a row with several placements left,
    the amount columns where they differ (the two leaves of 基本支出, see _leaf_pair), the blank one
    too, each with an unconfirmed `layout.column_guess` repair saying why (`labels`: the column set)."""
    width = len(labels)
    for row in block_rows:
        texts = [c.text.strip() if c.text else "" for c in row]
        key = next((t for t in texts[:max(len(texts) - width, 0)] if t in placed), None)
        if key is None or len(placed[key]) < 2:
            continue
        options = [set(o) for o in placed[key]]
        open_cols = sorted(set().union(*options) - set.intersection(*options))
        note = _OPEN_NOTE.format(*(labels[c] if c < len(labels) else "?" for c in open_cols[:2]))
        for c in open_cols:
            cell = row[len(row) - width + c]
            cell.repairs = (cell.repairs or []) + [Repair(kind="layout.column_guess", note=note,
                                                          status="unconfirmed")]


def _clean_header(named: tuple[str, ...], head: list[Token], kind: str) -> list[Token]:
    """The header as one line of the column set's labels (a group's name before its leaves), in
    place of the printed words that poppler interleaved with the rows' names and codes."""
    line = head[0][1]
    words = ["经济分类科目编码" if kind == "economic" else "科目编码", "科目名称"]
    for label in named:
        group, _, leaf = label.rpartition("/")
        if group and group not in words:
            words.append(group)
        words.append(leaf)
    return [(w, line) for w in words]


def placed_as(block_rows: list[list], placed: dict[str, frozenset], width: int) -> bool:
    """Every row read here stands in `block_rows` (lists of cells with `.text`) with its amounts in
    columns the families left it (one placement, or one of those differing only in the two leaves;
    the last `width` cells are the amount columns)."""
    seen = set()
    for row in block_rows:
        texts = [c.text.strip() if c.text else "" for c in row]
        key = next((t for t in texts[:max(len(texts) - width, 0)] if t in placed), None)
        if key is None:
            continue
        cols = tuple(k for k, t in enumerate(texts[-width:]) if t)
        if cols not in placed[key]:
            return False
        seen.add(key)
    return seen == set(placed)
