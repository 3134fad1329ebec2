"""Reader `three-stream`: 三公 tables of rows per unit or year printed one cell per line (PyMuPDF's
`get_text()`: every header word, broken over lines, on a line of its own, then each row's label —
`某某局（本级）` / `2025 年` — and its amounts one per line; Shenzhen's 财政拨款“三公”经费支出表 with
every 三公 column split into the three funds).

What it does: after a 三公 table's title (a template of the flat_values shape, 公开09表 / 三公 budget
table), takes the lines up to the first amount: the last one to three lines of Chinese words
before it are the first row's label, the lines above them the header, which must name the 三公
columns only (spaced_three.header_model: the same words and funds as one row per line, the label
column's word such as 预算单位 / 年度 among them); the label pieces are as few as leave such a
header. Then each row: its label's lines (at most three, Chinese in them, no sentence) and its
amounts, one or more per line, as many as the header has columns where it splits them by fund (no
more in any case); the rows end at a note, a title, page furniture or any other line. The rows are
placed by spaced_three's 三公 sums (合计 = 出国 + 接待 + 车, 车 = 购置 + 运行 in every fund and every
row, the same column order in every row), every amount keeping the line it was printed on.
What it does not: read a 三公 table of one row of amounts without a label (row_stream.py, spaced_flat
and the cell readers), labelled rows by fund (行政经费 / “三公”经费 …), or rows whose amounts the
stream does not print after their label (pdftotext without -layout moves them: declined where the
sums do not hold).
"""
from __future__ import annotations

from typing import Optional, Sequence

import regex as re

from ..datamodel import GridBlock, NLine
from ..evidence.printed import NOTE_LINE
from .spaced_text import SENTENCE, after_title, cell_line, is_amount, stream_furniture, title_above, title_like
from .spaced_three import header_model, table_of_rows
from .templates import identify
from .text_tables import text_reader
from .value_lines import has_value_lines

_HAN = re.compile(r"\p{Han}")
_LABEL_PIECES = 3  # lines a row's label is printed over (the unit's name, the year)
_LOOKAHEAD = 96  # non-blank lines from the header's first to the first amount (18 fund columns, broken words)


def _amounts(line: NLine) -> Optional[list[str]]:
    words = line.text.split()
    return words if words and all(is_amount(w) for w in words) else None


def _label_piece(lines: Sequence[NLine], line: NLine) -> bool:
    t = line.text.strip()
    return bool(_HAN.search(t)) and len(t) <= 40 and not SENTENCE.search(t) and not NOTE_LINE.match(t) \
        and not title_like(line) and not stream_furniture(lines, line)


def _three_title(lines: Sequence[NLine], i: int) -> bool:
    above = title_above(lines, i)
    template = identify(" ".join(ln.text for ln in above), "") if above else None
    return template is not None and template.shape == "flat_values"


def _header(lines: Sequence[NLine], i: int):
    """(header lines, the header's model, index of the first row's first label line) from lines[i]."""
    seen: list[int] = []
    for j in range(i, len(lines)):
        if not lines[j].text.strip():
            continue
        if _amounts(lines[j]) is not None:
            break
        if not cell_line(lines[j]) or len(seen) > _LOOKAHEAD:
            return None
        seen.append(j)
    else:
        return None
    for p in range(1, _LABEL_PIECES + 1):
        if p >= len(seen) or not all(_label_piece(lines, lines[x]) for x in seen[-p:]):
            return None
        header = [lines[x] for x in seen[:-p]]
        model = header_model(header)
        if model is not None:
            return header, model, seen[-p]
    return None


def _rows(lines: Sequence[NLine], j: int, width: int, exact: bool):
    """(label line, label, amounts, label joined, each amount's line) of the rows from lines[j]; the
    end index."""
    rows = []
    end = j
    while j < len(lines):
        pieces: list[NLine] = []
        k = j
        while k < len(lines) and len(pieces) < _LABEL_PIECES:
            ln = lines[k]
            if not ln.text.strip():
                k += 1
                continue
            if not _label_piece(lines, ln):
                break
            pieces.append(ln)
            k += 1
        words: list[str] = []
        at: list[NLine] = []
        while k < len(lines) and len(words) < width:
            ln = lines[k]
            if not ln.text.strip():
                k += 1
                continue
            got = _amounts(ln)
            if got is None:
                break
            words += got
            at += [ln] * len(got)
            k += 1
        if not pieces or not words or len(words) > width or (exact and len(words) != width) or not any(
                "." in w for w in words):
            break
        rows.append((pieces[0], "".join(p.text.strip() for p in pieces), words, len(pieces) > 1, at))
        end = j = k
    return rows, end


def read_three_stream(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    found = _header(lines, i)
    if found is None:
        return None, i + 1
    header, model, first = found
    rows, end = _rows(lines, first, model.width, bool(model.funds))
    if not rows or end < len(lines) and _amounts(lines[end]) is not None:
        return None, i + 1  # more amounts than a row holds: the stream's order is not rows'
    got = table_of_rows(lines, i, header, model, rows, end, "three-stream")
    return got if got is not None else (None, i + 1)


@text_reader(34)
class ThreeStreamReader:
    """三公 rows per unit or year, one cell per line, placed by the 三公 sums."""

    name = "three-stream"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        if not has_value_lines(lines) or not after_title(lines, i) or not lines[i].text.strip() \
                or not cell_line(lines[i]) or _amounts(lines[i]) is not None:
            return False
        return _three_title(lines, i) and read_three_stream(lines, i)[0] is not None

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return read_three_stream(lines, i)
