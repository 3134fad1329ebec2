"""Grids -> Table models: header paths from spanning header rows, one row per subject.

What it does: splits a grid into header rows and data rows, aligns header rows of different cell
counts (spanning cells are printed once in flattened text) into printed header paths such as
`本年支出/基本支出`, and builds rows by the template's shape: subject rows (code, name, amounts),
two side-by-side blocks (公开01/04表), repeated code/name/amount groups (公开06表), a single row of
amounts (公开09表), or a generic table. Codes printed over 类 | 款 | 项 columns are merged, a row that
prints only the changed part (or only a name) completed from the rows above (code_tree.py); a
value column of codes (a second subject's 科目编码) holds text. Every cell becomes a Field with its
line as provenance.
What it does not: check sums (validate/) or read narrative (recognize/).
"""
from __future__ import annotations

from typing import Optional

import regex as re

from ..datamodel import Cell, Field, GridBlock, Repair, Row, Table
from ..evidence import policy
from ..evidence.cells import cell_amount_field, cell_code_field, cell_source, cell_text_field
from ..evidence.numbers import parse_amount
from ..evidence.printed import (AMOUNT_UNIT, CODE_PART_LABEL, ORDINAL, TABLE_CODE, TITLE_QUALIFIER, UNIT_CODE_LINE,
                                WHO)
from .code_tree import CodeTree, confirm_by_sums, first_amount
from .ruled_header import UNIT_KEY, column_centres, key_columns, ruled_labels, spread, unit_columns
from .spaced_text import bracket_code
from .templates import Template, identify, printed_code

_CODE = re.compile(r"^\d{3}(?:\s?\d{2}){0,2}$")
# a code and its name in one cell: `2080505 机关事业单位…`, or joined by a dash (`2010301-行政运行`, Beijing)
_CODE_NAME = re.compile(r"^(\d{3}(?:\s?\d{2}){0,2})(?:\s+|\s*[-－—]\s*(?=\D))(\S.*)$")
_KEY_HEADER = re.compile(r"编码|代码|科目名称|^项目$|^名称$|^单位名称$|^科目$|功能分类|经济分类")
_ITEM_LABEL = re.compile(r"^项目$|^项目名称$")
# a value column of codes (a second subject's) or of row numbers (序号): its digits are text
_CODE_COLUMN = re.compile(r"(?:编码|代码)$|^(?:序号|编号|行次|栏次)$")
_ROW_NUMBER = re.compile(r"^(?:序号|编号|行次)$")
# a row named by one Han character and no code: a letter of a header spread over lines (收 / 入, 支 / 出,
# 项 / 目) taken for a row's name; no subject is named by one character, so its amounts go to review
_LONE_LETTER = re.compile(r"^\p{Han}$")
_LONE_LETTER_NOTE = "row named by one character: a letter of the header spread over lines? the amount's row is unsure"
_TOTAL_LABEL = re.compile(r"^(?:合计|总计|小计|本年收入合计|本年支出合计|收入合计|支出合计)")


def _key(text: str) -> str:
    return "".join((text).split())


def level_of(code: Optional[str]) -> Optional[str]:
    if not code:
        return None
    return {3: "类", 5: "款", 7: "项"}.get(len(code))


def _is_number(text: str) -> bool:
    v, _ = parse_amount(text)
    return v is not None


def _is_lanci(row: list[Cell]) -> bool:
    keys = [_key(c.text) for c in row if _key(c.text)]
    if not keys:
        return False
    if keys[0] in ("栏次", "栏目") or keys[0].startswith("栏次"):
        return True
    if len(keys) >= 2 and all(k.isdigit() for k in keys):
        nums = [int(k) for k in keys]
        return nums == list(range(nums[0], nums[0] + len(nums))) and nums[0] in (1, 0)
    return False


def _is_data(row: list[Cell]) -> bool:
    keys = [_key(c.text) for c in row]
    nonempty = [k for k in keys if k]
    if not nonempty:
        return False
    if any(_CODE.match(c.text.strip()) or _CODE_NAME.match(c.text.strip()) for c in row[:2]):
        return True
    if _TOTAL_LABEL.match(nonempty[0]) and any(_is_number(k) for k in nonempty[1:]):
        return True
    if any("." in k and _is_number(k) for k in nonempty):
        return True
    if ORDINAL.match(nonempty[0]) and any(_is_number(k) for k in nonempty[1:]):
        return True
    if len(nonempty) >= 2 and all(_is_number(k) for k in nonempty):
        return True  # a row of amounts only (三公 tables), e.g. all zeros
    return False


def split_header(rows: list[list[Cell]]) -> tuple[list[list[Cell]], list[list[Cell]]]:
    for i, row in enumerate(rows):
        if _is_lanci(row):
            return [r for r in rows[:i] if any(_key(c.text) for c in r)], rows[i + 1:]
        if _is_data(row):
            return [r for r in rows[:i] if any(_key(c.text) for c in r)], rows[i:]
    if not any(_is_number(c.text) for r in rows for c in r):
        # an empty table (无数据): the header, then at most a 合计 row with nothing in it
        rows = [r for r in rows if any(_key(c.text) for c in r)]
        total = next((i for i, r in enumerate(rows) if _TOTAL_LABEL.match(_key(r[0].text))), len(rows))
        return rows[:total], rows[total:]
    return [], rows


# --- header alignment -------------------------------------------------------------------------

Span = tuple[str, int, int]  # label, first column, end column (exclusive)


def _groups_for(parent_count: int, below: list[Span]) -> Optional[list[tuple[int, int]]]:
    """Column ranges under each parent cell, from the spans of the row below."""
    if parent_count == len(below):
        return [(s, e) for _, s, e in below]
    # runs: a blank span stands alone (the parent cell is merged down over it); consecutive
    # labelled spans sit under one parent
    runs: list[tuple[int, int]] = []
    for label, s, e in below:
        if label and runs and runs[-1][2]:
            runs[-1] = (runs[-1][0], e, True)
        else:
            runs.append((s, e, bool(label)))
    if len(runs) == parent_count:
        return [(s, e) for s, e, _ in runs]
    n = len(below)
    if parent_count and n % parent_count == 0:
        period = n // parent_count
        labels = [lab for lab, _, _ in below]
        if all(labels[i] == labels[i % period] for i in range(n)):
            return [(below[k * period][1], below[k * period + period - 1][2]) for k in range(parent_count)]
    if parent_count == 1 and below:
        return [(below[0][1], below[-1][2])]
    # side-by-side blocks: the first child label (项目) starts each block again
    first = below[0][0] if below else ""
    starts = [i for i, (lab, _, _) in enumerate(below) if lab and lab == first]
    if first and len(starts) == parent_count and starts[0] == 0:
        ends = starts[1:] + [len(below)]
        return [(below[a][1], below[b - 1][2]) for a, b in zip(starts, ends)]
    return None


def _unique(paths: list[str]) -> list[str]:
    """Duplicate paths made unique (`小计#2`), printed order kept."""
    seen: dict[str, int] = {}
    for i, p in enumerate(paths):
        if p in seen:
            seen[p] += 1
            paths[i] = f"{p}#{seen[p]}"
        else:
            seen[p] = 1
    return paths


def header_paths(header: list[list[Cell]], ncols: int, key_cols: int,
                 centres: Optional[list[float]] = None) -> tuple[list[str], bool]:
    """Printed header path of each value column (columns after the key columns). Returns the
    paths and whether the alignment was certain. With the columns' centres of a ruled table, each
    label goes over the columns its printed span covers (ruled_header.py); else spans are counted."""
    nval = ncols - key_cols
    if nval <= 0:
        return [], True
    if not header:
        return [f"列{i + 1}" for i in range(nval)], False
    labels = ruled_labels(header, centres) if centres is not None and len(centres) == ncols else None
    if labels is not None:
        return _unique(["/".join(p) if p else f"列{key_cols + i + 1}" for i, p in enumerate(labels[key_cols:])]), True
    rows = [[_key(c.text) for c in r] for r in header]
    # base: the lowest row that has a cell for every column
    base_idx = max((i for i, r in enumerate(rows) if len(r) == ncols), default=None)
    certain = True
    if base_idx is None:
        base_idx = max(range(len(rows)), key=lambda i: len(rows[i]))
        certain = False
        base = rows[base_idx][-nval:] if len(rows[base_idx]) >= nval else rows[base_idx] + [""] * (
            nval - len(rows[base_idx]))
    else:
        base = rows[base_idx][key_cols:]
    levels: list[list[Span]] = [[(lab, i, i + 1) for i, lab in enumerate(base)]]
    for r in reversed(rows[:base_idx]):
        cells = list(r)
        if len(cells) == ncols and any(not c for c in cells[key_cols:]):
            # a full-width row with empty cells (pipe/TSV print of a spanning cell): a label spans
            # the empty cells to its right that have labels below them
            below = {i: lab for lab, s0, e0 in levels[-1] for i in range(s0, e0)}
            spans: list[Span] = []
            for i, lab in enumerate(cells[key_cols:]):
                if not lab and spans and spans[-1][0] and below.get(i):
                    spans[-1] = (spans[-1][0], spans[-1][1], i + 1)
                else:
                    spans.append((lab, i, i + 1))
            levels.append(spans)
            continue
        if len(cells) == ncols:
            cells = cells[key_cols:]
        elif key_cols and cells:
            # the key columns' header: 项目 spanning them all, or one label (or a merged blank) each
            k = 0
            while k < min(key_cols, len(cells)) and (_KEY_HEADER.search(cells[k]) or not cells[k]):
                if _ITEM_LABEL.match(cells[k]):
                    k += 1
                    break
                k += 1
            cells = cells[k:]
        if not cells:
            continue
        groups = _groups_for(len(cells), levels[-1])
        if groups is None:
            certain = False
            groups = [(i, i + 1) for i in range(min(len(cells), nval))]
            cells = cells[: len(groups)]
        levels.append([(lab, s, e) for lab, (s, e) in zip(cells, groups)])
    paths = []
    for col in range(nval):
        parts: list[str] = []
        for level in reversed(levels):
            for lab, s, e in level:
                if s <= col < e and lab and (not parts or parts[-1] != lab):
                    parts.append(lab)
        paths.append("/".join(parts) if parts else f"列{key_cols + col + 1}")
    return _unique(paths), certain


# --- table builders ---------------------------------------------------------------------------

def _title_and_unit(block: GridBlock) -> tuple[Optional[str], Optional[str], str]:
    texts = [ln.text.strip() for ln in block.preamble]
    joined = " ".join(texts)
    unit = None
    m = AMOUNT_UNIT.search(joined)
    if m:
        unit = m.group(1)
    title = None
    for t in texts:
        t2 = TABLE_CODE.sub("", t).strip()
        if title and TITLE_QUALIFIER.match(t2):
            title += "".join(t2.split())  # the title's second line: its qualifier in brackets
        elif t2 and not WHO.match(t2) and not AMOUNT_UNIT.search(t2) and not UNIT_CODE_LINE.match(t2):
            title = "".join((t2).split())
    return title, unit, joined


def _key_cols(header: list[list[Cell]], data: list[list[Cell]], ncols: int) -> int:
    best = 0
    for r in header:
        if len(r) == ncols:
            k = 0
            for c in r:
                if _KEY_HEADER.search(_key(c.text)):
                    k += 1
                else:
                    break
            best = max(best, k)
    if best:
        return min(best, 2)  # (a second subject's code and name after them are text value columns)
    full = [r for r in data if len(r) == ncols]
    if not full:
        return 0
    k = 0
    for col in range(ncols):
        texts = [_key(r[col].text) for r in full if _key(r[col].text)]
        if texts and sum(1 for t in texts if not _is_number(t) or _CODE.match(t)) >= len(texts) * 0.6:
            k += 1
        else:
            break
    return min(k, 2)


def _subject_rows(data: list[list[Cell]], ncols: int, key_cols: int, columns: list[str],
                  certain: bool, notes: list[str], unit_code: Optional[str] = None) -> list[Row]:
    """One Row per data row. With `unit_code` (the first key column holds units' codes, 部门代码),
    that code is the row's text value under that label and the row has no subject code."""
    rows: list[Row] = []
    for r in data:
        if not any(_key(c.text) for c in r):
            continue
        code_cell: Optional[Cell] = None
        name_cell: Optional[Cell] = None
        values: list[Cell]
        uncertain = False
        if len(r) == ncols:
            if key_cols == 2:
                code_cell, name_cell, values = r[0], r[1], r[2:]
            elif key_cols == 1:
                name_cell, values = r[0], r[1:]
            else:
                values = r
        elif key_cols >= 1 and len(r) == ncols - 1 and key_cols == 2:
            name_cell, values = r[0], r[1:]
        else:
            uncertain = True
            nval = ncols - key_cols
            values = r[-nval:] if len(r) >= nval else r
            head = r[: len(r) - len(values)]
            if head:
                name_cell = head[-1]
                if len(head) > 1:
                    code_cell = head[0]
            notes.append(f"row at line {r[0].line}: {len(r)} cells where {ncols} were expected")
        code: Optional[Field] = None
        name: Optional[Field] = None
        unit = None
        if unit_code and code_cell is not None:
            if name_cell is not None and not _key(name_cell.text) and not _key(code_cell.text).isdigit():
                name_cell = code_cell  # 合计 printed over the code and name columns
            elif _key(code_cell.text):
                unit = _code_text(code_cell, uncertain, not certain)
            code_cell = None
        if code_cell is not None:
            code = cell_code_field(code_cell)
            digits = _key(code_cell.text)
            if code is None and digits.isdigit() and len(digits) >= 3:
                # an unreadable code (OCR lost or doubled a digit): kept for the catalogue to repair
                code = Field(value=None, raw=code_cell.orig.strip(), confidence=policy.CODE_UNREADABLE, source=cell_source(code_cell),
                                  notes=[f"code not readable: {len(digits)} digits"])
            if code is None and _key(code_cell.text) and name_cell is not None and not _key(name_cell.text):
                name_cell = code_cell
            elif code is None and _key(code_cell.text) and name_cell is not None:
                # a label spread over the code column (e.g. 合计 printed in the code column)
                name_cell = code_cell if not _key(name_cell.text) else name_cell
        if name_cell is not None and code is None:
            m = _CODE_NAME.match(name_cell.text.strip())
            if m:
                code = Field(value=_key(m.group(1)), raw=name_cell.orig.strip(), confidence=policy.CELL_REPAIRED,
                             source=cell_source(name_cell), notes=["code and name printed in one cell"])
                name = Field(value=m.group(2).strip(), raw=name_cell.orig.strip(), confidence=policy.CELL_REPAIRED,
                             source=cell_source(name_cell), notes=["code and name printed in one cell"])
        if name_cell is not None and code is None and name is None:
            bracketed = bracket_code(name_cell.text.strip())
            if bracketed is not None and bracketed[1].strip():  # `[2080505]机关事业单位…` (Guangdong)
                why = ["code printed in brackets before the name"]
                code = Field(value=bracketed[0], raw=name_cell.orig.strip(), confidence=policy.CELL_REPAIRED,
                             source=cell_source(name_cell), notes=why)
                name = Field(value=bracketed[1].strip(), raw=name_cell.orig.strip(), confidence=policy.CELL_REPAIRED,
                             source=cell_source(name_cell), notes=why)
        if name is None:
            if name_cell is None:
                name = Field(value=f"第{len(rows) + 1}行", raw="", confidence=policy.CELL_NO_NAME)
            else:
                name = cell_text_field(name_cell)
        vals = {col: _code_value(col, c, uncertain, not certain) for col, c in zip(columns, values)}
        for col in columns[len(values):]:
            vals[col] = Field(value=None, raw="", confidence=policy.CELL_UNCERTAIN, notes=["cell missing in print"])
        if unit_code:
            vals = {unit_code: unit or Field(value=None, raw="", confidence=policy.CELL_CLEAN,
                                             source=cell_source(r[0]))} | vals
        code_value = code.value if code else None
        rows.append(Row(code=code, name=name, level=level_of(code_value) if code_value else None, values=vals))
    return rows


def _is_row_number(parts: list[str]) -> bool:
    """A column labelled 序号 (编号, 行次) alone: the rows' numbers, not a key."""
    return bool(parts) and all(_ROW_NUMBER.match(_key(p)) for p in parts)


def _code_name_columns(data: list[list[Cell]], ncols: int) -> bool:
    """The first two key columns both print a code with its name in each cell (`2010301-行政运行 |
    50201-办公经费`): subjects of two classifications side by side, not a code column and a name
    column."""
    full = [r for r in data if len(r) == ncols and _key(r[0].text) and _key(r[1].text)]
    both = [r for r in full if _CODE_NAME.match(r[0].text.strip()) and _CODE_NAME.match(r[1].text.strip())]
    return len(both) >= 2 and len(both) * 5 >= len(full) * 4


def _total_to_key(row: list[Cell], ncols: int) -> list[Cell]:
    """In a table of code-name columns, a total label printed over both subject columns (`合   计`)
    is read into the second one, the first left empty: the label moves to the first (key) column so
    that it names the row (合计), and the second column is left empty."""
    if len(row) == ncols and ncols > 2 and not _key(row[0].text) and _TOTAL_LABEL.match(_key(row[1].text)) \
            and not _CODE_NAME.match(row[1].text.strip()):
        return [row[1], row[0]] + row[2:]
    return row


_ITEM_COL = re.compile(r"^(?:项目|项目名称|收入项目|支出项目|科目名称)$")
_LINE_NO_COL = re.compile(r"^(?:行次|栏次)$")


def _side_name(label: str) -> str:
    """本年收入 / 财政拨款收入 … -> 收入; the same for 支出."""
    if "收入" in label and "支出" not in label:
        return "收入"
    if "支出" in label and "收入" not in label:
        return "支出"
    return label


def _two_sides(header: list[list[Cell]], data: list[list[Cell]], ncols: int, notes: list[str],
               centres: Optional[list[float]] = None) -> tuple[list[str], list[Row]]:
    """Income and expenditure printed side by side: one row per printed item, with its block."""
    paths, certain = header_paths(header, ncols, 0, centres)
    leaves = [p.split("/")[-1] for p in paths]
    items = [i for i, leaf in enumerate(leaves) if _ITEM_COL.match(leaf)]
    if len(items) < 2:
        items = [0, ncols // 2]
        notes.append("side-by-side split not printed in the header; assumed half")
    bounds = list(zip(items, items[1:] + [ncols]))
    rows: list[Row] = []
    columns: list[str] = []
    for lo, hi in bounds:
        first = paths[lo].split("/")
        block = _side_name(first[0]) if len(first) > 1 else ("收入" if lo == items[0] else "支出")
        prefix = first[0] + "/" if len(first) > 1 else ""
        cols = list(range(lo + 1, hi))
        line_col = next((c for c in cols if _LINE_NO_COL.match(leaves[c])), None)
        value_cols = [c for c in cols if c != line_col]
        names = [paths[c][len(prefix):] if prefix and paths[c].startswith(prefix) else paths[c] for c in value_cols]
        for n in names:
            if n not in columns:
                columns.append(n)
        for r in data:
            if len(r) != ncols:
                continue
            label = r[lo]
            if not _key(label.text):
                continue
            line_no = None
            if line_col is not None:
                ln = _key(r[line_col].text)
                line_no = int(ln) if ln.isdigit() else None
            rows.append(Row(name=cell_text_field(label, strip_ordinal=True), block=block, line_no=line_no,
                            values={n: cell_amount_field(r[c], guessed_header=not certain)
                                    for n, c in zip(names, value_cols)}))
    odd = [r for r in data if len(r) != ncols and any(_key(c.text) for c in r)]
    if odd:
        notes.append(f"{len(odd)} rows with a different cell count were not split into sides")
    return columns, rows


def _groups(header: list[list[Cell]], data: list[list[Cell]], notes: list[str]) -> tuple[list[str], list[Row]]:
    width = 3
    value_name = "决算数"
    for r in header:
        keys = [_key(c.text) for c in r]
        codes = [i for i, k in enumerate(keys) if "编码" in k or "代码" in k or k == "经济分类"]
        if len(codes) >= 2:
            width = codes[1] - codes[0]
            # the amount column's label: the first header row that prints one there
            for hr in header:
                hk = [_key(c.text) for c in hr]
                if len(hk) == len(keys) and codes[0] + width - 1 < len(hk) and hk[codes[0] + width - 1]:
                    value_name = hk[codes[0] + width - 1]
                    break
            break
    per_group: dict[int, list[Row]] = {}
    totals: list[Row] = []
    for r in data:
        keys = [_key(c.text) for c in r]
        first = next((k for k in keys if k), "")
        is_total = bool(first) and cell_code_field(r[keys.index(first)]) is None and ("合计" in first or "总计" in first)
        has_code = not is_total and any(cell_code_field(r[i]) for i in range(0, len(r), width))
        if is_total:
            # label, amount, label, amount (人员经费合计 | 340.64 | 公用经费合计 | 385.74)
            k = 0
            while k < len(r):
                if keys[k] and not _is_number(keys[k]):
                    # the amount is the next cell, skipping empty cells a side-by-side print left
                    v = k + 1
                    while v < len(r) - 1 and not keys[v] and not (v + 1 < len(r) and keys[v + 1]
                                                                   and not _is_number(keys[v + 1])):
                        v += 1
                    if v < len(r):
                        totals.append(Row(name=cell_text_field(r[k]), values={value_name: cell_amount_field(r[v])}))
                    k = v + 1
                else:
                    k += 1
        elif has_code or (len(r) % width == 0 and len(r) > width):
            if len(r) % width:
                notes.append(f"row at line {r[0].line}: {len(r)} cells, not a multiple of {width}")
            for g in range((len(r) + width - 1) // width):
                cells = r[g * width:(g + 1) * width]
                code = cell_code_field(cells[0])
                name_key = _key(cells[1].text) if len(cells) > 1 else ""
                if code is None and not name_key:
                    continue
                values = {value_name: cell_amount_field(cells[2])} if len(cells) > 2 else {
                    value_name: Field(value=None, raw="", confidence=policy.CELL_UNCERTAIN, notes=["cell missing in print"])}
                row = Row(code=code, name=cell_text_field(cells[1]) if len(cells) > 1 else Field(value="", confidence=policy.CELL_NO_NAME),
                          level=level_of(code.value if code else None), values=values)
                per_group.setdefault(g, []).append(row)
        elif any(keys):
            # converter debris (a nested cell printed again on its own): nothing to read
            notes.append(f"line {r[0].line}: cells without code skipped: {''.join(keys)[:30]}")
    rows = [row for g in sorted(per_group) for row in per_group[g]] + totals
    for row in rows:
        if row.level == "项":  # economic codes have 类 (3) and 款 (5) only
            row.level = None
    return [value_name], rows


_CODE_PARTS = (("类", "款", "项"), ("类", "款"))


def _code_value(column: str, cell: Cell, uncertain: bool, guessed_header: bool) -> Field:
    """A value cell: an amount, or text where the column holds codes (科目编码: a second subject's).
    Under a code part's label (类 | 款 | 项: columns the code was not merged from) digits are a code
    part, never an amount, and the row's code is not whole: it goes to review."""
    label = column.rsplit("/", 1)[-1]
    if _key(cell.text).isdigit() and CODE_PART_LABEL.match(label):
        f = _code_text(cell, uncertain, guessed_header)
        policy.cap(f, policy.CELL_UNCERTAIN)
        f.notes.append("a code part in a column of its own (类/款/项): the row's code was not completed from it")
        return f
    if _CODE_COLUMN.search(column) and _key(cell.text).isdigit():
        return _code_text(cell, uncertain, guessed_header)
    return cell_amount_field(cell, uncertain, guessed_header=guessed_header)


def _code_text(cell: Cell, uncertain: bool, guessed_header: bool) -> Field:
    """A cell of a value column of codes: its text (a code is no amount), as doubtful as an amount
    of the same cell would be."""
    f = cell_text_field(cell)
    if uncertain:
        policy.cap(f, policy.CELL_UNCERTAIN)
        f.notes.append("column position uncertain")
    elif guessed_header:
        policy.cap(f, policy.CELL_GUESSED_HEADER)
        f.notes.append("column name guessed")
    return f


def merge_code_columns(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Codes printed over 类 | 款 | 项 columns (201 | 06 | 01) become one code cell (2010601) in
    every row of that width; the label row's cells become one empty cell. A row that prints only the
    part that changes (| 08 | for 20108 under the 201 row) gets its whole code from the rows above,
    and a row with a name and no code at all the catalogue's child of that name (code_tree.py; the
    cell carries the completion as a repair)."""
    for r in rows:
        keys = [_key(c.text) for c in r]
        for parts in _CODE_PARTS:
            k = len(parts)
            starts = [j for j in range(len(keys) - k + 1) if tuple(keys[j:j + k]) == parts]
            if starts:
                width = len(r)
                trees = {j: CodeTree("function" if k == 3 else "economic", orphans=True) for j in starts}
                merged = [len(row) == width or _parts_aligned(row, r, starts, k) for row in rows]
                out = [_merge_parts(row, starts, k, trees) if m else row for row, m in zip(rows, merged)]
                if k == 3:
                    confirm_by_sums([row for row, m in zip(out, merged) if m and row is not r], starts[0])
                return out
    return rows


def _parts_aligned(row: list[Cell], label_row: list[Cell], starts: list[int], k: int) -> bool:
    """A row of another cell count (a spanning cell to the right of the code parts) whose cells at
    the code parts' places stand under the 类 | 款 | 项 labels by their ruled bboxes."""
    for j in starts:
        if j + k > len(row):
            return False
        for i in range(j, j + k):
            a, b = row[i].bbox, label_row[i].bbox
            if not a or not b or not b[0] - 0.5 <= (a[0] + a[2]) / 2 <= b[2] + 0.5:
                return False
    return True


def _code_part(text: str, width: int) -> Optional[str]:
    """One 类 (3 digits) or 款/项 (2 digits) part as printed, with marks an OCR speck adds removed;
    None when it is not such a part."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if not text:
        return text
    if len(digits) == width and all(ch.isdigit() or ch in ".,·'`:-_" for ch in text):
        return digits
    return None


def _merge_parts(row: list[Cell], starts: list[int], k: int, trees: dict[int, CodeTree]) -> list[Cell]:
    out: list[Cell] = []
    j = 0
    while j < len(row):
        if j in starts:
            group = row[j:j + k]
            texts = [_key(c.text) for c in group]
            repairs = [r for c in group for r in (c.repairs or [])]
            cleaned = [_code_part(t, 3 if i == 0 else 2) for i, t in enumerate(texts)]
            if group[0].conf is not None and cleaned != texts and all(t is not None for t in cleaned):
                # read by OCR with a speck in a code part (20.1 for 201): to be confirmed by the catalogue
                texts = cleaned
                repairs.append(Repair(kind="ocr.code_mark", note="OCR: stray mark in the code dropped",
                                      status="unconfirmed"))
            confs = [c.conf for c in group if c.conf is not None]
            boxes = [c.bbox for c in group if c.bbox]
            span = (boxes[0][0], min(b[1] for b in boxes), boxes[-1][2], max(b[3] for b in boxes)) if \
                len(boxes) == len(group) else group[0].bbox
            merged = Cell(text="", orig="", line=group[0].line, page=group[0].page, bbox=span)
            tree = trees[j]
            name = _key(row[j + k].text) if j + k < len(row) else ""
            first = first_amount(row[j + k + 1:])
            if all(t.isdigit() or not t for t in texts) and texts[0]:
                merged = Cell(text="".join(texts), orig=" ".join(c.orig.strip() for c in group if c.orig.strip()),
                              line=group[0].line, page=group[0].page, bbox=span,
                              conf=min(confs) if confs else None, repairs=repairs or None)
                if len(merged.text) in (3, 5, 7):
                    tree.whole(merged.text, first)
            elif any(texts) and all(t.isdigit() or not t for t in texts):
                # the changed part only: its column says its level
                printed = [t for t in texts[1:] if t]
                level = None if len(printed) > 1 else ("款" if texts[1] else "项")
                done = tree.part(printed, name, level, first)
                if done is not None:
                    merged = Cell(text=done.code, orig=" ".join(printed), line=group[0].line, page=group[0].page,
                                  bbox=span, conf=min(confs) if confs else None,
                                  repairs=repairs + [done.repair])
            elif not any(texts) and name and not _TOTAL_LABEL.match(name):
                done = tree.named(name, first)
                if done is not None:
                    merged = Cell(text=done.code, orig="", line=group[0].line, page=group[0].page,
                                  bbox=span, repairs=[done.repair])
            out.append(merged)
            j += k
        else:
            out.append(row[j])
            j += 1
    return out


def _unit_sections(rows: list[Row], unit_cols: list[str]) -> None:
    """A row printing a unit and no subject (the unit's subtotal) is named by the unit, and it and
    the subject rows after it, up to the next unit, are that unit's block (so sums are checked
    within one unit)."""
    current = None
    for row in rows:
        unit = next((row.values[c] for c in reversed(unit_cols) if c in row.values
                     and isinstance(row.values[c].value, str) and row.values[c].value.strip()), None)
        if unit is not None and row.code is None:
            current = unit.value.strip()
            if not (row.name.raw or "").strip():
                row.name = unit.model_copy(deep=True)
        if current is not None and row.block is None:
            row.block = current


_RULED = ("lattice", "ocr-grid")  # readers whose merged cells carry their printed span


def _unit_code_label(labels: Optional[list[list[str]]], header: list[list[Cell]]) -> Optional[str]:
    """The first key column's label when it holds units' codes (部门代码, 单位编码), not subject codes."""
    if labels is not None:
        first = labels[0][0] if labels and labels[0] else ""
    else:
        first = next((_key(r[0].text) for r in header if r and _key(r[0].text)), "")
    return first if UNIT_KEY.match(first) else None


def _doubt_lone_letter(row: Row) -> None:
    """A row with no code named by one Han character (出, 目): its amounts go to review."""
    if row.code is not None and row.code.value or not _LONE_LETTER.match(_key(str(row.name.value or ""))):
        return
    for f in row.values.values():
        if f.value is not None:
            policy.cap(f, policy.CELL_UNCERTAIN)
            f.notes = [*f.notes, _LONE_LETTER_NOTE]


def build_table(block: GridBlock) -> Table:
    title, unit, title_text = _title_and_unit(block)
    header, data = split_header(merge_code_columns(block.rows))
    header_text = " ".join(c.text for r in header for c in r)
    template: Optional[Template] = identify(title or title_text, header_text)
    notes: list[str] = []
    code = printed_code(title_text)
    lengths = [len(r) for r in data if any(_key(c.text) for c in r)]
    header_full = max((len(r) for r in header), default=0)
    ncols = max([header_full] + lengths) if lengths or header_full else 0
    shape = template.shape if template else "generic"
    columns: list[str]
    rows: list[Row]
    # forms (绩效 tables) print label | value pairs, not a header over columns: spans are counted there
    centres = column_centres(header + data, ncols) if block.method in _RULED and shape != "indicators" else None
    labels = ruled_labels(header, centres) if centres else None
    if shape == "two_sides":
        columns, rows = _two_sides(header, data, ncols, notes, centres)
    elif shape == "groups":
        columns, rows = _groups(header, data, notes)
    elif shape == "indicators":
        key_cols = 0
        columns, certain = header_paths(header, ncols, key_cols, centres)
        rows = _subject_rows(data, ncols, key_cols, columns, certain, notes)
    else:
        key_cols = 0 if shape == "flat_values" else _key_cols(header, data, ncols)
        units = 0
        if labels is not None and shape != "flat_values":
            data = [r if len(r) == ncols else (spread(r, centres) or r) for r in data]
            rest = key_columns(labels[1:], _KEY_HEADER) if labels and _is_row_number(labels[0]) else 0
            if rest:
                # 序号 | 科目编码 | 科目名称 …: the row numbers become a text value after the key columns
                order = list(range(1, rest + 1)) + [0] + list(range(rest + 1, ncols))
                data = [[r[i] for i in order] if len(r) == ncols else r for r in data]
                centres = [centres[i] for i in order]
                labels = [labels[i] for i in order]
            keys = key_columns(labels, _KEY_HEADER)
            units = unit_columns(labels, keys)
            if units and keys > units:
                # 预算单位 | 科目编码 | 科目名称: the units' columns become text values after the subject's
                order = list(range(units, keys)) + list(range(units)) + list(range(keys, ncols))
                data = [[r[i] for i in order] if len(r) == ncols else r for r in data]
                centres = [centres[i] for i in order]
                key_cols = min(keys - units, 2)
            else:
                key_cols = min(keys, 2) or key_cols
                units = 0
        if key_cols == 2 and _code_name_columns(data, ncols):
            key_cols = 1  # 功能科目 | 经济科目 columns each printing `code-name`: the first keys the row
            data = [_total_to_key(r, ncols) for r in data]
        columns, certain = header_paths(header, ncols, key_cols, centres)
        if not certain:
            notes.append("header alignment uncertain: column names guessed")
        unit_code = _unit_code_label(labels, header) if key_cols == 2 and not units else None
        rows = _subject_rows(data, ncols, key_cols, columns, certain, notes, unit_code)
        if unit_code:
            columns = [unit_code] + columns
        if units:
            _unit_sections(rows, columns[:units])
        if shape == "flat_values" and template and template.row_name:
            for i, row in enumerate(rows):
                if not row.name.raw:
                    row.name = Field(value=template.row_name if len(rows) == 1 else f"{template.row_name}{i + 1}",
                                     raw="", confidence=policy.CELL_CLEAN, source=row.name.source)
    for row in rows:
        _doubt_lone_letter(row)
    first = block.rows[0][0] if block.rows and block.rows[0] else None
    return Table(
        method=block.method, parsing_report=block.report, code=code, template=template.id if template else None,
        title=title or (template.title if template else None), unit=unit,
        page=first.page if first else None, line=block.first_line, columns=columns, rows=rows,
        notes=notes + [re.sub(r"\s+", " ", n.text.strip()) for n in block.notes],
    )

