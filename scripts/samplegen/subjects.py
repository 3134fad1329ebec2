"""The 功能分类 subjects (项) a department spends on, shared by the 决算 and 预算 models: which ones
(`choose_subjects`: the operating 项, the project 项, staff-related 项 and extra project 项, with
basic and project amounts in hundredths of 万元) and their 类 / 款 / 项 names (`subject_path`).

Not the tables or sentences made from them (final.py, budget.py).
"""
from __future__ import annotations

import random

from .amounts import cents_between
from .catalog import CLASSES, ITEMS, SECTIONS


EXTRA_PROJECT_SUBJECTS = ["2010302", "2019999", "2060199", "2240199", "2120199", "2013102"]


def subject_path(code: str) -> tuple[str, str, str]:
    return CLASSES[code[:3]], SECTIONS[code[:5]], ITEMS[code]


def choose_subjects(rng: random.Random, dept: tuple) -> list[dict]:
    body, kind, _core, op_code, proj_code = dept[:5]
    staff = ["2080505", "2080506", "2210201",
             "2101101" if kind == "行政" else "2101102",
             "2080501" if kind == "行政" else "2080502"]
    picked_staff = rng.sample(staff, rng.randint(1, 4))
    extras = [c for c in EXTRA_PROJECT_SUBJECTS if c[:5] != op_code[:5] and c != proj_code]
    picked_extra = rng.sample(extras, rng.choice([0, 0, 1, 1, 2]))
    op = cents_between(rng, 60, 1200)
    subjects = [{"code": op_code, "basic": op, "proj": 0, "other": 0, "role": "op"}]
    if rng.random() < 0.25:
        subjects[0]["proj"] = cents_between(rng, 5, 80)
    subjects.append({"code": proj_code, "basic": 0, "proj": cents_between(rng, 10, 500), "other": 0,
                     "role": "project"})
    ratio = {"2080505": (0.06, 0.12), "2080506": (0.02, 0.05), "2210201": (0.05, 0.10),
             "2101101": (0.03, 0.07), "2101102": (0.03, 0.07), "2080501": (0.005, 0.04),
             "2080502": (0.005, 0.04)}
    for c in picked_staff:
        lo, hi = ratio[c]
        subjects.append({"code": c, "basic": max(100, int(op * rng.uniform(lo, hi))), "proj": 0,
                         "other": 0, "role": "staff"})
    for c in picked_extra:
        subjects.append({"code": c, "basic": 0, "proj": cents_between(rng, 3, 150), "other": 0,
                         "role": "project"})
    subjects.sort(key=lambda s: s["code"])
    return subjects
