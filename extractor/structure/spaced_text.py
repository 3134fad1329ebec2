"""Line pieces shared by the readers of space-separated table rows (spaced_rows, spaced_sides,
spaced_groups, spaced_flat).

What it does: splits a line into its space-separated tokens with their character positions, says
whether a token is an amount, whether a line is page furniture (a page number, a running header
printed on many pages), a title or unit line, a piece of a name broken over lines, or a line that
ends a table (a note, a title, a sentence), and where a table goes on under its title and header
printed again on a new page (`page_turn`).
What it does not: read rows or place amounts in columns (the readers and spaced_columns.py do).
"""
from __future__ import annotations

from collections import Counter
from typing import Callable, Optional, Sequence

import regex as re

from ..datamodel import Cell, NLine, Repair
from ..evidence.printed import NOTE_LINE, TABLE_CODE, TITLE_END, UNIT_CODE_LINE, UNIT_WORD
from .templates import identify
from .text_tables import is_preamble

_OWN_TITLE_END = re.compile(r"表$")  # a table's own title line, printed again on a new page

AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
SENTENCE = re.compile(r"[，。；：:]")
# the header's own `其中：` (over the columns a total splits into: 小计 / 其中： / 基本支出 项目支出)
_HEADER_COLON = re.compile(r"其中[:：]|（\d{1,2}）|\(\d{1,2}\)")  # and the item marks a label may hold
_HEADER_LABEL_COLON = re.compile(r"(?:^|(?<=\s))其中[:：]")  # `其中：基本支出` among header words
_NOT_HEADER = re.compile(r"[，。；：:\d]")
_FURNITURE = re.compile(r"^(?:第\s*\d+\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?|[-—–]?\s*\d{1,4}\s*[-—–]?|\d+\s*/\s*\d+)$")
_TOKEN = re.compile(r"\S+")
_TITLE_LINES = 5  # title-area lines above a table's first line: title, code, 部门 and unit lines
_TITLE_BLANKS = 2  # blank lines together within the title area (pdfminer.six: one after every box)

Token = tuple[str, int, int]  # text, start, end in the line


def tokens(text: str) -> list[Token]:
    """The line's words with their positions; an amount run into the next cell's words without a
    space (`1,935.36一、基本支出`) is two words."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        w, s = m.group(), m.start()
        glued = _GLUED.match(w) if len(w) > 3 and w[0].isdigit() else None
        if glued:
            k = glued.end()
            out += [(w[:k], s, s + k), (w[k:], s + k, m.end())]
        else:
            out.append((w, s, m.end()))
    return out


# an amount to the cent with the next cell's words right after it (or the item number 1、 opening them);
# an amount in yuan, no cents, only with its thousands separators (`866,296一、社会保障…`: `2024年` is no amount)
_GLUED = re.compile(r"(?:(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}|\d{1,3}(?:,\d{3})+)(?=\p{Han}|\d{1,2}[、．]\p{Han})")


# a subject code printed in brackets before its name, `[2080505]机关事业单位基本养老保险缴费支出`
# (Guangdong's budget tables print 功能分类 and 经济分类 codes so, the indent before them)
BRACKET_CODE = re.compile(r"^[\[【](\d{3}|\d{5}|\d{7})[\]】]")


# a subject code joined to its name by a hyphen, `2130201-行政运行`, `50101-工资奖金津补贴` (Beijing's
# budget tables print each subject so, one `code-name` cell per classification)
CODE_NAME = re.compile(r"^(\d{3}|\d{5}|\d{7})[-－—](\D.*)$")


def bracket_code(word: str) -> tuple[str, str] | None:
    """(code, the rest of the word) of a word that opens with a bracketed subject code, else None."""
    m = BRACKET_CODE.match(word)
    return (m.group(1), word[m.end():]) if m else None


def covers(text: str, labels: Sequence[str], ignore: dict | None = None) -> bool:
    """The characters of `text` cover those of `labels`, each as often (a header whose words are
    broken over lines or run together still names the labels); `ignore`: a str.translate table of
    characters not counted (brackets and quotes that print half- or full-width)."""
    if ignore is not None:
        text, joined = text.translate(ignore), "".join(labels).translate(ignore)
    else:
        joined = "".join(labels)
    have, need = Counter(text), Counter(joined)
    return all(have[ch] >= c for ch, c in need.items())


def is_amount(text: str) -> bool:
    return bool(AMOUNT.match(text))


def header_colon(text: str) -> bool:
    """A header line whose only colon is the header's `其中：` (on a line of its own, or among the
    header's words), or a row label opening with it (`其中：（1）公务用车购置费`), no other digits: no prose."""
    if "其中" not in text:
        return False
    # `其中：基本支出` among a header's words (amounts may follow on the line: no sentence is left)
    return not _NOT_HEADER.search(_HEADER_COLON.sub("", text)) or not SENTENCE.search(_HEADER_LABEL_COLON.sub("", text))


def name_piece(line: NLine) -> bool:
    """A short line of words without digits or sentence punctuation: a piece of a broken name."""
    t = line.text.strip()
    return bool(t) and len("".join(t.split())) <= 30 and not SENTENCE.search(t) and not any(ch.isdigit() for ch in t)


_REPEATS: dict[int, Counter] = {}


def furniture(lines: Sequence[NLine], line: NLine) -> bool:
    """Page numbers, form feeds and running headers (a line printed the same on many pages)."""
    t = line.text.strip().strip("\f").strip()
    if not t:
        return True
    if _FURNITURE.match(t):
        return True
    counts = _REPEATS.get(id(lines))
    if counts is None:
        _REPEATS.clear()
        counts = _REPEATS[id(lines)] = Counter(" ".join(ln.text.split()) for ln in lines)
    return counts[" ".join(t.split())] >= 3 and 8 <= len(t) <= 40  # short name pieces repeat too


_STREAM_YEAR = re.compile(r"\d{4}\s*年")
_STREAM_PAGE = re.compile(r"^第\s*\d+\s*页")
_STREAM_HAN = re.compile(r"\p{Han}")


def stream_furniture(lines: Sequence[NLine], line: NLine, value: Callable[[str], object] = AMOUNT.match,
                     page_marks: bool = True) -> bool:
    """Page furniture inside a table printed one cell per line: a running line (`furniture`) that
    holds no Chinese or names a year, or (`page_marks`) opens with 第 N 页. A subject name repeats in
    a report too and is no furniture; a cell that is a `value` never is."""
    t = line.text.strip()
    if value(t) or not furniture(lines, line):
        return False
    return not _STREAM_HAN.search(t) or bool(_STREAM_YEAR.search(t)) or (page_marks and bool(_STREAM_PAGE.match(t)))


def repeated_header(line: NLine, header_keys: set[str]) -> bool:
    """A line of the table's header printed again (on a new page); a short word such as 款 that
    the header also prints may be a piece of a broken name, so it is not taken for one."""
    key = " ".join(line.text.split())
    return len(key.replace(" ", "")) >= 4 and key in header_keys


def title_like(line: NLine) -> bool:
    t = line.text.strip()
    return bool(t) and (is_preamble(line) or (len(t) <= 40 and bool(TITLE_END.search(t) or UNIT_WORD.search(t))))


MAX_CELL = 40  # a longer line is narrative, not a cell (text printed one cell per line)


def cell_line(line: NLine, prose: re.Pattern = SENTENCE) -> bool:
    """A line that can be one cell of a table printed one cell per line: short, no TAB or bar, no
    sentence punctuation (`prose`: a reader whose labels hold a colon passes a narrower set; the
    header's `其中：` is a cell), no note."""
    t = line.text.strip()
    return len(t) <= MAX_CELL and "\t" not in line.text and "|" not in t and (
        not prose.search(t) or header_colon(t)) and not NOTE_LINE.match(t)


def title_above(lines: Sequence[NLine], i: int, wide: bool = False) -> list[NLine]:
    """The title / code / unit lines right above lines[i] (blank lines skipped), nearest last: within
    the five lines above; `wide`: up to five title lines, blank lines not counted where no more than
    two stand together (pdfminer.six prints a blank line after every box). A unit's code and name
    (`341-湖州市财政局`) between the title and the unit line is one of them."""
    out: list[NLine] = []
    k, blanks = i - 1, 0
    while k >= 0 and len(out) < _TITLE_LINES and (wide or k >= i - _TITLE_LINES):
        if not lines[k].text.strip():
            blanks += 1
            if wide and blanks > _TITLE_BLANKS:
                break
            k -= 1
            continue
        if not title_like(lines[k]) and not (out and UNIT_CODE_LINE.match(lines[k].text.strip())):
            break
        out.insert(0, lines[k])
        blanks = 0
        k -= 1
    return out


def ends_table(line: NLine) -> bool:
    t = line.text.strip()
    return bool(NOTE_LINE.match(t)) or title_like(line) or bool(SENTENCE.search(t))


_AFTER_TITLE: tuple = (None, {})  # (the lines list last asked about, {index: answer}); the list is held,
# so its id cannot be reused while cached, and the pair is replaced whole (threads see one or the other)


def under_subject_title(lines: Sequence[NLine], i: int, wide: bool = False) -> bool:
    """The title above lines[i] (`title_above`) names a template of subject rows (a 收入 / 支出 table,
    not a two-sided or labelled one)."""
    template = identify(" ".join(ln.text for ln in title_above(lines, i, wide=wide)), "")
    return template is not None and template.shape == "subject"


def after_title(lines: Sequence[NLine], i: int) -> bool:
    """lines[i] is the first line after a table's title / unit lines (blank lines between allowed).
    Every text reader asks this of every line: the answers for the last list of lines are kept."""
    global _AFTER_TITLE
    cache = _AFTER_TITLE
    if cache[0] is not lines:
        cache = _AFTER_TITLE = (lines, {})
    got = cache[1].get(i)
    if got is None:
        got = cache[1][i] = _after_title(lines, i)
    return got


def _after_title(lines: Sequence[NLine], i: int) -> bool:
    k = i - 1
    while k >= 0 and k >= i - 3 and not lines[k].text.strip():
        k -= 1
    return k >= 0 and title_like(lines[k]) and not title_like(lines[i])


def title_keys(lines: Sequence[NLine], i: int) -> frozenset:
    """The table's own title-area lines above lines[i] (code, title, 部门 / unit lines), as compared
    when a new page prints them again."""
    return frozenset(" ".join(ln.text.split()) for ln in title_above(lines, i))


def page_turn(lines: Sequence[NLine], j: int, own: frozenset, header_keys: set[str],
              resumes: Callable[[int], bool]) -> Optional[int]:
    """The table continued on a new page: from lines[j], page furniture, the table's own title-area
    lines (`own`) and its header lines printed again, its title or a header line among them, then a
    line where the table `resumes` (the reader's test: a row of its table; a row repeated in other
    tables looks like furniture, so it is asked first). That line's index, else None (another
    table's title, or text)."""
    seen = False
    for k in range(j, min(len(lines), j + 80)):
        ln = lines[k]
        key = " ".join(ln.text.split())
        if not key:
            continue
        if key in own or key in header_keys:
            seen = seen or (key in header_keys and len(key.replace(" ", "")) >= 4) or bool(TITLE_END.search(key))
            continue
        if is_preamble(ln) and not TITLE_END.search(key):
            continue  # a code or unit line not printed above the first page (the page's own)
        if seen and resumes(k):
            return k
        if furniture(lines, ln):
            continue
        return None
    return None


_CODE_LINE_MAX = 10  # characters of a table's code line (公开表12, 附表2-1)


def own_title_block(lines: Sequence[NLine], j: int, own: set[str], codes: bool = False) -> Optional[int]:
    """The table's own title lines (its code, title, 部门 and unit lines, page marks between) printed
    again from lines[j], its title among them: the index after them; None for another table's. With
    `codes`, a table's printed code on a line of its own (`表4`, `公开表2`) is passed over with them: the
    title that follows says whose it is."""
    k, titled = j, False
    while k < len(lines):
        ln = lines[k]
        key = " ".join(ln.text.split())
        if key and not stream_furniture(lines, ln, page_marks=False):
            if codes and TABLE_CODE.match(key) and "表" in key and len(key) <= _CODE_LINE_MAX and not titled:
                k += 1  # the table's code printed above its title again
                continue
            if not title_like(ln) and not (key in own and UNIT_CODE_LINE.match(key)):
                break
            if key not in own:
                return None
            titled = titled or bool(_OWN_TITLE_END.search(key))
        k += 1
    return k if titled else None


class Header:
    """The header lines of a table between its title (`lines[i]`) and its first data row: the lines,
    their text without spaces run together (for column names), and each line's words as printed
    (to know the header again when a page repeats it)."""

    def __init__(self, lines: Sequence[NLine], i: int, first: int) -> None:
        self.lines = [ln for ln in lines[i:first] if ln.text.strip()]
        self.text = "".join("".join(ln.text.split()) for ln in self.lines)
        self.keys = {" ".join(ln.text.split()) for ln in self.lines}


def text_cell(line: NLine, text: str, joined: bool = False) -> Cell:
    return Cell(text=text, orig=text, line=line.no, page=line.page, joined=joined)


def amount_cell(line: NLine, text: str, doubt: str | None = None) -> Cell:
    """An amount as printed on `line`; with `doubt`, an unconfirmed `layout.column_guess` repair
    that keeps its Field under review and says why."""
    c = Cell(text=text, orig=text, line=line.no, page=line.page, repaired=line.repaired)
    if doubt:
        c.repairs = [Repair(kind="layout.column_guess", note=doubt, status="unconfirmed")]
    return c
