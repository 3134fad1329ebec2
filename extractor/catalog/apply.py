"""The subject catalogue applied to an extracted Report: codes validated and repaired, names checked.

What it does: notes codes the catalogue does not know; repairs a code OCR could not read (or that
the catalogue does not know) from the printed name when the catalogue makes it unique under the
readable prefix; on the OCR route fuzzy-matches names a character or two off to the catalogue name;
notes names that differ from the catalogue's. Every repair lowers the confidence and says so. A
code completed from its printed 款/项 part (structure/code_tree.py) keeps its printed digits.
Each repair is recorded on the Field as a Repair and in its notes; confidences come from
evidence/policy.py.
What it does not: change amounts, or decide anything a check must settle (validate/).
"""
from __future__ import annotations

from ..datamodel import Field, Repair, Report
from ..evidence import policy
from . import all_entries, lookup, name_matches, names, norm_name


def _repaired(field: Field, kind: str, note: str, confidence: float) -> None:
    """A value the catalogue replaced: the repair as data and in words, the confidence lowered."""
    field.repairs.append(Repair(kind=kind, note=note))
    field.notes.append(note)
    field.confidence = confidence


def _repair_code(r, kind: str, prefix: str, readable: bool = False) -> bool:
    """A code OCR could not read (or that the catalogue does not know): the catalogue entry under the
    readable prefix whose name is the printed name."""
    name = norm_name(r.name.value)
    for length in (7, 5, 3):
        if len(prefix) >= length:
            continue
        cands = [e for e in all_entries(kind) if len(e.code) == length and e.code.startswith(prefix)
                 and norm_name(e.name) == name]
        if len({e.code for e in cands}) == 1:
            old = r.code.raw
            r.code.value = cands[0].code
            # a printed code changed goes to review
            _repaired(r.code, "catalog.code_by_name", f"code repaired from the catalogue by its name (printed {old!r})",
                      policy.CATALOG_CODE_REPLACED if readable else policy.CATALOG_CODE_FROM_NAME)
            r.level = {3: "类", 5: "款", 7: "项"}[length] if kind == "function" else ("类" if length == 3 else "款")
            return True
    return False


def _closest_name(candidates: list[str], printed: str):
    """The catalogue name an OCR-misread name is closest to (one or two characters off)."""
    from rapidfuzz import fuzz

    scored = sorted(((fuzz.ratio(norm_name(c), norm_name(printed)), c) for c in candidates), reverse=True)
    if scored and scored[0][0] >= 80:
        return scored[0][1]
    return None


def apply_catalogue(report: Report) -> None:
    """Subject codes checked against the catalogue; unreadable or unknown codes repaired by the
    printed name where the catalogue makes it unique; name mismatches are noted."""
    year = report.report.year.value if report.report.year else None
    ocr_route = "ocr" in report.source.route  # names read by OCR may be a character off: fuzzy-matched
    for t in report.tables:
        economic = (t.template or "").endswith(".06") or "经济分类" in " ".join(t.columns)
        kind = "economic" if economic else "function"
        for r in t.rows:
            if r.code is not None and r.code.value is None and r.code.raw:
                digits = "".join(ch for ch in r.code.raw if ch.isdigit())
                _repair_code(r, kind, digits[:5] if len(digits) >= 5 else digits[:3])
            if r.code is None or not r.code.value:
                continue
            code = str(r.code.value)
            entry = lookup(code, kind=kind, year=year if isinstance(year, int) else None)
            if entry is None:
                other = lookup(code, kind="function" if economic else "economic")
                # a code completed from its printed part keeps the printed digits (code_tree.py
                # notes where the catalogue has the name at another number)
                completed = any(rep.kind == "code.from_parent" for rep in r.code.repairs)
                if other is None and (completed or not _repair_code(r, kind, code[:-2], readable=True)):
                    r.code.notes.append("code not in the subject catalogue")
                    r.code.confidence = min(r.code.confidence, policy.CATALOG_CODE_UNKNOWN)
                continue
            printed = str(r.name.value)
            if r.code.unconfirmed() and name_matches(code, printed, kind=kind):
                # an uncertain OCR repair of the code that the catalogue confirms by the printed name
                r.code.confidence = max(r.code.confidence, policy.REPAIR_CONFIRMED)
                r.code.notes.append("repair confirmed by the catalogue (code and name agree)")
                policy.confirm_repairs(r.code, "catalogue")
            if not name_matches(code, printed, kind=kind) and ocr_route:
                best = _closest_name(names(code, kind=kind), printed)
                if best is not None:
                    r.name.value = best
                    _repaired(r.name, "catalog.name_fuzzy", f"name repaired from the catalogue (read as {printed!r})",
                              min(r.name.confidence, policy.CATALOG_NAME_FUZZY))
                    continue
            if not name_matches(code, printed, kind=kind):
                known = names(code, kind=kind)
                prefix = next((n for n in known if printed.replace(" ", "").startswith(n) and n), None)
                if prefix and r.name.notes:
                    # a joined cell that holds the catalogue name plus converter debris
                    r.name.value = prefix
                    _repaired(r.name, "catalog.name_prefix", f"name repaired from the catalogue: printed {printed!r}",
                              min(r.name.confidence, policy.CATALOG_NAME_PREFIX))
                else:
                    r.name.notes.append(f"catalogue name of {code} is {entry.name}")
                    if ocr_route:  # a code misread as another code: the name disagrees
                        r.code.confidence = min(r.code.confidence, policy.CATALOG_NAME_DIFFERS)
                        r.code.notes.append(f"printed name differs from the catalogue's ({entry.name})")


