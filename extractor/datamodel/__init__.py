"""The data that flows between the stages, and the output contract.

What it does: one home for every type a stage hands to the next — the output schema (schema.py:
Report, Field, Table …), the ingested Document (document.py), the normalized document
(normalized.py), the structured document (structured.py), the table-reader interface and parsing
report (readers.py), report paths (paths.py) and exact JSON writing (jsonout.py).
What it does not: extract, repair or decide anything; every stage imports from here, never from
another stage.
"""
from .document import Document, Line, ScanPage, SourceTable, TableCell
from .normalized import NLine, NormalizedDocument, NTable
from .schema import (SCHEMA_VERSION, Check, Entity, Explanation, Field, Indicator, ParsingReport, Performance,
                     Problem, Project, Repair, Report, ReportInfo, ReviewItem, Row, Share, Source, SourceInfo, Table,
                     json_schema, make_field, make_source)
from .structured import Block, Cell, Detached, GridBlock, Narrative, Structured

__all__ = [
    "Document", "Line", "ScanPage", "SourceTable", "TableCell", "NLine", "NormalizedDocument", "NTable",
    "SCHEMA_VERSION", "Check", "Entity", "Explanation", "Field", "Indicator", "ParsingReport", "Performance",
    "Problem", "Project", "Repair", "Report", "ReportInfo", "ReviewItem", "Row", "Share", "Source", "SourceInfo",
    "Table", "json_schema", "make_field", "make_source", "Block", "Cell", "Detached", "GridBlock", "Narrative", "Structured",
]
