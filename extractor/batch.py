"""Bulk runs: many files -> one JSON line each, failures recorded, re-runs resumable.

What it does: expands directories and globs, skips files whose sha256 already has a result in the
output (unless forced), extracts in worker processes, streams each result as one JSON line as soon
as it is ready (a crash loses nothing already written), writes an error line {file, sha256, stage,
message} for a file that fails, and returns a summary.
What it does not: retry successful files or delete anything a user did not ask to redo.
"""
from __future__ import annotations

import glob
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Optional

from .datamodel.errors import ExtractionError
from .ingest.files import TEXT_SUFFIXES, sha256_file
from .pipeline import Options, extract


@dataclass
class Summary:
    files: int = 0
    ok: int = 0
    partial: int = 0
    failed: int = 0
    skipped: int = 0
    fields: int = 0
    review: int = 0
    seconds: float = 0.0

    @property
    def files_per_second(self) -> float:
        done = self.ok + self.partial + self.failed
        return done / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        d = asdict(self)
        d["files_per_second"] = round(self.files_per_second, 2)
        d["seconds"] = round(self.seconds, 2)
        return d


def expand_inputs(inputs: Iterable[str]) -> list[Path]:
    out: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in TEXT_SUFFIXES
                              and not q.name.endswith(".truth.json")))
        elif any(ch in item for ch in "*?["):
            out.extend(sorted(Path(q) for q in glob.glob(item, recursive=True) if Path(q).is_file()))
        else:
            out.append(p)
    seen: set[str] = set()
    unique = []
    for p in out:
        k = str(p.resolve()) if p.exists() else str(p)
        if k not in seen:
            seen.add(k)
            unique.append(p)
    return unique


def _done_hashes(output: Path) -> set[str]:
    done: set[str] = set()
    if not output.exists():
        return done
    with open(output, encoding="utf-8") as fh:
        for line in fh:
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            sha = (obj.get("source") or {}).get("sha256")
            if sha and obj.get("status") in ("ok", "partial"):
                done.add(sha)
    return done


def _drop_hashes(output: Path, hashes: set[str]) -> None:
    """--force: remove the earlier lines of the files about to be redone (atomically)."""
    if not output.exists() or not hashes:
        return
    fd, tmp = tempfile.mkstemp(dir=str(output.parent), prefix=output.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out, open(output, encoding="utf-8") as fh:
        for line in fh:
            try:
                obj = json.loads(line)
                sha = (obj.get("source") or {}).get("sha256") or obj.get("sha256")
            except json.JSONDecodeError:
                sha = None
            if sha not in hashes:
                out.write(line if line.endswith("\n") else line + "\n")
    os.replace(tmp, output)


def _work(path: str, options: Options) -> tuple[str, str, int, int, str]:
    """Runs in a worker: returns (path, status, fields, review, json line)."""
    try:
        report = extract(path, options)
    except ExtractionError as exc:
        line = json.dumps({"file": path, "sha256": sha256_file(Path(path)), "status": "failed", "stage": exc.stage,
                           "message": exc.cause}, ensure_ascii=False)
        return path, "failed", 0, 0, line
    except Exception as exc:  # a bug must not stop the batch; the line says what happened
        line = json.dumps({"file": path, "sha256": sha256_file(Path(path)), "status": "failed", "stage": "internal",
                           "message": f"{type(exc).__name__}: {exc}"}, ensure_ascii=False)
        return path, "failed", 0, 0, line
    from .datamodel.paths import iter_fields

    fields = sum(1 for _, f in iter_fields(report) if f.value is not None)
    return path, report.status, fields, len(report.review), report.model_dump_json()


def run_batch(inputs: Iterable[str], output: Optional[Path], options: Options, workers: int = 1,
              force: bool = False, progress: bool = True) -> Summary:
    files = expand_inputs(inputs)
    summary = Summary(files=len(files))
    start = time.perf_counter()
    todo: list[Path] = files
    if output is not None:
        hashes = {str(p): sha256_file(p) for p in files}
        if force:
            _drop_hashes(output, {h for h in hashes.values() if h})
        else:
            done = _done_hashes(output)
            todo = [p for p in files if hashes[str(p)] is None or hashes[str(p)] not in done]
            summary.skipped = len(files) - len(todo)
    sink = open(output, "a", encoding="utf-8") if output is not None else sys.stdout
    bar = None
    if progress:
        try:
            from tqdm import tqdm

            bar = tqdm(total=len(todo), unit="file", file=sys.stderr, dynamic_ncols=True)
        except ImportError:  # pragma: no cover - tqdm is a dependency
            bar = None
    try:
        def record(result):
            _, status, fields, review, line = result
            sink.write(line + "\n")
            sink.flush()
            if status == "ok":
                summary.ok += 1
            elif status == "partial":
                summary.partial += 1
            else:
                summary.failed += 1
            summary.fields += fields
            summary.review += review
            if bar is not None:
                bar.update(1)

        if workers <= 1 or len(todo) <= 1:
            for p in todo:
                record(_work(str(p), options))
        else:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = [pool.submit(_work, str(p), options) for p in todo]
                for fut in as_completed(futures):
                    record(fut.result())
    finally:
        if bar is not None:
            bar.close()
        if output is not None:
            sink.close()
    summary.seconds = time.perf_counter() - start
    return summary
