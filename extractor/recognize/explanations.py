"""Per-subject explanations of the narrative: budget, actual, completion rate, direction, reason.

What it does: finds numbered items whose heading is a 类/款/项 path (`1、一般公共服务支出（类）…（款）
…（项）。`), reads in the item's body the 决算 phrasing (年初预算为A万元，支出决算为B万元，完成年初预算的
C%，决算数大于年初预算数的主要原因是：R) or the 预算 phrasing (预算数为A万元，比上年执行数增加B万元，…
主要原因是：R), and fixes the subject code from the report's own tables by the printed names.
What it does not: check the amounts against the tables (validate/).
"""
from __future__ import annotations

from typing import Optional

import regex as re

from ..datamodel import Explanation, Field, Narrative, Table
from ..evidence import policy
from ..evidence.numbers import NUM
from ..evidence.printed import HEADING
from ..evidence.spans import derived, group_text, span_amount_field, span_text_field

ITEM = re.compile(
    r"(?m)(?:^|(?<=[。；]))[ \t]*(?P<no>\d{1,2})\s*[、.．]\s*(?P<path>[^\n。]{0,120}?（\d{0,3}\s*项）)[ \t]*[。.]?[ \t]*"
)
PATH_PART = re.compile(r"(?P<name>[^（）]+?(?:（[^类款项）]*）[^（）]*?)*)（(?P<code>\d{2,3})?\s*(?P<level>类|款|项)）")
BUDGET = re.compile(rf"(?:年初预算(?:数)?|全年预算(?:数)?|预算数)\s*(?:为|是)?\s*(?P<v>{NUM})\s*万?元")
ACTUAL = re.compile(rf"(?:支出决算(?:数)?|决算数|实际支出|执行数)\s*(?:为|是)?\s*(?P<v>{NUM})\s*万?元")
RATE = re.compile(rf"完成(?:年初)?预算的\s*(?P<v>{NUM})\s*%")
NO_RATE = re.compile(r"无法计算")
DIRECTION = re.compile(r"决算数\s*(?P<d>大于|小于|等于|超过|低于)\s*(?:年初)?预算数?|(?P<eq>持平|一致)")
REASON = re.compile(r"(?:主要)?原因(?:是|为)?\s*[：:]\s*")
HEAD_AMOUNT = re.compile(rf"\s*(?P<v>{NUM})\s*万?元")
PURPOSE = re.compile(r"主要用于[：:]\s*(?P<v>[^。]*。)")
# 预算 phrasing
BUDGET_NOW = re.compile(rf"(?:20\d\d\s*年)?(?:预算安排|预算数为|预算为)\s*(?P<v>{NUM})\s*万?元")
PREVIOUS = re.compile(rf"(?:上年|20\d\d\s*年)(?:当年)?(?:预算)?执行数(?:为)?\s*(?P<v>{NUM})\s*万?元")
CHANGE = re.compile(
    rf"比(?:上年|20\d\d\s*年)(?:当年)?(?:预算)?(?:执行数|预算数|决算数|预算)?\s*(?P<d>增加|减少|增长|下降)\s*"
    rf"(?:(?P<amt>{NUM})\s*万?元[，,]?\s*(?:增长|下降|降低|减少|增加)?\s*)?(?:(?P<pct>{NUM})\s*%)?"
)
FLAT = re.compile(r"与(?:上年|20\d\d\s*年)(?:当年)?(?:预算)?(?:执行数|预算数)?持平")
PREV_CHANGE = re.compile(rf"比上年(?:执行数|预算数|决算数)?(?P<d>增加|减少)\s*(?P<v>{NUM})\s*万?元")
_PUNCT = re.compile(r"[，。；：,;:%\d]")
_DIR_MAP = {"大于": "大于", "超过": "大于", "小于": "小于", "低于": "小于", "等于": "等于"}


def _split_path(path: str) -> list[tuple[str, str]]:
    return [(m.group("name").strip(" 、，,"), m.group("level")) for m in PATH_PART.finditer(path)]


def _printed_code(path: str) -> Optional[str]:
    """`公共安全支出（204类）司法（06款）行政运行（01项）` -> 2040601."""
    parts = [(m.group("code"), m.group("level")) for m in PATH_PART.finditer(path)]
    if len(parts) == 3 and all(c for c, _ in parts):
        (c1, _), (c2, _), (c3, _) = parts
        if len(c1) == 3 and len(c2) == 2 and len(c3) == 2:
            return c1 + c2 + c3
    return None


def _body_end(nar: Narrative, start: int, next_item: int) -> int:
    """The body of an item ends at the next item or the next section heading."""
    end = next_item
    pos = nar.text.find("\n", start)
    while pos != -1 and pos < end:
        line_start = pos + 1
        head = nar.text[line_start:line_start + 40]
        if HEADING.match(head) and not re.match(r"\s*\d", head):
            return line_start - 1
        nl = nar.text.find("\n", line_start)
        line = nar.text[line_start: nl if nl != -1 else len(nar.text)]
        if 2 <= len(line.strip()) <= 15 and not _PUNCT.search(line):
            return line_start - 1  # a title line (其他相关情况说明) ends the item
        pos = nar.text.find("\n", line_start)
    return end


def _code_from_tables(parts: list[tuple[str, str]], tables: list[Table]) -> Optional[tuple[str, Table]]:
    """Find the code of the 项 by its name under its 款 in a subject table of this report."""
    if not parts:
        return None
    names = ["".join((n).split()) for n, _ in parts]

    def same(a: str, b: str) -> bool:
        a, b = a.replace("(", "（").replace(")", "）"), b.replace("(", "（").replace(")", "）")
        return a == b or a + "支出" == b or a == b + "支出"

    order = ("final.05", "budget.general", "final.03", "final.02")
    for t in sorted((t for t in tables if t.template in order), key=lambda t: order.index(t.template)):
        rows = [r for r in t.rows if r.code is not None]
        for i, r in enumerate(rows):
            code = str(r.code.value)
            if len(code) != 7 or not same("".join((str(r.name.value)).split()), names[-1]):
                continue
            if len(names) >= 2:
                parent = next((p for p in rows if str(p.code.value) == code[:5]), None)
                if parent is None or not same("".join((str(parent.name.value)).split()), names[-2]):
                    continue
            return code, t
    return None


def find_explanations(nar: Narrative, tables: list[Table], catalog_lookup=None) -> list[Explanation]:
    text = nar.text
    items = list(ITEM.finditer(text))
    out: list[Explanation] = []
    for k, m in enumerate(items):
        parts = _split_path(m.group("path"))
        if not parts or (parts[-1][1] != "项" and len(parts) < 2):
            continue
        next_start = items[k + 1].start() if k + 1 < len(items) else len(text)
        body_start = m.end()
        body_end = _body_end(nar, body_start, next_start)
        body = text[body_start:body_end]
        subject_value = "/".join(n for n, _ in parts)
        subject = group_text(nar, m, "path", value=subject_value)
        exp = Explanation(subject=subject)
        head = HEAD_AMOUNT.match(body)
        if head:
            exp.amount = span_amount_field(nar, body_start + head.start("v"), body_start + head.end("v"))
        pu = PURPOSE.search(body)
        if pu:
            exp.purpose = span_text_field(nar, body_start + pu.start("v"), body_start + pu.end("v"))
        if BUDGET_NOW.search(body) and (PREVIOUS.search(body) or CHANGE.search(body) or FLAT.search(body)):
            _budget_phrasing(nar, exp, body, body_start, body_end)
            _fix_code(exp, m, parts, tables, catalog_lookup, subject, nar)
            out.append(exp)
            continue
        b = BUDGET.search(body)
        a = ACTUAL.search(body, b.end() if b else 0) or ACTUAL.search(body)
        if b:
            exp.budget = span_amount_field(nar, body_start + b.start("v"), body_start + b.end("v"))
        if a:
            exp.actual = span_amount_field(nar, body_start + a.start("v"), body_start + a.end("v"))
        r = RATE.search(body)
        if r:
            exp.completion_rate = span_amount_field(nar, body_start + r.start("v"), body_start + r.end("v"))
        d = DIRECTION.search(body)
        if d:
            word = "等于" if d.group("eq") else _DIR_MAP[d.group("d")]
            exp.direction = span_text_field(nar, body_start + d.start(), body_start + d.end(), value=word)
        else:
            pc = PREV_CHANGE.search(body)
            if pc:
                exp.direction = span_text_field(nar, body_start + pc.start("d"), body_start + pc.end("d"),
                                           value=pc.group("d"))
        reason_m = REASON.search(body)
        if reason_m:
            rs = body_start + reason_m.end()
            exp.reason = span_text_field(nar, rs, body_end, value=_clean_reason(text[rs:body_end]))
        elif d and d.group("eq") or (d and _DIR_MAP.get(d.group("d") or "") == "等于"):
            # “决算数与年初预算数一致，本部门严格按预算执行决算。” – the sentence after the verdict
            rest_start = body_start + d.end()
            rest = text[rest_start:body_end]
            lead = re.match(r"^[，,。；;\s]*", rest)
            rs = rest_start + (lead.end() if lead else 0)
            if rs < body_end and text[rs:body_end].strip():
                exp.reason = span_text_field(nar, rs, body_end, value=_clean_reason(text[rs:body_end]),
                                        confidence=policy.REASON)
        _fix_code(exp, m, parts, tables, catalog_lookup, subject, nar)
        out.append(exp)
    return out


def _fix_code(exp: Explanation, m, parts, tables, catalog_lookup, subject: Field, nar: Narrative) -> None:
    printed = _printed_code(m.group("path"))
    if printed:
        exp.code = derived(printed, subject, "code printed in the path (类/款/项 numbers)", policy.CODE_PRINTED_IN_PATH)
        return
    found = _code_from_tables(parts, tables)
    if found:
        code, table = found
        exp.code = derived(code, subject, f"code of the subject in {table.code or table.title}", policy.CODE_FROM_TABLE)
    elif catalog_lookup is not None:
        code = catalog_lookup([n for n, _ in parts])
        if code:
            exp.code = derived(code, subject, "code from the subject catalogue by the printed path", policy.CODE_FROM_CATALOGUE_PATH)


def _budget_phrasing(nar: Narrative, exp: Explanation, body: str, body_start: int, body_end: int) -> None:
    def amt(mm, g):
        return span_amount_field(nar, body_start + mm.start(g), body_start + mm.end(g)) if mm and mm.group(g) else None

    exp.budget = amt(BUDGET_NOW.search(body), "v")
    exp.previous = amt(PREVIOUS.search(body), "v")
    ch = CHANGE.search(body)
    if ch:
        exp.change = amt(ch, "amt")
        exp.change_rate = amt(ch, "pct")
        word = {"增长": "增加", "下降": "减少"}.get(ch.group("d"), ch.group("d"))
        exp.direction = span_text_field(nar, body_start + ch.start("d"), body_start + ch.end("d"), value=word)
    else:
        fl = FLAT.search(body)
        if fl:
            exp.direction = span_text_field(nar, body_start + fl.start(), body_start + fl.end(), value="持平")
    reason_m = REASON.search(body)
    if reason_m:
        rs = body_start + reason_m.end()
        exp.reason = span_text_field(nar, rs, body_end, value=_clean_reason(nar.text[rs:body_end]))


def _clean_reason(s: str) -> str:
    s = s.replace("\n", "").strip()
    s = re.sub(r"(?<=\d)\s+(?=[.\d])|(?<=\.)\s+(?=\d)", "", s)
    return s
