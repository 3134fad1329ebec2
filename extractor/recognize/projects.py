"""Projects named in the narrative, with their figures, merged across the places that name them.

What it does: reads the phrasings reports use for projects —
  “X”项目全年预算数A万元，执行数B万元，完成预算的C%，…得分D分，评价等级为“E” (部门评价结果);
  年中追加项目“X”，金额A万元，实际支出B万元 / 年初预算项目“X”专项资金，…实际支出B万元;
  项目“X”年初预算金额A万元，…实际支出B万元 (绩效自评, with numbered sub-projects （1）Y 项目支出C万元);
  1、X项目支出A万元，主要用于… (numbered lists);
  X项目支出A万元 (unnumbered) and …，其中：X A万元，Y B万元 (prose lists, under the project the
  sentence opens with, if any);
  a budget's project sheets (X项目经费情况说明 / X经费情况说明 with 项目概述, 实施主体, 实施周期,
  年度预算安排 项目总预算A万，其中Y B万… — the components become projects with this one as parent);
  the head of a 项目支出绩效目标表 form left as text (`项目名称 X` / `主管部门 … 实施单位 Z` / `资金总额 A`,
  the amount followed by the next label, never by more amounts: X with budget A and implementer Z)
— and the heads of 项目支出绩效自评表 read from tables (recognize/indicators.py's ProjectSheet:
主管部门, 实施单位, 年初预算数, 全年预算数, 全年执行数, 执行率, 总分 得分) — and merges mentions of one project (name variants kept as aliases). Disagreeing figures are kept
as the first mention's and reported by validate/ as a failed check.
What it does not: find project names with no fixed shape (the NER layer's job).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

import regex as re

from ..datamodel import Field, Narrative, Project
from ..evidence import policy
from ..evidence.cells import cell_amount_field, cell_text_field
from ..evidence.numbers import NUM
from ..evidence.printed import HEADING
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
# a project sheet of a budget: “X项目经费情况说明 … 六、年度预算安排 795万元”: the project is X项目
# (as the report's own lists name it); the heading's X项目经费 is kept as an alias
PROJECT_SHEET = re.compile(r"(?m)^(?P<name>[^\n，。、：:]{2,40}?项目)(?P<fund>经费|资金)?(?:支出)?(?:情况说明|绩效目标|概况)\s*$")
# the same sheet for a fund not called a project (X经费情况说明): a sheet only with its parts below it
FUND_SHEET = re.compile(r"(?m)^(?P<name>[^\n，。、：:]{2,40}?(?:经费|资金|专项))(?:情况说明|概况)\s*$")
SHEET_BUDGET = re.compile(rf"(?:年度预算安排|预算安排|项目预算|预算金额|资金总额)[^\n\d]{{0,6}}\n?\s*(?P<v>{NUM})\s*万元")
# the parts of a sheet: 一、项目概述 / 三、实施主体 / 五、实施周期 / 六、年度预算安排 / 七、绩效目标
SHEET_PART = re.compile(r"(?m)^[ \t]*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[、.．])?\s*"
                        r"(?P<part>项目概述|项目概况|立项依据|实施主体|实施单位|实施方案|实施周期|实施期限|年度预算安排|"
                        r"预算安排|绩效目标)\s*[：:]?[ \t]*")
# 项目总预算1720.00万，其中A 870万、B 850万 (万 alone is 万元 here)
TOTAL_BUDGET = re.compile(rf"(?:项目总预算|总预算|年度预算|预算安排|预算)?\s*(?:为|是)?\s*(?P<v>{NUM})\s*万元?")
COMPONENT = re.compile(rf"(?P<name>[^，,、；;。：:\n\d]{{2,40}}?)\s*(?:为|安排)?\s*(?P<v>{NUM})\s*万元?")
# prose lists: “…，其中：A 30万元，B 20万元。” and an unnumbered “X项目支出N万元”
PROSE_LIST = re.compile(r"(?:其中|主要包括)\s*[：:]")
PROSE_ITEM = re.compile(rf"(?<![^，,、；;：:\s])(?P<name>[^，,、；;。：:\n\d（()）][^，,；;。：:\n\d（()）]{{1,39}}?(?:[（(][^）)\n]{{1,20}}[）)])?)\s*(?:项目支出|支出|为)?\s*(?P<v>{NUM})\s*万元"
                        r"(?=\s*(?:[，,、；;。]|$))")
PROSE_HEAD = re.compile(rf"(?<![^，,、；;：:\s])(?P<name>[^，,、；;。：:\n]{{2,40}}?)(?:预算|支出|安排|资金)?(?:为)?\s*(?P<v>{NUM})\s*万元[，,]?\s*$")
PROJECT_SPENDING = re.compile(rf"(?:^|(?<=[，,。；;：:、\n]))[ \t]*(?P<name>[^，,。；;：:、\n\d（()）]{{2,40}}?)项目支出\s*(?:为)?\s*(?P<v>{NUM})\s*万元")
NUMBERED = re.compile(
    rf"(?:^|(?<=[；;。\n：:]))[ \t]*(?P<mark>\d{{1,2}}\s*[、.．]|[（(]\d{{1,2}}[)）])\s*(?:另外)?"
    rf"(?P<name>[^，,。；;：:\n（(]{{2,60}}?(?:[（(][^）)\n]{{1,20}}[）)][^，,。；;：:\n（(]{{0,30}}?)?)\s*"
    rf"(?:项目支出|项目|支出)?\s*(?P<actual>{NUM})\s*万元"
)


# a list of the projects a 项目支出 total breaks into: 项目支出1,313.80万元，具体包括：1.统计管理352.27万元 …
PROJECT_LIST_INTRO = re.compile(rf"项目支出\s*(?:预算)?\s*(?:为|是)?\s*{NUM}\s*万元[，,]?\s*(?:具体|主要)?(?:包括|如下|构成如下|情况如下)\s*[：:]")
# a heading of the next section ends such a list: （六） 二、 第三部分
_SECTION_HEAD = re.compile(r"(?m)^[ \t]*(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十]+[部章节])")

_KEY_DROP = re.compile(r"[\s“”\"「」]")

# the head of a 绩效目标表 form as text (its lines may be joined in the narrative): 项目名称 X up to the
# next label, then 资金总额 A with a label after it (a 自评表's 年度资金总额 line prints several amounts).
# A name runs into no `code_单位` cell: a converter printing the form's cells column by column puts
# the 主管部门's `231_某某局` right after the name, and such a head is not read.
# A form label is never the name: a converter printing the labels' column first puts 主管部门 (or
# 主管部门 X run together) right after 项目名称, and such a head is not read.
_FORM_LABEL_WORDS = r"(?:主管部门|实施单位|项目资金|资金总额|专项资金|预算金额|年度预算|年度资金|年度目标|项目属性|项目类型|项目期限)"
_FORM_LABELS = rf"(?:{_FORM_LABEL_WORDS}|$)"
FORM_NAME = re.compile(rf"项目名称[ \t:：]*\n?[ \t]*(?!{_FORM_LABEL_WORDS})(?P<name>[^\s\d：:，。_][^：:，。\n_]{{1,59}}?)[ \t]*\n?(?={_FORM_LABELS})", re.M)
FORM_MONEY = re.compile(rf"(?<!年度)(?:项目)?资金总额[ \t:：]*(?:[（(]万元[)）])?[ \t:：]*\n?[ \t]*(?P<v>{NUM})[ \t]*(?:万元)?[ \t]*\n?"
                        r"(?=财政拨款|其中|其他资金|项目资金|年度目标|总体目标|$)", re.M)
FORM_IMPLEMENTER = re.compile(r"实施单位[ \t:：]*\n?[ \t]*(?P<who>[^\s\d：:，。_][^：:，。\n\d_]{1,39}?)[ \t]*\n?"
                              r"(?=专项资金|项目资金|资金总额|预算金额|年度预算|年度资金|年度目标|$)", re.M)
_HAN_GAP = re.compile(r"(?<=\p{Han})\s+(?=\p{Han})")  # a converter's space inside a name printed whole
_FORM_REACH = 400  # characters after the 项目名称 line where its 资金总额 may stand


def _key(name: str) -> str:
    return _KEY_DROP.sub("", name)


class _Book:
    """Projects by key; merging mentions of the same project."""

    def __init__(self) -> None:
        self.projects: list[Project] = []
        self.conflicts: list[tuple[Project, str, Field, Field]] = []
        self._known: dict[int, tuple[int, list[str]]] = {}  # id(project) -> (aliases seen, keys)

    def _keys(self, p: Project) -> list[str]:
        """The keys of a project's name and aliases (kept while its aliases do not change)."""
        got = self._known.get(id(p))
        if got is None or got[0] != len(p.aliases):
            got = (len(p.aliases), [_key(str(p.name.value))] + [_key(a) for a in p.aliases])
            self._known[id(p)] = got
        return got[1]

    def find(self, name: str, parent: Optional[str]) -> Optional[Project]:
        k = _key(name)
        for p in self.projects:
            if p.parent != parent:
                continue
            for pk in self._keys(p):
                if pk == k:
                    return p
                short, long_ = sorted((pk, k), key=len)
                if len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 2:
                    return p
        return None

    def add(self, name: Field, parent: Optional[str] = None, distinct: bool = False,
            **figures: Optional[Field]) -> Project:
        """`distinct`: a mention whose figures differ from the project of that name found so far is
        another project (an item of another list: each unit of a 部门预算 breaks its own 项目支出 into
        projects, often of the same names), not a conflicting mention of that one."""
        p = self.find(str(name.value), parent)
        if p is not None and distinct and any(
                f is not None and getattr(p, key) is not None and _differ(getattr(p, key), f)
                for key, f in figures.items()):
            p = None
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
            elif dec(cur) is not None and dec(f) is not None and not _same_amount(dec(cur), dec(f)):
                self.conflicts.append((p, key, cur, f))
            elif dec(cur) is None and cur.value != f.value:
                self.conflicts.append((p, key, cur, f))
        return p


def _differ(a: Field, b: Field) -> bool:
    """Two printings of a project's figure that cannot be one: amounts that differ, or texts (who
    carries it out) that differ."""
    if dec(a) is not None or dec(b) is not None:
        return dec(a) != dec(b)
    return "".join(str(a.value).split()) != "".join(str(b.value).split())


def _same_amount(a, b) -> bool:
    """Two printings of one amount: equal, or the longer one rounded or cut to the shorter one's
    places (56.817 and 56.81, 0.8709 and 0.87): they differ by less than a unit in its last place."""
    if a == b:
        return True
    places = min(-a.as_tuple().exponent, -b.as_tuple().exponent)
    return abs(a - b) < Decimal(1).scaleb(-max(places, 0))


def find_projects(nar: Narrative, from_tables: Optional[list] = None, grids: Optional[list] = None,
                  year: Optional[int] = None, budget_report: bool = False, sheets: Optional[list] = None,
                  ) -> tuple[list[Project], list[tuple[Project, str, Field, Field]]]:
    """`from_tables`: (name, budget) pairs read from 绩效目标表 grids, merged like any mention.
    `sheets`: heads of 项目支出绩效自评表 (indicators.ProjectSheet) whose names are among
    `from_tables`: there each becomes a project with all its figures.
    `grids` and `year`: rows of a 基础数据表 (上年决算数 | 本年预算数 | 本年决算数) add the budget and
    actual of projects already named elsewhere. `budget_report`: the amounts of prose lists are
    budgets (预算), else spending (决算, 自评)."""
    text = nar.text
    book = _Book()
    sheet_of = {id(s.name): s for s in sheets or []}
    for name, budget in from_tables or []:
        sheet = sheet_of.get(id(name))
        # each sheet is one project: another unit's sheet of the same name (its own implementer or
        # budget) is another project, not a disagreeing mention of this one
        book.add(name, distinct=sheet is not None, **(_sheet_figures(sheet) if sheet is not None else {"budget": budget}))

    def amt(m, g):
        return span_amount_field(nar, m.start(g), m.end(g)) if m.group(g) is not None else None

    evaluated = list(EVALUATED.finditer(text))  # each pattern runs once: its matches are also `taken` below
    added = list(ADDED.finditer(text))
    toplevel = list(TOPLEVEL.finditer(text))
    numbered = list(NUMBERED.finditer(text))
    for m in evaluated:
        grade = None
        if m.group("grade"):
            grade = span_text_field(nar, m.start("grade"), m.end("grade"))
        book.add(span_text_field(nar, m.start("name"), m.end("name")), budget=amt(m, "budget"),
                 actual=amt(m, "actual"), completion_rate=amt(m, "rate"), score=amt(m, "score"), grade=grade)
    for m in added:
        printed = m.group("qname")
        value = re.sub(r"[“”\"]", "", printed).strip()
        name = span_text_field(nar, m.start("qname"), m.end("qname"), value=value)
        book.add(name, budget=amt(m, "budget"), actual=amt(m, "actual"))
    _sheets(nar, book)
    _form_heads(nar, book)
    tops = []
    for m in toplevel:
        p = book.add(span_text_field(nar, m.start("name"), m.end("name")), budget=amt(m, "budget"),
                     actual=amt(m, "actual"))
        tops.append((m.start(), p))
    taken = [(m.start(), m.end()) for m in toplevel + added + evaluated]
    listed = _listed_projects(text, numbered)
    for m in numbered:
        if any(s <= m.start("name") < e for s, e in taken):
            continue
        name_text = m.group("name").strip()
        strong = m.start() in listed or bool(re.search(r"项目支出\s*$", text[m.start("name"):m.start("actual")]))
        if _not_a_project(name_text, strong):
            continue
        parent = None
        if m.group("mark").startswith(("（", "(")):
            before = [p for pos, p in tops if pos < m.start()]
            if before:
                parent = str(before[-1].name.value)
        start = m.start("name")
        stripped = re.sub(r"项目支出$", "", name_text)
        if m.start() in listed and len(stripped) > 4:
            stripped = re.sub(r"预算数?$", "", stripped)  # 1.生态环境监测预算6,965.81万元: the project's budget
        tail = text[m.end("name"):m.start("actual")]
        if tail.startswith("项目支出") and not _PROJECT_TAIL.search(stripped) and "项目" not in stripped:
            # “X建设项目支出”: 项目 ends the name unless the name already ends like one (经费, 专项…)
            stripped += "项目"
        book.add(span_text_field(nar, start, start + len(m.group("name").rstrip()), value=stripped),
                 parent=parent, distinct=m.start() in listed,
                 **{"budget" if budget_report else "actual": amt(m, "actual")})
    _prose(nar, book, taken + [(m.start(), m.end()) for m in numbered], budget_report)
    if grids and year:
        for name, budget, actual in _basic_data_rows(grids, year):
            p = book.find(str(name.value), None)
            if p is not None:
                book.add(name, budget=budget, actual=actual)
    return book.projects, book.conflicts


def _listed_projects(text: str, numbered: list) -> set[int]:
    """Starts of the numbered items of a list a 项目支出 total announces (项目支出N万元，具体包括：
    1.A …；2.B …): the projects that spending breaks into, whatever their names look like. The list
    opens right after the announcement and runs over items numbered 1, 2, 3 … in turn (a list
    restarting at 1 inside an item gives that item's parts, passed over); a number out of turn or
    the next section's heading (（六） 二、 第三部分) ends it."""
    out: set[int] = set()
    for intro in PROJECT_LIST_INTRO.finditer(text):
        expected, last = 1, intro.end()
        for m in numbered:
            if m.start() < intro.end():
                continue
            if expected == 1 and text[intro.end():m.start()].strip():
                break  # the list must open right after its announcement
            if _SECTION_HEAD.search(text, last, m.start()):
                break
            n = int("".join(ch for ch in m.group("mark") if ch.isdigit()))
            if n == expected:
                out.add(m.start())
                expected, last = expected + 1, m.end()
            elif n > expected:
                break
    return out


_SHEET_FUNDS = (("budget", "年初预算数"), ("full_year_budget", "全年预算数"), ("actual", "全年执行数"),
                ("completion_rate", "执行率"))


def _sheet_figures(sheet) -> dict[str, Optional[Field]]:
    """A 自评表 head as Project figures; its score is the 总分 得分 (the funds line's 得分 scores
    budget execution only, out of its 分值)."""
    figures = {key: sheet.funds.get(label) for key, label in _SHEET_FUNDS}
    figures.update(supervisor=sheet.supervisor, implementer=sheet.implementer, score=sheet.score, goal=sheet.goal)
    return figures


def _prose(nar: Narrative, book: "_Book", taken: list[tuple[int, int]], budget_report: bool) -> None:
    """Projects listed in prose: the parts after 其中： (with the project before 其中 as their
    parent when the sentence opens with one), and unnumbered “X项目支出N万元”. A name must read
    like a project (_not_a_project): 基本支出, 人员经费, 货物类项目 and the like are none."""
    text = nar.text
    key = "budget" if budget_report else "actual"

    def free(a: int) -> bool:
        return not any(s <= a < e for s, e in taken)

    done = -1  # the end of the last sentence read: one list per sentence, its first 其中：
    for lm in PROSE_LIST.finditer(text):  # cheap first: only the sentences with a list in them
        if lm.start() < done:
            continue
        sent_start = max(text.rfind("。", 0, lm.start()), text.rfind("\n", 0, lm.start())) + 1
        after = lm.end()
        while after < len(text) and text[after] in " \t\n":
            after += 1  # a list whose items the page's width put on the next line (主要包括：⏎ A 7.50万元)
        ends = [x for x in (text.find("。", after), text.find("\n", after)) if x >= 0]
        stop = done = min(ends) if ends else len(text)
        found = list(PROSE_ITEM.finditer(text, lm.end(), stop))
        if found and found[0].start() - lm.end() > _LIST_GAP and not _AMOUNT_WAN.search(
                text, lm.end(), min(found[0].start(), lm.end() + _FIRST_ITEM)):
            continue  # the first item read stands away from 其中： and no item's amount comes first:
            # the list is of something else (其中：财政拨款 0.00 … 总体目标 …，安排X经费170万元)
        items = [c for c in found if free(c.start("name")) and not _not_a_project(c.group("name").strip(), False)]
        if not items:
            continue
        parent = None
        head = PROSE_HEAD.search(text, sent_start, lm.start())
        if head and free(head.start("name")) and not _not_a_project(head.group("name").strip(), False):
            p = book.add(span_text_field(nar, head.start("name"), head.start("name") + len(head.group("name").rstrip())),
                         **{key: span_amount_field(nar, head.start("v"), head.end("v"))})
            parent = str(p.name.value)
        for c in items:
            name = c.group("name").strip()
            start = c.start("name") + (len(c.group("name")) - len(c.group("name").lstrip()))
            book.add(span_text_field(nar, start, start + len(name), value=name), parent=parent,
                     **{key: span_amount_field(nar, c.start("v"), c.end("v"))})
            taken.append((c.start(), c.end()))
    for m in PROJECT_SPENDING.finditer(text):
        lead = _LEAD.match(m.group("name"))
        name = m.group("name")[lead.end():].strip()
        if not free(m.start("name")) or _not_a_project(name, True) or _YEAR_ONLY.match(name):
            continue
        start = m.start("name") + lead.end() + (len(m.group("name")[lead.end():]) - len(m.group("name")[lead.end():].lstrip()))
        value = name if _PROJECT_TAIL.search(name) or "项目" in name else name + "项目"
        book.add(span_text_field(nar, start, start + len(name), value=value),
                 **{key: span_amount_field(nar, m.start("v"), m.end("v"))})


_LEAD = re.compile(r"\s*(?:其中|包括|含)?\s*")
_AMOUNT_WAN = re.compile(r"\d\s*万元")
_FIRST_ITEM = 60  # characters a list's first item (read or not: `12345…项目支出6.98万元`) ends within
_LIST_GAP = 3  # characters between 其中： and the list's first item (spaces), unless an amount stands there
_YEAR_ONLY = re.compile(r"^\s*(?:20\d\d\s*年度?)?\s*(?:的|全年|本年|当年|年度)?\s*$")


def _sheets(nar: Narrative, book: "_Book") -> None:
    """Project sheets of a budget: the name from the heading, and from the parts under it the
    description (项目概述), implementer (实施主体), period (实施周期), budget (年度预算安排) and the
    components of the budget (其中A 870万、B 850万: projects with this one as parent)."""
    text = nar.text
    heads = sorted([(m, True) for m in PROJECT_SHEET.finditer(text)]
                   + [(m, False) for m in FUND_SHEET.finditer(text)], key=lambda x: x[0].start())
    heads = [h for k, h in enumerate(heads) if k == 0 or h[0].start() != heads[k - 1][0].start()]
    for k, (m, named_project) in enumerate(heads):
        end = heads[k + 1][0].start() if k + 1 < len(heads) else min(len(text), m.end() + 6000)
        parts = _sheet_parts(text, m.end(), end)
        if not named_project and not ({"实施主体", "实施单位", "实施周期", "实施期限", "项目概述", "项目概况"} & set(parts)):
            continue  # 机关运行经费情况说明 and the like: no project sheet
        name = span_text_field(nar, m.start("name"), m.end("name"))
        figures: dict[str, Optional[Field]] = {}
        budget_part = parts.get("年度预算安排") or parts.get("预算安排")
        components: list[tuple[Field, Optional[Field]]] = []
        if budget_part:
            figures["budget"], components = _sheet_budget(nar, *budget_part)
        else:
            b = SHEET_BUDGET.search(text, m.end(), end)
            figures["budget"] = span_amount_field(nar, b.start("v"), b.end("v")) if b else None
        for key, names in (("description", ("项目概述", "项目概况")), ("implementer", ("实施主体", "实施单位")),
                           ("period", ("实施周期", "实施期限")), ("goal", ("绩效目标",))):
            span = next((parts[n] for n in names if n in parts), None)
            if span and text[span[0]:span[1]].strip():
                figures[key] = span_text_field(nar, *span)
        p = book.add(name, **figures)
        if m.groupdict().get("fund"):
            printed = text[m.start("name"):m.end("fund")]
            if printed != p.name.value and printed not in p.aliases:
                p.aliases.append(printed)
        for comp_name, comp_budget in components:
            book.add(comp_name, parent=str(p.name.value), budget=comp_budget)


def _form_heads(nar: Narrative, book: "_Book") -> None:
    """Heads of 项目支出绩效目标表 forms printed as text: the project's name, its 资金总额 (budget) and
    实施单位 (implementer), before the next form's 项目名称."""
    text = nar.text
    heads = list(FORM_NAME.finditer(text))
    for k, m in enumerate(heads):
        end = min(m.end() + _FORM_REACH, heads[k + 1].start() if k + 1 < len(heads) else len(text))
        money = FORM_MONEY.search(text, m.end(), end)
        if money is None:
            continue
        who = FORM_IMPLEMENTER.search(text, m.end(), money.start())
        # a gap inside the name or the implementer, or two printed lines joined in it: a converter's
        # space or a wrapped name, or a neighbouring cell's words run into it (a cell centred over two
        # lines) — which, the text does not say
        gap = bool(_HAN_GAP.search(m.group("name")) or nar.joined_between(m.start("name"), m.end("name")) or (
            who is not None and (_HAN_GAP.search(who.group("who")) or nar.joined_between(who.start("who"), who.end("who")))))
        conf = policy.FORM_HEAD_GAP if gap else policy.PATTERN
        why = ["the form's name or implementer has a gap or spans lines: a neighbouring cell's words may be in it"] if gap else []
        budget = span_amount_field(nar, money.start("v"), money.end("v"), confidence=conf)
        if budget is not None:
            budget.notes.extend(why)
        figures: dict[str, Optional[Field]] = {"budget": budget}
        if who is not None:
            figures["implementer"] = span_text_field(nar, who.start("who"), who.end("who"), confidence=conf, notes=why,
                                                     value=_HAN_GAP.sub("", text[who.start("who"):who.end("who")]))
        book.add(span_text_field(nar, m.start("name"), m.end("name"), confidence=conf, notes=why,
                                 value=_HAN_GAP.sub("", text[m.start("name"):m.end("name")])), distinct=True,
                 **figures)  # one form, one project: another unit's form of the same name is another


def _sheet_parts(text: str, start: int, end: int) -> dict[str, tuple[int, int]]:
    """The parts of a sheet between start and end: part name -> (start, end) of its text."""
    found = [m for m in SHEET_PART.finditer(text, start, end)
             if m.start() == start or text[m.start() - 1] == "\n"]
    out: dict[str, tuple[int, int]] = {}
    for k, m in enumerate(found):
        stop = found[k + 1].start() if k + 1 < len(found) else end
        if m.group("part") not in _LONG_PARTS:
            # a one-line part (实施主体, 实施周期, 年度预算安排): its line, or the line after its heading
            first = m.end()
            while first < stop and text[first] in " \t\n":
                first += 1
            nl = text.find("\n", first, stop)
            stop = nl if nl != -1 else stop
        else:
            # a part of several paragraphs ends at the next heading that is no part of the sheet
            for h in _LINE_START.finditer(text, m.end(), stop):
                if h.start() > m.end() and HEADING.match(text, h.start(), stop) and not _SUB_ITEM.match(text, h.start(), stop):
                    stop = h.start()
                    break
        s, e = m.end(), stop
        while s < e and text[s] in " \t\n":
            s += 1
        while e > s and text[e - 1] in " \t\n":
            e -= 1
        out.setdefault(m.group("part"), (s, e))
    return out


_LINE_START = re.compile(r"(?m)^")
_LONG_PARTS = {"项目概述", "项目概况", "立项依据", "实施方案", "绩效目标"}
_SUB_ITEM = re.compile(r"[ \t]*(?:\d{1,2}\s*[、.．]|[（(]\d{1,2}[)）])")  # 1. （1） inside a part: still the part


def _sheet_budget(nar: Narrative, start: int, end: int) -> tuple[Optional[Field], list[tuple[Field, Optional[Field]]]]:
    """年度预算安排: `795万元`, or `项目总预算1720.00万，其中A 870万、B 850万` -> the total and the components."""
    text = nar.text
    total = TOTAL_BUDGET.match(text, start, end) or TOTAL_BUDGET.search(text, start, end)
    budget = span_amount_field(nar, total.start("v"), total.end("v")) if total else None
    if budget is not None and not text[total.start("v"):total.end()].endswith("万元"):
        budget.notes.append("printed 万 without 元: read as 万元")
    components: list[tuple[Field, Optional[Field]]] = []
    of = text.find("其中", start, end)
    if total is not None and of != -1:
        pos = of + 2
        if pos < end and text[pos] in "：:":
            pos += 1
        for c in COMPONENT.finditer(text, pos, end):
            name = c.group("name").strip(" ，,、；;")
            if len(name) < 2 or _NOT_PROJECT.search(name):
                continue
            amount = span_amount_field(nar, c.start("v"), c.end("v"))
            if amount is not None and not c.group(0).endswith("万元"):
                amount.notes.append("printed 万 without 元: read as 万元")
            components.append((span_text_field(nar, c.start("name"), c.start("name") + len(c.group("name").rstrip()),
                                               value=name), amount))
    return budget, components


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
    r"|^对(?:附属|下级)单位补助|^上缴上级|^(?:事业单位)?经营支出|^(?:公务用车)?(?:购置|运行)(?:费|及运行|维护)|"
    r"^(?:货物|工程|服务)类(?:项目)?$|^(?:拟|政府)?采购(?:货物|工程|服务)|^(?:在职|离退休|退休)?人员经费$|^(?:日常)?公用经费$|^(?:机关)?运行经费$"
    r"|^(?:上级|中央|省级|市级|区级|县级|本级)?(?:转移支付|专项转移支付)项目$|^(?:主要|包括|用于|以及)"
)
_PROJECT_TAIL = re.compile(r"(?:经费|项目|专项|资金|费|补贴|补助|奖励|奖金|奖励金|质保金|保证金|保险|工程|服务)$")


def _not_a_project(name: str, strong: bool) -> bool:
    """`strong`: the amount was introduced by 项目支出, so any name shape is accepted."""
    if len(name) < 3 or _NOT_PROJECT.search(name):
        return True
    return not strong and not _PROJECT_TAIL.search(name)
