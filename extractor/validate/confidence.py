"""Confidence from checks, and the review queue.

What it does: a field confirmed by an exact passing check gains confidence (two independent printed
numbers agree; an unconfirmed repair the amounts confirm is marked confirmed); a field in a failing
check drops and says why (the numbers are evidence/policy.py's). Every field below the review
threshold goes to `review` with its reasons.
What it does not: decide what is right when a check fails; a person does, in the review page.
"""
from __future__ import annotations

from ..datamodel import Check, Report, ReviewItem
from ..datamodel.paths import get_field, iter_fields
from ..evidence import policy
from ..evidence.policy import REVIEW_THRESHOLD


def apply_checks(report: Report, checks: list[Check]) -> None:
    confirmed: set[str] = set()
    failed: dict[str, list[str]] = {}
    for c in checks:
        if c.passed and not c.tolerance:
            confirmed.update(c.fields)
        elif not c.passed:
            for p in c.fields:
                failed.setdefault(p, []).append(f"failed check {c.rule}: {c.message}")
    rules = {p: c.rule for c in checks if c.passed and not c.tolerance for p in c.fields}
    for p in confirmed - set(failed):
        f = get_field(report, p)
        if f is None or f.value is None:
            continue
        policy.confirm_by_check(f, rules.get(p, ""))
    for p, whys in failed.items():
        f = get_field(report, p)
        if f is None:
            continue
        policy.fail_by_check(f, whys)


def build_review(report: Report, threshold: float = REVIEW_THRESHOLD) -> list[ReviewItem]:
    items = []
    for path, f in iter_fields(report):
        if path.startswith("entities["):
            continue  # a mention index: the field a mention supports is what a person reviews
        if f.value is None and not f.raw and not any(n.startswith("failed check") for n in f.notes):
            continue  # an empty cell: nothing printed to confirm or correct
        if f.confidence < threshold:
            items.append(ReviewItem(path=path, confidence=f.confidence,
                                    why="; ".join(f.notes) or "low confidence", value=f.value, raw=f.raw))
    return items
