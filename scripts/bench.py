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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=200, help="generated reports per layout row")
    ap.add_argument("--repeat", type=int, default=3, help="timing repeats (best is kept)")
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
    widths = [max(len(str(h)), *(len(f"{r[i]:.2f}" if isinstance(r[i], float) else str(r[i])) for r in rows))
              for i, h in enumerate(head)]

    def fmt(vals):
        return " | ".join((f"{v:.2f}" if isinstance(v, float) else str(v)).ljust(w) for v, w in zip(vals, widths))

    print(fmt(head))
    print("-|-".join("-" * w for w in widths))
    for r in rows:
        print(fmt(r))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of this process: {rss:.0f} MB; one process = one core; python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
