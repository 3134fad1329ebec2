"""Report identity: department, year, kind, unit of amounts and title.

What it does: scores candidates from the places reports print them — `部门：X` lines of the tables,
`部门（单位）名称：X` (also as a table row without the colon: `部门（单位）名称 X 部门预算编码 …`),
titles such as `2024年度X部门决算` / `X整体支出绩效自评报告` / `X（本级）2026年度单位预算公开` /
`X部门\n2026年度部门预算信息公开`, also run together with other text on one line (`2026年X局部门预算
目录 一、…`), or with the year printed apart (`X 年部门预算情况说明`), the first sentence `X（以下简称…）`
— and picks the best; the year from titles and the most-cited fiscal year; the kind from the title
words and the tables present; the title line (or, when no line ends with the kind, the title's words).
What it does not: validate the name against any registry of departments.
"""
from __future__ import annotations

from collections import Counter
from typing import Optional

import regex as re

from ..datamodel import Field, Narrative, NLine, ReportInfo, Source, Table
from ..evidence import policy
from ..evidence.printed import ORG_TAIL
from ..evidence.spans import span_text_field

# how an organisation's name ends (also what entities.py asks of an ORG the NER finds)
_ORG_END = re.compile(rf"{ORG_TAIL}(?:本级)?$")
DEPT_LINE = re.compile(r"^\s*(?:部门|单位|预算单位|部门[（(]单位[）)]|单位名称|部门名称|编制部门|填报单位|预算主管部门|主管部门|预算单位名称)(?:名称)?\s*[:：]\s*"
                       r"(?P<name>[^\s\t　:：（(]{3,40}?)(?:（盖章）|\(盖章\))?(?=\s|　|\t|$|单位[:：])")
DEPT_NAMED = re.compile(r"(?:部门[（(]单位[）)]名称|单位名称|部门名称)\s*[:：]\s*(?P<name>[^\n（(：:]{3,40}?)(?:（盖章）|\(盖章\)|\n|$)")
# what may follow the organisation's name: 本级, or a bracketed scope word (（本级） （汇总） （机关）)
_SCOPE = r"(?:本级|[（(](?:本级|汇总|机关|本部|部门|单位|本级汇总)[)）])?"
TITLE = re.compile(
    rf"(?P<year>20\d\d)\s*年(?:度)?\s*(?P<name>[^\n，。、]{{2,40}}?{ORG_TAIL}{_SCOPE})\s*"
    r"(?P<kind>部门决算|单位决算|部门预算|单位预算|整体支出绩效自评报告|项目支出绩效自评报告|部门整体支出绩效|决算)"
)
# a cover printing the name on one line and the year and kind on the next (X部门 \n 2026年度部门预算)
TITLE2 = re.compile(
    rf"(?m)^[ \t]*(?:第[一二三四五六七八九十]+部分[ \t：:]*)?(?P<name>[^\n，。、\d]{{2,40}}?{ORG_TAIL}{_SCOPE})\s*(?:部门|单位)?\s*\n?\s*(?P<year>20\d\d)\s*年(?:度)?\s*"
    r"(?P<kind>部门决算|单位决算|部门预算|单位预算|部门综合预算|整体支出绩效自评(?:报告)?|项目支出绩效自评(?:报告)?)"
)
# a cover whose year was printed apart from the title: X 年部门预算情况说明 (the name, no year)
TITLE_NO_YEAR = re.compile(
    rf"(?m)^[ \t]*(?P<name>[^\n，。、\d\s]{{2,40}}?{ORG_TAIL}{_SCOPE})\s+年(?:度)?\s*"
    r"(?P<kind>部门决算|单位决算|部门预算|单位预算)"
)
# 部门（单位）名称 X printed as a table row, without a colon: the name must end like an organisation
DEPT_ROW = re.compile(rf"^\s*(?:部门[（(]单位[）)]名称|部门名称|单位名称|预算单位名称)[ \t　]+(?P<name>[^\s\t　:：]{{3,40}}?{ORG_TAIL}{_SCOPE})"
                      r"(?=[\s\t　]|$)")
SELF_NAMED = re.compile(rf"^(?P<name>[^\n，。、（]{{3,40}}?{ORG_TAIL})（以下简称")
SUBJECT_SENTENCE = re.compile(rf"^(?P<name>[^\n，。、（]{{3,40}}?{ORG_TAIL})[，,]\s*(?:单位性质|是|为|系)")
YEAR = re.compile(r"(?<!\d)(?P<y>20\d\d)\s*年(?:度)?")
KINDS = ["部门决算", "单位决算", "部门预算", "单位预算", "整体支出绩效自评", "项目支出绩效自评"]


def _line_field(ln: NLine, start: int, end: int, value: str, conf: float) -> Field:
    return Field(value=value, raw=ln.orig[start:end], confidence=conf,
                 source=Source(page=ln.page, line=ln.no, bbox=list(ln.bbox) if ln.bbox else None))


def find_meta(lines: list[NLine], nar: Narrative, tables: list[Table]) -> ReportInfo:
    info = ReportInfo()
    # department: 部门：X lines (table preambles and cover pages) are the most reliable
    dept_votes: Counter = Counter()
    dept_first: dict[str, Field] = {}
    for ln in lines:
        m = DEPT_LINE.match(ln.text)
        if m and not _ORG_END.search(m.group("name")):
            m = None  # cut by a line break (部门名称：某县\n\n某局): the narrative has it whole
        if m:
            name = m.group("name").strip()
            dept_votes[name] += 1
            dept_first.setdefault(name, _line_field(ln, m.start("name"), m.end("name"), name, policy.DEPT_LINE))
    if not dept_votes:
        for ln in lines:
            m = DEPT_ROW.match(ln.text)
            if m:
                name = m.group("name").strip()
                dept_votes[name] += 1
                dept_first.setdefault(name, _line_field(ln, m.start("name"), m.end("name"), name, policy.DEPT_ROW))
    if dept_votes:
        name, votes = dept_votes.most_common(1)[0]
        f = dept_first[name]
        if votes >= 2:
            f.confidence = policy.DEPT_LINE_REPEATED
        info.department = f
    text = nar.text
    title_m = TITLE.search(text[:5000]) or TITLE2.search(text[:5000]) or TITLE.search(text)
    if info.department is None:
        m = DEPT_NAMED.search(text)
        if m:
            info.department = span_text_field(nar, m.start("name"), m.end("name"), confidence=policy.DEPT_NAMED)
        elif title_m:
            info.department = span_text_field(nar, title_m.start("name"), title_m.end("name"), confidence=policy.DEPT_IN_TITLE)
        elif TITLE_NO_YEAR.search(text[:5000]):
            m = TITLE_NO_YEAR.search(text[:5000])
            info.department = span_text_field(nar, m.start("name"), m.end("name"), confidence=policy.DEPT_IN_TITLE)
        else:
            for pattern, conf in ((SELF_NAMED, policy.DEPT_SELF_NAMED), (SUBJECT_SENTENCE, policy.DEPT_SUBJECT_SENTENCE)):
                for line_m in re.finditer(r"(?m)^.*$", text[:6000]):
                    m = pattern.match(line_m.group(0))
                    if m:
                        s = line_m.start() + m.start("name")
                        info.department = span_text_field(nar, s, line_m.start() + m.end("name"), confidence=conf)
                        break
                if info.department is not None:
                    break
    # year: a title year wins; else the most cited 20xx年 near report words
    if title_m:
        info.year = span_text_field(nar, title_m.start("year"), title_m.end("year"), value=int(title_m.group("year")),
                                    confidence=policy.YEAR_IN_TITLE)
    else:
        counts: Counter = Counter()
        first: dict[int, tuple[int, int]] = {}
        for m in YEAR.finditer(text):
            y = int(m.group("y"))
            ctx = text[m.end(): m.end() + 12]
            if re.match(r"(?:度)?\s*(?:区级|市级|县级|省级|镇级)?(?:部门|单位)(?:决算|预算)", ctx):
                weight = 20  # the report's own title: 2026年区级部门预算
            elif re.match(r"(?:部门|单位)?(?:决算|预算|收、?支|收入|支出|财政拨款|整体支出|项目支出|度)", ctx):
                weight = 3
            else:
                weight = 1
            counts[y] += weight
            first.setdefault(y, (m.start("y"), m.end("y")))
        if counts:
            y, _ = counts.most_common(1)[0]
            s, e = first[y]
            info.year = span_text_field(nar, s, e, value=y, confidence=policy.YEAR_MOST_CITED)
    # kind
    info.kind = _kind(nar, tables, title_m)
    # title: the first line that names the kind
    for m in re.finditer(r"(?m)^[^\n]{4,60}(?:部门决算|单位决算|部门预算|单位预算|自评报告)\s*$", text[:8000]):
        info.title = span_text_field(nar, m.start(), m.end(), confidence=policy.TITLE)
        break
    if info.title is None and title_m and title_m.start() < 8000:
        # the title run together with other text on its line (2026年X局部门预算 目录 一、…)
        s, e = min(title_m.start("year"), title_m.start("name")), title_m.end("kind")
        info.title = span_text_field(nar, s, e, value=" ".join(text[s:e].split()), confidence=policy.TITLE_IN_LINE)
    return info


def _kind(nar: Narrative, tables: list[Table], title_m) -> Optional[Field]:
    text = nar.text
    templates = {t.template or "" for t in tables}
    counted: dict[str, int] = {}

    def count(k: str) -> int:  # plain words: non-overlapping counts, as findall gave; only those asked
        if k not in counted:
            counted[k] = text.count(k)
        return counted[k]
    has_final_tables = any(t.startswith("final.") for t in templates)
    has_budget_tables = any(t.startswith("budget.") for t in templates)

    def pick(k: str, conf: float) -> Field:
        m = re.search(k, text)
        if m:
            return span_text_field(nar, m.start(), m.end(), value=k, confidence=conf)
        return Field(value=k, raw="", confidence=conf, notes=["inferred from the tables present"])

    if has_final_tables or re.search(r"决算情况说明|部门决算表|决算总表", text):
        k = "单位决算" if count("单位决算") > count("部门决算") else "部门决算"
        return pick(k, policy.KIND_FINAL)
    if has_budget_tables or re.search(r"部门预算表|预算情况说明|收支预算总表", text):
        k = "单位预算" if count("单位预算") > count("部门预算") else "部门预算"
        return pick(k, policy.KIND_BUDGET)
    if title_m and title_m.group("kind") in ("部门预算", "单位预算", "部门决算", "单位决算"):
        # the title names the kind (its tables unread: a converter's mixed text); a budget's 绩效目标
        # words below it make no self-evaluation
        k = title_m.group("kind")
        return span_text_field(nar, title_m.start("kind"), title_m.end("kind"), value=k,
                               confidence=policy.KIND_BUDGET if "预算" in k else policy.KIND_FINAL)
    if "自评" in text or "绩效评价" in text or re.search(r"整体支出绩效|项目支出绩效|绩效情况", text):
        if count("项目支出绩效自评") and not count("整体支出绩效自评"):
            return pick("项目支出绩效自评", policy.KIND_PROJECT_EVAL)
        if re.search(r"整体支出", text):
            m = re.search(r"整体支出", text)
            return span_text_field(nar, m.start(), m.end(), value="整体支出绩效自评", confidence=policy.KIND_WHOLE_EVAL)
        return pick("项目支出绩效自评", policy.KIND_GUESSED)
    if title_m:
        k = title_m.group("kind")
        return span_text_field(nar, title_m.start("kind"), title_m.end("kind"), value=k, confidence=policy.KIND_GUESSED)
    m = _KIND_TITLE_LINE.search(text[:3000])
    if m:  # a title line whose year is masked or missing (****年度单位决算): the kind, for review
        return span_text_field(nar, m.start("kind"), m.end("kind"), value=m.group("kind"),
                               confidence=policy.KIND_GUESSED)
    return None


# the report's kind after a year word, as titles print it, also with the year masked (****年度单位决算)
_KIND_TITLE_LINE = re.compile(r"年度?\s*(?P<kind>部门决算|单位决算|部门预算|单位预算)")
