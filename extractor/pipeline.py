"""The pipeline: ingest -> normalize -> structure -> recognize -> validate, one Report out.

What it does: runs the stages in order on one file, timing each; a stage that fails after ingest
leaves a partial Report with `status: partial` and the error recorded in `problems` instead of
losing what earlier stages found. Ingest failures (unreadable file) raise ExtractionError.
What it does not: write files or handle many inputs (cli.py, batch.py).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Optional

from .catalog.apply import apply_catalogue
from .datamodel import Check, Document, Field, Problem, Report, SourceInfo
from .datamodel.paths import iter_fields
from .datamodel.errors import ExtractionError
from .evidence import policy
from .ingest import load
from .normalize import normalize
from .recognize import RECOGNIZERS, Context
from .recognize.contacts import PHONE, redact
from .structure import structure
from .validate import validate


@dataclass
class Options:
    encoding: Optional[str] = None
    ocr: bool = True  # read pages without a text layer (scans, images) by OCR
    ocr_engine: str = "rapid"  # rapid (PP-OCR on ONNX Runtime) | paddle (optional extra)
    dpi: int = 200  # rasterisation of PDF pages for OCR
    keep_contacts: bool = False
    ner: bool = True  # the NER layer (models/ner-zh) merged with the rules; False: rules alone
    review_threshold: float = policy.REVIEW_THRESHOLD
    max_bytes: int = 20_000_000


def _source_info(doc: Document) -> SourceInfo:
    return SourceInfo(path=doc.path, sha256=doc.sha256, format=doc.format, route=doc.route, pages=doc.pages,
                      encoding=doc.encoding, bytes=doc.size)


def _project_conflict_checks(conflicts, projects) -> list[Check]:
    out = []
    for p, attr, first, other in conflicts:
        index = next((i for i, q in enumerate(projects) if q is p), None)
        out.append(Check(
            rule="project.mentions_agree", passed=False,
            expected=first.value if isinstance(first.value, Decimal) else None,
            found=other.value if isinstance(other.value, Decimal) else None,
            message=f"{p.name.value}: {attr} printed as {first.raw} (line {first.source.line}) and {other.raw} "
                    f"(line {other.source.line})",
            fields=[f"projects[{index}].{attr}"] if index is not None else []))
    return out


def extract(path: str | Path, options: Optional[Options] = None, **kwargs) -> Report:
    """Extract one report file into a Report. Keyword arguments set Options fields."""
    opts = options or Options(**kwargs)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    doc = load(path, encoding=opts.encoding, max_bytes=opts.max_bytes, ocr=opts.ocr, dpi=opts.dpi)
    timings["ingest"] = time.perf_counter() - t0
    if doc.scans:
        if not opts.ocr:
            raise ExtractionError(doc.path, "ocr", "the file is a page image: it needs OCR, which was turned off")
        t = time.perf_counter()
        try:
            from .ocr import read_scans

            read_scans(doc, opts.ocr_engine)
        except (ImportError, RuntimeError, ValueError) as exc:
            raise ExtractionError(doc.path, "ocr", f"OCR engine {opts.ocr_engine!r} unavailable: {exc}") from None
        timings["ocr"] = time.perf_counter() - t
    for k, v in doc.timings.items():
        timings[f"ingest.{k}"] = v
    report = Report(source=_source_info(doc))
    for stage, severity, message in doc.problems:
        report.problems.append(Problem(stage=stage, severity=severity, message=message))
    stage = "normalize"
    try:
        t = time.perf_counter()
        ndoc = normalize(doc)
        timings["normalize"] = time.perf_counter() - t
        stage = "structure"
        t = time.perf_counter()
        st = structure(ndoc)
        report.tables = st.tables
        for st_stage, severity, message in st.problems:
            report.problems.append(Problem(stage=st_stage, severity=severity, message=message))
        timings["structure"] = time.perf_counter() - t
        ctx = Context(structured=st, report=report, keep_contacts=opts.keep_contacts, ner=opts.ner)
        for name, step in RECOGNIZERS.items():
            stage = f"recognize.{name}"
            t = time.perf_counter()
            try:
                step(ctx)
            except Exception as exc:  # one recognizer failing leaves the others' findings
                report.status = "partial"
                report.problems.append(Problem(stage=stage, severity="error", message=f"{type(exc).__name__}: {exc}"))
            timings[stage] = time.perf_counter() - t
        conflicts = ctx.scratch.get("project_conflicts", [])
        contacts = ctx.scratch.get("contacts", [])
        if report.report.kind is None:
            if not report.tables and not report.explanations and not report.projects:
                report.problems.append(Problem(stage="recognize", severity="warning",
                                               message="no report structure found: not a finance disclosure report?"))
                why = "no tables, explanations or report title recognised"
            else:
                why = "no report title or kind wording recognised"
            report.report.kind = Field(value="unknown", raw="", confidence=policy.KIND_UNKNOWN, notes=[why])
        stage = "catalog"
        t = time.perf_counter()
        apply_catalogue(report)
        timings["catalog"] = time.perf_counter() - t
        stage = "validate"
        t = time.perf_counter()
        if not opts.keep_contacts and (contacts or any(PHONE.search(ln.text) for ln in ndoc.lines)):
            _redact(report, {c.get("name", "") for c in contacts})
        validate(report, opts.review_threshold, _project_conflict_checks(conflicts, report.projects))
        timings["validate"] = time.perf_counter() - t
    except Exception as exc:  # a failing stage gives a partial result, never a lost file
        report.status = "partial"
        report.problems.append(Problem(stage=stage, severity="error", message=f"{type(exc).__name__}: {exc}"))
    timings["total"] = time.perf_counter() - t0
    report.timings = {k: round(v, 6) for k, v in timings.items()}
    return report


def _redact(report: Report, names: set[str]) -> None:
    names = {n for n in names if n and len(n) >= 2}
    for _, f in iter_fields(report):
        if isinstance(f.value, str) and (PHONE.search(f.value) or any(n in f.value for n in names)):
            f.value = redact(f.value, names)
            f.raw = redact(f.raw, names)
        elif f.raw and (PHONE.search(f.raw) or any(n in f.raw for n in names)):
            f.raw = redact(f.raw, names)
