"""The files of one synthetic sample: `write_sample(out_dir, stem, seed, noise, layout, kind, fmt)`
writes DIR/stem.txt (and/or .docx / .pdf) and DIR/stem.truth.json.

No command line (__main__.py) and no generating or laying out of its own (kinds.py, docx_writer.py,
pdf_writer.py).
"""
from __future__ import annotations

import json
from pathlib import Path

from .docx_writer import write_docx
from .kinds import generate
from .pdf_writer import write_pdf

FORMATS = ("txt", "docx", "pdf", "all")


def write_sample(out_dir: Path, stem: str, seed: int, noise: float, layout: str, kind: str = "final",
                 fmt: str = "txt") -> None:
    """DIR/stem.txt (and/or .docx / .pdf, by fmt: txt, docx, pdf or all) and DIR/stem.truth.json. The
    DOCX and PDF lay out the clean report (noise and layout apply to the text only); the truth is
    the same for every format, its "file" names the first file written."""
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, not {fmt!r}")
    formats = ("txt", "docx", "pdf") if fmt == "all" else (fmt,)
    text, truth = generate(seed, noise=noise, layout=layout, kind=kind)
    truth["file"] = f"{stem}.{formats[0]}"
    if "txt" in formats:
        (out_dir / f"{stem}.txt").write_text(text, encoding="utf-8")
    if "docx" in formats:
        write_docx(seed, kind, out_dir / f"{stem}.docx")
    if "pdf" in formats:
        write_pdf(seed, kind, out_dir / f"{stem}.pdf")
    (out_dir / f"{stem}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n",
                                                 encoding="utf-8")
