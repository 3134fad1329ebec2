#!/usr/bin/env python3
"""Speed and memory of the extractor, printed as a table (never asserted in tests).

Routes measured: the text route on the real seed reports (../shared/seeds, when present) and on
generated reports (scripts/make_samples.py) of each layout. One process, one core: reports/s and
MB/s are per core. Also field-level accuracy on the generated reports, and peak memory.

    python scripts/bench.py [--count 200] [--repeat 3] [--no-ner]
    python scripts/bench.py --converted [--docs 10] [--corpus-sample 8]   # converted text vs the PDF route (issue 11)
"""
from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from extractor import extract  # noqa: E402
from extractor.evaluate import Score, compare  # noqa: E402
from extractor.structure.unread import UNREAD  # noqa: E402
from samplegen import generate  # noqa: E402


TEXT_OPTIONS: dict = {}  # extract() options of the text-route rows (--no-ner: {"ner": False})


def _time(paths: list[Path], repeat: int) -> tuple[float, dict[str, float]]:
    best = float("inf")
    stages: dict[str, float] = {}
    for _ in range(repeat):
        gc.collect()
        gc.freeze()  # the bench's own data (truth of every set) is not the extractor's garbage
        t0 = time.perf_counter()
        acc: dict[str, float] = {}
        for p in paths:
            r = extract(p, **TEXT_OPTIONS)
            for k, v in r.timings.items():
                acc[k] = acc.get(k, 0.0) + v
        dt = time.perf_counter() - t0
        if dt < best:
            best, stages = dt, acc
    return best, stages


def _peak_alloc(path: Path) -> float:
    tracemalloc.start()
    extract(path, **TEXT_OPTIONS)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def _print_table(head, rows) -> None:
    widths = [max(len(str(h)), *(len(f"{r[i]:.2f}" if isinstance(r[i], float) else str(r[i])) for r in rows))
              for i, h in enumerate(head)]

    def fmt(vals):
        return " | ".join((f"{v:.2f}" if isinstance(v, float) else str(v)).ljust(w) for v, w in zip(vals, widths))

    print(fmt(head))
    print("-|-".join("-" * w for w in widths))
    for r in rows:
        print(fmt(r))


def _norm(s) -> str:
    return "".join(str(s or "").split()).replace(",", "")


def camelot_baseline(pdf: Path, truth: dict) -> tuple[float, int]:
    """Share of a truth's table cells that raw camelot lattice output holds: for each truth table
    the single camelot table (one per page) holding most of its cells; a cell counts when a camelot
    row holds the row's code or name and the value anywhere in that row (lenient: columns are not
    checked)."""
    import warnings

    import camelot

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = camelot.read_pdf(str(pdf), pages="all", flavor="lattice")
    grids = [[[_norm(c) for c in row] for row in t.df.values.tolist()] for t in found]
    right = total = 0
    for tt in (truth.get("tables") or {}).values():
        cells = []
        for r in tt.get("rows", []):
            ident = r.get("code") or _norm(r.get("name"))
            values = [_norm(v) for v in (r.get("values") or {}).values() if v is not None]
            cells.append((ident, _norm(r.get("name")), values))
        n = sum(1 + len(v) for _, _, v in cells)
        total += n
        best = 0
        for g in grids:
            hit = 0
            for ident, name, values in cells:
                for row in g:
                    joined = "".join(row)
                    digits = "".join(c for c in row[:3] if c.isdigit())
                    if (ident and (ident == digits or ident in row)) or (name and name in joined):
                        hit += 1 + sum(1 for v in values if v in row)
                        break
            best = max(best, hit)
        right += best
    return (right / total if total else 1.0), total


def _document_routes(args, tmp: Path) -> None:
    import warnings

    warnings.simplefilter("ignore")
    print("\nDocument routes (one process, one core)")
    rows = []
    real = sorted((ROOT.parent / "shared" / "real-pdfs").glob("*.pdf"))
    for p in real:
        t0 = time.perf_counter()
        r = extract(p)
        dt = time.perf_counter() - t0
        cam = r.timings.get("ingest.tables (camelot)", 0.0)
        rows.append((f"real PDF {p.name[:38]}", r.source.pages, dt, r.source.pages / dt, cam, dt - cam))
    try:
        import samplegen as render_docs  # write_docx, write_pdf

        writers = [(fmt, getattr(render_docs, f"write_{fmt}")) for fmt in ("docx", "pdf")]
    except (ImportError, SystemExit, OSError) as exc:  # python-docx / fpdf2 / the CJK font missing
        print(f"(generated DOCX/PDF not timed: {exc})")
        writers = []
    for fmt, write in writers:
        paths = []
        for i in range(1, args.docs + 1):
            p = tmp / f"doc_{i:03d}.{fmt}"
            write(i, "final", p)
            paths.append(p)
        t0 = time.perf_counter()
        pages = 0
        cam = 0.0
        for p in paths:
            r = extract(p)
            pages += r.source.pages or 0
            cam += r.timings.get("ingest.tables (camelot)", 0.0)
        dt = time.perf_counter() - t0
        label = f"generated {fmt} ({len(paths)} reports)"
        rows.append((label, pages or "-", dt, (pages / dt) if pages else len(paths) / dt, cam, dt - cam))
    _print_table(("set", "pages", "seconds", "pages/s (docx: reports/s)", "camelot s", "rest s"), rows)

    print("\nTable-cell accuracy: raw camelot lattice output vs this project's tables")
    acc = []
    truth_file = ROOT / "tests" / "expected" / "pdf_sifaju_bumen_2026.json"
    pdf = ROOT.parent / "shared" / "real-pdfs" / "shanghai-putuo-sifaju-2026-bumen-yusuan.pdf"
    if truth_file.exists() and pdf.exists():
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        base, n = camelot_baseline(pdf, truth)
        score = compare(extract(pdf), truth)
        acc.append(("real 2026 部门预算 PDF (hand-checked truth)", n, base, score.part_accuracy("tables")))
    for fmt, write in writers:
        if fmt != "pdf":
            continue
        base_right = base_total = 0.0
        ours = Score()
        for i in range(1, args.docs + 1):
            p = tmp / f"doc_{i:03d}.pdf"
            _, truth = generate(i, kind="final")
            b, n = camelot_baseline(p, truth)
            base_right += b * n
            base_total += n
            ours.merge(compare(extract(p), truth))
        acc.append((f"generated PDFs ({args.docs})", int(base_total), base_right / base_total if base_total else 1.0,
                    ours.part_accuracy("tables")))
    if acc:
        _print_table(("set", "truth cells", "camelot alone", "this project"), acc)


def _cer(ref: str, hyp: str) -> tuple[int, int]:
    """Character edit distance between two texts with all whitespace removed, and the reference
    length (for the character error rate)."""
    from rapidfuzz.distance import Levenshtein

    a, b = "".join(ref.split()), "".join(hyp.split())
    return Levenshtein.distance(a, b), len(a)


def _ocr_route(args, tmp: Path) -> None:
    """Scans of generated reports: OCR character error rate (this project's PP-OCR stage, the
    optional PaddleOCR engine when it is installed, and Tesseract chi_sim, the baseline, on the same
    page images), table-cell accuracy, field F1, calibration and pages/s."""
    import importlib.util
    import shutil
    import subprocess

    import numpy as np
    from PIL import Image

    try:
        from samplegen import scans as render_scans
    except (ImportError, SystemExit, OSError) as exc:
        print(f"(OCR route not measured: {exc})")
        return
    from extractor.ocr import ocr_page
    from extractor.ocr.engines import get_engine

    engines = ["rapid"] + (["paddle"] if importlib.util.find_spec("paddleocr") else [])
    labels = {"rapid": "PP-OCRv6 on ONNX Runtime (rapidocr, default)", "paddle": "PP-OCRv4 on PaddleOCR 2.10 (--ocr-engine paddle)"}
    print(f"\nOCR route: {args.scans} generated reports scanned at 200 dpi, degradation {args.degrade} "
          "(one process, 2 cores)")
    scans = []
    for i in range(1, args.scans + 1):
        kind = ("final", "budget", "self_eval")[i % 3]
        path = tmp / f"scan_{i:03d}.pdf"
        truth, _ = render_scans.write_scan(i, kind, path, dpi=200, degrade=args.degrade)
        texts = render_scans.page_texts(i, kind)
        pngs = []
        for k in (1, 2):  # the character error rate on two pages of each report
            if k > len(texts):
                continue
            png = tmp / f"scan_{i:03d}_p{k}.png"
            render_scans.write_scan(i, kind, png, dpi=200, degrade=args.degrade, fmt="png", pages=[k])
            pngs.append((next(tmp.glob(f"scan_{i:03d}_p{k}*_p*.png"), png), texts[k - 1]))
        scans.append((path, truth, pngs))
    rows = []
    for name in engines:
        engine = get_engine(name)
        score, pages, seconds, err = Score(), 0, 0.0, [0, 0]
        for path, truth, pngs in scans:
            t0 = time.perf_counter()
            r = extract(path, ocr_engine=name)
            seconds += time.perf_counter() - t0
            pages += r.source.pages or 0
            score.merge(compare(r, truth))
            for png, ref in pngs:
                img = np.asarray(Image.open(png).convert("RGB"))
                lines, tables, _, _ = ocr_page(img, engine, 1)
                text = "".join(ln["text"] for ln in lines) + "".join(
                    c.text for _, t in tables for row in t.rows for c in row)
                d, n = _cer(ref, text)
                err[0] += d
                err[1] += n
        confident = [ok for c, ok in score.graded if c >= 0.9]
        wrong = [c for c, ok in score.graded if not ok]
        rows.append((labels[name], f"{err[0] / max(err[1], 1):.2%}", f"{score.part_accuracy('tables'):.2%}",
                     f"{score.f1:.4f}", f"{confident.count(False) / max(len(confident), 1):.2%} of {len(confident)}",
                     f"{sum(1 for c in wrong if c < 0.8)} of {len(wrong)}", f"{seconds / max(pages, 1):.2f}"))
    tess = shutil.which("tesseract")
    if tess:
        err, n_pages, tess_seconds = [0, 0], 0, 0.0
        for _, _, pngs in scans:
            for png, ref in pngs:
                t1 = time.perf_counter()
                out = subprocess.run([tess, str(png), "-", "-l", "chi_sim"], capture_output=True, text=True).stdout
                tess_seconds += time.perf_counter() - t1
                d, n = _cer(ref, out)
                err[0] += d
                err[1] += n
                n_pages += 1
        rows.append(("Tesseract chi_sim (baseline, text only)", f"{err[0] / max(err[1], 1):.2%}",
                     "-", "-", "-", "-", f"{tess_seconds / max(n_pages, 1):.2f}"))
    _print_table(("engine", "char error rate", "table cells right", "field F1", "wrong among conf>=0.9",
                  "wrong fields in review", "s/page (end to end)"), rows)


def _ner_eval_sets(tmp: Path):
    """(name, [(doc id, text, gold spans)], {doc id: rules' names}, labels annotated) for the
    hand-annotated seeds, for hand-written sentences with their project names (never looked at
    while the model or the merge rules were made), and for generated sentences in phrasings the
    model never saw."""
    from extractor.normalize import map_chars
    from extractor.recognize.entities import rule_names
    import ner_data

    sets = []
    seeds = {p.name[:3]: p for p in (ROOT.parent / "shared" / "seeds").glob("*.txt")}
    for title, file in (("hand-annotated seeds 001-003", "eval_seeds.jsonl"),
                        ("hand-annotated seeds 000 and 004", "eval_seeds_more.jsonl")):
        ann = ROOT / "tests" / "ner" / file
        if not (ann.exists() and seeds):
            continue
        rows = [json.loads(x) for x in ann.read_text(encoding="utf-8").splitlines() if x.strip()]
        names = {}
        for doc in sorted({r["doc"] for r in rows}):
            names[doc] = rule_names(extract(seeds[doc[-3:]], ner=False))
        sets.append((title, [(r["doc"], map_chars(r["text"]), [tuple(e) for e in r["entities"]])
                             for r in rows], names, None))
    blind = ROOT / "tests" / "ner" / "blind_projects.jsonl"
    if blind.exists():
        rows = [json.loads(x) for x in blind.read_text(encoding="utf-8").splitlines() if x.strip()]
        path = tmp / "blind.txt"
        path.write_text("\n".join(r["text"] for r in rows) + "\n", encoding="utf-8")
        sets.append((f"hand-written sentences, projects only ({len(rows)})",
                     [("blind", map_chars(r["text"]), [tuple(e) for e in r["entities"]]) for r in rows],
                     {"blind": rule_names(extract(path, ner=False))}, ("PROJECT",)))
    held = ner_data.sentences(400, seed=1, split="unseen")
    path = tmp / "unseen.txt"
    path.write_text("\n".join(t for t, _ in held) + "\n", encoding="utf-8")
    sets.append(("generated, unseen phrasing (400)", [("unseen", t, g) for t, g in held],
                 {"unseen": rule_names(extract(path, ner=False))}, None))
    return sets


def _ner_route(args, tmp: Path) -> None:
    """Entity precision / recall / F1 per label, rules alone against rules + NER (as the extractor
    merges them), on the hand-annotated seeds and on unseen generated phrasings; NER characters/s."""
    try:
        from extractor.recognize import ner
        from extractor.recognize.entities import combined, project_keys, rule_mentions

        nlp = ner.load()
    except (ImportError, RuntimeError) as exc:
        print(f"(NER not measured: {exc})")
        return
    from extractor.evaluate import span_scores

    for name, rows, names, only in _ner_eval_sets(tmp):
        labels = only or ner.LABELS
        gold, rules_only, both, ner_alone = [], [], [], []
        chars = sum(len(text) for _, text, _ in rows)
        t0 = time.perf_counter()  # in batches, as the extractor runs it over a report's paragraphs
        seen = list(ner.views_many(nlp, [text for _, text, _ in rows]))
        secs = time.perf_counter() - t0
        for (doc, text, spans), (ner_spans, rule_spans) in zip(rows, seen):
            rules = rule_mentions(text, names[doc], rule_spans)
            gold.append(spans)
            rules_only.append([(a, b, lab) for a, b, lab, _ in rules])
            both.append(combined(text, rules, ner_spans, project_keys(names[doc])))
            ner_alone.append(ner_spans)
        r, c, n = (span_scores([[e for e in doc if e[2] in labels] for doc in x], gold, labels)
                   for x in (rules_only, both, ner_alone))
        print(f"\nNER, {name}: {len(rows)} lines, exact spans; NER stage {chars / max(secs, 1e-9):,.0f} chars/s "
              "(tokenizer, ner, ruler and shapes; batched as in extraction)")
        table = []
        for label in list(labels) + ["ALL"]:
            if r[label]["n"] == 0:
                continue
            table.append((label, r[label]["n"], f"{r[label]['p']:.3f}", f"{r[label]['r']:.3f}", f"{r[label]['f1']:.3f}",
                          f"{c[label]['p']:.3f}", f"{c[label]['r']:.3f}", f"{c[label]['f1']:.3f}",
                          f"{n[label]['p']:.3f}", f"{n[label]['r']:.3f}"))
        _print_table(("label", "gold", "rules P", "rules R", "rules F1", "rules+NER P", "rules+NER R",
                      "rules+NER F1", "NER alone P", "NER alone R"), table)


def _corpus_sample(n: int) -> list[tuple[str, Path]]:
    """The first report of each city in ../shared/real-corpus (SOURCES.tsv label `report`), cities in
    file order, up to n: unseen real layouts. There is no truth: the PDF route is the reference, and
    where it misreads a table (issue 12) the measure is wrong with it."""
    import csv

    corpus = ROOT.parent / "shared" / "real-corpus"
    if n <= 0 or not (corpus / "SOURCES.tsv").exists():
        return []
    out: list[tuple[str, Path]] = []
    seen: set[str] = set()
    with open(corpus / "SOURCES.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["label"] == "report" and row["city"] not in seen and len(out) < n:
                seen.add(row["city"])
                out.append((f"corpus {row['file'][:-4]}", corpus / row["file"]))
    return out


def _converted_route(args, tmp: Path) -> None:
    """Issue 11's measure: each converter's text of a PDF (scripts/converted.py) through the text
    route against the PDF route's JSON of the same PDF (the reference): precision, recall and F1 of
    the comparable facts (table amounts, totals, explanation and project amounts), the text route's
    facts at confidence >= 0.9 the PDF route does not have, and the text route's seconds."""
    import warnings

    import converted

    warnings.simplefilter("ignore")
    pdfs = [(f"real {p.name[:38]}", p) for p in sorted((ROOT.parent / "shared" / "real-pdfs").glob("*.pdf"))]
    try:
        import samplegen

        for i in range(1, args.docs + 1):
            kind = ("final", "budget", "self_eval")[(i - 1) % 3]
            p = tmp / f"gen_{i:03d}_{kind}.pdf"
            samplegen.write_pdf(i, kind, p)
            pdfs.append((f"generated {kind} {i}", p))
    except (ImportError, SystemExit, OSError) as exc:  # fpdf2 / the CJK font missing
        print(f"(generated PDFs not measured: {exc})")
    pdfs.extend(_corpus_sample(args.corpus_sample))
    print(f"\nConverted text against the PDF route ({len(pdfs)} PDFs; reference: the PDF route's facts)")
    missing: dict[str, str] = {}
    rows: dict[str, list] = {name: [] for name in converted.CONVERTERS}
    # text, pdf, matched, wrong, seconds, table facts matched, table facts of the PDF route
    # and the tables whose title the text route found but could not read (problems)
    sums = {name: [0, 0, 0, 0, 0.0, 0, 0, 0] for name in converted.CONVERTERS}
    for label, pdf in pdfs:
        try:
            ref = extract(pdf)
        except Exception as exc:  # noqa: BLE001 - a PDF the PDF route cannot read is named, not fatal
            print(f"(PDF route failed on {label}: {exc})")
            continue
        for name in converted.CONVERTERS:
            if name in missing:
                continue
            try:
                txt = converted.convert(pdf, name, tmp / "converted")
            except converted.ConverterMissing as exc:
                missing[name] = str(exc)
                continue
            t0 = time.perf_counter()
            got = extract(txt)
            secs = time.perf_counter() - t0
            a = converted.agreement(got, ref)
            wrong = len(a["confident_wrong"])
            t_got, t_all = a["by_part"].get("table", (0, 0))
            unread = sum(UNREAD in p.message for p in got.problems)
            rows[name].append((name, label, a["pdf"], a["text"], a["matched"], f"{a['precision']:.3f}",
                               f"{a['recall']:.3f}", f"{a['f1']:.3f}", f"{t_got}/{t_all}", wrong, unread, secs))
            for k, v in enumerate((a["text"], a["pdf"], a["matched"], wrong, secs, t_got, t_all, unread)):
                sums[name][k] += v
    table = []
    for name in converted.CONVERTERS:
        if not rows[name]:
            continue
        table.extend(rows[name])
        n_text, n_pdf, n_match, wrong, secs, t_got, t_all, unread = sums[name]
        p = n_match / n_text if n_text else float(n_pdf == 0)
        r = n_match / n_pdf if n_pdf else float(n_text == 0)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        table.append((name, "ALL (facts pooled)", n_pdf, n_text, n_match, f"{p:.3f}", f"{r:.3f}", f"{f1:.3f}",
                      f"{t_got}/{t_all}", wrong, unread, secs))
    if table:
        _print_table(("converter", "report", "PDF facts", "text facts", "matched", "precision", "recall", "F1",
                      "table facts", "conf>=0.9 wrong", "tables unread", "text route s"), table)
    for name, why in missing.items():
        print(f"converter {name} skipped: {why}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=200, help="generated reports per layout row")
    ap.add_argument("--repeat", type=int, default=3, help="timing repeats (best is kept)")
    ap.add_argument("--docs", type=int, default=10, help="generated DOCX and PDF reports to time")
    ap.add_argument("--text-only", action="store_true", help="only the text route")
    ap.add_argument("--documents-only", action="store_true", help="only the DOCX and PDF routes")
    ap.add_argument("--ocr-only", action="store_true", help="only the OCR route")
    ap.add_argument("--ner-only", action="store_true", help="only the NER measures")
    ap.add_argument("--no-ner", action="store_true", help="the text-route rows without the NER layer (rules alone)")
    ap.add_argument("--scans", type=int, default=6, help="generated reports to scan and OCR (0: skip)")
    ap.add_argument("--degrade", type=float, default=0.5, help="scan degradation (0 clean .. 1 hard)")
    ap.add_argument("--converted", action="store_true",
                    help="only issue 11's measure: converters' text of the real PDFs and --docs generated PDFs "
                         "through the text route against the PDF route")
    ap.add_argument("--corpus-sample", type=int, default=0,
                    help="with --converted: also the first report of each of N cities of ../shared/real-corpus "
                         "(unseen layouts; the PDF route is the reference, not truth)")
    args = ap.parse_args()
    if args.no_ner:
        TEXT_OPTIONS["ner"] = False
    if args.converted:
        _converted_route(args, Path(tempfile.mkdtemp(prefix="bench-converted-")))
        return 0
    rows = []
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    sets: list[tuple[str, list[Path], list[dict] | None]] = []
    if seeds:
        sets.append(("seeds (real, 5)", seeds, None))
    for kind, layout, noise in (("final", "flat", 0.3), ("final", "pipe", 0.3), ("final", "tsv", 0.3),
                                ("final", "mixed", 1.0), ("budget", "mixed", 0.5), ("self_eval", "mixed", 0.5)):
        paths, truths = [], []
        for i in range(1, args.count + 1):
            text, truth = generate(i, noise=noise, layout=layout, kind=kind)
            p = tmp / f"{kind}_{layout}_{i:04d}.txt"
            p.write_text(text, encoding="utf-8")
            paths.append(p)
            truths.append(truth)
        sets.append((f"generated {kind} {layout} noise {noise} ({args.count})", paths, truths))
    if args.documents_only or args.ocr_only or args.ner_only:
        sets = []
    for name, paths, truths in sets:
        size = sum(p.stat().st_size for p in paths)
        secs, stages = _time(paths, args.repeat)
        f1 = ""
        if truths is not None:
            score = Score()
            for p, t in zip(paths, truths):
                score.merge(compare(extract(p, **TEXT_OPTIONS), t))
            f1 = f"{score.f1:.4f}"
        peak = max(_peak_alloc(p) for p in paths[:20])
        rows.append((name, len(paths), size / len(paths) / 1e3, len(paths) / secs, size / secs / 1e6,
                     1e3 * secs / len(paths), peak, f1,
                     " ".join(f"{k}:{1e3 * v / len(paths):.1f}" for k, v in stages.items() if k != "total")))
    head = ("set", "reports", "KB/report", "reports/s", "MB/s", "ms/report", "peak alloc MB", "field F1",
            "ms per stage")
    if rows:
        _print_table(head, rows)
    if not (args.documents_only or args.ocr_only):
        _ner_route(args, tmp)
    if not (args.text_only or args.ner_only):
        if not args.ocr_only:
            _document_routes(args, tmp)
        if args.scans:
            _ocr_route(args, tmp)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of this process: {rss:.0f} MB; one process = one core; python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
