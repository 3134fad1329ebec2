"""JSON writing with exact decimals: Decimal values become JSON numbers with their printed digits.

What it does: serialise plain Python data (dict, list, str, int, float, bool, None, Decimal).
What it does not: parse JSON (use `json.loads(text, parse_float=Decimal)` to keep digits exact).
"""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Optional

_str = json.JSONEncoder(ensure_ascii=False).encode


def _encode(obj: Any, out: list, indent: Optional[int], level: int) -> None:
    if obj is None:
        out.append("null")
    elif obj is True:
        out.append("true")
    elif obj is False:
        out.append("false")
    elif isinstance(obj, str):
        out.append(_str(obj))
    elif isinstance(obj, Decimal):
        if not obj.is_finite():
            out.append("null")
        else:
            out.append(format(obj, "f"))
    elif isinstance(obj, (int, float)):
        out.append(json.dumps(obj))
    elif isinstance(obj, dict):
        if not obj:
            out.append("{}")
            return
        pad = "\n" + " " * (indent * (level + 1)) if indent else ""
        out.append("{")
        first = True
        for key, value in obj.items():
            if not first:
                out.append(",")
            first = False
            out.append(pad)
            out.append(_str(str(key)))
            out.append(": " if indent else ":")
            _encode(value, out, indent, level + 1)
        if indent:
            out.append("\n" + " " * (indent * level))
        out.append("}")
    elif isinstance(obj, (list, tuple)):
        if not obj:
            out.append("[]")
            return
        pad = "\n" + " " * (indent * (level + 1)) if indent else ""
        out.append("[")
        for i, value in enumerate(obj):
            if i:
                out.append(",")
            out.append(pad)
            _encode(value, out, indent, level + 1)
        if indent:
            out.append("\n" + " " * (indent * level))
        out.append("]")
    else:
        out.append(_str(str(obj)))


def dumps(obj: Any, indent: Optional[int] = None) -> str:
    out: list[str] = []
    _encode(obj, out, indent, 0)
    return "".join(out)
