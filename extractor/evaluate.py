"""`extractor evaluate TRUTH OUT`: field-level comparison of an extracted report with a truth file.

What it does: matches truth items to extracted ones (table rows by code and name, explanations by
subject, projects by name or alias, indicators by name) and counts each field as right, wrong,
missing or spurious; gives precision, recall and F1 per part and in total, and the list of
mismatches. The truth format is tests/expected/FORMAT.md: a person who corrects outputs by hand
writes the corrected values there and measures any run against them; the tests and bench.py use
the same comparison on the hand-checked seeds and the generated samples.
What it does not: extract (it reads a finished Report or its JSON) or change either file.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Optional

import regex as re

from .datamodel import Field, Report, Table


def _norm_text(s: Any) -> str:
    s = "" if s is None else str(s)
    s = "".join((s).split())
    return s.replace("(", "（").replace(")", "）").replace("“", "").replace("”", "").replace('"', "")


def _name_key(s: Any) -> str:
    """A row name as compared: normalized text without a leading item number (一、 / 1.)."""
    return re.sub(r"^(?:[一二三四五六七八九十]+、|\d+[、.．])", "", _norm_text(s))


def _dec(s: Any) -> Optional[Decimal]:
    if s is None or s == "":
        return None
    if isinstance(s, Decimal):
        return s
    try:
        return Decimal(str(s).replace(",", "").replace("%", "").strip())
    except InvalidOperation:
        return None


def _val(f: Optional[Field]) -> Any:
    return None if f is None else f.value


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    mismatches: list[str] = field(default_factory=list)
    by_part: dict[str, list[int]] = field(default_factory=dict)  # "tables" -> [tp, fp, fn]
    # (confidence, correct) for every extracted field compared, to measure calibration
    graded: list[tuple[float, bool]] = field(default_factory=list)

    def add(self, where: str, truth: Any, got: Optional[Field], kind: str = "text") -> None:
        value = _val(got)
        if kind == "amount":
            t, g = _dec(truth), _dec(value) if not isinstance(value, Decimal) else value
            same = t == g
            t_empty, g_empty = t is None, g is None
        elif kind == "int":
            same = (truth is None and value is None) or (truth is not None and value is not None and int(truth) == int(value))
            t_empty, g_empty = truth is None, value is None
        else:
            t, g = _norm_text(truth), _norm_text(value)
            same = t == g
            t_empty, g_empty = not t, not g
        if got is not None and not g_empty:
            self.graded.append((got.confidence, same))
        part = self.by_part.setdefault(where.split("[")[0].split(".")[0], [0, 0, 0])
        if same:
            if not t_empty:
                self.tp += 1
                part[0] += 1
            return
        if not t_empty:
            self.fn += 1
            part[2] += 1
        if not g_empty:
            self.fp += 1
            part[1] += 1
        self.mismatches.append(f"{where}: expected {truth!r}, got {value!r}")

    def merge(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.mismatches.extend(other.mismatches)
        self.graded.extend(other.graded)
        for k, (a, b, c) in other.by_part.items():
            mine = self.by_part.setdefault(k, [0, 0, 0])
            mine[0] += a
            mine[1] += b
            mine[2] += c

    def part_accuracy(self, part: str) -> float:
        """Share of the truth's fields of one part (e.g. "tables") extracted right."""
        tp, _, fn = self.by_part.get(part, [0, 0, 0])
        return tp / (tp + fn) if tp + fn else 1.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _find_table(report: Report, code: str) -> Optional[Table]:
    m = re.search(r"(\d+)", code)
    template = f"final.{int(m.group(1)):02d}" if m else None
    for t in report.tables:
        if t.code == code:
            return t
    for t in report.tables:
        if template and t.template == template and code.startswith("公开"):
            return t
    from .structure.templates import TEMPLATES  # titles of the templates, for unnumbered tables

    titles = {tpl.id: tpl.title for _, tpl in TEMPLATES}
    for t in report.tables:
        if t.code is None and (titles.get(t.template or "") == code or (t.title or "").endswith(code)):
            return t
    for t in report.tables:  # truth keyed by the printed title
        if t.title and "".join(t.title.split()) == "".join(code.split()):
            return t
    return None


def compare(report: Report, truth: dict) -> Score:
    s = Score()
    tr = truth.get("report", {})
    info = report.report
    if "department" in tr:
        s.add("report.department", tr["department"], info.department)
    if "year" in tr:
        s.add("report.year", tr["year"], info.year, "int")
    if "kind" in tr:
        s.add("report.kind", tr["kind"], info.kind)
    for code, tt in (truth.get("tables") or {}).items():
        table = _find_table(report, code)
        rows = list(table.rows) if table else []
        used: set[int] = set()
        for i, trow in enumerate(tt.get("rows", [])):
            where = f"tables[{code}].rows[{i}]"
            match = None
            for j, r in enumerate(rows):
                if j in used:
                    continue
                rc = str(r.code.value) if r.code is not None and r.code.value else None
                if rc == trow.get("code") and _name_key(r.name.value) == _name_key(trow.get("name")) and (
                        trow.get("block") in (None, r.block)):
                    match = j
                    break
            if match is None:
                for j, r in enumerate(rows):
                    rc = str(r.code.value) if r.code is not None and r.code.value else None
                    if j not in used and trow.get("code") and rc == trow.get("code"):
                        match = j
                        break
            got = rows[match] if match is not None else None
            if match is not None:
                used.add(match)
            s.add(where + ".code", trow.get("code"), got.code if got else None)
            s.add(where + ".name", _name_key(trow.get("name")),
                  Field(value=_name_key(got.name.value), confidence=got.name.confidence) if got else None)
            for col, v in (trow.get("values") or {}).items():
                s.add(f"{where}.values[{col}]", v, got.values.get(col) if got else None, "amount")
    exps = list(report.explanations)
    for i, te in enumerate(truth.get("explanations") or []):
        where = f"explanations[{i}]"
        got = None
        for e in exps:
            if _norm_text(e.subject.value) == _norm_text(te.get("subject")):
                got = e
                break
        if got is None and i < len(exps):
            got = exps[i]
        s.add(where + ".subject", te.get("subject"), got.subject if got else None)
        s.add(where + ".code", te.get("code"), got.code if got else None)
        for k in ("budget", "actual", "completion_rate", "change", "change_rate"):
            if k in te:
                s.add(f"{where}.{k}", te.get(k), getattr(got, k) if got else None, "amount")
        s.add(where + ".direction", te.get("direction"), got.direction if got else None)
        s.add(where + ".reason", te.get("reason"), got.reason if got else None)
    n_truth = len(truth.get("explanations") or [])
    for e in exps[n_truth:]:
        s.add("explanations[extra].subject", None, e.subject)
    projects = list(report.projects)
    used_p: set[int] = set()
    for i, tp in enumerate(truth.get("projects") or []):
        where = f"projects[{tp.get('name')}]"
        names = {_norm_text(tp.get("name"))} | {_norm_text(a) for a in tp.get("aliases", [])}
        got = None
        for j, p in enumerate(projects):
            if j in used_p:
                continue
            pnames = {_norm_text(p.name.value)} | {_norm_text(a) for a in p.aliases}
            if names & pnames and (tp.get("parent") is None or _norm_text(p.parent) == _norm_text(tp.get("parent"))):
                got = p
                used_p.add(j)
                break
        s.add(where + ".name", tp.get("name"),
              Field(value=tp.get("name"), confidence=got.name.confidence) if got else None)
        for k in ("budget", "actual", "completion_rate", "score"):
            s.add(f"{where}.{k}", tp.get(k), getattr(got, k) if got else None, "amount")
        s.add(where + ".grade", tp.get("grade"), got.grade if got else None)
    for j, p in enumerate(projects):
        if j not in used_p and truth.get("projects") is not None:
            s.add(f"projects[extra:{p.name.value}]", None, p.name)
    tperf = truth.get("performance") or {}
    if tperf:
        s.add("performance.score", tperf.get("score"), report.performance.score, "amount")
        if "grade" in tperf:
            s.add("performance.grade", tperf.get("grade"), report.performance.grade)
        inds = list(report.performance.indicators)
        for i, ti in enumerate(tperf.get("indicators") or []):
            where = f"performance.indicators[{i}]"
            got = inds[i] if i < len(inds) else None
            for k in ("level1", "level2", "name", "target", "actual"):
                s.add(f"{where}.{k}", ti.get(k), getattr(got, k) if got else None)
            for k in ("weight", "score"):
                s.add(f"{where}.{k}", ti.get(k), getattr(got, k) if got else None, "amount")
    targets = list(report.targets)
    for i, tt in enumerate(truth.get("targets") or []):
        where = f"targets[{i}]"
        got = targets[i] if i < len(targets) else None
        s.add(where + ".project", tt.get("project"), Field(value=got.project) if got else None)
        for k in ("level1", "level2", "name", "target"):
            s.add(f"{where}.{k}", tt.get(k), getattr(got, k) if got else None)
    for k, v in (truth.get("totals") or {}).items():
        s.add(f"totals.{k}", v, report.totals.get(k), "amount")
    for k, v in (truth.get("staff") or {}).items():
        s.add(f"staff.{k}", v, report.staff.get(k), "amount")
    return s


def load_truth(path: str | Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def load_report(path: str | Path) -> Report:
    """A report JSON as `extractor extract` writes it (amounts read back as exact decimals)."""
    return Report.model_validate(json.loads(Path(path).read_text(encoding="utf-8"), parse_float=Decimal))


def summary(score: Score, mismatches: int = 20) -> str:
    """The comparison as a person reads it: per part and in total, then the first mismatches."""
    rows = []
    for part in sorted(score.by_part):
        tp, fp, fn = score.by_part[part]
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        rows.append(f"{part:<14} {tp:>6} {fp:>11} {fn:>6} {p:>9.4f} {r:>9.4f} {f1:>9.4f}")
    lines = [f"{'part':<14} {'right':>6} {'wrong/extra':>11} {'miss':>6} {'precision':>9} {'recall':>9} {'F1':>9}", *rows,
             f"{'total':<14} {score.tp:>6} {score.fp:>11} {score.fn:>6} {score.precision:>9.4f} {score.recall:>9.4f} "
             f"{score.f1:>9.4f}"]
    if score.mismatches and mismatches:
        lines.append(f"\nmismatches ({len(score.mismatches)}; the first {min(mismatches, len(score.mismatches))}):")
        lines.extend(f"  {m}" for m in score.mismatches[:mismatches])
    return "\n".join(lines)


def as_dict(score: Score) -> dict:
    """The comparison as JSON data."""
    return {"precision": round(score.precision, 6), "recall": round(score.recall, 6), "f1": round(score.f1, 6),
            "right": score.tp, "wrong_or_spurious": score.fp, "missing": score.fn,
            "parts": {k: {"right": v[0], "wrong_or_spurious": v[1], "missing": v[2]} for k, v in score.by_part.items()},
            "mismatches": score.mismatches}


def span_scores(pred: list[list[tuple[int, int, str]]], gold: list[list[tuple[int, int, str]]],
                labels) -> dict[str, dict[str, float]]:
    """Exact-span entity precision / recall / F1 per label (and "ALL") over paired documents;
    `n` is the number of gold spans."""
    out = {}
    for label in list(labels) + ["ALL"]:
        tp = fp = fn = 0
        for p, g in zip(pred, gold):
            ps = {tuple(x) for x in p if label == "ALL" or x[2] == label}
            gs = {tuple(x) for x in g if label == "ALL" or x[2] == label}
            tp += len(ps & gs)
            fp += len(ps - gs)
            fn += len(gs - ps)
        prec = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / (tp + fn) if tp + fn else 1.0
        out[label] = {"p": round(prec, 4), "r": round(rec, 4),
                      "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0, "n": tp + fn}
    return out
