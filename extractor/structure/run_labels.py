"""The rows of a subject table printed column by column (pdfminer.six): which code and name each
row has, from the code, name and code-piece lines in printed order.

What it does: `label_rows` takes three streams, each in the order of the table's rows: the code
lines (one per row: the row's full code `2080505` / `208 05 05`, or only its 类 `208` when the
levels stand in columns of their own; a name may follow on the code's line), the name lines (a
name broken over lines, a 项 printed before its name `01 行政运行`) and the lone code pieces (`05`,
`99`: the 款 and 项 columns, printed as boxes of their own among the names). Each row's name is the
next name line (pieces of a broken name are joined where the catalogue confirms the joined name;
the header words before the first name are skipped, and again where a page repeats them or the
box of a header word stands among the names: a line of header characters only that starts no
row), and its code one the catalogue knows under that name that begins with the row's printed
code. Where the catalogue knows the name under several codes (行政运行 under every 款), the
table's tree order decides (a 项 row stands under the last 款 row printed above it, a 款 row under
the last 类 row); the pieces each code needs beyond its printed part must then be exactly the lone
pieces printed (the 款 pieces in row order and the 项 pieces in row order, interleaved as the boxes
fall). The rows are taken only when one reading is left.
A table that prints names only (no code column: `工资福利支出` / `基本工资` …) is read by
`rows_by_names`: every name must be one the catalogue knows, and every row's code the one reading
its tree order allows (name_codes.readings: a few at most, the amounts' sums pick one) in one
catalogue (function or economic) alone, and
no header word may name a code column (`科目编码`: the codes are printed, only not found); the
rows' codes are then marked inferred (`code.from_name_order`, compared by name).
What it does not: place amounts (column_runs.py, run_placer.py, run_sparse.py), read a table whose
code lines are not one per row, whose names the catalogue does not confirm, or whose pieces do not
fit; guess a code the catalogue does not know.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

import regex as re

from ..catalog import codes_named, name_matches
from ..datamodel import NLine
from .name_codes import readings
from .spaced_rows import STANDARD_COLUMNS

_MAX_JOIN = 3  # lines one name may be broken over
_CODE_WORD = re.compile(r"编码|代码")  # a header word naming a code column
_MIN_NAMED_ROWS = 3
_MAX_NAME_READINGS = 4  # readings of a names-only table's tree the amounts may tell apart, at most  # rows of a table that prints names only, at least
_MAX_READINGS = 20_000  # steps of the search over the codes a name may have
_LABEL_WORDS = frozenset({"类", "款", "项", "栏次", "行次", "项目", "科目名称", "科目编码", "编码"})
# the characters of a table header's words: a line of them only, that starts no row, is a header word
_HEADER_CHARS = frozenset("".join(p + "".join(leaves) for p, leaves in STANDARD_COLUMNS)
                          + "部门功能经济分类科目编码名称预算数决算数栏次行次项目类款合计小计总计")


@dataclass
class CodeLine:
    prefix: str  # the printed code's digits: the full code, or the 类 only
    orig: str  # as printed, parts separated by spaces
    line: NLine
    rest: str = ""  # a name printed on the code's line


@dataclass
class NameLine:
    text: str
    line: NLine
    piece: str = ""  # the code piece printed before the name (`01 行政运行`)
    code_at: int = -1  # for a name printed on a code's line: that code line's index


@dataclass
class PieceLine:
    text: str
    line: NLine


@dataclass
class LabelRow:
    code: str
    code_orig: str
    code_line: NLine
    name: str
    name_lines: list[NLine] = field(default_factory=list)
    inferred: bool = False  # no code printed: the code is the catalogue's by name and row order


def _codes_named(name: str) -> list[str]:
    """Every code (function and economic catalogues) one of whose names is `name`, loosely compared;
    name_matches confirms each."""
    return sorted(codes_named(name) | codes_named(name, "economic"))


def _candidates(prefix: str, name: str) -> list[str]:
    return sorted({c for c in _codes_named(name) if c.startswith(prefix) and
                   (name_matches(c, name) or name_matches(c, name, "economic"))})


def _printed_code(code: str) -> str:
    return " ".join([code[:3], code[3:5], code[5:]][: len(code) // 2])


@dataclass
class _Named:
    name: str
    lines: list[NLine]
    piece: str
    options: list[str]


def _header_word(text: str) -> bool:
    return all(ch in _HEADER_CHARS for ch in text)


header_word = _header_word  # a line of a table header's characters only (column_runs.py)


def _names(codes: Sequence[CodeLine], names: Sequence[NameLine]) -> tuple[Optional[list[_Named]], list[str]]:
    """Each row's name and the codes the catalogue knows it under (beginning with the row's printed
    code), and the header words skipped; None where a row finds no name the catalogue confirms."""
    out: list[_Named] = []
    header: list[str] = []
    k = 0

    def take(r: int, at: int) -> tuple[Optional[_Named], int]:
        first = names[at]
        if codes[r].rest and first.code_at != r:
            return None, at
        if not codes[r].rest and first.code_at >= 0:
            return None, at
        text, lines = first.text, [first.line]
        j = at + 1
        while True:
            opts = _candidates(codes[r].prefix, text)
            if first.piece:
                opts = [c for c in opts if len(c) >= 5 and c.endswith(first.piece)]
            if opts:
                return _Named(text, lines, first.piece, opts), j
            if len(lines) >= _MAX_JOIN or j >= len(names) or names[j].piece or names[j].code_at >= 0:
                return None, at
            text += names[j].text
            lines.append(names[j].line)
            j += 1

    for r in range(len(codes)):
        while k < len(names) and names[k].code_at < 0 and not names[k].piece and (
                names[k].text in _LABEL_WORDS or names[k].text in header):
            k += 1  # the header's words (printed again on a new page)
        if k >= len(names):
            return None, header
        got, nxt = take(r, k)
        while got is None and names[k].code_at < 0 and not names[k].piece and (
                r == 0 or _header_word(names[k].text)):
            header.append(names[k].text)  # the header's words before the first name
            k += 1
            if k >= len(names):
                return None, header
            got, nxt = take(r, k)
        if got is None:
            return None, header
        out.append(got)
        k = nxt
    while k < len(names) and names[k].code_at < 0 and not names[k].piece and (
            names[k].text in _LABEL_WORDS or names[k].text in header or _header_word(names[k].text)):
        header.append(names[k].text)  # header words printed after the names
        k += 1
    if k != len(names):
        return None, header  # a name line no row takes
    return out, header


def _interleaves(pieces: Sequence[str], first: Sequence[str], second: Sequence[str]) -> bool:
    """`pieces` is `first` and `second` interleaved, each in its order."""
    n, m = len(first), len(second)
    if len(pieces) != n + m:
        return False
    reach = [[False] * (m + 1) for _ in range(n + 1)]
    reach[0][0] = True
    for a in range(n + 1):
        for b in range(m + 1):
            if not reach[a][b]:
                continue
            p = a + b
            if p == n + m:
                continue
            if a < n and pieces[p] == first[a]:
                reach[a + 1][b] = True
            if b < m and pieces[p] == second[b]:
                reach[a][b + 1] = True
    return reach[n][m]


def _needed(codes: Sequence[CodeLine], named: Sequence[_Named], chosen: Sequence[str]) -> tuple[list[str], list[str]]:
    """The 款 pieces and the 项 pieces the chosen codes need beyond what their lines print."""
    kuan: list[str] = []
    xiang: list[str] = []
    for cl, nm, code in zip(codes, named, chosen):
        shown = len(cl.prefix)
        if len(code) >= 5 and shown < 5 and not (nm.piece and len(code) == 5):
            kuan.append(code[3:5])
        if len(code) == 7 and shown < 7 and not nm.piece:
            xiang.append(code[5:7])
    return kuan, xiang


def label_rows(codes: Sequence[CodeLine], names: Sequence[NameLine],
               pieces: Sequence[PieceLine]) -> tuple[Optional[list[LabelRow]], list[str]]:
    """The rows (code and name each), when exactly one reading of the streams is left; and the
    header words met before the first name."""
    if not codes:
        return None, []
    named, header = _names(codes, names)
    if named is None:
        return _by_level(codes, names, pieces, header)
    printed = [p.text for p in pieces]
    found: list[tuple[str, ...]] = []
    steps = 0

    def walk(r: int, chosen: list[str], last3: str, last5: str) -> bool:
        """Depth-first over the codes each row may have; True to stop (two readings, too long)."""
        nonlocal steps
        steps += 1
        if steps > _MAX_READINGS:
            return True
        if r == len(named):
            kuan, xiang = _needed(codes, named, chosen)
            if _interleaves(printed, kuan, xiang) and tuple(chosen) not in found:
                found.append(tuple(chosen))
            return len(found) > 1
        opts = named[r].options
        for code in opts:
            if len(opts) > 1 and ((len(code) == 5 and code[:3] != last3) or (len(code) == 7 and code[:5] != last5)):
                continue  # several codes have the name: the one under the rows above it
            n3 = code[:3] if len(code) >= 3 else last3
            n5 = code[:5] if len(code) >= 5 else ("" if len(code) == 3 else last5)
            chosen.append(code)
            stop = walk(r + 1, chosen, n3, n5)
            chosen.pop()
            if stop:
                return True
        return False

    if walk(0, [], "", "") or len(found) != 1:
        return _by_level(codes, names, pieces, header)
    rows = []
    for cl, nm, code in zip(codes, named, found[0]):
        orig = cl.orig if len(cl.prefix) == len(code) else _printed_code(code)
        rows.append(LabelRow(code, orig, cl.line, nm.name, nm.lines))
    return rows, header


def _named_rows(names: Sequence[NameLine]) -> tuple[Optional[list[_Named]], list[str]]:
    """Every row's name (any code the catalogue knows it under), the rows set by the names alone;
    and the header words skipped. None where a name line is on a code's line or no row takes it."""
    out: list[_Named] = []
    header: list[str] = []
    k = 0
    while k < len(names):
        first = names[k]
        if first.code_at >= 0:
            return None, header
        if not first.piece and (first.text in _LABEL_WORDS or first.text in header):
            k += 1  # the header's words (printed again on a new page)
            continue
        text, lines, j, got = first.text, [first.line], k + 1, None
        while True:
            opts = _candidates("", text)
            if first.piece:
                opts = [c for c in opts if len(c) >= 5 and c.endswith(first.piece)]
            if opts:
                got = _Named(text, lines, first.piece, opts)
                break
            if len(lines) >= _MAX_JOIN or j >= len(names) or names[j].piece or names[j].code_at >= 0:
                break
            text += names[j].text
            lines.append(names[j].line)
            j += 1
        if got is None:
            if not first.piece and (not out or _header_word(first.text)):
                header.append(first.text)  # a header word before the first name, or among the names
                k += 1
                continue
            return None, header
        out.append(got)
        k = j
    return out, header


def _by_level(codes: Sequence[CodeLine], names: Sequence[NameLine], pieces: Sequence[PieceLine],
              header: list[str]) -> tuple[Optional[list[LabelRow]], list[str]]:
    """The rows of a table whose 类 / 款 / 项 columns print only the part each row adds (`201` on the
    类 row, `08` on the 款 row, `01` on each 项 row): the rows are the names, each code one the
    catalogue knows under its name, in the table's tree order (a 款 under the 类 row above, a 项 under
    the 款 row above); the 类 rows' codes must be the code lines in order and the 款 and 项 parts the
    lone pieces printed (interleaved as the boxes fall). Taken only when one reading is left."""
    if not codes or any(len(c.prefix) != 3 or c.rest for c in codes):
        return None, header
    named, words = _named_rows(names)
    if named is None or len(named) <= len(codes):
        return None, header
    lei = [c.prefix for c in codes]
    printed = [p.text for p in pieces]
    found: list[tuple[str, ...]] = []
    steps = 0

    def walk(r: int, chosen: list[str], n_lei: int, last3: str, last5: str) -> bool:
        nonlocal steps
        steps += 1
        if steps > _MAX_READINGS:
            return True
        if r == len(named):
            if n_lei != len(lei):
                return False
            kuan = [c[3:5] for c, nm in zip(chosen, named) if len(c) == 5 and not nm.piece]
            xiang = [c[5:7] for c, nm in zip(chosen, named) if len(c) == 7 and not nm.piece]
            if _interleaves(printed, kuan, xiang) and tuple(chosen) not in found:
                found.append(tuple(chosen))
            return len(found) > 1
        for code in named[r].options:
            if len(code) == 3:
                if n_lei >= len(lei) or code != lei[n_lei]:
                    continue
                state = (n_lei + 1, code, "")
            elif len(code) == 5:
                if code[:3] != last3:
                    continue
                state = (n_lei, last3, code)
            elif len(code) == 7:
                if not last5 or code[:5] != last5:
                    continue
                state = (n_lei, last3, last5)
            else:
                continue
            chosen.append(code)
            stop = walk(r + 1, chosen, *state)
            chosen.pop()
            if stop:
                return True
        return False

    if walk(0, [], 0, "", "") or len(found) != 1:
        return None, header
    rows: list[LabelRow] = []
    at = 0
    for nm, code in zip(named, found[0]):
        line = nm.lines[0]
        if len(code) == 3:
            line = codes[at].line
            at += 1
        rows.append(LabelRow(code, _printed_code(code), line, nm.name, nm.lines))
    return rows, words


def rows_by_names(names: Sequence[NameLine], pieces: Sequence[PieceLine]
                  ) -> tuple[list[list[LabelRow]], list[str]]:
    """The readings of a table that prints names only (no code line, no piece): each row's code one
    the catalogue knows under its name, in tree order, in one catalogue only; at most
    `_MAX_NAME_READINGS` of them (the caller keeps the one the amounts' sums confirm), none unless
    every row gets a code (see the module text). Also the header words met before the first name."""
    if pieces or not names or any(_CODE_WORD.search(n.text) for n in names):
        return [], []  # (a header that names a code column: the codes are printed, not found here)
    named, header = _named_rows(names)
    if not named or len(named) < _MIN_NAMED_ROWS:
        return [], header
    found = [r for kind in ("function", "economic")
             for r in [readings([nm.name for nm in named], kind, _MAX_NAME_READINGS)] if r]
    if len(found) != 1:
        return [], header
    return [[LabelRow(code, "", nm.lines[0], nm.name, nm.lines, inferred=True) for nm, code in zip(named, codes)]
            for codes in found[0]], header
