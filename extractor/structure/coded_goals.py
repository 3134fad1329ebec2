"""Reader `coded-goals`: a 项目支出绩效目标表 printed as a unit-coded list (Hunan's budgets) — under
`单位编码 单位（项目）名称 资金总额 绩效目标` (and `绩效指标`) and the indicator header `一级指标 二级指标
三级指标 指标值 …`, the 合计 line, a unit's line (`126001 某某局 417.41`), then each project's line
(`126001 某某专项 35.78`, its unit code perhaps left blank, or printed alone on the line before),
its goal text broken over lines, and its indicator rows.

What it does: reads the header on a line or two, or a label a line (PyMuPDF, the level labels perhaps
glued: `一级指标二级指标`); the 合计 line (`合计 A`, or 合计 and A a line each), and every row of
exactly a code (digits), a name and one amount, or a name and one amount — on one line (pypdf) or a
cell a line (PyMuPDF), its code perhaps alone on the line before (a new page). A coded row whose next text line
is another row (or a code alone) is a unit's (its projects' implementer); a row followed by text is
a project, its goal the lines up to the first indicator line (a line opening with a 一级指标 label:
产出指标, 成本指标, 效益指标, 满意度指标 …); a goal whose last line does not end in a full stop carries
an unconfirmed `layout.row_guess` repair (to review). A project is read only where an indicator line
follows its goal, no goal line holds an indicator's cells (≥ ≤ ＝, 定性 定量) and its amount is no
more than its unit's: a name and an amount among the indicator lines (an indicator row broken over
lines) opens no project. The title, department and header lines printed again on a new
page are skipped, and a project printed again there (same name and amount, its goal repeated) is the
same project continued, not a new one. The grid has the printed header (the four leading labels and
the indicator labels under them) and one row per unit or project with the indicator cells blank, the
shape recognize/indicators.py reads as a listed 绩效目标表. The table ends at a note (注：) or a
title that is not its own.
What it does not: read the indicator rows (their cells are broken over lines and split by spaces
that also stand inside cells, so no cell is certain); read a row whose name is broken over lines or
whose goal starts on its line, or a project with no goal text; read the lists printed column by
column (pdfminer, pdftotext) or with the row centred among its goal and indicator lines (pdfplumber,
`pdftotext -layout`).
"""
from __future__ import annotations

from typing import Optional, Sequence

import regex as re

from ..datamodel import Cell, GridBlock, NLine, Repair
from ..evidence.numbers import parse_amount
from ..evidence.printed import NOTE_LINE
from .spaced_text import AMOUNT, amount_cell, text_cell, title_like, tokens
from .text_tables import text_reader, with_report

_TITLE = re.compile(r"项目支出绩效目标表$")
_CODE = re.compile(r"^\d{3,12}$")
_NAME_LABEL = re.compile(r"^单位[（(]项目[)）]名称$")
_MONEY_LABEL = re.compile(r"^(?:资金总额|项目金额|金额|预算金额|预算数)(?:[（(]万元[)）])?$")
_GOAL_LABEL = re.compile(r"^(?:年度)?绩效目标$")
_LEVEL1 = re.compile(r"^(?:产出|成本|效益|满意度|经济效益|社会效益)指标(?:[（(]\d+分[)）])?$")
_NAME_MARK = re.compile(r"[，。；：:、,;!！?？%％≥≤＝=]")
_FULL_STOP = re.compile(r"[。.！!]$")
_INDICATOR_MARK = re.compile(r"[≥≤＝]|(?:^|\s)(?:定性|定量)(?:\s|$)")  # an indicator row's cells, never in a goal
_PAGE_NO = re.compile(r"^(?:第\s*\d+\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?|[-—–]?\s*\d{1,2}\s*[-—–]?)$")
_TOTAL = re.compile(r"^(?:合计|总计)$")
_GOAL_LINES = 40  # a goal's lines at most (each scan for one stays short: the reader is linear in its table)
_HEAD_LINES = 20  # lines of the header at most (PyMuPDF prints a label a line)
_GLUED_LEVELS = re.compile(r"^(?:[一二三]级指标){2,3}$")
_HEAD_WORD = re.compile(r"(?:编码|指标|指标值|内容|标准|单位|类型|备注|分值|说明)$")
_LOOK = 4  # non-blank lines from the title to the header, and from the header to the indicator header
_GUESS = ("goal uncertain: its last line does not end in a full stop, so the goal text may go on in "
          "the indicator rows")


def _squeeze(t: str) -> str:
    return "".join(t.split())


def _money(word: str) -> bool:
    return bool(AMOUNT.match(word)) and ("." in word or "," in word)


def _texts(lines: Sequence[NLine], k: int, n: int) -> list[int]:
    """Indices of the next `n` non-blank lines from lines[k]."""
    out: list[int] = []
    while k < len(lines) and len(out) < n:
        if lines[k].text.strip():
            out.append(k)
        k += 1
    return out


def _level1(line: NLine) -> bool:
    words = line.text.split()
    return bool(words) and bool(_LEVEL1.match(words[0]))


def _skipped(line: NLine, own: set[str]) -> bool:
    """The title area or header printed again on a new page, or a page number."""
    return " ".join(line.text.split()) in own or bool(_PAGE_NO.match(line.text.strip()))


def _goal(lines: Sequence[NLine], k: int, own: set[str]) -> tuple[list[NLine], int]:
    """The goal's lines from lines[k] up to the next indicator line, row or note; and where it stops."""
    out: list[NLine] = []
    while k < len(lines):
        ln = lines[k]
        t = ln.text.strip()
        if t and not _skipped(ln, own):
            if _level1(ln) or _row_at(lines, k) is not None or NOTE_LINE.match(t) or len(out) >= _GOAL_LINES:
                break
            out.append(ln)
        k += 1
    return out, k


def _label_words(line: NLine) -> Optional[list[str]]:
    """The header labels a line holds (glued level labels split: `一级指标二级指标`), else None."""
    out: list[str] = []
    for w in line.text.split():
        if _GLUED_LEVELS.match(w):
            out += [w[x:x + 4] for x in range(0, len(w), 4)]
        elif _HEAD_WORD.search(w) or _NAME_LABEL.match(w) or _MONEY_LABEL.match(w) or _GOAL_LABEL.match(w):
            out.append(w)
        else:
            return None
    return out or None


def _start(lines: Sequence[NLine], i: int) -> Optional[tuple[list[str], list[str], set[str], int]]:
    """(leading labels, indicator labels, the title area's and header's lines as printed, index after
    the header) of a table starting at lines[i] (its header: on a line or two, or a label a line
    (PyMuPDF)), else None."""
    above = [k for k in range(max(0, i - 3 * _LOOK), i) if lines[k].text.strip()][-_LOOK:]
    at = next((x for x, k in enumerate(above) if _TITLE.search(_squeeze(lines[k].text))
               and len(_squeeze(lines[k].text)) <= 40), None)
    if at is None:
        return None
    own = {" ".join(lines[k].text.split()) for k in above[at:]}
    words: list[str] = []
    k = i
    while k < min(len(lines), i + _HEAD_LINES):
        if lines[k].text.strip():
            got = _label_words(lines[k])
            if got is None:
                break
            words += got
            own.add(" ".join(lines[k].text.split()))
        k += 1
    if len(words) < 8 or words[0] != "单位编码" or not _NAME_LABEL.match(words[1]) or not _MONEY_LABEL.match(
            words[2]) or not _GOAL_LABEL.match(words[3]):
        return None
    cols = words[5:] if words[4] == "绩效指标" else words[4:]
    if len(cols) < 4 or tuple(cols[:3]) != ("一级指标", "二级指标", "三级指标"):
        return None
    return words[:4], cols, own, k


def _name_word(word: str) -> bool:
    return not (_NAME_MARK.search(word) or word[0].isdigit() or _TOTAL.match(word) or _LEVEL1.match(word)
                or _money(word))


def _row_at(lines: Sequence[NLine], k: int) -> Optional[tuple[str, str, str, int]]:
    """(code, name, amount, index after it) of a row at lines[k]: on one line (a code, a name and an
    amount, or a name and an amount: the code left blank), or its cells a line each (PyMuPDF: code /
    name / amount, or name / amount), its code perhaps alone on the line before (a new page); else None."""
    words = lines[k].text.split()
    code = ""
    if len(words) == 1 and _CODE.match(words[0]):
        nxt = _texts(lines, k + 1, 1)
        if not nxt:
            return None
        code, k = words[0], nxt[0]
        words = lines[k].text.split()
    elif len(words) == 3 and _CODE.match(words[0]):
        code, words = words[0], words[1:]
    if len(words) == 2 and _money(words[1]) and _name_word(words[0]):
        return code, words[0], words[1], k + 1
    if len(words) == 1 and _name_word(words[0]):
        nxt = _texts(lines, k + 1, 1)
        after = lines[nxt[0]].text.split() if nxt else []
        if len(after) == 1 and _money(after[0]):
            return code, words[0], after[0], nxt[0] + 1
    return None


def _read(lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
    got = _start(lines, i)
    if got is None:
        return None, i + 1
    lead, cols, own, k = got
    total: Optional[tuple[NLine, str]] = None
    rows: list[tuple[NLine, str, str, str, list[NLine]]] = []  # line, code, name, amount, goal lines (none: a unit's)
    while k < len(lines):
        ln = lines[k]
        t = ln.text.strip()
        if not t or _skipped(ln, own):
            k += 1
            continue
        if NOTE_LINE.match(t) or (title_like(ln) and t.endswith("表")):
            break
        words = t.split()
        if not rows and total is None and words and _TOTAL.match(words[0]):
            # 合计 and its amount, on one line or two (PyMuPDF)
            nxt = _texts(lines, k + 1, 1)
            amount = words[1:] if len(words) > 1 else lines[nxt[0]].text.split() if nxt else []
            if len(amount) == 1 and _money(amount[0]):
                total = (ln, amount[0])
                k = k + 1 if len(words) > 1 else nxt[0] + 1
                continue
        got = _row_at(lines, k)
        if got is None:
            k += 1  # an indicator line
            continue
        row, after = got[:3], got[3]
        nxt = _texts(lines, after, 1)
        if row[0] and nxt and _row_at(lines, nxt[0]) is not None:
            rows.append((ln, row[0], row[1], row[2], []))  # a unit's row: another row right under it
            k = after
            continue
        goal, j = _goal(lines, after, own)
        unit = next((r for r in reversed(rows) if not r[4]), None)
        if (not goal or j >= len(lines) or not _level1(lines[j]) or any(_INDICATOR_MARK.search(g.text) for g in goal)
                or (unit is not None and parse_amount(row[2])[0] > parse_amount(unit[3])[0])):
            # a name and an amount among the indicator lines (an indicator row broken over lines), or
            # text with no indicator after it: no project
            k += 1
            continue
        last = next((r for r in reversed(rows) if r[4]), None)
        if last is None or (last[2], last[3]) != (row[1], row[2]):  # else the same project printed again
            rows.append((ln, row[0], row[1], row[2], goal))
        k = j
    if not any(r[4] for r in rows):
        return None, i + 1
    end = k  # the table takes the indicator lines after the last goal, up to the note or the next title
    top = lines[i]
    grid: list[list[Cell]] = [[text_cell(top, w) for w in lead] + [text_cell(top, "绩效指标") for _ in cols],
                              [text_cell(top, "") for _ in lead] + [text_cell(top, w) for w in cols]]
    if total is not None:
        tl = total[0]
        grid.append([text_cell(tl, "合计"), text_cell(tl, ""), amount_cell(tl, total[1]), text_cell(tl, "")]
                    + [text_cell(tl, "") for _ in cols])
    for ln, code, name, amount, goal in rows:
        texts = [g.text.strip() for g in goal]
        cell = text_cell(goal[0] if goal else ln, "".join(texts), joined=len(texts) > 1)
        if texts and not _FULL_STOP.search(texts[-1]):
            cell.repairs = [Repair(kind="layout.row_guess", note=_GUESS, status="unconfirmed")]
        grid.append([text_cell(ln, code), text_cell(ln, name), amount_cell(ln, amount), cell]
                    + [text_cell(ln, "") for _ in cols])
    last_line = lines[end - 1]
    block = GridBlock(rows=grid, first_line=lines[i].no, last_line=last_line.no, method="coded-goals")
    return with_report(block), end


@text_reader(46)
class CodedGoalsReader:
    """项目支出绩效目标表 as a unit-coded list (unit, projects, goal text; indicators left unread)."""

    name = "coded-goals"

    def starts(self, lines: Sequence[NLine], i: int) -> bool:
        if not lines[i].text.lstrip().startswith("单位编码"):
            return False
        return _read(lines, i)[0] is not None

    def read(self, lines: Sequence[NLine], i: int) -> tuple[Optional[GridBlock], int]:
        return _read(lines, i)
