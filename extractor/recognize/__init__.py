"""Recognize: values with fixed shapes in narrative and tables (regex patterns), one recognizer each.

What it does: `RECOGNIZERS` maps a name to a small callable `(structured, report, options) -> None`
that adds its findings to the Report; the pipeline runs them in order. New recognizers (the NER
layer) register here by name.
What it does not: check or score across findings (validate/).
"""
from __future__ import annotations

from typing import Callable

from .contacts import find_contacts
from .explanations import find_explanations
from .facts import find_facts, find_shares, narrative_unit
from .indicators import find_indicators
from .meta import find_meta
from .projects import find_projects

__all__ = ["find_contacts", "find_explanations", "find_facts", "find_shares", "narrative_unit", "find_indicators",
           "find_meta", "find_projects"]
