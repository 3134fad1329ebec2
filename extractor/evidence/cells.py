"""Table cells -> Fields: the printed text of a cell becomes a value with its raw text, confidence,
provenance and repairs.

What it does: `cell_amount_field` (exact Decimal amounts, masked values, text in amount columns),
`cell_text_field` (names, labels), `cell_code_field` (subject codes, 3/5/7 digits) and
`ocr_evidence` (a cell read by OCR: its score caps the confidence, its repairs and doubts are
carried over as data and as notes). Confidences come from policy.py.
What it does not: decide which column a cell belongs to or what a row means (structure/), or read
narrative spans (spans.py).
"""
from __future__ import annotations

from typing import Optional

import regex as re

from ..datamodel.schema import Field, Source, make_field, make_source
from ..datamodel.structured import Cell
from . import policy
from .numbers import is_masked, parse_amount
from .printed import ORDINAL


def _key(text: str) -> str:
    return "".join(text.split())


def cell_source(cell: Cell) -> Source:
    return make_source(cell.page, cell.line, cell.bbox)


def ocr_evidence(field: Field, cell: Cell, digits_check: bool = True) -> Field:
    """A cell read by OCR: its recognition score caps the confidence; its repairs are noted (an
    unconfirmed one keeps it under review). With `digits_check`, digits that form no number are a
    misreading (off for codes and for indicator texts such as ≥86%)."""
    if cell.conf is not None and cell.text:
        policy.cap(field, cell.conf)
        note = policy.ocr_score_note(cell.conf)
        if note:
            field.notes.append(note)
    if cell.repairs:
        field.notes.extend(r.describe() for r in cell.repairs)
        field.repairs.extend(r.model_copy() for r in cell.repairs)
        unconfirmed = any(r.status == "unconfirmed" for r in cell.repairs)
        policy.cap(field, policy.OCR_UNCONFIRMED_CAP if unconfirmed else policy.OCR_REPAIRED_CAP)
    if cell.conf is not None and digits_check and isinstance(field.value, str) and any(ch.isdigit() for ch in field.value) \
            and not any(ch >= "\u4e00" for ch in field.value) and len(field.value) < 20:
        policy.cap(field, policy.OCR_NOT_A_NUMBER)  # digits that are no number: misread
        field.notes.append("OCR: digits that do not form a number")
    return field


def cell_amount_field(cell: Cell, uncertain: bool = False, guessed_header: bool = False) -> Field:
    """A value cell -> Field: exact Decimal for amounts, text otherwise, None when empty."""
    return ocr_evidence(_amount_field(cell, uncertain, guessed_header), cell)


def _amount_field(cell: Cell, uncertain: bool = False, guessed_header: bool = False) -> Field:
    raw = cell.orig.strip()
    if not raw:
        return make_field(value=None, raw="", confidence=policy.CELL_CLEAN if not uncertain else policy.CELL_UNCERTAIN,
                          source=cell_source(cell))
    notes: list[str] = []
    value, repairs = parse_amount(cell.text)
    conf = policy.CELL_CLEAN
    if value is None:
        if is_masked(raw):
            return make_field(value=None, raw=raw, confidence=policy.CELL_MASKED, source=cell_source(cell),
                              notes=["masked value"])
        val: object = _key(cell.text) if len(cell.text) < 40 else cell.text.strip()
        if cell.joined:
            notes.append("cell text joined from several lines")
            conf = policy.CELL_REPAIRED
        return make_field(value=val, raw=raw, confidence=conf if not uncertain else policy.CELL_UNCERTAIN,
                          source=cell_source(cell), notes=notes)
    if repairs or cell.repaired:
        notes.extend(repairs or ["full-width characters"])
        conf = policy.CELL_REPAIRED
    if uncertain:
        conf = policy.CELL_UNCERTAIN
        notes.append("column position uncertain")
    elif guessed_header:
        conf = min(conf, policy.CELL_GUESSED_HEADER)
        notes.append("column name guessed")
    return make_field(value=value, raw=raw, confidence=conf, source=cell_source(cell), notes=notes)


def cell_text_field(cell: Cell, strip_ordinal: bool = False) -> Field:
    """A name or label cell -> Field (an item number 一、 / 1. in front dropped with `strip_ordinal`)."""
    return ocr_evidence(_text_field(cell, strip_ordinal), cell)


def _text_field(cell: Cell, strip_ordinal: bool = False) -> Field:
    text = cell.text.strip()
    notes = []
    if strip_ordinal:
        text = ORDINAL.sub("", text)
    value = text.strip()
    if cell.joined:
        notes.append("cell text joined from several lines")
    return make_field(value=value, raw=cell.orig.strip(),
                      confidence=policy.CELL_REPAIRED if cell.joined else policy.CELL_CLEAN,
                      source=cell_source(cell), notes=notes)


def cell_code_field(cell: Cell) -> Optional[Field]:
    """A subject-code cell -> Field with the code's digits (None when the cell holds no code). A code
    completed from the rows above (a `code.*` repair of the cell: structure/code_tree.py) takes the
    confidence its completion earns and keeps the repair and its note."""
    f = _code_field(cell)
    if f is None:
        return None
    completed = [r for r in cell.repairs or () if r.kind.startswith("code.")]
    if completed:
        f.raw = cell.orig.strip()
        f.notes = [n for n in f.notes if n != "spaces inside code"] + [r.describe() for r in completed]
        f.repairs.extend(r.model_copy() for r in completed)
        f.confidence = min(policy.code_completed(r.status, r.kind) for r in completed)
        others = [r for r in cell.repairs if not r.kind.startswith("code.")]
        cell = Cell(text=cell.text, orig=cell.orig, line=cell.line, page=cell.page, bbox=cell.bbox,
                    repaired=cell.repaired, joined=cell.joined, conf=cell.conf, repairs=others or None)
    return ocr_evidence(f, cell, digits_check=False)


def _code_field(cell: Cell) -> Optional[Field]:
    raw = cell.orig.strip()
    compact = _key(cell.text)
    if cell.conf is not None and "." in compact and compact.replace(".", "").isdigit() \
            and len(compact.replace(".", "")) in (3, 5, 7) and not re.search(r"\.\d{2}$", compact):
        # OCR read a speck inside a code as a point (3010.1)
        return make_field(value=compact.replace(".", ""), raw=raw, confidence=policy.CODE_STRAY_POINT,
                          source=cell_source(cell), notes=["OCR: stray point inside a code removed"])
    if not compact or not compact.isdigit() or len(compact) not in (3, 5, 7):
        return None
    notes = ["spaces inside code"] if compact != cell.text.strip() else []
    return make_field(value=compact, raw=raw, confidence=policy.CELL_REPAIRED if notes else policy.CELL_CLEAN,
                      source=cell_source(cell), notes=notes)
