"""Reader `own-runs`: the rows of a scrambled cell stream that print their own amounts right after their cells.

What it does: pdftotext without `-layout` and pdfminer.six print some budget tables (Beijing-style
预算 tables: the 支出总表 with three `code-name` cells a row, `2050302-中等职业教育` `50501-工资福利支出`
`30101-基本工资`; the 一般公共预算支出表 with a code and a name, `2130304` `水利行业业务管理`) as a stream of
cells in the page's block order: many rows still print their cells followed by a run of their own
amounts (blank cells absent), but other rows' amounts, codes and header words float away from their
rows, in runs of their own, between rows or after them, so that no reader of row order or column runs
takes the table. This reader takes the rows that can be read for certain and leaves the rest:
- a row opens at a subject of the table's first column: a `code-name` cell, or a code followed by its
  name, with the code length and first digit of the stream's first such subject (the further
  subjects of a row, `50501-…` `30101-…`, are its cells, not rows); the words after it up to the
  first amount are its cells, a word opening no `code-name` continuing the cell before it (a name
  wrapped in its narrow column);
- its run is the amounts printed right after its cells; the row's own amounts are the shortest
  prefix of two or more whose first is the sum of the others (the total and its parts, to the last
  printed decimal a part); what follows the prefix is other rows' amounts;
- rows printed interleaved, as a block: m rows (two or more) printed column by column, a paragraph
  of exactly m lines a column, one word a line (the m first subjects, each further subject column's
  m cells, then each amount column's m amounts), the i-th line of every paragraph the i-th row's; a
  block whose last amount paragraph is followed by an amount is not one (its amounts may go on);
- it is read where the stream is in row order at its place: it is the stream's first row and no
  amount stands before it (the header's words only), or the row before it printed its cells and a
  run that is exactly its prefix, ending where this row opens (a block: where it opens, the row
  before the block so; after a block, where every run of the block was exactly its row's);
- after a break in the order (the row before printed no amounts, or amounts not all its own), it is
  read by its run alone where the run is exactly its own amounts (two or more), and its cells (a
  block's first subjects) and its run each open a paragraph (where the order breaks, pdftotext prints
  several rows' cells in one paragraph: a cell there may be another row's); where the header splits
  a part into parts of its own (小计 人员经费 公用经费), a run `小计 人员经费 公用经费` sums as a row's
  does (its total printed elsewhere), so there the run must hold three amounts or more, its first two
  equal (合计 = 小计, no 项目支出);
- a row whose run holds its first amounts only, the rest floated away, is read where the template's
  identities prove the run its own: the parts they predict are printed elsewhere in the table among
  the amounts no row took (`_take_floated_parts`: 合计 a, 基本支出 b with a - b floating; or under
  小计 人员经费 公用经费, a > b > c with a - b and b - c floating); the floating amounts stay unplaced;
- its cells number the subject columns the header names (its words ending in 科目: a table whose
  header names none is declined, as is every row of a stream that opens at a further subject
  column, pdfminer.six's runs of the 部门 subjects), and a cell joined from pieces
  is one whose name the catalogue gives its code (a piece that is a header word or another row's is
  not taken into a name); a row that prints every subject but the last (the 支出总表's 部门 subject,
  floated into a paragraph of several rows' 部门 subjects) is read where its run (its block's every
  run) is exactly its own, its last subject cell blank and under review (`_with_last_subject_apart`).
The first amount is the first column's (the total: 合计), read as printed; the parts after it go to
review (`layout.column_guess`: blank cells are absent and the order does not tell their columns).
The grid is `科目编码 科目名称`, the further subjects as text columns named by the header's 科目 labels,
then the total column (named by the header's total word) and 列2… for the parts.
The region is the table's cell lines up to `_MAX_LINES` (the title printed once over many pages),
a line of subject cells side by side longer than a cell among them.
What it does not: read rows whose amounts stand apart from their cells (a row's missing parts are
looked for among the floating amounts only as proof, never placed), rows of a block some of whose
runs lack floated parts, rows interleaved other than in whole m-line paragraphs, the
合计 row, or the floating amounts (no amount is placed by order alone); a stream with fewer than
`_MIN_ROWS` rows read is declined. It runs after every other reader declined the table.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional, Sequence

import regex as re

from ..catalog import lookup, name_matches
from ..datamodel import GridBlock, NLine, Repair
from ..evidence.numbers import parse_amount
from .row_stream import Token, is_cell_stream, stream_region, template_shape
from .spaced_text import AMOUNT, CODE_NAME, MAX_CELL, after_title, amount_cell, cell_line, text_cell
from .text_tables import LastRead, text_reader, with_report

_MIN_ROWS = 3  # rows read, at least, for the table to be taken
_MAX_RUN = 8  # amounts of a run tried as one whole row
_MAX_LINES = 8000  # the table's region in lines: one cell a line, its title printed once, over many pages
_HAN = re.compile(r"\p{Han}")
_BARE_CODE = re.compile(r"^(?:\d{3}|\d{5}|\d{7})$")
_SUB_PART = re.compile(r"^(?:小计|人员经费|公用经费)$")  # a part split into parts of its own
_TOTAL_WORD = re.compile(r"^(?:合计|总计|本年支出合计|支出合计)$")
_PART_DOUBT = ("column uncertain: the converter printed this row's cells and amounts apart from the "
               "header, blank cells absent; the part's column is not known (its total is the row's first amount)")


@dataclass
class _Row:
    cells: list[list[Token]]  # each subject cell's words (`code-name` and its wrapped pieces; or code, name)
    start: int  # token index of the row's first word
    amounts: list[Token] = field(default_factory=list)  # the run right after the cells
    own: int = 0  # the run's prefix that is the row's (0: none holds)
    floated: bool = False  # its run is its first three columns, the rest printed elsewhere (proven)
    end: int = 0  # token index after the row's run (after its block, for a row of a block)
    block: int = -1  # the block of rows printed interleaved that holds the row (-1: none)
    whole: bool = False  # the run (every run of the row's block) is exactly its row's own amounts


def _cells_line(line: NLine) -> bool:
    """A line of the table's cells: one cell (`spaced_text.cell_line`), or subject cells side by side
    (`2130304-水利行业业务管理 50999-其他对个人和家庭的补 30399-其他对个人和家庭的补`, longer than a cell:
    pdftotext puts the cells of a row's line together where their boxes touch)."""
    words = line.text.split()
    return cell_line(line) or (len(words) >= 2 and "\t" not in line.text and all(
        CODE_NAME.match(w) and len(w) <= MAX_CELL for w in words))


def _amount(word: str) -> Optional[Decimal]:
    if not AMOUNT.match(word) or "." not in word:
        return None
    return parse_amount(word)[0]


def _opener(toks: list[Token], k: int) -> Optional[str]:
    """The code of the subject that opens a row at toks[k]: a `code-name` cell, or a bare code with a
    name after it."""
    w = toks[k][0]
    m = CODE_NAME.match(w)
    if m is not None:
        return m.group(1)
    if _BARE_CODE.match(w) and k + 1 < len(toks) and _HAN.search(toks[k + 1][0]) and not any(
            ch.isdigit() for ch in toks[k + 1][0]):
        return w
    return None


def _own_prefix(values: list[Decimal], places: list[int]) -> int:
    """The row's own amounts at the run's start: the whole run where it is one row (its first amount
    the sum of the parts after it, a part perhaps followed by its own parts adding up to it: 合计,
    小计, 人员经费, 公用经费 …), else the shortest prefix (two or more) whose first amount is the sum of
    the rest; 0 when none is. Sums hold to one unit of the last printed decimal a part."""
    unit = Decimal(1).scaleb(-min(places)) if places else Decimal(0)
    if 2 <= len(values) <= _MAX_RUN and parts_add_up(values, 1, values[0], unit):
        return len(values)
    for n in range(2, len(values) + 1):
        if abs(values[0] - sum(values[1:n], Decimal(0))) <= unit * (n - 1):
            return n
    return 0


def parts_add_up(values: list[Decimal], k: int, total: Decimal, unit: Decimal) -> bool:
    """values[k:] are parts adding up to `total`, each part perhaps followed by parts of its own
    adding up to it."""
    if k == len(values):
        return abs(total) <= unit * len(values)
    part = values[k]
    if parts_add_up(values, k + 1, total - part, unit):
        return True
    for m in range(k + 2, len(values) + 1):  # the part's own parts: values[k+1:m]
        if abs(part - sum(values[k + 1:m], Decimal(0))) <= unit * (m - k) and parts_add_up(values, m, total - part, unit):
            return True
    return False


def _places(word: str) -> int:
    return len(word.split(".", 1)[1]) if "." in word else 0


def _paragraph(toks: list[Token], k: int) -> int:
    """The index after the paragraph that opens at toks[k]: the words on lines that follow each other
    with no blank line between, one word a line (k itself when toks[k] shares its line)."""
    def alone(j: int) -> bool:
        return (j == 0 or toks[j - 1][1] is not toks[j][1]) and (
            j + 1 == len(toks) or toks[j + 1][1] is not toks[j][1])

    if not alone(k):
        return k
    j = k + 1
    while j < len(toks) and alone(j) and toks[j][1].no is not None and toks[j - 1][1].no is not None \
            and toks[j][1].no == toks[j - 1][1].no + 1:
        j += 1
    return j


def _opens(word: str, kind_key: tuple[int, str]) -> bool:
    """The word is a `code-name` cell of the table's first subject column (its code's length and first
    digit)."""
    m = CODE_NAME.match(word)
    return m is not None and (len(m.group(1)), m.group(1)[0]) == kind_key


def _block(toks: list[Token], k: int, kind_key: tuple[int, str]) -> Optional[list[_Row]]:
    """The rows of a block printed interleaved from toks[k]: m rows (two or more) printed column by
    column, a paragraph of m lines a column: the m first subjects (`code-name` cells, row openers),
    each further subject column's m cells, then each amount column's m amounts (every paragraph exactly
    m lines, one word a line), the i-th line of every paragraph the i-th row's. None where toks[k]
    opens no such block, or the block's last amount paragraph is followed by an amount (the block's
    amounts may go on in another shape)."""
    p = _paragraph(toks, k)
    m = p - k
    if m < 2 or not all(_opens(w, kind_key) for w, _ in toks[k:p]):
        return None
    columns: list[list[Token]] = [toks[k:p]]
    amounts: list[list[Token]] = []
    j = p
    while j < len(toks):
        q = _paragraph(toks, j)
        if q - j != m:
            break
        words = toks[j:q]
        if all(_amount(w) is not None for w, _ in words):
            amounts.append(words)
        elif not amounts and all(CODE_NAME.match(w) and not _opens(w, kind_key) for w, _ in words):
            columns.append(words)
        else:
            break
        j = q
    if len(amounts) < 2 or (j < len(toks) and _amount(toks[j][0]) is not None):
        return None
    rows = []
    for r in range(m):
        row = _Row(cells=[[col[r]] for col in columns], start=k, amounts=[col[r] for col in amounts], end=j,
                   block=k)
        row.own = _own_prefix([_amount(w) for w, _ in row.amounts], [_places(w) for w, _ in row.amounts])
        rows.append(row)
    whole = all(r.own == len(r.amounts) for r in rows)
    for row in rows:
        row.whole = whole
    return rows


def _rows(toks: list[Token]) -> Optional[tuple[list[Token], list[_Row]]]:
    first = next((k for k in range(len(toks)) if _opener(toks, k)), None)
    if first is None:
        return None
    kind = _opener(toks, first)
    kind_key = (len(kind), kind[0])
    rows: list[_Row] = []
    k = first
    while k < len(toks):
        code = _opener(toks, k)
        if code is None or (len(code), code[0]) != kind_key:
            k += 1
            continue
        block = _block(toks, k, kind_key)
        if block is not None:
            rows.extend(block)
            k = block[0].end
            continue
        row = _Row(cells=[], start=k)
        j = k
        if CODE_NAME.match(toks[j][0]) is None:  # code, then its name
            row.cells.append([toks[j], toks[j + 1]])
            j += 2
        else:
            row.cells.append([toks[j]])
            j += 1
        while j < len(toks) and _amount(toks[j][0]) is None:
            c = _opener(toks, j)
            if c is not None and (len(c), c[0]) == kind_key:
                break  # the next row opens: this one printed no amounts here
            w = toks[j][0]
            if CODE_NAME.match(w):
                row.cells.append([toks[j]])
            elif row.cells and _HAN.search(w) and not any(ch.isdigit() for ch in w):
                row.cells[-1].append(toks[j])  # a piece of the cell's name, wrapped
            else:
                row.cells.append([toks[j]])  # no subject cell: the row will not number the columns
            j += 1
        while j < len(toks) and _amount(toks[j][0]) is not None:
            row.amounts.append(toks[j])
            j += 1
        if row.amounts:
            row.own = _own_prefix([_amount(w) for w, _ in row.amounts], [_places(w) for w, _ in row.amounts])
        row.end, row.whole = j, bool(row.amounts) and row.own == len(row.amounts)
        rows.append(row)
        k = j
    return toks[:first], rows


def _cell(words: list[Token]) -> Optional[tuple[str, str]]:
    """(code, name) of a subject cell; None when it is no subject or a name joined from pieces that
    the catalogue does not give its code."""
    texts = [w for w, _ in words]
    m = CODE_NAME.match(texts[0])
    if m is not None:
        code, name, pieces = m.group(1), m.group(2) + "".join(texts[1:]), len(texts) > 1
    elif _BARE_CODE.match(texts[0]) and len(texts) >= 2:
        code, name, pieces = texts[0], "".join(texts[1:]), len(texts) > 2
    else:
        return None
    if not _HAN.search(name) or any(ch.isdigit() for ch in name):
        return None
    if pieces and not any(name_matches(code, name, kind) for kind in ("function", "economic")):
        return None
    return code, name


def _in_order(rows: list[_Row], k: int, header: list[Token]) -> bool:
    """The stream is in row order where rows[k] opens: it is the first row and the header holds no
    amount, or the row before printed a run that is exactly its own amounts, ending right here (for a
    row of a block printed interleaved: where its block opens)."""
    while k > 0 and rows[k].block >= 0 and rows[k - 1].block == rows[k].block:
        k -= 1
    if k == 0:
        return not any(_amount(w) is not None for w, _ in header)
    prev = rows[k - 1]
    return prev.whole and prev.end == rows[k].start


def _opens_paragraph(toks: list[Token], j: int) -> bool:
    """toks[j] opens a paragraph: a blank line (or more) stands between it and the word before it."""
    if j == 0:
        return True
    before, at = toks[j - 1][1].no, toks[j][1].no
    return before is not None and at is not None and at > before + 1


def _alone(row: _Row, nested: bool, toks: list[Token]) -> bool:
    """A row after a break in the order, read by its run alone: the run is exactly the row's own amounts
    (two or more, the first the sum of the rest). Its first amount could be a part only where parts
    add up among themselves by the columns: where the header splits a part into its own parts (小计 =
    人员经费 + 公用经费), a run `小计 人员经费 公用经费` or `小计 人员经费` (the total printed before the
    cells, the 项目支出 floated away) is one too; there the run is read only where it holds three
    amounts or more, its first two equal (合计 = 小计, no 项目支出: no part equals the next by the columns
    but by chance). Its cells must stand apart: each cell (a block's first subjects) opens a paragraph
    of its own and so does its run (where the order breaks, pdftotext prints several rows' cells in
    one paragraph: a cell there may be another row's)."""
    if row.own < 2 or row.own != len(row.amounts):
        return False
    if not _stands_apart(row, toks):
        return False
    if not nested:
        return True
    values = [_amount(w) for w, _ in row.amounts]
    return len(values) >= 3 and values[0] == values[1]


def _take_floated_parts(rows: list[_Row], toks: list[Token], nested: bool) -> None:
    """Rows whose run holds the first of their amounts only, the rest floated away (the converter
    printed the row's first cells in place and the others elsewhere in the table), taken where the
    template's identities prove the run the row's own: the amounts the identities predict for the
    missing parts are printed elsewhere in the table among the amounts no row took as its own.
    - under a header that splits a part into its own parts (合计 = 小计 + 项目支出, 小计 = 人员经费 +
      公用经费), a run of exactly three amounts a > b > c: blank cells absent, a > b says the second
      printed is 小计 (with 小计 blank the second would be 项目支出 = 合计), b > c the third 人员经费
      (with it blank the third would be 公用经费 = 小计); taken where 公用经费 = b - c and 项目支出 =
      a - b are both printed elsewhere;
    - else (合计 = 基本支出 + 项目支出 + …), a run of exactly two amounts a > b, taken where the part
      a - b is printed elsewhere.
    The row's cells and its run must each open a paragraph (as for a row read alone). The row is
    marked `floated`; the floating amounts themselves are not placed (which row's each is, is not
    proven), and the parts after the total go to review as every part does."""
    taken = Counter(_amount(w) for r in rows for w, _ in r.amounts[:r.own])
    free = Counter(_amount(w) for w, _ in toks if _amount(w) is not None) - taken
    size = 3 if nested else 2
    for row in rows:
        if row.own or row.block >= 0 or len(row.amounts) != size or not _stands_apart(row, toks):
            continue
        values = [_amount(w) for w, _ in row.amounts]
        if not all(x > y for x, y in zip(values, values[1:])) or values[-1] <= 0:
            continue
        if all(free[x - y] for x, y in zip(values, values[1:])):
            row.own, row.floated = size, True


def _stands_apart(row: _Row, toks: list[Token]) -> bool:
    """Each of the row's cells (a block's first subjects) opens a paragraph of its own, and so does
    its run."""
    starts = [row.start] if row.block >= 0 else [row.start + sum(len(c) for c in row.cells[:n])
                                                  for n in range(len(row.cells) + 1)]
    return all(_opens_paragraph(toks, j) for j in starts)


def _kind(code: str) -> tuple[int, str]:
    return len(code), code[0]


def _with_last_subject_apart(rows: list[_Row], picked: list[tuple[_Row, list[tuple[str, str]]]],
                             short: list[tuple[int, _Row, list[tuple[str, str]]]]
                             ) -> list[tuple[_Row, list[tuple[str, str]]]]:
    """The picked rows with the rows that printed every subject cell but the last one (the 支出总表's
    部门 subject `30102-津贴补贴`: pdftotext floats it away with other rows' into a paragraph of its
    own, so which row's each is, is not proven), in stream order. Such a row is taken only where its
    run (every run of its block) is exactly its own amounts, the first the sum of the rest, and its
    subjects are those of the table's first columns: each further cell's code of the kind (length,
    first digit) that every full row read gives that column. Its last subject cell is left blank,
    under review (`_apart_cell`)."""
    if not short:
        return picked
    kinds = [{_kind(code) for code, _ in (cells[c] for _, cells in picked)}
             for c in range(1, len(picked[0][1]))]
    if any(len(k) != 1 for k in kinds[:-1]) or kinds[-1] & kinds[-2]:
        return picked  # columns of mixed or shared kinds: which column a short row's cell fills is not known
    order = {id(r): k for k, r in enumerate(rows)}
    taken = [(order[id(r)], r, cells) for r, cells in picked]
    for k, row, cells in short:
        if all(_kind(code) in kinds[c] for c, (code, _) in enumerate(cells[1:])):
            taken.append((k, row, cells))
    return [(r, cells) for _, r, cells in sorted(taken, key=lambda t: t[0])]


_APART_DOUBT = ("subject printed apart: the converter printed this row's last subject cell away from "
                "the row, among other rows' (which is this row's is not known); left blank")


def _apart_cell(at: NLine):
    """The blank last subject cell of a row whose last subject the converter printed apart, under
    review."""
    c = text_cell(at, "")
    c.repairs = [Repair(kind="layout.column_guess", note=_APART_DOUBT, status="unconfirmed")]
    return c


def _labels(header: list[Token], further: int) -> tuple[list[str], str]:
    """The further subject columns' labels (the header's words ending in 科目 after the first, when
    there is one per subject column; else 科目2 …) and the total column's (the header's total word)."""
    words = [w for w, _ in header if w.endswith("科目")]
    subjects = words[1:] if len(words) == further + 1 else [f"科目{k + 2}" for k in range(further)]
    total = next((w for w, _ in header if _TOTAL_WORD.match(w)), "合计")
    return subjects, total


def read_own(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    toks, end = stream_region(lines, i, limit=_MAX_LINES, cells=_cells_line)
    cut = _rows(toks)
    if cut is None:
        return None, i + 1
    header, rows = cut
    width = sum(1 for w, _ in header if w.endswith("科目"))
    if not width:
        return None, i + 1  # no subject columns named: which subject opens a row is not known
    nested = any(_SUB_PART.match(w) for w, _ in header)
    _take_floated_parts(rows, toks, nested)
    picked: list[tuple[_Row, list[tuple[str, str]]]] = []
    short: list[tuple[int, _Row, list[tuple[str, str]]]] = []
    for k, row in enumerate(rows):
        if row.floated:
            pass  # its place was proven by its parts printed elsewhere (see _take_floated_parts)
        elif row.own == 0 or not (_in_order(rows, k, header) or _alone(row, nested, toks)):
            continue
        cells = [_cell(c) for c in row.cells]
        if any(c is None for c in cells):
            continue
        if len(cells) == width - 1 >= 2 and row.whole and not row.floated:
            short.append((k, row, cells))  # its last subject printed apart: see _last_subject_apart
            continue
        if len(cells) != width:
            continue  # a subject cell moved away (or another row's, or the stream opens at a further
            # subject column): which subjects the row has is not known
        picked.append((row, cells))
    if len(picked) < _MIN_ROWS:
        return None, i + 1
    picked = _with_last_subject_apart(rows, picked, short)
    n = max(r.own for r, _ in picked)
    subjects, total = _labels(header, width - 1)
    first = lines[i]
    grid = [[text_cell(first, h) for h in ["科目编码", "科目名称"] + subjects + [total] + [
        f"列{c + 1}" for c in range(1, n)]]]
    for row, cells in picked:
        at = row.cells[0][0][1]
        out = [text_cell(at, cells[0][0]), text_cell(at, cells[0][1], joined=len(row.cells[0]) > 2)]
        for code, name in cells[1:]:
            out.append(text_cell(at, f"{code}-{name}"))
        if len(cells) < width:
            out.append(_apart_cell(at))
        for c in range(n):
            if c < row.own:
                word, ln = row.amounts[c]
                out.append(amount_cell(ln, word, doubt=_PART_DOUBT if c else None))
            else:
                out.append(text_cell(at, ""))
        grid.append(out)
    return with_report(GridBlock(rows=grid, first_line=first.no, last_line=lines[end - 1].no,
                                 method="own-runs")), end


@text_reader(58)
class OwnRunsReader:
    """A scrambled subject stream's rows that print their own amounts after their cells, in row order."""

    name = "own-runs"

    def __init__(self) -> None:
        self._last = LastRead()

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        t = lines[i].text
        if not t.strip() or not after_title(lines, i) or not cell_line(lines[i]):
            return False
        if template_shape(lines, i) != "subject" or not is_cell_stream(lines, i):
            return False
        return self.read(lines, i)[0] is not None

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return self._last.get(lines, i, lambda: read_own(lines, i))
