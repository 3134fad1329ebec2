"""Tests of scripts/make_samples.py: the synthetic reports are deterministic, their truth is
internally consistent, the truth is what the text says, and noise damages only the form."""
from __future__ import annotations

import importlib.util
import json
import re
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("make_samples", ROOT / "scripts" / "make_samples.py")
ms = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("make_samples", ms)
_spec.loader.exec_module(ms)

SEEDS = list(range(40))


def D(v) -> Decimal:
    return Decimal(v) if v is not None else Decimal(0)


def rows_of(truth: dict, table: str) -> list[dict]:
    return truth["tables"][table]["rows"]


def by_code(rows: list[dict]) -> dict:
    return {r["code"]: r for r in rows if r["code"] is not None}


def total_row(rows: list[dict]) -> dict:
    return next(r for r in rows if r["code"] is None and r["name"] == "合计")


@pytest.fixture(scope="module")
def truths() -> dict:
    return {s: ms.generate(s)[1] for s in SEEDS}


def test_deterministic():
    for seed in (0, 7, 123):
        for layout in ms.LAYOUTS:
            a = ms.generate(seed, noise=0.5, layout=layout)
            b = ms.generate(seed, noise=0.5, layout=layout)
            assert a[0] == b[0]
            assert a[1] == b[1]
    assert ms.generate(1)[0] != ms.generate(2)[0]


def test_truth_same_for_every_layout_and_noise():
    for seed in (3, 11):
        base = ms.generate(seed)[1]
        for layout in ms.LAYOUTS:
            assert ms.generate(seed, noise=1.0, layout=layout)[1] == base


def test_truth_shape(truths):
    for t in truths.values():
        assert set(t) >= {"report", "unit", "tables", "explanations", "projects", "performance", "totals", "staff"}
        assert t["report"]["kind"] == "部门决算"
        assert 2019 <= t["report"]["year"] <= 2025
        assert t["unit"] == "万元"
        assert set(t["tables"]) == {"公开01表", "公开02表", "公开03表", "公开05表", "公开06表", "公开09表"}
        assert t["tables"]["公开05表"]["columns"] == ["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"]
        assert len(t["tables"]["公开09表"]["columns"]) == 12
        for name, table in t["tables"].items():
            for row in table["rows"]:
                assert set(row["values"]) == set(table["columns"])
                for v in row["values"].values():
                    assert v is None or re.fullmatch(r"\d+(\.\d{1,2})?", v), (name, v)
                if name == "公开01表":
                    assert row["block"] in ("收入", "支出")
        assert 2 <= len(t["projects"]) <= 5
        assert 3 <= len([e for e in t["explanations"]]) <= 8


def _check_hierarchy(rows: list[dict], col: str) -> None:
    codes = by_code(rows)
    classes = [c for c in codes if len(c) == 3]
    sections = [c for c in codes if len(c) == 5]
    items = [c for c in codes if len(c) == 7]
    for c in classes:
        assert D(codes[c]["values"][col]) == sum(D(codes[k]["values"][col]) for k in sections if k.startswith(c))
    for c in sections:
        assert D(codes[c]["values"][col]) == sum(D(codes[k]["values"][col]) for k in items if k.startswith(c))
    assert D(total_row(rows)["values"][col]) == sum(D(codes[c]["values"][col]) for c in classes)


def test_functional_tables_identities(truths):
    for t in truths.values():
        for table in ("公开02表", "公开03表", "公开05表"):
            rows = rows_of(t, table)
            for col in t["tables"][table]["columns"]:
                _check_hierarchy(rows, col)
        for r in rows_of(t, "公开05表"):
            v = r["values"]
            assert D(v["本年支出/小计"]) == D(v["本年支出/基本支出"]) + D(v["本年支出/项目支出"])
        for r in rows_of(t, "公开03表"):
            v = r["values"]
            assert D(v["本年支出合计"]) == sum(D(v[c]) for c in t["tables"]["公开03表"]["columns"][1:])
        for r in rows_of(t, "公开02表"):
            v = r["values"]
            assert D(v["本年收入合计"]) == sum(D(v[c]) for c in t["tables"]["公开02表"]["columns"][1:])
        # 02 / 03 / 05 agree row by row
        r02, r03, r05 = (rows_of(t, x) for x in ("公开02表", "公开03表", "公开05表"))
        assert [r["code"] for r in r02] == [r["code"] for r in r03] == [r["code"] for r in r05]
        for a, b, c in zip(r02, r03, r05):
            assert a["name"] == b["name"] == c["name"]
            assert D(a["values"]["本年收入合计"]) == D(b["values"]["本年支出合计"])
            assert D(a["values"]["财政拨款收入"]) == D(c["values"]["本年支出/小计"])
            assert D(b["values"]["基本支出"]) == D(c["values"]["本年支出/基本支出"])
        # the real catalogue: 类 / 款 names fixed by the code
        for r in r05:
            if r["code"]:
                c = r["code"]
                table = {3: ms.CLASSES, 5: ms.SECTIONS, 7: ms.ITEMS}[len(c)]
                assert table[c] == r["name"]


def test_table01_identities(truths):
    for t in truths.values():
        rows = rows_of(t, "公开01表")
        inc = {r["name"]: D(r["values"]["决算数"]) for r in rows if r["block"] == "收入"}
        exp = {r["name"]: D(r["values"]["决算数"]) for r in rows if r["block"] == "支出"}
        lines_in = [v for k, v in inc.items() if re.match(r"[一二三四五六七八]、", k)]
        lines_out = [v for k, v in exp.items() if re.match(r"[一二三四五六七八九十]+、", k)]
        assert inc["本年收入合计"] == sum(lines_in)
        assert exp["本年支出合计"] == sum(lines_out)
        assert inc["总计"] == inc["本年收入合计"] + inc["使用非财政拨款结余（含专用结余）"] + inc["年初结转和结余"]
        assert exp["总计"] == exp["本年支出合计"] + exp["结余分配"] + exp["年末结转和结余"]
        assert inc["总计"] == exp["总计"]
        # 支出 lines by 类 = 03's 类 rows
        r03 = by_code(rows_of(t, "公开03表"))
        for code, r in r03.items():
            if len(code) == 3:
                line = next(k for k in exp if k.endswith("、" + r["name"]))
                assert exp[line] == D(r["values"]["本年支出合计"])
        assert inc["一、一般公共预算财政拨款收入"] == D(total_row(rows_of(t, "公开05表"))["values"]["本年支出/小计"])


def test_table06_identities(truths):
    for t in truths.values():
        rows = rows_of(t, "公开06表")
        codes = by_code(rows)
        cat = {}
        for c3 in ("301", "302", "303", "307", "310", "399"):
            items = sum(D(r["values"]["决算数"]) for c, r in codes.items() if len(c) == 5 and c.startswith(c3))
            assert D(codes[c3]["values"]["决算数"]) == items, c3
            cat[c3] = items
        named = {r["name"]: D(r["values"]["决算数"]) for r in rows if r["code"] is None}
        assert named["人员经费合计"] == cat["301"] + cat["303"]
        assert named["公用经费合计"] == cat["302"] + cat["307"] + cat["310"] + cat["399"]
        basic = D(total_row(rows_of(t, "公开05表"))["values"]["本年支出/基本支出"])
        assert named["人员经费合计"] + named["公用经费合计"] == basic
        assert t["totals"]["personnel_expenditure"] == rows[-2]["values"]["决算数"]
        assert t["totals"]["public_expenditure"] == rows[-1]["values"]["决算数"]


def test_table09_identities(truths):
    for t in truths.values():
        (row,) = rows_of(t, "公开09表")
        v = row["values"]
        for blk in ("预算数", "决算数"):
            car = "公务用车购置及运行维护费"
            assert D(v[f"{blk}/{car}/小计"]) == D(v[f"{blk}/{car}/公务用车购置费"]) + D(v[f"{blk}/{car}/公务用车运行维护费"])
            assert D(v[f"{blk}/合计"]) == D(v[f"{blk}/因公出国（境）费"]) + D(v[f"{blk}/{car}/小计"]) + D(v[f"{blk}/公务接待费"])


def test_totals_explanations_projects(truths):
    for t in truths.values():
        tot = t["totals"]
        t03 = total_row(rows_of(t, "公开03表"))["values"]
        t05 = total_row(rows_of(t, "公开05表"))["values"]
        assert tot["expenditure_total"] == t03["本年支出合计"] == tot["income_total"]
        assert tot["basic_expenditure"] == t03["基本支出"]
        assert tot["project_expenditure"] == t03["项目支出"]
        assert tot["fiscal_appropriation_income"] == t05["本年支出/小计"]
        assert D(tot["basic_expenditure"]) == D(tot["personnel_expenditure"]) + D(tot["public_expenditure"])
        r05 = by_code(rows_of(t, "公开05表"))
        assert [e["code"] for e in t["explanations"]] == [c for c in r05 if len(c) == 7]
        for e in t["explanations"]:
            assert e["actual"] == r05[e["code"]]["values"]["本年支出/小计"]
            assert e["subject"] == "/".join([r05[e["code"][:3]]["name"], r05[e["code"][:5]]["name"], r05[e["code"]]["name"]])
            b, a = D(e["budget"]), D(e["actual"])
            if e["completion_rate"] is not None:
                places = len(e["completion_rate"].partition(".")[2])
                assert abs(D(e["completion_rate"]) - a / b * 100) <= Decimal("0.5") * Decimal(10) ** -places
            else:
                assert b == 0
            if e["direction"] == "等于":
                assert a == b and e["reason"] is None
            elif e["direction"] == "大于":
                assert a > b and e["reason"].endswith("。")
            elif e["direction"] == "小于":
                assert a < b and e["reason"].endswith("。")
            else:
                assert e["reason"] is None
        assert sum(D(p["actual"]) for p in t["projects"]) == D(t05["本年支出/项目支出"])
        for p in t["projects"]:
            assert p["parent"] is None
            if p["budget"] is not None:
                assert D(p["budget"]) >= D(p["actual"])
            if p["score"] is not None:
                assert p["grade"] in ("优秀", "良好", "中等")
        assert t["performance"]["indicators"] == []
        assert int(t["staff"]["authorized"]) > 0 and int(t["staff"]["actual"]) > 0


def _truth_strings(t: dict) -> list[str]:
    out = []
    for table in t["tables"].values():
        for r in table["rows"]:
            out += [v for v in r["values"].values() if v is not None]
    for e in t["explanations"]:
        out += [e["budget"], e["actual"]] + ([e["completion_rate"]] if e["completion_rate"] else [])
    for p in t["projects"]:
        out += [p[k] for k in ("budget", "actual", "completion_rate", "score") if p[k] is not None]
    out += list(t["totals"].values()) + list(t["staff"].values()) + [t["performance"]["score"]]
    return out


def _has_number(text: str, value: str) -> bool:
    return re.search(rf"(?<![\d.]){re.escape(value)}(?![\d]|\.\d)", text) is not None


def test_truth_amounts_appear_in_clean_text():
    for seed in SEEDS[:15]:
        for layout in ("flat", "pipe", "tsv"):
            text, t = ms.generate(seed, layout=layout)
            for v in _truth_strings(t):
                assert _has_number(text, v), (seed, layout, v)
            assert t["report"]["department"] in text
            for e in t["explanations"]:
                if e["reason"]:
                    assert "主要原因是：" + e["reason"] in text
                k, s, x = e["subject"].split("/")
                assert f"{k}（类）{s}（款）{x}（项）" in text
            for p in t["projects"]:
                assert p["name"] in text


NOISE_MARKS = [
    re.compile(r"\[bookmark:"), re.compile(r"PAGEREF"), re.compile(r"\*\*"), re.compile(r"[０-９％]"),
    re.compile(r"\d\. \d"), re.compile(r"第 \d+ 页,共 \d+ 页"), re.compile(r"\d,\d{3}"),
    re.compile(r"<br>"), re.compile(r"^(?:- )", re.M),
]


def test_noise_zero_leaves_no_marks():
    for seed in SEEDS[:10]:
        for layout in ms.LAYOUTS:
            text, _ = ms.generate(seed, noise=0.0, layout=layout)
            for mark in NOISE_MARKS:
                assert not mark.search(text), (seed, layout, mark.pattern)
            # header cells are whole when clean
            assert "功能分类\n科目编码" not in text
    assert ms.add_noise("abc 1.5万元", ms.random.Random(1), 0.0) == "abc 1.5万元"


def test_noise_full_produces_marks():
    for seed in range(5):
        for layout in ("flat", "pipe", "tsv", "mixed"):
            text, _ = ms.generate(seed, noise=1.0, layout=layout)
            assert "[bookmark:" in text, (seed, layout)
            assert re.search(r"[\d０-９]\. [\d０-９]", text), (seed, layout)
            assert re.search(r"第 \d+ 页,共 \d+ 页", text), (seed, layout)
            assert "PAGEREF _Toc" in text
            assert "**" in text


def _repair(text: str) -> str:
    """What a careful reader undoes: the repairs that FORMAT.md calls obvious."""
    text = text.translate(str.maketrans("０１２３４５６７８９％", "0123456789%"))
    text = re.sub(r"(\d)\. (\d)", r"\1.\2", text)
    text = re.sub(r"(\d),(\d{3})", r"\1\2", text)
    text = re.sub(r"(\d),(\d{3})", r"\1\2", text)
    return text


def test_noise_never_destroys_a_number():
    for seed in range(8):
        clean, t = ms.generate(seed)
        noisy = _repair(ms.generate(seed, noise=1.0)[0])
        assert noisy != clean
        for e in t["explanations"]:
            for v in (e["budget"], e["actual"], e["completion_rate"]):
                if v:
                    assert _has_number(noisy, v), (seed, v)
        for v in t["totals"].values():
            assert _has_number(noisy, v), (seed, v)
        for p in t["projects"]:
            assert _has_number(noisy, p["actual"])
        # lines inserted by noise never split a number
        assert not re.search(r"\d\n\n\d", noisy)


def test_layouts():
    for layout in ms.LAYOUTS:
        text, t = ms.generate(5, layout=layout)
        assert text.count("公开0") >= 9
        for n in range(1, 10):
            assert f"公开0{n}表" in text
    pipe = ms.generate(5, layout="pipe")[0]
    assert re.search(r"^\|(---\|)+$", pipe, re.M)
    assert re.search(r"^\| 合计 \|  \| ", pipe, re.M)
    tsv = ms.generate(5, layout="tsv")[0]
    assert re.search(r"^合计\t\t[\d.]+\t", tsv, re.M)
    flat = ms.generate(5, layout="flat")[0]
    assert "\n\t合计\n\t" in flat and "\n\t功能分类科目编码\n\t科目名称\n" in flat
    with pytest.raises(ValueError):
        ms.generate(1, layout="html")


def test_cli(tmp_path):
    t0 = time.perf_counter()
    assert ms.main(["--out", str(tmp_path), "--count", "3", "--seed", "10", "--noise", "0.2", "--layout", "mixed"]) == 0
    assert time.perf_counter() - t0 < 5
    for i in (1, 2, 3):
        txt = tmp_path / f"sample_{i:04d}.txt"
        truth = json.loads((tmp_path / f"sample_{i:04d}.truth.json").read_text(encoding="utf-8"))
        assert truth["file"] == txt.name
        assert txt.read_text(encoding="utf-8") == ms.generate(10 + i - 1, noise=0.2, layout="mixed")[0]


def test_bundled_sample_is_current():
    sample = ROOT / "samples" / "sample_report.txt"
    truth = json.loads((ROOT / "samples" / "sample_report.truth.json").read_text(encoding="utf-8"))
    text, t = ms.generate(7, noise=0.3, layout="flat")
    t["file"] = "sample_report.txt"
    assert sample.read_text(encoding="utf-8") == text
    assert truth == t
