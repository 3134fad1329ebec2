"""Narrative text: broken lines joined into paragraphs, with a map back to the printed lines.

What it does: joins the narrative lines (those not in tables) into one string with a newline
between paragraphs. A line that ends without sentence punctuation and is followed by a line that
does not start a new heading or item is a broken line and is joined (blank lines between them are
converter debris). The split-word artefact (`交\n\n交通运输支出`) loses its repeated character.
`source_at(offset)` gives the printed line (and page) of any character.
What it does not: find values in the text (recognize/); the Narrative type itself lives in datamodel/.
"""
from __future__ import annotations

from typing import Optional

import regex as re

from ..datamodel import Narrative, NLine
from ..evidence.printed import HEADING

_TERMINAL = re.compile(r"[。！？；：:;！?]\s*$")
_CJK = re.compile(r"\p{Han}")
# an item heading whose 类/款/项 path is not closed yet: the line was broken inside the path
_OPEN_PATH = re.compile(r"（\d{0,3}类）(?!.*（\d{0,3}项）)[^。]*$")
# an Arabic-numbered item (1、 2. （3）) that ends without punctuation continues on the next line
_HEADING_END = re.compile(r"(?:情况|说明|分析|措施|问题|目标|职责|构成|设置|结果|概况|内容|依据|要求|原因|指标)\s*$")
_SENTENCE_START = re.compile(r"^(?:20\d\d\s*年|本|我|根据|按照)")
_ITEM_START = re.compile(r"^\s*(?:\d{1,2}\s*[、.．](?!\d)|[（(]\d{1,2}[)）])")


def build_narrative(lines: list[NLine]) -> Narrative:
    text_parts: list[str] = []
    orig_parts: list[str] = []
    nar = Narrative(text="", orig="")
    pos = 0
    prev: Optional[NLine] = None
    prev_text = ""
    blank_gap = False
    for ln in lines:
        t = ln.text.rstrip()
        o = ln.orig[: len(t)]
        # strip indentation but remember the column
        stripped = t.lstrip()
        col = len(t) - len(stripped)
        t, o = stripped, o[col:]
        if not t:
            blank_gap = True
            continue
        sep = "\n"
        # the converter's split word (交\n\n交通运输支出) comes with a blank line between the halves;
        # without one, 专项\n项目支出 is an ordinary line break
        split_word = blank_gap and bool(prev_text) and _CJK.match(t[0]) is not None and prev_text[-1] == t[0] and len(t) > 1
        if prev is not None and prev_text and not _TERMINAL.search(prev_text) and not HEADING.match(t) \
                and (not HEADING.match(prev_text) or _OPEN_PATH.search(prev_text)
                     or (_ITEM_START.match(prev_text) and not _HEADING_END.search(prev_text)
                         and not _SENTENCE_START.match(t))) \
                and (len(prev_text) >= 2 or split_word):
            sep = ""
            if split_word:
                # split word: the character was printed at the end of one line and again at the
                # start of the next
                t, o, col = t[1:], o[1:], col + 1
                nar.repaired_at.add(pos)
        if prev is not None:
            text_parts.append(sep)
            orig_parts.append(sep)
            pos += len(sep)
        nar.starts.append(pos)
        nar.lines.append(ln)
        nar.cols.append(col)
        text_parts.append(t)
        orig_parts.append(o)
        pos += len(t)
        prev = ln
        prev_text = t
        blank_gap = False
    nar.text = "".join(text_parts)
    nar.orig = "".join(orig_parts)
    return nar
