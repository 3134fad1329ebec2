"""Field-level accuracy on generated reports with noise, every layout (truth from the generator)."""
from __future__ import annotations


import pytest

from conftest import ROOT
from extractor import extract
from extractor.evaluate import Score, compare

from samplegen import generate  # noqa: E402


@pytest.mark.parametrize("kind,layout,noise", [
    ("final", "flat", 0.0), ("final", "flat", 0.5), ("final", "pipe", 0.5), ("final", "tsv", 0.5),
    ("final", "mixed", 1.0), ("budget", "flat", 0.3), ("budget", "mixed", 1.0), ("self_eval", "mixed", 1.0),
])
def test_field_f1_on_generated_reports(tmp_path, kind, layout, noise):
    total = Score()
    for seed in range(1, 9):
        text, truth = generate(seed, noise=noise, layout=layout, kind=kind)
        p = tmp_path / f"r{seed}.txt"
        p.write_text(text, encoding="utf-8")
        total.merge(compare(extract(p), truth))
    assert total.tp > 600
    assert total.f1 >= 0.99, total.mismatches[:10]


def test_high_confidence_fields_are_right(tmp_path):
    """Calibration: among fields with confidence >= 0.9, at most 1% are wrong; at least 95% of the
    wrong fields are below the review threshold (so in `review`)."""
    total = Score()
    for seed in range(20, 29):
        text, truth = generate(seed, noise=1.0, layout="mixed", kind=("final", "budget", "self_eval")[seed % 3])
        p = tmp_path / f"r{seed}.txt"
        p.write_text(text, encoding="utf-8")
        total.merge(compare(extract(p), truth))
    confident = [ok for conf, ok in total.graded if conf >= 0.9]
    assert len(confident) > 1000
    assert confident.count(False) <= len(confident) * 0.01
    wrong = [conf for conf, ok in total.graded if not ok]
    assert sum(1 for conf in wrong if conf < 0.8) >= 0.95 * len(wrong)  # wrong ones are in review


def test_bundled_sample_is_right():
    import json

    report = extract(ROOT / "samples" / "sample_report.txt")
    truth = json.loads((ROOT / "samples" / "sample_report.truth.json").read_text(encoding="utf-8"))
    score = compare(report, truth)
    assert score.mismatches == [] and score.tp > 400
