"""The five real seed reports against hand-checked truth (tests/expected/seed_NNN.json)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import EXPECTED, seed_path
from extractor import extract
from extractor.evaluate import compare, load_truth

SEEDS = ["000", "001", "002", "003", "004"]


@pytest.fixture(scope="module")
def reports():
    cache = {}

    def get(n):
        if n not in cache:
            cache[n] = extract(seed_path(n))
        return cache[n]

    return get


@pytest.mark.parametrize("n", SEEDS)
def test_seed_matches_hand_checked_truth(reports, n):
    report = reports(n)
    truth = load_truth(EXPECTED / f"seed_{n}.json")
    score = compare(report, truth)
    assert report.status == "ok", report.problems
    assert score.mismatches == []
    assert score.f1 == 1.0
    assert score.tp > 20  # the comparison really compared something


def _table(report, template):
    return next(t for t in report.tables if t.template == template)


def test_seed_000_table_05_rows(reports):
    t = _table(reports("000"), "final.05")
    assert t.code == "公开05表" and t.unit == "万元"
    assert t.columns == ["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"]
    first = t.rows[0]
    assert first.code is None and first.name.value == "合计"
    assert [first.values[c].value for c in t.columns] == [Decimal("400.02"), Decimal("195.42"), Decimal("204.6")]
    row = next(r for r in t.rows if r.code and r.code.value == "2010399")
    assert row.name.value == "其他政府办公厅（室）及相关机构事务支出" and row.level == "项"
    assert row.values["本年支出/基本支出"].value is None
    assert row.values["本年支出/项目支出"].value == Decimal("132.18")
    assert row.values["本年支出/项目支出"].source.line is not None


def test_seed_000_side_by_side_table_01(reports):
    t = _table(reports("000"), "final.01")
    income = [r for r in t.rows if r.block == "收入"]
    spend = [r for r in t.rows if r.block == "支出"]
    assert income[0].name.value == "一般公共预算财政拨款收入" and income[0].line_no == 1
    assert income[0].values["决算数"].value == Decimal("400.02")
    assert any(r.name.value == "科学技术支出" and r.values["决算数"].value == Decimal("72.42") for r in spend)
    totals = {(r.block, r.name.value): r.values["决算数"].value for r in t.rows if r.name.value == "总计"}
    assert totals == {("收入", "总计"): Decimal("400.02"), ("支出", "总计"): Decimal("400.02")}


def test_seed_004_printed_inconsistency_is_a_failed_check(reports):
    report = reports("004")
    failed = [c for c in report.checks if not c.passed]
    hit = [c for c in failed if c.expected == Decimal("726.39") and c.found == Decimal("726.38")]
    assert hit, [c.message for c in failed]
    paths = hit[0].fields
    assert any(item.path in paths for item in report.review)
    narrative = report.totals["general_budget_basic_expenditure"]
    assert narrative.confidence <= 0.5 and any("failed check" in n for n in narrative.notes)


def test_seed_004_checks_pass_where_print_is_consistent(reports):
    report = reports("004")
    by_rule = {}
    for c in report.checks:
        by_rule.setdefault(c.rule, []).append(c)
    assert all(c.passed for c in by_rule["table.column_identity"])
    assert all(c.passed for c in by_rule["table.side_total"])
    assert all(c.passed for c in by_rule["narrative.explanation_matches_table"])
    assert len(by_rule["narrative.explanation_matches_table"]) == 9


def test_seed_003_indicators(reports):
    perf = reports("003").performance
    assert len(perf.indicators) == 24
    assert perf.score.value == Decimal("97") and perf.total_weight.value == Decimal("100")
    assert sum(i.weight.value for i in perf.indicators) == Decimal("100")
    training = next(i for i in perf.indicators if i.name.value == "培训出勤率")
    assert (training.level1.value, training.level2.value) == ("产出指标", "质量指标")
    assert (training.target.value, training.actual.value, training.score.value) == ("≥95%", "93%", Decimal("2"))


def test_seed_000_project_conflict_reported(reports):
    report = reports("000")
    bad = [c for c in report.checks if c.rule == "project.rate_matches_amounts" and not c.passed]
    assert [c.message.split(":")[0] for c in bad] == ["智慧渌口项目建设资金"]


def test_seed_001_noisy_numbers_keep_raw_text(reports):
    report = reports("001")
    total = report.totals["income_total"]
    assert total.value == Decimal("313.08") and total.raw == "313. 08"
    assert total.confidence < 0.95 and "space inside number" in total.notes
    e = report.explanations[3]  # 完成年初预\n\n算的6.8% joined across a broken line
    assert e.completion_rate.value == Decimal("6.8")


def test_contacts_stay_out_unless_asked(reports):
    path = seed_path("003")
    text = extract(path).model_dump_json()
    assert "15873386679" not in text and "龙利" not in text
    kept = extract(path, keep_contacts=True)
    assert {"role": "填表人", "name": "龙利", "phone": "15873386679"} in kept.contacts


def test_seed_001_stated_shares_checked(reports):
    report = reports("001")
    shares = {s.subject: s for s in report.shares}
    assert shares["人员经费"].total.value == Decimal("93.72") and shares["人员经费"].percent.value == Decimal("83.6")
    checks = [c for c in report.checks if c.rule == "narrative.share_matches_amounts"]
    assert len(checks) == 7 and all(c.passed for c in checks)
