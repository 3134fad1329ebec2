"""Rule and NER findings merged: named mentions, and the confidence of projects, department and
explanation subjects.

What it does: runs the NER pipeline (ner.py) over each narrative paragraph and compares, span by
span, what the statistical model finds with what the rules find (the pattern layer's projects and
department, the catalogue ruler's subjects, the regex shapes):
- the same span with the same label (also once `trimmed` has repaired the NER's edge): agreement —
  the mention is `both`, and the project name, department or explanation subject it supports gains
  confidence (at least policy.NER_AGREED);
- an overlapping reading that reads like a name (`readings`) with other boundaries or another
  label: disagreement — the rules' span is kept, and the field it supports drops under the review
  threshold with a note saying how the NER read it; a reading that reads like no name (across a
  、, an ORG ending in 经费, a shape) is no opinion;
- a PROJECT only the NER finds (an unquoted name no pattern knows) with an amount printed right
  after it becomes a project at policy.NER_ONLY, so it goes to review; without an amount it stays a
  mention (a name in passing, 人民调解经费保障体系, is no project); NER-only mentions are listed so too.
NER silence about a rule finding changes nothing.
What it does not: train or load the model (ner.py, scripts/train_ner.py); decide anything a check
must settle (validate/). The confidence numbers are evidence/policy.py's.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex as re

from ..datamodel import Entity, Field, Narrative, Project, Report, make_field, make_source
from ..evidence import policy
from ..evidence.numbers import LOOSE_NUM, parse_amount
from .meta import ORG_TAIL

AGREED = policy.NER_AGREED
NER_ONLY = policy.NER_ONLY
DISAGREED = policy.NER_DISAGREED
RULES = policy.RULES
_AMOUNT_AFTER = re.compile(r"^(?:项目支出|项目资金|支出|资金|金额|共计|为|：|:|，|\s){0,3}"
                           rf"(?P<v>-?{LOOSE_NUM})\s?(?P<u>万元|元)")


def _norm(s: str) -> str:
    """A name as printed, without spaces and without quotation marks around the whole of it; a
    quoted word inside stays (“放管服”改革保障经费 keeps its quotes, “网格员社保补贴” loses them)."""
    s = "".join(str(s).split())
    while len(s) > 2 and s[0] + s[-1] in ("“”", '""', "''", "《》"):
        s = s[1:-1]
    if s.count("“") != s.count("”"):
        s = s.strip("“”")  # a stray quotation mark at an end
    return s


def _bare(s: str) -> str:
    """A name without spaces or quotation marks (“湘易办”超级服务端… and 湘易办超级服务端… are one)."""
    return re.sub(r"[\s“”\"'《》「」]", "", str(s))


def _paragraphs(nar: Narrative):
    pos = 0
    for para in nar.text.split("\n"):
        if para.strip():
            yield pos, para
        pos += len(para) + 1


def _occurrences(text: str, names: dict[str, tuple[str, object]]) -> list[tuple[int, int, str, object]]:
    """Where the rules' names (name -> (label, owner)) stand in a paragraph, longest first."""
    out: list[tuple[int, int, str, object]] = []
    for name in sorted(names, key=len, reverse=True):
        label, owner = names[name]
        for m in _quote_blind(name).finditer(text):
            a, b = m.span()
            if text[a] in "“\"" and m.group().count("“") != m.group().count("”"):
                a += 1  # the opening mark of a quotation around the whole name
            if not any(a < y and x < b for x, y, _, _ in out):
                out.append((a, b, label, owner))
    return out


@lru_cache(maxsize=4096)
def _quote_blind(name: str):
    """A name found whether or not a word of it is quoted where it stands (湘易办超级服务端… is
    printed “湘易办”超级服务端… elsewhere), or a converter left a space in it."""
    bare = _bare(name)
    return re.compile("[“\"]?" + "[“”\"\\s]?".join(re.escape(c) for c in bare)) if bare else re.compile(r"(?!)")


def rule_mentions(text: str, names: dict[str, tuple[str, object]], rule_spans) -> list[tuple[int, int, str, object]]:
    """What the rules find in a paragraph: the pattern layer's names (with the field they belong
    to), then the ruler's and the shapes' spans where those names are not."""
    owned = _occurrences(text, names)
    return owned + [(a, b, label, None) for a, b, label in rule_spans
                    if not any(a < y and x < b for x, y, _, _ in owned)]


_PROJECT_TAIL = re.compile(r"(?:经费|项目|专项|资金|补贴|补助|奖励|奖金|奖励金|质保金|工程|保险|服务费|维护费|运维费|"
                           r"租赁费|费用)$")
_GENERIC = re.compile(r"^(?:(?:\d{4}\s?年度?)?(?:项目|专项|预算|财政|上年|本年|年初|其他|部门|基本|资金)+"
                      r"(?:支出|资金|经费|项目)?|(?:\d{4}\s?年度?)?(?:上级|中央|省级|市级|区级|县级|本级|各类|各项|财政|"
                      r"部门|单位|其他|相关|上年|年初|当年|机关|该|此|本)*(?:预算资金|结转资金|财政资金|专项资金|项目资金|"
                      r"公用经费|人员经费|运行经费|“?三公”?经费|费用)"
                      r"|(?:工作|业务|日常|办公|专项工作)经费)$")
_NO_NAME = re.compile(r"[，。；：！？、《》\n]|^(?:\d{1,2}[.．)）]|[(（*]|“[^”]*$)|[(（]$"
                      r"|^(?:主要|其中|包括|以及|为|切实|做好|加强|进一步|确保|加快|提高|该|此|本|各|上述|相关|充分|认真|积极|"
                      r"不断|持续|严格|及时|有效|深入|大力)"
                      r"|尤其|以及|并且|其中|主要|用于|通过|进行")  # discourse words are in no project's name


_LEAD_VERB = re.compile(r"^(?:(?:19|20)\d{2}\s?年(?:度|底|末|\d{1,2}月(?:\d{1,2}日)?)?\s?)?"
                        r"(?:新增|追加|实施|安排|下达|拨付|开展|推进|完成|解决|用于|支付|保障|落实|申请|另外|此外)")
_TAIL_WORD = re.compile(r"(?<=经费|项目|专项|资金|补贴|补助|工程|服务费)(?:计划|的通知)$")


def trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    """A NER project span without a verb the model took in front (2021年新增…经费 -> …经费) or a
    word after the name (…专项资金计划 -> …专项资金), and with the quoted word in front that the
    model left out (改革保障经费 -> “放管服”改革保障经费): the name as the rules would print it."""
    if 0 < a < b and text[a - 1].isdigit() and text[a] in "年月日号":
        a += 1  # the model began inside a date (3月4日冷弯生产线…)
    if a > 0 and text[a - 1] == "“" and text[a:b].count("”") > text[a:b].count("“"):
        a -= 1  # the opening mark of a word quoted inside the name: 湘易办”超级… -> “湘易办”超级…
    if a > 0 and text[a - 1] == "”":  # a quoted word in front belongs to the name: “放管服”改革保障经费
        k = text.rfind("“", max(0, a - 10), a - 1)
        if k >= 0 and not re.search(r"[，。；：、\s]", text[k:a]):
            a = k
    m = _LEAD_VERB.match(text[a:b])
    if m and b - (a + m.end()) >= 4:
        a += m.end()
    m = _TAIL_WORD.search(text[a:b])
    if m:
        b = a + m.start()
    return a, b


_MONEY_WORDS = re.compile(r"\d\s?(?:亿元|万元|元)|预算|支出|资金|拨付|拨款|追加|经费|结余|结转|执行|金额")


def _money_around(text: str, a: int, b: int) -> bool:
    """Whether the sentence around text[a:b] speaks of money outside the name itself: a budget
    project's name comes with its amount, budget or spending (an enterprise's 生产线建设项目 in a
    list of services rendered does not)."""
    start = max(text.rfind(p, 0, a) for p in "。；！？") + 1
    ends = [k for k in (text.find(p, b) for p in "。；！？") if k >= 0]
    end = min(ends) if ends else len(text)
    return bool(_MONEY_WORDS.search(text[start:a]) or _MONEY_WORDS.search(text[b:end]))


# the report-identity endings (meta.ORG_TAIL), and those of units, places and firms a report names
_ORG_TAIL = re.compile(rf"(?:{ORG_TAIL}|科|股|组|社区|街道|镇|乡|公司|集团|银行)$")


def _project_shaped(name: str) -> bool:
    return 4 <= len(name) <= 40 and not _NO_NAME.search(name) and bool(_PROJECT_TAIL.search(name)) \
        and not _GENERIC.match(name)


def readings(text: str, ner_spans) -> list[tuple[int, int, str]]:
    """The NER's readings that read like names, repaired (`trimmed`): a PROJECT of 4–40 characters,
    no sentence punctuation, not opening with a discourse word, ending like one (经费, 项目, 专项,
    资金, 补助 …), not a generic phrase (项目资金, 公用经费 …); an ORG ending like an organisation
    (局, 委, 中心, 办公室 …). Never a shape (amounts, percentages, dates and document numbers are the
    rules' call) nor a subject (the catalogue's). Only such a reading can agree or disagree with
    the rules (a reading across 、 or an ORG ending in 经费 says nothing)."""
    out = []
    for a, b, label in ner_spans:
        if label == "PROJECT":
            a, b = trimmed(text, a, b)
            if not _project_shaped(text[a:b].strip()):
                continue
        elif label == "ORG":
            if not (2 <= b - a <= 30 and _ORG_TAIL.search(text[a:b]) and not _NO_NAME.search(text[a:b])):
                continue
        else:
            continue
        out.append((a, b, label))
    return out


def plausible(text: str, ner_spans) -> list[tuple[int, int, str]]:
    """The NER readings (`readings`) the extractor will use alone; a PROJECT also not a short item
    of a 、-separated list (办公费、印刷费), not inside a 《document title》, and in a sentence that
    speaks of money (an amount, 预算, 支出, 资金 …)."""
    return _usable_alone(text, readings(text, ner_spans))


def _usable_alone(text: str, read) -> list[tuple[int, int, str]]:
    out = []
    for a, b, label in read:
        if label == "PROJECT":
            name = text[a:b].strip()
            # a short item of a 、-list is an expense kind (办公费、印刷费、…), a long one may be a project
            in_list = len(name) < 6 and ((a > 0 and text[a - 1] == "、") or (b < len(text) and text[b] == "、"))
            in_title = text.rfind("《", 0, a) > text.rfind("》", 0, a)  # inside a 《document title》
            if in_list or in_title or not _money_around(text, a, b):
                continue
        out.append((a, b, label))
    return out


def _inside_projects(rules, found) -> list:
    """The rule spans without a catalogue name the ruler found inside a NER project name
    (信息化建设 in 信息化建设运维经费 is part of a name, not a subject mentioned in passing)."""
    projects = [(a, b) for a, b, label in found if label == "PROJECT"]
    return [r for r in rules if not (r[2] == "SUBJECT" and r[3] is None
                                     and any(a <= r[0] and r[1] <= b and (a, b) != (r[0], r[1]) for a, b in projects))]


def _ner_only(text: str, rules, found, known) -> list[tuple[int, int, str]]:
    """The plausible NER spans no rule span overlaps, less a PROJECT that is a piece of a name the
    rules know (链路租赁经费 for 电子政务外网链路租赁经费: a short reference, or a clipped name)."""
    return [(a, b, label) for a, b, label in found
            if not any(a < y and x < b for x, y, _, _ in rules)
            and not (label == "PROJECT" and any(_bare(text[a:b]) in k for k in known))]


def combined(text: str, rules, ner_spans, known=()) -> list[tuple[int, int, str]]:
    """Rules and NER together, as merge_entities lists them: every rule span (less a ruler subject
    inside a NER project name), and each plausible NER span that overlaps none and is no piece of
    a project name the rules know (`known`, bare)."""
    found = plausible(text, ner_spans)
    rules = _inside_projects(rules, found)
    return [(a, b, label) for a, b, label, _ in rules] + _ner_only(text, rules, found, known)


def rule_names(report: Report) -> dict[str, tuple[str, object]]:
    """The names the pattern layer found: projects (and aliases), department, explanation subjects."""
    names: dict[str, tuple[str, object]] = {}
    for p in report.projects:
        for n in [p.name.value] + list(p.aliases):
            if n and len(_norm(n)) >= 2:
                names.setdefault(_norm(n), ("PROJECT", p))
    dept = report.report.department
    if dept is not None and dept.value:
        names.setdefault(_norm(dept.value), ("ORG", dept))
    for e in report.explanations:
        if e.subject is not None and e.subject.value:
            names.setdefault(_norm(e.subject.value), ("SUBJECT", e))
    return names


def project_keys(names: dict[str, tuple[str, object]]) -> set[str]:
    """The rules' project names (from `rule_names`), bare: what a NER-only name is compared with."""
    return {_bare(n) for n, (label, _) in names.items() if label == "PROJECT"}


def _agree(f: Optional[Field], how: str) -> None:
    if f is None or f.value is None:
        return
    if f.confidence < AGREED:
        f.confidence = max(f.confidence, AGREED) if f.confidence >= policy.NER_AGREE_RAISES_FROM else f.confidence
    note = f"NER agrees ({how})"
    if note not in f.notes:
        f.notes.append(note)


def _doubt(f: Optional[Field], ner_text: str, label: str) -> None:
    if f is None or f.value is None:
        return
    f.confidence = min(f.confidence, DISAGREED)
    note = f"NER reads {ner_text!r} as {label}"
    if note not in f.notes:
        f.notes.append(note)


def merge_entities(report: Report, nar: Narrative, nlp) -> None:
    """Add `report.entities`, adjust the supported fields, add NER-only projects."""
    from .ner import views_many

    names = rule_names(report)
    known = project_keys(names)
    added: dict[str, Project] = {}
    paragraphs = list(_paragraphs(nar))
    for (base, para), (ner_spans, rule_spans) in zip(paragraphs, views_many(nlp, [p for _, p in paragraphs])):
        read = readings(para, ner_spans)
        found = _usable_alone(para, read)
        rules = _inside_projects(rule_mentions(para, names, rule_spans), found)
        ner_set = set(ner_spans)
        for a, b, label, owner in rules:
            origin, conf, notes = "rules", RULES, []
            if (a, b, label) in ner_set or (a, b, label) in read:
                origin, conf = "both", AGREED
                _agree(_supported(owner), "same words, same label" if (a, b, label) in ner_set
                       else "the same name once a verb or quotation mark at its edge is repaired")
            else:  # a reading of the same words that reads like a name, other than the rules'
                other = [s for s in read if s[0] < b and a < s[1]]
                if other and owner is not None:
                    x, y, lab = other[0]
                    _doubt(_supported(owner), para[x:y], lab)
                    conf, notes = DISAGREED, [f"NER reads {para[x:y]!r} as {lab}"]
            report.entities.append(_entity(nar, base, para, a, b, label, origin, conf, notes))
        for a, b, label in _ner_only(para, rules, found, known):
            report.entities.append(_entity(nar, base, para, a, b, label, "ner", NER_ONLY,
                                           ["found by the NER layer only"]))
            name = _bare(para[a:b])
            if label != "PROJECT" or name in added or any(name in k or k in name for k in known):
                continue  # a part of a known name is no new project either
            variant = _variant_of(name, known)
            if variant is not None:  # the same project printed a little differently
                _note_variant(report, variant, para[a:b].strip("“”\"'"))
                continue
            project = _new_project(nar, base, para, a, b)
            if project.actual is not None:  # a name with its amount: a project, to review
                added[name] = project
    report.projects.extend(added.values())


def _variant_of(name: str, known) -> Optional[str]:
    """The known project name that `name` spells a little differently: one holds the other's
    characters in order with at most 3 more (…归并升级项目 / …归并及升级项目, …地图质保金 /
    …地图项目质保金)."""
    for k in sorted(known):
        short, long_ = sorted((name, k), key=len)
        if len(short) >= 6 and len(long_) - len(short) <= 3 and _in_order(short, long_):
            return k
    return None


def _in_order(short: str, long_: str) -> bool:
    it = iter(long_)
    return all(c in it for c in short)


def _note_variant(report: Report, key: str, printed: str) -> None:
    """Record a spelling the NER found as an alias of the rules' project (with a note)."""
    for p in report.projects:
        if key in {_bare(n) for n in [p.name.value] + list(p.aliases) if n}:
            if printed not in p.aliases and printed != p.name.value:
                p.aliases.append(printed)
                p.name.notes.append(f"also printed as {printed!r} (found by the NER layer)")
            return


def _supported(owner) -> Optional[Field]:
    if owner is None:
        return None
    if isinstance(owner, Project):
        return owner.name
    if isinstance(owner, Field):
        return owner
    return getattr(owner, "subject", None)


def _entity(nar: Narrative, base: int, para: str, a: int, b: int, label: str, origin: str,
            conf: float, notes: list[str]) -> Entity:
    ln = nar.source_at(base + a)
    src = make_source(ln.page, ln.no, ln.bbox) if ln is not None else make_source()
    raw = nar.orig[base + a: base + b]
    return Entity(label=label, origin=origin,
                  text=make_field(value=para[a:b], raw=raw, confidence=conf, source=src, notes=notes))


def _new_project(nar: Narrative, base: int, para: str, a: int, b: int) -> Project:
    ln = nar.source_at(base + a)
    src = make_source(ln.page, ln.no, ln.bbox) if ln is not None else make_source()
    name = make_field(value=para[a:b].strip("“”\"'"), raw=nar.orig[base + a: base + b], confidence=NER_ONLY,
                      source=src, notes=["project found by the NER layer only (no pattern names it)"])
    p = Project(name=name, mentions=[src])
    m = _AMOUNT_AFTER.match(para[b:b + 40])
    if m:
        value, repairs = parse_amount(m.group("v"))
        if value is not None:
            p.actual = make_field(value=value, raw=nar.orig[base + b + m.start("v"): base + b + m.end("u")],
                                  confidence=NER_ONLY, source=src,
                                  notes=[f"amount printed right after the NER-found name ({m.group('u')})"] + repairs)
    return p
