"""Validate: accounting checks, confidence from them, and the review queue.

What it does: `validate(report)` settles the column order readers guessed where other evidence does
(column_order.py), fills `report.checks` and `report.review` and adjusts confidences.
What it does not: extract values.
"""
from __future__ import annotations

from ..datamodel import Report
from .checks import RULES, run_checks
from .column_order import settle_column_order

__all__ = ["RULES", "REVIEW_THRESHOLD", "validate", "run_checks"]
from .confidence import REVIEW_THRESHOLD, apply_checks, build_review


def validate(report: Report, threshold: float = REVIEW_THRESHOLD, extra_checks=()) -> None:
    settle_column_order(report)
    checks = run_checks(report) + list(extra_checks)
    apply_checks(report, checks)
    report.checks = checks
    report.review = build_review(report, threshold)
