"""Rule and NER findings merged: named mentions, and the confidence of projects, department and
explanation subjects.

What it does: runs the NER pipeline (ner.py) over each narrative paragraph and compares, span by
span, what the statistical model finds with what the rules find (the pattern layer's projects and
department, the catalogue ruler's subjects, the regex shapes):
- the same span with the same label: agreement — the mention is `both`, and the project name,
  department or explanation subject it supports gains confidence (at least 0.97);
- overlapping spans that differ (other boundaries, another label): disagreement — the rules' span
  is kept, and the field it supports drops under the review threshold with a note saying how the
  NER read it;
- a PROJECT only the NER finds (an unquoted name no pattern knows) with an amount printed right
  after it becomes a project at 0.7, so it goes to review; without an amount it stays a mention
  (a name in passing, 人民调解经费保障体系, is no project); NER-only mentions are listed at 0.7.
NER silence about a rule finding changes nothing.
What it does not: train or load the model (ner.py, scripts/train_ner.py); decide anything a check
must settle (validate/).
"""
from __future__ import annotations

from typing import Optional

import regex as re

from ..model import Entity, Field, Project, Report, make_field, make_source
from ..normalize.numbers import parse_amount
from ..structure.narrative import Narrative

AGREED = 0.97          # rules and NER found the same span
NER_ONLY = 0.7         # the statistical model alone: review
DISAGREED = 0.75       # rules and NER read the same words differently: review
RULES = 0.9
_AMOUNT_AFTER = re.compile(r"^(?:项目支出|项目资金|支出|资金|金额|共计|为|：|:|，|\s){0,3}"
                           r"(?P<v>-?\d[\d,]*(?:\s?\.\s?\d+)?)\s?(?P<u>万元|元)")


def _norm(s: str) -> str:
    return "".join(str(s).split()).strip("“”\"'《》")


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
        start = 0
        while (k := text.find(name, start)) >= 0:
            if not any(k < b and a < k + len(name) for a, b, _, _ in out):
                out.append((k, k + len(name), label, owner))
            start = k + len(name)
    return out


def rule_mentions(text: str, names: dict[str, tuple[str, object]], rule_spans) -> list[tuple[int, int, str, object]]:
    """What the rules find in a paragraph: the pattern layer's names (with the field they belong
    to), then the ruler's and the shapes' spans where those names are not."""
    owned = _occurrences(text, names)
    return owned + [(a, b, label, None) for a, b, label in rule_spans
                    if not any(a < y and x < b for x, y, _, _ in owned)]


_PROJECT_TAIL = re.compile(r"(?:经费|项目|专项|资金|补贴|补助|奖励|奖金|工程|保险|服务费)$")
_GENERIC = re.compile(r"^(?:(?:\d{4}\s?年度?)?(?:项目|专项|预算|财政|上年|本年|年初|其他|部门|基本|资金)+"
                      r"(?:支出|资金|经费|项目)?|.*(?:预算资金|结转资金|财政资金|专项资金|项目资金|公用经费|人员经费|运行经费|三公”?经费)"
                      r"|(?:工作|业务|日常|办公|专项工作)经费)$")
_NO_NAME = re.compile(r"[，。；：！？、《》\n]|^[\d(（*“]|[(（]$"
                      r"|^(?:解决|用于|支付|追加|安排|开展|完成|实施|保障|落实|申请|拨付|主要|其中|包括|以及|为)"
                      r"|尤其|以及|并且|其中|主要|用于|通过|进行")  # discourse words are in no project's name


def plausible(text: str, ner_spans) -> list[tuple[int, int, str]]:
    """The NER spans the extractor will use alone: never a shape (amounts, percentages, dates and
    document numbers are the rules' call) nor a subject (the catalogue's), and a PROJECT only if it reads like a project name —
    4–40 characters, no sentence punctuation, ending like one (经费, 项目, 专项, 资金, 补助 …), not a
    generic phrase (项目资金, 公用经费 …), not an item of a 、-separated list, not inside a
    《document title》."""
    from .ner import SHAPE_LABELS

    out = []
    for a, b, label in ner_spans:
        if label in SHAPE_LABELS or label == "SUBJECT":
            continue  # shapes are the regexes' call, subjects the catalogue's
        if label == "PROJECT":
            name = text[a:b].strip()
            in_list = (a > 0 and text[a - 1] == "、") or (b < len(text) and text[b] == "、")
            in_title = text.rfind("《", 0, a) > text.rfind("》", 0, a)  # inside a 《document title》
            if not (4 <= len(name) <= 40) or _NO_NAME.search(name) or not _PROJECT_TAIL.search(name) \
                    or _GENERIC.match(name) or in_list or in_title:
                continue  # an item of a list of expense kinds (办公费、印刷费、…) is no project
        out.append((a, b, label))
    return out


def combined(text: str, rules, ner_spans) -> list[tuple[int, int, str]]:
    """Rules and NER together, as merge_entities lists them: every rule span, and each plausible
    NER span that overlaps none."""
    out = [(a, b, label) for a, b, label, _ in rules]
    return out + [s for s in plausible(text, ner_spans) if not any(s[0] < b and a < s[1] for a, b, _, _ in rules)]


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


def _agree(f: Optional[Field], how: str) -> None:
    if f is None or f.value is None:
        return
    if f.confidence < AGREED:
        f.confidence = max(f.confidence, AGREED) if f.confidence >= 0.8 else f.confidence
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
    known = {_bare(n) for p in report.projects for n in [p.name.value] + list(p.aliases) if n}
    added: dict[str, Project] = {}
    paragraphs = list(_paragraphs(nar))
    for (base, para), (ner_spans, rule_spans) in zip(paragraphs, views_many(nlp, [p for _, p in paragraphs])):
        rules = rule_mentions(para, names, rule_spans)
        ner_set = set(ner_spans)
        for a, b, label, owner in rules:
            origin, conf, notes = "rules", RULES, []
            if (a, b, label) in ner_set:
                origin, conf = "both", AGREED
                _agree(_supported(owner), "same words, same label")
            else:
                other = [s for s in ner_spans if s[0] < b and a < s[1]]
                if other and owner is not None:
                    x, y, lab = other[0]
                    _doubt(_supported(owner), para[x:y], lab)
                    conf, notes = DISAGREED, [f"NER reads {para[x:y]!r} as {lab}"]
            report.entities.append(_entity(nar, base, para, a, b, label, origin, conf, notes))
        for a, b, label in plausible(para, ner_spans):
            if any(a < y and x < b for x, y, _, _ in rules):
                continue
            report.entities.append(_entity(nar, base, para, a, b, label, "ner", NER_ONLY,
                                           ["found by the NER layer only"]))
            name = _bare(para[a:b])
            if label == "PROJECT" and name not in added and not any(name in k or k in name for k in known):
                project = _new_project(nar, base, para, a, b)  # not a part of a known name either
                if project.actual is not None:  # a name with its amount: a project, to review
                    added[name] = project
    report.projects.extend(added.values())


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
