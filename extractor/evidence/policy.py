"""The confidence policy: every number that says how far a value is trusted, and the few rules
that move a confidence, in one place.

What it does: names the confidence each kind of reading starts at (a clean table cell, a repaired
one, a pattern match in the narrative, a department printed on a 部门： line …), the caps that OCR
scores, repairs and doubts put on it, and what checks, the catalogue and the NER layer do to it
(`confirm_by_check`, `fail_by_check`, `confirm_repairs`, `cap`). A stage asks this module; it
writes no confidence number of its own.
What it does not: decide whether a value is right (checks, the catalogue and people do that) or
where a value came from (the builders in cells.py and spans.py).
"""
from __future__ import annotations

from typing import Optional

from ..datamodel.schema import Field

# --- the review queue ---------------------------------------------------------------------------
REVIEW_THRESHOLD = 0.8  # a field under this goes to review

# --- table cells (cells.py) ---------------------------------------------------------------------
CELL_CLEAN = 0.97  # a cell read as printed
CELL_REPAIRED = 0.9  # a cell that needed a repair (joined lines, spaces in a number, full-width digits)
CELL_UNCERTAIN = 0.6  # the cell's column is uncertain (a row with fewer cells than the table)
CELL_GUESSED_HEADER = 0.85  # the value is read right; its column name is a guess
CELL_MASKED = 0.5  # a masked value (*****): no number
CELL_NO_NAME = 0.5  # a row without a name cell: named by its position
CODE_UNREADABLE = 0.3  # digits that form no subject code: kept for the catalogue to repair
CODE_STRAY_POINT = 0.85  # OCR read a speck inside a code as a point; removed

# --- subject codes completed from the rows above (structure/code_tree.py, cells.py) ------------
CODE_FROM_PARENT = 0.9  # a 款/项 part printed alone, completed from the 类/款 row above, and confirmed:
# the catalogue knows the code with the printed name, or the parent's amounts are its rows' sum
CODE_FROM_PARENT_UNCONFIRMED = 0.7  # the same with nothing to confirm it: review
CODE_FROM_PARENT_DOUBT = 0.6  # the catalogue names the completed code otherwise (another year's numbering?)
CODE_FROM_NAME = 0.7  # no code printed: the catalogue's only child with the printed name of the row above
CODE_FROM_NAME_ORDER = 0.85  # a table printing names only: the code every reading of the catalogue by name and row order gives

# --- OCR (ocr/, cells.py) -----------------------------------------------------------------------
OCR_NOTE_BELOW = 0.9  # an OCR score under this is written into the notes
OCR_REPAIRED_CAP = 0.85  # a cell whose text OCR repair changed
OCR_UNCONFIRMED_CAP = 0.6  # a cell with a repair a check must confirm (a dropped speck, a doubled point)
OCR_NOT_A_NUMBER = 0.5  # digits read by OCR that form no number: a misreading
OCR_REREAD_CAP = 0.85  # a word read again from a tight crop of an empty cell: a check confirms it
OCR_REREAD_MIN_SCORE = 0.8  # a re-read whose engine score is under this is not kept at all
OCR_DOUBT_CAP = 0.7  # a cell with ink no word covers: a word may be missing; a person looks
OCR_LINE_REPAIR_FACTOR = 0.95  # a narrative line OCR repair changed: its score is lowered by this

# --- narrative (spans.py and the recognizers) ---------------------------------------------------
PATTERN = 0.95  # a value read by a fixed-shape pattern from clean text
REPAIR_PENALTY = 0.05  # per kind of repair needed (a joined line, a space inside a number)
NARRATIVE_UNIT = 0.9  # the unit most amounts of the text are written in
REASON = 0.85  # a reason: the free text after a verdict, its end is a judgement
CODE_PRINTED_IN_PATH = 0.95  # an explanation's code from the 类/款/项 numbers it prints
CODE_FROM_TABLE = 0.95  # an explanation's code from the table row of the same subject
CODE_FROM_CATALOGUE_PATH = 0.85  # an explanation's code looked up by the printed path
EXPLANATION_NO_CODE = 0.75  # an explanation whose subject no table and no catalogue entry gives a code
EXPLANATION_NO_AMOUNT = 0.7  # an explanation with no amount read in its item
INDICATOR_CELL = 0.95  # a 绩效 indicator cell
FORM_HEAD_GAP = 0.7  # a 绩效目标表 head read from text whose name has a gap or spans lines: it may hold a neighbour cell's words

# --- report identity (recognize/meta.py) --------------------------------------------------------
DEPT_LINE = 0.95  # 部门：X printed on a table or cover line
DEPT_LINE_REPEATED = 0.98  # the same 部门：X printed on two lines or more
DEPT_NAMED = 0.95  # 部门（单位）名称：X
DEPT_ROW = 0.85  # 部门（单位）名称 X as a table row, no colon: the name ends like an organisation
DEPT_IN_TITLE = 0.85  # the name inside a title (2024年度X部门决算)
DEPT_SELF_NAMED = 0.8  # X（以下简称…）
DEPT_SUBJECT_SENTENCE = 0.7  # X，单位性质… / X是…
YEAR_IN_TITLE = 0.95
YEAR_MOST_CITED = 0.85
TITLE = 0.9
TITLE_IN_LINE = 0.85  # the title's words found inside a line that holds other text too
KIND_FINAL = 0.95  # 决算 tables or wording
KIND_BUDGET = 0.9  # 预算 tables or wording
KIND_PROJECT_EVAL = 0.85  # 项目支出绩效自评 named, 整体 not
KIND_WHOLE_EVAL = 0.8  # 整体支出 named in a self-evaluation
KIND_GUESSED = 0.7  # a self-evaluation of no named kind, or the kind word of a title alone
KIND_UNKNOWN = 0.0  # no report structure found

# --- rules and the NER layer (recognize/entities.py) --------------------------------------------
NER_AGREED = 0.97  # rules and NER found the same span
NER_AGREE_RAISES_FROM = 0.8  # agreement raises a rule finding only from here (a doubt stays a doubt)
NER_ONLY = 0.7  # the statistical model alone: review
NER_DISAGREED = 0.75  # rules and NER read the same words differently: review
RULES = 0.9  # a mention the rules alone found

# --- the catalogue (catalog/apply.py) -----------------------------------------------------------
CATALOG_CODE_FROM_NAME = 0.8  # an unreadable code repaired from the catalogue by the printed name
CATALOG_CODE_REPLACED = 0.75  # a readable code the catalogue does not know, replaced by the name's
CATALOG_CODE_UNKNOWN = 0.75  # a code the catalogue does not know
CATALOG_NAME_FUZZY = 0.8  # an OCR-read name a character or two off, taken from the catalogue
CATALOG_NAME_PREFIX = 0.85  # a joined cell cut back to the catalogue name it starts with
CATALOG_NAME_DIFFERS = 0.75  # OCR route: the printed name is another subject's (a misread code?)
REPAIR_CONFIRMED = 0.9  # an unconfirmed repair that a check or the catalogue confirms

# --- checks (validate/) -------------------------------------------------------------------------
CONFIRMED = 0.99  # two independent printed numbers agree exactly
CONFIRMABLE = OCR_REREAD_CAP  # a value from here up is raised to CONFIRMED by an exact passing check
FAILED = 0.5  # a value in a failing check


def cap(field: Field, limit: float) -> Field:
    """Lower the field's confidence to at most `limit` (rounded as every confidence is)."""
    field.confidence = round(min(field.confidence, limit), 3)
    return field


def code_completed(status: str, kind: str) -> float:
    """The confidence of a code completed from the rows above (a `code.from_parent` repair with its
    status) or taken from the catalogue by the printed name under them (`code.from_name`)."""
    if kind == "code.from_name":
        return CODE_FROM_NAME
    if kind == "code.from_name_order":
        return CODE_FROM_NAME_ORDER
    if status == "confirmed":
        return CODE_FROM_PARENT
    return CODE_FROM_PARENT_DOUBT if status == "doubt" else CODE_FROM_PARENT_UNCONFIRMED


def confirm_repairs(field: Field, by: str) -> None:
    """The unconfirmed repairs of the field confirmed by `by` (a check's rule, the catalogue)."""
    for r in field.repairs:
        if r.status == "unconfirmed":
            r.status, r.by = "confirmed", by


# repairs a passing check can confirm: an OCR misreading (a speck, a doubled point) is independent
# of the sums, so amounts that add up confirm it. A layout guess (which column an amount stands in,
# `layout.*`) is not: a reader may have chosen the placement that makes the same sums hold, and
# the leftmost guess applied to a parent and its children passes them whatever the truth.
CHECKABLE_REPAIRS = ("ocr.",)


def confirm_by_check(field: Field, rule: str) -> None:
    """An exact passing check confirms the field: a sound reading becomes CONFIRMED; an uncertain
    OCR repair that the amounts confirm rises to REPAIR_CONFIRMED; anything else keeps its doubt
    (a layout guess among them: see CHECKABLE_REPAIRS)."""
    if field.confidence >= CONFIRMABLE:
        field.confidence = max(field.confidence, CONFIRMED)
        return
    open_repairs = [r for r in field.repairs if r.status == "unconfirmed"]
    if open_repairs and all(r.kind.startswith(CHECKABLE_REPAIRS) for r in open_repairs):
        field.confidence = max(field.confidence, REPAIR_CONFIRMED)
        field.notes.append(f"repair confirmed by check {rule}")
        confirm_repairs(field, f"check {rule}")


# a reader's guess of which alike part column is which (structure/column_runs.py): settled, once every
# table is read, by evidence that is no such guess (validate/column_order.py)
COLUMN_ORDER = "layout.column_order"
# an empty cell an amount a reader could not place may belong to (structure/detached_sides.py,
# spaced_sides.py): a sum over such a cell is not evaluable (validate/checks.py)
AMOUNT_UNPLACED = "layout.amount_unplaced"


def confirm_column_order(field: Field, by: str) -> None:
    """The field's column-order guess settled by `by`: the repair is confirmed and its note says so;
    with no other doubt left the field rises to REPAIR_CONFIRMED (an exact passing check may then
    raise it further, as any sound reading)."""
    for r in field.repairs:
        if r.kind == COLUMN_ORDER and r.status == "unconfirmed":
            was = r.describe()
            r.status, r.by = "confirmed", by
            r.note = f"column order confirmed by {by}"
            field.notes = [r.note if n == was else n for n in field.notes]
    open_doubts = [r for r in field.repairs if r.status in ("unconfirmed", "doubt")]
    if not open_doubts and not any(n in ("column position uncertain", "column name guessed", "masked value")
                                   or n.startswith("OCR") for n in field.notes):
        field.confidence = max(field.confidence, REPAIR_CONFIRMED)


def fail_by_check(field: Field, whys: list[str]) -> None:
    """A failing check: the field drops to FAILED and says why."""
    field.confidence = min(field.confidence, FAILED)
    for w in whys:
        if w not in field.notes:
            field.notes.append(w)


def ocr_score_note(score: Optional[float]) -> Optional[str]:
    """The note an OCR score earns, when it is low enough to mention."""
    if score is not None and score < OCR_NOTE_BELOW:
        return f"OCR score {score:.2f}"
    return None
