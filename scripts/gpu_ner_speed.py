#!/usr/bin/env python3
"""One-off speed check of the NER stage (models/ner-zh) on CPU and on a GPU: not part of the tests.

Meant to be run once on a lent GPU machine (spaCy's GPU mode goes through thinc and CuPy), with
the spaCy wheels carried there. Each mode runs in its own subprocess, since spaCy must pick the GPU
before the model is loaded: `cpu1` (one BLAS/OpenMP thread), `cpu` (default threads), `gpu`
(`spacy.require_gpu()`). Each times, on the texts of tests/ner/eval_seeds.jsonl repeated to at
least --min-chars characters: the jieba tokenizer alone, the trained `ner` alone on pre-tokenized
docs, the whole pipeline by `nlp.pipe` (per --batch-sizes) and one text at a time with `nlp(text)`,
each timed run stopped after --max-seconds. It prints chars/s per mode, the number of entity spans
where a mode disagrees with `cpu`, and writes the table to $OUT/gpu_ner.txt when OUT is set.

    python scripts/gpu_ner_speed.py              # cpu1, cpu, gpu; exit 1 when the gpu mode fails
    python scripts/gpu_ner_speed.py --cpu-only   # cpu1 and cpu
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "ner" / "eval_seeds.jsonl"
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def _texts(min_chars: int) -> tuple[list[str], int]:
    unique = [json.loads(line)["text"] for line in SEEDS.read_text(encoding="utf-8").splitlines() if line.strip()]
    n = sum(map(len, unique))
    return unique * max(1, -(-min_chars // n)), len(unique)


def _import_ner():
    try:
        from extractor.recognize import ner
    except ImportError as exc:  # some non-NER dependency of the package missing: load ner.py alone
        print(f"[child] import extractor failed ({exc}); loading extractor/recognize/ner.py alone", flush=True)
        for k in [k for k in sys.modules if k == "extractor" or k.startswith("extractor.")]:
            del sys.modules[k]
        for name, path in (("extractor", ROOT / "extractor"), ("extractor.recognize", ROOT / "extractor" / "recognize")):
            mod = types.ModuleType(name)
            mod.__path__ = [str(path)]
            sys.modules[name] = mod
        from extractor.recognize import ner
    return ner


def _patch_nvrtc_std() -> None:
    """thinc compiles its kernels with --std=c++11; for an NVRTC that refuses it, ask for c++17."""
    import cupy

    orig = cupy.RawModule

    def raw_module(*args, **kwargs):
        opts = tuple("--std=c++17" if o in ("--std=c++11", "-std=c++11") else o for o in kwargs.get("options", ()))
        kwargs["options"] = opts
        return orig(*args, **kwargs)

    cupy.RawModule = raw_module


def child(args) -> int:
    if not args.allow_torch:  # thinc imports torch when it can; this pipeline needs none of it
        sys.modules.update({name: None for name in ("torch", "tensorflow", "mxnet")})
    t0 = time.perf_counter()
    info = {"mode": args.child}
    try:
        if args.child == "gpu":  # before spaCy: thinc sets its kernels' compile options on import
            import cupy  # what thinc.compat imports, here for the real error (thinc hides it)
            import cupy.cublas
            import cupyx  # noqa: F401

            cupy.cuda.runtime.getDeviceCount()
            if args.nvrtc_std17:
                _patch_nvrtc_std()
        import spacy
        import thinc

        info.update(spacy=spacy.__version__, thinc=thinc.__version__)
        if args.child == "gpu":
            spacy.require_gpu()
            info["cupy"] = cupy.__version__
            props = cupy.cuda.runtime.getDeviceProperties(cupy.cuda.Device().id)
            info["device"] = props["name"].decode() if isinstance(props["name"], bytes) else str(props["name"])
    except Exception as exc:  # no CuPy, no CUDA library, no GPU
        if args.child != "gpu":
            raise
        print(f"GPU MODE UNAVAILABLE: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        return 2
    ner_mod = _import_ner()
    nlp = ner_mod.load()
    info["load_s"] = round(time.perf_counter() - t0, 2)
    texts, n_unique = _texts(args.min_chars)
    total = sum(map(len, texts))
    info.update(n_texts=len(texts), chars=total)
    sync = (lambda: __import__("cupy").cuda.Device().synchronize()) if args.child == "gpu" else (lambda: None)
    rows, preds = [], {}

    def ents(doc):
        return [[e.start_char, e.end_char, e.label_] for e in doc.ents]

    def measure(stage: str, batching: str, docs_out) -> list:
        """Consume the docs, stopping after --max-seconds; a row of chars/s over what was done."""
        t, done, out = time.perf_counter(), 0, []
        for doc in docs_out:
            out.append(ents(doc))
            done += len(doc.text)
            if time.perf_counter() - t > args.max_seconds:
                break
        sync()
        part = "" if len(out) == len(texts) else f" ({len(out)}/{len(texts)})"
        rows.append((stage, batching + part, done / (time.perf_counter() - t)))
        return out[:n_unique]

    # warm-up: GPU kernels compile on first use
    list(nlp.pipe(texts[:256], batch_size=64))
    sync()

    t = time.perf_counter()
    docs = [nlp.make_doc(x) for x in texts]
    rows.append(("tokenize (jieba)", "-", total / (time.perf_counter() - t)))
    ner_pipe = nlp.get_pipe("ner")
    for bs in args.batch_sizes:
        copies = [d.copy() for d in docs]
        preds[f"ner_only_bs{bs}"] = measure("ner only", f"pipe bs={bs}", ner_pipe.pipe(copies, batch_size=bs))
    for bs in args.batch_sizes:
        preds[f"pipe_bs{bs}"] = measure("full pipeline", f"pipe bs={bs}", nlp.pipe(texts, batch_size=bs))
    preds["single"] = measure("full pipeline", "nlp(text)", (nlp(x) for x in texts))
    info["rows"] = rows
    Path(args.result).write_text(json.dumps({"info": info, "preds": preds}, ensure_ascii=False), encoding="utf-8")
    return 0


def _diff(a: list, b: list) -> tuple[int, int]:
    """(entity spans in one list and not the other, texts that differ) over the common prefix."""
    spans = docs = 0
    for x, y in zip(a, b):
        sx, sy = {tuple(e) for e in x}, {tuple(e) for e in y}
        spans += len(sx ^ sy)
        docs += sx != sy
    return spans, docs


def _run_mode(mode: str, args, extra: list[str]) -> tuple[dict | None, str]:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    if mode == "cpu1":
        env.update({k: "1" for k in THREAD_VARS})
    with tempfile.TemporaryDirectory() as td:
        res = Path(td) / "r.json"
        cmd = [sys.executable, __file__, "--child", mode, "--result", str(res), "--min-chars", str(args.min_chars),
               "--max-seconds", str(args.max_seconds), "--batch-sizes", ",".join(map(str, args.batch_sizes)), *extra]
        if args.allow_torch:
            cmd.append("--allow-torch")
        print(f"== {mode}: running", flush=True)
        p = subprocess.run(cmd, check=False, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        print(p.stdout, end="", flush=True)
        if p.returncode != 0 or not res.exists():
            lines = [ln for ln in p.stdout.strip().splitlines() if ln.strip()]
            return None, (lines[-1] if lines else f"exit {p.returncode}") + f" (exit {p.returncode})"
        return json.loads(res.read_text(encoding="utf-8")), p.stdout


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cpu-only", action="store_true", help="skip the gpu mode")
    ap.add_argument("--gpu-only", action="store_true", help="only cpu (the reference) and gpu")
    ap.add_argument("--min-chars", type=int, default=200_000)
    ap.add_argument("--batch-sizes", default="64,512", help="nlp.pipe batch sizes (comma-separated)")
    ap.add_argument("--max-seconds", type=float, default=30.0, help="cap on each timed run (then over what was done)")
    ap.add_argument("--allow-torch", action="store_true", help="let thinc import torch (blocked by default)")
    ap.add_argument("--child", choices=["cpu1", "cpu", "gpu"], help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    ap.add_argument("--nvrtc-std17", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    args.batch_sizes = [int(b) for b in str(args.batch_sizes).split(",") if b]
    if args.child:
        return child(args)

    modes = ["cpu"] if args.gpu_only else ["cpu1", "cpu"]
    if not args.cpu_only:
        modes.append("gpu")
    results, failed = {}, {}
    for mode in modes:
        r, msg = _run_mode(mode, args, [])
        if r is None and mode == "gpu" and any(s in msg + " " for s in ("c++11", "NVRTC", "CompileException")):
            print("== gpu: retrying with thinc's kernels compiled as c++17", flush=True)
            r, msg = _run_mode(mode, args, ["--nvrtc-std17"])
        if r is None:
            failed[mode] = msg
        else:
            results[mode] = r

    ref = results.get("cpu")
    lines = [f"python {sys.version.split()[0]}, {os.cpu_count()} cpus; texts: {SEEDS.relative_to(ROOT)}"]
    for mode, r in results.items():
        i = r["info"]
        lines.append(f"{mode}: spacy {i['spacy']} thinc {i['thinc']}" + (f" cupy {i['cupy']} device {i['device']}" if "device" in i else "")
                     + f"; load {i['load_s']} s; {i['n_texts']} texts, {i['chars']} chars")
    lines.append(f"{'mode':<6} {'stage':<17} {'batching':<20} {'chars/s':>10}")
    for mode, r in results.items():
        for stage, batching, cps in r["info"]["rows"]:
            lines.append(f"{mode:<6} {stage:<17} {batching:<20} {cps:>10,.0f}")
    if ref:
        lines.append("differences from cpu (entity spans in one and not the other / texts that differ):")
        for mode, r in results.items():
            parts = [f"{k} {'/'.join(map(str, _diff(ref['preds'][k], v)))}" for k, v in r["preds"].items() if k in ref["preds"]]
            lines.append(f"  {mode}: " + ", ".join(parts))
        ca, cb = ref["preds"][f"pipe_bs{args.batch_sizes[0]}"], ref["preds"]["single"]
        lines.append("  cpu pipe vs cpu nlp(text): " + "/".join(map(str, _diff(ca, cb))))
    for mode, msg in failed.items():
        lines.append(f"{mode}: FAILED: {msg}")
    table = "\n".join(lines)
    print("\n" + table)
    if os.environ.get("OUT"):
        Path(os.environ["OUT"], "gpu_ner.txt").write_text(table + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
