"""Recognize: values with fixed shapes in narrative and tables, one small recognizer each.

What it does: `RECOGNIZERS` maps a name to a callable `(ctx) -> None` that reads the structured
document in `ctx` and adds its findings to `ctx.report`; the pipeline runs them in registration
order, times each, and records a failing one as a problem without losing the others' findings.
A new recognizer (the NER layer, say) registers itself with `@recognizer("name")`.
What it does not: check or score across findings (validate/).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from .. import catalog
from ..datamodel import Field, Problem, Report, Structured
from ..evidence import policy
from .contacts import find_contacts
from .entities import merge_entities
from .explanations import find_explanations
from .facts import find_facts, find_shares, narrative_unit
from .indicators import find_indicators
from .meta import find_meta
from .projects import find_projects


@dataclass
class Context:
    structured: Structured
    report: Report
    keep_contacts: bool = False
    ner: bool = True  # run the NER layer (entities)
    # what recognizers hand to later ones or to validate/
    scratch: dict[str, Any] = field(default_factory=dict)


RECOGNIZERS: dict[str, Callable[[Context], None]] = {}


def recognizer(name: str):
    def register(fn: Callable[[Context], None]) -> Callable[[Context], None]:
        RECOGNIZERS[name] = fn
        return fn

    return register


@recognizer("meta")
def _meta(ctx: Context) -> None:
    st, r = ctx.structured, ctx.report
    r.report = find_meta(st.ndoc.lines, st.narrative, st.tables)
    r.unit = narrative_unit(st.narrative)
    if r.unit:
        r.report.unit = Field(value=r.unit, raw="", confidence=policy.NARRATIVE_UNIT,
                              notes=["the unit most amounts of the text are written in"])


@recognizer("facts")
def _facts(ctx: Context) -> None:
    r = ctx.report
    kind = str(r.report.kind.value) if r.report.kind else ""
    facts = find_facts(ctx.structured.narrative, budget_report="预算" in kind)
    r.totals = facts.get("totals", {})
    r.staff = facts.get("staff", {})
    r.three_public = facts.get("three_public", {})
    r.procurement = facts.get("procurement", {})
    r.assets = facts.get("assets", {})
    r.shares = find_shares(ctx.structured.narrative)
    ctx.scratch["performance_facts"] = facts.get("performance", {})


@recognizer("indicators")
def _indicators(ctx: Context) -> None:
    r = ctx.report
    found = find_indicators(ctx.structured.grids)
    if found.performance is not None:
        r.performance = found.performance
    r.targets = found.targets
    ctx.scratch["target_projects"] = found.projects
    ctx.scratch["project_sheets"] = found.sheets
    pf = ctx.scratch.get("performance_facts", {})
    if "score" in pf and r.performance.score is None:
        r.performance.score = pf["score"]
    if "grade" in pf:
        r.performance.grade = pf["grade"]


@recognizer("explanations")
def _explanations(ctx: Context) -> None:
    kind = str(ctx.report.report.kind.value) if ctx.report.report.kind else ""
    ctx.report.explanations = find_explanations(ctx.structured.narrative, ctx.structured.tables, catalog.code_for_path,
                                                budget_report="预算" in kind)


@recognizer("projects")
def _projects(ctx: Context) -> None:
    r = ctx.report
    year = r.report.year.value if r.report.year else None
    r.projects, ctx.scratch["project_conflicts"] = find_projects(
        ctx.structured.narrative, ctx.scratch.get("target_projects"), ctx.structured.grids,
        year if isinstance(year, int) else None,
        budget_report="预算" in (str(r.report.kind.value) if r.report.kind else ""),
        sheets=ctx.scratch.get("project_sheets"))


@recognizer("entities")
def _entities(ctx: Context) -> None:
    """The NER layer merged with the rules' findings (entities.py). Without the model (or with
    `ner=False`) the report is the rules' alone, and a missing model is recorded as a problem."""
    if not ctx.ner:
        return
    try:
        from . import ner

        nlp = ner.load()
    except (ImportError, RuntimeError, OSError) as exc:
        ctx.report.problems.append(Problem(stage="recognize.entities", severity="warning",
                                           message=f"NER layer not used: {exc}"))
        return
    merge_entities(ctx.report, ctx.structured.narrative, nlp)


@recognizer("contacts")
def _contacts(ctx: Context) -> None:
    contacts = find_contacts("\n".join(ln.text for ln in ctx.structured.ndoc.lines))
    ctx.scratch["contacts"] = contacts
    if ctx.keep_contacts:
        ctx.report.contacts = contacts


__all__ = ["Context", "RECOGNIZERS", "recognizer"]
