"""Reader `groups-stream`: 公开06表 code/name/amount groups, and labelled rows of a table no template
knows, printed one cell per line with blank cells absent (PyMuPDF, pdftotext without -layout).

What it does, for a table whose title names the `groups` shape (一般公共预算财政拨款基本支出决算表; or
an unknown title over a header that prints 经济分类科目编码 twice): after the header's words (the
groups counted by its 编码 / 代码 labels), the stream is read as segments `code (or 类 款 parts)
name (possibly broken over lines) [amount]` in reading order, then `人员经费合计 amount 公用经费合计
amount`. Each group's codes ascend down its column and a 款 stands in its 类's group, so the segments
are laid back into printed rows (a segment that can stand in the current row does; only the order of
the rows within a group depends on it). A blank amount is absent, so a segment's amount is the
amount that follows its name; the amounts are then checked by the accounting identities: a 类 is
the sum of its 款, the 合计 labels add up to the 类. Amounts of a family that does not add up (the
text's reading order moved an amount away from its code), and an integer that may be the next code,
carry an unconfirmed `layout.column_guess` repair (to review, with the reason).
Where the reading order breaks (pdftotext without -layout prints a ruled table by blocks: a cell on
two lines splits the rows around it, names and amounts go apart from their codes, `213.36 30211`),
the stream is read again by the codes' places (`_by_rows`): a code's row is its rank in its group, an
amount printed on one line before a code is the left group's amount in that row, a name is kept only
where the catalogue names the code so; taken only where it keeps every amount the reading in order
gave and places more.
For a table no template knows (整体支出绩效评价基础数据表 and the like), and for a 三公 table whose rows
are labelled (行政经费 / “三公”经费 / 其中：（一）… by fund, under a title templates.py names), the stream is read as
segments `words values` (values: amounts, percentages, a dash for an empty cell). A row is read only
when the table's header names the columns and every segment prints exactly one value per column:
the words before a row's values are its label (a label broken over lines is joined), or a header
line (a corner word and one word per column) then the label. Where the words cannot be split for
certain (as many words as columns, or one more: is the last the label or a column name?) that
segment's values are not read.
What it does not: read a table whose segments print different numbers of values (blank cells absent
make the placement unknowable: the table is declined), subject tables (row_stream.py), the other
shapes in this layout, or budget 基本支出表 printed as groups (templates.py names them `subject`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product
from decimal import Decimal, InvalidOperation
from typing import Optional, Sequence

import regex as re

from ..catalog import codes_named, lookup
from ..datamodel import Cell, GridBlock, NLine
from ..evidence.numbers import CENT_PER_PART
from ..evidence.printed import TITLE_END
from .spaced_text import (AMOUNT, after_title, amount_cell, cell_line, stream_furniture, text_cell,
                          title_above, title_like)
from .templates import identify
from .text_tables import text_reader, with_report
from .value_lines import has_value_lines

_CODE = re.compile(r"^(?:\d{3}|\d{5})$")
_PART = re.compile(r"^\d{2}$")
_HAN = re.compile(r"\p{Han}")
_PROSE = re.compile(r"[，。；]")  # a label may hold a colon (项目支出：), a cell no sentence
_PERCENT = re.compile(r"^-?\d+(?:\.\d+)?%$")
_DASH = re.compile(r"^(?:-|—|–|——|－)$")
_CODE_FIRST = re.compile(r"^[\[【]?\d{3}(?:\d{2}){0,2}(?![\d.,])")
_NOT_A_LABEL = re.compile(r"^(?:栏次|行次)$")
_PROBE = 40  # lines looked at to tell a cell stream from rows printed one per line
_MAX_LINES = 1500  # a table's region in lines
_MIN_ROWS = 3  # labelled rows a table must give
_MAX_HEADER = 60  # words of a header looked for again amid the rows
_MAX_UNPLACED_CLASSES = 4  # 类 whose group nothing gives, each tried in every group
_CENT = CENT_PER_PART  # per added part (evidence/numbers.py)
_DOUBT_SUM = ("row uncertain: the 类 amount is not the sum of its 款 amounts as read (the text's reading "
              "order may have moved an amount away from its code)")
_DOUBT_TOTAL = "row uncertain: the 合计 amounts are not the sum of the 类 amounts as read"
_DOUBT_CODE = ("amount or code uncertain: a three-digit integer after a name that is also an economic code; "
               "read as the amount")

Token = tuple[str, int]  # word, index of its line


# --- the stream -------------------------------------------------------------------------------

def _value(word: str) -> bool:
    return bool(AMOUNT.match(word) or _PERCENT.match(word) or _DASH.match(word))


def _kind(lines: Sequence[NLine], i: int) -> Optional[str]:
    """`groups` under a title of that shape, `untitled` under a table title no template knows,
    `labelled` under a 三公 title (its labelled rows: 行政经费 / “三公”经费 / 其中：（一）… by fund)."""
    title = title_above(lines, i)
    template = identify(" ".join(ln.text for ln in title), "")
    if template is not None:
        return {"groups": "groups", "flat_values": "labelled"}.get(template.shape)
    return "untitled" if any(TITLE_END.search(ln.text.strip()) for ln in title) else None


def _is_stream(lines: Sequence[NLine], i: int) -> bool:
    seen = lone = 0
    for k in range(i, min(len(lines), i + 3 * _PROBE)):
        t = lines[k].text.strip()
        if not t or (not lone and _unit_line(lines[k])):
            continue
        if not cell_line(lines[k], _PROSE) or title_like(lines[k]):
            break
        seen += 1
        lone += all(_value(w) for w in t.split())  # amounts alone (pdftotext: with the next code)
        if seen >= _PROBE:
            break
    return lone >= 3 and 4 * lone >= seen


def _unit_line(line: NLine) -> bool:
    """A unit / department line (单位：万元) that pdftotext prints among the header's words."""
    return title_like(line) and not TITLE_END.search(line.text.strip())


def _region(lines: Sequence[NLine], i: int) -> tuple[list[Token], list[NLine]]:
    """The words of the table's cell lines from lines[i] on, each with its line's index, and the
    unit lines printed among the header's words."""
    out: list[Token] = []
    units: list[NLine] = []
    for j in range(i, min(len(lines), i + _MAX_LINES)):
        ln = lines[j]
        t = ln.text.strip()
        if not t or stream_furniture(lines, ln, value=_value):
            continue
        if _unit_line(ln) and not any(_value(w) for w, _ in out):
            units.append(ln)
            continue
        if not cell_line(ln, _PROSE) or (title_like(ln) and out):
            break
        out.extend((w, j) for w in t.split())
    return out, units


def _amount(text: str) -> Optional[Decimal]:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


# --- code / name / amount groups -------------------------------------------------------------

@dataclass
class _Seg:
    code: str
    code_orig: str
    at: int  # line index of the code
    name: str = ""
    name_at: list[int] = field(default_factory=list)
    amount: Optional[str] = None
    amount_at: int = 0
    doubt: Optional[str] = None
    group: int = 0


@dataclass
class _Total:
    label: str
    at: int
    amount: str
    amount_at: int
    doubt: Optional[str] = None


def _opens(toks: list[Token], k: int) -> int:
    """How many tokens the code at toks[k] takes (1, or 2 for `301 01`) when a segment opens there
    (a code of a known 类, then a name), else 0."""
    w = toks[k][0]
    if not _CODE.match(w) or lookup(w[:3], "economic") is None:
        return 0
    n = 2 if len(w) == 3 and k + 1 < len(toks) and _PART.match(toks[k + 1][0]) else 1
    nxt = toks[k + n][0] if k + n < len(toks) else ""
    return n if nxt and not _value(nxt) and _HAN.search(nxt) else 0


def _nameless_code(word: str) -> bool:
    """A 款 code of the catalogue printed without its name (a five-digit integer is no amount here)."""
    return len(word) == 5 and word.isdigit() and lookup(word, "economic") is not None


def _repeats(toks: list[Token], k: int, header: list[str]) -> bool:
    """The header's words printed again from toks[k] on (a new page)."""
    return 2 <= len(header) <= _MAX_HEADER and toks[k][0] == header[0] \
        and [w for w, _ in toks[k:k + len(header)]] == header


def _name_word(toks: list[Token], k: int, header: list[str]) -> bool:
    """toks[k] goes on with a segment's name: no amount, no 合计 label, no word of the header (one
    printed amid the rows means the reading order broke: the table ends there)."""
    w = toks[k][0]
    return not _value(w) and "合计" not in w and not (len(w) >= 3 and w in header)


def _segments(toks: list[Token], first: int, header: list[str]) -> tuple[list[_Seg], list[_Total], int]:
    """The coded segments and the 合计 pairs from toks[first] on, and the index of the first token
    that belongs to neither (the table ends there)."""
    segs: list[_Seg] = []
    totals: list[_Total] = []
    k, n = first, len(toks)
    while k < n:
        if _repeats(toks, k, header):
            k += len(header)
            continue
        w, at = toks[k]
        width = _opens(toks, k) if not totals else 0
        if width:
            parts = [x for x, _ in toks[k:k + width]]
            s = _Seg(code="".join(parts), code_orig=" ".join(parts), at=at)
            k += width
            while k < n and _name_word(toks, k, header):
                s.name += toks[k][0]
                s.name_at.append(toks[k][1])
                k += 1
            if k < n and AMOUNT.match(toks[k][0]) and not _opens(toks, k):
                if _nameless_code(toks[k][0]):
                    k += 1  # its name went elsewhere in the reading order: no amount of this segment
                else:
                    s.amount, s.amount_at = toks[k]
                    s.doubt = _DOUBT_CODE if _CODE.match(s.amount) and lookup(s.amount, "economic") else None
                    k += 1
            segs.append(s)
            continue
        if "合计" in w and not _value(w) and k + 1 < n and AMOUNT.match(toks[k + 1][0]):
            totals.append(_Total(label=w, at=at, amount=toks[k + 1][0], amount_at=toks[k + 1][1]))
            k += 2
            continue
        break
    return segs, totals, k


def _pad(code: str) -> str:
    return code.ljust(5, "0")


def _fixed(s: _Seg, class_group: dict[str, int]) -> Optional[int]:
    return class_group.get(s.code[:3]) if len(s.code) == 5 else None


def _assign(segs: list[_Seg], groups: int) -> None:
    """Each segment's group: a 款 stands in its 类's group; a code whose group is open (a 类, a 款
    whose 类 is not printed) takes the leftmost group that has not ended (a column's codes run on
    without gaps: a group a row skips is over) and whose last code is below it, in the current row
    when one is free before the next segment's group, else in a new row. (Where the codes allow two
    layouts, only the order of the rows within the groups differs, never a code's amount.)"""
    last: list[Optional[str]] = [None] * groups
    class_group: dict[str, int] = {}
    ended: set[int] = set()
    p = -1  # the current row's last group
    for idx, s in enumerate(segs):
        g = _fixed(s, class_group)
        if g is None:
            below = [x for x in range(groups) if last[x] is None or _pad(last[x]) < _pad(s.code)]
            cands = [x for x in below if x not in ended] or below or list(range(groups))
            q = _fixed(segs[idx + 1], class_group) if idx + 1 < len(segs) else None
            same = [x for x in cands if idx and x > p and (q is None or q <= p or x < q)]
            new = [x for x in cands if q is None or x < q] or cands
            g = min(same) if same else min(new)
        if idx and g > p:  # the same row: the groups between are blank, so over
            ended.update(range(p + 1, g))
        elif idx:  # a new row: the groups after the last row's last and before this one are over
            ended.update(range(p + 1, groups))
            ended.update(range(g))
        s.group, p = g, g
        last[g] = s.code
        if len(s.code) == 3:
            class_group[s.code] = g


def _cut(segs: list[_Seg]) -> list[list[_Seg]]:
    """Rows: a segment whose group is not right of the one before it opens a new row."""
    rows: list[list[_Seg]] = []
    for s in segs:
        if rows and s.group > rows[-1][-1].group:
            rows[-1].append(s)
        else:
            rows.append([s])
    return rows


def _adds_up(sums: list[Optional[Decimal]], parts: list[Optional[Decimal]]) -> bool:
    if None in sums or None in parts:
        return False
    gap = sum(sums, Decimal(0)) - sum(parts, Decimal(0))  # type: ignore[arg-type]
    return abs(gap) <= _CENT * (len(sums) + len(parts) - 1)


def _check_sums(segs: list[_Seg], totals: list[_Total]) -> None:
    """Each 类 the sum of its 款 and the 合计 labels the sum of the 类, as read; the amounts of a
    family that does not add up go to review."""
    classes = {s.code: s for s in segs if len(s.code) == 3}
    families: dict[str, list[_Seg]] = {}
    for s in segs:
        if len(s.code) == 5:
            families.setdefault(s.code[:3], []).append(s)
    for code in set(classes) | set(families):
        head, kids = classes.get(code), families.get(code, [])
        amounts = [_amount(s.amount) for s in kids if s.amount]
        members = ([head] if head else []) + kids
        if any(a is None for a in amounts):
            ok = False
        elif head is None:
            ok = not amounts  # 款 amounts under a 类 not printed: nothing to check them by
        elif head.amount is None:
            ok = all(a == 0 for a in amounts)
        else:
            total = _amount(head.amount)
            ok = bool(amounts) and total is not None and _adds_up([total], amounts)
        if not ok:
            for s in members:
                if s.amount:
                    s.doubt = s.doubt or _DOUBT_SUM
    class_amounts = [_amount(s.amount) for s in classes.values() if s.amount]
    total_amounts = [_amount(t.amount) for t in totals]
    if len(totals) < 2 or not class_amounts or not _adds_up(total_amounts, class_amounts):
        for t in totals:
            t.doubt = _DOUBT_TOTAL


def _groups_grid(lines: Sequence[NLine], i: int, header: list[str], rows: list[list[_Seg]],
                 totals: list[_Total], groups: int) -> list[list[Cell]]:
    header_text = "".join(header)
    value = next((w for w in ("决算数", "预算数", "金额") if w in header_text), "金额")
    at = lines[i]
    labels = ("经济分类科目编码", "科目名称", value)
    grid: list[list[Cell]] = [[text_cell(at, w) for _ in range(groups) for w in labels]]
    for segs in rows:
        cells = [text_cell(lines[segs[0].at], "") for _ in range(3 * groups)]
        for s in segs:
            base = 3 * s.group
            code_line = lines[s.at]
            cells[base] = Cell(text=s.code, orig=s.code_orig, line=code_line.no, page=code_line.page)
            name_line = lines[s.name_at[0]] if s.name_at else code_line
            cells[base + 1] = Cell(text=s.name, orig=s.name, line=name_line.no, page=name_line.page,
                                   joined=len(set(s.name_at)) > 1)
            if s.amount:
                cells[base + 2] = amount_cell(lines[s.amount_at], s.amount, s.doubt)
        grid.append(cells)
    if totals:
        row: list[Cell] = []
        for t in totals:
            row += [text_cell(lines[t.at], t.label), amount_cell(lines[t.amount_at], t.amount, t.doubt)]
        grid.append(row)
    return grid


def read_groups_stream(lines: Sequence[NLine], i: int, toks: list[Token]) -> tuple[Optional[GridBlock], int]:
    first = next((k for k in range(len(toks)) if _opens(toks, k)), None)
    if first is None:
        return None, i + 1
    header = [w for w, _ in toks[:first]]
    header_text = "".join(header)
    groups = header_text.count("编码") + header_text.count("代码")
    if groups < 1 or any(_value(w) for w in header):
        return None, i + 1
    segs, totals, stop = _segments(toks, first, header)
    if len(segs) < 2:
        return None, i + 1
    _assign(segs, groups)
    rows = _cut(segs)
    if stop < len(toks):  # the reading order broke: the rows laid back by their codes' places
        got = _by_rows(toks, first, header, groups, segs, totals)
        if got is not None:
            segs, totals, rows, stop = got
    _check_sums(segs, totals)
    grid = _groups_grid(lines, i, header, rows, totals, groups)
    end = toks[stop][1] if stop < len(toks) else toks[-1][1] + 1
    return _block(lines, i, end, grid), end


# --- the rows laid back by the codes' places (the reading order broken) ---------------------------

def _code_at(toks: list[Token], k: int) -> int:
    """How many tokens a code takes at toks[k]: a segment's code (`_opens`), or a code printed without
    its name next (a 款 of the catalogue, or a 类 right before one of its 款: `399` `39907`); else 0."""
    width = _opens(toks, k)
    if width:
        return width
    w = toks[k][0]
    if _nameless_code(w):
        return 1
    nxt = toks[k + 1][0] if k + 1 < len(toks) else ""
    return 1 if (len(w) == 3 and w.isdigit() and lookup(w, "economic") is not None
                 and len(nxt) == 5 and nxt.startswith(w)) else 0


def _by_rows(toks: list[Token], first: int, header: list[str], groups: int, read: list[_Seg],
             read_totals: list[_Total]) -> Optional[tuple[list[_Seg], list[_Total], list[list[_Seg]], int]]:
    """The whole stream read again where the reading order broke (pdftotext without -layout orders
    the words of a ruled table by blocks: a row whose cell holds two lines splits the rows around it,
    names and amounts go apart from their codes). Every code is kept (with its name only where the
    catalogue names the code so); a code's row is its rank in its group (the codes ascend down each
    group's column, the groups' rows side by side); an amount printed on one line right before a code
    is the amount of the group to that code's left in the same row (`213.36 30211`: 30211's row, the
    group before); an amount right after a code's name with no code to its right in that row is that
    code's. A 类 the first rows do not place takes the group left of the code its amount is printed
    before, a family whose code follows the amount of a placed family's code the group right of that
    one (two such groups for one 类: None); a 类 still without a group is tried in each, and the one
    layout where everything below holds is kept (none or several: None). Taken only when every amount
    printed before a code has a code to its left in that row, no two amounts meet in one place, every
    amount and 合计 the reading in order gave is the same here, and more amounts are placed; None
    otherwise. The sums are checked after, as for the reading in order."""
    class_group = {s.code: s.group for s in read if len(s.code) == 3}
    segs: list[_Seg] = []
    totals: list[_Total] = []
    glued: list[tuple[Token, _Seg, Optional[_Seg]]] = []  # amount, the code after it, the code before it
    after_name: list[tuple[Token, _Seg]] = []
    prev: Optional[_Seg] = None  # the code whose name the last words were, nothing else between
    pending: Optional[tuple[Token, Optional[_Seg]]] = None  # an amount printed right before a code
    k, n = first, len(toks)
    while k < n:
        if _repeats(toks, k, header):
            k += len(header)
            prev = None
            continue
        w, at = toks[k]
        width = _code_at(toks, k)
        if width:
            parts = [x for x, _ in toks[k:k + width]]
            seg = _Seg(code="".join(parts), code_orig=" ".join(parts), at=at)
            k += width
            while k < n and _name_word(toks, k, header) and not _code_at(toks, k):
                seg.name += toks[k][0]
                seg.name_at.append(toks[k][1])
                k += 1
            if pending is not None:
                glued.append((pending[0], seg, pending[1]))
                pending = None
            segs.append(seg)
            prev = seg
            continue
        if "合计" in w and not _value(w) and k + 1 < n and AMOUNT.match(toks[k + 1][0]):
            totals.append(_Total(label=w, at=at, amount=toks[k + 1][0], amount_at=toks[k + 1][1]))
            k += 2
            prev = None
            continue
        if AMOUNT.match(w) and k + 1 < n and toks[k + 1][1] == at and _code_at(toks, k + 1):
            pending = ((w, at), prev)
        elif AMOUNT.match(w) and prev is not None:
            after_name.append(((w, at), prev))
        prev = None
        k += 1
    codes = [s.code for s in segs]
    if len(set(codes)) != len(codes):
        return None
    known = dict(class_group)  # the groups the reading in order gave
    for _, right, left in glued:  # a 类 those rows do not place: the group left of the code its amount
        # comes before (`303` `对个人和家庭的补助` `8.19 30215`), or a family's code printed after the
        # amount of a code of a placed family: the group right of that one (`工会经费` `40.72 39908`)
        if left is None:
            continue
        g, h = known.get(right.code[:3]), known.get(left.code[:3])
        if g is not None and h is None and g > 0 and len(left.code) == 3:
            if class_group.setdefault(left.code, g - 1) != g - 1:
                return None
        elif h is not None and g is None and h + 1 < groups:
            if class_group.setdefault(right.code[:3], h + 1) != h + 1:
                return None
    unknown = sorted({s.code[:3] for s in segs if s.code[:3] not in class_group})
    if len(unknown) > _MAX_UNPLACED_CLASSES:
        return None
    by_code = {s.code: s for s in read}
    found: list[tuple[dict[int, int], dict[int, Token], list[list[_Seg]]]] = []
    for choice in product(range(groups), repeat=len(unknown)):  # each 类 still unplaced in each group:
        tried = {**class_group, **dict(zip(unknown, choice))}  # the one layout that holds, if one
        group = {id(s): tried[s.code[:3]] for s in segs}
        got = _lay_back(segs, group, glued, after_name, groups, by_code)
        if got is not None:
            found.append((group, *got))
    if len(found) != 1:
        return None
    group, placed, columns = found[0]
    for seg in segs:
        seg.group = group[id(seg)]
        if id(seg) in placed:
            seg.amount, seg.amount_at = placed[id(seg)]
            seg.doubt = _DOUBT_CODE if _CODE.match(seg.amount) and lookup(seg.amount, "economic") else None
        old = by_code.get(seg.code)
        if old is not None:
            seg.name, seg.name_at = old.name, old.name_at
        elif seg.code not in codes_named(seg.name, "economic"):
            seg.name, seg.name_at = "", []  # a name the words after the code do not give for certain
    if len(placed) <= sum(1 for s in read if s.amount):
        return None
    read_labels = {t.label: t.amount for t in read_totals}
    if any(t.label in read_labels and read_labels[t.label] != t.amount for t in totals):
        return None
    rows = [[col[r] for col in columns if r < len(col)] for r in range(max(len(col) for col in columns))]
    return segs, totals, rows, len(toks)


def _lay_back(segs: list[_Seg], group: dict[int, int], glued: list[tuple[Token, _Seg, Optional[_Seg]]],
              after_name: list[tuple[Token, _Seg]], groups: int,
              by_code: dict[str, _Seg]) -> Optional[tuple[dict[int, Token], list[list[_Seg]]]]:
    """The amounts' places (segment id -> amount) and the groups' columns when the segments stand in
    the groups `group` gives; None when an amount printed before a code has no code to its left in
    that row, two amounts meet, or an amount the reading in order gave is not the same here."""
    columns = [sorted((s for s in segs if group[id(s)] == g), key=lambda s: _pad(s.code)) for g in range(groups)]
    rank = {id(s): r for col in columns for r, s in enumerate(col)}
    placed: dict[int, Token] = {}
    for amount, right, _ in glued:
        g = group[id(right)]
        if g == 0:
            continue  # no group to its left: not placed
        if rank[id(right)] >= len(columns[g - 1]):
            return None  # no code to the left in that row: the rows are not as laid back
        target = columns[g - 1][rank[id(right)]]
        if id(target) in placed:
            return None
        placed[id(target)] = amount
    for amount, seg in after_name:
        g = group[id(seg)]
        right = columns[g + 1] if g + 1 < groups else []
        if rank[id(seg)] < len(right) or id(seg) in placed:
            continue  # a code to its right in the row: the amount may be that row's left neighbour's
        placed[id(seg)] = amount
    for seg in segs:
        old = by_code.get(seg.code)
        if old is not None and old.amount is not None and (
                id(seg) not in placed or _amount(placed[id(seg)][0]) != _amount(old.amount)):
            return None  # the reading in order gave this code another amount
    return placed, columns


def _group_of(seg: _Seg, class_group: dict[str, int]) -> Optional[int]:
    return class_group.get(seg.code[:3])


# --- labelled rows ---------------------------------------------------------------------------

def _words(toks: list[Token]) -> list[tuple[str, int, bool]]:
    """The stream as (text, line index, is a value); the words of one line that are no values are
    one text (a label printed with a space inside)."""
    out: list[tuple[str, int, bool]] = []
    for w, at in toks:
        v = _value(w)
        if not v and out and not out[-1][2] and out[-1][1] == at:
            out[-1] = (out[-1][0] + w, at, False)
        else:
            out.append((w, at, v))
    return out


def _cut_labelled(words: list[tuple[str, int, bool]]) -> Optional[list[tuple[list, list]]]:
    """(words, values) segments, words after the last values left out (the table ends before
    them); None when values come before any word (no header, no label)."""
    segs: list[tuple[list, list]] = []
    for item in words:
        if item[2]:
            if not segs:
                return None
            segs[-1][1].append(item)
        elif not segs or segs[-1][1]:
            segs.append(([item], []))
        else:
            segs[-1][0].append(item)
    if segs and not segs[-1][1]:
        segs.pop()
    return segs or None


def read_labelled_stream(lines: Sequence[NLine], i: int, toks: list[Token]) -> tuple[Optional[GridBlock], int]:
    segs = _cut_labelled(_words(toks))
    if not segs:
        return None, i + 1
    n = len(segs[0][1])
    if n < 2 or any(len(v) != n for _, v in segs) or len(segs[0][0]) < n:
        return None, i + 1  # rows print different numbers of values, or no header names the columns
    if any(_CODE_FIRST.match(w[0]) or _NOT_A_LABEL.match(w[0]) for ws, _ in segs for w in ws):
        return None, i + 1  # codes (a subject table) or 栏次 numbers: not labelled rows
    grid: list[list[Cell]] = []
    named = False  # a header line has named the columns the rows below print
    read = 0
    for at, (ws, vs) in enumerate(segs):
        k = len(ws)
        if k == n + 2 and (at == 0 or n >= 3):
            # a corner word and one word per column, then the row's label (a label is not broken into
            # five or more pieces; with two columns amid the rows, four pieces may be one label)
            corner, names, label = ws[0], ws[1:n + 1], [ws[-1]]
            grid.append([text_cell(lines[corner[1]], corner[0])] + [text_cell(lines[w[1]], w[0]) for w in names])
            named = True
        elif k >= n:
            # which words name columns and which is the label is not certain: this row is not read,
            # nor those below until a header line names the columns again
            named = False
            continue
        else:
            label = ws  # a label, broken over lines when it has several pieces
        if not named:
            continue
        text = "".join(w[0] for w in label)
        row = [text_cell(lines[label[0][1]], text, joined=len(label) > 1)]
        grid.append(row + [amount_cell(lines[at], v) for v, at, _ in vs])
        read += 1
    if read < _MIN_ROWS:
        return None, i + 1
    end = segs[-1][1][-1][1] + 1
    return _block(lines, i, end, grid), end


# --- the reader ------------------------------------------------------------------------------

def _block(lines: Sequence[NLine], i: int, end: int, grid: list[list[Cell]]) -> GridBlock:
    last = end - 1
    while last > i and not lines[last].text.strip():
        last -= 1
    block = GridBlock(rows=grid, first_line=lines[i].no, last_line=lines[last].no, method="groups-stream")
    block.preamble = []
    return with_report(block)


def _groups_header(toks: list[Token]) -> bool:
    """The words before the first coded segment are a header of code/name/amount groups."""
    first = next((k for k in range(len(toks)) if _opens(toks, k)), None)
    if first is None:
        return False
    template = identify("", " ".join(w for w, _ in toks[:first]))
    return template is not None and template.shape == "groups"


def read_stream(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    kind = _kind(lines, i)
    toks, units = _region(lines, i)
    if kind is None or not toks:
        return None, i + 1
    if kind == "labelled" or (kind == "untitled" and not _groups_header(toks)):
        block, end = read_labelled_stream(lines, i, toks)
    else:
        block, end = read_groups_stream(lines, i, toks)
    if block is not None:
        block.preamble = units  # after the title lines blocks.py takes from above the table
    return block, end


@text_reader(31)
class GroupsStreamReader:
    """Code/name/amount groups and labelled rows, one cell per line, blank cells absent."""

    name = "groups-stream"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        if not has_value_lines(lines) or not after_title(lines, i) or not lines[i].text.strip() \
                or not cell_line(lines[i], _PROSE):  # cached tests first
            return False
        return _kind(lines, i) is not None and _is_stream(lines, i)

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return read_stream(lines, i)
