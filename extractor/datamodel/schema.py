"""Pydantic models of the output contract: Report, Field, Table, Row, checks and review items.

What it does: defines the JSON that every route (text, DOCX, PDF, OCR) produces, and its JSON Schema.
What it does not: extract anything (the stages fill these models) or set confidences (evidence/
owns that policy).

Amounts are `decimal.Decimal` inside the program and are written as JSON numbers with their
printed precision (`400.20` stays `400.20`), never through binary floats.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Optional, Union

from pydantic import BaseModel, ConfigDict, Field as PydField, WithJsonSchema
from typing_extensions import Annotated

from .jsonout import dumps

SCHEMA_VERSION = "1.3"
# 1.2: Field.repairs (repairs and doubts as data), Table.method and Table.parsing_report
# 1.3: Project.implementer, period, supervisor, full_year_budget


Amount = Annotated[
    Decimal,
    WithJsonSchema({"type": "number"}),
]

Value = Union[Amount, int, str, bool, None]


class Source(BaseModel):
    """Where a value was read: page (1-based, when the format has pages), line (1-based line of the
    normalized text, or of the page for PDFs), bbox in PDF points or image pixels."""

    model_config = ConfigDict(extra="forbid")
    page: Optional[int] = None
    line: Optional[int] = None
    bbox: Optional[list[float]] = None


class Repair(BaseModel):
    """A change made to the printed text before it became a value (OCR read O for 0, a speck dropped,
    a code taken from the catalogue), or a doubt about what was read (ink no word covers). `status`:
    made (certain by itself), unconfirmed (a check or the catalogue must confirm it; until then the
    field stays in review), confirmed (`by` says what confirmed it) or doubt (no check can settle
    it; a person looks). The Field's notes carry the same in words."""

    model_config = ConfigDict(extra="forbid")
    kind: str = PydField(description="what was repaired or doubted, e.g. ocr.mark_dropped, catalog.code_by_name")
    note: str = PydField(description="the repair in words, as written into the Field's notes")
    status: str = PydField("made", description="made | unconfirmed | confirmed | doubt")
    by: Optional[str] = PydField(None, description="what confirmed it: a check's rule or the catalogue")

    def describe(self) -> str:
        """The note a person reads: the words, marked when still unconfirmed."""
        return f"{self.note} (unconfirmed)" if self.status == "unconfirmed" else self.note


class Field(BaseModel):
    """One extracted leaf: the value, the raw printed text, a confidence in [0, 1], its source."""

    model_config = ConfigDict(extra="forbid")
    value: Value = None
    raw: str = ""
    confidence: float = 1.0
    source: Source = PydField(default_factory=Source)
    notes: list[str] = PydField(default_factory=list, description="repairs and doubts, in words")
    repairs: list[Repair] = PydField(default_factory=list, description="repairs and doubts as data (see Repair)")

    def unconfirmed(self) -> bool:
        """True while a repair or doubt of this value waits for a check or the catalogue."""
        return any(r.status == "unconfirmed" for r in self.repairs)


def make_source(page: Optional[int] = None, line: Optional[int] = None, bbox=None) -> Source:
    """A Source (one per extracted value)."""
    return Source(page=page, line=line, bbox=list(bbox) if bbox else None)


def make_field(value: Any = None, raw: str = "", confidence: float = 1.0, source: Optional[Source] = None,
               notes: Optional[list[str]] = None) -> Field:
    """A Field (one per extracted value). Values are Decimal, int, str, bool or None."""
    return Field(value=value, raw=raw, confidence=confidence, source=source if source is not None else Source(),
                 notes=notes if notes is not None else [])


class ParsingReport(BaseModel):
    """How a table reader read one table, in its own measures (camelot's parsing report, and the
    same measures for every other reader): which reader, on which pages, the printed grid's size,
    the share of empty cells, and what the reader itself scored or had to guess."""

    reader: str = PydField(description="the reader (the table's method)")
    pages: list[int] = PydField(default_factory=list)
    rows: int = 0
    cols: int = PydField(0, description="cells in the widest row")
    whitespace: float = PydField(0.0, description="percent of empty cells")
    ragged_rows: int = PydField(0, description="rows with fewer cells than the widest")
    joined_cells: int = PydField(0, description="cells whose text was joined from several printed lines")
    accuracy: Optional[float] = PydField(None, description="camelot's accuracy (percent of text inside cells)")
    ocr_score: Optional[float] = PydField(None, description="mean recognition score of the words read (OCR readers)")
    parts: int = PydField(1, description="pieces joined into this table (a table continued over pages)")


class SourceInfo(BaseModel):
    path: str
    sha256: str
    format: str
    route: str
    pages: Optional[int] = None
    encoding: Optional[str] = None
    bytes: int = 0


class ReportInfo(BaseModel):
    department: Optional[Field] = None
    year: Optional[Field] = None
    kind: Optional[Field] = None
    unit: Optional[Field] = None
    title: Optional[Field] = None


class Row(BaseModel):
    code: Optional[Field] = None
    name: Field
    level: Optional[str] = PydField(None, description="类, 款 or 项 for 功能分类 codes; 类/款 for 经济分类")
    block: Optional[str] = PydField(None, description="side or unit section of a multi-block table, e.g. 收入 / 支出, or the 预算单位 whose rows follow its subtotal")
    line_no: Optional[int] = PydField(None, description="printed 行次, when the table has one")
    values: dict[str, Field] = PydField(default_factory=dict)


class Table(BaseModel):
    method: Optional[str] = PydField(None, description="the reader that found the table: lattice (camelot), "
                                     "stream (column alignment), ocr-grid, ocr-stream, docx, flat, pipe or tsv")
    parsing_report: Optional[ParsingReport] = None
    code: Optional[str] = None
    template: Optional[str] = PydField(None, description="known table template id, null for generic")
    title: Optional[str] = None
    unit: Optional[str] = None
    page: Optional[int] = None
    line: Optional[int] = None
    columns: list[str] = PydField(default_factory=list)
    rows: list[Row] = PydField(default_factory=list)
    notes: list[str] = PydField(default_factory=list)


class Explanation(BaseModel):
    """One subject's explanation. 决算: budget (年初预算), actual (支出决算), completion_rate, direction
    (大于/小于/等于). 预算: budget (this year's 预算数), previous (上年执行数 or 上年预算数), change and
    change_rate against it, direction (增加/减少/持平)."""

    subject: Field
    code: Optional[Field] = None
    budget: Optional[Field] = None
    actual: Optional[Field] = None
    completion_rate: Optional[Field] = None
    previous: Optional[Field] = None
    change: Optional[Field] = None
    change_rate: Optional[Field] = None
    direction: Optional[Field] = None
    reason: Optional[Field] = None
    purpose: Optional[Field] = PydField(None, description="主要用于：… as printed")
    amount: Optional[Field] = PydField(None, description="the amount printed with the subject heading, if any")


class Project(BaseModel):
    """A project named in the report. `parent`: the name of the project this one is a part of — a
    numbered sub-project, or a component of a project's budget (项目总预算A万元，其中X B万元 gives X
    with `parent` set and `budget` B). `implementer` (实施主体) and `period` (实施周期) as printed in a
    budget's project section; `description` its 项目概述. From a 项目支出绩效自评表 also `supervisor`
    (主管部门) and `full_year_budget` (全年预算数; `budget` is 年初预算数, `actual` 全年执行数,
    `completion_rate` 执行率, `score` the sheet's 总分 得分)."""

    name: Field
    aliases: list[str] = PydField(default_factory=list)
    parent: Optional[str] = None
    budget: Optional[Field] = None
    full_year_budget: Optional[Field] = PydField(None, description="全年预算数: the budget after the year's "
                                                                    "adjustments (budget is 年初预算数)")
    actual: Optional[Field] = None
    completion_rate: Optional[Field] = None
    score: Optional[Field] = None
    grade: Optional[Field] = None
    description: Optional[Field] = None
    supervisor: Optional[Field] = PydField(None, description="主管部门: the department the project answers to, as printed "
                                                              "on its 绩效自评表")
    implementer: Optional[Field] = PydField(None, description="实施主体: who carries the project out, as printed")
    period: Optional[Field] = PydField(None, description="实施周期: the project's period, as printed")
    goal: Optional[Field] = PydField(None, description="绩效目标: the project's performance goal, as printed "
                                                       "(a 绩效目标表's goal cell or a project sheet's 绩效目标 part)")
    mentions: list[Source] = PydField(default_factory=list)


class Indicator(BaseModel):
    project: Optional[str] = PydField(None, description="the project a 绩效目标表 row belongs to")
    level1: Optional[Field] = None
    level2: Optional[Field] = None
    name: Field
    target: Optional[Field] = None
    actual: Optional[Field] = None
    weight: Optional[Field] = None
    score: Optional[Field] = None
    deviation: Optional[Field] = None


class Performance(BaseModel):
    score: Optional[Field] = None
    grade: Optional[Field] = None
    total_weight: Optional[Field] = None
    indicators: list[Indicator] = PydField(default_factory=list)


class Share(BaseModel):
    """A stated share: “其中：基本支出93.72万元，占29.9%” — the part, the whole it is a share of, the
    printed percentage."""

    subject: str
    amount: Field
    total: Field
    percent: Field


class Entity(BaseModel):
    """A named mention in the narrative: PROJECT, ORG, SUBJECT, DOC_NO, DATE, MONEY or PERCENT.
    `origin` says who found it: rules (patterns, catalogue), ner (the statistical model alone) or
    both; the text Field carries the confidence (agreement raises it, a NER-only find is uncertain)
    and where it stands."""

    label: str
    text: Field
    origin: str = PydField(description="rules | ner | both")


class Check(BaseModel):
    rule: str
    passed: bool
    expected: Optional[Amount] = None
    found: Optional[Amount] = None
    tolerance: Optional[Amount] = None
    message: str = ""
    fields: list[str] = PydField(default_factory=list, description="JSON paths of the fields involved")


class ReviewItem(BaseModel):
    path: str
    confidence: float
    why: str
    value: Value = None
    raw: str = ""


class Problem(BaseModel):
    """A recorded warning or error: never printed, always kept in the result."""

    stage: str
    message: str
    severity: str = "warning"


class Report(BaseModel):
    schema_version: str = SCHEMA_VERSION
    status: str = PydField("ok", description="ok | partial (a stage failed: see problems)")
    source: SourceInfo
    report: ReportInfo = PydField(default_factory=ReportInfo)
    unit: Optional[str] = PydField(None, description="amount unit of the narrative text (万元 or 元)")
    tables: list[Table] = PydField(default_factory=list)
    explanations: list[Explanation] = PydField(default_factory=list)
    projects: list[Project] = PydField(default_factory=list)
    totals: dict[str, Field] = PydField(default_factory=dict)
    staff: dict[str, Field] = PydField(default_factory=dict)
    three_public: dict[str, Field] = PydField(default_factory=dict)
    procurement: dict[str, Field] = PydField(default_factory=dict)
    assets: dict[str, Field] = PydField(default_factory=dict)
    performance: Performance = PydField(default_factory=Performance)
    targets: list[Indicator] = PydField(default_factory=list, description="rows of 项目支出绩效目标表 (budgets)")
    entities: list[Entity] = PydField(default_factory=list, description="named mentions in the narrative (NER layer)")
    shares: list[Share] = PydField(default_factory=list, description="stated shares (占…%) of a total")
    contacts: list[dict[str, str]] = PydField(default_factory=list)
    checks: list[Check] = PydField(default_factory=list)
    review: list[ReviewItem] = PydField(default_factory=list)
    problems: list[Problem] = PydField(default_factory=list)
    timings: dict[str, float] = PydField(default_factory=dict, description="seconds per stage")

    def model_dump_json(self, *, indent: Optional[int] = None, **kwargs: Any) -> str:  # type: ignore[override]
        """The JSON document, as the command line writes it: amounts are JSON numbers with their
        printed digits (pydantic alone would write Decimal as a string)."""
        return dumps(self.model_dump(mode="python", **kwargs), indent=indent)


def json_schema() -> dict:
    return Report.model_json_schema()
