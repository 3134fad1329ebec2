"""The command line and the Python API: outputs, exit codes, bad input, encodings, batch runs."""
from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT
from extractor import ExtractionError, extract, json_schema
from extractor.batch import run_batch
from extractor.cli import main
from extractor.pipeline import Options

SAMPLE = ROOT / "samples" / "sample_report.txt"


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=120)


def test_extract_stdout_is_valid_json_matching_schema_and_api():
    proc = run_cli("extract", str(SAMPLE))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout, parse_float=Decimal)
    jsonschema.validate(json.loads(proc.stdout), json_schema())
    assert data["schema_version"] == "1.3"
    assert data["report"]["kind"]["value"] == "部门决算"
    assert proc.stderr == ""  # nothing but JSON on stdout, nothing on stderr without -v
    api = extract(SAMPLE).model_dump_json()
    stable = lambda d: {k: v for k, v in d.items() if k != "timings"}  # noqa: E731
    assert stable(json.loads(api)) == stable(json.loads(proc.stdout))


def test_extract_to_file_pretty_and_verbose(tmp_path):
    out = tmp_path / "r.json"
    assert main(["extract", str(SAMPLE), "-o", str(out), "--pretty", "-v"]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("{\n  ")
    assert json.loads(text)["source"]["sha256"]


def test_amounts_keep_printed_precision(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("2023年度部门决算\n本年收入合计204.60万元，其中：财政拨款收入204.60万元。\n", encoding="utf-8")
    text = extract(p).model_dump_json()
    assert '"value":204.60' in text
    data = json.loads(text, parse_float=Decimal)
    assert data["totals"]["income_total"]["value"] == Decimal("204.60")


def test_schema_command():
    proc = run_cli("schema")
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    assert "Field" in json.dumps(schema) and schema["title"] == "Report"


@pytest.mark.parametrize("content,cause", [
    (b"", "empty file"),
    (b"\x00\x01\x02\x03binary\xff\xfe" * 100, "binary data"),
    (b"   \n\n\t  \n", "only whitespace"),
])
def test_bad_input_clear_error(tmp_path, content, cause):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    proc = run_cli("extract", str(p))
    assert proc.returncode == 1
    assert str(p) in proc.stderr and cause in proc.stderr
    assert "Traceback" not in proc.stderr


def test_missing_file_and_usage_errors(tmp_path):
    proc = run_cli("extract", str(tmp_path / "nope.txt"))
    assert proc.returncode == 1 and "file not found" in proc.stderr
    assert run_cli("extract").returncode == 2
    assert run_cli("frobnicate").returncode == 2
    assert run_cli("batch", str(tmp_path), "-o", str(tmp_path / "o.jsonl"), "--workers", "0").returncode == 2


def test_huge_file_refused(tmp_path):
    p = tmp_path / "huge.txt"
    p.write_bytes(("本年收入合计1.00万元。\n" * 10).encode() + b"x" * 50_000_000)
    proc = run_cli("extract", str(p))
    assert proc.returncode == 1 and "too large" in proc.stderr and str(p) in proc.stderr


def test_wrong_extension_refused(tmp_path):
    p = tmp_path / "report.xyz"
    p.write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(ExtractionError, match="unsupported file type"):
        extract(p)
    broken = tmp_path / "scan.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(ExtractionError, match="not an image file|broken"):
        extract(broken)


def test_text_that_is_no_report(tmp_path):
    p = tmp_path / "poem.txt"
    p.write_text("床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n", encoding="utf-8")
    proc = run_cli("extract", str(p))
    data = json.loads(proc.stdout)
    assert data["report"]["kind"]["value"] == "unknown"
    assert any("not a finance disclosure report" in w["message"] for w in data["problems"])
    assert proc.returncode == 0


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig", "utf-16"])
def test_encodings(tmp_path, encoding):
    text = SAMPLE.read_text(encoding="utf-8")
    p = tmp_path / "r.txt"
    p.write_bytes(text.encode(encoding))
    report = extract(p)
    assert report.report.department.value == extract(SAMPLE).report.department.value
    assert len(report.tables) == len(extract(SAMPLE).tables)


def test_explicit_wrong_encoding_is_a_clear_error(tmp_path):
    p = tmp_path / "r.txt"
    p.write_bytes("部门决算".encode("utf-8"))
    proc = run_cli("extract", str(p), "--encoding", "ascii")
    assert proc.returncode == 1 and "cannot decode as ascii" in proc.stderr


def test_batch_resume_force_and_failures(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (src / "b.md").write_text("2023年度部门决算\n本年收入合计1.00万元。\n", encoding="utf-8")
    (src / "c.txt").write_bytes(b"")
    out = tmp_path / "feed.jsonl"
    s1 = run_batch([str(src)], out, Options(), progress=False)
    assert (s1.files, s1.ok, s1.failed, s1.skipped) == (3, 2, 1, 0)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    failed = [x for x in lines if x.get("status") == "failed"]
    assert failed == [{"file": str(src / "c.txt"), "sha256": failed[0]["sha256"], "status": "failed",
                       "stage": "ingest", "message": "empty file (0 bytes)"}]
    assert s1.fields > 100 and s1.seconds > 0
    s2 = run_batch([str(src)], out, Options(), progress=False)
    assert (s2.skipped, s2.ok, s2.failed) == (2, 0, 1)  # failures are tried again, results kept
    s3 = run_batch([str(src)], out, Options(), force=True, progress=False)
    assert (s3.skipped, s3.ok) == (0, 2)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert sum(1 for x in lines if x.get("status") == "ok") == 2  # --force replaced, did not duplicate


def test_batch_cli_with_workers(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"r{i}.txt").write_text(SAMPLE.read_text(encoding="utf-8").replace("2022", str(2019 + i)),
                                       encoding="utf-8")
    out = tmp_path / "feed.jsonl"
    proc = run_cli("batch", str(src / "*.txt"), "-o", str(out), "--workers", "2", "--no-progress")
    assert proc.returncode == 0, proc.stderr
    assert "files 3  ok 3" in proc.stderr and "files/s" in proc.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


def test_failing_recognizer_gives_partial_result(monkeypatch):
    from extractor import recognize

    def broken(ctx):
        raise RuntimeError("boom")

    monkeypatch.setitem(recognize.RECOGNIZERS, "explanations", broken)
    report = extract(SAMPLE)
    assert report.status == "partial"
    assert any(p.stage == "recognize.explanations" and "boom" in p.message for p in report.problems)
    assert report.tables and report.projects and report.report.department  # the rest is kept
    assert main(["extract", str(SAMPLE), "-o", "-"]) == 1


def test_evaluate_scores_an_extracted_json_against_a_truth_file(tmp_path):
    """`extractor evaluate TRUTH OUT` gives the scores compare() gives on the live report, and a
    value a person changes in the JSON shows as a mismatch."""
    from conftest import EXPECTED, seed_path
    from extractor.datamodel.jsonout import dumps
    from extractor.evaluate import compare, load_truth

    seed = seed_path("000")
    out = tmp_path / "000.json"
    assert run_cli("extract", str(seed), "-o", str(out)).returncode == 0
    proc = run_cli("evaluate", str(EXPECTED / "seed_000.json"), str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    scores = json.loads(proc.stdout)
    live = compare(extract(seed), load_truth(EXPECTED / "seed_000.json"))
    assert (scores["right"], scores["wrong_or_spurious"], scores["missing"]) == (live.tp, live.fp, live.fn)
    assert scores["right"] > 100 and scores["f1"] == round(live.f1, 6)
    data = json.loads(out.read_text(encoding="utf-8"), parse_float=Decimal)
    table = next(t for t in data["tables"] if t["code"] == "公开05表")
    row = next(r for r in table["rows"] if r["code"] and r["code"]["value"] == "2010350")
    row["values"]["本年支出/小计"]["value"] = Decimal("999.99")
    out.write_text(dumps(data), encoding="utf-8")  # amounts stay JSON numbers
    proc = run_cli("evaluate", str(EXPECTED / "seed_000.json"), str(out))
    assert proc.returncode == 0, proc.stderr
    assert "expected '174.23', got Decimal('999.99')" in proc.stdout and "total" in proc.stdout
    bad = run_cli("evaluate", str(EXPECTED / "seed_000.json"), str(tmp_path / "missing.json"))
    assert bad.returncode == 1 and "missing.json" in bad.stderr
