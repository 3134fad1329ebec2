"""The command line of the sample generator: writes synthetic reports and their truth JSON.

    python scripts/make_samples.py --out DIR --count N [--seed S] [--noise X] [--layout flat|pipe|tsv|mixed]
                                   [--kind final|budget|self_eval|mixed] [--name STEM] [--format txt|docx|pdf|all]

(or `python -m samplegen …` from scripts/) writes DIR/sample_0001.txt + DIR/sample_0001.truth.json,
… (sample i uses seed S + i - 1; --name names the single file of --count 1). `--format
docx|pdf|all` also (or only) writes sample_0001.docx / .pdf: the same clean report laid out by
docx_writer.py / pdf_writer.py (python-docx, fpdf2, a CJK font), with the same truth.

Only the argument parsing: the files are written by sample_files.py. Scans have their own command
line (scans.py, `python scripts/render_scans.py`).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional

from .kinds import KINDS, LAYOUTS
from .sample_files import FORMATS, write_sample


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description="Write synthetic 部门决算 / 部门预算 / 绩效自评 reports and their truth JSON.")
    ap.add_argument("--out", required=True, type=Path, help="output folder (created)")
    ap.add_argument("--count", type=int, default=10, help="how many reports (default 10)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the first report; report i uses seed+i-1")
    ap.add_argument("--noise", type=float, default=0.0, help="noise level, 0 = clean, 1 = heavy")
    ap.add_argument("--layout", choices=LAYOUTS, default="flat", help="table layout (default flat)")
    ap.add_argument("--kind", choices=KINDS, default="final",
                    help="final (部门决算, default), budget (部门预算), self_eval (整体支出绩效自评), "
                         "mixed (by seed: final, budget, self_eval in turn)")
    ap.add_argument("--name", help="file stem instead of sample_NNNN (only with --count 1)")
    ap.add_argument("--format", choices=FORMATS, default="txt", dest="fmt",
                    help="txt (default), docx, pdf or all: DOCX / PDF files of the clean report beside the "
                         "truth (samplegen.docx_writer / pdf_writer; needs python-docx, fpdf2 and a CJK font)")
    a = ap.parse_args(argv)
    if a.name and a.count != 1:
        ap.error("--name needs --count 1")
    a.out.mkdir(parents=True, exist_ok=True)
    for i in range(1, a.count + 1):
        write_sample(a.out, a.name or f"sample_{i:04d}", a.seed + i - 1, a.noise, a.layout, a.kind, a.fmt)
    return 0


if __name__ == "__main__":
    sys.exit(main())
