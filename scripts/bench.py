#!/usr/bin/env python3
"""Speed and memory of the extractor, printed as a table (never asserted in tests).

Routes measured: the text route on the real seed reports (../shared/seeds, when present) and on
generated reports (scripts/make_samples.py) of each layout. One process, one core: reports/s and
MB/s are per core. Also field-level accuracy on the generated reports, and peak memory.

    python scripts/bench.py [--count 200] [--repeat 3]
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
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from extractor import extract  # noqa: E402
from extractor.evaluate import Score, compare  # noqa: E402
from make_samples import generate  # noqa: E402


def _time(paths: list[Path], repeat: int) -> tuple[float, dict[str, float]]:
    best = float("inf")
    stages: dict[str, float] = {}
    for _ in range(repeat):
        gc.collect()
        gc.freeze()  # the bench's own data (truth of every set) is not the extractor's garbage
        t0 = time.perf_counter()
        acc: dict[str, float] = {}
        for p in paths:
            r = extract(p)
            for k, v in r.timings.items():
                acc[k] = acc.get(k, 0.0) + v
        dt = time.perf_counter() - t0
        if dt < best:
            best, stages = dt, acc
    return best, stages


def _peak_alloc(path: Path) -> float:
    tracemalloc.start()
    extract(path)
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
        import render_docs

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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=200, help="generated reports per layout row")
    ap.add_argument("--repeat", type=int, default=3, help="timing repeats (best is kept)")
    ap.add_argument("--docs", type=int, default=10, help="generated DOCX and PDF reports to time")
    ap.add_argument("--text-only", action="store_true", help="only the text route")
    ap.add_argument("--documents-only", action="store_true", help="only the DOCX and PDF routes")
    args = ap.parse_args()
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
    if args.documents_only:
        sets = []
    for name, paths, truths in sets:
        size = sum(p.stat().st_size for p in paths)
        secs, stages = _time(paths, args.repeat)
        f1 = ""
        if truths is not None:
            score = Score()
            for p, t in zip(paths, truths):
                score.merge(compare(extract(p), t))
            f1 = f"{score.f1:.4f}"
        peak = max(_peak_alloc(p) for p in paths[:20])
        rows.append((name, len(paths), size / len(paths) / 1e3, len(paths) / secs, size / secs / 1e6,
                     1e3 * secs / len(paths), peak, f1,
                     " ".join(f"{k}:{1e3 * v / len(paths):.1f}" for k, v in stages.items() if k != "total")))
    head = ("set", "reports", "KB/report", "reports/s", "MB/s", "ms/report", "peak alloc MB", "field F1",
            "ms per stage")
    if rows:
        _print_table(head, rows)
    if not args.text_only:
        _document_routes(args, tmp)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of this process: {rss:.0f} MB; one process = one core; python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
