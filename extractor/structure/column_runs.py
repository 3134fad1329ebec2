"""Reader `column-runs`: subject tables printed one cell per line, column by column (pdfminer.six).

What it does: after a subject table's title / unit lines (templates.identify must name a `subject`
table), reads the table's region — over page breaks (page numbers, running headers and unit /
department lines pdfminer prints among the boxes are passed over, a header printed again is
skipped), up to the next title or a line that is no cell — as four streams in printed order: code
lines (a row's code `2080505` / `208 05 05`, perhaps with its name, or only the 类 of every row
`204` when the levels stand in columns of their own), names (broken over lines, a 项 before its
name `01 行政运行`), lone code pieces (the 款 / 项 columns `06`, printed as boxes of their own, even
among the names) and amounts; a line that prints a name (perhaps after its 项 piece) and then amounts
(`05 机关事业单位基本养老保险缴费支出 160.75`: boxes sharing a baseline) gives both. A lone two-digit
number after an amount (`11`) is an amount, and is taken as a 款 / 项 piece instead where the labels
read only so. A 合计 label after the names makes the 合计 row the last row, one
before them the first (labels both before and after them: both are tried, one grid must be left);
the 栏次 numbers 1 2 3 … are dropped (also where no 栏次 label is printed: the numbers 1 … k of the k columns
printed among the header's words, before the first code, or scattered among the amounts, each once,
every other amount printed to the cent); labels after the table's note are
dropped again when the table reads only without them. pdfminer prints the box of some tables' first
header words, codes and names above the title (header words, code lines, names, perhaps a column's
amounts, then a subject title; or a column's label and its amounts alone, then the title): the table's lines then start at those header words, the title
passed over (it is the table's title), and the table before it ends where they start. Which code and name each row has
run_labels.py works out (every code/name pair one the catalogue knows, one reading left); a table
that prints names only (no code line: pdfminer prints the names' column, then the header with its
栏次 1 … k, then the amounts) gets its rows' codes from the catalogue by name and tree order, marked
inferred (`rows_by_names`; where the order leaves a few readings, `公路水路运输` a 款 or a 项, the one
whose amounts place is kept, none where several do, nor where an amount's row is left in doubt), and its leading 1 … k are the 栏次, not amounts. The
columns are a standard column set the header's characters cover (spaced_rows.STANDARD_COLUMNS; a
single 预算数 / 决算数 column too). The amount stream is taken as the columns read top-down and
interleaved (pdfminer prints a column in one or several boxes, or a row's cells in turn), blank
cells absent or printed; run_placer.py searches every such placing, keeping the grids that hold the
identities (合计 = Σ the other columns on every row, parent = Σ children in every column, 合计 row
= Σ the top rows; a column set whose group prints its own 小计 — 合计 | 基本支出 (小计 人员经费 公用经费)
| 项目支出 — keeps two row identities and is placed by run_subtotals.py, its 合计 row over a single
top row only where the stream reads into no grid without it; a set with more than two columns no
identity tells apart — a 收入总体情况表's 合计 | 财政拨款收入 (小计 一般公共预算 政府性基金 国有资本经营) |
财政专户 … 上年结转 — is placed with the fewest of them, every cell of it to review), and the table is read only when
exactly one grid is left: where blank cells are
absent, that needs the total column printed on every row and the rows of every other amount
settled by the identities; the 0s of such a stream go where its order leaves one place for them, or
fill the 合计 row's blank cells; a stream that prints every cell of a wide set (合计 | 基本支出 | 项目支出 |
事业单位经营支出 | 对附属单位补助支出 | 上缴上级支出) whose columns of 0s pdfminer prints among the other
columns' boxes, so that no grid of all the columns is settled, is placed with its amounts other than 0 in
the fewest first columns that hold the sums (one grid), every other cell 0, and every cell goes to
review (`layout.column_guess`: a placing with amounts in the later columns is not ruled out). Labels
printed after the table's last amount with no code among them (the next table's header words, which
pdfminer prints before that table's title) are dropped where the table does not read with them, and
left to the next table wherever the table reads without them. A stream that runs row by row (each row's total, then its parts
left to right; pdfminer prints many tables so) is first read so where it cuts into the table's rows
and one grid keeps the identities (run_rows.py): its part columns are then known from each row's
order. Among the amounts, a lone number no catalogue knows as a code is an amount (`800` in a
column of yuan), not a 类 code. Part columns (基本支出, 项目支出 …) play the same part in every
identity, so which one is which is taken from the order the stream reaches them (grids that differ
only in that are one reading): where two of them differ, their amounts carry an unconfirmed
`layout.column_order` repair and go to review with the reason, unless evidence found once every
table is read settles the order (validate/column_order.py). Each amount Cell keeps the line it
was printed on.
pdftotext without `-layout` prints a ruled table's amounts in row order (a row's run may carry the
next rows', blank cells absent) but its labels out of it (a 类's name after its rows, the code column
as clumps of 类 lines and lone 款 / 项 pieces): where the labels read in printed order are not
confirmed, or place no grid, the rows are read as a set by their codes (run_code_order.py) and put
in code order, the 合计 row tried first and last, and the 栏次 numbers it scatters among the amounts
dropped (each of 1 … k once, every other amount but 0 printed to the cent). A bare two-digit number
after a row's amounts (`50`, `99`) is a 款 / 项 piece, not an amount, where every other amount of the
table but 0 is printed to the cent (six at least). Where a stream that
leaves blank cells out is placed by two to four grids (a run of one row's amounts and the next
rows' cut two ways, every identity kept), the cells they all agree on are read; the others go to
review (`layout.row_guess`, the amounts they may hold named): blank, or the amount of the one grid
whose sums hold exactly where the others' hold only within a cent's rounding, or else of the one
grid whose rows in doubt print their amounts right after their names.
Two print quirks of real budgets are taken (上海 单位预算): some cells printed rounded to the yuan
among amounts printed to the cent (`22,118,861` for 22,118,861.34): where no grid keeps the sums
to the cent, the amounts are compared to the yuan (`_place_coarse`); a stream that prints every
cell but some of its 0s out of their columns' order (a page's 0s after the 合计 row's amounts): the
other amounts are placed alone and, the 0s as many as the blank cells, each blank cell takes one;
and, where nothing else reads, one amount printed in error (a row whose 项目支出 repeats its parent's,
breaking 合计 = Σ parts): set aside when exactly that leaves one grid, then put in the cell its print
order gives, to review (`_place_stray`).
Where no grid keeps the identities because the printed table's own sums fail (a row printing another
row's amount, integers rounded off a total), a stream that prints every cell row by row is read as
printed (run_printed.py): the cells of each failing identity go to review (`layout.row_guess`).
What it does not: read a table whose labels the catalogue does not confirm or leave two readings
of, whose columns no standard set names, or whose search finds no grid, more than four grids, or
runs too long: all are declined (None); an amount whose row the identities leave open is never
read as certain. Side-by-side tables (公开01/04), groups (公开06), one-row tables (a 合计 row only) and rows
printed one per line (the spaced reader's) are not read here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional, Sequence

import regex as re

from ..catalog import lookup
from ..datamodel import Cell, GridBlock, NLine, Repair
from ..evidence.policy import COLUMN_ORDER
from ..evidence.printed import NOTE_LINE, TITLE_END
from .run_code_order import label_by_codes
from .name_codes import inferred_repair
from .run_labels import CodeLine, LabelRow, NameLine, PieceLine, header_word, label_rows, rows_by_names
from .run_placer import Shape, solve_full
from .run_printed import as_printed
from .run_rows import solve_rows
from .run_sparse import solve_sparse, sparse_readings
from .run_subtotals import Identity, alike_columns, has_grid, solve_grouped_or_fewest
from .run_zeros import place_zeros
from .spaced_rows import GROUPED_COLUMNS, STANDARD_COLUMNS, set_identities, set_labels
from .spaced_text import covers
from .spaced_text import AMOUNT, SENTENCE, after_title, furniture, name_piece, title_like
from .templates import identify
from .value_lines import has_value_lines
from .text_tables import LastRead, is_preamble, text_reader, with_report

_CODE = re.compile(r"^(?:\d{3}|\d{5}|\d{7})$")
_TWO = re.compile(r"^\d{2}$")
_SUB_HEAD = re.compile(r"^其中[:：]\s*(\S.*)$")  # the header's `其中：基本支出` (the columns a total splits into)
_BRACKETED = re.compile(r"^\[(\d{3}|\d{5}|\d{7})\](.*)$")  # `[2080505]机关事业…`: the code in brackets before the name
_CENTS = re.compile(r"^-?[\d,]*\d\.\d\d$")
_YUAN = re.compile(r"^-?\d{1,3}(?:,\d{3})+$")  # a thousand or more printed to the yuan, separators and all
_MONEY = re.compile(r"[.,]")  # an amount printed with cents or thousands separators (no 栏次 number)
_PAGE = re.compile(r"^第\s*\d+\s*页")
_LANCI = ("栏次", "行次")
_TOTAL = re.compile(r"^(?:合计|总计)$")
_MAX_LINES = 1500  # a table's region: a few pages of one-cell lines stay under this
_MAX_HEAD = 120  # lines of a header, codes and names printed before the table's title
_TITLE_MAX = 40  # characters of a title line (a longer line naming a table is a sentence)
_MAX_STREAM = 600  # amounts in one table: more is no report's subject table
_MIN_CENTS = 6  # amounts printed to the cent that tell bare two-digit numbers are code pieces
_SINGLE = ("预算数", "决算数")  # the label of a table's only amount column
_BARE_SINGLE = "预算"  # that label printed without 数, as a header word of its own
_MAX_STRAYS = 24  # amounts tried as a cell printed in error: more and the search is too long
_STRAY_DOUBT = ("amount uncertain: no placing keeps the sums with this amount, which breaks them (a cell the "
                "report printed in error?); placed in the cell its print order gives, for review")
_MAX_READINGS = 4  # grids the identities may leave for a stream whose cells agree but in a few rows
_ROW_DOUBT = ("row uncertain: the identities leave more than one placing of the amounts, and they put "
              "different amounts in this cell ({}): left blank for review")
_NAMED_DOUBT = ("row uncertain: the identities leave more than one placing of the amounts, and they put "
                "different amounts in this cell ({}): the placing whose rows print their amounts right "
                "after their names was taken")
_EXACT_DOUBT = ("row uncertain: the identities leave more than one placing of the amounts, and they put "
                "different amounts in this cell ({}): the placing whose sums hold exactly was taken")
_FEWEST_DOUBT = ("placing uncertain: the identities were searched with the fewest of the columns no identity "
                 "tells apart (most of them blank); a placing that uses more of them is not ruled out")
_ZERO_COLUMNS_DOUBT = ("placing uncertain: the stream prints every cell, but no grid of all the columns was settled; "
                       "its amounts other than 0 place into the first columns alone (one grid), the columns "
                       "after them taken as printing 0 on every row: a placing with amounts there is not ruled out")
_SWAP_DOUBT = ("column uncertain: the text prints the columns one after another, and which part "
               "column (after the first) is which no identity settles")


@dataclass
class _Amount:
    text: str
    line: NLine

    @property
    def value(self) -> Decimal:
        return Decimal(self.text.replace(",", ""))


@dataclass
class _Coarse(_Amount):
    """An amount compared to the yuan (its value in hundreds): in a table printed to the cent whose
    cells some print rounded to the yuan (`22,118,861` for 22,118,861.34), the sums hold only so."""

    @property
    def value(self) -> Decimal:
        return Decimal(self.text.replace(",", "")) / 100


@dataclass
class _Stray(_Amount):
    """An amount set aside as a cell a report printed in error (its sums do not hold with it): placed
    as a 0, then moved to the cell its print order gives (`_place_stray`), to review."""

    @property
    def value(self) -> Decimal:
        return Decimal(0)


@dataclass
class _Streams:
    codes: list[CodeLine]
    names: list[NameLine]
    pieces: list[PieceLine]
    amounts: list[_Amount]
    # amounts printed as a lone two-digit number after an amount (`11`): a 款 / 项 piece's shape too
    twos: list[int] = field(default_factory=list)


def _twos_as_pieces(s: Optional[_Streams], at: dict[int, int]) -> Optional[_Streams]:
    """The streams with each lone two-digit amount printed after an amount taken as a code piece
    instead (pdfminer prints a 款 / 项 box such as `11` right after a row's amounts), each among the
    pieces in printed order; None where there is none."""
    if s is None or not s.twos:
        return None
    moved = {id(s.amounts[p]) for p in s.twos}
    pieces = s.pieces + [PieceLine(s.amounts[p].text, s.amounts[p].line) for p in s.twos]
    pieces.sort(key=lambda x: at.get(id(x.line), -1))
    return _Streams(s.codes, s.names, pieces, [a for a in s.amounts if id(a) not in moved])


@dataclass
class _Region:
    streams: _Streams
    cut: Optional[_Streams]  # the streams without the labels after the note (when some follow it)
    totals: list[int]  # where 合计 labels stand (indices of lines)
    notes: list[NLine]
    end: int  # index of the line the region stops at
    at: dict[int, int]  # id(line) -> its index
    again: bool = False  # the table's title printed again on a new page was passed over
    total_words: list[str] = field(default_factory=list)  # the 合计 / 总计 labels (a header may print 总计)


def _code_of(tokens: list[str]) -> tuple[Optional[list[str]], list[str]]:
    """(the code's printed parts, the tokens after them) when the line starts with a subject code,
    also one in brackets before its name (`[2080505]机关事业单位基本养老保险缴费支出`, Guangdong's print)."""
    if tokens and (m := _BRACKETED.match(tokens[0])):
        return [m.group(1)], ([m.group(2)] if m.group(2) else []) + list(tokens[1:])
    if not tokens or not _CODE.match(tokens[0]):
        return None, tokens
    if len(tokens[0]) == 3 and len(tokens) > 1 and _TWO.match(tokens[1]):
        if len(tokens) > 2 and _TWO.match(tokens[2]):
            return tokens[:3], tokens[3:]
        return tokens[:2], tokens[2:]
    return tokens[:1], tokens[1:]


def _name_and_amounts(toks: list[str]) -> Optional[tuple[str, str, list[str]]]:
    """(the 项 piece or "", the name, the amounts) of a line that prints a row's name (perhaps after
    its 项 piece) and then amounts: pdfminer.six joins boxes that share a baseline. None for any
    other line (a 合计 / 总计 label, a name with digits, no amount after it)."""
    n = len(toks)
    while n > 0 and AMOUNT.match(toks[n - 1]):
        n -= 1
    if n == 0 or n == len(toks):
        return None
    piece = toks[0] if n > 1 and _TWO.match(toks[0]) else ""
    words = toks[1:n] if piece else toks[:n]
    if not _name_text(words) or _TOTAL.match("".join(words)):
        return None
    return piece, "".join(words), toks[n:]


def _known(code: str) -> bool:
    return lookup(code) is not None or lookup(code, "economic") is not None


def _digits(tokens: Sequence[str]) -> bool:
    return any(any(ch.isdigit() for ch in x) for x in tokens)


def _name_text(tokens: Sequence[str]) -> bool:
    """Words that may be (a piece of) a subject's name: short, no digits, no sentence punctuation."""
    t = "".join(tokens)
    return bool(t) and len(t) <= 30 and not _digits(tokens) and not SENTENCE.search(t)


# the last scan that failed at a line (lines, its first line, the line): a scan from a line between
# them passes the same lines and fails there too (`_head_before_title` runs on every line)
_FAILED: list = [None, -1, -1]


def _head_before_title(lines: Sequence[NLine], j: int, amounts: bool = False) -> Optional[int]:
    """Where a subject table's title stands when lines[j] opens that table's header printed before
    it (pdfminer.six prints the box of the header's first words, the codes and the names of some
    tables above the title): header words (short, no digits), then at least one code line, names
    and code pieces, then the title; `amounts`: a column's amounts may stand among them after the
    first code (else none may). Its index, else None."""
    t = lines[j].text.strip()
    if not t or _CODE.match(t.split()[0]) or not name_piece(lines[j]) or _TOTAL.match("".join(t.split())):
        return None
    if _FAILED[0] is lines and _FAILED[1] < j < _FAILED[2]:
        return None
    title, failed_at = _scan_head(lines, j, amounts)
    if failed_at is not None and amounts:  # a scan without amounts fails where this one does, or before
        _FAILED[:] = [lines, j, failed_at]
    return title


def _scan_head(lines: Sequence[NLine], j: int, amounts: bool) -> tuple[Optional[int], Optional[int]]:
    """(the title's index, None) or (None, the index of the line the scan failed at; None when it
    ran out of lines to look at)."""
    codes = 0
    column = False  # a column's amounts printed under the header's words, before any code
    for k in range(j + 1, min(len(lines), j + _MAX_HEAD)):
        ln = lines[k]
        if "\t" in ln.text:
            return None, k  # a cell behind a TAB: a flattened table, not pdfminer's boxes
        t = ln.text.strip().strip("\f").strip()
        if not t or _PAGE.match(t) or is_preamble(ln) or (codes and NOTE_LINE.match(t)):
            continue  # (the table's note may stand after its labels, above the title: `注：无。`)
        # a title is short and names 表 or 决算 (identify's every pattern does): the cheap tests first
        if len(t) <= _TITLE_MAX and ("表" in t or "决算" in t) and (TITLE_END.search(t) or identify(t, "") is not None):
            tpl = identify(t, "")
            return (k, None) if (codes or column) and tpl is not None and tpl.shape == "subject" else (None, k)
        toks = t.split()
        parts, rest = _code_of(toks)
        if parts is not None:
            if _digits(rest):
                return None, k
            codes += 1
        elif amounts and all(AMOUNT.match(x) for x in toks) and (codes or all(_MONEY.search(x) for x in toks)):
            column = column or not codes  # (before any code, amounts printed as money: no 栏次 numbers)
            continue
        elif not (_TWO.match(t) or (len(toks) > 1 and _TWO.match(toks[0]) and _name_text(toks[1:]))
                  or (name_piece(ln) and not SENTENCE.search(t))):
            return None, k  # an amount, or a line that is no cell
    return None, None


def _scan(lines: Sequence[NLine], i: int, title_at: Optional[int] = None, own: str = "",
          cents: bool = False) -> Optional[_Region]:
    """The table's lines sorted into the streams; None where a line fits no column-run shape.
    `title_at`: the table's title, printed after the start of its header (passed over); `own`: the
    table's title (squeezed), passed over where a new page prints it again after the table's rows."""
    s = _Streams([], [], [], [])
    totals: list[int] = []
    words: list[str] = []
    notes: list[NLine] = []
    at: dict[int, int] = {}
    again = False  # the title printed again was passed over
    head_again = False  # since that title, header words only: a 合计 there is the header's
    noted: Optional[tuple[int, int, int]] = None  # stream lengths at the first note
    cut_amounts: Optional[int] = None  # amounts before the first label after the note
    last = ""  # the kind of the last line: amount or label
    j, n = i, min(len(lines), i + _MAX_LINES)
    while j < n:
        ln = lines[j]
        t = ln.text.strip().strip("\f").strip()
        if not t or _PAGE.match(t):
            j += 1
            continue
        if is_preamble(ln) or j == title_at:
            j += 1  # a unit or department line (pdfminer may print it among the table's boxes)
            continue
        if TITLE_END.search(t) or identify(t, "") is not None:
            if own and s.codes and "".join(t.split()) == own:
                again = head_again = True
                j += 1  # the table continued on a new page under its title printed again
                continue
            break
        if last == "amount" and (title_at is None or j > title_at) and _head_before_title(lines, j) is not None:
            break  # the next table's header, printed before its title
        at[id(ln)] = j
        if NOTE_LINE.match(t):
            notes.append(ln)
            if noted is None:
                noted = (len(s.codes), len(s.names), len(s.pieces))
            j += 1
            continue
        toks = t.split()
        parts, rest = _code_of(toks)  # (a bare code is also an amount's shape: the code wins, the
        # catalogue must then confirm its name — except among amounts, where a number no catalogue
        # knows as a code is an amount: `800` in a column of yuan)
        if parts is not None and not rest and len(parts) == 1 and last == "amount" and not _known(parts[0]):
            parts = None
        label = True
        if parts is not None:
            if _digits(rest):
                return None  # code, name and amounts on one line: the spaced reader's rows
            if noted is not None:
                break
            s.codes.append(CodeLine("".join(parts), " ".join(parts), ln, "".join(rest)))
            if rest:
                s.names.append(NameLine("".join(rest), ln, code_at=len(s.codes) - 1))
        elif len(toks) == 1 and _TWO.match(t) and (t[0] == "0" or last != "amount" or cents):
            s.pieces.append(PieceLine(t, ln))  # a lone 款 or 项 piece (an amount never starts with 0)
        elif len(toks) > 1 and _TWO.match(toks[0]) and _name_text(toks[1:]):
            s.names.append(NameLine("".join(toks[1:]), ln, piece=toks[0]))
        elif (split := _name_and_amounts(toks)) is not None:
            # a name's box and an amount's sharing a text line (`05 机关事业单位基本养老保险缴费支出 160.75`)
            piece, name, amounts = split
            s.names.append(NameLine(name, ln, piece=piece))
            s.amounts.extend(_Amount(x, ln) for x in amounts)
            label = False
        elif all(AMOUNT.match(x) for x in toks):
            if len(toks) == 1 and _TWO.match(t):
                s.twos.append(len(s.amounts))  # after an amount: an amount, or a 款 / 项 piece
            s.amounts.extend(_Amount(x, ln) for x in toks)
            label = False
        elif _TOTAL.match("".join(toks)):
            if not head_again:  # (the header's 合计 column printed again: no 合计 row's label)
                totals.append(j)
            words.append("".join(toks))
        elif name_piece(ln) and not SENTENCE.search(t):
            s.names.append(NameLine("".join(toks), ln))
            head_again = head_again and header_word("".join(toks))
        elif (sub := _SUB_HEAD.match(t)) and _name_text(sub.group(1).split()):
            s.names.append(NameLine("".join(sub.group(1).split()), ln))  # a header word: no row's name
            head_again = head_again and header_word("".join(sub.group(1).split()))
        elif furniture(lines, ln):
            j += 1  # a running header or footer pdfminer prints among the table's boxes
            continue
        elif s.codes:
            break  # a line that is no cell: the table has ended
        else:
            return None
        if parts is not None or s.pieces and s.pieces[-1].line is ln or not label:
            head_again = False
        if label and noted is not None and cut_amounts is None:
            cut_amounts = len(s.amounts)
        last = "label" if label else "amount"
        j += 1
    if not (s.codes or s.names) or len(s.amounts) > _MAX_STREAM:
        return None  # (no code printed: the rows may be named only, their codes inferred)
    cut = None
    if noted is not None and cut_amounts is not None:
        cut = _Streams(s.codes[:noted[0]], s.names[:noted[1]], s.pieces[:noted[2]], s.amounts[:cut_amounts],
                       [p for p in s.twos if p < cut_amounts])
    return _Region(s, cut, totals, notes, j, at, again, words)


def _column_sets(header: str, words: Sequence[str] = ()) -> list[tuple[str, tuple[str, ...]]]:
    """The column sets whose labels the header's characters cover: first those with a group of
    sub-columns (spaced_rows.GROUPED_COLUMNS: 总计 | 基本支出 (人员支出 公用经费) | 项目支出 …, whose one
    row identity is the standard one: the first column = Σ the others) — where the header covers a
    group with its 小计 (合计 | 基本支出 (小计 人员经费 公用经费) | 项目支出: two identities), only those
    sets —, then the standard ones, widest first; a single 预算数 / 决算数 column last (or a single
    `预算` column: a header word of its own among `words`, the header's lines — Guangdong's 经济分类
    tables print `部门预算支出经济科目 | 预算`)."""
    grouped = [(parent, leaves) for parent, leaves in GROUPED_COLUMNS if covers(header, set_labels(parent, leaves))]
    if any(len(set_identities(leaves)) > 1 for _, leaves in grouped):
        # a group with its own 小计: only the sets that keep it (run_subtotals.py places them)
        grouped = [(parent, leaves) for parent, leaves in grouped if len(set_identities(leaves)) > 1]
    sets = [(parent, leaves) for parent, leaves in STANDARD_COLUMNS if covers(header, (parent,) + leaves)]
    single = [("", (x,)) for x in _SINGLE if x in header]
    if not single and _BARE_SINGLE in words:
        single = [("", (_BARE_SINGLE,))]
    return grouped + sets + single


def _sure_total_row(codes: list[str], amounts: list[_Amount], k: int, identities: Sequence[Identity]) -> bool:
    """A 合计 row read over a column set with a group's own 小计 is sure: it adds up two top rows or
    more (an amount that is their sum), or, over one top row (all its cells that row's again: a
    table continued on a page prints no 合计 row, and the header's 合计 column names it), the stream
    reads into no grid without it."""
    top = min(len(c) for c in codes)
    if sum(1 for c in codes if len(c) == top) > 1:
        return True
    values = [a.value for a in amounts if a.value != 0]
    return has_grid(Shape(list(codes)), values, k, identities) is False


def _without_lanci(amounts: list[_Amount], k: int) -> list[_Amount]:
    """The amounts without the 栏次 numbers 1 2 … k printed under the header (on every page)."""
    want = [str(x + 1) for x in range(k)]
    out: list[_Amount] = []
    p = 0
    while p < len(amounts):
        if k > 1 and [a.text for a in amounts[p:p + k]] == want:
            p += k
            continue
        out.append(amounts[p])
        p += 1
    return out


def _without_scattered_lanci(amounts: list[_Amount], k: int) -> list[_Amount]:
    """The amounts without the 栏次 numbers 1 … k where pdftotext scattered them among the amounts
    (`1 2 3` before the rows, `6 7` among them, `4 0 5` after): where each of 1 … k stands in the
    stream exactly once as a bare integer and every other amount but 0 is printed to the cent, so
    that no amount can be taken for a column number."""
    want = {str(x + 1) for x in range(k)}
    numbers = [a for a in amounts if a.text in want]
    rest = [a for a in amounts if a.text not in want]
    if k < 2 or len(numbers) != k or {a.text for a in numbers} != want:
        return amounts
    if not all("." in a.text or a.value == 0 for a in rest):
        return amounts
    return rest


@dataclass
class _Placement:
    parent: str
    leaves: tuple[str, ...]
    cells: list[list[Optional[_Amount]]]  # per column, the printed amount of each row (None: blank)
    total: Optional[str]  # where the 合计 row is: "first", "last" or None
    ordered: bool = False  # read row by row: each row's parts in their columns' order (no guess)
    alike: Optional[list[tuple[int, ...]]] = None  # the columns no identity tells apart (None: all parts)


def _grid_of(shape: Shape, amounts: list[_Amount], k: int, identities: Sequence[Identity] = (),
             after_names: Optional[list[Optional[int]]] = None) -> Optional[list[list[Optional[_Amount]]]]:
    """Each column's printed amount per row, when one grid keeps the identities: row by row where
    the stream reads so (`_by_rows`: it is then one of the column-wise placings, its part columns
    known), else column-wise (the placers of `_by_columns`); a set with a group's own 小计 (two
    `identities`) column-wise by run_subtotals.py (`_by_groups`)."""
    if len(identities) > 1:
        return _by_groups(shape, amounts, k, identities)
    cells = _by_rows(shape, amounts, k)
    return cells if cells is not None else _by_columns(shape, amounts, k, after_names)


def _by_groups(shape: Shape, amounts: list[_Amount], k: int, identities: Sequence[Identity]
               ) -> Optional[list[list[Optional[_Amount]]]]:
    """The grid of a column set with a group's own 小计 (run_subtotals.solve_grouped), its 0s set
    aside and placed after (run_zeros.place_zeros), when one grid keeps the identities."""
    rows = len(shape.codes)
    try:
        values = [a.value for a in amounts]
    except ArithmeticError:
        return None
    if len(values) > k * rows:
        return None
    positions = [p for p, v in enumerate(values) if v != 0]
    zeros = [p for p, v in enumerate(values) if v == 0]
    key = (tuple(shape.codes), tuple(values), k, tuple(identities))
    if _GROUPED[0] != key:  # (tables are tried from several header lines: each stream searched once)
        _GROUPED[:] = [key, solve_grouped_or_fewest(shape, [values[p] for p in positions], k, identities)]
    solved, fewest = _GROUPED[1]
    cells = None if solved is None else _with_zeros(shape, amounts, k, solved, positions, zeros)
    # a wide set of alike columns placed with the fewest of them: every cell a guess
    return _Fewest(cells) if cells is not None and fewest else cells


_GROUPED: list = [None, (None, False)]  # the last stream searched by `_by_groups`: (key, its answer)


class _Fewest(list):
    """A grid placed with the fewest of a wide set of alike columns (run_subtotals.solve_fewest):
    every cell a guess."""


def _with_zeros(shape: Shape, amounts: list[_Amount], k: int, solved: tuple[list[list[Optional[Decimal]]], list],
                positions: list[int], zeros: list[int]) -> Optional[list[list[Optional[_Amount]]]]:
    """The cells of a grid placed without its 0s, the 0s placed where the stream leaves one set of
    cells for them (run_zeros.place_zeros)."""
    grid, where = solved
    rows = len(shape.codes)
    total_row = shape.codes.index(None) if None in shape.codes else None
    zero_cells = place_zeros(grid, list(where), positions, zeros, total_row)
    if zero_cells is None:
        zero_cells = _every_blank(grid, zeros)
    if zero_cells is None:
        return None
    cells: list[list[Optional[_Amount]]] = [[None] * rows for _ in range(k)]
    for p, (c, r) in zip(positions, where):
        cells[c][r] = amounts[p]
    for p, (c, r) in zip(zeros, zero_cells):
        cells[c][r] = amounts[p]
    return cells


def _every_blank(grid: list[list[Optional[Decimal]]], zeros: list[int]) -> Optional[list[tuple[int, int]]]:
    """Where the stream's 0s are exactly as many as the grid's blank cells, each blank cell is one
    of them (every cell is printed once; pdfminer may print a column's 0s after the 合计 row's
    amounts, out of the column's order): the blank cells column by column, for the 0s in printed
    order; else None."""
    blanks = [(c, r) for c in range(len(grid)) for r in range(len(grid[c])) if grid[c][r] is None]
    return blanks if zeros and len(blanks) == len(zeros) else None


def _by_columns(shape: Shape, amounts: list[_Amount], k: int, after_names: Optional[list[Optional[int]]] = None
                ) -> Optional[list[list[Optional[_Amount]]]]:
    """Each column's printed amount per row, when one grid keeps the identities. The 0s are set
    aside and the other amounts placed first (a stream that prints every cell then puts a 0 in
    every blank cell); a stream that prints every cell and finds no grid so (a total of 0, a
    negative amount, too long a search) is placed 0s and all."""
    rows = len(shape.codes)
    try:
        values = [a.value for a in amounts]
    except ArithmeticError:
        return None
    full = len(values) == k * rows
    if len(values) > k * rows or (k < 2 and not full):
        return None
    cells: list[list[Optional[_Amount]]] = [[None] * rows for _ in range(k)]
    positions = [p for p, v in enumerate(values) if v != 0]
    zeros = [p for p, v in enumerate(values) if v == 0]
    sparse = solve_sparse(shape, [values[p] for p in positions], k, positions if full else None,
                          zeros if full else None)
    if sparse is None and full:
        solved = solve_full(shape, values, k)
        if solved is None:  # (its 0s out of their columns' order: the other amounts placed alone)
            apart = solve_sparse(shape, [values[p] for p in positions], k) if zeros else None
            if apart is None:
                return _zero_columns(shape, amounts, k, positions, zeros)
            return _with_zeros(shape, amounts, k, apart, positions, zeros)
        filled = [0] * k
        for a, c in zip(amounts, solved[1]):
            cells[c][filled[c]] = a
            filled[c] += 1
        return cells
    if sparse is None:
        return None if full else _agreed_reading(shape, amounts, k, positions, zeros, after_names)
    return _with_zeros(shape, amounts, k, sparse, positions, zeros)


class _ZeroColumns(list):
    """A grid whose last columns were taken as printing 0 on every row (`_zero_columns`): every
    cell a guess."""


def _zero_columns(shape: Shape, amounts: list[_Amount], k: int, positions: list[int], zeros: list[int]
                  ) -> Optional[list[list[Optional[_Amount]]]]:
    """A stream that prints every cell of k columns, where no grid of all k is settled (pdfminer
    prints the boxes of a wide table's columns of 0s among its other columns, a page's rows out of
    turn): the amounts other than 0 placed into the first j columns alone (2 <= j < k, the fewest
    that place them in one grid), every other cell 0 — the columns after the j-th printing 0 on
    every row. Every cell is then a guess (`_ZeroColumns`); None where no j places them so."""
    if len(amounts) != k * len(shape.codes) or len(zeros) < len(shape.codes):
        return None
    values = [amounts[p].value for p in positions]
    key = (tuple(shape.codes), tuple(values), k)
    if _ZEROED[0] != key:  # (tables are tried from several header lines: each stream searched once)
        _ZEROED[:] = [key, next(((j, got) for j in range(2, k) for got in [solve_sparse(shape, values, j)]
                                 if got is not None), None)]
    if _ZEROED[1] is not None:
        j, solved = _ZEROED[1]
        grid = [list(col) for col in solved[0]] + [[None] * len(shape.codes) for _ in range(k - j)]
        zero_cells = _every_blank(grid, zeros)
        if zero_cells is None:
            return None
        cells: list[list[Optional[_Amount]]] = [[None] * len(shape.codes) for _ in range(k)]
        for p, (c, r) in zip(positions, solved[1]):
            cells[c][r] = amounts[p]
        for p, (c, r) in zip(zeros, zero_cells):
            cells[c][r] = amounts[p]
        return _ZeroColumns(cells)
    return None


_ZEROED: list = [None, None]  # the last stream searched by `_zero_columns`: (key, (j, its grid) or None)


class _Guessed(list):
    """A grid of the cells that every grid the identities leave agrees on: `doubt` maps each other
    (column, row) cell to the amounts the grids put there — the cell left blank, or, where one grid
    alone holds its sums exactly (`filled`), that grid's amount, to review."""
    doubt: dict = {}
    filled = ""  # the note of a cell filled so (empty: the cells in doubt are left blank)


def _agreed_reading(shape: Shape, amounts: list[_Amount], k: int, positions: list[int], zeros: list[int],
                    after_names: Optional[list[Optional[int]]] = None) -> Optional[list[list[Optional[_Amount]]]]:
    """Where the identities leave a few grids (pdftotext prints a run of one row's amounts and the
    next rows' that can be cut more than one way), the cells they all agree on; the cells they differ
    in are left blank and listed in `_Guessed.doubt` (to review with the amounts they may hold).
    None when the grids are too many or none places its 0s."""
    values = [amounts[p].value for p in positions]
    found = sparse_readings(shape, values, k, _MAX_READINGS)
    if found is None:
        return None
    grids = [g for g in (_with_zeros(shape, amounts, k, solved, positions, zeros) for solved in found) if g is not None]
    if len(grids) < 2:
        return grids[0] if grids else None

    def value(a: Optional[_Amount]) -> Optional[Decimal]:
        return None if a is None else a.value

    # the grid whose sums hold exactly where the others' hold only within a cent's rounding (a 0.01
    # amount adds to any sum within the tolerance) fills the cells they differ in, still to review
    inexact = [_inexact(shape, g) for g in grids]
    exact = grids[inexact.index(min(inexact))] if inexact.count(min(inexact)) == 1 else None
    why = _EXACT_DOUBT
    if exact is None and after_names is not None:  # else the one grid whose rows in doubt print their
        # amounts right after their names (pdftotext prints most rows so)
        differ = {r for r in range(len(grids[0][0])) if len({tuple(value(g[c][r]) for c in range(k)) for g in grids}) > 1}
        shown = [sum(1 for r in differ if _after_name(g, r, amounts, after_names)) for g in grids]
        if max(shown) and shown.count(max(shown)) == 1:
            exact, why = grids[shown.index(max(shown))], _NAMED_DOUBT
    out = _Guessed([list(col) for col in (exact or grids[0])])
    out.doubt = {}
    for c in range(k):
        for r in range(len(out[c])):
            seen = {value(g[c][r]) for g in grids}
            if len(seen) > 1:
                if exact is None:
                    out[c][r] = None
                out.doubt[(c, r)] = sorted(str(v) if v is not None else "blank" for v in seen)
    out.filled = why if exact is not None else ""
    return out


def _after_name(grid: list[list[Optional[_Amount]]], r: int, amounts: list[_Amount],
                after_names: list[Optional[int]]) -> bool:
    """Row r's amounts (left to right) are the ones printed right after its name."""
    start = after_names[r]
    got = [a.value for a in (col[r] for col in grid) if a is not None]
    if start is None or not got:
        return False
    return [a.value for a in amounts[start:start + len(got)]] == got


def _inexact(shape: Shape, grid: list[list[Optional[_Amount]]]) -> int:
    """The identities of the grid (合计 = Σ the part columns on every row, parent = Σ children in
    every column) that hold only within the rounding, not exactly."""
    def v(c: int, r: int) -> Decimal:
        a = grid[c][r]
        return a.value if a is not None else Decimal(0)

    rows = range(len(grid[0]))
    n = sum(1 for r in rows if v(0, r) != sum((v(c, r) for c in range(1, len(grid))), Decimal(0)))
    for parent, kids in shape.children.items():
        n += sum(1 for c in range(len(grid)) if v(c, parent) != sum((v(c, x) for x in kids), Decimal(0)))
    return n


class _Rows(list):
    """A grid read row by row: its part columns are known from each row's order."""


def _by_rows(shape: Shape, amounts: list[_Amount], k: int) -> Optional[list[list[Optional[_Amount]]]]:
    """The grid of a stream that runs row by row (run_rows.py), when it reads so into one grid."""
    try:
        values = [a.value for a in amounts]
    except ArithmeticError:
        return None
    placed = solve_rows(shape, values, k)
    if placed is None:
        return None
    return _Rows([amounts[p] if p is not None else None for p in col] for col in placed)


def _place(region: _Region, s: _Streams, rows: list[LabelRow], header: list[str], scrambled: bool = False
           ) -> Optional[_Placement]:
    """The amounts placed in rows and columns, or None when no single placement keeps the
    identities (or no standard column set fits). `scrambled`: the labels were printed out of row
    order, so where a 合计 label stands says nothing of where its row is: first and last are both
    tried."""
    codes = [r.code for r in rows]
    first_name = min(region.at.get(id(x), 0) for x in rows[0].name_lines)
    last_name = max(region.at.get(id(x), 0) for x in rows[-1].name_lines)
    # a 合计 label after the names is the 合计 row's, printed last (one before them is then the
    # header's 合计 column); else one before them is the row's, printed first — or the header's
    # only (tried too where the amounts would fill every cell of the rows without a 合计 row)
    total = "last" if any(p > last_name for p in region.totals) else \
        "first" if any(p < first_name for p in region.totals) else None
    # 合计 labels both before and after the names: either may be the header's 合计 column (pdfminer
    # prints the column's label box among the rows' labels): both places are tried
    both = total == "last" and any(p < first_name for p in region.totals)
    text = "".join(header) + ("合计" if region.totals else "") + "".join(sorted(set(region.total_words)))
    lanci = any(nm.text in _LANCI for nm in s.names)
    first_code = region.at.get(id(s.codes[0].line if s.codes else rows[0].name_lines[0]), 0)
    for parent, leaves in _column_sets(text, header):
        k = len(leaves)
        # (a table that prints names only prints its header after the names: its 栏次 numbers are
        # then the first amounts, 1 … k, which no row's amounts can be — its 合计 is not Σ its parts)
        numbered = k > 1 and [a.text for a in s.amounts[:k]] == [str(x + 1) for x in range(k)] and (all(
            region.at.get(id(a.line), first_code) < first_code for a in s.amounts[:k]) or not s.codes)
        amounts = _without_lanci(s.amounts, k) if lanci or numbered else s.amounts
        if scrambled or k > 1:  # (the 栏次 numbers may stand among the amounts, each once)
            amounts = _without_scattered_lanci(amounts, k)
        found = []
        ids = set_identities(leaves)
        alike = alike_columns(ids) if len(ids) > 1 else None
        wheres = [None, "first"] if total == "first" and len(amounts) == k * len(codes) else \
            ["last", "first"] if both else [total]
        if scrambled:
            wheres = ["first", "last"] if region.totals else [None]
        for where in wheres:
            shape = Shape(codes + [None] if where == "last" else ([None] if where else []) + codes)
            after = _after_names(region, rows, amounts)
            after = after + [None] if where == "last" else ([None] if where else []) + after
            cells = _grid_of(shape, amounts, k, ids, after)
            if cells is not None and where and alike is not None and not _sure_total_row(codes, amounts, k, ids):
                return None
            if cells is not None:
                found.append(_Placement(parent, leaves, cells, where, isinstance(cells, _Rows), alike))
        if len(found) == 1:
            return found[0]
        if found:
            return None  # with and without a 合计 row: no reading is sure
    return None


def place_grid(units: int, amounts: list[tuple[str, NLine]], k: int
               ) -> Optional[tuple[list[list[tuple[str, NLine]]], bool]]:
    """The amounts of a table keyed by unit (a 合计 row first, then `units` rows, every cell printed) in
    `k` columns whose one identity is the first = Σ the others, each column's amount per row, where
    exactly one grid keeps that and the 合计 row = Σ the units (the placers of `_grid_of`), and whether
    that grid is sure (False: a placing of the fewest columns or of columns of 0s, or cells whose row is
    a guess); else None."""
    shape = Shape([None] + [f"{u:04d}" for u in range(units)])  # (the units: top rows, no children)
    stream = [_Amount(w, ln) for w, ln in amounts]
    cells = _grid_of(shape, stream, k, [(0, tuple(range(1, k)))])
    if cells is None or any(a is None for col in cells for a in col):
        return None
    sure = not isinstance(cells, (_Fewest, _ZeroColumns, _Guessed))
    return [[(a.text, a.line) for a in col] for col in cells], sure


def _yuan_rounded(amounts: Sequence[_Amount]) -> bool:
    """A stream printed to the cent (six amounts at least) with some amounts of a thousand or more
    printed without cents, to the yuan (`22,118,861`): cells a report rounded for show."""
    cents = sum(1 for a in amounts if _CENTS.match(a.text))
    return cents >= _MIN_CENTS and any(_YUAN.match(a.text) for a in amounts)


def _place_coarse(region: _Region, s: _Streams, rows: list[LabelRow], header: list[str], scrambled: bool = False
                  ) -> Optional[_Placement]:
    """`_place` with the amounts compared to the yuan (`_Coarse`), where the stream prints some
    amounts rounded to the yuan among amounts printed to the cent (`_yuan_rounded`): the sums that
    join such a cell hold only within its rounding. None where the stream is not so or no single
    placement is left."""
    if not _yuan_rounded(s.amounts):
        return None
    coarse = _Streams(s.codes, s.names, s.pieces, [a if isinstance(a, _Stray) else _Coarse(a.text, a.line)
                                                   for a in s.amounts], list(s.twos))
    return _place(region, coarse, rows, header, scrambled)


def _place_stray(region: _Region, s: _Streams, rows: list[LabelRow], header: list[str]) -> Optional[_Placement]:
    """Where no grid keeps the sums, one amount may be a cell the report printed in error (a row's
    `14,348,853.34 14,348,853.34 64,840,547.00`: 合计 = 基本支出, and its 项目支出 repeats its parent's).
    Each amount printed elsewhere in the table too, away from its equal neighbours (the first of
    them; `_MAX_STRAYS` at most, else none), is set aside in turn as a 0 (`_Stray`) and the rest
    placed (`_place`, or `_place_coarse` where the stream prints amounts rounded to the yuan); the
    stray then goes to the cell its print order gives: the first blank (or 0) cell right of the
    amount printed just before it, on that amount's row. Read only where the amounts so set aside
    leave one grid and that cell exists; the stray's cell goes to review (`_STRAY_DOUBT`)."""
    amounts = s.amounts
    seen = [a.value for a in amounts]
    tries = [d for d in range(1, len(amounts)) if seen[d] != 0 and seen[d] != seen[d - 1] and _elsewhere(seen, d)]
    if not tries or len(tries) > _MAX_STRAYS:
        return None
    found: dict[tuple, _Placement] = {}
    coarse = _yuan_rounded(amounts)
    for d in tries:
        stray = _Stray(amounts[d].text, amounts[d].line)
        t = _Streams(s.codes, s.names, s.pieces, amounts[:d] + [stray] + amounts[d + 1:], [p for p in s.twos if p != d])
        placed = _place_coarse(region, t, rows, header) if coarse else _place(region, t, rows, header)
        if placed is None or not _move_stray(placed.cells, amounts[d - 1], stray):
            continue
        found.setdefault(tuple(tuple(a.text if a is not None else None for a in col) for col in placed.cells), placed)
        if len(found) > 1:
            return None
    return next(iter(found.values())) if found else None


def _elsewhere(values: list[Decimal], d: int) -> bool:
    """values[d] is printed elsewhere too, away from the run of equal amounts it starts."""
    end = d
    while end + 1 < len(values) and values[end + 1] == values[d]:
        end += 1
    return any(v == values[d] for p, v in enumerate(values) if p < d or p > end)


def _move_stray(cells: list[list[Optional[_Amount]]], before: _Amount, stray: _Stray) -> bool:
    """Moves the stray (placed as a 0) to the first blank or 0 cell right of the amount printed
    before it, on that amount's row (a 0 there takes the stray's place); False where there is none."""
    at = [(c, r) for c, col in enumerate(cells) for r, a in enumerate(col)
          if a is not None and a.line is before.line and a.text == before.text]  # (perhaps a `_Coarse` copy)
    was = [(c, r) for c, col in enumerate(cells) for r, a in enumerate(col) if a is stray]
    if len(at) != 1 or len(was) != 1:
        return False
    (c0, r), (cs, rs) = at[0], was[0]
    for c in range(c0 + 1, len(cells)):
        a = cells[c][r]
        if a is None or a is stray or a.value == 0:
            cells[cs][rs], cells[c][r] = (None if a is None else a), stray
            return True
    return False


def _after_names(region: _Region, rows: list[LabelRow], amounts: list[_Amount]) -> list[Optional[int]]:
    """For each row, the index of the first amount printed after its name's last line (None when
    the name's line is not the table's or no amount follows it)."""
    at = [region.at.get(id(a.line)) for a in amounts]
    out: list[Optional[int]] = []
    for row in rows:
        name_at = region.at.get(id(row.name_lines[-1])) if row.name_lines else None
        out.append(None if name_at is None else next((p for p, x in enumerate(at) if x is not None and x > name_at), None))
    return out


_LAST: list = [None]  # (lines, {region key: (rows, placement)}) of the tables read in the last text


def _cents_only(region: Optional[_Region]) -> bool:
    """Every amount of the region but some bare two-digit numbers printed to the cent: those numbers
    are 款 / 项 pieces printed after a row's amounts (pdftotext's order), not amounts."""
    if region is None:
        return False
    bare = [a for a in region.streams.amounts if _TWO.match(a.text)]
    rest = [a for a in region.streams.amounts if not _TWO.match(a.text) and a.text not in ("0", "0.00")]
    return bool(bare) and len(rest) >= _MIN_CENTS and all("." in a.text for a in rest)


def read_runs(lines: Sequence[NLine], i: int, title_at: Optional[int] = None) -> tuple[Optional[GridBlock], int]:
    own = "".join(lines[title_at].text.split()) if title_at is not None else _own_title(lines, i)
    block, end = _read_scanned(lines, i, title_at, own)
    if block is None and _cents_only(_scan(lines, i, title_at, own)):
        # bare two-digit numbers among amounts printed to the cent: 款 / 项 pieces (read so only
        # where the table does not read with them as amounts)
        block, end = _read_scanned(lines, i, title_at, own, cents=True)
    return block, end


def _read_scanned(lines: Sequence[NLine], i: int, title_at: Optional[int], own: str, cents: bool = False
                  ) -> tuple[Optional[GridBlock], int]:
    region = _scan(lines, i, title_at, own, cents)
    if region is not None and region.again:  # read over the pages, else the first page alone
        block, end = _read_region(lines, i, title_at, region)
        if block is not None:
            return block, end
        region = _scan(lines, i, title_at, cents=cents)
    if region is None:
        return None, i + 1
    block, end = _read_region(lines, i, title_at, region)
    trimmed = _without_next_head(region)
    if trimmed is None:
        return block, end
    if block is None:
        return _read_region(lines, i, title_at, trimmed)
    last = lines[trimmed.end - 1].no or 0
    if all((c.line or 0) <= last for row in block.rows for c in row):
        return block, trimmed.end  # (read without them: the next table's header words are left to it)
    return block, end


def _without_next_head(region: _Region) -> Optional[_Region]:
    """The region without the labels printed after its last amount, where no code follows that
    amount: pdfminer prints the next table's header words (`收入` `项目` `一、一般公共预算` …) before
    that table's title, and they are no row's name. The region then ends after its last amount.
    None where nothing follows the last amount, or a code does."""
    s = region.streams
    if not s.amounts:
        return None
    last = max(region.at.get(id(a.line), -1) for a in s.amounts)

    def kept(ln: NLine) -> bool:
        return region.at.get(id(ln), -1) <= last

    if not all(kept(c.line) for c in s.codes) or all(kept(n.line) for n in s.names) and all(
            t <= last for t in region.totals):
        return None
    names = [n for n in s.names if kept(n.line)]
    pieces = [p for p in s.pieces if kept(p.line)]
    if not names and not s.codes:
        return None
    trimmed = _Streams(list(s.codes), names, pieces, list(s.amounts), list(s.twos))
    return _Region(trimmed, None, [t for t in region.totals if t <= last], [n for n in region.notes if kept(n)],
                   last + 1, region.at, region.again, region.total_words)


def _own_title(lines: Sequence[NLine], i: int) -> str:
    """The title of the subject table whose header starts at lines[i] (squeezed), else ""."""
    for k in range(i - 1, max(-1, i - 12), -1):
        t = lines[k].text.strip()
        if t and (TITLE_END.search(t) or identify(t, "") is not None):
            return "".join(t.split())
    return ""


def _read_region(lines: Sequence[NLine], i: int, title_at: Optional[int], region: _Region
                 ) -> tuple[Optional[GridBlock], int]:
    s0 = region.streams
    key = (region.end, len(s0.codes), id((s0.codes[0] if s0.codes else s0.names[0]).line), len(s0.amounts))
    last = _LAST[0]
    if last is None or last[0] is not lines:
        last = _LAST[0] = (lines, {})
    if key in last[1]:
        rows, placed = last[1][key]  # the same table, from its header's next line: read once
    else:
        rows, placed = last[1][key] = _read(region)
    if placed is None or rows is None:
        return None, i + 1  # labels unconfirmed, columns unnamed, or no single placement: declined
    block = _block(lines[i], region, rows, placed)
    if title_at is not None:
        block.preamble = [lines[title_at]]  # the title, printed among the table's lines
    return block, region.end


def _read(region: _Region) -> tuple[Optional[list[LabelRow]], Optional[_Placement]]:
    placed = rows = None
    for s in _variants(region):
        if s is None:
            continue
        if not s.codes:  # names only: the one reading of the tree whose amounts place
            named = _by_names(region, s)
            if named is not None:
                return named
            continue
        rows, header = label_rows(s.codes, s.names, s.pieces)
        if rows is not None:
            placed = _place(region, s, rows, header) or _place_coarse(region, s, rows, header)
            if placed is not None:
                break
    if placed is not None:
        return rows, placed
    for s in _variants(region):  # labels printed out of row order: the rows by their codes
        by_codes = None if s is None else label_by_codes(s.codes, s.names, s.pieces)
        if by_codes is not None:
            placed = _place(region, s, by_codes[0], by_codes[1], scrambled=True)
            if placed is not None:
                return by_codes[0], placed
    s = region.streams  # then: one amount a cell printed in error
    first, header = label_rows(s.codes, s.names, s.pieces) if s.codes else (None, [])
    placed = None if first is None else _place_stray(region, s, first, header)
    if placed is not None:
        return first, placed
    for s in _variants(region):  # no grid keeps the identities: the rows as printed, if the stream says so
        printed = None if s is None else _printed_reading(region, s)
        if printed is not None:
            return printed
    return rows, None


_PRINTED_DOUBT = ("amount uncertain: the table's sums do not hold here (an error in the printed table, or a "
                  "misread one), so its amounts were read in printed order, row by row, unconfirmed ({})")


def _printed_reading(region: _Region, s: _Streams) -> Optional[tuple[list[LabelRow], _Placement]]:
    """A stream that prints every cell row by row whose sums fail somewhere (run_printed.as_printed):
    the rows (their labels read in printed order, else by their codes) and that reading, the cells
    whose sums fail to review; None where it does not read so."""
    labelled, header = label_rows(s.codes, s.names, s.pieces)
    readings = [(labelled, header)] if labelled is not None else []
    by_codes = label_by_codes(s.codes, s.names, s.pieces)
    if by_codes is not None:
        readings.append(by_codes)
    for rows, words in readings:
        text = "".join(words) + ("合计" if region.totals else "") + "".join(sorted(set(region.total_words)))
        for parent, leaves in _column_sets(text):
            k = len(leaves)
            if len(set_identities(leaves)) != 1:
                continue
            amounts = _without_scattered_lanci(s.amounts, k) if k > 1 else s.amounts
            try:
                values = [a.value for a in amounts]
            except ArithmeticError:
                return None
            got = as_printed([r.code for r in rows], values, k, bool(region.totals))
            if got is None:
                continue
            where, index, doubt = got
            cells = _Guessed([[amounts[p] for p in col] for col in index])
            cells.doubt = {(c, r): [amounts[index[c][r]].text] for c, r in doubt}
            cells.filled = _PRINTED_DOUBT
            return rows, _Placement(parent, leaves, cells, where, ordered=True)
    return None


def _by_names(region: _Region, s: _Streams) -> Optional[tuple[list[LabelRow], _Placement]]:
    """A table that prints names only: the rows of the one reading of its tree (run_labels.
    rows_by_names) whose amounts are placed, with the placement; None where none or several are."""
    readings, header = rows_by_names(s.names, s.pieces)
    placed = [(rows, p) for rows in readings for p in [_place(region, s, rows, header)] if p is not None]
    # (rows whose codes are inferred, and amounts whose row is a guess on top: declined)
    return placed[0] if len(placed) == 1 and not isinstance(placed[0][1].cells, _Guessed) else None


def _variants(region: _Region) -> list[Optional[_Streams]]:
    """The streams to read, in turn: the table's, those without the labels after its note, then
    both with the lone two-digit amounts after an amount taken as code pieces (`_twos_as_pieces`:
    tried only where the labels do not read otherwise)."""
    return [region.streams, region.cut, _twos_as_pieces(region.streams, region.at),
            _twos_as_pieces(region.cut, region.at)]


def _block(at: NLine, region: _Region, rows: list[LabelRow], placed: _Placement) -> GridBlock:
    cells = placed.cells
    unsure: set[int] = set()  # the columns whose place is a guess: alike ones that differ
    doubt = cells.doubt if isinstance(cells, _Guessed) else {}  # cells whose row is a guess
    for alike in placed.alike if placed.alike is not None else [tuple(range(1, len(cells)))]:
        if len({tuple(a.value if a else None for a in cells[c]) for c in alike}) > 1 and not placed.ordered:
            unsure.update(alike)

    def label(text: str) -> Cell:
        return Cell(text=text, orig=text, line=at.no, page=at.page)

    def blank(line: NLine) -> Cell:
        return Cell(text="", orig="", line=line.no, page=line.page)

    def values(r: int, line: NLine) -> list[Cell]:
        out = []
        for c, col in enumerate(cells):
            a = col[r]
            if a is None:
                out.append(blank(line))
                if (c, r) in doubt:
                    out[-1].repairs = [Repair(kind="layout.row_guess", note=(
                        cells.filled or _ROW_DOUBT).format(" or ".join(doubt[(c, r)])), status="unconfirmed")]
                    continue
                if c in unsure and placed.alike is not None:  # (a blank cell of a guessed column too)
                    out[-1].repairs = [Repair(kind=COLUMN_ORDER, note=_SWAP_DOUBT, status="unconfirmed")]
                continue
            cell = Cell(text=a.text, orig=a.text, line=a.line.no, page=a.line.page, repaired=a.line.repaired)
            if c in unsure:
                cell.repairs = [Repair(kind=COLUMN_ORDER, note=_SWAP_DOUBT, status="unconfirmed")]
            if isinstance(a, _Stray):
                cell.repairs = [Repair(kind="layout.row_guess", note=_STRAY_DOUBT, status="unconfirmed")] \
                    + (cell.repairs or [])
            if (c, r) in doubt:
                cell.repairs = (cell.repairs or []) + [Repair(kind="layout.row_guess", note=(
                    cells.filled or _ROW_DOUBT).format(" or ".join(doubt[(c, r)])), status="unconfirmed")]
            if isinstance(cells, (_Fewest, _ZeroColumns)):
                cell.repairs = (cell.repairs or []) + [Repair(
                    kind="layout.column_guess", status="unconfirmed",
                    note=_FEWEST_DOUBT if isinstance(cells, _Fewest) else _ZERO_COLUMNS_DOUBT)]
            out.append(cell)
        return out

    grid: list[list[Cell]] = []
    if any("/" in x for x in placed.leaves):  # a group of sub-columns: its label spans them
        tops = [x.split("/")[0] for x in placed.leaves]
        grid.append([label("科目编码"), label("科目名称")]
                    + [label(x if not c or x != tops[c - 1] else "") for c, x in enumerate(tops)])
        grid.append([label(""), label("")] + [label(x.rpartition("/")[2] if "/" in x else "") for x in placed.leaves])
    elif placed.parent:
        grid.append([label("科目编码"), label("科目名称"), label(placed.parent)]
                    + [label("") for _ in placed.leaves[1:]])
        grid.append([label(""), label("")] + [label(x) for x in placed.leaves])
    else:
        grid.append([label("科目编码"), label("科目名称")] + [label(x) for x in placed.leaves])
    t = 1 if placed.total == "first" else 0
    if t:
        first = cells[0][0].line if cells[0][0] else at
        grid.append([blank(first), label("合计")] + values(0, first))
    for r, s in enumerate(rows):
        name_line = s.name_lines[0]
        grid.append([Cell(text=s.code, orig=s.code_orig, line=s.code_line.no, page=s.code_line.page,
                          repairs=[inferred_repair()] if s.inferred else None),
                     Cell(text=s.name, orig=s.name, line=name_line.no, page=name_line.page,
                          joined=len(s.name_lines) > 1)] + values(r + t, s.code_line))
    if placed.total == "last":
        first = cells[0][-1].line if cells[0][-1] else at
        grid.append([blank(first), label("合计")] + values(len(rows), first))
    last = max((a.line.no or 0) for col in cells for a in col if a is not None)
    block = GridBlock(rows=grid, first_line=at.no, last_line=last, method="column-runs", notes=list(region.notes))
    return with_report(block)


def _header_start(lines: Sequence[NLine], i: int) -> Optional[int]:
    """The header's first line when lines[i] is it, or its second line (a reader before this one
    may claim the first header line and decline the table, which leaves the first line narrative)."""
    if after_title(lines, i):
        return i
    k = i - 1
    while k >= 0 and k >= i - 3 and not lines[k].text.strip():
        k -= 1
    if k >= 0 and lines[k].text.strip() and name_piece(lines[k]) and after_title(lines, k):
        return k
    return None


def _subject_title(lines: Sequence[NLine], i: int) -> bool:
    """The nearest title above lines[i] names a subject table."""
    seen = 0
    for k in range(i - 1, max(-1, i - 12), -1):
        t = lines[k].text.strip()
        if not t:
            continue
        seen += 1
        tpl = identify(t, "")
        if tpl is not None:
            return tpl.shape == "subject"
        if seen >= 5 or not title_like(lines[k]):
            return False
    return False


def _title_after_head(lines: Sequence[NLine], i: int) -> Optional[int]:
    """The title of the table whose header opens at lines[i], printed after the header's first
    words, codes and names (`_head_before_title`); lines[i] must be the first of them (the line
    before is no header word: an amount, prose or another table's line)."""
    k = i - 1
    while k >= 0 and not lines[k].text.strip():
        k -= 1
    if k >= 0 and name_piece(lines[k]) and not title_like(lines[k]):
        return None
    return _head_before_title(lines, i, amounts=True)


@text_reader(55)
class ColumnRunsReader:
    """Subject tables printed one cell per line, column by column (pdfminer.six, some copy-pastes)."""

    name = "column-runs"

    def __init__(self) -> None:
        self._last = LastRead()  # starts reads the table: read gets it again

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        t = lines[i].text
        if not t.strip() or "\t" in t or "|" in t or len(t) > 60 or not has_value_lines(lines):  # cheap tests
            return False  # first: this runs on every line
        first = _header_start(lines, i)
        if (first is None or not _subject_title(lines, first)) and _title_after_head(lines, i) is None:
            return False
        return self.read(lines, i)[0] is not None

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        def run() -> tuple[Optional[GridBlock], int]:
            first = _header_start(lines, i)
            title_at = _title_after_head(lines, i) if first is None or not _subject_title(lines, first) else None
            return read_runs(lines, i, title_at)
        return self._last.get(lines, i, run)
