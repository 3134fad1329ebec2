"""The rows of a subject table whose codes and names a converter printed out of row order
(pdftotext without `-layout`: poppler's reading order follows the page's text blocks, so a 类's
name may come after its 项 rows, the code column's boxes come as clumps of 类 codes and lone 款 / 项
pieces, and names break over lines), while its amounts still run row by row.

What it does: `label_by_codes` takes the streams column_runs.py sorts the table's lines into (code
lines, name lines, lone code pieces) and reads them as a *set* of rows: each name the catalogue
knows (pieces of a broken name joined where the catalogue confirms the joined name; other words are
the header's) takes a code the catalogue gives that name under a 类 printed in the table — a 款 only
under a 类 that is a row, a 项 only under a 款 that is a row, each code once. The rows are taken
only when exactly one such set of codes is left, and the printed code parts account for it exactly:
one code line per row, as many code lines starting with each 类 as rows in that 类, and the 款 / 项
pieces printed (lone, before a name, or on the code lines) the very multiset the rows' codes need.
Where the code column stands in levels (类 | 款 | 项: a code line on each 类 row only, every other row
printing its own 款 or 项 part alone), the code lines must be the 类 rows' codes exactly and the lone
pieces each other row's own last part, the very multiset.
The rows are then put in code order, the order of a subject table's tree, with each code carrying a
`layout.code_moved` repair (the code is composed from the printed parts, not read on its row).
What it does not: place amounts (column_runs.py places them, the identities deciding), read a table
whose rows stand in another order than their codes' (its amounts then fail the identities), guess
between two sets of codes, or take a name the catalogue does not know.
"""
from __future__ import annotations

from collections import Counter
from typing import Optional, Sequence

from ..catalog import codes_named, lookup, name_matches
from ..datamodel import NLine
from .run_labels import CodeLine, LabelRow, NameLine, PieceLine

_MAX_JOIN = 3  # lines a broken name may span
_MAX_STEPS = 20_000  # steps of the search for the rows' codes
_MAX_ROWS = 120  # rows of one table: more is no report's subject table


def _kind(codes: Sequence[CodeLine]) -> Optional[str]:
    """The catalogue the printed 类 codes belong to (function, else economic), None when neither
    knows them all."""
    leis = {c.prefix[:3] for c in codes}
    for kind in ("function", "economic"):
        if all(lookup(x, kind) is not None for x in leis):
            return kind
    return None


def _named(name: str, kind: str) -> list[str]:
    return sorted(c for c in codes_named(name, kind) if name_matches(c, name, kind))


def _names(names: Sequence[NameLine], kind: str) -> list[tuple[str, list[NLine], list[str]]]:
    """The names the catalogue knows, broken ones joined: (name, its lines, its codes); the other
    lines are the header's words."""
    out = []
    j = 0
    while j < len(names):
        took = 0
        for span in range(1, _MAX_JOIN + 1):
            part = names[j:j + span]
            if len(part) < span or any(p.piece for p in part[1:]):
                break
            text = "".join(p.text for p in part)
            got = _named(text, kind)
            if got:
                out.append((text, [p.line for p in part], got))
                took = span
                break
        j += took or 1
    return out


def _groups(code: str) -> list[str]:
    return [g for g in (code[3:5], code[5:7]) if g]


def label_by_codes(codes: Sequence[CodeLine], names: Sequence[NameLine], pieces: Sequence[PieceLine]
                   ) -> Optional[tuple[list[LabelRow], list[str]]]:
    """The table's rows in code order (see the module text) and the header's words (the name lines
    no row took), None where the printed parts leave no single set of codes."""
    if not codes or len(codes) > _MAX_ROWS:
        return None
    kind = _kind(codes)
    if kind is None:
        return None
    leis = {c.prefix[:3] for c in codes}
    found = [(text, lines, [c for c in options if c[:3] in leis]) for text, lines, options in _names(names, kind)]
    found = [f for f in found if f[2]]
    # the code column printed in levels (类 | 款 | 项): a code line on each 类 row only, the 款 / 项
    # parts of the other rows as lone pieces
    levels = all(len(c.prefix) == 3 for c in codes) and len({c.prefix for c in codes}) == len(codes) and \
        len(found) > len(codes)
    if (len(found) != len(codes) and not levels) or not found:
        return None
    order = sorted(range(len(found)), key=lambda x: len(found[x][2]))
    picked: list[Optional[str]] = [None] * len(found)
    used: set[str] = set()
    sets: set[tuple] = set()
    steps = [0]

    def walk(i: int) -> bool:
        steps[0] += 1
        if steps[0] > _MAX_STEPS or len(sets) > 1:
            return False
        if i == len(order):
            if all(len(c) == 3 or c[:len(c) - 2] in used for c in used):
                sets.add(tuple(sorted(zip(picked, (f[0] for f in found)))))  # type: ignore[arg-type]
            return True
        x = order[i]
        for c in found[x][2]:
            if c in used:
                continue
            used.add(c)
            picked[x] = c
            ok = walk(i + 1)
            used.discard(c)
            picked[x] = None
            if not ok:
                return False
        return True

    if not walk(0) or len(sets) != 1:
        return None
    rows = next(iter(sets))
    # the printed parts account for the codes exactly
    if levels and sorted(c.prefix for c in codes) != sorted(code for code, _ in rows if len(code) == 3):
        return None
    if not levels and Counter(c.prefix[:3] for c in codes) != Counter(code[:3] for code, _ in rows):
        return None
    printed = Counter(p.text for p in pieces)
    printed.update(n.piece for n in names if n.piece)
    for c in codes:
        printed.update(_groups(c.prefix))
    needed = Counter(_groups(code)[-1:] and _groups(code)[-1] for code, _ in rows if len(code) > 3) if levels \
        else Counter(g for code, _ in rows for g in _groups(code))  # (in levels a row prints its own part)
    if printed != needed:
        return None
    lines = {}
    for text, name_lines, _ in found:
        lines.setdefault(text, []).append(name_lines)
    out = []
    for code, name in rows:
        name_lines = lines[name].pop(0)
        out.append(LabelRow(code, " ".join([code[:3]] + _groups(code)), name_lines[0], name, name_lines))
    taken = {id(ln) for _, name_lines, _ in found for ln in name_lines}
    return out, [n.text for n in names if id(n.line) not in taken]
