"""Fields from narrative matches: value, raw printed text, confidence and the printed line.

What it does: turns a regex match span of the narrative into a Field; amounts are parsed exactly,
and any repair (space inside a number, full-width digits, a broken line crossed) lowers the
confidence and is written into the Field's notes.
What it does not: decide which pattern applies (the recognizers do).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Optional

from ..model import Field, Source, make_field, make_source
from ..normalize.numbers import parse_amount
from ..structure.narrative import Narrative

PATTERN_CONF = 0.95  # a value read by a fixed-shape pattern from clean text
REPAIR_PENALTY = 0.05  # per kind of repair needed


def _source(nar: Narrative, start: int) -> Source:
    ln = nar.source_at(start)
    if ln is None:
        return make_source()
    return make_source(ln.page, ln.no, ln.bbox)


def _ocr_cap(nar: Narrative, start: int, end: int, confidence: float, notes: list[str]) -> float:
    confs = [ln.conf for ln in nar.lines_between(start, end) if ln.conf is not None]
    if confs:
        low = min(confs)
        if low < 0.9:
            notes.append(f"OCR score {low:.2f}")
        return min(confidence, low)
    return confidence


def text_field(nar: Narrative, start: int, end: int, value: Optional[str] = None,
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


def amount_field(nar: Narrative, start: int, end: int, confidence: float = PATTERN_CONF,
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
    return amount_field(nar, m.start(name), m.end(name), confidence)


def group_text(nar: Narrative, m: Any, name: str, confidence: float = PATTERN_CONF,
               value: Optional[str] = None) -> Optional[Field]:
    if m.group(name) is None:
        return None
    return text_field(nar, m.start(name), m.end(name), value=value, confidence=confidence)


def derived(value: Any, from_field: Optional[Field], why: str, confidence: float) -> Field:
    """A value the program computed or looked up, anchored to the field it came from."""
    return Field(value=value, raw=from_field.raw if from_field else "", confidence=confidence,
                 source=from_field.source if from_field else Source(), notes=[why])


def dec(field: Optional[Field]) -> Optional[Decimal]:
    if field is None or not isinstance(field.value, Decimal):
        return None
    return field.value
