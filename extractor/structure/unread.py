"""Tables whose title was found but that no reader read: recorded, never passed over in silence.

What it does: `unread_tables(blocks, tables)` looks through the narrative lines left after the
readers ran for the title of a standard table (a short line ending like a title that templates.py
names: 一般公共预算支出表, 公开07表 一般公共预算支出情况表) followed within a few lines by the table's
unit line (单位：万元) or its printed code (公开07表), which a table's opening has and a line of the
contents (目录), an entry of a list of the tables (another title on the next line) or a sentence
does not, and with amounts other than 0 before the next title (a
table printed empty, 本表无数据, or with 0.00 only has nothing to read). Each such title whose table is not in the output (no table
read in the document bears the same title) gives one warning: the line, the title, the template
and why (no reader could place its cells in this layout, so its amounts are not in the output).
A table run together on one long line (an `.xls` preview copied from a web page: `表1 部门收支总表
单位:万元 收 项 入 目 … 16,745.59 …`) that no reader read is named the same
way: each word of the line that ends like a title and names a standard table, followed within a few
words by the table's opening (unit, code, 部门 / 单位 line or header words) and by at least three
amounts other than 0 on that line.
`printed_empty(blocks)` names the templates of the standard tables printed empty: a title (no
contents entry, no entry of a list of titles), no amount other than 0 before the next title, and the
table's note says so (`注：…无政府性基金预算财政拨款支出，故本表无数据。`, 本表为空, 空表): evidence that a fund
column of the report's 财政拨款收支总表 is blank (structure/detached_sides.py).
What it does not: read the table, guess its amounts, or judge a title printed again over a table
continued on the next page when the first part was read (the same title: not reported).
"""
from __future__ import annotations

import bisect

from typing import Optional, Sequence

import regex as re

from ..datamodel import Block, GridBlock, NLine, Table
from ..evidence.printed import TITLE_END, UNIT_WORD
from .templates import CODE_RE, identify

UNREAD = "found but not read"  # the words of every such problem (bench.py counts them)
_TITLE_MAX = 40  # a title line is short; a longer line is a sentence that names a table
_LOOK_AHEAD = 6  # non-blank lines after the title in which the unit line or code must stand
_CONTENTS = re.compile(r"[.…·]{3,}|\s\d{1,3}\s*$")  # a contents entry: leader dots, a page number at the end
_AMOUNT = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d.])|(?<![\d.,])\d+\.\d{1,4}(?![\d.,])")


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _is_title(text: str) -> bool:
    """A short line that ends like a table title and names a standard table (not a code line 公开01表)."""
    return len(text) <= _TITLE_MAX and bool(TITLE_END.search(text)) and identify(text, "") is not None


def _holds_amounts(lines: list[Optional[NLine]], k: int) -> bool:
    """An amount other than 0 (a number with decimals or thousands separators) stands between the
    title and the next title, table read or sentence: a table printed empty (本表无数据) or with 0.00 only has
    nothing to read."""
    for ln in lines[k + 1:]:
        if ln is None:
            return False
        t = ln.text.strip()
        if _is_title(t) or "。" in t or ("，" in t and len(t) > _TITLE_MAX // 2):
            return False  # the next table, or the narrative after a table printed empty
        if any(re.search(r"[1-9]", m) for m in _AMOUNT.findall(t)):
            return True
    return False


def _opens_table(lines: list[Optional[NLine]], k: int) -> bool:
    """The lines after a title hold the table's unit line or printed code within a few lines."""
    seen = 0
    for ln in lines[k + 1:]:
        if ln is None:
            return False
        t = ln.text.strip()
        if not t:
            continue
        if UNIT_WORD.search(t) or CODE_RE.search(t):
            return True
        seen += 1
        if seen >= _LOOK_AHEAD:
            return False
    return False


def _listed(lines: list[Optional[NLine]], k: int) -> bool:
    """The title is an entry of a list of the report's tables (`表10.…项目支出预算表` / `表11.…绩效表`,
    no leader dots): the next line with text is another table's title, where a table's own title is
    followed by its code, department or unit line."""
    for ln in lines[k + 1:]:
        if ln is None:
            return False
        t = ln.text.strip()
        if t:
            return len(t) <= _TITLE_MAX and bool(TITLE_END.search(t))  # a title, known or not
    return False


# a note saying the table has nothing to show: 本表无数据, 本表为空, 空表, 无…支出/收入
_NO_DATA = re.compile(r"无数据|为空表?|空表|(?:本单位|本部门|单位|部门)?[^，。；,;]{0,20}无[^，。；,;]{0,30}(?:支出|收入|资金)")
_NOTE_REACH = 30  # lines after an empty table's title in which its note must stand


def printed_empty(blocks: Sequence[Block]) -> set[str]:
    """The templates of the standard tables printed empty, by their note (see the module text)."""
    narrative = [b if not isinstance(b, GridBlock) else None for b in blocks]
    out: set[str] = set()
    for k, ln in enumerate(narrative):
        t = ln.text.strip() if ln is not None else ""
        if not t or not _is_title(t) or _CONTENTS.search(t) or _listed(narrative, k):
            continue
        if not _says_empty(narrative, k):
            continue
        template = identify(t, "")
        if template is not None:
            out.add(template.id)
    return out


def _says_empty(lines: list[Optional[NLine]], k: int) -> bool:
    """A line after the title and before the next title says the table has no data, and no amount
    other than 0 stands there, before the note or after it (a converter may print boxes past a note)."""
    said = False
    for ln in lines[k + 1:k + 1 + _NOTE_REACH]:
        if ln is None:
            break
        t = ln.text.strip()
        if _is_title(t):
            break
        amounts = _AMOUNT.findall(t)
        if said and t and len(amounts) != len(t.split()):
            break  # past the note: the text after the table (only boxes printed past a note looked at)
        if any(re.search(r"[1-9]", m) for m in amounts):
            return False
        said = said or bool(_NO_DATA.search(t))
    return said


_RUN_AMOUNTS = 3  # amounts other than 0 after a title in a line run together: a table's, not a mention's


# a table's next words: its 部门 / 单位 line (部门:X, 编制单位：X) or a header word printed alone
_OPENING = re.compile(r"^(?:(?:编制|填报)?(?:部门|单位)[^:：\s]{0,6}[:：]|(?:项目|行次|栏次|金额|科目编码|科目名称)$)")


def _run_together_titles(text: str) -> list[str]:
    """The titles of standard tables run together in a long line: a word that ends like a title and
    names a standard table, followed within a few words by the table's opening (its unit, code,
    部门 / 单位 line or header words: 部门:X, 单位:万元, 公开01表, 项目, 行次) and by at least three
    amounts other than 0 in the line."""
    if "表" not in text:
        return []
    out = []
    words = list(re.finditer(r"\S+", text))
    # where the amounts other than 0 start, found once (counting them after each title stays linear)
    starts = [a.start() for a in _AMOUNT.finditer(text) if re.search(r"[1-9]", a.group())]
    for k, m in enumerate(words):
        w = m.group()
        if len(w) > _TITLE_MAX or not TITLE_END.search(w) or _CONTENTS.search(w) or identify(w, "") is None:
            continue
        nxt = [x.group() for x in words[k + 1:k + 1 + _LOOK_AHEAD]]
        if not any(UNIT_WORD.search(x) or CODE_RE.search(x) or _OPENING.match(x) for x in nxt):
            continue  # a sentence naming the table
        if len(starts) - bisect.bisect_left(starts, m.end()) >= _RUN_AMOUNTS:
            out.append(w)
    return out


def unread_tables(blocks: Sequence[Block], tables: Sequence[Table]) -> list[tuple[str, str, str]]:
    """(stage, severity, message) for each standard table whose title stands in the narrative with
    no table read under it (see the module text)."""
    read_titles = {_squeeze(t.title) for t in tables if t.title}
    narrative: list[Optional[NLine]] = []  # None where a table was read
    for b in blocks:
        if isinstance(b, GridBlock):
            read_titles.update(_squeeze(ln.text) for ln in b.preamble)
            narrative.append(None)
        else:
            narrative.append(b)
    out: list[tuple[str, str, str]] = []
    reported: set[str] = set()
    for k, ln in enumerate(narrative):
        t = ln.text.strip() if ln is not None else ""
        if len(t) > _TITLE_MAX:
            for title in _run_together_titles(t):
                _report(out, reported, read_titles, ln, title, "run together on one line with others")
            continue
        if not t or not _is_title(t) or _CONTENTS.search(t):
            continue
        if _listed(narrative, k) or not _opens_table(narrative, k) or not _holds_amounts(narrative, k):
            continue
        _report(out, reported, read_titles, ln, t, "")
    return out


def _report(out: list, reported: set[str], read_titles: set[str], ln: NLine, title: str, how: str) -> None:
    """One warning for a title not reported yet and borne by no table read."""
    key = _squeeze(CODE_RE.sub("", title))
    if key in reported or any(key in read for read in read_titles):
        return
    reported.add(key)
    template = identify(title, "")
    where = f"line {ln.no}" if ln.no is not None else f"page {ln.page}"
    layout = f"this text's layout ({how})" if how else "this text's layout"
    out.append(("structure", "warning",
                f"{where}: table {title!r} ({template.title}) {UNREAD}: no reader could place "
                f"its cells in {layout}, so its amounts are not in the output"))
