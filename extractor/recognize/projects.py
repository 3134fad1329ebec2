"""Projects named in the narrative, with their figures, merged across the places that name them.

What it does: reads the phrasings reports use for projects —
  “X”项目全年预算数A万元，执行数B万元，完成预算的C%，…得分D分，评价等级为“E” (部门评价结果);
  年中追加项目“X”，金额A万元，实际支出B万元 / 年初预算项目“X”专项资金，…实际支出B万元;
  项目“X”年初预算金额A万元，…实际支出B万元 (绩效自评, with numbered sub-projects （1）Y 项目支出C万元);
  1、X项目支出A万元，主要用于… (numbered lists)
— and merges mentions of one project (name variants kept as aliases). Disagreeing figures are kept
as the first mention's and reported by validate/ as a failed check.
What it does not: find project names with no fixed shape (the NER layer's job).
"""
from __future__ import annotations

from typing import Optional

import regex as re

from ..datamodel import Field, Narrative, Project
from ..evidence.cells import cell_amount_field, cell_text_field
from ..evidence.numbers import NUM
from ..evidence.spans import dec, span_amount_field, span_text_field

_Q = r"[“\"]"
_QC = r"[”\"]"

EVALUATED = re.compile(
    rf"{_Q}(?P<name>[^”\"\n]{{2,80}}){_QC}项目(?:全年)?预算(?:数)?(?:为)?\s*(?P<budget>{NUM})\s*万元[，,]\s*"
    rf"(?:执行数|实际支出|支出)(?:为)?\s*(?P<actual>{NUM})\s*万元"
    rf"(?:[，,]\s*(?:完成预算的|预算执行率(?:为)?)\s*(?P<rate>{NUM})\s*%)?"
    rf"(?:[^“。]{{0,40}}?得分\s*(?P<score>{NUM})\s*分)?"
    rf"(?:[，,]\s*(?:评价)?等级为\s*{_Q}(?P<grade>[^”\"]{{1,6}}){_QC})?"
)
ADDED = re.compile(
    rf"(?P<kind>年中追加|年初预算|年中新增|追加)项目\s*(?P<qname>{_Q}[^”\"\n]{{2,80}}{_QC}[^，,。“\n]{{0,40}}?)"
    rf"(?:专项资金)?[，,]\s*(?:(?:金额|预算)(?:为)?\s*(?P<budget>{NUM})\s*万元[，,]\s*)?"
    rf"(?:年中(?:执行)?调(?:减|增)\s*{NUM}\s*万元[，,]\s*)?"
    rf"实际支出\s*(?P<actual>{NUM})\s*万元"
)
TOPLEVEL = re.compile(
    rf"项目\s*{_Q}(?P<name>[^”\"\n]{{2,80}}){_QC}\s*年初预算(?:金额|数)?(?:为)?\s*(?P<budget>{NUM})\s*万元"
    rf"[^。\n]*?实际支出\s*(?P<actual>{NUM})\s*万元"
)
# a project sheet of a budget: “X项目经费情况说明 … 六、年度预算安排 795万元”
PROJECT_SHEET = re.compile(r"(?m)^(?P<name>[^\n，。、：:]{2,40}?项目)(?:经费|资金|支出)?(?:情况说明|绩效目标|概况)\s*$")
SHEET_BUDGET = re.compile(rf"(?:年度预算安排|预算安排|项目预算|预算金额|资金总额)[^\n\d]{{0,6}}\n?\s*(?P<v>{NUM})\s*万元")
NUMBERED = re.compile(
    rf"(?:^|(?<=[；;。\n：:]))[ \t]*(?P<mark>\d{{1,2}}\s*[、.．]|[（(]\d{{1,2}}[)）])\s*(?:另外)?"
    rf"(?P<name>[^，,。；;：:\n（(]{{2,60}}?(?:[（(][^）)\n]{{1,20}}[）)][^，,。；;：:\n（(]{{0,30}}?)?)\s*"
    rf"(?:项目支出|项目|支出)?\s*(?P<actual>{NUM})\s*万元"
)


def _key(name: str) -> str:
    return re.sub(r"[\s“”\"「」]", "", name)


class _Book:
    """Projects by key; merging mentions of the same project."""

    def __init__(self) -> None:
        self.projects: list[Project] = []
        self.conflicts: list[tuple[Project, str, Field, Field]] = []

    def find(self, name: str, parent: Optional[str]) -> Optional[Project]:
        k = _key(name)
        for p in self.projects:
            if p.parent != parent:
                continue
            keys = [_key(str(p.name.value))] + [_key(a) for a in p.aliases]
            for pk in keys:
                if pk == k:
                    return p
                short, long_ = sorted((pk, k), key=len)
                if len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 2:
                    return p
        return None

    def add(self, name: Field, parent: Optional[str] = None, **figures: Optional[Field]) -> Project:
        p = self.find(str(name.value), parent)
        if p is None:
            p = Project(name=name, parent=parent)
            self.projects.append(p)
        else:
            printed = str(name.value)
            if _key(printed) != _key(str(p.name.value)) and printed not in p.aliases:
                p.aliases.append(printed)
        if name.raw and _key(name.raw) != _key(str(name.value)) and name.raw.strip() not in p.aliases:
            p.aliases.append(name.raw.strip())
        p.mentions.append(name.source)
        for key, f in figures.items():
            if f is None:
                continue
            cur = getattr(p, key)
            if cur is None:
                setattr(p, key, f)
            elif dec(cur) is not None and dec(f) is not None and dec(cur) != dec(f):
                self.conflicts.append((p, key, cur, f))
            elif dec(cur) is None and cur.value != f.value:
                self.conflicts.append((p, key, cur, f))
        return p


def find_projects(nar: Narrative, from_tables: Optional[list] = None, grids: Optional[list] = None,
                  year: Optional[int] = None) -> tuple[list[Project], list[tuple[Project, str, Field, Field]]]:
    """`from_tables`: (name, budget) pairs read from 绩效目标表 grids, merged like any mention.
    `grids` and `year`: rows of a 基础数据表 (上年决算数 | 本年预算数 | 本年决算数) add the budget and
    actual of projects already named elsewhere."""
    text = nar.text
    book = _Book()
    for name, budget in from_tables or []:
        book.add(name, budget=budget)

    def amt(m, g):
        return span_amount_field(nar, m.start(g), m.end(g)) if m.group(g) is not None else None

    for m in EVALUATED.finditer(text):
        grade = None
        if m.group("grade"):
            grade = span_text_field(nar, m.start("grade"), m.end("grade"))
        book.add(span_text_field(nar, m.start("name"), m.end("name")), budget=amt(m, "budget"),
                 actual=amt(m, "actual"), completion_rate=amt(m, "rate"), score=amt(m, "score"), grade=grade)
    for m in ADDED.finditer(text):
        printed = m.group("qname")
        value = re.sub(r"[“”\"]", "", printed).strip()
        name = span_text_field(nar, m.start("qname"), m.end("qname"), value=value)
        book.add(name, budget=amt(m, "budget"), actual=amt(m, "actual"))
    sheets = list(PROJECT_SHEET.finditer(text))
    for k, m in enumerate(sheets):
        end = sheets[k + 1].start() if k + 1 < len(sheets) else min(len(text), m.end() + 6000)
        b = SHEET_BUDGET.search(text, m.end(), end)
        book.add(span_text_field(nar, m.start("name"), m.end("name")),
                 budget=span_amount_field(nar, b.start("v"), b.end("v")) if b else None)
    tops = []
    for m in TOPLEVEL.finditer(text):
        p = book.add(span_text_field(nar, m.start("name"), m.end("name")), budget=amt(m, "budget"),
                     actual=amt(m, "actual"))
        tops.append((m.start(), p))
    taken = [(m.start(), m.end()) for m in list(TOPLEVEL.finditer(text)) + list(ADDED.finditer(text))
             + list(EVALUATED.finditer(text))]
    for m in NUMBERED.finditer(text):
        if any(s <= m.start("name") < e for s, e in taken):
            continue
        name_text = m.group("name").strip()
        strong = bool(re.search(r"项目支出\s*$", text[m.start("name"):m.start("actual")]))
        if _not_a_project(name_text, strong):
            continue
        parent = None
        if m.group("mark").startswith(("（", "(")):
            before = [p for pos, p in tops if pos < m.start()]
            if before:
                parent = str(before[-1].name.value)
        start = m.start("name")
        stripped = re.sub(r"项目支出$", "", name_text)
        tail = text[m.end("name"):m.start("actual")]
        if tail.startswith("项目支出") and not _PROJECT_TAIL.search(stripped) and "项目" not in stripped:
            # “X建设项目支出”: 项目 ends the name unless the name already ends like one (经费, 专项…)
            stripped += "项目"
        book.add(span_text_field(nar, start, start + len(m.group("name").rstrip()), value=stripped),
                 parent=parent, actual=amt(m, "actual"))
    if grids and year:
        for name, budget, actual in _basic_data_rows(grids, year):
            p = book.find(str(name.value), None)
            if p is not None:
                book.add(name, budget=budget, actual=actual)
    return book.projects, book.conflicts


_ORDINAL = re.compile(r"^\s*(?:\d{1,2}\s*[、.．]|[（(]\d{1,2}[)）])\s*")


def _basic_data_rows(grids: list, year: int):
    """(name, budget, actual) of the rows under a header that names {year}年预算数 and {year}年决算数."""

    for g in grids:
        cols = None
        for row in g.rows:
            keys = ["".join(c.text.split()) for c in row]
            b = next((i for i, k in enumerate(keys) if k == f"{year}年预算数"), None)
            a = next((i for i, k in enumerate(keys) if k == f"{year}年决算数"), None)
            if b is not None and a is not None:
                cols = (b, a, len(row))
                continue
            if cols is None or len(row) != cols[2] or not keys[0]:
                continue
            name_cell = row[0]
            name = cell_text_field(name_cell)
            name.value = _ORDINAL.sub("", str(name.value)).strip()
            yield name, cell_amount_field(row[cols[0]]), cell_amount_field(row[cols[1]])


_NOT_PROJECT = re.compile(
    r"^(?:20\d\d\s*年度?(?:单位|部门|一般|项目|预算|决算|收入|支出)|本年|全年|年初|其中|合计|总计|基本支出|人员经费|"
    r"公用经费|一般公共|政府性基金|国有资本|财政拨款|收入|支出|本部门|本单位|我单位|我部门|上级|事业收入|其他收入|预算|决算|"
    r"因公出国|公务接待|公务用车|[“\"]?三公)|(?:支出合计|收入合计|为|是)$|预算数|决算数|预算为|决算为"
)
_PROJECT_TAIL = re.compile(r"(?:经费|项目|专项|资金|费|补贴|补助|奖励|奖金|奖励金|质保金|保证金|保险|工程|服务)$")


def _not_a_project(name: str, strong: bool) -> bool:
    """`strong`: the amount was introduced by 项目支出, so any name shape is accepted."""
    if len(name) < 3 or _NOT_PROJECT.search(name):
        return True
    return not strong and not _PROJECT_TAIL.search(name)
