"""Narrative spans -> Fields: value, raw printed text, confidence and the printed line.

What it does: turns a regex match span of the narrative into a Field (`span_text_field`,
`span_amount_field`, and `group_text` / `group_amount` for a named group of a match); amounts are
parsed exactly, and any repair (space inside a number, full-width digits, a broken line crossed)
lowers the confidence (policy.py) and is written into the Field's notes. `derived` anchors a value
the program computed to the field it came from.
What it does not: decide which pattern applies (the recognizers do), or read table cells (cells.py).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Optional

from ..datamodel.schema import Field, Source, make_field, make_source
from ..datamodel.structured import Narrative
from . import policy
from .numbers import parse_amount

PATTERN_CONF = policy.PATTERN
REPAIR_PENALTY = policy.REPAIR_PENALTY


def _source(nar: Narrative, start: int) -> Source:
    ln = nar.source_at(start)
    if ln is None:
        return make_source()
    return make_source(ln.page, ln.no, ln.bbox)


def _ocr_cap(nar: Narrative, start: int, end: int, confidence: float, notes: list[str]) -> float:
    confs = [ln.conf for ln in nar.lines_between(start, end) if ln.conf is not None]
    if confs:
        low = min(confs)
        note = policy.ocr_score_note(low)
        if note:
            notes.append(note)
        return min(confidence, low)
    return confidence


def span_text_field(nar: Narrative, start: int, end: int, value: Optional[str] = None,
               confidence: float = PATTERN_CONF, notes: Optional[list[str]] = None) -> Field:
    notes = list(notes or [])
    raw = nar.orig[start:end]
    if value is None:
        value = nar.text[start:end].replace("\n", "").strip()
    if nar.joined_between(start, end):
        notes.append("text joined across printed lines")
        confidence -= REPAIR_PENALTY
    confidence = _ocr_cap(nar, start, end, confidence, notes)
    return make_field(value=value, raw=raw, confidence=round(confidence, 3), source=_source(nar, start), notes=notes)


def span_amount_field(nar: Narrative, start: int, end: int, confidence: float = PATTERN_CONF,
                 percent: bool = False) -> Optional[Field]:
    text = nar.text[start:end]
    value, repairs = parse_amount(text)
    if value is None:
        return None
    notes = list(repairs)
    raw = nar.orig[start:end]
    if raw != text:
        notes.append("full-width characters")
    conf = confidence - REPAIR_PENALTY * len(notes)
    if nar.joined_between(start, end):
        notes.append("number joined across printed lines")
        conf -= REPAIR_PENALTY
    conf = _ocr_cap(nar, start, end, conf, notes)
    return make_field(value=value, raw=raw, confidence=round(conf, 3), source=_source(nar, start), notes=notes)


def group_amount(nar: Narrative, m: Any, name: str, confidence: float = PATTERN_CONF) -> Optional[Field]:
    if m.group(name) is None:
        return None
    return span_amount_field(nar, m.start(name), m.end(name), confidence)


def group_text(nar: Narrative, m: Any, name: str, confidence: float = PATTERN_CONF,
               value: Optional[str] = None) -> Optional[Field]:
    if m.group(name) is None:
        return None
    return span_text_field(nar, m.start(name), m.end(name), value=value, confidence=confidence)


def derived(value: Any, from_field: Optional[Field], why: str, confidence: float) -> Field:
    """A value the program computed or looked up, anchored to the field it came from."""
    return Field(value=value, raw=from_field.raw if from_field else "", confidence=confidence,
                 source=from_field.source if from_field else Source(), notes=[why])


def dec(field: Optional[Field]) -> Optional[Decimal]:
    if field is None or not isinstance(field.value, Decimal):
        return None
    return field.value
