"""`Recorder`: notes, while a report's lines are written, where its tables sit among them and which
model the report came from, so that the DOCX / PDF renderers can lay the same report out.

Writing the text never depends on it, and it renders nothing itself (document.py does).
"""
from __future__ import annotations

from .tables import TableSpec, table_body


class Recorder:
    """Notes, while a report's lines are written, where its tables sit among them, so that
    the DOCX / PDF renderers can lay the same report out as DOCX / PDF. Writing the text never depends on it."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.tables: list[dict] = []
        self.model = None          # Report, BudgetReport or SelfEval
        self.kind = ""

    def table(self, lines: list[str], start: int, n_head: int, spec: "TableSpec", layout: str, **meta) -> None:
        """The table written as lines[start:] (now ending at len(lines)): n_head title / code / unit
        lines, the body of `spec` in `layout`, then the note lines. meta: unit, dept_label, key,
        code_first, doc_spec (the spec to draw when it differs from the text's)."""
        body_start = start + n_head
        body_end = body_start + len(table_body(spec, layout))
        self.tables.append({"start": start, "body_start": body_start, "body_end": body_end, "end": len(lines),
                            "spec": meta.pop("doc_spec", None) or spec, **meta})
