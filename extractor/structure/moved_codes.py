"""Rows of a cell stream anchored on their names, for converters that move a row's code away from it.

What it does: pdftotext without `-layout` (and other flow-order converters) print a subject table
whose code stands in three 类 / 款 / 项 cells one cell per line, but move the codes of the 类 and 款
rows (cells merged over several rows, or centred in them) out of their rows: the 类 row prints its
name and amounts with no code, its code parts turn up later in front of the next 项 row
(`公共安全支出` `87267272.44` … `司法` `87267272.44` … `204` `06` `204` `06` `01` `行政运行` …), and the
first row's code may even stand among the header's words. `regroup(tokens)` cuts such a stream
into rows at their names instead of their codes: a row is its code parts (if any), its name (the
Han words after them) and its amounts; the code parts in front of a name are the last run that
opens with a 类 code (`204 06 01` -> 2040601; the earlier `204 06` is the moved code of the rows
above). A row printed with no code gets one only when the catalogue names it as the 类 or 款 of the
next row's code (`公共安全支出` before 2040601 is 204): that code is marked `moved` for the caller to
record as a repair (never as printed). A row whose code nothing settles keeps its name alone.
Runs of numbers after a name are split into the row's amounts and the next row's code parts by
form: a code part is an integer of 3 digits (a 类 code the catalogue knows) or 2 digits with a
leading zero-or-more pattern (`06`, `13`), an amount is anything else; in a table of integer
amounts a run can be ambiguous, and the stream is then declined (None).
`by_names(toks, columns)` reads a stream in which pdftotext scattered the codes further: the names
and amounts still come row by row, but code parts stand anywhere (before a row, after it, all the
last rows' codes run together at the table's end). Every code word is set aside; a row is its name
and the amounts after it; a row printing more amounts than the header's column set has columns
passes the rest to the next row (a 合计 printed before its row's codes). Each name takes the one
code the catalogue gives it under the rows above (a 项 of the current 款, a 款 of the current 类, or
a 类, none used twice), its 类 printed somewhere in the table; the rows are taken only when every
row gets such a code and its own amounts, and every parent's first amount is the sum of its
children's (the 合计 row's the sum of the 类 rows'), two such sums at least: else None. These codes
are marked `moved` too (never printed on their rows), except where the code words right before the
row's name print that very code (a 项 row that kept its code: `2050101` `行政运行`). The header's
last words printed after the first rows (`项` `本年支出`) join the header, and amounts after them join
the 合计 row up to its column count; an amount printed after a later row's goes back to the one row
above it completes (the later row adds up without it and not with it: a total column the sum of
the others). The 合计 row may come first with no label, its amounts right after the header's last
word (`… 公用经费` `项目支出` `105,814.60` …), its label printed further down among the moved codes
(`合计` `205` `20501` …) or as a second 合计 word in the header: taken when the amounts are as many as
the column set's columns and hold its identity (`_set_adds_up`: with sub-columns under 基本支出,
合计 = 小计 + 项目支出 and 小计 = 人员经费 + 公用经费), the sums of the 类 rows then checked as for any
合计 row. The column set may be one with sub-columns (spaced_rows.GROUPED_COLUMNS); a header naming
the economic classification (部门预算支出经济分类科目) takes codes and names from the economic
catalogue (301 工资福利支出, 30101 基本工资).
What it does not: decide columns (the spaced reader does, from the header and the identities), read
side-by-side tables, or guess codes the catalogue does not confirm.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Callable, Optional

import regex as re

from ..catalog import child_codes, code_for_path, lookup, name_matches
from ..datamodel import NLine
from ..evidence.numbers import CENT_PER_PART

Token = tuple[str, NLine]

_LEI = re.compile(r"^[1-9]\d{2}$")
_PART = re.compile(r"^\d{2}$")
_FULL = re.compile(r"^[1-9]\d{4}(?:\d{2})?$")
_AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_HAN = re.compile(r"\p{Han}")
_MIN_ROWS = 3
_TOTAL = re.compile(r"^(?:合计|总计)$")
_COLUMN_NO = re.compile(r"^\d{1,2}$")
_FIRST_TOTAL = re.compile(r"合计|小计|总计")
_CENT = CENT_PER_PART  # per added part (evidence/numbers.py)
# column labels of a subject table's header, never a subject's name
_COLUMN_WORD = re.compile(r"^(?:项|目|项目|类|款|科目名称|(?:功能分类|经济分类|支出功能分类)?科目(?:编码|代码)?|编码|[栏行]次|"
                          r"本年(?:收入|支出)(?:合计)?|小计|基本支出|项目支出|上缴上级支出|经营支出|对附属单位补助支出?|"
                          r"人员经费|公用经费|支出预算|收入预算)$")
_ECONOMIC = re.compile(r"经济分类")
_HEADER_WORD = re.compile(r"^(?:项|类|款|\p{Han}{0,8}(?:收入|支出|预算|合计|小计|经费|名称|编码))$")


@dataclass
class Row:
    code: Optional[str]
    name: list[Token]
    amounts: list[Token]
    moved: bool = False  # the code was not printed on the row: the catalogue gave it from the next row's
    code_tokens: list[Token] = field(default_factory=list)


def _numeric(w: str) -> bool:
    return bool(_AMOUNT.match(w))


def _code_run(words: list[str]) -> bool:
    """The words are code parts only: runs of a 类 code with its 款 and 项 parts, or full codes."""
    k = 0
    while k < len(words):
        w = words[k]
        if _FULL.match(w) and lookup(w) is not None:
            k += 1
            continue
        if not (_LEI.match(w) and lookup(w) is not None):
            return False
        k += 1
        m = 0
        while k < len(words) and _PART.match(words[k]) and m < 2:
            k += 1
            m += 1
    return True


def _split_tail(nums: list[Token]) -> Optional[tuple[list[Token], list[Token]]]:
    """A run of numbers after a name: (the row's amounts, the next row's code parts). The code parts
    are the longest tail that reads as code parts and holds no decimal point; None when the run
    could be split in more than one sensible way (integer amounts that read as codes)."""
    words = [w for w, _ in nums]
    cut = len(words)
    for k in range(len(words) - 1, -1, -1):
        if "." in words[k] or "," in words[k]:
            break
        if _code_run(words[k:]) and _LEI.match(words[k]) or (_FULL.match(words[k]) and _code_run(words[k:])):
            cut = k
    if 0 < cut < len(words) and not any("." in w for w in words[:cut]):
        return None  # integer amounts before integer codes: which is which is not certain
    return nums[:cut], nums[cut:]


def _code_of(parts: list[str]) -> Optional[str]:
    """The code the parts in front of a name print: the last run that opens with a 类 code or is a
    full code (`204 06 204 06 01` -> 2040601)."""
    starts = [k for k, w in enumerate(parts) if _LEI.match(w) or _FULL.match(w)]
    if not starts:
        return None
    run = parts[starts[-1]:]
    if _FULL.match(run[0]):
        return run[0] if len(run) == 1 else None
    if len(run) > 3 or not all(_PART.match(w) for w in run[1:]):
        return None
    code = "".join(run)
    return code if lookup(code) is not None else None



def _name_then_numbers(toks: list[Token], k: int) -> Optional[tuple[list[Token], list[Token], int]]:
    """From toks[k]: a run of name words, then a run of numbers (name, numbers, index after them);
    None where a word is neither a name nor a number (not this shape)."""
    n = len(toks)
    name: list[Token] = []
    while k < n and not _numeric(toks[k][0]):
        if not _HAN.search(toks[k][0]):
            return None
        name.append(toks[k])
        k += 1
    nums: list[Token] = []
    while k < n and _numeric(toks[k][0]):
        nums.append(toks[k])
        k += 1
    return name, nums, k

def regroup(toks: list[Token]) -> Optional[tuple[list[Token], list[Row]]]:
    """The header's tokens and the rows of a stream cut at its names (see the module text), or None
    when the stream does not read as name-anchored rows."""
    # the first row: the first Han word followed by an amount that no header word precedes
    first = next((k for k in range(len(toks) - 1) if _HAN.search(toks[k][0]) and _numeric(toks[k + 1][0])
                  and "." in toks[k + 1][0]), None)
    if first is None:
        return None
    header = [t for t in toks[:first] if not (_LEI.match(t[0]) and lookup(t[0]) is not None) and not _PART.match(t[0])]
    rows: list[Row] = []
    pending_codes: list[Token] = []
    k = first
    n = len(toks)
    while k < n:
        run = _name_then_numbers(toks, k)
        if run is None:
            return None
        name, nums, k = run
        if not name:
            return None
        if k >= n:
            amounts, codes = nums, []
        else:
            split = _split_tail(nums)
            if split is None:
                break  # integer amounts and codes run together: the table is read up to here
            amounts, codes = split
        if amounts and all(_COLUMN_NO.match(w) for w, _ in amounts):
            # `类 科目名称 … 其他收入 6 7`: the header's last words and its column numbers, printed
            # after the first rows; amounts printed to the cent are never such small integers
            header.extend(name)
            pending_codes = pending_codes + codes
            continue
        if not rows and all(_COLUMN_WORD.match(w) for w, _ in name):
            return None  # a row of amounts right after the header's last word: its label stands elsewhere (by_names)
        if not amounts and codes:
            if not all(_HEADER_WORD.match(w) for w, _ in name):
                break  # a name with no amounts before the next codes: the order mixes rows from here
            header.extend(name)  # the header's last words printed after the first rows
            pending_codes = pending_codes + codes
            continue
        code = _code_of([w for w, _ in pending_codes])
        rows.append(Row(code=code, name=_trim_name(name, code), amounts=amounts, code_tokens=list(pending_codes)))
        pending_codes = codes
    _total_after_amounts(rows)
    rows = _until_mixed(rows)
    _codes_from_next(rows)
    if len(rows) < _MIN_ROWS or sum(1 for r in rows if r.code) < len(rows) / 2:
        return None
    return header, rows


def _until_mixed(rows: list[Row]) -> list[Row]:
    """The rows up to the first that prints more amounts than the rows do (the reading order put
    the amounts of rows below after it): from there no amount can be placed on its row."""
    if not rows:
        return rows
    width = Counter(len(r.amounts) for r in rows).most_common(1)[0][0]
    bad = next((k for k, r in enumerate(rows) if len(r.amounts) > width), None)
    return rows if bad is None else rows[:bad]


def _total_after_amounts(rows: list[Row]) -> None:
    """`购房补贴` `a b c` `t u v` `合计`: the 合计 label printed after its amounts, which then run on
    after the last row's; the row's count of amounts (the one most rows print) tells them apart."""
    last = rows[-1]
    if last.amounts or not _TOTAL.match("".join(w for w, _ in last.name)) or len(rows) < 2:
        return
    counts = Counter(len(r.amounts) for r in rows[:-1])
    width = counts.most_common(1)[0][0]
    before = rows[-2]
    if width and len(before.amounts) == 2 * width:
        before.amounts, last.amounts = before.amounts[:width], before.amounts[width:]


def _trim_name(name: list[Token], code: Optional[str]) -> list[Token]:
    """The row's name among the words before its amounts: all of them (a name broken over lines)
    unless the catalogue names the row's code by the last words alone (a header repeated at a page
    top stands before them), or, with no code, the last two words at most."""
    if len(name) == 1:
        return name
    if code is not None:
        if name_matches(code, "".join(w for w, _ in name)):
            return name
        for k in range(len(name) - 1, 0, -1):
            if name_matches(code, "".join(w for w, _ in name[k:])):
                return name[k:]
        return name if len(name) <= 2 else name[-1:]
    return name[-2:] if len(name) <= 2 else name[-1:]


def _runs(parts: list[str]) -> list[str]:
    """Every code the parts print: each run opening with a 类 code (`210` `210 11` `210 11 01`)
    and each of its prefixes, and full codes."""
    out: list[str] = []
    cur = ""
    for w in parts:
        if _FULL.match(w):
            cur = w
        elif _LEI.match(w):
            cur = w
        elif _PART.match(w) and cur and len(cur) < 7:
            cur += w
        else:
            cur = ""
            continue
        out.append(cur)
    return [c for c in out if lookup(c) is not None]


def _codes_from_next(rows: list[Row]) -> None:
    """A row printed with no code takes one the catalogue names it by, among the codes printed
    between it and the next coded row (moved there by the converter) and the 类 and 款 of that
    row's code; only a single such code is taken."""
    for k, r in enumerate(rows):
        if r.code:
            continue
        cands: set[str] = set()
        for later in rows[k:]:
            cands.update(_runs([w for w, _ in later.code_tokens]))
            if later.code:
                cands.update(later.code[:n] for n in (3, 5) if len(later.code) > n)
                break
        name = "".join(w for w, _ in r.name)
        hits = {c for c in cands if name_matches(c, name)}
        if len(hits) == 1:
            r.code, r.moved = hits.pop(), True


# --- rows by their names alone: codes scattered through the stream ------------------------------

_MIN_PARENTS = 2  # parents whose first amount must equal the sum of their children's


def _is_code_word(w: str, kind: str = "function") -> bool:
    return bool(_PART.match(w) or (_LEI.match(w) and lookup(w, kind) is not None)
                or (_FULL.match(w) and lookup(w, kind) is not None))


def _named_code(name: str, lei: Optional[str], kuan: Optional[str], used: set[str], kind: str = "function"
                ) -> Optional[str]:
    """The one code the catalogue gives `name` under the rows above: a 项 of the current 款, a 款
    of the current 类, or a 类; None when there is none or more than one (codes taken already by
    rows above are no candidates: a table prints each code once)."""
    cands: set[str] = set()
    if kuan is not None:
        cands |= child_codes(kuan, name, kind)
    if lei is not None:
        cands |= child_codes(lei, name, kind)
    top = code_for_path([name], kind=kind)
    if top is not None and len(top) == 3:
        cands.add(top)
    cands -= used
    return cands.pop() if len(cands) == 1 else None


def _first(r: Row) -> Optional[Decimal]:
    if not r.amounts:
        return None
    try:
        return Decimal(r.amounts[0][0].replace(",", ""))
    except InvalidOperation:
        return None


def _sums_hold(rows: list[Row]) -> bool:
    """Every parent row with rows under it prints, as its first amount, the sum of their first
    amounts (a 合计 row the sum of the 类 rows'), `_MIN_PARENTS` such sums at least."""
    firsts = {r.code: _first(r) for r in rows if r.code}
    total = next((_first(r) for r in rows if r.code is None), None)
    checked = 0
    for c, v in firsts.items():
        kids = [x for k, x in firsts.items() if len(k) == len(c) + 2 and k.startswith(c)]
        if not kids:
            continue
        if v is None or any(x is None for x in kids) or abs(v - sum(kids, Decimal(0))) > _CENT * len(kids):
            return False
        checked += 1
    tops = [x for k, x in firsts.items() if len(k) == 3]
    if total is not None and tops:
        if any(x is None for x in tops) or abs(total - sum(tops, Decimal(0))) > _CENT * len(tops):
            return False
        checked += 1
    return checked >= _MIN_PARENTS


def _adds_up(amounts: list[Token]) -> bool:
    """The first amount (a total column) is the sum of the others."""
    try:
        values = [Decimal(w.replace(",", "")) for w, _ in amounts]
    except InvalidOperation:
        return False
    return len(values) >= 2 and abs(values[0] - sum(values[1:], Decimal(0))) <= _CENT * (len(values) - 1)


def _strays_home(rows: list[Row], width: int) -> None:
    """An amount pdftotext printed after a later row's (`其他科学技术管理事务支出` `218.03` …
    `行政事业单位养老支出` `96.63` `96.63` `218.03`): the later row adds up without its last amount
    and not with it, and exactly one row above lacks an amount to add up (a total with one part
    printed alone, a 合计 row missing its last column) and adds up with it: it goes back there."""
    for k, y in enumerate(rows):
        if len(y.amounts) < 3 or _adds_up(y.amounts) or not _adds_up(y.amounts[:-1]):
            continue
        stray = y.amounts[-1]
        homes = [x for x in rows[:k] if len(x.amounts) < width and not _adds_up(x.amounts)
                 and _adds_up(x.amounts + [stray])]
        if len(homes) == 1:
            y.amounts = y.amounts[:-1]
            homes[0].amounts.append(stray)


def _set_adds_up(named: tuple[str, ...], amounts: list[Token]) -> bool:
    """A row's amounts hold the identity of the column set `named` (leaves, a group's as
    `group/leaf`): with a total first column, it is the sum of the top-level columns after it (a
    group by its 小计 where it has one, else by its leaves), and a group's 小计 the sum of its other
    leaves. A set whose first column is no total holds no identity (True)."""
    try:
        values = [Decimal(w.replace(",", "")) for w, _ in amounts]
    except InvalidOperation:
        return False
    if len(values) != len(named):
        return False
    if not _FIRST_TOTAL.search(named[0]):
        return True
    tops: list[Decimal] = []
    groups: dict[str, list[tuple[str, Decimal]]] = {}
    for label, v in zip(named[1:], values[1:]):
        group, _, leaf = label.rpartition("/")
        if group:
            groups.setdefault(group, []).append((leaf, v))
        else:
            tops.append(v)
    for leaves in groups.values():
        sub = [v for leaf, v in leaves if _FIRST_TOTAL.search(leaf)]
        rest = [v for leaf, v in leaves if not _FIRST_TOTAL.search(leaf)]
        if sub and abs(sub[0] - sum(rest, Decimal(0))) > _CENT * len(rest):
            return False
        tops.extend(sub[:1] or rest)
    return abs(values[0] - sum(tops, Decimal(0))) <= _CENT * len(tops)


def _printed_code(parts: list[str]) -> Optional[str]:
    """The code the code words right before a name print: the last full code, else the last run
    of a 类 code and its parts (`201 06 01` -> 2010601); None when there is none."""
    at = next((x for x in range(len(parts) - 1, -1, -1) if _FULL.match(parts[x]) or _LEI.match(parts[x])), None)
    if at is None:
        return None
    if _FULL.match(parts[at]):
        return parts[at] if at == len(parts) - 1 else None
    return "".join(parts[at:]) if all(_PART.match(w) for w in parts[at + 1:]) else None


def _lead_total(named: Optional[tuple[str, ...]], amounts: list[Token], rest: list[Token],
                head: list[Token], kind: str = "function") -> Optional[Row]:
    """The 合计 row whose amounts close the header while its label stands later among the moved
    codes (`… 公用经费` `项目支出` `105,814.60` `2,531.48` … `教育支出` … `合计` `205` `20501`) or among
    the header's words (`科目名称` `合计` `基本支出` `合计` `小计` …): as many amounts as the header's
    column set `named` has columns, the first the sum of the others where the first column is a
    total (a group's 小计 the sum of its leaves), and a 合计 label printed alone (no amount after it)
    further down, else a 合计 word the header prints beyond its columns' labels. None otherwise, or where a 合计 row with its own amounts
    follows. The caller still checks it as the sum of the 类 rows (`_sums_hold`)."""
    if not named or len(named) != len(amounts):
        return None
    if not all("." in w or "," in w for w, _ in amounts):
        return None  # integers there may be code parts or column numbers
    if not _set_adds_up(named, amounts):
        return None
    for j, (w, _) in enumerate(rest):
        if _TOTAL.match(w):
            if j + 1 < len(rest) and _numeric(rest[j + 1][0]) and not _is_code_word(rest[j + 1][0], kind):
                return None  # a 合计 row of its own further down: these amounts are not it
            return Row(code=None, name=[rest[j]], amounts=list(amounts))
    labels = [t for t in head if _TOTAL.match(t[0])]
    if len(labels) <= sum(1 for c in named if _TOTAL.match(c.rpartition("/")[2])):
        return None  # the header's 合计 words are its columns' labels: no row label printed
    return Row(code=None, name=[labels[-1]], amounts=list(amounts))


def by_names(toks: list[Token], columns: Callable[[str], Optional[tuple[str, ...]]]
             ) -> Optional[tuple[list[Token], list[Row]]]:
    """The header's tokens and the rows of a stream whose names and amounts come row by row but
    whose codes stand anywhere (before or after their rows, run together at the table's end), or
    None (see the module text). `columns(header text)` is the standard column set the header names
    (None when it names none)."""
    first = next((k for k in range(len(toks) - 1) if _HAN.search(toks[k][0]) and _numeric(toks[k + 1][0])
                  and "." in toks[k + 1][0]), None)
    if first is None:
        return None
    # a header naming the economic classification (部门预算支出经济分类科目): codes and names are its
    kind = "economic" if any(_ECONOMIC.search(w) for w, _ in toks[:first]) else "function"
    head = [t for t in toks[:first] if not _is_code_word(t[0], kind)]
    if any(_numeric(w) and ("." in w or "," in w) for w, _ in head):
        return None  # amounts before the first row: the order mixes rows and columns
    named = columns("".join(w for w, _ in head))
    width = len(named) if named else None
    printed = {w for w, _ in toks if _LEI.match(w) and lookup(w, kind) is not None}
    printed |= {w[:3] for w, _ in toks if _FULL.match(w) and lookup(w, kind) is not None}
    rows: list[Row] = []
    lead: Optional[Row] = None  # a 合计 row printed at the header's end, its label among the codes
    k, n = first, len(toks)
    while k < n:
        j = k
        while j > first and _is_code_word(toks[j - 1][0], kind):
            j -= 1
        before = toks[j:k]  # code words right before the name: the row's own code, if it kept it
        run = _name_then_numbers(toks, k)
        if run is None:
            return None
        name, nums, k = run
        amounts = [t for t in nums if not _is_code_word(t[0], kind)]
        if not name:
            if rows:  # amounts printed ahead of the next name: they stay with the row above for now
                rows[-1].amounts.extend(amounts)
                continue
            return None
        if lead is not None and not amounts and _TOTAL.match("".join(w for w, _ in name)):
            continue  # the 合计 label of the amounts that closed the header, printed among the codes
        if all(_COLUMN_WORD.match(w) for w, _ in name):
            # the header's words printed after the first rows (`项` `本年支出` `995.8`): their amounts,
            # if any, are the rest of the 合计 row (the first row) printed after them, when it has
            # fewer than its columns (the spaced reader checks its identity)
            head.extend(name)
            named = columns("".join(w for w, _ in head))  # the header's words now all known
            width = len(named) if named else None
            if amounts and not rows:
                lead = _lead_total(named, amounts, toks[k:], head, kind)
                if lead is None:
                    return None  # amounts among the header's words that are no 合计 row
                rows.append(lead)
            elif amounts:
                total = rows[0] if rows and _TOTAL.match("".join(w for w, _ in rows[0].name)) else None
                if total is None or not width or len(total.amounts) + len(amounts) > width:
                    return None
                total.amounts.extend(amounts)
            continue
        rows.append(Row(code=None, name=name, amounts=amounts, code_tokens=before))
    if len(rows) < _MIN_ROWS:
        return None
    if width:  # a row printing more amounts than the table has columns: the rest opens the next row
        for a, b in zip(rows, rows[1:]):
            if len(a.amounts) > width and len(b.amounts) + len(a.amounts) - width <= width:
                a.amounts, b.amounts = a.amounts[:width], a.amounts[width:] + b.amounts
    if named and _FIRST_TOTAL.search(named[0]) and not any("/" in c for c in named):
        _strays_home(rows, len(named))  # (its sums are those of a set without sub-columns)
    lei = kuan = None
    used: set[str] = set()
    for r in rows:
        words = [w for w, _ in r.name]
        if _TOTAL.match("".join(words)):
            if r is not rows[0] and r is not rows[-1]:
                return None
            continue
        code = None
        for at in range(len(words)):  # the whole name, else its last pieces (a repeated header's words first)
            code = _named_code("".join(words[at:]), lei, kuan, used, kind)
            if code is not None:
                r.name = r.name[at:]
                break
        if code is None or code[:3] not in printed or not r.amounts or (width and len(r.amounts) > width):
            return None  # a row no code settles, or not its own amounts: nothing here is certain
        # moved unless the code printed right before the name is this one (a 项 row that kept its code)
        r.code, r.moved = code, _printed_code([w for w, _ in r.code_tokens]) != code
        used.add(code)
        lei = code[:3]
        kuan = code[:5] if len(code) >= 5 else None
    if not _sums_hold(rows):
        return None
    return head, rows
