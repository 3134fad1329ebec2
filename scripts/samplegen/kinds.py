"""The one entry point over the report kinds: `generate(seed, noise, layout, kind)` -> (text, truth),
`kind_for(seed)` (the kind that kind="mixed" gives a seed: final, budget and self_eval in turn),
`resolve_kind` (a kind with "mixed" resolved, checked), and `generate_recorded` (generate, noting in
a Recorder where the tables sit, for the DOCX / PDF renderers).

Not the reports themselves (final.py, budget.py, self_eval.py) and no file writing (sample_files.py).
"""
from __future__ import annotations

from typing import Optional

from .budget import generate_budget
from .final import generate_final
from .recording import Recorder
from .self_eval import generate_self_eval


LAYOUTS = ("flat", "pipe", "tsv", "mixed")
KINDS = ("final", "budget", "self_eval", "mixed")
MIXED_KINDS = ("final", "budget", "self_eval")


def kind_for(seed: int) -> str:
    """The kind that kind="mixed" gives a seed: final, budget and self_eval in turn."""
    return MIXED_KINDS[seed % len(MIXED_KINDS)]


def generate(seed: int, noise: float = 0.0, layout: str = "flat", kind: str = "final") -> tuple[str, dict]:
    """(report text, truth dict) for one synthetic report. The same seed gives the same report and
    the same truth whatever the layout and noise; noise only damages the text. `kind`: final
    (部门决算), budget (部门预算), self_eval (整体支出绩效自评报告) or mixed (kind_for(seed))."""
    return generate_recorded(seed, noise, layout, kind)


def resolve_kind(kind: str, seed: int) -> str:
    """`kind` with "mixed" replaced by kind_for(seed); a ValueError for a kind not in KINDS."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    return kind_for(seed) if kind == "mixed" else kind


def generate_recorded(seed: int, noise: float, layout: str, kind: str, rec: Optional[Recorder] = None) -> tuple[str, dict]:
    """generate(), noting in `rec` (when given) where the tables sit among the lines."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
    kind = resolve_kind(kind, seed)
    if kind == "budget":
        return generate_budget(seed, noise, layout, rec)
    if kind == "self_eval":
        return generate_self_eval(seed, noise, layout, rec)
    return generate_final(seed, noise, layout, rec)
