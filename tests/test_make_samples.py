"""Tests of the sample generator (scripts/samplegen, scripts/make_samples.py): the synthetic
reports are deterministic, their truth is internally consistent, the truth is what the text says,
and noise damages only the form."""
from __future__ import annotations

import json
import random
import re
import time
from decimal import Decimal
from pathlib import Path

import pytest

import samplegen as ms
from samplegen import __main__ as cli

ROOT = Path(__file__).resolve().parents[1]

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
    assert ms.add_noise("abc 1.5万元", random.Random(1), 0.0) == "abc 1.5万元"


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
    t0 = time.process_time()
    assert cli.main(["--out", str(tmp_path), "--count", "3", "--seed", "10", "--noise", "0.2", "--layout", "mixed"]) == 0
    assert time.process_time() - t0 < 5
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


# ---------------------------------------------------------------------------------------------
# kind="budget" (部门预算) and kind="self_eval" (整体支出绩效自评报告)
# ---------------------------------------------------------------------------------------------

NEW_KINDS = ("budget", "self_eval")
BUDGET_KEYS = [canon for canon, _ in ms.BUDGET_TABLES[:8]]


@pytest.fixture(scope="module")
def budgets() -> dict:
    return {s: ms.generate(s, kind="budget")[1] for s in SEEDS}


@pytest.fixture(scope="module")
def self_evals() -> dict:
    return {s: ms.generate(s, kind="self_eval")[1] for s in SEEDS}


def W(v: str, unit: str) -> Decimal:
    """A table amount in 万元 as the narrative prints it (元 rounded half up to 0.01 万元)."""
    d = Decimal(v)
    if unit == "元":
        return (d / 10000).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    return d


def btables(t: dict) -> dict:
    """The budget tables by canonical title, whatever the printed keys (表N or the title)."""
    keys = list(t["tables"])
    if keys[0] == "表1":
        assert keys == [f"表{i}" for i in range(1, 9)]
        return dict(zip(BUDGET_KEYS, t["tables"].values()))
    assert keys == BUDGET_KEYS
    return t["tables"]


def test_kinds_deterministic_and_layout_free():
    for kind in NEW_KINDS:
        for seed in (0, 7, 123):
            base = ms.generate(seed, kind=kind)[1]
            for layout in ms.LAYOUTS:
                a = ms.generate(seed, noise=0.5, layout=layout, kind=kind)
                b = ms.generate(seed, noise=0.5, layout=layout, kind=kind)
                assert a == b
                assert a[1] == base
                assert ms.generate(seed, noise=1.0, layout=layout, kind=kind)[1] == base
        assert ms.generate(1, kind=kind)[0] != ms.generate(2, kind=kind)[0]
    with pytest.raises(ValueError):
        ms.generate(1, kind="audit")


def test_final_is_the_default_kind():
    for seed in (7, 8):
        assert ms.generate(seed, 0.3, "flat") == ms.generate(seed, 0.3, "flat", kind="final")


def test_mixed_kind():
    seen = set()
    for seed in range(9):
        kind = ms.kind_for(seed)
        seen.add(kind)
        assert ms.generate(seed, 0.2, "pipe", kind="mixed") == ms.generate(seed, 0.2, "pipe", kind=kind)
    assert seen == {"final", "budget", "self_eval"}


def test_budget_truth_shape(budgets):
    numbered = 0
    for t in budgets.values():
        assert set(t) >= {"report", "unit", "tables", "explanations", "projects", "performance", "totals", "staff",
                          "targets"}
        assert t["report"]["kind"] == "部门预算"
        assert 2020 <= t["report"]["year"] <= 2026
        assert t["unit"] == "万元"
        numbered += list(t["tables"])[0] == "表1"
        tb = btables(t)
        for name, table in tb.items():
            assert table["unit"] in ("万元", "元")
            for row in table["rows"]:
                assert set(row["values"]) <= set(table["columns"])
                for v in row["values"].values():
                    assert v is None or re.fullmatch(r"\d+(\.\d{1,2})?", v), (name, v)
                if name in ("收支预算总表", "财政拨款收支预算总表"):
                    assert row["block"] in ("收入", "支出")
                else:
                    assert set(row["values"]) == set(table["columns"])
        cols3 = tb["支出预算表"]["columns"]
        assert [c.split("/")[-1] for c in cols3] == ["合计", "基本支出", "项目支出"]
        assert [c.split("/")[-1] for c in tb["一般公共预算“三公”经费支出预算表"]["columns"]] == \
            ["合计", "因公出国（境）费", "小计", "购置费", "运行费", "公务接待费"]
        assert tb["一般公共预算基本支出预算表"]["columns"] in (["预算数"], ["合计", "人员经费", "公用经费"])
        assert 1 <= len(t["projects"]) <= 3
        assert t["performance"] == {"score": None, "grade": None, "indicators": []}
        for e in t["explanations"]:
            assert e["actual"] is None and e["completion_rate"] is None
            assert e["direction"] in ("增加", "减少", "持平")
    assert 0 < numbered < len(budgets)


def _col(table: dict, last: str) -> str:
    return next(c for c in table["columns"] if c.split("/")[-1] == last)


def _budget_hierarchy(rows: list[dict], col: str) -> None:
    codes = by_code(rows)
    for c in codes:
        if len(c) in (3, 5):
            kids = [k for k in codes if k.startswith(c) and len(k) == len(c) + 2]
            assert D(codes[c]["values"][col]) == sum(D(codes[k]["values"][col]) for k in kids), (c, col)
    assert D(total_row(rows)["values"][col]) == sum(D(codes[c]["values"][col]) for c in codes if len(c) == 3)


def test_budget_identities(budgets):
    for t in budgets.values():
        tb = btables(t)
        inc, spend, gen = tb["收入预算表"], tb["支出预算表"], tb["一般公共预算支出预算表"]
        for table in (inc, spend, gen):
            for col in table["columns"]:
                _budget_hierarchy(table["rows"], col)
        for row in inc["rows"]:
            v = [D(x) for x in row["values"].values()]
            assert v[0] == sum(v[1:])
        for table in (spend, gen):
            for row in table["rows"]:
                v = [D(x) for x in row["values"].values()]
                assert v[0] == v[1] + v[2]
        # 收入 = 支出 row by row; 一般公共预算 = the 一般公共预算拨款收入 column
        assert [r["code"] for r in inc["rows"]] == [r["code"] for r in spend["rows"]]
        for a, b in zip(inc["rows"], spend["rows"]):
            assert D(a["values"][inc["columns"][0]]) == D(b["values"][spend["columns"][0]])
        fiscal_in = {r["code"]: D(r["values"][_col(inc, "一般公共预算拨款收入")]) for r in inc["rows"]}
        for r in gen["rows"]:
            assert D(r["values"][gen["columns"][0]]) == fiscal_in[r["code"]]
        # 收支预算总表
        rows = tb["收支预算总表"]["rows"]
        i = {r["name"]: D(r["values"]["预算数"]) for r in rows if r["block"] == "收入"}
        o = {r["name"]: D(r["values"]["预算数"]) for r in rows if r["block"] == "支出"}
        assert i["本年收入合计"] == sum(v for k, v in i.items() if re.match(r"[一二三四五六七八九]、", k))
        assert o["本年支出合计"] == sum(v for k, v in o.items() if re.match(r"[一二三四五六七八九十]+、", k))
        assert i["收入总计"] == i["本年收入合计"] + i["上年结转"] == o["支出总计"]
        assert o["支出总计"] == o["本年支出合计"] + o["年终结转结余"]
        assert i["收入总计"] == D(total_row(inc["rows"])["values"][inc["columns"][0]])
        assert i["上年结转"] == D(total_row(inc["rows"])["values"][_col(inc, "上年结转")])
        # 财政拨款收支预算总表
        rows = tb["财政拨款收支预算总表"]["rows"]
        fi = {r["name"]: r["values"] for r in rows if r["block"] == "收入"}
        fo = {r["name"]: r["values"] for r in rows if r["block"] == "支出"}
        gen_total = D(total_row(gen["rows"])["values"][gen["columns"][0]])
        assert D(fi["收入总计"]["预算数"]) == sum(D(v["预算数"]) for k, v in fi.items() if "、" in k) == gen_total
        assert D(fo["支出总计"]["合计"]) == sum(D(v["合计"]) for k, v in fo.items() if "、" in k) == gen_total
        for v in fo.values():
            assert D(v["合计"]) == D(v["一般公共预算"]) + D(v["政府性基金预算"]) + D(v["国有资本经营预算"])
        # 基本支出 (经济分类) = 一般公共预算 基本支出
        econ = tb["一般公共预算基本支出预算表"]
        ec = econ["columns"][0]
        codes = by_code(econ["rows"])
        for c in (c for c in codes if len(c) == 3):
            assert D(codes[c]["values"][ec]) == sum(D(codes[k]["values"][ec]) for k in codes if len(k) == 5 and k[:3] == c)
        assert D(total_row(econ["rows"])["values"][ec]) == sum(D(codes[c]["values"][ec]) for c in codes if len(c) == 3) \
            == D(total_row(gen["rows"])["values"][gen["columns"][1]])
        if len(econ["columns"]) == 3:
            for r in econ["rows"]:
                v = r["values"]
                assert D(v["合计"]) == D(v["人员经费"]) + D(v["公用经费"])
        # 三公
        (row,) = tb["一般公共预算“三公”经费支出预算表"]["rows"]
        v = [D(x) for x in row["values"].values()]
        assert v[0] == v[1] + v[2] + v[5] and v[2] == v[3] + v[4]
        assert tb["政府性基金预算支出表"]["rows"][0]["name"] == "合计"


def test_budget_totals_explanations_projects(budgets):
    for t in budgets.values():
        tb = btables(t)
        tot = t["totals"]
        unit = tb["收入预算表"]["unit"]
        spend = tb["支出预算表"]
        srow = total_row(spend["rows"])["values"]
        assert D(tot["income_total"]) == W(srow[spend["columns"][0]], unit) == D(tot["expenditure_total"])
        assert D(tot["basic_expenditure"]) == W(srow[spend["columns"][1]], unit)
        assert D(tot["project_expenditure"]) == W(srow[spend["columns"][2]], unit)
        slack = Decimal("0.01") if unit == "元" else 0   # each figure rounded on its own
        assert abs(D(tot["basic_expenditure"]) + D(tot["project_expenditure"]) - D(tot["income_total"])) <= slack
        three = tb["一般公共预算“三公”经费支出预算表"]
        assert D(tot["three_public_total"]) == W(three["rows"][0]["values"][three["columns"][0]], three["unit"])
        gen = tb["一般公共预算支出预算表"]
        items = {r["code"]: r for r in gen["rows"] if r["code"] and len(r["code"]) == 7}
        assert [e["code"] for e in t["explanations"]] == list(items)
        for e in t["explanations"]:
            assert D(e["budget"]) == W(items[e["code"]]["values"][gen["columns"][0]], gen["unit"])
            rows = by_code(gen["rows"])
            assert e["subject"] == "/".join(rows[e["code"][:n]]["name"] for n in (3, 5, 7))
            if e["direction"] == "持平":
                assert e["change"] is None and e["change_rate"] is None and e["reason"] is None
            else:
                assert e["reason"].endswith("。")
                assert e["change"] is not None or e["change_rate"] is not None
                if e["change"] is not None and e["change_rate"] is not None:
                    b, c = D(e["budget"]), D(e["change"])
                    prev = b - c if e["direction"] == "增加" else b + c
                    places = len(e["change_rate"].partition(".")[2])
                    assert abs(D(e["change_rate"]) - c / prev * 100) <= Decimal("0.5") * Decimal(10) ** -places
        assert sum(D(p["budget"]) for p in t["projects"]) <= D(tot["project_expenditure"]) + Decimal("0.01")
        for p in t["projects"]:
            assert p["actual"] is None and p["budget"] is not None
            assert any(x["project"] == p["name"] for x in t["targets"])
        assert int(t["staff"]["authorized"]) > 0


def test_self_eval_truth(self_evals):
    for t in self_evals.values():
        assert t["report"]["kind"] == "整体支出绩效自评"
        assert t["tables"] == {} and t["explanations"] == []
        perf = t["performance"]
        inds = perf["indicators"]
        assert len(inds) >= 6
        weights = sum(int(i["weight"]) for i in inds)
        scores = sum(D(i["score"]) for i in inds)
        assert weights in (90, 100)
        assert {i["level1"] for i in inds} <= {"产出指标", "效益指标", "满意度指标", "成本指标"}
        for i in inds:
            assert "分" not in i["level1"] and D(i["score"]) <= D(i["weight"])
            assert i["level2"] in ms.LEVEL2[i["level1"]]
        if weights == 100:
            assert D(perf["score"]) == scores
        else:
            assert Decimal(90) >= D(perf["score"]) - scores > 0
        if perf["grade"] is not None:
            assert perf["grade"] in ("优", "良", "中", "差", "优秀", "良好", "中等", "较差")
        tot = t["totals"]
        assert D(tot["basic_expenditure"]) == D(tot["personnel_expenditure"]) + D(tot["public_expenditure"])
        assert D(tot["expenditure_total"]) == D(tot["basic_expenditure"]) + D(tot["project_expenditure"])
        assert tot["expenditure_total"] == tot["fiscal_appropriation_income"]
        assert sum(D(p["actual"]) for p in t["projects"]) == D(tot["project_expenditure"])
        for p in t["projects"]:
            assert D(p["budget"]) >= D(p["actual"])
            if p["completion_rate"] is not None:
                places = len(p["completion_rate"].partition(".")[2])
                rate = D(p["actual"]) / D(p["budget"]) * 100
                assert abs(D(p["completion_rate"]) - rate) <= Decimal("0.5") * Decimal(10) ** -places
    grades = {t["performance"]["grade"] is None for t in self_evals.values()}
    assert grades == {True, False}


def _sep(v: str) -> str:
    ip, _, frac = v.partition(".")
    return f"{int(ip):,}" + (f".{frac}" if frac else "")


def test_new_kinds_truth_appears_in_clean_text():
    for seed in SEEDS[:12]:
        for layout in ("flat", "pipe", "tsv"):
            text, t = ms.generate(seed, layout=layout, kind="budget")
            for table in t["tables"].values():
                for r in table["rows"]:
                    for v in r["values"].values():
                        if v is not None:
                            assert _has_number(text, v) or _has_number(text, _sep(v)), (seed, layout, v)
                    if r["code"]:
                        assert r["code"] in text
            for e in t["explanations"]:
                k, s, x = e["subject"].split("/")
                assert f"{k}（类）{s}（款）{x}（项）" in text
                for v in (e["budget"], e["change"], e["change_rate"]):
                    if v:
                        assert _has_number(text, v), (seed, v)
                if e["reason"]:
                    assert "主要原因是：" + e["reason"] in text
            for x in t["targets"]:
                assert x["name"] in text and x["target"] in text
            for p in t["projects"]:
                assert p["name"] in text and _has_number(text, p["budget"])
            for v in list(t["totals"].values()) + list(t["staff"].values()):
                assert _has_number(text, v), (seed, v)
            assert f"{t['report']['year']}年{t['report']['department']}部门预算" in text

            text, t = ms.generate(seed, layout=layout, kind="self_eval")
            assert t["report"]["department"] in text
            for p in t["projects"]:
                assert p["name"] in text
                for k in ("budget", "actual", "completion_rate"):
                    if p[k]:
                        assert _has_number(text, p[k]), (seed, p[k])
            for v in list(t["totals"].values()) + list(t["staff"].values()) + [t["performance"]["score"]]:
                assert _has_number(text, v), (seed, v)
            for i in t["performance"]["indicators"]:
                assert i["name"] in text and i["target"] in text and i["actual"] in text
            assert re.search(rf"总分[\s|]*100[\s|]*{re.escape(t['performance']['score'])}(?![\d.])", text)


def test_new_kinds_layouts():
    for kind in NEW_KINDS:
        for layout in ms.LAYOUTS:
            text, _ = ms.generate(11, layout=layout, kind=kind)
            assert len(text) > 3000
    pipe = ms.generate(5, layout="pipe", kind="budget")[0]
    assert re.search(r"^\|(---\|)+$", pipe, re.M)
    assert re.search(r"^\| 一级指标 \| 二级指标 \| 三级指标 \| 指标值 \|$", pipe, re.M)
    flat = ms.generate(5, layout="flat", kind="self_eval")[0]
    assert "\t绩\n效\n指\n标\n\n\t一级指标\n\t二级指标\n" in flat
    tsv = ms.generate(5, layout="tsv", kind="self_eval")[0]
    assert "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施" in tsv
    # some budgets print their tables in 元 with thousands separators, the narrative staying in 万元
    yuan = [s for s in range(20) if "单位：元" in ms.generate(s, kind="budget")[0]]
    assert yuan and any(re.search(r"\d,\d{3}\.\d\d", ms.generate(s, kind="budget")[0]) for s in yuan)


def test_new_kinds_noise():
    for kind in NEW_KINDS:
        marks: set[str] = set()
        for seed in range(6):
            clean, t = ms.generate(seed, kind=kind)
            for layout in ("flat", "pipe", "tsv"):
                assert ms.generate(seed, noise=0.0, layout=layout, kind=kind)[0] == ms.generate(seed, layout=layout, kind=kind)[0]
                noisy = ms.generate(seed, noise=1.0, layout=layout, kind=kind)[0]
                marks |= {m for m in ("[bookmark:", "PAGEREF _Toc", "**", "<br>") if m in noisy}
                # the noise finds these reports' tables: page footers land between their rows
                assert re.search(r"第 \d+ 页,共 \d+ 页", noisy), (kind, seed, layout)
                rep = _repair(noisy)
                # no number split by inserted lines (the table of contents ends with a page number and
                # these reports open with a year: that pair is not a split)
                assert not re.search(r"(?m)^(?!.*PAGEREF).*\d\n\n\d", rep)
                for v in t["totals"].values():
                    assert _has_number(rep, v), (kind, seed, v)
                for e in t["explanations"]:
                    assert _has_number(rep, e["budget"])
        assert marks >= {"[bookmark:", "PAGEREF _Toc", "**"}, kind
        if kind == "budget":
            assert "<br>" in marks   # header cells broken over lines
        # the annex list prints “附件：1. 2024年度…” / “2. 2024年度…”, as the real reports do
        clean = re.sub(r"(?m)^(附件：)?([12])\. (?=\d{4}年度)", r"\1\2.", ms.generate(3, kind=kind)[0])
        for mark in NOISE_MARKS:
            if mark.pattern != r"\d,\d{3}":   # 元 tables print thousands separators even when clean
                assert not mark.search(clean), (kind, mark.pattern)


def test_cli_kinds(tmp_path):
    t0 = time.process_time()
    assert cli.main(["--out", str(tmp_path), "--count", "60", "--seed", "3", "--noise", "0.3", "--layout", "mixed",
                     "--kind", "mixed"]) == 0
    assert time.process_time() - t0 < 5
    kinds = set()
    for i in (1, 2, 3, 60):
        txt = tmp_path / f"sample_{i:04d}.txt"
        truth = json.loads((tmp_path / f"sample_{i:04d}.truth.json").read_text(encoding="utf-8"))
        text, t = ms.generate(3 + i - 1, noise=0.3, layout="mixed", kind="mixed")
        assert txt.read_text(encoding="utf-8") == text
        t["file"] = txt.name
        assert truth == t
        kinds.add(truth["report"]["kind"])
    assert kinds == {"部门决算", "部门预算", "整体支出绩效自评"}
    assert cli.main(["--out", str(tmp_path / "b"), "--count", "1", "--kind", "budget", "--name", "b"]) == 0
    assert json.loads((tmp_path / "b" / "b.truth.json").read_text(encoding="utf-8"))["report"]["kind"] == "部门预算"
