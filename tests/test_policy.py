"""The confidence policy's rules that move a confidence (evidence/policy.py)."""
from __future__ import annotations

from extractor.datamodel import Repair, make_field
from extractor.evidence import policy


def _field(confidence: float, *repairs: Repair):
    f = make_field(value=1, raw="1", confidence=confidence, notes=[r.describe() for r in repairs])
    f.repairs = list(repairs)
    return f


def test_a_passing_check_confirms_a_sound_reading_and_an_ocr_repair():
    sound = _field(0.97)
    policy.confirm_by_check(sound, "table.children_sum")
    assert sound.confidence == policy.CONFIRMED
    speck = _field(0.6, Repair(kind="ocr.mark_dropped", note="OCR: mark after the number dropped", status="unconfirmed"))
    policy.confirm_by_check(speck, "table.children_sum")
    assert speck.confidence == policy.REPAIR_CONFIRMED
    assert speck.repairs[0].status == "confirmed" and speck.repairs[0].by == "check table.children_sum"
    assert speck.notes[-1] == "repair confirmed by check table.children_sum"


def test_a_layout_guess_is_not_confirmed_by_the_sums_it_may_have_been_chosen_to_satisfy():
    guess = _field(0.6, Repair(kind="layout.column_guess", note="column uncertain", status="unconfirmed"))
    policy.confirm_by_check(guess, "table.children_sum")
    assert guess.confidence == 0.6 and guess.repairs[0].status == "unconfirmed"
    assert guess.confidence < policy.REVIEW_THRESHOLD
    both = _field(0.6, Repair(kind="ocr.mark_dropped", note="x", status="unconfirmed"),
                  Repair(kind="layout.column_guess", note="y", status="unconfirmed"))
    policy.confirm_by_check(both, "table.children_sum")
    assert both.confidence == 0.6  # one doubt the check cannot settle keeps the field in review


def test_a_failing_check_drops_the_field_and_says_why():
    f = _field(0.99)
    policy.fail_by_check(f, ["failed check table.total_row: 1 != 2", "failed check table.total_row: 1 != 2"])
    assert f.confidence == policy.FAILED and f.notes == ["failed check table.total_row: 1 != 2"]


def test_a_settled_column_order_confirms_its_guess_and_only_a_field_with_no_other_doubt_rises():
    order = Repair(kind="layout.column_order", note="column uncertain", status="unconfirmed")
    f = _field(0.6, order)
    f.notes.insert(0, "thousands separator")
    policy.confirm_column_order(f, "the 合计 of 基本支出表")
    assert f.confidence == policy.REPAIR_CONFIRMED
    assert f.repairs[0].status == "confirmed" and f.repairs[0].by == "the 合计 of 基本支出表"
    assert f.notes == ["thousands separator", "column order confirmed by the 合计 of 基本支出表"]
    stray = _field(0.6, Repair(kind="layout.column_order", note="column uncertain", status="unconfirmed"),
                   Repair(kind="layout.row_guess", note="row uncertain", status="unconfirmed"))
    policy.confirm_column_order(stray, "x")
    assert stray.confidence == 0.6 and stray.repairs[1].status == "unconfirmed"
