"""Reader `row-stream`: subject tables printed one cell per line, row after row, blank cells absent.

What it does: PyMuPDF's `get_text()`, pdftotext without `-layout` (for most tables), pdfminer.six
(for some) and web copies that drop blank cells print a table as a stream of cells, one per line (a
line may hold a few, `201 06 01 行政运行`), in reading order: the header's words, then each row's code
parts (`201` `06` `01`, or `2010601`), its name (possibly broken over lines), its printed amounts.
After the title of a subject table (templates.identify names one, from the title lines above), the
stream is cut into rows where a subject code opens one (a code the catalogue knows, one followed
by its 款/项 parts, or a code in brackets before its name, `[20101]人大事务`), a 款 / 项 part printed
alone after a row's amounts (`08` `审计事务`: the spaced reader completes its code from the rows
above), a 合计 / 总计 label (also spaced apart, `合` `计`) or, where the header names two code columns,
the first of a row's two subjects does; the table's own title lines printed again on a new page are
skipped; the words before the first row are the header; a word
after a row's amounts that opens no row goes on a line of its own (a repeated header is then
skipped as the header again — also without its first words, when those went as a running header —,
a name printed before its code joins that row). The rows, one per line
as `code parts name amounts`, are read by the spaced reader (spaced_rows.read_spaced): its header
reading (standard column sets), row joining and the placement of amounts into columns by the
accounting identities (spaced_columns.py), with every amount it cannot place for certain under an
unconfirmed `layout.column_guess` repair that sends it to review with the reason. Each Cell keeps
the line it was printed on; the table's method is `row-stream`.
In a table of units (单位名称, a budget's 收入总表) a row is a unit's name (its pieces joined; it must end
as a unit's name does) and its amounts; a 三公 table printed as a list (`项目` `预算数` `合计` `430.87`
…) gives one row per label and amount; a one-row table (三公) is also found under a title pdfminer.six
prints a few boxes above (blank lines between), and an amount printed inside its 栏次 numbering
(`1 7.19 2 3 … 12`) goes back to its column where the 三公 sums then hold (or the numbers are dropped
where fewer amounts than columns are printed: to review), and amounts printed among the header's last
labels (`预算数` `0.95` `决算数` `预算数` …, blank cells absent) are read after them, as pdfminer.six prints
them (their columns a guess under review where the header is no standard one); a one-row reading is declined where units'
names follow the 合计 label before the amounts (a 三公 table of units printed column by column:
its first amounts are the 合计 column of every row); a table whose header names one amount column (`科目编码
科目名称 预算数`) and a row printing two amounts is declined (the reading order moved amounts).
A table is read here only when its cells are printed one per line: within its first lines from the
first number on (a long header of broken labels comes first), at least three lines hold a lone
amount and they are a quarter of the lines or more (text whose rows stand on one line each is the
spaced reader's). Where the widest standard column set's identity fails on most rows, the rows are
still read when the code tree's first amounts add up (parents the sum of their children): the set
is then not the table's, not the reading order mixed.
pdftotext's default order also prints the unit line (`单位：万元`) among the header's cells (skipped
there), the 合计 row's amounts among the header's words (`合计 合计 基本支出 432.84 250.32 项目支出
182.52`: taken as the 合计 row when they are as many as the column set's columns and the first is
the sum of the others; other amounts among the header's words decline the table: the order mixed
rows into the header), the 栏次 numbers after the 合计 label (`合计 1 2 0 0`: not read as amounts),
and codes scattered away from their rows (moved_codes.by_names: rows by their names, codes from
the catalogue, checked by the parents' sums) — tried also where most rows are well formed but one
prints a name and amounts without its code (a 类 code moved into the header: `科目编码` `301`), with
the widest column set the header names, sub-columns under 基本支出 included. A 类 code printed alone
before the 合计 row (`301` `合计` … `工资福利支出` …) goes to the first row past the totals that prints a
name but no code, where the catalogue names that row by it (a `layout.code_moved` repair); a code
among the header's words that cut the 栏次 numbers off as a row (`201` `基本支出` `项目支出` `1` `2` `3`)
leaves them to the header, itself handled the same way; a row printing more amounts than the 合计
row (whose first amount is the sum of the others) passes the extra ones on to the next row where
it has room for them (`信访事务` … `1,517.95` `201` `40` `01` `行政运行`), else they are dropped.
A table of no rows but
its 合计 row of 0s whose numbering, 0s and header words pdftotext interleaves (some 0s after the
table's note: `栏次 合计 1 2 0 0 注：… 小计 … 3 4 5 0 0 6 0 0`) is read as `栏次 1 … N 合计 0 … 0` when
the 0s are exactly N (each cell holds 0 wherever its 0 stood), the note kept as the table's. Where
this reader reads a subject table only in part (up to where the order mixes, or without a 合计 row
whose cells the converter printed apart), the column-runs reader's reading of the same lines is
taken instead when it holds every amount read here in the same row (but in rows it leaves in doubt,
for review) and more (column_runs.py, run_code_order.py).
A table keyed by a category's name (`支出项目类别`, no code column, every cell printed: Shenzhen's
基本支出总表 / 项目支出总表) is cut by category_rows.py (a name, then a run of whole rows; the names
pdftotext moved to the page's end given to the rows left without one, in order, where they fit
exactly: those rows' amounts carry an unconfirmed `layout.row_guess` repair, to review). In a table
of two subjects a row (部门 | 政府 经济分类) whose 合计 and first rows' amounts stand among the header's
words, the rows printed whole — code, the name the catalogue gives that code, the second code and
name, amounts — are read and the others left out (their amounts unread). A unit line printed among
the header's words after the table's title printed again on a new page is skipped like the first
page's; a stream is read a second time on over a page whose title comes again under the table's code
line (`表4`), and that reading taken where it holds more amounts.
A stream whose rows mostly print no amount (pdfminer.six: every row's code and name, then all the
amounts) is declined, and a row printing more amounts than any subject table has columns (twelve)
keeps its code and name only.
A subject table whose header names the subject's name column only (`功能分类科目名称 合计 …`, no code
column: Zhejiang's tables show 类 / 款 / 项 by order), declined when cut at codes, is cut at its
names (`read_stream`'s second try): a row is its name and the amounts after it, a page number
printed between two rows is dropped, and the rows go to the spaced reader, which infers the codes
by name and order (name_codes.py); taken only when every row is a name (Chinese words, no digits)
or a total label with amounts and none of them an integer of one or two digits (a 栏次 or page
number among the rows: pdftotext's order mixing header and rows) other than the last digit of an
amount wrapped after its first decimal (`350,034.4` `2`).
A subject table run together on ONE line (web pages, `.xls` previews copied as text: `项目 本年支出合计
基本支出 … 栏次 1 2 3 合计 1279.28 995.8 283.48 201 一般公共服务支出 65.45 65.45 …`) is the same stream
on one line and is read the same way.
What it does not: read side-by-side tables (公开01/04表), code/name/amount groups (公开06表) or
绩效 forms in this layout; tables printed column by column (column_runs.py); text whose reading
order mixes rows (a cell stream whose amounts stand away from their row gives rows the identities
then reject: those amounts go to review or are not read, never placed as certain).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from decimal import Decimal
from typing import Callable, Optional, Sequence

import regex as re

from ..catalog import codes_named, lookup, name_matches
from ..datamodel import GridBlock, NLine, Repair
from ..evidence.numbers import CENT_PER_PART
from ..evidence.numbers import parse_amount
from ..evidence.printed import NOTE_LINE
from . import spaced_flat
from .code_tree import CodeTree
from . import category_rows, family_runs
from .column_runs import read_runs
from .moved_codes import by_names, regroup
from .moved_labels import by_code_cells, by_code_order
from .spaced_rows import GROUPED_COLUMNS, STANDARD_COLUMNS, names_only, read_spaced, set_labels, unit_name, unit_table
from .spaced_text import (AMOUNT, MAX_CELL, covers, after_title, bracket_code, cell_line, own_title_block,
                          stream_furniture, title_above, title_like)
from .templates import identify
from .text_tables import text_reader, with_report

_CODE = re.compile(r"^[1-9]\d{2}(?:\d{2}){0,2}$")
_SUB = re.compile(r"^\d{2}$")
_TOTAL = re.compile(r"^(?:合计|总计|本年收入合计|本年支出合计|收入合计|支出合计)$")
_HAN = re.compile(r"\p{Han}")
_PROBE = 40  # lines looked at to tell a cell stream from rows printed one per line
_MAX_HEADER_LINES = 60  # header lines before the first number (13 columns of labels broken over lines)
_MAX_LINES = 1500  # a table's region in lines (a few pages of one-cell lines)
_SHAPES = ("subject", "flat_values")
_UNIT_LINE = re.compile(r"^(?:金额)?单位[:：]\s*(?:人民币)?(?:万元|千元|亿元|元)$")
_LANCI = re.compile(r"^[栏行]次$")
_KEY_WORD = re.compile(r"^(?:科目编码|科目名称|科目代码|项目|科目|功能分类科目编码|经济分类科目编码)$")
_THREE_CELLS = 12  # a 三公 table's amount columns at most (six, each 预算数 / 决算数)
_ONE_AMOUNT = re.compile(r"^(?:预算数|决算数|金额|预算金额)$")
_FIRST_TOTAL = re.compile(r"合计|小计")
_TOLERANCE = CENT_PER_PART  # per added part (evidence/numbers.py)
_MIN_WELL_FORMED = 0.7  # rows printed code, name, amounts: below this share the stream is no row stream
_MAX_COLUMNS = 12  # amount columns of a subject table (支出总表 with its 政府采购 columns: 9; 收入总表: 12)
_HEADER_ECHO = 6  # header words that, printed again after a row's amounts, mark a repeated header
_MIN_ONE_LINE_WORDS = 12  # a table run together on one line: header words, a row or two at least
_MAX_SCRAMBLED = 0.2  # rows whose amounts cannot be their own, above which the table is declined
_FAR_READ = 0.9  # share of its region a subject table titled beyond the near window must be read over
_FAR_BARE = 0.1  # share of its rows such a table may leave without amounts (a 款 whose amounts moved)
_NOTE_LINES = 3  # lines of a table's note (注：…) a one-row table's last boxes may be printed after
_MAX_AFTER_NOTE = 24  # words of a one-row table printed after its note (a column's labels, number, amounts)

Token = tuple[str, NLine]
_ONE_DECIMAL = re.compile(r"\.\d$")
_CENTS = re.compile(r"\.\d\d$")
_SMALL_INTEGER = re.compile(r"^\d{1,2}$")
_MIN_NAMED_ROWS = 3  # rows of a table read by its names alone, at least


def _title_lines(lines: Sequence[NLine], i: int) -> list[NLine]:
    """The table's title lines above lines[i]; where the near window holds no title, also further up
    over single blank lines (pdfminer.six prints one between its boxes, pdftotext without `-layout`
    one between the 部门 and unit lines and after them): a one-row table (三公) or a subject table
    (pdfminer.six's subject tables printed column by column are still declined here, by the stream
    tests of read_stream, and left to column_runs.py)."""
    near = title_above(lines, i)
    if identify(" ".join(ln.text for ln in near), "") is not None:
        return near
    wide = title_above(lines, i, wide=True)
    template = identify(" ".join(ln.text for ln in wide), "")
    return wide if template is not None and template.shape in _SHAPES else near


def template_shape(lines: Sequence[NLine], i: int) -> Optional[str]:
    template = identify(" ".join(ln.text for ln in _title_lines(lines, i)), "")
    return template.shape if template is not None else None


def is_cell_stream(lines: Sequence[NLine], i: int, one_row: bool = False) -> bool:
    """Lone amounts are a quarter or more of the first cell lines from the first number on (a long
    header of column labels broken over many lines comes before it), three at least; with `one_row`
    (a one-row table: 三公) also one or two lone amounts that are every cell line from the first
    number to the table's end (a title or prose line next: the row of a table printing few of its
    amounts, `0.95` `0.95` under twelve 三公 columns; the `预算数` / `决算数` labels the amounts are
    printed among, pdftotext's order, not counted as cells)."""
    seen = lone = labels = 0  # labels: 预算数 / 决算数 printed after the first amount (the header's last
    # row interleaved with the amounts under it, pdftotext's order: `预算数` `0.95` `决算数` `预算数` …)
    ended = False
    piece = False  # a header word came before (the unit line is then among the header's cells, not
    # under a title-area line such as a unit's code and name)
    for k in range(i, min(len(lines), i + 3 * _PROBE + _MAX_HEADER_LINES)):
        t = lines[k].text.strip()
        if not t:
            continue
        if not seen and piece and _UNIT_LINE.match(t):
            continue  # the unit printed among the header's cells (pdftotext's reading order)
        piece = piece or bool(_HAN.search(t) and not any(ch.isdigit() for ch in t) and cell_line(lines[k])
                              and not title_like(lines[k]))
        if not cell_line(lines[k]) or title_like(lines[k]):
            ended = True
            break
        if not seen and not AMOUNT.match(t):
            if k - i >= _MAX_HEADER_LINES:
                break
            continue  # the header's words
        seen += 1
        lone += bool(AMOUNT.match(t))
        labels += bool(_ONE_AMOUNT.match(t))
        if seen >= _PROBE:
            break
    if one_row and ended and 1 <= lone == seen - labels:
        return True
    return lone >= 3 and 4 * lone >= seen


def _one_line(line: NLine) -> bool:
    """A whole subject table run together on one line (a web page or an `.xls` preview copied as
    text): long, no TAB or bar, its words amounts and subject codes opening rows."""
    t = line.text
    if len(t) <= MAX_CELL or "\t" in t or "|" in t:
        return False
    words = t.split()
    if len(words) < _MIN_ONE_LINE_WORDS:
        return False
    toks = [(w, line) for w in words]
    amounts = sum(1 for w in words if AMOUNT.match(w) and "." in w)
    return amounts >= 3 and sum(1 for k in range(len(toks)) if _opens_row(toks, k)) >= 2


def stream_region(lines: Sequence[NLine], i: int, codes: bool = False, limit: int = _MAX_LINES,
            cells: Callable[[NLine], bool] = cell_line) -> tuple[list[Token], int]:
    """The tokens of the table's cell lines (`cells`) from lines[i] on (each with its line, `limit`
    lines at most), and the index after them; a table run together on one line is that line's words."""
    if not cell_line(lines[i]):
        return [(w, lines[i]) for w in lines[i].text.split()], i + 1
    out: list[Token] = []
    own = {" ".join(ln.text.split()) for ln in _title_lines(lines, i)}  # the table's title lines
    j, n = i, min(len(lines), i + limit)
    page_head = True  # no amount since the table's start or its title printed again on a new page
    while j < n:
        ln = lines[j]
        t = ln.text.strip()
        if not t or stream_furniture(lines, ln, page_marks=False) or (_UNIT_LINE.match(t) and page_head):
            j += 1  # (the unit printed among the header's cells: pdftotext's reading order)
            continue
        if out and title_like(ln):
            after = own_title_block(lines, j, own, codes)
            if after is not None:
                # the table goes on over a page: its title lines printed again (the header too,
                # which _lines_of skips as a repeated header)
                j, page_head = after, True
                continue
        if not cells(ln) or (title_like(ln) and out):
            break
        out.extend((w, ln) for w in t.split())
        page_head = page_head and not any(AMOUNT.match(w) and ("." in w or "," in w) for w in t.split())  # (codes stay)
        j += 1
    while j > i and not lines[j - 1].text.strip():
        j -= 1
    return out, j


def past_note(lines: Sequence[NLine], j: int) -> Optional[tuple[list[Token], int]]:
    """The cells a one-row table prints after its note (`注：本表反映…`, one or two lines, page marks
    around it: pdftotext without `-layout` prints the last column's boxes, lower on the page, after
    the note), from lines[j] where the region stopped: their tokens up to the last line holding an
    amount, and the index after it; None when no note stands there or no amount follows it."""
    k, notes = j, 0
    while k < len(lines) and notes <= _NOTE_LINES:
        ln = lines[k]
        t = ln.text.strip()
        if not t or stream_furniture(lines, ln):
            k += 1
            continue
        if cell_line(ln):
            break
        if title_like(ln) or not (notes or NOTE_LINE.match(t)):
            return None
        notes += 1
        k += 1
    if not notes or notes > _NOTE_LINES:
        return None
    out: list[Token] = []
    last = None
    while k < len(lines):
        ln = lines[k]
        t = ln.text.strip()
        if t and not stream_furniture(lines, ln):
            if not cell_line(ln) or title_like(ln) or len(out) > _MAX_AFTER_NOTE:
                break
            out.extend((w, ln) for w in t.split())
            if any(AMOUNT.match(w) for w in t.split()):
                last = (len(out), k + 1)
        k += 1
    return (out[:last[0]], last[1]) if last is not None else None


def _known_code(code: str) -> bool:
    return lookup(code) is not None or lookup(code, "economic") is not None


def _opens_row(toks: list[Token], k: int) -> bool:
    """toks[k] opens a row: a subject code with its 款/项 parts or its name after it, or a 合计 label
    with amounts after it."""
    w = toks[k][0]
    nxt = toks[k + 1][0] if k + 1 < len(toks) else ""
    if _TOTAL.match(w):
        return bool(AMOUNT.match(nxt))
    bracketed = bracket_code(w)
    if bracketed is not None:  # `[20101]人大事务`: the brackets say it is a code
        return bool(_HAN.search(bracketed[1] or nxt))
    if _TOTAL.match(w + nxt) and len(w) == 1:  # `合` `计`: the label's characters spaced apart
        return k + 2 < len(toks) and bool(AMOUNT.match(toks[k + 2][0]))
    if not _CODE.match(w):
        return False
    if len(w) == 3 and _SUB.match(nxt):
        return True
    return bool(_HAN.search(nxt)) and not AMOUNT.match(nxt) and (len(w) > 3 or _known_code(w))


def _opens_part_row(toks: list[Token], k: int) -> bool:
    """toks[k] is a 款 / 项 part printed alone (`08` `审计事务`, the rows above give the rest of the
    code): two digits with a name after them, right after a row's amounts (an amount is never
    followed by a name inside a row)."""
    nxt = toks[k + 1][0] if k + 1 < len(toks) else ""
    return bool(_SUB.match(toks[k][0])) and bool(_HAN.search(nxt)) and not AMOUNT.match(nxt)


def _lines_of(toks: list[Token], shape: str) -> tuple[list[list[Token]], list[list[Token]]]:
    """The header's tokens (one line) and the rows: a line of tokens each."""
    if shape == "flat_values":  # one row of amounts under a header
        listed = _list_rows(toks)
        if listed is not None:
            return [toks[:2]], listed
        toks = _numbering_moved(toks) or _numbering_interleaved(toks) or _labels_interleaved(toks) or \
            _header_interleaved(toks) or toks
        first = _flat_values_start(toks)
        head = [w for w, _ in toks[:first]]
        if _labels_after_total(head):
            return [toks], []  # several rows' labels before the amounts: printed column by column
        numbers = [w for w in head if w.isdigit()]
        stop = next((k for k in range(first, len(toks)) if not AMOUNT.match(toks[k][0])), len(toks))
        if first < stop < len(toks) and toks[stop][1] is not toks[stop - 1][1] and not any(
                AMOUNT.match(w) for w, _ in toks[stop:]):
            toks = toks[:stop]  # words on the lines after the row of amounts: the text after the table
        if first >= len(toks) or not all(AMOUNT.match(w) for w, _ in toks[first:]) or (
                numbers and numbers != [str(n) for n in range(1, len(numbers) + 1)]):
            # words among the amounts, or column numbers broken up: the stream mixes header and row
            return [toks], []
        return [toks[:first]], [toks[first:]]
    first = next((k for k in range(len(toks)) if _opens_row(toks, k)), None)
    if first is None:
        return [toks], []
    paired = _paired(toks[:first])
    head = [w for w, _ in toks[:min(first, _HEADER_ECHO)]]
    rows: list[list[Token]] = []
    cur: list[Token] = []
    at_amounts = False  # the current line has reached its amounts (code parts are no amounts)
    k = first
    while k < len(toks):
        w = toks[k][0]
        amount = bool(AMOUNT.match(w)) and not (paired and not at_amounts and _second_code(cur, toks, k))
        echo = _header_echo(toks, k, head) if at_amounts and not amount else 0
        if echo:
            # the header printed again at a new page's top: skipped up to the next row
            k += echo
            while k < len(toks) and not _opens_row(toks, k) and not _opens_part_row(toks, k):
                k += 1
            continue
        if (_opens_row(toks, k) and (at_amounts or not paired or not cur)) or (at_amounts and not amount) or (
                at_amounts and _opens_part_row(toks, k)):
            # (a row of two subjects side by side opens with the first: the second's code opens none)
            if cur:
                rows.append(cur)
            cur, at_amounts = [], False
        elif amount and not at_amounts:
            at_amounts = not _code_part(cur, w)
        cur.append(toks[k])
        k += 1
    if cur:
        rows.append(cur)
    return [toks[:first]], rows


def _list_rows(toks: list[Token]) -> Optional[list[list[Token]]]:
    """A 三公 table printed as a list (`项目` `预算数` `合计` `430.87` `1、因公出国（境）费用` `0.00` …):
    one row per label and its amount (printed to the cent) from the 合计 row on; the tokens after the
    last such pair are one more row, so that the reader stops there and they stay out of the table."""
    if len(toks) < 4 or not spaced_flat.list_header([w for w, _ in toks[:2]]) or not spaced_flat.list_total(toks[2][0]):
        return None
    rows: list[list[Token]] = []
    k = 2
    while k + 1 < len(toks):
        label, amount = toks[k], toks[k + 1]
        if AMOUNT.match(label[0]) or not AMOUNT.match(amount[0]) or "." not in amount[0]:
            break
        rows.append([label, amount])
        k += 2
    if k < len(toks):
        rows.append(toks[k:])
    return rows


def _header_echo(toks: list[Token], k: int, head: list[str]) -> int:
    """How many tokens from toks[k] are the header's first words printed again at a new page's top
    (0 when none): all of them, or all but the first ones when those, printed on every page, went
    as a running header (`功能分类科目` over each page of the table)."""
    for h in range(len(head)):
        rest = head[h:]
        if len(head) < 2 or toks[k][0] != rest[0] or [x for x, _ in toks[k:k + len(rest)]] != rest:
            continue
        if len(rest) >= 2 or (k + 1 < len(toks) and _opens_row(toks, k + 1)):
            return len(rest)  # (a lone header word only right before a row)
    return 0


def _second_code(cur: list[Token], toks: list[Token], k: int) -> bool:
    """toks[k] is the second subject's code (or its 款 part) of a row of two (`301 01 基本工资 501 01
    工资奖金津补贴`): after the first name, before the second, no amount."""
    w = toks[k][0]
    nxt = toks[k + 1][0] if k + 1 < len(toks) else ""
    if not any(_HAN.search(x) for x, _ in cur):
        return False
    if _CODE.match(w):
        return bool(_SUB.match(nxt)) or (bool(_HAN.search(nxt)) and not AMOUNT.match(nxt))
    return bool(_SUB.match(w)) and bool(cur) and bool(_CODE.match(cur[-1][0])) and bool(_HAN.search(nxt))


def _paired(header: list[Token]) -> bool:
    """The header names two code columns (部门 | 政府 经济分类 side by side): a row prints two subjects."""
    return "".join(w for w, _ in header).count("编码") >= 2


def _numbering_moved(toks: list[Token]) -> Optional[list[Token]]:
    """A one-row table whose 栏次 numbering 1 2 … N holds one amount (pdfminer.six prints a column's
    amount box right after that column's number: `1 7.19 2 3 … 12`, the other N-1 amounts after the
    numbering): the tokens with that amount moved to its column's place among the amounts, when the
    三公 sums then hold (spaced_flat.sums_hold), or when fewer amounts than columns are printed (blank
    cells absent: spaced_flat sends such a row to review); else None (the stream is read as printed)."""
    words = [w for w, _ in toks]
    for k, w in enumerate(words):
        if w != "1":
            continue
        n, m, moved = 1, k + 1, None
        while m < len(words):
            if words[m] == str(n + 1):
                n, m = n + 1, m + 1
            elif moved is None and AMOUNT.match(words[m]) and m + 1 < len(words) and words[m + 1] == str(n + 1):
                moved, m = m, m + 1
            else:
                break
        values = toks[m:]
        if moved is None or n < 3 or len(values) >= n or not all(AMOUNT.match(v) for v, _ in values):
            continue
        column = int(words[moved - 1])  # the number the amount follows
        row = values[:column - 1] + [toks[moved]] + values[column - 1:]
        if len(row) < n:  # blank cells absent: the amounts are read in review (spaced_flat), not the numbers
            return toks[:moved] + toks[moved + 1:m] + row
        parsed = [parse_amount(v)[0] for v, _ in row]
        if any(v is None for v in parsed) or not spaced_flat.sums_hold(parsed):
            return None
        return toks[:moved] + toks[moved + 1:m] + row
    return None


def _numbering_interleaved(toks: list[Token]) -> Optional[list[Token]]:
    """A one-row table whose header words, 栏次 numbering 1 2 … N and amounts pdftotext (without
    `-layout`) prints interleaved, box by box down each column (`预算数 合计 因公出国 （境）费 1 2 60.26
    决算数 … 3 4 5 0 34.08 0 34.08 … 6 合计 … 7 8 26.18 55.07 …`; a budget's table without numbering:
    `… 小计 37.17 0 购置费 27.83 运行费 0 27.83 9.34`): the words, then the numbering, then the amounts
    in the order printed, when the numbering is printed whole and in order, the amounts are exactly N
    (without numbering, one or two blocks of the 三公 columns), none of them an integer the numbering
    could have taken (1 … N; without numbering an integer amount but 0), and the 三公 sums hold on them (spaced_flat.sums_hold: every block's 合计 and 小计); else None. The amounts keep the
    printed order, column after column: the sums tell a moved 合计 or 小计, not two parts exchanged."""
    numbering: list[Token] = []
    amounts: list[Token] = []
    words: list[Token] = []
    mixed = False  # a word or a column number printed after an amount: the order interleaves them
    for tok in toks:
        w = tok[0]
        if w == str(len(numbering) + 1):
            numbering.append(tok)
            mixed = mixed or bool(amounts)
        elif AMOUNT.match(w):
            amounts.append(tok)
        else:
            words.append(tok)
            mixed = mixed or bool(amounts)
    n = len(numbering)
    if not mixed or 0 < n < 3 or (n and len(amounts) != n) or any(
            w.isdigit() and 1 <= int(w) <= max(n, 1) for w, _ in amounts):
        return None  # (no numbering printed: the sums below take only a row of one or two 三公 blocks)
    parsed = [parse_amount(w)[0] for w, _ in amounts]
    if any(v is None for v in parsed) or not spaced_flat.sums_hold(parsed):
        return None
    return words + numbering + amounts


def _labels_interleaved(toks: list[Token]) -> Optional[list[Token]]:
    """A one-row table whose header's last row of labels (`预算数` `决算数` under each column) pdftotext
    (without `-layout`) prints box by box with the amounts under them, blank cells absent (`预算数`
    `0.95` `决算数` `预算数` `决算数` … `预算数` `0.95` `决算数`): the words, then the amounts in the order
    printed, as pdfminer.six prints the same table, when from the first such label on every token is
    such a label or one amount right after one, and some label has no amount (else the order is no
    such interleaving: None). Which column an amount is under stays the spaced reader's judgement."""
    start = next((k for k, (w, _) in enumerate(toks) if _ONE_AMOUNT.match(w)), None)
    if start is None or not any(AMOUNT.match(w) for w, _ in toks[start:]):
        return None
    labels: list[Token] = []
    amounts: list[Token] = []
    for k in range(start, len(toks)):
        w = toks[k][0]
        if _ONE_AMOUNT.match(w):
            labels.append(toks[k])
        elif AMOUNT.match(w) and _ONE_AMOUNT.match(toks[k - 1][0]):
            amounts.append(toks[k])
        else:
            return None
    if len(amounts) >= len(labels) or any(AMOUNT.match(w) for w, _ in toks[:start]):
        return None
    return toks[:start] + labels + amounts


def _header_interleaved(toks: list[Token]) -> Optional[list[Token]]:
    """A one-row 三公 table whose column labels pdftotext (without `-layout`) prints box by box with
    the amount under each (`公务接待费` `小计` `4.50` `80.00` `公务用车购置费` `30.00` …): the words, then
    the amounts in the order printed, when from the first amount on every token is an amount or a
    label word (Chinese, no digit), two words at least come among or after the amounts, each amount
    has a decimal part and the amounts are no more than the 三公 columns (six; twelve with 预算数 /
    决算数 sub-columns). Else None. The order says nothing of the columns here: the spaced reader
    places the amounts by the 三公 sums, sending to review any it cannot place for certain."""
    start = next((k for k, (w, _) in enumerate(toks) if AMOUNT.match(w)), None)
    if start is None:
        return None
    words: list[Token] = []
    amounts: list[Token] = []
    for k in range(start, len(toks)):
        w = toks[k][0]
        if AMOUNT.match(w):
            if "." not in w:
                return None
            amounts.append(toks[k])
        elif _HAN.search(w) and not any(ch.isdigit() for ch in w):
            words.append(toks[k])
        else:
            return None
    if len(words) < 2 or not 3 <= len(amounts) <= _THREE_CELLS or any(unit_name(w) for w, _ in words) \
            or not _some_parts_make_largest([parse_amount(w)[0] for w, _ in amounts]):
        return None  # (units' names among the amounts: a table of units printed column by column)
    return toks[:start] + words + amounts


def _some_parts_make_largest(values: list[Optional[Decimal]]) -> bool:
    """Some of the other amounts add up to the largest (合计 = 出国 + 接待 + 车), within the rounding of
    the parts."""
    if any(v is None for v in values):
        return False
    ordered = sorted(values, reverse=True)
    top, rest = ordered[0], ordered[1:]
    if top == 0:
        return all(v == 0 for v in rest)
    for mask in range(1, 1 << len(rest)):
        parts = [v for b, v in enumerate(rest) if mask >> b & 1]
        if len(parts) >= 2 and abs(sum(parts) - top) <= CENT_PER_PART * len(parts):
            return True
    return False


def _zero_total_row(toks: list[Token], whole: bool = True) -> Optional[list[Token]]:
    """A subject table with no rows but its 合计 row, every cell 0, whose header words, 栏次 numbers
    1 … N and 0s pdftotext (without `-layout`) prints interleaved, some 0s after the table's note
    (`栏次 合计 1 2 0 0 小计 基本支出 项目支出 3 4 5 0 … 0 6 0 0`): the words, 栏次 and the numbering,
    then `合计` and the N 0s (the order PyMuPDF prints such a table in), when the numbering is printed whole and in order, the amounts are N 0s and
    the one label besides the header's words (no code, no subject's name) is 合计 (N 0s in N cells:
    each cell holds 0 wherever its 0 was printed); else None."""
    numbering: list[Token] = []
    zeros: list[Token] = []
    words: list[Token] = []
    total: Optional[Token] = None
    for tok in toks:
        w = tok[0]
        if w == str(len(numbering) + 1):
            numbering.append(tok)
        elif AMOUNT.match(w):
            if parse_amount(w)[0] != 0:
                return None
            zeros.append(tok)
        elif _TOTAL.match(w) and total is None:
            total = tok
        elif _CODE.match(w) or _known_code(w) or not _HAN.search(w):
            return None  # a code or another row's label: the table has rows
        else:
            words.append(tok)
    n = len(numbering)
    if not whole:  # (only the shape so far: the rest of the row may follow the note)
        return toks if total is not None and numbering else None
    if total is None or n < 2 or len(zeros) != n or not any(z[1] is not numbering[-1][1] for z in zeros):
        return None
    if any(codes_named(w) or codes_named(w, "economic") for w, _ in words):
        return None  # a subject's name: the table has rows
    lanci = [t for t in words if t[0] in ("栏次", "行次")]  # the numbering's label goes before it
    return [t for t in words if t not in lanci] + lanci + numbering + [total] + zeros


def _labels_after_total(head: list[str]) -> bool:
    """A one-row table's words before its amounts hold its 合计 label and, after it, units' names (a
    三公 table of units, 单位名称 | 合计 | 某某局 | 某某中心 …, that pdfminer.six prints column by column:
    every row's label, then the first column's amounts of all rows, the 栏次 numbers, the other
    columns with blank cells absent): the table has several rows, so its first amounts are no one row's."""
    at = next((k for k, w in enumerate(head) if _TOTAL.match(w)), None)
    return at is not None and any(_HAN.search(w) and unit_name(w) for w in head[at + 1:])


def _flat_values_start(toks: list[Token]) -> int:
    """Where a one-row table's amounts begin: after its 栏次 numbering 1 2 3 … when printed (its
    amounts may all be integers, `0 0 0`), else at its first amount printed to the cent with the
    integers right before it (a run counting 9 10 11 is the numbering's, not amounts)."""
    words = [w for w, _ in toks]
    run_end, k = None, 0
    while k < len(words):
        if words[k] == "1":
            m = k
            while m < len(words) and words[m] == str(m - k + 1):
                m += 1
            if m - k >= 3:
                run_end = m
            k = max(m, k + 1)
        else:
            k += 1
    if run_end is not None and run_end < len(words) and AMOUNT.match(words[run_end]):
        return run_end
    first = next((k for k, w in enumerate(words) if AMOUNT.match(w) and "." in w), None)
    if first is None:  # no amount to the cent: the amounts that end the stream
        k = len(words)
        while k > 0 and AMOUNT.match(words[k - 1]):
            k -= 1
        return k
    k = first  # integers just before it are amounts too (`36 0 30.5 …`), unless they count 9 10 11
    while k > 0 and words[k - 1].isdigit():
        k -= 1
    ints = [int(w) for w in words[k:first]]
    counting = len(ints) >= 2 and all(b == a + 1 for a, b in zip(ints, ints[1:]))
    return first if counting else k


def _code_part(cur: list[Token], word: str) -> bool:
    """`word` continues the code parts that open the current line (`201` `06` `01`)."""
    if not cur or not _SUB.match(word) or len(cur) > 2:
        return False
    return all(_CODE.match(w) or _SUB.match(w) for w, _ in cur) and len(cur[0][0]) == 3


def _widest_set(header: str) -> Optional[tuple[str, ...]]:
    """The widest standard column set (spaced_rows.STANDARD_COLUMNS) the header's characters cover."""
    best: Optional[tuple[str, ...]] = None
    for parent, leaves in STANDARD_COLUMNS:
        if covers(header, (parent,) + leaves) and (best is None or len(leaves) > len(best)):
            best = leaves
    return best


def _widest_of_all(header: str) -> Optional[tuple[str, ...]]:
    """The widest column set the header's characters cover, the sets with sub-columns under 基本支出
    (spaced_rows.GROUPED_COLUMNS: leaves as `group/leaf`) included."""
    best = _widest_set(header)
    for parent, leaves in GROUPED_COLUMNS:
        if covers(header, set_labels(parent, leaves)) and (best is None or len(leaves) > len(best)):
            best = leaves
    return best


def _without_column_numbers(header: list[Token], row: list[Token]) -> list[Token]:
    """The first row without the 栏次 numbers pdftotext printed after its label (`栏次` in the header
    with no numbers after it, `合计` `1` `2` `0` `0`): the run 1, 2, 3 … opening its amounts is the
    column numbers, not amounts."""
    if not any(_LANCI.match(w) for w, _ in header) or _lanci_width(header) > 0:
        return row
    m = _trailing_amounts(row)
    at = len(row) - m
    n = 0
    while at + n < len(row) and row[at + n][0] == str(n + 1):
        n += 1
    return row[:at] + row[at + n:] if n >= 2 else row


def _header_total(header: list[Token], rows: list[list[Token]], columns: Optional[tuple[str, ...]]
                  ) -> Optional[tuple[list[Token], list[list[Token]]]]:
    """(the header's words, [the total row]) where pdftotext's reading order printed the 合计 row's
    amounts among the header's words (`合计` `合计` `基本支出` `432.84` `250.32` `项目支出` `182.52`):
    as many amounts as the column set has columns, the first the sum of the others when it is a
    total column, a 合计 / 总计 word among them and no total row below; (header, []) with no such
    amounts (amounts without a decimal point or a thousands comma may be codes or column numbers),
    or when they close the header (a row printed whole before the first coded row, such as a unit's
    amounts under its name: read as before); None when amounts stand among the header's words and
    are no such total row (the reading order mixed the rows into the header)."""
    amounts = [t for t in header if AMOUNT.match(t[0]) and ("." in t[0] or "," in t[0])]
    if not amounts:
        return header, []
    trailing = all(AMOUNT.match(w) for w, _ in header[header.index(amounts[0]):])
    label = next((t for t in header if _TOTAL.match(t[0])), None)
    values = [parse_amount(w)[0] for w, _ in amounts]
    # a row printed whole at the header's end (a unit's amounts under its name) is read as before
    declined = (header, []) if trailing else None
    if columns is None or len(amounts) != len(columns) or label is None or any(
            r and _TOTAL.match(r[0][0]) for r in rows) or any(v is None for v in values):
        return declined
    parts = [Decimal(str(v)) for v in values]
    if _FIRST_TOTAL.search(columns[0]) and abs(parts[0] - sum(parts[1:], Decimal(0))) > _TOLERANCE * (len(parts) - 1):
        return declined
    words = [t for t in header if not any(t is a for a in amounts)]
    return words, [[(label[0], amounts[0][1])] + amounts]


def _first_subject_known(part: list[Token]) -> bool:
    """A row of two subjects whose first code and name the catalogue knows together (`301 02 津贴补贴
    501 01 …`): no header words or another row's pieces run into its name."""
    words = [w for w, _ in part[:len(part) - _trailing_amounts(part)]]
    k = 1
    while k < len(words) and k < 3 and _SUB.match(words[k]):
        k += 1
    at = next((x for x in range(k, len(words)) if _CODE.match(words[x])), len(words))
    code, name = "".join(words[:k]), "".join(words[k:at])
    return bool(_CODE.match(words[0]) if words else False) and (
        name_matches(code, name, "economic") or name_matches(code, name, "function"))


def _printed_whole(part: list[Token], units: bool) -> bool:
    """A row of two subjects printed whole: code, name, second code and name (the first known to
    the catalogue together), then amounts with decimals (a bare `505` after a name is the second
    subject's code, its name and amounts printed elsewhere)."""
    m = _trailing_amounts(part)
    words = [w for w, _ in part[:len(part) - m]]
    k = 1
    while k < len(words) and _SUB.match(words[k]):
        k += 1
    second = next((x for x in range(k + 1, len(words)) if _CODE.match(words[x])), None)
    return second is not None and any(_HAN.search(w) for w in words[second + 1:]) and _well_formed(
        part, units, True) and _first_subject_known(part) and m > 0 and all(
        "." in w or "," in w for w, _ in part[len(part) - m:])


def _header_words(header: list[Token]) -> list[Token]:
    """The header's words without the amounts printed among them."""
    return [t for t in header if not (AMOUNT.match(t[0]) and ("." in t[0] or "," in t[0]))]


def _paired_header(header: list[Token], toks: list[Token]) -> list[Token]:
    """The header of a table of two classifications a row, its amounts left out, with the column
    labels poppler printed among the first rows (`… 小计 工资福利支出 501 日常公用支出 2,772.24 … 合计 301
    人员支出`) put back: a cell that is exactly a label of a column set (a leaf, a group's or a set's
    label: 基本支出预算) and stands nowhere in the header joins it (its first printing), but only
    where the header then names a column set it did not name before."""
    words = _header_words(header)
    text = "".join(w for w, _ in words)
    if _widest_of_all(text) is not None:
        return words
    have = {w for w, _ in words}
    leaves = {part for parent, ls in STANDARD_COLUMNS + GROUPED_COLUMNS for label in ls + (parent,)
              for part in label.split("/") if part}
    extra: list[Token] = []
    for t in toks:  # (a word the header printed again on the next page counts once)
        if t[0] in leaves and t[0] not in have and t not in header:
            have.add(t[0])
            extra.append(t)
    if _widest_of_all(text + "".join(w for w, _ in extra)) is None:
        return words
    return words + extra


def _lanci_width(header: list[Token]) -> int:
    """How many columns the header's 栏次 / 行次 row numbers (1 2 3 … after the label), else 0."""
    words = [w for w, _ in header]
    at = next((k for k, w in enumerate(words) if _LANCI.match(w)), None)
    if at is None:
        k = len(words)  # pymupdf prints the 栏次 label before the header's last words: the numbers end it
        while k > 0 and words[k - 1].isdigit():
            k -= 1
        at = k - 1
    n = 0
    for w in words[at + 1:]:
        if w != str(n + 1):
            break
        n += 1
    return n


def _one_amount_column(header: list[Token]) -> bool:
    """The header names its key columns and one amount column (`科目编码 科目名称 预算数`; a 合计 label
    and amounts the stream printed among the header's words aside)."""
    words = [w for w, _ in header if not (_KEY_WORD.match(w) or _TOTAL.match(w) or AMOUNT.match(w))]
    return len(words) == 1 and bool(_ONE_AMOUNT.match(words[0]))


def _trailing_amounts(part: list[Token]) -> int:
    k = len(part)
    while k > 0 and AMOUNT.match(part[k - 1][0]) and not _code_part(part[:k - 1], part[k - 1][0]):
        k -= 1
    return len(part) - k


def _scrambled(part: list[Token], width: int, first_is_total: bool) -> bool:
    """A row whose amounts cannot all be its own: more than the table has columns, or a first
    column (a total) that is not the sum of the others (the text's reading order mixed rows)."""
    m = _trailing_amounts(part)
    if m > width:
        return True
    if not first_is_total or m < 2:
        return False
    values = [parse_amount(w)[0] for w, _ in part[len(part) - m:]]
    if any(v is None for v in values):
        return True
    total, rest = Decimal(str(values[0])), sum((Decimal(str(v)) for v in values[1:]), Decimal(0))
    return abs(total - rest) > _TOLERANCE * (m - 1)


def _tree_holds(rows: list[list[Token]]) -> bool:
    """Each row's first amount is its own: every 类 / 款 row with rows under it prints the sum of
    their first amounts (a 款 / 项 part printed alone completed from the rows above, code_tree.py),
    two such parents at least. A stream whose reading order mixed rows does not add up so."""
    tree = CodeTree()
    firsts: dict[str, Decimal] = {}
    for part in rows:
        m = _trailing_amounts(part)
        head = [w for w, _ in part[:len(part) - m]]
        first = parse_amount(part[len(part) - m][0])[0] if m else None
        if not head or first is None:
            continue
        k = 1
        while k < len(head) and _SUB.match(head[k]):
            k += 1
        name = "".join(head[k:])
        if _CODE.match(head[0]):
            code: Optional[str] = head[0] + "".join(head[1:k])
            tree.whole(code, Decimal(str(first)))
        else:
            done = tree.part(head[:k], name, first=Decimal(str(first)))
            code = done.code if done is not None else None
        if code is not None and len(code) in (3, 5, 7):
            firsts[code] = Decimal(str(first))
    parents = [c for c in firsts if len(c) < 7 and any(len(k) == len(c) + 2 and k.startswith(c) for k in firsts)]
    last = list(firsts)[-1] if firsts else ""
    held = 0
    for c in parents:
        kids = [v for k, v in firsts.items() if len(k) == len(c) + 2 and k.startswith(c)]
        gap = firsts[c] - sum(kids, Decimal(0))
        if abs(gap) <= _TOLERANCE * len(kids):
            held += 1
        elif not (gap > 0 and last.startswith(c)):
            return False  # (the rows under the last parents may go on after a page break)
    return held >= 2


def _named_row(part: list[Token]) -> bool:
    """A row of a table printing names only: a name (Chinese words, no digits) or a total label, then
    amounts."""
    m = _trailing_amounts(part)
    head = [w for w, _ in part[:len(part) - m]]
    return m > 0 and bool(head) and all(_HAN.search(w) and not any(ch.isdigit() for ch in w) for w in head)


def _no_small_integers(part: list[Token]) -> bool:
    """No amount of the row is an integer of one or two digits (a column number of the 栏次 row, a
    page number), except the last digit of an amount wrapped in a narrow column after its first
    decimal (`350,034.4` `2`)."""
    words = [w for w, _ in part[len(part) - _trailing_amounts(part):]]
    return not any(_SMALL_INTEGER.match(w) and not (k and _ONE_DECIMAL.search(words[k - 1]))
                   for k, w in enumerate(words))


def _without_page_number(part: list[Token]) -> list[Token]:
    """A row without the page number printed after its last amount (`8,988.23` `30`, the page turning
    before the next row: a bare integer after an amount printed to the cent, on a line of its own;
    an amount wrapped in a narrow column ends in a digit after one decimal, `226,000.0` `0`: kept) or
    before its name (`32` `奖励金` …)."""
    if len(part) >= 3:
        (last, line), (before, before_line) = part[-1], part[-2]
        if last.isdigit() and line is not before_line and line.text.strip() == last and _CENTS.search(before):
            return part[:-1]
    if len(part) >= 2:
        (first, line), (_, next_line) = part[0], part[1]
        if first.isdigit() and line is not next_line and line.text.strip() == first and _HAN.search(part[1][0]):
            return part[1:]  # the page number printed before the row's name (the page turned after a row)
    return part


def _well_formed(part: list[Token], units: bool = False, paired: bool = False) -> bool:
    """A row line as a row-major stream prints it: a code (with its parts) and a name, or a total
    label, then amounts; in a table of units (`units`) a unit's name (perhaps broken over lines),
    then amounts; with `paired`, a second code and name after the first."""
    m = _trailing_amounts(part)
    head = [w for w, _ in part[:len(part) - m]]
    if not head or m > _MAX_COLUMNS and not units:
        return False
    if _TOTAL.match(head[0]):
        return len(head) == 1
    if units:  # a unit's name: Chinese words, ending as a unit's name does (no header words)
        return m > 0 and all(_HAN.search(w) and not any(ch.isdigit() for ch in w) for w in head) and unit_name(
            "".join(head))
    bracketed = bracket_code(head[0])
    if bracketed is not None:
        words = ([bracketed[1]] if bracketed[1] else []) + head[1:]
        return bool(words) and all(_HAN.search(w) for w in words)
    if _TOTAL.match("".join(head)):
        return True  # `合` `计`
    k = 1
    while k < len(head) and _SUB.match(head[k]):
        k += 1
    names = head[k:]
    if paired:  # `301 01 基本工资 501 01 工资奖金津补贴`
        at = next((x for x in range(len(names)) if _CODE.match(names[x])), None)
        if at is not None and at > 0:
            rest = names[at + 1:]
            names = names[:at] + (rest[1:] if rest and _SUB.match(rest[0]) else rest)
    return (_CODE.match(head[0]) is not None or _SUB.match(head[0]) is not None) and bool(names) and all(
        _HAN.search(w) for w in names)


def _line(part: list[Token]) -> NLine:
    first = part[0][1]
    text = " ".join(w for w, _ in part)
    orig = text if not any(ln.repaired for _, ln in part) else " ".join(_orig_word(w, ln) for w, ln in part)
    return NLine(text=text, orig=orig if len(orig) == len(text) else text, no=first.no, page=first.page,
                 bbox=first.bbox, repaired=any(ln.repaired for _, ln in part))


def _orig_word(word: str, line: NLine) -> str:
    at = line.text.find(word)
    return line.orig[at:at + len(word)] if at >= 0 else word


def _provenance(block: GridBlock, rows: list[list[Token]], synthetic: list[NLine]) -> None:
    """Each amount Cell back on the line it was printed on (a synthetic row line carries its first
    token's line)."""
    line_tokens = {ln.no: part for part, ln in zip(rows, synthetic)}
    for row in block.rows:
        if not row:
            continue
        part = line_tokens.get(row[0].line)
        if not part:
            continue
        pool = [(w, ln) for w, ln in part if AMOUNT.match(w)]
        for c in row:
            if not c.text or not AMOUNT.match(c.text):
                continue
            hit = next((x for x in range(len(pool)) if pool[x][0] == c.text), None)
            if hit is not None:
                c.line, c.page = pool[hit][1].no, pool[hit][1].page
                del pool[hit]


def _extras_on(rows: list[list[Token]], moved: set[int]) -> list[list[Token]]:
    """Rows with the amounts a row printed beyond the 合计 row's passed on to the next row: the 合计
    row (the first amount the sum of the others, two parts at least) prints an amount in every
    column any row does, so a row printing more amounts than it has the next row's first amounts
    after its own (pdftotext printed `信访事务` `1,935.36` `1,517.95` `417.41` `1,517.95` `201` `40` `01`
    `行政运行` …: the last amount is 行政运行's). They go to the next row when it prints fewer amounts
    than the 合计 row by at least as many (ahead of its own, in printed order); else they are dropped
    (not the row's own, and no row they surely belong to). Unchanged without such a 合计 row; a row
    in `moved` (by id) that changes stays there."""
    total = next((r for r in rows if r and _TOTAL.match(r[0][0])), None)
    width = _trailing_amounts(total) if total is not None else 0
    if width < 3 or not _adds_up([w for w, _ in total[len(total) - width:]]):
        return rows
    out = list(rows)

    def put(k: int, row: list[Token]) -> None:
        if id(out[k]) in moved:
            moved.add(id(row))
        out[k] = row

    for k, r in enumerate(out):
        m = _trailing_amounts(r)
        if m <= width:
            continue
        extra = r[len(r) - (m - width):]
        put(k, r[:len(r) - (m - width)])
        nxt = out[k + 1] if k + 1 < len(out) else None
        if nxt is not None and _trailing_amounts(nxt) + len(extra) <= width:
            at = len(nxt) - _trailing_amounts(nxt)
            put(k + 1, nxt[:at] + extra + nxt[at:])
    return out


def _adds_up(words: list[str]) -> bool:
    """The first amount the sum of the others (to a cent per part)."""
    try:
        nums = [Decimal(w.replace(",", "")) for w in words]
    except Exception:
        return False
    return abs(nums[0] - sum(nums[1:])) <= _TOLERANCE * len(nums)


def _numbering_row(row: list[Token]) -> bool:
    """A row cut from the header's last words whose amounts are the 栏次 numbers 1, 2 … N (N >= 2,
    plain integers): pdftotext printed a code (a moved 类 code) among the header's words, which cut
    the rest of the header (`201` `基本支出` `项目支出` `1` `2` `3`) as a row. No row's amounts read
    so: under a total column the first amount would be the sum of the others."""
    m = _trailing_amounts(row)
    if m < 2:
        return False
    return all(w == str(n + 1) for n, (w, _) in enumerate(row[len(row) - m:]))


def _lone_codes_home(rows: list[list[Token]], moved: set[int]) -> list[list[Token]]:
    """A row that is a code alone (pdftotext printed a 类 code before the 合计 row: `301` `合计` …
    `工资福利支出` `1,212.01` …) goes to the next row printing a name but no code, past 合计 / 总计
    rows, when the catalogue (functional or economic) names that row by that very code; the row is
    then added to `moved` (the code is the catalogue's, confirmed by the name, not printed on its
    row). A lone code that no such row takes stays as it was."""
    out: list[list[Token]] = []
    k = 0
    while k < len(rows):
        r = rows[k]
        code = r[0][0] if len(r) == 1 and _CODE.match(r[0][0]) and len(r[0][0]) < 7 else None
        j = k + 1
        while code is not None and j < len(rows) and rows[j] and _TOTAL.match(rows[j][0][0]):
            j += 1
        if code is not None and j < len(rows) and j > k + 1 and rows[j] and _HAN.search(rows[j][0][0]) and (
                not _CODE.match(rows[j][0][0])):
            name = "".join(w for w, _ in rows[j][:len(rows[j]) - _trailing_amounts(rows[j])])
            if name_matches(code, name, "economic") or name_matches(code, name, "function"):
                home = [(code, rows[j][0][1])] + rows[j]
                out.extend(rows[k + 1:j])
                out.append(home)
                moved.add(id(home))
                k = j + 1
                continue
        out.append(r)
        k += 1
    return out


def _mark_moved(block: GridBlock, lines: list[NLine], by_name: bool = False) -> None:
    """The code cell of each row whose code the catalogue gave (the converter moved the printed
    code away from its row) carries that repair: the code is no printed value."""
    nos = {ln.no for ln in lines}
    note = ("codes printed away from their rows (the converter scattered them): the catalogue's code "
            "for this row's name under the rows above, its 类 printed in the table, the parents' sums "
            "holding") if by_name else ("code not printed on its row (the converter moved it): the "
                                         "catalogue's 类/款 of the next row's code by this row's name")
    for row in block.rows:
        if row and row[0].line in nos and _CODE.match(row[0].text.strip()):
            row[0].repairs = (row[0].repairs or []) + [Repair(kind="layout.code_moved", note=note)]


def read_stream(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    best: tuple[Optional[GridBlock], int] = (None, i + 1)
    for codes in (False, True):
        # (then on over a page whose title comes again under the table's code line, `表4`: taken
        # where it reads more of the table's amounts than the stream up to that page break)
        block, end = _read_stream(lines, i, False, codes=codes)
        if block is None:  # rows by their names alone, where the header names no code column
            block, end = _read_stream(lines, i, False, by_name_only=True, codes=codes)
        if block is not None and (best[0] is None or _amount_cells(block) > _amount_cells(best[0])):
            best = (block, end)
    return best


def _amount_cells(block: GridBlock) -> int:
    return sum(1 for r in block.rows for c in r if c.text and AMOUNT.match(c.text.strip()))


def _read_stream(lines: Sequence[NLine], i: int, families: bool, by_name_only: bool = False,
                 codes: bool = False) -> tuple[Optional[GridBlock], int]:
    shape = template_shape(lines, i)
    if shape not in _SHAPES:
        return None, i + 1
    toks, end = stream_region(lines, i, codes)
    if by_name_only and shape == "subject":
        categories = category_rows.cut(toks)
        if categories is not None:  # rows keyed by a category's name, some names moved to the page's end
            return read_categories(lines, i, end, categories)
    far = shape == "subject" and identify(" ".join(ln.text for ln in title_above(lines, i)), "") is None
    region_end = end
    if shape == "flat_values" and _numbering_interleaved(toks) is None:
        more = past_note(lines, end)  # the row's last boxes printed after the table's note
        if more is not None and _numbering_interleaved(toks + more[0]) is not None:
            toks, end = toks + more[0], more[1]
    passed: list[NLine] = []  # note lines the table's cells go on after
    if shape == "subject" and not families:  # a table of no rows but its 合计 row of 0s
        zero = _zero_total_row(toks)
        more = past_note(lines, end) if zero is not None or _zero_total_row(toks, whole=False) else None
        if more is not None:  # the last columns' boxes printed after the note: the row goes on there
            longer = _zero_total_row(toks + more[0])
            if longer is not None:
                passed = [ln for ln in lines[end:more[1]] if NOTE_LINE.match(ln.text.strip())]
                zero, end = longer, more[1]
        if zero is not None:
            toks = zero
    header, rows = _lines_of(toks, shape)
    if not rows:
        return None, i + 1
    if shape == "flat_values":  # the table ends with its row of amounts
        last = rows[-1][-1][1]
        end = next((j + 1 for j in range(end - 1, i - 1, -1) if lines[j] is last), end)
    moved: set[int] = set()  # rows whose code the converter moved away (synthetic line numbers)
    if shape == "subject":
        if rows and _numbering_row(rows[0]):  # the 栏次 numbers closing the header (`项目支出` `1` `2` `3`)
            lone = [rows[0][:1]] if _CODE.match(rows[0][0][0]) else []  # the moved code that cut it
            header = [header[0] + rows[0][len(lone):]] + header[1:]
            rows = lone + rows[1:]
        rows = _lone_codes_home(rows, moved)
    units = shape == "subject" and unit_table("".join(w for w, _ in header[0]))
    paired = _paired(header[0])
    # a subject table printing names only (`功能分类科目名称 合计 …`, no code column): a row is its name
    # and amounts (the spaced reader infers the codes by name and order, name_codes.py)
    names = by_name_only and shape == "subject" and not units and not paired and names_only(
        " ".join(w for w, _ in header[0]), identify(" ".join(ln.text for ln in _title_lines(lines, i)), ""))
    if by_name_only and not names:
        return None, i + 1
    if names:
        rows = [_without_page_number(r) for r in rows]
        if len(rows) < _MIN_NAMED_ROWS or not all(_named_row(r) and _no_small_integers(r) for r in rows):
            return None, i + 1  # words or numbers that are no row's (header words, 栏次 numbers) among them
    well = [_named_row(r) if names else _well_formed(r, units, paired) for r in rows] if shape == "subject" else []
    lead = next((k for k, ok in enumerate(well) if not ok), len(well))  # rows well formed before the first that is not
    plain = not units and not paired and not families and not names
    # `[code]name` labels moved away from their amounts (rows printing none): rows put back by code
    # order (moved_labels.py)
    # (codes and names as cells of their own, some moved away from their amounts: by_code_cells)
    moved_away = plain and shape == "subject" and any(not _trailing_amounts(r) for r in rows)
    anchored = (by_code_order(toks, _widest_of_all) or by_code_cells(toks, _widest_of_all)) if moved_away else None
    if anchored is None and plain and lead < len(well):
        anchored = regroup(toks)  # codes moved: rows cut at names
    if anchored is not None and len(anchored[1]) <= lead:
        anchored = None
    named = False  # codes given by the rows' names (printed codes scattered through the stream)
    # a row printing a name and amounts but no code: its code went elsewhere (a 类 code into the header)
    codeless = any(not ok and _HAN.search(r[0][0]) and not _TOTAL.match(r[0][0]) and _trailing_amounts(r)
                   for r, ok in zip(rows, well))
    if anchored is None and shape == "subject" and not units and not paired and not names and lead < len(well) and (
            sum(well) < _MIN_WELL_FORMED * len(rows) or codeless) and not families:
        anchored = by_names(toks, _widest_of_all)
        named = anchored is not None
    family_cols: dict[str, frozenset] = {}
    left_out: Optional[list[str]] = None  # rows of a scrambled stream no family's sums settle (family_runs)
    if families:
        by_family = family_runs.read(toks, _widest_of_all) if shape == "subject" and not units and not paired else None
        if by_family is None:
            return None, i + 1
        anchored, left_out, named, family_cols = by_family[:2], by_family[2], True, by_family[3]
    elif shape == "subject" and anchored is None and sum(well) < _MIN_WELL_FORMED * len(rows):
        return None, i + 1  # codes, names and amounts do not come row by row: another reader's layout
    if anchored is not None:
        head_toks, named = anchored
        header = [head_toks]
        if not families:  # a table read up to where its order mixes (family_runs reads the whole stream)
            last = (named[-1].amounts or named[-1].name)[-1][1]
            end = next((j + 1 for j in range(end - 1, i - 1, -1) if lines[j] is last), end)
        rows = []
        for r in named:
            at = (r.name or r.code_tokens)[0][1]  # (a row of by_code_cells may keep its code alone)
            rows.append(([(r.code, at)] if r.code else []) + r.name + r.amounts)
            if r.moved:
                moved.add(id(rows[-1]))
    if shape == "subject" and _one_amount_column(header[0]) and any(_trailing_amounts(r) > 1 for r in rows):
        return None, i + 1  # a row with two amounts under a header of one amount column: the order is mixed
    if shape == "subject" and not units and left_out is None:
        if 2 * sum(1 for r in rows if not _trailing_amounts(r)) > len(rows):
            return None, i + 1  # most rows print no amount: the amounts stand away from their rows
        for k, r in enumerate(rows):  # more amounts than any subject table has columns: not all the row's
            if _trailing_amounts(r) > _MAX_COLUMNS:
                rows[k] = r[:len(r) - _trailing_amounts(r)]
    columns = _widest_set("".join(w for w, _ in header[0]))
    if columns is not None and _lanci_width(header[0]) > len(columns):
        columns = None  # the 栏次 row numbers more columns than the set: the set is not this table's
    if shape == "subject" and rows:
        rows[0] = _without_column_numbers(header[0], rows[0])
        split = _header_total(header[0], rows, columns)
        if split is None and paired and not families:
            # two subjects a row (部门 | 政府 经济分类): the first rows' amounts mixed into the header
            # are left unread, and so are the rows not printed whole (code, name, second code and
            # name, amounts); the rows printed whole are read
            split = _paired_header(header[0], toks), []
            rows = [r for r in rows if _printed_whole(r, units)]
            if len(rows) < _MIN_NAMED_ROWS:
                return None, i + 1
        elif split is not None and paired and not families:
            # the 合计 row read from the header; of the rows, only those printed whole (as above):
            # a row poppler printed out of order (`工资福利支出 505 1,423.81 …`) would end the table
            split = _paired_header(split[0], toks), split[1]
            rows = [r for r in rows if _printed_whole(r, units) or (_TOTAL.match(r[0][0]) and _well_formed(
                r, units, paired))]  # (a 合计 row printed as a row: its label, then its amounts)
        if split is None:
            return None, i + 1  # amounts among the header's words that are no total row: the order is mixed
        header = [split[0]] + header[1:]
        rows = split[1] + rows
    if shape == "subject" and not units and left_out is None:
        rows = _extras_on(rows, moved)
    if columns is not None and shape == "subject" and left_out is None:
        first_is_total = bool(_FIRST_TOTAL.search(columns[0]))
        bad = [k for k, r in enumerate(rows) if _scrambled(r, len(columns), first_is_total)]
        if len(bad) > _MAX_SCRAMBLED * len(rows) and _tree_holds(rows):
            bad = []  # the rows are the code tree's, each with its own amounts: the set is not this table's
        if len(bad) > _MAX_SCRAMBLED * len(rows):
            return None, i + 1  # the reading order mixes the rows: no row's amounts can be trusted
        for k in bad:  # the row's code and name stay; amounts that are not its own are not read
            rows[k] = rows[k][:len(rows[k]) - _trailing_amounts(rows[k])]
    title = [replace(ln) for ln in _title_lines(lines, i)]
    head = [_line(h) for h in header if h]
    body = [_line(r) for r in rows]
    synthetic = title + head + body + [NLine(text="", orig="", no=None)]
    block, stop = read_spaced(synthetic, len(title))
    if block is None:
        return None, i + 1
    if left_out is not None:
        labels = _widest_of_all("".join(w for w, _ in header[0])) or ()
        if not family_runs.placed_as(block.rows, family_cols, len(labels)):
            return None, i + 1  # the column placement is not one the families' sums left
        family_runs.mark_open(block.rows, family_cols, labels)
    unread = stop - len(title) - len(head)
    if 0 <= unread < len(rows):  # the spaced reader stopped before the last row: the rest is not this table's
        at = rows[unread][0][1]
        end = next((j for j in range(i, end) if lines[j] is at), end)
    if far and (_FAR_READ * (region_end - i) > end - i or _FAR_BARE * len(rows) < sum(
            1 for r in rows if not _trailing_amounts(r))):
        return None, i + 1  # a title beyond the near window: read only (nearly) whole, its rows with their
        # amounts (pdfminer.six's column-wise tables print blank lines the same way: column_runs.py's)
    _provenance(block, rows, body)
    _mark_moved(block, [ln for part, ln in zip(rows, body) if id(part) in moved], named)
    block.method = "row-stream"
    block.notes = passed + block.notes  # the table's note, printed among its cells
    block.preamble = []
    block.first_line = lines[i].no
    block.last_line = lines[end - 1].no
    if shape == "subject" and not families:
        # a table read up to where its order mixes, or without the rows whose cells the converter
        # moved away: the column-runs reader may place the whole table (labels out of row order
        # read by their codes, the amounts by the identities); its reading is taken when it holds
        # every amount read here in the same row (but in rows it leaves in doubt, for review), and more
        whole, whole_end = read_runs(lines, i)
        if whole is not None and whole_end >= end:
            mine, theirs = _row_amounts(block), _row_amounts(whole)
            doubt = _doubt_rows(whole)  # rows whose amounts the identities leave in doubt there
            if all(key[0] in doubt for key in mine - theirs) and sum(theirs.values()) > sum(mine.values()):
                return whole, whole_end
    return with_report(block), end


_NAME_GUESS = ("row uncertain: the converter printed this row's name apart from its amounts (after the "
               "page's last row); the names so printed were given to the rows without one in order")


def read_categories(lines: Sequence[NLine], i: int, end: int,
                     cut: tuple[list[Token], list[list[Token]], set[int]]) -> tuple[Optional[GridBlock], int]:
    """A category table's stream cut by category_rows.cut, read by the spaced reader; the amounts
    of the rows named by order go to review (`layout.row_guess`)."""
    header, rows, guessed = cut
    title = [replace(ln) for ln in _title_lines(lines, i)]
    body = [_line(r) for r in rows]
    synthetic = title + [_line(header)] + body + [NLine(text="", orig="", no=None)]
    block, stop = read_spaced(synthetic, len(title))
    if block is None or stop - len(title) - 1 < len(rows):
        return None, i + 1  # (the spaced reader stopped before the last row: declined)
    _provenance(block, rows, body)
    doubt = {id(rows[k][0][1]) for k in guessed}
    by_line = {ln.no: r for r, ln in zip(rows, body)}
    for row in block.rows:
        part = by_line.get(row[0].line) if row else None
        if part is None or id(part[0][1]) not in doubt:
            continue
        for c in row:
            if c.text and AMOUNT.match(c.text):
                c.repairs = (c.repairs or []) + [Repair(kind="layout.row_guess", note=_NAME_GUESS,
                                                        status="unconfirmed")]
    block.method = "row-stream"
    block.preamble = []
    block.first_line = lines[i].no
    block.last_line = lines[end - 1].no
    return with_report(block), end


def _row_label(texts: list[str]) -> str:
    label = next((t for t in texts if t and not AMOUNT.match(t)), "")
    return texts[0] if texts and _CODE.match(texts[0]) else label


def _doubt_rows(block: GridBlock) -> set[str]:
    """The rows of the block with a cell whose row the reader could not settle (`layout.row_guess`)."""
    return {_row_label([c.text.strip() if c.text else "" for c in r]) for r in block.rows
            if any(rep.kind == "layout.row_guess" for c in r for rep in (c.repairs or []))}


def _row_amounts(block: GridBlock) -> Counter:
    """(the row's code, or its name, and an amount) for every amount cell of the block's rows."""
    out: Counter = Counter()
    for r in block.rows:
        texts = [c.text.strip() if c.text else "" for c in r]
        out.update((_row_label(texts), str(parse_amount(t)[0])) for t in texts[1:] if t and AMOUNT.match(t))
    return out


@text_reader(36)
class RowStreamReader:
    """One cell per line, row after row, blank cells absent (PyMuPDF, pdftotext without -layout)."""

    name = "row-stream"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        t = lines[i].text
        if not t.strip() or not after_title(lines, i):
            return False
        if cell_line(lines[i]):
            shape = template_shape(lines, i)
            return shape in _SHAPES and is_cell_stream(lines, i, one_row=shape == "flat_values")
        return template_shape(lines, i) == "subject" and _one_line(lines[i])

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return read_stream(lines, i)


@text_reader(56)
class FamilyRunsReader:
    """A subject table's cell stream in poppler's reading order (pdftotext without -layout: rows
    scrambled across the header, runs of several rows' amounts, codes apart), after every other
    reader declined it: the rows of the families whose sums settle them (structure/family_runs.py)."""

    name = "family-runs"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        t = lines[i].text
        return bool(t.strip()) and after_title(lines, i) and cell_line(lines[i]) and \
            template_shape(lines, i) == "subject" and is_cell_stream(lines, i)

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        block, end = _read_stream(lines, i, True)
        if block is not None:
            block.method = "family-runs"
            block.report = None
            block = with_report(block)
        return block, end
