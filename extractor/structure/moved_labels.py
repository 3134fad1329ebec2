"""Rows of a cell stream whose labels the converter printed apart from their amounts, put back by code order.

What it does: pdftotext without `-layout` prints a subject table whose every row's label is one cell
`[code]name` (`[20109]海关事务`, Guangdong's 一般公共预算支出情况表) in drawing order: most rows come as
label then amounts, but the labels of some rows (a 类 and its only 款, rows whose cell the PDF draws
later) stand together at the page's end or before the header printed again on the next page, their
amounts left in place among the other rows'. `by_code_order(toks, columns)` reads such a stream:
- the header is the words before the first amount; its standard column set (`columns`) gives the
  width W; the first W amounts before any label are the 合计 row where the header prints 合计;
- every other amount run is cut into rows of W amounts (every cell printed, 0.00 too), in printed
  order; every label is one row; the header's words printed again on a new page are skipped;
- a subject table prints its rows in code order (a parent before its children, siblings by code), so
  the labels sorted by code are the rows' labels in order: the i-th label by code takes the i-th row
  of amounts. This is the only placement that keeps the table's order; it is taken only when
  every label stands as one `[code]name` cell, the labels are as many as the rows, every label
  printed alone between two amount runs takes the row right after it (the order printed where it is
  not moved), every code's parent is in the table, and every parent's amounts are the sums of its
  children's in every column, as the 合计 row's are of the 类 rows' (two such sums at least).
  Else None: nothing is placed.
`by_code_cells(toks, columns)` reads the same kind of stream where the code and the name are cells of
their own (`20109` `海关事务`: Guangdong's 本年支出总体情况表), the moved codes and names standing together
before a later row, at the page's end or among the header's words printed again; the codes are placed
as above, held to the same sums, and each gets its name by the catalogue or by where it stands.
What it does not: read codes printed apart from their names (moved_codes.py), tables whose rows
print blank cells as nothing (the rows of W amounts could not be cut), or guess a row a sum does not
confirm.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Callable, Optional

import regex as re

from ..catalog import name_matches
from ..datamodel import NLine
from ..evidence.numbers import CENT_PER_PART
from .moved_codes import Row

Token = tuple[str, NLine]

_LABEL = re.compile(r"^\[(\d{3}(?:\d{2}){0,2})\]\s*\p{Han}")
_AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}$")
_TOTAL = "合计"
_CENT = CENT_PER_PART  # per added part (evidence/numbers.py)
_MIN_ROWS = 3
_MIN_SUMS = 2


def _value(t: Token) -> Decimal:
    return Decimal(t[0].replace(",", ""))


def _sums_hold(total: Optional[list[Token]], rows: list[tuple[str, list[Token]]], width: int) -> bool:
    """Every parent's amounts are the sums of its children's in every column (the 合计 row's of the
    类 rows'), every code's parent is in the table, and at least _MIN_SUMS such sums are checked."""
    try:
        values = {code: [_value(t) for t in amounts] for code, amounts in rows}
        top = [_value(t) for t in total] if total else None
    except InvalidOperation:
        return False
    checked = 0
    groups: list[tuple[list[Decimal], list[list[Decimal]]]] = []
    for code, v in values.items():
        if len(code) > 3 and code[:-2] not in values:
            return False  # a child without its parent: not the whole tree
        kids = [x for k, x in values.items() if len(k) == len(code) + 2 and k.startswith(code)]
        if kids:
            groups.append((v, kids))
    if top is not None:
        groups.append((top, [x for k, x in values.items() if len(k) == 3]))
    for parent, kids in groups:
        for c in range(width):
            if abs(parent[c] - sum((k[c] for k in kids), Decimal(0))) > _CENT * len(kids):
                return False
        checked += 1
    return checked >= _MIN_SUMS


def by_code_order(toks: list[Token], columns: Callable[[str], Optional[tuple[str, ...]]]
                  ) -> Optional[tuple[list[Token], list[Row]]]:
    """The header's tokens and the rows (合计 first where printed) of a stream of `[code]name` labels
    and amount runs whose labels stand apart from their rows, or None (see the module text)."""
    first = next((k for k, (w, _) in enumerate(toks) if _AMOUNT.match(w)), None)
    if first is None:
        return None
    head = toks[:first]
    if any(_LABEL.match(w) for w, _ in head):
        return None
    named = columns("".join(w for w, _ in head))
    if not named:
        return None
    width = len(named)
    head_words = {w for w, _ in head}
    labels: list[tuple[str, Token, int]] = []  # (code, token, index among the events)
    runs: list[list[Token]] = []  # amount runs in printed order
    events: list[str] = []  # "L" / "A" in printed order (a run of amounts is one A)
    for t in toks[first:]:
        w = t[0]
        m = _LABEL.match(w)
        if m:
            labels.append((m.group(1), t, len(events)))
            events.append("L")
        elif _AMOUNT.match(w):
            if events and events[-1] == "A":
                runs[-1].append(t)
            else:
                runs.append([t])
                events.append("A")
        elif w in head_words:
            continue  # the header printed again on a new page
        else:
            return None
    if any(len(r) % width for r in runs):
        return None
    total: Optional[list[Token]] = None
    rows_of: list[list[Token]] = []
    starts: dict[int, int] = {}  # event index of an amount run -> index of its first row
    a = 0
    for e, kind in enumerate(events):
        if kind != "A":
            continue
        run = runs[a]
        a += 1
        if e == 0 and _TOTAL in head_words:
            total, run = run[:width], run[width:]
        starts[e] = len(rows_of)
        rows_of.extend(run[k:k + width] for k in range(0, len(run), width))
    codes = [c for c, _, _ in labels]
    if len(labels) < _MIN_ROWS or len(labels) != len(rows_of) or len(set(codes)) != len(codes):
        return None
    ordered = sorted(labels, key=lambda x: x[0])
    at = {c: k for k, (c, _, _) in enumerate(ordered)}
    for code, _, e in labels:  # a label printed alone between two amount runs: the row right after it
        if 0 < e < len(events) - 1 and events[e - 1] == "A" and events[e + 1] == "A" and \
                starts.get(e + 1) != at[code]:
            return None
    rows = [(c, amounts) for (c, _, _), amounts in zip(ordered, rows_of)]
    if not _sums_hold(total, rows, width):
        return None
    out: list[Row] = []
    if total is not None:
        word = next(t for t in head if t[0] == _TOTAL)
        out.append(Row(code=None, name=[(_TOTAL, word[1])], amounts=total))
    out.extend(Row(code=None, name=[t], amounts=amounts) for (_, t, _), amounts in zip(ordered, rows_of))
    return head, out


_CODE_CELL = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_NAME_PIECE = re.compile(r"^[\p{Han}（）()、“”]+$")


def _echo_end(toks: list[Token], k: int, head_words: set[str], first_word: str) -> int:
    """The index of the first amount after the header printed again from toks[k] (its first word), or
    k where toks[k] opens no such header."""
    if toks[k][0] != first_word:
        return k
    j = k
    while j < len(toks) and not _AMOUNT.match(toks[j][0]):
        j += 1
    return j


def _pair_names(codes: list[str], pieces: list[Token]) -> Optional[list[list[Token]]]:
    """Each code's name among the name pieces (printed in no sure order: a row printed whole keeps its
    name with its amounts while its parent's stands with the moved cells): first the piece not yet
    taken, or two printed one after the other and joined (a name broken over lines), that the
    catalogue knows as the code's name; then each run of codes (in code order) still without a name
    takes, in order, the pieces left between the names of the codes around it, where they are exactly
    as many. None where a code is left without a name."""
    used: set[int] = set()
    got: list[list[int]] = []
    for code in codes:
        found: list[int] = []
        for j in range(len(pieces)):
            if j in used:
                continue
            if name_matches(code, pieces[j][0]):
                found = [j]
                break
            if j + 1 < len(pieces) and j + 1 not in used and name_matches(code, pieces[j][0] + pieces[j + 1][0]):
                found = [j, j + 1]
                break
        used.update(found)
        got.append(found)
    k = 0
    while k < len(codes):
        if got[k]:
            k += 1
            continue
        end = k
        while end < len(codes) and not got[end]:
            end += 1
        lo = got[k - 1][-1] if k > 0 else -1
        hi = got[end][0] if end < len(codes) else len(pieces)
        left = [j for j in range(lo + 1, hi) if j not in used]
        if len(left) != end - k:
            return None
        for c, j in zip(range(k, end), left):
            got[c] = [j]
            used.add(j)
        k = end
    return [[pieces[j] for j in found] for found in got]


def by_code_cells(toks: list[Token], columns: Callable[[str], Optional[tuple[str, ...]]]
                  ) -> Optional[tuple[list[Token], list[Row]]]:
    """The header's tokens and the rows (合计 first) of a stream whose codes and names are cells of
    their own (`20109` `海关事务`), some of them printed apart from their amounts, or None.

    pdftotext without `-layout` prints such a table (Guangdong's 本年支出总体情况表: 科目编码 | 科目名称 |
    amounts) one cell per line; the code and name cells of some rows stand together away from their
    amounts (before a later row, at the page's end, among the header's words printed again on the
    next page), the codes in their printed order, the names likewise. The codes, wherever printed,
    are the rows in code order, as in `by_code_order`, held to the same tests (as many codes as rows
    of amounts, a code printed alone between two runs takes the row after it, every parent = the sum
    of its children in every column, the 合计 row = the sum of the 类 rows); each code gets its name
    from the name pieces by the catalogue, else by where the piece stands (`_pair_names`); a code
    left without a name leaves the stream unread (None)."""
    first = next((k for k, (w, _) in enumerate(toks) if _AMOUNT.match(w)), None)
    if first is None:
        return None
    head = [t for t in toks[:first] if not _CODE_CELL.match(t[0])]
    if not head:
        return None
    named = columns("".join(w for w, _ in head))
    if not named:
        return None
    width = len(named)
    head_words = {w for w, _ in head}
    labels: list[tuple[str, Token, int]] = []
    pieces: list[Token] = []
    runs: list[list[Token]] = []
    events: list[str] = []

    def cell(t: Token, in_header: bool) -> bool:
        w = t[0]
        if _CODE_CELL.match(w):
            labels.append((w, t, len(events)))
            events.append("L")
        elif in_header and w in head_words:
            pass
        elif _NAME_PIECE.match(w):
            pieces.append(t)
        else:
            return False
        return True

    for t in toks[:first]:
        if _CODE_CELL.match(t[0]):
            cell(t, True)
    k = first
    while k < len(toks):
        t = toks[k]
        if _AMOUNT.match(t[0]):
            if events and events[-1] == "A":
                runs[-1].append(t)
            else:
                runs.append([t])
                events.append("A")
            k += 1
            continue
        end = _echo_end(toks, k, head_words, head[0][0])
        if end > k:  # the header printed again on a new page, with codes and names among its words
            if not all(cell(x, True) for x in toks[k:end]):
                return None
            k = end
            continue
        if not cell(t, False):
            return None
        k += 1
    if not labels or any(len(r) % width for r in runs):
        return None
    total: Optional[list[Token]] = None
    rows_of: list[list[Token]] = []
    starts: dict[int, int] = {}
    a = 0
    for e, kind in enumerate(events):
        if kind != "A":
            continue
        run = runs[a]
        if a == 0 and _TOTAL in head_words:
            total, run = run[:width], run[width:]
        a += 1
        starts[e] = len(rows_of)
        rows_of.extend(run[j:j + width] for j in range(0, len(run), width))
    codes = [c for c, _, _ in labels]
    if total is None or len(labels) < _MIN_ROWS or len(labels) != len(rows_of) or len(set(codes)) != len(codes):
        return None
    ordered = sorted(labels, key=lambda x: x[0])
    at = {c: j for j, (c, _, _) in enumerate(ordered)}
    for code, _, e in labels:
        if 0 < e < len(events) - 1 and events[e - 1] == "A" and events[e + 1] == "A" and \
                starts.get(e + 1) != at[code]:
            return None
    rows = [(c, amounts) for (c, _, _), amounts in zip(ordered, rows_of)]
    if not _sums_hold(total, rows, width):
        return None
    names = _pair_names([c for c, _, _ in ordered], pieces)
    if names is None:
        return None
    word = next(t for t in head if t[0] == _TOTAL)
    out = [Row(code=None, name=[(_TOTAL, word[1])], amounts=total)]
    for (c, tok, _), name, amounts in zip(ordered, names, rows_of):
        out.append(Row(code=c, name=name, amounts=amounts, code_tokens=[tok]))
    return head, out
