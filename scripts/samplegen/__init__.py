"""Synthetic Chinese public-finance reports with their truth, for testing the extractor.

The text generator (standard library only): `generate(seed, noise, layout, kind)` -> (text, truth)
for a 部门决算 (final.py), 部门预算 (budget.py) or 整体支出绩效自评报告 (self_eval.py), `kind_for`
(what kind="mixed" gives a seed), and `add_noise` (noise.py), which damages the text the way real
conversions do without changing what it means. Deterministic from the seed.

The renderers of the same reports, which import the generator and never the other way round:
DOCX (docx_writer.py: `write_docx`), PDF (pdf_writer.py: `write_pdf`), scans (scans.py:
`write_scan`, `page_texts`), and the sample files of the command line (sample_files.py:
`write_sample`; `python scripts/make_samples.py`, or `python -m samplegen` from scripts/). Their
names are available here too, loaded on first use, so that importing the package needs neither
python-docx, fpdf2, numpy nor OpenCV.

What it does not: copy any real report. Department names, sentences and figures are made up here;
only the public classification codes and names (功能分类 / 经济分类) and the template headings are
real.
"""
from __future__ import annotations

import importlib

from .budget import BUDGET_TABLES
from .catalog import CLASSES, ITEMS, SECTIONS
from .indicators import LEVEL2
from .kinds import KINDS, LAYOUTS, MIXED_KINDS, generate, generate_recorded, kind_for, resolve_kind
from .noise import NoiseProfile, add_noise
from .numerals import cn_num
from .recording import Recorder
from .tables import TableSpec, cells

# renderer names -> their module, imported on first use (PEP 562)
_LAZY = {
    "docx_writer": ("write_docx", "docx_bytes", "docx_style", "PLAIN_DOCX"),
    "pdf_writer": ("write_pdf", "pdf_bytes", "pdf_style", "PLAIN_PDF", "find_cjk_font"),
    "document": ("report_doc", "Doc", "Para", "Tab"),
    "grid": ("grid_of", "spaced_codes", "split_codes"),
    "scans": ("write_scan", "page_texts", "clean_pdf", "clean_page_image", "plan_pages"),
    "sample_files": ("write_sample",),
}
_LAZY_NAMES = {name: module for module, names in _LAZY.items() for name in names}

__all__ = ["BUDGET_TABLES", "CLASSES", "ITEMS", "SECTIONS", "LEVEL2", "KINDS", "LAYOUTS", "MIXED_KINDS",
           "generate", "generate_recorded", "kind_for", "resolve_kind", "NoiseProfile", "add_noise", "cn_num",
           "Recorder", "TableSpec", "cells", *_LAZY_NAMES]


def __getattr__(name: str):
    module = _LAZY_NAMES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY_NAMES))
