"""Reader `project-goals`: 项目支出绩效表 / 项目支出绩效目标表 — each project's unit, name and amount, then
its goal text (Zhejiang's budgets: `单位名称 项目名称 金额 项目总体绩效目标`), one row per line or one
cell per line.

What it does: after a title naming a 项目支出绩效(目标)表 (also above a unit's code line `341-某某局 万元`
or `341-某某局` / `万元`), a header of exactly four words — the unit's and the project's name columns
(单位名称 项目名称), an amount column (金额 …) and the goal column (…目标) — on one line or a word a line
(PyMuPDF), perhaps column marks under it (`** ** ** **`) and the total's amount alone on a line (its
label cell blank, as printed). Then the rows: a line opening with the unit (a word that ends as a
unit's name does: 局, 中心 …), the project's name (words with no sentence mark) and one amount,
perhaps the goal text's first words after it; or (PyMuPDF) the unit, the project's name and the
amount on three lines. A goal text is read where the print says whose it is: printed after its
row (pypdf, PyMuPDF: on the amount's line and the lines up to the next row), every line of text
between two rows is the upper row's, its last line ending in a full stop (else those two goals go
to review: the text may open the lower row's goal, centred on it); printed around its row
(pdfplumber, `pdftotext -layout` centre a tall cell on its row, so text stands before the first
row), a run of text between two rows is split after its one line ending in a full stop (the upper
row's goal ends there, the lower one's starts after it); where a run holds no such line or more
than one, the split is a guess and both goals carry an unconfirmed `layout.row_guess` repair (to
review). After the last row its goal runs to the last (after) or first (around) full stop. Page
numbers and the title lines printed again on a new page are skipped.
A project's name broken over two lines is joined where the report prints the joined name whole
elsewhere (a word or a line of it, as the 项目支出预算表 does): printed after its row (`某某中心 某某管理`
/ `服务` / the amount line; PyMuPDF: the unit, the two pieces and the amount a line each) or centred
on it (the first piece alone on the line before `某某中心 60.00 …`, the second alone on the line after).
The table ends at a note, a title, or a row this reader cannot read — a line with an amount among
its first words after words of names only, or a short line with an amount (a unit's name broken
over lines, or a project's name not printed whole elsewhere, which this reader does not join); the
lines after it stay narrative.
What it does not: join a unit's broken name, or a project's name the report prints nowhere whole;
read the rows after such a row; join a piece printed on a goal text's line; read the goal text as
indicators (it is one text cell).
"""
from __future__ import annotations

from typing import Optional, Sequence

import regex as re

from ..datamodel import Cell, GridBlock, NLine, Repair
from ..evidence.printed import NOTE_LINE, UNIT_CODE_LINE
from .spaced_rows import unit_name
from .spaced_text import AMOUNT, amount_cell, furniture, text_cell, title_above, title_like, tokens
from .text_tables import text_reader, with_report

_TITLE = re.compile(r"项目支出绩效(?:目标)?表")
_MARKS = re.compile(r"^[*＊\d\s]+$")  # a line of column marks or numbers under the header
_NAME_MARK = re.compile(r"[，。；：:、,;!！?？]")
_FULL_STOP = re.compile(r"[。.！!]$")
_AMOUNT_UNIT = re.compile(r"^(?:单位[:：])?(?:万元|元|千元|亿元)$")
_HEADER_LOOK = 3  # non-blank lines from the table's first line to its header line
_GUESS = ("goal uncertain: the goal texts are printed around their rows and the text between these two "
          "rows does not end one goal at exactly one full stop, so where one ends is a guess")


def _header_words(words: list[str]) -> bool:
    return len(words) == 4 and words[0] == "单位名称" and words[1] == "项目名称" and words[3].endswith("目标") and (
        "金额" in words[2] or words[2].endswith("数") or "资金" in words[2])


def _header(lines: Sequence[NLine], i: int) -> Optional[tuple[int, list[str]]]:
    """(index of the header's last line, its four words) at or just after lines[i]: the four words on
    one line, or one a line (PyMuPDF)."""
    seen: list[int] = []
    for k in range(i, min(len(lines), i + 2 * _HEADER_LOOK + 8)):
        t = lines[k].text.strip()
        if not t:
            continue
        seen.append(k)
        words = [w for w, _, _ in tokens(t)]
        if _header_words(words):
            return k, words
        if len(seen) == 4 and _header_words([lines[x].text.strip() for x in seen]):
            return k, [lines[x].text.strip() for x in seen]
        if len(seen) >= 4:
            break
    return None


def _row(line: NLine) -> Optional[tuple[str, str, str, str]]:
    """(unit, project, amount, goal text after it) of a row line, else None."""
    toks = tokens(line.text)
    if len(toks) < 3 or not unit_name(toks[0][0]) or _NAME_MARK.search(toks[0][0]):
        return None
    k = 1
    while k < len(toks) and not AMOUNT.match(toks[k][0]):
        if _NAME_MARK.search(toks[k][0]) or k > 4:
            return None
        k += 1
    if k == 1 or k >= len(toks):
        return None
    amount = toks[k][0]
    if "." not in amount and "," not in amount:
        return None
    project = "".join(w for w, _, _ in toks[1:k])
    return toks[0][0], project, amount, line.text[toks[k][2]:].strip()


def _name_line(line: NLine) -> bool:
    t = line.text.strip()
    return bool(t) and len(t) <= 40 and not _NAME_MARK.search(t) and not any(_money(w) for w in t.split())


def _cell_row(lines: Sequence[NLine], k: int) -> Optional[tuple[tuple[str, str, str, str], int]]:
    """A row printed one cell per line (PyMuPDF): the unit, the project's name, then its amount (the
    goal text's first words perhaps after it) on three lines; the row and the index after it."""
    unit = lines[k].text.strip()
    if not unit_name(unit) or not _name_line(lines[k]) or " " in unit:
        return None
    nxt = [x for x in range(k + 1, min(len(lines), k + 5)) if lines[x].text.strip()][:2]
    if len(nxt) < 2 or not _name_line(lines[nxt[0]]) or unit_name(lines[nxt[0]].text.strip()):
        return None
    toks = tokens(lines[nxt[1]].text)
    if not toks or not _money(toks[0][0]):
        return None
    project = "".join(lines[nxt[0]].text.split())
    return (unit, project, toks[0][0], lines[nxt[1]].text[toks[0][2]:].strip()), nxt[1] + 1


def _printed_names(lines: Sequence[NLine]) -> set[str]:
    """Every word and every line (its spaces removed) of the report: the names it prints whole (a
    project's name in the 项目支出预算表 on one line). A broken name's own lines hold only its pieces,
    each shorter than the joined name, so they never confirm it."""
    out: set[str] = set()
    for ln in lines:
        if not ln.text.strip():
            continue
        out.add("".join(ln.text.split()))
        out.update(w for w, _, _ in tokens(ln.text))
    return out


def _broken_row(lines: Sequence[NLine], k: int, names: "_Names") -> Optional[tuple[tuple[str, str, str, str], int]]:
    """A row whose project's name is broken over two lines, printed after its row: `某某中心 某某管理` /
    `服务` / the amount (the goal's first words perhaps after it), or (PyMuPDF) the unit, the name's
    two pieces and the amount a line each. Read only where the joined name is certain: the report
    prints it whole elsewhere (the 项目支出预算表); the row and the index after it, else None."""
    nxt = [x for x in range(k, min(len(lines), k + 6)) if lines[x].text.strip()][:4]
    if len(nxt) < 3 or not all(_name_line(lines[x]) for x in nxt[:2]):
        return None
    first = [w for w, _, _ in tokens(lines[nxt[0]].text)]
    if not unit_name(first[0]):
        return None
    if len(first) >= 2:  # the unit and the name's first piece on one line, the second piece alone
        unit, pieces, at = first[0], ["".join(first[1:]), lines[nxt[1]].text.strip()], nxt[2]
    elif len(nxt) == 4 and _name_line(lines[nxt[2]]):  # one cell a line (PyMuPDF)
        unit, pieces, at = first[0], [lines[nxt[1]].text.strip(), lines[nxt[2]].text.strip()], nxt[3]
    else:
        return None
    if any(" " in p or unit_name(p) for p in pieces):
        return None
    toks = tokens(lines[at].text)
    if not toks or not _money(toks[0][0]):
        return None
    project = "".join(pieces)
    if project not in names.get(lines):
        return None
    return (unit, project, toks[0][0], lines[at].text[toks[0][2]:].strip()), at + 1


def _centred_broken_row(lines: Sequence[NLine], k: int, run: list[NLine],
                        names: "_Names") -> Optional[tuple[tuple[str, str, str, str], int]]:
    """A row whose project's name is broken over two lines centred on it (pdfplumber, `pdftotext
    -layout`): the name's first piece alone on the line before (the last of `run`), `某某中心 60.00 …`,
    the second piece alone on the line after. Read only where the report prints the joined name whole
    elsewhere; the row and the index after it, else None."""
    toks = tokens(lines[k].text)
    if len(toks) < 2 or not unit_name(toks[0][0]) or _NAME_MARK.search(toks[0][0]) or not _money(toks[1][0]):
        return None
    after = next((x for x in range(k + 1, min(len(lines), k + 3)) if lines[x].text.strip()), None)
    if not run or after is None:
        return None
    pieces = [run[-1].text.strip(), lines[after].text.strip()]
    if not all(_name_line(ln) for ln in (run[-1], lines[after])) or any(" " in p or unit_name(p) for p in pieces):
        return None
    project = "".join(pieces)
    if project not in names.get(lines):
        return None
    return (toks[0][0], project, toks[1][0], lines[k].text[toks[1][2]:].strip()), after + 1


class _Names:
    """The report's printed names, gathered once a table needs them."""

    def __init__(self) -> None:
        self._got: Optional[set[str]] = None

    def get(self, lines: Sequence[NLine]) -> set[str]:
        if self._got is None:
            self._got = _printed_names(lines)
        return self._got


def _money(word: str) -> bool:
    return bool(AMOUNT.match(word)) and ("." in word or "," in word)


def _unread_row(text: str) -> bool:
    """A line with an amount that opens no row: short (a name's piece and the amount), or with an
    amount among its first words after words of names only (a unit's or a project's name broken
    around it: `某某中心 2,331.44 …`, `道路运输管理 服务 2,331.44 …`)."""
    words = text.split()
    if len(text) <= 40 and any(_money(w) for w in words):
        return True
    at = next((x for x, w in enumerate(words[:4]) if _money(w)), None)
    return at is not None and not any(_NAME_MARK.search(w) for w in words[:at])


def _total(line: NLine) -> Optional[str]:
    words = line.text.split()
    return words[0] if len(words) == 1 and AMOUNT.match(words[0]) and ("." in words[0] or "," in words[0]) else None


def _title_lines(lines: Sequence[NLine], i: int) -> list[NLine]:
    """The title area above lines[i] when it names a 项目支出绩效(目标)表: the title-like lines, or the
    title and a unit's code and name line under it (`341-某某局 万元`, which no unit line rule takes)."""
    above = title_above(lines, i)
    if any(_TITLE.search("".join(ln.text.split())) for ln in above):
        return above
    near = [ln for ln in lines[max(0, i - 2 * _HEADER_LOOK):i] if ln.text.strip()][-_HEADER_LOOK:]
    for x, ln in enumerate(near):
        t = "".join(ln.text.split())
        if len(t) <= 40 and _TITLE.search(t) and t.endswith("表") and all(
                UNIT_CODE_LINE.match(y.text.strip().rsplit(" ", 1)[0].strip()) or _AMOUNT_UNIT.match(y.text.strip())
                for y in near[x + 1:]):
            return near[x:]
    return []


def _own_title(line: NLine, own: set[str]) -> bool:
    return " ".join(line.text.split()) in own


def _read(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    above = _title_lines(lines, i)
    if not above:
        return None, i + 1
    got = _header(lines, i)
    if got is None:
        return None, i + 1
    h, words = got
    own = {" ".join(ln.text.split()) for ln in above} | {" ".join(lines[h].text.split())}
    k = h + 1
    total: Optional[tuple[NLine, str]] = None
    rows: list[tuple[NLine, tuple[str, str, str, str]]] = []
    runs: list[list[NLine]] = [[]]  # text lines before the first row, between rows, after the last
    names = _Names()
    while k < len(lines):
        ln = lines[k]
        t = ln.text.strip()
        if not t or (not rows and not runs[0] and total is None and _MARKS.match(t)):
            k += 1
            continue
        if not rows and not runs[0] and total is None and _total(ln) is not None:
            total = (ln, _total(ln))
            k += 1
            continue
        row = _row(ln)
        if row is not None:
            rows.append((ln, row))
            runs.append([])
            k += 1
            continue
        cell_row = _cell_row(lines, k)
        if cell_row is not None:
            rows.append((ln, cell_row[0]))
            runs.append([])
            k = cell_row[1]
            continue
        broken = _broken_row(lines, k, names) if rows else None
        if broken is not None:
            rows.append((ln, broken[0]))
            runs.append([])
            k = broken[1]
            continue
        if NOTE_LINE.match(t) or (title_like(ln) and not _own_title(ln, own)):
            break
        if _own_title(ln, own) or (furniture(lines, ln) and len(t) <= 8 and not _unread_row(t)):
            k += 1  # the title lines or header printed again on a new page, a page number
            continue
        centred_row = _centred_broken_row(lines, k, runs[-1], names) if rows else None
        if centred_row is not None:
            runs[-1].pop()  # the name's first piece, not goal text
            rows.append((ln, centred_row[0]))
            runs.append([])
            k = centred_row[1]
            continue
        if _unread_row(t):
            break  # a row this reader cannot read (a name broken over lines): the table ends before it
        runs[-1].append(ln)
        k += 1
    if len(rows) < 2:
        return None, i + 1
    centred = bool(runs[0])
    goals: list[list[str]] = [[r[3]] if r[3] else [] for _, r in rows]
    guessed = [False] * len(rows)
    end_line = rows[-1][0]
    for r in range(len(rows) + 1):
        run = runs[r]
        if not centred:
            if r and r < len(rows):
                goals[r - 1] += [x.text.strip() for x in run]
                if run and not _FULL_STOP.search(run[-1].text.strip()):
                    # the text between the rows does not end a goal: it may as well open the lower
                    # row's goal, centred on it (a first goal short enough to print beside its row)
                    guessed[r - 1] = guessed[r] = True
            continue
        if r == 0:
            goals[0] = [x.text.strip() for x in run] + goals[0]
            continue
        stops = [x for x, ln in enumerate(run) if _FULL_STOP.search(ln.text.strip())]
        if r == len(rows):  # after the last row: its goal up to the first full stop
            cut = stops[0] + 1 if stops else 0
            ended = bool(goals[r - 1]) and bool(_FULL_STOP.search(goals[r - 1][-1]))
            guessed[r - 1] = guessed[r - 1] or not (stops or (ended and not run))
        else:
            cut = stops[0] + 1 if stops else len(run)
            if len(stops) != 1:
                guessed[r - 1] = guessed[r] = True
            goals[r] = [x.text.strip() for x in run[cut:]] + goals[r]
        goals[r - 1] += [x.text.strip() for x in run[:cut]]
        if r == len(rows) and cut:
            end_line = run[cut - 1]
    if not centred and runs[-1]:
        # after the last row (pypdf): its goal up to the last line ending in a full stop
        run = runs[-1]
        stops = [x for x, ln in enumerate(run) if _FULL_STOP.search(ln.text.strip())]
        cut = stops[-1] + 1 if stops else 0
        goals[-1] += [x.text.strip() for x in run[:cut]]
        guessed[-1] = not stops
        if cut:
            end_line = run[cut - 1]
    head = [text_cell(lines[h], w) for w in words]
    grid: list[list[Cell]] = [head]
    if total is not None:
        grid.append([text_cell(total[0], ""), text_cell(total[0], ""), amount_cell(total[0], total[1]),
                     text_cell(total[0], "")])
    for (ln, (unit, project, amount, _)), goal, guess in zip(rows, goals, guessed):
        cell = text_cell(ln, "".join(goal), joined=len(goal) > 1)
        if guess:
            cell.repairs = [Repair(kind="layout.row_guess", note=_GUESS, status="unconfirmed")]
        grid.append([text_cell(ln, unit), text_cell(ln, project), amount_cell(ln, amount), cell])
    end = next(x for x in range(h, len(lines)) if lines[x] is end_line) + 1
    block = GridBlock(rows=grid, first_line=lines[i].no, last_line=end_line.no, method="project-goals")
    if not title_above(lines, i):  # the title above a unit's code line, which blocks.py does not take
        block.preamble = [next(ln for ln in above if _TITLE.search("".join(ln.text.split())))]
    return with_report(block), end


@text_reader(47)
class ProjectGoalsReader:
    """项目支出绩效表 rows (unit, project, amount, goal text), one row per line."""

    name = "project-goals"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        if "单位名称" not in lines[i].text or not lines[i].text.strip().startswith("单位名称"):
            return False
        return _read(lines, i)[0] is not None

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return _read(lines, i)
