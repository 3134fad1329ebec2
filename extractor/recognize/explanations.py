"""Per-subject explanations of the narrative: budget, actual, completion rate, direction, reason.

What it does: finds numbered items (`1、` `1.` `（1）`) whose heading is a subject —
  a 类/款/项 path, with or without quotation marks around it (`1、一般公共服务支出（类）…（款）…（项）。`,
  `（4）“公共安全支出（类）司法（款）…（项）”支出214.07万元`, or 款/项 under a `（二）X（类）` heading);
  a 类 alone with its amount (`（1）社会保障和就业支出（类）支出 3,061.29 万元`, `1.“教育支出”科目8,215万元`);
  a name with its code printed after it (`（1）行政运行（2011301）2093.85万元`) —
reads in the item's body the 决算 phrasing (年初预算为A万元，支出决算为B万元，完成年初预算的C%，
决算数大于年初预算数的主要原因是：R) or the 预算 phrasing (预算数为A万元，比上年执行数增加B万元 /
与上年相比增加 / 较上年减少，…主要原因是R), the purpose (主要用于…) and the amount printed with the
heading, and fixes the subject code: printed in the path, else from the report's own tables by the
printed names, else from the catalogue by the printed path. In a 预算 report an amount printed with
the heading and no other 预算数 in the body is the subject's budget (`budget`, with a note; `amount`
then stays empty, as it would only repeat the same printed number). An item whose subject gets no
code, or with no amount at all, is kept with its subject under the review threshold and a note why.
What it does not: check the amounts against the tables (validate/).
"""
from __future__ import annotations

import bisect
from typing import Optional

import regex as re

from ..datamodel import Explanation, Field, Narrative, Table
from ..evidence import policy
from ..evidence.numbers import NUM
from ..evidence.printed import HEADING, TITLE_END, is_table_preamble
from ..evidence.spans import derived, group_text, span_amount_field, span_text_field

_MARK = r"(?:^|(?<=[。；]))[ \t]*(?P<no>\d{1,2}\s*[、.．]|[（(]\d{1,2}[)）])\s*"
ITEM = re.compile(
    rf"(?m){_MARK}[“\"]?(?P<path>[^\n。“”\"]{{0,120}}?（\d{{0,3}}\s*项）)[”\"]?[ \t]*[。.]?[ \t]*"
)
# where ITEM, CLASS_ITEM and CODED_ITEM may start: a line start or a sentence end, then the number mark
# (each of them starts so; `[ \t]*` and the mark alone, so that no start is passed over inside another)
_MARK_AT = re.compile(r"(?m)(?:^|(?<=[。；]))[ \t]*(?:\d{1,2}\s*[、.．]|[（(]\d{1,2}[)）])")
# a 类 alone, printed with its amount: （1）X（类）支出 N万元 / 1.“X”科目N万元
CLASS_ITEM = re.compile(
    rf"(?m){_MARK}[“\"]?(?P<path>[^\n。，,“”\"（）()]{{2,30}}?(?:（\d{{0,3}}\s*类）[”\"]?|[”\"](?=科目)))"
    rf"\s*(?:科目)?\s*(?:支出)?\s*(?={NUM}\s*万?元)"
)
# a name with its code printed after it: （1）行政运行（2011301）2093.85万元
CODED_ITEM = re.compile(
    rf"(?m){_MARK}(?P<path>[^\n。，,；;“”\"（）()]{{2,40}}?)[（(](?P<code>\d{{3}}(?:\d\d){{0,2}})[)）]\s*(?:支出)?\s*(?={NUM}\s*万?元)"
)
# the heading of a 类 that items printing only 款 and 项 stand under: （二）交通运输支出（类）
CLASS_HEADING = re.compile(r"(?m)^[ \t]*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)?\s*"
                           r"(?P<name>[^\n。，,（）()]{2,30}?)（\d{0,3}\s*类）\s*$")
PATH_PART = re.compile(r"(?P<name>[^（）]+?(?:（[^类款项）]*）[^（）]*?)*)（(?P<code>\d{2,3})?\s*(?P<level>类|款|项)）")
BUDGET = re.compile(rf"(?<!去年|上年|上年度)(?:年初预算(?:数)?|全年预算(?:数)?|预算数)\s*(?:为|是)?\s*(?P<v>{NUM})\s*万?元")
ACTUAL = re.compile(rf"(?:支出决算(?:数)?|决算数|实际支出|执行数)\s*(?:为|是)?\s*(?P<v>{NUM})\s*万?元")
RATE = re.compile(rf"完成(?:年初)?预算的\s*(?P<v>{NUM})\s*%")
NO_RATE = re.compile(r"无法计算")
DIRECTION = re.compile(r"决算数\s*(?P<d>大于|小于|等于|超过|低于)\s*(?:年初)?预算数?|(?P<eq>持平|一致)")
# a definition in the 名词解释 section: X（项）：反映… / 指…
GLOSSARY = re.compile(r"\s*[：:]\s*(?:反映|是指|指)")
REASON = re.compile(r"(?:主要)?原因(?:是|为)\s*[：:]?\s*|(?:主要)?原因\s*[：:]\s*")
HEAD_AMOUNT = re.compile(rf"\s*(?:支出)?\s*(?P<v>{NUM})\s*万?元")
# 主要用于：X。 / 主要用于X，比上年… (the purpose ends with its sentence or where the change begins)
PURPOSE = re.compile(r"主要用于[：:]?\s*(?P<v>(?:[^。；;，,]|[，,](?!\s*(?:比|较|与)(?:上年|20\d\d)))+[。；;]?)")
# 预算 phrasing
BUDGET_NOW = re.compile(rf"(?<!去年|上年|上年度)(?:20\d\d\s*年)?(?:预算安排|预算数为|预算为)\s*(?P<v>{NUM})\s*万?元")
PREVIOUS = re.compile(rf"(?:上年|20\d\d\s*年)(?:当年)?(?:预算)?执行数(?:为)?\s*(?P<v>{NUM})\s*万?元")
CHANGE = re.compile(
    rf"(?:比|较|与)(?:上年|20\d\d\s*年)(?:当年)?(?:预算)?(?:执行数|预算数|决算数|预算)?(?:相比)?\s*(?P<d>增加|减少|增长|下降)\s*"
    rf"(?:(?P<amt>{NUM})\s*万?元[，,]?\s*(?:增长|下降|降低|减少|增加)?\s*)?(?:(?P<pct>{NUM})\s*%)?"
)
FLAT = re.compile(r"与(?:上年|20\d\d\s*年)(?:当年)?(?:预算)?(?:执行数|预算数)?持平")
PREV_CHANGE = re.compile(rf"比上年(?:执行数|预算数|决算数)?(?P<d>增加|减少)\s*(?P<v>{NUM})\s*万?元")
_PUNCT = re.compile(r"[，。；：,;:%\d]")
# a line opening with what may be a table title: no sentence mark before its 表 (and its qualifier)
_TITLE_START = re.compile(r"[^，。；：,;:！？!?]{2,40}?表(?:\s*[（(][^（）()]{1,24}[）)])?")
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


def _table_title_after_sentence(text: str, line_start: int, line: str) -> bool:
    """A table's title (`2026年预算单位财务收支预算总表`, often after a page break; the repair of broken
    lines may have run its title area onto it: `…总表编制单位：X单位：元本年收入…`) starting the line
    right after a finished sentence: the narrative has ended and a table the structure stage did not
    take begins."""
    if not text[:line_start].rstrip(" \t\f\n\u3000").endswith(("。", "；", ";")):
        return False
    line = line.strip(" \t\f\u3000")
    m = _TITLE_START.match(line)
    if m is None or not TITLE_END.search(m.group(0)):
        return False
    rest = line[m.end():].strip()
    return not rest or is_table_preamble(rest[:30])


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
        if _table_title_after_sentence(nar.text, line_start, line):
            return line_start - 1
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


def _matches(pattern, text: str, starts: list[int]) -> list:
    """pattern.finditer(text) for a pattern that can start only at `starts` (where _MARK_AT
    matched): the same non-overlapping matches, tried at those places alone."""
    out = []
    end = 0
    for p in starts:
        if p < end:
            continue
        m = pattern.match(text, p)
        if m:
            out.append(m)
            end = m.end() if m.end() > p else p + 1
    return out


def _heads(text: str) -> list[tuple[int, object, list[tuple[str, str]], Optional[str]]]:
    """(start, match, parts, printed code) of every item heading, in text order; one per start."""
    found: dict[int, tuple[int, object, list[tuple[str, str]], Optional[str]]] = {}
    starts = [m.start() for m in _MARK_AT.finditer(text)]  # one pass finds where an item may start
    for m in _matches(ITEM, text, starts):
        parts = _split_path(m.group("path"))
        if parts and (parts[-1][1] == "项" or len(parts) >= 2):
            found[m.start()] = (m.start(), m, parts, _printed_code(m.group("path")))
    for m in _matches(CLASS_ITEM, text, starts):
        if m.start() in found:
            continue
        path = m.group("path")
        parts = _split_path(path) or [(path.strip("“”\" "), "类")]
        if len(parts) == 1 and parts[0][1] == "类":
            found[m.start()] = (m.start(), m, parts, None)
    for m in _matches(CODED_ITEM, text, starts):
        if m.start() in found:
            continue
        code = m.group("code")
        level = {3: "类", 5: "款", 7: "项"}[len(code)]
        found[m.start()] = (m.start(), m, [(m.group("path").strip(" 、，,"), level)], code)
    return [found[k] for k in sorted(found)]


def find_explanations(nar: Narrative, tables: list[Table], catalog_lookup=None,
                      budget_report: bool = False) -> list[Explanation]:
    """`budget_report`: the report is a 预算 (its kind, from meta.py): an amount printed with the
    heading is then the subject's budget."""
    text = nar.text
    heads = _heads(text)
    classes = [(m.start(), m.group("name").strip()) for m in CLASS_HEADING.finditer(text)]
    class_starts = [pos for pos, _ in classes]
    out: list[Explanation] = []
    for k, (_, m, parts, printed) in enumerate(heads):
        next_start = heads[k + 1][0] if k + 1 < len(heads) else len(text)
        body_start = m.end()
        body_end = _body_end(nar, body_start, next_start)
        body = text[body_start:body_end]
        if GLOSSARY.match(body):
            continue  # 名词解释: “X（项）：反映…” defines the subject, it explains no amount
        subject_value = "/".join(n for n, _ in parts)
        subject = group_text(nar, m, "path", value=subject_value)
        exp = Explanation(subject=subject)
        head = HEAD_AMOUNT.match(body)
        if head:
            exp.amount = span_amount_field(nar, body_start + head.start("v"), body_start + head.end("v"))
        pu = PURPOSE.search(body)
        if pu:
            exp.purpose = span_text_field(nar, body_start + pu.start("v"), body_start + pu.end("v"))
        budget_phrasing = bool(PREVIOUS.search(body) or CHANGE.search(body) or FLAT.search(body))
        if BUDGET_NOW.search(body) and budget_phrasing:
            _budget_phrasing(nar, exp, body, body_start, body_end)
        elif (budget_report or budget_phrasing) and exp.amount is not None and not BUDGET.search(body) \
                and not ACTUAL.search(body):
            # 预算: the amount printed with the subject is its 预算数
            exp.budget, exp.amount = exp.amount, None
            exp.budget.notes.append("the amount printed with the subject: its 预算数 (a 预算 report)")
            _budget_phrasing(nar, exp, body, body_start, body_end, keep_budget=True)
        else:
            _final_phrasing(nar, exp, body, body_start, body_end)
        c = bisect.bisect_left(class_starts, m.start())
        parent_class = classes[c - 1][1] if c > 0 else None
        _fix_code(exp, printed, parts, tables, catalog_lookup, subject, parent_class)
        _doubts(exp, parts)
        out.append(exp)
    return out


def _final_phrasing(nar: Narrative, exp: Explanation, body: str, body_start: int, body_end: int) -> None:
    text = nar.text
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


def _doubts(exp: Explanation, parts: list[tuple[str, str]]) -> None:
    """An explanation a person should look at: no code for its subject, or no amount at all."""
    if exp.code is None:
        policy.cap(exp.subject, policy.EXPLANATION_NO_CODE)
        exp.subject.notes.append("no subject code: the printed path is in neither the report's tables nor the "
                                 "catalogue (or names more than one subject there)")
    if all(f is None for f in (exp.amount, exp.budget, exp.actual)):
        policy.cap(exp.subject, policy.EXPLANATION_NO_AMOUNT)
        exp.subject.notes.append("no amount read for this subject in its item")


def _fix_code(exp: Explanation, printed: Optional[str], parts, tables, catalog_lookup, subject: Field,
              parent_class: Optional[str] = None) -> None:
    """The code: printed in the path, else the report's tables, else the catalogue by the printed path
    (a path printed without its 类 is first tried under the 类 heading it stands under)."""
    if printed:
        exp.code = derived(printed, subject, "code printed in the path (类/款/项 numbers)", policy.CODE_PRINTED_IN_PATH)
        return
    found = _code_from_tables(parts, tables) if parts[-1][1] == "项" else None
    if found:
        code, table = found
        exp.code = derived(code, subject, f"code of the subject in {table.code or table.title}", policy.CODE_FROM_TABLE)
    elif catalog_lookup is not None:
        names = [n for n, _ in parts]
        code = None
        if parent_class and parts[0][1] == "款":
            code = catalog_lookup([parent_class] + names)
        code = code or catalog_lookup(names)
        if code:
            exp.code = derived(code, subject, "code from the subject catalogue by the printed path", policy.CODE_FROM_CATALOGUE_PATH)


def _budget_phrasing(nar: Narrative, exp: Explanation, body: str, body_start: int, body_end: int,
                     keep_budget: bool = False) -> None:
    def amt(mm, g):
        return span_amount_field(nar, body_start + mm.start(g), body_start + mm.end(g)) if mm and mm.group(g) else None

    if not keep_budget:
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
