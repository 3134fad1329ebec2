"""Reader of tables saved from web pages as one cell per line, without TABs.

What it does: after a table's title area (a line ending in 表, 公开NN表, 部门：, 单位：万元 within the
few lines before), a run of short lines — blank lines anywhere between them, each cell optionally
ending in ` |` (a cell whose line lacks the ` |` continues on the next line) — is read as a table.
- Cells marked with ` |` (a blank cell is a line ` |` alone; a marked cell may be long): every
  printed cell is there, each spanning cell once, so the grid is rebuilt by cell_grid.py (the width
  from the data rows, the header's spans from the labels); a 绩效自评表 / 绩效目标表 (一级 二级 三级指标)
  is read by one_line.py's form reader over the cells instead.
- Unmarked cells (no blank cell can be seen: web copies that drop them, and the text PDF converters
  print — PyMuPDF, pdfminer.six, pdftotext without -layout — one cell per line with blank cells
  absent, sometimes column by column): only when the table names its columns — a 行次/栏次 cell
  followed by the column numbers 1 2 3 … (one label column and that many value columns), or a run
  of known column labels (项目 行次 金额 …, as many columns as labels) — and every data row cut at
  that width is whole and of one shape: the same label columns first (at least as many as the
  header's 科目编码 / 名称 labels), then the same amount columns. Otherwise the table is declined:
  when its data too are cells one per line, its lines stay narrative (the readers after it would
  misplace them as well); when only its header is (pypdf prints a header cell per line and the rows
  on lines), `starts` says no and the readers after it (the spaced readers) read the table.
- A 绩效自评表 printed unmarked (PyMuPDF and the like: a cell per line, blank cells absent, long
  cells — the goal texts, a name, a deviation — broken over lines): the lines from the title on,
  through the goal texts, up to the 总分 row and its two numbers, are the form's words; pieces of a
  label broken over lines are joined (`预算部门（单位）` / `名称`, `产出指标(50` / `分)`), and one_line.py's
  form reader reads them with `wrapped` set: only where the order of the cells is certain (headers
  once and in order, whole funds lines, every indicator closed by 分值 得分, the 分值 adding up to the
  总分 row's); else the form is declined like any unmarked table (pdftotext and pdfminer.six move
  its cells).
What it does not: read tables with no title area before them, unmarked tables without column
labels (narrative headings stay narrative), unmarked tables with a row missing a cell (a blank cell
lost shifts every cell after it; no value is guessed), rebuild the header tree of an unmarked table
(tables.py guesses the column names and says so), or read rows printed on one line with ` | `
between cells. Once a run of cells is declined, no later line of that run is tried (linear time).
"""
from __future__ import annotations

from typing import Optional, Sequence

import regex as re

from ..datamodel import Cell, GridBlock, NLine, Repair
from ..evidence.numbers import parse_amount
from ..evidence.printed import NOTE_LINE, TITLE_END
from .cell_grid import _KEY_LABEL, lay_out
from .one_line import form_label, read_form
from .spaced_text import SENTENCE, stream_furniture
from .text_tables import with_report, is_preamble, text_reader
from .value_lines import has_form_cells

_MAX_CELL = 40  # a longer line is narrative, not a cell
_MAX_MARKED_CELL = 300  # ... unless it ends in the ` |` cell mark (a 绩效 form's goal, a deviation)
_MAX_FORM_LINES = 2000  # lines an unmarked 绩效 form may run over (the stream read to its 总分 row)
_MAX_LABEL_PIECES = 4  # a form label broken over at most this many lines (绩 / 效 / 指 / 标)
_LOOK_BACK = 8  # non-blank lines before the first cell where the title area must be
_LOOK_AHEAD = 16  # cells read ahead to find the column labels
_LABELS = frozenset(("项目", "行次", "金额", "合计", "小计", "预算数", "决算数", "科目编码", "科目名称",
                     "功能分类科目编码", "基本支出", "项目支出", "本年支出", "本年收入", "年初预算数", "全年预算数",
                     "全年执行数", "上年决算数", "本年预算数", "预算数合计", "决算数合计"))
_LANCI = frozenset(("行次", "栏次"))
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")  # a subject code opens a row as a label does
_HEAD_DOUBT = "cell-lines table: the spans of its header were rebuilt with doubt; the column may be misnamed"


def _cell_text(line: NLine) -> tuple[str, str, bool]:
    """The cell on a line: text, orig, and whether it ends with the ` |` cell mark."""
    t, o = line.text.rstrip(), line.orig.rstrip()
    if t.endswith("|"):
        return t[:-1].strip(), o[:len(t) - 1].strip(), True
    return t.strip(), o.strip(), False


def _key(t: str) -> str:
    return "".join(t.split())


def _is_num(t: str) -> bool:
    return any(ch.isdigit() for ch in t) and parse_amount(t)[0] is not None


def _ends_cells(line: NLine) -> bool:
    t = line.text.strip()
    return len(t) > _MAX_CELL or "\t" in line.text or t.startswith("|") or bool(NOTE_LINE.match(t)) \
        or is_preamble(line) or bool(TITLE_END.search(t) and len(t) > 6)


def _cells(lines: Sequence[NLine], i: int, limit: Optional[int] = None) -> tuple[list[Cell], int]:
    """Cells from lines[i] on, up to `limit` cells or a line that is no cell; index after the last."""
    out: list[Cell] = []
    j, n = i, len(lines)
    piped = any(lines[x].text.rstrip().endswith("|") for x in range(i, min(n, i + 4)))
    pending: Optional[Cell] = None
    end = i
    while j < n and (limit is None or len(out) < limit):
        ln = lines[j]
        if not ln.text.strip():
            j += 1
            continue
        if piped and ln.text.strip() == "|":  # a blank cell, or the end mark of a cell broken over lines
            if pending is None:
                pending = Cell(text="", orig="", line=ln.no, page=ln.page, bbox=ln.bbox)
            out.append(pending)
            pending = None
            j += 1
            end = j
            continue
        if _ends_cells(ln) and not (piped and _long_marked_cell(ln)):
            break
        text, orig, marked = _cell_text(ln)
        if pending is not None:
            pending.text, pending.orig, pending.joined = pending.text + text, pending.orig + orig, True
        else:
            pending = Cell(text=text, orig=orig, line=ln.no, page=ln.page, bbox=ln.bbox, repaired=text != orig)
        if marked or not piped:
            out.append(pending)
            pending = None
        j += 1
        end = j
    if pending is not None:
        out.append(pending)
    return out, end


def _long_marked_cell(line: NLine) -> bool:
    t = line.text.strip()
    return t.endswith("|") and len(t) <= _MAX_MARKED_CELL and not NOTE_LINE.match(t) and not is_preamble(line)


_SHEET_HEAD_LABELS = frozenset(("项目名称", "主管部门", "实施单位", "预算单位", "部门名称", "单位名称"))
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十\d]{1,3}部分)")  # a section's heading
_FORM_LABELS = frozenset(("项目名称", "一级指标", "预算部门（单位）名称", "部门（单位）名称", "部门名称", "单位名称"))


def _glue(pieces: list[str]) -> str:
    """Pieces of a cell broken over lines, joined: no space between two CJK pieces (a line break in
    Chinese text is no word break), one space otherwise."""
    out = ""
    for p in (x.strip() for x in pieces):
        if out and p and not (ord(out[-1]) > 0x2E7F and ord(p[0]) > 0x2E7F):
            out += " "
        out += p
    return out


class _CellWords:
    """The non-blank cells of a cell-lines 绩效 form as the words one_line.read_form reads; `wrapped`:
    the cells are unmarked lines, so a word may be a piece of a cell broken over lines."""

    def __init__(self, cells: list[Cell], wrapped: bool = False) -> None:
        self.wrapped = wrapped
        self.cells = [c for c in cells if c.text.strip()]
        self.words = ["".join(c.text.split()) if len(c.text) <= _MAX_CELL else c.text.strip() for c in self.cells]
        self._first = cells[0] if cells else None

    def cell(self, a: int, b: int, doubt: Optional[str] = None) -> Cell:
        if a >= b:
            at = self.cells[a] if a < len(self.cells) else self._first
            return Cell(text="", orig="", line=at.line, page=at.page, bbox=at.bbox)
        part = self.cells[a:b]
        first = part[0]
        glue = _glue if self.wrapped else " ".join
        c = Cell(text=glue([x.text for x in part]), orig=glue([x.orig for x in part]), line=first.line,
                 page=first.page, bbox=first.bbox, repaired=any(x.repaired for x in part),
                 joined=len(part) > 1 or first.joined)
        if doubt:
            c.repairs = [Repair(kind="layout.cell_lines", note=doubt, status="unconfirmed")]
        return c


def _form_rows(cells: list[Cell]) -> Optional[list[list[Cell]]]:
    """A 绩效自评表 / 绩效目标表 printed one cell per line: the rows one_line.read_form makes of it."""
    if not any(_key(c.text) == "三级指标" for c in cells):
        return None
    tk = _CellWords(cells)
    got = read_form(tk)
    if got is None:
        return None
    rows, lead = got
    return ([[tk.cell(0, lead)]] if lead > 0 else []) + rows


def _join_labels(cells: list[Cell]) -> list[Cell]:
    """Unmarked cells with the pieces of a form label broken over lines joined into one cell."""
    out: list[Cell] = []
    k = 0
    while k < len(cells):
        keys = [_key(c.text) for c in cells[k:k + _MAX_LABEL_PIECES]]
        # the longest run of pieces that makes a label (项目资金 / （万元）: 项目资金（万元）)
        n = next((m for m in range(len(keys), 1, -1) if "" not in keys[:m] and form_label("".join(keys[:m]))), 1)
        if n == 1:
            out.append(cells[k])
        else:
            part = cells[k:k + n]
            first = part[0]
            out.append(Cell(text="".join(keys[:n]), orig="".join(c.orig.strip() for c in part), line=first.line,
                            page=first.page, bbox=first.bbox, repaired=any(c.repaired for c in part), joined=True))
        k += n
    return out


def _form_cells(lines: Sequence[NLine], i: int) -> tuple[list[Cell], int]:
    """An unmarked 绩效 form's lines from lines[i] on as cells, one per line (long ones too: goal and
    deviation texts), up to the 总分 row's two numbers or a line that is no cell; index after them."""
    out: list[Cell] = []
    j, n = i, len(lines)
    end, total = i, None
    targets = False  # past a 绩效目标表's indicator header (no 分值 / 得分, so no 总分 row ends it)
    while j < n and j - i < _MAX_FORM_LINES:
        ln = lines[j]
        t = ln.text.strip()
        j += 1
        if not t or (targets and stream_furniture(lines, ln)):
            continue
        if len(t) > _MAX_MARKED_CELL or "\t" in ln.text or "|" in t or NOTE_LINE.match(t) or is_preamble(ln) \
                or (TITLE_END.search(t) and len(t) > 6):
            break
        if targets and (SENTENCE.search(t) or _HEADING.match(t)):
            break  # the text after the form: indicators print no sentence
        key = _key(t)
        if targets and key in _SHEET_HEAD_LABELS:
            # the sheet head printed again at a new page's top (项目名称 / its name): skipped; another
            # project's name opens another form
            earlier = next((k for k, c in enumerate(out) if _key(c.text) == key), None)
            nxt = next((x for x in range(j, min(n, j + 3)) if lines[x].text.strip()), None)
            if earlier is None or earlier + 1 >= len(out) or nxt is None or \
                    _key(lines[nxt].text) != _key(out[earlier + 1].text):
                break
            j = nxt + 1
            continue
        if targets and key == "一级指标" and [_key(lines[x].text) for x in range(j, min(n, j + 6))
                                            if lines[x].text.strip()][:3] == ["二级指标", "三级指标", "指标值"]:
            j = next(x for x in range(j, n) if _key(lines[x].text) == "指标值") + 1
            continue  # the indicator header printed again at a new page's top
        if key in ("指标值", "年度指标值") and any(_key(c.text) == "三级指标" for c in out[-3:]):
            targets = True
        elif key in ("分值", "得分", "实际完成值"):
            targets = False
        if total is not None and not _is_num(t):
            break
        text, orig, _ = _cell_text(ln)
        out.append(Cell(text=text, orig=orig, line=ln.no, page=ln.page, bbox=ln.bbox, repaired=text != orig))
        end = j
        if total is not None:
            total += 1
            if total == 2:
                break
        elif _key(t) == "总分":
            total = 0
    return out, end


def _form_stream(lines: Sequence[NLine], i: int) -> tuple[Optional[list[list[Cell]]], int]:
    """A 绩效自评表 printed one unmarked cell per line: its rows (None where it cannot be read with
    certainty) and the index after its lines."""
    cells, end = _form_cells(lines, i)
    cells = _join_labels(cells)
    if not any(_key(c.text) == "三级指标" for c in cells):
        return None, end
    tk = _CellWords(cells, wrapped=True)
    got = read_form(tk)
    if got is None:
        return None, end
    rows, lead = got
    return ([[tk.cell(0, lead)]] if lead > 0 else []) + rows, end


def _columns(cells: list[Cell]) -> Optional[tuple[int, int, int]]:
    """(number of columns, index of the first data cell, index where the header label run starts)."""
    keys = [_key(c.text) for c in cells]
    for k, key in enumerate(keys):
        if key in _LANCI and k + 2 < len(keys) and keys[k + 1] == "1" and keys[k + 2] == "2":
            m = k + 1
            while m < len(keys) and keys[m] == str(m - k):
                m += 1
            return m - k, m, k  # label column + (m-k-1) numbered columns
    best = (0, 0)
    k = 0
    while k < len(keys):
        if keys[k] in _LABELS and keys[k] not in ("合计", "小计"):
            m = k
            while m < len(keys) and keys[m] in _LABELS:
                m += 1
            if m - k > best[0]:
                best = (m - k, k)
            k = m
        else:
            k += 1
    width, start = best
    if width < 2:
        return None
    m = start + width
    while m < len(keys) and (keys[m] in _LANCI or (keys[m].isdigit() and int(keys[m]) <= width)):
        m += 1
    return width, m, start


def _unplaceable(data: list[Cell]) -> bool:
    """Data printed one cell per line (rows, not runs of words) that no grid could be placed on."""
    if len(data) < 4:
        return False  # a header alone: its rows are printed in another shape
    return sum(1 for c in data if len(c.text.split()) == 1) >= 0.8 * len(data)


def _kinds(row: list[Cell]) -> tuple[str, ...]:
    """Each cell of a row as a label (a name, or a subject code followed by a name) or an amount."""
    out = []
    for k, c in enumerate(row):
        t = _key(c.text)
        code = bool(_CODE.match(t)) and (k + 1 < len(row) and not _is_num(row[k + 1].text)
                                         or _extends_code(t, row[:k]))
        out.append("value" if _is_num(t) and not code else "label")
    return tuple(out)


def _extends_code(t: str, before: list[Cell]) -> bool:
    """A code-shaped cell (20601) that lengthens a subject code printed earlier in its row (206): the
    next row's code moved up into the amount column, never an amount."""
    return any(_CODE.match(k := _key(c.text)) and len(k) < len(t) and t.startswith(k) for c in before)


def _spaced_numbers(t: str) -> bool:
    """Several numbers apart on one line: a 栏次 row or a row's amounts, never one cell."""
    parts = t.split()
    return len(parts) > 1 and sum(1 for p in parts if _is_num(p)) >= 2


def _key_columns(head: list[Cell]) -> int:
    """How many key columns (科目编码 / 代码 / 名称) the header names."""
    return len({k for k in (_key(c.text) for c in head) if _KEY_LABEL.match(k) and k not in ("项目", "行次")})


def _complete(data: list[list[Cell]], width: int, key_cols: int) -> bool:
    """Unmarked cells cut into rows of `width` are a grid only when every row is whole and all rows
    have one shape: the same label columns (opening the row, at least as many as the header's key
    columns) and amount columns. Text from a PDF converter prints no blank cell and sometimes a
    table column by column; its rows then come out ragged or of mixed shapes, and such a table is
    declined rather than guessed."""
    if data and len(data[-1]) < width and "value" not in _kinds(data[-1]):
        data = data[:-1]  # a text cut off after a row's first labels: no amount of it is placed
    if not data or any(len(r) != width for r in data):
        return False
    if any(_spaced_numbers(c.text) for r in data for c in r):
        return False  # a line of several numbers (`1 2 3 4 5`, a row's amounts): rows printed on lines
    shapes = {_kinds(r) for r in data}
    if len(shapes) != 1:
        return False
    (shape,) = shapes
    labels = next((k for k, kind in enumerate(shape) if kind == "value"), width)
    # a header naming 科目编码 and 科目名称 over rows that open with one label: the row's name
    # or code is missing (a 合计 row spanning both columns), so the columns cannot be placed
    return 0 < labels < width and labels >= key_cols


def _title_before(lines: Sequence[NLine], i: int) -> bool:
    seen = 0
    k = i - 1
    while k >= 0 and seen < _LOOK_BACK:
        t = lines[k].text.strip()
        if t:
            if is_preamble(lines[k]) or (TITLE_END.search(t) and len(t) <= _MAX_CELL) or ".xls" in t:
                return True
            if len(t) > _MAX_CELL:
                return False
            seen += 1
        k -= 1
    return False


@text_reader(35)
class CellLinesReader:
    """One cell per line without TAB, after a table title (web pages saved as text)."""

    name = "cell-lines"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        t = lines[i].text
        s = t.strip()
        if not s or len(s) > _MAX_CELL or "\t" in t or not has_form_cells(lines):  # cheap tests first
            return False
        blank_cell = s == "|"  # a table whose first cell is blank
        if "|" in s[:-1]:
            return False  # bars inside the line: a row printed with ` | ` between cells, not a cell
        if (s.startswith("|") and not blank_cell) or (not blank_cell and _ends_cells(lines[i])) \
                or not _title_before(lines, i):
            return False
        if not blank_cell and not s.endswith("|") and any(
                lines[x].text.rstrip().endswith("|") for x in range(i + 1, min(len(lines), i + 4))):
            return False  # cells marked with ` |`: a table opens on a marked cell, not on its title
        cells, _ = _cells(lines, i, _LOOK_AHEAD)
        if len(cells) < 4:
            return False
        if s.endswith("|") and sum(1 for c in cells if _key(c.text)) >= 4:
            return True  # cells marked with ` |` after a title: a table, whatever its labels
        labelled = _columns(cells) is not None or any(_key(c.text) in _FORM_LABELS for c in cells)
        if not labelled and not any(_key(c.text) in _FORM_LABELS for c in _join_labels(cells)):
            return False
        declined = getattr(self, "_declined", None)
        if declined is not None and declined[0] is lines and declined[1] < i < declined[2]:
            return declined[3]  # inside a run of cells already declined: its suffixes read the same data
        # a declined table: its lines kept as narrative when its data are cells one per line that
        # cannot be placed (another reader would misplace them too), else left to the readers after it
        got = _read(lines, i, self._try_form(lines, i))
        self._memo = (lines, i, got)
        if got[3] > i:
            self._form_miss = (lines, i, got[3])
        if got[0] is None and not labelled:
            return False  # only a form label broken over lines named it: left to the readers after it
        if got[0] is None:
            self._declined = (lines, i, got[1], _unplaceable(got[2]))
            return self._declined[3]
        return True

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        declined = getattr(self, "_declined", None)
        if declined is not None and declined[0] is lines and declined[1] <= i < declined[2]:
            return None, i + 1  # a line of a declined run of cells: narrative
        memo = getattr(self, "_memo", None)
        if memo is not None and memo[0] is lines and memo[1] == i:
            got = memo[2]
        else:
            got = _read(lines, i, self._try_form(lines, i))
        self._memo = None
        block, end = got[0], got[1]
        return (block, end) if block is not None else (None, i + 1)

    def _try_form(self, lines: Sequence[NLine], i: int) -> bool:
        """No unmarked form is tried inside the lines of one already declined (linear time)."""
        miss = getattr(self, "_form_miss", None)
        return not (miss is not None and miss[0] is lines and miss[1] < i < miss[2])


def _read(lines: Sequence[NLine], i: int, try_form: bool = True
          ) -> tuple[Optional[GridBlock], int, list[Cell], int]:
    """The table from lines[i] on, the index after its cells, its data cells and, when an unmarked
    绩效 form was tried and declined, the index after that form's lines (else -1); no table (None)
    where no grid is certain."""
    cells, end = _cells(lines, i)
    marked = any(lines[x].text.rstrip().endswith("|") for x in range(i, min(len(lines), i + 4)))
    form = _form_rows(cells) if marked else None
    if form is not None:
        block = GridBlock(rows=form, first_line=lines[i].no, last_line=lines[end - 1].no, method="cell-lines")
        return with_report(block), end, [], -1
    miss = -1
    if try_form and not marked and any(_key(c.text) in _FORM_LABELS or _key(c.text) == "年初预算数"
                                       for c in _join_labels(cells[:_LOOK_AHEAD])):
        form, form_end = _form_stream(lines, i)
        if form is not None:
            block = GridBlock(rows=form, first_line=lines[i].no, last_line=lines[form_end - 1].no,
                              method="cell-lines")
            return with_report(block), form_end, [], -1
        miss = form_end
    if marked:
        laid = lay_out(cells)  # every cell printed, blanks too: the grid can be rebuilt
        if laid is not None:
            rows, certain = laid
            if not certain:
                for r in rows:
                    for c in r:
                        if c.text and _is_num(c.text):
                            c.repairs = [Repair(kind="layout.cell_lines", note=_HEAD_DOUBT, status="unconfirmed")]
            block = GridBlock(rows=rows, first_line=lines[i].no, last_line=lines[end - 1].no, method="cell-lines")
            return with_report(block), end, [], miss
    cols = _columns(cells)
    if cols is None:
        return None, end, cells, miss
    width, data_at, label_at = cols
    rows: list[list[Cell]] = []
    if label_at:
        rows.append(cells[:label_at])
    head = cells[label_at:data_at]
    if _key(head[0].text) in _LANCI:  # 行次 1 2 3 …: a header row is the 栏次 row
        rows.append(head)
    else:
        rows.append(head[:width])
        if head[width:]:
            rows.append(head[width:])
    data = [cells[k:k + width] for k in range(data_at, len(cells), width)]
    if not _complete(data, width, _key_columns(cells[:data_at])):
        return None, end, cells[data_at:], miss  # blank cells lost or cells out of order: no certain grid
    rows.extend(data)
    rows = [r for r in rows if r]
    block = GridBlock(rows=rows, first_line=lines[i].no, last_line=lines[end - 1].no, method="cell-lines")
    return with_report(block), end, [], miss
