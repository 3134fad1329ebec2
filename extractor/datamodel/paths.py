"""JSON paths of the Fields in a Report (report navigation): checks, the review queue, batch runs and
corrections name a field by its path.

What it does: `iter_fields(report)` yields (path, Field) for every Field; `get_field` resolves a path.
What it does not: change anything.
"""
from __future__ import annotations

from typing import Iterator, Optional

import regex as re

from pydantic import BaseModel

from .schema import Field, Report

_TOKEN = re.compile(r'\.?([A-Za-z_]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]')


def key(name: str) -> str:
    return '["' + name.replace("\\", "\\\\").replace('"', '\\"') + '"]'


def _walk(obj, path: str) -> Iterator[tuple[str, Field]]:
    if isinstance(obj, Field):
        yield path, obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _walk(v, path + key(str(k)))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _walk(v, f"{path}[{i}]")
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            if name in ("source", "checks", "review", "problems", "timings"):
                continue
            yield from _walk(getattr(obj, name), f"{path}.{name}" if path else name)


def iter_fields(report: Report) -> Iterator[tuple[str, Field]]:
    yield from _walk(report, "")


def get_field(report: Report, path: str) -> Optional[Field]:
    obj = report
    for m in _TOKEN.finditer(path):
        attr, idx, k = m.groups()
        try:
            if attr is not None:
                obj = getattr(obj, attr)
            elif idx is not None:
                obj = obj[int(idx)]
            else:
                obj = obj[k.replace('\\"', '"').replace("\\\\", "\\")]
        except (AttributeError, IndexError, KeyError, TypeError):
            return None
    return obj if isinstance(obj, Field) else None


def set_value(report: Report, path: str, field: Field) -> bool:
    """Replace the Field at `path` (used when a person's correction is applied)."""
    tokens = list(_TOKEN.finditer(path))
    obj = report
    for m in tokens[:-1]:
        attr, idx, k = m.groups()
        if attr is not None:
            obj = getattr(obj, attr)
        elif idx is not None:
            obj = obj[int(idx)]
        else:
            obj = obj[k]
    attr, idx, k = tokens[-1].groups()
    if attr is not None:
        setattr(obj, attr, field)
    elif idx is not None:
        obj[int(idx)] = field
    else:
        obj[k] = field
    return True
